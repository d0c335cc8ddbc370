/**
 * `npm start`: builds the bundle if needed and tells the demo's business day (sandbox/demo/story.ts).
 * Exits 0 when Shopify and NetSuite agree at the end, 1 naming what did not.
 */
import { ensureFreshBuild } from '../../tools/build';
import { runDemo } from './story';

async function main(): Promise<void> {
  await ensureFreshBuild();
  const result = await runDemo({ print: (line) => process.stdout.write(`${line}\n`) });
  process.exitCode = result.ok ? 0 : 1;
}

main().catch((e: Error) => {
  process.stderr.write(`\nThe demo stopped: ${e.stack ?? e.message}\n`);
  process.exit(1);
});
