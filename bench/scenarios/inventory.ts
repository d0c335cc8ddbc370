/**
 * Inventory sync at scale (issue 8): 25,000 items stocked at four NetSuite warehouses, 100,000
 * item-locations, two of them mapped to each of the shop's two Shopify locations (50,000 Shopify
 * inventory levels). The shop is on Shopify's Standard plan (100 points a second, a 2,000-point
 * bucket), so work that needs more than the bucket holds is a backlog.
 *
 * Three runs, one world (seeding it takes most of the wall time):
 * - the first full reconciliation: links all 25,000 items by SKU, compares every item-location and
 *   fixes every Shopify level (each shows only its main warehouse's stock, NetSuite adds the annex's);
 * - a 15-minute run after 2% of the item-locations changed through NetSuite transactions;
 * - a daily full reconciliation that finds 1% drift someone made in Shopify's admin.
 * Targets are docs/performance.md's "Inventory" section.
 */
import { VirtualClock } from '../../sandbox/clock';
import { createWorld, type World } from '../../sandbox/world';
import type { ShopSeed } from '../../sandbox/shopify/seed';
import { CHUNK_SIZE } from '../../src/sync/inventory/quantities';
import { shopifyTotals, type Scenario, type Target } from '../harness';

const ITEMS = Number(process.env.BENCH_INVENTORY_ITEMS ?? 25_000);
const PER_PRODUCT = 100;
const NETSUITE_LOCATIONS = 4;
const SHOPIFY_LOCATIONS = 2;
const ITEM_LOCATIONS = ITEMS * NETSUITE_LOCATIONS;
const CHANGED = ITEM_LOCATIONS / 50; // 2%
const DRIFTED = (ITEMS * SHOPIFY_LOCATIONS) / 100; // 1% of the Shopify levels
const SCRIPT = 'customscript_sb2b_mr_inventory';
const RESTORE_RATE = 100; // Standard plan
const sku = (i: number) => `SKU-${String(i).padStart(5, '0')}`;

function benchShop(): ShopSeed {
  const address = { address1: '1 Dock Rd', city: 'Columbus', provinceCode: 'OH', countryCode: 'US', zip: '43215' };
  return {
    domain: 'bench-stock.myshopify.com',
    name: 'Bench Stock',
    currencyCode: 'USD',
    plan: 'standard',
    apps: [{ id: 'netsuite-connector', accessToken: 'shpat_bench_stock', clientSecret: 'bench-stock-secret' }],
    locations: [
      { name: 'East DC', address },
      { name: 'West DC', address: { ...address, city: 'Reno', provinceCode: 'NV', zip: '89501' } },
    ],
    products: Array.from({ length: ITEMS / PER_PRODUCT }, (_, p) => ({
      title: `Part family ${p + 1}`,
      options: ['Size'],
      variants: Array.from({ length: PER_PRODUCT }, (_, v) => {
        const i = p * PER_PRODUCT + v + 1;
        return { sku: sku(i), price: '1.00', options: [`Size ${v + 1}`], stock: { 'East DC': 40 + (i % 7), 'West DC': 20 + (i % 5) } };
      }),
    })),
  };
}

interface Fixture {
  world: World;
  clock: VirtualClock;
  annex: Record<'East Annex' | 'West Annex', number>;
  stage: 'seeded' | 'linked' | 'changed' | 'done';
  /** The 15-minute run right after the first full run: it compares the items that run linked once more. */
  catchUp?: RunFigures;
  /** Whether a scenario's notes have told the catch-up run's figures (the first that runs does). */
  catchUpNoted?: boolean;
}

let fixture: Promise<Fixture> | undefined;

/** The world, seeded once for the three scenarios (closed by their teardown). */
function seeded(): Promise<Fixture> {
  fixture ??= (async () => {
    const clock = new VirtualClock();
    const world = await createWorld({ clock, shop: benchShop(), webhooks: false, netsuite: { schedules: false } });
    const annex = {} as Fixture['annex'];
    for (const [name, shopifyName] of [['East Annex', 'East DC'], ['West Annex', 'West DC']] as const) {
      annex[name] = world.netsuite.records.seed('location', { name, subsidiary: 1 });
      world.netsuite.ui.create('customrecord_sb2b_location_map', {
        custrecord_sb2b_lm_store: world.storeId,
        custrecord_sb2b_lm_ns_location: annex[name],
        custrecord_sb2b_lm_shopify_location: world.locations[shopifyName].shopifyGid,
      });
      for (let i = 1; i <= ITEMS; i++) world.netsuite.inventory.setOnHand(world.items[sku(i)], annex[name], 3 + (i % 4));
    }
    clock.advance(60 * 60_000);
    return { world, clock, annex, stage: 'seeded' as const };
  })();
  return fixture;
}

async function closeFixture(): Promise<void> {
  if (!fixture) return;
  const { world } = await fixture;
  fixture = undefined;
  await world.close();
}

interface RunFigures {
  units: number;
  maxByStage: Record<string, number>;
  usageErrors: number;
  shopify: Awaited<ReturnType<typeof shopifyTotals>>;
  seconds: number;
  /** Points used ÷ points the bucket restored while the run went on (it starts empty: a backlog throughout). */
  rateShare: number;
}

const BUCKET_SIZE = 2000; // Standard plan

/**
 * Runs a deployment with empty meters and, by default, an empty bucket (another app spent it: a
 * backlog from the first request); what it cost.
 */
async function measure(world: World, deploymentId: string, bucket: 'empty' | 'full' = 'empty'): Promise<RunFigures> {
  await world.shopify.post('/metrics/reset');
  await world.shopify.post(`/shops/${world.shop}/bucket`, { currentlyAvailable: bucket === 'empty' ? 0 : BUCKET_SIZE });
  world.netsuite.governance.clear();
  const started = world.clock.now();
  const run = world.netsuite.runDeployment(deploymentId);
  if (run.status !== 'COMPLETE') throw new Error(`${deploymentId} ended ${run.status}: ${JSON.stringify(run.result)}`);
  const seconds = (world.clock.now() - started) / 1000;
  const invocations = world.netsuite.governance.select({ scriptId: SCRIPT });
  const maxByStage: Record<string, number> = {};
  for (const i of invocations) maxByStage[i.stage ?? '-'] = Math.max(maxByStage[i.stage ?? '-'] ?? 0, i.used);
  const shopify = await shopifyTotals(world);
  return {
    units: invocations.reduce((n, i) => n + i.used, 0),
    maxByStage,
    usageErrors: invocations.filter((i) => i.error === 'SSS_USAGE_LIMIT_EXCEEDED').length,
    shopify,
    seconds,
    rateShare: seconds > 0 ? Math.min(1, shopify.actualCost / (RESTORE_RATE * seconds)) : 1,
  };
}

const RATE_TARGET = 'rate limit used during the backlog';

function limitTargets(f: RunFigures): Target[] {
  return [
    { name: 'SSS_USAGE_LIMIT_EXCEEDED', value: f.usageErrors, limit: 0 },
    { name: 'getInputData units (limit 10,000)', value: f.maxByStage.getInputData ?? 0, limit: 10_000 },
    { name: 'largest reduce units (limit 5,000)', value: f.maxByStage.reduce ?? 0, limit: 5_000 },
    { name: 'summarize units (limit 10,000)', value: f.maxByStage.summarize ?? 0, limit: 10_000 },
    { name: RATE_TARGET, value: Math.round(f.rateShare * 1000) / 1000, limit: 0.9, atLeast: true },
  ];
}

/** Shopify levels that differ from what NetSuite says they should show. */
async function wrongLevels(world: World, annex: Fixture['annex']): Promise<number> {
  const levels = await world.shopify.get<{ sku: string; levels: Record<string, { available: number }> }[]>(`/shops/${world.shop}/inventory`);
  let wrong = 0;
  for (const { sku: s, levels: byName } of levels) {
    const item = world.items[s];
    if (!item) continue;
    for (const [shopifyName, annexName] of [['East DC', 'East Annex'], ['West DC', 'West Annex']] as const) {
      const want = world.netsuite.inventory.level(item, world.locations[shopifyName].netsuiteId).available + world.netsuite.inventory.level(item, annex[annexName]).available;
      if (byName[shopifyName]?.available !== Math.max(0, want)) wrong++;
    }
  }
  return wrong;
}

const QUARTER_HOUR = 15 * 60_000;

/**
 * The first full run, then the 15-minute run after it. Linking writes the Shopify ids onto each item,
 * an edit the 15-minute runs pick up like any other item edit (a buffer changed, a link set by hand),
 * until the cursor, the newest change they have pushed, is more than the overlap (10 minutes) past it:
 * the next stock change does that. Here a count at West DC 12 minutes after the first run; the run
 * after it compares the newly linked items once more (nothing to write) and moves the cursor on. Its
 * figures are kept for the notes; the steady state is measured after it.
 */
async function firstFullRun(f: Fixture): Promise<RunFigures> {
  const { world } = f;
  const figures = await measure(world, 'customdeploy_sb2b_mr_inventory_full');
  f.clock.advance(12 * 60_000);
  const west = world.locations['West DC'].netsuiteId;
  world.netsuite.ui.create('inventoryadjustment', { account: '1', adjlocation: west }, { inventory: [{ item: world.items[sku(ITEMS / 2)], location: west, adjustqtyby: -1 }] });
  f.clock.advance(3 * 60_000);
  f.catchUp = await measure(world, 'customdeploy_sb2b_mr_inventory_now');
  f.stage = 'linked';
  return figures;
}

const callsByOperation = (f: RunFigures) => JSON.stringify(Object.fromEntries(Object.entries(f.shopify.byOperation).map(([k, v]) => [k, v.calls])));
const stageMaxima = (f: RunFigures) => Object.entries(f.maxByStage).map(([s, u]) => `${s} max ${u}`).join(', ');

/**
 * 2% of the item-locations move through NetSuite transactions in the quarter hour before the next
 * run: a stock count at East DC (three quarters) and approved orders of 5 lines committing stock at
 * West Annex (the rest).
 */
const COUNTED = (CHANGED * 3) / 4;
const ORDERS = (CHANGED - COUNTED) / 5;

function changeTwoPercent(f: Fixture): void {
  const { world } = f;
  f.clock.advance(5 * 60_000);
  const east = world.locations['East DC'].netsuiteId;
  world.netsuite.ui.create('inventoryadjustment', { account: '1', adjlocation: east }, { inventory: Array.from({ length: COUNTED }, (_, i) => ({ item: world.items[sku(i + 1)], location: east, adjustqtyby: -2 })) });
  const customer = world.netsuite.records.seed('customer', { companyname: 'Counter Sales', subsidiary: 1 });
  for (let o = 0; o < ORDERS; o++) {
    const lines = Array.from({ length: 5 }, (_, l) => ({ item: world.items[sku(ITEMS - o * 5 - l)], quantity: 1, rate: 1, location: f.annex['West Annex'] }));
    world.netsuite.ui.create('salesorder', { entity: customer, orderstatus: 'B', location: f.annex['West Annex'] }, { item: lines });
  }
  f.clock.advance(QUARTER_HOUR - 5 * 60_000);
  f.stage = 'changed';
}

/** A 15-minute run after 2% changed, starting with an empty bucket (a backlog) or a full one. */
function deltaScenario(name: string, bucket: 'empty' | 'full'): Scenario {
  return {
    sync: 'inventory',
    name,
    description: `15-minute run after ${CHANGED} of ${ITEM_LOCATIONS} item-locations changed (a stock count of ${COUNTED} items and ${ORDERS} approved orders of 5 lines), ${bucket === 'empty' ? 'the bucket empty' : 'the bucket full (no backlog)'}`,
    teardown: closeFixture,
    async run() {
      const f = await seeded();
      if (f.stage === 'seeded') await firstFullRun(f);
      changeTwoPercent(f);
      const figures = await measure(f.world, 'customdeploy_sb2b_mr_inventory_now', bucket);
      const writes = figures.shopify.byOperation.SetInventory?.calls ?? 0;
      const reads = figures.shopify.byOperation.InventoryLevels?.calls ?? 0;
      const wrong = await wrongLevels(f.world, f.annex);
      return {
        entities: CHANGED,
        entityName: 'changed quantities',
        netsuiteUnits: figures.units,
        shopifyCalls: figures.shopify.calls,
        minimumCalls: Math.ceil(CHANGED / 250) + Math.ceil(CHANGED / 1000),
        requestedCost: figures.shopify.requestedCost,
        actualCost: figures.shopify.actualCost,
        throttled: figures.shopify.throttled,
        rateLimitShare: bucket === 'empty' ? figures.rateShare : undefined,
        targets: [
          { name: 'Admin API writes (ceil(changed / 250))', value: writes, limit: Math.ceil(CHANGED / 250) },
          // A read takes four lists of 250 items, each at one location (a location boundary can start a new
          // list); with the bucket emptied behind the connector's back, a chunk's first attempt is throttled.
          { name: 'Admin API reads (ceil(changed / 1000) + one per Shopify location + one per chunk)', value: reads, limit: Math.ceil(CHANGED / 1000) + SHOPIFY_LOCATIONS + Math.ceil(CHANGED / CHUNK_SIZE) },
          { name: 'usage units per 1,000 changed quantities', value: Math.round((figures.units / CHANGED) * 1000), limit: 100 },
          { name: 'Shopify levels left wrong', value: wrong, limit: 0 },
          // With the bucket full there is no backlog, so no share of the rate limit to measure.
          ...limitTargets(figures).filter((t) => bucket === 'empty' || t.name !== RATE_TARGET),
        ],
        notes: [
          `${figures.units} units for ${CHANGED} changed item-locations (${stageMaxima(figures)}); ${writes} writes, ${reads} reads, ${figures.shopify.throttled} throttled${bucket === 'empty' ? `; ${Math.round(figures.rateShare * 100)}% of the rate limit used` : ''}`,
          ...(f.catchUp && !f.catchUpNoted && (f.catchUpNoted = true)
            ? [`the 15-minute run right after the first full run compared the ${ITEMS * SHOPIFY_LOCATIONS} Shopify levels of the newly linked items once more (linking edits each item): ${f.catchUp.units} units, ${callsByOperation(f.catchUp)}`]
            : []),
        ],
      };
    },
  };
}

export const scenarios: Scenario[] = [
  {
    sync: 'inventory',
    name: 'full-100k-first-run',
    description: `first full reconciliation: ${ITEMS} items linked by SKU, ${ITEM_LOCATIONS} NetSuite item-locations compared as ${ITEMS * SHOPIFY_LOCATIONS} Shopify levels, every level fixed (Standard plan, backlog)`,
    teardown: closeFixture,
    async run() {
      const f = await seeded();
      const figures = await firstFullRun(f);
      const wrong = await wrongLevels(f.world, f.annex);
      const linked = f.world.netsuite.query(`SELECT COUNT(*) AS n FROM item WHERE custitem_sb2b_inventory_item_gid IS NOT NULL`)[0].n as number;
      return {
        entities: ITEM_LOCATIONS,
        entityName: 'item-locations',
        netsuiteUnits: figures.units,
        shopifyCalls: figures.shopify.calls,
        minimumCalls: Math.ceil(ITEMS / 250) + Math.ceil((ITEMS * SHOPIFY_LOCATIONS) / 1000) + Math.ceil((ITEMS * SHOPIFY_LOCATIONS) / 250),
        requestedCost: figures.shopify.requestedCost,
        actualCost: figures.shopify.actualCost,
        throttled: figures.shopify.throttled,
        rateLimitShare: figures.rateShare,
        targets: [...limitTargets(figures), { name: 'items linked', value: linked, limit: ITEMS, atLeast: true }, { name: 'Shopify levels left wrong', value: wrong, limit: 0 }],
        notes: [
          `${figures.units} units in all (${stageMaxima(figures)}); ${figures.shopify.calls} Admin API calls ${callsByOperation(figures)}, ${figures.shopify.throttled} throttled; ${figures.seconds.toFixed(1)} s of Shopify time, ${Math.round(figures.rateShare * 100)}% of the rate limit used`,
        ],
      };
    },
  },
  deltaScenario('delta-2pct', 'empty'),
  deltaScenario('delta-2pct-points-to-spare', 'full'),
  {
    sync: 'inventory',
    name: 'full-100k-daily',
    description: `daily full reconciliation of ${ITEM_LOCATIONS} item-locations finding ${DRIFTED} Shopify levels changed by hand (1%)`,
    teardown: closeFixture,
    async run() {
      const f = await seeded();
      if (f.stage === 'seeded') await firstFullRun(f);
      const { world } = f;
      f.clock.advance(24 * 60 * 60_000);
      // Someone in Shopify's admin set 1% of the levels to a wrong number.
      const levels = await world.shopify.get<{ sku: string; inventoryItemId: string }[]>(`/shops/${world.shop}/inventory`);
      const bySku = new Map(levels.map((l) => [l.sku, l.inventoryItemId]));
      const east = world.locations['East DC'].shopifyGid;
      for (let start = 0; start < DRIFTED; start += 250) {
        const quantities = Array.from({ length: Math.min(250, DRIFTED - start) }, (_, i) => ({ inventoryItemId: bySku.get(sku(1 + (start + i) * 50))!, locationId: east, quantity: 999, changeFromQuantity: null }));
        await world.shopify.graphql('mutation Drift($input: InventorySetQuantitiesInput!, $key: String!) { inventorySetQuantities(input: $input) @idempotent(key: $key) { userErrors { message } } }', {
          input: { name: 'available', reason: 'correction', quantities },
          key: `drift-${start}`,
        });
      }
      const figures = await measure(world, 'customdeploy_sb2b_mr_inventory_full');
      const wrong = await wrongLevels(world, f.annex);
      const report = world.netsuite.query(`SELECT custrecord_sb2b_sr_differed AS differed, custrecord_sb2b_sr_fixed AS fixed FROM customrecord_sb2b_sync_report WHERE custrecord_sb2b_sr_kind = 'Inventory drift' ORDER BY id DESC FETCH FIRST 1 ROWS ONLY`)[0];
      f.stage = 'done';
      return {
        entities: ITEM_LOCATIONS,
        entityName: 'item-locations',
        netsuiteUnits: figures.units,
        shopifyCalls: figures.shopify.calls,
        minimumCalls: Math.ceil((ITEMS * SHOPIFY_LOCATIONS) / 1000) + Math.ceil(DRIFTED / 250),
        requestedCost: figures.shopify.requestedCost,
        actualCost: figures.shopify.actualCost,
        throttled: figures.shopify.throttled,
        rateLimitShare: figures.rateShare,
        targets: [...limitTargets(figures), { name: 'drift fixed', value: Number(report.fixed), limit: DRIFTED, atLeast: true }, { name: 'Shopify levels left wrong', value: wrong, limit: 0 }],
        notes: [
          `${figures.units} units (${stageMaxima(figures)}); Admin API calls ${callsByOperation(figures)}; report: ${report.differed} differed, ${report.fixed} fixed; ${figures.seconds.toFixed(1)} s of Shopify time, ${Math.round(figures.rateShare * 100)}% of the rate limit used`,
        ],
      };
    },
  },
];
