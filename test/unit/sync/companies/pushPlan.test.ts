import { planCompanyPush, templateFor, type NetSuiteCompanyCustomer } from '../../../../src/sync/companies/pushPlan';

const templates = [
  { id: 'gid://shopify/PaymentTermsTemplate/1', name: 'Due on receipt', paymentTermsType: 'RECEIPT', dueInDays: null },
  { id: 'gid://shopify/PaymentTermsTemplate/4', name: 'Net 30', paymentTermsType: 'NET', dueInDays: 30 },
];
const address = { addressee: 'Acme Corp', attention: 'Ada Buyer', addr1: '1 Main St', addr2: '', city: 'Springfield', state: 'IL', zip: '62701', country: 'US', addrphone: '' };

function customer(overrides: Partial<NetSuiteCompanyCustomer> = {}): NetSuiteCompanyCustomer {
  return { id: '300', name: 'Acme Corp', self: { id: '300', name: 'Acme Corp', taxExempt: false, billing: address, shipping: address, termsName: 'Net 30 days' }, subCustomers: [], ...overrides };
}

describe('pushing a NetSuite company customer to Shopify', () => {
  it('creates the company with the customer as its one location when it has no sub-customers', () => {
    const plan = planCompanyPush(customer(), templates, []);
    expect(plan.company).toEqual({ action: 'create', companyGid: undefined, input: { name: 'Acme Corp', externalId: 'netsuite-customer-300', note: undefined } });
    expect(plan.locations).toEqual([
      {
        action: 'create',
        customerId: '300',
        input: {
          name: 'Acme Corp',
          externalId: 'netsuite-customer-300',
          phone: undefined,
          billingAddress: { address1: '1 Main St', address2: undefined, city: 'Springfield', zoneCode: 'IL', zip: '62701', countryCode: 'US', phone: undefined, recipient: 'Ada Buyer' },
          shippingAddress: undefined,
          billingSameAsShipping: true,
          taxExempt: false,
          taxRegistrationId: undefined,
          buyerExperienceConfiguration: { paymentTermsTemplateId: 'gid://shopify/PaymentTermsTemplate/4' },
        },
      },
    ]);
  });

  it('makes each sub-customer a location, updating those pushed before', () => {
    const plan = planCompanyPush(
      customer({
        companyGid: 'gid://shopify/Company/9',
        subCustomers: [
          { id: '301', name: 'HQ', locationGid: 'gid://shopify/CompanyLocation/91', taxExempt: true, resaleNumber: 'RS-1', billing: address },
          { id: '302', name: 'Warehouse', taxExempt: false, termsName: 'Net 45' },
        ],
      }),
      templates,
      [],
    );
    expect(plan.company.action).toBe('update');
    expect(plan.locations.map((l) => [l.action, l.customerId, l.input.taxExempt, l.input.taxRegistrationId])).toEqual([
      ['update', '301', true, 'RS-1'],
      ['create', '302', false, undefined],
    ]);
    expect(plan.notes).toEqual(['Warehouse: NetSuite terms "Net 45" match no Shopify payment terms; the location keeps Shopify\'s', 'Warehouse: no address in NetSuite']);
  });

  it('matches terms by mapping, by name, then Net N by days', () => {
    expect(templateFor('Immediate', templates, [{ shopifyName: 'Due on receipt', netsuiteName: 'Immediate' }])?.id).toBe('gid://shopify/PaymentTermsTemplate/1');
    expect(templateFor('net 30', templates, [])?.id).toBe('gid://shopify/PaymentTermsTemplate/4');
    expect(templateFor('Net 30 days', templates, [])?.id).toBe('gid://shopify/PaymentTermsTemplate/4');
    expect(templateFor(undefined, templates, [])).toBeUndefined();
  });
});
