/**
 * Compare-and-set, through the built bundle: a buyer checks out in Shopify between the run's read
 * and its write. Overwriting Shopify then would undo that sale (NetSuite does not know it yet) and
 * oversell, so the item is left as Shopify has it, the rest of the batch goes through, and the item
 * is pushed again once the order has reached NetSuite and committed its stock there.
 */
import { adjustStock, appliedChanges, inventoryErrors, inventoryWorld, netsuiteStock, runChanges, runFull, shopifyAvailable, type InventoryWorld } from './support';

let world: InventoryWorld;

beforeAll(async () => {
  world = await inventoryWorld();
  runFull(world);
  await world.advance(20 * 60_000);
}, 60_000);
afterAll(() => world?.close());

it('leaves an item sold between read and write as Shopify has it, pushes the rest, and pushes it once the order reaches NetSuite', async () => {
  adjustStock(world, 'HAT-1', 'East DC', 5); // a delivery counted in: NetSuite 15 available
  adjustStock(world, 'BOLT-60', 'East DC', -10); // NetSuite 70 available
  expect(await shopifyAvailable(world, ['HAT-1', 'BOLT-60'])).toEqual({ 'HAT-1@East DC': 10, 'BOLT-60@East DC': 80 });
  // Right after the run reads Shopify's quantities, a buyer orders 3 hard hats.
  await world.shopify.post('/faults', {
    target: 'admin',
    match: { operationName: 'SetInventory' },
    sequence: ['buyerOrder'],
    order: { company: 'NS-CUST-1', poNumber: 'PO-RACE', lines: [{ sku: 'HAT-1', quantity: 3 }] },
  });
  const before = (await appliedChanges(world)).length;
  const run = runChanges(world);
  expect(run.status).toBe('COMPLETE');
  expect(inventoryErrors(world)).toEqual([]);
  // Not 15: that would offer the 3 hats just sold a second time. Shopify keeps its own 10 − 3.
  expect(await shopifyAvailable(world, ['HAT-1', 'BOLT-60'])).toEqual({ 'HAT-1@East DC': 7, 'BOLT-60@East DC': 70 });
  expect((await appliedChanges(world)).slice(before)).toEqual(['BOLT-60@East DC: 80→70']);
  const audit = world.netsuite.logs.filter((l) => l.scriptId === 'customscript_sb2b_mr_inventory' && l.title.startsWith('inventory: store')).pop()!;
  expect(audit.details).toMatch(/2 differed in Shopify, 1 fixed, 1 left as Shopify has them \(sold in Shopify during the run/);

  // The order reaches NetSuite (webhook → sales order, approved: it commits 3 at East DC) …
  await world.settle();
  expect(world.netsuite.query(`SELECT otherrefnum FROM transaction WHERE type = 'SalesOrd'`)).toEqual([{ otherrefnum: 'PO-RACE' }]);
  expect(netsuiteStock(world, 'HAT-1', 'East DC')).toEqual({ onHand: 15, committed: 3, available: 12 });
  // … its commitment moves availability, and the next scheduled run pushes the item again.
  await world.advance(15 * 60_000);
  expect((await appliedChanges(world)).slice(before + 1)).toEqual(['HAT-1@East DC: 7→12']);
  expect(await shopifyAvailable(world, ['HAT-1'])).toEqual({ 'HAT-1@East DC': 12 });
});
