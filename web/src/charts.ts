import type { ColumnKind } from './api.js';
import { s } from './dom.js';
import { formatMoneyShort, formatNumber, formatShare, t } from './i18n.js';

/**
 * Hand-written SVG charts. Colours are attributes (not CSS) so a downloaded SVG or PNG looks the same
 * as on screen. Each chart is an image with a label; its numbers are in the table beside it.
 */

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
const HIDDEN = '#8a949e';

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

/** Round axis ticks covering [min, max]. */
export function ticks(min: number, max: number, count = 5): number[] {
  if (max === min) max = min + 1;
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((x) => x >= raw) ?? 10 * mag;
  const out: number[] = [];
  // Extend to the first tick at or above max, so the top bar never overflows the axis.
  for (let v = Math.floor(min / step) * step; ; v += step) {
    out.push(Number(v.toFixed(10)));
    if (v >= max - step * 1e-9 || out.length > 50) break;
  }
  return out;
}

function svgRoot(width: number, height: number, title: string): SVGElement {
  return s(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      viewBox: `0 0 ${width} ${height}`,
      width: '100%',
      // Never drawn much larger than designed: text stays at a readable, steady size.
      style: `max-width: ${Math.round(width * 1.3)}px`,
      role: 'img',
      'aria-label': t('chartOf', { title }),
      'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
      'font-size': 12,
      class: 'chart',
    },
    s('title', {}, title),
    s('rect', { x: 0, y: 0, width, height, fill: '#ffffff' }),
  );
}

function truncate(label: string, max: number): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

function legend(svg: SVGElement, series: Series[], x: number, y: number, width: number): number {
  if (series.length < 2) return 0;
  let cx = x;
  let cy = y;
  series.forEach((se, i) => {
    const w = Math.min(220, 24 + se.name.length * 7);
    if (cx + w > x + width) {
      cx = x;
      cy += 18;
    }
    svg.append(
      s('rect', { x: cx, y: cy - 9, width: 12, height: 12, fill: PALETTE[i % PALETTE.length]!, rx: 2 }),
      s('text', { x: cx + 16, y: cy + 1, fill: INK }, truncate(se.name, 30)),
    );
    cx += w;
  });
  return cy - y + 22;
}

/** Vertical or horizontal bars; grouped by series, or stacked. */
export function barChart(
  input: ChartInput,
  options: { horizontal?: boolean; stacked?: boolean; width?: number } = {},
): SVGElement {
  const { categories, series, kind } = input;
  const fmt = axisFormat(kind);
  const stacked = options.stacked && series.length > 1;
  const totals = categories.map((_, i) =>
    stacked
      ? series.reduce((a, se) => a + Math.max(0, se.values[i] ?? 0), 0)
      : Math.max(0, ...series.map((se) => se.values[i] ?? 0)),
  );
  const minValue = Math.min(0, ...series.flatMap((se) => se.values.map((v) => v ?? 0)));
  // Narrow charts get fewer ticks so money labels do not run into each other.
  const scaleTicks = ticks(minValue, Math.max(...totals, 0) || 1, (options.width ?? 760) < 600 ? 3 : 5);
  const lo = scaleTicks[0]!;
  const hi = scaleTicks[scaleTicks.length - 1]!;
  const perGroup = stacked ? 1 : series.length;

  if (options.horizontal) {
    const width = options.width ?? 760;
    const labelW = Math.min(width * 0.36, 20 + Math.max(...categories.map((c) => c.length)) * 6.6);
    const band = Math.max(22, perGroup * 14 + 10);
    const top = 12;
    const plotH = band * categories.length;
    const legendH = series.length > 1 ? 22 + 18 * Math.floor(series.length / 4) : 0;
    const height = top + plotH + 30 + legendH;
    const svg = svgRoot(width, height, input.title);
    const x0 = labelW;
    const plotW = width - labelW - 70;
    const xs = (v: number) => x0 + ((v - lo) / (hi - lo)) * plotW;
    for (const tk of scaleTicks) {
      svg.append(
        s('line', { x1: xs(tk), x2: xs(tk), y1: top, y2: top + plotH, stroke: GRID }),
        s('text', { x: xs(tk), y: top + plotH + 16, 'text-anchor': 'middle', fill: INK }, fmt(tk)),
      );
    }
    categories.forEach((cat, i) => {
      const y = top + i * band;
      svg.append(
        s(
          'text',
          { x: x0 - 8, y: y + band / 2 + 4, 'text-anchor': 'end', fill: INK },
          truncate(cat, Math.max(8, Math.floor((labelW - 12) / 6.6))),
        ),
      );
      let acc = 0;
      series.forEach((se, k) => {
        const v = se.values[i];
        const color = PALETTE[k % PALETTE.length]!;
        const barH = stacked ? band - 8 : (band - 8) / perGroup;
        const by = stacked ? y + 4 : y + 4 + k * barH;
        if (se.hidden[i]) {
          if (!stacked || k === 0)
            svg.append(s('text', { x: xs(0) + 4, y: by + barH / 2 + 4, fill: HIDDEN }, String(se.hidden[i])));
          return;
        }
        if (v === null || v === undefined) return;
        const start = stacked ? acc : Math.min(0, v);
        const end = stacked ? acc + v : Math.max(0, v);
        acc += stacked ? v : 0;
        svg.append(
          s(
            'rect',
            {
              x: xs(start),
              y: by,
              width: Math.max(1, xs(end) - xs(start)),
              height: Math.max(2, barH - 1),
              fill: color,
              class: input.onSelect ? 'bar selectable' : 'bar',
              'data-index': i,
              onclick: input.onSelect ? ((() => input.onSelect!(i)) as EventListener) : undefined,
            },
            s('title', {}, `${cat} · ${se.name}: ${fmt(v)}`),
          ),
        );
      });
      if (!stacked && series.length === 1) {
        const v = series[0]!.values[i];
        if (v !== null && v !== undefined && !series[0]!.hidden[i])
          svg.append(s('text', { x: xs(Math.max(0, v)) + 4, y: y + band / 2 + 4, fill: INK }, fmt(v)));
      }
    });
    legend(svg, series, 10, top + plotH + 40, width - 20);
    return svg;
  }

  const width = options.width ?? 760;
  const left = 78;
  const top = 14;
  const plotH = 240;
  const rotate = categories.some((c) => c.length > 10) && categories.length > 4;
  const labelH = rotate ? 90 : 26;
  const legendH = series.length > 1 ? 22 + 18 * Math.floor(series.length / 4) : 0;
  const height = top + plotH + labelH + legendH + 6;
  const svg = svgRoot(width, height, input.title);
  const plotW = width - left - 16;
  const band = plotW / Math.max(1, categories.length);
  const ys = (v: number) => top + plotH - ((v - lo) / (hi - lo)) * plotH;
  for (const tk of scaleTicks) {
    svg.append(
      s('line', { x1: left, x2: left + plotW, y1: ys(tk), y2: ys(tk), stroke: GRID }),
      s('text', { x: left - 6, y: ys(tk) + 4, 'text-anchor': 'end', fill: INK }, fmt(tk)),
    );
  }
  categories.forEach((cat, i) => {
    const inner = Math.min(band * 0.76, 90 * perGroup);
    const x = left + i * band + (band * 0.76 - inner) / 2;
    const barW = stacked ? inner : inner / perGroup;
    let acc = 0;
    series.forEach((se, k) => {
      const v = se.values[i];
      const bx = x + band * 0.12 + (stacked ? 0 : k * barW);
      if (se.hidden[i]) {
        if (!stacked || k === 0)
          svg.append(
            s(
              'text',
              { x: bx + barW / 2, y: ys(0) - 4, 'text-anchor': 'middle', fill: HIDDEN },
              String(se.hidden[i]),
            ),
          );
        return;
      }
      if (v === null || v === undefined) return;
      const a = stacked ? acc : 0;
      const b = stacked ? acc + v : v;
      acc += stacked ? v : 0;
      svg.append(
        s(
          'rect',
          {
            x: bx,
            y: ys(Math.max(a, b)),
            width: Math.max(1, barW - 2),
            height: Math.max(1, Math.abs(ys(a) - ys(b))),
            fill: PALETTE[k % PALETTE.length]!,
            class: input.onSelect ? 'bar selectable' : 'bar',
            'data-index': i,
            onclick: input.onSelect ? ((() => input.onSelect!(i)) as EventListener) : undefined,
          },
          s('title', {}, `${cat} · ${se.name}: ${fmt(v)}`),
        ),
      );
    });
    const lx = x + band / 2;
    const ly = top + plotH + 16;
    svg.append(
      rotate
        ? s(
            'text',
            { x: lx, y: ly, 'text-anchor': 'end', transform: `rotate(-35 ${lx} ${ly})`, fill: INK },
            truncate(cat, 22),
          )
        : s(
            'text',
            { x: lx, y: ly, 'text-anchor': 'middle', fill: INK },
            truncate(cat, Math.max(6, Math.floor(band / 7))),
          ),
    );
  });
  svg.append(s('line', { x1: left, x2: left + plotW, y1: ys(0), y2: ys(0), stroke: INK }));
  legend(svg, series, left, top + plotH + labelH + 10, plotW);
  return svg;
}

/** Lines over ordered categories (e.g. age groups), or over numeric x (the Lorenz curve). */
export function lineChart(
  input: ChartInput & { xValues?: number[][] },
  options: { lorenz?: boolean; width?: number } = {},
): SVGElement {
  const { series, kind } = input;
  const width = options.lorenz ? 520 : (options.width ?? 760);
  const left = 78;
  const top = 14;
  const plotH = options.lorenz ? 320 : 260;
  const legendH = series.length > 1 || options.lorenz ? 40 : 0;
  const height = top + plotH + 40 + legendH;
  const svg = svgRoot(width, height, input.title);
  const plotW = options.lorenz ? plotH : width - left - 20;
  const fmt = axisFormat(kind);
  const all = series.flatMap((se) => se.values.filter((v): v is number => v !== null));
  const yTicks = options.lorenz
    ? [0, 0.2, 0.4, 0.6, 0.8, 1]
    : ticks(Math.min(0, ...all), Math.max(1e-9, ...all));
  const lo = yTicks[0]!;
  const hi = yTicks[yTicks.length - 1]!;
  const ys = (v: number) => top + plotH - ((v - lo) / (hi - lo)) * plotH;
  const n = input.categories.length;
  const xsCat = (i: number) => left + (n <= 1 ? plotW / 2 : (i / (n - 1)) * plotW);
  const xsNum = (x: number) => left + x * plotW;
  for (const tk of yTicks) {
    svg.append(
      s('line', { x1: left, x2: left + plotW, y1: ys(tk), y2: ys(tk), stroke: GRID }),
      s('text', { x: left - 6, y: ys(tk) + 4, 'text-anchor': 'end', fill: INK }, fmt(tk)),
    );
  }
  if (options.lorenz) {
    for (const tk of yTicks)
      svg.append(
        s('line', { x1: xsNum(tk), x2: xsNum(tk), y1: top, y2: top + plotH, stroke: GRID }),
        s('text', { x: xsNum(tk), y: top + plotH + 16, 'text-anchor': 'middle', fill: INK }, formatShare(tk)),
      );
    svg.append(
      s('line', {
        x1: xsNum(0),
        y1: ys(0),
        x2: xsNum(1),
        y2: ys(1),
        stroke: HIDDEN,
        'stroke-dasharray': '5 4',
      }),
    );
  } else {
    input.categories.forEach((c, i) =>
      svg.append(
        s('text', { x: xsCat(i), y: top + plotH + 16, 'text-anchor': 'middle', fill: INK }, truncate(c, 14)),
      ),
    );
  }
  series.forEach((se, k) => {
    const color = PALETTE[k % PALETTE.length]!;
    const pts: [number, number][] = [];
    se.values.forEach((v, i) => {
      if (v === null || se.hidden[i]) return;
      const x = options.lorenz ? xsNum(input.xValues?.[k]?.[i] ?? 0) : xsCat(i);
      pts.push([x, ys(v)]);
    });
    if (pts.length === 0) return;
    svg.append(
      s('polyline', {
        points: pts.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' '),
        fill: 'none',
        stroke: color,
        'stroke-width': 2.5,
        'stroke-linejoin': 'round',
      }),
    );
    if (pts.length <= 40)
      for (const [x, y] of pts) svg.append(s('circle', { cx: x, cy: y, r: 3, fill: color }));
  });
  const legendSeries = options.lorenz ? [...series, { name: t('equality'), values: [], hidden: [] }] : series;
  if (legendSeries.length > 1) legend(svg, legendSeries, left, top + plotH + 40, width - left - 20);
  if (options.lorenz) {
    // The dashed swatch belongs to the equality line, not to a palette colour.
    const swatches = svg.querySelectorAll('rect[rx="2"]');
    const last = swatches[swatches.length - 1];
    if (last) last.setAttribute('fill', HIDDEN);
  }
  return svg;
}

/** A matrix of values (e.g. persons shared by two departments), darker = more. */
export function heatmap(
  input: {
    title: string;
    rows: string[];
    cols: string[];
    values: (number | null)[][];
    hidden: (false | string)[][];
  },
  kind: ColumnKind,
): SVGElement {
  const fmt = kind === 'money' ? formatMoneyShort : axisFormat(kind);
  const labelW = Math.min(220, 20 + Math.max(0, ...input.rows.map((r) => r.length)) * 6.6);
  const cell = Math.max(56, Math.min(110, (760 - labelW) / Math.max(1, input.cols.length)));
  const headH = 90;
  const width = Math.max(420, labelW + cell * input.cols.length + 10);
  const height = headH + cell * 0.6 * input.rows.length + 10;
  const svg = svgRoot(width, height, input.title);
  const max = Math.max(1e-9, ...input.values.flat().filter((v): v is number => v !== null));
  input.cols.forEach((c, j) => {
    const x = labelW + j * cell + cell / 2;
    svg.append(
      s(
        'text',
        { x, y: headH - 8, 'text-anchor': 'start', transform: `rotate(-35 ${x} ${headH - 8})`, fill: INK },
        truncate(c, 20),
      ),
    );
  });
  input.rows.forEach((r, i) => {
    const y = headH + i * cell * 0.6;
    svg.append(
      s('text', { x: labelW - 8, y: y + cell * 0.3 + 4, 'text-anchor': 'end', fill: INK }, truncate(r, 30)),
    );
    input.cols.forEach((_, j) => {
      const v = input.values[i]?.[j] ?? null;
      const hidden = input.hidden[i]?.[j] ?? false;
      const x = labelW + j * cell;
      const share = v === null ? 0 : v / max;
      // Light to dark blue; text turns white where the fill is dark enough.
      const fill = hidden || v === null ? '#eef1f4' : mix('#e8f0fa', '#0b3d75', share);
      svg.append(
        s('rect', { x: x + 1, y: y + 1, width: cell - 2, height: cell * 0.6 - 2, fill, rx: 2 }),
        s(
          'text',
          {
            x: x + cell / 2,
            y: y + cell * 0.3 + 4,
            'text-anchor': 'middle',
            fill: hidden ? '#4e5b66' : share > 0.45 ? '#ffffff' : INK,
          },
          hidden ? String(hidden) : v === null ? '–' : fmt(v),
        ),
      );
    });
  });
  return svg;
}

function mix(a: string, b: string, f: number): string {
  const pa = [1, 3, 5].map((i) => parseInt(a.slice(i, i + 2), 16));
  const pb = [1, 3, 5].map((i) => parseInt(b.slice(i, i + 2), 16));
  return `#${pa
    .map((x, i) =>
      Math.round(x + (pb[i]! - x) * f)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}
