/**
 * The publish-time audit of rank cuts: a cut (the cheapest k persons of a ranking) that may lie inside
 * another published group, or hold it, must not differ from that group by 1…threshold−1 persons.
 */
import { describe, expect, it } from 'vitest';
import { suppressLinked, type TableInput } from '../../src/suppression/index.js';

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
