/**
 * A world for inventory sync: a Shopify shop with two locations (East DC, West DC) and a few SKUs;
 * NetSuite mirrors it (an item per SKU, a location per Shopify location, mapped, with the same
 * stock) and has one more warehouse, East Overflow, mapped to East DC too: several NetSuite
 * locations summed into one Shopify location. Helpers change NetSuite stock the way people do
 * (adjustments, orders, fulfillments, receipts) and read what Shopify shows.
 */
import type { TaskInstance } from '../../../sandbox/netsuite/runners/scheduler';
import type { ShopSeed } from '../../../sandbox/shopify/seed';
import { createWorld, type World, type WorldOptions } from '../../../sandbox/world';

export const SHOP = 'stock-b2b.myshopify.com';
const address = { address1: '1 Dock Rd', city: 'Columbus', provinceCode: 'OH', countryCode: 'US', zip: '43215' };

export function stockShop(overrides: Partial<ShopSeed> = {}): ShopSeed {
  return {
    domain: SHOP,
    name: 'Stock Wholesale',
    currencyCode: 'USD',
    plan: 'plus',
    apps: [{ id: 'netsuite-connector', accessToken: 'shpat_stock', clientSecret: 'stock-secret' }],
    locations: [
      { name: 'East DC', address },
      { name: 'West DC', address: { ...address, city: 'Reno', provinceCode: 'NV', zip: '89501' } },
    ],
    products: [
      {
        title: 'Hex bolt',
        options: ['Length'],
        variants: [
          { sku: 'BOLT-40', price: '0.35', options: ['40 mm'], stock: { 'East DC': 100, 'West DC': 50 } },
          { sku: 'BOLT-60', price: '0.45', options: ['60 mm'], stock: { 'East DC': 80 } },
        ],
      },
      { title: 'Washer', variants: [{ sku: 'WASH-100', price: '3.90', stock: { 'East DC': 200, 'West DC': 20 } }] },
      { title: 'Gloves', variants: [{ sku: 'GLOVE-M', price: '12.50', stock: { 'East DC': 30, 'West DC': 30 } }] },
      { title: 'Hard hat', variants: [{ sku: 'HAT-1', price: '18.00', stock: { 'East DC': 10 } }] },
    ],
    companies: [
      {
        name: 'Buyer Co',
        externalId: 'NS-CUST-1',
        contact: { email: 'buyer@buyer.example', firstName: 'Bea', lastName: 'Buyer' },
        locations: [{ name: 'Buyer HQ', paymentTerms: 'Net 30', shippingAddress: { address1: '2 Plant Rd', city: 'Dayton', zoneCode: 'OH', countryCode: 'US', zip: '45402' }, billingSameAsShipping: true }],
      },
    ],
    ...overrides,
  };
}

export interface InventoryWorld extends World {
  /** NetSuite location ids by name, East Overflow included. */
  netsuiteLocation: Record<string, number>;
  shopifyLocation: Record<string, string>;
  customer: number;
}

export async function inventoryWorld(options: WorldOptions & { overflow?: Record<string, number> } = {}): Promise<InventoryWorld> {
  const world = await createWorld({ shop: stockShop(), ...options });
  const netsuiteLocation: Record<string, number> = Object.fromEntries(Object.entries(world.locations).map(([name, l]) => [name, l.netsuiteId]));
  const shopifyLocation: Record<string, string> = Object.fromEntries(Object.entries(world.locations).map(([name, l]) => [name, l.shopifyGid]));
  netsuiteLocation['East Overflow'] = world.netsuite.records.seed('location', { name: 'East Overflow', subsidiary: 1 });
  world.netsuite.ui.create('customrecord_sb2b_location_map', {
    custrecord_sb2b_lm_store: world.storeId,
    custrecord_sb2b_lm_ns_location: netsuiteLocation['East Overflow'],
    custrecord_sb2b_lm_shopify_location: shopifyLocation['East DC'],
  });
  for (const [sku, onHand] of Object.entries(options.overflow ?? {})) world.netsuite.inventory.setOnHand(world.items[sku], netsuiteLocation['East Overflow'], onHand);
  const customer = world.netsuite.records.seed('customer', { companyname: 'Counter Sales', subsidiary: 1 });
  return Object.assign(world, { netsuiteLocation, shopifyLocation, customer });
}

/** The daily full reconciliation, run on demand (links, compares everything, leaves the reports). */
export function runFull(world: World): TaskInstance {
  return world.netsuite.runDeployment('customdeploy_sb2b_mr_inventory_full');
}

/** The changes since the cursor, run on demand (what the 15-minute schedule runs). */
export function runChanges(world: World): TaskInstance {
  return world.netsuite.runDeployment('customdeploy_sb2b_mr_inventory_now');
}

type Levels = Record<string, { available: number; on_hand: number; committed: number }>;

/** What Shopify shows for a SKU, by location name. */
export async function shopifyLevels(world: World, sku: string): Promise<Levels> {
  const [item] = await world.shopify.get<{ levels: Levels }[]>(`/shops/${world.shop}/inventory?sku=${encodeURIComponent(sku)}`);
  return item.levels;
}

/** Shopify's available quantity per SKU and location name ("SKU@Location"). */
export async function shopifyAvailable(world: World, skus: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const sku of skus) for (const [location, q] of Object.entries(await shopifyLevels(world, sku))) out[`${sku}@${location}`] = q.available;
  return out;
}

export interface Adjustment {
  reason: string;
  referenceDocumentUri: string | null;
  changes: { sku: string | null; location: string; name: string; delta: number; quantityAfterChange: number | null }[];
}

/** inventorySetQuantities applied so far (one group per write that changed something). */
export async function adjustments(world: World, sku?: string): Promise<Adjustment[]> {
  return world.shopify.get<Adjustment[]>(`/shops/${world.shop}/inventory/adjustments${sku ? `?sku=${encodeURIComponent(sku)}` : ''}`);
}

/** The available changes applied, as "SKU@Location: before→after". */
export async function appliedChanges(world: World): Promise<string[]> {
  return (await adjustments(world)).flatMap((g) => g.changes.filter((c) => c.name === 'available').map((c) => `${c.sku}@${c.location}: ${c.quantityAfterChange! - c.delta}→${c.quantityAfterChange}`));
}

/** A stock count correction in NetSuite: an inventory adjustment saved by a user. */
export function adjustStock(world: InventoryWorld, sku: string, location: string, by: number): number {
  const loc = world.netsuiteLocation[location];
  return world.netsuite.ui.create('inventoryadjustment', { account: '1', adjlocation: loc }, { inventory: [{ item: world.items[sku], location: loc, adjustqtyby: by }] });
}

/** A sales order entered in NetSuite (approved: it commits stock at its location). */
export function salesOrder(world: InventoryWorld, location: string, lines: Record<string, number>, orderstatus = 'B'): number {
  const loc = world.netsuiteLocation[location];
  return world.netsuite.ui.create(
    'salesorder',
    { entity: world.customer, orderstatus, location: loc },
    { item: Object.entries(lines).map(([sku, quantity]) => ({ item: world.items[sku], quantity, rate: 1, location: loc })) },
  );
}

export function netsuiteStock(world: InventoryWorld, sku: string, location: string) {
  const { onHand, committed, available } = world.netsuite.inventory.level(world.items[sku], world.netsuiteLocation[location]);
  return { onHand, committed, available };
}

export interface SyncReport {
  kind: string;
  summary: string;
  details: string;
  compared: number;
  differed: number;
  fixed: number;
}

export function reports(world: World, kind: 'Inventory drift' | 'SKU linking'): SyncReport[] {
  return world.netsuite
    .query(
      `SELECT custrecord_sb2b_sr_kind AS kind, custrecord_sb2b_sr_summary AS summary, custrecord_sb2b_sr_details AS details,
              custrecord_sb2b_sr_compared AS compared, custrecord_sb2b_sr_differed AS differed, custrecord_sb2b_sr_fixed AS fixed
       FROM customrecord_sb2b_sync_report WHERE custrecord_sb2b_sr_kind = ? ORDER BY id`,
      [kind],
    )
    .map((r) => r as unknown as SyncReport);
}

/** Admin API calls per operation since the last reset. */
export async function callsByOperation(world: World): Promise<Record<string, number>> {
  const metrics = await world.shopify.get<{ byOperation: Record<string, { calls: number }> }>('/metrics');
  return Object.fromEntries(Object.entries(metrics.byOperation).map(([op, t]) => [op, t.calls]));
}

export async function resetCalls(world: World): Promise<void> {
  await world.shopify.post('/metrics/reset');
}

export function storeCursor(world: World): string | null {
  return world.netsuite.records.get('customrecord_sb2b_store', world.storeId)!.fields.custrecord_sb2b_inventory_cursor as string | null;
}

/** Errors inventory sync logged (after the first `since` log entries of the account, when given). */
export function inventoryErrors(world: World, since = 0): string[] {
  return world.netsuite.logs.slice(since).filter((l) => l.scriptId === 'customscript_sb2b_mr_inventory' && (l.level === 'ERROR' || l.level === 'EMERGENCY')).map((l) => `${l.title}: ${l.details}`);
}
