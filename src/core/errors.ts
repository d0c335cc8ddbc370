/**
 * Failures as the queue sees them. Handlers throw SyncError for what they know (a SKU NetSuite does
 * not have, an order Shopify no longer has); everything else (Shopify client errors, SuiteScript
 * errors) is classified here into what the queue does next: retry later, wait without spending an
 * attempt, or stop and tell a person.
 */
import { ShopifyAuthError, ShopifyError, ShopifyThrottledError } from '../shopify/errors';
import type { QueueEvent } from './queue';

export class SyncError extends Error {
  constructor(
    /** Stable, upper-case code an admin can search for, like SKU_NOT_FOUND. */
    readonly code: string,
    /** What happened and what to do about it, in the admin's words. */
    message: string,
    readonly options: { retriable?: boolean; retryAfterMs?: number; needsPerson?: boolean; deferred?: boolean } = {},
  ) {
    super(message);
    this.name = 'SyncError';
  }
}

/** SuiteScript errors that mean "the same work may succeed on a later attempt". */
const TRANSIENT_SUITESCRIPT_ERRORS = new Set([
  'RCRD_HAS_BEEN_CHANGED',
  'SSS_REQUEST_TIME_EXCEEDED',
  'SSS_CONNECTION_CLOSED',
  'SSS_CONNECTION_TIME_OUT',
  'SSS_TIME_LIMIT_EXCEEDED',
  'RCRD_LOCKED_BY_WF',
  'UNEXPECTED_ERROR',
  'SSS_APP_SERVER_RESTART',
]);

/** SuiteScript errors that mean "this run ran out of room": wait, do not count an attempt. */
const OUT_OF_ROOM_ERRORS = new Set(['SSS_USAGE_LIMIT_EXCEEDED', 'SSS_INSTRUCTION_COUNT_EXCEEDED']);

export interface Classified {
  event: Extract<QueueEvent, { type: 'failed' } | { type: 'deferred' }>;
  /** The store's token or permissions are broken: one alert for the store, not one per entry. */
  storeNeedsPerson: boolean;
}

/**
 * How long entries wait on a store-wide problem (a refused token, a broken setup) before they are
 * tried again: just under the processors' 15-minute schedule, so that the next scheduled run retries
 * them (a full 15 minutes would miss it by the seconds the failing run took, and wait 30).
 */
export const STORE_PROBLEM_RECHECK_MS = 14 * 60_000;

function describe(e: unknown): { name: string; message: string } {
  if (e && typeof e === 'object') {
    const o = e as { name?: unknown; message?: unknown };
    return { name: typeof o.name === 'string' ? o.name : 'Error', message: typeof o.message === 'string' ? o.message : String(e) };
  }
  return { name: 'Error', message: String(e) };
}

export function classifyFailure(e: unknown): Classified {
  if (e instanceof SyncError) {
    const error = { code: e.code, message: e.message };
    if (e.options.deferred) return { event: { type: 'deferred', retryAfterMs: e.options.retryAfterMs ?? 0, reason: error }, storeNeedsPerson: false };
    return {
      event: { type: 'failed', error, retriable: e.options.retriable ?? false, retryAfterMs: e.options.retryAfterMs },
      storeNeedsPerson: e.options.needsPerson ?? false,
    };
  }
  if (e instanceof ShopifyAuthError) {
    // Every entry of the store would fail the same way: keep them waiting, alert once.
    return { event: { type: 'deferred', retryAfterMs: STORE_PROBLEM_RECHECK_MS, reason: { code: e.code, message: e.message } }, storeNeedsPerson: true };
  }
  if (e instanceof ShopifyThrottledError) {
    return { event: { type: 'deferred', retryAfterMs: e.retryAfterMs ?? 1000, reason: { code: e.code, message: e.message } }, storeNeedsPerson: false };
  }
  if (e instanceof ShopifyError) {
    return {
      event: { type: 'failed', error: { code: e.code, message: e.message }, retriable: e.retriable, retryAfterMs: e.retryAfterMs },
      storeNeedsPerson: e.needsPerson,
    };
  }
  const { name, message } = describe(e);
  if (OUT_OF_ROOM_ERRORS.has(name)) {
    return { event: { type: 'deferred', retryAfterMs: 0, reason: { code: name, message } }, storeNeedsPerson: false };
  }
  // A SuiteScript error we do not know is retried: a person sees it only if it keeps happening.
  const known = /^[A-Z][A-Z0-9_]+$/.test(name);
  const retriable = TRANSIENT_SUITESCRIPT_ERRORS.has(name) || !known;
  return { event: { type: 'failed', error: { code: known ? name : 'UNEXPECTED', message }, retriable }, storeNeedsPerson: false };
}
