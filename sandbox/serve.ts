/**
 * `npm run serve [-- --port 8080 --host 127.0.0.1]`: the whole sandbox on one port, on real time.
 * The local NetSuite account runs the built bundle (its schedules fire every 15 minutes of wall
 * time, webhooks arrive within a second), the local Shopify store holds the demo shop, and NetSuite
 * already holds what the first reconciliation brought in: companies as customers and sub-customers,
 * B2B orders as sales orders. See docs/sandbox.md for what to try.
 */
import { ensureFreshBuild } from '../tools/build';
import { RealClock } from './clock';
import { DEMO_DOMAIN, DEMO_SECRET, DEMO_TOKEN } from './shopify/demo';
import { createWorld, NETSUITE_TOKEN, RESTLET_PATH } from './world';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const inline = process.argv.find((a) => a.startsWith(`--${name}=`));
  return inline ? inline.slice(name.length + 3) : i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

async function main(): Promise<void> {
  const port = Number(option('port', '8080'));
  const host = option('host', '127.0.0.1');
  await ensureFreshBuild();
  const world = await createWorld({ clock: new RealClock(), port, host });
  // The first reconciliation now rather than in 15 minutes, so NetSuite starts level with the shop.
  world.netsuite.runDeployment('customdeploy_sb2b_mr_shopify_poll');
  await world.settle();
  const url = world.server.url;
  const counts = world.netsuite.query(
    `SELECT (SELECT COUNT(*) FROM customer WHERE custentity_sb2b_gid IS NOT NULL) AS customers, (SELECT COUNT(*) FROM transaction WHERE type = 'SalesOrd') AS orders`,
  )[0];
  process.stdout.write(
    [
      `Sandbox listening on ${url} (real time; Ctrl-C stops it)`,
      '',
      `Local NetSuite account (${counts.customers} customers linked to Shopify, ${counts.orders} sales orders)`,
      `  RESTlet:       ${url}${RESTLET_PATH}`,
      `  SuiteQL:       POST ${url}/services/rest/query/v1/suiteql`,
      `  token:         ${NETSUITE_TOKEN}   (header Authorization: Bearer …)`,
      `  control API:   ${url}/sandbox/netsuite`,
      '',
      `Local Shopify store: ${DEMO_DOMAIN}`,
      `  Admin API:     POST ${url}/admin/api/2026-10/graphql.json`,
      `  access token:  ${DEMO_TOKEN}   (header X-Shopify-Access-Token)`,
      `  webhook secret: ${DEMO_SECRET}`,
      `  control API:   ${url}/sandbox/shopify`,
      '',
      `Relay (Shopify webhooks → the RESTlet): POST ${url}/webhooks`,
      '',
      'Try (more in docs/sandbox.md):',
      `  curl -s ${url}/admin/api/2026-10/graphql.json -H 'X-Shopify-Access-Token: ${DEMO_TOKEN}' -H 'Content-Type: application/json' -d '{"query":"{ shop { name } }"}'`,
      `  curl -s -X POST '${url}/services/rest/query/v1/suiteql' -H 'Authorization: Bearer ${NETSUITE_TOKEN}' -H 'Content-Type: application/json' -d '{"q":"SELECT tranid, otherrefnum, foreigntotal FROM transaction WHERE type = '"'"'SalesOrd'"'"'"}'`,
      '',
    ].join('\n'),
  );
  const stop = () => void world.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: Error) => {
  process.stderr.write(`${e.stack ?? e.message}\n`);
  process.exit(1);
});
