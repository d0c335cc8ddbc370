/**
 * @NApiVersion 2.1
 * @NScriptType MapReduceScript
 * @NModuleScope SameAccount
 */

// Reconciliation: every 15 minutes, for each active store, asks Shopify for orders and companies
// changed since the last look and queues what NetSuite lacks. Webhooks are the fast path; this
// catches the ones that were lost, late or never subscribed.
import * as log from 'N/log';
import * as runtime from 'N/runtime';
import type { EntryPoints } from 'N/types';
import { nudgeProcessor } from '../netsuite/nudge';
import { pollStore, type PollKind, type PollResult } from '../netsuite/poller';
import { readStageError } from '../netsuite/queueProcessor';
import { shopifyClientFor } from '../netsuite/shopify';
import { loadStores, lookupStore } from '../netsuite/stores';

/** Leave this much of a reduce's 5,000 units for saving the cursor and the summary. */
const RESERVE_UNITS = 400;

export const getInputData: EntryPoints.MapReduce.getInputData = () => {
  const stores = loadStores();
  const work: { storeId: string; kind: PollKind }[] = [];
  for (const id of Object.keys(stores)) {
    const lookup = lookupStore(stores, id);
    if (lookup.status !== 'ok') continue;
    if (lookup.config.syncs.orders) work.push({ storeId: id, kind: 'orders' });
    if (lookup.config.syncs.companies) work.push({ storeId: id, kind: 'companies' });
  }
  return work;
};

export const map: EntryPoints.MapReduce.map = (context) => {
  const { storeId, kind } = JSON.parse(context.value) as { storeId: string; kind: PollKind };
  context.write({ key: `${storeId}|${kind}`, value: kind });
};

export const reduce: EntryPoints.MapReduce.reduce = (context) => {
  const [storeId, kind] = context.key.split('|') as [string, PollKind];
  const lookup = lookupStore(loadStores(), storeId);
  if (lookup.status !== 'ok') return;
  const script = runtime.getCurrentScript();
  const result = pollStore(lookup.config, kind, shopifyClientFor(lookup.config), Date.now(), () => script.getRemainingUsage() > RESERVE_UNITS);
  context.write({ key: context.key, value: JSON.stringify(result) });
};

export const summarize: EntryPoints.MapReduce.summarize = (summary) => {
  if (summary.inputSummary.error) log.error({ title: 'poll: listing stores failed', details: readStageError(summary.inputSummary.error).message });
  summary.reduceSummary.errors.iterator().each((key, serialized) => {
    const error = readStageError(serialized);
    log.error({ title: `poll ${key} failed`, details: `${error.name}: ${error.message}` });
    return true;
  });
  let queued = 0;
  summary.output.iterator().each((key, value) => {
    const result = JSON.parse(value) as PollResult;
    queued += result.queued;
    log.audit({ title: `poll ${key}`, details: `${result.seen} changed in Shopify, ${result.queued} queued, ${result.upToDate} already synced${result.complete ? '' : ' (more next run)'}; cursor ${result.cursor ?? 'none'}` });
    return true;
  });
  if (queued > 0) nudgeProcessor('inbound');
};
