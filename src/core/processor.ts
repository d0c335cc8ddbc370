/**
 * What a processor does with one entity's claimed entries: find the store and the handler, respect
 * the store's switches and the run's remaining usage, run the handler once, and turn the outcome (or
 * the failure) into each entry's next state. Pure: I/O comes in through `EntityRunDeps`; the
 * map/reduce scripts write the returned entries back.
 */
import { classifyFailure, STORE_PROBLEM_RECHECK_MS } from './errors';
import type { HandlerContext, HandlerOutcome, HandlerRegistry } from './handlers';
import { transition, type QueueEvent, type RetryPolicy } from './queue';
import type { QueueEntry } from './queueEntry';
import type { ConfigProblem, StoreConfig, SyncName } from './storeConfig';

export type StoreLookup =
  | { status: 'ok'; config: StoreConfig }
  | { status: 'inactive'; name: string }
  | { status: 'missing' }
  | { status: 'invalid'; name: string; problems: ConfigProblem[] };

export interface EntityRunDeps {
  registry: HandlerRegistry;
  store(storeId: string): StoreLookup;
  context(store: StoreConfig): HandlerContext;
  now(): number;
  policy: RetryPolicy;
  random(): number;
  remainingUsage(): number;
}

/** Something about a whole store that a person must fix; reported once per store, not per entry. */
export interface StoreAttention {
  storeId: string;
  code: string;
  message: string;
}

export interface EntityRunResult {
  entries: QueueEntry[];
  attention?: StoreAttention;
  /** The run stopped for lack of usage units: the caller should stop taking work too. */
  outOfUsage: boolean;
}

const SYNC_LABELS: Record<SyncName, string> = {
  orders: 'Order sync',
  companies: 'Company sync',
  fulfillments: 'Fulfillment sync',
  inventory: 'Inventory sync',
  products: 'Product sync',
  refunds: 'Refund sync',
  payouts: 'Payout sync',
  orderEdits: 'Reverse order edit sync',
  payments: 'Reverse payment sync',
};


/** The store's own retry settings over the processor's base policy. */
export function policyFor(store: StoreConfig, base: RetryPolicy): RetryPolicy {
  return { ...base, maxAttempts: store.retry.maxAttempts, ceilingMs: store.retry.ceilingHours * 3_600_000 };
}

function outcomeEvent(outcome: HandlerOutcome): QueueEvent {
  return outcome.type === 'succeeded' ? { type: 'succeeded', note: outcome.note } : { type: 'skipped', reason: outcome.reason };
}

/** Runs one entity's claimed (processing) entries through their handler. */
export function runEntity(claimed: QueueEntry[], deps: EntityRunDeps): EntityRunResult {
  const now = deps.now();
  if (claimed.length === 0) return { entries: [], outOfUsage: false };
  const storeId = claimed[0].storeId;
  const lookup = deps.store(storeId);
  const policy = lookup.status === 'ok' ? policyFor(lookup.config, deps.policy) : deps.policy;
  const apply = (entries: QueueEntry[], event: QueueEvent) => entries.map((e) => transition(e, event, now, policy, deps.random));
  if (lookup.status === 'missing' || lookup.status === 'inactive') {
    const reason = lookup.status === 'missing' ? `store record ${storeId} no longer exists` : `store ${lookup.name} is inactive`;
    return { entries: apply(claimed, { type: 'closed', reason: `not synced: ${reason}` }), outOfUsage: false };
  }
  if (lookup.status === 'invalid') {
    const message = `Store ${lookup.name} cannot sync until its setup is fixed: ${lookup.problems.map((p) => p.message).join(' ')}`;
    return {
      entries: apply(claimed, { type: 'deferred', retryAfterMs: STORE_PROBLEM_RECHECK_MS, reason: { code: 'STORE_CONFIG_INVALID', message } }),
      attention: { storeId, code: 'STORE_CONFIG_INVALID', message },
      outOfUsage: false,
    };
  }
  const store = lookup.config;
  const results: QueueEntry[] = [];
  let attention: StoreAttention | undefined;
  let outOfUsage = false;

  // Entries of one entity may belong to different handlers (rare: an order's webhook and a refund's).
  const groups = new Map<string, QueueEntry[]>();
  for (const entry of claimed) {
    const handler = deps.registry.handlerFor(entry.direction, entry.topic);
    const name = handler?.name ?? `unknown:${entry.topic}`;
    groups.set(name, [...(groups.get(name) ?? []), entry]);
  }

  for (const entries of groups.values()) {
    const handler = deps.registry.handlerFor(entries[0].direction, entries[0].topic);
    if (!handler) {
      results.push(
        ...apply(entries, {
          type: 'failed',
          retriable: false,
          error: { code: 'UNKNOWN_TOPIC', message: `No sync handles ${entries[0].direction} topic "${entries[0].topic}". Close this entry; it cannot be processed.` },
        }),
      );
      continue;
    }
    if (handler.sync && !store.syncs[handler.sync]) {
      results.push(...apply(entries, { type: 'closed', reason: `not synced: ${SYNC_LABELS[handler.sync]} is off for store ${store.name}` }));
      continue;
    }
    if (outOfUsage || deps.remainingUsage() < handler.maxUnits) {
      outOfUsage = true;
      results.push(...apply(entries, { type: 'deferred', retryAfterMs: 0, reason: { code: 'USAGE_BUDGET', message: 'Left for the next run: this run had too few usage units left.' } }));
      continue;
    }
    try {
      results.push(...apply(entries, outcomeEvent(handler.handle(entries, deps.context(store)))));
    } catch (e) {
      const classified = classifyFailure(e);
      results.push(...apply(entries, classified.event));
      const detail = classified.event.type === 'failed' ? classified.event.error : classified.event.reason;
      if (classified.storeNeedsPerson) attention = { storeId, code: detail.code, message: detail.message };
      if (detail.code === 'SSS_USAGE_LIMIT_EXCEEDED') outOfUsage = true;
    }
  }
  return { entries: results, attention, outOfUsage };
}
