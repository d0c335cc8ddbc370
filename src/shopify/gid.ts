/**
 * Shopify global ids: `gid://shopify/<Type>/<id>`. Links between NetSuite and Shopify use these,
 * never names; webhook payloads carry them as `admin_graphql_api_id` (their numeric ids can exceed
 * 2^53 and lose precision in JSON.parse, so never key on those).
 */
const GID = /^gid:\/\/shopify\/([A-Za-z]+)\/([0-9]+)(\?.*)?$/;

export interface ParsedGid {
  type: string;
  /** The numeric id, as a string: it can exceed Number.MAX_SAFE_INTEGER. */
  id: string;
}

export function parseGid(value: string): ParsedGid | undefined {
  const match = GID.exec(value);
  return match ? { type: match[1], id: match[2] } : undefined;
}

export function isGid(value: unknown, type?: string): value is string {
  if (typeof value !== 'string') return false;
  const parsed = parseGid(value);
  return parsed !== undefined && (type === undefined || parsed.type === type);
}

export function toGid(type: string, id: string | number): string {
  const text = String(id);
  if (!/^[0-9]+$/.test(text)) throw new Error(`Shopify ${type} id "${text}" is not numeric`);
  return `gid://shopify/${type}/${text}`;
}

/** The trailing number of a gid, for places that want Shopify's "legacy" numeric id (as a string). */
export function gidNumber(gid: string): string {
  const parsed = parseGid(gid);
  if (!parsed) throw new Error(`"${gid}" is not a Shopify gid`);
  return parsed.id;
}
