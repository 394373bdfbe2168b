/**
 * Danish CPR numbers (personnummer i CPR-systemet) and substitute numbers (erstatningspersonnumre, eCPR).
 * Rules and sources: docs/person-ids.md.
 */
import { isValidDate, pad2 } from './calendar.js';
import { restoreLeadingZero } from './personnummer.js';
import type { IdParseResult, PersonIdWarning, Sex } from './types.js';

export const CPR_MOD11_WEIGHTS = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1] as const;

// DDMMYY, optional hyphen, four serial characters (digits for CPR, digit-letter-letter-digit for eCPR).
const CPR_SHAPE = /^(\d{2})(\d{2})(\d{2})-?([0-9A-Za-z]{4})$/;
const DIGITS_4 = /^\d{4}$/;
const ECPR_SERIAL = /^[0-9][A-Za-z]{2}[0-9]$/;

/**
 * Full birth year from the two-digit year and the 7th digit, per the CPR office's table.
 * @example cprBirthYear(4, 10) // 2010
 */
export function cprBirthYear(seventhDigit: number, yy: number): number {
  if (seventhDigit <= 3) return 1900 + yy;
  if (seventhDigit === 4 || seventhDigit === 9) return (yy <= 36 ? 2000 : 1900) + yy;
  return (yy <= 57 ? 2000 : 1800) + yy;
}

/** Weighted modulus-11 sum of ten digits; 0 means the number satisfies the pre-2007 check. */
export function cprMod11Remainder(digits: string): number {
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += (digits.charCodeAt(i) - 48) * CPR_MOD11_WEIGHTS[i]!;
  return sum % 11;
}

function sexFromDigit(code: number): Sex {
  return (code - 48) % 2 === 1 ? 'M' : 'F';
}

/**
 * Parse a Danish CPR number or eCPR substitute number.
 * A CPR failing modulus 11 is accepted with the warning `cpr_mod11_fail` (numbers issued since
 * 1 October 2007 need not satisfy it).
 * @example parseCpr(' 170585-2053 ') // { ok: true, normalised: '1705852053', scheme: 'cpr', … }
 */
export function parseCpr(raw: string): IdParseResult {
  const s = restoreLeadingZero(raw.trim());
  if (s === '') return { ok: false, reason: 'empty' };
  const m = CPR_SHAPE.exec(s);
  if (!m) return { ok: false, reason: 'bad_format' };
  const dd = Number(m[1]);
  const month = Number(m[2]);
  const yy = Number(m[3]);
  const serial = m[4]!;

  if (DIGITS_4.test(serial)) {
    // CPR office's recommended substitute numbers raise the first day digit by 6 (day + 60).
    const substitute = dd >= 61 && dd <= 91;
    const day = substitute ? dd - 60 : dd;
    const year = cprBirthYear(serial.charCodeAt(0) - 48, yy);
    if (!isValidDate(year, month, day)) return { ok: false, reason: 'bad_date' };
    const normalised = `${m[1]}${m[2]}${m[3]}${serial}`;
    const warnings: PersonIdWarning[] = [];
    if (!substitute && cprMod11Remainder(normalised) !== 0) warnings.push('cpr_mod11_fail');
    return {
      ok: true,
      normalised,
      scheme: substitute ? 'ecpr' : 'cpr',
      birthDate: { year, month, day },
      sex: sexFromDigit(serial.charCodeAt(3)),
      warnings,
    };
  }

  if (ECPR_SERIAL.test(serial)) {
    // X-eCPR / D-eCPR: DDMMYYCAAG, C = century (0/1 → 1900s, 6/7 → 2000s), AA letters, G sex.
    const c = serial.charCodeAt(0) - 48;
    let century: number;
    if (c === 0 || c === 1) century = 1900;
    else if (c === 6 || c === 7) century = 2000;
    else return { ok: false, reason: 'bad_format' };
    const year = century + yy;
    if (!isValidDate(year, month, dd)) return { ok: false, reason: 'bad_date' };
    return {
      ok: true,
      normalised: `${pad2(dd)}${m[2]}${m[3]}${serial.toUpperCase()}`,
      scheme: 'ecpr',
      birthDate: { year, month, day: dd },
      sex: sexFromDigit(serial.charCodeAt(3)),
      // eCPR issuers may use the creation date when the birth date is unknown.
      warnings: ['ecpr_birth_date_uncertain'],
    };
  }

  return { ok: false, reason: 'bad_format' };
}
