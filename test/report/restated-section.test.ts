import { describe, expect, it } from 'vitest';
import { SECTIONS } from '../../src/report/html.js';
import { restated } from '../../src/report/sections/restated.js';
import { plain, published, readingOf, reportData, type FixtureRow } from './sections.fixture.js';

/**
 * The comparable history across the 2027 reform, by hand. Aalborg (851), 100 kr. a day; rehabilitation
 * (genoptræning, SUL-140) is municipal until 31 Dec 2026 and regional from 1 Jan 2027:
 *   1.000 citizens A: rehabilitation 20 Dec 2026 – 10 Jan 2027 (12 days = 1.200 kr. in 2026, 10 days =
 *                     1.000 kr. in 2027) and personal care (10 days = 1.000 kr. in 2026, 5 days = 500 kr. in 2027)
 *     400 citizens B: rehabilitation only, 5 days = 500 kr. in 2026
 * Municipal cost as registered:
 *   2026 = 1.000 × (1.200 + 1.000) + 400 × 500 = 2.400.000 kr. ("2,4 mio. kr."), 1.400 citizens
 *   2027 = 1.000 × 500 = 500.000 kr. ("0,5 mio. kr."), 1.000 citizens
 *   change (500.000 − 2.400.000) / 2.400.000 = −79,17 % → "-79,2 %"
 * On the 2027 division of tasks (2026's rehabilitation regional):
 *   2026 = 1.000 × 1.000 = 1.000.000 kr. ("1,0 mio. kr."), 1.000 citizens; 2027 unchanged
 *   change (500.000 − 1.000.000) / 1.000.000 = −50 % → "-50,0 %": the part that is not the reform
 * Cost per citizen: registered 2.400.000 / 1.400 = 1.714,29 → 171.429 øre ("1.714"), 2027 500;
 *   change (50.000 − 171.429) / 171.429 = −70,83 % → "-70,8 %"; restated 1.000 → 500, −50,0 %
 * Regional cost: registered 2026 0, 2027 1.000 × 1.000 = 1.000.000 ("1,0 mio. kr."), no change share (from 0);
 *   restated 2026 1.000 × 1.200 + 400 × 500 = 1.400.000 ("1,4 mio. kr."), change (1,0 − 1,4) / 1,4 = −28,57 %
 *   → "-28,6 %"
 */
const row = (
  indicator: string,
  basis: string,
  period: string,
  persons: bigint,
  amount: bigint,
  previous: bigint | null,
  o: Partial<FixtureRow> = {},
): FixtureRow => ({
  period,
  previous_period: period === '2027' ? '2026' : null,
  municipality: '851',
  indicator,
  basis,
  persons,
  restated_persons: 0n,
  recounted_persons: 0n,
  amount_minor: amount,
  previous_amount_minor: previous,
  change_minor: previous === null ? null : amount - previous,
  change_share: previous === null || previous === 0n ? null : Number(amount - previous) / Number(previous),
  ...o,
});

/** The mart's rows in øre; `hide` hides the restated rows of the given indicator. */
function rows(hide = ''): FixtureRow[] {
  const h = (ind: string): Partial<FixtureRow> => (ind === hide ? { hidden: 'small' } : {});
  return [
    row('cost', 'registered', '2026', 1400n, 240_000_000n, null),
    row('cost', 'registered', '2027', 1000n, 50_000_000n, 240_000_000n),
    row('cost', 'division_2027', '2026', 1000n, 100_000_000n, null, {
      restated_persons: 1400n,
      recounted_persons: 400n,
      ...h('cost'),
    }),
    row('cost', 'division_2027', '2027', 1000n, 50_000_000n, 100_000_000n, h('cost')),
    row('cost_per_person', 'registered', '2026', 1400n, 171_429n, null),
    row('cost_per_person', 'registered', '2027', 1000n, 50_000n, 171_429n),
    row('cost_per_person', 'division_2027', '2026', 1000n, 100_000n, null, h('cost_per_person')),
    row('cost_per_person', 'division_2027', '2027', 1000n, 50_000n, 100_000n, h('cost_per_person')),
    row('regional_cost', 'registered', '2026', 0n, 0n, null),
    row('regional_cost', 'registered', '2027', 1000n, 100_000_000n, 0n),
    row('regional_cost', 'division_2027', '2026', 1400n, 140_000_000n, null),
    row('regional_cost', 'division_2027', '2027', 1000n, 100_000_000n, 140_000_000n),
  ];
}

const data = (lang: 'da' | 'sv' | 'en', r: FixtureRow[]) =>
  reportData(lang, [published('mart_trend_restated', r)], { periods: ['2026', '2027'] });

/** The text of the table row whose heading and period match. */
const line = (html: string, head: RegExp, period: string) =>
  [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)]
    .map((m) => plain(m[1]!))
    .find((r) => head.test(r) && r.includes(` ${period} `)) ?? '';

describe('report: comparable history across the 2027 reform (mart_trend_restated)', () => {
  it('both bases side by side, in the report formats, with the change on each basis', () => {
    const html = restated(data('da', rows()));
    expect(html).toContain('Sammenlignelig udvikling på tværs af 2027-reformen: Aalborg');
    expect(plain(html)).toContain(
      'Nøgletal Periode Som registreret Ændring, som registreret På 2027-opgavefordelingen Ændring, på 2027-opgavefordelingen',
    );
    expect(line(html, /^Samlede udgifter/, '2026')).toMatch(/ 2026 2,4 mio\. kr\. – 1,0 mio\. kr\. –$/);
    expect(line(html, /^Samlede udgifter/, '2027')).toMatch(
      / 2027 0,5 mio\. kr\. -79,2 % 0,5 mio\. kr\. -50,0 %$/,
    );
    expect(line(html, /^Udgift pr\. borger/, '2026')).toMatch(/ 2026 1\.714 – 1\.000 –$/);
    expect(line(html, /^Udgift pr\. borger/, '2027')).toMatch(/ 2027 500 -70,8 % 500 -50,0 %$/);
    expect(line(html, /^Regional/, '2027')).toMatch(/ 2027 1,0 mio\. kr\. – 1,0 mio\. kr\. -28,6 %$/);
    expect(readingOf(html)).toContain(
      'Fra 2026 til 2027 ændrede udgiften sig med -79,2 % som registreret og med -50,0 % på 2027-opgavefordelingen.',
    );
  });

  it('a hidden restated cell shows the suppression mark and drops the sentence that would hold it', () => {
    const html = restated(data('da', rows('cost')));
    // the restated cost and its change are hidden in both periods; the registered figures stay
    expect(line(html, /^Samlede udgifter/, '2027')).toMatch(/ 2027 0,5 mio\. kr\. -79,2 % x x$/);
    expect(html).toContain('<td class="hidden">x</td><td class="hidden">x</td>');
    const reading = readingOf(html);
    expect(reading).not.toContain('Fra 2026 til 2027');
    expect(reading).toContain('1. januar 2027');
  });

  it('the reading and the bases in Swedish and English', () => {
    const en = restated(data('en', rows()));
    expect(en).toContain('Comparable history across the 2027 reform: Aalborg');
    expect(plain(en)).toContain('As registered Change, as registered On the 2027 division of tasks');
    expect(readingOf(en)).toContain('removes the move of tasks between municipalities and regions');
    expect(readingOf(en)).toContain('by -50.0 % on the 2027 division of tasks');
    expect(readingOf(restated(data('sv', rows())))).toContain('Med 2027 års uppgiftsfördelning är alla år');
  });

  it('nothing restated (the bases equal, e.g. data before 2027 without moving services): no section', () => {
    const same = rows().filter((r) => r.basis === 'registered');
    const copy = same.map((r) => ({ ...r, basis: 'division_2027' }));
    expect(restated(data('da', [...same, ...copy]))).toBe('');
    expect(restated(data('da', []))).toBe('');
  });

  it('is one of the report sections', () => {
    expect(SECTIONS).toContain(restated);
  });
});
