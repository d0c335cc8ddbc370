import { ShopifyClient, readPages, type BucketTracker, type CallRecord } from '../../../src/shopify/client';
import { ShopifyAuthError, ShopifyHttpError, ShopifyNetworkError, ShopifyThrottledError, ShopifyUserError } from '../../../src/shopify/errors';
import { defineOperation } from '../../../src/shopify/operation';
import type { BucketEstimate } from '../../../src/shopify/pacing';
import { TransportError, type HttpResponse } from '../../../src/shopify/transport';

const Shop = defineOperation<{ shop: { name: string } }>('# cost: 2\nquery ShopInfo { shop { name } }');
const Tag = defineOperation<{ tagsAdd: { node: { id: string } | null; userErrors: { field: string[]; message: string; code?: string }[] } }>(
  '# cost: 10\nmutation Tag($id: ID!) { tagsAdd(id: $id, tags: ["b2b"]) { node { id } userErrors { field message } } }',
);
const SetInventory = defineOperation<{ inventorySetQuantities: { userErrors: [] } }>(
  '# cost: 10\nmutation SetInv($input: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $input) @idempotent(key: "k1") { userErrors { code } } }',
);

const TOKEN = 'shpat_secret_token_value';
const ok = (data: unknown, available = 990, requested = 2): HttpResponse => ({
  status: 200,
  headers: { 'x-request-id': 'req-1' },
  body: JSON.stringify({
    data,
    extensions: { cost: { requestedQueryCost: requested, actualQueryCost: requested, throttleStatus: { maximumAvailable: 1000, currentlyAvailable: available, restoreRate: 50 } } },
  }),
});
const throttled = (available: number, requested = 2): HttpResponse => ({
  status: 200,
  headers: {},
  body: JSON.stringify({
    errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } }],
    extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: { maximumAvailable: 1000, currentlyAvailable: available, restoreRate: 50 } } },
  }),
});
const status = (code: number, body = '{"errors":"boom"}', headers: Record<string, string> = {}): HttpResponse => ({ status: code, headers, body });

/** A Shopify that answers from a script, on a clock that pauses move forward. */
function harness(answers: (HttpResponse | Error)[], options: { maxPauseMs?: number; random?: () => number } = {}) {
  let now = 1_000_000;
  const sent: { url: string; headers: Record<string, unknown>; body: string; at: number }[] = [];
  const pauses: number[] = [];
  const calls: CallRecord[] = [];
  const bucketMap = new Map<string, BucketEstimate>();
  const buckets: BucketTracker = { get: (s) => bucketMap.get(s), set: (s, e) => void bucketMap.set(s, e) };
  const client = new ShopifyClient({
    shopDomain: 'acme-b2b.myshopify.com',
    apiVersion: '2026-10',
    accessToken: TOKEN,
    now: () => now,
    pause: (ms) => {
      pauses.push(ms);
      now += ms;
    },
    random: options.random ?? (() => 0.5),
    buckets,
    maxPauseMs: options.maxPauseMs,
    onCall: (c) => calls.push(c),
    transport: {
      post: (url, headers, body) => {
        sent.push({ url, headers, body, at: now });
        const answer = answers.shift();
        if (!answer) throw new Error('test: Shopify was asked more often than scripted');
        if (answer instanceof Error) throw answer;
        return answer;
      },
    },
  });
  return { client, sent, pauses, calls, bucketMap, advance: (ms: number) => (now += ms) };
}

describe('ShopifyClient', () => {
  it('posts the operation to the versioned endpoint with the token header and returns its data', () => {
    const { client, sent, calls } = harness([ok({ shop: { name: 'Acme' } })]);
    const result = client.request(Shop);
    expect(result.data).toEqual({ shop: { name: 'Acme' } });
    expect(result.requestId).toBe('req-1');
    expect(sent).toHaveLength(1);
    expect(sent[0].url).toBe('https://acme-b2b.myshopify.com/admin/api/2026-10/graphql.json');
    expect(sent[0].headers['X-Shopify-Access-Token']).toBe(TOKEN);
    expect(JSON.parse(sent[0].body)).toEqual({ query: Shop.document, variables: {}, operationName: 'ShopInfo' });
    expect(calls).toEqual([expect.objectContaining({ operation: 'ShopInfo', attempt: 1, status: 200, requestedCost: 2, actualCost: 2, throttled: false })]);
  });

  it('waits out THROTTLED for as long as the bucket arithmetic says, then succeeds', () => {
    const { client, sent, pauses } = harness([throttled(0, 100), ok({ shop: { name: 'Acme' } })]);
    expect(client.request(Shop).data.shop.name).toBe('Acme');
    expect(sent).toHaveLength(2);
    // (requested 100 − available 0) / 50 per second = 2 s
    expect(pauses).toEqual([2000]);
  });

  it.each([400, 503])('waits out THROTTLED that comes with HTTP %i, as the bucket says, and succeeds', (code) => {
    const { client, sent, pauses, calls } = harness([{ ...throttled(0, 100), status: code }, ok({ shop: { name: 'Acme' } })]);
    expect(client.request(Shop).data.shop.name).toBe('Acme');
    expect(sent).toHaveLength(2);
    expect(pauses).toEqual([2000]); // the bucket's arithmetic, not a 5xx backoff
    expect(calls[0]).toMatchObject({ status: code, throttled: true });
  });

  it('gives a long throttle wait back to the caller instead of spinning', () => {
    const { client, sent } = harness([throttled(0, 500)], { maxPauseMs: 3000 });
    expect(() => client.request(Shop)).toThrow(expect.objectContaining({ constructor: ShopifyThrottledError, retryAfterMs: 10000, retriable: true }));
    expect(sent).toHaveLength(1);
  });

  it('paces before sending when the last observation says the bucket cannot hold the next request', () => {
    const { client, sent, pauses, advance } = harness([ok({ shop: { name: 'A' } }, 5), ok({ shop: { name: 'B' } })]);
    client.request(Shop);
    advance(100); // 5 points restored since
    const big = defineOperation('# cost: 105\nquery Big { shop { name } }');
    client.request(big);
    // needs 105, has 5 + 0.1 s × 50 = 10: (105 − 10) / 50 = 1.9 s before sending
    expect(pauses).toEqual([1900]);
    expect(sent[1].at - sent[0].at).toBe(2000);
  });

  it('honours Retry-After on HTTP 429', () => {
    const { client, pauses } = harness([status(429, '{"errors":"Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service."}', { 'retry-after': '2.0' }), ok({ shop: { name: 'A' } })]);
    client.request(Shop);
    expect(pauses).toEqual([2000]);
  });

  it('retries a 503 with backoff and succeeds: 1 initial + 1 retry', () => {
    const { client, sent, pauses } = harness([status(503), ok({ shop: { name: 'A' } })]);
    client.request(Shop);
    expect(sent).toHaveLength(2);
    expect(pauses).toEqual([188]); // first backoff: 250 ms ceiling, half fixed + half jitter at 0.5
  });

  it('fits 1 initial + 3 retries in the pause budget even with the longest jitter, so the count never depends on chance', () => {
    const { client, sent, pauses } = harness([status(503), status(503), status(503), status(503)], { random: () => 0.999999 });
    expect(() => client.request(Shop)).toThrow(ShopifyHttpError);
    expect(sent).toHaveLength(4);
    expect(pauses).toEqual([250, 500, 1000]);
  });

  it('stops after 1 initial + 3 retries of a failing 503 and says it may succeed later', () => {
    const { client, sent } = harness([status(503), status(503), status(503), status(503)]);
    expect(() => client.request(Shop)).toThrow(expect.objectContaining({ constructor: ShopifyHttpError, status: 503, retriable: true, code: 'SHOPIFY_HTTP_503' }));
    expect(sent).toHaveLength(4);
  });

  it('retries a timed-out query and an idempotent mutation, but not a mutation Shopify may have run', () => {
    const timeout = () => new TransportError('timeout', 'SSS_REQUEST_TIME_EXCEEDED');
    const query = harness([timeout(), ok({ shop: { name: 'A' } })]);
    expect(query.client.request(Shop).data.shop.name).toBe('A');

    const idempotent = harness([timeout(), ok({ inventorySetQuantities: { userErrors: [] } })]);
    idempotent.client.request(SetInventory, { input: {} });
    expect(idempotent.sent).toHaveLength(2);

    const unsafe = harness([timeout()]);
    expect(() => unsafe.client.request(Tag, { id: 'gid://shopify/Order/1' })).toThrow(
      expect.objectContaining({ constructor: ShopifyNetworkError, code: 'SHOPIFY_TIMEOUT', retriable: true }),
    );
    expect(unsafe.sent).toHaveLength(1);
  });

  it('does retry a throttled non-idempotent mutation: Shopify did not run it', () => {
    const { client, sent } = harness([throttled(0, 10), ok({ tagsAdd: { node: { id: 'x' }, userErrors: [] } })]);
    client.mutate(Tag, { id: 'gid://shopify/Order/1' }, 'tagsAdd');
    expect(sent).toHaveLength(2);
  });

  it('reports a refused token at once, as needing a person, without leaking the token', () => {
    const { client, sent } = harness([status(401, '{"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"}')]);
    let error: unknown;
    try {
      client.request(Shop);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ShopifyAuthError);
    expect(error).toMatchObject({ needsPerson: true, retriable: false, code: 'SHOPIFY_AUTH' });
    expect((error as Error).message).toContain('Invalid API key or access token');
    expect((error as Error).message).not.toContain(TOKEN);
    expect(sent).toHaveLength(1);
  });

  it('turns userErrors into a ShopifyUserError, permanent unless Shopify says to try again', () => {
    const refused = harness([ok({ tagsAdd: { node: null, userErrors: [{ field: ['id'], message: 'Order does not exist', code: 'NOT_FOUND' }] } })]);
    expect(() => refused.client.mutate(Tag, { id: 'gid://shopify/Order/1' }, 'tagsAdd')).toThrow(
      expect.objectContaining({ constructor: ShopifyUserError, code: 'SHOPIFY_USER_ERROR_NOT_FOUND', retriable: false, message: 'Tag was refused by Shopify: id: Order does not exist (NOT_FOUND)' }),
    );
    const busy = harness([ok({ tagsAdd: { node: null, userErrors: [{ field: null, message: 'in progress', code: 'IDEMPOTENCY_CONCURRENT_REQUEST' }] } })]);
    expect(() => busy.client.mutate(Tag, { id: 'gid://shopify/Order/1' }, 'tagsAdd')).toThrow(expect.objectContaining({ retriable: true }));
  });

  it('retries a query whose answer is not JSON', () => {
    const { client, sent } = harness([{ status: 200, headers: {}, body: '<html>bad gateway</html>' }, ok({ shop: { name: 'A' } })]);
    expect(client.request(Shop).data.shop.name).toBe('A');
    expect(sent).toHaveLength(2);
  });
});

describe('readPages', () => {
  const Orders = defineOperation<{ orders: { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }, { after?: string | null }>(
    '# cost: 12\nquery Orders($after: String) { orders(first: 10, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }',
  );
  const page = (ids: string[], next: string | null) => ok({ orders: { nodes: ids.map((id) => ({ id })), pageInfo: { hasNextPage: next !== null, endCursor: next } } });

  it('follows cursors to the last page', () => {
    const { client, sent } = harness([page(['1', '2'], 'c2'), page(['3'], null)]);
    const result = readPages(client, Orders, {}, (d) => d.orders);
    expect(result).toEqual({ nodes: [{ id: '1' }, { id: '2' }, { id: '3' }], resumeAfter: null, complete: true });
    expect(JSON.parse(sent[1].body).variables).toEqual({ after: 'c2' });
  });

  it('stops when told to and says where to resume', () => {
    const { client } = harness([page(['1'], 'c1')]);
    expect(readPages(client, Orders, {}, (d) => d.orders, () => false)).toEqual({ nodes: [{ id: '1' }], resumeAfter: 'c1', complete: false });
  });

  it('handles an empty connection', () => {
    const { client } = harness([page([], null)]);
    expect(readPages(client, Orders, {}, (d) => d.orders).nodes).toEqual([]);
  });
});
