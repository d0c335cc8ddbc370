/**
 * Company sync through the built bundle: Shopify companies made and changed by a merchant (through
 * the Admin API, whose webhooks reach NetSuite through the relay) become NetSuite customers,
 * sub-customers and contacts, in both hierarchy modes, with addresses, payment terms (mapping
 * table, same name, Net N), tax exemption, currency and contact roles; contacts attached to the
 * sub-customers of the locations they have roles at (and detached when a role is revoked); updates
 * follow; and on a
 * store where NetSuite masters companies, flagged customers are pushed to Shopify and Shopify's
 * edits do not overwrite NetSuite.
 */
import { createWorld, type World } from '../../../sandbox/world';
import type { ShopSeed } from '../../../sandbox/shopify/seed';
import { entries, untilRunAfterDue } from '../../support/engine';
import { envelope, examplePayload, inboundEntries, nextSecond, placeOrder, postToRestlet, salesOrderFor } from './support';

interface CustomerRow {
  id: number;
  fields: Record<string, unknown>;
  sublists: Record<string, Record<string, unknown>[]>;
}

function customerByGid(world: World, gid: string): CustomerRow | undefined {
  return world.netsuite.records.list('customer').find((c) => c.fields.custentity_sb2b_gid === gid);
}

function contactByGid(world: World, gid: string) {
  return world.netsuite.records.list('contact').find((c) => c.fields.custentity_sb2b_gid === gid);
}

function termName(world: World, id: unknown): string | undefined {
  return id ? String(world.netsuite.records.get('term', Number(id))?.fields.name) : undefined;
}

/** The address book as label → the address fields that matter. */
function addresses(customer: CustomerRow) {
  return (customer.sublists.addressbook ?? []).map((line) => {
    const a = line.addressbookaddress as unknown as Record<string, unknown>;
    return { label: line.label, billing: line.defaultbilling, shipping: line.defaultshipping, addr1: a.addr1, city: a.city, state: a.state, zip: a.zip, country: a.country, addressee: a.addressee, attention: a.attention };
  });
}

async function gql<T>(world: World, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await world.shopify.graphql<T>(query, variables);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!;
}

const CREATE_COMPANY = `mutation C($input: CompanyCreateInput!) { companyCreate(input: $input) {
  company { id contactRoles(first: 5) { nodes { id name } } mainContact { id } locations(first: 5) { nodes { id name } } } userErrors { message } } }`;

interface CreatedCompany {
  id: string;
  contactRoles: { nodes: { id: string; name: string }[] };
  mainContact: { id: string };
  locations: { nodes: { id: string; name: string }[] };
}

async function createCompany(world: World, input: Record<string, unknown>): Promise<CreatedCompany> {
  const data = await gql<{ companyCreate: { company: CreatedCompany; userErrors: { message: string }[] } }>(world, CREATE_COMPANY, { input });
  if (data.companyCreate.userErrors.length) throw new Error(JSON.stringify(data.companyCreate.userErrors));
  return data.companyCreate.company;
}

async function addLocation(world: World, companyId: string, input: Record<string, unknown>): Promise<string> {
  const data = await gql<{ companyLocationCreate: { companyLocation: { id: string }; userErrors: unknown[] } }>(
    world,
    'mutation L($c: ID!, $i: CompanyLocationInput!) { companyLocationCreate(companyId: $c, input: $i) { companyLocation { id } userErrors { message } } }',
    { c: companyId, i: input },
  );
  if (data.companyLocationCreate.userErrors.length) throw new Error(JSON.stringify(data.companyLocationCreate.userErrors));
  return data.companyLocationCreate.companyLocation.id;
}

async function addContact(world: World, companyId: string, input: Record<string, unknown>): Promise<string> {
  const data = await gql<{ companyContactCreate: { companyContact: { id: string } } }>(
    world,
    'mutation A($c: ID!, $i: CompanyContactInput!) { companyContactCreate(companyId: $c, input: $i) { companyContact { id } userErrors { message } } }',
    { c: companyId, i: input },
  );
  return data.companyContactCreate.companyContact.id;
}

async function assignRole(world: World, contactId: string, roleId: string, locationId: string) {
  await gql(world, 'mutation R($c: ID!, $r: ID!, $l: ID!) { companyContactAssignRole(companyContactId: $c, companyContactRoleId: $r, companyLocationId: $l) { userErrors { message } } }', {
    c: contactId,
    r: roleId,
    l: locationId,
  });
}

const TEMPLATE = { net7: 'gid://shopify/PaymentTermsTemplate/2', net30: 'gid://shopify/PaymentTermsTemplate/4', onFulfillment: 'gid://shopify/PaymentTermsTemplate/7', fixed: 'gid://shopify/PaymentTermsTemplate/9' };

describe('companies as parent customers with a sub-customer per location (the default)', () => {
  let world: World;
  let company: CreatedCompany;
  let warehouse: string;
  let buyer: string;
  let weekTerm: number;
  let codTerm: number;

  beforeAll(async () => {
    world = await createWorld();
    // NetSuite's terms: "Net 30" (same name as Shopify's), a 7-day term under another name, and one for
    // "Due on fulfillment" that only a mapping can find.
    weekTerm = world.netsuite.records.seed('term', { name: '7 days', daysuntilnetdue: 7 });
    codTerm = world.netsuite.records.seed('term', { name: 'Cash on delivery' });
    world.netsuite.ui.create('customrecord_sb2b_terms_map', { name: 'On fulfillment', custrecord_sb2b_tm_store: world.storeId, custrecord_sb2b_tm_shopify_name: 'Due on fulfillment', custrecord_sb2b_tm_term: codTerm });
  }, 60_000);
  afterAll(() => world?.close());

  it('creates the parent customer, a sub-customer per location with its addresses, terms and tax, and the contacts with their roles', async () => {
    company = await createCompany(world, {
      company: { name: 'Wayne Enterprises', externalId: 'WAYNE-1', note: 'Pays by wire' },
      companyContact: { email: 'lucius@wayne.example', firstName: 'Lucius', lastName: 'Fox', title: 'CEO', phone: '+12125550101' },
      companyLocation: {
        name: 'Wayne Tower',
        phone: '+12125550100',
        shippingAddress: { address1: '1007 Mountain Dr', city: 'Gotham', zoneCode: 'NJ', countryCode: 'US', zip: '07001', recipient: 'Front desk' },
        billingSameAsShipping: true,
        buyerExperienceConfiguration: { paymentTermsTemplateId: TEMPLATE.net30 },
      },
    });
    warehouse = await addLocation(world, company.id, {
      name: 'Wayne Warehouse',
      billingAddress: { address1: 'PO Box 1939', city: 'Gotham', zoneCode: 'NJ', countryCode: 'US', zip: '07002' },
      shippingAddress: { address1: '9 Dock St', city: 'Gotham', zoneCode: 'NJ', countryCode: 'US', zip: '07003', recipient: 'Receiving' },
      buyerExperienceConfiguration: { paymentTermsTemplateId: TEMPLATE.net7 },
      taxExempt: true,
      taxRegistrationId: 'NJ-RESALE-77',
    });
    const lab = await addLocation(world, company.id, {
      name: 'Wayne Labs',
      shippingAddress: { address1: '1 Research Way', city: 'Gotham', zoneCode: 'NJ', countryCode: 'US', zip: '07004' },
      billingSameAsShipping: true,
      buyerExperienceConfiguration: { paymentTermsTemplateId: TEMPLATE.onFulfillment },
    });
    buyer = await addContact(world, company.id, { email: 'alfred@wayne.example', firstName: 'Alfred', lastName: 'Pennyworth', title: 'Buyer' });
    const role = (name: string) => company.contactRoles.nodes.find((r) => r.name === name)!.id;
    await assignRole(world, buyer, role('Ordering only'), warehouse);
    await assignRole(world, buyer, role('Location admin'), lab);
    await world.settle();

    const parent = customerByGid(world, company.id)!;
    expect(parent.fields).toMatchObject({ isperson: 'F', companyname: 'Wayne Enterprises', comments: 'Pays by wire', externalid: `sb2b:${world.shop}:${company.id.replace('gid://shopify/', '')}`, custentity_sb2b_store: String(world.storeId) });
    expect(parent.fields.parent).toBeUndefined();

    const tower = customerByGid(world, company.locations.nodes[0].id)!;
    expect(tower.fields).toMatchObject({ isperson: 'F', companyname: 'Wayne Tower', parent: String(parent.id), phone: '+12125550100', taxable: true, currency: '1' });
    expect(termName(world, tower.fields.terms)).toBe('Net 30'); // same name
    expect(addresses(tower)).toEqual([
      { label: 'Billing and shipping', billing: true, shipping: true, addr1: '1007 Mountain Dr', city: 'Gotham', state: 'NJ', zip: '07001', country: 'US', addressee: 'Wayne Enterprises', attention: 'Front desk' },
    ]);

    const warehouseCustomer = customerByGid(world, warehouse)!;
    expect(warehouseCustomer.fields).toMatchObject({ companyname: 'Wayne Warehouse', parent: String(parent.id), taxable: false, resalenumber: 'NJ-RESALE-77' });
    expect(Number(warehouseCustomer.fields.terms)).toBe(weekTerm); // Net 7 → the one NetSuite term of 7 days
    expect(addresses(warehouseCustomer)).toEqual([
      expect.objectContaining({ label: 'Billing', billing: true, shipping: false, addr1: 'PO Box 1939', zip: '07002' }),
      expect.objectContaining({ label: 'Shipping', billing: false, shipping: true, addr1: '9 Dock St', zip: '07003', attention: 'Receiving' }),
    ]);
    expect(Number(customerByGid(world, lab)!.fields.terms)).toBe(codTerm); // by the store's mapping table

    const lucius = contactByGid(world, company.mainContact.id)!;
    expect(lucius.fields).toMatchObject({ firstname: 'Lucius', lastname: 'Fox', email: 'lucius@wayne.example', title: 'CEO', phone: '+12125550101', company: String(parent.id), custentity_sb2b_roles: 'Location admin at Wayne Tower' });
    expect(contactByGid(world, buyer)!.fields).toMatchObject({ firstname: 'Alfred', company: String(parent.id), custentity_sb2b_roles: 'Ordering only at Wayne Warehouse; Location admin at Wayne Labs' });
    // One of each, however many webhooks the merchant's changes sent.
    expect(world.netsuite.records.list('customer').filter((c) => String(c.fields.custentity_sb2b_gid).includes('Company'))).toHaveLength(4);
    expect(world.netsuite.records.list('contact')).toHaveLength(2);
  });

  it("syncs a company named by Shopify's documented companies/update example", async () => {
    const seeded = await world.shopify.post<{ companies: string[] }>(`/shops/${world.shop}/seed`, {
      companies: [{ name: 'Example Company', contact: { email: 'ex@example.example', firstName: 'Ex' }, locations: [{ name: 'Montreal', paymentTerms: 'Net 30' }] }],
    });
    const body = examplePayload('companies/update', (b) => {
      b.admin_graphql_api_id = seeded.companies[0];
    });
    expect((await postToRestlet(world, envelope(world, 'companies/update', body))).status).toBe(200);
    await world.settle();
    expect(customerByGid(world, seeded.companies[0])?.fields.companyname).toBe('Example Company');
  });

  it('follows updates: a renamed company, a moved address, a new location, tax exemption lifted, a contact’s new title', async () => {
    await nextSecond(world);
    await world.shopify.post(`/shops/${world.shop}/actions/update-company`, { companyId: company.id, name: 'Wayne Industries' });
    await gql(world, 'mutation M($l: ID!) { companyLocationAssignAddress(locationId: $l, addressTypes: [SHIPPING], address: { address1: "10 New Dock Rd", city: "Gotham", zoneCode: "NJ", countryCode: US, zip: "07005" }) { userErrors { message } } }', { l: warehouse });
    await gql(world, 'mutation T($l: ID!) { companyLocationTaxSettingsUpdate(companyLocationId: $l, taxExempt: false) { userErrors { message } } }', { l: warehouse });
    const annex = await addLocation(world, company.id, { name: 'Wayne Annex', shippingAddress: { address1: '2 Annex Rd', city: 'Gotham', zoneCode: 'NJ', countryCode: 'US', zip: '07006' }, billingSameAsShipping: true });
    await gql(world, 'mutation U($c: ID!) { companyContactUpdate(companyContactId: $c, input: { title: "Head buyer" }) { userErrors { message } } }', { c: buyer });
    await world.settle();

    const parent = customerByGid(world, company.id)!;
    expect(parent.fields.companyname).toBe('Wayne Industries');
    const moved = customerByGid(world, warehouse)!;
    expect(moved.fields.taxable).toBe(true);
    expect(addresses(moved)).toContainEqual(expect.objectContaining({ label: 'Shipping', addr1: '10 New Dock Rd', zip: '07005' }));
    expect(customerByGid(world, annex)!.fields).toMatchObject({ companyname: 'Wayne Annex', parent: String(parent.id) });
    expect(contactByGid(world, buyer)!.fields.title).toBe('Head buyer');
    expect(world.netsuite.records.list('contact')).toHaveLength(3); // Lucius, Alfred, and Example Company's contact
  });

  it('takes a role given to a contact later (company_contact_roles/assign)', async () => {
    await nextSecond(world);
    await assignRole(world, buyer, company.contactRoles.nodes.find((r) => r.name === 'Ordering only')!.id, company.locations.nodes[0].id);
    await world.settle();
    const deliveries = await world.shopify.get<{ topic: string; state: string }[]>('/webhooks/deliveries?topic=company_contact_roles/assign');
    expect(deliveries.at(-1)!.state).toBe('delivered');
    expect(contactByGid(world, buyer)!.fields.custentity_sb2b_roles).toBe('Ordering only at Wayne Warehouse; Location admin at Wayne Labs; Ordering only at Wayne Tower');
  });

  it('fails a location whose payment terms match nothing, writes none of the company, and succeeds once they are mapped', async () => {
    await nextSecond(world);
    const cyberdyne = await createCompany(world, {
      company: { name: 'Cyberdyne Systems' },
      companyContact: { email: 'miles@cyberdyne.example', firstName: 'Miles', lastName: 'Dyson' },
      companyLocation: { name: 'Cyberdyne HQ', shippingAddress: { address1: '18144 El Camino Real', city: 'Sunnyvale', zoneCode: 'CA', countryCode: 'US', zip: '94087' }, billingSameAsShipping: true, buyerExperienceConfiguration: { paymentTermsTemplateId: TEMPLATE.fixed } },
    });
    await world.settle();
    const failed = inboundEntries(world).filter((e) => e.gid === cyberdyne.id);
    expect(failed.length).toBeGreaterThan(0);
    for (const entry of failed) {
      expect(entry).toMatchObject({
        status: 'retrying',
        code: 'PAYMENT_TERMS_UNMAPPED',
        message: `Shopify payment terms "Fixed" match no NetSuite term. Add a Shopify B2B Payment Terms Mapping on store Acme Industrial Supply (Companies tab) or a NetSuite term of that name, then retry this entry.`,
      });
    }
    expect(customerByGid(world, cyberdyne.id)).toBeUndefined();
    expect(contactByGid(world, cyberdyne.mainContact.id)).toBeUndefined();

    world.netsuite.ui.create('customrecord_sb2b_terms_map', { name: 'Fixed date', custrecord_sb2b_tm_store: world.storeId, custrecord_sb2b_tm_shopify_name: 'Fixed', custrecord_sb2b_tm_term: codTerm });
    await world.advance(5 * 60_000); // the retry after a minute, or the admin's Retry
    expect(inboundEntries(world).filter((e) => e.gid === cyberdyne.id).map((e) => e.status)).toContain('done');
    expect(Number(customerByGid(world, cyberdyne.locations.nodes[0].id)!.fields.terms)).toBe(codTerm);
  });
});

describe('contacts attached to the sub-customers of the locations they have roles at', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
  }, 60_000);
  afterAll(() => world?.close());

  /** The customers a contact is attached to, as NetSuite's SuiteQL shows them. */
  const attachedTo = (contactGid: string) =>
    world.netsuite
      .query('SELECT r.company FROM companycontactrelationship r JOIN contact c ON c.id = r.contact WHERE c.custentity_sb2b_gid = ? ORDER BY r.company', [contactGid])
      .map((r) => Number(r.company));
  /** record.attach and record.detach calls company sync made since a moment. */
  const attachCalls = (since: number) => {
    const calls = { attach: 0, detach: 0 };
    for (const i of world.netsuite.governance.select({ scriptId: 'customscript_sb2b_mr_inbound', since })) {
      calls.attach += i.calls['record.attach']?.count ?? 0;
      calls.detach += i.calls['record.detach']?.count ?? 0;
    }
    return calls;
  };

  it('attaches a contact to the parent and to the location it has a role at; a role given later attaches, a revoked one detaches, and syncing again repeats nothing', async () => {
    const stark = await createCompany(world, {
      company: { name: 'Stark Industries' },
      companyContact: { email: 'pepper@stark.example', firstName: 'Pepper', lastName: 'Potts' },
      companyLocation: { name: 'Stark Tower', shippingAddress: { address1: '200 Park Ave', city: 'New York', zoneCode: 'NY', countryCode: 'US', zip: '10166' }, billingSameAsShipping: true },
    });
    const tower = stark.locations.nodes[0].id;
    const malibu = await addLocation(world, stark.id, { name: 'Stark Malibu', shippingAddress: { address1: '10880 Malibu Point', city: 'Malibu', zoneCode: 'CA', countryCode: 'US', zip: '90265' }, billingSameAsShipping: true });
    const happy = await addContact(world, stark.id, { email: 'happy@stark.example', firstName: 'Happy', lastName: 'Hogan' });
    const role = (name: string) => stark.contactRoles.nodes.find((r) => r.name === name)!.id;
    await assignRole(world, happy, role('Ordering only'), malibu);
    const start = world.clock.now();
    await world.settle();

    const parentId = customerByGid(world, stark.id)!.id;
    const towerId = customerByGid(world, tower)!.id;
    const malibuId = customerByGid(world, malibu)!.id;
    expect(attachedTo(happy)).toEqual([parentId, malibuId]); // not Stark Tower, where Happy has no role
    expect(attachedTo(stark.mainContact.id)).toEqual([parentId, towerId]); // the main contact is Location admin at the first location
    expect(contactByGid(world, happy)!.fields).toMatchObject({ company: String(parentId), custentity_sb2b_roles: 'Ordering only at Stark Malibu' });
    expect(attachCalls(start)).toEqual({ attach: 2, detach: 0 }); // however many webhooks the changes sent

    // A role at the tower, given later.
    await nextSecond(world);
    await assignRole(world, happy, role('Location admin'), tower);
    await world.settle();
    expect(attachedTo(happy)).toEqual([parentId, towerId, malibuId]);

    // Malibu's role revoked: detached from Malibu's sub-customer, still attached to the company and the tower.
    await nextSecond(world);
    const assignments = await gql<{ companyContact: { roleAssignments: { nodes: { id: string; companyLocation: { id: string } }[] } } }>(
      world,
      'query A($c: ID!) { companyContact(id: $c) { roleAssignments(first: 5) { nodes { id companyLocation { id } } } } }',
      { c: happy },
    );
    const atMalibu = assignments.companyContact.roleAssignments.nodes.find((a) => a.companyLocation.id === malibu)!.id;
    await gql(world, 'mutation V($c: ID!, $a: ID!) { companyContactRevokeRole(companyContactId: $c, companyContactRoleAssignmentId: $a) { userErrors { message } } }', { c: happy, a: atMalibu });
    await world.settle();
    const deliveries = await world.shopify.get<{ topic: string; state: string }[]>('/webhooks/deliveries?topic=company_contact_roles/revoke');
    expect(deliveries.at(-1)!.state).toBe('delivered');
    expect(attachedTo(happy)).toEqual([parentId, towerId]);
    expect(contactByGid(world, happy)!.fields.custentity_sb2b_roles).toBe('Location admin at Stark Tower');

    // The company edited and synced again: nothing attached or detached twice.
    await nextSecond(world);
    const again = world.clock.now();
    await world.shopify.post(`/shops/${world.shop}/actions/update-company`, { companyId: stark.id, name: 'Stark Enterprises' });
    await world.settle();
    expect(customerByGid(world, stark.id)!.fields.companyname).toBe('Stark Enterprises');
    expect(attachCalls(again)).toEqual({ attach: 0, detach: 0 });
    expect(attachedTo(happy)).toEqual([parentId, towerId]);
    expect(attachedTo(stark.mainContact.id)).toEqual([parentId, towerId]);
  });
});

describe('currency', () => {
  it("gives sub-customers their location's currency, and orders theirs when it is not the store's", async () => {
    const shop: ShopSeed = {
      domain: 'maple-b2b.myshopify.com',
      name: 'Maple Wholesale',
      currencyCode: 'CAD',
      plan: 'plus',
      apps: [{ id: 'netsuite-connector', accessToken: 'shpat_maple', clientSecret: 'maple-secret' }],
      locations: [{ name: 'Toronto DC', address: { address1: '1 Front St', city: 'Toronto', provinceCode: 'ON', countryCode: 'CA', zip: 'M5J 2X2' } }],
      products: [{ title: 'Maple syrup 4 L', variants: [{ sku: 'SYR-4L', price: '39.95', stock: { 'Toronto DC': 500 } }] }],
      companies: [{ name: 'Tim Co', externalId: 'TIM-1', contact: { email: 'buyer@tim.example', firstName: 'Tim' }, locations: [{ name: 'Tim Co Ottawa', paymentTerms: 'Net 30', shippingAddress: { address1: '1 Rideau St', city: 'Ottawa', zoneCode: 'ON', countryCode: 'CA', zip: 'K1N 8S7' }, billingSameAsShipping: true }] }],
    };
    const world = await createWorld({ shop });
    try {
      const cad = world.netsuite.records.seed('currency', { name: 'Canadian Dollar', symbol: 'CAD', exchangerate: 0.73 });
      const placed = await placeOrder(world, { company: 'TIM-1', poNumber: 'PO-CAD', lines: [{ sku: 'SYR-4L', quantity: 10 }] });
      await world.settle();
      const location = world.netsuite.records.list('customer').find((c) => c.fields.companyname === 'Tim Co Ottawa')!;
      expect(location.fields.currency).toBe(String(cad));
      expect(salesOrderFor(world, placed.id)!.fields).toMatchObject({ currency: String(cad), total: 399.5 });
    } finally {
      await world.close();
    }
  });
});

describe('buyer mode: each buyer a sub-customer, as NetSuite Connector does it', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
    const mode = world.netsuite.query(`SELECT id FROM customlist_sb2b_hierarchy_mode WHERE scriptid = 'VAL_SB2B_BUYER_SUBCUSTOMERS'`)[0].id;
    world.netsuite.ui.edit('customrecord_sb2b_store', world.storeId, { custrecord_sb2b_hierarchy_mode: mode });
  }, 60_000);
  afterAll(() => world?.close());

  it('makes each contact a person sub-customer with the addresses and terms of their first location, and books orders to them', async () => {
    const placed = await placeOrder(world, { company: 'NS-CUST-1001', poNumber: 'PO-BUYER', lines: [{ sku: 'HB-M8-40', quantity: 10 }] });
    await world.settle();
    const customers = world.netsuite.records.list('customer');
    const parent = customers.find((c) => c.fields.companyname === 'Globex Manufacturing')!;
    const gina = customers.find((c) => c.fields.firstname === 'Gina')!;
    expect(gina.fields).toMatchObject({ isperson: 'T', lastname: 'Park', email: 'purchasing@globex.example', parent: String(parent.id), taxable: true, resalenumber: 'IL-8842-0012' });
    expect(termName(world, gina.fields.terms)).toBe('Net 30');
    expect(addresses(gina)).toEqual([expect.objectContaining({ label: 'Billing and shipping', addr1: '742 Evergreen Terrace', city: 'Springfield' })]);
    expect(gina.fields.comments).toBe('Location admin at Globex Springfield');
    // Omar has no role at any location: a sub-customer without addresses or terms.
    expect(customers.find((c) => c.fields.firstname === 'Omar')!.fields).toMatchObject({ isperson: 'T', parent: String(parent.id) });
    // No sub-customer per location, and no contact records, in this mode.
    expect(customers.filter((c) => String(c.fields.custentity_sb2b_gid).includes('CompanyLocation'))).toEqual([]);
    expect(world.netsuite.records.list('contact')).toEqual([]);
    // The order's buyer is its contact (Gina, the main contact), so the sales order is hers.
    expect(salesOrderFor(world, placed.id)!.fields.entity).toBe(String(gina.id));
  });
});

describe('NetSuite masters companies', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
    const master = world.netsuite.query(`SELECT id FROM customlist_sb2b_company_master WHERE scriptid = 'VAL_SB2B_NETSUITE_MASTERS'`)[0].id;
    world.netsuite.ui.edit('customrecord_sb2b_store', world.storeId, { custrecord_sb2b_company_master: master });
  }, 60_000);
  afterAll(() => world?.close());

  it('pushes a customer marked for Shopify as a company, its sub-customers as locations, and takes its orders', async () => {
    const net30 = world.netsuite.query(`SELECT id FROM term WHERE name = 'Net 30'`)[0].id;
    const parent = world.netsuite.ui.create('customer', { companyname: 'Oscorp', isperson: 'F', subsidiary: 1, custentity_sb2b_push: true, custentity_sb2b_store: world.storeId });
    const plant = world.netsuite.ui.create(
      'customer',
      { companyname: 'Oscorp Plant', isperson: 'F', subsidiary: 1, parent, terms: net30, taxable: false, resalenumber: 'NY-555' },
      { addressbook: [{ label: 'Plant', defaultbilling: true, defaultshipping: true, addressbookaddress: { addr1: '1 Oscorp Way', city: 'New York', state: 'NY', zip: '10001', country: 'US' } }] },
    );
    await world.settle();
    const companyGid = String(world.netsuite.records.get('customer', parent)!.fields.custentity_sb2b_gid);
    const locationGid = String(world.netsuite.records.get('customer', plant)!.fields.custentity_sb2b_gid);
    expect(companyGid).toMatch(/^gid:\/\/shopify\/Company\/\d+$/);
    const inShopify = (await world.shopify.get<{ id: string; name: string; locations: { id: string; name: string; paymentTerms?: string; taxExempt?: boolean }[] }[]>(`/shops/${world.shop}/companies`)).find((c) => c.id === companyGid)!;
    expect(inShopify).toMatchObject({ name: 'Oscorp', locations: [expect.objectContaining({ id: locationGid, name: 'Oscorp Plant' })] });

    // Shopify's own webhooks for the new company came back: NetSuite already had it, nothing was created twice.
    expect(world.netsuite.records.list('customer').map((c) => c.fields.companyname)).toEqual(['Oscorp', 'Oscorp Plant']);
    expect(inboundEntries(world).filter((e) => e.gid === companyGid).length).toBeGreaterThan(0);

    const placed = await placeOrder(world, { company: 'Oscorp', email: 'norman@oscorp.example', customer: { email: 'norman@oscorp.example', firstName: 'Norman' }, lines: [{ sku: 'HB-M8-40', quantity: 5 }] });
    await world.settle();
    expect(salesOrderFor(world, placed.id)!.fields.entity).toBe(String(plant));
  });

  it('links, never duplicates, a pushed company whose webhook comes back before NetSuite recorded its Shopify ids', async () => {
    // The push creates the company in Shopify, then fails to write the ids back (a save refused once):
    // Shopify's companies/create webhook is processed while NetSuite does not know the company yet.
    world.netsuite.addFault({ kind: 'saveFails', recordType: 'customer', operation: 'edit', executionContext: 'MAPREDUCE', times: 1 });
    const solo = world.netsuite.ui.create(
      'customer',
      { companyname: 'Solo Supplies', isperson: 'F', subsidiary: 1, custentity_sb2b_push: true, custentity_sb2b_store: world.storeId },
      { addressbook: [{ label: 'Main', defaultbilling: true, defaultshipping: true, addressbookaddress: { addr1: '5 Solo Ln', city: 'Dayton', state: 'OH', zip: '45402', country: 'US' } }] },
    );
    await world.settle();
    const [waiting] = entries(world, `custrecord_sb2b_q_topic = 'company/push' AND custrecord_sb2b_q_ns_id = ?`, [String(solo)]);
    await untilRunAfterDue(world, waiting); // the push's retry
    const customers = world.netsuite.records.list('customer').filter((c) => c.fields.companyname === 'Solo Supplies');
    expect(customers).toHaveLength(1);
    const companies = (await world.shopify.get<{ id: string; name: string; locations: { id: string }[] }[]>(`/shops/${world.shop}/companies`)).filter((c) => c.name === 'Solo Supplies');
    expect(companies).toHaveLength(1);
    // A customer without sub-customers is its own single location.
    expect(customers[0].fields).toMatchObject({ custentity_sb2b_gid: companies[0].id, custentity_sb2b_location_gid: companies[0].locations[0].id });
    const pushes = world.netsuite.query(`SELECT custrecord_sb2b_q_status AS status FROM customrecord_sb2b_queue WHERE custrecord_sb2b_q_topic = 'company/push' AND custrecord_sb2b_q_ns_id = ?`, [String(solo)]);
    expect(pushes.map((p) => p.status)).toContain('done');

    const placed = await placeOrder(world, { company: 'Solo Supplies', customer: { email: 'owner@solo.example', firstName: 'Sol' }, lines: [{ sku: 'HB-M8-40', quantity: 5 }] });
    await world.settle();
    expect(salesOrderFor(world, placed.id)!.fields.entity).toBe(String(solo));
    expect(world.netsuite.records.list('customer').filter((c) => String(c.fields.companyname).startsWith('Solo'))).toHaveLength(1);
  });

  it("keeps NetSuite's values when the company is edited in Shopify", async () => {
    const placed = await placeOrder(world, { company: 'NS-CUST-1001', lines: [{ sku: 'HB-M8-40', quantity: 1 }] });
    await world.settle(); // the order brings Globex in (what orders need is created even here)
    const globex = (await world.shopify.get<{ id: string; externalId: string }[]>(`/shops/${world.shop}/companies`)).find((c) => c.externalId === 'NS-CUST-1001')!;
    expect(customerByGid(world, globex.id)!.fields.companyname).toBe('Globex Manufacturing');
    expect(salesOrderFor(world, placed.id)).toBeDefined();

    await nextSecond(world);
    await world.shopify.post(`/shops/${world.shop}/actions/update-company`, { companyId: globex.id, name: 'Globex (renamed in Shopify)' });
    await world.settle();
    expect(customerByGid(world, globex.id)!.fields.companyname).toBe('Globex Manufacturing');
    const entry = inboundEntries(world).filter((e) => e.gid === globex.id).at(-1)!;
    expect(entry).toMatchObject({ status: 'done', note: "Globex (renamed in Shopify): Shopify's changes to 1 record(s) not taken: NetSuite masters companies on store Acme Industrial Supply" });
  });
});
