/**
 * Sends the alert digests (src/core/alerts.ts) for every store that has something for a person:
 * dead entries not reported yet, a store-wide problem, heavy throttling. Runs in the processors'
 * summarize stage; at most one email per store per alert interval.
 *
 * A store-wide problem (a refused token, a setup that keeps the store from syncing) is reported only
 * when this run met it: its entries are tried again every 15 minutes, so a problem that lasts is met
 * again by the run that may send the next digest, and one that was fixed meanwhile is not mailed
 * after the fact.
 */
import * as cache from 'N/cache';
import * as email from 'N/email';
import * as log from 'N/log';
import * as record from 'N/record';
import * as runtime from 'N/runtime';
import * as url from 'N/url';
import { THROTTLING_ALERT_THRESHOLD, alertDue, planDigest } from '../core/alerts';
import type { StoreAttention } from '../core/processor';
import type { Direction } from '../core/queueEntry';
import { countOpen, markAlerted, undigestedDeadEntries } from './queueStore';
import { QUEUE_RECORD_TYPE } from './queueRecord';
import { LAST_ALERT_FIELD, STORE_RECORD_TYPE } from './storeRecord';
import { forgetStores, lookupStore, type LoadedStore } from './stores';

const MAX_ENTRIES_PER_DIGEST = 200;

/** Remembers that a digest had news but had to wait for its interval, so a later run sends it. */
function owedCache(): cache.Cache {
  return cache.getCache({ name: 'sb2b_alerts', scope: cache.Scope.PUBLIC });
}

export function digestOwed(): boolean {
  return owedCache().get({ key: 'owed' }) === 'T';
}

function entryLink(id: string): string {
  try {
    const domain = url.resolveDomain({ hostType: url.HostType.APPLICATION });
    return `https://${domain}${url.resolveRecord({ recordType: QUEUE_RECORD_TYPE, recordId: id })}`;
  } catch {
    return `${QUEUE_RECORD_TYPE} ${id}`;
  }
}

export function sendDigests(
  direction: Direction,
  stores: Record<string, LoadedStore>,
  attention: StoreAttention[],
  throttledByStore: Record<string, number>,
  now: number,
): number {
  let sent = 0;
  let owed = false;
  for (const [storeId, loaded] of Object.entries(stores)) {
    const lookup = lookupStore(stores, storeId);
    if (lookup.status === 'missing' || lookup.status === 'inactive') continue;
    const recipients = lookup.status === 'ok' ? lookup.config.alertRecipients : loaded.values.alertRecipients.split(/[,;\n]/).map((s) => s.trim()).filter(Boolean);
    if (recipients.length === 0) continue;
    const interval = lookup.status === 'ok' ? lookup.config.alertIntervalMinutes : 60;
    const dead = undigestedDeadEntries(storeId, MAX_ENTRIES_PER_DIGEST);
    const problems: { code: string; message: string }[] = [];
    for (const a of attention.filter((x) => x.storeId === storeId)) {
      if (!problems.some((p) => p.code === a.code)) problems.push({ code: a.code, message: a.message });
    }
    const digest = planDigest(
      {
        store: {
          id: storeId,
          name: loaded.values.name || loaded.values.shopDomain,
          recipients,
          intervalMinutes: interval,
          lastAlertAt: loaded.lastAlertMs ? new Date(loaded.lastAlertMs).toISOString() : undefined,
          tokenSecretId: loaded.values.accessTokenSecret.trim() || undefined,
        },
        deadEntries: dead,
        problems,
        throttledCount: throttledByStore[storeId] ?? 0,
        backlog: countOpen(direction, storeId),
      },
      now,
      (entry) => entryLink(entry.id ?? ''),
    );
    if (!digest) {
      const news = dead.length > 0 || problems.length > 0 || (throttledByStore[storeId] ?? 0) >= THROTTLING_ALERT_THRESHOLD;
      if (news && loaded.lastAlertMs && !alertDue({ id: storeId, name: '', recipients, intervalMinutes: interval, lastAlertAt: new Date(loaded.lastAlertMs).toISOString() }, now)) owed = true;
      continue;
    }
    const author = Number((lookup.status === 'ok' && lookup.config.alertAuthorId) || runtime.getCurrentUser().id);
    email.send({ author, recipients, subject: digest.subject, body: digest.body });
    markAlerted(dead.map((e) => e.id ?? '').filter(Boolean));
    record.submitFields({ type: STORE_RECORD_TYPE, id: storeId, values: { [LAST_ALERT_FIELD]: now }, options: { enableSourcing: false, ignoreMandatoryFields: true } });
    log.audit({ title: `alert sent for store ${storeId}`, details: digest.subject });
    sent++;
  }
  if (sent > 0) forgetStores(); // the stores' last-alert times changed
  if (owed) owedCache().put({ key: 'owed', value: 'T', ttl: 86_400 });
  else owedCache().remove({ key: 'owed' });
  return sent;
}
