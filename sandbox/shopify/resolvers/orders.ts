/** Orders, fulfillment orders and fulfillments: views and root fields. */
import { randomUUID } from 'crypto';
import { gid, idOf } from '../gid';
import {
  displayFulfillmentStatus,
  financialStatus,
  fulfilledQuantity,
  fulfillmentCancel,
  fulfillmentCreate,
  fulfillmentTrackingInfoUpdate,
  lineDiscount,
  orderCancel,
  orderClose,
  orderCreate,
  orderOpen,
  orderTotals,
  touchOrder,
  type CancelArgs,
  type FulfillmentInput,
  type InventoryBehaviour,
  type OrderCreateInput,
} from '../models/orders';
import type { DiscountAllocation, Fulfillment, FulfillmentOrder, LineItem, Order, OrderTransaction, PaymentTerms, ShippingLine, TaxLine } from '../models/types';
import { parseAmount, sum, times, type Amount } from '../money';
import { arraySource, sortedSource, type OrderedSource, type PageArgs } from '../pagination';
import { compileSearch, type SearchField } from '../search';
import { variantView, locationView, productView } from './catalog';
import { count, connectionOf, isoTime, listConnection, mailingAddress, moneyBag, moneyV2, positionalConnection, searchConnection, type RequestContext, type View } from './common';
import { companyLocationView, companyView, contactView, customerView } from './companies';
import { userError } from '../errors';

function taxLineView(order: Order, t: TaxLine): View {
  const rate = Number(t.rate);
  return { __typename: 'TaxLine', title: t.title, rate, ratePercentage: Math.round(rate * 100 * 10000) / 10000, priceSet: moneyBag(t.price, order.currencyCode), channelLiable: t.channelLiable, source: 'Merchant' };
}

function discountApplicationView(order: Order, index: number): View {
  const d = order.discountApplications[index]!;
  const value = d.valueType === 'PERCENTAGE' ? { __typename: 'PricingPercentageValue', percentage: Number(d.value) } : moneyV2(parseAmount(d.value), order.currencyCode);
  return { __typename: d.type === 'DISCOUNT_CODE' ? 'DiscountCodeApplication' : 'ManualDiscountApplication', index, code: d.code, title: d.title ?? d.code, description: d.description, allocationMethod: d.allocationMethod, targetSelection: d.targetSelection, targetType: d.targetType, value };
}

function allocationView(order: Order, a: DiscountAllocation): View {
  return { __typename: 'DiscountAllocation', allocatedAmountSet: moneyBag(a.amount, order.currencyCode), discountApplication: discountApplicationView(order, a.applicationIndex) };
}

export function lineItemView(ctx: RequestContext, order: Order, line: LineItem): View {
  const shop = ctx.shop;
  const current = line.quantity - line.removedQuantity;
  const fulfilled = () => fulfilledQuantity(shop, order, line.id);
  const unitDiscount = (amount: Amount) => (line.quantity ? amount / BigInt(line.quantity) : 0n);
  const discount = lineDiscount(line);
  const discountedUnit = line.originalUnitPrice - unitDiscount(discount);
  return {
    __typename: 'LineItem',
    id: gid('LineItem', line.id),
    name: line.name,
    title: line.title,
    variantTitle: line.variantTitle,
    sku: line.sku,
    vendor: line.vendor,
    quantity: line.quantity,
    currentQuantity: current,
    unfulfilledQuantity: () => Math.max(0, current - fulfilled()),
    fulfillableQuantity: () => Math.max(0, current - fulfilled()),
    refundableQuantity: () => current,
    nonFulfillableQuantity: 0,
    fulfillmentStatus: () => (fulfilled() >= current && current > 0 ? 'fulfilled' : fulfilled() > 0 ? 'partial' : 'unfulfilled'),
    requiresShipping: line.requiresShipping,
    taxable: line.taxable,
    isGiftCard: false,
    merchantEditable: !order.cancelledAt,
    restockable: line.committedLocationId !== null,
    customAttributes: [],
    variant: () => {
      const variant = line.variantId !== null ? shop.variants.get(line.variantId) : undefined;
      return variant ? variantView(ctx, variant) : null;
    },
    product: () => {
      const product = line.productId !== null ? shop.products.get(line.productId) : undefined;
      return product ? productView(ctx, product) : null;
    },
    originalUnitPriceSet: moneyBag(line.originalUnitPrice, order.currencyCode),
    discountedUnitPriceSet: moneyBag(discountedUnit, order.currencyCode),
    discountedUnitPriceAfterAllDiscountsSet: moneyBag(discountedUnit, order.currencyCode),
    originalTotalSet: moneyBag(times(line.originalUnitPrice, line.quantity), order.currencyCode),
    discountedTotalSet: moneyBag(times(line.originalUnitPrice, line.quantity) - discount, order.currencyCode),
    priceAfterAllDiscountsBeforeTaxesSet: moneyBag(times(line.originalUnitPrice, current) - discount, order.currencyCode),
    totalDiscountSet: moneyBag(discount, order.currencyCode),
    unfulfilledOriginalTotalSet: () => moneyBag(times(line.originalUnitPrice, Math.max(0, current - fulfilled())), order.currencyCode),
    unfulfilledDiscountedTotalSet: () => moneyBag(times(discountedUnit, Math.max(0, current - fulfilled())), order.currencyCode),
    taxLines: (args: { first?: number | null }) => line.taxLines.slice(0, args.first ?? undefined).map((t) => taxLineView(order, t)),
    discountAllocations: line.discountAllocations.map((a) => allocationView(order, a)),
    duties: [],
  };
}

function shippingLineView(order: Order, s: ShippingLine): View {
  const discount = sum(s.discountAllocations.map((a) => a.amount));
  return {
    __typename: 'ShippingLine',
    id: gid('ShippingLine', s.id),
    title: s.title,
    code: s.code,
    source: s.source,
    custom: true,
    isRemoved: false,
    carrierIdentifier: null,
    deliveryCategory: null,
    phone: null,
    shippingRateHandle: null,
    originalPriceSet: moneyBag(s.price, order.currencyCode),
    discountedPriceSet: moneyBag(s.price - discount, order.currencyCode),
    currentDiscountedPriceSet: moneyBag(s.price - discount, order.currencyCode),
    taxLines: s.taxLines.map((t) => taxLineView(order, t)),
    discountAllocations: s.discountAllocations.map((a) => allocationView(order, a)),
  };
}

function transactionView(order: Order, t: OrderTransaction): View {
  return {
    __typename: 'OrderTransaction',
    id: gid('OrderTransaction', t.id),
    kind: t.kind,
    status: t.status,
    gateway: t.gateway,
    formattedGateway: t.gateway === 'manual' ? 'Manual' : t.gateway,
    manualPaymentGateway: t.gateway === 'manual',
    amountSet: moneyBag(t.amount, order.currencyCode),
    test: t.test,
    processedAt: isoTime(t.processedAt),
    createdAt: isoTime(t.createdAt),
    parentTransaction: null,
    paymentId: `#${order.number}.${t.id}`,
    errorCode: null,
  };
}

function paymentTermsView(ctx: RequestContext, order: Order, terms: PaymentTerms): View {
  const now = ctx.shop.now();
  const outstanding = orderTotals(order, true).outstanding;
  const scheduleView = (s: PaymentTerms['schedules'][number]) => {
    const completed = s.completedAt !== null || outstanding === 0n;
    return {
      __typename: 'PaymentSchedule',
      id: gid('PaymentSchedule', s.id),
      issuedAt: isoTime(s.issuedAt),
      dueAt: isoTime(s.dueAt),
      completedAt: isoTime(s.completedAt ?? (completed ? order.updatedAt : null)),
      due: !completed && s.dueAt !== null && s.dueAt <= now,
      amount: moneyV2(s.amount, order.currencyCode),
      balanceDue: moneyV2(completed ? 0n : outstanding, order.currencyCode),
      totalBalance: moneyV2(completed ? 0n : outstanding, order.currencyCode),
      paymentTerms: () => paymentTermsView(ctx, order, terms),
    };
  };
  const open = terms.schedules.filter((s) => s.completedAt === null && outstanding > 0n);
  return {
    __typename: 'PaymentTerms',
    id: gid('PaymentTerms', terms.id),
    paymentTermsName: terms.paymentTermsName,
    paymentTermsType: terms.paymentTermsType,
    translatedName: terms.paymentTermsName,
    dueInDays: terms.dueInDays,
    due: open.some((s) => s.dueAt !== null && s.dueAt <= now),
    overdue: open.some((s) => s.dueAt !== null && s.dueAt < now),
    order: () => orderView(ctx, order),
    draftOrder: null,
    paymentSchedules: (args: PageArgs) => listConnection(terms.schedules, args, scheduleView),
  };
}

export function orderView(ctx: RequestContext, order: Order): View {
  const shop = ctx.shop;
  const totals = () => orderTotals(order);
  const current = () => orderTotals(order, true);
  const money = (a: Amount) => moneyBag(a, order.currencyCode);
  const customer = () => (order.customerId !== null ? shop.customers.get(order.customerId) : undefined);
  const purchasingCompany = () => {
    const pc = order.purchasingCompany!;
    return {
      __typename: 'PurchasingCompany',
      company: () => companyView(ctx, shop.companies.get(pc.companyId)!),
      location: () => companyLocationView(ctx, shop.companyLocations.get(pc.companyLocationId)!),
      contact: () => (pc.companyContactId !== null ? contactView(ctx, shop.companyContacts.get(pc.companyContactId)!) : null),
    };
  };
  return {
    __typename: 'Order',
    id: gid('Order', order.id),
    legacyResourceId: String(order.id),
    name: order.name,
    number: order.number,
    email: order.email,
    phone: order.phone,
    note: order.note,
    tags: order.tags,
    test: order.test,
    poNumber: order.poNumber,
    sourceName: order.sourceName,
    sourceIdentifier: null,
    confirmed: true,
    confirmationNumber: null,
    createdAt: isoTime(order.createdAt),
    updatedAt: isoTime(order.updatedAt),
    processedAt: isoTime(order.processedAt),
    closed: order.closedAt !== null,
    closedAt: isoTime(order.closedAt),
    cancelledAt: isoTime(order.cancelledAt),
    cancelReason: order.cancelReason,
    currencyCode: order.currencyCode,
    presentmentCurrencyCode: order.presentmentCurrencyCode,
    taxesIncluded: order.taxesIncluded,
    taxExempt: order.taxExempt,
    estimatedTaxes: false,
    dutiesIncluded: false,
    edited: false,
    returnStatus: 'NO_RETURN',
    displayFinancialStatus: () => financialStatus(order),
    displayFulfillmentStatus: () => displayFulfillmentStatus(shop, order),
    fulfillable: () => !order.cancelledAt && displayFulfillmentStatus(shop, order) !== 'FULFILLED',
    requiresShipping: order.lineItems.some((l) => l.requiresShipping),
    merchantEditable: !order.cancelledAt,
    merchantEditableErrors: order.cancelledAt ? ['Canceled orders can’t be edited.'] : [],
    customer: () => {
      const c = customer();
      return c ? customerView(ctx, c) : null;
    },
    purchasingEntity: () => (order.purchasingCompany ? purchasingCompany() : customer() ? customerView(ctx, customer()!) : null),
    billingAddress: mailingAddress(order.billingAddress, order.id),
    shippingAddress: mailingAddress(order.shippingAddress, order.id + 1),
    displayAddress: mailingAddress(order.billingAddress ?? order.shippingAddress, order.id),
    billingAddressMatchesShippingAddress: JSON.stringify(order.billingAddress) === JSON.stringify(order.shippingAddress),
    lineItems: (args: PageArgs) => positionalConnection(order.lineItems, args, (l) => lineItemView(ctx, order, l), (l) => l.id),
    subtotalLineItemsQuantity: order.lineItems.reduce((n, l) => n + l.quantity, 0),
    currentSubtotalLineItemsQuantity: order.lineItems.reduce((n, l) => n + l.quantity - l.removedQuantity, 0),
    shippingLines: (args: PageArgs) => positionalConnection(order.shippingLines, args, (s) => shippingLineView(order, s), (s) => s.id),
    shippingLine: order.shippingLines[0] ? shippingLineView(order, order.shippingLines[0]) : null,
    discountApplications: (args: PageArgs) => positionalConnection(order.discountApplications.map((_, i) => i), args, (i) => discountApplicationView(order, i), (i) => i + 1),
    discountCodes: order.discountCodes,
    discountCode: order.discountCodes[0] ?? null,
    taxLines: () => aggregateTaxLines(order).map((t) => taxLineView(order, t)),
    currentTaxLines: () => aggregateTaxLines(order).map((t) => taxLineView(order, t)),
    subtotalPriceSet: () => money(totals().subtotal),
    currentSubtotalPriceSet: () => money(current().subtotal),
    totalPriceSet: () => money(totals().total),
    currentTotalPriceSet: () => money(current().total),
    originalTotalPriceSet: () => money(totals().total),
    totalTaxSet: () => money(totals().tax),
    currentTotalTaxSet: () => money(current().tax),
    totalDiscountsSet: () => money(totals().discounts),
    currentTotalDiscountsSet: () => money(current().discounts),
    cartDiscountAmountSet: null,
    currentCartDiscountAmountSet: () => money(0n),
    totalShippingPriceSet: () => money(totals().shipping),
    currentShippingPriceSet: () => money(current().shipping),
    totalOutstandingSet: () => money(current().outstanding),
    totalReceivedSet: () => money(current().received),
    netPaymentSet: () => money(current().received),
    totalRefundedSet: () => money(current().refunded),
    totalRefundedShippingSet: () => money(0n),
    totalCapturableSet: () => money(current().authorized),
    totalTipReceivedSet: () => money(0n),
    refundDiscrepancySet: () => money(0n),
    capturable: () => current().authorized > 0n,
    fullyPaid: () => current().outstanding === 0n && current().authorized === 0n,
    unpaid: () => current().received === 0n,
    canMarkAsPaid: () => !order.cancelledAt && current().outstanding > 0n && financialStatus(order) !== 'PAID',
    paymentGatewayNames: [...new Set(order.transactions.map((t) => t.gateway))],
    transactions: (args: { first?: number | null }) => order.transactions.slice(0, args.first ?? undefined).map((t) => transactionView(order, t)),
    paymentTerms: () => (order.paymentTerms ? paymentTermsView(ctx, order, order.paymentTerms) : null),
    fulfillmentOrders: (args: PageArgs & { query?: string | null; displayable?: boolean }) =>
      listConnection(order.fulfillmentOrderIds.map((id) => shop.fulfillmentOrders.get(id)!).filter((fo) => !args.displayable || fo.status !== 'CLOSED'), args, (fo) => fulfillmentOrderView(ctx, fo)),
    fulfillments: (args: { first?: number | null }) => order.fulfillmentIds.slice(0, args.first ?? undefined).map((id) => fulfillmentView(ctx, shop.fulfillments.get(id)!)),
    fulfillmentsCount: () => count(order.fulfillmentIds.length),
    refunds: [],
    customAttributes: [],
    app: null,
    statusPageUrl: `https://${shop.domain}/${order.id}/orders/${order.id.toString(16)}/authenticate`,
  };
}

/** Order-level tax lines: line and shipping taxes summed by title and rate. */
function aggregateTaxLines(order: Order): TaxLine[] {
  const byKey = new Map<string, TaxLine>();
  for (const t of [...order.lineItems.flatMap((l) => l.taxLines), ...order.shippingLines.flatMap((s) => s.taxLines)]) {
    const key = `${t.title}|${t.rate}`;
    const existing = byKey.get(key);
    if (existing) existing.price += t.price;
    else byKey.set(key, { ...t });
  }
  return [...byKey.values()];
}

export function fulfillmentOrderView(ctx: RequestContext, fo: FulfillmentOrder): View {
  const shop = ctx.shop;
  const order = () => shop.orders.get(fo.orderId)!;
  const location = shop.locations.get(fo.assignedLocationId);
  const open = fo.status === 'OPEN' || fo.status === 'IN_PROGRESS';
  return {
    __typename: 'FulfillmentOrder',
    id: gid('FulfillmentOrder', fo.id),
    status: fo.status,
    requestStatus: fo.requestStatus,
    fulfillAt: isoTime(fo.fulfillAt),
    fulfillBy: null,
    createdAt: isoTime(fo.createdAt),
    updatedAt: isoTime(fo.updatedAt),
    orderId: gid('Order', fo.orderId),
    orderName: () => order().name,
    orderProcessedAt: () => isoTime(order().processedAt),
    order: () => orderView(ctx, order()),
    channelId: null,
    fulfillmentHolds: [],
    deliveryMethod: null,
    destination: null,
    internationalDuties: null,
    supportedActions: (open ? ['CREATE_FULFILLMENT', 'MOVE', 'HOLD', 'SPLIT'] : []).map((action) => ({ __typename: 'FulfillmentOrderSupportedAction', action, externalUrl: null })),
    assignedLocation: {
      __typename: 'FulfillmentOrderAssignedLocation',
      name: location?.name ?? '',
      address1: location?.address.address1 ?? null,
      address2: location?.address.address2 ?? null,
      city: location?.address.city ?? null,
      province: location?.address.province ?? null,
      zip: location?.address.zip ?? null,
      phone: location?.address.phone ?? null,
      countryCode: location?.address.countryCode ?? 'US',
      location: () => (location ? locationView(ctx, location) : null),
    },
    lineItems: (args: PageArgs) =>
      positionalConnection(fo.lineItems, args, (li) => {
        const line = order().lineItems.find((l) => l.id === li.lineItemId)!;
        const variant = line.variantId !== null ? shop.variants.get(line.variantId) : undefined;
        return {
          __typename: 'FulfillmentOrderLineItem',
          id: gid('FulfillmentOrderLineItem', li.id),
          totalQuantity: li.totalQuantity,
          remainingQuantity: li.remainingQuantity,
          sku: line.sku,
          productTitle: line.title,
          variantTitle: line.variantTitle,
          vendor: line.vendor,
          requiresShipping: line.requiresShipping,
          inventoryItemId: variant ? gid('InventoryItem', variant.inventoryItemId) : null,
          lineItem: () => lineItemView(ctx, order(), line),
          variant: () => (variant ? variantView(ctx, variant) : null),
          warnings: [],
          shippingLine: null,
        };
      }, (li) => li.id),
    fulfillments: (args: PageArgs) => listConnection([...shop.fulfillments.values()].filter((f) => f.fulfillmentOrderIds.includes(fo.id)), args, (f) => fulfillmentView(ctx, f)),
    merchantRequests: (args: PageArgs) => listConnection([], args, (x: { id: number }) => x),
  };
}

export function fulfillmentView(ctx: RequestContext, f: Fulfillment): View {
  const shop = ctx.shop;
  const order = () => shop.orders.get(f.orderId)!;
  return {
    __typename: 'Fulfillment',
    id: gid('Fulfillment', f.id),
    legacyResourceId: String(f.id),
    name: f.name,
    status: f.status,
    displayStatus: f.status === 'SUCCESS' ? 'FULFILLED' : f.status === 'CANCELLED' ? 'CANCELED' : 'FAILURE',
    createdAt: isoTime(f.createdAt),
    updatedAt: isoTime(f.updatedAt),
    deliveredAt: null,
    inTransitAt: null,
    estimatedDeliveryAt: null,
    requiresShipping: true,
    totalQuantity: f.lineItems.reduce((n, l) => n + l.quantity, 0),
    location: () => locationView(ctx, shop.locations.get(f.locationId)!),
    order: () => orderView(ctx, order()),
    originAddress: null,
    service: null,
    trackingInfo: (args: { first?: number | null }) => f.trackingInfo.slice(0, args.first ?? undefined).map((t) => ({ __typename: 'FulfillmentTrackingInfo', company: t.company, number: t.number, url: t.url })),
    fulfillmentLineItems: (args: PageArgs) =>
      positionalConnection(f.lineItems, args, (fl) => {
        const line = order().lineItems.find((l) => l.id === fl.lineItemId)!;
        return {
          __typename: 'FulfillmentLineItem',
          id: gid('FulfillmentLineItem', fl.id),
          quantity: fl.quantity,
          lineItem: () => lineItemView(ctx, order(), line),
          originalTotalSet: moneyBag(times(line.originalUnitPrice, fl.quantity), order().currencyCode),
          discountedTotalSet: moneyBag(times(line.originalUnitPrice, fl.quantity) - (lineDiscount(line) * BigInt(fl.quantity)) / BigInt(line.quantity || 1), order().currencyCode),
        };
      }, (fl) => fl.id),
    fulfillmentOrders: (args: PageArgs) => listConnection(f.fulfillmentOrderIds.map((id) => shop.fulfillmentOrders.get(id)!), args, (fo) => fulfillmentOrderView(ctx, fo)),
    events: (args: PageArgs) => listConnection([], args, (x: { id: number }) => x),
  };
}

// ---- search and sort -------------------------------------------------------------------------------

function orderFields(ctx: RequestContext): Record<string, SearchField<Order>> {
  const shop = ctx.shop;
  return {
    id: { kind: 'id', get: (o) => o.id },
    name: { kind: 'exact', get: (o) => [o.name, o.name.replace(/^#/, '')] },
    created_at: { kind: 'date', get: (o) => o.createdAt },
    updated_at: { kind: 'date', get: (o) => o.updatedAt },
    processed_at: { kind: 'date', get: (o) => o.processedAt },
    po_number: { kind: 'exact', get: (o) => o.poNumber },
    email: { kind: 'exact', get: (o) => o.email },
    customer_id: { kind: 'id', get: (o) => o.customerId },
    tag: { kind: 'keyword', get: (o) => o.tags },
    tag_not: { kind: 'keyword', get: (o) => o.tags, negate: true },
    test: { kind: 'boolean', get: (o) => o.test },
    source_name: { kind: 'exact', get: (o) => o.sourceName },
    sku: { kind: 'exact', get: (o) => o.lineItems.map((l) => l.sku) },
    status: { kind: 'keyword', get: (o) => [o.cancelledAt ? 'cancelled' : null, o.closedAt ? 'closed' : 'open', o.closedAt ? null : 'not_closed'].filter(Boolean) },
    financial_status: { kind: 'keyword', get: (o) => (financialStatus(o) ?? 'pending').toLowerCase() },
    fulfillment_status: { kind: 'keyword', get: (o) => { const s = displayFulfillmentStatus(shop, o); return s === 'FULFILLED' ? ['shipped', 'fulfilled'] : s === 'PARTIALLY_FULFILLED' ? ['partial', 'unshipped'] : ['unshipped', 'unfulfilled']; } },
    return_status: { kind: 'keyword', get: () => 'no_return' },
  };
}

/** Orders in a sort key's order, with the index used where one exists. */
function orderSource(ctx: RequestContext, orders: Order[] | undefined, sortKey: string | undefined): OrderedSource<Order> {
  const shop = ctx.shop;
  if (!orders && sortKey === 'UPDATED_AT') {
    const index = shop.ordersByUpdatedAt;
    return { size: index.size, get: (i) => index.at(i)!.item, key: (o) => ({ value: o.updatedAt, id: o.id }), seek: (value, id) => index.lowerBound(Number(value), id) };
  }
  const all = orders ?? [...shop.orders.values()];
  switch (sortKey) {
    case 'UPDATED_AT':
      return sortedSource(all, (o) => o.updatedAt);
    case 'CREATED_AT':
      return sortedSource(all, (o) => o.createdAt);
    case 'ORDER_NUMBER':
      return sortedSource(all, (o) => o.number);
    case 'ID':
      return orders ? sortedSource(all, (o) => o.id) : arraySource(all, (o) => ({ value: o.id, id: o.id }));
    case 'TOTAL_PRICE':
      return sortedSource(all, (o) => Number(orderTotals(o, true).total));
    case 'CUSTOMER_NAME':
      return sortedSource(all, (o) => (o.customerId !== null ? (shop.customers.get(o.customerId)?.lastName ?? '') : ''));
    default:
      return sortedSource(all, (o) => o.processedAt);
  }
}

export function ordersConnectionFor(ctx: RequestContext, orders: Order[], args: PageArgs & { sortKey?: string }): View {
  return connectionOf(orderSource(ctx, orders, args.sortKey ?? 'ID'), args, (o) => orderView(ctx, o));
}

const FULFILLMENT_ORDER_FIELDS: Record<string, SearchField<FulfillmentOrder>> = {
  id: { kind: 'id', get: (f) => f.id },
  status: { kind: 'keyword', get: (f) => f.status.toLowerCase() },
  assigned_location_id: { kind: 'id', get: (f) => f.assignedLocationId },
  order_id: { kind: 'id', get: (f) => f.orderId },
  updated_at: { kind: 'date', get: (f) => f.updatedAt },
  created_at: { kind: 'date', get: (f) => f.createdAt },
  request_status: { kind: 'keyword', get: (f) => f.requestStatus.toLowerCase() },
};

// ---- root fields ----------------------------------------------------------------------------------

export const orderQueries = {
  order: (args: { id: string }, ctx: RequestContext) => {
    const order = ctx.shop.orders.get(idOf(args.id, 'Order') ?? -1);
    return order ? orderView(ctx, order) : null;
  },
  orders: (args: PageArgs & { query?: string | null; sortKey?: string }, ctx: RequestContext) => {
    const sortKey = args.sortKey ?? 'PROCESSED_AT';
    const source = orderSource(ctx, undefined, sortKey);
    // With sortKey UPDATED_AT, an updated_at range in the query becomes an index range.
    let bounds: { start?: number; end?: number } | undefined;
    if (sortKey === 'UPDATED_AT' && source.seek) {
      const range = compileSearch(args.query, orderFields(ctx), []).range('updated_at');
      bounds = {};
      if (range.min) bounds.start = source.seek(range.min.value + (range.min.inclusive ? 0 : 1), -Infinity);
      if (range.max) bounds.end = source.seek(range.max.value + (range.max.inclusive ? 1 : 0), -Infinity);
    }
    return searchConnection(ctx, ['orders'], source, args, orderFields(ctx), ['name', 'email', 'po_number'], (o) => orderView(ctx, o), bounds);
  },
  ordersCount: (args: { query?: string | null }, ctx: RequestContext) => {
    const searcher = compileSearch(args.query, orderFields(ctx), ['name']);
    let n = 0;
    for (const o of ctx.shop.orders.values()) if (searcher.matches(o)) n++;
    return count(n);
  },
  fulfillmentOrder: (args: { id: string }, ctx: RequestContext) => {
    const fo = ctx.shop.fulfillmentOrders.get(idOf(args.id, 'FulfillmentOrder') ?? -1);
    return fo ? fulfillmentOrderView(ctx, fo) : null;
  },
  fulfillmentOrders: (args: PageArgs & { query?: string | null; includeClosed?: boolean }, ctx: RequestContext) => {
    const all = [...ctx.shop.fulfillmentOrders.values()].filter((f) => args.includeClosed || (f.status !== 'CLOSED' && f.status !== 'CANCELLED'));
    return searchConnection(ctx, ['fulfillmentOrders'], arraySource(all, (f) => ({ value: f.id, id: f.id })), args, FULFILLMENT_ORDER_FIELDS, [], (f) => fulfillmentOrderView(ctx, f));
  },
  fulfillment: (args: { id: string }, ctx: RequestContext) => {
    const f = ctx.shop.fulfillments.get(idOf(args.id, 'Fulfillment') ?? -1);
    return f ? fulfillmentView(ctx, f) : null;
  },
  job: (args: { id: string }) => ({ __typename: 'Job', id: args.id, done: true, query: null }),
};

type TrackingUpdateArgs = { fulfillmentId: string; trackingInfoInput: NonNullable<FulfillmentInput['trackingInfo']>; notifyCustomer?: boolean | null };

export const orderMutations = {
  orderCreate: (args: { order: OrderCreateInput; options?: { inventoryBehaviour?: InventoryBehaviour | null } | null }, ctx: RequestContext) => {
    const r = orderCreate(ctx.shop, args.order, args.options?.inventoryBehaviour ?? 'BYPASS');
    return { __typename: 'OrderCreatePayload', order: r.order ? orderView(ctx, r.order) : null, userErrors: r.userErrors };
  },
  orderCancel: (args: CancelArgs, ctx: RequestContext) => {
    const r = orderCancel(ctx.shop, args);
    // Shopify cancels in a background job; the stand-in applies it at once and reports the job as
    // just started (both `job` and, from 2026-10, `jobResult` describe the same job).
    const jobId = `gid://shopify/Job/${randomUUID()}`;
    const order = r.ok ? ctx.shop.orders.get(idOf(args.orderId, 'Order') ?? -1) : undefined;
    return {
      __typename: 'OrderCancelPayload',
      job: r.ok ? { __typename: 'Job', id: jobId, done: false, query: null } : null,
      jobResult: r.ok ? { __typename: 'OrderCancelJobResult', id: jobId, done: false, status: 'STARTED', errors: [], order: order ? orderView(ctx, order) : null } : null,
      orderCancelUserErrors: r.userErrors,
      userErrors: r.userErrors.map((e) => ({ field: e.field, message: e.message, code: null })),
    };
  },
  orderClose: (args: { input: { id: string } }, ctx: RequestContext) => {
    const r = orderClose(ctx.shop, args.input.id);
    return { __typename: 'OrderClosePayload', order: r.order ? orderView(ctx, r.order) : null, userErrors: r.userErrors };
  },
  orderOpen: (args: { input: { id: string } }, ctx: RequestContext) => {
    const r = orderOpen(ctx.shop, args.input.id);
    return { __typename: 'OrderOpenPayload', order: r.order ? orderView(ctx, r.order) : null, userErrors: r.userErrors };
  },
  orderMarkAsPaid: (args: { input: { id: string } }, ctx: RequestContext) => {
    const order = ctx.shop.orders.get(idOf(args.input.id, 'Order') ?? -1);
    if (!order) return { __typename: 'OrderMarkAsPaidPayload', order: null, userErrors: [userError(['id'], 'Order does not exist')] };
    const outstanding = orderTotals(order, true).outstanding;
    if (order.cancelledAt || outstanding <= 0n || financialStatus(order) === 'PAID') {
      return { __typename: 'OrderMarkAsPaidPayload', order: orderView(ctx, order), userErrors: [userError(['id'], 'Order cannot be marked as paid.')] };
    }
    const now = ctx.shop.now();
    order.transactions.push({ id: ctx.shop.allocateId(), kind: 'SALE', status: 'SUCCESS', gateway: 'manual', amount: outstanding, test: order.test, processedAt: now, createdAt: now });
    for (const s of order.paymentTerms?.schedules ?? []) s.completedAt ??= now;
    touchOrder(ctx.shop, order, ['orders/paid', 'orders/updated']);
    return { __typename: 'OrderMarkAsPaidPayload', order: orderView(ctx, order), userErrors: [] };
  },
  fulfillmentCreate: (args: { fulfillment: FulfillmentInput; message?: string | null }, ctx: RequestContext) => {
    const r = fulfillmentCreate(ctx.shop, args.fulfillment, args.message ?? null);
    return { __typename: 'FulfillmentCreatePayload', fulfillment: r.fulfillment ? fulfillmentView(ctx, r.fulfillment) : null, userErrors: r.userErrors };
  },
  fulfillmentTrackingInfoUpdate: (args: TrackingUpdateArgs, ctx: RequestContext) => {
    const r = fulfillmentTrackingInfoUpdate(ctx.shop, args);
    return { __typename: 'FulfillmentTrackingInfoUpdatePayload', fulfillment: r.fulfillment ? fulfillmentView(ctx, r.fulfillment) : null, userErrors: r.userErrors };
  },
  /** Deprecated in favour of fulfillmentTrackingInfoUpdate, which takes identical arguments; still served. */
  fulfillmentTrackingInfoUpdateV2: (args: TrackingUpdateArgs, ctx: RequestContext) => {
    const r = fulfillmentTrackingInfoUpdate(ctx.shop, args);
    return { __typename: 'FulfillmentTrackingInfoUpdateV2Payload', fulfillment: r.fulfillment ? fulfillmentView(ctx, r.fulfillment) : null, userErrors: r.userErrors };
  },
  fulfillmentCancel: (args: { id: string }, ctx: RequestContext) => {
    const r = fulfillmentCancel(ctx.shop, args.id);
    return { __typename: 'FulfillmentCancelPayload', fulfillment: r.fulfillment ? fulfillmentView(ctx, r.fulfillment) : null, userErrors: r.userErrors };
  },
  /** Deprecated in favour of fulfillmentCreate, which takes identical input; still served. */
  fulfillmentCreateV2: (args: { fulfillment: FulfillmentInput; message?: string | null }, ctx: RequestContext) => {
    const r = fulfillmentCreate(ctx.shop, args.fulfillment, args.message ?? null);
    return { __typename: 'FulfillmentCreateV2Payload', fulfillment: r.fulfillment ? fulfillmentView(ctx, r.fulfillment) : null, userErrors: r.userErrors };
  },
};

