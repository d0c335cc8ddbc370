/**
 * The pacing arithmetic against Shopify's leaky bucket, and the backoff for transient failures.
 */
import { availableAt, backoffDelay, waitAfterThrottle, waitBeforeRequest, type BucketEstimate } from '../../../src/shopify/pacing';

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

describe('backoff for transient failures', () => {
  it('doubles from 125–250 ms to a 2 s cap, jittered within the upper half', () => {
    const low = () => 0;
    const high = () => 0.999999;
    expect([1, 2, 3, 4, 5].map((a) => backoffDelay(a, low))).toEqual([125, 250, 500, 1000, 1000]);
    expect([1, 2, 3, 4, 5].map((a) => backoffDelay(a, high))).toEqual([250, 500, 1000, 2000, 2000]);
  });
});
