/**
 * Initiative forecasts such as TeleKOL (telemonitoring of COPD patients): the citizens each
 * municipality expects to include, an inclusion ramp from the start date, costs per citizen, and the
 * cost splits between the region and the municipalities. Output: included citizens by month and the
 * cost per organisation per year, exact to the øre, beside the actual inclusions as they are reported.
 *
 * Conventions (docs/cluster.md): month 1 is the start month; the ramp gives the cumulative share
 * included at the end of a month, linear between its points from 0 % at month 0 and flat after the
 * last point; a municipality's included citizens are its target × that share, rounded half up; a
 * citizen is monitored from the month of inclusion; equipment is bought once, in that month.
 */
import { fraction, roundFractions, type Fraction } from '../core/money.js';
import { userError } from '../core/messages.js';

export interface RampPoint {
  /** months after the start (≥ 1) */
  month: number;
  /** cumulative share included, in percent (0–100, may have decimals as text, e.g. "12.5") */
  percent: number;
}

/** A split of a cost between the region and the municipalities (percent, summing to 100). */
export interface Split {
  region: number;
  municipalities: number;
}

export interface ForecastInput {
  /** first month, YYYY-MM */
  start: string;
  /** months to forecast */
  months: number;
  /** municipality → expected citizens */
  targets: Readonly<Record<string, number>>;
  ramp: readonly RampPoint[];
  /** the region's organisation id (it pays the region's part) */
  region: string;
  /** one-off cost per included citizen (øre) */
  equipmentPerCitizen: bigint;
  /** cost per monitored citizen per month (øre) */
  monitoringPerCitizenMonth: bigint;
  equipmentSplit: Split;
  monitoringSplit: Split;
  /** actual cumulative inclusions reported: month (YYYY-MM) → municipality → citizens */
  actual?: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

export interface ForecastMonth {
  month: string;
  /** municipality → cumulative citizens included (forecast) */
  included: Record<string, number>;
  /** municipality → citizens included this month */
  newlyIncluded: Record<string, number>;
  /** municipality → cumulative citizens reported, when reported */
  actual?: Record<string, number>;
}

export interface ForecastCost {
  year: number;
  org: string;
  equipment: bigint;
  monitoring: bigint;
  total: bigint;
}

export interface Forecast {
  months: ForecastMonth[];
  costs: ForecastCost[];
}

/** The cumulative share included at the end of month m (exact), from the ramp. */
export function rampShare(ramp: readonly RampPoint[], m: number): Fraction {
  const pts = [{ month: 0, percent: 0 }, ...ramp];
  const pct = (p: { percent: number }) => fraction(BigInt(Math.round(p.percent * 1000)), 100_000n);
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1]!;
    const b = pts[i]!;
    if (m <= b.month) {
      const pa = pct(a);
      const pb = pct(b);
      // pa + (pb − pa) × (m − a.month) / (b.month − a.month), exactly
      const span = BigInt(b.month - a.month);
      const step = BigInt(m - a.month);
      return fraction(pa.n * pb.d * span + (pb.n * pa.d - pa.n * pb.d) * step, pa.d * pb.d * span);
    }
  }
  return pct(pts[pts.length - 1]!);
}

/** n × share rounded half up (n ≥ 0). */
const roundHalfUp = (n: number, s: Fraction): number => Number((2n * BigInt(n) * s.n + s.d) / (2n * s.d));

function monthLabel(start: string, offset: number): { label: string; year: number } {
  const [y, mo] = start.split('-').map(Number) as [number, number];
  const i = y * 12 + (mo - 1) + offset;
  const year = Math.floor(i / 12);
  return { label: `${year}-${String((i % 12) + 1).padStart(2, '0')}`, year };
}

function checkSplit(name: string, s: Split): void {
  if (s.region < 0 || s.municipalities < 0 || Math.round((s.region + s.municipalities) * 1000) !== 100_000)
    throw userError('cluster.forecast.split', {
      split: name,
      region: s.region,
      municipalities: s.municipalities,
    });
}

/** Validate the input; a decreasing ramp, a split that is not 100 % or a bad month is a user error. */
export function checkForecast(input: ForecastInput): void {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(input.start))
    throw userError('cluster.forecast.start', { value: input.start.slice(0, 20) });
  if (!Number.isInteger(input.months) || input.months < 1 || input.months > 240)
    throw userError('cluster.forecast.months', { value: input.months });
  let prev = { month: 0, percent: 0 };
  for (const p of input.ramp) {
    if (!Number.isInteger(p.month) || p.month <= prev.month)
      throw userError('cluster.forecast.ramp_month', { month: p.month, previous: prev.month });
    if (!(p.percent >= prev.percent) || p.percent > 100)
      throw userError('cluster.forecast.ramp_decreases', {
        month: p.month,
        percent: p.percent,
        previous: prev.percent,
      });
    prev = p;
  }
  for (const [org, n] of Object.entries(input.targets))
    if (!Number.isInteger(n) || n < 0) throw userError('cluster.forecast.target', { org, value: n });
  checkSplit('equipment', input.equipmentSplit);
  checkSplit('monitoring', input.monitoringSplit);
}

/** Included citizens by month and cost per organisation per year. */
export function forecast(input: ForecastInput): Forecast {
  checkForecast(input);
  const munis = Object.keys(input.targets).sort();
  const months: ForecastMonth[] = [];
  const before: Record<string, number> = Object.fromEntries(munis.map((m) => [m, 0]));
  // per year: equipment and monitoring cost of each municipality's citizens (øre, exact)
  const perYear = new Map<
    number,
    { equipment: Record<string, bigint>; monitoring: Record<string, bigint> }
  >();
  for (let i = 0; i < input.months; i++) {
    const { label, year } = monthLabel(input.start, i);
    const share = rampShare(input.ramp, i + 1);
    const included: Record<string, number> = {};
    const newly: Record<string, number> = {};
    const y = perYear.get(year) ?? { equipment: {}, monitoring: {} };
    for (const m of munis) {
      included[m] = roundHalfUp(input.targets[m]!, share);
      newly[m] = Math.max(0, included[m] - before[m]!);
      before[m] = Math.max(before[m]!, included[m]);
      y.equipment[m] = (y.equipment[m] ?? 0n) + BigInt(newly[m]) * input.equipmentPerCitizen;
      y.monitoring[m] = (y.monitoring[m] ?? 0n) + BigInt(included[m]) * input.monitoringPerCitizenMonth;
    }
    perYear.set(year, y);
    const actual = input.actual?.[label];
    months.push({
      month: label,
      included,
      newlyIncluded: newly,
      ...(actual ? { actual: { ...actual } } : {}),
    });
  }
  const costs: ForecastCost[] = [];
  for (const [year, y] of [...perYear].sort((a, b) => a[0] - b[0])) {
    const equipment = splitLine(y.equipment, input.equipmentSplit, munis, input.region);
    const monitoring = splitLine(y.monitoring, input.monitoringSplit, munis, input.region);
    for (const org of [input.region, ...munis]) {
      const e = equipment.get(org) ?? 0n;
      const mo = monitoring.get(org) ?? 0n;
      costs.push({ year, org, equipment: e, monitoring: mo, total: e + mo });
    }
  }
  return { months, costs };
}

/**
 * One cost line of a year split between the region and the municipalities: the region pays its
 * percent of the whole, each municipality the municipalities' percent of its own citizens' cost;
 * rounded once, so the parts add up to the line.
 */
function splitLine(
  byMuni: Record<string, bigint>,
  split: Split,
  munis: readonly string[],
  region: string,
): Map<string, bigint> {
  const total = munis.reduce((s, m) => s + (byMuni[m] ?? 0n), 0n);
  const r = BigInt(Math.round(split.region * 1000));
  const k = BigInt(Math.round(split.municipalities * 1000));
  const parts = [
    fraction(total * r, 100_000n),
    ...munis.map((m) => fraction((byMuni[m] ?? 0n) * k, 100_000n)),
  ];
  const rounded = roundFractions(total, parts);
  return new Map([[region, rounded[0]!], ...munis.map((m, i) => [m, rounded[i + 1]!] as [string, bigint])]);
}
