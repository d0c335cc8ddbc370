/**
 * Products, variants, inventory items and inventory levels, with Shopify's rules for
 * `productSet` (list fields are replaced: variants left out are deleted) and for inventory
 * quantity states (on_hand = available + committed + reserved + damaged + quality_control +
 * safety_stock; setting `available` or `on_hand` moves both by the same delta).
 */
import { userError, type UserError } from '../errors';
import { idOf } from '../gid';
import { isAmount, parseAmount } from '../money';
import type { ShopState } from './shop';
import { QUANTITY_NAMES, type InventoryChange, type InventoryItem, type InventoryLevel, type Product, type ProductOption, type QuantityName, type Variant } from './types';

export function levelKey(inventoryItemId: number, locationId: number): string {
  return `${inventoryItemId}:${locationId}`;
}

export function findLevel(shop: ShopState, inventoryItemId: number, locationId: number): InventoryLevel | undefined {
  return shop.inventoryLevels.get(levelKey(inventoryItemId, locationId));
}

function emptyQuantities(): Record<QuantityName, number> {
  return Object.fromEntries(QUANTITY_NAMES.map((n) => [n, 0])) as Record<QuantityName, number>;
}

/** Stocks an item at a location (Shopify: "activate"), with zero quantities. */
export function activateLevel(shop: ShopState, inventoryItemId: number, locationId: number): InventoryLevel {
  const existing = findLevel(shop, inventoryItemId, locationId);
  if (existing) return existing;
  const now = shop.now();
  const level: InventoryLevel = { id: shop.allocateId(), inventoryItemId, locationId, quantities: emptyQuantities(), quantityUpdatedAt: {}, createdAt: now, updatedAt: now };
  shop.inventoryLevels.set(levelKey(inventoryItemId, locationId), level);
  shop.levelsById.set(level.id, level);
  const list = shop.levelsByItem.get(inventoryItemId) ?? [];
  list.push(level);
  shop.levelsByItem.set(inventoryItemId, list);
  return level;
}

function indexSku(shop: ShopState, item: InventoryItem, previous: string | null): void {
  if (previous !== null) {
    const set = shop.itemsBySku.get(previous);
    set?.delete(item.id);
    if (set && set.size === 0) shop.itemsBySku.delete(previous);
  }
  if (item.sku !== null && item.sku !== '') {
    let set = shop.itemsBySku.get(item.sku);
    if (!set) {
      set = new Set();
      shop.itemsBySku.set(item.sku, set);
    }
    set.add(item.id);
  }
}

export function setSku(shop: ShopState, variant: Variant, sku: string | null): void {
  const item = shop.inventoryItems.get(variant.inventoryItemId)!;
  const previous = item.sku;
  variant.sku = sku;
  item.sku = sku;
  indexSku(shop, item, previous);
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'product'
  );
}

function uniqueHandle(shop: ShopState, base: string, exceptId?: number): string {
  const taken = (h: string) => {
    const owner = shop.productIdByHandle.get(h);
    return owner !== undefined && owner !== exceptId;
  };
  if (!taken(base)) return base;
  for (let n = 1; ; n++) if (!taken(`${base}-${n}`)) return `${base}-${n}`;
}

export function productByHandle(shop: ShopState, handle: string): Product | undefined {
  const id = shop.productIdByHandle.get(handle);
  return id === undefined ? undefined : shop.products.get(id);
}

/** Moves a level's quantity `name` by `delta`, keeping on_hand consistent with the states it sums. */
export function applyDelta(shop: ShopState, level: InventoryLevel, name: QuantityName, delta: number): { name: QuantityName; delta: number; after: number }[] {
  if (delta === 0) return [];
  const now = shop.now();
  const changes: { name: QuantityName; delta: number; after: number }[] = [];
  const move = (n: QuantityName, d: number) => {
    level.quantities[n] += d;
    level.quantityUpdatedAt[n] = now;
    changes.push({ name: n, delta: d, after: level.quantities[n] });
  };
  if (name === 'on_hand') {
    // Setting on hand changes what can be sold by the same amount.
    move('available', delta);
    move('on_hand', delta);
  } else if (name === 'available') {
    move('available', delta);
    move('on_hand', delta);
  } else if (name === 'incoming') {
    move('incoming', delta);
  } else {
    move(name, delta);
    move('on_hand', delta);
  }
  level.updatedAt = now;
  const item = shop.inventoryItems.get(level.inventoryItemId);
  if (item) item.updatedAt = now;
  return changes;
}

// ---- productSet -------------------------------------------------------------------------------

interface OptionValueInput {
  optionName?: string | null;
  name?: string | null;
  optionId?: string | null;
  id?: string | null;
}

interface VariantSetInput {
  id?: string | null;
  sku?: string | null;
  barcode?: string | null;
  price?: string | number | null;
  compareAtPrice?: string | number | null;
  taxable?: boolean | null;
  inventoryPolicy?: 'DENY' | 'CONTINUE' | null;
  position?: number | null;
  optionValues?: OptionValueInput[];
  inventoryItem?: {
    sku?: string | null;
    cost?: string | number | null;
    tracked?: boolean | null;
    requiresShipping?: boolean | null;
    countryCodeOfOrigin?: string | null;
    harmonizedSystemCode?: string | null;
  } | null;
  inventoryQuantities?: { locationId: string; name: string; quantity: number }[] | null;
}

export interface ProductSetInput {
  id?: string | null;
  title?: string | null;
  handle?: string | null;
  descriptionHtml?: string | null;
  vendor?: string | null;
  productType?: string | null;
  status?: Product['status'] | null;
  tags?: string[] | string | null;
  productOptions?: { name?: string | null; position?: number | null; values?: { name?: string | null }[] | null }[] | null;
  variants?: VariantSetInput[] | null;
}

export interface ProductSetResult {
  product: Product | null;
  userErrors: UserError[];
  created: boolean;
}

const COST_MAX = 10n ** 18n * 10000n;

function validateVariants(variants: VariantSetInput[], options: { name: string; values: string[] }[], errors: UserError[]): void {
  variants.forEach((variant, i) => {
    for (const [j, ov] of (variant.optionValues ?? []).entries()) {
      const option = options.find((o) => o.name === ov.optionName);
      if (!option) {
        errors.push(userError(['input', 'variants', i, 'optionValues', j, 'optionName'], 'Option does not exist', 'OPTION_DOES_NOT_EXIST'));
      } else if (ov.name && !option.values.includes(ov.name)) {
        errors.push(userError(['input', 'variants', i, 'optionValues', j, 'name'], 'Option value does not exist', 'OPTION_VALUE_DOES_NOT_EXIST'));
      }
    }
    for (const [key, value] of [['price', variant.price], ['compareAtPrice', variant.compareAtPrice]] as const) {
      if (value !== undefined && value !== null && !isAmount(value)) errors.push(userError(['input', 'variants', i, key], `${key === 'price' ? 'Price' : 'Compare at price'} is invalid`, 'INVALID_VARIANT'));
    }
    const cost = variant.inventoryItem?.cost;
    if (cost !== undefined && cost !== null) {
      if (!isAmount(cost)) errors.push(userError(['input', 'variants', i, 'inventoryItem', 'cost'], 'Cost per item is invalid', 'INVALID_VARIANT'));
      else if (parseAmount(cost) < 0n) errors.push(userError(['input', 'variants', i, 'inventoryItem', 'cost'], 'Cost per item must be greater than or equal to 0', 'INVALID_VARIANT'));
      else if (parseAmount(cost) >= COST_MAX) errors.push(userError(['input', 'variants', i, 'inventoryItem', 'cost'], 'Cost per item must be less than 1000000000000000000', 'INVALID_VARIANT'));
    }
  });
}

export function productSet(shop: ShopState, identifier: { id?: string | null; handle?: string | null; customId?: unknown } | null | undefined, input: ProductSetInput): ProductSetResult {
  const errors: UserError[] = [];
  const fail = (): ProductSetResult => ({ product: null, userErrors: errors, created: false });
  let existing: Product | undefined;
  if (identifier && input.id) {
    errors.push(userError(['input', 'id'], 'The id field is not allowed if identifier is provided.', 'ID_NOT_ALLOWED'));
    return fail();
  }
  if (identifier?.customId) {
    errors.push(userError(['identifier', 'customId'], 'customId identifiers need metafield definitions, which the local Shopify store does not model.', 'INVALID_INPUT'));
    return fail();
  }
  if (identifier?.id) {
    existing = shop.products.get(idOf(identifier.id, 'Product') ?? -1);
    if (!existing) {
      errors.push(userError(['identifier', 'id'], 'Resource matching the identifier was not found.', 'NOT_FOUND'));
      return fail();
    }
  } else if (identifier?.handle) {
    if (input.handle && input.handle !== identifier.handle) {
      errors.push(userError(['input', 'handle'], 'The identifier value does not match the value of the corresponding field in the input.', 'INPUT_MISMATCH'));
      return fail();
    }
    existing = productByHandle(shop, identifier.handle);
  } else if (input.id) {
    existing = shop.products.get(idOf(input.id, 'Product') ?? -1);
    if (!existing) {
      errors.push(userError(['input', 'id'], 'Product does not exist', 'PRODUCT_DOES_NOT_EXIST'));
      return fail();
    }
  }
  const creating = !existing;
  if (creating && !input.title?.trim()) errors.push(userError(['input', 'title'], "Title can't be blank", 'INVALID_PRODUCT'));
  if (input.variants && !input.productOptions && (creating || (existing && existing.options.length === 0))) {
    errors.push(userError(['input', 'productOptions'], 'Must specify product options when updating variants.', 'PRODUCT_OPTIONS_INPUT_MISSING'));
  }
  if (input.productOptions && !input.variants) errors.push(userError(['input', 'variants'], 'Must specify variants when updating options.', 'VARIANTS_INPUT_MISSING'));
  const options = (input.productOptions ?? existing?.options.map((o) => ({ name: o.name, position: o.position, values: o.values.map((v) => ({ name: v })) })) ?? []).map((o, i) => ({
    name: o.name ?? '',
    position: o.position ?? i + 1,
    values: (o.values ?? []).map((v) => v.name ?? ''),
  }));
  if (options.length > 3) errors.push(userError(['input', 'productOptions'], 'Options over limit.', 'OPTIONS_OVER_LIMIT'));
  options.forEach((o, i) => {
    if (o.values.length === 0) errors.push(userError(['input', 'productOptions', i, 'values'], 'Each option must have at least one option value specified.', 'OPTION_VALUES_MISSING'));
  });
  const names = options.map((o) => o.name);
  if (new Set(names).size !== names.length) errors.push(userError(['input', 'productOptions'], 'Duplicated option name.', 'DUPLICATED_OPTION_NAME'));
  if (input.variants) validateVariants(input.variants, options, errors);
  if (input.variants && input.variants.length > 2048) errors.push(userError(['input', 'variants'], 'Number of product variants exceeds shop limit.', 'VARIANTS_OVER_LIMIT'));
  const handleBase = input.handle ?? identifier?.handle ?? (creating ? slug(input.title ?? '') : undefined);
  if (handleBase !== undefined) {
    const clash = productByHandle(shop, handleBase);
    if (clash && clash.id !== existing?.id && (input.handle || identifier?.handle)) {
      errors.push(userError(['input', 'handle'], 'Handle already in use. Please provide a new handle.', 'HANDLE_NOT_UNIQUE'));
    }
  }
  for (const [i, variant] of (input.variants ?? []).entries()) {
    for (const [j, q] of (variant.inventoryQuantities ?? []).entries()) {
      const locationId = idOf(q.locationId, 'Location');
      if (locationId === undefined || !shop.locations.has(locationId)) {
        errors.push(userError(['input', 'variants', i, 'inventoryQuantities', j, 'locationId'], 'The specified location could not be found.', 'INVALID_VARIANT'));
      }
      if (q.name !== 'available' && q.name !== 'on_hand') {
        errors.push(userError(['input', 'variants', i, 'inventoryQuantities', j, 'name'], "The quantity name must be either 'available' or 'on_hand'.", 'INVALID_VARIANT'));
      }
    }
  }
  if (errors.length > 0) return fail();

  const now = shop.now();
  const product: Product = existing ?? {
    id: shop.allocateId(),
    title: '',
    handle: '',
    descriptionHtml: '',
    vendor: shop.name,
    productType: '',
    status: 'ACTIVE',
    tags: [],
    options: [],
    variantIds: [],
    createdAt: now,
    updatedAt: now,
  };
  if (input.title !== undefined && input.title !== null) product.title = input.title;
  if (creating) shop.setProductHandle(product, uniqueHandle(shop, handleBase ?? slug(product.title)));
  else if (input.handle) shop.setProductHandle(product, input.handle);
  if (input.descriptionHtml !== undefined && input.descriptionHtml !== null) product.descriptionHtml = input.descriptionHtml;
  if (input.vendor !== undefined && input.vendor !== null) product.vendor = input.vendor;
  if (input.productType !== undefined && input.productType !== null) product.productType = input.productType;
  if (input.status) product.status = input.status;
  if (input.tags !== undefined && input.tags !== null) {
    const tags = Array.isArray(input.tags) ? input.tags : input.tags.split(',');
    product.tags = [...new Set(tags.map((t) => t.trim()).filter(Boolean))].sort();
  }
  if (input.productOptions) {
    product.options = options.map<ProductOption>((o, i) => ({
      id: product.options.find((old) => old.name === o.name)?.id ?? shop.allocateId(),
      name: o.name,
      position: i + 1,
      values: o.values,
    }));
  }
  if (creating) shop.products.set(product.id, product);

  if (input.variants) {
    const keep = new Set<number>();
    input.variants.forEach((vi, index) => {
      const selected = (vi.optionValues ?? []).map((ov) => ({ name: ov.optionName ?? '', value: ov.name ?? '' }));
      let variant = vi.id ? shop.variants.get(idOf(vi.id, 'ProductVariant') ?? -1) : undefined;
      if (variant && variant.productId !== product.id) variant = undefined;
      variant ??= product.variantIds
        .map((id) => shop.variants.get(id)!)
        .find((v) => !keep.has(v.id) && v.selectedOptions.length === selected.length && v.selectedOptions.every((so, k) => so.name === selected[k]?.name && so.value === selected[k]?.value));
      const isNew = !variant;
      if (!variant) {
        const itemId = shop.allocateId();
        variant = {
          id: shop.allocateId(),
          productId: product.id,
          title: '',
          sku: null,
          barcode: null,
          price: 0n,
          compareAtPrice: null,
          taxable: true,
          inventoryPolicy: 'DENY',
          position: index + 1,
          selectedOptions: selected,
          inventoryItemId: itemId,
          createdAt: now,
          updatedAt: now,
        };
        const item: InventoryItem = { id: itemId, variantId: variant.id, sku: null, tracked: true, requiresShipping: true, unitCost: null, countryCodeOfOrigin: null, harmonizedSystemCode: null, createdAt: now, updatedAt: now };
        shop.variants.set(variant.id, variant);
        shop.inventoryItems.set(item.id, item);
      }
      const item = shop.inventoryItems.get(variant.inventoryItemId)!;
      variant.selectedOptions = selected.length ? selected : variant.selectedOptions;
      variant.title = variant.selectedOptions.map((o) => o.value).join(' / ') || 'Default Title';
      variant.position = vi.position ?? index + 1;
      if (vi.price !== undefined && vi.price !== null) variant.price = parseAmount(vi.price);
      if (vi.compareAtPrice !== undefined) variant.compareAtPrice = vi.compareAtPrice === null ? null : parseAmount(vi.compareAtPrice);
      if (vi.barcode !== undefined) variant.barcode = vi.barcode ?? null;
      if (vi.taxable !== undefined && vi.taxable !== null) variant.taxable = vi.taxable;
      if (vi.inventoryPolicy) variant.inventoryPolicy = vi.inventoryPolicy;
      const sku = vi.inventoryItem?.sku !== undefined ? vi.inventoryItem.sku : vi.sku;
      if (sku !== undefined) setSku(shop, variant, sku ?? null);
      const ii = vi.inventoryItem;
      if (ii) {
        if (ii.cost !== undefined) item.unitCost = ii.cost === null ? null : parseAmount(ii.cost);
        if (ii.tracked !== undefined && ii.tracked !== null) item.tracked = ii.tracked;
        if (ii.requiresShipping !== undefined && ii.requiresShipping !== null) item.requiresShipping = ii.requiresShipping;
        if (ii.countryCodeOfOrigin !== undefined) item.countryCodeOfOrigin = ii.countryCodeOfOrigin ?? null;
        if (ii.harmonizedSystemCode !== undefined) item.harmonizedSystemCode = ii.harmonizedSystemCode ?? null;
      }
      for (const q of vi.inventoryQuantities ?? []) {
        const locationId = idOf(q.locationId, 'Location')!;
        // On update Shopify sets quantities only where the variant is already stocked.
        const level = isNew || creating ? activateLevel(shop, item.id, locationId) : findLevel(shop, item.id, locationId);
        if (level) setQuantity(shop, level, q.name as 'available' | 'on_hand', q.quantity, 'correction', null);
      }
      variant.updatedAt = now;
      item.updatedAt = now;
      keep.add(variant.id);
    });
    for (const id of product.variantIds) if (!keep.has(id)) deleteVariant(shop, id);
    product.variantIds = [...keep].sort((a, b) => shop.variants.get(a)!.position - shop.variants.get(b)!.position);
  } else if (creating) {
    // A product always has at least its default variant.
    product.options = [{ id: shop.allocateId(), name: 'Title', position: 1, values: ['Default Title'] }];
    const itemId = shop.allocateId();
    const variant: Variant = {
      id: shop.allocateId(), productId: product.id, title: 'Default Title', sku: null, barcode: null, price: 0n, compareAtPrice: null, taxable: true,
      inventoryPolicy: 'DENY', position: 1, selectedOptions: [{ name: 'Title', value: 'Default Title' }], inventoryItemId: itemId, createdAt: now, updatedAt: now,
    };
    shop.variants.set(variant.id, variant);
    shop.inventoryItems.set(itemId, { id: itemId, variantId: variant.id, sku: null, tracked: false, requiresShipping: true, unitCost: null, countryCodeOfOrigin: null, harmonizedSystemCode: null, createdAt: now, updatedAt: now });
    product.variantIds = [variant.id];
  }
  product.updatedAt = now;
  shop.emit({ topic: creating ? 'products/create' : 'products/update', resource: { type: 'Product', id: product.id } });
  return { product, userErrors: [], created: creating };
}

function deleteVariant(shop: ShopState, variantId: number): void {
  const variant = shop.variants.get(variantId);
  if (!variant) return;
  const item = shop.inventoryItems.get(variant.inventoryItemId);
  if (item) {
    const previous = item.sku;
    item.sku = null;
    indexSku(shop, item, previous);
    for (const level of shop.levelsByItem.get(item.id) ?? []) {
      shop.inventoryLevels.delete(levelKey(item.id, level.locationId));
      shop.levelsById.delete(level.id);
    }
    shop.levelsByItem.delete(item.id);
    shop.inventoryItems.delete(item.id);
  }
  shop.variants.delete(variantId);
}

/** Sets a quantity and returns the changes; emits inventory_levels/update when something moved. */
export function setQuantity(shop: ShopState, level: InventoryLevel, name: 'available' | 'on_hand', quantity: number, _reason: string, _ref: string | null) {
  const changes = applyDelta(shop, level, name, quantity - level.quantities[name]);
  if (changes.length) shop.emit({ topic: 'inventory_levels/update', resource: { type: 'InventoryLevel', id: level.id } });
  return changes;
}

// ---- inventorySetQuantities ---------------------------------------------------------------------

/** Valid `reason` values, as listed by Shopify's INVALID_REASON error message (captured 2026-04). */
export const INVENTORY_REASONS = [
  'correction', 'cycle_count_available', 'damaged', 'movement_canceled', 'movement_created', 'movement_received', 'movement_updated', 'other',
  'promotion', 'quality_control', 'received', 'reservation_created', 'reservation_deleted', 'reservation_updated', 'restock', 'safety_stock', 'shrinkage',
];

export interface SetQuantitiesInput {
  name: string;
  reason: string;
  referenceDocumentUri?: string | null;
  quantities: { inventoryItemId: string; locationId: string; quantity: number; changeFromQuantity?: number | null }[];
}

export interface SetQuantitiesResult {
  groupId: number | null;
  userErrors: UserError[];
}

const QUANTITY_LIMIT = 1_000_000_000;

/**
 * inventorySetQuantities: validates everything first and applies nothing unless all of it is
 * valid (the mutation is all-or-nothing). A quantity equal to the current one changes nothing;
 * when nothing changes the adjustment group is null, as captured from Shopify.
 */
export function setQuantities(shop: ShopState, input: SetQuantitiesInput, version: string = '2026-10'): SetQuantitiesResult {
  const errors: UserError[] = [];
  if (input.name !== 'available' && input.name !== 'on_hand') {
    errors.push(userError(['input', 'name'], "The quantity name must be either 'available' or 'on_hand'.", 'INVALID_NAME'));
    return { groupId: null, userErrors: errors };
  }
  if (!INVENTORY_REASONS.includes(input.reason)) {
    errors.push(userError(['input', 'reason'], `The specified reason is invalid. Valid values are: ${INVENTORY_REASONS.join(', ')}.`, 'INVALID_REASON'));
    return { groupId: null, userErrors: errors };
  }
  if (input.referenceDocumentUri !== undefined && input.referenceDocumentUri !== null && !/^[a-z][a-z0-9+.-]*:\S+$/i.test(input.referenceDocumentUri)) {
    errors.push(userError(['input', 'referenceDocumentUri'], 'The specified reference document is invalid.', 'INVALID_REFERENCE_DOCUMENT'));
    return { groupId: null, userErrors: errors };
  }
  const name = input.name;
  const pairs = new Map<string, number[]>();
  input.quantities.forEach((q, i) => {
    const key = `${q.inventoryItemId}|${q.locationId}`;
    pairs.set(key, [...(pairs.get(key) ?? []), i]);
  });
  for (const indexes of pairs.values()) {
    if (indexes.length > 1) for (const i of indexes) errors.push(userError(['input', 'quantities', i, 'locationId'], 'The combination of inventoryItemId and locationId must be unique.', 'NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR'));
  }
  if (errors.length) return { groupId: null, userErrors: errors };

  const planned: { level: InventoryLevel | null; itemId: number; locationId: number; quantity: number }[] = [];
  input.quantities.forEach((q, i) => {
    const itemId = idOf(q.inventoryItemId, 'InventoryItem');
    const locationId = idOf(q.locationId, 'Location');
    const item = itemId !== undefined ? shop.inventoryItems.get(itemId) : undefined;
    const location = locationId !== undefined ? shop.locations.get(locationId) : undefined;
    if (!item) errors.push(userError(['input', 'quantities', i, 'inventoryItemId'], 'The specified inventory item could not be found.', 'INVALID_INVENTORY_ITEM'));
    if (!location) errors.push(userError(['input', 'quantities', i, 'locationId'], 'The specified location could not be found.', 'INVALID_LOCATION'));
    if (q.quantity > QUANTITY_LIMIT) errors.push(userError(['input', 'quantities', i, 'quantity'], "The quantity can't be higher than 1,000,000,000.", 'INVALID_QUANTITY_TOO_HIGH'));
    if (q.quantity < -QUANTITY_LIMIT) errors.push(userError(['input', 'quantities', i, 'quantity'], "The quantity can't be lower than -1,000,000,000.", 'INVALID_QUANTITY_TOO_LOW'));
    else if (name === 'on_hand' && q.quantity < 0) errors.push(userError(['input', 'quantities', i, 'quantity'], "The quantity can't be negative.", 'INVALID_QUANTITY_NEGATIVE'));
    if (!item || !location) return;
    if (!Object.prototype.hasOwnProperty.call(q, 'changeFromQuantity')) {
      // From 2026-04 the field must be sent, even as null. Message not verified against Shopify.
      errors.push(userError(['input', 'quantities', i, 'changeFromQuantity'], 'The changeFromQuantity argument must be given to each quantity (pass null to skip the compare check).', 'COMPARE_QUANTITY_REQUIRED'));
      return;
    }
    const level = findLevel(shop, item.id, location.id) ?? null;
    if (!level && version < '2026-10') {
      // Up to 2026-07 an item must be stocked at the location first (removed in 2026-10).
      errors.push(userError(['input', 'quantities', i, 'locationId'], 'The specified inventory item is not stocked at the location.', 'ITEM_NOT_STOCKED_AT_LOCATION'));
      return;
    }
    const current = level ? level.quantities[name] : 0;
    if (q.changeFromQuantity !== null && q.changeFromQuantity !== undefined && q.changeFromQuantity !== current) {
      errors.push(userError(['input', 'quantities', i, 'changeFromQuantity'], 'The changeFromQuantity argument no longer matches the persisted quantity.', 'CHANGE_FROM_QUANTITY_STALE'));
    }
    planned.push({ level, itemId: item.id, locationId: location.id, quantity: q.quantity });
  });
  if (errors.length) return { groupId: null, userErrors: errors };

  const now = shop.now();
  const group = { id: shop.allocateId(), reason: input.reason, referenceDocumentUri: input.referenceDocumentUri ?? null, createdAt: now, changes: [] as InventoryChange[] };
  for (const p of planned) {
    // From 2026-10 an item can be adjusted at any location: setting stocks it there.
    const level = p.level ?? activateLevel(shop, p.itemId, p.locationId);
    for (const c of setQuantity(shop, level, name, p.quantity, input.reason, input.referenceDocumentUri ?? null)) {
      group.changes.push({ name: c.name, delta: c.delta, quantityAfterChange: c.after, inventoryItemId: p.itemId, locationId: p.locationId, ledgerDocumentUri: null });
    }
  }
  if (group.changes.length === 0) return { groupId: null, userErrors: [] };
  shop.adjustmentGroups.set(group.id, group);
  return { groupId: group.id, userErrors: [] };
}
