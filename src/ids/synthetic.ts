/**
 * Synthetic person ids for demo and test data.
 * Every number produced here is GENERATED from a birth date, a sex and a seeded PRNG; none is a real
 * person's id, and any match with a real CPR number or personnummer is coincidence.
 */
import { pad2 } from './calendar.js';
import { CPR_MOD11_WEIGHTS, cprBirthYear } from './cpr.js';
import { luhnCheckDigit } from './personnummer.js';

/** A PRNG returning numbers in [0, 1), e.g. `seededRandom(42)`. */
export type Random = () => number;

function pick(rand: Random, n: number): number {
  return Math.min(n - 1, Math.floor(rand() * n));
}

/**
 * Small deterministic PRNG (mulberry32) for reproducible demo data.
 * @example const rand = seededRandom(2024); rand(); // 0 ≤ x < 1
 */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function utcParts(d: Date): { year: number; month: number; day: number } {
  if (Number.isNaN(d.getTime())) throw new Error('synthetic id: invalid birth date');
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/**
 * A synthetic Danish CPR number `DDMMYY-SSSS` for a birth date (UTC) between 1858 and 2057.
 * The 7th digit is one the CPR century table maps to the birth year; the number satisfies modulus 11
 * unless `failMod11` (like numbers issued since 2007); the last digit is odd for 'M', even for 'F'.
 * @example syntheticCpr(new Date(Date.UTC(1985, 4, 17)), 'F', seededRandom(1)) // '170585-…'
 */
export function syntheticCpr(
  birthDate: Date,
  sex: 'M' | 'F',
  rand: Random,
  opts: { failMod11?: boolean } = {},
): string {
  const { year, month, day } = utcParts(birthDate);
  if (year < 1858 || year > 2057) throw new Error(`synthetic CPR: birth year ${year} outside 1858–2057`);
  const yy = year % 100;
  const centuryDigits = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].filter((d) => cprBirthYear(d, yy) === year);
  const prefix = `${pad2(day)}${pad2(month)}${pad2(yy)}`;
  const parity = sex === 'M' ? 1 : 0;

  // Scan (century digit, two serial digits) from a random start until a last digit fits sex and modulus 11.
  const total = centuryDigits.length * 100;
  const start = pick(rand, total);
  for (let k = 0; k < total; k++) {
    const idx = (start + k) % total;
    const nine = `${prefix}${centuryDigits[Math.floor(idx / 100)]}${pad2(idx % 100)}`;
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += (nine.charCodeAt(i) - 48) * CPR_MOD11_WEIGHTS[i]!;
    if (opts.failMod11) {
      const first = pick(rand, 5);
      for (let j = 0; j < 5; j++) {
        const last = 2 * ((first + j) % 5) + parity;
        if ((sum + last) % 11 !== 0) return `${nine.slice(0, 6)}-${nine.slice(6)}${last}`;
      }
    } else {
      const last = (11 - (sum % 11)) % 11;
      if (last <= 9 && last % 2 === parity) return `${nine.slice(0, 6)}-${nine.slice(6)}${last}`;
    }
  }
  throw new Error('synthetic CPR: no serial number fits'); // unreachable: every date has many fits
}

/**
 * A synthetic Swedish personnummer `YYYYMMDD-NNNC` (12-digit form) for a birth date (UTC) between 1800
 * and 2099, with a correct Luhn digit; the 9th digit of the 10-digit form is odd for 'M', even for 'F'.
 * With `samordning` the day is raised by 60 (samordningsnummer).
 * @example syntheticPersonnummer(new Date(Date.UTC(1981, 11, 18)), 'M', seededRandom(1)) // '19811218-…'
 */
export function syntheticPersonnummer(
  birthDate: Date,
  sex: 'M' | 'F',
  rand: Random,
  opts: { samordning?: boolean } = {},
): string {
  const { year, month, day } = utcParts(birthDate);
  if (year < 1800 || year > 2099)
    throw new Error(`synthetic personnummer: birth year ${year} outside 1800–2099`);
  const n1 = pick(rand, 10);
  let n2 = pick(rand, 10);
  const n3 = 2 * pick(rand, 5) + (sex === 'M' ? 1 : 0);
  if (n1 === 0 && n2 === 0 && n3 === 0) n2 = 1; // serial 000 is not issued
  const nine = `${pad2(year % 100)}${pad2(month)}${pad2(day + (opts.samordning ? 60 : 0))}${n1}${n2}${n3}`;
  return `${Math.floor(year / 100)}${nine.slice(0, 6)}-${nine.slice(6)}${luhnCheckDigit(nine)}`;
}
