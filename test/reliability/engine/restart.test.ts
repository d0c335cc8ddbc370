/**
 * NetSuite restarts a map/reduce stage after an application-server disruption: the interrupted piece
 * runs again (isRestarted), its record writes kept. Whatever finished before the restart is not done
 * again: no second Shopify read or write, no second sales order, no second digest.
 */
import { createWorld, type World } from '../../../sandbox/world';
import { callsOf, entries, logLines, placeOrder, tick } from '../../support/engine';

let world: World;
beforeAll(async () => {
  world = await createWorld({ store: { custrecord_sb2b_company_master: 2 } });
  await placeOrder(world, 'PO-WARMUP'); // the company comes in first
  await world.settle();
}, 60_000);
afterAll(() => world?.close());
beforeEach(async () => {
  await world.shopify.post('/metrics/reset');
});

const salesOrders = () => Number(world.netsuite.query(`SELECT COUNT(*) AS n FROM transaction WHERE type = 'SalesOrd'`)[0].n);

it('a restart in reduce re-runs no order that was synced: one Shopify read and one sales order each', async () => {
  world.netsuite.addFault({ kind: 'mapReduceRestart', scriptId: 'customscript_sb2b_mr_inbound', stage: 'reduce', afterKeys: 1 });
  world.netsuite.addFault({ kind: 'mapReduceRestart', scriptId: 'customscript_sb2b_mr_inbound', stage: 'reduce', afterKeys: 2 });
  const before = salesOrders();
  for (const po of ['PO-R1', 'PO-R2', 'PO-R3']) await placeOrder(world, po);
  await world.settle();
  const run = world.netsuite.scheduler.instances.filter((i) => i.scriptId === 'customscript_sb2b_mr_inbound').pop()!;
  expect((run.result as { restarts: string[] }).restarts).toEqual(['reduce', 'reduce']);
  expect(await callsOf(world, 'OrderForSync')).toBe(3);
  expect(salesOrders() - before).toBe(3);
  const synced = entries(world, `custrecord_sb2b_q_topic = 'order/sync'`).slice(-3);
  expect(synced.map((e) => [e.status, e.attempts])).toEqual([
    ['done', 1],
    ['done', 1],
    ['done', 1],
  ]);
  // The restarts are in the log, as summarize found them.
  expect(logLines(world, 'customscript_sb2b_mr_inbound').filter((l) => l.includes('SSS_APP_SERVER_RESTART'))).toHaveLength(2);
});

it('a restart in map or getInputData re-runs nothing either', async () => {
  world.netsuite.addFault({ kind: 'mapReduceRestart', scriptId: 'customscript_sb2b_mr_inbound', stage: 'getInputData' });
  world.netsuite.addFault({ kind: 'mapReduceRestart', scriptId: 'customscript_sb2b_mr_inbound', stage: 'map', afterKeys: 1 });
  const before = salesOrders();
  for (const po of ['PO-M1', 'PO-M2']) await placeOrder(world, po);
  await world.settle();
  expect(await callsOf(world, 'OrderForSync')).toBe(2);
  expect(salesOrders() - before).toBe(2);
});

it('a restart in reduce after a company was pushed does not push it again (the entry was claimed)', async () => {
  world.netsuite.addFault({ kind: 'mapReduceRestart', scriptId: 'customscript_sb2b_mr_outbound', stage: 'reduce', afterKeys: 0 });
  const customer = world.netsuite.ui.create(
    'customer',
    { companyname: 'Restart Industries', subsidiary: 1, custentity_sb2b_push: true, custentity_sb2b_store: world.storeId },
    { addressbook: [{ defaultshipping: true, defaultbilling: true, addressbookaddress: { addr1: '9 Mill Rd', city: 'Dayton', state: 'OH', zip: '45402', country: 'US' } }] },
  );
  await world.settle();
  expect(await callsOf(world, 'CompanyCreate')).toBe(1);
  expect(entries(world, `custrecord_sb2b_q_ns_id = ?`, [String(customer)])).toEqual([expect.objectContaining({ topic: 'company/push', status: 'done', attempts: 1 })]);
});

it('a restart of summarize sends no second digest', async () => {
  world.netsuite.addFault({ kind: 'mapReduceRestart', scriptId: 'customscript_sb2b_mr_outbound', stage: 'summarize' });
  const mails = world.netsuite.emails.length;
  tick(world);
  world.netsuite.ui.create(
    'customer',
    { companyname: 'Nowhere Supply', subsidiary: 1, custentity_sb2b_push: true, custentity_sb2b_store: world.storeId },
    { addressbook: [{ defaultshipping: true, defaultbilling: true, addressbookaddress: { addr1: '1 Main St', city: 'Springfield', zip: '12345' } }] },
  );
  await world.settle();
  const run = world.netsuite.scheduler.instances.filter((i) => i.scriptId === 'customscript_sb2b_mr_outbound').pop()!;
  expect((run.result as { restarts: string[] }).restarts).toEqual(['summarize']);
  expect(world.netsuite.emails.length - mails).toBe(1);
});
