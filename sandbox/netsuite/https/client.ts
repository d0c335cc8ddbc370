/**
 * Synchronous HTTP for N/https: SuiteScript's https.get/post/request block until the response, so
 * the script's thread waits with Atomics.wait while a worker thread (worker.js) makes a real request.
 * The server called must therefore run on another thread or process.
 *
 * Host routing works like /etc/hosts: a host name (acme-b2b.myshopify.com) can be routed to a local
 * address (http://127.0.0.1:PORT); the request keeps its Host header, path, query and headers.
 * Unrouted hosts get real network requests.
 *
 * NetSuite's limits are 5 s to connect and 45 s in all; both raise SSS_REQUEST_TIME_EXCEEDED and are
 * configurable per account so tests can use short ones. A stand-in server can also declare a
 * *virtual* latency with the `x-sandbox-latency-ms` response header: on a virtual clock the account's
 * time moves on by that much, and past the limit the call raises SSS_REQUEST_TIME_EXCEEDED, without
 * any real waiting.
 */
import path from 'path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'worker_threads';
import { errors } from '../errors';

export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: Buffer;
}

export interface HttpResponse {
  status: number;
  /** Header names as the server sent them. */
  headers: Record<string, string>;
  body: Buffer;
  /** Virtual latency the server declared (ms), if any. */
  latencyMs?: number;
}

export interface HttpTimeouts {
  connectMs: number;
  totalMs: number;
}

export const NETSUITE_TIMEOUTS: HttpTimeouts = { connectMs: 5000, totalMs: 45000 };

interface WorkerResult {
  status?: number;
  rawHeaders?: string[];
  body?: string;
  error?: 'CONNECT_TIMEOUT' | 'TIMEOUT' | 'NETWORK' | 'INVALID_URL';
  message?: string;
  code?: string;
}

export class SyncHttpClient {
  private worker: Worker | undefined;
  readonly routes = new Map<string, string>();
  /**
   * Every request made, with the response status (for inspection; bodies are not kept). A request
   * that timed out says which limit ended it: `connect` (no connection in connectMs) or `total`.
   */
  readonly history: { at: number; method: string; url: string; routedTo?: string; status?: number; error?: string; timeout?: 'connect' | 'total' }[] = [];

  constructor(
    public timeouts: HttpTimeouts,
    private readonly now: () => number,
  ) {}

  route(host: string, target: string) {
    this.routes.set(host.toLowerCase(), target.replace(/\/$/, ''));
  }

  private ensureWorker(): Worker {
    if (!this.worker) {
      this.worker = new Worker(path.join(__dirname, 'worker.js'));
      this.worker.unref();
    }
    return this.worker;
  }

  /** Performs the request, blocking this thread; throws SuiteScriptErrors for timeouts and network failures. */
  request(req: HttpRequest): HttpResponse {
    const url = new URL(req.url);
    const routed = this.routes.get(url.host.toLowerCase()) ?? this.routes.get(url.hostname.toLowerCase());
    const target = routed ? `${routed}${url.pathname}${url.search}` : req.url;
    const headers: Record<string, string> = { ...req.headers };
    if (routed) headers.host = url.host;
    const entry: (typeof this.history)[number] = { at: this.now(), method: req.method, url: req.url, routedTo: routed ? target : undefined };
    this.history.push(entry);

    const signal = new SharedArrayBuffer(4);
    const flag = new Int32Array(signal);
    const { port1, port2 } = new MessageChannel();
    this.ensureWorker().postMessage(
      {
        request: {
          method: req.method,
          url: target,
          headers,
          body: req.body?.toString('base64'),
          connectTimeoutMs: this.timeouts.connectMs,
          timeoutMs: this.timeouts.totalMs,
        },
        port: port2,
        signal,
      },
      [port2],
    );
    const waited = Atomics.wait(flag, 0, 0, this.timeouts.totalMs + 5000);
    const message = receiveMessageOnPort(port1)?.message as WorkerResult | undefined;
    port1.close();
    if (waited === 'timed-out' || !message) {
      entry.error = 'SSS_REQUEST_TIME_EXCEEDED';
      entry.timeout = 'total';
      throw errors.requestTimeExceeded();
    }
    if (message.error === 'CONNECT_TIMEOUT' || message.error === 'TIMEOUT') {
      entry.error = 'SSS_REQUEST_TIME_EXCEEDED';
      entry.timeout = message.error === 'CONNECT_TIMEOUT' ? 'connect' : 'total';
      throw errors.requestTimeExceeded();
    }
    if (message.error) {
      entry.error = message.code ?? message.error;
      if (message.code === 'ENOTFOUND' || message.code === 'EAI_AGAIN') throw errors.unknownHost();
      throw errors.connectionClosed(message.message ?? message.error);
    }
    const responseHeaders: Record<string, string> = {};
    const raw = message.rawHeaders ?? [];
    for (let i = 0; i + 1 < raw.length; i += 2) {
      responseHeaders[raw[i]] = responseHeaders[raw[i]] === undefined ? raw[i + 1] : `${responseHeaders[raw[i]]}, ${raw[i + 1]}`;
    }
    entry.status = message.status;
    const latencyHeader = Object.entries(responseHeaders).find(([k]) => k.toLowerCase() === 'x-sandbox-latency-ms')?.[1];
    return {
      status: message.status ?? 0,
      headers: responseHeaders,
      body: Buffer.from(message.body ?? '', 'base64'),
      latencyMs: latencyHeader !== undefined ? Number(latencyHeader) : undefined,
    };
  }

  async close() {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }
}
