/**
 * The built ue_store_config.js, deployed from Objects/ on the store record and the location mapping,
 * runs in the local NetSuite account on real saves: it refuses a setup that would not sync with the
 * message the admin sees, and lets a good one through.
 */
import { createNetSuiteAccount, type NetSuiteAccount, UserActionError } from '../../sandbox/netsuite/account';

const goodStore = {
  name: 'Acme',
  custrecord_sb2b_shop_domain: 'acme-b2b.myshopify.com',
  custrecord_sb2b_api_version: '2026-10',
  custrecord_sb2b_token_secret: 'custsecret_sb2b_acme_token',
  custrecord_sb2b_webhook_secret: 'custsecret_sb2b_acme_webhook',
  custrecord_sb2b_order_window_days: 90,
  custrecord_sb2b_sync_orders: true,
  custrecord_sb2b_alert_emails: 'ops@acme.com',
};

function refusal(fn: () => unknown): UserActionError {
  try {
    fn();
  } catch (e) {
    if (e instanceof UserActionError) return e;
    throw e;
  }
  throw new Error('the save was not refused');
}

let account: NetSuiteAccount;
beforeEach(async () => {
  account = await createNetSuiteAccount();
});
afterEach(() => account.close());

describe('ue_store_config on Shopify B2B Store saves', () => {
  it('lets a complete setup through, defaulting the new order status from Objects/', () => {
    const id = account.ui.create('customrecord_sb2b_store', goodStore);
    const saved = account.records.get('customrecord_sb2b_store', id)!;
    expect(saved.fields.custrecord_sb2b_shop_domain).toBe('acme-b2b.myshopify.com');
    expect(account.query('SELECT BUILTIN.DF(custrecord_sb2b_order_status) AS status FROM customrecord_sb2b_store WHERE id = ?', [id])).toEqual([
      { status: 'Pending Fulfillment' },
    ]);
    // beforeSubmit checks (10 units a query); afterSubmit clears the cached stores and queues a connection check.
    const [before, after, ...others] = account.governance.select({ scriptId: 'customscript_sb2b_ue_store_config' });
    expect(others).toEqual([]);
    expect(before).toMatchObject({ key: 'customrecord_sb2b_store:create:beforeSubmit', executionContext: 'USERINTERFACE', limit: 1000 });
    expect(before.error).toBeUndefined();
    expect(before.used).toBe(10 * before.calls['query.runSuiteQL'].count);
    expect(after).toMatchObject({ key: 'customrecord_sb2b_store:create:afterSubmit' });
    expect(after.error).toBeUndefined();
    expect(account.query(`SELECT custrecord_sb2b_q_topic AS topic, custrecord_sb2b_q_status AS status FROM customrecord_sb2b_queue`)).toEqual([{ topic: 'store/verify', status: 'pending' }]);
  });

  it('refuses a bad setup with one message listing every fix, and saves nothing', () => {
    const e = refusal(() => account.ui.create('customrecord_sb2b_store', { ...goodStore, custrecord_sb2b_shop_domain: 'acme.com', custrecord_sb2b_order_window_days: 400 }));
    expect(e.error.name).toBe('SB2B_INVALID_STORE_CONFIG');
    expect(e.error.message).toMatch(/cannot be saved until these are fixed:\n1\. Shop domain "acme.com" .*\n2\. B2B order sync window is "400"/);
    expect(account.records.list('customrecord_sb2b_store')).toEqual([]);
  });

  it('refuses a second active record for the same shop, naming the first', () => {
    const first = account.ui.create('customrecord_sb2b_store', goodStore);
    const e = refusal(() => account.ui.create('customrecord_sb2b_store', { ...goodStore, name: 'Acme again', custrecord_sb2b_shop_domain: 'ACME-B2B.myshopify.com'.toLowerCase() }));
    expect(e.error.message).toContain(`Another active store record (id ${first}) already syncs acme-b2b.myshopify.com`);
    expect(account.records.list('customrecord_sb2b_store')).toHaveLength(1);
  });

  it('checks an inline edit against the stored values of the fields it does not change', () => {
    const id = account.ui.create('customrecord_sb2b_store', goodStore);
    account.ui.inlineEdit('customrecord_sb2b_store', id, { custrecord_sb2b_order_window_days: 30 });
    expect(account.records.get('customrecord_sb2b_store', id)!.fields.custrecord_sb2b_order_window_days).toBe(30);
    const e = refusal(() => account.ui.inlineEdit('customrecord_sb2b_store', id, { custrecord_sb2b_alert_emails: '' }));
    expect(e.error.message).toContain('Alert recipients is empty while syncs are on');
    expect(account.governance.select({ scriptId: 'customscript_sb2b_ue_store_config' }).map((i) => i.key)).toContain('customrecord_sb2b_store:xedit:beforeSubmit');
  });

  it('lets an inactive store be parked half-done, but NetSuite still wants its mandatory fields', () => {
    const parked = account.ui.create('customrecord_sb2b_store', { ...goodStore, isinactive: true, custrecord_sb2b_shop_domain: 'not yet', custrecord_sb2b_alert_emails: '' });
    expect(account.records.get('customrecord_sb2b_store', parked)!.fields.isinactive).toBe(true);
    const e = refusal(() => account.ui.create('customrecord_sb2b_store', { name: 'Empty', isinactive: true }));
    expect(e.error).toMatchObject({ name: 'USER_ERROR', message: 'Please enter value(s) for: Shop domain, Access token secret, Webhook secret' });
  });
});

describe('ue_store_config on location mapping saves', () => {
  let store: number;
  let warehouse: number;
  let annex: number;
  beforeEach(() => {
    store = account.ui.create('customrecord_sb2b_store', goodStore);
    warehouse = account.records.seed('location', { name: 'Warehouse' });
    annex = account.records.seed('location', { name: 'Annex' });
  });

  const mapping = (location: number, gid: string) => ({
    custrecord_sb2b_lm_store: store,
    custrecord_sb2b_lm_ns_location: location,
    custrecord_sb2b_lm_shopify_location: gid,
  });

  it('lets a unique mapping through, and several NetSuite locations may feed one Shopify location', () => {
    account.ui.create('customrecord_sb2b_location_map', mapping(warehouse, 'gid://shopify/Location/68'));
    account.ui.create('customrecord_sb2b_location_map', mapping(annex, 'gid://shopify/Location/68'));
    expect(account.query('SELECT custrecord_sb2b_lm_ns_location AS loc, custrecord_sb2b_lm_safety_buffer AS buffer FROM customrecord_sb2b_location_map ORDER BY id')).toEqual([
      { loc: warehouse, buffer: 0 },
      { loc: annex, buffer: 0 },
    ]);
  });

  it('refuses a NetSuite location mapped twice for the store', () => {
    const first = account.ui.create('customrecord_sb2b_location_map', mapping(warehouse, 'gid://shopify/Location/68'));
    const e = refusal(() => account.ui.create('customrecord_sb2b_location_map', mapping(warehouse, 'gid://shopify/Location/69')));
    expect(e.error).toMatchObject({ name: 'SB2B_INVALID_LOCATION_MAPPING' });
    expect(e.error.message).toContain(`already mapped for this store (to gid://shopify/Location/68, mapping ${first})`);
  });

  it('refuses a malformed Shopify location id', () => {
    const e = refusal(() => account.ui.create('customrecord_sb2b_location_map', mapping(warehouse, '68')));
    expect(e.error.message).toContain('Shopify location ID "68" is not a Shopify location ID');
  });

  it('refuses a mapping to a location that does not exist, as NetSuite does', () => {
    const e = refusal(() => account.ui.create('customrecord_sb2b_location_map', mapping(999, 'gid://shopify/Location/68')));
    expect(e.error).toMatchObject({ name: 'INVALID_KEY_OR_REF', message: 'Invalid custrecord_sb2b_lm_ns_location reference key 999.' });
  });
});
