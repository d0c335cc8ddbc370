/**
 * SuiteQL (Oracle-flavoured SQL) → SQLite, token by token, never inside string literals:
 * - BUILTIN.DF(col) → the display value (ns_df / ns_df_status);
 * - SYSDATE / CURRENT_DATE / CURRENT_TIMESTAMP / SYSTIMESTAMP → the account clock (ns_now()),
 *   and `date ± n` after a date function → ns_date_add;
 * - ROWNUM in WHERE (`ROWNUM <= n`, `< n`, `= 1`) → LIMIT at that query level; ROWNUM in a select
 *   list → ROW_NUMBER() OVER ();
 * - FETCH FIRST|NEXT n ROWS ONLY and OFFSET n ROWS → LIMIT n OFFSET m;
 * - MINUS → EXCEPT; DATE 'yyyy-mm-dd' → a date value.
 * NVL, NVL2, DECODE, TO_CHAR, TO_DATE, TO_TIMESTAMP, TO_NUMBER, TRUNC, ADD_MONTHS, GREATEST, LEAST,
 * MOD, INSTR … are SQL functions the engine registers, so they need no rewriting.
 */
import { errors } from '../errors';

export type TokenKind = 'str' | 'id' | 'qid' | 'num' | 'op' | 'param' | 'ws';
export interface Token {
  kind: TokenKind;
  text: string;
}

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (/\s/.test(c)) {
      let j = i;
      while (j < sql.length && /\s/.test(sql[j])) j++;
      tokens.push({ kind: 'ws', text: sql.slice(i, j) });
      i = j;
    } else if (c === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
      tokens.push({ kind: 'ws', text: ' ' });
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
      tokens.push({ kind: 'ws', text: ' ' });
    } else if (c === "'") {
      let j = i + 1;
      for (;;) {
        if (j >= sql.length) throw errors.searchError('Invalid search query: unterminated string literal.');
        if (sql[j] === "'" && sql[j + 1] === "'") j += 2;
        else if (sql[j] === "'") break;
        else j++;
      }
      tokens.push({ kind: 'str', text: sql.slice(i, j + 1) });
      i = j + 1;
    } else if (c === '"') {
      const end = sql.indexOf('"', i + 1);
      if (end < 0) throw errors.searchError('Invalid search query: unterminated quoted identifier.');
      tokens.push({ kind: 'qid', text: sql.slice(i, end + 1) });
      i = end + 1;
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      const m = /^[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?/.exec(sql.slice(i))!;
      tokens.push({ kind: 'num', text: m[0] });
      i += m[0].length;
    } else if (/[A-Za-z_$#]/.test(c)) {
      const m = /^[A-Za-z_$#][A-Za-z0-9_$#]*/.exec(sql.slice(i))!;
      tokens.push({ kind: 'id', text: m[0] });
      i += m[0].length;
    } else if (c === '?') {
      tokens.push({ kind: 'param', text: '?' });
      i++;
    } else {
      const two = sql.slice(i, i + 2);
      if (['<=', '>=', '<>', '!=', '||'].includes(two)) {
        tokens.push({ kind: 'op', text: two });
        i += 2;
      } else {
        tokens.push({ kind: 'op', text: c });
        i++;
      }
    }
  }
  return tokens;
}

const is = (t: Token | undefined, word: string) => !!t && t.kind === 'id' && t.text.toUpperCase() === word;
const isOp = (t: Token | undefined, op: string) => !!t && t.kind === 'op' && t.text === op;

/** Index of the next non-whitespace token at or after i (or tokens.length). */
function next(tokens: Token[], i: number): number {
  while (i < tokens.length && tokens[i].kind === 'ws') i++;
  return i;
}
function prev(tokens: Token[], i: number): number {
  while (i >= 0 && tokens[i].kind === 'ws') i--;
  return i;
}

/** Index of the parenthesis closing the one at `open`. */
function closing(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (isOp(tokens[i], '(')) depth++;
    else if (isOp(tokens[i], ')')) {
      depth--;
      if (depth === 0) return i;
    }
  }
  throw errors.searchError('Invalid search query: unbalanced parentheses.');
}

export interface TableRef {
  table: string;
  alias: string;
}

const CLAUSE_WORDS = new Set(['WHERE', 'GROUP', 'ORDER', 'HAVING', 'JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'OUTER', 'CROSS', 'ON', 'UNION', 'MINUS', 'EXCEPT', 'INTERSECT', 'FETCH', 'OFFSET', 'LIMIT']);

/** Tables named after FROM or JOIN (not subqueries), with their aliases. */
export function tableRefs(tokens: Token[]): TableRef[] {
  const refs: TableRef[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!is(tokens[i], 'FROM') && !is(tokens[i], 'JOIN')) continue;
    let j = next(tokens, i + 1);
    for (;;) {
      const t = tokens[j];
      if (!t || t.kind !== 'id') break;
      const table = t.text.toLowerCase();
      let alias = table;
      let k = next(tokens, j + 1);
      if (is(tokens[k], 'AS')) k = next(tokens, k + 1);
      if (tokens[k]?.kind === 'id' && !CLAUSE_WORDS.has(tokens[k].text.toUpperCase())) {
        alias = tokens[k].text.toLowerCase();
        k = next(tokens, k + 1);
      }
      refs.push({ table, alias });
      if (isOp(tokens[k], ',') && is(tokens[i], 'FROM')) {
        j = next(tokens, k + 1);
        continue;
      }
      break;
    }
  }
  return refs;
}

export interface Translation {
  sql: string;
  tables: TableRef[];
  tokens: Token[];
}

/** Resolves the table a (qualified) column belongs to, for BUILTIN.DF hints. */
export type ColumnResolver = (qualifier: string | undefined, column: string) => string | undefined;

/** SQLite keywords SuiteQL uses as table or column names. */
const SQLITE_KEYWORDS = new Set(['TRANSACTION', 'ACTION', 'PLAN', 'QUERY', 'TEMP', 'VIEW', 'KEY', 'NO', 'INDEX', 'MATCH', 'RELEASE']);
const KEEP = new Set<string>();

export function translate(suiteql: string, resolve: ColumnResolver): Translation {
  let tokens = tokenize(suiteql.trim().replace(/;\s*$/, ''));
  // Number the parameters, so clauses can move (OFFSET ? ROWS FETCH NEXT ? ROWS → LIMIT ? OFFSET ?).
  let param = 0;
  tokens = tokens.map((t) => (t.kind === 'param' ? { kind: 'param', text: `?${++param}` } : t));
  const tables = tableRefs(tokens);
  tokens = rewriteBuiltins(tokens, resolve);
  tokens = rewriteClock(tokens);
  tokens = rewriteRownum(tokens);
  tokens = rewriteFetch(tokens);
  tokens = tokens.map((t) => (is(t, 'MINUS') ? { kind: 'id', text: 'EXCEPT' } : t));
  tokens = rewriteDateLiterals(tokens);
  // SuiteQL names that are SQLite keywords (the transaction table, transactionline.transaction).
  tokens = tokens.map((t) => (t.kind === 'id' && SQLITE_KEYWORDS.has(t.text.toUpperCase()) && !KEEP.has(t.text.toUpperCase()) ? { kind: 'qid', text: `"${t.text.toLowerCase()}"` } : t));
  return { sql: tokens.map((t) => t.text).join(''), tables, tokens };
}

function rewriteBuiltins(tokens: Token[], resolve: ColumnResolver): Token[] {
  const out = [...tokens];
  for (let i = 0; i < out.length; i++) {
    if (!is(out[i], 'BUILTIN') || !isOp(out[i + 1], '.')) continue;
    const fn = out[i + 2];
    const open = next(out, i + 3);
    if (!fn || fn.kind !== 'id' || !isOp(out[open], '(')) continue;
    const name = fn.text.toUpperCase();
    if (name !== 'DF') throw errors.unsupported(`BUILTIN.${name}`);
    const close = closing(out, open);
    const inner = out.slice(open + 1, close).filter((t) => t.kind !== 'ws');
    const innerText = out.slice(open + 1, close).map((t) => t.text).join('');
    let qualifier: string | undefined;
    let column: string | undefined;
    if (inner.length === 1 && inner[0].kind === 'id') column = inner[0].text.toLowerCase();
    if (inner.length === 3 && inner[0].kind === 'id' && isOp(inner[1], '.') && inner[2].kind === 'id') {
      qualifier = inner[0].text.toLowerCase();
      column = inner[2].text.toLowerCase();
    }
    let replacement: string;
    if (column === 'status') {
      replacement = `ns_df_status(${qualifier ? `${qualifier}.` : ''}type, ${innerText})`;
    } else {
      const hint = column ? (resolve(qualifier, column) ?? column) : '';
      replacement = `ns_df('${hint}', ${innerText})`;
    }
    out.splice(i, close - i + 1, { kind: 'id', text: replacement });
  }
  return out;
}

const CLOCK_WORDS = new Set(['SYSDATE', 'SYSTIMESTAMP', 'CURRENT_DATE', 'CURRENT_TIMESTAMP']);
const DATE_FUNCTIONS = new Set(['NS_NOW', 'TO_DATE', 'TO_TIMESTAMP', 'TRUNC', 'ADD_MONTHS']);

function rewriteClock(tokens: Token[]): Token[] {
  const out: Token[] = tokens.map((t) => (t.kind === 'id' && CLOCK_WORDS.has(t.text.toUpperCase()) ? { kind: 'id', text: 'ns_now()' } : t));
  // date ± number (days), after a date-valued call
  for (let i = 0; i < out.length; i++) {
    const t = out[i];
    let end = -1;
    let start = i;
    if (t.kind === 'id' && t.text === 'ns_now()') end = i;
    else if (t.kind === 'id' && DATE_FUNCTIONS.has(t.text.toUpperCase()) && isOp(out[next(out, i + 1)], '(')) end = closing(out, next(out, i + 1));
    if (end < 0) continue;
    const opIndex = next(out, end + 1);
    const numIndex = next(out, opIndex + 1);
    if ((isOp(out[opIndex], '+') || isOp(out[opIndex], '-')) && out[numIndex]?.kind === 'num') {
      const expr = out.slice(start, end + 1).map((x) => x.text).join('');
      const days = `${out[opIndex].text}${out[numIndex].text}`;
      out.splice(start, numIndex - start + 1, { kind: 'id', text: `ns_date_add(${expr}, ${days})` });
    }
    start = i;
  }
  return out;
}

/** Depth of each token (parenthesis nesting). */
function depths(tokens: Token[]): number[] {
  const d: number[] = [];
  let depth = 0;
  for (const t of tokens) {
    if (isOp(t, ')')) depth--;
    d.push(depth);
    if (isOp(t, '(')) depth++;
  }
  return d;
}

/** Index where a LIMIT for the query level of token i goes: before its closing ')' or at the end. */
function endOfLevel(tokens: Token[], i: number): number {
  const d = depths(tokens);
  const level = d[i];
  for (let j = i; j < tokens.length; j++) {
    if (d[j] < level) return j;
    if (d[j] === level && (is(tokens[j], 'UNION') || is(tokens[j], 'MINUS') || is(tokens[j], 'EXCEPT') || is(tokens[j], 'INTERSECT'))) return j;
  }
  return tokens.length;
}

function rewriteRownum(tokens: Token[]): Token[] {
  const out = [...tokens];
  for (let guard = 0; guard < 20; guard++) {
    const i = out.findIndex((t) => is(t, 'ROWNUM'));
    if (i < 0) break;
    const before = prev(out, i - 1);
    const opIndex = next(out, i + 1);
    const numIndex = next(out, opIndex + 1);
    const op = out[opIndex]?.text;
    const inWhere = ['<=', '<', '='].includes(op ?? '') && out[numIndex]?.kind === 'num';
    if (!inWhere) {
      out[i] = { kind: 'id', text: 'ROW_NUMBER() OVER ()' };
      continue;
    }
    const n = Number(out[numIndex].text);
    const limit = op === '<' ? n - 1 : op === '=' ? (n === 1 ? 1 : 0) : n;
    let start = i;
    let end = numIndex;
    const after = next(out, numIndex + 1);
    if (is(out[before], 'AND')) start = before;
    else if (is(out[after], 'AND')) end = after;
    else if (is(out[before], 'WHERE')) start = before;
    const insertAt = endOfLevel(out, i);
    out.splice(insertAt, 0, { kind: 'ws', text: ' ' }, { kind: 'id', text: `LIMIT ${limit}` }, { kind: 'ws', text: ' ' });
    out.splice(start, end - start + 1, { kind: 'ws', text: ' ' });
  }
  return out;
}

/** `OFFSET n ROWS` at i: [end index, n] or undefined. */
function offsetAt(tokens: Token[], i: number): [number, string] | undefined {
  if (!is(tokens[i], 'OFFSET')) return undefined;
  const n = next(tokens, i + 1);
  const rows = next(tokens, n + 1);
  if ((tokens[n]?.kind === 'num' || tokens[n]?.kind === 'param') && (is(tokens[rows], 'ROWS') || is(tokens[rows], 'ROW'))) return [rows, tokens[n].text];
  return undefined;
}

/** `FETCH FIRST|NEXT n ROWS ONLY` at i: [end index, n] or undefined. */
function fetchAt(tokens: Token[], i: number): [number, string] | undefined {
  if (!is(tokens[i], 'FETCH')) return undefined;
  const firstNext = next(tokens, i + 1);
  const n = next(tokens, firstNext + 1);
  const rows = next(tokens, n + 1);
  const only = next(tokens, rows + 1);
  if ((is(tokens[firstNext], 'FIRST') || is(tokens[firstNext], 'NEXT')) && (is(tokens[rows], 'ROWS') || is(tokens[rows], 'ROW')) && is(tokens[only], 'ONLY')) {
    return [only, tokens[n].text];
  }
  return undefined;
}

function rewriteFetch(tokens: Token[]): Token[] {
  const out = [...tokens];
  for (let i = 0; i < out.length; i++) {
    const first = offsetAt(out, i) ?? fetchAt(out, i);
    if (!first) continue;
    let offset = is(out[i], 'OFFSET') ? first[1] : undefined;
    let fetch = is(out[i], 'FETCH') ? first[1] : undefined;
    let end = first[0];
    const partnerIndex = next(out, end + 1);
    const partner = offset === undefined ? offsetAt(out, partnerIndex) : fetchAt(out, partnerIndex);
    if (partner) {
      if (offset === undefined) offset = partner[1];
      else fetch = partner[1];
      end = partner[0];
    }
    const clause = `LIMIT ${fetch ?? '-1'}${offset !== undefined ? ` OFFSET ${offset}` : ''}`;
    out.splice(i, end - i + 1, { kind: 'id', text: clause });
  }
  return out;
}

function rewriteDateLiterals(tokens: Token[]): Token[] {
  const out = [...tokens];
  for (let i = 0; i < out.length; i++) {
    if (!is(out[i], 'DATE') && !is(out[i], 'TIMESTAMP')) continue;
    const n = next(out, i + 1);
    if (out[n]?.kind === 'str') out.splice(i, n - i + 1, { kind: 'id', text: `ns_to_date(${out[n].text})` });
  }
  return out;
}

/** The top-level select items: [expression tokens, alias or undefined]. */
export function selectItems(tokens: Token[]): { expr: Token[]; alias?: string }[] {
  const d = depths(tokens);
  const start = tokens.findIndex((t, i) => d[i] === 0 && is(t, 'SELECT'));
  if (start < 0) return [];
  let end = tokens.findIndex((t, i) => i > start && d[i] === 0 && is(t, 'FROM'));
  if (end < 0) end = tokens.length;
  const items: { expr: Token[]; alias?: string }[] = [];
  let current: Token[] = [];
  const flush = () => {
    const meaningful = current.filter((t) => t.kind !== 'ws');
    if (meaningful.length === 0) return;
    let alias: string | undefined;
    let expr = meaningful;
    const last = meaningful[meaningful.length - 1];
    const beforeLast = meaningful[meaningful.length - 2];
    if (meaningful.length >= 2 && (last.kind === 'id' || last.kind === 'qid') && (is(beforeLast, 'AS') || beforeLast.kind === 'id' || beforeLast.kind === 'qid' || isOp(beforeLast, ')') || beforeLast.kind === 'num' || beforeLast.kind === 'str')) {
      if (!(isOp(meaningful[meaningful.length - 2], '.'))) {
        alias = last.kind === 'qid' ? last.text.slice(1, -1) : last.text;
        expr = meaningful.slice(0, is(beforeLast, 'AS') ? -2 : -1);
      }
    }
    items.push({ expr, alias });
    current = [];
  };
  let first = start + 1;
  if (is(tokens[next(tokens, first)], 'DISTINCT') || is(tokens[next(tokens, first)], 'ALL')) first = next(tokens, first) + 1;
  for (let i = first; i < end; i++) {
    if (d[i] === 0 && isOp(tokens[i], ',')) flush();
    else current.push(tokens[i]);
  }
  flush();
  return items;
}
