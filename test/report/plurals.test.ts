import { describe, expect, it } from 'vitest';
import { msg, say } from '../../src/report/kit.js';
import { quadrant } from '../../src/report/sections/quadrant.js';
import { HEADLINE, tableSection } from '../../src/report/sections/tables.js';
import type { Lang } from '../../src/i18n.js';
import { published, readingOf, reportData, type FixtureRow } from './sections.fixture.js';

/** The quadrant's reading for `persons` citizens expensive in both sectors. */
const bothSectors = (lang: Lang, persons: bigint) =>
  readingOf(
    quadrant(
      reportData(lang, [
        published('mart_quadrant', [
          { quadrant: '*', persons: 100n, municipal_minor: 1n, regional_minor: 1n, mean_age: 50 },
          { quadrant: 'high_high', persons, municipal_minor: 1n, regional_minor: 1n, mean_age: 70 },
        ]),
      ]),
    ),
  );

describe('the report readings are ICU plurals (say)', () => {
  it('a written reading picks the singular for 1 and the plural for 2, noun and verb, in da, sv and en', () => {
    expect(bothSectors('da', 1n)).toMatch(/^1 borger er dyr både kommunalt og regionalt\. /);
    expect(bothSectors('da', 2n)).toMatch(/^2 borgere er dyre både kommunalt og regionalt\. /);
    expect(bothSectors('sv', 1n)).toMatch(/^1 person är dyr både kommunalt och regionalt\. /);
    expect(bothSectors('sv', 2n)).toMatch(/^2 personer är dyra både kommunalt och regionalt\. /);
    expect(bothSectors('en', 1n)).toMatch(/^1 citizen is expensive both municipally and regionally\. /);
    expect(bothSectors('en', 2n)).toMatch(/^2 citizens are expensive both municipally and regionally\. /);
    // the sentence after the plural is kept whole
    expect(bothSectors('en', 1n)).toMatch(/Most expensive trajectories are expensive in one sector only/);
  });

  it('groups a count in the reader locale: 12345 → 12.345 / 12 345 / 12,345', () => {
    expect(bothSectors('da', 12345n)).toMatch(/^12\.345 borgere er dyre/);
    expect(bothSectors('sv', 12345n)).toMatch(/^12\s345 personer är dyra/);
    // plain() folds the Swedish group separator, a non-breaking space; say() writes it
    expect(say(msg('quadrant.reading'), 'sv', { n: 12345 })).toMatch(/^12\u00a0345 personer är dyra/);
    expect(bothSectors('en', 12345n)).toMatch(/^12,345 citizens are expensive/);
  });

  it('the headline: three plurals in three sentences; a hidden segment drops only its own sentence', () => {
    const seg = (segment: string, persons: bigint, hidden?: 'small'): FixtureRow =>
      hidden
        ? { segment, age_from: 0, age_to: 120, pct: 10, hidden }
        : { segment, age_from: 0, age_to: 120, pct: 10, persons, cost_minor: 100_000_00n, cost_share: 0.5 };
    const reading = (lang: Lang, rows: FixtureRow[]) =>
      readingOf(tableSection(reportData(lang, [published('mart_headline', rows)]), HEADLINE));
    const da = reading('da', [seg('all', 2n), seg('top', 1n), seg('bottom', 1n, 'small')]);
    expect(da).toMatch(/^2 borgere i alderen 0–120 år/);
    expect(da).toContain('De dyreste 10 % – 1 borger – tegner sig for');
    expect(da).not.toContain('De billigste');
    const en = reading('en', [seg('all', 1n), seg('top', 2n), seg('bottom', 2n)]);
    expect(en).toMatch(/^1 citizen aged 0–120 received/);
    expect(en).toContain('The least expensive 10 % – 2 citizens – account for');
  });

  it('say drops a sentence whose count is missing ("–" would read NaN) and keeps text values as written', () => {
    // intervals.reading: "… ({t} citizens in all). {h}" — {h} is a sentence written beforehand
    expect(say(msg('intervals.reading'), 'en', { t: 1, h: 'Ten cost more.' })).toBe(
      'The bars show how many citizens fall in each cost interval (1 citizen in all). Ten cost more.',
    );
    expect(say(msg('intervals.reading'), 'en', { t: '–', h: 'Ten cost more.' })).toBe('Ten cost more.');
    expect(say(msg('serviceOverlap.reading'), 'sv', { n: 2, f: 'hemtjänst < 5' })).toMatch(
      /^2 personer fick två eller fler slags hemtjänst < 5 under samma period/,
    );
  });
});
