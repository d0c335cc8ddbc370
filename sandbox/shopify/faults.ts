/**
 * Declarative fault injection. A rule names what it applies to (Admin API requests or webhook
 * deliveries, optionally narrowed to a shop, root field, operation name or topic) and either
 * a fault with a rate (0..1, drawn from a seeded generator so runs repeat) or an exact sequence
 * of outcomes ("throttled", "ok", "http503", …) consumed one per matching request.
 *
 * Admin API faults: throttled (Shopify's THROTTLED body, nothing executed), http429, http500,
 * http502, http503 (nothing executed), timeout (executed, answered after `delayMs`, really or, with
 * `virtualLatency`, on the shared virtual clock), reset
 * (socket destroyed; `afterProcessing` executes first), malformed (executed, truncated JSON),
 * buyerOrder (a buyer places `order` just before the request runs, which then runs normally: the
 * sale that lands between a client's read and its write).
 * Webhook faults: drop (never sent), late (first attempt `delayMs` later on the clock),
 * duplicate (delivered twice, same X-Shopify-Webhook-Id), reorder (held until the next delivery
 * to the same subscription has gone).
 */
import { seededRandom } from '../random';

export const ADMIN_FAULTS = ['throttled', 'http429', 'http500', 'http502', 'http503', 'timeout', 'reset', 'malformed', 'buyerOrder'] as const;
export const WEBHOOK_FAULTS = ['drop', 'late', 'duplicate', 'reorder'] as const;
export type AdminFault = (typeof ADMIN_FAULTS)[number];
export type WebhookFault = (typeof WEBHOOK_FAULTS)[number];
export type Fault = AdminFault | WebhookFault;

/** A rule that cannot work as written. */
export class FaultRuleError extends Error {}

export interface FaultMatch {
  shop?: string;
  rootField?: string;
  operationName?: string;
  topic?: string;
}

export interface FaultRuleSpec {
  target: 'admin' | 'webhook';
  match?: FaultMatch;
  fault?: Fault;
  rate?: number;
  sequence?: (Fault | 'ok')[];
  /** Stop after this many injections (rate rules). */
  times?: number;
  delayMs?: number;
  /**
   * timeout: answer at once, declaring the delay in the `x-sandbox-latency-ms` header instead of
   * waiting it out, for a client on the same virtual clock (the local NetSuite account moves its
   * clock by it and times out past its limit, with no real waiting).
   */
  virtualLatency?: boolean;
  afterProcessing?: boolean;
  seed?: number;
  /** buyerOrder: the order placed (the place-order action's shape: company or customer, lines by SKU). */
  order?: Record<string, unknown>;
}

export interface FaultRule extends FaultRuleSpec {
  id: string;
  injected: number;
  consumed: number;
}

export interface FaultDecision {
  fault: Fault;
  rule: FaultRule;
}

export interface FaultContext {
  shop: string;
  rootFields?: string[];
  operationName?: string | null;
  topic?: string;
}

export class FaultEngine {
  private rules: FaultRule[] = [];
  private randoms = new Map<string, () => number>();
  private next = 1;
  readonly injectedByFault: Record<string, number> = {};

  add(spec: FaultRuleSpec): FaultRule {
    const known: readonly string[] = spec.target === 'admin' ? ADMIN_FAULTS : WEBHOOK_FAULTS;
    const outcomes = spec.sequence ?? (spec.fault ? [spec.fault] : []);
    if (outcomes.length === 0) throw new FaultRuleError('a fault rule needs `fault` (with `rate`) or `sequence`');
    for (const o of outcomes) if (o !== 'ok' && !known.includes(o)) throw new FaultRuleError(`unknown ${spec.target} fault "${o}" (known: ${known.join(', ')})`);
    if (spec.sequence && spec.fault) throw new FaultRuleError('give either `sequence` or `fault`, not both');
    if (spec.rate !== undefined && (spec.rate < 0 || spec.rate > 1)) throw new FaultRuleError('`rate` must be between 0 and 1');
    if (outcomes.includes('buyerOrder') && (!spec.order || typeof spec.order !== 'object')) throw new FaultRuleError('a buyerOrder rule needs `order` (the order the buyer places, as for actions/place-order)');
    const rule: FaultRule = { ...spec, id: `fault-${this.next++}`, injected: 0, consumed: 0 };
    this.rules.push(rule);
    this.randoms.set(rule.id, seededRandom(spec.seed ?? 1));
    return rule;
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length !== before;
  }

  clear(): void {
    this.rules = [];
    this.randoms.clear();
    for (const key of Object.keys(this.injectedByFault)) delete this.injectedByFault[key];
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  private matches(rule: FaultRule, target: 'admin' | 'webhook', ctx: FaultContext): boolean {
    if (rule.target !== target) return false;
    const m = rule.match ?? {};
    if (m.shop && m.shop.toLowerCase() !== ctx.shop) return false;
    if (m.rootField && !(ctx.rootFields ?? []).includes(m.rootField)) return false;
    if (m.operationName && m.operationName !== ctx.operationName) return false;
    if (m.topic && m.topic !== ctx.topic) return false;
    return true;
  }

  /** The fault to inject for this request or delivery, if any; consumes sequence steps. */
  decide(target: 'admin' | 'webhook', ctx: FaultContext): FaultDecision | undefined {
    for (const rule of this.rules) {
      if (!this.matches(rule, target, ctx)) continue;
      if (rule.sequence) {
        if (rule.consumed >= rule.sequence.length) continue;
        const outcome = rule.sequence[rule.consumed++]!;
        if (outcome === 'ok') return undefined;
        return this.inject(rule, outcome);
      }
      if (rule.times !== undefined && rule.injected >= rule.times) continue;
      const rate = rule.rate ?? 1;
      if (this.randoms.get(rule.id)!() < rate) return this.inject(rule, rule.fault!);
    }
    return undefined;
  }

  private inject(rule: FaultRule, fault: Fault): FaultDecision {
    rule.injected++;
    this.injectedByFault[fault] = (this.injectedByFault[fault] ?? 0) + 1;
    return { fault, rule };
  }
}
