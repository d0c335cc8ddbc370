/** Reads what the status page shows, and sends entries back to the queue for it. Four SuiteQL reads. */
import * as query from 'N/query';
import * as record from 'N/record';
import * as url from 'N/url';
import type { AttentionEntry, QueueCount, StatusModel, StoreStatus, SyncReportRow } from '../sync/status/statusPage';
import { QUEUE_FIELDS, QUEUE_RECORD_TYPE } from './queueRecord';
import { CONNECTION_FIELD } from './storeStatus';
import { INVENTORY_CURSOR_FIELD, POLL_CURSOR_FIELDS, STORE_RECORD_TYPE } from './storeRecord';
import { loadStores, lookupStore } from './stores';

/** Entries shown as needing attention, newest first. */
const ATTENTION_LIMIT = 200;
const REPORT_LIMIT = 20;

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));

function rows(sql: string, params: (string | number | boolean)[] = []): Record<string, unknown>[] {
  return query.runSuiteQL({ query: sql, params }).asMappedResults() as Record<string, unknown>[];
}

export function readStatus(message?: string): StatusModel {
  const stores = loadStores();
  const storeRows = rows(
    `SELECT id, ${CONNECTION_FIELD} AS connection, ${POLL_CURSOR_FIELDS.orders} AS orders, ${POLL_CURSOR_FIELDS.companies} AS companies, ${INVENTORY_CURSOR_FIELD} AS inventory FROM ${STORE_RECORD_TYPE} ORDER BY id`,
  );
  const storeStatuses: StoreStatus[] = storeRows.map((r) => {
    const id = text(r.id);
    const lookup = lookupStore(stores, id);
    const values = stores[id]?.values;
    return {
      id,
      name: values?.name || values?.shopDomain || `Store ${id}`,
      shopDomain: values?.shopDomain ?? '',
      status: lookup.status,
      problems: lookup.status === 'invalid' ? lookup.problems.map((p) => `${p.setting}: ${p.message}`) : [],
      connection: text(r.connection),
      cursors: [
        { label: 'Orders reconciled up to', value: text(r.orders) },
        { label: 'Companies reconciled up to', value: text(r.companies) },
        { label: 'Inventory pushed up to', value: text(r.inventory) },
      ],
    };
  });
  const f = QUEUE_FIELDS;
  const counts: QueueCount[] = rows(
    `SELECT ${f.storeId} AS store, ${f.direction} AS direction, ${f.status} AS status, COUNT(*) AS n FROM ${QUEUE_RECORD_TYPE} GROUP BY ${f.storeId}, ${f.direction}, ${f.status}`,
  ).map((r) => ({ storeId: text(r.store), direction: text(r.direction), status: text(r.status), count: Number(r.n) }));
  const attention: AttentionEntry[] = rows(
    `SELECT id, ${f.storeId} AS store, ${f.direction} AS direction, ${f.topic} AS topic, ${f.status} AS status, ${f.attempts} AS attempts,
            ${f.shopifyGid} AS gid, ${f.netsuiteType} AS nstype, ${f.netsuiteId} AS nsid, ${f.errorCode} AS code, ${f.errorMessage} AS message,
            TO_CHAR(${f.errorAt}, 'YYYY-MM-DD HH24:MI') AS errorat, TO_CHAR(${f.nextAttemptAt}, 'YYYY-MM-DD HH24:MI') AS nextat
       FROM ${QUEUE_RECORD_TYPE}
      WHERE ${f.status} = 'dead' OR (${f.status} IN ('retrying', 'pending') AND ${f.errorCode} IS NOT NULL)
      ORDER BY id DESC FETCH FIRST ${ATTENTION_LIMIT} ROWS ONLY`,
  ).map((r) => ({
    id: text(r.id),
    storeId: text(r.store),
    direction: text(r.direction),
    topic: text(r.topic),
    status: text(r.status),
    attempts: Number(r.attempts ?? 0),
    shopifyGid: text(r.gid),
    netsuite: r.nsid ? `${text(r.nstype)} ${text(r.nsid)}` : '',
    error: r.code ? `${text(r.code)}: ${text(r.message)}` : '',
    errorAt: text(r.errorat),
    nextAttemptAt: text(r.nextat),
    url: url.resolveRecord({ recordType: QUEUE_RECORD_TYPE, recordId: Number(r.id) }),
  }));
  const reports: SyncReportRow[] = rows(
    `SELECT id, custrecord_sb2b_sr_store AS store, custrecord_sb2b_sr_kind AS kind, custrecord_sb2b_sr_summary AS summary, TO_CHAR(created, 'YYYY-MM-DD HH24:MI') AS created
       FROM customrecord_sb2b_sync_report ORDER BY id DESC FETCH FIRST ${REPORT_LIMIT} ROWS ONLY`,
  ).map((r) => ({
    id: text(r.id),
    storeId: text(r.store),
    kind: text(r.kind),
    summary: text(r.summary),
    created: text(r.created),
    url: url.resolveRecord({ recordType: 'customrecord_sb2b_sync_report', recordId: Number(r.id) }),
  }));
  return { generatedAt: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC', stores: storeStatuses, counts, attention, reports, message };
}

/** Dead entries of a store, newest first (at most `limit`). */
export function deadEntriesOf(storeId: string, limit: number): string[] {
  return rows(`SELECT id FROM ${QUEUE_RECORD_TYPE} WHERE ${QUEUE_FIELDS.storeId} = ? AND ${QUEUE_FIELDS.status} = 'dead' ORDER BY id DESC FETCH FIRST ${limit} ROWS ONLY`, [Number(storeId)]).map((r) =>
    text(r.id),
  );
}

/**
 * Ticks Retry on each entry, as an admin would on the record: the queue entry's user event sends it
 * back to the queue (attempts start over) and starts the processor. Returns how many it sent back.
 */
export function requestRetries(ids: string[]): { sent: number; failed: string[] } {
  let sent = 0;
  const failed: string[] = [];
  for (const id of ids) {
    try {
      record.submitFields({ type: QUEUE_RECORD_TYPE, id, values: { [QUEUE_FIELDS.retryRequested]: true }, options: { enableSourcing: false, ignoreMandatoryFields: true } });
      sent++;
    } catch (e) {
      failed.push(`${id} (${(e as { message?: string }).message ?? String(e)})`);
    }
  }
  return { sent, failed };
}
