/** Shopify's webhook signature, checked inside NetSuite with the API Secret holding the app's client secret. */
import * as crypto from 'N/crypto';
import * as encode from 'N/encode';
import { timingSafeEqual } from '../sync/intake/envelope';

/** base64(HMAC-SHA256(raw body, secret)): what Shopify sends in X-Shopify-Hmac-Sha256. */
export function webhookHmac(rawBody: string, secretId: string): string {
  const key = crypto.createSecretKey({ secret: secretId, encoding: encode.Encoding.UTF_8 });
  const hmac = crypto.createHmac({ algorithm: crypto.HashAlg.SHA256, key });
  hmac.update({ input: rawBody, inputEncoding: encode.Encoding.UTF_8 });
  return hmac.digest({ outputEncoding: encode.Encoding.BASE_64 });
}

/** True when one of the store's secrets (the current one, or the one being rotated out) signed the body. */
export function signedByStore(rawBody: string, hmacHeader: string, secretIds: string[]): boolean {
  return secretIds.some((secretId) => timingSafeEqual(webhookHmac(rawBody, secretId), hmacHeader.trim()));
}
