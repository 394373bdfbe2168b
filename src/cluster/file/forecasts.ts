/** The initiative forecasts of a cluster file and the inclusions reported (src/cluster/forecast.ts). */
import type { ClusterFile } from './schema.js';
import type { LoadContext, References } from './context.js';
import { at } from './errors.js';
import { checkForecast, type ForecastInput } from '../forecast.js';

/** Upsert the forecasts (checked: the ramp rises, the splits are percentages) and the reported inclusions. */
export async function saveForecasts(
  ctx: LoadContext,
  refs: References,
  list: ClusterFile['forecasts'],
): Promise<void> {
  const { tx, file, note, entry: E } = ctx;
  const { orgs, ref } = refs;
  for (const [i, f] of list.entries()) {
    const entry = E('forecasts', i, f.id);
    ref(entry, 'region', f.region, orgs);
    for (const m of Object.keys(f.targets)) ref(entry, 'targets', m, orgs);
    const input: ForecastInput = {
      start: f.start,
      months: f.months,
      targets: f.targets,
      ramp: f.ramp,
      region: f.region,
      equipmentPerCitizen: f.equipment_per_citizen,
      monitoringPerCitizenMonth: f.monitoring_per_citizen_month,
      equipmentSplit: f.equipment_split,
      monitoringSplit: f.monitoring_split,
    };
    await at(file, entry, async () => checkForecast(input));
    const spec = {
      ...input,
      equipmentPerCitizen: input.equipmentPerCitizen.toString(),
      monitoringPerCitizenMonth: input.monitoringPerCitizenMonth.toString(),
    };
    const r = await tx.query(
      `INSERT INTO cluster_forecast (id, title, spec) VALUES ($1, $2, $3::jsonb)
       ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, spec = EXCLUDED.spec
       WHERE (cluster_forecast.title, cluster_forecast.spec) IS DISTINCT FROM (EXCLUDED.title, EXCLUDED.spec)
       RETURNING id`,
      [f.id, f.title, JSON.stringify(spec)],
    );
    if (r.length) note('forecasts', { forecast: f.id });
    for (const a of f.actual) {
      ref(entry, 'actual.org', a.org, Object.keys(f.targets));
      const r2 = await tx.query(
        `INSERT INTO cluster_forecast_actual (forecast, month, org, included) VALUES ($1, $2, $3, $4)
         ON CONFLICT (forecast, month, org) DO UPDATE SET included = EXCLUDED.included
         WHERE cluster_forecast_actual.included IS DISTINCT FROM EXCLUDED.included
         RETURNING forecast`,
        [f.id, a.month, a.org, a.included],
      );
      if (r2.length) note('forecast_actual', { inclusions: `${f.id}/${a.month}/${a.org}`, to: a.included });
    }
  }
}
