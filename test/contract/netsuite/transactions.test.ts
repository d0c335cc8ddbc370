/**
 * Transactions in the local NetSuite account: transforms carry lines and quantities as NetSuite does,
 * the sales order's status follows what was fulfilled and billed, stock per item and location moves
 * with shipped fulfillments, receipts and adjustments (available = on hand − committed), and
 * `lastquantityavailablechange` moves only when available does.
 */
import { VirtualClock } from '../../../sandbox/clock';
import { createNetSuiteAccount, UserActionError, type NetSuiteAccount } from '../../../sandbox/netsuite/account';

let account: NetSuiteAccount;
let clock: VirtualClock;
let customer: number;
let widget: number;
let gadget: number;
let setup: number;
let main: number;

beforeEach(async () => {
  clock = new VirtualClock(Date.parse('2026-11-02T09:00:00Z'));
  account = await createNetSuiteAccount({ clock });
  customer = account.records.seed('customer', { companyname: 'Acme Corp' });
  widget = account.records.seed('inventoryitem', { itemid: 'WIDGET' });
  gadget = account.records.seed('inventoryitem', { itemid: 'GADGET' });
  setup = account.records.seed('noninventoryitem', { itemid: 'SETUP' });
  main = account.records.seed('location', { name: 'Main' });
  account.inventory.setOnHand(widget, main, 10);
  account.inventory.setOnHand(gadget, main, 2);
});
afterEach(() => account.close());

const status = (type: string, id: number) => account.records.get(type, id)!.fields.status;
const stock = (item: number) => {
  const l = account.inventory.level(item, main);
  return { onHand: l.onHand, committed: l.committed, available: l.available, backordered: l.backordered };
};

function order(orderstatus = 'B', lines = [{ item: widget, quantity: 5, rate: 10 }]): number {
  return account.ui.create('salesorder', { entity: customer, orderstatus, location: main }, { item: lines });
}

describe('sales order commitments and status', () => {
  it('an order pending approval commits nothing and cannot be fulfilled', () => {
    const so = order('A');
    expect(status('salesorder', so)).toBe('Pending Approval');
    expect(stock(widget)).toEqual({ onHand: 10, committed: 0, available: 10, backordered: 0 });
    expect(() => account.ui.transform('salesorder', so, 'itemfulfillment')).toThrow(
      expect.objectContaining({ error: expect.objectContaining({ name: 'INVALID_INITIALIZE_REF', message: `You can not initialize itemfulfillment: invalid reference ${so}.` }) }),
    );
  });

  it('approving commits what is available and backorders the rest, moving lastquantityavailablechange', () => {
    const before = account.inventory.level(gadget, main).lastQuantityAvailableChange;
    clock.advance(60000);
    const so = order('B', [{ item: gadget, quantity: 5, rate: 3 }]);
    expect(status('salesorder', so)).toBe('Pending Fulfillment');
    expect(stock(gadget)).toEqual({ onHand: 2, committed: 2, available: 0, backordered: 3 });
    expect(account.records.get('salesorder', so)!.sublists.item[0]).toMatchObject({ quantitycommitted: 2, quantitybackordered: 3 });
    expect(account.inventory.level(gadget, main).lastQuantityAvailableChange!.getTime()).toBe(clock.now());
    expect(before!.getTime()).toBeLessThan(clock.now());
  });

  it('fulfilling in two shipments, then billing, walks the order from Pending Fulfillment to Billed', () => {
    const so = order('B', [
      { item: widget, quantity: 5, rate: 10 },
      { item: setup, quantity: 1, rate: 50 },
    ]);
    const lastChange = account.inventory.level(widget, main).lastQuantityAvailableChange!.getTime();
    clock.advance(60000);
    const first = account.ui.transform('salesorder', so, 'itemfulfillment', {}, { item: [{ line: 0, quantity: 3 }, { line: 1, itemreceive: false }] });
    // Shipped but not billed: ready to bill what shipped.
    expect(status('salesorder', so)).toBe('Pending Billing/Partially Fulfilled');
    expect(stock(widget)).toEqual({ onHand: 7, committed: 2, available: 5, backordered: 0 });
    // Shipping committed stock changes on hand and committed, not available.
    expect(account.inventory.level(widget, main).lastQuantityAvailableChange!.getTime()).toBe(lastChange);
    expect(account.records.get('itemfulfillment', first)!.fields).toMatchObject({ createdfrom: String(so), shipstatus: 'C', status: 'Shipped' });

    const second = account.ui.transform('salesorder', so, 'itemfulfillment');
    expect(account.records.get('itemfulfillment', second)!.sublists.item.map((l) => [l.item, l.quantity])).toEqual([
      [String(widget), 2],
      [String(setup), 1],
    ]);
    expect(status('salesorder', so)).toBe('Pending Billing');
    expect(stock(widget)).toEqual({ onHand: 5, committed: 0, available: 5, backordered: 0 });

    const invoice = account.ui.transform('salesorder', so, 'invoice');
    expect(status('salesorder', so)).toBe('Billed');
    expect(account.records.get('invoice', invoice)!.fields).toMatchObject({ total: 100, amountremaining: 100, status: 'Open', createdfrom: String(so) });
    expect(() => account.ui.transform('salesorder', so, 'invoice')).toThrow(UserActionError);

    account.ui.transform('invoice', invoice, 'customerpayment');
    expect(account.records.get('invoice', invoice)!.fields).toMatchObject({ amountremaining: 0, status: 'Paid In Full' });
  });

  it('billing what is fulfilled so far leaves the order Pending Billing/Partially Fulfilled', () => {
    const so = order();
    account.ui.transform('salesorder', so, 'itemfulfillment', {}, { item: [{ line: 0, quantity: 2 }] });
    const invoice = account.ui.transform('salesorder', so, 'invoice');
    expect(account.records.get('invoice', invoice)!.sublists.item.map((l) => l.quantity)).toEqual([2]);
    expect(status('salesorder', so)).toBe('Partially Fulfilled');
    account.ui.transform('salesorder', so, 'itemfulfillment', {}, { item: [{ line: 0, quantity: 1 }] });
    expect(status('salesorder', so)).toBe('Pending Billing/Partially Fulfilled');
  });

  it('a fulfillment relieves stock only once shipped, and deleting it puts everything back', () => {
    const so = order();
    const packed = account.ui.transform('salesorder', so, 'itemfulfillment', { shipstatus: 'B' });
    expect(stock(widget)).toEqual({ onHand: 10, committed: 0, available: 10, backordered: 0 });
    expect(status('salesorder', so)).toBe('Pending Billing');
    account.ui.edit('itemfulfillment', packed, { shipstatus: 'C' });
    expect(stock(widget)).toEqual({ onHand: 5, committed: 0, available: 5, backordered: 0 });
    account.ui.delete('itemfulfillment', packed);
    expect(stock(widget)).toEqual({ onHand: 10, committed: 5, available: 5, backordered: 0 });
    expect(status('salesorder', so)).toBe('Pending Fulfillment');
  });

  it('a fulfillment made from a loaded order makes the loaded copy stale', () => {
    const so = order();
    account.console(({ record }) => {
      const loaded = record.load({ type: 'salesorder', id: so });
      record.transform({ fromType: 'salesorder', fromId: so, toType: 'itemfulfillment' }).save();
      loaded.setValue({ fieldId: 'memo', value: 'late edit' });
      let name = '';
      try {
        loaded.save();
      } catch (e) {
        name = (e as { name: string }).name;
      }
      expect(name).toBe('RCRD_HAS_BEEN_CHANGED');
    });
  });

  it('closing every line closes the order and releases its commitment', () => {
    const so = order();
    expect(stock(widget).committed).toBe(5);
    account.ui.edit('salesorder', so, {}, { item: [{ line: 0, isclosed: true }] });
    expect(status('salesorder', so)).toBe('Closed');
    expect(stock(widget)).toEqual({ onHand: 10, committed: 0, available: 10, backordered: 0 });
  });
});

describe('returns', () => {
  it('a return authorization is received into stock, then refunded; its status follows', () => {
    const so = order();
    account.ui.transform('salesorder', so, 'itemfulfillment');
    const ra = account.ui.transform('salesorder', so, 'returnauthorization', { orderstatus: 'B' }, { item: [{ line: 0, quantity: 2 }] });
    expect(status('returnauthorization', ra)).toBe('Pending Receipt');
    clock.advance(60000);
    const receipt = account.ui.transform('returnauthorization', ra, 'itemreceipt', {}, { item: [{ line: 0, quantity: 1 }] });
    expect(status('returnauthorization', ra)).toBe('Pending Refund/Partially Received');
    expect(stock(widget).onHand).toBe(6);
    expect(account.inventory.level(widget, main).lastQuantityAvailableChange!.getTime()).toBe(clock.now());
    expect(account.records.get('itemreceipt', receipt)!.fields.createdfrom).toBe(String(ra));
    account.ui.transform('returnauthorization', ra, 'creditmemo', {}, { item: [{ line: 0, quantity: 1 }] });
    // Refunded what was received: waiting for the rest.
    expect(status('returnauthorization', ra)).toBe('Partially Received');
    account.ui.transform('returnauthorization', ra, 'itemreceipt');
    account.ui.transform('returnauthorization', ra, 'cashrefund');
    expect(status('returnauthorization', ra)).toBe('Refunded');
    expect(stock(widget).onHand).toBe(7);
  });

  it('a credit memo from an invoice pays it down', () => {
    const so = order();
    account.ui.transform('salesorder', so, 'itemfulfillment');
    const invoice = account.ui.transform('salesorder', so, 'invoice');
    account.ui.transform('invoice', invoice, 'creditmemo', {}, { item: [{ line: 0, quantity: 1 }] });
    expect(account.records.get('invoice', invoice)!.fields).toMatchObject({ total: 50, amountpaid: 10, amountremaining: 40, status: 'Open' });
  });

  it('transforms NetSuite does not offer are refused (INVALID_RCRD_TRANSFRM)', () => {
    const so = order();
    expect(() => account.ui.transform('salesorder', so, 'customerpayment')).toThrow(
      expect.objectContaining({ error: expect.objectContaining({ name: 'INVALID_RCRD_TRANSFRM' }) }),
    );
  });
});

describe('inventory adjustments and SuiteQL', () => {
  it('an adjustment changes on hand at a location; inventoryitemlocations shows it with lastquantityavailablechange', () => {
    clock.advance(30 * 60000);
    account.ui.create('inventoryadjustment', { account: '1', adjlocation: main }, { inventory: [{ item: widget, location: main, adjustqtyby: -4 }] });
    expect(
      account.query(
        `SELECT item, quantityonhand, quantityavailable, lastquantityavailablechange AS shown,
                TO_CHAR(lastquantityavailablechange, 'YYYY-MM-DD"T"HH24:MI:SS') AS exact
         FROM inventoryitemlocations WHERE item = ? AND location = ?`,
        [widget, main],
      ),
    ).toEqual([{ item: widget, quantityonhand: 6, quantityavailable: 6, shown: '11/2/2026', exact: '2026-11-02T09:30:00' }]);
    expect(
      account.query(`SELECT item FROM inventoryitemlocations WHERE lastquantityavailablechange > TO_TIMESTAMP('2026-11-02 09:15:00', 'YYYY-MM-DD HH24:MI:SS')`),
    ).toEqual([{ item: widget }]);
  });

  it('sales lines show negative quantities and amounts; the order status is a letter BUILTIN.DF spells out', () => {
    const so = order('B', [
      { item: widget, quantity: 5, rate: 10 },
      { item: gadget, quantity: 1, rate: 3 },
    ]);
    account.ui.transform('salesorder', so, 'itemfulfillment', {}, { item: [{ line: 1, itemreceive: false }] });
    expect(
      account.query(
        `SELECT t.type, t.status, BUILTIN.DF(t.status) AS statustext, BUILTIN.DF(tl.item) AS item, tl.quantity, tl.netamount, tl.quantityshiprecv
         FROM transaction t JOIN transactionline tl ON tl.transaction = t.id
         WHERE t.id = ? AND tl.mainline = 'F' ORDER BY tl.linesequencenumber`,
        [so],
      ),
    ).toEqual([
      { type: 'SalesOrd', status: 'E', statustext: 'Sales Order : Pending Billing/Partially Fulfilled', item: 'WIDGET', quantity: -5, netamount: -50, quantityshiprecv: -5 },
      { type: 'SalesOrd', status: 'E', statustext: 'Sales Order : Pending Billing/Partially Fulfilled', item: 'GADGET', quantity: -1, netamount: -3, quantityshiprecv: 0 },
    ]);
    expect(account.query(`SELECT tl.createdfrom, tl.quantity FROM transaction t JOIN transactionline tl ON tl.transaction = t.id WHERE t.type = 'ItemShip' AND tl.mainline = 'F'`)).toEqual([
      { createdfrom: so, quantity: -5 },
    ]);
  });
});

describe('item fulfillments as a warehouse makes them', () => {
  it('carry the ship method (a shipping item, shown by name), the ship status and packages with tracking numbers', () => {
    const ups = account.records.seed('shipitem', { itemid: 'UPS Ground' });
    const so = account.ui.create('salesorder', { entity: customer, orderstatus: 'B', location: main, shipmethod: ups }, { item: [{ item: widget, quantity: 5, rate: 10 }] });
    const id = account.ui.transform('salesorder', so, 'itemfulfillment', { shipstatus: 'B' }, { package: [{ packagetrackingnumber: '1Z001', packageweight: 2 }, { packagetrackingnumber: '1Z002', packageweight: 3 }] });
    const saved = account.records.get('itemfulfillment', id)!;
    expect(saved.fields).toMatchObject({ shipmethod: String(ups), shipstatus: 'B', status: 'Packed' });
    expect(saved.sublists.package.map((p) => p.packagetrackingnumber)).toEqual(['1Z001', '1Z002']);
    expect(saved.sublists.item[0]).toMatchObject({ item: String(widget), itemname: 'WIDGET', orderline: '1', quantity: 5 });
    account.console(({ record }) => {
      const rec = record.load({ type: 'itemfulfillment', id });
      expect(rec.getText({ fieldId: 'shipmethod' })).toBe('UPS Ground');
      expect(rec.getSublistValue({ sublistId: 'package', fieldId: 'packagetrackingnumber', line: 1 })).toBe('1Z002');
    });
    // A ship method must be a shipping item that exists
    expect(() => account.ui.edit('itemfulfillment', id, { shipmethod: 999 })).toThrow(expect.objectContaining({ error: expect.objectContaining({ name: 'INVALID_KEY_OR_REF' }) }));
    // Marked shipped later, with the package's number corrected
    account.ui.edit('itemfulfillment', id, { shipstatus: 'C' }, { package: [{ line: 0, packagetrackingnumber: '1Z009' }] });
    expect(account.records.get('itemfulfillment', id)!.fields.status).toBe('Shipped');
    expect(account.records.get('itemfulfillment', id)!.sublists.package.map((p) => p.packagetrackingnumber)).toEqual(['1Z009', '1Z002']);
    expect(account.query(`SELECT itemtype, itemid FROM item WHERE id = ?`, [ups])).toEqual([{ itemtype: 'ShipItem', itemid: 'UPS Ground' }]);
  });

  it('take the sales order’s values of custom fields applied to both (body and lines)', () => {
    const so = account.ui.create(
      'salesorder',
      { entity: customer, orderstatus: 'B', location: main, custbody_sb2b_gid: 'gid://shopify/Order/7', custbody_sb2b_order_name: '#1007' },
      { item: [{ item: widget, quantity: 1, rate: 10, custcol_sb2b_line_gid: 'gid://shopify/LineItem/70' }] },
    );
    const id = account.ui.transform('salesorder', so, 'itemfulfillment');
    const saved = account.records.get('itemfulfillment', id)!;
    expect(saved.fields.custbody_sb2b_gid).toBe('gid://shopify/Order/7');
    // A field the item fulfillment does not have stays behind
    expect(saved.fields.custbody_sb2b_order_name).toBeUndefined();
    expect(saved.sublists.item[0].custcol_sb2b_line_gid).toBe('gid://shopify/LineItem/70');
  });

  it('ship a kit as its members: a line per member under the kit line (kitmemberof), stock moving for the members', () => {
    const kit = account.records.seed('kititem', { itemid: 'STARTER-KIT' }, { member: [{ item: widget, quantity: 2 }, { item: gadget, quantity: 1 }] });
    const so = order('B', [{ item: kit, quantity: 2, rate: 40 }]);
    const id = account.ui.transform('salesorder', so, 'itemfulfillment', {}, { item: [{ line: 0, quantity: 1 }] });
    const lines = account.records.get('itemfulfillment', id)!.sublists.item;
    expect(lines.map((l) => [l.itemname, l.quantity, l.orderline ?? null, l.kitmemberof ?? null])).toEqual([
      ['STARTER-KIT', 1, '1', null],
      ['WIDGET', 2, null, lines[0]!.line],
      ['GADGET', 1, null, lines[0]!.line],
    ]);
    // The members left the shelf; the order has one kit fulfilled
    expect(stock(widget).onHand).toBe(8);
    expect(stock(gadget).onHand).toBe(1);
    expect(account.records.get('salesorder', so)!.sublists.item[0]).toMatchObject({ quantityfulfilled: 1 });
    // Not fulfilling the kit leaves its members out too
    expect(() => account.ui.transform('salesorder', so, 'itemfulfillment', {}, { item: [{ line: 0, itemreceive: false }] })).toThrow(
      expect.objectContaining({ error: expect.objectContaining({ name: 'USER_ERROR' }) }),
    );
  });
});
