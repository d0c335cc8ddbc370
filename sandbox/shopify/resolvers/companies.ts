/** Customers and B2B companies: views and root fields. */
import { gid, idOf } from '../gid';
import {
  companyAssignMainContact,
  companyContactAssignRole,
  companyContactRevokeRole,
  companyContactCreate,
  companyContactUpdate,
  companyCreate,
  companyLocationAssignAddress,
  companyLocationCreate,
  companyLocationTaxSettingsUpdate,
  companyLocationUpdate,
  companyUpdate,
  customerDisplayName,
  defaultRole,
} from '../models/companies';
import type { Company, CompanyAddress, CompanyContact, CompanyContactRole, CompanyLocation, Customer, PaymentTermsTemplate, RoleAssignment } from '../models/types';
import { orderTotals } from '../models/orders';
import { sum } from '../money';
import { arraySource, sortedSource, type PageArgs } from '../pagination';
import type { SearchField } from '../search';
import { count, countryName, isoTime, listConnection, mailingAddress, moneyV2, searchConnection, type RequestContext, type View } from './common';
import { ordersConnectionFor } from './orders';

export function customerView(ctx: RequestContext, customer: Customer): View {
  return {
    __typename: 'Customer',
    id: gid('Customer', customer.id),
    legacyResourceId: String(customer.id),
    email: customer.email,
    firstName: customer.firstName,
    lastName: customer.lastName,
    displayName: customerDisplayName(customer),
    phone: customer.phone,
    note: customer.note,
    tags: customer.tags,
    taxExempt: customer.taxExempt,
    state: 'ENABLED',
    verifiedEmail: true,
    createdAt: isoTime(customer.createdAt),
    updatedAt: isoTime(customer.updatedAt),
    defaultAddress: mailingAddress(customer.defaultAddress, customer.id),
    defaultEmailAddress: customer.email ? { __typename: 'CustomerEmailAddress', emailAddress: customer.email, marketingState: 'NOT_SUBSCRIBED' } : null,
    defaultPhoneNumber: customer.phone ? { __typename: 'CustomerPhoneNumber', phoneNumber: customer.phone, marketingState: 'NOT_SUBSCRIBED' } : null,
    companyContactProfiles: () => [...ctx.shop.companyContacts.values()].filter((c) => c.customerId === customer.id).map((c) => contactView(ctx, c)),
    numberOfOrders: () => String([...ctx.shop.orders.values()].filter((o) => o.customerId === customer.id).length),
  };
}

export function paymentTermsTemplateView(template: PaymentTermsTemplate): View {
  return { ...template, __typename: 'PaymentTermsTemplate', id: gid('PaymentTermsTemplate', template.id) };
}

function addressView(ctx: RequestContext, address: CompanyAddress | undefined, companyName: string): View | null {
  if (!address) return null;
  void ctx;
  const area = [address.city, address.zoneCode, address.zip].filter(Boolean).join(' ');
  return {
    __typename: 'CompanyAddress',
    id: gid('CompanyAddress', address.id),
    address1: address.address1,
    address2: address.address2,
    city: address.city,
    zip: address.zip,
    countryCode: address.countryCode,
    country: countryName(address.countryCode),
    province: address.zoneCode,
    zoneCode: address.zoneCode,
    firstName: address.firstName,
    lastName: address.lastName,
    phone: address.phone,
    recipient: address.recipient,
    companyName,
    createdAt: isoTime(address.createdAt),
    updatedAt: isoTime(address.updatedAt),
    formattedArea: [address.city, address.zoneCode, countryName(address.countryCode)].filter(Boolean).join(', '),
    formattedAddress: (args: { withName?: boolean; withCompanyName?: boolean }) =>
      [args.withCompanyName ? companyName : null, args.withName ? [address.firstName, address.lastName].filter(Boolean).join(' ') || null : null, address.address1, address.address2, area || null, countryName(address.countryCode)].filter(Boolean),
  };
}

export function companyView(ctx: RequestContext, company: Company): View {
  const shop = ctx.shop;
  const orders = () => [...shop.orders.values()].filter((o) => o.purchasingCompany?.companyId === company.id);
  return {
    __typename: 'Company',
    id: gid('Company', company.id),
    name: company.name,
    externalId: company.externalId,
    note: company.note,
    customerSince: isoTime(company.customerSince),
    createdAt: isoTime(company.createdAt),
    updatedAt: isoTime(company.updatedAt),
    lifetimeDuration: 'less than a day',
    hasTimelineComment: false,
    mainContact: () => (company.mainContactId !== null ? contactView(ctx, shop.companyContacts.get(company.mainContactId)!) : null),
    contacts: (args: PageArgs) => listConnection(company.contactIds.map((id) => shop.companyContacts.get(id)!), args, (c) => contactView(ctx, c)),
    contactsCount: () => count(company.contactIds.length),
    contactCount: () => company.contactIds.length,
    locations: (args: PageArgs & { query?: string | null }) =>
      searchConnection(ctx, ['company', 'locations'], sortedSource(company.locationIds.map((id) => shop.companyLocations.get(id)!), (l) => l.id), args, LOCATION_FIELDS, ['name'], (l) => companyLocationView(ctx, l)),
    locationsCount: () => count(company.locationIds.length),
    contactRoles: (args: PageArgs) => listConnection(company.roleIds.map((id) => shop.companyContactRoles.get(id)!), args, (r) => roleView(r)),
    defaultRole: () => {
      const role = defaultRole(shop, company);
      return role ? roleView(role) : null;
    },
    orders: (args: PageArgs & { sortKey?: string }) => ordersConnectionFor(ctx, orders(), args),
    ordersCount: () => count(orders().length),
    totalSpent: () => moneyV2(sum(orders().map((o) => orderTotals(o, true).total)), shop.currencyCode),
  };
}

function roleView(role: CompanyContactRole): View {
  return { __typename: 'CompanyContactRole', id: gid('CompanyContactRole', role.id), name: role.name, note: role.note };
}

function assignmentView(ctx: RequestContext, a: RoleAssignment): View {
  const shop = ctx.shop;
  return {
    __typename: 'CompanyContactRoleAssignment',
    id: gid('CompanyContactRoleAssignment', a.id),
    createdAt: isoTime(a.createdAt),
    updatedAt: isoTime(a.updatedAt),
    companyContact: () => contactView(ctx, shop.companyContacts.get(a.contactId)!),
    role: () => roleView(shop.companyContactRoles.get(a.roleId)!),
    companyLocation: () => companyLocationView(ctx, shop.companyLocations.get(a.locationId)!),
  };
}

export function contactView(ctx: RequestContext, contact: CompanyContact): View {
  const shop = ctx.shop;
  const company = () => shop.companies.get(contact.companyId)!;
  return {
    __typename: 'CompanyContact',
    id: gid('CompanyContact', contact.id),
    title: contact.title,
    locale: contact.locale,
    isMainContact: company().mainContactId === contact.id,
    createdAt: isoTime(contact.createdAt),
    updatedAt: isoTime(contact.updatedAt),
    lifetimeDuration: 'less than a day',
    customer: () => customerView(ctx, shop.customers.get(contact.customerId)!),
    company: () => companyView(ctx, company()),
    roleAssignments: (args: PageArgs) => listConnection([...shop.roleAssignments.values()].filter((a) => a.contactId === contact.id), args, (a) => assignmentView(ctx, a)),
    orders: (args: PageArgs & { sortKey?: string }) => ordersConnectionFor(ctx, [...shop.orders.values()].filter((o) => o.purchasingCompany?.companyContactId === contact.id), args),
  };
}

export function companyLocationView(ctx: RequestContext, location: CompanyLocation): View {
  const shop = ctx.shop;
  const company = () => shop.companies.get(location.companyId)!;
  const template = location.buyerExperience.paymentTermsTemplateId !== null ? shop.paymentTermsTemplates.find((t) => t.id === location.buyerExperience.paymentTermsTemplateId) : undefined;
  const orders = () => [...shop.orders.values()].filter((o) => o.purchasingCompany?.companyLocationId === location.id);
  const taxSettings = { __typename: 'CompanyLocationTaxSettings', taxExempt: location.taxExempt, taxExemptions: location.taxExemptions, taxRegistrationId: location.taxRegistrationId };
  return {
    __typename: 'CompanyLocation',
    id: gid('CompanyLocation', location.id),
    name: location.name,
    externalId: location.externalId,
    phone: location.phone,
    locale: location.locale,
    note: location.note,
    currency: location.currency,
    createdAt: isoTime(location.createdAt),
    updatedAt: isoTime(location.updatedAt),
    hasTimelineComment: false,
    company: () => companyView(ctx, company()),
    billingAddress: () => addressView(ctx, location.billingAddressId !== null ? shop.companyAddresses.get(location.billingAddressId) : undefined, company().name),
    shippingAddress: () => addressView(ctx, location.shippingAddressId !== null ? shop.companyAddresses.get(location.shippingAddressId) : undefined, company().name),
    buyerExperienceConfiguration: {
      __typename: 'BuyerExperienceConfiguration',
      checkoutToDraft: location.buyerExperience.checkoutToDraft,
      editableShippingAddress: location.buyerExperience.editableShippingAddress,
      payNowOnly: false,
      paymentTermsTemplate: template ? paymentTermsTemplateView(template) : null,
      deposit: location.buyerExperience.depositPercentage !== null ? { __typename: 'DepositPercentage', percentage: location.buyerExperience.depositPercentage } : null,
    },
    taxSettings,
    taxExemptions: location.taxExemptions,
    taxRegistrationId: location.taxRegistrationId,
    roleAssignments: (args: PageArgs) => listConnection([...shop.roleAssignments.values()].filter((a) => a.locationId === location.id), args, (a) => assignmentView(ctx, a)),
    orders: (args: PageArgs & { sortKey?: string }) => ordersConnectionFor(ctx, orders(), args),
    ordersCount: () => count(orders().length),
    totalSpent: () => moneyV2(sum(orders().map((o) => orderTotals(o, true).total)), shop.currencyCode),
  };
}

const COMPANY_FIELDS: Record<string, SearchField<Company>> = {
  id: { kind: 'id', get: (c) => c.id },
  name: { kind: 'text', get: (c) => c.name },
  external_id: { kind: 'exact', get: (c) => c.externalId },
  created_at: { kind: 'date', get: (c) => c.createdAt },
  updated_at: { kind: 'date', get: (c) => c.updatedAt },
  since_date: { kind: 'date', get: (c) => c.customerSince },
};

const LOCATION_FIELDS: Record<string, SearchField<CompanyLocation>> = {
  id: { kind: 'id', get: (l) => l.id },
  name: { kind: 'text', get: (l) => l.name },
  external_id: { kind: 'exact', get: (l) => l.externalId },
  company_id: { kind: 'id', get: (l) => l.companyId },
  created_at: { kind: 'date', get: (l) => l.createdAt },
  updated_at: { kind: 'date', get: (l) => l.updatedAt },
};

const CUSTOMER_FIELDS: Record<string, SearchField<Customer>> = {
  id: { kind: 'id', get: (c) => c.id },
  email: { kind: 'exact', get: (c) => c.email?.toLowerCase() },
  first_name: { kind: 'text', get: (c) => c.firstName },
  last_name: { kind: 'text', get: (c) => c.lastName },
  phone: { kind: 'exact', get: (c) => c.phone },
  tag: { kind: 'text', get: (c) => c.tags },
  updated_at: { kind: 'date', get: (c) => c.updatedAt },
  created_at: { kind: 'date', get: (c) => c.createdAt },
};

function sortSource<T extends { id: number; createdAt: number; updatedAt: number; name?: string }>(items: T[], sortKey: string | undefined) {
  switch (sortKey) {
    case 'NAME':
      return sortedSource(items, (i) => (i.name ?? '').toLowerCase());
    case 'CREATED_AT':
      return sortedSource(items, (i) => i.createdAt);
    case 'UPDATED_AT':
      return sortedSource(items, (i) => i.updatedAt);
    default:
      return arraySource(items, (i) => ({ value: i.id, id: i.id }));
  }
}

type Args = Record<string, unknown>;

export const companyQueries = {
  customer: (args: { id: string }, ctx: RequestContext) => {
    const c = ctx.shop.customers.get(idOf(args.id, 'Customer') ?? -1);
    return c ? customerView(ctx, c) : null;
  },
  customers: (args: PageArgs & { query?: string | null; sortKey?: string }, ctx: RequestContext) =>
    searchConnection(ctx, ['customers'], sortSource([...ctx.shop.customers.values()], args.sortKey), args, CUSTOMER_FIELDS, ['email', 'first_name', 'last_name'], (c) => customerView(ctx, c)),
  companies: (args: PageArgs & { query?: string | null; sortKey?: string }, ctx: RequestContext) =>
    searchConnection(ctx, ['companies'], sortSource([...ctx.shop.companies.values()], args.sortKey), args, COMPANY_FIELDS, ['name'], (c) => companyView(ctx, c)),
  companiesCount: (_args: Args, ctx: RequestContext) => count(ctx.shop.companies.size),
  company: (args: { id: string }, ctx: RequestContext) => {
    const c = ctx.shop.companies.get(idOf(args.id, 'Company') ?? -1);
    return c ? companyView(ctx, c) : null;
  },
  companyLocations: (args: PageArgs & { query?: string | null; sortKey?: string }, ctx: RequestContext) =>
    searchConnection(ctx, ['companyLocations'], sortSource([...ctx.shop.companyLocations.values()], args.sortKey), args, LOCATION_FIELDS, ['name'], (l) => companyLocationView(ctx, l)),
  companyLocation: (args: { id: string }, ctx: RequestContext) => {
    const l = ctx.shop.companyLocations.get(idOf(args.id, 'CompanyLocation') ?? -1);
    return l ? companyLocationView(ctx, l) : null;
  },
  companyContact: (args: { id: string }, ctx: RequestContext) => {
    const c = ctx.shop.companyContacts.get(idOf(args.id, 'CompanyContact') ?? -1);
    return c ? contactView(ctx, c) : null;
  },
  companyContactRole: (args: { id: string }, ctx: RequestContext) => {
    const r = ctx.shop.companyContactRoles.get(idOf(args.id, 'CompanyContactRole') ?? -1);
    return r ? roleView(r) : null;
  },
  paymentTermsTemplates: (args: { paymentTermsType?: string | null }, ctx: RequestContext) =>
    ctx.shop.paymentTermsTemplates.filter((t) => !args.paymentTermsType || t.paymentTermsType === args.paymentTermsType).map(paymentTermsTemplateView),
};

const payload = (typename: string, key: string, value: unknown, userErrors: unknown[]) => ({ __typename: typename, [key]: value, userErrors });

export const companyMutations = {
  companyCreate: (args: { input: Parameters<typeof companyCreate>[1] }, ctx: RequestContext) => {
    const r = companyCreate(ctx.shop, args.input);
    return payload('CompanyCreatePayload', 'company', r.company ? companyView(ctx, r.company) : null, r.userErrors);
  },
  companyUpdate: (args: { companyId: string; input: Parameters<typeof companyUpdate>[2] }, ctx: RequestContext) => {
    const r = companyUpdate(ctx.shop, args.companyId, args.input);
    return payload('CompanyUpdatePayload', 'company', r.company ? companyView(ctx, r.company) : null, r.userErrors);
  },
  companyLocationCreate: (args: { companyId: string; input: Parameters<typeof companyLocationCreate>[2] }, ctx: RequestContext) => {
    const r = companyLocationCreate(ctx.shop, args.companyId, args.input);
    return payload('CompanyLocationCreatePayload', 'companyLocation', r.companyLocation ? companyLocationView(ctx, r.companyLocation) : null, r.userErrors);
  },
  companyLocationUpdate: (args: { companyLocationId: string; input: Parameters<typeof companyLocationUpdate>[2] }, ctx: RequestContext) => {
    const r = companyLocationUpdate(ctx.shop, args.companyLocationId, args.input);
    return payload('CompanyLocationUpdatePayload', 'companyLocation', r.companyLocation ? companyLocationView(ctx, r.companyLocation) : null, r.userErrors);
  },
  companyLocationAssignAddress: (args: { locationId: string; address: Parameters<typeof companyLocationAssignAddress>[2]; addressTypes: ('BILLING' | 'SHIPPING')[] }, ctx: RequestContext) => {
    const r = companyLocationAssignAddress(ctx.shop, args.locationId, args.address, args.addressTypes);
    const location = ctx.shop.companyLocations.get(idOf(args.locationId, 'CompanyLocation') ?? -1);
    const name = location ? ctx.shop.companies.get(location.companyId)!.name : '';
    return payload('CompanyLocationAssignAddressPayload', 'addresses', r.addresses ? r.addresses.map((a) => addressView(ctx, a, name)) : null, r.userErrors);
  },
  companyLocationTaxSettingsUpdate: (args: { companyLocationId: string } & Parameters<typeof companyLocationTaxSettingsUpdate>[2], ctx: RequestContext) => {
    const r = companyLocationTaxSettingsUpdate(ctx.shop, args.companyLocationId, args);
    return payload('CompanyLocationTaxSettingsUpdatePayload', 'companyLocation', r.companyLocation ? companyLocationView(ctx, r.companyLocation) : null, r.userErrors);
  },
  companyContactCreate: (args: { companyId: string; input: Parameters<typeof companyContactCreate>[2] }, ctx: RequestContext) => {
    const r = companyContactCreate(ctx.shop, args.companyId, args.input);
    return payload('CompanyContactCreatePayload', 'companyContact', r.companyContact ? contactView(ctx, r.companyContact) : null, r.userErrors);
  },
  companyContactUpdate: (args: { companyContactId: string; input: Parameters<typeof companyContactUpdate>[2] }, ctx: RequestContext) => {
    const r = companyContactUpdate(ctx.shop, args.companyContactId, args.input);
    return payload('CompanyContactUpdatePayload', 'companyContact', r.companyContact ? contactView(ctx, r.companyContact) : null, r.userErrors);
  },
  companyContactAssignRole: (args: { companyContactId: string; companyContactRoleId: string; companyLocationId: string }, ctx: RequestContext) => {
    const r = companyContactAssignRole(ctx.shop, args.companyContactId, args.companyContactRoleId, args.companyLocationId);
    return payload('CompanyContactAssignRolePayload', 'companyContactRoleAssignment', r.roleAssignment ? assignmentView(ctx, r.roleAssignment) : null, r.userErrors);
  },
  companyContactRevokeRole: (args: { companyContactId: string; companyContactRoleAssignmentId: string }, ctx: RequestContext) => {
    const r = companyContactRevokeRole(ctx.shop, args.companyContactId, args.companyContactRoleAssignmentId);
    return payload('CompanyContactRevokeRolePayload', 'revokedCompanyContactRoleAssignmentId', r.revokedId, r.userErrors);
  },
  companyAssignMainContact: (args: { companyId: string; companyContactId: string }, ctx: RequestContext) => {
    const r = companyAssignMainContact(ctx.shop, args.companyId, args.companyContactId);
    return payload('CompanyAssignMainContactPayload', 'company', r.company ? companyView(ctx, r.company) : null, r.userErrors);
  },
};
