/**
 * The account's HTTP front, as Handlers that share a port with the local Shopify store:
 *
 * - `/app/site/hosting/restlet.nl?script=…&deploy=…` — RESTlets (script and deploy by internal id or
 *   script id), `Authorization: Bearer <token>` standing in for OAuth 2.0 (401 otherwise);
 * - `/app/site/hosting/scriptlet.nl?script=…&deploy=…` — Suitelets (no login needed when the
 *   deployment is available without login);
 * - `POST /services/rest/query/v1/suiteql?limit=&offset=` with `{"q": "SELECT …"}` — NetSuite's
 *   SuiteQL REST shape (links, count, hasMore, items, offset, totalResults; values as strings, nulls
 *   left out; at most 1,000 per page);
 * - `/sandbox/netsuite/…` — the control API (seed, act as a user, run deployments, move the clock,
 *   read governance, logs and email, inject faults). See docs/sandbox.md.
 *
 * A RESTlet or Suitelet that calls out with N/https blocks this thread until the answer arrives, so
 * a server it calls must run on another thread or process.
 */
import type { Handler, SandboxRequest, SandboxResponse } from '../http';
import type { NetSuiteAccount } from './account';
import { UserActionError } from './account';
import { asSuiteScriptError, serializeError } from './errors';
import type { FaultRule } from './faults';
import type { ScriptHttpResponse } from './runners/scripted';

const INVALID_LOGIN = { error: { code: 'INVALID_LOGIN_ATTEMPT', message: 'Invalid login attempt.' } };
const SUITEQL_MAX_LIMIT = 1000;
const SUITEQL_MAX_RESULTS = 100000;

/**
 * OAuth 2.0 (`Bearer <token>`) or token-based authentication (`OAuth … oauth_token="<token>" …`):
 * the token must be one of the account's; TBA signatures are not checked.
 */
function authorized(account: NetSuiteAccount, req: SandboxRequest): boolean {
  const header = req.headers.authorization ?? '';
  const bearer = /^Bearer\s+(.+)$/i.exec(header);
  if (bearer) return account.tokens.includes(bearer[1].trim());
  const tba = /^OAuth\s.*\boauth_token="([^"]+)"/i.exec(header);
  return !!tba && account.tokens.includes(decodeURIComponent(tba[1]));
}

const SESSION_COOKIE = 'NS_SANDBOX_SESSION';

/** A browser logged in through /sandbox/netsuite/login (the stand-in for NetSuite's UI session): Suitelets only. */
function browserSession(account: NetSuiteAccount, req: SandboxRequest): boolean {
  const cookie = (req.headers.cookie ?? '').split(/;\s*/).find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  return !!cookie && account.tokens.includes(decodeURIComponent(cookie.slice(SESSION_COOKIE.length + 1)));
}

/** GET /sandbox/netsuite/login?token=…&next=/app/… : sets the session cookie and goes to `next`. */
function loginHandler(account: NetSuiteAccount): Handler {
  return (req) => {
    if (req.path !== '/sandbox/netsuite/login' || req.method !== 'GET') return undefined;
    const token = req.query.get('token') ?? '';
    if (!account.tokens.includes(token)) return { status: 401, body: INVALID_LOGIN };
    const next = req.query.get('next') ?? '/sandbox/netsuite';
    if (!next.startsWith('/')) return { status: 400, body: { error: { code: 'INVALID_PARAMETER', message: 'next must be a path on this server, like /app/site/hosting/scriptlet.nl?…' } } };
    return { status: 302, headers: { Location: next, 'Set-Cookie': `${SESSION_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Lax` }, body: '' };
  };
}

function fromScript(r: ScriptHttpResponse): SandboxResponse {
  return { status: r.status, headers: r.headers, body: r.body };
}

function params(req: SandboxRequest): Record<string, string> {
  return Object.fromEntries(req.query.entries());
}

function restletHandler(account: NetSuiteAccount): Handler {
  return (req) => {
    if (req.path !== '/app/site/hosting/restlet.nl') return undefined;
    if (!authorized(account, req)) return { status: 401, body: INVALID_LOGIN };
    const script = req.query.get('script');
    const deploy = req.query.get('deploy');
    const found = script && deploy ? account.catalog.deployment(deploy, account.catalog.script(script)) : undefined;
    if (!found || !account.catalog.script(script!)) {
      return { status: 400, body: { error: { code: 'SSS_INVALID_SCRIPTLET_ID', message: 'That Suitelet is invalid, disabled, or no longer exists.' } } };
    }
    return fromScript(
      account.restlet(found.deployment.scriptid, {
        scriptId: found.script.def.scriptid,
        method: req.method,
        body: req.body.length ? req.body.toString('utf8') : undefined,
        contentType: req.headers['content-type'] ?? null,
        headers: Object.fromEntries(Object.entries(req.headers).filter((e): e is [string, string] => e[1] !== undefined)),
        params: params(req),
      }),
    );
  };
}

function suiteletHandler(account: NetSuiteAccount): Handler {
  return (req) => {
    if (req.path !== '/app/site/hosting/scriptlet.nl') return undefined;
    const script = account.catalog.script(req.query.get('script') ?? '');
    const found = script ? account.catalog.deployment(req.query.get('deploy') ?? '', script) : undefined;
    if (!found) return { status: 400, headers: { 'Content-Type': 'text/html' }, body: 'SSS_INVALID_SCRIPTLET_ID: That Suitelet is invalid, disabled, or no longer exists.' };
    if (!found.deployment.availableWithoutLogin && !authorized(account, req) && !browserSession(account, req)) return { status: 401, body: INVALID_LOGIN };
    return fromScript(
      account.suitelet(found.deployment.scriptid, {
        method: req.method,
        body: req.body.toString('utf8'),
        headers: Object.fromEntries(Object.entries(req.headers).filter((e): e is [string, string] => e[1] !== undefined)),
        params: params(req),
      }),
    );
  };
}

function restError(status: number, code: string, detail: string, queryParam?: string): SandboxResponse {
  const titles: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 405: 'Method Not Allowed' };
  const sections: Record<number, string> = { 400: '15.5.1', 401: '15.5.2', 405: '15.5.6' };
  const details: Record<string, string> = { detail, 'o:errorCode': code };
  if (queryParam) details['o:errorQueryParam'] = queryParam;
  return {
    status,
    headers: { 'Content-Type': 'application/vnd.oracle.resource+json; type=error' },
    body: JSON.stringify({ type: `https://www.rfc-editor.org/rfc/rfc9110.html#section-${sections[status] ?? '15.5.1'}`, title: titles[status] ?? 'Bad Request', status, 'o:errorDetails': [details] }),
  };
}

function suiteqlHandler(account: NetSuiteAccount): Handler {
  return (req) => {
    if (req.path !== '/services/rest/query/v1/suiteql') return undefined;
    if (!authorized(account, req)) return restError(401, 'INVALID_LOGIN', 'Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI at Setup > Users/Roles > User Management > View Login Audit Trail.');
    if (req.method !== 'POST') return restError(405, 'INVALID_METHOD', 'Use POST with a {"q": "SELECT …"} body.');
    let body: { q?: unknown };
    try {
      body = JSON.parse(req.body.toString('utf8') || '{}');
    } catch {
      return restError(400, 'INVALID_CONTENT', 'The request body is not valid JSON.');
    }
    if (typeof body.q !== 'string' || !body.q.trim()) return restError(400, 'INVALID_PARAMETER', 'The q property is missing. Send {"q": "SELECT …"}.');
    const limit = req.query.has('limit') ? Number(req.query.get('limit')) : SUITEQL_MAX_LIMIT;
    const offset = req.query.has('offset') ? Number(req.query.get('offset')) : 0;
    if (!Number.isInteger(limit) || limit < 1 || limit > SUITEQL_MAX_LIMIT) return restError(400, 'INVALID_PARAMETER', `Invalid value for the limit query parameter: ${req.query.get('limit')}. Use 1 to 1000.`);
    if (!Number.isInteger(offset) || offset < 0) return restError(400, 'INVALID_PARAMETER', `Invalid value for the offset query parameter: ${req.query.get('offset')}.`);
    let result;
    try {
      result = account.runSuiteQL(body.q);
    } catch (e) {
      const error = asSuiteScriptError(e);
      return restError(400, 'INVALID_PARAMETER', `Invalid search query. Detailed unprocessed description follows. ${error.message}`, 'q');
    }
    const total = Math.min(result.rows.length, SUITEQL_MAX_RESULTS);
    const page = result.rows.slice(offset, Math.min(offset + limit, total));
    const base = `/services/rest/query/v1/suiteql`;
    const hasMore = offset + page.length < total;
    const links = [{ rel: 'self', href: `${base}?limit=${limit}&offset=${offset}` }];
    if (hasMore) links.push({ rel: 'next', href: `${base}?limit=${limit}&offset=${offset + limit}` });
    if (offset > 0) links.push({ rel: 'previous', href: `${base}?limit=${limit}&offset=${Math.max(0, offset - limit)}` });
    const items = page.map((row) => {
      const item: Record<string, unknown> = { links: [] };
      result.columns.forEach((c, i) => {
        if (row[i] !== null) item[c] = String(row[i]);
      });
      return item;
    });
    return { status: 200, body: { links, count: items.length, hasMore, items, offset, totalResults: total } };
  };
}

function json(req: SandboxRequest): Record<string, unknown> {
  const text = req.body.toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

function ok(body: unknown): SandboxResponse {
  return { status: 200, body: body === undefined ? { ok: true } : body };
}

/** The control API: a backdoor for tests and the demo, never used by the bundle. */
function controlHandler(account: NetSuiteAccount): Handler {
  const prefix = '/sandbox/netsuite';
  return (req) => {
    if (req.path !== prefix && !req.path.startsWith(`${prefix}/`)) return undefined;
    const parts = req.path.slice(prefix.length).split('/').filter(Boolean).map(decodeURIComponent);
    const m = req.method;
    try {
      const body = m === 'GET' || m === 'DELETE' ? {} : json(req);
      const [section, a, b, c, d] = parts;
      switch (section) {
        case undefined:
          return ok({ accountId: account.accountId, now: new Date(account.clock.now()).toISOString(), scripts: account.catalog.scripts.map((s) => ({ scriptId: s.def.scriptid, type: s.scriptType, internalId: s.internalId, deployments: s.deployments.map((x) => ({ deploymentId: x.scriptid, internalId: x.internalId, status: x.status })) })) });
        case 'reset':
          if (m !== 'POST') break;
          account.reset();
          return ok(undefined);
        case 'records':
          if (m === 'POST' && a && !b) return ok({ id: account.records.seed(a, (body.values ?? {}) as Record<string, unknown>, body.sublists as Record<string, Record<string, unknown>[]>) });
          if (m === 'GET' && a && b) {
            const snapshot = account.records.get(a, b);
            return snapshot ? ok(snapshot) : { status: 404, body: { error: { code: 'RCRD_DSNT_EXIST', message: 'That record does not exist.' } } };
          }
          if (m === 'GET' && a) return ok(account.records.list(a));
          break;
        case 'ui': {
          const values = (body.values ?? {}) as Record<string, unknown>;
          const sublists = (body.sublists ?? {}) as Record<string, Record<string, unknown>[]>;
          const context = typeof body.executionContext === 'string' ? body.executionContext : undefined;
          if (m === 'GET' && a && b && !c) {
            const { record, form } = account.ui.view(a, Number(b), context);
            return ok({ record, form: { fields: form.fields, buttons: form.buttons } });
          }
          if (m === 'POST' && a && !b) return ok({ id: account.ui.create(a, values, sublists, context) });
          if (m === 'PATCH' && a && b && !c) return ok({ id: account.ui.edit(a, Number(b), values, sublists, context) });
          if (m === 'POST' && a && b && c === 'xedit') return ok({ id: account.ui.inlineEdit(a, Number(b), values, context) });
          if (m === 'DELETE' && a && b) return ok({ id: account.ui.delete(a, Number(b), context) });
          if (m === 'POST' && a && b && c === 'transform' && d) return ok({ id: account.ui.transform(a, Number(b), d, values, sublists, context) });
          break;
        }
        case 'query':
          if (m === 'POST') return ok(account.query(String(body.q ?? ''), (body.params ?? []) as unknown[]));
          break;
        case 'deployments':
          if (m === 'POST' && a && b === 'run') return ok(account.runDeployment(a, (body.params ?? {}) as Record<string, unknown>));
          if (m === 'POST' && a && b === 'parameters') {
            account.setParameters(a, (body.values ?? {}) as Record<string, unknown>);
            return ok(undefined);
          }
          break;
        case 'tasks':
          if (m === 'GET') return ok({ pending: account.scheduler.pending(), instances: account.scheduler.instances });
          if (m === 'POST' && a === 'run') return ok({ ran: account.runQueued() });
          break;
        case 'clock':
          if (m === 'GET') return ok({ now: account.clock.now(), iso: new Date(account.clock.now()).toISOString() });
          if (m === 'POST' && a === 'advance') {
            if (typeof body.to === 'string' || typeof body.to === 'number') account.advanceTo(typeof body.to === 'string' ? Date.parse(body.to) : body.to);
            else account.advance(Number(body.ms ?? 0));
            return ok({ now: account.clock.now(), iso: new Date(account.clock.now()).toISOString() });
          }
          break;
        case 'governance':
          if (m === 'GET') {
            const q = { scriptId: req.query.get('scriptId') ?? undefined, deploymentId: req.query.get('deploymentId') ?? undefined };
            return ok({ units: account.governance.units(q), invocations: account.governance.select(q) });
          }
          break;
        case 'logs':
          if (m === 'GET') return ok(account.logs.filter((l) => !req.query.get('scriptId') || l.scriptId === req.query.get('scriptId')));
          break;
        case 'emails':
          if (m === 'GET') return ok(account.emails);
          break;
        case 'warnings':
          if (m === 'GET') return ok(account.warnings);
          break;
        case 'http':
          if (m === 'GET') return ok(account.http.history);
          break;
        case 'faults':
          if (m === 'GET') return ok(account.faults.list());
          if (m === 'POST') return ok(account.addFault(body as unknown as FaultRule));
          if (m === 'DELETE') {
            account.faults.clear();
            return ok(undefined);
          }
          break;
        case 'secrets':
          if (m === 'POST') {
            const secret = account.secrets.set(String(body.id), String(body.value), body.allowedScripts as string[] | undefined);
            return ok({ id: secret.scriptId, guid: secret.guid });
          }
          break;
        case 'routes':
          if (m === 'POST') {
            account.route(String(body.host), String(body.target));
            return ok(undefined);
          }
          break;
        case 'inventory':
          if (m === 'GET') return ok(account.inventory.level(Number(req.query.get('item')), Number(req.query.get('location'))));
          if (m === 'POST') {
            account.inventory.setOnHand(Number(body.item), Number(body.location), Number(body.onHand));
            return ok(account.inventory.level(Number(body.item), Number(body.location)));
          }
          break;
        default:
          break;
      }
      return { status: 404, body: { error: { code: 'NOT_FOUND', message: `No control endpoint ${m} ${req.path}` } } };
    } catch (e) {
      const error = e instanceof UserActionError ? e.error : serializeError(asSuiteScriptError(e));
      return { status: 400, body: { error: { code: error.name, message: error.message } } };
    }
  };
}

export function netsuiteHandlers(account: NetSuiteAccount): Handler[] {
  return [restletHandler(account), suiteletHandler(account), suiteqlHandler(account), loginHandler(account), controlHandler(account)];
}
