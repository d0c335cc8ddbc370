/**
 * SuiteScript has no sleep. A short wait (pacing for Shopify's bucket, a backoff) spins on the
 * clock: it spends script time, not usage units. The Shopify client bounds how long it spins and
 * gives longer waits back to the queue.
 */
export function pause(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // spin
  }
}
