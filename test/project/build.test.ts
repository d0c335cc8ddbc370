/**
 * `npm run build`: one AMD file per entry point, N/ modules external, readable, nothing else bundled;
 * and, where the SuiteCloud CLI is installed, `suitecloud project:package` accepts the project.
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { BUILD_DIR, buildScripts, PROJECT_ROOT } from '../../tools/build';
import { inertModule, loadAmdFile, readHeader } from '../../tools/sdf/builtScripts';
import { zipEntryNames } from '../support/zip';

const entries = fs
  .readdirSync(path.join(PROJECT_ROOT, 'src/scripts'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.replace(/\.ts$/, ''));

describe('npm run build', () => {
  it('writes every file on every build, so a build leaves the bundle fresh (unchanged files too)', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sb2b-build-'));
    try {
      const entry = { ue_store_config: path.join(PROJECT_ROOT, 'src/scripts/ue_store_config.ts') };
      await buildScripts(entry, out);
      const file = path.join(out, 'ue_store_config.js');
      const longAgo = new Date('2001-01-01T00:00:00Z');
      fs.utimesSync(file, longAgo, longAgo);
      await buildScripts(entry, out); // nothing changed in between
      expect(fs.statSync(file).mtimeMs).toBeGreaterThan(longAgo.getTime());
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);

  it('emits exactly one file per entry point in src/scripts', () => {
    const built = fs.readdirSync(BUILD_DIR).map((f) => f.replace(/\.js$/, ''));
    expect(built.sort()).toEqual(entries.sort());
    expect(entries.length).toBeGreaterThan(0);
  });

  it.each(entries)('%s.js keeps N/ modules as define() dependencies and bundles only our own code', (entry) => {
    const file = path.join(BUILD_DIR, `${entry}.js`);
    const loaded = loadAmdFile(file, () => inertModule());
    expect(loaded.dependencies.length).toBeGreaterThan(0);
    for (const dep of loaded.dependencies) expect(dep).toMatch(/^N\//);
    const source = fs.readFileSync(file, 'utf8');
    // Every bundled module is ours (webpack names them by path) or an N/ external.
    for (const [, id] of source.matchAll(/^\/\*\*\*\/ "([^"]+)"$/gm)) expect(id).toMatch(/^(\.\/src\/|N\/)/);
  });

  it.each(entries)('%s.js is not minified, so admins can read it in the File Cabinet', (entry) => {
    const source = fs.readFileSync(path.join(BUILD_DIR, `${entry}.js`), 'utf8');
    expect(source.split('\n').length).toBeGreaterThan(50);
    expect(readHeader(source)).toEqual({ apiVersion: '2.1', scriptType: expect.any(String), moduleScope: 'SameAccount' });
  });
});

const cliEntry = (() => {
  try {
    return path.join(path.dirname(require.resolve('@oracle/suitecloud-cli/package.json')), 'src', 'suitecloud.js');
  } catch {
    return undefined;
  }
})();

(cliEntry ? describe : describe.skip)('suitecloud project:package', () => {
  it('packages the project with every object and built script (no account needed)', () => {
    // A copy, with a config that has no build hook: packaging must not rebuild under running tests.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb2b-package-'));
    for (const name of ['Objects', 'FileCabinet', 'manifest.xml', 'deploy.xml']) {
      fs.cpSync(path.join(PROJECT_ROOT, name), path.join(dir, name), { recursive: true });
    }
    fs.writeFileSync(path.join(dir, 'suitecloud.config.js'), "module.exports = { defaultProjectFolder: '.', commands: {} };\n");
    try {
      const result = spawnSync(process.execPath, [cliEntry!, 'project:package'], { cwd: dir, encoding: 'utf8', timeout: 60000 });
      expect(result.status).toBe(0);
      const zips = fs.readdirSync(path.join(dir, 'build')).filter((f) => f.endsWith('.zip'));
      expect(zips).toHaveLength(1);
      const packaged = zipEntryNames(path.join(dir, 'build', zips[0]));
      for (const object of fs.readdirSync(path.join(PROJECT_ROOT, 'Objects'))) expect(packaged).toContain(`Objects/${object}`);
      for (const entry of entries) expect(packaged).toContain(`FileCabinet/SuiteScripts/shopify_b2b/${entry}.js`);
      expect(packaged).toEqual(expect.arrayContaining(['manifest.xml', 'deploy.xml']));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
