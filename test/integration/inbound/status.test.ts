/**
 * Status sync through the built bundle: a merchant's edits in Shopify (the control API's
 * edit-order, which sends orders/edited and orders/updated as Shopify does), cancellations and
 * closing reach the sales order's unfulfilled part; what NetSuite already shipped stays.
 */
import { createWorld, type World } from '../../../sandbox/world';
import { inboundEntries, placeOrder, productLines, salesOrderFor, type PlacedOrder } from './support';

function edit(world: World, order: PlacedOrder, sku: string, quantity: number) {
  return world.shopify.post(`/shops/${world.shop}/actions/edit-order`, { orderId: order.id, sku, quantity });
}

function lastNote(world: World, gid: string): string | null {
  return inboundEntries(world).filter((e) => e.gid === gid).at(-1)!.note;
}

describe('status sync', () => {
  let world: World;
  beforeAll(async () => {
    // Fulfillment sync off: NetSuite's shipments stay in NetSuite, so Shopify still lets the order be cancelled.
    world = await createWorld({ store: { custrecord_sb2b_sync_fulfillments: false } });
  }, 60_000);
  afterAll(() => world?.close());

  it('applies quantities edited in Shopify: fewer, more, and a line removed', async () => {
    const order = await placeOrder(world, { company: 'NS-CUST-1001', lines: [{ sku: 'HB-M8-40', quantity: 100 }, { sku: 'HB-M8-60', quantity: 50 }, { sku: 'FW-M8-100', quantity: 5 }] });
    await world.settle();
    await world.advance(1000);
    await edit(world, order, 'HB-M8-40', 60);
    await edit(world, order, 'HB-M8-60', 80);
    await edit(world, order, 'FW-M8-100', 0);
    await world.settle();
    const so = salesOrderFor(world, order.id)!;
    expect(productLines(world, so)).toEqual([
      { sku: 'HB-M8-40', quantity: 60, rate: 0.35, amount: 21, closed: false },
      { sku: 'HB-M8-60', quantity: 80, rate: 0.45, amount: 36, closed: false },
      { sku: 'FW-M8-100', quantity: 5, rate: 3.9, amount: 19.5, closed: true },
    ]);
    expect(lastNote(world, order.id)).toMatch(/^sales order \d+ for #\d+: 3 line change\(s\) from Shopify$/);
  });

  it('keeps what NetSuite already fulfilled, and says what it could not apply', async () => {
    const order = await placeOrder(world, { company: 'NS-CUST-1001', lines: [{ sku: 'HB-M8-40', quantity: 100 }, { sku: 'GLV-NIT-100', quantity: 10 }] });
    await world.settle();
    const so = salesOrderFor(world, order.id)!;
    // The warehouse ships 40 bolts and no gloves.
    const boltsLine = so.sublists.item.findIndex((l) => Number(l.item) === world.items['HB-M8-40']);
    const glovesLine = so.sublists.item.findIndex((l) => Number(l.item) === world.items['GLV-NIT-100']);
    world.netsuite.ui.transform('salesorder', so.id, 'itemfulfillment', { shipstatus: 'C' }, { item: [{ line: boltsLine, quantity: 40 }, { line: glovesLine, itemreceive: false }] });
    await world.settle();
    await world.advance(1000);
    // Shopify does not know of NetSuite's shipment and lets the merchant cut the order to 30 bolts.
    await edit(world, order, 'HB-M8-40', 30);
    await world.settle();
    expect(productLines(world, salesOrderFor(world, order.id)!)).toEqual([
      expect.objectContaining({ sku: 'HB-M8-40', quantity: 40, closed: false }),
      expect.objectContaining({ sku: 'GLV-NIT-100', quantity: 10, closed: false }),
    ]);
    expect(lastNote(world, order.id)).toContain('not applied: line "Hex bolt M8, zinc plated - 40 mm": Shopify has 30, but NetSuite already fulfilled 40');

    // Cancelled in Shopify: the open lines close; the 40 shipped bolts stay shipped (nothing of them is open).
    await world.advance(1000);
    await world.shopify.post(`/shops/${world.shop}/actions/cancel-order`, { orderId: order.id, reason: 'CUSTOMER' });
    await world.settle();
    const after = salesOrderFor(world, order.id)!;
    expect(productLines(world, after)).toEqual([expect.objectContaining({ sku: 'HB-M8-40', quantity: 40, closed: false }), expect.objectContaining({ sku: 'GLV-NIT-100', quantity: 10, closed: true })]);
    expect(after.sublists.item.find((l) => Number(l.item) === world.items['HB-M8-40'])!.quantityfulfilled).toBe(40);
    expect(after.fields.custbody_sb2b_status).toBe('CANCELLED (CUSTOMER)');
  });

  it('closes every open line of a cancelled order, and says why', async () => {
    const order = await placeOrder(world, { company: 'NS-CUST-1002', lines: [{ sku: 'HAT-YEL', quantity: 3 }, { sku: 'PJ-2500', quantity: 1 }], shipping: { title: 'Freight', price: '120.00' } });
    await world.settle();
    await world.advance(1000);
    await world.shopify.post(`/shops/${world.shop}/actions/cancel-order`, { orderId: order.id, reason: 'INVENTORY' });
    await world.settle();
    const so = salesOrderFor(world, order.id)!;
    expect(so.sublists.item.every((l) => l.isclosed === true || !l.custcol_sb2b_line_gid)).toBe(true);
    expect(so.fields.status).toBe('Closed');
    expect(lastNote(world, order.id)).toMatch(/: order cancelled in Shopify \(INVENTORY\): 3 open line\(s\) closed$/); // two items and the freight
  });

  it('closes the open lines of an order closed (archived) in Shopify', async () => {
    const order = await placeOrder(world, { company: 'NS-CUST-1002', lines: [{ sku: 'HAT-YEL', quantity: 1 }] });
    await world.settle();
    await world.advance(1000);
    await world.shopify.graphql('mutation C($id: ID!) { orderClose(input: { id: $id }) { userErrors { message } } }', { id: order.id });
    await world.settle();
    expect(productLines(world, salesOrderFor(world, order.id)!)).toEqual([expect.objectContaining({ sku: 'HAT-YEL', closed: true })]);
    expect(salesOrderFor(world, order.id)!.fields.custbody_sb2b_status).toMatch(/ \/ CLOSED$/);
  });

  it('takes an edit and a cancellation made within the same second, the second one too', async () => {
    // Shopify's updated_at has whole seconds: both changes carry the same one.
    const order = await placeOrder(world, { company: 'NS-CUST-1001', lines: [{ sku: 'HB-M8-80', quantity: 20 }, { sku: 'HAT-WHT', quantity: 2 }] });
    await world.settle();
    await world.advance(1000);
    await edit(world, order, 'HB-M8-80', 10);
    await world.settle(); // the edit is synced …
    await world.shopify.post(`/shops/${world.shop}/actions/cancel-order`, { orderId: order.id }); // … and the cancel comes in the same second
    await world.settle();
    const so = salesOrderFor(world, order.id)!;
    expect(productLines(world, so)).toEqual([expect.objectContaining({ sku: 'HB-M8-80', quantity: 10, closed: true }), expect.objectContaining({ sku: 'HAT-WHT', closed: true })]);
    expect(so.fields.custbody_sb2b_status).toBe('CANCELLED (CUSTOMER)');
  });

  it("with Allow NetSuite order corrections, leaves NetSuite's lines as corrected and still follows the status", async () => {
    world.netsuite.ui.edit('customrecord_sb2b_store', world.storeId, { custrecord_sb2b_allow_ns_corrections: true });
    const order = await placeOrder(world, { company: 'NS-CUST-1001', lines: [{ sku: 'HB-M8-60', quantity: 10 }] });
    await world.settle();
    await world.advance(1000);
    await edit(world, order, 'HB-M8-60', 4);
    await world.settle();
    expect(productLines(world, salesOrderFor(world, order.id)!)).toEqual([expect.objectContaining({ sku: 'HB-M8-60', quantity: 10, closed: false })]);
    expect(lastNote(world, order.id)).toContain('not applied: line changes: NetSuite corrections are allowed on this store, so the sales order lines stand');
    world.netsuite.ui.edit('customrecord_sb2b_store', world.storeId, { custrecord_sb2b_allow_ns_corrections: false });
  });
});
