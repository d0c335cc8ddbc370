/**
 * The demo shop `npm run serve` starts with: a small, believable B2B wholesaler. Acme Industrial
 * Supply sells fasteners and safety gear from two warehouses to three companies on payment
 * terms, and to a few consumers.
 */
import type { ShopSeed } from './seed';

export const DEMO_DOMAIN = 'acme-b2b.myshopify.com';
export const DEMO_TOKEN = 'shpat_sandbox_acme_b2b';
export const DEMO_SECRET = 'sandbox-webhook-secret-acme-b2b';

const columbus = { address1: '100 Industrial Way', city: 'Columbus', province: 'Ohio', provinceCode: 'OH', countryCode: 'US', zip: '43215', phone: '+16145550100' };
const reno = { address1: '55 Logistics Pkwy', city: 'Reno', province: 'Nevada', provinceCode: 'NV', countryCode: 'US', zip: '89501', phone: '+17755550100' };

export function demoShop(): ShopSeed {
  return {
    domain: DEMO_DOMAIN,
    name: 'Acme Industrial Supply',
    email: 'ops@acme-industrial.example',
    currencyCode: 'USD',
    plan: 'plus',
    apps: [{ id: 'netsuite-connector', title: 'NetSuite connector', accessToken: DEMO_TOKEN, clientSecret: DEMO_SECRET }],
    locations: [
      { name: 'Columbus DC', address: columbus },
      { name: 'Reno DC', address: reno },
    ],
    products: [
      {
        title: 'Hex bolt M8, zinc plated',
        vendor: 'Acme',
        productType: 'Fasteners',
        options: ['Length'],
        variants: [
          { sku: 'HB-M8-40', price: '0.35', options: ['40 mm'], cost: '0.12', stock: { 'Columbus DC': 5000, 'Reno DC': 2000 } },
          { sku: 'HB-M8-60', price: '0.45', options: ['60 mm'], cost: '0.15', stock: { 'Columbus DC': 3000, 'Reno DC': 800 } },
          { sku: 'HB-M8-80', price: '0.55', options: ['80 mm'], cost: '0.19', stock: { 'Columbus DC': 1200 } },
        ],
      },
      {
        title: 'Flat washer M8',
        vendor: 'Acme',
        productType: 'Fasteners',
        options: ['Pack'],
        variants: [
          { sku: 'FW-M8-100', price: '3.90', options: ['100'], cost: '1.10', stock: { 'Columbus DC': 400, 'Reno DC': 150 } },
          { sku: 'FW-M8-1000', price: '32.00', options: ['1000'], cost: '9.50', stock: { 'Columbus DC': 60 } },
        ],
      },
      { title: 'Nitrile safety gloves (box of 100)', vendor: 'SafeHands', productType: 'Safety', variants: [{ sku: 'GLV-NIT-100', price: '12.50', cost: '6.00', stock: { 'Columbus DC': 240, 'Reno DC': 90 } }] },
      { title: 'Hard hat, ANSI Type I', vendor: 'SafeHands', productType: 'Safety', options: ['Color'], variants: [{ sku: 'HAT-WHT', price: '18.00', options: ['White'], stock: { 'Columbus DC': 75 } }, { sku: 'HAT-YEL', price: '18.00', options: ['Yellow'], stock: { 'Reno DC': 40 } }] },
      { title: 'Pallet jack 2500 kg', vendor: 'LiftCo', productType: 'Equipment', variants: [{ sku: 'PJ-2500', price: '389.00', cost: '240.00', stock: { 'Reno DC': 6 } }] },
    ],
    companies: [
      {
        name: 'Globex Manufacturing',
        externalId: 'NS-CUST-1001',
        note: 'Key account',
        contact: { email: 'purchasing@globex.example', firstName: 'Gina', lastName: 'Park', phone: '+12175550100', title: 'Purchasing manager' },
        contacts: [{ email: 'ap@globex.example', firstName: 'Omar', lastName: 'Diaz', title: 'Accounts payable' }],
        locations: [
          {
            name: 'Globex Springfield',
            externalId: 'NS-ADDR-1001-1',
            phone: '+12175550101',
            paymentTerms: 'Net 30',
            taxRegistrationId: 'IL-8842-0012',
            shippingAddress: { address1: '742 Evergreen Terrace', city: 'Springfield', zoneCode: 'IL', countryCode: 'US', zip: '62701', recipient: 'Receiving dock 2', phone: '+12175550101' },
            billingSameAsShipping: true,
          },
          { name: 'Globex Shelbyville', externalId: 'NS-ADDR-1001-2', paymentTerms: 'Net 60', shippingAddress: { address1: '1 Main St', city: 'Shelbyville', zoneCode: 'IL', countryCode: 'US', zip: '62565' }, billingSameAsShipping: true },
        ],
      },
      {
        name: 'Initech',
        externalId: 'NS-CUST-1002',
        contact: { email: 'bill@initech.example', firstName: 'Bill', lastName: 'Lumbergh', title: 'VP Operations' },
        locations: [{ name: 'Initech Austin', externalId: 'NS-ADDR-1002-1', paymentTerms: 'Net 15', shippingAddress: { address1: '4120 Freidrich Ln', city: 'Austin', zoneCode: 'TX', countryCode: 'US', zip: '78744' }, billingSameAsShipping: true }],
      },
      {
        name: 'Stark Fabrication',
        contact: { email: 'pepper@stark.example', firstName: 'Pepper', lastName: 'Potts' },
        locations: [{ name: 'Stark Reno', paymentTerms: 'Due on receipt', shippingAddress: { address1: '10 Foundry Rd', city: 'Reno', zoneCode: 'NV', countryCode: 'US', zip: '89502' }, billingSameAsShipping: true, taxExempt: true }],
      },
    ],
    customers: [{ email: 'pat.lee@example.com', firstName: 'Pat', lastName: 'Lee', phone: '+19375550100' }],
    orders: [
      { company: 'NS-CUST-1001', poNumber: 'PO-44021', lines: [{ sku: 'HB-M8-40', quantity: 1000 }, { sku: 'FW-M8-1000', quantity: 2 }], shipping: { title: 'LTL Freight', price: '85.00' } },
      { company: 'NS-CUST-1001', companyLocation: 'Globex Shelbyville', poNumber: 'PO-44022', lines: [{ sku: 'GLV-NIT-100', quantity: 12 }, { sku: 'HAT-WHT', quantity: 6 }], shipping: { title: 'Ground', price: '24.00' } },
      { company: 'NS-CUST-1002', poNumber: '7731', lines: [{ sku: 'PJ-2500', quantity: 1 }], shipping: { title: 'Freight', price: '120.00' } },
      {
        customer: { email: 'pat.lee@example.com', firstName: 'Pat', lastName: 'Lee' },
        financialStatus: 'PAID',
        lines: [{ sku: 'GLV-NIT-100', quantity: 1, taxRate: '0.0725', taxTitle: 'OH state tax' }],
        shipping: { title: 'Standard', price: '6.95' },
        shippingAddress: { firstName: 'Pat', lastName: 'Lee', address1: '5 Oak St', city: 'Dayton', province: 'Ohio', provinceCode: 'OH', countryCode: 'US', zip: '45402', phone: '+19375550100' },
        billingAddress: { firstName: 'Pat', lastName: 'Lee', address1: '5 Oak St', city: 'Dayton', province: 'Ohio', provinceCode: 'OH', countryCode: 'US', zip: '45402', phone: '+19375550100' },
      },
    ],
  };
}
