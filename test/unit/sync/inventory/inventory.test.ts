import { describeDrift, emptyTally, mergeTallies, withDifferences } from '../../../../src/sync/inventory/drift';
import { describeLinkProblems, planLinks } from '../../../../src/sync/inventory/linking';
import {
  desiredQuantity,
  idempotencyKey,
  intoBatches,
  intoChunks,
  levelKey,
  planPush,
  quantityIndex,
  readRequests,
  safetyBuffer,
  withoutStale,
  type AvailableRow,
  type DesiredQuantity,
} from '../../../../src/sync/inventory/quantities';

const SHOP_A = 'gid://shopify/Location/1';
const SHOP_B = 'gid://shopify/Location/2';
const inv = (n: number) => `gid://shopify/InventoryItem/${n}`;
const row = (item: number, available: number, buffers: { item?: number | null; location?: number } = {}, location = SHOP_A): AvailableRow => ({
  itemId: String(item),
  inventoryItemGid: inv(item),
  locationGid: location,
  available,
  itemBuffer: buffers.item ?? null,
  locationBuffer: buffers.location ?? 0,
});
const want = (item: number, quantity: number, location = SHOP_A): DesiredQuantity => ({ itemId: String(item), inventoryItemGid: inv(item), locationGid: location, quantity });

describe('the quantity Shopify should show', () => {
  it('is available minus the buffer: the item’s own, else the location’s if above zero, else the store’s', () => {
    expect(safetyBuffer({ itemBuffer: 2, locationBuffer: 5 }, 1)).toBe(2);
    expect(safetyBuffer({ itemBuffer: 0, locationBuffer: 5 }, 1)).toBe(0); // an item may say "no buffer"
    expect(safetyBuffer({ itemBuffer: null, locationBuffer: 5 }, 1)).toBe(5);
    expect(safetyBuffer({ itemBuffer: null, locationBuffer: 0 }, 1)).toBe(1);
    expect(desiredQuantity(row(1, 10, { location: 3 }), 1).quantity).toBe(7);
  });

  it('is whole units, never below zero (a negative sum or a buffer larger than the stock give 0)', () => {
    expect(desiredQuantity(row(1, 4.7), 0).quantity).toBe(4);
    expect(desiredQuantity(row(1, 3, { item: 5 }), 0).quantity).toBe(0);
    expect(desiredQuantity(row(1, -6), 0).quantity).toBe(0);
  });
});

describe('chunks and batches', () => {
  it('compares in chunks of up to 5,000 item-locations, sorted by location then item', () => {
    const desired = [...Array.from({ length: 5001 }, (_, i) => want(i + 1, 5, SHOP_B)), ...Array.from({ length: 10 }, (_, i) => want(i + 1, 5, SHOP_A))];
    const chunks = intoChunks(desired);
    expect(chunks.map((c) => c.quantities.length)).toEqual([5000, 11]);
    expect(chunks[0].quantities.slice(0, 10).every((q) => q.locationGid === SHOP_A)).toBe(true);
    expect(new Set(chunks[1].quantities.map((d) => d.locationGid))).toEqual(new Set([SHOP_B]));
  });

  it('writes what differs in batches of exactly 250 across locations: ceil(changes / 250) writes', () => {
    const changes = Array.from({ length: 1001 }, (_, i) => i);
    expect(intoBatches(changes).map((b) => b.length)).toEqual([250, 250, 250, 250, 1]);
    expect(intoBatches([])).toEqual([]);
  });

  it('reads a chunk in lists of up to 250 items at one location, four lists to a request', () => {
    const [chunk] = intoChunks([...Array.from({ length: 600 }, (_, i) => want(i + 1, 1, SHOP_A)), ...Array.from({ length: 650 }, (_, i) => want(i + 1, 1, SHOP_B))]);
    const requests = readRequests(chunk);
    expect(requests.map((r) => r.map((g) => [g.locationGid, g.inventoryItemGids.length]))).toEqual([
      [
        [SHOP_A, 250],
        [SHOP_A, 250],
        [SHOP_A, 100],
        [SHOP_B, 250],
      ],
      [
        [SHOP_B, 250],
        [SHOP_B, 150],
      ],
    ]);
  });

  it("sends only what differs, with Shopify's current quantity as compare-and-set; items not stocked there are left out", () => {
    const current = new Map([
      [levelKey(inv(1), SHOP_A), 5],
      [levelKey(inv(2), SHOP_A), 2],
    ]);
    const plan = planPush([want(1, 5), want(2, 6), want(3, 1)], current);
    expect(plan.unchanged).toBe(1);
    expect(plan.changes).toEqual([{ inventoryItemId: inv(2), locationId: SHOP_A, quantity: 6, changeFromQuantity: 2, itemId: '2' }]);
    expect(plan.notStocked.map((n) => n.itemId)).toEqual(['3']);
  });

  it('keys a batch by store, run and quantities: a retry repeats the key; other quantities, another base or another run do not', () => {
    const change = { inventoryItemId: inv(2), locationId: SHOP_A, quantity: 6, changeFromQuantity: 2, itemId: '2' };
    const key = idempotencyKey('7', 'delta-7-1', [change]);
    expect(key).toMatch(/^sb2b-inv-[0-9a-f]{16}-1$/);
    expect(idempotencyKey('7', 'delta-7-1', [{ ...change }])).toBe(key);
    expect(idempotencyKey('7', 'delta-7-1', [{ ...change, quantity: 7 }])).not.toBe(key);
    expect(idempotencyKey('7', 'delta-7-1', [{ ...change, changeFromQuantity: 1 }])).not.toBe(key);
    expect(idempotencyKey('7', 'delta-7-2', [change])).not.toBe(key);
  });

  it('drops the quantities Shopify refused as stale (a sale between read and write)', () => {
    const changes = [1, 2, 3].map((i) => ({ inventoryItemId: inv(i), locationId: SHOP_A, quantity: 1, changeFromQuantity: 0, itemId: String(i) }));
    expect(quantityIndex(['input', 'quantities', '1', 'changeFromQuantity'])).toBe(1);
    expect(quantityIndex(['input', 'name'])).toBeUndefined();
    expect(withoutStale(changes, [1]).map((c) => c.itemId)).toEqual(['1', '3']);
  });
});

describe('linking items by SKU', () => {
  const variant = (n: number, sku: string | null) => ({ id: `gid://shopify/ProductVariant/${n}`, sku, inventoryItemGid: inv(n) });
  const item = (id: number, sku: string, variantGid?: string) => ({ id: String(id), sku, itemType: 'InvtPart', variantGid });

  it('links exact matches and reports the rest without guessing', () => {
    const plan = planLinks(
      [item(1, 'WIDGET-1'), item(2, 'gadget-2'), item(3, 'DUP-3'), item(4, 'TWIN-4'), item(5, 'TWIN-4'), item(6, 'NOPE-6'), item(7, 'SPACE-7'), item(8, 'TAKEN-8'), item(9, 'HALF-9', 'gid://shopify/ProductVariant/90')],
      [
        variant(10, 'WIDGET-1'),
        variant(20, 'GADGET-2'),
        variant(30, 'DUP-3'),
        variant(31, 'DUP-3'),
        variant(40, 'TWIN-4'),
        variant(70, 'SPACE-7 '),
        variant(80, 'TAKEN-8'),
        variant(90, 'HALF-9'),
        variant(99, null),
      ],
      new Map([[inv(80), '800']]),
    );
    expect(plan.links).toEqual([
      { itemId: '1', itemType: 'InvtPart', sku: 'WIDGET-1', variantGid: 'gid://shopify/ProductVariant/10', inventoryItemGid: inv(10) },
      { itemId: '9', itemType: 'InvtPart', sku: 'HALF-9', variantGid: 'gid://shopify/ProductVariant/90', inventoryItemGid: inv(90) },
    ]);
    expect(plan.nearMatch).toEqual([
      { itemId: '2', sku: 'gadget-2', shopifySku: 'GADGET-2' },
      { itemId: '7', sku: 'SPACE-7', shopifySku: 'SPACE-7 ' },
    ]);
    expect(plan.duplicateInShopify).toEqual([{ sku: 'DUP-3', itemId: '3', variants: ['gid://shopify/ProductVariant/30', 'gid://shopify/ProductVariant/31'] }]);
    expect(plan.duplicateInNetSuite).toEqual([{ sku: 'TWIN-4', items: ['4', '5'] }]);
    expect(plan.missingInShopify).toEqual([{ itemId: '6', sku: 'NOPE-6' }]);
    expect(plan.alreadyLinked).toEqual([{ itemId: '8', sku: 'TAKEN-8', variantGid: 'gid://shopify/ProductVariant/80', linkedItemId: '800' }]);
    expect(describeLinkProblems(plan)).toContain('Item 7 is "SPACE-7" in NetSuite but "SPACE-7 " in Shopify: SKUs must match exactly (case and spaces included); correct one of them.');
  });

  it('caps each kind of problem in the report and says how many more there are', () => {
    const plan = planLinks(
      Array.from({ length: 5 }, (_, i) => item(i + 1, `MISSING-${i}`)),
      [],
    );
    expect(describeLinkProblems(plan, 2)).toEqual(['Item 1 ("MISSING-0") has no Shopify variant with that SKU.', 'Item 2 ("MISSING-1") has no Shopify variant with that SKU.', '… and 3 more items with no Shopify variant.']);
  });
});

describe('the drift report', () => {
  const diff = (item: number, netsuite: number, shopify: number) => ({ itemId: String(item), inventoryItemGid: inv(item), locationGid: SHOP_A, netsuite, shopify });

  it('sums chunks and keeps only the largest differences, biggest first', () => {
    const a = { ...withDifferences(emptyTally(), [diff(1, 5, 4), diff(2, 0, 40)], 2), compared: 500, fixed: 2 };
    const b = { ...withDifferences(emptyTally(), [diff(3, 10, 0)], 2), compared: 500, skippedStale: 1, notStocked: 3 };
    const total = mergeTallies([a, b], 2);
    expect(total).toMatchObject({ compared: 1000, differed: 3, fixed: 2, skippedStale: 1, notStocked: 3 });
    expect(total.largest.map((d) => d.itemId)).toEqual(['2', '3']);
  });

  it('reads as a report: counts, the largest differences by name, what was left and why, the reference in Shopify', () => {
    const tally = { ...withDifferences(emptyTally(), [diff(2, 0, 40)]), compared: 10, fixed: 1, skippedStale: 1 };
    expect(describeDrift(tally, { items: { '2': 'HB-M8-40' }, locations: { [SHOP_A]: 'Columbus DC' } }, 'gid://netsuite-x/InventorySync/full-1')).toBe(
      [
        'Compared 10 item-locations; 1 differed in Shopify, 1 fixed, 1 left as Shopify has them (sold in Shopify during the run; pushed again once the order reaches NetSuite), 0 not stocked at their Shopify location.',
        '',
        'Largest differences (what Shopify showed → what NetSuite says it should show):',
        `- HB-M8-40 (item 2) at Columbus DC (${SHOP_A}): Shopify 40 → 0 (-40)`,
        '',
        'Items sold in Shopify while this run compared them were left alone: overwriting them would sell units NetSuite has not yet seen sold.',
        '',
        "Shopify's inventory history shows these changes with reference gid://netsuite-x/InventorySync/full-1.",
      ].join('\n'),
    );
  });
});
