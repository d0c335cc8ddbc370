/**
 * The whole sandbox wired together, as a merchant would run it: a local Shopify store (in its own
 * worker thread, because the NetSuite side calls it synchronously), a local NetSuite account running
 * the built bundle, the reference relay between Shopify's webhooks and the RESTlet, one shared clock,
 * and a store record set up through the UI like an admin would (its user event checks it).
 *
 *   const world = await createWorld();                 // demo shop, NetSuite seeded to match
 *   await world.shopify.post(`/shops/${world.shop}/actions/place-order`, { company: 'NS-CUST-1001', lines: [...] });
 *   await world.settle();                              // webhooks delivered, queued work processed
 *   world.netsuite.records.byExternalId('salesorder', 'sb2b:acme-b2b.myshopify.com:Order/1');
 *   await world.close();
 */
import http from 'http';
import type { AddressInfo } from 'net';
import { type RealClock, VirtualClock } from './clock';
import { serve, type RunningServer } from './http';
import { proxyTo } from './proxy';
import { createNetSuiteAccount, type NetSuiteAccount, type NetSuiteAccountOptions } from './netsuite/account';
import { DEMO_DOMAIN, DEMO_SECRET, DEMO_TOKEN, demoShop } from './shopify/demo';
import type { ShopSeed } from './shopify/seed';
import { startShopifyThread, type ShopifyThread } from './shopify/thread';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const relayModule = require('../relay/relay.js') as {
  createRelay(settings: Record<string, unknown>, log?: Pick<Console, 'warn' | 'error'>): http.Server;
};

export const TOKEN_SECRET_ID = 'custsecret_sb2b_demo_token';
export const WEBHOOK_SECRET_ID = 'custsecret_sb2b_demo_webhook';
export const NETSUITE_TOKEN = 'sandbox-token';
export const RESTLET_PATH = '/app/site/hosting/restlet.nl?script=customscript_sb2b_rl_inbound&deploy=customdeploy_sb2b_rl_inbound';
export const INBOUND_TOPICS = [
  'orders/create',
  'orders/updated',
  'orders/edited',
  'orders/cancelled',
  'companies/create',
  'companies/update',
  'company_locations/create',
  'company_locations/update',
  'company_contacts/create',
  'company_contacts/update',
  'company_contact_roles/assign',
  'company_contact_roles/revoke',
];

export interface JsonResponse<T = unknown> {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: T;
  text: string;
}

/** A JSON request with node:http (fetch cannot set Host, which picks the Shopify shop). */
export function requestJson<T = unknown>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<JsonResponse<T>> {
  const target = new URL(url);
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        method,
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        headers: { ...(payload !== undefined ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) } : {}), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed as T, text });
        });
      },
    );
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/** The local Shopify store over HTTP: its Admin API for one shop, and its control API. */
export class ShopifyClientForTests {
  constructor(
    readonly url: string,
    readonly shop: string,
    readonly token: string,
  ) {}

  /** GET on the control API (`/sandbox/shopify` + path); throws unless 2xx. */
  async get<T = unknown>(path: string): Promise<T> {
    const res = await requestJson<T>('GET', `${this.url}/sandbox/shopify${path}`);
    if (res.status >= 300) throw new Error(`GET ${path}: ${res.status} ${res.text}`);
    return res.body;
  }

  async post<T = unknown>(path: string, body: unknown = {}): Promise<T> {
    const res = await requestJson<T>('POST', `${this.url}/sandbox/shopify${path}`, body);
    if (res.status >= 300) throw new Error(`POST ${path}: ${res.status} ${res.text}`);
    return res.body;
  }

  async delete(path: string): Promise<void> {
    const res = await requestJson('DELETE', `${this.url}/sandbox/shopify${path}`);
    if (res.status >= 300) throw new Error(`DELETE ${path}: ${res.status} ${res.text}`);
  }

  /** An Admin API call as the connector's app; returns the whole answer (data, errors, extensions). */
  async graphql<T = unknown>(query: string, variables: Record<string, unknown> = {}): Promise<{ data?: T; errors?: unknown; extensions?: unknown }> {
    const res = await requestJson<{ data?: T; errors?: unknown; extensions?: unknown }>('POST', `${this.url}/admin/api/2026-10/graphql.json`, { query, variables }, {
      Host: this.shop,
      'X-Shopify-Access-Token': this.token,
    });
    return res.body;
  }
}

export interface WorldOptions {
  /** Default: a new VirtualClock (tests, the demo, the benchmark). `npm run serve` gives a RealClock. */
  clock?: VirtualClock | RealClock;
  /** The one port everything is served on (default 0: a free one), and its interface. */
  port?: number;
  host?: string;
  /** The Shopify shop (default: the demo shop). Its first app is the connector's. */
  shop?: ShopSeed;
  /** Values for the store record, over the defaults (every sync on, alerts to ops@). */
  store?: Record<string, unknown>;
  /** Subscribe the shop's webhooks to the relay (default true). */
  webhooks?: boolean;
  /** Mirror the shop's SKUs, locations and stock in NetSuite (default true). */
  mirrorCatalog?: boolean;
  netsuite?: Partial<NetSuiteAccountOptions>;
}

export interface World {
  clock: VirtualClock | RealClock;
  shop: string;
  shopify: ShopifyClientForTests;
  shopifyThread: ShopifyThread;
  netsuite: NetSuiteAccount;
  /**
   * The one port: the local NetSuite account (RESTlets, Suitelets, SuiteQL, /sandbox/netsuite), and
   * in front of their own threads the local Shopify store (/admin/api, /sandbox/shopify) and the
   * relay (/webhooks).
   */
  server: RunningServer;
  /** Where Shopify's webhooks go (the relay's own port: deliveries do not wait on the NetSuite thread). */
  relayUrl: string;
  storeId: number;
  /** NetSuite location ids by name, and the Shopify location gid each is mapped to. */
  locations: Record<string, { netsuiteId: number; shopifyGid: string }>;
  /** NetSuite item ids by SKU. */
  items: Record<string, number>;
  /** Special items the store record names (shipping, discount). */
  orderItems: { shipping: number; discount: number };
  /** Delivers webhooks, runs queued work and due timers, until nothing moves. */
  settle(): Promise<void>;
  /** Moves the shared clock (schedules and retries due in between run) and settles. VirtualClock only. */
  advance(ms: number): Promise<void>;
  close(): Promise<void>;
}

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function createWorld(options: WorldOptions = {}): Promise<World> {
  const clock = options.clock ?? new VirtualClock();
  const seed = options.shop ?? demoShop();
  const app = seed.apps?.[0] ?? { id: 'netsuite-connector', accessToken: DEMO_TOKEN, clientSecret: DEMO_SECRET };
  const token = app.accessToken ?? app.accessTokens?.[0] ?? DEMO_TOKEN;
  const shopifyThread = await startShopifyThread({ clock: clock instanceof VirtualClock ? clock : undefined, shops: [{ ...seed, apps: [app, ...(seed.apps?.slice(1) ?? [])] }], defaultShop: seed.domain });
  // Whatever fails while wiring up, nothing is left running (a stray worker would hang the test run).
  const cleanups: (() => Promise<void> | void)[] = [() => shopifyThread.close()];
  try {
    return await wire(clock, seed, app, token, shopifyThread, cleanups, options);
  } catch (e) {
    for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
    throw e;
  }
}

async function wire(
  clock: VirtualClock | RealClock,
  seed: ShopSeed,
  app: { id: string; clientSecret: string },
  token: string,
  shopifyThread: ShopifyThread,
  cleanups: (() => Promise<void> | void)[],
  options: WorldOptions,
): Promise<World> {
  const shopify = new ShopifyClientForTests(shopifyThread.url, seed.domain, token);

  const netsuite = await createNetSuiteAccount({
    clock,
    ...options.netsuite,
    http: { ...options.netsuite?.http, routes: { [seed.domain]: shopifyThread.url, ...options.netsuite?.http?.routes } },
    secrets: { [TOKEN_SECRET_ID]: token, [WEBHOOK_SECRET_ID]: app.clientSecret, ...options.netsuite?.secrets },
    tokens: [NETSUITE_TOKEN],
  });
  cleanups.push(() => netsuite.close());
  // One port for people and tools. N/https reaches the store on its own port: a script blocks this
  // thread while it waits, so a call through the shared port would never be answered.
  const handlers = netsuite.handlers();
  const server = await serve(handlers, options.port ?? 0, options.host ?? '127.0.0.1');
  cleanups.push(() => server.close());

  // The relay, exactly as shipped, forwarding with a bearer token (the sandbox's stand-in for OAuth).
  let inFlight = 0;
  const relay = relayModule.createRelay(
    { restletUrl: `${server.url}${RESTLET_PATH}`, auth: 'bearer', bearerToken: NETSUITE_TOKEN, shopifySecrets: [], path: '/webhooks', timeoutMs: 30_000 },
    { warn: () => undefined, error: () => undefined },
  );
  relay.on('request', (_req, res: http.ServerResponse) => {
    inFlight++;
    res.on('close', () => inFlight--);
  });
  const relayBase = await listen(relay);
  const relayUrl = `${relayBase}/webhooks`;
  cleanups.push(() => new Promise<void>((resolve) => relay.close(() => resolve())));
  handlers.push(
    proxyTo(shopifyThread.url, (path) => path.startsWith('/admin/') || path === '/sandbox/shopify' || path.startsWith('/sandbox/shopify/')),
    proxyTo(relayBase, (path) => path === '/webhooks'),
  );

  // NetSuite mirrors the shop: a location per Shopify location, an item per SKU with the same stock.
  const shopLocations = ((await shopify.graphql<{ locations: { nodes: { id: string; name: string }[] } }>('{ locations(first: 50) { nodes { id name } } }')).data?.locations.nodes ?? []);
  const locations: World['locations'] = {};
  const items: Record<string, number> = {};
  if (options.mirrorCatalog !== false) {
    for (const l of shopLocations) locations[l.name] = { netsuiteId: netsuite.records.seed('location', { name: l.name, subsidiary: 1 }), shopifyGid: l.id };
    const inventory = await shopify.get<{ sku: string; levels: Record<string, { available?: number; on_hand?: number }> }[]>(`/shops/${seed.domain}/inventory`);
    for (const item of inventory) {
      if (!item.sku) continue;
      const id = netsuite.records.seed('inventoryitem', { itemid: item.sku, displayname: item.sku, subsidiary: 1 });
      items[item.sku] = id;
      for (const [name, quantities] of Object.entries(item.levels)) {
        const location = locations[name];
        if (location) netsuite.inventory.setOnHand(id, location.netsuiteId, quantities.on_hand ?? quantities.available ?? 0);
      }
    }
  }
  const orderItems = {
    shipping: netsuite.records.seed('noninventoryitem', { itemid: 'Shopify shipping', subsidiary: 1 }),
    discount: netsuite.records.seed('discountitem', { itemid: 'Shopify discounts', subsidiary: 1 }),
  };

  // The store record, entered as an admin would (the setup check runs on save).
  const storeId = netsuite.ui.create('customrecord_sb2b_store', {
    name: seed.name ?? seed.domain,
    custrecord_sb2b_shop_domain: seed.domain,
    custrecord_sb2b_token_secret: TOKEN_SECRET_ID,
    custrecord_sb2b_webhook_secret: WEBHOOK_SECRET_ID,
    custrecord_sb2b_subsidiary: 1,
    custrecord_sb2b_alert_emails: 'ops@acme-industrial.example',
    custrecord_sb2b_shipping_item: orderItems.shipping,
    custrecord_sb2b_discount_item: orderItems.discount,
    custrecord_sb2b_sync_orders: true,
    custrecord_sb2b_sync_companies: true,
    custrecord_sb2b_sync_fulfillments: true,
    custrecord_sb2b_sync_inventory: true,
    ...(Object.keys(locations).length ? { custrecord_sb2b_default_location: Object.values(locations)[0].netsuiteId } : {}),
    ...options.store,
  });
  for (const location of Object.values(locations)) {
    netsuite.ui.create('customrecord_sb2b_location_map', {
      custrecord_sb2b_lm_store: storeId,
      custrecord_sb2b_lm_ns_location: location.netsuiteId,
      custrecord_sb2b_lm_shopify_location: location.shopifyGid,
    });
  }
  if (options.webhooks !== false) {
    for (const topic of INBOUND_TOPICS) await shopify.post(`/shops/${seed.domain}/webhooks`, { topic, uri: relayUrl, appId: app.id });
  }

  const world: World = {
    clock,
    shop: seed.domain,
    shopify,
    shopifyThread,
    netsuite,
    server,
    relayUrl,
    storeId,
    locations,
    items,
    orderItems,
    async settle() {
      for (let round = 0; round < 50; round++) {
        await shopify.post('/webhooks/flush');
        while (inFlight > 0) await new Promise((r) => setTimeout(r, 2));
        const ran = netsuite.runQueued();
        await shopifyThread.runDue();
        const deliveries = await shopify.post<{ inFlight: number }>('/webhooks/flush');
        if (ran === 0 && inFlight === 0 && deliveries.inFlight === 0) return;
      }
      throw new Error('the sandbox did not settle in 50 rounds: something keeps queueing work');
    },
    async advance(ms: number) {
      if (!(clock instanceof VirtualClock)) throw new Error('world.advance needs a VirtualClock: on real time, wait');
      clock.advance(ms);
      await shopifyThread.runDue();
      await world.settle();
    },
    async close() {
      await new Promise<void>((resolve) => relay.close(() => resolve()));
      relay.closeAllConnections?.();
      await server.close();
      await netsuite.close();
      await shopifyThread.close();
    },
  };
  await world.settle();
  return world;
}

export { DEMO_DOMAIN };
