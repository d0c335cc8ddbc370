/** Builds the one Shopify client for a store, wired to N/https, the API Secret and NetSuite's clock. */
import type { StoreConfig } from '../core/storeConfig';
import { ShopifyClient, type CallRecord } from '../shopify/client';
import { accessTokenFromSecret, httpsTransport } from './httpsTransport';
import { pause } from './pause';

/** Calls made in this script run, for the processor's metrics and the throttling alert. */
export const callLog: CallRecord[] = [];

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
    onCall: (call) => void callLog.push(call),
  });
}
