/**
 * The `Shopify B2B Store` record (customrecord_sb2b_store) and its location mappings
 * (customrecord_sb2b_location_map): field ids in one place, and reading them into the plain values
 * src/core/storeConfig.ts validates.
 */
import * as query from 'N/query';
import type * as record from 'N/record';
import type { HierarchyMode, CompanyMaster, FulfillOn, NewOrderStatus, StoreRecordValues, SyncName, LocationMapping } from '../core/storeConfig';

export const STORE_RECORD_TYPE = 'customrecord_sb2b_store';
export const LOCATION_MAP_RECORD_TYPE = 'customrecord_sb2b_location_map';

export const STORE_FIELDS = {
  shopDomain: 'custrecord_sb2b_shop_domain',
  apiVersion: 'custrecord_sb2b_api_version',
  accessTokenSecret: 'custrecord_sb2b_token_secret',
  webhookSecret: 'custrecord_sb2b_webhook_secret',
  previousWebhookSecret: 'custrecord_sb2b_webhook_secret_old',
  subsidiaryId: 'custrecord_sb2b_subsidiary',
  currencyId: 'custrecord_sb2b_currency',
  defaultLocationId: 'custrecord_sb2b_default_location',
  alertRecipients: 'custrecord_sb2b_alert_emails',
  postOrderModificationsToShopify: 'custrecord_sb2b_post_order_mods',
  allowNetSuiteOrderCorrections: 'custrecord_sb2b_allow_ns_corrections',
  b2bOrderSyncWindowDays: 'custrecord_sb2b_order_window_days',
  postCustomerDepositForShopifyB2B: 'custrecord_sb2b_post_deposits',
  newOrderStatus: 'custrecord_sb2b_order_status',
  hierarchyMode: 'custrecord_sb2b_hierarchy_mode',
  companyMaster: 'custrecord_sb2b_company_master',
  fulfillOn: 'custrecord_sb2b_fulfill_on',
  notifyBuyers: 'custrecord_sb2b_notify_customer',
  legacyDetectByTag: 'custrecord_sb2b_legacy_by_tag',
  legacyOrderTags: 'custrecord_sb2b_legacy_order_tags',
  legacyCustomerTags: 'custrecord_sb2b_legacy_customer_tags',
  importB2cOrders: 'custrecord_sb2b_import_b2c',
  b2cCustomerId: 'custrecord_sb2b_b2c_customer',
  shippingItemId: 'custrecord_sb2b_shipping_item',
  discountItemId: 'custrecord_sb2b_discount_item',
  taxItemId: 'custrecord_sb2b_tax_item',
  pollOverlapMinutes: 'custrecord_sb2b_poll_overlap',
  inventorySafetyBuffer: 'custrecord_sb2b_safety_buffer',
  alertIntervalMinutes: 'custrecord_sb2b_alert_interval',
  alertAuthorId: 'custrecord_sb2b_alert_author',
  retryAttempts: 'custrecord_sb2b_retry_attempts',
  retryCeilingHours: 'custrecord_sb2b_retry_ceiling_h',
} as const;

/** Kept by the connector, not by admins: when the store's last alert digest went out (epoch ms). */
export const LAST_ALERT_FIELD = 'custrecord_sb2b_last_alert_ms';

/** Kept by the reconciliation poller: the newest change queued, per kind (admins may clear them). */
export const POLL_CURSOR_FIELDS = { orders: 'custrecord_sb2b_orders_cursor', companies: 'custrecord_sb2b_companies_cursor' } as const;

/** Kept by inventory sync: the newest quantity change pushed (SuiteQL's own time text). */
export const INVENTORY_CURSOR_FIELD = 'custrecord_sb2b_inventory_cursor';

/** One checkbox per sync, so an admin can turn each on or off per store. */
export const SYNC_FIELDS: Record<SyncName, string> = {
  orders: 'custrecord_sb2b_sync_orders',
  companies: 'custrecord_sb2b_sync_companies',
  fulfillments: 'custrecord_sb2b_sync_fulfillments',
  inventory: 'custrecord_sb2b_sync_inventory',
  products: 'custrecord_sb2b_sync_products',
  refunds: 'custrecord_sb2b_sync_refunds',
  payouts: 'custrecord_sb2b_sync_payouts',
  orderEdits: 'custrecord_sb2b_sync_order_edits',
  payments: 'custrecord_sb2b_sync_payments',
};

export const LOCATION_MAP_FIELDS = {
  store: 'custrecord_sb2b_lm_store',
  netsuiteLocationId: 'custrecord_sb2b_lm_ns_location',
  shopifyLocationGid: 'custrecord_sb2b_lm_shopify_location',
  safetyBuffer: 'custrecord_sb2b_lm_safety_buffer',
} as const;

/**
 * Custom list values, by scriptid. A select field holds the value's internal id, which differs
 * between accounts, so the script ids are what the bundle compares.
 */
const LIST_MEANINGS = {
  newOrderStatus: {
    list: 'customlist_sb2b_order_status',
    values: { val_sb2b_pending_approval: 'pendingApproval', val_sb2b_pending_fulfillment: 'pendingFulfillment' } as Record<string, NewOrderStatus>,
  },
  hierarchyMode: {
    list: 'customlist_sb2b_hierarchy_mode',
    values: { val_sb2b_location_subcustomers: 'locationSubCustomers', val_sb2b_buyer_subcustomers: 'buyerSubCustomers' } as Record<
      string,
      HierarchyMode
    >,
  },
  companyMaster: {
    list: 'customlist_sb2b_company_master',
    values: { val_sb2b_shopify_masters: 'shopify', val_sb2b_netsuite_masters: 'netsuite' } as Record<string, CompanyMaster>,
  },
  fulfillOn: {
    list: 'customlist_sb2b_fulfill_on',
    values: { val_sb2b_fulfill_shipped: 'shipped', val_sb2b_fulfill_packed: 'packed' } as Record<string, FulfillOn>,
  },
} as const;

export type ListField = keyof typeof LIST_MEANINGS;
const LIST_FIELDS = Object.keys(LIST_MEANINGS) as ListField[];

/** What a list field's value means, given the value's script id (SuiteQL gives it upper-case). */
export function listMeaning(field: ListField, scriptid: unknown): string {
  return LIST_MEANINGS[field].values[String(scriptid ?? '').toLowerCase()] ?? '';
}

/** Resolves a list field's stored value (an internal id on a record) to its meaning. */
export type ListResolver = (field: ListField, value: unknown) => string;

/** Internal id → meaning for each list, read in one SuiteQL query (10 units). */
export function loadListMeanings(): ListResolver {
  const sql = LIST_FIELDS.map((field) => `SELECT '${field}' AS field, id, scriptid FROM ${LIST_MEANINGS[field].list}`).join(' UNION ALL ');
  const byId = new Map<string, string>();
  for (const row of query.runSuiteQL({ query: sql }).asMappedResults()) {
    byId.set(`${String(row.field)}:${String(row.id)}`, listMeaning(String(row.field) as ListField, row.scriptid));
  }
  return (field, value) => byId.get(`${field}:${String(value ?? '')}`) ?? '';
}

/** Reads what `getValue` holds, as a string ('' for empty), a boolean for checkboxes. */
export type FieldReader = (fieldId: string) => unknown;

function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value);
}

function asBoolean(value: unknown): boolean {
  return value === true || value === 'T';
}

export function storeValuesFrom(id: string, read: FieldReader, lists: ListResolver): StoreRecordValues {
  const f = STORE_FIELDS;
  const listValue = <T extends string>(field: ListField): T | '' => lists(field, read(STORE_FIELDS[field])) as T | '';
  const syncs = {} as Record<SyncName, boolean>;
  for (const [name, fieldId] of Object.entries(SYNC_FIELDS)) syncs[name as SyncName] = asBoolean(read(fieldId));
  return {
    id,
    name: asText(read('name')),
    isInactive: asBoolean(read('isinactive')),
    shopDomain: asText(read(f.shopDomain)),
    apiVersion: asText(read(f.apiVersion)),
    accessTokenSecret: asText(read(f.accessTokenSecret)),
    webhookSecret: asText(read(f.webhookSecret)),
    previousWebhookSecret: asText(read(f.previousWebhookSecret)),
    subsidiaryId: asText(read(f.subsidiaryId)),
    currencyId: asText(read(f.currencyId)),
    defaultLocationId: asText(read(f.defaultLocationId)),
    syncs,
    alertRecipients: asText(read(f.alertRecipients)),
    postOrderModificationsToShopify: asBoolean(read(f.postOrderModificationsToShopify)),
    allowNetSuiteOrderCorrections: asBoolean(read(f.allowNetSuiteOrderCorrections)),
    b2bOrderSyncWindowDays: asText(read(f.b2bOrderSyncWindowDays)),
    postCustomerDepositForShopifyB2B: asBoolean(read(f.postCustomerDepositForShopifyB2B)),
    newOrderStatus: listValue<NewOrderStatus>('newOrderStatus'),
    hierarchyMode: listValue<HierarchyMode>('hierarchyMode'),
    companyMaster: listValue<CompanyMaster>('companyMaster'),
    fulfillOn: listValue<FulfillOn>('fulfillOn'),
    notifyBuyers: asBoolean(read(f.notifyBuyers)),
    legacyDetectByTag: asBoolean(read(f.legacyDetectByTag)),
    legacyOrderTags: asText(read(f.legacyOrderTags)),
    legacyCustomerTags: asText(read(f.legacyCustomerTags)),
    importB2cOrders: asBoolean(read(f.importB2cOrders)),
    b2cCustomerId: asText(read(f.b2cCustomerId)),
    shippingItemId: asText(read(f.shippingItemId)),
    discountItemId: asText(read(f.discountItemId)),
    taxItemId: asText(read(f.taxItemId)),
    pollOverlapMinutes: asText(read(f.pollOverlapMinutes)),
    inventorySafetyBuffer: asText(read(f.inventorySafetyBuffer)),
    alertIntervalMinutes: asText(read(f.alertIntervalMinutes)),
    alertAuthorId: asText(read(f.alertAuthorId)),
    retryAttempts: asText(read(f.retryAttempts)),
    retryCeilingHours: asText(read(f.retryCeilingHours)),
  };
}

/**
 * A reader over a record being saved. On an inline edit (xedit) NetSuite gives only the edited fields
 * in newRecord, so the rest come from oldRecord.
 */
export function recordReader(newRecord: record.Record, oldRecord?: record.Record, inlineEdit = false): FieldReader {
  if (!inlineEdit || !oldRecord) return (fieldId) => newRecord.getValue({ fieldId });
  const edited = new Set(newRecord.getFields());
  return (fieldId) => (edited.has(fieldId) ? newRecord.getValue({ fieldId }) : oldRecord.getValue({ fieldId }));
}

/** Fields only the connector writes; an inline edit of nothing else is bookkeeping, not a setup change. */
const MACHINE_FIELDS = new Set<string>([LAST_ALERT_FIELD, 'custrecord_sb2b_connection', POLL_CURSOR_FIELDS.orders, POLL_CURSOR_FIELDS.companies, INVENTORY_CURSOR_FIELD]);

/** On an inline edit newRecord holds just the edited fields: did an admin change a setting? */
export function adminFieldsChanged(newRecord: record.Record): boolean {
  return newRecord.getFields().some((f) => (f.startsWith('custrecord_') || f === 'name' || f === 'isinactive') && !MACHINE_FIELDS.has(f));
}

/** Other active stores with the same shop domain: syncing one shop from two records would double every write. */
export function storesWithDomain(domain: string, exceptId: string): string[] {
  return query
    .runSuiteQL({
      query: `SELECT id FROM ${STORE_RECORD_TYPE} WHERE LOWER(${STORE_FIELDS.shopDomain}) = ? AND isinactive = 'F' AND id <> ?`,
      params: [domain.trim().toLowerCase(), Number(exceptId) || -1],
    })
    .asMappedResults()
    .map((row) => String(row.id));
}

/** The store's active location mappings. */
export function locationMappingsOf(storeId: string): LocationMapping[] {
  const f = LOCATION_MAP_FIELDS;
  return query
    .runSuiteQL({
      query: `SELECT id, ${f.netsuiteLocationId} AS nsloc, ${f.shopifyLocationGid} AS gid, ${f.safetyBuffer} AS buffer
              FROM ${LOCATION_MAP_RECORD_TYPE} WHERE ${f.store} = ? AND isinactive = 'F' ORDER BY id`,
      params: [Number(storeId)],
    })
    .asMappedResults()
    .map((row) => ({
      id: String(row.id),
      netsuiteLocationId: asText(row.nsloc),
      shopifyLocationGid: asText(row.gid),
      safetyBuffer: Number(row.buffer ?? 0) || 0,
    }));
}
