/**
 * Which record types, fields, sublists and SuiteQL columns exist: the dictionary of real NetSuite ids
 * (data/records.json) for standard ids, and the project's own Objects/*.xml for custom ones. An id
 * in neither fails loudly (SANDBOX_UNKNOWN_ID), so a typo or an id real NetSuite lacks breaks the test
 * that uses it; an id the dictionary marks unconfirmed works and is reported once as a warning.
 */
import fs from 'fs';
import path from 'path';
import type { CustomListDef, CustomRecordDef, FieldDef, SdfProject, StandardFieldDef } from '../../tools/sdf/objects';
import { unbracket } from '../../tools/sdf/objects';
import { errors } from './errors';

/** How values behave: what getValue returns and how SuiteQL stores them. */
export type ValueKind = 'text' | 'select' | 'multiselect' | 'checkbox' | 'integer' | 'float' | 'date' | 'datetime';

export interface FieldInfo {
  id: string;
  kind: ValueKind;
  label: string;
  confirmed: boolean;
  /** Record type (or customlist_/customrecord_ id) a select field points at, when the sandbox knows it. */
  target?: string;
  /** Set for custom fields and script parameters: their Objects/ definition. */
  custom?: FieldDef;
  readOnly?: boolean;
}

export type RecordFamily = 'transaction' | 'entity' | 'item' | 'list' | 'customrecord' | 'subrecord';

export interface RecordTypeInfo {
  type: string;
  label: string;
  family: RecordFamily;
  /** Internal ids are unique within this space (transactions share one, entities one, items one). */
  idSpace: string;
  /** The SuiteQL table holding this type's rows. */
  table?: string;
  /** SuiteQL `transaction.type` / `item.itemtype` code. */
  code?: string;
  transformTargets: string[];
  body: Map<string, FieldInfo>;
  sublists: Map<string, { confirmed: boolean; fields: Map<string, FieldInfo> }>;
  customRecord?: CustomRecordDef;
}

export interface ColumnInfo {
  id: string;
  kind: ValueKind;
  confirmed: boolean;
  target?: string;
}

export interface TableInfo {
  name: string;
  columns: Map<string, ColumnInfo>;
}

interface RawField {
  type?: string;
  label?: string;
  confirmed?: boolean;
  required?: boolean;
}

interface RawRecordType {
  label: string;
  transformTargets?: string[];
  bodyFields: Record<string, RawField>;
  sublists: Record<string, Record<string, RawField>>;
  sublistInfo?: Record<string, { confirmed?: boolean }>;
}

export interface RecordsJson {
  recordTypes: Record<string, RawRecordType>;
  searchTypes?: Record<string, { columns: Record<string, { type?: string }> }>;
  suiteql: Record<string, { columns: string[]; confirmedColumns: string[]; unconfirmedColumns: string[] }>;
}

export const RECORDS_JSON = path.join(__dirname, 'data', 'records.json');

let cachedRecords: RecordsJson | undefined;
export function loadRecordsJson(): RecordsJson {
  cachedRecords ??= JSON.parse(fs.readFileSync(RECORDS_JSON, 'utf8')) as RecordsJson;
  return cachedRecords;
}

/** SuiteQL `transaction.type` codes. */
export const TRANSACTION_CODES: Record<string, string> = {
  salesorder: 'SalesOrd',
  itemfulfillment: 'ItemShip',
  invoice: 'CustInvc',
  customerpayment: 'CustPymt',
  creditmemo: 'CustCred',
  returnauthorization: 'RtnAuth',
  cashrefund: 'CashRfnd',
  customerrefund: 'CustRfnd',
  customerdeposit: 'CustDep',
  deposit: 'Deposit',
  itemreceipt: 'ItemRcpt',
  inventoryadjustment: 'InvAdjst',
};

/** SuiteQL `item.itemtype` codes. */
export const ITEM_CODES: Record<string, string> = {
  inventoryitem: 'InvtPart',
  noninventoryitem: 'NonInvtPart',
  kititem: 'Kit',
  assemblyitem: 'Assembly',
  discountitem: 'Discount',
  shipitem: 'ShipItem',
};

const ENTITY_TYPES = ['customer', 'contact'];
const LIST_TYPES = ['location', 'term', 'currency', 'subsidiary', 'pricelevel', 'paymentmethod', 'customercategory'];
const SUBRECORD_TYPES = ['address', 'inventorydetail'];

/** Transaction types that carry sales lines (custbody "Sale", custcol "Sale"). */
const SALE_TYPES = ['salesorder', 'invoice', 'creditmemo', 'returnauthorization', 'cashrefund'];

/** Which checkbox on a custom field's Objects/ definition makes it apply to which record types. */
const BODY_APPLIES: Record<string, string[]> = {
  bodysale: SALE_TYPES,
  bodycustomerpayment: ['customerpayment', 'customerdeposit', 'customerrefund'],
  bodyitemfulfillment: ['itemfulfillment'],
  bodyitemreceipt: ['itemreceipt'],
  bodyinventoryadjustment: ['inventoryadjustment'],
  bodydeposit: ['deposit'],
};
const COLUMN_APPLIES: Record<string, string[]> = {
  colsale: SALE_TYPES,
  colitemfulfillment: ['itemfulfillment'],
  colitemreceipt: ['itemreceipt'],
  colinventoryadjustment: ['inventoryadjustment'],
};
const ENTITY_APPLIES: Record<string, string[]> = { appliestocustomer: ['customer'], appliestocontact: ['contact'] };
const ITEM_APPLIES: Record<string, string[]> = {
  appliestoinventory: ['inventoryitem'],
  appliestononinventory: ['noninventoryitem'],
  appliestokit: ['kititem'],
  appliestoitemassembly: ['assemblyitem'],
};

/** SDF's numeric `selectrecordtype` values the project uses. */
const NUMERIC_SELECT_TARGETS: Record<string, string> = { '-2': 'customer', '-6': 'contact', '-10': 'item', '-103': 'location', '-117': 'subsidiary', '-122': 'currency', '-192': 'shipitem', '-199': 'term' };

/** What standard select fields point at, for reference checks and BUILTIN.DF. */
export const STANDARD_SELECT_TARGETS: Record<string, string> = {
  entity: 'customer',
  customer: 'customer',
  parent: 'customer',
  company: 'customer',
  item: 'item',
  location: 'location',
  inventorylocation: 'location',
  adjlocation: 'location',
  currency: 'currency',
  subsidiary: 'subsidiary',
  terms: 'term',
  pricelevel: 'pricelevel',
  paymentmethod: 'paymentmethod',
  createdfrom: 'transaction',
  salesorder: 'transaction',
  doc: 'transaction',
  shipmethod: 'shipitem',
};

function kindOfStandard(type: string | undefined): ValueKind {
  switch (type) {
    case 'checkbox':
      return 'checkbox';
    case 'select':
      return 'select';
    case 'multiselect':
      return 'multiselect';
    case 'integer':
    case 'posinteger':
      return 'integer';
    case 'float':
    case 'posfloat':
    case 'currency':
    case 'currency2':
    case 'poscurrency':
    case 'rate':
    case 'percent':
      return 'float';
    case 'date':
    case 'mmyydate':
      return 'date';
    case 'datetime':
      return 'datetime';
    default:
      return 'text';
  }
}

export function kindOfCustom(fieldtype: string): ValueKind {
  switch (fieldtype.toUpperCase()) {
    case 'CHECKBOX':
      return 'checkbox';
    case 'SELECT':
      return 'select';
    case 'MULTISELECT':
      return 'multiselect';
    case 'INTEGER':
      return 'integer';
    case 'FLOAT':
    case 'CURRENCY':
    case 'PERCENT':
      return 'float';
    case 'DATE':
      return 'date';
    case 'DATETIME':
    case 'DATETIMETZ':
      return 'datetime';
    default:
      return 'text';
  }
}

export function selectTargetOf(field: FieldDef): string | undefined {
  if (!field.selectrecordtype) return undefined;
  const ref = unbracket(field.selectrecordtype).replace(/^scriptid=/, '');
  return NUMERIC_SELECT_TARGETS[ref] ?? (ref.startsWith('custom') ? ref : undefined);
}

function customFieldInfo(field: FieldDef): FieldInfo {
  return { id: field.scriptid, kind: kindOfCustom(field.fieldtype), label: field.label, confirmed: true, target: selectTargetOf(field), custom: field };
}

/** Fields every record has though the browser does not list them. */
const UNIVERSAL_FIELDS: FieldInfo[] = [{ id: 'id', kind: 'select', label: 'Internal ID', confirmed: true, readOnly: true }];

/** Fields the sandbox derives on transactions; in the browser under these ids. */
const READ_ONLY_FIELDS = new Set(['id', 'status', 'statusRef', 'createddate', 'lastmodifieddate', 'total', 'subtotal', 'amountremaining', 'amountpaid', 'created', 'lastmodified', 'datecreated']);

/**
 * SuiteQL columns records.json lists (unconfirmed) that live accounts refuse, with the error NetSuite
 * gives: public code reports "Field 'subsidiary' for record 'transaction' was not found. Reason:
 * NOT_EXPOSED" (use transactionline.subsidiary instead).
 */
export const NOT_EXPOSED: Record<string, string[]> = { transaction: ['subsidiary'] };

export type WarningSink = (message: string) => void;

export class Dictionary {
  private readonly types = new Map<string, RecordTypeInfo>();
  private readonly tables = new Map<string, TableInfo>();
  private readonly warned = new Set<string>();
  readonly customLists = new Map<string, CustomListDef>();
  readonly customRecords = new Map<string, CustomRecordDef>();

  constructor(
    readonly raw: RecordsJson,
    readonly project: SdfProject,
    private readonly warn: WarningSink,
  ) {
    for (const list of project.customLists) this.customLists.set(list.scriptid, list);
    for (const rec of project.customRecords) this.customRecords.set(rec.scriptid, rec);
  }

  private once(key: string, message: string) {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.warn(message);
  }

  isRecordType(type: string): boolean {
    try {
      this.recordType(type);
      return true;
    } catch {
      return false;
    }
  }

  familyOf(type: string): RecordFamily | undefined {
    const t = type.toLowerCase();
    if (t.startsWith('customrecord')) return 'customrecord';
    if (t in TRANSACTION_CODES) return 'transaction';
    if (ENTITY_TYPES.includes(t)) return 'entity';
    if (t in ITEM_CODES) return 'item';
    if (LIST_TYPES.includes(t)) return 'list';
    if (SUBRECORD_TYPES.includes(t)) return 'subrecord';
    return undefined;
  }

  /** The record type, or SANDBOX_UNKNOWN_ID / INVALID_RCRD_TYPE. */
  recordType(typeArg: string): RecordTypeInfo {
    const type = String(typeArg).toLowerCase();
    const known = this.types.get(type);
    if (known) return known;
    const family = this.familyOf(type);
    let info: RecordTypeInfo;
    if (family === 'customrecord') {
      const def = this.customRecords.get(type);
      if (!def) throw errors.unknownId(`Record type ${type} is not defined in the project's Objects/ (no ${type}.xml).`);
      info = this.customRecordInfo(def);
    } else {
      const raw = this.raw.recordTypes[type];
      if (!family || !raw) throw errors.invalidRecordType(type);
      info = this.standardInfo(type, family, raw);
    }
    this.types.set(type, info);
    return info;
  }

  private standardInfo(type: string, family: RecordFamily, raw: RawRecordType): RecordTypeInfo {
    const body = new Map<string, FieldInfo>();
    for (const f of UNIVERSAL_FIELDS) body.set(f.id, f);
    for (const [id, f] of Object.entries(raw.bodyFields)) {
      body.set(id, {
        id,
        kind: id === 'isperson' ? 'text' : kindOfStandard(f.type),
        label: f.label ?? id,
        confirmed: f.confirmed !== false,
        target: kindOfStandard(f.type) === 'select' ? STANDARD_SELECT_TARGETS[id] : undefined,
        readOnly: READ_ONLY_FIELDS.has(id),
      });
    }
    if (family === 'transaction' && !body.has('statusRef')) body.set('statusRef', { id: 'statusRef', kind: 'text', label: 'Status', confirmed: true, readOnly: true });
    const sublists = new Map<string, { confirmed: boolean; fields: Map<string, FieldInfo> }>();
    for (const [sublistId, fields] of Object.entries(raw.sublists)) {
      const map = new Map<string, FieldInfo>();
      for (const [id, f] of Object.entries(fields)) {
        map.set(id, { id, kind: kindOfStandard(f.type), label: f.label ?? id, confirmed: f.confirmed !== false, target: kindOfStandard(f.type) === 'select' ? STANDARD_SELECT_TARGETS[id] : undefined });
      }
      sublists.set(sublistId, { confirmed: raw.sublistInfo?.[sublistId]?.confirmed !== false, fields: map });
    }
    // Custom fields from Objects/ that apply to this type.
    for (const cf of this.project.customFields) {
      const info = customFieldInfo(cf);
      if (this.customFieldAppliesToBody(cf, type)) body.set(cf.scriptid, info);
      if (cf.objectType === 'transactioncolumncustomfield' && this.flagged(cf, COLUMN_APPLIES).includes(type)) {
        sublists.get('item')?.fields.set(cf.scriptid, info);
      }
    }
    const idSpace = family === 'transaction' || family === 'entity' || family === 'item' ? family : type;
    const table =
      family === 'transaction' ? 'transaction' : family === 'item' ? 'item' : family === 'subrecord' ? undefined : type;
    return {
      type,
      label: raw.label,
      family,
      idSpace,
      table,
      code: TRANSACTION_CODES[type] ?? ITEM_CODES[type],
      transformTargets: (raw.transformTargets ?? []).map((t) => t.toLowerCase()),
      body,
      sublists,
    };
  }

  private flagged(field: StandardFieldDef, table: Record<string, string[]>): string[] {
    return Object.entries(table)
      .filter(([flag]) => field.raw[flag] === 'T')
      .flatMap(([, types]) => types);
  }

  private customFieldAppliesToBody(field: StandardFieldDef, type: string): boolean {
    switch (field.objectType) {
      case 'transactionbodycustomfield':
        return this.flagged(field, BODY_APPLIES).includes(type);
      case 'entitycustomfield':
        return this.flagged(field, ENTITY_APPLIES).includes(type);
      case 'itemcustomfield':
        return this.flagged(field, ITEM_APPLIES).includes(type);
      default:
        return false;
    }
  }

  private customRecordInfo(def: CustomRecordDef): RecordTypeInfo {
    const raw = this.raw.recordTypes['customrecord'];
    const body = new Map<string, FieldInfo>();
    for (const f of UNIVERSAL_FIELDS) body.set(f.id, f);
    for (const [id, f] of Object.entries(raw.bodyFields)) {
      body.set(id, { id, kind: kindOfStandard(f.type), label: f.label || id, confirmed: true, readOnly: READ_ONLY_FIELDS.has(id) });
    }
    for (const field of def.fields) body.set(field.scriptid, customFieldInfo(field));
    return {
      type: def.scriptid,
      label: def.recordname,
      family: 'customrecord',
      idSpace: def.scriptid,
      table: def.scriptid,
      transformTargets: [],
      body,
      sublists: new Map(),
      customRecord: def,
    };
  }

  /** A body field of a record type; unknown ids fail, unconfirmed ids warn once. */
  bodyField(type: string, fieldIdArg: string): FieldInfo {
    const info = this.recordType(type);
    const fieldId = String(fieldIdArg);
    const field = info.body.get(fieldId) ?? info.body.get(fieldId.toLowerCase());
    if (!field) throw errors.unknownId(this.describeMissing(info, fieldId));
    if (!field.confirmed) this.once(`${info.type}.${fieldId}`, `${info.type}.${fieldId} is not confirmed by a Records Browser extract (see sandbox/netsuite/data/records.json).`);
    return field;
  }

  hasBodyField(type: string, fieldId: string): boolean {
    return this.recordType(type).body.has(fieldId);
  }

  sublist(type: string, sublistId: string): Map<string, FieldInfo> {
    const info = this.recordType(type);
    const sublist = info.sublists.get(String(sublistId).toLowerCase());
    if (!sublist) throw errors.unknownId(`Sublist ${sublistId} does not exist on ${info.type} (sandbox/netsuite/data/records.json lists: ${[...info.sublists.keys()].join(', ') || 'none'}).`);
    if (!sublist.confirmed) this.once(`${info.type}.${sublistId}`, `Sublist ${info.type}.${sublistId} is not confirmed by a Records Browser extract.`);
    return sublist.fields;
  }

  sublistField(type: string, sublistId: string, fieldIdArg: string): FieldInfo {
    const fields = this.sublist(type, sublistId);
    const fieldId = String(fieldIdArg);
    const field = fields.get(fieldId) ?? fields.get(fieldId.toLowerCase());
    if (!field) {
      const custom = /^cust/.test(fieldId)
        ? ` Custom column fields come from Objects/ (transactioncolumncustomfield applying to ${type}).`
        : ' (sandbox/netsuite/data/records.json)';
      throw errors.unknownId(`Field ${fieldId} does not exist on the ${sublistId} sublist of ${type}.${custom}`);
    }
    if (!field.confirmed) {
      this.once(`${type}.${sublistId}.${fieldId}`, `${type}.${sublistId}.${fieldId} is not confirmed by a Records Browser extract (see sandbox/netsuite/data/records.json).`);
    }
    return field;
  }

  private describeMissing(info: RecordTypeInfo, fieldId: string): string {
    if (/^custrecord/.test(fieldId)) {
      return info.family === 'customrecord'
        ? `Field ${fieldId} is not defined on ${info.type} in Objects/${info.type}.xml.`
        : `Field ${fieldId} is a custom record field; ${info.type} is not a custom record type.`;
    }
    if (/^cust(body|entity|item|col)/.test(fieldId)) {
      return `Field ${fieldId} is not defined in Objects/ as a custom field that applies to ${info.type}.`;
    }
    return `Field ${fieldId} does not exist on ${info.type} (not in sandbox/netsuite/data/records.json).`;
  }

  customList(id: string): CustomListDef {
    const list = this.customLists.get(id.toLowerCase());
    if (!list) throw errors.unknownId(`Custom list ${id} is not defined in the project's Objects/.`);
    return list;
  }

  /** A SuiteQL table: from the dictionary, a custom record or list, or (unconfirmed) its record's fields. */
  table(nameArg: string): TableInfo | undefined {
    const name = nameArg.toLowerCase();
    const cached = this.tables.get(name);
    if (cached) return cached;
    const columns = new Map<string, ColumnInfo>();
    const add = (id: string, kind: ValueKind, confirmed: boolean, target?: string) => {
      const existing = columns.get(id);
      if (!existing || (!existing.confirmed && confirmed)) columns.set(id, { id, kind, confirmed, target });
    };
    const raw = this.raw.suiteql[name];
    if (name.startsWith('customrecord')) {
      const def = this.customRecords.get(name);
      if (!def) return undefined;
      for (const id of ['id', 'owner']) add(id, 'integer', true);
      for (const id of ['name', 'scriptid', 'externalid', 'altname']) add(id, 'text', true);
      add('isinactive', 'checkbox', true);
      add('created', 'datetime', true);
      add('lastmodified', 'datetime', true);
      add('lastmodifiedby', 'integer', true);
      for (const f of def.fields) add(f.scriptid, kindOfCustom(f.fieldtype), true, selectTargetOf(f));
    } else if (name.startsWith('customlist')) {
      if (!this.customLists.has(name)) return undefined;
      add('id', 'integer', true);
      add('name', 'text', true);
      add('scriptid', 'text', true);
      add('isinactive', 'checkbox', true);
      add('recordid', 'integer', true);
    } else {
      const recordTypes = this.recordTypesOfTable(name);
      if (!raw && recordTypes.length === 0) return undefined;
      const fieldKinds = new Map<string, FieldInfo>();
      for (const type of recordTypes) for (const [id, f] of this.recordType(type).body) if (!fieldKinds.has(id)) fieldKinds.set(id, f);
      if (raw) {
        for (const id of raw.confirmedColumns) add(id, columnKind(name, id, fieldKinds.get(id)), true, fieldKinds.get(id)?.target ?? columnTarget(id));
        for (const id of raw.unconfirmedColumns) add(id, columnKind(name, id, fieldKinds.get(id)), false, fieldKinds.get(id)?.target ?? columnTarget(id));
      }
      if (!raw || name === 'term') {
        // No listing of this table's columns: its record's body fields stand in, unconfirmed.
        for (const [id, f] of fieldKinds) if (!id.startsWith('cust')) add(id.toLowerCase(), f.kind, false, f.target);
      }
      for (const cf of this.project.customFields) {
        const applies =
          (name === 'transaction' && cf.objectType === 'transactionbodycustomfield') ||
          (name === 'transactionline' && cf.objectType === 'transactioncolumncustomfield') ||
          ((name === 'customer' || name === 'contact') && cf.objectType === 'entitycustomfield' && this.flagged(cf, ENTITY_APPLIES).includes(name)) ||
          (name === 'item' && cf.objectType === 'itemcustomfield');
        if (applies) add(cf.scriptid, kindOfCustom(cf.fieldtype), true, selectTargetOf(cf));
      }
    }
    for (const id of NOT_EXPOSED[name] ?? []) columns.delete(id);
    const table = { name, columns };
    this.tables.set(name, table);
    return table;
  }

  private recordTypesOfTable(name: string): string[] {
    if (name === 'transaction') return Object.keys(TRANSACTION_CODES).filter((t) => this.raw.recordTypes[t]);
    if (name === 'item') return Object.keys(ITEM_CODES).filter((t) => this.raw.recordTypes[t]);
    if (name === 'transactionline') return [];
    if ((ENTITY_TYPES.includes(name) || LIST_TYPES.includes(name)) && this.raw.recordTypes[name]) return [name];
    return [];
  }

  /** Warn (once) about an unconfirmed SuiteQL column a query used. */
  noteColumn(table: string, column: ColumnInfo) {
    if (!column.confirmed) this.once(`suiteql.${table}.${column.id}`, `SuiteQL column ${table}.${column.id} is not confirmed (see sandbox/netsuite/data/records.json suiteql.${table}).`);
  }

  scriptParameter(scriptId: string, parameterId: string): FieldDef | undefined {
    return this.project.scripts.find((s) => s.scriptid === scriptId)?.parameters.find((p) => p.scriptid === parameterId);
  }
}

const NUMERIC_COLUMNS = /^(id|transaction|item|entity|location|currency|subsidiary|terms|parent|createdfrom|quantity.*|amount.*|.*amount|rate|netamount|foreigntotal|total|exchangerate|linesequencenumber|postingperiod|pricelevel|unitprice|nkey|recordid|owner|employee|account|department|class|contact|company|role|inventorylocation|shipmethod|category)$/;
const DATE_COLUMNS = /^(trandate|duedate|shipdate|closedate|startdate|enddate|actualshipdate|expectedshipdate|datecreated|createddate|lastmodifieddate|linelastmodifieddate|lastquantityavailablechange|deleteddate|created|lastmodified|billeddate|expectedreceiptdate|firstorderdate|lastorderdate|firstsaledate|lastsaledate|reversaldate|cleareddate)$/;

function columnKind(table: string, id: string, field: FieldInfo | undefined): ValueKind {
  if (DATE_COLUMNS.test(id)) return /^(trandate|duedate|shipdate|closedate|startdate|enddate|actualshipdate|expectedshipdate|expectedreceiptdate|reversaldate)$/.test(id) ? 'date' : 'datetime';
  if (field) return field.kind;
  if (/^(is|has)/.test(id) || ['mainline', 'taxline', 'posting', 'voided', 'void', 'fulfillable', 'iscogs', 'isinactive'].includes(id)) return 'checkbox';
  if (NUMERIC_COLUMNS.test(id)) return /^quantity|amount|rate|total|price|exchangerate/.test(id) ? 'float' : 'integer';
  void table;
  return 'text';
}

function columnTarget(id: string): string | undefined {
  return STANDARD_SELECT_TARGETS[id];
}
