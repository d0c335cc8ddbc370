/**
 * The smaller N/ modules: runtime (parameters, remaining usage, execution context, account), log
 * (captured at or above the deployment's log level, titles cut at 99 characters and details at 3,999
 * as NetSuite does), email (captured; 20 units), cache (TTL on the account clock; 1 unit on a hit,
 * 2 on a miss), error, format and url.
 */
import { errors, SuiteScriptError } from '../errors';
import { UNIT_COSTS } from '../governance';
import { LOG_LEVELS, type LogLevel } from '../models/outbox';
import type { Execution } from '../runners/execution';
import { formatDate, formatDateTime, isDateLike, parseDateText } from '../records/values';
import { withPromises } from './record';

export const ContextType = {
  ACTION: 'ACTION',
  CSV_IMPORT: 'CSVIMPORT',
  CUSTOM_MASSUPDATE: 'CUSTOMMASSUPDATE',
  MAP_REDUCE: 'MAPREDUCE',
  RESTLET: 'RESTLET',
  REST_WEBSERVICES: 'RESTWEBSERVICES',
  SCHEDULED: 'SCHEDULED',
  SUITELET: 'SUITELET',
  USEREVENT: 'USEREVENT',
  USER_INTERFACE: 'USERINTERFACE',
  WEBSERVICES: 'WEBSERVICES',
  WORKFLOW: 'WORKFLOW',
};

export function runtimeModule(exec: Execution) {
  const { core } = exec;
  const script = {
    get id() {
      return exec.script.def.scriptid;
    },
    get deploymentId() {
      return exec.deployment.scriptid;
    },
    get logLevel() {
      return exec.deployment.logLevel;
    },
    get apiVersion() {
      return '2.1';
    },
    get bundleIds() {
      return [] as string[];
    },
    get percentComplete() {
      return 0;
    },
    getRemainingUsage() {
      return exec.meter.remaining();
    },
    getParameter(options: unknown) {
      const name = typeof options === 'string' ? options : String((options as Record<string, unknown>)?.name ?? '');
      if (!name) throw errors.missingArgument('Script.getParameter', 'name');
      if (!(name in exec.params)) {
        if (/^custscript/.test(name)) throw errors.unknownId(`Script parameter ${name} is not defined on ${exec.script.def.scriptid} in Objects/.`);
        return null;
      }
      return exec.params[name];
    },
  };
  const user = {
    id: -5,
    name: 'Sandbox Administrator',
    email: 'admin@sandbox.invalid',
    role: 3,
    roleId: 'administrator',
    roleCenter: 'BASIC',
    subsidiary: 1,
    department: 0,
    location: 0,
    contact: 0,
    getPreference(options: unknown) {
      const name = String((options as Record<string, unknown>)?.name ?? options ?? '').toUpperCase();
      if (name === 'DATEFORMAT') return 'M/D/YYYY';
      if (name === 'TIMEZONE') return 'Etc/UTC';
      return null;
    },
    getPermission() {
      return 4;
    },
  };
  const session = new Map<string, string>();
  return {
    ContextType,
    EnvType: { SANDBOX: 'SANDBOX', PRODUCTION: 'PRODUCTION', BETA: 'BETA', INTERNAL: 'INTERNAL' },
    Permission: { NONE: 0, VIEW: 1, CREATE: 2, EDIT: 3, FULL: 4 },
    get executionContext() {
      return exec.session.executionContext;
    },
    get accountId() {
      return core.accountId;
    },
    get envType() {
      return 'SANDBOX';
    },
    get version() {
      return '2026.2';
    },
    get queueCount() {
      return 1;
    },
    get processorCount() {
      return 1;
    },
    getCurrentScript: () => script,
    getCurrentUser: () => user,
    getCurrentSession: () => ({
      get: (o: unknown) => session.get(String((o as Record<string, unknown>)?.name ?? '')) ?? null,
      set: (o: unknown) => void session.set(String((o as Record<string, unknown>)?.name ?? ''), String((o as Record<string, unknown>)?.value ?? '')),
    }),
    isFeatureInEffect: (options: unknown) => {
      const feature = String((options as Record<string, unknown>)?.feature ?? options ?? '').toUpperCase();
      return ['SERVERSIDESCRIPTING', 'CUSTOMRECORDS', 'RESTLETS', 'SUBSIDIARIES', 'MULTILOCINVT', 'MULTICURRENCY', 'CRM', 'ADVANCEDPRINTING'].includes(feature);
    },
  };
}

function detailsText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (isDateLike(value)) return (value as Date).toString();
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export function logModule(exec: Execution) {
  const { core } = exec;
  const threshold = LOG_LEVELS.indexOf(exec.deployment.logLevel);
  const write = (level: LogLevel) => (titleOrOptions: unknown, details?: unknown) => {
    let title: unknown = titleOrOptions;
    let d: unknown = details;
    if (titleOrOptions && typeof titleOrOptions === 'object' && ('title' in (titleOrOptions as object) || 'details' in (titleOrOptions as object)) && details === undefined) {
      title = (titleOrOptions as Record<string, unknown>).title;
      d = (titleOrOptions as Record<string, unknown>).details;
    }
    if (LOG_LEVELS.indexOf(level) < threshold) return;
    core.logs.add({
      at: core.clock.now(),
      level,
      title: detailsText(title).slice(0, 99),
      details: detailsText(d).slice(0, 3999),
      scriptId: exec.script.def.scriptid,
      deploymentId: exec.deployment.scriptid,
      invocationId: exec.meter.record.id,
    });
  };
  return { debug: write('DEBUG'), audit: write('AUDIT'), error: write('ERROR'), emergency: write('EMERGENCY') };
}

function addresses(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'object' && typeof (value as ArrayLike<unknown>).length === 'number') return Array.from(value as ArrayLike<unknown>).map(String);
  return [String(value)];
}

export function emailModule(exec: Execution) {
  const { core } = exec;
  const send = (api: 'send' | 'sendBulk') => (options: unknown) => {
    const o = (options ?? {}) as Record<string, unknown>;
    for (const key of ['author', 'recipients', 'subject', 'body']) {
      if (o[key] === undefined || o[key] === null || o[key] === '') throw errors.missingArgument(`email.${api}`, key);
    }
    const recipients = addresses(o.recipients);
    if (recipients.length > 10) throw new SuiteScriptError('SSS_MAXIMUM_NUMBER_RECIPIENTS_EXCEEDED', 'You cannot send an email to more than 10 recipients.');
    exec.meter.charge(`email.${api}`, UNIT_COSTS.email[api]);
    core.emails.add({
      at: core.clock.now(),
      author: String(o.author),
      recipients,
      cc: addresses(o.cc),
      bcc: addresses(o.bcc),
      subject: String(o.subject),
      body: String(o.body),
      replyTo: o.replyTo === undefined ? undefined : String(o.replyTo),
      relatedRecords: o.relatedRecords === undefined ? undefined : JSON.parse(JSON.stringify(o.relatedRecords)),
      scriptId: exec.script.def.scriptid,
    });
  };
  return withPromises({ send: send('send'), sendBulk: send('sendBulk') });
}

export function cacheModule(exec: Execution) {
  const { core } = exec;
  const scoped = (name: string, scope: string) => (scope === 'PUBLIC' ? `public:${name}` : `${scope}:${exec.script.def.scriptid}:${name}`);
  return {
    Scope: { PRIVATE: 'PRIVATE', PROTECTED: 'PROTECTED', PUBLIC: 'PUBLIC' },
    getCache(options: unknown) {
      const o = (options ?? {}) as Record<string, unknown>;
      const name = String(o.name ?? '');
      if (!name) throw errors.missingArgument('cache.getCache', 'name');
      if (name.length > 1024) throw errors.invalidCacheName();
      const scope = String(o.scope ?? 'PRIVATE');
      const key = scoped(name, scope);
      return {
        name,
        scope,
        get(getOptions: unknown) {
          const g = (getOptions ?? {}) as Record<string, unknown>;
          const k = String(g.key ?? '');
          if (!k) throw errors.missingArgument('Cache.get', 'key');
          const hit = core.cache.get(key, k);
          if (hit !== undefined) {
            exec.meter.charge('Cache.get', UNIT_COSTS.cache.hit);
            return hit;
          }
          exec.meter.charge('Cache.get', UNIT_COSTS.cache.miss);
          if (typeof g.loader !== 'function') return null;
          const loaded = (g.loader as (o: unknown) => unknown)(exec.realm.import({ key: k }));
          if (loaded === null || loaded === undefined) return null;
          const value = typeof loaded === 'string' ? loaded : JSON.stringify(loaded);
          core.cache.put(key, k, value, Math.max(300, Number(g.ttl ?? 86400)));
          return value;
        },
        put(putOptions: unknown) {
          const p = (putOptions ?? {}) as Record<string, unknown>;
          const k = String(p.key ?? '');
          if (!k) throw errors.missingArgument('Cache.put', 'key');
          exec.meter.charge('Cache.put', UNIT_COSTS.cache.put);
          core.cache.put(key, k, typeof p.value === 'string' ? p.value : JSON.stringify(p.value), Math.max(300, Number(p.ttl ?? 86400)));
        },
        remove(removeOptions: unknown) {
          const r = (removeOptions ?? {}) as Record<string, unknown>;
          exec.meter.charge('Cache.remove', UNIT_COSTS.cache.remove);
          core.cache.remove(key, String(r.key ?? ''));
        },
      };
    },
  };
}

export function errorModule(exec: Execution) {
  return {
    Type: {},
    create(options: unknown) {
      const o = (options ?? {}) as Record<string, unknown>;
      if (!o.name) throw errors.missingArgument('error.create', 'name');
      if (o.message === undefined) throw errors.missingArgument('error.create', 'message');
      return exec.realm.makeError({ name: String(o.name), message: String(o.message), notifyOff: o.notifyOff === true });
    },
  };
}

export const FormatType = {
  DATE: 'date',
  DATETIME: 'datetime',
  DATETIMETZ: 'datetimetz',
  TIMEOFDAY: 'timeofday',
  CURRENCY: 'currency',
  CURRENCY2: 'currency2',
  FLOAT: 'float',
  INTEGER: 'integer',
  PERCENT: 'percent',
  TEXT: 'text',
  CHECKBOX: 'checkbox',
};

export function formatModule() {
  return {
    Type: FormatType,
    Timezone: { AMERICA_LOS_ANGELES: 'America/Los_Angeles', ETC_UTC: 'Etc/UTC', EUROPE_LONDON: 'Europe/London', AMERICA_NEW_YORK: 'America/New_York' },
    format(options: unknown) {
      const o = (options ?? {}) as Record<string, unknown>;
      const type = String(o.type ?? '').toLowerCase();
      const v = o.value;
      if (v === undefined || v === null) throw errors.missingArgument('format.format', 'value');
      if ((type === 'date' || type === 'datetime' || type === 'datetimetz') && isDateLike(v)) {
        return type === 'date' ? formatDate(v as Date) : formatDateTime(v as Date);
      }
      if (type === 'currency' || type === 'currency2') return Number(v).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
      if (type === 'percent') return `${Number(v).toFixed(2)}%`;
      return String(v);
    },
    parse(options: unknown) {
      const o = (options ?? {}) as Record<string, unknown>;
      const type = String(o.type ?? '').toLowerCase();
      const v = o.value;
      if (v === undefined || v === null) throw errors.missingArgument('format.parse', 'value');
      if (type === 'date' || type === 'datetime' || type === 'datetimetz') return parseDateText(String(v)) ?? v;
      if (['currency', 'currency2', 'float', 'percent'].includes(type)) {
        const n = Number(String(v).replace(/[,%]/g, ''));
        return Number.isFinite(n) ? n : v;
      }
      if (type === 'integer') {
        const n = parseInt(String(v).replace(/,/g, ''), 10);
        return Number.isFinite(n) ? n : v;
      }
      return v;
    },
  };
}

const TRANSACTION_URL: Record<string, string> = {
  salesorder: 'salesord',
  invoice: 'custinvc',
  itemfulfillment: 'itemship',
  customerpayment: 'custpymt',
  creditmemo: 'custcred',
  returnauthorization: 'rtnauth',
  cashrefund: 'cashrfnd',
  itemreceipt: 'itemrcpt',
  inventoryadjustment: 'invadjst',
  customerdeposit: 'custdep',
};

export function urlModule(exec: Execution) {
  const { core } = exec;
  const account = core.accountId.toLowerCase().replace(/_/g, '-');
  const query = (params: unknown) =>
    params && typeof params === 'object' ? Object.entries(params as Record<string, unknown>).map(([k, v]) => `&${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('') : '';
  return {
    HostType: { APPLICATION: 'APPLICATION', CUSTOMER_CENTER: 'CUSTOMERCENTER', RESTLET: 'RESTLETS', SUITETALK: 'SUITETALK', FORM: 'FORMS' },
    resolveDomain(options: unknown) {
      const hostType = String((options as Record<string, unknown>)?.hostType ?? 'APPLICATION');
      const sub = { APPLICATION: 'app', CUSTOMERCENTER: 'app', RESTLETS: 'restlets.api', SUITETALK: 'suitetalk.api', FORMS: 'extforms' }[hostType] ?? 'app';
      return `${account}.${sub}.netsuite.com`;
    },
    resolveScript(options: unknown) {
      const o = (options ?? {}) as Record<string, unknown>;
      if (!o.scriptId) throw errors.missingArgument('url.resolveScript', 'scriptId');
      if (!o.deploymentId) throw errors.missingArgument('url.resolveScript', 'deploymentId');
      const script = core.catalog.script(String(o.scriptId));
      const found = script ? core.catalog.deployment(String(o.deploymentId), script) : undefined;
      if (!script || !found) throw errors.invalidScriptId(String(o.scriptId));
      const isRestlet = script.scriptType === 'RESTLET';
      const pathName = isRestlet ? '/app/site/hosting/restlet.nl' : '/app/site/hosting/scriptlet.nl';
      const relative = `${pathName}?script=${script.internalId}&deploy=${found.deployment.internalId}${query(o.params)}`;
      if (!o.returnExternalUrl) return relative;
      return `https://${account}.${isRestlet ? 'restlets.api' : 'extforms'}.netsuite.com${relative}`;
    },
    resolveRecord(options: unknown) {
      const o = (options ?? {}) as Record<string, unknown>;
      const type = String(o.recordType ?? '').toLowerCase();
      if (!type) throw errors.missingArgument('url.resolveRecord', 'recordType');
      const id = o.recordId === undefined ? '' : `id=${o.recordId}`;
      const edit = o.isEditMode ? '&e=T' : '';
      if (TRANSACTION_URL[type]) return `/app/accounting/transactions/${TRANSACTION_URL[type]}.nl?${id}${edit}`;
      if (type.startsWith('customrecord')) return `/app/common/custom/custrecordentry.nl?rectype=${type}&${id}${edit}`;
      if (type === 'customer') return `/app/common/entity/custjob.nl?${id}${edit}`;
      if (type === 'contact') return `/app/common/entity/contact.nl?${id}${edit}`;
      if (type.endsWith('item')) return `/app/common/item/item.nl?${id}${edit}`;
      return `/app/common/record/${type}.nl?${id}${edit}`;
    },
    format(options: unknown) {
      const o = (options ?? {}) as Record<string, unknown>;
      const q = query(o.params);
      return `${String(o.domain ?? '')}${q ? `?${q.slice(1)}` : ''}`;
    },
  };
}

/** The `util` global of server scripts. */
export function utilGlobal() {
  return {
    isArray: (v: unknown) => Array.isArray(v),
    isObject: (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v),
    isString: (v: unknown) => typeof v === 'string',
    isNumber: (v: unknown) => typeof v === 'number',
    isBoolean: (v: unknown) => typeof v === 'boolean',
    isFunction: (v: unknown) => typeof v === 'function',
    isDate: (v: unknown) => isDateLike(v),
    isRegExp: (v: unknown) => Object.prototype.toString.call(v) === '[object RegExp]',
    each: (iterable: unknown, callback: (v: unknown, k: unknown) => unknown) => {
      if (Array.isArray(iterable)) iterable.forEach((v, i) => callback(v, i));
      else if (iterable && typeof iterable === 'object') for (const [k, v] of Object.entries(iterable)) callback(v, k);
      return iterable;
    },
    extend: (target: Record<string, unknown>, source: Record<string, unknown>) => Object.assign(target, source),
    nanoTime: () => Date.now() * 1e6,
  };
}
