// Every consent rule, table-driven: consent states × entries (areas, types, sources) × phases, with
// hand-written expected verdicts (docs/overview.md, "Consent rules").
import { describe, expect, it } from 'vitest';
import {
  combine,
  dayOf,
  judgeCaseAll,
  judgeEntry,
  judgeEntryAll,
  type CaseContext,
  type Consent,
  type EntryScope,
} from '../../src/overview/consent.js';

const AT = new Date('2026-03-15T10:00:00Z');

const BASE: Consent = {
  id: 'k1',
  version: 1,
  caseId: 'case-1',
  purpose: 'rehabilitation',
  areas: ['employment', 'health_regional', 'health_private'],
  dataTypes: ['status', 'journal_note'],
  sectors: ['municipal'],
  departments: ['Hospitalsenhed Vest'],
  providers: ['Lægehuset Vestergade'],
  phases: ['preparation'],
  validFrom: '2026-01-01',
  validTo: '2026-06-30',
  givenHow: 'signed_form',
  withdrawnAt: null,
};

const STATES: Record<string, Partial<Consent>> = {
  active: {},
  withdrawn_after_the_read: { withdrawnAt: '2026-03-15T10:00:01Z' },
  withdrawn: { withdrawnAt: '2026-03-15T09:59:59Z' },
  withdrawn_the_same_instant: { withdrawnAt: '2026-03-15T10:00:00Z' },
  expired: { validTo: '2026-03-14' },
  last_day: { validTo: '2026-03-15' },
  not_yet_valid: { validFrom: '2026-03-16' },
  other_case: { caseId: 'case-2' },
  other_purpose: { purpose: 'sickness_benefit' },
  both_phases: { phases: ['preparation', 'resource_course'] },
};

const ENTRIES: Record<string, EntryScope> = {
  // covered by its sector
  jobcentre_status: {
    area: 'employment',
    dataType: 'status',
    sector: 'municipal',
    department: 'Jobcenter',
    provider: null,
  },
  // area outside the consent
  economy_overview: {
    area: 'economy',
    dataType: 'status',
    sector: 'municipal',
    department: 'Ydelse',
    provider: null,
  },
  // type outside the consent
  jobcentre_certificate: {
    area: 'employment',
    dataType: 'certificate',
    sector: 'municipal',
    department: 'Jobcenter',
    provider: null,
  },
  // regional sector not named, but the department is
  hospital_named: {
    area: 'health_regional',
    dataType: 'journal_note',
    sector: 'regional',
    department: 'Hospitalsenhed Vest',
    provider: null,
  },
  // regional sector and department not named
  hospital_other: {
    area: 'health_regional',
    dataType: 'journal_note',
    sector: 'regional',
    department: 'Hospitalsenhed Midt',
    provider: null,
  },
  // private GP named as provider
  gp_named: {
    area: 'health_private',
    dataType: 'status',
    sector: 'private',
    department: 'Almen praksis',
    provider: 'Lægehuset Vestergade',
  },
  gp_other: {
    area: 'health_private',
    dataType: 'status',
    sector: 'private',
    department: 'Almen praksis',
    provider: 'Lægehuset Østergade',
  },
};

type Expect = 'allow' | string;
const NARROW_PREPARATION: Record<string, Expect> = {
  jobcentre_status: 'allow',
  economy_overview: 'area_not_covered',
  jobcentre_certificate: 'type_not_covered',
  hospital_named: 'allow',
  hospital_other: 'source_not_covered',
  gp_named: 'allow',
  gp_other: 'source_not_covered',
};
const all = (reason: string): Record<string, Expect> =>
  Object.fromEntries(Object.keys(ENTRIES).map((k) => [k, reason]));

// state → phase → entry → expected
const EXPECTED: Record<string, Record<'preparation' | 'resource_course', Record<string, Expect>>> = {
  active: { preparation: NARROW_PREPARATION, resource_course: all('phase_not_covered') },
  withdrawn_after_the_read: { preparation: NARROW_PREPARATION, resource_course: all('phase_not_covered') },
  withdrawn: { preparation: all('withdrawn'), resource_course: all('withdrawn') },
  withdrawn_the_same_instant: { preparation: all('withdrawn'), resource_course: all('withdrawn') },
  expired: { preparation: all('expired'), resource_course: all('expired') },
  last_day: { preparation: NARROW_PREPARATION, resource_course: all('phase_not_covered') },
  not_yet_valid: { preparation: all('not_yet_valid'), resource_course: all('not_yet_valid') },
  other_case: { preparation: all('other_case'), resource_course: all('other_case') },
  other_purpose: { preparation: all('other_purpose'), resource_course: all('other_purpose') },
  both_phases: { preparation: NARROW_PREPARATION, resource_course: NARROW_PREPARATION },
};

const rows: [string, 'preparation' | 'resource_course', string, Expect][] = [];
for (const [state, phases] of Object.entries(EXPECTED))
  for (const phase of ['preparation', 'resource_course'] as const)
    for (const [entry, expected] of Object.entries(phases[phase])) rows.push([state, phase, entry, expected]);

describe('consent rules: state × phase × entry', () => {
  it('covers 10 states × 2 phases × 7 entries', () => {
    expect(rows).toHaveLength(140);
  });
  it.each(rows)('%s consent, case in %s, entry %s → %s', (state, phase, entry, expected) => {
    const consent = { ...BASE, ...STATES[state] };
    const kase: CaseContext = { id: 'case-1', purpose: 'rehabilitation', phase };
    const v = judgeEntry(consent, kase, ENTRIES[entry]!, AT);
    if (expected === 'allow') expect(v).toEqual({ allow: true, consentId: 'k1', consentVersion: 1 });
    else expect(v).toEqual({ allow: false, reason: expected });
  });
});

describe('several consents', () => {
  const kase: CaseContext = { id: 'case-1', purpose: 'rehabilitation', phase: 'preparation' };
  it('no consent at all says so', () => {
    expect(judgeCaseAll([], kase, AT)).toEqual({ allow: false, reason: 'no_consent' });
  });
  it('a withdrawn consent and a narrower one: the narrower one decides, with its own reason', () => {
    const withdrawn = { ...BASE, id: 'old', withdrawnAt: '2026-03-01T08:00:00Z', areas: ['economy'] };
    const narrow = { ...BASE, id: 'new', areas: ['employment'] };
    expect(judgeEntryAll([withdrawn, narrow], kase, ENTRIES.economy_overview!, AT)).toEqual({
      allow: false,
      reason: 'area_not_covered',
    });
    expect(judgeEntryAll([withdrawn, narrow], kase, ENTRIES.jobcentre_status!, AT)).toEqual({
      allow: true,
      consentId: 'new',
      consentVersion: 1,
    });
  });
  it('the first consent that allows is the one relied on', () => {
    const a = { ...BASE, id: 'a' };
    const b = { ...BASE, id: 'b', version: 3 };
    expect(judgeEntryAll([a, b], kase, ENTRIES.gp_named!, AT)).toMatchObject({ consentId: 'a' });
    expect(judgeEntryAll([{ ...a, validTo: '2026-01-31' }, b], kase, ENTRIES.gp_named!, AT)).toEqual({
      allow: true,
      consentId: 'b',
      consentVersion: 3,
    });
  });
  it('combine keeps the most specific refusal (expired < other_case < source_not_covered)', () => {
    expect(
      combine([
        { allow: false, reason: 'other_case' },
        { allow: false, reason: 'source_not_covered' },
        { allow: false, reason: 'expired' },
      ]),
    ).toEqual({ allow: false, reason: 'source_not_covered' });
  });
});

describe('consent days are Danish calendar days', () => {
  it('22:30 UTC on 30 June is 1 July in Copenhagen (summer time, UTC+2)', () => {
    expect(dayOf(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
    const kase: CaseContext = { id: 'case-1', purpose: 'rehabilitation', phase: 'preparation' };
    expect(judgeCaseAll([BASE], kase, new Date('2026-06-30T21:59:59Z'))).toMatchObject({ allow: true });
    expect(judgeCaseAll([BASE], kase, new Date('2026-06-30T22:00:00Z'))).toEqual({
      allow: false,
      reason: 'expired',
    });
  });
  it('23:30 UTC on 31 December is 1 January (winter time, UTC+1)', () => {
    expect(dayOf(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });
});
