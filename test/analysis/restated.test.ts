/**
 * Comparable history across the 2027 reform (docs/reform-2027.md, "Comparable history"): costing puts each day
 * in the sector responsible that day; mart_trend_restated counts every year on the 2027 division of tasks too.
 * The SQL is proven row by row in sql/analysis/mart_trend_restated.test.yaml; here the whole chain (costing →
 * analyses, catalogue dk) and what suppression does with the restated rows.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { martTable } from '../../src/analysis/marts.js';
import { runAnalyses } from '../../src/analysis/index.js';
import { runCosting } from '../../src/costing/index.js';
import type { Engine, Value } from '../../src/engine/engine.js';
import { openMemoryWarehouse } from '../../src/model/warehouse.js';
import { suppress } from '../../src/suppression/index.js';
import { insertServices, makeWorkspace, quietOutput } from '../costing/helpers.js';

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

// No ledger: 100 kr a day for both codes; one period per calendar year; analysis.sector municipal (default).
const YAML = `
country: DK
currency: DKK
municipalities: ['851']
periods:
  - { id: '2026', from: 2026-01-01, to: 2026-12-31 }
  - { id: '2027', from: 2027-01-01, to: 2027-12-31 }
pseudonymisation: { key_file: k }
catalogue: dk
costing:
  methods:
    - { codes: [SUL-140, SEL-83-PP], method: price, price: 100 }
`;

const figure = (rows: Record<string, Value>[], indicator: string, basis: string, period: string) =>
  rows.find((r) => r.indicator === indicator && r.basis === basis && r.period === period);

describe('a trend across 1 January 2027, as registered and on the 2027 division of tasks', () => {
  it('counts 2026 rehabilitation under the region on the 2027 basis, so the municipal drop is not the reform', async () => {
    engine = await openMemoryWarehouse();
    await insertServices(engine, [
      // A: genoptræning 2026-12-20 … 2027-01-10: 12 days municipal in 2026 (1,200 kr), 10 regional in 2027 (1,000 kr)
      { person: 'A', code: 'SUL-140', unit: 'day', from: '2026-12-20', to: '2027-01-10' },
      // A: personal care, stays municipal: 10 days in 2026 (1,000 kr), 5 days in 2027 (500 kr)
      { person: 'A', code: 'SEL-83-PP', unit: 'day', from: '2026-03-01', to: '2026-03-10' },
      { person: 'A', code: 'SEL-83-PP', unit: 'day', from: '2027-03-01', to: '2027-03-05' },
      // B: genoptræning only, 5 days in 2026 (500 kr, municipal when delivered)
      { person: 'B', code: 'SUL-140', unit: 'day', from: '2026-06-01', to: '2026-06-05' },
    ]);
    const ws = makeWorkspace(YAML);
    await runCosting(ws, engine, quietOutput());
    await runAnalyses(ws, engine, quietOutput());
    const rows = await engine.all(`SELECT * FROM mart_trend_restated`);

    // As registered (municipal costs): 2026 = A 1,200 + 1,000 + B 500 = 2,700 kr (2 persons);
    // 2027 = A 500 kr (1 person; A's rehabilitation is regional now): change −2,200 kr = −81.48 % — the reform.
    expect(figure(rows, 'cost', 'registered', '2027')).toMatchObject({
      persons: 1n,
      previous_persons: 2n,
      amount_minor: 50_000n,
      previous_amount_minor: 270_000n,
      change_minor: -220_000n,
    });
    // On the 2027 division: 2026's SUL-140 counts as regional, so 2026 = A's 1,000 kr (1 person; B only had
    // rehabilitation); 2027 unchanged, 500 kr: change −500 kr = −500 / 1,000 = −50 %. Restated persons 2026:
    // A and B (2); recounted: B, no longer among the persons with municipal costs (1).
    expect(figure(rows, 'cost', 'division_2027', '2026')).toMatchObject({
      persons: 1n,
      restated_persons: 2n,
      recounted_persons: 1n,
      amount_minor: 100_000n,
    });
    const restated = figure(rows, 'cost', 'division_2027', '2027')!;
    expect(restated).toMatchObject({
      persons: 1n,
      previous_persons: 1n,
      restated_persons: 0n,
      previous_restated_persons: 2n,
      amount_minor: 50_000n,
      previous_amount_minor: 100_000n,
      change_minor: -50_000n,
    });
    expect(restated.change_share).toBeCloseTo(-0.5, 12);
    // Regional costs: registered 2026 none (0 persons), 2027 A's 1,000 kr; restated 2026 = A 1,200 + B 500 =
    // 1,700 kr (2 persons), so 2027's 1,000 kr is −700 kr, not +1,000 kr.
    expect(figure(rows, 'regional_cost', 'registered', '2026')).toMatchObject({
      persons: 0n,
      amount_minor: 0n,
    });
    expect(figure(rows, 'regional_cost', 'division_2027', '2027')).toMatchObject({
      persons: 1n,
      previous_persons: 2n,
      amount_minor: 100_000n,
      previous_amount_minor: 170_000n,
      change_minor: -70_000n,
    });

    // the registered basis is mart_trend's figures, unchanged
    const trend = await engine.all(
      `SELECT period, indicator, persons, amount_minor, value FROM mart_trend
       WHERE indicator IN ('persons', 'cost', 'cost_per_person', 'cost_per_inhabitant', 'regional_cost')
       ORDER BY ALL`,
    );
    const registered = await engine.all(
      `SELECT period, indicator, persons, amount_minor, value FROM mart_trend_restated
       WHERE basis = 'registered' ORDER BY ALL`,
    );
    expect(registered).toEqual(trend);
  });
});

describe('mart_trend_restated under suppression (threshold 5)', () => {
  const row = (basis: string, restated: number, recounted: number, amount: number) => ({
    period: '2026',
    previous_period: null,
    municipality: '851',
    indicator: 'cost',
    basis,
    persons: 40,
    previous_persons: null,
    restated_persons: restated,
    previous_restated_persons: null,
    recounted_persons: recounted,
    previous_recounted_persons: null,
    amount_minor: amount,
    previous_amount_minor: null,
    change_minor: null,
    value: null,
    previous_value: null,
    change: null,
    change_share: null,
  });
  const publish = (rows: Record<string, Value>[]) => {
    const t = martTable('mart_trend_restated');
    return suppress({ id: 'mart_trend_restated', columns: t.columns, rows, persons: t.persons }, 5).rows.map(
      (r) => [r.cells.basis, r.hidden, r.cells.amount_minor ?? null],
    );
  };

  it('hides a restated figure whose difference with the registered one is the cost of 1–4 persons', () => {
    // registered 1,000,000 øre; restated 990,000: the difference, 10,000 øre, is the rehabilitation of the 3
    // persons the restatement moves → the restated row is hidden, the registered one (as in mart_trend) shown
    expect(publish([row('registered', 0, 0, 1_000_000), row('division_2027', 3, 0, 990_000)])).toEqual([
      ['registered', null, 1_000_000],
      ['division_2027', 'small', null],
    ]);
  });

  it('hides it too when the persons counted differ by 1–4, and shows it when 0 or ≥ 5 persons moved', () => {
    // 12 persons moved, but 2 of them had only moved services: persons 40 vs 38 would count them
    expect(publish([row('division_2027', 12, 2, 900_000)])).toEqual([['division_2027', 'small', null]]);
    expect(publish([row('division_2027', 12, 0, 900_000), row('division_2027', 0, 0, 1_000_000)])).toEqual([
      ['division_2027', null, 900_000],
      ['division_2027', null, 1_000_000],
    ]);
  });
});
