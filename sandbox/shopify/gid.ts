/** Shopify global ids: `gid://shopify/<Type>/<number>`, optionally with a query string. */
export function gid(type: string, id: number, query?: string): string {
  return `gid://shopify/${type}/${id}${query ? `?${query}` : ''}`;
}

export interface ParsedGid {
  type: string;
  id: number;
}

/** Parses a gid; undefined for anything malformed. */
export function parseGid(value: unknown): ParsedGid | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)(\?.*)?$/.exec(value);
  if (!match) return undefined;
  return { type: match[1]!, id: Number(match[2]) };
}

/** The numeric id of a gid of the given type, or undefined when the gid is malformed or of another type. */
export function idOf(value: unknown, type: string): number | undefined {
  const parsed = parseGid(value);
  return parsed && parsed.type === type ? parsed.id : undefined;
}
