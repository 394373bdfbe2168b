/**
 * The sections that are a reading and one table of a mart: declared here as data (title, mart, columns,
 * order, reading and the reading's values) and drawn by one renderer. A mart whose SQL header says
 * `report: generic` becomes such a section from its header alone.
 */
import { tr, type Text } from '../../i18n.js';
import { MART_TABLES, type MartTable, type PublishedRow } from '../../publish/index.js';
import { num } from '../format.js';
import {
  details,
  htmlTable,
  money,
  msg,
  rowsOf,
  say,
  count,
  SECTION,
  section,
  share,
  tableOf,
  type ReportData,
} from '../kit.js';

export interface TableSection {
  /** the heading's anchor */
  id: string;
  title: Text;
  mart: string;
  /** the table's columns, in order */
  columns: string[];
  /** the reading under the heading; with `vars`, a sentence holding a hidden value is dropped */
  reading?: Text;
  vars?: (d: ReportData, rows: PublishedRow[]) => Record<string, string | number>;
  /** rows ordered by this column's values, in this order */
  order?: { column: string; values: string[] };
  /** whether the rows are of the report's period / municipality (default: both) */
  scope?: { period: boolean; municipality: boolean };
  /** the table folded under "Table" (open) rather than shown as it is */
  folded?: boolean;
}

/** The headline table: citizens with services, the most and least expensive. */
export const HEADLINE: TableSection = {
  id: 'headline',
  title: SECTION.headline,
  mart: 'mart_headline',
  columns: ['segment', 'pct', 'persons', 'cost_minor', 'persons_share', 'cost_share'],
  order: { column: 'segment', values: ['all', 'top', 'bottom'] },
  reading: msg('headline.reading'),
  vars: (d, rows) => {
    const seg = (s: string) => rows.find((r) => r.cells.segment === s);
    const [all, top, bottom] = [seg('all'), seg('top'), seg('bottom')];
    return {
      n: count(d, 'mart_headline', all, 'persons'),
      a: String(all?.cells.age_from ?? ''),
      b: String(all?.cells.age_to ?? ''),
      c: money(d, all, 'cost_minor'),
      s: share(d, all, 'inhabitant_share', 1),
      tp: String(num(top?.cells.pct) ?? ''),
      tn: count(d, 'mart_headline', top, 'persons'),
      tc: money(d, top, 'cost_minor'),
      ts: share(d, top, 'cost_share'),
      bp: String(num(bottom?.cells.pct) ?? ''),
      bn: count(d, 'mart_headline', bottom, 'persons'),
      bc: money(d, bottom, 'cost_minor'),
      bs: share(d, bottom, 'cost_share'),
    };
  },
};

/** Cost per result (the results the workspace measures). */
export const RESULTS: TableSection = {
  id: 'results',
  title: msg('results.title'),
  mart: 'mart_result',
  columns: ['result_id', 'users', 'persons', 'cost_minor', 'cost_per_result_minor'],
  reading: msg('results.reading'),
};

/**
 * The section of a mart that declares `report: generic` in its SQL header: its title, its reading and
 * its rows of the report's period and municipality as a table (every declared column but those two).
 */
export function declared(m: MartTable): TableSection {
  const has = (c: string) => m.columns.some((x) => x.name === c);
  return {
    id: m.mart.replace(/_/g, '-'),
    title: m.title,
    mart: m.mart,
    columns: m.columns.map((c) => c.name).filter((c) => c !== 'period' && c !== 'municipality'),
    reading: m.reading,
    scope: { period: has('period'), municipality: has('municipality') },
    folded: true,
  };
}

/** Every mart that asks for a section of its own, in the order of the marts. */
export const DECLARED: TableSection[] = MART_TABLES.filter((m) => m.report === 'generic').map(declared);

/** A table section: nothing when the mart has no rows for the report. */
export function tableSection(d: ReportData, s: TableSection): string {
  const rows = rowsOf(d, s.mart, {}, s.scope ?? { period: true, municipality: true });
  if (!tableOf(d, s.mart) || rows.length === 0) return '';
  const order = s.order;
  if (order)
    rows.sort(
      (a, b) =>
        order.values.indexOf(String(a.cells[order.column])) -
        order.values.indexOf(String(b.cells[order.column])),
    );
  const title = tr(s.title, d.lang);
  const reading = !s.reading ? '' : s.vars ? say(s.reading, d.lang, s.vars(d, rows)) : tr(s.reading, d.lang);
  const table = htmlTable(d, s.mart, rows, s.columns, title);
  return section(s.id, title, reading, '', s.folded ? details(d, table, undefined, true) : table);
}
