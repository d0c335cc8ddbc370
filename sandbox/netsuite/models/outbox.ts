/**
 * What scripts leave behind that tests read: the execution log (N/log), sent email (N/email), the
 * account's API Secrets (by script id, each with a GUID) and the server-side cache (N/cache).
 */
import crypto from 'crypto';

export type LogLevel = 'DEBUG' | 'AUDIT' | 'ERROR' | 'EMERGENCY';
export const LOG_LEVELS: LogLevel[] = ['DEBUG', 'AUDIT', 'ERROR', 'EMERGENCY'];

export interface LogEntry {
  at: number;
  level: LogLevel;
  title: string;
  details: string;
  scriptId: string;
  deploymentId: string;
  invocationId: string;
}

export class LogStore {
  readonly entries: LogEntry[] = [];
  add(entry: LogEntry) {
    this.entries.push(entry);
  }
  clear() {
    this.entries.length = 0;
  }
}

export interface SentEmail {
  at: number;
  author: string;
  recipients: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  body: string;
  replyTo?: string;
  relatedRecords?: unknown;
  scriptId?: string;
}

export class EmailStore {
  readonly sent: SentEmail[] = [];
  add(email: SentEmail) {
    this.sent.push(email);
  }
  clear() {
    this.sent.length = 0;
  }
}

export interface Secret {
  scriptId: string;
  guid: string;
  value: string;
  /** Script ids allowed to use it (NetSuite's "Restrict to scripts"); undefined: any script. */
  allowedScripts?: string[];
}

export class SecretStore {
  private readonly byId = new Map<string, Secret>();
  private readonly byGuid = new Map<string, Secret>();

  set(scriptId: string, value: string, allowedScripts?: string[]): Secret {
    const existing = this.byId.get(scriptId);
    const secret: Secret = { scriptId, value, allowedScripts, guid: existing?.guid ?? crypto.randomBytes(16).toString('hex') };
    this.byId.set(scriptId, secret);
    this.byGuid.set(secret.guid, secret);
    return secret;
  }

  get(scriptId: string): Secret | undefined {
    return this.byId.get(scriptId);
  }

  byGuidValue(guid: string): Secret | undefined {
    return this.byGuid.get(guid);
  }

  all(): Secret[] {
    return [...this.byId.values()];
  }

  /** GUIDs minted for SecureStrings made from plain input (https.createSecureString). */
  mint(value: string): Secret {
    const secret: Secret = { scriptId: '', value, guid: crypto.randomBytes(16).toString('hex') };
    this.byGuid.set(secret.guid, secret);
    return secret;
  }
}

interface CacheEntry {
  value: string;
  expiresAt: number;
}

export class CacheStore {
  private readonly caches = new Map<string, Map<string, CacheEntry>>();

  constructor(private readonly now: () => number) {}

  private cache(name: string) {
    let c = this.caches.get(name);
    if (!c) {
      c = new Map();
      this.caches.set(name, c);
    }
    return c;
  }

  get(name: string, key: string): string | undefined {
    const entry = this.cache(name).get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.cache(name).delete(key);
      return undefined;
    }
    return entry.value;
  }

  put(name: string, key: string, value: string, ttlSeconds: number) {
    this.cache(name).set(key, { value, expiresAt: this.now() + ttlSeconds * 1000 });
  }

  remove(name: string, key: string) {
    this.cache(name).delete(key);
  }

  clear() {
    this.caches.clear();
  }
}
