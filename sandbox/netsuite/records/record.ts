/**
 * record.Record: one record in memory, in standard or dynamic mode. Every field and sublist id is
 * checked against the dictionary as it is used (SANDBOX_UNKNOWN_ID for ids real NetSuite lacks);
 * values go in and out as N/record converts them (see values.ts). Saving hands the record to the
 * account's RecordService, which runs user events, validation and commits.
 */
import type { Dictionary, FieldInfo, RecordTypeInfo } from '../dictionary';
import { errors, SuiteScriptError } from '../errors';
import type { LineData, RecordData, SubrecordData, Value } from '../models/store';
import { formatDate, isDateLike, isEmpty, normalizeIn, normalizeOut, parseDateText } from './values';

export interface SaveOptions {
  enableSourcing?: boolean;
  ignoreMandatoryFields?: boolean;
}

export interface RecordHost {
  readonly dictionary: Dictionary;
  /** Display text of a select value (getText), '' when unknown. */
  displayText(field: FieldInfo, value: Value): string;
  /** The select value whose display text is this (setText), or undefined. */
  valueForText(field: FieldInfo, text: string): string | undefined;
  save(record: NsRecord, options: SaveOptions): number;
  /** Dynamic-mode sourcing after a field changes (entity → terms, item → rate …). */
  sourceBody?(record: NsRecord, fieldId: string): void;
  sourceLine?(record: NsRecord, sublistId: string, line: LineData, fieldId: string): void;
  newLine(record: NsRecord, sublistId: string): LineData;
}

/** Body and line fields that hold subrecords, and the subrecord type. */
export const SUBRECORD_FIELDS: Record<string, string> = {
  shippingaddress: 'address',
  billingaddress: 'address',
  addressbookaddress: 'address',
};

/** Sublists whose lines come from the source transaction and cannot be added or removed. */
const STATIC_SUBLISTS: Record<string, string[]> = {
  itemfulfillment: ['item'],
  itemreceipt: ['item'],
  customerpayment: ['apply', 'credit', 'deposit'],
  creditmemo: ['apply'],
  customerrefund: ['apply', 'deposit'],
};

type Options = Record<string, unknown> | string | undefined;

function opt(options: Options, key: string, positional?: unknown): unknown {
  if (options !== null && typeof options === 'object') return (options as Record<string, unknown>)[key];
  return key === 'fieldId' || key === 'sublistId' ? (options ?? positional) : positional;
}

function requireArg(method: string, options: Options, key: string): string {
  const v = opt(options, key);
  if (v === undefined || v === null || v === '') throw errors.missingArgument(method, key);
  return String(v);
}

function requireLine(method: string, options: Options): number {
  const v = opt(options, 'line');
  if (v === undefined || v === null || v === '') throw errors.missingArgument(method, 'line');
  const n = Number(v);
  if (!Number.isInteger(n)) throw errors.invalidSublistOperation();
  return n;
}

export class NsSubrecord {
  constructor(
    private readonly host: RecordHost,
    readonly data: SubrecordData,
    private readonly readOnly: boolean,
  ) {}

  get type(): string {
    return this.data.type;
  }

  private field(fieldId: string): FieldInfo {
    return this.host.dictionary.bodyField(this.data.type, fieldId);
  }

  getValue(options: Options): Value {
    const fieldId = requireArg('Record.getValue', options, 'fieldId');
    return normalizeOut(this.field(fieldId), this.data.fields[fieldId]);
  }

  getText(options: Options): string {
    const fieldId = requireArg('Record.getText', options, 'fieldId');
    const field = this.field(fieldId);
    return textOf(this.host, field, this.data.fields[fieldId]);
  }

  setValue(options: Options, value?: unknown): this {
    const fieldId = requireArg('Record.setValue', options, 'fieldId');
    if (this.readOnly) throw readOnlyRecord();
    const v = typeof options === 'object' ? (options as Record<string, unknown>).value : value;
    this.data.fields[fieldId] = normalizeIn(this.field(fieldId), v);
    return this;
  }

  setText(options: Options, text?: unknown): this {
    const fieldId = requireArg('Record.setText', options, 'fieldId');
    const t = typeof options === 'object' ? (options as Record<string, unknown>).text : text;
    return this.setValue({ fieldId, value: valueFromText(this.host, this.field(fieldId), String(t ?? '')) });
  }

  getFields(): string[] {
    return Object.keys(this.data.fields);
  }

  toJSON() {
    return { type: this.data.type, fields: { ...this.data.fields } };
  }
}

function readOnlyRecord() {
  return new SuiteScriptError('SSS_INVALID_API_USAGE', 'This record is read-only in this context; its changes cannot be saved.');
}

function textOf(host: RecordHost, field: FieldInfo, value: Value | undefined): string {
  if (isEmpty(value)) return '';
  switch (field.kind) {
    case 'checkbox':
      return value === true ? 'T' : 'F';
    case 'select':
      return host.displayText(field, value as Value);
    case 'multiselect':
      return (value as string[]).map((v) => host.displayText(field, v)).join(', ');
    case 'date':
    case 'datetime':
      return isDateLike(value) ? formatDate(value) : String(value);
    default:
      return String(value);
  }
}

function valueFromText(host: RecordHost, field: FieldInfo, text: string): unknown {
  switch (field.kind) {
    case 'checkbox':
      return text === 'T';
    case 'select': {
      if (text === '') return '';
      const v = host.valueForText(field, text);
      if (v === undefined) throw errors.invalidFieldValue(text, field.id);
      return v;
    }
    case 'date':
    case 'datetime': {
      if (text === '') return '';
      const d = parseDateText(text);
      if (!d) throw errors.invalidFieldValue(text, field.id);
      return d;
    }
    case 'integer':
    case 'float':
      return text === '' ? '' : Number(text);
    default:
      return text;
  }
}

interface CurrentLine {
  index: number;
  line: LineData;
  isNew: boolean;
}

export class NsRecord {
  readonly info: RecordTypeInfo;
  /** Fields set since load (what an inline edit submits; what getFields lists on xedit records). */
  readonly touched = new Set<string>();
  private readonly current = new Map<string, CurrentLine>();
  /** The stored version this record was loaded at; undefined for a new record. */
  loadedVersion: number | undefined;
  /** For records a user event receives: oldRecord and afterSubmit's newRecord cannot be saved. */
  readOnly = false;
  /** An inline-edit record (xedit): getFields lists only the submitted fields. */
  partial = false;
  transformedFrom?: { type: string; id: number };

  constructor(
    private readonly host: RecordHost,
    readonly data: RecordData,
    readonly isDynamic: boolean,
  ) {
    this.info = host.dictionary.recordType(data.type);
  }

  get type(): string {
    return this.data.type;
  }

  get id(): number | null {
    return this.data.id > 0 ? this.data.id : null;
  }

  private bodyField(fieldId: string): FieldInfo {
    return this.host.dictionary.bodyField(this.type, fieldId);
  }

  private lineField(sublistId: string, fieldId: string): FieldInfo {
    return this.host.dictionary.sublistField(this.type, sublistId, fieldId);
  }

  private lines(sublistId: string): LineData[] {
    this.host.dictionary.sublist(this.type, sublistId);
    const key = sublistId.toLowerCase();
    this.data.sublists[key] ??= [];
    return this.data.sublists[key];
  }

  private writable() {
    if (this.readOnly) throw readOnlyRecord();
  }

  // ---- body fields -------------------------------------------------------------------------

  getValue(options: Options): Value {
    const fieldId = requireArg('Record.getValue', options, 'fieldId');
    const field = this.bodyField(fieldId);
    if (fieldId === 'id') return this.id === null ? '' : String(this.id);
    return normalizeOut(field, this.data.fields[fieldId]);
  }

  getText(options: Options): string {
    const fieldId = requireArg('Record.getText', options, 'fieldId');
    const field = this.bodyField(fieldId);
    if (fieldId === 'id') return this.id === null ? '' : String(this.id);
    return textOf(this.host, field, this.data.fields[fieldId]);
  }

  setValue(options: Options, value?: unknown): this {
    const fieldId = requireArg('Record.setValue', options, 'fieldId');
    this.writable();
    const field = this.bodyField(fieldId);
    const v = typeof options === 'object' ? (options as Record<string, unknown>).value : value;
    if (field.readOnly || SUBRECORD_FIELDS[fieldId]) return this; // calculated fields ignore writes, as on NetSuite
    this.data.fields[fieldId] = normalizeIn(field, v);
    this.touched.add(fieldId);
    const ignore = typeof options === 'object' && (options as Record<string, unknown>).ignoreFieldChange === true;
    if (this.isDynamic && !ignore) this.host.sourceBody?.(this, fieldId);
    return this;
  }

  setText(options: Options, text?: unknown): this {
    const fieldId = requireArg('Record.setText', options, 'fieldId');
    const t = typeof options === 'object' ? (options as Record<string, unknown>).text : text;
    const value = valueFromText(this.host, this.bodyField(fieldId), String(t ?? ''));
    return this.setValue({ fieldId, value, ignoreFieldChange: typeof options === 'object' ? (options as Record<string, unknown>).ignoreFieldChange : false });
  }

  getFields(): string[] {
    if (this.partial) return [...this.touched];
    const ids = new Set<string>(['id', ...Object.keys(this.data.fields), ...Object.keys(this.data.subrecords)]);
    return [...ids];
  }

  getField(options: Options) {
    const fieldId = requireArg('Record.getField', options, 'fieldId');
    const field = this.bodyField(fieldId);
    return { id: field.id, label: field.label, type: field.kind, isMandatory: false, isDisplay: true, isReadOnly: !!field.readOnly };
  }

  // ---- subrecords --------------------------------------------------------------------------

  getSubrecord(options: Options): NsSubrecord {
    const fieldId = requireArg('Record.getSubrecord', options, 'fieldId');
    this.bodyField(fieldId);
    const subType = SUBRECORD_FIELDS[fieldId];
    if (!subType) throw new SuiteScriptError('FIELD_1_IS_NOT_A_SUBRECORD_FIELD', `Field ${fieldId} is not a subrecord field.`);
    if (!this.data.subrecords[fieldId]) {
      if (this.readOnly) return new NsSubrecord(this.host, { type: subType, fields: {} }, true);
      this.data.subrecords[fieldId] = { type: subType, fields: {} };
      this.touched.add(fieldId);
    }
    return new NsSubrecord(this.host, this.data.subrecords[fieldId], this.readOnly);
  }

  hasSubrecord(options: Options): boolean {
    const fieldId = requireArg('Record.hasSubrecord', options, 'fieldId');
    return !!this.data.subrecords[fieldId];
  }

  removeSubrecord(options: Options): this {
    const fieldId = requireArg('Record.removeSubrecord', options, 'fieldId');
    this.writable();
    delete this.data.subrecords[fieldId];
    this.touched.add(fieldId);
    return this;
  }

  // ---- sublists (standard mode and reads) --------------------------------------------------

  getSublists(): string[] {
    return Object.keys(this.data.sublists);
  }

  getSublistFields(options: Options): string[] {
    const sublistId = requireArg('Record.getSublistFields', options, 'sublistId');
    const fields = new Set<string>();
    for (const line of this.lines(sublistId)) Object.keys(line.fields).forEach((f) => fields.add(f));
    return [...fields];
  }

  getLineCount(options: Options): number {
    const sublistId = requireArg('Record.getLineCount', options, 'sublistId');
    return this.lines(sublistId).length;
  }

  private lineAt(method: string, options: Options): { sublistId: string; line: LineData; index: number } {
    const sublistId = requireArg(method, options, 'sublistId');
    const index = requireLine(method, options);
    const lines = this.lines(sublistId);
    if (index < 0 || index >= lines.length) throw errors.invalidSublistOperation();
    return { sublistId, line: lines[index], index };
  }

  getSublistValue(options: Options): Value {
    const fieldId = requireArg('Record.getSublistValue', options, 'fieldId');
    const field = this.lineField(requireArg('Record.getSublistValue', options, 'sublistId'), fieldId);
    const { line } = this.lineAt('Record.getSublistValue', options);
    return normalizeOut(field, line.fields[fieldId]);
  }

  getSublistText(options: Options): string {
    const fieldId = requireArg('Record.getSublistText', options, 'fieldId');
    const field = this.lineField(requireArg('Record.getSublistText', options, 'sublistId'), fieldId);
    const { line } = this.lineAt('Record.getSublistText', options);
    return textOf(this.host, field, line.fields[fieldId]);
  }

  setSublistValue(options: Options): this {
    const sublistId = requireArg('Record.setSublistValue', options, 'sublistId');
    const fieldId = requireArg('Record.setSublistValue', options, 'fieldId');
    const index = requireLine('Record.setSublistValue', options);
    this.writable();
    if (this.isDynamic) {
      throw new SuiteScriptError('SSS_INVALID_API_USAGE', 'Record.setSublistValue is not available in dynamic mode. Use selectLine, setCurrentSublistValue and commitLine.');
    }
    const field = this.lineField(sublistId, fieldId);
    const lines = this.lines(sublistId);
    if (index < 0 || index > lines.length) throw errors.invalidSublistOperation();
    if (index === lines.length) {
      if (this.isStatic(sublistId)) throw errors.invalidSublistOperation();
      lines.push(this.host.newLine(this, sublistId));
    }
    const value = (options as Record<string, unknown>).value;
    lines[index].fields[fieldId] = normalizeIn(field, value);
    this.touched.add(sublistId);
    return this;
  }

  setSublistText(options: Options): this {
    const sublistId = requireArg('Record.setSublistText', options, 'sublistId');
    const fieldId = requireArg('Record.setSublistText', options, 'fieldId');
    const field = this.lineField(sublistId, fieldId);
    const value = valueFromText(this.host, field, String((options as Record<string, unknown>).text ?? ''));
    return this.setSublistValue({ ...(options as Record<string, unknown>), value });
  }

  insertLine(options: Options): this {
    const sublistId = requireArg('Record.insertLine', options, 'sublistId');
    const index = requireLine('Record.insertLine', options);
    this.writable();
    const lines = this.lines(sublistId);
    if (this.isStatic(sublistId) || index < 0 || index > lines.length) throw errors.invalidSublistOperation();
    const line = this.host.newLine(this, sublistId);
    lines.splice(index, 0, line);
    if (this.isDynamic) this.current.set(sublistId, { index, line: structuredClone(line), isNew: false });
    this.touched.add(sublistId);
    return this;
  }

  removeLine(options: Options): this {
    const { sublistId, index } = this.lineAt('Record.removeLine', options);
    this.writable();
    if (this.isStatic(sublistId)) throw errors.invalidSublistOperation();
    this.lines(sublistId).splice(index, 1);
    this.current.delete(sublistId);
    this.touched.add(sublistId);
    return this;
  }

  findSublistLineWithValue(options: Options): number {
    const sublistId = requireArg('Record.findSublistLineWithValue', options, 'sublistId');
    const fieldId = requireArg('Record.findSublistLineWithValue', options, 'fieldId');
    const field = this.lineField(sublistId, fieldId);
    const wanted = (options as Record<string, unknown>).value;
    const lines = this.lines(sublistId);
    for (let i = 0; i < lines.length; i++) {
      const v = normalizeOut(field, lines[i].fields[fieldId]);
      if (v === wanted || String(v) === String(wanted)) return i;
    }
    return -1;
  }

  getSublistSubrecord(options: Options): NsSubrecord {
    const fieldId = requireArg('Record.getSublistSubrecord', options, 'fieldId');
    const { sublistId, line } = this.lineAt('Record.getSublistSubrecord', options);
    this.lineField(sublistId, fieldId);
    return this.lineSubrecord(line, fieldId);
  }

  hasSublistSubrecord(options: Options): boolean {
    const fieldId = requireArg('Record.hasSublistSubrecord', options, 'fieldId');
    const { line } = this.lineAt('Record.hasSublistSubrecord', options);
    return !!line.subrecords[fieldId];
  }

  private lineSubrecord(line: LineData, fieldId: string): NsSubrecord {
    const subType = SUBRECORD_FIELDS[fieldId];
    if (!subType) throw new SuiteScriptError('FIELD_1_IS_NOT_A_SUBRECORD_FIELD', `Field ${fieldId} is not a subrecord field.`);
    line.subrecords[fieldId] ??= { type: subType, fields: {} };
    return new NsSubrecord(this.host, line.subrecords[fieldId], this.readOnly);
  }

  private isStatic(sublistId: string): boolean {
    return (STATIC_SUBLISTS[this.type] ?? []).includes(sublistId.toLowerCase());
  }

  // ---- dynamic mode: the current line ------------------------------------------------------

  private currentLine(method: string, sublistId: string): CurrentLine {
    if (!this.isDynamic) {
      throw new SuiteScriptError('SSS_INVALID_API_USAGE', `${method} is only available in dynamic mode (record.create/load/transform with isDynamic: true).`);
    }
    let current = this.current.get(sublistId);
    if (!current) {
      if (this.isStatic(sublistId)) throw errors.invalidSublistOperation();
      current = { index: this.lines(sublistId).length, line: this.host.newLine(this, sublistId), isNew: true };
      this.current.set(sublistId, current);
    }
    return current;
  }

  selectNewLine(options: Options): this {
    const sublistId = requireArg('Record.selectNewLine', options, 'sublistId');
    this.writable();
    if (!this.isDynamic) throw new SuiteScriptError('SSS_INVALID_API_USAGE', 'Record.selectNewLine is only available in dynamic mode.');
    if (this.isStatic(sublistId)) throw errors.invalidSublistOperation();
    this.current.set(sublistId, { index: this.lines(sublistId).length, line: this.host.newLine(this, sublistId), isNew: true });
    return this;
  }

  selectLine(options: Options): this {
    const { sublistId, line, index } = this.lineAt('Record.selectLine', options);
    if (!this.isDynamic) throw new SuiteScriptError('SSS_INVALID_API_USAGE', 'Record.selectLine is only available in dynamic mode.');
    this.current.set(sublistId, { index, line: structuredClone(line), isNew: false });
    return this;
  }

  getCurrentSublistIndex(options: Options): number {
    const sublistId = requireArg('Record.getCurrentSublistIndex', options, 'sublistId');
    return this.current.get(sublistId)?.index ?? this.lines(sublistId).length;
  }

  getCurrentSublistValue(options: Options): Value {
    const sublistId = requireArg('Record.getCurrentSublistValue', options, 'sublistId');
    const fieldId = requireArg('Record.getCurrentSublistValue', options, 'fieldId');
    const field = this.lineField(sublistId, fieldId);
    return normalizeOut(field, this.currentLine('Record.getCurrentSublistValue', sublistId).line.fields[fieldId]);
  }

  getCurrentSublistText(options: Options): string {
    const sublistId = requireArg('Record.getCurrentSublistText', options, 'sublistId');
    const fieldId = requireArg('Record.getCurrentSublistText', options, 'fieldId');
    const field = this.lineField(sublistId, fieldId);
    return textOf(this.host, field, this.currentLine('Record.getCurrentSublistText', sublistId).line.fields[fieldId]);
  }

  setCurrentSublistValue(options: Options): this {
    const sublistId = requireArg('Record.setCurrentSublistValue', options, 'sublistId');
    const fieldId = requireArg('Record.setCurrentSublistValue', options, 'fieldId');
    this.writable();
    const field = this.lineField(sublistId, fieldId);
    const current = this.currentLine('Record.setCurrentSublistValue', sublistId);
    current.line.fields[fieldId] = normalizeIn(field, (options as Record<string, unknown>).value);
    if ((options as Record<string, unknown>).ignoreFieldChange !== true) this.host.sourceLine?.(this, sublistId, current.line, fieldId);
    return this;
  }

  setCurrentSublistText(options: Options): this {
    const sublistId = requireArg('Record.setCurrentSublistText', options, 'sublistId');
    const fieldId = requireArg('Record.setCurrentSublistText', options, 'fieldId');
    const field = this.lineField(sublistId, fieldId);
    const value = valueFromText(this.host, field, String((options as Record<string, unknown>).text ?? ''));
    return this.setCurrentSublistValue({ ...(options as Record<string, unknown>), value });
  }

  getCurrentSublistSubrecord(options: Options): NsSubrecord {
    const sublistId = requireArg('Record.getCurrentSublistSubrecord', options, 'sublistId');
    const fieldId = requireArg('Record.getCurrentSublistSubrecord', options, 'fieldId');
    this.lineField(sublistId, fieldId);
    return this.lineSubrecord(this.currentLine('Record.getCurrentSublistSubrecord', sublistId).line, fieldId);
  }

  commitLine(options: Options): this {
    const sublistId = requireArg('Record.commitLine', options, 'sublistId');
    this.writable();
    const current = this.currentLine('Record.commitLine', sublistId);
    const lines = this.lines(sublistId);
    if (current.isNew) lines.splice(current.index, 0, current.line);
    else lines[current.index] = current.line;
    this.current.delete(sublistId);
    this.touched.add(sublistId);
    return this;
  }

  cancelLine(options: Options): this {
    const sublistId = requireArg('Record.cancelLine', options, 'sublistId');
    this.current.delete(sublistId);
    return this;
  }

  // ---- save --------------------------------------------------------------------------------

  save(options?: SaveOptions): number {
    this.writable();
    for (const [sublistId, current] of this.current) if (current.isNew && Object.keys(current.line.fields).length > 0) this.commitLine({ sublistId });
    return this.host.save(this, options ?? {});
  }

  toJSON() {
    return {
      id: this.id === null ? undefined : String(this.id),
      type: this.type,
      isDynamic: this.isDynamic,
      fields: Object.fromEntries(Object.entries(this.data.fields).map(([k, v]) => [k, isDateLike(v) ? v.toISOString() : v])),
      sublists: Object.fromEntries(Object.entries(this.data.sublists).map(([k, lines]) => [k, lines.map((l) => ({ ...l.fields }))])),
    };
  }

  toString(): string {
    return 'standard record';
  }
}
