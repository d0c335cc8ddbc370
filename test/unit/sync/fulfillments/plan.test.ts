import {
  carrierFor,
  earlierAttempts,
  fulfillmentWork,
  planFulfillment,
  quantitiesByLine,
  readyToSend,
  trackingFor,
  trackingInput,
  type CarrierMapping,
  type FulfillmentPayload,
  type OrderFulfillmentState,
  type ShopifyFulfillmentOrder,
} from '../../../../src/sync/fulfillments/plan';
import { storeConfig } from '../../../support/fixtures';

const LOC_A = 'gid://shopify/Location/1';
const LOC_B = 'gid://shopify/Location/2';

function fo(n: number, location: string, lines: [number, number][], status = 'OPEN'): ShopifyFulfillmentOrder {
  return {
    id: `gid://shopify/FulfillmentOrder/${n}`,
    status,
    assignedLocation: { location: { id: location } },
    lineItems: { nodes: lines.map(([line, remaining]) => ({ id: `gid://shopify/FulfillmentOrderLineItem/${n}${line}`, remainingQuantity: remaining, lineItem: { id: `gid://shopify/LineItem/${line}` } })) },
  };
}

function order(fos: ShopifyFulfillmentOrder[], overrides: Partial<OrderFulfillmentState> = {}): OrderFulfillmentState {
  return { id: 'gid://shopify/Order/1001', name: '#1001', cancelledAt: null, closed: false, displayFulfillmentStatus: 'UNFULFILLED', fulfillmentOrders: { nodes: fos }, ...overrides };
}

function payload(lines: [number | null, number][], overrides: Partial<FulfillmentPayload> = {}): FulfillmentPayload {
  return {
    itemFulfillmentId: '7001',
    salesOrderId: '5001',
    orderGid: 'gid://shopify/Order/1001',
    shipStatus: 'C',
    netsuiteLocationId: '3',
    lines: lines.map(([line, quantity], i) => ({ lineGid: line === null ? undefined : `gid://shopify/LineItem/${line}`, itemId: String(100 + i), quantity, description: `Item ${line ?? 'extra'}` })),
    trackingNumbers: ['1Z999AA10123456784'],
    shipMethod: { id: '50', name: 'UPS Ground' },
    createdAt: '2026-11-03T10:00:00Z',
    savedAt: '2026-11-03T10:00:00Z',
    ...overrides,
  };
}

const store = storeConfig({ locations: [{ id: '1', netsuiteLocationId: '3', shopifyLocationGid: LOC_B, safetyBuffer: 0 }] });
const quiet = { ...store, notifyBuyers: false };
const noMapping = new Map<string, CarrierMapping>();

describe('when an item fulfillment goes to Shopify', () => {
  it('at Shipped by default, at Packed when the store says so', () => {
    expect([readyToSend('A', 'shipped'), readyToSend('B', 'shipped'), readyToSend('C', 'shipped')]).toEqual([false, false, true]);
    expect([readyToSend('A', 'packed'), readyToSend('B', 'packed'), readyToSend('C', 'packed')]).toEqual([false, true, true]);
  });
});

describe('planning a fulfillment', () => {
  it('fulfills the shipped quantities on the open fulfillment order, with tracking and the carrier', () => {
    const plan = planFulfillment(payload([[1, 4], [2, 3]]), order([fo(9, LOC_A, [[1, 4], [2, 3]])]), store, noMapping);
    expect(plan).toEqual({
      action: 'create',
      groups: [
        {
          locationGid: LOC_A,
          lineItemsByFulfillmentOrder: [
            { fulfillmentOrderId: 'gid://shopify/FulfillmentOrder/9', fulfillmentOrderLineItems: [{ id: 'gid://shopify/FulfillmentOrderLineItem/91', quantity: 4 }, { id: 'gid://shopify/FulfillmentOrderLineItem/92', quantity: 3 }] },
          ],
        },
      ],
      tracking: { company: 'UPS', number: '1Z999AA10123456784' },
      notifyCustomer: true,
      notes: [],
    });
  });

  it('fulfills part of a line and leaves the rest open', () => {
    const plan = planFulfillment(payload([[1, 2]]), order([fo(9, LOC_A, [[1, 4], [2, 3]])]), quiet, noMapping);
    expect(plan).toMatchObject({ action: 'create', groups: [{ lineItemsByFulfillmentOrder: [{ fulfillmentOrderLineItems: [{ id: 'gid://shopify/FulfillmentOrderLineItem/91', quantity: 2 }] }] }] });
  });

  it('spreads a line over several fulfillment orders, the mapped location first, one group per location', () => {
    const plan = planFulfillment(payload([[1, 5]]), order([fo(8, LOC_A, [[1, 3]]), fo(9, LOC_B, [[1, 3]])]), store, noMapping);
    expect(plan.action).toBe('create');
    if (plan.action !== 'create') return;
    expect(plan.groups.map((g) => [g.locationGid, g.lineItemsByFulfillmentOrder.map((f) => [f.fulfillmentOrderId, f.fulfillmentOrderLineItems[0].quantity])])).toEqual([
      [LOC_A, [['gid://shopify/FulfillmentOrder/8', 2]]],
      [LOC_B, [['gid://shopify/FulfillmentOrder/9', 3]]],
    ]);
  });

  it('sends several packages’ tracking numbers together', () => {
    expect(trackingInput(['A1', 'B2', 'A1', ' '], 'FedEx')).toEqual({ company: 'FedEx', numbers: ['A1', 'B2'] });
    expect(trackingInput([], undefined)).toBeUndefined();
  });

  it('leaves out, and says so, lines NetSuite added that Shopify does not have', () => {
    const plan = planFulfillment(payload([[1, 4], [null, 1]]), order([fo(9, LOC_A, [[1, 4]])]), store, noMapping);
    expect(plan).toMatchObject({ action: 'create', notes: ['Item extra has no Shopify line (added in NetSuite): not sent'] });
  });

  it('skips, with the reason, an order cancelled or already fulfilled in Shopify', () => {
    expect(planFulfillment(payload([[1, 4]]), order([fo(9, LOC_A, [[1, 4]])], { cancelledAt: '2026-11-03T00:00:00Z' }), store, noMapping)).toEqual({
      action: 'skip',
      reason: 'order #1001 is cancelled in Shopify: item fulfillment 7001 not sent',
      notes: [],
    });
    const done = planFulfillment(payload([[1, 4]]), order([fo(9, LOC_A, [[1, 0]], 'CLOSED')], { displayFulfillmentStatus: 'FULFILLED' }), store, noMapping);
    expect(done).toMatchObject({
      action: 'skip',
      reason: 'item fulfillment 7001 not sent: nothing left to fulfill in Shopify on #1001 (FULFILLED); Item 1: 4 of 4 shipped have nothing left to fulfill in Shopify',
    });
    const removed = planFulfillment(payload([[7, 1]]), order([fo(9, LOC_A, [[1, 4]])]), store, noMapping);
    expect(removed).toMatchObject({
      action: 'skip',
      reason: 'item fulfillment 7001 not sent: nothing left to fulfill in Shopify on #1001 (UNFULFILLED); Item 7: its Shopify line no longer exists on #1001',
    });
  });

  it('leaves out the order’s charge lines (shipping, discount) without a word', () => {
    const plan = planFulfillment(payload([[1, 4]], { lines: [...payload([[1, 4]]).lines, { itemId: '900', quantity: 1, description: 'Shopify shipping' }] }), order([fo(9, LOC_A, [[1, 4]])]), store, noMapping);
    expect(plan).toMatchObject({ action: 'create', notes: [] });
    const onlyCharges = planFulfillment(payload([], { lines: [{ itemId: '900', quantity: 1, description: 'Shopify shipping' }] }), order([fo(9, LOC_A, [[1, 4]])]), store, noMapping);
    expect(onlyCharges).toMatchObject({ action: 'skip', reason: 'item fulfillment 7001 not sent: nothing of it is for Shopify' });
  });

  it('plans only what an earlier attempt did not send', () => {
    const plan = planFulfillment(payload([[1, 4], [2, 3]]), order([fo(9, LOC_A, [[1, 1], [2, 3]])]), store, noMapping, new Map([['gid://shopify/LineItem/1', 3]]));
    expect(plan).toMatchObject({
      action: 'create',
      groups: [{ lineItemsByFulfillmentOrder: [{ fulfillmentOrderLineItems: [{ id: 'gid://shopify/FulfillmentOrderLineItem/91', quantity: 1 }, { id: 'gid://shopify/FulfillmentOrderLineItem/92', quantity: 3 }] }] }],
      notes: [],
    });
    const all = planFulfillment(payload([[1, 4]]), order([fo(9, LOC_A, [[1, 0]], 'CLOSED')]), store, noMapping, new Map([['gid://shopify/LineItem/1', 4]]));
    expect(all).toMatchObject({ action: 'skip', notes: [] });
  });

  it('maps the carrier from the store mapping, a carrier Shopify knows, or the ship method name', () => {
    expect(carrierFor({ id: '50', name: 'Ground' }, new Map([['50', { carrier: 'Canada Post' }]]))).toBe('Canada Post');
    expect(carrierFor({ id: '51', name: 'FedEx 2Day' }, noMapping)).toBe('FedEx');
    expect(carrierFor({ id: '52', name: 'Local courier' }, noMapping)).toBe('Local courier');
    expect(carrierFor(undefined, noMapping)).toBeUndefined();
  });

  it('gives each number its tracking link when the mapping has a template', () => {
    const mapping = new Map([['50', { carrier: 'Estes', trackingUrl: 'https://t.example/?n={number}' }]]);
    expect(trackingFor(payload([[1, 1]], { trackingNumbers: ['A 1'] }), mapping)).toEqual({ company: 'Estes', number: 'A 1', url: 'https://t.example/?n=A%201' });
    expect(trackingFor(payload([[1, 1]], { trackingNumbers: ['A1', 'B2'] }), mapping)).toEqual({ company: 'Estes', numbers: ['A1', 'B2'], urls: ['https://t.example/?n=A1', 'https://t.example/?n=B2'] });
  });
});

describe('recognising what an earlier attempt created', () => {
  const fulfillment = (id: number, createdAt: string, numbers: string[], lines: [number, number][], status = 'SUCCESS') => ({
    id: `gid://shopify/Fulfillment/${id}`,
    status,
    createdAt,
    trackingInfo: numbers.map((number) => ({ number })),
    fulfillmentLineItems: { nodes: lines.map(([line, quantity]) => ({ quantity, lineItem: { id: `gid://shopify/LineItem/${line}` } })) },
  });
  const none = new Set<string>();
  const ids = (found: { id: string }[]) => found.map((f) => f.id.split('/').pop());

  it('by tracking number, even when the lines changed since', () => {
    const existing = [fulfillment(1, '2026-11-03T09:00:00Z', ['OTHER'], [[5, 4]]), fulfillment(2, '2026-11-03T10:01:00Z', ['1Z999AA10123456784'], [[1, 6]])];
    expect(ids(earlierAttempts(payload([[1, 4]]), existing, none))).toEqual(['2']);
  });

  it('without tracking, by lines within ours, made after the item fulfillment, live, and recorded on no other item fulfillment', () => {
    const untracked = payload([[1, 4], [2, 3]], { trackingNumbers: [] });
    const before = fulfillment(1, '2026-11-03T09:00:00Z', [], [[1, 4], [2, 3]]);
    const after = fulfillment(2, '2026-11-03T10:00:05Z', [], [[2, 3], [1, 4]]);
    const partOfIt = fulfillment(3, '2026-11-03T10:00:05Z', [], [[1, 2]]);
    const tooMuch = fulfillment(4, '2026-11-03T10:00:05Z', [], [[1, 5]]);
    expect(earlierAttempts(untracked, [before], none)).toEqual([]);
    expect(ids(earlierAttempts(untracked, [before, after], none))).toEqual(['2']);
    expect(ids(earlierAttempts(untracked, [partOfIt, tooMuch], none))).toEqual(['3']);
    expect(earlierAttempts(untracked, [fulfillment(5, '2026-11-03T10:00:05Z', [], [[1, 4]], 'CANCELLED')], none)).toEqual([]);
    expect(earlierAttempts(untracked, [after], new Set([after.id]))).toEqual([]);
  });

  it('counts each Shopify line once, across the fulfillments found', () => {
    const untracked = payload([[1, 4]], { trackingNumbers: [] });
    const found = earlierAttempts(untracked, [fulfillment(1, '2026-11-03T10:01:00Z', [], [[1, 3]]), fulfillment(2, '2026-11-03T10:01:00Z', [], [[1, 3]])], none);
    expect(ids(found)).toEqual(['1']);
    expect(quantitiesByLine(found)).toEqual(new Map([['gid://shopify/LineItem/1', 3]]));
  });
});

describe('what a save of an item fulfillment asks of Shopify', () => {
  const shipped = payload([[1, 4]]);
  const packed = payload([[1, 4]], { shipStatus: 'B' });
  const sent = payload([[1, 4]], { fulfillmentGid: 'gid://shopify/Fulfillment/1' });

  it('creates once it reaches the status the store sends at', () => {
    expect(fulfillmentWork('create', shipped, undefined, 'shipped')).toEqual({ topic: 'fulfillment/create', key: 'fulfillment:7001:create' });
    expect(fulfillmentWork('create', packed, undefined, 'shipped')).toBeUndefined();
    expect(fulfillmentWork('edit', packed, undefined, 'packed')).toEqual({ topic: 'fulfillment/create', key: 'fulfillment:7001:create' });
  });

  it('updates tracking that changed on a fulfillment already sent, and nothing else', () => {
    const retracked = { ...sent, trackingNumbers: ['1Z999AA10123456784', '1Z999AA10123456785'] };
    const saved = Date.parse('2026-11-03T10:00:00Z');
    expect(fulfillmentWork('edit', retracked, sent, 'shipped')).toEqual({ topic: 'fulfillment/tracking', key: `fulfillment:7001:tracking:${saved}:1Z999AA10123456784+1Z999AA10123456785` });
    expect(fulfillmentWork('edit', { ...sent, trackingNumbers: [] }, sent, 'shipped')).toEqual({ topic: 'fulfillment/tracking', key: `fulfillment:7001:tracking:${saved}:none` });
    expect(fulfillmentWork('edit', { ...sent, shipMethod: { id: '51', name: 'FedEx' } }, sent, 'shipped')?.topic).toBe('fulfillment/tracking');
    expect(fulfillmentWork('edit', sent, sent, 'shipped')).toBeUndefined();
  });

  it('cancels a deleted fulfillment that Shopify has, and ignores one it never had', () => {
    expect(fulfillmentWork('delete', sent, undefined, 'shipped')).toEqual({ topic: 'fulfillment/cancel', key: 'fulfillment:7001:cancel' });
    expect(fulfillmentWork('delete', shipped, undefined, 'shipped')).toBeUndefined();
  });
});
