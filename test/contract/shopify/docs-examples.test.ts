/**
 * Example operations from Shopify's own documentation (the Admin GraphQL reference on shopify.dev),
 * sent as the documentation writes them. Only IDs are swapped for ones that exist in the test
 * shop. The ones written for the current versions validate on both schemas and execute with the
 * documented effect; the ones written for older versions fail the way Shopify fails them.
 */
import { parse, validate } from 'graphql';
import { API_VERSIONS, loadSchema } from '../../../sandbox/shopify/schema';
import { createShopifyStore, type ShopifyStore } from '../../../sandbox/shopify/store';
import { acmeShop, SHOP } from './fixtures';

// ---- the examples, verbatim ---------------------------------------------------------------------

/** https://shopify.dev/docs/api/admin-graphql/latest/mutations/productSet, "Create a product with variants and options asynchronously". */
const PRODUCT_SET_ASYNC = `mutation createProductAsynchronous($productSet: ProductSetInput!, $synchronous: Boolean!) { productSet(synchronous: $synchronous, input: $productSet) { product { id } productSetOperation { id status userErrors { code field message } } userErrors { code field message } } }`;
const PRODUCT_SET_ASYNC_VARIABLES = {
  synchronous: false,
  productSet: {
    title: 'Winter hat',
    productOptions: [{ name: 'Color', position: 1, values: [{ name: 'Grey' }, { name: 'Black' }] }],
    variants: [
      { optionValues: [{ optionName: 'Color', name: 'Grey' }], price: 79.99 },
      { optionValues: [{ optionName: 'Color', name: 'Black' }], price: 69.99 },
    ],
  },
};

/** https://shopify.dev/docs/api/admin-graphql/latest/mutations/companyCreate, "Create a company". */
const COMPANY_CREATE = `mutation CompanyCreate($input: CompanyCreateInput!) { companyCreate(input: $input) { company { id name externalId mainContact { id customer { id email firstName lastName } } contacts(first: 5) { edges { node { id customer { email firstName lastName } } } } contactRoles(first: 5) { edges { node { id name } } } locations(first: 5) { edges { node { id name shippingAddress { firstName lastName address1 city province zip country } } } } } userErrors { field message code } } }`;
const COMPANY_CREATE_VARIABLES = {
  input: {
    company: { name: 'Postal Cards Inc', externalId: '01456606-0001' },
    companyLocation: {
      name: 'Ottawa Postal Cards',
      shippingAddress: { firstName: 'Avery', lastName: 'Brown', address1: '150 Elgin Street', address2: '8th Floor', city: 'Ottawa', zoneCode: 'ON', zip: 'K2P 1L4', countryCode: 'CA' },
      billingSameAsShipping: true,
    },
    companyContact: { email: 'avery.brown@example.com', firstName: 'Avery', lastName: 'Brown' },
  },
};

/** https://shopify.dev/docs/api/admin-graphql/2025-01/mutations/companyContactCreate, "Create a company contact" (the page's input is ours). */
const COMPANY_CONTACT_CREATE = `mutation CompanyContactCreate($companyId: ID!, $input: CompanyContactInput!) { companyContactCreate(companyId: $companyId, input: $input) { companyContact { id company { id name } customer { id firstName lastName email } } userErrors { field message code } } }`;

/** https://shopify.dev/docs/api/admin-graphql/latest/mutations/orderCreate, "Create a comprehensive order". */
const ORDER_CREATE = `mutation orderCreate($order: OrderCreateOrderInput!, $options: OrderCreateOptionsInput) { orderCreate(order: $order, options: $options) { userErrors { field message } order { id totalTaxSet { shopMoney { amount currencyCode } } lineItems(first: 5) { nodes { variant { id } id title quantity taxLines { title rate priceSet { shopMoney { amount currencyCode } } } } } } } }`;
const ORDER_CREATE_VARIABLES = {
  order: {
    currency: 'EUR',
    lineItems: [
      {
        title: 'Big Brown Bear Boots',
        priceSet: { shopMoney: { amount: 74.99, currencyCode: 'EUR' } },
        quantity: 3,
        taxLines: [{ priceSet: { shopMoney: { amount: 13.5, currencyCode: 'EUR' } }, rate: 0.06, title: 'State tax' }],
      },
    ],
    transactions: [{ kind: 'SALE', status: 'SUCCESS', amountSet: { shopMoney: { amount: 238.47, currencyCode: 'EUR' } } }],
  },
};

/** https://shopify.dev/docs/api/admin-graphql/latest/mutations/orderCancel (2026-01), "Cancel an order". */
const ORDER_CANCEL = `mutation OrderCancel($orderId: ID!, $notifyCustomer: Boolean, $refundMethod: OrderCancelRefundMethodInput!, $restock: Boolean!, $reason: OrderCancelReason!, $staffNote: String) { orderCancel(orderId: $orderId, notifyCustomer: $notifyCustomer, refundMethod: $refundMethod, restock: $restock, reason: $reason, staffNote: $staffNote) { job { id done } orderCancelUserErrors { field message code } userErrors { field message } } }`;
const orderCancelVariables = (orderId: string) => ({
  orderId,
  notifyCustomer: true,
  refundMethod: { originalPaymentMethodsRefund: true },
  restock: true,
  reason: 'CUSTOMER',
  staffNote: 'Wrong size. Customer reached out saying they already re-purchased the correct size.',
});

/** https://shopify.dev/docs/api/admin-graphql/unstable/mutations/orderCancel: the same, asking for `jobResult`, a field 2026-07 does not have. */
const ORDER_CANCEL_UNSTABLE = `mutation OrderCancel($orderId: ID!, $notifyCustomer: Boolean, $refund: Boolean!, $restock: Boolean!, $reason: OrderCancelReason!, $staffNote: String) { orderCancel(orderId: $orderId, notifyCustomer: $notifyCustomer, refund: $refund, restock: $restock, reason: $reason, staffNote: $staffNote) { job { id done } jobResult { id done } orderCancelUserErrors { field message code } } }`;

/** https://shopify.dev/docs/api/admin-graphql/2024-01/mutations/webhookSubscriptionCreate, ORDERS_CREATE to an HTTP endpoint (callbackUrl, deprecated, still served). */
const WEBHOOK_SUBSCRIPTION_CREATE = `mutation WebhookSubscriptionCreate($topic: WebhookSubscriptionTopic!, $webhookSubscription: WebhookSubscriptionInput!) { webhookSubscriptionCreate(topic: $topic, webhookSubscription: $webhookSubscription) { userErrors { field message } webhookSubscription { id topic apiVersion { handle } format createdAt } } }`;
const WEBHOOK_SUBSCRIPTION_CREATE_VARIABLES = { topic: 'ORDERS_CREATE', webhookSubscription: { callbackUrl: 'https://example.org/endpoint', format: 'JSON' } };

/** https://shopify.dev/docs/api/admin-graphql/unstable/objects/WebhookSubscription, reading one subscription's endpoint. */
const webhookSubscriptionQuery = (id: string) =>
  `query { webhookSubscription(id: "${id}") { id topic endpoint { __typename ... on WebhookHttpEndpoint { callbackUrl } ... on WebhookEventBridgeEndpoint { arn } } } }`;

/** https://shopify.dev/docs/api/admin-graphql/2025-01/queries/productVariants, three variants by ID in one request. */
const productVariantsByAlias = (ids: string[]) =>
  `query { productVariant1: productVariant(id: "${ids[0]}") { id title } productVariant2: productVariant(id: "${ids[1]}") { id title } productVariant3: productVariant(id: "${ids[2]}") { id title } }`;

/** https://shopify.dev/docs/api/admin-graphql/latest/mutations/fulfillmentCreateV2: fulfil a whole fulfillment order (deprecated for fulfillmentCreate, still served). */
const FULFILLMENT_CREATE_V2 = `mutation fulfillmentCreateV2($fulfillment: FulfillmentV2Input!) { fulfillmentCreateV2(fulfillment: $fulfillment) { fulfillment { id status } userErrors { field message } } }`;

/** https://shopify.dev/docs/api/admin-graphql/2024-07/mutations/inventorySetQuantities: written with `compareQuantity`, which 2026-04 replaced by `changeFromQuantity`. */
const INVENTORY_SET_PRE_2026 = `mutation InventorySet($input: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $input) { inventoryAdjustmentGroup { createdAt reason referenceDocumentUri changes { name delta } } userErrors { field message } } }`;
const inventorySetPre2026Variables = (inventoryItemId: string, locationId: string) => ({
  input: {
    name: 'available',
    reason: 'correction',
    referenceDocumentUri: 'logistics://some.warehouse/take/2023-01-23T13:14:15Z',
    quantities: [{ inventoryItemId, locationId, quantity: 11, compareQuantity: 1 }],
  },
});

// ---- helpers --------------------------------------------------------------------------------------

async function ids(store: ShopifyStore) {
  const res = await store.graphql({
    query: `{ productVariants(first: 10, sortKey: SKU) { nodes { id sku inventoryItem { id } } }
              locations(first: 5) { nodes { id name } }
              companies(first: 5) { nodes { id name } } }`,
  });
  const d = res.body.data;
  return {
    variants: d.productVariants.nodes as { id: string; sku: string; inventoryItem: { id: string } }[],
    columbus: (d.locations.nodes as { id: string; name: string }[]).find((l) => l.name === 'Columbus DC')!.id,
    globex: (d.companies.nodes as { id: string; name: string }[]).find((c) => c.name === 'Globex Manufacturing')!.id,
  };
}

function storeWithAnOrder() {
  return createShopifyStore({ shops: [acmeShop({ orders: [{ company: 'Globex Manufacturing', poNumber: 'PO-77', lines: [{ sku: 'GLV-100', quantity: 2 }] }] })] });
}

// ---- tests -------------------------------------------------------------------------------------------

describe('example operations from Shopify documentation', () => {
  const currentExamples: [string, string][] = [
    ['productSet (asynchronous)', PRODUCT_SET_ASYNC],
    ['companyCreate', COMPANY_CREATE],
    ['companyContactCreate', COMPANY_CONTACT_CREATE],
    ['orderCreate', ORDER_CREATE],
    ['orderCancel', ORDER_CANCEL],
    ['webhookSubscriptionCreate', WEBHOOK_SUBSCRIPTION_CREATE],
    ['webhookSubscription', webhookSubscriptionQuery('gid://shopify/WebhookSubscription/1')],
    ['productVariant ×3', productVariantsByAlias(['gid://shopify/ProductVariant/1', 'gid://shopify/ProductVariant/2', 'gid://shopify/ProductVariant/3'])],
    ['fulfillmentCreateV2', FULFILLMENT_CREATE_V2],
    ['inventorySetQuantities (pre-2026 variables, valid document)', INVENTORY_SET_PRE_2026],
  ];

  it.each(API_VERSIONS.flatMap((v) => currentExamples.map(([name, query]) => [v, name, query] as const)))('%s: %s validates against the schema', (version, _name, query) => {
    expect(validate(loadSchema(version), parse(query))).toEqual([]);
  });

  it('productSet asynchronously: an operation comes back CREATED with no product, and polling it finds the product', async () => {
    const store = createShopifyStore({ shops: [acmeShop()] });
    const res = await store.graphql({ query: PRODUCT_SET_ASYNC, variables: PRODUCT_SET_ASYNC_VARIABLES });
    expect(res.body.errors).toBeUndefined();
    const payload = res.body.data.productSet;
    expect(payload).toMatchObject({ product: null, productSetOperation: { status: 'CREATED', userErrors: [] }, userErrors: [] });
    expect(payload.productSetOperation.id).toMatch(/^gid:\/\/shopify\/ProductSetOperation\/\d+$/);

    const poll = await store.graphql({
      query: `query($id: ID!) { productOperation(id: $id) { __typename status product { title variants(first: 5) { nodes { title price } } } ... on ProductSetOperation { userErrors { message } } } }`,
      variables: { id: payload.productSetOperation.id },
    });
    expect(poll.body.data.productOperation).toEqual({
      __typename: 'ProductSetOperation',
      status: 'COMPLETE',
      product: { title: 'Winter hat', variants: { nodes: [{ title: 'Grey', price: '79.99' }, { title: 'Black', price: '69.99' }] } },
      userErrors: [],
    });
  });

  it('companyCreate: the company, its main contact, its location and the default roles', async () => {
    const store = createShopifyStore({ shops: [acmeShop()] });
    const res = await store.graphql({ query: COMPANY_CREATE, variables: COMPANY_CREATE_VARIABLES });
    expect(res.body.errors).toBeUndefined();
    const { company, userErrors } = res.body.data.companyCreate;
    expect(userErrors).toEqual([]);
    expect(company).toMatchObject({
      name: 'Postal Cards Inc',
      externalId: '01456606-0001',
      mainContact: { customer: { email: 'avery.brown@example.com', firstName: 'Avery', lastName: 'Brown' } },
      locations: { edges: [{ node: { name: 'Ottawa Postal Cards', shippingAddress: { firstName: 'Avery', lastName: 'Brown', address1: '150 Elgin Street', city: 'Ottawa', province: 'ON', zip: 'K2P 1L4', country: 'Canada' } } }] },
    });
    expect(company.contacts.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([company.mainContact.id]);
    expect(company.contactRoles.edges.map((e: { node: { name: string } }) => e.node.name).sort()).toEqual(['Location admin', 'Ordering only']);
  });

  it('companyContactCreate: a contact and its customer on an existing company', async () => {
    const store = createShopifyStore({ shops: [acmeShop()] });
    const { globex } = await ids(store);
    const res = await store.graphql({ query: COMPANY_CONTACT_CREATE, variables: { companyId: globex, input: { email: 'sam@globex.example', firstName: 'Sam', lastName: 'Ortiz', title: 'AP clerk' } } });
    expect(res.body.data.companyContactCreate).toMatchObject({
      companyContact: { company: { id: globex, name: 'Globex Manufacturing' }, customer: { firstName: 'Sam', lastName: 'Ortiz', email: 'sam@globex.example' } },
      userErrors: [],
    });
  });

  it('orderCreate: a custom line item with its own tax line, in the shop-facing currency the input names', async () => {
    const store = createShopifyStore({ shops: [acmeShop()] });
    const res = await store.graphql({ query: ORDER_CREATE, variables: ORDER_CREATE_VARIABLES });
    expect(res.body.errors).toBeUndefined();
    const { order, userErrors } = res.body.data.orderCreate;
    expect(userErrors).toEqual([]);
    expect(order.totalTaxSet).toEqual({ shopMoney: { amount: '13.5', currencyCode: 'EUR' } });
    expect(order.lineItems.nodes).toEqual([
      { variant: null, id: expect.stringMatching(/^gid:\/\/shopify\/LineItem\/\d+$/), title: 'Big Brown Bear Boots', quantity: 3, taxLines: [{ title: 'State tax', rate: 0.06, priceSet: { shopMoney: { amount: '13.5', currencyCode: 'EUR' } } }] },
    ]);
    // 3 × 74.99 + 13.50 tax = 238.47, the transaction's amount: the order is paid.
    const check = await store.graphql({ query: `query($id: ID!) { order(id: $id) { totalPriceSet { shopMoney { amount } } displayFinancialStatus } }`, variables: { id: order.id } });
    expect(check.body.data.order).toEqual({ totalPriceSet: { shopMoney: { amount: '238.47' } }, displayFinancialStatus: 'PAID' });
  });

  it('orderCancel: the order is cancelled in a job, with the reason recorded', async () => {
    const store = storeWithAnOrder();
    const orderId = (await store.graphql({ query: '{ orders(first: 1) { nodes { id } } }' })).body.data.orders.nodes[0].id;
    const res = await store.graphql({ query: ORDER_CANCEL, variables: orderCancelVariables(orderId) });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.orderCancel).toEqual({ job: { id: expect.stringMatching(/^gid:\/\/shopify\/Job\//), done: false }, orderCancelUserErrors: [], userErrors: [] });
    const after = await store.graphql({ query: `query($id: ID!) { order(id: $id) { cancelReason cancelledAt } }`, variables: { id: orderId } });
    expect(after.body.data.order).toEqual({ cancelReason: 'CUSTOMER', cancelledAt: expect.any(String) });
  });

  it('orderCancel as the unstable docs write it: served by 2026-10, refused by 2026-07, which has no jobResult', async () => {
    const store = storeWithAnOrder();
    const orderId = (await store.graphql({ query: '{ orders(first: 1) { nodes { id } } }' })).body.data.orders.nodes[0].id;
    const variables = { orderId, notifyCustomer: true, refund: true, restock: true, reason: 'CUSTOMER', staffNote: 'Wrong size.' };

    const old = await store.graphql({ query: ORDER_CANCEL_UNSTABLE, variables, version: '2026-07' });
    expect(old.body.errors).toEqual([
      {
        message: "Field 'jobResult' doesn't exist on type 'OrderCancelPayload'",
        locations: [expect.objectContaining({ line: 1 })],
        path: ['mutation OrderCancel', 'orderCancel', 'jobResult'],
        extensions: { code: 'undefinedField', typeName: 'OrderCancelPayload', fieldName: 'jobResult' },
      },
    ]);
    expect(old.body.data).toBeUndefined();

    const current = await store.graphql({ query: ORDER_CANCEL_UNSTABLE, variables, version: '2026-10' });
    const payload = current.body.data.orderCancel;
    expect(payload.orderCancelUserErrors).toEqual([]);
    expect(payload.jobResult.id).toBe(payload.job.id);
  });

  it('webhookSubscriptionCreate with callbackUrl, then reading the subscription back with its HTTP endpoint', async () => {
    const store = createShopifyStore({ shops: [acmeShop()] });
    const created = await store.graphql({ query: WEBHOOK_SUBSCRIPTION_CREATE, variables: WEBHOOK_SUBSCRIPTION_CREATE_VARIABLES });
    const { webhookSubscription, userErrors } = created.body.data.webhookSubscriptionCreate;
    expect(userErrors).toEqual([]);
    expect(webhookSubscription).toMatchObject({ topic: 'ORDERS_CREATE', apiVersion: { handle: '2026-10' }, format: 'JSON' });

    const read = await store.graphql({ query: webhookSubscriptionQuery(webhookSubscription.id) });
    expect(read.body.data.webhookSubscription).toEqual({
      id: webhookSubscription.id,
      topic: 'ORDERS_CREATE',
      endpoint: { __typename: 'WebhookHttpEndpoint', callbackUrl: 'https://example.org/endpoint' },
    });
  });

  it('productVariant three times under aliases', async () => {
    const store = createShopifyStore({ shops: [acmeShop()] });
    const { variants } = await ids(store);
    const res = await store.graphql({ query: productVariantsByAlias(variants.map((v) => v.id)) });
    expect(res.body.data).toEqual({
      productVariant1: { id: variants[0]!.id, title: 'Default Title' }, // GLV-100
      productVariant2: { id: variants[1]!.id, title: '40 mm' }, // HB-M8-40
      productVariant3: { id: variants[2]!.id, title: '60 mm' }, // HB-M8-60
    });
  });

  it('fulfillmentCreateV2 without line items fulfils the whole fulfillment order', async () => {
    const store = storeWithAnOrder();
    const fo = (await store.graphql({ query: '{ orders(first: 1) { nodes { id fulfillmentOrders(first: 5) { nodes { id } } } } }' })).body.data.orders.nodes[0];
    const res = await store.graphql({ query: FULFILLMENT_CREATE_V2, variables: { fulfillment: { lineItemsByFulfillmentOrder: { fulfillmentOrderId: fo.fulfillmentOrders.nodes[0].id } } } });
    expect(res.body.data.fulfillmentCreateV2).toEqual({ fulfillment: { id: expect.stringMatching(/^gid:\/\/shopify\/Fulfillment\/\d+$/), status: 'SUCCESS' }, userErrors: [] });
    const after = await store.graphql({ query: `query($id: ID!) { order(id: $id) { displayFulfillmentStatus fulfillmentOrders(first: 5) { nodes { status lineItems(first: 5) { nodes { remainingQuantity } } } } } }`, variables: { id: fo.id } });
    expect(after.body.data.order).toEqual({ displayFulfillmentStatus: 'FULFILLED', fulfillmentOrders: { nodes: [{ status: 'CLOSED', lineItems: { nodes: [{ remainingQuantity: 0 }] } }] } });
  });

  it.each(API_VERSIONS)('%s: the pre-2026 inventorySetQuantities example is refused for its compareQuantity, and nothing changes', async (version) => {
    const store = createShopifyStore({ shops: [acmeShop()] });
    const { variants, columbus } = await ids(store);
    const item = variants.find((v) => v.sku === 'HB-M8-40')!.inventoryItem.id;
    const res = await store.graphql({ query: INVENTORY_SET_PRE_2026, variables: inventorySetPre2026Variables(item, columbus), version });
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0]).toMatchObject({
      message: 'Variable $input of type InventorySetQuantitiesInput! was provided invalid value for quantities.0.compareQuantity (Field is not defined on InventoryQuantityInput)',
      extensions: { code: 'INVALID_VARIABLE', problems: [{ path: ['quantities', 0, 'compareQuantity'], explanation: 'Field is not defined on InventoryQuantityInput' }] },
    });
    const stock = await store.request({ method: 'GET', path: `/sandbox/shopify/shops/${SHOP}/inventory`, query: new URLSearchParams({ sku: 'HB-M8-40' }) });
    expect(JSON.parse(String(stock!.body))[0].levels['Columbus DC'].available).toBe(500);
  });
});
