/** Dates as whole days since 1970-01-01 (UTC): cheap to add, compare and format. */

const MS_PER_DAY = 86_400_000;

export function dayOf(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

export function partsOf(d: number): { year: number; month: number; day: number } {
  const date = new Date(d * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

export function toDate(d: number): Date {
  return new Date(d * MS_PER_DAY);
}

const p2 = (n: number) => (n < 10 ? `0${n}` : String(n));

export function isoDate(d: number): string {
  const { year, month, day } = partsOf(d);
  return `${year}-${p2(month)}-${p2(day)}`;
}

/** dd-mm-yyyy (Danish systems) */
export function dmyDash(d: number): string {
  const { year, month, day } = partsOf(d);
  return `${p2(day)}-${p2(month)}-${year}`;
}

/** dd.mm.yyyy */
export function dmyDot(d: number): string {
  const { year, month, day } = partsOf(d);
  return `${p2(day)}.${p2(month)}.${year}`;
}

export function ymdCompact(d: number): string {
  const { year, month, day } = partsOf(d);
  return `${year}${p2(month)}${p2(day)}`;
}

/** A timestamp: day plus minutes after midnight, written `yyyy-mm-dd HH:MM`. */
export function isoTimestamp(d: number, minutes: number): string {
  const m = Math.max(0, Math.min(1439, Math.round(minutes)));
  return `${isoDate(d)} ${p2(Math.floor(m / 60))}:${p2(m % 60)}`;
}

/** Completed years on day `d` for someone born on day `birth`. */
export function ageOn(birth: number, d: number): number {
  const b = partsOf(birth);
  const t = partsOf(d);
  let age = t.year - b.year;
  if (t.month < b.month || (t.month === b.month && t.day < b.day)) age--;
  return age;
}
