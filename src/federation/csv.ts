/**
 * The bundle's CSV: UTF-8, `;` between fields, a header row, "" around a field holding `;`, `"` or a
 * line break; a hidden cell is an empty field. Text that a spreadsheet would run as a formula passes the
 * one formula guard, and is read back without it.
 */
import { escapeFormula } from '../core/escape.js';
import type { Value } from '../engine/engine.js';
import type { BundleColumn } from './bundle.js';

function field(v: Value | undefined, kind: BundleColumn['kind']): string {
  if (v === null || v === undefined) return '';
  const s = kind === 'key' && typeof v === 'string' ? escapeFormula(v) : String(v);
  return /[;"\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(columns: BundleColumn[], rows: Record<string, Value>[]): string {
  const lines = [columns.map((c) => field(c.name, 'key')).join(';')];
  for (const r of rows) lines.push(columns.map((c) => field(r[c.name], c.kind)).join(';'));
  return lines.join('\n') + '\n';
}

/** Parse the bundle's CSV into rows of text by header name (an empty field is null). */
export function parseCsv(text: string): Record<string, string | null>[] {
  const records: string[][] = [];
  let rec: string[] = [];
  let cur = '';
  let quoted = false;
  let i = 0;
  const body = text.replace(/^\uFEFF/, '');
  while (i < body.length) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cur += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else cur += ch;
      i++;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === ';') {
      rec.push(cur);
      cur = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      rec.push(cur);
      records.push(rec);
      rec = [];
      cur = '';
    } else cur += ch;
    i++;
  }
  if (cur !== '' || rec.length > 0) {
    rec.push(cur);
    records.push(rec);
  }
  const [header, ...data] = records;
  if (!header) return [];
  const unguard = (s: string) => (/^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s);
  return data.map((r) =>
    Object.fromEntries(header.map((h, k) => [h, r[k] === undefined || r[k] === '' ? null : unguard(r[k]!)])),
  );
}
