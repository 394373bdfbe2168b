/**
 * A service's own KPB figures from the published unit-cost table (mart_unit_cost through the one
 * publish path, so a figure hidden there cannot be recovered here): total cost, volume and persons in
 * the latest period that has the service, summed over providers (and municipalities, unless one is
 * named). A hidden row stops with a user error: the user then enters the unit cost in kroner.
 * A municipality that is not in the table at all is named as such (with the workspace's).
 */
import { didYouMean } from '../core/did-you-mean.js';
import { userError } from '../core/messages.js';
import { decimalFraction, fraction, type Fraction } from '../core/money.js';
import type { Value } from '../engine/engine.js';
import type { PublishedTable } from '../publish/index.js';

export interface ServiceFigures {
  service: string;
  period: string;
  unit: string;
  totalMinor: bigint;
  volume: Fraction;
  persons: bigint;
}

/** How many service codes an error lists before "… and N more". */
const SHOWN = 30;

/** A published number (bigint, number, DECIMAL as text) as an exact fraction; null for a hidden "< 5" or "x". */
function exact(v: Value | undefined): Fraction | null {
  if (typeof v === 'bigint') return fraction(v);
  if (typeof v !== 'number' && typeof v !== 'string') return null;
  return decimalFraction(String(v)) ?? null;
}

/** The figures of `service` in the latest period that has it; `municipality` narrows to one. */
export function serviceFigures(
  unitCosts: PublishedTable,
  service: string,
  municipality?: string,
  /** the error for a hidden figure: its fix depends on whether the user can enter a unit cost */
  hidden: 'decisions.suppressed' | 'decisions.suppressed_cli' = 'decisions.suppressed',
): ServiceFigures {
  if (municipality !== undefined) {
    const all = [...new Set(unitCosts.rows.map((r) => String(r.cells.municipality)))].sort();
    if (!all.includes(municipality)) {
      const suggestion = didYouMean(municipality, all);
      throw userError(suggestion ? 'decisions.no_municipality_suggest' : 'decisions.no_municipality', {
        municipality,
        suggestion: suggestion ?? '',
        choices: all.join(', ') || '—',
      });
    }
  }
  const rows = unitCosts.rows.filter(
    (r) =>
      String(r.cells.catalogue_code) === service &&
      (municipality === undefined || String(r.cells.municipality) === municipality),
  );
  if (rows.length === 0) {
    const known = [...new Set(unitCosts.rows.map((r) => String(r.cells.catalogue_code)))].sort();
    const suggestion = didYouMean(service, known);
    throw userError(known.length ? 'decisions.no_service' : 'decisions.no_unit_costs', {
      service,
      has: suggestion ? 'yes' : 'no',
      suggestion: suggestion ?? '',
      services: known.slice(0, SHOWN).join(', '),
      more: Math.max(0, known.length - SHOWN),
    });
  }
  const period = rows
    .map((r) => String(r.cells.period))
    .sort()
    .at(-1)!;
  const inPeriod = rows.filter((r) => String(r.cells.period) === period);
  let total = 0n;
  let volume = fraction(0n);
  let persons = 0n;
  for (const r of inPeriod) {
    const t = exact(r.cells.total_minor);
    const v = exact(r.cells.volume);
    const p = exact(r.cells.persons);
    if (r.hidden || !t || !v || !p || t.d !== 1n || p.d !== 1n)
      throw userError(hidden, { service, period, threshold: unitCosts.threshold });
    total += t.n;
    volume = fraction(volume.n * v.d + v.n * volume.d, volume.d * v.d);
    persons += p.n;
  }
  return { service, period, unit: String(inPeriod[0]!.cells.unit), totalMinor: total, volume, persons };
}
