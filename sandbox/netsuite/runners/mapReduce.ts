/**
 * Map/reduce as NetSuite runs it: getInputData once (an Array, an Object, or a
 * `{type: 'suiteql', query, params}` reference), map once per key/value pair, the shuffle grouping
 * map output by key, reduce once per key with all its values, summarize once. Keys and values are
 * strings (objects JSON-stringified); map and reduce order comes from a seeded shuffle, as NetSuite
 * promises no order. Each invocation has its own limit (getInputData 10,000, map 1,000, reduce 5,000,
 * summarize 10,000). An error in map or reduce ends that invocation; the key is retried `retryCount`
 * times (config export, 0–3) with executionNo and the earlier errors in context.errors; every failed
 * execution is reported in the summary (mapSummary.errors / reduceSummary.errors, with its
 * executionNo), and with `exitOnError: true` the job goes straight to summarize once a key fails for
 * good, the keys the stage never tried listed as PENDING. The summary lists keys as Oracle documents:
 * mapSummary.keys in numeric order when every key is a number, else lexicographically;
 * reduceSummary.keys and output lexicographically. An error in getInputData goes to
 * summarize as inputSummary.error. A restart fault interrupts a stage after N keys: the interrupted
 * key's output is discarded (its record writes are not), an SSS_APP_SERVER_RESTART error is noted,
 * and the key runs again with isRestarted = true.
 */
import { asSuiteScriptError, errors, serializeError } from '../errors';
import type { MapReduceStage } from '../governance';
import { seededRandom } from '../../random';
import { Execution, type AccountCore } from './execution';
import type { TaskInstance } from './scheduler';
import type { DeploymentInfo, ScriptInfo } from './scripts';

export interface KeyError {
  key: string;
  error: string;
  executionNo: number;
}

export interface KeyState {
  key: string;
  executionCount: number;
  /** PENDING: the stage ended (exitOnError) before it tried the key. */
  completionState: 'COMPLETE' | 'FAILED' | 'PENDING';
}

export interface MapReduceReport {
  inputError?: string;
  inputPairs: number;
  mapKeys: KeyState[];
  reduceKeys: KeyState[];
  mapErrors: KeyError[];
  reduceErrors: KeyError[];
  output: [string, string][];
  restarts: MapReduceStage[];
  summarizeError?: string;
  exitedOnError: boolean;
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function asString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  return JSON.stringify(value) ?? String(value);
}

function serialized(e: unknown): string {
  return JSON.stringify(serializeError(asSuiteScriptError(e)));
}

/** Sorted by key in code-unit order (Java's String.compareTo), keeping the order of equal keys. */
function lexicographic<T>(items: T[], keyOf: (item: T) => string): T[] {
  return [...items].sort((a, b) => {
    const x = keyOf(a);
    const y = keyOf(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/** mapSummary.keys: "If all values are numbers, they're listed in numeric order. If any values are strings, they're listed in lexicographical order." */
function mapKeyOrder(keys: KeyState[]): KeyState[] {
  const numeric = keys.every((k) => k.key.trim() !== '' && Number.isFinite(Number(k.key)));
  return numeric ? [...keys].sort((a, b) => Number(a.key) - Number(b.key)) : lexicographic(keys, (k) => k.key);
}

const MAX_KEY = 3000;
const MAX_VALUE = 10 * 1024 * 1024;

export class MapReduceRunner {
  private runs = 0;

  constructor(
    private readonly core: AccountCore,
    private readonly seed: number,
  ) {}

  run(script: ScriptInfo, deployment: DeploymentInfo, instance: TaskInstance): MapReduceReport {
    const random = seededRandom(this.seed + 7919 * ++this.runs);
    const report: MapReduceReport = { inputPairs: 0, mapKeys: [], reduceKeys: [], mapErrors: [], reduceErrors: [], output: [], restarts: [], exitedOnError: false };
    const params = instance.params;
    const started = this.core.clock.now();
    const stageUsage: Record<MapReduceStage, number> = { getInputData: 0, map: 0, reduce: 0, summarize: 0 };
    const stageStart: Record<string, number> = {};

    const execution = (stage: MapReduceStage, key?: string) =>
      new Execution(this.core, script, deployment, { stage, key, executionContext: 'MAPREDUCE', params });
    const restartFault = (stage: MapReduceStage, completed: number) =>
      this.core.faults.take(
        'mapReduceRestart',
        (r) => r.stage === stage && (r.afterKeys ?? 0) === completed && (!r.deploymentId || r.deploymentId === deployment.scriptid) && (!r.scriptId || r.scriptId === script.def.scriptid),
      );

    // config export: retryCount and exitOnError.
    const probe = execution('getInputData');
    const exportsObject = probe.load();
    const config = (exportsObject.config ?? {}) as { retryCount?: unknown; exitOnError?: unknown };
    const retryCount = Math.max(0, Math.min(3, Number(config.retryCount ?? 0) || 0));
    const exitOnError = config.exitOnError === true;
    const hasMap = typeof exportsObject.map === 'function';
    const hasReduce = typeof exportsObject.reduce === 'function';

    // ---- getInputData ----
    instance.stage = 'getInputData';
    stageStart.getInputData = this.core.clock.now();
    let pairs: [string, string][] = [];
    const runInput = (exec: Execution, isRestarted: boolean) => {
      try {
        const input = exec.invoke('getInputData', exec.realm.import({ isRestarted, ObjectRef: { id: null, type: null } }));
        return this.normalizeInput(exec, input);
      } finally {
        stageUsage.getInputData += exec.meter.used;
      }
    };
    try {
      pairs = runInput(probe, false);
      if (restartFault('getInputData', 0)) {
        report.restarts.push('getInputData');
        pairs = runInput(execution('getInputData'), true);
      }
    } catch (e) {
      report.inputError = serialized(e);
    }
    report.inputPairs = pairs.length;

    // ---- map ----
    let mapOutput: [string, string][] = [];
    const failed = { stop: false };
    if (!report.inputError) {
      if (hasMap) {
        instance.stage = 'map';
        stageStart.map = this.core.clock.now();
        const order = shuffle(pairs, random);
        instance.pendingMapCount = order.length;
        let completed = 0;
        for (const [key, value] of order) {
          if (failed.stop) {
            report.mapKeys.push({ key, executionCount: 0, completionState: 'PENDING' });
            continue;
          }
          const writes = this.processKey('map', key, value, retryCount, execution, completed, restartFault, report.mapErrors, report.mapKeys, report.restarts, stageUsage);
          if (writes) mapOutput.push(...writes);
          else if (exitOnError) {
            failed.stop = true;
            report.exitedOnError = true;
          }
          completed++;
          instance.pendingMapCount = order.length - completed;
        }
      } else {
        mapOutput = pairs;
      }
    }

    // ---- shuffle and reduce ----
    if (!report.inputError && !failed.stop) {
      if (hasReduce) {
        instance.stage = 'SHUFFLE';
        const groups = new Map<string, string[]>();
        for (const [k, v] of mapOutput) {
          if (!groups.has(k)) groups.set(k, []);
          groups.get(k)!.push(v);
        }
        instance.stage = 'reduce';
        stageStart.reduce = this.core.clock.now();
        const order = shuffle([...groups.entries()], random);
        instance.pendingReduceCount = order.length;
        let completed = 0;
        for (const [key, values] of order) {
          if (failed.stop) {
            report.reduceKeys.push({ key, executionCount: 0, completionState: 'PENDING' });
            continue;
          }
          const writes = this.processKey('reduce', key, values, retryCount, execution, completed, restartFault, report.reduceErrors, report.reduceKeys, report.restarts, stageUsage);
          if (writes) report.output.push(...writes);
          else if (exitOnError) {
            failed.stop = true;
            report.exitedOnError = true;
          }
          completed++;
          instance.pendingReduceCount = order.length - completed;
        }
      } else {
        report.output = mapOutput;
      }
    }

    // ---- summarize ----
    if (typeof exportsObject.summarize === 'function') {
      instance.stage = 'summarize';
      const summarize = (isRestarted: boolean) => {
        const exec = execution('summarize');
        const context = this.summaryContext(exec, report, isRestarted, started, stageUsage, stageStart);
        try {
          exec.invoke('summarize', context);
        } finally {
          stageUsage.summarize += exec.meter.used;
        }
      };
      try {
        summarize(false);
        if (restartFault('summarize', 0)) {
          report.restarts.push('summarize');
          summarize(true);
        }
      } catch (e) {
        report.summarizeError = serialized(e);
        instance.status = 'FAILED';
      }
    }
    instance.result = report;
    return report;
  }

  /** getInputData's return value as string key/value pairs. */
  private normalizeInput(exec: Execution, input: unknown): [string, string][] {
    if (input === null || input === undefined) return [];
    const value = exec.realm.unwrap(input);
    if (Array.isArray(value)) return value.map((v, i) => [String(i), asString(v)]);
    if (typeof value === 'object') {
      const o = value as Record<string, unknown>;
      if (o.type === 'suiteql' && typeof o.query === 'string') {
        const params = o.params ? Array.from(o.params as ArrayLike<unknown>) : [];
        const result = this.core.suiteql.run(o.query, params);
        return result.rows.map((row, i) => [String(i), JSON.stringify({ types: result.types, values: row })]);
      }
      if (typeof o.type === 'string' && ('id' in o || 'path' in o)) throw errors.unsupported(`getInputData returning a ${o.type} reference`);
      return Object.entries(o).map(([k, v]) => [k, asString(v)]);
    }
    throw errors.unsupported(`getInputData returning ${typeof value}`);
  }

  /**
   * Runs one key of map or reduce with retries and an optional restart; returns its writes, or
   * undefined when it finally failed.
   */
  private processKey(
    stage: 'map' | 'reduce',
    key: string,
    value: string | string[],
    retryCount: number,
    execution: (stage: MapReduceStage, key?: string) => Execution,
    completed: number,
    restartFault: (stage: MapReduceStage, completed: number) => unknown,
    errorsOut: KeyError[],
    keysOut: MapReduceReport['mapKeys'],
    restarts: MapReduceStage[],
    stageUsage: Record<MapReduceStage, number>,
  ): [string, string][] | undefined {
    const previous: KeyError[] = [];
    let executionNo = 0;
    let isRestarted = false;
    let restartPending = !!restartFault(stage, completed);
    for (;;) {
      executionNo++;
      const exec = execution(stage, key);
      const writes: [string, string][] = [];
      const write = (a: unknown, b?: unknown) => {
        const pair = a && typeof a === 'object' && b === undefined ? (a as { key: unknown; value: unknown }) : { key: a, value: b };
        const k = asString(pair.key);
        const v = asString(pair.value);
        if (k.length > MAX_KEY) throw errors.keyTooLong();
        if (v.length > MAX_VALUE) throw errors.valueTooLong();
        writes.push([k, v]);
      };
      const errorsIterator = {
        iterator: () => ({
          each: (callback: (key: string, error: string, executionNo: number) => unknown) => {
            for (const e of previous) if (callback(e.key, e.error, e.executionNo) !== true) break;
          },
        }),
      };
      const context: Record<string, unknown> = { key, isRestarted, executionNo, errors: errorsIterator, write };
      if (stage === 'map') context.value = value;
      else context.values = value;
      let error: unknown;
      try {
        exec.invoke(stage, exec.realm.import(context));
      } catch (e) {
        error = e;
      } finally {
        stageUsage[stage] += exec.meter.used;
      }
      if (restartPending) {
        // The server restarts after this invocation ran but before its output was saved.
        restartPending = false;
        restarts.push(stage);
        const restart = { key, error: JSON.stringify(serializeError(errors.appServerRestart())), executionNo };
        errorsOut.push(restart);
        previous.push(restart);
        isRestarted = true;
        continue;
      }
      if (error === undefined) {
        keysOut.push({ key, executionCount: executionNo, completionState: 'COMPLETE' });
        return writes;
      }
      const keyError = { key, error: serialized(error), executionNo };
      previous.push(keyError);
      errorsOut.push(keyError);
      if (executionNo > retryCount) {
        keysOut.push({ key, executionCount: executionNo, completionState: 'FAILED' });
        return undefined;
      }
    }
  }

  private summaryContext(
    exec: Execution,
    report: MapReduceReport,
    isRestarted: boolean,
    started: number,
    stageUsage: Record<MapReduceStage, number>,
    stageStart: Record<string, number>,
  ): unknown {
    const now = this.core.clock.now();
    const iterator = <T>(items: T[], args: (item: T) => unknown[]) => ({
      iterator: () => ({
        each: (callback: (...a: unknown[]) => unknown) => {
          for (const item of items) if (callback(...args(item)) !== true) break;
        },
      }),
    });
    const stageSummary = (stage: 'map' | 'reduce', keys: KeyState[], errs: KeyError[]) => ({
      dateCreated: new Date(stageStart[stage] ?? now),
      seconds: Math.round(((stageStart[stage] ? now - stageStart[stage] : 0) / 1000) * 100) / 100,
      usage: stageUsage[stage],
      concurrency: 1,
      yields: 0,
      keys: iterator(keys, (k) => [k.key, k.executionCount, k.completionState]),
      errors: iterator(errs, (e) => [e.key, e.error, e.executionNo]),
    });
    return exec.realm.import({
      isRestarted,
      dateCreated: new Date(started),
      seconds: Math.round(((now - started) / 1000) * 100) / 100,
      usage: stageUsage.getInputData + stageUsage.map + stageUsage.reduce,
      concurrency: 1,
      yields: 0,
      inputSummary: {
        dateCreated: new Date(stageStart.getInputData ?? started),
        error: report.inputError ?? null,
        seconds: 0,
        usage: stageUsage.getInputData,
      },
      mapSummary: stageSummary('map', mapKeyOrder(report.mapKeys), report.mapErrors),
      reduceSummary: stageSummary('reduce', lexicographic(report.reduceKeys, (k) => k.key), report.reduceErrors),
      output: iterator(lexicographic(report.output, ([k]) => k), ([k, v]) => [k, v]),
    });
  }
}
