/**
 * Starts the local Shopify store in a worker thread, serving HTTP on 127.0.0.1, and returns its
 * URL. Tests then drive it only over HTTP (Admin API and control API), as the local NetSuite
 * account will: its N/https calls block their own thread, so the store must answer from another.
 *
 * @example
 *   const clock = new VirtualClock();
 *   const shopify = await startShopifyThread({ clock, shops: [demoShop()] });
 *   await fetch(`${shopify.url}/admin/api/2026-10/graphql.json`, { ... Host: 'acme-b2b.myshopify.com' ... });
 *   clock.advance(60_000);
 *   await shopify.runDue();          // the worker runs the timers that fell due (webhook retries)
 *   await shopify.close();
 *
 * The worker loads the TypeScript sources through tsx's CommonJS hook: jest's transform does not
 * reach worker threads.
 */
import path from 'path';
import { Worker } from 'worker_threads';
import type { VirtualClock } from '../clock';
import type { ShopSeed } from './seed';
import type { DeliveryOptions } from './webhooks/delivery';

export interface ShopifyThreadOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  host?: string;
  shops?: ShopSeed[];
  defaultShop?: string;
  /** Share this clock with the worker; without one the worker runs on real time. */
  clock?: VirtualClock;
  webhooks?: DeliveryOptions;
  maxQueryCost?: number;
}

export interface WorkerConfig extends Omit<ShopifyThreadOptions, 'clock'> {
  clockBuffer?: SharedArrayBuffer;
}

export type WorkerMessage = { type: 'runDue' | 'close'; id: number };
export type WorkerReply =
  | { type: 'ready'; url: string; port: number }
  | { type: 'done'; id: number }
  | { type: 'failed'; id: number; message: string }
  | { type: 'startFailed'; message: string };

export interface ShopifyThread {
  url: string;
  port: number;
  /** Runs the worker's timers that are due on the shared clock, and waits for their deliveries. */
  runDue(): Promise<void>;
  close(): Promise<void>;
}

const BOOTSTRAP = `
  require('tsx/cjs/api').register();
  require(require('worker_threads').workerData.__entry);
`;

export function startShopifyThread(options: ShopifyThreadOptions = {}): Promise<ShopifyThread> {
  const { clock, ...rest } = options;
  const config: WorkerConfig & { __entry: string } = { ...rest, clockBuffer: clock?.shareable(), __entry: path.join(__dirname, 'worker.ts') };
  const worker = new Worker(BOOTSTRAP, { eval: true, workerData: config });
  let next = 1;
  const pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  const send = (type: WorkerMessage['type']) =>
    new Promise<void>((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ type, id } satisfies WorkerMessage);
    });
  return new Promise((resolve, reject) => {
    worker.on('error', (e) => {
      reject(e);
      for (const p of pending.values()) p.reject(e);
    });
    worker.on('message', (message: WorkerReply) => {
      if (message.type === 'ready') {
        resolve({
          url: message.url,
          port: message.port,
          runDue: () => send('runDue'),
          close: async () => {
            await send('close');
            await worker.terminate();
          },
        });
      } else if (message.type === 'startFailed') {
        reject(new Error(`the Shopify store's worker failed to start:\n${message.message}`));
        void worker.terminate();
      } else {
        const waiter = pending.get(message.id);
        pending.delete(message.id);
        if (message.type === 'done') waiter?.resolve();
        else waiter?.reject(new Error(message.message));
      }
    });
  });
}
