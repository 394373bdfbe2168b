import ExcelJS from 'exceljs';
import type { Value } from '../engine/engine.js';
import { tr, type Lang } from '../i18n.js';
import type { ColumnInfo } from './catalog.js';
import { hiddenText } from '../publish/index.js';
import { escapeFormula } from '../core/escape.js';
import { tableColumnLabel } from '../publish/index.js';
import type { TableResult } from './query.js';

export { escapeFormula };

/** Minor units as an exact major-unit string with two decimals, e.g. -12345n → "-123.45". */
export function minorToMajor(minor: bigint, decimal = '.'): string {
  const neg = minor < 0n;
  const abs = neg ? -minor : minor;
  return `${neg ? '-' : ''}${abs / 100n}${decimal}${(abs % 100n).toString().padStart(2, '0')}`;
}

/** A cell as spreadsheet text: money in major units, decimals with the language's separator. */
function cellText(v: Value, c: ColumnInfo, decimal: string): string {
  if (v === null || v === undefined) return '';
  if (c.kind === 'money') {
    if (typeof v === 'bigint') return minorToMajor(v, decimal);
    return (Number(v) / 100).toFixed(2).replace('.', decimal);
  }
  if (typeof v === 'number' || typeof v === 'bigint') return String(v).replace('.', decimal);
  if (Array.isArray(v) || typeof v === 'object') return escapeFormula(JSON.stringify(v));
  return escapeFormula(String(v));
}

function csvField(s: string, sep: string): string {
  return s.includes(sep) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * CSV as a spreadsheet in the language's region opens it: Danish and Swedish use ";" between fields
 * and "," as decimal mark, English "," and ".". UTF-8 with a byte-order mark so Excel reads æøå.
 */
export function toCsv(table: string, result: TableResult, lang: Lang, threshold: number): string {
  const sep = lang === 'en' ? ',' : ';';
  const decimal = lang === 'en' ? '.' : ',';
  const lines = [result.columns.map((c) => csvField(tableColumnLabel(table, c.name, lang), sep)).join(sep)];
  result.rows.forEach((row, i) => {
    const hidden = result.hidden[i] ?? [];
    lines.push(
      result.columns
        .map((c) =>
          csvField(
            hidden.includes(c.name)
              ? hiddenText(result.reasons[i] ?? 'secondary', threshold, c.kind)
              : cellText(row[c.name] ?? null, c, decimal),
            sep,
          ),
        )
        .join(sep),
    );
  });
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

const SHEET_TEXT = {
  about: { da: 'Om tabellen', sv: 'Om tabellen', en: 'About this table' },
  table: { da: 'Tabel', sv: 'Tabell', en: 'Table' },
  source: { da: 'Datagrundlag', sv: 'Dataunderlag', en: 'Data' },
  filters: { da: 'Filtre', sv: 'Filter', en: 'Filters' },
  none: { da: 'ingen', sv: 'inga', en: 'none' },
  suppression: {
    da: '"< {n}": færre end {n} borgere, skjult. "x": skjult, så et lille tal ikke kan regnes ud fra totalerne.',
    sv: '"< {n}": färre än {n} personer, dolt. "x": dolt så att ett litet tal inte kan räknas fram ur summorna.',
    en: '"< {n}": fewer than {n} persons, hidden. "x": hidden so that a small cell cannot be worked out from the totals.',
  },
  money: {
    da: 'Beløb i kroner.',
    sv: 'Belopp i kronor.',
    en: 'Amounts in kroner (DKK/SEK).',
  },
};

/** An Excel workbook: the table (typed cells, number formats, filter row) and a sheet describing it. */
export async function toXlsx(
  tableName: string,
  rows: TableResult,
  lang: Lang,
  threshold: number,
  about: { loadedAt: string; filters: Map<string, string[]> },
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tværblik';
  const ws = wb.addWorksheet(tableName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = rows.columns.map((c) => ({
    header: tableColumnLabel(tableName, c.name, lang),
    key: c.name,
    width: Math.min(40, Math.max(12, tableColumnLabel(tableName, c.name, lang).length + 2)),
    style: { numFmt: numberFormat(c) },
  }));
  ws.getRow(1).font = { bold: true };
  rows.rows.forEach((row, i) => {
    const hidden = rows.hidden[i] ?? [];
    ws.addRow(
      rows.columns.map((c) =>
        hidden.includes(c.name)
          ? hiddenText(rows.reasons[i] ?? 'secondary', threshold, c.kind)
          : excelValue(row[c.name] ?? null, c),
      ),
    );
  });
  if (rows.columns.length > 0) {
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: rows.columns.length } };
  }
  const info = wb.addWorksheet(tr(SHEET_TEXT.about, lang).slice(0, 31));
  const filters = [...about.filters].map(([k, v]) => `${k} = ${v.join(' | ')}`).join('; ');
  info.addRows([
    [tr(SHEET_TEXT.table, lang), tableName],
    [tr(SHEET_TEXT.source, lang), about.loadedAt],
    [tr(SHEET_TEXT.filters, lang), escapeFormula(filters || tr(SHEET_TEXT.none, lang))],
    [tr(SHEET_TEXT.suppression, lang, { n: threshold })],
    [tr(SHEET_TEXT.money, lang)],
  ]);
  info.getColumn(1).width = 20;
  info.getColumn(2).width = 60;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function numberFormat(c: ColumnInfo): string | undefined {
  if (c.kind === 'money') return '#,##0.00';
  if (c.kind === 'share') return '0.0%';
  if (c.kind === 'count') return '#,##0';
  return undefined;
}

function excelValue(v: Value, c: ColumnInfo): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  // Money as a number of kroner: exact to the øre for any amount below 90 trillion kr.
  if (c.kind === 'money') return Number(typeof v === 'bigint' ? v : Number(v)) / 100;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'string' && c.type.startsWith('DECIMAL')) return Number(v);
  if (typeof v === 'string') return escapeFormula(v);
  return escapeFormula(JSON.stringify(v));
}
