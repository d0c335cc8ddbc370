/**
 * Inventory sync's work units, run by mr_inventory's reduce stage: push one batch (read Shopify's
 * current quantities at the location, then one inventorySetQuantities with compare-and-set and an
 * idempotency key), or link a store's items by SKU.
 */
import type { StoreConfig } from '../core/storeConfig';
import { ShopifyUserError } from '../shopify/errors';
import type { ShopifyClient } from '../shopify/client';
import { InventoryAtLocation, SetInventory, VariantsPage, type SetInventoryInput } from '../shopify/operations';
import { readPages } from '../shopify/client';
import type { Difference } from '../sync/inventory/drift';
import { planLinks } from '../sync/inventory/linking';
import { idempotencyKey, planPush, quantityIndex, withoutStale, type InventoryBatch, type ShopifyAvailable } from '../sync/inventory/quantities';
import { itemsForLinking, linkItem, saveReport } from './inventory';

export interface BatchOutcome {
  storeId: string;
  compared: number;
  pushed: number;
  unchanged: number;
  stale: number;
  notStocked: number;
  differences: Difference[];
}

function currentAt(client: ShopifyClient, batch: InventoryBatch): ShopifyAvailable {
  const { data } = client.request(InventoryAtLocation, { ids: batch.items.map((i) => i.inventoryItemGid), locationId: batch.locationGid });
  const current: ShopifyAvailable = new Map();
  for (const node of data.nodes) {
    if (!node || !node.inventoryLevel) continue; // unknown item, or not stocked at this location
    current.set(node.id, node.inventoryLevel.quantities.find((q) => q.name === 'available')?.quantity ?? 0);
  }
  return current;
}

export function pushBatch(store: StoreConfig, batch: InventoryBatch, runId: string, client: ShopifyClient): BatchOutcome {
  const current = currentAt(client, batch);
  const plan = planPush(batch, current);
  const outcome: BatchOutcome = {
    storeId: store.id,
    compared: batch.items.length,
    pushed: 0,
    unchanged: plan.unchanged,
    stale: 0,
    notStocked: plan.notStocked.length,
    differences: plan.changes.map((c) => ({ itemId: c.itemId, inventoryItemGid: c.inventoryItemId, locationGid: c.locationId, netsuite: c.quantity, shopify: c.changeFromQuantity })),
  };
  let changes = plan.changes;
  // Each round drops the quantities Shopify refused as stale; a refusal of anything else stops.
  for (let round = 0; changes.length > 0 && round < 3; round++) {
    const input: SetInventoryInput = {
      name: 'available',
      reason: 'correction',
      referenceDocumentUri: `gid://sb2b-netsuite/InventorySync/${store.id}-${runId.replace(/[^0-9A-Za-z]/g, '')}`,
      quantities: changes.map((c) => ({ inventoryItemId: c.inventoryItemId, locationId: c.locationId, quantity: c.quantity, changeFromQuantity: c.changeFromQuantity })),
    };
    const payload = client.request(SetInventory, { input, key: idempotencyKey(store.id, runId, changes) }).data.inventorySetQuantities;
    if (payload.userErrors.length === 0) {
      outcome.pushed += changes.length;
      break;
    }
    const stale = payload.userErrors.filter((e) => e.code === 'CHANGE_FROM_QUANTITY_STALE' || e.code === 'COMPARE_QUANTITY_STALE').map((e) => quantityIndex(e.field)).filter((i): i is number => i !== undefined);
    if (stale.length === 0) throw new ShopifyUserError('inventorySetQuantities', payload.userErrors);
    outcome.stale += stale.length;
    if (payload.inventoryAdjustmentGroup) {
      // Shopify applied the rest already.
      outcome.pushed += changes.length - stale.length;
      break;
    }
    changes = withoutStale(changes, stale);
  }
  return outcome;
}

export interface LinkOutcome {
  storeId: string;
  linked: number;
  problems: number;
  reportId: string;
}

/** Links a store's unlinked items by exact SKU and leaves a report of what could not be linked. */
export function linkStoreItems(store: StoreConfig, client: ShopifyClient, canContinue: () => boolean): LinkOutcome {
  const variants = readPages(client, VariantsPage, {}, (d) => d.productVariants, canContinue).nodes.map((v) => ({ id: v.id, sku: v.sku, inventoryItemGid: v.inventoryItem.id }));
  const plan = planLinks(itemsForLinking(), variants);
  let linked = 0;
  for (const link of plan.links) {
    if (!canContinue()) break;
    linkItem(link.itemId, link.variantGid, link.inventoryItemGid);
    linked++;
  }
  const lines = [
    ...plan.duplicateInShopify.map((d) => `SKU ${d.sku} is on ${d.variants.length} Shopify variants (${d.variants.join(', ')}): give each a unique SKU.`),
    ...plan.duplicateInNetSuite.map((d) => `SKU ${d.sku} is the name of ${d.items.length} NetSuite items (${d.items.join(', ')}): only one may carry it.`),
    ...plan.caseDifferent.map((d) => `Item ${d.itemId} is ${d.sku} in NetSuite but ${d.shopifySku} in Shopify: SKUs must match exactly, case included.`),
    ...plan.missingInShopify.slice(0, 200).map((d) => `Item ${d.itemId} (${d.sku}) has no Shopify variant with that SKU.`),
  ];
  const problems = plan.duplicateInShopify.length + plan.duplicateInNetSuite.length + plan.caseDifferent.length + plan.missingInShopify.length;
  const summary = `Linked ${linked} of ${plan.links.length} items found by SKU; ${problems} SKU problem(s): ${plan.duplicateInShopify.length} duplicated in Shopify, ${plan.duplicateInNetSuite.length} duplicated in NetSuite, ${plan.caseDifferent.length} differing only in case, ${plan.missingInShopify.length} not in Shopify.`;
  const reportId = saveReport(store.id, 'SKU linking', summary, lines.join('\n'), { compared: variants.length, differed: problems, fixed: linked });
  return { storeId: store.id, linked, problems, reportId };
}
