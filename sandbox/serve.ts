/**
 * `npm run serve -- --port 8080`: the sandbox on 127.0.0.1, on real time. Today that is the local
 * Shopify store (seeded with the demo shop); the local NetSuite account's handlers join the same
 * list, and so the same port, when it lands.
 */
import { RealClock } from './clock';
import { serve, type Handler } from './http';
import { DEMO_DOMAIN, DEMO_SECRET, DEMO_TOKEN, demoShop } from './shopify/demo';
import { createShopifyStore } from './shopify/store';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const inline = process.argv.find((a) => a.startsWith(`--${name}=`));
  return inline ? inline.slice(name.length + 3) : i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

async function main(): Promise<void> {
  const port = Number(option('port', '8080'));
  const host = option('host', '127.0.0.1');
  const shopify = createShopifyStore({ clock: new RealClock(), shops: [demoShop()] });
  const handlers: Handler[] = [...shopify.handlers];
  const server = await serve(handlers, port, host);
  process.stdout.write(
    [
      `Sandbox listening on ${server.url}`,
      '',
      'Local Shopify store',
      `  shop:          ${DEMO_DOMAIN} (also the default shop for any other Host)`,
      `  Admin API:     POST ${server.url}/admin/api/2026-10/graphql.json`,
      `  access token:  ${DEMO_TOKEN}   (header X-Shopify-Access-Token)`,
      `  webhook secret: ${DEMO_SECRET}`,
      `  control API:   ${server.url}/sandbox/shopify   (see docs/sandbox.md)`,
      '',
      `  curl -s ${server.url}/admin/api/2026-10/graphql.json -H 'X-Shopify-Access-Token: ${DEMO_TOKEN}' -H 'Content-Type: application/json' -d '{"query":"{ shop { name } }"}'`,
      '',
    ].join('\n'),
  );
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: Error) => {
  process.stderr.write(`${e.stack ?? e.message}\n`);
  process.exit(1);
});
