/**
 * A queue entry: one unit of sync work, in (Shopify → NetSuite) or out (NetSuite → Shopify).
 * Entries are durable NetSuite records (customrecord_sb2b_queue); this is their plain shape.
 */
export type Direction = 'inbound' | 'outbound';
export const QUEUE_STATUSES = ['pending', 'processing', 'retrying', 'done', 'skipped', 'dead'] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

export interface QueueError {
  code: string;
  message: string;
  /** ISO 8601 time of the failure. */
  at: string;
}

export interface QueueEntry {
  /** Internal id once saved. */
  id?: string;
  /** Idempotency key, unique across the queue (stored as the record's external id). */
  key: string;
  direction: Direction;
  topic: string;
  storeId: string;
  shopifyGid?: string;
  netsuiteType?: string;
  netsuiteId?: string;
  /** JSON the handler needs beyond the ids; never tokens or secrets. */
  payload?: string;
  status: QueueStatus;
  attempts: number;
  /** ISO 8601; when a pending or retrying entry is due. */
  nextAttemptAt?: string;
  lastError?: QueueError;
  finishedAt?: string;
  closeReason?: string;
  /** Set by an admin to ask for another try now. */
  retryRequested: boolean;
}

export function isQueueStatus(value: string): value is QueueStatus {
  return (QUEUE_STATUSES as readonly string[]).includes(value);
}
