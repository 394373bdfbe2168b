/**
 * An investment case: who pays and who saves (docs/decisions.md). An initiative's costs are split
 * between payers by fixed shares (the TeleKOL split: equipment 65 % region / 35 % municipalities);
 * its expected effects (admissions, home-care hours, days in temporary housing avoided) are valued
 * at a unit cost and credited to the payers that save them. For each payer and year: cost, saving
 * and net in a low, expected and high scenario, cumulated, and the break-even year.
 *
 * Exact: costs are split by the largest remainder (the parts add up to the ledger); savings are
 * exact fractions (units × unit cost × share) summed per year and rounded once, at the end, so the
 * payers' figures add up to the rounded total of the year.
 */
import {
  addFractions,
  fraction,
  roundFractions,
  roundHalfAway,
  splitLargestRemainder,
  type Fraction,
} from '../core/money.js';

export const SCENARIOS = ['low', 'expected', 'high'] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** A share of a cost or saving per payer; weights are in any common unit (percent × 100). */
export type Split = ReadonlyMap<string, bigint>;

export interface CostLine {
  id: string;
  name: string;
  /** øre per year */
  perYear: ReadonlyMap<number, bigint>;
  split: Split;
}

export interface Effect {
  id: string;
  name: string;
  /** øre per unit avoided (exact: a unit cost from a ledger is rarely whole øre) */
  unitCost: Fraction;
  /** units avoided per year in each scenario (exact) */
  perYear: ReadonlyMap<number, Readonly<Record<Scenario, Fraction>>>;
  split: Split;
}

export interface InvestmentCase {
  years: readonly number[];
  payers: readonly string[];
  costs: readonly CostLine[];
  effects: readonly Effect[];
  /** what the target group costs each payer a year today, øre (./baseline.ts); none without one */
  baseline?: ReadonlyMap<string, bigint>;
}

/** One payer's year (payer '*': all payers). Amounts in øre; a net > 0 is a gain. */
export interface PayerYear {
  payer: string;
  year: number;
  costMinor: bigint;
  savingMinor: Record<Scenario, bigint>;
  netMinor: Record<Scenario, bigint>;
  cumulativeNetMinor: Record<Scenario, bigint>;
  /** the target group's cost to the payer a year today (null: the case has no baseline) */
  baselineMinor: bigint | null;
  /** baseline + cost − expected saving: the group's cost to the payer with the initiative */
  withInitiativeMinor: bigint | null;
}

export interface InvestmentResult {
  rows: PayerYear[];
  /** payer ('*' for all) → scenario → the first year whose cumulative net is ≥ 0, or null */
  breakEven: Map<string, Record<Scenario, number | null>>;
}

/** Split exact `amount` over the payers by `split`: one exact fraction per payer (0 for the others). */
function splitExact(amount: Fraction, split: Split, payers: readonly string[]): Fraction[] {
  const sum = [...split.values()].reduce((a, b) => a + b, 0n);
  return payers.map((p) => fraction(amount.n * (split.get(p) ?? 0n), amount.d * sum));
}

/** Compute the case: every payer × year, the all-payers rows, and the break-even years. */
export function evaluateInvestment(c: InvestmentCase): InvestmentResult {
  const zero = () => ({ low: 0n, expected: 0n, high: 0n });
  const rows: PayerYear[] = [];
  const perPayer = new Map<string, PayerYear[]>();
  for (const year of c.years) {
    // costs: a ledger amount per line, split whole øre by the largest remainder
    const cost = c.payers.map(() => 0n);
    for (const line of c.costs) {
      const amount = line.perYear.get(year) ?? 0n;
      if (amount === 0n) continue;
      const parts = splitLargestRemainder(
        amount,
        c.payers.map((p) => line.split.get(p) ?? 0n),
      );
      parts.forEach((v, i) => (cost[i]! += v));
    }
    // savings: exact per payer, then the year's total rounded once and shared by the largest remainder
    const saving = zero();
    const savingPerPayer = c.payers.map(() => zero());
    for (const s of SCENARIOS) {
      const exact = c.payers.map(() => fraction(0n));
      for (const e of c.effects) {
        const units = e.perYear.get(year)?.[s];
        if (!units || units.n === 0n) continue;
        const value = fraction(units.n * e.unitCost.n, units.d * e.unitCost.d);
        splitExact(value, e.split, c.payers).forEach((v, i) => (exact[i] = addFractions(exact[i]!, v)));
      }
      const total = exact.reduce(addFractions, fraction(0n));
      saving[s] = roundHalfAway(total);
      roundFractions(saving[s], exact).forEach((v, i) => (savingPerPayer[i]![s] = v));
    }
    const baseline = c.payers.map((p) => (c.baseline ? (c.baseline.get(p) ?? 0n) : null));
    const withInitiative = (b: bigint | null, costMinor: bigint, saving: bigint) =>
      b === null ? null : b + costMinor - saving;
    c.payers.forEach((payer, i) => {
      const row: PayerYear = {
        payer,
        year,
        costMinor: cost[i]!,
        savingMinor: savingPerPayer[i]!,
        netMinor: zero(),
        cumulativeNetMinor: zero(),
        baselineMinor: baseline[i]!,
        withInitiativeMinor: withInitiative(baseline[i]!, cost[i]!, savingPerPayer[i]!.expected),
      };
      rows.push(row);
      perPayer.set(payer, [...(perPayer.get(payer) ?? []), row]);
    });
    const allCost = cost.reduce((a, b) => a + b, 0n);
    const allBaseline = c.baseline ? baseline.reduce((a, b) => a! + b!, 0n) : null;
    const all: PayerYear = {
      payer: '*',
      year,
      costMinor: allCost,
      savingMinor: saving,
      netMinor: zero(),
      cumulativeNetMinor: zero(),
      baselineMinor: allBaseline,
      withInitiativeMinor: withInitiative(allBaseline, allCost, saving.expected),
    };
    rows.push(all);
    perPayer.set('*', [...(perPayer.get('*') ?? []), all]);
  }
  const breakEven = new Map<string, Record<Scenario, number | null>>();
  for (const [payer, list] of perPayer) {
    const be: Record<Scenario, number | null> = { low: null, expected: null, high: null };
    const cum = zero();
    for (const row of list) {
      for (const s of SCENARIOS) {
        row.netMinor[s] = row.savingMinor[s] - row.costMinor;
        cum[s] += row.netMinor[s];
        row.cumulativeNetMinor[s] = cum[s];
      }
    }
    // break-even: the first year from which the cumulative net stays ≥ 0 (a payer that only pays never does)
    for (const s of SCENARIOS) {
      let since: number | null = null;
      for (const row of list) {
        if (row.cumulativeNetMinor[s] >= 0n) since ??= row.year;
        else since = null;
      }
      const paysSomething = list.some((r) => r.costMinor > 0n || r.savingMinor[s] > 0n);
      be[s] = paysSomething ? since : null;
    }
    breakEven.set(payer, be);
  }
  return { rows, breakEven };
}
