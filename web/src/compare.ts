/**
 * The comparison page: the age-standardised benchmark (mart_benchmark, over time mart_benchmark_trend) as
 * panels (benchmark.ts, also on the KPB page), and a comparison view of one key figure with municipalities as
 * rows and periods as columns. Built here rather than in src/serve/pages.ts because the comparison view
 * is a pivot of any key figure, not a panel of one table. It honours the filters (several values each)
 * and the value chosen in a panel (cross-filtering) like every other page.
 */
import type { ColumnKind, DataRow, Meta, Page, TableData } from './api.js';
import { BENCHMARK, benchmarkPanels, text } from './benchmark.js';
import { barChart, lineChart } from './charts.js';
import { h } from './dom.js';
import { hiddenMark, formatCell } from './format.js';
import { lang, t, tx, valueLabel } from './i18n.js';
import { fetchNarrowed, keyFigureCell, type Cross, type Filters } from './panel.js';
import { fillAsync } from './state.js';
import { tableBox, traceCell } from './table.js';

export const COMPARE_PAGE = 'compare';

const KEY_FIGURES = 'mart_key_figure';
/** The benchmark's figures offered in the comparison view (one column each). */
const BENCHMARK_FIGURES = [
  'per_inhabitant_minor',
  'expected_per_inhabitant_minor',
  'cost_index',
  'per_user_minor',
  'cost_minor',
];

const has = (meta: Meta, table: string) => meta.tables.some((x) => x.name === table);

/** The page: its panels are the benchmark's (benchmark.ts), then the comparison view (compareSection). */
export function comparePage(meta: Meta): Page {
  return {
    id: COMPARE_PAGE,
    title: text('comparePage'),
    intro: text('compareIntro'),
    panels: benchmarkPanels(meta),
  };
}

interface Figure {
  /** `table:indicator` (mart_key_figure) or `table:column` (mart_benchmark), as in the address (kf=) */
  id: string;
  table: string;
  label: string;
  /** the row's cell: column and kind */
  cell: (data: TableData, r: DataRow) => { column: string; kind: ColumnKind };
  /** the rows of this figure */
  rows: (data: TableData) => DataRow[];
}

function figures(meta: Meta, data: Map<string, TableData>): Figure[] {
  const out: Figure[] = [];
  const kf = data.get(KEY_FIGURES);
  if (kf) {
    for (const ind of [...new Set(kf.rows.map((r) => String(r.indicator)))])
      out.push({
        id: `${KEY_FIGURES}:${ind}`,
        table: KEY_FIGURES,
        label: valueLabel(ind),
        cell: keyFigureCell,
        rows: (d) => d.rows.filter((r) => String(r.indicator) === ind),
      });
  }
  const bm = data.get(BENCHMARK);
  if (bm) {
    const labels = new Map(
      meta.tables.find((x) => x.name === BENCHMARK)!.columns.map((c) => [c.name, c.label]),
    );
    for (const col of BENCHMARK_FIGURES.filter((c) => bm.columns.some((k) => k.name === c)))
      out.push({
        id: `${BENCHMARK}:${col}`,
        table: BENCHMARK,
        label: labels.get(col) ? tx(labels.get(col)!) : col,
        cell: (d) => ({ column: col, kind: d.columns.find((k) => k.name === col)!.kind }),
        rows: (d) => d.rows,
      });
  }
  return out;
}

/**
 * The comparison view: a select of key figures and, for the chosen one, a table with a row per
 * municipality and a column per period (a hidden cell reads "< 5" or "x", as elsewhere), a chart of
 * the same numbers, and each figure a button to its lineage.
 */
export function compareSection(
  meta: Meta,
  filters: Filters,
  cross: Cross | null,
  chosen: string | undefined,
  onChoose: (kf: string) => void,
): HTMLElement {
  const body = h('div', { class: 'panel-body', 'aria-live': 'polite' });
  const section = h(
    'section',
    { class: 'panel panel-compare compare', 'aria-labelledby': 'h-compare', 'data-panel': 'compare' },
    h('h2', { id: 'h-compare' }, t('compareTable')),
    body,
  );
  const tables = [KEY_FIGURES, BENCHMARK].filter((x) => has(meta, x));
  if (tables.length === 0) {
    body.append(h('p', { class: 'state state-empty' }, t('notComputed')));
    return section;
  }
  fillAsync(body, async () => {
    const data = new Map<string, TableData>();
    for (const [name, d] of await Promise.all(
      tables.map(async (x) => [x, await fetchNarrowed(meta, x, filters, cross)] as const),
    ))
      if (d) data.set(name, d);
    const all = figures(meta, data);
    if (all.length === 0) return [h('p', { class: 'state state-empty' }, t('empty'))];
    const fig =
      all.find((f) => f.id === chosen) ?? all.find((f) => f.id === `${KEY_FIGURES}:cost`) ?? all[0]!;
    return [picker(meta, all, fig, onChoose), ...pivot(meta, data.get(fig.table)!, fig)];
  });
  return section;
}

function picker(meta: Meta, all: Figure[], fig: Figure, onChoose: (kf: string) => void): HTMLElement {
  const groups = [...new Set(all.map((f) => f.table))];
  return h(
    'div',
    { class: 'filter compare-pick' },
    h('label', { for: 'compare-figure' }, t('compareFigure')),
    h(
      'select',
      { id: 'compare-figure', onchange: (e: Event) => onChoose((e.target as HTMLSelectElement).value) },
      ...groups.map((g) =>
        h(
          'optgroup',
          { label: tx(meta.tables.find((x) => x.name === g)!.title) },
          ...all
            .filter((f) => f.table === g)
            .map((f) => h('option', { value: f.id, selected: f.id === fig.id }, f.label)),
        ),
      ),
    ),
  );
}

function pivot(meta: Meta, data: TableData, fig: Figure): HTMLElement[] {
  const rows = fig.rows(data);
  if (rows.length === 0) return [h('p', { class: 'state state-empty' }, t('empty'))];
  const order = (column: string, present: Set<string>) => {
    const known = (meta.filters[column] ?? []).filter((v) => present.has(v));
    return [...known, ...[...present].filter((v) => !known.includes(v)).sort()];
  };
  // municipalities by name, as a reader looks them up
  const munis = [...new Set(rows.map((r) => String(r.municipality)))].sort((a, b) =>
    valueLabel(a, 'municipality').localeCompare(valueLabel(b, 'municipality'), lang()),
  );
  const periods = order('period', new Set(rows.map((r) => String(r.period))));
  const at = (m: string, p: string) =>
    rows.find((r) => String(r.municipality) === m && String(r.period) === p);
  const caption = t('compareCaption', { figure: fig.label });
  const cell = (m: string, p: string): HTMLElement => {
    const r = at(m, p);
    if (!r) return h('td', { class: 'num' }, '–');
    const { column, kind } = fig.cell(data, r);
    const where = `${valueLabel(m, 'municipality')} ${valueLabel(p, 'period')}`;
    const shown = formatCell(r, column, kind, data.threshold);
    return traceCell(meta, data, r, column, shown, where, `${fig.label}, ${where}`);
  };
  const table = tableBox(
    caption,
    h(
      'tr',
      {},
      h('th', { scope: 'col' }, t('municipality')),
      ...periods.map((p) => h('th', { scope: 'col', class: 'num' }, valueLabel(p, 'period'))),
    ),
    munis.map((m) =>
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, valueLabel(m, 'municipality')),
        ...periods.map((p) => cell(m, p)),
      ),
    ),
  );
  // the chart: one line per municipality over the periods (bars when there is one period)
  const first = fig.cell(data, rows[0]!);
  const valueAt = (m: string, p: string) => {
    const r = at(m, p);
    const { column } = r ? fig.cell(data, r) : first;
    return r && r[column] !== null && r[column] !== undefined ? Number(r[column]) : null;
  };
  const hiddenAt = (m: string, p: string): false | string => {
    const r = at(m, p);
    if (!r) return false;
    const { column, kind } = fig.cell(data, r);
    return r._hidden?.includes(column) ? hiddenMark(r, data.threshold, kind) : false;
  };
  const title = t('compareChart', { figure: fig.label });
  const svg =
    periods.length > 1
      ? lineChart({
          title,
          categories: periods.map((p) => valueLabel(p, 'period')),
          series: munis.map((m) => ({
            name: valueLabel(m, 'municipality'),
            values: periods.map((p) => valueAt(m, p)),
            hidden: periods.map((p) => hiddenAt(m, p)),
          })),
          kind: first.kind,
          threshold: data.threshold,
        })
      : barChart({
          title,
          categories: munis.map((m) => valueLabel(m, 'municipality')),
          series: [
            {
              name: valueLabel(periods[0]!, 'period'),
              values: munis.map((m) => valueAt(m, periods[0]!)),
              hidden: munis.map((m) => hiddenAt(m, periods[0]!)),
            },
          ],
          kind: first.kind,
          threshold: data.threshold,
        });
  const out: HTMLElement[] = [h('div', { class: 'charts' }, h('figure', {}, svg)), table];
  if (rows.some((r) => r._hidden?.length))
    out.push(h('p', { class: 'note' }, t('hiddenNote', { n: data.threshold })));
  return out;
}
