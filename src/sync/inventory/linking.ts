/**
 * Linking NetSuite items to Shopify variants by SKU, when not linked yet. Exact matches only (SKUs
 * are case-sensitive in Shopify); duplicates, case-only differences and items Shopify lacks are
 * reported for a person to sort out, never guessed.
 */
export interface NetSuiteItem {
  id: string;
  sku: string;
  linkedVariantGid?: string;
}

export interface ShopifyVariant {
  id: string;
  sku: string | null;
  inventoryItemGid: string;
}

export interface LinkPlan {
  links: { itemId: string; variantGid: string; inventoryItemGid: string }[];
  duplicateInShopify: { sku: string; variants: string[] }[];
  duplicateInNetSuite: { sku: string; items: string[] }[];
  caseDifferent: { itemId: string; sku: string; shopifySku: string }[];
  missingInShopify: { itemId: string; sku: string }[];
}

export function planLinks(items: NetSuiteItem[], variants: ShopifyVariant[]): LinkPlan {
  const plan: LinkPlan = { links: [], duplicateInShopify: [], duplicateInNetSuite: [], caseDifferent: [], missingInShopify: [] };
  const bySku = new Map<string, ShopifyVariant[]>();
  const byLowerSku = new Map<string, ShopifyVariant[]>();
  for (const v of variants) {
    if (!v.sku) continue;
    bySku.set(v.sku, [...(bySku.get(v.sku) ?? []), v]);
    byLowerSku.set(v.sku.toLowerCase(), [...(byLowerSku.get(v.sku.toLowerCase()) ?? []), v]);
  }
  for (const [sku, list] of bySku) if (list.length > 1) plan.duplicateInShopify.push({ sku, variants: list.map((v) => v.id) });
  const itemsBySku = new Map<string, NetSuiteItem[]>();
  for (const item of items) itemsBySku.set(item.sku, [...(itemsBySku.get(item.sku) ?? []), item]);
  for (const [sku, list] of itemsBySku) {
    if (list.length > 1) {
      plan.duplicateInNetSuite.push({ sku, items: list.map((i) => i.id) });
      continue;
    }
    const item = list[0];
    if (item.linkedVariantGid) continue;
    const exact = bySku.get(sku) ?? [];
    if (exact.length === 1) {
      plan.links.push({ itemId: item.id, variantGid: exact[0].id, inventoryItemGid: exact[0].inventoryItemGid });
      continue;
    }
    if (exact.length > 1) continue; // reported as a Shopify duplicate
    const near = byLowerSku.get(sku.toLowerCase()) ?? [];
    if (near.length > 0) plan.caseDifferent.push({ itemId: item.id, sku, shopifySku: near[0].sku! });
    else plan.missingInShopify.push({ itemId: item.id, sku });
  }
  return plan;
}
