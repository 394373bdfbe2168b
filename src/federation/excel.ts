/** A workbook of plain sheets (header row, then rows) for the comparisons; text through the formula guard. */
import ExcelJS from 'exceljs';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { sheetValue } from '../core/escape.js';

export interface Sheet {
  title: string;
  header: string[];
  rows: unknown[][];
}

export async function writeWorkbook(file: string, sheets: Sheet[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tværblik';
  const used = new Set<string>();
  for (const s of sheets) {
    // a sheet name is at most 31 characters, without []:*?/\ and unique
    let title = s.title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
    for (let n = 2; used.has(title); n++) title = `${s.title.slice(0, 27)} (${n})`;
    used.add(title);
    const ws = wb.addWorksheet(title, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(s.header).font = { bold: true };
    for (const r of s.rows) ws.addRow(r.map(sheetValue));
    ws.columns.forEach((c, i) => {
      c.width = Math.max(10, Math.min(40, (s.header[i] ?? '').length + 4));
    });
  }
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  await wb.xlsx.writeFile(file);
}
