/**
 * Which orders order sync takes, and who the buyer is in NetSuite terms. B2B orders are told apart
 * by Shopify's own marker, the purchasing entity (a company); stores that marked B2B orders with tags
 * before Shopify B2B keep working through the legacy settings; everything else is B2C, imported to a
 * default customer only when the store asks for it, and otherwise skipped (never an error).
 */
import type { StoreConfig } from '../../core/storeConfig';
import type { ShopifyOrder } from './types';

export type OrderBuyer =
  | { kind: 'company'; companyGid: string; locationGid: string; contactGid?: string }
  | { kind: 'legacy'; customerGid: string; matchedTag: string }
  | { kind: 'b2c'; customerId: string };

export type OrderClassification = { sync: true; buyer: OrderBuyer } | { sync: false; reason: string };

const DAY = 86_400_000;

function matchingTag(tags: string[], wanted: string[]): string | undefined {
  const lower = new Set(wanted.map((t) => t.trim().toLowerCase()));
  return tags.find((t) => lower.has(t.trim().toLowerCase()));
}

export function classifyOrder(order: ShopifyOrder, store: StoreConfig, options: { now: number; alreadyInNetSuite: boolean }): OrderClassification {
  if (order.test) return { sync: false, reason: `test order ${order.name}: not synced` };
  if (!options.alreadyInNetSuite) {
    const oldest = options.now - store.b2bOrderSyncWindowDays * DAY;
    if (Date.parse(order.createdAt) < oldest) {
      return {
        sync: false,
        reason: `order ${order.name} was placed ${order.createdAt.slice(0, 10)}, before the B2B order sync window (${store.b2bOrderSyncWindowDays} days): not synced`,
      };
    }
  }
  const entity = order.purchasingEntity;
  if (entity && entity.__typename === 'PurchasingCompany') {
    return { sync: true, buyer: { kind: 'company', companyGid: entity.company.id, locationGid: entity.location.id, contactGid: entity.contact?.id } };
  }
  if (store.legacyB2b.detectByTag && order.customer) {
    const tag = matchingTag(order.tags, store.legacyB2b.orderTags) ?? matchingTag(order.customer.tags, store.legacyB2b.customerTags);
    if (tag) return { sync: true, buyer: { kind: 'legacy', customerGid: order.customer.id, matchedTag: tag } };
  }
  if (store.b2c.importOrders && store.b2c.defaultCustomerId) {
    return { sync: true, buyer: { kind: 'b2c', customerId: store.b2c.defaultCustomerId } };
  }
  return { sync: false, reason: `B2C order ${order.name}: not synced (Import B2C orders is off for store ${store.name})` };
}
