/**
 * No person-level row leaves a municipality: for random tables of any size and any threshold, every
 * cell of a bundle that counts persons is 0, at least the threshold, or hidden; and the import's own
 * check (which refuses any other bundle) agrees after a round trip through the files.
 */
import fc from 'fast-check';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig, type Workspace } from '../../src/config/workspace.js';
import type { Row } from '../../src/engine/engine.js';
import { isPersonsColumn, readBundle, smallCell, writeBundle } from '../../src/federation/bundle.js';
import { bundleTables } from '../../src/federation/export.js';
import { hiddenCellsAll, type ColumnInfo, type ServedTable } from '../../src/publish/index.js';
import { EXAMPLE_YAML } from '../costing/worked-example.js';

const ws: Workspace = {
  dir: '.',
  configPath: 'tvaerblik.yaml',
  config: parseConfig(EXAMPLE_YAML),
  resolve: (p) => p,
};

const text = (name: string): ColumnInfo => ({ name, type: 'VARCHAR', kind: 'text', filterable: true });
const count = (name: string): ColumnInfo => ({ name, type: 'BIGINT', kind: 'count', filterable: false });
const money = (name: string): ColumnInfo => ({ name, type: 'BIGINT', kind: 'money', filterable: false });
const num = (name: string): ColumnInfo => ({ name, type: 'DOUBLE', kind: 'number', filterable: false });

const PERIODS = ['2023', '2024'];
const MUNIS = ['851', '461'];
const persons = fc.integer({ min: 0, max: 14 });

/** mart_key_figure rows: one per period, municipality and indicator (the mart's own suppression settings). */
const martRows = fc.array(
  fc.record({
    period: fc.constantFrom(...PERIODS),
    municipality: fc.constantFrom(...MUNIS),
    indicator: fc.constantFrom('persons', 'cost', 'cost_per_person', 'heavy_persons'),
    persons,
    amount_minor: fc.bigInt({ min: 0n, max: 10n ** 9n }),
    value: fc.double({ min: 0, max: 1000, noNaN: true }),
  }),
  { maxLength: 20 },
);

/** cost_unit rows: the service and provider users behind the key figures. */
const unitRows = fc.array(
  fc.record({
    period: fc.constantFrom(...PERIODS),
    municipality: fc.constantFrom(...MUNIS),
    catalogue_code: fc.constantFrom('SEL-83-PP', 'AEL-47', 'SEL-104'),
    provider: fc.constantFrom('own', 'external'),
    persons: persons.map(BigInt),
    total_minor: fc.bigInt({ min: 0n, max: 10n ** 9n }),
  }),
  { maxLength: 12 },
);

/** cost_key_figure rows, per unit and per user (where the denominator is the number of users). */
const figureRows = fc.array(
  fc.record({
    period: fc.constantFrom(...PERIODS),
    municipality: fc.constantFrom(...MUNIS),
    key_figure: fc.constantFrom('U21003', 'U23004', 'U28033', 'U28031'),
    numerator_minor: fc.bigInt({ min: 0n, max: 10n ** 9n }),
    users: fc.integer({ min: 1, max: 14 }),
  }),
  { maxLength: 8 },
);

function served(mart: Row[], units: Row[], figures: Row[]): ServedTable[] {
  const unique = <T extends Row>(rows: T[], key: (r: T) => string) => [
    ...new Map(rows.map((r) => [key(r), r])).values(),
  ];
  return [
    {
      name: 'mart_key_figure',
      columns: [
        text('period'),
        text('municipality'),
        text('indicator'),
        count('persons'),
        money('amount_minor'),
        num('value'),
      ],
      rows: unique(mart, (r) => `${r.period}|${r.municipality}|${r.indicator}`),
    },
    {
      name: 'cost_unit',
      columns: [
        text('period'),
        text('municipality'),
        text('catalogue_code'),
        text('provider'),
        count('persons'),
        money('total_minor'),
      ],
      rows: unique(units, (r) => `${r.period}|${r.municipality}|${r.catalogue_code}|${r.provider}`),
    },
    {
      name: 'cost_key_figure',
      columns: [
        text('period'),
        text('municipality'),
        text('key_figure'),
        text('measure'),
        money('numerator_minor'),
        num('denominator'),
        num('value'),
      ],
      rows: unique(figures, (r) => `${r.period}|${r.municipality}|${r.key_figure}`).map((f) => ({
        period: String(f.period),
        municipality: String(f.municipality),
        key_figure: String(f.key_figure),
        measure: f.key_figure === 'U28033' ? 'user' : 'day',
        numerator_minor: f.numerator_minor ?? null,
        denominator: `${String(f.users)}.0000`,
        value: '1.00',
      })),
    },
  ];
}

describe('a bundle holds nothing below the threshold', () => {
  it('every persons cell is 0, at least the threshold, or hidden, for any tables and threshold', () => {
    fc.assert(
      fc.property(
        martRows,
        unitRows,
        figureRows,
        fc.integer({ min: 3, max: 10 }),
        fc.constantFrom(...MUNIS),
        (mart, units, figures, threshold, muni) => {
          const tables = served(mart, units, figures);
          const hidden = hiddenCellsAll(tables, threshold);
          const withHidden = tables.map((table) => ({ table, hidden: hidden.get(table.name)! }));
          const bundle = bundleTables(ws, withHidden, threshold, muni, PERIODS);
          expect(bundle.map((t) => t.name)).toEqual(['key_figures', 'mart_key_figure', 'cost_unit']);
          for (const t of bundle) {
            expect(smallCell(t, threshold)).toBeNull();
            for (const r of t.rows) {
              expect(r.municipality).toBe(muni);
              for (const c of t.columns.filter(isPersonsColumn)) {
                const v = r[c.name];
                expect(v === null || Number(v) === 0 || Number(v) >= threshold).toBe(true);
              }
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('and the import accepts what the export wrote (round trip through the files)', async () => {
    await fc.assert(
      fc.asyncProperty(
        martRows,
        unitRows,
        figureRows,
        fc.integer({ min: 3, max: 8 }),
        async (m, u, f, threshold) => {
          const tables = served(m, u, f);
          const hidden = hiddenCellsAll(tables, threshold);
          const bundle = bundleTables(
            ws,
            tables.map((table) => ({ table, hidden: hidden.get(table.name)! })),
            threshold,
            '851',
            PERIODS,
          );
          const out = mkdtempSync(path.join(tmpdir(), 'tvaerblik-fed-prop-'));
          const head = {
            created_at: '2025-01-01T00:00:00Z',
            tool: { name: 'tvaerblik', version: 'test' },
            country: 'DK',
            municipality: '851',
            periods: PERIODS,
            threshold,
            catalogue: { id: 'dk', version: 'test' },
            method: { costing: 'ledger', suppression: 'test', warehouse_schema: 1 },
          };
          await writeBundle(out, head, bundle);
          const read = await readBundle(out);
          expect(read.tables.map((t) => t.rows.length)).toEqual(bundle.map((t) => t.rows.length));
        },
      ),
      { numRuns: 25 },
    );
  });

  it('the check finds a count below the threshold (the test can fail)', () => {
    const table = {
      name: 't',
      columns: [
        { name: 'group', kind: 'key' as const },
        { name: 'users', kind: 'number' as const },
      ],
      rows: [
        { group: 'a', users: 12n },
        { group: 'b', users: 2n },
      ],
    };
    // a column named like a count is checked whatever kind the bundle declares
    expect(smallCell(table, 5)).toEqual({ row: 2, column: 'users' });
    expect(smallCell(table, 2)).toBeNull();
  });

  it('a share of persons (mart_headline.persons_share) is a ratio, not a count: its own export imports', () => {
    // the headline mart: 120 persons are 2.13 % of the population, and a share of 0.0213 is no cell of 0.02 persons
    const table = {
      name: 'mart_headline',
      columns: [
        { name: 'measure', kind: 'key' as const },
        { name: 'persons', kind: 'persons' as const },
        { name: 'persons_share', kind: 'number' as const },
        { name: 'persons_cum', kind: 'number' as const },
      ],
      rows: [
        { measure: 'top_2pct', persons: 120n, persons_share: '0.0213', persons_cum: 120n },
        { measure: 'top_5pct', persons: 180n, persons_share: '0.0320', persons_cum: 300n },
      ],
    };
    expect(smallCell(table, 5)).toBeNull();
    // a count below the threshold in the same table is still found, also under a count-like name
    table.rows[1]!.persons_cum = 3n;
    expect(smallCell(table, 5)).toEqual({ row: 2, column: 'persons_cum' });
  });
});
