/**
 * N/https: synchronous, real HTTP (see https/client.ts), 10 units a call; HTTPS URLs only
 * (SSS_INVALID_URL otherwise); NetSuite's timeouts raising SSS_REQUEST_TIME_EXCEEDED; headers NetSuite
 * discards (Connection, Content-Length, Host, …) dropped; header and body values may be SecureStrings
 * whose `{custsecret_…}` placeholders resolve only on the wire; `credentials` GUIDs in the URL, headers
 * or body replaced by their secrets. requestRestlet calls one of the account's RESTlets in-process.
 */
import { errors } from '../errors';
import { UNIT_COSTS } from '../governance';
import type { Execution } from '../runners/execution';
import { Encoding, HashAlg, makeSecretKey, SecureString } from './crypto';
import { withPromises } from './record';

const BLOCKED_HEADERS = new Set(['connection', 'content-length', 'host', 'jsessionid', 'trailer', 'transfer-encoding', 'upgrade', 'via']);
const USER_AGENT = 'Mozilla/5.0 (compatible; NetSuite SuiteScript 2.1; sandbox)';

export const Method = { DELETE: 'DELETE', GET: 'GET', HEAD: 'HEAD', PUT: 'PUT', POST: 'POST', PATCH: 'PATCH' };

interface VirtualClockLike {
  advance(ms: number): void;
}

function isVirtual(clock: unknown): clock is VirtualClockLike {
  return typeof (clock as VirtualClockLike).advance === 'function';
}

export class ClientResponse {
  constructor(
    readonly code: number,
    readonly body: string,
    readonly headers: Record<string, string>,
  ) {}
  toJSON() {
    return { type: 'http.ClientResponse', code: this.code, headers: this.headers, body: this.body };
  }
}

export function httpsModule(exec: Execution) {
  const { core } = exec;

  const text = (value: unknown, credentials: string[]): string => {
    const unwrapped = exec.realm.unwrap(value);
    let s = unwrapped instanceof SecureString ? unwrapped.resolve() : String(value);
    for (const guid of credentials) {
      const secret = core.secrets.byGuidValue(guid);
      if (!secret) throw errors.unknownSecret(guid);
      s = s.split(`{${guid}}`).join(secret.value).split(guid).join(secret.value);
    }
    return s;
  };

  const send = (api: string, options: unknown, fixedMethod?: string) => {
    if (!options || typeof options !== 'object') throw errors.missingArgument(`https.${api}`, 'options');
    const o = options as Record<string, unknown>;
    const method = String(fixedMethod ?? o.method ?? '').toUpperCase();
    if (!method) throw errors.missingArgument(`https.${api}`, 'method');
    if (o.url === undefined || o.url === null || o.url === '') throw errors.missingArgument(`https.${api}`, 'url');
    exec.meter.charge(`https.${api}`, UNIT_COSTS.https);
    const credentials = o.credentials ? Array.from(o.credentials as ArrayLike<unknown>).map(String) : [];
    const url = text(o.url, credentials);
    if (!/^https:\/\//i.test(url)) throw errors.invalidUrl();
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw errors.invalidUrl();
    }
    if (core.faults.take('httpTimeout', (r) => !r.host || r.host.toLowerCase() === parsed.hostname.toLowerCase())) throw errors.requestTimeExceeded();
    const headers: Record<string, string> = { 'user-agent': USER_AGENT };
    const given = (o.headers ?? {}) as Record<string, unknown>;
    for (const [name, value] of Object.entries(given)) {
      if (BLOCKED_HEADERS.has(name.toLowerCase()) || value === undefined || value === null) continue;
      headers[name.toLowerCase() === 'user-agent' ? 'user-agent' : name] = text(value, credentials);
    }
    let body: Buffer | undefined;
    if (o.body !== undefined && o.body !== null && method !== 'GET' && method !== 'HEAD') {
      const raw = exec.realm.unwrap(o.body);
      const isForm = typeof raw === 'object' && !(raw instanceof SecureString);
      const bodyText = isForm
        ? new URLSearchParams(Object.entries(raw as Record<string, unknown>).map(([k, v]): [string, string] => [k, String(v)])).toString()
        : text(o.body, credentials);
      body = Buffer.from(bodyText, 'utf8');
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
        headers['content-type'] = isForm ? 'application/x-www-form-urlencoded; charset=UTF-8' : 'text/plain; charset=UTF-8';
      }
    }
    const response = core.http.request({ method, url, headers, body });
    if (response.latencyMs !== undefined && response.latencyMs > 0 && isVirtual(core.clock)) {
      const limit = core.http.timeouts.totalMs;
      core.clock.advance(Math.min(response.latencyMs, limit));
      if (response.latencyMs > limit) throw errors.requestTimeExceeded();
    }
    return new ClientResponse(response.status, response.body.toString('utf8'), response.headers);
  };

  return withPromises({
    Method,
    Encoding,
    HashAlg,
    CacheDuration: { UNIQUE: 'UNIQUE', SHORT: 'SHORT', MEDIUM: 'MEDIUM', LONG: 'LONG' },
    RedirectType: { RECORD: 'RECORD', SUITELET: 'SUITELET', RESTLET: 'RESTLET', MEDIA_ITEM: 'MEDIAITEM', TASK_LINK: 'TASKLINK' },
    get: (options: unknown) => send('get', options, 'GET'),
    post: (options: unknown) => send('post', options, 'POST'),
    put: (options: unknown) => send('put', options, 'PUT'),
    delete: (options: unknown) => send('delete', options, 'DELETE'),
    request: (options: unknown) => send('request', options),
    createSecureString(options: unknown) {
      const o = (options ?? {}) as Record<string, unknown>;
      if (o.input === undefined || o.input === null) throw errors.missingArgument('https.createSecureString', 'input');
      return new SecureString(exec, String(o.input), (String(o.inputEncoding ?? 'UTF_8').toUpperCase() as 'UTF_8') ?? 'UTF_8');
    },
    createSecretKey(options: unknown) {
      return makeSecretKey(exec, options, 'https.createSecretKey');
    },
    requestRestlet(options: unknown) {
      const o = (options ?? {}) as Record<string, unknown>;
      if (!o.scriptId) throw errors.missingArgument('https.requestRestlet', 'scriptId');
      if (!o.deploymentId) throw errors.missingArgument('https.requestRestlet', 'deploymentId');
      exec.meter.charge('https.requestRestlet', UNIT_COSTS.https);
      const headers = Object.fromEntries(Object.entries((o.headers ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
      const r = core.callRestlet({
        scriptId: String(o.scriptId),
        deploymentId: String(o.deploymentId),
        method: String(o.method ?? (o.body !== undefined ? 'POST' : 'GET')).toUpperCase(),
        body: o.body === undefined ? undefined : typeof o.body === 'string' ? o.body : JSON.stringify(o.body),
        headers,
        urlParams: Object.fromEntries(Object.entries((o.urlParams ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)])),
      });
      return new ClientResponse(r.status, r.body, r.headers);
    },
    requestSuitelet() {
      throw errors.unsupported('https.requestSuitelet');
    },
    requestSuiteTalkRest() {
      throw errors.unsupported('https.requestSuiteTalkRest');
    },
  });
}
