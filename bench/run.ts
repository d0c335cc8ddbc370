/**
 * `npm run bench [-- --only <sync>]`: runs every scenario in bench/scenarios/, prints a table and
 * writes the figures to .bench/latest.json (and a dated copy) so two runs can be compared.
 * docs/performance.md explains each figure and its target.
 */
import fs from 'fs';
import path from 'path';
import { ensureFreshBuild } from '../tools/build';
import { met, type Scenario, type ScenarioResult } from './harness';
import { changes, table } from './report';

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

/** The last run's figures, to print what changed since (none on a first run or an unreadable file). */
function previousResults(): ScenarioResult[] {
  try {
    return (JSON.parse(fs.readFileSync(path.join(OUT_DIR, 'latest.json'), 'utf8')) as { results: ScenarioResult[] }).results;
  } catch {
    return [];
  }
}

async function main() {
  const onlyIndex = process.argv.indexOf('--only');
  const only = onlyIndex >= 0 ? process.argv[onlyIndex + 1] : undefined;
  await ensureFreshBuild();
  const results: ScenarioResult[] = [];
  const scenarios = loadScenarios(only);
  for (const scenario of scenarios) {
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
  for (const teardown of new Set(scenarios.flatMap((s) => (s.teardown ? [s.teardown] : [])))) await teardown();
  process.stdout.write(`\n${table(results)}\n`);
  for (const r of results) for (const note of r.notes) process.stdout.write(`  ${r.sync}/${r.scenario}: ${note}\n`);
  const previous = previousResults();
  if (previous.length > 0) {
    const moved = changes(results, previous);
    const compared = results.filter((r) => previous.some((p) => p.sync === r.sync && p.scenario === r.scenario)).length;
    const summary = compared === 0 ? 'none of these scenarios ran then' : moved.length === 0 ? `no figure per entity changed (${compared} scenarios compared)` : '';
    process.stdout.write(`\nSince the previous run (.bench/latest.json): ${summary}\n${moved.map((m) => `${m}\n`).join('')}`);
  }
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
