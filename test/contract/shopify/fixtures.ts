/**
 * A small believable B2B shop for contract tests: two warehouses, a few products with stock,
 * one company with two locations on Net 30, and a B2C customer. Tests add what they need.
 */
import type { ShopSeed } from '../../../sandbox/shopify/seed';

export const SHOP = 'acme-b2b.myshopify.com';
export const TOKEN = 'shpat_acme_test_token';
export const SECRET = 'acme-app-secret';

const address = { address1: '100 Industrial Way', city: 'Columbus', provinceCode: 'OH', countryCode: 'US', zip: '43215', phone: '+16145550100' };

export function acmeShop(overrides: Partial<ShopSeed> = {}): ShopSeed {
  return {
    domain: SHOP,
    name: 'Acme Industrial Supply',
    plan: 'plus',
    apps: [{ id: 'netsuite-connector', accessToken: TOKEN, clientSecret: SECRET }],
    locations: [
      { name: 'Columbus DC', address },
      { name: 'Reno DC', address: { ...address, city: 'Reno', provinceCode: 'NV', zip: '89501' } },
    ],
    products: [
      {
        title: 'Hex bolt M8',
        vendor: 'Acme',
        options: ['Length'],
        variants: [
          { sku: 'HB-M8-40', price: '0.35', options: ['40 mm'], cost: '0.12', stock: { 'Columbus DC': 500, 'Reno DC': 200 } },
          { sku: 'HB-M8-60', price: '0.45', options: ['60 mm'], cost: '0.15', stock: { 'Columbus DC': 300 } },
        ],
      },
      { title: 'Safety gloves', vendor: 'Acme', variants: [{ sku: 'GLV-100', price: '12.50', stock: { 'Columbus DC': 40 } }] },
    ],
    companies: [
      {
        name: 'Globex Manufacturing',
        externalId: 'NS-CUST-1001',
        contact: { email: 'purchasing@globex.example', firstName: 'Gina', lastName: 'Park', phone: '+12175550100', title: 'Buyer' },
        locations: [
          {
            name: 'Globex Springfield',
            externalId: 'NS-ADDR-1',
            paymentTerms: 'Net 30',
            shippingAddress: { address1: '742 Evergreen Terrace', city: 'Springfield', zoneCode: 'IL', countryCode: 'US', zip: '62701', phone: '+12175550101', recipient: 'Receiving' },
            billingSameAsShipping: true,
            taxRegistrationId: 'IL-8842',
          },
          { name: 'Globex Shelbyville', externalId: 'NS-ADDR-2', paymentTerms: 'Net 60', shippingAddress: { address1: '1 Main St', city: 'Shelbyville', zoneCode: 'IL', countryCode: 'US', zip: '62565' } },
        ],
      },
    ],
    customers: [{ email: 'pat@example.com', firstName: 'Pat', lastName: 'Lee', phone: '+16145550199' }],
    ...overrides,
  };
}
