/**
 * Orders, fulfillment orders and fulfillments. Order math follows what real orders show
 * (captured orderCreate results): subtotal = line prices − line discounts; total = subtotal +
 * shipping − shipping discounts + taxes (unless taxes are included); received = successful sales
 * and captures − refunds; outstanding = total − received − open authorizations.
 *
 * Shopify creates fulfillment orders with the order (one per assigned location) and they are the
 * only way to fulfil: remaining quantities go down with each fulfillment, the fulfillment order
 * moves OPEN → IN_PROGRESS → CLOSED, and the order's fulfillment status follows.
 */
import { userError, type UserError } from '../errors';
import { idOf } from '../gid';
import { applyRate, parseAmount, sum, times, type Amount } from '../money';
import { findLevel, applyDelta } from './catalog';
import { companyAddressAsAddress, upsertCustomer } from './companies';
import type { ShopState } from './shop';
import type {
  Address,
  DiscountApplication,
  FinancialStatus,
  Fulfillment,
  FulfillmentOrder,
  LineItem,
  Order,
  OrderTransaction,
  PaymentTerms,
  ShippingLine,
  TaxLine,
} from './types';

// ---- derived values -----------------------------------------------------------------------------

export function lineDiscount(line: LineItem): Amount {
  return sum(line.discountAllocations.map((d) => d.amount));
}

export function lineTax(line: LineItem): Amount {
  return sum(line.taxLines.map((t) => t.price));
}

export interface OrderTotals {
  lineItemsSubtotal: Amount;
  subtotal: Amount;
  shipping: Amount;
  shippingDiscount: Amount;
  tax: Amount;
  discounts: Amount;
  total: Amount;
  received: Amount;
  authorized: Amount;
  outstanding: Amount;
  refunded: Amount;
}

/** Totals over the current line items (cancelled quantities removed). */
export function orderTotals(order: Order, current = false): OrderTotals {
  const quantity = (l: LineItem) => (current ? l.quantity - l.removedQuantity : l.quantity);
  const share = (l: LineItem, amount: Amount) => (l.quantity === 0 ? 0n : (amount * BigInt(quantity(l))) / BigInt(l.quantity));
  const lineItemsSubtotal = sum(order.lineItems.map((l) => times(l.originalUnitPrice, quantity(l))));
  const lineDiscounts = sum(order.lineItems.map((l) => share(l, lineDiscount(l))));
  const shipping = sum(order.shippingLines.map((s) => s.price));
  const shippingDiscount = sum(order.shippingLines.map((s) => sum(s.discountAllocations.map((d) => d.amount))));
  const tax = sum(order.lineItems.map((l) => share(l, lineTax(l)))) + sum(order.shippingLines.map((s) => sum(s.taxLines.map((t) => t.price))));
  const subtotal = lineItemsSubtotal - lineDiscounts;
  const total = subtotal + shipping - shippingDiscount + (order.taxesIncluded ? 0n : tax);
  const ok = (t: OrderTransaction) => t.status === 'SUCCESS';
  const received = sum(order.transactions.filter((t) => ok(t) && (t.kind === 'SALE' || t.kind === 'CAPTURE')).map((t) => t.amount));
  const refunded = sum(order.transactions.filter((t) => ok(t) && t.kind === 'REFUND').map((t) => t.amount));
  const authorizations = sum(order.transactions.filter((t) => ok(t) && t.kind === 'AUTHORIZATION').map((t) => t.amount));
  const captured = sum(order.transactions.filter((t) => ok(t) && t.kind === 'CAPTURE').map((t) => t.amount));
  const authorized = authorizations > captured ? authorizations - captured : 0n;
  const net = received - refunded;
  const rawOutstanding = total - net - authorized;
  return { lineItemsSubtotal, subtotal, shipping, shippingDiscount, tax, discounts: lineDiscounts + shippingDiscount, total, received: net, authorized, outstanding: rawOutstanding > 0n ? rawOutstanding : 0n, refunded };
}

export function financialStatus(order: Order): FinancialStatus | null {
  const t = orderTotals(order, true);
  if (order.transactions.length === 0) return order.declaredFinancialStatus ?? (order.paymentTerms ? 'PENDING' : null);
  if (t.refunded > 0n) return t.received <= 0n ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
  if (t.received >= t.total && t.total > 0n) return 'PAID';
  if (t.received > 0n) return 'PARTIALLY_PAID';
  if (t.authorized > 0n) return 'AUTHORIZED';
  return order.declaredFinancialStatus ?? 'PENDING';
}

export type DisplayFulfillmentStatus = 'FULFILLED' | 'PARTIALLY_FULFILLED' | 'UNFULFILLED' | 'IN_PROGRESS' | 'ON_HOLD' | 'OPEN' | 'PENDING_FULFILLMENT' | 'RESTOCKED' | 'SCHEDULED' | 'REQUEST_DECLINED';

export function fulfilledQuantity(shop: ShopState, order: Order, lineItemId: number): number {
  let n = 0;
  for (const fid of order.fulfillmentIds) {
    const f = shop.fulfillments.get(fid);
    if (!f || f.status !== 'SUCCESS') continue;
    for (const fl of f.lineItems) if (fl.lineItemId === lineItemId) n += fl.quantity;
  }
  return n;
}

export function displayFulfillmentStatus(shop: ShopState, order: Order): DisplayFulfillmentStatus {
  let fulfilled = 0;
  let wanted = 0;
  for (const line of order.lineItems) {
    const current = line.quantity - line.removedQuantity;
    fulfilled += Math.min(current, fulfilledQuantity(shop, order, line.id));
    wanted += current;
  }
  if (order.cancelledAt && fulfilled === 0) return order.lineItems.some((l) => l.removedQuantity > 0) ? 'RESTOCKED' : 'UNFULFILLED';
  if (wanted > 0 && fulfilled >= wanted) return 'FULFILLED';
  if (fulfilled > 0) return 'PARTIALLY_FULFILLED';
  return 'UNFULFILLED';
}

// ---- bookkeeping ----------------------------------------------------------------------------------

/** Stamps updatedAt, keeps the updated_at index true, and announces the change. */
export function touchOrder(shop: ShopState, order: Order, topics: string[] = ['orders/updated']): void {
  order.updatedAt = shop.now();
  shop.ordersByUpdatedAt.update(order);
  for (const topic of topics) shop.emit({ topic, resource: { type: 'Order', id: order.id } });
}

function primaryLocationId(shop: ShopState): number | undefined {
  for (const l of shop.locations.values()) if (l.isActive && l.fulfillsOnlineOrders) return l.id;
  for (const l of shop.locations.values()) if (l.isActive) return l.id;
  return undefined;
}

/**
 * Where a line ships from: the first active location that stocks the item with enough available,
 * else the first that stocks it at all, else the shop's primary location.
 */
function routeLine(shop: ShopState, line: LineItem): number | undefined {
  const variant = line.variantId !== null ? shop.variants.get(line.variantId) : undefined;
  const levels = variant ? (shop.levelsByItem.get(variant.inventoryItemId) ?? []) : [];
  const active = levels.filter((l) => shop.locations.get(l.locationId)?.isActive);
  return (active.find((l) => l.quantities.available >= line.quantity) ?? active[0])?.locationId ?? primaryLocationId(shop);
}

// ---- orderCreate ----------------------------------------------------------------------------------

interface MoneyBagInput {
  shopMoney: { amount: string | number; currencyCode: string };
  presentmentMoney?: { amount: string | number; currencyCode: string } | null;
}

interface TaxLineInput {
  title: string;
  rate: string | number;
  priceSet?: MoneyBagInput | null;
  channelLiable?: boolean | null;
}

export interface OrderCreateInput {
  lineItems?: {
    variantId?: string | null;
    productId?: string | null;
    title?: string | null;
    variantTitle?: string | null;
    vendor?: string | null;
    sku?: string | null;
    quantity: number;
    priceSet?: MoneyBagInput | null;
    requiresShipping?: boolean | null;
    taxable?: boolean | null;
    taxLines?: TaxLineInput[] | null;
  }[] | null;
  shippingLines?: { title: string; code?: string | null; source?: string | null; priceSet: MoneyBagInput; taxLines?: TaxLineInput[] | null }[] | null;
  taxLines?: TaxLineInput[] | null;
  discountCode?: {
    itemFixedDiscountCode?: { code: string; amountSet?: MoneyBagInput | null } | null;
    itemPercentageDiscountCode?: { code: string; percentage?: number | null } | null;
    freeShippingDiscountCode?: { code: string } | null;
  } | null;
  financialStatus?: FinancialStatus | null;
  transactions?: { kind?: OrderTransaction['kind'] | null; status?: OrderTransaction['status'] | null; gateway?: string | null; test?: boolean | null; amountSet: MoneyBagInput; processedAt?: string | null }[] | null;
  customer?: { toAssociate?: { id?: string | null; email?: string | null } | null; toUpsert?: { id?: string | null; email?: string | null; firstName?: string | null; lastName?: string | null; phone?: string | null } | null } | null;
  customerId?: string | null;
  companyLocationId?: string | null;
  email?: string | null;
  phone?: string | null;
  billingAddress?: Partial<Address> | null;
  shippingAddress?: Partial<Address> | null;
  poNumber?: string | null;
  note?: string | null;
  tags?: string[] | null;
  test?: boolean | null;
  currency?: string | null;
  presentmentCurrency?: string | null;
  processedAt?: string | null;
  closedAt?: string | null;
  sourceName?: string | null;
  name?: string | null;
  taxesIncluded?: boolean | null;
}

export type InventoryBehaviour = 'BYPASS' | 'DECREMENT_IGNORING_POLICY' | 'DECREMENT_OBEYING_POLICY';

export interface OrderCreateResult {
  order: Order | null;
  userErrors: UserError[];
}

function normalizeAddress(input: Partial<Address> | null | undefined): Address | null {
  if (!input) return null;
  return {
    firstName: input.firstName ?? null,
    lastName: input.lastName ?? null,
    company: input.company ?? null,
    address1: input.address1 ?? null,
    address2: input.address2 ?? null,
    city: input.city ?? null,
    province: input.province ?? input.provinceCode ?? null,
    provinceCode: input.provinceCode ?? null,
    country: input.country ?? input.countryCode ?? null,
    countryCode: input.countryCode ?? null,
    zip: input.zip ?? null,
    phone: input.phone ?? null,
  };
}

function taxLinesFrom(inputs: TaxLineInput[] | null | undefined, base: Amount, currency: string): TaxLine[] {
  return (inputs ?? []).map((t) => ({
    title: t.title,
    rate: String(t.rate),
    price: t.priceSet ? parseAmount(t.priceSet.shopMoney.amount) : applyRate(base, t.rate, currency),
    channelLiable: t.channelLiable ?? false,
  }));
}

/** Splits `amount` across weights proportionally, the rounding remainder going to the last share. */
function allocate(amount: Amount, weights: Amount[]): Amount[] {
  const total = sum(weights);
  if (total === 0n) return weights.map(() => 0n);
  const shares = weights.map((w) => (amount * w) / total);
  const rest = amount - sum(shares);
  if (shares.length) shares[shares.length - 1]! += rest;
  return shares;
}

export function orderCreate(shop: ShopState, input: OrderCreateInput, inventoryBehaviour: InventoryBehaviour = 'BYPASS'): OrderCreateResult {
  const errors: UserError[] = [];
  const currency = input.currency ?? shop.currencyCode;
  const lineInputs = input.lineItems ?? [];
  if (lineInputs.length === 0) errors.push(userError(['order', 'lineItems'], 'Line items must have at least one line item', 'INVALID'));
  const now = shop.now();
  const lines: LineItem[] = [];
  lineInputs.forEach((li, i) => {
    const variant = li.variantId ? shop.variants.get(idOf(li.variantId, 'ProductVariant') ?? -1) : undefined;
    if (li.variantId && !variant) {
      errors.push(userError(['order', 'lineItems', i, 'variantId'], 'Variant does not exist', 'INVALID'));
      return;
    }
    if (!variant && !li.title) {
      errors.push(userError(['order', 'lineItems', i, 'title'], 'Line item title is required when no variant is given', 'INVALID'));
      return;
    }
    if (li.quantity < 1) errors.push(userError(['order', 'lineItems', i, 'quantity'], 'Quantity must be greater than or equal to 1', 'INVALID'));
    const product = variant ? shop.products.get(variant.productId) : undefined;
    const item = variant ? shop.inventoryItems.get(variant.inventoryItemId) : undefined;
    const price = li.priceSet ? parseAmount(li.priceSet.shopMoney.amount) : (variant?.price ?? 0n);
    const title = li.title ?? product?.title ?? 'Custom item';
    const variantTitle = li.variantTitle ?? (variant && variant.title !== 'Default Title' ? variant.title : null);
    const taxable = li.taxable ?? variant?.taxable ?? true;
    lines.push({
      id: shop.allocateId(),
      title,
      variantTitle,
      name: variantTitle ? `${title} - ${variantTitle}` : title,
      sku: li.sku ?? variant?.sku ?? null,
      vendor: li.vendor ?? product?.vendor ?? null,
      quantity: li.quantity,
      removedQuantity: 0,
      variantId: variant?.id ?? null,
      productId: product?.id ?? null,
      requiresShipping: li.requiresShipping ?? item?.requiresShipping ?? true,
      taxable,
      originalUnitPrice: price,
      taxLines: taxLinesFrom(li.taxLines, times(price, li.quantity), currency),
      discountAllocations: [],
      committedLocationId: null,
    });
  });
  if (input.taxLines?.length && lineInputs.some((l) => l.taxLines?.length)) {
    errors.push(userError(['order', 'taxLines'], 'Tax lines can be specified on the order or the line items but not both', 'INVALID'));
  }
  let company: { companyId: number; companyLocationId: number; companyContactId: number | null } | null = null;
  if (input.companyLocationId) {
    const location = shop.companyLocations.get(idOf(input.companyLocationId, 'CompanyLocation') ?? -1);
    if (!location) errors.push(userError(['order', 'companyLocationId'], 'Company location does not exist', 'INVALID'));
    else company = { companyId: location.companyId, companyLocationId: location.id, companyContactId: null };
  }
  if (errors.length) return { order: null, userErrors: errors };

  // Customer: associate an existing one or upsert by email.
  let customerId: number | null = null;
  const associate = input.customer?.toAssociate;
  const upsert = input.customer?.toUpsert;
  const existingId = idOf(associate?.id ?? upsert?.id ?? input.customerId, 'Customer');
  if (existingId !== undefined && shop.customers.has(existingId)) customerId = existingId;
  else if (upsert?.email || associate?.email) {
    customerId = upsertCustomer(shop, { email: upsert?.email ?? associate?.email, firstName: upsert?.firstName, lastName: upsert?.lastName, phone: upsert?.phone }).id;
  }
  if (company && customerId !== null) {
    for (const contact of shop.companyContacts.values()) if (contact.companyId === company.companyId && contact.customerId === customerId) company.companyContactId = contact.id;
  }
  if (company && company.companyContactId === null) {
    const main = shop.companies.get(company.companyId)?.mainContactId ?? null;
    company.companyContactId = main;
    if (customerId === null && main !== null) customerId = shop.companyContacts.get(main)!.customerId;
  }
  const customer = customerId !== null ? shop.customers.get(customerId) : undefined;

  const shippingLines: ShippingLine[] = (input.shippingLines ?? []).map((s) => {
    const price = parseAmount(s.priceSet.shopMoney.amount);
    return { id: shop.allocateId(), title: s.title, code: s.code ?? null, source: s.source ?? null, price, taxLines: taxLinesFrom(s.taxLines, price, currency), discountAllocations: [] };
  });
  // Order-level tax lines are split across taxable lines by price.
  if (input.taxLines?.length) {
    const taxable = lines.filter((l) => l.taxable);
    for (const t of input.taxLines) {
      const base = sum(taxable.map((l) => times(l.originalUnitPrice, l.quantity)));
      const amount = t.priceSet ? parseAmount(t.priceSet.shopMoney.amount) : applyRate(base, t.rate, currency);
      const shares = allocate(amount, taxable.map((l) => times(l.originalUnitPrice, l.quantity)));
      taxable.forEach((l, k) => l.taxLines.push({ title: t.title, rate: String(t.rate), price: shares[k]!, channelLiable: t.channelLiable ?? false }));
    }
  }
  const discountApplications: DiscountApplication[] = [];
  const discountCodes: string[] = [];
  const dc = input.discountCode;
  if (dc?.itemFixedDiscountCode) {
    const amount = dc.itemFixedDiscountCode.amountSet ? parseAmount(dc.itemFixedDiscountCode.amountSet.shopMoney.amount) : 0n;
    discountApplications.push({ type: 'DISCOUNT_CODE', code: dc.itemFixedDiscountCode.code, title: null, description: null, valueType: 'FIXED_AMOUNT', value: String(dc.itemFixedDiscountCode.amountSet?.shopMoney.amount ?? '0'), allocationMethod: 'ACROSS', targetSelection: 'ALL', targetType: 'LINE_ITEM' });
    const shares = allocate(amount, lines.map((l) => times(l.originalUnitPrice, l.quantity)));
    lines.forEach((l, k) => shares[k]! > 0n && l.discountAllocations.push({ amount: shares[k]!, applicationIndex: 0 }));
    discountCodes.push(dc.itemFixedDiscountCode.code);
  } else if (dc?.itemPercentageDiscountCode) {
    const pct = dc.itemPercentageDiscountCode.percentage ?? 0;
    discountApplications.push({ type: 'DISCOUNT_CODE', code: dc.itemPercentageDiscountCode.code, title: null, description: null, valueType: 'PERCENTAGE', value: String(pct), allocationMethod: 'ACROSS', targetSelection: 'ALL', targetType: 'LINE_ITEM' });
    for (const l of lines) {
      const amount = applyRate(times(l.originalUnitPrice, l.quantity), pct / 100, currency);
      if (amount > 0n) l.discountAllocations.push({ amount, applicationIndex: 0 });
    }
    discountCodes.push(dc.itemPercentageDiscountCode.code);
  } else if (dc?.freeShippingDiscountCode) {
    discountApplications.push({ type: 'DISCOUNT_CODE', code: dc.freeShippingDiscountCode.code, title: null, description: null, valueType: 'PERCENTAGE', value: '100', allocationMethod: 'EACH', targetSelection: 'ALL', targetType: 'SHIPPING_LINE' });
    for (const s of shippingLines) if (s.price > 0n) s.discountAllocations.push({ amount: s.price, applicationIndex: 0 });
    discountCodes.push(dc.freeShippingDiscountCode.code);
  }

  const number = shop.allocateOrderNumber();
  const processedAt = input.processedAt ? Math.floor(Date.parse(input.processedAt) / 1000) * 1000 : now;
  const companyLocation = company ? shop.companyLocations.get(company.companyLocationId) : undefined;
  const companyName = company ? shop.companies.get(company.companyId)!.name : null;
  // An address from the company location gets the buyer's name, as checkout fills it in.
  const withBuyer = (address: Address | null): Address | null =>
    address && customer ? { ...address, firstName: address.firstName ?? customer.firstName, lastName: address.lastName ?? customer.lastName } : address;
  const order: Order = {
    id: shop.allocateId(),
    number,
    name: input.name ?? `#${number}`,
    email: input.email ?? customer?.email ?? null,
    phone: input.phone ?? null,
    note: input.note ?? null,
    tags: [...new Set(input.tags ?? [])].sort(),
    test: input.test ?? false,
    poNumber: input.poNumber ?? null,
    sourceName: input.sourceName ?? (company ? 'web' : '3rd_party'),
    currencyCode: currency,
    presentmentCurrencyCode: input.presentmentCurrency ?? currency,
    taxesIncluded: input.taxesIncluded ?? false,
    taxExempt: companyLocation?.taxExempt ?? customer?.taxExempt ?? false,
    customerId,
    purchasingCompany: company,
    billingAddress: normalizeAddress(input.billingAddress) ?? (companyLocation && companyName ? withBuyer(companyAddressAsAddress(shop, shop.companyAddresses.get(companyLocation.billingAddressId ?? -1), companyName)) : null),
    shippingAddress: normalizeAddress(input.shippingAddress) ?? (companyLocation && companyName ? withBuyer(companyAddressAsAddress(shop, shop.companyAddresses.get(companyLocation.shippingAddressId ?? -1), companyName)) : null),
    lineItems: lines,
    shippingLines,
    discountApplications,
    discountCodes,
    transactions: [],
    declaredFinancialStatus: input.financialStatus ?? null,
    paymentTerms: null,
    fulfillmentOrderIds: [],
    fulfillmentIds: [],
    cancelledAt: null,
    cancelReason: null,
    closedAt: input.closedAt ? Date.parse(input.closedAt) : null,
    createdAt: now,
    processedAt,
    updatedAt: now,
  };
  for (const t of input.transactions ?? []) {
    order.transactions.push({
      id: shop.allocateId(),
      kind: t.kind ?? 'SALE',
      status: t.status ?? 'SUCCESS',
      gateway: t.gateway ?? 'manual',
      amount: parseAmount(t.amountSet.shopMoney.amount),
      test: t.test ?? order.test,
      processedAt: t.processedAt ? Date.parse(t.processedAt) : processedAt,
      createdAt: now,
    });
  }
  if (order.transactions.length === 0 && (input.financialStatus === 'PAID' || input.financialStatus === 'AUTHORIZED')) {
    // A declared paid/authorized status records the matching transaction, as captured from Shopify.
    order.transactions.push({ id: shop.allocateId(), kind: input.financialStatus === 'PAID' ? 'SALE' : 'AUTHORIZATION', status: 'SUCCESS', gateway: 'manual', amount: orderTotals(order).total, test: order.test, processedAt, createdAt: now });
  }
  // B2B orders take the company location's payment terms (a stand-in choice: orderCreate has no terms input).
  const templateId = companyLocation?.buyerExperience.paymentTermsTemplateId ?? null;
  if (templateId !== null) order.paymentTerms = makePaymentTerms(shop, order, templateId);

  // "If a customer is provided, this field (which has precedence) or billing_address will be set as the customer's default address."
  if (customer && !customer.defaultAddress && (order.shippingAddress ?? order.billingAddress)) customer.defaultAddress = order.shippingAddress ?? order.billingAddress;
  shop.orders.set(order.id, order);
  shop.ordersByUpdatedAt.insert(order);
  for (const line of lines) shop.lineItemOrder.set(line.id, order.id);
  createFulfillmentOrders(shop, order, inventoryBehaviour);
  shop.emit({ topic: 'orders/create', resource: { type: 'Order', id: order.id } });
  if (financialStatus(order) === 'PAID') shop.emit({ topic: 'orders/paid', resource: { type: 'Order', id: order.id } });
  return { order, userErrors: [] };
}

export function makePaymentTerms(shop: ShopState, order: Order, templateId: number, issuedAt?: number, dueAt?: number): PaymentTerms | null {
  const template = shop.paymentTermsTemplates.find((t) => t.id === templateId);
  if (!template) return null;
  const issued = issuedAt ?? order.processedAt;
  // NET terms fall due dueInDays after issue; receipt terms at once; fulfillment terms when fulfilled.
  const due =
    dueAt ??
    (template.paymentTermsType === 'NET' && template.dueInDays !== null ? issued + template.dueInDays * 86_400_000 : template.paymentTermsType === 'RECEIPT' ? issued : null);
  return {
    id: shop.allocateId(),
    templateId,
    paymentTermsName: template.name,
    paymentTermsType: template.paymentTermsType,
    dueInDays: template.dueInDays,
    schedules: [{ id: shop.allocateId(), issuedAt: issued, dueAt: due, completedAt: null, amount: orderTotals(order).total }],
  };
}

function createFulfillmentOrders(shop: ShopState, order: Order, behaviour: InventoryBehaviour): void {
  const byLocation = new Map<number, LineItem[]>();
  for (const line of order.lineItems) {
    const locationId = routeLine(shop, line);
    if (locationId === undefined) continue;
    byLocation.set(locationId, [...(byLocation.get(locationId) ?? []), line]);
    if (behaviour !== 'BYPASS') commit(shop, line, locationId, behaviour);
  }
  const day = Math.floor(order.createdAt / 86_400_000) * 86_400_000;
  for (const [locationId, lines] of byLocation) {
    openFulfillmentOrder(shop, order, locationId, lines.map((l) => ({ lineItemId: l.id, quantity: l.quantity })), day, order.createdAt);
  }
}

/** A new OPEN fulfillment order of the order for these lines at a location, registered in the shop. */
function openFulfillmentOrder(shop: ShopState, order: Order, locationId: number, lines: { lineItemId: number; quantity: number }[], fulfillAt: number, at: number): void {
  const fo: FulfillmentOrder = {
    id: shop.allocateId(),
    orderId: order.id,
    assignedLocationId: locationId,
    status: 'OPEN',
    requestStatus: 'UNSUBMITTED',
    lineItems: lines.map((l) => ({ id: shop.allocateId(), lineItemId: l.lineItemId, totalQuantity: l.quantity, remainingQuantity: l.quantity })),
    fulfillAt,
    createdAt: at,
    updatedAt: at,
  };
  shop.fulfillmentOrders.set(fo.id, fo);
  for (const li of fo.lineItems) shop.fulfillmentOrderLineItemOwner.set(li.id, fo.id);
  order.fulfillmentOrderIds.push(fo.id);
}

/** Claims stock for a line: available → committed at its location. */
function commit(shop: ShopState, line: LineItem, locationId: number, behaviour: InventoryBehaviour): void {
  const variant = line.variantId !== null ? shop.variants.get(line.variantId) : undefined;
  const item = variant ? shop.inventoryItems.get(variant.inventoryItemId) : undefined;
  if (!variant || !item?.tracked) return;
  const level = findLevel(shop, item.id, locationId);
  if (!level) return;
  if (behaviour === 'DECREMENT_OBEYING_POLICY' && variant.inventoryPolicy === 'DENY' && level.quantities.available < line.quantity) return;
  applyDelta(shop, level, 'available', -line.quantity);
  applyDelta(shop, level, 'committed', line.quantity);
  line.committedLocationId = locationId;
  shop.emit({ topic: 'inventory_levels/update', resource: { type: 'InventoryLevel', id: level.id } });
}

// ---- cancel, close, open ------------------------------------------------------------------------

export interface CancelArgs {
  orderId: string;
  reason: NonNullable<Order['cancelReason']>;
  restock: boolean;
  notifyCustomer?: boolean | null;
  staffNote?: string | null;
  refund?: boolean | null;
  refundMethod?: unknown;
}

export function orderCancel(shop: ShopState, args: CancelArgs): { ok: boolean; userErrors: UserError[] } {
  const order = shop.orders.get(idOf(args.orderId, 'Order') ?? -1);
  const fail = (field: string[], message: string) => ({ ok: false, userErrors: [userError(field, message, 'INVALID')] });
  if (!order) return { ok: false, userErrors: [userError(['orderId'], 'Order does not exist', 'NOT_FOUND')] };
  if (args.staffNote && args.staffNote.length > 255) return fail(['staffNote'], 'Staff note is too long. Maximum length is 255 characters.');
  if (args.refund !== undefined && args.refund !== null && args.refundMethod !== undefined && args.refundMethod !== null) return fail(['refund'], 'Only one of the arguments `refund` or `refund_method` is allowed.');
  if (order.cancelledAt) return fail(['orderId'], 'Cannot cancel an order that has already been canceled');
  if (order.fulfillmentIds.some((id) => shop.fulfillments.get(id)?.status === 'SUCCESS')) return fail(['orderId'], 'Cannot cancel an order that has outstanding fulfillments');
  const now = shop.now();
  order.cancelledAt = now;
  order.cancelReason = args.reason;
  order.closedAt ??= now;
  for (const line of order.lineItems) {
    const open = line.quantity - line.removedQuantity;
    if (args.restock && line.committedLocationId !== null) {
      const variant = line.variantId !== null ? shop.variants.get(line.variantId) : undefined;
      const level = variant ? findLevel(shop, variant.inventoryItemId, line.committedLocationId) : undefined;
      if (level) {
        applyDelta(shop, level, 'committed', -open);
        applyDelta(shop, level, 'available', open);
        shop.emit({ topic: 'inventory_levels/update', resource: { type: 'InventoryLevel', id: level.id } });
      }
    }
    line.removedQuantity = line.quantity;
  }
  for (const foId of order.fulfillmentOrderIds) {
    const fo = shop.fulfillmentOrders.get(foId);
    if (!fo) continue;
    fo.status = 'CLOSED';
    for (const li of fo.lineItems) li.remainingQuantity = 0;
    fo.updatedAt = now;
  }
  touchOrder(shop, order, ['orders/cancelled', 'orders/updated']);
  return { ok: true, userErrors: [] };
}

export function orderClose(shop: ShopState, orderGid: string): { order: Order | null; userErrors: UserError[] } {
  const order = shop.orders.get(idOf(orderGid, 'Order') ?? -1);
  if (!order) return { order: null, userErrors: [userError(['id'], 'Order does not exist')] };
  if (order.closedAt) return { order, userErrors: [] };
  order.closedAt = shop.now();
  touchOrder(shop, order);
  return { order, userErrors: [] };
}

export function orderOpen(shop: ShopState, orderGid: string): { order: Order | null; userErrors: UserError[] } {
  const order = shop.orders.get(idOf(orderGid, 'Order') ?? -1);
  if (!order) return { order: null, userErrors: [userError(['id'], 'Order does not exist')] };
  if (!order.closedAt) return { order, userErrors: [] };
  if (order.cancelledAt) return { order: null, userErrors: [userError(['id'], 'Cannot reopen a cancelled order')] };
  order.closedAt = null;
  touchOrder(shop, order);
  return { order, userErrors: [] };
}

// ---- fulfillmentCreate ----------------------------------------------------------------------------

export interface FulfillmentInput {
  lineItemsByFulfillmentOrder: { fulfillmentOrderId: string; fulfillmentOrderLineItems?: { id: string; quantity: number }[] | null }[];
  notifyCustomer?: boolean | null;
  trackingInfo?: { company?: string | null; number?: string | null; numbers?: string[] | null; url?: string | null; urls?: string[] | null } | null;
  originAddress?: unknown;
}

type TrackingInput = NonNullable<FulfillmentInput['trackingInfo']>;

/** The rules FulfillmentTrackingInput states in its schema description, as userErrors at `field`. */
function trackingErrors(t: TrackingInput | null | undefined, field: string[]): UserError[] {
  const errors: UserError[] = [];
  if (t?.url && t.urls?.length) errors.push(userError(field, 'If you provide the url field, you should not provide the urls field.'));
  if (t?.number && t.numbers?.length) errors.push(userError(field, 'If you provide the number field, you should not provide the numbers field.'));
  return errors;
}

/** One tracking entry per number (URLs matched by position), or one without a number when only the company is given. */
function trackingInfoFrom(t: TrackingInput | null | undefined): Fulfillment['trackingInfo'] {
  const numbers = t?.numbers?.length ? t.numbers : t?.number ? [t.number] : [];
  const urls = t?.urls?.length ? t.urls : t?.url ? [t.url] : [];
  return (numbers.length ? numbers : t?.company ? [null] : []).map((number, k) => ({ company: t?.company ?? null, number, url: urls[k] ?? null }));
}

export function fulfillmentCreate(shop: ShopState, input: FulfillmentInput, message: string | null): { fulfillment: Fulfillment | null; userErrors: UserError[] } {
  const errors: UserError[] = [];
  const groups = input.lineItemsByFulfillmentOrder;
  if (groups.length === 0) return { fulfillment: null, userErrors: [userError(['fulfillment', 'lineItemsByFulfillmentOrder'], 'Line items by fulfillment order must not be empty.')] };
  const fos: FulfillmentOrder[] = [];
  groups.forEach((g, i) => {
    const fo = shop.fulfillmentOrders.get(idOf(g.fulfillmentOrderId, 'FulfillmentOrder') ?? -1);
    if (!fo) errors.push(userError(['fulfillment', 'lineItemsByFulfillmentOrder', i, 'fulfillmentOrderId'], 'Fulfillment order does not exist.'));
    else fos.push(fo);
  });
  if (errors.length) return { fulfillment: null, userErrors: errors };
  if (new Set(fos.map((f) => f.orderId)).size > 1) return { fulfillment: null, userErrors: [userError(['fulfillment'], 'All fulfillment orders must belong to the same order.')] };
  if (new Set(fos.map((f) => f.assignedLocationId)).size > 1) return { fulfillment: null, userErrors: [userError(['fulfillment'], 'All fulfillment orders must be assigned to the same location.')] };
  for (const fo of fos) {
    if (fo.status === 'CLOSED' || fo.status === 'CANCELLED') {
      errors.push(userError(['fulfillment'], `Fulfillment order ${fo.id} has an unfulfillable status= ${fo.status.toLowerCase()}.`));
    }
  }
  const t = input.trackingInfo;
  errors.push(...trackingErrors(t, ['fulfillment', 'trackingInfo']));
  if (errors.length) return { fulfillment: null, userErrors: errors };

  // Plan every line first: nothing is applied unless all of it is valid.
  const plan: { fo: FulfillmentOrder; lineId: number; quantity: number }[] = [];
  groups.forEach((g, i) => {
    const fo = fos[i]!;
    const requested = g.fulfillmentOrderLineItems?.length
      ? g.fulfillmentOrderLineItems.map((x, j) => ({ id: idOf(x.id, 'FulfillmentOrderLineItem'), quantity: x.quantity, j }))
      : fo.lineItems.filter((li) => li.remainingQuantity > 0).map((li, j) => ({ id: li.id, quantity: li.remainingQuantity, j }));
    for (const r of requested) {
      const foLine = fo.lineItems.find((li) => li.id === r.id);
      const field = ['fulfillment', 'lineItemsByFulfillmentOrder', String(i), 'fulfillmentOrderLineItems', String(r.j)];
      if (!foLine) errors.push(userError([...field, 'id'], 'Fulfillment order line item does not exist.'));
      else if (r.quantity <= 0) errors.push(userError([...field, 'quantity'], 'Quantity must be greater than 0.'));
      else if (r.quantity > foLine.remainingQuantity) errors.push(userError([...field, 'quantity'], `Invalid fulfillment order line item quantity requested. Remaining quantity is ${foLine.remainingQuantity}.`));
      else plan.push({ fo, lineId: foLine.id, quantity: r.quantity });
    }
  });
  if (errors.length) return { fulfillment: null, userErrors: errors };
  if (plan.length === 0) return { fulfillment: null, userErrors: [userError(['fulfillment'], 'There are no line items to fulfill.')] };

  const order = shop.orders.get(fos[0]!.orderId)!;
  const now = shop.now();
  const fulfillmentLines = new Map<number, number>();
  for (const p of plan) {
    const foLine = p.fo.lineItems.find((li) => li.id === p.lineId)!;
    foLine.remainingQuantity -= p.quantity;
    fulfillmentLines.set(foLine.lineItemId, (fulfillmentLines.get(foLine.lineItemId) ?? 0) + p.quantity);
  }
  for (const fo of fos) {
    fo.status = fo.lineItems.every((li) => li.remainingQuantity === 0) ? 'CLOSED' : 'IN_PROGRESS';
    fo.updatedAt = now;
  }
  // Shipping stock: committed → gone from on hand.
  for (const [lineItemId, quantity] of fulfillmentLines) {
    const line = order.lineItems.find((l) => l.id === lineItemId)!;
    const variant = line.variantId !== null ? shop.variants.get(line.variantId) : undefined;
    const level = variant && line.committedLocationId !== null ? findLevel(shop, variant.inventoryItemId, line.committedLocationId) : undefined;
    if (level) {
      applyDelta(shop, level, 'committed', -quantity);
      shop.emit({ topic: 'inventory_levels/update', resource: { type: 'InventoryLevel', id: level.id } });
    }
  }
  const fulfillment: Fulfillment = {
    id: shop.allocateId(),
    orderId: order.id,
    name: `${order.name}-F${order.fulfillmentIds.length + 1}`,
    status: 'SUCCESS',
    locationId: fos[0]!.assignedLocationId,
    lineItems: [...fulfillmentLines].map(([lineItemId, quantity]) => ({ id: shop.allocateId(), lineItemId, quantity })),
    fulfillmentOrderIds: fos.map((f) => f.id),
    fulfillmentOrderLines: plan.map((p) => ({ fulfillmentOrderId: p.fo.id, fulfillmentOrderLineItemId: p.lineId, quantity: p.quantity })),
    trackingInfo: trackingInfoFrom(t),
    notifyCustomer: input.notifyCustomer ?? false,
    message,
    createdAt: now,
    updatedAt: now,
  };
  shop.fulfillments.set(fulfillment.id, fulfillment);
  order.fulfillmentIds.push(fulfillment.id);
  const status = displayFulfillmentStatus(shop, order);
  shop.emit({ topic: 'fulfillments/create', resource: { type: 'Fulfillment', id: fulfillment.id } });
  touchOrder(shop, order, status === 'FULFILLED' ? ['orders/fulfilled', 'orders/updated'] : ['orders/partially_fulfilled', 'orders/updated']);
  return { fulfillment, userErrors: [] };
}

// ---- fulfillmentTrackingInfoUpdate, fulfillmentCancel ----------------------------------------------

function findFulfillment(shop: ShopState, fulfillmentGid: string): Fulfillment | undefined {
  return shop.fulfillments.get(idOf(fulfillmentGid, 'Fulfillment') ?? -1);
}

// Shopify's text for an unknown fulfillment id is not published; this one follows fulfillmentCreate's
// "Fulfillment order does not exist.".
const NO_SUCH_FULFILLMENT = 'Fulfillment does not exist.';

/**
 * Replaces a fulfillment's tracking (company, numbers, URLs) as the schema describes; `notifyCustomer`
 * is kept for this and later updates ("If this field is left blank, then notifications won't be sent").
 */
export function fulfillmentTrackingInfoUpdate(
  shop: ShopState,
  args: { fulfillmentId: string; trackingInfoInput: TrackingInput; notifyCustomer?: boolean | null },
): { fulfillment: Fulfillment | null; userErrors: UserError[] } {
  const f = findFulfillment(shop, args.fulfillmentId);
  if (!f) return { fulfillment: null, userErrors: [userError(['fulfillmentId'], NO_SUCH_FULFILLMENT)] };
  const errors = trackingErrors(args.trackingInfoInput, ['trackingInfoInput']);
  if (errors.length) return { fulfillment: null, userErrors: errors };
  f.trackingInfo = trackingInfoFrom(args.trackingInfoInput);
  f.notifyCustomer = args.notifyCustomer ?? false;
  f.updatedAt = shop.now();
  shop.emit({ topic: 'fulfillments/update', resource: { type: 'Fulfillment', id: f.id } });
  return { fulfillment: f, userErrors: [] };
}

/**
 * Cancels a fulfillment and gives its quantities back, as fulfillmentCancel's schema description
 * says: a fulfillment order still in progress gets its remaining quantities back; one the fulfillment
 * had closed stays closed and a new fulfillment order holds the cancelled items, at the original
 * location when it still stocks them, else where the shop would route them. The shipped stock is
 * committed again. A second cancel is refused with "Fulfillment is already canceled." (the text
 * public Shopify integrations handle; Shopify does not publish its list of messages).
 */
export function fulfillmentCancel(shop: ShopState, fulfillmentGid: string): { fulfillment: Fulfillment | null; userErrors: UserError[] } {
  const f = findFulfillment(shop, fulfillmentGid);
  if (!f) return { fulfillment: null, userErrors: [userError(['id'], NO_SUCH_FULFILLMENT)] };
  if (f.status === 'CANCELLED') return { fulfillment: null, userErrors: [userError(['id'], 'Fulfillment is already canceled.')] };
  const order = shop.orders.get(f.orderId)!;
  const now = shop.now();
  f.status = 'CANCELLED';
  f.updatedAt = now;
  const reopened = new Map<number, { lineItemId: number; quantity: number }[]>(); // closed fulfillment order → lines to fulfil again
  for (const taken of f.fulfillmentOrderLines) {
    const fo = shop.fulfillmentOrders.get(taken.fulfillmentOrderId);
    const foLine = fo?.lineItems.find((li) => li.id === taken.fulfillmentOrderLineItemId);
    if (!fo || !foLine) continue;
    if (fo.status === 'CLOSED') {
      reopened.set(fo.id, [...(reopened.get(fo.id) ?? []), { lineItemId: foLine.lineItemId, quantity: taken.quantity }]);
    } else {
      foLine.remainingQuantity += taken.quantity;
      fo.status = fo.lineItems.every((li) => li.remainingQuantity === li.totalQuantity) ? 'OPEN' : 'IN_PROGRESS';
      fo.updatedAt = now;
    }
  }
  for (const [foId, lines] of reopened) {
    const closed = shop.fulfillmentOrders.get(foId)!;
    const stocked = (lineItemId: number) => {
      const line = order.lineItems.find((l) => l.id === lineItemId)!;
      const variant = line.variantId !== null ? shop.variants.get(line.variantId) : undefined;
      return !variant || !!findLevel(shop, variant.inventoryItemId, closed.assignedLocationId);
    };
    const locationId = lines.every((l) => stocked(l.lineItemId)) ? closed.assignedLocationId : (routeLine(shop, order.lineItems.find((l) => l.id === lines[0]!.lineItemId)!) ?? closed.assignedLocationId);
    openFulfillmentOrder(shop, order, locationId, lines, now, now);
  }
  // The stock fulfillmentCreate took off committed (and on hand) is committed again.
  for (const fl of f.lineItems) {
    const line = order.lineItems.find((l) => l.id === fl.lineItemId)!;
    const variant = line.variantId !== null ? shop.variants.get(line.variantId) : undefined;
    const level = variant && line.committedLocationId !== null ? findLevel(shop, variant.inventoryItemId, line.committedLocationId) : undefined;
    if (level) {
      applyDelta(shop, level, 'committed', fl.quantity);
      shop.emit({ topic: 'inventory_levels/update', resource: { type: 'InventoryLevel', id: level.id } });
    }
  }
  shop.emit({ topic: 'fulfillments/update', resource: { type: 'Fulfillment', id: f.id } });
  touchOrder(shop, order);
  return { fulfillment: f, userErrors: [] };
}

// ---- merchant edits (control API) ---------------------------------------------------------------

/**
 * What a merchant's order edit in the Shopify admin does to a line's quantity: only unfulfilled
 * units can be removed; announces orders/edited and orders/updated.
 */
export function editLineQuantity(shop: ShopState, order: Order, lineItemId: number, quantity: number): UserError[] {
  const line = order.lineItems.find((l) => l.id === lineItemId);
  if (!line) return [userError(['lineItemId'], 'Line item does not exist')];
  const fulfilled = fulfilledQuantity(shop, order, line.id);
  if (quantity < fulfilled) return [userError(['quantity'], 'You can only edit unfulfilled line items.')];
  const current = line.quantity - line.removedQuantity;
  const delta = quantity - current;
  if (delta < 0) line.removedQuantity += -delta;
  else line.quantity += delta;
  for (const foId of order.fulfillmentOrderIds) {
    const fo = shop.fulfillmentOrders.get(foId);
    const foLine = fo?.lineItems.find((li) => li.lineItemId === line.id);
    if (fo && foLine) {
      foLine.totalQuantity += delta;
      foLine.remainingQuantity = Math.max(0, foLine.remainingQuantity + delta);
      fo.status = fo.lineItems.every((li) => li.remainingQuantity === 0) ? 'CLOSED' : fo.lineItems.some((li) => li.remainingQuantity < li.totalQuantity) ? 'IN_PROGRESS' : 'OPEN';
      fo.updatedAt = shop.now();
    }
  }
  touchOrder(shop, order, []);
  shop.emit({ topic: 'orders/edited', resource: { type: 'Order', id: order.id }, detail: { lineItemId, delta } });
  shop.emit({ topic: 'orders/updated', resource: { type: 'Order', id: order.id } });
  return [];
}
