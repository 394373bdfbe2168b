/**
 * What the overview's modules share: who is acting, errors that carry an HTTP status and a stable
 * code, and turning store values (Date or text, from PostgreSQL or PGlite alike) into ISO strings.
 */
import { randomBytes } from 'node:crypto';
import { userError, type MessageVars } from '../core/messages.js';
import type { UserError } from '../errors.js';
import type { Role } from '../store/access.js';
import type { Db } from '../store/db.js';

/** The signed-in person acting (request.user in the server). */
export interface Actor {
  id: string;
  roles: readonly Role[];
  organisation?: string;
}

/** The organisation an actor works for; one organisation installations leave it unset. */
export function organisationOf(actor: Actor): string {
  return actor.organisation ?? 'default';
}

/** A user error with the HTTP status the server answers it with and a stable code for API clients. */
export type OverviewError = UserError & { status: number; code: string };

/** Make an error from locales/overview: `overview.<code>.msg` (and `.hint` when the catalogue has one). */
export function overviewError(code: string, status: number, vars: MessageVars = {}): OverviewError {
  return Object.assign(userError(`overview.${code}`, vars), { status, code });
}

/** True when err came from overviewError. */
export function isOverviewError(err: unknown): err is OverviewError {
  return err instanceof Error && typeof (err as Partial<OverviewError>).status === 'number' && 'code' in err;
}

/** A timestamp from the store as ISO 8601 (node-pg and PGlite both give a Date; text is accepted too). */
export function isoTime(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return new Date(String(value)).toISOString();
}

/** A timestamp or null. */
export function isoTimeOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : isoTime(value);
}

/** A `date` column selected as text (`col::text`) stays YYYY-MM-DD. */
export function isoDay(value: unknown): string {
  return String(value).slice(0, 10);
}

/** A text[] column as a string array. */
export function textArray(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/** The case-store pseudonym of a case's citizen: the audit subject, so a citizen's access log finds every entry. */
export async function citizenOfCase(db: Db, caseId: string): Promise<string> {
  const rows = await db.query<{ citizen: string }>('SELECT citizen FROM overview_case WHERE id = $1', [
    caseId,
  ]);
  if (!rows[0]) throw new Error(`case ${caseId} vanished while it was being changed`);
  return rows[0].citizen;
}

/** A new id: 128 random bits, URL-safe, and never a run of digits that could be read as a person number. */
export function newId(): string {
  return randomBytes(16)
    .toString('base64url')
    .replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!);
}
