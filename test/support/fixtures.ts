/** Test data builders: plain values, never written anywhere. */
import { SYNC_NAMES, type StoreConfig } from '../../src/core/storeConfig';
import type { OrderLine, ShopifyOrder } from '../../src/sync/orders/types';

export function storeConfig(overrides: Partial<StoreConfig> = {}): StoreConfig {
  return {
    id: '7',
    name: 'Acme',
    shopDomain: 'acme-b2b.myshopify.com',
    apiVersion: '2026-10',
    accessTokenSecretId: 'custsecret_sb2b_acme_token',
    webhookSecretIds: ['custsecret_sb2b_acme_webhook'],
    subsidiaryId: '1',
    currencyId: '1',
    defaultLocationId: '3',
    locations: [],
    syncs: Object.fromEntries(SYNC_NAMES.map((s) => [s, true])) as StoreConfig['syncs'],
    alertRecipients: ['ops@acme.com'],
    postOrderModificationsToShopify: false,
    allowNetSuiteOrderCorrections: false,
    b2bOrderSyncWindowDays: 90,
    postCustomerDepositForShopifyB2B: false,
    newOrderStatus: 'pendingFulfillment',
    hierarchyMode: 'locationSubCustomers',
    companyMaster: 'shopify',
    fulfillOn: 'shipped',
    notifyBuyers: true,
    legacyB2b: { detectByTag: false, orderTags: [], customerTags: [] },
    b2c: { importOrders: false },
    orderItems: { shippingItemId: '900', discountItemId: '901' },
    pollOverlapMinutes: 10,
    inventorySafetyBuffer: 0,
    alertIntervalMinutes: 60,
    retry: { maxAttempts: 8, ceilingHours: 12 },
    ...overrides,
  };
}

const money = (amount: string) => ({ presentmentMoney: { amount } });

export function orderLine(n: number, sku: string | null, price: string, quantity: number, overrides: Partial<OrderLine> = {}): OrderLine {
  return {
    id: `gid://shopify/LineItem/${n}`,
    sku,
    name: `Item ${sku ?? n}`,
    quantity,
    currentQuantity: quantity,
    taxable: true,
    variant: { id: `gid://shopify/ProductVariant/${n}` },
    originalUnitPriceSet: money(price),
    ...overrides,
  };
}

/** A B2B order for Acme's HQ location; totals are derived from the lines unless given. */
export function b2bOrder(overrides: Partial<ShopifyOrder> & { subtotal?: string; shipping?: string; tax?: string; total?: string } = {}): ShopifyOrder {
  const lines = overrides.lineItems?.nodes ?? [orderLine(1, 'WIDGET-1', '12.50', 4), orderLine(2, 'GADGET-2', '7.99', 3)];
  const { subtotal = '73.97', shipping = '0.00', tax = '0.00', total, ...rest } = overrides;
  return {
    id: 'gid://shopify/Order/1001',
    name: '#1001',
    createdAt: '2026-11-02T08:00:00Z',
    updatedAt: '2026-11-02T08:00:00Z',
    processedAt: '2026-11-02T08:00:00Z',
    poNumber: 'PO-7781',
    presentmentCurrencyCode: 'USD',
    taxesIncluded: false,
    taxExempt: false,
    test: false,
    tags: [],
    note: null,
    cancelledAt: null,
    cancelReason: null,
    closed: false,
    closedAt: null,
    displayFinancialStatus: 'PENDING',
    displayFulfillmentStatus: 'UNFULFILLED',
    customer: { id: 'gid://shopify/Customer/55', tags: [], firstName: 'Ada', lastName: 'Buyer', defaultEmailAddress: { emailAddress: 'ada@acme.com' } },
    purchasingEntity: {
      __typename: 'PurchasingCompany',
      company: { id: 'gid://shopify/Company/1' },
      location: { id: 'gid://shopify/CompanyLocation/11' },
      contact: { id: 'gid://shopify/CompanyContact/21' },
    },
    paymentTerms: { paymentTermsName: 'Net 30', paymentTermsType: 'NET', dueInDays: 30 },
    billingAddress: null,
    shippingAddress: null,
    currentSubtotalPriceSet: money(subtotal),
    currentShippingPriceSet: money(shipping),
    currentTotalTaxSet: money(tax),
    currentTotalPriceSet: money(total ?? sum(subtotal, shipping, tax)),
    shippingLines: { nodes: [] },
    fulfillmentOrders: { nodes: [] },
    transactions: [],
    lineItems: { nodes: lines, pageInfo: { hasNextPage: false, endCursor: null } },
    ...rest,
  };
}

function sum(...amounts: string[]): string {
  const cents = amounts.reduce((s, a) => s + Math.round(Number(a) * 100), 0);
  return (cents / 100).toFixed(2);
}

import type { ShopifyCompany, ShopifyCompanyContact, ShopifyCompanyLocation } from '../../src/sync/companies/types';

export function companyLocation(n: number, name: string, overrides: Partial<ShopifyCompanyLocation> = {}): ShopifyCompanyLocation {
  const address = {
    companyName: 'Acme Corp',
    recipient: null,
    firstName: 'Ada',
    lastName: 'Buyer',
    address1: `${n} Main St`,
    address2: null,
    city: 'Springfield',
    province: 'Illinois',
    zoneCode: 'IL',
    zip: '62701',
    countryCode: 'US',
    phone: '+12175550100',
  };
  return {
    id: `gid://shopify/CompanyLocation/${n}`,
    name,
    externalId: null,
    phone: '+12175550100',
    currency: 'USD',
    updatedAt: '2026-11-01T10:00:00Z',
    billingAddress: address,
    shippingAddress: address,
    buyerExperienceConfiguration: { paymentTermsTemplate: { id: 'gid://shopify/PaymentTermsTemplate/4', name: 'Net 30', paymentTermsType: 'NET', dueInDays: 30 } },
    taxSettings: { taxExempt: false, taxRegistrationId: null, taxExemptions: [] },
    ...overrides,
  };
}

export function companyContact(n: number, first: string, last: string, roles: [string, number][], overrides: Partial<ShopifyCompanyContact> = {}): ShopifyCompanyContact {
  return {
    id: `gid://shopify/CompanyContact/${n}`,
    title: null,
    isMainContact: false,
    updatedAt: '2026-11-01T10:00:00Z',
    customer: {
      id: `gid://shopify/Customer/${n}`,
      firstName: first,
      lastName: last,
      defaultEmailAddress: { emailAddress: `${first.toLowerCase()}@acme.com` },
      defaultPhoneNumber: null,
    },
    roleAssignments: { nodes: roles.map(([role, location]) => ({ role: { name: role }, companyLocation: { id: `gid://shopify/CompanyLocation/${location}` } })) },
    ...overrides,
  };
}

export function company(overrides: Partial<ShopifyCompany> = {}): ShopifyCompany {
  return {
    id: 'gid://shopify/Company/1',
    name: 'Acme Corp',
    externalId: null,
    note: null,
    updatedAt: '2026-11-01T10:00:00Z',
    mainContact: { id: 'gid://shopify/CompanyContact/21' },
    locations: { nodes: [companyLocation(11, 'Acme HQ'), companyLocation(12, 'Acme Warehouse')], pageInfo: { hasNextPage: false, endCursor: null } },
    contacts: {
      nodes: [companyContact(21, 'Ada', 'Buyer', [['Ordering only', 11], ['Location admin', 12]], { isMainContact: true }), companyContact(22, 'Bob', 'Clerk', [['Ordering only', 12]])],
      pageInfo: { hasNextPage: false, endCursor: null },
    },
    ...overrides,
  };
}
