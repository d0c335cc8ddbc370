/**
 * @NApiVersion 2.1
 * @NScriptType UserEventScript
 * @NModuleScope SameAccount
 */

// An admin acting on a queue entry: ticking Retry sends a dead or waiting entry back to the queue
// now (attempts start over); typing a reason in "Closed because" closes an open or dead entry. Retry
// on an entry that is finished, or that a run is working on, is refused with what to do instead.
import type { EntryPoints } from 'N/types';
import * as error from 'N/error';
import { DEFAULT_RETRY_POLICY, isDue, isFinished, transition, type QueueEvent } from '../core/queue';
import type { QueueEntry } from '../core/queueEntry';
import { nudgeProcessor } from '../netsuite/nudge';
import { QUEUE_FIELDS, queueEntryFrom, queueFieldValues } from '../netsuite/queueRecord';
import { recordReader } from '../netsuite/storeRecord';

export const beforeSubmit: EntryPoints.UserEvent.beforeSubmit = (context) => {
  if (context.type !== context.UserEventType.EDIT && context.type !== context.UserEventType.XEDIT) return;
  const oldRecord = context.oldRecord;
  if (!oldRecord) return;
  const read = recordReader(context.newRecord, oldRecord, context.type === context.UserEventType.XEDIT);
  const before = queueEntryFrom(String(oldRecord.id), (fieldId) => oldRecord.getValue({ fieldId }));
  const asked = queueEntryFrom(String(context.newRecord.id), read);
  const now = Date.now();
  let event: QueueEvent | undefined;
  if (asked.retryRequested && !before.retryRequested) {
    refuseRetry(before, now);
    event = { type: 'retryRequested' };
  } else if (asked.closeReason && asked.closeReason !== before.closeReason && !isFinished(before.status)) event = { type: 'closed', reason: asked.closeReason };
  if (!event) return;
  const after = transition(before, event, now, DEFAULT_RETRY_POLICY);
  for (const [fieldId, value] of Object.entries(queueFieldValues(after))) {
    if (fieldId !== 'externalid' && fieldId !== 'name') context.newRecord.setValue({ fieldId, value: value ?? '' });
  }
};

/** Throws, with what to do, when Retry cannot apply: the entry is finished, or a live run has it. */
function refuseRetry(entry: QueueEntry, now: number): void {
  if (isFinished(entry.status)) {
    const why = entry.closeReason ? ` (${entry.closeReason})` : '';
    throw error.create({
      name: 'SB2B_NOTHING_TO_RETRY',
      message: `This queue entry is ${entry.status}${why}: there is nothing to retry. To sync the record again, save it again (or, for Shopify orders and companies, change them in Shopify).`,
      notifyOff: true,
    });
  }
  if (entry.status === 'processing' && !isDue(entry, now)) {
    throw error.create({
      name: 'SB2B_ENTRY_IN_PROGRESS',
      message: `A processor run is working on this queue entry. If that run stopped, the entry is due again by itself at ${entry.nextAttemptAt}; tick Retry after that only if it has not finished.`,
      notifyOff: true,
    });
  }
}

// Deployed for people's contexts only (UI, CSV import, web services), so the processors' own
// writes to entries never come back through here.
export const afterSubmit: EntryPoints.UserEvent.afterSubmit = (context) => {
  if (context.type !== context.UserEventType.EDIT && context.type !== context.UserEventType.XEDIT) return;
  const oldRecord = context.oldRecord;
  if (!oldRecord) return;
  const wasPending = oldRecord.getValue({ fieldId: QUEUE_FIELDS.status }) === 'pending';
  const isPending = context.newRecord.getValue({ fieldId: QUEUE_FIELDS.status }) === 'pending';
  const direction = oldRecord.getValue({ fieldId: QUEUE_FIELDS.direction });
  if (!wasPending && isPending && (direction === 'inbound' || direction === 'outbound')) nudgeProcessor(direction);
};
