/**
 * Keeps the SQL engine's tables in step with the records: every committed record becomes rows under
 * its SuiteQL table and column names (transaction + transactionline, customer, contact, item, location,
 * term, currency, custom record and custom list tables …), stock levels become inventoryitemlocations
 * rows. Values are stored as SuiteQL holds them: 'T'/'F' for booleans, internal ids as numbers,
 * NULL for empty (Oracle has no empty string), dates as 'YYYY-MM-DD HH:MM:SS' (UTC).
 */
import type { Database, Statement } from 'sql.js';
import type { ColumnInfo, Dictionary, TableInfo } from '../dictionary';
import { ITEM_CODES, TRANSACTION_CODES } from '../dictionary';
import type { Inventory, StockLevel } from '../models/inventory';
import { available } from '../models/inventory';
import type { LineData, RecordData, RecordStore, Value } from '../models/store';
import type { RecordListener } from '../records/service';
import { STOCKED_ITEM_TYPES } from '../records/transactions';
import { isDateLike, num } from '../records/values';

/** Tables created up front, so queries against empty tables work. */
export const BASE_TABLES = [
  'transaction',
  'transactionline',
  'customer',
  'contact',
  'customersubsidiaryrelationship',
  'companycontactrelationship',
  'entityaddress',
  'customeraddressbookentityaddress',
  'item',
  'inventoryitemlocations',
  'aggregateitemlocation',
  'inventorybalance',
  'location',
  'term',
  'currency',
  'subsidiary',
  'pricelevel',
  'deletedrecord',
];

/** Transactions whose item lines move stock (their lines carry isinventoryaffecting = 'T'). */
const INVENTORY_AFFECTING = ['itemfulfillment', 'itemreceipt', 'inventoryadjustment'];

/** Stock tables that are views over inventoryitemlocations. */
const STOCK_VIEWS = ['aggregateitemlocation', 'inventorybalance'];

/** Transaction types whose lines SuiteQL shows with negative quantities (and, for sales, amounts). */
const NEGATIVE_QUANTITY = ['salesorder', 'invoice', 'itemfulfillment', 'cashsale'];
const NEGATIVE_AMOUNT = ['salesorder', 'invoice', 'cashsale'];

export function sqlDate(d: Date): string {
  return d.toISOString().replace('T', ' ').slice(0, 19);
}

export function toSql(column: ColumnInfo | undefined, value: Value | undefined): string | number | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'boolean') return value ? 'T' : 'F';
  if (isDateLike(value)) return sqlDate(value);
  if (Array.isArray(value)) return value.length ? value.join(', ') : null;
  if (column && (column.kind === 'select' || column.kind === 'integer' || column.kind === 'float')) {
    const n = Number(value);
    return Number.isFinite(n) ? n : String(value);
  }
  if (column?.kind === 'checkbox') return value === 'T' || value === 'F' ? value : null;
  return typeof value === 'number' ? value : String(value);
}

function sqlType(column: ColumnInfo): string {
  return column.kind === 'select' || column.kind === 'integer' || column.kind === 'float' ? 'NUMERIC' : 'TEXT';
}

function quote(id: string) {
  return `"${id.replace(/"/g, '""')}"`;
}

export class Projection implements RecordListener {
  private readonly created = new Set<string>();

  constructor(
    private readonly db: Database,
    private readonly dictionary: Dictionary,
    private readonly store: RecordStore,
    private readonly inventory: Inventory,
    private readonly itemType: (id: number) => string | undefined,
    private readonly now: () => number,
  ) {
    for (const name of BASE_TABLES) this.ensureTable(name);
    for (const id of dictionary.customRecords.keys()) this.ensureTable(id);
    for (const list of dictionary.customLists.values()) {
      this.ensureTable(list.scriptid);
      list.values.forEach((v, i) =>
        this.upsert(list.scriptid, 'id', { id: i + 1, name: v.value, scriptid: v.scriptid.toUpperCase(), isinactive: 'F', recordid: i + 1 }),
      );
    }
    inventory.onChange((level) => this.stock(level));
  }

  ensureTable(name: string): TableInfo | undefined {
    const table = this.dictionary.table(name);
    if (!table) return undefined;
    if (!this.created.has(name) && STOCK_VIEWS.includes(name)) {
      // Views over inventoryitemlocations: one row per item and location, written once per change.
      const source = this.ensureTable('inventoryitemlocations')!;
      const cols = [...table.columns.keys()].map((c) => (source.columns.has(c) ? quote(c) : `NULL AS ${quote(c)}`));
      this.db.run(`CREATE VIEW IF NOT EXISTS ${quote(name)} AS SELECT ${cols.join(', ')} FROM ${quote('inventoryitemlocations')}`);
      this.created.add(name);
      return table;
    }
    if (!this.created.has(name)) {
      const cols = [...table.columns.values()].map((c) => `${quote(c.id)} ${sqlType(c)}`);
      this.db.run(`CREATE TABLE IF NOT EXISTS ${quote(name)} (${cols.join(', ')})`);
      this.created.add(name);
    }
    return table;
  }

  private readonly statements = new Map<string, Statement>();

  /** Runs a statement, prepared once per SQL text. */
  private exec(sql: string, params: (string | number | null)[]) {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    stmt.run(params);
  }

  private readonly indexed = new Set<string>();

  /** An index on the columns rows are found by (upserts and deletes would scan the table otherwise). */
  private index(tableName: string, keys: string[]) {
    const name = `ix_${tableName}_${keys.join('_')}`;
    if (this.indexed.has(name)) return;
    this.db.run(`CREATE INDEX IF NOT EXISTS ${quote(name)} ON ${quote(tableName)} (${keys.map(quote).join(', ')})`);
    this.indexed.add(name);
  }

  private upsert(tableName: string, keyColumns: string | string[], row: Record<string, string | number | null>) {
    const table = this.ensureTable(tableName);
    if (!table) return;
    const keys = Array.isArray(keyColumns) ? keyColumns : [keyColumns];
    this.index(tableName, keys);
    const entries = Object.entries(row).filter(([k]) => table.columns.has(k));
    this.exec(`DELETE FROM ${quote(tableName)} WHERE ${keys.map((k) => `${quote(k)} = ?`).join(' AND ')}`, keys.map((k) => row[k]));
    this.exec(
      `INSERT INTO ${quote(tableName)} (${entries.map(([k]) => quote(k)).join(', ')}) VALUES (${entries.map(() => '?').join(', ')})`,
      entries.map(([, v]) => v),
    );
  }

  private remove(tableName: string, where: Record<string, string | number>) {
    if (!this.created.has(tableName)) return;
    const keys = Object.keys(where);
    this.index(tableName, keys);
    this.exec(`DELETE FROM ${quote(tableName)} WHERE ${keys.map((k) => `${quote(k)} = ?`).join(' AND ')}`, keys.map((k) => where[k]));
  }

  /** Row values for the table's columns that the record has under the same id. */
  private sameNamed(table: TableInfo, fields: Record<string, Value>): Record<string, string | number | null> {
    const row: Record<string, string | number | null> = {};
    for (const [id, value] of Object.entries(fields)) {
      const column = table.columns.get(id.toLowerCase());
      if (column) row[column.id] = toSql(column, value);
    }
    return row;
  }

  committed(data: RecordData): void {
    const info = this.dictionary.recordType(data.type);
    switch (info.family) {
      case 'transaction':
        return this.transaction(data);
      case 'customrecord': {
        const table = this.ensureTable(data.type)!;
        const row = this.sameNamed(table, data.fields);
        row.id = data.id;
        row.isinactive = data.fields.isinactive === true ? 'T' : 'F';
        this.upsert(data.type, 'id', row);
        return;
      }
      case 'entity':
        return this.entity(data);
      case 'item':
        return this.item(data);
      case 'list': {
        const table = this.ensureTable(data.type);
        if (!table) return;
        const row = this.sameNamed(table, data.fields);
        row.id = data.id;
        if (table.columns.has('fullname')) row.fullname = String(data.fields.name ?? '');
        if (table.columns.has('isinactive')) row.isinactive = data.fields.isinactive === true ? 'T' : 'F';
        if (table.columns.has('lastmodifieddate')) row.lastmodifieddate = sqlDate(new Date(data.lastModified));
        if (data.type === 'currency' && table.columns.has('isbasecurrency')) row.isbasecurrency = data.id === 1 ? 'T' : 'F';
        this.upsert(data.type, 'id', row);
        if (data.type === 'location') for (const item of this.stockedItems()) this.inventory.level(item, data.id);
        return;
      }
      default:
        return;
    }
  }

  deleted(type: string, id: number, data: RecordData): void {
    const info = this.dictionary.recordType(type);
    const table = info.table;
    if (info.family === 'transaction') {
      this.remove('transaction', { id });
      this.remove('transactionline', { transaction: id });
    } else if (table) {
      this.remove(table, { id });
    }
    if (info.family === 'entity') {
      this.remove('customersubsidiaryrelationship', { entity: id });
      this.remove('companycontactrelationship', type === 'contact' ? { contact: id } : { company: id });
      for (const line of data.sublists.addressbook ?? []) {
        const nkey = Number(line.subrecords.addressbookaddress?.fields.id);
        if (nkey) {
          this.remove('entityaddress', { nkey });
          this.remove('customeraddressbookentityaddress', { nkey });
        }
      }
    }
    if (info.family === 'item') this.remove('inventoryitemlocations', { item: id });
    this.upsert('deletedrecord', ['recordid', 'recordtypeid'], {
      recordid: id,
      recordtypeid: type,
      type: info.label,
      name: String(data.fields.name ?? data.fields.tranid ?? data.fields.entityid ?? data.fields.itemid ?? id),
      deleteddate: sqlDate(new Date(this.now())),
      iscustomrecord: info.family === 'customrecord' ? 'T' : 'F',
      iscustomlist: 'F',
      iscustomtransaction: 'F',
      context: 'SCRIPT',
      scriptid: info.family === 'customrecord' ? type.toUpperCase() : null,
    });
  }

  private transaction(data: RecordData) {
    const header = this.ensureTable('transaction')!;
    const f = data.fields;
    const row = this.sameNamed(header, f);
    const total = num(f.total);
    Object.assign(row, {
      id: data.id,
      type: TRANSACTION_CODES[data.type],
      recordtype: data.type,
      entity: toSql(header.columns.get('entity'), f.entity || f.customer),
      status: data.meta.status ?? null,
      transactionnumber: f.tranid ? String(f.tranid) : null,
      number: f.tranid ? String(f.tranid) : null,
      trandisplayname: `${this.dictionary.recordType(data.type).label} #${f.tranid ?? data.id}`,
      foreigntotal: f.total === undefined ? null : total,
      foreignamountunpaid: data.type === 'invoice' ? num(f.amountremaining) : null,
      foreignamountpaid: data.type === 'invoice' ? num(f.amountpaid) : null,
      posting: ['invoice', 'customerpayment', 'creditmemo', 'cashrefund', 'itemfulfillment', 'itemreceipt', 'inventoryadjustment', 'customerdeposit'].includes(data.type) ? 'T' : 'F',
      voided: 'F',
      void: 'F',
      createddate: toSql(undefined, new Date(data.created)),
      lastmodifieddate: toSql(undefined, new Date(data.lastModified)),
    });
    this.upsert('transaction', 'id', row);

    this.remove('transactionline', { transaction: data.id });
    const lineTable = this.ensureTable('transactionline')!;
    const createdFrom = toSql(undefined, f.createdfrom);
    const modified = toSql(undefined, new Date(data.lastModified));
    const entity = row.entity;
    const subsidiary = toSql(lineTable.columns.get('subsidiary'), f.subsidiary);
    this.upsert('transactionline', ['transaction', 'id'], {
      transaction: data.id,
      id: 0,
      linesequencenumber: 0,
      mainline: 'T',
      taxline: 'F',
      isinventoryaffecting: 'F',
      entity,
      subsidiary,
      location: toSql(lineTable.columns.get('location'), f.location),
      memo: toSql(undefined, f.memo),
      createdfrom: createdFrom,
      foreignamount: f.total === undefined ? null : NEGATIVE_AMOUNT.includes(data.type) ? total : -total,
      linelastmodifieddate: modified,
      isclosed: 'F',
    });
    const sublistId = data.type === 'inventoryadjustment' ? 'inventory' : 'item';
    const qSign = NEGATIVE_QUANTITY.includes(data.type) ? -1 : 1;
    const aSign = NEGATIVE_AMOUNT.includes(data.type) ? -1 : 1;
    (data.sublists[sublistId] ?? []).forEach((line: LineData, index: number) => {
      const lf = line.fields;
      const lrow = this.sameNamed(lineTable, lf);
      const itemId = Number(lf.item);
      const qty = sublistId === 'inventory' ? num(lf.adjustqtyby) : num(lf.quantity);
      const fulfilled = data.type === 'returnauthorization' ? num(lf.quantityreceived) : num(lf.quantityfulfilled);
      Object.assign(lrow, {
        transaction: data.id,
        id: line.lineId,
        uniquekey: line.uniqueKey,
        linesequencenumber: index + 1,
        mainline: 'F',
        taxline: 'F',
        entity,
        subsidiary,
        item: Number.isFinite(itemId) && itemId > 0 ? itemId : null,
        itemtype: ITEM_CODES[this.itemType(itemId) ?? ''] ?? null,
        quantity: qSign * qty,
        rate: lf.rate === undefined || lf.rate === '' ? null : num(lf.rate),
        netamount: lf.amount === undefined ? null : aSign * num(lf.amount),
        foreignamount: lf.amount === undefined ? null : aSign * num(lf.amount),
        amount: lf.amount === undefined ? null : aSign * num(lf.amount),
        location: toSql(lineTable.columns.get('location'), lf.location || lf.inventorylocation || f.location || f.adjlocation),
        memo: toSql(undefined, lf.description ?? lf.memo),
        isclosed: lf.isclosed === true ? 'T' : 'F',
        createdfrom: createdFrom,
        quantitybilled: lf.quantitybilled === undefined ? null : qSign * num(lf.quantitybilled),
        quantityshiprecv: data.type === 'salesorder' || data.type === 'returnauthorization' ? qSign * fulfilled : null,
        quantitycommitted: lf.quantitycommitted === undefined ? null : num(lf.quantitycommitted),
        quantitybackordered: lf.quantitybackordered === undefined ? null : num(lf.quantitybackordered),
        isfullyshipped: data.type === 'salesorder' ? (fulfilled >= qty ? 'T' : 'F') : null,
        fulfillable: STOCKED_ITEM_TYPES.includes(this.itemType(itemId) ?? '') ? 'T' : 'F',
        isinventoryaffecting: INVENTORY_AFFECTING.includes(data.type) && STOCKED_ITEM_TYPES.includes(this.itemType(itemId) ?? '') ? 'T' : 'F',
        linelastmodifieddate: modified,
        iscogs: 'F',
        donotdisplayline: 'F',
      });
      this.upsert('transactionline', ['transaction', 'id'], lrow);
    });
  }

  private entity(data: RecordData) {
    const table = this.ensureTable(data.type)!;
    const f = data.fields;
    const row = this.sameNamed(table, f);
    row.id = data.id;
    row.isinactive = f.isinactive === true ? 'T' : 'F';
    if (table.columns.has('datecreated')) row.datecreated = toSql(undefined, new Date(data.created));
    row.lastmodifieddate = toSql(undefined, new Date(data.lastModified));
    for (const line of data.sublists.addressbook ?? []) {
      const address = line.subrecords.addressbookaddress;
      const nkey = Number(address?.fields.id);
      if (!address || !nkey) continue;
      if (line.fields.defaultbilling === true) row.defaultbillingaddress = nkey;
      if (line.fields.defaultshipping === true) row.defaultshippingaddress = nkey;
      for (const t of ['entityaddress', 'customeraddressbookentityaddress']) {
        const at = this.ensureTable(t)!;
        const arow = this.sameNamed(at, address.fields);
        arow.nkey = nkey;
        if (at.columns.has('recordowner')) arow.recordowner = data.id;
        if (at.columns.has('lastmodifieddate')) arow.lastmodifieddate = row.lastmodifieddate;
        this.upsert(t, 'nkey', arow);
      }
    }
    this.upsert(data.type, 'id', row);
    // A contact's company is one of the entities it is attached to (role kept if it was attached with one).
    if (data.type === 'contact' && Number(f.company) > 0) this.attached(data.id, Number(f.company), undefined);
    if (data.type === 'customer') this.upsert('customersubsidiaryrelationship', 'entity', { entity: data.id, subsidiary: toSql(table.columns.get('subsidiary'), f.subsidiary ?? '1') ?? 1 });
  }

  /** One companycontactrelationship row per contact and entity; `undefined` keeps the role it has. */
  attached(contact: number, company: number, role: number | null | undefined): void {
    this.ensureTable('companycontactrelationship');
    let kept: number | null = null;
    if (role === undefined) {
      const stmt = this.db.prepare('SELECT "role" FROM "companycontactrelationship" WHERE "contact" = ? AND "company" = ?');
      stmt.bind([contact, company]);
      if (stmt.step()) kept = (stmt.get()[0] as number | null) ?? null;
      stmt.free();
    }
    this.upsert('companycontactrelationship', ['contact', 'company'], { contact, company, role: role === undefined ? kept : role });
  }

  detached(contact: number, company: number): void {
    this.remove('companycontactrelationship', { contact, company });
  }

  private item(data: RecordData) {
    const table = this.ensureTable('item')!;
    const f = data.fields;
    const row = this.sameNamed(table, f);
    Object.assign(row, {
      id: data.id,
      itemtype: ITEM_CODES[data.type],
      fullname: toSql(undefined, f.itemid),
      description: toSql(undefined, f.salesdescription ?? f.description),
      isinactive: f.isinactive === true ? 'T' : 'F',
      createddate: toSql(undefined, new Date(data.created)),
      lastmodifieddate: toSql(undefined, new Date(data.lastModified)),
    });
    this.upsert('item', 'id', row);
    if (STOCKED_ITEM_TYPES.includes(data.type)) for (const location of this.store.all('location')) this.inventory.level(data.id, location.id);
  }

  private stockedItems(): number[] {
    return STOCKED_ITEM_TYPES.flatMap((t) => this.store.all(t).map((r) => r.id));
  }

  private stock(level: StockLevel) {
    const changed = level.lastAvailableChange === undefined ? null : sqlDate(new Date(level.lastAvailableChange));
    const row = {
      item: level.item,
      location: level.location,
      quantityonhand: level.onHand,
      quantityavailable: available(level),
      quantitycommitted: level.committed,
      quantitybackordered: level.backordered,
      quantityonorder: level.onOrder,
      lastquantityavailablechange: changed,
    };
    this.upsert('inventoryitemlocations', ['item', 'location'], row);
  }
}
