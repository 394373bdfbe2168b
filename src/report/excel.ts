/** The Excel workbook: one sheet per mart, from published (suppressed) tables only. */
import ExcelJS from 'exceljs';
import { text } from '../core/messages.js';
import { tr, type Lang } from '../i18n.js';
import { hiddenText, type PublishedTable } from '../publish/index.js';
import { escapeFormula } from './escape.js';
import { inMinorUnits, kr, num } from './format.js';
import { valueLabel } from './labels.js';
import { MART_TABLES } from '../publish/index.js';

/** Formula injection: the one guard every workbook and CSV uses (src/report/escape.ts). */
export const escapeCell = escapeFormula;

export async function writeWorkbook(
  file: string,
  published: Map<string, PublishedTable>,
  o: { lang: Lang; title: string; threshold: number },
): Promise<number> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tværblik';
  wb.created = new Date(0); // a stable file for the same data; the report page carries the date
  const about = wb.addWorksheet(tr(text('report.workbook.about'), o.lang));
  about.addRow([escapeCell(o.title)]).font = { bold: true, size: 14 };
  about.addRow([tr(text('report.workbook.note'), o.lang, { n: o.threshold })]);
  about.getColumn(1).width = 120;
  let sheets = 0;
  for (const def of MART_TABLES) {
    const t = published.get(def.mart);
    if (!t) continue;
    const ws = wb.addWorksheet(sheetName(def.title[o.lang], def.mart));
    ws.addRow(def.columns.map((c) => escapeCell(c.label[o.lang]))).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    for (const r of t.rows) {
      ws.addRow(
        def.columns.map((c) => {
          if (r.hidden && c.kind !== 'key' && c.kind !== 'bound')
            return hiddenText(r.hidden, t.threshold, c.kind);
          const v = r.cells[c.name];
          if (v === null || v === undefined) return null;
          switch (c.kind) {
            case 'money':
            case 'bound':
            case 'mean':
            case 'decimal':
              return inMinorUnits(c) ? kr(v) : num(v);
            case 'share':
            case 'number':
            case 'persons':
            case 'count':
              return num(v);
            default:
              return escapeCell(typeof v === 'string' ? valueLabel(v, o.lang) : String(v));
          }
        }),
      );
    }
    def.columns.forEach((c, i) => {
      const column = ws.getColumn(i + 1);
      column.width = Math.max(10, Math.min(40, c.label[o.lang].length + 2));
      if (c.kind === 'share') column.numFmt = '0.0%';
      else if (c.kind === 'money' || c.kind === 'mean' || c.kind === 'bound') column.numFmt = '#,##0';
      else if (c.kind === 'decimal') column.numFmt = '#,##0.00';
      else if (c.kind === 'persons' || c.kind === 'count') column.numFmt = '#,##0';
    });
    sheets++;
  }
  await wb.xlsx.writeFile(file);
  return sheets;
}

/** Excel sheet names: at most 31 characters, none of []:*?/\ and unique. */
function sheetName(title: string, mart: string): string {
  const clean = title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
  return clean || mart.slice(0, 31);
}
