/** Queue entries the store's own setup creates. */
import type { QueueEntry } from '../core/queueEntry';
import { VERIFY_STORE_TOPIC } from '../handlers/verifyStore';

/** A connection check for a store, keyed by the save that asked for it (two saves, two checks). */
export function verifyStoreEntry(storeId: string, at: number): QueueEntry {
  return {
    key: `${VERIFY_STORE_TOPIC}:${storeId}:${at}`,
    direction: 'outbound',
    topic: VERIFY_STORE_TOPIC,
    storeId,
    netsuiteType: 'customrecord_sb2b_store',
    netsuiteId: storeId,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: new Date(at).toISOString(),
    retryRequested: false,
  };
}
