/** Cell formatting for the extracts: money in øre/öre → text with the department's separators. */

/** Minor units (integer) → major units with 2 decimals, e.g. 123456 → "1.234,56" (decimal ',', thousands '.'). */
export function money(minor: number, decimal: '.' | ',' = '.', thousands: '' | '.' | ',' | ' ' = ''): string {
  const neg = minor < 0;
  const abs = Math.abs(Math.round(minor));
  const major = Math.floor(abs / 100);
  const cents = abs % 100;
  let int = String(major);
  if (thousands) int = int.replace(/\B(?=(\d{3})+(?!\d))/g, thousands);
  return `${neg ? '-' : ''}${int}${decimal}${cents < 10 ? '0' : ''}${cents}`;
}

/** A volume with up to 2 decimals, trailing zeros dropped: 4.5 → "4,5" with decimal ','. */
export function volume(v: number, decimal: '.' | ',' = '.'): string {
  const s = String(Math.round(v * 100) / 100);
  return decimal === ',' ? s.replace('.', ',') : s;
}

/** Quote a CSV field when it holds the delimiter, a quote or a line break. */
export function csvField(value: string, delimiter: string): string {
  if (value.includes(delimiter) || value.includes('"') || value.includes('\n') || value.includes('\r')) {
    return `"${value.replaceAll('"', '""')}"`;
  }
  return value;
}
