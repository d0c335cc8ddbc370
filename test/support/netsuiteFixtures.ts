/**
 * The local NetSuite account's own test scripts (test/fixtures/netsuite): TypeScript entry points
 * built by the project's webpack configuration into a temporary File Cabinet, deployed beside the
 * bundle from their own Objects/.
 */
import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { createNetSuiteAccount, type NetSuiteAccountOptions } from '../../sandbox/netsuite/account';
import { buildScripts, entriesOf, newestMtimeOf, PROJECT_ROOT } from '../../tools/build';

export const FIXTURE_ROOT = path.join(PROJECT_ROOT, 'test/fixtures/netsuite');
const SCRIPTS = path.join(FIXTURE_ROOT, 'scripts');
const tag = crypto.createHash('sha1').update(PROJECT_ROOT).digest('hex').slice(0, 8);
export const FIXTURE_CABINET = path.join(os.tmpdir(), `sb2b-netsuite-fixtures-${tag}`, 'FileCabinet');
const OUT = path.join(FIXTURE_CABINET, 'SuiteScripts', 'sbx');

function fresh(): boolean {
  const entries = Object.keys(entriesOf(SCRIPTS));
  if (!entries.every((e) => fs.existsSync(path.join(OUT, `${e}.js`)))) return false;
  const built = Math.min(...entries.map((e) => fs.statSync(path.join(OUT, `${e}.js`)).mtimeMs));
  return built >= newestMtimeOf(SCRIPTS, path.join(PROJECT_ROOT, 'webpack.config.js'));
}

export async function ensureFixtureScripts(): Promise<void> {
  if (!fresh()) await buildScripts(entriesOf(SCRIPTS), OUT);
}

/** An account with the bundle and the test scripts deployed. */
export function fixtureAccount(options: NetSuiteAccountOptions = {}) {
  return createNetSuiteAccount({ ...options, extraProjects: [{ root: FIXTURE_ROOT, fileCabinet: FIXTURE_CABINET }, ...(options.extraProjects ?? [])] });
}
