/** Consumption by age: per user and per inhabitant. */
import { tr } from '../../i18n.js';
import { lineChart } from '../charts.js';
import { kr } from '../format.js';
import { msg, SECTION, rowsOf, htmlTable, section, krFmt, type ReportData } from '../kit.js';

export function consumption(d: ReportData): string {
  const rows = rowsOf(d, 'mart_consumption').filter((r) => r.cells.age_group !== '*');
  if (rows.length === 0) return '';
  rows.sort((a, b) => Number(a.cells.age_from) - Number(b.cells.age_from));
  const title = tr(SECTION.consumption, d.lang);
  const pts = (c: string) =>
    rows.map((r, i) => [i, r.hidden ? null : kr(r.cells[c])] as [number, number | null]);
  const chart = lineChart({
    title,
    desc: tr(msg('consumption.desc'), d.lang),
    series: [
      { name: tr(msg('consumption.perUser'), d.lang), points: pts('per_user_minor') },
      {
        name: tr(msg('consumption.perInhabitant'), d.lang),
        points: pts('per_inhabitant_minor'),
      },
    ],
    xFormat: (x) => String(rows[x]?.cells.age_group ?? ''),
    yFormat: krFmt(d.lang),
    xTicks: rows.map((_, i) => i),
    xLabels: rows.map((r) => String(r.cells.age_group)),
    xMax: Math.max(1, rows.length - 1),
    xTitle: tr(msg('consumption.xTitle'), d.lang),
  });
  const reading = tr(msg('consumption.reading'), d.lang);
  const all = rowsOf(d, 'mart_consumption');
  all.sort((a, b) => Number(a.cells.age_from) - Number(b.cells.age_from));
  return section(
    'consumption',
    title,
    reading,
    chart,
    htmlTable(
      d,
      'mart_consumption',
      all,
      ['age_group', 'persons', 'cost_minor', 'inhabitants', 'per_user_minor', 'per_inhabitant_minor'],
      title,
    ),
  );
}
