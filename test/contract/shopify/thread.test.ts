/**
 * The store in its own worker thread, driven only over HTTP, on a clock shared with this thread:
 * the set-up the local NetSuite account needs (its N/https blocks the thread that calls Shopify).
 */
import http from 'http';
import { VirtualClock } from '../../../sandbox/clock';
import { startShopifyThread, type ShopifyThread } from '../../../sandbox/shopify/thread';
import { RETRY_OFFSETS_MS } from '../../../sandbox/shopify/webhooks/delivery';
import { acmeShop, SHOP, TOKEN } from './fixtures';
import { startReceiver, type Receiver } from './receiver';

describe('the store in a worker thread', () => {
  let thread: ShopifyThread;
  let receiver: Receiver;
  const clock = new VirtualClock(Date.parse('2026-11-02T09:00:00Z'));

  beforeAll(async () => {
    receiver = await startReceiver();
    // The default shop is another one, so only the Host header can reach Acme.
    thread = await startShopifyThread({ clock, shops: [{ domain: 'default-shop.myshopify.com' }, acmeShop()] });
  });
  afterAll(async () => {
    await thread.close();
    await receiver.close();
  });

  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${thread.url}/sandbox/shopify${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };

  /** node:http, because fetch does not let a caller set Host (N/https in the NetSuite stand-in will). */
  const post = (path: string, headers: Record<string, string>, body: string) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; json: { data?: unknown } }>((resolve, reject) => {
      const req = http.request(`${thread.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
      });
      req.on('error', reject);
      req.end(body);
    });

  it('answers the Admin API over HTTP, choosing the shop by Host header', async () => {
    const res = await post('/admin/api/2026-10/graphql.json', { 'X-Shopify-Access-Token': TOKEN, Host: SHOP }, JSON.stringify({ query: '{ shop { myshopifyDomain } companies(first: 1) { nodes { externalId } } }' }));
    expect(res.status).toBe(200);
    expect(res.headers['x-shopify-api-version']).toBe('2026-10');
    expect(res.json.data).toEqual({ shop: { myshopifyDomain: SHOP }, companies: { nodes: [{ externalId: 'NS-CUST-1001' }] } });
    // Without the Host header the request reaches the default shop, where Acme's token is unknown
    const byIp = await post('/admin/api/2026-10/graphql.json', { 'X-Shopify-Access-Token': TOKEN }, JSON.stringify({ query: '{ shop { id } }' }));
    expect(byIp.status).toBe(401);
  });

  it('reads the time from the shared clock', async () => {
    clock.advance(1_000);
    expect((await control('GET', '/clock')).json).toMatchObject({ now: '2026-11-02T09:00:01.000Z', virtual: true });
  });

  it('retries a webhook when this thread moves the clock and asks the worker to run what fell due', async () => {
    await control('POST', `/shops/${SHOP}/webhooks`, { topic: 'orders/create', uri: `${receiver.url}/orders` });
    receiver.answers.push(503);
    const placed = await control('POST', `/shops/${SHOP}/actions/place-order`, { company: 'NS-CUST-1001', lines: [{ sku: 'GLV-100', quantity: 1 }] });
    expect(placed.status).toBe(201);
    await control('POST', '/webhooks/flush');
    expect(receiver.received).toHaveLength(1);
    // The first retry is due 56 s after the event; the worker runs it when told
    clock.advance(RETRY_OFFSETS_MS[0]!);
    await thread.runDue();
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]!.headers['x-shopify-webhook-id']).toBe(receiver.received[0]!.headers['x-shopify-webhook-id']);
    const deliveries = (await control('GET', '/webhooks/deliveries')).json as unknown as { state: string; attempts: { status: number }[] }[];
    expect(deliveries.map((d) => [d.state, d.attempts.map((a) => a.status)])).toEqual([['delivered', [503, 200]]]);
  });
});
