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

/** An accepted opaque id: no birth date or sex can be derived from it (they come from mapped columns). */
export interface OpaqueIdOk {
  ok: true;
  /** `opaque:` + the id (a UUID in lower case), so it can never equal a CPR or personnummer */
  normalised: string;
  scheme: 'opaque';
  birthYear: null;
  birthMonth: null;
  sex: 'U';
  warnings: PersonIdWarning[];
}

/** Longest opaque id accepted (a UUID is 36 characters; research ids are shorter). */
export const MAX_OPAQUE_ID = 128;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Accept an id of the `opaque` scheme (UUID, patient number, research id): trimmed, 1–128 printable
 * characters. It is pseudonymised like a CPR number; only its text is compared (a UUID regardless of case).
 * @example
 * const r = parseOpaqueId('6f0c4c8e-2d1b-4a8e-9d44-3a1c1f1f6b7e'); // r.normalised = 'opaque:6f0c…'
 */
export function parseOpaqueId(raw: string): OpaqueIdOk | PersonIdError {
  const id = raw.trim();
  if (id === '') return { ok: false, reason: 'empty', message: personIdMessage('empty') };
  // eslint-disable-next-line no-control-regex
  if (id.length > MAX_OPAQUE_ID || /[\u0000-\u001f\u007f]/.test(id))
    return { ok: false, reason: 'bad_format', message: personIdMessage('bad_format') };
  return {
    ok: true,
    normalised: `opaque:${UUID.test(id) ? id.toLowerCase() : id}`,
    scheme: 'opaque',
    birthYear: null,
    birthMonth: null,
    sex: 'U',
    warnings: [],
  };
}
