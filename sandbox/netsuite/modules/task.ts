/**
 * N/task for scheduled and map/reduce scripts: task.create (no units), Task.submit (20 units;
 * MAP_REDUCE_ALREADY_RUNNING, FAILED_TO_SUBMIT_JOB_REQUEST_1, NO_DEPLOYMENTS_AVAILABLE as the
 * scheduler decides) and task.checkStatus (status, stage and pending counts of the instance).
 */
import { errors } from '../errors';
import { UNIT_COSTS } from '../governance';
import type { Execution } from '../runners/execution';
import { withPromises } from './record';

export const TaskType = {
  SCHEDULED_SCRIPT: 'SCHEDULED_SCRIPT',
  MAP_REDUCE: 'MAP_REDUCE',
  CSV_IMPORT: 'CSV_IMPORT',
  ENTITY_DEDUPLICATION: 'DEDUPE',
  WORKFLOW_TRIGGER: 'WORKFLOW_TRIGGER',
  SEARCH: 'SEARCH',
  RECORD_ACTION: 'RECORD_ACTION',
  SUITE_QL: 'SUITE_QL',
  QUERY: 'QUERY',
  PIVOT: 'PIVOT',
};
export const TaskStatus = { PENDING: 'PENDING', PROCESSING: 'PROCESSING', COMPLETE: 'COMPLETE', FAILED: 'FAILED' };
export const MapReduceStage = { GET_INPUT: 'GET_INPUT', MAP: 'MAP', SHUFFLE: 'SHUFFLE', REDUCE: 'REDUCE', SUMMARIZE: 'SUMMARIZE' };

const STAGE_NAME: Record<string, string> = { getInputData: 'GET_INPUT', map: 'MAP', SHUFFLE: 'SHUFFLE', reduce: 'REDUCE', summarize: 'SUMMARIZE' };

class ScriptTask {
  scriptId: unknown;
  deploymentId: unknown;
  params: Record<string, unknown> = {};
  id: string | undefined;

  constructor(
    private readonly exec: Execution,
    readonly taskType: string,
    options: Record<string, unknown>,
  ) {
    this.scriptId = options.scriptId;
    this.deploymentId = options.deploymentId;
    if (options.params && typeof options.params === 'object') this.params = { ...(options.params as Record<string, unknown>) };
  }

  submit(): string {
    this.exec.meter.charge(`${this.taskType === 'MAP_REDUCE' ? 'MapReduceScriptTask' : 'ScheduledScriptTask'}.submit`, UNIT_COSTS.task.submit);
    const params = this.exec.realm.unwrap<Record<string, unknown>>(this.params) ?? {};
    this.id = this.exec.core.scheduler.submit(this.taskType, this.scriptId, this.deploymentId, { ...params });
    return this.id;
  }

  toString() {
    return this.taskType === 'MAP_REDUCE' ? 'task.MapReduceScriptTask' : 'task.ScheduledScriptTask';
  }

  toJSON() {
    return { taskType: this.taskType, scriptId: this.scriptId, deploymentId: this.deploymentId, params: this.params, id: this.id };
  }
}

export function taskModule(exec: Execution) {
  const scheduler = exec.core.scheduler;
  return withPromises({
    TaskType,
    TaskStatus,
    MapReduceStage,
    create(options: unknown) {
      if (!options || typeof options !== 'object') throw errors.missingArgument('task.create', 'options');
      const o = options as Record<string, unknown>;
      if (!o.taskType) throw errors.missingArgument('task.create', 'taskType');
      const type = String(o.taskType);
      if (!Object.values(TaskType).includes(type)) throw errors.invalidTaskType();
      if (type !== 'MAP_REDUCE' && type !== 'SCHEDULED_SCRIPT') throw errors.unsupported(`task type ${type}`);
      return new ScriptTask(exec, type, o);
    },
    checkStatus(options: unknown) {
      const taskId = String((options as Record<string, unknown>)?.taskId ?? options ?? '');
      if (!taskId) throw errors.missingArgument('task.checkStatus', 'taskId');
      const instance = scheduler.status(taskId);
      if (!instance) throw errors.failedToSubmitJob(`Unknown task id ${taskId}`);
      const base = { scriptId: instance.scriptId, deploymentId: instance.deploymentId, status: instance.status };
      if (instance.taskType === 'SCHEDULED_SCRIPT') return base;
      return {
        ...base,
        stage: instance.stage ? STAGE_NAME[instance.stage] : null,
        getPercentageCompleted: () => (instance.status === 'COMPLETE' ? 100 : 0),
        getPendingMapCount: () => instance.pendingMapCount ?? 0,
        getPendingReduceCount: () => instance.pendingReduceCount ?? 0,
        getPendingMapSize: () => 0,
        getPendingReduceSize: () => 0,
        getPendingOutputCount: () => 0,
        getPendingOutputSize: () => 0,
        getTotalMapCount: () => 0,
        getTotalReduceCount: () => 0,
        getTotalOutputCount: () => 0,
        getCurrentTotalSize: () => 0,
      };
    },
  });
}
