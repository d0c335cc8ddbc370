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
import { planCompany } from '../sync/companies/companyPlan';
import type { ShopifyCompany } from '../sync/companies/types';
import { COMPANY_TOPIC } from '../sync/intake/envelope';
import { currencyIds, findLinkedEntities, loadTermsCatalog, resolveTerms, upsertContact, upsertCustomer, type TermsCatalog } from '../netsuite/customers';

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
}

/** Brings one company into NetSuite; `force` writes even when NetSuite is up to date. */
export function syncCompany(company: ShopifyCompany, store: StoreConfig, force = false): SyncedCompany {
  const plan = planCompany(company, store);
  const gids = [...plan.customers.map((c) => c.gid), ...plan.contacts.map((c) => c.gid)];
  const linked = findLinkedEntities(gids);
  const ids = new Map<string, string>();
  linked.forEach((entity, gid) => ids.set(gid, entity.id));
  let catalog: TermsCatalog | undefined;
  const currencies = currencyIds(plan.customers.map((c) => c.currencyCode ?? ''));
  const result: SyncedCompany = { ids, created: 0, updated: 0 };
  // NetSuite masters companies on this store: create what orders need, never overwrite.
  const mayUpdate = store.companyMaster === 'shopify';

  for (const customer of plan.customers) {
    const existing = linked.get(customer.gid);
    if (existing && (!mayUpdate || (!force && existing.updatedAt === customer.shopifyUpdatedAt))) continue;
    let termsId: string | undefined;
    if (customer.terms) {
      catalog ??= loadTermsCatalog(store.id);
      termsId = resolveTerms(customer.terms, catalog, store.name);
    }
    const parentId = customer.parentGid ? ids.get(customer.parentGid) : undefined;
    if (customer.parentGid && !parentId) throw new SyncError('PARENT_NOT_SYNCED', `The parent customer of ${customer.gid} is missing.`, { retriable: true });
    const id = upsertCustomer(customer, existing, {
      storeId: store.id,
      storeName: store.name,
      parentId,
      termsId,
      currencyId: customer.currencyCode ? currencies.get(customer.currencyCode) : undefined,
    });
    ids.set(customer.gid, id);
    if (existing) result.updated++;
    else result.created++;
  }
  const companyId = ids.get(company.id)!;
  for (const contact of plan.contacts) {
    const existing = linked.get(contact.gid);
    if (existing && (!mayUpdate || (!force && existing.updatedAt === contact.shopifyUpdatedAt))) continue;
    ids.set(contact.gid, upsertContact(contact, existing, ids.get(contact.customerGid) ?? companyId, store.id));
    if (existing) result.updated++;
    else result.created++;
  }
  return result;
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
    if (synced.created + synced.updated === 0) return { type: 'succeeded', note: `${company.name}: NetSuite already up to date` };
    return { type: 'succeeded', note: `${company.name}: ${synced.created} record(s) created, ${synced.updated} updated (customer ${synced.ids.get(company.id)})` };
  },
};
