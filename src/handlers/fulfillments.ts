/**
 * Fulfillment sync: item fulfillments of Shopify orders reach Shopify, with tracking. One read (the
 * order's fulfillment orders and what remains on them) and one write per shipping location; the
 * Shopify fulfillment is written back to the item fulfillment. A retry first looks for the
 * fulfillment an earlier attempt may have created, so an order is never fulfilled twice.
 */
import type { Handler, HandlerContext } from '../core/handlers';
import { SyncError } from '../core/errors';
import type { QueueEntry } from '../core/queueEntry';
import { ShopifyUserError } from '../shopify/errors';
import { FulfillmentCancel, FulfillmentCreate, FulfillmentOrdersForSync, FulfillmentTrackingUpdate, OrderFulfillments } from '../shopify/operations';
import { earlierAttempt, planFulfillment, trackingInput, carrierFor, type FulfillmentPayload } from '../sync/fulfillments/plan';
import { recordFulfillmentGids } from '../netsuite/itemFulfillments';
import { loadCatalog } from '../netsuite/stores';

function payloadOf(entries: QueueEntry[]): FulfillmentPayload {
  // The newest entry carries the item fulfillment as it is now.
  const latest = entries[entries.length - 1];
  if (!latest.payload) throw new SyncError('PAYLOAD_MISSING', `Queue entry ${latest.id} has no item fulfillment details. Save the item fulfillment again to queue it anew.`);
  return JSON.parse(latest.payload) as FulfillmentPayload;
}

function carriers(context: HandlerContext): Map<string, string> {
  return new Map(Object.entries(loadCatalog().carrierMappings[context.store.id] ?? {}));
}

function create(payload: FulfillmentPayload, entries: QueueEntry[], context: HandlerContext) {
  const client = context.shopify();
  if (entries.some((e) => e.attempts > 1)) {
    // An earlier attempt may have reached Shopify and failed before NetSuite recorded it.
    const existing = client.request(OrderFulfillments, { id: payload.orderGid }).data.order?.fulfillments ?? [];
    const found = earlierAttempt(payload, existing);
    if (found) {
      recordFulfillmentGids(payload.itemFulfillmentId, [found.id]);
      return { type: 'succeeded' as const, note: `${found.id} was already created by an earlier attempt; recorded on item fulfillment ${payload.itemFulfillmentId}` };
    }
  }
  const order = client.request(FulfillmentOrdersForSync, { id: payload.orderGid }).data.order;
  if (!order) return { type: 'skipped' as const, reason: `order ${payload.orderGid} no longer exists in Shopify` };
  const plan = planFulfillment(payload, order, context.store, carriers(context), context.store.notifyBuyers);
  if (plan.action === 'skip') return { type: 'skipped' as const, reason: plan.reason };
  const gids: string[] = [];
  for (const group of plan.groups) {
    const created = client.mutate(
      FulfillmentCreate,
      { fulfillment: { lineItemsByFulfillmentOrder: group.lineItemsByFulfillmentOrder, trackingInfo: plan.tracking, notifyCustomer: plan.notifyCustomer } },
      'fulfillmentCreate',
    );
    if (created.fulfillment) gids.push(created.fulfillment.id);
  }
  recordFulfillmentGids(payload.itemFulfillmentId, gids);
  const shipped = plan.groups.reduce((n, g) => n + g.lineItemsByFulfillmentOrder.reduce((m, f) => m + f.fulfillmentOrderLineItems.reduce((q, l) => q + l.quantity, 0), 0), 0);
  return {
    type: 'succeeded' as const,
    note: `${gids.join(', ')} on ${order.name} (${shipped} units${plan.tracking?.number || plan.tracking?.numbers ? ', tracked' : ''})${plan.notes.length ? `; ${plan.notes.join('; ')}` : ''}`,
  };
}

export const fulfillmentHandler: Handler = {
  name: 'fulfillment',
  direction: 'outbound',
  topics: ['fulfillment/create', 'fulfillment/tracking', 'fulfillment/cancel'],
  sync: 'fulfillments',
  maxUnits: 200,
  exclusive: true,
  handle: (entries, context) => {
    const payload = payloadOf(entries);
    const topics = new Set(entries.map((e) => e.topic));
    const client = context.shopify();
    if (topics.has('fulfillment/cancel')) {
      if (!payload.fulfillmentGid) return { type: 'skipped', reason: `item fulfillment ${payload.itemFulfillmentId} was deleted before it reached Shopify` };
      const results: string[] = [];
      for (const gid of payload.fulfillmentGid.split(',')) {
        try {
          client.mutate(FulfillmentCancel, { id: gid }, 'fulfillmentCancel');
          results.push(`${gid} cancelled`);
        } catch (e) {
          if (!(e instanceof ShopifyUserError)) throw e;
          throw new SyncError(
            'FULFILLMENT_NOT_CANCELLABLE',
            `Item fulfillment ${payload.itemFulfillmentId} was deleted in NetSuite, but Shopify would not cancel ${gid}: ${e.userErrors.map((u) => u.message).join('; ')}. Cancel it in Shopify admin if the shipment did not happen, then close this entry.`,
          );
        }
      }
      return { type: 'succeeded', note: results.join('; ') };
    }
    if (!payload.fulfillmentGid) return create(payload, entries, context);
    // Sent already: only tracking can change on a Shopify fulfillment.
    const tracking = trackingInput(payload.trackingNumbers, carrierFor(payload.shipMethod, carriers(context))) ?? {};
    for (const gid of payload.fulfillmentGid.split(',')) {
      client.mutate(FulfillmentTrackingUpdate, { fulfillmentId: gid, trackingInfoInput: tracking, notifyCustomer: context.store.notifyBuyers }, 'fulfillmentTrackingInfoUpdate');
    }
    return { type: 'succeeded', note: `tracking updated on ${payload.fulfillmentGid}: ${payload.trackingNumbers.join(', ') || 'none'}` };
  },
};
