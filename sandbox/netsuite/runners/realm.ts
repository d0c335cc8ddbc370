/**
 * A script's world: a bare ECMAScript vm context (no require, process, Buffer, timers or fetch, as on
 * NetSuite's Graal engine) and the bridge between it and the account. Everything a script receives
 * is made in its own realm (its Dates are its Date, its errors SuiteScriptError objects shaped as
 * NetSuite's: `{type: 'error.SuiteScriptError', name, message, stack[], cause, id, notifyOff,
 * userFacing}`), so `instanceof Date` and JSON.stringify(error) behave as they do on NetSuite.
 * Account objects (records, tasks, keys …) reach scripts as proxies whose methods convert arguments
 * and results at the boundary.
 */
import vm from 'vm';
import { asSuiteScriptError, serializeError } from '../errors';

const BOOTSTRAP = `(function (now) {
  // The script's clock is the account's: new Date(), Date.now() and Date() read it.
  var RealDate = Date;
  function VirtualDate() {
    if (!new.target) return new RealDate(now()).toString();
    var args = arguments.length === 0 ? [now()] : Array.prototype.slice.call(arguments);
    return Reflect.construct(RealDate, args, new.target);
  }
  VirtualDate.prototype = RealDate.prototype;
  Object.defineProperty(RealDate.prototype, 'constructor', { value: VirtualDate, writable: true, configurable: true });
  VirtualDate.now = function () { return now(); };
  VirtualDate.UTC = RealDate.UTC;
  VirtualDate.parse = RealDate.parse;
  Object.defineProperty(VirtualDate, 'name', { value: 'Date' });
  Date = VirtualDate;
  function SuiteScriptError(p) {
    this.type = p.type; this.name = p.name; this.message = p.message; this.stack = p.stack;
    this.cause = p.cause; this.id = p.id; this.notifyOff = p.notifyOff; this.userFacing = p.userFacing;
  }
  SuiteScriptError.prototype.toString = function () { return JSON.stringify(this); };
  return {
    makeError: function (p) { return new SuiteScriptError(p); },
    isError: function (e) { return e instanceof SuiteScriptError || e instanceof Error; },
    wrap: function (f, props) {
      var g = function () { return f.apply(this, arguments); };
      for (var k in props) g[k] = props[k];
      return g;
    },
    Date: VirtualDate, JSON: JSON, Promise: Promise, Object: Object, Array: Array, Error: Error,
  };
})`;

interface RealmHelpers {
  makeError(p: unknown): object;
  isError(e: unknown): boolean;
  wrap(f: (...args: unknown[]) => unknown, props: Record<string, unknown>): (...args: unknown[]) => unknown;
  Date: DateConstructor;
  JSON: JSON;
  Promise: PromiseConstructor;
  Object: ObjectConstructor;
  Array: ArrayConstructor;
  Error: ErrorConstructor;
}

const compiled = new Map<string, { mtime: number; script: vm.Script }>();

/** A compiled script, cached per file and modification time. */
export function compileScript(source: string, file: string, mtime: number, cabinetPath = file): vm.Script {
  const cached = compiled.get(file);
  if (cached && cached.mtime === mtime) return cached.script;
  // Stack traces name the File Cabinet path, as NetSuite's do.
  const script = new vm.Script(source, { filename: cabinetPath });
  compiled.set(file, { mtime, script });
  return script;
}

export class ScriptRealm {
  readonly context: vm.Context;
  private readonly helpers: RealmHelpers;
  private readonly proxies = new WeakMap<object, object>();
  private readonly targets = new WeakMap<object, object>();
  /** Called on every call the script makes into the account (an N/ module method, a record's method …). */
  onAccountCall: (() => void) | undefined;

  constructor(now: () => number = Date.now, globals: Record<string, unknown> = {}) {
    this.context = vm.createContext({});
    this.helpers = (vm.runInContext(BOOTSTRAP, this.context) as (now: () => number) => RealmHelpers)(now);
    for (const [k, v] of Object.entries(globals)) this.context[k] = this.import(v);
  }

  get JSON(): JSON {
    return this.helpers.JSON;
  }

  setGlobal(name: string, value: unknown) {
    this.context[name] = value;
  }

  run(script: vm.Script) {
    script.runInContext(this.context, { timeout: 30000 });
  }

  /** Is this a value the script made (or we already handed it)? */
  private isNative(value: object): boolean {
    if (this.targets.has(value)) return true;
    const proto = Object.getPrototypeOf(value);
    return (
      proto === this.helpers.Object.prototype ||
      proto === this.helpers.Array.prototype ||
      value instanceof this.helpers.Date ||
      this.helpers.isError(value) ||
      typeof value === 'function'
    );
  }

  /** Turns an account-side value into one of the script's realm. */
  import(value: unknown): unknown {
    if (value === null || value === undefined) return value;
    const t = typeof value;
    if (t !== 'object' && t !== 'function') return value;
    const obj = value as object;
    if (t === 'function') return this.fn(obj as (...args: unknown[]) => unknown);
    if (Object.prototype.toString.call(obj) === '[object Date]') return new this.helpers.Date((obj as Date).getTime());
    if (obj instanceof Promise) {
      return new this.helpers.Promise((resolve, reject) => {
        obj.then(
          (v) => resolve(this.import(v)),
          (e) => reject(this.error(e)),
        );
      });
    }
    if (Array.isArray(obj)) {
      if (Object.getPrototypeOf(obj) === this.helpers.Array.prototype) return obj;
      const arr = new this.helpers.Array();
      for (const v of obj) arr.push(this.import(v));
      return arr;
    }
    if (this.isNative(obj) && Object.getPrototypeOf(obj) !== Object.prototype) return obj;
    const proto = Object.getPrototypeOf(obj);
    if (proto === Object.prototype || proto === null) {
      const out = this.helpers.Object.create(this.helpers.Object.prototype) as Record<string, unknown>;
      for (const [k, v] of Object.entries(obj)) out[k] = this.import(v);
      return out;
    }
    return this.expose(obj);
  }

  /** Parses JSON into realm values. */
  parse(text: string): unknown {
    return this.helpers.JSON.parse(text);
  }

  /** A proxy through which the script uses an account object. */
  expose(instance: object): object {
    const existing = this.proxies.get(instance);
    if (existing) return existing;
    const methods = new Map<PropertyKey, unknown>();
    const target = this.helpers.Object.create(this.helpers.Object.prototype) as object;
    const keys = () => {
      const own = new Set<string>(Object.keys(instance));
      for (let p = Object.getPrototypeOf(instance); p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
        for (const k of Object.getOwnPropertyNames(p)) if (k !== 'constructor' && !k.startsWith('_')) own.add(k);
      }
      return [...own];
    };
    const proxy: object = new Proxy(target, {
      get: (_t, key) => {
        if (typeof key === 'symbol') return undefined;
        const v = (instance as Record<string, unknown>)[key];
        if (typeof v === 'function') {
          if (!methods.has(key)) methods.set(key, this.fn((v as (...args: unknown[]) => unknown).bind(instance)));
          return methods.get(key);
        }
        return this.import(v);
      },
      set: (_t, key, value) => {
        if (typeof key === 'symbol') return false;
        (instance as Record<string, unknown>)[key] = this.unwrap(value);
        return true;
      },
      has: (_t, key) => typeof key === 'string' && key in instance,
      ownKeys: () => keys().filter((k) => typeof (instance as Record<string, unknown>)[k] !== 'function'),
      getOwnPropertyDescriptor: (_t, key): PropertyDescriptor | undefined => {
        if (typeof key === 'symbol' || !(key in instance)) return undefined;
        return { value: (proxy as Record<string, unknown>)[key], enumerable: typeof (instance as Record<string, unknown>)[key] !== 'function', configurable: true, writable: true };
      },
    });
    this.proxies.set(instance, proxy);
    this.targets.set(proxy, instance);
    return proxy;
  }

  /** The account object behind a proxy the script passed back, or the value itself. */
  unwrap<T = unknown>(value: unknown): T {
    if (value && typeof value === 'object' && this.targets.has(value)) return this.targets.get(value) as T;
    return value as T;
  }

  /** A realm function calling an account function; account errors become SuiteScriptErrors. */
  fn(f: (...args: unknown[]) => unknown, props: Record<string, unknown> = {}): (...args: unknown[]) => unknown {
    const extra: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(f)) extra[k] = this.import(v);
    for (const [k, v] of Object.entries(props)) extra[k] = this.import(v);
    return this.helpers.wrap((...args: unknown[]) => {
      this.onAccountCall?.();
      try {
        return this.import(f(...args));
      } catch (e) {
        throw this.error(e);
      }
    }, extra);
  }

  /** The error as the script sees it: its own errors unchanged, account errors as SuiteScriptErrors. */
  error(e: unknown): unknown {
    if (e && typeof e === 'object' && this.helpers.isError(e)) return e;
    const s = serializeError(asSuiteScriptError(e));
    return this.helpers.makeError(this.import(s));
  }

  /** A SuiteScriptError created in this realm (N/error create). */
  makeError(props: { name: string; message: string; id?: string; notifyOff?: boolean }): object {
    return this.helpers.makeError(this.import(serializeError({ ...props, stack: [`createError(N/error)`] })));
  }
}
