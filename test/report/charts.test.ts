import { describe, expect, it } from 'vitest';
import {
  barChart,
  heatMap,
  labelLines,
  labelWidth,
  lineChart,
  needsLog,
  splitBars,
  stackedBars,
} from '../../src/report/charts.js';
import { timelineSvg } from '../../src/trajectories/chart.js';

const da = (v: number) => new Intl.NumberFormat('da-DK').format(v);
const LONG = 'Ældre- og Handicapforvaltningen';
/** The texts drawn in an SVG, in order. */
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);

describe('report charts (ECharts, rendered on the server)', () => {
  it('asks for a log axis only when the smallest positive value is under 1 % of the largest', () => {
    expect(needsLog([5000, 1200, 300, null, 8, 0])).toBe(true); // 8 × 100 = 800 < 5000
    expect(needsLog([100, 1])).toBe(false); // 1 × 100 = 100, not under 100
    expect(needsLog([100, 0.99])).toBe(true); // 99 < 100
    expect(needsLog([5000, 0, null])).toBe(false); // one positive value: nothing to compare
  });

  it('measures labels by words: the band is never narrower than the longest word', () => {
    // 12 px text, 0.62 em a letter, 0.72 em a capital, 0.32 em a space, + 6 px:
    // "Handicapforvaltningen" = 0.72 + 20 × 0.62 = 13.12 em = 157.44 → 158 + 6 = 164 px
    expect(labelWidth([LONG], 100)).toBe(164);
    expect(labelWidth(['Børn og Unge'], 100)).toBe(100); // its longest word, "Børn", is 37 px
    // "Ældre- og" = 0.72 + 5 × 0.62 + 0.32 + 2 × 0.62 = 5.38 em → 65 + 6 = 71 px fits 100;
    // the long word goes on line 2
    expect(labelLines([LONG], 100)).toBe(2);
    // the whole name: 5.38 + 0.32 + 13.12 = 18.82 em → 226 + 6 = 232 px, one line in 300
    expect(labelLines([LONG, 'Jobcenter'], 300)).toBe(1);
  });

  it('draws an image titled and described, with nothing live or external in it', () => {
    const svg = barChart({
      title: 'Borgere pr. interval',
      desc: 'Antal borgere i hvert udgiftsinterval.',
      categories: ['0–50', '50–100'],
      values: [120, 80],
      format: da,
    });
    expect(svg).toMatch(
      /^<svg role="img" aria-labelledby="(c\w+)t \1d"[^>]*><title id="\1t">Borgere pr\. interval<\/title><desc id="\1d">Antal borgere i hvert udgiftsinterval\.<\/desc>/,
    );
    expect(svg).not.toMatch(/<style|<script|url\(|class="|ecmeta_/);
    expect(texts(svg)).toEqual(expect.arrayContaining(['120', '80', '0–50', '50–100']));
    // scales down to its container, never up past its own 720 px (a 1×1 heat map's text would be huge)
    expect(svg).toMatch(/^<svg [^>]*style="max-width:720px"/);
  });

  it('turns the axis logarithmic where a small bar would vanish, and says so in the language', () => {
    const input = {
      title: 'Fordeling',
      desc: 'Antal borgere.',
      categories: ['0–50', '50–100', '100–250', '250+'],
      values: [5000, 1200, null, 8],
      format: da,
      hiddenLabel: '< 5',
    };
    const log = barChart({ ...input, scale: 'auto', lang: 'da' });
    const t = texts(log);
    expect(t).toContain('logaritmisk skala');
    // powers of ten from the floor (1, below 8) to 10.000, in Danish digits
    expect(t).toEqual(expect.arrayContaining(['1', '10', '100', '1.000', '10.000']));
    expect(t).toEqual(expect.arrayContaining(['5.000', '1.200', '8', '&lt; 5']));
    expect(texts(barChart({ ...input, scale: 'auto', lang: 'en' }))).toContain('logarithmic scale');
    expect(texts(barChart({ ...input, scale: 'auto', lang: 'sv' }))).toContain('logaritmisk skala');
    // 300 and 5000: the small bar is 6 % of the large one, it shows on a linear axis
    const linear = texts(
      barChart({ ...input, values: [5000, 300], categories: ['a', 'b'], scale: 'auto', lang: 'da' }),
    );
    expect(linear).not.toContain('logaritmisk skala');
    // without a scale option the axis stays linear
    expect(texts(barChart(input))).not.toContain('logaritmisk skala');
  });

  it('never cuts a label: "Ældre- og Handicapforvaltningen" reads in full', () => {
    const charts = [
      barChart({
        title: 'a',
        desc: 'b',
        categories: [LONG, 'Børn og Unge', 'Jobcenter'],
        values: [3, 2, 1],
        format: da,
      }),
      splitBars({
        title: 'a',
        desc: 'b',
        categories: [LONG, 'Jobcenter'],
        parts: [{ name: 'Udgift', values: [10, 5] }],
        format: da,
      }),
      heatMap({
        title: 'a',
        desc: 'b',
        rows: [LONG, 'Jobcenter'],
        cols: [LONG, 'Jobcenter'],
        values: [
          [10, 2],
          [2, null],
        ],
        format: da,
        hiddenLabel: () => '< 5',
      }),
    ];
    for (const svg of charts) {
      const joined = texts(svg).join(' ').replace(/\s+/g, ' ');
      expect(joined).toContain('Ældre- og Handicapforvaltningen');
      expect(joined).not.toContain('…');
    }
  });

  it('keeps a Swedish interval label whole: "1 000–1 500" has no-break spaces, which never wrap', () => {
    const nb = (x: string) => x.replace(/ /g, '\u00a0');
    const categories = [
      '0–50',
      '50–100',
      '100–250',
      '250–500',
      '500–750',
      '750–1 000',
      '1 000–1 500',
      '1 500+',
    ].map(nb);
    const t = texts(
      barChart({
        title: 'a',
        desc: 'b',
        categories,
        values: [6727, 1267, 1580, 858, 1141, 139, 289, 28],
        format: da,
      }),
    );
    expect(t).toEqual(expect.arrayContaining([nb('750–1 000'), nb('1 000–1 500')]));
  });

  it('never breaks a word wider than the label column: "Beskæftigelsesforvaltningen" (≈ 208 px > 200)', () => {
    const WIDE = 'Familie- og Beskæftigelsesforvaltningen';
    const words = (svg: string) => texts(svg).flatMap((x) => x.split(/\s+/));
    const charts = [
      heatMap({
        title: 'a',
        desc: 'b',
        rows: [WIDE, 'Jobcenter'],
        cols: ['A', 'B'],
        values: [
          [10, 2],
          [2, 7],
        ],
        format: da,
        hiddenLabel: () => 'x',
      }),
      splitBars({
        title: 'a',
        desc: 'b',
        categories: [WIDE, 'Jobcenter'],
        parts: [{ name: 'Udgift', values: [10, 5] }],
        format: da,
      }),
      barChart({
        title: 'a',
        desc: 'b',
        categories: [WIDE, ...Array.from({ length: 11 }, (_, i) => `k${i}`)],
        values: Array.from({ length: 12 }, (_, i) => i + 1),
        format: da,
      }),
    ];
    for (const svg of charts) expect(words(svg)).toContain('Beskæftigelsesforvaltningen');
  });

  it('stacks to 100 % on a linear axis, and breaks a line at a hidden point', () => {
    const stacked = stackedBars({
      title: 'a',
      desc: 'b',
      categories: ['x'],
      series: [
        { name: 'Serviceloven', values: [999] },
        { name: 'Sundhedsloven', values: [1] },
      ],
      format: (v) => `${Math.round(v * 100)} %`,
    });
    expect(texts(stacked)).toEqual(expect.arrayContaining(['0 %', '100 %', 'Serviceloven', 'Sundhedsloven']));
    expect(texts(stacked)).not.toContain('logaritmisk skala');
    const line = lineChart({
      title: 'a',
      desc: 'b',
      series: [
        {
          name: 'Udgift',
          points: [
            [0, 1],
            [1, 2],
            [2, null],
            [3, 4],
          ],
        },
      ],
      xFormat: String,
      yFormat: da,
      xTicks: [0, 1, 2, 3],
      xLabels: ['0-17', '18-64', '65-79', '80+'],
    });
    // two pieces of line: 0–1, then 3 alone (a point, no segment)
    const paths = [...line.matchAll(/<path d="(M[^"]*)"[^>]*stroke-width="2.5"/g)].map((m) => m[1]!);
    expect(paths).toHaveLength(1);
    expect(paths[0]!.match(/M/g)).toHaveLength(2);
    expect(texts(line)).toEqual(expect.arrayContaining(['0-17', '18-64', '65-79', '80+']));
  });

  it('draws a timeline in the reader’s language', () => {
    const ev = (sector: 'hospital' | 'municipal', start: string, end: string | null) => ({
      sector,
      start,
      end,
      kind: 'stay',
      code: 'A1',
      detail: null,
      volume: null,
      unit: null,
      amount_minor: null,
    });
    const labels = {
      hospital: 'Sygehus',
      general_practice: 'Praksis',
      municipal: 'Kommune',
      regional: 'KMF',
    };
    const svg = timelineSvg(
      [ev('hospital', '2024-01-05', '2024-01-20'), ev('municipal', '2024-02-01', null)],
      labels,
      'en',
    );
    expect(svg).toMatch(
      /<title id="\w+">Timeline<\/title><desc id="\w+">2 events from 2024-01-05 to 2024-02-01, one lane per sector\.<\/desc>/,
    );
    expect(texts(svg)).toEqual(expect.arrayContaining(['Sygehus', 'Praksis', 'Kommune', 'KMF']));
  });
});
