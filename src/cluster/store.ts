/**
 * The cluster's economy in the operational store: reads for the pages and every change with its
 * audit entry (who changed which figure, when, from what to what), in one transaction with the change.
 * The rules (fund rules, balances, settlement, forecast) are the pure functions of this folder.
 */
import { userError } from '../core/messages.js';
import type { Role } from '../store/access.js';
import { appendAudit } from '../store/audit.js';
import type { Db } from '../store/db.js';
import { assertProject, balances, type Balance } from './funds.js';
import { forecast, type Forecast, type ForecastInput } from './forecast.js';
import {
  kr,
  type BudgetLine,
  type CostCategory,
  type DecisionOutcome,
  type Drawing,
  type Fund,
  type Grant,
  type Organisation,
  type Project,
} from './model.js';
import { settle, type Settlement } from './settlement.js';
import { holderIn, holderOn, resolverFor, type Takeover } from './succession.js';

/** The signed-in person acting. */
export interface ClusterActor {
  id: string;
  roles: readonly Role[];
  organisation?: string;
}

/** A user error with the HTTP status the server answers it with. */
export type ClusterError = Error & { status: number };

const clusterError = (key: string, status: number, vars: Record<string, string | number> = {}) =>
  Object.assign(userError(`cluster.${key}`, vars), { status }) as ClusterError;

export const isClusterError = (e: unknown): e is ClusterError =>
  e instanceof Error && typeof (e as Partial<ClusterError>).status === 'number';

export interface ProjectRow extends Project {
  status: 'applied' | DecisionOutcome;
  frame: bigint | null;
  leader: string | null;
  sponsor: string | null;
  /** who holds the project today: the cluster, or the health council that took it over */
  holder?: string;
}

export interface ClusterState {
  orgs: Organisation[];
  funds: Fund[];
  grants: Grant[];
  projects: ProjectRow[];
  /** a health council taking over the cluster's funds and projects (src/cluster/succession.ts) */
  takeovers: Takeover[];
}

const big = (v: unknown): bigint => (v === null || v === undefined ? 0n : BigInt(v as string));
const isSecretariat = (a: ClusterActor) => a.roles.includes('cluster_secretariat');

/** Everything the pages show, read in one go. */
export async function loadCluster(db: Db): Promise<ClusterState> {
  const orgs = (
    await db.query<{
      id: string;
      name: string;
      kind: Organisation['kind'];
      chair: boolean;
      valid_from: string | null;
      valid_to: string | null;
      successor: string | null;
      succession: Organisation['succession'] | null;
      members: string[] | null;
      municipality: string | null;
    }>(
      `SELECT id, name, kind, chair, valid_from::text AS valid_from, valid_to::text AS valid_to, successor,
              succession, members, municipality FROM cluster_org ORDER BY id`,
    )
  ).map((o): Organisation => ({
    id: o.id,
    name: o.name,
    kind: o.kind,
    ...(o.chair ? { chair: true } : {}),
    ...(o.valid_from ? { validFrom: o.valid_from } : {}),
    ...(o.valid_to ? { validTo: o.valid_to } : {}),
    ...(o.successor ? { successor: o.successor, succession: o.succession ?? 'succeeded_by' } : {}),
    ...(o.members ? { members: o.members } : {}),
    ...(o.municipality ? { municipality: o.municipality } : {}),
  }));
  const takeovers = (
    await db.query<{ takes_over: string; from_org: string; to_org: string }>(
      'SELECT takes_over::text AS takes_over, from_org, to_org FROM cluster_takeover ORDER BY takes_over, from_org',
    )
  ).map((t) => ({ date: t.takes_over, from: t.from_org, to: t.to_org }));
  const funds = (
    await db.query<{ id: string; name: string; allows: string[]; carry_over: boolean }>(
      'SELECT id, name, allows, carry_over FROM cluster_fund ORDER BY id',
    )
  ).map((f) => ({ id: f.id, name: f.name, allows: f.allows as CostCategory[], carryOver: f.carry_over }));
  const grants = (
    await db.query<{ fund: string; year: number; member: string; amount_ore: unknown }>(
      'SELECT fund, year, member, amount_ore FROM cluster_grant ORDER BY fund, year, member',
    )
  ).map((g) => ({ fund: g.fund, year: Number(g.year), member: g.member, amount: big(g.amount_ore) }));
  const lines = await db.query<{
    project: string;
    year: number;
    category: CostCategory;
    amount_ore: unknown;
  }>('SELECT project, year, category, amount_ore FROM cluster_budget_line ORDER BY project, year, category');
  const projects = (
    await db.query<{
      id: string;
      title: string;
      fund: string;
      owner: string;
      status: ProjectRow['status'];
      frame_ore: unknown;
      split: Record<string, number | string> | null;
      leader: string | null;
      sponsor: string | null;
    }>(
      'SELECT id, title, fund, owner, status, frame_ore, split, leader, sponsor FROM cluster_project ORDER BY id',
    )
  ).map((p): ProjectRow => ({
    id: p.id,
    title: p.title,
    fund: p.fund,
    owner: p.owner,
    status: p.status,
    frame: p.frame_ore === null ? null : big(p.frame_ore),
    leader: p.leader,
    sponsor: p.sponsor,
    budget: lines
      .filter((l) => l.project === p.id)
      .map((l): BudgetLine => ({ year: Number(l.year), category: l.category, amount: big(l.amount_ore) })),
    ...(p.split
      ? { split: Object.fromEntries(Object.entries(p.split).map(([k, v]) => [k, BigInt(v)])) }
      : {}),
  }));
  const holder = holderOn(orgs, takeovers, new Date().toISOString().slice(0, 10));
  if (holder) for (const p of projects) p.holder = holder;
  return { orgs, funds, grants, projects, takeovers };
}

/** Money drawn on the members' shares: their settled shares of each year's reported costs, per fund. */
async function drawings(db: Db, state: ClusterState): Promise<Drawing[]> {
  const out: Drawing[] = [];
  const years = await db.query<{ fund: string; year: number }>(
    `SELECT DISTINCT p.fund, c.year FROM cluster_cost c JOIN cluster_project p ON p.id = c.project ORDER BY 1, 2`,
  );
  for (const { fund, year } of years) {
    const s = await settlementFor(db, fund, Number(year), state, { requireReports: false });
    for (const st of s.statements) out.push({ fund, year: Number(year), member: st.org, amount: st.share });
  }
  return out;
}

/** Balances per fund, year and member (opening, grant, drawn, closing). */
export async function fundBalances(db: Db, state?: ClusterState): Promise<Balance[]> {
  const s = state ?? (await loadCluster(db));
  return balances(s.funds, s.grants, await drawings(db, s), resolverFor(s.orgs)).map((b) => {
    const holder = holderIn(s.orgs, s.takeovers, b.year);
    return holder ? { ...b, holder } : b;
  });
}

export interface DecisionInput {
  project: string;
  meeting: string;
  outcome: DecisionOutcome;
  /** the approved frame (øre); required when approved */
  frame?: bigint;
  note?: string;
}

/**
 * Record the steering group's decision on a project (secretariat). An approval is checked against
 * the fund's rules and what is left in it; a breach is refused with the rule named, and nothing is saved.
 */
export async function recordDecision(db: Db, actor: ClusterActor, d: DecisionInput): Promise<void> {
  if (!isSecretariat(actor)) throw clusterError('forbidden', 403);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d.meeting))
    throw clusterError('bad_date', 400, { value: d.meeting.slice(0, 20) });
  await db.transaction(async (tx) => {
    const state = await loadCluster(tx);
    const project = state.projects.find((p) => p.id === d.project);
    if (!project) throw clusterError('unknown_project', 404, { project: d.project.slice(0, 60) });
    if (d.outcome === 'approved') {
      if (d.frame === undefined || d.frame <= 0n)
        throw clusterError('frame_required', 400, { project: project.title });
      const approved = state.projects.filter((p) => p.status === 'approved' && p.id !== project.id);
      assertProject(project, state.funds, await fundBalances(tx, state), approved);
    }
    await tx.query(
      'INSERT INTO cluster_decision (project, meeting, outcome, frame_ore, note, decided_by) VALUES ($1, $2, $3, $4, $5, $6)',
      [project.id, d.meeting, d.outcome, d.frame?.toString() ?? null, d.note ?? null, actor.id],
    );
    await tx.query('UPDATE cluster_project SET status = $2, frame_ore = $3 WHERE id = $1', [
      project.id,
      d.outcome,
      d.outcome === 'approved' ? d.frame!.toString() : null,
    ]);
    await appendAudit(tx, {
      actor: actor.id,
      action: 'cluster.decision',
      purpose: 'cluster',
      subject: project.id,
      detail: {
        meeting: d.meeting,
        from: { status: project.status, frame: project.frame === null ? null : kr(project.frame) },
        to: { status: d.outcome, frame: d.frame === undefined ? null : kr(d.frame) },
      },
    });
  });
}

export interface SpendInput {
  project: string;
  org: string;
  year: number;
  amount: bigint;
}

/** Who may report for a project: its economic owner's people, and the secretariat. */
async function projectForReport(
  tx: Db,
  actor: ClusterActor,
  input: { project: string; org: string; year: number; amount: bigint },
) {
  const [project] = await tx.query<{ id: string; title: string; owner: string; status: string }>(
    'SELECT id, title, owner, status FROM cluster_project WHERE id = $1',
    [input.project],
  );
  if (!project) throw clusterError('unknown_project', 404, { project: input.project.slice(0, 60) });
  const owner = actor.roles.includes('economic_owner') && actor.organisation === project.owner;
  if (!owner && !isSecretariat(actor)) throw clusterError('not_owner', 403, { project: project.title });
  const [org] = await tx.query('SELECT id FROM cluster_org WHERE id = $1', [input.org]);
  if (!org) throw clusterError('unknown_org', 400, { org: input.org.slice(0, 60) });
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100)
    throw clusterError('bad_year', 400, { value: input.year });
  if (input.amount < 0n) throw clusterError('negative_amount', 400, { amount: kr(input.amount) });
  return project;
}

/** The two reports an owner makes: the SQL that reads the latest figure and the SQL that records a new one. */
const REPORTS = {
  expected_spend: {
    latest:
      'SELECT amount_ore FROM cluster_expected_spend WHERE project = $1 AND org = $2 AND year = $3 ORDER BY id DESC LIMIT 1',
    // every expected-spend report is kept: the history before each meeting
    record:
      'INSERT INTO cluster_expected_spend (project, org, year, amount_ore, reported_by) VALUES ($1, $2, $3, $4, $5)',
  },
  cost: {
    latest: 'SELECT amount_ore FROM cluster_cost WHERE project = $1 AND org = $2 AND year = $3',
    // one actual cost per project, organisation and year: a new report replaces it
    record: `INSERT INTO cluster_cost (project, org, year, amount_ore, reported_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (project, org, year) DO UPDATE SET amount_ore = EXCLUDED.amount_ore, reported_by = EXCLUDED.reported_by, reported_at = now()`,
  },
} as const;

/** Record a report for a project the actor may report for, audited from → to, in one transaction. */
async function report(db: Db, actor: ClusterActor, kind: keyof typeof REPORTS, s: SpendInput): Promise<void> {
  await db.transaction(async (tx) => {
    const project = await projectForReport(tx, actor, s);
    const [before] = await tx.query<{ amount_ore: unknown }>(REPORTS[kind].latest, [
      s.project,
      s.org,
      s.year,
    ]);
    await tx.query(REPORTS[kind].record, [s.project, s.org, s.year, s.amount.toString(), actor.id]);
    await appendAudit(tx, {
      actor: actor.id,
      action: `cluster.${kind}`,
      purpose: 'cluster',
      subject: project.id,
      detail: {
        org: s.org,
        year: s.year,
        from: before ? kr(big(before.amount_ore)) : null,
        to: kr(s.amount),
      },
    });
  });
}

/** An economic owner reports expected spend for one of its own projects; every report is kept. */
export const reportExpectedSpend = (db: Db, actor: ClusterActor, s: SpendInput): Promise<void> =>
  report(db, actor, 'expected_spend', s);

/** The year's actual cost an organisation paid on a project (the settlement's basis). */
export const reportCost = (db: Db, actor: ClusterActor, s: SpendInput): Promise<void> =>
  report(db, actor, 'cost', s);

export interface OverviewRow {
  project: ProjectRow;
  /** org → latest expected spend this year and next (øre) */
  spend: Record<string, { thisYear: bigint | null; nextYear: bigint | null }>;
}

/** The secretariat's meeting overview: approved initiatives with owner and budget, expected spend per organisation this year and next. */
export async function meetingOverview(
  db: Db,
  year: number,
): Promise<{ state: ClusterState; rows: OverviewRow[] }> {
  const state = await loadCluster(db);
  const latest = await db.query<{ project: string; org: string; year: number; amount_ore: unknown }>(
    `SELECT DISTINCT ON (project, org, year) project, org, year, amount_ore
       FROM cluster_expected_spend WHERE year IN ($1, $2)
      ORDER BY project, org, year, id DESC`,
    [year, year + 1],
  );
  const rows = state.projects
    .filter((p) => p.status === 'approved')
    .map((project) => {
      const spend: OverviewRow['spend'] = {};
      for (const o of state.orgs) {
        const find = (y: number) =>
          latest.find((l) => l.project === project.id && l.org === o.id && Number(l.year) === y);
        const a = find(year);
        const b = find(year + 1);
        if (a || b)
          spend[o.id] = { thisYear: a ? big(a.amount_ore) : null, nextYear: b ? big(b.amount_ore) : null };
      }
      return { project, spend };
    });
  return { state, rows };
}

/**
 * The settlement of one fund's projects for a year: the key is the members' grants of that fund and
 * year; every approved project with a budget or costs in the year must have its costs reported.
 */
export async function settlementFor(
  db: Db,
  fund: string,
  year: number,
  loaded?: ClusterState,
  opts: { requireReports?: boolean } = {},
): Promise<Settlement> {
  const state = loaded ?? (await loadCluster(db));
  if (!state.funds.some((f) => f.id === fund))
    throw clusterError('unknown_fund', 404, { fund: fund.slice(0, 60) });
  // the key: the members' shares of the fund's grants in the year, or in the latest year before it
  // that had grants (a block grant that ended still decides who holds what)
  const granted = (y: number) => state.grants.filter((g) => g.fund === fund && g.year === y);
  const keyYear = [...new Set(state.grants.filter((g) => g.fund === fund).map((g) => g.year))]
    .filter((y) => y <= year && granted(y).some((g) => g.amount > 0n))
    .sort((a, b) => b - a)[0];
  // a member that ended before the year stands as its successor (Region Sjælland → Region Østdanmark)
  const resolve = resolverFor(state.orgs);
  const key: Record<string, bigint> = {};
  for (const g of keyYear === undefined ? [] : granted(keyYear))
    key[resolve(g.member, year)] = (key[resolve(g.member, year)] ?? 0n) + g.amount;
  const costRows = await db.query<{ project: string; org: string; amount_ore: unknown }>(
    `SELECT c.project, c.org, c.amount_ore FROM cluster_cost c JOIN cluster_project p ON p.id = c.project
      WHERE p.fund = $1 AND c.year = $2 ORDER BY c.project, c.org`,
    [fund, year],
  );
  const costs = costRows.map((c) => ({ project: c.project, org: c.org, amount: big(c.amount_ore) }));
  const reported = [...new Set(costs.map((c) => c.project))];
  const projects = state.projects.filter(
    (p) =>
      p.fund === fund &&
      (reported.includes(p.id) || (p.status === 'approved' && p.budget.some((l) => l.year === year))),
  );
  const onAccount = (
    await db.query<{ from_org: string; to_org: string; amount_ore: unknown }>(
      'SELECT from_org, to_org, amount_ore FROM cluster_on_account WHERE fund = $1 AND year = $2 ORDER BY id',
      [fund, year],
    )
  ).map((a) => ({ from: a.from_org, to: a.to_org, amount: big(a.amount_ore) }));
  if (Object.keys(key).length === 0) throw clusterError('no_grants', 400, { fund, year });
  const settled = settle({
    year,
    key,
    projects,
    costs,
    onAccount,
    reported: opts.requireReports === false ? projects.map((p) => p.id) : reported,
  });
  const holder = holderIn(state.orgs, state.takeovers, year);
  return holder ? { ...settled, holder } : settled;
}

/** A stored forecast computed, with the reported inclusions beside it. */
export async function forecastFor(
  db: Db,
  id: string,
): Promise<{ title: string; input: ForecastInput; result: Forecast }> {
  const [row] = await db.query<{ title: string; spec: Record<string, unknown> }>(
    'SELECT title, spec FROM cluster_forecast WHERE id = $1',
    [id],
  );
  if (!row) throw clusterError('unknown_forecast', 404, { forecast: id.slice(0, 60) });
  const spec = row.spec as unknown as Omit<
    ForecastInput,
    'equipmentPerCitizen' | 'monitoringPerCitizenMonth'
  > & {
    equipmentPerCitizen: string;
    monitoringPerCitizenMonth: string;
  };
  const actualRows = await db.query<{ month: string; org: string; included: number }>(
    'SELECT month, org, included FROM cluster_forecast_actual WHERE forecast = $1 ORDER BY month, org',
    [id],
  );
  const actual: Record<string, Record<string, number>> = {};
  for (const a of actualRows) (actual[a.month] ??= {})[a.org] = Number(a.included);
  const input: ForecastInput = {
    ...spec,
    equipmentPerCitizen: BigInt(spec.equipmentPerCitizen),
    monitoringPerCitizenMonth: BigInt(spec.monitoringPerCitizenMonth),
    actual,
  };
  return { title: row.title, input, result: forecast(input) };
}

/**
 * Record that a health council takes over the cluster's funds and projects from a date (secretariat),
 * audited from → to. The funds, grants, projects and costs stay as they are: the years from the date
 * on are held and settled by the council, the earlier ones stay the cluster's (src/cluster/succession.ts).
 * Returns false when the same takeover is already recorded.
 */
export async function recordTakeover(db: Db, actor: ClusterActor, t: Takeover): Promise<boolean> {
  if (!isSecretariat(actor)) throw clusterError('forbidden', 403);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(t.date))
    throw clusterError('bad_date', 400, { value: t.date.slice(0, 20) });
  return db.transaction(async (tx) => {
    const [before] = await tx.query<{ to_org: string; takes_over: string }>(
      'SELECT to_org, takes_over::text AS takes_over FROM cluster_takeover WHERE from_org = $1',
      [t.from],
    );
    if (before && before.to_org === t.to && before.takes_over === t.date) return false;
    await tx.query(
      `INSERT INTO cluster_takeover (from_org, to_org, takes_over, recorded_by) VALUES ($1, $2, $3::date, $4)
       ON CONFLICT (from_org) DO UPDATE SET to_org = EXCLUDED.to_org, takes_over = EXCLUDED.takes_over,
         recorded_by = EXCLUDED.recorded_by, recorded_at = now()`,
      [t.from, t.to, t.date, actor.id],
    );
    await appendAudit(tx, {
      actor: actor.id,
      action: 'cluster.takeover',
      purpose: 'cluster',
      subject: t.from,
      detail: {
        from: before ? { council: before.to_org, date: before.takes_over } : null,
        to: { council: t.to, date: t.date },
      },
    });
    return true;
  });
}
