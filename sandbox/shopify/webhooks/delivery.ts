/**
 * Webhook delivery as Shopify does it: an HTTP POST of the JSON payload to each subscription of
 * the topic, with Shopify's headers and an HMAC of the raw body; any 2xx answer is success; a
 * failure is retried "8 times over 4 hours using an exponential backoff schedule" (changelog
 * "updates-to-webhook-retry-mechanism") with the original payload. Retries wait on the store's
 * clock, so a VirtualClock plays four hours out instantly.
 *
 * The exact offsets are not published. Retry n (1..8) happens at 4 h × (2^n − 1) / 255 after the
 * event: about 56 s, 2.8 min, 6.6 min, 14 min, 29 min, 59 min, 2 h, then 4 h.
 * X-Shopify-Webhook-Id is one per delivery and kept across its retries (a retry is the same
 * delivery); X-Shopify-Event-Id is one per event and shared by the deliveries it caused.
 */
import { createHmac, randomUUID } from 'crypto';
import type { Clock } from '../../clock';
import type { DomainEvent, ShopState } from '../models/shop';
import type { WebhookSubscription } from '../models/types';
import type { FaultEngine } from '../faults';
import { buildPayload } from './payloads';

export const FOUR_HOURS_MS = 4 * 60 * 60 * 1000;
/** Offsets from the event at which retries 1..8 happen. */
export const RETRY_OFFSETS_MS = Array.from({ length: 8 }, (_, i) => Math.round((FOUR_HOURS_MS * (2 ** (i + 1) - 1)) / 255));

export function signWebhook(secret: string, body: string | Buffer): string {
  return createHmac('sha256', secret).update(body).digest('base64');
}

export type DeliveryState = 'scheduled' | 'held' | 'in_flight' | 'delivered' | 'failed' | 'dropped';

export interface DeliveryAttempt {
  at: string;
  status: number | null;
  error: string | null;
}

export interface Delivery {
  webhookId: string;
  eventId: string;
  shop: string;
  topic: string;
  subscriptionId: number;
  uri: string;
  apiVersion: string;
  triggeredAt: number;
  body: string;
  headers: Record<string, string>;
  state: DeliveryState;
  attempts: DeliveryAttempt[];
  nextAttemptAt: number | null;
  fault: string | null;
  /** For a duplicate: the delivery it repeats. */
  duplicateOf: string | null;
}

export interface DeliveryOptions {
  /** Offsets from the event for retries; default RETRY_OFFSETS_MS (8 retries over 4 hours). */
  retryOffsetsMs?: number[];
  /** Real-time limit per attempt (Shopify: reportedly 5 s in total). */
  timeoutMs?: number;
  /** Delete an API-made subscription after its deliveries fail every retry (reported, unverified). */
  removeSubscriptionAfterFailures?: boolean;
  /** How late a "late" fault makes the first attempt, by default. */
  lateByMs?: number;
}

export class WebhookDispatcher {
  readonly deliveries: Delivery[] = [];
  private inFlight = new Set<Promise<void>>();
  private held = new Map<number, Delivery[]>();
  private readonly offsets: number[];
  private cancelTimers: (() => void)[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly faults: FaultEngine,
    private readonly options: DeliveryOptions = {},
  ) {
    this.offsets = options.retryOffsetsMs ?? RETRY_OFFSETS_MS;
  }

  /** Called for every domain event of every shop. */
  onEvent(shop: ShopState, event: DomainEvent): void {
    let subscriptions: WebhookSubscription[] | undefined;
    for (const s of shop.webhookSubscriptions.values()) if (s.topic === event.topic) (subscriptions ??= []).push(s);
    if (!subscriptions) return;
    const payload = buildPayload(shop, event);
    if (!payload) return;
    const body = JSON.stringify(payload);
    const eventId = randomUUID();
    const triggeredAt = this.clock.now();
    for (const subscription of subscriptions) {
      const app = shop.apps.find((a) => a.id === subscription.appId) ?? shop.apps[0]!;
      const webhookId = randomUUID();
      const headers: Record<string, string> = {
        'Content-Type': 'application/json',
        'User-Agent': 'Shopify-Captain-Hook',
        'X-Shopify-Topic': event.topic,
        'X-Shopify-Hmac-Sha256': signWebhook(app.clientSecret, body),
        'X-Shopify-Shop-Domain': shop.domain,
        'X-Shopify-API-Version': subscription.apiVersion,
        'X-Shopify-Webhook-Id': webhookId,
        'X-Shopify-Event-Id': eventId,
        'X-Shopify-Triggered-At': new Date(triggeredAt).toISOString(),
      };
      if (subscription.name) headers['X-Shopify-Name'] = subscription.name;
      const delivery: Delivery = {
        webhookId, eventId, shop: shop.domain, topic: event.topic, subscriptionId: subscription.id, uri: subscription.uri, apiVersion: subscription.apiVersion,
        triggeredAt, body, headers, state: 'scheduled', attempts: [], nextAttemptAt: triggeredAt, fault: null, duplicateOf: null,
      };
      this.deliveries.push(delivery);
      const decision = this.faults.decide('webhook', { shop: shop.domain, topic: event.topic });
      delivery.fault = decision?.fault ?? null;
      switch (decision?.fault) {
        case 'drop':
          delivery.state = 'dropped';
          delivery.nextAttemptAt = null;
          break;
        case 'late':
          this.scheduleAt(delivery, triggeredAt + (decision.rule.delayMs ?? this.options.lateByMs ?? 10 * 60_000));
          break;
        case 'reorder':
          delivery.state = 'held';
          this.held.set(subscription.id, [...(this.held.get(subscription.id) ?? []), delivery]);
          // Released after the next delivery to the subscription, or after delayMs at the latest.
          this.cancelTimers.push(this.clock.setTimer(triggeredAt + (decision.rule.delayMs ?? 60_000), () => this.release(subscription.id, delivery)));
          break;
        default:
          this.attemptSoon(delivery, decision?.fault === 'duplicate');
      }
    }
  }

  private release(subscriptionId: number, only?: Delivery): void {
    const list = this.held.get(subscriptionId) ?? [];
    const releasing = only ? list.filter((d) => d === only) : list;
    this.held.set(subscriptionId, list.filter((d) => !releasing.includes(d)));
    for (const d of releasing) if (d.state === 'held') this.attemptSoon(d, false);
  }

  private scheduleAt(delivery: Delivery, at: number): void {
    delivery.state = 'scheduled';
    delivery.nextAttemptAt = at;
    this.cancelTimers.push(this.clock.setTimer(at, () => this.attemptSoon(delivery, false)));
  }

  /** Starts an attempt on the next turn of the event loop (never inside the mutation). */
  private attemptSoon(delivery: Delivery, thenDuplicate: boolean): void {
    const run = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.attempt(delivery, thenDuplicate));
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }

  private async attempt(delivery: Delivery, thenDuplicate: boolean): Promise<void> {
    delivery.state = 'in_flight';
    delivery.nextAttemptAt = null;
    // A delivery held back for reordering goes out after this one.
    const heldBehind = (this.held.get(delivery.subscriptionId) ?? []).filter((d) => d !== delivery);
    const at = new Date(this.clock.now()).toISOString();
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(delivery.uri, { method: 'POST', headers: delivery.headers, body: delivery.body, signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000) });
      status = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch (e) {
      error = (e as Error).name === 'TimeoutError' ? 'timeout' : ((e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message);
    }
    delivery.attempts.push({ at, status, error });
    if (status !== null && status >= 200 && status < 300) {
      delivery.state = 'delivered';
      if (thenDuplicate) this.duplicate(delivery);
    } else {
      const retry = delivery.attempts.length - 1;
      const offset = this.offsets[retry];
      if (offset === undefined) {
        delivery.state = 'failed';
        this.onGaveUp(delivery);
      } else {
        this.scheduleAt(delivery, delivery.triggeredAt + offset);
      }
    }
    if (heldBehind.length) this.release(delivery.subscriptionId);
  }

  private duplicate(original: Delivery): void {
    const copy: Delivery = { ...original, headers: { ...original.headers }, attempts: [], state: 'scheduled', nextAttemptAt: this.clock.now(), fault: 'duplicate', duplicateOf: original.webhookId };
    this.deliveries.push(copy);
    this.attemptSoon(copy, false);
  }

  private gaveUpHandlers: ((d: Delivery) => void)[] = [];

  onGiveUp(handler: (d: Delivery) => void): void {
    this.gaveUpHandlers.push(handler);
  }

  private onGaveUp(delivery: Delivery): void {
    if (this.options.removeSubscriptionAfterFailures) for (const h of this.gaveUpHandlers) h(delivery);
  }

  /** Resolves when no delivery attempt is in flight (attempts started by timers included). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  clear(): void {
    for (const cancel of this.cancelTimers) cancel();
    this.cancelTimers = [];
    this.deliveries.length = 0;
    this.held.clear();
  }
}
