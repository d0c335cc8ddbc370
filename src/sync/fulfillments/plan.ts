/**
 * Fulfillment sync, decided without I/O: which NetSuite item fulfillments go to Shopify, and how the
 * shipped quantities of an item fulfillment land on the order's open fulfillment orders (several
 * per order and per location are normal), with the tracking. fulfillmentCreate has no idempotency
 * key, so the plan is made from Shopify's remaining quantities, read just before, and an earlier
 * attempt's fulfillment is recognised rather than created twice.
 */
import type { FulfillOn, StoreConfig } from '../../core/storeConfig';

/** What the item fulfillment user event captures for the queue (no further NetSuite read needed). */
export interface FulfillmentPayload {
  itemFulfillmentId: string;
  salesOrderId: string;
  orderGid: string;
  /** NetSuite ship status: A picked, B packed, C shipped. */
  shipStatus: string;
  netsuiteLocationId?: string;
  lines: { lineGid?: string; itemId: string; quantity: number; description: string }[];
  trackingNumbers: string[];
  shipMethod?: { id: string; name: string };
  /** The Shopify fulfillment already made for it (edits and deletions). */
  fulfillmentGid?: string;
  /** When NetSuite created the item fulfillment (ISO): Shopify fulfillments older than it are not its. */
  createdAt: string;
}

const STATUS_RANK: Record<string, number> = { A: 1, B: 2, C: 3 };

/** True when the item fulfillment has reached the status the store sends at (Shipped by default). */
export function readyToSend(shipStatus: string, fulfillOn: FulfillOn): boolean {
  return (STATUS_RANK[shipStatus] ?? 0) >= (fulfillOn === 'packed' ? 2 : 3);
}

export interface ShopifyFulfillmentOrder {
  id: string;
  status: string;
  assignedLocation: { location: { id: string } | null };
  lineItems: { nodes: { id: string; remainingQuantity: number; lineItem: { id: string } }[] };
}

export interface OrderFulfillmentState {
  id: string;
  name: string;
  cancelledAt: string | null;
  closed: boolean;
  displayFulfillmentStatus: string;
  fulfillmentOrders: { nodes: ShopifyFulfillmentOrder[] };
}

export interface TrackingInput {
  company?: string;
  number?: string;
  numbers?: string[];
}

export interface FulfillmentGroup {
  /** Shopify location the fulfillment orders are assigned to (one fulfillmentCreate per location). */
  locationGid: string | null;
  lineItemsByFulfillmentOrder: { fulfillmentOrderId: string; fulfillmentOrderLineItems: { id: string; quantity: number }[] }[];
}

export type FulfillmentPlan =
  | { action: 'create'; groups: FulfillmentGroup[]; tracking?: TrackingInput; notifyCustomer: boolean; notes: string[] }
  | { action: 'skip'; reason: string };

/** Fulfillment order statuses that still take fulfillments. */
const FULFILLABLE = new Set(['OPEN', 'IN_PROGRESS']);

/** Carriers Shopify recognises, by the exact name it wants, and words that identify them in a ship method name. */
const KNOWN_CARRIERS: [RegExp, string][] = [
  [/\bups\b/i, 'UPS'],
  [/fed\s*ex/i, 'FedEx'],
  [/\busps\b|postal service/i, 'USPS'],
  [/dhl\s*(e-?commerce)/i, 'DHL eCommerce'],
  [/\bdhl\b/i, 'DHL Express'],
  [/canada post/i, 'Canada Post'],
  [/purolator/i, 'Purolator'],
  [/royal mail/i, 'Royal Mail'],
  [/australia post/i, 'Australia Post'],
  [/ontrac/i, 'OnTrac'],
];

/** The carrier to tell Shopify: the store's mapping for the ship method, a recognised carrier, or the ship method's name. */
export function carrierFor(shipMethod: { id: string; name: string } | undefined, mapping: Map<string, string>): string | undefined {
  if (!shipMethod) return undefined;
  const mapped = mapping.get(shipMethod.id);
  if (mapped) return mapped;
  return KNOWN_CARRIERS.find(([pattern]) => pattern.test(shipMethod.name))?.[1] ?? shipMethod.name;
}

export function trackingInput(numbers: string[], company: string | undefined): TrackingInput | undefined {
  const unique = Array.from(new Set(numbers.map((n) => n.trim()).filter(Boolean)));
  if (unique.length === 0) return company ? { company } : undefined;
  return unique.length === 1 ? { company, number: unique[0] } : { company, numbers: unique };
}

export type FulfillmentTopic = 'fulfillment/create' | 'fulfillment/tracking' | 'fulfillment/cancel';

/**
 * What a save of an item fulfillment asks of Shopify: create the fulfillment once it reached the
 * store's status, update tracking when it changed on one already sent, cancel one that was deleted.
 */
export function fulfillmentWork(
  event: 'create' | 'edit' | 'delete',
  now: FulfillmentPayload,
  before: FulfillmentPayload | undefined,
  fulfillOn: FulfillOn,
): { topic: FulfillmentTopic; key: string } | undefined {
  const base = `fulfillment:${now.itemFulfillmentId}`;
  if (event === 'delete') return now.fulfillmentGid ? { topic: 'fulfillment/cancel', key: `${base}:cancel` } : undefined;
  if (!now.fulfillmentGid) return readyToSend(now.shipStatus, fulfillOn) ? { topic: 'fulfillment/create', key: `${base}:create` } : undefined;
  const numbers = (p: FulfillmentPayload | undefined) => Array.from(new Set(p?.trackingNumbers ?? [])).sort().join('+');
  if (before && numbers(before) !== numbers(now)) return { topic: 'fulfillment/tracking', key: `${base}:tracking:${numbers(now) || 'none'}` };
  return undefined;
}

export function planFulfillment(
  payload: FulfillmentPayload,
  order: OrderFulfillmentState,
  store: StoreConfig,
  carrierMapping: Map<string, string>,
  notifyCustomer: boolean,
): FulfillmentPlan {
  if (order.cancelledAt) return { action: 'skip', reason: `order ${order.name} is cancelled in Shopify: item fulfillment ${payload.itemFulfillmentId} not sent` };
  const notes: string[] = [];
  const preferredLocation = store.locations.find((l) => l.netsuiteLocationId === payload.netsuiteLocationId)?.shopifyLocationGid;
  const openOrders = order.fulfillmentOrders.nodes.filter((fo) => FULFILLABLE.has(fo.status));
  // What remains per fulfillment order line, drawn down as lines are allocated.
  const remaining = new Map<string, number>();
  openOrders.forEach((fo) => fo.lineItems.nodes.forEach((li) => remaining.set(li.id, li.remainingQuantity)));
  const allocation = new Map<string, Map<string, number>>(); // fulfillment order → line item → quantity
  let allocated = 0;

  for (const line of payload.lines) {
    if (!line.lineGid) {
      notes.push(`${line.description || `item ${line.itemId}`} has no Shopify line (added in NetSuite): not sent`);
      continue;
    }
    if (line.quantity <= 0) continue;
    const candidates = openOrders
      .flatMap((fo) => fo.lineItems.nodes.filter((li) => li.lineItem.id === line.lineGid).map((li) => ({ fo, li })))
      .sort((a, b) => Number(b.fo.assignedLocation.location?.id === preferredLocation) - Number(a.fo.assignedLocation.location?.id === preferredLocation));
    let left = line.quantity;
    for (const { fo, li } of candidates) {
      const take = Math.min(left, remaining.get(li.id) ?? 0);
      if (take <= 0) continue;
      remaining.set(li.id, (remaining.get(li.id) ?? 0) - take);
      const lines = allocation.get(fo.id) ?? new Map<string, number>();
      lines.set(li.id, (lines.get(li.id) ?? 0) + take);
      allocation.set(fo.id, lines);
      left -= take;
      allocated += take;
      if (left === 0) break;
    }
    if (left > 0) {
      const known = candidates.length > 0 || order.fulfillmentOrders.nodes.some((fo) => fo.lineItems.nodes.some((li) => li.lineItem.id === line.lineGid));
      notes.push(
        known
          ? `${line.description}: ${left} of ${line.quantity} shipped have nothing left to fulfill in Shopify`
          : `${line.description}: its Shopify line no longer exists on ${order.name}`,
      );
    }
  }
  if (allocated === 0) {
    return { action: 'skip', reason: `nothing left to fulfill in Shopify for item fulfillment ${payload.itemFulfillmentId} on ${order.name} (${order.displayFulfillmentStatus})${notes.length ? `: ${notes.join('; ')}` : ''}` };
  }
  const byLocation = new Map<string | null, FulfillmentGroup>();
  for (const fo of openOrders) {
    const lines = allocation.get(fo.id);
    if (!lines) continue;
    const location = fo.assignedLocation.location?.id ?? null;
    const group = byLocation.get(location) ?? { locationGid: location, lineItemsByFulfillmentOrder: [] };
    group.lineItemsByFulfillmentOrder.push({ fulfillmentOrderId: fo.id, fulfillmentOrderLineItems: Array.from(lines, ([id, quantity]) => ({ id, quantity })) });
    byLocation.set(location, group);
  }
  return {
    action: 'create',
    groups: Array.from(byLocation.values()),
    tracking: trackingInput(payload.trackingNumbers, carrierFor(payload.shipMethod, carrierMapping)),
    notifyCustomer,
    notes,
  };
}

export interface ExistingFulfillment {
  id: string;
  status: string;
  createdAt: string;
  trackingInfo: { number: string | null }[];
  fulfillmentLineItems: { nodes: { quantity: number; lineItem: { id: string } }[] };
}

/**
 * On a retry: a fulfillment Shopify already has that an earlier attempt of this item fulfillment
 * created (its tracking numbers, or with no tracking the same lines and quantities, made after the
 * item fulfillment), so that it is recorded instead of created again.
 */
export function earlierAttempt(payload: FulfillmentPayload, existing: ExistingFulfillment[]): ExistingFulfillment | undefined {
  const live = existing.filter((f) => f.status !== 'CANCELLED' && f.status !== 'ERROR' && f.status !== 'FAILURE');
  const ours = new Set(payload.trackingNumbers.map((n) => n.trim()).filter(Boolean));
  if (ours.size > 0) return live.find((f) => f.trackingInfo.some((t) => t.number && ours.has(t.number.trim())));
  const wanted = new Map<string, number>();
  payload.lines.filter((l) => l.lineGid).forEach((l) => wanted.set(l.lineGid!, (wanted.get(l.lineGid!) ?? 0) + l.quantity));
  return live.find((f) => {
    if (Date.parse(f.createdAt) < Date.parse(payload.createdAt)) return false;
    const got = new Map<string, number>();
    f.fulfillmentLineItems.nodes.forEach((n) => got.set(n.lineItem.id, (got.get(n.lineItem.id) ?? 0) + n.quantity));
    return got.size === wanted.size && Array.from(wanted).every(([id, q]) => got.get(id) === q);
  });
}
