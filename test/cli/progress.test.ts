import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOutput, following } from '../../src/cli/output.js';
import { BarState, clock, POLL_MS } from '../../src/cli/progress.js';
import type { StatementProgress } from '../../src/core/effects.js';
import { openDuckDB } from '../../src/engine/duckdb.js';
import type { Engine } from '../../src/engine/engine.js';

afterEach(() => {
  vi.useRealTimers();
});

const reading = (fraction: number, rows = 0, totalRows = 1000): StatementProgress => ({
  fraction,
  rows,
  totalRows,
});

describe('a bar follows the running statement inside the step under way', () => {
  it('fills the step by the reading, holds between statements, never goes back and never past the step', () => {
    const bar = new BarState(1000, 0);
    bar.step(300);
    bar.read(reading(0.5), 0);
    // 0 done + 300 × 0.5
    expect(bar.value()).toBe(150);
    // a second statement of the same step starts at 10 %: the bar holds at the highest reading
    bar.read(reading(0.1, 0, 2000), 0);
    expect(bar.value()).toBe(150);
    bar.read(undefined, 0);
    expect(bar.value()).toBe(150);
    bar.read(reading(1), 0);
    expect(bar.value()).toBe(300);
    bar.tick(300);
    bar.step(600);
    // the next step's reading starts from 0 again: 300 + 600 × 0.25
    bar.read(reading(0.25), 0);
    expect(bar.value()).toBe(450);
  });

  it('a tick of a stage that names no step ends one unit; readings fill that unit', () => {
    const bar = new BarState(5, 0);
    bar.tick();
    bar.read(reading(0.5), 0);
    // 1 done + 1 × 0.5
    expect(bar.value()).toBe(1.5);
  });

  it("gives the statement's rows per second over its last 2 s, and the time left by the pace so far", () => {
    const bar = new BarState(1000, 0);
    bar.step(1000, 'file 1 of 1');
    bar.read(reading(0.1, 100_000, 1_000_000), 0);
    bar.read(reading(0.2, 600_000, 1_000_000), 500);
    // less than a second since the statement was first read: no rate yet
    expect(bar.describe('en', 500)).toBe('file 1 of 1');
    bar.read(reading(0.25, 1_100_000, 1_000_000), 2000);
    // (1,100,000 − 100,000) rows over 2 s = 500,000 rows/s; no time left before 3 s
    expect(bar.describe('en', 2000)).toBe('file 1 of 1 · 500k rows/s');
    expect(bar.eta(4000)).toBeCloseTo(12, 9); // 4 s × 0.75 / 0.25
    expect(bar.describe('en', 4000)).toBe('file 1 of 1 · 500k rows/s · about 0:12 left');
    // Danish compact numbers: 500 t(usind), with a no-break space
    expect(bar.describe('da', 4000)).toMatch(/^file 1 of 1 · 500\st rækker\/s · ca\. 0:12 tilbage$/);
    // the statement reads no more rows (a sort after the read): over its last 2 s (2,000 → 5,000 ms) 0 rows/s,
    // so no rate is shown; the time left stays: 5 s × 0.75 / 0.25 = 15 s
    bar.read(reading(0.25, 1_100_000, 1_000_000), 5000);
    expect(bar.describe('en', 5000)).toBe('file 1 of 1 · about 0:15 left');
  });

  it('shows no rate for a statement of under 100,000 rows', () => {
    const bar = new BarState(10, 0);
    bar.read(reading(0.1, 1000, 99_999), 0);
    bar.read(reading(0.9, 90_000, 99_999), 1000);
    expect(bar.describe('en', 1000)).toBe('');
  });

  it('writes the time left as m:ss or h:mm:ss', () => {
    expect([clock(5), clock(65), clock(3725)]).toEqual(['0:05', '1:05', '1:02:05']);
  });
});

describe('nothing is read without a terminal', () => {
  it('a script, a pipe or --json never calls the reading; a bar at a terminal reads it every 250 ms', () => {
    vi.useFakeTimers();
    const live = vi.fn(() => undefined);
    const sink = () => {};
    for (const o of [
      { isTTY: false, stderrTTY: false },
      { isTTY: false, stderrTTY: true },
      { isTTY: true, stderrTTY: false },
      { isTTY: true, stderrTTY: true, json: true },
    ]) {
      const bar = createOutput({ lang: 'en', stdout: sink, stderr: sink, ...o }).progress('x', 10, live);
      bar.step(5, 'file 1 of 2');
      vi.advanceTimersByTime(10 * POLL_MS);
      bar.tick(5);
      bar.stop();
    }
    expect(live).not.toHaveBeenCalled();
    // at a terminal (stderr here is no terminal, so cli-progress draws nothing; the reading runs all the same)
    const out = createOutput({ lang: 'en', stdout: sink, stderr: sink, isTTY: true, stderrTTY: true });
    const bar = out.progress('x', 10, live);
    vi.advanceTimersByTime(4 * POLL_MS);
    expect(live).toHaveBeenCalledTimes(4);
    bar.stop();
    vi.advanceTimersByTime(4 * POLL_MS);
    expect(live).toHaveBeenCalledTimes(4);
  });
});

describe("a command's bars read its engine", () => {
  it("a stage's bar without a reading of its own reads the engine; one with its own keeps it", () => {
    vi.useFakeTimers();
    const progress = vi.fn(() => undefined);
    const engine = { progress } as unknown as Engine;
    const sink = () => {};
    const out = following(
      createOutput({ lang: 'en', stdout: sink, stderr: sink, isTTY: true, stderrTTY: true }),
      engine,
    );
    const a = out.progress('cost', 5);
    vi.advanceTimersByTime(2 * POLL_MS);
    a.stop();
    expect(progress).toHaveBeenCalledTimes(2);
    const own = vi.fn(() => undefined);
    const b = out.progress('import', 5, own);
    vi.advanceTimersByTime(2 * POLL_MS);
    b.stop();
    expect(own).toHaveBeenCalledTimes(2);
    expect(progress).toHaveBeenCalledTimes(2);
  });

  it('a reading that throws counts as none: the bar goes on', () => {
    vi.useFakeTimers();
    const sink = () => {};
    const out = createOutput({ lang: 'en', stdout: sink, stderr: sink, isTTY: true, stderrTTY: true });
    const bar = out.progress('x', 2, () => {
      throw new Error('closed');
    });
    expect(() => vi.advanceTimersByTime(2 * POLL_MS)).not.toThrow();
    bar.stop();
  });

  it('DuckDB reports no statement when none runs', async () => {
    const engine = await openDuckDB({ file: ':memory:' });
    try {
      expect(engine.progress?.()).toBeUndefined();
      await engine.exec('CREATE TABLE t AS SELECT range AS i FROM range(1000)');
      expect(engine.progress?.()).toBeUndefined();
    } finally {
      await engine.close();
    }
  });
});
