import { Worker } from 'worker_threads';
import { VirtualClock } from '../../../sandbox/clock';

describe('VirtualClock', () => {
  it('runs due timers in time order, each at its own time, when advanced', () => {
    const clock = new VirtualClock(1000);
    const seen: string[] = [];
    clock.setTimer(1500, () => seen.push(`b@${clock.now()}`));
    clock.setTimer(1200, () => seen.push(`a@${clock.now()}`));
    const cancel = clock.setTimer(1300, () => seen.push('cancelled'));
    cancel();
    clock.setTimer(5000, () => seen.push('later'));
    clock.advance(1000);
    expect(seen).toEqual(['a@1200', 'b@1500']);
    expect(clock.now()).toBe(2000);
    expect(clock.nextTimerAt()).toBe(5000);
  });

  it('runs timers that timers schedule within the same advance', () => {
    const clock = new VirtualClock(0);
    const seen: number[] = [];
    clock.setTimer(10, () => clock.setTimer(20, () => seen.push(clock.now())));
    clock.advance(30);
    expect(seen).toEqual([20]);
  });

  it('shares its time with another thread', async () => {
    const clock = new VirtualClock(42000);
    const worker = new Worker(
      `const { parentPort, workerData } = require('worker_threads');
       const cell = new BigInt64Array(workerData);
       parentPort.on('message', () => parentPort.postMessage(Number(Atomics.load(cell, 0))));`,
      { eval: true, workerData: clock.shareable() },
    );
    const ask = () => new Promise<number>((resolve) => { worker.once('message', resolve); worker.postMessage('now?'); });
    expect(await ask()).toBe(42000);
    clock.advance(8000);
    expect(await ask()).toBe(50000);
    await worker.terminate();
  });
});
