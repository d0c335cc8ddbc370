/**
 * The GraphQL Admin API's leaky bucket, one per app and store. A request must find its
 * *requested* cost available; that much is taken, and after execution the difference between
 * requested and actual cost is given back. The bucket refills continuously at the plan's restore
 * rate (shopify.dev: Standard 100 points/s, Advanced 200, Plus 1000, Enterprise 2000).
 *
 * Bucket sizes are not documented any more. Responses captured from a Standard store show
 * maximumAvailable 2000 with restoreRate 100, i.e. twenty seconds of restore; the presets use the
 * same ratio for every plan. Clients must read `maximumAvailable` from responses, never assume it.
 */
import type { Clock } from '../clock';

export type Plan = 'standard' | 'advanced' | 'plus' | 'enterprise';

export const PLAN_RESTORE_RATES: Record<Plan, number> = { standard: 100, advanced: 200, plus: 1000, enterprise: 2000 };

export interface BucketOptions {
  plan?: Plan;
  /** Points per second; overrides the plan's. */
  restoreRate?: number;
  /** maximumAvailable; defaults to 20 × restoreRate. */
  bucketSize?: number;
}

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export class LeakyBucket {
  readonly restoreRate: number;
  readonly maximumAvailable: number;
  private available: number;
  private updatedAt: number;

  constructor(private readonly clock: Clock, options: BucketOptions = {}) {
    this.restoreRate = options.restoreRate ?? PLAN_RESTORE_RATES[options.plan ?? 'standard'];
    this.maximumAvailable = options.bucketSize ?? this.restoreRate * 20;
    this.available = this.maximumAvailable;
    this.updatedAt = clock.now();
  }

  private refill(): void {
    const now = this.clock.now();
    if (now > this.updatedAt) {
      this.available = Math.min(this.maximumAvailable, this.available + ((now - this.updatedAt) / 1000) * this.restoreRate);
      this.updatedAt = now;
    }
  }

  /** Points available right now. */
  current(): number {
    this.refill();
    return this.available;
  }

  /** Takes `cost` points if available; false (and nothing taken) if not. */
  tryTake(cost: number): boolean {
    this.refill();
    if (cost > this.available) return false;
    this.available -= cost;
    return true;
  }

  /** Gives back points taken for a request that turned out cheaper than requested. */
  refund(points: number): void {
    this.refill();
    this.available = Math.min(this.maximumAvailable, this.available + points);
  }

  /** What Shopify reports in extensions.cost.throttleStatus. */
  status(): ThrottleStatus {
    return { maximumAvailable: this.maximumAvailable, currentlyAvailable: Math.floor(this.current()), restoreRate: this.restoreRate };
  }

  /** For the control API: empty or fill the bucket. */
  set(points: number): void {
    this.refill();
    this.available = Math.max(0, Math.min(this.maximumAvailable, points));
  }
}
