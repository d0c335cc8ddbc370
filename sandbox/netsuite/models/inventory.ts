/**
 * Stock per item and location, as NetSuite keeps it for inventory items: on hand, committed to
 * orders, available (= on hand − committed), on order, backordered, and the time available last
 * changed (`lastquantityavailablechange`, the column incremental inventory reads key on).
 * Fulfillments (shipped), item receipts and inventory adjustments change on hand; approved sales
 * orders commit stock. Quantities are whole or decimal numbers, never below what the transactions say.
 */

export interface StockLevel {
  item: number;
  location: number;
  onHand: number;
  committed: number;
  onOrder: number;
  backordered: number;
  /** Epoch ms when available last changed; undefined until it first does. */
  lastAvailableChange?: number;
}

export function available(level: StockLevel): number {
  return level.onHand - level.committed;
}

export type StockListener = (level: StockLevel) => void;

export class Inventory {
  private readonly levels = new Map<string, StockLevel>();
  private readonly listeners: StockListener[] = [];

  constructor(private readonly now: () => number) {}

  onChange(listener: StockListener) {
    this.listeners.push(listener);
  }

  private key(item: number, location: number) {
    return `${item}:${location}`;
  }

  /** The level (created at zero, as NetSuite lists every inventory item at every location). */
  level(item: number, location: number): StockLevel {
    const key = this.key(item, location);
    let level = this.levels.get(key);
    if (!level) {
      level = { item, location, onHand: 0, committed: 0, onOrder: 0, backordered: 0 };
      this.levels.set(key, level);
      this.emit(level);
    }
    return level;
  }

  peek(item: number, location: number): StockLevel | undefined {
    return this.levels.get(this.key(item, location));
  }

  all(): StockLevel[] {
    return [...this.levels.values()];
  }

  /**
   * Runs several adjustments as one transaction's effect: `lastAvailableChange` moves only for levels
   * whose available quantity differs at the end (fulfilling committed stock changes on hand and
   * committed, not available).
   */
  batch<T>(fn: () => T): T {
    if (this.pending) return fn();
    this.pending = new Map();
    try {
      return fn();
    } finally {
      const pending = this.pending;
      this.pending = undefined;
      for (const [level, before] of pending) {
        if (available(level) !== before) level.lastAvailableChange = this.now();
        this.emit(level);
      }
    }
  }

  private pending: Map<StockLevel, number> | undefined;

  /** Applies deltas; `lastAvailableChange` moves only when available does. */
  adjust(item: number, location: number, delta: { onHand?: number; committed?: number; backordered?: number; onOrder?: number }) {
    const level = this.level(item, location);
    const before = available(level);
    if (this.pending && !this.pending.has(level)) this.pending.set(level, before);
    level.onHand = round(level.onHand + (delta.onHand ?? 0));
    level.committed = round(level.committed + (delta.committed ?? 0));
    level.backordered = round(level.backordered + (delta.backordered ?? 0));
    level.onOrder = round(level.onOrder + (delta.onOrder ?? 0));
    if (this.pending) return;
    if (available(level) !== before) level.lastAvailableChange = this.now();
    this.emit(level);
  }

  /** Sets on hand outright (seeding a starting balance). */
  setOnHand(item: number, location: number, onHand: number) {
    const level = this.level(item, location);
    this.adjust(item, location, { onHand: onHand - level.onHand });
  }

  remove(item: number) {
    for (const [key, level] of this.levels) if (level.item === item) this.levels.delete(key);
  }

  clear() {
    this.levels.clear();
  }

  private emit(level: StockLevel) {
    for (const l of this.listeners) l(level);
  }
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
