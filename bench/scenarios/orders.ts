/**
 * Inbound orders: B2B orders of 10 lines for a company NetSuite already knows, arriving by webhook.
 * Target (issue 6): at most 60 usage units and one Admin API read per order.
 */
import { createWorld } from '../../sandbox/world';
import type { ShopSeed } from '../../sandbox/shopify/seed';
import { perEntity, resetMeters, shopifyTotals, unitsOf, type Scenario } from '../harness';

const ORDERS = 50;
const SKUS = Array.from({ length: 12 }, (_, i) => `SKU-${String(i + 1).padStart(3, '0')}`);

function benchShop(): ShopSeed {
  return {
    domain: 'bench-b2b.myshopify.com',
    name: 'Bench Wholesale',
    currencyCode: 'USD',
    plan: 'plus',
    apps: [{ id: 'netsuite-connector', accessToken: 'shpat_bench', clientSecret: 'bench-secret' }],
    locations: [{ name: 'Main DC', address: { address1: '1 Dock Rd', city: 'Columbus', provinceCode: 'OH', countryCode: 'US', zip: '43215' } }],
    products: SKUS.map((sku, i) => ({ title: `Part ${sku}`, variants: [{ sku, price: `${(i + 1) * 1.25}`.replace(/(\.\d)$/, '$10'), stock: { 'Main DC': 100000 } }] })),
    companies: [
      {
        name: 'Benchmark Industries',
        externalId: 'BENCH-1',
        contact: { email: 'buyer@bench.example', firstName: 'Bea', lastName: 'Buyer' },
        locations: [{ name: 'Bench HQ', paymentTerms: 'Net 30', shippingAddress: { address1: '2 Plant Rd', city: 'Dayton', zoneCode: 'OH', countryCode: 'US', zip: '45402' }, billingSameAsShipping: true }],
      },
    ],
  };
}

const NEW_COMPANIES = 20;
const TRICKLE = 10;

/** The bench shop with 20 more companies, none of them in NetSuite yet. */
function shopWithNewCompanies(): ShopSeed {
  const shop = benchShop();
  for (let n = 1; n <= NEW_COMPANIES; n++) {
    shop.companies!.push({
      name: `First-time Buyer ${n}`,
      externalId: `NEW-${n}`,
      contact: { email: `buyer${n}@new.example`, firstName: 'Nia', lastName: `New ${n}` },
      locations: [{ name: `First-time Buyer ${n} HQ`, paymentTerms: 'Net 30', shippingAddress: { address1: `${n} New Rd`, city: 'Dayton', zoneCode: 'OH', countryCode: 'US', zip: '45402' }, billingSameAsShipping: true }],
    });
  }
  return shop;
}

export const scenarios: Scenario[] = [
  {
    sync: 'orders',
    name: 'b2b-10-lines-known-company',
    description: `${ORDERS} B2B orders of 10 lines by webhook, company already in NetSuite`,
    async run() {
      const world = await createWorld({ shop: benchShop() });
      try {
        const order = (po: number) => ({ company: 'BENCH-1', poNumber: `PO-${po}`, lines: SKUS.slice(0, 10).map((sku, i) => ({ sku, quantity: i + 1 })), shipping: { title: 'Ground', price: '15.00' } });
        await world.shopify.post(`/shops/${world.shop}/actions/place-order`, order(0));
        await world.settle(); // the company comes in with the first order
        await resetMeters(world);
        for (let i = 1; i <= ORDERS; i++) await world.shopify.post(`/shops/${world.shop}/actions/place-order`, order(i));
        await world.settle();
        const salesOrders = world.netsuite.query(`SELECT COUNT(*) AS n FROM transaction WHERE type = 'SalesOrd'`)[0].n as number;
        const shopify = await shopifyTotals(world);
        const units = unitsOf(world);
        const intake = unitsOf(world, ['customscript_sb2b_rl_inbound']);
        const processing = units - intake;
        const webhooks = world.netsuite.governance.select({ scriptId: 'customscript_sb2b_rl_inbound' }).length;
        const reads = shopify.byOperation.OrderForSync?.calls ?? 0;
        const reduce = world.netsuite.governance.units({ scriptId: 'customscript_sb2b_mr_inbound', stage: 'reduce' });
        const runs = new Set(world.netsuite.governance.select({ scriptId: 'customscript_sb2b_mr_inbound' }).map((i) => i.deploymentId + i.startedAt)).size;
        return {
          entities: ORDERS,
          entityName: 'orders',
          netsuiteUnits: units,
          shopifyCalls: shopify.calls,
          minimumCalls: ORDERS,
          requestedCost: shopify.requestedCost,
          actualCost: shopify.actualCost,
          throttled: shopify.throttled,
          targets: [
            { name: 'usage units per order (sync)', value: perEntity(processing, ORDERS), limit: 60 },
            { name: 'usage units per webhook (intake)', value: perEntity(intake, webhooks), limit: 10 },
            { name: 'Admin API reads per order', value: perEntity(reads, ORDERS), limit: 1 },
            { name: 'sales orders created', value: salesOrders - 1, limit: ORDERS, atLeast: true },
          ],
          notes: [
            `${perEntity(processing, ORDERS)} units per order to sync it (mr_inbound and what it triggers: ${perEntity(reduce, ORDERS)} in its reduce, ${perEntity(processing - reduce, ORDERS)} for the per-run stages of ${runs} run(s)) + ${perEntity(intake, webhooks)} per webhook at intake (rl_inbound: ${webhooks} webhooks) = ${perEntity(units, ORDERS)} in all; ${salesOrders - 1} sales orders created`,
          ],
        };
      } finally {
        await world.close();
      }
    },
  },
  {
    sync: 'orders',
    name: 'b2b-10-lines-one-at-a-time',
    description: `${TRICKLE} B2B orders of 10 lines for a known company, each synced before the next is placed (a processor run per order)`,
    async run() {
      const world = await createWorld({ shop: benchShop() });
      try {
        const order = (po: number) => ({ company: 'BENCH-1', poNumber: `PO-${po}`, lines: SKUS.slice(0, 10).map((sku, i) => ({ sku, quantity: i + 1 })), shipping: { title: 'Ground', price: '15.00' } });
        await world.shopify.post(`/shops/${world.shop}/actions/place-order`, order(0));
        await world.settle();
        await resetMeters(world);
        for (let i = 1; i <= TRICKLE; i++) {
          await world.shopify.post(`/shops/${world.shop}/actions/place-order`, order(i));
          await world.settle();
        }
        const shopify = await shopifyTotals(world);
        const units = unitsOf(world);
        const intake = unitsOf(world, ['customscript_sb2b_rl_inbound']);
        const reduce = world.netsuite.governance.units({ scriptId: 'customscript_sb2b_mr_inbound', stage: 'reduce' });
        const reads = shopify.byOperation.OrderForSync?.calls ?? 0;
        return {
          entities: TRICKLE,
          entityName: 'orders',
          netsuiteUnits: units,
          shopifyCalls: shopify.calls,
          minimumCalls: TRICKLE,
          requestedCost: shopify.requestedCost,
          actualCost: shopify.actualCost,
          throttled: shopify.throttled,
          targets: [
            { name: 'usage units per order (its reduce)', value: perEntity(reduce, TRICKLE), limit: 60 },
            { name: 'Admin API reads per order', value: perEntity(reads, TRICKLE), limit: 1 },
          ],
          notes: [
            `${perEntity(reduce, TRICKLE)} units per order in its reduce + ${perEntity(units - intake - reduce, TRICKLE)} for a processor run of its own (input, map, summarize) + ${perEntity(intake, TRICKLE)} at intake (one webhook, and a processor nudge each) = ${perEntity(units, TRICKLE)} in all`,
          ],
        };
      } finally {
        await world.close();
      }
    },
  },
  {
    sync: 'orders',
    name: 'b2b-10-lines-new-company',
    description: `${NEW_COMPANIES} B2B orders of 10 lines, each the first of a company NetSuite does not have yet (brought in first)`,
    async run() {
      const world = await createWorld({ shop: shopWithNewCompanies() });
      try {
        await resetMeters(world);
        for (let n = 1; n <= NEW_COMPANIES; n++) {
          await world.shopify.post(`/shops/${world.shop}/actions/place-order`, { company: `NEW-${n}`, poNumber: `PO-NEW-${n}`, lines: SKUS.slice(0, 10).map((sku, i) => ({ sku, quantity: i + 1 })) });
        }
        await world.settle();
        const salesOrders = Number(world.netsuite.query(`SELECT COUNT(*) AS n FROM transaction WHERE type = 'SalesOrd'`)[0].n);
        const customers = Number(world.netsuite.query(`SELECT COUNT(*) AS n FROM customer WHERE custentity_sb2b_gid IS NOT NULL`)[0].n);
        const shopify = await shopifyTotals(world);
        const units = unitsOf(world);
        const intake = unitsOf(world, ['customscript_sb2b_rl_inbound']);
        const webhooks = world.netsuite.governance.select({ scriptId: 'customscript_sb2b_rl_inbound' }).length;
        const reads = (shopify.byOperation.OrderForSync?.calls ?? 0) + (shopify.byOperation.CompanyForSync?.calls ?? 0);
        return {
          entities: NEW_COMPANIES,
          entityName: 'orders',
          netsuiteUnits: units,
          shopifyCalls: shopify.calls,
          minimumCalls: NEW_COMPANIES * 2,
          requestedCost: shopify.requestedCost,
          actualCost: shopify.actualCost,
          throttled: shopify.throttled,
          targets: [
            { name: 'Admin API reads per order (the order and its company)', value: perEntity(reads, NEW_COMPANIES), limit: 2 },
            { name: 'sales orders created', value: salesOrders, limit: NEW_COMPANIES, atLeast: true },
            { name: 'customers created (company and location)', value: customers, limit: NEW_COMPANIES * 2, atLeast: true },
          ],
          notes: [
            `${perEntity(units - intake, NEW_COMPANIES)} units per order to sync it with its new company (a parent customer, a sub-customer and a contact) + ${perEntity(intake, webhooks)} per webhook at intake = ${perEntity(units, NEW_COMPANIES)} in all; Shopify: ${perEntity(reads, NEW_COMPANIES)} reads, ${perEntity(shopify.actualCost, NEW_COMPANIES)} cost points per order`,
          ],
        };
      } finally {
        await world.close();
      }
    },
  },
];
