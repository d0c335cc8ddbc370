/**
 * The control API (/sandbox/shopify/...), over real HTTP: integration tests drive the store only
 * this way once it runs in its own thread. Reads must have no side effects and spend no rate
 * limit; seeding is silent; actions behave like a buyer or merchant, webhooks included; reset
 * puts everything back.
 */
import http from 'http';
import { VirtualClock, RealClock } from '../../../sandbox/clock';
import { serve, type RunningServer } from '../../../sandbox/http';
import { createShopifyStore, type ShopifyStore } from '../../../sandbox/shopify/store';
import { acmeShop, SHOP, TOKEN } from './fixtures';
import { startReceiver, type Receiver } from './receiver';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

let clock: VirtualClock;
let store: ShopifyStore;
let server: RunningServer;
let receiver: Receiver;

beforeEach(async () => {
  clock = new VirtualClock(Date.parse('2026-11-02T09:00:00Z'));
  store = createShopifyStore({ clock, shops: [acmeShop()] });
  server = await serve(store.handlers);
  receiver = await startReceiver();
});
afterEach(async () => {
  await store.webhooks.idle();
  await server.close();
  await receiver.close();
});

async function control(method: string, path: string, body?: unknown): Promise<{ status: number; json: Json }> {
  const res = await fetch(`${server.url}/sandbox/shopify${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}

/** The Admin API with a Host header (node:http: fetch cannot set Host). */
function admin(query: string, options: { host?: string; token?: string; operationName?: string } = {}): Promise<{ status: number; json: Json }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${server.url}/admin/api/2026-10/graphql.json`,
      { method: 'POST', headers: { 'Content-Type': 'application/json', Host: options.host ?? SHOP, 'X-Shopify-Access-Token': options.token ?? TOKEN } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          // 5xx faults answer with Shopify's HTML error pages, not JSON.
          resolve({ status: res.statusCode!, json: res.headers['content-type']?.includes('json') ? JSON.parse(text) : text });
        });
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ query, operationName: options.operationName }));
  });
}

const bucketLevel = async () => (await control('GET', `/shops/${SHOP}`)).json.apps[0].bucket.currentlyAvailable as number;

describe('control API: shops', () => {
  it('creates a shop from a seed; the Admin API then serves it under its own host and token', async () => {
    // Given a new shop posted to the control API
    const created = await control('POST', '/shops', {
      domain: 'initech.myshopify.com',
      plan: 'standard',
      apps: [{ id: 'netsuite-connector', accessToken: 'shpat_initech', clientSecret: 'initech-secret' }],
      locations: [{ name: 'Austin' }],
      products: [{ title: 'Stapler', variants: [{ sku: 'STP-RED', price: '14.99', stock: { Austin: 3 } }] }],
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ domain: 'initech.myshopify.com', plan: 'standard', counts: { locations: 1, products: 1, variants: 1, inventoryLevels: 1 } });
    expect(created.json.apps[0].bucket).toEqual({ maximumAvailable: 2000, currentlyAvailable: 2000, restoreRate: 100 });

    // When it is asked for its stock through the Admin API, by Host
    const res = await admin('{ shop { myshopifyDomain } productVariants(first: 1, query: "sku:STP-RED") { nodes { inventoryQuantity } } }', { host: 'initech.myshopify.com', token: 'shpat_initech' });
    expect(res.json.data).toEqual({ shop: { myshopifyDomain: 'initech.myshopify.com' }, productVariants: { nodes: [{ inventoryQuantity: 3 }] } });
    // and Acme's token does not open it
    expect((await admin('{ shop { id } }', { host: 'initech.myshopify.com' })).status).toBe(401);
    // The listing shows both shops
    expect((await control('GET', '/shops')).json.map((s: Json) => s.domain)).toEqual([SHOP, 'initech.myshopify.com']);
  });

  it('refuses a shop without a domain, a domain that exists, and a body that is not JSON', async () => {
    expect(await control('POST', '/shops', { plan: 'plus' })).toEqual({ status: 400, json: { error: '`domain` is required' } });
    expect(await control('POST', '/shops', { domain: SHOP })).toEqual({ status: 400, json: { error: `shop ${SHOP} exists` } });
    const res = await fetch(`${server.url}/sandbox/shopify/shops`, { method: 'POST', body: '{not json' });
    expect(res.status).toBe(400);
    expect(await control('GET', '/shops/nowhere.myshopify.com')).toEqual({ status: 404, json: { error: 'no shop nowhere.myshopify.com' } });
    expect(await control('GET', '/no/such/route')).toEqual({ status: 404, json: { error: 'no control route GET /sandbox/shopify/no/such/route' } });
  });

  it('seeds more data silently: no webhooks, even to a subscription', async () => {
    await control('POST', `/shops/${SHOP}/webhooks`, { topic: 'orders/create', uri: `${receiver.url}/hooks` });
    const seeded = await control('POST', `/shops/${SHOP}/seed`, {
      companies: [{ name: 'Initrode', externalId: 'NS-CUST-2002', locations: [{ name: 'Initrode HQ', paymentTerms: 'Net 30' }] }],
      orders: [{ company: 'NS-CUST-2002', lines: [{ sku: 'GLV-100', quantity: 1 }] }],
    });
    expect(seeded.status).toBe(200);
    await store.webhooks.idle();
    expect(receiver.received).toEqual([]);
    const companies = (await control('GET', `/shops/${SHOP}/companies`)).json;
    expect(companies.map((c: Json) => c.externalId)).toEqual(['NS-CUST-1001', 'NS-CUST-2002']);
    expect((await control('GET', `/shops/${SHOP}/orders`)).json).toHaveLength(1);
  });
});

describe('control API: inspection', () => {
  it('reads orders, inventory, products, companies and subscriptions without spending rate limit or touching anything', async () => {
    // Given a shop with an order and a known bucket level
    await control('POST', `/shops/${SHOP}/seed`, { orders: [{ company: 'Globex Manufacturing', poNumber: 'PO-1', lines: [{ sku: 'HB-M8-40', quantity: 10 }] }] });
    await admin('{ shop { id } }');
    const level = await bucketLevel();
    const before = await control('GET', `/shops/${SHOP}/orders`);
    const metricsBefore = (await control('GET', '/metrics')).json;

    // When everything is read through the control API
    for (const path of ['', '/shops', `/shops/${SHOP}`, `/shops/${SHOP}/orders`, `/shops/${SHOP}/inventory`, `/shops/${SHOP}/products`, `/shops/${SHOP}/companies`, `/shops/${SHOP}/webhooks`, '/webhooks/deliveries', '/faults', '/metrics', '/clock']) {
      expect((await control('GET', path)).status).toBe(200);
    }

    // Then the bucket, the metrics and the orders' updatedAt are as they were
    expect(await bucketLevel()).toBe(level);
    expect((await control('GET', '/metrics')).json).toEqual(metricsBefore);
    expect((await control('GET', `/shops/${SHOP}/orders`)).json).toEqual(before.json);
    // and an order reads with what a test needs to check a sync
    const order = (await control('GET', `/shops/${SHOP}/orders/${encodeURIComponent(before.json[0].id)}`)).json;
    expect(order).toMatchObject({ name: '#1001', poNumber: 'PO-1', company: { externalId: 'NS-CUST-1001', locationExternalId: 'NS-ADDR-1' } });
  });

  it('filters orders by updatedSince and inventory by SKU', async () => {
    await control('POST', `/shops/${SHOP}/seed`, { orders: [{ company: 'Globex Manufacturing', lines: [{ sku: 'GLV-100', quantity: 1 }] }] });
    clock.advance(60_000);
    await control('POST', `/shops/${SHOP}/seed`, { orders: [{ customer: { email: 'pat@example.com' }, lines: [{ sku: 'GLV-100', quantity: 2 }] }] });
    const since = new Date(clock.now() - 30_000).toISOString();
    expect((await control('GET', `/shops/${SHOP}/orders?updatedSince=${since}`)).json.map((o: Json) => o.name)).toEqual(['#1002']);
    const inventory = (await control('GET', `/shops/${SHOP}/inventory?sku=GLV-100`)).json;
    expect(inventory).toHaveLength(1);
    expect(inventory[0].levels['Columbus DC']).toMatchObject({ on_hand: 40 });
  });
});

describe('control API: metrics', () => {
  it('counts calls, cost and THROTTLED answers per operation', async () => {
    await control('POST', `/shops/${SHOP}/bucket`, { currentlyAvailable: 20 });
    await admin('query Stock { locations(first: 10) { nodes { id } } }', { operationName: 'Stock' }); // requested 6, actual 3
    await admin('query Stock { locations(first: 10) { nodes { id } } }', { operationName: 'Stock' });
    await admin('{ orders(first: 50) { nodes { id } } }'); // requested 9: 20 − 3 − 3 = 14 left, then 5: THROTTLED
    await admin('{ orders(first: 50) { nodes { id } } }');
    const m = (await control('GET', '/metrics')).json;
    expect(m.byOperation.Stock).toEqual({ calls: 2, requestedCost: 12, actualCost: 6, throttled: 0, errors: 0 });
    expect(m.byOperation.orders).toEqual({ calls: 2, requestedCost: 18, actualCost: 9, throttled: 1, errors: 1 });
    expect(m.total).toMatchObject({ calls: 4, throttled: 1 });
    expect(m.byShop[SHOP].calls).toBe(4);
    expect((await control('POST', '/metrics/reset')).json.total.calls).toBe(0);
  });
});

describe('control API: actions, deliveries, faults, clock, reset', () => {
  it('a buyer placing an order fires orders/create to subscribers, and the delivery is listed', async () => {
    await control('POST', `/shops/${SHOP}/webhooks`, { topic: 'orders/create', uri: `${receiver.url}/hooks` });
    const placed = await control('POST', `/shops/${SHOP}/actions/place-order`, { company: 'NS-CUST-1001', poNumber: 'PO-9', lines: [{ sku: 'HB-M8-60', quantity: 4 }] });
    expect(placed.status).toBe(201);
    await control('POST', '/webhooks/flush');
    expect(receiver.received.map((r) => r.headers['x-shopify-topic'])).toEqual(['orders/create']);
    const deliveries = (await control('GET', `/webhooks/deliveries?topic=orders/create&shop=${SHOP}`)).json;
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ topic: 'orders/create', state: 'delivered', attempts: [{ status: 200 }] });
    expect(JSON.parse(deliveries[0].body)).toMatchObject({ po_number: 'PO-9', company: { id: expect.any(Number), location_id: expect.any(Number) } });
    // Stock is committed as a real order would commit it
    expect((await control('GET', `/shops/${SHOP}/inventory?sku=HB-M8-60`)).json[0].levels['Columbus DC']).toMatchObject({ on_hand: 300, committed: 4, available: 296 });
  });

  it('a merchant edits, cancels, and edits a company; each refuses what Shopify would refuse', async () => {
    await control('POST', `/shops/${SHOP}/webhooks`, { topic: 'orders/edited', uri: `${receiver.url}/hooks` });
    const order = (await control('POST', `/shops/${SHOP}/actions/place-order`, { company: 'NS-CUST-1001', lines: [{ sku: 'GLV-100', quantity: 2 }] })).json;
    const edited = await control('POST', `/shops/${SHOP}/actions/edit-order`, { orderId: order.id, sku: 'GLV-100', quantity: 5 });
    expect(edited.json.lineItems[0]).toMatchObject({ sku: 'GLV-100', currentQuantity: 5 });
    expect((await control('POST', `/shops/${SHOP}/actions/edit-order`, { orderId: order.id, sku: 'NOPE', quantity: 1 })).status).toBe(400);

    const cancelled = await control('POST', `/shops/${SHOP}/actions/cancel-order`, { orderId: order.id });
    expect(cancelled.json).toMatchObject({ cancelReason: 'CUSTOMER', cancelledAt: expect.any(String) });
    expect((await control('POST', `/shops/${SHOP}/actions/cancel-order`, { orderId: order.id })).status).toBe(400);

    const companyId = (await control('GET', `/shops/${SHOP}/companies`)).json[0].id;
    expect((await control('POST', `/shops/${SHOP}/actions/update-company`, { companyId, note: 'Credit hold' })).json).toMatchObject({ note: 'Credit hold' });
    await control('POST', '/webhooks/flush');
    expect(receiver.received.map((r) => r.headers['x-shopify-topic'])).toEqual(['orders/edited']);
  });

  it('adds, lists and removes fault rules, and rejects a malformed one', async () => {
    const rule = (await control('POST', '/faults', { target: 'admin', sequence: ['http503', 'ok'] })).json;
    expect((await control('GET', '/faults')).json).toEqual([expect.objectContaining({ id: rule.id, sequence: ['http503', 'ok'] })]);
    expect((await admin('{ shop { id } }')).status).toBe(503);
    expect((await admin('{ shop { id } }')).status).toBe(200);
    expect((await control('DELETE', `/faults/${rule.id}`)).json).toEqual([]);
    expect((await control('DELETE', `/faults/${rule.id}`)).status).toBe(404);
    expect((await control('POST', '/faults', { target: 'admin', fault: 'gremlins', rate: 1 })).status).toBe(400);
  });

  it('moves the virtual clock and runs what fell due: a failed webhook is retried', async () => {
    await control('POST', `/shops/${SHOP}/webhooks`, { topic: 'orders/create', uri: `${receiver.url}/hooks` });
    receiver.answers.push(500);
    await control('POST', `/shops/${SHOP}/actions/place-order`, { company: 'NS-CUST-1001', lines: [{ sku: 'GLV-100', quantity: 1 }] });
    await control('POST', '/webhooks/flush');
    const status = (await control('GET', '/clock')).json;
    expect(status).toMatchObject({ now: '2026-11-02T09:00:00.000Z', virtual: true, nextTimerAt: expect.any(String) });

    const moved = await control('POST', '/clock/advance', { to: status.nextTimerAt });
    expect(moved.json.now).toBe(status.nextTimerAt);
    expect(receiver.received.map((r) => r.headers['x-shopify-topic'])).toEqual(['orders/create', 'orders/create']);
    expect(receiver.received[1]!.headers['x-shopify-webhook-id']).toBe(receiver.received[0]!.headers['x-shopify-webhook-id']);
    expect((await control('POST', '/clock/advance', { ms: 1000 })).json.now).toBe(new Date(Date.parse(status.nextTimerAt) + 1000).toISOString());
  });

  it('will not move a real clock', async () => {
    const realStore = createShopifyStore({ clock: new RealClock(), shops: [acmeShop()] });
    const res = await realStore.request({ method: 'POST', path: '/sandbox/shopify/clock/advance', body: Buffer.from('{"ms":1000}') });
    expect(res!.status).toBe(400);
  });

  it('resets to the starting shops: added shops, orders, faults, metrics and deliveries are gone', async () => {
    await control('POST', '/shops', { domain: 'initech.myshopify.com' });
    await control('POST', `/shops/${SHOP}/webhooks`, { topic: 'orders/create', uri: `${receiver.url}/hooks` });
    await control('POST', `/shops/${SHOP}/actions/place-order`, { company: 'NS-CUST-1001', lines: [{ sku: 'GLV-100', quantity: 1 }] });
    await control('POST', '/faults', { target: 'admin', fault: 'http500', rate: 1 });
    await control('POST', '/webhooks/flush');

    const reset = await control('POST', '/reset');
    expect(reset.json).toMatchObject({ defaultShop: SHOP, faults: 0, shops: [{ domain: SHOP, accessToken: TOKEN }] });
    const summary = (await control('GET', `/shops/${SHOP}`)).json;
    expect(summary.counts).toMatchObject({ orders: 0, webhookSubscriptions: 0, companies: 1, products: 2 });
    expect((await control('GET', '/webhooks/deliveries')).json).toEqual([]);
    expect((await control('GET', '/metrics')).json.total.calls).toBe(0);
    expect((await admin('{ shop { name } }')).json.data).toEqual({ shop: { name: 'Acme Industrial Supply' } });
  });
});
