/** Overlapping services: citizens with two or more services of one kind. */
import { formatNumber, tr } from '../../i18n.js';
import { barChart } from '../charts.js';
import { num } from '../format.js';
import {
  msg,
  hiddenCount,
  SECTION,
  rowsOf,
  say,
  count,
  label,
  htmlTable,
  section,
  details,
  type ReportData,
} from '../kit.js';

export function serviceOverlap(d: ReportData): string {
  const rows = rowsOf(d, 'mart_service_overlap');
  if (rows.length === 0) return '';
  const families = [...new Set(rows.map((r) => String(r.cells.family)))];
  const first = d.overlapFamilies.filter((f) => families.includes(f));
  const multi = (f: string) => rows.find((r) => r.cells.family === f && r.cells.measure === 'multiple');
  const ordered = [
    ...first,
    ...families
      .filter((f) => !first.includes(f))
      .sort((a, b) => (num(multi(b)?.cells.persons) ?? 0) - (num(multi(a)?.cells.persons) ?? 0)),
  ];
  const title = tr(SECTION.serviceOverlap, d.lang);
  const shownFamilies = ordered.slice(0, 8);
  const chart = barChart({
    title,
    desc: tr(msg('serviceOverlap.desc'), d.lang),
    categories: shownFamilies.map((f) => label(d, f)),
    values: shownFamilies.map((f) => {
      const r = multi(f);
      return !r ? 0 : r.hidden ? null : num(r.cells.persons);
    }),
    format: (x) => formatNumber(x, d.lang, 0),
    hiddenLabel: (i) => hiddenCount(d, multi(shownFamilies[i]!)),
    scale: 'auto',
    lang: d.lang,
  });
  const f0 = first[0] ?? ordered[0]!;
  const reading = say(msg('serviceOverlap.reading'), d.lang, {
    n: count(d, 'mart_service_overlap', multi(f0), 'persons'),
    f: label(d, f0).toLowerCase(),
  });
  const tableRows = ordered.flatMap((f) => rows.filter((r) => r.cells.family === f));
  return section(
    'service-overlap',
    title,
    reading,
    chart,
    details(
      d,
      htmlTable(d, 'mart_service_overlap', tableRows, ['family', 'measure', 'persons', 'cost_minor'], title),
    ),
  );
}
