/**
 * @NApiVersion 2.1
 * @NScriptType MapReduceScript
 * @NModuleScope SameAccount
 */

// Inventory sync. Every 15 minutes: NetSuite availability that changed since the store's cursor (minus
// the overlap) reaches Shopify by location, compared in chunks of up to 5,000 item-locations and
// written 250 at a time. Daily (the "full" deployment) and on demand: every linked item-location is
// compared and drift corrected, items not linked yet are linked by SKU, and the run leaves a drift
// report and a SKU linking report.
import * as log from 'N/log';
import * as runtime from 'N/runtime';
import type { EntryPoints } from 'N/types';
import type { StoreConfig } from '../core/storeConfig';
import { describeDrift, driftSummary, mergeTallies, type PushTally } from '../sync/inventory/drift';
import { describeLinkProblems, planLinks, problemCount, type LinkPlan, type PlannedLink, type ShopifyVariant } from '../sync/inventory/linking';
import { desiredQuantity, intoChunks, type AvailableRow, type Chunk } from '../sync/inventory/quantities';
import { itemNames, linkCandidates, mappedLocationNames, readCursor, readStock, saveInventoryCursor, saveReport, windowStart } from '../netsuite/inventory';
import { pushChunk, readVariants, referenceDocument, writeLinks, type LinkOutcome, type PushOutcome } from '../netsuite/inventorySync';
import { readStageError } from '../netsuite/queueProcessor';
import { shopifyClientFor } from '../netsuite/shopify';
import { loadStores, lookupStore } from '../netsuite/stores';

const FULL_PARAMETER = 'custscript_sb2b_inv_full';
/** Rate-limit waits may take longer here than in a queue handler: a chunk has nowhere else to go. */
const MAX_PAUSE_MS = 20_000;
/** Units getInputData keeps back for the stores after this one and for handing the work over. */
const INPUT_RESERVE = 500;
/** Links written per unit of work (5 units each: well inside a reduce's 5,000). */
const LINKS_PER_UNIT = 500;

/** What linking found for a store in a full run (problems travel to summarize through the run unit). */
interface LinkingSummary {
  candidates: number;
  planned: number;
  /** False when Shopify's catalog could not be read in full: nothing is linked from half a catalog. */
  catalogComplete: boolean;
  variantsRead: number;
  problems: Omit<LinkPlan, 'links'>;
}

type Work =
  | { kind: 'push'; store: StoreConfig; runId: string; reference: string; chunk: Chunk }
  | { kind: 'link'; storeId: string; links: PlannedLink[] }
  | { kind: 'run'; storeId: string; runId: string; full: boolean; reference: string; cursor?: string; readComplete: boolean; quantities: number; linking?: LinkingSummary };

/** `rerun`: a retry or a restart ran the chunk again; what its earlier attempt wrote counts as already matching. */
type Output = (PushOutcome & { kind: 'push'; rerun: boolean }) | (LinkOutcome & { kind: 'link' }) | Extract<Work, { kind: 'run' }>;

export const config = { retryCount: 2, exitOnError: false };

function isFull(): boolean {
  const value = runtime.getCurrentScript().getParameter({ name: FULL_PARAMETER });
  return value === true || value === 'T';
}

function emptyProblems(): Omit<LinkPlan, 'links'> {
  return { duplicateInShopify: [], duplicateInNetSuite: [], nearMatch: [], alreadyLinked: [], missingInShopify: [] };
}

export const getInputData: EntryPoints.MapReduce.getInputData = () => {
  const full = isFull();
  const script = runtime.getCurrentScript();
  const budget = () => script.getRemainingUsage() > INPUT_RESERVE;
  const stores = loadStores();
  const work: Record<string, Work> = {};
  for (const storeId of Object.keys(stores)) {
    const lookup = lookupStore(stores, storeId);
    if (lookup.status !== 'ok' || !lookup.config.syncs.inventory || lookup.config.locations.length === 0) continue;
    const store = lookup.config;
    // The run's id is made once, here, and travels in the map/reduce's own data: every retry or
    // restart of a chunk derives the same idempotency keys from it.
    const runId = `${full ? 'full' : 'delta'}-${storeId}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
    const reference = referenceDocument(runtime.accountId, runId);
    const cursor = readCursor(storeId);
    const since = full || !cursor ? undefined : windowStart(cursor, store.pollOverlapMinutes);

    let linking: LinkingSummary | undefined;
    let catalog: ShopifyVariant[] | undefined;
    const found = full ? linkCandidates(budget) : { candidates: [], complete: true };
    if (found.candidates.length > 0) {
      const read = readVariants(shopifyClientFor(store, { maxPauseMs: MAX_PAUSE_MS }), budget);
      linking = { candidates: found.candidates.length, planned: 0, catalogComplete: read.complete && found.complete, variantsRead: read.variants.length, problems: emptyProblems() };
      if (linking.catalogComplete) catalog = read.variants;
    }

    const stock = readStock(storeId, { since, includeUnlinked: !!catalog }, budget);
    let plan: LinkPlan | undefined;
    if (catalog) {
      // A variant already linked to another item is not linked again.
      const owners = new Map(stock.rows.filter((r) => r.inventoryItemGid).map((r) => [r.inventoryItemGid!, r.itemId]));
      plan = planLinks(found.candidates, catalog, owners);
    }
    const plannedGid = new Map((plan?.links ?? []).map((l) => [l.itemId, l.inventoryItemGid]));
    const rows: AvailableRow[] = [];
    for (const row of stock.rows) {
      const gid = row.inventoryItemGid ?? plannedGid.get(row.itemId);
      if (gid) rows.push({ ...row, inventoryItemGid: gid });
    }
    const chunks = intoChunks(rows.map((r) => desiredQuantity(r, store.inventorySafetyBuffer)));
    chunks.forEach((chunk, i) => (work[`${storeId}|push|${i}`] = { kind: 'push', store, runId, reference, chunk }));
    if (plan && linking) {
      const { links, ...problems } = plan;
      linking.planned = links.length;
      linking.problems = problems;
      for (let i = 0; i < links.length; i += LINKS_PER_UNIT) work[`${storeId}|link|${i / LINKS_PER_UNIT}`] = { kind: 'link', storeId, links: links.slice(i, i + LINKS_PER_UNIT) };
    }
    work[`${storeId}|run`] = {
      kind: 'run',
      storeId,
      runId,
      full,
      reference,
      cursor: stock.complete ? stock.newest ?? cursor : cursor,
      readComplete: stock.complete,
      quantities: rows.length,
      linking,
    };
  }
  return work;
};

export const reduce: EntryPoints.MapReduce.reduce = (context) => {
  const work = JSON.parse(context.values[0]) as Work;
  let output: Output;
  if (work.kind === 'push') {
    const client = shopifyClientFor(work.store, { maxPauseMs: MAX_PAUSE_MS });
    output = { kind: 'push', rerun: context.isRestarted || context.executionNo > 1, ...pushChunk(work.store, work.chunk, work.runId, work.reference, client) };
  } else if (work.kind === 'link') {
    output = { kind: 'link', ...writeLinks(work.storeId, work.links) };
  } else {
    output = work; // the store's run: carried to summarize
  }
  context.write({ key: context.key, value: JSON.stringify(output) });
};

interface StoreRun {
  run?: Extract<Work, { kind: 'run' }>;
  pushes: (PushOutcome & { rerun: boolean })[];
  links: LinkOutcome[];
  failures: string[];
}

function linkingReport(linking: LinkingSummary, links: LinkOutcome[], failed: boolean): { summary: string; details: string; counts: { compared: number; differed: number; fixed: number } } {
  const linked = links.reduce((n, l) => n + l.linked, 0);
  const problems = { ...linking.problems, alreadyLinked: [...linking.problems.alreadyLinked, ...links.flatMap((l) => l.taken)] };
  const count = problemCount(problems);
  if (!linking.catalogComplete) {
    const summary = `${linking.candidates} items are not linked to Shopify yet, but Shopify's catalog could not be read in full within this run's usage (${linking.variantsRead} variants read), so none was linked: linking from part of the catalog could miss a duplicate SKU.`;
    return { summary, details: `${summary}\nRun the full reconciliation again, or link the items by hand (Shopify variant ID and Shopify inventory item ID on the item).`, counts: { compared: linking.candidates, differed: 0, fixed: 0 } };
  }
  const summary =
    `${linking.candidates} items were not linked to Shopify: ${linked} linked by SKU${failed ? ' (some slices failed; see the script log)' : ''}; ${count} SKU problem(s) left for a person: ` +
    `${problems.duplicateInShopify.length} on several Shopify variants, ${problems.duplicateInNetSuite.length} on several NetSuite items, ` +
    `${problems.nearMatch.length} differing only in case or spaces, ${problems.alreadyLinked.length} whose variant another item has, ${problems.missingInShopify.length} not in Shopify.`;
  const lines = describeLinkProblems(problems);
  return { summary, details: [summary, ...(lines.length ? ['', ...lines] : [])].join('\n'), counts: { compared: linking.candidates, differed: count, fixed: linked } };
}

export const summarize: EntryPoints.MapReduce.summarize = (summary) => {
  if (summary.inputSummary.error) log.error({ title: 'inventory: reading changes failed', details: readStageError(summary.inputSummary.error).message });
  const stores = new Map<string, StoreRun>();
  const of = (storeId: string) => {
    let entry = stores.get(storeId);
    if (!entry) stores.set(storeId, (entry = { pushes: [], links: [], failures: [] }));
    return entry;
  };
  // Every failed execution is listed, including ones a retry or a restart then completed: a key
  // failed only if it left no output.
  const attempts = new Map<string, string>();
  summary.reduceSummary.errors.iterator().each((key, serialized) => {
    const error = readStageError(serialized);
    attempts.set(key, `${error.name}: ${error.message}`); // the last attempt's error
    return true;
  });
  const completed = new Set<string>();
  summary.output.iterator().each((key, value) => {
    completed.add(key);
    const result = JSON.parse(value) as Output;
    if (result.kind === 'push') of(result.storeId).pushes.push(result);
    else if (result.kind === 'link') of(result.storeId).links.push(result);
    else of(result.storeId).run = result;
    return true;
  });
  for (const [key, error] of attempts) {
    if (completed.has(key)) {
      log.audit({ title: `inventory: ${key} completed on a later attempt`, details: error });
      continue;
    }
    of(key.split('|')[0]).failures.push(`${key}: ${error}`);
    log.error({ title: `inventory: ${key} failed`, details: error });
  }
  for (const [storeId, entry] of stores) {
    const run = entry.run;
    if (!run) continue; // its run unit failed: nothing to conclude, the next run covers it again
    const tally: PushTally = mergeTallies(entry.pushes.map((p) => p.tally));
    const writes = entry.pushes.reduce((n, p) => n + p.writes, 0);
    const failed = entry.failures.length > 0;
    log.audit({
      title: `inventory: store ${storeId} ${run.full ? 'full reconciliation' : 'changes'}`,
      details: `${driftSummary(tally)} ${writes} writes to Shopify; ${entry.failures.length} chunks failed (run ${run.runId}).`,
    });
    // A store whose chunks all went through moves its cursor; otherwise the next run covers the same changes again.
    if (!failed && run.cursor) saveInventoryCursor(storeId, run.cursor);
    if (run.full) {
      const names = { items: itemNames(tally.largest.map((d) => d.itemId)), locations: mappedLocationNames(storeId) };
      const notes = [
        ...(entry.pushes.some((p) => p.rerun)
          ? [`${entry.pushes.filter((p) => p.rerun).length} chunks ran again after a retry or a restart: what their first attempt fixed is counted above as already matching.`]
          : []),
        ...(run.readComplete ? [] : [`Not every item-location could be read within this run's usage: ${tally.compared} were compared. Run the full reconciliation again.`]),
        ...(failed ? [`${entry.failures.length} chunks failed and were not compared; the next run covers them:`, ...entry.failures.slice(0, 20).map((f) => `- ${f}`)] : []),
      ];
      saveReport({
        storeId,
        kind: 'Inventory drift',
        runId: run.runId,
        summary: driftSummary(tally),
        details: [describeDrift(tally, names, run.reference), ...(notes.length ? ['', ...notes] : [])].join('\n'),
        counts: { compared: tally.compared, differed: tally.differed, fixed: tally.fixed },
      });
      if (run.linking) {
        const report = linkingReport(run.linking, entry.links, entry.failures.some((f) => f.includes('|link|')));
        saveReport({ storeId, kind: 'SKU linking', runId: run.runId, ...report });
      }
    }
  }
};
