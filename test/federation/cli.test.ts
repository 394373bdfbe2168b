/**
 * The federation and Kolada commands end to end: export a bundle, import it into a cluster workspace
 * (--json, the table in Danish), write the comparison to Excel, and the Kolada export and comparison.
 */
import ExcelJS from 'exceljs';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../src/config/workspace.js';
import { runCli } from '../helpers/cli.js';
import { makeWorkspace } from '../costing/helpers.js';
import { EXAMPLE_YAML } from '../costing/worked-example.js';
import { malmoWorkspace } from './two-bundles.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/kolada-kpb.json', import.meta.url));
let ws: Workspace;

beforeAll(async () => {
  ws = await malmoWorkspace();
}, 60_000);

describe('tvaerblik export-aggregates, import-aggregates, compare-aggregates', () => {
  it('exports a signed zip, imports it with the trusted key and compares (JSON, Danish table, Excel)', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const keyFile = path.join(ws.dir, 'sign.pem');
    const pubFile = path.join(ws.dir, 'sign.pub.pem');
    writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(pubFile, publicKey.export({ type: 'spki', format: 'pem' }));
    const zip = path.join(ws.dir, 'out', '1280.zip');
    const e = await runCli([
      '-w',
      ws.dir,
      '--json',
      'export-aggregates',
      '--out',
      zip,
      '--sign-key',
      keyFile,
    ]);
    expect(e.stderr).toBe('');
    expect(e.code).toBe(0);
    expect(JSON.parse(e.stdout)).toMatchObject({ municipality: '1280', threshold: 5, periods: ['2024'] });

    const cluster = makeWorkspace(EXAMPLE_YAML.replace("['851']", "['1280', '0180']"));
    const i = await runCli(['-w', cluster.dir, '--json', 'import-aggregates', zip, '--public-key', pubFile]);
    expect(i.stderr).toBe('');
    expect(i.code).toBe(0);
    const imported = JSON.parse(i.stdout) as {
      imported: { municipality: string; trusted: boolean }[];
      comparison: { figures: { figure: string; municipalities: Record<string, { value: string | null }> }[] };
    };
    expect(imported.imported).toMatchObject([{ municipality: '1280', trusted: true }]);
    const u21003 = imported.comparison.figures.find((f) => f.figure === 'U21003')!;
    expect(u21003.municipalities['1280']!.value).toBe('420.63');

    const xlsx = path.join(cluster.dir, 'compare.xlsx');
    const c = await runCli(['-w', cluster.dir, '--lang', 'da', 'compare-aggregates', '--excel', xlsx], {
      tty: true,
    });
    expect(c.code).toBe(0);
    expect(c.stdout).toContain('Nøgletal for 1 kommune:');
    expect(c.stdout).toMatch(/Malmö \(1280\)/);
    expect(c.stdout).toMatch(/420,63/);
    expect(c.stdout).toMatch(/< 5/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const sheet = wb.getWorksheet('U21003')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Periode', 'Malmö (1280)']);
    expect(sheet.getRow(2).values).toEqual([undefined, '2024', 420.63]);
  });

  it('refuses an unsigned bundle when trusted keys are given', async () => {
    const zip = path.join(ws.dir, 'out', 'unsigned');
    expect((await runCli(['-w', ws.dir, '--json', 'export-aggregates', '--out', zip])).code).toBe(0);
    const other = generateKeyPairSync('ed25519').publicKey;
    const pub = path.join(ws.dir, 'other.pub.pem');
    writeFileSync(pub, other.export({ type: 'spki', format: 'pem' }));
    const cluster = makeWorkspace(EXAMPLE_YAML);
    const r = await runCli([
      '-w',
      cluster.dir,
      '--lang',
      'en',
      'import-aggregates',
      zip,
      '--public-key',
      pub,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not signed, but trusted keys were given');
  });
});

describe('tvaerblik kolada-export and kolada-compare', () => {
  it('writes Kolada JSON and compares with a saved file (JSON and Excel)', async () => {
    const out = path.join(ws.dir, 'kolada', 'own.json');
    const e = await runCli(['-w', ws.dir, '--json', 'kolada-export', '--out', out]);
    expect(e.code).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as { count: number; values: { kpi: string }[] };
    expect(doc.count).toBe(2);
    const xlsx = path.join(ws.dir, 'kolada.xlsx');
    const c = await runCli(['-w', ws.dir, '--json', 'kolada-compare', FIXTURE, '--excel', xlsx]);
    expect(c.code).toBe(0);
    const rows = JSON.parse(c.stdout) as { kpi: string; period: number; difference: string | null }[];
    // 420.63 − 400.50
    expect(rows.find((r) => r.kpi === 'U21003' && r.period === 2024)!.difference).toBe('20.13');
    expect(existsSync(xlsx)).toBe(true);
  });
});
