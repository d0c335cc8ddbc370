/**
 * Inventory sync's units of work, run by mr_inventory's reduce stage: push one chunk (read Shopify's
 * current quantities for up to 5,000 item-locations, 1,000 a request, then one inventorySetQuantities
 * per 250 of those that differ, with compare-and-set and an idempotency key), or write one slice of
 * the links found by SKU.
 */
import type { StoreConfig } from '../core/storeConfig';
import { ShopifyUserError } from '../shopify/errors';
import type { ShopifyClient } from '../shopify/client';
import { InventoryLevels, SetInventory, VariantsPage, type InventoryLevelsVariables, type SetInventoryInput } from '../shopify/operations';
import { readPages } from '../shopify/client';
import { emptyTally, withDifferences, type PushTally } from '../sync/inventory/drift';
import type { PlannedLink, ShopifyVariant } from '../sync/inventory/linking';
import { idempotencyKey, intoBatches, levelKey, planPush, quantityIndex, readRequests, withoutStale, type Chunk, type ShopifyAvailable } from '../sync/inventory/quantities';
import { itemsLinkedTo, writeLink } from './inventory';

/** Shopify's inventory states reason for a correction to match the system of record. */
const REASON = 'correction';

/** The reference document Shopify keeps on every change a run makes (its inventory history shows it). */
export function referenceDocument(accountId: string, runId: string): string {
  return `gid://netsuite-${accountId.toLowerCase().replace(/[^0-9a-z_-]/g, '')}/InventorySync/${runId.replace(/[^0-9A-Za-z_-]/g, '')}`;
}

/** Shopify's available quantity for every item-location of the chunk (absent where not stocked). */
export function currentQuantities(client: ShopifyClient, chunk: Chunk): ShopifyAvailable {
  const current: ShopifyAvailable = new Map();
  for (const groups of readRequests(chunk)) {
    const variables = {} as InventoryLevelsVariables;
    for (let i = 0; i < 4; i++) {
      const group = groups[i];
      Object.assign(variables, { [`items${i}`]: group?.inventoryItemGids ?? [], [`location${i}`]: group?.locationGid ?? groups[0].locationGid });
    }
    const { data } = client.request(InventoryLevels, variables);
    [data.list0, data.list1, data.list2, data.list3].forEach((nodes, i) => {
      const group = groups[i];
      if (!group) return;
      for (const node of nodes ?? []) {
        if (!node || !node.inventoryLevel) continue; // unknown item, or not stocked at this location
        current.set(levelKey(node.id, group.locationGid), node.inventoryLevel.quantities[0]?.quantity ?? 0);
      }
    });
  }
  return current;
}

export interface PushOutcome {
  storeId: string;
  tally: PushTally;
  /** Inventory adjustment groups Shopify made (one per write that changed something). */
  writes: number;
}

const STALE_CODES = new Set(['CHANGE_FROM_QUANTITY_STALE', 'COMPARE_QUANTITY_STALE']);

/**
 * Pushes a chunk: reads what Shopify shows for all of it, then writes what differs in batches of 250.
 * Shopify applies an inventorySetQuantities whole or not at all: when some of its quantities are
 * refused as stale (sold in Shopify since the read), the batch is sent again without them, under a
 * new key; anything else refused stops the chunk with the error.
 */
export function pushChunk(store: StoreConfig, chunk: Chunk, runId: string, reference: string, client: ShopifyClient): PushOutcome {
  const current = currentQuantities(client, chunk);
  const outcome: PushOutcome = { storeId: store.id, tally: emptyTally(), writes: 0 };
  const plan = planPush(chunk.quantities, current);
  outcome.tally.compared += chunk.quantities.length;
  outcome.tally.notStocked += plan.notStocked.length;
  outcome.tally = withDifferences(
    outcome.tally,
    plan.changes.map((c) => ({ itemId: c.itemId, inventoryItemGid: c.inventoryItemId, locationGid: c.locationId, netsuite: c.quantity, shopify: c.changeFromQuantity })),
  );
  for (const batch of intoBatches(plan.changes)) {
    let changes = batch;
    for (let round = 0; changes.length > 0 && round < 3; round++) {
      const input: SetInventoryInput = {
        name: 'available',
        reason: REASON,
        referenceDocumentUri: reference,
        quantities: changes.map((c) => ({ inventoryItemId: c.inventoryItemId, locationId: c.locationId, quantity: c.quantity, changeFromQuantity: c.changeFromQuantity })),
      };
      const payload = client.request(SetInventory, { input, key: idempotencyKey(store.id, runId, changes) }).data.inventorySetQuantities;
      if (payload.userErrors.length === 0) {
        outcome.tally.fixed += changes.length;
        if (payload.inventoryAdjustmentGroup) outcome.writes++;
        break;
      }
      const stale = payload.userErrors.filter((e) => e.code && STALE_CODES.has(e.code)).map((e) => quantityIndex(e.field));
      if (stale.length !== payload.userErrors.length || stale.some((i) => i === undefined)) throw new ShopifyUserError('inventorySetQuantities', payload.userErrors);
      outcome.tally.skippedStale += stale.length;
      changes = withoutStale(changes, stale as number[]);
    }
  }
  return outcome;
}

/** Every variant of the shop (250 a request), or what was read before the budget ran out. */
export function readVariants(client: ShopifyClient, canContinue: () => boolean): { variants: ShopifyVariant[]; complete: boolean } {
  const read = readPages(client, VariantsPage, {}, (d) => d.productVariants, canContinue);
  return { variants: read.nodes.map((v) => ({ id: v.id, sku: v.sku, inventoryItemGid: v.inventoryItem.id })), complete: read.complete };
}

export interface LinkOutcome {
  storeId: string;
  linked: number;
  /** Links not written because another item took the inventory item meanwhile. */
  taken: { itemId: string; sku: string; variantGid: string; linkedItemId: string }[];
}

/** Writes a slice of the links found by SKU, unless another item took the variant meanwhile. */
export function writeLinks(storeId: string, links: PlannedLink[]): LinkOutcome {
  const owners = itemsLinkedTo(links.map((l) => l.inventoryItemGid));
  const outcome: LinkOutcome = { storeId, linked: 0, taken: [] };
  for (const link of links) {
    const owner = owners.get(link.inventoryItemGid);
    if (owner === link.itemId) {
      outcome.linked++; // written by an earlier attempt of this slice
      continue;
    }
    if (owner !== undefined) {
      outcome.taken.push({ itemId: link.itemId, sku: link.sku, variantGid: link.variantGid, linkedItemId: owner });
      continue;
    }
    writeLink(link);
    outcome.linked++;
  }
  return outcome;
}
