/**
 * A Handler that passes requests on to another server, byte for byte (Host and every other header
 * kept: the local Shopify store picks the shop by Host, and webhook HMACs are over the raw body).
 * `npm run serve` uses it to put the local Shopify store (in its own thread) and the relay behind
 * the same port as the local NetSuite account.
 */
import http from 'http';
import type { Handler, SandboxRequest, SandboxResponse } from './http';

// Hop-by-hop headers, and the length the serving side recomputes.
const NOT_FORWARDED = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'upgrade', 'proxy-connection']);

export function proxyTo(baseUrl: string, owns: (path: string) => boolean): Handler {
  const target = new URL(baseUrl);
  return (req: SandboxRequest) => {
    if (!owns(req.path)) return undefined;
    return forward(target, req);
  };
}

function forward(target: URL, req: SandboxRequest): Promise<SandboxResponse> {
  const query = req.query.toString();
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined && !NOT_FORWARDED.has(name)) headers[name] = value;
  headers['content-length'] = String(req.body.length);
  return new Promise((resolve) => {
    const outbound = http.request(
      { method: req.method, host: target.hostname, port: target.port, path: req.path + (query ? `?${query}` : ''), headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const out: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers)) if (value !== undefined && !NOT_FORWARDED.has(name)) out[name] = Array.isArray(value) ? value.join(', ') : value;
          resolve({ status: res.statusCode ?? 502, headers: out, body: Buffer.concat(chunks) });
        });
        res.on('error', () => resolve({ status: 502, body: { errors: 'sandbox proxy: the answer was cut off' } }));
      },
    );
    // A dropped connection on the other side (a `reset` fault) is dropped here too.
    outbound.on('error', () => resolve({ status: 502, reset: true }));
    outbound.end(req.body);
  });
}
