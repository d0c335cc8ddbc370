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
import { SHOPIFY_GID_FIELDS, STORE_LINK_FIELDS } from './shopifyLinks';
import { loadCatalog } from './stores';

export const ENTITY_UPDATED_AT_FIELD = 'custentity_sb2b_updated_at';
export const CONTACT_ROLES_FIELD = 'custentity_sb2b_roles';


export interface LinkedEntity {
  id: string;
  table: 'customer' | 'contact';
  updatedAt: string;
}

function errorName(e: unknown): string {
  return String((e as { name?: unknown })?.name ?? '');
}

/** NetSuite customers and contacts linked to these gids (one SuiteQL query per table). */
export function findLinkedEntities(gids: string[]): Map<string, LinkedEntity> {
  const found = new Map<string, LinkedEntity>();
  const unique = Array.from(new Set(gids.filter(Boolean)));
  if (unique.length === 0) return found;
  for (const table of ['customer', 'contact'] as const) {
    const field = SHOPIFY_GID_FIELDS[table];
    const rows = query
      .runSuiteQL({
        query: `SELECT id, ${field} AS gid, ${ENTITY_UPDATED_AT_FIELD} AS updatedat FROM ${table} WHERE ${field} IN (${unique.map(() => '?').join(', ')})`,
        params: unique,
      })
      .asMappedResults();
    for (const row of rows) found.set(String(row.gid), { id: String(row.id), table, updatedAt: String(row.updatedat ?? '') });
  }
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

/** The NetSuite term for Shopify terms, or a retriable error telling the admin to map them. */
export function resolveTerms(wanted: TermsWanted, catalog: TermsCatalog, storeName: string): string {
  const termId = matchTerms(wanted, catalog.mappings, catalog.terms);
  if (termId) return termId;
  throw new SyncError(
    'PAYMENT_TERMS_UNMAPPED',
    `Shopify payment terms "${wanted.name}" match no NetSuite term. Add a Shopify B2B Payment Terms Mapping on store ${storeName} (Companies tab) or a NetSuite term of that name, then retry this entry.`,
    { retriable: true },
  );
}

/** Currency internal ids by ISO code (NetSuite's currency symbol), from the cached catalog. */
export function currencyIds(codes: string[]): Map<string, string> {
  const all = loadCatalog().currencies;
  return new Map(codes.filter((c) => c && all[c]).map((c) => [c, all[c]]));
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
