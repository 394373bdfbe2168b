/**
 * `tvaerblik decide payers`: who pays for a target group, from mart_payer through the one publish path —
 * a small warehouse run through the analyses, then the command's rows, named and suppressed as printed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAnalyses } from '../../src/analysis/index.js';
import { payerRows, shownPayerRows } from '../../src/cli/commands/decide-payers.js';
import { baselineFromMart, OPTION_KEYS } from '../../src/decisions/baseline.js';
import type { Engine } from '../../src/engine/engine.js';
import { UserError } from '../../src/errors.js';
import { publishMarts, type PublishedTable } from '../../src/publish/index.js';
import { quietOutput, warehouse, workspace, type CostRow } from '../analysis/fixture.js';

// 30 persons in 851, 2024: home care in Ældre og Handicap 10,000.01 kr. each (municipal, registered);
// persons 0–9 a hospital stay of 2,500.50 kr. (regional, priced by KMF); persons 0–2 a GP visit of
// 150.25 kr. (regional, catalogue family general_practice).
const persons = Array.from({ length: 30 }, (_, i) => ({ key: `p${i}`, born: 1950 }));
const costs: CostRow[] = [
  ...persons.map((p) => ({
    person: p.key,
    code: 'SEL-83-PP',
    department: 'Ældre og Handicap',
    kr: 10_000.01,
  })),
  ...persons.slice(0, 10).map((p) => ({
    person: p.key,
    code: 'SUL-REG-SOM-IND',
    department: 'Region',
    kr: 2_500.5,
    sector: 'regional' as const,
  })),
  ...persons.slice(0, 3).map((p) => ({
    person: p.key,
    code: 'SUL-REG-AP',
    department: 'Region',
    kr: 150.25,
    sector: 'regional' as const,
  })),
];

let engine: Engine;
let all: PublishedTable | undefined; // threshold 3: nothing hidden here
let table: PublishedTable | undefined; // threshold 5
beforeAll(async () => {
  engine = await warehouse({ persons, costs });
  await runAnalyses(workspace(), engine, quietOutput());
  all = (await publishMarts(engine, 3)).get('mart_payer');
  table = (await publishMarts(engine, 5)).get('mart_payer');
});
afterAll(() => engine.close());

const figures = (t: PublishedTable | undefined, group: string) =>
  payerRows(t, { group }).map((r) => [r.payer, r.basis, r.year, r.persons, r.costMinor, r.hidden]);

describe('decide payers', () => {
  it('gives the cost per payer and year of the whole target group', () => {
    const want = [
      // 30 × 1,000,001 øre = 30,000,030
      ['Ældre og Handicap', 'registered', 2024, 30n, 30_000_030n, null],
      // 10 × 250,050 øre = 2,500,500; kmf rows have no year of service: the period's one year (2024)
      ['region', 'kmf', 2024, 10n, 2_500_500n, null],
      // 3 × 15,025 øre = 45,075
      ['general_practice', 'kmf', 2024, 3n, 45_075n, null],
    ];
    expect(figures(all, 'all')).toEqual(want);
    // everyone's in-scope (municipal) cost is 10,000.01 kr.: interval 1 (0–50,000 kr.) is the same persons
    expect(figures(all, 'interval_1')).toEqual(want);
  });

  it('prints payer and basis by name; a row of fewer than 5 persons is hidden ("< 5", "x")', () => {
    const shown = shownPayerRows(payerRows(table, { group: 'all' }), 'da', 5);
    const gp = shown.find((r) => r.Betaler === 'Almen praksis')!;
    expect(gp).toMatchObject({ Grundlag: 'KMF', År: '2024', Borgere: '< 5', Udgift: 'x' });
    expect(shown.map((r) => r.Betaler).sort()).toEqual(['Almen praksis', 'Regionen', 'Ældre og Handicap']);
    const shown1 = shownPayerRows(payerRows(all, { group: 'all' }), 'da', 3);
    expect(shown1[0]).toMatchObject({ Grundlag: 'registreret', Borgere: '30', Udgift: '300.000,30' });
  });

  it('knows the groups: an empty one gives no rows, an unknown one names the nearest', () => {
    // heavy: 250,000 kr. or more (default); no one here
    expect(payerRows(table, { group: 'heavy' })).toEqual([]);
    let error: unknown;
    try {
      payerRows(table, { group: 'intervall_1' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).localise?.('en').hint).toContain('"interval_1"');
  });
});

describe('an investment case reads its baseline from the same published rows', () => {
  const keys = OPTION_KEYS;
  it('takes each payer of the case its part of the group in the latest year of service', () => {
    const b = baselineFromMart(
      all,
      { group: 'all', payers: { kommune: ['municipal'], praksis: ['general_practice'] } },
      ['region', 'kommune', 'praksis'],
      keys,
    );
    // region 10 × 250,050 = 2,500,500 (KMF); kommune: Ældre og Handicap 30 × 1,000,001 = 30,000,030;
    // praksis 3 × 15,025 = 45,075
    expect(b.perPayer).toEqual(
      new Map([
        ['region', 2_500_500n],
        ['kommune', 30_000_030n],
        ['praksis', 45_075n],
      ]),
    );
    expect(b.source).toMatchObject({ table: 'mart_payer', year: 2024, municipality: null, leftOut: [] });
  });

  it('stops at a hidden cell the case needs (threshold 5: general practice rests on 3 persons)', () => {
    let error: unknown;
    try {
      baselineFromMart(
        table,
        { group: 'all', payers: { praksis: ['general_practice'] } },
        ['region', 'praksis'],
        keys,
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).localise?.('en').message).toContain('hidden');
  });
});
