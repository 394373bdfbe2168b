/**
 * The publish-time audit of rank cuts: a cut (the cheapest k persons of a ranking) that may lie inside
 * another published group, or hold it, must not differ from that group by 1…threshold−1 persons.
 */
import { describe, expect, it } from 'vitest';
import { suppressLinked, type Link, type TableInput } from '../../src/suppression/index.js';
import { memberBounds } from '../../src/suppression/member-bounds.js';

const T = 5;
const money = { name: 'cost_minor', kind: 'money' as const };

/** mart_headline-like: one row, the persons aged 18–64 (6 persons, hand-chosen). */
const headline = (persons: bigint): TableInput => ({
  id: 'headline',
  columns: [
    { name: 'period', kind: 'key' },
    { name: 'municipality', kind: 'key' },
    { name: 'segment', kind: 'key' },
    { name: 'age_from', kind: 'number' },
    { name: 'age_to', kind: 'number' },
    { name: 'persons', kind: 'persons' },
    money,
  ],
  persons: 'persons',
  rows: [
    {
      period: '2024',
      municipality: '851',
      segment: 'all',
      age_from: 18,
      age_to: 64,
      persons,
      cost_minor: 6_000n,
    },
  ],
});

/** mart_lorenz-like: cheapest 5 and all 10 persons of age group `grp`. */
const lorenz = (grp: string): TableInput => ({
  id: 'lorenz',
  columns: [
    { name: 'period', kind: 'key' },
    { name: 'municipality', kind: 'key' },
    { name: 'grp', kind: 'key' },
    { name: 'point', kind: 'key' },
    { name: 'persons_cum', kind: 'count' },
    { name: 'cost_cum_minor', kind: 'money' },
  ],
  persons: 'persons_cum',
  ranked: { name: 'cost', by: ['period', 'municipality', 'grp'], persons: 'persons_cum', side: 'cheapest' },
  rows: [
    { period: '2024', municipality: '851', grp, point: 1, persons_cum: 5n, cost_cum_minor: 1_500n },
    { period: '2024', municipality: '851', grp, point: 2, persons_cum: 10n, cost_cum_minor: 9_000n },
  ],
});

describe('rank cuts nested in another published group', () => {
  it('hides the cheapest 5 of all persons beside a published group of 6 aged 18–64', () => {
    // the 5 cheapest of all may all be aged 18–64: 6 − 5 = 1 person's cost by subtraction
    const [h, l] = suppressLinked([headline(6n), lorenz('all')], T);
    expect(h!.rows.map((r) => r.hidden)).toEqual([null]);
    expect(l!.rows.map((r) => r.hidden)).toEqual(['secondary', null]);
    expect(l!.rows[0]!.cells.cost_cum_minor).toBeNull();
  });

  it('keeps the cut where the difference is ≥ threshold persons or 0', () => {
    expect(suppressLinked([headline(10n), lorenz('all')], T)[1]!.rows.map((r) => r.hidden)).toEqual([
      null,
      null,
    ]);
    expect(suppressLinked([headline(5n), lorenz('all')], T)[1]!.rows.map((r) => r.hidden)).toEqual([
      null,
      null,
    ]);
  });

  it('keeps the cut where the amounts prove the two are not nested', () => {
    // 6 persons aged 18–64 costing 1,000 in all (mean 167) cannot hold the 5 cheapest of all (mean 300):
    // each of the 5 cheapest costs at most what any other person costs
    const h = headline(6n);
    h.rows[0]!.cost_minor = 1_000n;
    // amounts are compared only between tables summing the same measure: tables tied by a link
    const tie = [{ total: { table: 'headline' }, parts: { table: 'lorenz' }, on: ['segment'] }];
    expect(suppressLinked([h, lorenz('all')], T, tie)[1]!.rows.map((r) => r.hidden)).toEqual([null, null]);
    // not tied: the amounts may measure different things, so the cut is hidden
    expect(suppressLinked([h, lorenz('all')], T)[1]!.rows.map((r) => r.hidden)).toEqual(['secondary', null]);
  });

  it('keeps the cut of an age group that cannot overlap the other group (65+ beside 18–64)', () => {
    const [, l] = suppressLinked([headline(6n), lorenz('65+')], T);
    expect(l!.rows.map((r) => r.hidden)).toEqual([null, null]);
  });

  it('compares only figures of the same period and municipality', () => {
    const other = headline(6n);
    other.rows[0]!.period = '2023';
    expect(suppressLinked([other, lorenz('all')], T)[1]!.rows.map((r) => r.hidden)).toEqual([null, null]);
  });
});

/**
 * Per-person bounds (member-bounds.ts): a cost interval says each of its persons costs from its lower
 * limit to below its upper one. Counted over the ranking's ages, the intervals bound c_k, the k-th
 * dearest's cost; a group whose persons all cost less cannot lie inside the dearest k, nor hold them.
 */
describe('rank cuts proven apart by cost intervals', () => {
  const unit = { period: '2024', municipality: '851' };
  /** the headline's persons aged 18–64 (all) and the 6 dearest of them (top), ranked by cost */
  const headline = (all: bigint, top: bigint): TableInput => ({
    id: 'headline',
    columns: [
      { name: 'period', kind: 'key' },
      { name: 'municipality', kind: 'key' },
      { name: 'segment', kind: 'key' },
      { name: 'age_from', kind: 'number' },
      { name: 'age_to', kind: 'number' },
      { name: 'persons', kind: 'persons' },
      money,
    ],
    persons: 'persons',
    ranked: {
      name: 'headline',
      by: ['period', 'municipality'],
      persons: 'persons',
      side: { column: 'segment', values: { all: 'all', top: 'dearest' } },
      amount: true,
    },
    rows: [
      { ...unit, segment: 'all', age_from: 18, age_to: 64, persons: 20n, cost_minor: all },
      { ...unit, segment: 'top', age_from: 18, age_to: 64, persons: 6n, cost_minor: top },
    ],
  });
  /** mart_cost_interval-like: the 20 persons aged 18–64 by cost interval (øre), interval 0 the total */
  const intervals = (cells: [number, number | null, bigint, bigint][]): TableInput => ({
    id: 'intervals',
    columns: [
      { name: 'period', kind: 'key' },
      { name: 'municipality', kind: 'key' },
      { name: 'grp', kind: 'key' },
      { name: 'interval_no', kind: 'key' },
      { name: 'lower_minor', kind: 'bound' },
      { name: 'upper_minor', kind: 'bound' },
      { name: 'persons', kind: 'persons' },
      money,
    ],
    persons: 'persons',
    dimensions: [{ column: 'interval_no', total: 0 }],
    members: { lower: 'lower_minor', upper: 'upper_minor' },
    rows: [
      {
        ...unit,
        grp: '18-64',
        interval_no: 0,
        lower_minor: null,
        upper_minor: null,
        persons: cells.reduce((s, c) => s + c[2], 0n),
        cost_minor: cells.reduce((s, c) => s + c[3], 0n),
      },
      ...cells.map(([lower, upper, persons, cost], i) => ({
        ...unit,
        grp: '18-64',
        interval_no: i + 1,
        lower_minor: BigInt(lower),
        upper_minor: upper === null ? null : BigInt(upper),
        persons,
        cost_minor: cost,
      })),
    ],
  });
  // one measure: the headline's 18–64 is the intervals' total (as mart_headline is mart_cost_interval's, by age groups)
  const tie: Link[] = [
    {
      total: { table: 'headline', where: { segment: ['all'] } },
      parts: { table: 'intervals', where: { interval_no: [0] } },
      on: ['period', 'municipality'],
    },
  ];
  const top = (tables: TableInput[], links: Link[] = tie) =>
    suppressLinked(tables, T, links)[0]!.rows.find((r) => r.cells.segment === 'top')!.hidden;

  it('shows the dearest 6 beside an interval of 5 persons that costs less than each of them', () => {
    // intervals of the 20: [0, 1,000) 9 persons 4,500 øre; [1,000, 5,000) 5 persons 20,000; [5,000, ∞)
    // 6 persons 60,000. The dearest 6 sum 60,000 (all 20: 84,500). 5 and 9 persons are 1 and 3 from 6.
    // 6 persons cost ≥ 5,000, so the 6th dearest costs c_6 ≥ 5,000: the interval of 5 (each < 5,000) has
    // none of the dearest 6 (not inside them, 6 − 5 = 1 is no person's cost), and the interval of 9
    // (each < 1,000) cannot hold them (the dearest costs ≥ 5,000).
    const cells: [number, number | null, bigint, bigint][] = [
      [0, 1_000, 9n, 4_500n],
      [1_000, 5_000, 5n, 20_000n],
      [5_000, null, 6n, 60_000n],
    ];
    expect(top([headline(84_500n, 60_000n), intervals(cells)])).toBeNull();
    // without the declared bounds only the amounts speak: the interval of 5's mean 4,000 is below the
    // cut's 10,000, but nothing bounds c_6 from below (no point of the ranking beyond the cut), so the cut goes
    const undeclared = intervals(cells);
    delete undeclared.members;
    expect(top([headline(84_500n, 60_000n), undeclared])).toBe('secondary');
  });

  it('keeps hiding the dearest 6 where the intervals cannot tell them from an interval of 5', () => {
    // [0, 1,000) 10 persons 5,000; [1,000, 5,000) 5 persons 20,000 (4,800 + 4,600 + 4,000 + 3,600 + 3,000);
    // [5,000, ∞) 5 persons 50,000. The dearest 6 are those 5 and the one of 4,800: 54,800 (all 20: 75,000).
    // Only 5 persons cost ≥ 5,000, so c_6 ≥ 1,000 is all the intervals say (10 cost ≥ 1,000): the
    // interval of 5 from 1,000 may lie inside the dearest 6 as far as the tables tell, and the top
    // interval does (54,800 − 50,000 = 4,800 is one person's cost): the cut goes
    const cells: [number, number | null, bigint, bigint][] = [
      [0, 1_000, 10n, 5_000n],
      [1_000, 5_000, 5n, 20_000n],
      [5_000, null, 5n, 50_000n],
    ];
    const [h, i] = suppressLinked([headline(75_000n, 54_800n), intervals(cells)], T, tie);
    expect(h!.rows.map((r) => r.hidden)).toEqual([null, 'secondary']);
    expect(i!.rows.map((r) => r.hidden)).toEqual([null, null, null, null]);
  });

  it('bounds a group drawn from an interval by its limits (a nested link), whatever amount it sums', () => {
    // as in the first case; a payer's row of the 9 persons of interval [0, 1,000) (their cost paid by
    // general practice: 900 øre, another measure) is drawn from that interval, so each of the 9 costs
    // < 1,000 < 5,000 ≤ the dearest: it cannot hold the dearest 6 (9 − 6 = 3 persons apart)
    const cells: [number, number | null, bigint, bigint][] = [
      [0, 1_000, 9n, 4_500n],
      [1_000, 5_000, 5n, 20_000n],
      [5_000, null, 6n, 60_000n],
    ];
    const payer: TableInput = {
      id: 'payer',
      columns: [
        { name: 'period', kind: 'key' },
        { name: 'municipality', kind: 'key' },
        { name: 'target_group', kind: 'key' },
        { name: 'persons', kind: 'persons' },
        money,
      ],
      persons: 'persons',
      rows: [{ ...unit, target_group: 'interval_1', persons: 9n, cost_minor: 900n }],
    };
    const drawn: Link = {
      total: { table: 'intervals', where: { interval_no: [1] } },
      parts: { table: 'payer' },
      on: ['period', 'municipality'],
      nested: true,
    };
    expect(top([headline(84_500n, 60_000n), intervals(cells), payer], [...tie, drawn])).toBeNull();
    // not drawn from it: the payer's 9 persons may be anyone's, and may hold the dearest 6
    const apart = { ...drawn, nested: false, total: { table: 'headline', where: { segment: ['all'] } } };
    expect(top([headline(84_500n, 60_000n), intervals(cells), payer], [...tie, apart])).toBe('secondary');
  });
});

describe('the bounds of a cut from cost intervals (memberBounds)', () => {
  // 20 persons aged 18–64 (one ranking, row 0 all, row 1 the dearest 6) and their intervals (rows 2–4)
  const scope = { period: '2024', municipality: '851', lo: 18, hi: 64, measure: 0 };
  const ranking = {
    size: 20,
    rows: [
      { row: 0, all: true, whole: true, side: 'all' as const },
      { row: 1, all: false, whole: false, side: 'dearest' as const, amount: true },
    ],
  };
  const bounds = (cells: [bigint, bigint | null, number, number][], all: number, top: number) =>
    memberBounds(
      [
        { rows: [{}, {}], persons: 'persons' },
        {
          members: { lower: 'lower', upper: 'upper' },
          persons: 'persons',
          rows: cells.map(([lower, upper]) => ({ lower, upper })),
        },
      ],
      [0, 2],
      [all, top, ...cells.map((c) => c[3])].map((money) => ({ ...scope, money })),
      [20, 6, ...cells.map((c) => c[2])],
    );
  const pair = (row: number, n: number, M: number, L: number) =>
    ({ ranking, cut: 1, k: 6, L, side: 'dearest', row, n, M, inside: true }) as const;

  it('proves apart only what the counts allow', () => {
    // 9 cost < 1,000, 5 from 1,000 to < 5,000, 6 ≥ 5,000: 6 ≥ 5,000 gives c_6 ≥ 5,000 and c_1 ≥ 5,000
    const b = bounds(
      [
        [0n, 1_000n, 9, 4_500],
        [1_000n, 5_000n, 5, 20_000],
        [5_000n, null, 6, 60_000],
      ],
      84_500,
      60_000,
    );
    expect(b.apart(pair(3, 5, 20_000, 60_000))).toBe(true); // each < 5,000 ≤ c_6: none in the dearest 6
    expect(b.apart(pair(2, 9, 4_500, 60_000))).toBe(true); // each < 1,000: cannot hold the dearest (≥ 5,000)
    // 10 < 1,000, 5 from 1,000, 5 ≥ 5,000: only 5 cost ≥ 5,000, so c_6 ≥ 1,000 (10 cost ≥ 1,000); the
    // 15 who cost < 5,000 give c_6 < 5,000 (A − 6 + 1 = 15), but nothing bounds the dearest from above
    const c = bounds(
      [
        [0n, 1_000n, 10, 5_000],
        [1_000n, 5_000n, 5, 20_000],
        [5_000n, null, 5, 50_000],
      ],
      75_000,
      54_800,
    );
    expect(c.apart(pair(3, 5, 20_000, 54_800))).toBe(false); // from 1,000 to < 5,000: may be in the cut
    expect(c.apart(pair(4, 5, 50_000, 54_800))).toBe(false); // ≥ 5,000: is in the cut (54,800 − 50,000)
    expect(c.apart(pair(2, 10, 5_000, 54_800))).toBe(true); // each < 1,000, the dearest ≥ 5,000
  });
});
