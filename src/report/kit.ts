/**
 * What every report section is built from: the data a report is about (`ReportData`), its texts
 * (locales/report/<lang>.json), the rows of a mart for the report's period and municipality, the
 * readings' values (a hidden value drops its sentence, never breaks it) and the section and table frames.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { formatMessage, text, texts } from '../core/messages.js';
import type { Value } from '../engine/engine.js';
import { formatNumber, tr, type Lang, type Text } from '../i18n.js';
import {
  hiddenText,
  MART_TABLES,
  tableTitle,
  type PublishedRow,
  type PublishedTable,
} from '../publish/index.js';
import { cellText, escapeHtml as esc, formatMillions, kr, num, pct } from './format.js';
import { valueLabel } from './labels.js';

/** What a report is about, and its published (suppressed) tables: the input of every section. */
export interface ReportData {
  lang: Lang;
  name: string;
  currency: string;
  period: string;
  periods: string[];
  municipality: string;
  municipalities: string[];
  threshold: number;
  heavyThresholdMinor: bigint;
  /** ages of the resource-heavy analysis (default: the headline's ages) */
  heavyAges?: [number, number];
  /** the headline's configured ages and shares (labels read them: a hidden row has none of its own) */
  headline?: { age_from: number; age_to: number; top_pct: number; bottom_pct: number };
  overlapFamilies: string[];
  groupLabels: Record<string, Text>;
  serviceNames: Record<string, Text>;
  generated: string;
  published: Map<string, PublishedTable>;
}

/** A text of the report's catalogue (locales/report/<lang>.json), by its key after `report.`. */
export const msg = (key: string): Text => text(`report.${key}`);

/** Section headings and shared words, from the report's catalogue (locales/report/<lang>.json). */
export const SECTION = texts('report.section', [
  'title',
  'keyFigures',
  'headline',
  'lorenz',
  'intervals',
  'law',
  'targetGroup',
  'heavy',
  'departments',
  'quadrant',
  'serviceOverlap',
  'consumption',
  'unitCost',
  'userMix',
  'benchmark',
  'trend',
  'table',
  'method',
  'none',
] as const);

/** The marts each section being rendered reads (withLineage), for its footnote. */
const reading = new WeakMap<ReportData, Set<string>>();

/** A published mart of the report; every section reads its marts through here (their lineage footnote). */
export function tableOf(d: ReportData, mart: string): PublishedTable | undefined {
  const t = d.published.get(mart);
  if (t) reading.get(d)?.add(mart);
  return t;
}

/** The anchor of a table's entry in the report's lineage appendix (page.ts). */
export const lineageAnchor = (table: string) => `lineage-${table}`;

/**
 * Render a section and give it its lineage footnote: the marts it read, each linking to its entry in
 * the appendix "Where do the numbers come from?" (the model, the tables it reads, the source tables,
 * and how to ask for the full trail). The footnote carries `data-lineage` for the appendix to collect.
 */
export function withLineage(d: ReportData, render: (d: ReportData) => string): string {
  const used = new Set<string>();
  reading.set(d, used);
  let html: string;
  try {
    html = render(d);
  } finally {
    reading.delete(d);
  }
  if (!html || used.size === 0) return html;
  const tables = [...used];
  const links = tables
    .map((m) => `<a href="#${lineageAnchor(m)}">${esc(tr(tableTitle(m), d.lang))}</a>`)
    .join(', ');
  const note = `<p class="lineage" data-lineage="${tables.join(' ')}">${esc(tr(text('lineage.report.footnote'), d.lang))} ${links}</p>`;
  const end = html.lastIndexOf('</section>');
  return end < 0 ? `${html}\n${note}` : `${html.slice(0, end)}${note}\n${html.slice(end)}`;
}

/** Rows of a mart for the report's period and municipality, optionally filtered further. */
export function rowsOf(
  d: ReportData,
  mart: string,
  where: Record<string, Value> = {},
  scope: { period?: boolean; municipality?: boolean } = { period: true, municipality: true },
): PublishedRow[] {
  const t = tableOf(d, mart);
  if (!t) return [];
  return t.rows.filter(
    (r) =>
      (!scope.period || r.cells.period === d.period) &&
      (!scope.municipality || r.cells.municipality === d.municipality) &&
      Object.entries(where).every(([k, v]) => r.cells[k] === v),
  );
}

/**
 * A hidden value inside text: `say` drops every sentence that holds one (suppression never breaks a
 * sentence), and anything else shows it as the word "hidden" — never as "< 5", which next to an amount
 * would read as "less than 5 kroner".
 */
export const HIDDEN = '\uE000';
export const HIDDEN_WORD = msg('word.hidden');

/** An ICU parser element: 1 argument, 2–4 number/date/time, 5 select, 6 plural (their branches in `options`). */
type Element = { type: number; value?: unknown; options?: Record<string, { value: Element[] }> };

/** A message's sentences: split after . ! ? before a capital or a placeholder, never inside a plural's branches. */
function sentences(message: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < message.length; i++) {
    const c = message[i]!;
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (depth === 0 && /\s/.test(c) && /[.!?]/.test(message[i - 1] ?? '')) {
      const rest = /^\s+(?=\p{Lu}|\{)/u.exec(message.slice(i));
      if (rest) {
        out.push(message.slice(start, i));
        start = i + rest[0].length;
        i = start - 1;
      }
    }
  }
  out.push(message.slice(start));
  return out;
}

const argumentsCache = new Map<string, Map<string, boolean>>();

/** The arguments a sentence reads, each with whether a plural (or select) chooses its words by it. */
function argumentsOf(sentence: string): Map<string, boolean> {
  let args = argumentsCache.get(sentence);
  if (!args) {
    const found = new Map<string, boolean>();
    const walk = (elements: Element[]): void => {
      for (const e of elements) {
        if (e.type >= 1 && e.type <= 6 && typeof e.value === 'string')
          found.set(e.value, found.get(e.value) === true || e.type === 6);
        for (const o of Object.values(e.options ?? {})) walk(o.value);
      }
    };
    walk(new IntlMessageFormat(sentence, 'en', undefined, { ignoreTag: true }).getAst() as Element[]);
    args = found;
    argumentsCache.set(sentence, args);
  }
  return args;
}

/**
 * A text with its values filled in by ICU MessageFormat (as every catalogue text), without the
 * sentences that would show a hidden value. A count that a plural reads goes in as a number (`count`):
 * its `#` groups it in the reader's locale; a sentence whose count is no number (a missing row's "–")
 * is dropped like a hidden one, as it would read "NaN".
 */
export function say(text: Text, lang: Lang, vars: Record<string, string | number> = {}): string {
  return sentences(text[lang])
    .filter((sentence) =>
      [...argumentsOf(sentence)].every(([name, counted]) => {
        const value = vars[name];
        if (String(value ?? '').includes(HIDDEN)) return false;
        return !counted || value === undefined || Number.isFinite(Number(value));
      }),
    )
    .map((sentence) => formatMessage(sentence, lang, vars))
    .join(' ');
}

/** A published count for a reading's plural: the number (the plural's `#` formats it), HIDDEN, or "–" when absent. */
export function count(
  d: ReportData,
  mart: string,
  row: PublishedRow | undefined,
  column: string,
): number | string {
  if (!tableOf(d, mart) || !row) return '–';
  if (row.hidden) return HIDDEN;
  return num(row.cells[column]) ?? '–';
}

/** A chart's text for a hidden count: "< 5" for a small row, "x" for a secondary one (as in the tables). */
export function hiddenCount(d: ReportData, row: PublishedRow | undefined): string {
  return hiddenText(row?.hidden ?? 'secondary', d.threshold, 'count');
}

/** A published value for a reading: formatted, or HIDDEN. */
export function v(d: ReportData, mart: string, row: PublishedRow | undefined, column: string): string {
  const t = tableOf(d, mart);
  if (!t || !row) return '–';
  const kind = t.columns.find((c) => c.name === column)?.kind;
  if (row.hidden && kind !== 'key' && kind !== 'bound') return HIDDEN;
  return cellText(t, row, column, d.lang);
}

export function money(d: ReportData, row: PublishedRow | undefined, column: string): string {
  if (!row) return '–';
  if (row.hidden) return HIDDEN;
  return formatMillions(row.cells[column], d.lang, d.currency);
}

export function share(d: ReportData, row: PublishedRow | undefined, column: string, decimals = 0): string {
  if (!row) return '–';
  if (row.hidden) return HIDDEN;
  return pct(row.cells[column], d.lang, decimals);
}

export function label(d: ReportData, value: Value | undefined): string {
  const s = String(value ?? '');
  return valueLabel(s, d.lang, { ...d.groupLabels, ...d.serviceNames });
}

/** A data table with the given columns of a mart; key columns are shown with their readable labels. */
export function htmlTable(
  d: ReportData,
  mart: string,
  rows: PublishedRow[],
  columns: string[],
  caption: string,
  keyText: Record<string, (r: PublishedRow) => string> = {},
): string {
  const def = MART_TABLES.find((m) => m.mart === mart)!;
  const t = tableOf(d, mart)!;
  const cols = columns.map((c) => def.columns.find((x) => x.name === c)!);
  const head = cols
    .map((c) => `<th scope="col">${esc(c.label[d.lang].replace('DKK/SEK', d.currency))}</th>`)
    .join('');
  const body = rows
    .map((r) => {
      const cells = cols
        .map((c, i) => {
          const custom = keyText[c.name];
          const text = custom
            ? custom(r)
            : c.kind === 'key'
              ? label(d, r.cells[c.name] ?? '')
              : cellText(t, r, c.name, d.lang);
          const cls =
            r.hidden && c.kind !== 'key' && c.kind !== 'bound'
              ? ' class="hidden"'
              : c.kind === 'key'
                ? ' class="k"'
                : '';
          return i === 0 ? `<th scope="row"${cls}>${esc(text)}</th>` : `<td${cls}>${esc(text)}</td>`;
        })
        .join('');
      return `<tr>${cells}</tr>`;
    })
    .join('\n');
  return `<table><caption>${esc(caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** A cell of a `gridTable`: its text, and whether it stands for hidden values. */
export interface GridCell {
  text: string;
  hidden?: boolean;
}

/**
 * A table of row headings × column headings (municipalities, periods): `corner` heads the row
 * headings' column; each row is its heading and its cells' texts.
 */
export function gridTable(
  caption: string,
  corner: string,
  columns: string[],
  rows: { head: string; cells: GridCell[] }[],
): string {
  const th = (c: string) => `<th scope="col">${esc(c)}</th>`;
  const head = `<tr>${th(corner)}${columns.map(th).join('')}</tr>`;
  const body = rows
    .map(
      (r) =>
        `<tr><th scope="row">${esc(r.head)}</th>${r.cells
          .map((c) => `<td${c.hidden ? ' class="hidden"' : ''}>${esc(c.text)}</td>`)
          .join('')}</tr>`,
    )
    .join('\n');
  return `<table><caption>${esc(caption)}</caption><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

/** A table (or anything) folded under a summary line: "Table" unless told otherwise. */
export function details(
  d: ReportData,
  body: string,
  summary = tr(SECTION.table, d.lang),
  open = false,
): string {
  return `<details${open ? ' open' : ''}><summary>${esc(summary)}</summary>${body}</details>`;
}

export function section(id: string, title: string, reading: string, figure: string, table: string): string {
  const fig = figure ? `<figure>${figure}<figcaption>${esc(title)}</figcaption></figure>` : '';
  return `<section aria-labelledby="${id}">
<h2 id="${id}">${esc(title)}</h2>
<p class="reading">${esc(reading)}</p>
${fig}
${table}
</section>`;
}

export function intervalLabel(d: ReportData, row: PublishedRow): string {
  const lo = kr(row.cells.lower_minor);
  const hi = kr(row.cells.upper_minor);
  const f = (x: number) => formatNumber(x, d.lang, 0);
  if (lo === null) return label(d, '*');
  return hi === null ? `≥ ${f(lo)}` : `${f(lo)}–${f(hi)}`;
}

/** Interval in thousands for chart axes: "0–50", "250–500", "1.500+". */
export function intervalShort(d: ReportData, row: PublishedRow | undefined): string {
  if (!row) return '';
  const lo = kr(row.cells.lower_minor);
  const hi = kr(row.cells.upper_minor);
  const f = (x: number) => formatNumber(x / 1000, d.lang, 0);
  if (lo === null) return label(d, '*');
  return hi === null ? `${f(lo)}+` : `${f(lo)}–${f(hi)}`;
}

export const THOUSANDS = msg('axis.thousands');

/** Interval number → its cost-interval row (the same intervals are used by every interval mart). */
export function intervalByNo(d: ReportData): (no: Value | undefined) => PublishedRow | undefined {
  const rows = rowsOf(d, 'mart_cost_interval', { grp: 'all' });
  return (no) => rows.find((r) => r.cells.interval_no === no);
}

export const pctFmt = (lang: Lang) => (x: number) => `${formatNumber(x * 100, lang, 0)} %`;
/** Kroner on a chart: millions as "187,2 mio." / "187,2 mn" / "187.2m"; a whole million (an axis tick) without decimals. */
export const krFmt = (lang: Lang) => (x: number) =>
  x >= 1e6
    ? tr(msg('axis.millions'), lang, {
        n: formatNumber(x / 1e6, lang, Number.isInteger(x / 1e6) ? 0 : 1),
      })
    : formatNumber(x, lang, 0);

export const KEY_INDICATORS = [
  'persons',
  'cost',
  'cost_per_person',
  'top_share',
  'gini',
  'heavy_persons',
  'heavy_cost_share',
  'multi_department_share',
  'cost_per_inhabitant',
  'regional_cost',
];

export function indicatorValue(d: ReportData, r: PublishedRow | undefined, prefix = ''): string {
  if (!r) return '–';
  if (r.hidden) return hiddenText(r.hidden, d.threshold);
  const ind = String(r.cells.indicator);
  const amount = r.cells[`${prefix}amount_minor`];
  const value = r.cells[`${prefix}value`];
  if (ind === 'gini') return num(value) === null ? '–' : formatNumber(num(value)!, d.lang, 2);
  if (ind.endsWith('share')) return pct(value, d.lang, 1);
  if (amount !== null && amount !== undefined)
    return ind === 'cost' || ind === 'regional_cost'
      ? formatMillions(amount, d.lang, d.currency)
      : formatNumber(kr(amount) ?? 0, d.lang, 0);
  return formatNumber(num(value) ?? 0, d.lang, 0);
}
