import { describeDrift, driftReport } from '../../../../src/sync/inventory/drift';
import { planLinks } from '../../../../src/sync/inventory/linking';
import { desiredQuantities, idempotencyKey, intoBatches, planPush, quantityIndex, withoutStale, type ItemLocationRow } from '../../../../src/sync/inventory/quantities';
import { storeConfig } from '../../../support/fixtures';

const SHOP_A = 'gid://shopify/Location/1';
const SHOP_B = 'gid://shopify/Location/2';
const store = storeConfig({
  inventorySafetyBuffer: 1,
  locations: [
    { id: '1', netsuiteLocationId: '10', shopifyLocationGid: SHOP_A, safetyBuffer: 0 },
    { id: '2', netsuiteLocationId: '11', shopifyLocationGid: SHOP_A, safetyBuffer: 0 },
    { id: '3', netsuiteLocationId: '20', shopifyLocationGid: SHOP_B, safetyBuffer: 5 },
  ],
});
const row = (item: number, location: string, available: number, itemBuffer: number | null = null): ItemLocationRow => ({
  itemId: String(item),
  netsuiteLocationId: location,
  available,
  inventoryItemGid: `gid://shopify/InventoryItem/${item}`,
  itemBuffer,
});

describe('the quantity Shopify should show', () => {
  it('sums the NetSuite locations mapped to one Shopify location and takes the safety buffer off', () => {
    expect(desiredQuantities([row(1, '10', 7), row(1, '11', 3), row(1, '20', 8), row(1, '99', 100)], store)).toEqual([
      { itemId: '1', inventoryItemGid: 'gid://shopify/InventoryItem/1', locationGid: SHOP_A, quantity: 9 }, // 7 + 3 − store buffer 1
      { itemId: '1', inventoryItemGid: 'gid://shopify/InventoryItem/1', locationGid: SHOP_B, quantity: 3 }, // 8 − location buffer 5
    ]);
  });

  it("uses the item's own buffer first, and never goes below zero", () => {
    expect(desiredQuantities([row(2, '20', 4, 2)], store)[0].quantity).toBe(2);
    expect(desiredQuantities([row(3, '20', 3)], store)[0].quantity).toBe(0);
    expect(desiredQuantities([row(4, '10', -6)], store)[0].quantity).toBe(0);
  });
});

describe('pushing in batches', () => {
  it('makes batches of at most 250 per Shopify location', () => {
    const desired = desiredQuantities(
      Array.from({ length: 600 }, (_, i) => row(i + 1, '10', 5)).concat([row(1, '20', 9)]),
      store,
    );
    expect(intoBatches(desired).map((b) => [b.locationGid, b.items.length])).toEqual([
      [SHOP_A, 250],
      [SHOP_A, 250],
      [SHOP_A, 100],
      [SHOP_B, 1],
    ]);
  });

  it("sends only what differs, with Shopify's current quantity as compare-and-set", () => {
    const [batch] = intoBatches(desiredQuantities([row(1, '10', 5), row(2, '10', 7), row(3, '10', 1)], store));
    const plan = planPush(batch, new Map([['gid://shopify/InventoryItem/1', 4], ['gid://shopify/InventoryItem/2', 2]]));
    expect(plan.unchanged).toBe(1);
    expect(plan.changes).toEqual([{ inventoryItemId: 'gid://shopify/InventoryItem/2', locationId: SHOP_A, quantity: 6, changeFromQuantity: 2, itemId: '2' }]);
    expect(plan.notStocked.map((n) => n.itemId)).toEqual(['3']);
  });

  it('keys a batch by store, run and quantities: a retry repeats the key, new quantities or a new run do not', () => {
    const change = { inventoryItemId: 'gid://shopify/InventoryItem/2', locationId: SHOP_A, quantity: 6, changeFromQuantity: 2, itemId: '2' };
    const key = idempotencyKey('7', '2026-11-02 09:00:00', [change]);
    expect(key).toMatch(/^sb2b-inv-[0-9a-f]{16}-1$/);
    expect(idempotencyKey('7', '2026-11-02 09:00:00', [change])).toBe(key);
    expect(idempotencyKey('7', '2026-11-02 09:00:00', [{ ...change, quantity: 7 }])).not.toBe(key);
    expect(idempotencyKey('7', '2026-11-02 09:15:00', [change])).not.toBe(key);
  });

  it('drops the quantities Shopify refused as stale (a sale between read and write)', () => {
    const changes = [1, 2, 3].map((i) => ({ inventoryItemId: `gid://shopify/InventoryItem/${i}`, locationId: SHOP_A, quantity: 1, changeFromQuantity: 0, itemId: String(i) }));
    expect(quantityIndex(['input', 'quantities', '1', 'changeFromQuantity'])).toBe(1);
    expect(quantityIndex(['input', 'name'])).toBeUndefined();
    expect(withoutStale(changes, [1]).map((c) => c.itemId)).toEqual(['1', '3']);
  });
});

describe('linking items by SKU', () => {
  it('links exact matches and reports the rest without guessing', () => {
    const plan = planLinks(
      [
        { id: '1', sku: 'WIDGET-1' },
        { id: '2', sku: 'gadget-2' },
        { id: '3', sku: 'DUP-3' },
        { id: '4', sku: 'TWIN-4' },
        { id: '5', sku: 'TWIN-4' },
        { id: '6', sku: 'NOPE-6' },
        { id: '7', sku: 'LINKED-7', linkedVariantGid: 'gid://shopify/ProductVariant/70' },
      ],
      [
        { id: 'gid://shopify/ProductVariant/10', sku: 'WIDGET-1', inventoryItemGid: 'gid://shopify/InventoryItem/10' },
        { id: 'gid://shopify/ProductVariant/20', sku: 'GADGET-2', inventoryItemGid: 'gid://shopify/InventoryItem/20' },
        { id: 'gid://shopify/ProductVariant/30', sku: 'DUP-3', inventoryItemGid: 'gid://shopify/InventoryItem/30' },
        { id: 'gid://shopify/ProductVariant/31', sku: 'DUP-3', inventoryItemGid: 'gid://shopify/InventoryItem/31' },
        { id: 'gid://shopify/ProductVariant/40', sku: 'TWIN-4', inventoryItemGid: 'gid://shopify/InventoryItem/40' },
        { id: 'gid://shopify/ProductVariant/70', sku: 'LINKED-7', inventoryItemGid: 'gid://shopify/InventoryItem/70' },
      ],
    );
    expect(plan.links).toEqual([{ itemId: '1', variantGid: 'gid://shopify/ProductVariant/10', inventoryItemGid: 'gid://shopify/InventoryItem/10' }]);
    expect(plan.caseDifferent).toEqual([{ itemId: '2', sku: 'gadget-2', shopifySku: 'GADGET-2' }]);
    expect(plan.duplicateInShopify).toEqual([{ sku: 'DUP-3', variants: ['gid://shopify/ProductVariant/30', 'gid://shopify/ProductVariant/31'] }]);
    expect(plan.duplicateInNetSuite).toEqual([{ sku: 'TWIN-4', items: ['4', '5'] }]);
    expect(plan.missingInShopify).toEqual([{ itemId: '6', sku: 'NOPE-6' }]);
  });
});

describe('the drift report', () => {
  it('counts and lists the largest differences first', () => {
    const diff = (item: number, netsuite: number, shopify: number | null) => ({ itemId: String(item), inventoryItemGid: `gid://shopify/InventoryItem/${item}`, locationGid: SHOP_A, netsuite, shopify });
    const report = driftReport(1000, [diff(1, 5, 4), diff(2, 0, 40), diff(3, 10, null)], 2, 1, 0, 2);
    expect(report).toMatchObject({ compared: 1000, differed: 3, fixed: 2, skippedStale: 1 });
    expect(report.largest.map((d) => d.itemId)).toEqual(['2', '3']);
    expect(describeDrift(report)).toContain('Compared 1000 item-locations; 3 differed, 2 fixed, 1 left for the next run');
  });
});
