/**
 * One shared plan per case (én samlet plan) that every person assigned to the case writes in: one
 * section per actor (e.g. jobcenter, social, health), each with goals, activities, who is
 * responsible and a deadline. Every save is a new version (full history, never changed); a save
 * names the version it was edited from, so when two people edit the same section at once the second
 * save is refused with a conflict that carries the other person's text — nobody's change is lost.
 */
import type { Db } from '../store/db.js';
import { appendAudit } from '../store/audit.js';
import { requireAssignedCase } from './cases.js';
import { isoDay, isoTime, overviewError, type Actor } from './common.js';

export interface PlanSection {
  section: string;
  version: number;
  goals: string;
  activities: string;
  responsible: string;
  deadline: string | null;
  author: string;
  writtenAt: string;
}

export interface PlanInput {
  goals: string;
  activities: string;
  responsible: string;
  deadline: string | null;
}

const COLUMNS =
  'section, version, goals, activities, responsible, deadline::text AS deadline, author, written_at';

function toSection(r: Record<string, unknown>): PlanSection {
  return {
    section: String(r.section),
    version: Number(r.version),
    goals: String(r.goals),
    activities: String(r.activities),
    responsible: String(r.responsible),
    deadline: r.deadline === null ? null : isoDay(r.deadline),
    author: String(r.author),
    writtenAt: isoTime(r.written_at),
  };
}

/** The newest version of every section of a case's plan (audited as a read). */
export async function readPlan(db: Db, actor: Actor, caseId: string): Promise<PlanSection[]> {
  const kase = await requireAssignedCase(db, actor, caseId);
  const rows = await db.query(
    `SELECT ${COLUMNS} FROM overview_plan_version p WHERE case_id = $1 AND version = (
       SELECT max(version) FROM overview_plan_version q WHERE q.case_id = p.case_id AND q.section = p.section)
     ORDER BY section`,
    [caseId],
  );
  await appendAudit(db, {
    actor: actor.id,
    action: 'overview.plan.read',
    purpose: 'case',
    subject: kase.citizen,
    detail: { case: caseId },
  });
  return rows.map(toSection);
}

/** Every version of one section, oldest first. */
export async function sectionHistory(
  db: Db,
  actor: Actor,
  caseId: string,
  section: string,
): Promise<PlanSection[]> {
  const kase = await requireAssignedCase(db, actor, caseId);
  const rows = await db.query(
    `SELECT ${COLUMNS} FROM overview_plan_version WHERE case_id = $1 AND section = $2 ORDER BY version`,
    [caseId, section],
  );
  await appendAudit(db, {
    actor: actor.id,
    action: 'overview.plan.history',
    purpose: 'case',
    subject: kase.citizen,
    detail: { case: caseId, section },
  });
  return rows.map(toSection);
}

/** A save refused because someone else saved the section first: their version comes with it. */
export class PlanConflict extends Error {
  constructor(readonly current: PlanSection) {
    super(`plan section ${current.section} is at version ${current.version}`);
    this.name = 'PlanConflict';
  }
}

const SECTION = /^[a-z][a-z0-9_]{0,39}$/;

/**
 * Save a section, edited from `baseVersion` (0 for a new section). Throws PlanConflict when the
 * section has moved on since; the insert's primary key makes two saves of the same base version
 * race-free (only one can write version base + 1).
 */
export async function savePlanSection(
  db: Db,
  actor: Actor,
  caseId: string,
  section: string,
  baseVersion: number,
  input: PlanInput,
): Promise<PlanSection> {
  const kase = await requireAssignedCase(db, actor, caseId);
  if (!SECTION.test(section)) throw overviewError('plan.bad_section', 400);
  if (input.deadline !== null && !/^\d{4}-\d{2}-\d{2}$/.test(input.deadline))
    throw overviewError('consent.bad_date', 400, { field: 'deadline' });
  const current = async (): Promise<PlanSection | null> => {
    const rows = await db.query(
      `SELECT ${COLUMNS} FROM overview_plan_version WHERE case_id = $1 AND section = $2 ORDER BY version DESC LIMIT 1`,
      [caseId, section],
    );
    return rows[0] ? toSection(rows[0]) : null;
  };
  const now = await current();
  if (now === null && baseVersion !== 0) throw overviewError('plan.no_section', 404);
  if (now !== null && now.version !== baseVersion) throw new PlanConflict(now);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.query(
        `INSERT INTO overview_plan_version (case_id, section, version, goals, activities, responsible, deadline, author)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
        [
          caseId,
          section,
          baseVersion + 1,
          input.goals,
          input.activities,
          input.responsible,
          input.deadline,
          actor.id,
        ],
      );
      await appendAudit(tx, {
        actor: actor.id,
        action: 'overview.plan.save',
        purpose: 'case',
        subject: kase.citizen,
        detail: { case: caseId, section, version: baseVersion + 1 },
      });
      return toSection(row!);
    });
  } catch (e) {
    // the primary key refused a second version base + 1: someone saved in between
    if ((e as { code?: string }).code === '23505') throw new PlanConflict((await current())!);
    throw e;
  }
}
