/**
 * Customers and B2B companies: companies, company locations (billing/shipping addresses, buyer
 * experience with payment terms, tax settings), contacts (each backed by a customer) and roles.
 * User errors use the messages and codes captured from Shopify (BusinessCustomerUserError).
 */
import { userError, type UserError } from '../errors';
import { idOf } from '../gid';
import type { ShopState } from './shop';
import type { Address, Company, CompanyAddress, CompanyContact, CompanyLocation, Customer, RoleAssignment } from './types';

// ---- customers --------------------------------------------------------------------------------

export interface CustomerInput {
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  phone?: string | null;
  note?: string | null;
  tags?: string[] | null;
  taxExempt?: boolean | null;
  address?: Address | null;
}

export function customerByEmail(shop: ShopState, email: string): Customer | undefined {
  const id = shop.customerIdByEmail.get(email.toLowerCase());
  return id === undefined ? undefined : shop.customers.get(id);
}

/** Creates a customer, or updates the one with the same email. */
export function upsertCustomer(shop: ShopState, input: CustomerInput): Customer {
  const now = shop.now();
  let customer = input.email ? customerByEmail(shop, input.email) : undefined;
  const created = !customer;
  customer ??= { id: shop.allocateId(), email: null, firstName: null, lastName: null, phone: null, note: null, tags: [], taxExempt: false, defaultAddress: null, createdAt: now, updatedAt: now };
  if (input.firstName !== undefined && input.firstName !== null) customer.firstName = input.firstName;
  if (input.lastName !== undefined && input.lastName !== null) customer.lastName = input.lastName;
  if (input.phone !== undefined && input.phone !== null) customer.phone = input.phone;
  if (input.note !== undefined && input.note !== null) customer.note = input.note;
  if (input.tags) customer.tags = [...input.tags];
  if (input.taxExempt !== undefined && input.taxExempt !== null) customer.taxExempt = input.taxExempt;
  if (input.address) customer.defaultAddress = input.address;
  customer.updatedAt = now;
  if (created) {
    shop.customers.set(customer.id, customer);
    shop.setCustomerEmail(customer, input.email ?? null);
  }
  shop.emit({ topic: created ? 'customers/create' : 'customers/update', resource: { type: 'Customer', id: customer.id } });
  return customer;
}

export function customerDisplayName(customer: Customer): string {
  const name = [customer.firstName, customer.lastName].filter(Boolean).join(' ');
  return name || customer.email || customer.phone || '';
}

// ---- input shapes -----------------------------------------------------------------------------

export interface CompanyInput {
  name?: string | null;
  externalId?: string | null;
  note?: string | null;
  customerSince?: string | null;
}

export interface CompanyContactInput {
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  phone?: string | null;
  title?: string | null;
  locale?: string | null;
}

export interface CompanyAddressInput {
  address1?: string | null;
  address2?: string | null;
  city?: string | null;
  zip?: string | null;
  countryCode?: string | null;
  zoneCode?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  phone?: string | null;
  recipient?: string | null;
}

export interface BuyerExperienceInput {
  checkoutToDraft?: boolean | null;
  editableShippingAddress?: boolean | null;
  paymentTermsTemplateId?: string | null;
  deposit?: { percentage?: number | null } | null;
}

export interface CompanyLocationInput {
  name?: string | null;
  externalId?: string | null;
  phone?: string | null;
  locale?: string | null;
  note?: string | null;
  billingAddress?: CompanyAddressInput | null;
  shippingAddress?: CompanyAddressInput | null;
  billingSameAsShipping?: boolean | null;
  buyerExperienceConfiguration?: BuyerExperienceInput | null;
  taxExempt?: boolean | null;
  taxExemptions?: string[] | null;
  taxRegistrationId?: string | null;
}

// ---- validation -------------------------------------------------------------------------------

const EXTERNAL_ID_PATTERN = /^[A-Za-z0-9!@#$%^&*(){}[\]\\/?<>_\-~,.;:'`" ]*$/;

function checkExternalId(value: string | null | undefined, field: (string | number)[], taken: boolean, errors: UserError[]): void {
  if (value === undefined || value === null) return;
  if (value.length > 64) errors.push(userError(field, 'External Id must be 64 characters or less.', 'TOO_LONG'));
  else if (!EXTERNAL_ID_PATTERN.test(value)) errors.push(userError(field, "External Id can only contain numbers, letters, and some special characters, including !@#$%^&*(){}[]\\/?<>_-~,.;:'`\"", 'INVALID'));
  else if (taken) errors.push(userError(field, 'External id has already been taken.', 'TAKEN'));
}

function checkName(value: string | null | undefined, field: (string | number)[], required: boolean, errors: UserError[]): void {
  if (value === undefined) {
    if (required) errors.push(userError(field, "Name can't be blank", 'BLANK'));
    return;
  }
  if (value === null) errors.push(userError(field, 'Name is of unexpected type NilClass', 'UNEXPECTED_TYPE'));
  else if (!value.trim()) errors.push(userError(field, "Name can't be blank", 'BLANK'));
  else if (value.length > 255) errors.push(userError(field, 'Name is too long (maximum is 255 characters)', 'TOO_LONG'));
}

function companyExternalIdTaken(shop: ShopState, externalId: string | null | undefined, exceptId?: number): boolean {
  if (!externalId) return false;
  for (const c of shop.companies.values()) if (c.externalId === externalId && c.id !== exceptId) return true;
  return false;
}

function locationExternalIdTaken(shop: ShopState, externalId: string | null | undefined, exceptId?: number): boolean {
  if (!externalId) return false;
  for (const l of shop.companyLocations.values()) if (l.externalId === externalId && l.id !== exceptId) return true;
  return false;
}

function templateId(shop: ShopState, value: string | null | undefined, field: (string | number)[], errors: UserError[]): number | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  const id = idOf(value, 'PaymentTermsTemplate');
  if (id === undefined || !shop.paymentTermsTemplates.some((t) => t.id === id)) {
    errors.push(userError(field, 'Payment terms template does not exist.', 'RESOURCE_NOT_FOUND'));
    return undefined;
  }
  return id;
}

function contactInputValid(input: CompanyContactInput, field: (string | number)[], errors: UserError[]): void {
  if (!input.email) errors.push(userError(field, 'Either the attribute email or customer_id must be provided', 'INVALID'));
}

// ---- companies ----------------------------------------------------------------------------------

function createRoles(shop: ShopState, company: Company): void {
  for (const name of ['Location admin', 'Ordering only']) {
    const role = { id: shop.allocateId(), companyId: company.id, name, note: null };
    shop.companyContactRoles.set(role.id, role);
    company.roleIds.push(role.id);
  }
}

export function defaultRole(shop: ShopState, company: Company) {
  return company.roleIds.map((id) => shop.companyContactRoles.get(id)!).find((r) => r.name === 'Ordering only') ?? null;
}

function touchCompany(shop: ShopState, company: Company, emit = true): void {
  company.updatedAt = shop.now();
  if (emit) shop.emit({ topic: 'companies/update', resource: { type: 'Company', id: company.id } });
}

export interface CompanyCreateResult {
  company: Company | null;
  userErrors: UserError[];
}

export function companyCreate(shop: ShopState, input: { company: CompanyInput; companyContact?: CompanyContactInput | null; companyLocation?: CompanyLocationInput | null }): CompanyCreateResult {
  const errors: UserError[] = [];
  checkName(input.company.name, ['input', 'company', 'name'], true, errors);
  checkExternalId(input.company.externalId, ['input', 'company', 'externalId'], companyExternalIdTaken(shop, input.company.externalId), errors);
  if (input.company.note && input.company.note.length > 5000) errors.push(userError(['input', 'company', 'notes'], 'Notes is too long (maximum is 5000 characters)', 'TOO_LONG'));
  if (input.companyContact) contactInputValid(input.companyContact, ['input', 'companyContact'], errors);
  if (input.companyLocation) validateLocationInput(shop, input.companyLocation, ['input', 'companyLocation'], errors, undefined);
  if (errors.length) return { company: null, userErrors: errors };

  const now = shop.now();
  const company: Company = {
    id: shop.allocateId(),
    name: input.company.name!.trim(),
    externalId: input.company.externalId ?? null,
    note: input.company.note ?? null,
    customerSince: input.company.customerSince ? Date.parse(input.company.customerSince) : now,
    mainContactId: null,
    contactIds: [],
    locationIds: [],
    roleIds: [],
    createdAt: now,
    updatedAt: now,
  };
  shop.companies.set(company.id, company);
  createRoles(shop, company);
  // The company is announced once whole (its main contact set), then its location and contact.
  const contact = input.companyContact ? addContact(shop, company, input.companyContact, false) : undefined;
  if (contact) company.mainContactId = contact.id;
  shop.emit({ topic: 'companies/create', resource: { type: 'Company', id: company.id } });
  // Shopify creates a location named after the company when none is given.
  const location = addLocation(shop, company, input.companyLocation ?? { name: company.name });
  if (contact) {
    shop.emit({ topic: 'company_contacts/create', resource: { type: 'CompanyContact', id: contact.id } });
    assignRole(shop, contact, roleNamed(shop, company, 'Location admin'), location);
  }
  return { company, userErrors: [] };
}

function roleNamed(shop: ShopState, company: Company, name: string) {
  return company.roleIds.map((id) => shop.companyContactRoles.get(id)!).find((r) => r.name === name)!;
}

export function companyUpdate(shop: ShopState, companyGid: string, input: CompanyInput): CompanyCreateResult {
  const company = shop.companies.get(idOf(companyGid, 'Company') ?? -1);
  const errors: UserError[] = [];
  if (!company) return { company: null, userErrors: [userError(['companyId'], 'Resource requested does not exist.', 'RESOURCE_NOT_FOUND')] };
  if (Object.keys(input).length === 0) return { company: null, userErrors: [userError(['input'], 'At least one attribute to change must be present', 'INVALID')] };
  if (input.name !== undefined) checkName(input.name, ['input', 'name'], false, errors);
  checkExternalId(input.externalId, ['input', 'externalId'], companyExternalIdTaken(shop, input.externalId, company.id), errors);
  if (input.note && input.note.length > 5000) errors.push(userError(['input', 'notes'], 'Notes is too long (maximum is 5000 characters)', 'TOO_LONG'));
  if (input.customerSince !== undefined) errors.push(userError(['input', 'customerSince'], 'This field may only be set on creation.', 'INVALID_INPUT'));
  if (errors.length) return { company: null, userErrors: errors };
  if (input.name) company.name = input.name.trim();
  if (input.externalId !== undefined) company.externalId = input.externalId;
  if (input.note !== undefined) company.note = input.note;
  touchCompany(shop, company);
  return { company, userErrors: [] };
}

// ---- locations ----------------------------------------------------------------------------------

function validateLocationInput(shop: ShopState, input: CompanyLocationInput, field: (string | number)[], errors: UserError[], exceptId: number | undefined): void {
  if (input.name !== undefined) checkName(input.name, [...field, 'name'], false, errors);
  checkExternalId(input.externalId, [...field, 'externalId'], locationExternalIdTaken(shop, input.externalId, exceptId), errors);
  templateId(shop, input.buyerExperienceConfiguration?.paymentTermsTemplateId, [...field, 'buyerExperienceConfiguration', 'paymentTermsTemplateId'], errors);
  for (const key of ['billingAddress', 'shippingAddress'] as const) {
    const address = input[key];
    if (address && !address.countryCode) errors.push(userError([...field, key, 'countryCode'], "Country code can't be blank", 'BLANK'));
  }
}

function makeAddress(shop: ShopState, input: CompanyAddressInput): CompanyAddress {
  const now = shop.now();
  return {
    id: shop.allocateId(),
    address1: input.address1 ?? '',
    address2: input.address2 ?? null,
    city: input.city ?? null,
    zip: input.zip ?? null,
    countryCode: input.countryCode ?? 'US',
    zoneCode: input.zoneCode ?? null,
    firstName: input.firstName ?? null,
    lastName: input.lastName ?? null,
    phone: input.phone ?? null,
    recipient: input.recipient ?? null,
    createdAt: now,
    updatedAt: now,
  };
}

function addLocation(shop: ShopState, company: Company, input: CompanyLocationInput): CompanyLocation {
  const now = shop.now();
  const errors: UserError[] = [];
  const location: CompanyLocation = {
    id: shop.allocateId(),
    companyId: company.id,
    name: input.name?.trim() || company.name,
    externalId: input.externalId ?? null,
    phone: input.phone ?? null,
    locale: input.locale ?? 'en',
    note: input.note ?? null,
    currency: shop.currencyCode,
    billingAddressId: null,
    shippingAddressId: null,
    buyerExperience: {
      checkoutToDraft: input.buyerExperienceConfiguration?.checkoutToDraft ?? false,
      editableShippingAddress: input.buyerExperienceConfiguration?.editableShippingAddress ?? false,
      paymentTermsTemplateId: templateId(shop, input.buyerExperienceConfiguration?.paymentTermsTemplateId, [], errors) ?? null,
      depositPercentage: input.buyerExperienceConfiguration?.deposit?.percentage ?? null,
    },
    taxExempt: input.taxExempt ?? false,
    taxExemptions: input.taxExemptions ?? [],
    taxRegistrationId: input.taxRegistrationId ?? null,
    createdAt: now,
    updatedAt: now,
  };
  if (input.shippingAddress) {
    const address = makeAddress(shop, input.shippingAddress);
    shop.companyAddresses.set(address.id, address);
    location.shippingAddressId = address.id;
  }
  if (input.billingSameAsShipping && location.shippingAddressId) {
    location.billingAddressId = location.shippingAddressId;
  } else if (input.billingAddress) {
    const address = makeAddress(shop, input.billingAddress);
    shop.companyAddresses.set(address.id, address);
    location.billingAddressId = address.id;
  }
  shop.companyLocations.set(location.id, location);
  company.locationIds.push(location.id);
  shop.emit({ topic: 'company_locations/create', resource: { type: 'CompanyLocation', id: location.id } });
  return location;
}

export interface LocationResult {
  companyLocation: CompanyLocation | null;
  userErrors: UserError[];
}

export function companyLocationCreate(shop: ShopState, companyGid: string, input: CompanyLocationInput): LocationResult {
  const company = shop.companies.get(idOf(companyGid, 'Company') ?? -1);
  if (!company) return { companyLocation: null, userErrors: [userError(['companyId'], 'Resource requested does not exist.', 'RESOURCE_NOT_FOUND')] };
  if (Object.keys(input).length === 0) return { companyLocation: null, userErrors: [userError(null, 'Company location create input is empty.', 'NO_INPUT')] };
  const errors: UserError[] = [];
  checkName(input.name, ['input', 'name'], false, errors);
  validateLocationInput(shop, { ...input, name: undefined }, ['input'], errors, undefined);
  if (errors.length) return { companyLocation: null, userErrors: errors };
  const location = addLocation(shop, company, input);
  touchCompany(shop, company, false);
  return { companyLocation: location, userErrors: [] };
}

export function companyLocationUpdate(shop: ShopState, locationGid: string, input: Omit<CompanyLocationInput, 'billingAddress' | 'shippingAddress' | 'billingSameAsShipping' | 'taxExempt' | 'taxExemptions' | 'taxRegistrationId'>): LocationResult {
  const location = shop.companyLocations.get(idOf(locationGid, 'CompanyLocation') ?? -1);
  if (!location) return { companyLocation: null, userErrors: [userError(['companyLocationId'], "The company location doesn't exist", 'RESOURCE_NOT_FOUND')] };
  if (Object.keys(input).length === 0) return { companyLocation: null, userErrors: [userError(null, 'Company location update input is empty.', 'NO_INPUT')] };
  const errors: UserError[] = [];
  validateLocationInput(shop, input, ['input'], errors, location.id);
  if (errors.length) return { companyLocation: null, userErrors: errors };
  if (input.name) location.name = input.name.trim();
  if (input.externalId !== undefined) location.externalId = input.externalId;
  if (input.phone !== undefined) location.phone = input.phone;
  if (input.locale !== undefined && input.locale !== null) location.locale = input.locale;
  if (input.note !== undefined) location.note = input.note;
  const bx = input.buyerExperienceConfiguration;
  if (bx) {
    if (bx.checkoutToDraft !== undefined && bx.checkoutToDraft !== null) location.buyerExperience.checkoutToDraft = bx.checkoutToDraft;
    if (bx.editableShippingAddress !== undefined && bx.editableShippingAddress !== null) location.buyerExperience.editableShippingAddress = bx.editableShippingAddress;
    if (bx.paymentTermsTemplateId !== undefined) location.buyerExperience.paymentTermsTemplateId = templateId(shop, bx.paymentTermsTemplateId, [], []) ?? null;
    if (bx.deposit !== undefined) location.buyerExperience.depositPercentage = bx.deposit?.percentage ?? null;
  }
  touchLocation(shop, location);
  return { companyLocation: location, userErrors: [] };
}

function touchLocation(shop: ShopState, location: CompanyLocation): void {
  location.updatedAt = shop.now();
  shop.emit({ topic: 'company_locations/update', resource: { type: 'CompanyLocation', id: location.id } });
}

export function companyLocationAssignAddress(shop: ShopState, locationGid: string, address: CompanyAddressInput, types: ('BILLING' | 'SHIPPING')[]): { addresses: CompanyAddress[] | null; userErrors: UserError[] } {
  const location = shop.companyLocations.get(idOf(locationGid, 'CompanyLocation') ?? -1);
  if (!location) return { addresses: null, userErrors: [userError(['locationId'], "The company location doesn't exist", 'RESOURCE_NOT_FOUND')] };
  if (types.length === 0) return { addresses: null, userErrors: [userError(['addressTypes'], 'Address types must be provided', 'INVALID_INPUT')] };
  if (!address.countryCode) return { addresses: null, userErrors: [userError(['address', 'countryCode'], "Country code can't be blank", 'BLANK')] };
  const out: CompanyAddress[] = [];
  const now = shop.now();
  for (const type of [...new Set(types)]) {
    const key = type === 'BILLING' ? 'billingAddressId' : 'shippingAddressId';
    const shared = location.billingAddressId !== null && location.billingAddressId === location.shippingAddressId;
    const existing = location[key] !== null && !shared ? shop.companyAddresses.get(location[key]!) : undefined;
    if (existing) {
      // Assigning keeps the address id and updates it in place.
      Object.assign(existing, { ...makeAddress(shop, address), id: existing.id, createdAt: existing.createdAt, updatedAt: now });
      out.push(existing);
    } else {
      const created = makeAddress(shop, address);
      shop.companyAddresses.set(created.id, created);
      location[key] = created.id;
      out.push(created);
    }
  }
  touchLocation(shop, location);
  return { addresses: out, userErrors: [] };
}

export function companyLocationTaxSettingsUpdate(
  shop: ShopState,
  locationGid: string,
  args: { taxExempt?: boolean | null; taxRegistrationId?: string | null; exemptionsToAssign?: string[] | null; exemptionsToRemove?: string[] | null },
): LocationResult {
  const location = shop.companyLocations.get(idOf(locationGid, 'CompanyLocation') ?? -1);
  if (!location) return { companyLocation: null, userErrors: [userError(['companyLocationId'], "The company location doesn't exist", 'RESOURCE_NOT_FOUND')] };
  if (args.taxExempt !== undefined && args.taxExempt !== null) location.taxExempt = args.taxExempt;
  if (args.taxRegistrationId !== undefined) location.taxRegistrationId = args.taxRegistrationId;
  const set = new Set(location.taxExemptions);
  for (const e of args.exemptionsToAssign ?? []) set.add(e);
  for (const e of args.exemptionsToRemove ?? []) set.delete(e);
  location.taxExemptions = [...set];
  touchLocation(shop, location);
  return { companyLocation: location, userErrors: [] };
}

// ---- contacts and roles -------------------------------------------------------------------------

function addContact(shop: ShopState, company: Company, input: CompanyContactInput, announce = true): CompanyContact {
  const customer = upsertCustomer(shop, { email: input.email, firstName: input.firstName, lastName: input.lastName, phone: input.phone });
  const now = shop.now();
  const contact: CompanyContact = { id: shop.allocateId(), companyId: company.id, customerId: customer.id, title: input.title ?? null, locale: input.locale ?? 'en', createdAt: now, updatedAt: now };
  shop.companyContacts.set(contact.id, contact);
  company.contactIds.push(contact.id);
  if (announce) shop.emit({ topic: 'company_contacts/create', resource: { type: 'CompanyContact', id: contact.id } });
  return contact;
}

export interface ContactResult {
  companyContact: CompanyContact | null;
  userErrors: UserError[];
}

export function companyContactCreate(shop: ShopState, companyGid: string, input: CompanyContactInput): ContactResult {
  const company = shop.companies.get(idOf(companyGid, 'Company') ?? -1);
  if (!company) return { companyContact: null, userErrors: [userError(['companyId'], 'Resource requested does not exist.', 'RESOURCE_NOT_FOUND')] };
  if (Object.keys(input).length === 0) return { companyContact: null, userErrors: [userError(null, 'Company contact create input is empty.', 'NO_INPUT')] };
  const errors: UserError[] = [];
  contactInputValid(input, ['input'], errors);
  if (input.email) {
    const existing = customerByEmail(shop, input.email);
    if (existing && [...shop.companyContacts.values()].some((c) => c.customerId === existing.id && c.companyId === company.id)) {
      errors.push(userError(['input', 'email'], 'Email address has already been taken.', 'TAKEN'));
    }
  }
  if (errors.length) return { companyContact: null, userErrors: errors };
  const contact = addContact(shop, company, input);
  touchCompany(shop, company, false);
  return { companyContact: contact, userErrors: [] };
}

export function companyContactUpdate(shop: ShopState, contactGid: string, input: CompanyContactInput): ContactResult {
  const contact = shop.companyContacts.get(idOf(contactGid, 'CompanyContact') ?? -1);
  if (!contact) return { companyContact: null, userErrors: [userError(['companyContactId'], 'Resource requested does not exist.', 'RESOURCE_NOT_FOUND')] };
  if (Object.keys(input).length === 0) return { companyContact: null, userErrors: [userError(null, 'Company contact update input is empty.', 'NO_INPUT')] };
  const customer = shop.customers.get(contact.customerId)!;
  const now = shop.now();
  if (input.email !== undefined && input.email !== null) shop.setCustomerEmail(customer, input.email);
  if (input.firstName !== undefined && input.firstName !== null) customer.firstName = input.firstName;
  if (input.lastName !== undefined && input.lastName !== null) customer.lastName = input.lastName;
  if (input.phone !== undefined && input.phone !== null) customer.phone = input.phone;
  customer.updatedAt = now;
  if (input.title !== undefined) contact.title = input.title;
  if (input.locale !== undefined && input.locale !== null) contact.locale = input.locale;
  contact.updatedAt = now;
  shop.emit({ topic: 'company_contacts/update', resource: { type: 'CompanyContact', id: contact.id } });
  return { companyContact: contact, userErrors: [] };
}

export function assignRole(shop: ShopState, contact: CompanyContact, role: { id: number }, location: CompanyLocation): RoleAssignment {
  for (const a of shop.roleAssignments.values()) if (a.contactId === contact.id && a.locationId === location.id) shop.roleAssignments.delete(a.id);
  const now = shop.now();
  const assignment: RoleAssignment = { id: shop.allocateId(), contactId: contact.id, roleId: role.id, locationId: location.id, createdAt: now, updatedAt: now };
  shop.roleAssignments.set(assignment.id, assignment);
  return assignment;
}

export function companyContactAssignRole(shop: ShopState, contactGid: string, roleGid: string, locationGid: string): { roleAssignment: RoleAssignment | null; userErrors: UserError[] } {
  const contact = shop.companyContacts.get(idOf(contactGid, 'CompanyContact') ?? -1);
  const role = shop.companyContactRoles.get(idOf(roleGid, 'CompanyContactRole') ?? -1);
  const location = shop.companyLocations.get(idOf(locationGid, 'CompanyLocation') ?? -1);
  const errors: UserError[] = [];
  if (!contact) errors.push(userError(['companyContactId'], 'Resource requested does not exist.', 'RESOURCE_NOT_FOUND'));
  if (!role) errors.push(userError(['companyContactRoleId'], 'Resource requested does not exist.', 'RESOURCE_NOT_FOUND'));
  if (!location) errors.push(userError(['companyLocationId'], "The company location doesn't exist", 'RESOURCE_NOT_FOUND'));
  if (errors.length || !contact || !role || !location) return { roleAssignment: null, userErrors: errors };
  if (role.companyId !== contact.companyId || location.companyId !== contact.companyId) {
    return { roleAssignment: null, userErrors: [userError(['companyContactRoleId'], 'The role, contact and location must belong to the same company.', 'INVALID')] };
  }
  const assignment = assignRole(shop, contact, role, location);
  contact.updatedAt = shop.now();
  shop.emit({ topic: 'company_contact_roles/assign', resource: { type: 'CompanyContact', id: contact.id } });
  return { roleAssignment: assignment, userErrors: [] };
}

/** companyContactRevokeRole: removes one role assignment of a contact (webhook company_contact_roles/revoke). */
export function companyContactRevokeRole(shop: ShopState, contactGid: string, assignmentGid: string): { revokedId: string | null; userErrors: UserError[] } {
  const contact = shop.companyContacts.get(idOf(contactGid, 'CompanyContact') ?? -1);
  if (!contact) return { revokedId: null, userErrors: [userError(['companyContactId'], 'Resource requested does not exist.', 'RESOURCE_NOT_FOUND')] };
  const assignment = shop.roleAssignments.get(idOf(assignmentGid, 'CompanyContactRoleAssignment') ?? -1);
  if (!assignment || assignment.contactId !== contact.id) {
    return { revokedId: null, userErrors: [userError(['companyContactRoleAssignmentId'], 'Resource requested does not exist.', 'RESOURCE_NOT_FOUND')] };
  }
  shop.roleAssignments.delete(assignment.id);
  contact.updatedAt = shop.now();
  shop.emit({ topic: 'company_contact_roles/revoke', resource: { type: 'CompanyContact', id: contact.id } });
  return { revokedId: assignmentGid, userErrors: [] };
}

export function companyAssignMainContact(shop: ShopState, companyGid: string, contactGid: string): CompanyCreateResult {
  const company = shop.companies.get(idOf(companyGid, 'Company') ?? -1);
  if (!company) return { company: null, userErrors: [userError(['companyId'], 'Resource requested does not exist.', 'RESOURCE_NOT_FOUND')] };
  const contact = shop.companyContacts.get(idOf(contactGid, 'CompanyContact') ?? -1);
  if (!contact || contact.companyId !== company.id) return { company: null, userErrors: [userError(['companyContactId'], 'Resource requested does not exist.', 'RESOURCE_NOT_FOUND')] };
  company.mainContactId = contact.id;
  touchCompany(shop, company);
  return { company, userErrors: [] };
}

export function companyAddressAsAddress(shop: ShopState, address: CompanyAddress | undefined, companyName: string): Address | null {
  if (!address) return null;
  void shop;
  return {
    firstName: address.firstName,
    lastName: address.lastName,
    company: companyName,
    address1: address.address1,
    address2: address.address2,
    city: address.city,
    province: address.zoneCode,
    provinceCode: address.zoneCode,
    country: address.countryCode,
    countryCode: address.countryCode,
    zip: address.zip,
    phone: address.phone,
  };
}
