/**
 * An investment case's baseline: what the target group costs each of the case's payers a year today
 * (docs/decisions.md, "A baseline from mart_payer"). Either entered in kroner, or read from the published
 * mart_payer (one target group — all, heavy, both_high, interval_N — one period, one year of service, the
 * municipalities chosen or all of them) and mapped onto the case's payers: a case payer takes the mart's
 * payer of its own id, or the ones listed for it (`municipal`: every municipal department). A hidden cell
 * that a case payer needs is an error (the baseline is then entered in kroner); a mart payer no case payer
 * takes is reported, not lost.
 */
import { didYouMean } from '../core/did-you-mean.js';
import { userError } from '../core/messages.js';
import type { PublishedTable } from '../publish/index.js';
import { payerRows } from './payers.js';

/** mart_payer's payers that are not municipal departments (sql/analysis/mart_payer.sql). */
export const NON_MUNICIPAL_PAYERS = ['region', 'general_practice', 'specialist_practice'] as const;
/** In `baseline.payers`, every municipal department of the group. */
export const ALL_DEPARTMENTS = 'municipal';

export interface BaselineSpec {
  group: string;
  period?: string;
  municipality?: string;
  /** the year of service; default the latest year the group has a cost in */
  year?: number;
  /** case payer → mart_payer payers; a case payer not listed takes the mart payer of its own id */
  payers?: Readonly<Record<string, readonly string[]>>;
}

/** Where a baseline came from: mart_payer (with the lineage command that traces it) or entered. */
export type BaselineSource =
  | {
      table: 'mart_payer';
      group: string;
      period: string;
      /** the municipality chosen, or null: all of them summed */
      municipality: string | null;
      year: number;
      /** case payer → the mart payers summed into it */
      mapped: Record<string, string[]>;
      /** mart payers no case payer takes, øre a year (null: hidden) */
      leftOut: { payer: string; costMinor: bigint | null }[];
      /** øre of the period without a year of service (KMF rows of a period over two years), not counted */
      withoutYearMinor: bigint;
      lineage: string;
    }
  | { table: null };

export interface Baseline {
  /** case payer → øre a year */
  perPayer: Map<string, bigint>;
  source: BaselineSource;
}

/** Where the user named a value: a CLI option or a key of the case file. */
export interface SpecKeys {
  group: string;
  period: string;
  municipality: string;
  year: string;
  payers: string;
}

/** The keys when every choice comes from the command line (`decide invest --group … --period …`). */
export const OPTION_KEYS: SpecKeys = {
  group: '--group',
  period: '--period',
  municipality: '--municipality',
  year: 'baseline.year',
  payers: 'baseline.payers',
};

const choose = (key: string, value: string, choices: string[], vars: Record<string, string>, at: string) => {
  const suggestion = didYouMean(value, choices);
  return userError(
    suggestion ? `decisions.baseline.${key}_suggest` : `decisions.baseline.${key}`,
    { ...vars, suggestion: suggestion ?? '', choices: choices.join(', ') || '—' },
    { key: at },
  );
};

/**
 * The baseline of `casePayers` from the published mart_payer. Every choice is checked against what the
 * table holds, a misspelt one with "did you mean".
 */
export function baselineFromMart(
  table: PublishedTable | undefined,
  spec: BaselineSpec,
  casePayers: readonly string[],
  keys: SpecKeys,
): Baseline {
  const { group } = spec;
  const all = payerRows(table, { group });
  const periods = [...new Set(all.map((r) => r.period))].sort();
  if (all.length === 0) throw userError('decisions.baseline.empty', { group }, { key: keys.group });
  if (spec.period !== undefined && !periods.includes(spec.period))
    throw choose('period', spec.period, periods, { group, period: spec.period }, keys.period);
  if (spec.period === undefined && periods.length > 1)
    throw userError(
      'decisions.baseline.periods',
      { group, choices: periods.join(', ') },
      { key: keys.period },
    );
  const period = spec.period ?? periods[0]!;
  const inPeriod = all.filter((r) => r.period === period);
  const municipalities = [...new Set(inPeriod.map((r) => r.municipality))].sort();
  if (spec.municipality !== undefined && !municipalities.includes(spec.municipality))
    throw choose(
      'municipality',
      spec.municipality,
      municipalities,
      { group, municipality: spec.municipality },
      keys.municipality,
    );
  const rows = inPeriod.filter(
    (r) => spec.municipality === undefined || r.municipality === spec.municipality,
  );
  const years = [...new Set(rows.flatMap((r) => (r.year === null ? [] : [r.year])))].sort((a, b) => a - b);
  if (years.length === 0) throw userError('decisions.baseline.empty', { group }, { key: keys.group });
  const year = spec.year ?? years.at(-1)!;
  if (!years.includes(year))
    throw userError(
      'decisions.baseline.no_year',
      { group, period, year, choices: years.join(', ') },
      { key: keys.year },
    );
  // per mart payer: the year's cost over municipalities and bases (null once a cell is hidden)
  const cost = new Map<string, bigint | null>();
  for (const r of rows.filter((x) => x.year === year)) {
    const before = cost.get(r.payer);
    cost.set(r.payer, before === null || r.costMinor === null ? null : (before ?? 0n) + r.costMinor);
  }
  const withoutYearMinor = rows
    .filter((r) => r.year === null)
    .reduce((sum, r) => sum + (r.costMinor ?? 0n), 0n);
  // the mart's payers of this group in any year of the period: a payer named for the case must be one
  const known = [...new Set(inPeriod.map((r) => r.payer))].sort();
  const departments = known.filter((p) => !(NON_MUNICIPAL_PAYERS as readonly string[]).includes(p));
  const mapped: Record<string, string[]> = {};
  const takenBy = new Map<string, string>();
  for (const payer of casePayers) {
    const listed = spec.payers?.[payer];
    const names = listed
      ? listed.flatMap((n) => (n === ALL_DEPARTMENTS ? departments : [n]))
      : known.includes(payer)
        ? [payer]
        : [];
    for (const [i, n] of (listed ?? []).entries())
      if (n !== ALL_DEPARTMENTS && !known.includes(n))
        throw choose(
          'mart_payer',
          n,
          [...known, ALL_DEPARTMENTS],
          { payer: n, group },
          `${keys.payers}.${payer}.${i}`,
        );
    for (const n of names) {
      const other = takenBy.get(n);
      if (other !== undefined && other !== payer)
        throw userError(
          'decisions.baseline.twice',
          { payer: n, first: other, second: payer },
          { key: keys.payers },
        );
      takenBy.set(n, payer);
    }
    if (names.length) mapped[payer] = [...new Set(names)];
  }
  const perPayer = new Map<string, bigint>();
  for (const [payer, names] of Object.entries(mapped)) {
    let sum = 0n;
    for (const n of names) {
      const v = cost.get(n);
      if (v === null)
        throw userError('decisions.baseline.hidden', { payer: n, year, group }, { key: keys.group });
      sum += v ?? 0n;
    }
    perPayer.set(payer, sum);
  }
  const leftOut = [...cost]
    .filter(([p]) => !takenBy.has(p))
    .map(([payer, costMinor]) => ({ payer, costMinor }))
    .sort((a, b) => a.payer.localeCompare(b.payer));
  const lineage = [
    'tvaerblik lineage mart_payer',
    `--row period=${period}`,
    ...(spec.municipality === undefined ? [] : [`--row municipality=${spec.municipality}`]),
    `--row target_group=${group}`,
    `--row service_year=${year}`,
  ].join(' ');
  return {
    perPayer,
    source: {
      table: 'mart_payer',
      group,
      period,
      municipality: spec.municipality ?? null,
      year,
      mapped,
      leftOut,
      withoutYearMinor,
      lineage,
    },
  };
}
