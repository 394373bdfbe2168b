/** The indicators of a cluster file with their targets, and the values members report (src/cluster/indicators.ts). */
import type { ClusterFile } from './schema.js';
import type { LoadContext, References } from './context.js';
import { at, fileError } from './errors.js';
import { PERIOD, reportIndicatorValue } from '../indicators.js';

/** Upsert the indicator definitions; then the reported values through the store function (audited from → to). */
export async function saveIndicators(
  ctx: LoadContext,
  refs: References,
  defs: ClusterFile['indicators'],
  values: ClusterFile['indicator_values'],
): Promise<void> {
  const { tx, actor, file, changed, note, entry: E } = ctx;
  const { orgs, ref, during } = refs;
  for (const [i, d] of defs.entries()) {
    const entry = E('indicators', i, d.id);
    if ((d.target_change_percent === undefined) === (d.target_value === undefined))
      throw fileError('indicator_target', file, entry);
    if (d.source === 'warehouse' && (!d.warehouse_indicator || !d.warehouse_cluster))
      throw fileError('indicator_warehouse', file, entry);
    if (d.source === 'reported' && !PERIOD.test(d.baseline_period))
      throw fileError('invalid', file, `${entry}.baseline_period`, {
        problem: 'a period: 2024, 2024-H1, 2024-Q3 or 2024-05',
      });
    const cols = [
      d.title,
      d.source,
      d.source === 'warehouse' ? d.warehouse_indicator! : null,
      d.source === 'warehouse' ? d.warehouse_cluster! : null,
      d.better,
      d.baseline_period,
      d.target_change_percent ?? null,
      d.target_value ?? null,
      d.follow_up ?? null,
      d.note ?? null,
    ];
    const r = await tx.query(
      `INSERT INTO cluster_indicator_def (id, title, source, warehouse_indicator, warehouse_cluster, better,
         baseline_period, target_change_pct, target_value, follow_up, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::numeric, $9::numeric, $10, $11)
       ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, source = EXCLUDED.source,
         warehouse_indicator = EXCLUDED.warehouse_indicator, warehouse_cluster = EXCLUDED.warehouse_cluster,
         better = EXCLUDED.better, baseline_period = EXCLUDED.baseline_period,
         target_change_pct = EXCLUDED.target_change_pct, target_value = EXCLUDED.target_value,
         follow_up = EXCLUDED.follow_up, note = EXCLUDED.note
       WHERE (cluster_indicator_def.title, cluster_indicator_def.source, cluster_indicator_def.warehouse_indicator,
              cluster_indicator_def.warehouse_cluster, cluster_indicator_def.better, cluster_indicator_def.baseline_period,
              cluster_indicator_def.target_change_pct, cluster_indicator_def.target_value,
              cluster_indicator_def.follow_up, cluster_indicator_def.note)
             IS DISTINCT FROM
             (EXCLUDED.title, EXCLUDED.source, EXCLUDED.warehouse_indicator, EXCLUDED.warehouse_cluster,
              EXCLUDED.better, EXCLUDED.baseline_period, EXCLUDED.target_change_pct, EXCLUDED.target_value,
              EXCLUDED.follow_up, EXCLUDED.note)
       RETURNING id`,
      [d.id, ...cols],
    );
    if (r.length)
      note('indicators', {
        indicator: d.id,
        baseline_period: d.baseline_period,
        target: d.target_change_percent !== undefined ? `${d.target_change_percent} %` : d.target_value,
      });
  }
  const indicators = (await tx.query<{ id: string }>('SELECT id FROM cluster_indicator_def ORDER BY id')).map(
    (d) => d.id,
  );
  // reported values through the store function: audited from → to, like a report on the pages
  for (const [i, v] of values.entries()) {
    const entry = E('indicator_values', i, v.indicator);
    ref(entry, 'indicator', v.indicator, indicators);
    ref(entry, 'org', v.org, orgs);
    during(entry, 'org', v.org, Number(v.period.slice(0, 4)));
    if (await at(file, entry, () => reportIndicatorValue(tx, actor, v))) changed.indicator_values!++;
  }
}
