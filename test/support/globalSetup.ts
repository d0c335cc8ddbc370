import { ensureFreshBuild } from '../../tools/build';

// `npm test` builds before jest; a direct `npx jest` after editing src/ gets a fresh build here too,
// because integration tests must exercise exactly what would be deployed.
export default async function globalSetup(): Promise<void> {
  await ensureFreshBuild();
}
