/**
 * The reconciliation poller's work for one store and one kind (orders or companies): ask Shopify
 * what changed since the cursor, queue what NetSuite does not hold yet (same keys as webhooks, so
 * a change seen both ways is one entry), and move the cursor. Catches lost, late and never
 * subscribed webhooks.
 */
import * as query from 'N/query';
import * as record from 'N/record';
import type { StoreConfig } from '../core/storeConfig';
import type { ShopifyClient } from '../shopify/client';
import { PollCompanies, PollOrders, type Changed } from '../shopify/operations';
import { inboundEntry } from '../sync/intake/envelope';
import { externalIdFor } from '../sync/orders/salesOrderPlan';
import { advanceCursor, pollWindow } from '../sync/poll/window';
import { ENTITY_UPDATED_AT_FIELD } from './customers';
import { QUEUE_FIELDS, QUEUE_RECORD_TYPE } from './queueRecord';
import { enqueue, existingKeys } from './queueStore';
import { ORDER_FIELDS } from './salesOrders';
import { SHOPIFY_GID_FIELDS } from './shopifyLinks';
import { POLL_CURSOR_FIELDS, STORE_RECORD_TYPE } from './storeRecord';

export type PollKind = keyof typeof POLL_CURSOR_FIELDS;

export interface PollResult {
  seen: number;
  queued: number;
  upToDate: number;
  cursor?: string;
  complete: boolean;
}

export function readCursor(storeId: string, kind: PollKind): string | undefined {
  const field = POLL_CURSOR_FIELDS[kind];
  const row = query.runSuiteQL({ query: `SELECT ${field} AS cursor FROM ${STORE_RECORD_TYPE} WHERE id = ?`, params: [Number(storeId)] }).asMappedResults()[0];
  return row?.cursor ? String(row.cursor) : undefined;
}

function saveCursor(storeId: string, kind: PollKind, cursor: string) {
  record.submitFields({ type: STORE_RECORD_TYPE, id: storeId, values: { [POLL_CURSOR_FIELDS[kind]]: cursor }, options: { enableSourcing: false, ignoreMandatoryFields: true } });
}

/** What NetSuite last synced for each gid (Shopify's updatedAt), one query per page. */
function syncedVersions(store: StoreConfig, kind: PollKind, gids: string[]): Map<string, string> {
  const versions = new Map<string, string>();
  if (gids.length === 0) return versions;
  const marks = gids.map(() => '?').join(', ');
  if (kind === 'orders') {
    const byExternalId = new Map(gids.map((g) => [externalIdFor(store.shopDomain, g), g]));
    query
      .runSuiteQL({ query: `SELECT externalid, ${ORDER_FIELDS.updatedAt} AS updatedat FROM transaction WHERE type = 'SalesOrd' AND externalid IN (${marks})`, params: Array.from(byExternalId.keys()) })
      .asMappedResults()
      .forEach((r) => versions.set(byExternalId.get(String(r.externalid)) ?? '', String(r.updatedat ?? '')));
  } else {
    query
      .runSuiteQL({ query: `SELECT ${SHOPIFY_GID_FIELDS.customer} AS gid, ${ENTITY_UPDATED_AT_FIELD} AS updatedat FROM customer WHERE ${SHOPIFY_GID_FIELDS.customer} IN (${marks})`, params: gids })
      .asMappedResults()
      .forEach((r) => versions.set(String(r.gid), String(r.updatedat ?? '')));
  }
  return versions;
}

/** Gids among `gids` with an inbound entry of the store still waiting to be processed (one query per 500). */
function openInboundGids(storeId: string, gids: string[]): Set<string> {
  const f = QUEUE_FIELDS;
  const found = new Set<string>();
  for (let i = 0; i < gids.length; i += 500) {
    const chunk = gids.slice(i, i + 500);
    query
      .runSuiteQL({
        query: `SELECT DISTINCT ${f.shopifyGid} AS gid FROM ${QUEUE_RECORD_TYPE}
                WHERE ${f.direction} = 'inbound' AND ${f.storeId} = ? AND ${f.status} IN ('pending', 'retrying', 'processing')
                  AND ${f.shopifyGid} IN (${chunk.map(() => '?').join(', ')})`,
        params: [Number(storeId), ...chunk],
      })
      .asMappedResults()
      .forEach((r) => found.add(String(r.gid)));
  }
  return found;
}

export function pollStore(store: StoreConfig, kind: PollKind, client: ShopifyClient, now: number, canContinue: () => boolean): PollResult {
  const startCursor = readCursor(store.id, kind);
  const window = pollWindow(startCursor, store.pollOverlapMinutes, store.b2bOrderSyncWindowDays, now);
  const result: PollResult = { seen: 0, queued: 0, upToDate: 0, cursor: startCursor, complete: false };
  let after: string | null = null;
  for (;;) {
    const page: Changed = kind === 'orders' ? client.request(PollOrders, { query: window.query, after }).data.orders : client.request(PollCompanies, { query: window.query, after }).data.companies;
    result.seen += page.nodes.length;
    const versions = syncedVersions(store, kind, page.nodes.map((n) => n.id));
    const at = new Date(now).toISOString();
    const candidates = page.nodes
      .filter((n) => {
        const upToDate = versions.get(n.id) === n.updatedAt;
        if (upToDate) result.upToDate++;
        return !upToDate;
      })
      .map((n) => inboundEntry(store.id, store.shopDomain, { kind: kind === 'orders' ? 'order' : 'company', gid: n.id, updatedAt: n.updatedAt }, { source: 'poll', at }));
    // A change already waiting (its webhook came, or an earlier run saw it) needs no second entry:
    // the handler re-reads the object when it runs. If that run read it before this change, the
    // next poll sees NetSuite still behind and queues it then.
    const waiting = openInboundGids(store.id, candidates.map((c) => c.shopifyGid!));
    const queuedAlready = existingKeys(candidates.filter((c) => !waiting.has(c.shopifyGid!)).map((c) => c.key));
    for (const entry of candidates.filter((c) => !waiting.has(c.shopifyGid!) && !queuedAlready.has(c.key))) {
      if (enqueue(entry).status === 'created') result.queued++;
    }
    result.cursor = advanceCursor(result.cursor, page.nodes.map((n) => n.updatedAt));
    if (!page.pageInfo.hasNextPage) {
      result.complete = true;
      break;
    }
    after = page.pageInfo.endCursor;
    if (!canContinue()) break;
  }
  if (result.cursor && result.cursor !== startCursor) saveCursor(store.id, kind, result.cursor);
  return result;
}
