/**
 * The store holds a large B2B shop without strain: 100,000 inventory levels (10,000 variants at
 * 10 locations) and 10,000 orders. Checked by counts (records examined per query, heap growth
 * with a generous bound), never by wall time.
 */
import { createShopifyStore } from '../../../sandbox/shopify/store';
import { seedShop } from '../../../sandbox/shopify/seed';

describe('a large shop', () => {
  const store = createShopifyStore({ shops: [{ domain: 'big.myshopify.com', locations: Array.from({ length: 10 }, (_, i) => ({ name: `DC ${i + 1}` })) }] });
  const shop = store.shop();
  let heapGrowth = 0;

  beforeAll(() => {
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    const stock = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`DC ${i + 1}`, 1000]));
    seedShop(shop, {
      products: Array.from({ length: 5000 }, (_, p) => ({ title: `Part ${p}`, options: ['Size'], variants: ['S', 'L'].map((size) => ({ sku: `P${p}-${size}`, price: '1.25', options: [size], stock })) })),
    });
    seedShop(shop, {
      orders: Array.from({ length: 10_000 }, (_, o) => ({ customer: { email: `buyer${o % 2000}@example.com` }, lines: [0, 1, 2].map((l) => ({ sku: `P${(o * 3 + l) % 5000}-${l % 2 ? 'L' : 'S'}`, quantity: 1 })) })),
    });
    heapGrowth = process.memoryUsage().heapUsed - before;
  });

  it('holds 100,000 inventory levels and 10,000 orders in well under a gigabyte', () => {
    expect(shop.inventoryLevels.size).toBe(100_000);
    expect(shop.orders.size).toBe(10_000);
    // Measured at about 120 MB; the bound only catches a blow-up.
    expect(heapGrowth).toBeLessThan(1_000_000_000);
  });

  it('finds a SKU through the index, examining only that item\'s levels', async () => {
    const before = shop.scanned;
    const res = await store.graphql({ query: '{ productVariants(first: 5, query: "sku:P4999-L") { nodes { sku inventoryItem { inventoryLevels(first: 10) { nodes { quantities(names: ["available"]) { quantity } } } } } } }' });
    expect(res.body.data.productVariants.nodes).toHaveLength(1);
    // One variant from the index, then its ten levels
    expect(shop.scanned - before).toBe(11);
  });

  it('polls updated orders from the watermark, examining one page and one more', async () => {
    const before = shop.scanned;
    const res = await store.graphql({ query: `{ orders(first: 50, sortKey: UPDATED_AT, query: "updated_at:>'2026-11-01T00:00:00Z'") { nodes { id } pageInfo { hasNextPage } } }` });
    expect(res.body.data.orders.nodes).toHaveLength(50);
    expect(res.body.data.orders.pageInfo.hasNextPage).toBe(true);
    expect(shop.scanned - before).toBe(51);
  });

  it('pages through all 10,000 orders by cursor, each exactly once, in order', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    for (;;) {
      const res: { body: { data: { orders: { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } } } = await store.graphql({
        query: 'query P($c: String) { orders(first: 250, after: $c, sortKey: ID) { nodes { id } pageInfo { hasNextPage endCursor } } }',
        variables: { c: cursor },
      });
      pages++;
      seen.push(...res.body.data.orders.nodes.map((n) => n.id));
      if (!res.body.data.orders.pageInfo.hasNextPage) break;
      cursor = res.body.data.orders.pageInfo.endCursor;
    }
    expect(pages).toBe(40);
    expect(new Set(seen).size).toBe(10_000);
    expect(seen).toEqual([...seen].sort((a, b) => Number(a.split('/').pop()) - Number(b.split('/').pop())));
  });
});
