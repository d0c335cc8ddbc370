/**
 * The leaky bucket, checked against its arithmetic: a request needs its requested cost
 * available, takes it, gets back requested − actual, and the bucket refills at the restore rate
 * on the store's clock. THROTTLED answers are compared with Shopify's shape.
 */
import { VirtualClock } from '../../../sandbox/clock';
import { createShopifyStore } from '../../../sandbox/shopify/store';
import { PLAN_RESTORE_RATES } from '../../../sandbox/shopify/throttle';
import { acmeShop } from './fixtures';

// A mutation whose requested and actual cost are both 10 (nothing in its payload costs more).
const TEN_POINTS = 'mutation { webhookSubscriptionDelete(id: "gid://shopify/WebhookSubscription/1") { deletedWebhookSubscriptionId userErrors { field message } } }';

describe('leaky bucket', () => {
  it('lets requests through while the bucket holds their cost, then answers THROTTLED exactly as Shopify does', async () => {
    // Given a Standard shop with a 30-point bucket restoring 100 points a second
    const clock = new VirtualClock();
    const store = createShopifyStore({ clock, shops: [acmeShop({ plan: 'standard', bucketSize: 30 })] });
    // When four 10-point requests arrive at the same instant
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await store.graphql({ query: TEN_POINTS })).body);
    // Then three pass, draining the bucket 30 → 20 → 10 → 0
    expect(statuses.slice(0, 3).map((b) => b.extensions.cost.throttleStatus.currentlyAvailable)).toEqual([20, 10, 0]);
    // and the fourth is THROTTLED, with no data, HTTP 200 and actualQueryCost null
    expect(statuses[3]).toEqual({
      errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } }],
      extensions: { cost: { requestedQueryCost: 10, actualQueryCost: null, throttleStatus: { maximumAvailable: 30, currentlyAvailable: 0, restoreRate: 100 } } },
    });
  });

  it('refills continuously at the restore rate: (requested − available) / rate seconds is exactly enough', async () => {
    const clock = new VirtualClock();
    const store = createShopifyStore({ clock, shops: [acmeShop({ plan: 'standard', bucketSize: 30 })] });
    for (let i = 0; i < 3; i++) await store.graphql({ query: TEN_POINTS });
    // 50 ms restore 5 points: still 5 short
    clock.advance(50);
    const early = await store.graphql({ query: TEN_POINTS });
    expect(early.body.errors[0].extensions.code).toBe('THROTTLED');
    expect(early.body.extensions.cost.throttleStatus.currentlyAvailable).toBe(5);
    // another 50 ms make 10: the wait the client computes from the THROTTLED answer
    clock.advance(50);
    const onTime = await store.graphql({ query: TEN_POINTS });
    expect(onTime.body.errors).toBeUndefined();
    expect(onTime.body.extensions.cost.throttleStatus.currentlyAvailable).toBe(0);
    // and it never fills beyond the bucket size
    clock.advance(60_000);
    expect((await store.graphql({ query: TEN_POINTS })).body.extensions.cost.throttleStatus.currentlyAvailable).toBe(20);
  });

  it('gives back the difference between requested and actual cost', async () => {
    const store = createShopifyStore({ shops: [acmeShop({ plan: 'standard', bucketSize: 100 })] });
    // 50 orders asked, none exist: requested 2 + 7 × 1 = 9… an empty page is charged as requested (observed on Shopify)
    const empty = await store.graphql({ query: '{ orders(first: 50) { nodes { id } } }' });
    expect(empty.body.extensions.cost).toMatchObject({ requestedQueryCost: 9, actualQueryCost: 9, throttleStatus: { currentlyAvailable: 91 } });
    // 10 locations asked, 2 exist: requested 6, actual 2 + m(2) × 1 = 3
    const two = await store.graphql({ query: '{ locations(first: 10) { nodes { id } } }' });
    expect(two.body.extensions.cost).toMatchObject({ requestedQueryCost: 6, actualQueryCost: 3, throttleStatus: { currentlyAvailable: 88 } });
  });

  it('has one bucket per app and store', async () => {
    const clock = new VirtualClock();
    const store = createShopifyStore({
      clock,
      shops: [
        acmeShop({ plan: 'standard', bucketSize: 10, apps: [{ id: 'netsuite-connector', accessToken: 'tok-a', clientSecret: 'a' }, { id: 'other-app', accessToken: 'tok-b', clientSecret: 'b' }] }),
        { domain: 'second.myshopify.com', plan: 'standard', bucketSize: 10, apps: [{ id: 'netsuite-connector', accessToken: 'tok-c', clientSecret: 'c' }] },
      ],
    });
    expect((await store.graphql({ query: TEN_POINTS, token: 'tok-a' })).body.errors).toBeUndefined();
    expect((await store.graphql({ query: TEN_POINTS, token: 'tok-a' })).body.errors[0].message).toBe('Throttled');
    // The same app on another store, and another app on the same store, are not affected
    expect((await store.graphql({ query: TEN_POINTS, token: 'tok-b' })).body.errors).toBeUndefined();
    expect((await store.graphql({ query: TEN_POINTS, shop: 'second.myshopify.com', token: 'tok-c' })).body.errors).toBeUndefined();
  });

  it('uses the plan presets: restore 100/200/1000/2000 points a second, bucket twenty seconds of that', async () => {
    expect(PLAN_RESTORE_RATES).toEqual({ standard: 100, advanced: 200, plus: 1000, enterprise: 2000 });
    for (const plan of ['standard', 'advanced', 'plus', 'enterprise'] as const) {
      const store = createShopifyStore({ shops: [acmeShop({ plan })] });
      const status = (await store.graphql({ query: '{ shop { id } }' })).body.extensions.cost.throttleStatus;
      expect(status).toEqual({ maximumAvailable: PLAN_RESTORE_RATES[plan] * 20, currentlyAvailable: PLAN_RESTORE_RATES[plan] * 20 - 1, restoreRate: PLAN_RESTORE_RATES[plan] });
    }
  });

  it('spends nothing for control API reads', async () => {
    const store = createShopifyStore({ shops: [acmeShop({ plan: 'standard', bucketSize: 10 })] });
    for (let i = 0; i < 5; i++) await store.request({ method: 'GET', path: `/sandbox/shopify/shops/acme-b2b.myshopify.com/orders` });
    expect((await store.graphql({ query: TEN_POINTS })).body.extensions.cost.throttleStatus.currentlyAvailable).toBe(0);
  });
});
