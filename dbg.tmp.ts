import { createNetSuiteAccount } from './sandbox/netsuite/account';
(async () => {
  const a = await createNetSuiteAccount();
  const locs = [] as number[];
  for (let i = 0; i < 5; i++) locs.push(a.records.seed('location', { name: `L${i}` }));
  const items = [] as number[];
  let t = Date.now();
  for (let i = 0; i < 1000; i++) items.push(a.records.seed('inventoryitem', { itemid: `SKU${i}` }));
  console.log('1000 items', Date.now() - t);
  t = Date.now();
  for (const it of items) for (const l of locs) a.inventory.setOnHand(it, l, 10);
  console.log('5000 stock', Date.now() - t);
  await a.close();
})();
