/**
 * One entry point for person ids at the ingest door: parse, normalise, derive birth year-month and sex.
 * The result never carries the raw id; failures carry a stable code and a message without the id.
 */
import { parseCpr } from './cpr.js';
import { personIdMessage, type LocalisedMessage } from './messages.js';
import { parsePersonnummer } from './personnummer.js';
import type { PersonIdReason, PersonIdScheme, PersonIdWarning, Sex } from './types.js';

export type Country = 'DK' | 'SE';

export interface PersonIdOk {
  ok: true;
  /** Canonical form to pseudonymise: DK 10 characters, SE 12 digits, no separator. */
  normalised: string;
  scheme: PersonIdScheme;
  birthYear: number;
  birthMonth: number;
  sex: Sex;
  warnings: PersonIdWarning[];
}

export interface PersonIdError {
  ok: false;
  reason: PersonIdReason;
  /** Da/sv/en text for the user; fixed text that never includes the raw id. */
  message: LocalisedMessage;
}

export type PersonIdResult = PersonIdOk | PersonIdError;

export interface ParsePersonIdOptions {
  /** Date used to resolve the century of 10-digit Swedish numbers; default today (UTC). */
  referenceDate?: Date;
}

/**
 * Parse a Danish CPR/eCPR or Swedish personnummer/samordningsnummer.
 * @example
 * const r = parsePersonId('850517-2380', 'SE', { referenceDate: new Date('2024-01-01') });
 * if (r.ok) pseudonymise(r.normalised); else console.error(r.reason, r.message.da);
 */
export function parsePersonId(
  raw: string,
  country: Country,
  opts: ParsePersonIdOptions = {},
): PersonIdResult {
  if (country !== 'DK' && country !== 'SE')
    throw new Error(`parsePersonId: unknown country ${String(country)}`);
  const parsed = country === 'DK' ? parseCpr(raw) : parsePersonnummer(raw, opts.referenceDate);
  if (!parsed.ok) return { ok: false, reason: parsed.reason, message: personIdMessage(parsed.reason) };
  return {
    ok: true,
    normalised: parsed.normalised,
    scheme: parsed.scheme,
    birthYear: parsed.birthDate.year,
    birthMonth: parsed.birthDate.month,
    sex: parsed.sex,
    warnings: parsed.warnings,
  };
}
