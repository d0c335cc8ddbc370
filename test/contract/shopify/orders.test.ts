/**
 * Orders: orderCreate for B2B and B2C orders, the money they add up to, reading them back
 * (purchasing entity, PO number, payment terms), polling by updated_at with cursor pagination
 * that is right at the edges, and cancel/close.
 */
import { VirtualClock } from '../../../sandbox/clock';
import { createShopifyStore, type ShopifyStore } from '../../../sandbox/shopify/store';
import { acmeShop } from './fixtures';

const ORDER_FIELDS = `id name poNumber email displayFinancialStatus displayFulfillmentStatus closed cancelledAt cancelReason
  purchasingEntity { __typename ... on PurchasingCompany { company { externalId } location { externalId } contact { customer { email } } } ... on Customer { email } }
  paymentTerms { paymentTermsName paymentTermsType dueInDays paymentSchedules(first: 1) { nodes { issuedAt dueAt balanceDue { amount } } } }
  subtotalPriceSet { shopMoney { amount currencyCode } }
  totalShippingPriceSet { shopMoney { amount } }
  totalTaxSet { shopMoney { amount } }
  totalDiscountsSet { shopMoney { amount } }
  totalPriceSet { shopMoney { amount } }
  totalOutstandingSet { shopMoney { amount } }
  totalReceivedSet { shopMoney { amount } }
  transactions { kind status gateway amountSet { shopMoney { amount } } }
  lineItems(first: 10) { nodes { sku quantity originalUnitPriceSet { shopMoney { amount } } taxLines { title rate priceSet { shopMoney { amount } } } } }`;

const CREATE = `mutation Create($order: OrderCreateOrderInput!, $options: OrderCreateOptionsInput) {
  orderCreate(order: $order, options: $options) { order { ${ORDER_FIELDS} } userErrors { field message code } }
}`;

const money = (amount: string) => ({ shopMoney: { amount, currencyCode: 'USD' } });

async function variantId(store: ShopifyStore, sku: string): Promise<string> {
  return (await store.graphql({ query: 'query V($q: String!) { productVariants(first: 1, query: $q) { nodes { id } } }', variables: { q: `sku:${sku}` } })).body.data.productVariants.nodes[0].id;
}

async function companyLocationId(store: ShopifyStore, externalId: string): Promise<string> {
  return (await store.graphql({ query: 'query L($q: String!) { companyLocations(first: 1, query: $q) { nodes { id } } }', variables: { q: `external_id:${externalId}` } })).body.data.companyLocations.nodes[0].id;
}

describe('orderCreate', () => {
  it('creates a B2B order for a company location: purchasing company, PO number, the location\'s payment terms', async () => {
    const store = createShopifyStore({ shops: [acmeShop()] });
    const res = await store.graphql({
      query: CREATE,
      variables: {
        order: {
          companyLocationId: await companyLocationId(store, 'NS-ADDR-1'),
          customer: { toAssociate: { email: 'purchasing@globex.example' } },
          email: 'purchasing@globex.example',
          poNumber: 'PO-77-1',
          financialStatus: 'PENDING',
          lineItems: [
            { variantId: await variantId(store, 'HB-M8-40'), quantity: 1000 },
            { variantId: await variantId(store, 'GLV-100'), quantity: 4, priceSet: money('11.00') },
          ],
          shippingLines: [{ title: 'LTL Freight', code: 'LTL', priceSet: money('85.00') }],
        },
      },
    });
    const { order, userErrors } = res.body.data.orderCreate;
    expect(userErrors).toEqual([]);
    expect(order).toMatchObject({
      name: '#1001',
      poNumber: 'PO-77-1',
      displayFinancialStatus: 'PENDING',
      displayFulfillmentStatus: 'UNFULFILLED',
      purchasingEntity: { __typename: 'PurchasingCompany', company: { externalId: 'NS-CUST-1001' }, location: { externalId: 'NS-ADDR-1' }, contact: { customer: { email: 'purchasing@globex.example' } } },
      paymentTerms: { paymentTermsName: 'Net 30', paymentTermsType: 'NET', dueInDays: 30, paymentSchedules: { nodes: [{ issuedAt: '2026-11-02T09:00:00Z', dueAt: '2026-12-02T09:00:00Z', balanceDue: { amount: '479.0' } }] } },
      // 1000 × 0.35 + 4 × 11.00 = 394; + 85 freight = 479 (Shopify's decimal form: "479.0")
      subtotalPriceSet: { shopMoney: { amount: '394.0', currencyCode: 'USD' } },
      totalShippingPriceSet: { shopMoney: { amount: '85.0' } },
      totalPriceSet: { shopMoney: { amount: '479.0' } },
      totalOutstandingSet: { shopMoney: { amount: '479.0' } },
      transactions: [],
    });
  });

  it('creates a B2C order, adding up as captured orders do (discount, taxed shipping, paid)', async () => {
    const store = createShopifyStore({ shops: [acmeShop()] });
    // The captured "paidTaxShipping" case: 2 × 12.00 taxed 10 %, 5.00 shipping taxed 10 %, paid
    const paid = await store.graphql({
      query: CREATE,
      variables: {
        order: {
          customer: { toUpsert: { email: 'pat@example.com' } },
          financialStatus: 'PAID',
          lineItems: [{ title: 'Paid taxable line', sku: 'MATH-PAID-TAX', quantity: 2, priceSet: money('12.00'), taxable: true, taxLines: [{ title: 'Paid taxable line tax', rate: 0.1, priceSet: money('2.40') }] }],
          shippingLines: [{ title: 'Math Ground', code: 'MATH_GROUND', priceSet: money('5.00'), taxLines: [{ title: 'Math Ground tax', rate: 0.1, priceSet: money('0.50') }] }],
        },
      },
    });
    expect(paid.body.data.orderCreate.order).toMatchObject({
      purchasingEntity: { __typename: 'Customer', email: 'pat@example.com' },
      displayFinancialStatus: 'PAID',
      subtotalPriceSet: { shopMoney: { amount: '24.0' } },
      totalShippingPriceSet: { shopMoney: { amount: '5.0' } },
      totalTaxSet: { shopMoney: { amount: '2.9' } },
      totalPriceSet: { shopMoney: { amount: '31.9' } },
      totalOutstandingSet: { shopMoney: { amount: '0.0' } },
      totalReceivedSet: { shopMoney: { amount: '31.9' } },
      transactions: [{ kind: 'SALE', status: 'SUCCESS', gateway: 'manual', amountSet: { shopMoney: { amount: '31.9' } } }],
      lineItems: { nodes: [{ sku: 'MATH-PAID-TAX', quantity: 2, originalUnitPriceSet: { shopMoney: { amount: '12.0' } }, taxLines: [{ title: 'Paid taxable line tax', rate: 0.1, priceSet: { shopMoney: { amount: '2.4' } } }] }] },
    });
    // The captured "fixedDiscount" case: 30.00 less a 5.00 code, 4.00 shipping, nothing paid
    const discounted = await store.graphql({
      query: CREATE,
      variables: {
        order: {
          lineItems: [{ title: 'Fixed discount line', sku: 'MATH-DISCOUNT', quantity: 1, priceSet: money('30.00'), taxable: false }],
          shippingLines: [{ title: 'Discount Ground', priceSet: money('4.00') }],
          discountCode: { itemFixedDiscountCode: { code: 'MATH5', amountSet: money('5.00') } },
        },
      },
    });
    expect(discounted.body.data.orderCreate.order).toMatchObject({
      displayFinancialStatus: null,
      subtotalPriceSet: { shopMoney: { amount: '25.0' } },
      totalDiscountsSet: { shopMoney: { amount: '5.0' } },
      totalPriceSet: { shopMoney: { amount: '29.0' } },
      totalOutstandingSet: { shopMoney: { amount: '29.0' } },
    });
  });

  it('splits order-level tax lines across taxable lines without losing a cent', async () => {
    const store = createShopifyStore({ shops: [acmeShop()] });
    const res = await store.graphql({
      query: CREATE,
      variables: {
        order: {
          lineItems: [1, 2, 3].map((n) => ({ title: `Line ${n}`, quantity: 1, priceSet: money('0.10') })),
          taxLines: [{ title: 'State tax', rate: 0.0625, priceSet: money('0.02') }],
        },
      },
    });
    const order = res.body.data.orderCreate.order;
    const lineTaxes = order.lineItems.nodes.map((l: { taxLines: { priceSet: { shopMoney: { amount: string } } }[] }) => l.taxLines[0]!.priceSet.shopMoney.amount);
    expect(lineTaxes).toEqual(['0.0066', '0.0066', '0.0068']);
    expect(order.totalTaxSet.shopMoney.amount).toBe('0.02');
  });

  it('refuses an order without line items and one with an unknown variant', async () => {
    const store = createShopifyStore({ shops: [acmeShop()] });
    const empty = await store.graphql({ query: CREATE, variables: { order: { lineItems: [] } } });
    expect(empty.body.data.orderCreate).toMatchObject({ order: null, userErrors: [{ field: ['order', 'lineItems'] }] });
    const unknown = await store.graphql({ query: CREATE, variables: { order: { lineItems: [{ variantId: 'gid://shopify/ProductVariant/1', quantity: 1 }] } } });
    expect(unknown.body.data.orderCreate.userErrors[0].field).toEqual(['order', 'lineItems', '0', 'variantId']);
  });
});

const POLL = `query Poll($cursor: String, $q: String!, $first: Int!) {
  orders(first: $first, after: $cursor, query: $q, sortKey: UPDATED_AT) {
    pageInfo { hasNextPage hasPreviousPage endCursor startCursor }
    nodes { id name updatedAt }
  }
}`;

describe('orders polling and pagination', () => {
  // Five orders, one a minute from 09:00; then #1002 is closed at 09:10.
  async function fiveOrders() {
    const clock = new VirtualClock(Date.parse('2026-11-02T09:00:00Z'));
    const store = createShopifyStore({ clock, shops: [acmeShop()] });
    for (let i = 0; i < 5; i++) {
      await store.graphql({ query: CREATE, variables: { order: { lineItems: [{ title: `Order ${i + 1}`, quantity: 1, priceSet: money('1.00') }] } } });
      clock.advance(60_000);
    }
    clock.advanceTo(Date.parse('2026-11-02T09:10:00Z'));
    const second = (await store.graphql({ query: '{ orders(first: 5, query: "name:#1002") { nodes { id } } }' })).body.data.orders.nodes[0].id;
    await store.graphql({ query: 'mutation C($id: ID!) { orderClose(input: { id: $id }) { order { closed } userErrors { message } } }', variables: { id: second } });
    return store;
  }

  it('returns what was updated after the watermark, oldest change first', async () => {
    const store = await fiveOrders();
    const res = await store.graphql({ query: POLL, variables: { q: "updated_at:>'2026-11-02T09:01:30Z'", first: 50 } });
    expect(res.body.data.orders.nodes.map((o: { name: string; updatedAt: string }) => [o.name, o.updatedAt])).toEqual([
      ['#1003', '2026-11-02T09:02:00Z'],
      ['#1004', '2026-11-02T09:03:00Z'],
      ['#1005', '2026-11-02T09:04:00Z'],
      ['#1002', '2026-11-02T09:10:00Z'],
    ]);
  });

  it('is strict about ">": an order updated exactly at the watermark is not returned', async () => {
    const store = await fiveOrders();
    const res = await store.graphql({ query: POLL, variables: { q: "updated_at:>'2026-11-02T09:04:00Z'", first: 50 } });
    expect(res.body.data.orders.nodes.map((o: { name: string }) => o.name)).toEqual(['#1002']);
  });

  it('gets the edges right: empty, exactly one page, and one item left over', async () => {
    const store = await fiveOrders();
    const page = (q: string, first: number, cursor?: string) => store.graphql({ query: POLL, variables: { q, first, cursor } }).then((r) => r.body.data.orders);
    // Empty
    const empty = await page("updated_at:>'2026-11-03T00:00:00Z'", 10);
    expect(empty).toEqual({ pageInfo: { hasNextPage: false, hasPreviousPage: false, endCursor: null, startCursor: null }, nodes: [] });
    // Exactly one page: five orders, first: 5
    const exact = await page("updated_at:>'2026-11-01T00:00:00Z'", 5);
    expect(exact.nodes).toHaveLength(5);
    expect(exact.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
    // One left over: first 4, then the fifth, then nothing
    const first = await page("updated_at:>'2026-11-01T00:00:00Z'", 4);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const rest = await page("updated_at:>'2026-11-01T00:00:00Z'", 4, first.pageInfo.endCursor);
    expect(rest.nodes.map((o: { name: string }) => o.name)).toEqual(['#1002']);
    expect(rest.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect([...first.nodes, ...rest.nodes].map((o: { name: string }) => o.name)).toEqual(['#1001', '#1003', '#1004', '#1005', '#1002']);
  });

  it('pages backwards with last/before and sorts by other keys, reversed on request', async () => {
    const store = await fiveOrders();
    const res = await store.graphql({
      query: `{
        newestFirst: orders(first: 2, sortKey: CREATED_AT, reverse: true) { nodes { name } pageInfo { hasNextPage } }
        lastTwo: orders(last: 2, sortKey: ID) { nodes { name } pageInfo { hasPreviousPage hasNextPage } }
        byNumber: orders(first: 10, sortKey: ORDER_NUMBER, query: "status:closed") { nodes { name closed } }
      }`,
    });
    expect(res.body.data).toEqual({
      newestFirst: { nodes: [{ name: '#1005' }, { name: '#1004' }], pageInfo: { hasNextPage: true } },
      lastTwo: { nodes: [{ name: '#1004' }, { name: '#1005' }], pageInfo: { hasPreviousPage: true, hasNextPage: false } },
      byNumber: { nodes: [{ name: '#1002', closed: true }] },
    });
  });

  it('requires first or last, as Shopify does', async () => {
    const store = await fiveOrders();
    const res = await store.graphql({ query: '{ orders { nodes { id } } }' });
    expect(res.body.errors[0]).toMatchObject({ message: 'you must provide one of first or last', extensions: { code: 'BAD_REQUEST' }, path: ['orders'] });
    expect(res.body.data).toBeNull();
  });

  it('walks the updated_at index from the watermark instead of scanning every order', async () => {
    const store = await fiveOrders();
    const shop = store.shop();
    const before = shop.scanned;
    await store.graphql({ query: POLL, variables: { q: "updated_at:>'2026-11-02T09:04:30Z'", first: 50 } });
    expect(shop.scanned - before).toBe(1);
  });
});

describe('cancel and close', () => {
  it('cancels an order (restocking committed stock), refuses a second cancel, and closes and reopens', async () => {
    const store = createShopifyStore({ shops: [acmeShop({ orders: [{ company: 'NS-CUST-1001', lines: [{ sku: 'GLV-100', quantity: 10 }] }] })] });
    const orderId = (await store.graphql({ query: '{ orders(first: 1) { nodes { id } } }' })).body.data.orders.nodes[0].id;
    const stock = async () => (await store.request({ method: 'GET', path: '/sandbox/shopify/shops/acme-b2b.myshopify.com/inventory', query: new URLSearchParams({ sku: 'GLV-100' }) }))!.body;
    expect(JSON.parse(String(await stock()))[0].levels['Columbus DC']).toMatchObject({ available: 30, committed: 10, on_hand: 40 });

    const CANCEL = 'mutation X($id: ID!) { orderCancel(orderId: $id, reason: CUSTOMER, restock: true, notifyCustomer: false) { job { done } orderCancelUserErrors { field message code } } }';
    const cancelled = await store.graphql({ query: CANCEL, variables: { id: orderId } });
    expect(cancelled.body.data.orderCancel).toEqual({ job: { done: false }, orderCancelUserErrors: [] });
    const read = await store.graphql({ query: 'query O($id: ID!) { order(id: $id) { cancelledAt cancelReason closed displayFulfillmentStatus fulfillmentOrders(first: 1) { nodes { status } } } }', variables: { id: orderId } });
    expect(read.body.data.order).toMatchObject({ cancelledAt: '2026-11-02T09:00:00Z', cancelReason: 'CUSTOMER', closed: true, fulfillmentOrders: { nodes: [{ status: 'CLOSED' }] } });
    expect(JSON.parse(String(await stock()))[0].levels['Columbus DC']).toMatchObject({ available: 40, committed: 0, on_hand: 40 });

    const again = await store.graphql({ query: CANCEL, variables: { id: orderId } });
    expect(again.body.data.orderCancel.orderCancelUserErrors).toEqual([{ field: ['orderId'], message: 'Cannot cancel an order that has already been canceled', code: 'INVALID' }]);
  });

  it('closes and reopens an order, each touching updatedAt', async () => {
    const clock = new VirtualClock();
    const store = createShopifyStore({ clock, shops: [acmeShop({ orders: [{ lines: [{ sku: 'GLV-100', quantity: 1 }], email: 'pat@example.com' }] })] });
    const id = (await store.graphql({ query: '{ orders(first: 1) { nodes { id } } }' })).body.data.orders.nodes[0].id;
    clock.advance(5_000);
    const closed = await store.graphql({ query: 'mutation C($id: ID!) { orderClose(input: { id: $id }) { order { closed closedAt updatedAt } userErrors { message } } }', variables: { id } });
    expect(closed.body.data.orderClose).toEqual({ order: { closed: true, closedAt: '2026-11-02T09:00:05Z', updatedAt: '2026-11-02T09:00:05Z' }, userErrors: [] });
    const reopened = await store.graphql({ query: 'mutation C($id: ID!) { orderOpen(input: { id: $id }) { order { closed closedAt } userErrors { message } } }', variables: { id } });
    expect(reopened.body.data.orderOpen).toEqual({ order: { closed: false, closedAt: null }, userErrors: [] });
  });
});
