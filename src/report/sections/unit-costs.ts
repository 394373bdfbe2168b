/** Unit costs split into direct, administration and other common costs. */
import { formatNumber, tr } from '../../i18n.js';
import { municipalityName } from '../../labels/municipalities.js';
import type { PublishedRow } from '../../publish/index.js';
import { splitBars } from '../charts.js';
import { cellText, kr, num } from '../format.js';
import {
  msg,
  SECTION,
  tableOf,
  rowsOf,
  label,
  htmlTable,
  section,
  gridTable,
  details,
  type ReportData,
} from '../kit.js';

export function unitCosts(d: ReportData): string {
  const rows = rowsOf(d, 'mart_unit_cost');
  if (rows.length === 0) return '';
  const top = [...rows]
    .sort((a, b) => (num(b.cells.total_minor) ?? -1) - (num(a.cells.total_minor) ?? -1))
    .slice(0, 12);
  const title = tr(SECTION.unitCost, d.lang);
  const part = (c: string) => top.map((r) => (r.hidden ? null : kr(r.cells[c])));
  const chart = splitBars({
    title,
    desc: tr(msg('unitCost.desc'), d.lang),
    categories: top.map((r) => serviceUnit(d, r)),
    parts: [
      { name: tr(msg('unitCost.direct'), d.lang), values: part('direct_per_unit_minor') },
      {
        name: tr(msg('unitCost.admin'), d.lang),
        values: part('admin_per_unit_minor'),
      },
      {
        name: tr(msg('unitCost.other'), d.lang),
        values: part('other_per_unit_minor'),
      },
    ],
    format: (x) => formatNumber(x, d.lang, 0),
  });
  const reading = tr(msg('unitCost.reading'), d.lang);
  const muni = d.municipalities.length > 1 ? unitCostPivot(d) : '';
  return section(
    'unit-costs',
    title,
    reading,
    chart,
    htmlTable(
      d,
      'mart_unit_cost',
      top,
      [
        'catalogue_code',
        'provider',
        'unit',
        'volume',
        'unit_cost_minor',
        'direct_per_unit_minor',
        'admin_per_unit_minor',
        'other_per_unit_minor',
        'persons',
      ],
      title,
    ) + muni,
  );
}

/** "Service (unit)", or "Service (purchased, unit)" for an external provider. */
function serviceUnit(d: ReportData, r: PublishedRow): string {
  const p = r.cells.provider;
  const by = p && p !== 'own' ? `${label(d, p)}, ` : '';
  return `${label(d, r.cells.catalogue_code)} (${by}${label(d, r.cells.unit)})`;
}

/** Unit cost per service (rows) and municipality (columns), for the period. */
function unitCostPivot(d: ReportData): string {
  const all = rowsOf(d, 'mart_unit_cost', {}, { period: true });
  const t = tableOf(d, 'mart_unit_cost')!;
  const keys = [
    ...new Set(
      all.map((r) => `${String(r.cells.catalogue_code)}|${String(r.cells.provider)}|${String(r.cells.unit)}`),
    ),
  ].sort();
  const title = tr(msg('unitCost.pivot'), d.lang);
  const rows = keys.map((k) => {
    const [code, provider, unit] = k.split('|');
    const cells = d.municipalities.map((m) => {
      const r = all.find(
        (x) =>
          x.cells.municipality === m &&
          x.cells.catalogue_code === code &&
          x.cells.provider === provider &&
          x.cells.unit === unit,
      );
      return { text: r ? cellText(t, r, 'unit_cost_minor', d.lang) : '–', hidden: r?.hidden != null };
    });
    const name = `${label(d, code)} (${provider === 'own' ? '' : `${label(d, provider)}, `}${label(d, unit)})`;
    return { head: name, cells };
  });
  const table = gridTable(
    title,
    tr(msg('unitCost.service'), d.lang),
    d.municipalities.map(municipalityName),
    rows,
  );
  return details(d, table, title);
}
