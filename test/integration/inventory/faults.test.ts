/**
 * Failures in the middle of a run, through the built bundle, on 1,100 SKUs (one chunk, read in two
 * requests and written in five batches): Shopify throttling, 5xx answers after the change was made,
 * Shopify down for good, and a map/reduce restart. Each time the run (or the next one) finishes the
 * job and every quantity is applied once: Shopify's adjustment history shows one change per SKU.
 */
import type { ShopSeed } from '../../../sandbox/shopify/seed';
import { adjustments, callsByOperation, inventoryErrors, inventoryWorld, netsuiteStock, resetCalls, runChanges, runFull, SHOP, stockShop, storeCursor, type InventoryWorld } from './support';

const COUNT = 1100;
const SKUS = Array.from({ length: COUNT }, (_, i) => `P-${String(i + 1).padStart(4, '0')}`);

function manySkus(): ShopSeed {
  return stockShop({ products: SKUS.map((sku) => ({ title: `Part ${sku}`, variants: [{ sku, price: '1.00', stock: { 'East DC': 10, 'West DC': 10 } }] })) });
}

let world: InventoryWorld;

beforeAll(async () => {
  world = await inventoryWorld({ shop: manySkus(), webhooks: false });
  runFull(world);
  expect(inventoryErrors(world)).toEqual([]);
}, 120_000);
afterAll(() => world?.close());

/** Every SKU's East DC stock moves by `by` in one inventory adjustment, as a stock count would. */
async function countEverything(by: number): Promise<void> {
  await world.advance(20 * 60_000);
  const east = world.netsuiteLocation['East DC'];
  world.netsuite.ui.create('inventoryadjustment', { account: '1', adjlocation: east }, { inventory: SKUS.map((sku) => ({ item: world.items[sku], location: east, adjustqtyby: by })) });
}

/** How many times each SKU's available quantity was changed at East DC since `since` groups. */
async function timesApplied(since: number): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const group of (await adjustments(world)).slice(since)) {
    for (const c of group.changes) if (c.name === 'available') counts.set(c.sku!, (counts.get(c.sku!) ?? 0) + 1);
  }
  return counts;
}

/** What NetSuite has available at East DC (the same for every SKU). */
function netsuiteEast(): number {
  return netsuiteStock(world, 'P-0001', 'East DC').available;
}

/** What Shopify shows at East DC, over every SKU. */
async function eastDc(): Promise<Set<number>> {
  const levels = await world.shopify.get<{ sku: string; levels: Record<string, { available: number }> }[]>(`/shops/${SHOP}/inventory`);
  return new Set(levels.filter((l) => SKUS.includes(l.sku)).map((l) => l.levels['East DC'].available));
}

it('paces through an empty rate-limit bucket, and a 5xx answered after the change is resent with its key: applied once', async () => {
  await countEverything(-3);
  const groupsBefore = (await adjustments(world)).length;
  await world.shopify.post(`/shops/${SHOP}/bucket`, { currentlyAvailable: 0 }); // another app spent it all
  await world.shopify.post('/faults', { target: 'admin', match: { operationName: 'SetInventory' }, sequence: ['ok', 'http502'], afterProcessing: true });
  await world.shopify.post('/faults', { target: 'admin', match: { operationName: 'InventoryLevels' }, sequence: ['ok', 'http503'] });
  await resetCalls(world);
  const run = runChanges(world);
  expect(run.status).toBe('COMPLETE');
  expect(inventoryErrors(world)).toEqual([]);
  expect(await eastDc()).toEqual(new Set([netsuiteEast()]));
  const applied = await timesApplied(groupsBefore);
  expect(applied.size).toBe(COUNT);
  expect(new Set(applied.values())).toEqual(new Set([1]));
  const calls = await callsByOperation(world);
  const metrics = await world.shopify.get<{ byOperation: Record<string, { throttled: number; errors: number }> }>('/metrics');
  // The 1,100 changes make five batches; the second was resent once after its 502, with its key.
  expect(calls.SetInventory).toBe(6);
  expect(metrics.byOperation.SetInventory.throttled).toBe(0); // each write waited for the bucket instead
  // Reads: two for the chunk's 1,100 item-locations, one resent after the 503, and the first try into the empty bucket.
  expect(metrics.byOperation.InventoryLevels.throttled).toBeGreaterThanOrEqual(1);
  expect(calls.InventoryLevels - metrics.byOperation.InventoryLevels.throttled - 1).toBeLessThanOrEqual(4);
});

it('when Shopify stays down, the run fails without moving the cursor; the next run resumes and applies only what is left', async () => {
  await world.shopify.delete('/faults');
  await countEverything(-2);
  const cursorBefore = storeCursor(world);
  const groupsBefore = (await adjustments(world)).length;
  // Two writes go through, then every write fails: 1 try + 3 resends, for each of the 3 attempts at a chunk.
  await world.shopify.post('/faults', { target: 'admin', match: { operationName: 'SetInventory' }, sequence: ['ok', 'ok', ...Array(40).fill('http503')] });
  const failed = runChanges(world);
  expect(failed.status).toBe('COMPLETE'); // the map/reduce finishes; the failures are in its summary
  expect(inventoryErrors(world).some((e) => /^inventory: 1\|push\|\d failed: SHOPIFY_HTTP_503|503/.test(e))).toBe(true);
  expect(storeCursor(world)).toBe(cursorBefore);
  const partly = await eastDc();
  expect(partly).toEqual(new Set([netsuiteEast(), netsuiteEast() + 2])); // some batches through, some not

  await world.shopify.delete('/faults');
  const logsBefore = world.netsuite.logs.length;
  runChanges(world);
  expect(inventoryErrors(world, logsBefore)).toEqual([]);
  expect(await eastDc()).toEqual(new Set([netsuiteEast()]));
  const applied = await timesApplied(groupsBefore);
  expect(applied.size).toBe(COUNT);
  expect(new Set(applied.values())).toEqual(new Set([1]));
  expect(storeCursor(world)! > cursorBefore!).toBe(true);
});

it('a map/reduce restart in the middle of the reduce stage re-runs the chunk it cut short: nothing applied twice', async () => {
  await countEverything(-1);
  const groupsBefore = (await adjustments(world)).length;
  const cursorBefore = storeCursor(world);
  const logsBefore = world.netsuite.logs.length;
  world.netsuite.addFault({ kind: 'mapReduceRestart', deploymentId: 'customdeploy_sb2b_mr_inventory_now', stage: 'reduce', afterKeys: 1 });
  const run = runChanges(world);
  const result = run.result as { restarts: unknown[] };
  expect(result.restarts).toHaveLength(1);
  expect(inventoryErrors(world, logsBefore)).toEqual([]); // the restarted chunk completed: not a failure
  expect(storeCursor(world)! > cursorBefore!).toBe(true);
  expect(await eastDc()).toEqual(new Set([netsuiteEast()]));
  const applied = await timesApplied(groupsBefore);
  expect(applied.size).toBe(COUNT);
  expect(new Set(applied.values())).toEqual(new Set([1]));
});
