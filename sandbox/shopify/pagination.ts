/**
 * Relay cursor pagination as Shopify serves it: `first`/`after` or `last`/`before`, `reverse`,
 * opaque cursors (base64 of {"last_id", "last_value"}, Shopify's format), and page info that is
 * true at the edges: an empty result, exactly one page, and one item left over all report
 * hasNextPage/hasPreviousPage correctly.
 *
 * The source is a sorted, random-access sequence; `seek` lets an index jump straight to the
 * cursor (or to a range bound from the search query) instead of scanning from the start.
 */
import { ShopifyFieldError } from './errors';

export const MAX_PAGE_SIZE = 250;

export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  reverse?: boolean | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Page<T> {
  nodes: T[];
  edges: Edge<T>[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

export interface OrderedSource<T> {
  size: number;
  get(index: number): T;
  /** The sort value and id of an item, as encoded in its cursor. */
  key(item: T): { value: number | string; id: number };
  /** First index whose (value, id) is greater than or equal to the given one. Binary search if sorted. */
  seek?(value: number | string, id: number): number;
}

interface Cursor {
  last_id: number;
  last_value: string;
}

export function encodeCursor(value: number | string, id: number): string {
  return Buffer.from(JSON.stringify({ last_id: id, last_value: String(value) })).toString('base64');
}

function decodeCursor(cursor: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as Cursor;
    if (typeof parsed.last_id !== 'number') throw new Error('bad cursor');
    return parsed;
  } catch {
    throw new ShopifyFieldError(`Invalid cursor for current pagination sort.`, 'BAD_REQUEST');
  }
}

/** Shopify's checks on the pagination arguments of every connection. */
export function checkPageArgs(args: PageArgs): void {
  const hasFirst = typeof args.first === 'number';
  const hasLast = typeof args.last === 'number';
  if (hasFirst && hasLast) throw new ShopifyFieldError('providing both first and last is not supported', 'BAD_REQUEST');
  if (!hasFirst && !hasLast) throw new ShopifyFieldError('you must provide one of first or last', 'BAD_REQUEST');
}

function compareKey(a: { value: number | string; id: number }, b: { value: number | string; id: number }): number {
  if (a.value < b.value) return -1;
  if (a.value > b.value) return 1;
  return a.id - b.id;
}

function cursorKey(source: OrderedSource<unknown>, cursor: Cursor): { value: number | string; id: number } {
  const sample = source.size > 0 ? source.key(source.get(0)).value : 0;
  const value = typeof sample === 'number' ? Number(cursor.last_value) : cursor.last_value;
  return { value, id: cursor.last_id };
}

/**
 * Pages through `source` (ascending by key; `reverse` walks it descending), keeping items that
 * pass `filter`. `bounds` narrows the walk to an index range known to hold every match.
 */
export function paginate<T>(
  source: OrderedSource<T>,
  args: PageArgs,
  filter: (item: T) => boolean = () => true,
  bounds: { start?: number; end?: number } = {},
  onScan: () => void = () => {},
): Page<T> {
  checkPageArgs(args);
  const reverse = Boolean(args.reverse);
  const lo = Math.max(0, bounds.start ?? 0);
  const hi = Math.min(source.size, bounds.end ?? source.size);
  const positionOf = (key: { value: number | string; id: number }): number => {
    if (source.seek) return source.seek(key.value, key.id);
    let i = 0;
    while (i < source.size && compareKey(source.key(source.get(i)), key) < 0) i++;
    return i;
  };
  // Work in "logical" positions: 0..n-1 in the order the client sees.
  // For forward order, logical i = physical i; for reverse, logical i = hi-1-(i-lo).
  let start = lo;
  let end = hi;
  if (args.after) {
    const key = cursorKey(source, decodeCursor(args.after));
    const at = positionOf(key);
    const exact = at < source.size && compareKey(source.key(source.get(at)), key) === 0;
    if (reverse) end = Math.min(end, at);
    else start = Math.max(start, exact ? at + 1 : at);
  }
  if (args.before) {
    const key = cursorKey(source, decodeCursor(args.before));
    const at = positionOf(key);
    const exact = at < source.size && compareKey(source.key(source.get(at)), key) === 0;
    if (reverse) start = Math.max(start, exact ? at + 1 : at);
    else end = Math.min(end, at);
  }
  const matches = (index: number): boolean => {
    onScan();
    return filter(source.get(index));
  };
  // Physical iteration helpers in the client's order.
  const forward = !reverse;
  const firstPhysical = forward ? start : end - 1;
  const step = forward ? 1 : -1;
  const inRange = (i: number) => i >= start && i < end;

  const taken: number[] = [];
  let hasNextPage = false;
  let hasPreviousPage = false;
  if (typeof args.first === 'number') {
    const limit = Math.min(Math.max(args.first, 0), MAX_PAGE_SIZE);
    let i = firstPhysical;
    for (; inRange(i) && taken.length < limit; i += step) if (matches(i)) taken.push(i);
    for (; inRange(i); i += step) {
      if (matches(i)) {
        hasNextPage = true;
        break;
      }
    }
    if (args.after) hasPreviousPage = anyMatch(forward ? start - 1 : end, -step, lo, hi, matches);
  } else {
    const limit = Math.min(Math.max(args.last ?? 0, 0), MAX_PAGE_SIZE);
    let i = forward ? end - 1 : start;
    const back = -step;
    for (; inRange(i) && taken.length < limit; i += back) if (matches(i)) taken.unshift(i);
    for (; inRange(i); i += back) {
      if (matches(i)) {
        hasPreviousPage = true;
        break;
      }
    }
    if (args.before) hasNextPage = anyMatch(forward ? end : start - 1, step, lo, hi, matches);
  }
  const nodes = taken.map((i) => source.get(i));
  const edges = nodes.map((node) => {
    const key = source.key(node);
    return { cursor: encodeCursor(key.value, key.id), node };
  });
  return {
    nodes,
    edges,
    pageInfo: { hasNextPage, hasPreviousPage, startCursor: edges[0]?.cursor ?? null, endCursor: edges[edges.length - 1]?.cursor ?? null },
  };
}

function anyMatch(from: number, step: number, lo: number, hi: number, matches: (i: number) => boolean): boolean {
  for (let i = from; i >= lo && i < hi; i += step) if (matches(i)) return true;
  return false;
}

/** A source over an array already in ascending (value, id) order. */
export function arraySource<T>(items: T[], key: (item: T) => { value: number | string; id: number }): OrderedSource<T> {
  return {
    size: items.length,
    get: (i) => items[i]!,
    key,
    seek: (value, id) => {
      let lo = 0;
      let hi = items.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (compareKey(key(items[mid]!), { value, id }) < 0) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    },
  };
}

/** Sorts records for a sort key and wraps them as a source. */
export function sortedSource<T extends { id: number }>(items: Iterable<T>, value: (item: T) => number | string): OrderedSource<T> {
  const key = (item: T) => ({ value: value(item), id: item.id });
  const sorted = [...items].sort((a, b) => compareKey(key(a), key(b)));
  return arraySource(sorted, key);
}
