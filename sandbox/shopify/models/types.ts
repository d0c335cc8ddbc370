/**
 * The in-memory records of a shop. Numeric ids (the part after the last slash of a gid) come from
 * one counter per shop, so two records of different types never share an id: a client that mixes
 * up gid types gets "not found" here, as it would on Shopify. Times are epoch milliseconds,
 * truncated to whole seconds like Shopify's timestamps. Money is an `Amount` (bigint, see money.ts).
 */
import type { UserError } from '../errors';
import type { Amount } from '../money';

export interface Address {
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  province: string | null;
  provinceCode: string | null;
  country: string | null;
  countryCode: string | null;
  zip: string | null;
  phone: string | null;
}

export interface Location {
  id: number;
  name: string;
  isActive: boolean;
  fulfillsOnlineOrders: boolean;
  address: Address;
  createdAt: number;
  updatedAt: number;
}

export interface ProductOption {
  id: number;
  name: string;
  position: number;
  values: string[];
}

export type ProductStatus = 'ACTIVE' | 'ARCHIVED' | 'DRAFT';

export interface Product {
  id: number;
  title: string;
  handle: string;
  descriptionHtml: string;
  vendor: string;
  productType: string;
  status: ProductStatus;
  tags: string[];
  options: ProductOption[];
  variantIds: number[];
  createdAt: number;
  updatedAt: number;
}

export interface Variant {
  id: number;
  productId: number;
  title: string;
  sku: string | null;
  barcode: string | null;
  price: Amount;
  compareAtPrice: Amount | null;
  taxable: boolean;
  inventoryPolicy: 'DENY' | 'CONTINUE';
  position: number;
  selectedOptions: { name: string; value: string }[];
  inventoryItemId: number;
  createdAt: number;
  updatedAt: number;
}

export interface InventoryItem {
  id: number;
  variantId: number;
  sku: string | null;
  tracked: boolean;
  requiresShipping: boolean;
  unitCost: Amount | null;
  countryCodeOfOrigin: string | null;
  harmonizedSystemCode: string | null;
  createdAt: number;
  updatedAt: number;
}

/** Inventory states (shopify.dev "inventory quantities and states"). */
export const QUANTITY_NAMES = ['available', 'committed', 'damaged', 'incoming', 'on_hand', 'quality_control', 'reserved', 'safety_stock'] as const;
export type QuantityName = (typeof QUANTITY_NAMES)[number];

export interface InventoryLevel {
  id: number;
  inventoryItemId: number;
  locationId: number;
  quantities: Record<QuantityName, number>;
  /** When each quantity last changed. */
  quantityUpdatedAt: Partial<Record<QuantityName, number>>;
  createdAt: number;
  updatedAt: number;
}

export interface InventoryChange {
  name: QuantityName;
  delta: number;
  quantityAfterChange: number | null;
  inventoryItemId: number;
  locationId: number;
  ledgerDocumentUri: string | null;
}

export interface InventoryAdjustmentGroup {
  id: number;
  reason: string;
  referenceDocumentUri: string | null;
  createdAt: number;
  changes: InventoryChange[];
}

export interface Customer {
  id: number;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  note: string | null;
  tags: string[];
  taxExempt: boolean;
  defaultAddress: Address | null;
  createdAt: number;
  updatedAt: number;
}

export interface CompanyAddress {
  id: number;
  address1: string;
  address2: string | null;
  city: string | null;
  zip: string | null;
  countryCode: string;
  zoneCode: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  recipient: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface PaymentTermsTemplate {
  id: number;
  name: string;
  description: string;
  dueInDays: number | null;
  paymentTermsType: 'FIXED' | 'FULFILLMENT' | 'NET' | 'RECEIPT' | 'UNKNOWN';
  translatedName: string;
}

export interface Company {
  id: number;
  name: string;
  externalId: string | null;
  note: string | null;
  customerSince: number;
  mainContactId: number | null;
  contactIds: number[];
  locationIds: number[];
  roleIds: number[];
  createdAt: number;
  updatedAt: number;
}

export interface CompanyLocation {
  id: number;
  companyId: number;
  name: string;
  externalId: string | null;
  phone: string | null;
  locale: string | null;
  note: string | null;
  currency: string;
  billingAddressId: number | null;
  shippingAddressId: number | null;
  buyerExperience: {
    checkoutToDraft: boolean;
    editableShippingAddress: boolean;
    paymentTermsTemplateId: number | null;
    depositPercentage: number | null;
  };
  taxExempt: boolean;
  taxExemptions: string[];
  taxRegistrationId: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface CompanyContact {
  id: number;
  companyId: number;
  customerId: number;
  title: string | null;
  locale: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface CompanyContactRole {
  id: number;
  companyId: number;
  name: string;
  note: string | null;
}

export interface RoleAssignment {
  id: number;
  contactId: number;
  roleId: number;
  locationId: number;
  createdAt: number;
  updatedAt: number;
}

export interface TaxLine {
  title: string;
  rate: string;
  price: Amount;
  channelLiable: boolean;
}

export interface DiscountAllocation {
  amount: Amount;
  /** Index into order.discountApplications. */
  applicationIndex: number;
}

export interface DiscountApplication {
  type: 'DISCOUNT_CODE' | 'MANUAL' | 'AUTOMATIC' | 'SCRIPT';
  code: string | null;
  title: string | null;
  description: string | null;
  valueType: 'FIXED_AMOUNT' | 'PERCENTAGE';
  value: string;
  allocationMethod: 'ACROSS' | 'EACH' | 'ONE';
  targetSelection: 'ALL' | 'ENTITLED' | 'EXPLICIT';
  targetType: 'LINE_ITEM' | 'SHIPPING_LINE';
}

export interface LineItem {
  id: number;
  title: string;
  variantTitle: string | null;
  name: string;
  sku: string | null;
  vendor: string | null;
  quantity: number;
  /** Quantity removed by cancellation or refund. */
  removedQuantity: number;
  variantId: number | null;
  productId: number | null;
  requiresShipping: boolean;
  taxable: boolean;
  originalUnitPrice: Amount;
  taxLines: TaxLine[];
  discountAllocations: DiscountAllocation[];
  /** Where inventory was committed, to give it back on cancel and take it on fulfilment. */
  committedLocationId: number | null;
}

export interface ShippingLine {
  id: number;
  title: string;
  code: string | null;
  source: string | null;
  price: Amount;
  taxLines: TaxLine[];
  discountAllocations: DiscountAllocation[];
}

export interface OrderTransaction {
  id: number;
  kind: 'SALE' | 'AUTHORIZATION' | 'CAPTURE' | 'REFUND' | 'VOID';
  status: 'SUCCESS' | 'PENDING' | 'FAILURE' | 'ERROR';
  gateway: string;
  amount: Amount;
  test: boolean;
  processedAt: number;
  createdAt: number;
}

export interface PaymentSchedule {
  id: number;
  issuedAt: number | null;
  dueAt: number | null;
  completedAt: number | null;
  amount: Amount;
}

export interface PaymentTerms {
  id: number;
  templateId: number;
  paymentTermsName: string;
  paymentTermsType: PaymentTermsTemplate['paymentTermsType'];
  dueInDays: number | null;
  schedules: PaymentSchedule[];
}

export type FinancialStatus = 'AUTHORIZED' | 'EXPIRED' | 'PAID' | 'PARTIALLY_PAID' | 'PARTIALLY_REFUNDED' | 'PENDING' | 'REFUNDED' | 'VOIDED';

export interface PurchasingCompanyRef {
  companyId: number;
  companyLocationId: number;
  companyContactId: number | null;
}

export interface Order {
  id: number;
  number: number;
  name: string;
  email: string | null;
  phone: string | null;
  note: string | null;
  tags: string[];
  test: boolean;
  poNumber: string | null;
  sourceName: string;
  currencyCode: string;
  presentmentCurrencyCode: string;
  taxesIncluded: boolean;
  taxExempt: boolean;
  customerId: number | null;
  purchasingCompany: PurchasingCompanyRef | null;
  billingAddress: Address | null;
  shippingAddress: Address | null;
  lineItems: LineItem[];
  shippingLines: ShippingLine[];
  discountApplications: DiscountApplication[];
  discountCodes: string[];
  transactions: OrderTransaction[];
  /** The financial status given at creation (when there are no transactions to derive it from). */
  declaredFinancialStatus: FinancialStatus | null;
  paymentTerms: PaymentTerms | null;
  fulfillmentOrderIds: number[];
  fulfillmentIds: number[];
  cancelledAt: number | null;
  cancelReason: 'CUSTOMER' | 'DECLINED' | 'FRAUD' | 'INVENTORY' | 'OTHER' | 'STAFF' | null;
  closedAt: number | null;
  createdAt: number;
  processedAt: number;
  updatedAt: number;
}

export type FulfillmentOrderStatus = 'CANCELLED' | 'CLOSED' | 'INCOMPLETE' | 'IN_PROGRESS' | 'ON_HOLD' | 'OPEN' | 'SCHEDULED';

export interface FulfillmentOrderLineItem {
  id: number;
  lineItemId: number;
  totalQuantity: number;
  remainingQuantity: number;
}

export interface FulfillmentOrder {
  id: number;
  orderId: number;
  assignedLocationId: number;
  status: FulfillmentOrderStatus;
  requestStatus: 'UNSUBMITTED' | 'SUBMITTED' | 'ACCEPTED' | 'REJECTED' | 'CANCELLATION_REQUESTED' | 'CANCELLATION_ACCEPTED' | 'CANCELLATION_REJECTED' | 'CLOSED';
  lineItems: FulfillmentOrderLineItem[];
  fulfillAt: number;
  createdAt: number;
  updatedAt: number;
}

export interface FulfillmentLineItem {
  id: number;
  lineItemId: number;
  quantity: number;
}

export interface TrackingInfo {
  company: string | null;
  number: string | null;
  url: string | null;
}

export interface Fulfillment {
  id: number;
  orderId: number;
  name: string;
  status: 'SUCCESS' | 'CANCELLED' | 'ERROR' | 'FAILURE';
  locationId: number;
  lineItems: FulfillmentLineItem[];
  fulfillmentOrderIds: number[];
  /** What the fulfillment took off each fulfillment order line: fulfillmentCancel gives it back. */
  fulfillmentOrderLines: { fulfillmentOrderId: number; fulfillmentOrderLineItemId: number; quantity: number }[];
  trackingInfo: TrackingInfo[];
  notifyCustomer: boolean;
  message: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface WebhookSubscription {
  id: number;
  topic: string;
  uri: string;
  format: 'JSON' | 'XML';
  filter: string | null;
  includeFields: string[];
  metafieldNamespaces: string[];
  name: string | null;
  apiVersion: string;
  appId: string;
  createdAt: number;
  updatedAt: number;
}

/** A `productSet(synchronous: false)` run: Shopify answers at once and the client polls `productOperation`. */
export interface ProductSetOperation {
  id: number;
  productId: number | null;
  userErrors: UserError[];
  createdAt: number;
}

export interface IdempotencyRecord {
  key: string;
  mutation: string;
  /** Canonical JSON of the mutation's arguments. */
  parameters: string;
  result: unknown;
  createdAt: number;
}
