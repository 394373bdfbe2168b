/**
 * The rehabilitation team's case pack (the seed's standard for what the team is given): a case
 * summary, a CV (education and work history), a timeline of the citizen's activities across
 * departments and sectors, the professional assessments collected, and the shared plan — all from
 * what the consent covers. Built from the same rules as the overview and audited as a read.
 */
import type { Db } from '../store/db.js';
import type { Actor } from './common.js';
import type { Categories } from './categories.js';
import { caseOverview, type CaseOverview } from './overview.js';
import { readPlan, type PlanSection } from './plan.js';
import { requestsForCase, type DataRequest } from './requests.js';
import type { IndexEntry } from './entries.js';

/** The plan section the caseworker writes the case summary in. */
export const SUMMARY_SECTION = 'summary';

export interface CasePack {
  case: CaseOverview['case'];
  /** the caseworker's summary (the plan's `summary` section), or null when not yet written */
  summary: PlanSection | null;
  /** education history, oldest first */
  education: IndexEntry[];
  /** work history (employment entries), oldest first */
  work: IndexEntry[];
  /** every covered entry, oldest first */
  timeline: IndexEntry[];
  /** answered requests (statuses, descriptions and assessments collected from the data contacts) */
  assessments: DataRequest[];
  /** the other plan sections */
  plan: PlanSection[];
  consents: CaseOverview['consents'];
}

/** Assemble the case pack of a case the actor is assigned to, under a consent in force. */
export async function casePack(
  db: Db,
  actor: Actor,
  caseId: string,
  cats: Categories,
  at: Date = new Date(),
): Promise<CasePack> {
  const view = await caseOverview(db, actor, caseId, cats, at);
  const plan = await readPlan(db, actor, caseId);
  const requests = await requestsForCase(db, caseId);
  const oldestFirst = [...view.entries]
    .map(({ consentId: _c, ...e }) => e)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : Number(a.id) - Number(b.id)));
  return {
    case: view.case,
    summary: plan.find((p) => p.section === SUMMARY_SECTION) ?? null,
    education: oldestFirst.filter((e) => e.area === 'education'),
    work: oldestFirst.filter((e) => e.area === 'employment'),
    timeline: oldestFirst,
    assessments: requests.filter((r) => r.status === 'answered'),
    plan: plan.filter((p) => p.section !== SUMMARY_SECTION),
    consents: view.consents,
  };
}
