import { describe, expect, it } from 'vitest';
import { parseCpr } from '../../src/ids/cpr.js';
import { parsePersonId } from '../../src/ids/person-id.js';

// All numbers are synthetic; check sums are worked out in the comments (weights 4,3,2,7,6,5,4,3,2,1).
describe('parseCpr', () => {
  it('accepts a modulus-11 valid CPR with hyphen', () => {
    // 1·4+7·3+0·2+5·7+8·6+5·5+2·4+0·3+5·2+3·1 = 154 = 14·11
    expect(parseCpr('170585-2053')).toEqual({
      ok: true,
      normalised: '1705852053',
      scheme: 'cpr',
      birthDate: { year: 1985, month: 5, day: 17 },
      sex: 'M',
      warnings: [],
    });
  });

  it('accepts the same CPR without hyphen and with surrounding spaces, same normalised form', () => {
    const a = parseCpr('1705852053');
    const b = parseCpr('  170585-2053 ');
    expect(a.ok && a.normalised).toBe('1705852053');
    expect(b.ok && b.normalised).toBe('1705852053');
  });

  it('derives sex from the last digit: even is female', () => {
    // 4+21+0+35+48+25+8+0+0+2 = 143 = 13·11
    const r = parseCpr('170585-2002');
    expect(r.ok && r.sex).toBe('F');
    expect(r.ok && r.warnings).toEqual([]);
  });

  it('accepts a CPR failing modulus 11 as valid with a warning', () => {
    // last digit 3 → 5: sum 156, 156 mod 11 = 2
    const r = parseCpr('170585-2055');
    expect(r).toMatchObject({ ok: true, scheme: 'cpr', sex: 'M', warnings: ['cpr_mod11_fail'] });
  });

  it('rejects impossible dates', () => {
    expect(parseCpr('310285-2053')).toEqual({ ok: false, reason: 'bad_date' });
    expect(parseCpr('001085-2053')).toEqual({ ok: false, reason: 'bad_date' });
    expect(parseCpr('171385-2053')).toEqual({ ok: false, reason: 'bad_date' });
  });

  it('validates 29 February against the century from the 7th digit', () => {
    // digit 4, YY 00 → 2000, a leap year; 2+27+0+14+0+0+16+0+4+8 = 77 = 7·11
    expect(parseCpr('290200-4028')).toMatchObject({
      ok: true,
      birthDate: { year: 2000, month: 2, day: 29 },
      sex: 'F',
    });
    // digit 1 → 1900, not a leap year
    expect(parseCpr('290200-1029')).toEqual({ ok: false, reason: 'bad_date' });
  });

  it.each([
    ['010110-0001', 1910],
    ['010110-3001', 1910],
    ['010199-2001', 1999],
    ['010136-4001', 2036],
    ['010137-4001', 1937],
    ['010136-9001', 2036],
    ['010137-9001', 1937],
    ['010157-5001', 2057],
    ['010158-5001', 1858],
    ['010100-8001', 2000],
    ['010199-8001', 1899],
    ['010120-6001', 2020],
    ['010160-7001', 1860],
  ])('century rule: %s is born in %i', (raw, year) => {
    const r = parseCpr(raw);
    expect(r.ok && r.birthDate.year).toBe(year);
  });

  it('rejects bad formats', () => {
    for (const raw of [
      '17058-52053',
      '170585--2053',
      '170585 2053',
      '17058520531',
      '170585-205',
      'abcdefghij',
    ]) {
      expect(parseCpr(raw)).toEqual({ ok: false, reason: 'bad_format' });
    }
    expect(parseCpr('   ')).toEqual({ ok: false, reason: 'empty' });
  });
});

describe('eCPR (erstatningspersonnummer)', () => {
  it('accepts X-eCPR DDMMYYCAAG with century digit 1 and 7', () => {
    expect(parseCpr('0203291WQ3')).toEqual({
      ok: true,
      normalised: '0203291WQ3',
      scheme: 'ecpr',
      birthDate: { year: 1929, month: 3, day: 2 },
      sex: 'M',
      warnings: ['ecpr_birth_date_uncertain'],
    });
    expect(parseCpr('3101057JC9')).toMatchObject({ ok: true, birthDate: { year: 2005, month: 1, day: 31 } });
    expect(parseCpr('1308781OS6')).toMatchObject({ ok: true, sex: 'F', birthDate: { year: 1978 } });
  });

  it('accepts D-eCPR with century digit 0 and 6', () => {
    expect(parseCpr('1502900KH4')).toMatchObject({ ok: true, scheme: 'ecpr', birthDate: { year: 1990 } });
    expect(parseCpr('1502106KH4')).toMatchObject({ ok: true, scheme: 'ecpr', birthDate: { year: 2010 } });
  });

  it('normalises case and hyphen', () => {
    const r = parseCpr(' 130878-1os6');
    expect(r.ok && r.normalised).toBe('1308781OS6');
  });

  it('rejects letters in other positions, other century digits and impossible dates', () => {
    expect(parseCpr('010190-AB12')).toEqual({ ok: false, reason: 'bad_format' });
    expect(parseCpr('0101902AB3')).toEqual({ ok: false, reason: 'bad_format' });
    expect(parseCpr('3102781AB3')).toEqual({ ok: false, reason: 'bad_date' });
  });

  it('accepts the CPR office substitute form with day + 60 as ecpr', () => {
    // day 67 → 7th; digit 1 → 1985; last digit 4 → female; no modulus 11 for substitutes
    expect(parseCpr('670785-1234')).toEqual({
      ok: true,
      normalised: '6707851234',
      scheme: 'ecpr',
      birthDate: { year: 1985, month: 7, day: 7 },
      sex: 'F',
      warnings: [],
    });
    expect(parseCpr('920185-1234')).toEqual({ ok: false, reason: 'bad_date' });
  });
});

describe('parsePersonId (DK)', () => {
  it('returns birth year-month, not the day', () => {
    expect(parsePersonId('170585-2053', 'DK')).toEqual({
      ok: true,
      normalised: '1705852053',
      scheme: 'cpr',
      birthYear: 1985,
      birthMonth: 5,
      sex: 'M',
      warnings: [],
    });
  });

  it('returns a stable code and da/sv/en messages', () => {
    const r = parsePersonId('310285-2053', 'DK');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toBe('bad_date');
    expect(Object.keys(r.message).sort()).toEqual(['da', 'en', 'sv']);
    expect(r.message.da).toMatch(/fødselsdato/);
  });

  it('throws on an unknown country (a programming error)', () => {
    expect(() => parsePersonId('170585-2053', 'NO' as 'DK')).toThrow(/unknown country/);
  });
});
