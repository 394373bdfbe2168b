import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWarehouse } from '../../src/model/warehouse.js';
import { runCli } from '../helpers/cli.js';
import { exampleWorkspace, loadExample } from './worked-example.js';

describe('tvaerblik cost', () => {
  it('costs the workspace, prints a JSON summary and writes the key figures CSV', async () => {
    const ws = exampleWorkspace();
    const engine = await openWarehouse(ws);
    await loadExample(engine);
    await engine.close();
    const csv = path.join(ws.dir, 'reports', 'key-figures.csv');
    const r = await runCli(['--workspace', ws.dir, '--json', 'cost', '--key-figures', csv]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as { ledgerMinor: number; attributedMinor: number; persons: string };
    expect(summary).toMatchObject({ ledgerMinor: 356_355_000, attributedMinor: 352_607_589, persons: '10' });
    expect(existsSync(csv)).toBe(true);
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('period;municipality;key_figure;title;measure;numerator_minor;denominator;value');
    // home care own provider: 1,051,562.50 kr / 2,500 granted hours
    expect(lines).toContain(
      '2024;851;U21003;KPB - Kostnad hemtjänst, egen regi, kr/beviljad timme;hour_granted;105156250;2500.0000;420.63',
    );
  });

  it('prints tables and the reconciliation line in Swedish', async () => {
    const ws = exampleWorkspace();
    const engine = await openWarehouse(ws);
    await loadExample(engine);
    await engine.close();
    const r = await runCli(['--workspace', ws.dir, '--lang', 'sv', 'cost'], { tty: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('fördelningsnyckel');
    expect(r.stdout).toContain('floor_area');
    expect(r.stdout).toMatch(/avstämt på öret mot redovisningen \(3\s563\s550\)/);
    expect(r.stdout).toMatch(/SEL-83-PP\s+own\s+hour_granted\s+2500\.0000\s+1\s051\s563\s+420,63\s+6/);
  });
});
