/**
 * Customers and contacts for Shopify companies: found by their Shopify gid, created or updated from a
 * CompanyPlan. Records created from Shopify carry an external id from the shop and the gid, so a
 * second creation (two runs at once, a crash between save and queue update) is refused by NetSuite
 * and read as "already there".
 */
import * as query from 'N/query';
import * as record from 'N/record';
import type { ContactPlan, CustomerPlan, PlannedAddressBookEntry, TermsWanted } from '../sync/companies/companyPlan';
import { matchTerms } from '../sync/companies/companyPlan';
import { SyncError } from '../core/errors';
import { gidNumber } from '../shopify/gid';
import { LOCATION_GID_FIELD } from './companyCustomers';
import { SHOPIFY_GID_FIELDS, STORE_LINK_FIELDS } from './shopifyLinks';
import { loadCatalog } from './stores';

export const ENTITY_UPDATED_AT_FIELD = 'custentity_sb2b_updated_at';
export const CONTACT_ROLES_FIELD = 'custentity_sb2b_roles';


export interface LinkedEntity {
  id: string;
  table: 'customer' | 'contact';
  updatedAt: string;
  /** A contact's Shopify roles as last written (a role given or taken may not change the contact's updatedAt). */
  roles?: string;
  /** The customers a contact is attached to (its company among them), from companycontactrelationship. */
  attachedTo?: string[];
}

function errorName(e: unknown): string {
  return String((e as { name?: unknown })?.name ?? '');
}

/**
 * NetSuite customers and contacts linked to these gids, with the customers each contact is attached
 * to, in one SuiteQL query (10 units). A company customer NetSuite pushed without sub-customers
 * stands for its Shopify location itself: its location gid field links it too.
 */
export function findLinkedEntities(gids: string[]): Map<string, LinkedEntity> {
  const found = new Map<string, LinkedEntity>();
  const unique = Array.from(new Set(gids.filter(Boolean)));
  if (unique.length === 0) return found;
  const marks = unique.map(() => '?').join(', ');
  const rows = query
    .runSuiteQL({
      query: `SELECT 'customer' AS tbl, id, ${SHOPIFY_GID_FIELDS.customer} AS gid, ${ENTITY_UPDATED_AT_FIELD} AS updatedat, NULL AS roles FROM customer WHERE ${SHOPIFY_GID_FIELDS.customer} IN (${marks})
              UNION ALL
              SELECT 'customer' AS tbl, id, ${LOCATION_GID_FIELD} AS gid, ${ENTITY_UPDATED_AT_FIELD} AS updatedat, NULL AS roles FROM customer WHERE ${LOCATION_GID_FIELD} IN (${marks})
              UNION ALL
              SELECT 'contact' AS tbl, id, ${SHOPIFY_GID_FIELDS.contact} AS gid, ${ENTITY_UPDATED_AT_FIELD} AS updatedat, ${CONTACT_ROLES_FIELD} AS roles FROM contact WHERE ${SHOPIFY_GID_FIELDS.contact} IN (${marks})
              UNION ALL
              SELECT 'attached' AS tbl, r.company AS id, c.${SHOPIFY_GID_FIELDS.contact} AS gid, NULL AS updatedat, NULL AS roles FROM companycontactrelationship r JOIN contact c ON c.id = r.contact WHERE c.${SHOPIFY_GID_FIELDS.contact} IN (${marks})`,
      params: [...unique, ...unique, ...unique, ...unique],
    })
    .asMappedResults();
  const attached = new Map<string, string[]>();
  for (const row of rows) {
    if (row.tbl === 'attached') {
      attached.set(String(row.gid), [...(attached.get(String(row.gid)) ?? []), String(row.id)]);
      continue;
    }
    const table = row.tbl === 'contact' ? 'contact' : 'customer';
    found.set(String(row.gid), { id: String(row.id), table, updatedAt: String(row.updatedat ?? ''), ...(table === 'contact' ? { roles: String(row.roles ?? '') } : {}) });
  }
  for (const [gid, customerIds] of attached) {
    const contact = found.get(gid);
    if (contact?.table === 'contact') contact.attachedTo = customerIds;
  }
  return found;
}

/** Customers by internal id, with their Shopify link fields and sync time (one query). */
export function customersById(ids: string[]): Map<string, { gids: Record<string, string>; updatedAt: string }> {
  const found = new Map<string, { gids: Record<string, string>; updatedAt: string }>();
  const unique = Array.from(new Set(ids));
  if (unique.length === 0) return found;
  query
    .runSuiteQL({
      query: `SELECT id, ${SHOPIFY_GID_FIELDS.customer} AS gid, ${LOCATION_GID_FIELD} AS locationgid, ${ENTITY_UPDATED_AT_FIELD} AS updatedat FROM customer WHERE id IN (${unique.map(() => '?').join(', ')})`,
      params: unique.map(Number),
    })
    .asMappedResults()
    .forEach((r) =>
      found.set(String(r.id), {
        gids: { [SHOPIFY_GID_FIELDS.customer]: String(r.gid ?? ''), [LOCATION_GID_FIELD]: String(r.locationgid ?? '') },
        updatedAt: String(r.updatedat ?? ''),
      }),
    );
  return found;
}

/** The store's terms mappings and NetSuite's terms (from the cached catalog: 1 unit). */
export interface TermsCatalog {
  mappings: { shopifyName: string; termId: string }[];
  terms: { id: string; name: string; daysUntilNetDue: number | null }[];
}

export function loadTermsCatalog(storeId: string): TermsCatalog {
  const catalog = loadCatalog();
  return { mappings: catalog.termsMappings[storeId] ?? [], terms: catalog.terms };
}

/** Terms and the store's mappings read now, not from the cache: an admin may just have added one. */
function freshTermsCatalog(storeId: string): TermsCatalog {
  const rows = query
    .runSuiteQL({
      query: `SELECT 'term' AS kind, id, name, daysuntilnetdue AS days FROM term WHERE isinactive = 'F'
              UNION ALL
              SELECT 'map' AS kind, custrecord_sb2b_tm_term AS id, custrecord_sb2b_tm_shopify_name AS name, NULL AS days
              FROM customrecord_sb2b_terms_map WHERE isinactive = 'F' AND custrecord_sb2b_tm_store = ?`,
      params: [Number(storeId)],
    })
    .asMappedResults();
  return {
    terms: rows.filter((r) => r.kind === 'term').map((r) => ({ id: String(r.id), name: String(r.name ?? ''), daysUntilNetDue: r.days === null || r.days === undefined || r.days === '' ? null : Number(r.days) })),
    mappings: rows.filter((r) => r.kind === 'map').map((r) => ({ shopifyName: String(r.name ?? ''), termId: String(r.id ?? '') })),
  };
}

/**
 * Resolves Shopify terms to NetSuite terms for one store, from the cached catalog; on a miss it
 * reads the terms once more fresh (10 units), so a term or mapping the admin just added is found.
 * Throws a retriable error telling the admin what to add when nothing matches.
 */
export function termsResolver(storeId: string, storeName: string): (wanted: TermsWanted) => string {
  let catalog: TermsCatalog | undefined;
  let fresh = false;
  return (wanted) => {
    catalog ??= loadTermsCatalog(storeId);
    let termId = matchTerms(wanted, catalog.mappings, catalog.terms);
    if (!termId && !fresh) {
      catalog = freshTermsCatalog(storeId);
      fresh = true;
      termId = matchTerms(wanted, catalog.mappings, catalog.terms);
    }
    if (termId) return termId;
    throw new SyncError(
      'PAYMENT_TERMS_UNMAPPED',
      `Shopify payment terms "${wanted.name}" match no NetSuite term. Add a Shopify B2B Payment Terms Mapping on store ${storeName} (Companies tab) or a NetSuite term of that name, then retry this entry.`,
      { retriable: true },
    );
  };
}

/** Currency internal ids by ISO code (NetSuite's currency symbol), from the cached catalog, missing ones read fresh. */
export function currencyIds(codes: string[]): Map<string, string> {
  const all = loadCatalog().currencies;
  const wanted = Array.from(new Set(codes.filter(Boolean)));
  const ids = new Map(wanted.filter((c) => all[c]).map((c) => [c, all[c]]));
  const missing = wanted.filter((c) => !ids.has(c));
  if (missing.length > 0) {
    query
      .runSuiteQL({ query: `SELECT id, symbol FROM currency WHERE isinactive = 'F' AND symbol IN (${missing.map(() => '?').join(', ')})`, params: missing })
      .asMappedResults()
      .forEach((r) => ids.set(String(r.symbol), String(r.id)));
  }
  return ids;
}

/** The error for a Shopify currency NetSuite does not have. */
export function currencyUnknown(code: string, where: string): SyncError {
  return new SyncError('CURRENCY_UNKNOWN', `${where} uses currency ${code}, which is not a NetSuite currency (no currency with symbol ${code}). Add it (Lists > Accounting > Currencies), then retry this entry.`, { retriable: true });
}

function setAddressBook(rec: record.Record, entries: PlannedAddressBookEntry[]) {
  const sublistId = 'addressbook';
  for (let line = rec.getLineCount({ sublistId }) - 1; line >= 0; line--) rec.removeLine({ sublistId, line });
  entries.forEach((entry, line) => {
    rec.insertLine({ sublistId, line });
    rec.setSublistValue({ sublistId, fieldId: 'label', line, value: entry.label });
    rec.setSublistValue({ sublistId, fieldId: 'defaultbilling', line, value: entry.defaultBilling });
    rec.setSublistValue({ sublistId, fieldId: 'defaultshipping', line, value: entry.defaultShipping });
    const address = rec.getSublistSubrecord({ sublistId, fieldId: 'addressbookaddress', line });
    for (const [fieldId, value] of Object.entries(entry.address)) if (value) address.setValue({ fieldId, value });
  });
}

export interface CustomerWriteContext {
  storeId: string;
  storeName: string;
  parentId?: string;
  termsId?: string;
  currencyId?: string;
}

/** Creates or updates the customer for a plan; returns its internal id. */
export function upsertCustomer(plan: CustomerPlan, existing: LinkedEntity | undefined, context: CustomerWriteContext): string {
  const rec = existing ? record.load({ type: record.Type.CUSTOMER, id: existing.id }) : record.create({ type: record.Type.CUSTOMER });
  const set = (fieldId: string, value: string | boolean | number | undefined) => {
    if (value !== undefined) rec.setValue({ fieldId, value });
  };
  if (!existing) {
    set('externalid', plan.externalId);
    set('isperson', plan.isPerson ? 'T' : 'F');
    if (context.parentId) set('parent', context.parentId);
    set('subsidiary', plan.subsidiaryId);
  }
  if (plan.isPerson) {
    set('firstname', plan.firstName);
    set('lastname', plan.lastName);
  } else {
    set('companyname', plan.companyName);
  }
  set('email', plan.email);
  set('phone', plan.phone);
  set('comments', plan.comments);
  set('terms', context.termsId);
  if (!existing) set('currency', context.currencyId);
  if (plan.taxExempt !== undefined) set('taxable', !plan.taxExempt);
  set('resalenumber', plan.resaleNumber);
  set(SHOPIFY_GID_FIELDS.customer, plan.gid);
  set(STORE_LINK_FIELDS.entity, context.storeId);
  set(ENTITY_UPDATED_AT_FIELD, plan.shopifyUpdatedAt);
  if (plan.addresses.length > 0) setAddressBook(rec, plan.addresses);
  const name = plan.isPerson ? [plan.firstName, plan.lastName].filter(Boolean).join(' ') : plan.companyName ?? '';
  if (!existing) set('entityid', name.slice(0, 83));
  try {
    return String(rec.save({ ignoreMandatoryFields: false }));
  } catch (e) {
    if (errorName(e) === 'DUP_RCRD' && !existing) {
      const again = findLinkedEntities([plan.gid]).get(plan.gid);
      if (again) return again.id; // another run created it a moment ago
    }
    if (errorName(e) === 'DUP_ENTITY' && !existing) {
      // Another customer already has this name: keep the name, make the id unique with Shopify's number.
      rec.setValue({ fieldId: 'entityid', value: `${name.slice(0, 70)} (${gidNumber(plan.gid)})` });
      return String(rec.save());
    }
    throw e;
  }
}

/** Creates or updates a contact attached to a company customer; returns its internal id. */
export function upsertContact(plan: ContactPlan, existing: LinkedEntity | undefined, companyId: string, storeId: string): string {
  const rec = existing ? record.load({ type: record.Type.CONTACT, id: existing.id }) : record.create({ type: record.Type.CONTACT });
  const set = (fieldId: string, value: string | boolean | undefined) => {
    if (value !== undefined) rec.setValue({ fieldId, value });
  };
  if (!existing) {
    set('externalid', plan.externalId);
    set('company', companyId);
  }
  set('firstname', plan.firstName);
  set('lastname', plan.lastName);
  set('email', plan.email);
  set('phone', plan.phone);
  set('title', plan.title);
  set(CONTACT_ROLES_FIELD, plan.roles);
  set(SHOPIFY_GID_FIELDS.contact, plan.gid);
  set(STORE_LINK_FIELDS.entity, storeId);
  set(ENTITY_UPDATED_AT_FIELD, plan.shopifyUpdatedAt);
  try {
    return String(rec.save());
  } catch (e) {
    if (errorName(e) === 'DUP_RCRD' && !existing) {
      const again = findLinkedEntities([plan.gid]).get(plan.gid);
      if (again) return again.id;
    }
    throw e;
  }
}

/**
 * Attaches a contact to a customer (10 units), without a NetSuite contact role: Shopify's roles
 * (Ordering only, Location admin, or the merchant's own) have no counterpart in NetSuite's contact
 * role list, so they stay as text on the contact.
 */
export function attachContact(contactId: string, customerId: string): void {
  record.attach({ record: { type: record.Type.CONTACT, id: contactId }, to: { type: record.Type.CUSTOMER, id: customerId } });
}

/** Detaches a contact from a customer (10 units). */
export function detachContact(contactId: string, customerId: string): void {
  record.detach({ record: { type: record.Type.CONTACT, id: contactId }, from: { type: record.Type.CUSTOMER, id: customerId } });
}
