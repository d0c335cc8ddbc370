/**
 * A Shopify company as NetSuite customers and contacts. Shopify has Company > Location > Contact;
 * NetSuite has Customer > Sub-customer + Contact. By default the company becomes a parent customer
 * (a company, not a person) and each location a sub-customer carrying its addresses, payment terms,
 * tax exemption and currency, which is what orders are placed against; contacts become contacts of
 * the company, also attached to the sub-customer of each location they have a role at, their roles
 * kept as text. The store's hierarchy mode can make buyers the sub-customers
 * instead, as NetSuite Connector does.
 */
import type { StoreConfig } from '../../core/storeConfig';
import { externalIdFor, type PlannedAddress } from '../orders/salesOrderPlan';
import type { CompanyAddress, PaymentTermsTemplate, ShopifyCompany, ShopifyCompanyContact } from './types';

export interface PlannedAddressBookEntry {
  label: string;
  defaultBilling: boolean;
  defaultShipping: boolean;
  address: PlannedAddress;
}

/** Shopify payment terms, to be matched to a NetSuite term. */
export interface TermsWanted {
  name: string;
  type: string;
  dueInDays: number | null;
}

export interface CustomerPlan {
  role: 'company' | 'location' | 'buyer';
  gid: string;
  externalId: string;
  /** The gid of the parent customer's Shopify object (its company). */
  parentGid?: string;
  isPerson: boolean;
  companyName?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
  subsidiaryId?: string;
  currencyCode?: string;
  terms?: TermsWanted;
  taxExempt?: boolean;
  resaleNumber?: string;
  comments?: string;
  addresses: PlannedAddressBookEntry[];
  /** Shopify's updatedAt, kept so later runs can tell whether NetSuite is behind. */
  shopifyUpdatedAt: string;
}

export interface ContactPlan {
  gid: string;
  externalId: string;
  firstName: string;
  lastName: string;
  email?: string;
  phone?: string;
  title?: string;
  /** The Shopify object whose NetSuite customer the contact belongs to (its company). */
  customerGid: string;
  /** "Ordering only at HQ; Location admin at Warehouse", as Shopify assigns them. */
  roles: string;
  /** The locations the contact has a role at: their sub-customers get the contact attached. */
  locationGids: string[];
  /** More roles than one read returns: locations missing from locationGids may still have one. */
  moreRoles: boolean;
  isMainContact: boolean;
  shopifyUpdatedAt: string;
}

export interface CompanyPlan {
  customers: CustomerPlan[];
  contacts: ContactPlan[];
}

const clip = (value: string | null | undefined, max: number) => (value ?? '').trim().slice(0, max);

export function planCompanyAddress(address: CompanyAddress): PlannedAddress {
  const person = [address.firstName, address.lastName].filter(Boolean).join(' ');
  return {
    addressee: clip(address.companyName, 100),
    attention: clip(address.recipient || (address.companyName ? person : ''), 100),
    addr1: clip(address.address1, 150),
    addr2: clip(address.address2, 150),
    city: clip(address.city, 50),
    state: clip(address.zoneCode || address.province, 30),
    zip: clip(address.zip, 36),
    country: clip(address.countryCode, 2),
    addrphone: clip(address.phone, 32),
  };
}

function sameAddress(a: PlannedAddress, b: PlannedAddress): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function addressBook(billing: CompanyAddress | null, shipping: CompanyAddress | null): PlannedAddressBookEntry[] {
  const bill = billing ? planCompanyAddress(billing) : undefined;
  const ship = shipping ? planCompanyAddress(shipping) : undefined;
  if (bill && ship && sameAddress(bill, ship)) return [{ label: 'Billing and shipping', defaultBilling: true, defaultShipping: true, address: bill }];
  const entries: PlannedAddressBookEntry[] = [];
  if (bill) entries.push({ label: 'Billing', defaultBilling: true, defaultShipping: !ship, address: bill });
  if (ship) entries.push({ label: 'Shipping', defaultBilling: !bill, defaultShipping: true, address: ship });
  return entries;
}

export function termsWanted(template: PaymentTermsTemplate | null | undefined): TermsWanted | undefined {
  return template ? { name: template.name, type: template.paymentTermsType, dueInDays: template.dueInDays } : undefined;
}

function rolesText(contact: ShopifyCompanyContact, locationNames: Map<string, string>): string {
  return contact.roleAssignments.nodes
    .map((a) => `${a.role.name} at ${locationNames.get(a.companyLocation.id) ?? a.companyLocation.id}`)
    .join('; ')
    .slice(0, 300);
}

function personName(contact: ShopifyCompanyContact): { firstName: string; lastName: string } {
  const first = clip(contact.customer.firstName, 32);
  const last = clip(contact.customer.lastName, 32);
  const email = contact.customer.defaultEmailAddress?.emailAddress ?? '';
  // NetSuite wants a name; a Shopify contact may have only an email.
  return { firstName: first || (!last ? clip(email.split('@')[0], 32) || 'Buyer' : ''), lastName: last };
}

export function planCompany(company: ShopifyCompany, store: StoreConfig): CompanyPlan {
  if (company.locations.pageInfo.hasNextPage || company.contacts.pageInfo.hasNextPage) {
    throw new Error('planCompany needs every location and contact: read every page first');
  }
  const shop = store.shopDomain;
  const locationNames = new Map(company.locations.nodes.map((l) => [l.id, l.name]));
  const parent: CustomerPlan = {
    role: 'company',
    gid: company.id,
    externalId: externalIdFor(shop, company.id),
    isPerson: false,
    companyName: clip(company.name, 83),
    subsidiaryId: store.subsidiaryId,
    comments: company.note ? clip(company.note, 999) : undefined,
    addresses: [],
    shopifyUpdatedAt: company.updatedAt,
  };
  const customers: CustomerPlan[] = [parent];
  const contacts: ContactPlan[] = [];

  if (store.hierarchyMode === 'locationSubCustomers') {
    for (const location of company.locations.nodes) {
      customers.push({
        role: 'location',
        gid: location.id,
        externalId: externalIdFor(shop, location.id),
        parentGid: company.id,
        isPerson: false,
        companyName: clip(location.name, 83),
        phone: clip(location.phone, 32) || undefined,
        subsidiaryId: store.subsidiaryId,
        currencyCode: location.currency,
        terms: termsWanted(location.buyerExperienceConfiguration?.paymentTermsTemplate),
        taxExempt: location.taxSettings.taxExempt,
        resaleNumber: clip(location.taxSettings.taxRegistrationId, 20) || undefined,
        addresses: addressBook(location.billingAddress, location.shippingAddress),
        shopifyUpdatedAt: location.updatedAt,
      });
    }
    // With one location, the parent also carries its addresses, for documents addressed to the company.
    if (company.locations.nodes.length === 1) {
      const only = company.locations.nodes[0];
      parent.addresses = addressBook(only.billingAddress, only.shippingAddress);
    }
    for (const contact of company.contacts.nodes) {
      contacts.push({
        gid: contact.id,
        externalId: externalIdFor(shop, contact.id),
        ...personName(contact),
        email: contact.customer.defaultEmailAddress?.emailAddress,
        phone: clip(contact.customer.defaultPhoneNumber?.phoneNumber, 32) || undefined,
        title: clip(contact.title, 99) || undefined,
        customerGid: company.id,
        roles: rolesText(contact, locationNames),
        locationGids: Array.from(new Set(contact.roleAssignments.nodes.map((a) => a.companyLocation.id).filter((id) => locationNames.has(id)))),
        moreRoles: contact.roleAssignments.pageInfo?.hasNextPage === true,
        isMainContact: contact.isMainContact,
        shopifyUpdatedAt: contact.updatedAt,
      });
    }
  } else {
    // Buyer mode: each contact is a person sub-customer; their first location gives addresses and terms.
    const locations = new Map(company.locations.nodes.map((l) => [l.id, l]));
    for (const contact of company.contacts.nodes) {
      const home = contact.roleAssignments.nodes.map((a) => locations.get(a.companyLocation.id)).find(Boolean);
      customers.push({
        role: 'buyer',
        gid: contact.id,
        externalId: externalIdFor(shop, contact.id),
        parentGid: company.id,
        isPerson: true,
        ...personName(contact),
        email: contact.customer.defaultEmailAddress?.emailAddress,
        phone: clip(contact.customer.defaultPhoneNumber?.phoneNumber, 32) || undefined,
        subsidiaryId: store.subsidiaryId,
        currencyCode: home?.currency,
        terms: termsWanted(home?.buyerExperienceConfiguration?.paymentTermsTemplate),
        taxExempt: home?.taxSettings.taxExempt,
        resaleNumber: clip(home?.taxSettings.taxRegistrationId, 20) || undefined,
        comments: rolesText(contact, locationNames) || undefined,
        addresses: home ? addressBook(home.billingAddress, home.shippingAddress) : [],
        shopifyUpdatedAt: contact.updatedAt,
      });
    }
  }
  return { customers, contacts };
}

/** The NetSuite term for Shopify terms: an explicit mapping, else a term of the same name, else Net N by days. */
export function matchTerms(
  wanted: TermsWanted,
  mappings: { shopifyName: string; termId: string }[],
  netsuiteTerms: { id: string; name: string; daysUntilNetDue: number | null }[],
): string | undefined {
  const name = wanted.name.trim().toLowerCase();
  const mapped = mappings.find((m) => m.shopifyName.trim().toLowerCase() === name);
  if (mapped) return mapped.termId;
  const sameName = netsuiteTerms.find((t) => t.name.trim().toLowerCase() === name);
  if (sameName) return sameName.id;
  if (wanted.type === 'NET' && wanted.dueInDays !== null) {
    const byDays = netsuiteTerms.filter((t) => t.daysUntilNetDue === wanted.dueInDays);
    if (byDays.length === 1) return byDays[0].id;
  }
  return undefined;
}
