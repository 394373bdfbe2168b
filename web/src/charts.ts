import type * as ECharts from 'echarts';
import type { EChartsOption } from 'echarts';
import type { ColumnKind } from './api.js';
import { formatMoneyShort, formatNumber, formatShare, t } from './i18n.js';

/**
 * The dashboard's charts, drawn by ECharts (served by the server at /app/vendor/echarts.js, the same
 * library that draws the report's charts) into an SVG element. Colours are attributes (not CSS) so a
 * downloaded SVG or PNG looks the same as on screen. Each chart is an image with a label; its numbers
 * are in the table beside it.
 */
const VENDOR_URL = '/app/vendor/echarts.js';
const echarts = (await import(VENDOR_URL)) as typeof ECharts;

/** Okabe–Ito based palette, darkened for ≥ 3:1 contrast against white. */
export const PALETTE = [
  '#0b5cad',
  '#c4501b',
  '#2e7d32',
  '#6a3d9a',
  '#8a6d00',
  '#00838f',
  '#ad1457',
  '#4e5b66',
];
const INK = '#1f2933';
const GRID = '#d5dbe1';
const HIDDEN = '#5f6b76';
// no quotes: ECharts writes the family into a style attribute as it is
const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif';

export interface Series {
  name: string;
  values: (number | null)[];
  /** false, or the mark a hidden value shows ("< 5" or "x") */
  hidden: (false | string)[];
}

export interface ChartInput {
  title: string;
  /** display labels of the categories */
  categories: string[];
  series: Series[];
  kind: ColumnKind;
  threshold: number;
  /** called with the category index when a bar is clicked (drill-down) */
  onSelect?: (index: number) => void;
}

export function axisFormat(kind: ColumnKind): (v: number) => string {
  if (kind === 'money') return formatMoneyShort;
  if (kind === 'share') return (v) => formatShare(v);
  return (v) => formatNumber(v, Math.abs(v) < 10 && !Number.isInteger(v) ? 1 : 0);
}

/** The first of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 (× a power of ten) at or above x: an axis end a reader can read. */
export function niceCeil(x: number): number {
  if (x <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  const step = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((n) => n * p >= x * (1 - 1e-12))!;
  return step * p;
}

/** Whether the smallest positive value is under 1 % of the largest: its bar would vanish. */
export function needsLog(values: (number | null)[]): boolean {
  const pos = values.filter((v): v is number => v !== null && v > 0);
  return pos.length >= 2 && Math.min(...pos) * 100 < Math.max(...pos);
}

const textWidth = (s: string) => s.length * 7 + 6;

/** A label's words as ECharts wraps them: only at a plain space or after , & ? / ; ] (a no-break space stays). */
const words = (label: string) => label.split(/[ \t\n]+|(?<=[,&?/;\]])/).filter((w) => w !== '');

/** The wrap width for labels: the band, but never narrower than the longest word (never cut). */
function labelWidth(labels: string[], band: number): number {
  return Math.max(band, ...labels.flatMap((l) => words(l).map(textWidth)));
}

/** Lines the longest label takes when wrapped at word boundaries to `width` pixels. */
function labelLines(labels: string[], width: number): number {
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

const axisText = { color: INK, fontSize: 12 };
const wrap = (width: number) => ({ width, overflow: 'break' as const, lineHeight: 14 });
const legendRows = (names: string[]) =>
  names.length < 2 ? 0 : Math.ceil(names.reduce((w, n) => w + textWidth(n) + 30, 0) / 640);
const legend = (names: string[]) =>
  names.length < 2
    ? { show: false }
    : { top: 0, left: 10, right: 10, textStyle: axisText, itemWidth: 12, itemHeight: 12 };

/** Draw an option into an SVG element: an image named by its title, its marks titled with their values. */
function draw(
  o: { title: string; width: number; height: number; option: EChartsOption },
  marks: (series: number, index: number) => string | null = () => null,
  onSelect?: (index: number) => void,
): SVGElement {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: o.width, height: o.height });
  let text: string;
  try {
    chart.setOption({
      animation: false,
      color: PALETTE,
      textStyle: { fontFamily: FONT, fontSize: 12, color: INK },
      ...o.option,
    });
    text = chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const svg = document.importNode(doc.documentElement, true) as unknown as SVGElement;
  svg.querySelectorAll('style').forEach((e) => e.remove());
  svg.querySelectorAll('[clip-path]').forEach((e) => e.removeAttribute('clip-path'));
  svg.removeAttribute('height');
  svg.setAttribute('width', '100%');
  // Never drawn much larger than designed: text stays at a readable, steady size.
  svg.setAttribute('style', `max-width: ${Math.round(o.width * 1.3)}px`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', t('chartOf', { title: o.title }));
  svg.setAttribute('font-family', FONT);
  svg.setAttribute('class', 'chart');
  const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
  title.textContent = o.title;
  svg.prepend(title);
  const bg = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  for (const [k, v] of Object.entries({ x: 0, y: 0, width: o.width, height: o.height, fill: '#ffffff' }))
    bg.setAttribute(k, String(v));
  title.after(bg);
  for (const el of svg.querySelectorAll('[ecmeta_data_index]')) {
    el.removeAttribute('class');
    const i = Number(el.getAttribute('ecmeta_data_index'));
    const mark = marks(Number(el.getAttribute('ecmeta_series_index')), i);
    if (mark === null) continue;
    const tip = document.createElementNS('http://www.w3.org/2000/svg', 'title');
    tip.textContent = mark;
    el.append(tip);
    if (onSelect) {
      el.setAttribute('class', 'bar selectable');
      el.setAttribute('data-index', String(i));
      el.addEventListener('click', () => onSelect(i));
    }
  }
  return svg;
}

/** A dashed line across a bar chart at a value, labelled (e.g. the index 1: as expected). */
export interface Reference {
  value: number;
  label: string;
}

/**
 * Vertical or horizontal bars; grouped by series, or stacked. Log axis where small bars would vanish
 * (not with a reference line: it is read against the bars' lengths).
 */
export function barChart(
  input: ChartInput,
  options: {
    horizontal?: boolean;
    stacked?: boolean;
    width?: number;
    reference?: Reference;
    /** the value written on a bar, when not the axis's (e.g. an index to two decimals) */
    label?: (v: number) => string;
  } = {},
): SVGElement {
  const ref = options.reference;
  const { categories, series, kind } = input;
  const fmt = axisFormat(kind);
  const stacked = !!options.stacked && series.length > 1;
  const width = options.width ?? 760;
  const values = series.flatMap((se) => se.values);
  const log = !stacked && !ref && values.every((v) => v === null || v >= 0) && needsLog(values);
  const pos = values.filter((v): v is number => v !== null && v > 0);
  const floor = log ? 10 ** Math.floor(Math.log10(Math.min(...pos))) : 0;
  const band = (width - 120) / Math.max(1, categories.length) - 6;
  const horizontal = !!options.horizontal || categories.length > 12 || labelWidth(categories, band) > band;
  const catW = horizontal ? Math.min(width * 0.36, 220) : labelWidth(categories, band);
  const names = series.map((se) => se.name);
  const lines = labelLines(categories, catW);
  const perGroup = stacked ? 1 : series.length;
  const rowH = Math.max(14 * lines + 8, perGroup * 14 + 10);
  const catAxis = {
    type: 'category' as const,
    data: categories,
    axisLabel: { ...axisText, interval: 0, ...wrap(catW) },
    ...(horizontal ? { inverse: true } : {}),
  };
  const valAxis = {
    type: log ? ('log' as const) : ('value' as const),
    ...(log ? { min: floor } : {}),
    name: log ? t('logScale') : undefined,
    nameLocation: horizontal ? ('middle' as const) : ('end' as const),
    nameGap: horizontal ? 28 : 12,
    nameTextStyle: { ...axisText, align: horizontal ? ('center' as const) : ('left' as const) },
    axisLabel: { ...axisText, formatter: (v: number) => fmt(v), hideOverlap: true },
    splitNumber: width < 600 ? 3 : 5,
    splitLine: { lineStyle: { color: GRID } },
    // the reference line stays on the chart when every bar is shorter
    ...(ref && ref.value >= Math.max(0, ...pos) ? { max: niceCeil(ref.value * 1.1) } : {}),
  };
  const top = 20 * legendRows(names) + (log && !horizontal ? 28 : 12);
  const height = horizontal ? top + rowH * categories.length + (log ? 60 : 36) : top + 260 + 14 * lines + 16;
  return draw(
    {
      title: input.title,
      width,
      height,
      option: {
        // the grid counts one line of a wrapped label: room for the others
        grid: {
          left: 10,
          right: 60,
          top,
          bottom: horizontal ? (log ? 34 : 8) : 8 + 14 * (lines - 1),
          containLabel: true,
        },
        xAxis: horizontal ? valAxis : catAxis,
        yAxis: horizontal ? catAxis : valAxis,
        legend: legend(names),
        series: series.map((se, k) => ({
          type: 'bar',
          name: se.name,
          ...(stacked ? { stack: 'all' } : {}),
          barMaxWidth: 90,
          itemStyle: { color: PALETTE[k % PALETTE.length] },
          ...(ref && k === 0
            ? {
                markLine: {
                  silent: true,
                  symbol: 'none',
                  lineStyle: { color: INK, type: [6, 4], width: 1.5 },
                  label: { formatter: ref.label, color: INK, position: 'insideEndTop' as const },
                  data: [horizontal ? { xAxis: ref.value } : { yAxis: ref.value }],
                },
              }
            : {}),
          data: se.values.map((v, i) => {
            const mark = se.hidden[i];
            if (mark)
              return {
                value: floor,
                itemStyle: { color: 'transparent' },
                label: {
                  show: !stacked || k === 0,
                  formatter: mark,
                  color: HIDDEN,
                  position: horizontal ? ('insideLeft' as const) : ('top' as const),
                },
              };
            if (v === null) return { value: null };
            return {
              value: log && v <= 0 ? floor : v,
              label: {
                show: !stacked && series.length === 1,
                formatter: (options.label ?? fmt)(v),
                color: INK,
                position: horizontal ? ('right' as const) : ('top' as const),
              },
            };
          }),
        })),
      },
    },
    (k, i) => {
      const se = series[k];
      const v = se?.values[i];
      if (!se || se.hidden[i] || v === null || v === undefined) return null;
      return `${categories[i]} · ${se.name}: ${fmt(v)}`;
    },
    input.onSelect,
  );
}

/** Lines over ordered categories (e.g. age groups), or over numeric x (the Lorenz curve). */
export function lineChart(
  input: ChartInput & { xValues?: number[][] },
  options: { lorenz?: boolean; width?: number } = {},
): SVGElement {
  const { series, kind } = input;
  const fmt = axisFormat(kind);
  const width = options.lorenz ? 520 : (options.width ?? 760);
  const names = options.lorenz
    ? [...series.map((se) => se.name), t('equality')]
    : series.map((se) => se.name);
  const top = 20 * legendRows(names) + 14;
  const band = labelWidth(input.categories, (width - 100) / Math.max(1, input.categories.length) - 6);
  const lines = options.lorenz ? 1 : labelLines(input.categories, band);
  const height = top + (options.lorenz ? 360 : 260 + 14 * lines + 16);
  const drawn = series.map((se, k) => ({
    type: 'line' as const,
    name: se.name,
    data: se.values.map((v, i) => {
      const y = v === null || se.hidden[i] ? null : v;
      return options.lorenz ? [input.xValues?.[k]?.[i] ?? 0, y] : y;
    }),
    lineStyle: { width: 2.5 },
    symbol: 'circle',
    symbolSize: 6,
    showSymbol: se.values.length <= 40,
    connectNulls: false,
  }));
  const equality = {
    type: 'line' as const,
    name: t('equality'),
    data: [
      [0, 0],
      [1, 1],
    ],
    symbol: 'none',
    lineStyle: { color: HIDDEN, type: [5, 4], width: 1.5 },
    itemStyle: { color: HIDDEN },
  };
  const share = { ...axisText, formatter: (v: number) => formatShare(v) };
  return draw({
    title: input.title,
    width,
    height,
    option: {
      grid: { left: 10, right: 24, top, bottom: 8 + 14 * (lines - 1), containLabel: true },
      xAxis: options.lorenz
        ? {
            type: 'value',
            min: 0,
            max: 1,
            interval: 0.2,
            axisLabel: share,
            splitLine: { lineStyle: { color: GRID } },
          }
        : {
            type: 'category',
            data: input.categories,
            boundaryGap: false,
            axisLabel: { ...axisText, interval: 0, ...wrap(band) },
          },
      yAxis: options.lorenz
        ? {
            type: 'value',
            min: 0,
            max: 1,
            interval: 0.2,
            axisLabel: share,
            splitLine: { lineStyle: { color: GRID } },
          }
        : {
            type: 'value',
            axisLabel: { ...axisText, formatter: (v: number) => fmt(v) },
            splitLine: { lineStyle: { color: GRID } },
          },
      legend: legend(names),
      series: options.lorenz ? [...drawn, equality] : drawn,
    },
  });
}

/** A matrix of values (e.g. persons shared by two departments), darker = more. */
export function heatmap(
  input: {
    title: string;
    rows: string[];
    cols: string[];
    values: (number | null)[][];
    hidden: (false | string)[][];
    /** a click on a cell chooses its row (cross-filtering) */
    onSelect?: (row: number) => void;
  },
  kind: ColumnKind,
): SVGElement {
  const fmt = axisFormat(kind);
  const labelW = Math.min(220, labelWidth(input.rows, 80));
  const cell =
    labelWidth(input.cols, Math.max(56, Math.min(110, (760 - labelW) / Math.max(1, input.cols.length)))) + 6;
  const head = 16 + 14 * labelLines(input.cols, cell - 6);
  const rowH = Math.max(cell * 0.6, 14 * labelLines(input.rows, labelW) + 10);
  const width = Math.max(420, labelW + 20 + cell * input.cols.length + 10);
  const max = Math.max(1e-9, ...input.values.flat().filter((v): v is number => v !== null));
  const data = input.rows.flatMap((_, i) =>
    input.cols.map((_, j) => {
      const v = input.values[i]?.[j] ?? null;
      const hidden = input.hidden[i]?.[j] ?? false;
      const share = hidden || v === null ? -1 : v / max;
      return {
        // the fourth value is the colour, light to dark; −1 is a hidden or empty cell
        value: [j, i, v ?? 0, share],
        label: {
          show: true,
          color: hidden ? '#4e5b66' : share > 0.45 ? '#ffffff' : INK,
          formatter: hidden ? String(hidden) : v === null ? '–' : fmt(v),
        },
      };
    }),
  );
  return draw(
    {
      title: input.title,
      width,
      height: head + rowH * input.rows.length + 10,
      option: {
        grid: { left: labelW + 20, right: 10, top: head, bottom: 10 },
        xAxis: {
          type: 'category',
          position: 'top',
          data: input.cols,
          axisLabel: { ...axisText, interval: 0, ...wrap(cell - 6) },
          axisTick: { show: false },
          axisLine: { show: false },
        },
        yAxis: {
          type: 'category',
          inverse: true,
          data: input.rows,
          axisLabel: { ...axisText, interval: 0, ...wrap(labelW) },
          axisTick: { show: false },
          axisLine: { show: false },
        },
        visualMap: {
          show: false,
          dimension: 3,
          min: 0,
          max: 1,
          inRange: { color: ['#e8f0fa', '#0b3d75'] },
          outOfRange: { color: '#eef1f4' },
        },
        series: [{ type: 'heatmap', data, itemStyle: { borderColor: '#fff', borderWidth: 2 } }],
      },
    },
    // each cell titled "row × column"; data is row by row, so a cell's row is its index ÷ the columns
    input.onSelect
      ? (_, k) => `${input.rows[Math.floor(k / input.cols.length)]} × ${input.cols[k % input.cols.length]}`
      : undefined,
    input.onSelect ? (k) => input.onSelect!(Math.floor(k / input.cols.length)) : undefined,
  );
}
