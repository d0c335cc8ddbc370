/**
 * Pacing against a small bucket: a Standard store (100 points a second) whose bucket holds 200
 * points, and a burst of B2B orders, each re-read with OrderForSync (its requested cost is the `# cost:` line of its document). The client
 * waits before sending what the bucket cannot take yet, from the last throttleStatus it saw (in any
 * invocation), so the burst is paced rather than throttled, and every order syncs on its first attempt.
 */
import fs from 'fs';
import path from 'path';
import { createWorld, type World } from '../../../sandbox/world';
import { demoShop } from '../../../sandbox/shopify/demo';
import { entries, expectNoSecretLeaks, metrics, placeOrder } from '../../support/engine';

const ORDERS = 12;
const RESTORE_RATE = 100;
const ORDER_FOR_SYNC_COST = Number(/# cost: (\d+)/.exec(fs.readFileSync(path.join(__dirname, '../../../src/shopify/operations/orders/OrderForSync.graphql'), 'utf8'))![1]);

let world: World;
beforeAll(async () => {
  world = await createWorld({ shop: { ...demoShop(), plan: 'standard', bucketSize: 200 } });
  await placeOrder(world, 'PO-FIRST'); // brings the company in, so the burst below is orders alone
  await world.settle();
  await world.shopify.post('/metrics/reset');
}, 60_000);
afterAll(() => world?.close());

it('paces a burst of orders through a 200-point bucket: no call throttled, every order synced on its first attempt', async () => {
  const bucket = await world.shopify.post<{ currentlyAvailable: number }>(`/shops/${world.shop}/bucket`, {});
  for (let i = 1; i <= ORDERS; i++) await placeOrder(world, `PO-BURST-${i}`);
  const started = world.clock.now();
  await world.settle();
  const elapsedSeconds = (world.clock.now() - started) / 1000;

  const synced = entries(world, `custrecord_sb2b_q_topic = 'order/sync' AND custrecord_sb2b_q_status = 'done'`);
  expect(synced).toHaveLength(ORDERS + 1);
  expect(synced.every((e) => e.attempts === 1)).toBe(true);
  const m = await metrics(world);
  expect(m.byOperation.OrderForSync).toMatchObject({ calls: ORDERS, throttled: 0, requestedCost: ORDER_FOR_SYNC_COST * ORDERS });
  expect(m.total.throttled).toBe(0);
  // It did wait (the burst needs more than the bucket held), and no longer than the points it asked for.
  const spent = m.total.actualCost;
  expect(elapsedSeconds).toBeGreaterThanOrEqual((spent - bucket.currentlyAvailable) / RESTORE_RATE - 0.5);
  expect(elapsedSeconds).toBeLessThanOrEqual(m.total.requestedCost / RESTORE_RATE);
  expectNoSecretLeaks(world);
});

describe('a store whose bucket refills too slowly to wait in the run', () => {
  // 5 points a second into a 200-point bucket: once a few orders have emptied it, each read (about 25
  // points charged, 47 asked) waits 5 s or more, longer than a reduce may pause (3 s), so the entry
  // goes back to the queue.
  let slow: World;
  beforeAll(async () => {
    slow = await createWorld({ shop: { ...demoShop(), plan: 'standard', bucketSize: 200, restoreRate: 5 } });
    await placeOrder(slow, 'PO-SLOW-FIRST');
    await slow.settle();
    await slow.advance(60_000); // a full bucket
    await slow.shopify.post('/metrics/reset');
  }, 60_000);
  afterAll(() => slow?.close());

  it('gives long waits back to the queue (not an attempt, not an error), and the next runs sync every order', async () => {
    for (let i = 1; i <= 8; i++) await placeOrder(slow, `PO-SLOW-${i}`);
    await slow.settle();
    const orderEntries = () => entries(slow, `custrecord_sb2b_q_topic = 'order/sync' AND custrecord_sb2b_q_status NOT IN ('done', 'skipped')`);
    const waiting = orderEntries();
    expect(waiting.length).toBeGreaterThan(0);
    for (const e of waiting) expect(e).toMatchObject({ status: 'pending', attempts: 0, errorCode: 'SHOPIFY_THROTTLED' });
    expect((await metrics(slow)).total.throttled).toBe(0); // waited for, never sent into a throttle

    for (let run = 0; run < 6 && orderEntries().length > 0; run++) await slow.advance(15 * 60_000);
    expect(orderEntries()).toEqual([]);
    const synced = entries(slow, `custrecord_sb2b_q_topic = 'order/sync' AND custrecord_sb2b_q_status = 'done'`);
    expect(synced.every((e) => e.attempts === 1)).toBe(true);
    expect(slow.netsuite.query(`SELECT COUNT(*) AS n FROM transaction WHERE type = 'SalesOrd' AND otherrefnum LIKE 'PO-SLOW-%'`)[0].n).toBe(9);
  });
});

describe('a store Shopify keeps throttling', () => {
  // Another app takes the whole rate limit: every read the connector sends is answered THROTTLED.
  let busy: World;
  beforeAll(async () => {
    busy = await createWorld();
    await placeOrder(busy, 'PO-BUSY-FIRST');
    await busy.settle();
  }, 60_000);
  afterAll(() => busy?.close());

  it('mails one digest saying so and what to check, keeps the entries waiting unspent, and syncs them once it stops', async () => {
    const mails = busy.netsuite.emails.length;
    await busy.shopify.post('/faults', { target: 'admin', fault: 'throttled', rate: 1, match: { operationName: 'OrderForSync' } });
    for (let i = 1; i <= 40; i++) await placeOrder(busy, `PO-BUSY-${i}`);
    await busy.settle();

    const sent = busy.netsuite.emails.slice(mails);
    expect(sent.map((e) => e.subject)).toEqual(['Shopify B2B: Acme Industrial Supply: heavy throttling']);
    expect(sent[0].body).toMatch(/Shopify throttled \d{3,} requests in one processor run\. Syncs still finish, more slowly\. If this goes on, check for other apps sharing the rate limit/);
    expect(sent[0].body).toContain('40 entries are waiting to be synced.');
    expect(sent[0].body).not.toMatch(/\n\n\n/);
    const waiting = entries(busy, `custrecord_sb2b_q_topic = 'order/sync' AND custrecord_sb2b_q_status = 'pending'`);
    expect(waiting).toHaveLength(40);
    for (const e of waiting) expect(e).toMatchObject({ attempts: 0, errorCode: 'SHOPIFY_THROTTLED' });

    await busy.shopify.delete('/faults');
    await busy.advance(15 * 60_000);
    expect(entries(busy, `custrecord_sb2b_q_topic = 'order/sync' AND custrecord_sb2b_q_status = 'pending'`)).toEqual([]);
    expect(busy.netsuite.query(`SELECT COUNT(*) AS n FROM transaction WHERE type = 'SalesOrd' AND otherrefnum LIKE 'PO-BUSY-%'`)[0].n).toBe(41);
    expect(busy.netsuite.emails.length - mails).toBe(1); // nothing more to say once it synced
  });
});
