/**
 * The Shopify client inside the built bundle, against the local store's fault injection: an admin
 * saves the store record, the connection check (store/verify, one ShopInfo query) goes through the
 * outbound queue, and Shopify misbehaves on the way. Calls are counted at the store: 1 initial + N
 * retries.
 */
import { createWorld, type World } from '../../../sandbox/world';
import { callsOf, entries, expectNoSecretLeaks, metrics, MINUTE, saveStoreRecord, untilRunAfterDue } from '../../support/engine';

let world: World;
beforeAll(async () => {
  world = await createWorld();
}, 60_000);
afterAll(() => world?.close());
beforeEach(async () => {
  await world.settle();
  await world.shopify.delete('/faults');
  await world.shopify.post('/metrics/reset');
});

const lastVerify = () => entries(world, `custrecord_sb2b_q_topic = 'store/verify'`).pop()!;
const connection = () => String(world.netsuite.records.get('customrecord_sb2b_store', world.storeId)!.fields.custrecord_sb2b_connection);

async function verifyWith(sequence: string[], extra: Record<string, unknown> = {}) {
  await world.shopify.post('/faults', { target: 'admin', match: { operationName: 'ShopInfo' }, sequence, ...extra });
  await saveStoreRecord(world);
  const started = world.clock.now();
  await world.settle();
  return { elapsedMs: world.clock.now() - started };
}

describe('the Shopify client in the bundle, against injected faults', () => {
  it.each([['http503'], ['http502'], ['http500'], ['reset'], ['malformed']])('retries %s and succeeds: 1 initial call + 1 retry', async (fault) => {
    await verifyWith([fault]);
    expect(await callsOf(world, 'ShopInfo')).toBe(2);
    expect(lastVerify()).toMatchObject({ status: 'done', attempts: 1 });
    expect(connection()).toMatch(/^Connected to Acme Industrial Supply/);
  });

  it('retries two 503s in a row with a short backoff and succeeds: 1 + 2 calls, one attempt of the entry', async () => {
    const { elapsedMs } = await verifyWith(['http503', 'http503']);
    expect(await callsOf(world, 'ShopInfo')).toBe(3);
    expect((await metrics(world)).byStatus).toEqual({ '200': 1, '503': 2 });
    expect(lastVerify()).toMatchObject({ status: 'done', attempts: 1, errorCode: null });
    // Backoff with jitter: 125–250 ms, then 250–500 ms, spent waiting inside the run.
    expect(elapsedMs).toBeGreaterThanOrEqual(375);
    expect(elapsedMs).toBeLessThan(800);
  });

  it('retries a request NetSuite gave up on (Shopify answered after 60 s, past N/https’s 45 s) and succeeds: 1 + 1 calls', async () => {
    const { elapsedMs } = await verifyWith(['timeout'], { delayMs: 60_000, virtualLatency: true });
    expect(await callsOf(world, 'ShopInfo')).toBe(2);
    expect(lastVerify()).toMatchObject({ status: 'done', attempts: 1 });
    // NetSuite waited its 45 s for the first answer, then the retry came back at once.
    expect(elapsedMs).toBeGreaterThanOrEqual(45_000);
    expect(elapsedMs).toBeLessThan(47_000);
  });

  it('waits out a THROTTLED answer as the bucket arithmetic says and succeeds: 1 + 1 calls', async () => {
    await verifyWith(['throttled']);
    const m = await metrics(world);
    expect(m.byOperation.ShopInfo).toMatchObject({ calls: 2, throttled: 1 });
    expect(lastVerify()).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('honours HTTP 429 Retry-After (2 s) and succeeds: 1 + 1 calls', async () => {
    const { elapsedMs } = await verifyWith(['http429']);
    expect(await callsOf(world, 'ShopInfo')).toBe(2);
    expect(lastVerify()).toMatchObject({ status: 'done', attempts: 1 });
    expect(elapsedMs).toBeGreaterThanOrEqual(2000);
  });

  it('gives a longer outage back to the queue: 1 + 3 calls, the entry retries at the next run and succeeds', async () => {
    await verifyWith(['http503', 'http503', 'http503', 'http503']);
    expect(await callsOf(world, 'ShopInfo')).toBe(4);
    const waiting = lastVerify();
    expect(waiting).toMatchObject({ status: 'retrying', attempts: 1, errorCode: 'SHOPIFY_HTTP_503' });
    expect(waiting.errorMessage).toMatch(/^ShopInfo: HTTP 503 from Shopify/);
    // Due after the first backoff (1 minute ± 10%); the scheduled run every 15 minutes takes it.
    const now = world.clock.now();
    expect(waiting.due! - now).toBeGreaterThanOrEqual(0.9 * MINUTE - 5000);
    expect(waiting.due! - now).toBeLessThanOrEqual(1.1 * MINUTE);
    await untilRunAfterDue(world, waiting);
    expect(await callsOf(world, 'ShopInfo')).toBe(5);
    expect(lastVerify()).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('never writes the token into a log, an email or a record', () => {
    expectNoSecretLeaks(world, ['shpat_sandbox_acme_b2b']);
  });
});
