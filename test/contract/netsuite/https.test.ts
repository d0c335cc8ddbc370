/**
 * N/https in the local NetSuite account makes real, synchronous HTTP requests (the script's thread
 * waits; the server answers from another thread): host routing that keeps the Host header, HTTPS-only
 * URLs, NetSuite's connect and overall limits as SSS_REQUEST_TIME_EXCEEDED (a connection never
 * accepted; real and virtual latency), secrets that reach only the wire, and 10 units a call.
 */
import { VirtualClock } from '../../../sandbox/clock';
import type { NetSuiteAccount } from '../../../sandbox/netsuite/account';
import { startEchoServer, type EchoServer } from '../../support/echoServer';
import { fixtureAccount } from '../../support/netsuiteFixtures';
import { startUnacceptingServer } from '../../support/unacceptingServer';
import { thrown } from '../../support/thrown';

let echo: EchoServer;
let account: NetSuiteAccount;
let clock: VirtualClock;

beforeAll(async () => {
  echo = await startEchoServer();
});
afterAll(() => echo.close());
beforeEach(async () => {
  clock = new VirtualClock(Date.parse('2026-11-02T09:00:00Z'));
  account = await fixtureAccount({
    clock,
    http: { routes: { 'acme-b2b.myshopify.com': echo.url }, timeoutMs: 400 },
    secrets: { custsecret_sbx_token: 'tok-123', custsecret_sbx_hook: 'hook-secret' },
  });
});
afterEach(() => account.close());

interface Echoed {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  body: string;
}

describe('requests', () => {
  it('a routed host is reached at its local address with its own Host header, path, query and headers', () => {
    const result = account.console(({ https }, exec) => {
      const response = https.get({ url: 'https://acme-b2b.myshopify.com/admin/api/2026-10/shop.json?fields=id', headers: { 'X-Shopify-Access-Token': 'plain' } });
      return { code: response.code, body: JSON.parse(response.body) as Echoed, echoHeader: response.headers['X-Echo'], used: exec.meter.used };
    });
    expect(result.code).toBe(200);
    expect(result.body).toMatchObject({ method: 'GET', path: '/admin/api/2026-10/shop.json', query: '?fields=id' });
    expect(result.body.headers).toMatchObject({ host: 'acme-b2b.myshopify.com', 'x-shopify-access-token': 'plain', 'user-agent': expect.stringContaining('NetSuite') });
    expect(result.echoHeader).toBe('yes');
    expect(result.used).toBe(10);
    expect(account.http.history).toEqual([expect.objectContaining({ url: 'https://acme-b2b.myshopify.com/admin/api/2026-10/shop.json?fields=id', routedTo: `${echo.url}/admin/api/2026-10/shop.json?fields=id`, status: 200 })]);
  });

  it('posts string bodies as given and objects form-encoded; drops the headers NetSuite discards', () => {
    const [json, form] = account.console(({ https }) => [
      JSON.parse(https.post({ url: 'https://acme-b2b.myshopify.com/graphql.json', body: '{"query":"{ shop { id } }"}', headers: { 'Content-Type': 'application/json', Via: 'me', Connection: 'upgrade' } }).body),
      JSON.parse(https.request({ method: https.Method.PUT, url: 'https://acme-b2b.myshopify.com/form', body: { a: '1', b: 'x y' } }).body),
    ]) as Echoed[];
    expect(json).toMatchObject({ method: 'POST', body: '{"query":"{ shop { id } }"}' });
    expect(json.headers['content-type']).toBe('application/json');
    expect(json.headers.via).toBeUndefined();
    expect(json.headers.connection).not.toBe('upgrade');
    expect(form).toMatchObject({ method: 'PUT', body: 'a=1&b=x+y' });
    expect(form.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
  });

  it('refuses URLs that are not HTTPS (SSS_INVALID_URL) and reports a host that refuses the connection', () => {
    account.console(({ https }) => {
      expect(thrown(() => https.get({ url: 'http://acme-b2b.myshopify.com/' }))).toEqual({ name: 'SSS_INVALID_URL', message: 'The URL must be a fully qualified HTTPS URL.' });
      expect(thrown(() => https.get({ url: 'https://127.0.0.1:1/' })).name).toBe('SSS_CONNECTION_CLOSED');
      expect(thrown(() => https.get({ url: 'https://no-such-host.invalid/' })).name).toBe('SSS_UNKNOWN_HOST');
      expect(thrown(() => https.get({})).name).toBe('SSS_MISSING_REQD_ARGUMENT');
    });
  });
});

describe('timeouts', () => {
  it('a server that does not answer in time raises SSS_REQUEST_TIME_EXCEEDED (limits set per account)', () => {
    account.console(({ https }) => {
      expect(thrown(() => https.get({ url: 'https://acme-b2b.myshopify.com/slow?hang=1' }))).toEqual({
        name: 'SSS_REQUEST_TIME_EXCEEDED',
        message: 'The host you are trying to connect to has exceeded the maximum allowed response time.',
      });
    });
    expect(account.http.history).toEqual([expect.objectContaining({ error: 'SSS_REQUEST_TIME_EXCEEDED', timeout: 'total' })]);
  });

  it('a connection the host never accepts raises SSS_REQUEST_TIME_EXCEEDED at the connect limit, long before the overall one', async () => {
    // The port's accept queue is full, so the kernel drops the connection attempt: it never completes.
    const stuck = await startUnacceptingServer();
    const other = await fixtureAccount({ clock, http: { routes: { 'stuck.example.com': stuck.url }, connectTimeoutMs: 200, timeoutMs: 30000 } });
    try {
      other.console(({ https }) => {
        expect(thrown(() => https.get({ url: 'https://stuck.example.com/admin/api/2026-10/shop.json' }))).toEqual({
          name: 'SSS_REQUEST_TIME_EXCEEDED',
          message: 'The host you are trying to connect to has exceeded the maximum allowed response time.',
        });
      });
      // The connect limit, not the 30 s one, ended it (a connect limit that did not work would wait 30 s and say 'total').
      expect(other.http.history).toEqual([expect.objectContaining({ url: 'https://stuck.example.com/admin/api/2026-10/shop.json', error: 'SSS_REQUEST_TIME_EXCEEDED', timeout: 'connect' })]);
    } finally {
      await other.close();
      await stuck.close();
    }
  });

  it('a virtual latency moves the account clock; past the limit the call times out without real waiting', async () => {
    const other = await fixtureAccount({ clock, http: { routes: { 'acme-b2b.myshopify.com': echo.url } } }); // NetSuite's 45 s
    const start = clock.now();
    other.console(({ https }) => {
      expect(https.get({ url: 'https://acme-b2b.myshopify.com/?latency=2000' }).code).toBe(200);
      expect(clock.now() - start).toBe(2000);
      expect(thrown(() => https.get({ url: 'https://acme-b2b.myshopify.com/?latency=60000' })).name).toBe('SSS_REQUEST_TIME_EXCEEDED');
      expect(clock.now() - start).toBe(2000 + 45000);
    });
    await other.close();
  });

  it('an httpTimeout fault times out requests to a host without sending them', () => {
    account.addFault({ kind: 'httpTimeout', host: 'acme-b2b.myshopify.com', times: 1 });
    account.console(({ https }) => {
      expect(thrown(() => https.get({ url: 'https://acme-b2b.myshopify.com/' })).name).toBe('SSS_REQUEST_TIME_EXCEEDED');
      expect(https.get({ url: 'https://acme-b2b.myshopify.com/' }).code).toBe(200);
    });
    expect(account.http.history).toHaveLength(1);
  });
});

describe('secrets on the wire', () => {
  it('a SecureString with an API Secret placeholder is resolved only in the request', () => {
    const headers = account.console(({ https }) => {
      const token = https.createSecureString({ input: '{custsecret_sbx_token}' });
      expect(String(token)).not.toContain('tok-123');
      return (JSON.parse(https.get({ url: 'https://acme-b2b.myshopify.com/', headers: { 'X-Shopify-Access-Token': token } }).body) as Echoed).headers;
    });
    expect(headers['x-shopify-access-token']).toBe('tok-123');
  });

  it('credentials GUIDs in the body are replaced by their secrets', () => {
    const guid = account.secrets.get('custsecret_sbx_hook')!.guid;
    const body = account.console(({ https }) => (JSON.parse(https.post({ url: 'https://acme-b2b.myshopify.com/', body: `{"secret":"{${guid}}"}`, credentials: [guid] }).body) as Echoed).body);
    expect(body).toBe('{"secret":"hook-secret"}');
  });

  it('a RESTlet calls out with its token from an API Secret, and the token never reaches a log', () => {
    const response = account.restlet('customdeploy_sbx_echo', { method: 'POST', body: { action: 'fetch', url: 'https://acme-b2b.myshopify.com/admin/api/2026-10/graphql.json' } });
    const result = JSON.parse(response.body);
    expect(result.code).toBe(200);
    expect(JSON.parse(result.body).headers['x-token']).toBe('tok-123');
    expect(result.remainingUsage).toBe(5000 - 10);
    expect(account.secretLeaks()).toEqual([]);
  });
});
