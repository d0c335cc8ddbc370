#!/usr/bin/env node
// `npm run deploy`: deploys the SDF project to the account chosen with `suitecloud account:setup`.
// suitecloud.config.js rebuilds the bundle and runs every test before the CLI deploys.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const cliPackage = require('@oracle/suitecloud-cli/package.json');
const jar = path.join(os.homedir(), '.suitecloud-sdk', 'cli', cliPackage.sdkFilename);
const problems = [];
if (!fs.existsSync(jar)) problems.push(`The SuiteCloud SDK (${jar}) is missing: run npm run cli:setup -- --accept-license.`);
if (spawnSync('java', ['-version']).status !== 0) problems.push('Java 17 or 21 is needed by the SuiteCloud CLI: install a JDK and put java on the PATH.');
if (!fs.existsSync(path.join(root, 'project.json'))) problems.push('No account is set up for this project: run npx suitecloud account:setup.');
if (problems.length > 0) {
  console.error(['Cannot deploy yet:', ...problems.map((p) => `  - ${p}`)].join('\n'));
  process.exit(2);
}
const cli = path.join(path.dirname(require.resolve('@oracle/suitecloud-cli/package.json')), 'src', 'suitecloud.js');
const result = spawnSync(process.execPath, [cli, 'project:deploy', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
