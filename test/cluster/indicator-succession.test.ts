// Cluster indicators that follow the organisation valid on each date (issue 20 item 4): Holbækklyngen until
// 2026-12-31, Sundhedsråd Vestsjælland (Holbæk, Kalundborg and, new with the council, Odsherred) from
// 2027-01-01. Every figure below is computed by hand.
import { describe, expect, it } from 'vitest';
import {
  councilsOf,
  holderChain,
  periodStart,
  predecessorsOn,
  warehouseSeriesByDate,
} from '../../src/cluster/indicator-succession.js';
import { progressOf, type IndicatorDef } from '../../src/cluster/indicators.js';
import type { Organisation } from '../../src/cluster/model.js';

const orgs: Organisation[] = [
  { id: 'klynge', name: 'Holbækklyngen', kind: 'cluster', validTo: '2026-12-31', successor: 'raad' },
  {
    id: 'raad',
    name: 'Sundhedsråd Vestsjælland',
    kind: 'health_council',
    validFrom: '2027-01-01',
    members: ['holbaek', 'kalundborg', 'odsherred'],
  },
  { id: 'holbaek', name: 'Holbæk Kommune', kind: 'municipality', municipality: '316' },
  { id: 'kalundborg', name: 'Kalundborg Kommune', kind: 'municipality', municipality: '326' },
  // in the file from the council's first day: not one of the cluster's municipalities in 2026
  {
    id: 'odsherred',
    name: 'Odsherred Kommune',
    kind: 'municipality',
    municipality: '306',
    validFrom: '2027-01-01',
  },
  { id: 'regsj', name: 'Region Sjælland', kind: 'region' },
];
const takeovers = [{ date: '2027-01-01', from: 'klynge', to: 'raad' }];

const def = (over: Partial<IndicatorDef>): IndicatorDef => ({
  id: 'genind',
  title: 'Genindlæggelser',
  source: 'warehouse',
  warehouseIndicator: 'readmission_rate_pct',
  warehouseCluster: 'Holbæk',
  better: 'lower',
  baselinePeriod: '2026',
  targetChangePct: -10,
  targetValue: null,
  followUp: null,
  note: null,
  ...over,
});
const row = (
  level: string,
  unit: string,
  period: string,
  indicator: string,
  n: number | null,
  d: number | null,
) => ({
  level,
  unit,
  period,
  indicator,
  numerator: n,
  denominator: d,
  // readmission_rate_pct: numerator × 100 / denominator; null when hidden
  value: n === null || d === null ? null : (n * 100) / d,
});

describe('the period belongs to the organisation valid on its first day', () => {
  it('reads the first day of a period id', () => {
    expect(['2027', '2027-H2', '2027-Q2', '2027-05', 'P1'].map(periodStart)).toEqual([
      '2027-01-01',
      '2027-07-01',
      '2027-04-01',
      '2027-05-01',
      undefined,
    ]);
  });

  it('the cluster, then the council; the council names the cluster as its predecessor until 2026-12-31', () => {
    expect(holderChain(orgs, takeovers)).toEqual([{ org: 'klynge' }, { org: 'raad', from: '2027-01-01' }]);
    expect(predecessorsOn(orgs, takeovers, '2026-07-01')).toEqual([]);
    expect(predecessorsOn(orgs, takeovers, '2027-01-01')).toEqual([{ org: 'klynge', until: '2026-12-31' }]);
    expect(councilsOf(orgs, takeovers)).toEqual([
      {
        id: 'raad',
        name: 'Sundhedsråd Vestsjælland',
        validFrom: '2027-01-01',
        members: [
          { id: 'holbaek', name: 'Holbæk Kommune' },
          { id: 'kalundborg', name: 'Kalundborg Kommune' },
          { id: 'odsherred', name: 'Odsherred Kommune' },
        ],
        tookOver: [{ id: 'klynge', name: 'Holbækklyngen', date: '2027-01-01' }],
      },
    ]);
  });

  it("2026 is the cluster's warehouse row, 2027 the council's members; one series with the cluster as history", () => {
    const I = 'readmission_rate_pct';
    const rows = [
      // 2026: the warehouse's cluster Holbæk (316 + 326): 30 of 200 = 15 %
      row('cluster', 'Holbæk', '2026', I, 30, 200),
      row('municipality', '316', '2026', I, 20, 100), // 20 %
      row('municipality', '326', '2026', I, 10, 100), // 10 %
      row('municipality', '306', '2026', I, 8, 50), // 16 %, but Odsherred was not in the cluster in 2026
      // 2027: the warehouse's cluster row is not the council's (it has no Odsherred) and is left out
      row('cluster', 'Holbæk', '2027', I, 21, 160),
      row('municipality', '316', '2027', I, 12, 100), // 12 %
      row('municipality', '326', '2027', I, 9, 60), // 15 %
      row('municipality', '306', '2027', I, 6, 40), // 15 %
    ];
    const out = warehouseSeriesByDate([def({})], rows, orgs, takeovers).get('genind')!;
    // the council 2027: (12 × 100 + 15 × 60 + 15 × 40) / (100 + 60 + 40) = 2700 / 200 = 13.5
    //                 = (12 + 9 + 6) × 100 / 200 = 27 × 100 / 200 = 13.5 %
    expect(out.map((s) => [s.unit, Object.fromEntries(s.values)])).toEqual([
      ['cluster', { '2026': 15, '2027': 13.5 }],
      ['holbaek', { '2026': 20, '2027': 12 }],
      ['kalundborg', { '2026': 10, '2027': 15 }],
      ['odsherred', { '2027': 15 }],
    ]);
    expect(out[0]).toMatchObject({ holder: 'raad', predecessors: [{ org: 'klynge', until: '2026-12-31' }] });
    // baseline 2026 = 15 (the cluster's), target −10 % = 13.5, latest 2027 = 13.5 (the council's):
    // progress (13.5 − 15) / (13.5 − 15) × 100 = 100 %, met (lower is better, 13.5 ≤ 13.5), trend down
    expect(progressOf(def({}), out[0]!)).toEqual({
      level: 'cluster',
      unit: 'cluster',
      baseline: 15,
      target: 13.5,
      latestPeriod: '2027',
      latest: 13.5,
      previous: 15,
      trend: 'down',
      progressPct: 100,
      met: true,
      holder: 'raad',
      predecessors: [{ org: 'klynge', until: '2026-12-31' }],
    });
  });

  it("a member's hidden row of a period hides the council's value of that period", () => {
    const I = 'home_care_after_discharge_pct';
    const rows = [
      row('municipality', '316', '2027-H1', I, 40, 80), // 50 %
      row('municipality', '326', '2027-H1', I, null, null), // hidden
      row('municipality', '306', '2027-H1', I, 10, 40), // 25 %
      row('municipality', '316', '2027-H2', I, 30, 60), // 50 %
      row('municipality', '326', '2027-H2', I, 12, 40), // 30 %
    ];
    const d = def({ id: 'hjem', warehouseIndicator: I, better: 'higher', baselinePeriod: '2027-H1' });
    const out = warehouseSeriesByDate([d], rows, orgs, takeovers).get('hjem')!;
    // 2027-H2 without an Odsherred row: (30 + 12) × 100 / (60 + 40) = 42 %
    expect(Object.fromEntries(out[0]!.values)).toEqual({ '2027-H1': 'hidden', '2027-H2': 42 });
  });
});
