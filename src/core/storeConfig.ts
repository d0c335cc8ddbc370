/**
 * One Shopify store's configuration, as an admin keeps it on a `Shopify B2B Store` record, and the
 * rules that make it usable. Pure: the NetSuite side (src/netsuite/storeRecord.ts) reads the record
 * into `StoreRecordValues`; this module turns them into a `StoreConfig` or says what to fix.
 */
import { DEFAULT_API_VERSION, SUPPORTED_API_VERSIONS, isSupportedApiVersion, type ApiVersion } from '../shopify/apiVersions';

export const SYNC_NAMES = [
  'orders',
  'companies',
  'fulfillments',
  'inventory',
  'products',
  'refunds',
  'payouts',
  'orderEdits',
  'payments',
] as const;
export type SyncName = (typeof SYNC_NAMES)[number];

export type NewOrderStatus = 'pendingApproval' | 'pendingFulfillment';
/** How a Shopify company's structure becomes NetSuite customers. */
export type HierarchyMode = 'locationSubCustomers' | 'buyerSubCustomers';
/** Which side wins when both edit a company. */
export type CompanyMaster = 'shopify' | 'netsuite';
/** The item fulfillment status at which a fulfillment goes to Shopify. */
export type FulfillOn = 'packed' | 'shipped';

export const B2B_ORDER_SYNC_WINDOW = { min: 1, max: 365, default: 90 } as const;
export const SAFETY_BUFFER = { min: 0, max: 1000000, default: 0 } as const;
export const POLL_OVERLAP_MINUTES = { min: 0, max: 120, default: 10 } as const;
export const ALERT_INTERVAL_MINUTES = { min: 5, max: 1440, default: 60 } as const;
export const RETRY_ATTEMPTS = { min: 1, max: 20, default: 8 } as const;
export const RETRY_CEILING_HOURS = { min: 1, max: 72, default: 12 } as const;

export interface LocationMapping {
  id: string;
  netsuiteLocationId: string;
  shopifyLocationGid: string;
  /** Units held back from Shopify at this location (never below zero after subtraction). */
  safetyBuffer: number;
}

/** Field values as read from the store record; select fields hold internal ids, lists their meaning. */
export interface StoreRecordValues {
  id: string;
  name: string;
  isInactive: boolean;
  shopDomain: string;
  apiVersion: string;
  accessTokenSecret: string;
  webhookSecret: string;
  previousWebhookSecret: string;
  subsidiaryId: string;
  currencyId: string;
  defaultLocationId: string;
  syncs: Record<SyncName, boolean>;
  alertRecipients: string;
  postOrderModificationsToShopify: boolean;
  allowNetSuiteOrderCorrections: boolean;
  b2bOrderSyncWindowDays: string;
  postCustomerDepositForShopifyB2B: boolean;
  newOrderStatus: NewOrderStatus | '';
  hierarchyMode: HierarchyMode | '';
  companyMaster: CompanyMaster | '';
  fulfillOn: FulfillOn | '';
  notifyBuyers: boolean;
  legacyDetectByTag: boolean;
  legacyOrderTags: string;
  legacyCustomerTags: string;
  importB2cOrders: boolean;
  b2cCustomerId: string;
  shippingItemId: string;
  discountItemId: string;
  taxItemId: string;
  pollOverlapMinutes: string;
  inventorySafetyBuffer: string;
  alertIntervalMinutes: string;
  alertAuthorId: string;
  retryAttempts: string;
  retryCeilingHours: string;
}

export interface StoreConfig {
  id: string;
  name: string;
  shopDomain: string;
  apiVersion: ApiVersion;
  /** API Secret script id (custsecret_…) holding the Admin API access token. Never the token itself. */
  accessTokenSecretId: string;
  /** API Secret script ids that may sign webhooks: the current one first, then one being rotated out. */
  webhookSecretIds: string[];
  subsidiaryId?: string;
  currencyId?: string;
  defaultLocationId?: string;
  locations: LocationMapping[];
  syncs: Record<SyncName, boolean>;
  alertRecipients: string[];
  postOrderModificationsToShopify: boolean;
  allowNetSuiteOrderCorrections: boolean;
  b2bOrderSyncWindowDays: number;
  postCustomerDepositForShopifyB2B: boolean;
  newOrderStatus: NewOrderStatus;
  hierarchyMode: HierarchyMode;
  companyMaster: CompanyMaster;
  fulfillOn: FulfillOn;
  notifyBuyers: boolean;
  legacyB2b: { detectByTag: boolean; orderTags: string[]; customerTags: string[] };
  b2c: { importOrders: boolean; defaultCustomerId?: string };
  /** NetSuite items that carry shipping, discounts and (optionally) tax as sales order lines. */
  orderItems: { shippingItemId?: string; discountItemId?: string; taxItemId?: string };
  /** Minutes each reconciliation run reaches back before its cursor. */
  pollOverlapMinutes: number;
  /** Units held back from Shopify at every location, unless the location or the item says otherwise. */
  inventorySafetyBuffer: number;
  alertIntervalMinutes: number;
  /** Employee the digests are sent as; the script's user when empty. */
  alertAuthorId?: string;
  retry: { maxAttempts: number; ceilingHours: number };
}

/** A configuration problem: which setting (by its label on the form) and what to do about it. */
export interface ConfigProblem {
  setting: string;
  message: string;
}

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;
const SECRET_ID = /^custsecret_[a-z0-9_]+$/;
const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;
const LOCATION_GID = /^gid:\/\/shopify\/Location\/\d+$/;

/** Splits a comma, semicolon or newline separated list, dropping blanks. */
export function splitList(value: string): string[] {
  return value
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function checkSecretId(setting: string, value: string, required: boolean, problems: ConfigProblem[]) {
  if (!value) {
    if (required) {
      problems.push({
        setting,
        message: `${setting} is empty. Create an API Secret (Setup > Company > API Secrets) and enter its ID, which starts with custsecret_.`,
      });
    }
    return;
  }
  if (!SECRET_ID.test(value)) {
    problems.push({
      setting,
      message: `${setting} "${value}" is not an API Secret ID. Enter the secret's ID (like custsecret_sb2b_acme_token), never the token or secret itself.`,
    });
  }
}

/** An optional whole-number setting: empty means its default. */
function wholeNumber(text: string, range: { default: number }): number {
  return text.trim() === '' ? range.default : Number(text.trim());
}

function checkWholeNumber(setting: string, text: string, range: { min: number; max: number; default: number }, unit: string, problems: ConfigProblem[]) {
  const value = wholeNumber(text, range);
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    problems.push({
      setting,
      message: `${setting} is "${text.trim()}". Enter a whole number of ${unit} from ${range.min} to ${range.max} (default ${range.default}).`,
    });
  }
}

/** Checks the store record's own fields. Location mappings are checked one by one: see validateLocationMapping. */
export function validateStoreValues(v: StoreRecordValues): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const domain = v.shopDomain.trim();
  if (!domain) {
    problems.push({ setting: 'Shop domain', message: 'Shop domain is empty. Enter the store\'s myshopify.com domain, like acme-b2b.myshopify.com.' });
  } else if (!SHOP_DOMAIN.test(domain)) {
    problems.push({
      setting: 'Shop domain',
      message: `Shop domain "${domain}" is not a myshopify.com domain. Enter the store's permanent domain in lower case, like acme-b2b.myshopify.com (Shopify admin > Settings > Domains), not a custom domain or a URL.`,
    });
  }
  const version = v.apiVersion.trim() || DEFAULT_API_VERSION;
  if (!isSupportedApiVersion(version)) {
    problems.push({
      setting: 'Admin API version',
      message: `Admin API version "${version}" is not supported by this bundle. Use one of ${SUPPORTED_API_VERSIONS.join(', ')} (${DEFAULT_API_VERSION} is the default).`,
    });
  }
  checkSecretId('Access token secret', v.accessTokenSecret.trim(), true, problems);
  checkSecretId('Webhook secret', v.webhookSecret.trim(), true, problems);
  checkSecretId('Previous webhook secret', v.previousWebhookSecret.trim(), false, problems);
  if (v.previousWebhookSecret.trim() && v.previousWebhookSecret.trim() === v.webhookSecret.trim()) {
    problems.push({
      setting: 'Previous webhook secret',
      message: 'Previous webhook secret is the same as Webhook secret. Clear it once rotation is over, or enter the secret being rotated out.',
    });
  }
  const windowText = v.b2bOrderSyncWindowDays.trim();
  const window = windowText === '' ? B2B_ORDER_SYNC_WINDOW.default : Number(windowText);
  if (!Number.isInteger(window) || window < B2B_ORDER_SYNC_WINDOW.min || window > B2B_ORDER_SYNC_WINDOW.max) {
    problems.push({
      setting: 'B2B order sync window (days)',
      message: `B2B order sync window is "${windowText}". Enter a whole number of days from ${B2B_ORDER_SYNC_WINDOW.min} to ${B2B_ORDER_SYNC_WINDOW.max} (default ${B2B_ORDER_SYNC_WINDOW.default}).`,
    });
  }
  checkWholeNumber('Default safety buffer', v.inventorySafetyBuffer, SAFETY_BUFFER, 'units', problems);
  checkWholeNumber('Reconciliation overlap (minutes)', v.pollOverlapMinutes, POLL_OVERLAP_MINUTES, 'minutes', problems);
  checkWholeNumber('Alert interval (minutes)', v.alertIntervalMinutes, ALERT_INTERVAL_MINUTES, 'minutes', problems);
  checkWholeNumber('Attempts before an entry fails', v.retryAttempts, RETRY_ATTEMPTS, 'attempts', problems);
  checkWholeNumber('Longest wait between retries (hours)', v.retryCeilingHours, RETRY_CEILING_HOURS, 'hours', problems);
  for (const email of splitList(v.alertRecipients)) {
    if (!EMAIL.test(email)) {
      problems.push({
        setting: 'Alert recipients',
        message: `Alert recipient "${email}" is not an email address. Separate addresses with commas, like ops@acme.com, finance@acme.com.`,
      });
    }
  }
  if (Object.values(v.syncs).some(Boolean) && splitList(v.alertRecipients).length === 0) {
    problems.push({
      setting: 'Alert recipients',
      message: 'Alert recipients is empty while syncs are on. Enter at least one email address, so that failures which need a person reach one.',
    });
  }
  if (v.legacyDetectByTag && splitList(v.legacyOrderTags).length === 0 && splitList(v.legacyCustomerTags).length === 0) {
    problems.push({
      setting: 'Detect B2B orders by tag (legacy)',
      message: 'Detect B2B orders by tag is on but no tags are set. Enter the order tags or customer tags that marked B2B orders before Shopify B2B, or turn it off.',
    });
  }
  if (v.importB2cOrders && !v.b2cCustomerId) {
    problems.push({
      setting: 'Default customer for B2C orders',
      message: 'Import B2C orders is on but no default customer is set. Choose the NetSuite customer B2C orders are recorded against, or turn it off.',
    });
  }
  return problems;
}

/** Checks one location mapping against the store's other active mappings. */
export function validateLocationMapping(
  mapping: Omit<LocationMapping, 'safetyBuffer'> & { safetyBuffer: string },
  otherMappings: ReadonlyArray<Omit<LocationMapping, 'safetyBuffer'>>,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const gid = mapping.shopifyLocationGid.trim();
  if (!mapping.netsuiteLocationId) {
    problems.push({ setting: 'NetSuite location', message: 'NetSuite location is empty. Choose the NetSuite location whose stock and shipments this Shopify location stands for.' });
  }
  if (!LOCATION_GID.test(gid)) {
    problems.push({
      setting: 'Shopify location ID',
      message: `Shopify location ID "${gid}" is not a Shopify location ID. Enter it as gid://shopify/Location/<number> (Shopify admin > Settings > Locations: the number at the end of the location's URL).`,
    });
  }
  const bufferText = mapping.safetyBuffer.trim();
  const buffer = bufferText === '' ? 0 : Number(bufferText);
  if (!Number.isInteger(buffer) || buffer < 0) {
    problems.push({ setting: 'Safety buffer', message: `Safety buffer "${bufferText}" must be a whole number of units, 0 or more.` });
  }
  const twin = otherMappings.find((o) => o.id !== mapping.id && o.netsuiteLocationId === mapping.netsuiteLocationId);
  if (mapping.netsuiteLocationId && twin) {
    problems.push({
      setting: 'NetSuite location',
      message: `This NetSuite location is already mapped for this store (to ${twin.shopifyLocationGid}, mapping ${twin.id}). Map each NetSuite location once; several NetSuite locations may share one Shopify location.`,
    });
  }
  return problems;
}

/** The configuration syncs use, or the problems that keep the store from syncing. */
export function parseStoreConfig(
  v: StoreRecordValues,
  locations: LocationMapping[],
): { config: StoreConfig; problems: [] } | { config?: undefined; problems: ConfigProblem[] } {
  const problems = validateStoreValues(v);
  if (problems.length > 0) return { problems };
  return {
    problems: [],
    config: {
      id: v.id,
      name: v.name,
      shopDomain: v.shopDomain.trim(),
      apiVersion: (v.apiVersion.trim() || DEFAULT_API_VERSION) as ApiVersion,
      accessTokenSecretId: v.accessTokenSecret.trim(),
      webhookSecretIds: [v.webhookSecret.trim(), v.previousWebhookSecret.trim()].filter((s) => s.length > 0),
      subsidiaryId: v.subsidiaryId || undefined,
      currencyId: v.currencyId || undefined,
      defaultLocationId: v.defaultLocationId || undefined,
      locations,
      syncs: { ...v.syncs },
      alertRecipients: splitList(v.alertRecipients),
      postOrderModificationsToShopify: v.postOrderModificationsToShopify,
      allowNetSuiteOrderCorrections: v.allowNetSuiteOrderCorrections,
      b2bOrderSyncWindowDays: v.b2bOrderSyncWindowDays.trim() === '' ? B2B_ORDER_SYNC_WINDOW.default : Number(v.b2bOrderSyncWindowDays),
      postCustomerDepositForShopifyB2B: v.postCustomerDepositForShopifyB2B,
      newOrderStatus: v.newOrderStatus || 'pendingFulfillment',
      hierarchyMode: v.hierarchyMode || 'locationSubCustomers',
      companyMaster: v.companyMaster || 'shopify',
      fulfillOn: v.fulfillOn || 'shipped',
      notifyBuyers: v.notifyBuyers,
      legacyB2b: {
        detectByTag: v.legacyDetectByTag,
        orderTags: splitList(v.legacyOrderTags),
        customerTags: splitList(v.legacyCustomerTags),
      },
      b2c: { importOrders: v.importB2cOrders, defaultCustomerId: v.b2cCustomerId || undefined },
      orderItems: { shippingItemId: v.shippingItemId || undefined, discountItemId: v.discountItemId || undefined, taxItemId: v.taxItemId || undefined },
      pollOverlapMinutes: wholeNumber(v.pollOverlapMinutes, POLL_OVERLAP_MINUTES),
      inventorySafetyBuffer: wholeNumber(v.inventorySafetyBuffer, SAFETY_BUFFER),
      alertIntervalMinutes: wholeNumber(v.alertIntervalMinutes, ALERT_INTERVAL_MINUTES),
      alertAuthorId: v.alertAuthorId || undefined,
      retry: { maxAttempts: wholeNumber(v.retryAttempts, RETRY_ATTEMPTS), ceilingHours: wholeNumber(v.retryCeilingHours, RETRY_CEILING_HOURS) },
    },
  };
}

/** One message listing every problem, as the admin sees it when a save is refused. */
export function describeProblems(subject: string, problems: ConfigProblem[]): string {
  return `${subject} cannot be saved until these are fixed:\n` + problems.map((p, i) => `${i + 1}. ${p.message}`).join('\n');
}
