/**
 * Company sync: a Shopify company, re-read from the Admin API, becomes (or updates) its parent
 * customer, sub-customers and contacts. Records whose Shopify object has not changed since the last
 * sync are left alone, so a burst of company webhooks costs one read and few writes.
 */
import type { Handler } from '../core/handlers';
import { SyncError } from '../core/errors';
import type { StoreConfig } from '../core/storeConfig';
import type { ShopifyClient } from '../shopify/client';
import { CompanyContactsPage, CompanyForSync, CompanyLocationsPage } from '../shopify/operations';
import { planCompany, type ContactPlan } from '../sync/companies/companyPlan';
import type { ShopifyCompany } from '../sync/companies/types';
import { COMPANY_TOPIC } from '../sync/intake/envelope';
import { attachContact, currencyIds, currencyUnknown, customersById, detachContact, findLinkedEntities, termsResolver, upsertContact, upsertCustomer, type LinkedEntity } from '../netsuite/customers';
import { LOCATION_GID_FIELD, writeCustomerGid } from '../netsuite/companyCustomers';
import { SHOPIFY_GID_FIELDS } from '../netsuite/shopifyLinks';

/** Reads a company with every location and contact (extra pages only for large companies). */
export function readCompany(client: ShopifyClient, gid: string): ShopifyCompany | undefined {
  const company = client.request(CompanyForSync, { id: gid }).data.company;
  if (!company) return undefined;
  let locations = company.locations;
  while (locations.pageInfo.hasNextPage) {
    const page = client.request(CompanyLocationsPage, { id: gid, after: locations.pageInfo.endCursor }).data.company?.locations;
    if (!page) break;
    locations = { nodes: [...locations.nodes, ...page.nodes], pageInfo: page.pageInfo };
  }
  let contacts = company.contacts;
  while (contacts.pageInfo.hasNextPage) {
    const page = client.request(CompanyContactsPage, { id: gid, after: contacts.pageInfo.endCursor }).data.company?.contacts;
    if (!page) break;
    contacts = { nodes: [...contacts.nodes, ...page.nodes], pageInfo: page.pageInfo };
  }
  return { ...company, locations, contacts };
}

export interface SyncedCompany {
  /** NetSuite internal ids by Shopify gid: the company, its locations (or buyers) and contacts. */
  ids: Map<string, string>;
  created: number;
  updated: number;
  /** Contacts attached to, and detached from, location sub-customers as their roles were given or taken. */
  attached: number;
  detached: number;
  /** Records whose Shopify changes were not taken because NetSuite masters companies on this store. */
  keptByNetSuite: number;
}

/** The NetSuite customer a Shopify object was pushed from (company push sets its external id so). */
function pushedFrom(externalId: string | null | undefined): string | undefined {
  return /^netsuite-customer-(\d+)$/.exec(externalId ?? '')?.[1];
}

/**
 * Links Shopify objects that company push created from NetSuite customers, when their webhook
 * arrives before the push wrote the Shopify ids back: the customer they came from is theirs, and
 * no second customer is created.
 */
function adoptPushed(company: ShopifyCompany, linked: Map<string, LinkedEntity>): void {
  const companyCustomer = pushedFrom(company.externalId);
  const candidates: { gid: string; customerId: string; field: string }[] = [];
  if (companyCustomer && !linked.has(company.id)) candidates.push({ gid: company.id, customerId: companyCustomer, field: SHOPIFY_GID_FIELDS.customer });
  for (const location of company.locations.nodes) {
    const from = pushedFrom(location.externalId);
    if (!from || linked.has(location.id)) continue;
    // A company customer without sub-customers is its own (single) location.
    candidates.push({ gid: location.id, customerId: from, field: from === companyCustomer ? LOCATION_GID_FIELD : SHOPIFY_GID_FIELDS.customer });
  }
  if (candidates.length === 0) return;
  const existing = customersById(candidates.map((c) => c.customerId));
  for (const c of candidates) {
    const customer = existing.get(c.customerId);
    if (!customer || (customer.gids[c.field] && customer.gids[c.field] !== c.gid)) continue;
    if (!customer.gids[c.field]) writeCustomerGid(c.customerId, c.field, c.gid);
    linked.set(c.gid, { id: c.customerId, table: 'customer', updatedAt: customer.updatedAt });
  }
}

/**
 * Brings one company into NetSuite; `force` writes even when NetSuite is up to date. Everything the
 * writes need (payment terms, currencies) is resolved before the first write, so a company whose
 * terms are not mapped fails whole, with nothing half-written.
 */
export function syncCompany(company: ShopifyCompany, store: StoreConfig, force = false): SyncedCompany {
  const plan = planCompany(company, store);
  const gids = [...plan.customers.map((c) => c.gid), ...plan.contacts.map((c) => c.gid)];
  const linked = findLinkedEntities(gids);
  adoptPushed(company, linked);
  const ids = new Map<string, string>();
  linked.forEach((entity, gid) => ids.set(gid, entity.id));
  const result: SyncedCompany = { ids, created: 0, updated: 0, attached: 0, detached: 0, keptByNetSuite: 0 };
  // NetSuite masters companies on this store: create what orders need, never overwrite.
  const mayUpdate = store.companyMaster === 'shopify';
  const toWrite = (gid: string, updatedAt: string, roles?: string) => {
    const existing = linked.get(gid);
    if (!existing) return true;
    const behind = force || existing.updatedAt !== updatedAt || (roles !== undefined && existing.roles !== undefined && existing.roles !== roles);
    if (!behind) return false;
    if (!mayUpdate) result.keptByNetSuite++;
    return mayUpdate;
  };
  const customers = plan.customers.filter((c) => toWrite(c.gid, c.shopifyUpdatedAt));
  const contacts = plan.contacts.filter((c) => toWrite(c.gid, c.shopifyUpdatedAt, c.roles));

  const resolveTerms = termsResolver(store.id, store.name);
  const termsIds = new Map(customers.filter((c) => c.terms).map((c) => [c.gid, resolveTerms(c.terms!)]));
  const currencies = currencyIds(customers.map((c) => c.currencyCode ?? ''));
  for (const c of customers) {
    if (c.currencyCode && !currencies.has(c.currencyCode)) throw currencyUnknown(c.currencyCode, `Shopify ${c.role} ${c.companyName ?? [c.firstName, c.lastName].filter(Boolean).join(' ')} (${c.gid})`);
  }

  for (const customer of customers) {
    const existing = linked.get(customer.gid);
    const parentId = customer.parentGid ? ids.get(customer.parentGid) : undefined;
    if (customer.parentGid && !parentId) throw new SyncError('PARENT_NOT_SYNCED', `The parent customer of ${customer.gid} is missing.`, { retriable: true });
    const id = upsertCustomer(customer, existing, {
      storeId: store.id,
      storeName: store.name,
      parentId,
      termsId: termsIds.get(customer.gid),
      currencyId: customer.currencyCode ? currencies.get(customer.currencyCode) : undefined,
    });
    ids.set(customer.gid, id);
    if (existing) result.updated++;
    else result.created++;
  }
  const companyId = ids.get(company.id)!;
  for (const contact of contacts) {
    const existing = linked.get(contact.gid);
    ids.set(contact.gid, upsertContact(contact, existing, ids.get(contact.customerGid) ?? companyId, store.id));
    if (existing) result.updated++;
    else result.created++;
  }
  if (store.hierarchyMode === 'locationSubCustomers') attachToLocations(plan.contacts, company, linked, result, mayUpdate);
  return result;
}

/**
 * Attaches each contact to the sub-customer of every location it has a role at, and detaches it from
 * this company's sub-customers where its role was revoked. The attachments NetSuite holds came with
 * the lookup, so nothing already there is repeated and no query is added; attachments to customers
 * outside this company (made by hand) are left alone. On a store where NetSuite masters companies,
 * only new contacts are attached.
 */
function attachToLocations(contacts: ContactPlan[], company: ShopifyCompany, linked: Map<string, LinkedEntity>, result: SyncedCompany, mayUpdate: boolean): void {
  const ids = result.ids;
  const companyId = ids.get(company.id);
  // A company pushed from NetSuite without sub-customers is its own location: never detach a contact from it.
  const locationCustomers = new Set(company.locations.nodes.map((l) => ids.get(l.id)).filter((id): id is string => !!id && id !== companyId));
  for (const contact of contacts) {
    const contactId = ids.get(contact.gid);
    const existing = linked.get(contact.gid);
    if (!contactId || (existing && !mayUpdate)) continue;
    const attached = new Set(existing?.attachedTo ?? []);
    const wanted = new Set(contact.locationGids.map((gid) => ids.get(gid)).filter((id): id is string => !!id && locationCustomers.has(id)));
    for (const customerId of wanted) {
      if (attached.has(customerId)) continue;
      attachContact(contactId, customerId);
      result.attached++;
    }
    for (const customerId of attached) {
      // With more roles than were read, a location not seen may still be one of them: keep it.
      if (!locationCustomers.has(customerId) || wanted.has(customerId) || contact.moreRoles) continue;
      detachContact(contactId, customerId);
      result.detached++;
    }
  }
}

export const companyHandler: Handler = {
  name: 'company',
  direction: 'inbound',
  topics: [COMPANY_TOPIC],
  sync: 'companies',
  maxUnits: 1500,
  exclusive: false,
  handle: (entries, context) => {
    const gid = entries[0].shopifyGid!;
    const company = readCompany(context.shopify(), gid);
    if (!company) return { type: 'skipped', reason: `company ${gid} no longer exists in Shopify` };
    const synced = syncCompany(company, context.store);
    const kept = synced.keptByNetSuite
      ? `Shopify's changes to ${synced.keptByNetSuite} record(s) not taken: NetSuite masters companies on store ${context.store.name}`
      : undefined;
    const written = synced.created + synced.updated > 0 ? `${synced.created} record(s) created, ${synced.updated} updated (customer ${synced.ids.get(company.id)})` : undefined;
    const attachments = synced.attached + synced.detached > 0 ? `contacts attached to ${synced.attached} location(s), detached from ${synced.detached}` : undefined;
    return { type: 'succeeded', note: `${company.name}: ${[written, attachments, kept].filter(Boolean).join('; ') || 'NetSuite already up to date'}` };
  },
};
