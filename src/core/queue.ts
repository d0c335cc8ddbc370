/**
 * The queue's state machine, pure: given an entry, what happened, the time and the retry policy, the
 * entry's next state. The processors (mr_inbound, mr_outbound) only ever change entries through
 * `transition`, so every path an entry can take is here and tested.
 *
 *   pending ──claim──▶ processing ──succeeded──▶ done
 *      ▲                  │ ├──skipped──────────▶ skipped
 *      │                  │ ├──failed (retriable, attempts left)──▶ retrying ──claim──▶ …
 *      │                  │ ├──failed (permanent or last attempt)──▶ dead
 *      └──deferred────────┘ └──(lease expires: a crash)──▶ claimable again
 *   dead / retrying / pending (or processing past its lease) ──admin retry──▶ pending (attempts reset)
 *   any open or dead entry ──closed (resolved, superseded)──▶ skipped, with the reason
 */
import type { QueueEntry, QueueError, QueueStatus } from './queueEntry';

export interface RetryPolicy {
  /** Attempts before an entry is dead, the first included. */
  maxAttempts: number;
  /** Delay after the first failed attempt. */
  baseDelayMs: number;
  /** Each further failure multiplies the delay by this. */
  factor: number;
  /** Longest delay between attempts. */
  ceilingMs: number;
  /** ± share of the delay drawn at random, so that failures of one burst do not retry in lockstep. */
  jitter: number;
  /** How long a claimed entry stays processing before it is taken for a crash and claimed again. */
  leaseMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** 8 attempts over about a day: 1 min, 3 min, 9 min, 27 min, 1.35 h, 4 h, 12 h (≈ 18 h in all). */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: MINUTE,
  factor: 3,
  ceilingMs: 12 * HOUR,
  jitter: 0.1,
  leaseMs: 30 * MINUTE,
};

export type QueueEvent =
  | { type: 'claimed' }
  | { type: 'succeeded'; note?: string }
  | { type: 'skipped'; reason: string }
  | { type: 'failed'; error: { code: string; message: string }; retriable: boolean; retryAfterMs?: number }
  /** Not the entry's fault and not an attempt: the rate limit, usage running out, a dependency not synced yet. */
  | { type: 'deferred'; retryAfterMs: number; reason: { code: string; message: string } }
  | { type: 'retryRequested' }
  | { type: 'closed'; reason: string };

export class IllegalTransitionError extends Error {
  constructor(entry: QueueEntry, event: QueueEvent) {
    super(`queue entry ${entry.id ?? entry.key} is ${entry.status}: cannot apply "${event.type}"`);
    this.name = 'IllegalTransitionError';
  }
}

const OPEN: QueueStatus[] = ['pending', 'processing', 'retrying'];
export const isOpen = (status: QueueStatus): boolean => OPEN.includes(status);
export const isFinished = (status: QueueStatus): boolean => status === 'done' || status === 'skipped';

/** Delay before the next attempt after `attempts` failed ones (1 → base), with jitter. */
export function backoffAfter(attempts: number, policy: RetryPolicy, random: () => number): number {
  const raw = Math.min(policy.ceilingMs, policy.baseDelayMs * policy.factor ** Math.max(0, attempts - 1));
  const spread = raw * policy.jitter;
  return Math.round(raw - spread + random() * 2 * spread);
}

const at = (ms: number) => new Date(ms).toISOString();

/** Whether a processor may claim the entry now. */
export function isDue(entry: QueueEntry, now: number): boolean {
  if (entry.status === 'pending' || entry.status === 'retrying' || entry.status === 'processing') {
    // For a processing entry nextAttemptAt is its lease: past it, the run that claimed it died.
    return !entry.nextAttemptAt || Date.parse(entry.nextAttemptAt) <= now;
  }
  return false;
}

export function transition(entry: QueueEntry, event: QueueEvent, now: number, policy: RetryPolicy, random: () => number = Math.random): QueueEntry {
  const illegal = () => new IllegalTransitionError(entry, event);
  const error = (e: { code: string; message: string }): QueueError => ({ code: e.code, message: e.message, at: at(now) });
  switch (event.type) {
    case 'claimed':
      if (!isDue(entry, now)) throw illegal();
      return { ...entry, status: 'processing', attempts: entry.attempts + 1, nextAttemptAt: at(now + policy.leaseMs), retryRequested: false };
    case 'succeeded':
      if (entry.status !== 'processing') throw illegal();
      return { ...entry, status: 'done', nextAttemptAt: undefined, finishedAt: at(now), closeReason: event.note ?? entry.closeReason };
    case 'skipped':
      if (entry.status !== 'processing' && entry.status !== 'pending') throw illegal();
      return { ...entry, status: 'skipped', nextAttemptAt: undefined, finishedAt: at(now), closeReason: event.reason };
    case 'failed': {
      if (entry.status !== 'processing') throw illegal();
      const lastError = error(event.error);
      if (!event.retriable || entry.attempts >= policy.maxAttempts) {
        return { ...entry, status: 'dead', nextAttemptAt: undefined, lastError };
      }
      const delay = Math.max(backoffAfter(entry.attempts, policy, random), event.retryAfterMs ?? 0);
      return { ...entry, status: 'retrying', nextAttemptAt: at(now + delay), lastError };
    }
    case 'deferred':
      if (entry.status !== 'processing') throw illegal();
      return {
        ...entry,
        status: entry.attempts > 1 ? 'retrying' : 'pending',
        attempts: Math.max(0, entry.attempts - 1),
        nextAttemptAt: at(now + Math.max(0, event.retryAfterMs)),
        lastError: error(event.reason),
      };
    case 'retryRequested':
      // A processing entry only once its lease is over: its run died; before that, a run is working on it.
      if (entry.status !== 'dead' && entry.status !== 'retrying' && entry.status !== 'pending' && !(entry.status === 'processing' && isDue(entry, now))) throw illegal();
      return { ...entry, status: 'pending', attempts: 0, nextAttemptAt: at(now), retryRequested: false };
    case 'closed':
      if (isFinished(entry.status)) throw illegal();
      return { ...entry, status: 'skipped', nextAttemptAt: undefined, finishedAt: at(now), closeReason: event.reason, retryRequested: false };
  }
}
