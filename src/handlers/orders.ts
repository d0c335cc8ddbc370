/**
 * Order sync: a Shopify order, re-read from the Admin API (the webhook was only the trigger), becomes
 * a sales order, or updates the one it already is. Its company, location and contact come first if
 * NetSuite lacks them. A B2B order of a known company costs one Admin API read.
 */
import type { Handler, HandlerContext } from '../core/handlers';
import { SyncError } from '../core/errors';
import type { StoreConfig } from '../core/storeConfig';
import type { ShopifyClient } from '../shopify/client';
import { currencyDecimals } from '../shopify/money';
import { OrderForSync, OrderLineLocations } from '../shopify/operations';
import { classifyOrder, type OrderBuyer } from '../sync/orders/classify';
import { needsLineLocations, planOrderLocations } from '../sync/orders/locations';
import { plannedDeposits } from '../sync/orders/deposits';
import { externalIdFor, planSalesOrder } from '../sync/orders/salesOrderPlan';
import { planSalesOrderUpdate } from '../sync/orders/salesOrderUpdate';
import type { ShopifyOrder } from '../sync/orders/types';
import { ORDER_TOPIC } from '../sync/intake/envelope';
import { currencyIds, currencyUnknown, termsResolver, upsertCustomer } from '../netsuite/customers';
import { applySalesOrderUpdate, createDeposits, createSalesOrder, loadSalesOrder, lookupOrder, recordShopifyStatus, recordTotalVariance, statusText, type OrderLookups } from '../netsuite/salesOrders';
import { readCompany, syncCompany } from './companies';

/** Reads an order with all its line items (a second read only for orders of more than 100 lines). */
export function readOrder(client: ShopifyClient, gid: string): ShopifyOrder | undefined {
  const order = client.request(OrderForSync, { id: gid }).data.order;
  if (!order) return undefined;
  let lines = order.lineItems;
  while (lines.pageInfo.hasNextPage) {
    const page = client.request(OrderForSync, { id: gid, linesAfter: lines.pageInfo.endCursor }).data.order?.lineItems;
    if (!page) break;
    lines = { nodes: [...lines.nodes, ...page.nodes], pageInfo: page.pageInfo };
  }
  return { ...order, lineItems: lines };
}

/** The Shopify objects whose NetSuite customers the order may need. */
function buyerGids(order: ShopifyOrder): string[] {
  const entity = order.purchasingEntity;
  const gids = entity && entity.__typename === 'PurchasingCompany' ? [entity.company.id, entity.location.id, entity.contact?.id ?? ''] : [];
  if (order.customer) gids.push(order.customer.id);
  return gids.filter(Boolean);
}

/** The customer the sales order is for, creating the company (or legacy buyer) first when NetSuite lacks it. */
function customerFor(buyer: OrderBuyer, order: ShopifyOrder, lookups: OrderLookups, context: HandlerContext): string {
  const store = context.store;
  if (buyer.kind === 'b2c') return buyer.customerId;
  if (buyer.kind === 'legacy') {
    const known = lookups.entities.get(buyer.customerGid);
    if (known) return known;
    const c = order.customer!;
    const name = [c.firstName, c.lastName].filter(Boolean).join(' ') || c.defaultEmailAddress?.emailAddress || buyer.customerGid;
    return upsertCustomer(
      {
        role: 'buyer',
        gid: buyer.customerGid,
        externalId: externalIdFor(store.shopDomain, buyer.customerGid),
        isPerson: false,
        companyName: (order.billingAddress?.company || name).slice(0, 83),
        email: c.defaultEmailAddress?.emailAddress,
        subsidiaryId: store.subsidiaryId,
        addresses: [],
        shopifyUpdatedAt: order.updatedAt,
      },
      undefined,
      { storeId: store.id, storeName: store.name },
    );
  }
  const wanted = store.hierarchyMode === 'buyerSubCustomers' && buyer.contactGid ? buyer.contactGid : buyer.locationGid;
  const known = lookups.entities.get(wanted);
  if (known) return known;
  // Order sync brings the company in first (one more Admin API read, only the first time).
  const company = readCompany(context.shopify(), buyer.companyGid);
  if (!company) throw new SyncError('COMPANY_NOT_FOUND', `Order ${order.name} names company ${buyer.companyGid}, which Shopify no longer has.`);
  const synced = syncCompany(company, store);
  const id = synced.ids.get(wanted);
  if (!id) {
    throw new SyncError(
      'BUYER_NOT_IN_COMPANY',
      `Order ${order.name} was placed for ${wanted}, which company ${company.name} does not list. Check the company's locations and contacts in Shopify, then retry.`,
      { retriable: true },
    );
  }
  return id;
}

/** Which line ships from which Shopify location: a second read, only for orders split across locations. */
function lineLocations(client: ShopifyClient, order: ShopifyOrder, store: StoreConfig): Map<string, string> | undefined {
  if (!needsLineLocations(order, store)) return undefined;
  const found = new Map<string, string>();
  for (const fo of client.request(OrderLineLocations, { id: order.id }).data.order?.fulfillmentOrders.nodes ?? []) {
    const location = fo.assignedLocation?.location?.id;
    if (location) for (const line of fo.lineItems.nodes) if (!found.has(line.lineItem.id)) found.set(line.lineItem.id, location);
  }
  return found;
}

/**
 * A new sales order. Everything it needs from NetSuite (items, terms, currency, locations) is
 * resolved before anything is written, so an order NetSuite cannot take yet fails whole with a
 * message saying what to fix; only then are its company, location and contact brought in.
 */
function syncNewOrder(order: ShopifyOrder, buyer: OrderBuyer, lookups: OrderLookups, context: HandlerContext): string {
  const store = context.store;
  const termsId = order.paymentTerms
    ? termsResolver(store.id, store.name)({ name: order.paymentTerms.paymentTermsName, type: order.paymentTerms.paymentTermsType, dueInDays: order.paymentTerms.dueInDays })
    : undefined;
  const locations = planOrderLocations(order, store, lineLocations(context.shopify(), order, store));
  const planned = planSalesOrder(order, store, { customerId: '', itemsByVariant: lookups.itemsByVariant, itemsBySku: lookups.itemsBySku, termsId, locations });
  const currencyId = currencyIdFor(store, planned.currencyCode, order.name);
  const plan = { ...planned, customerId: customerFor(buyer, order, lookups, context) };
  const id = createSalesOrder(plan, order, currencyId);
  let note = `sales order ${id} for ${order.name}`;
  if (plan.taxLeftToNetSuite > 0) {
    const variance = recordTotalVariance(id, plan);
    if (variance !== 0) note += `; NetSuite's total differs from Shopify's by ${variance} ${plan.currencyCode} (tax), recorded on the order`;
  }
  if (store.postCustomerDepositForShopifyB2B) {
    const deposits = createDeposits(id, plan.customerId, plannedDeposits(order, store.shopDomain), plan.currencyDecimals);
    if (deposits > 0) note += `; ${deposits} customer deposit(s)`;
  }
  return note;
}

/** The currency to set on a sales order: none when it is the store's own (the customer's default applies). */
function currencyIdFor(store: StoreConfig, code: string, orderName: string): string | undefined {
  const id = currencyIds([code]).get(code);
  if (!id) throw currencyUnknown(code, `Shopify order ${orderName}`);
  return id === store.currencyId ? undefined : id;
}

/**
 * Status sync for an order NetSuite holds: the sales order is loaded and the plan compared with it
 * every time (Shopify's updated_at has whole seconds, so two changes can share one); it is saved
 * only when its lines or PO differ, and a change of Shopify's status alone is an inline edit.
 */
function syncExistingOrder(order: ShopifyOrder, salesOrderId: string, lookups: OrderLookups, context: HandlerContext): string {
  const store = context.store;
  const { rec, current } = loadSalesOrder(salesOrderId);
  const itemForLine = (lineGid: string) => {
    const line = order.lineItems.nodes.find((l) => l.id === lineGid);
    if (!line) return undefined;
    const byVariant = line.variant ? lookups.itemsByVariant.get(line.variant.id) : undefined;
    const bySku = line.sku ? lookups.itemsBySku.get(line.sku) : undefined;
    return byVariant ?? (bySku && bySku.length === 1 ? bySku[0] : undefined);
  };
  const plan = planSalesOrderUpdate(order, current, store, itemForLine);
  const decimals = currencyDecimals(order.presentmentCurrencyCode);
  const linesOrPoChanged = plan.lineChanges.length > 0 || plan.poNumber !== undefined;
  const changed = linesOrPoChanged || current.status !== statusText(order) || current.updatedAt !== order.updatedAt;
  let note = `sales order ${salesOrderId} for ${order.name}: ${changed ? plan.summary : 'already up to date'}`;
  if (linesOrPoChanged) applySalesOrderUpdate(rec, plan, order, decimals);
  else if (changed) recordShopifyStatus(salesOrderId, order);
  if (plan.notApplied.length) note += `; not applied: ${plan.notApplied.join('; ')}`;
  if (store.postCustomerDepositForShopifyB2B) {
    const customerId = String(rec.getValue({ fieldId: 'entity' }));
    const deposits = createDeposits(salesOrderId, customerId, plannedDeposits(order, store.shopDomain), decimals);
    if (deposits > 0) note += `; ${deposits} new customer deposit(s)`;
  }
  return note;
}

export const orderHandler: Handler = {
  name: 'order',
  direction: 'inbound',
  topics: [ORDER_TOPIC],
  sync: 'orders',
  maxUnits: 2000,
  exclusive: false,
  handle: (entries, context) => {
    const gid = entries[0].shopifyGid!;
    const store = context.store;
    const order = readOrder(context.shopify(), gid);
    if (!order) return { type: 'skipped', reason: `order ${gid} no longer exists in Shopify` };
    const lookups = lookupOrder(order, externalIdFor(store.shopDomain, order.id), buyerGids(order));
    const classification = classifyOrder(order, store, { now: context.now(), alreadyInNetSuite: !!lookups.salesOrder });
    if (!classification.sync) return { type: 'skipped', reason: classification.reason };
    if (lookups.salesOrder) return { type: 'succeeded', note: syncExistingOrder(order, lookups.salesOrder.id, lookups, context) };
    return { type: 'succeeded', note: syncNewOrder(order, classification.buyer, lookups, context) };
  },
};
