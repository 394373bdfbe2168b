import {
  fetchTable,
  RequestError,
  tableQuery,
  type ColumnKind,
  type DataRow,
  type Meta,
  type Panel,
  type TableData,
} from './api.js';
import { barChart, heatmap, lineChart, type Series } from './charts.js';
import { clear, h } from './dom.js';
import { downloadPng, downloadSvg } from './download.js';
import { formatCell, hiddenMark, isMeasure } from './format.js';
import { formatMoney, formatNumber, lang, t, tx, valueLabel } from './i18n.js';
import { filterKeys, openLineage, rowKeys } from './lineage.js';
import { errorState, labelsOf } from './state.js';
import { dataTable } from './table.js';

export { errorState, labelsOf };

/** filter → chosen values (none: all); a panel's own `where` adds single values */
export type Filters = Record<string, string | string[]>;

/** A value chosen in one panel (a bar, a cell, or its select) that filters the other panels. */
export interface Cross {
  panel: string;
  column: string;
  value: string;
}

/** The standard filter a column stands for: the API maps it to each table's own column (grp → age_band). */
const STANDARD_OF: Record<string, string> = {
  period: 'period',
  municipality: 'municipality',
  age_band: 'age_band',
  grp: 'age_band',
  department: 'department',
  department_a: 'department',
  law: 'law',
  law_ref: 'law',
};

/** The query parameter a cross-filter becomes for a table, or null when the table cannot be filtered by it. */
export function crossParam(meta: Meta, table: string, cross: Cross): string | null {
  const standard = STANDARD_OF[cross.column];
  if (standard) return standard;
  const cols = meta.tables.find((x) => x.name === table)?.columns ?? [];
  return cols.some((c) => c.name === cross.column && c.filterable) ? cross.column : null;
}

/**
 * One table's rows for the filters and a value chosen in another panel than `self` (cross-filtering); null
 * when that value is one the table cannot have (no rows, not an error).
 */
export async function fetchNarrowed(
  meta: Meta,
  table: string,
  filters: Filters,
  cross: Cross | null,
  self?: string,
): Promise<TableData | null> {
  const param = cross && cross.panel !== self ? crossParam(meta, table, cross) : null;
  try {
    return await fetchTable(table, param ? { ...filters, [param]: cross!.value } : filters, {
      limit: '50000',
    });
  } catch (e) {
    if (e instanceof RequestError && /Unknown value/.test(e.message) && param) return null;
    throw e;
  }
}

/** Values that mean "every group" in a breakdown column; kept when a column is not the chart's axis. */
const TOTAL_VALUES = new Set(['all', 'total', 'alle', 'alla', '*', '']);

/** A section for one panel: heading, loading state, then chart(s), table, downloads and drill-down. */
export function renderPanel(
  panel: Panel,
  meta: Meta,
  filters: Filters,
  cross: Cross | null = null,
  onCross: (c: Cross | null) => void = () => {},
): HTMLElement {
  const headingId = `h-${panel.id}`;
  const body = h('div', { class: 'panel-body', 'aria-live': 'polite' });
  const section = h(
    'section',
    { class: `panel panel-${panel.chart}`, 'aria-labelledby': headingId, 'data-panel': panel.id },
    h('h2', { id: headingId }, tx(panel.title)),
    panel.reading ? h('p', { class: 'reading' }, tx(panel.reading)) : null,
    body,
  );
  if (!panel.table) {
    body.append(h('p', { class: 'state state-empty' }, t('notComputed')));
    return section;
  }
  // A value chosen in another panel narrows this one, where its table has that column.
  const param = cross && cross.panel !== panel.id ? crossParam(meta, panel.table, cross) : null;
  const narrowed = param ? { ...filters, [param]: cross!.value } : filters;
  void load(panel, panel.table, meta, narrowed, body, { cross, onCross });
  return section;
}

async function load(
  panel: Panel,
  table: string,
  meta: Meta,
  filters: Filters,
  body: HTMLElement,
  cf: { cross: Cross | null; onCross: (c: Cross | null) => void },
): Promise<void> {
  clear(body);
  body.setAttribute('aria-busy', 'true');
  body.append(
    h(
      'p',
      { class: 'state state-loading' },
      h('span', { class: 'spinner', 'aria-hidden': 'true' }),
      t('loading'),
    ),
  );
  const query = { ...filters, ...(panel.where ?? {}) };
  try {
    const data = await fetchTable(table, query);
    clear(body);
    body.removeAttribute('aria-busy');
    if (data.rows.length === 0) {
      body.append(h('p', { class: 'state state-empty' }, t('empty')));
      return;
    }
    body.append(...renderData(panel, data, meta, filters, query, cf));
  } catch (e) {
    clear(body);
    body.removeAttribute('aria-busy');
    // A value another panel chose that this table does not have: simply no rows.
    if (e instanceof RequestError && /Unknown value/.test(e.message) && cf.cross) {
      body.append(h('p', { class: 'state state-empty' }, t('empty')));
      return;
    }
    body.append(errorState(e, () => void load(panel, table, meta, filters, body, cf)));
  }
}

interface Layout {
  x: string | null;
  series: string | null;
  measures: string[];
  rows: DataRow[];
  /** breakdown columns narrowed to one value so the chart's categories are unique */
  fixed: [string, string][];
}

/** Decide what the chart shows: category axis, series, measures, and which rows. */
export function layout(panel: Panel, data: TableData): Layout {
  const cols = data.columns;
  const has = (n: string | undefined): n is string => !!n && cols.some((c) => c.name === n);
  const distinct = (rows: DataRow[], c: string) => new Set(rows.map((r) => String(r[c] ?? '')));
  const texts = cols.filter((c) => c.kind === 'text').map((c) => c.name);
  let rows = data.rows;
  let x = has(panel.x)
    ? panel.x
    : (texts.find((c) => distinct(rows, c).size > 1 && c !== panel.series) ?? texts[0] ?? null);
  if (panel.chart === 'lorenz') x = has(panel.x) ? panel.x : null;
  let series = has(panel.series) ? panel.series : null;
  if (!series && panel.chart !== 'heatmap') {
    series = ['municipality', 'period'].find((c) => c !== x && has(c) && distinct(rows, c).size > 1) ?? null;
  }
  // Totals and excluded rows stay in the table but not on the axis (their bar would dwarf the rest).
  if (x && panel.chart !== 'lorenz') {
    const out = new Set([...(panel.exclude?.[x] ?? [])]);
    rows = rows.filter(
      (r) => !out.has(String(r[x!])) && !TOTAL_VALUES.has(String(r[x!] ?? '').toLowerCase()),
    );
  }
  const fixed: [string, string][] = [];
  const point = (r: DataRow) => `${String(r[x ?? ''] ?? '')}\u0000${String(r[series ?? ''] ?? '')}`;
  for (const c of texts) {
    if (c === x || c === series) continue;
    const values = distinct(rows, c);
    if (values.size <= 1) continue;
    // Narrow a column only where it repeats a chart point (e.g. every age band per interval);
    // a column that just describes the category (its unit, its title) stays.
    const seen = new Map<string, string>();
    const repeats = rows.some((r) => {
      const k = point(r);
      const v = String(r[c] ?? '');
      if (seen.has(k) && seen.get(k) !== v) return true;
      seen.set(k, v);
      return false;
    });
    if (!repeats) continue;
    const total = [...values].find((v) => TOTAL_VALUES.has(v.toLowerCase()));
    // Several periods chosen and not on the axis: the chart shows the latest (the table keeps them all).
    const latest = c === 'period' ? [...values].sort().at(-1) : undefined;
    const keep = latest ?? ((total ?? rows[0]![c] === null) ? (total ?? '') : String(rows[0]![c]));
    rows = rows.filter((r) => String(r[c] ?? '') === keep);
    fixed.push([c, keep]);
  }
  const measureCols = cols.filter((c) => isMeasure(c.kind) && c.name !== 'year' && c.name !== x);
  const wanted = (panel.y ?? []).filter((n) => has(n));
  const measures = wanted.length ? wanted : measureCols.slice(0, 1).map((c) => c.name);
  return { x, series, measures, rows, fixed };
}

function renderData(
  panel: Panel,
  data: TableData,
  meta: Meta,
  filters: Filters,
  query: Filters,
  cf: { cross: Cross | null; onCross: (c: Cross | null) => void },
): HTMLElement[] {
  const labels = labelsOf(meta, data.table);
  const label = (c: string) => labels.get(c)?.[lang()] ?? c;
  const kindOf = (c: string) => data.columns.find((k) => k.name === c)!.kind;
  const title = tx(panel.title);
  const out: HTMLElement[] = [];
  const lay = layout(panel, data);
  const charts: { svg: SVGElement; name: string }[] = [];
  const drillArea = h('div', { class: 'drill' });
  // Drill-down: the groups behind a category, from the panel's drill table (never persons).
  const drillTable =
    panel.drill && meta.tables.some((x) => x.name === panel.drill!.table) ? panel.drill : undefined;
  const onDrill = drillTable
    ? (v: string) => void showDrill(drillTable, v, categoryLabel(panel, lay, v), meta, filters, drillArea)
    : undefined;

  // Cross-filtering: a bar (mouse) or the select under the chart (keyboard) filters the other panels.
  const xCol = lay.x;
  const crossable =
    !!xCol && panel.chart !== 'kpi' && panel.chart !== 'lorenz' && kindOf(xCol) === 'text' && !panel.range;
  const onCross = crossable
    ? (v: string) => cf.onCross({ panel: panel.id, column: xCol, value: v })
    : undefined;
  if (panel.chart === 'kpi') {
    out.push(kpis(data, lay, label, meta));
  } else if (panel.chart !== 'table' && lay.measures.length > 0) {
    charts.push(...buildCharts(panel, data, lay, label, kindOf, title, onCross ?? onDrill));
  }
  if (charts.length) {
    out.push(
      h(
        'div',
        { class: charts.length > 1 ? 'charts charts-multi' : 'charts' },
        ...charts.map((c) => h('figure', {}, c.svg, charts.length > 1 ? h('figcaption', {}, c.name) : null)),
      ),
    );
  }
  if (lay.fixed.length && charts.length) {
    out.push(
      h(
        'p',
        { class: 'note' },
        lay.fixed.map(([c, v]) => `${label(c)}: ${v === '' ? '–' : valueLabel(v, c)}`).join(' · '),
      ),
    );
  }
  if (onDrill && lay.x) {
    const values = [...new Set(lay.rows.map((r) => r[lay.x!]))].filter((v) => v !== null).map(String);
    out.push(
      h(
        'div',
        { class: 'drill-prompt' },
        h('span', {}, t('drillPrompt')),
        ...values.map((v) =>
          h(
            'button',
            { type: 'button', class: 'chip', onclick: () => onDrill(v) },
            categoryLabel(panel, lay, v),
          ),
        ),
      ),
    );
  }
  out.push(drillArea);
  if (crossable && xCol) {
    const values = [...new Set(lay.rows.map((r) => r[xCol]))].filter((v) => v !== null).map(String);
    const mine = cf.cross?.panel === panel.id ? cf.cross.value : '';
    const id = `cross-${panel.id}`;
    out.push(
      h(
        'div',
        { class: 'cross' },
        h('label', { for: id }, t('crossFilter', { column: label(xCol) })),
        h(
          'select',
          {
            id,
            onchange: (e: Event) => {
              const v = (e.target as HTMLSelectElement).value;
              cf.onCross(v ? { panel: panel.id, column: xCol, value: v } : null);
            },
          },
          h('option', { value: '', selected: !mine }, t('crossNone')),
          ...values.map((v) => h('option', { value: v, selected: v === mine }, categoryLabel(panel, lay, v))),
        ),
      ),
    );
  }
  const hasHidden = data.rows.some((r) => r._hidden?.length);
  const tableEl = dataTable(data, labels, `${title} (${t('rows', { n: data.total })})`);
  out.push(
    panel.chart === 'table' || panel.chart === 'kpi'
      ? tableEl
      : h('details', { class: 'chart-table' }, h('summary', {}, t('showTable')), tableEl),
  );
  if (hasHidden) out.push(h('p', { class: 'note' }, t('hiddenNote', { n: data.threshold })));
  out.push(downloads(panel, data.table, query, charts));
  out.push(panelTrace(meta, data.table, query, title));
  return out;
}

function buildCharts(
  panel: Panel,
  data: TableData,
  lay: Layout,
  label: (c: string) => string,
  kindOf: (c: string) => ColumnKind,
  title: string,
  onDrill?: (value: string) => void,
): { svg: SVGElement; name: string }[] {
  const rows = lay.rows;
  const valueOf = (r: DataRow, c: string) => (r[c] === null || r[c] === undefined ? null : Number(r[c]));
  const isHidden = (r: DataRow, c: string): false | string =>
    r._hidden?.includes(c) ? hiddenMark(r, data.threshold, kindOf(c)) : false;
  const threshold = data.threshold;

  if (panel.chart === 'heatmap' && lay.x && lay.series) {
    const m = lay.measures[0]!;
    const rKeys = [...new Set(rows.map((r) => String(r[lay.x!])))];
    const cKeys = [...new Set(rows.map((r) => String(r[lay.series!])))];
    const find = (a: string, b: string) =>
      rows.find((r) => String(r[lay.x!]) === a && String(r[lay.series!]) === b);
    return [
      {
        name: `${title}: ${label(m)}`,
        svg: heatmap(
          {
            title: `${title}: ${label(m)}`,
            rows: rKeys.map((k) => valueLabel(k, lay.x!)),
            cols: cKeys.map((k) => valueLabel(k, lay.series!)),
            values: rKeys.map((a) => cKeys.map((b) => (find(a, b) ? valueOf(find(a, b)!, m) : null))),
            hidden: rKeys.map((a) => cKeys.map((b) => (find(a, b) ? isHidden(find(a, b)!, m) : false))),
            onSelect: onDrill ? (i) => onDrill(rKeys[i]!) : undefined,
          },
          kindOf(m),
        ),
      },
    ];
  }

  if (panel.chart === 'lorenz' && lay.x) {
    const m = lay.measures[0]!;
    const groups = lay.series ? [...new Set(rows.map((r) => String(r[lay.series!])))] : [''];
    const seriesRows = groups.map((g) => rows.filter((r) => !lay.series || String(r[lay.series]) === g));
    const name = `${title}`;
    return [
      {
        name,
        svg: lineChart(
          {
            title: name,
            categories: [],
            kind: 'share',
            threshold,
            xValues: seriesRows.map((rs) => rs.map((r) => valueOf(r, lay.x!) ?? 0)),
            series: seriesRows.map((rs, k) => ({
              name: groups[k] ? valueLabel(groups[k]!, lay.series ?? '') : label(m),
              values: rs.map((r) => valueOf(r, m)),
              hidden: rs.map((r) => isHidden(r, m)),
            })),
          },
          { lorenz: true },
        ),
      },
    ];
  }

  if (!lay.x) return [];
  const keys = [...new Set(rows.map((r) => String(r[lay.x!] ?? '')))];
  const categories = keys.map((k) => categoryLabel(panel, lay, k));
  const onSelect = onDrill ? (i: number) => onDrill(keys[i]!) : undefined;
  const seriesFor = (m: string): Series[] => {
    if (lay.series) {
      const groups = [...new Set(rows.map((r) => String(r[lay.series!] ?? '')))];
      return groups.map((g) => {
        const pick = keys.map((k) =>
          rows.find((r) => String(r[lay.x!] ?? '') === k && String(r[lay.series!] ?? '') === g),
        );
        return {
          name: valueLabel(g, lay.series!),
          values: pick.map((r) => (r ? valueOf(r, m) : null)),
          hidden: pick.map((r) => (r ? isHidden(r, m) : false)),
        };
      });
    }
    const pick = keys.map((k) => rows.find((r) => String(r[lay.x!] ?? '') === k));
    return [
      {
        name: label(m),
        values: pick.map((r) => (r ? valueOf(r, m) : null)),
        hidden: pick.map((r) => (r ? isHidden(r, m) : false)),
      },
    ];
  };

  if (panel.chart === 'stacked' && lay.measures.length > 1 && !lay.series) {
    const name = `${title}`;
    const pick = keys.map((k) => rows.find((r) => String(r[lay.x!] ?? '') === k));
    const series = lay.measures.map((m) => ({
      name: label(m),
      values: pick.map((r) => (r ? valueOf(r, m) : null)),
      hidden: pick.map((r) => (r ? isHidden(r, m) : false)),
    }));
    return [
      {
        name,
        svg: barChart(
          { title: name, categories, series, kind: kindOf(lay.measures[0]!), threshold, onSelect },
          { stacked: true, horizontal: categories.length > 8 },
        ),
      },
    ];
  }

  if (panel.chart === 'line') {
    return lay.measures.slice(0, 2).map((m) => {
      const name = `${title}: ${label(m)}`;
      return {
        name,
        svg: lineChart(
          { title: name, categories, series: seriesFor(m), kind: kindOf(m), threshold },
          { width: lay.measures.length > 1 ? 480 : 760 },
        ),
      };
    });
  }

  const horizontal = panel.chart === 'hbar' || categories.length > 12;
  const sameKind = lay.measures.every((m) => kindOf(m) === kindOf(lay.measures[0]!));
  if (sameKind && lay.measures.length > 1 && !lay.series) {
    // Measures of one kind (two shares, two amounts) are read best side by side in one chart.
    const name = title;
    const pick = keys.map((k) => rows.find((r) => String(r[lay.x!] ?? '') === k));
    const series = lay.measures.map((m) => ({
      name: label(m),
      values: pick.map((r) => (r ? valueOf(r, m) : null)),
      hidden: pick.map((r) => (r ? isHidden(r, m) : false)),
    }));
    return [
      {
        name,
        svg: barChart(
          { title: name, categories, series, kind: kindOf(lay.measures[0]!), threshold, onSelect },
          { horizontal },
        ),
      },
    ];
  }
  const measures = lay.measures.slice(0, 2);
  return measures.map((m) => {
    const name = `${title}: ${label(m)}`;
    return {
      name,
      svg: barChart(
        { title: name, categories, series: seriesFor(m), kind: kindOf(m), threshold, onSelect },
        { horizontal, stacked: panel.chart === 'stacked', width: measures.length > 1 ? 480 : 760 },
      ),
    };
  });
}

/** A category's label: a money range ("50.000–100.000 kr."), a per cent, or the value in words. */
function categoryLabel(panel: Panel, lay: Layout, key: string): string {
  if (key === '') return '–';
  if (panel.unit) {
    // "BES-JAF (uge)": unit costs are per the service's own unit
    const r = lay.rows.find((x) => String(x[lay.x!]) === key);
    const u = r?.[panel.unit];
    if (u !== null && u !== undefined) return `${valueLabel(key)} (${valueLabel(String(u))})`;
  }
  if (panel.range) {
    const { lower, upper } = panel.range;
    const at = (k: string) => lay.rows.find((x) => String(x[lay.x!]) === k);
    const r = at(key);
    // A hidden row has no bounds of its own; the neighbouring intervals' bounds meet it.
    const lo = r?.[lower] ?? at(String(Number(key) - 1))?.[upper] ?? null;
    const hi = r?.[upper] ?? at(String(Number(key) + 1))?.[lower] ?? null;
    if (r && lo !== null && lo !== undefined) {
      // Open upwards only for the last interval; a neighbour hidden too leaves the upper bound unknown.
      const last = !at(String(Number(key) + 1));
      if ((hi === null || hi === undefined) && !last)
        return `${formatNumber(Number(lo) / 100)}–… ${formatMoney(0).replace(/^0\s*/, '')}`;
      return hi === null || hi === undefined
        ? `≥ ${formatMoney(Number(lo))}`
        : `${formatNumber(Number(lo) / 100)}–${formatMoney(Number(hi))}`;
    }
  }
  if (lay.x === 'pct') return `${formatNumber(Number(key))} %`;
  return valueLabel(key, lay.x ?? '');
}

/** The cards' column and kind for a row of a key-figure table (long form: one row per indicator). */
export function keyFigureCell(data: TableData, r: DataRow): { column: string; kind: ColumnKind } {
  const has = (c: string) => data.columns.some((k) => k.name === c);
  const name = String(r.indicator);
  // an amount when the indicator has one (in any row: a hidden row's amount is null, and reads "x")
  const money =
    has('amount_minor') &&
    !name.endsWith('share') &&
    data.rows.some((x) => String(x.indicator) === name && x.amount_minor !== null);
  const column = money ? 'amount_minor' : has('value') ? 'value' : 'persons';
  const kind: ColumnKind = money
    ? 'money'
    : /share|gini/.test(name)
      ? name === 'gini'
        ? 'number'
        : 'share'
      : 'count';
  return { column, kind };
}

/** Key figures as cards; each card is a button that opens the figure's lineage ("where does it come from?"). */
function kpis(data: TableData, lay: Layout, label: (c: string) => string, meta: Meta): HTMLElement {
  const cols = data.columns;
  const cards: [string, string, DataRow][] = [];
  if (cols.some((k) => k.name === 'indicator')) {
    // Long form (mart_key_figure): one card per indicator, its amount when it has one, else its value.
    for (const r of lay.rows.slice(0, 12)) {
      const { column, kind } = keyFigureCell(data, r);
      cards.push([valueLabel(String(r.indicator)), formatCell(r, column, kind, data.threshold), r]);
    }
  } else {
    const r = lay.rows[0]!;
    for (const c of cols.filter((k) => isMeasure(k.kind) && k.name !== 'year').slice(0, 8)) {
      cards.push([label(c.name), formatCell(r, c.name, c.kind, data.threshold), r]);
    }
  }
  return h(
    'ul',
    { class: 'kpis' },
    ...cards.map(([k, v, r]) =>
      h(
        'li',
        { class: 'kpi' },
        h(
          'button',
          {
            type: 'button',
            class: 'kpi-button',
            onclick: () => openLineage(meta, data.table, rowKeys(meta, data.table, r), `${k}: ${v}`),
          },
          h('span', { class: 'kpi-value' }, v),
          h('span', { class: 'kpi-label' }, k),
          h('span', { class: 'kpi-trace' }, t('lineageOpen')),
        ),
      ),
    ),
  );
}

async function showDrill(
  drill: { table: string; column: string; where?: Record<string, string> },
  value: string,
  shown: string,
  meta: Meta,
  filters: Filters,
  area: HTMLElement,
): Promise<void> {
  clear(area);
  const heading = h('h3', { tabindex: -1 }, t('drillTitle', { value: shown }));
  area.append(
    heading,
    h('button', { type: 'button', class: 'link', onclick: () => clear(area) }, t('closeDrill')),
  );
  const slot = h('div', {}, h('p', { class: 'state state-loading' }, t('loading')));
  area.append(slot);
  heading.focus();
  try {
    const data = await fetchTable(drill.table, { ...filters, ...(drill.where ?? {}), [drill.column]: value });
    clear(slot);
    if (data.rows.length === 0) slot.append(h('p', { class: 'state state-empty' }, t('empty')));
    else slot.append(dataTable(data, labelsOf(meta, drill.table), t('drillTitle', { value: shown })));
  } catch (e) {
    clear(slot);
    // A value the drill table does not have simply means no groups to show.
    if (e instanceof RequestError && /Unknown value/.test(e.message))
      slot.append(h('p', { class: 'state state-empty' }, t('empty')));
    else slot.append(errorState(e, () => void showDrill(drill, value, shown, meta, filters, area)));
  }
}

/** "Where do these numbers come from?": the panel's table narrowed by the filters that pin a key column to one value. */
export function panelTrace(meta: Meta, table: string, query: Filters, title: string): HTMLElement {
  return h(
    'p',
    { class: 'trace' },
    h(
      'button',
      {
        type: 'button',
        class: 'link',
        'aria-label': `${t('lineagePanel')} (${title})`,
        onclick: () => openLineage(meta, table, filterKeys(meta, table, query), title),
      },
      t('lineagePanel'),
    ),
  );
}

/** A panel's downloads: each chart as SVG and PNG, its table as CSV and Excel (filtered as shown). */
export function downloads(
  panel: Panel,
  table: string,
  query: Filters,
  charts: { svg: SVGElement; name: string }[],
): HTMLElement {
  const file = `tvaerblik-${panel.id}`;
  const q = tableQuery(query, { lang: lang() });
  return h(
    'div',
    { class: 'downloads' },
    charts.length
      ? h(
          'span',
          { class: 'group' },
          h('span', { class: 'group-label' }, `${t('downloadChart')}:`),
          ...charts.flatMap((c, i) => {
            const suffix = charts.length > 1 ? `-${i + 1}` : '';
            // With several charts, each pair of buttons says which chart it saves.
            const which = charts.length > 1 ? `${c.name.split(': ').pop()} ` : '';
            return [
              h(
                'button',
                {
                  type: 'button',
                  onclick: () => downloadSvg(c.svg, file + suffix),
                  'aria-label': `${which}SVG – ${t('downloadChart')}: ${c.name}`,
                },
                `${which}SVG`,
              ),
              h(
                'button',
                {
                  type: 'button',
                  onclick: () => void downloadPng(c.svg, file + suffix),
                  'aria-label': `${which}PNG – ${t('downloadChart')}: ${c.name}`,
                },
                `${which}PNG`,
              ),
            ];
          }),
        )
      : null,
    h(
      'span',
      { class: 'group' },
      h('span', { class: 'group-label' }, `${t('downloadTable')}:`),
      h('a', { href: `/api/tables/${table}.csv${q}`, download: `${file}.csv` }, 'CSV'),
      h('a', { href: `/api/tables/${table}.xlsx${q}`, download: `${file}.xlsx` }, 'Excel'),
    ),
  );
}
