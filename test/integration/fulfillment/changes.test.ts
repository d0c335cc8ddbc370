/**
 * What happens to an item fulfillment after it is first saved: tracking changed after the
 * fulfillment reached Shopify, changes made before (or while) it was being sent, and deletion,
 * which cancels the Shopify fulfillment when Shopify allows it and tells the admin why when not.
 */
import { createWorld, type World } from '../../../sandbox/world';
import { entriesFor, fulfill, fulfilledBySku, laterScheduledRun, placeOrder, shopifyOrder, writtenBack } from './support';

let world: World;
let ups: number;
beforeAll(async () => {
  world = await createWorld();
  ups = world.netsuite.records.seed('shipitem', { itemid: 'UPS Ground' });
}, 60_000);
afterAll(() => world?.close());

const setPackages = (ifId: number, numbers: string[]) => {
  const current = world.netsuite.records.get('itemfulfillment', ifId)!.sublists.package ?? [];
  world.netsuite.ui.edit('itemfulfillment', ifId, {}, {
    package: [...current.map((_, i) => ({ line: current.length - 1 - i, remove: true })), ...numbers.map((n) => ({ packagetrackingnumber: n }))],
  });
};

describe('tracking changed in NetSuite', () => {
  it('updates the Shopify fulfillment’s tracking, every time, also back to an earlier number', async () => {
    const order = await placeOrder(world, 'PO-RETRACK', [{ sku: 'HB-M8-40', quantity: 10 }]);
    const ifId = fulfill(world, order.salesOrderId, { shipmethod: ups, packages: ['1ZFIRST'] });
    await world.settle();
    const [gid] = writtenBack(world, ifId);

    setPackages(ifId, ['1ZSECOND', '1ZTHIRD']);
    await world.settle();
    let shopify = await shopifyOrder(world, order.orderGid);
    expect(shopify.fulfillments).toHaveLength(1);
    expect(shopify.fulfillments[0]).toMatchObject({ id: gid, notifyCustomer: true, trackingInfo: [{ company: 'UPS', number: '1ZSECOND' }, { company: 'UPS', number: '1ZTHIRD' }] });

    setPackages(ifId, ['1ZFIRST']);
    await world.settle();
    shopify = await shopifyOrder(world, order.orderGid);
    expect(shopify.fulfillments[0].trackingInfo).toEqual([{ company: 'UPS', number: '1ZFIRST', url: null }]);
    expect(shopify.fulfillmentStatus).toBe('FULFILLED');
    expect(entriesFor(world, ifId).map((e) => [e.topic, e.status])).toEqual([
      ['fulfillment/create', 'done'],
      ['fulfillment/tracking', 'done'],
      ['fulfillment/tracking', 'done'],
    ]);

    // A save that changes nothing Shopify can change queues nothing: a memo, or a quantity (a Shopify
    // fulfillment's items are fixed once made)
    world.netsuite.ui.edit('itemfulfillment', ifId, { memo: 'left at dock 4' }, { item: [{ line: 0, quantity: 8 }] });
    await world.settle();
    expect(entriesFor(world, ifId)).toHaveLength(3);
    expect(await fulfilledBySku(world, order.orderGid)).toEqual({ 'HB-M8-40': 10 });
  });

  it('sends the item fulfillment as it is when the queue gets to it, when it was saved again before', async () => {
    const order = await placeOrder(world, 'PO-LATE-TRACKING', [{ sku: 'HB-M8-40', quantity: 10 }]);
    // Shipped without a number, the number added a minute later, before the queue ran
    const ifId = fulfill(world, order.salesOrderId);
    setPackages(ifId, ['1ZLATE']);
    await world.settle();
    const shopify = await shopifyOrder(world, order.orderGid);
    expect(shopify.fulfillments).toHaveLength(1);
    expect(shopify.fulfillments[0].trackingInfo).toEqual([{ company: null, number: '1ZLATE', url: null }]);
    expect(entriesFor(world, ifId).map((e) => [e.topic, e.status])).toEqual([['fulfillment/create', 'done']]);
  });

  it('follows up a change saved while the fulfillment was being sent, once that is recorded', async () => {
    const order = await placeOrder(world, 'PO-RACE', [{ sku: 'HB-M8-60', quantity: 10 }]);
    const ifId = fulfill(world, order.salesOrderId, { packages: ['1ZOLD'] });
    const [create] = entriesFor(world, ifId);
    // Another queue run has just claimed the entry (what claim() writes: processing, a 30-minute lease)
    const lease = world.clock.now() + 30 * 60_000;
    world.netsuite.console(
      ({ record }) =>
        record.submitFields({
          type: 'customrecord_sb2b_queue',
          id: create.id,
          values: { custrecord_sb2b_q_status: 'processing', custrecord_sb2b_q_attempts: 1, custrecord_sb2b_q_next_attempt: new Date(lease), custrecord_sb2b_q_due: lease },
        }),
      { scriptType: 'MAPREDUCE' },
    );
    setPackages(ifId, ['1ZNEW']);
    expect(entriesFor(world, ifId).map((e) => [e.topic, e.status])).toEqual([
      ['fulfillment/create', 'processing'],
      ['fulfillment/tracking', 'pending'],
    ]);
    // The follow-up waits for the Shopify fulfillment to be recorded
    await world.settle();
    expect(entriesFor(world, ifId)[1]).toMatchObject({ status: 'retrying', error_code: 'FULFILLMENT_NOT_SENT_YET' });
    // The run that claimed it died; past its lease the next run takes the entry again, with the follow-up
    await laterScheduledRun(world, 31 * 60_000);
    const shopify = await shopifyOrder(world, order.orderGid);
    expect(shopify.fulfillments).toHaveLength(1);
    expect(shopify.fulfillments[0].trackingInfo.map((t) => t.number)).toEqual(['1ZNEW']);
    expect(shopify.fulfillmentStatus).toBe('FULFILLED');
    expect(writtenBack(world, ifId)).toEqual([shopify.fulfillments[0].id]);
    expect(entriesFor(world, ifId).map((e) => e.status)).toEqual(['done', 'done']);
  });
});

describe('item fulfillment deleted in NetSuite', () => {
  it('cancels the Shopify fulfillment: the order is unfulfilled again and can be fulfilled anew', async () => {
    const order = await placeOrder(world, 'PO-DELETE', [{ sku: 'FW-M8-100', quantity: 3 }]);
    const ifId = fulfill(world, order.salesOrderId, { packages: ['DEL-1'] });
    await world.settle();
    const [gid] = writtenBack(world, ifId);
    expect((await shopifyOrder(world, order.orderGid)).fulfillmentStatus).toBe('FULFILLED');

    world.netsuite.ui.delete('itemfulfillment', ifId);
    await world.settle();
    let shopify = await shopifyOrder(world, order.orderGid);
    expect(shopify.fulfillments).toEqual([expect.objectContaining({ id: gid, status: 'CANCELLED' })]);
    expect(shopify.fulfillmentStatus).toBe('UNFULFILLED');
    expect(entriesFor(world, ifId).map((e) => [e.topic, e.status, e.reason])).toEqual([
      ['fulfillment/create', 'done', expect.any(String)],
      ['fulfillment/cancel', 'done', `${gid} cancelled in Shopify`],
    ]);

    // Shipped again later: a new fulfillment, from the fulfillment order Shopify opened for the items
    fulfill(world, order.salesOrderId, { packages: ['DEL-2'] });
    await world.settle();
    shopify = await shopifyOrder(world, order.orderGid);
    expect(shopify.fulfillmentStatus).toBe('FULFILLED');
    expect(await fulfilledBySku(world, order.orderGid)).toEqual({ 'FW-M8-100': 3 });
  });

  it('tells the admin why when Shopify will not cancel it', async () => {
    const order = await placeOrder(world, 'PO-NOCANCEL', [{ sku: 'FW-M8-100', quantity: 1 }]);
    const ifId = fulfill(world, order.salesOrderId, { packages: ['NC-1'] });
    await world.settle();
    const [gid] = writtenBack(world, ifId);
    // The merchant already cancelled it in Shopify admin
    await world.shopify.graphql('mutation X($id: ID!) { fulfillmentCancel(id: $id) { userErrors { message } } }', { id: gid });
    const mailsBefore = world.netsuite.emails.length;

    world.netsuite.ui.delete('itemfulfillment', ifId);
    await world.settle();
    const cancel = entriesFor(world, ifId).find((e) => e.topic === 'fulfillment/cancel')!;
    expect(cancel).toMatchObject({ status: 'dead', attempts: 1, error_code: 'FULFILLMENT_NOT_CANCELLABLE' });
    expect(cancel.error).toBe(
      `Item fulfillment ${ifId} was deleted in NetSuite, but Shopify would not cancel ${gid}: Fulfillment is already canceled. ` +
        'If the shipment did not happen, cancel the fulfillment in Shopify admin (unless it shows cancelled already), then close this entry.',
    );
    const mail = world.netsuite.emails.slice(mailsBefore).find((m) => m.body.includes('FULFILLMENT_NOT_CANCELLABLE'));
    expect(mail).toBeDefined();
    expect(mail!.body).toContain('Shopify would not cancel');
  });

  it('deleted while it was being sent: what was just created in Shopify is cancelled', async () => {
    const order = await placeOrder(world, 'PO-DELETED-MEANWHILE', [{ sku: 'FW-M8-100', quantity: 1 }]);
    const ifId = fulfill(world, order.salesOrderId);
    // The user deletes it between Shopify's answer and the write-back: the write-back finds no record
    world.netsuite.addFault({ kind: 'saveFails', recordType: 'itemfulfillment', operation: 'edit', executionContext: 'MAPREDUCE', error: { name: 'RCRD_DSNT_EXIST', message: 'That record does not exist.' } });
    await world.settle();
    world.netsuite.ui.delete('itemfulfillment', ifId);
    await world.settle();
    const shopify = await shopifyOrder(world, order.orderGid);
    expect(shopify.fulfillments).toEqual([expect.objectContaining({ status: 'CANCELLED' })]);
    expect(shopify.fulfillmentStatus).toBe('UNFULFILLED');
    expect(entriesFor(world, ifId)).toEqual([
      expect.objectContaining({ status: 'skipped', reason: `item fulfillment ${ifId} was deleted while it was being sent; ${shopify.fulfillments[0].id} cancelled in Shopify` }),
    ]);
  });

  it('deleted after an attempt that reached Shopify but was not recorded: the retry cancels what it made', async () => {
    const order = await placeOrder(world, 'PO-DELETED-AFTER-TRY', [{ sku: 'FW-M8-100', quantity: 2 }]);
    await world.shopify.post('/faults', { target: 'admin', fault: 'http503', afterProcessing: true, times: 1, match: { operationName: 'FulfillmentCreate' } });
    const ifId = fulfill(world, order.salesOrderId, { packages: ['TRY-1'] });
    await world.settle();
    expect(entriesFor(world, ifId)[0]).toMatchObject({ status: 'retrying' });
    world.netsuite.ui.delete('itemfulfillment', ifId);
    await laterScheduledRun(world, 2 * 60_000);
    const shopify = await shopifyOrder(world, order.orderGid);
    expect(shopify.fulfillments).toEqual([expect.objectContaining({ status: 'CANCELLED', trackingInfo: [expect.objectContaining({ number: 'TRY-1' })] })]);
    expect(shopify.fulfillmentStatus).toBe('UNFULFILLED');
    expect(entriesFor(world, ifId)).toEqual([
      expect.objectContaining({ status: 'skipped', reason: `item fulfillment ${ifId} was deleted before its fulfillment was recorded; ${shopify.fulfillments[0].id} cancelled in Shopify` }),
    ]);
  });

  it('deleted before it was sent: nothing reaches Shopify, and the entry says why', async () => {
    const order = await placeOrder(world, 'PO-NEVERMIND', [{ sku: 'FW-M8-100', quantity: 1 }]);
    const ifId = fulfill(world, order.salesOrderId);
    world.netsuite.ui.delete('itemfulfillment', ifId);
    await world.settle();
    const shopify = await shopifyOrder(world, order.orderGid);
    expect(shopify.fulfillments).toEqual([]);
    expect(shopify.fulfillmentStatus).toBe('UNFULFILLED');
    expect(entriesFor(world, ifId)).toEqual([expect.objectContaining({ topic: 'fulfillment/create', status: 'skipped', reason: `item fulfillment ${ifId} was deleted before it reached Shopify` })]);
  });
});
