/**
 * The queue record (customrecord_sb2b_queue): field ids in one place and the mapping between a
 * record's values and a QueueEntry. The idempotency key is the record's external id, so NetSuite
 * itself refuses a second entry for the same work (DUP_RCRD).
 */
import { isQueueStatus, type QueueEntry } from '../core/queueEntry';

export const QUEUE_RECORD_TYPE = 'customrecord_sb2b_queue';

export const QUEUE_FIELDS = {
  direction: 'custrecord_sb2b_q_direction',
  topic: 'custrecord_sb2b_q_topic',
  storeId: 'custrecord_sb2b_q_store',
  shopifyGid: 'custrecord_sb2b_q_shopify_gid',
  netsuiteType: 'custrecord_sb2b_q_ns_type',
  netsuiteId: 'custrecord_sb2b_q_ns_id',
  payload: 'custrecord_sb2b_q_payload',
  status: 'custrecord_sb2b_q_status',
  attempts: 'custrecord_sb2b_q_attempts',
  nextAttemptAt: 'custrecord_sb2b_q_next_attempt',
  errorCode: 'custrecord_sb2b_q_error_code',
  errorMessage: 'custrecord_sb2b_q_error_message',
  errorAt: 'custrecord_sb2b_q_error_at',
  finishedAt: 'custrecord_sb2b_q_done_at',
  closeReason: 'custrecord_sb2b_q_close_reason',
  retryRequested: 'custrecord_sb2b_q_retry',
  /** Machine copy of nextAttemptAt (epoch ms) that SuiteQL compares without time zones. */
  due: 'custrecord_sb2b_q_due',
  alerted: 'custrecord_sb2b_q_alerted',
} as const;

/** Longest text NetSuite keeps in a CLOBTEXT field; longer payloads are refused, not cut. */
export const MAX_LONG_TEXT = 100000;

/** Field id → value to write for an entry (dates as Date objects, as N/record expects). */
export function queueFieldValues(entry: QueueEntry): Record<string, string | number | boolean | Date | null> {
  const f = QUEUE_FIELDS;
  return {
    externalid: entry.key,
    name: `${entry.topic} ${entry.shopifyGid ?? entry.netsuiteId ?? ''}`.trim().slice(0, 300),
    [f.direction]: entry.direction,
    [f.topic]: entry.topic,
    [f.storeId]: entry.storeId,
    [f.shopifyGid]: entry.shopifyGid ?? '',
    [f.netsuiteType]: entry.netsuiteType ?? '',
    [f.netsuiteId]: entry.netsuiteId ?? '',
    [f.payload]: entry.payload ?? '',
    [f.status]: entry.status,
    [f.attempts]: entry.attempts,
    [f.nextAttemptAt]: entry.nextAttemptAt ? new Date(entry.nextAttemptAt) : null,
    [f.due]: entry.nextAttemptAt ? Date.parse(entry.nextAttemptAt) : null,
    [f.errorCode]: entry.lastError?.code ?? '',
    [f.errorMessage]: entry.lastError?.message ?? '',
    [f.errorAt]: entry.lastError ? new Date(entry.lastError.at) : null,
    [f.finishedAt]: entry.finishedAt ? new Date(entry.finishedAt) : null,
    [f.closeReason]: entry.closeReason ?? '',
    [f.retryRequested]: entry.retryRequested,
  };
}

function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

function iso(value: unknown): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const date = value instanceof Date ? value : new Date(String(value));
  return isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The machine due time (epoch ms, from a number or SuiteQL's text) as ISO, if set. */
function dueAt(value: unknown): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const ms = Number(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

/** An entry from values read by field id (a loaded record's getValue, or a SuiteQL row). */
export function queueEntryFrom(id: string, read: (fieldId: string) => unknown): QueueEntry {
  const f = QUEUE_FIELDS;
  const status = text(read(f.status));
  const errorCode = text(read(f.errorCode));
  return {
    id,
    key: text(read('externalid')),
    direction: text(read(f.direction)) === 'outbound' ? 'outbound' : 'inbound',
    topic: text(read(f.topic)),
    storeId: text(read(f.storeId)),
    shopifyGid: text(read(f.shopifyGid)) || undefined,
    netsuiteType: text(read(f.netsuiteType)) || undefined,
    netsuiteId: text(read(f.netsuiteId)) || undefined,
    payload: text(read(f.payload)) || undefined,
    status: isQueueStatus(status) ? status : 'pending',
    attempts: Number(read(f.attempts)) || 0,
    nextAttemptAt: dueAt(read(f.due)) ?? iso(read(f.nextAttemptAt)),
    lastError: errorCode
      ? { code: errorCode, message: text(read(f.errorMessage)), at: iso(read(f.errorAt)) ?? new Date(0).toISOString() }
      : undefined,
    finishedAt: iso(read(f.finishedAt)),
    closeReason: text(read(f.closeReason)) || undefined,
    retryRequested: read(f.retryRequested) === true || read(f.retryRequested) === 'T',
  };
}
