/**
 * `npm run bench [-- --only <sync>]`: runs every scenario in bench/scenarios/, prints a table and
 * writes the figures to .bench/latest.json (and a dated copy) so two runs can be compared.
 * docs/performance.md explains each figure and its target.
 *
 * Each scenario file runs in a process of its own (this file again, with --file), so that one
 * sync's memory and leftovers do not count against the next: peak memory is that file's own.
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { ensureFreshBuild } from '../tools/build';
import { met, type Scenario, type ScenarioResult } from './harness';
import { changes, table } from './report';

const SCENARIO_DIR = path.join(__dirname, 'scenarios');
const OUT_DIR = path.join(__dirname, '..', '.bench');

function scenarioFiles(): string[] {
  return fs.readdirSync(SCENARIO_DIR).filter((f) => f.endsWith('.ts')).sort();
}

function scenariosOf(file: string, only?: string): Scenario[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(path.join(SCENARIO_DIR, file)) as { scenarios: Scenario[] }).scenarios.filter((s) => !only || s.sync === only || s.name === only);
}

/** In a child process: runs one file's scenarios, printing progress, and writes their results to `out`. */
async function runFile(file: string, only: string | undefined, out: string): Promise<void> {
  const results: ScenarioResult[] = [];
  const scenarios = scenariosOf(file, only);
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
  fs.writeFileSync(out, JSON.stringify(results));
}

/** Runs a scenario file in a fresh process (the same tsx that runs this one) and returns its results. */
function runFileApart(file: string, only: string | undefined): ScenarioResult[] {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sb2b-bench-')), 'results.json');
  const args = [...process.execArgv, __filename, '--file', file, '--out', out, ...(only ? ['--only', only] : [])];
  const child = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (child.status !== 0) throw new Error(`bench/scenarios/${file} failed (exit ${child.status ?? child.signal})`);
  const results = JSON.parse(fs.readFileSync(out, 'utf8')) as ScenarioResult[];
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
  return results;
}

/** The last run's figures, to print what changed since (none on a first run or an unreadable file). */
function previousResults(): ScenarioResult[] {
  try {
    return (JSON.parse(fs.readFileSync(path.join(OUT_DIR, 'latest.json'), 'utf8')) as { results: ScenarioResult[] }).results;
  } catch {
    return [];
  }
}

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const only = argument('--only');
  const file = argument('--file');
  if (file) return runFile(file, only, argument('--out')!);
  await ensureFreshBuild();
  const results: ScenarioResult[] = [];
  for (const f of scenarioFiles()) if (scenariosOf(f, only).length > 0) results.push(...runFileApart(f, only));
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
