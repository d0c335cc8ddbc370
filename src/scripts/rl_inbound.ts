/**
 * @NApiVersion 2.1
 * @NScriptType Restlet
 * @NModuleScope SameAccount
 */

// Webhook intake. POST: one envelope or a batch from the relay; each is checked (known store,
// Shopify's HMAC with the store's webhook secret, a topic the connector takes), queued once per
// change, and the inbound processor is nudged. The answer comes at once: no sync work happens here.
// GET: a health summary for monitoring, as JSON text (see healthText).
import type { EntryPoints } from 'N/types';
import * as error from 'N/error';
import { acceptWebhooks, type IntakeResult } from '../netsuite/intake';
import { healthText } from '../netsuite/health';

export const post: EntryPoints.RESTlet.post<unknown, IntakeResult> = (body) => {
  const result = acceptWebhooks(body, Date.now());
  if (result.refused) throw error.create({ name: result.refused.code, message: result.refused.message, notifyOff: true });
  return result;
};

export const get: EntryPoints.RESTlet.get<unknown, string> = () => healthText();
