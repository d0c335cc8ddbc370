/**
 * Inventory sync through the built bundle: the first full run links items by SKU and pushes
 * NetSuite's available stock (East DC and East Overflow summed into Shopify's East DC); then the
 * 15-minute schedule pushes only what real NetSuite activity changed since the store's cursor.
 */
import {
  adjustStock,
  appliedChanges,
  callsByOperation,
  inventoryErrors,
  inventoryWorld,
  netsuiteStock,
  reports,
  resetCalls,
  runChanges,
  runFull,
  salesOrder,
  shopifyAvailable,
  storeCursor,
  type InventoryWorld,
} from './support';

const SKUS = ['BOLT-40', 'BOLT-60', 'WASH-100', 'GLOVE-M', 'HAT-1'];
let world: InventoryWorld;
let pushedBefore: string[] = [];
let gloveOrder: number;

beforeAll(async () => {
  world = await inventoryWorld({ overflow: { 'BOLT-40': 25 } });
}, 60_000);
afterAll(() => world?.close());

/** Inventory sync's Admin API calls since the last reset (other syncs run on the schedule too). */
async function inventoryCalls() {
  const calls = await callsByOperation(world);
  return { reads: calls.InventoryLevels ?? 0, writes: calls.SetInventory ?? 0 };
}

async function newChanges(): Promise<string[]> {
  const all = await appliedChanges(world);
  const fresh = all.slice(pushedBefore.length);
  pushedBefore = all;
  return fresh;
}

it('the first full run links every item by SKU and pushes NetSuite available, East DC and East Overflow summed', async () => {
  const run = runFull(world);
  expect(run.status).toBe('COMPLETE');
  expect(inventoryErrors(world)).toEqual([]);
  expect(await shopifyAvailable(world, SKUS)).toEqual({
    'BOLT-40@East DC': 125, // 100 at East DC + 25 at East Overflow
    'BOLT-40@West DC': 50,
    'BOLT-60@East DC': 80,
    'WASH-100@East DC': 200,
    'WASH-100@West DC': 20,
    'GLOVE-M@East DC': 30,
    'GLOVE-M@West DC': 30,
    'HAT-1@East DC': 10,
  });
  expect(await newChanges()).toEqual(['BOLT-40@East DC: 100→125']);
  expect(reports(world, 'SKU linking')[0].summary).toMatch(/^5 items were not linked to Shopify: 5 linked by SKU; 0 SKU problem/);
  const bolt = world.netsuite.records.get('inventoryitem', world.items['BOLT-40'])!.fields;
  expect(bolt.custitem_sb2b_inventory_item_gid).toMatch(/^gid:\/\/shopify\/InventoryItem\/\d+$/);
  expect(bolt.custitem_sb2b_variant_gid).toMatch(/^gid:\/\/shopify\/ProductVariant\/\d+$/);
});

it('every 15 minutes pushes only the item-locations whose availability changed: available, never on hand', async () => {
  await world.advance(20 * 60_000); // past the overlap: the first run's changes are old news
  adjustStock(world, 'BOLT-60', 'East DC', -5); // a count correction
  gloveOrder = salesOrder(world, 'West DC', { 'GLOVE-M': 4 }); // an approved order commits 4
  expect(netsuiteStock(world, 'GLOVE-M', 'West DC')).toEqual({ onHand: 30, committed: 4, available: 26 });
  await resetCalls(world);
  await world.advance(15 * 60_000); // the schedule runs
  expect(await newChanges()).toEqual(['BOLT-60@East DC: 80→75', 'GLOVE-M@West DC: 30→26']);
  expect(await inventoryCalls()).toEqual({ reads: 1, writes: 1 });
  expect(inventoryErrors(world)).toEqual([]);
});

it('fulfilling committed stock and entering an order pending approval change no availability, so nothing is written', async () => {
  world.netsuite.ui.transform('salesorder', gloveOrder, 'itemfulfillment');
  expect(netsuiteStock(world, 'GLOVE-M', 'West DC')).toEqual({ onHand: 26, committed: 0, available: 26 });
  salesOrder(world, 'East DC', { 'HAT-1': 3 }, 'A'); // pending approval: nothing committed yet
  await resetCalls(world);
  await world.advance(15 * 60_000);
  expect(await newChanges()).toEqual([]);
  expect((await inventoryCalls()).writes).toBe(0);
});

it('a return received back into stock (an item receipt) raises available, and it is pushed', async () => {
  const rma = world.netsuite.ui.transform('salesorder', gloveOrder, 'returnauthorization', { orderstatus: 'B' }, { item: [{ line: 0, quantity: 2 }] });
  world.netsuite.ui.transform('returnauthorization', rma, 'itemreceipt');
  await world.advance(15 * 60_000);
  expect(await newChanges()).toEqual(['GLOVE-M@West DC: 26→28']);
});

it('the cursor keeps the newest change pushed; what changed within the overlap before it is compared again, never written twice', async () => {
  const newest = world.netsuite.query(`SELECT TO_CHAR(MAX(lastquantityavailablechange), 'YYYY-MM-DD HH24:MI:SS') AS t FROM inventoryitemlocations`)[0].t;
  expect(storeCursor(world)).toBe(newest);
  for (const wait of [0, 30 * 60_000]) {
    await world.advance(wait);
    await resetCalls(world);
    runChanges(world); // the receipt's item is within the 10-minute overlap before the cursor: one read, no write
    expect(await inventoryCalls()).toEqual({ reads: 1, writes: 0 });
  }
  expect(await newChanges()).toEqual([]);
  adjustStock(world, 'HAT-1', 'East DC', 2);
  await world.advance(20 * 60_000);
  await resetCalls(world);
  runChanges(world); // the schedule pushed the new change and moved the cursor on; on demand it is compared again, not written
  expect(await inventoryCalls()).toEqual({ reads: 1, writes: 0 });
  expect(await newChanges()).toEqual(['HAT-1@East DC: 10→12']);
});

it('with Inventory sync off on the store, no run reads or writes Shopify; switched on again, the next run pushes what changed meanwhile', async () => {
  world.netsuite.ui.edit('customrecord_sb2b_store', world.storeId, { custrecord_sb2b_sync_inventory: false });
  await world.advance(20 * 60_000);
  adjustStock(world, 'WASH-100', 'West DC', -6);
  await resetCalls(world);
  await world.advance(15 * 60_000); // the schedule runs, and leaves the store alone
  runFull(world);
  const calls = await callsByOperation(world); // other syncs' schedules may call Shopify; inventory's operations are not called
  expect([calls.VariantsPage, calls.InventoryLevels, calls.SetInventory]).toEqual([undefined, undefined, undefined]);
  expect(await newChanges()).toEqual([]);
  world.netsuite.ui.edit('customrecord_sb2b_store', world.storeId, { custrecord_sb2b_sync_inventory: true });
  runChanges(world);
  expect(await newChanges()).toEqual(['WASH-100@West DC: 20→14']);
  expect(inventoryErrors(world)).toEqual([]);
});
