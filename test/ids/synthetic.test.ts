import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cprMod11Remainder, parseCpr } from '../../src/ids/cpr.js';
import { parsePersonnummer } from '../../src/ids/personnummer.js';
import { seededRandom, syntheticCpr, syntheticPersonnummer } from '../../src/ids/synthetic.js';

const utc = (min: string, max: string) =>
  fc.date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T00:00:00Z`), noInvalidDate: true }).map(
    // whole UTC days, like a birth date
    (d) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())),
  );
const sex = fc.constantFrom<'M' | 'F'>('M', 'F');
const parts = (d: Date) => ({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });

describe('syntheticCpr', () => {
  it('round-trips through parseCpr with the same birth date and sex', () => {
    fc.assert(
      fc.property(
        utc('1858-01-01', '2057-12-31'),
        sex,
        fc.integer(),
        fc.boolean(),
        (birth, s, seed, failMod11) => {
          const raw = syntheticCpr(birth, s, seededRandom(seed), { failMod11 });
          expect(raw).toMatch(/^\d{6}-\d{4}$/);
          const r = parseCpr(raw);
          expect(r).toMatchObject({ ok: true, scheme: 'cpr', birthDate: parts(birth), sex: s });
          expect(r.ok && r.warnings).toEqual(failMod11 ? ['cpr_mod11_fail'] : []);
          expect(cprMod11Remainder(raw.replace('-', '')) === 0).toBe(!failMod11);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('is deterministic for a seed', () => {
    const birth = new Date(Date.UTC(1985, 4, 17));
    expect(syntheticCpr(birth, 'F', seededRandom(7))).toBe(syntheticCpr(birth, 'F', seededRandom(7)));
  });

  it('refuses birth years the CPR cannot express', () => {
    expect(() => syntheticCpr(new Date(Date.UTC(1857, 0, 1)), 'M', seededRandom(1))).toThrow(/1858/);
  });
});

describe('syntheticPersonnummer', () => {
  it('round-trips through parsePersonnummer in 12- and 10-digit form', () => {
    const ref = new Date(Date.UTC(2024, 5, 1));
    fc.assert(
      fc.property(
        utc('1900-01-01', '2024-06-01'),
        sex,
        fc.integer(),
        fc.boolean(),
        (birth, s, seed, samordning) => {
          const raw = syntheticPersonnummer(birth, s, seededRandom(seed), { samordning });
          expect(raw).toMatch(/^\d{8}-\d{4}$/);
          const expected = {
            ok: true,
            scheme: samordning ? 'samordningsnummer' : 'personnummer',
            birthDate: parts(birth),
            sex: s,
            normalised: raw.replace('-', ''),
          };
          expect(parsePersonnummer(raw)).toMatchObject(expected);
          // 10-digit form: '+' once the person has turned 100 at the reference date
          const b = parts(birth);
          const hadBirthday = b.month < 6 || (b.month === 6 && b.day <= 1);
          const age = 2024 - b.year - (hadBirthday ? 0 : 1);
          const ten = `${raw.slice(2, 8)}${age >= 100 ? '+' : '-'}${raw.slice(9)}`;
          expect(parsePersonnummer(ten, ref)).toMatchObject(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
