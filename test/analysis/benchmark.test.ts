/**
 * Benchmarks and trends under suppression (docs/analyses.md, "Benchmarks"): the marts' declared persons
 * columns hide a figure wherever it, or its difference with another published figure, rests on
 * 1 … threshold − 1 persons. The figures are proven by sql/analysis/mart_benchmark.test.yaml and
 * mart_trend.test.yaml; here only what suppression does with them (threshold 5).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { martTable } from '../../src/analysis/marts.js';
import { MODEL_DIR } from '../../src/analysis/models.js';
import { openDuckDB } from '../../src/engine/duckdb.js';
import type { Value } from '../../src/engine/engine.js';
import { suppress } from '../../src/suppression/index.js';

function publish(mart: string, rows: Record<string, Value>[]) {
  const t = martTable(mart);
  return suppress({ id: mart, columns: t.columns, rows, persons: t.persons }, 5).rows;
}

describe('mart_benchmark under suppression', () => {
  const row = (period: string, municipality: string, persons: number, smallest: number) => ({
    period,
    municipality,
    persons,
    smallest_cell: smallest,
    municipalities: 2,
    inhabitants: 1100,
    cost_minor: 400000,
    expected_minor: 316667,
    per_user_minor: 13333,
    group_per_user_minor: 16667,
    per_inhabitant_minor: 364,
    expected_per_inhabitant_minor: 288,
    group_per_inhabitant_minor: 256,
    cost_index: 1.263,
  });

  it('hides every row of a group with an age cell of 1–4 persons (its rates would give the cell away)', () => {
    // 2024: every cell of the group has ≥ 5 users (smallest 6) → published; 2023: a cell of 3 → hidden,
    // although both municipalities have 30 users
    const out = publish('mart_benchmark', [
      row('2024', '101', 30, 6),
      row('2024', '202', 36, 6),
      row('2023', '101', 30, 3),
      row('2023', '202', 36, 3),
    ]);
    expect(out.map((r) => [r.cells.period, r.cells.municipality, r.hidden, r.cells.expected_minor])).toEqual([
      ['2024', '101', null, 316667],
      ['2024', '202', null, 316667],
      ['2023', '101', 'small', null],
      ['2023', '202', 'small', null],
    ]);
  });

  it('hides a municipality of 1–4 users, and keeps the key columns', () => {
    const out = publish('mart_benchmark', [row('2024', '101', 4, 6)]);
    expect(out[0]!.hidden).toBe('small');
    expect(out[0]!.cells.cost_minor ?? null).toBeNull();
    expect(out[0]!.cells.municipality).toBe('101');
  });
});

type Given = Record<
  string,
  { columns: string[]; rows: (string | number | boolean | null)[][]; types?: Record<string, string> }
>;

/** mart_benchmark on the persons of mart_benchmark.test.yaml, with the benchmark age groups given. */
async function benchmarkOf(groups: [number, number | null, string][]): Promise<Record<string, Value>[]> {
  const spec = YAML.parse(readFileSync(new URL('mart_benchmark.test.yaml', MODEL_DIR), 'utf8')) as {
    given: Given;
    vars: Record<string, string>;
  };
  const band = spec.given.an_band!;
  band.rows = [...band.rows.filter((r) => r[0] !== 'benchmark'), ...groups.map((g) => ['benchmark', ...g])];
  const engine = await openDuckDB({ file: ':memory:' });
  try {
    for (const [name, t] of Object.entries(spec.given)) {
      const type = (c: string, i: number) =>
        t.types?.[c] ??
        (t.rows.every((r) => typeof r[i] !== 'string')
          ? typeof t.rows[0]![i] === 'boolean'
            ? 'BOOLEAN'
            : 'BIGINT'
          : 'VARCHAR');
      await engine.exec(`CREATE TABLE ${name} (${t.columns.map((c, i) => `${c} ${type(c, i)}`).join(', ')})`);
      const lit = (v: unknown) => (v === null ? 'NULL' : typeof v === 'string' ? `'${v}'` : String(v));
      await engine.exec(
        `INSERT INTO ${name} VALUES ${t.rows.map((r) => `(${r.map(lit).join(', ')})`).join(', ')}`,
      );
    }
    await engine.execFile(new URL('mart_benchmark.sql', MODEL_DIR), spec.vars);
    return await engine.all(`SELECT * FROM mart_benchmark WHERE period = '2024' ORDER BY municipality`);
  } finally {
    await engine.close();
  }
}

describe('mart_benchmark: coarser benchmark age groups publish no more', () => {
  it('hides a period with a small consumption cell however the groups are cut; one group adds nothing', async () => {
    // mart_benchmark.test.yaml, 2024, threshold 5: 101's 80+ consumption cell has 2 users, 202's 80+ 3.
    // Groups 0-64 / 65+: the benchmark cells hold 5, 7, 6 and 8 users, and the hidden consumption cells of
    // 65+ rest on 2 + 3 = 5 together — yet the group cell 65+ (solved from the expected costs) minus the
    // published consumption cells is 2 + 3 + (202's hidden cells besides its 80+, if in 65+); 202's total
    // minus its published cells is the sum of its own hidden cells, so 101's 2 follows. smallest_cell 2.
    const coarse = publish(
      'mart_benchmark',
      await benchmarkOf([
        [0, 64, '0-64'],
        [65, null, '65+'],
      ]),
    );
    expect(
      coarse.map((r) => [r.cells.smallest_cell ?? null, r.hidden, r.cells.expected_minor ?? null]),
    ).toEqual([
      [null, 'small', null],
      [null, 'small', null],
    ]);
    // One group 0+ (the crude rate, no standardisation): expected = inhabitants × 950,000 / 4,300 —
    // 101: 1,100 × 220.93 = 243,023.26 → 243,023 øre; 202: 3,200 × 220.93 = 706,976.74 → 706,977 øre —
    // adds nothing to the published totals; smallest_cell = the fewest users of a cell, 12 (101).
    const crude = publish('mart_benchmark', await benchmarkOf([[0, null, '0+']]));
    expect(crude.map((r) => [r.cells.smallest_cell, r.hidden, r.cells.expected_minor])).toEqual([
      [12n, null, 243023n],
      [12n, null, 706977n],
    ]);
  });
});

describe('mart_trend under suppression, consistently across years', () => {
  it('a key figure hidden in one year cannot be recovered as this year minus the change', () => {
    // cost 2023: 3 persons, 1,000 øre (hidden); 2024: 10 persons, 1,500 øre. Were 2024's row shown,
    // 1,500 − change 500 = 1,000 would give 2023 away: previous_persons = 3 hides it too.
    const cols = { municipality: '851', indicator: 'cost', value: null, previous_value: null, change: null };
    const out = publish('mart_trend', [
      {
        ...cols,
        period: '2023',
        previous_period: null,
        persons: 3,
        previous_persons: null,
        amount_minor: 1000,
        previous_amount_minor: null,
        change_minor: null,
        change_share: null,
      },
      {
        ...cols,
        period: '2024',
        previous_period: '2023',
        persons: 10,
        previous_persons: 3,
        amount_minor: 1500,
        previous_amount_minor: 1000,
        change_minor: 500,
        change_share: 0.5,
      },
      {
        ...cols,
        period: '2025',
        previous_period: '2024',
        persons: 12,
        previous_persons: 10,
        amount_minor: 1800,
        previous_amount_minor: 1500,
        change_minor: 300,
        change_share: 0.2,
      },
    ]);
    expect(out.map((r) => [r.cells.period, r.hidden, r.cells.change_minor ?? null])).toEqual([
      ['2023', 'small', null],
      ['2024', 'small', null],
      ['2025', null, 300],
    ]);
  });
});
