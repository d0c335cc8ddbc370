/**
 * Full reconciliation, through the built bundle: drift the 15-minute runs cannot see (quantities
 * changed in Shopify by hand, a location's buffer changed) is found by comparing every linked
 * item-location, fixed, and described in a drift report the admin can read.
 */
import { adjustStock, appliedChanges, inventoryErrors, inventoryWorld, reports, runChanges, runFull, shopifyAvailable, type InventoryWorld } from './support';

const SKUS = ['BOLT-40', 'BOLT-60', 'WASH-100', 'GLOVE-M', 'HAT-1'];
let world: InventoryWorld;

beforeAll(async () => {
  world = await inventoryWorld({ overflow: { 'BOLT-40': 25 } });
  runFull(world);
  await world.advance(60 * 60_000);
  adjustStock(world, 'HAT-1', 'East DC', 1); // the last NetSuite change before the drift
  await world.advance(60 * 60_000); // pushed by the schedule, then quiet
}, 60_000);
afterAll(() => world?.close());

/** Someone changes available quantities in Shopify's admin (a typo, a count nobody told NetSuite about). */
async function setInShopify(sku: string, location: string, quantity: number): Promise<void> {
  const [item] = await world.shopify.get<{ inventoryItemId: string }[]>(`/shops/${world.shop}/inventory?sku=${sku}`);
  const res = await world.shopify.graphql<{ inventorySetQuantities: { userErrors: unknown[] } }>(
    'mutation Edit($input: InventorySetQuantitiesInput!, $key: String!) { inventorySetQuantities(input: $input) @idempotent(key: $key) { userErrors { message } } }',
    { input: { name: 'available', reason: 'correction', quantities: [{ inventoryItemId: item.inventoryItemId, locationId: world.shopifyLocation[location], quantity, changeFromQuantity: null }] }, key: `admin-${sku}-${location}-${quantity}` },
  );
  expect(res.data?.inventorySetQuantities.userErrors).toEqual([]);
}

it('finds drift the 15-minute runs cannot see, fixes it, and leaves a report naming the largest differences', async () => {
  await setInShopify('BOLT-40', 'East DC', 500);
  await setInShopify('WASH-100', 'West DC', 0);
  const westMapping = world.netsuite.query(`SELECT id FROM customrecord_sb2b_location_map WHERE custrecord_sb2b_lm_ns_location = ?`, [world.netsuiteLocation['West DC']])[0].id as number;
  world.netsuite.ui.edit('customrecord_sb2b_location_map', westMapping, { custrecord_sb2b_lm_safety_buffer: 3 });

  const pushed = (await appliedChanges(world)).length;
  runChanges(world); // nothing changed in NetSuite's stock: the delta has nothing to push
  expect((await appliedChanges(world)).length).toBe(pushed);

  runFull(world);
  expect(inventoryErrors(world)).toEqual([]);
  expect(await shopifyAvailable(world, SKUS)).toEqual({
    'BOLT-40@East DC': 125,
    'BOLT-40@West DC': 47,
    'BOLT-60@East DC': 80,
    'WASH-100@East DC': 200,
    'WASH-100@West DC': 17,
    'GLOVE-M@East DC': 30,
    'GLOVE-M@West DC': 27,
    'HAT-1@East DC': 11,
  });
  const report = reports(world, 'Inventory drift').pop()!;
  expect(report).toMatchObject({ compared: 10, differed: 4, fixed: 4 });
  expect(report.details.split('\n').slice(0, 8)).toEqual([
    'Compared 10 item-locations; 4 differed in Shopify, 4 fixed, 0 left as Shopify has them (sold in Shopify during the run; pushed again once the order reaches NetSuite), 2 not stocked at their Shopify location.',
    '',
    'Largest differences (what Shopify showed → what NetSuite says it should show):',
    `- BOLT-40 (item ${world.items['BOLT-40']}) at East DC + East Overflow (${world.shopifyLocation['East DC']}): Shopify 500 → 125 (-375)`,
    `- WASH-100 (item ${world.items['WASH-100']}) at West DC (${world.shopifyLocation['West DC']}): Shopify 0 → 17 (+17)`,
    `- BOLT-40 (item ${world.items['BOLT-40']}) at West DC (${world.shopifyLocation['West DC']}): Shopify 50 → 47 (-3)`,
    `- GLOVE-M (item ${world.items['GLOVE-M']}) at West DC (${world.shopifyLocation['West DC']}): Shopify 30 → 27 (-3)`,
    '',
  ]);
  expect(report.details).toMatch(/Shopify's inventory history shows these changes with reference gid:\/\/netsuite-tstdrv1234567\/InventorySync\/full-\d+-\d+-[0-9a-z]+\.$/);
  const history = await world.shopify.get<{ referenceDocumentUri: string; reason: string }[]>(`/shops/${world.shop}/inventory/adjustments?sku=BOLT-40`);
  expect(history.pop()).toMatchObject({ reason: 'correction', referenceDocumentUri: expect.stringMatching(/^gid:\/\/netsuite-tstdrv1234567\/InventorySync\/full-/) });
});

it('a reconciliation with nothing out of line says so and writes nothing', async () => {
  const pushed = (await appliedChanges(world)).length;
  runFull(world);
  expect((await appliedChanges(world)).length).toBe(pushed);
  expect(reports(world, 'Inventory drift').pop()).toMatchObject({
    compared: 10,
    differed: 0,
    fixed: 0,
    summary: 'Compared 10 item-locations; 0 differed in Shopify, 0 fixed, 0 left as Shopify has them (sold in Shopify during the run; pushed again once the order reaches NetSuite), 2 not stocked at their Shopify location.',
  });
});

it('runs by itself every day at 07:00 UTC (the full deployment), so drift lasts a day at most', async () => {
  await setInShopify('BOLT-60', 'East DC', 99);
  const reportsBefore = reports(world, 'Inventory drift').length;
  const sevenTomorrow = Date.parse(new Date(world.clock.now() + 24 * 60 * 60_000).toISOString().slice(0, 10) + 'T07:00:00Z');
  await world.advance(sevenTomorrow - 60_000 - world.clock.now()); // the 15-minute runs see no NetSuite change
  expect(await shopifyAvailable(world, ['BOLT-60'])).toEqual({ 'BOLT-60@East DC': 99 });
  await world.advance(5 * 60_000);
  expect(await shopifyAvailable(world, ['BOLT-60'])).toEqual({ 'BOLT-60@East DC': 80 });
  const daily = reports(world, 'Inventory drift').slice(reportsBefore);
  expect(daily).toHaveLength(1);
  expect(daily[0]).toMatchObject({ differed: 1, fixed: 1 });
  expect(inventoryErrors(world)).toEqual([]);
});
