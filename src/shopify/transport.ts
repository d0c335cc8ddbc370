/**
 * The wire under the Shopify client: one synchronous HTTP POST. In NetSuite it is N/https
 * (src/netsuite/httpsTransport.ts); in tests anything that answers like Shopify.
 */
export interface HttpResponse {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: string;
}

/** Header values are strings, or an opaque secure value (N/https SecureString) the transport passes through. */
export type HeaderValue = string | { readonly secure: true } | object;

export interface Transport {
  /** Throws TransportError when no HTTP answer came back. */
  post(url: string, headers: Record<string, HeaderValue>, body: string): HttpResponse;
}

export class TransportError extends Error {
  constructor(
    readonly kind: 'timeout' | 'connection',
    message: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}
