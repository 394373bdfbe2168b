/**
 * The benchmark over time (mart_benchmark and mart_benchmark_trend): the report's municipality's cost per
 * user and per inhabitant, expected cost per inhabitant and index in each period, with the change from the
 * previous period (suppressed over both periods, docs/analyses.md, "Benchmarks").
 */
import { tr } from '../../i18n.js';
import { municipalityName } from '../../labels/municipalities.js';
import { hiddenText, type PublishedRow } from '../../publish/index.js';
import { periodLines } from '../charts.js';
import { kr, pct } from '../format.js';
import {
  gridTable,
  HIDDEN,
  krFmt,
  msg,
  rowsOf,
  say,
  section,
  type GridCell,
  type ReportData,
} from '../kit.js';
import { benchmarkFigure, benchmarkLabel } from './standardised.js';

/** mart_benchmark_trend's indicators and the mart_benchmark column each follows. */
const INDICATORS: [string, string][] = [
  ['per_user', 'per_user_minor'],
  ['per_inhabitant', 'per_inhabitant_minor'],
  ['expected_per_inhabitant', 'expected_per_inhabitant_minor'],
  ['cost_index', 'cost_index'],
];

function change(d: ReportData, r: PublishedRow | undefined): GridCell {
  if (!r) return { text: '–' };
  if (r.hidden) return { text: hiddenText(r.hidden, d.threshold), hidden: true };
  return r.cells.change_share === null || r.cells.change_share === undefined
    ? { text: '–' }
    : { text: pct(r.cells.change_share, d.lang, 1) };
}

export function benchmarkTrend(d: ReportData): string {
  const scope = { period: false, municipality: true };
  const figures = rowsOf(d, 'mart_benchmark', {}, scope);
  const changes = rowsOf(d, 'mart_benchmark_trend', {}, scope);
  const periods = d.periods.filter((p) => figures.some((r) => r.cells.period === p));
  // one municipality has nothing to be compared with; one period has no change
  if (periods.length < 2 || figures.some((r) => Number(r.cells.municipalities) < 2) || changes.length === 0)
    return '';
  const m = municipalityName(d.municipality);
  const title = tr(msg('benchmarkTrend.title'), d.lang, { m });
  const of = (p: string | undefined) => figures.find((r) => r.cells.period === p);
  const last = periods[periods.length - 1];
  const changeOf = (ind: string, p: string | undefined) =>
    changes.find((r) => r.cells.indicator === ind && r.cells.period === p);
  const table = gridTable(
    title,
    tr(msg('word.indicator'), d.lang),
    [...periods, tr(msg('trend.change'), d.lang)],
    INDICATORS.map(([ind, column]) => ({
      head: benchmarkLabel(d, column),
      cells: [...periods.map((p) => benchmarkFigure(d, of(p), column)), change(d, changeOf(ind, last))],
    })),
  );
  const chart = periodLines({
    title,
    desc: tr(msg('benchmarkTrend.desc'), d.lang),
    series: ['per_inhabitant_minor', 'expected_per_inhabitant_minor'].map((column) => ({
      name: benchmarkLabel(d, column),
      points: periods.map((p, i) => {
        const r = of(p);
        return [i, !r || r.hidden ? null : kr(r.cells[column])] as [number, number | null];
      }),
    })),
    periods,
    yFormat: krFmt(d.lang),
  });
  const previous = periods[periods.length - 2];
  const index = (p: string | undefined) => {
    const c = benchmarkFigure(d, of(p), 'cost_index');
    return c.hidden ? HIDDEN : c.text;
  };
  const perInhabitant = changeOf('per_inhabitant', last);
  const reading = say(msg('benchmarkTrend.reading'), d.lang, {
    m,
    p0: previous ?? '',
    p1: last ?? '',
    c: perInhabitant?.hidden ? HIDDEN : change(d, perInhabitant).text,
    i0: index(previous),
    i1: index(last),
  });
  return section('benchmark-trend', title, reading, chart, table);
}
