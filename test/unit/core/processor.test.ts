import { SyncError } from '../../../src/core/errors';
import { HandlerRegistry, entityKey, type Handler, type HandlerContext } from '../../../src/core/handlers';
import { runEntity, type EntityRunDeps, type StoreLookup } from '../../../src/core/processor';
import { DEFAULT_RETRY_POLICY, transition } from '../../../src/core/queue';
import type { QueueEntry } from '../../../src/core/queueEntry';
import { SYNC_NAMES, type StoreConfig } from '../../../src/core/storeConfig';
import { storeConfig } from '../../support/fixtures';
import { ShopifyAuthError } from '../../../src/shopify/errors';

const T0 = Date.parse('2026-11-02T09:00:00Z');

const store: StoreConfig = storeConfig({ syncs: Object.fromEntries(SYNC_NAMES.map((s) => [s, s !== 'payouts'])) as StoreConfig['syncs'], subsidiaryId: undefined, currencyId: undefined, defaultLocationId: undefined, orderItems: {} });

function claimedEntry(topic: string, overrides: Partial<QueueEntry> = {}): QueueEntry {
  const pending: QueueEntry = {
    id: String(Math.random()),
    key: `k-${topic}-${Math.random()}`,
    direction: 'inbound',
    topic,
    storeId: '7',
    shopifyGid: 'gid://shopify/Order/1',
    status: 'pending',
    attempts: 0,
    retryRequested: false,
    ...overrides,
  };
  return transition(pending, { type: 'claimed' }, T0, DEFAULT_RETRY_POLICY);
}

function deps(handlers: Handler[], overrides: Partial<EntityRunDeps> & { lookup?: StoreLookup; usage?: number } = {}): EntityRunDeps {
  return {
    registry: new HandlerRegistry(handlers),
    store: () => overrides.lookup ?? { status: 'ok', config: store },
    context: (config) => ({ store: config, shopify: () => { throw new Error('no shopify in this test'); }, now: () => T0, remainingUsage: () => overrides.usage ?? 1000 }) as HandlerContext,
    now: () => T0,
    policy: DEFAULT_RETRY_POLICY,
    random: () => 0.5,
    remainingUsage: () => overrides.usage ?? 1000,
    ...overrides,
  };
}

function orderHandler(handle: Handler['handle']): Handler & { calls: QueueEntry[][] } {
  const calls: QueueEntry[][] = [];
  return {
    name: 'order',
    direction: 'inbound',
    topics: ['orders/create', 'orders/updated'],
    sync: 'orders',
    maxUnits: 60,
    exclusive: false,
    calls,
    handle: (entries, context) => {
      calls.push(entries);
      return handle(entries, context);
    },
  };
}

describe('running one entity through its handler', () => {
  it('hands all of an entity’s entries to its handler once and marks them done', () => {
    const handler = orderHandler(() => ({ type: 'succeeded', note: 'sales order 42' }));
    const entries = [claimedEntry('orders/create'), claimedEntry('orders/updated')];
    const result = runEntity(entries, deps([handler]));
    expect(handler.calls).toEqual([entries]);
    expect(result.entries.map((e) => [e.status, e.closeReason])).toEqual([
      ['done', 'sales order 42'],
      ['done', 'sales order 42'],
    ]);
  });

  it('closes entries whose sync is off, saying so', () => {
    const payouts: Handler = { ...orderHandler(() => ({ type: 'succeeded' })), name: 'payout', topics: ['payouts/poll'], sync: 'payouts' };
    const result = runEntity([claimedEntry('payouts/poll')], deps([payouts]));
    expect(result.entries[0]).toMatchObject({ status: 'skipped', closeReason: 'not synced: Payout sync is off for store Acme' });
  });

  it('leaves work for the next run when usage runs low, without spending an attempt', () => {
    const handler = orderHandler(() => ({ type: 'succeeded' }));
    const result = runEntity([claimedEntry('orders/create')], deps([handler], { usage: 59 }));
    expect(handler.calls).toHaveLength(0);
    expect(result.outOfUsage).toBe(true);
    expect(result.entries[0]).toMatchObject({ status: 'pending', attempts: 0, lastError: { code: 'USAGE_BUDGET' } });
  });

  it('retries what may succeed later and dead-letters what will not', () => {
    const missingSku = orderHandler(() => {
      throw new SyncError('SKU_NOT_FOUND', 'No NetSuite item has SKU ABC-1. Link the item, then retry.', { retriable: true });
    });
    expect(runEntity([claimedEntry('orders/create')], deps([missingSku])).entries[0]).toMatchObject({ status: 'retrying', lastError: { code: 'SKU_NOT_FOUND' } });
    const badData = orderHandler(() => {
      throw new SyncError('ORDER_MALFORMED', 'The order has no line items.');
    });
    expect(runEntity([claimedEntry('orders/create')], deps([badData])).entries[0]).toMatchObject({ status: 'dead', lastError: { message: 'The order has no line items.' } });
  });

  it('asks for a person once per store when the token is refused, keeping the entries', () => {
    const refused = orderHandler(() => {
      throw new ShopifyAuthError(401, 'Shopify refused the access token');
    });
    const result = runEntity([claimedEntry('orders/create')], deps([refused]));
    expect(result.attention).toEqual({ storeId: '7', code: 'SHOPIFY_AUTH', message: 'Shopify refused the access token' });
    expect(result.entries[0].status).toBe('pending');
  });

  it('closes entries of an inactive store and defers those of a store whose setup is broken', () => {
    const handler = orderHandler(() => ({ type: 'succeeded' }));
    const inactive = runEntity([claimedEntry('orders/create')], deps([handler], { lookup: { status: 'inactive', name: 'Acme' } }));
    expect(inactive.entries[0]).toMatchObject({ status: 'skipped', closeReason: 'not synced: store Acme is inactive' });
    const invalid = runEntity(
      [claimedEntry('orders/create')],
      deps([handler], { lookup: { status: 'invalid', name: 'Acme', problems: [{ setting: 'Webhook secret', message: 'Webhook secret is empty.' }] } }),
    );
    expect(invalid.entries[0]).toMatchObject({ status: 'pending', lastError: { code: 'STORE_CONFIG_INVALID' } });
    expect(invalid.attention?.message).toContain('Webhook secret is empty.');
    expect(handler.calls).toHaveLength(0);
  });

  it("uses the store's own retry settings", () => {
    const failing = orderHandler(() => {
      throw new SyncError('SHOPIFY_HTTP_503', 'down', { retriable: true });
    });
    const oneAttempt = { ...store, retry: { maxAttempts: 1, ceilingHours: 12 } };
    expect(runEntity([claimedEntry('orders/create')], deps([failing], { lookup: { status: 'ok', config: oneAttempt } })).entries[0].status).toBe('dead');
    expect(runEntity([claimedEntry('orders/create')], deps([failing])).entries[0].status).toBe('retrying');
  });

  it('dead-letters an entry no sync handles', () => {
    const result = runEntity([claimedEntry('carts/create')], deps([]));
    expect(result.entries[0]).toMatchObject({ status: 'dead', lastError: { code: 'UNKNOWN_TOPIC' } });
  });
});

describe('entity keys', () => {
  it('put inbound entries of one Shopify object together, and outbound ones of one NetSuite record', () => {
    expect(entityKey(claimedEntry('orders/create'))).toBe('7|gid://shopify/Order/1');
    expect(entityKey(claimedEntry('fulfillment/push', { direction: 'outbound', shopifyGid: undefined, netsuiteType: 'itemfulfillment', netsuiteId: '55' }))).toBe(
      '7|itemfulfillment:55',
    );
  });
});

describe('the handler registry', () => {
  it('refuses two handlers for one topic', () => {
    const a = orderHandler(() => ({ type: 'succeeded' }));
    expect(() => new HandlerRegistry([a, { ...a, name: 'other' }])).toThrow('topic orders/create (inbound) is taken by order and other');
  });
});
