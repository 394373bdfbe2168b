/**
 * The age-standardised benchmark (mart_benchmark): each municipality of the comparison group with its
 * cost per user and per inhabitant, the cost per inhabitant its age structure would give at the group's
 * rates, and the index actual / expected (docs/analyses.md, "Benchmarks").
 */
import { formatNumber, tr } from '../../i18n.js';
import { municipalityName } from '../../labels/municipalities.js';
import { hiddenText, MART_TABLES, type PublishedRow } from '../../publish/index.js';
import { barChart } from '../charts.js';
import { kr, num } from '../format.js';
import { gridTable, HIDDEN, msg, rowsOf, say, section, type GridCell, type ReportData } from '../kit.js';

/** The benchmark's figures shown, in order: amounts (øre) and the index. */
export const STANDARDISED_FIGURES = [
  'per_user_minor',
  'group_per_user_minor',
  'per_inhabitant_minor',
  'expected_per_inhabitant_minor',
  'group_per_inhabitant_minor',
  'cost_index',
] as const;

/** A figure of a published mart_benchmark row as text: whole kr, or the index to two decimals. */
export function benchmarkFigure(d: ReportData, r: PublishedRow | undefined, column: string): GridCell {
  if (!r) return { text: '–' };
  if (r.hidden) return { text: hiddenText(r.hidden, d.threshold), hidden: true };
  const v = r.cells[column];
  if (v === null || v === undefined) return { text: '–' };
  return column === 'cost_index'
    ? { text: formatNumber(num(v) ?? 0, d.lang, 2) }
    : { text: formatNumber(kr(v) ?? 0, d.lang, 0) };
}

/** A mart_benchmark column's label in the report's language (the mart's header). */
export function benchmarkLabel(d: ReportData, column: string): string {
  const c = MART_TABLES.find((m) => m.mart === 'mart_benchmark')!.columns.find((x) => x.name === column)!;
  return c.label[d.lang].replace('DKK/SEK', d.currency);
}

export function standardised(d: ReportData): string {
  // in the workspace's order of municipalities
  const at = (r: PublishedRow) => d.municipalities.indexOf(String(r.cells.municipality));
  const rows = rowsOf(d, 'mart_benchmark', {}, { period: true, municipality: false }).sort(
    (a, b) => at(a) - at(b),
  );
  // a group of one is its own standard (index 1): nothing to compare
  if (rows.length < 2) return '';
  const names = rows.map((r) => municipalityName(String(r.cells.municipality)));
  const title = tr(msg('standardised.title'), d.lang);
  const table = gridTable(
    title,
    tr(msg('word.indicator'), d.lang),
    names,
    STANDARDISED_FIGURES.map((c) => ({
      head: benchmarkLabel(d, c),
      cells: rows.map((r) => benchmarkFigure(d, r, c)),
    })),
  );
  const chart = barChart({
    title,
    desc: tr(msg('standardised.desc'), d.lang),
    categories: names,
    values: rows.map((r) => (r.hidden ? null : num(r.cells.cost_index))),
    format: (x) => formatNumber(x, d.lang, 2),
    hiddenLabel: 'x',
  });
  const own = rows.find((r) => r.cells.municipality === d.municipality);
  const figureText = (c: string) => (own?.hidden ? HIDDEN : benchmarkFigure(d, own, c).text);
  const reading = say(msg('standardised.reading'), d.lang, {
    m: municipalityName(d.municipality),
    p: d.period,
    a: figureText('per_inhabitant_minor'),
    e: figureText('expected_per_inhabitant_minor'),
    i: figureText('cost_index'),
    n: num(rows[0]!.cells.municipalities) ?? rows.length,
    g: figureText('group_per_inhabitant_minor'),
  });
  return section('standardised', title, reading, chart, table);
}
