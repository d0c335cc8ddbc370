/**
 * How syncs plug into the queue. A sync registers a handler for the topics it owns; the processors
 * group due entries by entity and hand each handler all of one entity's entries at once, so a burst
 * of webhooks for one order costs one re-read and one write.
 */
import type { ShopifyClient } from '../shopify/client';
import type { Direction, QueueEntry } from './queueEntry';
import type { StoreConfig, SyncName } from './storeConfig';

export interface HandlerContext {
  store: StoreConfig;
  /** The store's Shopify client, created on first use (no token is read for handlers that never call Shopify). */
  shopify(): ShopifyClient;
  now(): number;
  /** Usage units left in this invocation, for handlers that loop. */
  remainingUsage(): number;
}

export type HandlerOutcome =
  | { type: 'succeeded'; note?: string }
  | { type: 'skipped'; reason: string };

export interface Handler {
  /** Names the handler in logs and entry notes, like "order" or "fulfillment". */
  name: string;
  direction: Direction;
  /** Topics whose entries this handler takes. */
  topics: string[];
  /** The store switch that must be on for this handler to run; none for housekeeping (like checking the connection). */
  sync?: SyncName;
  /** Usage units one call may spend at most; the processor does not start it with less left. */
  maxUnits: number;
  /**
   * Whether an entry must be claimed for one run only (6 units: load and save with optimistic
   * locking) before the handler runs. Needed where running twice at once could act twice on Shopify
   * (a fulfillment); handlers whose writes are idempotent by external id may leave it off.
   */
  exclusive: boolean;
  /** Handles every due entry of one entity. Throws to fail them (see src/core/errors.ts). */
  handle(entries: QueueEntry[], context: HandlerContext): HandlerOutcome;
}

export class HandlerRegistry {
  private readonly byTopic = new Map<string, Handler>();

  constructor(handlers: Handler[] = []) {
    handlers.forEach((h) => this.register(h));
  }

  register(handler: Handler): void {
    for (const topic of handler.topics) {
      const existing = this.byTopic.get(`${handler.direction}:${topic}`);
      if (existing) throw new Error(`topic ${topic} (${handler.direction}) is taken by ${existing.name} and ${handler.name}`);
      this.byTopic.set(`${handler.direction}:${topic}`, handler);
    }
  }

  handlerFor(direction: Direction, topic: string): Handler | undefined {
    return this.byTopic.get(`${direction}:${topic}`);
  }

  topics(direction: Direction): string[] {
    return Array.from(this.byTopic.keys())
      .filter((k) => k.startsWith(`${direction}:`))
      .map((k) => k.slice(direction.length + 1));
  }
}

/**
 * The key one reduce handles: entries about the same Shopify object (inbound) or the same NetSuite
 * record (outbound) meet in one reduce, so two invocations never write the same record.
 */
export function entityKey(entry: QueueEntry): string {
  if (entry.direction === 'inbound' && entry.shopifyGid) return `${entry.storeId}|${entry.shopifyGid}`;
  if (entry.netsuiteType && entry.netsuiteId) return `${entry.storeId}|${entry.netsuiteType}:${entry.netsuiteId}`;
  return `${entry.storeId}|${entry.topic}|${entry.key}`;
}
