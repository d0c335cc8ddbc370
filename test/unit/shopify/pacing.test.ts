/**
 * The pacing arithmetic against Shopify's leaky bucket, and the backoff for transient failures.
 */
import { availableAt, backoffDelay, waitAfterThrottle, waitBeforeRequest, worthSharing, type BucketEstimate } from '../../../src/shopify/pacing';

// A Standard store: 100 points a second into a 2,000-point bucket, seen with 50 left at t = 10 s.
const seen: BucketEstimate = { maximumAvailable: 2000, currentlyAvailable: 50, restoreRate: 100, observedAt: 10_000 };

describe('pacing against the bucket', () => {
  it('counts the points restored since the last observation, never past the bucket size', () => {
    expect(availableAt(seen, 10_000)).toBe(50);
    expect(availableAt(seen, 10_500)).toBe(100);
    expect(availableAt(seen, 60_000)).toBe(2000);
    expect(availableAt(seen, 9_000)).toBe(50); // a clock that went back restores nothing
  });

  it('waits exactly until the requested cost fits: (cost − available) / restore rate', () => {
    expect(waitBeforeRequest(seen, 36, 10_000)).toBe(0);
    expect(waitBeforeRequest(seen, 86, 10_000)).toBe(360);
    expect(waitBeforeRequest(seen, 86, 10_200)).toBe(160);
    expect(waitBeforeRequest(undefined, 1000, 0)).toBe(0); // nothing known yet: send and learn
  });

  it('never waits for more than a full bucket, whatever the request asks', () => {
    const small = { ...seen, maximumAvailable: 100, currentlyAvailable: 0 };
    expect(waitBeforeRequest(small, 117, 10_000)).toBe(1000);
  });

  it('after THROTTLED, waits as Shopify’s own numbers say', () => {
    expect(waitAfterThrottle(36, { maximumAvailable: 2000, currentlyAvailable: 6, restoreRate: 100 })).toBe(300);
    expect(waitAfterThrottle(36, { maximumAvailable: 2000, currentlyAvailable: 40, restoreRate: 100 })).toBe(0);
    expect(waitAfterThrottle(36, { maximumAvailable: 2000, currentlyAvailable: 0, restoreRate: 0 })).toBe(1000);
  });
});

describe('sharing an observation with other invocations', () => {
  const healthy = { ...seen, currentlyAvailable: 1500, observedAt: 20_000 };

  it('shares a bucket under half full, so the next invocation paces instead of sending blind', () => {
    expect(worthSharing(seen, undefined)).toBe(true);
    expect(worthSharing({ ...seen, currentlyAvailable: 999 }, { ...healthy, observedAt: 0 })).toBe(true);
  });

  it('shares whatever it saw when nothing is shared yet (so that others find a value: 1 unit, not 2)', () => {
    expect(worthSharing(healthy, undefined)).toBe(true);
    expect(worthSharing(healthy, null)).toBe(true);
  });

  it('does not share a healthy bucket when what is shared is healthy too', () => {
    expect(worthSharing(healthy, { ...healthy, currentlyAvailable: 1000, observedAt: 19_000 })).toBe(false);
  });

  it('shares a healthy bucket to replace a shared one that would still make others wait', () => {
    // 50 points seen at 10 s: by 20 s 1,050 are back, over half, so nobody would wait any more …
    expect(worthSharing(healthy, seen)).toBe(false);
    // … but 5 s after it, 550 is under half: others would wait for points that are already back.
    expect(worthSharing({ ...healthy, observedAt: 15_000 }, seen)).toBe(true);
  });
});

describe('backoff for transient failures', () => {
  it('doubles from 125–250 ms to a 2 s cap, jittered within the upper half', () => {
    const low = () => 0;
    const high = () => 0.999999;
    expect([1, 2, 3, 4, 5].map((a) => backoffDelay(a, low))).toEqual([125, 250, 500, 1000, 1000]);
    expect([1, 2, 3, 4, 5].map((a) => backoffDelay(a, high))).toEqual([250, 500, 1000, 2000, 2000]);
  });
});
