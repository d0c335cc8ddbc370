// SuiteCloud CLI project settings. The project folder is the repository root (manifest.xml,
// deploy.xml, Objects/, FileCabinet/ live there). Before the CLI packages, validates or deploys,
// the bundle is rebuilt and the whole test suite runs, so what reaches an account is exactly what
// the tests exercised.
const { execFileSync } = require('child_process');
const SuiteCloudJestUnitTestRunner = require('@oracle/suitecloud-unit-testing/services/SuiteCloudJestUnitTestRunner');

async function buildAndTest(args) {
  execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], { stdio: 'inherit', cwd: __dirname });
  await SuiteCloudJestUnitTestRunner.run({});
  return args;
}

module.exports = {
  defaultProjectFolder: '.',
  commands: {
    'project:deploy': { beforeExecuting: buildAndTest },
    'project:validate': { beforeExecuting: buildAndTest },
    'project:package': {
      beforeExecuting: async (args) => {
        execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], { stdio: 'inherit', cwd: __dirname });
        return args;
      },
    },
  },
};
