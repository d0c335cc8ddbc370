/**
 * Helpers shared by the resolvers. A resolver turns a model record into a "view": a plain object
 * whose properties are named after the GraphQL type's fields. Plain values are served as they
 * are; fields with arguments or that cost work are functions `(args, ctx) => value`, which
 * graphql-js calls only when the field is selected. A field a view does not define is an error
 * naming the field (see index.ts), never a silent null.
 */
import type { ApiVersion } from '../schema';
import type { App, ShopState } from '../models/shop';
import { formatDecimal, type Amount } from '../money';
import { paginate, arraySource, sortedSource, type OrderedSource, type Page, type PageArgs } from '../pagination';
import { compileSearch, type SearchField, type SearchWarning } from '../search';
import type { Address } from '../models/types';
import { gid } from '../gid';

export interface RequestContext {
  shop: ShopState;
  app: App;
  version: ApiVersion;
  /** Search warnings collected for extensions.search. */
  searchWarnings: { path: (string | number)[]; query: string; warnings: SearchWarning[] }[];
  /** Set by a mutation so that the response reports what changed (metrics). */
  notes: string[];
}

export type View = Record<string, unknown> & { __typename: string };

export function isoTime(ms: number | null | undefined): string | null {
  if (ms === null || ms === undefined) return null;
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function moneyV2(amount: Amount, currencyCode: string): View {
  return { __typename: 'MoneyV2', amount: formatDecimal(amount), currencyCode };
}

export function moneyBag(amount: Amount, currencyCode: string, presentment?: { amount: Amount; currencyCode: string }): View {
  return { __typename: 'MoneyBag', shopMoney: moneyV2(amount, currencyCode), presentmentMoney: presentment ? moneyV2(presentment.amount, presentment.currencyCode) : moneyV2(amount, currencyCode) };
}

export function count(n: number): View {
  return { __typename: 'Count', count: n, precision: 'EXACT' };
}

const COUNTRIES: Record<string, string> = {
  US: 'United States', CA: 'Canada', GB: 'United Kingdom', DE: 'Germany', FR: 'France', NL: 'Netherlands', AU: 'Australia', IE: 'Ireland', MX: 'Mexico', ES: 'Spain', IT: 'Italy', BE: 'Belgium',
};

export function countryName(code: string | null | undefined): string | null {
  if (!code) return null;
  return COUNTRIES[code] ?? code;
}

export function mailingAddress(address: Address | null, id?: number): View | null {
  if (!address) return null;
  const name = [address.firstName, address.lastName].filter(Boolean).join(' ') || null;
  const area = [address.city, address.provinceCode ?? address.province, address.zip].filter(Boolean).join(' ');
  return {
    __typename: 'MailingAddress',
    id: gid('MailingAddress', id ?? 0, 'model_name=Address'),
    firstName: address.firstName,
    lastName: address.lastName,
    name,
    company: address.company,
    address1: address.address1,
    address2: address.address2,
    city: address.city,
    province: address.province,
    provinceCode: address.provinceCode,
    country: countryName(address.countryCode) ?? address.country,
    countryCodeV2: address.countryCode,
    zip: address.zip,
    phone: address.phone,
    latitude: null,
    longitude: null,
    formattedArea: [address.city, address.province, countryName(address.countryCode)].filter(Boolean).join(', ') || null,
    formatted: (args: { withName?: boolean; withCompany?: boolean }) =>
      [args.withName ? name : null, args.withCompany === false ? null : address.company, address.address1, address.address2, area || null, countryName(address.countryCode)].filter(Boolean),
  };
}

/** A connection field over records already in ascending (value, id) order. */
export function connectionOf<T, V>(source: OrderedSource<T>, args: PageArgs, toView: (item: T) => V, filter?: (item: T) => boolean, bounds?: { start?: number; end?: number }, onScan?: () => void): View {
  const page: Page<T> = paginate(source, args, filter, bounds, onScan);
  const nodes = page.nodes.map(toView);
  return {
    __typename: 'Connection',
    nodes,
    edges: page.edges.map((e, i) => ({ __typename: 'Edge', cursor: e.cursor, node: nodes[i] })),
    pageInfo: { __typename: 'PageInfo', ...page.pageInfo },
  };
}

/** A connection over a small in-memory list, sorted by id. */
export function listConnection<T extends { id: number }, V>(items: Iterable<T>, args: PageArgs, toView: (item: T) => V, value: (item: T) => number | string = (i) => i.id): View {
  return connectionOf(sortedSource(items, value), args, toView);
}

/** A connection over an array kept in display order (positions as the sort value). */
export function positionalConnection<T, V>(items: T[], args: PageArgs, toView: (item: T) => V, idOfItem: (item: T) => number): View {
  const positioned = items.map((item, i) => ({ item, position: i, id: idOfItem(item) }));
  return connectionOf(arraySource(positioned, (p) => ({ value: p.position, id: p.id })), args, (p) => toView(p.item));
}

/**
 * A searchable connection: compiles `query`, records unknown-field warnings for
 * extensions.search, and filters while paging.
 */
export function searchConnection<T extends { id: number }, V>(
  ctx: RequestContext,
  path: (string | number)[],
  source: OrderedSource<T>,
  args: PageArgs & { query?: string | null },
  fields: Record<string, SearchField<T>>,
  defaultFields: string[],
  toView: (item: T) => V,
  bounds?: { start?: number; end?: number },
): View {
  const searcher = compileSearch(args.query, fields, defaultFields);
  if (searcher.warnings.length && args.query) ctx.searchWarnings.push({ path, query: args.query, warnings: searcher.warnings });
  return connectionOf(source, args, toView, (item) => searcher.matches(item), bounds, () => ctx.shop.scanned++);
}

export function legacyId(id: number): string {
  return String(id);
}
