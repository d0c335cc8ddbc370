/**
 * The local Shopify store: shops (chosen by Host header), their Admin API, webhooks, faults and
 * metrics, on one clock. Use it in process for fast contract tests:
 *
 * @example
 *   const store = createShopifyStore({ shops: [{ domain: 'acme-b2b.myshopify.com', locations: [{ name: 'Main' }] }] });
 *   const res = await store.graphql({ query: '{ shop { name } }' });
 *   res.body.data.shop.name; // 'acme-b2b'
 *
 * or over HTTP through `store.handlers` (serve.ts, thread.ts).
 */
import type { Clock } from '../clock';
import { VirtualClock } from '../clock';
import type { Handler, SandboxRequest, SandboxResponse } from '../http';
import { FaultEngine } from './faults';
import { Metrics } from './metrics';
import { defaultApp, ShopState, type App } from './models/shop';
import { createAdminHandler, createControlHandler } from './routes';
import { DEFAULT_API_VERSION, type ApiVersion } from './schema';
import { seedShop, type ShopSeed } from './seed';
import { WebhookDispatcher, type DeliveryOptions } from './webhooks/delivery';

export interface ShopifyStoreOptions {
  /** Default: a VirtualClock the store owns (advance it with `store.clock.advance`). */
  clock?: Clock;
  /** Shops to create (and seed). Default: one empty shop, `sandbox-b2b.myshopify.com`. */
  shops?: ShopSeed[];
  /** The shop for requests whose Host is not a known shop. Default: the first shop. */
  defaultShop?: string;
  webhooks?: DeliveryOptions;
  /** Single-query cost limit; Shopify's is 1000. */
  maxQueryCost?: number;
}

export interface GraphQLCall {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  /** Default: the default shop's domain. */
  shop?: string;
  /** Default: the shop's first app's token; null sends no token. */
  token?: string | null;
  version?: ApiVersion | string;
}

export interface GraphQLCallResult {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON, or the raw text when the body is not JSON (e.g. a malformed-body fault). */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  raw: SandboxResponse;
}

export interface ShopifyStore {
  readonly clock: Clock;
  readonly options: ShopifyStoreOptions;
  readonly shops: Map<string, ShopState>;
  readonly faults: FaultEngine;
  readonly metrics: Metrics;
  readonly webhooks: WebhookDispatcher;
  /** The Admin API handler and the control API handler, for a server's handler list. */
  readonly handlers: Handler[];
  shop(domain?: string): ShopState;
  shopForHost(host: string | undefined): ShopState;
  addShop(seed: ShopSeed): ShopState;
  /** Back to the state the options describe: shops re-created and re-seeded, faults, metrics and deliveries cleared. */
  reset(): void;
  /** An Admin API call through the same handler as HTTP (faults, metrics and all). */
  graphql(call: GraphQLCall): Promise<GraphQLCallResult>;
  /** Any request through the handlers, as the HTTP server would pass it. */
  request(req: Partial<SandboxRequest> & { path: string }): Promise<SandboxResponse | undefined>;
  describe(): Record<string, unknown>;
  clockStatus(): Record<string, unknown>;
}

function appsFromSeed(seed: ShopSeed): App[] | undefined {
  return seed.apps?.map((a) => ({ id: a.id, title: a.title ?? a.id, accessTokens: a.accessTokens ?? (a.accessToken ? [a.accessToken] : []), clientSecret: a.clientSecret }));
}

export function createShopifyStore(options: ShopifyStoreOptions = {}): ShopifyStore {
  const clock = options.clock ?? new VirtualClock();
  const faults = new FaultEngine();
  const metrics = new Metrics();
  const webhooks = new WebhookDispatcher(clock, faults, options.webhooks);
  const shops = new Map<string, ShopState>();
  const initialSeeds = options.shops ?? [{ domain: 'sandbox-b2b.myshopify.com', locations: [{ name: 'Main warehouse' }] }];
  let defaultDomain = (options.defaultShop ?? initialSeeds[0]?.domain ?? 'sandbox-b2b.myshopify.com').toLowerCase();

  webhooks.onGiveUp((delivery) => {
    const shop = shops.get(delivery.shop);
    shop?.webhookSubscriptions.delete(delivery.subscriptionId);
  });

  const addShop = (seed: ShopSeed): ShopState => {
    const { locations, products, customers, companies, orders, webhookSubscriptions, ...config } = seed;
    const shop = new ShopState(clock, { ...config, apps: appsFromSeed(seed) ?? [defaultApp(seed.domain.toLowerCase())] });
    shop.onEvent((event) => webhooks.onEvent(shop, event));
    shops.set(shop.domain, shop);
    seedShop(shop, { locations, products, customers, companies, orders, webhookSubscriptions });
    return shop;
  };

  const store: ShopifyStore = {
    clock,
    options,
    shops,
    faults,
    metrics,
    webhooks,
    handlers: [],
    shop(domain) {
      const shop = shops.get((domain ?? defaultDomain).toLowerCase());
      if (!shop) throw new Error(`no shop ${domain ?? defaultDomain}`);
      return shop;
    },
    shopForHost(host) {
      const name = (host ?? '').toLowerCase().replace(/:\d+$/, '');
      return shops.get(name) ?? store.shop();
    },
    addShop,
    reset() {
      shops.clear();
      faults.clear();
      metrics.reset();
      webhooks.clear();
      for (const seed of initialSeeds) addShop(seed);
      defaultDomain = (options.defaultShop ?? initialSeeds[0]?.domain ?? 'sandbox-b2b.myshopify.com').toLowerCase();
    },
    async graphql(call) {
      const shop = store.shop(call.shop);
      const headers: Record<string, string | undefined> = { host: shop.domain, 'content-type': 'application/json' };
      const token = call.token === undefined ? shop.apps[0]!.accessTokens[0] : call.token;
      if (token !== null) headers['x-shopify-access-token'] = token;
      const raw = (await store.request({
        method: 'POST',
        path: `/admin/api/${call.version ?? DEFAULT_API_VERSION}/graphql.json`,
        headers,
        body: Buffer.from(JSON.stringify({ query: call.query, variables: call.variables, operationName: call.operationName })),
      }))!;
      const text = typeof raw.body === 'string' ? raw.body : raw.body === undefined ? '' : JSON.stringify(raw.body);
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Not JSON: leave the text (malformed-body faults, HTML error pages).
      }
      return { status: raw.status, headers: raw.headers ?? {}, body, raw };
    },
    async request(req) {
      const request: SandboxRequest = { method: req.method ?? 'GET', path: req.path, query: req.query ?? new URLSearchParams(), headers: req.headers ?? {}, body: req.body ?? Buffer.alloc(0) };
      for (const handler of store.handlers) {
        const response = await handler(request);
        if (response) return response;
      }
      return undefined;
    },
    describe() {
      return {
        defaultShop: defaultDomain,
        shops: [...shops.values()].map((s) => ({ domain: s.domain, plan: s.plan, accessToken: s.apps[0]!.accessTokens[0], clientSecret: s.apps[0]!.clientSecret })),
        clock: store.clockStatus(),
        faults: faults.list().length,
      };
    },
    clockStatus() {
      return {
        now: new Date(clock.now()).toISOString(),
        virtual: clock instanceof VirtualClock,
        nextTimerAt: clock instanceof VirtualClock && clock.nextTimerAt() !== undefined ? new Date(clock.nextTimerAt()!).toISOString() : null,
      };
    },
  };
  (store.handlers as Handler[]).push(createAdminHandler(store), createControlHandler(store));
  for (const seed of initialSeeds) addShop(seed);
  return store;
}
