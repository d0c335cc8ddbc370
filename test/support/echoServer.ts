/**
 * An HTTP server on another thread, for N/https tests: the script's thread blocks while it waits, so
 * the server it calls cannot share that thread (the same holds for the local Shopify store).
 * It answers every request with what it received, as JSON. Query parameters shape the answer:
 * `status=<code>`, `latency=<ms>` (sent as x-sandbox-latency-ms, the virtual latency header), `hang=1`
 * (never answer).
 */
import { Worker } from 'worker_threads';

const SOURCE = `
const { parentPort } = require('worker_threads');
const http = require('http');
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const url = new URL(req.url, 'http://echo');
    if (url.searchParams.get('hang')) return;
    const headers = { 'content-type': 'application/json', 'X-Echo': 'yes' };
    if (url.searchParams.get('latency')) headers['x-sandbox-latency-ms'] = url.searchParams.get('latency');
    res.writeHead(Number(url.searchParams.get('status') || 200), headers);
    res.end(JSON.stringify({ method: req.method, path: url.pathname, query: url.search, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') }));
  });
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
parentPort.on('message', (m) => { if (m === 'close') { server.closeAllConnections(); server.close(() => process.exit(0)); } });
`;

export interface EchoServer {
  url: string;
  close(): Promise<void>;
}

export function startEchoServer(): Promise<EchoServer> {
  const worker = new Worker(SOURCE, { eval: true });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (port: number) =>
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => worker.terminate().then(() => undefined),
      }),
    );
  });
}
