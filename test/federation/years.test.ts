/**
 * Years and places: a cluster imports each municipality's bundle as the years come in. A municipality's
 * 2025 bundle adds 2025 beside its 2024 figures (it used to replace them), a new 2024 bundle replaces
 * only 2024, and a third municipality joins without touching the others.
 */
import { describe, expect, it } from 'vitest';
import { openDuckDB } from '../../src/engine/duckdb.js';
import type { Bundle } from '../../src/federation/bundle.js';
import { compareImported, storeBundle } from '../../src/federation/federate.js';

/** A bundle of one municipality with U21003 for each period: value and persons as given. */
function bundle(municipality: string, figures: Record<string, [string, bigint]>, threshold = 5): Bundle {
  const periods = Object.keys(figures);
  return {
    source: `${municipality}-${periods.join('-')}.zip`,
    signedBy: null,
    trusted: false,
    manifest: {
      format: 'tvaerblik-aggregates',
      format_version: 1,
      created_at: '2026-01-01T00:00:00Z',
      tool: { name: 'tvaerblik', version: 'test' },
      country: 'SE',
      municipality,
      periods,
      threshold,
      catalogue: { id: 'se', version: '1' },
      method: { costing: 'ledger', suppression: 'test', warehouse_schema: 1 },
      files: [],
    },
    tables: [
      {
        name: 'key_figures',
        columns: [
          { name: 'period', kind: 'key' },
          { name: 'municipality', kind: 'key' },
          { name: 'key_figure', kind: 'key' },
          { name: 'value', kind: 'number' },
          { name: 'persons_min', kind: 'persons' },
          { name: 'suppressed', kind: 'key' },
        ],
        rows: periods.map((p) => ({
          period: p,
          municipality,
          key_figure: 'U21003',
          value: figures[p]![0],
          persons_min: figures[p]![1],
          suppressed: null,
        })),
      },
    ],
  } as unknown as Bundle;
}

describe('bundles by year and by municipality', () => {
  it('keeps every year of every municipality; a newer bundle of a year replaces that year only', async () => {
    const engine = await openDuckDB({ file: ':memory:' });
    try {
      await storeBundle(engine, bundle('1980', { '2024': ['395.00', 36n] }));
      await storeBundle(engine, bundle('1980', { '2025': ['406.85', 38n] })); // adds 2025
      await storeBundle(engine, bundle('1880', { '2024': ['400.10', 40n], '2025': ['410.00', 41n] }));
      await storeBundle(engine, bundle('0580', { '2025': ['390.00', 30n] }, 6)); // a third municipality
      await storeBundle(engine, bundle('1980', { '2024': ['396.50', 36n] })); // a corrected 2024
      const c = await compareImported(engine);
      expect(c.municipalities).toEqual(['0580', '1880', '1980']);
      expect(c.thresholds).toEqual({ '0580': 6, '1880': 5, '1980': 5 });
      const value = (period: string, m: string) =>
        c.figures.find((f) => f.figure === 'U21003' && f.period === period)?.municipalities[m]?.value;
      expect(value('2024', '1980')).toBe('396.50'); // replaced by the corrected bundle
      expect(value('2025', '1980')).toBe('406.85'); // kept
      expect(value('2024', '1880')).toBe('400.10');
      expect(value('2025', '1880')).toBe('410.00');
      expect(value('2025', '0580')).toBe('390.00');
      expect(value('2024', '0580')).toBeUndefined(); // never sent
      const rows = await engine.all<{ n: bigint }>(`SELECT count(*) AS n FROM fed_key_figures`);
      expect(Number(rows[0]!.n)).toBe(5); // 1980 ×2, 1880 ×2, 0580 ×1: no duplicate of 1980's 2024
    } finally {
      await engine.close();
    }
  });
});
