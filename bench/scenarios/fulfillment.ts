/**
 * Fulfillments: B2B orders of 3 lines, synced into NetSuite, each shipped in full with one tracked
 * package by a warehouse user, then sent to Shopify by the outbound queue. Targets (issue 7): at most
 * 50 usage units per fulfillment, the user event included, and 2 Admin API calls (one read, one
 * write).
 *
 * What is counted: every invocation of the fulfillment trigger (ue_item_fulfillment, on the user's
 * saves and on the connector's own write-back) and of the outbound processor (mr_outbound, every
 * stage), divided by the fulfillments sent. A warehouse saves fulfillments in bursts: one nudge
 * starts the processor for the whole burst, and getInputData and summarize run once per run, so
 * those costs are shared; the single-fulfillment scenario shows the cost when nothing is shared.
 * Shopify's own webhooks about the fulfilled orders (orders/updated, orders/fulfilled) bring the
 * order sync back round; that is the inbound sync's cost and is reported apart, not counted here.
 */
import { createWorld, type World } from '../../sandbox/world';
import type { ShopSeed } from '../../sandbox/shopify/seed';
import { perEntity, resetMeters, shopifyTotals, unitsOf, type Scenario, type ScenarioResult } from '../harness';

const FULFILLMENT_SCRIPTS = ['customscript_sb2b_ue_item_fulfillment', 'customscript_sb2b_mr_outbound'];
const FULFILLMENT_OPERATIONS = ['FulfillmentOrdersForSync', 'OrderFulfillments', 'FulfillmentCreate', 'FulfillmentTrackingUpdate', 'FulfillmentCancel'];
const WRITES = ['FulfillmentCreate', 'FulfillmentTrackingUpdate', 'FulfillmentCancel'];
const SKUS = ['BOLT-1', 'NUT-1', 'WASHER-1'];

function benchShop(): ShopSeed {
  return {
    domain: 'bench-ship.myshopify.com',
    name: 'Bench Shipping',
    currencyCode: 'USD',
    plan: 'plus',
    apps: [{ id: 'netsuite-connector', accessToken: 'shpat_bench_ship', clientSecret: 'bench-ship-secret' }],
    locations: [{ name: 'Main DC', address: { address1: '1 Dock Rd', city: 'Columbus', provinceCode: 'OH', countryCode: 'US', zip: '43215' } }],
    products: SKUS.map((sku, i) => ({ title: `Part ${sku}`, variants: [{ sku, price: `${i + 1}.00`, stock: { 'Main DC': 1_000_000 } }] })),
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

/** Places and syncs `count` orders; returns their sales order ids. */
async function ordersInNetSuite(world: World, count: number, prefix: string): Promise<number[]> {
  for (let i = 1; i <= count; i++) {
    await world.shopify.post(`/shops/${world.shop}/actions/place-order`, { company: 'BENCH-1', poNumber: `${prefix}-${i}`, lines: SKUS.map((sku, j) => ({ sku, quantity: 10 * (j + 1) })) });
  }
  await world.settle();
  return world.netsuite.query(`SELECT id FROM transaction WHERE type = 'SalesOrd' AND otherrefnum LIKE ? ORDER BY id`, [`${prefix}-%`]).map((r) => Number(r.id));
}

/** A warehouse user ships the whole order with one tracked package (the shipping charge line unticked). */
function ship(world: World, salesOrderId: number, shipMethod: number, n: number): number {
  const so = world.netsuite.records.get('salesorder', salesOrderId)!;
  const charge = so.sublists.item.findIndex((l) => Number(l.item) === world.orderItems.shipping);
  return world.netsuite.ui.transform('salesorder', salesOrderId, 'itemfulfillment', { shipstatus: 'C', shipmethod: shipMethod }, {
    item: charge >= 0 ? [{ line: charge, itemreceive: false }] : [],
    package: [{ packagetrackingnumber: `1ZBENCH${String(n).padStart(6, '0')}` }],
  });
}

/**
 * `unitTarget`: whether the 50-unit target applies. It is a per-fulfillment average over what a run
 * carries; a run's own costs (the nudge that starts it, reading the queue, summarize) are the same
 * whether it carries one fulfillment or a thousand, so a lone fulfillment is reported, not targeted.
 */
async function measure(count: number, prefix: string, description: string, unitTarget: boolean): Promise<Omit<ScenarioResult, 'wallMs' | 'peakRssMb' | 'sync' | 'scenario'>> {
  const world = await createWorld({ shop: benchShop() });
  try {
    const ups = world.netsuite.records.seed('shipitem', { itemid: 'UPS Ground' });
    const orders = await ordersInNetSuite(world, count, prefix);
    await resetMeters(world);
    const fulfillments = orders.map((so, i) => ship(world, so, ups, i));
    await world.settle();

    const sent = fulfillments.filter((id) => String(world.netsuite.records.get('itemfulfillment', id)?.fields.custbody_sb2b_fulfillment_gid ?? '').startsWith('gid://shopify/Fulfillment/')).length;
    const shopify = await shopifyTotals(world);
    const sumOf = (ops: string[], figure: 'calls' | 'requestedCost' | 'actualCost' | 'throttled') => ops.reduce((n, op) => n + (shopify.byOperation[op]?.[figure] ?? 0), 0);
    const callsOf = (ops: string[]) => sumOf(ops, 'calls');
    const calls = callsOf(FULFILLMENT_OPERATIONS);
    const reads = calls - callsOf(WRITES);
    const writes = callsOf(WRITES);
    const units = unitsOf(world, FULFILLMENT_SCRIPTS);
    const trigger = unitsOf(world, ['customscript_sb2b_ue_item_fulfillment']);
    const outbound = world.netsuite.governance.select({ scriptId: 'customscript_sb2b_mr_outbound' });
    const byStage = (stage: string) => outbound.filter((i) => i.stage === stage).reduce((s, i) => s + i.used, 0);
    const runs = outbound.filter((i) => i.stage === 'summarize').length;
    const echo = unitsOf(world) - units;
    return {
      entities: count,
      entityName: 'fulfillments',
      netsuiteUnits: units,
      shopifyCalls: calls,
      minimumCalls: 2 * count,
      // The fulfillment calls' own cost: the inbound order sync's reads that Shopify's webhooks set off are that sync's.
      requestedCost: sumOf(FULFILLMENT_OPERATIONS, 'requestedCost'),
      actualCost: sumOf(FULFILLMENT_OPERATIONS, 'actualCost'),
      throttled: shopify.throttled,
      targets: [
        ...(unitTarget ? [{ name: 'usage units per fulfillment (user event included)', value: perEntity(units, count), limit: 50 }] : []),
        { name: 'Admin API calls per fulfillment', value: perEntity(calls, count), limit: 2 },
        { name: 'Admin API reads per fulfillment', value: perEntity(reads, count), limit: 1 },
        { name: 'fulfillments sent and recorded', value: sent, limit: count, atLeast: true },
      ],
      notes: [
        `${description}: ${perEntity(units, count)} units per fulfillment = ${perEntity(trigger, count)} in the user event (saves and the write-back) + ` +
          `${perEntity(byStage('reduce'), count)} in reduce + ${perEntity(byStage('getInputData') + byStage('map') + byStage('summarize'), count)} in getInputData, map and summarize (${runs} processor run${runs === 1 ? '' : 's'})`,
        `${perEntity(reads, count)} reads + ${perEntity(writes, count)} writes per fulfillment; Shopify's webhooks about the fulfilled orders cost the inbound order sync ${perEntity(echo, count)} units per order (not counted above)`,
        `the run's own costs: ${fixedCost(world)} units (nudge, reading the queue, summarize), shared by the ${count} fulfillment${count === 1 ? '' : 's'} it carried`,
      ],
    };
  } finally {
    await world.close();
  }
}

/** What starting and running the processor cost, whatever it carried: task submissions, getInputData, map, summarize. */
function fixedCost(world: World): number {
  const submits = world.netsuite.governance
    .select({ scriptId: 'customscript_sb2b_ue_item_fulfillment' })
    .reduce((n, i) => n + (i.calls['MapReduceScriptTask.submit']?.units ?? 0) + (i.calls['Cache.put']?.units ?? 0), 0);
  const stages = world.netsuite.governance.select({ scriptId: 'customscript_sb2b_mr_outbound' }).filter((i) => i.stage !== 'reduce');
  return submits + stages.reduce((n, i) => n + i.used, 0);
}

export const scenarios: Scenario[] = [
  {
    sync: 'fulfillments',
    name: 'burst-of-30',
    description: '30 orders of 3 lines shipped in a burst, one tracked package each',
    run: () => measure(30, 'PO-BURST', '30 shipped in a burst', true),
  },
  {
    sync: 'fulfillments',
    name: 'burst-of-10',
    description: '10 orders of 3 lines shipped in a burst, one tracked package each',
    run: () => measure(10, 'PO-TEN', '10 shipped in a burst', false),
  },
  {
    sync: 'fulfillments',
    name: 'single',
    description: 'one order of 3 lines shipped on its own (nothing shared)',
    run: () => measure(1, 'PO-SINGLE', 'one on its own', false),
  },
];
