/**
 * Inventory sync, decided without I/O. Shopify gets NetSuite's **available** quantity (never on
 * hand: on hand still includes units promised to open orders, and pushing it oversells), summed over
 * the NetSuite locations mapped to each Shopify location, minus a safety buffer, never below zero.
 *
 * A run compares item-locations with Shopify in chunks of up to 5,000 (one unit of work each: Shopify's
 * current quantities read 1,000 at a time), then writes only those that differ, packed into batches
 * of at most 250 (Shopify's input limit), Shopify's current quantity as compare-and-set.
 */

/**
 * One inventory item at one Shopify location, as SuiteQL sums it over the NetSuite locations mapped
 * there (src/netsuite/inventory.ts).
 */
export interface AvailableRow {
  itemId: string;
  inventoryItemGid: string;
  locationGid: string;
  /** NetSuite's quantityavailable summed over the mapped locations (a location below zero counts as such). */
  available: number;
  /** The item's own safety buffer, if it has one. */
  itemBuffer: number | null;
  /** The largest buffer among the location mappings summed here (0: none set). */
  locationBuffer: number;
}

export interface DesiredQuantity {
  itemId: string;
  inventoryItemGid: string;
  locationGid: string;
  quantity: number;
}

/**
 * The buffer held back: the item's own if it has one, else the location mapping's if above zero,
 * else the store's default.
 */
export function safetyBuffer(row: Pick<AvailableRow, 'itemBuffer' | 'locationBuffer'>, storeBuffer: number): number {
  if (row.itemBuffer !== null && Number.isFinite(row.itemBuffer)) return Math.max(0, row.itemBuffer);
  return row.locationBuffer > 0 ? row.locationBuffer : Math.max(0, storeBuffer);
}

/** What Shopify should show: available − buffer, in whole units, never below zero. */
export function desiredQuantity(row: AvailableRow, storeBuffer: number): DesiredQuantity {
  const quantity = Math.max(0, Math.floor(row.available) - safetyBuffer(row, storeBuffer));
  return { itemId: row.itemId, inventoryItemGid: row.inventoryItemGid, locationGid: row.locationGid, quantity };
}

/** Shopify takes at most 250 quantities per inventorySetQuantities (and 250 ids per `nodes`). */
export const BATCH_SIZE = 250;
/** Lists of 250 ids per read request (the InventoryLevels document has four): 1,000 item-locations a read. */
export const LISTS_PER_READ = 4;
/**
 * Item-locations per unit of work. The writes are packed from what differs within a chunk, so a run
 * whose item-locations fit in one chunk (every 15-minute run of a normal day) writes exactly
 * ceil(differences / 250) times; larger runs at most one write more per further chunk. A chunk costs
 * at most about 6 reads and 20 writes (260 units, far below a reduce's 5,000), and a failed one
 * repeats at most that.
 */
export const CHUNK_SIZE = 5000;

/** One unit of work: up to CHUNK_SIZE item-locations, in location then item order. */
export interface Chunk {
  quantities: DesiredQuantity[];
}

/** Chunks of up to `size` item-locations, sorted by location then inventory item (reads group by location). */
export function intoChunks(desired: DesiredQuantity[], size = CHUNK_SIZE): Chunk[] {
  const sorted = [...desired].sort((a, b) => a.locationGid.localeCompare(b.locationGid) || a.inventoryItemGid.localeCompare(b.inventoryItemGid));
  const chunks: Chunk[] = [];
  for (let i = 0; i < sorted.length; i += size) chunks.push({ quantities: sorted.slice(i, i + size) });
  return chunks;
}

/** Write batches of exactly `size` changes (the last may be shorter), over any locations: ceil(changes / size) writes. */
export function intoBatches<T>(changes: T[], size = BATCH_SIZE): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < changes.length; i += size) batches.push(changes.slice(i, i + size));
  return batches;
}

/** One `nodes` list of the chunk read: up to 250 inventory items at one Shopify location. */
export interface ReadGroup {
  locationGid: string;
  inventoryItemGids: string[];
}

/**
 * How to read a chunk's current quantities: lists of at most `size` items at one location, in
 * requests of up to `perRequest` lists (the InventoryLevels document has four).
 */
export function readRequests(chunk: Chunk, size = BATCH_SIZE, perRequest = LISTS_PER_READ): ReadGroup[][] {
  const groups: ReadGroup[] = [];
  for (const item of chunk.quantities) {
    const last = groups[groups.length - 1];
    if (last && last.locationGid === item.locationGid && last.inventoryItemGids.length < size) last.inventoryItemGids.push(item.inventoryItemGid);
    else groups.push({ locationGid: item.locationGid, inventoryItemGids: [item.inventoryItemGid] });
  }
  const requests: ReadGroup[][] = [];
  for (let i = 0; i < groups.length; i += perRequest) requests.push(groups.slice(i, i + perRequest));
  return requests;
}

/** Shopify's available quantity per `inventoryItemGid|locationGid`; absent where the item is not stocked there. */
export type ShopifyAvailable = Map<string, number>;

export function levelKey(inventoryItemGid: string, locationGid: string): string {
  return `${inventoryItemGid}|${locationGid}`;
}

export interface QuantityChange {
  inventoryItemId: string;
  locationId: string;
  quantity: number;
  /** Compare-and-set: Shopify's quantity as just read; the write fails for this item if a sale changed it since. */
  changeFromQuantity: number;
  itemId: string;
}

export interface PushPlan {
  changes: QuantityChange[];
  unchanged: number;
  /** Items Shopify does not stock at the location (activate them there in Shopify to sync them). */
  notStocked: DesiredQuantity[];
}

/** What to write for a chunk: only the quantities Shopify shows differently, each with its compare-and-set base. */
export function planPush(quantities: DesiredQuantity[], current: ShopifyAvailable): PushPlan {
  const plan: PushPlan = { changes: [], unchanged: 0, notStocked: [] };
  for (const item of quantities) {
    const now = current.get(levelKey(item.inventoryItemGid, item.locationGid));
    if (now === undefined) {
      plan.notStocked.push(item);
      continue;
    }
    if (now === item.quantity) {
      plan.unchanged++;
      continue;
    }
    plan.changes.push({ inventoryItemId: item.inventoryItemGid, locationId: item.locationGid, quantity: item.quantity, changeFromQuantity: now, itemId: item.itemId });
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
 * The @idempotent key of a batch write, derived from the store, the run's id (made once per run
 * and kept in the map/reduce's own data, so a retried or restarted batch finds it again) and the
 * exact quantities with their compare-and-set bases. A resent or re-run batch sends the same key
 * and Shopify applies it once; another run, or the same items after a sale, get another key.
 */
export function idempotencyKey(storeId: string, runId: string, changes: QuantityChange[]): string {
  const body = `${storeId}|${runId}|` + changes.map((c) => `${c.inventoryItemId}@${c.locationId}=${c.quantity}<${c.changeFromQuantity}`).join(';');
  return `sb2b-inv-${fnv1a(body, 0x811c9dc5)}${fnv1a(body, 0x01000193)}-${changes.length}`;
}

/**
 * A compare-and-set mismatch means Shopify sold (or someone changed) units between our read and our
 * write. NetSuite does not know that sale yet, so overwriting it would oversell: the item is left as
 * Shopify has it and pushed again once the order has reached NetSuite and moved its availability
 * (or by the next full reconciliation).
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
