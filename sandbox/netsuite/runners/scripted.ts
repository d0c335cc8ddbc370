/**
 * Scheduled scripts (execute, 10,000 units, context.type SCHEDULED or ONDEMAND), RESTlets and
 * Suitelets.
 *
 * RESTlets behave as NetSuite documents them: GET and DELETE get the URL parameters; POST and PUT
 * need a Content-Type (415 without one, case-sensitive) and get a parsed object for application/json,
 * the raw string for text/plain; the response follows the request's format (text when the request has
 * no Content-Type, so a GET answering an object needs `Content-Type: application/json`); an uncaught error gives
 * HTTP 400 with `{"error": {"code": <name>, "message": <the SuiteScriptError as JSON>}}`, a caught one
 * whatever the script returns with 200. 5,000 units per request.
 */
import { asSuiteScriptError, serializeError, SuiteScriptError } from '../errors';
import { Execution, type AccountCore } from './execution';
import type { TaskInstance } from './scheduler';
import type { DeploymentInfo, ScriptInfo } from './scripts';

export function runScheduled(core: AccountCore, script: ScriptInfo, deployment: DeploymentInfo, instance: TaskInstance) {
  const exec = new Execution(core, script, deployment, { executionContext: 'SCHEDULED', params: instance.params });
  try {
    exec.invoke('execute', exec.realm.import({ type: instance.invocationType === 'SCHEDULED' ? 'SCHEDULED' : 'ONDEMAND' }));
    instance.result = { usage: exec.meter.used };
  } catch (e) {
    const error = asSuiteScriptError(e);
    core.logs.add({
      at: core.clock.now(),
      level: 'ERROR',
      title: error.name,
      details: error.message,
      scriptId: script.def.scriptid,
      deploymentId: deployment.scriptid,
      invocationId: exec.meter.record.id,
    });
    instance.status = 'FAILED';
    instance.result = { usage: exec.meter.used, error: serializeError(error) };
  }
}

export interface ScriptHttpRequest {
  method: string;
  params: Record<string, string>;
  headers: Record<string, string | undefined>;
  body: string;
  url: string;
}

export interface ScriptHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const ENTRY: Record<string, string> = { GET: 'get', POST: 'post', PUT: 'put', DELETE: 'delete' };

function errorBody(e: unknown): string {
  const error = asSuiteScriptError(e);
  return JSON.stringify({ error: { code: error.name, message: JSON.stringify(serializeError(error)) } });
}

function jsonError(status: number, code: string, message: string): ScriptHttpResponse {
  return { status, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: JSON.stringify({ error: { code, message } }) };
}

export function runRestlet(core: AccountCore, script: ScriptInfo, deployment: DeploymentInfo, request: ScriptHttpRequest): ScriptHttpResponse {
  const method = request.method.toUpperCase();
  const entry = ENTRY[method];
  const contentType = request.headers['content-type'];
  const type = contentType?.split(';')[0].trim();
  const needsBody = method === 'POST' || method === 'PUT';
  if (needsBody && !contentType) return jsonError(415, 'INVALID_CONTENT_TYPE', 'Content-Type is missing. Send application/json, application/xml or text/plain.');
  if (needsBody && type !== 'application/json' && type !== 'text/plain' && type !== 'application/xml') {
    return jsonError(415, 'INVALID_CONTENT_TYPE', `Content-Type ${contentType} is not supported. Send application/json, application/xml or text/plain.`);
  }
  if (!needsBody && request.body.length > 0) return jsonError(400, 'INVALID_REQUEST', `A ${method} request cannot carry a body.`);
  const exec = new Execution(core, script, deployment, { executionContext: 'RESTLET' });
  const asJson = type === 'application/json';
  const respond = (status: number, body: string) => ({ status, headers: { 'Content-Type': asJson ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8' }, body });
  try {
    if (!entry || !exec.has(entry)) {
      exec.end();
      return jsonError(405, 'METHOD_NOT_ALLOWED', `The RESTlet ${script.def.scriptid} has no ${entry ?? method.toLowerCase()} entry point.`);
    }
    let argument: unknown;
    if (needsBody) {
      if (asJson) {
        try {
          argument = exec.realm.parse(request.body);
        } catch {
          return respond(400, errorBody(new SuiteScriptError('INVALID_JSON', 'The request body is not valid JSON.')));
        }
      } else argument = request.body;
    } else argument = exec.realm.import({ ...request.params });
    const result = exec.invoke(entry, argument);
    if (typeof result === 'string') return respond(200, result);
    // Without application/json the answer must be text (also when the request has no body), and an
    // entry point must return something: NetSuite answers 400 INVALID_RETURN_DATA_FORMAT otherwise.
    if (result === undefined || !asJson) return respond(400, errorBody(new SuiteScriptError('INVALID_RETURN_DATA_FORMAT', 'Invalid data format. You should return text.')));
    return { status: 200, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: JSON.stringify(result) };
  } catch (e) {
    exec.end(e);
    return { status: 400, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: errorBody(e) };
  }
}

class ServerResponse {
  status = 200;
  readonly headers: Record<string, string> = {};
  private readonly chunks: string[] = [];
  write(options: unknown) {
    const output = options && typeof options === 'object' ? (options as Record<string, unknown>).output : options;
    this.chunks.push(String(output ?? ''));
  }
  writeLine(options: unknown) {
    this.write(options);
    this.chunks.push('\n');
  }
  setHeader(options: unknown, value?: unknown) {
    const o = options && typeof options === 'object' ? (options as Record<string, unknown>) : { name: options, value };
    this.headers[String(o.name)] = String(o.value);
  }
  addHeader(options: unknown, value?: unknown) {
    this.setHeader(options, value);
  }
  getHeader(options: unknown) {
    const name = String(options && typeof options === 'object' ? (options as Record<string, unknown>).name : options);
    return this.headers[name] ?? null;
  }
  sendRedirect(options: unknown) {
    const o = (options ?? {}) as Record<string, unknown>;
    this.status = 302;
    this.headers.Location = String(o.url ?? o.identifier ?? '/');
  }
  get body() {
    return this.chunks.join('');
  }
}

export function runSuitelet(core: AccountCore, script: ScriptInfo, deployment: DeploymentInfo, request: ScriptHttpRequest): ScriptHttpResponse {
  const exec = new Execution(core, script, deployment, { executionContext: 'SUITELET' });
  const response = new ServerResponse();
  const serverRequest = {
    method: request.method.toUpperCase(),
    parameters: { ...request.params },
    headers: Object.fromEntries(Object.entries(request.headers).filter(([, v]) => v !== undefined)) as Record<string, string>,
    body: request.body,
    url: request.url,
    clientIpAddress: '127.0.0.1',
    files: {},
    getLineCount: () => -1,
    getSublistValue: () => null,
  };
  try {
    exec.invoke('onRequest', exec.realm.import({ request: serverRequest, response: exec.realm.expose(response) }));
    return { status: response.status, headers: { 'Content-Type': 'text/html; charset=utf-8', ...response.headers }, body: response.body };
  } catch (e) {
    exec.end(e);
    const error = asSuiteScriptError(e);
    return { status: 500, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: `<html><body><h1>An unexpected error occurred</h1><p>${error.name}: ${escapeHtml(error.message)}</p></body></html>` };
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
