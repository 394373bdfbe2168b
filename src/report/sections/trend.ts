/** Trends over time (when the workspace has several periods). */
import { tr } from '../../i18n.js';
import { hiddenText } from '../../publish/index.js';
import { periodLines } from '../charts.js';
import { kr, pct } from '../format.js';
import { valueLabel } from '../labels.js';
import {
  msg,
  SECTION,
  rowsOf,
  section,
  gridTable,
  krFmt,
  KEY_INDICATORS,
  indicatorValue,
  type ReportData,
} from '../kit.js';

export function trend(d: ReportData): string {
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
  const chart = periodLines({
    title,
    desc: tr(msg('trend.desc'), d.lang),
    series,
    periods,
    yFormat: krFmt(d.lang),
  });
  const last = periods[periods.length - 1];
  const table = gridTable(
    title,
    tr(msg('word.indicator'), d.lang),
    [...periods, tr(msg('trend.change'), d.lang)],
    KEY_INDICATORS.map((ind) => {
      const of = (p: string | undefined) =>
        rows.find((r) => r.cells.period === p && r.cells.indicator === ind);
      const lr = of(last);
      const change = !lr
        ? '–'
        : lr.hidden
          ? hiddenText(lr.hidden, d.threshold)
          : lr.cells.change_share === null
            ? '–'
            : pct(lr.cells.change_share, d.lang, 1);
      return {
        head: valueLabel(ind, d.lang),
        cells: [...periods.map((p) => ({ text: indicatorValue(d, of(p)) })), { text: change }],
      };
    }),
  );
  const reading = tr(msg('trend.reading'), d.lang);
  return section('trend', title, reading, chart, table);
}
