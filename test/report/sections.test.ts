import { describe, expect, it } from 'vitest';
import { departments } from '../../src/report/sections/departments.js';
import { heavy } from '../../src/report/sections/heavy.js';
import { intervals } from '../../src/report/sections/intervals.js';
import { intervalMix } from '../../src/report/sections/interval-mix.js';
import { keyFigures } from '../../src/report/sections/key-figures.js';
import { lorenz } from '../../src/report/sections/lorenz.js';
import { quadrant } from '../../src/report/sections/quadrant.js';
import { serviceOverlap } from '../../src/report/sections/service-overlap.js';
import { HEADLINE, RESULTS, tableSection } from '../../src/report/sections/tables.js';
import { benchmark } from '../../src/report/sections/benchmark.js';
import { benchmarkTrend } from '../../src/report/sections/benchmark-trend.js';
import { standardised } from '../../src/report/sections/standardised.js';
import { trend } from '../../src/report/sections/trend.js';
import { unitCosts } from '../../src/report/sections/unit-costs.js';
import { consumption } from '../../src/report/sections/consumption.js';
import { renderHtml } from '../../src/report/html.js';
import { krFmt } from '../../src/report/kit.js';
import { plain, published, readingOf, reportData, type FixtureRow } from './sections.fixture.js';

/**
 * One test per kind of section: a figure and its reading against values worked out by hand from the
 * rows below (Danish formats: "1.000", "12,5 %", "123,5 mio. kr."). A hidden value drops the sentence
 * that would hold it; the rest of the reading stays.
 */

const headline = (top: Partial<FixtureRow> = {}) =>
  published('mart_headline', [
    // 1.000 citizens aged 18–64, 123.456.789,00 kr. → "123,5 mio. kr."; 1.000 of 8.000 inhabitants = 12,5 %
    {
      segment: 'all',
      pct: 100,
      age_from: 18,
      age_to: 64,
      persons: 1000n,
      cost_minor: 12_345_678_900n,
      persons_share: 1,
      cost_share: 1,
      inhabitants: 8000n,
      inhabitant_share: 0.125,
    },
    // the top 5 %: 50 citizens, 61.728.394,50 kr. → "61,7 mio. kr.", 50 % of the cost
    {
      segment: 'top',
      pct: 5,
      persons: 50n,
      cost_minor: 6_172_839_450n,
      persons_share: 0.05,
      cost_share: 0.5,
      ...top,
    },
    // the bottom 50 %: 500 citizens, 2.469.135,78 kr. → "2,5 mio. kr.", 2 % of the cost
    {
      segment: 'bottom',
      pct: 50,
      persons: 500n,
      cost_minor: 246_913_578n,
      persons_share: 0.5,
      cost_share: 0.02,
    },
  ]);

describe('report sections: a figure and its reading, by hand', () => {
  it('a table section (the headline): the reading from the figures, the rows in segment order', () => {
    const html = tableSection(reportData('da', [headline()]), HEADLINE);
    expect(readingOf(html)).toBe(
      '1.000 borgere i alderen 18–64 år modtog ydelser for i alt 123,5 mio. kr. (12,5 % af aldersgruppen). ' +
        'De dyreste 5 % – 50 borgere – tegner sig for 61,7 mio. kr., svarende til 50 % af udgifterne. ' +
        'De billigste 50 % – 500 borgere – tegner sig for 2,5 mio. kr., svarende til 2 %.',
    );
    // all, top, bottom: the table's first column in that order
    const order = [...html.matchAll(/<th scope="row"[^>]*>([^<]+)<\/th>/g)].map((m) => m[1]);
    expect(order).toHaveLength(3);
  });

  it('a table section drops the sentence of a hidden row and keeps the others, in every language', () => {
    const reading = (lang: 'da' | 'sv' | 'en') =>
      readingOf(tableSection(reportData(lang, [headline({ hidden: 'small' })]), HEADLINE));
    expect(reading('da')).toBe(
      '1.000 borgere i alderen 18–64 år modtog ydelser for i alt 123,5 mio. kr. (12,5 % af aldersgruppen). ' +
        'De billigste 50 % – 500 borgere – tegner sig for 2,5 mio. kr., svarende til 2 %.',
    );
    for (const lang of ['sv', 'en'] as const) {
      expect(reading(lang)).toMatch(/^1[.,\u00a0 ]?000 /); // the first sentence stays
      expect(reading(lang)).toMatch(/2[.,]5 ?(mnkr|m)/); // the last one too
      expect(reading(lang)).not.toMatch(/skjult|dolt|hidden|< 5|\{|61[.,]7/);
    }
  });

  it('results: the cost per result as a table (100.000.000 øre / 10 results = 100.000 kr.)', () => {
    const table = published('mart_result', [
      {
        result_id: 'r1',
        users: 40n,
        persons: 10n,
        cost_minor: 100_000_000n,
        cost_per_result_minor: 10_000_000n,
      },
    ]);
    const html = plain(tableSection(reportData('da', [table]), RESULTS));
    expect(html).toContain('r1 40 10 1.000.000 100.000');
  });

  it('lorenz: the Gini coefficient 0,4567 reads 0,46', () => {
    const d = reportData('da', [
      published('mart_lorenz', [
        { grp: 'all', point: 0, person_share: 0, persons_cum: 0n, cost_cum_minor: 0n, cost_share: 0 },
        { grp: 'all', point: 1, person_share: 1, persons_cum: 100n, cost_cum_minor: 100n, cost_share: 1 },
      ]),
      published('mart_concentration', [{ grp: 'all', persons: 100n, cost_minor: 100n, gini: 0.4567 }]),
      published('mart_top_share', [{ grp: 'all', pct: 10, persons: 10n, cost_minor: 60n, share: 0.6 }]),
    ]);
    expect(readingOf(lorenz(d))).toContain('Gini-koefficienten er 0,46 ');
  });

  const interval = (
    no: number,
    lo: bigint | null,
    hi: bigint | null,
    persons: bigint | null,
    hidden = false,
  ) => ({
    grp: 'all',
    interval_no: no,
    lower_minor: lo,
    upper_minor: hi,
    persons,
    cost_minor: 1n,
    mean_minor: 1n,
    median_minor: 1n,
    ...(hidden ? { hidden: 'small' as const } : {}),
  });

  it('intervals: the citizens costing at least the threshold (500.000 kr.) are the sum of those intervals: 7 + 3 = 10', () => {
    const rows = (hidden: boolean) =>
      published('mart_cost_interval', [
        interval(0, null, null, 110n),
        interval(1, 0n, 50_000_000n, 100n),
        interval(2, 50_000_000n, 100_000_000n, 7n),
        interval(3, 100_000_000n, null, hidden ? null : 3n, hidden),
      ]);
    const reading = readingOf(intervals(reportData('da', [rows(false)])));
    expect(reading).toContain('(110 borgere i alt)');
    expect(reading).toContain('10 borgere i alle aldre koster mindst 500.000 kr. om året.');
    // one of the two intervals hidden: no sum, and no sentence
    expect(readingOf(intervals(reportData('da', [rows(true)])))).not.toContain('mindst');
  });

  it('charts mark a hidden count as the tables do: "< 5" for a small row, "x" for a secondary one', () => {
    const svgText = (html: string) =>
      [...html.matchAll(/<svg[\s\S]*?<\/svg>/g)].map((m) => plain(m[0])).join(' ');
    // intervals: 2 small (3 persons), 3 secondary (a count of 508 must never read "< 5")
    const iv = svgText(
      intervals(
        reportData('da', [
          published('mart_cost_interval', [
            interval(0, null, null, 611n),
            interval(1, 0n, 50_000_000n, 100n),
            { ...interval(2, 50_000_000n, 100_000_000n, null), hidden: 'small' },
            { ...interval(3, 100_000_000n, null, null), hidden: 'secondary' },
          ]),
        ]),
      ),
    );
    expect(iv.match(/< 5/g)).toHaveLength(1);
    expect(iv).toMatch(/(^| )x( |$)/);
    // departments: the diagonal cell A×A secondary, A×B small
    const cells = (a: string, b: string, hidden?: 'small' | 'secondary'): FixtureRow =>
      hidden
        ? { department_a: a, department_b: b, hidden }
        : { department_a: a, department_b: b, persons: 40n, cost_minor: 1n };
    const dep = svgText(
      departments(
        reportData('da', [
          published('mart_department_matrix', [
            cells('A', 'A', 'secondary'),
            cells('A', 'B', 'small'),
            cells('B', 'A', 'small'),
            cells('B', 'B'),
          ]),
        ]),
      ),
    );
    expect(dep.match(/< 5/g)).toHaveLength(2);
    expect(dep.match(/(^| )x(?= |$)/g)).toHaveLength(1);
    // service overlap: a secondary family reads "x"
    const so = svgText(
      serviceOverlap(
        reportData('en', [
          published('mart_service_overlap', [
            { family: 'home_care', measure: 'multiple', hidden: 'secondary' },
            { family: 'nursing', measure: 'multiple', persons: 9n, cost_minor: 1n },
          ]),
        ]),
      ),
    );
    expect(so).not.toContain('< 5');
    expect(so).toMatch(/(^| )x( |$)/);
  });

  it('law by interval: a hidden law is drawn as the total less the visible laws (100 − 60 = 40 → 40 %)', () => {
    const d = reportData('da', [
      published('mart_cost_interval', [interval(1, 0n, 50_000_000n, 20n)]),
      published('mart_interval_mix', [
        { interval_no: 1, dimension: 'law', value: '*', persons: 20n, cost_minor: 100n },
        { interval_no: 1, dimension: 'law', value: 'SEL § 83', persons: 15n, cost_minor: 60n },
        { interval_no: 1, dimension: 'law', value: 'SEL § 96', hidden: 'small' },
      ]),
    ]);
    const html = intervalMix(d, 'law');
    expect(html).toContain('<h2 id="law">Lovgrundlag pr. udgiftsinterval</h2>');
    expect(html).toContain('>60 %<');
    expect(html).toContain('>40 %<');
    expect(html).toContain('Skjult (små celler)');
  });

  it('departments: (40 + 10) of 200 citizens in two or more departments = 25 %', () => {
    const counts = (hidden: boolean) =>
      published('mart_department_count', [
        { departments: '*', persons: 200n, cost_minor: 1n },
        { departments: '1', persons: 150n, cost_minor: 1n },
        { departments: '2', persons: 40n, cost_minor: 1n },
        hidden ? { departments: '3+', hidden: 'small' } : { departments: '3+', persons: 10n, cost_minor: 1n },
      ]);
    expect(readingOf(departments(reportData('da', [counts(false)])))).toMatch(
      /^25 % af borgerne får ydelser fra to eller flere forvaltninger\./,
    );
    const hidden = readingOf(departments(reportData('da', [counts(true)])));
    expect(hidden).not.toContain('%');
    expect(hidden).toMatch(/^Diagonalen viser/);
  });

  it('quadrant: the citizens expensive in both sectors (12)', () => {
    const d = reportData('en', [
      published('mart_quadrant', [
        { quadrant: '*', persons: 100n, municipal_minor: 1n, regional_minor: 1n, mean_age: 50 },
        { quadrant: 'high_high', persons: 12n, municipal_minor: 1n, regional_minor: 1n, mean_age: 70 },
      ]),
    ]);
    expect(readingOf(quadrant(d))).toMatch(/^12 citizens are expensive both municipally and regionally\./);
  });

  it('service overlap: 9 citizens with two or more kinds of a family; a hidden count drops the sentence', () => {
    const rows = (hidden: boolean) =>
      published('mart_service_overlap', [
        hidden
          ? { family: 'home_care', measure: 'multiple', hidden: 'small' }
          : { family: 'home_care', measure: 'multiple', persons: 9n, cost_minor: 1n },
      ]);
    expect(readingOf(serviceOverlap(reportData('en', [rows(false)])))).toMatch(
      /^9 citizens received two or more kinds of /,
    );
    expect(readingOf(serviceOverlap(reportData('en', [rows(true)])))).toBe('');
  });

  it('heavy: the costliest visible service and its share (0,4 → 40 %)', () => {
    const d = reportData('da', [
      published('mart_heavy', [
        { dimension: 'service', value: 'SEL-108', hidden: 'small' },
        {
          dimension: 'service',
          value: 'SEL-83-PP',
          persons: 20n,
          cost_minor: 4_000_000n,
          persons_share: 0.5,
          cost_share: 0.4,
        },
        {
          dimension: 'service',
          value: 'SEL-85',
          persons: 20n,
          cost_minor: 1_000_000n,
          persons_share: 0.5,
          cost_share: 0.1,
        },
      ]),
    ]);
    // the hidden service sorts last (its cost is absent); SEL-83-PP is the first visible one
    expect(readingOf(heavy(d))).toMatch(
      /^Blandt borgerne med udgifter på mindst 500\.000 kr\. er .+ \(40 % af deres udgifter\)\./,
    );
  });

  it('key figures: the cards show the published values (1.234 citizens, Gini 0,46)', () => {
    const d = reportData('da', [
      published('mart_key_figure', [
        { indicator: 'persons', persons: 1234n, value: 1234 },
        { indicator: 'gini', persons: 1234n, value: 0.4567 },
      ]),
    ]);
    const text = plain(keyFigures(d));
    expect(text).toContain('1.234 Borgere med ydelser');
    expect(text).toContain('0,46 Gini-koefficient');
  });

  it('key figures: a hidden top or bottom row still names its configured share and ages (2 %, 18–64)', () => {
    const d = reportData(
      'da',
      [
        published('mart_headline', [
          { segment: 'all', age_from: 18, age_to: 64, persons: 954n, cost_minor: 1n, cost_share: 1 },
          { segment: 'top', hidden: 'secondary' },
          { segment: 'bottom', hidden: 'secondary' },
        ]),
      ],
      { headline: { age_from: 18, age_to: 64, top_pct: 2, bottom_pct: 78 } },
    );
    const text = plain(keyFigures(d));
    expect(text).toContain('De dyreste 2 % (18–64 år) bærer');
    expect(text).toContain('De billigste 78 % (18–64 år) bærer');
    expect(text).not.toMatch(/dyreste +%/);
  });

  it('chart amounts in the language of the reader: 187.200.000 kr. = "187,2 mio." / "187,2 mn" / "187.2m"; a tick of 30 millions without decimals', () => {
    expect(krFmt('da')(187_200_000)).toBe('187,2 mio.');
    expect(krFmt('sv')(187_200_000).replace(/\s/g, ' ')).toBe('187,2 mn');
    expect(krFmt('en')(187_200_000)).toBe('187.2m');
    expect(krFmt('da')(30_000_000)).toBe('30 mio.');
    expect(krFmt('da')(45_000)).toBe('45.000');
  });

  it('consumption: per user 45.000 kr. = 4.500.000 øre; per inhabitant 900 kr. = 90.000 øre', () => {
    const d = reportData('da', [
      published('mart_consumption', [
        {
          age_group: '18-64',
          age_from: 18,
          persons: 10n,
          cost_minor: 45_000_000n,
          inhabitants: 500n,
          per_user_minor: 4_500_000n,
          per_inhabitant_minor: 90_000n,
        },
      ]),
    ]);
    expect(plain(consumption(d))).toContain('18-64 10 450.000 500 45.000 900');
  });

  describe('municipalities and periods side by side', () => {
    const kf = (m: string, p: string, amount: bigint, change: number | null): FixtureRow => ({
      period: p,
      municipality: m,
      indicator: 'cost_per_person',
      persons: 100n,
      amount_minor: amount,
      change_share: change,
    });
    const d = reportData(
      'da',
      [
        published('mart_key_figure', [
          kf('851', '2024', 4_500_000n, null),
          kf('101', '2024', 9_000_000n, null),
        ]),
        // 45.000 kr. in 2023, 50.625 kr. in 2024: (50.625 − 45.000) / 45.000 = 12,5 %
        published('mart_trend', [kf('851', '2023', 4_500_000n, null), kf('851', '2024', 5_062_500n, 0.125)]),
        published('mart_unit_cost', [
          {
            municipality: '851',
            catalogue_code: 'SEL-83-PP',
            provider: 'own',
            unit: 'hour',
            volume: '10',
            unit_cost_minor: '45000',
            total_minor: 450_000n,
            direct_per_unit_minor: '45000',
            admin_per_unit_minor: '0',
            other_per_unit_minor: '0',
            persons: 10n,
          },
          {
            municipality: '101',
            catalogue_code: 'SEL-83-PP',
            provider: 'own',
            unit: 'hour',
            hidden: 'small',
          },
        ]),
      ],
      { municipalities: ['851', '101'], periods: ['2023', '2024'] },
    );
    const row = (html: string, head: RegExp) =>
      plain(
        [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => m[1]!).find((r) => head.test(plain(r))) ?? '',
      );

    it('benchmark: cost per citizen 45.000 kr. and 90.000 kr.', () => {
      expect(row(benchmark(d), /^Udgift pr\. borger/)).toMatch(/ 45\.000 90\.000$/);
    });
    it('trend: 45.000 → 50.625 kr., a change of 12,5 %', () => {
      expect(row(trend(d), /^Udgift pr\. borger/)).toMatch(/ 45\.000 50\.625 12,5 %$/);
    });
    it('unit costs across municipalities: 450,00 kr. per hour and a hidden cell', () => {
      const html = unitCosts(d);
      expect(html).toContain('<td>450,00</td><td class="hidden">x</td>');
    });
  });

  describe('the age-standardised benchmark (mart_benchmark, mart_benchmark_trend)', () => {
    // sql/analysis/mart_benchmark.test.yaml's 2024 with every amount × 100: Aalborg (851) spends
    // 40.000.000 øre on 12 users and 1.100 inhabitants, København (101) 55.000.000 øre on 14 and 3.200.
    // Expected 851: 28.333.333,33 øre; per inhabitant 28.333.333,33 / 1.100 = 25.757,58 → 25.758 øre = 258 kr.
    // Per inhabitant 40.000.000 / 1.100 = 36.363,6 → 36.364 øre = 364 kr.; 101: 55.000.000 / 3.200 = 17.187,5
    // → 17.188 øre = 172 kr.; expected 101 66.666.666,67 / 3.200 = 20.833,3 → 20.833 øre = 208 kr.
    // Group: 95.000.000 / 26 users = 3.653.846 øre = 36.538 kr.; / 4.300 inhabitants = 22.093 øre = 221 kr.
    // Index 851 = 40.000.000 / 28.333.333,33 = 24/17 = 1,41.
    const bm = (m: string, p: string, o: Partial<FixtureRow> = {}): FixtureRow => ({
      period: p,
      municipality: m,
      persons: 12n,
      smallest_cell: 5n,
      municipalities: 2n,
      inhabitants: 1100n,
      cost_minor: 40_000_000n,
      expected_minor: 28_333_333n,
      per_user_minor: 3_333_333n,
      group_per_user_minor: 3_653_846n,
      per_inhabitant_minor: 36_364n,
      expected_per_inhabitant_minor: 25_758n,
      group_per_inhabitant_minor: 22_093n,
      cost_index: 24 / 17,
      ...o,
    });
    const kbh = {
      persons: 14n,
      inhabitants: 3200n,
      cost_minor: 55_000_000n,
      expected_minor: 66_666_667n,
      per_user_minor: 3_928_571n,
      per_inhabitant_minor: 17_188n,
      expected_per_inhabitant_minor: 20_833n,
      cost_index: 0.825,
    };
    // 2023 for Aalborg: 32.000 øre = 320 kr. per inhabitant, index 1,30; the change to 2024:
    // (36.364 − 32.000) / 32.000 = 4.364 / 32.000 = 13,6375 % → 13,6 %
    const rows2023 = { per_inhabitant_minor: 32_000n, cost_index: 1.3 };
    const trendRow = (indicator: string, o: Partial<FixtureRow> = {}): FixtureRow => ({
      period: '2024',
      previous_period: '2023',
      municipality: '851',
      indicator,
      persons: 12n,
      previous_persons: 12n,
      smallest_cell: 5n,
      previous_smallest_cell: 5n,
      ...o,
    });
    const data = (lang: 'da' | 'en', hidden = false) =>
      reportData(
        lang,
        [
          published('mart_benchmark', [
            bm('851', '2024', hidden ? { hidden: 'small' } : {}),
            bm('101', '2024', hidden ? { ...kbh, hidden: 'small' } : kbh),
            bm('851', '2023', rows2023),
            bm('101', '2023', kbh),
          ]),
          published('mart_benchmark_trend', [
            trendRow('per_inhabitant', {
              amount_minor: 36_364n,
              previous_amount_minor: 32_000n,
              change_minor: 4_364n,
              change_share: 0.136375,
            }),
            trendRow('cost_index', { value: 24 / 17, previous_value: 1.3, change: 24 / 17 - 1.3 }),
          ]),
        ],
        { municipalities: ['851', '101'], periods: ['2023', '2024'] },
      );
    const row = (html: string, head: RegExp) =>
      plain(
        [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => m[1]!).find((r) => head.test(plain(r))) ?? '',
      );

    it('municipalities side by side by name: actual, expected and the group per inhabitant, the index', () => {
      const html = standardised(data('da'));
      expect(plain(html)).toContain('Nøgletal Aalborg København');
      expect(row(html, /^Pr\. indbygger/)).toBe('Pr. indbygger (kr.) 364 172');
      expect(row(html, /^Forventet pr\. indbygger/)).toBe('Forventet pr. indbygger (kr.) 258 208');
      expect(row(html, /^Gruppen pr\. indbygger/)).toBe('Gruppen pr. indbygger (kr.) 221 221');
      expect(row(html, /^Gruppen pr\. bruger/)).toBe('Gruppen pr. bruger (kr.) 36.538 36.538');
      expect(row(html, /^Indeks/)).toMatch(/^Indeks \(faktisk \/ forventet\) 1,41 /);
      expect(readingOf(html)).toBe(
        'I 2024 brugte Aalborg 364 kr. pr. indbygger. Med kommunens alderssammensætning og gruppens udgift ' +
          'pr. indbygger i hver aldersgruppe ville den have brugt 258 kr. pr. indbygger: indeks 1,41 (over 1 er ' +
          'dyrere, end alderssammensætningen forklarer). De 2 kommuner i sammenligningen brugte tilsammen 221 kr. pr. indbygger.',
      );
      expect(readingOf(standardised(data('en')))).toContain('In 2024, Aalborg spent 364 kr per inhabitant.');
    });

    it('a hidden period: x in the table (an amount never reads "< 5"), no figure in the reading', () => {
      const html = standardised(data('da', true));
      expect(row(html, /^Pr\. indbygger/)).toBe('Pr. indbygger (kr.) x x');
      expect(readingOf(html)).toBe('');
    });

    it('over time: each period, the change from the previous one, by name', () => {
      const html = benchmarkTrend(data('da'));
      expect(html).toContain('Sammenligningen over tid: Aalborg');
      expect(row(html, /^Pr\. indbygger/)).toBe('Pr. indbygger (kr.) 320 364 13,6 %');
      expect(row(html, /^Indeks/)).toMatch(/ 1,30 1,41 –$/);
      expect(readingOf(html)).toBe(
        'Fra 2023 til 2024 ændrede udgiften pr. indbygger sig med 13,6 %. ' +
          'Indekset (faktisk / forventet udgift) gik fra 1,30 til 1,41.',
      );
    });

    it('no section for one municipality or one period', () => {
      const one = reportData('da', [
        published('mart_benchmark', [bm('851', '2024', { municipalities: 1n })]),
      ]);
      expect(standardised(one)).toBe('');
      expect(benchmarkTrend(one)).toBe('');
    });
  });

  it('the page: every section with a heading is in the contents, the hidden word never in a reading', () => {
    const html = renderHtml(reportData('da', [headline({ hidden: 'small' })]));
    expect(html).toContain('<li><a href="#headline">');
    expect(html).not.toContain('\uE000');
  });
});
