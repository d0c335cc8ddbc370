/**
 * Deposit mode (PostCustomerDepositForShopifyB2B): each payment Shopify received on a B2B order
 * becomes a NetSuite customer deposit on its sales order, one per Shopify transaction (keyed by the
 * transaction's gid, so a payment is never deposited twice), and the rest is invoiced as lines ship.
 */
import { parseAmount } from '../../shopify/money';
import { externalIdFor } from './salesOrderPlan';
import type { ShopifyOrder } from './types';

export interface DepositPlan {
  externalId: string;
  transactionGid: string;
  /** Money units (10^-4). */
  amount: number;
  date: string;
  memo: string;
}

const PAYMENT_KINDS = new Set(['SALE', 'CAPTURE']);

export function plannedDeposits(order: ShopifyOrder, shopDomain: string): DepositPlan[] {
  return order.transactions
    .filter((t) => PAYMENT_KINDS.has(t.kind) && t.status === 'SUCCESS' && !t.test)
    .map((t) => ({
      externalId: externalIdFor(shopDomain, t.id),
      transactionGid: t.id,
      amount: parseAmount(t.amountSet.presentmentMoney.amount),
      date: (t.processedAt ?? order.processedAt).slice(0, 10),
      memo: `Shopify payment on ${order.name}${t.gateway ? ` (${t.gateway})` : ''}`,
    }))
    .filter((d) => d.amount > 0);
}
