/**
 * Company push, for stores where NetSuite masters companies: a NetSuite company customer marked for
 * Shopify becomes a Shopify company, its sub-customers its locations (a customer without
 * sub-customers is its own single location), with addresses, payment terms and tax exemption.
 * Decided without I/O: which Shopify objects to create or update, with which input.
 */
import type { PlannedAddress } from '../orders/salesOrderPlan';

export interface NetSuiteLocationCustomer {
  id: string;
  name: string;
  /** The Shopify company location this customer already is, if pushed before. */
  locationGid?: string;
  phone?: string;
  taxExempt: boolean;
  resaleNumber?: string;
  termsName?: string;
  billing?: PlannedAddress;
  shipping?: PlannedAddress;
}

export interface NetSuiteCompanyCustomer {
  id: string;
  name: string;
  companyGid?: string;
  note?: string;
  /** The company customer's own addresses, terms and tax: its location when it has no sub-customers. */
  self: NetSuiteLocationCustomer;
  /** Sub-customers, each a location. */
  subCustomers: NetSuiteLocationCustomer[];
}

export interface PaymentTermsTemplate {
  id: string;
  name: string;
  paymentTermsType: string;
  dueInDays: number | null;
}

export interface CompanyAddressInput {
  address1?: string;
  address2?: string;
  city?: string;
  zoneCode?: string;
  zip?: string;
  countryCode?: string;
  phone?: string;
  recipient?: string;
}

export interface LocationInput {
  name: string;
  externalId: string;
  phone?: string;
  billingAddress?: CompanyAddressInput;
  shippingAddress?: CompanyAddressInput;
  billingSameAsShipping?: boolean;
  taxExempt: boolean;
  taxRegistrationId?: string;
  buyerExperienceConfiguration?: { paymentTermsTemplateId: string };
}

export type LocationStep =
  | { action: 'create'; customerId: string; input: LocationInput }
  | { action: 'update'; customerId: string; locationGid: string; input: LocationInput };

export interface PushPlan {
  company: { action: 'create' | 'update'; companyGid?: string; input: { name: string; externalId: string; note?: string } };
  locations: LocationStep[];
  /** What could not be pushed as asked, with why (shown on the queue entry). */
  notes: string[];
}

export function externalIdForCustomer(customerId: string): string {
  return `netsuite-customer-${customerId}`;
}

export function addressInput(address: PlannedAddress | undefined): CompanyAddressInput | undefined {
  if (!address || !address.addr1) return undefined;
  const input: CompanyAddressInput = {
    address1: address.addr1,
    address2: address.addr2 || undefined,
    city: address.city || undefined,
    zoneCode: address.state || undefined,
    zip: address.zip || undefined,
    countryCode: address.country || undefined,
    phone: address.addrphone || undefined,
    recipient: address.attention || address.addressee || undefined,
  };
  return input;
}

/** The Shopify template for a NetSuite term: same name first, then for Net N terms the one with N days. */
export function templateFor(termsName: string | undefined, templates: PaymentTermsTemplate[], mappings: { shopifyName: string; netsuiteName: string }[]): PaymentTermsTemplate | undefined {
  if (!termsName) return undefined;
  const wanted = (mappings.find((m) => m.netsuiteName.trim().toLowerCase() === termsName.trim().toLowerCase())?.shopifyName ?? termsName).trim().toLowerCase();
  const byName = templates.find((t) => t.name.trim().toLowerCase() === wanted);
  if (byName) return byName;
  const days = /(\d+)/.exec(wanted)?.[1];
  return days ? templates.find((t) => t.paymentTermsType === 'NET' && t.dueInDays === Number(days)) : undefined;
}

export function planCompanyPush(
  customer: NetSuiteCompanyCustomer,
  templates: PaymentTermsTemplate[],
  termsMappings: { shopifyName: string; netsuiteName: string }[],
): PushPlan {
  const notes: string[] = [];
  const locations = customer.subCustomers.length > 0 ? customer.subCustomers : [customer.self];
  const steps: LocationStep[] = locations.map((loc) => {
    const billing = addressInput(loc.billing);
    const shipping = addressInput(loc.shipping);
    const template = templateFor(loc.termsName, templates, termsMappings);
    if (loc.termsName && !template) notes.push(`${loc.name}: NetSuite terms "${loc.termsName}" match no Shopify payment terms; the location keeps Shopify's`);
    const same = !!billing && !!shipping && JSON.stringify(billing) === JSON.stringify(shipping);
    const input: LocationInput = {
      name: loc.name.slice(0, 255),
      externalId: externalIdForCustomer(loc.id),
      phone: loc.phone,
      billingAddress: billing,
      shippingAddress: same ? undefined : shipping,
      billingSameAsShipping: same ? true : undefined,
      taxExempt: loc.taxExempt,
      taxRegistrationId: loc.resaleNumber,
      buyerExperienceConfiguration: template ? { paymentTermsTemplateId: template.id } : undefined,
    };
    if (!billing && !shipping) notes.push(`${loc.name}: no address in NetSuite`);
    return loc.locationGid ? { action: 'update', customerId: loc.id, locationGid: loc.locationGid, input } : { action: 'create', customerId: loc.id, input };
  });
  return {
    company: {
      action: customer.companyGid ? 'update' : 'create',
      companyGid: customer.companyGid,
      input: { name: customer.name.slice(0, 255), externalId: externalIdForCustomer(customer.id), note: customer.note },
    },
    locations: steps,
    notes,
  };
}
