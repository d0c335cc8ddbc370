/**
 * The queue processors' map/reduce stages, shared by mr_inbound and mr_outbound:
 * - getInputData: due entries of one direction (oldest due first, at most MAX_ENTRIES_PER_RUN);
 * - map: groups them by entity (entityKey), so one reduce handles one Shopify object or NetSuite record;
 * - reduce: claims the entity's entries (exclusively), runs its handler, writes each entry's new state;
 * - summarize: reports every stage error into the entries and the log, sends alert digests, and
 *   starts another run when due work is left.
 */
import * as log from 'N/log';
import * as runtime from 'N/runtime';
import type { EntryPoints } from 'N/types';
import { entityKey, type HandlerRegistry } from '../core/handlers';
import { runEntity, type StoreAttention } from '../core/processor';
import { THROTTLING_ALERT_THRESHOLD } from '../core/alerts';
import { DEFAULT_RETRY_POLICY, isDue, transition } from '../core/queue';
import type { Direction, QueueEntry } from '../core/queueEntry';
import { digestOwed, sendDigests } from './alerting';
import { nudgeProcessor } from './nudge';
import { claim, dueEntries, processingEntriesOf, saveEntry } from './queueStore';
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

export interface QueueProcessor {
  getInputData: EntryPoints.MapReduce.getInputData;
  map: EntryPoints.MapReduce.map;
  reduce: EntryPoints.MapReduce.reduce;
  summarize: EntryPoints.MapReduce.summarize;
}

export function queueProcessor(direction: Direction, registry: HandlerRegistry): QueueProcessor {
  return {
    getInputData: () => dueEntries(direction, Date.now(), MAX_ENTRIES_PER_RUN),

    // Entries travel whole to their reduce, grouped by entity: a reduce need not read them again.
    map: (context) => {
      const entry = JSON.parse(context.value) as QueueEntry;
      context.write({ key: entityKey(entry), value: JSON.stringify(entry) });
    },

    reduce: (context) => {
      const now = Date.now();
      const claimed: QueueEntry[] = [];
      const before = new Map<string | undefined, QueueEntry>();
      for (const value of context.values) {
        const entry = JSON.parse(value) as QueueEntry;
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
      if (summary.inputSummary.error) {
        const error = readStageError(summary.inputSummary.error);
        log.error({ title: `${direction} queue: reading due entries failed`, details: `${error.name}: ${error.message}` });
      }
      summary.mapSummary.errors.iterator().each((key, serialized) => {
        const error = readStageError(serialized);
        log.error({ title: `${direction} queue: grouping entry ${key} failed`, details: `${error.name}: ${error.message}` });
        return true;
      });
      // A reduce that threw left its claimed entries processing: record the failure on them now.
      summary.reduceSummary.errors.iterator().each((key, serialized) => {
        const error = readStageError(serialized);
        log.error({ title: `${direction} queue: ${key} failed`, details: `${error.name}: ${error.message}` });
        for (const entry of processingEntriesOf(direction, key)) {
          const failed = transition(entry, { type: 'failed', retriable: true, error: { code: error.name, message: error.message } }, now, DEFAULT_RETRY_POLICY);
          saveEntry(entry, failed);
        }
        return true;
      });

      const attention: StoreAttention[] = [];
      const throttled: Record<string, number> = {};
      let processed = 0;
      let dead = 0;
      let fetched = 0;
      summary.output.iterator().each((_key, value) => {
        const report = JSON.parse(value) as ReduceReport;
        processed += report.entries;
        dead += report.dead;
        throttled[report.storeId] = (throttled[report.storeId] ?? 0) + report.throttledCalls;
        if (report.attention) attention.push(report.attention);
        return true;
      });
      summary.mapSummary.keys.iterator().each(() => {
        fetched++;
        return true;
      });
      log.audit({ title: `${direction} queue run`, details: `${processed} entries processed, usage ${summary.usage}` });
      // Digests are read only when there may be news: something failed now, or a digest is still owed.
      const heavyThrottling = Object.values(throttled).some((n) => n >= THROTTLING_ALERT_THRESHOLD);
      if (dead > 0 || attention.length > 0 || heavyThrottling || digestOwed()) sendDigests(direction, loadStores(), attention, throttled, now);
      // A full run may have left work behind; then start the next one at once.
      if (fetched >= MAX_ENTRIES_PER_RUN && dueEntries(direction, Date.now(), 1).length > 0) nudgeProcessor(direction, runtime.getCurrentScript().deploymentId);
    },
  };
}
