/** Shared result types for person identifiers (CPR, personnummer). */

export type Sex = 'M' | 'F' | 'U';

/** `opaque`: a UUID, patient number or research id without a birth date in it (docs/person-ids.md). */
export type PersonIdScheme = 'cpr' | 'ecpr' | 'personnummer' | 'samordningsnummer' | 'opaque';

/** Stable rejection codes; callers switch on these, users see `personIdMessage(reason)`. */
export type PersonIdReason = 'empty' | 'bad_format' | 'bad_date' | 'bad_checksum';

/** Stable warning codes on an accepted id. */
export type PersonIdWarning = 'cpr_mod11_fail' | 'ecpr_birth_date_uncertain';

export interface BirthDate {
  year: number;
  month: number;
  day: number;
}

export interface ParsedId {
  ok: true;
  /** Canonical form that is hashed: DK 10 characters, SE 12 digits, no separator. */
  normalised: string;
  scheme: PersonIdScheme;
  birthDate: BirthDate;
  sex: Sex;
  warnings: PersonIdWarning[];
}

export interface RejectedId {
  ok: false;
  reason: PersonIdReason;
}

export type IdParseResult = ParsedId | RejectedId;
