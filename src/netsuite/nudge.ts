/**
 * Starts a queue processor now rather than at its next 15-minute run. Each processor has a
 * scheduled deployment and two on-demand ones; a nudge takes the first that is free. A burst of
 * saves costs one submission: while the last nudged run has not yet read its input, it will take the
 * new entry too, so no new run is submitted (1 unit instead of 20). A nudge while every deployment
 * is busy is not an error: the running one, or the next scheduled run, takes the work.
 */
import * as cache from 'N/cache';
import * as log from 'N/log';
import * as task from 'N/task';
import type { Direction } from '../core/queueEntry';

export const PROCESSOR_SCRIPTS: Record<Direction, { scriptId: string; deployments: string[] }> = {
  inbound: {
    scriptId: 'customscript_sb2b_mr_inbound',
    deployments: ['customdeploy_sb2b_mr_inbound_nudge1', 'customdeploy_sb2b_mr_inbound_nudge2', 'customdeploy_sb2b_mr_inbound'],
  },
  outbound: {
    scriptId: 'customscript_sb2b_mr_outbound',
    deployments: ['customdeploy_sb2b_mr_outbound_nudge1', 'customdeploy_sb2b_mr_outbound_nudge2', 'customdeploy_sb2b_mr_outbound'],
  },
};

function nudgeCache(): cache.Cache {
  return cache.getCache({ name: 'sb2b_nudges', scope: cache.Scope.PUBLIC });
}

/** True while the last nudged run has not read its input yet: it will see entries queued now. */
function lastNudgeStillAhead(direction: Direction): boolean {
  const taskId = nudgeCache().get({ key: direction });
  if (!taskId) return false;
  try {
    const status = task.checkStatus({ taskId }) as { status: string | null; stage?: string | null };
    return status.status === task.TaskStatus.PENDING || (status.status === task.TaskStatus.PROCESSING && status.stage === task.MapReduceStage.GET_INPUT);
  } catch {
    return false;
  }
}

/** Submits the processor on a free deployment (20 units per try); returns the task id, or undefined if none was needed or all were busy. */
export function nudgeProcessor(direction: Direction, exceptDeployment?: string): string | undefined {
  if (!exceptDeployment && lastNudgeStillAhead(direction)) return undefined;
  const { scriptId, deployments } = PROCESSOR_SCRIPTS[direction];
  for (const deploymentId of deployments.filter((d) => d !== exceptDeployment)) {
    try {
      const taskId = task.create({ taskType: task.TaskType.MAP_REDUCE, scriptId, deploymentId }).submit();
      nudgeCache().put({ key: direction, value: taskId, ttl: 300 });
      return taskId;
    } catch (e) {
      // Busy (already running or queued): try the next deployment.
      log.debug({ title: `nudge ${direction}: ${deploymentId} busy`, details: String((e as { name?: string }).name ?? e) });
    }
  }
  log.audit({ title: `nudge ${direction}`, details: 'every processor deployment is busy; the running one or the next scheduled run takes the work' });
  return undefined;
}
