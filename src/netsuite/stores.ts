/**
 * Every store record, with the lookup tables syncs need (terms, currencies, mappings), read with a
 * few SuiteQL queries and kept in N/cache for a few minutes, so a processor pays 1 unit per entity
 * for its configuration instead of 50. Saving a store record or a
 * location mapping clears the cache (ue_store_config), so changes apply to the next entry.
 */
import * as cache from 'N/cache';
import * as query from 'N/query';
import { parseStoreConfig, type LocationMapping, type StoreRecordValues } from '../core/storeConfig';
import type { StoreLookup } from '../core/processor';
import {
  LAST_ALERT_FIELD,
  LOCATION_MAP_FIELDS,
  LOCATION_MAP_RECORD_TYPE,
  STORE_FIELDS,
  STORE_RECORD_TYPE,
  SYNC_FIELDS,
  listMeaning,
  storeValuesFrom,
} from './storeRecord';

export interface LoadedStore {
  values: StoreRecordValues;
  locations: LocationMapping[];
  lastAlertMs?: number;
}

const CACHE_NAME = 'sb2b_stores';
const CACHE_KEY = 'all';
// An hour, counted from the load: of the runs every 15 minutes, one an hour reloads the settings
// (about 50 units) and the others find them. Saves of store records and mappings clear the cache at
// once, and a term or currency it lacks is looked up afresh, so a longer life hides no admin change.
const CACHE_TTL_SECONDS = 3600;
// PUBLIC: the store setup user event (another script) must be able to clear it.

function readAll(): Record<string, LoadedStore> {
  const f = STORE_FIELDS;
  const plain = [
    f.shopDomain,
    f.apiVersion,
    f.accessTokenSecret,
    f.webhookSecret,
    f.previousWebhookSecret,
    f.subsidiaryId,
    f.currencyId,
    f.defaultLocationId,
    f.alertRecipients,
    f.postOrderModificationsToShopify,
    f.allowNetSuiteOrderCorrections,
    f.b2bOrderSyncWindowDays,
    f.postCustomerDepositForShopifyB2B,
    f.legacyDetectByTag,
    f.legacyOrderTags,
    f.legacyCustomerTags,
    f.importB2cOrders,
    f.b2cCustomerId,
    f.notifyBuyers,
    f.shippingItemId,
    f.discountItemId,
    f.taxItemId,
    f.pollOverlapMinutes,
    f.inventorySafetyBuffer,
    f.alertIntervalMinutes,
    f.alertAuthorId,
    f.retryAttempts,
    f.retryCeilingHours,
    LAST_ALERT_FIELD,
    ...Object.values(SYNC_FIELDS),
  ];
  const sql = `SELECT s.id, s.name, s.isinactive, ${plain.map((c) => `s.${c}`).join(', ')},
      os.scriptid AS ${f.newOrderStatus}, hm.scriptid AS ${f.hierarchyMode}, cm.scriptid AS ${f.companyMaster}, fo.scriptid AS ${f.fulfillOn}
    FROM ${STORE_RECORD_TYPE} s
    LEFT JOIN customlist_sb2b_order_status os ON os.id = s.${f.newOrderStatus}
    LEFT JOIN customlist_sb2b_hierarchy_mode hm ON hm.id = s.${f.hierarchyMode}
    LEFT JOIN customlist_sb2b_company_master cm ON cm.id = s.${f.companyMaster}
    LEFT JOIN customlist_sb2b_fulfill_on fo ON fo.id = s.${f.fulfillOn}
    ORDER BY s.id`;
  const stores: Record<string, LoadedStore> = {};
  for (const row of query.runSuiteQL({ query: sql }).asMappedResults()) {
    const id = String(row.id);
    const lastAlert = row[LAST_ALERT_FIELD];
    stores[id] = {
      values: storeValuesFrom(id, (fieldId) => row[fieldId], listMeaning),
      locations: [],
      lastAlertMs: lastAlert === null || lastAlert === '' || lastAlert === undefined ? undefined : Number(lastAlert),
    };
  }
  const m = LOCATION_MAP_FIELDS;
  const mappings = query
    .runSuiteQL({
      query: `SELECT id, ${m.store} AS store, ${m.netsuiteLocationId} AS nsloc, ${m.shopifyLocationGid} AS gid, ${m.safetyBuffer} AS buffer
              FROM ${LOCATION_MAP_RECORD_TYPE} WHERE isinactive = 'F' ORDER BY id`,
    })
    .asMappedResults();
  for (const row of mappings) {
    stores[String(row.store)]?.locations.push({
      id: String(row.id),
      netsuiteLocationId: String(row.nsloc ?? ''),
      shopifyLocationGid: String(row.gid ?? ''),
      safetyBuffer: Number(row.buffer ?? 0) || 0,
    });
  }
  return stores;
}

function storeCache(): cache.Cache {
  return cache.getCache({ name: CACHE_NAME, scope: cache.Scope.PUBLIC });
}

interface Cached {
  stores: Record<string, LoadedStore>;
  catalog: Catalog;
}

/** What this script read from the cache a moment ago: stores and catalog cost one cache read together. */
let memo: { at: number; value: Cached } | undefined;
const MEMO_MS = 10_000;

function cached(): Cached {
  const now = Date.now();
  if (memo && now - memo.at < MEMO_MS && now >= memo.at) return memo.value;
  const text = storeCache().get({ key: CACHE_KEY, loader: () => JSON.stringify({ stores: readAll(), catalog: readCatalog() }), ttl: CACHE_TTL_SECONDS });
  const value = JSON.parse(text ?? '{}') as Cached;
  memo = { at: now, value };
  return value;
}

/** All store records (active or not), from the cache when it is fresh. */
export function loadStores(): Record<string, LoadedStore> {
  return cached().stores;
}

/** Forget the cached stores and mappings: a store record or one of its mappings changed. */
export function forgetStores(): void {
  memo = undefined;
  storeCache().remove({ key: CACHE_KEY });
}

/**
 * Lookup tables syncs need on most entities, cached with the stores so that an order or a fulfillment
 * does not pay 10 units to read them: NetSuite's terms, and each store's terms and carrier mappings.
 */
export interface Catalog {
  terms: { id: string; name: string; daysUntilNetDue: number | null }[];
  /** NetSuite currency ids by ISO code (the currency's symbol). */
  currencies: Record<string, string>;
  termsMappings: Record<string, { shopifyName: string; termId: string }[]>;
  carrierMappings: Record<string, Record<string, string>>;
  /** Per store, per ship method: the Carrier Mapping's tracking URL template, where it has one. */
  carrierTrackingUrls: Record<string, Record<string, string>>;
}

function readCatalog(): Catalog {
  const catalog: Catalog = { terms: [], currencies: {}, termsMappings: {}, carrierMappings: {}, carrierTrackingUrls: {} };
  query
    .runSuiteQL({ query: `SELECT id, symbol FROM currency WHERE isinactive = 'F'` })
    .asMappedResults()
    .forEach((r) => (catalog.currencies[String(r.symbol)] = String(r.id)));
  catalog.terms = query
    .runSuiteQL({ query: `SELECT id, name, daysuntilnetdue FROM term WHERE isinactive = 'F' ORDER BY id` })
    .asMappedResults()
    .map((r) => ({ id: String(r.id), name: String(r.name ?? ''), daysUntilNetDue: r.daysuntilnetdue === null || r.daysuntilnetdue === '' || r.daysuntilnetdue === undefined ? null : Number(r.daysuntilnetdue) }));
  query
    .runSuiteQL({
      query: `SELECT 'terms' AS kind, custrecord_sb2b_tm_store AS store, custrecord_sb2b_tm_shopify_name AS shopify, TO_CHAR(custrecord_sb2b_tm_term) AS netsuite, NULL AS url
              FROM customrecord_sb2b_terms_map WHERE isinactive = 'F'
              UNION ALL
              SELECT 'carrier' AS kind, custrecord_sb2b_cm_store AS store, custrecord_sb2b_cm_carrier AS shopify, TO_CHAR(custrecord_sb2b_cm_ship_method) AS netsuite,
                     custrecord_sb2b_cm_tracking_url AS url
              FROM customrecord_sb2b_carrier_map WHERE isinactive = 'F'`,
    })
    .asMappedResults()
    .forEach((r) => {
      const store = String(r.store);
      if (r.kind === 'terms') (catalog.termsMappings[store] ??= []).push({ shopifyName: String(r.shopify ?? ''), termId: String(r.netsuite ?? '') });
      else {
        (catalog.carrierMappings[store] ??= {})[String(r.netsuite ?? '')] = String(r.shopify ?? '');
        if (r.url) (catalog.carrierTrackingUrls[store] ??= {})[String(r.netsuite ?? '')] = String(r.url);
      }
    });
  return catalog;
}

export function loadCatalog(): Catalog {
  return cached().catalog;
}

export function lookupStore(stores: Record<string, LoadedStore>, storeId: string): StoreLookup {
  const loaded = stores[storeId];
  if (!loaded) return { status: 'missing' };
  const name = loaded.values.name || loaded.values.shopDomain || storeId;
  if (loaded.values.isInactive) return { status: 'inactive', name };
  const parsed = parseStoreConfig(loaded.values, loaded.locations);
  return parsed.config ? { status: 'ok', config: parsed.config } : { status: 'invalid', name, problems: parsed.problems };
}
