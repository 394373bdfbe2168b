/*
 * `tvaerblik overview load` and `tvaerblik overview reminders` on a workspace's embedded store: a CSV
 * and an Excel extract load with their findings named by file, row and column; loading again changes
 * nothing; an unknown column stops the file with "did you mean" and exit 2; the demo's cases give the
 * caseworker two reminders. Counts by hand from the files below.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD_ENV } from '../../src/cli/commands/overview.js';
import { dayOf } from '../../src/overview/consent.js';
import { overviewDemo } from '../../src/overview/demo.js';
import { runCli } from '../helpers/cli.js';
import { cliWorkspace } from './cli-workspace.js';

const where = cliWorkspace('tvb-overview-load-');
// synthetic CPR numbers of the demo (made by syntheticCpr, fixed seed)
const [A, B] = overviewDemo().citizens.map((c) => c.personId);

describe('tvaerblik overview load', () => {
  it('loads a CSV extract, names each finding by file, row and column, and a second load changes nothing', async () => {
    const file = path.join(where.root, 'nexus.csv');
    writeFileSync(
      file,
      [
        'personId,area,dataType,department,sector,date,title,itemRef',
        `${A},employment,status,Jobcenter,municipal,2026-01-10,Status,N-1`, // row 2
        `${B},social_psychiatry,grant,Socialforvaltningen,municipal,2026-02-03,Bevilling,N-2`, // row 3
        `1234567890,employment,status,Jobcenter,municipal,2026-01-10,Status,N-3`, // row 4: not a CPR number
        `${A},employmnet,status,Jobcenter,municipal,2026-01-10,Status,N-4`, // row 5: misspelt area
      ].join('\n'),
    );
    const args = ['-w', where.ws, '--json', 'overview', 'load', file, '--source', 'nexus'];
    const first = await runCli(args);
    expect(first.code, first.stderr).toBe(0);
    const out = JSON.parse(first.stdout) as Record<string, unknown>;
    // rows 2 and 3 load; rows 4 and 5 are findings
    expect(out).toMatchObject({ file: 'nexus.csv', source: 'nexus', rowsIn: 4, rowsLoaded: 2, inserted: 2 });
    expect((out.findings as { message: string }[]).map((f) => f.message)).toEqual([
      'nexus.csv, række 4, kolonne personId: ikke et gyldigt personnummer. Ret nummeret i kildesystemets udtræk (CPR: 10 cifre med gyldig dato; personnummer: 10 eller 12 cifre med kontrolciffer).',
      'nexus.csv, række 5, kolonne area: ukendt område "employmnet". Mente du employment?',
    ]);
    // the raw person number is in no output
    expect(first.stdout).not.toContain('1234567890');
    const again = JSON.parse((await runCli(args)).stdout) as Record<string, unknown>;
    expect(again).toMatchObject({ rowsLoaded: 2, inserted: 0, updated: 0, unchanged: 2 });
  }, 120_000);

  it('loads an Excel sheet (a date cell becomes YYYY-MM-DD) and refuses an unknown column with "did you mean"', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Udtræk');
    sheet.addRow(['personId', 'area', 'dataType', 'department', 'sector', 'date', 'title', 'itemRef']);
    sheet.addRow([
      A,
      'health_regional',
      'journal_note',
      'Regionspsykiatrien',
      'regional',
      new Date(Date.UTC(2026, 4, 11)),
      'Epikrise',
      'X-1',
    ]);
    const xlsx = path.join(where.root, 'region.xlsx');
    await wb.xlsx.writeFile(xlsx);
    const ok = await runCli(['-w', where.ws, '--json', 'overview', 'load', xlsx, '--source', 'sp']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ rowsIn: 1, rowsLoaded: 1, inserted: 1, findings: [] });

    const bad = path.join(where.root, 'bad.csv');
    writeFileSync(bad, 'personId;area;datatype;department;sector;date;title;itemRef\n');
    const r = await runCli(['-w', where.ws, '--lang', 'en', 'overview', 'load', bad, '--source', 'nexus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'File bad.csv, row 1, column datatype: unknown column — did you mean dataType?',
    );
  }, 120_000);
});

describe('tvaerblik overview reminders', () => {
  it("lists the demo caseworker's two reminders, and issues them only once", async () => {
    process.env[DEMO_PASSWORD_ENV] = 'en lang adgangskode til afprøvning';
    const demo = await runCli(['-w', where.ws, '--json', 'overview', 'demo', '--users']);
    expect(demo.code, demo.stderr).toBe(0);
    const today = dayOf(new Date());
    const args = [
      '-w',
      where.ws,
      '--json',
      'overview',
      'reminders',
      '--organisation',
      'demo',
      '--today',
      today,
    ];
    const first = JSON.parse((await runCli(args)).stdout) as { reminders: Record<string, unknown>[] };
    // Borger B's request was due 3 days ago; B's consent ends in 10 days
    expect(first.reminders.map((r) => [r.kind, r.days, r.issuedNow])).toEqual([
      ['request_overdue', -3, true],
      ['consent_expiring', 10, true],
    ]);
    const again = JSON.parse((await runCli(args)).stdout) as { reminders: Record<string, unknown>[] };
    expect(again.reminders.map((r) => r.issuedNow)).toEqual([false, false]);
    const wrong = await runCli([
      '-w',
      where.ws,
      '--lang',
      'en',
      'overview',
      'reminders',
      '--today',
      '2026-13-01',
    ]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--today 2026-13-01 is not a date');
  }, 180_000);
});
