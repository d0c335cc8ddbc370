/**
 * @NApiVersion 2.1
 * @NScriptType MapReduceScript
 * @NModuleScope SameAccount
 */

// Inventory sync. Every 15 minutes: NetSuite availability changed since the store's cursor (minus the
// overlap) reaches Shopify by location, in batches of up to 250. Daily (the "full" deployment): every
// linked item-location is compared and drift corrected, items are linked by SKU, and a report kept.
import * as log from 'N/log';
import * as runtime from 'N/runtime';
import type { EntryPoints } from 'N/types';
import { describeDrift, driftReport, type Difference } from '../sync/inventory/drift';
import { desiredQuantities, intoBatches, type InventoryBatch } from '../sync/inventory/quantities';
import { itemLocationRows, saveInventoryCursor, saveReport, windowStart } from '../netsuite/inventory';
import { linkStoreItems, pushBatch, type BatchOutcome } from '../netsuite/inventorySync';
import { readStageError } from '../netsuite/queueProcessor';
import { shopifyClientFor } from '../netsuite/shopify';
import { INVENTORY_CURSOR_FIELD, STORE_RECORD_TYPE } from '../netsuite/storeRecord';
import { loadStores, lookupStore } from '../netsuite/stores';
import * as query from 'N/query';

const FULL_PARAMETER = 'custscript_sb2b_inv_full';
/** Rate-limit waits may take longer here than in a queue handler: a batch has nowhere else to go. */
const MAX_PAUSE_MS = 20_000;

type Work =
  | { kind: 'push'; storeId: string; runId: string; full: boolean; batch: InventoryBatch; cursor?: string }
  | { kind: 'link'; storeId: string }
  | { kind: 'cursor'; storeId: string; cursor: string };

export const config = { retryCount: 2, exitOnError: false };

function isFull(): boolean {
  const value = runtime.getCurrentScript().getParameter({ name: FULL_PARAMETER });
  return value === true || value === 'T';
}

function cursorOf(storeId: string): string | undefined {
  const row = query.runSuiteQL({ query: `SELECT ${INVENTORY_CURSOR_FIELD} AS cursor FROM ${STORE_RECORD_TYPE} WHERE id = ?`, params: [Number(storeId)] }).asMappedResults()[0];
  return row?.cursor ? String(row.cursor) : undefined;
}

export const getInputData: EntryPoints.MapReduce.getInputData = () => {
  const full = isFull();
  const stores = loadStores();
  const script = runtime.getCurrentScript();
  const work: Record<string, Work> = {};
  for (const storeId of Object.keys(stores)) {
    const lookup = lookupStore(stores, storeId);
    if (lookup.status !== 'ok' || !lookup.config.syncs.inventory || lookup.config.locations.length === 0) continue;
    const store = lookup.config;
    const cursor = cursorOf(storeId);
    const since = full || !cursor ? undefined : windowStart(cursor, store.pollOverlapMinutes);
    const changed = itemLocationRows(store, since, () => script.getRemainingUsage() > 500);
    const batches = intoBatches(desiredQuantities(changed.rows, store));
    const runId = full ? `full-${new Date().toISOString().slice(0, 10)}` : since ?? 'first';
    const nextCursor = changed.complete ? changed.newest ?? cursor : cursor;
    batches.forEach((batch, i) => (work[`${storeId}|${i}`] = { kind: 'push', storeId, runId, full, batch, cursor: nextCursor }));
    if (batches.length === 0 && nextCursor && nextCursor !== cursor) work[`${storeId}|cursor`] = { kind: 'cursor', storeId, cursor: nextCursor };
    if (full) work[`${storeId}|link`] = { kind: 'link', storeId };
  }
  return work;
};

export const reduce: EntryPoints.MapReduce.reduce = (context) => {
  const work = JSON.parse(context.values[0]) as Work;
  const lookup = lookupStore(loadStores(), work.storeId);
  if (lookup.status !== 'ok') return;
  const script = runtime.getCurrentScript();
  if (work.kind === 'cursor') {
    context.write({ key: context.key, value: JSON.stringify(work) });
    return;
  }
  const client = shopifyClientFor(lookup.config, { maxPauseMs: MAX_PAUSE_MS });
  if (work.kind === 'link') {
    const outcome = linkStoreItems(lookup.config, client, () => script.getRemainingUsage() > 200);
    log.audit({ title: `inventory: SKU linking for store ${work.storeId}`, details: `${outcome.linked} linked, ${outcome.problems} problems (report ${outcome.reportId})` });
    return;
  }
  const outcome = pushBatch(lookup.config, work.batch, work.runId, client);
  context.write({ key: context.key, value: JSON.stringify({ ...outcome, cursor: work.cursor, full: work.full }) });
};

export const summarize: EntryPoints.MapReduce.summarize = (summary) => {
  if (summary.inputSummary.error) log.error({ title: 'inventory: reading changes failed', details: readStageError(summary.inputSummary.error).message });
  const failedStores = new Set<string>();
  summary.reduceSummary.errors.iterator().each((key, serialized) => {
    failedStores.add(key.split('|')[0]);
    const error = readStageError(serialized);
    log.error({ title: `inventory: ${key} failed`, details: `${error.name}: ${error.message}` });
    return true;
  });
  type Total = { cursor?: string; full: boolean; outcomes: BatchOutcome[] };
  const totals = new Map<string, Total>();
  summary.output.iterator().each((_key, value) => {
    const result = JSON.parse(value) as (BatchOutcome & { cursor?: string; full: boolean }) | { kind: 'cursor'; storeId: string; cursor: string };
    const total = totals.get(result.storeId) ?? { full: false, outcomes: [] };
    if ('kind' in result) total.cursor = result.cursor;
    else {
      total.outcomes.push(result);
      total.cursor = result.cursor;
      total.full = result.full;
    }
    totals.set(result.storeId, total);
    return true;
  });
  for (const [storeId, total] of totals) {
    const pushed = total.outcomes.reduce((n, o) => n + o.pushed, 0);
    const stale = total.outcomes.reduce((n, o) => n + o.stale, 0);
    log.audit({ title: `inventory: store ${storeId}`, details: `${total.outcomes.length} batches, ${pushed} quantities pushed, ${stale} left for later (sold in Shopify meanwhile)` });
    // A store whose batches all went through moves its cursor; otherwise the next run covers the same changes again.
    if (!failedStores.has(storeId) && total.cursor) saveInventoryCursor(storeId, total.cursor);
    if (total.full) {
      const differences: Difference[] = total.outcomes.flatMap((o) => o.differences);
      const report = driftReport(
        total.outcomes.reduce((n, o) => n + o.compared, 0),
        differences,
        pushed,
        stale,
        total.outcomes.reduce((n, o) => n + o.notStocked, 0),
      );
      saveReport(storeId, 'Inventory drift', describeDrift(report).split('\n')[0], describeDrift(report), { compared: report.compared, differed: report.differed, fixed: report.fixed });
    }
  }
};
