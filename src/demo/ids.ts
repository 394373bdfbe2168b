/**
 * Unique synthetic person ids for a demo municipality. The check-digit rules come from src/ids; serials are
 * handed out per birth date and sex from a cursor (not drawn at random as `syntheticCpr` does) so that
 * 10 million persons never share an id. Every id is generated; none is a real person's.
 */
import { CPR_MOD11_WEIGHTS, cprBirthYear } from '../ids/cpr.js';
import { luhnCheckDigit } from '../ids/personnummer.js';
import { partsOf } from './dates.js';

const p2 = (n: number) => (n < 10 ? `0${n}` : String(n));
const STRIDE = 389; // prime, coprime with every serial-space size, so serials look scattered

/** CPR numbers `DDMMYY-SSSS`: modulus 11 unless `failMod11`; eCPR-style substitute numbers on request. */
export class CprIssuer {
  private readonly cursors = new Map<number, number>();

  /**
   * @param failMod11 only for persons born from 2007 (numbers issued since 1 October 2007 may fail the check)
   * @param substitute an eCPR substitute number (day + 60), as the CPR office recommends for persons without CPR
   */
  issue(birth: number, sex: 'M' | 'F', opts: { failMod11?: boolean; substitute?: boolean } = {}): string {
    const { year, month, day } = partsOf(birth);
    const yy = year % 100;
    const digits: number[] = [];
    for (let d = 0; d <= 9; d++) if (cprBirthYear(d, yy) === year) digits.push(d);
    const total = digits.length * 1000;
    const dd = opts.substitute ? day + 60 : day;
    const key =
      ((birth * 2 + (sex === 'M' ? 1 : 0)) * 2 + (opts.substitute ? 1 : 0)) * 2 + (opts.failMod11 ? 1 : 0);
    let cursor = this.cursors.get(key) ?? 0;
    const prefix = `${p2(dd)}${p2(month)}${p2(yy)}`;
    const parity = sex === 'M' ? 1 : 0;
    const offset = (((birth * 7919) % total) + total) % total;
    for (; cursor < total; cursor++) {
      const idx = (offset + cursor * STRIDE) % total;
      const serial = `${digits[Math.floor(idx / 1000)]}${String(idx % 1000).padStart(3, '0')}`;
      const last = serial.charCodeAt(3) - 48;
      if (last % 2 !== parity) continue;
      const ten = prefix + serial;
      let sum = 0;
      for (let i = 0; i < 10; i++) sum += (ten.charCodeAt(i) - 48) * CPR_MOD11_WEIGHTS[i]!;
      const passes = sum % 11 === 0;
      // substitute numbers carry no check; ordinary ones pass, or fail on purpose
      if (!opts.substitute && passes === Boolean(opts.failMod11)) continue;
      this.cursors.set(key, cursor + 1);
      return `${prefix}-${serial}`;
    }
    // The serial space of this date is used up (only at tens of millions of persons): fall back.
    if (!opts.substitute) return this.issue(birth, sex, { substitute: true });
    throw new Error('demo ids: no free CPR serial for a birth date');
  }
}

/** Swedish personnummer `YYYYMMDD-NNNC` with a Luhn digit; samordningsnummer add 60 to the day. */
export class PersonnummerIssuer {
  private readonly cursors = new Map<number, number>();

  issue(birth: number, sex: 'M' | 'F', opts: { samordning?: boolean } = {}): string {
    const { year, month, day } = partsOf(birth);
    const key = (birth * 2 + (sex === 'M' ? 1 : 0)) * 2 + (opts.samordning ? 1 : 0);
    let cursor = this.cursors.get(key) ?? 0;
    const parity = sex === 'M' ? 1 : 0;
    const offset = (((birth * 7919) % 1000) + 1000) % 1000;
    const dd = opts.samordning ? day + 60 : day;
    for (; cursor < 1000; cursor++) {
      const serial = (offset + cursor * STRIDE) % 1000;
      if (serial === 0 || serial % 2 !== parity) continue;
      const nine = `${p2(year % 100)}${p2(month)}${p2(dd)}${String(serial).padStart(3, '0')}`;
      this.cursors.set(key, cursor + 1);
      return `${Math.floor(year / 100)}${nine.slice(0, 6)}-${nine.slice(6)}${luhnCheckDigit(nine)}`;
    }
    if (!opts.samordning) return this.issue(birth, sex, { samordning: true });
    throw new Error('demo ids: no free personnummer serial for a birth date');
  }
}
