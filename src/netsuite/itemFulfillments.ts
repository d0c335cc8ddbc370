/**
 * Item fulfillments as fulfillment sync sees them: read from the record a user event has in hand (no
 * extra usage), and the Shopify fulfillment gid written back.
 */
import * as record from 'N/record';
import * as search from 'N/search';
import type { FulfillmentPayload } from '../sync/fulfillments/plan';
import { LINE_GID_FIELD, SHOPIFY_GID_FIELDS, STORE_LINK_FIELDS } from './shopifyLinks';

export const FULFILLMENT_GID_FIELD = 'custbody_sb2b_fulfillment_gid';

/** Tracking numbers live on one of these package sublists, depending on the carrier integration. */
const PACKAGE_SUBLISTS: [string, string][] = [
  ['package', 'packagetrackingnumber'],
  ['packageups', 'packagetrackingnumberups'],
  ['packagefedex', 'packagetrackingnumberfedex'],
  ['packageusps', 'packagetrackingnumberusps'],
];

function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

/** The Shopify order and store an item fulfillment belongs to: copied from its sales order, or looked up (1 unit). */
export function shopifyOrderOf(rec: record.Record): { orderGid: string; storeId: string; salesOrderId: string } | undefined {
  const salesOrderId = text(rec.getValue({ fieldId: 'createdfrom' }));
  let orderGid = text(rec.getValue({ fieldId: SHOPIFY_GID_FIELDS.transaction }));
  let storeId = text(rec.getValue({ fieldId: STORE_LINK_FIELDS.transaction }));
  if ((!orderGid || !storeId) && salesOrderId) {
    const fields = search.lookupFields({ type: search.Type.SALES_ORDER, id: salesOrderId, columns: [SHOPIFY_GID_FIELDS.transaction, STORE_LINK_FIELDS.transaction] });
    orderGid = text(fields[SHOPIFY_GID_FIELDS.transaction]);
    const store = fields[STORE_LINK_FIELDS.transaction] as unknown;
    storeId = Array.isArray(store) ? text((store[0] as { value?: unknown } | undefined)?.value) : text(store);
  }
  return orderGid && storeId && salesOrderId ? { orderGid, storeId, salesOrderId } : undefined;
}

export function fulfillmentPayload(rec: record.Record, order: { orderGid: string; salesOrderId: string }): FulfillmentPayload {
  const lines: FulfillmentPayload['lines'] = [];
  let location: string | undefined;
  for (let line = 0; line < rec.getLineCount({ sublistId: 'item' }); line++) {
    const get = (fieldId: string) => rec.getSublistValue({ sublistId: 'item', fieldId, line });
    if (get('itemreceive') === false || get('itemreceive') === 'F') continue;
    location ??= text(get('location')) || undefined;
    lines.push({
      lineGid: text(get(LINE_GID_FIELD)) || undefined,
      itemId: text(get('item')),
      quantity: Number(get('quantity') ?? 0),
      description: text(rec.getSublistText({ sublistId: 'item', fieldId: 'item', line })) || text(get('description')),
    });
  }
  const trackingNumbers: string[] = [];
  const sublists = rec.getSublists();
  for (const [sublistId, fieldId] of PACKAGE_SUBLISTS) {
    if (!sublists.includes(sublistId)) continue;
    for (let line = 0; line < rec.getLineCount({ sublistId }); line++) {
      trackingNumbers.push(...text(rec.getSublistValue({ sublistId, fieldId, line })).split(/[\s,;]+/).filter(Boolean));
    }
  }
  const shipMethodId = text(rec.getValue({ fieldId: 'shipmethod' }));
  const created = rec.getValue({ fieldId: 'createddate' });
  return {
    itemFulfillmentId: text(rec.id),
    salesOrderId: order.salesOrderId,
    orderGid: order.orderGid,
    shipStatus: text(rec.getValue({ fieldId: 'shipstatus' })) || 'C',
    netsuiteLocationId: location,
    lines,
    trackingNumbers,
    shipMethod: shipMethodId ? { id: shipMethodId, name: text(rec.getText({ fieldId: 'shipmethod' })) } : undefined,
    fulfillmentGid: text(rec.getValue({ fieldId: FULFILLMENT_GID_FIELD })) || undefined,
    createdAt: created instanceof Date ? created.toISOString() : new Date().toISOString(),
  };
}

/** Records the Shopify fulfillment(s) on the item fulfillment (10 units). */
export function recordFulfillmentGids(itemFulfillmentId: string, gids: string[]): void {
  record.submitFields({
    type: record.Type.ITEM_FULFILLMENT,
    id: itemFulfillmentId,
    values: { [FULFILLMENT_GID_FIELD]: gids.join(',') },
    options: { enableSourcing: false, ignoreMandatoryFields: true },
  });
}
