/**
 * Swedish personnummer and samordningsnummer (coordination numbers, day + 60).
 * Rules and sources: docs/person-ids.md.
 */
import { isValidDate, pad2 } from './calendar.js';
import type { BirthDate, IdParseResult } from './types.js';

const TWELVE = /^(\d{4})(\d{2})(\d{2})-?(\d{4})$/;
const TEN = /^(\d{2})(\d{2})(\d{2})([-+]?)(\d{4})$/;

/**
 * A 10-digit number stored as a number (an Excel or Parquet number column) loses its leading zero: nine
 * digits alone are no form of either id, so the zero is put back (`101504948` → `0101504948`).
 */
export function restoreLeadingZero(s: string): string {
  return /^\d{9}$/.test(s) ? `0${s}` : s;
}

/**
 * Luhn (mod 10) check digit over the nine digits YYMMDDNNN, weights 2,1,2,1…
 * @example luhnCheckDigit('850517238') // 0
 */
export function luhnCheckDigit(nineDigits: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let v = (nineDigits.charCodeAt(i) - 48) * (i % 2 === 0 ? 2 : 1);
    if (v > 9) v -= 9;
    sum += v;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * Century for a 10-digit number: the latest year ending in `yy` whose birth date is not after the
 * reference date; `+` (person aged 100 or more) moves it back one more century.
 */
export function tenDigitBirthYear(
  yy: number,
  month: number,
  day: number,
  plus: boolean,
  reference: Date,
): number {
  const refYear = reference.getUTCFullYear();
  let year = refYear - ((((refYear - yy) % 100) + 100) % 100);
  const refMonth = reference.getUTCMonth() + 1;
  const refDay = reference.getUTCDate();
  if (year === refYear && (month > refMonth || (month === refMonth && day > refDay))) year -= 100;
  return plus ? year - 100 : year;
}

/**
 * Parse a Swedish personnummer or samordningsnummer in 10-digit (`YYMMDD-NNNC`, `YYMMDD+NNNC`,
 * `YYMMDDNNNC`) or 12-digit (`YYYYMMDDNNNC`, `YYYYMMDD-NNNC`) form. The 10-digit form needs the
 * reference date (default: today, UTC) to find the century.
 * @example parsePersonnummer('850517-2380') // { ok: true, normalised: '198505172380', … }
 */
export function parsePersonnummer(raw: string, referenceDate: Date = new Date()): IdParseResult {
  const s = restoreLeadingZero(raw.trim());
  if (s === '') return { ok: false, reason: 'empty' };

  let year: number;
  let month: number;
  let dayField: number;
  let serial: string;
  let yy: string;
  const twelve = TWELVE.exec(s);
  if (twelve) {
    year = Number(twelve[1]);
    yy = twelve[1]!.slice(2);
    month = Number(twelve[2]);
    dayField = Number(twelve[3]);
    serial = twelve[4]!;
  } else {
    const ten = TEN.exec(s);
    if (!ten) return { ok: false, reason: 'bad_format' };
    yy = ten[1]!;
    month = Number(ten[2]);
    dayField = Number(ten[3]);
    serial = ten[5]!;
    const dayForCentury = dayField > 60 ? dayField - 60 : dayField;
    year = tenDigitBirthYear(Number(yy), month, dayForCentury, ten[4] === '+', referenceDate);
  }

  const samordning = dayField >= 61 && dayField <= 91;
  const birthDate: BirthDate = { year, month, day: samordning ? dayField - 60 : dayField };
  if (!isValidDate(birthDate.year, birthDate.month, birthDate.day)) return { ok: false, reason: 'bad_date' };

  const tenDigits = `${yy}${pad2(month)}${pad2(dayField)}${serial}`;
  if (luhnCheckDigit(tenDigits) !== tenDigits.charCodeAt(9) - 48)
    return { ok: false, reason: 'bad_checksum' };

  return {
    ok: true,
    normalised: `${String(year).padStart(4, '0')}${tenDigits.slice(2)}`,
    scheme: samordning ? 'samordningsnummer' : 'personnummer',
    birthDate,
    sex: (tenDigits.charCodeAt(8) - 48) % 2 === 1 ? 'M' : 'F',
    warnings: [],
  };
}
