/**
 * Webhook envelopes as the relay forwards them to rl_inbound, and what the RESTlet makes of them:
 * which store, which Shopify object, and the queue entry. The webhook body is only a trigger (the
 * handler re-reads the object from the Admin API), so all that is kept of it is the object's gid and
 * updated_at. Numeric ids in webhook JSON can exceed 2^53, so gids come from `admin_graphql_api_id`
 * strings, or from the raw text when only a number is given.
 */
import type { QueueEntry } from '../../core/queueEntry';

export interface WebhookEnvelope {
  topic: string;
  shopDomain: string;
  webhookId: string;
  eventId: string;
  hmac: string;
  apiVersion?: string;
  triggeredAt?: string;
  /** The raw webhook body, exactly as Shopify sent it: the HMAC is over these bytes. */
  body: string;
}

/** Inbound topics the connector takes, and the kind of Shopify object each is about. */
export const INBOUND_TOPICS: Record<string, 'order' | 'company'> = {
  'orders/create': 'order',
  'orders/updated': 'order',
  'orders/edited': 'order',
  'orders/cancelled': 'order',
  'orders/fulfilled': 'order',
  'orders/partially_fulfilled': 'order',
  'orders/paid': 'order',
  'companies/create': 'company',
  'companies/update': 'company',
  'company_locations/create': 'company',
  'company_locations/update': 'company',
  'company_contacts/create': 'company',
  'company_contacts/update': 'company',
  'company_contact_roles/assign': 'company',
  'company_contact_roles/revoke': 'company',
};

/** The queue topic a webhook becomes: all order topics meet in one handler, all company ones in another. */
export const ORDER_TOPIC = 'order/sync';
export const COMPANY_TOPIC = 'company/sync';

export class EnvelopeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'EnvelopeError';
  }
}

const REQUIRED: (keyof WebhookEnvelope)[] = ['topic', 'shopDomain', 'webhookId', 'eventId', 'hmac', 'body'];

/** Checks the envelope's shape; throws EnvelopeError naming what is wrong. */
export function readEnvelope(value: unknown): WebhookEnvelope {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new EnvelopeError('ENVELOPE_MALFORMED', 'Each envelope must be a JSON object with topic, shopDomain, webhookId, eventId, hmac and body.');
  }
  const v = value as Record<string, unknown>;
  const missing = REQUIRED.filter((k) => typeof v[k] !== 'string' || (v[k] as string).length === 0);
  if (missing.length > 0) {
    throw new EnvelopeError('ENVELOPE_MALFORMED', `The envelope lacks ${missing.join(', ')} (strings). Forward Shopify's X-Shopify-* headers and the raw body as a string.`);
  }
  const envelope = v as unknown as WebhookEnvelope;
  if (!(envelope.topic in INBOUND_TOPICS)) {
    throw new EnvelopeError('TOPIC_UNKNOWN', `Topic "${envelope.topic}" is not one the connector takes. Subscribe only to: ${Object.keys(INBOUND_TOPICS).join(', ')}.`);
  }
  return {
    topic: envelope.topic,
    shopDomain: envelope.shopDomain.trim().toLowerCase(),
    webhookId: envelope.webhookId,
    eventId: envelope.eventId,
    hmac: envelope.hmac,
    apiVersion: typeof v.apiVersion === 'string' ? v.apiVersion : undefined,
    triggeredAt: typeof v.triggeredAt === 'string' ? v.triggeredAt : undefined,
    body: envelope.body,
  };
}

/** The envelopes of a request body: one envelope, an array of them, or `{ envelopes: [...] }`. */
export function envelopesOf(requestBody: unknown): unknown[] {
  const parsed = typeof requestBody === 'string' ? parseJson(requestBody, 'The request body is not JSON.') : requestBody;
  if (Array.isArray(parsed)) return parsed;
  if (parsed && typeof parsed === 'object' && Array.isArray((parsed as { envelopes?: unknown }).envelopes)) return (parsed as { envelopes: unknown[] }).envelopes;
  return [parsed];
}

function parseJson(text: string, message: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new EnvelopeError('BODY_NOT_JSON', message);
  }
}

export interface WebhookSubject {
  kind: 'order' | 'company';
  /** The object the queue entry is about: the order, or the company (for location and contact topics). */
  gid: string;
  updatedAt?: string;
}

/** Reads the gid of a numeric id from the raw text, digits intact. */
function rawNumber(body: string, field: string): string | undefined {
  return new RegExp(`"${field}"\\s*:\\s*"?(\\d+)"?`).exec(body)?.[1];
}

export function subjectOf(envelope: WebhookEnvelope): WebhookSubject {
  const kind = INBOUND_TOPICS[envelope.topic];
  const body = parseJson(envelope.body, `The ${envelope.topic} webhook body is not JSON.`) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
  const updatedAt = text(body.updated_at);
  let gid: string | undefined;
  if (kind === 'order') {
    gid = text(body.admin_graphql_api_id);
    if (!gid && envelope.topic === 'orders/edited') {
      const id = rawNumber(envelope.body, 'order_id');
      gid = id ? `gid://shopify/Order/${id}` : undefined;
    }
    if (!gid) {
      const id = rawNumber(envelope.body, 'id');
      gid = id ? `gid://shopify/Order/${id}` : undefined;
    }
  } else if (envelope.topic.startsWith('companies/')) {
    gid = text(body.admin_graphql_api_id);
  } else if (envelope.topic.startsWith('company_contact_roles/')) {
    // A role given or taken: about the contact's (and the location's) company.
    const contact = body.company_contact as Record<string, unknown> | undefined;
    const location = body.company_location as Record<string, unknown> | undefined;
    gid = text((contact?.company as Record<string, unknown> | undefined)?.admin_graphql_api_id) ?? text((location?.company as Record<string, unknown> | undefined)?.admin_graphql_api_id);
  } else {
    const company = body.company as Record<string, unknown> | undefined;
    gid = text(company?.admin_graphql_api_id) ?? text((body.billing_address as Record<string, unknown> | undefined)?.company_admin_graphql_api_id);
  }
  if (!gid) throw new EnvelopeError('BODY_MISSING_ID', `The ${envelope.topic} webhook body names no ${kind === 'order' ? 'order' : 'company'} (admin_graphql_api_id).`);
  return { kind, gid, updatedAt };
}

/** Shopify's updated_at as UTC ISO text: webhooks give the shop's time zone, GraphQL gives UTC. */
export function normalizedTime(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return isNaN(ms) ? value : new Date(ms).toISOString();
}

/**
 * The queue entry for a webhook, or for the poller's sighting of a change. A webhook's key is its
 * event (X-Shopify-Event-Id, the same on every delivery of one event), so a duplicate delivery is
 * one entry, while two changes made within the same second (Shopify's updated_at has whole seconds)
 * stay two entries and the second is never lost. The poller's key is the object's updated_at, so a
 * page seen twice queues nothing new. Entries about one object meet in one reduce, where the handler
 * re-reads the object once for all of them.
 */
export function inboundEntry(storeId: string, shopDomain: string, subject: WebhookSubject, trigger: { source: string; eventId?: string; webhookId?: string; topic?: string; at: string }): QueueEntry {
  const updatedAt = normalizedTime(subject.updatedAt);
  const version = trigger.eventId ? `event:${trigger.eventId}` : `updated:${updatedAt ?? trigger.at}`;
  return {
    key: `in:${shopDomain}:${subject.gid.replace('gid://shopify/', '')}@${version}`,
    direction: 'inbound',
    topic: subject.kind === 'order' ? ORDER_TOPIC : COMPANY_TOPIC,
    storeId,
    shopifyGid: subject.gid,
    payload: JSON.stringify({ ...trigger, updatedAt }),
    status: 'pending',
    attempts: 0,
    nextAttemptAt: trigger.at,
    retryRequested: false,
  };
}

/** Constant-time string comparison, for HMACs. */
export function timingSafeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}
