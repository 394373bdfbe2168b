import { describe, expect, it } from 'vitest';
import { forecast, rampShare, type ForecastInput } from '../../src/cluster/forecast.js';
import { fraction } from '../../src/core/money.js';

const kr = (n: number) => BigInt(Math.round(n * 100));
// the seed's TeleKOL: 218 citizens; 10 % after 2 months, 50 % after 8, 95 % after 16
const telekol: ForecastInput = {
  start: '2024-01',
  months: 24,
  targets: { Randers: 94, Favrskov: 47, Syddjurs: 41, Norddjurs: 37 },
  ramp: [
    { month: 2, percent: 10 },
    { month: 8, percent: 50 },
    { month: 16, percent: 95 },
  ],
  region: 'Region',
  equipmentPerCitizen: kr(10_000),
  monitoringPerCitizenMonth: kr(500),
  equipmentSplit: { region: 65, municipalities: 35 },
  monitoringSplit: { region: 50, municipalities: 50 },
};

describe('initiative forecast (TeleKOL)', () => {
  it('the ramp is linear between its points and flat after the last', () => {
    expect(rampShare(telekol.ramp, 1)).toEqual(fraction(1n, 20n));
    expect(rampShare(telekol.ramp, 5)).toEqual(fraction(3n, 10n));
    expect(rampShare(telekol.ramp, 16)).toEqual(fraction(19n, 20n));
    expect(rampShare(telekol.ramp, 30)).toEqual(fraction(19n, 20n));
  });

  it('included citizens by month, rounded half up per municipality (hand-computed)', () => {
    const f = forecast(telekol);
    const at = (month: string) => f.months.find((m) => m.month === month)!.included;
    // 10 %: 9.4, 4.7, 4.1, 3.7
    expect(at('2024-02')).toEqual({ Randers: 9, Favrskov: 5, Syddjurs: 4, Norddjurs: 4 });
    // 30 % (month 5): 28.2, 14.1, 12.3, 11.1
    expect(at('2024-05')).toEqual({ Randers: 28, Favrskov: 14, Syddjurs: 12, Norddjurs: 11 });
    // 50 %: 47, 23.5, 20.5, 18.5
    expect(at('2024-08')).toEqual({ Randers: 47, Favrskov: 24, Syddjurs: 21, Norddjurs: 19 });
    // 95 % (month 16 = April 2025): 89.3, 44.65, 38.95, 35.15 → 208 of 218
    expect(at('2025-04')).toEqual({ Randers: 89, Favrskov: 45, Syddjurs: 39, Norddjurs: 35 });
    expect(f.months[23]!.month).toBe('2025-12');
  });

  it('cost per organisation per year: equipment 65/35 and monitoring 50/50, each municipality paying for its own citizens', () => {
    const f = forecast({
      ...telekol,
      start: '2024-11',
      months: 3,
      targets: { A: 10, B: 10 },
      ramp: [
        { month: 1, percent: 50 },
        { month: 2, percent: 100 },
      ],
      equipmentPerCitizen: kr(1_000),
      monitoringPerCitizenMonth: kr(100),
    });
    // included: Nov 5+5, Dec 10+10, Jan 10+10 → equipment for 20 citizens in 2024 (20,000 kr.);
    // monitoring 30 citizen-months in 2024 (3,000 kr.) and 20 in 2025 (2,000 kr.)
    expect(f.costs).toEqual([
      { year: 2024, org: 'Region', equipment: kr(13_000), monitoring: kr(1_500), total: kr(14_500) },
      { year: 2024, org: 'A', equipment: kr(3_500), monitoring: kr(750), total: kr(4_250) },
      { year: 2024, org: 'B', equipment: kr(3_500), monitoring: kr(750), total: kr(4_250) },
      { year: 2025, org: 'Region', equipment: 0n, monitoring: kr(1_000), total: kr(1_000) },
      { year: 2025, org: 'A', equipment: 0n, monitoring: kr(500), total: kr(500) },
      { year: 2025, org: 'B', equipment: 0n, monitoring: kr(500), total: kr(500) },
    ]);
  });

  it('the parts of each year add up to the cost exactly, even when the split leaves fractions of an øre', () => {
    const f = forecast({ ...telekol, equipmentPerCitizen: 333n, monitoringPerCitizenMonth: 7n });
    for (const year of [2024, 2025]) {
      const rows = f.costs.filter((c) => c.year === year);
      const months = f.months.filter((m) => m.month.startsWith(String(year)));
      const equipment = months.reduce(
        (s, m) => s + Object.values(m.newlyIncluded).reduce((a, b) => a + b, 0),
        0,
      );
      const citizenMonths = months.reduce(
        (s, m) => s + Object.values(m.included).reduce((a, b) => a + b, 0),
        0,
      );
      expect(rows.reduce((s, c) => s + c.total, 0n)).toBe(
        BigInt(equipment) * 333n + BigInt(citizenMonths) * 7n,
      );
    }
  });

  it('shows the reported inclusions beside the forecast', () => {
    const f = forecast({ ...telekol, actual: { '2024-02': { Randers: 7, Favrskov: 6 } } });
    expect(f.months[1]!.actual).toEqual({ Randers: 7, Favrskov: 6 });
  });

  it('refuses a ramp that decreases and a split that is not 100 %', () => {
    expect(() =>
      forecast({
        ...telekol,
        ramp: [
          { month: 2, percent: 50 },
          { month: 8, percent: 40 },
        ],
      }),
    ).toThrow('The ramp decreases: 40 % at month 8 is less than the 50 % before it (or above 100 %).');
    expect(() => forecast({ ...telekol, equipmentSplit: { region: 65, municipalities: 30 } })).toThrow(
      /split of equipment \(65 % region, 30 % municipalities\) does not add up to 100 %/,
    );
    expect(() => forecast({ ...telekol, start: '2024-13' })).toThrow(/not a month/);
  });
});
