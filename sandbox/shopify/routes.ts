/**
 * HTTP: the Admin API handler (`POST /admin/api/<version>/graphql.json`) and the control API
 * handler (`/sandbox/shopify/...`). Both are plain Handlers (sandbox/http.ts), so one server can
 * serve them next to the local NetSuite account's.
 *
 * The shop is chosen by the Host header (`acme-b2b.myshopify.com`); any other host (such as
 * 127.0.0.1:PORT) gets the default shop. The Admin API checks, in Shopify's order: route and
 * version (404), access token (401), body (400), then everything in executor.ts. Injected faults
 * are applied here, around the execution.
 */
import { randomUUID } from 'crypto';
import { Kind, parse } from 'graphql';
import type { Handler, SandboxRequest, SandboxResponse } from '../http';
import { BAD_REQUEST_BODY, NOT_FOUND_BODY, UNAUTHORIZED_BODY } from './errors';
import { executeAdminGraphQL, type GraphQLBody } from './executor';
import { FaultRuleError, type FaultDecision, type FaultRuleSpec } from './faults';
import { idOf } from './gid';
import { companiesSnapshot, inventorySnapshot, orderSnapshot, productsSnapshot, shopSummary } from './inspect';
import { companyUpdate } from './models/companies';
import { editLineQuantity, orderCancel } from './models/orders';
import { resolveApiVersion, OLDEST_API_VERSION } from './schema';
import { SeedError, seedOrder, seedShop, seedSubscription, type OrderSeed, type ShopData, type ShopSeed } from './seed';
import type { ShopifyStore } from './store';
import { VirtualClock } from '../clock';

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8' };

function json(status: number, body: unknown, headers: Record<string, string> = {}): SandboxResponse {
  return { status, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
}

/** Root field names of a query, best effort (for fault matching before execution). */
function peekRootFields(query: unknown): { rootFields: string[]; operationName: string | null } {
  try {
    const doc = parse(String(query));
    const op = doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    if (!op || op.kind !== Kind.OPERATION_DEFINITION) return { rootFields: [], operationName: null };
    return { rootFields: op.selectionSet.selections.filter((s) => s.kind === Kind.FIELD).map((s) => (s.kind === Kind.FIELD ? s.name.value : '')), operationName: op.name?.value ?? null };
  } catch {
    return { rootFields: [], operationName: null };
  }
}

function readBody(req: SandboxRequest): GraphQLBody | undefined {
  const contentType = req.headers['content-type'] ?? '';
  const text = req.body.toString('utf8');
  if (contentType.startsWith('application/graphql')) return { query: text };
  try {
    const parsed = JSON.parse(text) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
    const body = parsed as GraphQLBody;
    return typeof body.query === 'string' && body.query.trim() ? body : undefined;
  } catch {
    return undefined;
  }
}

const FAULT_RESPONSES: Record<string, () => SandboxResponse> = {
  http429: () => json(429, { errors: 'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.' }, { 'Retry-After': '2.0' }),
  http500: () => json(500, { errors: 'Internal Server Error' }),
  http502: () => ({ status: 502, headers: { 'Content-Type': 'text/html' }, body: '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>' }),
  http503: () => ({ status: 503, headers: { 'Content-Type': 'text/html', 'Retry-After': '5' }, body: '<html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1></body></html>' }),
};

export function createAdminHandler(store: ShopifyStore): Handler {
  return (req) => {
    const match = /^\/admin\/api\/(?:([^/]+)\/)?graphql\.json$/.exec(req.path);
    if (!match) return req.path.startsWith('/admin/') ? json(404, NOT_FOUND_BODY) : undefined;
    if (req.method !== 'POST') return json(404, NOT_FOUND_BODY);
    // A request without a version gets the oldest supported one (shopify.dev versioning).
    const version = match[1] === undefined ? OLDEST_API_VERSION : resolveApiVersion(match[1]);
    if (!version) return json(404, NOT_FOUND_BODY);
    const shop = store.shopForHost(req.headers.host);
    const app = shop.appForToken(req.headers['x-shopify-access-token']);
    const common = { 'X-Shopify-API-Version': version, 'X-Request-Id': randomUUID() };
    if (!app) {
      store.metrics.record({ shop: shop.domain, operation: '(unauthorized)', status: 401, requestedCost: null, actualCost: null, throttled: false, fault: null, errors: true });
      return json(401, UNAUTHORIZED_BODY, { ...common, 'WWW-Authenticate': 'Basic Realm="Shopify API Authentication"' });
    }
    const body = readBody(req);
    if (!body) return json(400, BAD_REQUEST_BODY, common);

    const peek = peekRootFields(body.query);
    const decision: FaultDecision | undefined = store.faults.decide('admin', { shop: shop.domain, rootFields: peek.rootFields, operationName: typeof body.operationName === 'string' ? body.operationName : peek.operationName });
    const fault = decision?.fault ?? null;
    const operationLabel = (name: string | null, fields: string[]) => name ?? (fields.join('+') || '(none)');
    const record = (status: number, r?: ReturnType<typeof executeAdminGraphQL>) =>
      store.metrics.record({
        shop: shop.domain,
        operation: operationLabel(r?.operationName ?? peek.operationName, r?.rootFields ?? peek.rootFields),
        status,
        requestedCost: r?.cost?.requestedQueryCost ?? null,
        actualCost: r?.cost?.actualQueryCost ?? null,
        throttled: r?.throttled ?? false,
        fault,
        errors: Boolean(r && 'errors' in r.body),
      });

    if (fault && FAULT_RESPONSES[fault] && !decision!.rule.afterProcessing) {
      record(Number(FAULT_RESPONSES[fault]().status));
      return { ...FAULT_RESPONSES[fault](), headers: { ...FAULT_RESPONSES[fault]().headers, ...common } };
    }
    if (fault === 'reset' && !decision!.rule.afterProcessing) {
      record(0);
      return { status: 0, reset: true };
    }
    const result = executeAdminGraphQL({ shop, app, version, body, maxQueryCost: store.options.maxQueryCost, forceThrottle: fault === 'throttled' });
    const text = JSON.stringify(result.body);
    if (fault && FAULT_RESPONSES[fault]) {
      // afterProcessing: the change happened, the client sees a server error.
      record(Number(FAULT_RESPONSES[fault]().status), result);
      return { ...FAULT_RESPONSES[fault](), headers: { ...FAULT_RESPONSES[fault]().headers, ...common } };
    }
    if (fault === 'reset') {
      record(0, result);
      return { status: 0, reset: true };
    }
    record(200, result);
    if (fault === 'malformed') return { status: 200, headers: { ...JSON_HEADERS, ...common }, body: text.slice(0, Math.max(1, Math.floor(text.length / 2))) };
    const response: SandboxResponse = { status: 200, headers: { ...JSON_HEADERS, ...common }, body: text };
    if (fault === 'timeout') {
      const delay = decision!.rule.delayMs ?? 30_000;
      if (decision!.rule.virtualLatency) response.headers = { ...response.headers, 'x-sandbox-latency-ms': String(delay) };
      else response.delayMs = delay;
    }
    return response;
  };
}

// ---- control API --------------------------------------------------------------------------------

function parseJson(req: SandboxRequest): Record<string, unknown> {
  if (req.body.length === 0) return {};
  const value = JSON.parse(req.body.toString('utf8')) as unknown;
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new SeedError('the body must be a JSON object');
  return value as Record<string, unknown>;
}

type Route = { method: string; pattern: RegExp; run: (req: SandboxRequest, params: string[]) => SandboxResponse | Promise<SandboxResponse> };

export function createControlHandler(store: ShopifyStore): Handler {
  const shopParam = (domain: string) => {
    const shop = store.shops.get(decodeURIComponent(domain).toLowerCase());
    if (!shop) throw new NotFound(`no shop ${domain}`);
    return shop;
  };
  const routes: Route[] = [
    { method: 'GET', pattern: /^$/, run: () => json(200, store.describe()) },
    { method: 'POST', pattern: /^\/reset$/, run: () => (store.reset(), json(200, store.describe())) },
    {
      method: 'POST',
      pattern: /^\/shops$/,
      run: (req) => {
        const seed = parseJson(req) as unknown as ShopSeed;
        if (!seed.domain) throw new SeedError('`domain` is required');
        if (store.shops.has(seed.domain.toLowerCase())) throw new SeedError(`shop ${seed.domain} exists`);
        const shop = store.addShop(seed);
        return json(201, { ...shopSummary(shop), adminUrl: `/admin/api/2026-10/graphql.json` });
      },
    },
    { method: 'GET', pattern: /^\/shops$/, run: () => json(200, [...store.shops.values()].map(shopSummary)) },
    { method: 'GET', pattern: /^\/shops\/([^/]+)$/, run: (_r, [d]) => json(200, shopSummary(shopParam(d!))) },
    { method: 'POST', pattern: /^\/shops\/([^/]+)\/seed$/, run: (req, [d]) => json(200, seedShop(shopParam(d!), parseJson(req) as ShopData)) },
    {
      method: 'GET',
      pattern: /^\/shops\/([^/]+)\/orders$/,
      run: (req, [d]) => {
        const shop = shopParam(d!);
        const since = req.query.get('updatedSince');
        const orders = [...shop.orders.values()].filter((o) => !since || o.updatedAt > Date.parse(since));
        return json(200, orders.map((o) => orderSnapshot(shop, o)));
      },
    },
    {
      method: 'GET',
      pattern: /^\/shops\/([^/]+)\/orders\/([^/]+)$/,
      run: (_r, [d, id]) => {
        const shop = shopParam(d!);
        const order = shop.orders.get(idOf(decodeURIComponent(id!), 'Order') ?? Number(id));
        if (!order) throw new NotFound(`no order ${id}`);
        return json(200, orderSnapshot(shop, order));
      },
    },
    { method: 'GET', pattern: /^\/shops\/([^/]+)\/inventory$/, run: (req, [d]) => json(200, inventorySnapshot(shopParam(d!), req.query.get('sku') ?? undefined)) },
    { method: 'GET', pattern: /^\/shops\/([^/]+)\/products$/, run: (_r, [d]) => json(200, productsSnapshot(shopParam(d!))) },
    { method: 'GET', pattern: /^\/shops\/([^/]+)\/companies$/, run: (_r, [d]) => json(200, companiesSnapshot(shopParam(d!))) },
    { method: 'GET', pattern: /^\/shops\/([^/]+)\/webhooks$/, run: (_r, [d]) => json(200, [...shopParam(d!).webhookSubscriptions.values()]) },
    { method: 'POST', pattern: /^\/shops\/([^/]+)\/webhooks$/, run: (req, [d]) => json(201, seedSubscription(shopParam(d!), parseJson(req) as never)) },
    {
      method: 'POST',
      pattern: /^\/shops\/([^/]+)\/bucket$/,
      run: (req, [d]) => {
        const shop = shopParam(d!);
        const body = parseJson(req) as { appId?: string; currentlyAvailable?: number };
        const bucket = shop.bucketFor(body.appId ?? shop.apps[0]!.id);
        if (typeof body.currentlyAvailable === 'number') bucket.set(body.currentlyAvailable);
        return json(200, bucket.status());
      },
    },
    // Buyer and merchant actions: they change the shop the way Shopify's own UI would, webhooks included.
    {
      method: 'POST',
      pattern: /^\/shops\/([^/]+)\/actions\/place-order$/,
      run: (req, [d]) => {
        const shop = shopParam(d!);
        const order = seedOrder(shop, parseJson(req) as unknown as OrderSeed, 'DECREMENT_OBEYING_POLICY');
        return json(201, orderSnapshot(shop, order));
      },
    },
    {
      method: 'POST',
      pattern: /^\/shops\/([^/]+)\/actions\/edit-order$/,
      run: (req, [d]) => {
        const shop = shopParam(d!);
        const body = parseJson(req) as { orderId: string; lineItemId?: string; sku?: string; quantity: number };
        const order = shop.orders.get(idOf(body.orderId, 'Order') ?? -1);
        if (!order) throw new NotFound(`no order ${body.orderId}`);
        const line = order.lineItems.find((l) => (body.lineItemId ? idOf(body.lineItemId, 'LineItem') === l.id : l.sku === body.sku));
        if (!line) throw new SeedError('no such line item on the order');
        const errors = editLineQuantity(shop, order, line.id, body.quantity);
        if (errors.length) throw new SeedError(errors.map((e) => e.message).join('; '));
        return json(200, orderSnapshot(shop, order));
      },
    },
    {
      method: 'POST',
      pattern: /^\/shops\/([^/]+)\/actions\/cancel-order$/,
      run: (req, [d]) => {
        const shop = shopParam(d!);
        const body = parseJson(req) as { orderId: string; reason?: 'CUSTOMER'; restock?: boolean };
        const r = orderCancel(shop, { orderId: body.orderId, reason: body.reason ?? 'CUSTOMER', restock: body.restock ?? true });
        if (!r.ok) throw new SeedError(r.userErrors.map((e) => e.message).join('; '));
        return json(200, orderSnapshot(shop, shop.orders.get(idOf(body.orderId, 'Order')!)!));
      },
    },
    {
      method: 'POST',
      pattern: /^\/shops\/([^/]+)\/actions\/update-company$/,
      run: (req, [d]) => {
        const shop = shopParam(d!);
        const { companyId, ...input } = parseJson(req) as { companyId: string; name?: string; note?: string; externalId?: string };
        const r = companyUpdate(shop, companyId, input);
        if (!r.company) throw new SeedError(r.userErrors.map((e) => e.message).join('; '));
        return json(200, companiesSnapshot(shop).find((c) => c.id === companyId));
      },
    },
    { method: 'GET', pattern: /^\/webhooks\/deliveries$/, run: (req) => json(200, store.webhooks.deliveries.filter((x) => (!req.query.get('shop') || x.shop === req.query.get('shop')) && (!req.query.get('topic') || x.topic === req.query.get('topic')))) },
    { method: 'POST', pattern: /^\/webhooks\/flush$/, run: async () => (await store.webhooks.idle(), json(200, { inFlight: 0 })) },
    { method: 'GET', pattern: /^\/faults$/, run: () => json(200, store.faults.list()) },
    { method: 'POST', pattern: /^\/faults$/, run: (req) => json(201, store.faults.add(parseJson(req) as unknown as FaultRuleSpec)) },
    { method: 'DELETE', pattern: /^\/faults$/, run: () => (store.faults.clear(), json(200, [])) },
    { method: 'DELETE', pattern: /^\/faults\/([^/]+)$/, run: (_r, [id]) => json(store.faults.remove(id!) ? 200 : 404, store.faults.list()) },
    { method: 'GET', pattern: /^\/metrics$/, run: () => json(200, store.metrics.snapshot()) },
    { method: 'POST', pattern: /^\/metrics\/reset$/, run: () => (store.metrics.reset(), json(200, store.metrics.snapshot())) },
    { method: 'GET', pattern: /^\/clock$/, run: () => json(200, store.clockStatus()) },
    {
      method: 'POST',
      pattern: /^\/clock\/advance$/,
      run: async (req) => {
        if (!(store.clock instanceof VirtualClock)) throw new SeedError('the store runs on real time; there is no clock to advance');
        const body = parseJson(req) as { ms?: number; to?: string };
        if (body.to) store.clock.advanceTo(Date.parse(body.to));
        else store.clock.advance(Number(body.ms ?? 0));
        await store.webhooks.idle();
        return json(200, store.clockStatus());
      },
    },
    {
      method: 'POST',
      pattern: /^\/clock\/run-due$/,
      run: async () => {
        // After another thread moved the shared clock: run the timers that fell due.
        if (store.clock instanceof VirtualClock) store.clock.runDue();
        await store.webhooks.idle();
        return json(200, store.clockStatus());
      },
    },
  ];
  return async (req) => {
    if (!req.path.startsWith('/sandbox/shopify')) return undefined;
    const rest = req.path.slice('/sandbox/shopify'.length).replace(/\/$/, '');
    for (const route of routes) {
      const m = route.pattern.exec(rest);
      if (!m || route.method !== req.method) continue;
      try {
        return await route.run(req, m.slice(1));
      } catch (e) {
        if (e instanceof NotFound) return json(404, { error: e.message });
        if (e instanceof SeedError || e instanceof SyntaxError || e instanceof FaultRuleError) return json(400, { error: e.message });
        throw e;
      }
    }
    return json(404, { error: `no control route ${req.method} ${req.path}` });
  };
}

class NotFound extends Error {}
