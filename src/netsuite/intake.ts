/** The work behind rl_inbound's POST: check every envelope, then queue them, all or nothing. */
import { EnvelopeError, envelopesOf, inboundEntry, readEnvelope, subjectOf } from '../sync/intake/envelope';
import type { QueueEntry } from '../core/queueEntry';
import { nudgeProcessor } from './nudge';
import { enqueue } from './queueStore';
import { loadStores, lookupStore } from './stores';
import { signedByStore } from './webhookHmac';

export interface IntakeResult {
  accepted: number;
  duplicates: number;
  /** Queue entry ids created, in envelope order (absent for duplicates). */
  entries: (string | null)[];
  /** Set when the request was refused: nothing was stored. */
  refused?: { code: string; message: string };
}

export function acceptWebhooks(requestBody: unknown, now: number): IntakeResult {
  const at = new Date(now).toISOString();
  const planned: QueueEntry[] = [];
  try {
    const stores = loadStores();
    const envelopes = envelopesOf(requestBody);
    if (envelopes.length === 0) throw new EnvelopeError('NO_ENVELOPES', 'The request holds no webhook envelope.');
    envelopes.forEach((raw, index) => {
      const where = envelopes.length > 1 ? ` (envelope ${index + 1})` : '';
      const envelope = readEnvelope(raw);
      const storeId = Object.keys(stores).find((id) => stores[id].values.shopDomain.trim().toLowerCase() === envelope.shopDomain);
      const lookup = storeId ? lookupStore(stores, storeId) : undefined;
      if (!storeId || !lookup || lookup.status !== 'ok') {
        const why = !storeId ? 'no Shopify B2B Store record has this shop domain' : `its store record is ${lookup?.status}`;
        throw new EnvelopeError('UNKNOWN_STORE', `Webhook for ${envelope.shopDomain} refused${where}: ${why}. Create or fix the store record, then let Shopify retry.`);
      }
      if (!signedByStore(envelope.body, envelope.hmac, lookup.config.webhookSecretIds)) {
        throw new EnvelopeError(
          'HMAC_MISMATCH',
          `Webhook ${envelope.topic} for ${envelope.shopDomain} refused${where}: its X-Shopify-Hmac-Sha256 does not match the store's webhook secret. Check the API Secret on the store record holds the app's client secret, and that the relay forwards the body unchanged.`,
        );
      }
      const subject = subjectOf(envelope);
      planned.push(inboundEntry(storeId, lookup.config.shopDomain, subject, { source: 'webhook', topic: envelope.topic, eventId: envelope.eventId, webhookId: envelope.webhookId, at }));
    });
  } catch (e) {
    if (e instanceof EnvelopeError) return { accepted: 0, duplicates: 0, entries: [], refused: { code: e.code, message: e.message } };
    throw e;
  }
  const result: IntakeResult = { accepted: 0, duplicates: 0, entries: [] };
  const seen = new Set<string>();
  for (const entry of planned) {
    if (seen.has(entry.key)) {
      result.duplicates++;
      result.entries.push(null);
      continue;
    }
    seen.add(entry.key);
    const queued = enqueue(entry);
    if (queued.status === 'created') {
      result.accepted++;
      result.entries.push(queued.id);
    } else {
      result.duplicates++;
      result.entries.push(null);
    }
  }
  if (result.accepted > 0) nudgeProcessor('inbound');
  return result;
}
