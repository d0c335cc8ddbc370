/**
 * Two Shopify stores synced by one NetSuite account, side by side: each with its own token, webhook
 * secret, switches and alert recipients. A sync switched off for one store closes its entries with
 * the reason; one store's broken token holds only its own entries and mails only its own people; the
 * health GET of rl_inbound shows both stores and the queue.
 */
import { createWorld, INBOUND_TOPICS, NETSUITE_TOKEN, RESTLET_PATH, requestJson, ShopifyClientForTests, TOKEN_SECRET_ID, type World } from '../../../sandbox/world';
import type { ShopSeed } from '../../../sandbox/shopify/seed';
import { entries, expectNoSecretLeaks, placeOrder, untilRunAfterDue, tick } from '../../support/engine';

const BETA = 'beta-b2b.myshopify.com';
const BETA_TOKEN = 'shpat_beta_wholesale';
const BETA_SECRET = 'beta-webhook-secret';
const BETA_TOKEN_SECRET_ID = 'custsecret_sb2b_beta_token';

function betaShop(): ShopSeed {
  return {
    domain: BETA,
    name: 'Beta Wholesale',
    currencyCode: 'USD',
    plan: 'plus',
    apps: [{ id: 'netsuite-connector', accessToken: BETA_TOKEN, clientSecret: BETA_SECRET }],
    locations: [{ name: 'Beta DC', address: { address1: '7 Harbor Rd', city: 'Tacoma', provinceCode: 'WA', countryCode: 'US', zip: '98402' } }],
    products: [{ title: 'Hex bolt M8', variants: [{ sku: 'HB-M8-40', price: '0.40', stock: { 'Beta DC': 1000 } }] }],
    companies: [
      {
        name: 'Beta Buyers',
        externalId: 'BETA-1',
        contact: { email: 'buyer@beta.example', firstName: 'Bo', lastName: 'Buyer' },
        locations: [{ name: 'Beta Buyers HQ', paymentTerms: 'Net 30', shippingAddress: { address1: '1 Pier St', city: 'Tacoma', zoneCode: 'WA', countryCode: 'US', zip: '98402' }, billingSameAsShipping: true }],
      },
    ],
  };
}

let world: World;
let betaStoreId: number;
const beta = () => new ShopifyClientForTests(world.shopify.url, BETA, BETA_TOKEN);

beforeAll(async () => {
  world = await createWorld();
  // The second shop, its app's secrets in NetSuite, and its webhooks to the same relay.
  await world.shopify.post('/shops', betaShop());
  world.netsuite.route(BETA, world.shopifyThread.url);
  world.netsuite.secrets.set(BETA_TOKEN_SECRET_ID, BETA_TOKEN);
  world.netsuite.secrets.set('custsecret_sb2b_beta_webhook', BETA_SECRET);
  const betaLocation = (await beta().graphql<{ locations: { nodes: { id: string }[] } }>('{ locations(first: 1) { nodes { id } } }')).data!.locations.nodes[0].id;
  const nsLocation = world.locations['Columbus DC'].netsuiteId;
  betaStoreId = world.netsuite.ui.create('customrecord_sb2b_store', {
    name: 'Beta Wholesale',
    custrecord_sb2b_shop_domain: BETA,
    custrecord_sb2b_token_secret: BETA_TOKEN_SECRET_ID,
    custrecord_sb2b_webhook_secret: 'custsecret_sb2b_beta_webhook',
    custrecord_sb2b_subsidiary: 1,
    custrecord_sb2b_alert_emails: 'beta-ops@beta.example',
    custrecord_sb2b_shipping_item: world.orderItems.shipping,
    custrecord_sb2b_discount_item: world.orderItems.discount,
    custrecord_sb2b_default_location: nsLocation,
    custrecord_sb2b_sync_orders: false,
    custrecord_sb2b_sync_companies: true,
  });
  world.netsuite.ui.create('customrecord_sb2b_location_map', { custrecord_sb2b_lm_store: betaStoreId, custrecord_sb2b_lm_ns_location: nsLocation, custrecord_sb2b_lm_shopify_location: betaLocation });
  for (const topic of INBOUND_TOPICS) await world.shopify.post(`/shops/${BETA}/webhooks`, { topic, uri: world.relayUrl, appId: 'netsuite-connector' });
  await world.settle();
}, 60_000);
afterAll(() => world?.close());

const connectionOf = (storeId: number) => String(world.netsuite.records.get('customrecord_sb2b_store', storeId)!.fields.custrecord_sb2b_connection);
const placeBetaOrder = (po: string) => world.shopify.post<{ id: string }>(`/shops/${BETA}/actions/place-order`, { company: 'BETA-1', poNumber: po, lines: [{ sku: 'HB-M8-40', quantity: 5 }] });
const salesOrderFor = (po: string) => world.netsuite.query(`SELECT t.id, c.companyname AS customer FROM transaction t JOIN customer c ON c.id = t.entity WHERE t.type = 'SalesOrd' AND t.otherrefnum = ?`, [po]);

it('checks each store’s connection with its own token, against its own shop', () => {
  expect(connectionOf(world.storeId)).toMatch(/^Connected to Acme Industrial Supply \(acme-b2b\.myshopify\.com\)/);
  expect(connectionOf(betaStoreId)).toMatch(/^Connected to Beta Wholesale \(beta-b2b\.myshopify\.com\)/);
});

it('honours each store’s switches: Beta’s orders are closed with the reason while order sync is off there, Acme’s sync', async () => {
  const acme = await placeOrder(world, 'PO-ACME-1');
  const betaOrder = await placeBetaOrder('PO-BETA-1');
  await world.settle();
  expect(entries(world, `custrecord_sb2b_q_shopify_gid = ? AND custrecord_sb2b_q_store = ?`, [acme.id, world.storeId])[0]).toMatchObject({ status: 'done' });
  expect(entries(world, `custrecord_sb2b_q_shopify_gid = ? AND custrecord_sb2b_q_store = ?`, [betaOrder.id, betaStoreId])[0]).toMatchObject({
    status: 'skipped',
    closeReason: 'not synced: Order sync is off for store Beta Wholesale',
  });
  expect(salesOrderFor('PO-ACME-1')).toHaveLength(1);
  expect(salesOrderFor('PO-BETA-1')).toEqual([]);

  // Switched on, Beta's next order syncs, for Beta's own company.
  tick(world);
  world.netsuite.ui.edit('customrecord_sb2b_store', betaStoreId, { custrecord_sb2b_sync_orders: true });
  await placeBetaOrder('PO-BETA-2');
  await world.settle();
  expect(salesOrderFor('PO-BETA-2')).toEqual([expect.objectContaining({ customer: 'Beta Buyers HQ' })]);
});

it('holds only the store whose token fails, and mails only that store’s people', async () => {
  world.netsuite.secrets.set(BETA_TOKEN_SECRET_ID, 'shpat_no_longer_valid');
  const mails = world.netsuite.emails.length;
  const betaOrder = await placeBetaOrder('PO-BETA-3');
  await placeOrder(world, 'PO-ACME-2');
  await world.settle();
  const held = entries(world, `custrecord_sb2b_q_shopify_gid = ? AND custrecord_sb2b_q_store = ?`, [betaOrder.id, betaStoreId])[0];
  expect(held).toMatchObject({ status: 'pending', errorCode: 'SHOPIFY_AUTH' });
  expect(salesOrderFor('PO-ACME-2')).toHaveLength(1);
  const sent = world.netsuite.emails.slice(mails);
  expect(sent.map((e) => [e.recipients, e.subject])).toEqual([[['beta-ops@beta.example'], 'Shopify B2B: Beta Wholesale: 1 store problem']]);
  expect(sent[0].body).toContain('API Secret custsecret_sb2b_beta_token');

  world.netsuite.secrets.set(BETA_TOKEN_SECRET_ID, BETA_TOKEN);
  await untilRunAfterDue(world, held);
  expect(salesOrderFor('PO-BETA-3')).toHaveLength(1);
  expect(world.netsuite.secrets.get(TOKEN_SECRET_ID)).toBeDefined();
  expectNoSecretLeaks(world, [BETA_TOKEN, 'shpat_no_longer_valid', BETA_SECRET]);
});

describe('the health GET of rl_inbound', () => {
  const get = (headers: Record<string, string>) =>
    requestJson<unknown>('GET', `${world.server.url}${RESTLET_PATH}`, undefined, { Authorization: `Bearer ${NETSUITE_TOKEN}`, ...headers });

  it('answers JSON with the stores, the queue by direction and status, and each topic’s last success and failure', async () => {
    const res = await get({ 'Content-Type': 'application/json' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const health = res.body as {
      stores: { id: string; name: string; shopDomain: string; status: string }[];
      queue: { direction: string; status: string; count: number }[];
      topics: { direction: string; topic: string; lastSuccessAt: string | null; lastFailureAt: string | null; lastFailure: string | null }[];
    };
    expect(health.stores).toEqual([
      { id: String(world.storeId), name: 'Acme Industrial Supply', shopDomain: 'acme-b2b.myshopify.com', status: 'ok' },
      { id: String(betaStoreId), name: 'Beta Wholesale', shopDomain: BETA, status: 'ok' },
    ]);
    const count = (direction: string, status: string) => health.queue.find((q) => q.direction === direction && q.status === status)?.count ?? 0;
    expect(count('inbound', 'done')).toBe(entries(world, `custrecord_sb2b_q_direction = 'inbound' AND custrecord_sb2b_q_status = 'done'`).length);
    expect(count('inbound', 'skipped')).toBe(entries(world, `custrecord_sb2b_q_direction = 'inbound' AND custrecord_sb2b_q_status = 'skipped'`).length);
    expect(count('inbound', 'skipped')).toBeGreaterThan(0);
    const orders = health.topics.find((t) => t.direction === 'inbound' && t.topic === 'order/sync')!;
    expect(orders.lastSuccessAt).not.toBeNull();
    expect(orders.lastFailure).toMatch(/^SHOPIFY_AUTH: Shopify refused the access token for beta-b2b\.myshopify\.com/);
  });

  it('answers the same JSON to a monitor that sends no Content-Type (as text, which NetSuite requires then)', async () => {
    const res = await get({});
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect((res.body as { stores: unknown[] }).stores).toHaveLength(2);
  });
});
