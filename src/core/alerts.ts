/**
 * Alerts: failures that need a person reach the store's recipients as one digest per store, at most
 * once per alert interval, naming each record and what to do. Pure: the NetSuite side gathers the
 * inputs (dead entries since the last digest, store-wide problems, throttling) and sends the email.
 */
import type { QueueEntry } from './queueEntry';

export interface AlertStore {
  id: string;
  name: string;
  recipients: string[];
  intervalMinutes: number;
  /** When the last digest went out (ISO), if ever. */
  lastAlertAt?: string;
  /** The API Secret the store record names for its access token, to say where a refused token is fixed. */
  tokenSecretId?: string;
}

export interface StoreProblem {
  code: string;
  message: string;
}

export interface DigestInputs {
  store: AlertStore;
  /** Entries that went dead since the last digest. */
  deadEntries: QueueEntry[];
  /** Store-wide problems: a refused token, a broken setup. */
  problems: StoreProblem[];
  /** Requests Shopify throttled in the processor run that sends the digest. */
  throttledCount: number;
  /** Entries waiting (pending or retrying) right now, for context. */
  backlog: number;
}

export interface Digest {
  subject: string;
  body: string;
}

/** Throttled requests in one processor run from which a store "keeps throttling". */
export const THROTTLING_ALERT_THRESHOLD = 100;
const MAX_LISTED = 50;

export const DEFAULT_ALERT_INTERVAL_MINUTES = 60;

export function alertDue(store: AlertStore, now: number): boolean {
  if (!store.lastAlertAt) return true;
  return now - Date.parse(store.lastAlertAt) >= store.intervalMinutes * 60_000;
}

/** The digest to send now, or undefined when nothing needs a person or the interval has not passed. */
export function planDigest(inputs: DigestInputs, now: number, linkTo: (entry: QueueEntry) => string): Digest | undefined {
  const { store, deadEntries, problems } = inputs;
  const throttling = inputs.throttledCount >= THROTTLING_ALERT_THRESHOLD;
  if (store.recipients.length === 0) return undefined;
  if (deadEntries.length === 0 && problems.length === 0 && !throttling) return undefined;
  if (!alertDue(store, now)) return undefined;

  const lines: string[] = [`Shopify B2B connector, store "${store.name}": these need a person.`, ''];
  for (const problem of problems) {
    lines.push(`Store problem (${problem.code}): ${problem.message}`);
    if (problem.code === 'SHOPIFY_AUTH') {
      const secret = store.tokenSecretId ? `the API Secret ${store.tokenSecretId}` : 'the API Secret the store record names';
      lines.push(
        `  Put a valid Admin API access token in ${secret} (Setup > Company > API Secrets), with the scopes the connector needs; saving the store record checks the connection.`,
        '  Until it is fixed, nothing syncs for this store; waiting entries are kept and resume by themselves.',
      );
    }
    lines.push('');
  }
  if (throttling) {
    lines.push(
      `Shopify throttled ${inputs.throttledCount} requests in one processor run. Syncs still finish, more slowly. ` +
        'If this goes on, check for other apps sharing the rate limit, or spread scheduled syncs apart.',
      '',
    );
  }
  if (deadEntries.length > 0) {
    lines.push(`${deadEntries.length} queue ${deadEntries.length === 1 ? 'entry has' : 'entries have'} failed for good:`);
    for (const entry of deadEntries.slice(0, MAX_LISTED)) {
      const about = [entry.shopifyGid, entry.netsuiteType && entry.netsuiteId ? `${entry.netsuiteType} ${entry.netsuiteId}` : undefined].filter(Boolean).join(', ');
      lines.push(`- ${entry.topic} (${about || entry.key}): ${entry.lastError?.code ?? 'ERROR'}: ${entry.lastError?.message ?? 'no message'}`);
      lines.push(`  ${linkTo(entry)}`);
    }
    if (deadEntries.length > MAX_LISTED) lines.push(`… and ${deadEntries.length - MAX_LISTED} more (Shopify B2B Queue Entry list, status dead).`);
    lines.push('', 'Fix the cause, then tick Retry on each entry (or close it with a reason if it needs nothing more).');
  }
  if (inputs.backlog > 0) lines.push('', `${inputs.backlog} entries are waiting to be synced.`);
  lines.push('', `Next digest for this store at the earliest in ${store.intervalMinutes} minutes.`);

  const parts = [
    problems.length > 0 ? `${problems.length} store problem${problems.length === 1 ? '' : 's'}` : '',
    deadEntries.length > 0 ? `${deadEntries.length} failed ${deadEntries.length === 1 ? 'entry' : 'entries'}` : '',
    throttling ? 'heavy throttling' : '',
  ].filter(Boolean);
  // Sections end with a blank line and some start with one: keep one between them.
  const body = lines.filter((line, i) => line !== '' || lines[i - 1] !== '').join('\n');
  return { subject: `Shopify B2B: ${store.name}: ${parts.join(', ')}`, body };
}
