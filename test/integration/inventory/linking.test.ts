/**
 * Linking by SKU, through the built bundle: items not linked yet are linked to the one Shopify
 * variant with exactly their SKU, and pushed in the same run; every SKU problem is reported for a
 * person to sort out, and nothing is guessed.
 */
import { appliedChanges, inventoryErrors, inventoryWorld, reports, runFull, shopifyAvailable, type InventoryWorld } from './support';

let world: InventoryWorld;
const linkOf = (item: number) => {
  const f = world.netsuite.records.get('inventoryitem', item)!.fields;
  return { variant: f.custitem_sb2b_variant_gid ?? null, inventoryItem: f.custitem_sb2b_inventory_item_gid ?? null };
};

beforeAll(async () => {
  world = await inventoryWorld();
  // Shopify gets SKUs NetSuite does not mirror: one on two variants, two that differ from NetSuite's
  // only in case or a trailing space, one NetSuite has twice, one an older item is already linked to.
  await world.shopify.post(`/shops/${world.shop}/seed`, {
    products: [
      { title: 'Duplicate A', variants: [{ sku: 'DUP-1', price: '1.00', stock: { 'East DC': 5 } }] },
      { title: 'Duplicate B', variants: [{ sku: 'DUP-1', price: '1.00', stock: { 'East DC': 6 } }] },
      { title: 'Large gloves', variants: [{ sku: 'Glove-L', price: '1.00', stock: { 'East DC': 7 } }] },
      { title: 'Hard hat 2', variants: [{ sku: 'HAT-2 ', price: '1.00', stock: { 'East DC': 8 } }] },
      { title: 'Twin', variants: [{ sku: 'TWIN-1', price: '1.00', stock: { 'East DC': 9 } }] },
      { title: 'Renamed', variants: [{ sku: 'RENAMED-1', price: '1.00', stock: { 'East DC': 10 } }] },
    ],
  });
  const east = world.netsuiteLocation['East DC'];
  for (const sku of ['DUP-1', 'GLOVE-L', 'HAT-2', 'ONLY-NS', 'TWIN-1', 'TWIN-1', 'LEGACY-1', 'RENAMED-1']) {
    const id = world.netsuite.records.seed('inventoryitem', { itemid: sku, subsidiary: 1 });
    world.netsuite.inventory.setOnHand(id, east, 40);
    world.items[sku === 'TWIN-1' && world.items[sku] ? 'TWIN-1 (second)' : sku] = id;
  }
  // LEGACY-1 was linked by hand to the variant that is now called RENAMED-1.
  const [renamed] = await world.shopify.get<{ variantId: string; inventoryItemId: string }[]>(`/shops/${world.shop}/inventory?sku=RENAMED-1`);
  world.netsuite.ui.edit('inventoryitem', world.items['LEGACY-1'], { custitem_sb2b_variant_gid: renamed.variantId, custitem_sb2b_inventory_item_gid: renamed.inventoryItemId });
}, 60_000);
afterAll(() => world?.close());

it('links exact SKUs only, pushes them in the same run, and reports every SKU problem without guessing', async () => {
  runFull(world);
  expect(inventoryErrors(world)).toEqual([]);
  for (const sku of ['BOLT-40', 'BOLT-60', 'WASH-100', 'GLOVE-M', 'HAT-1']) expect(linkOf(world.items[sku]).inventoryItem).toMatch(/^gid:\/\/shopify\/InventoryItem\//);
  for (const sku of ['DUP-1', 'GLOVE-L', 'HAT-2', 'ONLY-NS', 'TWIN-1', 'TWIN-1 (second)', 'RENAMED-1']) expect(linkOf(world.items[sku])).toEqual({ variant: null, inventoryItem: null });

  // Nothing unlinked was pushed; the hand-made link was.
  expect(await shopifyAvailable(world, ['DUP-1', 'Glove-L', 'HAT-2 ', 'TWIN-1', 'RENAMED-1'])).toEqual({
    'DUP-1@East DC': 6, // (the SKU lookup finds one of the two)
    'Glove-L@East DC': 7,
    'HAT-2 @East DC': 8,
    'TWIN-1@East DC': 9,
    'RENAMED-1@East DC': 40, // LEGACY-1's stock, through the link someone set
  });

  const [report] = reports(world, 'SKU linking');
  expect(report.summary).toBe(
    '12 items were not linked to Shopify: 5 linked by SKU; 6 SKU problem(s) left for a person: 1 on several Shopify variants, 1 on several NetSuite items, 2 differing only in case or spaces, 1 whose variant another item has, 1 not in Shopify.',
  );
  const lines = report.details.split('\n');
  const id = (sku: string) => world.items[sku];
  expect(lines).toEqual(
    expect.arrayContaining([
      expect.stringMatching(new RegExp(`^SKU "DUP-1" \\(item ${id('DUP-1')}\\) is on 2 Shopify variants \\(gid://shopify/ProductVariant/\\d+, gid://shopify/ProductVariant/\\d+\\): give each variant its own SKU, or link the item by hand\\.$`)),
      `SKU "TWIN-1" is the name of 2 NetSuite items (${id('TWIN-1')}, ${id('TWIN-1 (second)')}): only one item may carry a SKU.`,
      `Item ${id('GLOVE-L')} is "GLOVE-L" in NetSuite but "Glove-L" in Shopify: SKUs must match exactly (case and spaces included); correct one of them.`,
      `Item ${id('HAT-2')} is "HAT-2" in NetSuite but "HAT-2 " in Shopify: SKUs must match exactly (case and spaces included); correct one of them.`,
      expect.stringMatching(new RegExp(`^Item ${id('RENAMED-1')} \\("RENAMED-1"\\) matches Shopify variant gid://shopify/ProductVariant/\\d+, which item ${id('LEGACY-1')} is already linked to: one variant takes its stock from one item\\.$`)),
      `Item ${id('ONLY-NS')} ("ONLY-NS") has no Shopify variant with that SKU.`,
    ]),
  );
  expect(report).toMatchObject({ compared: 12, differed: 6, fixed: 5 });
});

it('once a person corrects a SKU, the next full run links the item and pushes its stock', async () => {
  await world.advance(60 * 60_000);
  world.netsuite.ui.edit('inventoryitem', world.items['GLOVE-L'], { itemid: 'Glove-L' });
  const before = (await appliedChanges(world)).length;
  runFull(world);
  expect(linkOf(world.items['GLOVE-L']).inventoryItem).toMatch(/^gid:\/\/shopify\/InventoryItem\//);
  expect((await appliedChanges(world)).slice(before)).toEqual(['Glove-L@East DC: 7→40']);
  expect(reports(world, 'SKU linking')[1].summary).toMatch(/^7 items were not linked to Shopify: 1 linked by SKU; 5 SKU problem/);
});
