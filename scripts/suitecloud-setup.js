#!/usr/bin/env node
// Fetches the Java part of the SuiteCloud CLI (`npm run cli:setup`). The project installs
// @oracle/suitecloud-cli without install scripts (see .npmrc) so that `npm ci` works on machines
// that reach only the npm registry; deploying to an account needs the jar this step downloads from
// Oracle, under Oracle's Free Use Terms and Conditions (FUTC), and Java 17 or 21.
const { spawnSync } = require('child_process');
const path = require('path');

const accepted = process.env.SUITECLOUD_CLI_ACCEPT_LICENSE === 'true' || process.argv.includes('--accept-license');
if (!accepted) {
  console.error(
    [
      'The SuiteCloud CLI downloads its SDK from Oracle under the Oracle Free Use Terms and Conditions:',
      '  https://www.oracle.com/downloads/licenses/oracle-free-license.html',
      'Read them, then run:  npm run cli:setup -- --accept-license',
    ].join('\n'),
  );
  process.exit(2);
}
const cliDir = path.dirname(require.resolve('@oracle/suitecloud-cli/package.json'));
const result = spawnSync(process.execPath, [path.join(cliDir, 'postinstall.js')], {
  cwd: cliDir,
  stdio: 'inherit',
  env: { ...process.env, SUITECLOUD_CLI_ACCEPT_LICENSE: 'true' },
});
if (result.status !== 0) {
  console.error('\nThe SDK download failed. This step needs HTTPS access to system.netsuite.com; see docs/install.md.');
  process.exit(result.status || 1);
}
console.log('SuiteCloud CLI is ready. Next: npx suitecloud account:setup, then npm run deploy.');
