/** Municipalities side by side (when the workspace has several). */
import { tr } from '../../i18n.js';
import { municipalityName } from '../../labels/municipalities.js';
import { barChart } from '../charts.js';
import { kr } from '../format.js';
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

export function benchmark(d: ReportData): string {
  if (d.municipalities.length < 2) return '';
  const rows = rowsOf(d, 'mart_key_figure', {}, { period: true });
  if (rows.length === 0) return '';
  const title = tr(SECTION.benchmark, d.lang);
  const table = gridTable(
    title,
    tr(msg('word.indicator'), d.lang),
    d.municipalities.map(municipalityName),
    KEY_INDICATORS.map((ind) => ({
      head: valueLabel(ind, d.lang),
      cells: d.municipalities.map((m) => ({
        text: indicatorValue(
          d,
          rows.find((r) => r.cells.municipality === m && r.cells.indicator === ind),
        ),
      })),
    })),
  );
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
  return section('benchmark', title, reading, chart, table);
}
