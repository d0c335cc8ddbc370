/**
 * Item fulfillments as fulfillment sync sees them: read from the record a user event has in hand (no
 * extra usage), the Shopify fulfillment gid written back, and the few reads a retry needs.
 */
import * as query from 'N/query';
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

function iso(value: unknown): string | undefined {
  return value instanceof Date ? value.toISOString() : undefined;
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

/** What the queue needs of an item fulfillment, read from the record in hand (no usage). */
export function fulfillmentPayload(rec: record.Record, order: { orderGid: string; salesOrderId: string }): FulfillmentPayload {
  const lines: FulfillmentPayload['lines'] = [];
  let location: string | undefined;
  for (let line = 0; line < rec.getLineCount({ sublistId: 'item' }); line++) {
    const get = (fieldId: string) => rec.getSublistValue({ sublistId: 'item', fieldId, line });
    if (get('itemreceive') === false || get('itemreceive') === 'F') continue;
    // A kit ships as its members, listed under it; the kit's own line carries the Shopify line.
    if (text(get('kitmemberof'))) continue;
    location ??= text(get('location')) || undefined;
    lines.push({
      lineGid: text(get(LINE_GID_FIELD)) || undefined,
      itemId: text(get('item')),
      quantity: Number(get('quantity') ?? 0),
      description: text(get('itemname')) || text(get('description')) || `item ${text(get('item'))}`,
    });
  }
  const trackingNumbers: string[] = [];
  const sublists = rec.getSublists();
  for (const [sublistId, fieldId] of PACKAGE_SUBLISTS) {
    if (!sublists.includes(sublistId)) continue;
    for (let line = 0; line < rec.getLineCount({ sublistId }); line++) {
      // Several numbers typed into one package's field are separated by commas, semicolons or lines.
      trackingNumbers.push(...text(rec.getSublistValue({ sublistId, fieldId, line })).split(/[,;\n]+/).map((n) => n.trim()).filter(Boolean));
    }
  }
  const shipMethodId = text(rec.getValue({ fieldId: 'shipmethod' }));
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
    createdAt: iso(rec.getValue({ fieldId: 'createddate' })) ?? new Date().toISOString(),
    savedAt: iso(rec.getValue({ fieldId: 'lastmodifieddate' })),
  };
}

/**
 * The Shopify fulfillment(s) recorded on the item fulfillment now (1 unit), or `deleted` when it no
 * longer exists: the truth about "already sent", whatever a queued payload says.
 */
export function recordedFulfillmentGids(itemFulfillmentId: string): string[] | 'deleted' {
  try {
    const fields = search.lookupFields({ type: search.Type.ITEM_FULFILLMENT, id: itemFulfillmentId, columns: [FULFILLMENT_GID_FIELD] });
    return text(fields[FULFILLMENT_GID_FIELD]).split(',').filter(Boolean);
  } catch (e) {
    if ((e as { name?: string }).name === 'RCRD_DSNT_EXIST') return 'deleted';
    throw e;
  }
}

/**
 * Records the Shopify fulfillment(s) on the item fulfillment (10 units). Returns false when the item
 * fulfillment was deleted meanwhile.
 */
export function recordFulfillmentGids(itemFulfillmentId: string, gids: string[]): boolean {
  try {
    record.submitFields({
      type: record.Type.ITEM_FULFILLMENT,
      id: itemFulfillmentId,
      values: { [FULFILLMENT_GID_FIELD]: gids.join(',') },
      options: { enableSourcing: false, ignoreMandatoryFields: true },
    });
    return true;
  } catch (e) {
    if ((e as { name?: string }).name === 'RCRD_DSNT_EXIST') return false;
    throw e;
  }
}

/** Shopify fulfillments recorded on the sales order's other item fulfillments (10 units; retries only). */
export function fulfillmentGidsOfOtherShipments(salesOrderId: string, itemFulfillmentId: string): Set<string> {
  const rows = query
    .runSuiteQL({
      query: `SELECT DISTINCT t.id, t.${FULFILLMENT_GID_FIELD} AS gids
              FROM transaction t JOIN transactionline tl ON tl.transaction = t.id
              WHERE t.type = 'ItemShip' AND tl.createdfrom = ? AND t.id <> ? AND t.${FULFILLMENT_GID_FIELD} IS NOT NULL`,
      params: [Number(salesOrderId), Number(itemFulfillmentId)],
    })
    .asMappedResults();
  return new Set(rows.flatMap((r) => text(r.gids).split(',').filter(Boolean)));
}
