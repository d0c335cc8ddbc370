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
import { fulfillmentWork } from '../sync/fulfillments/plan';
import { fulfillmentPayload, shopifyOrderOf } from '../netsuite/itemFulfillments';
import { nudgeProcessor } from '../netsuite/nudge';
import { enqueue } from '../netsuite/queueStore';
import { loadStores, lookupStore } from '../netsuite/stores';

export const afterSubmit: EntryPoints.UserEvent.afterSubmit = (context) => {
  const T = context.UserEventType;
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
  if (!work) return;
  const queued = enqueue({
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
  });
  if (queued.status === 'created') nudgeProcessor('outbound');
  else log.debug({ title: 'fulfillment already queued', details: work.key });
};
