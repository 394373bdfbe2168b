/**
 * Fund balances per fund, year and member with carry-over of unspent money, and the checks a
 * project must pass against its fund: its rules (what the fund may pay) and its balance.
 */
import { userError } from '../core/messages.js';
import { kr, type BudgetLine, type Drawing, type Fund, type Grant, type Project } from './model.js';

export interface Balance {
  fund: string;
  year: number;
  member: string;
  /** carried from the year before (0 when the fund does not carry over) */
  opening: bigint;
  grant: bigint;
  drawn: bigint;
  /** opening + grant − drawn */
  closing: bigint;
  /** the successor whose next-year opening holds this closing balance (a merger, a takeover) */
  carriedTo?: string;
  /** who holds the fund this year: the cluster, or the health council that took it over */
  holder?: string;
}

const key = (...parts: (string | number)[]) => parts.join('\u0000');

/**
 * Balances for every fund × member over the years from the first to the last grant or drawing. With
 * `resolve` (member, year → the organisation standing for it that year, src/cluster/succession.ts) a
 * member's closing balance opens the next year under its successor: Region Sjælland's 2026 balance
 * opens Region Østdanmark's 2027.
 */
export function balances(
  funds: readonly Fund[],
  grants: readonly Grant[],
  drawings: readonly Drawing[],
  resolve: (member: string, year: number) => string = (m) => m,
): Balance[] {
  const byFund = new Map(funds.map((f) => [f.id, f]));
  const sum = new Map<string, bigint>();
  const add = (k: string, v: bigint) => sum.set(k, (sum.get(k) ?? 0n) + v);
  // a lineage: a member and those it hands its balance to, keyed by the last of them
  const lineages = new Map<string, { fund: string; last: string; years: Map<number, Set<string>> }>();
  for (const [kind, rows] of [
    ['g', grants],
    ['d', drawings],
  ] as const) {
    for (const r of rows) {
      if (!byFund.has(r.fund)) throw new Error(`unknown fund ${r.fund}`);
      add(key(kind, r.fund, r.member, r.year), r.amount);
      const last = resolve(r.member, 9999);
      const l = lineages.get(key(r.fund, last)) ?? { fund: r.fund, last, years: new Map() };
      l.years.set(r.year, (l.years.get(r.year) ?? new Set()).add(r.member));
      lineages.set(key(r.fund, last), l);
    }
  }
  const out: Balance[] = [];
  for (const l of [...lineages.values()].sort(
    (a, b) => a.fund.localeCompare(b.fund) || a.last.localeCompare(b.last),
  )) {
    const years = [...l.years.keys()];
    const first = Math.min(...years);
    const last = Math.max(...years);
    let carried = new Map<string, bigint>();
    for (let y = first; y <= last; y++) {
      const opening = new Map<string, bigint>();
      for (const [m, v] of carried) opening.set(resolve(m, y), (opening.get(resolve(m, y)) ?? 0n) + v);
      const members = [...new Set([...(l.years.get(y) ?? []), ...opening.keys()])].sort();
      const next = new Map<string, bigint>();
      const rows: Balance[] = [];
      for (const member of members) {
        const grant = sum.get(key('g', l.fund, member, y)) ?? 0n;
        const drawn = sum.get(key('d', l.fund, member, y)) ?? 0n;
        const open = byFund.get(l.fund)!.carryOver ? (opening.get(member) ?? 0n) : 0n;
        const closing = open + grant - drawn;
        rows.push({ fund: l.fund, year: y, member, opening: open, grant, drawn, closing });
        next.set(member, closing);
      }
      // a member whose balance opens next year under another organisation says so
      if (y < last)
        for (const r of rows)
          if (resolve(r.member, y + 1) !== r.member) r.carriedTo = resolve(r.member, y + 1);
      out.push(...rows);
      carried = next;
    }
  }
  return out;
}

/**
 * The money available in a fund in a year (all members): opening + grant. A year after the last
 * grant (the block grant of 2022–23 ran out) still has what each member carried, when the fund carries over.
 */
export function available(rows: readonly Balance[], fund: string, year: number, carryOver = true): bigint {
  const ofFund = rows.filter((b) => b.fund === fund);
  let total = 0n;
  for (const member of new Set(ofFund.map((b) => b.member))) {
    const mine = ofFund.filter((b) => b.member === member);
    const same = mine.find((b) => b.year === year);
    if (same) total += same.opening + same.grant;
    else if (carryOver) {
      const before = mine.filter((b) => b.year < year).sort((a, b) => b.year - a.year)[0];
      // a closing handed to a successor is counted under the successor
      if (before && !before.carriedTo) total += before.closing;
    }
  }
  return total;
}

/** A broken rule, with what a secretariat needs to read in the message. */
export interface RuleBreach {
  rule: 'fund_allows' | 'fund_balance' | 'unknown_fund';
  project: string;
  fund: string;
  year?: number;
  category?: string;
  /** amount asked for (øre) */
  amount?: bigint;
  /** money left in the fund that year (øre) */
  left?: bigint;
  /** the categories the fund allows */
  allows?: readonly string[];
}

/**
 * Check a project against its fund: every budget line's category must be one the fund allows, and
 * the project's budget for a year, with the other approved projects of that fund, must fit in the
 * money available that year.
 */
export function checkProject(
  project: Project,
  funds: readonly Fund[],
  balanceRows: readonly Balance[],
  approved: readonly Project[] = [],
): RuleBreach[] {
  const fund = funds.find((f) => f.id === project.fund);
  if (!fund) return [{ rule: 'unknown_fund', project: project.id, fund: project.fund }];
  const breaches: RuleBreach[] = [];
  for (const line of project.budget) {
    if (!fund.allows.includes(line.category))
      breaches.push({
        rule: 'fund_allows',
        project: project.id,
        fund: fund.id,
        year: line.year,
        category: line.category,
        amount: line.amount,
        allows: fund.allows,
      });
  }
  const perYear = (lines: readonly BudgetLine[]) => {
    const m = new Map<number, bigint>();
    for (const l of lines) m.set(l.year, (m.get(l.year) ?? 0n) + l.amount);
    return m;
  };
  const committed = new Map<number, bigint>();
  for (const p of approved.filter((a) => a.fund === fund.id && a.id !== project.id))
    for (const [y, v] of perYear(p.budget)) committed.set(y, (committed.get(y) ?? 0n) + v);
  for (const [year, asked] of [...perYear(project.budget)].sort((a, b) => a[0] - b[0])) {
    const left = available(balanceRows, fund.id, year, fund.carryOver) - (committed.get(year) ?? 0n);
    if (asked > left)
      breaches.push({ rule: 'fund_balance', project: project.id, fund: fund.id, year, amount: asked, left });
  }
  return breaches;
}

/** One line per breach, in English (for logs and tests); the user sees the catalogue text. */
export function describeBreach(b: RuleBreach): string {
  if (b.rule === 'unknown_fund') return `${b.project}: no fund ${b.fund}`;
  if (b.rule === 'fund_allows')
    return `${b.project}: fund ${b.fund} pays only ${(b.allows ?? []).join(', ')}; ${b.year} asks ${kr(b.amount!)} kr. for ${b.category}`;
  return `${b.project}: fund ${b.fund} has ${kr(b.left!)} kr. left in ${b.year}; the budget asks ${kr(b.amount!)} kr.`;
}

/** Throw the first breach as a user error in the reader's language (nothing is saved before the check). */
export function assertProject(
  project: Project,
  funds: readonly Fund[],
  balanceRows: readonly Balance[],
  approved: readonly Project[] = [],
): void {
  const b = checkProject(project, funds, balanceRows, approved)[0];
  if (!b) return;
  throw userError(`cluster.rule.${b.rule}`, {
    project: project.title,
    fund: funds.find((f) => f.id === b.fund)?.name ?? b.fund,
    year: b.year ?? '',
    category: b.category ?? '',
    amount: b.amount === undefined ? '' : kr(b.amount),
    left: b.left === undefined ? '' : kr(b.left),
    allows: (b.allows ?? []).join(', '),
  });
}
