// A health council declared with members that takes over no cluster (docs/cluster.md, "Indicators that
// follow the organisation"): Sundhedsråd Nordsjælland (Helsingør 217, Fredensborg 210) from 2027-01-01,
// beside a cluster organisation it does not take over, and Hillerød (219) in the file but not a member.
// The council's figures come from its members' published rows from its first day, without history.
// Every figure below is computed by hand.
import { describe, expect, it } from 'vitest';
import {
  councilsOf,
  councilsOnTheirOwn,
  followsOrganisations,
  indicatorHolderOn,
  namedHolders,
  warehouseSeriesByDate,
} from '../../src/cluster/indicator-succession.js';
import { progressOf, toSeries, type IndicatorDef } from '../../src/cluster/indicators.js';
import type { Organisation } from '../../src/cluster/model.js';

const orgs: Organisation[] = [
  { id: 'klynge', name: 'Klynge Nord', kind: 'cluster' },
  {
    id: 'raad',
    name: 'Sundhedsråd Nordsjælland',
    kind: 'health_council',
    validFrom: '2027-01-01',
    members: ['helsingor', 'fredensborg'],
  },
  { id: 'helsingor', name: 'Helsingør Kommune', kind: 'municipality', municipality: '217' },
  { id: 'fredensborg', name: 'Fredensborg Kommune', kind: 'municipality', municipality: '210' },
  { id: 'hillerod', name: 'Hillerød Kommune', kind: 'municipality', municipality: '219' },
];
const noTakeovers: never[] = [];
const I = 'readmission_rate_pct';

const def: IndicatorDef = {
  id: 'genind',
  title: 'Genindlæggelser',
  source: 'warehouse',
  warehouseIndicator: I,
  warehouseCluster: 'Nord',
  better: 'lower',
  baselinePeriod: '2027',
  targetChangePct: -10,
  targetValue: null,
  followUp: null,
  note: null,
};
// readmission_rate_pct: numerator × 100 / denominator; both null when the row is hidden
const row = (level: string, unit: string, period: string, n: number | null, d: number | null) => ({
  level,
  unit,
  period,
  indicator: I,
  numerator: n,
  denominator: d,
  value: n === null || d === null ? null : (n * 100) / d,
});
const table = (series: ReturnType<typeof toSeries>) =>
  series.get('genind')!.map((s) => [s.unit, Object.fromEntries(s.values)]);

describe('a health council that takes over no cluster', () => {
  it('is found, and holds the periods from its first day', () => {
    expect(councilsOnTheirOwn(orgs, noTakeovers).map((o) => o.id)).toEqual(['raad']);
    expect(followsOrganisations(orgs, noTakeovers)).toBe(true);
    // without the council the file is the plain cluster of before
    expect(
      followsOrganisations(
        orgs.filter((o) => o.id !== 'raad'),
        noTakeovers,
      ),
    ).toBe(false);
    // where the file has a takeover, the takeover decides (src/cluster/succession.ts holderOn)
    expect(councilsOnTheirOwn(orgs, [{ date: '2027-01-01', from: 'klynge', to: 'raad' }])).toEqual([]);
    expect(indicatorHolderOn(orgs, noTakeovers, '2026-07-01')).toBe('klynge');
    expect(indicatorHolderOn(orgs, noTakeovers, '2027-01-01')).toBe('raad');
    expect(councilsOf(orgs, noTakeovers)[0]).toMatchObject({ id: 'raad', tookOver: [] });
  });

  it("gets its value from its members' rows from 2027, no earlier periods, no predecessor", () => {
    const rows = [
      // 2026, before the council: the warehouse's cluster row is no history of the council's
      row('cluster', 'Nord', '2026', 25, 200), // 12.5 %, left out
      row('municipality', '217', '2026', 15, 100), // 15 %
      row('municipality', '210', '2026', 10, 100), // 10 %
      row('municipality', '219', '2026', 5, 50), // 10 %: one of the file's municipalities that year
      // 2027: the council = Helsingør + Fredensborg; Hillerød is not a member
      row('cluster', 'Nord', '2027', 30, 250), // 12 %, not the council's figure: left out
      row('municipality', '217', '2027', 12, 100), // 12 %
      row('municipality', '210', '2027', 6, 40), // 15 %
      row('municipality', '219', '2027', 4, 50), // 8 %, not a member: left out
      // 2028
      row('municipality', '217', '2028', 11, 100), // 11 %
      row('municipality', '210', '2028', 4, 50), // 8 %
    ];
    const out = warehouseSeriesByDate([def], rows, orgs, noTakeovers);
    // 2027: Σ value × denominator ÷ Σ denominator = (12 × 100 + 15 × 40) / (100 + 40) = 1800 / 140
    //       = 12.857142… → 12.8571 (4 decimals); the same as (12 + 6) × 100 / 140
    // 2028: (11 × 100 + 8 × 50) / (100 + 50) = 1500 / 150 = 10
    expect(table(out)).toEqual([
      ['cluster', { '2027': 12.8571, '2028': 10 }],
      ['fredensborg', { '2026': 10, '2027': 15, '2028': 8 }],
      ['helsingor', { '2026': 15, '2027': 12, '2028': 11 }],
      ['hillerod', { '2026': 10 }],
    ]);
    const council = out.get('genind')![0]!;
    expect(council).toMatchObject({ holder: 'raad', predecessors: [] });
    // baseline 2027 = 12.8571; target −10 % = 12.8571 × 0.9 = 11.57139 → 11.57; latest 2028 = 10, previous
    // 12.8571 → down; progress (10 − 12.8571) / (11.57 − 12.8571) × 100 = −2.8571 / −1.2871 × 100
    // = 221.98 → 222 %; met: 10 ≤ 11.57
    expect(progressOf(def, council)).toEqual({
      level: 'cluster',
      unit: 'cluster',
      baseline: 12.8571,
      target: 11.57,
      latestPeriod: '2028',
      latest: 10,
      previous: 12.8571,
      trend: 'down',
      progressPct: 222,
      met: true,
      holder: 'raad',
    });
  });

  it("is hidden in a period where any member's row is hidden", () => {
    const rows = [
      row('municipality', '217', '2027', null, null), // hidden (too few persons)
      row('municipality', '210', '2027', 6, 40), // 15 %
      row('municipality', '217', '2028', 11, 100), // 11 %
      row('municipality', '210', '2028', 4, 50), // 8 %
    ];
    // 2027 hidden: a council figure beside Fredensborg's 15 % would reveal Helsingør's hidden one
    // 2028: (11 × 100 + 8 × 50) / 150 = 10
    expect(table(warehouseSeriesByDate([def], rows, orgs, noTakeovers))).toEqual([
      ['cluster', { '2027': 'hidden', '2028': 10 }],
      ['fredensborg', { '2027': 15, '2028': 8 }],
      ['helsingor', { '2027': 'hidden', '2028': 11 }],
    ]);
  });

  it('names the council on the reported series too, without predecessors', () => {
    const reported = toSeries([
      { indicator: 'genind', level: 'cluster', unit: 'cluster', period: '2027', value: 7 },
      { indicator: 'genind', level: 'member', unit: 'helsingor', period: '2027', value: 4 },
    ]);
    expect(namedHolders(reported, orgs, noTakeovers).get('genind')![0]).toMatchObject({
      holder: 'raad',
      predecessors: [],
    });
  });
});
