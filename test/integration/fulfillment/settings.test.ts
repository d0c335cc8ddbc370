/**
 * The store's fulfillment settings, end to end: when a fulfillment goes (Shipped by default, Packed
 * when the store says so), whether Shopify emails the buyer, and which carrier (and tracking link)
 * Shopify is told for a ship method.
 */
import { createWorld, type World } from '../../../sandbox/world';
import { entriesFor, fulfill, itemFulfillment, listValue, placeOrder, setStore, shopifyOrder, writtenBack } from './support';

let world: World;
beforeAll(async () => {
  world = await createWorld();
}, 60_000);
afterAll(() => world?.close());

describe('Send fulfillments at', () => {
  it('Shipped (the default): a packed fulfillment waits, and goes when it is marked shipped', async () => {
    const order = await placeOrder(world, 'PO-SHIPPED', [{ sku: 'HB-M8-40', quantity: 10 }]);
    const ifId = fulfill(world, order.salesOrderId, { shipstatus: 'B', packages: ['PK-1'] });
    await world.settle();
    expect(itemFulfillment(world, ifId).fields.status).toBe('Packed');
    expect(entriesFor(world, ifId)).toEqual([]);
    expect((await shopifyOrder(world, order.orderGid)).fulfillmentStatus).toBe('UNFULFILLED');

    world.netsuite.ui.edit('itemfulfillment', ifId, { shipstatus: 'C' });
    await world.settle();
    const shopify = await shopifyOrder(world, order.orderGid);
    expect(shopify.fulfillmentStatus).toBe('FULFILLED');
    expect(writtenBack(world, ifId)).toEqual([shopify.fulfillments[0].id]);
  });

  it('Packed: the fulfillment goes when it is packed, and marking it shipped later sends nothing more', async () => {
    setStore(world, { custrecord_sb2b_fulfill_on: listValue(world, 'customlist_sb2b_fulfill_on', 'val_sb2b_fulfill_packed') });
    try {
      const order = await placeOrder(world, 'PO-PACKED', [{ sku: 'HB-M8-40', quantity: 10 }]);
      const picked = fulfill(world, order.salesOrderId, { shipstatus: 'A', quantities: { 'HB-M8-40': 4 } });
      await world.settle();
      expect(entriesFor(world, picked)).toEqual([]);
      const packed = fulfill(world, order.salesOrderId, { shipstatus: 'B', packages: ['PK-2'] });
      await world.settle();
      let shopify = await shopifyOrder(world, order.orderGid);
      expect(shopify.fulfillmentStatus).toBe('PARTIALLY_FULFILLED');
      expect(shopify.fulfillments.map((f) => f.lineItems[0].quantity)).toEqual([6]);
      expect(writtenBack(world, packed)).toEqual([shopify.fulfillments[0].id]);

      world.netsuite.ui.edit('itemfulfillment', packed, { shipstatus: 'C' });
      world.netsuite.ui.edit('itemfulfillment', picked, { shipstatus: 'B' });
      await world.settle();
      shopify = await shopifyOrder(world, order.orderGid);
      expect(shopify.fulfillmentStatus).toBe('FULFILLED');
      expect(shopify.fulfillments.map((f) => f.lineItems[0].quantity)).toEqual([6, 4]);
      expect(entriesFor(world, packed).map((e) => e.topic)).toEqual(['fulfillment/create']);
    } finally {
      setStore(world, { custrecord_sb2b_fulfill_on: listValue(world, 'customlist_sb2b_fulfill_on', 'val_sb2b_fulfill_shipped') });
    }
  });
});

describe('Notify buyers of shipments', () => {
  it('on (the default): Shopify notifies the buyer; off: it does not', async () => {
    const notified = await placeOrder(world, 'PO-NOTIFY', [{ sku: 'GLV-NIT-100', quantity: 1 }]);
    fulfill(world, notified.salesOrderId, { packages: ['N-1'] });
    await world.settle();
    expect((await shopifyOrder(world, notified.orderGid)).fulfillments[0].notifyCustomer).toBe(true);

    setStore(world, { custrecord_sb2b_notify_customer: false });
    try {
      const quiet = await placeOrder(world, 'PO-QUIET', [{ sku: 'GLV-NIT-100', quantity: 1 }]);
      fulfill(world, quiet.salesOrderId, { packages: ['N-2'] });
      await world.settle();
      const shopify = await shopifyOrder(world, quiet.orderGid);
      expect(shopify.fulfillmentStatus).toBe('FULFILLED');
      expect(shopify.fulfillments[0].notifyCustomer).toBe(false);
    } finally {
      setStore(world, { custrecord_sb2b_notify_customer: true });
    }
  });
});

describe('Carrier mappings', () => {
  it('tell Shopify the carrier of a ship method, and its tracking link when the mapping has a template', async () => {
    const freight = world.netsuite.records.seed('shipitem', { itemid: 'Regional freight' });
    const order = await placeOrder(world, 'PO-FREIGHT', [{ sku: 'PJ-2500', quantity: 1 }]);
    // Without a mapping an unknown ship method goes by its own name, without a link
    const before = fulfill(world, order.salesOrderId, { shipmethod: freight, packages: ['RF-100'], quantities: {} });
    await world.settle();
    expect((await shopifyOrder(world, order.orderGid)).fulfillments[0].trackingInfo).toEqual([{ company: 'Regional freight', number: 'RF-100', url: null }]);
    expect(writtenBack(world, before)).toHaveLength(1);

    world.netsuite.ui.create('customrecord_sb2b_carrier_map', {
      custrecord_sb2b_cm_store: world.storeId,
      custrecord_sb2b_cm_ship_method: freight,
      custrecord_sb2b_cm_carrier: 'Estes',
      custrecord_sb2b_cm_tracking_url: 'https://track.estes.example/?pro={number}',
    });
    const second = await placeOrder(world, 'PO-FREIGHT-2', [{ sku: 'PJ-2500', quantity: 2 }]);
    // Two packages, the second with two numbers typed into one field
    fulfill(world, second.salesOrderId, { shipmethod: freight, packages: ['RF-200', 'RF-201, RF 202'] });
    await world.settle();
    const shipped = await shopifyOrder(world, second.orderGid);
    expect(shipped.fulfillmentStatus).toBe('FULFILLED');
    expect(shipped.fulfillments[0].trackingInfo).toEqual([
      { company: 'Estes', number: 'RF-200', url: 'https://track.estes.example/?pro=RF-200' },
      { company: 'Estes', number: 'RF-201', url: 'https://track.estes.example/?pro=RF-201' },
      { company: 'Estes', number: 'RF 202', url: 'https://track.estes.example/?pro=RF%20202' },
    ]);
  });
});
