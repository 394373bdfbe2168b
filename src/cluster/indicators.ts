/**
 * A cluster's indicators with targets (issue 16 item 7, docs/cluster.md "Indicators"): each indicator
 * declared in the cluster file has a baseline period and a target (a change from the baseline in
 * percent, or a value to reach); the page shows per member and for the whole cluster the baseline,
 * the target, the latest value, the trend and the progress towards the target.
 *
 * Values come from two places, and both pass the one publish path (src/publish) before anything is
 * computed from them: the analysis warehouse's `cluster_indicator` (already suppressed in the server's
 * snapshot) and the values members report into the store (suppressed by the cluster routes with the
 * settings of `cluster_indicator`: a cluster row is hidden when a member's row of that period is). A figure
 * derived from a hidden one (a target from a hidden baseline, a progress from a hidden value) is hidden.
 */
import type { Row } from '../engine/engine.js';
import { userError } from '../core/messages.js';
import { appendAudit } from '../store/audit.js';
import type { Db } from '../store/db.js';
import type { ClusterActor } from './store.js';

export interface IndicatorDef {
  id: string;
  title: string;
  source: 'reported' | 'warehouse';
  /** the indicator's name in the warehouse's cluster_indicator (source 'warehouse') */
  warehouseIndicator: string | null;
  /** the cluster's unit in cluster_indicator (level 'cluster'), i.e. the trajectories' cluster name */
  warehouseCluster: string | null;
  better: 'higher' | 'lower';
  baselinePeriod: string;
  /** a change from the baseline in percent (+50, -10) … */
  targetChangePct: number | null;
  /** … or a value to reach (exactly one of the two) */
  targetValue: number | null;
  followUp: string | null;
  note: string | null;
}

/** A value as published: a number, or hidden because it concerns too few persons. */
export type Published = number | 'hidden';

/** One unit's (a member's or the cluster's) published values by period. */
export interface Series {
  level: 'member' | 'cluster';
  /** the member's organisation id, or 'cluster' */
  unit: string;
  values: ReadonlyMap<string, Published>;
  /** the cluster series after a takeover: the organisation holding the latest period (src/cluster/indicator-succession.ts) */
  holder?: string;
  /** … and the earlier holders whose periods the series carries as its history */
  predecessors?: readonly { org: string; until: string }[];
}

export interface Progress {
  level: 'member' | 'cluster';
  unit: string;
  baseline: Published | null;
  target: Published | null;
  latestPeriod: string | null;
  latest: Published | null;
  previous: Published | null;
  trend: 'up' | 'down' | 'flat' | null;
  /** how far from the baseline to the target the latest value has come, in whole percent */
  progressPct: Published | null;
  met: boolean | 'hidden' | null;
  /** the series' holder and predecessors, when a council took over the cluster */
  holder?: string;
  predecessors?: readonly { org: string; until: string }[];
}

const collator = new Intl.Collator('en', { numeric: true });
/** Periods in their order: `2023` < `2023-H1` < `2023-H2` < `2024`. */
export const byPeriod = (a: string, b: string) => collator.compare(a, b);

/**
 * Baseline, target, latest value, trend and progress of one unit. The latest value is the one of the
 * last period after the baseline period; progress = (latest − baseline) / (target − baseline) × 100,
 * rounded half away from zero to whole percent (none when target = baseline). Met: latest ≥ target
 * when higher is better, ≤ when lower is.
 * @example progressOf(def, series) // baseline 44, +50 % → target 66; latest 55 → progress 50 %
 */
export function progressOf(def: IndicatorDef, s: Series): Progress {
  const baseline = s.values.get(def.baselinePeriod) ?? null;
  const target: Published | null =
    def.targetValue !== null
      ? def.targetValue
      : baseline === null
        ? null
        : baseline === 'hidden'
          ? 'hidden'
          : round2((baseline * (100 + def.targetChangePct!)) / 100);
  const later = [...s.values.keys()].filter((p) => byPeriod(p, def.baselinePeriod) > 0).sort(byPeriod);
  const latestPeriod = later.at(-1) ?? null;
  const latest = latestPeriod === null ? null : s.values.get(latestPeriod)!;
  const all = [...s.values.keys()].sort(byPeriod);
  const prevPeriod = latestPeriod === null ? undefined : all[all.indexOf(latestPeriod) - 1];
  const previous = prevPeriod === undefined ? null : s.values.get(prevPeriod)!;
  const numbers = (...v: (Published | null)[]) => v.every((x) => typeof x === 'number');
  const anyHidden = (...v: (Published | null)[]) => v.some((x) => x === 'hidden');
  const trend = numbers(latest, previous)
    ? (latest as number) > (previous as number)
      ? 'up'
      : (latest as number) < (previous as number)
        ? 'down'
        : 'flat'
    : null;
  let progressPct: Published | null = null;
  if (anyHidden(latest, baseline, target)) progressPct = latest === null ? null : 'hidden';
  else if (numbers(latest, baseline, target) && target !== baseline)
    progressPct = roundHalfAway(
      (((latest as number) - (baseline as number)) / ((target as number) - (baseline as number))) * 100,
    );
  let met: Progress['met'] = null;
  if (anyHidden(latest, target)) met = latest === null ? null : 'hidden';
  else if (numbers(latest, target))
    met =
      def.better === 'higher'
        ? (latest as number) >= (target as number)
        : (latest as number) <= (target as number);
  return {
    level: s.level,
    unit: s.unit,
    baseline,
    target,
    latestPeriod,
    latest,
    previous,
    trend,
    progressPct,
    met,
    ...(s.holder ? { holder: s.holder } : {}),
    ...(s.predecessors?.length ? { predecessors: s.predecessors } : {}),
  };
}

const round2 = (v: number) => Math.round(v * 100) / 100;
const roundHalfAway = (v: number) => Math.sign(v) * Math.round(Math.abs(v) + 1e-9);

// ---------------------------------------------------------------- the values, through the publish path

export interface ReportedValue {
  indicator: string;
  org: string;
  period: string;
  value: number;
}

/**
 * The warehouse's cluster_indicator rows of the server's snapshot (already suppressed: a hidden value
 * is null) for the indicators declared with source 'warehouse'; a municipality's rows belong to the
 * member whose municipality code it is, the cluster's rows to the declared cluster.
 */
export function warehouseSeries(
  defs: IndicatorDef[],
  rows: readonly Row[],
  municipalityOf: ReadonlyMap<string, string>,
): Map<string, Series[]> {
  const out: SeriesItem[] = [];
  for (const d of defs) {
    if (d.source !== 'warehouse') continue;
    for (const r of rows) {
      if (r.indicator !== d.warehouseIndicator) continue;
      const cluster = r.level === 'cluster' && r.unit === d.warehouseCluster;
      const member = r.level === 'municipality' ? municipalityOf.get(String(r.unit)) : undefined;
      if (!cluster && !member) continue;
      const v = r.value;
      out.push({
        indicator: d.id,
        level: cluster ? 'cluster' : 'member',
        unit: cluster ? 'cluster' : member!,
        period: String(r.period),
        value: v === null || v === undefined ? 'hidden' : Number(v),
      });
    }
  }
  return toSeries(out);
}

/** One published value of an indicator for a unit and period, before it joins its series. */
export interface SeriesItem {
  indicator: string;
  level: 'member' | 'cluster';
  unit: string;
  period: string;
  value: Published;
}

/** Items by indicator as series, the cluster first, then the members by id. */
export function toSeries(items: SeriesItem[]): Map<string, Series[]> {
  const out = new Map<string, Series[]>();
  for (const it of items) {
    const list = out.get(it.indicator) ?? [];
    let s = list.find((x) => x.level === it.level && x.unit === it.unit);
    if (!s) {
      s = { level: it.level, unit: it.unit, values: new Map() };
      list.push(s);
    }
    (s.values as Map<string, Published>).set(it.period, it.value);
    out.set(it.indicator, list);
  }
  // the cluster first, then the members by id
  for (const list of out.values())
    list.sort((a, b) =>
      a.level === b.level ? a.unit.localeCompare(b.unit) : a.level === 'cluster' ? -1 : 1,
    );
  return out;
}

// ---------------------------------------------------------------- the store

export async function indicatorDefs(db: Db): Promise<IndicatorDef[]> {
  const rows = await db.query<{
    id: string;
    title: string;
    source: IndicatorDef['source'];
    warehouse_indicator: string | null;
    warehouse_cluster: string | null;
    better: IndicatorDef['better'];
    baseline_period: string;
    target_change_pct: unknown;
    target_value: unknown;
    follow_up: string | null;
    note: string | null;
  }>('SELECT * FROM cluster_indicator_def ORDER BY id');
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    source: r.source,
    warehouseIndicator: r.warehouse_indicator,
    warehouseCluster: r.warehouse_cluster,
    better: r.better,
    baselinePeriod: r.baseline_period,
    targetChangePct: num(r.target_change_pct),
    targetValue: num(r.target_value),
    followUp: r.follow_up,
    note: r.note,
  }));
}

export async function reportedValues(db: Db): Promise<ReportedValue[]> {
  return (
    await db.query<{ indicator: string; org: string; period: string; value: unknown }>(
      'SELECT indicator, org, period, value FROM cluster_indicator_value ORDER BY indicator, org, period',
    )
  ).map((r) => ({ ...r, value: Number(r.value) }));
}

/** A period id: `2024`, `2024-H1`, `2024-Q3` or `2024-05`. */
export const PERIOD = /^\d{4}(-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$/;

/**
 * Report a value the warehouse does not hold (secretariat; a member's people for their own
 * organisation), replacing the one reported before, audited from → to in the same transaction.
 */
export async function reportIndicatorValue(db: Db, actor: ClusterActor, v: ReportedValue): Promise<boolean> {
  const secretariat = actor.roles.includes('cluster_secretariat');
  const own = actor.roles.includes('economic_owner') && actor.organisation === v.org;
  const err = (key: string, status: number, vars: Record<string, string | number>) =>
    Object.assign(userError(`cluster.${key}`, vars), { status });
  if (!secretariat && !own) throw err('indicator_not_own', 403, { org: v.org.slice(0, 60) });
  if (!PERIOD.test(v.period)) throw err('bad_period', 400, { value: v.period.slice(0, 20) });
  if (!Number.isSafeInteger(v.value) || v.value < 0) throw err('bad_count', 400, { value: String(v.value) });
  return db.transaction(async (tx) => {
    const [def] = await tx.query<{ source: string; title: string }>(
      'SELECT source, title FROM cluster_indicator_def WHERE id = $1',
      [v.indicator],
    );
    if (!def) throw err('unknown_indicator', 404, { indicator: v.indicator.slice(0, 60) });
    if (def.source !== 'reported') throw err('indicator_not_reported', 400, { indicator: def.title });
    const [org] = await tx.query('SELECT id FROM cluster_org WHERE id = $1', [v.org]);
    if (!org) throw err('unknown_org', 400, { org: v.org.slice(0, 60) });
    const [before] = await tx.query<{ value: unknown }>(
      'SELECT value FROM cluster_indicator_value WHERE indicator = $1 AND org = $2 AND period = $3',
      [v.indicator, v.org, v.period],
    );
    if (before && Number(before.value) === v.value) return false;
    await tx.query(
      `INSERT INTO cluster_indicator_value (indicator, org, period, value, reported_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (indicator, org, period) DO UPDATE SET value = EXCLUDED.value, reported_by = EXCLUDED.reported_by, reported_at = now()`,
      [v.indicator, v.org, v.period, v.value, actor.id],
    );
    await appendAudit(tx, {
      actor: actor.id,
      action: 'cluster.indicator_value',
      purpose: 'cluster',
      subject: v.indicator,
      detail: { org: v.org, period: v.period, from: before ? Number(before.value) : null, to: v.value },
    });
    return true;
  });
}
