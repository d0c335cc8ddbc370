/**
 * `npm run bench [-- --only <sync>]`: runs every scenario in bench/scenarios/, prints a table and
 * writes the figures to .bench/latest.json (and a dated copy) so two runs can be compared.
 * docs/performance.md explains each figure and its target.
 */
import fs from 'fs';
import path from 'path';
import { ensureFreshBuild } from '../tools/build';
import { met, perEntity, type Scenario, type ScenarioResult } from './harness';

const SCENARIO_DIR = path.join(__dirname, 'scenarios');
const OUT_DIR = path.join(__dirname, '..', '.bench');

function loadScenarios(only?: string): Scenario[] {
  return fs
    .readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith('.ts'))
    .sort()
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    .flatMap((f) => (require(path.join(SCENARIO_DIR, f)) as { scenarios: Scenario[] }).scenarios)
    .filter((s) => !only || s.sync === only || s.name === only);
}

function table(results: ScenarioResult[]): string {
  const head = ['sync', 'scenario', 'entities', 'units/entity', 'calls/entity', 'min calls', 'cost/entity', 'throttled', 'rate used', 'wall s', 'rss MB', 'targets'];
  const rows = results.map((r) => [
    r.sync,
    r.scenario,
    `${r.entities} ${r.entityName}`,
    String(perEntity(r.netsuiteUnits, r.entities)),
    String(perEntity(r.shopifyCalls, r.entities)),
    String(r.minimumCalls),
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

async function main() {
  const onlyIndex = process.argv.indexOf('--only');
  const only = onlyIndex >= 0 ? process.argv[onlyIndex + 1] : undefined;
  await ensureFreshBuild();
  const results: ScenarioResult[] = [];
  for (const scenario of loadScenarios(only)) {
    process.stdout.write(`${scenario.sync} / ${scenario.name}: ${scenario.description} … `);
    let peak = process.memoryUsage().rss;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const started = Date.now();
    const result = await scenario.run();
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    const full: ScenarioResult = { sync: scenario.sync, scenario: scenario.name, ...result, wallMs: Date.now() - started, peakRssMb: Math.round(peak / 1048576) };
    results.push(full);
    process.stdout.write(`${(full.wallMs / 1000).toFixed(1)} s\n`);
  }
  process.stdout.write(`\n${table(results)}\n`);
  for (const r of results) for (const note of r.notes) process.stdout.write(`  ${r.sync}/${r.scenario}: ${note}\n`);
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const payload = JSON.stringify({ at: new Date().toISOString(), node: process.version, results }, null, 2);
  fs.writeFileSync(path.join(OUT_DIR, 'latest.json'), payload);
  fs.writeFileSync(path.join(OUT_DIR, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`), payload);
  process.stdout.write(`\nWritten to .bench/latest.json\n`);
  if (results.some((r) => !r.targets.every(met))) process.exitCode = 1;
}

main().catch((e: Error) => {
  process.stderr.write(`${e.stack ?? e.message}\n`);
  process.exit(1);
});
