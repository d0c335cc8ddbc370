/**
 * How NetSuite records point at the Shopify objects they stand for. Links are by immutable Shopify
 * gid, never by name; each link field is looked up in batches with one SuiteQL query per 500 gids.
 */
import * as query from 'N/query';

/** The field holding the Shopify gid, per SuiteQL table (record family). */
export const SHOPIFY_GID_FIELDS = {
  /** Company on a parent customer, CompanyLocation on a sub-customer (or a buyer, by store mode). */
  customer: 'custentity_sb2b_gid',
  /** CompanyContact. */
  contact: 'custentity_sb2b_gid',
  /** ProductVariant. */
  item: 'custitem_sb2b_variant_gid',
  /** Order on a sales order, Fulfillment on an item fulfillment, OrderTransaction on a payment. */
  transaction: 'custbody_sb2b_gid',
} as const;

/** LineItem gid on a sales order line (line ids are unique only within their transaction). */
export const LINE_GID_FIELD = 'custcol_sb2b_line_gid';

export const INVENTORY_ITEM_GID_FIELD = 'custitem_sb2b_inventory_item_gid';

/** The store a customer, contact or transaction belongs to. */
export const STORE_LINK_FIELDS = {
  entity: 'custentity_sb2b_store',
  transaction: 'custbody_sb2b_store',
} as const;

export type LinkedTable = keyof typeof SHOPIFY_GID_FIELDS;

const IN_LIST_CHUNK = 500;

/** Internal ids of the records linked to each gid (absent gids are simply not in the map). */
export function findByShopifyGids(table: LinkedTable, gids: readonly string[]): Map<string, string> {
  const field = SHOPIFY_GID_FIELDS[table];
  const found = new Map<string, string>();
  const unique = Array.from(new Set(gids.filter((g) => g)));
  for (let start = 0; start < unique.length; start += IN_LIST_CHUNK) {
    const chunk = unique.slice(start, start + IN_LIST_CHUNK);
    const rows = query
      .runSuiteQL({
        query: `SELECT id, ${field} AS gid FROM ${table} WHERE ${field} IN (${chunk.map(() => '?').join(', ')})`,
        params: chunk,
      })
      .asMappedResults();
    for (const row of rows) found.set(String(row.gid), String(row.id));
  }
  return found;
}
