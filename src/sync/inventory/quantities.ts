/**
 * Inventory sync, decided without I/O. Shopify gets NetSuite's **available** quantity (never on
 * hand: on hand still includes units promised to open orders, and pushing it oversells), summed over
 * the NetSuite locations mapped to each Shopify location, minus a safety buffer (the item's if it has
 * one, else the location mapping's if above zero, else the store's), never below zero. Pushes go in batches of up to 250 per Shopify location, with
 * Shopify's current quantity as compare-and-set.
 */
import type { StoreConfig } from '../../core/storeConfig';

export interface ItemLocationRow {
  itemId: string;
  netsuiteLocationId: string;
  available: number;
  inventoryItemGid: string;
  /** The item's own safety buffer, if it has one. */
  itemBuffer: number | null;
}

export interface DesiredQuantity {
  itemId: string;
  inventoryItemGid: string;
  locationGid: string;
  quantity: number;
}

/** What Shopify should show per inventory item and Shopify location. */
export function desiredQuantities(rows: ItemLocationRow[], store: StoreConfig): DesiredQuantity[] {
  const mappingOf = new Map(store.locations.map((m) => [m.netsuiteLocationId, m]));
  const sums = new Map<string, { row: ItemLocationRow; locationGid: string; total: number; buffer: number }>();
  for (const row of rows) {
    const mapping = mappingOf.get(row.netsuiteLocationId);
    if (!mapping) continue;
    const key = `${row.inventoryItemGid}|${mapping.shopifyLocationGid}`;
    const sum = sums.get(key) ?? { row, locationGid: mapping.shopifyLocationGid, total: 0, buffer: 0 };
    sum.total += Math.max(0, Math.floor(row.available));
    // With several NetSuite locations on one Shopify location, the largest location buffer holds.
    sum.buffer = row.itemBuffer ?? Math.max(sum.buffer, mapping.safetyBuffer > 0 ? mapping.safetyBuffer : store.inventorySafetyBuffer);
    sums.set(key, sum);
  }
  return Array.from(sums.values())
    .map((s) => ({ itemId: s.row.itemId, inventoryItemGid: s.row.inventoryItemGid, locationGid: s.locationGid, quantity: Math.max(0, s.total - s.buffer) }))
    .sort((a, b) => a.locationGid.localeCompare(b.locationGid) || a.inventoryItemGid.localeCompare(b.inventoryItemGid));
}

export interface InventoryBatch {
  locationGid: string;
  items: DesiredQuantity[];
}

/** Shopify takes at most 250 quantities per call; each batch is one Shopify location. */
export const BATCH_SIZE = 250;

export function intoBatches(desired: DesiredQuantity[], size = BATCH_SIZE): InventoryBatch[] {
  const byLocation = new Map<string, DesiredQuantity[]>();
  for (const d of desired) byLocation.set(d.locationGid, [...(byLocation.get(d.locationGid) ?? []), d]);
  const batches: InventoryBatch[] = [];
  for (const [locationGid, items] of byLocation) {
    for (let i = 0; i < items.length; i += size) batches.push({ locationGid, items: items.slice(i, i + size) });
  }
  return batches;
}

/** Shopify's available quantity per inventory item at the batch's location; null where it is not stocked there. */
export type ShopifyAvailable = Map<string, number | null>;

export interface QuantityChange {
  inventoryItemId: string;
  locationId: string;
  quantity: number;
  /** Compare-and-set: Shopify's quantity as just read; the write fails for this item if a sale changed it since. */
  changeFromQuantity: number | null;
  itemId: string;
}

export interface PushPlan {
  changes: QuantityChange[];
  unchanged: number;
  /** Items Shopify does not stock at the location (activate them there in Shopify to sync them). */
  notStocked: DesiredQuantity[];
}

export function planPush(batch: InventoryBatch, current: ShopifyAvailable): PushPlan {
  const plan: PushPlan = { changes: [], unchanged: 0, notStocked: [] };
  for (const item of batch.items) {
    if (!current.has(item.inventoryItemGid)) {
      plan.notStocked.push(item);
      continue;
    }
    const now = current.get(item.inventoryItemGid) ?? null;
    if (now === item.quantity) {
      plan.unchanged++;
      continue;
    }
    plan.changes.push({ inventoryItemId: item.inventoryItemGid, locationId: batch.locationGid, quantity: item.quantity, changeFromQuantity: now, itemId: item.itemId });
  }
  return plan;
}

/** FNV-1a, 32 bits: a stable, dependency-free hash for idempotency keys (not for security). */
function fnv1a(text: string, seed: number): string {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * The @idempotent key of a batch write: derived from the store, the run (its window start, which the
 * cursor persists) and the exact quantities, so that a retried or restarted batch sends the same key
 * and Shopify applies it once, while a new run or different quantities get a new key.
 */
export function idempotencyKey(storeId: string, runId: string, changes: QuantityChange[]): string {
  const body = `${storeId}|${runId}|` + changes.map((c) => `${c.inventoryItemId}@${c.locationId}=${c.quantity}<${c.changeFromQuantity}`).join(';');
  return `sb2b-inv-${fnv1a(body, 0x811c9dc5)}${fnv1a(body, 0x01000193)}-${changes.length}`;
}

export interface StaleQuantity {
  inventoryItemId: string;
  message: string;
}

/**
 * A compare-and-set mismatch means Shopify sold (or someone changed) units between our read and our
 * write. NetSuite does not know that sale yet, so overwriting it would oversell: the item is left as
 * Shopify has it and pushed again on a later run, once the order has reached NetSuite.
 */
export function withoutStale(changes: QuantityChange[], staleIndexes: number[]): QuantityChange[] {
  const stale = new Set(staleIndexes);
  return changes.filter((_, i) => !stale.has(i));
}

/** The index of the quantity a user error is about, from its field path (["input","quantities","3",...]). */
export function quantityIndex(field: string[] | null | undefined): number | undefined {
  if (!field) return undefined;
  const at = field.indexOf('quantities');
  const index = at >= 0 ? Number(field[at + 1]) : NaN;
  return Number.isInteger(index) ? index : undefined;
}
