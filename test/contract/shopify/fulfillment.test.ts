/**
 * Fulfillment orders and fulfillmentCreate: Shopify creates fulfillment orders with the order,
 * one per location it ships from; fulfilling takes quantities off them (partially, with
 * tracking), keeps remaining quantities true, and moves the order's fulfillment status.
 */
import { createShopifyStore, type ShopifyStore } from '../../../sandbox/shopify/store';
import { acmeShop, SHOP } from './fixtures';

// The reference's FOs query (shared/reference/shopify-admin-api.md §4.1), as the connector sends it.
const FOS = `query FOs($id: ID!) {
  order(id: $id) {
    id displayFulfillmentStatus
    fulfillmentOrders(first: 50) {
      nodes {
        id status requestStatus fulfillAt
        assignedLocation { location { id } name }
        supportedActions { action }
        fulfillmentHolds { reason }
        lineItems(first: 250) { nodes { id remainingQuantity totalQuantity sku inventoryItemId lineItem { id sku } } }
      }
    }
  }
}`;

const FULFILL = `mutation Ship($f: FulfillmentInput!, $message: String) {
  fulfillmentCreate(fulfillment: $f, message: $message) {
    fulfillment { id name status displayStatus trackingInfo(first: 5) { company number url } fulfillmentLineItems(first: 10) { nodes { quantity lineItem { sku } } } }
    userErrors { field message }
  }
}`;

interface FoLine {
  id: string;
  sku: string;
  remainingQuantity: number;
  totalQuantity: number;
}

interface Fo {
  id: string;
  status: string;
  assignedLocation: { name: string };
  supportedActions: { action: string }[];
  lineItems: { nodes: FoLine[] };
}

async function orderAndFos(store: ShopifyStore): Promise<{ orderId: string; status: string; fos: Fo[] }> {
  const orderId = (await store.graphql({ query: '{ orders(first: 1) { nodes { id } } }' })).body.data.orders.nodes[0].id;
  const order = (await store.graphql({ query: FOS, variables: { id: orderId } })).body.data.order;
  return { orderId, status: order.displayFulfillmentStatus, fos: order.fulfillmentOrders.nodes };
}

function storeWithOrder(): ShopifyStore {
  const seed = acmeShop();
  seed.products!.push({ title: 'Pallet jack', variants: [{ sku: 'PJ-2500', price: '389.00', stock: { 'Reno DC': 3 } }] });
  seed.orders = [{ company: 'NS-CUST-1001', poNumber: 'PO-5', lines: [{ sku: 'GLV-100', quantity: 10 }, { sku: 'HB-M8-40', quantity: 100 }, { sku: 'PJ-2500', quantity: 1 }] }];
  return createShopifyStore({ shops: [seed] });
}

async function stock(store: ShopifyStore, sku: string) {
  const res = await store.request({ method: 'GET', path: `/sandbox/shopify/shops/${SHOP}/inventory`, query: new URLSearchParams({ sku }) });
  return JSON.parse(String(res!.body))[0].levels as Record<string, Record<string, number>>;
}

describe('fulfillment orders', () => {
  it('are created with the order, one per location that ships, holding every line', async () => {
    const store = storeWithOrder();
    const { status, fos } = await orderAndFos(store);
    expect(status).toBe('UNFULFILLED');
    expect(fos.map((fo) => [fo.assignedLocation.name, fo.status, fo.lineItems.nodes.map((l) => [l.sku, l.totalQuantity, l.remainingQuantity])])).toEqual([
      ['Columbus DC', 'OPEN', [['GLV-100', 10, 10], ['HB-M8-40', 100, 100]]],
      ['Reno DC', 'OPEN', [['PJ-2500', 1, 1]]],
    ]);
    expect(fos[0]!.supportedActions.map((a) => a.action)).toEqual(['CREATE_FULFILLMENT', 'MOVE', 'HOLD', 'SPLIT']);
  });
});

describe('fulfillmentCreate', () => {
  it('fulfils part of a fulfillment order with tracking, keeping remaining quantities true', async () => {
    const store = storeWithOrder();
    const { orderId, fos } = await orderAndFos(store);
    const columbus = fos[0]!;
    const gloves = columbus.lineItems.nodes.find((l) => l.sku === 'GLV-100')!;
    // When 3 of the 10 gloves ship with a UPS number, the customer notified
    const res = await store.graphql({
      query: FULFILL,
      variables: {
        message: 'NetSuite IF-2044',
        f: { notifyCustomer: true, trackingInfo: { company: 'UPS', number: '1Z999AA10123456784' }, lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: columbus.id, fulfillmentOrderLineItems: [{ id: gloves.id, quantity: 3 }] }] },
      },
    });
    const payload = res.body.data.fulfillmentCreate;
    expect(payload.userErrors).toEqual([]);
    expect(payload.fulfillment).toMatchObject({ name: '#1001-F1', status: 'SUCCESS', displayStatus: 'FULFILLED', trackingInfo: [{ company: 'UPS', number: '1Z999AA10123456784', url: null }], fulfillmentLineItems: { nodes: [{ quantity: 3, lineItem: { sku: 'GLV-100' } }] } });
    // Then 7 remain, the fulfillment order is in progress and the order partially fulfilled
    const after = await orderAndFos(store);
    expect(after.status).toBe('PARTIALLY_FULFILLED');
    expect(after.fos[0]!.status).toBe('IN_PROGRESS');
    expect(after.fos[0]!.lineItems.nodes.find((l) => l.sku === 'GLV-100')!.remainingQuantity).toBe(7);
    // and the stock that left the building is gone from on hand and from committed
    expect((await stock(store, 'GLV-100'))['Columbus DC']).toMatchObject({ available: 30, committed: 7, on_hand: 37 });
    // The stand-in records what Shopify would have done with notifyCustomer
    const snapshot = JSON.parse(String((await store.request({ method: 'GET', path: `/sandbox/shopify/shops/${SHOP}/orders/${encodeURIComponent(orderId)}` }))!.body));
    expect(snapshot.fulfillments[0]).toMatchObject({ name: '#1001-F1', notifyCustomer: true });
  });

  it('refuses more than remains, applying nothing', async () => {
    const store = storeWithOrder();
    const { fos } = await orderAndFos(store);
    const gloves = fos[0]!.lineItems.nodes.find((l) => l.sku === 'GLV-100')!;
    const bolts = fos[0]!.lineItems.nodes.find((l) => l.sku === 'HB-M8-40')!;
    const res = await store.graphql({
      query: FULFILL,
      variables: { f: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fos[0]!.id, fulfillmentOrderLineItems: [{ id: bolts.id, quantity: 100 }, { id: gloves.id, quantity: 11 }] }] } },
    });
    expect(res.body.data.fulfillmentCreate).toEqual({
      fulfillment: null,
      userErrors: [{ field: ['fulfillment', 'lineItemsByFulfillmentOrder', '0', 'fulfillmentOrderLineItems', '1', 'quantity'], message: 'Invalid fulfillment order line item quantity requested. Remaining quantity is 10.' }],
    });
    expect((await orderAndFos(store)).fos[0]!.lineItems.nodes.map((l) => l.remainingQuantity)).toEqual([10, 100]);
  });

  it('fulfils everything left when no line items are listed, closing the fulfillment order', async () => {
    const store = storeWithOrder();
    const { fos } = await orderAndFos(store);
    const gloves = fos[0]!.lineItems.nodes.find((l) => l.sku === 'GLV-100')!;
    await store.graphql({ query: FULFILL, variables: { f: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fos[0]!.id, fulfillmentOrderLineItems: [{ id: gloves.id, quantity: 4 }] }] } } });
    const rest = await store.graphql({ query: FULFILL, variables: { f: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fos[0]!.id }] } } });
    expect(rest.body.data.fulfillmentCreate.fulfillment).toMatchObject({ name: '#1001-F2', fulfillmentLineItems: { nodes: [{ quantity: 6, lineItem: { sku: 'GLV-100' } }, { quantity: 100, lineItem: { sku: 'HB-M8-40' } }] } });
    const columbusDone = await orderAndFos(store);
    expect(columbusDone.fos[0]!.status).toBe('CLOSED');
    expect(columbusDone.status).toBe('PARTIALLY_FULFILLED');
    // Shipping the Reno fulfillment order completes the order
    await store.graphql({ query: FULFILL, variables: { f: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fos[1]!.id }] } } });
    expect((await orderAndFos(store)).status).toBe('FULFILLED');
    // A closed fulfillment order cannot be fulfilled again
    const again = await store.graphql({ query: FULFILL, variables: { f: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fos[1]!.id }] } } });
    expect(again.body.data.fulfillmentCreate.fulfillment).toBeNull();
    expect(again.body.data.fulfillmentCreate.userErrors[0].message).toMatch(/unfulfillable status= closed/);
  });

  it('refuses fulfillment orders from different locations in one fulfillment', async () => {
    const store = storeWithOrder();
    const { fos } = await orderAndFos(store);
    const res = await store.graphql({ query: FULFILL, variables: { f: { lineItemsByFulfillmentOrder: fos.map((fo) => ({ fulfillmentOrderId: fo.id })) } } });
    expect(res.body.data.fulfillmentCreate.userErrors).toEqual([{ field: ['fulfillment'], message: 'All fulfillment orders must be assigned to the same location.' }]);
  });

  it('makes an order with fulfillments impossible to cancel (captured message)', async () => {
    const store = storeWithOrder();
    const { orderId, fos } = await orderAndFos(store);
    await store.graphql({ query: FULFILL, variables: { f: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fos[1]!.id }] } } });
    const res = await store.graphql({ query: 'mutation X($id: ID!) { orderCancel(orderId: $id, reason: OTHER, restock: true) { job { id } orderCancelUserErrors { field message code } } }', variables: { id: orderId } });
    expect(res.body.data.orderCancel).toEqual({ job: null, orderCancelUserErrors: [{ field: ['orderId'], message: 'Cannot cancel an order that has outstanding fulfillments', code: 'INVALID' }] });
  });
});

const TRACKING_UPDATE = `mutation Track($id: ID!, $t: FulfillmentTrackingInput!, $notify: Boolean) {
  fulfillmentTrackingInfoUpdate(fulfillmentId: $id, trackingInfoInput: $t, notifyCustomer: $notify) {
    fulfillment { id status trackingInfo(first: 5) { company number url } }
    userErrors { field message }
  }
}`;

const CANCEL = `mutation Cancel($id: ID!) { fulfillmentCancel(id: $id) { fulfillment { id status displayStatus } userErrors { field message } } }`;

async function ship(store: ShopifyStore, fo: Fo, lines?: { sku: string; quantity: number }[], trackingInfo?: Record<string, unknown>): Promise<string> {
  const items = lines?.map((l) => ({ id: fo.lineItems.nodes.find((n) => n.sku === l.sku)!.id, quantity: l.quantity }));
  const res = await store.graphql({ query: FULFILL, variables: { f: { trackingInfo, lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.id, fulfillmentOrderLineItems: items }] } } });
  expect(res.body.data.fulfillmentCreate.userErrors).toEqual([]);
  return res.body.data.fulfillmentCreate.fulfillment.id;
}

async function orderSnapshot(store: ShopifyStore, orderId: string) {
  return JSON.parse(String((await store.request({ method: 'GET', path: `/sandbox/shopify/shops/${SHOP}/orders/${encodeURIComponent(orderId)}` }))!.body));
}

describe('fulfillmentTrackingInfoUpdate', () => {
  it('replaces the tracking of a fulfillment, several packages included, and remembers notifyCustomer', async () => {
    const store = storeWithOrder();
    const { orderId, fos } = await orderAndFos(store);
    const id = await ship(store, fos[0]!, [{ sku: 'GLV-100', quantity: 2 }], { company: 'UPS', number: '1ZOLD' });
    const res = await store.graphql({ query: TRACKING_UPDATE, variables: { id, t: { company: 'FedEx', numbers: ['7777', '8888'] }, notify: true } });
    expect(res.body.data.fulfillmentTrackingInfoUpdate).toEqual({
      fulfillment: { id, status: 'SUCCESS', trackingInfo: [{ company: 'FedEx', number: '7777', url: null }, { company: 'FedEx', number: '8888', url: null }] },
      userErrors: [],
    });
    expect((await orderSnapshot(store, orderId)).fulfillments[0]).toMatchObject({ notifyCustomer: true, trackingInfo: [{ number: '7777' }, { number: '8888' }] });
    // Leaving notifyCustomer out means no notification for this update
    await store.graphql({ query: TRACKING_UPDATE, variables: { id, t: { company: 'FedEx', number: '9999', url: 'https://track.example/9999' } } });
    expect((await orderSnapshot(store, orderId)).fulfillments[0]).toMatchObject({ notifyCustomer: false, trackingInfo: [{ company: 'FedEx', number: '9999', url: 'https://track.example/9999' }] });
  });

  it('applies the tracking input rules and refuses an unknown fulfillment', async () => {
    const store = storeWithOrder();
    const { fos } = await orderAndFos(store);
    const id = await ship(store, fos[0]!, [{ sku: 'GLV-100', quantity: 1 }]);
    const both = await store.graphql({ query: TRACKING_UPDATE, variables: { id, t: { number: '1', numbers: ['2'] } } });
    expect(both.body.data.fulfillmentTrackingInfoUpdate).toEqual({ fulfillment: null, userErrors: [{ field: ['trackingInfoInput'], message: 'If you provide the number field, you should not provide the numbers field.' }] });
    const unknown = await store.graphql({ query: TRACKING_UPDATE, variables: { id: 'gid://shopify/Fulfillment/424242', t: { number: '1' } } });
    expect(unknown.body.data.fulfillmentTrackingInfoUpdate).toEqual({ fulfillment: null, userErrors: [{ field: ['fulfillmentId'], message: 'Fulfillment does not exist.' }] });
  });
});

describe('fulfillmentCancel', () => {
  it('gives a partial fulfillment back to its fulfillment order and the stock back to committed', async () => {
    const store = storeWithOrder();
    const { orderId, fos } = await orderAndFos(store);
    const id = await ship(store, fos[0]!, [{ sku: 'GLV-100', quantity: 3 }]);
    expect((await stock(store, 'GLV-100'))['Columbus DC']).toMatchObject({ committed: 7, on_hand: 37 });
    const res = await store.graphql({ query: CANCEL, variables: { id } });
    expect(res.body.data.fulfillmentCancel).toEqual({ fulfillment: { id, status: 'CANCELLED', displayStatus: 'CANCELED' }, userErrors: [] });
    const after = await orderAndFos(store);
    expect(after.status).toBe('UNFULFILLED');
    expect(after.fos.map((fo) => [fo.assignedLocation.name, fo.status, fo.lineItems.nodes.map((l) => [l.sku, l.remainingQuantity])])).toEqual([
      ['Columbus DC', 'OPEN', [['GLV-100', 10], ['HB-M8-40', 100]]],
      ['Reno DC', 'OPEN', [['PJ-2500', 1]]],
    ]);
    expect((await stock(store, 'GLV-100'))['Columbus DC']).toMatchObject({ available: 30, committed: 10, on_hand: 40 });
    expect((await orderSnapshot(store, orderId)).fulfillments[0]).toMatchObject({ id, status: 'CANCELLED' });
  });

  it('leaves a fulfillment order it had closed closed, and opens a new one at the same location for the items', async () => {
    const store = storeWithOrder();
    const { fos } = await orderAndFos(store);
    await ship(store, fos[0]!);
    const reno = await ship(store, fos[1]!);
    expect((await orderAndFos(store)).status).toBe('FULFILLED');
    await store.graphql({ query: CANCEL, variables: { id: reno } });
    const after = await orderAndFos(store);
    expect(after.status).toBe('PARTIALLY_FULFILLED');
    // order.fulfillmentOrders lists closed ones too (displayable: false), oldest first
    expect(after.fos.map((fo) => [fo.assignedLocation.name, fo.status, fo.lineItems.nodes.map((l) => [l.sku, l.totalQuantity, l.remainingQuantity])])).toEqual([
      ['Columbus DC', 'CLOSED', [['GLV-100', 10, 0], ['HB-M8-40', 100, 0]]],
      ['Reno DC', 'CLOSED', [['PJ-2500', 1, 0]]],
      ['Reno DC', 'OPEN', [['PJ-2500', 1, 1]]],
    ]);
    // The new fulfillment order takes a fulfillment like any other
    await ship(store, after.fos[2]!);
    expect((await orderAndFos(store)).status).toBe('FULFILLED');
  });

  it('refuses to cancel a fulfillment twice, and an unknown one', async () => {
    const store = storeWithOrder();
    const { fos } = await orderAndFos(store);
    const id = await ship(store, fos[1]!);
    await store.graphql({ query: CANCEL, variables: { id } });
    const again = await store.graphql({ query: CANCEL, variables: { id } });
    expect(again.body.data.fulfillmentCancel).toEqual({ fulfillment: null, userErrors: [{ field: ['id'], message: 'Fulfillment is already canceled.' }] });
    const unknown = await store.graphql({ query: CANCEL, variables: { id: 'gid://shopify/Fulfillment/424242' } });
    expect(unknown.body.data.fulfillmentCancel.userErrors).toEqual([{ field: ['id'], message: 'Fulfillment does not exist.' }]);
  });

  it('makes the order cancellable again once no fulfillment is left', async () => {
    const store = storeWithOrder();
    const { orderId, fos } = await orderAndFos(store);
    const id = await ship(store, fos[1]!);
    await store.graphql({ query: CANCEL, variables: { id } });
    const res = await store.graphql({ query: 'mutation X($id: ID!) { orderCancel(orderId: $id, reason: OTHER, restock: true) { orderCancelUserErrors { message } } }', variables: { id: orderId } });
    expect(res.body.data.orderCancel.orderCancelUserErrors).toEqual([]);
  });
});
