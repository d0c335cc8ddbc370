/**
 * Where a sales order's stock is committed: the NetSuite location mapped to each Shopify location
 * the order ships from (its fulfillment orders' assigned locations), so that NetSuite commits and
 * later fulfills where Shopify expects it. A Shopify location with no mapping falls back to the
 * store's Default location; without one, the order fails with a message saying which location to
 * map, and retries once it is mapped.
 */
import { SyncError } from '../../core/errors';
import type { StoreConfig } from '../../core/storeConfig';
import type { ShopifyOrder } from './types';

export interface OrderLocations {
  /** The header location: where the first fulfillment order ships from (else the default location). */
  headerLocationId?: string;
  /** NetSuite location per Shopify line gid, when the order ships from more than one location. */
  lineLocationIds: Map<string, string>;
  /** Shopify location gids the order ships from, in fulfillment order order. */
  shopifyLocations: string[];
}

/** The Shopify locations an order ships from (distinct, in order). */
export function shippingLocations(order: ShopifyOrder): { id: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const fo of order.fulfillmentOrders?.nodes ?? []) {
    const location = fo.assignedLocation?.location;
    if (location && !seen.has(location.id)) seen.set(location.id, location.name ?? location.id);
  }
  return Array.from(seen, ([id, name]) => ({ id, name }));
}

/**
 * Maps the order's Shopify locations to NetSuite ones. `lineLocations` (line gid → Shopify location
 * gid) is needed only when the order ships from several locations.
 */
export function planOrderLocations(order: ShopifyOrder, store: StoreConfig, lineLocations?: Map<string, string>): OrderLocations {
  const shipping = shippingLocations(order);
  const mapped = new Map<string, string>();
  const unmapped: string[] = [];
  for (const location of shipping) {
    // Several NetSuite locations may map to one Shopify location (inventory sums them); orders take the first.
    const mapping = store.locations.find((m) => m.shopifyLocationGid === location.id);
    const id = mapping?.netsuiteLocationId ?? store.defaultLocationId;
    if (id) mapped.set(location.id, id);
    else unmapped.push(`"${location.name}" (${location.id})`);
  }
  if (unmapped.length > 0) {
    throw new SyncError(
      'LOCATION_UNMAPPED',
      `Order ${order.name} ships from Shopify location ${unmapped.join(', ')}, which store ${store.name} does not map to a NetSuite location. Add a Shopify B2B Location Mapping for it (Locations tab) or choose a Default location on the store, then retry this entry.`,
      { retriable: true },
    );
  }
  const headerLocationId = shipping.length ? mapped.get(shipping[0].id) : store.defaultLocationId;
  const lineLocationIds = new Map<string, string>();
  if (new Set(mapped.values()).size > 1 && lineLocations) {
    for (const [lineGid, shopifyLocation] of lineLocations) {
      const id = mapped.get(shopifyLocation);
      if (id) lineLocationIds.set(lineGid, id);
    }
  }
  return { headerLocationId, lineLocationIds, shopifyLocations: shipping.map((l) => l.id) };
}

/** Whether the order ships from more than one NetSuite location (then each line needs its own). */
export function needsLineLocations(order: ShopifyOrder, store: StoreConfig): boolean {
  const ids = new Set(shippingLocations(order).map((l) => store.locations.find((m) => m.shopifyLocationGid === l.id)?.netsuiteLocationId ?? store.defaultLocationId));
  return ids.size > 1;
}
