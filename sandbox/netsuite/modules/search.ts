/**
 * N/search, only what the bundle uses: search.lookupFields (1 unit), which reads body columns of one
 * record as NetSuite returns them (select columns as [{value, text}], checkboxes as booleans, dates as
 * the account shows them). Columns are checked against the dictionary's search columns and the
 * project's custom fields. Saved and ad-hoc searches (create, load, run) are not implemented and say so.
 */
import { errors, SuiteScriptError } from '../errors';
import { isDateLike, formatDate } from '../records/values';
import type { Execution } from '../runners/execution';
import { recordTypes, withPromises } from './record';

const SEARCH_TABLE: Record<string, string> = { transaction: 'transaction', entity: 'customer', customer: 'customer', contact: 'contact', location: 'location', item: 'item' };

export function searchModule(exec: Execution) {
  const { core } = exec;
  const dictionary = core.dictionary;
  const searchTypes = core.dictionary.raw.searchTypes ?? {};

  const columnKind = (type: string, column: string): string => {
    const info = dictionary.recordType(type);
    const family = info.family;
    const searchType = family === 'transaction' ? 'transaction' : family === 'item' ? 'item' : SEARCH_TABLE[type];
    const field = info.body.get(column);
    if (column === 'internalid') return 'select';
    if (field && (field.custom || family === 'customrecord')) return field.kind;
    const searchColumn = searchType ? searchTypes[searchType]?.columns[column] : undefined;
    if (searchColumn) return searchColumn.type === 'select' || searchColumn.type === 'multiselect' ? 'select' : searchColumn.type === 'checkbox' ? 'checkbox' : field?.kind ?? 'text';
    if (family === 'customrecord' && ['name', 'isinactive', 'externalid', 'created', 'lastmodified', 'owner'].includes(column)) return field?.kind ?? 'text';
    throw new SuiteScriptError('SSS_INVALID_SRCH_COL', `An nlobjSearchColumn contains an invalid column, or is not in proper syntax: ${column}.`);
  };

  return withPromises({
    Type: { ...recordTypes(), TRANSACTION: 'transaction', ITEM: 'item', ENTITY: 'entity' },
    Operator: { ANYOF: 'anyof', IS: 'is', ISNOT: 'isnot', NONEOF: 'noneof', ON: 'on', AFTER: 'after', BEFORE: 'before', CONTAINS: 'contains' },
    Sort: { ASC: 'ASC', DESC: 'DESC', NONE: 'NONE' },
    lookupFields(options: unknown) {
      const o = (options ?? {}) as Record<string, unknown>;
      if (!o.type) throw errors.missingArgument('search.lookupFields', 'type');
      if (o.id === undefined || o.id === null || o.id === '') throw errors.missingArgument('search.lookupFields', 'id');
      if (!o.columns) throw errors.missingArgument('search.lookupFields', 'columns');
      exec.meter.charge('search.lookupFields', 1);
      const type = String(o.type).toLowerCase();
      const info = dictionary.recordType(type);
      const data = core.records.resolveTarget(info.family === 'transaction' ? 'transaction' : info.family === 'item' ? 'item' : info.type, Number(o.id));
      if (!data) throw errors.recordDoesNotExist();
      const columns = typeof o.columns === 'string' ? [o.columns] : Array.from(o.columns as ArrayLike<unknown>).map(String);
      const result: Record<string, unknown> = {};
      for (const column of columns) {
        if (column.includes('.')) throw errors.unsupported(`search.lookupFields on a joined column (${column})`);
        const kind = columnKind(data.type, column);
        const raw = column === 'internalid' ? String(data.id) : data.fields[column];
        if (kind === 'select' || kind === 'multiselect') {
          const ids = raw === undefined || raw === null || raw === '' ? [] : Array.isArray(raw) ? raw : [raw];
          const field = dictionary.recordType(data.type).body.get(column);
          result[column] = ids.map((v) => ({ value: String(v), text: field ? core.records.displayText(field, v) : String(v) }));
        } else if (kind === 'checkbox') result[column] = raw === true || raw === 'T';
        else if (isDateLike(raw)) result[column] = formatDate(raw);
        else result[column] = raw === undefined || raw === null ? '' : String(raw);
      }
      return result;
    },
    create() {
      throw errors.unsupported('search.create (use SuiteQL: query.runSuiteQL)');
    },
    load() {
      throw errors.unsupported('search.load');
    },
    lookupFieldsPaged() {
      throw errors.unsupported('search.lookupFieldsPaged');
    },
  });
}
