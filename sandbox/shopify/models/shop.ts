/**
 * One shop: its configuration (domain, currency, plan, the apps installed with their tokens and
 * secrets) and every record, with the indexes the API needs (SKU, external id, updated_at order).
 * Models change state only through the functions in this folder, which keep indexes true, stamp
 * `updatedAt`, and announce changes as domain events (the webhook layer turns those into
 * deliveries).
 */
import type { Clock } from '../../clock';
import { LeakyBucket, type BucketOptions, type Plan } from '../throttle';
import type {
  Company,
  CompanyAddress,
  CompanyContact,
  CompanyContactRole,
  CompanyLocation,
  Customer,
  Fulfillment,
  FulfillmentOrder,
  IdempotencyRecord,
  InventoryAdjustmentGroup,
  InventoryItem,
  InventoryLevel,
  Location,
  Order,
  PaymentTermsTemplate,
  Product,
  ProductSetOperation,
  RoleAssignment,
  Variant,
  WebhookSubscription,
} from './types';
import { SortedIndex } from './sortedIndex';

export interface App {
  id: string;
  title: string;
  accessTokens: string[];
  /** Signs webhooks (X-Shopify-Hmac-Sha256). */
  clientSecret: string;
}

export interface ShopConfig {
  domain: string;
  name?: string;
  email?: string;
  currencyCode?: string;
  ianaTimezone?: string;
  plan?: Plan;
  bucketSize?: number;
  restoreRate?: number;
  apps?: App[];
}

/** A change worth a webhook: the topic (wire name) and the record it is about. */
export interface DomainEvent {
  topic: string;
  resource: { type: string; id: number };
  /** Extra context for payload builders (e.g. the inventory level that changed). */
  detail?: Record<string, unknown>;
}

/**
 * Shopify's standard payment terms templates. Ids and names of the NET ones as captured from a
 * real store; the receipt, fulfillment and fixed ids are not verified.
 */
export const PAYMENT_TERMS_TEMPLATES: PaymentTermsTemplate[] = [
  { id: 1, name: 'Due on receipt', description: 'Due on receipt', dueInDays: null, paymentTermsType: 'RECEIPT', translatedName: 'Due on receipt' },
  { id: 7, name: 'Due on fulfillment', description: 'Due on fulfillment', dueInDays: null, paymentTermsType: 'FULFILLMENT', translatedName: 'Due on fulfillment' },
  { id: 2, name: 'Net 7', description: 'Within 7 days', dueInDays: 7, paymentTermsType: 'NET', translatedName: 'Net 7' },
  { id: 3, name: 'Net 15', description: 'Within 15 days', dueInDays: 15, paymentTermsType: 'NET', translatedName: 'Net 15' },
  { id: 4, name: 'Net 30', description: 'Within 30 days', dueInDays: 30, paymentTermsType: 'NET', translatedName: 'Net 30' },
  { id: 8, name: 'Net 45', description: 'Within 45 days', dueInDays: 45, paymentTermsType: 'NET', translatedName: 'Net 45' },
  { id: 5, name: 'Net 60', description: 'Within 60 days', dueInDays: 60, paymentTermsType: 'NET', translatedName: 'Net 60' },
  { id: 6, name: 'Net 90', description: 'Within 90 days', dueInDays: 90, paymentTermsType: 'NET', translatedName: 'Net 90' },
  { id: 9, name: 'Fixed', description: 'Fixed date', dueInDays: null, paymentTermsType: 'FIXED', translatedName: 'Fixed' },
];

export class ShopState {
  readonly domain: string;
  name: string;
  email: string;
  currencyCode: string;
  ianaTimezone: string;
  readonly plan: Plan;
  readonly apps: App[];
  readonly createdAt: number;
  private readonly buckets = new Map<string, LeakyBucket>();
  private readonly bucketOptions: BucketOptions;
  readonly id: number;

  private nextId = 1_000_001;
  private nextOrderNumber = 1001;

  readonly locations = new Map<number, Location>();
  readonly products = new Map<number, Product>();
  readonly variants = new Map<number, Variant>();
  readonly inventoryItems = new Map<number, InventoryItem>();
  /** Keyed `${inventoryItemId}:${locationId}`. */
  readonly inventoryLevels = new Map<string, InventoryLevel>();
  readonly levelsByItem = new Map<number, InventoryLevel[]>();
  readonly levelsById = new Map<number, InventoryLevel>();
  /** SKU → inventory item ids (SKUs are case-sensitive and need not be unique). */
  readonly itemsBySku = new Map<string, Set<number>>();
  readonly adjustmentGroups = new Map<number, InventoryAdjustmentGroup>();
  readonly idempotency = new Map<string, IdempotencyRecord>();
  readonly productSetOperations = new Map<number, ProductSetOperation>();
  /** Handle → product id (handles are unique per shop). */
  readonly productIdByHandle = new Map<string, number>();

  readonly customers = new Map<number, Customer>();
  /** Lower-cased email → customer id (one customer per email). */
  readonly customerIdByEmail = new Map<string, number>();
  readonly companies = new Map<number, Company>();
  readonly companyLocations = new Map<number, CompanyLocation>();
  readonly companyAddresses = new Map<number, CompanyAddress>();
  readonly companyContacts = new Map<number, CompanyContact>();
  readonly companyContactRoles = new Map<number, CompanyContactRole>();
  readonly roleAssignments = new Map<number, RoleAssignment>();
  readonly paymentTermsTemplates = PAYMENT_TERMS_TEMPLATES;

  readonly orders = new Map<number, Order>();
  /** Orders by (updatedAt, id): what `orders(sortKey: UPDATED_AT, query: "updated_at:>…")` walks. */
  readonly ordersByUpdatedAt = new SortedIndex<Order>((o) => o.updatedAt);
  readonly fulfillmentOrders = new Map<number, FulfillmentOrder>();
  readonly fulfillments = new Map<number, Fulfillment>();
  /** Line item id → order id. */
  readonly lineItemOrder = new Map<number, number>();
  readonly fulfillmentOrderLineItemOwner = new Map<number, number>();

  readonly webhookSubscriptions = new Map<number, WebhookSubscription>();

  /** Candidates examined by searches and filters: lets tests check that indexes are used. */
  scanned = 0;

  private readonly listeners: ((event: DomainEvent) => void)[] = [];

  constructor(readonly clock: Clock, config: ShopConfig) {
    this.domain = config.domain.toLowerCase();
    this.name = config.name ?? this.domain.replace(/\.myshopify\.com$/, '');
    this.email = config.email ?? `owner@${this.domain}`;
    this.currencyCode = config.currencyCode ?? 'USD';
    this.ianaTimezone = config.ianaTimezone ?? 'America/New_York';
    this.plan = config.plan ?? 'plus';
    this.bucketOptions = { plan: this.plan, bucketSize: config.bucketSize, restoreRate: config.restoreRate };
    this.apps = config.apps?.length ? config.apps : [defaultApp(this.domain)];
    this.createdAt = this.now();
    this.id = this.allocateId();
  }

  /** Epoch ms truncated to the second, like Shopify's timestamps. */
  now(): number {
    return Math.floor(this.clock.now() / 1000) * 1000;
  }

  allocateId(): number {
    return this.nextId++;
  }

  /** Gives a product its handle, keeping the handle index true. */
  setProductHandle(product: Product, handle: string): void {
    if (product.handle && this.productIdByHandle.get(product.handle) === product.id) this.productIdByHandle.delete(product.handle);
    product.handle = handle;
    this.productIdByHandle.set(handle, product.id);
  }

  /** Gives a customer an email, keeping the email index true. */
  setCustomerEmail(customer: Customer, email: string | null): void {
    const old = customer.email?.toLowerCase();
    if (old && this.customerIdByEmail.get(old) === customer.id) this.customerIdByEmail.delete(old);
    customer.email = email;
    if (email) this.customerIdByEmail.set(email.toLowerCase(), customer.id);
  }

  allocateOrderNumber(): number {
    return this.nextOrderNumber++;
  }

  appForToken(token: string | undefined): App | undefined {
    if (!token) return undefined;
    return this.apps.find((app) => app.accessTokens.includes(token));
  }

  bucketFor(appId: string): LeakyBucket {
    let bucket = this.buckets.get(appId);
    if (!bucket) {
      bucket = new LeakyBucket(this.clock, this.bucketOptions);
      this.buckets.set(appId, bucket);
    }
    return bucket;
  }

  onEvent(listener: (event: DomainEvent) => void): void {
    this.listeners.push(listener);
  }

  /** While muted (seeding through the control API), changes announce nothing. */
  muted = false;

  emit(event: DomainEvent): void {
    if (this.muted) return;
    for (const listener of this.listeners) listener(event);
  }

  /** Runs `fn` without announcing its changes: what the backdoor seeding uses. */
  silently<T>(fn: () => T): T {
    const was = this.muted;
    this.muted = true;
    try {
      return fn();
    } finally {
      this.muted = was;
    }
  }
}

export function defaultApp(domain: string): App {
  const slug = domain.replace(/\.myshopify\.com$/, '').replace(/[^a-z0-9]/gi, '');
  return { id: 'sandbox-app', title: 'Sandbox connector app', accessTokens: [`shpat_sandbox_${slug}`], clientSecret: `sandbox-secret-${slug}` };
}
