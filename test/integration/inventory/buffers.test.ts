/**
 * What Shopify is told, through the built bundle: NetSuite available at the mapped locations
 * (several summed into one Shopify location), minus the safety buffer that applies (the item's,
 * else the location mapping's, else the store's), never below zero.
 */
import { adjustStock, appliedChanges, inventoryErrors, inventoryWorld, runChanges, runFull, salesOrder, shopifyAvailable, type InventoryWorld } from './support';

const SKUS = ['BOLT-40', 'BOLT-60', 'WASH-100', 'GLOVE-M', 'HAT-1'];
let world: InventoryWorld;

beforeAll(async () => {
  // The store holds back 2 of everything by default.
  world = await inventoryWorld({ overflow: { 'BOLT-40': 25, 'WASH-100': 7 }, store: { custrecord_sb2b_safety_buffer: 2 } });
  // West DC's mapping holds back 5 instead; HAT-1 holds back 4 of its own, GLOVE-M none at all.
  const westMapping = world.netsuite.query(`SELECT id FROM customrecord_sb2b_location_map WHERE custrecord_sb2b_lm_ns_location = ?`, [world.netsuiteLocation['West DC']])[0].id as number;
  world.netsuite.ui.edit('customrecord_sb2b_location_map', westMapping, { custrecord_sb2b_lm_safety_buffer: 5 });
  world.netsuite.ui.edit('inventoryitem', world.items['HAT-1'], { custitem_sb2b_safety_buffer: 4 });
  world.netsuite.ui.edit('inventoryitem', world.items['GLOVE-M'], { custitem_sb2b_safety_buffer: 0 });
}, 60_000);
afterAll(() => world?.close());

it('pushes available summed over the mapped NetSuite locations, minus the buffer that applies', async () => {
  runFull(world);
  expect(inventoryErrors(world)).toEqual([]);
  expect(await shopifyAvailable(world, SKUS)).toEqual({
    'BOLT-40@East DC': 123, // (100 + 25 East Overflow) − 2 store
    'BOLT-40@West DC': 45, // 50 − 5 West DC mapping
    'BOLT-60@East DC': 78, // 80 − 2 store
    'WASH-100@East DC': 205, // (200 + 7) − 2 store
    'WASH-100@West DC': 15, // 20 − 5 West DC mapping
    'GLOVE-M@East DC': 30, // the item holds back none
    'GLOVE-M@West DC': 30, // the item's own 0 beats the location's 5
    'HAT-1@East DC': 6, // 10 − 4 of its own
  });
});

it('never pushes below zero: stock under the buffer shows 0, and so does stock all committed', async () => {
  await world.advance(20 * 60_000);
  adjustStock(world, 'WASH-100', 'West DC', -17); // 3 left, under West DC's 5
  salesOrder(world, 'East DC', { 'HAT-1': 12 }); // commits all 10 (2 backordered): nothing available
  await world.advance(15 * 60_000);
  expect(await shopifyAvailable(world, ['WASH-100', 'HAT-1'])).toMatchObject({ 'WASH-100@West DC': 0, 'HAT-1@East DC': 0 });
  expect(world.netsuite.inventory.level(world.items['HAT-1'], world.netsuiteLocation['East DC'])).toMatchObject({ onHand: 10, committed: 10, backordered: 2 });
});

it('a location with nothing left still counts in the sum of its Shopify location', async () => {
  await world.advance(20 * 60_000);
  adjustStock(world, 'BOLT-40', 'East DC', -100); // East DC empty, East Overflow still has 25
  await world.advance(15 * 60_000);
  expect((await shopifyAvailable(world, ['BOLT-40']))['BOLT-40@East DC']).toBe(23);
});

it('an item whose own buffer changes is pushed by the next run (the item was edited), without any stock moving', async () => {
  await world.advance(20 * 60_000);
  const before = (await appliedChanges(world)).length;
  world.netsuite.ui.edit('inventoryitem', world.items['BOLT-60'], { custitem_sb2b_safety_buffer: 10 });
  runChanges(world);
  expect((await appliedChanges(world)).slice(before)).toEqual(['BOLT-60@East DC: 78→70']);
});
