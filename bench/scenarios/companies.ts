/**
 * Inbound companies: what company sync costs per company, in NetSuite usage units and Shopify
 * calls and cost points, counted the same way as the orders scenario (sync = everything mr_inbound
 * spends, its per-run stages spread over the companies; intake = rl_inbound, per webhook).
 *
 * - new companies: a merchant sets up a company with two locations and two contacts (one with roles
 *   at both locations) through the Admin API; Shopify's webhooks for it reach NetSuite, which creates
 *   a parent customer, two sub-customers and two contacts;
 * - renamed companies: the same companies renamed in Shopify; one customer is updated each.
 */
import { createWorld, type World } from '../../sandbox/world';
import type { ShopSeed } from '../../sandbox/shopify/seed';
import { perEntity, resetMeters, unitsOf, type Scenario } from '../harness';

const COMPANIES = 20;

function benchShop(): ShopSeed {
  return {
    domain: 'bench-companies.myshopify.com',
    name: 'Bench Companies',
    currencyCode: 'USD',
    plan: 'plus',
    apps: [{ id: 'netsuite-connector', accessToken: 'shpat_bench_co', clientSecret: 'bench-co-secret' }],
    locations: [{ name: 'Main DC', address: { address1: '1 Dock Rd', city: 'Columbus', provinceCode: 'OH', countryCode: 'US', zip: '43215' } }],
  };
}

async function gql<T>(world: World, query: string, variables: Record<string, unknown>): Promise<T> {
  const res = await world.shopify.graphql<T>(query, variables);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!;
}

/** A merchant's set-up of one company: company, main contact and first location, a second location, a second contact with roles at both. */
async function setUpCompany(world: World, n: number): Promise<string> {
  const created = await gql<{ companyCreate: { company: { id: string; contactRoles: { nodes: { id: string; name: string }[] }; locations: { nodes: { id: string }[] } } } }>(
    world,
    `mutation MerchantCompanyCreate($input: CompanyCreateInput!) { companyCreate(input: $input) { company { id contactRoles(first: 5) { nodes { id name } } locations(first: 1) { nodes { id } } } userErrors { message } } }`,
    {
      input: {
        company: { name: `Bench Customer ${n}`, externalId: `BENCH-CO-${n}` },
        companyContact: { email: `owner${n}@bench.example`, firstName: 'Olive', lastName: `Owner ${n}`, title: 'Owner' },
        companyLocation: {
          name: `Bench Customer ${n} HQ`,
          shippingAddress: { address1: `${n} Main St`, city: 'Dayton', zoneCode: 'OH', countryCode: 'US', zip: '45402' },
          billingSameAsShipping: true,
          buyerExperienceConfiguration: { paymentTermsTemplateId: 'gid://shopify/PaymentTermsTemplate/4' },
        },
      },
    },
  );
  const company = created.companyCreate.company;
  const second = await gql<{ companyLocationCreate: { companyLocation: { id: string } } }>(
    world,
    'mutation MerchantLocationCreate($c: ID!, $i: CompanyLocationInput!) { companyLocationCreate(companyId: $c, input: $i) { companyLocation { id } userErrors { message } } }',
    {
      c: company.id,
      i: {
        name: `Bench Customer ${n} Plant`,
        billingAddress: { address1: `PO Box ${n}`, city: 'Dayton', zoneCode: 'OH', countryCode: 'US', zip: '45401' },
        shippingAddress: { address1: `${n} Plant Rd`, city: 'Dayton', zoneCode: 'OH', countryCode: 'US', zip: '45403' },
        buyerExperienceConfiguration: { paymentTermsTemplateId: 'gid://shopify/PaymentTermsTemplate/5' },
        taxExempt: true,
        taxRegistrationId: `OH-${n}`,
      },
    },
  );
  const contact = await gql<{ companyContactCreate: { companyContact: { id: string } } }>(
    world,
    'mutation MerchantContactCreate($c: ID!, $i: CompanyContactInput!) { companyContactCreate(companyId: $c, input: $i) { companyContact { id } userErrors { message } } }',
    { c: company.id, i: { email: `buyer${n}@bench.example`, firstName: 'Bea', lastName: `Buyer ${n}`, title: 'Buyer' } },
  );
  const role = company.contactRoles.nodes.find((r) => r.name === 'Ordering only')!.id;
  for (const location of [company.locations.nodes[0].id, second.companyLocationCreate.companyLocation.id]) {
    await gql(world, 'mutation MerchantAssignRole($c: ID!, $r: ID!, $l: ID!) { companyContactAssignRole(companyContactId: $c, companyContactRoleId: $r, companyLocationId: $l) { userErrors { message } } }', {
      c: contact.companyContactCreate.companyContact.id,
      r: role,
      l: location,
    });
  }
  return company.id;
}

interface Tally {
  calls: number;
  requestedCost: number;
  actualCost: number;
  throttled: number;
}

/** The connector's Admin API use since the meters were reset: the merchant's own calls (Merchant…) left out. */
async function connectorCalls(world: World): Promise<Tally & { byOperation: Record<string, Tally> }> {
  const metrics = await world.shopify.get<{ byOperation: Record<string, Tally> }>('/metrics');
  const byOperation = Object.fromEntries(Object.entries(metrics.byOperation).filter(([name]) => !name.startsWith('Merchant')));
  const total: Tally = { calls: 0, requestedCost: 0, actualCost: 0, throttled: 0 };
  for (const t of Object.values(byOperation)) {
    total.calls += t.calls;
    total.requestedCost += t.requestedCost;
    total.actualCost += t.actualCost;
    total.throttled += t.throttled;
  }
  return { ...total, byOperation };
}

/** Units, calls and cost since the meters were reset, per company. */
async function measure(world: World, expected: { customers: number; contacts: number }) {
  const shopify = await connectorCalls(world);
  const units = unitsOf(world);
  const intake = unitsOf(world, ['customscript_sb2b_rl_inbound']);
  const sync = units - intake;
  const webhooks = world.netsuite.governance.select({ scriptId: 'customscript_sb2b_rl_inbound' }).length;
  const reads = ['CompanyForSync', 'CompanyLocationsPage', 'CompanyContactsPage'].reduce((n, op) => n + (shopify.byOperation[op]?.calls ?? 0), 0);
  const customers = Number(world.netsuite.query(`SELECT COUNT(*) AS n FROM customer WHERE custentity_sb2b_gid IS NOT NULL`)[0].n);
  const contacts = Number(world.netsuite.query(`SELECT COUNT(*) AS n FROM contact WHERE custentity_sb2b_gid IS NOT NULL`)[0].n);
  return {
    entities: COMPANIES,
    entityName: 'companies',
    netsuiteUnits: units,
    shopifyCalls: shopify.calls,
    minimumCalls: COMPANIES,
    requestedCost: shopify.requestedCost,
    actualCost: shopify.actualCost,
    throttled: shopify.throttled,
    targets: [
      { name: 'Admin API reads per company', value: perEntity(reads, COMPANIES), limit: 1 },
      { name: 'customers in NetSuite', value: customers, limit: expected.customers, atLeast: true },
      { name: 'contacts in NetSuite', value: contacts, limit: expected.contacts, atLeast: true },
    ],
    notes: [
      `${perEntity(sync, COMPANIES)} units per company to sync it (mr_inbound) + ${perEntity(intake, webhooks)} per webhook at intake (rl_inbound: ${perEntity(webhooks, COMPANIES)} webhooks per company, ${perEntity(intake, COMPANIES)} units) = ${perEntity(units, COMPANIES)} in all; Shopify: ${perEntity(reads, COMPANIES)} reads, ${perEntity(shopify.actualCost, COMPANIES)} cost points (${perEntity(shopify.requestedCost, COMPANIES)} requested) per company`,
    ],
  };
}

export const scenarios: Scenario[] = [
  {
    sync: 'companies',
    name: 'new-company-2-locations-2-contacts',
    description: `${COMPANIES} companies set up in Shopify (2 locations, 2 contacts with roles) reach NetSuite by webhook`,
    async run() {
      const world = await createWorld({ shop: benchShop() });
      try {
        await resetMeters(world);
        for (let n = 1; n <= COMPANIES; n++) await setUpCompany(world, n); // its webhooks reach the RESTlet as it goes
        await world.settle();
        return await measure(world, { customers: COMPANIES * 3, contacts: COMPANIES * 2 });
      } finally {
        await world.close();
      }
    },
  },
  {
    sync: 'companies',
    name: 'company-renamed',
    description: `${COMPANIES} companies NetSuite already has, renamed in Shopify: one customer updated each`,
    async run() {
      const world = await createWorld({ shop: benchShop() });
      try {
        const ids: string[] = [];
        for (let n = 1; n <= COMPANIES; n++) ids.push(await setUpCompany(world, n));
        await world.settle();
        await world.advance(1000);
        await resetMeters(world);
        for (const [i, id] of ids.entries()) await world.shopify.post(`/shops/${world.shop}/actions/update-company`, { companyId: id, name: `Bench Customer ${i + 1} Ltd` });
        await world.settle();
        const renamed = Number(world.netsuite.query(`SELECT COUNT(*) AS n FROM customer WHERE companyname LIKE 'Bench Customer % Ltd'`)[0].n);
        const result = await measure(world, { customers: COMPANIES * 3, contacts: COMPANIES * 2 });
        result.targets.push({ name: 'companies renamed in NetSuite', value: renamed, limit: COMPANIES, atLeast: true });
        return result;
      } finally {
        await world.close();
      }
    },
  },
];
