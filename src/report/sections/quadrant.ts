/** Expensive municipally and regionally: four boxes. */
import { tr } from '../../i18n.js';
import { quadrantChart } from '../charts.js';
import { num } from '../format.js';
import {
  msg,
  SECTION,
  rowsOf,
  say,
  count,
  v,
  money,
  label,
  htmlTable,
  section,
  type ReportData,
} from '../kit.js';

export function quadrant(d: ReportData): string {
  const rows = rowsOf(d, 'mart_quadrant');
  if (rows.length === 0) return '';
  const order = ['high_high', 'high_low', 'low_high', 'low_low'];
  const get = (q: string) => rows.find((r) => r.cells.quadrant === q);
  const total = get('*');
  const totalN = total && !total.hidden ? (num(total.cells.persons) ?? 1) : 1;
  const title = tr(SECTION.quadrant, d.lang);
  const services = rowsOf(d, 'mart_quadrant_service');
  const chart = quadrantChart({
    title,
    desc: tr(msg('quadrant.desc'), d.lang),
    boxes: order.map((q) => {
      const r = get(q);
      const top = services.filter((s) => s.cells.quadrant === q && !s.hidden)[0];
      return {
        label: label(d, q),
        weight: r && !r.hidden ? Math.sqrt((num(r.cells.persons) ?? 0) / totalN) : 0,
        lines: [
          `${tr(msg('quadrant.persons'), d.lang)}: ${v(d, 'mart_quadrant', r, 'persons')}`,
          `${tr(msg('quadrant.municipal'), d.lang)}: ${money(d, r, 'municipal_minor')}`,
          `${tr(msg('quadrant.regional'), d.lang)}: ${money(d, r, 'regional_minor')}`,
          `${tr(msg('quadrant.meanAge'), d.lang)}: ${v(d, 'mart_quadrant', r, 'mean_age')}`,
          top ? `${tr(msg('quadrant.largest'), d.lang)}: ${label(d, top.cells.catalogue_code)}` : '',
        ].filter(Boolean),
      };
    }),
    xTitle: tr(msg('quadrant.xTitle'), d.lang),
    yTitle: tr(msg('quadrant.yTitle'), d.lang),
  });
  const reading = say(msg('quadrant.reading'), d.lang, {
    n: count(d, 'mart_quadrant', get('high_high'), 'persons'),
  });
  const sorted = [...rows].sort(
    (a, b) => order.indexOf(String(a.cells.quadrant)) - order.indexOf(String(b.cells.quadrant)),
  );
  return section(
    'quadrant',
    title,
    reading,
    chart,
    htmlTable(
      d,
      'mart_quadrant',
      sorted,
      ['quadrant', 'persons', 'municipal_minor', 'regional_minor', 'mean_age'],
      title,
    ),
  );
}
