/**
 * Benchmarks and trends under suppression (docs/analyses.md, "Benchmarks"): the marts' declared persons
 * columns hide a figure wherever it, or its difference with another published figure, rests on
 * 1 … threshold − 1 persons; the benchmark's standard costs per age group (mart_benchmark_rate) are tied
 * to their consumption cells (martLinks), and a benchmark row requires every rate and municipality total
 * of its period (its header's `requires`). The figures are proven by sql/analysis/mart_benchmark*.test.yaml
 * and mart_trend.test.yaml; here only what suppression does with them (threshold 5).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { martTable } from '../../src/analysis/marts.js';
import { MODEL_DIR } from '../../src/analysis/models.js';
import { openDuckDB } from '../../src/engine/duckdb.js';
import type { Value } from '../../src/engine/engine.js';
import { publishMarts } from '../../src/publish/index.js';
import { suppress, suppressLinked, type TableInput } from '../../src/suppression/index.js';

function input(mart: string, rows: Record<string, Value>[]): TableInput {
  const t = martTable(mart);
  return { id: mart, columns: t.columns, rows, persons: t.persons, requires: t.requires };
}
function publish(mart: string, rows: Record<string, Value>[]) {
  return suppress(input(mart, rows), 5).rows;
}

type Given = Record<
  string,
  { columns: string[]; rows: (string | number | boolean | null)[][]; types?: Record<string, string> }
>;

/**
 * mart_consumption of mart_benchmark.test.yaml's 2024 (changed by `edit`), benchmark groups 0-64 and 65+:
 * mart_benchmark_rate and mart_benchmark built by their models, and the three published as every outlet
 * publishes marts (publishMarts: together, with martLinks and the headers' requires). Returns
 * "municipality age_group" → hidden (null: shown) per mart.
 */
async function published(edit: (rows: (string | number | boolean | null)[][]) => void = () => {}) {
  const spec = YAML.parse(readFileSync(new URL('mart_benchmark.test.yaml', MODEL_DIR), 'utf8')) as {
    given: Given;
  };
  const consumption = spec.given.mart_consumption!;
  consumption.rows = consumption.rows.filter((r) => r[0] === '2024');
  edit(consumption.rows);
  const engine = await openDuckDB({ file: ':memory:' });
  try {
    for (const name of ['an_band', 'mart_consumption']) {
      const t = spec.given[name]!;
      const type = (c: string, i: number) =>
        t.types?.[c] ?? (t.rows.every((r) => typeof r[i] !== 'string') ? 'BIGINT' : 'VARCHAR');
      await engine.exec(`CREATE TABLE ${name} (${t.columns.map((c, i) => `${c} ${type(c, i)}`).join(', ')})`);
      const lit = (v: unknown) => (v === null ? 'NULL' : typeof v === 'string' ? `'${v}'` : String(v));
      await engine.exec(
        `INSERT INTO ${name} VALUES ${t.rows.map((r) => `(${r.map(lit).join(', ')})`).join(', ')}`,
      );
    }
    for (const model of ['mart_benchmark_rate', 'mart_benchmark'])
      await engine.execFile(new URL(`${model}.sql`, MODEL_DIR), {});
    const out = await publishMarts(engine, 5);
    const view = (mart: string) =>
      Object.fromEntries(
        out
          .get(mart)!
          .rows.map((r) => [
            [r.cells.municipality, r.cells.age_group].filter((x) => x !== undefined).join(' '),
            r.hidden,
          ]),
      );
    return {
      consumption: view('mart_consumption'),
      rate: view('mart_benchmark_rate'),
      benchmark: view('mart_benchmark'),
      expected: out.get('mart_benchmark')!.rows.map((r) => r.cells.expected_minor ?? null),
    };
  } finally {
    await engine.close();
  }
}

describe('mart_benchmark_rate and mart_benchmark under linked suppression', () => {
  it("protects a small consumption cell against its age group's published standard cost", async () => {
    // mart_benchmark.test.yaml 2024 with 202's 80+ at 8 users (its total 6 + 5 + 8 = 19):
    //   101: 0-64 5, 65-79 5, 80+ 2 (small), total 12;  202: 0-64 6, 65-79 5, 80+ 8, total 19
    //   rate 0-64 = 101's 0-64 + 202's 0-64 (11 users); rate 65+ = the four cells of 65-79 and 80+ (20)
    // 101's 80+ (2) is hidden; 101's total minus its cells would give it: the smallest other part is hidden,
    // 0-64 (5; 65-79 has 5 too, 0-64 comes first). The published rate 0-64 minus 202's 0-64 would give
    // 101's 0-64 back, so 202's 0-64 (6) is hidden; then 202's total minus its cells would give 202's 0-64
    // (19 − 5 − 8 = 6), so a second of 202's cells is hidden, its smallest, 65-79 (5). Now the rate 65+ holds
    // two hidden cells (101's 80+ and 202's 65-79): 20 − 5 − 8 = 7 users between them, one of 1…4 and one of
    // ≥ 5 (101's 80+ ∈ [1, 2]), no single value. (The greedy pass first hid 101's 65-79 for the rate 65+;
    // the review shows it again, as 202's 65-79 already protects.) The four hidden cells keep one free
    // variable: 101's 0-64 = 7 − x, 202's 0-64 = 4 + x, 202's 65-79 = 7 − x for 101's 80+ = x.
    const out = await published((rows) => {
      rows[6]![4] = 8;
      rows[7]![4] = 19;
    });
    expect(out.consumption).toEqual({
      '101 *': null,
      '101 0-64': 'secondary',
      '101 65-79': null,
      '101 80+': 'small',
      '202 *': null,
      '202 0-64': 'secondary',
      '202 65-79': 'secondary',
      '202 80+': null,
    });
    expect(out.rate).toEqual({ '0-64': null, '65+': null });
    // every rate and every total of 2024 is published, so both benchmark rows are (before the rates were
    // tied to their cells, the smallest consumption cell, 2, hid the whole period)
    expect(out.benchmark).toEqual({ '101': null, '202': null });
  });

  it('publishes the benchmark of mart_benchmark.test.yaml, hidden before for its cells of 2 and 3 users', async () => {
    // 101's 80+ (2) and 202's 80+ (3) are small. Each total needs a second hidden cell: 101's 0-64 (5, before
    // 65-79's 5) and 202's 65-79 (5, smaller than 0-64's 6). The rate 0-64 then holds one hidden cell
    // (101's 0-64): 202's 0-64 is hidden too. The review shows 202's 65-79 again: the rate 65+ minus the two
    // visible 65-79 cells is 101's 80+ + 202's 80+ = 15 − 5 − 5 = 5 users (not 1…4), and 202's total minus
    // its visible 65-79 leaves 0-64 + 80+ = 9 with 202's 0-64 ≥ 5, 80+ ∈ [1, 4]. Hidden: both 0-64, both 80+.
    const out = await published();
    expect(out.consumption).toEqual({
      '101 *': null,
      '101 0-64': 'secondary',
      '101 65-79': null,
      '101 80+': 'small',
      '202 *': null,
      '202 0-64': 'secondary',
      '202 65-79': null,
      '202 80+': 'small',
    });
    expect(out.rate).toEqual({ '0-64': null, '65+': null });
    // expected costs of mart_benchmark.test.yaml: 283,333 and 666,667 øre
    expect(out.benchmark).toEqual({ '101': null, '202': null });
    expect(out.expected).toEqual([283333n, 666667n]);
  });

  it('hides every benchmark row of a period where a rate is hidden', async () => {
    // 202 with 1 user in each group (total 3, small). 101's 80+ (2) is small, and its complement in 101's
    // total is its 0-64 (5, before 65-79's 5). The rate 0-64 = 101's 0-64 + 202's 0-64 = 5 + 1 = 6 users,
    // both hidden: 101's ≥ 5 and 202's 1 … 4 leave 101's 0-64 = 5 exactly, so the rate is hidden (it has
    // no visible part left to hide), and with it every benchmark row of 2024 (202's for its 3 users too)
    const out = await published((rows) => {
      for (const r of rows.filter((x) => x[1] === '202')) r[4] = r[2] === '*' ? 3 : 1;
    });
    expect(out.consumption['202 *']).toBe('small');
    expect(out.rate['0-64']).toBe('secondary');
    expect(out.benchmark).toEqual({ '101': 'secondary', '202': 'small' });
    // the rate 0-64 of 4 users (101's 0-64 at 3, 202's at 1): hidden, and with it every benchmark row
    const few = await published((rows) => {
      rows[0]![4] = 3;
      rows[3]![4] = 10; // 101's total 3 + 5 + 2 = 10
      rows[4]![4] = 1;
      rows[7]![4] = 9; // 202's total 1 + 5 + 3 = 9
    });
    expect(few.rate['0-64']).toBe('small');
    expect(few.benchmark).toEqual({ '101': 'secondary', '202': 'secondary' });
  });

  it("hides a row whose municipality's total is hidden, not the others of its period", () => {
    // the rates shown, 202's total of mart_consumption hidden (3 users): 202's row only; the group's means
    // are the rates' sums, so 101's row gives nothing of 202's away
    const [, , b] = suppressLinked(
      [
        input('mart_consumption', [
          { period: '2024', municipality: '101', age_group: '*', persons: 30, cost_minor: 1 },
          { period: '2024', municipality: '202', age_group: '*', persons: 3, cost_minor: 1 },
        ]),
        input('mart_benchmark_rate', [{ period: '2024', age_group: '0+', persons: 33, cost_minor: 2 }]),
        input('mart_benchmark', [
          { period: '2024', municipality: '101', persons: 30, cost_minor: 1 },
          { period: '2024', municipality: '202', persons: 30, cost_minor: 1 },
        ]),
      ],
      5,
    );
    expect(b!.rows.map((r) => r.hidden)).toEqual([null, 'secondary']);
  });

  it('hides a municipality of 1–4 users, and keeps the key columns', () => {
    const out = publish('mart_benchmark', [
      { period: '2024', municipality: '101', persons: 4, cost_minor: 1 },
    ]);
    expect(out[0]!.hidden).toBe('small');
    expect(out[0]!.cells.cost_minor ?? null).toBeNull();
    expect(out[0]!.cells.municipality).toBe('101');
  });
});

describe('mart_benchmark_trend requires the benchmark rows of both periods', () => {
  it("hides a change whose previous period's benchmark row is hidden, though its users are many", () => {
    // 2023's benchmark row is hidden (as for a hidden rate of 2023); 2024's change is 2024's figure minus
    // 2023's, so 2024's trend row is hidden too, although both periods have 25 and 30 users. 2025's row
    // (2024 → 2025) is shown.
    const bench = (period: string, persons: number) => ({
      period,
      municipality: '101',
      persons,
      cost_minor: 1,
    });
    const trend = (period: string, previous: string | null) => ({
      period,
      previous_period: previous,
      municipality: '101',
      indicator: 'per_user',
      persons: 30,
      previous_persons: previous ? 25 : null,
      amount_minor: 13333,
    });
    const rate = (period: string, persons: number) => ({ period, age_group: '65+', persons, cost_minor: 1 });
    const [, , b, t] = suppressLinked(
      [
        // no total of mart_consumption is hidden (a required table must be published in the same call)
        input('mart_consumption', []),
        input('mart_benchmark_rate', [rate('2023', 3), rate('2024', 40), rate('2025', 40)]),
        input('mart_benchmark', [bench('2023', 25), bench('2024', 30), bench('2025', 30)]),
        input('mart_benchmark_trend', [trend('2023', null), trend('2024', '2023'), trend('2025', '2024')]),
      ],
      5,
    );
    expect(b!.rows.map((r) => r.hidden)).toEqual(['secondary', null, null]);
    expect(t!.rows.map((r) => [r.cells.period, r.hidden])).toEqual([
      ['2023', 'secondary'],
      ['2024', 'secondary'],
      ['2025', null],
    ]);
  });
});

describe('mart_trend under suppression, consistently across years', () => {
  it('a key figure hidden in one year cannot be recovered as this year minus the change', () => {
    // cost 2023: 3 persons, 1,000 øre (hidden); 2024: 10 persons, 1,500 øre. Were 2024's row shown,
    // 1,500 − change 500 = 1,000 would give 2023 away: previous_persons = 3 hides it too.
    const cols = { municipality: '851', indicator: 'cost', value: null, previous_value: null, change: null };
    // the key figures the trend rows print (mart_trend requires them: published in the same call)
    const key = (period: string, persons: number, amount_minor: number) => ({
      period,
      municipality: '851',
      indicator: 'cost',
      persons,
      amount_minor,
      value: null,
    });
    const trendRows = [
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
    ];
    const [keys, out] = suppressLinked(
      [
        input('mart_key_figure', [key('2023', 3, 1000), key('2024', 10, 1500), key('2025', 12, 1800)]),
        input('mart_trend', trendRows),
      ],
      5,
    );
    // the key figure of 2023 (3 persons) is small; 2024's trend row goes with it (previous_persons 3)
    expect(keys!.rows.map((r) => r.hidden)).toEqual(['small', null, null]);
    expect(out!.rows.map((r) => [r.cells.period, r.hidden, r.cells.change_minor ?? null])).toEqual([
      ['2023', 'small', null],
      ['2024', 'small', null],
      ['2025', null, 300],
    ]);
  });
});
