/**
 * Inbound idempotency through the built bundle: the same webhook twice, a webhook and the poller at
 * once, concurrent deliveries and concurrent processor runs, orders/updated before orders/create.
 * Each ends with exactly one customer, sub-customer, contact and sales order, in the final state.
 */
import { demoShop } from '../../sandbox/shopify/demo';
import { createWorld, requestJson, type World } from '../../sandbox/world';
import { count, inboundEntries, placeOrder, productLines, salesOrderFor, type PlacedOrder } from '../integration/inbound/support';

const POLL = 'customdeploy_sb2b_mr_shopify_poll';

/** Globex's records in NetSuite: one parent, two location sub-customers, two contacts, the sales orders; no gid twice. */
function expectExactlyOneOfEach(world: World, orders: PlacedOrder[]) {
  // (Other companies may be there too: the poller takes in every company changed in the window.)
  const globex = world.netsuite.records.list('customer').filter((c) => String(c.fields.companyname).startsWith('Globex'));
  expect(globex.map((c) => c.fields.companyname).sort()).toEqual(['Globex Manufacturing', 'Globex Shelbyville', 'Globex Springfield']);
  const parent = globex.find((c) => !c.fields.parent)!;
  expect(world.netsuite.records.list('contact').filter((c) => c.fields.company === String(parent.id)).map((c) => c.fields.lastname).sort()).toEqual(['Diaz', 'Park']);
  expect(count(world, 'customer', `custentity_sb2b_gid IS NOT NULL`)).toBe(new Set(world.netsuite.records.list('customer').map((c) => c.fields.custentity_sb2b_gid)).size);
  expect(count(world, 'transaction', `type = 'SalesOrd'`)).toBe(orders.length);
  for (const order of orders) expect(salesOrderFor(world, order.id)).toBeDefined();
  // Nothing failed on the way: no entry is dead or waiting to retry, and no alert went out.
  expect(inboundEntries(world).filter((e) => e.status !== 'done' && e.status !== 'skipped')).toEqual([]);
  expect(world.netsuite.emails).toEqual([]);
}

describe('inbound idempotency', () => {
  let world: World;
  beforeEach(async () => {
    // The demo shop without its pre-existing orders, so the poller finds only what each test places.
    world = await createWorld({ shop: { ...demoShop(), orders: [] } });
  }, 60_000);
  afterEach(() => world?.close());

  it('the same webhook delivered twice: one entry, one of each record', async () => {
    await world.shopify.post('/faults', { target: 'webhook', fault: 'duplicate', match: { topic: 'orders/create' } });
    const order = await placeOrder(world, { company: 'NS-CUST-1001', lines: [{ sku: 'HB-M8-40', quantity: 10 }] });
    await world.settle();
    const deliveries = await world.shopify.get<{ webhookId: string; state: string }[]>('/webhooks/deliveries?topic=orders/create');
    expect(deliveries).toHaveLength(2);
    expect(new Set(deliveries.map((d) => d.webhookId)).size).toBe(1);
    expect(deliveries.every((d) => d.state === 'delivered')).toBe(true); // the duplicate is acknowledged, so Shopify stops
    expect(inboundEntries(world).filter((e) => e.gid === order.id)).toHaveLength(1);
    expectExactlyOneOfEach(world, [order]);
  });

  it('a webhook waiting in the queue when the poller runs: the poller queues nothing more', async () => {
    const order = await placeOrder(world, { company: 'NS-CUST-1001', lines: [{ sku: 'HB-M8-40', quantity: 10 }] });
    await world.shopify.post('/webhooks/flush'); // delivered and queued; the processor has not run yet
    expect(inboundEntries(world).filter((e) => e.gid === order.id).map((e) => e.status)).toEqual(['pending']);
    world.netsuite.runDeployment(POLL);
    expect(inboundEntries(world).filter((e) => e.gid === order.id)).toHaveLength(1);
    await world.settle();
    expectExactlyOneOfEach(world, [order]);
  });

  it('a webhook late enough that the poller saw the order first: both taken, one sales order', async () => {
    await world.shopify.post('/faults', { target: 'webhook', fault: 'late', delayMs: 30 * 60_000, match: { topic: 'orders/create' } });
    const order = await placeOrder(world, { company: 'NS-CUST-1001', poNumber: 'PO-LATE', lines: [{ sku: 'HB-M8-40', quantity: 10 }] });
    await world.settle();
    expect(salesOrderFor(world, order.id)).toBeUndefined();
    await world.advance(15 * 60_000); // the poller finds it
    expect(salesOrderFor(world, order.id)?.fields.otherrefnum).toBe('PO-LATE');
    await world.advance(20 * 60_000); // then the webhook arrives
    const entries = inboundEntries(world).filter((e) => e.gid === order.id);
    expect(entries.map((e) => JSON.parse(e.payload!).source).sort()).toEqual(['poll', 'webhook']);
    expect(entries.at(-1)!.note).toMatch(/: already up to date$/);
    expectExactlyOneOfEach(world, [order]);
  });

  it('concurrent deliveries of the same webhooks to the relay: one entry per event', async () => {
    const order = await placeOrder(world, { company: 'NS-CUST-1001', lines: [{ sku: 'HB-M8-40', quantity: 10 }] });
    await world.settle();
    await world.advance(1000);
    await world.shopify.post(`/shops/${world.shop}/actions/edit-order`, { orderId: order.id, sku: 'HB-M8-40', quantity: 6 });
    await world.settle();
    const deliveries = await world.shopify.get<{ topic: string; eventId: string; body: string; headers: Record<string, string> }[]>('/webhooks/deliveries');
    const entriesBefore = inboundEntries(world).length;
    // Every delivery sent again, eight times over, all at once (Shopify retrying while the relay was slow).
    const again = deliveries.flatMap((d) => Array.from({ length: 8 }, () => requestJson('POST', world.relayUrl, d.body, d.headers)));
    const answers = await Promise.all(again);
    expect(answers.every((a) => a.status === 200)).toBe(true);
    await world.settle();
    expect(inboundEntries(world).length).toBe(entriesBefore);
    expect(productLines(world, salesOrderFor(world, order.id)!)).toEqual([expect.objectContaining({ sku: 'HB-M8-40', quantity: 6 })]);
    expectExactlyOneOfEach(world, [order]);
  });

  it('two processor runs taking the same new order at once: the second to commit finds the first one’s records', async () => {
    // While one run is between reading and saving, the other (the second on-demand deployment) does the
    // whole order and commits first: once at the first customer, and again at the sales order.
    world.netsuite.addFault({ kind: 'concurrentRun', recordType: 'customer', operation: 'create', executionContext: 'MAPREDUCE', deploymentId: 'customdeploy_sb2b_mr_inbound_nudge2' });
    const first = await placeOrder(world, { company: 'NS-CUST-1001', lines: [{ sku: 'HB-M8-40', quantity: 10 }] });
    await world.settle();
    world.netsuite.addFault({ kind: 'concurrentRun', recordType: 'salesorder', operation: 'create', executionContext: 'MAPREDUCE', deploymentId: 'customdeploy_sb2b_mr_inbound_nudge2' });
    const second = await placeOrder(world, { company: 'NS-CUST-1001', companyLocation: 'Globex Shelbyville', lines: [{ sku: 'HB-M8-60', quantity: 4 }] });
    await world.settle();
    expect(world.netsuite.faults.list()).toEqual([]); // both interleavings happened
    // Both runs ran a reduce for each order.
    for (const order of [first, second]) {
      const reduces = world.netsuite.governance.select({ scriptId: 'customscript_sb2b_mr_inbound', stage: 'reduce' }).filter((i) => i.key?.endsWith(order.id));
      expect(new Set(reduces.map((r) => r.deploymentId))).toEqual(new Set(['customdeploy_sb2b_mr_inbound_nudge1', 'customdeploy_sb2b_mr_inbound_nudge2']));
      expect(reduces.every((r) => !r.error)).toBe(true);
    }
    expectExactlyOneOfEach(world, [first, second]);
  });

  it('orders/updated before orders/create: the sales order is made from the first to arrive, in its final state', async () => {
    await world.shopify.post('/faults', { target: 'webhook', fault: 'late', delayMs: 5 * 60_000, match: { topic: 'orders/create' } });
    const order = await placeOrder(world, { company: 'NS-CUST-1001', lines: [{ sku: 'HB-M8-40', quantity: 100 }, { sku: 'FW-M8-100', quantity: 3 }] });
    await world.advance(1000);
    await world.shopify.post(`/shops/${world.shop}/actions/edit-order`, { orderId: order.id, sku: 'HB-M8-40', quantity: 70 });
    await world.settle();
    expect(productLines(world, salesOrderFor(world, order.id)!)).toEqual([expect.objectContaining({ sku: 'HB-M8-40', quantity: 70 }), expect.objectContaining({ sku: 'FW-M8-100', quantity: 3 })]);
    await world.advance(5 * 60_000); // orders/create, at last
    const deliveries = await world.shopify.get<{ topic: string; state: string }[]>('/webhooks/deliveries?topic=orders/create');
    expect(deliveries.map((d) => d.state)).toEqual(['delivered']);
    expect(productLines(world, salesOrderFor(world, order.id)!)).toEqual([expect.objectContaining({ sku: 'HB-M8-40', quantity: 70 }), expect.objectContaining({ sku: 'FW-M8-100', quantity: 3 })]);
    expectExactlyOneOfEach(world, [order]);
  });
});
