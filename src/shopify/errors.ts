/**
 * What can go wrong talking to Shopify, as classes callers branch on (never on message text).
 * `retriable` says whether the same request may succeed later; `retryAfterMs` when; `needsPerson`
 * that an admin must act (a revoked token, a missing scope) before any retry can help.
 */
export interface UserError {
  field?: string[] | null;
  message: string;
  code?: string | null;
}

export abstract class ShopifyError extends Error {
  abstract readonly code: string;
  abstract readonly retriable: boolean;
  readonly needsPerson: boolean = false;
  retryAfterMs?: number;
  /** Shopify's X-Request-Id, to quote to Shopify support. */
  requestId?: string;
}

/** The bucket is empty (THROTTLED in the body, or HTTP 429) or pacing needs a longer wait than a run can spend. */
export class ShopifyThrottledError extends ShopifyError {
  readonly code = 'SHOPIFY_THROTTLED';
  readonly retriable = true;
  constructor(message: string, retryAfterMs: number) {
    super(message);
    this.name = 'ShopifyThrottledError';
    this.retryAfterMs = retryAfterMs;
  }
}

/** 5xx or another unexpected HTTP status. */
export class ShopifyHttpError extends ShopifyError {
  readonly code: string;
  readonly retriable: boolean;
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ShopifyHttpError';
    this.code = `SHOPIFY_HTTP_${status}`;
    this.retriable = status === 429 || status >= 500;
  }
}

/** 401/403 or an ACCESS_DENIED error: the token is wrong, expired or lacks a scope. Nothing retries this. */
export class ShopifyAuthError extends ShopifyError {
  readonly code = 'SHOPIFY_AUTH';
  readonly retriable = false;
  readonly needsPerson = true;
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ShopifyAuthError';
  }
}

/** The request timed out or the connection failed; whether Shopify acted on it is unknown. */
export class ShopifyNetworkError extends ShopifyError {
  readonly code: string;
  readonly retriable = true;
  constructor(
    readonly kind: 'timeout' | 'connection',
    message: string,
  ) {
    super(message);
    this.name = 'ShopifyNetworkError';
    this.code = kind === 'timeout' ? 'SHOPIFY_TIMEOUT' : 'SHOPIFY_CONNECTION';
  }
}

/** Top-level GraphQL errors: a document Shopify refuses, a cost over the limit, an internal error. */
export class ShopifyGraphQLError extends ShopifyError {
  readonly code: string;
  readonly retriable: boolean;
  constructor(
    readonly errors: { message: string; extensions?: { code?: string } }[],
    message: string,
  ) {
    super(message);
    this.name = 'ShopifyGraphQLError';
    const first = errors[0]?.extensions?.code;
    this.code = first ? `SHOPIFY_${first}` : 'SHOPIFY_GRAPHQL';
    this.retriable = first === 'INTERNAL_SERVER_ERROR';
  }
}

/** User errors that mean "try again shortly"; every other user error is permanent for the same input. */
const TRANSIENT_USER_ERROR_CODES = new Set(['IDEMPOTENCY_CONCURRENT_REQUEST', 'ORDER_IS_TEMPORARILY_UNAVAILABLE', 'INTERNAL_ERROR']);

/** A mutation answered with userErrors: Shopify understood and refused it. */
export class ShopifyUserError extends ShopifyError {
  readonly code: string;
  readonly retriable: boolean;
  constructor(
    readonly operation: string,
    readonly userErrors: UserError[],
  ) {
    super(`${operation} was refused by Shopify: ${userErrors.map((e) => (e.field?.length ? `${e.field.join('.')}: ` : '') + e.message + (e.code ? ` (${e.code})` : '')).join('; ')}`);
    this.name = 'ShopifyUserError';
    const first = userErrors.find((e) => e.code)?.code ?? undefined;
    this.code = first ? `SHOPIFY_USER_ERROR_${first}` : 'SHOPIFY_USER_ERROR';
    this.retriable = userErrors.every((e) => !!e.code && TRANSIENT_USER_ERROR_CODES.has(e.code));
  }

  /** True when one of the user errors has this code. */
  has(code: string): boolean {
    return this.userErrors.some((e) => e.code === code);
  }
}

/** A response that is not the JSON Shopify sends (a proxy page, a cut-off body). */
export class ShopifyMalformedResponseError extends ShopifyError {
  readonly code = 'SHOPIFY_MALFORMED_RESPONSE';
  readonly retriable = true;
  constructor(message: string) {
    super(message);
    this.name = 'ShopifyMalformedResponseError';
  }
}
