/**
 * Governance: what each API call costs in usage units, what each script type (and each map/reduce
 * stage, per invocation) may spend, and a meter per invocation that throws SSS_USAGE_LIMIT_EXCEEDED
 * when a call would go past the limit. Every invocation is logged with its units and calls, for tests
 * and the benchmark. Figures from ../shared/reference/netsuite-suitescript.md §1 (Oracle's stubs:
 * email.send and task submit cost 20).
 */
import { errors } from './errors';

export type ScriptType = 'USEREVENT' | 'SCHEDULED' | 'MAPREDUCE' | 'RESTLET' | 'SUITELET';
export type MapReduceStage = 'getInputData' | 'map' | 'reduce' | 'summarize';

export const USAGE_LIMITS: Record<Exclude<ScriptType, 'MAPREDUCE'>, number> & { MAPREDUCE: Record<MapReduceStage, number> } = {
  USEREVENT: 1000,
  SUITELET: 1000,
  RESTLET: 5000,
  SCHEDULED: 10000,
  MAPREDUCE: { getInputData: 10000, map: 1000, reduce: 5000, summarize: 10000 },
};

export function limitFor(scriptType: ScriptType, stage?: MapReduceStage): number {
  if (scriptType === 'MAPREDUCE') return USAGE_LIMITS.MAPREDUCE[stage ?? 'map'];
  return USAGE_LIMITS[scriptType];
}

export type RecordCostClass = 'transaction' | 'customrecord' | 'other';

/** Units per call, by API; record operations depend on the record family. */
export const UNIT_COSTS = {
  record: {
    /** create, load, copy, transform, submitFields */
    read: { transaction: 10, customrecord: 2, other: 5 },
    /** Record.save, record.delete */
    write: { transaction: 20, customrecord: 4, other: 10 },
    attach: 10,
  },
  query: { runSuiteQL: 10, runSuiteQLPaged: 10, fetchPage: 10 },
  https: 10,
  email: { send: 20, sendBulk: 10 },
  task: { submit: 20, checkStatus: 0 },
  cache: { hit: 1, miss: 2, put: 1, remove: 1 },
} as const;

export interface CallCount {
  count: number;
  units: number;
}

export interface InvocationRecord {
  id: string;
  scriptId: string;
  deploymentId: string;
  scriptType: ScriptType;
  stage?: MapReduceStage;
  /** The map/reduce key, or the record type and event of a user event. */
  key?: string;
  executionContext: string;
  limit: number;
  used: number;
  calls: Record<string, CallCount>;
  startedAt: number;
  endedAt?: number;
  /** NetSuite error name, when the invocation ended with an error. */
  error?: string;
  /** The invocation whose save triggered this one (user events). */
  parentId?: string;
}

export class Meter {
  constructor(readonly record: InvocationRecord) {}

  get used(): number {
    return this.record.used;
  }

  remaining(): number {
    return Math.max(0, this.record.limit - this.record.used);
  }

  /** Charges a call; throws SSS_USAGE_LIMIT_EXCEEDED (and charges nothing) if it would go over. */
  charge(api: string, units: number) {
    if (this.record.used + units > this.record.limit) throw errors.usageLimitExceeded();
    this.record.used += units;
    const c = (this.record.calls[api] ??= { count: 0, units: 0 });
    c.count += 1;
    c.units += units;
  }
}

export interface UsageQuery {
  scriptId?: string;
  deploymentId?: string;
  stage?: MapReduceStage;
  scriptType?: ScriptType;
  since?: number;
}

export class GovernanceLog {
  readonly invocations: InvocationRecord[] = [];
  private seq = 0;

  start(fields: Omit<InvocationRecord, 'id' | 'used' | 'calls'>): Meter {
    const record: InvocationRecord = { ...fields, id: `inv-${++this.seq}`, used: 0, calls: {} };
    this.invocations.push(record);
    return new Meter(record);
  }

  /** Forgets an invocation that never ran (a user event without the entry point for this stage). */
  discard(id: string) {
    const i = this.invocations.findIndex((r) => r.id === id);
    if (i >= 0) this.invocations.splice(i, 1);
  }

  select(q: UsageQuery = {}): InvocationRecord[] {
    return this.invocations.filter(
      (i) =>
        (!q.scriptId || i.scriptId === q.scriptId) &&
        (!q.deploymentId || i.deploymentId === q.deploymentId) &&
        (!q.stage || i.stage === q.stage) &&
        (!q.scriptType || i.scriptType === q.scriptType) &&
        (q.since === undefined || i.startedAt >= q.since),
    );
  }

  /** Total units of the matching invocations. */
  units(q: UsageQuery = {}): number {
    return this.select(q).reduce((s, i) => s + i.used, 0);
  }

  /** An invocation and every invocation it triggered (user events of its saves), summed. */
  unitsWithChildren(id: string): number {
    const children = this.invocations.filter((i) => i.parentId === id);
    const self = this.invocations.find((i) => i.id === id)?.used ?? 0;
    return self + children.reduce((s, c) => s + this.unitsWithChildren(c.id), 0);
  }

  clear() {
    this.invocations.length = 0;
  }
}
