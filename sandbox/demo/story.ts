/**
 * The demo `npm start` tells: a business day at Acme Industrial Supply, a B2B wholesaler on
 * Shopify with NetSuite behind it, played on the sandbox clock (a day in well under a minute).
 * Every step goes through the built bundle in the local NetSuite account and the local Shopify
 * store, with nothing faked: webhooks through the relay and the RESTlet, the queue, the map/reduce
 * processors, the Admin API with its rate limit. It ends with a reconciliation of both sides.
 *
 * `runDemo` returns what it found, so a test can run the whole demo and check it.
 */
import { createWorld, type World } from '../world';

export interface ReconciliationRow {
  what: string;
  shopify: string;
  netsuite: string;
  agree: boolean;
}

export interface DemoResult {
  ok: boolean;
  rows: ReconciliationRow[];
  /** Steps that did not turn out as the story says, in words. */
  problems: string[];
  stats: { netsuiteUnits: number; shopifyCalls: number; shopifyCost: number; throttled: number; webhooks: number };
}

export interface DemoOptions {
  /** Where the story is told (default: nowhere). */
  print?: (line: string) => void;
  /** For tests: a change made just before the end-of-day reconciliation, which it must then catch. */
  beforeReconciliation?: (world: World) => void | Promise<void>;
}

interface ShopifyOrder {
  id: string;
  name: string;
  poNumber: string | null;
  company: { externalId: string | null } | null;
  cancelledAt: string | null;
  totals: { total: string };
  fulfillments: { id: string; trackingInfo: { number: string; company: string | null; url: string | null }[] }[];
}
interface ShopifyCompany {
  id: string;
  name: string;
  locations: { id: string; name: string }[];
  contacts: { email: string }[];
}
interface ShopifyStock {
  sku: string;
  inventoryItemId: string;
  levels: Record<string, { available?: number }>;
}

const HOUR = 3_600_000;
const MINUTE = 60_000;

function money(value: number | string): string {
  return Number(value).toLocaleString('en-US', { style: 'currency', currency: 'USD' });
}

export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const print = options.print ?? (() => undefined);
  const problems: string[] = [];
  const world = await createWorld();
  try {
    return await tell(world, print, problems, options.beforeReconciliation);
  } finally {
    await world.close();
  }
}

async function tell(world: World, print: (line: string) => void, problems: string[], beforeReconciliation?: DemoOptions['beforeReconciliation']): Promise<DemoResult> {
  const ns = world.netsuite;
  const shop = world.shop;
  const clockTime = () => new Date(world.clock.now()).toISOString().slice(11, 16);
  const chapter = (title: string) => print(`\n${clockTime()}  ${title}`);
  const done = (line: string) => print(`       ✓ ${line}`);
  const note = (line: string) => print(`         ${line}`);
  const expectThat = (ok: boolean, line: string, problem: string) => {
    if (ok) done(line);
    else {
      print(`       ✗ ${problem}`);
      problems.push(problem);
    }
  };

  const shopifyOrders = () => world.shopify.get<ShopifyOrder[]>(`/shops/${shop}/orders`);
  const salesOrders = () =>
    ns.query(
      `SELECT t.id, t.tranid, t.otherrefnum, t.foreigntotal, t.custbody_sb2b_gid AS gid, t.custbody_sb2b_order_name AS name, BUILTIN.DF(t.entity) AS customer
       FROM transaction t WHERE t.type = 'SalesOrd' AND t.custbody_sb2b_gid IS NOT NULL ORDER BY t.id`,
    ) as { id: number; tranid: string; otherrefnum: string | null; foreigntotal: number; gid: string; name: string; customer: string }[];
  const salesOrderFor = async (po: string) => salesOrders().find((o) => o.otherrefnum === po);
  const queueEntries = () =>
    ns.query(
      `SELECT custrecord_sb2b_q_topic AS topic, custrecord_sb2b_q_status AS status, NVL(custrecord_sb2b_q_close_reason, custrecord_sb2b_q_error_message) AS message, custrecord_sb2b_q_shopify_gid AS gid FROM customrecord_sb2b_queue ORDER BY id`,
    ) as { topic: string; status: string; message: string | null; gid: string | null }[];
  const placeOrder = (order: Record<string, unknown>) => world.shopify.post<ShopifyOrder>(`/shops/${shop}/actions/place-order`, order);

  // ---- 09:00 --------------------------------------------------------------------------------------
  print('Shopify B2B ⇄ NetSuite: a business day at Acme Industrial Supply (Monday 2 November 2026, times UTC)');
  print('The local Shopify store and a local NetSuite account running the built bundle, on the sandbox clock: a day in under a minute.');
  chapter('The connector is installed');
  const summary = await world.shopify.get<{ counts: Record<string, number> }>(`/shops/${shop}`);
  const companies = await world.shopify.get<ShopifyCompany[]>(`/shops/${shop}/companies`);
  done(
    `Shopify: ${summary.counts.companies} companies with ${summary.counts.companyLocations} locations and ${companies.reduce((n, c) => n + c.contacts.length, 0)} contacts on payment terms, ` +
      `${summary.counts.variants} SKUs stocked at ${summary.counts.locations} warehouses, ${summary.counts.orders} orders placed before today`,
  );
  done(`NetSuite: ${Object.keys(world.items).length} items and ${Object.keys(world.locations).length} locations matching Shopify's SKUs and warehouses`);
  const connection = String(ns.records.get('customrecord_sb2b_store', world.storeId)!.fields.custrecord_sb2b_connection ?? '');
  expectThat(/^Connected to /.test(connection), `The admin saved the store record; its check says: ${connection.replace(/; checked .*$/, '')}`, `the store's connection check failed: ${connection}`);
  ns.runDeployment('customdeploy_sb2b_mr_inventory_now', { custscript_sb2b_inv_full: true });
  await world.settle();
  const linked = ns.query(`SELECT COUNT(*) AS n FROM item WHERE custitem_sb2b_variant_gid IS NOT NULL`)[0].n as number;
  expectThat(linked === Object.keys(world.items).length, `The admin ran the inventory sync once: ${linked} items linked to their Shopify variants by SKU`, `only ${linked} of ${Object.keys(world.items).length} items were linked by SKU`);

  // ---- 09:15 the first reconciliation ------------------------------------------------------------
  await world.advance(15 * MINUTE);
  chapter('The first reconciliation run (every 15 minutes) catches up with what happened before');
  const customers = ns.query(
    `SELECT c.id, c.companyname, c.parent, BUILTIN.DF(c.terms) AS terms FROM customer c WHERE c.custentity_sb2b_gid IS NOT NULL ORDER BY c.id`,
  ) as { id: number; companyname: string; parent: number | null; terms: string | null }[];
  for (const company of companies) {
    const parent = customers.find((c) => c.companyname === company.name && !c.parent);
    const subs = parent ? customers.filter((c) => c.parent === parent.id) : [];
    expectThat(
      !!parent && subs.length === company.locations.length,
      `Company "${company.name}" → customer #${parent?.id} with sub-customers ${subs.map((s) => `"${s.companyname}"${s.terms ? ` (${s.terms})` : ''}`).join(', ')}`,
      `company "${company.name}" did not arrive as a customer with ${company.locations.length} sub-customers`,
    );
  }
  const contacts = ns.query(`SELECT COUNT(*) AS n FROM contact WHERE custentity_sb2b_gid IS NOT NULL`)[0].n as number;
  note(`${contacts} contacts linked to their Shopify company contacts`);
  for (const order of (await shopifyOrders()).filter((o) => o.company)) {
    const so = salesOrders().find((s) => s.gid === order.id);
    expectThat(
      !!so && Math.abs(so.foreigntotal - Number(order.totals.total)) < 0.005,
      `B2B order ${order.name} (PO ${order.poNumber}) → sales order ${so?.tranid} for ${so?.customer}, ${money(so?.foreigntotal ?? 0)} as in Shopify`,
      `B2B order ${order.name} did not become a sales order with Shopify's total`,
    );
  }
  const b2cBefore = (await shopifyOrders()).filter((o) => !o.company);
  expectThat(
    !salesOrders().some((s) => b2cBefore.some((o) => o.id === s.gid)),
    `${b2cBefore.map((o) => o.name).join(', ')}, a consumer (B2C) order, stays out of NetSuite: this store syncs B2B orders only`,
    `a B2C order placed before today became a sales order`,
  );

  // ---- 10:00 a B2B order through the webhook ------------------------------------------------------
  await world.advance(45 * MINUTE);
  chapter('A buyer at Initech orders safety gear on the B2B storefront');
  const initech = await placeOrder({ company: 'NS-CUST-1002', poNumber: 'PO-7740', lines: [{ sku: 'GLV-NIT-100', quantity: 20 }, { sku: 'HAT-YEL', quantity: 10 }], shipping: { title: 'Ground', price: '35.00' } });
  await world.settle();
  const initechSo = await salesOrderFor('PO-7740');
  expectThat(
    !!initechSo && Math.abs(initechSo.foreigntotal - Number(initech.totals.total)) < 0.005,
    `Shopify ${initech.name} → sales order ${initechSo?.tranid}, ${money(initech.totals.total)}, at once: webhook → relay → RESTlet → queue → mr_inbound, started by the RESTlet rather than the 15-minute schedule`,
    `order ${initech.name} (PO-7740) did not arrive through its webhook`,
  );

  // ---- 10:05 a B2C order ---------------------------------------------------------------------------
  await world.advance(5 * MINUTE);
  chapter('A consumer buys one box of gloves on the retail storefront');
  const consumer = await placeOrder({ customer: { email: 'sam.rivera@example.com', firstName: 'Sam', lastName: 'Rivera' }, financialStatus: 'PAID', lines: [{ sku: 'GLV-NIT-100', quantity: 1 }], shipping: { title: 'Standard', price: '6.95' } });
  await world.settle();
  const skipped = queueEntries().find((e) => e.gid === consumer.id);
  expectThat(
    !!skipped && skipped.status === 'skipped' && !salesOrders().some((s) => s.gid === consumer.id),
    `Shopify ${consumer.name} is B2C: no sales order; the queue says "${skipped?.status}: ${skipped?.message ?? ''}"`,
    `the B2C order ${consumer.name} was not skipped (queue: ${skipped?.status ?? 'nothing'})`,
  );

  // ---- 11:00 ship an order with tracking ---------------------------------------------------------
  await world.advance(55 * MINUTE);
  chapter('The Columbus warehouse ships Globex\'s PO-44021 by UPS');
  const globexSo = (await salesOrderFor('PO-44021'))!;
  const ups = ns.records.seed('shipitem', { itemid: 'UPS Ground' });
  const fulfillmentId = ns.ui.transform('salesorder', globexSo.id, 'itemfulfillment', { shipstatus: 'C', shipmethod: ups }, { package: [{ packageweight: 40, packagetrackingnumber: '1Z999AA10123456784' }] });
  await world.settle();
  const globexOrder = (await shopifyOrders()).find((o) => o.poNumber === 'PO-44021')!;
  const tracking = globexOrder.fulfillments.flatMap((f) => f.trackingInfo);
  expectThat(
    tracking.some((t) => t.number === '1Z999AA10123456784'),
    `Item fulfillment ${fulfillmentId} → Shopify ${globexOrder.name} fulfilled, tracking ${tracking.map((t) => `${t.company ?? ''} ${t.number}`.trim()).join(', ')}${tracking[0]?.url ? ` (${tracking[0].url})` : ''}`,
    `the shipment of PO-44021 did not reach Shopify with its tracking number`,
  );

  // ---- 11:30 stock --------------------------------------------------------------------------------
  await world.advance(30 * MINUTE);
  chapter('A pallet of M8 bolts arrives at Reno; the next inventory run pushes what can be sold');
  ns.ui.create('inventoryadjustment', { account: 1, subsidiary: 1, memo: 'Receiving: pallet of HB-M8-60' }, { inventory: [{ item: world.items['HB-M8-60'], location: world.locations['Reno DC'].netsuiteId, adjustqtyby: 2400 }] });
  await world.advance(15 * MINUTE);
  const stockNow = async (sku: string, location: string) => (await world.shopify.get<ShopifyStock[]>(`/shops/${shop}/inventory?sku=${sku}`))[0]?.levels[location]?.available;
  const renoBolts = await stockNow('HB-M8-60', 'Reno DC');
  const nsRenoBolts = ns.inventory.level(world.items['HB-M8-60'], world.locations['Reno DC'].netsuiteId).available;
  expectThat(renoBolts === nsRenoBolts, `HB-M8-60 at Reno DC: Shopify shows ${renoBolts} available, NetSuite has ${nsRenoBolts}`, `HB-M8-60 at Reno DC: Shopify shows ${renoBolts}, NetSuite has ${nsRenoBolts} available`);
  const columbusBolts = await stockNow('HB-M8-40', 'Columbus DC');
  const nsColumbusBolts = ns.inventory.level(world.items['HB-M8-40'], world.locations['Columbus DC'].netsuiteId).available;
  expectThat(columbusBolts === nsColumbusBolts, `HB-M8-40 at Columbus DC after shipping 1,000 to Globex: Shopify ${columbusBolts}, NetSuite ${nsColumbusBolts}`, `HB-M8-40 at Columbus DC: Shopify ${columbusBolts}, NetSuite ${nsColumbusBolts}`);

  // ---- 13:00 a bad afternoon ----------------------------------------------------------------------
  await world.advance(HOUR + 15 * MINUTE);
  chapter('A bad afternoon: Shopify throttles and answers 503, one webhook comes twice and one never comes');
  await world.shopify.post('/faults', { target: 'admin', sequence: ['throttled', 'http503', 'throttled'] });
  await world.shopify.post('/faults', { target: 'webhook', fault: 'duplicate', times: 1, match: { topic: 'orders/create' } });
  const globexRush = await placeOrder({ company: 'NS-CUST-1001', companyLocation: 'Globex Shelbyville', poNumber: 'PO-44030', lines: [{ sku: 'FW-M8-100', quantity: 40 }, { sku: 'HB-M8-80', quantity: 500 }], shipping: { title: 'Ground', price: '24.00' } });
  await world.settle();
  await world.shopify.post('/faults', { target: 'webhook', fault: 'drop', times: 10, match: { topic: 'orders/create' } });
  const stark = await placeOrder({ company: 'Stark Fabrication', poNumber: 'SF-0091', lines: [{ sku: 'PJ-2500', quantity: 2 }, { sku: 'GLV-NIT-100', quantity: 5 }], shipping: { title: 'Freight', price: '140.00' } });
  await world.settle();
  await world.shopify.delete('/faults');
  const rushCopies = salesOrders().filter((s) => s.gid === globexRush.id).length;
  // The duplicate: Shopify delivered the same event twice; the RESTlet queued it once (its key is the event's id).
  const rushCreated = (await world.shopify.get<{ eventId: string; body: string }[]>(`/webhooks/deliveries?shop=${shop}&topic=orders/create`)).filter((d) => d.body.includes(globexRush.id));
  const rushEvents = [...new Set(rushCreated.map((d) => d.eventId))];
  const rushQueued = rushEvents.length === 1 ? Number(ns.query(`SELECT COUNT(*) AS n FROM customrecord_sb2b_queue WHERE externalid LIKE ?`, [`%@event:${rushEvents[0]}`])[0].n) : 0;
  expectThat(
    rushCopies === 1 && rushCreated.length === 2 && rushQueued === 1,
    `Globex ${globexRush.name} (PO-44030) → one sales order, through a throttled call, a 503 and a webhook delivered twice (queued once)`,
    `Globex ${globexRush.name}: ${rushCopies} sales orders, its orders/create delivered ${rushCreated.length} times and queued ${rushQueued} times`,
  );
  const starkEarly = salesOrders().some((s) => s.gid === stark.id);
  expectThat(!starkEarly, `Stark ${stark.name}: its webhook was dropped, so NetSuite does not know it yet`, `Stark ${stark.name} arrived although its webhook was dropped`);
  await world.advance(15 * MINUTE);
  const starkSo = salesOrders().find((s) => s.gid === stark.id);
  expectThat(
    !!starkSo && Math.abs(starkSo.foreigntotal - Number(stark.totals.total)) < 0.005,
    `${clockTime()}: the reconciliation run found ${stark.name} → sales order ${starkSo?.tranid}, ${money(stark.totals.total)}`,
    `the reconciliation run did not recover ${stark.name}, whose webhook was dropped`,
  );

  // ---- the end of the day --------------------------------------------------------------------------
  await world.advance(HOUR);
  await beforeReconciliation?.(world);
  chapter('End of day: do Shopify and NetSuite agree?');
  const rows = await reconcile(world);
  const widths = [Math.max(...rows.map((r) => r.what.length), 4), Math.max(...rows.map((r) => r.shopify.length), 7), Math.max(...rows.map((r) => r.netsuite.length), 8)];
  const line = (cells: string[]) => `       ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')}`;
  print(line(['', 'Shopify', 'NetSuite', '']));
  for (const row of rows) print(line([row.what, row.shopify, row.netsuite, row.agree ? '✓' : '✗ DIFFERENT']));
  for (const row of rows.filter((r) => !r.agree)) problems.push(`${row.what}: Shopify ${row.shopify}, NetSuite ${row.netsuite}`);

  const metrics = await world.shopify.get<{ byShop: Record<string, { calls: number; actualCost: number; throttled: number }> }>('/metrics');
  const shopMetrics = metrics.byShop[shop] ?? { calls: 0, actualCost: 0, throttled: 0 };
  const deliveries = await world.shopify.get<unknown[]>(`/webhooks/deliveries?shop=${shop}`);
  const stats = {
    netsuiteUnits: ns.governance.units({}),
    shopifyCalls: shopMetrics.calls,
    shopifyCost: shopMetrics.actualCost,
    throttled: shopMetrics.throttled,
    webhooks: deliveries.length,
  };
  print(
    `\n       The day cost ${stats.netsuiteUnits.toLocaleString('en-US')} NetSuite usage units, ${stats.shopifyCalls} Admin API calls (${stats.shopifyCost} cost points, ${stats.throttled} throttled) and ${stats.webhooks} webhooks.`,
  );
  const ok = problems.length === 0;
  print(ok ? '\nEverything agrees. Next: npm run serve, and try it yourself (docs/sandbox.md).' : `\n${problems.length} thing(s) did not agree:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return { ok, rows, problems, stats };
}

/** Counts and totals on both sides, read straight from each (the control API and SuiteQL). */
export async function reconcile(world: World): Promise<ReconciliationRow[]> {
  const ns = world.netsuite;
  const orders = await world.shopify.get<ShopifyOrder[]>(`/shops/${world.shop}/orders`);
  const companies = await world.shopify.get<ShopifyCompany[]>(`/shops/${world.shop}/companies`);
  const stock = await world.shopify.get<ShopifyStock[]>(`/shops/${world.shop}/inventory`);
  const rows: ReconciliationRow[] = [];
  const row = (what: string, shopify: string | number, netsuite: string | number) => rows.push({ what, shopify: String(shopify), netsuite: String(netsuite), agree: String(shopify) === String(netsuite) });

  const b2b = orders.filter((o) => o.company && !o.cancelledAt);
  const salesOrders = ns.query(`SELECT COUNT(*) AS n, SUM(foreigntotal) AS total FROM transaction WHERE type = 'SalesOrd' AND custbody_sb2b_gid IS NOT NULL`)[0] as { n: number; total: number | null };
  row('B2B orders → sales orders', b2b.length, salesOrders.n);
  row('  their totals', money(b2b.reduce((s, o) => s + Number(o.totals.total), 0)), money(salesOrders.total ?? 0));
  row('Companies → customers', companies.length, ns.query(`SELECT COUNT(*) AS n FROM customer WHERE custentity_sb2b_gid LIKE 'gid://shopify/Company/%'`)[0].n as number);
  row(
    'Company locations → sub-customers',
    companies.reduce((n, c) => n + c.locations.length, 0),
    ns.query(`SELECT COUNT(*) AS n FROM customer WHERE custentity_sb2b_gid LIKE 'gid://shopify/CompanyLocation/%' OR custentity_sb2b_location_gid IS NOT NULL`)[0].n as number,
  );
  const shopifyTracked = orders.flatMap((o) => o.fulfillments).filter((f) => f.trackingInfo.length > 0).length;
  row('Shipments with tracking', shopifyTracked, ns.query(`SELECT COUNT(*) AS n FROM transaction WHERE type = 'ItemShip' AND custbody_sb2b_fulfillment_gid IS NOT NULL`)[0].n as number);

  let levels = 0;
  let matching = 0;
  const differing: string[] = [];
  for (const item of stock) {
    const itemId = world.items[item.sku];
    if (itemId === undefined) continue;
    for (const [locationName, quantities] of Object.entries(item.levels)) {
      const location = world.locations[locationName];
      if (!location) continue;
      levels++;
      const netsuiteAvailable = Math.max(0, ns.inventory.level(itemId, location.netsuiteId).available);
      if (quantities.available === netsuiteAvailable) matching++;
      else differing.push(`${item.sku} at ${locationName}: Shopify ${quantities.available}, NetSuite ${netsuiteAvailable}`);
    }
  }
  row('Stock levels, available', `${levels} levels`, `${matching} of ${levels} equal`);
  rows[rows.length - 1].agree = matching === levels;
  if (differing.length) rows[rows.length - 1].netsuite += ` (${differing.join('; ')})`;
  const stuck = ns.query(`SELECT COUNT(*) AS n FROM customrecord_sb2b_queue WHERE custrecord_sb2b_q_status IN ('pending', 'processing', 'retrying', 'dead')`)[0].n as number;
  row('Queue entries left waiting, retrying or dead-lettered', 0, stuck);
  return rows;
}
