/**
 * The benchmark's shape: fixed, seeded scenarios, one file per sync in bench/scenarios/, each
 * measuring what the syncs cost in the sandbox (NetSuite usage units, Admin API calls and cost
 * points, throttling, share of the rate limit used, wall time, memory) against targets. Usage and
 * calls are counts, not timings: they are the same on every machine.
 */
import type { World } from '../sandbox/world';

export interface Target {
  name: string;
  value: number;
  /** The most (or, with `atLeast`, the least) the value may be. */
  limit: number;
  atLeast?: boolean;
}

export interface ScenarioResult {
  sync: string;
  scenario: string;
  entities: number;
  entityName: string;
  netsuiteUnits: number;
  shopifyCalls: number;
  /** The fewest Admin API calls this work could take (one read per order, one write per batch …). */
  minimumCalls: number;
  requestedCost: number;
  actualCost: number;
  throttled: number;
  /** Share of the store's rate limit used while a backlog existed (0–1), where the scenario measures it. */
  rateLimitShare?: number;
  wallMs: number;
  peakRssMb: number;
  targets: Target[];
  notes: string[];
}

export interface Scenario {
  sync: string;
  name: string;
  description: string;
  run(): Promise<Omit<ScenarioResult, 'wallMs' | 'peakRssMb' | 'sync' | 'scenario'>>;
  /**
   * Closes what the scenario shares with others of its file (a large world seeded once for several):
   * bench/run.ts calls each distinct teardown once, after every selected scenario has run.
   */
  teardown?(): Promise<void>;
}

export function perEntity(total: number, entities: number): number {
  return entities === 0 ? 0 : Math.round((total / entities) * 100) / 100;
}

export function met(t: Target): boolean {
  return t.atLeast ? t.value >= t.limit : t.value <= t.limit;
}

/** Admin API totals from the local store's metrics (read without spending rate limit). */
interface CallTally {
  calls: number;
  requestedCost: number;
  actualCost: number;
  throttled: number;
}

export async function shopifyTotals(world: World): Promise<CallTally & { byOperation: Record<string, CallTally> }> {
  const metrics = await world.shopify.get<{ total: CallTally; byOperation: Record<string, CallTally> }>('/metrics');
  return { ...metrics.total, byOperation: metrics.byOperation };
}

export async function resetMeters(world: World): Promise<void> {
  await world.shopify.post('/metrics/reset');
  world.netsuite.governance.clear();
}

export function unitsOf(world: World, scriptIds?: string[]): number {
  return world.netsuite.governance.invocations.filter((i) => !scriptIds || scriptIds.includes(i.scriptId)).reduce((s, i) => s + i.used, 0);
}
