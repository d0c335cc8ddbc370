/** Builds the one Shopify client for a store, wired to N/https, the API Secret and NetSuite's clock. */
import type { StoreConfig } from '../core/storeConfig';
import { ShopifyClient, type CallRecord } from '../shopify/client';
import { accessTokenFromSecret, httpsTransport } from './httpsTransport';
import { pause } from './pause';

/** Calls made in this script run, for the processor's metrics and the throttling alert. */
export const callLog: CallRecord[] = [];

export function shopifyClientFor(store: StoreConfig): ShopifyClient {
  return new ShopifyClient({
    shopDomain: store.shopDomain,
    apiVersion: store.apiVersion,
    accessToken: accessTokenFromSecret(store.accessTokenSecretId),
    transport: httpsTransport,
    now: () => Date.now(),
    pause,
    onCall: (call) => void callLog.push(call),
  });
}
