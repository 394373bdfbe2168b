/** Citizens and cost by cost interval: a histogram and the interval table. */
import { formatNumber, tr } from '../../i18n.js';
import { barChart } from '../charts.js';
import { num } from '../format.js';
import {
  msg,
  SECTION,
  rowsOf,
  say,
  count,
  hiddenCount,
  htmlTable,
  section,
  intervalLabel,
  intervalShort,
  THOUSANDS,
  type ReportData,
} from '../kit.js';

export function intervals(d: ReportData): string {
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
    hiddenLabel: (i) => hiddenCount(d, parts[i]),
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
    t: count(d, 'mart_cost_interval', total, 'persons'),
    h:
      visible && heavy.length
        ? tr(msg('intervals.heavy'), d.lang, {
            n: heavyPersons,
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
