/**
 * B2B companies: create and update companies, locations (addresses, payment terms, tax
 * settings), contacts and roles; find them with `query:` (external_id included). User errors
 * are the ones captured from Shopify (BusinessCustomerUserError).
 */
import { createShopifyStore } from '../../../sandbox/shopify/store';
import { acmeShop } from './fixtures';

const COMPANY_FIELDS = `id name externalId note
  mainContact { id isMainContact title customer { email firstName lastName } }
  contactRoles(first: 5) { nodes { name } }
  locations(first: 5) {
    nodes {
      id name externalId
      billingAddress { address1 city zoneCode countryCode recipient }
      shippingAddress { address1 city zoneCode countryCode recipient }
      buyerExperienceConfiguration { checkoutToDraft paymentTermsTemplate { id name dueInDays paymentTermsType } }
      taxSettings { taxExempt taxRegistrationId taxExemptions }
      roleAssignments(first: 5) { nodes { role { name } companyContact { id } } }
    }
  }`;

describe('companies', () => {
  it('creates a company with its contact and location in one call, as companyCreate does', async () => {
    const store = createShopifyStore({ shops: [acmeShop({ companies: [] })] });
    const res = await store.graphql({
      query: `mutation C($input: CompanyCreateInput!) { companyCreate(input: $input) { company { ${COMPANY_FIELDS} } userErrors { field message code } } }`,
      variables: {
        input: {
          company: { name: 'Initech', externalId: 'NS-CUST-2002', note: 'Net 30 account' },
          companyContact: { email: 'bill@initech.example', firstName: 'Bill', lastName: 'Lumbergh', title: 'VP' },
          companyLocation: {
            name: 'Initech Austin',
            externalId: 'NS-ADDR-20',
            shippingAddress: { address1: '4120 Freidrich Ln', city: 'Austin', zoneCode: 'TX', countryCode: 'US', recipient: 'Dock 3' },
            billingSameAsShipping: true,
            buyerExperienceConfiguration: { paymentTermsTemplateId: 'gid://shopify/PaymentTermsTemplate/4', checkoutToDraft: true },
            taxExempt: true,
            taxRegistrationId: 'TX-123',
          },
        },
      },
    });
    const { company, userErrors } = res.body.data.companyCreate;
    expect(userErrors).toEqual([]);
    expect(company).toMatchObject({
      name: 'Initech',
      externalId: 'NS-CUST-2002',
      mainContact: { isMainContact: true, title: 'VP', customer: { email: 'bill@initech.example', firstName: 'Bill', lastName: 'Lumbergh' } },
      contactRoles: { nodes: [{ name: 'Location admin' }, { name: 'Ordering only' }] },
    });
    const location = company.locations.nodes[0];
    expect(location).toMatchObject({
      name: 'Initech Austin',
      externalId: 'NS-ADDR-20',
      shippingAddress: { address1: '4120 Freidrich Ln', city: 'Austin', zoneCode: 'TX', countryCode: 'US', recipient: 'Dock 3' },
      billingAddress: { address1: '4120 Freidrich Ln' },
      buyerExperienceConfiguration: { checkoutToDraft: true, paymentTermsTemplate: { id: 'gid://shopify/PaymentTermsTemplate/4', name: 'Net 30', dueInDays: 30, paymentTermsType: 'NET' } },
      taxSettings: { taxExempt: true, taxRegistrationId: 'TX-123', taxExemptions: [] },
      roleAssignments: { nodes: [{ role: { name: 'Location admin' }, companyContact: { id: company.mainContact.id } }] },
    });
  });

  it('finds companies and locations by external id, name and id', async () => {
    const store = createShopifyStore({ shops: [acmeShop()] });
    const res = await store.graphql({
      query: `{
        byExternal: companies(first: 5, query: "external_id:NS-CUST-1001") { nodes { name } }
        byName: companies(first: 5, query: "name:Globex") { nodes { name } }
        none: companies(first: 5, query: "external_id:NS-CUST-9999") { nodes { name } }
        locations: companyLocations(first: 5, query: "external_id:NS-ADDR-2") { nodes { name company { externalId } } }
      }`,
    });
    expect(res.body.data).toEqual({
      byExternal: { nodes: [{ name: 'Globex Manufacturing' }] },
      byName: { nodes: [{ name: 'Globex Manufacturing' }] },
      none: { nodes: [] },
      locations: { nodes: [{ name: 'Globex Shelbyville', company: { externalId: 'NS-CUST-1001' } }] },
    });
  });

  it('reads one company, one location and the payment terms templates', async () => {
    const store = createShopifyStore({ shops: [acmeShop()] });
    const companyId = (await store.graphql({ query: '{ companies(first: 1) { nodes { id locations(first: 1) { nodes { id } } } } }' })).body.data.companies.nodes[0];
    const res = await store.graphql({
      query: 'query R($c: ID!, $l: ID!) { company(id: $c) { name } companyLocation(id: $l) { name company { name } } paymentTermsTemplates(paymentTermsType: NET) { name dueInDays } missing: company(id: "gid://shopify/Company/1") { id } }',
      variables: { c: companyId.id, l: companyId.locations.nodes[0].id },
    });
    expect(res.body.data.company).toEqual({ name: 'Globex Manufacturing' });
    expect(res.body.data.companyLocation).toEqual({ name: 'Globex Springfield', company: { name: 'Globex Manufacturing' } });
    expect(res.body.data.paymentTermsTemplates.map((t: { name: string }) => t.name)).toEqual(['Net 7', 'Net 15', 'Net 30', 'Net 45', 'Net 60', 'Net 90']);
    expect(res.body.data.missing).toBeNull();
  });

  it('updates a company, a location, its addresses and its tax settings', async () => {
    const store = createShopifyStore({ shops: [acmeShop()] });
    const found = (await store.graphql({ query: '{ companies(first: 1) { nodes { id locations(first: 1) { nodes { id } } } } }' })).body.data.companies.nodes[0];
    const locationId = found.locations.nodes[0].id;
    const res = await store.graphql({
      query: `mutation U($c: ID!, $l: ID!) {
        companyUpdate(companyId: $c, input: { name: "Globex Corp", note: "renamed" }) { company { name note } userErrors { code } }
        companyLocationUpdate(companyLocationId: $l, input: { name: "Globex Springfield Plant", buyerExperienceConfiguration: { paymentTermsTemplateId: "gid://shopify/PaymentTermsTemplate/2" } }) {
          companyLocation { name buyerExperienceConfiguration { paymentTermsTemplate { name } } } userErrors { code }
        }
        companyLocationAssignAddress(locationId: $l, addressTypes: [BILLING], address: { address1: "PO Box 9", city: "Springfield", zoneCode: "IL", countryCode: US }) { addresses { address1 } userErrors { code } }
        companyLocationTaxSettingsUpdate(companyLocationId: $l, taxExempt: true, exemptionsToAssign: [US_IL_RESELLER_EXEMPTION]) { companyLocation { taxSettings { taxExempt taxExemptions } } userErrors { code } }
      }`,
      variables: { c: found.id, l: locationId },
    });
    expect(res.body.data).toEqual({
      companyUpdate: { company: { name: 'Globex Corp', note: 'renamed' }, userErrors: [] },
      companyLocationUpdate: { companyLocation: { name: 'Globex Springfield Plant', buyerExperienceConfiguration: { paymentTermsTemplate: { name: 'Net 7' } } }, userErrors: [] },
      companyLocationAssignAddress: { addresses: [{ address1: 'PO Box 9' }], userErrors: [] },
      companyLocationTaxSettingsUpdate: { companyLocation: { taxSettings: { taxExempt: true, taxExemptions: ['US_IL_RESELLER_EXEMPTION'] } }, userErrors: [] },
    });
    // The billing address was split from the shared one; shipping keeps its address
    const after = await store.graphql({ query: 'query L($l: ID!) { companyLocation(id: $l) { billingAddress { address1 } shippingAddress { address1 } } }', variables: { l: locationId } });
    expect(after.body.data.companyLocation).toEqual({ billingAddress: { address1: 'PO Box 9' }, shippingAddress: { address1: '742 Evergreen Terrace' } });
  });

  it('adds contacts and assigns roles', async () => {
    const store = createShopifyStore({ shops: [acmeShop()] });
    const company = (await store.graphql({ query: '{ companies(first: 1) { nodes { id contactRoles(first: 5) { nodes { id name } } locations(first: 1) { nodes { id } } } } }' })).body.data.companies.nodes[0];
    const created = await store.graphql({
      query: 'mutation A($c: ID!) { companyContactCreate(companyId: $c, input: { email: "ops@globex.example", firstName: "Omar", title: "Ops" }) { companyContact { id isMainContact customer { email } } userErrors { code } } }',
      variables: { c: company.id },
    });
    const contact = created.body.data.companyContactCreate.companyContact;
    expect(contact).toMatchObject({ isMainContact: false, customer: { email: 'ops@globex.example' } });
    const role = company.contactRoles.nodes.find((r: { name: string }) => r.name === 'Ordering only');
    const assigned = await store.graphql({
      query: 'mutation R($c: ID!, $r: ID!, $l: ID!) { companyContactAssignRole(companyContactId: $c, companyContactRoleId: $r, companyLocationId: $l) { companyContactRoleAssignment { role { name } companyLocation { id } } userErrors { code } } companyContactUpdate(companyContactId: $c, input: { title: "Operations" }) { companyContact { title } userErrors { code } } }',
      variables: { c: contact.id, r: role.id, l: company.locations.nodes[0].id },
    });
    expect(assigned.body.data).toEqual({
      companyContactAssignRole: { companyContactRoleAssignment: { role: { name: 'Ordering only' }, companyLocation: { id: company.locations.nodes[0].id } }, userErrors: [] },
      companyContactUpdate: { companyContact: { title: 'Operations' }, userErrors: [] },
    });
  });

  it('revokes a role assignment (companyContactRevokeRole), and refuses one it does not know', async () => {
    const store = createShopifyStore({ shops: [acmeShop()] });
    const company = (await store.graphql({ query: '{ companies(first: 1) { nodes { id contactRoles(first: 5) { nodes { id name } } locations(first: 1) { nodes { id } } } } }' })).body.data.companies.nodes[0];
    const contactId = (await store.graphql({ query: 'mutation A($c: ID!) { companyContactCreate(companyId: $c, input: { email: "rev@globex.example" }) { companyContact { id } } }', variables: { c: company.id } })).body.data.companyContactCreate.companyContact.id;
    const assigned = await store.graphql({
      query: 'mutation R($c: ID!, $r: ID!, $l: ID!) { companyContactAssignRole(companyContactId: $c, companyContactRoleId: $r, companyLocationId: $l) { companyContactRoleAssignment { id } } }',
      variables: { c: contactId, r: company.contactRoles.nodes[0].id, l: company.locations.nodes[0].id },
    });
    const assignmentId = assigned.body.data.companyContactAssignRole.companyContactRoleAssignment.id;
    const revoke = (id: string) =>
      store.graphql({ query: 'mutation V($c: ID!, $a: ID!) { companyContactRevokeRole(companyContactId: $c, companyContactRoleAssignmentId: $a) { revokedCompanyContactRoleAssignmentId userErrors { field message code } } }', variables: { c: contactId, a: id } });
    expect((await revoke(assignmentId)).body.data.companyContactRevokeRole).toEqual({ revokedCompanyContactRoleAssignmentId: assignmentId, userErrors: [] });
    const after = await store.graphql({ query: 'query C($c: ID!) { companyContact(id: $c) { roleAssignments(first: 5) { nodes { id } } } }', variables: { c: contactId } });
    expect(after.body.data.companyContact.roleAssignments.nodes).toEqual([]);
    expect((await revoke(assignmentId)).body.data.companyContactRevokeRole).toEqual({
      revokedCompanyContactRoleAssignmentId: null,
      userErrors: [{ field: ['companyContactRoleAssignmentId'], message: 'Resource requested does not exist.', code: 'RESOURCE_NOT_FOUND' }],
    });
  });

  it('reports Shopify\'s user errors (captured messages and codes)', async () => {
    const store = createShopifyStore({ shops: [acmeShop()] });
    const create = (input: Record<string, unknown>) =>
      store.graphql({ query: 'mutation C($input: CompanyCreateInput!) { companyCreate(input: $input) { company { id } userErrors { field message code } } }', variables: { input } }).then((r) => r.body.data.companyCreate.userErrors);
    expect(await create({ company: { name: 'Dup', externalId: 'NS-CUST-1001' } })).toEqual([{ field: ['input', 'company', 'externalId'], message: 'External id has already been taken.', code: 'TAKEN' }]);
    expect(await create({ company: { name: '' } })).toEqual([{ field: ['input', 'company', 'name'], message: "Name can't be blank", code: 'BLANK' }]);
    expect(await create({ company: { name: 'x', externalId: 'x'.repeat(65) } })).toEqual([{ field: ['input', 'company', 'externalId'], message: 'External Id must be 64 characters or less.', code: 'TOO_LONG' }]);
    expect(await create({ company: { name: 'x' }, companyContact: { firstName: 'No email' } })).toEqual([{ field: ['input', 'companyContact'], message: 'Either the attribute email or customer_id must be provided', code: 'INVALID' }]);
    const unknown = await store.graphql({ query: 'mutation { companyUpdate(companyId: "gid://shopify/Company/1", input: { name: "x" }) { company { id } userErrors { field message code } } companyLocationUpdate(companyLocationId: "gid://shopify/CompanyLocation/1", input: { name: "x" }) { companyLocation { id } userErrors { field message code } } }' });
    expect(unknown.body.data).toEqual({
      companyUpdate: { company: null, userErrors: [{ field: ['companyId'], message: 'Resource requested does not exist.', code: 'RESOURCE_NOT_FOUND' }] },
      companyLocationUpdate: { companyLocation: null, userErrors: [{ field: ['companyLocationId'], message: "The company location doesn't exist", code: 'RESOURCE_NOT_FOUND' }] },
    });
  });
});
