/**
 * @NApiVersion 2.1
 * @NScriptType UserEventScript
 * @NModuleScope SameAccount
 */

// Fulfillment sync trigger: when an item fulfillment of a Shopify order is saved (created, shipped,
// its tracking changed) or deleted, queue the work for Shopify and start the outbound processor.
// Never calls Shopify: a NetSuite save must not wait on, or fail with, Shopify.
import type { EntryPoints } from 'N/types';
import * as log from 'N/log';
import { createKey, fulfillmentWork } from '../sync/fulfillments/plan';
import { DEFAULT_RETRY_POLICY, transition } from '../core/queue';
import { fulfillmentPayload, shopifyOrderOf } from '../netsuite/itemFulfillments';
import { nudgeProcessor } from '../netsuite/nudge';
import { enqueue, entryByKey, replacePayload, saveEntry } from '../netsuite/queueStore';
import { loadStores, lookupStore } from '../netsuite/stores';
import type { QueueEntry } from '../core/queueEntry';

/**
 * Deleted before its fulfillment reached Shopify: a create still waiting is closed (12 units, deletes
 * only). One already tried is left to its retry, which cancels whatever that attempt created; one
 * being sent right now finds the record gone when it writes back, and cancels what it created.
 */
function forgetUnsent(key: string, itemFulfillmentId: string): void {
  const waiting = entryByKey(key);
  if (!waiting?.id || waiting.status !== 'pending' || waiting.attempts > 0) return;
  saveEntry(waiting, transition(waiting, { type: 'closed', reason: `item fulfillment ${itemFulfillmentId} was deleted before it reached Shopify` }, Date.now(), DEFAULT_RETRY_POLICY));
}

export const afterSubmit: EntryPoints.UserEvent.afterSubmit = (context) => {
  const T = context.UserEventType;
  // Inline edits cannot touch what Shopify gets (ship status, lines and packages are not inline
  // editable); the connector's own write-back of the Shopify fulfillment id is one. Nothing to do.
  if (context.type === T.XEDIT) return;
  const event = context.type === T.DELETE ? 'delete' : context.type === T.CREATE ? 'create' : 'edit';
  const rec = event === 'delete' ? context.oldRecord : context.newRecord;
  if (!rec) return;
  const order = shopifyOrderOf(rec);
  if (!order) return; // not the fulfillment of a Shopify order
  const lookup = lookupStore(loadStores(), order.storeId);
  if (lookup.status !== 'ok' || !lookup.config.syncs.fulfillments) return;
  const now = fulfillmentPayload(rec, order);
  const before = context.oldRecord && event === 'edit' ? fulfillmentPayload(context.oldRecord, order) : undefined;
  const work = fulfillmentWork(event, now, before, lookup.config.fulfillOn);
  if (!work) {
    if (event === 'delete') forgetUnsent(`out:${lookup.config.shopDomain}:${createKey(now.itemFulfillmentId)}`, now.itemFulfillmentId);
    return;
  }
  const entry: QueueEntry = {
    key: `out:${lookup.config.shopDomain}:${work.key}`,
    direction: 'outbound',
    topic: work.topic,
    storeId: order.storeId,
    shopifyGid: order.orderGid,
    netsuiteType: 'itemfulfillment',
    netsuiteId: now.itemFulfillmentId,
    payload: JSON.stringify(now),
    status: 'pending',
    attempts: 0,
    nextAttemptAt: new Date().toISOString(),
    retryRequested: false,
  };
  const queued = enqueue(entry);
  if (queued.status === 'created') {
    nudgeProcessor('outbound');
    return;
  }
  // Saved again before its fulfillment was sent: what is sent must be the item fulfillment as it is now.
  const waiting = entryByKey(entry.key);
  if (waiting?.id && (waiting.status === 'pending' || waiting.status === 'retrying')) {
    replacePayload(waiting.id, entry.payload!);
  } else if (waiting?.status === 'processing') {
    // Being sent right now, with the earlier version: follow up with this one once it is recorded.
    const followUp = enqueue({ ...entry, key: `${entry.key}:then:${Date.parse(now.savedAt ?? '') || Date.now()}`, topic: 'fulfillment/tracking' });
    if (followUp.status === 'created') nudgeProcessor('outbound');
  } else {
    log.debug({ title: 'fulfillment already handled', details: `${work.key}: ${waiting?.status ?? 'unknown'}` });
  }
};
