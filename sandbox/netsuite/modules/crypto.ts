/**
 * N/encode, N/crypto and the secret-holding objects N/https shares with them: SecretKey (an API
 * Secret by script id or GUID, never readable by the script), SecureString (text that may hold
 * `{custsecret_…}` placeholders or secret-derived bytes, resolved only when sent) and HMAC/hash.
 * Encodings: UTF_8, BASE_16, BASE_32, BASE_64, BASE_64_URL_SAFE, HEX. Secret keys default to HEX
 * encoding, as NetSuite's do, so a UTF-8 secret needs `encoding: encode.Encoding.UTF_8`.
 */
import nodeCrypto from 'crypto';
import { errors } from '../errors';
import type { Secret } from '../models/outbox';
import type { Execution } from '../runners/execution';
import { withPromises } from './record';

export const ENCODINGS = ['UTF_8', 'BASE_16', 'BASE_32', 'BASE_64', 'BASE_64_URL_SAFE', 'HEX'] as const;
export type EncodingName = (typeof ENCODINGS)[number];
export const Encoding = Object.fromEntries(ENCODINGS.map((e) => [e, e])) as Record<EncodingName, EncodingName>;

export const HASH_ALGORITHMS: Record<string, string> = { SHA1: 'sha1', SHA256: 'sha256', SHA512: 'sha512', MD5: 'md5' };
export const HashAlg = { SHA1: 'SHA1', SHA256: 'SHA256', SHA512: 'SHA512', MD5: 'MD5' };

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32Encode(buf: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  while (out.length % 8 !== 0) out += '=';
  return out;
}

function base32Decode(text: string): Buffer {
  const clean = text.replace(/=+$/, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const c of clean) {
    const idx = BASE32.indexOf(c);
    if (idx < 0) throw errors.invalidEncoding('BASE_32');
    value = (value << 5) | idx;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

function encodingName(value: unknown, fallback: EncodingName): EncodingName {
  if (value === undefined || value === null || value === '') return fallback;
  const name = String(value).toUpperCase() as EncodingName;
  if (!ENCODINGS.includes(name)) throw errors.invalidEncoding(String(value));
  return name;
}

export function decodeText(text: string, encoding: EncodingName): Buffer {
  switch (encoding) {
    case 'UTF_8':
      return Buffer.from(text, 'utf8');
    case 'BASE_16':
    case 'HEX':
      return Buffer.from(text, 'hex');
    case 'BASE_32':
      return base32Decode(text);
    case 'BASE_64':
      return Buffer.from(text, 'base64');
    case 'BASE_64_URL_SAFE':
      return Buffer.from(text, 'base64url');
  }
}

export function encodeBytes(buf: Buffer, encoding: EncodingName): string {
  switch (encoding) {
    case 'UTF_8':
      return buf.toString('utf8');
    case 'BASE_16':
      return buf.toString('hex').toUpperCase();
    case 'HEX':
      return buf.toString('hex');
    case 'BASE_32':
      return base32Encode(buf);
    case 'BASE_64':
      return buf.toString('base64');
    case 'BASE_64_URL_SAFE':
      return buf.toString('base64url');
  }
}

export function encodeModule() {
  return {
    Encoding,
    convert(options: unknown) {
      const o = (options ?? {}) as Record<string, unknown>;
      if (typeof o.string !== 'string') throw errors.missingArgument('encode.convert', 'string');
      const input = encodingName(o.inputEncoding, 'UTF_8');
      const output = encodingName(o.outputEncoding, 'UTF_8');
      return encodeBytes(decodeText(o.string, input), output);
    },
  };
}

/** Looks up a secret for a script, enforcing the secret's allowed scripts. */
export function secretFor(exec: Execution, options: { secret?: unknown; guid?: unknown }, method: string): Secret {
  const secrets = exec.core.secrets;
  let secret: Secret | undefined;
  if (options.secret !== undefined && options.secret !== null && options.secret !== '') secret = secrets.get(String(options.secret));
  else if (options.guid !== undefined && options.guid !== null && options.guid !== '') secret = secrets.byGuidValue(String(options.guid));
  else throw errors.missingArgument(method, 'secret');
  const id = String(options.secret ?? options.guid);
  if (!secret) throw errors.unknownSecret(id);
  if (secret.allowedScripts && !secret.allowedScripts.includes(exec.script.def.scriptid)) throw errors.unknownSecret(id);
  return secret;
}

export class SecretKey {
  readonly guid: string;
  readonly encoding: EncodingName;
  constructor(
    private readonly secret: Secret,
    encoding: EncodingName,
  ) {
    this.guid = secret.guid;
    this.encoding = encoding;
  }
  /** The key bytes (never given to scripts). */
  bytes(): Buffer {
    return decodeText(this.secret.value, this.encoding);
  }
  toString() {
    return 'crypto.SecretKey';
  }
}

type Part = { text: string } | { bytes: Buffer };

/** Text resolved only when sent: `{custsecret_…}` placeholders and secret-derived bytes stay hidden. */
export class SecureString {
  private parts: Part[];
  private outputEncoding: EncodingName = 'UTF_8';

  constructor(
    private readonly exec: Execution,
    input: string,
    inputEncoding: EncodingName = 'UTF_8',
  ) {
    this.parts = inputEncoding === 'UTF_8' ? [{ text: input }] : [{ bytes: decodeText(input, inputEncoding) }];
  }

  static ofBytes(exec: Execution, bytes: Buffer, encoding: EncodingName): SecureString {
    const s = new SecureString(exec, '');
    s.parts = [{ bytes }];
    s.outputEncoding = encoding;
    return s;
  }

  /** The bytes this string stands for, placeholders replaced with the secrets' values. */
  resolveBytes(): Buffer {
    return Buffer.concat(
      this.parts.map((p) =>
        'bytes' in p
          ? p.bytes
          : Buffer.from(
              p.text.replace(/\{(custsecret_[a-z0-9_]+)\}/gi, (_m, id: string) => secretFor(this.exec, { secret: id.toLowerCase() }, 'SecureString').value),
              'utf8',
            ),
      ),
    );
  }

  /** The text sent: bytes shown in the string's encoding. */
  resolve(): string {
    if (this.parts.every((p) => 'text' in p) && this.outputEncoding === 'UTF_8') return this.resolveBytes().toString('utf8');
    return encodeBytes(this.resolveBytes(), this.outputEncoding);
  }

  appendString(options: unknown) {
    const o = (options ?? {}) as Record<string, unknown>;
    const enc = encodingName(o.inputEncoding, 'UTF_8');
    const input = String(o.input ?? '');
    this.parts.push(enc === 'UTF_8' ? { text: input } : { bytes: decodeText(input, enc) });
    return this;
  }

  appendSecureString(options: unknown) {
    const o = (options ?? {}) as Record<string, unknown>;
    const other = this.exec.realm.unwrap<SecureString>(o.secureString);
    if (!(other instanceof SecureString)) throw errors.missingArgument('SecureString.appendSecureString', 'secureString');
    this.parts.push({ bytes: other.resolveBytes() });
    return this;
  }

  convertEncoding(options: unknown) {
    const o = (options ?? {}) as Record<string, unknown>;
    const to = encodingName(o.toEncoding, 'UTF_8');
    const bytes = this.resolveBytes();
    this.parts = [{ bytes }];
    this.outputEncoding = to;
    return this;
  }

  hash(options: unknown) {
    const o = (options ?? {}) as Record<string, unknown>;
    const algorithm = HASH_ALGORITHMS[String(o.algorithm ?? '').toUpperCase()];
    if (!algorithm) throw errors.invalidAlgorithm(String(o.algorithm));
    this.parts = [{ bytes: nodeCrypto.createHash(algorithm).update(this.resolveBytes()).digest() }];
    this.outputEncoding = 'HEX';
    return this;
  }

  hmac(options: unknown) {
    const o = (options ?? {}) as Record<string, unknown>;
    const algorithm = HASH_ALGORITHMS[String(o.algorithm ?? '').toUpperCase()];
    if (!algorithm) throw errors.invalidAlgorithm(String(o.algorithm));
    const key = this.exec.realm.unwrap<SecretKey>(o.key);
    if (!(key instanceof SecretKey)) throw errors.missingArgument('SecureString.hmac', 'key');
    this.parts = [{ bytes: nodeCrypto.createHmac(algorithm, key.bytes()).update(this.resolveBytes()).digest() }];
    this.outputEncoding = 'HEX';
    return this;
  }

  replaceString(options: unknown) {
    const o = (options ?? {}) as Record<string, unknown>;
    const pattern = String(o.pattern ?? '');
    const replacement = String(o.replacement ?? '');
    this.parts = this.parts.map((p) => ('text' in p ? { text: p.text.split(pattern).join(replacement) } : p));
    return this;
  }

  toString() {
    return 'https.SecureString';
  }
}

class Digest {
  private readonly hash: nodeCrypto.Hash | nodeCrypto.Hmac;
  constructor(kind: 'hash' | 'hmac', algorithm: string, key?: Buffer) {
    this.hash = kind === 'hmac' ? nodeCrypto.createHmac(algorithm, key!) : nodeCrypto.createHash(algorithm);
  }
  update(options: unknown) {
    const o = (options ?? {}) as Record<string, unknown>;
    if (o.input === undefined || o.input === null) throw errors.missingArgument('update', 'input');
    this.hash.update(decodeText(String(o.input), encodingName(o.inputEncoding, 'UTF_8')));
  }
  digest(options?: unknown) {
    const o = (options ?? {}) as Record<string, unknown>;
    return encodeBytes(this.hash.digest(), encodingName(o.outputEncoding, 'HEX'));
  }
}

export function makeSecretKey(exec: Execution, options: unknown, method: string): SecretKey {
  const o = (options ?? {}) as Record<string, unknown>;
  const secret = secretFor(exec, { secret: o.secret, guid: o.guid }, method);
  return new SecretKey(secret, encodingName(o.encoding, 'HEX'));
}

export function cryptoModule(exec: Execution) {
  return withPromises({
    HashAlg,
    EncryptionAlg: { AES: 'AES' },
    Padding: { NoPadding: 'NoPadding', PKCS5Padding: 'PKCS5Padding' },
    createSecretKey(options: unknown) {
      return makeSecretKey(exec, options, 'crypto.createSecretKey');
    },
    createHmac(options: unknown) {
      const o = (options ?? {}) as Record<string, unknown>;
      const algorithm = HASH_ALGORITHMS[String(o.algorithm ?? '').toUpperCase()];
      if (!algorithm) throw errors.invalidAlgorithm(String(o.algorithm));
      const key = exec.realm.unwrap<SecretKey>(o.key);
      if (!(key instanceof SecretKey)) throw errors.missingArgument('crypto.createHmac', 'key');
      return new Digest('hmac', algorithm, key.bytes());
    },
    createHash(options: unknown) {
      const o = (options ?? {}) as Record<string, unknown>;
      const algorithm = HASH_ALGORITHMS[String(o.algorithm ?? '').toUpperCase()];
      if (!algorithm) throw errors.invalidAlgorithm(String(o.algorithm));
      return new Digest('hash', algorithm);
    },
    createCipher() {
      throw errors.unsupported('crypto.createCipher');
    },
    createDecipher() {
      throw errors.unsupported('crypto.createDecipher');
    },
    checkPasswordField() {
      throw errors.unsupported('crypto.checkPasswordField');
    },
  });
}
