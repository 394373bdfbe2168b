import { Worker } from 'node:worker_threads';

/**
 * Peak resident memory of the whole process, sampled every `intervalMs` from a worker thread, so the
 * samples keep coming while the main thread is busy in synchronous JS (the demo generator, Excel parsing).
 */
export class RssSampler {
  private readonly peak = new BigInt64Array(new SharedArrayBuffer(16));
  private readonly worker: Worker;

  constructor(intervalMs = 50) {
    // Inline code: runs the same from src (tsx, vitest) and from dist.
    this.worker = new Worker(
      `const { workerData } = require('node:worker_threads');
       const peak = workerData.peak;
       setInterval(() => {
         const rss = BigInt(process.memoryUsage.rss());
         if (rss > Atomics.load(peak, 0)) Atomics.store(peak, 0, rss);
         Atomics.add(peak, 1, 1n);
       }, workerData.intervalMs);`,
      { eval: true, workerData: { peak: this.peak, intervalMs } },
    );
    this.worker.unref();
  }

  /** Start a new window: the peak restarts from the current RSS. */
  reset(): void {
    Atomics.store(this.peak, 0, BigInt(process.memoryUsage.rss()));
    Atomics.store(this.peak, 1, 0n);
  }

  /** Peak RSS in bytes since the last reset (including the current value) and the number of samples. */
  read(): { peakBytes: number; samples: number } {
    const now = BigInt(process.memoryUsage.rss());
    if (now > Atomics.load(this.peak, 0)) Atomics.store(this.peak, 0, now);
    return { peakBytes: Number(Atomics.load(this.peak, 0)), samples: Number(Atomics.load(this.peak, 1)) };
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}
