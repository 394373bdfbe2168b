/**
 * The annual settlement (udligning) the chair makes: each project's costs are shared by the fund's
 * distribution key, or by the split the steering group decided for that project; per organisation
 * what it paid, its share and the net balance; a-conto charges during the year are credited; and the
 * few transfers that settle the balances. Exact to the øre: shares are summed as exact fractions and
 * rounded once, by largest remainder, so they add up to the costs and the balances to zero.
 */
import { addFractions, fraction, roundFractions, type Fraction } from '../core/money.js';
import { userError } from '../core/messages.js';
import { kr, type Project } from './model.js';

/** A cost an organisation paid on a project in the year (from its accounts). */
export interface PaidCost {
  project: string;
  org: string;
  amount: bigint;
}

/** A charge one member paid another on account during the year (a-conto). */
export interface OnAccount {
  /** the member that paid */
  from: string;
  /** the member that received (usually the project's economic owner) */
  to: string;
  amount: bigint;
}

export interface SettlementInput {
  year: number;
  /** the members and the fund's distribution key (member → weight, e.g. their grants in øre or per-mille) */
  key: Readonly<Record<string, bigint>>;
  /** the projects active in the year (their `split` overrides the key) */
  projects: readonly Project[];
  costs: readonly PaidCost[];
  onAccount?: readonly OnAccount[];
  /** projects whose economic owner has reported the year's costs; a project missing here stops the settlement */
  reported: readonly string[];
}

export interface OrgStatement {
  org: string;
  /** costs it paid on the projects */
  paid: bigint;
  /** its share of all the projects' costs */
  share: bigint;
  /** a-conto it paid to others (credited) */
  onAccountPaid: bigint;
  /** a-conto it received from others */
  onAccountReceived: bigint;
  /** paid + onAccountPaid − onAccountReceived − share; > 0: the others owe it, < 0: it owes */
  net: bigint;
  /** its share per project (rounded for the statement; the total share is rounded once, on its own) */
  perProject: Record<string, { paid: bigint; share: Fraction }>;
}

export interface Transfer {
  from: string;
  to: string;
  amount: bigint;
}

export interface Settlement {
  year: number;
  /** who settles the year's projects: the cluster, or the health council that took them over (src/cluster/succession.ts) */
  holder?: string;
  total: bigint;
  statements: OrgStatement[];
  transfers: Transfer[];
}

/** Settle a year; throws a user error naming the figure and the rule when the input cannot be settled. */
export function settle(input: SettlementInput): Settlement {
  const members = Object.keys(input.key).sort();
  if (members.length === 0) throw userError('cluster.settle.no_members', { year: input.year });
  for (const m of members)
    if (input.key[m]! < 0n) throw userError('cluster.settle.negative_key', { member: m });
  const known = new Set(members);
  const projects = new Map(input.projects.map((p) => [p.id, p]));
  for (const p of input.projects)
    if (!input.reported.includes(p.id))
      throw userError('cluster.settle.missing_report', {
        project: p.title,
        owner: p.owner,
        year: input.year,
      });
  for (const c of input.costs) {
    if (!projects.has(c.project)) throw userError('cluster.settle.unknown_project', { project: c.project });
    if (!known.has(c.org)) throw userError('cluster.settle.not_member', { org: c.org, project: c.project });
    if (c.amount < 0n)
      throw userError('cluster.settle.negative_cost', {
        org: c.org,
        project: c.project,
        amount: kr(c.amount),
      });
  }
  for (const a of input.onAccount ?? []) {
    for (const org of [a.from, a.to])
      if (!known.has(org)) throw userError('cluster.settle.not_member', { org, project: '-' });
    if (a.amount < 0n || a.from === a.to)
      throw userError('cluster.settle.bad_on_account', { from: a.from, to: a.to, amount: kr(a.amount) });
  }

  const statements = new Map<string, OrgStatement>(
    members.map((org) => [
      org,
      { org, paid: 0n, share: 0n, onAccountPaid: 0n, onAccountReceived: 0n, net: 0n, perProject: {} },
    ]),
  );
  const exactShare = new Map<string, Fraction>(members.map((m) => [m, fraction(0n)]));
  let total = 0n;
  for (const p of [...projects.values()].sort((a, b) => a.id.localeCompare(b.id))) {
    const cost = input.costs.filter((c) => c.project === p.id).reduce((s, c) => s + c.amount, 0n);
    total += cost;
    const weights = p.split ?? input.key;
    for (const org of Object.keys(weights))
      if (!known.has(org)) throw userError('cluster.settle.not_member', { org, project: p.title });
    const sum = members.reduce((s, m) => s + (weights[m] ?? 0n), 0n);
    if (sum <= 0n) throw userError('cluster.settle.empty_split', { project: p.title });
    for (const m of members) {
      const share = fraction(cost * (weights[m] ?? 0n), sum);
      const paid = input.costs
        .filter((c) => c.project === p.id && c.org === m)
        .reduce((s, c) => s + c.amount, 0n);
      statements.get(m)!.paid += paid;
      statements.get(m)!.perProject[p.id] = { paid, share };
      exactShare.set(m, addFractions(exactShare.get(m)!, share));
    }
  }
  // round once: the members' whole shares add up to the costs exactly
  const rounded = roundFractions(
    total,
    members.map((m) => exactShare.get(m)!),
  );
  members.forEach((m, i) => (statements.get(m)!.share = rounded[i]!));
  for (const a of input.onAccount ?? []) {
    statements.get(a.from)!.onAccountPaid += a.amount;
    statements.get(a.to)!.onAccountReceived += a.amount;
  }
  for (const s of statements.values()) s.net = s.paid + s.onAccountPaid - s.onAccountReceived - s.share;
  const list = members.map((m) => statements.get(m)!);
  return { year: input.year, total, statements: list, transfers: transfersFor(list) };
}

/**
 * Transfers that settle the balances: the largest debtor pays the largest creditor, repeatedly; each
 * step clears at least one of them, so n members need at most n − 1 transfers.
 */
export function transfersFor(statements: readonly Pick<OrgStatement, 'org' | 'net'>[]): Transfer[] {
  const open = statements.filter((s) => s.net !== 0n).map((s) => ({ org: s.org, net: s.net }));
  const transfers: Transfer[] = [];
  const byNet = (a: { org: string; net: bigint }, b: { org: string; net: bigint }) =>
    a.net === b.net ? a.org.localeCompare(b.org) : a.net > b.net ? -1 : 1;
  for (;;) {
    const creditors = open.filter((s) => s.net > 0n).sort(byNet);
    const debtors = open
      .filter((s) => s.net < 0n)
      .sort((a, b) => byNet({ ...a, net: -a.net }, { ...b, net: -b.net }));
    if (!creditors.length || !debtors.length) break;
    const c = creditors[0]!;
    const d = debtors[0]!;
    const amount = c.net < -d.net ? c.net : -d.net;
    transfers.push({ from: d.org, to: c.org, amount });
    c.net -= amount;
    d.net += amount;
  }
  return transfers;
}

/**
 * A distribution key written in percent (numbers or text with up to two decimals, "31,25") → weights
 * in hundredths of a percent; it must add up to exactly 100 %.
 */
export function percentKey(key: Readonly<Record<string, number | string>>): Record<string, bigint> {
  const out: Record<string, bigint> = {};
  let sum = 0n;
  for (const [member, value] of Object.entries(key)) {
    const m = /^\s*(\d{1,3})(?:[.,](\d{1,2}))?\s*$/.exec(String(value));
    const w = m ? BigInt(m[1]!) * 100n + BigInt((m[2] ?? '').padEnd(2, '0')) : -1n;
    if (w < 0n || w > 10_000n)
      throw userError('cluster.key.value', { member, value: String(value).slice(0, 20) });
    out[member] = w;
    sum += w;
  }
  if (sum !== 10_000n) throw userError('cluster.key.sum', { sum: kr(sum).replace('.', ',') });
  return out;
}
