import { addressBook, matchTerms, planCompany } from '../../../../src/sync/companies/companyPlan';
import { company, companyLocation, storeConfig } from '../../../support/fixtures';

describe('a Shopify company as NetSuite customers and contacts', () => {
  it('makes the company a parent customer and each location a sub-customer with its terms, tax and addresses', () => {
    const plan = planCompany(company(), storeConfig());
    expect(plan.customers.map((c) => [c.role, c.gid, c.parentGid, c.companyName, c.isPerson])).toEqual([
      ['company', 'gid://shopify/Company/1', undefined, 'Acme Corp', false],
      ['location', 'gid://shopify/CompanyLocation/11', 'gid://shopify/Company/1', 'Acme HQ', false],
      ['location', 'gid://shopify/CompanyLocation/12', 'gid://shopify/Company/1', 'Acme Warehouse', false],
    ]);
    expect(plan.customers[1]).toMatchObject({
      externalId: 'sb2b:acme-b2b.myshopify.com:CompanyLocation/11',
      currencyCode: 'USD',
      subsidiaryId: '1',
      terms: { name: 'Net 30', type: 'NET', dueInDays: 30 },
      taxExempt: false,
      addresses: [{ label: 'Billing and shipping', defaultBilling: true, defaultShipping: true, address: { addr1: '11 Main St', state: 'IL', country: 'US', addressee: 'Acme Corp', attention: 'Ada Buyer' } }],
    });
  });

  it('keeps contacts on the company with their roles at each location', () => {
    const plan = planCompany(company(), storeConfig());
    expect(plan.contacts).toEqual([
      expect.objectContaining({ gid: 'gid://shopify/CompanyContact/21', firstName: 'Ada', lastName: 'Buyer', email: 'ada@acme.com', customerGid: 'gid://shopify/Company/1', roles: 'Ordering only at Acme HQ; Location admin at Acme Warehouse', locationGids: ['gid://shopify/CompanyLocation/11', 'gid://shopify/CompanyLocation/12'], moreRoles: false, isMainContact: true }),
      expect.objectContaining({ gid: 'gid://shopify/CompanyContact/22', roles: 'Ordering only at Acme Warehouse', locationGids: ['gid://shopify/CompanyLocation/12'], isMainContact: false }),
    ]);
  });

  it('in buyer mode makes each buyer a person sub-customer, with the addresses and terms of their location', () => {
    const plan = planCompany(company(), storeConfig({ hierarchyMode: 'buyerSubCustomers' }));
    expect(plan.contacts).toEqual([]);
    expect(plan.customers.slice(1).map((c) => [c.role, c.gid, c.isPerson, c.firstName, c.lastName, c.addresses[0]?.address.addr1])).toEqual([
      ['buyer', 'gid://shopify/CompanyContact/21', true, 'Ada', 'Buyer', '11 Main St'],
      ['buyer', 'gid://shopify/CompanyContact/22', true, 'Bob', 'Clerk', '12 Main St'],
    ]);
  });

  it('keeps a tax-exempt location exempt, with its registration as resale number', () => {
    const exempt = company({ locations: { nodes: [companyLocation(11, 'HQ', { taxSettings: { taxExempt: true, taxRegistrationId: 'RS-123', taxExemptions: [] } })], pageInfo: { hasNextPage: false, endCursor: null } } });
    expect(planCompany(exempt, storeConfig()).customers[1]).toMatchObject({ taxExempt: true, resaleNumber: 'RS-123' });
  });

  it('writes separate billing and shipping entries when they differ', () => {
    const location = companyLocation(11, 'HQ');
    const entries = addressBook(location.billingAddress, { ...location.shippingAddress!, address1: '1 Dock Rd' });
    expect(entries.map((e) => [e.label, e.defaultBilling, e.defaultShipping, e.address.addr1])).toEqual([
      ['Billing', true, false, '11 Main St'],
      ['Shipping', false, true, '1 Dock Rd'],
    ]);
  });

  it('refuses to plan from a partial read', () => {
    expect(() => planCompany(company({ contacts: { nodes: [], pageInfo: { hasNextPage: true, endCursor: 'c' } } }), storeConfig())).toThrow('read every page first');
  });
});

describe('matching Shopify payment terms to NetSuite terms', () => {
  const terms = [
    { id: '1', name: 'Net 15', daysUntilNetDue: 15 },
    { id: '2', name: 'Net 30 days', daysUntilNetDue: 30 },
    { id: '3', name: 'Due on receipt', daysUntilNetDue: 0 },
  ];
  it('uses the store mapping first, then the same name, then Net N by days', () => {
    expect(matchTerms({ name: 'Net 15', type: 'NET', dueInDays: 15 }, [{ shopifyName: 'net 15', termId: '9' }], terms)).toBe('9');
    expect(matchTerms({ name: 'Due on receipt', type: 'RECEIPT', dueInDays: null }, [], terms)).toBe('3');
    expect(matchTerms({ name: 'Net 30', type: 'NET', dueInDays: 30 }, [], terms)).toBe('2');
    expect(matchTerms({ name: 'Due on fulfillment', type: 'FULFILLMENT', dueInDays: null }, [], terms)).toBeUndefined();
  });
});
