/**
 * N/query's SuiteQL half: runSuiteQL (10 units, at most 5,000 rows) and runSuiteQLPaged (10 units,
 * pages of 5–1,000 rows, 10 units per page fetched, re-run on each fetch as NetSuite does). The
 * query-object API (query.create …) is not implemented and says so.
 */
import { errors } from '../errors';
import { UNIT_COSTS } from '../governance';
import type { Execution } from '../runners/execution';
import type { QueryResult, SqlValue } from '../suiteql/engine';
import { withPromises } from './record';

export const RUN_SUITEQL_MAX_ROWS = 5000;
export const MAX_PAGED_RESULTS = 100000;

class Result {
  constructor(
    readonly values: SqlValue[],
    private readonly columns: string[],
  ) {}
  asMap(): Record<string, SqlValue> {
    return Object.fromEntries(this.columns.map((c, i) => [c, this.values[i]]));
  }
}

export class ResultSet {
  readonly results: Result[];
  readonly types: string[];
  readonly columns: { label: string; fieldId: string; type: string }[];

  constructor(
    result: QueryResult,
    private readonly onIterate?: () => void,
  ) {
    this.results = result.rows.map((r) => new Result(r, result.columns));
    this.types = result.types;
    this.columns = result.columns.map((c, i) => ({ label: c, fieldId: c, type: result.types[i] }));
  }

  asMappedResults(): Record<string, SqlValue>[] {
    return this.results.map((r) => r.asMap());
  }

  iterator() {
    this.onIterate?.();
    const results = this.results;
    return {
      each(callback: (result: Result) => boolean) {
        for (const r of results) if (callback(r) !== true) break;
      },
    };
  }
}

function parseOptions(method: string, options: unknown): { query: string; params: unknown[]; pageSize?: number } {
  if (typeof options === 'string') return { query: options, params: [] };
  if (!options || typeof options !== 'object') throw errors.missingArgument(method, 'options');
  const o = options as Record<string, unknown>;
  if (typeof o.query !== 'string' || !o.query) throw errors.missingArgument(method, 'query');
  const params = o.params === undefined || o.params === null ? [] : Array.from(o.params as ArrayLike<unknown>);
  for (const p of params) {
    if (!['string', 'number', 'boolean'].includes(typeof p)) throw errors.invalidTypeArgument(method, 'params', 'string, number or boolean');
  }
  return { query: o.query, params, pageSize: o.pageSize === undefined ? undefined : Number(o.pageSize) };
}

export function queryModule(exec: Execution) {
  const engine = exec.core.suiteql;
  const module = {
    runSuiteQL(options: unknown) {
      const { query, params } = parseOptions('query.runSuiteQL', options);
      exec.meter.charge('query.runSuiteQL', UNIT_COSTS.query.runSuiteQL);
      const result = engine.run(query, params);
      return new ResultSet({ ...result, rows: result.rows.slice(0, RUN_SUITEQL_MAX_ROWS) });
    },
    runSuiteQLPaged(options: unknown) {
      const { query, params, pageSize = 50 } = parseOptions('query.runSuiteQLPaged', options);
      if (!Number.isInteger(pageSize) || pageSize < 5 || pageSize > 1000) throw errors.invalidPageSize();
      exec.meter.charge('query.runSuiteQLPaged', UNIT_COSTS.query.runSuiteQLPaged);
      const count = Math.min(engine.run(query, params).rows.length, MAX_PAGED_RESULTS);
      const pageCount = Math.ceil(count / pageSize);
      const pageRanges = Array.from({ length: pageCount }, (_, index) => ({
        index,
        size: Math.min(pageSize, count - index * pageSize),
        compoundLabel: String(index),
      }));
      const pagedData: Record<string, unknown> = { count, pageSize, pageRanges };
      const fetch = (fetchOptions: unknown) => {
        const index = Number(typeof fetchOptions === 'object' && fetchOptions ? (fetchOptions as Record<string, unknown>).index : fetchOptions);
        if (!Number.isInteger(index) || index < 0 || index >= pageCount) throw errors.invalidPageRange();
        exec.meter.charge('PagedData.fetch', UNIT_COSTS.query.fetchPage);
        const result = engine.run(query, params);
        const rows = result.rows.slice(0, MAX_PAGED_RESULTS).slice(index * pageSize, (index + 1) * pageSize);
        return {
          data: new ResultSet({ ...result, rows }),
          isFirst: index === 0,
          isLast: index === pageCount - 1,
          pageRange: pageRanges[index],
          pagedData,
        };
      };
      pagedData.fetch = fetch;
      pagedData.iterator = () => {
        let next = 0;
        return {
          each(callback: (page: { value: unknown }) => boolean) {
            while (next < pageCount) {
              const page = fetch({ index: next++ });
              if (callback({ value: page }) !== true) break;
            }
          },
        };
      };
      return pagedData;
    },
    create() {
      throw errors.unsupported('query.create (use SuiteQL: query.runSuiteQL)');
    },
    load() {
      throw errors.unsupported('query.load');
    },
  };
  return withPromises(module);
}
