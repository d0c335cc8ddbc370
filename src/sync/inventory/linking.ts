/**
 * Linking NetSuite items to Shopify variants by SKU, when not linked yet. Exact matches only (SKUs
 * are case-sensitive in Shopify); SKUs on several variants or several items, SKUs that differ only
 * in case or in surrounding spaces, variants another item is already linked to, and items Shopify
 * lacks are reported for a person to sort out, never guessed.
 */
export interface LinkCandidate {
  id: string;
  /** The item's name (item ID), which is its SKU. */
  sku: string;
  /** NetSuite's item type code (InvtPart, Assembly): the record type the link is written to. */
  itemType: string;
  /** Set when the variant is linked but its inventory item is not: completed from the variant. */
  variantGid?: string;
}

export interface ShopifyVariant {
  id: string;
  sku: string | null;
  inventoryItemGid: string;
}

export interface PlannedLink {
  itemId: string;
  itemType: string;
  sku: string;
  variantGid: string;
  inventoryItemGid: string;
}

export interface LinkPlan {
  links: PlannedLink[];
  duplicateInShopify: { sku: string; itemId: string; variants: string[] }[];
  duplicateInNetSuite: { sku: string; items: string[] }[];
  /** No exact match, but a variant whose SKU differs only in case or surrounding spaces. */
  nearMatch: { itemId: string; sku: string; shopifySku: string }[];
  /** The matching variant is already linked to another item. */
  alreadyLinked: { itemId: string; sku: string; variantGid: string; linkedItemId: string }[];
  missingInShopify: { itemId: string; sku: string }[];
}

const loose = (sku: string) => sku.trim().toLowerCase();

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * @param linkedInventoryItems inventory item gid → the NetSuite item already linked to it
 */
export function planLinks(candidates: LinkCandidate[], variants: ShopifyVariant[], linkedInventoryItems: ReadonlyMap<string, string> = new Map()): LinkPlan {
  const plan: LinkPlan = { links: [], duplicateInShopify: [], duplicateInNetSuite: [], nearMatch: [], alreadyLinked: [], missingInShopify: [] };
  const bySku = new Map<string, ShopifyVariant[]>();
  const byLooseSku = new Map<string, ShopifyVariant[]>();
  const byId = new Map<string, ShopifyVariant>();
  for (const v of variants) {
    byId.set(v.id, v);
    if (!v.sku) continue;
    push(bySku, v.sku, v);
    push(byLooseSku, loose(v.sku), v);
  }
  const itemsBySku = new Map<string, LinkCandidate[]>();
  for (const item of candidates) push(itemsBySku, item.sku, item);

  const link = (item: LinkCandidate, variant: ShopifyVariant) => {
    const owner = linkedInventoryItems.get(variant.inventoryItemGid);
    if (owner !== undefined && owner !== item.id) plan.alreadyLinked.push({ itemId: item.id, sku: item.sku, variantGid: variant.id, linkedItemId: owner });
    else plan.links.push({ itemId: item.id, itemType: item.itemType, sku: item.sku, variantGid: variant.id, inventoryItemGid: variant.inventoryItemGid });
  };

  for (const [sku, items] of itemsBySku) {
    if (items.length > 1 && items.some((i) => !i.variantGid)) {
      plan.duplicateInNetSuite.push({ sku, items: items.map((i) => i.id) });
      continue;
    }
    for (const item of items) {
      if (item.variantGid) {
        // Linked to a variant by hand (or earlier) but not to its inventory item: follow the variant.
        const variant = byId.get(item.variantGid);
        if (variant) link(item, variant);
        else plan.missingInShopify.push({ itemId: item.id, sku });
        continue;
      }
      const exact = bySku.get(sku) ?? [];
      if (exact.length === 1) link(item, exact[0]);
      else if (exact.length > 1) plan.duplicateInShopify.push({ sku, itemId: item.id, variants: exact.map((v) => v.id) });
      else {
        const near = byLooseSku.get(loose(sku)) ?? [];
        if (near.length > 0) plan.nearMatch.push({ itemId: item.id, sku, shopifySku: near[0].sku! });
        else plan.missingInShopify.push({ itemId: item.id, sku });
      }
    }
  }
  return plan;
}

export function problemCount(plan: Omit<LinkPlan, 'links'>): number {
  return plan.duplicateInShopify.length + plan.duplicateInNetSuite.length + plan.nearMatch.length + plan.alreadyLinked.length + plan.missingInShopify.length;
}

/** The SKU linking report an admin reads: one line per problem and what to do about it. */
export function describeLinkProblems(plan: Omit<LinkPlan, 'links'>, limitPerKind = 200): string[] {
  const show = (s: string) => JSON.stringify(s);
  const capped = <T>(list: T[], line: (t: T) => string, more: (n: number) => string) =>
    list.length > limitPerKind ? [...list.slice(0, limitPerKind).map(line), more(list.length - limitPerKind)] : list.map(line);
  return [
    ...capped(
      plan.duplicateInShopify,
      (d) => `SKU ${show(d.sku)} (item ${d.itemId}) is on ${d.variants.length} Shopify variants (${d.variants.join(', ')}): give each variant its own SKU, or link the item by hand.`,
      (n) => `… and ${n} more SKUs on several Shopify variants.`,
    ),
    ...capped(
      plan.duplicateInNetSuite,
      (d) => `SKU ${show(d.sku)} is the name of ${d.items.length} NetSuite items (${d.items.join(', ')}): only one item may carry a SKU.`,
      (n) => `… and ${n} more SKUs on several NetSuite items.`,
    ),
    ...capped(
      plan.nearMatch,
      (d) => `Item ${d.itemId} is ${show(d.sku)} in NetSuite but ${show(d.shopifySku)} in Shopify: SKUs must match exactly (case and spaces included); correct one of them.`,
      (n) => `… and ${n} more items whose SKU differs only in case or spaces.`,
    ),
    ...capped(
      plan.alreadyLinked,
      (d) => `Item ${d.itemId} (${show(d.sku)}) matches Shopify variant ${d.variantGid}, which item ${d.linkedItemId} is already linked to: one variant takes its stock from one item.`,
      (n) => `… and ${n} more items whose variant is linked to another item.`,
    ),
    ...capped(
      plan.missingInShopify,
      (d) => `Item ${d.itemId} (${show(d.sku)}) has no Shopify variant with that SKU.`,
      (n) => `… and ${n} more items with no Shopify variant.`,
    ),
  ];
}
