/**
 * Starts a queue processor now rather than at its next 15-minute run. Each processor has a
 * scheduled deployment and two on-demand ones; a nudge takes the first that is free. A nudge while
 * all are busy is not an error: the running one, or the next scheduled run, takes the work.
 */
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

/** Submits the processor on a free deployment (20 units per try); returns the task id, or undefined if all were busy. */
export function nudgeProcessor(direction: Direction, exceptDeployment?: string): string | undefined {
  const { scriptId, deployments } = PROCESSOR_SCRIPTS[direction];
  for (const deploymentId of deployments.filter((d) => d !== exceptDeployment)) {
    try {
      return task.create({ taskType: task.TaskType.MAP_REDUCE, scriptId, deploymentId }).submit();
    } catch (e) {
      // Busy (already running or queued): try the next deployment.
      log.debug({ title: `nudge ${direction}: ${deploymentId} busy`, details: String((e as { name?: string }).name ?? e) });
    }
  }
  log.audit({ title: `nudge ${direction}`, details: 'every processor deployment is busy; the running one or the next scheduled run takes the work' });
  return undefined;
}
