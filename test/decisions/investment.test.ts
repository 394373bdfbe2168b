/**
 * An investment case computed by hand (docs/decisions.md): a TeleKOL-like initiative with three
 * payers (region, municipality, general practice) over five years. All amounts in øre.
 */
import { describe, expect, it } from 'vitest';
import { fraction } from '../../src/core/money.js';
import { evaluateInvestment, type InvestmentCase, type Scenario } from '../../src/decisions/investment.js';

const YEARS = [2025, 2026, 2027, 2028, 2029];
const units = (
  low: number,
  expected: number,
  high: number,
): Record<Scenario, ReturnType<typeof fraction>> => ({
  low: fraction(BigInt(low)),
  expected: fraction(BigInt(expected)),
  high: fraction(BigInt(high)),
});
const each = <T>(v: T, years = YEARS) => new Map(years.map((y) => [y, v]));

const TELEKOL: InvestmentCase = {
  years: YEARS,
  payers: ['region', 'kommune', 'praksis'],
  costs: [
    // equipment 65 % region / 35 % municipality; 100,000.01 kr in 2027 leaves one øre to place
    {
      id: 'equipment',
      name: 'Udstyr',
      perYear: new Map([
        [2025, 30_000_000n],
        [2027, 10_000_001n],
      ]),
      split: new Map([
        ['region', 65n],
        ['kommune', 35n],
      ]),
    },
    // monitoring unit 50/50, 120,000 kr a year
    {
      id: 'monitoring',
      name: 'Monitorering',
      perYear: each(12_000_000n),
      split: new Map([
        ['region', 50n],
        ['kommune', 50n],
      ]),
    },
    {
      id: 'gp',
      name: 'Oplæring',
      perYear: new Map([[2025, 2_000_000n]]),
      split: new Map([['praksis', 100n]]),
    },
  ],
  effects: [
    // admissions avoided at 40,000 kr, saved by the region
    {
      id: 'admissions',
      name: 'Indlæggelser',
      unitCost: fraction(4_000_000n),
      perYear: new Map([
        [2025, units(0, 2, 4)],
        ...[2026, 2027, 2028, 2029].map((y) => [y, units(2, 6, 10)] as const),
      ]),
      split: new Map([['region', 1n]]),
    },
    // home-care hours at the ledger's 13,510 kr / 3 hours = 4,503.33⅓ kr… per 10 hours: 1,351,000/3 øre an hour
    {
      id: 'home_care',
      name: 'Hjemmeplejetimer',
      unitCost: fraction(1_351_000n, 3n),
      perYear: new Map([
        [2025, units(0, 30, 60)],
        ...[2026, 2027, 2028, 2029].map((y) => [y, units(30, 90, 150)] as const),
      ]),
      split: new Map([['kommune', 1n]]),
    },
    // one day of temporary housing at 1,000,000/3 øre, shared 50/50: the exact parts are ⅔ øre each
    {
      id: 'temp',
      name: 'Midlertidige pladser',
      unitCost: fraction(1_000_000n, 3n),
      perYear: new Map([[2026, units(0, 1, 1)]]),
      split: new Map([
        ['region', 50n],
        ['kommune', 50n],
      ]),
    },
  ],
};

const result = evaluateInvestment(TELEKOL);
const row = (payer: string, year: number) => result.rows.find((r) => r.payer === payer && r.year === year)!;

describe('an investment case (TeleKOL-like, three payers, five years)', () => {
  it('splits each cost by its shares, whole øre adding up to the ledger', () => {
    // 2025: equipment 30,000,000 × 65 % = 19,500,000 + monitoring 6,000,000
    expect(row('region', 2025).costMinor).toBe(25_500_000n);
    expect(row('kommune', 2025).costMinor).toBe(16_500_000n);
    expect(row('praksis', 2025).costMinor).toBe(2_000_000n);
    // 2027: 10,000,001 × 65 % = 6,500,000.65 and × 35 % = 3,500,000.35: the øre left goes to .65
    expect(row('region', 2027).costMinor).toBe(6_500_001n + 6_000_000n);
    expect(row('kommune', 2027).costMinor).toBe(3_500_000n + 6_000_000n);
    expect(row('*', 2027).costMinor).toBe(10_000_001n + 12_000_000n);
  });

  it('values savings exactly and rounds once: the payers add up to the rounded year', () => {
    // 2025 expected: 2 admissions × 4,000,000; 30 hours × 1,351,000/3 = 13,510,000
    expect(row('region', 2025).savingMinor.expected).toBe(8_000_000n);
    expect(row('kommune', 2025).savingMinor.expected).toBe(13_510_000n);
    // 2026 expected: region 24,000,000 + 166,666⅔; municipality 40,530,000 + 166,666⅔;
    // the year 64,863,333⅓ → 64,863,333; floors 24,166,666 + 40,696,666 leave 1 øre: equal
    // remainders, so the first payer (region) takes it
    expect(row('*', 2026).savingMinor.expected).toBe(64_863_333n);
    expect(row('region', 2026).savingMinor.expected).toBe(24_166_667n);
    expect(row('kommune', 2026).savingMinor.expected).toBe(40_696_666n);
    for (const year of YEARS)
      for (const s of ['low', 'expected', 'high'] as const) {
        const payers = ['region', 'kommune', 'praksis'].map((p) => row(p, year));
        expect(payers.reduce((a, r) => a + r.savingMinor[s], 0n)).toBe(row('*', year).savingMinor[s]);
        expect(payers.reduce((a, r) => a + r.costMinor, 0n)).toBe(row('*', year).costMinor);
      }
  });

  it('nets and cumulates per payer', () => {
    // region expected: 2025 8,000,000 − 25,500,000 = −17,500,000; 2026 24,166,667 − 6,000,000 = 18,166,667
    expect(row('region', 2025).netMinor.expected).toBe(-17_500_000n);
    expect(row('region', 2026).cumulativeNetMinor.expected).toBe(666_667n);
    // 2027 24,000,000 − 12,500,001 = 11,499,999 → 12,166,666; then +18,000,000 twice
    expect(row('region', 2029).cumulativeNetMinor.expected).toBe(48_166_666n);
    // municipality: −2,990,000 + 34,696,666 + 31,030,000 + 34,530,000 + 34,530,000
    expect(row('kommune', 2029).cumulativeNetMinor.expected).toBe(131_796_666n);
    expect(row('praksis', 2029).cumulativeNetMinor.expected).toBe(-2_000_000n);
    expect(row('*', 2029).cumulativeNetMinor.expected).toBe(48_166_666n + 131_796_666n - 2_000_000n);
  });

  it('finds the break-even year per payer and scenario', () => {
    expect(result.breakEven.get('region')).toEqual({ low: null, expected: 2026, high: 2026 });
    // municipality low: −16,500,000, +7,510,000, +4,010,000, +7,510,000 → 2,530,000 in 2028
    // municipality high: 60 hours × 1,351,000/3 = 27,020,000 − 16,500,000 > 0 already in 2025
    expect(result.breakEven.get('kommune')).toEqual({ low: 2028, expected: 2026, high: 2025 });
    // general practice pays and saves nothing: never
    expect(result.breakEven.get('praksis')).toEqual({ low: null, expected: null, high: null });
    expect(result.breakEven.get('*')!.expected).toBe(2026);
  });

  it('region low: the 2027 equipment pushes the cumulative net further down; never breaks even', () => {
    // −25,500,000; +2,000,000; 8,000,000 − 12,500,001 = −4,500,001; +2,000,000; +2,000,000
    expect(row('region', 2029).cumulativeNetMinor.low).toBe(-24_000_001n);
  });
});
