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
import { DEFAULT_RETRY_POLICY, transition } from '../core/queue';
import type { Direction, QueueEntry } from '../core/queueEntry';
import { sendDigests } from './alerting';
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
    getInputData: () => dueEntries(direction, Date.now(), MAX_ENTRIES_PER_RUN).map((entry) => ({ key: entityKey(entry), id: entry.id })),

    map: (context) => {
      const { key, id } = JSON.parse(context.value) as { key: string; id: string };
      context.write({ key, value: id });
    },

    reduce: (context) => {
      const now = Date.now();
      const claimed = context.values.map((id) => claim(id, now, DEFAULT_RETRY_POLICY)).filter((e): e is QueueEntry => e !== undefined);
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
      const byId = new Map(claimed.map((e) => [e.id, e]));
      for (const entry of result.entries) saveEntry(byId.get(entry.id)!, entry);
      const report: ReduceReport = {
        storeId: claimed[0].storeId,
        entries: claimed.length,
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
      summary.output.iterator().each((_key, value) => {
        const report = JSON.parse(value) as ReduceReport;
        processed += report.entries;
        throttled[report.storeId] = (throttled[report.storeId] ?? 0) + report.throttledCalls;
        if (report.attention) attention.push(report.attention);
        return true;
      });
      log.audit({ title: `${direction} queue run`, details: `${processed} entries processed, usage ${summary.usage}` });
      sendDigests(direction, loadStores(), attention, throttled, now);
      if (dueEntries(direction, Date.now(), 1).length > 0) nudgeProcessor(direction, runtime.getCurrentScript().deploymentId);
    },
  };
}
