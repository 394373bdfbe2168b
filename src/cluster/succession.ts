/**
 * Organisations that change (issue 20 item 4, docs/cluster.md "Organisations that change"): an
 * organisation is valid from one day to another and may be continued by a successor (Region
 * Sjælland and Region Hovedstaden merged into Region Østdanmark on 2027-01-01); a health council
 * may take over a cluster's funds and projects from a date. A year's figures use the organisation
 * valid in that year: the 2026 settlement shows the cluster and Region Sjælland, the 2027 one the
 * council and Region Østdanmark, and the balance carried from 2026 opens 2027 under the successor.
 */
import type { Organisation } from './model.js';

/** A health council takes over a cluster's funds and projects, with their history, from a date. */
export interface Takeover {
  /** the first day the council holds them (YYYY-MM-DD) */
  date: string;
  /** the cluster (kind cluster) */
  from: string;
  /** the health council (kind health_council) */
  to: string;
}

/** Whether an organisation exists on a day (YYYY-MM-DD). */
export function validOn(org: Pick<Organisation, 'validFrom' | 'validTo'>, day: string): boolean {
  return (!org.validFrom || org.validFrom <= day) && (!org.validTo || day <= org.validTo);
}

/** Whether an organisation exists on some day of a year. */
export function validIn(org: Pick<Organisation, 'validFrom' | 'validTo'>, year: number): boolean {
  return (
    (!org.validFrom || org.validFrom <= `${year}-12-31`) && (!org.validTo || `${year}-01-01` <= org.validTo)
  );
}

/** The day after a day (YYYY-MM-DD), in UTC. */
export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The day before a day (YYYY-MM-DD), in UTC. */
export function previousDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The organisation that stands for `id` in a year: the successor (and its successor …) when the
 * organisation ended before the year began. An unknown id, or one without a successor, is itself.
 */
export function resolverFor(orgs: readonly Organisation[]): (id: string, year: number) => string {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  return (id, year) => {
    let cur = id;
    const seen = new Set<string>();
    for (;;) {
      const o = byId.get(cur);
      if (!o?.successor || !o.validTo || o.validTo >= `${year}-01-01` || seen.has(cur)) return cur;
      seen.add(cur);
      cur = o.successor;
    }
  };
}

/**
 * Who holds the cluster's funds and projects in a year: the council of a takeover dated in or before
 * that year (the one holding them at its end, which makes the year's settlement), otherwise the cluster
 * (the `from` of the first takeover, or the file's only cluster organisation). Undefined when the file
 * names no cluster organisation.
 */
export function holderIn(
  orgs: readonly Organisation[],
  takeovers: readonly Takeover[],
  year: number,
): string | undefined {
  return holderOn(orgs, takeovers, `${year}-12-31`);
}

/** Who holds the cluster's funds and projects on a day (see holderIn). */
export function holderOn(
  orgs: readonly Organisation[],
  takeovers: readonly Takeover[],
  day: string,
): string | undefined {
  const sorted = [...takeovers].sort((a, b) => a.date.localeCompare(b.date));
  let holder = sorted[0]?.from ?? orgs.find((o) => o.kind === 'cluster')?.id;
  for (const t of sorted) if (t.date <= day && t.from === holder) holder = t.to;
  return holder;
}
