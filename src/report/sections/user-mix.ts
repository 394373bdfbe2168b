/** User mix by area and the outliers. */
import { tr } from '../../i18n.js';
import { lineChart } from '../charts.js';
import { num } from '../format.js';
import {
  msg,
  SECTION,
  rowsOf,
  label,
  htmlTable,
  section,
  intervalShort,
  THOUSANDS,
  pctFmt,
  type ReportData,
} from '../kit.js';

export function userMix(d: ReportData): string {
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
