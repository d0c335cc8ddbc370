/**
 * How many writes a run makes, through the built bundle, on 1,100 SKUs: only what differs is written,
 * 250 quantities to a write, however many unchanged item-locations the run compares alongside (the
 * ones changed within the overlap before its cursor are compared again).
 */
import type { ShopSeed } from '../../../sandbox/shopify/seed';
import { callsByOperation, inventoryErrors, inventoryWorld, resetCalls, runChanges, runFull, SHOP, stockShop, type InventoryWorld } from './support';

const COUNT = 1100;
const SKUS = Array.from({ length: COUNT }, (_, i) => `P-${String(i + 1).padStart(4, '0')}`);

function manySkus(): ShopSeed {
  return stockShop({ products: SKUS.map((sku) => ({ title: `Part ${sku}`, variants: [{ sku, price: '1.00', stock: { 'East DC': 10 } }] })) });
}

let world: InventoryWorld;

beforeAll(async () => {
  world = await inventoryWorld({ shop: manySkus(), webhooks: false });
  runFull(world);
  expect(inventoryErrors(world)).toEqual([]);
  await world.advance(20 * 60_000);
}, 120_000);
afterAll(() => world?.close());

/** A stock count at East DC moving these SKUs by `by`. */
function count(skus: string[], by: number): void {
  const east = world.netsuiteLocation['East DC'];
  world.netsuite.ui.create('inventoryadjustment', { account: '1', adjlocation: east }, { inventory: skus.map((sku) => ({ item: world.items[sku], location: east, adjustqtyby: by })) });
}

async function eastDc(): Promise<Map<string, number>> {
  const levels = await world.shopify.get<{ sku: string; levels: Record<string, { available: number }> }[]>(`/shops/${SHOP}/inventory`);
  return new Map(levels.filter((l) => SKUS.includes(l.sku)).map((l) => [l.sku, l.levels['East DC'].available]));
}

it('writes ceil(changed / 250) times: 1,100 changes in 5 writes', async () => {
  count(SKUS, -1);
  await resetCalls(world);
  runChanges(world);
  expect((await callsByOperation(world)).SetInventory).toBe(5);
  expect(new Set((await eastDc()).values())).toEqual(new Set([9]));
});

it('item-locations compared again within the overlap take no place in a write: 550 changes among 1,100 compared, 3 writes', async () => {
  await world.advance(2 * 60_000); // within the 10-minute overlap: the last run's 1,100 are compared again
  const everyOther = SKUS.filter((_, i) => i % 2 === 0);
  count(everyOther, -2);
  await resetCalls(world);
  runChanges(world);
  expect(inventoryErrors(world)).toEqual([]);
  expect(await callsByOperation(world)).toMatchObject({ InventoryLevels: 2, SetInventory: 3 });
  const shown = await eastDc();
  expect(everyOther.every((sku) => shown.get(sku) === 7)).toBe(true);
  expect(SKUS.filter((_, i) => i % 2 === 1).every((sku) => shown.get(sku) === 9)).toBe(true);
});
