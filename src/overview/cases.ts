/**
 * Cases (e.g. a rehabilitation case) and the caseworkers assigned to them. Every read of a case goes
 * through `requireAssignedCase`: a caseworker reaches a case only while assigned to it, so changing
 * an id in a URL finds nothing (the answer is the same "not found" as for an id that does not exist).
 */
import type { Db } from '../store/db.js';
import { appendAudit } from '../store/audit.js';
import { isoTime, isoTimeOrNull, newId, organisationOf, overviewError, type Actor } from './common.js';

export interface CaseRow {
  id: string;
  organisation: string;
  /** the case-handling pseudonym of the citizen; never shown to a person */
  citizen: string;
  purpose: string;
  phase: string;
  title: string;
  status: 'open' | 'closed' | 'handed_over';
  openedAt: string;
  closedAt: string | null;
}

const CASE_COLUMNS =
  'c.id, c.organisation, c.citizen, c.purpose, c.phase, c.title, c.status, c.opened_at, c.closed_at';

function toCase(r: Record<string, unknown>): CaseRow {
  return {
    id: String(r.id),
    organisation: String(r.organisation),
    citizen: String(r.citizen),
    purpose: String(r.purpose),
    phase: String(r.phase),
    title: String(r.title),
    status: r.status as CaseRow['status'],
    openedAt: isoTime(r.opened_at),
    closedAt: isoTimeOrNull(r.closed_at),
  };
}

export interface OpenCaseInput {
  /** the citizen's case-handling pseudonym (pseudonymised by the caller with the case purpose's key) */
  citizen: string;
  purpose: string;
  phase: string;
  title: string;
}

/** Open a case in the actor's organisation and assign the actor to it. */
export async function openCase(db: Db, actor: Actor, input: OpenCaseInput): Promise<CaseRow> {
  const id = newId();
  return db.transaction(async (tx) => {
    const [row] = await tx.query(
      `INSERT INTO overview_case AS c (id, organisation, citizen, purpose, phase, title)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${CASE_COLUMNS}`,
      [id, organisationOf(actor), input.citizen, input.purpose, input.phase, input.title],
    );
    await tx.query('INSERT INTO overview_case_assignment (case_id, user_id) VALUES ($1, $2)', [id, actor.id]);
    await appendAudit(tx, {
      actor: actor.id,
      action: 'overview.case.open',
      purpose: 'case',
      subject: input.citizen,
      detail: { case: id, purpose: input.purpose, phase: input.phase },
    });
    return toCase(row!);
  });
}

/** Assign another person (a caseworker or a member of the rehabilitation team) to a case the actor holds. */
export async function assignCase(db: Db, actor: Actor, caseId: string, userId: string): Promise<void> {
  const kase = await requireAssignedCase(db, actor, caseId);
  await db.query(
    `INSERT INTO overview_case_assignment (case_id, user_id)
     SELECT $1, $2 WHERE NOT EXISTS (
       SELECT 1 FROM overview_case_assignment WHERE case_id = $1 AND user_id = $2 AND ended_at IS NULL)`,
    [caseId, userId],
  );
  await appendAudit(db, {
    actor: actor.id,
    action: 'overview.case.assign',
    purpose: 'case',
    subject: kase.citizen,
    detail: { case: caseId, assigned: userId },
  });
}

/** End a person's assignment to a case. */
export async function unassignCase(db: Db, actor: Actor, caseId: string, userId: string): Promise<void> {
  const kase = await requireAssignedCase(db, actor, caseId);
  await db.query(
    'UPDATE overview_case_assignment SET ended_at = now() WHERE case_id = $1 AND user_id = $2 AND ended_at IS NULL',
    [caseId, userId],
  );
  await appendAudit(db, {
    actor: actor.id,
    action: 'overview.case.unassign',
    purpose: 'case',
    subject: kase.citizen,
    detail: { case: caseId, unassigned: userId },
  });
}

/** The case, when the actor is assigned to it now; null otherwise (no matter whether it exists). */
export async function findAssignedCase(db: Db, actor: Actor, caseId: string): Promise<CaseRow | null> {
  const rows = await db.query(
    `SELECT ${CASE_COLUMNS} FROM overview_case c
     JOIN overview_case_assignment a ON a.case_id = c.id AND a.user_id = $2 AND a.ended_at IS NULL
     WHERE c.id = $1 LIMIT 1`,
    [caseId, actor.id],
  );
  return rows[0] ? toCase(rows[0]) : null;
}

/**
 * The case, when the actor is assigned to it; otherwise a 404 "case not found" — and the attempt is
 * audited, so a person trying ids shows up in the trail.
 */
export async function requireAssignedCase(db: Db, actor: Actor, caseId: string): Promise<CaseRow> {
  const found = await findAssignedCase(db, actor, caseId);
  if (!found) {
    await appendAudit(db, {
      actor: actor.id,
      action: 'overview.case.refused',
      purpose: 'case',
      subject: `case:${caseId}`,
      detail: { case: caseId, reason: 'not_assigned_or_missing' },
    });
    throw overviewError('case.not_found', 404);
  }
  return found;
}

/** The open cases the actor is assigned to, newest first. */
export async function myCases(db: Db, actor: Actor): Promise<CaseRow[]> {
  const rows = await db.query(
    `SELECT ${CASE_COLUMNS} FROM overview_case c
     JOIN overview_case_assignment a ON a.case_id = c.id AND a.user_id = $1 AND a.ended_at IS NULL
     WHERE c.status = 'open' ORDER BY c.opened_at DESC, c.id`,
    [actor.id],
  );
  return rows.map(toCase);
}

/** Move a case to another phase (e.g. from preparation to the resource course). */
export async function setPhase(db: Db, actor: Actor, caseId: string, phase: string): Promise<void> {
  const kase = await requireAssignedCase(db, actor, caseId);
  await db.query('UPDATE overview_case SET phase = $2 WHERE id = $1', [caseId, phase]);
  await appendAudit(db, {
    actor: actor.id,
    action: 'overview.case.phase',
    purpose: 'case',
    subject: kase.citizen,
    detail: { case: caseId, phase },
  });
}
