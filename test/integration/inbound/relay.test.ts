/**
 * The reference relay (relay/relay.js) and the subscription script (relay/subscribe-webhooks.js),
 * each run as shipped (`node relay/…` with its environment) against the sandbox: Shopify's webhooks
 * reach NetSuite through the relay, which answers Shopify 200 only when NetSuite accepted the
 * webhook and 502 otherwise, so that Shopify retries.
 */
import { spawn, type ChildProcess } from 'child_process';
import http from 'http';
import type { AddressInfo } from 'net';
import path from 'path';
import { NETSUITE_TOKEN, RESTLET_PATH, createWorld, requestJson, type World } from '../../../sandbox/world';
import { DEMO_SECRET } from '../../../sandbox/shopify/demo';
import { count, examplePayload, inboundEntries, placeOrder, salesOrderFor, shopifyHmac } from './support';

const RELAY = path.join(__dirname, '../../../relay/relay.js');
const SUBSCRIBE = path.join(__dirname, '../../../relay/subscribe-webhooks.js');

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts `node relay/relay.js` with the given environment; resolves once it listens. */
async function startRelay(env: Record<string, string>): Promise<{ url: string; process: ChildProcess; output: () => string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [RELAY], { env: { PATH: process.env.PATH ?? '', PORT: String(port), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (output.includes('relay: listening')) {
        clearInterval(timer);
        resolve();
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`relay exited: ${output}`));
      }
    }, 10);
  });
  return { url: `http://127.0.0.1:${port}/webhooks`, process: child, output: () => output };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.on('exit', () => resolve());
    child.kill();
  });
}

function runScript(script: string, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** POSTs a webhook to the relay the way Shopify does: raw body, Shopify's headers. */
function shopifyPost(url: string, topic: string, body: string, shop: string, secret = DEMO_SECRET, ids = { webhookId: `wh-${Math.random()}`, eventId: `ev-${Math.random()}` }) {
  return requestJson('POST', url, body, {
    'X-Shopify-Topic': topic,
    'X-Shopify-Hmac-Sha256': shopifyHmac(body, secret),
    'X-Shopify-Shop-Domain': shop,
    'X-Shopify-Webhook-Id': ids.webhookId,
    'X-Shopify-Event-Id': ids.eventId,
    'X-Shopify-API-Version': '2026-07',
    'X-Shopify-Triggered-At': '2026-11-02T09:00:00.000Z',
  });
}

describe('relay/relay.js against the sandbox', () => {
  let world: World;
  const relays: ChildProcess[] = [];
  beforeAll(async () => {
    world = await createWorld({ webhooks: false });
  }, 60_000);
  afterAll(async () => {
    for (const r of relays) await stop(r);
    await world?.close();
  });

  async function relay(env: Record<string, string> = {}) {
    const started = await startRelay({
      NETSUITE_RESTLET_URL: `${world.server.url}${RESTLET_PATH}`,
      NETSUITE_AUTH: 'tba',
      NETSUITE_ACCOUNT_ID: 'TSTDRV1234567',
      NETSUITE_CONSUMER_KEY: 'consumer-key',
      NETSUITE_CONSUMER_SECRET: 'consumer-secret',
      NETSUITE_TOKEN_ID: NETSUITE_TOKEN,
      NETSUITE_TOKEN_SECRET: 'token-secret',
      ...env,
    });
    relays.push(started.process);
    return started;
  }

  it('forwards a webhook with token-based authentication and answers 200 once NetSuite accepted it', async () => {
    const { url } = await relay();
    const body = examplePayload('companies/update');
    const before = count(world, 'customrecord_sb2b_queue');
    const answer = await shopifyPost(url, 'companies/update', body, world.shop);
    expect(answer).toMatchObject({ status: 200, text: 'accepted' });
    expect(count(world, 'customrecord_sb2b_queue')).toBe(before + 1);
    // Byte for byte: the RESTlet checked Shopify's HMAC on the body the relay forwarded.
    expect(inboundEntries(world).at(-1)).toMatchObject({ topic: 'company/sync', gid: 'gid://shopify/Company/408372092144951419' });
  });

  it('answers 502 when NetSuite refuses the webhook, and stores nothing', async () => {
    const { url, output } = await relay();
    const before = count(world, 'customrecord_sb2b_queue');
    const forged = await shopifyPost(url, 'orders/create', examplePayload('orders/create'), world.shop, 'not-the-app-secret');
    expect(forged).toMatchObject({ status: 502, text: 'NetSuite did not accept the webhook' });
    const stranger = await shopifyPost(url, 'orders/create', examplePayload('orders/create'), 'stranger.myshopify.com');
    expect(stranger.status).toBe(502);
    expect(count(world, 'customrecord_sb2b_queue')).toBe(before);
    expect(output()).toContain('relay: NetSuite answered 400 for orders/create');
    expect(output()).toContain('HMAC_MISMATCH');
  });

  it('answers 502 when NetSuite cannot be reached or refuses the relay’s credentials', async () => {
    const down = await relay({ NETSUITE_RESTLET_URL: `http://127.0.0.1:${await freePort()}${RESTLET_PATH}` });
    expect(await shopifyPost(down.url, 'companies/update', examplePayload('companies/update'), world.shop)).toMatchObject({ status: 502, text: 'NetSuite did not answer' });
    const badToken = await relay({ NETSUITE_TOKEN_ID: 'revoked-token' });
    expect(await shopifyPost(badToken.url, 'companies/update', examplePayload('companies/update'), world.shop)).toMatchObject({ status: 502 });
  });

  it('with SHOPIFY_WEBHOOK_SECRETS, refuses unsigned webhooks itself (401) and takes either secret during a rotation', async () => {
    const { url } = await relay({ SHOPIFY_WEBHOOK_SECRETS: `new-secret, ${DEMO_SECRET}` });
    const before = count(world, 'customrecord_sb2b_queue');
    expect(await shopifyPost(url, 'companies/update', examplePayload('companies/update'), world.shop, 'forged')).toMatchObject({ status: 401, text: 'HMAC does not match' });
    expect(count(world, 'customrecord_sb2b_queue')).toBe(before);
    expect((await shopifyPost(url, 'companies/update', examplePayload('companies/update'), world.shop)).status).toBe(200);
  });

  it('lets Shopify retry a refused webhook until NetSuite takes it: the order arrives once the setup is fixed', async () => {
    const { url } = await relay();
    await world.shopify.post(`/shops/${world.shop}/webhooks`, { topic: 'orders/create', uri: url });
    // The store's webhook secret points at the wrong API Secret for a while.
    world.netsuite.secrets.set('custsecret_sb2b_wrong', 'wrong-secret');
    world.netsuite.ui.edit('customrecord_sb2b_store', world.storeId, { custrecord_sb2b_webhook_secret: 'custsecret_sb2b_wrong' });
    const placed = await placeOrder(world, { company: 'NS-CUST-1002', poNumber: 'PO-RELAY', lines: [{ sku: 'HAT-YEL', quantity: 2 }] });
    await world.settle();
    const [delivery] = await world.shopify.get<{ state: string; attempts: { status: number }[] }[]>(`/webhooks/deliveries?topic=orders/create`);
    expect(delivery.attempts.map((a) => a.status)).toEqual([502]);
    expect(salesOrderFor(world, placed.id)).toBeUndefined();

    world.netsuite.ui.edit('customrecord_sb2b_store', world.storeId, { custrecord_sb2b_webhook_secret: 'custsecret_sb2b_demo_webhook' });
    await world.advance(60_000); // Shopify's first retry, about a minute later
    const [retried] = await world.shopify.get<{ state: string; attempts: { status: number }[] }[]>(`/webhooks/deliveries?topic=orders/create`);
    expect(retried).toMatchObject({ state: 'delivered', attempts: [{ status: 502 }, { status: 200 }] });
    expect(salesOrderFor(world, placed.id)?.fields).toMatchObject({ otherrefnum: 'PO-RELAY' });
  });
});

describe('relay/subscribe-webhooks.js against the local store', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld({ webhooks: false });
    // A second shop on the same server: the script must reach the shop it names, not the server's default.
    await world.shopify.post('/shops', {
      domain: 'second-b2b.myshopify.com',
      apps: [{ id: 'netsuite-connector', accessToken: 'shpat_second', clientSecret: 'second-secret' }],
    });
  }, 60_000);
  afterAll(() => world?.close());

  const settings = (shop: string, token: string) => ({
    SHOPIFY_SHOP: shop,
    SHOPIFY_ACCESS_TOKEN: token,
    RELAY_URL: 'https://relay.example.com/webhooks',
    SHOPIFY_ADMIN_URL: world.shopifyThread.url,
  });

  it('subscribes the shop it names to every topic the connector takes, once', async () => {
    const first = await runScript(SUBSCRIBE, settings('second-b2b.myshopify.com', 'shpat_second'));
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain(
      'subscribed: ORDERS_CREATE, ORDERS_UPDATED, ORDERS_EDITED, ORDERS_CANCELLED, COMPANIES_CREATE, COMPANIES_UPDATE, COMPANY_LOCATIONS_CREATE, COMPANY_LOCATIONS_UPDATE, COMPANY_CONTACTS_CREATE, COMPANY_CONTACTS_UPDATE, COMPANY_CONTACT_ROLES_ASSIGN, COMPANY_CONTACT_ROLES_REVOKE',
    );
    const subscriptions = await world.shopify.get<{ topic: string; uri: string }[]>('/shops/second-b2b.myshopify.com/webhooks');
    expect(subscriptions.map((s) => s.topic).sort()).toEqual(
      [
        'companies/create',
        'companies/update',
        'company_contact_roles/assign',
        'company_contact_roles/revoke',
        'company_contacts/create',
        'company_contacts/update',
        'company_locations/create',
        'company_locations/update',
        'orders/cancelled',
        'orders/create',
        'orders/edited',
        'orders/updated',
      ],
    );
    expect(new Set(subscriptions.map((s) => s.uri))).toEqual(new Set(['https://relay.example.com/webhooks']));
    expect(await world.shopify.get<unknown[]>(`/shops/${world.shop}/webhooks`)).toEqual([]);

    const again = await runScript(SUBSCRIBE, settings('second-b2b.myshopify.com', 'shpat_second'));
    expect(again.stdout).toContain('subscribed: none new; already there: ORDERS_CREATE');
    expect(await world.shopify.get<unknown[]>('/shops/second-b2b.myshopify.com/webhooks')).toHaveLength(12);
  });

  it('says what is missing, and what Shopify refused', async () => {
    expect(await runScript(SUBSCRIBE, { SHOPIFY_SHOP: 'x.myshopify.com' })).toMatchObject({ code: 2, stderr: 'set SHOPIFY_ACCESS_TOKEN, RELAY_URL\n' });
    const refused = await runScript(SUBSCRIBE, settings('second-b2b.myshopify.com', 'shpat_wrong'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Shopify answered 401');
  });
});
