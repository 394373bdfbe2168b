/**
 * Requests instead of the snowball: a caseworker asks a department's data contact for items; the
 * data contact sees a queue and answers with a document reference or a written summary, or declines
 * with a reason. Due dates, reminders and every step are audited. A request is only possible under a
 * consent in force that covers the area and the department (the consent relied on is stored with it).
 */
import type { Db } from '../store/db.js';
import { appendAudit } from '../store/audit.js';
import {
  citizenOfCase,
  isoDay,
  isoTime,
  isoTimeOrNull,
  newId,
  organisationOf,
  overviewError,
  textArray,
  type Actor,
} from './common.js';
import { judgeEntryAll } from './consent.js';
import { contactForDepartment, findContact, type DataContact } from './contacts.js';
import { requireConsentedCase } from './overview.js';

export type RequestStatus = 'open' | 'answered' | 'declined' | 'cancelled';

export interface DataRequest {
  id: string;
  caseId: string;
  caseTitle: string;
  contactId: string;
  area: string;
  dataTypes: string[];
  message: string;
  dueDate: string;
  status: RequestStatus;
  consentId: string;
  consentVersion: number;
  requestedBy: string;
  requestedAt: string;
  remindedAt: string | null;
  answeredBy: string | null;
  answeredAt: string | null;
  answerKind: 'document' | 'summary' | null;
  answerText: string | null;
  answerRef: string | null;
  declineReason: string | null;
}

const COLUMNS = `r.id, r.case_id, c.title AS case_title, r.contact_id, r.area, r.data_types, r.message,
  r.due_date::text AS due_date, r.status, r.consent_id, r.consent_version, r.requested_by, r.requested_at,
  r.reminded_at, r.answered_by, r.answered_at, r.answer_kind, r.answer_text, r.answer_ref, r.decline_reason`;

function toRequest(r: Record<string, unknown>): DataRequest {
  const s = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    id: String(r.id),
    caseId: String(r.case_id),
    caseTitle: String(r.case_title),
    contactId: String(r.contact_id),
    area: String(r.area),
    dataTypes: textArray(r.data_types),
    message: String(r.message),
    dueDate: isoDay(r.due_date),
    status: r.status as RequestStatus,
    consentId: String(r.consent_id),
    consentVersion: Number(r.consent_version),
    requestedBy: String(r.requested_by),
    requestedAt: isoTime(r.requested_at),
    remindedAt: isoTimeOrNull(r.reminded_at),
    answeredBy: s(r.answered_by),
    answeredAt: isoTimeOrNull(r.answered_at),
    answerKind: s(r.answer_kind) as DataRequest['answerKind'],
    answerText: s(r.answer_text),
    answerRef: s(r.answer_ref),
    declineReason: s(r.decline_reason),
  };
}

export interface RequestInput {
  /** the contact to ask, or the department whose contact to ask */
  contactId?: string;
  department?: string;
  area: string;
  dataTypes: string[];
  message: string;
  dueDate: string;
}

/** Send a request for a case the actor is assigned to; refused when no consent in force covers it. */
export async function createRequest(
  db: Db,
  actor: Actor,
  caseId: string,
  input: RequestInput,
  at: Date = new Date(),
): Promise<DataRequest> {
  const { kase, consents } = await requireConsentedCase(db, actor, caseId, at, 'overview.request');
  if (input.dataTypes.length === 0) throw overviewError('consent.empty', 400, { field: 'dataTypes' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.dueDate))
    throw overviewError('consent.bad_date', 400, { field: 'dueDate' });
  if (!input.message.trim()) throw overviewError('contact.missing', 400, { field: 'message' });
  let contact: DataContact | null;
  if (input.contactId) {
    contact = await findContact(db, kase.organisation, input.contactId);
    if (!contact || !contact.active) throw overviewError('request.unknown_contact', 404);
  } else if (input.department) {
    contact = await contactForDepartment(db, kase.organisation, input.department, input.area);
  } else throw overviewError('contact.missing', 400, { field: 'department' });
  // every type asked for must be covered for this department, or the request is refused with the reason
  let relied: { consentId: string; consentVersion: number } | null = null;
  for (const dataType of input.dataTypes) {
    const v = judgeEntryAll(
      consents,
      kase,
      { area: input.area, dataType, sector: contact.sector, department: contact.department, provider: null },
      at,
    );
    if (!v.allow) {
      await appendAudit(db, {
        actor: actor.id,
        action: 'overview.request.refused',
        purpose: 'case',
        subject: kase.citizen,
        detail: { case: caseId, reason: v.reason, area: input.area, dataType, contact: contact.id },
      });
      throw overviewError(`consent.deny.${v.reason}`, 403);
    }
    relied ??= { consentId: v.consentId, consentVersion: v.consentVersion };
  }
  const id = newId();
  return db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO overview_request (id, case_id, contact_id, area, data_types, message, due_date,
         consent_id, consent_version, requested_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        id,
        caseId,
        contact.id,
        input.area,
        input.dataTypes,
        input.message.trim(),
        input.dueDate,
        relied!.consentId,
        relied!.consentVersion,
        actor.id,
      ],
    );
    await appendAudit(tx, {
      actor: actor.id,
      action: 'overview.request.create',
      purpose: 'case',
      subject: kase.citizen,
      detail: {
        case: caseId,
        request: id,
        contact: contact.id,
        area: input.area,
        dataTypes: input.dataTypes,
        consent: relied,
      },
    });
    return (await requestById(tx, id))!;
  });
}

async function requestById(db: Db, id: string): Promise<DataRequest | null> {
  const rows = await db.query(
    `SELECT ${COLUMNS} FROM overview_request r JOIN overview_case c ON c.id = r.case_id WHERE r.id = $1`,
    [id],
  );
  return rows[0] ? toRequest(rows[0]) : null;
}

/** The requests of a case (the caseworker's view), newest first. */
export async function requestsForCase(db: Db, caseId: string): Promise<DataRequest[]> {
  const rows = await db.query(
    `SELECT ${COLUMNS} FROM overview_request r JOIN overview_case c ON c.id = r.case_id
     WHERE r.case_id = $1 ORDER BY r.requested_at DESC, r.id`,
    [caseId],
  );
  return rows.map(toRequest);
}

/** The data contact's queue: requests to the contacts the actor answers for, open ones first by due date. */
export async function contactQueue(db: Db, actor: Actor): Promise<DataRequest[]> {
  const rows = await db.query(
    `SELECT ${COLUMNS} FROM overview_request r JOIN overview_case c ON c.id = r.case_id
     JOIN overview_data_contact d ON d.id = r.contact_id
     WHERE d.user_id = $1 AND d.organisation = $2
     ORDER BY (r.status = 'open') DESC, r.due_date, r.requested_at, r.id`,
    [actor.id, organisationOf(actor)],
  );
  const queue = rows.map(toRequest);
  await appendAudit(db, {
    actor: actor.id,
    action: 'overview.queue.read',
    purpose: 'case',
    subject: `contact-user:${actor.id}`,
    detail: { requests: queue.map((q) => q.id) },
  });
  return queue;
}

/** One request in the actor's queue (404 when it is not theirs — the same answer as for no request). */
async function requireQueued(db: Db, actor: Actor, id: string): Promise<DataRequest> {
  const rows = await db.query(
    `SELECT ${COLUMNS} FROM overview_request r JOIN overview_case c ON c.id = r.case_id
     JOIN overview_data_contact d ON d.id = r.contact_id
     WHERE r.id = $1 AND d.user_id = $2 AND d.organisation = $3`,
    [id, actor.id, organisationOf(actor)],
  );
  if (!rows[0]) throw overviewError('request.not_found', 404);
  return toRequest(rows[0]);
}

export type Answer =
  | { kind: 'document'; ref: string; text?: string }
  | { kind: 'summary'; text: string }
  | { kind: 'decline'; reason: string };

/** Answer (or decline) an open request in the actor's queue. */
export async function answerRequest(db: Db, actor: Actor, id: string, answer: Answer): Promise<DataRequest> {
  const req = await requireQueued(db, actor, id);
  if (req.status !== 'open') throw overviewError('request.not_open', 409, { status: req.status });
  if (answer.kind === 'decline' && !answer.reason.trim())
    throw overviewError('contact.missing', 400, { field: 'reason' });
  if (answer.kind === 'summary' && !answer.text.trim())
    throw overviewError('contact.missing', 400, { field: 'text' });
  if (answer.kind === 'document' && !answer.ref.trim())
    throw overviewError('contact.missing', 400, { field: 'ref' });
  return db.transaction(async (tx) => {
    const changed =
      answer.kind === 'decline'
        ? await tx.query(
            `UPDATE overview_request SET status = 'declined', answered_by = $2, answered_at = now(), decline_reason = $3
             WHERE id = $1 AND status = 'open' RETURNING id`,
            [id, actor.id, answer.reason.trim()],
          )
        : await tx.query(
            `UPDATE overview_request SET status = 'answered', answered_by = $2, answered_at = now(),
               answer_kind = $3, answer_text = $4, answer_ref = $5
             WHERE id = $1 AND status = 'open' RETURNING id`,
            [
              id,
              actor.id,
              answer.kind,
              answer.text?.trim() || null,
              answer.kind === 'document' ? answer.ref.trim() : null,
            ],
          );
    // a second answer racing this one finds the request no longer open
    if (changed.length === 0) throw overviewError('request.not_open', 409, { status: 'answered' });
    await appendAudit(tx, {
      actor: actor.id,
      action: answer.kind === 'decline' ? 'overview.request.decline' : 'overview.request.answer',
      purpose: 'case',
      subject: await citizenOfCase(tx, req.caseId),
      detail: { case: req.caseId, request: id, kind: answer.kind },
    });
    return (await requestById(tx, id))!;
  });
}

/** Cancel an open request of a case the actor is assigned to. */
export async function cancelRequest(db: Db, actor: Actor, caseId: string, id: string): Promise<void> {
  const rows = await db.query(
    `UPDATE overview_request r SET status = 'cancelled'
     FROM overview_case_assignment a
     WHERE r.id = $1 AND r.case_id = $2 AND r.status = 'open'
       AND a.case_id = r.case_id AND a.user_id = $3 AND a.ended_at IS NULL
     RETURNING r.id`,
    [id, caseId, actor.id],
  );
  if (rows.length === 0) throw overviewError('request.not_found', 404);
  await appendAudit(db, {
    actor: actor.id,
    action: 'overview.request.cancel',
    purpose: 'case',
    subject: await citizenOfCase(db, caseId),
    detail: { case: caseId, request: id },
  });
}

/**
 * Mark the open requests past their due date on `today` (YYYY-MM-DD) that have not been reminded
 * since they fell due; returns them so the caller can notify the contacts. Audited per request.
 */
export async function dueReminders(db: Db, today: string): Promise<DataRequest[]> {
  const rows = await db.query<{ id: string }>(
    `UPDATE overview_request SET reminded_at = now()
     WHERE status = 'open' AND due_date < $1::date AND reminded_at IS NULL RETURNING id`,
    [today],
  );
  const out: DataRequest[] = [];
  for (const { id } of rows) {
    const req = (await requestById(db, id))!;
    out.push(req);
    await appendAudit(db, {
      actor: null,
      action: 'overview.request.remind',
      purpose: 'case',
      subject: await citizenOfCase(db, req.caseId),
      detail: { case: req.caseId, request: id, due: req.dueDate },
    });
  }
  return out;
}
