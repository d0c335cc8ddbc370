/**
 * Company push (NetSuite masters companies): a NetSuite company customer marked for Shopify, with
 * its sub-customers, reaches Shopify as a company with its locations. Shopify ids are written back
 * to the customers; a retry after a crash finds the company an earlier attempt created by its
 * external id instead of creating it twice.
 */
import type { Handler, HandlerContext } from '../core/handlers';
import { SyncError } from '../core/errors';
import {
  CompanyByExternalId,
  CompanyCreate,
  CompanyLocationAssignAddress,
  CompanyLocationCreate,
  CompanyLocationTaxSettingsUpdate,
  CompanyLocationUpdate,
  CompanyUpdate,
  PaymentTermsTemplates,
} from '../shopify/operations';
import { externalIdForCustomer, planCompanyPush, type LocationInput } from '../sync/companies/pushPlan';
import { LOCATION_GID_FIELD, readCompanyCustomer, writeCustomerGid } from '../netsuite/companyCustomers';
import { SHOPIFY_GID_FIELDS } from '../netsuite/shopifyLinks';
import { loadCatalog } from '../netsuite/stores';

export const COMPANY_PUSH_TOPIC = 'company/push';

function termsMappings(context: HandlerContext): { shopifyName: string; netsuiteName: string }[] {
  const catalog = loadCatalog();
  const names = new Map(catalog.terms.map((t) => [t.id, t.name]));
  return (catalog.termsMappings[context.store.id] ?? []).map((m) => ({ shopifyName: m.shopifyName, netsuiteName: names.get(m.termId) ?? '' }));
}

export const companyPushHandler: Handler = {
  name: 'company-push',
  direction: 'outbound',
  topics: [COMPANY_PUSH_TOPIC],
  sync: 'companies',
  maxUnits: 1000,
  exclusive: true,
  handle: (entries, context) => {
    if (context.store.companyMaster !== 'netsuite') {
      return { type: 'skipped', reason: `store ${context.store.name} takes companies from Shopify (Company master): not pushed` };
    }
    const client = context.shopify();
    const customer = readCompanyCustomer(entries[0].netsuiteId!);
    if (!customer.companyGid) {
      // An earlier attempt may have created it and failed before NetSuite recorded it.
      const found = client.request(CompanyByExternalId, { query: `external_id:'${externalIdForCustomer(customer.id)}'` }).data.companies.nodes[0];
      if (found) {
        customer.companyGid = found.id;
        writeCustomerGid(customer.id, SHOPIFY_GID_FIELDS.customer, found.id);
        const byExternalId = new Map(found.locations.nodes.map((l) => [l.externalId ?? '', l.id]));
        for (const loc of customer.subCustomers.length ? customer.subCustomers : [customer.self]) loc.locationGid ??= byExternalId.get(externalIdForCustomer(loc.id));
      }
    }
    const templates = client.request(PaymentTermsTemplates, {}).data.paymentTermsTemplates;
    const plan = planCompanyPush(customer, templates, termsMappings(context));
    const gidField = (customerId: string) => (customerId === customer.id ? LOCATION_GID_FIELD : SHOPIFY_GID_FIELDS.customer);
    let companyGid = plan.company.companyGid;
    let remaining = plan.locations;
    if (plan.company.action === 'create') {
      const [first, ...rest] = plan.locations;
      const created = client.mutate(CompanyCreate, { input: { company: plan.company.input, companyLocation: first.input } }, 'companyCreate');
      if (!created.company) throw new SyncError('COMPANY_NOT_CREATED', `Shopify created no company for customer ${customer.id}.`, { retriable: true });
      companyGid = created.company.id;
      writeCustomerGid(customer.id, SHOPIFY_GID_FIELDS.customer, companyGid);
      const firstGid = created.company.locations.nodes[0]?.id;
      if (firstGid) writeCustomerGid(first.customerId, gidField(first.customerId), firstGid);
      remaining = rest;
    } else {
      client.mutate(CompanyUpdate, { companyId: companyGid!, input: plan.company.input }, 'companyUpdate');
    }
    for (const step of remaining) {
      if (step.action === 'create') {
        const created = client.mutate(CompanyLocationCreate, { companyId: companyGid!, input: step.input }, 'companyLocationCreate');
        if (created.companyLocation) writeCustomerGid(step.customerId, gidField(step.customerId), created.companyLocation.id);
      } else {
        updateLocation(context, step.locationGid, step.input);
      }
    }
    const notes = plan.notes.length ? `; ${plan.notes.join('; ')}` : '';
    return { type: 'succeeded', note: `${customer.name} pushed as ${companyGid} with ${plan.locations.length} location(s)${notes}` };
  },
};

function updateLocation(context: HandlerContext, locationGid: string, input: LocationInput) {
  const client = context.shopify();
  client.mutate(
    CompanyLocationUpdate,
    { companyLocationId: locationGid, input: { name: input.name, externalId: input.externalId, phone: input.phone, buyerExperienceConfiguration: input.buyerExperienceConfiguration } },
    'companyLocationUpdate',
  );
  if (input.billingAddress) {
    const types: ('BILLING' | 'SHIPPING')[] = input.billingSameAsShipping ? ['BILLING', 'SHIPPING'] : ['BILLING'];
    client.mutate(CompanyLocationAssignAddress, { locationId: locationGid, address: input.billingAddress, addressTypes: types }, 'companyLocationAssignAddress');
  }
  if (input.shippingAddress) client.mutate(CompanyLocationAssignAddress, { locationId: locationGid, address: input.shippingAddress, addressTypes: ['SHIPPING'] }, 'companyLocationAssignAddress');
  client.mutate(CompanyLocationTaxSettingsUpdate, { companyLocationId: locationGid, taxExempt: input.taxExempt, taxRegistrationId: input.taxRegistrationId }, 'companyLocationTaxSettingsUpdate');
}
