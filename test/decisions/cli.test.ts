/** `tvaerblik decide invest` from a case file, as a user runs it (docs/decisions.md). */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCaseFile } from '../../src/decisions/load.js';
import { UserError } from '../../src/errors.js';
import { runCli } from '../helpers/cli.js';

const CASE = `
name: TeleKOL
years: { from: 2025, to: 2027 }
payers:
  - { id: region, name: Region Midtjylland }
  - { id: kommune, name: Randers Kommune }
  - { id: praksis, name: Almen praksis }
costs:
  - id: equipment
    name: Udstyr
    split: { region: 65, kommune: 35 }
    kroner: { 2025: 300000, 2027: "100000.01" }
  - { id: gp, name: Oplæring, split: { praksis: 100 }, kroner: { 2025: 20000 } }
effects:
  - id: admissions
    name: Færre indlæggelser
    split: { region: 100 }
    unit_cost_kroner: 40000
    units:
      2025: { low: 0, expected: 2, high: 4 }
      2026: { low: 2, expected: 6, high: 10 }
      2027: { low: 2, expected: "6,5", high: 10 }
`;

const dir = mkdtempSync(path.join(tmpdir(), 'tvb-decide-'));
const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
};

describe('decide invest', () => {
  it('prints one JSON document with the figures per payer and year, the break-even years and the assumptions', async () => {
    const r = await runCli(['--lang', 'en', 'decide', 'invest', write('case.yaml', CASE), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      rows: { payer: string; year: number; costMinor: number; netMinor: Record<string, number> }[];
      break_even: Record<string, Record<string, number | null>>;
    };
    const row = (p: string, y: number) => doc.rows.find((x) => x.payer === p && x.year === y)!;
    // region 2025: 2 × 4,000,000 − 65 % of 30,000,000 = 8,000,000 − 19,500,000
    expect(row('region', 2025).netMinor.expected).toBe(-11_500_000);
    // 2027: 6.5 × 4,000,000 = 26,000,000 − 6,500,001 (65 % of 10,000,001, the odd øre to .65)
    expect(row('region', 2027).netMinor.expected).toBe(19_499_999);
    expect(row('kommune', 2027).costMinor).toBe(3_500_000);
    // region expected: −11,500,000 + 24,000,000 ≥ 0 in 2026; low: −19,500,000 + 8,000,000 + 1,499,999 < 0
    expect(doc.break_even.region).toEqual({ low: null, expected: 2026, high: 2026 });
    expect(doc.break_even.kommune).toEqual({ low: null, expected: null, high: null });
  });

  it('writes the table and its assumptions to Excel, and prints them for a person in Danish', async () => {
    const xlsx = path.join(dir, 'case.xlsx');
    const r = await runCli(['--lang', 'da', 'decide', 'invest', write('case2.yaml', CASE), '--excel', xlsx], {
      tty: true,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(xlsx)).toBe(true);
    expect(r.stdout).toContain('Netto forventet');
    expect(r.stdout).toContain('Færre indlæggelser à 40.000,00 (indtastet)');
    expect(r.stdout).toContain(
      'Balance (lav / forventet / høj) for Region Midtjylland: aldrig i perioden / 2026 / 2026',
    );
  });
});

describe('the case file is checked before anything is computed', () => {
  const errorOf = (text: string) => {
    try {
      parseCaseFile(text, 'case.yaml', 'en');
    } catch (e) {
      if (e instanceof UserError) return e;
      throw e;
    }
    throw new Error('expected a UserError');
  };

  it('speaks of the case file and its docs, not of the config', () => {
    const e = errorOf(CASE.replace('expected: 6, high: 10', 'expected: "9o", high: 10'));
    expect(e.message).toBe('Invalid value in the case file for "effects.0.units.2026.expected": "9o"');
    expect(`${e.message} ${e.location.hint}`).not.toMatch(/config/);
    const unknown = errorOf(`${CASE}\nextra: 1\n`);
    expect(unknown.message).toBe('Unknown key "extra" in the case file');
  });

  it('names a case file that cannot be read as a user error (exit 2), not an internal one', async () => {
    const r = await runCli(['--lang', 'en', 'decide', 'invest', path.join(dir, 'nonexist.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Cannot read');
    expect(r.stderr).toContain('nonexist.yaml');
    expect(r.stderr).not.toMatch(/internal error|at .*\.ts:/);
  });

  it('names a misspelt key with "did you mean"', () => {
    const e = errorOf(CASE.replace('unit_cost_kroner: 40000', 'unit_cost_kronor: 40000'));
    expect(e.location.key).toBe('effects.0.unit_cost_kronor');
    expect(e.location.hint).toContain('did you mean "unit_cost_kroner"?');
  });

  it('names a payer that is not listed, with the likely one', () => {
    const e = errorOf(CASE.replace('{ region: 65, kommune: 35 }', '{ regoin: 65, kommune: 35 }'));
    expect(e.location.key).toBe('costs.0.split.regoin');
    expect(e.location.hint).toContain('Did you mean "region"?');
  });

  it('refuses a year outside the case, a falling range and an effect with two unit costs', () => {
    expect(errorOf(CASE.replace('2027: "100000.01"', '2028: "100000.01"')).location.key).toBe(
      'costs.0.kroner.2028',
    );
    expect(
      errorOf(CASE.replace('{ low: 2, expected: 6, high: 10 }', '{ low: 7, expected: 6, high: 10 }')).location
        .key,
    ).toBe('effects.0.units.2026');
    expect(
      errorOf(
        CASE.replace('unit_cost_kroner: 40000', 'unit_cost_kroner: 40000\n    unit_cost_service: SUL-140'),
      ).location.key,
    ).toBe('effects.0');
  });
});

describe('decide invest with a baseline', () => {
  // the baseline entered per payer a year; admissions avoided are a share of the region's baseline:
  // one unit = 1 % of 1,000,000.01 kr = 1,000,000.01 øre
  const WITH_BASELINE = `${CASE.replace(
    'costs:',
    'baseline:\n  kroner: { region: "1000000.01", kommune: 500000 }\ncosts:',
  )}  - id: share
    name: Færre genindlæggelser
    split: { region: 100 }
    unit_cost_baseline: region
    units: { 2026: { low: 1, expected: 2, high: 3 } }
`;

  it('prints the baseline beside the assumptions and exports it to JSON and CSV', async () => {
    const file = write('baseline.yaml', WITH_BASELINE);
    const r = await runCli(['--lang', 'en', 'decide', 'invest', file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      rows: { payer: string; year: number; baselineMinor: number; withInitiativeMinor: number }[];
      baseline: { per_payer_minor: Record<string, number>; source: { table: null } };
    };
    expect(doc.baseline).toEqual({
      per_payer_minor: { region: 100_000_001, kommune: 50_000_000 },
      source: { table: null },
    });
    // region 2026: saving 6 × 4,000,000 + 2 × 1,000,000.01 = 26,000,000.02 → 26,000,000; cost 0;
    // with the initiative 100,000,001 + 0 − 26,000,000 = 74,000,001
    const region2026 = doc.rows.find((x) => x.payer === 'region' && x.year === 2026)!;
    expect(region2026.withInitiativeMinor).toBe(74_000_001);
    // praksis has no baseline entered: 0
    expect(doc.rows.find((x) => x.payer === 'praksis')!.baselineMinor).toBe(0);

    const csv = path.join(dir, 'baseline.csv');
    const shown = await runCli(['--lang', 'da', 'decide', 'invest', file, '--csv', csv], { tty: true });
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('Udgangspunkt om året (indtastet): Region Midtjylland 1.000.000,01');
    expect(shown.stdout).toContain(
      'Færre genindlæggelser à 10.000,00 (1 % af udgangspunktet for Region Midtjylland)',
    );
    const text = readFileSync(csv, 'utf8')
      .replace(/^\ufeff/, '')
      .split('\r\n');
    expect(text[0]).toBe(
      'Betaler;År;Udgangspunkt;Udgift;Besparelse (forventet);Netto lav;Netto forventet;Netto høj;Akkumuleret (forventet);Med indsatsen (forventet)',
    );
    // Region 2026 in kroner: baseline 1,000,000.01; cost 0; saving 260,000.00; low 2 × 40,000 + 10,000.0001
    // = 90,000.00; high 10 × 40,000 + 30,000.0003 = 430,000.00; cumulative −115,000 + 260,000 = 145,000.00;
    // with the initiative 1,000,000.01 − 260,000 = 740,000.01
    expect(text).toContain(
      'Region Midtjylland;2026;1000000.01;0.00;260000.00;90000.00;260000.00;430000.00;145000.00;740000.01',
    );
  });

  it('refuses a misspelt option with the one meant', async () => {
    const r = await runCli([
      '--lang',
      'en',
      'decide',
      'invest',
      write('b2.yaml', WITH_BASELINE),
      '--gruop',
      'all',
    ]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('--group');
  });
});
