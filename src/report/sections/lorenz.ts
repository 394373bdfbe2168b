/** How concentrated the cost is: the Lorenz curve, the Gini coefficient and the top shares. */
import { tr } from '../../i18n.js';
import { lineChart } from '../charts.js';
import { num } from '../format.js';
import { msg, SECTION, rowsOf, say, v, htmlTable, section, pctFmt, type ReportData } from '../kit.js';

export function lorenz(d: ReportData): string {
  const rows = rowsOf(d, 'mart_lorenz', { grp: 'all' });
  if (rows.length === 0) return '';
  const conc = rowsOf(d, 'mart_concentration', { grp: 'all' })[0];
  const tops = rowsOf(d, 'mart_top_share', { grp: 'all' });
  const title = tr(SECTION.lorenz, d.lang);
  const chart = lineChart({
    title,
    desc: tr(msg('lorenz.desc'), d.lang),
    series: [
      {
        name: tr(msg('word.cost'), d.lang),
        points: rows.map((r) => [num(r.cells.person_share) ?? 0, r.hidden ? null : num(r.cells.cost_share)]),
      },
    ],
    xFormat: pctFmt(d.lang),
    yFormat: pctFmt(d.lang),
    xMax: 1,
    yMax: 1,
    xTicks: [0, 0.25, 0.5, 0.75, 1],
    diagonal: true,
    xTitle: tr(msg('lorenz.xTitle'), d.lang),
    yTitle: tr(msg('lorenz.yTitle'), d.lang),
  });
  const reading = say(msg('lorenz.reading'), d.lang, { g: v(d, 'mart_concentration', conc, 'gini') });
  return section(
    'lorenz',
    title,
    reading,
    chart,
    htmlTable(
      d,
      'mart_top_share',
      tops,
      ['pct', 'persons', 'cost_minor', 'share'],
      tr(msg('lorenz.topShare'), d.lang),
    ),
  );
}
