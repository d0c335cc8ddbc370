/**
 * Requested query cost, by Shopify's rules. Each expected number is a `requestedQueryCost` that a
 * real store answered for the same document and variables (captured 2025-01 to 2026-07, published
 * as conformance fixtures by github.com/airhorns/shopify-draft-proxy); the file each comes from
 * is named. The fitted rules are described in sandbox/shopify/cost.ts.
 */
import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { connectionMultiplier, requestedCost } from '../../../sandbox/shopify/cost';
import { loadSchema } from '../../../sandbox/shopify/schema';
import { createShopifyStore } from '../../../sandbox/shopify/store';
import { acmeShop } from './fixtures';

function cost(query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  return requestedCost({ schema: loadSchema('2026-07'), operation, fragments, variables });
}

describe('requested query cost', () => {
  it.each([
    ['a connection of one (products/product-set…)', '{ products(first: 1) { nodes { id } } }', 3],
    ['a page of ten (returns/…locations)', '{ locations(first: 10) { nodes { id name isActive } } }', 6],
    ['a page of fifty (products/productCreate-dropped-inputs-parity)', '{ publications(first: 50) { nodes { id name } } }', 9],
    ['a full page of 250, pageInfo free (bulk-operations/…live-hybrid-base-overlay)', '{ products(first: 250) { nodes { id } pageInfo { hasNextPage endCursor } } }', 13],
    ['nested connections multiply (markets/price-list…)', '{ products(first: 20) { nodes { id title variants(first: 5) { nodes { id title sku } } } } }', 32],
    ['three levels (b2b/b2b-staff-assignment-validation)', '{ companyLocations(first: 25) { nodes { id name staffMemberAssignments(first: 10) { nodes { id staffMember { id } companyLocation { id } } } } } }', 92],
    ['money bags are free (payments/payment-terms-create-order-eligibility)', '{ order(id: "gid://shopify/Order/1") { id name totalOutstandingSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } } totalPriceSet { shopMoney { amount } } } }', 1],
    ['a list of objects costs one (orders/orderMarkAsPaid-snapshot-staging)', '{ order(id: "gid://shopify/Order/1") { id transactions { id kind amountSet { shopMoney { amount } } } } }', 2],
    ['nodes and edges add up (…tender-transactions)', '{ tenderTransactions(first: 1) { nodes { __typename } edges { node { __typename } } pageInfo { hasNextPage } } }', 4],
    ['a root count is 10 (b2b/b2b-companies-count-overlay)', '{ companiesCount { count precision } }', 10],
    ['a nested count is 1 (b2b/b2b-contact-business-rule-preconditions)', '{ company(id: "gid://shopify/Company/1") { id mainContact { id isMainContact } contactsCount { count } } companyContact(id: "gid://shopify/CompanyContact/1") { id isMainContact } }', 4],
    ['a page of two inside a page of three (b2b/b2b-cold-company-location-hydration)', '{ companies(first: 3) { nodes { id name locations(first: 2) { nodes { id name } } } pageInfo { hasNextPage hasPreviousPage } } }', 10],
  ])('%s', (_name, query, expected) => {
    expect(cost(query)).toBe(expected);
  });

  it.each([
    ['inventorySetQuantities (products/inventorySetQuantities-name-validation)', 'mutation S($input: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $input) @idempotent(key: "k") { inventoryAdjustmentGroup { reason referenceDocumentUri changes { name delta item { id } location { id name } } } userErrors { field message code } } }', {}, 13],
    ['a plain create (metafields/…)', 'mutation { productCreate(product: { title: "x" }) { product { id title } userErrors { field message } } }', {}, 10],
    ['a create with one nested object (b2b/b2b-bulk-mutation-field-paths)', 'mutation { companyContactCreate(companyId: "gid://shopify/Company/1", input: { email: "a@b.c" }) { companyContact { id title company { id } } userErrors { field message code } } }', {}, 11],
    [
      'productSet adds 0.2 per variant, rounded down (products/product-set-parity)',
      'mutation P($input: ProductSetInput!) { productSet(input: $input, synchronous: true) { product { id title handle status variants(first: 10) { nodes { id title sku inventoryQuantity inventoryItem { id tracked requiresShipping } } } } productSetOperation { id status userErrors { field message code } } userErrors { field message code } } }',
      { input: { title: 'x', variants: [{ optionValues: [] }, { optionValues: [] }] } },
      21,
    ],
  ])('%s', (_name, query, variables, expected) => {
    expect(cost(query, variables)).toBe(expected);
  });

  it('prices a union at its costliest member (documented rule: "maximum of possible selections")', () => {
    // order 1 + purchasingEntity 1 + max(PurchasingCompany: company 1 + location 1, Customer: 0)
    expect(cost('{ order(id: "gid://shopify/Order/1") { purchasingEntity { ... on PurchasingCompany { company { id } location { id } } ... on Customer { id } } } }')).toBe(4);
  });

  it('scales a connection with the log of its page size', () => {
    expect([0, 1, 2, 5, 10, 20, 50, 100, 200, 250].map(connectionMultiplier)).toEqual([0, 1, 1, 3, 4, 5, 7, 9, 10, 11]);
  });
});

describe('cost in every executed response', () => {
  it('reports requested and actual cost, charging only the actual cost', async () => {
    // Given a shop with one location
    const store = createShopifyStore({ shops: [acmeShop({ locations: [{ name: 'Only DC' }], products: [], companies: [], customers: [] })] });
    // When a page of ten is asked and one location comes back
    const res = await store.graphql({ query: '{ locations(first: 10) { nodes { id } } }' });
    // Then the page is priced for ten and charged for one
    expect(res.body.extensions.cost).toEqual({ requestedQueryCost: 6, actualQueryCost: 3, throttleStatus: { maximumAvailable: 20000, currentlyAvailable: 19997, restoreRate: 1000 } });
  });

  it('refuses a query over 1000 points before running it, with Shopify\'s message', async () => {
    const store = createShopifyStore({ shops: [acmeShop()] });
    const query = '{ products(first: 250) { nodes { variants(first: 250) { nodes { inventoryItem { inventoryLevels(first: 250) { nodes { location { id } } } } } } } } }';
    const res = await store.graphql({ query });
    expect(res.status).toBe(200);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors[0].message).toMatch(/^Query cost is 3181, which exceeds the single query max cost limit \(1000\)\./);
    expect(res.body.errors[0].extensions).toMatchObject({ code: 'MAX_COST_EXCEEDED', cost: 3181, maxCost: 1000 });
  });

  it('refuses an input array over 250 items, charging the requested cost (captured behaviour)', async () => {
    const store = createShopifyStore({ shops: [acmeShop()] });
    const quantities = Array.from({ length: 251 }, (_, i) => ({ inventoryItemId: `gid://shopify/InventoryItem/${i + 1}`, locationId: 'gid://shopify/Location/1', quantity: 1, changeFromQuantity: null }));
    const res = await store.graphql({
      query: 'mutation S($input: InventorySetQuantitiesInput!) {\n  inventorySetQuantities(input: $input) @idempotent(key: "k") { userErrors { field message code } }\n}',
      variables: { input: { name: 'available', reason: 'correction', quantities } },
    });
    expect(res.body.errors).toEqual([
      { message: 'The input array size of 251 is greater than the maximum allowed of 250.', locations: [{ line: 2, column: 3 }], path: ['inventorySetQuantities', 'input', 'quantities'], extensions: { code: 'MAX_INPUT_SIZE_EXCEEDED' } },
    ]);
    expect(res.body.extensions.cost).toMatchObject({ requestedQueryCost: 10, actualQueryCost: null, throttleStatus: { currentlyAvailable: 19990 } });
  });
});
