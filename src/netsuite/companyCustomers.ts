/**
 * NetSuite company customers for company push (NetSuite masters companies): the customer and its
 * sub-customers with addresses, terms and tax (5 units per record read), and the Shopify ids written
 * back (5 units per customer).
 */
import * as query from 'N/query';
import * as record from 'N/record';
import type { PlannedAddress } from '../sync/orders/salesOrderPlan';
import type { NetSuiteCompanyCustomer, NetSuiteLocationCustomer } from '../sync/companies/pushPlan';
import { SHOPIFY_GID_FIELDS } from './shopifyLinks';

/** On a company customer with no sub-customers: the Shopify location it stands for itself. */
export const LOCATION_GID_FIELD = 'custentity_sb2b_location_gid';
/** Marks a company customer for Shopify (NetSuite masters companies). */
export const PUSH_FIELD = 'custentity_sb2b_push';

const ADDRESS_FIELDS = ['addressee', 'attention', 'addr1', 'addr2', 'city', 'state', 'zip', 'country', 'addrphone'] as const;

function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

function defaultAddress(rec: record.Record, flag: 'defaultbilling' | 'defaultshipping'): PlannedAddress | undefined {
  const sublistId = 'addressbook';
  for (let line = 0; line < rec.getLineCount({ sublistId }); line++) {
    const value = rec.getSublistValue({ sublistId, fieldId: flag, line });
    if (value !== true && value !== 'T') continue;
    const sub = rec.getSublistSubrecord({ sublistId, fieldId: 'addressbookaddress', line });
    const address = {} as PlannedAddress;
    for (const field of ADDRESS_FIELDS) address[field] = text(sub.getValue({ fieldId: field }));
    return address;
  }
  return undefined;
}

function asLocation(rec: record.Record, gidField: string): NetSuiteLocationCustomer {
  const taxable = rec.getValue({ fieldId: 'taxable' });
  return {
    id: text(rec.id),
    name: text(rec.getValue({ fieldId: 'companyname' })) || text(rec.getValue({ fieldId: 'entityid' })),
    locationGid: text(rec.getValue({ fieldId: gidField })) || undefined,
    phone: text(rec.getValue({ fieldId: 'phone' })) || undefined,
    taxExempt: taxable === false || taxable === 'F',
    resaleNumber: text(rec.getValue({ fieldId: 'resalenumber' })) || undefined,
    termsName: text(rec.getText({ fieldId: 'terms' })) || undefined,
    billing: defaultAddress(rec, 'defaultbilling'),
    shipping: defaultAddress(rec, 'defaultshipping'),
  };
}

export function readCompanyCustomer(customerId: string): NetSuiteCompanyCustomer {
  const parent = record.load({ type: record.Type.CUSTOMER, id: customerId });
  const subIds = query
    .runSuiteQL({ query: `SELECT id FROM customer WHERE parent = ? AND isinactive = 'F' ORDER BY id`, params: [Number(customerId)] })
    .asMappedResults()
    .map((r) => String(r.id));
  return {
    id: customerId,
    name: text(parent.getValue({ fieldId: 'companyname' })) || text(parent.getValue({ fieldId: 'entityid' })),
    companyGid: text(parent.getValue({ fieldId: SHOPIFY_GID_FIELDS.customer })) || undefined,
    note: text(parent.getValue({ fieldId: 'comments' })) || undefined,
    self: asLocation(parent, LOCATION_GID_FIELD),
    subCustomers: subIds.map((id) => asLocation(record.load({ type: record.Type.CUSTOMER, id }), SHOPIFY_GID_FIELDS.customer)),
  };
}

export function writeCustomerGid(customerId: string, fieldId: string, gid: string): void {
  record.submitFields({ type: record.Type.CUSTOMER, id: customerId, values: { [fieldId]: gid }, options: { enableSourcing: false, ignoreMandatoryFields: true } });
}
