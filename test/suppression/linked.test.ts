import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAnalyses } from '../../src/analysis/index.js';
import type { Engine } from '../../src/engine/engine.js';
import { writeReport } from '../../src/report/index.js';
import { publishMarts } from '../../src/publish/index.js';
import { suppressLinked, type TableInput } from '../../src/suppression/index.js';
import { quietOutput, warehouse, workspace } from '../analysis/fixture.js';

const T = 5;
const columns = [
  { name: 'interval_no', kind: 'key' as const },
  { name: 'value', kind: 'key' as const },
  { name: 'persons', kind: 'persons' as const },
  { name: 'cost_minor', kind: 'money' as const },
];

describe('suppression across linked tables', () => {
  it('a cell hidden in one table is hidden where another table publishes the same total', () => {
    // intervals 1–3 (3, 40, 12 persons) and their total; the 3 is small, the 12 its complement
    const a: TableInput = {
      id: 'a',
      columns,
      persons: 'persons',
      dimensions: [{ column: 'interval_no', total: 0 }],
      rows: [
        { interval_no: 1, value: '*', persons: 3n, cost_minor: 300n },
        { interval_no: 2, value: '*', persons: 40n, cost_minor: 4000n },
        { interval_no: 3, value: '*', persons: 12n, cost_minor: 1200n },
        { interval_no: 0, value: '*', persons: 55n, cost_minor: 5500n },
      ],
    };
    // the same intervals' totals in another table, broken down by law (20 + 20 in interval 2)
    const b: TableInput = {
      id: 'b',
      columns,
      persons: 'persons',
      dimensions: [{ column: 'value', total: '*' }],
      rows: [
        { interval_no: 2, value: '*', persons: 40n, cost_minor: 4000n },
        { interval_no: 2, value: 'x', persons: 20n, cost_minor: 2000n },
        { interval_no: 2, value: 'y', persons: 20n, cost_minor: 2000n },
        { interval_no: 3, value: '*', persons: 12n, cost_minor: 1200n },
      ],
    };
    const links = [
      { total: { table: 'b', where: { value: ['*'] } }, parts: { table: 'a' }, on: ['interval_no'] },
    ];
    const alone = suppressLinked([b], T)[0]!;
    expect(alone.rows[3]!.hidden).toBeNull(); // on its own, b would show interval 3: 55 − 40 − 12 = 3
    const [pa, pb] = suppressLinked([a, b], T, links);
    expect(pa!.rows.map((r) => r.hidden)).toEqual(['small', null, 'secondary', null]);
    expect(pb!.rows.map((r) => r.hidden)).toEqual([null, null, null, 'secondary']);
  });
});

/**
 * Seven persons aged 30 (hand-computed): costs 1,000 … 7,000 kr. Lorenz points put round(7·p/20) persons
 * below point p: 0 for p = 0, 1; 7 for p = 19, 20; 1…6 elsewhere. With threshold 5 no point between the
 * ends can be published (a point k needs k ≥ 5 and 7 − k ≥ 5), so only points 0, 1, 19 and 20 show.
 */
describe('cumulative figures are judged by the persons behind them', () => {
  let engine: Engine;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'tvaerblik-linked-'));
    const persons = Array.from({ length: 7 }, (_, i) => ({ key: `p${i}`, born: 1993 }));
    engine = await warehouse({
      persons,
      costs: persons.map((p, i) => ({
        person: p.key,
        code: 'SEL-83-PP',
        department: 'ÆH',
        kr: 1000 * (i + 1),
        law: 'Serviceloven § 83',
      })),
      population: [{ age: 30, count: 100 }],
    });
    await runAnalyses(workspace(`analysis: { top_shares: [20, 40, 60] }`, dir), engine, quietOutput());
  });
  afterAll(() => engine.close());

  it('Lorenz: only the points with 0 or all 7 persons below them are published', async () => {
    const lorenz = (await publishMarts(engine, T)).get('mart_lorenz')!;
    const all = lorenz.rows.filter((r) => r.cells.grp === 'all');
    expect(all.filter((r) => !r.hidden).map((r) => r.cells.point)).toEqual([0, 1, 19, 20]);
    expect(all.filter((r) => !r.hidden).map((r) => r.cells.cost_cum_minor)).toEqual([
      0n,
      0n,
      2_800_000n,
      2_800_000n,
    ]);
  });

  it('top shares: the dearest 1, 3 or 4 persons leave 6, 4 or 3 below them; none is published', async () => {
    const top = (await publishMarts(engine, T)).get('mart_top_share')!;
    expect(top.rows.filter((r) => r.cells.grp === 'all').map((r) => r.hidden)).toEqual([
      'small',
      'small',
      'small',
    ]);
  });

  it('the report never breaks a sentence with a hidden value, nor shows "< 5" as an amount', async () => {
    const ws = workspace(
      `analysis: { headline: { age_from: 18, age_to: 64, top_pct: 20, bottom_pct: 60 } }`,
      dir,
    );
    await runAnalyses(ws, engine, quietOutput());
    const summary = await writeReport(ws, engine, quietOutput(), { lang: 'da', generated: '2026-01-01' });
    const html = readFileSync(summary.html, 'utf8');
    // top 20 % = 1 person, bottom 60 % = 4 persons: both hidden; the total of 7 is shown
    expect(html).toContain('7 borgere i alderen 18–64 år modtog ydelser');
    // the reading's sentences on them are dropped; the key-figure cards still name the configured shares
    expect(html).not.toMatch(/De dyreste 20 % –/);
    expect(html).not.toMatch(/De billigste 60 % –/);
    expect(html).toContain('De dyreste 20 % (18–64 år) bærer');
    expect(html).not.toMatch(/&lt; 5 (mio\.|kr)|– &lt; 5 borgere –|tegner sig for &lt; 5/);
  });
});
