/**
 * The account's N/record engine: create, load, copy, transform, delete and submitFields, and the
 * save pipeline every save goes through, whoever makes it (a script, a user through the control API):
 *
 *   fault rules → stale check (RCRD_HAS_BEEN_CHANGED) → beforeSubmit user events → sourcing and
 *   calculations → mandatory fields (USER_ERROR) → references (INVALID_KEY_OR_REF) → externalid
 *   uniqueness (DUP_RCRD) → commit (ids, numbers, timestamps, version) → effects on other records and
 *   stock → SuiteQL rows → afterSubmit user events (an error there surfaces after the commit).
 *
 * Governance is charged by the N/record module, not here: the control API acts as a user.
 */
import type { Clock } from '../../clock';
import type { Dictionary, FieldInfo, RecordTypeInfo } from '../dictionary';
import { ITEM_CODES, kindOfCustom } from '../dictionary';
import { errors, SuiteScriptError } from '../errors';
import type { Inventory } from '../models/inventory';
import type { LineData, RecordData, RecordStore, Value } from '../models/store';
import { cloneRecord } from '../models/store';
import { NsRecord, type RecordHost, type SaveOptions } from './record';
import {
  computeAmounts,
  effectsOf,
  returnStatus,
  salesOrderStatus,
  setStatus,
  STOCKED_ITEM_TYPES,
  type Effect,
  type TransactionWorld,
} from './transactions';
import { transformData, type TransformWorld } from './transforms';
import { isDateLike, isEmpty, num, round2 } from './values';

/** Who is saving: the execution context user events see and whether user events may fire. */
export interface Session {
  /** runtime.ContextType value: USERINTERFACE, RESTLET, MAPREDUCE, SCHEDULED, SUITELET, USEREVENT … */
  executionContext: string;
  /** Records saved by a user event script do not trigger user events (NetSuite's rule). */
  inUserEvent: boolean;
  /** The invocation saving, for the governance log. */
  invocationId?: string;
  userId: number;
  /** Charges governance for a Record.save made by a script (the control API is not metered). */
  charge?: (api: string, units: number) => void;
}

export type UserEventType = 'create' | 'edit' | 'xedit' | 'delete' | 'copy' | 'view' | 'transform';

export interface UserEventDispatcher {
  beforeSubmit(event: { type: UserEventType; newRecord: NsRecord; oldRecord?: NsRecord; session: Session }): void;
  afterSubmit(event: { type: UserEventType; newRecord: NsRecord; oldRecord?: NsRecord; session: Session }): void;
}

export interface SaveFault {
  /** Throws the configured error if a fault rule matches this save. */
  check(event: { recordType: string; operation: 'create' | 'edit' | 'delete'; session: Session }): void;
}

export interface RecordListener {
  committed(data: RecordData): void;
  deleted(type: string, id: number, data: RecordData): void;
  /** A contact attached to (or detached from) an entity: record.attach / record.detach. */
  attached?(contact: number, company: number, role: number | null): void;
  detached?(contact: number, company: number): void;
}

const TRANID_PREFIX: Record<string, string> = {
  salesorder: 'SO',
  itemfulfillment: 'IF',
  invoice: 'INV',
  customerpayment: 'PYMT',
  creditmemo: 'CM',
  returnauthorization: 'RMA',
  cashrefund: 'CR',
  customerrefund: 'CRF',
  customerdeposit: 'DEP',
  deposit: 'D',
  itemreceipt: 'IR',
  inventoryadjustment: 'ADJ',
};

/** Fields NetSuite refuses to save without (beyond custom fields marked mandatory in Objects/). */
const MANDATORY: Record<string, string[]> = {
  salesorder: ['entity'],
  invoice: ['entity'],
  creditmemo: ['entity'],
  cashrefund: ['entity'],
  returnauthorization: ['entity'],
  customerpayment: ['customer', 'payment'],
  customerdeposit: ['customer', 'payment'],
  inventoryadjustment: ['account'],
  inventoryitem: ['itemid'],
  noninventoryitem: ['itemid'],
  kititem: ['itemid'],
  assemblyitem: ['itemid'],
  discountitem: ['itemid'],
  shipitem: ['itemid'],
  location: ['name'],
  term: ['name'],
  currency: ['name', 'symbol'],
  subsidiary: ['name'],
};
const MANDATORY_LINES: Record<string, Record<string, string[]>> = {
  salesorder: { item: ['item'] },
  invoice: { item: ['item'] },
  returnauthorization: { item: ['item'] },
  inventoryadjustment: { inventory: ['item', 'location', 'adjustqtyby'] },
};

/** Line fields the account maintains; scripts and users cannot set them. */
const DERIVED_LINE_FIELDS = ['quantityfulfilled', 'quantitybilled', 'quantityreceived', 'quantitycommitted', 'quantitybackordered'];

export interface RecordServiceDeps {
  dictionary: Dictionary;
  store: RecordStore;
  inventory: Inventory;
  clock: Clock;
  userEvents?: UserEventDispatcher;
  faults?: SaveFault;
  listeners: RecordListener[];
  defaultOrderStatus: string;
}

export class RecordService implements RecordHost, TransactionWorld, TransformWorld {
  readonly dictionary: Dictionary;
  private readonly located = new Map<string, string>();

  constructor(private readonly deps: RecordServiceDeps) {
    this.dictionary = deps.dictionary;
  }

  set userEvents(dispatcher: UserEventDispatcher) {
    this.deps.userEvents = dispatcher;
  }

  set faults(faults: SaveFault) {
    this.deps.faults = faults;
  }

  private now(): number {
    return this.deps.clock.now();
  }

  today(): Date {
    const d = new Date(this.now());
    return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  }

  // ---- lookups -----------------------------------------------------------------------------

  /** The type of the record with this id in an id space ('item', 'transaction', 'entity' or a type). */
  locate(idSpace: string, id: number): string | undefined {
    return this.located.get(`${idSpace}:${id}`);
  }

  /** The stored record for a select target (generic 'item'/'transaction' or a record type). */
  resolveTarget(target: string, id: number): RecordData | undefined {
    const space = target === 'item' || target === 'transaction' ? target : target === 'customer' ? 'entity' : undefined;
    const type = space ? this.locate(space, id) : target;
    if (!type) return undefined;
    if (target === 'customer' && type !== 'customer') return undefined;
    return this.deps.store.peek(type, id);
  }

  itemType(itemId: number): string | undefined {
    return this.locate('item', itemId);
  }

  itemName(itemId: number): string {
    const data = this.resolveTarget('item', itemId);
    return data ? displayNameOf(data) : '';
  }

  kitMembers(kitId: number): { item: number; quantity: number }[] {
    const kit = this.deps.store.peek('kititem', kitId);
    return (kit?.sublists.member ?? []).map((l) => ({ item: Number(l.fields.item), quantity: num(l.fields.quantity) || 1 }));
  }

  lineLocation(data: RecordData, line: LineData): number | undefined {
    const v = Number(line.fields.location || line.fields.inventorylocation || data.fields.location || 0);
    return v > 0 ? v : undefined;
  }

  sharedColumnFields(fromType: string, toType: string): string[] {
    const from = this.dictionary.recordType(fromType).sublists.get('item')?.fields;
    const to = this.dictionary.recordType(toType).sublists.get('item')?.fields;
    if (!from || !to) return [];
    return [...from.keys()].filter((id) => id.startsWith('custcol') && to.has(id));
  }

  sharedBodyFields(fromType: string, toType: string): string[] {
    const from = this.dictionary.recordType(fromType).body;
    const to = this.dictionary.recordType(toType).body;
    return [...from.keys()].filter((id) => id.startsWith('custbody') && to.has(id));
  }

  openInvoicesOf(customer: number): RecordData[] {
    return this.deps.store.all('invoice').filter((inv) => Number(inv.fields.entity) === customer && num(inv.fields.amountremaining) > 0);
  }

  displayText(field: FieldInfo, value: Value): string {
    const id = Number(value);
    if (!field.target || !Number.isFinite(id)) return String(value ?? '');
    if (field.target.startsWith('customlist')) {
      const list = this.dictionary.customLists.get(field.target);
      return list?.values[id - 1]?.value ?? '';
    }
    const data = this.resolveTarget(field.target, id);
    return data ? displayNameOf(data) : '';
  }

  valueForText(field: FieldInfo, text: string): string | undefined {
    if (!field.target) return undefined;
    if (field.target.startsWith('customlist')) {
      const index = this.dictionary.customLists.get(field.target)?.values.findIndex((v) => v.value === text) ?? -1;
      return index >= 0 ? String(index + 1) : undefined;
    }
    const types =
      field.target === 'item' ? ['inventoryitem', 'noninventoryitem', 'kititem', 'assemblyitem', 'discountitem'] : [field.target];
    for (const type of types) {
      const found = this.deps.store.all(type).find((r) => displayNameOf(r) === text);
      if (found) return String(found.id);
    }
    return undefined;
  }

  // ---- records in memory -------------------------------------------------------------------

  newData(type: string): RecordData {
    const info = this.dictionary.recordType(type);
    return { type: info.type, id: 0, fields: {}, sublists: {}, subrecords: {}, version: 0, created: 0, lastModified: 0, nextLineId: {}, meta: {} };
  }

  newLine(record: NsRecord | RecordData, sublistId: string): LineData {
    const data = record instanceof NsRecord ? record.data : record;
    const key = sublistId.toLowerCase();
    const next = Math.max(data.nextLineId[key] ?? 1, ...(data.sublists[key] ?? []).map((l) => l.lineId + 1));
    data.nextLineId[key] = next + 1;
    return { lineId: next, uniqueKey: this.deps.store.allocateUniqueKey(), fields: {}, subrecords: {} };
  }

  private wrap(data: RecordData, isDynamic: boolean, session?: Session): NsRecord {
    const rec = new NsRecord(this, data, isDynamic);
    if (session) sessions.set(rec, session);
    return rec;
  }

  create(type: string, options: { isDynamic?: boolean; defaultValues?: Record<string, unknown> } = {}, session?: Session): NsRecord {
    const info = this.dictionary.recordType(type);
    if (info.type === 'itemfulfillment' || info.type === 'itemreceipt') throw errors.cannotCreateDirectly(info.type);
    const data = this.newData(info.type);
    this.applyDefaults(info, data);
    const rec = this.wrap(data, !!options.isDynamic, session);
    for (const [fieldId, value] of Object.entries(options.defaultValues ?? {})) rec.setValue({ fieldId, value });
    rec.touched.clear();
    return rec;
  }

  load(type: string, idArg: unknown, options: { isDynamic?: boolean } = {}, session?: Session): NsRecord {
    const info = this.dictionary.recordType(type);
    const id = Number(idArg);
    const data = Number.isInteger(id) ? this.deps.store.get(info.type, id) : undefined;
    if (!data) throw errors.recordDoesNotExist();
    const rec = this.wrap(data, !!options.isDynamic, session);
    rec.loadedVersion = data.version;
    return rec;
  }

  copy(type: string, idArg: unknown, options: { isDynamic?: boolean; defaultValues?: Record<string, unknown> } = {}, session?: Session): NsRecord {
    const info = this.dictionary.recordType(type);
    if (info.type === 'itemfulfillment' || info.type === 'itemreceipt') throw errors.cannotCreateDirectly(info.type);
    const source = this.deps.store.get(info.type, Number(idArg));
    if (!source) throw errors.recordDoesNotExist();
    const data = this.newData(info.type);
    for (const [k, v] of Object.entries(source.fields)) {
      if (['externalid', 'tranid', 'entityid', 'createddate', 'lastmodifieddate', 'created', 'lastmodified', 'status', 'statusRef'].includes(k)) continue;
      data.fields[k] = v;
    }
    for (const [sublistId, lines] of Object.entries(source.sublists)) {
      data.sublists[sublistId] = lines.map((l) => {
        const line = this.newLine(data, sublistId);
        for (const [k, v] of Object.entries(l.fields)) if (!DERIVED_LINE_FIELDS.includes(k) && k !== 'line' && k !== 'lineuniquekey') line.fields[k] = v;
        line.subrecords = cloneRecord(l.subrecords);
        return line;
      });
    }
    data.subrecords = cloneRecord(source.subrecords);
    const rec = this.wrap(data, !!options.isDynamic, session);
    for (const [fieldId, value] of Object.entries(options.defaultValues ?? {})) rec.setValue({ fieldId, value });
    return rec;
  }

  transform(fromType: string, fromIdArg: unknown, toType: string, options: { isDynamic?: boolean; defaultValues?: Record<string, unknown> } = {}, session?: Session): NsRecord {
    const fromInfo = this.dictionary.recordType(fromType);
    const toInfo = this.dictionary.recordType(toType);
    if (!fromInfo.transformTargets.includes(toInfo.type)) throw errors.invalidTransform();
    const source = this.deps.store.get(fromInfo.type, Number(fromIdArg));
    if (!source) throw errors.recordDoesNotExist();
    const data = transformData(this, source, toInfo.type);
    this.applyDefaults(toInfo, data);
    const rec = this.wrap(data, !!options.isDynamic, session);
    rec.transformedFrom = { type: source.type, id: source.id };
    for (const [fieldId, value] of Object.entries(options.defaultValues ?? {})) rec.setValue({ fieldId, value });
    rec.touched.clear();
    return rec;
  }

  /**
   * afterSubmit's newRecord after an inline edit (submitFields included): as in beforeSubmit, only the
   * fields submitted (and any beforeSubmit set), "not the full record" (Oracle's afterSubmit page).
   */
  private inlineEditView(data: RecordData, submitted: string[]): NsRecord {
    const fields = Object.fromEntries(submitted.filter((f) => f in data.fields).map((f) => [f, data.fields[f]]));
    const rec = new NsRecord(this, { ...cloneRecord(data), fields, sublists: {}, subrecords: {} }, false);
    rec.loadedVersion = data.version;
    rec.readOnly = true;
    rec.partial = true;
    for (const f of submitted) rec.touched.add(f);
    return rec;
  }

  /** A read-only view of a stored record (user events' oldRecord, afterSubmit's newRecord). */
  view(type: string, id: number): NsRecord | undefined {
    const data = this.deps.store.get(type, id);
    if (!data) return undefined;
    const rec = new NsRecord(this, data, false);
    rec.loadedVersion = data.version;
    rec.readOnly = true;
    return rec;
  }

  private applyDefaults(info: RecordTypeInfo, data: RecordData) {
    if (info.family === 'customrecord') {
      for (const field of info.customRecord!.fields) {
        const raw = field.raw as Record<string, unknown>;
        if (kindOfCustom(field.fieldtype) === 'checkbox') data.fields[field.scriptid] = field.defaultchecked === true;
        else if (field.defaultvalue !== undefined) {
          const kind = kindOfCustom(field.fieldtype);
          data.fields[field.scriptid] = kind === 'integer' || kind === 'float' ? Number(field.defaultvalue) : field.defaultvalue;
        } else if (typeof raw.defaultselection === 'string' && raw.defaultselection) {
          const [listId, valueId] = raw.defaultselection.replace(/^\[scriptid=|\]$/g, '').split('.');
          const index = this.dictionary.customLists.get(listId)?.values.findIndex((v) => v.scriptid === valueId) ?? -1;
          if (index >= 0) data.fields[field.scriptid] = String(index + 1);
        }
      }
      data.fields.isinactive ??= false;
      return;
    }
    for (const [id, field] of info.body) {
      if (field.custom && kindOfCustom(field.custom.fieldtype) === 'checkbox' && data.fields[id] === undefined) data.fields[id] = field.custom.defaultchecked === true;
    }
    if (info.body.has('isinactive') && data.fields.isinactive === undefined) data.fields.isinactive = false;
    if (info.type === 'customer' && data.fields.isperson === undefined) data.fields.isperson = 'F';
    if ((info.type === 'salesorder' || info.type === 'returnauthorization') && !data.fields.orderstatus) data.fields.orderstatus = this.deps.defaultOrderStatus;
  }

  // ---- sourcing (dynamic mode as you type; standard mode at save) -------------------------

  sourceBody(rec: NsRecord, fieldId: string) {
    if (fieldId === 'entity' || (fieldId === 'customer' && rec.info.family === 'transaction')) this.sourceFromCustomer(rec.data, fieldId);
  }

  sourceLine(rec: NsRecord, _sublistId: string, line: LineData, fieldId: string) {
    if (fieldId === 'item') this.sourceItemLine(rec.data, line);
  }

  private sourceFromCustomer(data: RecordData, fieldId: string) {
    const customer = this.resolveTarget('customer', Number(data.fields[fieldId]));
    if (!customer) return;
    for (const id of ['currency', 'subsidiary', 'terms']) {
      if (isEmpty(data.fields[id]) && !isEmpty(customer.fields[id]) && this.dictionary.hasBodyField(data.type, id)) data.fields[id] = customer.fields[id];
    }
  }

  private sourceItemLine(data: RecordData, line: LineData) {
    const item = this.resolveTarget('item', Number(line.fields.item));
    if (!item) return;
    if (isEmpty(line.fields.description) && !isEmpty(item.fields.salesdescription)) line.fields.description = item.fields.salesdescription;
    if (isEmpty(line.fields.location) && !isEmpty(data.fields.location) && data.type !== 'inventoryadjustment') line.fields.location = data.fields.location;
  }

  // ---- saving ------------------------------------------------------------------------------

  save(rec: NsRecord, options: SaveOptions): number {
    const session = sessions.get(rec) ?? USER_SESSION;
    session.charge?.('Record.save', WRITE_UNITS[costClass(rec.info)]);
    return this.commitSave(rec, options, session, rec.partial ? 'xedit' : undefined);
  }

  /** Saves a record as a given session (the control API saves as a user). */
  saveAs(rec: NsRecord, options: SaveOptions, session: Session): number {
    sessions.set(rec, session);
    return this.commitSave(rec, options, session);
  }

  private commitSave(rec: NsRecord, options: SaveOptions, session: Session, forcedType?: UserEventType): number {
    const isNew = rec.id === null;
    const type = rec.type;
    this.deps.faults?.check({ recordType: type, operation: isNew ? 'create' : 'edit', session });
    const stored = isNew ? undefined : this.deps.store.peek(type, rec.id!);
    if (!isNew && !stored) throw errors.recordDoesNotExist();
    if (!isNew && stored!.version !== rec.loadedVersion) throw errors.recordChanged();
    const eventType: UserEventType = forcedType ?? (isNew ? 'create' : 'edit');
    const oldRecord = isNew ? undefined : this.view(type, rec.id!);
    const fireEvents = !session.inUserEvent && !!this.deps.userEvents;

    if (fireEvents) this.deps.userEvents!.beforeSubmit({ type: eventType, newRecord: rec, oldRecord, session });

    // For an inline edit, the submitted fields land on the stored record.
    const data = eventType === 'xedit' ? mergeInlineEdit(stored!, rec.data) : rec.data;
    this.prepare(data);
    if (!options.ignoreMandatoryFields) this.checkMandatory(rec.info, data);
    this.checkReferences(rec.info, data);
    const externalId = typeof data.fields.externalid === 'string' ? data.fields.externalid : '';
    if (externalId) {
      const holder = this.deps.store.byExternalId(type, externalId);
      if (holder !== undefined && holder !== data.id) throw errors.duplicateRecord();
    }

    const now = this.now();
    if (isNew) {
      data.id = this.deps.store.allocateId(rec.info.idSpace);
      data.created = now;
      this.assignNumbers(rec.info, data);
      this.located.set(`${rec.info.idSpace}:${data.id}`, type);
    }
    data.lastModified = now;
    data.version = (stored?.version ?? 0) + 1;
    this.stamp(rec.info, data);

    this.deps.inventory.batch(() => {
      const touched = new Set<string>();
      if (stored) this.applyEffects(effectsOf(stored, this), -1, touched);
      this.applyEffects(effectsOf(data, this), +1, touched);
      this.finish(data);
      this.persist(data);
      for (const key of touched) this.refreshLinked(key);
    });

    rec.data.id = data.id;
    if (eventType === 'xedit') Object.assign(rec.data, cloneRecord(data));
    rec.loadedVersion = data.version;
    if (fireEvents) {
      const newRecord = eventType === 'xedit' ? this.inlineEditView(data, [...rec.touched]) : this.view(type, data.id)!;
      this.deps.userEvents!.afterSubmit({ type: eventType, newRecord, oldRecord, session });
    }
    return data.id;
  }

  /** record.submitFields: an inline edit (user events see type xedit). */
  submitFields(type: string, idArg: unknown, values: Record<string, unknown>, options: SaveOptions, session: Session): number {
    const info = this.dictionary.recordType(type);
    const id = Number(idArg);
    const stored = this.deps.store.peek(info.type, id);
    if (!stored) throw errors.recordDoesNotExist();
    const partial = new NsRecord(this, { ...this.newData(info.type), id, version: stored.version }, false);
    partial.loadedVersion = stored.version;
    partial.partial = true;
    for (const [fieldId, value] of Object.entries(values)) partial.setValue({ fieldId, value });
    sessions.set(partial, session);
    return this.commitSave(partial, options, session, 'xedit');
  }

  delete(type: string, idArg: unknown, session: Session): number {
    const info = this.dictionary.recordType(type);
    const id = Number(idArg);
    const stored = this.deps.store.peek(info.type, id);
    if (!stored) throw errors.recordDoesNotExist();
    this.deps.faults?.check({ recordType: info.type, operation: 'delete', session });
    const fireEvents = !session.inUserEvent && !!this.deps.userEvents;
    const oldRecord = this.view(info.type, id)!;
    if (fireEvents) this.deps.userEvents!.beforeSubmit({ type: 'delete', newRecord: this.view(info.type, id)!, oldRecord, session });
    this.deps.inventory.batch(() => {
      const touched = new Set<string>();
      this.applyEffects(effectsOf(stored, this), -1, touched);
      const removed = this.deps.store.delete(info.type, id)!;
      if (info.family === 'item') this.deps.inventory.remove(id);
      for (const l of this.deps.listeners) l.deleted(info.type, id, removed);
      for (const key of touched) this.refreshLinked(key);
    });
    if (fireEvents) this.deps.userEvents!.afterSubmit({ type: 'delete', newRecord: oldRecord, oldRecord, session });
    return id;
  }

  /**
   * record.attach of a contact to an entity (the only attachment the account models): both must
   * exist; `role` is a contact role id (Lists > Relationships > Contact Roles), kept as given since
   * the account has no contact role list. Attaching again replaces the role: one relationship per
   * contact and entity, as SuiteQL's companycontactrelationship shows them.
   */
  attach(recordType: string, recordId: unknown, toType: string, toId: unknown, attributes: Record<string, unknown> | undefined): void {
    const { contact, company } = this.relationship('record.attach', recordType, recordId, toType, toId);
    const roleArg = attributes?.role;
    let role: number | null = null;
    if (roleArg !== undefined && roleArg !== null && roleArg !== '') {
      role = Number(roleArg);
      if (!Number.isInteger(role)) throw errors.invalidFieldValue(roleArg, 'role');
    }
    for (const l of this.deps.listeners) l.attached?.(contact, company, role);
  }

  /** record.detach of a contact from an entity; detaching one that is not attached changes nothing. */
  detach(recordType: string, recordId: unknown, fromType: string, fromId: unknown): void {
    const { contact, company } = this.relationship('record.detach', recordType, recordId, fromType, fromId);
    for (const l of this.deps.listeners) l.detached?.(contact, company);
  }

  private relationship(method: string, recordType: string, recordId: unknown, toType: string, toId: unknown): { contact: number; company: number } {
    const from = this.dictionary.recordType(recordType);
    const to = this.dictionary.recordType(toType);
    if (from.type !== 'contact' || to.family !== 'entity' || to.type === 'contact') {
      throw errors.unsupported(`${method} of ${from.type} to ${to.type} (the local account attaches contacts to customers)`);
    }
    const contact = Number(recordId);
    const company = Number(toId);
    if (!Number.isInteger(contact) || !this.deps.store.peek('contact', contact)) throw errors.recordDoesNotExist();
    if (!Number.isInteger(company) || !this.deps.store.peek(to.type, company)) throw errors.recordDoesNotExist();
    return { contact, company };
  }

  /** Writes a record without user events or checks beyond the dictionary: seeding a fixture. */
  seed(type: string, values: Record<string, unknown>, sublists: Record<string, Record<string, unknown>[]> = {}): number {
    const rec = this.create(type, {}, SEED_SESSION);
    for (const [fieldId, value] of Object.entries(values)) {
      if (typeof value === 'object' && value !== null && !Array.isArray(value) && !isDateLike(value) && fieldId in SUBRECORD_SEEDS) {
        const sub = rec.getSubrecord({ fieldId });
        for (const [k, v] of Object.entries(value)) sub.setValue({ fieldId: k, value: v });
      } else rec.setValue({ fieldId, value });
    }
    for (const [sublistId, lines] of Object.entries(sublists)) {
      lines.forEach((line, index) => {
        if (index >= rec.getLineCount({ sublistId })) rec.insertLine({ sublistId, line: index });
        for (const [fieldId, value] of Object.entries(line)) {
          if (typeof value === 'object' && value !== null && !Array.isArray(value) && !isDateLike(value)) {
            const sub = rec.getSublistSubrecord({ sublistId, fieldId, line: index });
            for (const [k, v] of Object.entries(value)) sub.setValue({ fieldId: k, value: v });
          } else rec.setSublistValue({ sublistId, fieldId, line: index, value });
        }
      });
    }
    return this.commitSave(rec, { ignoreMandatoryFields: false }, SEED_SESSION);
  }

  // ---- the steps of a save -----------------------------------------------------------------

  private prepare(data: RecordData) {
    const info = this.dictionary.recordType(data.type);
    if (info.type === 'itemfulfillment') {
      // Kit members ship with their kit: as many per kit as the kit defines, and only if the kit does.
      const lines = data.sublists.item ?? [];
      for (const member of lines.filter((l) => !isEmpty(l.fields.kitmemberof))) {
        const kit = lines.find((l) => l.lineId === Number(member.fields.kitmemberof));
        if (!kit) continue;
        const perKit = this.kitMembers(Number(kit.fields.item)).find((m) => m.item === Number(member.fields.item))?.quantity;
        member.fields.itemreceive = kit.fields.itemreceive === true;
        if (perKit !== undefined) member.fields.quantity = num(kit.fields.quantity) * perKit;
      }
    }
    if (info.type === 'itemfulfillment' || info.type === 'itemreceipt') {
      // Lines not marked as received/fulfilled are not saved with the transaction.
      data.sublists.item = (data.sublists.item ?? []).filter((l) => l.fields.itemreceive === true);
      if (data.sublists.item.length === 0) throw new SuiteScriptError('USER_ERROR', 'You must enter at least one line item for this transaction.');
    }
    if (info.family === 'transaction') {
      const entityField = data.type === 'customerpayment' || data.type === 'customerdeposit' ? 'customer' : 'entity';
      this.sourceFromCustomer(data, entityField);
      if (isEmpty(data.fields.trandate)) data.fields.trandate = this.today();
      if (isEmpty(data.fields.subsidiary) && info.body.has('subsidiary')) data.fields.subsidiary = '1';
      if (isEmpty(data.fields.currency) && info.body.has('currency') && info.type !== 'itemfulfillment') data.fields.currency = '1';
      for (const line of data.sublists.item ?? []) {
        this.sourceItemLine(data, line);
        line.fields.line = line.lineId;
        line.fields.lineuniquekey = line.uniqueKey;
        if (line.fields.itemtype === undefined) {
          const t = this.itemType(Number(line.fields.item));
          if (t) line.fields.itemtype = ITEM_CODES[t] ?? '';
        }
      }
      for (const line of data.sublists.inventory ?? []) line.fields.line = line.lineId;
      computeAmounts(data);
      if (data.type === 'customerpayment') {
        const applied = round2((data.sublists.apply ?? []).filter((l) => l.fields.apply === true).reduce((s, l) => s + num(l.fields.amount), 0));
        data.fields.applied = applied;
        data.fields.total = num(data.fields.payment);
        data.fields.unapplied = round2(num(data.fields.payment) - applied);
      }
      if (data.type === 'creditmemo') {
        let left = num(data.fields.total);
        for (const line of data.sublists.apply ?? []) {
          if (line.fields.apply !== true) continue;
          line.fields.amount = Math.min(num(line.fields.amount), left);
          left = round2(left - num(line.fields.amount));
        }
        data.fields.applied = round2(num(data.fields.total) - left);
        data.fields.unapplied = left;
      }
    }
    if (info.type === 'customer') {
      if (isEmpty(data.fields.subsidiary)) data.fields.subsidiary = '1';
      if (isEmpty(data.fields.currency)) data.fields.currency = '1';
      if (isEmpty(data.fields.entityid)) {
        const name = data.fields.isperson === 'T' ? `${data.fields.firstname ?? ''} ${data.fields.lastname ?? ''}`.trim() : String(data.fields.companyname ?? '');
        if (name) data.fields.entityid = name;
      }
      this.prepareAddressBook(data);
    }
    if (info.type === 'contact') {
      if (isEmpty(data.fields.subsidiary)) data.fields.subsidiary = '1';
      if (isEmpty(data.fields.entityid)) data.fields.entityid = `${data.fields.firstname ?? ''} ${data.fields.lastname ?? ''}`.trim();
      this.prepareAddressBook(data);
    }
  }

  private prepareAddressBook(data: RecordData) {
    for (const line of data.sublists.addressbook ?? []) {
      const address = line.subrecords.addressbookaddress;
      if (address && isEmpty(address.fields.id)) address.fields.id = String(this.deps.store.allocateId('address'));
      line.fields.internalid = line.lineId;
      line.fields.defaultbilling ??= false;
      line.fields.defaultshipping ??= false;
    }
  }

  private checkMandatory(info: RecordTypeInfo, data: RecordData) {
    const missing: string[] = [];
    const label = (f: FieldInfo) => f.label || f.id;
    if (info.family === 'customrecord') {
      if (info.customRecord!.raw.includename === 'T' && isEmpty(data.fields.name)) missing.push('Name');
      for (const field of info.customRecord!.fields) if (field.ismandatory && isEmpty(data.fields[field.scriptid])) missing.push(field.label);
    } else {
      for (const id of MANDATORY[info.type] ?? []) if (isEmpty(data.fields[id])) missing.push(label(info.body.get(id)!));
      if (info.type === 'customer' && isEmpty(data.fields.entityid)) missing.push(data.fields.isperson === 'T' ? 'Name' : 'Company Name');
      for (const [id, field] of info.body) if (field.custom?.ismandatory && isEmpty(data.fields[id])) missing.push(field.custom.label);
      for (const [sublistId, ids] of Object.entries(MANDATORY_LINES[info.type] ?? {})) {
        const fields = info.sublists.get(sublistId)!.fields;
        for (const line of data.sublists[sublistId] ?? []) for (const id of ids) if (isEmpty(line.fields[id])) missing.push(label(fields.get(id)!));
      }
    }
    if (missing.length > 0) throw errors.mandatoryFields([...new Set(missing)]);
  }

  private checkReferences(info: RecordTypeInfo, data: RecordData) {
    const check = (field: FieldInfo | undefined, value: Value | undefined) => {
      if (!field?.target || isEmpty(value)) return;
      const ids = Array.isArray(value) ? value : [value];
      for (const v of ids) {
        const id = Number(v);
        const exists = field.target.startsWith('customlist')
          ? Number.isInteger(id) && id >= 1 && id <= (this.dictionary.customLists.get(field.target)?.values.length ?? 0)
          : Number.isInteger(id) && !!this.resolveTarget(field.target, id);
        if (!exists) throw errors.invalidReference(field.id, v);
      }
    };
    for (const [id, value] of Object.entries(data.fields)) check(info.body.get(id), value);
    for (const [sublistId, lines] of Object.entries(data.sublists)) {
      const fields = info.sublists.get(sublistId)?.fields;
      if (!fields) continue;
      for (const line of lines) for (const [id, value] of Object.entries(line.fields)) if (id !== 'doc' && id !== 'orderline') check(fields.get(id), value);
    }
  }

  private assignNumbers(info: RecordTypeInfo, data: RecordData) {
    if (info.family === 'transaction' && isEmpty(data.fields.tranid)) {
      const seq = this.deps.store.allocateId(`tranid:${info.type}`);
      data.fields.tranid = `${TRANID_PREFIX[info.type] ?? ''}${1000 + seq}`;
    }
    if (info.family === 'customrecord' && isEmpty(data.fields.recordid)) data.fields.recordid = data.id;
  }

  private stamp(info: RecordTypeInfo, data: RecordData) {
    const now = new Date(this.now());
    if (info.family === 'customrecord') {
      data.fields.created = new Date(data.created);
      data.fields.lastmodified = now;
      data.fields.owner ??= '-5';
    } else {
      if (info.body.has('createddate')) data.fields.createddate = new Date(data.created);
      if (info.body.has('datecreated')) data.fields.datecreated = new Date(data.created);
      if (info.body.has('lastmodifieddate')) data.fields.lastmodifieddate = now;
    }
  }

  /** Status and commitments of the record itself after its own save. */
  private finish(data: RecordData) {
    if (data.type === 'salesorder') this.recommit(data);
    else if (data.type === 'returnauthorization') setStatus(data, returnStatus(data));
    else if (data.type === 'itemfulfillment') setStatus(data, String(data.fields.shipstatus || 'C'));
    else if (data.type === 'invoice') {
      data.fields.amountpaid = num(data.fields.amountpaid);
      data.fields.amountremaining = round2(num(data.fields.total) - num(data.fields.amountpaid));
      setStatus(data, num(data.fields.amountremaining) <= 0 ? 'B' : 'A');
    } else if (data.type === 'creditmemo') setStatus(data, num(data.fields.unapplied) <= 0 ? 'B' : 'A');
    else if (data.type === 'customerpayment') setStatus(data, 'B');
    else if (data.type === 'cashrefund' || data.type === 'customerdeposit') setStatus(data, 'A');
  }

  /** Releases and re-takes a sales order's commitments, then sets its status. */
  private recommit(data: RecordData) {
    const status = salesOrderStatus(data, this);
    const committing = !['A', 'C', 'H'].includes(status);
    for (const line of data.sublists.item ?? []) {
      const item = Number(line.fields.item);
      const location = this.lineLocation(data, line);
      const stocked = STOCKED_ITEM_TYPES.includes(this.itemType(item) ?? '');
      if (stocked && location) {
        this.deps.inventory.adjust(item, location, { committed: -num(line.fields.quantitycommitted), backordered: -num(line.fields.quantitybackordered) });
      }
      line.fields.quantityfulfilled = num(line.fields.quantityfulfilled);
      line.fields.quantitybilled = num(line.fields.quantitybilled);
      line.fields.quantitycommitted = 0;
      line.fields.quantitybackordered = 0;
      if (!stocked || !location || !committing || line.fields.isclosed === true) continue;
      const need = Math.max(0, num(line.fields.quantity) - num(line.fields.quantityfulfilled));
      const level = this.deps.inventory.level(item, location);
      const commit = Math.max(0, Math.min(need, level.onHand - level.committed));
      line.fields.quantitycommitted = commit;
      line.fields.quantitybackordered = need - commit;
      this.deps.inventory.adjust(item, location, { committed: commit, backordered: need - commit });
    }
    setStatus(data, status);
  }

  private applyEffects(effects: Effect[], sign: 1 | -1, touched: Set<string>) {
    for (const e of effects) {
      switch (e.kind) {
        case 'stock':
          this.deps.inventory.adjust(e.item, e.location, { onHand: sign * e.qty });
          break;
        case 'fulfill':
        case 'bill':
        case 'receive':
        case 'refund': {
          const type = this.locate('transaction', e.order);
          const order = type ? this.deps.store.peek(type, e.order) : undefined;
          const line = order?.sublists.item?.find((l) => l.lineId === e.line);
          if (!order || !line) break;
          const field = { fulfill: 'quantityfulfilled', bill: 'quantitybilled', receive: 'quantityreceived', refund: 'quantitybilled' }[e.kind];
          line.fields[field] = Math.max(0, num(line.fields[field]) + sign * e.qty);
          touched.add(`${type}:${e.order}`);
          break;
        }
        case 'pay': {
          const invoice = this.deps.store.peek('invoice', e.invoice);
          if (!invoice) break;
          invoice.fields.amountpaid = round2(num(invoice.fields.amountpaid) + sign * e.amount);
          touched.add(`invoice:${e.invoice}`);
          break;
        }
      }
    }
  }

  /** Re-derives a record other transactions changed, bumps its version and re-projects it. */
  private refreshLinked(key: string) {
    const [type, idText] = key.split(':');
    const data = this.deps.store.peek(type, Number(idText));
    if (!data) return;
    this.finish(data);
    data.version += 1;
    data.lastModified = this.now();
    if (this.dictionary.recordType(type).body.has('lastmodifieddate')) data.fields.lastmodifieddate = new Date(data.lastModified);
    this.persist(data);
  }

  private persist(data: RecordData) {
    this.deps.store.put(data);
    for (const l of this.deps.listeners) l.committed(data);
  }
}

export type CostClass = 'transaction' | 'customrecord' | 'other';
export function costClass(info: RecordTypeInfo): CostClass {
  return info.family === 'transaction' ? 'transaction' : info.family === 'customrecord' ? 'customrecord' : 'other';
}
const WRITE_UNITS: Record<CostClass, number> = { transaction: 20, customrecord: 4, other: 10 };

const SUBRECORD_SEEDS: Record<string, true> = { shippingaddress: true, billingaddress: true };

export function displayNameOf(data: RecordData): string {
  const f = data.fields;
  return String(f.entityid || f.itemid || f.name || f.tranid || f.companyname || data.id);
}

function mergeInlineEdit(stored: RecordData, submitted: RecordData): RecordData {
  const merged = cloneRecord(stored);
  Object.assign(merged.fields, submitted.fields);
  return merged;
}

const sessions = new WeakMap<NsRecord, Session>();

export function sessionOf(rec: NsRecord): Session | undefined {
  return sessions.get(rec);
}

export function bindSession(rec: NsRecord, session: Session) {
  sessions.set(rec, session);
}

/** A user in the browser: user events fire with executionContext USERINTERFACE. */
export const USER_SESSION: Session = { executionContext: 'USERINTERFACE', inUserEvent: false, userId: -5 };
/** Fixture seeding: no user events (like a CSV import with scripts off). */
export const SEED_SESSION: Session = { executionContext: 'CSVIMPORT', inUserEvent: true, userId: -5 };

export { SuiteScriptError };
