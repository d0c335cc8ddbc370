import { parseAmount } from '../../../../src/shopify/money';
import { plannedDeposits } from '../../../../src/sync/orders/deposits';
import { planSalesOrderUpdate, type CurrentSalesOrder } from '../../../../src/sync/orders/salesOrderUpdate';
import { b2bOrder, orderLine, storeConfig } from '../../../support/fixtures';

const current = (overrides: Partial<CurrentSalesOrder> = {}): CurrentSalesOrder => ({
  id: '5001',
  poNumber: 'PO-7781',
  lines: [
    { line: '1', lineGid: 'gid://shopify/LineItem/1', itemId: '101', quantity: 4, quantityFulfilled: 0, isClosed: false },
    { line: '2', lineGid: 'gid://shopify/LineItem/2', itemId: '102', quantity: 3, quantityFulfilled: 0, isClosed: false },
  ],
  ...overrides,
});
const noItems = () => undefined;
const lines = (...nodes: ReturnType<typeof orderLine>[]) => ({ nodes, pageInfo: { hasNextPage: false, endCursor: null } });

describe('status sync on an existing sales order', () => {
  it('changes nothing when nothing changed', () => {
    expect(planSalesOrderUpdate(b2bOrder(), current(), storeConfig(), noItems)).toEqual({ poNumber: undefined, lineChanges: [], notApplied: [], summary: 'no line changes' });
  });

  it('takes quantity edits, removals and added lines made in Shopify', () => {
    const edited = b2bOrder({ lineItems: lines(orderLine(1, 'WIDGET-1', '12.50', 4, { currentQuantity: 6 }), orderLine(2, 'GADGET-2', '7.99', 3, { currentQuantity: 0 }), orderLine(3, 'BOLT-3', '0.25', 100)) });
    const plan = planSalesOrderUpdate(edited, current(), storeConfig(), (gid) => (gid === 'gid://shopify/LineItem/3' ? '103' : undefined));
    expect(plan.lineChanges).toEqual([
      { type: 'setQuantity', line: '1', quantity: 6, reason: 'quantity changed in Shopify from 4 to 6' },
      { type: 'close', line: '2', reason: 'removed in Shopify' },
      { type: 'add', lineGid: 'gid://shopify/LineItem/3', itemId: '103', quantity: 100, rate: parseAmount('0.25'), description: 'Item BOLT-3' },
    ]);
  });

  it('never takes a line below what NetSuite already fulfilled, and says so', () => {
    const edited = b2bOrder({ lineItems: lines(orderLine(1, 'WIDGET-1', '12.50', 4, { currentQuantity: 1 }), orderLine(2, 'GADGET-2', '7.99', 3)) });
    const plan = planSalesOrderUpdate(edited, current({ lines: [{ ...current().lines[0], quantityFulfilled: 2 }, current().lines[1]] }), storeConfig(), noItems);
    expect(plan.lineChanges).toEqual([{ type: 'setQuantity', line: '1', quantity: 2, reason: 'quantity changed in Shopify from 4 to 1' }]);
    expect(plan.notApplied).toEqual(['line "Item WIDGET-1": Shopify has 1, but NetSuite already fulfilled 2']);
  });

  it('closes the open lines of a cancelled order, and only those', () => {
    const cancelled = b2bOrder({ cancelledAt: '2026-11-03T10:00:00Z', cancelReason: 'CUSTOMER' });
    const partlyShipped = current({ lines: [{ ...current().lines[0], quantityFulfilled: 4 }, current().lines[1]] });
    expect(planSalesOrderUpdate(cancelled, partlyShipped, storeConfig(), noItems)).toMatchObject({
      lineChanges: [{ type: 'close', line: '2', reason: 'cancelled in Shopify (CUSTOMER)' }],
      summary: 'order cancelled in Shopify (CUSTOMER): 1 open line(s) closed',
    });
  });

  it('keeps NetSuite’s lines when NetSuite corrections are allowed, but still takes a new PO number', () => {
    const edited = b2bOrder({ poNumber: 'PO-9000', lineItems: lines(orderLine(1, 'WIDGET-1', '12.50', 4, { currentQuantity: 9 }), orderLine(2, 'GADGET-2', '7.99', 3)) });
    const plan = planSalesOrderUpdate(edited, current(), storeConfig({ allowNetSuiteOrderCorrections: true }), noItems);
    expect(plan).toMatchObject({ poNumber: 'PO-9000', lineChanges: [], summary: 'lines kept as corrected in NetSuite' });
  });

  it('reports a new line whose item NetSuite lacks instead of dropping it silently', () => {
    const edited = b2bOrder({ lineItems: lines(orderLine(1, 'WIDGET-1', '12.50', 4), orderLine(2, 'GADGET-2', '7.99', 3), orderLine(3, 'NEW-9', '1.00', 1)) });
    expect(planSalesOrderUpdate(edited, current(), storeConfig(), noItems).notApplied).toEqual(['new line "Item NEW-9" (NEW-9): no NetSuite item matches']);
  });
});

describe('customer deposits for payments received in Shopify', () => {
  it('plans one deposit per successful payment, none for tests, failures, refunds or authorizations', () => {
    const tx = (id: number, kind: string, status: string, amount: string, test = false) => ({
      id: `gid://shopify/OrderTransaction/${id}`,
      kind,
      status,
      gateway: 'manual',
      processedAt: '2026-11-02T08:05:00Z',
      test,
      amountSet: { presentmentMoney: { amount, currencyCode: 'USD' } },
    });
    const order = b2bOrder({ transactions: [tx(1, 'SALE', 'SUCCESS', '20.00'), tx(2, 'SALE', 'FAILURE', '20.00'), tx(3, 'AUTHORIZATION', 'SUCCESS', '53.97'), tx(4, 'CAPTURE', 'SUCCESS', '10.00'), tx(5, 'SALE', 'SUCCESS', '5.00', true), tx(6, 'REFUND', 'SUCCESS', '1.00')] });
    expect(plannedDeposits(order, 'acme-b2b.myshopify.com')).toEqual([
      { externalId: 'sb2b:acme-b2b.myshopify.com:OrderTransaction/1', transactionGid: 'gid://shopify/OrderTransaction/1', amount: parseAmount('20.00'), date: '2026-11-02', memo: 'Shopify payment on #1001 (manual)' },
      { externalId: 'sb2b:acme-b2b.myshopify.com:OrderTransaction/4', transactionGid: 'gid://shopify/OrderTransaction/4', amount: parseAmount('10.00'), date: '2026-11-02', memo: 'Shopify payment on #1001 (manual)' },
    ]);
  });
});
