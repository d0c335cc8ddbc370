/**
 * The SuiteQL engine: SQLite (sql.js, WebAssembly) holding the account's rows under SuiteQL's table
 * and column names, queried with translated SuiteQL. It behaves as SuiteQL does where scripts can
 * tell: tables and columns that do not exist are refused with NetSuite's error, '' is NULL, string
 * comparisons and LIKE are case-sensitive, booleans are 'T'/'F', unaliased expressions are named
 * expr1, expr2 …, column names come back lower-case, dates come back as the account shows them
 * (M/D/YYYY) unless TO_CHAR formats them. Row caps and paging live in the N/query module and the
 * REST endpoint, which know their own limits.
 */
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import type { Dictionary } from '../dictionary';
import { NOT_EXPOSED, STANDARD_SELECT_TARGETS } from '../dictionary';
import { errors, SuiteScriptError } from '../errors';
import { STATUS_TABLES } from '../records/transactions';
import { formatDate } from '../records/values';
import { selectItems, translate, type TableRef, type Token } from './translate';

let sqlModule: Promise<SqlJsStatic> | undefined;
export function loadSqlJs(): Promise<SqlJsStatic> {
  sqlModule ??= initSqlJs({ useOldExtensionFunctions: false } as Parameters<typeof initSqlJs>[0]);
  return sqlModule;
}

export type SqlValue = string | number | null;

export interface QueryResult {
  columns: string[];
  types: string[];
  rows: SqlValue[][];
}

const INTERNAL_DATE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

function parseInternal(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const m = INTERNAL_DATE.exec(value);
  return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6])) : undefined;
}

function internal(d: Date): string {
  return d.toISOString().replace('T', ' ').slice(0, 19);
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** Oracle date format models, the common parts: YYYY YY MM MON DD HH24 HH12 HH MI SS FF AM PM "literal". */
function formatTokens(fmt: string): string[] {
  return fmt.match(/"[^"]*"|YYYY|YY|MONTH|MON|MM|DDD|DD|D|HH24|HH12|HH|MI|SS|FF\d?|AM|PM|A\.M\.|P\.M\.|./gi) ?? [];
}

export function oracleFormat(d: Date, fmt: string): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const h = d.getUTCHours();
  return formatTokens(fmt)
    .map((t) => {
      const u = t.toUpperCase();
      if (t.startsWith('"')) return t.slice(1, -1);
      switch (u) {
        case 'YYYY':
          return String(d.getUTCFullYear());
        case 'YY':
          return pad(d.getUTCFullYear() % 100);
        case 'MM':
          return pad(d.getUTCMonth() + 1);
        case 'MON':
          return MONTHS[d.getUTCMonth()];
        case 'DD':
          return pad(d.getUTCDate());
        case 'HH24':
          return pad(h);
        case 'HH':
        case 'HH12':
          return pad(h % 12 === 0 ? 12 : h % 12);
        case 'MI':
          return pad(d.getUTCMinutes());
        case 'SS':
          return pad(d.getUTCSeconds());
        case 'AM':
        case 'PM':
          return h < 12 ? 'AM' : 'PM';
        default:
          if (/^FF\d?$/.test(u)) return pad(d.getUTCMilliseconds(), 3).slice(0, Number(u.slice(2)) || 3);
          return t;
      }
    })
    .join('');
}

export function oracleParse(text: string, fmt: string | undefined): Date | undefined {
  if (!fmt) {
    const internalDate = parseInternal(text);
    if (internalDate) return internalDate;
    const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(text);
    if (iso) return new Date(Date.UTC(+iso[1], +iso[2] - 1, +iso[3], +(iso[4] ?? 0), +(iso[5] ?? 0), +(iso[6] ?? 0)));
    const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
    if (us) return new Date(Date.UTC(+us[3], +us[1] - 1, +us[2]));
    return undefined;
  }
  const parts = { y: 1970, m: 1, d: 1, h: 0, mi: 0, s: 0, pm: false, h12: false };
  let pos = 0;
  for (const t of formatTokens(fmt)) {
    const u = t.toUpperCase();
    const take = (n: number) => {
      const m = new RegExp(`^\\d{1,${n}}`).exec(text.slice(pos));
      if (!m) throw new Error('format');
      pos += m[0].length;
      return Number(m[0]);
    };
    if (t.startsWith('"')) pos += t.length - 2;
    else if (u === 'YYYY') parts.y = take(4);
    else if (u === 'YY') parts.y = 2000 + take(2);
    else if (u === 'MM') parts.m = take(2);
    else if (u === 'MON') {
      parts.m = MONTHS.indexOf(text.slice(pos, pos + 3).toUpperCase()) + 1;
      pos += 3;
    } else if (u === 'DD') parts.d = take(2);
    else if (u === 'HH24') parts.h = take(2);
    else if (u === 'HH' || u === 'HH12') {
      parts.h = take(2);
      parts.h12 = true;
    } else if (u === 'MI') parts.mi = take(2);
    else if (u === 'SS') parts.s = take(2);
    else if (/^FF\d?$/.test(u)) take(9);
    else if (u === 'AM' || u === 'PM') {
      parts.pm = text.slice(pos, pos + 2).toUpperCase() === 'PM';
      pos += 2;
    } else pos += t.length;
  }
  if (parts.h12) parts.h = (parts.h % 12) + (parts.pm ? 12 : 0);
  const d = new Date(Date.UTC(parts.y, parts.m - 1, parts.d, parts.h, parts.mi, parts.s));
  return isNaN(d.getTime()) ? undefined : d;
}

function variadic<T extends (...args: never[]) => unknown>(fn: T): T {
  Object.defineProperty(fn, 'length', { value: -1 });
  return fn;
}

export interface DisplayResolver {
  /** BUILTIN.DF of a value, given 'table.column' (or a bare column) it came from. */
  display(hint: string, value: SqlValue): SqlValue;
}

export class SuiteQLEngine {
  constructor(
    readonly db: Database,
    private readonly dictionary: Dictionary,
    private readonly now: () => number,
    private readonly resolver: DisplayResolver,
  ) {
    db.run('PRAGMA case_sensitive_like = ON');
    // One in-memory database, no files: a journal in the WebAssembly file system only costs time.
    db.run('PRAGMA journal_mode = MEMORY');
    db.run('PRAGMA synchronous = OFF');
    db.run('PRAGMA temp_store = MEMORY');
    this.registerFunctions();
  }

  static async create(dictionary: Dictionary, now: () => number, resolver: DisplayResolver): Promise<SuiteQLEngine> {
    const SQL = await loadSqlJs();
    return new SuiteQLEngine(new SQL.Database(), dictionary, now, resolver);
  }

  private registerFunctions() {
    const db = this.db;
    const fn = (name: string, f: (...args: never[]) => unknown) => db.create_function(name, f as (...args: unknown[]) => SqlValue);
    fn('nvl', (a: SqlValue, b: SqlValue) => (a === null ? b : a));
    fn('nvl2', (a: SqlValue, b: SqlValue, c: SqlValue) => (a === null ? c : b));
    fn(
      'decode',
      variadic((...args: SqlValue[]) => {
        const [expr, ...rest] = args;
        for (let i = 0; i + 1 < rest.length; i += 2) if (rest[i] === expr || (rest[i] === null && expr === null)) return rest[i + 1];
        return rest.length % 2 === 1 ? rest[rest.length - 1] : null;
      }),
    );
    fn('ns_now', () => internal(new Date(this.now())));
    fn('ns_to_date', (text: SqlValue) => {
      const d = text === null ? undefined : oracleParse(String(text), undefined);
      return d ? internal(d) : null;
    });
    fn('ns_date_add', (value: SqlValue, days: SqlValue) => {
      const d = parseInternal(value);
      return d ? internal(new Date(d.getTime() + Number(days) * 86400000)) : null;
    });
    const toDate = variadic((text: SqlValue, fmt?: SqlValue) => {
      if (text === null || text === '') return null;
      if (typeof text === 'number') return null;
      let d: Date | undefined;
      try {
        d = oracleParse(String(text), fmt === undefined || fmt === null ? undefined : String(fmt));
      } catch {
        d = undefined;
      }
      if (!d) throw new Error(`ORA-01861: literal does not match format string (${String(text)})`);
      return internal(d);
    });
    fn('to_date', toDate);
    fn('to_timestamp', toDate);
    fn(
      'to_char',
      variadic((value: SqlValue, fmt?: SqlValue) => {
        if (value === null) return null;
        const d = parseInternal(value);
        if (d) return fmt === undefined || fmt === null ? formatDate(d) : oracleFormat(d, String(fmt));
        return String(value);
      }),
    );
    fn('to_number', (value: SqlValue) => (value === null || value === '' ? null : Number(value)));
    fn(
      'trunc',
      variadic((value: SqlValue, places?: SqlValue) => {
        if (value === null) return null;
        const d = parseInternal(value);
        if (d) return internal(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())));
        const p = Number(places ?? 0);
        const f = 10 ** p;
        return Math.trunc(Number(value) * f) / f;
      }),
    );
    fn('add_months', (value: SqlValue, months: SqlValue) => {
      const d = parseInternal(value);
      if (!d) return null;
      const r = new Date(d);
      r.setUTCMonth(r.getUTCMonth() + Number(months));
      return internal(r);
    });
    fn('greatest', variadic((...args: SqlValue[]) => (args.some((a) => a === null) ? null : args.reduce((a, b) => (a! > b! ? a : b)))));
    fn('least', variadic((...args: SqlValue[]) => (args.some((a) => a === null) ? null : args.reduce((a, b) => (a! < b! ? a : b)))));
    fn('mod', (a: SqlValue, b: SqlValue) => (a === null || b === null ? null : Number(b) === 0 ? Number(a) : Number(a) % Number(b)));
    fn('floor', (a: SqlValue) => (a === null ? null : Math.floor(Number(a))));
    fn('ceil', (a: SqlValue) => (a === null ? null : Math.ceil(Number(a))));
    fn('power', (a: SqlValue, b: SqlValue) => (a === null || b === null ? null : Number(a) ** Number(b)));
    fn('lpad', variadic((s: SqlValue, n: SqlValue, pad?: SqlValue) => (s === null ? null : String(s).padStart(Number(n), String(pad ?? ' ')).slice(0, Number(n)))));
    fn('rpad', variadic((s: SqlValue, n: SqlValue, pad?: SqlValue) => (s === null ? null : String(s).padEnd(Number(n), String(pad ?? ' ')).slice(0, Number(n)))));
    fn('regexp_like', variadic((s: SqlValue, pattern: SqlValue, flags?: SqlValue) => (s === null ? null : new RegExp(String(pattern), String(flags ?? '').includes('i') ? 'i' : '').test(String(s)) ? 1 : 0)));
    fn('ns_df', (hint: SqlValue, value: SqlValue) => this.resolver.display(String(hint), value));
    fn('ns_df_status', (type: SqlValue, status: SqlValue) => {
      if (status === null) return null;
      const recordType = Object.entries({ SalesOrd: 'salesorder', RtnAuth: 'returnauthorization', ItemShip: 'itemfulfillment', CustInvc: 'invoice', CustCred: 'creditmemo', CustPymt: 'customerpayment', CashRfnd: 'cashrefund', CustDep: 'customerdeposit' }).find(([code]) => code === type)?.[1];
      const table = recordType ? STATUS_TABLES[recordType] : undefined;
      const text = table?.statuses[String(status)]?.[0];
      return table && text ? `${table.label} : ${text}` : String(status);
    });
  }

  /** Checks the tables exist (NetSuite: "Record 'x' was not found.") and warns about unconfirmed columns. */
  private checkTables(tables: TableRef[], tokens: Token[]) {
    const subqueryAliases = new Set<string>();
    for (const ref of tables) {
      if (!this.dictionary.table(ref.table)) throw errors.searchError(`Record '${ref.table}' was not found.`);
    }
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (t.kind !== 'id') continue;
      const qualified = tokens[i - 1]?.text === '.' && tokens[i - 2]?.kind === 'id' ? tokens[i - 2].text.toLowerCase() : undefined;
      const candidates = qualified ? tables.filter((r) => r.alias === qualified || r.table === qualified) : tables;
      for (const ref of candidates) {
        if ((NOT_EXPOSED[ref.table] ?? []).includes(t.text.toLowerCase()) && tokens[i + 1]?.text !== '(') {
          throw errors.searchError(`Field '${t.text.toLowerCase()}' for record '${ref.table}' was not found. Reason: NOT_EXPOSED`);
        }
      }
    }
    const ids = new Set(tokens.filter((t) => t.kind === 'id').map((t) => t.text.toLowerCase()));
    for (const ref of tables) {
      const table = this.dictionary.table(ref.table)!;
      for (const id of ids) {
        const column = table.columns.get(id);
        if (column && !subqueryAliases.has(id)) this.dictionary.noteColumn(ref.table, column);
      }
    }
  }

  private resolveColumn(tables: TableRef[], qualifier: string | undefined, column: string): string | undefined {
    const candidates = qualifier ? tables.filter((t) => t.alias === qualifier || t.table === qualifier) : tables;
    for (const ref of candidates) if (this.dictionary.table(ref.table)?.columns.has(column)) return `${ref.table}.${column}`;
    return undefined;
  }

  run(suiteql: string, params: unknown[] = []): QueryResult {
    if (typeof suiteql !== 'string' || !suiteql.trim()) throw errors.missingArgument('query.runSuiteQL', 'query');
    let tables: TableRef[] = [];
    const translation = translate(suiteql, (q, c) => this.resolveColumn(tables, q, c));
    tables = translation.tables;
    // translate() resolved DF hints before tables were known; redo with them.
    const { sql } = translate(suiteql, (q, c) => this.resolveColumn(tables, q, c));
    this.checkTables(tables, translation.tokens);
    const bound = params.map((p) => {
      if (p === '' || p === null || p === undefined) return null;
      if (typeof p === 'boolean') return p ? 'T' : 'F';
      if (typeof p === 'number' || typeof p === 'string') return p;
      throw errors.invalidTypeArgument('query.runSuiteQL', 'params', 'string, number or boolean');
    });
    let stmt;
    try {
      stmt = this.db.prepare(sql);
    } catch (e) {
      throw this.translateError(e as Error, tables);
    }
    try {
      stmt.bind(bound);
      const rows: SqlValue[][] = [];
      while (stmt.step()) rows.push(stmt.get() as SqlValue[]);
      const rawNames = stmt.getColumnNames();
      const { columns, dateColumns } = this.outputColumns(rawNames, translation.tokens, tables);
      for (const row of rows) {
        for (const index of dateColumns) {
          const d = parseInternal(row[index]);
          if (d) row[index] = formatDate(d);
        }
      }
      const types = columns.map((_, i) => {
        const sample = rows.find((r) => r[i] !== null)?.[i];
        return typeof sample === 'number' ? (Number.isInteger(sample) ? 'INTEGER' : 'FLOAT') : 'STRING';
      });
      return { columns, types, rows };
    } catch (e) {
      if (e instanceof SuiteScriptError) throw e;
      throw this.translateError(e as Error, tables);
    } finally {
      stmt.free();
    }
  }

  private translateError(e: Error, tables: TableRef[]): SuiteScriptError {
    const message = String(e.message ?? e);
    const column = /no such column: ([\w.$#]+)/.exec(message);
    if (column) return errors.searchError(`Unknown identifier '${column[1]}'. Available identifiers are: {${tables.map((t) => `${t.alias}=${t.table}`).join(', ')}}.`);
    const table = /no such table: ([\w.$#]+)/.exec(message);
    if (table) return errors.searchError(`Record '${table[1]}' was not found.`);
    if (/ORA-/.test(message)) return errors.searchError(message);
    return errors.searchError(`Invalid search query. Detailed unprocessed description follows. ${message}`);
  }

  /** Output column names as SuiteQL gives them, and which hold dates to show in the account's format. */
  private outputColumns(rawNames: string[], tokens: Token[], tables: TableRef[]): { columns: string[]; dateColumns: number[] } {
    const items = selectItems(tokens);
    const columns: string[] = [];
    const dateColumns: number[] = [];
    let exprCount = 0;
    const isDateColumn = (table: string | undefined, column: string) => {
      const candidates = table ? [table] : tables.map((t) => t.table);
      return candidates.some((t) => {
        const kind = this.dictionary.table(t)?.columns.get(column)?.kind;
        return kind === 'date' || kind === 'datetime';
      });
    };
    const starExpanded = items.some((i) => i.expr.length === 1 && i.expr[0].text === '*') || items.some((i) => i.expr[i.expr.length - 1]?.text === '*');
    rawNames.forEach((raw, index) => {
      const item = !starExpanded && items.length === rawNames.length ? items[index] : undefined;
      const bare = item ? bareColumn(item.expr) : { column: raw.toLowerCase() };
      let name: string;
      if (item?.alias) name = item.alias.toLowerCase();
      else if (bare) name = bare.column;
      else if (/^[A-Za-z_][\w$#]*$/.test(raw)) name = raw.toLowerCase();
      else name = `expr${++exprCount}`;
      columns.push(name);
      if (bare) {
        const table = bare.qualifier ? tables.find((t) => t.alias === bare.qualifier || t.table === bare.qualifier)?.table : undefined;
        if (isDateColumn(table, bare.column)) dateColumns.push(index);
      }
    });
    return { columns, dateColumns };
  }
}

function bareColumn(expr: Token[]): { qualifier?: string; column: string } | undefined {
  if (expr.length === 1 && (expr[0].kind === 'id' || expr[0].kind === 'qid')) return { column: expr[0].text.replace(/"/g, '').toLowerCase() };
  if (expr.length === 3 && expr[0].kind === 'id' && expr[1].text === '.' && expr[2].kind === 'id') {
    return { qualifier: expr[0].text.toLowerCase(), column: expr[2].text.toLowerCase() };
  }
  return undefined;
}

export { STANDARD_SELECT_TARGETS };
