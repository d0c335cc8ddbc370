/**
 * `npm run serve` as an admin would use it: one port, on real time, answering the curl examples of
 * the README and docs/sandbox.md, and syncing a Shopify order into NetSuite by itself.
 */
import { spawn, type ChildProcess } from 'child_process';
import path from 'path';
import { requestJson } from '../../sandbox/world';

const ROOT = path.resolve(__dirname, '../..');
let child: ChildProcess;
let url: string;

beforeAll(async () => {
  child = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'sandbox/serve.ts', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /Sandbox listening on (http:\/\/\S+)/.exec(out);
      if (m && out.includes('Try (more in docs/sandbox.md)')) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`npm run serve exited with ${code}:\n${out}\n${err}`)));
  });
}, 120_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
});

const suiteql = (q: string) =>
  requestJson<{ items: Record<string, string>[] }>('POST', `${url}/services/rest/query/v1/suiteql`, { q }, { Authorization: 'Bearer sandbox-token' });

it('answers the Admin API through the shared port', async () => {
  const res = await requestJson<{ data: { shop: { name: string } } }>('POST', `${url}/admin/api/2026-10/graphql.json`, { query: '{ shop { name } }' }, { 'X-Shopify-Access-Token': 'shpat_sandbox_acme_b2b' });
  expect(res.body.data.shop.name).toBe('Acme Industrial Supply');
});

it('starts level with the shop: companies as customers, the B2B orders as sales orders', async () => {
  const orders = await suiteql(`SELECT otherrefnum FROM transaction WHERE type = 'SalesOrd' ORDER BY otherrefnum`);
  expect(orders.body.items.map((i) => i.otherrefnum)).toEqual(['7731', 'PO-44021', 'PO-44022']);
  const companies = await suiteql(`SELECT companyname FROM customer WHERE parent IS NULL AND custentity_sb2b_gid IS NOT NULL ORDER BY companyname`);
  expect(companies.body.items.map((i) => i.companyname)).toEqual(['Globex Manufacturing', 'Initech', 'Stark Fabrication']);
});

it('turns an order a buyer places into a sales order, and its shipment into a Shopify fulfillment, within seconds on real time', async () => {
  const placed = await requestJson('POST', `${url}/sandbox/shopify/shops/acme-b2b.myshopify.com/actions/place-order`, {
    company: 'NS-CUST-1002',
    poNumber: 'SERVE-1',
    lines: [{ sku: 'HAT-YEL', quantity: 2 }],
  });
  expect(placed.status).toBe(201);
  let total: string | undefined;
  for (let i = 0; i < 100 && total === undefined; i++) {
    await new Promise((r) => setTimeout(r, 200));
    total = (await suiteql(`SELECT foreigntotal FROM transaction WHERE otherrefnum = 'SERVE-1'`)).body.items[0]?.foreigntotal;
  }
  expect(total).toBe('36');

  // The warehouse ships it through the NetSuite control API, as docs/sandbox.md shows with curl.
  const [so] = (await requestJson<{ id: number }[]>('POST', `${url}/sandbox/netsuite/query`, { q: `SELECT id FROM transaction WHERE otherrefnum = 'SERVE-1'` })).body;
  const shipped = await requestJson('POST', `${url}/sandbox/netsuite/ui/salesorder/${so.id}/transform/itemfulfillment`, {
    values: { shipstatus: 'C' },
    sublists: { package: [{ packagetrackingnumber: '1Z999AA10123456784' }] },
  });
  expect(shipped.status).toBe(200);
  let tracking: string[] = [];
  for (let i = 0; i < 100 && tracking.length === 0; i++) {
    await new Promise((r) => setTimeout(r, 200));
    const orders = (await requestJson<{ poNumber: string; fulfillments: { trackingInfo: { number: string }[] }[] }[]>('GET', `${url}/sandbox/shopify/shops/acme-b2b.myshopify.com/orders`)).body;
    tracking = orders.find((o) => o.poNumber === 'SERVE-1')!.fulfillments.flatMap((f) => f.trackingInfo.map((t) => t.number));
  }
  expect(tracking).toEqual(['1Z999AA10123456784']);
}, 60_000);

it('serves both control APIs and the relay on the same port', async () => {
  expect((await requestJson<{ accountId: string }>('GET', `${url}/sandbox/netsuite`)).body.accountId).toBeTruthy();
  expect((await requestJson<unknown[]>('GET', `${url}/sandbox/shopify/shops`)).status).toBe(200);
  const unsigned = await requestJson('POST', `${url}/webhooks`, { id: 1 }, { 'X-Shopify-Topic': 'orders/create', 'X-Shopify-Shop-Domain': 'acme-b2b.myshopify.com' });
  expect(unsigned.status).toBeGreaterThanOrEqual(400);
});
