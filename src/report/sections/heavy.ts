/** The resource-heavy citizens: the services driving their cost and their breakdowns. */
import { formatNumber, tr } from '../../i18n.js';
import { splitBars } from '../charts.js';
import { kr, num } from '../format.js';
import { valueLabel } from '../labels.js';
import {
  msg,
  SECTION,
  rowsOf,
  say,
  share,
  label,
  htmlTable,
  section,
  details,
  krFmt,
  type ReportData,
} from '../kit.js';

export function heavy(d: ReportData): string {
  const services = rowsOf(d, 'mart_heavy', { dimension: 'service' }).filter((r) => r.cells.value !== '*');
  const groups = rowsOf(d, 'mart_heavy', { dimension: 'target_group' });
  if (services.length === 0 && groups.length === 0) return '';
  const byCost = [...services]
    .sort((a, b) => (num(b.cells.cost_minor) ?? -1) - (num(a.cells.cost_minor) ?? -1))
    .slice(0, 10);
  const title = tr(SECTION.heavy, d.lang);
  const chart = splitBars({
    title,
    desc: tr(msg('heavy.desc'), d.lang),
    categories: byCost.map((r) => label(d, r.cells.value)),
    parts: [
      {
        name: tr(msg('word.cost'), d.lang),
        values: byCost.map((r) => (r.hidden ? null : kr(r.cells.cost_minor))),
      },
    ],
    format: krFmt(d.lang),
    scale: 'auto',
    lang: d.lang,
  });
  const first = byCost.find((r) => !r.hidden);
  const reading = say(msg('heavy.reading'), d.lang, {
    a: formatNumber(Number(d.heavyThresholdMinor / 100n), d.lang, 0),
    s: first ? label(d, first.cells.value) : '–',
    c: share(d, first, 'cost_share'),
  });
  const dims = ['target_group', 'law', 'department', 'benefit_status', 'housing', 'age_band', 'sex'];
  const tables = [
    htmlTable(
      d,
      'mart_heavy',
      byCost,
      ['value', 'persons', 'cost_minor', 'cost_share'],
      tr(msg('heavy.services'), d.lang),
    ),
    ...dims.map((dim) => {
      const rows = rowsOf(d, 'mart_heavy', { dimension: dim });
      return rows.length
        ? htmlTable(
            d,
            'mart_heavy',
            rows,
            ['value', 'persons', 'cost_minor', 'persons_share', 'cost_share'],
            valueLabel(dim, d.lang),
          )
        : '';
    }),
  ];
  return section(
    'heavy',
    title,
    reading,
    chart,
    tables[0]! + details(d, tables.slice(1).join(''), tr(msg('heavy.more'), d.lang)),
  );
}
