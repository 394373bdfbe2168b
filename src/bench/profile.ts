import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Engine, Params, Row, Value } from '../engine/engine.js';

/** One timed engine call: what ran (a SQL file name or the statement's first words) and how long. */
export interface StepTiming {
  step: string;
  seconds: number;
  /** process CPU (all threads) during the step: on a busy machine a truer measure of the work than `seconds` */
  cpuSeconds: number;
  calls: number;
}

/** Short, single-line label of a statement: enough to find it in the stage's code. */
function label(sql: string): string {
  return sql
    .replace(/--[^\n]*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 90);
}

/**
 * An Engine that times every call of the wrapped engine, so a slow stage can be broken down into its
 * SQL steps. Calls with the same label are summed.
 */
export class ProfilingEngine implements Engine {
  private steps = new Map<string, StepTiming>();

  constructor(private readonly inner: Engine) {}

  get dialect() {
    return this.inner.dialect;
  }

  /** The slowest steps since the last call, slowest first, and the time spent in all engine calls; resets. */
  take(top = 8): { steps: StepTiming[]; engineSeconds: number } {
    const all = [...this.steps.values()].sort((a, b) => b.seconds - a.seconds);
    this.steps = new Map();
    return {
      steps: all.slice(0, top).map((s) => ({
        ...s,
        seconds: Math.round(s.seconds * 1000) / 1000,
        cpuSeconds: Math.round(s.cpuSeconds * 1000) / 1000,
      })),
      engineSeconds: Math.round(all.reduce((a, s) => a + s.seconds, 0) * 1000) / 1000,
    };
  }

  private async timed<T>(step: string, fn: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    try {
      return await fn();
    } finally {
      const s = this.steps.get(step) ?? { step, seconds: 0, cpuSeconds: 0, calls: 0 };
      const cpu = process.cpuUsage(cpu0);
      s.seconds += (performance.now() - t0) / 1000;
      s.cpuSeconds += (cpu.user + cpu.system) / 1e6;
      s.calls++;
      this.steps.set(step, s);
    }
  }

  exec(sql: string, params?: Params): Promise<void> {
    return this.timed(label(sql), () => this.inner.exec(sql, params));
  }
  all<T extends Row = Row>(sql: string, params?: Params): Promise<T[]> {
    return this.timed(label(sql), () => this.inner.all<T>(sql, params));
  }
  one<T extends Row = Row>(sql: string, params?: Params): Promise<T> {
    return this.timed(label(sql), () => this.inner.one<T>(sql, params));
  }
  execFile(file: string | URL, vars?: Record<string, string>): Promise<void> {
    const p = file instanceof URL ? fileURLToPath(file) : file;
    const name = `file ${path.basename(path.dirname(p))}/${path.basename(p)}`;
    return this.timed(name, () => this.inner.execFile(file, vars));
  }
  transaction<T>(fn: (engine: Engine) => Promise<T>): Promise<T> {
    // Inside the transaction the stage keeps talking to this wrapper, so its steps stay timed.
    return this.inner.transaction(() => fn(this));
  }
  append(table: string, columns: string[], rows: Iterable<Value[]>): Promise<number> {
    return this.timed(`append ${table}`, () => this.inner.append(table, columns, rows));
  }
  loadParquet(table: string, file: string): Promise<number> {
    return this.timed(`loadParquet ${table}`, () => this.inner.loadParquet(table, file));
  }
  loadCsv(table: string, file: string, options?: Parameters<Engine['loadCsv']>[2]): Promise<number> {
    return this.timed(`loadCsv ${table}`, () => this.inner.loadCsv(table, file, options));
  }
  exportParquet(query: string, file: string): Promise<void> {
    return this.timed(`exportParquet ${path.basename(file)}`, () => this.inner.exportParquet(query, file));
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}
