/** Shop, locations, products, variants, inventory items and levels: views and root fields. */
import { gid, idOf } from '../gid';
import { findLevel, productByHandle, productSet, setQuantities, type ProductSetInput, type SetQuantitiesInput } from '../models/catalog';
import { addLocation } from '../models/locations';
import type { InventoryAdjustmentGroup, InventoryItem, InventoryLevel, Location, Product, ProductSetOperation, QuantityName, Variant } from '../models/types';
import { QUANTITY_NAMES } from '../models/types';
import { formatDecimal } from '../money';
import { arraySource, sortedSource, type PageArgs } from '../pagination';
import type { SearchField } from '../search';
import { count, isoTime, listConnection, moneyV2, positionalConnection, searchConnection, countryName, type RequestContext, type View } from './common';

// ---- shop and locations ---------------------------------------------------------------------------

export function shopView(ctx: RequestContext): View {
  const shop = ctx.shop;
  return {
    __typename: 'Shop',
    id: gid('Shop', shop.id),
    name: shop.name,
    email: shop.email,
    contactEmail: shop.email,
    myshopifyDomain: shop.domain,
    url: `https://${shop.domain}`,
    currencyCode: shop.currencyCode,
    ianaTimezone: shop.ianaTimezone,
    timezoneAbbreviation: 'EST',
    createdAt: isoTime(shop.createdAt),
    updatedAt: isoTime(shop.createdAt),
    taxesIncluded: false,
    enabledPresentmentCurrencies: [shop.currencyCode],
    weightUnit: 'KILOGRAMS',
    plan: {
      __typename: 'ShopPlan',
      displayName: { standard: 'Basic', advanced: 'Advanced', plus: 'Shopify Plus', enterprise: 'Shopify Plus' }[shop.plan],
      partnerDevelopment: false,
      shopifyPlus: shop.plan === 'plus' || shop.plan === 'enterprise',
      publicDisplayName: { standard: 'Basic', advanced: 'Advanced', plus: 'Plus', enterprise: 'Plus' }[shop.plan],
    },
    primaryDomain: { __typename: 'Domain', id: gid('Domain', shop.id), host: shop.domain, url: `https://${shop.domain}`, sslEnabled: true },
    features: { __typename: 'ShopFeatures', b2bFeatures: shop.plan === 'plus' || shop.plan === 'enterprise' },
  };
}

export function locationView(ctx: RequestContext, location: Location): View {
  const shop = ctx.shop;
  const a = location.address;
  return {
    __typename: 'Location',
    id: gid('Location', location.id),
    legacyResourceId: String(location.id),
    name: location.name,
    isActive: location.isActive,
    isPrimary: [...shop.locations.values()][0]?.id === location.id,
    fulfillsOnlineOrders: location.fulfillsOnlineOrders,
    shipsInventory: location.fulfillsOnlineOrders,
    isFulfillmentService: false,
    hasActiveInventory: () => [...shop.levelsById.values()].some((l) => l.locationId === location.id),
    deactivatedAt: location.isActive ? null : isoTime(location.updatedAt),
    createdAt: isoTime(location.createdAt),
    updatedAt: isoTime(location.updatedAt),
    address: {
      __typename: 'LocationAddress',
      address1: a.address1,
      address2: a.address2,
      city: a.city,
      province: a.province,
      provinceCode: a.provinceCode,
      country: countryName(a.countryCode) ?? a.country,
      countryCode: a.countryCode,
      zip: a.zip,
      phone: a.phone,
      formatted: [a.address1, a.address2, [a.city, a.provinceCode, a.zip].filter(Boolean).join(' '), countryName(a.countryCode)].filter(Boolean),
    },
    inventoryLevel: (args: { inventoryItemId: string }) => {
      const level = findLevel(shop, idOf(args.inventoryItemId, 'InventoryItem') ?? -1, location.id);
      return level ? inventoryLevelView(ctx, level) : null;
    },
    inventoryLevels: (args: PageArgs & { query?: string | null }) =>
      searchConnection(ctx, ['location', 'inventoryLevels'], sortedSource([...shop.levelsById.values()].filter((l) => l.locationId === location.id), (l) => l.id), args, LEVEL_FIELDS, [], (l) => inventoryLevelView(ctx, l)),
  };
}

const LOCATION_FIELDS: Record<string, SearchField<Location>> = {
  id: { kind: 'id', get: (l) => l.id },
  location_id: { kind: 'id', get: (l) => l.id },
  name: { kind: 'text', get: (l) => l.name },
  active: { kind: 'boolean', get: (l) => l.isActive },
};

// ---- products and variants ------------------------------------------------------------------------

export function productView(ctx: RequestContext, product: Product): View {
  const shop = ctx.shop;
  const variants = () => product.variantIds.map((id) => shop.variants.get(id)!).filter(Boolean);
  return {
    __typename: 'Product',
    id: gid('Product', product.id),
    legacyResourceId: String(product.id),
    title: product.title,
    handle: product.handle,
    descriptionHtml: product.descriptionHtml,
    description: product.descriptionHtml.replace(/<[^>]*>/g, ''),
    vendor: product.vendor,
    productType: product.productType,
    status: product.status,
    tags: product.tags,
    createdAt: isoTime(product.createdAt),
    updatedAt: isoTime(product.updatedAt),
    publishedAt: product.status === 'ACTIVE' ? isoTime(product.createdAt) : null,
    hasOnlyDefaultVariant: product.options.length === 1 && product.options[0]!.name === 'Title' && product.variantIds.length === 1,
    totalInventory: () => variants().reduce((n, v) => n + availableTotal(ctx, v), 0),
    tracksInventory: () => variants().some((v) => shop.inventoryItems.get(v.inventoryItemId)?.tracked),
    options: () =>
      product.options.map((o) => ({
        __typename: 'ProductOption',
        id: gid('ProductOption', o.id),
        name: o.name,
        position: o.position,
        values: o.values,
        optionValues: o.values.map((v, i) => ({ __typename: 'ProductOptionValue', id: gid('ProductOptionValue', o.id * 100 + i), name: v, hasVariants: true })),
      })),
    variants: (args: PageArgs) => positionalConnection(variants(), args, (v) => variantView(ctx, v), (v) => v.id),
    variantsCount: () => count(product.variantIds.length),
  };
}

function availableTotal(ctx: RequestContext, variant: Variant): number {
  return (ctx.shop.levelsByItem.get(variant.inventoryItemId) ?? []).reduce((n, l) => n + l.quantities.available, 0);
}

export function variantView(ctx: RequestContext, variant: Variant): View {
  const shop = ctx.shop;
  const product = () => shop.products.get(variant.productId)!;
  return {
    __typename: 'ProductVariant',
    id: gid('ProductVariant', variant.id),
    legacyResourceId: String(variant.id),
    title: variant.title,
    displayName: `${product().title} - ${variant.title}`,
    sku: variant.sku ?? '',
    barcode: variant.barcode,
    price: formatDecimal(variant.price),
    compareAtPrice: variant.compareAtPrice === null ? null : formatDecimal(variant.compareAtPrice),
    taxable: variant.taxable,
    inventoryPolicy: variant.inventoryPolicy,
    position: variant.position,
    availableForSale: product().status === 'ACTIVE',
    selectedOptions: variant.selectedOptions.map((o) => ({ __typename: 'SelectedOption', name: o.name, value: o.value })),
    inventoryQuantity: () => availableTotal(ctx, variant),
    inventoryItem: () => inventoryItemView(ctx, shop.inventoryItems.get(variant.inventoryItemId)!),
    product: () => productView(ctx, product()),
    createdAt: isoTime(variant.createdAt),
    updatedAt: isoTime(variant.updatedAt),
  };
}

export function inventoryItemView(ctx: RequestContext, item: InventoryItem): View {
  const shop = ctx.shop;
  const variant = () => shop.variants.get(item.variantId)!;
  const levels = () => shop.levelsByItem.get(item.id) ?? [];
  return {
    __typename: 'InventoryItem',
    id: gid('InventoryItem', item.id),
    legacyResourceId: String(item.id),
    sku: item.sku,
    tracked: item.tracked,
    requiresShipping: item.requiresShipping,
    unitCost: item.unitCost === null ? null : moneyV2(item.unitCost, shop.currencyCode),
    countryCodeOfOrigin: item.countryCodeOfOrigin,
    harmonizedSystemCode: item.harmonizedSystemCode,
    provinceCodeOfOrigin: null,
    duplicateSkuCount: item.sku ? (shop.itemsBySku.get(item.sku)?.size ?? 1) - 1 : 0,
    createdAt: isoTime(item.createdAt),
    updatedAt: isoTime(item.updatedAt),
    variant: () => variantView(ctx, variant()),
    variants: (args: PageArgs) => listConnection([variant()], args, (v) => variantView(ctx, v)),
    locationsCount: () => count(levels().length),
    inventoryLevel: (args: { locationId: string }) => {
      const level = findLevel(shop, item.id, idOf(args.locationId, 'Location') ?? -1);
      return level ? inventoryLevelView(ctx, level) : null;
    },
    inventoryLevels: (args: PageArgs & { query?: string | null }) =>
      searchConnection(ctx, ['inventoryItem', 'inventoryLevels'], sortedSource(levels(), (l) => l.id), args, LEVEL_FIELDS, [], (l) => inventoryLevelView(ctx, l)),
  };
}

const LEVEL_FIELDS: Record<string, SearchField<InventoryLevel>> = {
  id: { kind: 'id', get: (l) => l.id },
  inventory_item_id: { kind: 'id', get: (l) => l.inventoryItemId },
  location_id: { kind: 'id', get: (l) => l.locationId },
  updated_at: { kind: 'date', get: (l) => l.updatedAt },
  created_at: { kind: 'date', get: (l) => l.createdAt },
};

export function inventoryLevelView(ctx: RequestContext, level: InventoryLevel): View {
  const shop = ctx.shop;
  return {
    __typename: 'InventoryLevel',
    id: gid('InventoryLevel', level.id, `inventory_item_id=${level.inventoryItemId}`),
    isActive: true,
    canDeactivate: true,
    createdAt: isoTime(level.createdAt),
    updatedAt: isoTime(level.updatedAt),
    location: () => locationView(ctx, shop.locations.get(level.locationId)!),
    item: () => inventoryItemView(ctx, shop.inventoryItems.get(level.inventoryItemId)!),
    quantities: (args: { names: string[] }) =>
      args.names
        .filter((n): n is QuantityName => (QUANTITY_NAMES as readonly string[]).includes(n))
        .map((name) => ({
          __typename: 'InventoryQuantity',
          id: gid('InventoryQuantity', level.id, `inventory_item_id=${level.inventoryItemId}&name=${name}`),
          name,
          quantity: level.quantities[name],
          updatedAt: isoTime(level.quantityUpdatedAt[name] ?? null),
        })),
  };
}

export function productSetOperationView(ctx: RequestContext, operation: ProductSetOperation): View {
  const product = operation.productId !== null ? ctx.shop.products.get(operation.productId) : undefined;
  return {
    __typename: 'ProductSetOperation',
    id: gid('ProductSetOperation', operation.id),
    status: 'COMPLETE',
    product: product ? productView(ctx, product) : null,
    userErrors: operation.userErrors,
  };
}

export function adjustmentGroupView(ctx: RequestContext, group: InventoryAdjustmentGroup): View {
  return {
    __typename: 'InventoryAdjustmentGroup',
    id: gid('InventoryAdjustmentGroup', group.id),
    reason: group.reason,
    referenceDocumentUri: group.referenceDocumentUri,
    createdAt: isoTime(group.createdAt),
    app: null,
    staffMember: null,
    changes: (args: { inventoryItemIds?: string[] | null; locationIds?: string[] | null; quantityNames?: string[] | null }) =>
      group.changes
        .filter((c) => !args.inventoryItemIds || args.inventoryItemIds.some((i) => idOf(i, 'InventoryItem') === c.inventoryItemId))
        .filter((c) => !args.locationIds || args.locationIds.some((i) => idOf(i, 'Location') === c.locationId))
        .filter((c) => !args.quantityNames || args.quantityNames.includes(c.name))
        .map((c) => ({
          __typename: 'InventoryChange',
          name: c.name,
          delta: c.delta,
          quantityAfterChange: c.quantityAfterChange,
          ledgerDocumentUri: c.ledgerDocumentUri,
          item: () => inventoryItemView(ctx, ctx.shop.inventoryItems.get(c.inventoryItemId)!),
          location: () => locationView(ctx, ctx.shop.locations.get(c.locationId)!),
        })),
  };
}

// ---- search fields --------------------------------------------------------------------------------

const PRODUCT_FIELDS: Record<string, SearchField<Product>> = {
  id: { kind: 'id', get: (p) => p.id },
  title: { kind: 'text', get: (p) => p.title },
  handle: { kind: 'exact', get: (p) => p.handle },
  vendor: { kind: 'text', get: (p) => p.vendor },
  product_type: { kind: 'text', get: (p) => p.productType },
  status: { kind: 'keyword', get: (p) => p.status },
  tag: { kind: 'keyword', get: (p) => p.tags },
  created_at: { kind: 'date', get: (p) => p.createdAt },
  updated_at: { kind: 'date', get: (p) => p.updatedAt },
};

function variantFields(ctx: RequestContext): Record<string, SearchField<Variant>> {
  return {
    id: { kind: 'id', get: (v) => v.id },
    sku: { kind: 'exact', get: (v) => v.sku },
    barcode: { kind: 'exact', get: (v) => v.barcode },
    product_id: { kind: 'id', get: (v) => v.productId },
    title: { kind: 'text', get: (v) => v.title },
    updated_at: { kind: 'date', get: (v) => v.updatedAt },
    created_at: { kind: 'date', get: (v) => v.createdAt },
    inventory_item_id: { kind: 'id', get: (v) => v.inventoryItemId },
    vendor: { kind: 'text', get: (v) => ctx.shop.products.get(v.productId)?.vendor },
  };
}

const ITEM_FIELDS: Record<string, SearchField<InventoryItem>> = {
  id: { kind: 'id', get: (i) => i.id },
  sku: { kind: 'exact', get: (i) => i.sku },
  created_at: { kind: 'date', get: (i) => i.createdAt },
  updated_at: { kind: 'date', get: (i) => i.updatedAt },
};

/**
 * Candidates for a SKU search: the SKU index answers `sku:X` without scanning the catalog.
 * Shopify's SKU match is exact and case-sensitive.
 */
function itemsForSkuQuery(ctx: RequestContext, query: string | null | undefined): InventoryItem[] | undefined {
  const match = query ? /^\s*sku:(?:"([^"]*)"|'([^']*)'|(\S+))\s*$/.exec(query) : null;
  if (!match) return undefined;
  const sku = match[1] ?? match[2] ?? match[3]!;
  if (sku.endsWith('*')) return undefined;
  return [...(ctx.shop.itemsBySku.get(sku) ?? [])].map((id) => ctx.shop.inventoryItems.get(id)!);
}

// ---- root fields ----------------------------------------------------------------------------------

type Args = Record<string, unknown>;

export const catalogQueries = {
  shop: (_args: Args, ctx: RequestContext) => shopView(ctx),
  location: (args: { id?: string | null }, ctx: RequestContext) => {
    const location = args.id ? ctx.shop.locations.get(idOf(args.id, 'Location') ?? -1) : [...ctx.shop.locations.values()][0];
    return location ? locationView(ctx, location) : null;
  },
  locations: (args: PageArgs & { query?: string | null; includeInactive?: boolean; sortKey?: string }, ctx: RequestContext) => {
    const all = [...ctx.shop.locations.values()].filter((l) => args.includeInactive || l.isActive);
    const source = args.sortKey === 'ID' ? sortedSource(all, (l) => l.id) : sortedSource(all, (l) => l.name.toLowerCase());
    return searchConnection(ctx, ['locations'], source, args, LOCATION_FIELDS, ['name'], (l) => locationView(ctx, l));
  },
  product: (args: { id: string }, ctx: RequestContext) => {
    const product = ctx.shop.products.get(idOf(args.id, 'Product') ?? -1);
    return product ? productView(ctx, product) : null;
  },
  productByHandle: (args: { handle: string }, ctx: RequestContext) => {
    const product = productByHandle(ctx.shop, args.handle);
    return product ? productView(ctx, product) : null;
  },
  products: (args: PageArgs & { query?: string | null; sortKey?: string }, ctx: RequestContext) => {
    const all = ctx.shop.products.values();
    const source =
      args.sortKey === 'TITLE' ? sortedSource(all, (p) => p.title.toLowerCase()) : args.sortKey === 'UPDATED_AT' ? sortedSource(all, (p) => p.updatedAt) : args.sortKey === 'CREATED_AT' ? sortedSource(all, (p) => p.createdAt) : arraySource([...all], (p) => ({ value: p.id, id: p.id }));
    return searchConnection(ctx, ['products'], source, args, PRODUCT_FIELDS, ['title'], (p) => productView(ctx, p));
  },
  productVariant: (args: { id: string }, ctx: RequestContext) => {
    const variant = ctx.shop.variants.get(idOf(args.id, 'ProductVariant') ?? -1);
    return variant ? variantView(ctx, variant) : null;
  },
  productVariants: (args: PageArgs & { query?: string | null; sortKey?: string }, ctx: RequestContext) => {
    const byIndex = itemsForSkuQuery(ctx, args.query);
    const candidates = byIndex ? byIndex.map((i) => ctx.shop.variants.get(i.variantId)!) : [...ctx.shop.variants.values()];
    const source = args.sortKey === 'SKU' ? sortedSource(candidates, (v) => v.sku ?? '') : args.sortKey === 'TITLE' ? sortedSource(candidates, (v) => v.title) : byIndex ? sortedSource(candidates, (v) => v.id) : arraySource(candidates, (v) => ({ value: v.id, id: v.id }));
    return searchConnection(ctx, ['productVariants'], source, args, variantFields(ctx), ['title', 'sku'], (v) => variantView(ctx, v));
  },
  inventoryItem: (args: { id: string }, ctx: RequestContext) => {
    const item = ctx.shop.inventoryItems.get(idOf(args.id, 'InventoryItem') ?? -1);
    return item ? inventoryItemView(ctx, item) : null;
  },
  inventoryItems: (args: PageArgs & { query?: string | null }, ctx: RequestContext) => {
    const byIndex = itemsForSkuQuery(ctx, args.query);
    const source = byIndex ? sortedSource(byIndex, (i) => i.id) : arraySource([...ctx.shop.inventoryItems.values()], (i) => ({ value: i.id, id: i.id }));
    return searchConnection(ctx, ['inventoryItems'], source, args, ITEM_FIELDS, ['sku'], (i) => inventoryItemView(ctx, i));
  },
  productOperation: (args: { id: string }, ctx: RequestContext) => {
    const operation = ctx.shop.productSetOperations.get(idOf(args.id, 'ProductSetOperation') ?? -1);
    return operation ? productSetOperationView(ctx, operation) : null;
  },
  inventoryLevel: (args: { id: string }, ctx: RequestContext) => {
    const level = ctx.shop.levelsById.get(idOf(args.id, 'InventoryLevel') ?? -1);
    return level ? inventoryLevelView(ctx, level) : null;
  },
};

export const catalogMutations = {
  productSet: (args: { identifier?: { id?: string | null; handle?: string | null; customId?: unknown } | null; input: ProductSetInput; synchronous?: boolean | null }, ctx: RequestContext) => {
    const result = productSet(ctx.shop, args.identifier, args.input);
    if (args.synchronous !== false) {
      return { __typename: 'ProductSetPayload', product: result.product ? productView(ctx, result.product) : null, productSetOperation: null, userErrors: result.userErrors };
    }
    // Asynchronous: Shopify answers with an operation still CREATED and no product; the client
    // polls productOperation(id:). Here the work is already done, so the poll finds it COMPLETE
    // with the product or the operation's userErrors.
    const operation = { id: ctx.shop.allocateId(), productId: result.product?.id ?? null, userErrors: result.userErrors, createdAt: ctx.shop.now() };
    ctx.shop.productSetOperations.set(operation.id, operation);
    return { __typename: 'ProductSetPayload', product: null, productSetOperation: { ...productSetOperationView(ctx, operation), status: 'CREATED', product: null, userErrors: [] }, userErrors: [] };
  },
  inventorySetQuantities: (args: { input: SetQuantitiesInput }, ctx: RequestContext) => {
    const result = setQuantities(ctx.shop, args.input, ctx.version);
    const group = result.groupId !== null ? ctx.shop.adjustmentGroups.get(result.groupId)! : null;
    return { __typename: 'InventorySetQuantitiesPayload', inventoryAdjustmentGroup: group ? adjustmentGroupView(ctx, group) : null, userErrors: result.userErrors };
  },
  locationAdd: (args: { input: { name: string; fulfillsOnlineOrders?: boolean; address?: Record<string, string | null> } }, ctx: RequestContext) => {
    const location = addLocation(ctx.shop, { name: args.input.name, fulfillsOnlineOrders: args.input.fulfillsOnlineOrders, address: args.input.address ?? {} });
    return { __typename: 'LocationAddPayload', location: locationView(ctx, location), userErrors: [] };
  },
};
