/**
 * Fulfillment scenarios, end to end: a B2B order placed in the local Shopify store syncs into a
 * NetSuite sales order (the inbound sync), a warehouse user fulfils it in NetSuite, and the built
 * bundle takes it to Shopify. These helpers act as the people involved and read both sides; they
 * never write records behind the bundle's back.
 */
import type { World } from '../../../sandbox/world';
import type { LinePatch, RecordSnapshot } from '../../../sandbox/netsuite/account';

export interface PlacedOrder {
  orderGid: string;
  name: string;
  salesOrderId: number;
}

/** A buyer at Globex places an order in Shopify; the inbound sync makes its sales order. */
export async function placeOrder(world: World, poNumber: string, lines: { sku: string; quantity: number }[], company = 'NS-CUST-1001'): Promise<PlacedOrder> {
  const placed = await world.shopify.post<{ id: string; name: string }>(`/shops/${world.shop}/actions/place-order`, { company, poNumber, lines, shipping: { title: 'Ground', price: '12.00' } });
  await world.settle();
  const row = world.netsuite.query(`SELECT id FROM transaction WHERE type = 'SalesOrd' AND otherrefnum = ?`, [poNumber])[0];
  if (!row) throw new Error(`order ${poNumber} did not sync into a sales order: ${JSON.stringify(queueRows(world))}`);
  return { orderGid: placed.id, name: placed.name, salesOrderId: Number(row.id) };
}

export interface ShopifyOrderSnapshot {
  id: string;
  name: string;
  fulfillmentStatus: string;
  cancelledAt: string | null;
  lineItems: { id: string; sku: string; quantity: number; fulfilledQuantity: number }[];
  fulfillmentOrders: { id: string; status: string; location: string; lineItems: { id: string; lineItemId: string; totalQuantity: number; remainingQuantity: number }[] }[];
  fulfillments: { id: string; name: string; status: string; notifyCustomer: boolean; trackingInfo: { company: string | null; number: string | null; url: string | null }[]; lineItems: { lineItemId: string; quantity: number }[] }[];
}

/** The Shopify order as the merchant sees it (control API: no rate limit spent). */
export function shopifyOrder(world: World, orderGid: string): Promise<ShopifyOrderSnapshot> {
  return world.shopify.get<ShopifyOrderSnapshot>(`/shops/${world.shop}/orders/${encodeURIComponent(orderGid)}`);
}

/** Fulfilled quantity per SKU in Shopify, from its successful fulfillments. */
export async function fulfilledBySku(world: World, orderGid: string): Promise<Record<string, number>> {
  const order = await shopifyOrder(world, orderGid);
  return Object.fromEntries(order.lineItems.map((l) => [l.sku, l.fulfilledQuantity]));
}

export interface FulfillOptions {
  /** Quantity to ship per SKU; SKUs left out ship in full, 0 leaves the line unticked. */
  quantities?: Record<string, number>;
  /** Ship status: A Picked, B Packed, C Shipped (NetSuite's default). */
  shipstatus?: 'A' | 'B' | 'C';
  shipmethod?: number;
  /** Tracking numbers, one package each (the generic Packages sublist). */
  packages?: string[];
  /** Leave the order's shipping-charge line unticked, as a warehouse usually does. */
  shipChargeLine?: boolean;
}

const FULFILLABLE = ['inventoryitem', 'noninventoryitem', 'kititem', 'assemblyitem'];

/**
 * A warehouse user fulfils the sales order (Fulfill button), ticking lines and quantities, setting
 * the status and the packages, and saves; user events fire as they do in the browser.
 */
export function fulfill(world: World, salesOrderId: number, options: FulfillOptions = {}): number {
  const so = world.netsuite.records.get('salesorder', salesOrderId)!;
  const patches: LinePatch[] = [];
  let index = 0;
  for (const line of so.sublists.item) {
    const item = world.netsuite.records.list('inventoryitem').concat(world.netsuite.records.list('noninventoryitem'), world.netsuite.records.list('kititem')).find((r) => r.id === Number(line.item));
    if (!item || !FULFILLABLE.includes(item.type) || line.isclosed === true) continue;
    const remaining = Number(line.quantity) - Number(line.quantityfulfilled ?? 0);
    if (remaining <= 0) continue;
    const sku = String(item.fields.itemid);
    const isCharge = Number(line.item) === world.orderItems.shipping;
    const wanted = isCharge ? (options.shipChargeLine ? remaining : 0) : (options.quantities?.[sku] ?? remaining);
    patches.push(wanted === 0 ? { line: index, itemreceive: false } : { line: index, quantity: wanted });
    index += 1 + (item.type === 'kititem' ? (item.sublists.member?.length ?? 0) : 0);
  }
  const values: Record<string, unknown> = { shipstatus: options.shipstatus ?? 'C' };
  if (options.shipmethod) values.shipmethod = options.shipmethod;
  return world.netsuite.ui.transform('salesorder', salesOrderId, 'itemfulfillment', values, {
    item: patches,
    ...(options.packages ? { package: options.packages.map((n) => ({ packagetrackingnumber: n })) } : {}),
  });
}

export function itemFulfillment(world: World, id: number): RecordSnapshot {
  return world.netsuite.records.get('itemfulfillment', id)!;
}

/** The Shopify fulfillment(s) the connector wrote back on the item fulfillment. */
export function writtenBack(world: World, id: number): string[] {
  const value = String(itemFulfillment(world, id)?.fields.custbody_sb2b_fulfillment_gid ?? '');
  return value ? value.split(',') : [];
}

export interface QueueRow {
  id: number;
  topic: string;
  status: string;
  attempts: number;
  ns_id: string | null;
  reason: string | null;
  error_code: string | null;
  error: string | null;
}

/** Fulfillment queue entries, oldest first. */
export function queueRows(world: World, topicPrefix = 'fulfillment/'): QueueRow[] {
  return world.netsuite.query(
    `SELECT id, custrecord_sb2b_q_topic AS topic, custrecord_sb2b_q_status AS status, custrecord_sb2b_q_attempts AS attempts, custrecord_sb2b_q_ns_id AS ns_id,
            custrecord_sb2b_q_close_reason AS reason, custrecord_sb2b_q_error_code AS error_code, custrecord_sb2b_q_error_message AS error
     FROM customrecord_sb2b_queue WHERE custrecord_sb2b_q_topic LIKE ? ORDER BY id`,
    [`${topicPrefix}%`],
  ) as unknown as QueueRow[];
}

/** Queue entries about one item fulfillment. */
export function entriesFor(world: World, itemFulfillmentId: number): QueueRow[] {
  return queueRows(world).filter((r) => r.ns_id === String(itemFulfillmentId));
}

/** An admin edits the store record (the setup check runs and the cached configuration is cleared). */
export function setStore(world: World, values: Record<string, unknown>): void {
  world.netsuite.ui.edit('customrecord_sb2b_store', world.storeId, values);
}

/** The internal id of a custom list value by its script id (as a select on a record holds it). */
export function listValue(world: World, list: string, scriptId: string): number {
  const row = world.netsuite.query(`SELECT id FROM ${list} WHERE scriptid = ?`, [scriptId.toUpperCase()])[0];
  if (!row) throw new Error(`${list} has no ${scriptId}`);
  return Number(row.id);
}

/**
 * Time passes and the outbound processor's scheduled run comes (every 15 minutes in production;
 * the project's schedule starts on a date the sandbox's clock has not reached, so it is run here).
 */
export async function laterScheduledRun(world: World, ms: number): Promise<void> {
  await world.advance(ms);
  world.netsuite.runDeployment('customdeploy_sb2b_mr_outbound');
  await world.settle();
}
