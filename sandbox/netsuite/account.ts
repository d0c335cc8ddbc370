/**
 * The local NetSuite account: records and SuiteQL, governance, the N/ modules and script runners,
 * put together and driven by a clock. `createNetSuiteAccount()` gives tests an in-process API (this
 * file) and HTTP handlers (http.ts) sharing one state:
 *
 *   const account = await createNetSuiteAccount({ clock });
 *   const store = account.ui.create('customrecord_sb2b_store', { name: 'Acme', … }); // user events fire
 *   account.restlet('customdeploy_sb2b_inbound', { method: 'POST', body: {...} });
 *   account.advance(15 * 60_000);                                                    // schedules run
 *   account.governance.units({ scriptId: 'customscript_sb2b_inbound' });
 *
 * Inspection (records.get, query, inventory.level, logs, emails …) has no side effects and costs no
 * units; `ui.*` acts as a user in the browser (user events fire, execution context USERINTERFACE);
 * `records.seed` writes fixtures without user events.
 */
import path from 'path';
import { VirtualClock, type Clock } from '../clock';
import type { Handler } from '../http';
import { Dictionary, loadRecordsJson, STANDARD_SELECT_TARGETS } from './dictionary';
import { asSuiteScriptError, serializeError, type SerializedSuiteScriptError } from './errors';
import { FaultRules, type FaultRule } from './faults';
import { GovernanceLog, type ScriptType } from './governance';
import { NETSUITE_TIMEOUTS, SyncHttpClient } from './https/client';
import { available, Inventory } from './models/inventory';
import { CacheStore, EmailStore, LogStore, SecretStore } from './models/outbox';
import { RecordStore, type RecordData, type Value } from './models/store';
import type { NsRecord } from './records/record';
import { displayNameOf, RecordService, USER_SESSION, type RecordListener, type Session } from './records/service';
import { isDateLike } from './records/values';
import { Execution as ExecutionClass, type AccountCore, type Execution } from './runners/execution';
import { MapReduceRunner } from './runners/mapReduce';
import { runRestlet, runScheduled, runSuitelet, type ScriptHttpResponse } from './runners/scripted';
import { Scheduler, type TaskInstance } from './runners/scheduler';
import { ScriptCatalog, type DeploymentInfo, type ProjectSource, type ScriptInfo } from './runners/scripts';
import { FormModel, UserEventRunner } from './runners/userEvents';
import { loadSqlJs, SuiteQLEngine, type SqlValue } from './suiteql/engine';
import { Projection } from './suiteql/projection';
import { netsuiteHandlers } from './http';

export const PROJECT_ROOT = path.resolve(__dirname, '../..');

/** N/ modules by short name (record, query, https …), as `account.console` hands them out. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ConsoleModules = Record<string, any>;

export interface NetSuiteAccountOptions {
  /** Default: a new VirtualClock. */
  clock?: Clock;
  /** The SDF project deployed to the account (default: this repository). */
  projectRoot?: string;
  /** More projects deployed beside it (the sandbox's own test scripts). */
  extraProjects?: ProjectSource[];
  accountId?: string;
  /** Seed of the map/reduce shuffle. */
  seed?: number;
  http?: { connectTimeoutMs?: number; timeoutMs?: number; routes?: Record<string, string> };
  secrets?: Record<string, string | { value: string; allowedScripts?: string[] }>;
  /** Bearer tokens accepted for RESTlets, Suitelets and SuiteQL over HTTP (default ['sandbox-token']). */
  tokens?: string[];
  /** Delay before a submitted task starts (default 0: the next clock advance or runQueued). */
  taskStartDelayMs?: number;
  /** orderstatus of new sales orders and returns when a script leaves it empty (NetSuite's default preference: A, Pending Approval). */
  defaultOrderStatus?: string;
  /** Start the recurrences of SCHEDULED deployments (default true). */
  schedules?: boolean;
  /** Called once per unconfirmed id used (also kept in account.warnings). */
  onWarning?: (message: string) => void;
}

export interface RecordSnapshot {
  type: string;
  id: number;
  version: number;
  fields: Record<string, Value>;
  sublists: Record<string, Record<string, Value>[]>;
  subrecords: Record<string, Record<string, Value>>;
}

export type LinePatch = Record<string, unknown> & { line?: number; remove?: boolean };

function snapshot(data: RecordData): RecordSnapshot {
  return {
    type: data.type,
    id: data.id,
    version: data.version,
    fields: { ...data.fields },
    sublists: Object.fromEntries(
      Object.entries(data.sublists).map(([id, lines]) => [
        id,
        lines.map((l) => ({ ...l.fields, ...Object.fromEntries(Object.entries(l.subrecords).map(([k, s]) => [k, { ...s.fields } as unknown as Value])) })),
      ]),
    ),
    subrecords: Object.fromEntries(Object.entries(data.subrecords).map(([k, s]) => [k, { ...s.fields }])),
  };
}

export class UserActionError extends Error {
  constructor(readonly error: SerializedSuiteScriptError) {
    super(`${error.name}: ${error.message}`);
    this.name = error.name;
  }
}

export class NetSuiteAccount {
  readonly clock: Clock;
  readonly accountId: string;
  readonly dictionary: Dictionary;
  readonly catalog: ScriptCatalog;
  readonly governance = new GovernanceLog();
  readonly faults = new FaultRules();
  readonly secrets = new SecretStore();
  readonly warnings: string[] = [];
  readonly http: SyncHttpClient;
  readonly scheduler: Scheduler;
  readonly tokens: string[];
  private readonly logStore = new LogStore();
  private readonly emailStore = new EmailStore();
  private readonly cache: CacheStore;
  private store = new RecordStore();
  private inventoryModel: Inventory;
  private recordService!: RecordService;
  private engine!: SuiteQLEngine;
  private readonly overrides = new Map<string, Record<string, unknown>>();
  private userEvents!: UserEventRunner;
  private readonly mapReduce: MapReduceRunner;
  readonly core: AccountCore;

  constructor(
    private readonly options: NetSuiteAccountOptions,
    private readonly sql: Awaited<ReturnType<typeof loadSqlJs>>,
  ) {
    this.clock = options.clock ?? new VirtualClock();
    this.accountId = options.accountId ?? 'TSTDRV1234567';
    this.tokens = options.tokens ?? ['sandbox-token'];
    this.catalog = new ScriptCatalog([{ root: options.projectRoot ?? PROJECT_ROOT }, ...(options.extraProjects ?? [])]);
    this.dictionary = new Dictionary(loadRecordsJson(), this.catalog.project, (m) => {
      this.warnings.push(m);
      options.onWarning?.(m);
    });
    this.cache = new CacheStore(() => this.clock.now());
    this.inventoryModel = new Inventory(() => this.clock.now());
    this.http = new SyncHttpClient({ connectMs: options.http?.connectTimeoutMs ?? NETSUITE_TIMEOUTS.connectMs, totalMs: options.http?.timeoutMs ?? NETSUITE_TIMEOUTS.totalMs }, () => this.clock.now());
    for (const [host, target] of Object.entries(options.http?.routes ?? {})) this.http.route(host, target);
    for (const [id, s] of Object.entries(options.secrets ?? {})) {
      if (typeof s === 'string') this.secrets.set(id, s);
      else this.secrets.set(id, s.value, s.allowedScripts);
    }
    this.scheduler = new Scheduler(this.catalog, this.clock, options.taskStartDelayMs ?? 0);
    this.mapReduce = new MapReduceRunner(this.coreRef(), options.seed ?? 1);
    this.core = this.coreRef();
    this.buildData();
    this.scheduler.scriptRunning = () => this.core.stack.length > 0;
    this.scheduler.runner = (script, deployment, instance) => {
      if (script.scriptType === 'MAPREDUCE') this.mapReduce.run(script, deployment, instance);
      else runScheduled(this.core, script, deployment, instance);
    };
    if (options.schedules !== false) this.scheduler.startSchedules();
  }

  private coreCache: AccountCore | undefined;
  private coreRef(): AccountCore {
    if (this.coreCache) return this.coreCache;
    const live = <T>(get: () => T): PropertyDescriptor => ({ get, enumerable: true });
    const base = {
      stack: [] as Execution[],
      callRestlet: (r: Parameters<AccountCore['callRestlet']>[0]) => {
        const response = this.restlet(r.deploymentId, { method: r.method, body: r.body, headers: r.headers, params: r.urlParams, scriptId: r.scriptId });
        return { status: response.status, body: response.body, headers: response.headers };
      },
      parameterOverrides: (deploymentId: string) => this.overrides.get(deploymentId) ?? {},
    };
    this.coreCache = Object.defineProperties(base, {
      accountId: live(() => this.accountId),
      clock: live(() => this.clock),
      dictionary: live(() => this.dictionary),
      records: live(() => this.recordService),
      suiteql: live(() => this.engine),
      governance: live(() => this.governance),
      logs: live(() => this.logStore),
      emails: live(() => this.emailStore),
      secrets: live(() => this.secrets),
      cache: live(() => this.cache),
      catalog: live(() => this.catalog),
      scheduler: live(() => this.scheduler),
      http: live(() => this.http),
      faults: live(() => this.faults),
    }) as AccountCore;
    return this.coreCache;
  }

  /** (Re)creates records, stock and the SQL tables, and the account's base records. */
  private buildData() {
    this.store = new RecordStore();
    this.inventoryModel = new Inventory(() => this.clock.now());
    const db = new this.sql.Database();
    this.engine = new SuiteQLEngine(db, this.dictionary, () => this.clock.now(), { display: (hint, value) => this.display(hint, value) });
    const listeners: RecordListener[] = [];
    this.recordService = new RecordService({
      dictionary: this.dictionary,
      store: this.store,
      inventory: this.inventoryModel,
      clock: this.clock,
      listeners,
      defaultOrderStatus: this.options.defaultOrderStatus ?? 'A',
    });
    listeners.push(new Projection(db, this.dictionary, this.store, this.inventoryModel, (id) => this.recordService.itemType(id), () => this.clock.now()));
    this.userEvents = new UserEventRunner(this.core);
    this.recordService.userEvents = this.userEvents;
    this.recordService.faults = {
      check: (e) => {
        const concurrent = this.faults.concurrentRunBefore(e);
        if (concurrent) this.runDeployment(concurrent);
        this.faults.checkSave(e);
      },
    };
    this.seedBase();
  }

  private seedBase() {
    this.recordService.seed('currency', { name: 'USD', symbol: 'USD', exchangerate: 1 });
    this.recordService.seed('subsidiary', { name: 'Parent Company', currency: '1' });
    for (const name of ['Net 15', 'Net 30', 'Net 45', 'Net 60', 'Net 90', 'Due on receipt']) this.recordService.seed('term', { name });
  }

  /** Wipes records, stock, logs, email, governance, faults and queued work; keeps secrets, routes, clock. */
  reset() {
    this.scheduler.clear();
    this.governance.clear();
    this.faults.clear();
    this.logStore.clear();
    this.emailStore.clear();
    this.cache.clear();
    this.overrides.clear();
    this.warnings.length = 0;
    this.buildData();
    if (this.options.schedules !== false) this.scheduler.startSchedules();
  }

  private display(hint: string, value: SqlValue): SqlValue {
    if (value === null) return null;
    const [table, column] = hint.includes('.') ? hint.split('.') : [undefined, hint];
    let target = table ? this.dictionary.table(table)?.columns.get(column)?.target : undefined;
    if (!target && table && column === 'parent') target = table === 'customer' ? 'customer' : table === 'location' ? 'location' : table === 'item' ? 'item' : undefined;
    target ??= STANDARD_SELECT_TARGETS[column];
    if (!target) return value;
    const id = Number(value);
    if (target.startsWith('customlist')) return this.dictionary.customLists.get(target)?.values[id - 1]?.value ?? null;
    const data = this.recordService.resolveTarget(target, id) ?? (target === 'customer' ? this.recordService.resolveTarget('contact', id) : undefined);
    return data ? displayNameOf(data) : null;
  }

  // ---- records: seed and inspect -------------------------------------------------------

  readonly records = {
    /** Writes a fixture record without user events; checks ids, mandatory fields and references. */
    seed: (type: string, values: Record<string, unknown>, sublists?: Record<string, Record<string, unknown>[]>): number => this.recordService.seed(type, values, sublists),
    get: (type: string, id: number | string): RecordSnapshot | undefined => {
      const data = this.store.peek(this.dictionary.recordType(type).type, Number(id));
      return data ? snapshot(data) : undefined;
    },
    list: (type: string): RecordSnapshot[] => this.store.all(this.dictionary.recordType(type).type).map(snapshot),
    byExternalId: (type: string, externalId: string): RecordSnapshot | undefined => {
      const id = this.store.byExternalId(this.dictionary.recordType(type).type, externalId);
      return id === undefined ? undefined : this.records.get(type, id);
    },
  };

  // ---- a user in the browser ---------------------------------------------------------------

  private asUser<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      throw new UserActionError(serializeError(asSuiteScriptError(e)));
    }
  }

  private apply(rec: NsRecord, values: Record<string, unknown> = {}, sublists: Record<string, LinePatch[]> = {}) {
    for (const [fieldId, value] of Object.entries(values)) {
      if (value && typeof value === 'object' && !Array.isArray(value) && !isDateLike(value)) {
        const sub = rec.getSubrecord({ fieldId });
        for (const [k, v] of Object.entries(value)) sub.setValue({ fieldId: k, value: v });
      } else rec.setValue({ fieldId, value });
    }
    for (const [sublistId, patches] of Object.entries(sublists)) {
      for (const patch of patches) {
        const { line, remove, ...fields } = patch;
        let index = line ?? rec.getLineCount({ sublistId });
        if (remove) {
          rec.removeLine({ sublistId, line: index });
          continue;
        }
        if (line === undefined) rec.insertLine({ sublistId, line: index });
        else index = line;
        for (const [fieldId, value] of Object.entries(fields)) {
          if (value && typeof value === 'object' && !Array.isArray(value) && !isDateLike(value)) {
            const sub = rec.getSublistSubrecord({ sublistId, fieldId, line: index });
            for (const [k, v] of Object.entries(value)) sub.setValue({ fieldId: k, value: v });
          } else rec.setSublistValue({ sublistId, fieldId, line: index, value });
        }
      }
    }
  }

  private session(executionContext?: string): Session {
    return executionContext ? { ...USER_SESSION, executionContext } : USER_SESSION;
  }

  /** beforeLoad user events, as the browser opens a record's page; returns the form they shaped. */
  private opened(rec: NsRecord, type: 'create' | 'edit' | 'view' | 'copy', executionContext?: string): FormModel {
    const form = new FormModel();
    this.userEvents.beforeLoad({ type, newRecord: rec, session: this.session(executionContext), form });
    return form;
  }

  readonly ui = {
    /**
     * Opens a new record's page (beforeLoad: create), fills it in and saves it (beforeSubmit,
     * afterSubmit). Sublist patches without `line` add lines.
     */
    create: (type: string, values: Record<string, unknown> = {}, sublists: Record<string, LinePatch[]> = {}, executionContext?: string): number =>
      this.asUser(() => {
        const rec = this.recordService.create(type, {}, this.session(executionContext));
        this.opened(rec, 'create', executionContext);
        this.apply(rec, values, sublists);
        return this.recordService.saveAs(rec, {}, this.session(executionContext));
      }),
    /** Opens a record in edit mode (beforeLoad: edit), changes it and saves it. Patches with `line` change that line; `remove: true` removes it. */
    edit: (type: string, id: number, values: Record<string, unknown> = {}, sublists: Record<string, LinePatch[]> = {}, executionContext?: string): number =>
      this.asUser(() => {
        const rec = this.recordService.load(type, id, {}, this.session(executionContext));
        this.opened(rec, 'edit', executionContext);
        this.apply(rec, values, sublists);
        return this.recordService.saveAs(rec, {}, this.session(executionContext));
      }),
    /** Views a record (beforeLoad: view); returns what the page shows and the form user events shaped. */
    view: (type: string, id: number, executionContext?: string): { record: RecordSnapshot; form: FormModel } =>
      this.asUser(() => {
        const rec = this.recordService.load(type, id, {}, this.session(executionContext));
        const form = this.opened(rec, 'view', executionContext);
        return { record: snapshot(rec.data), form };
      }),
    /** Inline edit of body fields (user events see xedit). */
    inlineEdit: (type: string, id: number, values: Record<string, unknown>, executionContext?: string): number =>
      this.asUser(() => this.recordService.submitFields(type, id, values, {}, this.session(executionContext))),
    delete: (type: string, id: number, executionContext?: string): number => this.asUser(() => this.recordService.delete(type, id, this.session(executionContext))),
    /** Transforms and saves (Fulfill, Bill, Receive, Refund, Accept Payment …), with optional changes first. */
    transform: (fromType: string, fromId: number, toType: string, values: Record<string, unknown> = {}, sublists: Record<string, LinePatch[]> = {}, executionContext?: string): number =>
      this.asUser(() => {
        const rec = this.recordService.transform(fromType, fromId, toType, {}, this.session(executionContext));
        this.opened(rec, 'create', executionContext);
        this.apply(rec, values, sublists);
        return this.recordService.saveAs(rec, {}, this.session(executionContext));
      }),
  };

  // ---- stock ----------------------------------------------------------------------------------

  readonly inventory = {
    level: (item: number, location: number) => {
      const level = this.inventoryModel.peek(item, location);
      if (!level) return { item, location, onHand: 0, committed: 0, available: 0, backordered: 0, onOrder: 0, lastQuantityAvailableChange: undefined as Date | undefined };
      return { ...level, available: available(level), lastQuantityAvailableChange: level.lastAvailableChange === undefined ? undefined : new Date(level.lastAvailableChange) };
    },
    /** Sets on hand directly (a starting balance, no transaction). */
    setOnHand: (item: number, location: number, onHand: number) => this.inventoryModel.setOnHand(item, location, onHand),
  };

  // ---- SuiteQL (inspection: no governance) -----------------------------------------------------

  query(suiteql: string, params: unknown[] = []): Record<string, SqlValue>[] {
    const result = this.engine.run(suiteql, params);
    return result.rows.map((row) => Object.fromEntries(result.columns.map((c, i) => [c, row[i]])));
  }

  /** The raw SuiteQL result (columns, types, rows) for the REST endpoint. */
  runSuiteQL(suiteql: string, params: unknown[] = []) {
    return this.engine.run(suiteql, params);
  }

  // ---- scripts --------------------------------------------------------------------------------

  /** Runs a map/reduce or scheduled deployment now, to completion. */
  runDeployment(deploymentId: string, params: Record<string, unknown> = {}): TaskInstance {
    return this.scheduler.runNow(deploymentId, params);
  }

  /** Runs submitted tasks now, without moving the clock. */
  runQueued(): number {
    return this.scheduler.drain();
  }

  /** Moves the clock on; schedules and queued tasks due in between run, each at its time. */
  advance(ms: number) {
    if (!(this.clock instanceof VirtualClock)) throw new Error('advance needs a VirtualClock');
    this.clock.advance(ms);
  }

  advanceTo(epochMs: number) {
    if (!(this.clock instanceof VirtualClock)) throw new Error('advanceTo needs a VirtualClock');
    this.clock.advanceTo(epochMs);
  }

  /** Sets script parameter values on a deployment (as an admin editing the deployment). */
  setParameters(deploymentId: string, values: Record<string, unknown>) {
    this.overrides.set(deploymentId, { ...(this.overrides.get(deploymentId) ?? {}), ...values });
  }

  private scriptAndDeployment(deploymentId: string, scriptId?: string) {
    const script = scriptId ? this.catalog.script(scriptId) : undefined;
    const found = this.catalog.deployment(deploymentId, script);
    if (!found || (scriptId && !script)) return undefined;
    return found;
  }

  /** Calls a RESTlet in-process, exactly as the HTTP front does (without authentication). */
  restlet(
    deploymentId: string,
    request: { method?: string; body?: unknown; contentType?: string | null; headers?: Record<string, string>; params?: Record<string, string>; scriptId?: string } = {},
  ): ScriptHttpResponse {
    const found = this.scriptAndDeployment(deploymentId, request.scriptId);
    if (!found || found.script.scriptType !== 'RESTLET' || !found.deployment.isDeployed) {
      return { status: 400, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ error: { code: 'SSS_INVALID_SCRIPTLET_ID', message: 'That Suitelet is invalid, disabled, or no longer exists.' } }) };
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(request.headers ?? {})) headers[k.toLowerCase()] = v;
    const body = request.body === undefined ? '' : typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    if (request.contentType) headers['content-type'] = request.contentType;
    else if (request.contentType === null) delete headers['content-type'];
    else if (request.body !== undefined && !headers['content-type']) headers['content-type'] = typeof request.body === 'string' ? 'text/plain' : 'application/json';
    const params = { script: String(found.script.internalId), deploy: String(found.deployment.internalId), ...(request.params ?? {}) };
    return runRestlet(this.core, found.script, found.deployment, { method: request.method ?? 'GET', params, headers, body, url: '/app/site/hosting/restlet.nl' });
  }

  suitelet(deploymentId: string, request: { method?: string; body?: string; headers?: Record<string, string>; params?: Record<string, string> } = {}): ScriptHttpResponse {
    const found = this.scriptAndDeployment(deploymentId);
    if (!found || found.script.scriptType !== 'SUITELET' || !found.deployment.isDeployed) {
      return { status: 400, headers: { 'Content-Type': 'text/html' }, body: 'SSS_INVALID_SCRIPTLET_ID: That Suitelet is invalid, disabled, or no longer exists.' };
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(request.headers ?? {})) headers[k.toLowerCase()] = v;
    // A posted HTML form's fields are request parameters too, as on NetSuite.
    const form = (headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') ? Object.fromEntries(new URLSearchParams(request.body ?? '')) : {};
    return runSuitelet(this.core, found.script, found.deployment, {
      method: request.method ?? 'GET',
      params: { script: String(found.script.internalId), deploy: String(found.deployment.internalId), ...form, ...(request.params ?? {}) },
      headers,
      body: request.body ?? '',
      url: '/app/site/hosting/scriptlet.nl',
    });
  }

  /**
   * Runs a function with the N/ modules as a script of the given type gets them (like NetSuite's
   * script debugger): same objects, same governance, same errors. For contract tests of the modules;
   * the bundle's own scripts always run from their built files.
   */
  console<T>(fn: (modules: ConsoleModules, execution: Execution) => T, options: { scriptType?: ScriptType; executionContext?: string; scriptId?: string } = {}): T {
    const scriptType = options.scriptType ?? 'SCHEDULED';
    const scriptId = options.scriptId ?? 'customscript_sandbox_console';
    const script: ScriptInfo = {
      def: { objectType: 'scheduledscript', scriptid: scriptId, name: 'Sandbox console', scriptfile: '', parameters: [], deployments: [], file: '', raw: {} },
      internalId: 1,
      scriptType,
      file: '',
      deployments: [],
    };
    const deployment: DeploymentInfo = {
      scriptid: 'customdeploy_sandbox_console',
      internalId: 1,
      status: 'RELEASED',
      isDeployed: true,
      logLevel: 'DEBUG',
      params: {},
      availableWithoutLogin: false,
      raw: {},
    };
    const exec = new ExecutionClass(this.core, script, deployment, { executionContext: options.executionContext ?? scriptType, stage: scriptType === 'MAPREDUCE' ? 'map' : undefined });
    const modules = new Proxy({} as ConsoleModules, { get: (_t, name) => exec.module(`N/${String(name)}`) });
    this.core.stack.push(exec);
    try {
      return fn(modules, exec);
    } finally {
      this.core.stack.pop();
      exec.end();
    }
  }

  // ---- what scripts left behind ----------------------------------------------------------------

  get logs() {
    return this.logStore.entries;
  }

  get emails() {
    return this.emailStore.sent;
  }

  addFault(rule: FaultRule) {
    return this.faults.add(rule);
  }

  route(host: string, target: string) {
    this.http.route(host, target);
  }

  /** Every place a secret's value shows up in plain text: logs, email, records (should be none). */
  secretLeaks(): { secret: string; where: string }[] {
    const leaks: { secret: string; where: string }[] = [];
    for (const secret of this.secrets.all()) {
      if (secret.value.length < 4) continue;
      for (const log of this.logStore.entries) if (`${log.title} ${log.details}`.includes(secret.value)) leaks.push({ secret: secret.scriptId, where: `log ${log.invocationId} "${log.title}"` });
      for (const email of this.emailStore.sent) if (`${email.subject} ${email.body}`.includes(secret.value)) leaks.push({ secret: secret.scriptId, where: `email "${email.subject}"` });
      for (const type of this.store.types()) {
        for (const data of this.store.all(type)) if (JSON.stringify(data.fields).includes(secret.value)) leaks.push({ secret: secret.scriptId, where: `${type} ${data.id}` });
      }
    }
    return leaks;
  }

  /** HTTP handlers: RESTlets, Suitelets, SuiteQL REST and the control API under /sandbox/netsuite/. */
  handlers(): Handler[] {
    return netsuiteHandlers(this);
  }

  async close() {
    this.scheduler.stop();
    await this.http.close();
  }
}

export async function createNetSuiteAccount(options: NetSuiteAccountOptions = {}): Promise<NetSuiteAccount> {
  const sql = await loadSqlJs();
  return new NetSuiteAccount(options, sql);
}
