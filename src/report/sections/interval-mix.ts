/** Law or target group within each cost interval: stacked bars. */
import { tr } from '../../i18n.js';
import type { PublishedRow } from '../../publish/index.js';
import { stackedBars } from '../charts.js';
import { num } from '../format.js';
import {
  msg,
  SECTION,
  rowsOf,
  label,
  htmlTable,
  section,
  details,
  intervalLabel,
  intervalShort,
  THOUSANDS,
  intervalByNo,
  pctFmt,
  type ReportData,
} from '../kit.js';

/** The two breakdowns of the cost intervals: what each one measures and its texts. */
export const INTERVAL_MIX = {
  law: {
    id: 'law',
    measure: 'cost_minor',
    title: SECTION.law,
    desc: msg('intervalMix.lawDesc'),
    reading: msg('intervalMix.lawReading'),
  },
  target_group: {
    id: 'target-groups',
    measure: 'persons',
    title: SECTION.targetGroup,
    desc: msg('intervalMix.targetGroupDesc'),
    reading: msg('intervalMix.targetGroupReading'),
  },
} as const;

export function intervalMix(d: ReportData, dimension: keyof typeof INTERVAL_MIX): string {
  const mix = INTERVAL_MIX[dimension];
  const rows = rowsOf(d, 'mart_interval_mix', { dimension });
  if (rows.length === 0) return '';
  const ints = rowsOf(d, 'mart_cost_interval', { grp: 'all' }).filter((r) => r.cells.interval_no !== 0);
  const intervalNos = [...new Set(rows.map((r) => Number(r.cells.interval_no)))].sort((a, b) => a - b);
  const values = [...new Set(rows.filter((r) => r.cells.value !== '*').map((r) => String(r.cells.value)))];
  const measure = mix.measure;
  // the largest values get their own colour; the rest are drawn as "other"
  const weight = (val: string) =>
    rows.filter((r) => r.cells.value === val).reduce((s, r) => s + (num(r.cells[measure]) ?? 0), 0);
  values.sort((a, b) => weight(b) - weight(a));
  const shown = values.slice(0, 7);
  const cat = (no: number) => {
    const r = ints.find((x) => Number(x.cells.interval_no) === no);
    return r ? intervalShort(d, r) : String(no);
  };
  const cellOf = (val: string, no: number) =>
    rows.find((x) => x.cells.value === val && Number(x.cells.interval_no) === no);
  const series = shown.map((val) => ({
    name: label(d, val),
    values: intervalNos.map((no) => {
      const r = cellOf(val, no);
      return !r || r.hidden ? null : num(r.cells[measure]);
    }),
  }));
  // values beyond the first seven are drawn as "other"; hidden cells as one grey part: total − visible
  const rest = values.slice(7);
  if (rest.length)
    series.push({
      name: tr(msg('intervalMix.other'), d.lang),
      values: intervalNos.map((no) =>
        rest.reduce((sum, val) => {
          const r = cellOf(val, no);
          return sum + (!r || r.hidden ? 0 : (num(r.cells[measure]) ?? 0));
        }, 0),
      ),
    });
  const hiddenPart = intervalNos.map((no, i) => {
    const r = cellOf('*', no);
    if (!r || r.hidden) return null;
    const visible = series.reduce((sum, x) => sum + (x.values[i] ?? 0), 0);
    return Math.max(0, (num(r.cells[measure]) ?? 0) - visible);
  });
  if (hiddenPart.some((x) => (x ?? 0) > 0))
    series.push({
      name: tr(msg('intervalMix.hidden'), d.lang),
      values: hiddenPart,
    });
  const title = tr(mix.title, d.lang);
  const chart = stackedBars({
    title,
    desc: tr(mix.desc, d.lang),
    categories: intervalNos.map(cat),
    series,
    format: pctFmt(d.lang),
    xTitle: tr(THOUSANDS, d.lang),
    hiddenLast: hiddenPart.some((x) => (x ?? 0) > 0),
  });
  const reading = tr(mix.reading, d.lang);
  const tableRows = rows
    .filter((r) => r.cells.value !== '*')
    .sort((a, b) => Number(a.cells.interval_no) - Number(b.cells.interval_no));
  const byNo = intervalByNo(d);
  const intervalText = (r: PublishedRow) => {
    const x = byNo(r.cells.interval_no);
    return x ? intervalLabel(d, x) : String(r.cells.interval_no);
  };
  const table = details(
    d,
    htmlTable(d, 'mart_interval_mix', tableRows, ['interval_no', 'value', 'persons', 'cost_minor'], title, {
      interval_no: intervalText,
    }),
  );
  return section(mix.id, title, reading, chart, table);
}
