/**
 * The operations the bundle sends, typed. Each document is a .graphql file beside this one (one
 * operation per file, its requested cost in a `# cost: N` header); test/contract validates every
 * file against the real Admin schema of each supported API version.
 */
import type { ShopIdentity } from '../../sync/store/connection';
import type { ShopifyOrder } from '../../sync/orders/types';
import type { PageInfo, ShopifyCompany, ShopifyCompanyContact, ShopifyCompanyLocation } from '../../sync/companies/types';
import type { ExistingFulfillment, FulfillmentGroup, OrderFulfillmentState, TrackingInput } from '../../sync/fulfillments/plan';
import type { UserError } from '../errors';
import type { CompanyAddressInput, LocationInput, PaymentTermsTemplate } from '../../sync/companies/pushPlan';
import { defineOperation } from '../operation';
import shopInfo = require('./shop/ShopInfo.graphql');
import orderForSync = require('./orders/OrderForSync.graphql');
import pollOrders = require('./orders/PollOrders.graphql');
import orderLineLocations = require('./orders/OrderLineLocations.graphql');
import companyForSync = require('./companies/CompanyForSync.graphql');
import companyLocationsPage = require('./companies/CompanyLocationsPage.graphql');
import companyContactsPage = require('./companies/CompanyContactsPage.graphql');
import pollCompanies = require('./companies/PollCompanies.graphql');
import fulfillmentOrdersForSync = require('./fulfillments/FulfillmentOrdersForSync.graphql');
import orderFulfillments = require('./fulfillments/OrderFulfillments.graphql');
import fulfillmentCreate = require('./fulfillments/FulfillmentCreate.graphql');
import fulfillmentTrackingUpdate = require('./fulfillments/FulfillmentTrackingUpdate.graphql');
import fulfillmentCancel = require('./fulfillments/FulfillmentCancel.graphql');
import inventoryAtLocation = require('./inventory/InventoryAtLocation.graphql');
import setInventory = require('./inventory/SetInventory.graphql');
import variantsPage = require('./inventory/VariantsPage.graphql');
import paymentTermsTemplates = require('./companies/PaymentTermsTemplates.graphql');
import companyByExternalId = require('./companies/CompanyByExternalId.graphql');
import companyCreate = require('./companies/CompanyCreate.graphql');
import companyUpdate = require('./companies/CompanyUpdate.graphql');
import companyLocationCreate = require('./companies/CompanyLocationCreate.graphql');
import companyLocationUpdate = require('./companies/CompanyLocationUpdate.graphql');
import companyLocationAssignAddress = require('./companies/CompanyLocationAssignAddress.graphql');
import companyLocationTaxSettingsUpdate = require('./companies/CompanyLocationTaxSettingsUpdate.graphql');

export const ShopInfo = defineOperation<{ shop: ShopIdentity }>(shopInfo);

export const OrderForSync = defineOperation<{ order: ShopifyOrder | null }, { id: string; linesAfter?: string | null }>(orderForSync);

export const OrderLineLocations = defineOperation<
  { order: { fulfillmentOrders: { nodes: { assignedLocation: { location: { id: string } | null } | null; lineItems: { nodes: { lineItem: { id: string } }[] } }[] } } | null },
  { id: string }
>(orderLineLocations);

export interface Changed {
  nodes: { id: string; updatedAt: string }[];
  pageInfo: PageInfo;
}
export const PollOrders = defineOperation<{ orders: Changed }, { query: string; after?: string | null }>(pollOrders);
export const PollCompanies = defineOperation<{ companies: Changed }, { query: string; after?: string | null }>(pollCompanies);

export const CompanyForSync = defineOperation<{ company: ShopifyCompany | null }, { id: string }>(companyForSync);
export const CompanyLocationsPage = defineOperation<
  { company: { locations: { nodes: ShopifyCompanyLocation[]; pageInfo: PageInfo } } | null },
  { id: string; after?: string | null }
>(companyLocationsPage);
export const CompanyContactsPage = defineOperation<
  { company: { contacts: { nodes: ShopifyCompanyContact[]; pageInfo: PageInfo } } | null },
  { id: string; after?: string | null }
>(companyContactsPage);

export const FulfillmentOrdersForSync = defineOperation<{ order: OrderFulfillmentState | null }, { id: string }>(fulfillmentOrdersForSync);
export const OrderFulfillments = defineOperation<{ order: { id: string; fulfillments: ExistingFulfillment[] } | null }, { id: string }>(orderFulfillments);

interface FulfillmentPayloadResult {
  fulfillment: { id: string; status: string } | null;
  userErrors: UserError[];
}
export const FulfillmentCreate = defineOperation<
  { fulfillmentCreate: FulfillmentPayloadResult },
  { fulfillment: { lineItemsByFulfillmentOrder: FulfillmentGroup['lineItemsByFulfillmentOrder']; trackingInfo?: TrackingInput; notifyCustomer: boolean } }
>(fulfillmentCreate);
export const FulfillmentTrackingUpdate = defineOperation<
  { fulfillmentTrackingInfoUpdate: FulfillmentPayloadResult },
  { fulfillmentId: string; trackingInfoInput: TrackingInput; notifyCustomer: boolean }
>(fulfillmentTrackingUpdate);
export const FulfillmentCancel = defineOperation<{ fulfillmentCancel: FulfillmentPayloadResult }, { id: string }>(fulfillmentCancel);

export const InventoryAtLocation = defineOperation<
  { nodes: ({ id: string; inventoryLevel: { quantities: { name: string; quantity: number }[] } | null } | null)[] },
  { ids: string[]; locationId: string }
>(inventoryAtLocation);

export interface SetInventoryInput {
  name: 'available';
  reason: string;
  referenceDocumentUri?: string;
  quantities: { inventoryItemId: string; locationId: string; quantity: number; changeFromQuantity: number | null }[];
}
export const SetInventory = defineOperation<
  { inventorySetQuantities: { inventoryAdjustmentGroup: { id: string } | null; userErrors: (UserError & { code: string | null })[] } },
  { input: SetInventoryInput; key: string }
>(setInventory);

export const VariantsPage = defineOperation<
  { productVariants: { nodes: { id: string; sku: string | null; inventoryItem: { id: string } }[]; pageInfo: PageInfo } },
  { after?: string | null }
>(variantsPage);

export const PaymentTermsTemplates = defineOperation<{ paymentTermsTemplates: PaymentTermsTemplate[] }, Record<string, never>>(paymentTermsTemplates);
export const CompanyByExternalId = defineOperation<
  { companies: { nodes: { id: string; locations: { nodes: { id: string; externalId: string | null }[] } }[] } },
  { query: string }
>(companyByExternalId);

type Errors = { userErrors: (UserError & { code?: string | null })[] };
export const CompanyCreate = defineOperation<
  { companyCreate: Errors & { company: { id: string; locations: { nodes: { id: string }[] } } | null } },
  { input: { company: { name: string; externalId: string; note?: string }; companyLocation: LocationInput } }
>(companyCreate);
export const CompanyUpdate = defineOperation<{ companyUpdate: Errors & { company: { id: string } | null } }, { companyId: string; input: { name: string; externalId: string; note?: string } }>(
  companyUpdate,
);
export const CompanyLocationCreate = defineOperation<
  { companyLocationCreate: Errors & { companyLocation: { id: string } | null } },
  { companyId: string; input: LocationInput }
>(companyLocationCreate);
export const CompanyLocationUpdate = defineOperation<
  { companyLocationUpdate: Errors & { companyLocation: { id: string } | null } },
  { companyLocationId: string; input: { name: string; externalId: string; phone?: string; buyerExperienceConfiguration?: { paymentTermsTemplateId: string } } }
>(companyLocationUpdate);
export const CompanyLocationAssignAddress = defineOperation<
  { companyLocationAssignAddress: Errors & { addresses: { id: string }[] | null } },
  { locationId: string; address: CompanyAddressInput; addressTypes: ('BILLING' | 'SHIPPING')[] }
>(companyLocationAssignAddress);
export const CompanyLocationTaxSettingsUpdate = defineOperation<
  { companyLocationTaxSettingsUpdate: Errors & { companyLocation: { id: string } | null } },
  { companyLocationId: string; taxExempt: boolean; taxRegistrationId?: string }
>(companyLocationTaxSettingsUpdate);
