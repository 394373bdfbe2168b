/**
 * A health cluster's shared economy (issue 16): members, funds with their rules, projects and the
 * decisions about them. Amounts are bigint øre; a share or a split is a set of integer weights.
 */

export type OrgKind =
  | 'municipality'
  | 'region'
  | 'hospital'
  | 'general_practice'
  /** the health cluster itself: holds the funds and projects until a health council takes them over */
  | 'cluster'
  /** a health council (sundhedsråd, from 2027) with its member municipalities */
  | 'health_council';

export interface Organisation {
  id: string;
  name: string;
  kind: OrgKind;
  /** the chair computes the annual settlement (formandskommunen) */
  chair?: boolean;
  /** first and last day the organisation exists (YYYY-MM-DD); open when absent */
  validFrom?: string;
  validTo?: string;
  /** the organisation that continues it the day after validTo (src/cluster/succession.ts) */
  successor?: string;
  succession?: 'succeeded_by' | 'merged_into';
  /** a health council's member municipalities */
  members?: readonly string[];
  /** a municipality's code (730), which ties it to the warehouse's rows */
  municipality?: string;
}

/** What a fund may pay for; the seed's cluster funds allow development only. */
export const COST_CATEGORIES = [
  'development',
  'secretariat',
  'operation',
  'administration',
  'equipment',
] as const;
export type CostCategory = (typeof COST_CATEGORIES)[number];

export interface Fund {
  id: string;
  name: string;
  /** the cost categories the fund may pay; anything else is refused with the rule named */
  allows: readonly CostCategory[];
  /** unspent money moves to the next year (the block grant of 2022 did) */
  carryOver: boolean;
}

/** A member's share of a fund in a year (each member holds and answers for its own share). */
export interface Grant {
  fund: string;
  year: number;
  member: string;
  amount: bigint;
}

/** Money drawn on a member's share of a fund in a year. */
export interface Drawing {
  fund: string;
  year: number;
  member: string;
  amount: bigint;
}

export interface BudgetLine {
  year: number;
  category: CostCategory;
  amount: bigint;
}

export type DecisionOutcome = 'approved' | 'rejected' | 'postponed';

export interface Project {
  id: string;
  title: string;
  fund: string;
  /** the economic owner organisation: pays the costs, reports expected spend */
  owner: string;
  budget: readonly BudgetLine[];
  /** a skewed split decided by the steering group (member → weight); the fund's key otherwise */
  split?: Readonly<Record<string, bigint>>;
}

/** An amount as `123.45` kr. for messages; øre stay exact. */
export function kr(amount: bigint): string {
  const neg = amount < 0n;
  const a = neg ? -amount : amount;
  return `${neg ? '-' : ''}${(a / 100n).toString()}.${(a % 100n).toString().padStart(2, '0')}`;
}
