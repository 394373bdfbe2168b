/**
 * The age-standardised benchmark as a KPB economist reads it, on the KPB page and the comparison page:
 * per municipality of the period its cost per inhabitant beside the expected one (its own age structure
 * at the group's rates) and the group's, the index (actual / expected) against a line at 1, and the same
 * figures period by period (mart_benchmark_trend). The marts are read by their columns: a column a table
 * does not have is left out, so a change in the marts' suppression columns changes nothing here.
 */
import type { ColumnKind, DataRow, Meta, Panel, TableData } from './api.js';
import { barChart, lineChart, type Series } from './charts.js';
import { h } from './dom.js';
import { formatCell, formatValue, hiddenMark } from './format.js';
import { formatNumber, LANGS, lang, t, tIn, tx, valueLabel, type Text, type UiKey } from './i18n.js';
import { crossParam, downloads, fetchNarrowed, panelTrace, type Cross, type Filters } from './panel.js';
import { fillAsync, labelsOf } from './state.js';
import { dataTable, tableBox, traceCell } from './table.js';

export const BENCHMARK = 'mart_benchmark';
export const BENCHMARK_TREND = 'mart_benchmark_trend';
/** the group's cost per inhabitant by age group, where the workspace has it: shown whole, under the table */
const BENCHMARK_RATE = 'mart_benchmark_rate';

const MAIN = 'benchmark';
const INDEX = 'benchmark-index';
const TREND = 'benchmark-trend';

/** The main table's figures, in this order (those the table has). */
const FIGURES = [
  'inhabitants',
  'per_inhabitant_minor',
  'expected_per_inhabitant_minor',
  'group_per_inhabitant_minor',
  'cost_index',
];
/** Drawn as bars beside each other; the group's, one value for the period, as a line across them. */
const BARS = ['per_inhabitant_minor', 'expected_per_inhabitant_minor'];
const GROUP = 'group_per_inhabitant_minor';

/** A dashboard text in all three languages (a panel's title is a Text). */
export const text = (key: UiKey): Text =>
  Object.fromEntries(LANGS.map((l) => [l, tIn(l, key)])) as unknown as Text;

const has = (meta: Meta, table: string) => meta.tables.some((x) => x.name === table);
const titleOf = (meta: Meta, table: string, fallback: UiKey): Text =>
  meta.tables.find((x) => x.name === table)?.title ?? text(fallback);

/** The benchmark's panels (each says "not computed yet" when its mart is missing). */
export function benchmarkPanels(meta: Meta): Panel[] {
  const table = has(meta, BENCHMARK) ? BENCHMARK : null;
  return [
    {
      id: MAIN,
      title: titleOf(meta, BENCHMARK, 'benchmarkTitle'),
      table,
      chart: 'bar',
      x: 'municipality',
      y: BARS,
      reading: text('benchmarkReading'),
    },
    {
      id: INDEX,
      title: text('benchmarkIndex'),
      table,
      chart: 'bar',
      x: 'municipality',
      y: ['cost_index'],
      reading: text('benchmarkIndexReading'),
    },
    {
      id: TREND,
      title: titleOf(meta, BENCHMARK_TREND, 'benchmarkTrendTitle'),
      table: has(meta, BENCHMARK_TREND) ? BENCHMARK_TREND : null,
      chart: 'line',
      x: 'period',
      reading: text('benchmarkTrendReading'),
    },
  ];
}

/** Whether a page's panel is one of the benchmark's (drawn here, not by renderPanel). */
export function isBenchmarkPanel(p: Panel): boolean {
  return [MAIN, INDEX, TREND].includes(p.id) && [BENCHMARK, BENCHMARK_TREND, null].includes(p.table);
}

/** A page with the benchmark's panels after its own (the KPB page), once. */
export function withBenchmark<P extends { panels: Panel[] }>(page: P, meta: Meta): P {
  if (!has(meta, BENCHMARK)) return page;
  const mine = benchmarkPanels(meta);
  return { ...page, panels: [...page.panels.filter((p) => !mine.some((m) => m.id === p.id)), ...mine] };
}

interface Ctx {
  meta: Meta;
  panel: Panel;
  /** the filters and a value chosen in another panel, as this panel's table is asked (downloads, lineage) */
  filters: Filters;
  cross: Cross | null;
  onCross: (c: Cross | null) => void;
}

/** A benchmark panel: heading, reading, then (loaded) its charts, table, downloads and lineage. */
export function renderBenchmarkPanel(
  panel: Panel,
  meta: Meta,
  filters: Filters,
  cross: Cross | null,
  onCross: (c: Cross | null) => void,
): HTMLElement {
  const headingId = `h-${panel.id}`;
  const body = h('div', { class: 'panel-body', 'aria-live': 'polite' });
  const section = h(
    'section',
    { class: `panel panel-bar panel-benchmark`, 'aria-labelledby': headingId, 'data-panel': panel.id },
    h('h2', { id: headingId }, tx(panel.title)),
    panel.reading ? h('p', { class: 'reading' }, tx(panel.reading)) : null,
    body,
  );
  const table = panel.table;
  if (!table) {
    body.append(h('p', { class: 'state state-empty' }, t('notComputed')));
    return section;
  }
  const param = cross && cross.panel !== panel.id ? crossParam(meta, table, cross) : null;
  const query = param ? { ...filters, [param]: cross!.value } : filters;
  const ctx: Ctx = { meta, panel, filters: query, cross, onCross };
  fillAsync(body, async () => {
    const data = await fetchNarrowed(meta, table, filters, cross, panel.id);
    if (!data || data.rows.length === 0) return [h('p', { class: 'state state-empty' }, t('empty'))];
    if (panel.id === TREND) return trendView(ctx, data);
    const rates =
      panel.id === MAIN && has(meta, BENCHMARK_RATE)
        ? await fetchNarrowed(meta, BENCHMARK_RATE, filters, cross, panel.id).catch(() => null)
        : null;
    return panel.id === INDEX ? indexView(ctx, data) : mainView(ctx, data, rates);
  });
  return section;
}

// ---- reading the rows ----

const kindOf = (data: TableData, column: string): ColumnKind =>
  data.columns.find((c) => c.name === column)?.kind ?? 'number';
const hasColumn = (data: TableData, column: string) => data.columns.some((c) => c.name === column);
const muniName = (m: string) => valueLabel(m, 'municipality');

/** The periods of the rows in the workspace's order (oldest first). */
function periodsOf(meta: Meta, values: Iterable<string>): string[] {
  const present = new Set(values);
  const known = (meta.filters.period ?? []).filter((p) => present.has(p));
  return [...known, ...[...present].filter((p) => !known.includes(p)).sort()];
}

/** Municipalities by name, as a reader looks them up. */
const byName = (codes: Iterable<string>) =>
  [...new Set(codes)].sort((a, b) => muniName(a).localeCompare(muniName(b), lang()));

const valueOf = (r: DataRow | undefined, c: string): number | null =>
  r && r[c] !== null && r[c] !== undefined ? Number(r[c]) : null;

/** The mark a hidden cell shows: "< 5" only for a count of persons, "x" for any figure built on them. */
function mark(r: DataRow, column: string, data: TableData): string {
  return hiddenMark(r, data.threshold, column === 'persons' ? 'count' : undefined);
}

/**
 * A figure's cell: its value, or the suppression mark with the reason beside it for a screen reader (and
 * as a tooltip); a button that opens the figure's lineage.
 */
function figureCell(ctx: Ctx, data: TableData, r: DataRow, column: string, where: string): HTMLElement {
  if (!hasColumn(data, column)) return h('td', { class: 'num' }, '–');
  const hidden = !!r._hidden?.includes(column);
  const shown = hidden ? mark(r, column, data) : formatCell(r, column, kindOf(data, column), data.threshold);
  const label = labelsOf(ctx.meta, data.table).get(column);
  const figure = `${label ? tx(label) : column}, ${where}`;
  return traceCell(ctx.meta, data, r, column, shown, figure, figure);
}

/** A table of figures, a row per municipality (and period when there are several), headed by its labels. */
function figureTable(
  ctx: Ctx,
  data: TableData,
  caption: string,
  rows: DataRow[],
  columns: { name: string; label: string; cell: (r: DataRow, where: string) => HTMLElement }[],
  several: boolean,
): HTMLElement {
  return tableBox(
    caption,
    h(
      'tr',
      {},
      h('th', { scope: 'col' }, t('municipality')),
      several ? h('th', { scope: 'col' }, t('period')) : null,
      ...columns.map((c) => h('th', { scope: 'col', class: 'num' }, c.label)),
    ),
    rows.map((r) => {
      const m = String(r.municipality);
      const p = String(r.period);
      const where = `${muniName(m)} ${valueLabel(p, 'period')}`;
      return h(
        'tr',
        {},
        h('th', { scope: 'row' }, muniName(m)),
        several ? h('td', {}, valueLabel(p, 'period')) : null,
        ...columns.map((c) => c.cell(r, where)),
      );
    }),
  );
}

/** The rows by period (oldest first), then municipality by name. */
function ordered(meta: Meta, rows: DataRow[]): DataRow[] {
  const periods = periodsOf(
    meta,
    rows.map((r) => String(r.period)),
  );
  const munis = byName(rows.map((r) => String(r.municipality)));
  const at = (r: DataRow) => [periods.indexOf(String(r.period)), munis.indexOf(String(r.municipality))];
  return [...rows].sort((a, b) => {
    const [pa, ma] = at(a);
    const [pb, mb] = at(b);
    return pa! - pb! || ma! - mb!;
  });
}

/** A chart's bars, a bar per municipality of one period; a bar chosen filters the other panels. */
function barSeries(data: TableData, rows: DataRow[], munis: string[], column: string, name: string): Series {
  const pick = munis.map((m) => rows.find((r) => String(r.municipality) === m));
  return {
    name,
    values: pick.map((r) => valueOf(r, column)),
    hidden: pick.map((r) => (r?._hidden?.includes(column) ? mark(r, column, data) : false)),
  };
}

/** The latest period of the rows and its rows: what the bar charts show (the tables show them all). */
function latest(meta: Meta, data: TableData) {
  const periods = periodsOf(
    meta,
    data.rows.map((r) => String(r.period)),
  );
  const period = periods.at(-1)!;
  const rows = data.rows.filter((r) => String(r.period) === period);
  return { periods, period, rows, munis: byName(rows.map((r) => String(r.municipality))) };
}

/** The select under a chart that filters the other panels by municipality (the keyboard's click). */
function crossSelect(ctx: Ctx, munis: string[]): HTMLElement {
  const id = `cross-${ctx.panel.id}`;
  const mine = ctx.cross?.panel === ctx.panel.id ? ctx.cross.value : '';
  return h(
    'div',
    { class: 'cross' },
    h('label', { for: id }, t('crossFilter', { column: t('municipality') })),
    h(
      'select',
      {
        id,
        onchange: (e: Event) => {
          const v = (e.target as HTMLSelectElement).value;
          ctx.onCross(v ? { panel: ctx.panel.id, column: 'municipality', value: v } : null);
        },
      },
      h('option', { value: '', selected: !mine }, t('crossNone')),
      ...munis.map((m) => h('option', { value: m, selected: m === mine }, muniName(m))),
    ),
  );
}

/** Under every panel: the note on hidden cells, downloads and the panel's lineage (as the other panels). */
function footer(
  ctx: Ctx,
  data: TableData,
  charts: { svg: SVGElement; name: string }[],
  allColumns = true,
): HTMLElement[] {
  const title = tx(ctx.panel.title);
  const query = ctx.filters;
  const out: HTMLElement[] = [];
  if (data.rows.some((r) => r._hidden?.length))
    out.push(h('p', { class: 'note' }, t('hiddenNote', { n: data.threshold })));
  if (allColumns)
    out.push(
      h(
        'details',
        { class: 'chart-table all-columns' },
        h('summary', {}, t('allColumns')),
        dataTable(data, labelsOf(ctx.meta, data.table), `${title} (${t('rows', { n: data.total })})`),
      ),
    );
  out.push(downloads(ctx.panel, data.table, query, charts));
  out.push(panelTrace(ctx.meta, data.table, query, title));
  return out;
}

const periodNote = (periods: string[], period: string): HTMLElement | null =>
  periods.length > 1
    ? h('p', { class: 'note' }, t('benchmarkLatest', { period: valueLabel(period, 'period') }))
    : null;

// ---- the three panels ----

/** Cost per inhabitant beside the expected and the group's, per municipality; the table with the index. */
function mainView(ctx: Ctx, data: TableData, rates: TableData | null): HTMLElement[] {
  const labels = labelsOf(ctx.meta, data.table);
  const label = (c: string) => (labels.get(c) ? tx(labels.get(c)!) : c);
  const title = tx(ctx.panel.title);
  const { periods, period, rows, munis } = latest(ctx.meta, data);
  const categories = munis.map(muniName);
  const bars = BARS.filter((c) => hasColumn(data, c));
  // the group's cost per inhabitant is one figure for the period: a line across the bars
  const groupValues = new Set(rows.filter((r) => !r._hidden?.includes(GROUP)).map((r) => valueOf(r, GROUP)));
  const group = hasColumn(data, GROUP) && groupValues.size === 1 ? [...groupValues][0] : null;
  const series = [
    ...bars.map((c) => barSeries(data, rows, munis, c, label(c))),
    ...(hasColumn(data, GROUP) && group === null && groupValues.size > 1
      ? [barSeries(data, rows, munis, GROUP, label(GROUP))]
      : []),
  ];
  const chartTitle = `${title}, ${valueLabel(period, 'period')}`;
  const charts =
    series.length > 0
      ? [
          {
            name: chartTitle,
            svg: barChart(
              {
                title: chartTitle,
                categories,
                series,
                kind: 'money',
                threshold: data.threshold,
                onSelect: (i) =>
                  ctx.onCross({ panel: ctx.panel.id, column: 'municipality', value: munis[i]! }),
              },
              group !== null && group !== undefined
                ? {
                    reference: {
                      value: group,
                      label: `${label(GROUP)}: ${formatValue(group, 'money')}`,
                    },
                  }
                : {},
            ),
          },
        ]
      : [];
  const several = periods.length > 1;
  const columns = FIGURES.filter((c) => hasColumn(data, c)).map((c) => ({
    name: c,
    label: label(c),
    cell: (r: DataRow, where: string) => figureCell(ctx, data, r, c, where),
  }));
  const caption = several ? title : `${title}, ${valueLabel(period, 'period')}`;
  const out: (HTMLElement | null)[] = [
    charts.length ? h('div', { class: 'charts' }, ...charts.map((c) => h('figure', {}, c.svg))) : null,
    periodNote(periods, period),
    crossSelect(ctx, munis),
    figureTable(ctx, data, caption, ordered(ctx.meta, data.rows), columns, several),
    groupNote(data, rows, period),
  ];
  if (rates && rates.rows.length) {
    const rateTitle = tx(titleOf(ctx.meta, BENCHMARK_RATE, 'benchmarkTitle'));
    out.push(
      h(
        'details',
        { class: 'chart-table' },
        h('summary', {}, rateTitle),
        dataTable(rates, labelsOf(ctx.meta, rates.table), rateTitle),
      ),
    );
  }
  return [...out.filter((x): x is HTMLElement => x !== null), ...footer(ctx, data, charts)];
}

/** "The group in 2024: 2 municipalities" (from the municipalities column, where the table has it). */
function groupNote(data: TableData, rows: DataRow[], period: string): HTMLElement | null {
  const n = rows.map((r) => valueOf(r, 'municipalities')).find((v) => v !== null);
  if (n === undefined || n === null) return null;
  return h('p', { class: 'note' }, t('benchmarkGroup', { n, period: valueLabel(period, 'period') }));
}

/** The index per municipality as bars against a line at 1 (as expected from the age structure). */
function indexView(ctx: Ctx, data: TableData): HTMLElement[] {
  const title = tx(ctx.panel.title);
  if (!hasColumn(data, 'cost_index')) return [h('p', { class: 'state state-empty' }, t('notComputed'))];
  const { periods, period, rows, munis } = latest(ctx.meta, data);
  const chartTitle = `${title}, ${valueLabel(period, 'period')}`;
  const svg = barChart(
    {
      title: chartTitle,
      categories: munis.map(muniName),
      series: [barSeries(data, rows, munis, 'cost_index', title)],
      kind: 'number',
      threshold: data.threshold,
      onSelect: (i) => ctx.onCross({ panel: ctx.panel.id, column: 'municipality', value: munis[i]! }),
    },
    { reference: { value: 1, label: t('benchmarkExpected') }, label: (v) => formatNumber(v, 2) },
  );
  const labels = labelsOf(ctx.meta, data.table);
  const several = periods.length > 1;
  const columns = ['cost_index'].map((c) => ({
    name: c,
    label: labels.get(c) ? tx(labels.get(c)!) : c,
    cell: (r: DataRow, where: string) => figureCell(ctx, data, r, c, where),
  }));
  const caption = several ? title : chartTitle;
  return [
    h('div', { class: 'charts' }, h('figure', {}, svg)),
    periodNote(periods, period),
    crossSelect(ctx, munis),
    h(
      'details',
      { class: 'chart-table' },
      h('summary', {}, t('showTable')),
      figureTable(ctx, data, caption, ordered(ctx.meta, data.rows), columns, several),
    ),
    ...footer(ctx, data, [{ svg, name: chartTitle }], false),
  ].filter((x): x is HTMLElement => x !== null);
}

/**
 * The benchmark over time: cost per inhabitant and the index per municipality over the periods (a row
 * also gives its previous period's figure, so one chosen period still shows where it came from), and the
 * change against the previous period.
 */
function trendView(ctx: Ctx, data: TableData): HTMLElement[] {
  const title = tx(ctx.panel.title);
  const bench = labelsOf(ctx.meta, BENCHMARK);
  const own = labelsOf(ctx.meta, data.table);
  const label = (c: string, from = own) => (from.get(c) ? tx(from.get(c)!) : c);
  const of = (indicator: string) => data.rows.filter((r) => String(r.indicator) === indicator);
  const lines = [
    {
      indicator: 'per_inhabitant',
      column: 'amount_minor',
      before: 'previous_amount_minor',
      kind: 'money' as const,
    },
    { indicator: 'cost_index', column: 'value', before: 'previous_value', kind: 'number' as const },
  ].filter((l) => of(l.indicator).length > 0 && hasColumn(data, l.column));
  if (lines.length === 0) return [h('p', { class: 'state state-empty' }, t('empty'))];
  const periods = periodsOf(
    ctx.meta,
    data.rows.flatMap((r) => [String(r.period), ...(r.previous_period ? [String(r.previous_period)] : [])]),
  );
  const munis = byName(data.rows.map((r) => String(r.municipality)));
  const charts = lines.map((l) => {
    const rows = of(l.indicator);
    // a point: the row of that period, else the row whose previous period it is
    const point = (m: string, p: string): { v: number | null; hidden: false | string } => {
      const r = rows.find((x) => String(x.municipality) === m && String(x.period) === p);
      if (r)
        return {
          v: valueOf(r, l.column),
          hidden: r._hidden?.includes(l.column) ? mark(r, l.column, data) : false,
        };
      const n = rows.find((x) => String(x.municipality) === m && String(x.previous_period) === p);
      if (n)
        return {
          v: valueOf(n, l.before),
          hidden: n._hidden?.includes(l.before) ? mark(n, l.before, data) : false,
        };
      return { v: null, hidden: false };
    };
    const figure =
      l.indicator === 'cost_index' ? label('cost_index', bench) : label('per_inhabitant_minor', bench);
    // one municipality has no legend: the title names it
    const name = `${title}: ${figure}${munis.length === 1 ? `, ${muniName(munis[0]!)}` : ''}`;
    return {
      name,
      svg: lineChart(
        {
          title: name,
          categories: periods.map((p) => valueLabel(p, 'period')),
          series: munis.map((m) => ({
            name: muniName(m),
            values: periods.map((p) => point(m, p).v),
            hidden: periods.map((p) => point(m, p).hidden),
          })),
          kind: l.kind,
          threshold: data.threshold,
        },
        { width: lines.length > 1 ? 480 : 760 },
      ),
    };
  });
  // the table: a row per municipality and period, cost per inhabitant and the index with their changes
  const perInhabitant = of('per_inhabitant');
  const index = of('cost_index');
  const find = (rows: DataRow[], r: DataRow) =>
    rows.find((x) => x.municipality === r.municipality && x.period === r.period);
  const base = ordered(ctx.meta, perInhabitant.length ? perInhabitant : index);
  const cell = (rows: DataRow[], column: string) => (r: DataRow, where: string) => {
    const x = find(rows, r);
    return x && hasColumn(data, column)
      ? figureCell(ctx, data, x, column, where)
      : h('td', { class: 'num' }, '–');
  };
  const columns = [
    ...(perInhabitant.length
      ? [
          {
            name: 'amount_minor',
            label: label('per_inhabitant_minor', bench),
            cell: cell(perInhabitant, 'amount_minor'),
          },
          { name: 'change_minor', label: label('change_minor'), cell: cell(perInhabitant, 'change_minor') },
          { name: 'change_share', label: label('change_share'), cell: cell(perInhabitant, 'change_share') },
        ]
      : []),
    ...(index.length
      ? [
          { name: 'value', label: label('cost_index', bench), cell: cell(index, 'value') },
          {
            name: 'change',
            label: `${label('cost_index', bench)}: ${label('change')}`,
            cell: cell(index, 'change'),
          },
        ]
      : []),
  ].filter((c) => hasColumn(data, c.name));
  return [
    h(
      'div',
      { class: charts.length > 1 ? 'charts charts-multi' : 'charts' },
      ...charts.map((c) => h('figure', {}, c.svg, charts.length > 1 ? h('figcaption', {}, c.name) : null)),
    ),
    figureTable(ctx, data, title, base, columns, true),
    ...footer(ctx, data, charts),
  ];
}
