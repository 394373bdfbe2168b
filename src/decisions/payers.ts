/**
 * The published rows of mart_payer for one target group (docs/decisions.md, "Who pays for a target group"):
 * read by `decide payers` and by an investment case's baseline (./baseline.ts). A group the table does not
 * have is a user error with "did you mean".
 */
import { didYouMean } from '../core/did-you-mean.js';
import { userError } from '../core/messages.js';
import type { Value } from '../engine/engine.js';
import type { Hidden, PublishedTable } from '../publish/index.js';

/** One published row of mart_payer; persons and cost are null where the row is hidden. */
export interface PayerRow {
  period: string;
  municipality: string;
  group: string;
  payer: string;
  basis: string;
  year: number | null;
  persons: bigint | null;
  costMinor: bigint | null;
  hidden: Hidden | null;
}

export interface PayerFilter {
  group: string;
  period?: string;
  municipality?: string;
}

const big = (v: Value | undefined): bigint | null =>
  v === null || v === undefined ? null : typeof v === 'bigint' ? v : BigInt(String(v));

/**
 * The rows of one target group, ordered by period, municipality, year and cost (largest first). A group the
 * table does not have is a user error naming the groups it has (and the nearest one).
 */
export function payerRows(table: PublishedTable | undefined, f: PayerFilter): PayerRow[] {
  // all, heavy and both_high exist in every run, even without persons; the cost intervals as the run made them
  const groups = [
    ...new Set([
      'all',
      'heavy',
      'both_high',
      ...(table?.rows ?? []).map((r) => String(r.cells.target_group)),
    ]),
  ].sort();
  if (!groups.includes(f.group)) {
    const suggestion = didYouMean(f.group, groups);
    throw userError(
      suggestion ? 'decisions.payers.no_group_suggest' : 'decisions.payers.no_group',
      { group: f.group, groups: groups.join(', '), suggestion: suggestion ?? '' },
      { key: '--group' },
    );
  }
  return (table?.rows ?? [])
    .filter(
      (r) =>
        String(r.cells.target_group) === f.group &&
        (f.period === undefined || String(r.cells.period) === f.period) &&
        (f.municipality === undefined || String(r.cells.municipality) === f.municipality),
    )
    .map((r) => ({
      period: String(r.cells.period),
      municipality: String(r.cells.municipality),
      group: f.group,
      payer: String(r.cells.payer),
      basis: String(r.cells.basis),
      year: r.cells.service_year === null ? null : Number(r.cells.service_year),
      persons: r.hidden ? null : big(r.cells.persons),
      costMinor: r.hidden ? null : big(r.cells.cost_minor),
      hidden: r.hidden,
    }))
    .sort(
      (a, b) =>
        a.period.localeCompare(b.period) ||
        a.municipality.localeCompare(b.municipality) ||
        (a.year ?? Infinity) - (b.year ?? Infinity) ||
        Number((b.costMinor ?? -1n) - (a.costMinor ?? -1n)) ||
        a.payer.localeCompare(b.payer),
    );
}
