/**
 * Read-only snapshots for the control API: what a test needs to check the store's state without
 * going through the Admin API (so without spending rate limit, and without side effects).
 * Money is shown in Shopify's GraphQL decimal form, ids as gids.
 */
import { gid } from './gid';
import type { ShopState } from './models/shop';
import type { Order } from './models/types';
import { displayFulfillmentStatus, financialStatus, fulfilledQuantity, orderTotals } from './models/orders';
import { formatDecimal } from './money';
import { isoTime } from './resolvers/common';

export function orderSnapshot(shop: ShopState, order: Order) {
  const totals = orderTotals(order, true);
  return {
    id: gid('Order', order.id),
    name: order.name,
    email: order.email,
    poNumber: order.poNumber,
    createdAt: isoTime(order.createdAt),
    updatedAt: isoTime(order.updatedAt),
    processedAt: isoTime(order.processedAt),
    cancelledAt: isoTime(order.cancelledAt),
    closedAt: isoTime(order.closedAt),
    financialStatus: financialStatus(order),
    fulfillmentStatus: displayFulfillmentStatus(shop, order),
    cancelReason: order.cancelReason,
    company: order.purchasingCompany
      ? {
          id: gid('Company', order.purchasingCompany.companyId),
          externalId: shop.companies.get(order.purchasingCompany.companyId)?.externalId ?? null,
          locationId: gid('CompanyLocation', order.purchasingCompany.companyLocationId),
          locationExternalId: shop.companyLocations.get(order.purchasingCompany.companyLocationId)?.externalId ?? null,
          contactId: order.purchasingCompany.companyContactId !== null ? gid('CompanyContact', order.purchasingCompany.companyContactId) : null,
        }
      : null,
    customerId: order.customerId !== null ? gid('Customer', order.customerId) : null,
    paymentTerms: order.paymentTerms ? { name: order.paymentTerms.paymentTermsName, dueAt: isoTime(order.paymentTerms.schedules[0]?.dueAt ?? null) } : null,
    totals: Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, formatDecimal(v)])),
    lineItems: order.lineItems.map((l) => ({
      id: gid('LineItem', l.id),
      sku: l.sku,
      title: l.title,
      quantity: l.quantity,
      currentQuantity: l.quantity - l.removedQuantity,
      fulfilledQuantity: fulfilledQuantity(shop, order, l.id),
      unitPrice: formatDecimal(l.originalUnitPrice),
    })),
    fulfillmentOrders: order.fulfillmentOrderIds.map((id) => {
      const fo = shop.fulfillmentOrders.get(id)!;
      return {
        id: gid('FulfillmentOrder', fo.id),
        status: fo.status,
        location: shop.locations.get(fo.assignedLocationId)?.name ?? null,
        lineItems: fo.lineItems.map((li) => ({ id: gid('FulfillmentOrderLineItem', li.id), lineItemId: gid('LineItem', li.lineItemId), totalQuantity: li.totalQuantity, remainingQuantity: li.remainingQuantity })),
      };
    }),
    fulfillments: order.fulfillmentIds.map((id) => {
      const f = shop.fulfillments.get(id)!;
      return { id: gid('Fulfillment', f.id), name: f.name, status: f.status, notifyCustomer: f.notifyCustomer, trackingInfo: f.trackingInfo, lineItems: f.lineItems.map((l) => ({ lineItemId: gid('LineItem', l.lineItemId), quantity: l.quantity })) };
    }),
  };
}

/** Stock of one SKU (or of every item) by location name. */
export function inventorySnapshot(shop: ShopState, sku?: string) {
  const items = sku ? [...(shop.itemsBySku.get(sku) ?? [])].map((id) => shop.inventoryItems.get(id)!) : [...shop.inventoryItems.values()];
  return items.map((item) => ({
    inventoryItemId: gid('InventoryItem', item.id),
    variantId: gid('ProductVariant', item.variantId),
    sku: item.sku,
    levels: Object.fromEntries((shop.levelsByItem.get(item.id) ?? []).map((l) => [shop.locations.get(l.locationId)?.name ?? String(l.locationId), { ...l.quantities }])),
  }));
}

/**
 * Inventory adjustment groups made through the Admin API (inventorySetQuantities), oldest first:
 * reason, reference document and each change, so tests can see what was applied and how often.
 * With `sku`, only groups that touched that SKU, and only its changes.
 */
export function adjustmentsSnapshot(shop: ShopState, sku?: string) {
  const itemIds = sku ? shop.itemsBySku.get(sku) ?? new Set<number>() : undefined;
  return [...shop.adjustmentGroups.values()]
    .sort((a, b) => a.id - b.id)
    .map((group) => ({
      id: gid('InventoryAdjustmentGroup', group.id),
      reason: group.reason,
      referenceDocumentUri: group.referenceDocumentUri,
      createdAt: isoTime(group.createdAt),
      changes: group.changes
        .filter((c) => !itemIds || itemIds.has(c.inventoryItemId))
        .map((c) => ({
          sku: shop.inventoryItems.get(c.inventoryItemId)?.sku ?? null,
          inventoryItemId: gid('InventoryItem', c.inventoryItemId),
          location: shop.locations.get(c.locationId)?.name ?? String(c.locationId),
          name: c.name,
          delta: c.delta,
          quantityAfterChange: c.quantityAfterChange,
        })),
    }))
    .filter((group) => group.changes.length > 0);
}

export function shopSummary(shop: ShopState) {
  return {
    domain: shop.domain,
    name: shop.name,
    plan: shop.plan,
    currencyCode: shop.currencyCode,
    apps: shop.apps.map((a) => ({ id: a.id, accessTokens: a.accessTokens, clientSecret: a.clientSecret, bucket: shop.bucketFor(a.id).status() })),
    counts: {
      locations: shop.locations.size,
      products: shop.products.size,
      variants: shop.variants.size,
      inventoryLevels: shop.inventoryLevels.size,
      customers: shop.customers.size,
      companies: shop.companies.size,
      companyLocations: shop.companyLocations.size,
      orders: shop.orders.size,
      webhookSubscriptions: shop.webhookSubscriptions.size,
    },
  };
}

export function companiesSnapshot(shop: ShopState) {
  return [...shop.companies.values()].map((c) => ({
    id: gid('Company', c.id),
    name: c.name,
    externalId: c.externalId,
    note: c.note,
    updatedAt: isoTime(c.updatedAt),
    mainContactId: c.mainContactId !== null ? gid('CompanyContact', c.mainContactId) : null,
    locations: c.locationIds.map((id) => {
      const l = shop.companyLocations.get(id)!;
      const template = shop.paymentTermsTemplates.find((t) => t.id === l.buyerExperience.paymentTermsTemplateId);
      return { id: gid('CompanyLocation', l.id), name: l.name, externalId: l.externalId, paymentTerms: template?.name ?? null, taxExempt: l.taxExempt, taxRegistrationId: l.taxRegistrationId };
    }),
    contacts: c.contactIds.map((id) => {
      const contact = shop.companyContacts.get(id)!;
      const customer = shop.customers.get(contact.customerId)!;
      return { id: gid('CompanyContact', contact.id), email: customer.email, firstName: customer.firstName, lastName: customer.lastName, title: contact.title };
    }),
  }));
}

export function productsSnapshot(shop: ShopState) {
  return [...shop.products.values()].map((p) => ({
    id: gid('Product', p.id),
    title: p.title,
    handle: p.handle,
    status: p.status,
    variants: p.variantIds.map((id) => {
      const v = shop.variants.get(id)!;
      return { id: gid('ProductVariant', v.id), sku: v.sku, price: formatDecimal(v.price), inventoryItemId: gid('InventoryItem', v.inventoryItemId) };
    }),
  }));
}
