import { classifyOrder } from '../../../../src/sync/orders/classify';
import { b2bOrder, storeConfig } from '../../../support/fixtures';

const NOW = Date.parse('2026-11-02T09:00:00Z');
const fresh = { now: NOW, alreadyInNetSuite: false };

describe('which orders order sync takes', () => {
  it('takes an order placed by a Shopify company, with its location and contact', () => {
    expect(classifyOrder(b2bOrder(), storeConfig(), fresh)).toEqual({
      sync: true,
      buyer: { kind: 'company', companyGid: 'gid://shopify/Company/1', locationGid: 'gid://shopify/CompanyLocation/11', contactGid: 'gid://shopify/CompanyContact/21' },
    });
  });

  it('skips a B2C order with a reason, never as an error', () => {
    const b2c = b2bOrder({ purchasingEntity: { __typename: 'Customer' } });
    expect(classifyOrder(b2c, storeConfig(), fresh)).toEqual({ sync: false, reason: 'B2C order #1001: not synced (Import B2C orders is off for store Acme)' });
  });

  it('imports a B2C order to the default customer when the store asks for it', () => {
    const b2c = b2bOrder({ purchasingEntity: null });
    expect(classifyOrder(b2c, storeConfig({ b2c: { importOrders: true, defaultCustomerId: '500' } }), fresh)).toEqual({ sync: true, buyer: { kind: 'b2c', customerId: '500' } });
  });

  it('keeps legacy tag detection working: order tags or customer tags, ignoring case', () => {
    const legacy = storeConfig({ legacyB2b: { detectByTag: true, orderTags: ['wholesale'], customerTags: ['B2B'] } });
    const byOrderTag = b2bOrder({ purchasingEntity: { __typename: 'Customer' }, tags: ['Wholesale'] });
    expect(classifyOrder(byOrderTag, legacy, fresh)).toEqual({ sync: true, buyer: { kind: 'legacy', customerGid: 'gid://shopify/Customer/55', matchedTag: 'Wholesale' } });
    const byCustomerTag = b2bOrder({ purchasingEntity: { __typename: 'Customer' }, customer: { id: 'gid://shopify/Customer/56', tags: ['b2b'], firstName: null, lastName: null, defaultEmailAddress: null } });
    expect(classifyOrder(byCustomerTag, legacy, fresh)).toMatchObject({ sync: true, buyer: { kind: 'legacy', matchedTag: 'b2b' } });
    const untagged = b2bOrder({ purchasingEntity: { __typename: 'Customer' } });
    expect(classifyOrder(untagged, legacy, fresh).sync).toBe(false);
  });

  it('a company order is B2B even when legacy detection is on and untagged', () => {
    const legacy = storeConfig({ legacyB2b: { detectByTag: true, orderTags: ['wholesale'], customerTags: [] } });
    expect(classifyOrder(b2bOrder(), legacy, fresh)).toMatchObject({ sync: true, buyer: { kind: 'company' } });
  });

  it('skips test orders', () => {
    expect(classifyOrder(b2bOrder({ test: true }), storeConfig(), fresh)).toEqual({ sync: false, reason: 'test order #1001: not synced' });
  });

  it('leaves out orders placed before the B2B order sync window, unless NetSuite has them already', () => {
    const old = b2bOrder({ createdAt: '2026-07-01T00:00:00Z' });
    expect(classifyOrder(old, storeConfig(), fresh)).toEqual({
      sync: false,
      reason: 'order #1001 was placed 2026-07-01, before the B2B order sync window (90 days): not synced',
    });
    expect(classifyOrder(old, storeConfig(), { now: NOW, alreadyInNetSuite: true }).sync).toBe(true);
    expect(classifyOrder(old, storeConfig({ b2bOrderSyncWindowDays: 365 }), fresh).sync).toBe(true);
  });
});
