/**
 * Products and inventory: lookups by SKU, productSet, and inventorySetQuantities with its
 * required @idempotent key and changeFromQuantity compare-and-set. User error texts and codes are
 * the ones Shopify sends (captured, or the schema's enum descriptions where no capture exists).
 */
import { createShopifyStore, type ShopifyStore } from '../../../sandbox/shopify/store';
import { acmeShop, SHOP } from './fixtures';

const SET_INV = `mutation SetInv($input: InventorySetQuantitiesInput!, $key: String!) {
  inventorySetQuantities(input: $input) @idempotent(key: $key) {
    inventoryAdjustmentGroup { id reason referenceDocumentUri changes { name delta quantityAfterChange item { id } location { id } } }
    userErrors { field message code }
  }
}`;

const LEVEL = `query Level($sku: String!) {
  inventoryItems(first: 5, query: $sku) {
    nodes { id sku inventoryLevels(first: 5) { nodes { location { id name } quantities(names: ["available", "on_hand", "committed"]) { name quantity } } } }
  }
}`;

async function ids(store: ShopifyStore, sku: string) {
  const res = await store.graphql({ query: LEVEL, variables: { sku: `sku:${sku}` } });
  const item = res.body.data.inventoryItems.nodes[0];
  const byLocation = Object.fromEntries(
    item.inventoryLevels.nodes.map((n: { location: { id: string; name: string }; quantities: { name: string; quantity: number }[] }) => [n.location.name, { locationId: n.location.id, ...Object.fromEntries(n.quantities.map((q) => [q.name, q.quantity])) }]),
  );
  return { itemId: item.id as string, levels: byLocation as Record<string, { locationId: string; available: number; on_hand: number; committed: number }> };
}

function setInput(itemId: string, locationId: string, quantity: number, changeFromQuantity: number | null, name = 'available') {
  return { name, reason: 'correction', referenceDocumentUri: 'gid://netsuite-connector/InventorySync/2026-11-03T10:00Z', quantities: [{ inventoryItemId: itemId, locationId, quantity, changeFromQuantity }] };
}

describe('lookups by SKU', () => {
  const store = createShopifyStore({ shops: [acmeShop()] });

  it('finds a variant and an inventory item by exact, case-sensitive SKU', async () => {
    const res = await store.graphql({
      query: '{ a: productVariants(first: 5, query: "sku:HB-M8-40") { nodes { sku price product { title } } } b: productVariants(first: 5, query: "sku:hb-m8-40") { nodes { sku } } c: inventoryItems(first: 5, query: "sku:GLV-100") { nodes { sku tracked duplicateSkuCount variant { sku } } } }',
    });
    expect(res.body.data.a.nodes).toEqual([{ sku: 'HB-M8-40', price: '0.35', product: { title: 'Hex bolt M8' } }]);
    expect(res.body.data.b.nodes).toEqual([]);
    expect(res.body.data.c.nodes).toEqual([{ sku: 'GLV-100', tracked: true, duplicateSkuCount: 0, variant: { sku: 'GLV-100' } }]);
  });

  it('uses the SKU index instead of scanning the catalogue', async () => {
    const shop = store.shop();
    const before = shop.scanned;
    await store.graphql({ query: '{ productVariants(first: 5, query: "sku:HB-M8-60") { nodes { id } } }' });
    expect(shop.scanned - before).toBe(1);
  });
});

describe('inventorySetQuantities', () => {
  let store: ShopifyStore;
  beforeEach(() => {
    store = createShopifyStore({ shops: [acmeShop()] });
  });

  it('sets available (the documented example), moving on hand by the same delta', async () => {
    const { itemId, levels } = await ids(store, 'HB-M8-40');
    const columbus = levels['Columbus DC']!.locationId;
    const res = await store.graphql({ query: SET_INV, variables: { input: setInput(itemId, columbus, 42, 500), key: 'sync-1' } });
    const payload = res.body.data.inventorySetQuantities;
    expect(payload.userErrors).toEqual([]);
    expect(payload.inventoryAdjustmentGroup).toMatchObject({ reason: 'correction', referenceDocumentUri: 'gid://netsuite-connector/InventorySync/2026-11-03T10:00Z' });
    expect(payload.inventoryAdjustmentGroup.changes).toEqual([
      { name: 'available', delta: -458, quantityAfterChange: 42, item: { id: itemId }, location: { id: columbus } },
      { name: 'on_hand', delta: -458, quantityAfterChange: 42, item: { id: itemId }, location: { id: columbus } },
    ]);
    expect((await ids(store, 'HB-M8-40')).levels['Columbus DC']).toMatchObject({ available: 42, on_hand: 42 });
  });

  it('sets on hand, and available follows', async () => {
    const { itemId, levels } = await ids(store, 'HB-M8-40');
    await store.graphql({ query: SET_INV, variables: { input: setInput(itemId, levels['Reno DC']!.locationId, 250, 200, 'on_hand'), key: 'sync-2' } });
    expect((await ids(store, 'HB-M8-40')).levels['Reno DC']).toMatchObject({ available: 250, on_hand: 250 });
  });

  it('with the same key and the same parameters, returns the first result and applies nothing again', async () => {
    const { itemId, levels } = await ids(store, 'GLV-100');
    const loc = levels['Columbus DC']!.locationId;
    const variables = { input: setInput(itemId, loc, 35, 40), key: 'retry-me' };
    const first = await store.graphql({ query: SET_INV, variables });
    // Meanwhile stock moves for another reason (another key)
    await store.graphql({ query: SET_INV, variables: { input: setInput(itemId, loc, 30, 35), key: 'other-event' } });
    // The network retry of the first request
    const retry = await store.graphql({ query: SET_INV, variables });
    expect(retry.body.data).toEqual(first.body.data);
    expect((await ids(store, 'GLV-100')).levels['Columbus DC']!.available).toBe(30);
  });

  it('with the same key and different parameters, refuses with IDEMPOTENCY_KEY_PARAMETER_MISMATCH', async () => {
    const { itemId, levels } = await ids(store, 'GLV-100');
    const loc = levels['Columbus DC']!.locationId;
    await store.graphql({ query: SET_INV, variables: { input: setInput(itemId, loc, 35, 40), key: 'k-1' } });
    const res = await store.graphql({ query: SET_INV, variables: { input: setInput(itemId, loc, 20, 35), key: 'k-1' } });
    expect(res.body.data.inventorySetQuantities).toEqual({
      inventoryAdjustmentGroup: null,
      userErrors: [{ field: null, message: 'The same idempotency key cannot be used with different operation parameters.', code: 'IDEMPOTENCY_KEY_PARAMETER_MISMATCH' }],
    });
    expect((await ids(store, 'GLV-100')).levels['Columbus DC']!.available).toBe(35);
  });

  it('requires @idempotent: without it the field fails with BAD_REQUEST (captured) and nothing changes', async () => {
    const { itemId, levels } = await ids(store, 'GLV-100');
    const query = 'mutation S($input: InventorySetQuantitiesInput!) {\n  inventorySetQuantities(input: $input) { userErrors { field message code } }\n}';
    const res = await store.graphql({ query, variables: { input: setInput(itemId, levels['Columbus DC']!.locationId, 1, null) } });
    expect(res.body.errors).toEqual([
      { message: 'The @idempotent directive is required for this mutation but was not provided.', locations: [{ line: 2, column: 3 }], extensions: { code: 'BAD_REQUEST' }, path: ['inventorySetQuantities'] },
    ]);
    expect(res.body.data).toEqual({ inventorySetQuantities: null });
    expect((await ids(store, 'GLV-100')).levels['Columbus DC']!.available).toBe(40);
  });

  it('compare-and-set: a stale changeFromQuantity fails the whole call with CHANGE_FROM_QUANTITY_STALE', async () => {
    const bolt = await ids(store, 'HB-M8-40');
    const gloves = await ids(store, 'GLV-100');
    const input = {
      name: 'available',
      reason: 'correction',
      quantities: [
        { inventoryItemId: gloves.itemId, locationId: gloves.levels['Columbus DC']!.locationId, quantity: 10, changeFromQuantity: 40 },
        { inventoryItemId: bolt.itemId, locationId: bolt.levels['Columbus DC']!.locationId, quantity: 10, changeFromQuantity: 499 },
      ],
    };
    const res = await store.graphql({ query: SET_INV, variables: { input, key: 'cas-1' } });
    expect(res.body.data.inventorySetQuantities).toEqual({
      inventoryAdjustmentGroup: null,
      userErrors: [{ field: ['input', 'quantities', '1', 'changeFromQuantity'], message: 'The changeFromQuantity argument no longer matches the persisted quantity.', code: 'CHANGE_FROM_QUANTITY_STALE' }],
    });
    // All or nothing: the valid first quantity was not applied either
    expect((await ids(store, 'GLV-100')).levels['Columbus DC']!.available).toBe(40);
  });

  it('skips the compare when changeFromQuantity is null, and refuses it when left out', async () => {
    const { itemId, levels } = await ids(store, 'GLV-100');
    const loc = levels['Columbus DC']!.locationId;
    const skipped = await store.graphql({ query: SET_INV, variables: { input: setInput(itemId, loc, 7, null), key: 'null-cas' } });
    expect(skipped.body.data.inventorySetQuantities.userErrors).toEqual([]);
    const omitted = { name: 'available', reason: 'correction', quantities: [{ inventoryItemId: itemId, locationId: loc, quantity: 8 }] };
    const refused = await store.graphql({ query: SET_INV, variables: { input: omitted, key: 'no-cas' } });
    expect(refused.body.data.inventorySetQuantities.userErrors[0]).toMatchObject({ field: ['input', 'quantities', '0', 'changeFromQuantity'], code: 'COMPARE_QUANTITY_REQUIRED' });
    expect((await ids(store, 'GLV-100')).levels['Columbus DC']!.available).toBe(7);
  });

  it('reports bad input with Shopify\'s user errors (captured messages)', async () => {
    const { itemId, levels } = await ids(store, 'GLV-100');
    const loc = levels['Columbus DC']!.locationId;
    const errorsFor = async (input: Record<string, unknown>, key: string) => (await store.graphql({ query: SET_INV, variables: { input, key } })).body.data.inventorySetQuantities.userErrors;
    expect(await errorsFor({ ...setInput(itemId, loc, 5, 40), name: 'damaged' }, 'e1')).toEqual([{ field: ['input', 'name'], message: "The quantity name must be either 'available' or 'on_hand'.", code: 'INVALID_NAME' }]);
    expect((await errorsFor({ ...setInput(itemId, loc, 5, 40), reason: 'made_up' }, 'e2'))[0]).toMatchObject({ field: ['input', 'reason'], code: 'INVALID_REASON' });
    expect(await errorsFor(setInput('gid://shopify/InventoryItem/42', 'gid://shopify/Location/515151515151', 1, 0), 'e3')).toEqual([
      { field: ['input', 'quantities', '0', 'inventoryItemId'], message: 'The specified inventory item could not be found.', code: 'INVALID_INVENTORY_ITEM' },
      { field: ['input', 'quantities', '0', 'locationId'], message: 'The specified location could not be found.', code: 'INVALID_LOCATION' },
    ]);
    expect(await errorsFor(setInput(itemId, loc, 1_000_000_001, 40), 'e4')).toEqual([{ field: ['input', 'quantities', '0', 'quantity'], message: "The quantity can't be higher than 1,000,000,000.", code: 'INVALID_QUANTITY_TOO_HIGH' }]);
    expect(await errorsFor(setInput(itemId, loc, -5, 40, 'on_hand'), 'e5')).toEqual([{ field: ['input', 'quantities', '0', 'quantity'], message: "The quantity can't be negative.", code: 'INVALID_QUANTITY_NEGATIVE' }]);
    const duplicate = { name: 'available', reason: 'correction', quantities: [1, 2].map((q) => ({ inventoryItemId: itemId, locationId: loc, quantity: q, changeFromQuantity: 40 })) };
    expect((await errorsFor(duplicate, 'e6')).map((e: { code: string }) => e.code)).toEqual(['NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR', 'NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR']);
  });

  it('allows negative available stock (captured), and returns no group when nothing changes', async () => {
    const { itemId, levels } = await ids(store, 'GLV-100');
    const loc = levels['Columbus DC']!.locationId;
    const negative = await store.graphql({ query: SET_INV, variables: { input: setInput(itemId, loc, -5, 40), key: 'neg' } });
    expect(negative.body.data.inventorySetQuantities.inventoryAdjustmentGroup.changes[0]).toMatchObject({ name: 'available', delta: -45 });
    const same = await store.graphql({ query: SET_INV, variables: { input: setInput(itemId, loc, -5, -5), key: 'same' } });
    expect(same.body.data.inventorySetQuantities).toEqual({ inventoryAdjustmentGroup: null, userErrors: [] });
  });

  it('stocks an item at a new location in 2026-10, and refuses it in 2026-07 (ITEM_NOT_STOCKED_AT_LOCATION)', async () => {
    const { itemId, levels } = await ids(store, 'GLV-100');
    const reno = (await ids(store, 'HB-M8-40')).levels['Reno DC']!.locationId;
    expect(levels['Reno DC']).toBeUndefined();
    const old = await store.graphql({ query: SET_INV, variables: { input: setInput(itemId, reno, 5, null), key: 'v07' }, version: '2026-07' });
    expect(old.body.data.inventorySetQuantities.userErrors[0]).toMatchObject({ code: 'ITEM_NOT_STOCKED_AT_LOCATION', field: ['input', 'quantities', '0', 'locationId'] });
    const current = await store.graphql({ query: SET_INV, variables: { input: setInput(itemId, reno, 5, null), key: 'v10' } });
    expect(current.body.data.inventorySetQuantities.userErrors).toEqual([]);
    expect((await ids(store, 'GLV-100')).levels['Reno DC']).toMatchObject({ available: 5, on_hand: 5 });
  });
});

describe('what inventory sync relies on around inventorySetQuantities', () => {
  let store: ShopifyStore;
  beforeEach(() => {
    store = createShopifyStore({ shops: [acmeShop()] });
  });
  const control = async (method: string, path: string, body?: unknown) => {
    const [pathname, search] = path.split('?');
    const res = await store.request({ method, path: `/sandbox/shopify${pathname}`, query: new URLSearchParams(search ?? ''), body: body === undefined ? undefined : Buffer.from(JSON.stringify(body)) });
    return { status: res!.status, body: JSON.parse(String(res!.body)) };
  };

  it('the control API lists adjustment groups with their reference document; a replayed key adds none', async () => {
    const { itemId, levels } = await ids(store, 'GLV-100');
    const variables = { input: setInput(itemId, levels['Columbus DC']!.locationId, 35, 40), key: 'once' };
    await store.graphql({ query: SET_INV, variables });
    await store.graphql({ query: SET_INV, variables });
    const { body } = await control('GET', `/shops/${SHOP}/inventory/adjustments?sku=GLV-100`);
    expect(body).toEqual([
      {
        id: expect.stringMatching(/^gid:\/\/shopify\/InventoryAdjustmentGroup\/\d+$/),
        reason: 'correction',
        referenceDocumentUri: 'gid://netsuite-connector/InventorySync/2026-11-03T10:00Z',
        createdAt: expect.any(String),
        changes: [
          { sku: 'GLV-100', inventoryItemId: itemId, location: 'Columbus DC', name: 'available', delta: -5, quantityAfterChange: 35 },
          { sku: 'GLV-100', inventoryItemId: itemId, location: 'Columbus DC', name: 'on_hand', delta: -5, quantityAfterChange: 35 },
        ],
      },
    ]);
    expect((await control('GET', `/shops/${SHOP}/inventory/adjustments?sku=HB-M8-40`)).body).toEqual([]);
  });

  it('a buyerOrder fault places an order just before the matching request, so a compare-and-set read before it is stale', async () => {
    const { itemId, levels } = await ids(store, 'GLV-100');
    const rule = await control('POST', '/faults', { target: 'admin', match: { operationName: 'SetInv' }, sequence: ['buyerOrder'], order: { customer: { email: 'pat@example.com' }, lines: [{ sku: 'GLV-100', quantity: 3 }] } });
    expect(rule.status).toBe(201);
    const res = await store.graphql({ query: SET_INV, variables: { input: setInput(itemId, levels['Columbus DC']!.locationId, 50, 40), key: 'after-read' } });
    expect(res.body.data.inventorySetQuantities.userErrors).toEqual([
      { field: ['input', 'quantities', '0', 'changeFromQuantity'], message: 'The changeFromQuantity argument no longer matches the persisted quantity.', code: 'CHANGE_FROM_QUANTITY_STALE' },
    ]);
    expect((await ids(store, 'GLV-100')).levels['Columbus DC']).toMatchObject({ available: 37, committed: 3, on_hand: 40 });
    expect((await control('GET', `/shops/${SHOP}/orders`)).body).toHaveLength(1);
    expect((await control('POST', '/faults', { target: 'admin', sequence: ['buyerOrder'] })).body).toEqual({ error: 'a buyerOrder rule needs `order` (the order the buyer places, as for actions/place-order)' });
  });
});

describe('productSet', () => {
  const PRODUCT_SET = `mutation Upsert($identifier: ProductSetIdentifiers, $input: ProductSetInput!) {
    productSet(identifier: $identifier, input: $input, synchronous: true) {
      product { id handle title status variants(first: 10) { nodes { sku price selectedOptions { name value } inventoryItem { id } } } }
      productSetOperation { id }
      userErrors { field message code }
    }
  }`;

  it('creates a product with variants and stock, then replaces the variant list on update', async () => {
    const store = createShopifyStore({ shops: [acmeShop()] });
    const columbus = (await ids(store, 'GLV-100')).levels['Columbus DC']!.locationId;
    const input = {
      title: 'Washer M8',
      status: 'ACTIVE',
      productOptions: [{ name: 'Finish', values: [{ name: 'Zinc' }, { name: 'Steel' }] }],
      variants: [
        { optionValues: [{ optionName: 'Finish', name: 'Zinc' }], price: '0.05', inventoryItem: { sku: 'WSH-M8-Z' }, inventoryQuantities: [{ locationId: columbus, name: 'available', quantity: 1000 }] },
        { optionValues: [{ optionName: 'Finish', name: 'Steel' }], price: '0.04', inventoryItem: { sku: 'WSH-M8-S' } },
      ],
    };
    const created = (await store.graphql({ query: PRODUCT_SET, variables: { input } })).body.data.productSet;
    expect(created.userErrors).toEqual([]);
    expect(created.product).toMatchObject({ handle: 'washer-m8', title: 'Washer M8', status: 'ACTIVE' });
    expect(created.product.variants.nodes.map((v: { sku: string; price: string }) => [v.sku, v.price])).toEqual([['WSH-M8-Z', '0.05'], ['WSH-M8-S', '0.04']]);
    expect((await ids(store, 'WSH-M8-Z')).levels['Columbus DC']!.available).toBe(1000);

    // Update by handle with only the zinc variant: the steel one is deleted (list fields are replaced)
    const update = { ...input, title: 'Washer M8 (DIN 125)', productOptions: [{ name: 'Finish', values: [{ name: 'Zinc' }] }], variants: [{ ...input.variants[0], price: '0.06', inventoryQuantities: undefined }] };
    const updated = (await store.graphql({ query: PRODUCT_SET, variables: { identifier: { handle: 'washer-m8' }, input: update } })).body.data.productSet;
    expect(updated.product.id).toBe(created.product.id);
    expect(updated.product.variants.nodes).toEqual([{ sku: 'WSH-M8-Z', price: '0.06', selectedOptions: [{ name: 'Finish', value: 'Zinc' }], inventoryItem: { id: created.product.variants.nodes[0].inventoryItem.id } }]);
    const gone = await store.graphql({ query: '{ productVariants(first: 1, query: "sku:WSH-M8-S") { nodes { id } } }' });
    expect(gone.body.data.productVariants.nodes).toEqual([]);
  });

  it('gives products of the same title distinct handles, and finds each by its handle after a rename', async () => {
    const store = createShopifyStore({ shops: [acmeShop()] });
    const handles = [];
    for (let i = 0; i < 3; i++) handles.push((await store.graphql({ query: PRODUCT_SET, variables: { input: { title: 'Hex nut' } } })).body.data.productSet.product.handle);
    expect(handles).toEqual(['hex-nut', 'hex-nut-1', 'hex-nut-2']);
    const idOf = async (handle: string) => (await store.graphql({ query: `{ productByHandle(handle: "${handle}") { id } }` })).body.data.productByHandle.id as string;
    // Taking a handle another product has is refused
    const clash = (await store.graphql({ query: PRODUCT_SET, variables: { identifier: { id: await idOf('hex-nut-2') }, input: { handle: 'hex-nut', title: 'Hex nut' } } })).body.data.productSet;
    expect(clash.userErrors).toEqual([{ field: ['input', 'handle'], message: 'Handle already in use. Please provide a new handle.', code: 'HANDLE_NOT_UNIQUE' }]);
    // A rename frees the old handle for the next product
    const renamed = (await store.graphql({ query: PRODUCT_SET, variables: { identifier: { id: await idOf('hex-nut') }, input: { handle: 'hex-nut-m8', title: 'Hex nut' } } })).body.data.productSet;
    expect(renamed.product.handle).toBe('hex-nut-m8');
    const lookup = await store.graphql({ query: '{ old: productByHandle(handle: "hex-nut") { id } renamed: productByHandle(handle: "hex-nut-m8") { id } }' });
    expect(lookup.body.data).toEqual({ old: null, renamed: { id: renamed.product.id } });
    expect((await store.graphql({ query: PRODUCT_SET, variables: { input: { title: 'Hex nut' } } })).body.data.productSet.product.handle).toBe('hex-nut');
  });

  it('reports Shopify\'s user errors for an unknown id and for variants without options', async () => {
    const store = createShopifyStore({ shops: [acmeShop()] });
    const unknown = (await store.graphql({ query: PRODUCT_SET, variables: { input: { id: 'gid://shopify/Product/1', title: 'x' } } })).body.data.productSet;
    expect(unknown).toEqual({ product: null, productSetOperation: null, userErrors: [{ field: ['input', 'id'], message: 'Product does not exist', code: 'PRODUCT_DOES_NOT_EXIST' }] });
    const noOptions = (await store.graphql({ query: PRODUCT_SET, variables: { input: { title: 'x', variants: [{ optionValues: [], price: '1' }] } } })).body.data.productSet;
    expect(noOptions.userErrors).toEqual([{ field: ['input', 'productOptions'], message: 'Must specify product options when updating variants.', code: 'PRODUCT_OPTIONS_INPUT_MISSING' }]);
  });
});
