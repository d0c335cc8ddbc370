/**
 * A webhook receiver for tests: a real HTTP endpoint on 127.0.0.1 that records every delivery
 * (raw body bytes and headers) and answers with whatever status the test chooses.
 */
import { serve, type RunningServer } from '../../../sandbox/http';

export interface Received {
  path: string;
  headers: Record<string, string | undefined>;
  rawBody: Buffer;
  json: Record<string, unknown>;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Status to answer the next deliveries with, one per delivery; 200 once they run out. */
  answers: number[];
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const answers: number[] = [];
  const server: RunningServer = await serve([
    (req) => {
      received.push({ path: req.path, headers: req.headers, rawBody: req.body, json: JSON.parse(req.body.toString('utf8')) as Record<string, unknown> });
      return { status: answers.shift() ?? 200, body: 'ok' };
    },
  ]);
  return { url: server.url, received, answers, close: () => server.close() };
}
