/**
 * NetSuite-side faults, as declarative rules (moto/LocalStack style): a save that fails, usage that is
 * exhausted, a map/reduce interrupted by an application-server restart, an outbound request that
 * times out, another invocation that commits first. Each rule fires `times` times (default once), then retires; rules are listed and cleared
 * through the account and the control API.
 */
import { SuiteScriptError } from './errors';
import type { MapReduceStage } from './governance';

export type FaultRule =
  | {
      kind: 'saveFails';
      recordType?: string;
      operation?: 'create' | 'edit' | 'delete';
      executionContext?: string;
      /** The error the save throws; default UNEXPECTED_ERROR. */
      error?: { name: string; message: string };
      times?: number;
    }
  | {
      kind: 'usageExhausted';
      scriptId?: string;
      deploymentId?: string;
      stage?: MapReduceStage;
      /** Units left at the start of the invocation (default 0: the first metered call fails). */
      remaining?: number;
      times?: number;
    }
  | {
      kind: 'mapReduceRestart';
      scriptId?: string;
      deploymentId?: string;
      stage: MapReduceStage;
      /** Keys of the stage completed before the restart hits (default 0). */
      afterKeys?: number;
      times?: number;
    }
  | {
      /**
       * Another invocation finishes first: before the matching save commits, the given deployment
       * (a map/reduce or scheduled script) runs to completion, as a parallel run that read, wrote and
       * committed while this one was between its reads and its save would. NetSuite runs deployments
       * in parallel; the sandbox runs one invocation at a time, and this plays out the interleaving.
       */
      kind: 'concurrentRun';
      recordType?: string;
      operation?: 'create' | 'edit' | 'delete';
      executionContext?: string;
      deploymentId: string;
      times?: number;
    }
  | {
      kind: 'httpTimeout';
      /** Host name (as the script wrote it) whose requests time out. */
      host?: string;
      times?: number;
    };

export interface ActiveFault {
  id: number;
  rule: FaultRule;
  remaining: number;
  fired: number;
}

export class FaultRules {
  private readonly rules: ActiveFault[] = [];
  private seq = 0;

  add(rule: FaultRule): ActiveFault {
    const active = { id: ++this.seq, rule, remaining: rule.times ?? 1, fired: 0 };
    this.rules.push(active);
    return active;
  }

  list(): ActiveFault[] {
    return [...this.rules];
  }

  clear() {
    this.rules.length = 0;
  }

  /** The first live rule of this kind the predicate accepts; it is consumed. */
  take<K extends FaultRule['kind']>(kind: K, matches: (rule: Extract<FaultRule, { kind: K }>) => boolean): Extract<FaultRule, { kind: K }> | undefined {
    const active = this.rules.find((r) => r.rule.kind === kind && r.remaining > 0 && matches(r.rule as Extract<FaultRule, { kind: K }>));
    if (!active) return undefined;
    active.remaining -= 1;
    active.fired += 1;
    if (active.remaining <= 0) this.rules.splice(this.rules.indexOf(active), 1);
    return active.rule as Extract<FaultRule, { kind: K }>;
  }

  /** The deployment a concurrentRun rule runs before this save, if one matches (it is consumed). */
  concurrentRunBefore(event: { recordType: string; operation: 'create' | 'edit' | 'delete'; session: { executionContext: string } }): string | undefined {
    return this.take(
      'concurrentRun',
      (r) =>
        (!r.recordType || r.recordType.toLowerCase() === event.recordType) &&
        (!r.operation || r.operation === event.operation) &&
        (!r.executionContext || r.executionContext === event.session.executionContext),
    )?.deploymentId;
  }

  /** The SaveFault hook the record service calls before each save. */
  checkSave(event: { recordType: string; operation: 'create' | 'edit' | 'delete'; session: { executionContext: string } }) {
    const rule = this.take(
      'saveFails',
      (r) =>
        (!r.recordType || r.recordType.toLowerCase() === event.recordType) &&
        (!r.operation || r.operation === event.operation) &&
        (!r.executionContext || r.executionContext === event.session.executionContext),
    );
    if (rule) {
      const e = rule.error ?? { name: 'UNEXPECTED_ERROR', message: 'An unexpected error has occurred. (sandbox fault: saveFails)' };
      throw new SuiteScriptError(e.name, e.message);
    }
  }
}
