/**
 * The projects of a cluster file: applications with their budget per year and a skewed split, the
 * steering group's decisions, the economic owners' expected-spend reports and the costs paid. Decisions,
 * reports and costs go through the store functions, so the fund rules are checked and every change is
 * audited as if made on the pages.
 */
import type { ClusterFile } from './schema.js';
import type { LoadContext, References } from './context.js';
import { at, fileError } from './errors.js';
import { kr } from '../model.js';
import { percentKey } from '../settlement.js';
import { recordDecision, reportCost, reportExpectedSpend } from '../store.js';

/** Upsert the projects and their budget lines (the file's lines are the budget: added, changed, removed). */
export async function saveProjects(
  ctx: LoadContext,
  refs: References,
  list: ClusterFile['projects'],
): Promise<string[]> {
  const { tx, file, changed, audit, note, entry: E } = ctx;
  const { orgs, funds, ref, during } = refs;
  const projectIds = new Set<string>();
  for (const [i, p] of list.entries()) {
    const entry = E('projects', i, p.id);
    ref(entry, 'fund', p.fund, funds);
    ref(entry, 'owner', p.owner, orgs);
    if (p.starts) during(entry, 'owner', p.owner, p.starts);
    if (p.starts && p.ends && p.ends < p.starts)
      throw fileError('ends_before_start', file, entry, { starts: p.starts, ends: p.ends });
    let split: Record<string, string> | null = null;
    if (p.split) {
      for (const member of Object.keys(p.split)) ref(entry, 'split', member, orgs);
      // percent with up to two decimals, exactly 100 in all (the settlement's own rule)
      const weights = await at(file, `${entry}.split`, async () => percentKey(p.split!));
      split = Object.fromEntries(Object.entries(weights).map(([m, w]) => [m, w.toString()]));
    }
    const seen = new Set<string>();
    for (const l of p.budget) {
      const k = `${l.year}/${l.category}`;
      if (seen.has(k)) throw fileError('budget_twice', file, entry, { year: l.year, category: l.category });
      seen.add(k);
    }
    projectIds.add(p.id);
    const cols = [
      p.title,
      p.fund,
      p.owner,
      p.leader ?? null,
      p.sponsor ?? null,
      p.participants ?? null,
      p.description ?? null,
      p.focus ?? null,
      p.cross_sector ?? null,
      p.starts ?? null,
      p.ends ?? null,
      split === null ? null : JSON.stringify(split),
    ];
    const r = await tx.query(
      `INSERT INTO cluster_project (id, title, fund, owner, leader, sponsor, participants, description, focus, cross_sector, starts, ends, split)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::date, $12::date, $13::jsonb)
       ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, fund = EXCLUDED.fund, owner = EXCLUDED.owner,
         leader = EXCLUDED.leader, sponsor = EXCLUDED.sponsor, participants = EXCLUDED.participants,
         description = EXCLUDED.description, focus = EXCLUDED.focus, cross_sector = EXCLUDED.cross_sector,
         starts = EXCLUDED.starts, ends = EXCLUDED.ends, split = EXCLUDED.split
       WHERE (cluster_project.title, cluster_project.fund, cluster_project.owner, cluster_project.leader,
              cluster_project.sponsor, cluster_project.participants, cluster_project.description,
              cluster_project.focus, cluster_project.cross_sector, cluster_project.starts, cluster_project.ends,
              cluster_project.split)
             IS DISTINCT FROM
             (EXCLUDED.title, EXCLUDED.fund, EXCLUDED.owner, EXCLUDED.leader, EXCLUDED.sponsor, EXCLUDED.participants,
              EXCLUDED.description, EXCLUDED.focus, EXCLUDED.cross_sector, EXCLUDED.starts, EXCLUDED.ends, EXCLUDED.split)
       RETURNING id`,
      [p.id, ...cols],
    );
    if (r.length) note('projects', { project: p.id });
    // budget lines: the file's lines are the project's budget (added, changed, removed)
    const before = await tx.query<{ year: number; category: string; amount_ore: unknown }>(
      'SELECT year, category, amount_ore FROM cluster_budget_line WHERE project = $1',
      [p.id],
    );
    const old = new Map(
      before.map((b) => [`${Number(b.year)}/${b.category}`, BigInt(b.amount_ore as string)]),
    );
    for (const l of p.budget) {
      const k = `${l.year}/${l.category}`;
      if (old.get(k) === l.kroner) continue;
      await tx.query(
        `INSERT INTO cluster_budget_line (project, year, category, amount_ore) VALUES ($1, $2, $3, $4)
         ON CONFLICT (project, year, category) DO UPDATE SET amount_ore = EXCLUDED.amount_ore`,
        [p.id, l.year, l.category, l.kroner.toString()],
      );
      changed.budget!++;
      audit.push({ budget: `${p.id}/${k}`, from: old.has(k) ? kr(old.get(k)!) : null, to: kr(l.kroner) });
    }
    for (const [k, v] of old) {
      if (seen.has(k)) continue;
      const [year, category] = k.split('/');
      await tx.query('DELETE FROM cluster_budget_line WHERE project = $1 AND year = $2 AND category = $3', [
        p.id,
        Number(year),
        category,
      ]);
      changed.budget!++;
      audit.push({ budget: `${p.id}/${k}`, from: kr(v), to: null });
    }
  }
  const projects = (await tx.query<{ id: string }>('SELECT id FROM cluster_project ORDER BY id')).map(
    (p) => p.id,
  );
  return projects;
}

/** Decisions through the store function: the fund's rules and balance are checked; one already stored is not stored twice. */
export async function saveDecisions(
  ctx: LoadContext,
  refs: References,
  projects: string[],
  list: ClusterFile['decisions'],
): Promise<void> {
  const { tx, actor, file, changed, entry: E } = ctx;
  const { ref } = refs;
  for (const [i, d] of list.entries()) {
    const entry = E('decisions', i, d.project);
    ref(entry, 'project', d.project, projects);
    const [exists] = await tx.query(
      `SELECT 1 FROM cluster_decision WHERE project = $1 AND meeting = $2::date AND outcome = $3
         AND frame_ore IS NOT DISTINCT FROM $4::bigint`,
      [d.project, d.meeting, d.outcome, d.frame_kroner?.toString() ?? null],
    );
    if (exists) continue;
    await at(file, entry, () =>
      recordDecision(tx, actor, {
        project: d.project,
        meeting: d.meeting,
        outcome: d.outcome,
        ...(d.frame_kroner !== undefined ? { frame: d.frame_kroner } : {}),
        ...(d.note ? { note: d.note } : {}),
      }),
    );
    changed.decisions!++;
  }
}

/** Expected spend: a report is the same report when project, organisation, year, date and amount match. */
export async function saveExpectedSpend(
  ctx: LoadContext,
  refs: References,
  projects: string[],
  list: ClusterFile['expected_spend'],
): Promise<void> {
  const { tx, actor, file, changed, entry: E } = ctx;
  const { orgs, ref, during } = refs;
  for (const [i, s] of list.entries()) {
    const entry = E('expected_spend', i, s.project);
    ref(entry, 'project', s.project, projects);
    ref(entry, 'org', s.org, orgs);
    during(entry, 'org', s.org, s.year);
    const stamp = `${s.reported} 12:00:00+00`;
    const [exists] = await tx.query(
      `SELECT 1 FROM cluster_expected_spend WHERE project = $1 AND org = $2 AND year = $3
         AND reported_at = $4::timestamptz AND amount_ore = $5::bigint`,
      [s.project, s.org, s.year, stamp, s.kroner.toString()],
    );
    if (exists) continue;
    await at(file, entry, () =>
      reportExpectedSpend(tx, actor, { project: s.project, org: s.org, year: s.year, amount: s.kroner }),
    );
    await tx.query(
      `UPDATE cluster_expected_spend SET reported_at = $1::timestamptz
        WHERE id = (SELECT max(id) FROM cluster_expected_spend WHERE project = $2 AND org = $3 AND year = $4)`,
      [stamp, s.project, s.org, s.year],
    );
    changed.expected_spend!++;
  }
}

/** Costs paid per project, organisation and year (through the store function, audited). */
export async function saveCosts(
  ctx: LoadContext,
  refs: References,
  projects: string[],
  list: ClusterFile['costs'],
): Promise<void> {
  const { tx, actor, file, changed, entry: E } = ctx;
  const { orgs, ref, during } = refs;
  for (const [i, c] of list.entries()) {
    const entry = E('costs', i, c.project);
    ref(entry, 'project', c.project, projects);
    ref(entry, 'org', c.org, orgs);
    during(entry, 'org', c.org, c.year);
    const [before] = await tx.query<{ amount_ore: unknown }>(
      'SELECT amount_ore FROM cluster_cost WHERE project = $1 AND org = $2 AND year = $3',
      [c.project, c.org, c.year],
    );
    if (before && BigInt(before.amount_ore as string) === c.kroner) continue;
    await at(file, entry, () =>
      reportCost(tx, actor, { project: c.project, org: c.org, year: c.year, amount: c.kroner }),
    );
    changed.costs!++;
  }
}
