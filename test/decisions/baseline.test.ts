/**
 * An investment case with its baseline from mart_payer (docs/decisions.md, "A baseline from mart_payer"):
 * a TeleKOL-like case — region, municipality and general practice, 2025–2029 — whose savings are shares of
 * what the target group costs each payer today. Every figure below is computed by hand, to the øre.
 */
import { describe, expect, it } from 'vitest';
import { martTable } from '../../src/analysis/marts.js';
import { baselineLines } from '../../src/cli/commands/decide.js';
import { baselineFromMart, OPTION_KEYS, type BaselineSpec } from '../../src/decisions/baseline.js';
import { evaluateInvestment, type PayerYear } from '../../src/decisions/investment.js';
import {
  enteredBaseline,
  martBaselineSpec,
  parseCaseFile,
  toInvestmentCase,
} from '../../src/decisions/load.js';
import { userErrorOf } from '../helpers/user-error.js';
import { suppress } from '../../src/suppression/index.js';

const row = (
  group: string,
  municipality: string,
  payer: string,
  basis: string,
  persons: bigint,
  cost: bigint,
) => ({
  period: '2024',
  municipality,
  target_group: group,
  payer,
  basis,
  service_year: 2024,
  persons,
  cost_minor: cost,
});

// mart_payer, published at threshold 5. both_high in 2024, two municipalities summed:
//   region         900,000,000 (730, drg) + 300,000,050 (731, kmf)          = 1,200,000,050 øre
//   departments    400,000,000 (Ældre og Handicap) + 100,000,033 (Sundhed)  =   500,000,033 øre
//   general practice                                                           30,000,000 øre
//   specialist practice 5,000,000 øre: no payer of the case takes it (reported as left out)
// heavy: general practice rests on 3 persons, so it is hidden.
const mart = suppress(
  {
    id: 'mart_payer',
    columns: martTable('mart_payer').columns,
    persons: martTable('mart_payer').persons,
    rows: [
      row('both_high', '730', 'region', 'drg', 40n, 900_000_000n),
      row('both_high', '731', 'region', 'kmf', 20n, 300_000_050n),
      row('both_high', '730', 'Ældre og Handicap', 'registered', 40n, 400_000_000n),
      row('both_high', '730', 'Sundhed og Kultur', 'registered', 30n, 100_000_033n),
      row('both_high', '730', 'general_practice', 'kmf', 35n, 30_000_000n),
      row('both_high', '730', 'specialist_practice', 'registered', 12n, 5_000_000n),
      row('heavy', '730', 'region', 'drg', 9n, 90_000_000n),
      row('heavy', '730', 'general_practice', 'kmf', 3n, 60_000n),
      row('heavy', '730', 'specialist_practice', 'registered', 8n, 700_000n),
    ],
  },
  5,
);

const CASE = `
name: TeleKOL
years: { from: 2025, to: 2029 }
payers:
  - { id: region, name: Region Midtjylland }
  - { id: kommune, name: Randers Kommune }
  - { id: praksis, name: Almen praksis }
baseline:
  group: both_high
  payers: { kommune: [municipal], praksis: [general_practice] }
costs:
  - { id: equipment, name: Udstyr, split: { region: 65, kommune: 35 }, kroner: { 2025: 1000000 } }
  - id: monitoring
    name: Monitorering
    split: { region: 50, kommune: 50 }
    kroner: { 2025: 200000, 2026: 200000, 2027: 200000, 2028: 200000, 2029: 200000 }
  - { id: training, name: Oplæring, split: { praksis: 100 }, kroner: { 2025: 30000 } }
effects:
  - id: admissions
    name: Færre indlæggelser (% af regionens udgift)
    split: { region: 100 }
    unit_cost_baseline: region
    units:
      2025: { low: 0, expected: 2, high: 3 }
      2026: { low: 1, expected: 4, high: 6 }
      2027: { low: 1, expected: 4, high: 6 }
      2028: { low: 1, expected: 4, high: 6 }
      2029: { low: 1, expected: 4, high: 6 }
  - id: home_care
    name: Færre hjemmeplejetimer (% af kommunens udgift)
    split: { kommune: 100 }
    unit_cost_baseline: kommune
    units:
      2026: { low: 1, expected: 3, high: 5 }
      2027: { low: 1, expected: 3, high: 5 }
      2028: { low: 1, expected: 3, high: 5 }
      2029: { low: 1, expected: 3, high: 5 }
  - id: gp_visits
    name: Færre lægebesøg
    split: { praksis: 100 }
    unit_cost_kroner: "150.25"
    units:
      2026: { low: 20, expected: 40, high: 60 }
      2027: { low: 20, expected: 40, high: 60 }
      2028: { low: 20, expected: 40, high: 60 }
      2029: { low: 20, expected: 40, high: 60 }
`;

const errorOf = userErrorOf;

async function evaluate(text = CASE, cli = {}) {
  const parsed = parseCaseFile(text, 'telekol.yaml', 'en', cli);
  const m = martBaselineSpec(parsed, cli);
  const baseline = m
    ? baselineFromMart(mart, m.spec, ['region', 'kommune', 'praksis'], m.keys)
    : enteredBaseline(parsed, cli)!;
  const c = await toInvestmentCase(parsed, () => Promise.reject(new Error('no service here')), baseline);
  return { baseline, result: evaluateInvestment(c) };
}

describe('the baseline from mart_payer', () => {
  it('sums the chosen group, period and year over municipalities and bases, per payer of the case', async () => {
    const { baseline } = await evaluate();
    expect(baseline.perPayer).toEqual(
      new Map([
        ['region', 1_200_000_050n], // 900,000,000 + 300,000,050
        ['kommune', 500_000_033n], // municipal = both departments: 400,000,000 + 100,000,033
        ['praksis', 30_000_000n],
      ]),
    );
    expect(baseline.source).toMatchObject({
      table: 'mart_payer',
      group: 'both_high',
      period: '2024',
      municipality: null,
      year: 2024,
      mapped: {
        region: ['region'],
        kommune: ['Sundhed og Kultur', 'Ældre og Handicap'],
        praksis: ['general_practice'],
      },
      leftOut: [{ payer: 'specialist_practice', costMinor: 5_000_000n }],
      lineage:
        'tvaerblik lineage mart_payer --row period=2024 --row target_group=both_high --row service_year=2024',
    });
  });

  it('prints the baseline beside the assumptions: amounts, source table and the lineage command', async () => {
    const { baseline } = await evaluate();
    const names: Record<string, string> = {
      region: 'Region Midtjylland',
      kommune: 'Randers Kommune',
      praksis: 'Almen praksis',
    };
    expect(baselineLines(baseline, (p) => names[p] ?? p, 'en')).toEqual([
      'Baseline a year: target group both_high, period 2024, year of service 2024, all municipalities: ' +
        'Region Midtjylland 12,000,000.50; Randers Kommune 5,000,000.33; Almen praksis 300,000.00. ' +
        'Source: mart_payer; lineage: tvaerblik lineage mart_payer --row period=2024 --row target_group=both_high --row service_year=2024',
      'Payers of mart_payer not in the case: Specialist practice 50,000.00',
    ]);
  });

  it('computes the TeleKOL case per payer and year to the øre, with the break-even years', async () => {
    const { result } = await evaluate();
    const at = (p: string, y: number) => result.rows.find((r: PayerYear) => r.payer === p && r.year === y)!;
    // costs 2025: equipment 100,000,000 at 65/35 → 65,000,000 / 35,000,000; monitoring 20,000,000 at 50/50;
    // training 3,000,000 → region 75,000,000, kommune 45,000,000, praksis 3,000,000. 2026–2029: 10,000,000 each.
    expect([
      at('region', 2025).costMinor,
      at('kommune', 2025).costMinor,
      at('praksis', 2025).costMinor,
    ]).toEqual([75_000_000n, 45_000_000n, 3_000_000n]);
    // one unit = 1 % of the baseline: region 12,000,000.5 øre, kommune 5,000,000.33 øre.
    // 2025 expected: region 2 × 12,000,000.5 = 24,000,001; net 24,000,001 − 75,000,000 = −50,999,999
    expect(at('region', 2025).savingMinor.expected).toBe(24_000_001n);
    expect(at('region', 2025).netMinor.expected).toBe(-50_999_999n);
    // 2026 expected: region 4 × 12,000,000.5 = 48,000,002; kommune 3 × 5,000,000.33 = 15,000,000.99;
    // praksis 40 × 15,025 = 601,000. Year total 63,601,002.99 → 63,601,003 (rounded once); the floors give
    // 63,601,002, the øre left goes to the largest remainder (kommune, .99): 15,000,001.
    expect(at('*', 2026).savingMinor.expected).toBe(63_601_003n);
    expect(at('kommune', 2026).savingMinor.expected).toBe(15_000_001n);
    // net 2026: region 48,000,002 − 10,000,000 = 38,000,002; kommune 15,000,001 − 10,000,000 = 5,000,001;
    // praksis 601,000
    expect([2026, 2027, 2028, 2029].map((y) => at('region', y).netMinor.expected)).toEqual(
      Array(4).fill(38_000_002n),
    );
    expect(at('kommune', 2029).netMinor.expected).toBe(5_000_001n);
    expect(at('praksis', 2029).netMinor.expected).toBe(601_000n);
    // cumulative region: −50,999,999 → −12,999,997 (2026) → 25,000,005 (2027) ≥ 0: break-even 2027
    expect(at('region', 2027).cumulativeNetMinor.expected).toBe(25_000_005n);
    // kommune: −45,000,000 + 4 × 5,000,001 = −24,999,996 in 2029: never; praksis −3,000,000 + 4 × 601,000 = −596,000
    expect(at('kommune', 2029).cumulativeNetMinor.expected).toBe(-24_999_996n);
    expect(at('praksis', 2029).cumulativeNetMinor.expected).toBe(-596_000n);
    // all payers: 2025 24,000,001 − 123,000,000 = −98,999,999; then 63,601,003 − 20,000,000 = 43,601,003 a year:
    // −55,398,996 (2026), −11,797,993 (2027), 31,803,010 (2028): break-even 2028
    expect(at('*', 2028).cumulativeNetMinor.expected).toBe(31_803_010n);
    // high: region 2025 3 × 12,000,000.5 = 36,000,001.5 → 36,000,002; net −38,999,998; 2026 6 × = 72,000,003,
    // net 62,000,003: cumulative 23,000,005 in 2026. kommune 2026 5 × 5,000,000.33 = 25,000,001.65; year
    // 72,000,003 + 25,000,001.65 + 60 × 15,025 (901,500) = 97,901,504.65 → 97,901,505, the øre to kommune
    // (.65): 25,000,002, net 15,000,002; −45,000,000 + 3 × 15,000,002 = 6 ≥ 0 in 2028. praksis −3,000,000 +
    // 4 × 901,500 = 606,000 in 2029 (−295,500 in 2028).
    // low: region 2025 0, 2026 on 12,000,000.5; year 12,000,000.5 + 5,000,000.33 + 300,500 = 17,300,500.83 →
    // 17,300,501, the øre to region (.5 > .33): net 2,000,001 a year after −75,000,000: never.
    expect(at('region', 2026).savingMinor.low).toBe(12_000_001n);
    expect(at('kommune', 2028).cumulativeNetMinor.high).toBe(6n);
    expect(Object.fromEntries(result.breakEven)).toEqual({
      region: { low: null, expected: 2027, high: 2026 },
      kommune: { low: null, expected: null, high: 2028 },
      praksis: { low: null, expected: null, high: 2029 },
      // all payers high: 36,000,002 − 123,000,000 = −86,999,998; 97,901,505 − 20,000,000 = 77,901,505 a year:
      // −9,098,493 (2026), 68,803,012 (2027)
      '*': { low: null, expected: 2028, high: 2027 },
    });
    // the group's cost with the initiative: region 2025 1,200,000,050 + 75,000,000 − 24,000,001 = 1,251,000,049;
    // all payers' baseline 1,200,000,050 + 500,000,033 + 30,000,000 = 1,730,000,083
    expect(at('region', 2025).baselineMinor).toBe(1_200_000_050n);
    expect(at('region', 2025).withInitiativeMinor).toBe(1_251_000_049n);
    expect(at('*', 2029).baselineMinor).toBe(1_730_000_083n);
  });

  it('gives the same figures from a baseline entered in kroner (the manual path)', async () => {
    const entered = CASE.replace(
      /baseline:\n {2}group: both_high\n {2}payers: .*\n/,
      'baseline:\n  kroner: { region: "12000000.50", kommune: "5000000.33", praksis: 300000 }\n',
    );
    const a = await evaluate();
    const b = await evaluate(entered);
    expect(b.baseline.source).toEqual({ table: null });
    expect(b.result.rows).toEqual(a.result.rows);
  });

  it('checks every choice against the table, with "did you mean"', () => {
    const spec = (s: Partial<BaselineSpec>): BaselineSpec => ({ group: 'both_high', ...s });
    const keys = OPTION_KEYS;
    const fail = (s: Partial<BaselineSpec>) =>
      errorOf(() => baselineFromMart(mart, spec(s), ['region', 'kommune', 'praksis'], keys));
    expect(fail({ group: 'both_hihg' }).localise?.('en').hint).toContain('"both_high"');
    const period = fail({ period: '2042' });
    expect(period.location.key).toBe('--period');
    expect(period.localise?.('en').hint).toContain('Did you mean "2024"?');
    expect(fail({ municipality: '703' }).localise?.('en').hint).toContain('"730"');
    expect(fail({ year: 2023 }).location.key).toBe('baseline.year');
    const payer = fail({ payers: { praksis: ['general_practise'] } });
    expect(payer.location.key).toBe('baseline.payers.praksis.0');
    expect(payer.localise?.('en').hint).toContain('Did you mean "general_practice"?');
    expect(
      fail({ payers: { kommune: ['municipal'], praksis: ['Sundhed og Kultur'] } }).localise?.('en').message,
    ).toContain('Sundhed og Kultur');
    // heavy: general practice rests on 3 persons; hidden, so it cannot be a baseline
    expect(
      fail({ group: 'heavy', payers: { praksis: ['general_practice'] } }).localise?.('en').message,
    ).toContain('hidden');
  });

  it('takes the command line over the file, and refuses a baseline share without a baseline', () => {
    const parsed = parseCaseFile(CASE, 'telekol.yaml', 'en', { group: 'heavy', period: '2024' });
    expect(martBaselineSpec(parsed, { group: 'heavy', period: '2024' })?.keys).toMatchObject({
      group: '--group',
      period: '--period',
    });
    const none = CASE.replace(/baseline:\n {2}group: both_high\n {2}payers: .*\n/, '');
    const e = errorOf(() => parseCaseFile(none, 'telekol.yaml', 'en'));
    expect(e.location.key).toBe('effects.0.unit_cost_baseline');
    expect(() => parseCaseFile(none, 'telekol.yaml', 'en', { group: 'both_high' })).not.toThrow();
    expect(
      errorOf(() => parseCaseFile(CASE.replace('group: both_high', 'gruop: both_high'), 'x.yaml', 'en'))
        .location.hint,
    ).toContain('did you mean "group"?');
  });
});
