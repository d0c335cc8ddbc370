/**
 * The account's processor queue: N/task submissions and scheduled deployments. A map/reduce
 * deployment runs one instance at a time (a second submission while one is queued or running throws
 * MAP_REDUCE_ALREADY_RUNNING); a scheduled deployment can be queued once (FAILED_TO_SUBMIT_JOB_REQUEST_1
 * while queued or running); without a deployment id the first idle deployment is taken
 * (NO_DEPLOYMENTS_AVAILABLE when none is). Queued work starts on the account clock, after
 * `taskStartDelayMs`: on a VirtualClock when the test advances time (or calls runQueued), on a real
 * clock by itself. Deployments with status SCHEDULED run on their Objects/ recurrence.
 */
import type { Clock } from '../../clock';
import { errors } from '../errors';
import type { MapReduceStage } from '../governance';
import type { DeploymentInfo, Recurrence, ScriptCatalog, ScriptInfo } from './scripts';

export type TaskStatusName = 'PENDING' | 'PROCESSING' | 'COMPLETE' | 'FAILED';

export interface TaskInstance {
  taskId: string;
  taskType: 'SCHEDULED_SCRIPT' | 'MAP_REDUCE';
  scriptId: string;
  deploymentId: string;
  params: Record<string, unknown>;
  status: TaskStatusName;
  stage?: MapReduceStage | 'SHUFFLE';
  /** ONDEMAND (task, control API) or SCHEDULED (recurrence). */
  invocationType: 'ONDEMAND' | 'SCHEDULED';
  submittedAt: number;
  startedAt?: number;
  endedAt?: number;
  /** What the runner reports (map/reduce summary figures, the error of a failed run). */
  result?: unknown;
  pendingMapCount?: number;
  pendingReduceCount?: number;
}

export type DeploymentRunner = (script: ScriptInfo, deployment: DeploymentInfo, instance: TaskInstance) => void;

const DAY = 86400000;

/** The first run of a recurrence strictly after `after`, if any. */
export function nextOccurrence(r: Recurrence, after: number): number | undefined {
  if (r.single) return r.start > after ? r.start : undefined;
  const timeOfDay = ((r.start % DAY) + DAY) % DAY;
  const firstDay = r.start - timeOfDay;
  let day = Math.max(firstDay, Math.floor(after / DAY) * DAY);
  day = firstDay + Math.ceil((day - firstDay) / (r.everyDays * DAY)) * r.everyDays * DAY;
  for (let guard = 0; guard < 400; guard++, day += r.everyDays * DAY) {
    const weekday = new Date(day).getUTCDay();
    if (r.weekdaysOnly && (weekday === 0 || weekday === 6)) continue;
    const step = r.repeatMinutes > 0 ? r.repeatMinutes * 60000 : DAY;
    for (let t = day + timeOfDay; t < day + DAY; t += step) {
      if (t > after && t >= r.start) return t;
    }
  }
  return undefined;
}

export class Scheduler {
  readonly instances: TaskInstance[] = [];
  private readonly queue: TaskInstance[] = [];
  private running: TaskInstance | undefined;
  private seq = 0;
  private draining = false;
  private cancels: (() => void)[] = [];
  runner: DeploymentRunner | undefined;
  /** Whether any script is running now (its clock may move: a spin, a slow answer). */
  scriptRunning: (() => boolean) | undefined;

  constructor(
    private readonly catalog: ScriptCatalog,
    private readonly clock: Clock,
    private readonly startDelayMs: number,
  ) {}

  /** Starts the recurrences of SCHEDULED deployments. */
  startSchedules() {
    for (const script of this.catalog.scripts) {
      if (script.scriptType !== 'SCHEDULED' && script.scriptType !== 'MAPREDUCE') continue;
      for (const deployment of script.deployments) {
        if (deployment.status === 'SCHEDULED' && deployment.isDeployed && deployment.recurrence) this.arm(script, deployment, this.clock.now());
      }
    }
  }

  private arm(script: ScriptInfo, deployment: DeploymentInfo, after: number) {
    const at = nextOccurrence(deployment.recurrence!, after);
    if (at === undefined) return;
    this.cancels.push(
      this.clock.setTimer(at, () => {
        if (!this.busy(deployment.scriptid)) {
          this.enqueue(script, deployment, {}, 'SCHEDULED');
          this.drain();
        }
        this.arm(script, deployment, at);
      }),
    );
  }

  stop() {
    for (const c of this.cancels) c();
    this.cancels = [];
  }

  busy(deploymentId: string): boolean {
    return this.queue.some((i) => i.deploymentId === deploymentId) || this.running?.deploymentId === deploymentId;
  }

  /** task.submit(): queues the deployment, or throws as NetSuite does. */
  submit(taskType: string, scriptIdArg: unknown, deploymentIdArg: unknown, params: Record<string, unknown>): string {
    if (taskType !== 'MAP_REDUCE' && taskType !== 'SCHEDULED_SCRIPT') throw errors.unsupported(`task type ${taskType}`);
    if (scriptIdArg === undefined || scriptIdArg === null || scriptIdArg === '') throw errors.missingArgument('task.submit', 'scriptId');
    const script = this.catalog.script(String(scriptIdArg));
    const wanted = taskType === 'MAP_REDUCE' ? 'MAPREDUCE' : 'SCHEDULED';
    if (!script || script.scriptType !== wanted) throw errors.invalidScriptId(String(scriptIdArg));
    let deployment: DeploymentInfo | undefined;
    if (deploymentIdArg !== undefined && deploymentIdArg !== null && deploymentIdArg !== '') {
      deployment = this.catalog.deployment(String(deploymentIdArg), script)?.deployment;
      if (!deployment || !deployment.isDeployed) throw errors.failedToSubmitJob(`Invalid deployment ${String(deploymentIdArg)}`);
      if (this.busy(deployment.scriptid)) {
        if (taskType === 'MAP_REDUCE') throw errors.mapReduceAlreadyRunning(script.def.scriptid, deployment.scriptid);
        throw errors.failedToSubmitJob(this.running?.deploymentId === deployment.scriptid ? 'INPROGRESS' : 'INQUEUE');
      }
    } else {
      deployment = script.deployments.find((d) => d.isDeployed && d.status === 'NOTSCHEDULED' && !this.busy(d.scriptid)) ?? script.deployments.find((d) => d.isDeployed && !this.busy(d.scriptid));
      if (!deployment) throw errors.noDeploymentsAvailable(script.def.scriptid);
    }
    const instance = this.enqueue(script, deployment, params, 'ONDEMAND');
    this.cancels.push(this.clock.setTimer(this.clock.now() + this.startDelayMs, () => this.drain()));
    return instance.taskId;
  }

  private enqueue(script: ScriptInfo, deployment: DeploymentInfo, params: Record<string, unknown>, invocationType: 'ONDEMAND' | 'SCHEDULED'): TaskInstance {
    const type = script.scriptType === 'MAPREDUCE' ? 'MAP_REDUCE' : 'SCHEDULED_SCRIPT';
    const instance: TaskInstance = {
      taskId: `${type === 'MAP_REDUCE' ? 'MAPREDUCETASK' : 'SCHEDSCRIPT'}_${String(++this.seq).padStart(8, '0')}${script.internalId}`,
      taskType: type,
      scriptId: script.def.scriptid,
      deploymentId: deployment.scriptid,
      params,
      status: 'PENDING',
      invocationType,
      submittedAt: this.clock.now(),
    };
    this.instances.push(instance);
    this.queue.push(instance);
    return instance;
  }

  /** Runs a deployment now (the deployment's Save & Execute), unless an instance is already queued or running. */
  runNow(deploymentId: string, params: Record<string, unknown> = {}): TaskInstance {
    const found = this.catalog.deployment(deploymentId);
    if (!found) throw errors.invalidScriptId(deploymentId);
    if (found.script.scriptType !== 'MAPREDUCE' && found.script.scriptType !== 'SCHEDULED') throw errors.unsupported(`running a ${found.script.scriptType} deployment`);
    if (this.busy(found.deployment.scriptid)) {
      if (found.script.scriptType === 'MAPREDUCE') throw errors.mapReduceAlreadyRunning(found.script.def.scriptid, found.deployment.scriptid);
      throw errors.failedToSubmitJob('INQUEUE');
    }
    const instance = this.enqueue(found.script, found.deployment, params, 'ONDEMAND');
    this.queue.splice(this.queue.indexOf(instance), 1);
    this.execute(instance);
    return instance;
  }

  status(taskId: string): TaskInstance | undefined {
    return this.instances.find((i) => i.taskId === taskId);
  }

  pending(): TaskInstance[] {
    return [...this.queue];
  }

  /**
   * Runs queued instances in order until none is left (work they queue included). Not while a
   * script runs: time moving during a script (a spin, a slow answer) starts nothing inside it; what
   * fell due starts after it (the next runQueued or clock move), as on a busy processor.
   */
  drain(limit = 1000): number {
    if (this.draining || this.running || this.scriptRunning?.()) return 0;
    this.draining = true;
    let ran = 0;
    try {
      while (this.queue.length > 0 && ran < limit) {
        const instance = this.queue.shift()!;
        this.execute(instance);
        ran++;
      }
    } finally {
      this.draining = false;
    }
    return ran;
  }

  private execute(instance: TaskInstance) {
    const found = this.catalog.deployment(instance.deploymentId);
    if (!found || !this.runner) return;
    this.running = instance;
    instance.status = 'PROCESSING';
    instance.startedAt = this.clock.now();
    try {
      this.runner(found.script, found.deployment, instance);
      if (instance.status === 'PROCESSING') instance.status = 'COMPLETE';
    } catch (e) {
      instance.status = 'FAILED';
      instance.result = { error: e instanceof Error ? { name: e.name, message: e.message } : String(e) };
    } finally {
      instance.endedAt = this.clock.now();
      instance.stage = undefined;
      this.running = undefined;
    }
  }

  clear() {
    this.stop();
    this.queue.length = 0;
    this.instances.length = 0;
  }
}
