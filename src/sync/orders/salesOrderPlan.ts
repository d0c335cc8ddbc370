/**
 * A Shopify order as a NetSuite sales order, decided without touching NetSuite: header, lines
 * (Shopify's prices win over NetSuite price levels), one discount line, shipping and tax lines, and
 * the total NetSuite will reach, in integer money units so that it equals Shopify's to the cent.
 */
import { SyncError } from '../../core/errors';
import type { NewOrderStatus, StoreConfig } from '../../core/storeConfig';
import { currencyDecimals, formatAmount, parseAmount } from '../../shopify/money';
import type { OrderLocations } from './locations';
import type { OrderAddress, ShopifyOrder } from './types';

export interface PlannedAddress {
  addressee: string;
  attention: string;
  addr1: string;
  addr2: string;
  city: string;
  state: string;
  zip: string;
  country: string;
  addrphone: string;
}

export type PlannedLineKind = 'product' | 'discount' | 'shipping' | 'tax';

export interface PlannedLine {
  kind: PlannedLineKind;
  itemId: string;
  quantity: number;
  /** Money units (10^-4): see src/shopify/money.ts. */
  rate: number;
  amount: number;
  description: string;
  /** The Shopify LineItem gid, for product lines. */
  lineGid?: string;
  /** NetSuite location of the line, when the order ships from several (else the header's). */
  locationId?: string;
}

export interface SalesOrderPlan {
  externalId: string;
  customerId: string;
  orderGid: string;
  orderName: string;
  storeId: string;
  tranDate: string;
  poNumber?: string;
  memo: string;
  currencyCode: string;
  currencyDecimals: number;
  termsId?: string;
  status: NewOrderStatus;
  subsidiaryId?: string;
  locationId?: string;
  billingAddress?: PlannedAddress;
  shippingAddress?: PlannedAddress;
  lines: PlannedLine[];
  /** What NetSuite's total will be with these lines, and Shopify's total: they differ only when NetSuite calculates tax. */
  expectedTotal: number;
  shopifyTotal: number;
  /** Shopify tax left for NetSuite to calculate (no tax item on the store). */
  taxLeftToNetSuite: number;
}

/** What NetSuite already knows, looked up in one batch before planning. */
export interface OrderLinks {
  customerId: string;
  /** NetSuite item ids by Shopify variant gid (linked items) and by SKU. */
  itemsByVariant: Map<string, string>;
  itemsBySku: Map<string, string[]>;
  /** NetSuite terms id for the order's payment terms, if it has any and they are mapped. */
  termsId?: string;
  /** Where stock is committed (see ./locations.ts); without it, the store's default location. */
  locations?: OrderLocations;
}

/** The external id every record created from a Shopify object carries: shop + gid, stable and unique. */
export function externalIdFor(shopDomain: string, gid: string): string {
  return `sb2b:${shopDomain}:${gid.replace('gid://shopify/', '')}`;
}

const MAX = { addressee: 100, attention: 100, addr: 150, city: 50, state: 30, zip: 36, phone: 32, memo: 999, otherrefnum: 45, description: 999 };

function clip(value: string | null | undefined, max: number): string {
  return (value ?? '').trim().slice(0, max);
}

export function planAddress(address: OrderAddress | null): PlannedAddress | undefined {
  if (!address || !address.address1) return undefined;
  const person = [address.firstName, address.lastName].filter(Boolean).join(' ');
  return {
    addressee: clip(address.company || person, MAX.addressee),
    attention: clip(address.company ? person : '', MAX.attention),
    addr1: clip(address.address1, MAX.addr),
    addr2: clip(address.address2, MAX.addr),
    city: clip(address.city, MAX.city),
    state: clip(address.provinceCode || address.province, MAX.state),
    zip: clip(address.zip, MAX.zip),
    country: clip(address.countryCodeV2, 2),
    addrphone: clip(address.phone, MAX.phone),
  };
}

/** Finds each line's NetSuite item: by linked variant first, then by exact SKU. All problems at once. */
function resolveItems(order: ShopifyOrder, links: OrderLinks): Map<string, string> {
  const itemByLine = new Map<string, string>();
  const missing: string[] = [];
  const ambiguous: string[] = [];
  for (const line of order.lineItems.nodes) {
    if (line.currentQuantity <= 0) continue;
    const linked = line.variant ? links.itemsByVariant.get(line.variant.id) : undefined;
    if (linked) {
      itemByLine.set(line.id, linked);
      continue;
    }
    const candidates = line.sku ? links.itemsBySku.get(line.sku) ?? [] : [];
    if (candidates.length === 1) itemByLine.set(line.id, candidates[0]);
    else if (candidates.length > 1) ambiguous.push(`"${line.sku}" (items ${candidates.join(', ')})`);
    else missing.push(line.sku ? `"${line.sku}" (${line.name})` : `no SKU on "${line.name}"`);
  }
  if (missing.length > 0 || ambiguous.length > 0) {
    const parts = [];
    if (missing.length) parts.push(`No NetSuite item matches ${missing.join(', ')}`);
    if (ambiguous.length) parts.push(`more than one NetSuite item has SKU ${ambiguous.join(', ')}`);
    throw new SyncError(
      missing.length ? 'SKU_NOT_FOUND' : 'SKU_AMBIGUOUS',
      `Order ${order.name}: ${parts.join('; ')}. Give the NetSuite item exactly the Shopify SKU as its name (case matters) or set its Shopify variant ID, then retry this entry.`,
      { retriable: true },
    );
  }
  return itemByLine;
}

export function planSalesOrder(order: ShopifyOrder, store: StoreConfig, links: OrderLinks): SalesOrderPlan {
  if (order.lineItems.pageInfo.hasNextPage) throw new Error('planSalesOrder needs all line items: read every page first');
  const itemByLine = resolveItems(order, links);
  const currency = order.presentmentCurrencyCode;
  const decimals = currencyDecimals(currency);
  const money = (amount: { presentmentMoney: { amount: string } }) => parseAmount(amount.presentmentMoney.amount);
  const shown = (units: number) => `${formatAmount(units, decimals)} ${currency}`;

  const lines: PlannedLine[] = [];
  for (const line of order.lineItems.nodes) {
    if (line.currentQuantity <= 0) continue;
    const rate = money(line.originalUnitPriceSet);
    lines.push({
      kind: 'product',
      itemId: itemByLine.get(line.id)!,
      quantity: line.currentQuantity,
      rate,
      amount: rate * line.currentQuantity,
      description: clip(line.name, MAX.description),
      lineGid: line.id,
      locationId: links.locations?.lineLocationIds.get(line.id),
    });
  }
  if (lines.length === 0) {
    throw new SyncError('ORDER_HAS_NO_LINES', `Order ${order.name} has no line items left (all removed or refunded): there is nothing to put on a sales order.`);
  }
  const productTotal = lines.reduce((sum, l) => sum + l.amount, 0);
  const subtotal = money(order.currentSubtotalPriceSet);
  const discount = productTotal - subtotal;
  const shipping = money(order.currentShippingPriceSet);
  const tax = money(order.currentTotalTaxSet);
  const total = money(order.currentTotalPriceSet);

  const needItem = (what: string, setting: string, itemId: string | undefined, amount: number): string => {
    if (itemId) return itemId;
    throw new SyncError(
      `${what.toUpperCase()}_ITEM_NOT_SET`,
      `Order ${order.name} has ${what} of ${shown(amount)}, and store ${store.name} has no ${setting}. Choose one on the store record (Orders tab), then retry this entry.`,
      { retriable: true },
    );
  };
  if (discount > 0) {
    lines.push({ kind: 'discount', itemId: needItem('discount', 'Discount item', store.orderItems.discountItemId, discount), quantity: 1, rate: -discount, amount: -discount, description: `Shopify discounts on ${order.name}` });
  } else if (discount < 0) {
    throw new SyncError('ORDER_TOTALS_INCONSISTENT', `Order ${order.name}: its lines add up to ${shown(productTotal)}, less than its subtotal of ${shown(subtotal)}. Check the order in Shopify.`);
  }
  if (shipping > 0) {
    const title = order.shippingLines.nodes.map((s) => s.title).join(', ') || 'Shipping';
    lines.push({ kind: 'shipping', itemId: needItem('shipping', 'Shipping item', store.orderItems.shippingItemId, shipping), quantity: 1, rate: shipping, amount: shipping, description: clip(title, MAX.description) });
  }
  let taxLeftToNetSuite = 0;
  if (tax > 0 && !order.taxesIncluded) {
    if (store.orderItems.taxItemId) {
      lines.push({ kind: 'tax', itemId: store.orderItems.taxItemId, quantity: 1, rate: tax, amount: tax, description: `Shopify tax on ${order.name}` });
    } else {
      taxLeftToNetSuite = tax;
    }
  }
  const expectedTotal = lines.reduce((sum, l) => sum + l.amount, 0);
  if (expectedTotal + taxLeftToNetSuite !== total) {
    throw new SyncError(
      'ORDER_TOTALS_INCONSISTENT',
      `Order ${order.name}: lines, discounts, shipping and tax add up to ${shown(expectedTotal + taxLeftToNetSuite)}, not Shopify's total of ${shown(total)}. Check the order in Shopify (duties or tips are not synced).`,
    );
  }

  const customerMemo = order.note ? ` ${order.note}` : '';
  return {
    externalId: externalIdFor(store.shopDomain, order.id),
    customerId: links.customerId,
    orderGid: order.id,
    orderName: order.name,
    storeId: store.id,
    tranDate: order.processedAt.slice(0, 10),
    poNumber: order.poNumber ? clip(order.poNumber, MAX.otherrefnum) : undefined,
    memo: clip(`Shopify ${order.name}.${customerMemo}`, MAX.memo),
    currencyCode: currency,
    currencyDecimals: decimals,
    termsId: links.termsId,
    status: store.newOrderStatus,
    subsidiaryId: store.subsidiaryId,
    locationId: links.locations ? links.locations.headerLocationId : store.defaultLocationId,
    billingAddress: planAddress(order.billingAddress),
    shippingAddress: planAddress(order.shippingAddress),
    lines,
    expectedTotal,
    shopifyTotal: total,
    taxLeftToNetSuite,
  };
}
