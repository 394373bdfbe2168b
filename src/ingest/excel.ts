/**
 * Excel (.xlsx) extracts: inspected for zip bombs and entity declarations (zip.ts), then read with
 * exceljs's streaming WorkbookReader and written row by row to a temporary UTF-8 CSV that DuckDB scans.
 * Formulas: the value Excel saved with the formula is taken; a formula without a saved value is refused.
 * Dates: cells formatted as dates become ISO dates (YYYY-MM-DD, or YYYY-MM-DD HH:MM:SS with a time).
 */
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { SourceConfig } from '../config/schema.js';
import type { Lang } from '../i18n.js';
import { ingestError } from './messages.js';
import { inspectXlsx, ZipRefused } from './zip.js';

/** Excel's own limit on the characters of one cell. */
export const MAX_CELL_CHARS = 32_767;

export interface ExcelCsv {
  /** the temporary CSV: a first column __row (the Excel row number), then the sheet's columns */
  csv: string;
  header: string[];
}

export function columnLetter(index: number): string {
  let s = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export async function excelToCsv(
  source: SourceConfig,
  file: string,
  display: string,
  tmpDir: string,
  lang: Lang,
): Promise<ExcelCsv> {
  const loc = { file: display };
  try {
    await inspectXlsx(file);
  } catch (e) {
    if (!(e instanceof ZipRefused)) throw e;
    const p = e.problem;
    if (p.kind === 'bomb')
      throw ingestError(
        lang,
        'zip_bomb',
        { entry: p.entry, size: Math.round(p.size / 1024 ** 2), ratio: Math.round(p.ratio) },
        loc,
      );
    if (p.kind === 'xml_doctype') throw ingestError(lang, 'xml_doctype', { entry: p.entry }, loc);
    if (p.kind === 'truncated') throw ingestError(lang, 'truncated', { source: source.id }, loc);
    throw ingestError(lang, 'not_xlsx', { source: source.id }, loc);
  }
  const headerRow = source.excel?.header_row ?? 1;
  const wanted = source.excel?.sheet;
  const csv = path.join(tmpDir, `${source.id}-${path.basename(file)}.csv`);
  const out = createWriteStream(csv, { mode: 0o600 });
  let pending = '';
  const flush = async (force = false) => {
    if (pending.length < 1 << 20 && !force) return;
    const ok = out.write(pending);
    pending = '';
    if (!ok) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  };
  const sheets: string[] = [];
  let header: string[] | undefined;
  let found = false;
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'ignore',
    });
    for await (const sheet of reader) {
      const name = (sheet as unknown as { name: string }).name;
      sheets.push(name);
      if (found || (wanted !== undefined && name !== wanted)) {
        for await (const _row of sheet) void _row; // drain: the zip is read in order
        continue;
      }
      found = true;
      for await (const row of sheet) {
        if (row.number < headerRow) continue;
        const values = row.values as unknown[];
        if (row.number === headerRow) {
          header = [];
          for (let c = 1; c < values.length; c++) {
            const v = cellText(values[c], `${columnLetter(c)}${row.number}`, display, lang).trim();
            header.push(v === '' ? `column_${columnLetter(c)}` : v);
          }
          while (header.length && /^column_[A-Z]+$/.test(header[header.length - 1]!)) header.pop();
          pending += ['__row', ...header].map(csvField).join(',') + '\n';
          continue;
        }
        if (!header) continue;
        const cells: string[] = [String(row.number)];
        let any = false;
        for (let c = 1; c <= header.length; c++) {
          const t = cellText(values[c], `${columnLetter(c)}${row.number}`, display, lang);
          if (t !== '') any = true;
          cells.push(t);
        }
        if (!any) continue; // blank rows in a sheet are layout, not data
        pending += cells.map(csvField).join(',') + '\n';
        await flush();
      }
    }
    await flush(true);
  } catch (e) {
    out.destroy();
    if ((e as { name?: string }).name === 'UserError') throw e;
    throw ingestError(lang, 'truncated', { source: source.id }, loc);
  }
  await new Promise<void>((resolve, reject) =>
    out.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
  if (!found) {
    if (wanted !== undefined)
      throw ingestError(
        lang,
        'sheet_missing',
        { sheet: wanted, sheets: sheets.join(', '), source: source.id },
        loc,
      );
    throw ingestError(lang, 'empty_file', { source: source.id }, loc);
  }
  if (!header || header.length === 0) {
    if (headerRow === 1) throw ingestError(lang, 'empty_file', { source: source.id }, loc);
    throw ingestError(lang, 'no_header', { row: headerRow, source: source.id }, { ...loc, row: headerRow });
  }
  return { csv, header };
}

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function isoDate(d: Date): string {
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** A cell's value as text; the cell address is for errors (never the value). */
function cellText(v: unknown, cell: string, file: string, lang: Lang): string {
  let s: string;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') s = v;
  else if (typeof v === 'number') s = Number.isFinite(v) ? String(v) : '';
  else if (typeof v === 'boolean') s = v ? 'true' : 'false';
  else if (v instanceof Date) s = Number.isNaN(v.getTime()) ? '' : isoDate(v);
  else if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('formula' in o || 'sharedFormula' in o) {
      if (o.result === undefined || o.result === null)
        throw ingestError(lang, 'formula_no_value', { cell }, { file, column: cell });
      return cellText(o.result, cell, file, lang);
    }
    if (Array.isArray(o.richText)) s = (o.richText as { text: string }[]).map((r) => r.text).join('');
    else if ('error' in o) s = '';
    else if ('text' in o) s = String(o.text);
    else s = '';
  } else s = '';
  if (s.length > MAX_CELL_CHARS)
    throw ingestError(lang, 'excel_huge_cell', { cell, len: s.length }, { file, column: cell });
  return s;
}
