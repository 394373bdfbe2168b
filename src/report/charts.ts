/**
 * Inline SVG charts: no scripts, no external resources. Every chart has a title and a description for
 * screen readers (role="img"), and the report puts a table with the same numbers next to it.
 */
import { escapeHtml as esc } from './format.js';

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
const GRID = '#d0d7de';

interface Frame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const frame = (o: Partial<Frame> = {}): Frame => ({
  width: 720,
  height: 340,
  left: 70,
  right: 20,
  top: 20,
  bottom: 60,
  ...o,
});

function svg(f: Frame, title: string, desc: string, body: string): string {
  const id = `c${Math.abs(hash(title + desc)).toString(36)}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${f.width} ${f.height}" role="img" aria-labelledby="${id}t ${id}d" font-family="system-ui, sans-serif" font-size="13"><title id="${id}t">${esc(title)}</title><desc id="${id}d">${esc(desc)}</desc>${body}</svg>`;
}

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return h;
}

const text = (x: number, y: number, s: string, attrs = '') =>
  `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" fill="${INK}" ${attrs}>${esc(s)}</text>`;

function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (v <= m * p) return m * p;
  return 10 * p;
}

function yAxis(f: Frame, max: number, fmt: (v: number) => string, ticks = 5): string {
  let out = '';
  for (let i = 0; i <= ticks; i++) {
    const v = (max * i) / ticks;
    const y = f.height - f.bottom - ((f.height - f.top - f.bottom) * i) / ticks;
    out += `<line x1="${f.left}" x2="${f.width - f.right}" y1="${y}" y2="${y}" stroke="${GRID}"/>`;
    out += text(f.left - 6, y + 4, fmt(v), 'text-anchor="end"');
  }
  return out;
}

export interface Series {
  name: string;
  points: [number, number | null][];
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
  const f = frame({ top: o.yTitle ? 36 : 20 });
  const xs = o.series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = o.series.flatMap((s) => s.points.map((p) => p[1] ?? 0));
  const xMin = Math.min(0, ...xs);
  const xMax = o.xMax ?? Math.max(...xs, 1);
  const yMax = o.yMax ?? niceMax(Math.max(...ys, 0));
  const X = (x: number) => f.left + ((x - xMin) / (xMax - xMin || 1)) * (f.width - f.left - f.right);
  const Y = (y: number) => f.height - f.bottom - (y / yMax) * (f.height - f.top - f.bottom);
  let body = yAxis(f, yMax, o.yFormat);
  const ticks = o.xTicks ?? [xMin, (xMin + xMax) / 2, xMax];
  ticks.forEach((t, i) => {
    body += text(X(t), f.height - f.bottom + 18, o.xLabels?.[i] ?? o.xFormat(t), 'text-anchor="middle"');
  });
  if (o.diagonal)
    body += `<line x1="${X(0)}" y1="${Y(0)}" x2="${X(xMax)}" y2="${Y(yMax)}" stroke="#767676" stroke-dasharray="5 4"/>`;
  o.series.forEach((s, i) => {
    const color = PALETTE[i % PALETTE.length]!;
    let d = '';
    let pen = false;
    for (const [x, y] of s.points) {
      if (y === null) {
        pen = false;
        continue;
      }
      d += `${pen ? 'L' : 'M'}${X(x).toFixed(1)},${Y(y).toFixed(1)}`;
      pen = true;
    }
    body += `<path d="${d}" fill="none" stroke="${color}" stroke-width="2.5"/>`;
    for (const [x, y] of s.points)
      if (y !== null)
        body += `<circle cx="${X(x).toFixed(1)}" cy="${Y(y).toFixed(1)}" r="3" fill="${color}"/>`;
  });
  body += legend(
    f,
    o.series.map((s) => s.name),
  );
  if (o.xTitle)
    body += text((f.left + f.width - f.right) / 2, f.height - 8, o.xTitle, 'text-anchor="middle"');
  if (o.yTitle) body += text(f.left - 50, 16, o.yTitle, 'font-size="12"');
  return svg(f, o.title, o.desc, body);
}

function legend(f: Frame, names: string[]): string {
  if (names.length < 2) return '';
  let x = f.left;
  let out = '';
  names.forEach((n, i) => {
    out += `<rect x="${x}" y="${f.height - 34}" width="12" height="12" fill="${PALETTE[i % PALETTE.length]}"/>`;
    out += text(x + 16, f.height - 24, n, 'font-size="12"');
    x += 24 + n.length * 7;
  });
  return out;
}

/** Vertical bars, one per category; null (hidden) bars are marked with the hidden text. */
export function barChart(o: {
  title: string;
  desc: string;
  categories: string[];
  values: (number | null)[];
  format: (v: number) => string;
  hiddenLabel?: string;
  xTitle?: string;
}): string {
  const f = frame({ bottom: o.xTitle ? 84 : 70 });
  const max = niceMax(Math.max(0, ...o.values.map((v) => v ?? 0)));
  const w = (f.width - f.left - f.right) / Math.max(1, o.categories.length);
  const Y = (y: number) => f.height - f.bottom - (y / max) * (f.height - f.top - f.bottom);
  let body = yAxis(f, max, o.format);
  o.categories.forEach((c, i) => {
    const x = f.left + i * w;
    const v = o.values[i];
    if (v === null || v === undefined) {
      body += text(
        x + w / 2,
        f.height - f.bottom - 6,
        o.hiddenLabel ?? '–',
        'text-anchor="middle" font-size="11"',
      );
    } else {
      body += `<rect x="${(x + w * 0.15).toFixed(1)}" y="${Y(v).toFixed(1)}" width="${(w * 0.7).toFixed(1)}" height="${(f.height - f.bottom - Y(v)).toFixed(1)}" fill="${PALETTE[0]}"/>`;
      body += text(x + w / 2, Y(v) - 4, o.format(v), 'text-anchor="middle" font-size="11"');
    }
    body += wrapLabel(x + w / 2, f.height - f.bottom + 16, c);
  });
  if (o.xTitle)
    body += text((f.left + f.width - f.right) / 2, f.height - 8, o.xTitle, 'text-anchor="middle"');
  return svg(f, o.title, o.desc, body);
}

function wrapLabel(x: number, y: number, s: string): string {
  const words = s.split(' ');
  const lines: string[] = [];
  for (const w of words) {
    const last = lines[lines.length - 1];
    if (last !== undefined && (last + ' ' + w).length <= 14) lines[lines.length - 1] = `${last} ${w}`;
    else lines.push(w);
  }
  return lines
    .slice(0, 3)
    .map((l, i) => text(x, y + i * 13, l, 'text-anchor="middle" font-size="11"'))
    .join('');
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
  const f = frame({ height: 400, bottom: 130 });
  const colour = (k: number) =>
    o.hiddenLast && k === o.series.length - 1 ? '#b8b8b8' : PALETTE[k % PALETTE.length]!;
  const w = (f.width - f.left - f.right) / Math.max(1, o.categories.length);
  const h = f.height - f.top - f.bottom;
  let body = yAxis(f, 1, o.format, 4);
  o.categories.forEach((c, i) => {
    const total = o.series.reduce((s, x) => s + (x.values[i] ?? 0), 0);
    let y = f.height - f.bottom;
    if (total > 0)
      o.series.forEach((s, k) => {
        const v = s.values[i] ?? 0;
        const hh = (v / total) * h;
        if (hh <= 0) return;
        y -= hh;
        body += `<rect x="${(f.left + i * w + w * 0.15).toFixed(1)}" y="${y.toFixed(1)}" width="${(w * 0.7).toFixed(1)}" height="${hh.toFixed(1)}" fill="${colour(k)}" stroke="#fff" stroke-width="0.5"/>`;
      });
    body += wrapLabel(f.left + i * w + w / 2, f.height - f.bottom + 16, c);
  });
  if (o.xTitle)
    body += text(
      (f.left + f.width - f.right) / 2,
      f.height - f.bottom + 40,
      o.xTitle,
      'text-anchor="middle"',
    );
  let lx = f.left;
  let ly = f.height - 52;
  o.series.forEach((s, k) => {
    const width = 24 + s.name.length * 7;
    if (lx + width > f.width - f.right) {
      lx = f.left;
      ly += 16;
    }
    body += `<rect x="${lx}" y="${ly - 10}" width="12" height="12" fill="${colour(k)}"/>`;
    body += text(lx + 16, ly, s.name, 'font-size="12"');
    lx += width;
  });
  return svg(f, o.title, o.desc, body);
}

/** Horizontal bars split into parts (unit cost: direct, administration, other common). */
export function splitBars(o: {
  title: string;
  desc: string;
  categories: string[];
  parts: { name: string; values: (number | null)[] }[];
  format: (v: number) => string;
  hiddenLabel?: string;
}): string {
  const rowH = 26;
  const f = frame({ left: 200, height: 60 + rowH * o.categories.length + 30, bottom: 60, right: 80 });
  const max = niceMax(
    Math.max(0, ...o.categories.map((_, i) => o.parts.reduce((s, p) => s + (p.values[i] ?? 0), 0))),
  );
  const W = f.width - f.left - f.right;
  let body = '';
  for (let t = 0; t <= 4; t++) {
    const x = f.left + (W * t) / 4;
    body += `<line x1="${x}" x2="${x}" y1="${f.top}" y2="${f.height - f.bottom}" stroke="${GRID}"/>`;
    body += text(x, f.height - f.bottom + 16, o.format((max * t) / 4), 'text-anchor="middle" font-size="11"');
  }
  o.categories.forEach((c, i) => {
    const y = f.top + i * rowH + 4;
    body += text(
      f.left - 8,
      y + 14,
      c.length > 28 ? `${c.slice(0, 27)}…` : c,
      'text-anchor="end" font-size="12"',
    );
    let x = f.left;
    let sum = 0;
    o.parts.forEach((p, k) => {
      const v = p.values[i];
      if (v === null || v === undefined || v <= 0) return;
      const w = (v / max) * W;
      body += `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${rowH - 8}" fill="${PALETTE[k % PALETTE.length]}"/>`;
      x += w;
      sum += v;
    });
    const known = o.parts.every((p) => p.values[i] !== null && p.values[i] !== undefined);
    body += text(x + 6, y + 13, known ? o.format(sum) : (o.hiddenLabel ?? '–'), 'font-size="11"');
  });
  body += legend(
    f,
    o.parts.map((p) => p.name),
  );
  return svg(f, o.title, o.desc, body);
}

/** A square matrix of values, darker for more (department × department persons). */
export function heatMap(o: {
  title: string;
  desc: string;
  rows: string[];
  cols: string[];
  values: (number | null)[][];
  format: (v: number) => string;
  hiddenLabel: string;
}): string {
  const cell = Math.min(90, Math.floor(520 / Math.max(1, o.cols.length)));
  const f = frame({ left: 190, top: 110, width: 190 + cell * o.cols.length + 140, bottom: 20 });
  f.height = f.top + cell * o.rows.length + f.bottom;
  const max = Math.max(1, ...o.values.flat().map((v) => v ?? 0));
  let body = '';
  o.cols.forEach((c, j) => {
    const x = f.left + j * cell + cell / 2;
    body += `<text transform="translate(${x.toFixed(1)},${f.top - 8}) rotate(-35)" fill="${INK}" font-size="12">${esc(c.length > 22 ? `${c.slice(0, 21)}…` : c)}</text>`;
  });
  o.rows.forEach((r, i) => {
    const y = f.top + i * cell;
    body += text(
      f.left - 8,
      y + cell / 2 + 4,
      r.length > 26 ? `${r.slice(0, 25)}…` : r,
      'text-anchor="end" font-size="12"',
    );
    o.cols.forEach((_, j) => {
      const v = o.values[i]?.[j] ?? null;
      const t = v === null ? 0 : Math.sqrt(v / max);
      const fill = v === null ? '#eeeeee' : mix('#eef3f8', '#0b3d6b', t);
      body += `<rect x="${f.left + j * cell}" y="${y}" width="${cell - 2}" height="${cell - 2}" fill="${fill}"/>`;
      const label = v === null ? o.hiddenLabel : o.format(v);
      body += `<text x="${f.left + j * cell + cell / 2 - 1}" y="${y + cell / 2 + 4}" text-anchor="middle" font-size="12" fill="${t > 0.45 ? '#ffffff' : INK}">${esc(label)}</text>`;
    });
  });
  return svg(f, o.title, o.desc, body);
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
  const f = frame({ height: 420, left: 60, bottom: 50 });
  const W = (f.width - f.left - f.right) / 2;
  const H = (f.height - f.top - f.bottom) / 2;
  // x: municipal (left cheap, right expensive); y: regional (top expensive)
  const pos: Record<number, [number, number]> = { 0: [1, 0], 1: [1, 1], 2: [0, 0], 3: [0, 1] };
  let body = '';
  o.boxes.forEach((b, i) => {
    const [cx, cy] = pos[i]!;
    const x = f.left + cx * W;
    const y = f.top + cy * H;
    body += `<rect x="${x + 2}" y="${y + 2}" width="${W - 4}" height="${H - 4}" fill="${mix('#f4f7fa', '#9fc0de', Math.min(1, b.weight))}" stroke="${GRID}"/>`;
    body += text(x + 14, y + 26, b.label, 'font-weight="600"');
    b.lines.forEach(
      (l, k) => (body += text(x + 14, y + 50 + k * 20, l.length > 46 ? `${l.slice(0, 45)}…` : l)),
    );
  });
  body += text((f.left + f.width - f.right) / 2, f.height - 14, o.xTitle, 'text-anchor="middle"');
  body += `<text transform="translate(24,${(f.top + f.height - f.bottom) / 2}) rotate(-90)" text-anchor="middle" fill="${INK}">${esc(o.yTitle)}</text>`;
  return svg(f, o.title, o.desc, body);
}
