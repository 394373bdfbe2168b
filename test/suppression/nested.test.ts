import { describe, expect, it } from 'vitest';
import type { Row } from '../../src/engine/engine.js';
import { publishMarts } from './marts-helper.js';

const T = 5;

const publish = (marts: Record<string, Row[]>) => publishMarts(marts, T);

const unit = { period: '2024', municipality: '851' };
const payer = (target_group: string, persons: bigint, cost_minor: bigint) => ({
  ...unit,
  target_group,
  payer: 'region',
  basis: 'registered',
  service_year: 2024,
  persons,
  cost_minor,
});
/** mart_heavy's total in one breakdown: 5 heavy citizens costing 9,000 kr */
const heavy = (dimension: string) => ({
  ...unit,
  dimension,
  value: '*',
  persons: 5n,
  cost_minor: 900_000n,
  persons_share: 1,
  cost_share: 1,
});
/** a chosen group's row: its size beside its overlap with one department (or any) */
const overlap = (group_id: string, department: string, group_persons: bigint, persons: bigint) => ({
  ...unit,
  group_id,
  department,
  group_persons,
  persons,
  share: Number(persons) / Number(group_persons),
});
/** a row of mart_department_count: the citizens served by that many departments */
const count = (departments: string, persons: bigint) => ({
  ...unit,
  departments,
  persons,
  cost_minor: persons * 1_000n,
});
/** a result's row: its users beside those of them who reached it */
const result = (result_id: string, users: bigint, persons: bigint) => ({
  ...unit,
  result_id,
  persons,
  users,
  cost_minor: 100_000n,
  cost_per_result_minor: 100_000n / persons,
});
const regional = (persons: bigint, amount_minor: bigint) => ({
  ...unit,
  indicator: 'regional_cost',
  persons,
  amount_minor,
  value: null,
});

describe('a group published beside the group it is drawn from (nested: its complement is protected)', () => {
  it('the heavy citizens within all: the key figure minus the heavy row would leave 3 persons', () => {
    // 8 citizens with a regional contact cost 800 kr in all (the key figure regional_cost repeats mart_payer's
    // `all` row for the region); the 5 heavy among them cost 700 kr. Both rows hold ≥ 5 persons, but
    // 800 − 700 = 100 kr is the cost of the 8 − 5 = 3 others: the heavy row is hidden (cheaper than `all`,
    // which the key figure repeats), and the key figure stays
    const hidden = publish({
      mart_payer: [payer('all', 8n, 80_000n), payer('heavy', 5n, 70_000n)],
      mart_key_figure: [regional(8n, 80_000n)],
    });
    expect(hidden.get('mart_payer')).toEqual([null, 'secondary']);
    expect(hidden.get('mart_key_figure')).toEqual([null]);
  });

  it('a complement of ≥ threshold persons needs nothing: 10 − 5 = 5 others', () => {
    const hidden = publish({
      mart_payer: [payer('all', 10n, 100_000n), payer('heavy', 5n, 70_000n)],
      mart_key_figure: [regional(10n, 100_000n)],
    });
    expect(hidden.get('mart_payer')).toEqual([null, null]);
    expect(hidden.get('mart_key_figure')).toEqual([null]);
  });

  it('cost intervals that hold every citizen: the small interval follows from all minus the others', () => {
    // all 8 = interval 1 (2 persons, 50 kr: small) + interval 2 (6 persons, 750 kr). Interval 2 holds ≥ 5,
    // but 800 − 750 = 50 kr is interval 1 again (and the 8 − 6 = 2 outside interval 2): interval 2 is hidden
    const hidden = publish({
      mart_payer: [
        payer('all', 8n, 80_000n),
        payer('interval_1', 2n, 5_000n),
        payer('interval_2', 6n, 75_000n),
      ],
      mart_key_figure: [regional(8n, 80_000n)],
    });
    expect(hidden.get('mart_payer')).toEqual([null, 'small', 'secondary']);
  });

  it('the heavy citizens within all citizens: all 7 minus the heavy 5 is 2 (mart_heavy within mart_concentration)', () => {
    const hidden = publish({
      mart_concentration: [{ ...unit, grp: 'all', persons: 7n, cost_minor: 1_000_000n, gini: 0.5 }],
      mart_heavy: [heavy('law'), heavy('sex')],
    });
    // both totals of the heavy (one per breakdown) go: 1,000,000 − 900,000 would be the 2 others' cost
    expect(hidden.get('mart_heavy')).toEqual(['secondary', 'secondary']);
    expect(hidden.get('mart_concentration')).toEqual([null]);
  });

  it('the heavy (aged 18–64) within the intervals from the heavy threshold up (all ages): 6 − 5 = 1 older', () => {
    // mart_heavy's total (5 persons, 500 kr) is mart_interval_mix's interval 2 and up: the heavy threshold is
    // interval 2's lower bound. mart_payer: interval 1 (6 persons) and interval 2 (6 persons, 90 kr) of all
    // ages; its heavy are 5 of interval 2 (85 kr): 90 − 85 = 5 kr would be the one person of interval 2
    // outside the heavy ages. Hiding the heavy row alone is not enough: interval 2's 6 minus a hidden row of
    // ≥ 5 leaves ≤ 1, so the complement's range is one number. Interval 2 goes instead (5 + 1 = 6 hidden
    // behind it), and interval 1 with it (12 − 6 = 6); the heavy row and all stay
    const mix = (interval_no: number, persons: bigint, cost_minor: bigint) => ({
      ...unit,
      interval_no,
      dimension: 'law',
      value: '*',
      persons,
      cost_minor,
    });
    const hidden = publish({
      mart_concentration: [{ ...unit, grp: 'all', persons: 12n, cost_minor: 100_000n, gini: 0.5 }],
      mart_interval_mix: [mix(1, 6n, 30_000n), mix(2, 5n, 50_000n)],
      mart_heavy: [
        {
          ...unit,
          dimension: 'law',
          value: '*',
          persons: 5n,
          cost_minor: 50_000n,
          persons_share: 1,
          cost_share: 1,
        },
      ],
      mart_payer: [
        payer('all', 12n, 12_000n),
        payer('interval_1', 6n, 3_000n),
        payer('interval_2', 6n, 9_000n),
        payer('heavy', 5n, 8_500n),
      ],
    });
    expect(hidden.get('mart_payer')).toEqual([null, 'secondary', 'secondary', null]);
  });
});

describe('a figure published beside the group it is drawn from, in the same row or a key figure', () => {
  it('a chosen group of 8, 5 of them also served by B: the 8 − 5 = 3 served by no other department go', () => {
    // each row prints the group's 8 beside its overlap: 8 − 5 = 3 members not served by B, and the *any* row
    // (B is the only other department) says the same 3 are served by no other department: both rows go
    const hidden = publish({
      mart_group_overlap: [overlap('g', 'B', 8n, 5n), overlap('g', '*any*', 8n, 5n)],
    });
    expect(hidden.get('mart_group_overlap')).toEqual(['secondary', 'secondary']);
  });

  it('a chosen group of 10 with B 5, C 7 and any 8: C (10 − 7 = 3) and any (10 − 8 = 2) go, B stays', () => {
    // B: 10 − 5 = 5 outside B, 8 − 5 = 3 served by another department but not B — with any hidden, that 3 is
    // no published difference. C: 10 − 7 = 3 outside C. any: 10 − 8 = 2 served by no other department
    const hidden = publish({
      mart_group_overlap: [
        overlap('g', 'B', 10n, 5n),
        overlap('g', 'C', 10n, 7n),
        overlap('g', '*any*', 10n, 8n),
      ],
    });
    expect(hidden.get('mart_group_overlap')).toEqual([null, 'secondary', 'secondary']);
  });

  it('a chosen group of 10, 5 served by B (the only other department): 5 outside, nothing goes', () => {
    const hidden = publish({
      mart_group_overlap: [overlap('g', 'B', 10n, 5n), overlap('g', '*any*', 10n, 5n)],
    });
    expect(hidden.get('mart_group_overlap')).toEqual([null, null]);
  });

  it('a result reached by 5 of 8 users: the 8 − 5 = 3 who did not reach it make the row go', () => {
    // 20 users, 6 with the result: 14 without, the row stays; 8 users, 5 with it: 3 without, the row goes
    // (20 and 6 lie ≥ 5 from the other result's 8 and 5: loose links below)
    const hidden = publish({ mart_result: [result('r1', 20n, 6n), result('r2', 8n, 5n)] });
    expect(hidden.get('mart_result')).toEqual([null, 'secondary']);
  });

  it('the key figure of citizens in 2+ departments is the sum of the 2 and 3+ rows: 8 − 6 would give the 2 back', () => {
    // mart_department_count: 1 department 5, 2 departments 2 (small), 3+ 6, all 13; the key figure counts
    // 2 + 6 = 8 citizens in several departments, so with 3+ shown the small row is 8 − 6 = 2. Hiding 3+ (the
    // smallest part of that sum) protects it; 1 department stays (13 − 5 = 8 is the key figure again)
    const hidden = publish({
      mart_department_count: [count('*', 13n), count('1', 5n), count('2', 2n), count('3+', 6n)],
      mart_key_figure: [
        { ...unit, indicator: 'multi_department_share', persons: 8n, amount_minor: null, value: 8 / 13 },
      ],
    });
    expect(hidden.get('mart_department_count')).toEqual([null, null, 'small', 'secondary']);
    expect(hidden.get('mart_key_figure')).toEqual([null]);
  });

  it('the key figure of the heavy repeats mart_heavy`s totals: hidden with them', () => {
    // heavy 5 within all 7 (mart_heavy within mart_concentration: 2 others) hides the heavy totals; the key
    // figure of the heavy repeats them (5 persons), so it goes too, and the key figure of all citizens (7)
    // stays with mart_concentration's all
    const key = (indicator: string, persons: bigint) => ({
      ...unit,
      indicator,
      persons,
      amount_minor: null,
      value: Number(persons),
    });
    const hidden = publish({
      mart_concentration: [{ ...unit, grp: 'all', persons: 7n, cost_minor: 1_000_000n, gini: 0.5 }],
      mart_heavy: [heavy('law'), heavy('sex')],
      mart_key_figure: [key('heavy_persons', 5n), key('gini', 7n)],
    });
    expect(hidden.get('mart_heavy')).toEqual(['secondary', 'secondary']);
    expect(hidden.get('mart_key_figure')).toEqual(['secondary', null]);
  });
});

describe('a group size printed on every row of the group, within all citizens', () => {
  it('a chosen group of 8 among 10 citizens: every row printing the 8 goes (10 − 8 = 2 outside)', () => {
    // the group's 8 is printed on both its rows; mart_concentration's all (10) is a grand total, so the rows
    // printing 8 go (both: one left would print it). A group of 5 among 10 (5 outside) stays
    const hidden = publish({
      mart_concentration: [{ ...unit, grp: 'all', persons: 10n, cost_minor: 1_000_000n, gini: 0.5 }],
      mart_group_overlap: [
        overlap('g', 'B', 8n, 8n),
        overlap('g', '*any*', 8n, 8n),
        overlap('h', 'B', 5n, 5n),
        overlap('h', '*any*', 5n, 5n),
      ],
    });
    expect(hidden.get('mart_group_overlap')).toEqual(['secondary', 'secondary', null, null]);
    expect(hidden.get('mart_concentration')).toEqual([null]);
  });
});

describe('the trend repeats the key figures of two periods', () => {
  it('a key figure hidden in 2024 is hidden in the trend rows of 2024 and of 2025 (its previous period)', () => {
    // 2024: heavy 5 within all 7 (2 others): the heavy totals and the key figure of the heavy go. The trend
    // prints the 5 again in 2024's row and as 2025's previous figure (2025: heavy 6 of 20, shown): both go
    const year = (period: string) => ({ period, municipality: '851' });
    const trend = (period: string, previous: string | null, persons: bigint, before: bigint | null) => ({
      ...year(period),
      previous_period: previous,
      indicator: 'heavy_persons',
      persons,
      previous_persons: before,
      amount_minor: null,
      previous_amount_minor: null,
      change_minor: null,
      value: Number(persons),
      previous_value: before === null ? null : Number(before),
      change: before === null ? null : Number(persons - before),
      change_share: null,
    });
    const hidden = publish({
      mart_concentration: [
        { ...year('2024'), grp: 'all', persons: 7n, cost_minor: 1_000_000n, gini: 0.5 },
        { ...year('2025'), grp: 'all', persons: 20n, cost_minor: 3_000_000n, gini: 0.5 },
      ],
      mart_heavy: [heavy('sex'), { ...heavy('sex'), ...year('2025'), persons: 6n }],
      mart_key_figure: ['2024', '2025'].map((period, i) => ({
        ...year(period),
        indicator: 'heavy_persons',
        persons: [5n, 6n][i]!,
        amount_minor: null,
        value: [5, 6][i]!,
      })),
      mart_trend: [trend('2024', null, 5n, null), trend('2025', '2024', 6n, 5n)],
    });
    expect(hidden.get('mart_key_figure')).toEqual(['secondary', null]);
    expect(hidden.get('mart_trend')).toEqual(['secondary', 'secondary']);
  });
});

describe('a chosen group or a result against the breakdowns it may be drawn from (loose links)', () => {
  const unitCost = (catalogue_code: string, persons: bigint) => ({
    ...unit,
    catalogue_code,
    provider: 'own',
    unit: 'hour',
    volume: 10,
    direct_minor: 60_000n,
    admin_minor: 0n,
    other_common_minor: 0n,
    total_minor: 60_000n,
    unit_cost_minor: 6_000,
    persons,
  });

  it('a group of 8 holding the 6 users of one of its services: 8 − 6 = 2 others, every row printing the 8 goes', () => {
    // group g (the users of S and other services): 8 members, all 8 also served by B, so its own rows hide
    // nothing (8 − 8 = 0). mart_unit_cost shows S's 6 users: 8 − 6 = 2 members who do not use S. Group h of
    // 12 holds them too: 12 − 6 = 6, it stays
    const hidden = publish({
      mart_group_overlap: [
        overlap('g', 'B', 8n, 8n),
        overlap('g', '*any*', 8n, 8n),
        overlap('h', 'B', 12n, 12n),
        overlap('h', '*any*', 12n, 12n),
      ],
      mart_unit_cost: [unitCost('S', 6n)],
    });
    expect(hidden.get('mart_group_overlap')).toEqual(['secondary', 'secondary', null, null]);
    expect(hidden.get('mart_unit_cost')).toEqual([null]);
  });

  it('a group of 5 that may be the 5 served by one department, hidden there: 13 − 5 − 6 = 2 would follow', () => {
    // mart_department_count: all 13 = 1 department 5 + 2 departments 2 (small) + 3+ 6; the 2 is protected by
    // hiding the smallest shown part, the 5. A chosen group of 5 prints that hidden 5 (it may be the same
    // persons), and 13 − 5 − 6 = 2 gives the small row back: the group's rows go
    const hidden = publish({
      mart_department_count: [count('*', 13n), count('1', 5n), count('2', 2n), count('3+', 6n)],
      mart_group_overlap: [overlap('g', 'B', 5n, 5n), overlap('g', '*any*', 5n, 5n)],
    });
    expect(hidden.get('mart_department_count')).toEqual([null, 'secondary', 'small', null]);
    expect(hidden.get('mart_group_overlap')).toEqual(['secondary', 'secondary']);
  });

  it('a group of 9 within a parent group of 12: 12 − 9 = 3, the parent`s rows go and the group`s stay', () => {
    // the sizes are judged in the order of the rows: p (12) lies 3 from q's 9 and goes; q (9) is then 3 from no
    // shown figure and stays (hiding one of the two is enough)
    const hidden = publish({
      mart_group_overlap: [
        overlap('p', 'B', 12n, 12n),
        overlap('p', '*any*', 12n, 12n),
        overlap('q', 'B', 9n, 9n),
        overlap('q', '*any*', 9n, 9n),
      ],
    });
    expect(hidden.get('mart_group_overlap')).toEqual(['secondary', 'secondary', null, null]);
  });

  it('a group`s 10 served by B within B`s 12 persons: 12 − 10 = 2 outside the group, the overlap rows go', () => {
    // group g of 20: 10 also served by B (the only other department, so *any* is 10 too); B serves 12 persons
    // (mart_department_matrix's diagonal): 12 − 10 = 2 of B's persons outside the group. The group's 20 stays
    // (20 − 12 = 8, and 20 − 10 = 10 outside B)
    const hidden = publish({
      mart_group_overlap: [overlap('g', 'B', 20n, 10n), overlap('g', '*any*', 20n, 10n)],
      mart_department_matrix: [
        { ...unit, department_a: 'B', department_b: 'B', persons: 12n, cost_minor: 120_000n },
      ],
    });
    expect(hidden.get('mart_group_overlap')).toEqual(['secondary', 'secondary']);
    expect(hidden.get('mart_department_matrix')).toEqual([null]);
  });

  it('a result reached by 9 against a group of 11 by the same attribute: 11 − 9 = 2, the group goes first', () => {
    // the result: 20 users, 9 of them reached it (20 − 9 = 11 did not); the group holds those with the
    // attribute, 11: the 9 who reached the result may lie in it. The group's size is judged first and goes;
    // the result's 9 is then near no shown figure and stays
    const hidden = publish({
      mart_group_overlap: [overlap('g', 'B', 11n, 11n), overlap('g', '*any*', 11n, 11n)],
      mart_result: [result('r', 20n, 9n)],
    });
    expect(hidden.get('mart_group_overlap')).toEqual(['secondary', 'secondary']);
    expect(hidden.get('mart_result')).toEqual([null]);
  });

  it('a result`s 9 users beside a service`s 11 users (the result`s services hold them): 11 − 9 = 2, the result goes', () => {
    const hidden = publish({
      mart_result: [result('r', 9n, 9n), result('s', 30n, 10n)],
      mart_unit_cost: [unitCost('S', 11n)],
    });
    // r: 9 users, all 9 reached it (9 − 9 = 0: nothing by its own tie), 11 − 9 = 2 users of S outside it;
    // s: 30 users and 10 who reached it lie ≥ 5 from 11, 9 and each other's
    expect(hidden.get('mart_result')).toEqual(['secondary', null]);
  });
});

describe('the restated trend repeats the key figures of two periods (mart_trend_restated)', () => {
  it('a key figure hidden in 2024 hides the 2027 rows of 2024 and 2025, though they hold no small count', () => {
    // regional_cost 2024: 3 persons (small). The 2027 rows print the 2024 figure restated: 3 + 6 persons whose
    // services the 2027 division moves to the region = 9 (restated and recounted 6), in 2024's row and as
    // 2025's figure before. Neither row holds a small count, yet both go, and must: the restated figure minus
    // the cost of the services the division moves (each service's cost is published in mart_quadrant_service
    // and mart_unit_cost; which services move is the catalogue's) is the hidden key figure again. (The
    // registered rows print the key figures themselves: mart_trend's test.)
    const year = (period: string) => ({ period, municipality: '851' });
    const row = (
      period: string,
      previous: string | null,
      basis: string,
      persons: bigint,
      before: bigint | null,
      moved: bigint,
    ) => ({
      ...year(period),
      previous_period: previous,
      indicator: 'regional_cost',
      basis,
      persons,
      previous_persons: before,
      restated_persons: moved,
      previous_restated_persons: previous === null ? null : moved,
      recounted_persons: moved,
      previous_recounted_persons: previous === null ? null : moved,
      amount_minor: persons * 10_000n,
      previous_amount_minor: before === null ? null : before * 10_000n,
      change_minor: before === null ? null : (persons - before) * 10_000n,
      value: null,
      previous_value: null,
      change: null,
      change_share: null,
    });
    const hidden = publish({
      mart_key_figure: [
        { ...year('2024'), indicator: 'regional_cost', persons: 3n, amount_minor: 30_000n, value: null },
        { ...year('2025'), indicator: 'regional_cost', persons: 20n, amount_minor: 200_000n, value: null },
      ],
      mart_trend_restated: [
        row('2024', null, 'division_2027', 9n, null, 6n),
        row('2025', '2024', 'division_2027', 26n, 9n, 6n),
      ],
    });
    expect(hidden.get('mart_key_figure')).toEqual(['small', null]);
    expect(hidden.get('mart_trend_restated')).toEqual(['secondary', 'secondary']);
  });
});
