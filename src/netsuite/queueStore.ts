/**
 * Queue entries as NetSuite records. Usage per entry: enqueue 6 (create 2 + save 4), claim 6
 * (load 2 + save 4, exclusive thanks to optimistic locking), each later state change 2
 * (submitFields). Due entries are found with paged SuiteQL (10 units per 1,000).
 */
import * as query from 'N/query';
import * as record from 'N/record';
import { isDue, transition, type RetryPolicy } from '../core/queue';
import type { Direction, QueueEntry } from '../core/queueEntry';
import { MAX_LONG_TEXT, QUEUE_FIELDS, QUEUE_RECORD_TYPE, queueEntryFrom, queueFieldValues } from './queueRecord';

const SELECTED = ['externalid', ...Object.values(QUEUE_FIELDS).filter((f) => f !== QUEUE_FIELDS.alerted)];

export type EnqueueResult = { status: 'created'; id: string } | { status: 'duplicate' };

function errorName(e: unknown): string {
  return String((e as { name?: unknown })?.name ?? '');
}

/** Creates the entry unless one with the same key exists (NetSuite refuses the duplicate external id). */
export function enqueue(entry: QueueEntry): EnqueueResult {
  if ((entry.payload ?? '').length > MAX_LONG_TEXT) {
    throw new Error(`queue payload of ${entry.payload!.length} characters is over NetSuite's ${MAX_LONG_TEXT}; store ids, not bodies`);
  }
  const rec = record.create({ type: QUEUE_RECORD_TYPE });
  for (const [fieldId, value] of Object.entries(queueFieldValues(entry))) {
    if (value !== null && value !== '') rec.setValue({ fieldId, value });
  }
  try {
    return { status: 'created', id: String(rec.save()) };
  } catch (e) {
    if (errorName(e) === 'DUP_RCRD') return { status: 'duplicate' };
    throw e;
  }
}

/** Keys of entries that already exist, among `keys` (one query per 500 keys). */
export function existingKeys(keys: string[]): Set<string> {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const chunk = keys.slice(i, i + 500);
    const rows = query
      .runSuiteQL({ query: `SELECT externalid FROM ${QUEUE_RECORD_TYPE} WHERE externalid IN (${chunk.map(() => '?').join(', ')})`, params: chunk })
      .asMappedResults();
    rows.forEach((r) => found.add(String(r.externalid)));
  }
  return found;
}

/** The entries as they are now (10 units), for a reduce that may be running again after a restart; entries deleted meanwhile are left out. */
export function currentEntries(ids: string[]): QueueEntry[] {
  if (ids.length === 0) return [];
  return query
    .runSuiteQL({ query: `SELECT id, ${SELECTED.join(', ')} FROM ${QUEUE_RECORD_TYPE} WHERE id IN (${ids.map(() => '?').join(', ')})`, params: ids.map(Number) })
    .asMappedResults()
    .map((row) => queueEntryFrom(String(row.id), (fieldId) => row[fieldId]));
}

/** Entries of one direction that are due at `now`, oldest due first, at most `limit` (up to 5,000: one query, 10 units). */
export function dueEntries(direction: Direction, now: number, limit: number): QueueEntry[] {
  const f = QUEUE_FIELDS;
  return query
    .runSuiteQL({
      query: `SELECT id, ${SELECTED.join(', ')} FROM ${QUEUE_RECORD_TYPE}
              WHERE ${f.direction} = ? AND ${f.status} IN ('pending', 'retrying', 'processing')
                AND (${f.due} IS NULL OR ${f.due} <= ?)
              ORDER BY ${f.due}, id
              FETCH FIRST ${Math.min(5000, Math.max(1, Math.floor(limit)))} ROWS ONLY`,
      params: [direction, now],
    })
    .asMappedResults()
    .map((row) => queueEntryFrom(String(row.id), (fieldId) => row[fieldId]));
}

/** How many entries of a direction are waiting (due or not), for the backlog and the alert digest. */
export function countOpen(direction: Direction, storeId?: string): number {
  const f = QUEUE_FIELDS;
  const rows = query
    .runSuiteQL({
      query: `SELECT COUNT(*) AS n FROM ${QUEUE_RECORD_TYPE} WHERE ${f.direction} = ? AND ${f.status} IN ('pending', 'retrying', 'processing')${storeId ? ` AND ${f.storeId} = ?` : ''}`,
      params: storeId ? [direction, Number(storeId)] : [direction],
    })
    .asMappedResults();
  return Number(rows[0]?.n ?? 0);
}

/**
 * Claims an entry for this run: reloads it, checks it is still due, marks it processing and saves.
 * Returns undefined when another run got there first (the save is refused as stale, or the entry
 * is no longer due), so one entry is never processed by two runs at once.
 */
export function claim(id: string, now: number, policy: RetryPolicy): QueueEntry | undefined {
  let rec: record.Record;
  try {
    rec = record.load({ type: QUEUE_RECORD_TYPE, id });
  } catch (e) {
    if (errorName(e) === 'RCRD_DSNT_EXIST') return undefined;
    throw e;
  }
  const current = queueEntryFrom(id, (fieldId) => rec.getValue({ fieldId }));
  if (!isDue(current, now)) return undefined;
  const claimed = transition(current, { type: 'claimed' }, now, policy);
  setChanged(rec, current, claimed);
  try {
    rec.save();
  } catch (e) {
    if (errorName(e) === 'RCRD_HAS_BEEN_CHANGED') return undefined;
    throw e;
  }
  return claimed;
}

function changedValues(before: QueueEntry, after: QueueEntry): Record<string, string | number | boolean | Date | null> {
  const old = queueFieldValues(before);
  const next = queueFieldValues(after);
  const changed: Record<string, string | number | boolean | Date | null> = {};
  for (const [fieldId, value] of Object.entries(next)) {
    const was = old[fieldId];
    const same = value instanceof Date && was instanceof Date ? value.getTime() === was.getTime() : value === was;
    if (!same) changed[fieldId] = value;
  }
  return changed;
}

function setChanged(rec: record.Record, before: QueueEntry, after: QueueEntry) {
  for (const [fieldId, value] of Object.entries(changedValues(before, after))) rec.setValue({ fieldId, value: value ?? '' });
}

/** Writes an entry's new state (only what changed: 2 units). */
export function saveEntry(before: QueueEntry, after: QueueEntry): void {
  if (!after.id) throw new Error('saveEntry needs a saved entry');
  const values = changedValues(before, after);
  if (Object.keys(values).length === 0) return;
  const submit: Record<string, string | number | boolean | Date> = {};
  for (const [fieldId, value] of Object.entries(values)) submit[fieldId] = value ?? '';
  record.submitFields({ type: QUEUE_RECORD_TYPE, id: after.id, values: submit, options: { enableSourcing: false, ignoreMandatoryFields: true } });
}

/**
 * The open entries (pending, retrying, processing) of one entity, by its map/reduce key (see
 * entityKey): what a reduce that failed was working on. One query, 10 units.
 */
export function openEntriesOf(direction: Direction, key: string): QueueEntry[] {
  const f = QUEUE_FIELDS;
  const [storeId, subject] = [key.slice(0, key.indexOf('|')), key.slice(key.indexOf('|') + 1)];
  const nsRecord = /^([a-z0-9_]+):([0-9]+)$/.exec(subject);
  const byKey = /^([^|]+)\|(.+)$/.exec(subject);
  const where = subject.startsWith('gid://')
    ? { sql: `${f.shopifyGid} = ?`, params: [subject] }
    : nsRecord
      ? { sql: `${f.netsuiteType} = ? AND ${f.netsuiteId} = ?`, params: [nsRecord[1], nsRecord[2]] }
      : byKey
        ? { sql: `${f.topic} = ? AND externalid = ?`, params: [byKey[1], byKey[2]] }
        : undefined;
  if (!where) return [];
  return query
    .runSuiteQL({
      query: `SELECT id, ${SELECTED.join(', ')} FROM ${QUEUE_RECORD_TYPE}
              WHERE ${f.direction} = ? AND ${f.status} IN ('pending', 'retrying', 'processing') AND ${f.storeId} = ? AND ${where.sql}`,
      params: [direction, Number(storeId), ...where.params],
    })
    .asMappedResults()
    .map((row) => queueEntryFrom(String(row.id), (fieldId) => row[fieldId]));
}

export function markAlerted(ids: string[]): void {
  for (const id of ids) {
    record.submitFields({ type: QUEUE_RECORD_TYPE, id, values: { [QUEUE_FIELDS.alerted]: true }, options: { enableSourcing: false, ignoreMandatoryFields: true } });
  }
}

/** Dead entries of a store not yet in a digest (at most `limit`). */
export function undigestedDeadEntries(storeId: string, limit: number): QueueEntry[] {
  const f = QUEUE_FIELDS;
  return query
    .runSuiteQL({
      query: `SELECT id, ${SELECTED.join(', ')} FROM ${QUEUE_RECORD_TYPE}
              WHERE ${f.storeId} = ? AND ${f.status} = 'dead' AND ${f.alerted} = 'F' ORDER BY id`,
      params: [Number(storeId)],
    })
    .asMappedResults()
    .slice(0, limit)
    .map((row) => queueEntryFrom(String(row.id), (fieldId) => row[fieldId]));
}

/** The entry with this idempotency key, if there is one (one query, 10 units). */
export function entryByKey(key: string): QueueEntry | undefined {
  const row = query.runSuiteQL({ query: `SELECT id, ${SELECTED.join(', ')} FROM ${QUEUE_RECORD_TYPE} WHERE externalid = ?`, params: [key] }).asMappedResults()[0];
  return row ? queueEntryFrom(String(row.id), (fieldId) => row[fieldId]) : undefined;
}

/** Replaces what a waiting entry carries, when the record it describes changed before it ran (2 units). */
export function replacePayload(id: string, payload: string): void {
  if (payload.length > MAX_LONG_TEXT) throw new Error(`queue payload of ${payload.length} characters is over NetSuite's ${MAX_LONG_TEXT}; store ids, not bodies`);
  record.submitFields({ type: QUEUE_RECORD_TYPE, id, values: { [QUEUE_FIELDS.payload]: payload }, options: { enableSourcing: false, ignoreMandatoryFields: true } });
}
