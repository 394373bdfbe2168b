import { readFileSync } from 'node:fs';
import { userError } from '../core/messages.js';

/** One data row of a small mapping CSV, with its 1-based line number in the file (header = line 1). */
export interface CsvRecord {
  line: number;
  get(column: string): string;
}

/**
 * Read a small mapping CSV (translation table, price list): UTF-8, `,` or `;` auto-detected from the
 * header, double quotes for fields holding the delimiter. Checks that the required columns are there.
 */
export function readMappingCsv(file: string, required: readonly string[]): CsvRecord[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch {
    throw userError('costing.file_missing', { file }, { file });
  }
  const lines = text.split(/\r?\n/);
  const headerLine = lines[0] ?? '';
  const delimiter = (headerLine.match(/;/g)?.length ?? 0) > (headerLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const header = splitLine(headerLine, delimiter).map((h) => h.trim().toLowerCase());
  for (const col of required) {
    if (!header.includes(col)) {
      throw userError(
        'costing.csv_column',
        { column: col, columns: required.join(',') },
        { file, row: 1, column: col },
      );
    }
  }
  const records: CsvRecord[] = [];
  lines.forEach((raw, i) => {
    if (i === 0 || raw.trim() === '' || raw.trimStart().startsWith('#')) return;
    const cells = splitLine(raw, delimiter);
    records.push({
      line: i + 1,
      get: (column) => (cells[header.indexOf(column)] ?? '').trim(),
    });
  });
  return records;
}

function splitLine(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}
