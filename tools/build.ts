import fs from 'fs';
import path from 'path';
import webpack from 'webpack';

export const PROJECT_ROOT = path.resolve(__dirname, '..');
export const BUILD_DIR = path.join(PROJECT_ROOT, 'FileCabinet/SuiteScripts/shopify_b2b');
const SRC_DIR = path.join(PROJECT_ROOT, 'src');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** True when every src/scripts entry has a built file newer than every source file. */
export function buildIsFresh(): boolean {
  if (!fs.existsSync(BUILD_DIR)) return false;
  const entries = fs.readdirSync(path.join(SRC_DIR, 'scripts')).filter((f) => f.endsWith('.ts'));
  const sourcesChanged = Math.max(newestMtime(SRC_DIR), fs.statSync(path.join(PROJECT_ROOT, 'webpack.config.js')).mtimeMs);
  return entries.every((f) => {
    const built = path.join(BUILD_DIR, f.replace(/\.ts$/, '.js'));
    return fs.existsSync(built) && fs.statSync(built).mtimeMs >= sourcesChanged;
  });
}

/** Runs the project's webpack build (the same as `npm run build`). */
export function runBuild(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require(path.join(PROJECT_ROOT, 'webpack.config.js'));
  return new Promise((resolve, reject) => {
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (stats?.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve();
    });
  });
}

/**
 * Builds other entry points with the project's own webpack configuration (same loader, externals,
 * AMD output and headers) into another folder: the local NetSuite account's test scripts.
 */
export function buildScripts(entries: Record<string, string>, outDir: string): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { configFor } = require(path.join(PROJECT_ROOT, 'webpack.config.js')) as { configFor: (e: Record<string, string>, o: string) => webpack.Configuration };
  return new Promise((resolve, reject) => {
    webpack(configFor(entries, outDir), (err, stats) => {
      if (err) return reject(err);
      if (stats?.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve();
    });
  });
}

/** Entry files of a folder, as the build finds them (`<type>_<subject>.ts`). */
export function entriesOf(dir: string): Record<string, string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(path.join(PROJECT_ROOT, 'webpack.config.js')) as { entriesOf: (d: string) => Record<string, string> }).entriesOf(dir);
}

export function newestMtimeOf(...paths: string[]): number {
  return Math.max(...paths.map((p) => (fs.statSync(p).isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs)));
}

export async function ensureFreshBuild(): Promise<void> {
  if (!buildIsFresh()) await runBuild();
}
