/**
 * Inventory sync's NetSuite side: the item-location quantities that changed (or all of them, for a
 * full reconciliation) read with paged SuiteQL, 1,000 rows per 10 units; item links written back;
 * reports of each run kept as records an admin can read.
 */
import * as query from 'N/query';
import * as record from 'N/record';
import type { StoreConfig } from '../core/storeConfig';
import type { ItemLocationRow } from '../sync/inventory/quantities';
import { INVENTORY_ITEM_GID_FIELD, SHOPIFY_GID_FIELDS } from './shopifyLinks';
import { INVENTORY_CURSOR_FIELD, STORE_RECORD_TYPE } from './storeRecord';

export const ITEM_BUFFER_FIELD = 'custitem_sb2b_safety_buffer';

/** SuiteQL's own rendering of a time, so the cursor never crosses a time zone (NetSuite reads it back the same way). */
export const CURSOR_FORMAT = 'YYYY-MM-DD HH24:MI:SS';

export interface ChangedRows {
  rows: ItemLocationRow[];
  /** The newest lastquantityavailablechange among the rows, in CURSOR_FORMAT. */
  newest?: string;
}

/** The cursor minus the overlap, as wall-clock text in the same format (the overlap absorbs clock edges). */
export function windowStart(cursor: string, overlapMinutes: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(cursor);
  if (!m) return '1970-01-01 00:00:00';
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) - overlapMinutes * 60_000;
  return new Date(t).toISOString().replace('T', ' ').slice(0, 19);
}

/**
 * Item-locations of linked items at the store's mapped NetSuite locations: every one (full), or for
 * items whose availability changed at a mapped location since `since` (delta; all their mapped
 * locations come along, because several may add up to one Shopify location).
 */
export function itemLocationRows(store: StoreConfig, since: string | undefined, canContinue: () => boolean): ChangedRows & { complete: boolean } {
  const locations = Array.from(new Set(store.locations.map((l) => Number(l.netsuiteLocationId)))).filter((n) => Number.isFinite(n));
  if (locations.length === 0) return { rows: [], complete: true };
  const marks = locations.map(() => '?').join(', ');
  const params: (string | number)[] = [...locations];
  let filter = '';
  if (since) {
    filter = ` AND iil.item IN (SELECT c.item FROM inventoryitemlocations c WHERE c.location IN (${marks}) AND c.lastquantityavailablechange >= TO_TIMESTAMP(?, '${CURSOR_FORMAT}'))`;
    params.push(...locations, since);
  }
  const paged = query.runSuiteQLPaged({
    query: `SELECT iil.item AS item, iil.location AS location, iil.quantityavailable AS available, i.${INVENTORY_ITEM_GID_FIELD} AS gid,
              i.${ITEM_BUFFER_FIELD} AS buffer, TO_CHAR(iil.lastquantityavailablechange, '${CURSOR_FORMAT}') AS changed
            FROM inventoryitemlocations iil JOIN item i ON i.id = iil.item
            WHERE i.${INVENTORY_ITEM_GID_FIELD} IS NOT NULL AND i.isinactive = 'F' AND iil.location IN (${marks})${filter}
            ORDER BY iil.item, iil.location`,
    params,
    pageSize: 1000,
  });
  const result: ChangedRows & { complete: boolean } = { rows: [], complete: true };
  for (const range of paged.pageRanges) {
    if (!canContinue()) {
      result.complete = false;
      break;
    }
    for (const row of paged.fetch({ index: range.index }).data.asMappedResults()) {
      result.rows.push({
        itemId: String(row.item),
        netsuiteLocationId: String(row.location),
        available: Number(row.available ?? 0) || 0,
        inventoryItemGid: String(row.gid),
        itemBuffer: row.buffer === null || row.buffer === undefined || row.buffer === '' ? null : Number(row.buffer),
      });
      const changed = row.changed ? String(row.changed) : undefined;
      if (changed && (!result.newest || changed > result.newest)) result.newest = changed;
    }
  }
  return result;
}

export function saveInventoryCursor(storeId: string, cursor: string): void {
  record.submitFields({ type: STORE_RECORD_TYPE, id: storeId, values: { [INVENTORY_CURSOR_FIELD]: cursor }, options: { enableSourcing: false, ignoreMandatoryFields: true } });
}

/** Items Shopify may have by SKU: active inventory-type items, with their current link. */
export function itemsForLinking(): { id: string; sku: string; linkedVariantGid?: string }[] {
  const items: { id: string; sku: string; linkedVariantGid?: string }[] = [];
  const paged = query.runSuiteQLPaged({
    query: `SELECT id, itemid, ${SHOPIFY_GID_FIELDS.item} AS variant FROM item WHERE isinactive = 'F' AND itemtype IN ('InvtPart', 'Assembly', 'Kit', 'NonInvtPart') ORDER BY id`,
    pageSize: 1000,
  });
  for (const range of paged.pageRanges) {
    for (const row of paged.fetch({ index: range.index }).data.asMappedResults()) {
      items.push({ id: String(row.id), sku: String(row.itemid ?? ''), linkedVariantGid: row.variant ? String(row.variant) : undefined });
    }
  }
  return items;
}

/** Writes a link found by SKU onto the item (5 units). */
export function linkItem(itemId: string, variantGid: string, inventoryItemGid: string): void {
  const itemType = String(query.runSuiteQL({ query: 'SELECT itemtype FROM item WHERE id = ?', params: [Number(itemId)] }).asMappedResults()[0]?.itemtype ?? 'InvtPart');
  const recordType = { InvtPart: record.Type.INVENTORY_ITEM, Assembly: record.Type.ASSEMBLY_ITEM, Kit: record.Type.KIT_ITEM, NonInvtPart: record.Type.NON_INVENTORY_ITEM }[itemType] ?? record.Type.INVENTORY_ITEM;
  record.submitFields({
    type: recordType,
    id: itemId,
    values: { [SHOPIFY_GID_FIELDS.item]: variantGid, [INVENTORY_ITEM_GID_FIELD]: inventoryItemGid },
    options: { enableSourcing: false, ignoreMandatoryFields: true },
  });
}

export const SYNC_REPORT = {
  type: 'customrecord_sb2b_sync_report',
  store: 'custrecord_sb2b_sr_store',
  kind: 'custrecord_sb2b_sr_kind',
  summary: 'custrecord_sb2b_sr_summary',
  details: 'custrecord_sb2b_sr_details',
  compared: 'custrecord_sb2b_sr_compared',
  differed: 'custrecord_sb2b_sr_differed',
  fixed: 'custrecord_sb2b_sr_fixed',
} as const;

/** Keeps a run's report (drift found and fixed, or SKU problems) as a record the admin can read (6 units). */
export function saveReport(storeId: string, kind: string, summary: string, details: string, counts: { compared?: number; differed?: number; fixed?: number } = {}): string {
  const rec = record.create({ type: SYNC_REPORT.type });
  rec.setValue({ fieldId: 'name', value: `${kind} ${new Date().toISOString().slice(0, 16).replace('T', ' ')}` });
  rec.setValue({ fieldId: SYNC_REPORT.store, value: storeId });
  rec.setValue({ fieldId: SYNC_REPORT.kind, value: kind });
  rec.setValue({ fieldId: SYNC_REPORT.summary, value: summary.slice(0, 999) });
  rec.setValue({ fieldId: SYNC_REPORT.details, value: details.slice(0, 100000) });
  if (counts.compared !== undefined) rec.setValue({ fieldId: SYNC_REPORT.compared, value: counts.compared });
  if (counts.differed !== undefined) rec.setValue({ fieldId: SYNC_REPORT.differed, value: counts.differed });
  if (counts.fixed !== undefined) rec.setValue({ fieldId: SYNC_REPORT.fixed, value: counts.fixed });
  return String(rec.save());
}
