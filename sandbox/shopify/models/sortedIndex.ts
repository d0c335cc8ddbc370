/**
 * Records kept sorted by (key, id), e.g. orders by updatedAt. Lookups by key are binary
 * searches, so a poll for "updated since T" starts at T instead of scanning every order.
 * Call `update` after changing a record's key.
 */
export interface Entry<T> {
  key: number;
  id: number;
  item: T;
}

export class SortedIndex<T extends { id: number }> {
  private readonly entries: Entry<T>[] = [];
  private readonly keys = new Map<number, number>();

  constructor(private readonly keyOf: (item: T) => number) {}

  get size(): number {
    return this.entries.length;
  }

  private position(key: number, id: number): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const e = this.entries[mid]!;
      if (e.key < key || (e.key === key && e.id < id)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(item: T): void {
    const key = this.keyOf(item);
    this.entries.splice(this.position(key, item.id), 0, { key, id: item.id, item });
    this.keys.set(item.id, key);
  }

  remove(item: T): void {
    const key = this.keys.get(item.id);
    if (key === undefined) return;
    const at = this.position(key, item.id);
    if (this.entries[at]?.id === item.id) this.entries.splice(at, 1);
    this.keys.delete(item.id);
  }

  update(item: T): void {
    const old = this.keys.get(item.id);
    if (old === this.keyOf(item)) return;
    this.remove(item);
    this.insert(item);
  }

  /** Index of the first entry at or after (key, id). */
  lowerBound(key: number, id = -Infinity): number {
    return this.position(key, id);
  }

  at(index: number): Entry<T> | undefined {
    return this.entries[index];
  }

  clear(): void {
    this.entries.length = 0;
    this.keys.clear();
  }
}
