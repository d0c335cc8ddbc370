/**
 * B2B order sync and order sync through the built bundle: orders placed in the local store (whose
 * REST-shaped webhooks reach NetSuite through the relay) become sales orders, or are told apart
 * and skipped; the sales order carries what the issue lists, its total equals Shopify's to the cent;
 * an order NetSuite cannot take yet fails with a message saying what to fix, writes nothing, and
 * succeeds once it is fixed.
 */
import { createWorld, type World } from '../../../sandbox/world';
import { count, inboundEntries, placeOrder, productLines, salesOrderFor, type PlacedOrder } from './support';

async function gql<T>(world: World, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await world.shopify.graphql<T>(query, variables);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!;
}

/** The queue entries of one Shopify object. */
function entriesOf(world: World, gid: string) {
  return inboundEntries(world).filter((e) => e.gid === gid);
}

/** Shopify's own totals for an order, read through the Admin API. */
async function shopifyTotals(world: World, gid: string) {
  return (
    await gql<{ order: { currentTotalPriceSet: { shopMoney: { amount: string } }; currentTotalTaxSet: { shopMoney: { amount: string } } } }>(
      world,
      'query T($id: ID!) { order(id: $id) { currentTotalPriceSet { shopMoney { amount } } currentTotalTaxSet { shopMoney { amount } } } }',
      { id: gid },
    )
  ).order;
}

/** Sends the admin's Retry on every open entry of an object (the queue entry's Retry box, saved as a user). */
function retry(world: World, gid: string) {
  for (const entry of entriesOf(world, gid).filter((e) => e.status === 'retrying' || e.status === 'dead')) {
    world.netsuite.ui.edit('customrecord_sb2b_queue', entry.id, { custrecord_sb2b_q_retry: true });
  }
}

const cents = (value: unknown) => Math.round(Number(value) * 100);

describe('B2B order sync: which orders', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld({ store: { custrecord_sb2b_legacy_by_tag: true, custrecord_sb2b_legacy_order_tags: 'wholesale, trade', custrecord_sb2b_legacy_customer_tags: 'B2B' } });
    await world.shopify.post(`/shops/${world.shop}/seed`, { customers: [{ email: 'dana@retail.example', firstName: 'Dana', lastName: 'Scully', tags: ['b2b', 'vip'] }] });
  }, 60_000);
  afterAll(() => world?.close());

  it('skips a B2C order as skipped, with the reason, never as an error, and writes nothing', async () => {
    const customers = count(world, 'customer');
    const placed = await placeOrder(world, { customer: { email: 'pat@home.example', firstName: 'Pat' }, lines: [{ sku: 'GLV-NIT-100', quantity: 1 }], financialStatus: 'PAID' });
    await world.settle();
    const entries = entriesOf(world, placed.id);
    expect(entries.length).toBeGreaterThan(0); // orders/create and orders/paid
    for (const entry of entries) expect(entry).toMatchObject({ status: 'skipped', code: null, note: `B2C order ${placed.name}: not synced (Import B2C orders is off for store Acme Industrial Supply)` });
    expect(salesOrderFor(world, placed.id)).toBeUndefined();
    expect(count(world, 'customer')).toBe(customers);
    expect(world.netsuite.emails).toEqual([]); // nothing for a person to do
  });

  it('skips test orders', async () => {
    const placed = await placeOrder(world, { company: 'NS-CUST-1002', test: true, lines: [{ sku: 'HAT-YEL', quantity: 1 }] });
    await world.settle();
    expect(entriesOf(world, placed.id)).toEqual([expect.objectContaining({ status: 'skipped', note: `test order ${placed.name}: not synced` })]);
  });

  it('with the legacy flags, syncs an order tagged B2B, and one whose customer is tagged B2B, each to a customer for that buyer', async () => {
    const tagged = await placeOrder(world, { customer: { email: 'fox@mulder.example', firstName: 'Fox', lastName: 'Mulder' }, tags: ['Wholesale'], billingAddress: { company: 'Mulder Imports', address1: '2630 Hegal Pl', city: 'Alexandria', provinceCode: 'VA', countryCode: 'US', zip: '22314' }, lines: [{ sku: 'HB-M8-40', quantity: 10 }] });
    const byCustomer = await placeOrder(world, { customer: { email: 'dana@retail.example' }, lines: [{ sku: 'HB-M8-60', quantity: 10 }] });
    await world.settle();
    const first = salesOrderFor(world, tagged.id)!;
    const second = salesOrderFor(world, byCustomer.id)!;
    expect(world.netsuite.records.get('customer', Number(first.fields.entity))!.fields).toMatchObject({ companyname: 'Mulder Imports', email: 'fox@mulder.example', isperson: 'F' });
    expect(world.netsuite.records.get('customer', Number(second.fields.entity))!.fields).toMatchObject({ companyname: 'Dana Scully', email: 'dana@retail.example' });
    // Dana's next order goes to the same customer.
    const again = await placeOrder(world, { customer: { email: 'dana@retail.example' }, lines: [{ sku: 'HB-M8-60', quantity: 1 }] });
    await world.settle();
    expect(salesOrderFor(world, again.id)!.fields.entity).toBe(second.fields.entity);
  });

  it('imports B2C orders to the default customer when the store asks for it', async () => {
    const walkIn = world.netsuite.records.seed('customer', { companyname: 'Web shop customers', isperson: 'F', subsidiary: 1 });
    world.netsuite.ui.edit('customrecord_sb2b_store', world.storeId, { custrecord_sb2b_import_b2c: true, custrecord_sb2b_b2c_customer: walkIn });
    const placed = await placeOrder(world, { customer: { email: 'pat@home.example' }, lines: [{ sku: 'GLV-NIT-100', quantity: 2 }] });
    await world.settle();
    expect(salesOrderFor(world, placed.id)!.fields).toMatchObject({ entity: String(walkIn), custbody_sb2b_order_name: placed.name });
  });
});

describe('order sync: the sales order', () => {
  let world: World;
  let net30: number;
  let taxItem: number;
  beforeAll(async () => {
    world = await createWorld();
    net30 = Number(world.netsuite.query(`SELECT id FROM term WHERE name = 'Net 30'`)[0].id);
    taxItem = world.netsuite.records.seed('noninventoryitem', { itemid: 'Shopify tax', subsidiary: 1 });
  }, 60_000);
  afterAll(() => world?.close());

  let first: PlacedOrder;

  it('brings in the company, its locations and contacts first, then books the order to the location, with PO, terms, date, name, gid and external id', async () => {
    first = await placeOrder(world, { company: 'NS-CUST-1001', poNumber: 'PO-77001', note: 'Dock 2 please', processedAt: '2026-11-01T15:30:00Z', lines: [{ sku: 'HB-M8-40', quantity: 500 }, { sku: 'FW-M8-100', quantity: 4 }] });
    await world.settle();
    const so = salesOrderFor(world, first.id)!;
    const springfield = world.netsuite.records.list('customer').find((c) => c.fields.companyname === 'Globex Springfield')!;
    expect(so.fields).toMatchObject({
      entity: String(springfield.id),
      externalid: `sb2b:${world.shop}:${first.id.replace('gid://shopify/', '')}`,
      otherrefnum: 'PO-77001',
      terms: String(net30),
      custbody_sb2b_gid: first.id,
      custbody_sb2b_order_name: first.name,
      custbody_sb2b_store: String(world.storeId),
      custbody_sb2b_status: 'PENDING / UNFULFILLED',
      orderstatus: 'B', // Pending Fulfillment, the default New order status
      memo: `Shopify ${first.name}. Dock 2 please`,
      location: String(world.locations['Columbus DC'].netsuiteId),
    });
    expect(so.fields.currency).toBe('1'); // the store's own currency: the customer's default, not set
    expect((so.fields.trandate as Date).toISOString().slice(0, 10)).toBe('2026-11-01');
    expect(so.subrecords.shippingaddress).toMatchObject({ addr1: '742 Evergreen Terrace', city: 'Springfield', state: 'IL', zip: '62701', country: 'US' });
    // Exactly the company's records: parent, two locations, two contacts.
    expect(world.netsuite.records.list('customer').map((c) => c.fields.companyname).sort()).toEqual(['Globex Manufacturing', 'Globex Shelbyville', 'Globex Springfield']);
    expect(world.netsuite.records.list('contact').map((c) => c.fields.lastname).sort()).toEqual(['Diaz', 'Park']);
  });

  it("matches lines by SKU in one batched lookup, with Shopify's prices over NetSuite's price levels", async () => {
    await placeOrder(world, { company: 'NS-CUST-1001', lines: [{ sku: 'HB-M8-40', quantity: 1 }] });
    await world.settle(); // the company is known from here on
    const skus = ['HB-M8-40', 'HB-M8-60', 'HB-M8-80', 'FW-M8-100', 'FW-M8-1000', 'GLV-NIT-100', 'HAT-WHT', 'HAT-YEL', 'PJ-2500'];
    const placed = await placeOrder(world, { company: 'NS-CUST-1001', lines: skus.map((sku, i) => ({ sku, quantity: i + 1, ...(sku === 'PJ-2500' ? { price: '350.00' } : {}) })) });
    await world.settle();
    const so = salesOrderFor(world, placed.id)!;
    expect(productLines(world, so).map((l) => l.sku)).toEqual(skus);
    const jack = so.sublists.item.find((l) => Number(l.item) === world.items['PJ-2500'])!;
    expect(jack).toMatchObject({ price: '-1', rate: 350, amount: 3150 }); // the buyer's negotiated price, price level Custom
    const reduce = world.netsuite.governance.select({ scriptId: 'customscript_sb2b_mr_inbound', stage: 'reduce' }).filter((i) => i.key?.endsWith(placed.id));
    expect(reduce).toHaveLength(1);
    expect(reduce[0].calls['query.runSuiteQL']).toEqual({ count: 1, units: 10 }); // sales order, customers and all nine items in one query
  });

  it("adds discounts, shipping and tax so that NetSuite's total is Shopify's to the cent", async () => {
    world.netsuite.ui.edit('customrecord_sb2b_store', world.storeId, { custrecord_sb2b_tax_item: taxItem });
    const placed = await placeOrder(world, {
      company: 'NS-CUST-1002',
      discount: { code: 'SPRING15', percentage: 15 },
      shipping: { title: 'LTL Freight', price: '87.33' },
      lines: [
        { sku: 'HB-M8-40', quantity: 333, taxRate: '0.0825' },
        { sku: 'FW-M8-100', quantity: 7, taxRate: '0.0825' },
        { sku: 'HAT-YEL', quantity: 3, price: '17.99', taxRate: '0.0825' },
      ],
    });
    await world.settle();
    const so = salesOrderFor(world, placed.id)!;
    const shopify = await shopifyTotals(world, placed.id);
    expect(cents(so.fields.total)).toBe(cents(shopify.currentTotalPriceSet.shopMoney.amount));
    expect(so.fields.custbody_sb2b_total_variance).toBe(0);
    const kinds = so.sublists.item.map((l) => [Number(l.item), l.description]);
    expect(kinds).toContainEqual([world.orderItems.discount, `Shopify discounts on ${placed.name}`]);
    expect(kinds).toContainEqual([world.orderItems.shipping, 'LTL Freight']);
    expect(kinds).toContainEqual([taxItem, `Shopify tax on ${placed.name}`]);
    const tax = so.sublists.item.find((l) => Number(l.item) === taxItem)!;
    expect(cents(tax.amount)).toBe(cents(shopify.currentTotalTaxSet.shopMoney.amount));
  });

  it('without a tax item, leaves tax to NetSuite and records how far its total is from Shopify’s', async () => {
    world.netsuite.ui.edit('customrecord_sb2b_store', world.storeId, { custrecord_sb2b_tax_item: '' });
    const placed = await placeOrder(world, { company: 'NS-CUST-1002', lines: [{ sku: 'GLV-NIT-100', quantity: 3, taxRate: '0.0725' }], shipping: { title: 'Ground', price: '9.99' } });
    await world.settle();
    const so = salesOrderFor(world, placed.id)!;
    const shopify = await shopifyTotals(world, placed.id);
    // The sandbox account calculates no tax, so the whole of Shopify's tax is the variance.
    expect(cents(so.fields.custbody_sb2b_total_variance)).toBe(cents(shopify.currentTotalTaxSet.shopMoney.amount));
    expect(cents(so.fields.total) + cents(so.fields.custbody_sb2b_total_variance)).toBe(cents(shopify.currentTotalPriceSet.shopMoney.amount));
    expect(entriesOf(world, placed.id)[0].note).toMatch(/NetSuite's total differs from Shopify's by 2\.72 USD \(tax\), recorded on the order$/);
  });

  it('uses the order status the store chose', async () => {
    const approval = world.netsuite.query(`SELECT id FROM customlist_sb2b_order_status WHERE scriptid = 'VAL_SB2B_PENDING_APPROVAL'`)[0].id;
    world.netsuite.ui.edit('customrecord_sb2b_store', world.storeId, { custrecord_sb2b_order_status: approval });
    const placed = await placeOrder(world, { company: 'NS-CUST-1002', lines: [{ sku: 'HAT-YEL', quantity: 1 }] });
    await world.settle();
    expect(salesOrderFor(world, placed.id)!.fields).toMatchObject({ orderstatus: 'A', status: 'Pending Approval' });
  });

  it('commits each line where Shopify ships it from, for an order split across locations', async () => {
    // HAT-WHT is stocked only in Columbus, HAT-YEL only in Reno: Shopify makes a fulfillment order at each.
    const placed = await placeOrder(world, { company: 'NS-CUST-1001', lines: [{ sku: 'HAT-WHT', quantity: 2 }, { sku: 'HAT-YEL', quantity: 2 }] });
    await world.settle();
    const so = salesOrderFor(world, placed.id)!;
    const lineLocation = (sku: string) => so.sublists.item.find((l) => Number(l.item) === world.items[sku])!.location;
    expect(lineLocation('HAT-WHT')).toBe(String(world.locations['Columbus DC'].netsuiteId));
    expect(lineLocation('HAT-YEL')).toBe(String(world.locations['Reno DC'].netsuiteId));
  });
});

describe('deposit mode (PostCustomerDepositForShopifyB2B)', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld({ store: { custrecord_sb2b_post_deposits: true } });
  }, 60_000);
  afterAll(() => world?.close());

  it('records what the buyer paid as customer deposits on the sales order, one per Shopify payment, never twice', async () => {
    const ids = await gql<{ companyLocations: { nodes: { id: string }[] }; productVariants: { nodes: { id: string }[] } }>(
      world,
      '{ companyLocations(first: 1, query: "external_id:NS-ADDR-1002-1") { nodes { id } } productVariants(first: 1, query: "sku:PJ-2500") { nodes { id } } }',
    );
    // A deposit of 30% taken at checkout (Shopify B2B deposits), the rest on Net 15 terms.
    const created = await gql<{ orderCreate: { order: { id: string; name: string }; userErrors: unknown[] } }>(
      world,
      'mutation O($order: OrderCreateOrderInput!) { orderCreate(order: $order) { order { id name } userErrors { field message } } }',
      {
        order: {
          companyLocationId: ids.companyLocations.nodes[0].id,
          customer: { toAssociate: { email: 'bill@initech.example' } },
          poNumber: 'PO-DEPOSIT',
          lineItems: [{ variantId: ids.productVariants.nodes[0].id, quantity: 2 }],
          transactions: [{ kind: 'SALE', status: 'SUCCESS', gateway: 'shopify_payments', amountSet: { shopMoney: { amount: '233.40', currencyCode: 'USD' } } }],
        },
      },
    );
    expect(created.orderCreate.userErrors).toEqual([]);
    const order = created.orderCreate.order;
    await world.settle();
    const so = salesOrderFor(world, order.id)!;
    const deposits = () => world.netsuite.query(`SELECT foreigntotal, externalid FROM transaction WHERE type = 'CustDep' ORDER BY id`);
    expect(world.netsuite.records.list('customerdeposit').map((d) => [d.fields.salesorder, d.fields.payment, d.fields.customer])).toEqual([[String(so.id), 233.4, so.fields.entity]]);

    // The rest is paid later: a second deposit for the second payment, none again for the first.
    await world.advance(60_000);
    await gql(world, 'mutation P($id: ID!) { orderMarkAsPaid(input: { id: $id }) { userErrors { message } } }', { id: order.id });
    await world.settle();
    expect(world.netsuite.records.list('customerdeposit').map((d) => d.fields.payment)).toEqual([233.4, 544.6]);
    expect(deposits()).toHaveLength(2);
  });
});

describe('bad input: a clear error on the entry, nothing half-written, retried once fixed', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
    await world.shopify.post(`/shops/${world.shop}/seed`, {
      products: [
        { title: 'Torque wrench', variants: [{ sku: 'TW-100', price: '145.00', stock: { 'Columbus DC': 20 } }] },
        { title: 'Anchor bolt', variants: [{ sku: 'AB-12', price: '2.10', stock: { 'Columbus DC': 500 } }] },
      ],
    });
  }, 60_000);
  afterAll(() => world?.close());

  it('an unknown SKU: the message names every missing SKU; the order succeeds once the items are linked', async () => {
    const placed = await placeOrder(world, { company: 'NS-CUST-1002', poNumber: 'PO-SKU', lines: [{ sku: 'TW-100', quantity: 1 }, { sku: 'AB-12', quantity: 40 }, { sku: 'HAT-YEL', quantity: 1 }] });
    await world.settle();
    const [entry] = entriesOf(world, placed.id);
    expect(entry).toMatchObject({
      status: 'retrying',
      code: 'SKU_NOT_FOUND',
      message: `Order ${placed.name}: No NetSuite item matches "TW-100" (Torque wrench), "AB-12" (Anchor bolt). Give the NetSuite item exactly the Shopify SKU as its name (case matters) or set its Shopify variant ID, then retry this entry.`,
    });
    // Nothing written: no sales order, and not even the company it would have brought in.
    expect(salesOrderFor(world, placed.id)).toBeUndefined();
    expect(count(world, 'customer')).toBe(0);

    // One item gets the SKU as its name, the other is linked by its Shopify variant ID.
    world.netsuite.ui.create('inventoryitem', { itemid: 'TW-100', subsidiary: 1 });
    const variant = (await gql<{ productVariants: { nodes: { id: string }[] } }>(world, '{ productVariants(first: 1, query: "sku:AB-12") { nodes { id } } }')).productVariants.nodes[0].id;
    const anchor = world.netsuite.ui.create('inventoryitem', { itemid: 'Anchor bolt 12 mm (ours)', subsidiary: 1, custitem_sb2b_variant_gid: variant });
    await world.advance(15 * 60_000); // the retry falls due a minute later; the processor's next run takes it
    const so = salesOrderFor(world, placed.id)!;
    expect(so.fields.otherrefnum).toBe('PO-SKU');
    expect(so.sublists.item.find((l) => Number(l.item) === anchor)).toMatchObject({ quantity: 40, rate: 2.1 });
    expect(entriesOf(world, placed.id)[0]).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('a line with no SKU and no item: says so', async () => {
    const placed = await placeOrder(world, { company: 'NS-CUST-1002', lines: [{ title: 'Custom bracket (quoted)', quantity: 2, price: '40.00' }] });
    await world.settle();
    expect(entriesOf(world, placed.id)[0]).toMatchObject({ status: 'retrying', code: 'SKU_NOT_FOUND', message: expect.stringContaining('No NetSuite item matches no SKU on "Custom bracket (quoted)"') });
  });

  it('payment terms NetSuite cannot match: nothing written until a mapping exists, then the admin’s Retry books it', async () => {
    // Initech's location moves to "Due on fulfillment": NetSuite has no term of that name, nor a mapping for it.
    const location = (await gql<{ companyLocations: { nodes: { id: string }[] } }>(world, '{ companyLocations(first: 1, query: "external_id:NS-ADDR-1002-1") { nodes { id } } }')).companyLocations.nodes[0].id;
    await gql(world, 'mutation U($l: ID!) { companyLocationUpdate(companyLocationId: $l, input: { buyerExperienceConfiguration: { paymentTermsTemplateId: "gid://shopify/PaymentTermsTemplate/7" } }) { userErrors { message } } }', { l: location });
    await world.advance(1000);
    const customers = count(world, 'customer');
    const placed = await placeOrder(world, { company: 'NS-CUST-1002', lines: [{ sku: 'PJ-2500', quantity: 1 }] });
    await world.settle();
    expect(entriesOf(world, placed.id)[0]).toMatchObject({
      status: 'retrying',
      code: 'PAYMENT_TERMS_UNMAPPED',
      message: 'Shopify payment terms "Due on fulfillment" match no NetSuite term. Add a Shopify B2B Payment Terms Mapping on store Acme Industrial Supply (Companies tab) or a NetSuite term of that name, then retry this entry.',
    });
    expect(salesOrderFor(world, placed.id)).toBeUndefined();
    expect(count(world, 'customer')).toBe(customers);

    const receipt = world.netsuite.query(`SELECT id FROM term WHERE name = 'Due on receipt'`)[0].id;
    world.netsuite.ui.create('customrecord_sb2b_terms_map', { name: 'On fulfillment', custrecord_sb2b_tm_store: world.storeId, custrecord_sb2b_tm_shopify_name: 'Due on fulfillment', custrecord_sb2b_tm_term: receipt });
    retry(world, placed.id);
    await world.settle();
    expect(salesOrderFor(world, placed.id)!.fields.terms).toBe(String(receipt));
    expect(entriesOf(world, placed.id)[0].status).toBe('done');
  });

  it('a Shopify location NetSuite has no mapping for, on a store without a default location', async () => {
    world.netsuite.ui.edit('customrecord_sb2b_store', world.storeId, { custrecord_sb2b_default_location: '' });
    const dallas = await world.shopify.post<{ locations: string[] }>(`/shops/${world.shop}/seed`, {
      locations: [{ name: 'Dallas DC', address: { address1: '1 Commerce St', city: 'Dallas', provinceCode: 'TX', countryCode: 'US', zip: '75201' } }],
      products: [{ title: 'Safety vest', variants: [{ sku: 'VEST-L', price: '9.50', stock: { 'Dallas DC': 100 } }] }],
    });
    world.netsuite.ui.create('inventoryitem', { itemid: 'VEST-L', subsidiary: 1 });
    const placed = await placeOrder(world, { company: 'NS-CUST-1002', lines: [{ sku: 'VEST-L', quantity: 10 }] });
    await world.settle();
    expect(entriesOf(world, placed.id)[0]).toMatchObject({
      status: 'retrying',
      code: 'LOCATION_UNMAPPED',
      message: `Order ${placed.name} ships from Shopify location "Dallas DC" (${dallas.locations[0]}), which store Acme Industrial Supply does not map to a NetSuite location. Add a Shopify B2B Location Mapping for it (Locations tab) or choose a Default location on the store, then retry this entry.`,
    });
    expect(salesOrderFor(world, placed.id)).toBeUndefined();

    const dallasNs = world.netsuite.records.seed('location', { name: 'Dallas DC', subsidiary: 1 });
    world.netsuite.ui.create('customrecord_sb2b_location_map', { custrecord_sb2b_lm_store: world.storeId, custrecord_sb2b_lm_ns_location: dallasNs, custrecord_sb2b_lm_shopify_location: dallas.locations[0] });
    retry(world, placed.id);
    await world.settle();
    expect(salesOrderFor(world, placed.id)!.fields.location).toBe(String(dallasNs));
  });

  it('a shipping charge with no Shipping item on the store', async () => {
    world.netsuite.ui.edit('customrecord_sb2b_store', world.storeId, { custrecord_sb2b_shipping_item: '' });
    const placed = await placeOrder(world, { company: 'NS-CUST-1002', lines: [{ sku: 'HAT-YEL', quantity: 1 }], shipping: { title: 'Courier', price: '15.00' } });
    await world.settle();
    expect(entriesOf(world, placed.id)[0]).toMatchObject({
      code: 'SHIPPING_ITEM_NOT_SET',
      message: `Order ${placed.name} has shipping of 15.00 USD, and store Acme Industrial Supply has no Shipping item. Choose one on the store record (Orders tab), then retry this entry.`,
    });
    world.netsuite.ui.edit('customrecord_sb2b_store', world.storeId, { custrecord_sb2b_shipping_item: world.orderItems.shipping });
    retry(world, placed.id);
    await world.settle();
    expect(salesOrderFor(world, placed.id)).toBeDefined();
  });
});
