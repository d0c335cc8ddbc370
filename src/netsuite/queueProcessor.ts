/**
 * The queue processors' map/reduce stages, shared by mr_inbound and mr_outbound:
 * - getInputData: due entries of one direction (oldest due first, at most MAX_ENTRIES_PER_RUN),
 *   keyed by entry id;
 * - map: groups them by entity (entityKey), so one reduce handles one Shopify object or NetSuite record;
 * - reduce: claims the entity's entries (exclusively), runs its handler, writes each entry's new state;
 * - summarize: writes every stage error into the entries it kept from finishing and into the log,
 *   sends alert digests, and starts the next run at once when this one left due work behind (it was
 *   full, or a reduce ran low on usage).
 */
import * as log from 'N/log';
import * as runtime from 'N/runtime';
import type { EntryPoints } from 'N/types';
import { entityKey, type HandlerRegistry } from '../core/handlers';
import { policyFor, runEntity, type StoreAttention } from '../core/processor';
import { THROTTLING_ALERT_THRESHOLD } from '../core/alerts';
import { DEFAULT_RETRY_POLICY, isDue, transition, type QueueEvent, type RetryPolicy } from '../core/queue';
import type { Direction, QueueEntry } from '../core/queueEntry';
import { digestOwed, sendDigests } from './alerting';
import { nudgeProcessor } from './nudge';
import { claim, currentEntries, dueEntries, openEntriesOf, saveEntry } from './queueStore';
import { callLog, shopifyClientFor } from './shopify';
import { loadStores, lookupStore } from './stores';
import type { ShopifyClient } from '../shopify/client';

/** Entries one run takes; the rest wait for the next run, which this one starts. */
export const MAX_ENTRIES_PER_RUN = 2000;

/** What each reduce tells summarize, through the map/reduce output. */
interface ReduceReport {
  storeId: string;
  entries: number;
  /** Entries that failed for good in this reduce: the digest has news. */
  dead: number;
  throttledCalls: number;
  attention?: StoreAttention;
  outOfUsage: boolean;
}

/** The error a map/reduce stage recorded, as name and message (NetSuite serializes it as JSON). */
export function readStageError(serialized: string): { name: string; message: string } {
  try {
    const parsed = JSON.parse(serialized) as { name?: string; message?: string };
    return { name: parsed.name ?? 'UNEXPECTED_ERROR', message: parsed.message ?? serialized };
  } catch {
    return { name: 'UNEXPECTED_ERROR', message: serialized };
  }
}

const RESTART = 'SSS_APP_SERVER_RESTART';
/** Units summarize keeps for the digests and the next run's nudge before it writes stage errors. */
const SUMMARIZE_RESERVE = 500;
/** Errors that mean "this run ran out of room": the entries wait for the next run, no attempt spent. */
const OUT_OF_ROOM = new Set(['SSS_USAGE_LIMIT_EXCEEDED', 'SSS_INSTRUCTION_COUNT_EXCEEDED']);

/**
 * Writes a stage error into the entries it kept from finishing: those this run claimed (processing
 * since it started) and those it could have taken (due when it started). Each spends an attempt and
 * retries with backoff; running out of usage spends none. Entries another run holds are left alone.
 */
export function recordStageError(
  entries: QueueEntry[],
  error: { name: string; message: string },
  runStartedAt: number,
  now: number,
  policyOf: (storeId: string) => RetryPolicy,
): void {
  const reason = { code: error.name, message: error.message };
  for (const entry of entries) {
    const policy = policyOf(entry.storeId);
    const claimedAt = entry.status === 'processing' && entry.nextAttemptAt ? Date.parse(entry.nextAttemptAt) - policy.leaseMs : undefined;
    const ours = claimedAt !== undefined ? claimedAt >= runStartedAt : isDue(entry, runStartedAt);
    if (!ours) continue;
    const taken = entry.status === 'processing' ? entry : transition(entry, { type: 'claimed' }, now, policy);
    const event: QueueEvent = OUT_OF_ROOM.has(error.name) ? { type: 'deferred', retryAfterMs: 0, reason } : { type: 'failed', retriable: true, error: reason };
    saveEntry(entry, transition(taken, event, now, policy));
  }
}

export interface QueueProcessor {
  getInputData: EntryPoints.MapReduce.getInputData;
  map: EntryPoints.MapReduce.map;
  reduce: EntryPoints.MapReduce.reduce;
  summarize: EntryPoints.MapReduce.summarize;
}

export function queueProcessor(direction: Direction, registry: HandlerRegistry): QueueProcessor {
  return {
    // Keyed by entry id, so that a map error names the entry it kept from its reduce.
    getInputData: () => {
      const due: Record<string, QueueEntry> = {};
      for (const entry of dueEntries(direction, Date.now(), MAX_ENTRIES_PER_RUN)) due[entry.id!] = entry;
      return due;
    },

    // Entries travel whole to their reduce, grouped by entity: a reduce need not read them again.
    map: (context) => {
      const entry = JSON.parse(context.value) as QueueEntry;
      context.write({ key: entityKey(entry), value: JSON.stringify(entry) });
    },

    reduce: (context) => {
      const now = Date.now();
      const claimed: QueueEntry[] = [];
      const before = new Map<string | undefined, QueueEntry>();
      let given = context.values.map((value) => JSON.parse(value) as QueueEntry);
      // Run again after a restart (or a failed execution): what the map stage passed on may be stale,
      // as the earlier execution may have finished some entries. Read them as they are now (10 units).
      if (context.isRestarted || context.executionNo > 1) given = currentEntries(given.map((e) => e.id!));
      for (const entry of given) {
        if (registry.handlerFor(entry.direction, entry.topic)?.exclusive === false) {
          // Idempotent work: no claim write; a second run doing it too is wasted, never wrong.
          if (!isDue(entry, now)) continue;
          claimed.push(transition(entry, { type: 'claimed' }, now, DEFAULT_RETRY_POLICY));
          before.set(entry.id, entry);
        } else {
          const mine = claim(entry.id!, now, DEFAULT_RETRY_POLICY);
          if (mine) {
            claimed.push(mine);
            before.set(mine.id, mine);
          }
        }
      }
      if (claimed.length === 0) return; // finished already (a restart) or taken by another run
      const stores = loadStores();
      const callsBefore = callLog.length;
      const script = runtime.getCurrentScript();
      const clients = new Map<string, ShopifyClient>();
      const result = runEntity(claimed, {
        registry,
        store: (storeId) => lookupStore(stores, storeId),
        context: (store) => ({
          store,
          shopify: () => {
            let client = clients.get(store.id);
            if (!client) clients.set(store.id, (client = shopifyClientFor(store)));
            return client;
          },
          now: () => Date.now(),
          remainingUsage: () => script.getRemainingUsage(),
        }),
        now: () => Date.now(),
        policy: DEFAULT_RETRY_POLICY,
        random: Math.random,
        remainingUsage: () => script.getRemainingUsage(),
      });
      for (const entry of result.entries) saveEntry(before.get(entry.id)!, entry);
      const report: ReduceReport = {
        storeId: claimed[0].storeId,
        entries: claimed.length,
        dead: result.entries.filter((e) => e.status === 'dead').length,
        throttledCalls: callLog.slice(callsBefore).filter((c) => c.throttled).length,
        attention: result.attention,
        outOfUsage: result.outOfUsage,
      };
      context.write({ key: context.key, value: JSON.stringify(report) });
    },

    summarize: (summary) => {
      const now = Date.now();
      const runStartedAt = summary.dateCreated.getTime();
      const stores = loadStores();
      const script = runtime.getCurrentScript();
      const recordOn = (entries: QueueEntry[], error: { name: string; message: string }) => {
        if (script.getRemainingUsage() < SUMMARIZE_RESERVE) return; // the log has it; the entries retry anyway
        recordStageError(entries, error, runStartedAt, now, (storeId) => {
          const lookup = lookupStore(stores, storeId);
          return lookup.status === 'ok' ? policyFor(lookup.config, DEFAULT_RETRY_POLICY) : DEFAULT_RETRY_POLICY;
        });
      };
      if (summary.inputSummary.error) {
        const error = readStageError(summary.inputSummary.error);
        log.error({ title: `${direction} queue: reading due entries failed`, details: `${error.name}: ${error.message}` });
      }
      summary.mapSummary.errors.iterator().each((key, serialized) => {
        const error = readStageError(serialized);
        if (error.name === RESTART) {
          log.audit({ title: `${direction} queue: entry ${key} restarted`, details: 'NetSuite restarted the map stage (SSS_APP_SERVER_RESTART) and ran it again.' });
          return true;
        }
        log.error({ title: `${direction} queue: grouping entry ${key} failed`, details: `${error.name}: ${error.message}` });
        recordOn(currentEntries([key]), error);
        return true;
      });
      // A reduce that threw left its entries processing, or never claimed them: record the failure on them now.
      summary.reduceSummary.errors.iterator().each((key, serialized) => {
        const error = readStageError(serialized);
        if (error.name === RESTART) {
          log.audit({ title: `${direction} queue: ${key} restarted`, details: 'NetSuite restarted the reduce (SSS_APP_SERVER_RESTART) and ran it again; what had finished was not done twice.' });
          return true;
        }
        log.error({ title: `${direction} queue: ${key} failed`, details: `${error.name}: ${error.message}` });
        recordOn(openEntriesOf(direction, key), error);
        return true;
      });

      const attention: StoreAttention[] = [];
      const throttled: Record<string, number> = {};
      let processed = 0;
      let dead = 0;
      let fetched = 0;
      let outOfUsage = false;
      summary.output.iterator().each((_key, value) => {
        const report = JSON.parse(value) as ReduceReport;
        processed += report.entries;
        dead += report.dead;
        throttled[report.storeId] = (throttled[report.storeId] ?? 0) + report.throttledCalls;
        if (report.attention) attention.push(report.attention);
        if (report.outOfUsage) outOfUsage = true;
        return true;
      });
      summary.mapSummary.keys.iterator().each(() => {
        fetched++;
        return true;
      });
      log.audit({ title: `${direction} queue run`, details: `${processed} entries processed, usage ${summary.usage}` });
      // Digests are read only when there may be news: something failed now, or a digest is still owed.
      const heavyThrottling = Object.values(throttled).some((n) => n >= THROTTLING_ALERT_THRESHOLD);
      if (dead > 0 || attention.length > 0 || heavyThrottling || digestOwed()) sendDigests(direction, stores, attention, throttled, now);
      // Work left behind (a full run, or reduces that ran low on usage) starts the next run at once.
      if ((fetched >= MAX_ENTRIES_PER_RUN || outOfUsage) && dueEntries(direction, Date.now(), 1).length > 0) nudgeProcessor(direction, script.deploymentId);
    },
  };
}
