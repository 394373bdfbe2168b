import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BenchResult } from '../../src/bench/harness.js';
import { evaluateTargets } from '../../src/bench/targets.js';

// The full XL run of 2026-12-03 (6,000,000 persons), as `npm run bench -- --tier XL --api-clients 50` wrote it.
const xl = JSON.parse(readFileSync('bench/results/XL-2026-12-03.json', 'utf8')) as BenchResult;
const issue19 = (r: BenchResult) => evaluateTargets(r).filter((t) => t.issue === 19);

describe('issue 19 targets', () => {
  it('judges the XL run by hand-computed ratios', () => {
    const [imp, cost, e2e, api] = issue19(xl);
    // import 1,860.8 s ÷ bare read 38.4 s = 48.4× wall; CPU 1,365.3 ÷ 71.5 = 19.1×
    expect(imp).toMatchObject({ met: false, measured: '48.4× wall (1860.8 s ÷ 38.4 s), 19.1× CPU' });
    // costing 99.50 s ÷ floor 28.00 s = 3.55× wall; CPU 57.63 ÷ 12.74 = 4.5×
    expect(cost).toMatchObject({ met: false, measured: '3.6× wall, 4.5× CPU' });
    // 3,970.9 s > 900 s (peak 6,784 MiB = 6.63 GiB would be within 8 GiB)
    expect(e2e).toMatchObject({ met: false, measured: '3970.9 s, peak 6.63 GiB' });
    // p95 237.12 ms > 100 ms at 50 clients
    expect(api).toMatchObject({ met: false });
    expect(api!.measured).toContain('p95 237.12 ms uncached');
  });

  it('meets the XL targets at the bounds and leaves them unjudged below XL', () => {
    const fast: BenchResult = {
      ...xl,
      endToEndSeconds: 900,
      endToEndPeakRssBytes: 8 * 2 ** 30,
      api: { ...xl.api!, uncached: { ...xl.api!.uncached, p95Ms: 100 } },
    };
    const [, , e2e, api] = issue19(fast);
    expect([e2e!.met, api!.met]).toEqual([true, true]);
    const l = issue19({ ...fast, tier: 'L' });
    expect([l[2]!.met, l[3]!.met]).toEqual([null, null]);
    // fewer than 50 clients at XL: not judged
    const few = issue19({ ...fast, api: { ...fast.api!, clients: 20 } });
    expect(few[3]).toMatchObject({ met: null, note: 'run with --api-clients 50' });
  });
});
