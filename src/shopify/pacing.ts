/**
 * Cost-aware pacing against Shopify's leaky bucket, from the `throttleStatus` every response carries
 * (`maximumAvailable`, `currentlyAvailable`, `restoreRate`). Pure arithmetic: the client feeds it
 * responses and asks how long to wait before a request of a given cost.
 */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export interface BucketEstimate extends ThrottleStatus {
  /** When `currentlyAvailable` was observed (epoch ms). */
  observedAt: number;
}

/** Points available at `now`, assuming nothing else spent any since the observation. */
export function availableAt(bucket: BucketEstimate, now: number): number {
  const restored = (Math.max(0, now - bucket.observedAt) / 1000) * bucket.restoreRate;
  return Math.min(bucket.maximumAvailable, bucket.currentlyAvailable + restored);
}

/**
 * Whether an observation is worth sharing with other script invocations (an N/cache write, 1 unit):
 * when nothing is shared yet (a read that finds nothing costs others 2 units, one that finds a value
 * 1), when the bucket is under half full, or when what is shared says so and would make others wait
 * for points that are back. Otherwise a bucket over half full on both counts tells nobody anything:
 * every request the connector sends costs far less than half a bucket, so no one would wait.
 */
export function worthSharing(observed: BucketEstimate, shared: BucketEstimate | null | undefined): boolean {
  if (!shared) return true;
  const underHalf = (b: BucketEstimate) => availableAt(b, observed.observedAt) < b.maximumAvailable / 2;
  return underHalf(observed) || underHalf(shared);
}

/** Milliseconds to wait before a request of `cost` points fits in the bucket (0 when it fits now). */
export function waitBeforeRequest(bucket: BucketEstimate | undefined, cost: number, now: number): number {
  if (!bucket || bucket.restoreRate <= 0) return 0;
  // A request can never cost more than the bucket holds; waiting for a full bucket is the most to ask.
  const needed = Math.min(cost, bucket.maximumAvailable);
  const available = availableAt(bucket, now);
  if (available >= needed) return 0;
  return Math.ceil(((needed - available) / bucket.restoreRate) * 1000);
}

/** The wait Shopify's own numbers imply after a THROTTLED answer: (requested − available) / restore rate. */
export function waitAfterThrottle(requestedCost: number, status: ThrottleStatus): number {
  if (status.restoreRate <= 0) return 1000;
  const needed = Math.min(requestedCost, status.maximumAvailable);
  return Math.max(0, Math.ceil(((needed - status.currentlyAvailable) / status.restoreRate) * 1000));
}

/**
 * Backoff for transient failures (5xx, timeouts, a broken connection): attempt 1 → 50–100% of base,
 * doubling to cap. With the defaults the three quick retries take at most 0.25 + 0.5 + 1 s, so they
 * always fit in the client's 3-second pause budget: the number of calls never depends on the jitter.
 */
export function backoffDelay(attempt: number, random: () => number, baseMs = 250, capMs = 2000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
