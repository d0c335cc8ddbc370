/** Shop locations (warehouses, stores): where inventory is stocked and orders ship from. */
import type { ShopState } from './shop';
import type { Address, Location } from './types';

export interface LocationSpec {
  name: string;
  isActive?: boolean;
  fulfillsOnlineOrders?: boolean;
  address?: Partial<Address>;
}

export function addLocation(shop: ShopState, spec: LocationSpec): Location {
  const now = shop.now();
  const location: Location = {
    id: shop.allocateId(),
    name: spec.name,
    isActive: spec.isActive ?? true,
    fulfillsOnlineOrders: spec.fulfillsOnlineOrders ?? true,
    address: {
      firstName: null,
      lastName: null,
      company: null,
      address1: spec.address?.address1 ?? null,
      address2: spec.address?.address2 ?? null,
      city: spec.address?.city ?? null,
      province: spec.address?.province ?? spec.address?.provinceCode ?? null,
      provinceCode: spec.address?.provinceCode ?? null,
      country: spec.address?.country ?? spec.address?.countryCode ?? null,
      countryCode: spec.address?.countryCode ?? null,
      zip: spec.address?.zip ?? null,
      phone: spec.address?.phone ?? null,
    },
    createdAt: now,
    updatedAt: now,
  };
  shop.locations.set(location.id, location);
  return location;
}
