/**
 * fulfillmentCreate has no idempotency key. These scenarios break the work between Shopify's success
 * and NetSuite's write-back, on either side, and check that the retry records what Shopify already
 * has instead of fulfilling twice; and that orders Shopify has already fulfilled or cancelled, or
 * lines it no longer has, end the entry with the reason instead of retrying forever.
 */
import { createWorld, type World } from '../../../sandbox/world';
import { entriesFor, fulfill, fulfilledBySku, laterScheduledRun, placeOrder, setStore, shopifyOrder, writtenBack } from './support';

let world: World;
beforeAll(async () => {
  world = await createWorld();
}, 60_000);
afterAll(() => world?.close());
afterEach(() => world.shopify.delete('/faults'));

/** The write-back fails: the outbound processor's save of the item fulfillment (nothing else) is refused once. */
function failWriteBack() {
  world.netsuite.addFault({ kind: 'saveFails', recordType: 'itemfulfillment', operation: 'edit', executionContext: 'MAPREDUCE', error: { name: 'UNEXPECTED_ERROR', message: 'An unexpected error has occurred.' } });
}

/** Shopify creates the fulfillment, then the answer is lost (HTTP 503 after processing). */
async function loseShopifyAnswer(times = 1) {
  await world.shopify.post('/faults', { target: 'admin', fault: 'http503', afterProcessing: true, times, match: { operationName: 'FulfillmentCreate' } });
}

describe('a crash between Shopify’s success and NetSuite’s write-back', () => {
  it('NetSuite fails to record the fulfillment: the retry finds it in Shopify and records it, no second fulfillment', async () => {
    const order = await placeOrder(world, 'PO-CRASH-NS', [{ sku: 'HB-M8-40', quantity: 10 }]);
    failWriteBack();
    const ifId = fulfill(world, order.salesOrderId, { quantities: { 'HB-M8-40': 5 }, packages: ['1ZCRASH'] });
    await world.settle();
    let shopify = await shopifyOrder(world, order.orderGid);
    expect(shopify.fulfillments).toHaveLength(1);
    expect(writtenBack(world, ifId)).toEqual([]);
    expect(entriesFor(world, ifId)[0]).toMatchObject({ status: 'retrying', attempts: 1, error_code: 'UNEXPECTED_ERROR' });

    await laterScheduledRun(world, 2 * 60_000);
    shopify = await shopifyOrder(world, order.orderGid);
    expect(shopify.fulfillments).toHaveLength(1);
    expect(shopify.fulfillmentStatus).toBe('PARTIALLY_FULFILLED');
    expect(await fulfilledBySku(world, order.orderGid)).toEqual({ 'HB-M8-40': 5 });
    expect(writtenBack(world, ifId)).toEqual([shopify.fulfillments[0].id]);
    expect(entriesFor(world, ifId)[0]).toMatchObject({ status: 'done', attempts: 2, reason: `${shopify.fulfillments[0].id} already created by an earlier attempt` });
  });

  it('tracking corrected while the entry waits for its retry: the fulfillment made is recognised by its lines and its tracking updated', async () => {
    const order = await placeOrder(world, 'PO-CRASH-RETRACK', [{ sku: 'HB-M8-60', quantity: 10 }]);
    failWriteBack();
    const ifId = fulfill(world, order.salesOrderId, { quantities: { 'HB-M8-60': 7 }, packages: ['1ZTYPO'] });
    await world.settle();
    expect(entriesFor(world, ifId)[0]).toMatchObject({ status: 'retrying' });
    // The warehouse fixes a typo in the tracking number before the retry
    world.netsuite.ui.edit('itemfulfillment', ifId, {}, { package: [{ line: 0, packagetrackingnumber: '1ZRIGHT' }] });
    await laterScheduledRun(world, 2 * 60_000);
    const shopify = await shopifyOrder(world, order.orderGid);
    expect(shopify.fulfillments).toHaveLength(1);
    expect(shopify.fulfillmentStatus).toBe('PARTIALLY_FULFILLED');
    expect(shopify.fulfillments[0].trackingInfo.map((t) => t.number)).toEqual(['1ZRIGHT']);
    expect(writtenBack(world, ifId)).toEqual([shopify.fulfillments[0].id]);
    expect(entriesFor(world, ifId)).toEqual([expect.objectContaining({ topic: 'fulfillment/create', status: 'done' })]);
  });

  it('Shopify’s answer is lost: the retry recognises the fulfillment by its lines when there is no tracking', async () => {
    const order = await placeOrder(world, 'PO-CRASH-503', [{ sku: 'HB-M8-40', quantity: 10 }, { sku: 'FW-M8-100', quantity: 4 }]);
    await loseShopifyAnswer();
    const ifId = fulfill(world, order.salesOrderId, { quantities: { 'HB-M8-40': 6, 'FW-M8-100': 1 } });
    await world.settle();
    expect(entriesFor(world, ifId)[0]).toMatchObject({ status: 'retrying', error_code: 'SHOPIFY_HTTP_503' });
    expect((await shopifyOrder(world, order.orderGid)).fulfillments).toHaveLength(1);

    await laterScheduledRun(world, 2 * 60_000);
    const shopify = await shopifyOrder(world, order.orderGid);
    expect(shopify.fulfillments).toHaveLength(1);
    expect(shopify.fulfillmentStatus).toBe('PARTIALLY_FULFILLED');
    expect(await fulfilledBySku(world, order.orderGid)).toEqual({ 'HB-M8-40': 6, 'FW-M8-100': 1 });
    expect(writtenBack(world, ifId)).toEqual([shopify.fulfillments[0].id]);
    expect(entriesFor(world, ifId)[0].status).toBe('done');
  });

  it('only one of two locations went through: the retry sends the other, and records both', async () => {
    const order = await placeOrder(world, 'PO-CRASH-SPLIT', [{ sku: 'HB-M8-60', quantity: 20 }, { sku: 'HAT-YEL', quantity: 3 }]);
    // The first location's fulfillment is created and its answer lost; the attempt stops there
    await loseShopifyAnswer();
    const ifId = fulfill(world, order.salesOrderId, { packages: ['1ZSPLIT'] });
    await world.settle();
    expect((await shopifyOrder(world, order.orderGid)).fulfillments.map((f) => f.lineItems.map((l) => l.quantity))).toEqual([[20]]);

    await laterScheduledRun(world, 2 * 60_000);
    const shopify = await shopifyOrder(world, order.orderGid);
    expect(shopify.fulfillmentStatus).toBe('FULFILLED');
    expect(shopify.fulfillments.map((f) => f.lineItems.map((l) => l.quantity))).toEqual([[20], [3]]);
    expect(writtenBack(world, ifId)).toEqual(shopify.fulfillments.map((f) => f.id));
    expect(entriesFor(world, ifId)[0].reason).toBe(`${shopify.fulfillments[1].id} on ${order.name} (3 units, tracked); ${shopify.fulfillments[0].id} already created by an earlier attempt`);
  });

  it('an entry that failed for good and is retried by the admin still counts what Shopify already has', async () => {
    setStore(world, { custrecord_sb2b_retry_attempts: 1 });
    try {
      const order = await placeOrder(world, 'PO-ADMIN-RETRY', [{ sku: 'HB-M8-80', quantity: 10 }]);
      await loseShopifyAnswer();
      const ifId = fulfill(world, order.salesOrderId, { quantities: { 'HB-M8-80': 4 } });
      await world.settle();
      const [entry] = entriesFor(world, ifId);
      expect(entry).toMatchObject({ status: 'dead', attempts: 1, error_code: 'SHOPIFY_HTTP_503' });
      // The admin reads the alert, checks Shopify is back, and ticks Retry on the entry
      world.netsuite.ui.inlineEdit('customrecord_sb2b_queue', entry.id, { custrecord_sb2b_q_retry: true });
      await world.settle();
      const shopify = await shopifyOrder(world, order.orderGid);
      expect(shopify.fulfillments).toHaveLength(1);
      expect(shopify.fulfillmentStatus).toBe('PARTIALLY_FULFILLED');
      expect(await fulfilledBySku(world, order.orderGid)).toEqual({ 'HB-M8-80': 4 });
      expect(writtenBack(world, ifId)).toEqual([shopify.fulfillments[0].id]);
    } finally {
      setStore(world, { custrecord_sb2b_retry_attempts: 8 });
    }
  });

  it('two item fulfillments alike, the first recorded: the retry of the second does not take the first’s for its own', async () => {
    const order = await placeOrder(world, 'PO-TWINS', [{ sku: 'GLV-NIT-100', quantity: 4 }]);
    const first = fulfill(world, order.salesOrderId, { quantities: { 'GLV-NIT-100': 2 } });
    await world.settle();
    // The same lines and quantities again, and Shopify's answer lost
    await loseShopifyAnswer();
    const second = fulfill(world, order.salesOrderId, { quantities: { 'GLV-NIT-100': 2 } });
    await world.settle();
    await laterScheduledRun(world, 2 * 60_000);
    const shopify = await shopifyOrder(world, order.orderGid);
    expect(shopify.fulfillments).toHaveLength(2);
    expect(shopify.fulfillmentStatus).toBe('FULFILLED');
    expect([writtenBack(world, first), writtenBack(world, second)]).toEqual([[shopify.fulfillments[0].id], [shopify.fulfillments[1].id]]);
  });
});

describe('orders Shopify no longer expects to fulfil', () => {
  it('already fulfilled in Shopify: the entry ends with the reason, nothing is created', async () => {
    const order = await placeOrder(world, 'PO-DONE-IN-SHOPIFY', [{ sku: 'FW-M8-1000', quantity: 2 }]);
    // The merchant marked it fulfilled in Shopify admin before the warehouse saved its fulfillment
    const fo = (await shopifyOrder(world, order.orderGid)).fulfillmentOrders[0];
    await world.shopify.graphql('mutation F($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { userErrors { message } } }', { f: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.id }] } });
    await world.settle();
    const ifId = fulfill(world, order.salesOrderId);
    await world.settle();
    const shopify = await shopifyOrder(world, order.orderGid);
    expect(shopify.fulfillments).toHaveLength(1);
    expect(shopify.fulfillmentStatus).toBe('FULFILLED');
    expect(entriesFor(world, ifId)).toEqual([
      expect.objectContaining({
        status: 'skipped',
        attempts: 1,
        reason: `item fulfillment ${ifId} not sent: nothing left to fulfill in Shopify on ${order.name} (FULFILLED); FW-M8-1000: 2 of 2 shipped have nothing left to fulfill in Shopify`,
      }),
    ]);
  });

  it('cancelled in Shopify before the fulfillment went: the entry ends with the reason', async () => {
    const order = await placeOrder(world, 'PO-CANCELLED', [{ sku: 'FW-M8-100', quantity: 2 }]);
    const ifId = fulfill(world, order.salesOrderId);
    await world.shopify.post(`/shops/${world.shop}/actions/cancel-order`, { orderId: order.orderGid, reason: 'CUSTOMER' });
    await world.settle();
    const shopify = await shopifyOrder(world, order.orderGid);
    expect(shopify.cancelledAt).not.toBeNull();
    expect(shopify.fulfillments).toEqual([]);
    expect(shopify.fulfillmentStatus).toBe('RESTOCKED');
    expect(entriesFor(world, ifId)).toEqual([expect.objectContaining({ status: 'skipped', reason: `order ${order.name} is cancelled in Shopify: item fulfillment ${ifId} not sent` })]);
  });

  it('a line the merchant removed in Shopify: the rest is sent, the entry says what was not', async () => {
    const order = await placeOrder(world, 'PO-REMOVED-LINE', [{ sku: 'HB-M8-40', quantity: 10 }, { sku: 'GLV-NIT-100', quantity: 2 }]);
    const ifId = fulfill(world, order.salesOrderId);
    const gloves = (await shopifyOrder(world, order.orderGid)).lineItems.find((l) => l.sku === 'GLV-NIT-100')!;
    await world.shopify.post(`/shops/${world.shop}/actions/edit-order`, { orderId: order.orderGid, lineItemId: gloves.id, quantity: 0 });
    await world.settle();
    const shopify = await shopifyOrder(world, order.orderGid);
    expect(shopify.fulfillmentStatus).toBe('FULFILLED');
    expect(await fulfilledBySku(world, order.orderGid)).toEqual({ 'HB-M8-40': 10, 'GLV-NIT-100': 0 });
    expect(entriesFor(world, ifId)[0]).toMatchObject({ status: 'done', reason: expect.stringContaining('GLV-NIT-100: 2 of 2 shipped have nothing left to fulfill in Shopify') });
  });
});
