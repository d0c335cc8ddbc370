import { ensureFreshBuild } from '../../tools/build';
import { ensureFixtureScripts } from './netsuiteFixtures';

// `npm test` builds before jest; a direct `npx jest` after editing src/ gets a fresh build here too,
// because integration tests must exercise exactly what would be deployed. The local NetSuite
// account's own test scripts are built the same way, into a temporary folder.
export default async function globalSetup(): Promise<void> {
  await ensureFreshBuild();
  await ensureFixtureScripts();
}
