/**
 * N/record in the local NetSuite account: values in and out as NetSuite converts them, ids checked
 * against the dictionary of real NetSuite ids and the project's Objects/, sublists in standard and
 * dynamic mode, subrecords, and NetSuite's errors with their codes and messages.
 */
import { createNetSuiteAccount, type NetSuiteAccount } from '../../../sandbox/netsuite/account';
import { thrown } from '../../support/thrown';

let account: NetSuiteAccount;
beforeEach(async () => {
  account = await createNetSuiteAccount();
});
afterEach(() => account.close());

function world() {
  const customer = account.records.seed('customer', { companyname: 'Acme Corp', email: 'buyer@acme.test' });
  const item = account.records.seed('inventoryitem', { itemid: 'WIDGET', salesdescription: 'A widget' });
  const location = account.records.seed('location', { name: 'Main' });
  return { customer, item, location };
}

describe('values', () => {
  it('come out as NetSuite gives them: booleans for checkboxes, ids as strings for selects, Dates, numbers, "" when empty', () => {
    const { customer } = world();
    account.console(({ record }) => {
      const so = record.create({ type: record.Type.SALES_ORDER });
      so.setValue({ fieldId: 'entity', value: customer });
      so.setValue({ fieldId: 'trandate', value: new Date(Date.UTC(2026, 10, 2)) });
      expect(so.getValue({ fieldId: 'entity' })).toBe(String(customer));
      expect(so.getText({ fieldId: 'entity' })).toBe('Acme Corp');
      expect(Object.prototype.toString.call(so.getValue({ fieldId: 'trandate' }))).toBe('[object Date]');
      expect(so.getText({ fieldId: 'trandate' })).toBe('11/2/2026');
      expect(so.getValue({ fieldId: 'memo' })).toBe('');
      expect(so.getValue('otherrefnum')).toBe('');
      const c = record.load({ type: 'customer', id: customer });
      expect(c.getValue({ fieldId: 'isinactive' })).toBe(false);
      expect(c.getValue({ fieldId: 'isperson' })).toBe('F');
    });
  });

  it('refuses a value of the wrong kind with INVALID_FLD_VALUE', () => {
    account.console(({ record }) => {
      const so = record.create({ type: 'salesorder' });
      expect(thrown(() => so.setValue({ fieldId: 'trandate', value: '2026-11-02' }))).toEqual({
        name: 'INVALID_FLD_VALUE',
        message: 'You have entered an Invalid Field Value 2026-11-02 for the following field: trandate',
      });
      expect(thrown(() => so.setValue({ fieldId: 'shippingcost', value: 'lots' })).name).toBe('INVALID_FLD_VALUE');
    });
  });
});

describe('ids', () => {
  it('an id real NetSuite lacks fails loudly, naming where the sandbox looked', () => {
    account.console(({ record }) => {
      const so = record.create({ type: 'salesorder' });
      expect(thrown(() => so.setValue({ fieldId: 'shopifyorderid', value: 'x' }))).toEqual({
        name: 'SANDBOX_UNKNOWN_ID',
        message: 'Field shopifyorderid does not exist on salesorder (not in sandbox/netsuite/data/records.json).',
      });
      expect(thrown(() => so.getSublistValue({ sublistId: 'item', fieldId: 'sku', line: 0 })).name).toBe('SANDBOX_UNKNOWN_ID');
      expect(thrown(() => so.getLineCount({ sublistId: 'lines' })).message).toMatch(/^Sublist lines does not exist on salesorder/);
      expect(thrown(() => record.create({ type: 'salesorderz' }))).toEqual({ name: 'INVALID_RCRD_TYPE', message: 'The record type [SALESORDERZ] is invalid.' });
    });
  });

  it('custom ids must be defined in Objects/, on a record type they apply to', () => {
    account.console(({ record }) => {
      const so = record.create({ type: 'salesorder' });
      so.setValue({ fieldId: 'custbody_sb2b_gid', value: 'gid://shopify/Order/1' });
      expect(thrown(() => so.setValue({ fieldId: 'custbody_sb2b_nope', value: 'x' })).message).toBe(
        'Field custbody_sb2b_nope is not defined in Objects/ as a custom field that applies to salesorder.',
      );
      const adj = record.create({ type: 'inventoryadjustment' });
      expect(thrown(() => adj.setValue({ fieldId: 'custbody_sb2b_gid', value: 'x' })).name).toBe('SANDBOX_UNKNOWN_ID');
      expect(thrown(() => record.create({ type: 'customrecord_sb2b_nope' })).message).toBe(
        "Record type customrecord_sb2b_nope is not defined in the project's Objects/ (no customrecord_sb2b_nope.xml).",
      );
      const store = record.create({ type: 'customrecord_sb2b_store' });
      expect(thrown(() => store.setValue({ fieldId: 'custrecord_sb2b_lm_store', value: 1 })).message).toBe(
        'Field custrecord_sb2b_lm_store is not defined on customrecord_sb2b_store in Objects/customrecord_sb2b_store.xml.',
      );
    });
  });

  it('an id the dictionary marks unconfirmed works and is reported once', () => {
    const { customer, item, location } = world();
    account.console(({ record }) => {
      const so = record.create({ type: 'salesorder' });
      so.setValue({ fieldId: 'entity', value: customer });
      so.setSublistValue({ sublistId: 'item', fieldId: 'item', line: 0, value: item });
      so.setSublistValue({ sublistId: 'item', fieldId: 'location', line: 0, value: location });
      so.setSublistValue({ sublistId: 'item', fieldId: 'location', line: 0, value: location });
      so.save();
    });
    expect(account.warnings).toEqual(['salesorder.item.location is not confirmed by a Records Browser extract (see sandbox/netsuite/data/records.json).']);
  });

  it('a custom record starts with the defaults Objects/ gives its fields', () => {
    const store = account.records.seed('customrecord_sb2b_store', {
      name: 'Acme',
      custrecord_sb2b_shop_domain: 'acme-b2b.myshopify.com',
      custrecord_sb2b_token_secret: 'custsecret_a',
      custrecord_sb2b_webhook_secret: 'custsecret_b',
    });
    expect(account.records.get('customrecord_sb2b_store', store)!.fields).toMatchObject({
      custrecord_sb2b_api_version: '2026-10',
      custrecord_sb2b_order_window_days: 90,
      custrecord_sb2b_sync_orders: true,
      custrecord_sb2b_order_status: '2',
      isinactive: false,
    });
  });
});

describe('sublists', () => {
  it('standard mode: setting the line after the last adds a line; insert, remove, find, count', () => {
    const { customer, item } = world();
    const other = account.records.seed('noninventoryitem', { itemid: 'SETUP' });
    account.console(({ record }) => {
      const so = record.create({ type: 'salesorder' });
      so.setValue({ fieldId: 'entity', value: customer });
      so.setSublistValue({ sublistId: 'item', fieldId: 'item', line: 0, value: item });
      so.setSublistValue({ sublistId: 'item', fieldId: 'quantity', line: 0, value: 2 });
      expect(thrown(() => so.setSublistValue({ sublistId: 'item', fieldId: 'item', line: 2, value: item }))).toEqual({
        name: 'SSS_INVALID_SUBLIST_OPERATION',
        message:
          'You have attempted an invalid sublist or line item operation. You are either trying to access a field on a non-existent line or you are trying to add or remove lines from a static sublist.',
      });
      so.insertLine({ sublistId: 'item', line: 0 });
      so.setSublistValue({ sublistId: 'item', fieldId: 'item', line: 0, value: other });
      expect(so.getLineCount({ sublistId: 'item' })).toBe(2);
      expect(so.findSublistLineWithValue({ sublistId: 'item', fieldId: 'item', value: String(item) })).toBe(1);
      so.removeLine({ sublistId: 'item', line: 0 });
      expect(so.getLineCount({ sublistId: 'item' })).toBe(1);
      expect(thrown(() => so.getSublistValue({ sublistId: 'item', fieldId: 'item', line: 1 })).name).toBe('SSS_INVALID_SUBLIST_OPERATION');
      so.save();
    });
  });

  it('dynamic mode: lines are selected, set and committed; the static-mode setter is refused', () => {
    const { customer, item } = world();
    const id = account.console(({ record }) => {
      const so = record.create({ type: 'salesorder', isDynamic: true });
      so.setValue({ fieldId: 'entity', value: customer });
      so.selectNewLine({ sublistId: 'item' });
      so.setCurrentSublistValue({ sublistId: 'item', fieldId: 'item', value: item });
      so.setCurrentSublistValue({ sublistId: 'item', fieldId: 'quantity', value: 3 });
      so.setCurrentSublistValue({ sublistId: 'item', fieldId: 'rate', value: 4.5 });
      expect(so.getCurrentSublistValue({ sublistId: 'item', fieldId: 'description' })).toBe('A widget');
      expect(so.getLineCount({ sublistId: 'item' })).toBe(0);
      so.commitLine({ sublistId: 'item' });
      expect(so.getLineCount({ sublistId: 'item' })).toBe(1);
      expect(thrown(() => so.setSublistValue({ sublistId: 'item', fieldId: 'quantity', line: 0, value: 1 })).name).toBe('SSS_INVALID_API_USAGE');
      return so.save();
    });
    const saved = account.records.get('salesorder', id)!;
    expect(saved.fields).toMatchObject({ subtotal: 13.5, total: 13.5, currency: '1', subsidiary: '1' });
    expect(saved.sublists.item[0]).toMatchObject({ item: String(item), quantity: 3, rate: 4.5, amount: 13.5, line: 1 });
  });

  it('the address book holds address subrecords that SuiteQL shows as entity addresses', () => {
    const customer = account.console(({ record }) => {
      const c = record.create({ type: 'customer' });
      c.setValue({ fieldId: 'companyname', value: 'Acme Corp' });
      c.setSublistValue({ sublistId: 'addressbook', fieldId: 'label', line: 0, value: 'HQ' });
      c.setSublistValue({ sublistId: 'addressbook', fieldId: 'defaultbilling', line: 0, value: true });
      const address = c.getSublistSubrecord({ sublistId: 'addressbook', fieldId: 'addressbookaddress', line: 0 });
      address.setValue({ fieldId: 'addr1', value: '1 Main St' });
      address.setValue({ fieldId: 'city', value: 'Springfield' });
      address.setValue({ fieldId: 'country', value: 'US' });
      return c.save();
    });
    account.console(({ record }) => {
      const c = record.load({ type: 'customer', id: customer });
      expect(c.getSublistSubrecord({ sublistId: 'addressbook', fieldId: 'addressbookaddress', line: 0 }).getValue({ fieldId: 'city' })).toBe('Springfield');
    });
    expect(account.query('SELECT c.entityid, a.addr1, a.city FROM customer c JOIN entityaddress a ON a.nkey = c.defaultbillingaddress')).toEqual([
      { entityid: 'Acme Corp', addr1: '1 Main St', city: 'Springfield' },
    ]);
  });
});

describe('entities', () => {
  it('sub-customers and contacts: the hierarchy and links read back through SuiteQL (contact columns unconfirmed)', () => {
    const company = account.records.seed('customer', { companyname: 'Acme Corp', custentity_sb2b_gid: 'gid://shopify/Company/1' });
    const location = account.records.seed('customer', { companyname: 'Acme East', parent: company, custentity_sb2b_gid: 'gid://shopify/CompanyLocation/2' });
    account.records.seed('contact', { firstname: 'Ada', lastname: 'Lovelace', email: 'ada@acme.test', company: location, custentity_sb2b_gid: 'gid://shopify/CompanyContact/3' });
    expect(
      account.query(
        `SELECT c.entityid, BUILTIN.DF(c.parent) AS parent, k.entityid AS contact, k.email
         FROM customer c JOIN contact k ON k.company = c.id WHERE c.custentity_sb2b_gid = ?`,
        ['gid://shopify/CompanyLocation/2'],
      ),
    ).toEqual([{ entityid: 'Acme East', parent: 'Acme Corp', contact: 'Ada Lovelace', email: 'ada@acme.test' }]);
    expect(account.warnings.some((w) => w.startsWith('SuiteQL column contact.'))).toBe(true);
  });
});

describe('saving', () => {
  it('an external id is unique per record type (DUP_RCRD); another type may reuse it', () => {
    const { customer } = world();
    account.records.seed('customrecord_sb2b_queue', { externalid: 'orders/create:1', custrecord_sb2b_q_store: '' } as Record<string, unknown>);
    account.console(({ record }) => {
      const q = record.create({ type: 'customrecord_sb2b_queue' });
      q.setValue({ fieldId: 'externalid', value: 'orders/create:1' });
      expect(thrown(() => q.save())).toEqual({ name: 'DUP_RCRD', message: 'This record already exists' });
      record.submitFields({ type: 'customer', id: customer, values: { externalid: 'orders/create:1' } });
    });
    expect(account.records.byExternalId('customer', 'orders/create:1')!.id).toBe(customer);
  });

  it('a record loaded before someone else saved it cannot be saved (RCRD_HAS_BEEN_CHANGED)', () => {
    const { customer } = world();
    account.console(({ record }) => {
      const mine = record.load({ type: 'customer', id: customer });
      const theirs = record.load({ type: 'customer', id: customer });
      theirs.setValue({ fieldId: 'email', value: 'theirs@acme.test' });
      theirs.save();
      mine.setValue({ fieldId: 'email', value: 'mine@acme.test' });
      expect(thrown(() => mine.save())).toEqual({ name: 'RCRD_HAS_BEEN_CHANGED', message: 'Record has been changed' });
    });
    expect(account.records.get('customer', customer)!.fields.email).toBe('theirs@acme.test');
  });

  it('refuses a save without the fields NetSuite requires, unless ignoreMandatoryFields', () => {
    world();
    account.console(({ record }) => {
      const so = record.create({ type: 'salesorder' });
      expect(thrown(() => so.save())).toEqual({ name: 'USER_ERROR', message: 'Please enter value(s) for: Customer' });
      const term = record.create({ type: 'term' });
      expect(thrown(() => term.save())).toEqual({ name: 'USER_ERROR', message: 'Please enter value(s) for: Terms' }); // the field's label in the Records Browser
      expect(term.save({ ignoreMandatoryFields: true })).toBeGreaterThan(0);
    });
  });

  it('runs beforeSubmit user events before its own checks, so a user event sees (and may fill) empty fields', () => {
    account.console(({ record }) => {
      const mapping = record.create({ type: 'customrecord_sb2b_location_map' });
      expect(thrown(() => mapping.save()).name).toBe('SB2B_INVALID_LOCATION_MAPPING');
    });
  });

  it('refuses a reference to a record that does not exist (INVALID_KEY_OR_REF)', () => {
    account.console(({ record }) => {
      const so = record.create({ type: 'salesorder' });
      so.setValue({ fieldId: 'entity', value: 999 });
      expect(thrown(() => so.save())).toEqual({ name: 'INVALID_KEY_OR_REF', message: 'Invalid entity reference key 999.' });
    });
  });

  it('load, delete and missing arguments fail as NetSuite does', () => {
    const { customer } = world();
    account.console(({ record }) => {
      expect(thrown(() => record.load({ type: 'customer', id: 424242 }))).toEqual({ name: 'RCRD_DSNT_EXIST', message: 'That record does not exist.' });
      expect(thrown(() => record.load({ type: 'customer' }))).toEqual({ name: 'SSS_MISSING_REQD_ARGUMENT', message: 'record.load: Missing a required argument: id' });
      expect(record.delete({ type: 'customer', id: customer })).toBe(customer);
    });
    expect(account.records.get('customer', customer)).toBeUndefined();
    expect(account.query('SELECT recordid, recordtypeid FROM deletedrecord')).toEqual([{ recordid: customer, recordtypeid: 'customer' }]);
  });

  it('copy gives a new record without the original\'s external id and number', () => {
    const { customer, item } = world();
    const so = account.records.seed('salesorder', { entity: customer, externalid: 'shop:1', otherrefnum: 'PO-1' }, { item: [{ item, quantity: 1, rate: 5 }] });
    const copy = account.console(({ record }) => record.copy({ type: 'salesorder', id: so }).save());
    expect(account.records.get('salesorder', copy)!.fields).toMatchObject({ otherrefnum: 'PO-1', tranid: 'SO1002' });
    expect(account.records.get('salesorder', copy)!.fields.externalid).toBeUndefined();
  });

  it('item fulfillments and receipts exist only as transforms', () => {
    account.console(({ record }) => {
      expect(thrown(() => record.create({ type: 'itemfulfillment' })).name).toBe('INVALID_RCRD_INITIALIZE');
    });
  });
});
