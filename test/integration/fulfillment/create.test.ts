/**
 * Item fulfillments reach Shopify as fulfillments, within the queue run the save starts: in full,
 * in parts, across the fulfillment orders of several Shopify locations, with every package's
 * tracking number; lines Shopify does not have are left out on purpose, kits go as their Shopify
 * line. Shopify's fulfillment status is checked at the end of each.
 */
import { createWorld, type World } from '../../../sandbox/world';
import { entriesFor, fulfill, fulfilledBySku, placeOrder, shopifyOrder, writtenBack } from './support';

let world: World;
let ups: number;
beforeAll(async () => {
  world = await createWorld();
  ups = world.netsuite.records.seed('shipitem', { itemid: 'UPS Ground' });
}, 60_000);
afterAll(() => world?.close());

it('ships a whole order: one Shopify fulfillment with the tracking and carrier, its id written back, the order FULFILLED', async () => {
  const order = await placeOrder(world, 'PO-FULL', [{ sku: 'HB-M8-40', quantity: 100 }, { sku: 'FW-M8-100', quantity: 2 }]);
  const ifId = fulfill(world, order.salesOrderId, { shipmethod: ups, packages: ['1Z999AA10123456784'] });
  await world.settle();

  const shopify = await shopifyOrder(world, order.orderGid);
  expect(shopify.fulfillmentStatus).toBe('FULFILLED');
  expect(shopify.fulfillments).toHaveLength(1);
  expect(shopify.fulfillments[0]).toMatchObject({ status: 'SUCCESS', notifyCustomer: true, trackingInfo: [{ company: 'UPS', number: '1Z999AA10123456784', url: null }] });
  expect(await fulfilledBySku(world, order.orderGid)).toEqual({ 'HB-M8-40': 100, 'FW-M8-100': 2 });
  expect(writtenBack(world, ifId)).toEqual([shopify.fulfillments[0].id]);
  // The shipping charge line of the sales order is not goods: left out without a word
  expect(entriesFor(world, ifId)).toEqual([
    expect.objectContaining({ topic: 'fulfillment/create', status: 'done', attempts: 1, reason: `${shopify.fulfillments[0].id} on ${order.name} (102 units, tracked)` }),
  ]);
});

it("records the order's new Shopify status that Shopify's webhook brings back, with an inline edit, not a full save of the sales order", async () => {
  const order = await placeOrder(world, 'PO-ECHO', [{ sku: 'HB-M8-40', quantity: 10 }]);
  const before = world.netsuite.governance.invocations.length;
  fulfill(world, order.salesOrderId, { shipmethod: ups, packages: ['1ZECHO'] });
  await world.settle();
  expect(world.netsuite.records.get('salesorder', order.salesOrderId)!.fields.custbody_sb2b_status).toMatch(/FULFILLED/);
  const echo = world.netsuite.governance.invocations.slice(before).filter((i) => i.scriptId === 'customscript_sb2b_mr_inbound' && i.stage === 'reduce');
  expect(echo).toHaveLength(1); // Shopify's orders/updated about the fulfilled order
  expect(echo[0].calls['Record.save']).toBeUndefined();
  expect(echo[0].calls['record.submitFields']!.units).toBe(10 + 2); // the sales order's two fields, and the queue entry
});

it('ships an order in two parts: the first leaves the rest open (PARTIALLY_FULFILLED), the second completes it', async () => {
  const order = await placeOrder(world, 'PO-PARTS', [{ sku: 'HB-M8-40', quantity: 100 }, { sku: 'FW-M8-100', quantity: 4 }]);
  const first = fulfill(world, order.salesOrderId, { quantities: { 'HB-M8-40': 60, 'FW-M8-100': 0 }, packages: ['PART-1'] });
  await world.settle();
  let shopify = await shopifyOrder(world, order.orderGid);
  expect(shopify.fulfillmentStatus).toBe('PARTIALLY_FULFILLED');
  expect(await fulfilledBySku(world, order.orderGid)).toEqual({ 'HB-M8-40': 60, 'FW-M8-100': 0 });
  expect(shopify.fulfillmentOrders[0].lineItems.map((l) => l.remainingQuantity)).toEqual([40, 4]);

  const second = fulfill(world, order.salesOrderId, { packages: ['PART-2'] });
  await world.settle();
  shopify = await shopifyOrder(world, order.orderGid);
  expect(shopify.fulfillmentStatus).toBe('FULFILLED');
  expect(shopify.fulfillments.map((f) => [f.trackingInfo.map((t) => t.number), f.lineItems.map((l) => l.quantity)])).toEqual([
    [['PART-1'], [60]],
    [['PART-2'], [40, 4]],
  ]);
  expect([writtenBack(world, first), writtenBack(world, second)]).toEqual([[shopify.fulfillments[0].id], [shopify.fulfillments[1].id]]);
});

it('ships an order Shopify split over two locations: a fulfillment per location, both ids written back', async () => {
  // Hard hats (yellow) are stocked only in Reno, bolts in Columbus: Shopify makes two fulfillment orders.
  const order = await placeOrder(world, 'PO-SPLIT', [{ sku: 'HB-M8-40', quantity: 50 }, { sku: 'HAT-YEL', quantity: 2 }]);
  let shopify = await shopifyOrder(world, order.orderGid);
  expect(shopify.fulfillmentOrders.map((fo) => fo.location)).toEqual(['Columbus DC', 'Reno DC']);

  const ifId = fulfill(world, order.salesOrderId, { packages: ['SPLIT-1'] });
  await world.settle();
  shopify = await shopifyOrder(world, order.orderGid);
  expect(shopify.fulfillmentStatus).toBe('FULFILLED');
  expect(shopify.fulfillmentOrders.map((fo) => [fo.location, fo.status])).toEqual([
    ['Columbus DC', 'CLOSED'],
    ['Reno DC', 'CLOSED'],
  ]);
  expect(shopify.fulfillments.map((f) => f.lineItems.map((l) => l.quantity))).toEqual([[50], [2]]);
  expect(writtenBack(world, ifId)).toEqual(shopify.fulfillments.map((f) => f.id));
});

it('sends every package’s tracking number on the fulfillment, and the shipping charge line not at all', async () => {
  const order = await placeOrder(world, 'PO-PACKAGES', [{ sku: 'GLV-NIT-100', quantity: 30 }]);
  // This warehouse ticks the order's shipping charge too (a non-inventory line NetSuite lets it fulfil)
  const ifId = fulfill(world, order.salesOrderId, { shipmethod: ups, packages: ['1ZPKG0001', '1ZPKG0002', '1ZPKG0003'], shipChargeLine: true });
  expect(world.netsuite.records.get('itemfulfillment', ifId)!.sublists.item.map((l) => l.itemname)).toEqual(['GLV-NIT-100', 'Shopify shipping']);
  await world.settle();
  const shopify = await shopifyOrder(world, order.orderGid);
  expect(entriesFor(world, ifId)[0]).toMatchObject({ status: 'done', reason: `${shopify.fulfillments[0].id} on ${order.name} (30 units, tracked)` });
  expect(shopify.fulfillmentStatus).toBe('FULFILLED');
  expect(shopify.fulfillments[0].trackingInfo).toEqual([
    { company: 'UPS', number: '1ZPKG0001', url: null },
    { company: 'UPS', number: '1ZPKG0002', url: null },
    { company: 'UPS', number: '1ZPKG0003', url: null },
  ]);
});

it('leaves out a line added in NetSuite that Shopify does not have, and says so on the entry', async () => {
  const order = await placeOrder(world, 'PO-EXTRA', [{ sku: 'HB-M8-60', quantity: 20 }]);
  // Sales adds a free sample to the order in NetSuite
  const sample = world.netsuite.records.seed('inventoryitem', { itemid: 'SAMPLE-BOX', subsidiary: 1 });
  world.netsuite.inventory.setOnHand(sample, world.locations['Columbus DC'].netsuiteId, 10);
  world.netsuite.ui.edit('salesorder', order.salesOrderId, {}, { item: [{ item: sample, quantity: 1, rate: 0, location: world.locations['Columbus DC'].netsuiteId }] });
  const ifId = fulfill(world, order.salesOrderId);
  await world.settle();
  const shopify = await shopifyOrder(world, order.orderGid);
  expect(shopify.fulfillmentStatus).toBe('FULFILLED');
  expect(await fulfilledBySku(world, order.orderGid)).toEqual({ 'HB-M8-60': 20 });
  expect(entriesFor(world, ifId)[0]).toMatchObject({ status: 'done', reason: expect.stringContaining('SAMPLE-BOX has no Shopify line (added in NetSuite): not sent') });
});

it('sends a kit as its Shopify line: the members NetSuite ships under it are not lines of their own', async () => {
  // A Shopify product sold as a kit in NetSuite: the bolt set is a kit of bolts and washers.
  const variant = (await world.shopify.graphql<{ productVariants: { nodes: { id: string }[] } }>('{ productVariants(first: 1, query: "sku:HB-M8-80") { nodes { id } } }')).data!.productVariants.nodes[0].id;
  const kit = world.netsuite.records.seed(
    'kititem',
    { itemid: 'HB-M8-80-KIT', subsidiary: 1, custitem_sb2b_variant_gid: variant },
    { member: [{ item: world.items['HB-M8-80'], quantity: 1 }, { item: world.items['FW-M8-100'], quantity: 1 }] },
  );
  const order = await placeOrder(world, 'PO-KIT', [{ sku: 'HB-M8-80', quantity: 5 }]);
  expect(world.netsuite.records.get('salesorder', order.salesOrderId)!.sublists.item[0].item).toBe(String(kit));
  const ifId = fulfill(world, order.salesOrderId, { quantities: { 'HB-M8-80-KIT': 3 } });
  expect(world.netsuite.records.get('itemfulfillment', ifId)!.sublists.item.map((l) => [l.itemname, l.quantity])).toEqual([
    ['HB-M8-80-KIT', 3],
    ['HB-M8-80', 3],
    ['FW-M8-100', 3],
  ]);
  await world.settle();
  const shopify = await shopifyOrder(world, order.orderGid);
  expect(shopify.fulfillmentStatus).toBe('PARTIALLY_FULFILLED');
  expect(await fulfilledBySku(world, order.orderGid)).toEqual({ 'HB-M8-80': 3 });
  expect(entriesFor(world, ifId)[0]).toMatchObject({ status: 'done', reason: `${writtenBack(world, ifId)[0]} on ${order.name} (3 units)` });
});
