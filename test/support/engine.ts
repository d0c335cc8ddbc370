/**
 * Helpers for the engine's end-to-end tests (test/integration/engine, test/reliability/engine): read
 * queue entries and the local store's metrics without side effects, and ask for work the way an
 * admin or Shopify would.
 */
import type { World } from '../../sandbox/world';
import { VirtualClock } from '../../sandbox/clock';

export interface EntryRow {
  id: number;
  key: string;
  direction: string;
  topic: string;
  status: string;
  attempts: number;
  errorCode: string | null;
  errorMessage: string | null;
  /** Epoch ms the entry is due (or, while processing, its lease). */
  due: number | null;
  closeReason: string | null;
  gid: string | null;
}

/** Every queue entry (optionally only those a SuiteQL condition picks), oldest first. No units spent. */
export function entries(world: World, where = '1 = 1', params: unknown[] = []): EntryRow[] {
  return world.netsuite
    .query(
      `SELECT id, externalid, custrecord_sb2b_q_direction AS direction, custrecord_sb2b_q_topic AS topic, custrecord_sb2b_q_status AS status,
              custrecord_sb2b_q_attempts AS attempts, custrecord_sb2b_q_error_code AS code, custrecord_sb2b_q_error_message AS message,
              custrecord_sb2b_q_due AS due, custrecord_sb2b_q_close_reason AS reason, custrecord_sb2b_q_shopify_gid AS gid
       FROM customrecord_sb2b_queue WHERE ${where} ORDER BY id`,
      params,
    )
    .map((r) => ({
      id: Number(r.id),
      key: String(r.externalid),
      direction: String(r.direction),
      topic: String(r.topic),
      status: String(r.status),
      attempts: Number(r.attempts ?? 0),
      errorCode: r.code === null ? null : String(r.code),
      errorMessage: r.message === null ? null : String(r.message),
      due: r.due === null ? null : Number(r.due),
      closeReason: r.reason === null ? null : String(r.reason),
      gid: r.gid === null ? null : String(r.gid),
    }));
}

export interface OperationMetrics {
  calls: number;
  requestedCost: number;
  actualCost: number;
  throttled: number;
  errors: number;
}

export interface StoreMetrics {
  total: OperationMetrics;
  byShop: Record<string, OperationMetrics>;
  byOperation: Record<string, OperationMetrics>;
  byStatus: Record<string, number>;
  faults: Record<string, number>;
}

/** The local store's request metrics (read without spending rate limit). */
export function metrics(world: World): Promise<StoreMetrics> {
  return world.shopify.get<StoreMetrics>('/metrics');
}

/** Calls the local store saw for one operation (0 when none). */
export async function callsOf(world: World, operation: string): Promise<number> {
  return (await metrics(world)).byOperation[operation]?.calls ?? 0;
}

/** An admin opens the store record and saves it: the setup check runs and a connection check is queued. */
export async function saveStoreRecord(world: World, storeId = world.storeId, values: Record<string, unknown> = {}): Promise<void> {
  // One connection check per save, keyed by the save's time: let a second pass since the last one.
  tick(world);
  world.netsuite.ui.edit('customrecord_sb2b_store', storeId, values);
}

/** Log lines of a script (title and details), oldest first. */
export function logLines(world: World, scriptId?: string): string[] {
  return world.netsuite.logs.filter((l) => !scriptId || l.scriptId === scriptId).map((l) => `${l.level} ${l.title}: ${l.details}`);
}

/** Every secret value the sandbox holds must be absent from logs, email and records. */
export function expectNoSecretLeaks(world: World, alsoNever: string[] = []): void {
  expect(world.netsuite.secretLeaks()).toEqual([]);
  const everything = JSON.stringify({ logs: world.netsuite.logs, emails: world.netsuite.emails });
  for (const value of alsoNever) expect(everything).not.toContain(value);
}

/** Places a B2B order as a buyer would (webhooks follow on the next settle). */
export function placeOrder(world: World, poNumber: string, company = 'NS-CUST-1001'): Promise<{ id: string; name: string }> {
  return world.shopify.post(`/shops/${world.shop}/actions/place-order`, { company, poNumber, lines: [{ sku: 'HB-M8-40', quantity: 10 }] });
}

export const MINUTE = 60_000;

/** Moves the virtual clock without running what falls due (a save a second after the last one). */
export function tick(world: World, ms = 1000): void {
  if (!(world.clock instanceof VirtualClock)) throw new Error('tick needs a world on the virtual clock');
  world.clock.advance(ms);
}

/**
 * Moves the clock until the first scheduled processor run (every 15 minutes) after the entry is due
 * has run: what a waiting entry waits for. Later runs within the same quarter hour do not happen.
 */
export async function untilRunAfterDue(world: World, entry: Pick<EntryRow, 'due'>): Promise<void> {
  await world.advance(Math.max(0, (entry.due ?? world.clock.now()) - world.clock.now()) + 15 * MINUTE);
}
