/**
 * Inventory sync's NetSuite side: availability per item and Shopify location, summed by SuiteQL over
 * the NetSuite locations mapped there (everything, or what changed since the store's cursor); the
 * items still to link and the links written back; the store's cursor; the reports admins read.
 *
 * Reads use `query.runSuiteQL` pages of 5,000 rows (10 units each) walked by key (item, Shopify
 * location), rather than runSuiteQLPaged (10 units per 1,000 rows): a full reconciliation of
 * 100,000 item-locations reads in about a hundred units.
 */
import * as query from 'N/query';
import * as record from 'N/record';
import * as search from 'N/search';
import type { AvailableRow } from '../sync/inventory/quantities';
import type { LinkCandidate, PlannedLink } from '../sync/inventory/linking';
import { INVENTORY_ITEM_GID_FIELD, SHOPIFY_GID_FIELDS } from './shopifyLinks';
import { INVENTORY_CURSOR_FIELD, LOCATION_MAP_FIELDS, LOCATION_MAP_RECORD_TYPE, STORE_RECORD_TYPE } from './storeRecord';

export const ITEM_BUFFER_FIELD = 'custitem_sb2b_safety_buffer';

/** SuiteQL's own rendering of a time, so the cursor never crosses a time zone (NetSuite reads it back the same way). */
export const CURSOR_FORMAT = 'YYYY-MM-DD HH24:MI:SS';

/** runSuiteQL returns at most 5,000 rows. */
const PAGE_ROWS = 5000;

/** Item types with stock per location: the ones inventory sync links and pushes. */
export const STOCKED_ITEM_TYPES = ['InvtPart', 'Assembly'];
const STOCKED = STOCKED_ITEM_TYPES.map((t) => `'${t}'`).join(', ');

/** The cursor minus the overlap, as wall-clock text in the same format (the overlap absorbs clock edges and long saves). */
export function windowStart(cursor: string, overlapMinutes: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(cursor);
  if (!m) return '1970-01-01 00:00:00';
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) - overlapMinutes * 60_000;
  return new Date(t).toISOString().replace('T', ' ').slice(0, 19);
}

/** A row before linking decides its inventory item: null for an item not linked yet. */
export type StockRow = Omit<AvailableRow, 'inventoryItemGid'> & { inventoryItemGid: string | null };

export interface StockRead {
  rows: StockRow[];
  /** The newest availability change or item edit among the rows, in CURSOR_FORMAT. */
  newest?: string;
  /** False when the usage budget ran out before the last page. */
  complete: boolean;
}

/**
 * Availability per item and Shopify location, summed over the NetSuite locations the store maps
 * there, with the buffers that apply. `since` (delta): only item and Shopify location pairs where
 * one of the summed NetSuite locations changed availability, or the item was edited (linked, its
 * buffer changed), at or after it. `includeUnlinked` (full run, linking): items without a Shopify
 * inventory item too.
 */
export function readStock(storeId: string, options: { since?: string; includeUnlinked?: boolean }, canContinue: () => boolean): StockRead {
  const m = LOCATION_MAP_FIELDS;
  const result: StockRead = { rows: [], complete: true };
  let after: { item: number; location: string } | undefined;
  for (;;) {
    if (!canContinue()) {
      result.complete = false;
      return result;
    }
    const params: (string | number)[] = [Number(storeId)];
    let page = '';
    if (after) {
      page = ` AND (iil.item > ? OR (iil.item = ? AND m.${m.shopifyLocationGid} > ?))`;
      params.push(after.item, after.item, after.location);
    }
    let having = '';
    if (options.since) {
      having = ` HAVING MAX(iil.lastquantityavailablechange) >= TO_TIMESTAMP(?, '${CURSOR_FORMAT}') OR MAX(i.lastmodifieddate) >= TO_TIMESTAMP(?, '${CURSOR_FORMAT}')`;
      params.push(options.since, options.since);
    }
    const rows = query
      .runSuiteQL({
        query: `SELECT iil.item AS item, m.${m.shopifyLocationGid} AS location, SUM(NVL(iil.quantityavailable, 0)) AS available,
                  MAX(NVL(m.${m.safetyBuffer}, 0)) AS locationbuffer, MAX(i.${ITEM_BUFFER_FIELD}) AS itembuffer, MAX(i.${INVENTORY_ITEM_GID_FIELD}) AS gid,
                  TO_CHAR(MAX(iil.lastquantityavailablechange), '${CURSOR_FORMAT}') AS changed, TO_CHAR(MAX(i.lastmodifieddate), '${CURSOR_FORMAT}') AS edited
                FROM inventoryitemlocations iil
                JOIN item i ON i.id = iil.item
                JOIN ${LOCATION_MAP_RECORD_TYPE} m ON m.${m.netsuiteLocationId} = iil.location
                WHERE m.${m.store} = ? AND m.isinactive = 'F' AND i.isinactive = 'F' AND i.itemtype IN (${STOCKED})
                  ${options.includeUnlinked ? '' : `AND i.${INVENTORY_ITEM_GID_FIELD} IS NOT NULL`}${page}
                GROUP BY iil.item, m.${m.shopifyLocationGid}${having}
                ORDER BY iil.item, m.${m.shopifyLocationGid}
                FETCH FIRST ${PAGE_ROWS} ROWS ONLY`,
        params,
      })
      .asMappedResults();
    for (const row of rows) {
      result.rows.push({
        itemId: String(row.item),
        inventoryItemGid: row.gid ? String(row.gid) : null,
        locationGid: String(row.location),
        available: Number(row.available ?? 0) || 0,
        itemBuffer: row.itembuffer === null || row.itembuffer === undefined || row.itembuffer === '' ? null : Number(row.itembuffer),
        locationBuffer: Number(row.locationbuffer ?? 0) || 0,
      });
      for (const stamp of [row.changed, row.edited]) {
        if (stamp && (!result.newest || String(stamp) > result.newest)) result.newest = String(stamp);
      }
    }
    if (rows.length < PAGE_ROWS) return result;
    const last = rows[rows.length - 1];
    after = { item: Number(last.item), location: String(last.location) };
  }
}

/** The store's cursor, read fresh (the cached store settings may be older than the last run): 1 unit. */
export function readCursor(storeId: string): string | undefined {
  const value = search.lookupFields({ type: STORE_RECORD_TYPE, id: storeId, columns: [INVENTORY_CURSOR_FIELD] })[INVENTORY_CURSOR_FIELD];
  return typeof value === 'string' && value ? value : undefined;
}

/** Moves the store's cursor forward (never back: a full run and a delta run may finish in either order). */
export function saveInventoryCursor(storeId: string, cursor: string): boolean {
  const current = readCursor(storeId);
  if (current && current >= cursor) return false;
  record.submitFields({ type: STORE_RECORD_TYPE, id: storeId, values: { [INVENTORY_CURSOR_FIELD]: cursor }, options: { enableSourcing: false, ignoreMandatoryFields: true } });
  return true;
}

/** Active stocked items without a Shopify inventory item: the ones linking looks for by SKU. */
export function linkCandidates(canContinue: () => boolean): { candidates: LinkCandidate[]; complete: boolean } {
  const candidates: LinkCandidate[] = [];
  let after = 0;
  for (;;) {
    if (!canContinue()) return { candidates, complete: false };
    const rows = query
      .runSuiteQL({
        query: `SELECT id, itemid, itemtype, ${SHOPIFY_GID_FIELDS.item} AS variant FROM item
                WHERE isinactive = 'F' AND itemtype IN (${STOCKED}) AND ${INVENTORY_ITEM_GID_FIELD} IS NULL AND id > ?
                ORDER BY id FETCH FIRST ${PAGE_ROWS} ROWS ONLY`,
        params: [after],
      })
      .asMappedResults();
    for (const row of rows) {
      candidates.push({ id: String(row.id), sku: String(row.itemid ?? ''), itemType: String(row.itemtype), variantGid: row.variant ? String(row.variant) : undefined });
    }
    if (rows.length < PAGE_ROWS) return { candidates, complete: true };
    after = Number(rows[rows.length - 1].id);
  }
}

const RECORD_TYPE_OF_ITEM: Record<string, record.Type> = { InvtPart: record.Type.INVENTORY_ITEM, Assembly: record.Type.ASSEMBLY_ITEM };

/** Items already linked to any of these inventory items (a link must not take another item's variant). */
export function itemsLinkedTo(inventoryItemGids: string[]): Map<string, string> {
  const owners = new Map<string, string>();
  for (let i = 0; i < inventoryItemGids.length; i += 500) {
    const chunk = inventoryItemGids.slice(i, i + 500);
    const rows = query
      .runSuiteQL({ query: `SELECT id, ${INVENTORY_ITEM_GID_FIELD} AS gid FROM item WHERE ${INVENTORY_ITEM_GID_FIELD} IN (${chunk.map(() => '?').join(', ')})`, params: chunk })
      .asMappedResults();
    for (const row of rows) owners.set(String(row.gid), String(row.id));
  }
  return owners;
}

/** Writes a link found by SKU onto the item (5 units). */
export function writeLink(link: PlannedLink): void {
  record.submitFields({
    type: RECORD_TYPE_OF_ITEM[link.itemType] ?? record.Type.INVENTORY_ITEM,
    id: link.itemId,
    values: { [SHOPIFY_GID_FIELDS.item]: link.variantGid, [INVENTORY_ITEM_GID_FIELD]: link.inventoryItemGid },
    options: { enableSourcing: false, ignoreMandatoryFields: true },
  });
}

/** Item names (SKUs) by internal id, for reports. */
export function itemNames(itemIds: string[]): Record<string, string> {
  const names: Record<string, string> = {};
  const ids = Array.from(new Set(itemIds)).slice(0, 500);
  if (ids.length === 0) return names;
  const rows = query.runSuiteQL({ query: `SELECT id, itemid FROM item WHERE id IN (${ids.map(() => '?').join(', ')})`, params: ids.map(Number) }).asMappedResults();
  for (const row of rows) names[String(row.id)] = String(row.itemid ?? '');
  return names;
}

/** Each mapped Shopify location's name for reports: the NetSuite locations mapped there. */
export function mappedLocationNames(storeId: string): Record<string, string> {
  const m = LOCATION_MAP_FIELDS;
  const names: Record<string, string[]> = {};
  const rows = query
    .runSuiteQL({
      query: `SELECT m.${m.shopifyLocationGid} AS gid, l.name AS name FROM ${LOCATION_MAP_RECORD_TYPE} m JOIN location l ON l.id = m.${m.netsuiteLocationId}
              WHERE m.${m.store} = ? AND m.isinactive = 'F' ORDER BY l.name`,
      params: [Number(storeId)],
    })
    .asMappedResults();
  for (const row of rows) (names[String(row.gid)] ??= []).push(String(row.name ?? ''));
  return Object.fromEntries(Object.entries(names).map(([gid, list]) => [gid, list.join(' + ')]));
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

export interface Report {
  storeId: string;
  kind: 'Inventory drift' | 'SKU linking';
  /** Makes the report once per run and kind, even if summarize runs again after a restart. */
  runId: string;
  summary: string;
  details: string;
  counts?: { compared?: number; differed?: number; fixed?: number };
}

/** Keeps a run's report as a record the admin can read (6 units); returns its id, or undefined if this run already kept it. */
export function saveReport(report: Report): string | undefined {
  const rec = record.create({ type: SYNC_REPORT.type });
  rec.setValue({ fieldId: 'externalid', value: `sb2b:${report.storeId}:${report.kind === 'Inventory drift' ? 'drift' : 'sku'}:${report.runId}` });
  rec.setValue({ fieldId: 'name', value: `${report.kind} ${new Date().toISOString().slice(0, 16).replace('T', ' ')}` });
  rec.setValue({ fieldId: SYNC_REPORT.store, value: report.storeId });
  rec.setValue({ fieldId: SYNC_REPORT.kind, value: report.kind });
  rec.setValue({ fieldId: SYNC_REPORT.summary, value: report.summary.slice(0, 999) });
  rec.setValue({ fieldId: SYNC_REPORT.details, value: report.details.slice(0, 100000) });
  const counts = report.counts ?? {};
  if (counts.compared !== undefined) rec.setValue({ fieldId: SYNC_REPORT.compared, value: counts.compared });
  if (counts.differed !== undefined) rec.setValue({ fieldId: SYNC_REPORT.differed, value: counts.differed });
  if (counts.fixed !== undefined) rec.setValue({ fieldId: SYNC_REPORT.fixed, value: counts.fixed });
  try {
    return String(rec.save());
  } catch (e) {
    if ((e as { name?: string }).name === 'DUP_RCRD') return undefined;
    throw e;
  }
}
