/**
 * Fulfillment sync: item fulfillments of Shopify orders reach Shopify, with tracking. One read (the
 * order's fulfillment orders and what remains on them) and one write per shipping location; the
 * Shopify fulfillment is written back to the item fulfillment. fulfillmentCreate has no idempotency
 * key, so the handler is exclusive (one run at a time per entry) and a retry first counts what an
 * earlier attempt created: an order is never fulfilled twice.
 */
import type { Handler, HandlerContext, HandlerOutcome } from '../core/handlers';
import { SyncError } from '../core/errors';
import type { QueueEntry } from '../core/queueEntry';
import { ShopifyUserError } from '../shopify/errors';
import { FulfillmentCancel, FulfillmentCreate, FulfillmentOrdersForSync, FulfillmentTrackingUpdate, OrderFulfillments } from '../shopify/operations';
import {
  earlierAttempts,
  planFulfillment,
  quantitiesByLine,
  trackingFor,
  type CarrierMapping,
  type ExistingFulfillment,
  type FulfillmentPayload,
} from '../sync/fulfillments/plan';
import { fulfillmentGidsOfOtherShipments, recordFulfillmentGids, recordedFulfillmentGids } from '../netsuite/itemFulfillments';
import { loadCatalog } from '../netsuite/stores';

/** The item fulfillment as its latest save left it, among the entries about it (saved last, else queued last). */
function payloadOf(entries: QueueEntry[]): FulfillmentPayload {
  const versions = entries.map((entry) => {
    if (!entry.payload) throw new SyncError('PAYLOAD_MISSING', `Queue entry ${entry.id} has no item fulfillment details. Save the item fulfillment again to queue it anew.`);
    const payload = JSON.parse(entry.payload) as FulfillmentPayload;
    return { payload, savedAt: Date.parse(payload.savedAt ?? '') || 0, id: Number(entry.id) || 0 };
  });
  versions.sort((a, b) => a.savedAt - b.savedAt || a.id - b.id);
  return versions[versions.length - 1].payload;
}

function carrierMappings(context: HandlerContext): Map<string, CarrierMapping> {
  const catalog = loadCatalog();
  const carriers = catalog.carrierMappings[context.store.id] ?? {};
  const urls = catalog.carrierTrackingUrls?.[context.store.id] ?? {};
  return new Map(Object.entries(carriers).map(([shipMethod, carrier]) => [shipMethod, { carrier, trackingUrl: urls[shipMethod] }]));
}

function quantityOf(groups: { lineItemsByFulfillmentOrder: { fulfillmentOrderLineItems: { quantity: number }[] }[] }[]): number {
  return groups.reduce((n, g) => n + g.lineItemsByFulfillmentOrder.reduce((m, f) => m + f.fulfillmentOrderLineItems.reduce((q, l) => q + l.quantity, 0), 0), 0);
}

function cancelIn(context: HandlerContext, gids: string[]): void {
  for (const gid of gids) context.shopify().mutate(FulfillmentCancel, { id: gid }, 'fulfillmentCancel');
}

function create(payload: FulfillmentPayload, entries: QueueEntry[], context: HandlerContext): HandlerOutcome {
  const client = context.shopify();
  const mappings = carrierMappings(context);
  let earlier: ExistingFulfillment[] = [];
  // Tried before (a retry, or an admin's retry of a dead entry, which starts its attempts over):
  if (entries.some((e) => e.attempts > 1 || e.lastError)) {
    // an earlier attempt may have reached Shopify and failed before NetSuite recorded it. The item
    // fulfillment as it is now first (1 unit): recorded since, or deleted since.
    const recorded = recordedFulfillmentGids(payload.itemFulfillmentId);
    if (recorded !== 'deleted' && recorded.length > 0) return { type: 'succeeded', note: `already sent: ${recorded.join(', ')}` };
    const existing = client.request(OrderFulfillments, { id: payload.orderGid }).data.order?.fulfillments ?? [];
    const live = existing.filter((f) => f.status === 'SUCCESS');
    const claimed = live.length > 0 ? fulfillmentGidsOfOtherShipments(payload.salesOrderId, payload.itemFulfillmentId) : new Set<string>();
    earlier = earlierAttempts(payload, existing, claimed);
    if (recorded === 'deleted') {
      const gids = earlier.map((f) => f.id);
      cancelIn(context, gids);
      return { type: 'skipped', reason: `item fulfillment ${payload.itemFulfillmentId} was deleted before its fulfillment was recorded${gids.length ? `; ${gids.join(', ')} cancelled in Shopify` : ''}` };
    }
  }
  const order = client.request(FulfillmentOrdersForSync, { id: payload.orderGid }).data.order;
  if (!order) return { type: 'skipped', reason: `order ${payload.orderGid} no longer exists in Shopify: item fulfillment ${payload.itemFulfillmentId} not sent` };
  const plan = planFulfillment(payload, order, context.store, mappings, quantitiesByLine(earlier));

  const created: string[] = [];
  if (plan.action === 'create') {
    for (const group of plan.groups) {
      try {
        const result = client.mutate(
          FulfillmentCreate,
          { fulfillment: { lineItemsByFulfillmentOrder: group.lineItemsByFulfillmentOrder, trackingInfo: plan.tracking, notifyCustomer: plan.notifyCustomer } },
          'fulfillmentCreate',
        );
        if (result.fulfillment) created.push(result.fulfillment.id);
      } catch (e) {
        if (!(e instanceof ShopifyUserError)) throw e;
        // Nothing is recorded on the item fulfillment yet: the retry counts what did reach Shopify.
        throw new SyncError(
          'FULFILLMENT_REFUSED',
          `Shopify refused the fulfillment of item fulfillment ${payload.itemFulfillmentId} on ${order.name}${created.length ? ` (${created.join(', ')} went through)` : ''}: ` +
            `${e.userErrors.map((u) => u.message).join('; ')} Check the order's fulfillment orders in Shopify (a hold, a change), then tick Retry on this entry; what already reached Shopify is counted, not sent twice.`,
        );
      }
    }
  }
  const all = [...earlier.map((f) => f.id), ...created];
  if (all.length === 0) return { type: 'skipped', reason: plan.action === 'skip' ? plan.reason : `item fulfillment ${payload.itemFulfillmentId} not sent` };
  // Tracking changed since an earlier attempt sent it: bring those up to date too.
  const tracking = trackingFor(payload, mappings);
  const wantedNumbers = [tracking?.number, ...(tracking?.numbers ?? [])].filter(Boolean).sort().join('+');
  for (const f of earlier) {
    const has = f.trackingInfo.map((t) => t.number).filter(Boolean).sort().join('+');
    if (has !== wantedNumbers) client.mutate(FulfillmentTrackingUpdate, { fulfillmentId: f.id, trackingInfoInput: tracking ?? {}, notifyCustomer: context.store.notifyBuyers }, 'fulfillmentTrackingInfoUpdate');
  }
  if (!recordFulfillmentGids(payload.itemFulfillmentId, all)) {
    // Deleted in NetSuite while it was being sent: take back what was just sent.
    cancelIn(context, all);
    return { type: 'skipped', reason: `item fulfillment ${payload.itemFulfillmentId} was deleted while it was being sent; ${all.join(', ')} cancelled in Shopify` };
  }
  const quantity = quantityOf(plan.action === 'create' ? plan.groups : []);
  const parts = [
    created.length ? `${created.join(', ')} on ${order.name} (${quantity} units${tracking?.number || tracking?.numbers ? ', tracked' : ''})` : '',
    earlier.length ? `${earlier.map((f) => f.id).join(', ')} already created by an earlier attempt` : '',
  ].filter(Boolean);
  return { type: 'succeeded', note: [...parts, ...plan.notes].join('; ') };
}

function updateTracking(payload: FulfillmentPayload, context: HandlerContext): HandlerOutcome {
  let gids = (payload.fulfillmentGid ?? '').split(',').filter(Boolean);
  if (gids.length === 0) {
    // A save that came while the fulfillment was being created: wait until it is recorded.
    const recorded = recordedFulfillmentGids(payload.itemFulfillmentId);
    if (recorded === 'deleted') return { type: 'skipped', reason: `item fulfillment ${payload.itemFulfillmentId} was deleted` };
    if (recorded.length === 0) {
      throw new SyncError(
        'FULFILLMENT_NOT_SENT_YET',
        `Item fulfillment ${payload.itemFulfillmentId} changed while its fulfillment was being sent to Shopify; the change follows once that is recorded.`,
        { retriable: true, retryAfterMs: 60_000 },
      );
    }
    gids = recorded;
  }
  const tracking = trackingFor(payload, carrierMappings(context)) ?? {};
  for (const gid of gids) {
    context.shopify().mutate(FulfillmentTrackingUpdate, { fulfillmentId: gid, trackingInfoInput: tracking, notifyCustomer: context.store.notifyBuyers }, 'fulfillmentTrackingInfoUpdate');
  }
  return { type: 'succeeded', note: `tracking of ${gids.join(', ')}: ${payload.trackingNumbers.join(', ') || 'none'}${tracking.company ? ` (${tracking.company})` : ''}` };
}

function cancel(payload: FulfillmentPayload, context: HandlerContext): HandlerOutcome {
  const gids = (payload.fulfillmentGid ?? '').split(',').filter(Boolean);
  if (gids.length === 0) return { type: 'skipped', reason: `item fulfillment ${payload.itemFulfillmentId} was deleted before it reached Shopify` };
  const done: string[] = [];
  for (const gid of gids) {
    try {
      context.shopify().mutate(FulfillmentCancel, { id: gid }, 'fulfillmentCancel');
      done.push(gid);
    } catch (e) {
      if (!(e instanceof ShopifyUserError)) throw e;
      throw new SyncError(
        'FULFILLMENT_NOT_CANCELLABLE',
        `Item fulfillment ${payload.itemFulfillmentId} was deleted in NetSuite, but Shopify would not cancel ${gid}${done.length ? ` (${done.join(', ')} cancelled)` : ''}: ` +
          `${e.userErrors.map((u) => u.message).join('; ')} If the shipment did not happen, cancel the fulfillment in Shopify admin (unless it shows cancelled already), then close this entry.`,
      );
    }
  }
  return { type: 'succeeded', note: `${done.join(', ')} cancelled in Shopify` };
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
    if (topics.has('fulfillment/cancel')) return cancel(payload, context);
    // A create still due goes with the newest version of the item fulfillment, later saves included.
    if (topics.has('fulfillment/create')) return create(payload, entries, context);
    return updateTracking(payload, context);
  },
};
