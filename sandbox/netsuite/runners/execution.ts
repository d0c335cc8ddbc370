/**
 * One invocation of a script's entry point: its own realm (the built file loaded afresh, as NetSuite
 * gives no guarantee that globals survive between invocations), its governance meter, the session
 * its saves run in, its parameters and log level. Runners create executions; N/ modules read them.
 */
import { VirtualClock, type Clock } from '../../clock';
import type { Dictionary } from '../dictionary';
import { asSuiteScriptError, errors } from '../errors';
import type { FaultRules } from '../faults';
import { limitFor, type GovernanceLog, type MapReduceStage, type Meter, type ScriptType } from '../governance';
import type { SyncHttpClient } from '../https/client';
import type { CacheStore, EmailStore, LogStore, SecretStore } from '../models/outbox';
import type { RecordService, Session } from '../records/service';
import { normalizeIn } from '../records/values';
import type { SuiteQLEngine } from '../suiteql/engine';
import { kindOfCustom } from '../dictionary';
import { createModule, utilGlobal } from '../modules';
import { compileScript, ScriptRealm } from './realm';
import type { DeploymentInfo, ScriptCatalog, ScriptInfo } from './scripts';
import type { Scheduler } from './scheduler';

export interface AccountCore {
  readonly accountId: string;
  readonly clock: Clock;
  readonly dictionary: Dictionary;
  readonly records: RecordService;
  readonly suiteql: SuiteQLEngine;
  readonly governance: GovernanceLog;
  readonly logs: LogStore;
  readonly emails: EmailStore;
  readonly secrets: SecretStore;
  readonly cache: CacheStore;
  readonly catalog: ScriptCatalog;
  readonly scheduler: Scheduler;
  readonly http: SyncHttpClient;
  readonly faults: FaultRules;
  /** Executions in progress, innermost last (a user event runs inside the save of its caller). */
  readonly stack: Execution[];
  /** Runs a RESTlet in-process (https.requestRestlet). */
  callRestlet(request: { scriptId: string; deploymentId: string; method: string; body?: string; headers?: Record<string, string>; urlParams?: Record<string, string> }): {
    status: number;
    body: string;
    headers: Record<string, string>;
  };
  /** Values given to a deployment through the control API (like editing the deployment's parameters). */
  parameterOverrides(deploymentId: string): Record<string, unknown>;
}

/**
 * Clock reads in a row, with no call into NetSuite between them, after which a script counts as
 * spinning: SuiteScript has no sleep, so a script that must wait reads the clock in a loop until the
 * time has come. On NetSuite that loop spends wall time; on a virtual clock, each further read moves
 * the account's time on by SPIN_STEP_MS, so the wait ends when the script wanted it to. A script that
 * reads the clock a few times between calls (every script) never moves it.
 */
export const SPIN_READS = 1000;
export const SPIN_STEP_MS = 1;

export interface ExecutionOptions {
  stage?: MapReduceStage;
  key?: string;
  executionContext: string;
  /** Parameters for this run (task.create params), over the deployment's. */
  params?: Record<string, unknown>;
  parentId?: string;
  /** Records saved here do not fire user events (this execution is a user event). */
  inUserEvent?: boolean;
  /** Units left at the start (usage-exhausted fault). */
  remaining?: number;
}

export class Execution {
  readonly realm: ScriptRealm;
  readonly meter: Meter;
  readonly session: Session;
  readonly params: Record<string, unknown>;
  private exports: Record<string, unknown> | undefined;
  private readonly modules = new Map<string, unknown>();
  /** Clock reads since the script last called into NetSuite (see SPIN_READS). */
  private clockReads = 0;

  constructor(
    readonly core: AccountCore,
    readonly script: ScriptInfo,
    readonly deployment: DeploymentInfo,
    readonly options: ExecutionOptions,
  ) {
    const limit = limitFor(script.scriptType, options.stage);
    const fault = core.faults.take(
      'usageExhausted',
      (r) =>
        (!r.scriptId || r.scriptId === script.def.scriptid) &&
        (!r.deploymentId || r.deploymentId === deployment.scriptid) &&
        (!r.stage || r.stage === options.stage),
    );
    const startLimit = fault ? Math.min(limit, fault.remaining ?? 0) : options.remaining !== undefined ? Math.min(limit, options.remaining) : limit;
    this.meter = core.governance.start({
      scriptId: script.def.scriptid,
      deploymentId: deployment.scriptid,
      scriptType: script.scriptType,
      stage: options.stage,
      key: options.key,
      executionContext: options.executionContext,
      limit: startLimit,
      startedAt: core.clock.now(),
      parentId: options.parentId,
    });
    this.session = {
      executionContext: options.executionContext,
      inUserEvent: !!options.inUserEvent,
      invocationId: this.meter.record.id,
      userId: -5,
      charge: (api, units) => this.meter.charge(api, units),
    };
    this.params = this.resolveParams();
    this.realm = new ScriptRealm(() => this.readClock());
    this.realm.onAccountCall = () => {
      this.clockReads = 0;
    };
  }

  /** The time the script's Date sees; a spinning script's reads move a virtual clock (see SPIN_READS). */
  private readClock(): number {
    const clock = this.core.clock;
    if (++this.clockReads > SPIN_READS && clock instanceof VirtualClock) clock.advance(SPIN_STEP_MS);
    return clock.now();
  }

  get scriptType(): ScriptType {
    return this.script.scriptType;
  }

  get limit(): number {
    return limitFor(this.script.scriptType, this.options.stage);
  }

  private resolveParams(): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    const overrides = this.core.parameterOverrides(this.deployment.scriptid);
    for (const p of this.script.def.parameters) {
      const raw = this.options.params?.[p.scriptid] ?? overrides[p.scriptid] ?? this.deployment.params[p.scriptid] ?? p.defaultvalue ?? (p.defaultchecked ? 'T' : undefined);
      if (raw === undefined || raw === null || raw === '') {
        values[p.scriptid] = kindOfCustom(p.fieldtype) === 'checkbox' ? false : null;
        continue;
      }
      const kind = kindOfCustom(p.fieldtype);
      const field = { id: p.scriptid, kind, label: p.label, confirmed: true };
      try {
        values[p.scriptid] = kind === 'checkbox' && typeof raw === 'string' ? raw === 'T' || raw === 'true' : normalizeIn(field, kind === 'date' || kind === 'datetime' ? new Date(String(raw)) : raw);
      } catch {
        values[p.scriptid] = raw;
      }
    }
    return values;
  }

  /** The module a `define` dependency names. */
  module(name: string): unknown {
    if (!this.modules.has(name)) this.modules.set(name, this.realm.import(createModule(name, this)));
    return this.modules.get(name);
  }

  /** Loads the built file in this execution's realm: header, one define(), entry points. */
  load(): Record<string, unknown> {
    if (this.exports) return this.exports;
    const source = this.core.catalog.source(this.script);
    const header = source.text.startsWith('/**') ? source.text.slice(0, source.text.indexOf('*/')) : '';
    if (!/@NApiVersion\s+2\.1/.test(header)) throw errors.unsupported(`${this.script.def.scriptfile} without an @NApiVersion 2.1 header (NetSuite would not accept it)`);
    const calls: Record<string, unknown>[] = [];
    const define = (...args: unknown[]) => {
      const factory = args[args.length - 1];
      const deps = (args.length > 1 ? args[args.length - 2] : []) as unknown[];
      if (typeof args[0] === 'string') throw new Error(`${this.script.def.scriptfile}: named define() is not allowed in a script file`);
      const exportsObject = this.realm.import({}) as Record<string, unknown>;
      const values = Array.from(deps as ArrayLike<unknown>).map((d) => {
        const dep = String(d);
        if (dep === 'exports') return exportsObject;
        if (dep === 'require') return undefined;
        if (!dep.startsWith('N/')) throw new Error(`${this.script.def.scriptfile} depends on ${dep}; a script file may depend only on N/ modules`);
        return this.module(dep);
      });
      const returned = typeof factory === 'function' ? (factory as (...a: unknown[]) => unknown)(...values) : factory;
      calls.push((returned ?? exportsObject) as Record<string, unknown>);
    };
    this.realm.setGlobal('define', define);
    this.realm.setGlobal('log', this.module('N/log'));
    this.realm.setGlobal('util', this.realm.import(utilGlobal()));
    this.realm.run(compileScript(source.text, this.script.file, source.mtime, this.script.def.scriptfile));
    if (calls.length !== 1) throw new Error(`${this.script.def.scriptfile}: expected exactly one define() call, found ${calls.length}`);
    this.exports = calls[0];
    return this.exports;
  }

  /** Whether the script exports this entry point. */
  has(entry: string): boolean {
    return typeof this.load()[entry] === 'function';
  }

  /** Runs an entry point; its error (in the script's shape) propagates after being recorded. */
  invoke(entry: string, ...args: unknown[]): unknown {
    const exports = this.load();
    const fn = exports[entry];
    if (typeof fn !== 'function') return undefined;
    this.core.stack.push(this);
    try {
      return (fn as (...a: unknown[]) => unknown)(...args);
    } catch (e) {
      this.meter.record.error = asSuiteScriptError(e).name;
      throw e;
    } finally {
      this.core.stack.pop();
      this.meter.record.endedAt = this.core.clock.now();
    }
  }

  /** Ends the invocation without running anything more (for bookkeeping by runners). */
  end(error?: unknown) {
    if (error !== undefined) this.meter.record.error = asSuiteScriptError(error).name;
    this.meter.record.endedAt ??= this.core.clock.now();
  }
}
