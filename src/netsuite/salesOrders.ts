/**
 * Sales orders for Shopify orders: one batched lookup of everything an order needs from NetSuite,
 * then create (from a SalesOrderPlan) or update (from a SalesOrderUpdatePlan), and customer deposits.
 * Usage for a new order of a known company: 10 (lookup) + 30 (create and save) = 40 units.
 */
import * as query from 'N/query';
import * as record from 'N/record';
import { amountToNumber, formatAmount } from '../shopify/money';
import type { DepositPlan } from '../sync/orders/deposits';
import type { PlannedAddress, SalesOrderPlan } from '../sync/orders/salesOrderPlan';
import type { CurrentSalesOrder, SalesOrderUpdatePlan } from '../sync/orders/salesOrderUpdate';
import type { ShopifyOrder } from '../sync/orders/types';
import { LOCATION_GID_FIELD } from './companyCustomers';
import { LINE_GID_FIELD, SHOPIFY_GID_FIELDS, STORE_LINK_FIELDS } from './shopifyLinks';

export const ORDER_FIELDS = {
  orderName: 'custbody_sb2b_order_name',
  updatedAt: 'custbody_sb2b_updated_at',
  status: 'custbody_sb2b_status',
  totalVariance: 'custbody_sb2b_total_variance',
} as const;

const ORDER_STATUS_CODE = { pendingApproval: 'A', pendingFulfillment: 'B' } as const;

export interface OrderLookups {
  salesOrder?: { id: string; updatedAt: string };
  /** Customer and contact internal ids by Shopify gid (companies, locations, contacts, customers). */
  entities: Map<string, string>;
  itemsByVariant: Map<string, string>;
  itemsBySku: Map<string, string[]>;
}

/** One SuiteQL query (10 units): the sales order, the buyer's customer records, the lines' items. */
export function lookupOrder(order: ShopifyOrder, externalId: string, buyerGids: string[]): OrderLookups {
  const variants = Array.from(new Set(order.lineItems.nodes.map((l) => l.variant?.id).filter((v): v is string => !!v)));
  const skus = Array.from(new Set(order.lineItems.nodes.map((l) => l.sku).filter((s): s is string => !!s)));
  const gids = Array.from(new Set(buyerGids.filter(Boolean)));
  const parts = [`SELECT 'so' AS kind, id, externalid AS ref, ${ORDER_FIELDS.updatedAt} AS extra FROM transaction WHERE type = 'SalesOrd' AND externalid = ?`];
  const params: (string | number)[] = [externalId];
  const inList = (values: string[]) => values.map(() => '?').join(', ');
  if (gids.length) {
    parts.push(`SELECT 'entity' AS kind, id, ${SHOPIFY_GID_FIELDS.customer} AS ref, NULL AS extra FROM customer WHERE ${SHOPIFY_GID_FIELDS.customer} IN (${inList(gids)})`);
    // A company customer NetSuite pushed without sub-customers is also its own Shopify location.
    parts.push(`SELECT 'entity' AS kind, id, ${LOCATION_GID_FIELD} AS ref, NULL AS extra FROM customer WHERE ${LOCATION_GID_FIELD} IN (${inList(gids)})`);
    params.push(...gids, ...gids);
  }
  if (variants.length) {
    parts.push(`SELECT 'variant' AS kind, id, ${SHOPIFY_GID_FIELDS.item} AS ref, NULL AS extra FROM item WHERE ${SHOPIFY_GID_FIELDS.item} IN (${inList(variants)}) AND isinactive = 'F'`);
    params.push(...variants);
  }
  if (skus.length) {
    parts.push(`SELECT 'sku' AS kind, id, itemid AS ref, NULL AS extra FROM item WHERE itemid IN (${inList(skus)}) AND isinactive = 'F'`);
    params.push(...skus);
  }
  const result: OrderLookups = { entities: new Map(), itemsByVariant: new Map(), itemsBySku: new Map() };
  for (const row of query.runSuiteQL({ query: parts.join(' UNION ALL '), params }).asMappedResults()) {
    const id = String(row.id);
    const ref = String(row.ref ?? '');
    switch (String(row.kind)) {
      case 'so':
        result.salesOrder = { id, updatedAt: String(row.extra ?? '') };
        break;
      case 'entity':
        result.entities.set(ref, id);
        break;
      case 'variant':
        result.itemsByVariant.set(ref, id);
        break;
      case 'sku':
        // SuiteQL may compare case-insensitively; SKUs are case-sensitive in Shopify, so keep exact matches only.
        if (skus.includes(ref)) result.itemsBySku.set(ref, [...(result.itemsBySku.get(ref) ?? []), id]);
        break;
    }
  }
  return result;
}

function dateOf(isoDate: string): Date {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(y, m - 1, d);
}

function setAddress(rec: record.Record, fieldId: string, address: PlannedAddress | undefined) {
  if (!address) return;
  const sub = rec.getSubrecord({ fieldId });
  for (const [key, value] of Object.entries(address)) if (value) sub.setValue({ fieldId: key, value });
}

export function statusText(order: ShopifyOrder): string {
  if (order.cancelledAt) return `CANCELLED (${order.cancelReason ?? 'no reason'})`;
  return `${order.displayFinancialStatus ?? 'NO PAYMENT STATUS'} / ${order.displayFulfillmentStatus}${order.closed ? ' / CLOSED' : ''}`;
}

/** Creates the sales order; returns its id (the existing one if another run created it first). */
export function createSalesOrder(plan: SalesOrderPlan, order: ShopifyOrder, currencyId: string | undefined): string {
  const rec = record.create({ type: record.Type.SALES_ORDER });
  const set = (fieldId: string, value: string | number | boolean | Date | undefined) => {
    if (value !== undefined && value !== '') rec.setValue({ fieldId, value });
  };
  set('entity', plan.customerId);
  set('externalid', plan.externalId);
  set('trandate', dateOf(plan.tranDate));
  set('orderstatus', ORDER_STATUS_CODE[plan.status]);
  set('otherrefnum', plan.poNumber);
  set('memo', plan.memo);
  set('terms', plan.termsId);
  set('currency', currencyId);
  set('location', plan.locationId);
  set(SHOPIFY_GID_FIELDS.transaction, plan.orderGid);
  set(STORE_LINK_FIELDS.transaction, plan.storeId);
  set(ORDER_FIELDS.orderName, plan.orderName);
  set(ORDER_FIELDS.updatedAt, order.updatedAt);
  set(ORDER_FIELDS.status, statusText(order));
  set(ORDER_FIELDS.totalVariance, 0);
  setAddress(rec, 'billingaddress', plan.billingAddress);
  setAddress(rec, 'shippingaddress', plan.shippingAddress);
  plan.lines.forEach((line, index) => {
    const sublistId = 'item';
    const setLine = (fieldId: string, value: string | number | boolean) => rec.setSublistValue({ sublistId, fieldId, line: index, value });
    setLine('item', line.itemId);
    setLine('quantity', line.quantity);
    setLine('price', '-1'); // Custom: Shopify's price wins over NetSuite price levels
    setLine('rate', amountToNumber(line.rate, 4));
    setLine('amount', amountToNumber(line.amount, plan.currencyDecimals));
    setLine('description', line.description);
    if (line.lineGid) setLine(LINE_GID_FIELD, line.lineGid);
    if (line.locationId) setLine('location', line.locationId);
  });
  try {
    return String(rec.save());
  } catch (e) {
    if ((e as { name?: string }).name === 'DUP_RCRD') {
      const existing = query.runSuiteQL({ query: `SELECT id FROM transaction WHERE type = 'SalesOrd' AND externalid = ?`, params: [plan.externalId] }).asMappedResults()[0];
      if (existing) return String(existing.id);
    }
    throw e;
  }
}

/** Records how far NetSuite's total (with its own tax) is from Shopify's; 10 + 10 units, only when NetSuite calculated tax. */
export function recordTotalVariance(salesOrderId: string, plan: SalesOrderPlan): number {
  const row = query.runSuiteQL({ query: 'SELECT foreigntotal FROM transaction WHERE id = ?', params: [Number(salesOrderId)] }).asMappedResults()[0];
  const netsuiteTotal = Math.round(Number(row?.foreigntotal ?? 0) * 10 ** plan.currencyDecimals);
  const shopifyTotal = Math.round(Number(formatAmount(plan.shopifyTotal, plan.currencyDecimals)) * 10 ** plan.currencyDecimals);
  const variance = (shopifyTotal - netsuiteTotal) / 10 ** plan.currencyDecimals;
  if (variance !== 0) {
    record.submitFields({ type: record.Type.SALES_ORDER, id: salesOrderId, values: { [ORDER_FIELDS.totalVariance]: variance }, options: { ignoreMandatoryFields: true } });
  }
  return variance;
}

/** Loads a sales order for status sync (10 units); keep the record to apply the update on. */
export function loadSalesOrder(id: string): { rec: record.Record; current: CurrentSalesOrder } {
  const rec = record.load({ type: record.Type.SALES_ORDER, id });
  const lines = [];
  for (let line = 0; line < rec.getLineCount({ sublistId: 'item' }); line++) {
    const get = (fieldId: string) => rec.getSublistValue({ sublistId: 'item', fieldId, line });
    lines.push({
      line: String(line),
      lineGid: String(get(LINE_GID_FIELD) ?? '') || undefined,
      itemId: String(get('item') ?? ''),
      quantity: Number(get('quantity') ?? 0),
      quantityFulfilled: Number(get('quantityfulfilled') ?? 0),
      isClosed: get('isclosed') === true || get('isclosed') === 'T',
    });
  }
  return {
    rec,
    current: {
      id,
      poNumber: String(rec.getValue({ fieldId: 'otherrefnum' }) ?? ''),
      status: String(rec.getValue({ fieldId: ORDER_FIELDS.status }) ?? ''),
      updatedAt: String(rec.getValue({ fieldId: ORDER_FIELDS.updatedAt }) ?? ''),
      lines,
    },
  };
}

/** Applies a status-sync plan to a loaded sales order and saves it (20 units). */
export function applySalesOrderUpdate(rec: record.Record, plan: SalesOrderUpdatePlan, order: ShopifyOrder, currencyDecimals: number): void {
  const sublistId = 'item';
  if (plan.poNumber !== undefined) rec.setValue({ fieldId: 'otherrefnum', value: plan.poNumber });
  for (const change of plan.lineChanges) {
    if (change.type === 'close') rec.setSublistValue({ sublistId, fieldId: 'isclosed', line: Number(change.line), value: true });
    else if (change.type === 'setQuantity') {
      const line = Number(change.line);
      const rate = Number(rec.getSublistValue({ sublistId, fieldId: 'rate', line }) ?? 0);
      rec.setSublistValue({ sublistId, fieldId: 'quantity', line, value: change.quantity });
      rec.setSublistValue({ sublistId, fieldId: 'amount', line, value: Number((rate * change.quantity).toFixed(currencyDecimals)) });
    } else {
      const line = rec.getLineCount({ sublistId });
      rec.insertLine({ sublistId, line });
      rec.setSublistValue({ sublistId, fieldId: 'item', line, value: change.itemId });
      rec.setSublistValue({ sublistId, fieldId: 'quantity', line, value: change.quantity });
      rec.setSublistValue({ sublistId, fieldId: 'price', line, value: '-1' });
      rec.setSublistValue({ sublistId, fieldId: 'rate', line, value: amountToNumber(change.rate, 4) });
      rec.setSublistValue({ sublistId, fieldId: 'amount', line, value: amountToNumber(change.rate * change.quantity, currencyDecimals) });
      rec.setSublistValue({ sublistId, fieldId: 'description', line, value: change.description });
      rec.setSublistValue({ sublistId, fieldId: LINE_GID_FIELD, line, value: change.lineGid });
    }
  }
  rec.setValue({ fieldId: ORDER_FIELDS.updatedAt, value: order.updatedAt });
  rec.setValue({ fieldId: ORDER_FIELDS.status, value: statusText(order) });
  rec.save();
}

/**
 * Records Shopify's status and updatedAt on a sales order whose lines and PO did not change (an
 * order paid or fulfilled in Shopify): an inline edit of two body fields, 10 units, where a full save
 * costs 20 and runs every script and workflow on the sales order again.
 */
export function recordShopifyStatus(salesOrderId: string, order: ShopifyOrder): void {
  record.submitFields({
    type: record.Type.SALES_ORDER,
    id: salesOrderId,
    values: { [ORDER_FIELDS.updatedAt]: order.updatedAt, [ORDER_FIELDS.status]: statusText(order) },
  });
}

/** Customer deposits for payments not deposited yet (10 units to check, 30 per new deposit). */
export function createDeposits(salesOrderId: string, customerId: string, deposits: DepositPlan[], currencyDecimals: number): number {
  if (deposits.length === 0) return 0;
  const existing = new Set(
    query
      .runSuiteQL({
        query: `SELECT externalid FROM transaction WHERE type = 'CustDep' AND externalid IN (${deposits.map(() => '?').join(', ')})`,
        params: deposits.map((d) => d.externalId),
      })
      .asMappedResults()
      .map((r) => String(r.externalid)),
  );
  let created = 0;
  for (const deposit of deposits.filter((d) => !existing.has(d.externalId))) {
    const rec = record.create({ type: record.Type.CUSTOMER_DEPOSIT });
    rec.setValue({ fieldId: 'customer', value: customerId });
    rec.setValue({ fieldId: 'salesorder', value: salesOrderId });
    rec.setValue({ fieldId: 'payment', value: amountToNumber(deposit.amount, currencyDecimals) });
    rec.setValue({ fieldId: 'trandate', value: dateOf(deposit.date) });
    rec.setValue({ fieldId: 'memo', value: deposit.memo });
    rec.setValue({ fieldId: 'externalid', value: deposit.externalId });
    try {
      rec.save();
      created++;
    } catch (e) {
      if ((e as { name?: string }).name !== 'DUP_RCRD') throw e;
    }
  }
  return created;
}
