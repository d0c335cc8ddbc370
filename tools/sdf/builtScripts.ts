/**
 * Reads built SuiteScript files the way NetSuite does: the JSDoc header first, then one AMD
 * `define(deps, factory)` whose factory returns the entry points. Loading runs in a bare
 * ECMAScript context (no `require`, `process`, `Buffer`, `fetch`, timers), as on NetSuite's Graal.
 */
import fs from 'fs';
import vm from 'vm';

export interface ScriptHeader {
  apiVersion?: string;
  scriptType?: string;
  moduleScope?: string;
}

/** Entry points NetSuite calls, per `@NScriptType`; `required` lists alternatives of which one must exist. */
export const ENTRY_POINTS: Record<string, { allowed: string[]; required: string[][] }> = {
  UserEventScript: { allowed: ['beforeLoad', 'beforeSubmit', 'afterSubmit'], required: [['beforeLoad', 'beforeSubmit', 'afterSubmit']] },
  MapReduceScript: {
    allowed: ['getInputData', 'map', 'reduce', 'summarize', 'config'],
    required: [['getInputData'], ['map', 'reduce']],
  },
  ScheduledScript: { allowed: ['execute'], required: [['execute']] },
  Restlet: { allowed: ['get', 'post', 'put', 'delete'], required: [['get', 'post', 'put', 'delete']] },
  Suitelet: { allowed: ['onRequest'], required: [['onRequest']] },
};

/** The first comment of the file, only if the file starts with it (no BOM, no blank line). */
export function readHeader(source: string): ScriptHeader | undefined {
  if (!source.startsWith('/**')) return undefined;
  const end = source.indexOf('*/');
  if (end < 0) return undefined;
  const block = source.slice(0, end);
  const tag = (name: string) => block.match(new RegExp(`@${name}\\s+([A-Za-z0-9.]+)`))?.[1];
  return { apiVersion: tag('NApiVersion'), scriptType: tag('NScriptType'), moduleScope: tag('NModuleScope') };
}

export interface AmdModule {
  dependencies: string[];
  /** What the factory returned (or what it wrote to `exports`). */
  exports: Record<string, unknown>;
}

/**
 * Evaluates an AMD file with `resolve(dep)` supplying each dependency. Throws when the file does not
 * call define exactly once or its top level needs anything but plain ECMAScript.
 */
export function loadAmd(source: string, filename: string, resolve: (dependency: string) => unknown): AmdModule {
  const calls: AmdModule[] = [];
  const define = (...args: unknown[]) => {
    const factory = args[args.length - 1];
    const deps = (args.length > 1 ? args[args.length - 2] : []) as string[];
    if (typeof args[0] === 'string') throw new Error(`${filename}: named define("${args[0]}") is not allowed in a script file`);
    if (!Array.isArray(deps)) throw new Error(`${filename}: define() dependencies must be an array`);
    const exportsObject: Record<string, unknown> = {};
    const values = deps.map((d) => (d === 'exports' ? exportsObject : d === 'require' ? undefined : resolve(d)));
    const returned = typeof factory === 'function' ? factory(...values) : factory;
    calls.push({ dependencies: deps, exports: (returned ?? exportsObject) as Record<string, unknown> });
  };
  const context = vm.createContext({ define, log: {}, util: {} });
  vm.runInContext(source, context, { filename, timeout: 5000 });
  if (calls.length !== 1) throw new Error(`${filename}: expected exactly one define() call, found ${calls.length}`);
  return calls[0];
}

export function loadAmdFile(file: string, resolve: (dependency: string) => unknown): AmdModule {
  return loadAmd(fs.readFileSync(file, 'utf8'), file, resolve);
}

/** A stand-in for any N/ module: every property is a callable, itself a stand-in. */
export function inertModule(): unknown {
  const handler: ProxyHandler<() => void> = {
    get: (_t, key) => (key === Symbol.toPrimitive ? () => '' : inert),
    apply: () => inert,
    construct: () => inert as object,
  };
  const inert: unknown = new Proxy(function () {}, handler);
  return inert;
}
