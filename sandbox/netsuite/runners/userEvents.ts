/**
 * User events fire on saves made through the account, whoever saves (a user through the control
 * API, a RESTlet, a map/reduce …), in the execution context of the save: beforeSubmit gets the record
 * being saved (its changes are saved), afterSubmit a read-only copy of what was committed; oldRecord
 * on edits, xedit for inline edits and submitFields (newRecord then holds only the submitted fields),
 * delete. Deployments filter by record type, event type and execution context, as in Objects/.
 * Records a user event saves do not trigger user events. Each event gets its own 1,000 units.
 */
import type { NsRecord } from '../records/record';
import type { Session, UserEventDispatcher, UserEventType } from '../records/service';
import { Execution, type AccountCore } from './execution';

export const USER_EVENT_TYPES = {
  APPROVE: 'approve',
  CANCEL: 'cancel',
  CHANGEPASSWORD: 'changepassword',
  COPY: 'copy',
  CREATE: 'create',
  DELETE: 'delete',
  DROPSHIP: 'dropship',
  EDIT: 'edit',
  EDITFORECAST: 'editforecast',
  EMAIL: 'email',
  MARKCOMPLETE: 'markcomplete',
  ORDERITEMS: 'orderitems',
  PACK: 'pack',
  PAYBILLS: 'paybills',
  PRINT: 'print',
  QUICKVIEW: 'quickview',
  REASSIGN: 'reassign',
  REJECT: 'reject',
  SHIP: 'ship',
  SPECIALORDER: 'specialorder',
  TRANSFORM: 'transform',
  VIEW: 'view',
  XEDIT: 'xedit',
};

type Stage = 'beforeLoad' | 'beforeSubmit' | 'afterSubmit';

/**
 * The form a beforeLoad gets in the browser (N/ui/serverWidget.Form), recording what scripts add to
 * it. Only what user events commonly do is here; anything else fails as a missing method would.
 */
export class FormModel {
  readonly fields: { id: string; type: string; label: string; container?: string; displayType?: string; defaultValue?: unknown }[] = [];
  readonly buttons: { id: string; label: string; functionName?: string }[] = [];
  clientScriptModulePath: string | undefined;
  clientScriptFileId: number | undefined;

  addField(options: { id: string; type: string; label: string; container?: string }) {
    const field: FormModel['fields'][number] = { id: options.id, type: options.type, label: options.label, container: options.container };
    this.fields.push(field);
    return {
      id: options.id,
      updateDisplayType: (o: { displayType: string }) => void (field.displayType = o.displayType),
      set defaultValue(v: unknown) {
        field.defaultValue = v;
      },
      get defaultValue() {
        return field.defaultValue;
      },
    };
  }

  addButton(options: { id: string; label: string; functionName?: string }) {
    this.buttons.push({ id: options.id, label: options.label, functionName: options.functionName });
    return { id: options.id, label: options.label, isDisabled: false, isHidden: false };
  }

  removeButton(options: { id: string }) {
    const i = this.buttons.findIndex((b) => b.id === options.id);
    if (i >= 0) this.buttons.splice(i, 1);
  }
}

export class UserEventRunner implements UserEventDispatcher {
  constructor(private readonly core: AccountCore) {}

  private run(stage: Stage, event: { type: UserEventType; newRecord: NsRecord; oldRecord?: NsRecord; session: Session; form?: FormModel }) {
    const recordType = event.newRecord.type;
    for (const { script, deployment } of this.core.catalog.userEvents(recordType)) {
      if (deployment.eventType && deployment.eventType !== event.type) continue;
      if (deployment.contexts && !deployment.contexts.includes(event.session.executionContext)) continue;
      const exec = new Execution(this.core, script, deployment, {
        executionContext: event.session.executionContext,
        inUserEvent: true,
        parentId: event.session.invocationId,
        key: `${recordType}:${event.type}:${stage}`,
      });
      if (!exec.has(stage)) {
        this.core.governance.discard(exec.meter.record.id);
        continue;
      }
      const context: Record<string, unknown> = {
        newRecord: exec.realm.expose(event.newRecord),
        type: event.type,
        UserEventType: USER_EVENT_TYPES,
      };
      if (event.oldRecord) context.oldRecord = exec.realm.expose(event.oldRecord);
      if (event.form) context.form = exec.realm.expose(event.form);
      exec.invoke(stage, exec.realm.import(context));
    }
  }

  beforeLoad(event: { type: UserEventType; newRecord: NsRecord; session: Session; form?: FormModel }) {
    this.run('beforeLoad', event);
  }

  beforeSubmit(event: { type: UserEventType; newRecord: NsRecord; oldRecord?: NsRecord; session: Session }) {
    this.run('beforeSubmit', event);
  }

  afterSubmit(event: { type: UserEventType; newRecord: NsRecord; oldRecord?: NsRecord; session: Session }) {
    this.run('afterSubmit', event);
  }
}
