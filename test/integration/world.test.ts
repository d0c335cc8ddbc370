/**
 * The sandbox wired together: the store record an admin saves is checked, its connection to
 * Shopify is verified through the queue (user event → mr_outbound → Shopify → the record).
 */
import { createWorld, type World } from '../../sandbox/world';

let world: World;
beforeAll(async () => {
  world = await createWorld();
}, 60_000);
afterAll(() => world?.close());

it('verifies the store connection through the outbound queue after the store is saved', async () => {
  await world.settle();
  const store = world.netsuite.records.get('customrecord_sb2b_store', world.storeId)!;
  expect(String(store.fields.custrecord_sb2b_connection)).toMatch(/^Connected to Acme Industrial Supply \(acme-b2b\.myshopify\.com\), Shopify Plus, USD; checked /);
  const entries = world.netsuite.query(`SELECT custrecord_sb2b_q_topic AS topic, custrecord_sb2b_q_status AS status FROM customrecord_sb2b_queue`);
  expect(entries).toEqual([{ topic: 'store/verify', status: 'done' }]);
});

it('turns a B2B order placed in Shopify into a sales order for its company location', async () => {
  await world.shopify.post(`/shops/${world.shop}/actions/place-order`, {
    company: 'NS-CUST-1001',
    poNumber: 'PO-SMOKE',
    lines: [{ sku: 'HB-M8-40', quantity: 100 }, { sku: 'FW-M8-100', quantity: 2 }],
    shipping: { title: 'Ground', price: '12.00' },
  });
  await world.settle();
  const [order] = world.netsuite.query(`SELECT t.otherrefnum AS po, t.foreigntotal AS total, c.companyname AS customer FROM transaction t JOIN customer c ON c.id = t.entity WHERE t.type = 'SalesOrd' AND t.otherrefnum = 'PO-SMOKE'`);
  expect(order).toEqual({ po: 'PO-SMOKE', total: 54.8, customer: 'Globex Springfield' });
});
