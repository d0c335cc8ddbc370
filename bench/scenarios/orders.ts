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
            `${perEntity(processing, ORDERS)} units per order to sync it (mr_inbound and what it triggers) + ${perEntity(intake, webhooks)} per webhook at intake (rl_inbound: ${webhooks} webhooks) = ${perEntity(units, ORDERS)} in all; ${salesOrders - 1} sales orders created`,
          ],
        };
      } finally {
        await world.close();
      }
    },
  },
];
