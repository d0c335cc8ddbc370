/**
 * Status sync: what changes on an existing sales order when its Shopify order changes. Only the
 * unfulfilled part of a line can change (NetSuite has shipped the rest); a cancelled or closed order
 * closes its open lines; edits made in Shopify reach the sales order unless the store lets NetSuite
 * correct orders (AllowNetSuiteOrderCorrections), in which case NetSuite's lines stand.
 */
import type { StoreConfig } from '../../core/storeConfig';
import { parseAmount } from '../../shopify/money';
import type { ShopifyOrder } from './types';

export interface CurrentSalesOrderLine {
  /** NetSuite line number (the `line` sublist field), to address it. */
  line: string;
  lineGid?: string;
  itemId: string;
  quantity: number;
  quantityFulfilled: number;
  isClosed: boolean;
}

export interface CurrentSalesOrder {
  id: string;
  poNumber: string;
  /** The Shopify status text last written (custbody_sb2b_status) and Shopify's updatedAt then. */
  status?: string;
  updatedAt?: string;
  lines: CurrentSalesOrderLine[];
}

export type LineChange =
  | { type: 'setQuantity'; line: string; quantity: number; reason: string }
  | { type: 'close'; line: string; reason: string }
  | { type: 'add'; lineGid: string; itemId: string; quantity: number; rate: number; description: string };

export interface SalesOrderUpdatePlan {
  poNumber?: string;
  lineChanges: LineChange[];
  /** Shopify changes NetSuite did not take, with why (shown on the queue entry). */
  notApplied: string[];
  summary: string;
}

export function planSalesOrderUpdate(
  order: ShopifyOrder,
  current: CurrentSalesOrder,
  store: StoreConfig,
  itemForLine: (lineGid: string) => string | undefined,
): SalesOrderUpdatePlan {
  const changes: LineChange[] = [];
  const notApplied: string[] = [];
  const openLines = current.lines.filter((l) => !l.isClosed && l.quantity > l.quantityFulfilled);
  const poNumber = (order.poNumber ?? '').slice(0, 45);

  if (order.cancelledAt || order.closed) {
    const why = order.cancelledAt ? `cancelled in Shopify (${order.cancelReason ?? 'no reason given'})` : 'closed in Shopify';
    for (const line of openLines) changes.push({ type: 'close', line: line.line, reason: why });
    return {
      poNumber: poNumber !== current.poNumber ? poNumber : undefined,
      lineChanges: changes,
      notApplied,
      summary: openLines.length ? `order ${why}: ${openLines.length} open line(s) closed` : `order ${why}: no open lines left`,
    };
  }

  if (store.allowNetSuiteOrderCorrections) {
    return {
      poNumber: poNumber !== current.poNumber ? poNumber : undefined,
      lineChanges: [],
      notApplied: ['line changes: NetSuite corrections are allowed on this store, so the sales order lines stand'],
      summary: 'lines kept as corrected in NetSuite',
    };
  }

  const byGid = new Map(current.lines.filter((l) => l.lineGid).map((l) => [l.lineGid!, l]));
  for (const shopifyLine of order.lineItems.nodes) {
    const existing = byGid.get(shopifyLine.id);
    const wanted = shopifyLine.currentQuantity;
    if (!existing) {
      if (wanted <= 0) continue;
      const itemId = itemForLine(shopifyLine.id);
      if (!itemId) {
        notApplied.push(`new line "${shopifyLine.name}" (${shopifyLine.sku ?? 'no SKU'}): no NetSuite item matches`);
        continue;
      }
      changes.push({
        type: 'add',
        lineGid: shopifyLine.id,
        itemId,
        quantity: wanted,
        rate: parseAmount(shopifyLine.originalUnitPriceSet.presentmentMoney.amount),
        description: shopifyLine.name.slice(0, 999),
      });
      continue;
    }
    if (existing.isClosed || existing.quantity === wanted) continue;
    if (wanted < existing.quantityFulfilled) {
      notApplied.push(`line "${shopifyLine.name}": Shopify has ${wanted}, but NetSuite already fulfilled ${existing.quantityFulfilled}`);
    }
    const quantity = Math.max(wanted, existing.quantityFulfilled);
    if (quantity === existing.quantity) continue;
    if (quantity === 0) changes.push({ type: 'close', line: existing.line, reason: 'removed in Shopify' });
    else changes.push({ type: 'setQuantity', line: existing.line, quantity, reason: `quantity changed in Shopify from ${existing.quantity} to ${wanted}` });
  }
  return {
    poNumber: poNumber !== current.poNumber ? poNumber : undefined,
    lineChanges: changes,
    notApplied,
    summary: changes.length === 0 ? 'no line changes' : `${changes.length} line change(s) from Shopify`,
  };
}
