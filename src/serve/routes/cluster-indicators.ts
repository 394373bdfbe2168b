/**
 * The values members report for the cluster's indicators, through the one publish path (src/publish)
 * before the page computes anything from them (src/cluster/indicators.ts).
 */
import { toSeries, type ReportedValue, type Series } from '../../cluster/indicators.js';
import type { Row } from '../../engine/engine.js';
import { hiddenCells, type ServedTable } from '../../publish/index.js';

const KEYS = ['level', 'unit', 'period', 'indicator'];
const COLUMNS: ServedTable['columns'] = [
  ...KEYS.map((name) => ({ name, type: 'VARCHAR', kind: 'text' as const, filterable: true })),
  { name: 'numerator', type: 'BIGINT', kind: 'count' as const, filterable: false },
  { name: 'denominator', type: 'BIGINT', kind: 'count' as const, filterable: false },
  { name: 'value', type: 'DECIMAL(18,4)', kind: 'number' as const, filterable: false },
];

/**
 * The reported values as the cluster page may show them: per member and period, and the cluster's sum
 * per period, passed through the one suppression (the settings of cluster_indicator: a count of 1 …
 * threshold−1 is hidden, and so is the cluster's sum of a period where a member's value is hidden).
 */
export function publishReported(values: ReportedValue[], threshold: number): Map<string, Series[]> {
  const rows: Row[] = [];
  const sums = new Map<string, number>();
  for (const v of values) {
    rows.push({
      level: 'municipality',
      unit: v.org,
      period: v.period,
      indicator: v.indicator,
      numerator: v.value,
      denominator: null,
      value: v.value,
    });
    const k = `${v.indicator}\u0000${v.period}`;
    sums.set(k, (sums.get(k) ?? 0) + v.value);
  }
  for (const [k, sum] of sums) {
    const [indicator = '', period = ''] = k.split('\u0000');
    rows.push({
      level: 'cluster',
      unit: 'cluster',
      period,
      indicator,
      numerator: sum,
      denominator: null,
      value: sum,
    });
  }
  const { hidden } = hiddenCells('cluster_indicator', rows, COLUMNS, threshold);
  return toSeries(
    rows.map((r, i) => ({
      indicator: String(r.indicator),
      level: r.level === 'cluster' ? 'cluster' : 'member',
      unit: String(r.unit),
      period: String(r.period),
      value: hidden.get(i)?.has('value') ? 'hidden' : Number(r.value),
    })),
  );
}
