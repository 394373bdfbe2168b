import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAnalyses } from '../../src/analysis/index.js';
import type { Engine, Row } from '../../src/engine/engine.js';
import { quietOutput, warehouse, workspace } from './fixture.js';
import { tinyAttributes, tinyConfig, tinyCosts, tinyPersons } from './tiny.js';

let engine: Engine;
const q = (sql: string) => engine.all(sql);
const one = async (sql: string): Promise<Row> => (await q(sql))[0]!;

beforeAll(async () => {
  engine = await warehouse({
    persons: tinyPersons,
    costs: tinyCosts,
    attributes: tinyAttributes,
    population: [{ age: 33, count: 100 }],
  });
  await runAnalyses(workspace(tinyConfig), engine, quietOutput());
});
afterAll(() => engine.close());

describe('analyses on five hand-computed persons', () => {
  it('Gini = 2·Σ i·x / (n·Σx) − (n+1)/n = 2·2300/(5·500) − 6/5 = 0.64', async () => {
    const c = await one(`FROM mart_concentration WHERE grp = 'all'`);
    expect(c.persons).toBe(5n);
    expect(c.cost_minor).toBe(50_000_000n);
    expect(c.gini as number).toBeCloseTo(0.64, 12);
  });

  it('top 20 % = E (400,000 of 500,000 = 80 %); top 40 % = D + E (88 %)', async () => {
    const rows = await q(
      `SELECT pct, persons, cost_minor, share FROM mart_top_share WHERE grp = 'all' ORDER BY pct`,
    );
    expect(rows).toEqual([
      { pct: 20, persons: 1n, cost_minor: 40_000_000n, share: 0.8 },
      { pct: 40, persons: 2n, cost_minor: 44_000_000n, share: 0.88 },
    ]);
  });

  it('headline: 5 persons aged 18–64, top 20 % → 80 %, bottom 60 % (A, B, C) → 60,000 = 12 %', async () => {
    const rows = await q(
      `SELECT segment, persons, cost_minor, cost_share, inhabitants FROM mart_headline ORDER BY segment`,
    );
    expect(rows).toEqual([
      { segment: 'all', persons: 5n, cost_minor: 50_000_000n, cost_share: 1, inhabitants: 100n },
      { segment: 'bottom', persons: 3n, cost_minor: 6_000_000n, cost_share: 0.12, inhabitants: 100n },
      { segment: 'top', persons: 1n, cost_minor: 40_000_000n, cost_share: 0.8, inhabitants: 100n },
    ]);
  });

  it('Lorenz: 20 % of persons (A) hold 2 %, 60 % hold 12 %, 100 % hold everything', async () => {
    const rows = await q(
      `SELECT point, cost_share FROM mart_lorenz WHERE grp = 'all' AND point IN (0, 4, 12, 20) ORDER BY point`,
    );
    expect(rows).toEqual([
      { point: 0, cost_share: 0 },
      { point: 4, cost_share: 0.02 },
      { point: 12, cost_share: 0.12 },
      { point: 20, cost_share: 1 },
    ]);
  });

  it('cost intervals: 0–50,000 holds A–D (100,000, mean 25,000, lower median 20,000); 250,000–500,000 holds E', async () => {
    const rows = await q(
      `SELECT interval_no, persons, cost_minor, mean_minor, median_minor FROM mart_cost_interval
       WHERE grp = 'all' AND persons > 0 ORDER BY interval_no`,
    );
    expect(rows).toEqual([
      {
        interval_no: 0,
        persons: 5n,
        cost_minor: 50_000_000n,
        mean_minor: 10_000_000n,
        median_minor: 3_000_000n,
      },
      {
        interval_no: 1,
        persons: 4n,
        cost_minor: 10_000_000n,
        mean_minor: 2_500_000n,
        median_minor: 2_000_000n,
      },
      {
        interval_no: 4,
        persons: 1n,
        cost_minor: 40_000_000n,
        mean_minor: 40_000_000n,
        median_minor: 40_000_000n,
      },
    ]);
  });

  it('departments: A, C, E in one; B in two; D in three', async () => {
    const rows = await q(
      `SELECT departments, persons, cost_minor FROM mart_department_count ORDER BY departments`,
    );
    expect(rows).toEqual([
      { departments: '*', persons: 5n, cost_minor: 50_000_000n },
      { departments: '1', persons: 3n, cost_minor: 44_000_000n },
      { departments: '2', persons: 1n, cost_minor: 2_000_000n },
      { departments: '3+', persons: 1n, cost_minor: 4_000_000n },
    ]);
  });

  it('department matrix: ÆH × FB shares B and D (their whole cost 60,000); ÆH alone has 4 persons', async () => {
    const m = await q(
      `SELECT department_a, department_b, persons, cost_minor FROM mart_department_matrix
       WHERE department_a = 'ÆH' ORDER BY department_b`,
    );
    expect(m).toEqual([
      { department_a: 'ÆH', department_b: 'FB', persons: 2n, cost_minor: 6_000_000n },
      { department_a: 'ÆH', department_b: 'SK', persons: 1n, cost_minor: 4_000_000n },
      { department_a: 'ÆH', department_b: 'ÆH', persons: 4n, cost_minor: 47_000_000n },
    ]);
  });

  it('chosen group (B, C, D; own department FB): 2 of 3 also served elsewhere', async () => {
    const rows = await q(
      `SELECT department, group_persons, persons, share FROM mart_group_overlap
       WHERE group_id = 'long_term_sickness' ORDER BY department`,
    );
    expect(rows).toEqual([
      { department: '*any*', group_persons: 3n, persons: 2n, share: 2 / 3 },
      { department: 'SK', group_persons: 3n, persons: 1n, share: 1 / 3 },
      { department: 'ÆH', group_persons: 3n, persons: 2n, share: 2 / 3 },
    ]);
  });

  it('chosen group without a department: its own is the one serving most members (FB); spells 1,826 days long', async () => {
    const rows = await q(
      `SELECT group_id, department, persons FROM mart_group_overlap
       WHERE group_id <> 'long_term_sickness' ORDER BY group_id, department`,
    );
    // spell_too_short needs 2,100 days: no members, so no rows at all
    expect(rows).toEqual([
      { group_id: 'inferred_department', department: '*any*', persons: 2n },
      { group_id: 'inferred_department', department: 'SK', persons: 1n },
      { group_id: 'inferred_department', department: 'ÆH', persons: 2n },
    ]);
  });

  it('quadrant: only E is expensive in both sectors', async () => {
    const rows = await q(`SELECT quadrant, persons, regional_minor FROM mart_quadrant ORDER BY quadrant`);
    expect(rows).toEqual([
      { quadrant: '*', persons: 5n, regional_minor: 5_000_000n },
      { quadrant: 'high_high', persons: 1n, regional_minor: 5_000_000n },
      { quadrant: 'low_low', persons: 4n, regional_minor: 0n },
    ]);
  });

  it('overlapping services: D has two kinds of training (SEL-83A and SUL-140)', async () => {
    const rows = await q(
      `SELECT measure, persons, cost_minor FROM mart_service_overlap WHERE family = 'training' ORDER BY measure`,
    );
    expect(rows).toEqual([
      { measure: 'any', persons: 1n, cost_minor: 2_000_000n },
      { measure: 'multiple', persons: 1n, cost_minor: 2_000_000n },
    ]);
  });

  it('resource-heavy (≥ 250,000): E, physical disability, § 96', async () => {
    const rows = await q(
      `SELECT dimension, value, persons, cost_minor FROM mart_heavy
       WHERE dimension IN ('target_group', 'law') ORDER BY dimension, value`,
    );
    expect(rows).toEqual([
      { dimension: 'law', value: '*', persons: 1n, cost_minor: 40_000_000n },
      { dimension: 'law', value: 'Serviceloven § 96', persons: 1n, cost_minor: 40_000_000n },
      { dimension: 'target_group', value: '*', persons: 1n, cost_minor: 40_000_000n },
      { dimension: 'target_group', value: 'physical_disability', persons: 1n, cost_minor: 40_000_000n },
    ]);
  });

  it('consumption: 5 users aged 21–50 of 100 inhabitants: 100,000 per user, 5,000 per inhabitant', async () => {
    const r = await one(`FROM mart_consumption WHERE age_group = '21-50'`);
    expect([r.persons, r.inhabitants, r.per_user_minor, r.per_inhabitant_minor]).toEqual([
      5n,
      100n,
      10_000_000n,
      500_000n,
    ]);
  });

  it('interval mix by law sums to the interval total', async () => {
    const rows = await q(
      `SELECT value, cost_minor FROM mart_interval_mix WHERE dimension = 'law' AND interval_no = 1 ORDER BY value`,
    );
    expect(rows).toEqual([
      { value: '*', cost_minor: 10_000_000n },
      { value: 'Serviceloven', cost_minor: 2_500_000n },
      { value: 'Sundhedsloven', cost_minor: 1_000_000n },
      { value: 'Sygedagpengeloven', cost_minor: 6_500_000n },
    ]);
  });
});
