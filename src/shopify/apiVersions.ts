/**
 * Admin API versions the bundle is tested against. Every GraphQL document is validated against the
 * real schema of each (test/contract), so adding one here without its schema fails the build.
 */
export const SUPPORTED_API_VERSIONS = ['2026-10', '2026-07'] as const;
export type ApiVersion = (typeof SUPPORTED_API_VERSIONS)[number];
export const DEFAULT_API_VERSION: ApiVersion = '2026-10';

export function isSupportedApiVersion(value: string): value is ApiVersion {
  return (SUPPORTED_API_VERSIONS as readonly string[]).includes(value);
}
