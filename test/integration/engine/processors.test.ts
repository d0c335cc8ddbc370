/**
 * The queue processors (mr_inbound, mr_outbound) as deployed from Objects/: scheduled every 15
 * minutes and nudged by intake (a nudge that finds every deployment busy is not an error), leaving
 * work for the next run before usage runs out (and starting that run), and writing every stage error
 * summarize finds into the entries and the log.
 */
import { createWorld, type World } from '../../../sandbox/world';
import { callsOf, entries, logLines, MINUTE, placeOrder, saveStoreRecord, untilRunAfterDue } from '../../support/engine';

let world: World;
beforeAll(async () => {
  world = await createWorld({ store: { custrecord_sb2b_company_master: 2 } });
  await placeOrder(world, 'PO-WARMUP'); // the company comes in first
  await world.settle();
}, 60_000);
afterAll(() => world?.close());
beforeEach(async () => {
  await world.settle();
  await world.shopify.post('/metrics/reset');
});

const runsOf = (scriptId: string) => world.netsuite.scheduler.instances.filter((i) => i.scriptId === scriptId);
const errorLogs = () => world.netsuite.logs.filter((l) => l.level === 'ERROR' || l.level === 'EMERGENCY');

describe('scheduling', () => {
  it('runs both processors every 15 minutes from their Objects/ deployments', async () => {
    const before = { inbound: runsOf('customscript_sb2b_mr_inbound').length, outbound: runsOf('customscript_sb2b_mr_outbound').length };
    await world.advance(60 * MINUTE);
    for (const [scriptId, deploymentId, earlier] of [
      ['customscript_sb2b_mr_inbound', 'customdeploy_sb2b_mr_inbound', before.inbound],
      ['customscript_sb2b_mr_outbound', 'customdeploy_sb2b_mr_outbound', before.outbound],
    ] as const) {
      // Nudged runs (the reconciliation queues work too) are on other deployments; the schedule is this one's.
      const scheduled = runsOf(scriptId).slice(earlier).filter((r) => r.deploymentId === deploymentId);
      expect(scheduled.map((r) => [r.deploymentId, r.invocationType, r.status])).toEqual(Array(4).fill([deploymentId, 'SCHEDULED', 'COMPLETE']));
      const minutes = scheduled.map((r) => new Date(r.startedAt!).getUTCMinutes());
      expect(new Set(minutes)).toEqual(new Set([0, 15, 30, 45]));
    }
  });

  it('takes work whose nudge never came at the next scheduled run', async () => {
    // Work queued by a path that could not start the processor (the nudge failed, or every deployment was busy).
    world.netsuite.records.seed('customrecord_sb2b_queue', {
      name: 'store/verify 1',
      externalid: `store/verify:${world.storeId}:manual`,
      custrecord_sb2b_q_direction: 'outbound',
      custrecord_sb2b_q_topic: 'store/verify',
      custrecord_sb2b_q_store: world.storeId,
      custrecord_sb2b_q_ns_type: 'customrecord_sb2b_store',
      custrecord_sb2b_q_ns_id: String(world.storeId),
      custrecord_sb2b_q_status: 'pending',
      custrecord_sb2b_q_attempts: 0,
      custrecord_sb2b_q_due: world.clock.now(),
    });
    await world.settle();
    expect(entries(world, `externalid = ?`, [`store/verify:${world.storeId}:manual`])[0].status).toBe('pending');
    await world.advance(15 * MINUTE);
    expect(entries(world, `externalid = ?`, [`store/verify:${world.storeId}:manual`])[0]).toMatchObject({ status: 'done', attempts: 1 });
  });
});

describe('nudges', () => {
  it('start the inbound processor at once when webhooks arrive, one run for a burst', async () => {
    const before = runsOf('customscript_sb2b_mr_inbound').length;
    for (const po of ['PO-N1', 'PO-N2', 'PO-N3']) await placeOrder(world, po);
    const at = world.clock.now();
    await world.settle();
    const runs = runsOf('customscript_sb2b_mr_inbound').slice(before);
    expect(runs.map((r) => [r.deploymentId, r.invocationType])).toEqual([['customdeploy_sb2b_mr_inbound_nudge1', 'ONDEMAND']]);
    expect(runs[0].startedAt).toBe(at);
    expect(entries(world, `custrecord_sb2b_q_topic = 'order/sync'`).slice(-3).map((e) => e.status)).toEqual(['done', 'done', 'done']);
  });

  it('that find every deployment busy are not an error: the webhook is accepted and a busy run takes the work', async () => {
    const busy = ['customdeploy_sb2b_mr_inbound', 'customdeploy_sb2b_mr_inbound_nudge1', 'customdeploy_sb2b_mr_inbound_nudge2'];
    for (const deploymentId of busy) world.netsuite.scheduler.submit('MAP_REDUCE', 'customscript_sb2b_mr_inbound', deploymentId, {});
    const before = runsOf('customscript_sb2b_mr_inbound').length;
    const order = await placeOrder(world, 'PO-BUSY');
    await world.shopify.post('/webhooks/flush');
    const [delivery] = (await world.shopify.get<{ body: string; attempts: { status: number }[] }[]>('/webhooks/deliveries?topic=orders/create')).filter((d) =>
      d.body.includes(order.id),
    );
    expect(delivery.attempts.map((a) => a.status)).toEqual([200]);
    expect(logLines(world, 'customscript_sb2b_rl_inbound').pop()).toBe(
      'AUDIT nudge inbound: every processor deployment is busy; the running one or the next scheduled run takes the work',
    );
    await world.settle();
    expect(runsOf('customscript_sb2b_mr_inbound').length).toBe(before); // nothing more was submitted
    expect(entries(world, `custrecord_sb2b_q_shopify_gid = ?`, [order.id])[0]).toMatchObject({ status: 'done', attempts: 1 });
    expect(errorLogs()).toEqual([]);
  });
});

describe('usage', () => {
  it('leaves work for the next run when a reduce is low on units, without spending an attempt, and starts that run itself', async () => {
    world.netsuite.addFault({ kind: 'usageExhausted', scriptId: 'customscript_sb2b_mr_inbound', stage: 'reduce', remaining: 40 });
    const before = runsOf('customscript_sb2b_mr_inbound').length;
    const order = await placeOrder(world, 'PO-LOW');
    await world.settle();
    const runs = runsOf('customscript_sb2b_mr_inbound').slice(before);
    expect(runs).toHaveLength(2); // the second started by the first, without waiting for the schedule
    expect(runs[1].startedAt).toBe(runs[0].startedAt);
    expect(entries(world, `custrecord_sb2b_q_shopify_gid = ?`, [order.id])[0]).toMatchObject({ status: 'done', attempts: 1, errorCode: 'USAGE_BUDGET' });
    expect(await callsOf(world, 'OrderForSync')).toBe(1);
  });
});

describe('stage errors', () => {
  it('a run that cannot read its input logs why, and the next run takes the work', async () => {
    world.netsuite.addFault({ kind: 'usageExhausted', scriptId: 'customscript_sb2b_mr_inbound', stage: 'getInputData', remaining: 0 });
    const order = await placeOrder(world, 'PO-INPUT');
    await world.settle();
    expect(logLines(world, 'customscript_sb2b_mr_inbound')).toContainEqual('ERROR inbound queue: reading due entries failed: SSS_USAGE_LIMIT_EXCEEDED: Script Execution Usage Limit Exceeded');
    const waiting = entries(world, `custrecord_sb2b_q_shopify_gid = ?`, [order.id])[0];
    expect(waiting).toMatchObject({ status: 'pending', attempts: 0 });
    await untilRunAfterDue(world, waiting);
    expect(entries(world, `custrecord_sb2b_q_shopify_gid = ?`, [order.id])[0]).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('a reduce that fails writing its outcome: the error goes into the entry and the log, and the next run retries it', async () => {
    world.netsuite.addFault({ kind: 'saveFails', recordType: 'customrecord_sb2b_queue', operation: 'edit', executionContext: 'MAPREDUCE' });
    await saveStoreRecord(world);
    await world.settle();
    const [failed] = entries(world, `custrecord_sb2b_q_topic = 'store/verify'`).slice(-1);
    expect(failed).toMatchObject({ status: 'retrying', attempts: 1, errorCode: 'UNEXPECTED_ERROR' });
    expect(failed.errorMessage).toMatch(/An unexpected error has occurred/);
    expect(logLines(world, 'customscript_sb2b_mr_outbound')).toContainEqual(expect.stringMatching(new RegExp(`^ERROR outbound queue: ${world.storeId}\\|customrecord_sb2b_store:${world.storeId} failed: UNEXPECTED_ERROR: An unexpected error`)));
    await untilRunAfterDue(world, failed);
    expect(entries(world, `id = ?`, [failed.id])[0]).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('a reduce that fails claiming its entry: the unclaimed entry gets the error too, and is pushed once when retried', async () => {
    world.netsuite.addFault({ kind: 'saveFails', recordType: 'customrecord_sb2b_queue', operation: 'edit', executionContext: 'MAPREDUCE', error: { name: 'RCRD_LOCKED_BY_WF', message: 'This record is locked by a workflow.' } });
    const customer = world.netsuite.ui.create(
      'customer',
      { companyname: 'Locked Logistics', subsidiary: 1, custentity_sb2b_push: true, custentity_sb2b_store: world.storeId },
      { addressbook: [{ defaultshipping: true, defaultbilling: true, addressbookaddress: { addr1: '5 Dock St', city: 'Toledo', state: 'OH', zip: '43604', country: 'US' } }] },
    );
    await world.settle();
    const [failed] = entries(world, `custrecord_sb2b_q_ns_id = ?`, [String(customer)]);
    expect(failed).toMatchObject({ topic: 'company/push', status: 'retrying', attempts: 1, errorCode: 'RCRD_LOCKED_BY_WF', errorMessage: 'This record is locked by a workflow.' });
    expect(await callsOf(world, 'CompanyCreate')).toBe(0);
    await untilRunAfterDue(world, failed);
    expect(entries(world, `id = ?`, [failed.id])[0]).toMatchObject({ status: 'done', attempts: 2 });
    expect(await callsOf(world, 'CompanyCreate')).toBe(1);
  });
});
