/**
 * Checks a store's connection after an admin saves its record: one cheap Admin API call with the
 * store's token, and the answer (shop, plan, currency, or why it failed) written on the record.
 */
import type { Handler } from '../core/handlers';
import { describeConnection, describeConnectionFailure } from '../sync/store/connection';
import { ShopifyError } from '../shopify/errors';
import { ShopInfo } from '../shopify/operations';
import { recordConnection } from '../netsuite/storeStatus';
import { SyncError } from '../core/errors';

export const VERIFY_STORE_TOPIC = 'store/verify';

export const verifyStoreHandler: Handler = {
  name: 'store-verify',
  direction: 'outbound',
  topics: [VERIFY_STORE_TOPIC],
  maxUnits: 30,
  exclusive: false,
  handle: (_entries, context) => {
    const store = context.store;
    let shop;
    try {
      shop = context.shopify().request(ShopInfo).data.shop;
    } catch (e) {
      if (e instanceof ShopifyError && !e.retriable) recordConnection(store.id, describeConnectionFailure(e.message, context.now()));
      throw e;
    }
    const connection = describeConnection(shop, store.shopDomain, context.now());
    recordConnection(store.id, connection.text);
    if (!connection.ok) throw new SyncError('STORE_TOKEN_MISMATCH', connection.text, { needsPerson: true });
    return { type: 'succeeded', note: connection.text };
  },
};
