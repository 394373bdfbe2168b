import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWorkspace } from '../../src/config/workspace.js';
import { openWarehouse } from '../../src/model/warehouse.js';
import { runCli } from '../helpers/cli.js';

/**
 * Issue 12 part 6: a workspace with one department extract and no ledger must produce the report through
 * `run` (cost → analyse → report). Costs come from the amounts on the records or from a price list.
 */

// three citizens of Aalborg with home care (SEL-83-PP) in 2024; amounts in kr with a decimal comma
const EXTRACT = [
  'CPR;Start;Slut;Timer;Beløb',
  '010180-1234;01-01-2024;31-03-2024;10;1000,50',
  '020290-2345;01-02-2024;28-02-2024;5;500,25',
  '030370-3456;01-05-2024;31-05-2024;2;250,00',
].join('\n');

function workspace(costing: string, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tvb-noledger-'));
  for (const d of ['extracts', 'mappings', 'secrets']) mkdirSync(path.join(dir, d));
  writeFileSync(path.join(dir, 'secrets', 'pseudonym.key'), 'ab'.repeat(32));
  writeFileSync(path.join(dir, 'extracts', 'hjemmepleje.csv'), EXTRACT);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  writeFileSync(
    path.join(dir, 'tvaerblik.yaml'),
    `version: 1
country: DK
currency: DKK
municipalities: ['851']
periods: [{ id: '2024', from: 2024-01-01, to: 2024-12-31 }]
pseudonymisation: { key_file: secrets/pseudonym.key }
suppression: { threshold: 3 }
catalogue: dk
sources:
  - id: hjemmepleje
    file: extracts/hjemmepleje.csv
    format: csv
    csv: { delimiter: ';', decimal: ',' }
    department: Ældre
    period: '2024'
    target: service
    municipality: '851'
    columns:
      person_id: CPR
      catalogue_code: { value: SEL-83-PP }
      start_date: { column: Start, format: dd-mm-yyyy }
      end_date: { column: Slut, format: dd-mm-yyyy }
      volume: Timer
      unit: { value: hour_granted }
      provider: { value: own }
      amount: { column: Beløb, money: kr }
${costing}`,
  );
  return dir;
}

/** Cost per person in øre, largest first. */
async function costs(dir: string): Promise<bigint[]> {
  const engine = await openWarehouse(openWorkspace(dir), { readOnly: true });
  try {
    const rows = await engine.all<{ c: bigint }>(
      `SELECT sum(cost_minor)::BIGINT AS c FROM cost_person GROUP BY person_key ORDER BY c DESC`,
    );
    return rows.map((r) => r.c);
  } finally {
    await engine.close();
  }
}

describe('run without a ledger', () => {
  it('costs by the amounts on the records and writes the report (record_amount)', async () => {
    const dir = workspace(`costing:
  methods:
    - { codes: ['SEL-83*'], method: record_amount }
`);
    const r = await runCli(['-w', dir, '--lang', 'en', 'run', '--json']);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { stages: { stage: string }[] };
    expect(out.stages.map((s) => s.stage)).toEqual(['import', 'cost', 'trajectories', 'analyse', 'report']);
    // hand-computed: the amounts of the extract, in øre
    expect(await costs(dir)).toEqual([100050n, 50025n, 25000n]);
    expect(existsSync(path.join(dir, 'reports', 'tvaerblik-851-2024-en.html'))).toBe(true);
  });

  it('without costing: and without a ledger, the amounts on the records are the costs', async () => {
    const dir = workspace('');
    const r = await runCli(['-w', dir, '--lang', 'en', 'run', '--json']);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('costed by the amounts on their own records');
    expect(await costs(dir)).toEqual([100050n, 50025n, 25000n]);
    expect(existsSync(path.join(dir, 'reports', 'tvaerblik-851-2024-en.html'))).toBe(true);
    // the costs just made are current: the default costing is the same config for cost and for report
    const report = await runCli(['-w', dir, '--lang', 'en', 'report', '--json']);
    expect(report.code).toBe(0);
    expect(r.stderr + report.stderr).not.toContain('out of date');
  });

  it('costs by a price list: takst × volume (price)', async () => {
    const dir = workspace(
      `costing:
  methods:
    - { codes: [SEL-83-PP], method: price, price_list: mappings/takster.csv }
`,
      {
        'mappings/takster.csv':
          'catalogue_code,unit,price,valid_from,valid_to\nSEL-83-PP,hour_granted,412.50,2024-01-01,\n',
      },
    );
    const r = await runCli(['-w', dir, 'run', '--json']);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    // 10, 5 and 2 hours at 412.50 kr
    expect(await costs(dir)).toEqual([412500n, 206250n, 82500n]);
  });

  it('stops at the stage --until names, and refuses an unknown stage with the valid ones', async () => {
    const dir = workspace(`costing:
  methods:
    - { codes: ['SEL-83*'], method: record_amount }
`);
    const r = await runCli(['-w', dir, 'run', '--until', 'cost', '--json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { stages: { stage: string }[] }).stages.map((s) => s.stage)).toEqual([
      'import',
      'cost',
    ]);
    expect(existsSync(path.join(dir, 'reports', 'tvaerblik-851-2024-da.html'))).toBe(false);
    const bad = await runCli(['-w', dir, '--lang', 'en', 'run', '--until', 'analyze']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('use one of: import, cost, trajectories, analyse, report');
  });

  it('prints exactly one JSON document from analyse and report', async () => {
    const dir = workspace(`costing:
  methods:
    - { codes: ['SEL-83*'], method: record_amount }
`);
    expect((await runCli(['-w', dir, 'run', '--until', 'cost'])).code).toBe(0);
    for (const cmd of ['analyse', 'report']) {
      const r = await runCli(['-w', dir, cmd, '--json']);
      expect(r.code, r.stderr).toBe(0);
      expect(() => JSON.parse(r.stdout) as unknown, `${cmd} --json`).not.toThrow();
    }
    const report = JSON.parse((await runCli(['-w', dir, 'report', '--json'])).stdout) as { html: string };
    expect(existsSync(report.html)).toBe(true);
  });

  it('refuses a ledger without costing:, naming the key and the fix', async () => {
    const dir = workspace(
      `  - id: finans
    file: extracts/finans.csv
    format: csv
    period: '2024'
    target: ledger
    columns: { municipality: { value: '851' }, account: Konto, amount: Beløb }
`,
      { 'extracts/finans.csv': 'Konto,Beløb\n5.32.34,1000.00\n' },
    );
    const r = await runCli(['-w', dir, '--lang', 'en', 'run']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('1 ledger line, but tvaerblik.yaml has no costing:');
    expect(r.stderr).toContain('key: costing)');
  });

  it('refuses a ledger without a translation table, naming the key and the fix', async () => {
    const dir = workspace(
      `  - id: finans
    file: extracts/finans.csv
    format: csv
    period: '2024'
    target: ledger
    columns: { municipality: { value: '851' }, account: Konto, amount: Beløb }
costing:
  methods:
    - { codes: ['SEL-83*'], method: record_amount }
`,
      { 'extracts/finans.csv': 'Konto,Beløb\n5.32.34,1000.00\n' },
    );
    const r = await runCli(['-w', dir, '--lang', 'en', 'run']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('key: costing.translation_table');
    expect(r.stderr).toContain('The warehouse holds 1 ledger line, but costing: has no translation_table');
  });
});
