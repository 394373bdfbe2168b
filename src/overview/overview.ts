/**
 * The overview page's data: for a case the caseworker is assigned to and a consent in force, the
 * matrix of areas × data types with counts, dates, sources and data contacts. Entries the consents
 * do not cover are counted as "exists, not covered by the consent" or left out entirely, as the
 * municipality has chosen (`overview_setting.uncovered_display`). Every read is audited with the
 * consents it relied on and the entries shown; a refused read is audited with its reason.
 */
import type { Db } from '../store/db.js';
import { appendAudit, sharedAuditQueue, type AuditEntry } from '../store/audit.js';
import { requireAssignedCase, type CaseRow } from './cases.js';
import { overviewError, type Actor } from './common.js';
import { judgeCaseAll, judgeEntryAll, type DenyReason } from './consent.js';
import { consentsForCase, type ConsentVersion } from './consents.js';
import { listContacts, type DataContact } from './contacts.js';
import { entriesFor, type IndexEntry } from './entries.js';
import type { Categories } from './categories.js';

/**
 * The read's audit entry goes through the store's group commit (docs/server.md, "Group commit"):
 * caseworkers reading at the same time share one append instead of queueing on the chain's head
 * one by one. Each read still returns only after its own entry is committed.
 */
function auditRead(db: Db, e: AuditEntry): Promise<void> {
  return sharedAuditQueue(db)(e);
}

/** How entries outside the consent are shown: counted as "exists, not covered", or hidden. */
export type UncoveredDisplay = 'exists' | 'hidden';

/** One cell of the matrix: an area and a data type. */
export interface Cell {
  area: string;
  dataType: string;
  /** entries the consent covers */
  covered: number;
  /** entries that exist but the consent does not cover (0 when the municipality hides them) */
  uncovered: number;
  /** the newest date among the covered entries */
  latest: string | null;
  /** source systems and data contacts of the covered entries */
  sources: string[];
  contacts: string[];
  /** the type is in the default matrix for the area */
  expected: boolean;
}

export interface CaseOverview {
  case: Pick<CaseRow, 'id' | 'title' | 'purpose' | 'phase' | 'status'>;
  consents: ConsentVersion[];
  display: UncoveredDisplay;
  cells: Cell[];
  /** the covered entries, newest first */
  entries: (IndexEntry & { consentId: string })[];
  /** every contact named by a covered entry */
  contacts: DataContact[];
  /** why each uncovered entry is not covered, counted (only when display is 'exists') */
  uncoveredReasons: Partial<Record<DenyReason, number>>;
}

/** The municipality's choice for entries outside the consent ('exists' unless set). */
export async function uncoveredDisplay(db: Db, organisation: string): Promise<UncoveredDisplay> {
  const rows = await db.query<{ uncovered_display: string }>(
    'SELECT uncovered_display FROM overview_setting WHERE organisation = $1',
    [organisation],
  );
  return rows[0]?.uncovered_display === 'hidden' ? 'hidden' : 'exists';
}

/** Set the municipality's choice (an administrator's setting). */
export async function setUncoveredDisplay(
  db: Db,
  actor: Actor,
  organisation: string,
  display: UncoveredDisplay,
): Promise<void> {
  await db.query(
    `INSERT INTO overview_setting (organisation, uncovered_display) VALUES ($1, $2)
     ON CONFLICT (organisation) DO UPDATE SET uncovered_display = EXCLUDED.uncovered_display`,
    [organisation, display],
  );
  await appendAudit(db, {
    actor: actor.id,
    action: 'overview.setting',
    purpose: 'admin',
    subject: `organisation:${organisation}`,
    detail: { uncoveredDisplay: display },
  });
}

/**
 * The consents of an assigned case, and the verdict on the case as a whole; a case no consent in
 * force covers is refused (403) with the reason (withdrawn, expired, another case …), audited.
 */
export async function requireConsentedCase(
  db: Db,
  actor: Actor,
  caseId: string,
  at: Date,
  action: string,
): Promise<{ kase: CaseRow; consents: ConsentVersion[] }> {
  const kase = await requireAssignedCase(db, actor, caseId);
  const consents = await consentsForCase(db, caseId);
  const verdict = judgeCaseAll(consents, kase, at);
  if (!verdict.allow) {
    await appendAudit(db, {
      actor: actor.id,
      action: `${action}.refused`,
      purpose: 'case',
      subject: kase.citizen,
      detail: { case: caseId, reason: verdict.reason },
    });
    throw overviewError(`consent.deny.${verdict.reason}`, 403);
  }
  return { kase, consents };
}

/** Build the overview of a case at `at` (now by default). */
export async function caseOverview(
  db: Db,
  actor: Actor,
  caseId: string,
  cats: Categories,
  at: Date = new Date(),
): Promise<CaseOverview> {
  const { kase, consents } = await requireConsentedCase(db, actor, caseId, at, 'overview.read');
  const display = await uncoveredDisplay(db, kase.organisation);
  const all = await entriesFor(db, kase.organisation, kase.citizen);
  const cells = new Map<string, Cell>();
  const cell = (area: string, dataType: string): Cell => {
    const key = `${area}\u0000${dataType}`;
    let c = cells.get(key);
    if (!c) {
      c = {
        area,
        dataType,
        covered: 0,
        uncovered: 0,
        latest: null,
        sources: [],
        contacts: [],
        expected: (cats.matrix[area] ?? []).includes(dataType),
      };
      cells.set(key, c);
    }
    return c;
  };
  for (const area of cats.areas) for (const type of cats.matrix[area.id] ?? []) cell(area.id, type);
  const shown: (IndexEntry & { consentId: string })[] = [];
  const reasons: Partial<Record<DenyReason, number>> = {};
  for (const e of all) {
    const v = judgeEntryAll(consents, kase, e, at);
    if (v.allow) {
      const c = cell(e.area, e.dataType);
      c.covered += 1;
      if (c.latest === null || e.date > c.latest) c.latest = e.date;
      if (!c.sources.includes(e.sourceSystem)) c.sources.push(e.sourceSystem);
      if (e.contactId !== null && !c.contacts.includes(e.contactId)) c.contacts.push(e.contactId);
      shown.push({ ...e, consentId: v.consentId });
    } else if (display === 'exists') {
      cell(e.area, e.dataType).uncovered += 1;
      reasons[v.reason] = (reasons[v.reason] ?? 0) + 1;
    }
  }
  const contactIds = new Set(shown.map((e) => e.contactId).filter((c): c is string => c !== null));
  const contacts = (await listContacts(db, kase.organisation)).filter((c) => contactIds.has(c.id));
  const areaOrder = cats.areas.map((a) => a.id);
  const typeOrder = cats.dataTypes.map((t) => t.id);
  const ordered = [...cells.values()].sort(
    (a, b) =>
      areaOrder.indexOf(a.area) - areaOrder.indexOf(b.area) ||
      typeOrder.indexOf(a.dataType) - typeOrder.indexOf(b.dataType),
  );
  const relied = [...new Set(shown.map((e) => e.consentId))];
  await auditRead(db, {
    actor: actor.id,
    action: 'overview.read',
    purpose: 'case',
    subject: kase.citizen,
    detail: {
      case: caseId,
      consents: consents.filter((c) => relied.includes(c.id)).map((c) => ({ id: c.id, version: c.version })),
      entries: shown.map((e) => e.id),
      uncovered: display === 'exists' ? all.length - shown.length : null,
    },
  });
  return {
    case: { id: kase.id, title: kase.title, purpose: kase.purpose, phase: kase.phase, status: kase.status },
    consents,
    display,
    cells: ordered,
    entries: shown,
    contacts,
    uncoveredReasons: reasons,
  };
}
