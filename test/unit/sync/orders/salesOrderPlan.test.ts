import { SyncError } from '../../../../src/core/errors';
import { parseAmount } from '../../../../src/shopify/money';
import { externalIdFor, planSalesOrder, type OrderLinks } from '../../../../src/sync/orders/salesOrderPlan';
import { b2bOrder, orderLine, storeConfig } from '../../../support/fixtures';

const links = (overrides: Partial<OrderLinks> = {}): OrderLinks => ({
  customerId: '310',
  itemsByVariant: new Map(),
  itemsBySku: new Map([
    ['WIDGET-1', ['101']],
    ['GADGET-2', ['102']],
  ]),
  termsId: '4',
  ...overrides,
});
const u = parseAmount;

describe('a Shopify B2B order as a sales order', () => {
  it('keeps Shopify prices, quantities, PO number, terms and the total to the cent', () => {
    const plan = planSalesOrder(b2bOrder(), storeConfig(), links());
    expect(plan).toMatchObject({
      externalId: 'sb2b:acme-b2b.myshopify.com:Order/1001',
      customerId: '310',
      poNumber: 'PO-7781',
      termsId: '4',
      status: 'pendingFulfillment',
      tranDate: '2026-11-02',
      currencyCode: 'USD',
      memo: 'Shopify #1001.',
    });
    expect(plan.lines).toEqual([
      { kind: 'product', itemId: '101', quantity: 4, rate: u('12.50'), amount: u('50.00'), description: 'Item WIDGET-1', lineGid: 'gid://shopify/LineItem/1' },
      { kind: 'product', itemId: '102', quantity: 3, rate: u('7.99'), amount: u('23.97'), description: 'Item GADGET-2', lineGid: 'gid://shopify/LineItem/2' },
    ]);
    expect(plan.expectedTotal).toBe(u('73.97'));
    expect(plan.shopifyTotal).toBe(u('73.97'));
  });

  it('puts all discounts on one discount line and shipping on a shipping line', () => {
    const order = b2bOrder({ subtotal: '66.57', shipping: '15.00', shippingLines: { nodes: [{ title: 'UPS Ground', code: 'ups_ground' }] } });
    const plan = planSalesOrder(order, storeConfig(), links());
    expect(plan.lines.slice(2)).toEqual([
      { kind: 'discount', itemId: '901', quantity: 1, rate: -u('7.40'), amount: -u('7.40'), description: 'Shopify discounts on #1001' },
      { kind: 'shipping', itemId: '900', quantity: 1, rate: u('15.00'), amount: u('15.00'), description: 'UPS Ground' },
    ]);
    expect(plan.expectedTotal).toBe(u('81.57'));
  });

  it("adds Shopify's tax as a line when the store has a tax item, else leaves it to NetSuite and says how much", () => {
    const order = b2bOrder({ tax: '6.47' });
    const withItem = planSalesOrder(order, storeConfig({ orderItems: { taxItemId: '902', discountItemId: '901', shippingItemId: '900' } }), links());
    expect(withItem.lines.at(-1)).toMatchObject({ kind: 'tax', itemId: '902', amount: u('6.47') });
    expect(withItem.expectedTotal).toBe(withItem.shopifyTotal);
    const without = planSalesOrder(order, storeConfig(), links());
    expect(without.taxLeftToNetSuite).toBe(u('6.47'));
    expect(without.expectedTotal + without.taxLeftToNetSuite).toBe(without.shopifyTotal);
  });

  it('adds no tax line when prices include tax', () => {
    const plan = planSalesOrder(b2bOrder({ taxesIncluded: true, tax: '12.33', total: '73.97' }), storeConfig({ orderItems: { taxItemId: '902', discountItemId: '901' } }), links());
    expect(plan.lines.map((l) => l.kind)).toEqual(['product', 'product']);
    expect(plan.expectedTotal).toBe(plan.shopifyTotal);
  });

  it('leaves out lines removed or refunded before import', () => {
    const order = b2bOrder({ lineItems: { nodes: [orderLine(1, 'WIDGET-1', '12.50', 4), orderLine(2, 'GADGET-2', '7.99', 3, { currentQuantity: 0 })], pageInfo: { hasNextPage: false, endCursor: null } }, subtotal: '50.00' });
    expect(planSalesOrder(order, storeConfig(), links()).lines.map((l) => l.itemId)).toEqual(['101']);
  });

  it('matches linked variants before SKUs', () => {
    const plan = planSalesOrder(b2bOrder(), storeConfig(), links({ itemsByVariant: new Map([['gid://shopify/ProductVariant/1', '777']]) }));
    expect(plan.lines[0].itemId).toBe('777');
  });

  it('names every unknown SKU at once, as retriable (the admin links the items, then it retries)', () => {
    const order = b2bOrder({ lineItems: { nodes: [orderLine(1, 'NOPE-1', '1.00', 1), orderLine(2, 'GADGET-2', '7.99', 1), orderLine(3, null, '2.00', 1)], pageInfo: { hasNextPage: false, endCursor: null } }, subtotal: '10.99' });
    let error: SyncError | undefined;
    try {
      planSalesOrder(order, storeConfig(), links());
    } catch (e) {
      error = e as SyncError;
    }
    expect(error).toBeInstanceOf(SyncError);
    expect(error).toMatchObject({ code: 'SKU_NOT_FOUND', options: { retriable: true } });
    expect(error!.message).toBe(
      'Order #1001: No NetSuite item matches "NOPE-1" (Item NOPE-1), no SKU on "Item 3". Give the NetSuite item exactly the Shopify SKU as its name (case matters) or set its Shopify variant ID, then retry this entry.',
    );
  });

  it('refuses to guess between two items with the same SKU', () => {
    expect(() => planSalesOrder(b2bOrder(), storeConfig(), links({ itemsBySku: new Map([['WIDGET-1', ['101', '105']], ['GADGET-2', ['102']]]) }))).toThrow(
      expect.objectContaining({ code: 'SKU_AMBIGUOUS', message: expect.stringContaining('more than one NetSuite item has SKU "WIDGET-1" (items 101, 105)') }),
    );
  });

  it('asks for a shipping item when the order charges shipping and the store has none', () => {
    expect(() => planSalesOrder(b2bOrder({ shipping: '9.00' }), storeConfig({ orderItems: { discountItemId: '901' } }), links())).toThrow(
      expect.objectContaining({
        code: 'SHIPPING_ITEM_NOT_SET',
        message: 'Order #1001 has shipping of 9.00 USD, and store Acme has no Shipping item. Choose one on the store record (Orders tab), then retry this entry.',
      }),
    );
  });

  it('refuses an order whose parts do not add up to its total, rather than book a wrong amount', () => {
    expect(() => planSalesOrder(b2bOrder({ total: '80.00' }), storeConfig(), links())).toThrow(expect.objectContaining({ code: 'ORDER_TOTALS_INCONSISTENT' }));
  });

  it('sums money exactly, where floating point would not', () => {
    const lines = Array.from({ length: 10 }, (_, i) => orderLine(i + 1, 'WIDGET-1', '0.10', 1));
    const plan = planSalesOrder(b2bOrder({ lineItems: { nodes: lines, pageInfo: { hasNextPage: false, endCursor: null } }, subtotal: '1.00' }), storeConfig(), links());
    expect(plan.expectedTotal).toBe(u('1.00'));
    expect(Array.from({ length: 10 }, () => 0.1).reduce((a, b) => a + b, 0)).not.toBe(1); // what floats would have done
  });

  it('builds external ids from the shop and the gid', () => {
    expect(externalIdFor('acme-b2b.myshopify.com', 'gid://shopify/CompanyLocation/11')).toBe('sb2b:acme-b2b.myshopify.com:CompanyLocation/11');
  });
});
