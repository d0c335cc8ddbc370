import {
  SYNC_NAMES,
  describeProblems,
  parseStoreConfig,
  validateLocationMapping,
  validateStoreValues,
  type StoreRecordValues,
} from '../../../src/core/storeConfig';

function values(overrides: Partial<StoreRecordValues> = {}): StoreRecordValues {
  return {
    id: '7',
    name: 'Acme B2B',
    isInactive: false,
    shopDomain: 'acme-b2b.myshopify.com',
    apiVersion: '2026-10',
    accessTokenSecret: 'custsecret_sb2b_acme_token',
    webhookSecret: 'custsecret_sb2b_acme_webhook',
    previousWebhookSecret: '',
    subsidiaryId: '1',
    currencyId: '1',
    defaultLocationId: '3',
    syncs: Object.fromEntries(SYNC_NAMES.map((s) => [s, s === 'orders'])) as StoreRecordValues['syncs'],
    alertRecipients: 'ops@acme.com',
    postOrderModificationsToShopify: false,
    allowNetSuiteOrderCorrections: false,
    b2bOrderSyncWindowDays: '90',
    postCustomerDepositForShopifyB2B: false,
    newOrderStatus: 'pendingFulfillment',
    hierarchyMode: 'locationSubCustomers',
    companyMaster: 'shopify',
    fulfillOn: '',
    notifyBuyers: true,
    legacyDetectByTag: false,
    legacyOrderTags: '',
    legacyCustomerTags: '',
    importB2cOrders: false,
    b2cCustomerId: '',
    shippingItemId: '',
    discountItemId: '',
    taxItemId: '',
    pollOverlapMinutes: '',
    inventorySafetyBuffer: '',
    alertIntervalMinutes: '',
    alertAuthorId: '',
    retryAttempts: '',
    retryCeilingHours: '',
    ...overrides,
  };
}

const settings = (v: StoreRecordValues) => validateStoreValues(v).map((p) => p.setting);

describe('a store configuration', () => {
  it('that is complete has no problems and parses with its defaults', () => {
    const result = parseStoreConfig(values({ apiVersion: '', b2bOrderSyncWindowDays: '', newOrderStatus: '', hierarchyMode: '', companyMaster: '' }), []);
    expect(result.problems).toEqual([]);
    expect(result.config).toMatchObject({
      apiVersion: '2026-10',
      b2bOrderSyncWindowDays: 90,
      newOrderStatus: 'pendingFulfillment',
      hierarchyMode: 'locationSubCustomers',
      companyMaster: 'shopify',
      webhookSecretIds: ['custsecret_sb2b_acme_webhook'],
      alertRecipients: ['ops@acme.com'],
      alertIntervalMinutes: 60,
      retry: { maxAttempts: 8, ceilingHours: 12 },
    });
  });

  it.each([
    ['alertIntervalMinutes', '4', 'Alert interval (minutes)'],
    ['alertIntervalMinutes', '1441', 'Alert interval (minutes)'],
    ['retryAttempts', '0', 'Attempts before an entry fails'],
    ['retryAttempts', '21', 'Attempts before an entry fails'],
    ['retryCeilingHours', '73', 'Longest wait between retries (hours)'],
    ['retryCeilingHours', '1.5', 'Longest wait between retries (hours)'],
  ] as const)('refuses %s of %j', (field, value, setting) => {
    expect(settings(values({ [field]: value }))).toEqual([setting]);
  });

  it.each([
    ['acme.com', /not a myshopify.com domain/],
    ['https://acme-b2b.myshopify.com', /not a myshopify.com domain/],
    ['Acme-B2B.myshopify.com', /in lower case/],
    ['', /Shop domain is empty/],
  ])('refuses the shop domain %j', (shopDomain, message) => {
    const problems = validateStoreValues(values({ shopDomain }));
    expect(problems).toEqual([expect.objectContaining({ setting: 'Shop domain', message: expect.stringMatching(message) })]);
  });

  it('accepts only the API versions the bundle is tested against', () => {
    expect(settings(values({ apiVersion: '2026-07' }))).toEqual([]);
    expect(validateStoreValues(values({ apiVersion: '2025-01' }))).toEqual([
      expect.objectContaining({ setting: 'Admin API version', message: expect.stringContaining('Use one of 2026-10, 2026-07') }),
    ]);
  });

  it('wants API Secret ids, never the token itself', () => {
    expect(validateStoreValues(values({ accessTokenSecret: 'shpat_0123456789abcdef' }))).toEqual([
      expect.objectContaining({ setting: 'Access token secret', message: expect.stringMatching(/not an API Secret ID.*never the token/) }),
    ]);
    expect(settings(values({ webhookSecret: '' }))).toEqual(['Webhook secret']);
    expect(settings(values({ previousWebhookSecret: 'custsecret_sb2b_acme_webhook' }))).toEqual(['Previous webhook secret']);
  });

  it('keeps during rotation both webhook secrets, the current one first', () => {
    const result = parseStoreConfig(values({ previousWebhookSecret: 'custsecret_sb2b_acme_webhook_old' }), []);
    expect(result.config?.webhookSecretIds).toEqual(['custsecret_sb2b_acme_webhook', 'custsecret_sb2b_acme_webhook_old']);
  });

  it.each(['0', '366', '30.5', 'ninety'])('refuses a B2B order sync window of %j days', (days) => {
    expect(settings(values({ b2bOrderSyncWindowDays: days }))).toEqual(['B2B order sync window (days)']);
  });

  it.each(['1', '365'])('accepts a B2B order sync window of %j days', (days) => {
    expect(parseStoreConfig(values({ b2bOrderSyncWindowDays: days }), []).config?.b2bOrderSyncWindowDays).toBe(Number(days));
  });

  it('needs alert recipients that are email addresses, and at least one while syncs are on', () => {
    expect(settings(values({ alertRecipients: 'ops@acme.com, finance' }))).toEqual(['Alert recipients']);
    expect(settings(values({ alertRecipients: '' }))).toEqual(['Alert recipients']);
    const allOff = Object.fromEntries(SYNC_NAMES.map((s) => [s, false])) as StoreRecordValues['syncs'];
    expect(settings(values({ alertRecipients: '', syncs: allOff }))).toEqual([]);
    expect(parseStoreConfig(values({ alertRecipients: 'a@x.com; b@y.com\nc@z.com' }), []).config?.alertRecipients).toEqual([
      'a@x.com',
      'b@y.com',
      'c@z.com',
    ]);
  });

  it('needs tags when legacy B2B detection by tag is on, and a customer when B2C orders are imported', () => {
    expect(settings(values({ legacyDetectByTag: true }))).toEqual(['Detect B2B orders by tag (legacy)']);
    expect(settings(values({ legacyDetectByTag: true, legacyOrderTags: 'wholesale' }))).toEqual([]);
    expect(settings(values({ importB2cOrders: true }))).toEqual(['Default customer for B2C orders']);
    expect(parseStoreConfig(values({ legacyDetectByTag: true, legacyCustomerTags: 'B2B, trade' }), []).config?.legacyB2b).toEqual({
      detectByTag: true,
      orderTags: [],
      customerTags: ['B2B', 'trade'],
    });
  });

  it('lists every problem at once, numbered, when a save is refused', () => {
    const problems = validateStoreValues(values({ shopDomain: 'acme.com', b2bOrderSyncWindowDays: '0' }));
    const message = describeProblems('This Shopify B2B store', problems);
    expect(message).toMatch(/^This Shopify B2B store cannot be saved until these are fixed:\n1\. Shop domain .*\n2\. B2B order sync window/);
  });
});

describe('a location mapping', () => {
  const mapping = { id: '11', netsuiteLocationId: '3', shopifyLocationGid: 'gid://shopify/Location/68', safetyBuffer: '2' };

  it('that is complete and unique has no problems', () => {
    expect(validateLocationMapping(mapping, [{ id: '12', netsuiteLocationId: '4', shopifyLocationGid: 'gid://shopify/Location/68' }])).toEqual([]);
  });

  it('maps each NetSuite location once per store, naming the mapping it collides with', () => {
    const problems = validateLocationMapping(mapping, [{ id: '12', netsuiteLocationId: '3', shopifyLocationGid: 'gid://shopify/Location/69' }]);
    expect(problems).toEqual([
      expect.objectContaining({ setting: 'NetSuite location', message: expect.stringContaining('already mapped for this store (to gid://shopify/Location/69, mapping 12)') }),
    ]);
  });

  it('is not its own duplicate when edited', () => {
    expect(validateLocationMapping(mapping, [{ id: '11', netsuiteLocationId: '3', shopifyLocationGid: 'gid://shopify/Location/68' }])).toEqual([]);
  });

  it.each(['68', 'gid://shopify/InventoryLevel/68', 'https://admin.shopify.com/store/acme/settings/locations/68'])(
    'refuses the Shopify location %j',
    (gid) => {
      expect(validateLocationMapping({ ...mapping, shopifyLocationGid: gid }, []).map((p) => p.setting)).toEqual(['Shopify location ID']);
    },
  );

  it('refuses a negative or fractional safety buffer', () => {
    expect(validateLocationMapping({ ...mapping, safetyBuffer: '-1' }, []).map((p) => p.setting)).toEqual(['Safety buffer']);
    expect(validateLocationMapping({ ...mapping, safetyBuffer: '1.5' }, []).map((p) => p.setting)).toEqual(['Safety buffer']);
  });
});
