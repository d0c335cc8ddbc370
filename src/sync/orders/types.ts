/** A Shopify order as OrderForSync reads it (src/shopify/operations/orders/OrderForSync.graphql). */
export interface Amount {
  presentmentMoney: { amount: string; currencyCode?: string };
}

export interface OrderAddress {
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  province: string | null;
  provinceCode: string | null;
  zip: string | null;
  countryCodeV2: string | null;
  phone: string | null;
}

export interface OrderLine {
  id: string;
  sku: string | null;
  name: string;
  quantity: number;
  currentQuantity: number;
  taxable: boolean;
  variant: { id: string } | null;
  originalUnitPriceSet: Amount;
}

export interface OrderTransaction {
  id: string;
  kind: string;
  status: string;
  gateway: string | null;
  processedAt: string | null;
  test: boolean;
  amountSet: Amount;
}

export type PurchasingEntity =
  | { __typename: 'PurchasingCompany'; company: { id: string }; location: { id: string }; contact: { id: string } | null }
  | { __typename: 'Customer' };

export interface ShopifyOrder {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  processedAt: string;
  poNumber: string | null;
  presentmentCurrencyCode: string;
  taxesIncluded: boolean;
  taxExempt: boolean;
  test: boolean;
  tags: string[];
  note: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  closed: boolean;
  closedAt: string | null;
  displayFinancialStatus: string | null;
  displayFulfillmentStatus: string;
  customer: { id: string; tags: string[]; firstName: string | null; lastName: string | null; defaultEmailAddress: { emailAddress: string } | null } | null;
  purchasingEntity: PurchasingEntity | null;
  paymentTerms: { paymentTermsName: string; paymentTermsType: string; dueInDays: number | null } | null;
  billingAddress: OrderAddress | null;
  shippingAddress: OrderAddress | null;
  currentSubtotalPriceSet: Amount;
  currentShippingPriceSet: Amount;
  currentTotalTaxSet: Amount;
  currentTotalPriceSet: Amount;
  shippingLines: { nodes: { title: string; code: string | null }[] };
  /** Where Shopify ships the order from: its fulfillment orders' assigned locations. */
  fulfillmentOrders: { nodes: { assignedLocation: { location: { id: string; name: string } | null } | null }[] };
  transactions: OrderTransaction[];
  lineItems: { nodes: OrderLine[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}
