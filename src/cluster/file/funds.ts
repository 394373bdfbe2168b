/**
 * The money of a cluster file: funds with their rules, the members' grants per year, and a-conto
 * payments during a year (docs/cluster.md, "Funds" and "Settlement").
 */
import type { ClusterFile } from './schema.js';
import type { LoadContext, References } from './context.js';
import { fileError } from './errors.js';
import { kr } from '../model.js';

/** Upsert the funds (before grants and projects refer to them). */
export async function saveFunds(ctx: LoadContext, list: ClusterFile['funds']): Promise<void> {
  const { tx, note } = ctx;
  for (const f of list) {
    const r = await tx.query(
      `INSERT INTO cluster_fund (id, name, allows, carry_over) VALUES ($1, $2, $3::text[], $4)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, allows = EXCLUDED.allows, carry_over = EXCLUDED.carry_over
       WHERE (cluster_fund.name, cluster_fund.allows, cluster_fund.carry_over) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.allows, EXCLUDED.carry_over)
       RETURNING id`,
      [f.id, f.name, f.allows, f.carry_over],
    );
    if (r.length) note('funds', { fund: f.id, allows: f.allows, carry_over: f.carry_over });
  }
}

/** The members' shares of a fund per year; a changed amount is audited from → to. */
export async function saveGrants(
  ctx: LoadContext,
  refs: References,
  list: ClusterFile['grants'],
): Promise<void> {
  const { tx, changed, audit, entry: E } = ctx;
  const { orgs, funds, ref, during } = refs;
  for (const [i, g] of list.entries()) {
    const entry = E('grants', i, `${g.fund} ${g.year}`);
    ref(entry, 'fund', g.fund, funds);
    for (const [member, amount] of Object.entries(g.amounts)) {
      ref(entry, 'amounts', member, orgs);
      during(entry, 'amounts', member, g.year);
      const [before] = await tx.query<{ amount_ore: unknown }>(
        'SELECT amount_ore FROM cluster_grant WHERE fund = $1 AND year = $2 AND member = $3',
        [g.fund, g.year, member],
      );
      if (before && BigInt(before.amount_ore as string) === amount) continue;
      await tx.query(
        `INSERT INTO cluster_grant (fund, year, member, amount_ore) VALUES ($1, $2, $3, $4)
         ON CONFLICT (fund, year, member) DO UPDATE SET amount_ore = EXCLUDED.amount_ore`,
        [g.fund, g.year, member, amount.toString()],
      );
      changed.grants!++;
      audit.push({
        grant: `${g.fund}/${g.year}/${member}`,
        from: before ? kr(BigInt(before.amount_ore as string)) : null,
        to: kr(amount),
      });
    }
  }
}

/** A-conto payments: as many identical payments as the file lists, not more. */
export async function saveOnAccount(
  ctx: LoadContext,
  refs: References,
  list: ClusterFile['on_account'],
): Promise<void> {
  const { tx, file, changed, audit, entry: E } = ctx;
  const { orgs, funds, ref, during } = refs;
  const wanted = new Map<string, number>();
  for (const [i, a] of list.entries()) {
    const entry = E('on_account', i, `${a.fund} ${a.year}`);
    ref(entry, 'fund', a.fund, funds);
    ref(entry, 'from', a.from, orgs);
    ref(entry, 'to', a.to, orgs);
    during(entry, 'from', a.from, a.year);
    during(entry, 'to', a.to, a.year);
    if (a.from === a.to || a.kroner === 0n)
      throw fileError('on_account_self', file, entry, { from: a.from, to: a.to, amount: kr(a.kroner) });
    const k = [a.fund, a.year, a.from, a.to, a.kroner, a.note ?? ''].join('\u0000');
    const n = (wanted.get(k) ?? 0) + 1;
    wanted.set(k, n);
    const [{ c } = { c: 0 }] = await tx.query<{ c: unknown }>(
      `SELECT count(*) AS c FROM cluster_on_account WHERE fund = $1 AND year = $2 AND from_org = $3 AND to_org = $4
         AND amount_ore = $5::bigint AND coalesce(note, '') = $6`,
      [a.fund, a.year, a.from, a.to, a.kroner.toString(), a.note ?? ''],
    );
    if (Number(c) >= n) continue;
    await tx.query(
      'INSERT INTO cluster_on_account (fund, year, from_org, to_org, amount_ore, note) VALUES ($1, $2, $3, $4, $5, $6)',
      [a.fund, a.year, a.from, a.to, a.kroner.toString(), a.note ?? null],
    );
    changed.on_account!++;
    audit.push({ on_account: `${a.fund}/${a.year}`, from: a.from, to: a.to, amount: kr(a.kroner) });
  }
}
