/** What `npm run bench` prints: the table of figures, and what moved since the previous run. Pure. */
import { met, perEntity, type ScenarioResult } from './harness';

export function table(results: ScenarioResult[]): string {
  const head = ['sync', 'scenario', 'entities', 'units/entity', 'calls/entity', 'min calls/entity', 'cost/entity', 'throttled', 'rate used', 'wall s', 'rss MB', 'targets'];
  const rows = results.map((r) => [
    r.sync,
    r.scenario,
    `${r.entities} ${r.entityName}`,
    String(perEntity(r.netsuiteUnits, r.entities)),
    String(perEntity(r.shopifyCalls, r.entities)),
    String(perEntity(r.minimumCalls, r.entities)),
    String(perEntity(r.actualCost, r.entities)),
    String(r.throttled),
    r.rateLimitShare === undefined ? '-' : `${Math.round(r.rateLimitShare * 100)}%`,
    (r.wallMs / 1000).toFixed(1),
    String(r.peakRssMb),
    r.targets.every(met) ? 'all met' : `MISSED: ${r.targets.filter((t) => !met(t)).map((t) => `${t.name} ${t.value} (limit ${t.limit})`).join('; ')}`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** One line per scenario whose units, calls or cost per entity moved since the previous run. */
export function changes(results: ScenarioResult[], previous: ScenarioResult[]): string[] {
  const lines: string[] = [];
  for (const r of results) {
    const before = previous.find((p) => p.sync === r.sync && p.scenario === r.scenario);
    if (!before) continue;
    const moved = (['netsuiteUnits', 'shopifyCalls', 'actualCost'] as const)
      .map((k) => [k, perEntity(before[k], before.entities), perEntity(r[k], r.entities)] as const)
      .filter(([, a, b]) => a !== b)
      .map(([k, a, b]) => `${{ netsuiteUnits: 'units', shopifyCalls: 'calls', actualCost: 'cost' }[k]}/entity ${a} → ${b}`);
    if (moved.length > 0) lines.push(`  ${r.sync}/${r.scenario}: ${moved.join(', ')}`);
  }
  return lines;
}

