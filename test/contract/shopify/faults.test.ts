/**
 * Every fault mode can be produced, by rate or as an exact sequence, and does what it says:
 * Admin API faults either stop the request before it runs or let it run and spoil the answer;
 * webhook faults drop, delay, duplicate or reorder deliveries.
 */
import { VirtualClock } from '../../../sandbox/clock';
import { serve } from '../../../sandbox/http';
import { createShopifyStore, type ShopifyStore } from '../../../sandbox/shopify/store';
import { acmeShop, SHOP, TOKEN } from './fixtures';
import { startReceiver, type Receiver } from './receiver';

const NOTE = 'mutation N($id: ID!, $note: String!) { companyUpdate(companyId: $id, input: { note: $note }) { company { note } userErrors { message } } }';

async function companyId(store: ShopifyStore): Promise<string> {
  return (await store.graphql({ query: '{ companies(first: 1) { nodes { id } } }' })).body.data.companies.nodes[0].id;
}

function noteNow(store: ShopifyStore): string | null {
  return [...store.shop().companies.values()][0]!.note;
}

async function addFault(store: ShopifyStore, rule: Record<string, unknown>) {
  const res = await store.request({ method: 'POST', path: '/sandbox/shopify/faults', body: Buffer.from(JSON.stringify(rule)) });
  expect(res!.status).toBe(201);
  return JSON.parse(String(res!.body));
}

describe('Admin API faults', () => {
  it.each([
    ['http429', 429],
    ['http500', 500],
    ['http502', 502],
    ['http503', 503],
  ])('%s answers HTTP %i and changes nothing', async (fault, status) => {
    const store = createShopifyStore({ shops: [acmeShop()] });
    const id = await companyId(store);
    await addFault(store, { target: 'admin', sequence: [fault] });
    const res = await store.graphql({ query: NOTE, variables: { id, note: 'changed' } });
    expect(res.status).toBe(status);
    expect(noteNow(store)).toBeNull();
    if (fault === 'http429') expect(res.headers['Retry-After']).toBe('2.0');
  });

  it('http500 after processing: the change happened, the client sees an error', async () => {
    const store = createShopifyStore({ shops: [acmeShop()] });
    const id = await companyId(store);
    await addFault(store, { target: 'admin', sequence: ['http500'], afterProcessing: true });
    const res = await store.graphql({ query: NOTE, variables: { id, note: 'applied' } });
    expect(res.status).toBe(500);
    expect(noteNow(store)).toBe('applied');
  });

  it('throttled answers Shopify\'s THROTTLED body without running the request', async () => {
    const store = createShopifyStore({ shops: [acmeShop()] });
    const id = await companyId(store);
    await addFault(store, { target: 'admin', sequence: ['throttled'] });
    const res = await store.graphql({ query: NOTE, variables: { id, note: 'changed' } });
    expect(res.status).toBe(200);
    expect(res.body.errors).toEqual([{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } }]);
    expect(res.body.extensions.cost.actualQueryCost).toBeNull();
    expect(noteNow(store)).toBeNull();
    expect(store.metrics.snapshot().total.throttled).toBe(1);
  });

  it('malformed runs the request and returns truncated JSON', async () => {
    const store = createShopifyStore({ shops: [acmeShop()] });
    const id = await companyId(store);
    await addFault(store, { target: 'admin', sequence: ['malformed'] });
    const res = await store.graphql({ query: NOTE, variables: { id, note: 'applied' } });
    expect(res.status).toBe(200);
    expect(typeof res.body).toBe('string');
    expect(() => JSON.parse(res.body)).toThrow();
    expect(noteNow(store)).toBe('applied');
  });

  it('follows an exact sequence, then stops', async () => {
    const store = createShopifyStore({ shops: [acmeShop()] });
    await addFault(store, { target: 'admin', sequence: ['throttled', 'ok', 'http503'] });
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      const res = await store.graphql({ query: '{ shop { id } }' });
      statuses.push(res.status === 200 && res.body.errors ? 'throttled' : res.status);
    }
    expect(statuses).toEqual(['throttled', 200, 503, 200]);
  });

  it('injects at a rate, the same way every run (seeded), only where it matches', async () => {
    const run = async () => {
      const store = createShopifyStore({ shops: [acmeShop()] });
      await addFault(store, { target: 'admin', fault: 'http503', rate: 0.3, seed: 7, match: { rootField: 'orders' } });
      const outcomes: number[] = [];
      for (let i = 0; i < 40; i++) outcomes.push((await store.graphql({ query: '{ orders(first: 1) { nodes { id } } }' })).status);
      const shopStatus = (await store.graphql({ query: '{ shop { id } }' })).status;
      return { outcomes, shopStatus, injected: store.faults.list()[0]!.injected };
    };
    const first = await run();
    const second = await run();
    expect(second).toEqual(first);
    expect(first.shopStatus).toBe(200);
    // About 30 % of 40, and the count matches what the clients saw
    expect(first.injected).toBeGreaterThan(5);
    expect(first.injected).toBeLessThan(20);
    expect(first.outcomes.filter((s) => s === 503)).toHaveLength(first.injected);
  });

  it('refuses a rule it cannot apply', async () => {
    const store = createShopifyStore({ shops: [acmeShop()] });
    const res = await store.request({ method: 'POST', path: '/sandbox/shopify/faults', body: Buffer.from(JSON.stringify({ target: 'admin', fault: 'drop' })) });
    expect(res!.status).toBe(400);
    expect(JSON.parse(String(res!.body)).error).toMatch(/unknown admin fault "drop"/);
  });

  describe('over a real socket', () => {
    it('reset drops the connection; timeout answers only after the client gave up, with the change made', async () => {
      const store = createShopifyStore({ shops: [acmeShop()] });
      const server = await serve(store.handlers);
      try {
        const id = await companyId(store);
        const call = (note: string, timeoutMs: number) =>
          fetch(`${server.url}/admin/api/2026-10/graphql.json`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-Shopify-Access-Token': TOKEN },
            body: JSON.stringify({ query: NOTE, variables: { id, note } }),
            signal: AbortSignal.timeout(timeoutMs),
          });
        await addFault(store, { target: 'admin', sequence: ['reset'] });
        await expect(call('reset', 10_000)).rejects.toThrow();
        expect(noteNow(store)).toBeNull();
        // The server holds its answer 20 s; the client gives up after 0.2 s. Margins, not timings.
        await addFault(store, { target: 'admin', sequence: ['timeout'], delayMs: 20_000 });
        await expect(call('slow', 200)).rejects.toThrow(/timeout|aborted/i);
        expect(noteNow(store)).toBe('slow');
        // With virtualLatency the answer comes at once and declares how late it is, for a client on the
        // same virtual clock (the local NetSuite account times out on it without real waiting).
        await addFault(store, { target: 'admin', sequence: ['timeout'], delayMs: 60_000, virtualLatency: true });
        const late = await call('late', 10_000);
        expect(late.headers.get('x-sandbox-latency-ms')).toBe('60000');
        expect(noteNow(store)).toBe('late');
      } finally {
        await server.close();
      }
    });
  });
});

describe('webhook faults', () => {
  let receiver: Receiver;
  let store: ShopifyStore;
  let clock: VirtualClock;
  beforeEach(async () => {
    receiver = await startReceiver();
    clock = new VirtualClock();
    store = createShopifyStore({ clock, shops: [acmeShop({ webhookSubscriptions: [] })] });
    await store.request({ method: 'POST', path: `/sandbox/shopify/shops/${SHOP}/webhooks`, body: Buffer.from(JSON.stringify({ topic: 'companies/update', uri: `${receiver.url}/hooks` })) });
  });
  afterEach(() => receiver.close());

  const update = async (note: string) => {
    await store.graphql({ query: NOTE, variables: { id: await companyId(store), note } });
    await store.webhooks.idle();
  };
  const notes = () => receiver.received.map((r) => r.json.note);

  it('drop: the delivery is never sent', async () => {
    await addFault(store, { target: 'webhook', sequence: ['drop'] });
    await update('one');
    await update('two');
    expect(notes()).toEqual(['two']);
    expect(store.webhooks.deliveries.map((d) => d.state)).toEqual(['dropped', 'delivered']);
  });

  it('late: the delivery goes out when the clock reaches its delay', async () => {
    await addFault(store, { target: 'webhook', sequence: ['late'], delayMs: 15 * 60_000 });
    await update('one');
    expect(notes()).toEqual([]);
    clock.advance(15 * 60_000);
    await store.webhooks.idle();
    expect(notes()).toEqual(['one']);
    // X-Shopify-Triggered-At still says when it happened
    expect(receiver.received[0]!.headers['x-shopify-triggered-at']).toBe('2026-11-02T09:00:00.000Z');
  });

  it('duplicate: the same delivery arrives twice, same X-Shopify-Webhook-Id', async () => {
    await addFault(store, { target: 'webhook', sequence: ['duplicate'] });
    await update('one');
    await store.webhooks.idle();
    expect(notes()).toEqual(['one', 'one']);
    expect(receiver.received[0]!.headers['x-shopify-webhook-id']).toBe(receiver.received[1]!.headers['x-shopify-webhook-id']);
  });

  it('reorder: the held delivery arrives after the next one', async () => {
    await addFault(store, { target: 'webhook', sequence: ['reorder'] });
    await update('first');
    await update('second');
    await store.webhooks.idle();
    expect(notes()).toEqual(['second', 'first']);
  });
});
