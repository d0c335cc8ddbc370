/**
 * The sandbox's HTTP plumbing: stand-ins expose handlers over a small request/response shape, and
 * one server serves any number of them on one port (the local Shopify store and the local NetSuite
 * account share a port, as DESIGN.md describes). Handlers return undefined for paths they do not own.
 */
import http from 'http';
import type { AddressInfo } from 'net';

export interface SandboxRequest {
  method: string;
  /** Path without the query string, like /admin/api/2026-10/graphql.json. */
  path: string;
  query: URLSearchParams;
  /** Header names lower-cased. */
  headers: Record<string, string | undefined>;
  /** The raw body, byte for byte (webhook HMACs are over these bytes). */
  body: Buffer;
}

export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  /** A string or Buffer is sent as is; anything else as JSON. */
  body?: unknown;
  /**
   * Socket-level behaviour for fault injection: wait before answering, drop the connection, or
   * take over the raw response.
   */
  delayMs?: number;
  reset?: boolean;
}

export type Handler = (req: SandboxRequest) => SandboxResponse | undefined | Promise<SandboxResponse | undefined>;

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

function send(res: http.ServerResponse, response: SandboxResponse) {
  // A delayed answer can outlive its connection (the client timed out, the server closed).
  if (res.destroyed) return;
  if (response.reset) {
    res.socket?.destroy();
    return;
  }
  const isRaw = typeof response.body === 'string' || Buffer.isBuffer(response.body);
  const payload = response.body === undefined ? '' : isRaw ? (response.body as string | Buffer) : JSON.stringify(response.body);
  const headers: Record<string, string> = { ...(response.headers ?? {}) };
  if (!isRaw && response.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    headers['Content-Type'] = 'application/json; charset=utf-8';
  }
  res.writeHead(response.status, headers);
  res.end(payload);
}

/** Serves the handlers on 127.0.0.1 (port 0 picks a free one). The first handler that answers wins. */
export function serve(handlers: Handler[], port = 0, host = '127.0.0.1'): Promise<RunningServer> {
  const delayed = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://sandbox');
      const headers: Record<string, string | undefined> = {};
      for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
      const request: SandboxRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers, body: Buffer.concat(chunks) };
      try {
        let response: SandboxResponse | undefined;
        for (const handler of handlers) {
          response = await handler(request);
          if (response) break;
        }
        response ??= { status: 404, body: { errors: `Not Found: ${request.method} ${request.path}` } };
        if (response.delayMs) {
          const timer = setTimeout(() => {
            delayed.delete(timer);
            send(res, response!);
          }, response.delayMs);
          delayed.add(timer);
        } else send(res, response);
      } catch (e) {
        send(res, { status: 500, body: { errors: `sandbox handler failed: ${(e as Error).message}` } });
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'EADDRINUSE' ? new Error(`port ${port} on ${host} is in use: stop what holds it, or pick another port (--port)`) : e),
    );
    server.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      resolve({
        url: `http://${host}:${address.port}`,
        port: address.port,
        close: () => new Promise<void>((done) => {
          for (const timer of delayed) clearTimeout(timer);
          delayed.clear();
          server.closeAllConnections?.();
          server.close(() => done());
        }),
      });
    });
  });
}
