import { describe, expect, it } from 'vitest';
import { luhnCheckDigit, parsePersonnummer } from '../../src/ids/personnummer.js';
import { parsePersonId } from '../../src/ids/person-id.js';

const REF = new Date(Date.UTC(2024, 5, 1)); // 2024-06-01

// Synthetic numbers. Luhn over YYMMDDNNN with weights 2,1,2,1,…, digits of products summed:
// 850517238 → 16→7,5,0,5,2,7,4,3,16→7 = 40 → check digit 0.
describe('luhnCheckDigit', () => {
  it('matches hand-computed digits', () => {
    expect(luhnCheckDigit('850517238')).toBe(0);
    // 7,5,0,5,2,7,4,3,18→9 = 42 → 8
    expect(luhnCheckDigit('850517239')).toBe(8);
  });
});

describe('parsePersonnummer', () => {
  it('accepts the 10-digit form with "-" and finds the century from the reference date', () => {
    expect(parsePersonnummer('850517-2380', REF)).toEqual({
      ok: true,
      normalised: '198505172380',
      scheme: 'personnummer',
      birthDate: { year: 1985, month: 5, day: 17 },
      sex: 'F',
      warnings: [],
    });
  });

  it('reads "+" as aged 100 or more', () => {
    expect(parsePersonnummer('850517+2380', REF)).toMatchObject({
      ok: true,
      normalised: '188505172380',
      birthDate: { year: 1885, month: 5, day: 17 },
    });
  });

  it('puts a birthday later in the year than the reference date in the previous century', () => {
    // 240701456 → 4,4,0,7,0,1,8,5,12→3 = 32 → 8
    expect(parsePersonnummer('240701-4568', REF)).toMatchObject({ ok: true, birthDate: { year: 1924 } });
    // 240501456 → 4,4,0,5,0,1,8,5,3 = 30 → 0
    expect(parsePersonnummer('240501-4560', REF)).toMatchObject({ ok: true, birthDate: { year: 2024 } });
    // an earlier year keeps its century even when its day-of-year is after the reference date
    // 070602203 → 0,7,0,6,0,2,4,0,6 = 25 → 5
    expect(parsePersonnummer('070602-2035', REF)).toMatchObject({ ok: true, birthDate: { year: 2007 } });
  });

  it('accepts the 12-digit forms with the same normalised id', () => {
    for (const raw of ['19850517-2380', '198505172380', ' 8505172380 ']) {
      const r = parsePersonnummer(raw, REF);
      expect(r.ok && r.normalised).toBe('198505172380');
    }
  });

  it('rejects a bad Luhn digit', () => {
    expect(parsePersonnummer('850517-2381', REF)).toEqual({ ok: false, reason: 'bad_checksum' });
    expect(parsePersonnummer('19850517-2381')).toEqual({ ok: false, reason: 'bad_checksum' });
  });

  it('rejects impossible dates, leap years by century', () => {
    // 850230238 → 7,5,0,2,6,0,4,3,7 = 34 → 6, so only the date is wrong
    expect(parsePersonnummer('850230-2386', REF)).toEqual({ ok: false, reason: 'bad_date' });
    // 000229123 → 0,0,0,2,4,9,2,2,6 = 25 → 5; 2000 is a leap year, 1900 (with "+") is not
    expect(parsePersonnummer('000229-1235', REF)).toMatchObject({ ok: true, birthDate: { year: 2000 } });
    expect(parsePersonnummer('000229+1235', REF)).toEqual({ ok: false, reason: 'bad_date' });
  });

  it('reads day + 60 as a samordningsnummer and keeps the id as issued', () => {
    // 850577238 → 16→7,5,0,5,14→5,7,4,3,16→7 = 43 → 7
    expect(parsePersonnummer('850577-2387', REF)).toEqual({
      ok: true,
      normalised: '198505772387',
      scheme: 'samordningsnummer',
      birthDate: { year: 1985, month: 5, day: 17 },
      sex: 'F',
      warnings: [],
    });
  });

  it('derives sex from the 9th digit', () => {
    const r = parsePersonnummer('850517-2398', REF);
    expect(r.ok && r.sex).toBe('M');
  });

  it('rejects bad formats', () => {
    for (const raw of ['19850517+2380', '850517/2380', '85051-72380', '8505172', 'ÅÅMMDD-NNNC']) {
      expect(parsePersonnummer(raw, REF)).toEqual({ ok: false, reason: 'bad_format' });
    }
    expect(parsePersonnummer('', REF)).toEqual({ ok: false, reason: 'empty' });
  });
});

describe('parsePersonId (SE)', () => {
  it('passes the reference date through and returns birth year-month', () => {
    expect(parsePersonId('850517+2380', 'SE', { referenceDate: REF })).toEqual({
      ok: true,
      normalised: '188505172380',
      scheme: 'personnummer',
      birthYear: 1885,
      birthMonth: 5,
      sex: 'F',
      warnings: [],
    });
  });
});
