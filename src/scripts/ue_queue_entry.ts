/**
 * @NApiVersion 2.1
 * @NScriptType UserEventScript
 * @NModuleScope SameAccount
 */

// An admin acting on a queue entry: ticking Retry sends a dead or waiting entry back to the queue
// now (attempts start over); typing a reason in "Closed because" closes an open or dead entry.
import type { EntryPoints } from 'N/types';
import { DEFAULT_RETRY_POLICY, isFinished, transition, type QueueEvent } from '../core/queue';
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
  let event: QueueEvent | undefined;
  if (asked.retryRequested && !before.retryRequested && !isFinished(before.status)) event = { type: 'retryRequested' };
  else if (asked.closeReason && asked.closeReason !== before.closeReason && !isFinished(before.status)) event = { type: 'closed', reason: asked.closeReason };
  if (!event) return;
  const after = transition(before, event, Date.now(), DEFAULT_RETRY_POLICY);
  for (const [fieldId, value] of Object.entries(queueFieldValues(after))) {
    if (fieldId !== 'externalid' && fieldId !== 'name') context.newRecord.setValue({ fieldId, value: value ?? '' });
  }
};

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
