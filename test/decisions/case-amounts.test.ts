/**
 * A case file's amounts and units as a Danish committee writes them: `40.000` is forty thousand kroner,
 * `1.000.000,00` a million, a refund a negative cost; a unit count of `1.500` is refused (1500 in Danish,
 * 1.5 in English) instead of being read as 1.5.
 */
import { describe, expect, it } from 'vitest';
import { evaluateInvestment } from '../../src/decisions/investment.js';
import { parseCaseFile, toInvestmentCase } from '../../src/decisions/load.js';
import { userErrorOf } from '../helpers/user-error.js';

const CASE = (units: string) => `
name: Edge
years: { from: 2025, to: 2027 }
payers:
  - { id: region, name: Region }
  - { id: kommune, name: Kommune }
costs:
  - { id: eq, name: Equipment, split: { region: 65, kommune: 35 }, kroner: { 2025: "1.000.000,00", 2026: 0 } }
  - { id: refund, name: Refund, split: { region: 100 }, kroner: { 2027: "-50.000" } }
effects:
  - { id: adm, name: Admissions, split: { region: 100 }, unit_cost_kroner: "40.000",
      units: { 2026: { low: 0, expected: ${units}, high: 2000 } } }
`;

describe('amounts in a case file', () => {
  it('reads Danish thousands exactly: the region pays 650,000, saves 1500 × 40,000 and gets 50,000 back', async () => {
    const c = await toInvestmentCase(parseCaseFile(CASE('1500'), 'case.yaml', 'da'), async () => {
      throw new Error('no service unit costs here');
    });
    const rows = evaluateInvestment(c).rows.filter((r) => r.payer === 'region');
    // 2025: 1,000,000 kr × 65 % = 650,000 kr = 65,000,000 øre
    expect(rows[0]!.costMinor).toBe(65_000_000n);
    // 2026: 1500 admissions × 40,000 kr = 60,000,000 kr = 6,000,000,000 øre (not 1.5 × 40 kr = 60 kr)
    expect(rows[1]!.savingMinor.expected).toBe(6_000_000_000n);
    // 2027: a refund of 50,000 kr is a cost of −5,000,000 øre
    expect(rows[2]!.costMinor).toBe(-5_000_000n);
    // cumulative: −650,000 + 60,000,000 + 50,000 = 59,400,000 kr
    expect(rows[2]!.cumulativeNetMinor.expected).toBe(5_940_000_000n);
  });

  it('refuses a unit count of "1.500" as ambiguous, in Danish', () => {
    const e = userErrorOf(() => parseCaseFile(CASE('"1.500"'), 'case.yaml', 'da'));
    expect(e.location.key).toBe('effects.0.units.2026.expected');
    expect(e.describe('da')).toContain('"1.500" er 1500 på dansk og 1,5 på engelsk');
  });

  it('refuses an amount that is not one, with the fix in the reader’s language', () => {
    const e = userErrorOf(() =>
      parseCaseFile(CASE('1500').replace('"40.000"', '"40.00.0"'), 'case.yaml', 'sv'),
    );
    expect(e.location.key).toBe('effects.0.unit_cost_kroner');
    expect(e.describe('sv')).toContain('ett belopp i kronor med högst 2 decimaler');
  });
});
