/**
 * Consent rules (samtykke): which index entries a consent lets a caseworker see, as pure functions.
 * A consent names what information (areas and data types), from whom (sectors, departments, named
 * providers), for which case and purpose, in which phases, valid from–to; a withdrawal ends it from
 * that moment. Versioned in the store (never deleted); these functions judge one version.
 * docs/overview.md, "Consent rules", lists every rule; the FHIR mapping is there too.
 */

/** How the consent was given. */
export const GIVEN_HOW = ['signed_form', 'digital', 'oral_recorded'] as const;
export type GivenHow = (typeof GIVEN_HOW)[number];

/** One version of a consent, as the rules need it. */
export interface Consent {
  id: string;
  version: number;
  caseId: string;
  /** the purpose of the case it was given for, e.g. 'rehabilitation' */
  purpose: string;
  areas: readonly string[];
  dataTypes: readonly string[];
  /** from whom: an entry is covered when its sector, department or provider is named */
  sectors: readonly string[];
  departments: readonly string[];
  providers: readonly string[];
  phases: readonly string[];
  /** first day it is valid (YYYY-MM-DD) */
  validFrom: string;
  /** last day it is valid (YYYY-MM-DD), inclusive */
  validTo: string;
  givenHow: GivenHow;
  /** when it was withdrawn (ISO timestamp), or null */
  withdrawnAt: string | null;
}

/** The case a caseworker is working on, as the rules need it. */
export interface CaseContext {
  id: string;
  purpose: string;
  phase: string;
}

/** One index entry, as the rules need it. */
export interface EntryScope {
  area: string;
  dataType: string;
  sector: string;
  department: string;
  provider: string | null;
}

/**
 * Why a consent does not give access, in the order the rules are checked. A later reason means the
 * consent passed every earlier check, so it is the more specific answer.
 */
export const DENY_REASONS = [
  'no_consent',
  'withdrawn',
  'not_yet_valid',
  'expired',
  'other_case',
  'other_purpose',
  'phase_not_covered',
  'area_not_covered',
  'type_not_covered',
  'source_not_covered',
] as const;
export type DenyReason = (typeof DENY_REASONS)[number];

export type Verdict =
  { allow: true; consentId: string; consentVersion: number } | { allow: false; reason: DenyReason };

/** The calendar day of an ISO timestamp in Danish time (consents are given in whole days). */
export function dayOf(at: Date): string {
  // sv-SE formats as YYYY-MM-DD; Europe/Copenhagen so a consent ending 31 Dec still holds at 00:30 on 31 Dec
  return at.toLocaleDateString('sv-SE', { timeZone: 'Europe/Copenhagen' });
}

/**
 * Whether the consent lets the case be worked on at all at `at` (not withdrawn, within its dates,
 * for this case, purpose and phase); the area, type and source checks come per entry.
 */
export function judgeCase(consent: Consent, kase: CaseContext, at: Date): Verdict {
  if (consent.withdrawnAt !== null && new Date(consent.withdrawnAt).getTime() <= at.getTime())
    return { allow: false, reason: 'withdrawn' };
  const day = dayOf(at);
  if (day < consent.validFrom) return { allow: false, reason: 'not_yet_valid' };
  if (day > consent.validTo) return { allow: false, reason: 'expired' };
  if (consent.caseId !== kase.id) return { allow: false, reason: 'other_case' };
  if (consent.purpose !== kase.purpose) return { allow: false, reason: 'other_purpose' };
  if (!consent.phases.includes(kase.phase)) return { allow: false, reason: 'phase_not_covered' };
  return { allow: true, consentId: consent.id, consentVersion: consent.version };
}

/** Whether the consent covers one entry for the case at `at`. */
export function judgeEntry(consent: Consent, kase: CaseContext, entry: EntryScope, at: Date): Verdict {
  const base = judgeCase(consent, kase, at);
  if (!base.allow) return base;
  if (!consent.areas.includes(entry.area)) return { allow: false, reason: 'area_not_covered' };
  if (!consent.dataTypes.includes(entry.dataType)) return { allow: false, reason: 'type_not_covered' };
  const fromWhom =
    consent.sectors.includes(entry.sector) ||
    consent.departments.includes(entry.department) ||
    (entry.provider !== null && consent.providers.includes(entry.provider));
  if (!fromWhom) return { allow: false, reason: 'source_not_covered' };
  return base;
}

/**
 * The verdict of several consents: allowed when any one allows (the first that does is the one
 * relied on); otherwise the most specific reason any of them gave, 'no_consent' when there are none.
 */
export function combine(verdicts: readonly Verdict[]): Verdict {
  let best: Verdict = { allow: false, reason: 'no_consent' };
  for (const v of verdicts) {
    if (v.allow) return v;
    if (!best.allow && DENY_REASONS.indexOf(v.reason) > DENY_REASONS.indexOf(best.reason)) best = v;
  }
  return best;
}

/** Judge the case against every consent given for it. */
export function judgeCaseAll(consents: readonly Consent[], kase: CaseContext, at: Date): Verdict {
  return combine(consents.map((c) => judgeCase(c, kase, at)));
}

/** Judge one entry against every consent given for the case. */
export function judgeEntryAll(
  consents: readonly Consent[],
  kase: CaseContext,
  entry: EntryScope,
  at: Date,
): Verdict {
  return combine(consents.map((c) => judgeEntry(c, kase, entry, at)));
}
