/**
 * The SuiteScript N/ module names, taken from Oracle's own unit-testing package
 * (`@oracle/suitecloud-unit-testing` maps every real N/ module to a stub).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const SuiteCloudJestConfiguration = require('@oracle/suitecloud-unit-testing/jest-configuration/SuiteCloudJestConfiguration');

export function suiteScriptModules(): Set<string> {
  const config = SuiteCloudJestConfiguration.build({ projectFolder: '.', projectType: SuiteCloudJestConfiguration.ProjectType.ACP });
  return new Set(
    Object.keys(config.moduleNameMapper as Record<string, string>)
      .filter((pattern) => pattern.startsWith('^N/'))
      .map((pattern) => pattern.replace(/^\^|\$$/g, '')),
  );
}
