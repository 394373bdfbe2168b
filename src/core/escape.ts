/**
 * The one guard against formula injection for every workbook and CSV Tværblik writes (the report's
 * workbook, the data-quality workbook, the API's CSV and Excel): text that a spreadsheet would run as a
 * formula gets a leading apostrophe, so it stays text.
 */

/** Text starting with =, +, -, @, tab or CR gets a leading "'" (it would otherwise be read as a formula). */
export function escapeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** A value for a workbook cell: text escaped, big integers as numbers, everything else as it is. */
export function sheetValue(v: unknown): string | number | boolean | Date | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'string') return escapeFormula(v);
  return escapeFormula(JSON.stringify(v, (_, x: unknown) => (typeof x === 'bigint' ? x.toString() : x)));
}
