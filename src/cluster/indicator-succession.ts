/**
 * Cluster indicators that follow the organisation valid on each date (issue 20 item 4, docs/cluster.md
 * "Indicators that follow the organisation"). When a health council takes over a cluster (src/cluster/
 * succession.ts), a period belongs to the organisation that holds the cluster's work on the period's first
 * day: before the takeover the cluster, with the municipalities of the file; from it the council, with its
 * member municipalities. The council's series carries the cluster's earlier periods as its own history,
 * with the predecessor named, so a baseline of 2025 and a target for 2027 stay one line. A council declared
 * with members that takes over no cluster holds the indicators from its own first day, without history.
 *
 * A council's value of a period is computed from its members' published rows: Σ (value × denominator) ÷
 * Σ denominator, which is Σ numerator × scale ÷ Σ denominator, rounded to 4 decimals as the warehouse rounds.
 * It is hidden when any member's row of the period is hidden (as the warehouse's own cluster rows are), so
 * it is computed from visible figures only and reveals nothing they do not.
 */
import type { Row } from '../engine/engine.js';
import type { IndicatorDef, Published, Series, SeriesItem } from './indicators.js';
import { toSeries } from './indicators.js';
import type { Organisation } from './model.js';
import { holderOn, previousDay, validOn, type Takeover } from './succession.js';

/** An earlier holder of a series: the cluster (or council) that held it up to and including `until`. */
export interface Predecessor {
  org: string;
  until: string;
}

/**
 * The first day of a period id: `2027` → 2027-01-01, `2027-H2` → 2027-07-01, `2027-Q2` → 2027-04-01,
 * `2027-05` → 2027-05-01; undefined for an id of another form (such a period stays with the cluster).
 */
export function periodStart(period: string): string | undefined {
  const m = /^(\d{4})(?:-(?:H([12])|Q([1-4])|(0[1-9]|1[0-2])))?$/.exec(period);
  if (!m) return undefined;
  const month = m[2]
    ? (Number(m[2]) - 1) * 6 + 1
    : m[3]
      ? (Number(m[3]) - 1) * 3 + 1
      : m[4]
        ? Number(m[4])
        : 1;
  return `${m[1]}-${String(month).padStart(2, '0')}-01`;
}

/** The holders of the cluster's work in the order they took it over: the cluster, then each council. */
export function holderChain(
  orgs: readonly Organisation[],
  takeovers: readonly Takeover[],
): { org: string; from?: string }[] {
  const first = holderOn(orgs, takeovers, '0000-01-01');
  if (!first) return [];
  const chain: { org: string; from?: string }[] = [{ org: first }];
  for (const t of [...takeovers].sort((a, b) => a.date.localeCompare(b.date)))
    if (t.from === chain.at(-1)!.org) chain.push({ org: t.to, from: t.date });
  return chain;
}

/**
 * The health councils declared with members in a file without takeovers: each holds the indicators from its
 * own first day (`valid_from`), computed from its members' rows, with no earlier periods and no predecessor.
 * Where the file has a takeover, the takeover decides who holds the cluster's work (`holderOn`).
 */
export function councilsOnTheirOwn(
  orgs: readonly Organisation[],
  takeovers: readonly Takeover[],
): Organisation[] {
  if (takeovers.length > 0) return [];
  return orgs.filter((o) => o.kind === 'health_council' && (o.members?.length ?? 0) > 0);
}

/** Whether the indicators follow the organisation valid on each date: after a takeover, or with a council on its own. */
export function followsOrganisations(orgs: readonly Organisation[], takeovers: readonly Takeover[]): boolean {
  return takeovers.length > 0 || councilsOnTheirOwn(orgs, takeovers).length > 0;
}

/**
 * The organisation a period starting on `day` belongs to: a council on its own that exists that day (the
 * first of the file's order), else the holder of the cluster's work (`holderOn`).
 */
export function indicatorHolderOn(
  orgs: readonly Organisation[],
  takeovers: readonly Takeover[],
  day: string,
): string | undefined {
  return (
    councilsOnTheirOwn(orgs, takeovers).find((o) => validOn(o, day))?.id ?? holderOn(orgs, takeovers, day)
  );
}

/** The predecessors of the holder of a day: each earlier holder with its last day. */
export function predecessorsOn(
  orgs: readonly Organisation[],
  takeovers: readonly Takeover[],
  day: string,
): Predecessor[] {
  const chain = holderChain(orgs, takeovers).filter((h) => !h.from || h.from <= day);
  return chain.slice(0, -1).map((h, i) => ({ org: h.org, until: previousDay(chain[i + 1]!.from!) }));
}

/** The municipalities an organisation answers for on a day: a council's members, else the file's municipalities valid that day. */
function membersOn(
  orgs: readonly Organisation[],
  holder: Organisation | undefined,
  day: string,
): Set<string> {
  if (holder?.kind === 'health_council' && holder.members) return new Set(holder.members);
  return new Set(orgs.filter((o) => o.municipality && validOn(o, day)).map((o) => o.id));
}

const round4 = (v: number) => Math.round(v * 10000) / 10000;

/**
 * The warehouse's cluster_indicator rows (suppressed: a hidden value is null) as series by the organisation
 * valid on each period's first day. Without a takeover or a council this is `warehouseSeries`
 * (src/cluster/indicators.ts). With one, a period the cluster held keeps the warehouse's cluster row; a
 * period a council holds gets the council's value from its members' rows; a member's row counts only in
 * the periods it is a member; the cluster series names its holder and predecessors. With a council on its
 * own (`councilsOnTheirOwn`) the cluster series has only the council's periods: no warehouse cluster row.
 */
export function warehouseSeriesByDate(
  defs: IndicatorDef[],
  rows: readonly Row[],
  orgs: readonly Organisation[],
  takeovers: readonly Takeover[],
): Map<string, Series[]> {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const orgOfMunicipality = new Map(orgs.filter((o) => o.municipality).map((o) => [o.municipality!, o.id]));
  const chain = holderChain(orgs, takeovers);
  const first = chain[0]?.org;
  const onTheirOwn = councilsOnTheirOwn(orgs, takeovers).length > 0;
  const items: SeriesItem[] = [];
  const latestDay = new Map<string, string>();
  for (const d of defs) {
    if (d.source !== 'warehouse') continue;
    // per period: the holder, and the council's members' rows to combine
    const councilRows = new Map<string, { value: Published; denominator: number | null }[]>();
    for (const r of rows) {
      if (r.indicator !== d.warehouseIndicator) continue;
      const period = String(r.period);
      const day = periodStart(period);
      const holder = day ? indicatorHolderOn(orgs, takeovers, day) : first;
      const council = byId.get(holder ?? '')?.kind === 'health_council';
      const value: Published = r.value === null || r.value === undefined ? 'hidden' : Number(r.value);
      if (r.level === 'cluster') {
        // the warehouse's cluster row stands for the cluster only while the cluster holds the work, and
        // never beside a council on its own (whose series has no history)
        if (r.unit !== d.warehouseCluster || holder !== first || council || onTheirOwn) continue;
        items.push({ indicator: d.id, level: 'cluster', unit: 'cluster', period, value });
      } else if (r.level === 'municipality') {
        const member = orgOfMunicipality.get(String(r.unit));
        if (!member || !membersOn(orgs, byId.get(holder ?? ''), day ?? '9999-12-31').has(member)) continue;
        items.push({ indicator: d.id, level: 'member', unit: member, period, value });
        if (council) {
          const list = councilRows.get(period) ?? [];
          const den = r.denominator === null || r.denominator === undefined ? null : Number(r.denominator);
          list.push({ value, denominator: den });
          councilRows.set(period, list);
        }
      } else continue;
      if (day && day > (latestDay.get(d.id) ?? '')) latestDay.set(d.id, day);
    }
    for (const [period, list] of councilRows) {
      const hidden = list.some((x) => x.value === 'hidden' || x.denominator === null);
      const den = list.reduce((s, x) => s + (x.denominator ?? 0), 0);
      const value: Published | null = hidden
        ? 'hidden'
        : den > 0
          ? round4(list.reduce((s, x) => s + (x.value as number) * x.denominator!, 0) / den)
          : null;
      if (value !== null) items.push({ indicator: d.id, level: 'cluster', unit: 'cluster', period, value });
    }
  }
  const out = toSeries(items);
  return namedHolders(out, orgs, takeovers, latestDay);
}

/**
 * Name the holder and its predecessors on the cluster series of each indicator, from the latest period's
 * first day (`latestDay`, or read from the series' periods). A council on its own has no predecessors. Series of
 * a file without takeovers and councils are returned as they are.
 */
export function namedHolders(
  series: Map<string, Series[]>,
  orgs: readonly Organisation[],
  takeovers: readonly Takeover[],
  latestDay = new Map<string, string>(),
): Map<string, Series[]> {
  if (!followsOrganisations(orgs, takeovers)) return series;
  const onTheirOwn = new Set(councilsOnTheirOwn(orgs, takeovers).map((o) => o.id));
  for (const [indicator, list] of series) {
    const cluster = list.find((s) => s.level === 'cluster');
    if (!cluster) continue;
    const day =
      latestDay.get(indicator) ??
      [...cluster.values.keys()]
        .map(periodStart)
        .filter((x): x is string => x !== undefined)
        .sort()
        .at(-1);
    if (!day) continue;
    const holder = indicatorHolderOn(orgs, takeovers, day);
    const predecessors = holder && onTheirOwn.has(holder) ? [] : predecessorsOn(orgs, takeovers, day);
    const i = list.indexOf(cluster);
    list[i] = { ...cluster, ...(holder ? { holder } : {}), predecessors };
  }
  return series;
}

/** A health council of the file, for the pages: its members and the cluster it took over, with the date. */
export interface CouncilView {
  id: string;
  name: string;
  validFrom?: string;
  members: { id: string; name: string }[];
  tookOver: { id: string; name: string; date: string }[];
}

export function councilsOf(orgs: readonly Organisation[], takeovers: readonly Takeover[]): CouncilView[] {
  const name = (id: string) => orgs.find((o) => o.id === id)?.name ?? id;
  return orgs
    .filter((o) => o.kind === 'health_council')
    .map((o) => ({
      id: o.id,
      name: o.name,
      ...(o.validFrom ? { validFrom: o.validFrom } : {}),
      members: (o.members ?? []).map((m) => ({ id: m, name: name(m) })),
      tookOver: takeovers
        .filter((t) => t.to === o.id)
        .map((t) => ({ id: t.from, name: name(t.from), date: t.date })),
    }));
}
