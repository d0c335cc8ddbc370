/**
 * The reconciliation poller's window: what to ask Shopify for, and where the next run starts.
 * Each run asks for objects updated after its cursor minus an overlap (webhooks and clocks are not
 * exact); the first run reaches back the B2B order sync window. The cursor only moves to changes the
 * run has queued, so a run cut short resumes where it stopped.
 */
const MINUTE = 60_000;
const DAY = 86_400_000;

export interface PollWindow {
  /** Shopify search syntax, like updated_at:>'2026-11-02T08:50:00Z'. */
  query: string;
  since: string;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function pollWindow(cursor: string | undefined, overlapMinutes: number, windowDays: number, now: number): PollWindow {
  const start = cursor && !isNaN(Date.parse(cursor)) ? Date.parse(cursor) - overlapMinutes * MINUTE : now - windowDays * DAY;
  const since = iso(start);
  return { query: `updated_at:>'${since}'`, since };
}

/** The later of the cursor and the newest change seen. */
export function advanceCursor(cursor: string | undefined, seen: string[]): string | undefined {
  return [cursor, ...seen].filter((v): v is string => !!v && !isNaN(Date.parse(v))).reduce<string | undefined>((latest, v) => (!latest || Date.parse(v) > Date.parse(latest) ? v : latest), undefined);
}
