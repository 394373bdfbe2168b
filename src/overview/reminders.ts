/**
 * Reminders for the caseworker: a consent in force whose last valid day is within the reminder
 * window (default 14 days), and a request to a data contact still unanswered after its due date.
 * A reminder is for every caseworker assigned to the open case; it is issued once (a row in
 * overview_reminder, audited `overview.reminder.issue`) and listed until the consent is renewed or
 * withdrawn or the request is answered, declined or cancelled. No e-mail is sent (docs/overview.md,
 * "Reminders"): the caseworker's page lists them and `tvaerblik overview reminders --json` gives them
 * to whatever forwards them (a scheduled job, the municipality's mail system).
 */
import type { Db } from '../store/db.js';
import { appendAudit } from '../store/audit.js';
import { isoDay, isoTime, newId } from './common.js';

/** Days before a consent's last valid day that its reminder appears. */
export const REMINDER_DAYS = 14;

export type ReminderKind = 'consent_expiring' | 'request_overdue';

export interface Reminder {
  kind: ReminderKind;
  caseId: string;
  caseTitle: string;
  /** the caseworker the reminder is for */
  userId: string;
  /** the consent (`id:version`) or the request */
  ref: string;
  /** the consent's last valid day, or the request's due date (YYYY-MM-DD) */
  due: string;
  /** days from today to `due`: ≥ 0 for a consent (0 = its last day), < 0 for an overdue request */
  days: number;
  /** the request's data contact */
  contactId: string | null;
  issuedAt: string;
  /** issued by this call (first time it was due) */
  issuedNow: boolean;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

interface Due {
  kind: ReminderKind;
  caseId: string;
  caseTitle: string;
  citizen: string;
  organisation: string;
  userId: string;
  ref: string;
  due: string;
  contactId: string | null;
}

/** What is due on `today` in the organisation (or for one caseworker): the candidates, not yet issued. */
async function dueOn(
  db: Db,
  today: string,
  days: number,
  scope: { organisation?: string; userId?: string },
): Promise<Due[]> {
  const params = [today, days, scope.organisation ?? null, scope.userId ?? null];
  const consents = await db.query(
    `SELECT v.consent_id || ':' || v.version AS ref, v.case_id, c.title, c.citizen, c.organisation,
       v.valid_to::text AS due, a.user_id
     FROM overview_consent_version v
     JOIN overview_case c ON c.id = v.case_id AND c.status = 'open'
     JOIN overview_case_assignment a ON a.case_id = c.id AND a.ended_at IS NULL
     WHERE v.version = (SELECT max(w.version) FROM overview_consent_version w WHERE w.consent_id = v.consent_id)
       AND v.withdrawn_at IS NULL AND v.valid_from <= $1::date AND v.valid_to >= $1::date
       AND v.valid_to <= $1::date + $2::int
       AND ($3::text IS NULL OR c.organisation = $3) AND ($4::text IS NULL OR a.user_id = $4)`,
    params,
  );
  const requests = await db.query(
    `SELECT r.id AS ref, r.case_id, c.title, c.citizen, c.organisation, r.due_date::text AS due, r.contact_id,
       a.user_id
     FROM overview_request r
     JOIN overview_case c ON c.id = r.case_id AND c.status = 'open'
     JOIN overview_case_assignment a ON a.case_id = c.id AND a.ended_at IS NULL
     WHERE r.status = 'open' AND r.due_date < $1::date AND $2::int >= 0
       AND ($3::text IS NULL OR c.organisation = $3) AND ($4::text IS NULL OR a.user_id = $4)`,
    params,
  );
  const row = (kind: ReminderKind, r: Record<string, unknown>): Due => ({
    kind,
    caseId: String(r.case_id),
    caseTitle: String(r.title),
    citizen: String(r.citizen),
    organisation: String(r.organisation),
    userId: String(r.user_id),
    ref: String(r.ref),
    due: isoDay(r.due),
    contactId: r.contact_id === undefined || r.contact_id === null ? null : String(r.contact_id),
  });
  return [
    ...consents.map((r) => row('consent_expiring', r)),
    ...requests.map((r) => row('request_overdue', r)),
  ];
}

/**
 * The reminders due on `today` (YYYY-MM-DD), for one caseworker (`userId`) or a whole organisation:
 * those due for the first time are issued (stored and audited) now; all are returned, the soonest
 * (most overdue) first. Calling it again the same day issues nothing new.
 */
export async function reminders(
  db: Db,
  today: string,
  scope: { organisation?: string; userId?: string },
  days: number = REMINDER_DAYS,
): Promise<Reminder[]> {
  if (!DAY.test(today) || Number.isNaN(Date.parse(`${today}T00:00:00Z`)))
    throw new Error(`reminders: today must be YYYY-MM-DD, not ${today}`);
  return db.transaction(async (tx) => {
    const out: Reminder[] = [];
    for (const d of await dueOn(tx, today, days, scope)) {
      const made = await tx.query<{ issued_at: unknown }>(
        `INSERT INTO overview_reminder (id, organisation, kind, case_id, ref, due, user_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (kind, ref, due, user_id) DO NOTHING
         RETURNING issued_at`,
        [newId(), d.organisation, d.kind, d.caseId, d.ref, d.due, d.userId],
      );
      let issuedAt: unknown = made[0]?.issued_at;
      if (made[0]) {
        if (d.kind === 'request_overdue')
          await tx.query(
            'UPDATE overview_request SET reminded_at = now() WHERE id = $1 AND reminded_at IS NULL',
            [d.ref],
          );
        await appendAudit(tx, {
          actor: null,
          action: 'overview.reminder.issue',
          purpose: 'case',
          subject: d.citizen,
          detail: { case: d.caseId, kind: d.kind, ref: d.ref, due: d.due, for: d.userId },
        });
      } else {
        const [old] = await tx.query<{ issued_at: unknown }>(
          'SELECT issued_at FROM overview_reminder WHERE kind = $1 AND ref = $2 AND due = $3 AND user_id = $4',
          [d.kind, d.ref, d.due, d.userId],
        );
        issuedAt = old!.issued_at;
      }
      out.push({
        kind: d.kind,
        caseId: d.caseId,
        caseTitle: d.caseTitle,
        userId: d.userId,
        ref: d.ref,
        due: d.due,
        days: daysBetween(today, d.due),
        contactId: d.contactId,
        issuedAt: isoTime(issuedAt),
        issuedNow: made.length > 0,
      });
    }
    return out.sort(
      (a, b) => a.days - b.days || a.caseTitle.localeCompare(b.caseTitle) || a.ref.localeCompare(b.ref),
    );
  });
}
