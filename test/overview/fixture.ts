// A small case store for the overview tests: three data contacts, index entries for two citizens
// (ten rows, two of them wrong), and people in two municipalities. Every expectation in the tests
// is counted by hand from these rows.
import { createHash } from 'node:crypto';
import type { Actor } from '../../src/overview/common.js';
import { loadCategories } from '../../src/overview/categories.js';
import { saveContact } from '../../src/overview/contacts.js';
import { loadEntries, type EntryInput } from '../../src/overview/entries.js';
import type { Db } from '../../src/store/db.js';

export const cats = loadCategories();

export const cw1: Actor = { id: 'cw1', roles: ['caseworker'], organisation: 'aarhus' };
export const cw2: Actor = { id: 'cw2', roles: ['caseworker'], organisation: 'aarhus' };
export const dc1: Actor = { id: 'dc1', roles: ['data_contact'], organisation: 'aarhus' };
export const admin: Actor = { id: 'adm', roles: ['admin'], organisation: 'aarhus' };
export const cwOdense: Actor = { id: 'cw-odense', roles: ['caseworker'], organisation: 'odense' };

/** A test key's keyed hash; the real store uses its case key (never the planning key). */
export const pseudonymise = (personId: string): string =>
  `p_${createHash('sha256').update(`test-case-key\u0000${personId}`).digest('hex').slice(0, 24)}`;

/** Synthetic person ids (not CPR-shaped). */
export const CITIZEN_A = 'synthetic-citizen-a';
export const CITIZEN_B = 'synthetic-citizen-b';

const row = (
  personId: string | undefined,
  area: string,
  dataType: string,
  department: string,
  sector: string,
  date: string,
  title: string,
  itemRef: string,
  contactId?: string,
): EntryInput => ({ personId, area, dataType, department, sector, date, title, itemRef, contactId });

/** Rows 1–10 as one extract; row 7 has an unknown area, row 8 no person, row 9 is off the matrix. */
export const ROWS: EntryInput[] = [
  row(
    CITIZEN_A,
    'employment',
    'status',
    'Jobcenter',
    'municipal',
    '2026-01-10',
    'Status fra virksomhedspraktik',
    'F-1',
  ),
  row(
    CITIZEN_A,
    'employment',
    'registration',
    'Jobcenter',
    'municipal',
    '2026-02-01',
    'Udeblivelse fra samtale',
    'F-2',
  ),
  row(
    CITIZEN_A,
    'social_psychiatry',
    'status',
    'Socialforvaltningen',
    'municipal',
    '2025-11-20',
    'Statusnotat fra bostøtte',
    'N-7',
    'dc-social',
  ),
  row(
    CITIZEN_A,
    'health_regional',
    'journal_note',
    'Hospitalsenhed Midt',
    'regional',
    '2025-12-05',
    'Epikrise',
    'SP-3',
    'dc-region',
  ),
  row(
    CITIZEN_A,
    'economy',
    'overview',
    'Ydelsesservice',
    'municipal',
    '2026-01-31',
    'Forsørgelseshistorik',
    'O-1',
  ),
  row(
    CITIZEN_A,
    'education',
    'status',
    'Ungdommens Uddannelsesvejledning',
    'municipal',
    '2019-06-30',
    'Uddannelseshistorik',
    'U-1',
  ),
  row(CITIZEN_A, 'housing', 'status', 'Boligsocialt team', 'municipal', '2026-01-05', 'Boligsag', 'B-1'),
  row(undefined, 'employment', 'status', 'Jobcenter', 'municipal', '2026-01-05', 'Uden person', 'F-8'),
  row(
    CITIZEN_A,
    'education',
    'certificate',
    'Ungdommens Uddannelsesvejledning',
    'municipal',
    '2018-06-30',
    'Eksamensbevis',
    'U-2',
  ),
  row(
    CITIZEN_B,
    'employment',
    'status',
    'Jobcenter',
    'municipal',
    '2026-01-12',
    'Status for en anden borger',
    'F-9',
  ),
];

/** The directory and the index, as an administrator and a department's system would load them. */
export async function seed(db: Db): Promise<void> {
  await saveContact(
    db,
    admin,
    {
      id: 'dc-social',
      department: 'Socialforvaltningen',
      sector: 'municipal',
      areas: ['social_psychiatry', 'social_substance_abuse'],
      name: 'Signe Social',
      email: 'signe@example.org',
      userId: 'dc1',
    },
    cats,
  );
  await saveContact(
    db,
    admin,
    {
      id: 'dc-region',
      department: 'Hospitalsenhed Midt',
      sector: 'regional',
      areas: ['health_regional'],
      name: 'Rasmus Region',
    },
    cats,
  );
  await saveContact(
    db,
    admin,
    {
      id: 'dc-jobcenter',
      department: 'Jobcenter',
      sector: 'municipal',
      areas: ['employment'],
      name: 'Jonna Job',
      userId: 'dc1',
    },
    cats,
  );
  await loadEntries(db, admin, 'mixed-extract', ROWS, cats, pseudonymise);
}

/** The consent most tests use: employment, social psychiatry and education; status and registration; municipal sources; preparation. */
export const CONSENT = {
  areas: ['employment', 'social_psychiatry', 'education'],
  dataTypes: ['status', 'registration'],
  sectors: ['municipal'],
  departments: [],
  providers: [],
  phases: ['preparation'],
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
  givenHow: 'signed_form' as const,
};

/** The moment most tests read at. */
export const AT = new Date('2026-03-15T10:00:00Z');
