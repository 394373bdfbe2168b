/**
 * The HTML report: one self-contained file (inline CSS and SVG, no scripts, no external resources).
 * Key figures first, then one section per analysis: a heading, a plain-language reading, a chart and
 * the same numbers as a table. It reads published (suppressed) tables only.
 */
import { text, texts } from '../core/messages.js';
import type { Value } from '../engine/engine.js';
import { formatDate, formatNumber, tr, type Lang, type Text } from '../i18n.js';
import { hiddenText, type PublishedRow, type PublishedTable } from '../publish/index.js';
import { barChart, heatMap, lineChart, quadrantChart, splitBars, stackedBars } from './charts.js';
import { cellText, escapeHtml as esc, formatMillions, kr, num, pct } from './format.js';
import { valueLabel } from './labels.js';
import { heavyLabels } from '../labels/values.js';
import { municipalityName, municipalityWithCode } from '../labels/municipalities.js';
import { MART_TABLES, type MartTable } from '../publish/index.js';

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
  overlapFamilies: string[];
  groupLabels: Record<string, Text>;
  serviceNames: Record<string, Text>;
  generated: string;
  published: Map<string, PublishedTable>;
}

/** A text of the report's catalogue (locales/report/<lang>.json), by its key after `report.`. */
const msg = (key: string): Text => text(`report.${key}`);

/** Section headings and shared words, from the report's catalogue (locales/report/<lang>.json). */
const SECTION = texts('report.section', [
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

/** Build the whole HTML document. */
export function renderHtml(d: ReportData): string {
  const t = (x: Text, vars: Record<string, string | number> = {}) => tr(x, d.lang, vars);
  const sections = [
    keyFigures(d),
    headline(d),
    lorenz(d),
    intervals(d),
    intervalMix(d, 'law'),
    intervalMix(d, 'target_group'),
    heavy(d),
    departments(d),
    quadrant(d),
    serviceOverlap(d),
    consumption(d),
    unitCosts(d),
    userMix(d),
    results(d),
    benchmark(d),
    trend(d),
    ...MART_TABLES.filter((m) => m.report === 'generic').map((m) => declaredSection(d, m)),
    method(d),
  ].filter((s) => s !== '');
  const nav = sections
    .map((s) => /<h2 id="([^"]+)">([^<]+)<\/h2>/.exec(s))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `<li><a href="#${m[1]}">${m[2]}</a></li>`)
    .join('');
  return `<!doctype html>
<html lang="${d.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(t(SECTION.title))} – ${esc(d.name)} – ${esc(d.period)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${esc(t(SECTION.title))}: ${esc(d.name)}</h1>
<p class="meta">${esc(t(msg('page.meta'), { m: municipalityWithCode(d.municipality), p: d.period, g: formatDate(d.generated, d.lang) }))}</p>
<p class="note">${esc(t(msg('page.note'), { n: d.threshold }))}</p>
<nav aria-label="${esc(t(msg('page.contents')))}"><ol>${nav}</ol></nav>
</header>
<main>
${sections.join('\n').replaceAll(HIDDEN, esc(t(HIDDEN_WORD)))}
</main>
</body>
</html>
`;
}

const CSS = `
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1b1b; background: #fff; margin: 0; line-height: 1.5; }
header, main { max-width: 980px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; border-bottom: 3px solid #0b4f8a; }
h1 { font-size: 1.8rem; margin: 0 0 4px; color: #0b3d6b; }
h2 { font-size: 1.35rem; margin: 40px 0 8px; color: #0b3d6b; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
h3 { font-size: 1.05rem; margin: 20px 0 6px; }
.meta { color: #444; margin: 0; }
.note { background: #f4f7fa; border-left: 4px solid #0b4f8a; padding: 8px 12px; font-size: 0.92rem; }
nav ol { columns: 2; font-size: 0.92rem; padding-left: 20px; }
a { color: #0b4f8a; }
.reading { font-size: 1.02rem; max-width: 70ch; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 12px; margin: 12px 0; padding: 0; list-style: none; }
.card { border: 1px solid #d0d7de; border-radius: 6px; padding: 12px 14px; background: #fbfcfd; }
.card .v { display: block; font-size: 1.5rem; font-weight: 650; color: #0b3d6b; }
.card .k { display: block; font-size: 0.88rem; color: #3d3d3d; }
figure { margin: 12px 0; }
figure svg { width: 100%; height: auto; max-width: 760px; display: block; }
figcaption { font-size: 0.9rem; color: #3d3d3d; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 0.9rem; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border-bottom: 1px solid #d0d7de; padding: 4px 10px; text-align: right; }
th:first-child, td:first-child { text-align: left; }
thead th { background: #eef3f8; }
td.hidden { color: #5a5a5a; font-style: italic; }
td.k { text-align: left; }
details summary { cursor: pointer; color: #0b4f8a; }
@media print { nav { display: none; } h2 { break-before: page; } }
`;

// ---------------------------------------------------------------- helpers

function tableOf(d: ReportData, mart: string): PublishedTable | undefined {
  return d.published.get(mart);
}

/** Rows of a mart for the report's period and municipality, optionally filtered further. */
function rowsOf(
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
const HIDDEN = '\uE000';
const HIDDEN_WORD = msg('word.hidden');

/** A text with its values filled in, without the sentences that would show a hidden value. */
function say(text: Text, lang: Lang, vars: Record<string, string | number> = {}): string {
  return text[lang]
    .split(/(?<=[.!?])\s+(?=\p{Lu}|\{)/u)
    .filter((sentence) =>
      [...sentence.matchAll(/\{(\w+)\}/g)].every((m) => !String(vars[m[1]!] ?? '').includes(HIDDEN)),
    )
    .map((sentence) => tr({ da: sentence, sv: sentence, en: sentence }, lang, vars))
    .join(' ');
}

/** A published value for a reading: formatted, or HIDDEN. */
function v(d: ReportData, mart: string, row: PublishedRow | undefined, column: string): string {
  const t = tableOf(d, mart);
  if (!t || !row) return '–';
  const kind = t.columns.find((c) => c.name === column)?.kind;
  if (row.hidden && kind !== 'key' && kind !== 'bound') return HIDDEN;
  return cellText(t, row, column, d.lang);
}

function money(d: ReportData, row: PublishedRow | undefined, column: string): string {
  if (!row) return '–';
  if (row.hidden) return HIDDEN;
  return formatMillions(row.cells[column], d.lang, d.currency);
}

function share(d: ReportData, row: PublishedRow | undefined, column: string, decimals = 0): string {
  if (!row) return '–';
  if (row.hidden) return HIDDEN;
  return pct(row.cells[column], d.lang, decimals);
}

function label(d: ReportData, value: Value | undefined): string {
  const s = String(value ?? '');
  return valueLabel(s, d.lang, { ...d.groupLabels, ...d.serviceNames });
}

/** A data table with the given columns of a mart; key columns are shown with their readable labels. */
function htmlTable(
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

function section(id: string, title: string, reading: string, figure: string, table: string): string {
  const fig = figure ? `<figure>${figure}<figcaption>${esc(title)}</figcaption></figure>` : '';
  return `<section aria-labelledby="${id}">
<h2 id="${id}">${esc(title)}</h2>
<p class="reading">${esc(reading)}</p>
${fig}
${table}
</section>`;
}

/**
 * The section of a mart that declares `report: generic` in its SQL header: its title, its reading and
 * its rows of the report's period and municipality as a table (every declared column but those two).
 */
function declaredSection(d: ReportData, m: MartTable): string {
  const has = (c: string) => m.columns.some((x) => x.name === c);
  const rows = rowsOf(d, m.mart, {}, { period: has('period'), municipality: has('municipality') });
  if (!tableOf(d, m.mart) || rows.length === 0) return '';
  const title = tr(m.title, d.lang);
  const columns = m.columns.map((c) => c.name).filter((c) => c !== 'period' && c !== 'municipality');
  const table = `<details open><summary>${esc(tr(SECTION.table, d.lang))}</summary>${htmlTable(d, m.mart, rows, columns, title)}</details>`;
  return section(m.mart.replace(/_/g, '-'), title, m.reading ? tr(m.reading, d.lang) : '', '', table);
}

function intervalLabel(d: ReportData, row: PublishedRow): string {
  const lo = kr(row.cells.lower_minor);
  const hi = kr(row.cells.upper_minor);
  const f = (x: number) => formatNumber(x, d.lang, 0);
  if (lo === null) return label(d, '*');
  return hi === null ? `≥ ${f(lo)}` : `${f(lo)}–${f(hi)}`;
}

/** Interval in thousands for chart axes: "0–50", "250–500", "1.500+". */
function intervalShort(d: ReportData, row: PublishedRow | undefined): string {
  if (!row) return '';
  const lo = kr(row.cells.lower_minor);
  const hi = kr(row.cells.upper_minor);
  const f = (x: number) => formatNumber(x / 1000, d.lang, 0);
  if (lo === null) return label(d, '*');
  return hi === null ? `${f(lo)}+` : `${f(lo)}–${f(hi)}`;
}

const THOUSANDS = msg('axis.thousands');

/** Interval number → its cost-interval row (the same intervals are used by every interval mart). */
function intervalByNo(d: ReportData): (no: Value | undefined) => PublishedRow | undefined {
  const rows = rowsOf(d, 'mart_cost_interval', { grp: 'all' });
  return (no) => rows.find((r) => r.cells.interval_no === no);
}

const pctFmt = (lang: Lang) => (x: number) => `${formatNumber(x * 100, lang, 0)} %`;
const krFmt = (lang: Lang) => (x: number) =>
  x >= 1e6 ? `${formatNumber(x / 1e6, lang, 1)} mio` : formatNumber(x, lang, 0);

// ---------------------------------------------------------------- sections

function keyFigures(d: ReportData): string {
  const t = (x: Text, vars: Record<string, string | number> = {}) => tr(x, d.lang, vars);
  const kf = (indicator: string) => rowsOf(d, 'mart_key_figure', { indicator })[0];
  const head = rowsOf(d, 'mart_headline');
  const seg = (s: string) => head.find((r) => r.cells.segment === s);
  const cards: [string, string][] = [
    [t(msg('keyFigures.persons')), v(d, 'mart_key_figure', kf('persons'), 'persons')],
    [t(msg('keyFigures.cost')), money(d, kf('cost'), 'amount_minor')],
    [
      t(msg('keyFigures.top'), {
        p: String(num(seg('top')?.cells.pct) ?? ''),
        a: String(seg('all')?.cells.age_from ?? ''),
        b: String(seg('all')?.cells.age_to ?? ''),
      }),
      share(d, seg('top'), 'cost_share'),
    ],
    [
      t(msg('keyFigures.bottom'), {
        p: String(num(seg('bottom')?.cells.pct) ?? ''),
        a: String(seg('all')?.cells.age_from ?? ''),
        b: String(seg('all')?.cells.age_to ?? ''),
      }),
      share(d, seg('bottom'), 'cost_share'),
    ],
    [t(msg('keyFigures.gini')), v(d, 'mart_key_figure', kf('gini'), 'value')],
    [
      // the resource-heavy count is of one age range only; the card says which (intervals count all ages)
      heavyLabels(
        d.heavyAges?.[0] ?? num(seg('all')?.cells.age_from) ?? 18,
        d.heavyAges?.[1] ?? num(seg('all')?.cells.age_to) ?? 64,
        Number(d.heavyThresholdMinor / 100n),
      ).heavy_persons![d.lang],
      v(d, 'mart_key_figure', kf('heavy_persons'), 'persons'),
    ],
    [t(msg('keyFigures.multiDepartment')), share(d, kf('multi_department_share'), 'value')],
    [t(msg('keyFigures.perInhabitant')), v(d, 'mart_key_figure', kf('cost_per_inhabitant'), 'amount_minor')],
  ];
  const items = cards
    .map(
      ([k, val]) =>
        `<li class="card"><span class="v">${esc(val)}</span><span class="k">${esc(k)}</span></li>`,
    )
    .join('');
  return `<section aria-labelledby="key"><h2 id="key">${esc(t(SECTION.keyFigures))}</h2><ul class="cards">${items}</ul></section>`;
}

function headline(d: ReportData): string {
  const rows = rowsOf(d, 'mart_headline');
  if (rows.length === 0) return '';
  const order = ['all', 'top', 'bottom'];
  rows.sort((a, b) => order.indexOf(String(a.cells.segment)) - order.indexOf(String(b.cells.segment)));
  const all = rows.find((r) => r.cells.segment === 'all');
  const top = rows.find((r) => r.cells.segment === 'top');
  const bottom = rows.find((r) => r.cells.segment === 'bottom');
  const reading = say(msg('headline.reading'), d.lang, {
    n: v(d, 'mart_headline', all, 'persons'),
    a: String(all?.cells.age_from ?? ''),
    b: String(all?.cells.age_to ?? ''),
    c: money(d, all, 'cost_minor'),
    s: share(d, all, 'inhabitant_share', 1),
    tp: String(num(top?.cells.pct) ?? ''),
    tn: v(d, 'mart_headline', top, 'persons'),
    tc: money(d, top, 'cost_minor'),
    ts: share(d, top, 'cost_share'),
    bp: String(num(bottom?.cells.pct) ?? ''),
    bn: v(d, 'mart_headline', bottom, 'persons'),
    bc: money(d, bottom, 'cost_minor'),
    bs: share(d, bottom, 'cost_share'),
  });
  return section(
    'headline',
    tr(SECTION.headline, d.lang),
    reading,
    '',
    htmlTable(
      d,
      'mart_headline',
      rows,
      ['segment', 'pct', 'persons', 'cost_minor', 'persons_share', 'cost_share'],
      tr(SECTION.headline, d.lang),
    ),
  );
}

function lorenz(d: ReportData): string {
  const rows = rowsOf(d, 'mart_lorenz', { grp: 'all' });
  if (rows.length === 0) return '';
  const conc = rowsOf(d, 'mart_concentration', { grp: 'all' })[0];
  const tops = rowsOf(d, 'mart_top_share', { grp: 'all' });
  const title = tr(SECTION.lorenz, d.lang);
  const chart = lineChart({
    title,
    desc: tr(msg('lorenz.desc'), d.lang),
    series: [
      {
        name: tr(msg('word.cost'), d.lang),
        points: rows.map((r) => [num(r.cells.person_share) ?? 0, r.hidden ? null : num(r.cells.cost_share)]),
      },
    ],
    xFormat: pctFmt(d.lang),
    yFormat: pctFmt(d.lang),
    xMax: 1,
    yMax: 1,
    xTicks: [0, 0.25, 0.5, 0.75, 1],
    diagonal: true,
    xTitle: tr(msg('lorenz.xTitle'), d.lang),
    yTitle: tr(msg('lorenz.yTitle'), d.lang),
  });
  const reading = say(msg('lorenz.reading'), d.lang, { g: v(d, 'mart_concentration', conc, 'gini') });
  return section(
    'lorenz',
    title,
    reading,
    chart,
    htmlTable(
      d,
      'mart_top_share',
      tops,
      ['pct', 'persons', 'cost_minor', 'share'],
      tr(msg('lorenz.topShare'), d.lang),
    ),
  );
}

function intervals(d: ReportData): string {
  const rows = rowsOf(d, 'mart_cost_interval', { grp: 'all' });
  if (rows.length === 0) return '';
  const parts = rows.filter((r) => r.cells.interval_no !== 0);
  const total = rows.find((r) => r.cells.interval_no === 0);
  const title = tr(SECTION.intervals, d.lang);
  const chart = barChart({
    title,
    desc: tr(msg('intervals.desc'), d.lang),
    categories: parts.map((r) => intervalShort(d, r)),
    values: parts.map((r) => (r.hidden ? null : num(r.cells.persons))),
    format: (x) => formatNumber(x, d.lang, 0),
    hiddenLabel: `< ${d.threshold}`,
    xTitle: tr(THOUSANDS, d.lang),
    scale: 'auto',
    lang: d.lang,
  });
  const heavy = parts.filter((r) => {
    const lo = r.cells.lower_minor;
    return typeof lo === 'bigint' && lo >= d.heavyThresholdMinor;
  });
  const visible = heavy.every((r) => !r.hidden);
  const heavyPersons = heavy.reduce((s, r) => s + (num(r.cells.persons) ?? 0), 0);
  const reading = say(msg('intervals.reading'), d.lang, {
    t: v(d, 'mart_cost_interval', total, 'persons'),
    h:
      visible && heavy.length
        ? tr(msg('intervals.heavy'), d.lang, {
            n: formatNumber(heavyPersons, d.lang, 0),
            a: formatNumber(Number(d.heavyThresholdMinor / 100n), d.lang, 0),
          })
        : '',
  });
  const table = htmlTable(
    d,
    'mart_cost_interval',
    [...parts, ...(total ? [total] : [])],
    ['interval_no', 'persons', 'cost_minor', 'mean_minor', 'median_minor'],
    title,
    { interval_no: (r) => intervalLabel(d, r) },
  );
  return section('intervals', title, reading, chart, table);
}

function intervalMix(d: ReportData, dimension: 'law' | 'target_group'): string {
  const rows = rowsOf(d, 'mart_interval_mix', { dimension });
  if (rows.length === 0) return '';
  const ints = rowsOf(d, 'mart_cost_interval', { grp: 'all' }).filter((r) => r.cells.interval_no !== 0);
  const intervalNos = [...new Set(rows.map((r) => Number(r.cells.interval_no)))].sort((a, b) => a - b);
  const values = [...new Set(rows.filter((r) => r.cells.value !== '*').map((r) => String(r.cells.value)))];
  const measure = dimension === 'law' ? 'cost_minor' : 'persons';
  // the largest values get their own colour; the rest are drawn as "other"
  const weight = (val: string) =>
    rows.filter((r) => r.cells.value === val).reduce((s, r) => s + (num(r.cells[measure]) ?? 0), 0);
  values.sort((a, b) => weight(b) - weight(a));
  const shown = values.slice(0, 7);
  const cat = (no: number) => {
    const r = ints.find((x) => Number(x.cells.interval_no) === no);
    return r ? intervalShort(d, r) : String(no);
  };
  const cellOf = (val: string, no: number) =>
    rows.find((x) => x.cells.value === val && Number(x.cells.interval_no) === no);
  const series = shown.map((val) => ({
    name: label(d, val),
    values: intervalNos.map((no) => {
      const r = cellOf(val, no);
      return !r || r.hidden ? null : num(r.cells[measure]);
    }),
  }));
  // values beyond the first seven are drawn as "other"; hidden cells as one grey part: total − visible
  const rest = values.slice(7);
  if (rest.length)
    series.push({
      name: tr(msg('intervalMix.other'), d.lang),
      values: intervalNos.map((no) =>
        rest.reduce((sum, val) => {
          const r = cellOf(val, no);
          return sum + (!r || r.hidden ? 0 : (num(r.cells[measure]) ?? 0));
        }, 0),
      ),
    });
  const hiddenPart = intervalNos.map((no, i) => {
    const r = cellOf('*', no);
    if (!r || r.hidden) return null;
    const visible = series.reduce((sum, x) => sum + (x.values[i] ?? 0), 0);
    return Math.max(0, (num(r.cells[measure]) ?? 0) - visible);
  });
  if (hiddenPart.some((x) => (x ?? 0) > 0))
    series.push({
      name: tr(msg('intervalMix.hidden'), d.lang),
      values: hiddenPart,
    });
  const title = tr(dimension === 'law' ? SECTION.law : SECTION.targetGroup, d.lang);
  const chart = stackedBars({
    title,
    desc: tr(dimension === 'law' ? msg('intervalMix.lawDesc') : msg('intervalMix.targetGroupDesc'), d.lang),
    categories: intervalNos.map(cat),
    series,
    format: pctFmt(d.lang),
    xTitle: tr(THOUSANDS, d.lang),
    hiddenLast: hiddenPart.some((x) => (x ?? 0) > 0),
  });
  const reading = tr(
    dimension === 'law' ? msg('intervalMix.lawReading') : msg('intervalMix.targetGroupReading'),
    d.lang,
  );
  const tableRows = rows
    .filter((r) => r.cells.value !== '*')
    .sort((a, b) => Number(a.cells.interval_no) - Number(b.cells.interval_no));
  const byNo = intervalByNo(d);
  const intervalText = (r: PublishedRow) => {
    const x = byNo(r.cells.interval_no);
    return x ? intervalLabel(d, x) : String(r.cells.interval_no);
  };
  const table = `<details><summary>${esc(tr(SECTION.table, d.lang))}</summary>${htmlTable(d, 'mart_interval_mix', tableRows, ['interval_no', 'value', 'persons', 'cost_minor'], title, { interval_no: intervalText })}</details>`;
  return section(dimension === 'law' ? 'law' : 'target-groups', title, reading, chart, table);
}

function heavy(d: ReportData): string {
  const services = rowsOf(d, 'mart_heavy', { dimension: 'service' }).filter((r) => r.cells.value !== '*');
  const groups = rowsOf(d, 'mart_heavy', { dimension: 'target_group' });
  if (services.length === 0 && groups.length === 0) return '';
  const byCost = [...services]
    .sort((a, b) => (num(b.cells.cost_minor) ?? -1) - (num(a.cells.cost_minor) ?? -1))
    .slice(0, 10);
  const title = tr(SECTION.heavy, d.lang);
  const chart = splitBars({
    title,
    desc: tr(msg('heavy.desc'), d.lang),
    categories: byCost.map((r) => label(d, r.cells.value)),
    parts: [
      {
        name: tr(msg('word.cost'), d.lang),
        values: byCost.map((r) => (r.hidden ? null : kr(r.cells.cost_minor))),
      },
    ],
    format: krFmt(d.lang),
    scale: 'auto',
    lang: d.lang,
  });
  const first = byCost.find((r) => !r.hidden);
  const reading = say(msg('heavy.reading'), d.lang, {
    a: formatNumber(Number(d.heavyThresholdMinor / 100n), d.lang, 0),
    s: first ? label(d, first.cells.value) : '–',
    c: share(d, first, 'cost_share'),
  });
  const dims = ['target_group', 'law', 'department', 'benefit_status', 'housing', 'age_band', 'sex'];
  const tables = [
    htmlTable(
      d,
      'mart_heavy',
      byCost,
      ['value', 'persons', 'cost_minor', 'cost_share'],
      tr(msg('heavy.services'), d.lang),
    ),
    ...dims.map((dim) => {
      const rows = rowsOf(d, 'mart_heavy', { dimension: dim });
      return rows.length
        ? htmlTable(
            d,
            'mart_heavy',
            rows,
            ['value', 'persons', 'cost_minor', 'persons_share', 'cost_share'],
            valueLabel(dim, d.lang),
          )
        : '';
    }),
  ];
  return section(
    'heavy',
    title,
    reading,
    chart,
    `${tables[0]}<details><summary>${esc(tr(msg('heavy.more'), d.lang))}</summary>${tables.slice(1).join('')}</details>`,
  );
}

function departments(d: ReportData): string {
  const matrix = rowsOf(d, 'mart_department_matrix');
  const counts = rowsOf(d, 'mart_department_count');
  if (matrix.length === 0 && counts.length === 0) return '';
  const depts = [...new Set(matrix.map((r) => String(r.cells.department_a)))].sort();
  const cell = (a: string, b: string) =>
    matrix.find((r) => r.cells.department_a === a && r.cells.department_b === b);
  const title = tr(SECTION.departments, d.lang);
  const chart = depts.length
    ? heatMap({
        title,
        desc: tr(msg('departments.desc'), d.lang),
        rows: depts,
        cols: depts,
        values: depts.map((a) =>
          depts.map((b) => {
            const r = cell(a, b);
            return !r ? 0 : r.hidden ? null : num(r.cells.persons);
          }),
        ),
        format: (x) => formatNumber(x, d.lang, 0),
        hiddenLabel: `< ${d.threshold}`,
      })
    : '';
  const total = counts.find((r) => r.cells.departments === '*');
  const multi = counts.filter((r) => r.cells.departments === '2' || r.cells.departments === '3+');
  const multiN = multi.every((r) => !r.hidden)
    ? multi.reduce((s, r) => s + (num(r.cells.persons) ?? 0), 0)
    : null;
  const totalN = total && !total.hidden ? num(total.cells.persons) : null;
  const groups = rowsOf(d, 'mart_group_overlap');
  const any = groups.find((r) => r.cells.department === '*any*');
  const reading =
    say(msg('departments.reading'), d.lang, {
      s: multiN !== null && totalN ? pct(multiN / totalN, d.lang) : HIDDEN,
    }) +
    (any
      ? ' ' +
        say(msg('departments.group'), d.lang, { s: share(d, any, 'share'), g: label(d, any.cells.group_id) })
      : '');
  const tables =
    htmlTable(
      d,
      'mart_department_count',
      counts,
      ['departments', 'persons', 'cost_minor'],
      tr(msg('departments.count'), d.lang),
    ) +
    (groups.length
      ? htmlTable(
          d,
          'mart_group_overlap',
          groups,
          ['group_id', 'department', 'group_persons', 'persons', 'share'],
          tr(msg('departments.chosenGroup'), d.lang),
        )
      : '') +
    `<details><summary>${esc(tr(SECTION.table, d.lang))}</summary>${htmlTable(d, 'mart_department_matrix', matrix, ['department_a', 'department_b', 'persons', 'cost_minor'], title)}</details>`;
  return section('departments', title, reading, chart, tables);
}

function quadrant(d: ReportData): string {
  const rows = rowsOf(d, 'mart_quadrant');
  if (rows.length === 0) return '';
  const order = ['high_high', 'high_low', 'low_high', 'low_low'];
  const get = (q: string) => rows.find((r) => r.cells.quadrant === q);
  const total = get('*');
  const totalN = total && !total.hidden ? (num(total.cells.persons) ?? 1) : 1;
  const title = tr(SECTION.quadrant, d.lang);
  const services = rowsOf(d, 'mart_quadrant_service');
  const chart = quadrantChart({
    title,
    desc: tr(msg('quadrant.desc'), d.lang),
    boxes: order.map((q) => {
      const r = get(q);
      const top = services.filter((s) => s.cells.quadrant === q && !s.hidden)[0];
      return {
        label: label(d, q),
        weight: r && !r.hidden ? Math.sqrt((num(r.cells.persons) ?? 0) / totalN) : 0,
        lines: [
          `${tr(msg('quadrant.persons'), d.lang)}: ${v(d, 'mart_quadrant', r, 'persons')}`,
          `${tr(msg('quadrant.municipal'), d.lang)}: ${money(d, r, 'municipal_minor')}`,
          `${tr(msg('quadrant.regional'), d.lang)}: ${money(d, r, 'regional_minor')}`,
          `${tr(msg('quadrant.meanAge'), d.lang)}: ${v(d, 'mart_quadrant', r, 'mean_age')}`,
          top ? `${tr(msg('quadrant.largest'), d.lang)}: ${label(d, top.cells.catalogue_code)}` : '',
        ].filter(Boolean),
      };
    }),
    xTitle: tr(msg('quadrant.xTitle'), d.lang),
    yTitle: tr(msg('quadrant.yTitle'), d.lang),
  });
  const reading = say(msg('quadrant.reading'), d.lang, {
    n: v(d, 'mart_quadrant', get('high_high'), 'persons'),
  });
  const sorted = [...rows].sort(
    (a, b) => order.indexOf(String(a.cells.quadrant)) - order.indexOf(String(b.cells.quadrant)),
  );
  return section(
    'quadrant',
    title,
    reading,
    chart,
    htmlTable(
      d,
      'mart_quadrant',
      sorted,
      ['quadrant', 'persons', 'municipal_minor', 'regional_minor', 'mean_age'],
      title,
    ),
  );
}

function serviceOverlap(d: ReportData): string {
  const rows = rowsOf(d, 'mart_service_overlap');
  if (rows.length === 0) return '';
  const families = [...new Set(rows.map((r) => String(r.cells.family)))];
  const first = d.overlapFamilies.filter((f) => families.includes(f));
  const multi = (f: string) => rows.find((r) => r.cells.family === f && r.cells.measure === 'multiple');
  const ordered = [
    ...first,
    ...families
      .filter((f) => !first.includes(f))
      .sort((a, b) => (num(multi(b)?.cells.persons) ?? 0) - (num(multi(a)?.cells.persons) ?? 0)),
  ];
  const title = tr(SECTION.serviceOverlap, d.lang);
  const shownFamilies = ordered.slice(0, 8);
  const chart = barChart({
    title,
    desc: tr(msg('serviceOverlap.desc'), d.lang),
    categories: shownFamilies.map((f) => label(d, f)),
    values: shownFamilies.map((f) => {
      const r = multi(f);
      return !r ? 0 : r.hidden ? null : num(r.cells.persons);
    }),
    format: (x) => formatNumber(x, d.lang, 0),
    hiddenLabel: `< ${d.threshold}`,
    scale: 'auto',
    lang: d.lang,
  });
  const f0 = first[0] ?? ordered[0]!;
  const reading = say(msg('serviceOverlap.reading'), d.lang, {
    n: v(d, 'mart_service_overlap', multi(f0), 'persons'),
    f: label(d, f0).toLowerCase(),
  });
  const tableRows = ordered.flatMap((f) => rows.filter((r) => r.cells.family === f));
  return section(
    'service-overlap',
    title,
    reading,
    chart,
    `<details><summary>${esc(tr(SECTION.table, d.lang))}</summary>${htmlTable(d, 'mart_service_overlap', tableRows, ['family', 'measure', 'persons', 'cost_minor'], title)}</details>`,
  );
}

function consumption(d: ReportData): string {
  const rows = rowsOf(d, 'mart_consumption').filter((r) => r.cells.age_group !== '*');
  if (rows.length === 0) return '';
  rows.sort((a, b) => Number(a.cells.age_from) - Number(b.cells.age_from));
  const title = tr(SECTION.consumption, d.lang);
  const pts = (c: string) =>
    rows.map((r, i) => [i, r.hidden ? null : kr(r.cells[c])] as [number, number | null]);
  const chart = lineChart({
    title,
    desc: tr(msg('consumption.desc'), d.lang),
    series: [
      { name: tr(msg('consumption.perUser'), d.lang), points: pts('per_user_minor') },
      {
        name: tr(msg('consumption.perInhabitant'), d.lang),
        points: pts('per_inhabitant_minor'),
      },
    ],
    xFormat: (x) => String(rows[x]?.cells.age_group ?? ''),
    yFormat: krFmt(d.lang),
    xTicks: rows.map((_, i) => i),
    xLabels: rows.map((r) => String(r.cells.age_group)),
    xMax: Math.max(1, rows.length - 1),
    xTitle: tr(msg('consumption.xTitle'), d.lang),
  });
  const reading = tr(msg('consumption.reading'), d.lang);
  const all = rowsOf(d, 'mart_consumption');
  all.sort((a, b) => Number(a.cells.age_from) - Number(b.cells.age_from));
  return section(
    'consumption',
    title,
    reading,
    chart,
    htmlTable(
      d,
      'mart_consumption',
      all,
      ['age_group', 'persons', 'cost_minor', 'inhabitants', 'per_user_minor', 'per_inhabitant_minor'],
      title,
    ),
  );
}

function unitCosts(d: ReportData): string {
  const rows = rowsOf(d, 'mart_unit_cost');
  if (rows.length === 0) return '';
  const top = [...rows]
    .sort((a, b) => (num(b.cells.total_minor) ?? -1) - (num(a.cells.total_minor) ?? -1))
    .slice(0, 12);
  const title = tr(SECTION.unitCost, d.lang);
  const part = (c: string) => top.map((r) => (r.hidden ? null : kr(r.cells[c])));
  const chart = splitBars({
    title,
    desc: tr(msg('unitCost.desc'), d.lang),
    categories: top.map((r) => serviceUnit(d, r)),
    parts: [
      { name: tr(msg('unitCost.direct'), d.lang), values: part('direct_per_unit_minor') },
      {
        name: tr(msg('unitCost.admin'), d.lang),
        values: part('admin_per_unit_minor'),
      },
      {
        name: tr(msg('unitCost.other'), d.lang),
        values: part('other_per_unit_minor'),
      },
    ],
    format: (x) => formatNumber(x, d.lang, 0),
  });
  const reading = tr(msg('unitCost.reading'), d.lang);
  const muni = d.municipalities.length > 1 ? unitCostPivot(d) : '';
  return section(
    'unit-costs',
    title,
    reading,
    chart,
    htmlTable(
      d,
      'mart_unit_cost',
      top,
      [
        'catalogue_code',
        'provider',
        'unit',
        'volume',
        'unit_cost_minor',
        'direct_per_unit_minor',
        'admin_per_unit_minor',
        'other_per_unit_minor',
        'persons',
      ],
      title,
    ) + muni,
  );
}

/** "Service (unit)", or "Service (purchased, unit)" for an external provider. */
function serviceUnit(d: ReportData, r: PublishedRow): string {
  const p = r.cells.provider;
  const by = p && p !== 'own' ? `${label(d, p)}, ` : '';
  return `${label(d, r.cells.catalogue_code)} (${by}${label(d, r.cells.unit)})`;
}

/** Unit cost per service (rows) and municipality (columns), for the period. */
function unitCostPivot(d: ReportData): string {
  const all = rowsOf(d, 'mart_unit_cost', {}, { period: true });
  const t = tableOf(d, 'mart_unit_cost')!;
  const keys = [
    ...new Set(
      all.map((r) => `${String(r.cells.catalogue_code)}|${String(r.cells.provider)}|${String(r.cells.unit)}`),
    ),
  ].sort();
  const title = tr(msg('unitCost.pivot'), d.lang);
  const head = `<tr><th scope="col">${esc(tr(msg('unitCost.service'), d.lang))}</th>${d.municipalities.map((m) => `<th scope="col">${esc(municipalityName(m))}</th>`).join('')}</tr>`;
  const body = keys
    .map((k) => {
      const [code, provider, unit] = k.split('|');
      const cells = d.municipalities
        .map((m) => {
          const r = all.find(
            (x) =>
              x.cells.municipality === m &&
              x.cells.catalogue_code === code &&
              x.cells.provider === provider &&
              x.cells.unit === unit,
          );
          return `<td${r?.hidden ? ' class="hidden"' : ''}>${esc(r ? cellText(t, r, 'unit_cost_minor', d.lang) : '–')}</td>`;
        })
        .join('');
      const name = `${label(d, code)} (${provider === 'own' ? '' : `${label(d, provider)}, `}${label(d, unit)})`;
      return `<tr><th scope="row">${esc(name)}</th>${cells}</tr>`;
    })
    .join('\n');
  return `<details><summary>${esc(title)}</summary><table><caption>${esc(title)}</caption><thead>${head}</thead><tbody>${body}</tbody></table></details>`;
}

function userMix(d: ReportData): string {
  const rows = rowsOf(d, 'mart_user_mix');
  if (rows.length === 0) return '';
  const areas = [...new Set(rows.map((r) => String(r.cells.area)))];
  const ints = [
    ...new Set(rows.filter((r) => r.cells.interval_no !== 0).map((r) => Number(r.cells.interval_no))),
  ].sort((a, b) => a - b);
  const intLabel = (no: number) => {
    const r = rows.find((x) => Number(x.cells.interval_no) === no);
    return r ? intervalShort(d, r) : String(no);
  };
  const title = tr(SECTION.userMix, d.lang);
  const chart = lineChart({
    title,
    desc: tr(msg('userMix.desc'), d.lang),
    series: areas.map((a) => ({
      name: label(d, a),
      points: ints.map((no, i) => {
        const r = rows.find((x) => x.cells.area === a && Number(x.cells.interval_no) === no);
        return [i, !r || r.hidden ? null : num(r.cells.persons_share)] as [number, number | null];
      }),
    })),
    xFormat: (i) => intLabel(ints[i] ?? 0),
    yFormat: pctFmt(d.lang),
    xTicks: ints.map((_, i) => i),
    xLabels: ints.map(intLabel),
    xMax: Math.max(1, ints.length - 1),
    xTitle: tr(THOUSANDS, d.lang),
  });
  const outliers = rowsOf(d, 'mart_outlier');
  const reading = tr(msg('userMix.reading'), d.lang);
  return section(
    'user-mix',
    title,
    reading,
    chart,
    htmlTable(
      d,
      'mart_outlier',
      outliers,
      ['area', 'segment', 'threshold_minor', 'persons', 'cost_minor', 'persons_share', 'cost_share'],
      tr(msg('userMix.outliers'), d.lang),
    ),
  );
}

const KEY_INDICATORS = [
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

function indicatorValue(d: ReportData, r: PublishedRow | undefined, prefix = ''): string {
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

function results(d: ReportData): string {
  const rows = rowsOf(d, 'mart_result');
  if (rows.length === 0) return '';
  const title = tr(msg('results.title'), d.lang);
  const reading = tr(msg('results.reading'), d.lang);
  return section(
    'results',
    title,
    reading,
    '',
    htmlTable(
      d,
      'mart_result',
      rows,
      ['result_id', 'users', 'persons', 'cost_minor', 'cost_per_result_minor'],
      title,
    ),
  );
}

function benchmark(d: ReportData): string {
  if (d.municipalities.length < 2) return '';
  const rows = rowsOf(d, 'mart_key_figure', {}, { period: true });
  if (rows.length === 0) return '';
  const title = tr(SECTION.benchmark, d.lang);
  const head = `<tr><th scope="col">${esc(tr(msg('word.indicator'), d.lang))}</th>${d.municipalities.map((m) => `<th scope="col">${esc(municipalityName(m))}</th>`).join('')}</tr>`;
  const body = KEY_INDICATORS.map(
    (ind) =>
      `<tr><th scope="row">${esc(valueLabel(ind, d.lang))}</th>${d.municipalities
        .map(
          (m) =>
            `<td>${esc(
              indicatorValue(
                d,
                rows.find((r) => r.cells.municipality === m && r.cells.indicator === ind),
              ),
            )}</td>`,
        )
        .join('')}</tr>`,
  ).join('\n');
  const per = rows.filter((r) => r.cells.indicator === 'cost_per_person');
  const chart = barChart({
    title,
    desc: tr(msg('benchmark.desc'), d.lang),
    categories: d.municipalities.map(municipalityName),
    values: d.municipalities.map((m) => {
      const r = per.find((x) => x.cells.municipality === m);
      return !r || r.hidden ? null : kr(r.cells.amount_minor);
    }),
    format: krFmt(d.lang),
    hiddenLabel: 'x', // a hidden amount never reads "< 5" kr.
    scale: 'auto',
    lang: d.lang,
  });
  const reading = tr(msg('benchmark.reading'), d.lang, { p: d.period });
  return section(
    'benchmark',
    title,
    reading,
    chart,
    `<table><caption>${esc(title)}</caption><thead>${head}</thead><tbody>${body}</tbody></table>`,
  );
}

function trend(d: ReportData): string {
  const rows = rowsOf(d, 'mart_trend', {}, { municipality: true });
  if (d.periods.length < 2 || rows.length === 0) return '';
  const title = tr(SECTION.trend, d.lang);
  const periods = d.periods.filter((p) => rows.some((r) => r.cells.period === p));
  const series = ['cost_per_person', 'cost_per_inhabitant'].map((ind) => ({
    name: valueLabel(ind, d.lang),
    points: periods.map((p, i) => {
      const r = rows.find((x) => x.cells.period === p && x.cells.indicator === ind);
      return [i, !r || r.hidden ? null : kr(r.cells.amount_minor)] as [number, number | null];
    }),
  }));
  const chart = lineChart({
    title,
    desc: tr(msg('trend.desc'), d.lang),
    series,
    xFormat: (i) => periods[i] ?? '',
    yFormat: krFmt(d.lang),
    xTicks: periods.map((_, i) => i),
    xLabels: periods,
    xMax: Math.max(1, periods.length - 1),
  });
  const head = `<tr><th scope="col">${esc(tr(msg('word.indicator'), d.lang))}</th>${periods.map((p) => `<th scope="col">${esc(p)}</th>`).join('')}<th scope="col">${esc(tr(msg('trend.change'), d.lang))}</th></tr>`;
  const last = periods[periods.length - 1];
  const body = KEY_INDICATORS.map((ind) => {
    const cells = periods
      .map(
        (p) =>
          `<td>${esc(
            indicatorValue(
              d,
              rows.find((r) => r.cells.period === p && r.cells.indicator === ind),
            ),
          )}</td>`,
      )
      .join('');
    const lr = rows.find((r) => r.cells.period === last && r.cells.indicator === ind);
    const change = !lr
      ? '–'
      : lr.hidden
        ? hiddenText(lr.hidden, d.threshold)
        : lr.cells.change_share === null
          ? '–'
          : pct(lr.cells.change_share, d.lang, 1);
    return `<tr><th scope="row">${esc(valueLabel(ind, d.lang))}</th>${cells}<td>${esc(change)}</td></tr>`;
  }).join('\n');
  const reading = tr(msg('trend.reading'), d.lang);
  return section(
    'trend',
    title,
    reading,
    chart,
    `<table><caption>${esc(title)}</caption><thead>${head}</thead><tbody>${body}</tbody></table>`,
  );
}

function method(d: ReportData): string {
  const t = (x: Text) => tr(x, d.lang);
  return `<section aria-labelledby="method"><h2 id="method">${esc(t(SECTION.method))}</h2>
<p class="reading">${esc(t(msg('method.reading')))}</p></section>`;
}
