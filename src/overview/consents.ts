/**
 * Consents in the store: recorded, versioned and never deleted. A change is a new version; a
 * withdrawal is a new version with `withdrawn_at` set, which ends access from that moment while the
 * history stays (the table refuses UPDATE and DELETE). Every change is audited.
 */
import type { Db } from '../store/db.js';
import { appendAudit } from '../store/audit.js';
import { requireAssignedCase } from './cases.js';
import { isoDay, isoTime, isoTimeOrNull, newId, overviewError, textArray, type Actor } from './common.js';
import { GIVEN_HOW, type Consent, type GivenHow } from './consent.js';
import type { Categories } from './categories.js';

/** A consent version with who recorded it and when. */
export interface ConsentVersion extends Consent {
  recordedBy: string;
  recordedAt: string;
}

export interface ConsentInput {
  areas: string[];
  dataTypes: string[];
  sectors: string[];
  departments: string[];
  providers: string[];
  phases: string[];
  validFrom: string;
  validTo: string;
  givenHow: GivenHow;
}

const COLUMNS = `consent_id, version, case_id, purpose, areas, data_types, sectors, departments, providers, phases,
  valid_from::text AS valid_from, valid_to::text AS valid_to, given_how, withdrawn_at, recorded_by, recorded_at`;

function toConsent(r: Record<string, unknown>): ConsentVersion {
  return {
    id: String(r.consent_id),
    version: Number(r.version),
    caseId: String(r.case_id),
    purpose: String(r.purpose),
    areas: textArray(r.areas),
    dataTypes: textArray(r.data_types),
    sectors: textArray(r.sectors),
    departments: textArray(r.departments),
    providers: textArray(r.providers),
    phases: textArray(r.phases),
    validFrom: isoDay(r.valid_from),
    validTo: isoDay(r.valid_to),
    givenHow: r.given_how as GivenHow,
    withdrawnAt: isoTimeOrNull(r.withdrawn_at),
    recordedBy: String(r.recorded_by),
    recordedAt: isoTime(r.recorded_at),
  };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Check a consent's fields against the categories; the first problem is a 400 naming the field. */
export function validateConsentInput(input: ConsentInput, cats: Categories): void {
  const known = (field: string, values: string[], ids: string[]) => {
    for (const v of values)
      if (!ids.includes(v)) throw overviewError('consent.unknown_value', 400, { field, value: v });
  };
  if (input.areas.length === 0) throw overviewError('consent.empty', 400, { field: 'areas' });
  if (input.dataTypes.length === 0) throw overviewError('consent.empty', 400, { field: 'dataTypes' });
  if (input.phases.length === 0) throw overviewError('consent.empty', 400, { field: 'phases' });
  if (input.sectors.length + input.departments.length + input.providers.length === 0)
    throw overviewError('consent.empty', 400, { field: 'sectors/departments/providers' });
  known(
    'areas',
    input.areas,
    cats.areas.map((a) => a.id),
  );
  known(
    'dataTypes',
    input.dataTypes,
    cats.dataTypes.map((t) => t.id),
  );
  known(
    'sectors',
    input.sectors,
    cats.sectors.map((s) => s.id),
  );
  known(
    'phases',
    input.phases,
    cats.phases.map((p) => p.id),
  );
  if (!(GIVEN_HOW as readonly string[]).includes(input.givenHow))
    throw overviewError('consent.unknown_value', 400, { field: 'givenHow', value: String(input.givenHow) });
  for (const [field, day] of [
    ['validFrom', input.validFrom],
    ['validTo', input.validTo],
  ] as const) {
    if (!DAY.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`)))
      throw overviewError('consent.bad_date', 400, { field });
  }
  if (input.validTo < input.validFrom) throw overviewError('consent.period', 400);
}

/** Record a new consent for a case the actor is assigned to (version 1). */
export async function recordConsent(
  db: Db,
  actor: Actor,
  caseId: string,
  input: ConsentInput,
  cats: Categories,
): Promise<ConsentVersion> {
  const kase = await requireAssignedCase(db, actor, caseId);
  validateConsentInput(input, cats);
  const id = newId();
  return db.transaction(async (tx) => {
    const [row] = await tx.query(
      `INSERT INTO overview_consent_version (consent_id, version, case_id, citizen, purpose, areas, data_types,
         sectors, departments, providers, phases, valid_from, valid_to, given_how, recorded_by)
       VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING ${COLUMNS}`,
      [
        id,
        kase.id,
        kase.citizen,
        kase.purpose,
        input.areas,
        input.dataTypes,
        input.sectors,
        input.departments,
        input.providers,
        input.phases,
        input.validFrom,
        input.validTo,
        input.givenHow,
        actor.id,
      ],
    );
    const consent = toConsent(row!);
    await appendAudit(tx, {
      actor: actor.id,
      action: 'overview.consent.record',
      purpose: 'case',
      subject: kase.citizen,
      detail: { case: kase.id, consent: id, version: 1, ...input },
    });
    return consent;
  });
}

/** The versions in force: the newest version of every consent given for the case. */
export async function consentsForCase(db: Db, caseId: string): Promise<ConsentVersion[]> {
  const rows = await db.query(
    `SELECT ${COLUMNS} FROM overview_consent_version v
     WHERE case_id = $1 AND version = (
       SELECT max(version) FROM overview_consent_version w WHERE w.consent_id = v.consent_id)
     ORDER BY recorded_at, consent_id`,
    [caseId],
  );
  return rows.map(toConsent);
}

/** Every version of one consent, oldest first. */
export async function consentHistory(db: Db, caseId: string, consentId: string): Promise<ConsentVersion[]> {
  const rows = await db.query(
    `SELECT ${COLUMNS} FROM overview_consent_version WHERE case_id = $1 AND consent_id = $2 ORDER BY version`,
    [caseId, consentId],
  );
  return rows.map(toConsent);
}

/**
 * Withdraw a consent from `at` (now by default): a new version, the same content, `withdrawn_at`
 * set. Access that relied on it ends at once; the earlier versions stay.
 */
export async function withdrawConsent(
  db: Db,
  actor: Actor,
  caseId: string,
  consentId: string,
  at: Date = new Date(),
): Promise<ConsentVersion> {
  const kase = await requireAssignedCase(db, actor, caseId);
  return db.transaction(async (tx) => {
    const history = await consentHistory(tx, caseId, consentId);
    const current = history.at(-1);
    if (!current) throw overviewError('consent.not_found', 404);
    if (current.withdrawnAt !== null) throw overviewError('consent.already_withdrawn', 409);
    const [row] = await tx.query(
      `INSERT INTO overview_consent_version (consent_id, version, case_id, citizen, purpose, areas, data_types,
         sectors, departments, providers, phases, valid_from, valid_to, given_how, withdrawn_at, recorded_by)
       SELECT consent_id, version + 1, case_id, citizen, purpose, areas, data_types, sectors, departments,
         providers, phases, valid_from, valid_to, given_how, $3, $4
       FROM overview_consent_version WHERE consent_id = $1 AND version = $2
       RETURNING ${COLUMNS}`,
      [consentId, current.version, at.toISOString(), actor.id],
    );
    await appendAudit(tx, {
      actor: actor.id,
      action: 'overview.consent.withdraw',
      purpose: 'case',
      subject: kase.citizen,
      detail: {
        case: caseId,
        consent: consentId,
        version: current.version + 1,
        withdrawnAt: at.toISOString(),
      },
    });
    return toConsent(row!);
  });
}
