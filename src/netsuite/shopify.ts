/** Builds the one Shopify client for a store, wired to N/https, the API Secret and NetSuite's clock. */
import * as cache from 'N/cache';
import type { StoreConfig } from '../core/storeConfig';
import { ShopifyClient, type BucketTracker, type CallRecord } from '../shopify/client';
import { worthSharing, type BucketEstimate } from '../shopify/pacing';
import { accessTokenFromSecret, httpsTransport } from './httpsTransport';
import { pause } from './pause';

/** Calls made in this script run, for the processor's metrics and the throttling alert. */
export const callLog: CallRecord[] = [];

const BUCKET_CACHE = 'sb2b_shopify_buckets';
const BUCKET_TTL_SECONDS = 300; // NetSuite's minimum; an estimate older than that is refilled anyway

/**
 * What the last response said about each shop's bucket, shared by every invocation of every script
 * (N/cache, PUBLIC scope): NetSuite keeps no globals between map/reduce invocations, and without this
 * each reduce would send its first request blind and be throttled whenever a burst had emptied the
 * bucket. Costs 1 unit for the first read of a shop in an invocation and 1 per response shared; a
 * response is shared only when it matters to others (see worthSharing), so a healthy bucket costs
 * nothing per call.
 */
function sharedBuckets(): BucketTracker {
  const latest = new Map<string, BucketEstimate | null>();
  /** What the cache holds for each shop, as far as this invocation knows (read or written by it). */
  const shared = new Map<string, BucketEstimate | null>();
  const store = () => cache.getCache({ name: BUCKET_CACHE, scope: cache.Scope.PUBLIC });
  return {
    get(shop) {
      if (!latest.has(shop)) {
        const text = store().get({ key: shop });
        const estimate = text ? (JSON.parse(text) as BucketEstimate) : null;
        latest.set(shop, estimate);
        shared.set(shop, estimate);
      }
      return latest.get(shop) ?? undefined;
    },
    set(shop, estimate) {
      latest.set(shop, estimate);
      if (!worthSharing(estimate, shared.get(shop))) return;
      store().put({ key: shop, value: JSON.stringify(estimate), ttl: BUCKET_TTL_SECONDS });
      shared.set(shop, estimate);
    },
  };
}

let buckets: BucketTracker | undefined;

/** `maxPauseMs`: how long one request may wait on the rate limit before giving the wait back (default 3 s). */
export function shopifyClientFor(store: StoreConfig, options: { maxPauseMs?: number } = {}): ShopifyClient {
  return new ShopifyClient({
    maxPauseMs: options.maxPauseMs,
    shopDomain: store.shopDomain,
    apiVersion: store.apiVersion,
    accessToken: accessTokenFromSecret(store.accessTokenSecretId),
    transport: httpsTransport,
    now: () => Date.now(),
    pause,
    buckets: (buckets ??= sharedBuckets()),
    onCall: (call) => void callLog.push(call),
  });
}
