/**
 * The Shopify client's transport in NetSuite: N/https. Header values may be SecureStrings (the access
 * token from an API Secret); NetSuite puts the secret in the request without the script ever
 * seeing it. Timeouts and connection failures become TransportErrors the client can classify.
 */
import * as https from 'N/https';
import { TransportError, type HttpResponse, type Transport } from '../shopify/transport';

const TIMEOUT_ERRORS = new Set(['SSS_REQUEST_TIME_EXCEEDED', 'SSS_CONNECTION_TIME_OUT']);

function lowerCaseHeaders(headers: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (headers && typeof headers === 'object') {
    for (const [name, value] of Object.entries(headers as Record<string, unknown>)) result[name.toLowerCase()] = String(value);
  }
  return result;
}

export const httpsTransport: Transport = {
  post(url, headers, body): HttpResponse {
    try {
      const response = https.post({ url, headers, body });
      return { status: response.code, headers: lowerCaseHeaders(response.headers), body: response.body ?? '' };
    } catch (e) {
      const name = (e as { name?: string }).name ?? '';
      const message = (e as { message?: string }).message ?? String(e);
      throw new TransportError(TIMEOUT_ERRORS.has(name) ? 'timeout' : 'connection', `${name}: ${message}`);
    }
  },
};

/** The access token header value for a store: its API Secret, never read into the script as text. */
export function accessTokenFromSecret(secretId: string): https.SecureString {
  return https.createSecureString({ input: `{${secretId}}` });
}
