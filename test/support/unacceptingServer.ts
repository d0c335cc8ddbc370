/**
 * A local TCP port whose connections are never accepted, for N/https's connect limit. A server on
 * another thread listens with a backlog of 1 and then blocks its thread, so nothing ever calls
 * accept(); the two connections opened here fill the kernel's accept queue (backlog + 1 on Linux), and
 * the kernel drops the SYN of every later connection (net.ipv4.tcp_abort_on_overflow 0, the default),
 * which then waits in SYN_SENT for good. No timing is involved: the connection is never made.
 */
import net from 'net';
import { Worker } from 'worker_threads';

const SOURCE = `
const { parentPort, workerData } = require('worker_threads');
const net = require('net');
const server = net.createServer();
server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
  parentPort.postMessage(server.address().port);
  // Block this thread (no event loop, so no accept()) until the test lets go.
  Atomics.wait(new Int32Array(workerData), 0, 0);
  server.close();
});
`;

/** Connections the kernel completes on its own before the accept queue is full (backlog 1 → 2). */
const QUEUE_CAPACITY = 2;

export interface UnacceptingServer {
  /** http://127.0.0.1:PORT — a connection to it never completes. */
  url: string;
  close(): Promise<void>;
}

export async function startUnacceptingServer(): Promise<UnacceptingServer> {
  const release = new SharedArrayBuffer(4);
  const worker = new Worker(SOURCE, { eval: true, workerData: release });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', resolve);
  });
  const fillers: net.Socket[] = [];
  for (let i = 0; i < QUEUE_CAPACITY; i++) {
    const socket = net.connect({ port, host: '127.0.0.1' });
    fillers.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
  }
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const socket of fillers) socket.destroy();
      const flag = new Int32Array(release);
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
      await worker.terminate();
    },
  };
}
