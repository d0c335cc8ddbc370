import { DEFAULT_RETRY_POLICY, IllegalTransitionError, backoffAfter, isDue, transition, type QueueEvent } from '../../../src/core/queue';
import type { QueueEntry } from '../../../src/core/queueEntry';

const T0 = Date.parse('2026-11-02T09:00:00Z');
const MIN = 60_000;
const noJitter = () => 0.5;
const policy = DEFAULT_RETRY_POLICY;

function entry(overrides: Partial<QueueEntry> = {}): QueueEntry {
  return {
    id: '1',
    key: 'in:7:gid://shopify/Order/1:2026-11-02T08:59:00Z',
    direction: 'inbound',
    topic: 'orders/updated',
    storeId: '7',
    shopifyGid: 'gid://shopify/Order/1',
    status: 'pending',
    attempts: 0,
    retryRequested: false,
    ...overrides,
  };
}

const apply = (e: QueueEntry, event: QueueEvent, now = T0) => transition(e, event, now, policy, noJitter);
const fail = (retriable: boolean, retryAfterMs?: number): QueueEvent => ({ type: 'failed', error: { code: 'X', message: 'it broke' }, retriable, retryAfterMs });

describe('the queue state machine', () => {
  it('takes a pending entry through processing to done', () => {
    const claimed = apply(entry(), { type: 'claimed' });
    expect(claimed).toMatchObject({ status: 'processing', attempts: 1, nextAttemptAt: new Date(T0 + 30 * MIN).toISOString() });
    expect(apply(claimed, { type: 'succeeded', note: 'sales order 42' }, T0 + 1000)).toMatchObject({
      status: 'done',
      finishedAt: new Date(T0 + 1000).toISOString(),
      closeReason: 'sales order 42',
      nextAttemptAt: undefined,
    });
  });

  it('skips with a reason (a B2C order is skipped, never an error)', () => {
    const skipped = apply(apply(entry(), { type: 'claimed' }), { type: 'skipped', reason: 'B2C order: not synced' });
    expect(skipped).toMatchObject({ status: 'skipped', closeReason: 'B2C order: not synced' });
  });

  it('retries a transient failure after the backoff, then dies after the last attempt with its error', () => {
    let e = entry();
    let now = T0;
    const delays: number[] = [];
    for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
      e = apply(e, { type: 'claimed' }, now);
      expect(e.attempts).toBe(attempt);
      e = apply(e, fail(true), now);
      if (e.status === 'dead') break;
      expect(e.status).toBe('retrying');
      const next = Date.parse(e.nextAttemptAt!);
      expect(isDue(e, next - 1)).toBe(false);
      expect(isDue(e, next)).toBe(true);
      delays.push(next - now);
      now = next;
    }
    expect(e).toMatchObject({ status: 'dead', attempts: 8, lastError: { code: 'X', message: 'it broke' } });
    expect(delays.map((d) => d / MIN)).toEqual([1, 3, 9, 27, 81, 243, 720]);
    const totalHours = delays.reduce((a, b) => a + b, 0) / 3_600_000;
    expect(totalHours).toBeGreaterThan(12);
    expect(totalHours).toBeLessThan(30);
  });

  it('dead-letters a permanent failure at once', () => {
    const e = apply(apply(entry(), { type: 'claimed' }), fail(false));
    expect(e).toMatchObject({ status: 'dead', attempts: 1, nextAttemptAt: undefined });
  });

  it('waits at least as long as the failure asks (Retry-After)', () => {
    const e = apply(apply(entry(), { type: 'claimed' }), fail(true, 10 * MIN));
    expect(Date.parse(e.nextAttemptAt!) - T0).toBe(10 * MIN);
  });

  it('defers without spending an attempt (rate limit, usage, a dependency not synced yet)', () => {
    const claimed = apply(entry(), { type: 'claimed' });
    const deferred = apply(claimed, { type: 'deferred', retryAfterMs: 5000, reason: { code: 'SHOPIFY_THROTTLED', message: 'rate limit' } });
    expect(deferred).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: new Date(T0 + 5000).toISOString(), lastError: { code: 'SHOPIFY_THROTTLED' } });
    const afterAFailure = apply(apply(apply(apply(entry(), { type: 'claimed' }), fail(true)), { type: 'claimed' }, T0 + 2 * MIN), {
      type: 'deferred',
      retryAfterMs: 0,
      reason: { code: 'SSS_USAGE_LIMIT_EXCEEDED', message: 'usage' },
    }, T0 + 2 * MIN);
    expect(afterAFailure).toMatchObject({ status: 'retrying', attempts: 1 });
  });

  it('lets an admin retry a dead entry from scratch', () => {
    const dead = apply(apply(entry(), { type: 'claimed' }), fail(false));
    const retried = apply({ ...dead, retryRequested: true }, { type: 'retryRequested' }, T0 + 3600_000);
    expect(retried).toMatchObject({ status: 'pending', attempts: 0, retryRequested: false, nextAttemptAt: new Date(T0 + 3600_000).toISOString() });
    expect(isDue(retried, T0 + 3600_000)).toBe(true);
  });

  it('lets an admin retry an entry left processing by a run that died, once its lease is over, and not before', () => {
    const claimed = apply(entry(), { type: 'claimed' });
    expect(() => apply(claimed, { type: 'retryRequested' }, T0 + 10 * MIN)).toThrow(IllegalTransitionError);
    expect(apply(claimed, { type: 'retryRequested' }, T0 + 31 * MIN)).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('has nothing to retry on a finished entry', () => {
    const done = apply(apply(entry(), { type: 'claimed' }), { type: 'succeeded' });
    expect(() => apply(done, { type: 'retryRequested' })).toThrow(IllegalTransitionError);
  });

  it('closes an open or dead entry with its reason (resolved, superseded)', () => {
    const dead = apply(apply(entry(), { type: 'claimed' }), fail(false));
    expect(apply(dead, { type: 'closed', reason: 'resolved by admin: order entered by hand' })).toMatchObject({
      status: 'skipped',
      closeReason: 'resolved by admin: order entered by hand',
    });
    expect(apply(entry(), { type: 'closed', reason: 'superseded by a newer entry' }).status).toBe('skipped');
  });

  it('takes a processing entry whose lease ran out for a crash and lets it be claimed again', () => {
    const claimed = apply(entry(), { type: 'claimed' });
    expect(isDue(claimed, T0 + 29 * MIN)).toBe(false);
    expect(isDue(claimed, T0 + 30 * MIN)).toBe(true);
    expect(apply(claimed, { type: 'claimed' }, T0 + 30 * MIN).attempts).toBe(2);
  });

  it.each<[QueueEntry['status'], QueueEvent]>([
    ['done', { type: 'claimed' }],
    ['pending', { type: 'succeeded' }],
    ['dead', { type: 'failed', error: { code: 'X', message: 'x' }, retriable: true }],
    ['done', { type: 'retryRequested' }],
    ['skipped', { type: 'closed', reason: 'again' }],
  ])('refuses to apply an event that makes no sense for a %s entry', (status, event) => {
    expect(() => apply(entry({ status }), event)).toThrow(IllegalTransitionError);
  });

  it('jitters the backoff within ±10%', () => {
    expect(backoffAfter(1, policy, () => 0)).toBe(54_000);
    expect(backoffAfter(1, policy, () => 1)).toBe(66_000);
    expect(backoffAfter(20, policy, () => 0.5)).toBe(12 * 3_600_000);
  });
});
