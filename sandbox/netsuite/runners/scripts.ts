/**
 * The account's scripts, read from Objects/ like an SDF deploy: each script record (type, file, its
 * parameters) and its deployments (status, record type and event of user events, execution context
 * filters, log level, recurrence of scheduled deployments, parameter values). Internal ids are
 * assigned in file order, as a deploy would. Several projects can be deployed side by side (the
 * bundle and the sandbox's own test scripts).
 */
import fs from 'fs';
import path from 'path';
import type { DeploymentDef, ScriptDef, SdfProject } from '../../../tools/sdf/objects';
import { loadSdfProject, unbracket } from '../../../tools/sdf/objects';
import type { LogLevel } from '../models/outbox';
import type { ScriptType } from '../governance';
import { errors } from '../errors';

export interface ProjectSource {
  /** SDF project root (holds Objects/). */
  root: string;
  /** File Cabinet root that `/SuiteScripts/...` paths resolve in; default `<root>/FileCabinet`. */
  fileCabinet?: string;
}

export interface Recurrence {
  /** Epoch ms of the first run. */
  start: number;
  /** Minutes between runs within a day (0: once a day). */
  repeatMinutes: number;
  everyDays: number;
  weekdaysOnly: boolean;
  single: boolean;
}

export interface DeploymentInfo {
  scriptid: string;
  internalId: number;
  status: string;
  isDeployed: boolean;
  logLevel: LogLevel;
  /** User events: the record type (lower case: salesorder, customrecord_x). */
  recordType?: string;
  /** User events: only this event, when set. */
  eventType?: string;
  /** User events: only these execution contexts, when set. */
  contexts?: string[];
  recurrence?: Recurrence;
  /** Script parameter values set on the deployment. */
  params: Record<string, string>;
  availableWithoutLogin: boolean;
  raw: Record<string, unknown>;
}

export interface ScriptInfo {
  def: ScriptDef;
  internalId: number;
  scriptType: ScriptType;
  /** Absolute path of the built file. */
  file: string;
  deployments: DeploymentInfo[];
}

const TYPE_OF_OBJECT: Record<string, ScriptType> = {
  usereventscript: 'USEREVENT',
  mapreducescript: 'MAPREDUCE',
  scheduledscript: 'SCHEDULED',
  restlet: 'RESTLET',
  suitelet: 'SUITELET',
};

function text(node: Record<string, unknown>, key: string): string | undefined {
  const v = node[key];
  return v === undefined || v === null || typeof v === 'object' ? undefined : String(v);
}

function parseRecurrence(raw: unknown): Recurrence | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, Record<string, unknown>>;
  const kind = (['daily', 'everyweekday', 'single'] as const).find((k) => r[k]);
  if (!kind) return undefined;
  const node = r[kind];
  const date = text(node, 'startdate') ?? '2026-01-01';
  const time = (text(node, 'starttime') ?? '00:00:00Z').replace(/Z$/, '');
  const start = Date.parse(`${date}T${time.length === 5 ? `${time}:00` : time}Z`);
  const repeat = text(node, 'repeat');
  const m = repeat ? /^PT(?:(\d+)H)?(?:(\d+)M)?$/.exec(repeat) : null;
  const repeatMinutes = m ? Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0) : 0;
  return { start, repeatMinutes, everyDays: Number(text(node, 'everyxdays') ?? 1) || 1, weekdaysOnly: kind === 'everyweekday', single: kind === 'single' };
}

function recordTypeOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  return unbracket(value).replace(/^scriptid=/, '').toLowerCase();
}

export class ScriptCatalog {
  readonly scripts: ScriptInfo[] = [];
  readonly project: SdfProject;

  constructor(sources: ProjectSource[]) {
    const projects = sources.map((s) => ({ source: s, project: loadSdfProject(s.root) }));
    this.project = {
      root: sources[0]?.root ?? '',
      scripts: projects.flatMap((p) => p.project.scripts),
      customRecords: projects.flatMap((p) => p.project.customRecords),
      customFields: projects.flatMap((p) => p.project.customFields),
      customLists: projects.flatMap((p) => p.project.customLists),
      objects: projects.flatMap((p) => p.project.objects),
    };
    let scriptSeq = 100;
    for (const { source, project } of projects) {
      const cabinet = source.fileCabinet ?? path.join(source.root, 'FileCabinet');
      for (const def of project.scripts) {
        let deploySeq = 0;
        this.scripts.push({
          def,
          internalId: ++scriptSeq,
          scriptType: TYPE_OF_OBJECT[def.objectType],
          file: path.join(cabinet, def.scriptfile),
          deployments: def.deployments.map((d) => this.deploymentInfo(d, def, ++deploySeq)),
        });
      }
    }
  }

  private deploymentInfo(d: DeploymentDef, script: ScriptDef, internalId: number): DeploymentInfo {
    const raw = d.raw;
    const params: Record<string, string> = {};
    for (const p of script.parameters) {
      const v = text(raw, p.scriptid);
      if (v !== undefined) params[p.scriptid] = v;
    }
    for (const key of Object.keys(raw)) {
      if (key.startsWith('custscript') && !script.parameters.some((p) => p.scriptid === key)) {
        throw errors.unknownId(`Deployment ${d.scriptid} sets ${key}, which is not a parameter of ${script.scriptid} in Objects/.`);
      }
    }
    const contexts = d.executioncontext ? d.executioncontext.split('|').map((c) => c.trim().toUpperCase()).filter(Boolean) : undefined;
    return {
      scriptid: d.scriptid,
      internalId,
      status: d.status ?? 'RELEASED',
      isDeployed: text(raw, 'isdeployed') !== 'F',
      logLevel: ((text(raw, 'loglevel') ?? 'DEBUG').toUpperCase() as LogLevel) || 'DEBUG',
      recordType: recordTypeOf(d.recordtype),
      eventType: d.eventtype ? d.eventtype.toLowerCase() : undefined,
      contexts: contexts && contexts.length ? contexts : undefined,
      recurrence: parseRecurrence(raw.recurrence),
      params,
      availableWithoutLogin: text(raw, 'isonline') === 'T',
      raw,
    };
  }

  script(idOrScriptId: string | number): ScriptInfo | undefined {
    const key = String(idOrScriptId).toLowerCase();
    return this.scripts.find((s) => s.def.scriptid === key || String(s.internalId) === key);
  }

  /** A deployment by its script id (customdeploy_…) or, with a script, its internal id. */
  deployment(deployId: string | number, script?: ScriptInfo): { script: ScriptInfo; deployment: DeploymentInfo } | undefined {
    const key = String(deployId).toLowerCase();
    for (const s of script ? [script] : this.scripts) {
      const d = s.deployments.find((x) => x.scriptid === key || (script && String(x.internalId) === key));
      if (d) return { script: s, deployment: d };
    }
    return undefined;
  }

  /** Released, deployed user event deployments for a record type. */
  userEvents(recordType: string): { script: ScriptInfo; deployment: DeploymentInfo }[] {
    const out: { script: ScriptInfo; deployment: DeploymentInfo }[] = [];
    for (const s of this.scripts) {
      if (s.scriptType !== 'USEREVENT' || s.def.raw.isinactive === 'T') continue;
      for (const d of s.deployments) {
        if (d.isDeployed && (d.status === 'RELEASED' || d.status === 'TESTING') && d.recordType === recordType) out.push({ script: s, deployment: d });
      }
    }
    return out;
  }

  source(script: ScriptInfo): { text: string; mtime: number } {
    if (!fs.existsSync(script.file)) {
      throw new Error(`${script.def.scriptid}: its file ${script.def.scriptfile} is not built (expected ${script.file}). Run npm run build.`);
    }
    return { text: fs.readFileSync(script.file, 'utf8'), mtime: fs.statSync(script.file).mtimeMs };
  }
}
