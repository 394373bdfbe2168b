import { describe, expect, it } from 'vitest';
import { publishForCli } from '../../src/publish/index.js';

describe('CLI tables pass the same suppression as the API', () => {
  it('tvaerblik cost: a unit cost used by 3 citizens shows "< 5" for its persons and "x" for its volume and amounts', () => {
    const units = [
      {
        period: '2024',
        municipality: '851',
        code: 'A',
        provider: 'own',
        unit: 'hour',
        volume: '120.0000',
        total: 1_000_000n,
        per_unit: 8_333n,
        persons: 40n,
      },
      {
        period: '2024',
        municipality: '851',
        code: 'B',
        provider: 'own',
        unit: 'day',
        volume: '9.0000',
        total: 450_000n,
        per_unit: 50_000n,
        persons: 3n,
      },
    ];
    const shown = publishForCli('cost_unit', units, 5, [
      'period',
      'municipality',
      'code',
      'provider',
      'unit',
    ]);
    expect(shown[0]).toEqual(units[0]);
    expect(shown[1]).toEqual({ ...units[1], volume: 'x', total: 'x', per_unit: 'x', persons: '< 5' });
  });

  it('tvaerblik trajectories: groups with 4 and 2 readmissions show "< 5"; the total of 6 stays', () => {
    // total 30 index stays = group a (18) + group b (12), with 4 and 2 readmissions: both small
    const rows = [
      { period: '2024', level: 'total', grp: 'all', index_stays: 30n, readmissions: 6n, rate_pct: 20 },
      { period: '2024', level: 'municipality', grp: 'a', index_stays: 18n, readmissions: 4n, rate_pct: 22.2 },
      { period: '2024', level: 'municipality', grp: 'b', index_stays: 12n, readmissions: 2n, rate_pct: 16.7 },
    ];
    const shown = publishForCli('readmission_rate', rows, 5);
    expect(shown.map((r) => r.readmissions)).toEqual([6n, '< 5', '< 5']);
    expect(shown.map((r) => r.rate_pct)).toEqual([20, 'x', 'x']); // a hidden rate never reads "< 5 %"
  });
});
