/**
 * The one Shopify Admin GraphQL client. It owns the endpoint and API version, the access token
 * header, cost-aware pacing, retries with backoff, and turning Shopify's answers into data or
 * typed errors (src/shopify/errors.ts). Sync code never touches the transport.
 *
 * SuiteScript has no sleep: short waits are spent in `pause` (a spin in NetSuite); a wait longer
 * than the request's pause budget is given back to the caller as a ShopifyThrottledError (or a
 * retriable error) carrying `retryAfterMs`, so the queue can schedule the next attempt instead.
 */
import {
  ShopifyAuthError,
  ShopifyGraphQLError,
  ShopifyHttpError,
  ShopifyMalformedResponseError,
  ShopifyNetworkError,
  ShopifyThrottledError,
  ShopifyUserError,
  type ShopifyError,
  type UserError,
} from './errors';
import type { Operation } from './operation';
import { backoffDelay, waitAfterThrottle, waitBeforeRequest, type BucketEstimate, type ThrottleStatus } from './pacing';
import { TransportError, type HeaderValue, type HttpResponse, type Transport } from './transport';

export interface CostExtension {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: ThrottleStatus;
}

interface GraphQLBody<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string }; path?: unknown[] }[] | string;
  extensions?: { cost?: CostExtension };
}

/** One HTTP exchange, for metrics and logs. Never holds the token. */
export interface CallRecord {
  operation: string;
  attempt: number;
  status?: number;
  requestedCost?: number;
  actualCost?: number;
  throttled: boolean;
  /** Why the attempt failed, as an error code, when it did. */
  error?: string;
  requestId?: string;
  /** Milliseconds paused before this attempt. */
  pausedMs: number;
}

/** Where bucket observations live between clients; one per script run by default. */
export interface BucketTracker {
  get(shopDomain: string): BucketEstimate | undefined;
  set(shopDomain: string, estimate: BucketEstimate): void;
}

const sharedBuckets = new Map<string, BucketEstimate>();
export const scriptRunBuckets: BucketTracker = {
  get: (shop) => sharedBuckets.get(shop),
  set: (shop, estimate) => void sharedBuckets.set(shop, estimate),
};

export interface ShopifyClientOptions {
  shopDomain: string;
  apiVersion: string;
  /** The X-Shopify-Access-Token value: in NetSuite a SecureString from an API Secret, never a plain string. */
  accessToken: HeaderValue;
  transport: Transport;
  now: () => number;
  /** Blocks for the given milliseconds. */
  pause: (ms: number) => void;
  /** Most milliseconds one request may spend pausing (pacing, throttling, backoff) before giving the wait back. Default 3000. */
  maxPauseMs?: number;
  /** Attempts per request, the first included. Default 4. */
  maxAttempts?: number;
  random?: () => number;
  buckets?: BucketTracker;
  onCall?: (call: CallRecord) => void;
}

export interface RequestResult<TData> {
  data: TData;
  cost?: CostExtension;
  requestId?: string;
}

export class ShopifyClient {
  readonly endpoint: string;
  private readonly maxPauseMs: number;
  private readonly maxAttempts: number;
  private readonly random: () => number;
  private readonly buckets: BucketTracker;

  constructor(private readonly options: ShopifyClientOptions) {
    this.endpoint = `https://${options.shopDomain}/admin/api/${options.apiVersion}/graphql.json`;
    this.maxPauseMs = options.maxPauseMs ?? 3000;
    this.maxAttempts = options.maxAttempts ?? 4;
    this.random = options.random ?? Math.random;
    this.buckets = options.buckets ?? scriptRunBuckets;
  }

  /** Sends the operation; returns its data or throws a ShopifyError. */
  request<TData, TVariables>(operation: Operation<TData, TVariables>, variables?: TVariables): RequestResult<TData> {
    const body = JSON.stringify({ query: operation.document, variables: variables ?? {}, operationName: operation.name });
    const headers: Record<string, HeaderValue> = {
      'Content-Type': 'application/json',
      Accept: 'application/json',
      'X-Shopify-Access-Token': this.options.accessToken,
    };
    let paused = 0;
    let pausedBeforeAttempt = 0;
    // Spends `ms` of the request's pause budget, or reports that the wait must be given back.
    const wait = (ms: number): boolean => {
      if (ms <= 0) return true;
      if (paused + ms > this.maxPauseMs) return false;
      this.options.pause(ms);
      paused += ms;
      pausedBeforeAttempt += ms;
      return true;
    };

    for (let attempt = 1; ; attempt++) {
      const pacing = waitBeforeRequest(this.buckets.get(this.options.shopDomain), operation.cost, this.options.now());
      if (!wait(pacing)) {
        throw new ShopifyThrottledError(`${operation.name} needs ${pacing} ms for Shopify's rate limit to refill`, pacing);
      }
      const record: CallRecord = { operation: operation.name, attempt, throttled: false, pausedMs: pausedBeforeAttempt };
      pausedBeforeAttempt = 0;
      const outcome = this.attempt<TData>(operation, headers, body, record);
      this.options.onCall?.(record);
      if (outcome.ok) return outcome.result;

      const error = outcome.error;
      const mayResend = outcome.notExecuted || (operation.resendable && error.retriable);
      const delay = error.retryAfterMs ?? backoffDelay(attempt, this.random);
      if (!error.retriable || !mayResend || attempt >= this.maxAttempts || !wait(delay)) {
        if (error.retriable && error.retryAfterMs === undefined) error.retryAfterMs = delay;
        throw error;
      }
    }
  }

  /**
   * Sends a mutation and returns its payload field (`payloadField` of the data), throwing a
   * ShopifyUserError when the payload carries userErrors.
   */
  mutate<TData, TVariables, K extends keyof TData>(
    operation: Operation<TData, TVariables>,
    variables: TVariables,
    payloadField: K,
  ): NonNullable<TData[K]> & { userErrors?: UserError[] } {
    const { data } = this.request(operation, variables);
    const payload = data[payloadField] as (NonNullable<TData[K]> & { userErrors?: UserError[] }) | null | undefined;
    if (!payload) throw new ShopifyGraphQLError([], `${operation.name} returned no ${String(payloadField)} payload`);
    if (payload.userErrors && payload.userErrors.length > 0) throw new ShopifyUserError(operation.name, payload.userErrors);
    return payload;
  }

  /** One HTTP exchange; `notExecuted` marks failures where Shopify certainly did not run the operation. */
  private attempt<TData>(
    operation: Operation<TData, unknown>,
    headers: Record<string, HeaderValue>,
    body: string,
    record: CallRecord,
  ): { ok: true; result: RequestResult<TData> } | { ok: false; error: ShopifyError; notExecuted: boolean } {
    const fail = (error: ShopifyError, notExecuted = false) => {
      record.error = error.code;
      return { ok: false as const, error, notExecuted };
    };
    let response: HttpResponse;
    try {
      response = this.options.transport.post(this.endpoint, headers, body);
    } catch (e) {
      const kind = e instanceof TransportError ? e.kind : 'connection';
      return fail(new ShopifyNetworkError(kind, `${operation.name}: ${kind === 'timeout' ? 'Shopify did not answer in time' : 'could not reach Shopify'} (${(e as Error).message})`));
    }
    record.status = response.status;
    const requestId = response.headers['x-request-id'];
    record.requestId = requestId;
    const withRequestId = (error: ShopifyError) => {
      error.requestId = requestId;
      return error;
    };

    if (response.status === 401 || response.status === 403) {
      return fail(
        withRequestId(
          new ShopifyAuthError(
            response.status,
            `Shopify refused the access token for ${this.options.shopDomain} (HTTP ${response.status}): ${errorText(response.body)}. ` +
              'Check the API Secret named on the store record holds a valid Admin API token with the scopes the connector needs.',
          ),
        ),
        true,
      );
    }
    if (response.status === 429) {
      record.throttled = true;
      const seconds = Number(response.headers['retry-after']);
      return fail(withRequestId(new ShopifyThrottledError(`${operation.name}: HTTP 429 Too Many Requests`, Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds * 1000) : 1000)), true);
    }
    let parsed: GraphQLBody<TData> | undefined;
    try {
      parsed = JSON.parse(response.body) as GraphQLBody<TData>;
    } catch {
      parsed = undefined;
    }
    const cost = parsed?.extensions?.cost;
    if (response.status === 200 && cost?.throttleStatus) {
      this.buckets.set(this.options.shopDomain, { ...cost.throttleStatus, observedAt: this.options.now() });
      record.requestedCost = cost.requestedQueryCost;
      record.actualCost = cost.actualQueryCost ?? undefined;
    }
    const errors = typeof parsed?.errors === 'string' ? [{ message: parsed.errors }] : parsed?.errors ?? [];
    // THROTTLED is THROTTLED whatever the HTTP status it comes with: wait it out, never a failure.
    if (errors.some((e) => e.extensions?.code === 'THROTTLED' || e.message === 'Throttled')) {
      record.throttled = true;
      const retryAfter = cost?.throttleStatus ? waitAfterThrottle(cost.requestedQueryCost ?? operation.cost, cost.throttleStatus) : 1000;
      const via = response.status === 200 ? '' : ` (HTTP ${response.status})`;
      return fail(withRequestId(new ShopifyThrottledError(`${operation.name} was throttled by Shopify${via}`, Math.max(retryAfter, 1))), true);
    }
    if (response.status !== 200) {
      const hint = response.status === 404 ? ` Check the shop domain (${this.options.shopDomain}) and API version (${this.options.apiVersion}).` : '';
      return fail(withRequestId(new ShopifyHttpError(response.status, `${operation.name}: HTTP ${response.status} from Shopify: ${errorText(response.body)}.${hint}`)));
    }
    if (!parsed) {
      return fail(withRequestId(new ShopifyMalformedResponseError(`${operation.name}: Shopify's answer is not JSON: ${response.body.slice(0, 200)}`)));
    }
    if (errors.length > 0) {
      if (errors.some((e) => e.extensions?.code === 'ACCESS_DENIED')) {
        return fail(withRequestId(new ShopifyAuthError(200, `${operation.name}: access denied: ${errors.map((e) => e.message).join('; ')}. Grant the app the scope this needs.`)), true);
      }
      return fail(withRequestId(new ShopifyGraphQLError(errors, `${operation.name}: ${errors.map((e) => e.message).join('; ')}`)));
    }
    if (parsed.data === undefined || parsed.data === null) {
      return fail(withRequestId(new ShopifyMalformedResponseError(`${operation.name}: Shopify answered without data`)));
    }
    return { ok: true, result: { data: parsed.data, cost, requestId } };
  }
}

function errorText(body: string): string {
  try {
    const parsed = JSON.parse(body) as { errors?: unknown };
    if (parsed.errors !== undefined) return typeof parsed.errors === 'string' ? parsed.errors : JSON.stringify(parsed.errors);
  } catch {
    // not JSON: quote the start of the body
  }
  return body.slice(0, 200);
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface Connection<TNode> {
  nodes: TNode[];
  pageInfo: PageInfo;
}

/**
 * Reads a connection page by page (`after` cursor), stopping when Shopify says there is no next page
 * or `shouldContinue` says stop (governance). Returns the nodes read and the cursor to resume from.
 */
export function readPages<TData, TVariables extends { after?: string | null }, TNode>(
  client: ShopifyClient,
  operation: Operation<TData, TVariables>,
  variables: TVariables,
  connectionOf: (data: TData) => Connection<TNode>,
  shouldContinue: () => boolean = () => true,
): { nodes: TNode[]; resumeAfter: string | null; complete: boolean } {
  const nodes: TNode[] = [];
  let after = variables.after ?? null;
  for (;;) {
    const { data } = client.request(operation, { ...variables, after });
    const connection = connectionOf(data);
    nodes.push(...connection.nodes);
    if (!connection.pageInfo.hasNextPage) return { nodes, resumeAfter: null, complete: true };
    after = connection.pageInfo.endCursor;
    if (!shouldContinue()) return { nodes, resumeAfter: after, complete: false };
  }
}
