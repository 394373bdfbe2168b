import { describe, expect, it } from 'vitest';
import { tx } from '../../web/src/i18n.js';

/** The dashboard fills ICU plurals itself (web/src/i18n.ts); the current language is Danish until setLang. */
const rows = (n: number, extra: Record<string, string | number> = {}) =>
  tx(
    {
      da: 'Tabel {name}: {n, plural, =0 {ingen rækker} one {# række i {name}} other {# rækker}}.',
      sv: '',
      en: '',
    },
    { n, name: 'X', ...extra },
  );

describe('dashboard texts: plurals', () => {
  it('picks the exact case, then the language’s category, and writes the count in Danish digits', () => {
    expect(rows(0)).toBe('Tabel X: ingen rækker.');
    // one: its {name} inside the branch is filled too
    expect(rows(1)).toBe('Tabel X: 1 række i X.');
    expect(rows(2)).toBe('Tabel X: 2 rækker.');
    // 1234 → "1.234" (da-DK grouping)
    expect(rows(1234)).toBe('Tabel X: 1.234 rækker.');
  });

  it('fills two plurals in one text and leaves a text without one as it was', () => {
    const two = {
      da: '{a, plural, one {# kommune} other {# kommuner}} og {b, plural, one {# år} other {# år}}',
      sv: '',
      en: '',
    };
    expect(tx(two, { a: 1, b: 3 })).toBe('1 kommune og 3 år');
    expect(tx({ da: 'Gruppen i {period}', sv: '', en: '' }, { period: '2024' })).toBe('Gruppen i 2024');
  });
});
