/**
 * What the Admin API was asked and what it cost: calls, requested and actual cost points,
 * THROTTLED answers and injected faults, overall, per shop and per operation (the operation name,
 * or the root fields when the operation has no name). Read through the control API without
 * spending rate limit.
 */
export interface Tally {
  calls: number;
  requestedCost: number;
  actualCost: number;
  throttled: number;
  errors: number;
}

function empty(): Tally {
  return { calls: 0, requestedCost: 0, actualCost: 0, throttled: 0, errors: 0 };
}

export interface CallRecord {
  shop: string;
  operation: string;
  status: number;
  requestedCost: number | null;
  actualCost: number | null;
  throttled: boolean;
  fault: string | null;
  errors: boolean;
}

export class Metrics {
  total = empty();
  byShop: Record<string, Tally> = {};
  byOperation: Record<string, Tally> = {};
  byStatus: Record<string, number> = {};
  faults: Record<string, number> = {};

  record(call: CallRecord): void {
    for (const tally of [this.total, (this.byShop[call.shop] ??= empty()), (this.byOperation[call.operation] ??= empty())]) {
      tally.calls++;
      tally.requestedCost += call.requestedCost ?? 0;
      tally.actualCost += call.actualCost ?? 0;
      if (call.throttled) tally.throttled++;
      if (call.errors) tally.errors++;
    }
    this.byStatus[call.status] = (this.byStatus[call.status] ?? 0) + 1;
    if (call.fault) this.faults[call.fault] = (this.faults[call.fault] ?? 0) + 1;
  }

  snapshot() {
    return JSON.parse(JSON.stringify({ total: this.total, byShop: this.byShop, byOperation: this.byOperation, byStatus: this.byStatus, faults: this.faults })) as {
      total: Tally;
      byShop: Record<string, Tally>;
      byOperation: Record<string, Tally>;
      byStatus: Record<string, number>;
      faults: Record<string, number>;
    };
  }

  reset(): void {
    this.total = empty();
    this.byShop = {};
    this.byOperation = {};
    this.byStatus = {};
    this.faults = {};
  }
}
