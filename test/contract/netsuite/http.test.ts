/**
 * The local NetSuite account over HTTP, through its Handlers served on a port (the port it will share
 * with the local Shopify store): RESTlets and Suitelets at NetSuite's URLs with a bearer token standing
 * in for OAuth 2.0, the SuiteQL REST endpoint in NetSuite's shape, and the control API.
 */
import { serve, type RunningServer } from '../../../sandbox/http';
import type { NetSuiteAccount } from '../../../sandbox/netsuite/account';
import { fixtureAccount } from '../../support/netsuiteFixtures';

let account: NetSuiteAccount;
let server: RunningServer;
const auth = { Authorization: 'Bearer sandbox-token' };

beforeEach(async () => {
  account = await fixtureAccount();
  server = await serve(account.handlers());
});
afterEach(async () => {
  await server.close();
  await account.close();
});

async function call(method: string, path: string, options: { body?: string | object | Uint8Array; headers?: Record<string, string> } = {}) {
  const raw = options.body instanceof Uint8Array;
  const body = options.body === undefined ? undefined : raw || typeof options.body === 'string' ? (options.body as string | Uint8Array) : JSON.stringify(options.body);
  const headers = { ...(typeof options.body === 'object' && !raw ? { 'Content-Type': 'application/json' } : {}), ...(options.headers ?? {}) };
  const response = await fetch(`${server.url}${path}`, { method, body, headers });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json: json as Record<string, any>, contentType: response.headers.get('content-type') }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const echoScript = () => account.catalog.script('customscript_sbx_echo')!;

describe('RESTlets at /app/site/hosting/restlet.nl', () => {
  it('need a bearer token (401 INVALID_LOGIN_ATTEMPT without one)', async () => {
    const r = await call('GET', '/app/site/hosting/restlet.nl?script=customscript_sbx_echo&deploy=customdeploy_sbx_echo');
    expect(r).toMatchObject({ status: 401, json: { error: { code: 'INVALID_LOGIN_ATTEMPT', message: 'Invalid login attempt.' } } });
  });

  it('take token-based authentication too, checking the token but not the signature', async () => {
    const tba = { Authorization: 'OAuth realm="TSTDRV1234567", oauth_consumer_key="ck", oauth_token="sandbox-token", oauth_signature="x"', 'Content-Type': 'application/json' };
    expect((await call('GET', '/app/site/hosting/restlet.nl?script=customscript_sbx_echo&deploy=customdeploy_sbx_echo', { headers: tba })).status).toBe(200);
    expect((await call('GET', '/app/site/hosting/restlet.nl?script=customscript_sbx_echo&deploy=customdeploy_sbx_echo', { headers: { ...tba, Authorization: tba.Authorization.replace('sandbox-token', 'other') } })).status).toBe(401);
  });

  it('are found by internal ids or script ids; JSON bodies arrive as objects, text/plain as strings', async () => {
    const byIds = await call('POST', `/app/site/hosting/restlet.nl?script=${echoScript().internalId}&deploy=1`, { body: { hello: 'world' }, headers: auth });
    expect(byIds).toMatchObject({ status: 200, json: { received: { hello: 'world' }, type: 'object' } });
    const text = await call('POST', '/app/site/hosting/restlet.nl?script=customscript_sbx_echo&deploy=customdeploy_sbx_echo', { body: 'plain', headers: { ...auth, 'Content-Type': 'text/plain' } });
    expect(text).toMatchObject({ status: 200, text: 'text:plain' });
    expect(text.contentType).toMatch(/^text\/plain/);
  });

  it('a body without Content-Type gets 415; an uncaught error 400 with NetSuite\'s error body', async () => {
    const path = '/app/site/hosting/restlet.nl?script=customscript_sbx_echo&deploy=customdeploy_sbx_echo';
    expect((await call('POST', path, { body: new TextEncoder().encode('{"a":1}'), headers: auth })).status).toBe(415);
    const error = await call('POST', path, { body: { action: 'throw', message: 'Unknown shop' }, headers: auth });
    expect(error.status).toBe(400);
    expect(error.json.error.code).toBe('SBX_BAD_INPUT');
    expect(JSON.parse(error.json.error.message)).toMatchObject({ type: 'error.SuiteScriptError', name: 'SBX_BAD_INPUT', message: 'Unknown shop' });
  });

  it('an unknown script or deployment is refused', async () => {
    const r = await call('GET', '/app/site/hosting/restlet.nl?script=customscript_nope&deploy=1', { headers: auth });
    expect(r).toMatchObject({ status: 400, json: { error: { code: 'SSS_INVALID_SCRIPTLET_ID' } } });
  });
});

describe('Suitelets at /app/site/hosting/scriptlet.nl', () => {
  it('need a login unless the deployment is available without login', async () => {
    const script = account.catalog.script('customscript_sbx_form')!.internalId;
    expect((await call('GET', `/app/site/hosting/scriptlet.nl?script=${script}&deploy=1&name=Ada`)).status).toBe(401);
    expect(await call('GET', `/app/site/hosting/scriptlet.nl?script=${script}&deploy=1&name=Ada`, { headers: auth })).toMatchObject({ status: 200, text: '<p>Hello Ada</p>' });
    expect(await call('GET', `/app/site/hosting/scriptlet.nl?script=${script}&deploy=2&name=Bo`)).toMatchObject({ status: 200, text: '<p>Hello Bo</p>' });
  });

  it('open in a browser after /sandbox/netsuite/login, the stand-in for a UI session', async () => {
    const script = account.catalog.script('customscript_sbx_form')!.internalId;
    const target = `/app/site/hosting/scriptlet.nl?script=${script}&deploy=1&name=Ada`;
    expect((await fetch(`${server.url}/sandbox/netsuite/login?token=wrong`, { redirect: 'manual' })).status).toBe(401);
    const login = await fetch(`${server.url}/sandbox/netsuite/login?token=sandbox-token&next=${encodeURIComponent(target)}`, { redirect: 'manual' });
    expect(login.status).toBe(302);
    expect(login.headers.get('location')).toBe(target);
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    expect(await call('GET', target, { headers: { Cookie: cookie } })).toMatchObject({ status: 200, text: '<p>Hello Ada</p>' });
    // The session opens Suitelets, not RESTlets (they take OAuth or token-based authentication).
    expect((await call('GET', `/app/site/hosting/restlet.nl?script=${echoScript().internalId}&deploy=1`, { headers: { Cookie: cookie } })).status).toBe(401);
  });
});

describe('SuiteQL at /services/rest/query/v1/suiteql', () => {
  beforeEach(() => {
    for (let i = 1; i <= 3; i++) account.records.seed('location', { name: `L${i}`, externalid: i === 2 ? undefined : `ext-${i}` } as Record<string, unknown>);
  });

  it('answers in NetSuite\'s shape: values as strings, nulls left out, paging with links, hasMore and totalResults', async () => {
    const q = { q: 'SELECT id, name, externalid FROM location ORDER BY id' };
    const first = await call('POST', '/services/rest/query/v1/suiteql?limit=2', { body: q, headers: { ...auth, Prefer: 'transient' } });
    expect(first.json).toEqual({
      links: [
        { rel: 'self', href: '/services/rest/query/v1/suiteql?limit=2&offset=0' },
        { rel: 'next', href: '/services/rest/query/v1/suiteql?limit=2&offset=2' },
      ],
      count: 2,
      hasMore: true,
      items: [
        { links: [], id: '1', name: 'L1', externalid: 'ext-1' },
        { links: [], id: '2', name: 'L2' },
      ],
      offset: 0,
      totalResults: 3,
    });
    const last = await call('POST', '/services/rest/query/v1/suiteql?limit=2&offset=2', { body: q, headers: auth });
    expect(last.json).toMatchObject({ count: 1, hasMore: false, offset: 2, totalResults: 3, items: [{ id: '3' }] });
  });

  it('refuses a limit over 1,000 and a bad query with o:errorDetails', async () => {
    const big = await call('POST', '/services/rest/query/v1/suiteql?limit=1001', { body: { q: 'SELECT id FROM location' }, headers: auth });
    expect(big.status).toBe(400);
    expect(big.json['o:errorDetails'][0]['o:errorCode']).toBe('INVALID_PARAMETER');
    const bad = await call('POST', '/services/rest/query/v1/suiteql', { body: { q: 'SELECT nope FROM location' }, headers: auth });
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({
      type: 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.1',
      title: 'Bad Request',
      status: 400,
      'o:errorDetails': [
        {
          detail: "Invalid search query. Detailed unprocessed description follows. Search error occurred: Unknown identifier 'nope'. Available identifiers are: {location=location}.",
          'o:errorQueryParam': 'q',
          'o:errorCode': 'INVALID_PARAMETER',
        },
      ],
    });
    expect((await call('POST', '/services/rest/query/v1/suiteql', { body: { q: 'SELECT id FROM location' } })).status).toBe(401);
  });
});

describe('the control API under /sandbox/netsuite', () => {
  it('seeds and inspects records, saves as a user (user events fire) and transforms', async () => {
    const customer = (await call('POST', '/sandbox/netsuite/records/customer', { body: { values: { companyname: 'Acme' } } })).json.id;
    const item = (await call('POST', '/sandbox/netsuite/records/inventoryitem', { body: { values: { itemid: 'W' } } })).json.id;
    const location = (await call('POST', '/sandbox/netsuite/records/location', { body: { values: { name: 'Main' } } })).json.id;
    expect((await call('POST', '/sandbox/netsuite/inventory', { body: { item, location, onHand: 4 } })).json).toMatchObject({ onHand: 4, available: 4 });
    const so = await call('POST', '/sandbox/netsuite/ui/salesorder', { body: { values: { entity: customer, orderstatus: 'B', location }, sublists: { item: [{ item, quantity: 3, rate: 2 }] } } });
    expect(so.status).toBe(200);
    const saved = (await call('GET', `/sandbox/netsuite/records/salesorder/${so.json.id}`)).json;
    expect(saved.fields).toMatchObject({ memo: '| create in USERINTERFACE', status: 'Pending Fulfillment', total: 6 });
    const refused = await call('PATCH', `/sandbox/netsuite/ui/salesorder/${so.json.id}`, { body: { values: { memo: 'REFUSE' } } });
    expect(refused).toMatchObject({ status: 400, json: { error: { code: 'SBX_REFUSED', message: 'This order says REFUSE in its memo.' } } });
    const fulfillment = await call('POST', `/sandbox/netsuite/ui/salesorder/${so.json.id}/transform/itemfulfillment`, { body: {} });
    expect(fulfillment.status).toBe(200);
    expect((await call('GET', `/sandbox/netsuite/inventory?item=${item}&location=${location}`)).json).toMatchObject({ onHand: 1, committed: 0, available: 1 });
    expect((await call('POST', '/sandbox/netsuite/query', { body: { q: "SELECT status FROM transaction WHERE type = 'SalesOrd'" } })).json).toEqual([{ status: 'F' }]);
  });

  it('runs deployments and queued tasks, moves the clock, and reads governance, logs and email', async () => {
    const run = await call('POST', '/sandbox/netsuite/deployments/customdeploy_sbx_sweep/run', { body: {} });
    expect(run.json).toMatchObject({ status: 'COMPLETE', deploymentId: 'customdeploy_sbx_sweep' });
    expect((await call('GET', '/sandbox/netsuite/emails')).json).toEqual([expect.objectContaining({ subject: 'Sweep run 1' })]);
    expect((await call('GET', '/sandbox/netsuite/governance?scriptId=customscript_sbx_sweep')).json.units).toBeGreaterThan(0);
    const before = (await call('GET', '/sandbox/netsuite/clock')).json.now;
    const after = (await call('POST', '/sandbox/netsuite/clock/advance', { body: { ms: 15 * 60000 } })).json.now;
    expect(after - before).toBe(15 * 60000);
    expect((await call('GET', '/sandbox/netsuite/tasks')).json.instances.some((i: { deploymentId: string }) => i.deploymentId === 'customdeploy_sbx_tally_sched')).toBe(true);
    expect((await call('GET', '/sandbox/netsuite/logs?scriptId=customscript_sbx_tally')).json.length).toBeGreaterThan(0);
  });

  it('injects and clears faults, sets secrets, and resets the account', async () => {
    await call('POST', '/sandbox/netsuite/faults', { body: { kind: 'saveFails', recordType: 'location', error: { name: 'UNEXPECTED_ERROR', message: 'Try again' } } });
    expect((await call('GET', '/sandbox/netsuite/faults')).json).toHaveLength(1);
    const failed = await call('POST', '/sandbox/netsuite/ui/location', { body: { values: { name: 'Main' } } });
    expect(failed).toMatchObject({ status: 400, json: { error: { code: 'UNEXPECTED_ERROR', message: 'Try again' } } });
    expect((await call('POST', '/sandbox/netsuite/ui/location', { body: { values: { name: 'Main' } } })).status).toBe(200);
    const secret = await call('POST', '/sandbox/netsuite/secrets', { body: { id: 'custsecret_sbx_hook', value: 'hook-secret' } });
    expect(secret.json).toMatchObject({ id: 'custsecret_sbx_hook', guid: expect.stringMatching(/^[0-9a-f]{32}$/) });
    await call('POST', '/sandbox/netsuite/reset', { body: {} });
    expect((await call('GET', '/sandbox/netsuite/records/location')).json).toEqual([]);
  });
});
