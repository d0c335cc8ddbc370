/**
 * Runs in a worker thread (started by thread.ts): a Shopify store served on its own port. The
 * NetSuite stand-in's N/https blocks its thread while it calls Shopify, so the store cannot share
 * that thread. The clock is shared through a SharedArrayBuffer; after the other thread moves it,
 * a `runDue` message runs the timers (webhook retries, late deliveries) that fell due.
 */
import { parentPort, workerData } from 'worker_threads';
import { RealClock, VirtualClock, type Clock } from '../clock';
import { serve } from '../http';
import { createShopifyStore } from './store';
import type { WorkerConfig, WorkerMessage, WorkerReply } from './thread';

async function main(): Promise<void> {
  const config = workerData as WorkerConfig;
  const clock: Clock = config.clockBuffer ? new VirtualClock(0, config.clockBuffer) : new RealClock();
  const store = createShopifyStore({ clock, shops: config.shops, defaultShop: config.defaultShop, webhooks: config.webhooks, maxQueryCost: config.maxQueryCost });
  const server = await serve(store.handlers, config.port ?? 0, config.host ?? '127.0.0.1');
  const reply = (message: WorkerReply) => parentPort!.postMessage(message);
  parentPort!.on('message', (message: WorkerMessage) => {
    void (async () => {
      try {
        if (message.type === 'runDue') {
          if (clock instanceof VirtualClock) clock.runDue();
          await store.webhooks.idle();
        } else if (message.type === 'close') {
          await server.close();
        }
        reply({ type: 'done', id: message.id });
        if (message.type === 'close') parentPort!.close();
      } catch (e) {
        reply({ type: 'failed', id: message.id, message: (e as Error).stack ?? String(e) });
      }
    })();
  });
  reply({ type: 'ready', url: server.url, port: server.port });
}

main().catch((e: Error) => parentPort!.postMessage({ type: 'startFailed', message: e.stack ?? String(e) } satisfies WorkerReply));
