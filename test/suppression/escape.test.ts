import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { writeReports, type DqReport } from '../../src/ingest/report.js';
import { escapeFormula } from '../../src/report/escape.js';
import { escapeCell } from '../../src/report/excel.js';
import { escapeFormula as apiEscape } from '../../src/serve/export.js';

describe('one formula guard for every workbook and CSV', () => {
  it('escapes text starting with =, +, -, @, tab or CR, and leaves other text alone', () => {
    expect(['=1+1', '+4', '-2', '@SUM(A1)', '\t=x', '\r=x', 'ok', '§ 96'].map(escapeFormula)).toEqual([
      "'=1+1",
      "'+4",
      "'-2",
      "'@SUM(A1)",
      "'\t=x",
      "'\r=x",
      'ok',
      '§ 96',
    ]);
    // the report workbook and the API use the same function
    expect(escapeCell).toBe(escapeFormula);
    expect(apiEscape).toBe(escapeFormula);
  });

  it('reports/data-quality.xlsx escapes a local code and a file name that look like formulas', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tvaerblik-dq-'));
    const report: DqReport = {
      run_id: 'r1',
      mode: 'check',
      workspace: dir,
      stopped: false,
      sources: [
        {
          source: 'home_care',
          target: 'service_event',
          period: '2024',
          files: ['=HYPERLINK("http://x")'],
          status: 'ok',
          rows_read: 1,
          rows_loaded: 1,
          rows_rejected: 0,
          import_id: 1,
        } as unknown as DqReport['sources'][number],
      ],
      checks: [],
      unmapped: [{ source_id: 'home_care', local_code: '@cmd', rows: 2, amount_minor: 1000n }],
    };
    const files = await writeReports(report, dir, 'en');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(files.xlsx);
    const texts: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => texts.push(String(c.value)))));
    expect(texts).toContain('\'=HYPERLINK("http://x")');
    expect(texts).toContain("'@cmd");
    expect(texts.some((t) => /^[=+\-@\t\r]/.test(t))).toBe(false);
  });
});
