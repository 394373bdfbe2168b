import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { writeReports, type DqReport } from '../../src/ingest/report.js';

const REPORT: DqReport = {
  run_id: 'r1',
  mode: 'import',
  workspace: 'Aalborg',
  stopped: false,
  sources: [
    {
      source: 'hjemmepleje',
      target: 'service',
      period: '2024',
      files: ['extracts/ydelser.csv'],
      status: 'loaded',
      rows_read: 3,
      rows_filtered: 2,
      rows_loaded: 3,
      rows_rejected: 0,
      import_id: 1,
      replaced_import_id: null,
    },
  ],
  checks: [
    {
      source_id: 'hjemmepleje',
      check_id: 'no_duplicates',
      kind: 'plausibility',
      severity: 'warn',
      field: null,
      threshold_pct: 0,
      rows_checked: 3,
      rows_violated: 0,
      pct_violated: 0,
      status: 'pass',
      sample_rows: [],
      description: { da: 'Ingen dubletter', sv: 'Inga dubbletter', en: 'No duplicates' },
    },
    {
      source_id: 'hjemmepleje',
      check_id: 'admit_time_format',
      kind: 'conformance',
      severity: 'stop',
      field: 'admit_time',
      threshold_pct: 0,
      rows_checked: 3,
      rows_violated: 0,
      pct_violated: 0,
      status: 'pass',
      sample_rows: [],
      description: { da: 'Gyldig tid', sv: 'Giltig tid', en: 'Valid time' },
    },
  ],
  unmapped: [{ source_id: 'hjemmepleje', local_code: 'X1', rows: 2, amount_minor: 1000n }],
};

// Hand-written: what a Danish reader sees as headers, table by table.
const DA_CHECKS = [
  'Kilde',
  'Tjek-id',
  'Tjek',
  'Art',
  'Alvor',
  'Felt',
  'Tærskel (%)',
  'Rækker tjekket',
  'Rækker med fejl',
  'Andel med fejl (%)',
  'Resultat',
  'Eksempelrækker',
  'Beskrivelse',
];
const DA_SOURCES = [
  'Kilde',
  'Tabel',
  'Periode',
  'Filer',
  'Resultat',
  'Rækker læst',
  'Rækker frasorteret (where)',
  'Rækker indlæst',
  'Rækker afvist',
  'Import-nr.',
];
const DA_UNMAPPED = ['Kilde', 'Lokal kode', 'Rækker', 'Beløb'];
// the English headers (and raw column names) that must not show in a Danish report
const ENGLISH =
  /\b(source|source_id|check_id|kind|severity|field|threshold|rows|checked|violated|sample|description|target|files|read|loaded|rejected|filtered|amount|local_code)\b/i;

describe('the data-quality report in the reader language', () => {
  it('a Danish report has Danish headers and check names in the HTML and every workbook header cell', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tvaerblik-dq-da-'));
    const files = await writeReports(REPORT, dir, 'da');
    const html = readFileSync(files.html, 'utf8');
    const heads = [...html.matchAll(/<th scope="col">([^<]*)<\/th>/g)].map((m) => m[1]!);
    expect(heads).toEqual([...DA_SOURCES, ...DA_CHECKS, ...DA_UNMAPPED].map((h) => h.replace('&', '&amp;')));
    for (const h of heads) expect(h, h).not.toMatch(ENGLISH);
    // check names, not ids: a fixed check and a per-field one
    expect(html).toContain('<td>Ingen dubletter</td>');
    expect(html).toContain('<td>Gyldigt format: indlæggelsestid</td>');
    // the rows the where: filter left out, as an information line (the count only)
    expect(html).toContain(
      'Kilden hjemmepleje: 2 rækker frasorteret af where-filteret (ikke indlæst, ikke tjekket).',
    );

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(files.xlsx);
    const headers = wb.worksheets.map((ws) => (ws.getRow(1).values as unknown[]).slice(1));
    expect(headers).toEqual([DA_CHECKS, DA_SOURCES, DA_UNMAPPED]);
    for (const h of headers.flat()) expect(String(h), String(h)).not.toMatch(ENGLISH);
    expect(wb.worksheets[0]!.getRow(2).getCell(3).value).toBe('Ingen dubletter');
  });

  it('Swedish and English reports name the same columns in their own language', async () => {
    const sv = await writeReports(REPORT, mkdtempSync(path.join(tmpdir(), 'tvaerblik-dq-sv-')), 'sv');
    const en = await writeReports(REPORT, mkdtempSync(path.join(tmpdir(), 'tvaerblik-dq-en-')), 'en');
    expect(readFileSync(sv.html, 'utf8')).toContain('<th scope="col">Rader bortfiltrerade (where)</th>');
    expect(readFileSync(sv.html, 'utf8')).toContain('<td>Inga dubbletter</td>');
    expect(readFileSync(en.html, 'utf8')).toContain('<th scope="col">Rows filtered out (where)</th>');
    expect(readFileSync(en.html, 'utf8')).toContain(
      'Source hjemmepleje: 2 rows left out by its where filter (not loaded, not checked).',
    );
  });
});
