import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { t, text } from '../../src/core/messages.js';
import { tr } from '../../src/i18n.js';
import { readCatalogues } from './catalogues.js';

/** Nouns that are counted in the CLI, server and data-loading messages, in each language's plural form. */
const COUNTED: Record<'da' | 'sv' | 'en', string[]> = {
  da: [
    'borgere',
    'personer',
    'rækker',
    'posteringer',
    'kontakter',
    'dage',
    'poster',
    'tabeller',
    'kommuner',
    'filer',
  ],
  sv: [
    'brukare',
    'personer',
    'rader',
    'kontakter',
    'dagar',
    'poster',
    'tabeller',
    'kommuner',
    'filer',
    'insatser',
  ],
  en: [
    'citizens',
    'persons',
    'rows',
    'lines',
    'contacts',
    'days',
    'entries',
    'tables',
    'municipalities',
    'files',
  ],
};
// the dashboard (web.) has its own owner; the report's readings (report.) are ICU too (`say`, src/report/kit.ts)
const OUT_OF_SCOPE = /^web\./;
/** An ICU parser element: 0 literal, 1 argument, 5 select, 6 plural. */
type Element = { type: number; value?: unknown; options?: Record<string, { value: Element[] }> };

describe('messages with a counted noun use an ICU plural', () => {
  it('no message puts a plain {count} before a counted noun', () => {
    const c = readCatalogues(path.resolve('locales'));
    const plain: string[] = [];
    // an argument followed by a literal that starts with a counted noun, outside any plural's branches
    const walk = (lang: 'da' | 'sv' | 'en', key: string, elements: Element[]): void =>
      elements.forEach((e, i) => {
        const next = elements[i + 1];
        const noun = next?.type === 0 ? /^ (\p{L}+)/u.exec(String(next.value))?.[1] : undefined;
        if (e.type === 1 && noun && COUNTED[lang].includes(noun))
          plain.push(`${lang} ${key}: {${String(e.value)}} ${noun}`);
        if (e.type === 5) for (const o of Object.values(e.options ?? {})) walk(lang, key, o.value);
      });
    for (const lang of ['da', 'sv', 'en'] as const)
      for (const [key, message] of Object.entries(c[lang]))
        if (!OUT_OF_SCOPE.test(key))
          walk(
            lang,
            key,
            new IntlMessageFormat(message, 'en', undefined, { ignoreTag: true }).getAst() as Element[],
          );
    expect(plain).toEqual([]);
  });

  it('pick the singular for 1 and the plural for 2 in da, sv and en', () => {
    const rows = (lang: 'da' | 'sv' | 'en', n: number) =>
      t(lang, 'federation.cli.imported', { municipality: 'Aarhus', rows: n, signed: 'trusted' });
    expect(rows('da', 1)).toContain(': 1 række (');
    expect(rows('da', 2)).toContain(': 2 rækker (');
    expect(rows('sv', 1)).toContain(': 1 rad (');
    expect(rows('sv', 2)).toContain(': 2 rader (');
    expect(rows('en', 1)).toContain(': 1 row (');
    expect(rows('en', 2)).toContain(': 2 rows (');

    const cells = (lang: 'da' | 'sv' | 'en', n: number) =>
      t(lang, 'overview.index_file.extra_cells.msg', { file: 'f.csv', row: 3, cells: n, columns: n });
    expect(cells('da', 1)).toBe('Filen f.csv, række 3: 1 celle, men overskriften har 1 kolonne');
    expect(cells('sv', 2)).toBe('Filen f.csv, rad 3: 2 celler, men rubriken har 2 kolumner');
    expect(cells('en', 1)).toBe('File f.csv, row 3: 1 cell, but the header has 1 column');

    // the verb agrees with the count, not only the noun
    expect(t('en', 'costing.exportRawId', { n: 1 })).toMatch(/^1 row of cost_person has a person key/);
    expect(t('en', 'costing.exportRawId', { n: 2 })).toMatch(/^2 rows of cost_person have a person key/);
    expect(t('da', 'trajectories.kmfMissing', { n: 1, reasons: 'x' })).toContain(
      'Advarsel: 1 kontakt fik ingen',
    );
    expect(t('sv', 'trajectories.kmfMissing', { n: 2, reasons: 'x' })).toContain(
      'Varning: 2 kontakter fick ingen',
    );
    expect(t('da', 'audit-page.latest_caption', { n: 1 })).toBe('Den seneste post, nyeste først');
    expect(t('sv', 'audit-page.latest_caption', { n: 50 })).toBe('De senaste 50 posterna, nyaste först');
    expect(t('en', 'overview.reminder.request_overdue', { title: 'S', due: 'd', days: 1 })).toContain(
      '(1 day overdue)',
    );
  });

  it('group a count in the reader locale, through t and through tr (which passes its values as text)', () => {
    // 1234 → da 1.234, sv 1 234 (non-breaking space), en 1,234
    expect(t('da', 'federation.cli.compared', { n: 1234 })).toBe('Nøgletal for 1.234 kommuner:');
    expect(t('sv', 'federation.cli.compared', { n: 1234 })).toBe('Nyckeltal för 1\u00a0234 kommuner:');
    expect(t('en', 'federation.cli.compared', { n: 1234 })).toBe('Key figures of 1,234 municipalities:');
    expect(tr(text('trajectories.indicators'), 'da', { n: 1234 })).toBe('Klyngeindikatorer: 1.234 værdier');
    expect(tr(text('trajectories.indicators'), 'en', { n: 1 })).toBe('Cluster indicators: 1 value');
    // a bigint count (a COUNT(*) from DuckDB) selects and groups like a number
    expect(t('en', 'store.audit.intact', { entries: 12345n, hash: 'h' })).toContain('12,345 entries');
  });

  it('keep a value that is text as written (a hidden count, a decimal already formatted)', () => {
    const done = (persons: string) =>
      tr(text('costing.done'), 'da', {
        persons,
        periods: 1,
        attributed: '1',
        nonattr: '0',
        excluded: '0',
        ledger: '1',
      });
    expect(done('< 5')).toContain('for < 5 borgere i 1 periode:');
    expect(done('1')).toContain('for 1 borger i 1 periode:');
    const hours = t('da', 'decisions.break_point', {
      hours: '12,5',
      per_hour: 'a',
      per_day: 'b',
      days: '30,4',
    });
    expect(hours).toMatch(/^Ved 12,5 visiterede timer om måneden/);
  });
});
