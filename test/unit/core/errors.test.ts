import { SyncError, classifyFailure } from '../../../src/core/errors';
import { ShopifyAuthError, ShopifyHttpError, ShopifyThrottledError, ShopifyUserError } from '../../../src/shopify/errors';

const suiteScriptError = (name: string, message = 'details') => Object.assign(new Error(message), { name });

describe('classifying a failure for the queue', () => {
  it('waits out throttling without spending an attempt', () => {
    expect(classifyFailure(new ShopifyThrottledError('throttled', 4000)).event).toEqual({
      type: 'deferred',
      retryAfterMs: 4000,
      reason: { code: 'SHOPIFY_THROTTLED', message: 'throttled' },
    });
  });

  it('keeps entries waiting on a refused token and asks for one store alert', () => {
    const result = classifyFailure(new ShopifyAuthError(401, 'token refused'));
    expect(result.storeNeedsPerson).toBe(true);
    // Due again just before the processors' next 15-minute run, so that run tries the token again.
    expect(result.event).toMatchObject({ type: 'deferred', retryAfterMs: 14 * 60_000, reason: { code: 'SHOPIFY_AUTH' } });
  });

  it('retries Shopify outages and dead-letters what Shopify refused', () => {
    expect(classifyFailure(new ShopifyHttpError(503, 'down')).event).toMatchObject({ type: 'failed', retriable: true, error: { code: 'SHOPIFY_HTTP_503' } });
    expect(classifyFailure(new ShopifyUserError('fulfillmentCreate', [{ field: ['fulfillment'], message: 'Fulfillment order is closed' }])).event).toMatchObject({
      type: 'failed',
      retriable: false,
      error: { code: 'SHOPIFY_USER_ERROR', message: 'fulfillmentCreate was refused by Shopify: fulfillment: Fulfillment order is closed' },
    });
  });

  it("keeps a handler's own verdict", () => {
    expect(classifyFailure(new SyncError('SKU_NOT_FOUND', 'No NetSuite item has SKU ABC-1: link it, then retry.', { retriable: true })).event).toMatchObject({
      type: 'failed',
      retriable: true,
      error: { code: 'SKU_NOT_FOUND' },
    });
    expect(classifyFailure(new SyncError('COMPANY_NOT_SYNCED', 'waiting for the company', { deferred: true, retryAfterMs: 60000 })).event).toMatchObject({
      type: 'deferred',
      retryAfterMs: 60000,
    });
  });

  it('reads SuiteScript errors by name: room ran out, conflicts retry, known data errors stop', () => {
    expect(classifyFailure(suiteScriptError('SSS_USAGE_LIMIT_EXCEEDED')).event.type).toBe('deferred');
    expect(classifyFailure(suiteScriptError('RCRD_HAS_BEEN_CHANGED')).event).toMatchObject({ type: 'failed', retriable: true });
    expect(classifyFailure(suiteScriptError('INVALID_FLD_VALUE', 'You have entered an Invalid Field Value 99 for the following field: item')).event).toMatchObject({
      type: 'failed',
      retriable: false,
      error: { code: 'INVALID_FLD_VALUE' },
    });
    expect(classifyFailure(new TypeError('x is undefined')).event).toMatchObject({ type: 'failed', retriable: true, error: { code: 'UNEXPECTED' } });
  });
});
