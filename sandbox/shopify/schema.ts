/**
 * Shopify's real Admin GraphQL schemas, one per API version, loaded from the introspection files
 * in ./schema (see its README). Every request is validated and executed against the schema of the
 * version in its URL, so a response is valid for that version by construction.
 */
import fs from 'fs';
import path from 'path';
import zlib from 'zlib';
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from 'graphql';

export const API_VERSIONS = ['2026-10', '2026-07'] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];
export const DEFAULT_API_VERSION: ApiVersion = '2026-10';
/** The version Shopify "falls forward" to when a request names a retired version. */
export const OLDEST_API_VERSION: ApiVersion = '2026-07';

const cache = new Map<ApiVersion, GraphQLSchema>();

export function loadSchema(version: ApiVersion): GraphQLSchema {
  let schema = cache.get(version);
  if (!schema) {
    const file = path.join(__dirname, 'schema', `admin_${version}.json.gz`);
    const json = JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8')) as { data: IntrospectionQuery };
    schema = buildClientSchema(json.data);
    cache.set(version, schema);
  }
  return schema;
}

/**
 * What Shopify does with the version in the URL: a supported version is served; a released
 * version older than the oldest supported one "falls forward" to the oldest supported version
 * (shopify.dev/docs/api/usage/versioning); anything else (a typo, a month that is not a release,
 * a future version, `unstable`, which this stand-in has no schema for) is not a route: 404.
 */
export function resolveApiVersion(requested: string): ApiVersion | undefined {
  if ((API_VERSIONS as readonly string[]).includes(requested)) return requested as ApiVersion;
  const match = /^(\d{4})-(01|04|07|10)$/.exec(requested);
  if (match && requested < OLDEST_API_VERSION) return OLDEST_API_VERSION;
  return undefined;
}
