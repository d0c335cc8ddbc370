/**
 * Reconciliation (mr_shopify_poll) through the built bundle: the first run reaches back the B2B
 * order sync window, later runs ask for what changed since the cursor minus the overlap, queue only
 * what NetSuite does not hold yet, page through long answers, and recover orders whose webhooks
 * Shopify dropped (the local store drops them by fault rule).
 */
import { VirtualClock } from '../../../sandbox/clock';
import { createWorld, type World } from '../../../sandbox/world';
import { inboundEntries, placeOrder, productLines, salesOrderFor } from './support';

const MINUTE = 60_000;
const DAY = 86_400_000;
const POLL = 'customdeploy_sb2b_mr_shopify_poll';

/** What each poll run said it did, per store and kind ("1|orders" → "4 changed in Shopify, 4 queued …"). */
function pollReports(world: World): { key: string; details: string }[] {
  return world.netsuite.logs.filter((l) => l.title.startsWith('poll ') && !l.title.includes('failed')).map((l) => ({ key: l.title.slice(5), details: String(l.details) }));
}

function storeField(world: World, field: string): unknown {
  return world.netsuite.records.get('customrecord_sb2b_store', world.storeId)!.fields[field];
}

describe('the first run and the window', () => {
  let world: World;
  let oldOrder: string;
  beforeAll(async () => {
    // Schedules off: each poll runs when the test says, so the clock can move on by months.
    world = await createWorld({ clock: new VirtualClock(Date.parse('2026-07-01T09:00:00Z')), netsuite: { schedules: false }, store: { custrecord_sb2b_order_window_days: 30 } });
    const seeded = await world.shopify.post<{ orders: string[] }>(`/shops/${world.shop}/seed`, { orders: [{ company: 'NS-CUST-1002', poNumber: 'PO-OLD', lines: [{ sku: 'HAT-YEL', quantity: 1 }] }] });
    oldOrder = seeded.orders[0];
    await world.advance(60 * DAY);
  }, 60_000);
  afterAll(() => world?.close());

  it('reaches back the B2B order sync window, no further, and syncs what it finds', async () => {
    // The demo's orders and companies were made without webhooks (seeded) 60 days ago; so was PO-OLD.
    const recent = await world.shopify.post<{ orders: string[] }>(`/shops/${world.shop}/seed`, { orders: [{ company: 'NS-CUST-1001', poNumber: 'PO-RECENT', lines: [{ sku: 'HB-M8-60', quantity: 50 }] }] });
    world.netsuite.runDeployment(POLL);
    await world.settle();
    expect(salesOrderFor(world, recent.orders[0])?.fields.otherrefnum).toBe('PO-RECENT');
    expect(salesOrderFor(world, oldOrder)).toBeUndefined();
    // Its company came in with it (order sync brings in what the order needs); no company changed in the window.
    expect(inboundEntries(world).map((e) => e.gid)).toEqual([recent.orders[0]]);
    expect(world.netsuite.query(`SELECT companyname FROM customer WHERE parent IS NULL`)).toEqual([{ companyname: 'Globex Manufacturing' }]);
    expect(pollReports(world).sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      { key: `${world.storeId}|companies`, details: '0 changed in Shopify, 0 queued, 0 already synced; cursor none' },
      { key: `${world.storeId}|orders`, details: '1 changed in Shopify, 1 queued, 0 already synced; cursor 2026-08-30T09:00:00Z' },
    ]);
    expect(storeField(world, 'custrecord_sb2b_orders_cursor')).toBe('2026-08-30T09:00:00Z');
  });

  it('does not sync an order placed before the window when a later change brings it into view', async () => {
    await world.advance(MINUTE);
    // An edit makes the old order "updated" now; it was placed 60 days ago, before the 30-day window.
    await world.shopify.post(`/shops/${world.shop}/actions/edit-order`, { orderId: oldOrder, sku: 'HAT-YEL', quantity: 2 });
    await world.settle();
    const entries = inboundEntries(world).filter((e) => e.gid === oldOrder);
    expect(entries.length).toBeGreaterThan(0); // orders/edited and orders/updated
    for (const entry of entries) expect(entry).toMatchObject({ status: 'skipped', note: expect.stringMatching(/^order #\d+ was placed 2026-07-01, before the B2B order sync window \(30 days\): not synced$/) });
    expect(salesOrderFor(world, oldOrder)).toBeUndefined();
  });
});

describe('later runs', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
    await world.advance(15 * MINUTE); // the 09:05 poll takes in the demo's seeded orders and companies
  }, 60_000);
  afterAll(() => world?.close());

  it('re-read what changed since the cursor minus the overlap, and queue nothing NetSuite already holds', async () => {
    const first = pollReports(world).find((r) => r.key.endsWith('|orders'))!;
    expect(first.details).toMatch(/^4 changed in Shopify, 4 queued, 0 already synced; cursor 2026-11-02T09:00:00Z$/);
    const queued = inboundEntries(world).length;
    await world.advance(15 * MINUTE); // 09:20: asks for updated_at > 08:50 (cursor 09:00 − 10 minutes)
    const second = pollReports(world).filter((r) => r.key.endsWith('|orders')).at(-1)!;
    // The B2C order was skipped, not synced: NetSuite does not hold it, so it is seen and queued again
    // each time it changes only; here nothing changed, and its entry already exists.
    expect(second.details).toMatch(/^4 changed in Shopify, 0 queued, 3 already synced; cursor 2026-11-02T09:00:00Z$/);
    expect(inboundEntries(world).length).toBe(queued);
  });

  it('with no overlap, ask only for changes after the cursor', async () => {
    world.netsuite.ui.edit('customrecord_sb2b_store', world.storeId, { custrecord_sb2b_poll_overlap: 0 });
    await world.advance(15 * MINUTE);
    const third = pollReports(world).filter((r) => r.key.endsWith('|orders')).at(-1)!;
    expect(third.details).toMatch(/^0 changed in Shopify, 0 queued, 0 already synced; cursor 2026-11-02T09:00:00Z$/);
    world.netsuite.ui.edit('customrecord_sb2b_store', world.storeId, { custrecord_sb2b_poll_overlap: 10 });
  });

  it('recover orders whose webhooks Shopify dropped: a new order, and an edit to one NetSuite has', async () => {
    const lastEntry = inboundEntries(world).at(-1)!.id;
    await world.shopify.post('/faults', { target: 'webhook', fault: 'drop', match: { topic: 'orders/create' }, times: 1 });
    await world.shopify.post('/faults', { target: 'webhook', fault: 'drop', match: { topic: 'orders/edited' }, times: 1 });
    await world.shopify.post('/faults', { target: 'webhook', fault: 'drop', match: { topic: 'orders/updated' }, times: 1 });
    const lost = await placeOrder(world, { company: 'NS-CUST-1002', poNumber: 'PO-LOST', lines: [{ sku: 'HAT-YEL', quantity: 3 }] });
    const [known] = (await world.shopify.get<{ id: string; poNumber: string }[]>(`/shops/${world.shop}/orders`)).filter((o) => o.poNumber === 'PO-44021');
    await world.shopify.post(`/shops/${world.shop}/actions/edit-order`, { orderId: known.id, sku: 'HB-M8-40', quantity: 400 });
    await world.settle();
    const dropped = await world.shopify.get<{ state: string }[]>('/webhooks/deliveries');
    expect(dropped.filter((d) => d.state === 'dropped')).toHaveLength(3);
    expect(salesOrderFor(world, lost.id)).toBeUndefined();

    await world.advance(15 * MINUTE); // the next poll
    expect(salesOrderFor(world, lost.id)?.fields.otherrefnum).toBe('PO-LOST');
    expect(productLines(world, salesOrderFor(world, known.id)!)).toContainEqual(expect.objectContaining({ sku: 'HB-M8-40', quantity: 400 }));
    const recovered = inboundEntries(world).filter((e) => e.id > lastEntry);
    expect(recovered.map((e) => [e.gid, e.status, JSON.parse(e.payload!).source]).sort()).toEqual(
      [
        [known.id, 'done', 'poll'],
        [lost.id, 'done', 'poll'],
      ].sort(),
    );
  });

  it('recover a company whose webhooks Shopify dropped', async () => {
    for (const topic of ['companies/create', 'company_contacts/create', 'company_locations/create']) {
      await world.shopify.post('/faults', { target: 'webhook', fault: 'drop', match: { topic }, times: 5 });
    }
    const created = await world.shopify.graphql<{ companyCreate: { company: { id: string; locations: { nodes: { id: string }[] } } } }>(
      `mutation C($input: CompanyCreateInput!) { companyCreate(input: $input) { company { id locations(first: 1) { nodes { id } } } userErrors { message } } }`,
      { input: { company: { name: 'Umbrella Corp' }, companyContact: { email: 'albert@umbrella.example', firstName: 'Albert' }, companyLocation: { name: 'Umbrella Raccoon City', billingSameAsShipping: true, shippingAddress: { address1: '1 Hive Rd', city: 'Raccoon City', zoneCode: 'MO', countryCode: 'US', zip: '63101' } } } },
    );
    const company = created.data!.companyCreate.company;
    await world.settle();
    const linked = () => world.netsuite.query(`SELECT companyname FROM customer WHERE custentity_sb2b_gid IN (?, ?) ORDER BY id`, [company.id, company.locations.nodes[0].id]);
    expect(linked()).toEqual([]);
    await world.advance(15 * MINUTE);
    expect(linked()).toEqual([{ companyname: 'Umbrella Corp' }, { companyname: 'Umbrella Raccoon City' }]);
    const report = pollReports(world).filter((r) => r.key.endsWith('|companies')).at(-1)!;
    expect(report.details).toMatch(/^\d+ changed in Shopify, 1 queued, \d+ already synced/); // the others, seen again within the overlap, are up to date
    await world.shopify.delete('/faults');
  });

  it('page through more than one page of changes', async () => {
    await world.advance(MINUTE);
    const orders = Array.from({ length: 105 }, (_, i) => ({ company: 'NS-CUST-1001', poNumber: `PO-BULK-${i}`, lines: [{ sku: 'HB-M8-80', quantity: 1 }] }));
    const seeded = await world.shopify.post<{ orders: string[] }>(`/shops/${world.shop}/seed`, { orders });
    await world.advance(15 * MINUTE);
    const report = pollReports(world).filter((r) => r.key.endsWith('|orders')).at(-1)!;
    expect(report.details).toMatch(/^10[5-9] changed in Shopify, 105 queued, /);
    expect(seeded.orders.filter((gid) => salesOrderFor(world, gid))).toHaveLength(105);
  });
});
