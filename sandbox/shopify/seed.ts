/**
 * Seeding: the control API's way to put a shop into a known state without going through the
 * Admin API (no rate limit spent, no webhooks fired). Specs refer to things by what a person
 * would write: SKUs, location names, company names or external ids, payment terms by name.
 * Everything goes through the same model functions the API uses, so the same rules hold.
 */
import { gid } from './gid';
import { activateLevel, setQuantity, productSet, type ProductSetInput } from './models/catalog';
import { companyContactCreate, companyCreate, companyLocationCreate, upsertCustomer, type CompanyContactInput, type CompanyLocationInput, type CustomerInput } from './models/companies';
import { addLocation, type LocationSpec } from './models/locations';
import { orderCreate, type InventoryBehaviour, type OrderCreateInput } from './models/orders';
import type { ShopConfig, ShopState } from './models/shop';
import type { Address, FinancialStatus } from './models/types';
import { subscriptionCreate } from './models/webhookSubscriptions';
import { wireToTopic, topicToWire } from './webhooks/topics';
import { DEFAULT_API_VERSION, type ApiVersion } from './schema';

export interface ProductSeed {
  title: string;
  handle?: string;
  vendor?: string;
  productType?: string;
  status?: 'ACTIVE' | 'ARCHIVED' | 'DRAFT';
  tags?: string[];
  /** Option names, e.g. ["Size"]; omitted for single-variant products. */
  options?: string[];
  variants: {
    sku: string;
    price: string;
    compareAtPrice?: string;
    /** Values for `options`, in order. */
    options?: string[];
    cost?: string;
    barcode?: string;
    tracked?: boolean;
    inventoryPolicy?: 'DENY' | 'CONTINUE';
    /** Available quantity per location name. */
    stock?: Record<string, number>;
  }[];
}

export interface CompanySeed {
  name: string;
  externalId?: string;
  note?: string;
  /** The main contact. */
  contact?: CompanyContactInput;
  contacts?: CompanyContactInput[];
  locations?: (CompanyLocationInput & { paymentTerms?: string })[];
}

export interface OrderSeed {
  /** Company name or external id: makes a B2B order. */
  company?: string;
  /** Company location name or external id (default: the company's first location). */
  companyLocation?: string;
  customer?: CustomerInput;
  email?: string;
  lines: { sku?: string; title?: string; quantity: number; price?: string; taxRate?: string; taxTitle?: string }[];
  shipping?: { title: string; price: string; code?: string };
  discount?: { code: string; amount?: string; percentage?: number };
  poNumber?: string;
  tags?: string[];
  note?: string;
  financialStatus?: FinancialStatus;
  processedAt?: string;
  taxesIncluded?: boolean;
  test?: boolean;
  billingAddress?: Partial<Address>;
  shippingAddress?: Partial<Address>;
  inventoryBehaviour?: InventoryBehaviour;
}

export interface SubscriptionSeed {
  /** Wire name (orders/create) or enum (ORDERS_CREATE). */
  topic: string;
  uri: string;
  apiVersion?: ApiVersion;
  appId?: string;
  name?: string;
}

export interface ShopData {
  locations?: LocationSpec[];
  products?: ProductSeed[];
  customers?: CustomerInput[];
  companies?: CompanySeed[];
  orders?: OrderSeed[];
  webhookSubscriptions?: SubscriptionSeed[];
}

export interface ShopSeed extends Omit<ShopConfig, 'apps'>, ShopData {
  apps?: { id: string; title?: string; accessToken?: string; accessTokens?: string[]; clientSecret: string }[];
}

export interface SeedResult {
  locations: string[];
  products: string[];
  companies: string[];
  customers: string[];
  orders: string[];
  webhookSubscriptions: string[];
}

export class SeedError extends Error {}

function currency(shop: ShopState, amount: string) {
  return { shopMoney: { amount, currencyCode: shop.currencyCode } };
}

function locationByName(shop: ShopState, name: string) {
  for (const l of shop.locations.values()) if (l.name === name) return l;
  throw new SeedError(`no location named "${name}"`);
}

function templateByName(shop: ShopState, name: string) {
  const template = shop.paymentTermsTemplates.find((t) => t.name.toLowerCase() === name.toLowerCase());
  if (!template) throw new SeedError(`no payment terms template named "${name}" (known: ${shop.paymentTermsTemplates.map((t) => t.name).join(', ')})`);
  return template;
}

function variantBySku(shop: ShopState, sku: string) {
  const ids = shop.itemsBySku.get(sku);
  const item = ids && ids.size ? shop.inventoryItems.get([...ids][0]!) : undefined;
  if (!item) throw new SeedError(`no variant with SKU "${sku}"`);
  return shop.variants.get(item.variantId)!;
}

function companyByRef(shop: ShopState, ref: string) {
  for (const c of shop.companies.values()) if (c.externalId === ref || c.name === ref) return c;
  throw new SeedError(`no company named or with external id "${ref}"`);
}

export function seedProduct(shop: ShopState, seed: ProductSeed) {
  const options = seed.options?.length ? seed.options : ['Title'];
  const values = options.map((_, i) => [...new Set(seed.variants.map((v) => (seed.options?.length ? (v.options?.[i] ?? '') : 'Default Title')))]);
  const input: ProductSetInput = {
    title: seed.title,
    handle: seed.handle,
    vendor: seed.vendor,
    productType: seed.productType,
    status: seed.status ?? 'ACTIVE',
    tags: seed.tags,
    productOptions: options.map((name, i) => ({ name, position: i + 1, values: values[i]!.map((v) => ({ name: v })) })),
    variants: seed.variants.map((v) => ({
      price: v.price,
      compareAtPrice: v.compareAtPrice ?? null,
      barcode: v.barcode ?? null,
      inventoryPolicy: v.inventoryPolicy ?? 'DENY',
      optionValues: options.map((name, i) => ({ optionName: name, name: seed.options?.length ? (v.options?.[i] ?? '') : 'Default Title' })),
      inventoryItem: { sku: v.sku, cost: v.cost ?? null, tracked: v.tracked ?? true },
    })),
  };
  const result = productSet(shop, null, input);
  if (!result.product) throw new SeedError(`product "${seed.title}": ${result.userErrors.map((e) => e.message).join('; ')}`);
  for (const v of seed.variants) {
    const variant = variantBySku(shop, v.sku);
    for (const [locationName, quantity] of Object.entries(v.stock ?? {})) {
      const level = activateLevel(shop, variant.inventoryItemId, locationByName(shop, locationName).id);
      setQuantity(shop, level, 'available', quantity, 'correction', null);
    }
  }
  return result.product;
}

export function seedCompany(shop: ShopState, seed: CompanySeed) {
  const [first, ...rest] = seed.locations ?? [{ name: seed.name }];
  const withTerms = (l: CompanyLocationInput & { paymentTerms?: string }): CompanyLocationInput => {
    const { paymentTerms, ...input } = l;
    if (!paymentTerms) return input;
    return { ...input, buyerExperienceConfiguration: { ...(input.buyerExperienceConfiguration ?? {}), paymentTermsTemplateId: gid('PaymentTermsTemplate', templateByName(shop, paymentTerms).id) } };
  };
  const created = companyCreate(shop, { company: { name: seed.name, externalId: seed.externalId, note: seed.note }, companyContact: seed.contact ?? null, companyLocation: withTerms(first!) });
  if (!created.company) throw new SeedError(`company "${seed.name}": ${created.userErrors.map((e) => e.message).join('; ')}`);
  const companyGid = gid('Company', created.company.id);
  for (const l of rest) {
    const r = companyLocationCreate(shop, companyGid, withTerms(l));
    if (!r.companyLocation) throw new SeedError(`company location "${l.name}": ${r.userErrors.map((e) => e.message).join('; ')}`);
  }
  for (const c of seed.contacts ?? []) {
    const r = companyContactCreate(shop, companyGid, c);
    if (!r.companyContact) throw new SeedError(`company contact "${c.email}": ${r.userErrors.map((e) => e.message).join('; ')}`);
  }
  return created.company;
}

export function seedOrder(shop: ShopState, seed: OrderSeed, behaviour?: InventoryBehaviour) {
  let companyLocationId: string | null = null;
  if (seed.company) {
    const company = companyByRef(shop, seed.company);
    const locations = company.locationIds.map((id) => shop.companyLocations.get(id)!);
    const location = seed.companyLocation ? locations.find((l) => l.name === seed.companyLocation || l.externalId === seed.companyLocation) : locations[0];
    if (!location) throw new SeedError(`company "${company.name}" has no location "${seed.companyLocation}"`);
    companyLocationId = gid('CompanyLocation', location.id);
  }
  const input: OrderCreateInput = {
    companyLocationId,
    email: seed.email ?? seed.customer?.email ?? null,
    customer: seed.customer ? { toUpsert: { email: seed.customer.email, firstName: seed.customer.firstName, lastName: seed.customer.lastName, phone: seed.customer.phone } } : null,
    lineItems: seed.lines.map((l) => {
      const variant = l.sku ? variantBySku(shop, l.sku) : undefined;
      return {
        variantId: variant ? gid('ProductVariant', variant.id) : null,
        title: variant ? null : (l.title ?? l.sku ?? 'Custom item'),
        sku: variant ? null : (l.sku ?? null),
        quantity: l.quantity,
        priceSet: l.price ? currency(shop, l.price) : null,
        taxLines: l.taxRate ? [{ title: l.taxTitle ?? 'Sales tax', rate: l.taxRate }] : null,
      };
    }),
    shippingLines: seed.shipping ? [{ title: seed.shipping.title, code: seed.shipping.code ?? null, priceSet: currency(shop, seed.shipping.price) }] : null,
    discountCode: seed.discount
      ? seed.discount.percentage !== undefined
        ? { itemPercentageDiscountCode: { code: seed.discount.code, percentage: seed.discount.percentage } }
        : { itemFixedDiscountCode: { code: seed.discount.code, amountSet: currency(shop, seed.discount.amount ?? '0') } }
      : null,
    poNumber: seed.poNumber ?? null,
    tags: seed.tags ?? null,
    note: seed.note ?? null,
    financialStatus: seed.financialStatus ?? null,
    processedAt: seed.processedAt ?? null,
    taxesIncluded: seed.taxesIncluded ?? null,
    test: seed.test ?? null,
    billingAddress: seed.billingAddress ?? null,
    shippingAddress: seed.shippingAddress ?? null,
  };
  const result = orderCreate(shop, input, behaviour ?? seed.inventoryBehaviour ?? 'DECREMENT_IGNORING_POLICY');
  if (!result.order) throw new SeedError(`order: ${result.userErrors.map((e) => `${(e.field ?? []).join('.')}: ${e.message}`).join('; ')}`);
  return result.order;
}

export function seedSubscription(shop: ShopState, seed: SubscriptionSeed) {
  const apiVersion = seed.apiVersion ?? DEFAULT_API_VERSION;
  const wire = seed.topic.includes('/') ? seed.topic : topicToWire(seed.topic, apiVersion);
  if (!wireToTopic(wire, apiVersion)) throw new SeedError(`unknown webhook topic "${seed.topic}"`);
  const r = subscriptionCreate(shop, seed.appId ?? shop.apps[0]!.id, apiVersion, wire, { uri: seed.uri, name: seed.name ?? null });
  if (!r.subscription) throw new SeedError(`webhook subscription: ${r.userErrors.map((e) => e.message).join('; ')}`);
  return r.subscription;
}

/** Adds data to a shop without webhooks. Throws SeedError naming the first thing that is wrong. */
export function seedShop(shop: ShopState, data: ShopData): SeedResult {
  return shop.silently(() => {
    const out: SeedResult = { locations: [], products: [], companies: [], customers: [], orders: [], webhookSubscriptions: [] };
    for (const l of data.locations ?? []) out.locations.push(gid('Location', addLocation(shop, l).id));
    for (const p of data.products ?? []) out.products.push(gid('Product', seedProduct(shop, p).id));
    for (const c of data.customers ?? []) out.customers.push(gid('Customer', upsertCustomer(shop, c).id));
    for (const c of data.companies ?? []) out.companies.push(gid('Company', seedCompany(shop, c).id));
    for (const o of data.orders ?? []) out.orders.push(gid('Order', seedOrder(shop, o).id));
    for (const s of data.webhookSubscriptions ?? []) out.webhookSubscriptions.push(gid('WebhookSubscription', seedSubscription(shop, s).id));
    return out;
  });
}

