/**
 * The admin's status page (sl_status) through the built bundle: it shows what needs a person with
 * the reason, and its Retry button sends the entry back once the cause is fixed.
 */
import { createWorld, type World } from '../../sandbox/world';

let world: World;
beforeAll(async () => {
  world = await createWorld();
}, 60_000);
afterAll(() => world?.close());

const page = (request: { method?: string; body?: string; params?: Record<string, string> } = {}) =>
  world.netsuite.suitelet('customdeploy_sb2b_sl_status', {
    ...request,
    headers: request.body ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {},
  });

it('shows each store, its connection and its queue', () => {
  const html = page().body;
  expect(html).toContain('<h1>Shopify B2B: status</h1>');
  expect(html).toContain('Acme Industrial Supply <small>acme-b2b.myshopify.com</small> <span class="good">ok</span>');
  expect(html).toMatch(/Connected to Acme Industrial Supply \(acme-b2b\.myshopify\.com\), Shopify Plus, USD/);
  expect(html).toContain('Nothing: no dead entries, no entries retrying after an error.');
  const json = JSON.parse(page({ params: { format: 'json' } }).body) as { stores: { name: string }[]; counts: { direction: string; status: string; count: number }[] };
  expect(json.stores.map((s) => s.name)).toEqual(['Acme Industrial Supply']);
  expect(json.counts).toContainEqual({ storeId: String(world.storeId), direction: 'outbound', status: 'done', count: 1 });
});

it('lists an order that cannot sync with its reason, and Retry sends it back once the cause is fixed', async () => {
  // The hard hats' NetSuite item was renamed, so the order's SKU matches nothing.
  const hat = world.items['HAT-YEL'];
  world.netsuite.ui.edit('inventoryitem', hat, { itemid: 'HAT-YELLOW-OLD' });
  await world.shopify.post(`/shops/${world.shop}/actions/place-order`, { company: 'NS-CUST-1002', poNumber: 'PO-STATUS', lines: [{ sku: 'HAT-YEL', quantity: 3 }] });
  await world.settle();

  const stuck = page().body;
  expect(stuck).toContain('HAT-YEL');
  expect(stuck).toMatch(/<td>retrying<\/td><td>inbound order\/sync<\/td><td>gid:\/\/shopify\/Order\/\d+<\/td>/);
  const [entry] = world.netsuite.query(`SELECT id FROM customrecord_sb2b_queue WHERE custrecord_sb2b_q_status = 'retrying'`) as { id: number }[];
  expect(stuck).toContain(`<input type="hidden" name="ids" value="${entry.id}"><button type="submit">Retry</button>`);

  world.netsuite.ui.edit('inventoryitem', hat, { itemid: 'HAT-YEL' });
  const after = page({ method: 'POST', body: `action=retry&ids=${entry.id}` }).body;
  expect(after).toContain('1 entry sent back to the queue; the processor starts now.');
  await world.settle();
  expect(world.netsuite.query(`SELECT custrecord_sb2b_q_status AS status, custrecord_sb2b_q_attempts AS attempts FROM customrecord_sb2b_queue WHERE id = ?`, [entry.id])).toEqual([{ status: 'done', attempts: 1 }]);
  expect(world.netsuite.query(`SELECT COUNT(*) AS n FROM transaction WHERE otherrefnum = 'PO-STATUS' AND type = 'SalesOrd'`)).toEqual([{ n: 1 }]);
  expect(page().body).toContain('Nothing: no dead entries, no entries retrying after an error.');
});

it('refuses a retry it cannot make sense of, saying what it takes', () => {
  expect(page({ method: 'POST', body: 'action=retry&ids=abc' }).body).toContain('Not queue entry ids: abc.');
  expect(page({ method: 'POST', body: 'action=retry' }).body).toContain('Nothing to retry: choose an entry (its id) or a store.');
});
