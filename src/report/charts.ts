/**
 * The report's charts, drawn by ECharts on the server into static SVG (no scripts, no external
 * resources). Every chart is an image with a title and a description for screen readers
 * (role="img"), and the report puts a table with the same numbers next to it. The dashboard draws its
 * charts with the same library (web/src/charts.ts); docs/report.md, "Charts", says why ECharts.
 */
import type { SeriesOption } from 'echarts';
import { measure, renderSvg, type SvgChart } from '../core/svg-chart.js';
import { t } from '../core/messages.js';
import type { Lang } from '../i18n.js';

/** Colours chosen for contrast on white (≥ 3:1 for graphics) and for colour-blind readers. */
export const PALETTE = [
  '#0b4f8a',
  '#c0392b',
  '#2e7d32',
  '#8e5a00',
  '#6a3d9a',
  '#00798c',
  '#5d5d5d',
  '#ad1457',
];
const INK = '#1b1b1b';
const FONT = 'system-ui, sans-serif';
const GRID = '#d0d7de';
const MUTED = '#595959';

/**
 * The value axis: linear, logarithmic, or 'auto' — logarithmic when the smallest bar would be under
 * 1 % of the largest (about two pixels: it would vanish). A log axis is named as such in the chart.
 */
export type Scale = { scale?: 'linear' } | { scale: 'log' | 'auto'; lang: Lang };

/** Whether values this far apart need a log axis; never for fewer than two positive values. */
export function needsLog(values: (number | null)[]): boolean {
  const pos = values.filter((v): v is number => v !== null && v > 0);
  return pos.length >= 2 && Math.min(...pos) * 100 < Math.max(...pos);
}

function useLog(s: Scale, values: (number | null)[]): Lang | null {
  if (!('lang' in s)) return null;
  return s.scale === 'log' || needsLog(values) ? s.lang : null;
}

/** The power of ten at or below the smallest positive value: the floor of a log axis. */
function logFloor(values: (number | null)[]): number {
  const pos = values.filter((v): v is number => v !== null && v > 0);
  return 10 ** Math.floor(Math.log10(Math.min(1, ...pos)));
}

const render = (o: SvgChart) => renderSvg({ palette: PALETTE, ...o });

const axisText = { color: INK, fontSize: 12 };
const splitLine = { lineStyle: { color: GRID } };
/** Labels wrap at word boundaries inside their width and are never cut short. */
const wrap = (width: number) => ({ width, overflow: 'break' as const, lineHeight: 14 });

/** The column of category labels left of horizontal bars, widened to the longest word. */
const SIDE = 190;

/** Estimated width of a text at 12 px (the SVG is drawn on the server, where no font can be measured). */
const textWidth = (s: string) => Math.ceil(measure(s)) + 6;

/**
 * A label's words as ECharts wraps them: broken only at a plain space or after , & ? / ; ] — a no-break
 * space (Swedish "1 000"), a hyphen or a dash stays inside the word (zrender's parseText).
 */
const words = (label: string) => label.split(/[ \t\n]+|(?<=[,&?/;\]])/).filter((w) => w !== '');

/** The wrap width for category labels: the band, but never narrower than the longest word. */
export function labelWidth(labels: string[], band: number): number {
  const word = Math.max(0, ...labels.flatMap((l) => words(l).map(textWidth)));
  return Math.max(band, word);
}

/** How many lines the longest label needs when wrapped at word boundaries to `width` pixels. */
export function labelLines(labels: string[], width: number): number {
  let most = 1;
  for (const l of labels) {
    let lines = 1;
    let line = '';
    for (const w of words(l)) {
      const next = line ? `${line} ${w}` : w;
      if (line && textWidth(next) > width) {
        lines++;
        line = w;
      } else line = next;
    }
    most = Math.max(most, lines);
  }
  return most;
}

function valueAxis(
  format: (v: number) => string,
  log: Lang | null,
  floor: number,
  name?: string,
  horizontal = false,
) {
  return {
    type: log ? ('log' as const) : ('value' as const),
    ...(log ? { min: floor, logBase: 10 } : {}),
    name: log ? [name, t(log, 'charts.log_scale')].filter(Boolean).join(' · ') : name,
    ...(horizontal ? { nameLocation: 'middle' as const, nameGap: 28 } : {}),
    nameTextStyle: { ...axisText, align: horizontal ? ('center' as const) : ('left' as const) },
    axisLabel: { ...axisText, formatter: (v: number) => format(v) },
    splitLine,
  };
}

/** The legend sits above the plot, so it never meets the axis title under the labels. */
function legend(names: string[]) {
  return names.length < 2
    ? { show: false }
    : { top: 0, left: 20, right: 20, textStyle: axisText, itemWidth: 12, itemHeight: 12 };
}

const legendRows = (names: string[]) =>
  names.length < 2 ? 0 : Math.ceil(names.reduce((w, n) => w + textWidth(n) + 30, 0) / 660);

/** Space under the grid: it counts one line of a wrapped label, so room for the others and the title. */
const below = (lines: number, title?: string) => (title ? 26 : 6) + 14 * (lines - 1);

/** A category axis whose labels wrap in `width` and whose title stands below them. */
function categoryAxis(categories: string[], width: number, title?: string) {
  return {
    type: 'category' as const,
    data: categories,
    name: title,
    nameLocation: 'middle' as const,
    nameGap: 16 + labelLines(categories, width) * 14,
    nameTextStyle: axisText,
    axisLabel: { ...axisText, interval: 0, ...wrap(width) },
  };
}

/**
 * The category axis of a bar chart: below the bars, labels wrapped in their band; or, when the bars
 * turn horizontal, on the left in a 190 px column (wider when a word is), first category on top, its title above it.
 */
function bandAxis(categories: string[], band: number, horizontal: boolean, title?: string) {
  return horizontal
    ? {
        ...categoryAxis(categories, labelWidth(categories, SIDE)),
        inverse: true,
        name: title,
        nameLocation: 'start' as const,
        nameGap: 10,
      }
    : categoryAxis(categories, band, title);
}

export interface Series {
  name: string;
  points: [number, number | null][];
}

/** Lines over the report's periods in order (x = the period's index); null points break the line. */
export function periodLines(o: {
  title: string;
  desc: string;
  series: Series[];
  periods: string[];
  yFormat: (v: number) => string;
}): string {
  const { periods, ...rest } = o;
  return lineChart({
    ...rest,
    xFormat: (i) => periods[i] ?? '',
    xTicks: periods.map((_, i) => i),
    xLabels: periods,
    xMax: Math.max(1, periods.length - 1),
  });
}

/** Lines over a numeric x axis (Lorenz curve, age curves, trends); null points break the line. */
export function lineChart(o: {
  title: string;
  desc: string;
  series: Series[];
  xFormat: (v: number) => string;
  yFormat: (v: number) => string;
  xMax?: number;
  yMax?: number;
  xTicks?: number[];
  xLabels?: string[];
  diagonal?: boolean;
  xTitle?: string;
  yTitle?: string;
}): string {
  // Ticks 0, 1, 2, … with labels are ordered categories (age groups, periods): a category axis.
  const categorical = !!o.xLabels && !!o.xTicks && o.xTicks.every((x, i) => x === i);
  const xs = o.series.flatMap((s) => s.points.map((p) => p[0]));
  const xMin = Math.min(0, ...xs);
  const xMax = o.xMax ?? Math.max(...xs, 1);
  const ticks = o.xTicks ?? [];
  const step = ticks.length > 1 ? ticks[1]! - ticks[0]! : undefined;
  const series: SeriesOption[] = o.series.map((s, i) => ({
    type: 'line',
    name: s.name,
    data: categorical
      ? o.xLabels!.map((_, k) => s.points.find((p) => p[0] === k)?.[1] ?? null)
      : s.points.map(([x, y]) => [x, y]),
    lineStyle: { width: 2.5 },
    symbol: 'circle',
    symbolSize: 6,
    showSymbol: s.points.length <= 60,
    connectNulls: false,
    ...(o.diagonal && i === 0
      ? {
          markLine: {
            silent: true,
            symbol: 'none',
            label: { show: false },
            lineStyle: { color: '#767676', type: [5, 4], width: 1 },
            data: [[{ coord: [0, 0] }, { coord: [xMax, o.yMax ?? 1] }]],
          },
        }
      : {}),
  }));
  const names = o.series.map((s) => s.name);
  const top = 20 * legendRows(names) + (o.yTitle ? 36 : 16);
  const band = categorical ? labelWidth(o.xLabels!, 620 / Math.max(1, o.xLabels!.length) - 6) : 0;
  return render({
    title: o.title,
    desc: o.desc,
    height: 320 + top,
    option: {
      grid: {
        left: 20,
        right: 30,
        top,
        bottom: below(categorical ? labelLines(o.xLabels!, band) : 1, o.xTitle),
        containLabel: true,
      },
      xAxis: categorical
        ? { ...categoryAxis(o.xLabels!, band, o.xTitle), boundaryGap: false }
        : {
            type: 'value',
            min: xMin,
            max: xMax,
            ...(step ? { interval: step } : {}),
            name: o.xTitle,
            nameLocation: 'middle',
            nameGap: 30,
            nameTextStyle: axisText,
            axisLabel: { ...axisText, formatter: (v: number) => o.xFormat(v) },
            splitLine,
          },
      yAxis: { ...valueAxis(o.yFormat, null, 0, o.yTitle), ...(o.yMax ? { max: o.yMax } : {}) },
      legend: legend(names),
      series,
    },
  });
}

/** Vertical bars, one per category (horizontal when there are many); null (hidden) bars show the hidden text. */
export function barChart(
  o: {
    title: string;
    desc: string;
    categories: string[];
    values: (number | null)[];
    format: (v: number) => string;
    /** the text of a hidden bar, or of the bar at index i (a small row and a secondary one read differently) */
    hiddenLabel?: string | ((i: number) => string);
    xTitle?: string;
  } & Scale,
): string {
  const log = useLog(o, o.values);
  const floor = log ? logFloor(o.values) : 0;
  const hidden = (i: number) =>
    typeof o.hiddenLabel === 'function' ? o.hiddenLabel(i) : (o.hiddenLabel ?? '–');
  // Vertical while every label fits its band at word boundaries; else horizontal, labels in full.
  const band = 620 / Math.max(1, o.categories.length) - 6;
  const horizontal = o.categories.length > 10 || labelWidth(o.categories, band) > band;
  const data = o.values.map((v, i) =>
    v === null
      ? {
          value: floor,
          itemStyle: { color: 'transparent' },
          label: { show: true, formatter: hidden(i), color: MUTED },
        }
      : // a zero on a log axis sits on the floor, and still reads 0
        { value: log && v <= 0 ? floor : v, label: { show: true, formatter: o.format(v) } },
  );
  const catAxis = bandAxis(o.categories, band, horizontal, o.xTitle);
  const valAxis = valueAxis(o.format, log, floor, undefined, horizontal);
  return render({
    title: o.title,
    desc: o.desc,
    height: horizontal
      ? 80 +
        14 * labelLines(o.categories, labelWidth(o.categories, SIDE)) * o.categories.length +
        12 * o.categories.length
      : 360,
    option: {
      grid: {
        left: 20,
        right: 60,
        top: horizontal ? (o.xTitle ? 30 : 10) : log ? 36 : 24,
        bottom: horizontal ? (log ? 36 : 10) : below(labelLines(o.categories, band), o.xTitle),
        containLabel: true,
      },
      xAxis: horizontal ? valAxis : catAxis,
      yAxis: horizontal ? catAxis : valAxis,
      series: [
        {
          type: 'bar',
          barMaxWidth: 80,
          data,
          label: { color: INK, fontSize: 11, position: horizontal ? 'right' : 'top' },
        },
      ],
    },
  });
}

/** Bars stacked to 100 % per category (e.g. cost by law within each cost interval). */
export function stackedBars(o: {
  title: string;
  desc: string;
  categories: string[];
  series: { name: string; values: (number | null)[] }[];
  format: (v: number) => string;
  xTitle?: string;
  /** the last series is the pooled hidden cells: drawn light grey */
  hiddenLast?: boolean;
}): string {
  const totals = o.categories.map((_, i) => o.series.reduce((s, x) => s + (x.values[i] ?? 0), 0));
  const names = o.series.map((s) => s.name);
  const top = 20 * Math.max(1, legendRows(names)) + 12;
  // Vertical while every label's longest word fits its band; else horizontal, labels in full.
  const band = 620 / Math.max(1, o.categories.length) - 6;
  const horizontal = labelWidth(o.categories, band) > band;
  const lines = labelLines(o.categories, horizontal ? labelWidth(o.categories, SIDE) : band);
  const catAxis = bandAxis(o.categories, band, horizontal, o.xTitle);
  const valAxis = { ...valueAxis(o.format, null, 0), max: 1 };
  return render({
    title: o.title,
    desc: o.desc,
    height: horizontal ? top + 60 + (14 * lines + 14) * o.categories.length : 340 + top,
    option: {
      grid: {
        left: 20,
        right: 30,
        top: horizontal && o.xTitle ? top + 24 : top,
        bottom: horizontal ? 10 : below(lines, o.xTitle),
        containLabel: true,
      },
      xAxis: horizontal ? valAxis : catAxis,
      yAxis: horizontal ? catAxis : valAxis,
      legend: { ...legend(names), show: true },
      series: o.series.map((s, k) => ({
        type: 'bar',
        name: s.name,
        stack: 'share',
        barWidth: '70%',
        data: s.values.map((v, i) => (totals[i]! > 0 ? (v ?? 0) / totals[i]! : 0)),
        itemStyle: {
          color: o.hiddenLast && k === o.series.length - 1 ? '#b8b8b8' : PALETTE[k % PALETTE.length],
          borderColor: '#fff',
          borderWidth: 0.5,
        },
      })),
    },
  });
}

/** Horizontal bars split into parts (unit cost: direct, administration, other common). */
export function splitBars(
  o: {
    title: string;
    desc: string;
    categories: string[];
    parts: { name: string; values: (number | null)[] }[];
    format: (v: number) => string;
    hiddenLabel?: string;
  } & Scale,
): string {
  const sums = o.categories.map((_, i) =>
    o.parts.every((p) => p.values[i] !== null && p.values[i] !== undefined)
      ? o.parts.reduce((s, p) => s + (p.values[i] ?? 0), 0)
      : null,
  );
  // Parts stacked on a log axis would misstate their shares: a log axis only for one part.
  const log = o.parts.length === 1 ? useLog(o, sums) : null;
  const floor = log ? logFloor(sums) : 0;
  const last = o.parts.length - 1;
  const names = o.parts.map((p) => p.name);
  return render({
    title: o.title,
    desc: o.desc,
    height:
      60 +
      (14 * labelLines(o.categories, labelWidth(o.categories, SIDE)) + 12) * o.categories.length +
      20 * legendRows(names),
    option: {
      grid: {
        left: 20,
        right: 90,
        top: 10 + 20 * legendRows(names),
        bottom: log ? 36 : 10,
        containLabel: true,
      },
      xAxis: valueAxis(o.format, log, floor, undefined, true),
      yAxis: {
        type: 'category',
        inverse: true,
        data: o.categories,
        axisLabel: { ...axisText, interval: 0, ...wrap(labelWidth(o.categories, SIDE)) },
      },
      legend: legend(names),
      series: o.parts.map((p, k) => ({
        type: 'bar',
        name: p.name,
        stack: 'parts',
        barWidth: '65%',
        data: p.values.map((v, i) => ({
          value: v === null ? (k === 0 ? floor : 0) : log && v <= 0 ? floor : v,
          // the total (or the hidden text) stands after the last part
          label:
            k === last
              ? {
                  show: true,
                  position: 'right' as const,
                  color: sums[i] == null ? MUTED : INK,
                  fontSize: 11,
                  formatter: sums[i] == null ? (o.hiddenLabel ?? '–') : o.format(sums[i]),
                }
              : { show: false },
        })),
      })),
    },
  });
}

/** A square matrix of values, darker for more (department × department persons). */
export function heatMap(o: {
  title: string;
  desc: string;
  rows: string[];
  cols: string[];
  values: (number | null)[][];
  format: (v: number) => string;
  /** the text of the hidden cell at row i, column j */
  hiddenLabel: (i: number, j: number) => string;
}): string {
  // columns wide enough for their longest word: a name wraps, it is never cut
  const cell = labelWidth(o.cols, Math.min(100, Math.floor(500 / Math.max(1, o.cols.length)))) + 6;
  const head = 20 + 14 * labelLines(o.cols, cell - 6);
  // the row labels' column: 200 px, wider when a word is (a word is never broken)
  const side = labelWidth(o.rows, 200);
  const max = Math.max(1, ...o.values.flat().map((v) => v ?? 0));
  const data = o.rows.flatMap((_, i) =>
    o.cols.map((_, j) => {
      const v = o.values[i]?.[j] ?? null;
      const share = v === null ? 0 : Math.sqrt(v / max);
      return {
        // the fourth value is the colour: √(value / max) from light to dark; −1 is a hidden cell
        value: [j, i, v ?? 0, v === null ? -1 : share],
        label: {
          show: true,
          fontSize: 12,
          color: share > 0.45 ? '#ffffff' : INK,
          formatter: v === null ? o.hiddenLabel(i, j) : o.format(v),
        },
      };
    }),
  );
  return render({
    title: o.title,
    desc: o.desc,
    width: side + 20 + cell * o.cols.length + 20,
    height: head + Math.max(cell * 0.6, 14 * labelLines(o.rows, side) + 10) * o.rows.length + 10,
    option: {
      grid: { left: side + 20, right: 20, top: head, bottom: 10 },
      xAxis: {
        type: 'category',
        position: 'top',
        data: o.cols,
        axisLabel: { ...axisText, interval: 0, ...wrap(cell - 6) },
        axisTick: { show: false },
        axisLine: { show: false },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: o.rows,
        axisLabel: { ...axisText, interval: 0, ...wrap(side) },
        axisTick: { show: false },
        axisLine: { show: false },
      },
      visualMap: {
        show: false,
        dimension: 3,
        min: 0,
        max: 1,
        inRange: { color: ['#eef3f8', '#0b3d6b'] },
        outOfRange: { color: '#eeeeee' },
      },
      series: [{ type: 'heatmap', data, itemStyle: { borderColor: '#fff', borderWidth: 2 } }],
    },
  });
}

function mix(a: string, b: string, t: number): string {
  const p = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
  const [x, y] = [p(a), p(b)];
  return `#${x
    .map((v, i) =>
      Math.round(v + (y[i]! - v) * t)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** The municipal × regional quadrant: four boxes with persons and cost. */
export function quadrantChart(o: {
  title: string;
  desc: string;
  /** [high_high, high_low, low_high, low_low] */
  boxes: { label: string; lines: string[]; weight: number }[];
  xTitle: string;
  yTitle: string;
}): string {
  const [left, top, W, H] = [60, 20, 320, 210];
  // x: municipal (left cheap, right expensive); y: regional (top expensive)
  const pos: [number, number][] = [
    [1, 0],
    [1, 1],
    [0, 0],
    [0, 1],
  ];
  const graphic = o.boxes.flatMap((b, i) => {
    const [cx, cy] = pos[i]!;
    const x = left + cx * W;
    const y = top + cy * H;
    return [
      {
        type: 'rect' as const,
        shape: { x: x + 2, y: y + 2, width: W - 4, height: H - 4 },
        style: { fill: mix('#f4f7fa', '#9fc0de', Math.min(1, b.weight)), stroke: GRID },
      },
      {
        type: 'text' as const,
        x: x + 14,
        y: y + 14,
        style: {
          text: [`{b|${b.label}}`, ...b.lines].join('\n'),
          fill: INK,
          font: `13px ${FONT}`,
          lineHeight: 19,
          // long service names wrap inside the box instead of being cut
          width: W - 28,
          overflow: 'break' as const,
          rich: { b: { fontWeight: 600, fill: INK, font: `600 13px ${FONT}` } },
        },
      },
    ];
  });
  return render({
    title: o.title,
    desc: o.desc,
    height: top + 2 * H + 50,
    option: {
      graphic: [
        ...graphic,
        {
          type: 'text',
          x: left + W,
          y: top + 2 * H + 20,
          style: { text: o.xTitle, fill: INK, font: `13px ${FONT}`, align: 'center' },
        },
        {
          type: 'text',
          x: 24,
          y: top + H,
          rotation: Math.PI / 2,
          style: { text: o.yTitle, fill: INK, font: `13px ${FONT}`, align: 'center' },
        },
      ],
    },
  });
}
