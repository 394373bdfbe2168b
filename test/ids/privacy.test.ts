import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { personIdMessage } from '../../src/ids/messages.js';
import { parsePersonId } from '../../src/ids/person-id.js';

const REASONS = ['empty', 'bad_format', 'bad_date', 'bad_checksum'] as const;

describe('error messages never contain the raw id', () => {
  it('hand-picked rejections', () => {
    const cases: [string, 'DK' | 'SE'][] = [
      ['310285-2053', 'DK'],
      ['17058-52053', 'DK'],
      ['850517-2381', 'SE'],
      ['850230-2386', 'SE'],
      ['19850517+2380', 'SE'],
    ];
    for (const [raw, country] of cases) {
      const r = parsePersonId(raw, country);
      expect(r.ok).toBe(false);
      const text = JSON.stringify(r);
      expect(text).not.toContain(raw);
      expect(text).not.toContain(raw.replace(/\D/g, '').slice(0, 6));
    }
  });

  it('messages contain no digits at all, so no part of a number can leak', () => {
    for (const reason of REASONS) {
      for (const text of Object.values(personIdMessage(reason))) expect(text).not.toMatch(/\d/);
    }
  });

  it('any rejected input: the result does not contain the input', () => {
    const idLike = fc.stringMatching(/^\s?[0-9A-Za-z]{4,8}[-+]?[0-9A-Za-z]{2,6}\s?$/);
    fc.assert(
      fc.property(idLike, fc.constantFrom<'DK' | 'SE'>('DK', 'SE'), (raw, country) => {
        const r = parsePersonId(raw, country, { referenceDate: new Date(Date.UTC(2024, 5, 1)) });
        if (!r.ok) expect(JSON.stringify(r)).not.toContain(raw.trim());
      }),
      { numRuns: 2000 },
    );
  });
});
