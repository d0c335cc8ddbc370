/**
 * Time for the sandbox. Tests and the benchmark run on a VirtualClock, so throttling, backoff,
 * webhook retries and schedules play out instantly and the same way every run; `npm run serve`
 * runs on real time. A VirtualClock can be shared with a worker thread (see `shareable()`), so the
 * local NetSuite account and the local Shopify store agree on what time it is.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `fn` once the clock reaches `atMs`; returns a cancel function. */
  setTimer(atMs: number, fn: () => void): () => void;
}

export class RealClock implements Clock {
  now(): number {
    return Date.now();
  }

  setTimer(atMs: number, fn: () => void): () => void {
    const handle = setTimeout(fn, Math.max(0, atMs - Date.now()));
    return () => clearTimeout(handle);
  }
}

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
}

export class VirtualClock implements Clock {
  private readonly cell: BigInt64Array;
  private timers: Timer[] = [];
  private seq = 0;

  /**
   * @param start epoch ms the clock starts at (default 2026-11-02T09:00:00Z, a Monday morning)
   * @param buffer a SharedArrayBuffer from another thread's clock, to share its time
   */
  constructor(start = Date.parse('2026-11-02T09:00:00Z'), buffer?: SharedArrayBuffer) {
    this.cell = new BigInt64Array(buffer ?? new SharedArrayBuffer(8));
    if (!buffer) Atomics.store(this.cell, 0, BigInt(Math.floor(start)));
  }

  /** The buffer to hand to a worker thread: `new VirtualClock(0, buffer)` there reads the same time. */
  shareable(): SharedArrayBuffer {
    return this.cell.buffer as SharedArrayBuffer;
  }

  now(): number {
    return Number(Atomics.load(this.cell, 0));
  }

  setTimer(atMs: number, fn: () => void): () => void {
    const timer = { at: atMs, seq: this.seq++, fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /** Moves time forward, running every timer that falls due, in time order, each at its own time. */
  advance(ms: number): void {
    if (ms < 0) throw new Error('VirtualClock cannot go backwards');
    this.advanceTo(this.now() + ms);
  }

  advanceTo(target: number): void {
    for (;;) {
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      if (due.at > this.now()) Atomics.store(this.cell, 0, BigInt(due.at));
      due.fn();
    }
    if (target > this.now()) Atomics.store(this.cell, 0, BigInt(target));
  }

  /** Runs timers due at the current time (after another thread moved the shared clock). */
  runDue(): void {
    this.advanceTo(this.now());
  }

  /** When the next timer is due, if any. */
  nextTimerAt(): number | undefined {
    return this.timers.reduce<number | undefined>((min, t) => (min === undefined || t.at < min ? t.at : min), undefined);
  }
}
