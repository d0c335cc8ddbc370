/**
 * The Admin API endpoint as Shopify serves it: versions, access tokens, request bodies, and which
 * shop answers (by Host header).
 */
import { createShopifyStore } from '../../../sandbox/shopify/store';
import { acmeShop, SHOP, TOKEN } from './fixtures';

const SHOP_QUERY = '{ shop { name myshopifyDomain } }';

function post(store: ReturnType<typeof createShopifyStore>, path: string, headers: Record<string, string>, body: string) {
  return store.request({ method: 'POST', path, headers: { 'content-type': 'application/json', ...headers }, body: Buffer.from(body) });
}

describe('Admin API endpoint', () => {
  const store = createShopifyStore({ shops: [acmeShop(), { domain: 'other-shop.myshopify.com', apps: [{ id: 'app', accessToken: 'shpat_other', clientSecret: 's' }] }] });

  it('serves 2026-10 and 2026-07, each saying which version answered', async () => {
    for (const version of ['2026-10', '2026-07']) {
      const res = await store.graphql({ query: SHOP_QUERY, version });
      expect(res.status).toBe(200);
      expect(res.headers['X-Shopify-API-Version']).toBe(version);
      expect(res.body.data.shop.myshopifyDomain).toBe(SHOP);
    }
  });

  it('answers each version from its own schema: a field new in 2026-10 is unknown in 2026-07', async () => {
    // Given a field that exists only in 2026-10 (ExchangeLineItem.variantSku)
    const query = '{ return(id: "gid://shopify/Return/1") { exchangeLineItems(first: 1) { nodes { variantSku } } } }';
    // When it is asked of 2026-07, then it fails validation the way Shopify fails it
    const old = await store.graphql({ query, version: '2026-07' });
    expect(old.body.errors[0].extensions).toEqual({ code: 'undefinedField', typeName: 'ExchangeLineItem', fieldName: 'variantSku' });
    // and in 2026-10 it validates (then the stand-in names the root field it does not implement)
    const current = await store.graphql({ query, version: '2026-10' });
    expect(current.body.errors[0].extensions.code).toBe('NOT_IMPLEMENTED_IN_SANDBOX');
  });

  it('falls forward from a retired version to the oldest supported one, as Shopify does', async () => {
    const res = await store.graphql({ query: SHOP_QUERY, version: '2024-01' });
    expect(res.status).toBe(200);
    expect(res.headers['X-Shopify-API-Version']).toBe('2026-07');
  });

  it('answers a version that does not exist with 404 Not Found', async () => {
    for (const version of ['2026-13', '2026-08', '2099-01', 'latest', 'unstable']) {
      const res = await store.graphql({ query: SHOP_QUERY, version });
      expect({ version, status: res.status, body: res.body }).toEqual({ version, status: 404, body: { errors: 'Not Found' } });
    }
  });

  it('answers a missing or wrong access token with 401 and Shopify\'s body', async () => {
    const expected = { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' };
    const missing = await store.graphql({ query: SHOP_QUERY, token: null });
    const wrong = await store.graphql({ query: SHOP_QUERY, token: 'shpat_wrong' });
    const otherShopsToken = await store.graphql({ query: SHOP_QUERY, token: 'shpat_other' });
    expect([missing.status, missing.body]).toEqual([401, expected]);
    expect([wrong.status, wrong.body]).toEqual([401, expected]);
    expect([otherShopsToken.status, otherShopsToken.body]).toEqual([401, expected]);
  });

  it('refuses a body without a query with 400', async () => {
    const notJson = await post(store, '/admin/api/2026-10/graphql.json', { host: SHOP, 'x-shopify-access-token': TOKEN }, 'query=shop');
    const noQuery = await post(store, '/admin/api/2026-10/graphql.json', { host: SHOP, 'x-shopify-access-token': TOKEN }, '{"variables":{}}');
    expect(notJson!.status).toBe(400);
    expect(noQuery!.status).toBe(400);
  });

  it('accepts application/graphql bodies', async () => {
    const res = await store.request({ method: 'POST', path: '/admin/api/2026-10/graphql.json', headers: { host: SHOP, 'x-shopify-access-token': TOKEN, 'content-type': 'application/graphql' }, body: Buffer.from(SHOP_QUERY) });
    expect(JSON.parse(String(res!.body)).data.shop.name).toBe('Acme Industrial Supply');
  });

  it('picks the shop by Host header and sends other hosts to the default shop', async () => {
    // Given two shops on one server
    const other = await post(store, '/admin/api/2026-10/graphql.json', { host: 'other-shop.myshopify.com', 'x-shopify-access-token': 'shpat_other' }, JSON.stringify({ query: SHOP_QUERY }));
    const byIp = await post(store, '/admin/api/2026-10/graphql.json', { host: '127.0.0.1:4321', 'x-shopify-access-token': TOKEN }, JSON.stringify({ query: SHOP_QUERY }));
    expect(JSON.parse(String(other!.body)).data.shop.myshopifyDomain).toBe('other-shop.myshopify.com');
    expect(JSON.parse(String(byIp!.body)).data.shop.myshopifyDomain).toBe(SHOP);
  });

  it('requires the operation to be named when a document has several', async () => {
    const query = 'query A { shop { id } } query B { shop { name } }';
    const unnamed = await store.graphql({ query });
    const named = await store.graphql({ query, operationName: 'B' });
    const unknown = await store.graphql({ query, operationName: 'C' });
    expect(unnamed.body).toEqual({ errors: [{ message: 'An operation name is required' }] });
    expect(named.body.data).toEqual({ shop: { name: 'Acme Industrial Supply' } });
    expect(unknown.body).toEqual({ errors: [{ message: 'No operation named "C"' }] });
  });

  it('answers root fields it does not implement with an error naming them, never with null data', async () => {
    const res = await store.graphql({ query: '{ giftCards(first: 1) { nodes { id } } }' });
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0].message).toContain('QueryRoot.giftCards');
    expect(res.body.errors[0].extensions.code).toBe('NOT_IMPLEMENTED_IN_SANDBOX');
  });

  it('answers fields below the root that it does not model with an error naming them', async () => {
    const res = await store.graphql({ query: '{ shop { name alerts { description } } }' });
    expect(res.body.errors[0].message).toContain('Shop.alerts');
    expect(res.body.data).toBeNull();
  });
});
