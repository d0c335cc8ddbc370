/**
 * Fulfillment sync, decided without I/O: which NetSuite item fulfillments go to Shopify, and how the
 * shipped quantities of an item fulfillment land on the order's open fulfillment orders (several
 * per order and per location are normal), with the tracking. fulfillmentCreate has no idempotency
 * key, so the plan is made from Shopify's remaining quantities, read just before, and on a retry
 * what an earlier attempt already created is recognised and counted, never created twice.
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
  /** The lines that ship; kit members are not among them (their kit's line stands for them). */
  lines: { lineGid?: string; itemId: string; quantity: number; description: string }[];
  trackingNumbers: string[];
  shipMethod?: { id: string; name: string };
  /** The Shopify fulfillment(s) already made for it (edits and deletions). */
  fulfillmentGid?: string;
  /** When NetSuite created the item fulfillment (ISO): Shopify fulfillments older than it are not its. */
  createdAt: string;
  /** When this version of the item fulfillment was saved (ISO). */
  savedAt?: string;
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
  url?: string;
  urls?: string[];
}

export interface FulfillmentGroup {
  /** Shopify location the fulfillment orders are assigned to (one fulfillmentCreate per location). */
  locationGid: string | null;
  lineItemsByFulfillmentOrder: { fulfillmentOrderId: string; fulfillmentOrderLineItems: { id: string; quantity: number }[] }[];
}

export type FulfillmentPlan =
  | { action: 'create'; groups: FulfillmentGroup[]; tracking?: TrackingInput; notifyCustomer: boolean; notes: string[] }
  | { action: 'skip'; reason: string; notes: string[] };

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

/** A store's Carrier Mapping for one ship method: Shopify's carrier name and, optionally, a tracking URL template. */
export interface CarrierMapping {
  carrier: string;
  /** Tracking page address with `{number}` where the tracking number goes. */
  trackingUrl?: string;
}

/** The carrier to tell Shopify: the store's mapping for the ship method, a recognised carrier, or the ship method's name. */
export function carrierFor(shipMethod: { id: string; name: string } | undefined, mapping: Map<string, CarrierMapping>): string | undefined {
  if (!shipMethod) return undefined;
  const mapped = mapping.get(shipMethod.id)?.carrier;
  if (mapped) return mapped;
  return KNOWN_CARRIERS.find(([pattern]) => pattern.test(shipMethod.name))?.[1] ?? (shipMethod.name || undefined);
}

/**
 * Shopify's tracking input: the numbers of every package (one, or several), the carrier, and the
 * tracking page of each number when the store's mapping gives a URL template.
 */
export function trackingInput(numbers: string[], company: string | undefined, urlTemplate?: string): TrackingInput | undefined {
  const unique = Array.from(new Set(numbers.map((n) => n.trim()).filter(Boolean)));
  if (unique.length === 0) return company ? { company } : undefined;
  const urls = urlTemplate ? unique.map((n) => urlTemplate.split('{number}').join(encodeURIComponent(n))) : undefined;
  if (unique.length === 1) return { company, number: unique[0], ...(urls ? { url: urls[0] } : {}) };
  return { company, numbers: unique, ...(urls ? { urls } : {}) };
}

/** The tracking a payload asks Shopify for, with the store's carrier mappings. */
export function trackingFor(payload: FulfillmentPayload, mappings: Map<string, CarrierMapping>): TrackingInput | undefined {
  const template = payload.shipMethod ? mappings.get(payload.shipMethod.id)?.trackingUrl : undefined;
  return trackingInput(payload.trackingNumbers, carrierFor(payload.shipMethod, mappings), template);
}

export type FulfillmentTopic = 'fulfillment/create' | 'fulfillment/tracking' | 'fulfillment/cancel';

/** The one key an item fulfillment's create is queued under (NetSuite refuses a second). */
export function createKey(itemFulfillmentId: string): string {
  return `fulfillment:${itemFulfillmentId}:create`;
}

/**
 * What a save of an item fulfillment asks of Shopify: create the fulfillment once it reached the
 * store's status (one create per item fulfillment, ever: its key says so), update tracking when it
 * changed on one already sent (one entry per save, so that changing back and forth is never
 * mistaken for a duplicate), cancel one that was deleted.
 */
export function fulfillmentWork(
  event: 'create' | 'edit' | 'delete',
  now: FulfillmentPayload,
  before: FulfillmentPayload | undefined,
  fulfillOn: FulfillOn,
): { topic: FulfillmentTopic; key: string } | undefined {
  const base = `fulfillment:${now.itemFulfillmentId}`;
  if (event === 'delete') return now.fulfillmentGid ? { topic: 'fulfillment/cancel', key: `${base}:cancel` } : undefined;
  if (!now.fulfillmentGid) return readyToSend(now.shipStatus, fulfillOn) ? { topic: 'fulfillment/create', key: createKey(now.itemFulfillmentId) } : undefined;
  if (!before || sameTracking(before, now)) return undefined;
  // The save's time and the numbers: a change back to an earlier number is a new change, not a duplicate.
  return { topic: 'fulfillment/tracking', key: `${base}:tracking:${Date.parse(now.savedAt ?? '') || 0}:${numberSet(now.trackingNumbers) || 'none'}` };
}

function numberSet(numbers: string[]): string {
  return Array.from(new Set(numbers.map((n) => n.trim()).filter(Boolean))).sort().join('+');
}

function sameTracking(a: FulfillmentPayload, b: FulfillmentPayload): boolean {
  return numberSet(a.trackingNumbers) === numberSet(b.trackingNumbers) && (a.shipMethod?.id ?? '') === (b.shipMethod?.id ?? '');
}

/** Items whose sales order lines carry the order's charges (shipping, discount, tax), not goods. */
function chargeItems(store: StoreConfig): Set<string> {
  return new Set([store.orderItems.shippingItemId, store.orderItems.discountItemId, store.orderItems.taxItemId].filter((id): id is string => !!id));
}

/**
 * How the item fulfillment's lines land on Shopify: `alreadySent` holds what earlier attempts of
 * this same item fulfillment created (on a retry), per Shopify line; only the rest is planned.
 */
export function planFulfillment(
  payload: FulfillmentPayload,
  order: OrderFulfillmentState,
  store: StoreConfig,
  carrierMappings: Map<string, CarrierMapping>,
  alreadySent: Map<string, number> = new Map(),
): FulfillmentPlan {
  const notes: string[] = [];
  if (order.cancelledAt) return { action: 'skip', reason: `order ${order.name} is cancelled in Shopify: item fulfillment ${payload.itemFulfillmentId} not sent`, notes };
  const charges = chargeItems(store);
  const preferredLocation = store.locations.find((l) => l.netsuiteLocationId === payload.netsuiteLocationId)?.shopifyLocationGid;
  const openOrders = order.fulfillmentOrders.nodes.filter((fo) => FULFILLABLE.has(fo.status));
  // What remains per fulfillment order line, drawn down as lines are allocated.
  const remaining = new Map<string, number>();
  openOrders.forEach((fo) => fo.lineItems.nodes.forEach((li) => remaining.set(li.id, li.remainingQuantity)));
  const sent = new Map(alreadySent);
  const allocation = new Map<string, Map<string, number>>(); // fulfillment order → line item → quantity
  let wanted = 0;

  for (const line of payload.lines) {
    if (charges.has(line.itemId)) continue; // the shipping charge and the like: nothing to fulfil in Shopify
    if (!line.lineGid) {
      notes.push(`${line.description || `item ${line.itemId}`} has no Shopify line (added in NetSuite): not sent`);
      continue;
    }
    // An earlier attempt may have sent some or all of this line already.
    const done = Math.min(line.quantity, sent.get(line.lineGid) ?? 0);
    sent.set(line.lineGid, (sent.get(line.lineGid) ?? 0) - done);
    let left = line.quantity - done;
    if (left <= 0) continue;
    wanted += left;
    const candidates = openOrders
      .flatMap((fo) => fo.lineItems.nodes.filter((li) => li.lineItem.id === line.lineGid).map((li) => ({ fo, li })))
      .sort((a, b) => Number(b.fo.assignedLocation.location?.id === preferredLocation) - Number(a.fo.assignedLocation.location?.id === preferredLocation));
    for (const { fo, li } of candidates) {
      const take = Math.min(left, remaining.get(li.id) ?? 0);
      if (take <= 0) continue;
      remaining.set(li.id, (remaining.get(li.id) ?? 0) - take);
      const lines = allocation.get(fo.id) ?? new Map<string, number>();
      lines.set(li.id, (lines.get(li.id) ?? 0) + take);
      allocation.set(fo.id, lines);
      left -= take;
      if (left === 0) break;
    }
    if (left > 0) {
      const known = order.fulfillmentOrders.nodes.some((fo) => fo.lineItems.nodes.some((li) => li.lineItem.id === line.lineGid));
      notes.push(
        known
          ? `${line.description}: ${left} of ${line.quantity} shipped have nothing left to fulfill in Shopify`
          : `${line.description}: its Shopify line no longer exists on ${order.name}`,
      );
    }
  }
  const groups: FulfillmentGroup[] = [];
  const byLocation = new Map<string | null, FulfillmentGroup>();
  for (const fo of openOrders) {
    const lines = allocation.get(fo.id);
    if (!lines) continue;
    const location = fo.assignedLocation.location?.id ?? null;
    let group = byLocation.get(location);
    if (!group) {
      group = { locationGid: location, lineItemsByFulfillmentOrder: [] };
      byLocation.set(location, group);
      groups.push(group);
    }
    group.lineItemsByFulfillmentOrder.push({ fulfillmentOrderId: fo.id, fulfillmentOrderLineItems: Array.from(lines, ([id, quantity]) => ({ id, quantity })) });
  }
  if (groups.length === 0) {
    const why = wanted === 0 ? 'nothing of it is for Shopify' : `nothing left to fulfill in Shopify on ${order.name} (${order.displayFulfillmentStatus})`;
    return { action: 'skip', reason: `item fulfillment ${payload.itemFulfillmentId} not sent: ${why}${notes.length ? `; ${notes.join('; ')}` : ''}`, notes };
  }
  return { action: 'create', groups, tracking: trackingFor(payload, carrierMappings), notifyCustomer: store.notifyBuyers, notes };
}

export interface ExistingFulfillment {
  id: string;
  status: string;
  createdAt: string;
  trackingInfo: { number: string | null }[];
  fulfillmentLineItems: { nodes: { quantity: number; lineItem: { id: string } }[] };
}

/** How far Shopify's clock may be behind NetSuite's when comparing creation times. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * On a retry: the fulfillments Shopify already has that an earlier attempt of this item
 * fulfillment created before NetSuite could record them. Candidates are live, made after the item
 * fulfillment, and not recorded on another item fulfillment (`claimed`); one is ours when it
 * carries one of our tracking numbers, or when every line of it is one of ours within our
 * quantity (the tracking may have changed since). Each Shopify line counts once.
 */
export function earlierAttempts(payload: FulfillmentPayload, existing: ExistingFulfillment[], claimed: Set<string>): ExistingFulfillment[] {
  const since = Date.parse(payload.createdAt) - CLOCK_SKEW_MS;
  const candidates = existing.filter((f) => f.status === 'SUCCESS' && !claimed.has(f.id) && !(Date.parse(f.createdAt) < since));
  const ours = new Set(payload.trackingNumbers.map((n) => n.trim()).filter(Boolean));
  const left = new Map<string, number>();
  payload.lines.forEach((l) => l.lineGid && left.set(l.lineGid, (left.get(l.lineGid) ?? 0) + l.quantity));
  const tracked = (f: ExistingFulfillment) => f.trackingInfo.some((t) => t.number && ours.has(t.number.trim()));
  const found: ExistingFulfillment[] = [];
  // Tracking matches first: they are surely ours.
  for (const f of [...candidates.filter(tracked), ...candidates.filter((f) => !tracked(f))]) {
    const fits = f.fulfillmentLineItems.nodes.every((n) => (left.get(n.lineItem.id) ?? 0) >= n.quantity);
    if (!fits && !tracked(f)) continue;
    f.fulfillmentLineItems.nodes.forEach((n) => left.set(n.lineItem.id, Math.max(0, (left.get(n.lineItem.id) ?? 0) - n.quantity)));
    found.push(f);
  }
  return found;
}

/** What fulfillments hold per Shopify line. */
export function quantitiesByLine(fulfillments: ExistingFulfillment[]): Map<string, number> {
  const byLine = new Map<string, number>();
  fulfillments.forEach((f) => f.fulfillmentLineItems.nodes.forEach((n) => byLine.set(n.lineItem.id, (byLine.get(n.lineItem.id) ?? 0) + n.quantity)));
  return byLine;
}
