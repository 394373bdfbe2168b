/**
 * Handover when a citizen moves (standardoverlevering ved flytning): the old municipality exports a
 * bundle of the case — consents with their history, the plan with its history, the index entries
 * the consent covers with their data contacts, and the requests — and the new municipality imports
 * it into a new case. Export needs a consent in force; both ends are audited. The bundle carries no
 * person id and no pseudonym (each municipality has its own key): the receiving caseworker names
 * the citizen, whose pseudonym is made with the receiving store's case key.
 */
import { z } from 'zod';
import type { Db } from '../store/db.js';
import { appendAudit } from '../store/audit.js';
import { newId, organisationOf, overviewError, type Actor } from './common.js';
import { requireAssignedCase } from './cases.js';
import { GIVEN_HOW } from './consent.js';
import { consentsForCase, consentHistory } from './consents.js';
import { listContacts } from './contacts.js';
import { caseOverview } from './overview.js';
import { requestsForCase } from './requests.js';
import { loadCategories, type Categories } from './categories.js';

export const HANDOVER_FORMAT = 'tvaerblik.overview.handover';

const str = z.string();
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const bundleSchema = z.object({
  format: z.literal(HANDOVER_FORMAT),
  formatVersion: z.literal(1),
  from: str,
  exportedAt: str,
  case: z.object({ purpose: str, phase: str, title: str }),
  consents: z.array(
    z.object({
      id: str,
      version: z.number().int().min(1),
      purpose: str,
      areas: z.array(str),
      dataTypes: z.array(str),
      sectors: z.array(str),
      departments: z.array(str),
      providers: z.array(str),
      phases: z.array(str),
      validFrom: day,
      validTo: day,
      givenHow: z.enum(GIVEN_HOW),
      withdrawnAt: str.nullable(),
      recordedBy: str,
      recordedAt: str,
    }),
  ),
  plan: z.array(
    z.object({
      section: str,
      version: z.number().int().min(1),
      goals: str,
      activities: str,
      responsible: str,
      deadline: day.nullable(),
      author: str,
      writtenAt: str,
    }),
  ),
  contacts: z.array(
    z.object({
      id: str,
      department: str,
      sector: str,
      areas: z.array(str),
      name: str,
      email: str.nullable(),
      phone: str.nullable(),
    }),
  ),
  entries: z.array(
    z.object({
      area: str,
      dataType: str,
      sourceSystem: str,
      department: str,
      sector: str,
      provider: str.nullable(),
      date: day,
      title: str,
      contactId: str.nullable(),
      itemRef: str,
    }),
  ),
  requests: z.array(
    z.object({
      contactId: str,
      area: str,
      dataTypes: z.array(str),
      message: str,
      dueDate: day,
      status: z.enum(['open', 'answered', 'declined', 'cancelled']),
      answerKind: z.enum(['document', 'summary']).nullable(),
      answerText: str.nullable(),
      answerRef: str.nullable(),
      declineReason: str.nullable(),
    }),
  ),
});

export type HandoverBundle = z.infer<typeof bundleSchema>;

/** Export a case as a handover bundle (needs a consent in force; audited with the consents relied on). */
export async function exportHandover(
  db: Db,
  actor: Actor,
  caseId: string,
  cats: Categories = loadCategories(),
  at: Date = new Date(),
): Promise<HandoverBundle> {
  // the overview applies every consent rule and audits the read of the entries
  const view = await caseOverview(db, actor, caseId, cats, at);
  const kase = await requireAssignedCase(db, actor, caseId);
  const consents = [];
  for (const c of await consentsForCase(db, caseId))
    for (const v of await consentHistory(db, caseId, c.id)) {
      const { caseId: _case, areas, dataTypes, sectors, departments, providers, phases, ...rest } = v;
      consents.push({
        ...rest,
        areas: [...areas],
        dataTypes: [...dataTypes],
        sectors: [...sectors],
        departments: [...departments],
        providers: [...providers],
        phases: [...phases],
      });
    }
  const plan = await db.query(
    `SELECT section, version, goals, activities, responsible, deadline::text AS deadline, author, written_at
     FROM overview_plan_version WHERE case_id = $1 ORDER BY section, version`,
    [caseId],
  );
  const requests = await requestsForCase(db, caseId);
  const named = new Set([
    ...view.entries.map((e) => e.contactId).filter((c): c is string => c !== null),
    ...requests.map((r) => r.contactId),
  ]);
  const organisation = organisationOf(actor);
  const contacts = (await listContacts(db, organisation)).filter((c) => named.has(c.id));
  const bundle: HandoverBundle = {
    format: HANDOVER_FORMAT,
    formatVersion: 1,
    from: organisation,
    exportedAt: at.toISOString(),
    case: { purpose: view.case.purpose, phase: view.case.phase, title: view.case.title },
    consents,
    plan: plan.map((p) => ({
      section: String(p.section),
      version: Number(p.version),
      goals: String(p.goals),
      activities: String(p.activities),
      responsible: String(p.responsible),
      deadline: p.deadline === null ? null : String(p.deadline),
      author: String(p.author),
      writtenAt: p.written_at instanceof Date ? p.written_at.toISOString() : String(p.written_at),
    })),
    contacts: contacts.map(({ id, department, sector, areas, name, email, phone }) => ({
      id,
      department,
      sector,
      areas,
      name,
      email,
      phone,
    })),
    entries: view.entries.map(({ id: _id, consentId: _c, ...e }) => e),
    requests: requests.map((r) => ({
      contactId: r.contactId,
      area: r.area,
      dataTypes: r.dataTypes,
      message: r.message,
      dueDate: r.dueDate,
      status: r.status,
      answerKind: r.answerKind,
      answerText: r.answerText,
      answerRef: r.answerRef,
      declineReason: r.declineReason,
    })),
  };
  await appendAudit(db, {
    actor: actor.id,
    action: 'overview.handover.export',
    purpose: 'case',
    subject: kase.citizen,
    detail: {
      case: caseId,
      consents: view.consents.map((c) => ({ id: c.id, version: c.version })),
      entries: bundle.entries.length,
      requests: bundle.requests.length,
    },
  });
  return bundle;
}

/** Check a bundle read from a file or a request body; a 400 naming the first wrong field. */
export function parseHandover(raw: unknown): HandoverBundle {
  const parsed = bundleSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw overviewError('handover.invalid', 400, { field: issue.path.map(String).join('.') || '(document)' });
  }
  return parsed.data;
}

/**
 * Import a bundle as a new case of the actor's organisation for `citizen` (the receiving store's
 * pseudonym), assigned to the actor. Contacts and entries keep the sending municipality's name in
 * their source (`<from>:<system>`), so the new caseworker knows whom to ask. Atomic; audited.
 */
export async function importHandover(db: Db, actor: Actor, raw: unknown, citizen: string): Promise<string> {
  const bundle = parseHandover(raw);
  const organisation = organisationOf(actor);
  if (bundle.from === organisation) throw overviewError('handover.same_organisation', 400);
  const caseId = newId();
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO overview_case (id, organisation, citizen, purpose, phase, title) VALUES ($1, $2, $3, $4, $5, $6)`,
      [caseId, organisation, citizen, bundle.case.purpose, bundle.case.phase, bundle.case.title],
    );
    await tx.query('INSERT INTO overview_case_assignment (case_id, user_id) VALUES ($1, $2)', [
      caseId,
      actor.id,
    ]);
    const consentIds = new Map<string, string>();
    for (const c of bundle.consents) {
      if (!consentIds.has(c.id)) consentIds.set(c.id, newId());
      await tx.query(
        `INSERT INTO overview_consent_version (consent_id, version, case_id, citizen, purpose, areas, data_types,
           sectors, departments, providers, phases, valid_from, valid_to, given_how, withdrawn_at, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
        [
          consentIds.get(c.id),
          c.version,
          caseId,
          citizen,
          c.purpose,
          c.areas,
          c.dataTypes,
          c.sectors,
          c.departments,
          c.providers,
          c.phases,
          c.validFrom,
          c.validTo,
          c.givenHow,
          c.withdrawnAt,
          `${bundle.from}:${c.recordedBy}`,
          c.recordedAt,
        ],
      );
    }
    for (const p of bundle.plan)
      await tx.query(
        `INSERT INTO overview_plan_version (case_id, section, version, goals, activities, responsible, deadline, author, written_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          caseId,
          p.section,
          p.version,
          p.goals,
          p.activities,
          p.responsible,
          p.deadline,
          `${bundle.from}:${p.author}`,
          p.writtenAt,
        ],
      );
    const contactIds = new Map<string, string>();
    for (const c of bundle.contacts) {
      const id = `${bundle.from}:${c.id}`;
      contactIds.set(c.id, id);
      await tx.query(
        `INSERT INTO overview_data_contact (id, organisation, department, sector, areas, name, email, phone, active)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, true)
         ON CONFLICT (id) DO NOTHING`,
        [id, organisation, `${c.department} (${bundle.from})`, c.sector, c.areas, c.name, c.email, c.phone],
      );
    }
    const contactOf = (id: string | null) => (id === null ? null : (contactIds.get(id) ?? null));
    for (const e of bundle.entries)
      await tx.query(
        `INSERT INTO overview_index_entry (organisation, citizen, area, data_type, source_system, department, sector,
           provider, item_date, title, contact_id, item_ref, category_version, batch_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         ON CONFLICT (organisation, source_system, item_ref) DO NOTHING`,
        [
          organisation,
          citizen,
          e.area,
          e.dataType,
          `${bundle.from}:${e.sourceSystem}`,
          `${e.department} (${bundle.from})`,
          e.sector,
          e.provider,
          e.date,
          e.title,
          contactOf(e.contactId),
          e.itemRef,
          'handover',
          `handover:${caseId}`,
        ],
      );
    const relied = bundle.consents.at(-1);
    for (const r of bundle.requests) {
      const contact = contactOf(r.contactId);
      if (contact === null || !relied) continue;
      await tx.query(
        `INSERT INTO overview_request (id, case_id, contact_id, area, data_types, message, due_date, status,
           consent_id, consent_version, requested_by, answer_kind, answer_text, answer_ref, decline_reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
        [
          newId(),
          caseId,
          contact,
          r.area,
          r.dataTypes,
          r.message,
          r.dueDate,
          r.status === 'open' ? 'cancelled' : r.status,
          consentIds.get(relied.id),
          relied.version,
          `${bundle.from}`,
          r.answerKind,
          r.answerText,
          r.answerRef,
          r.declineReason,
        ],
      );
    }
    await appendAudit(tx, {
      actor: actor.id,
      action: 'overview.handover.import',
      purpose: 'case',
      subject: citizen,
      detail: {
        case: caseId,
        from: bundle.from,
        exportedAt: bundle.exportedAt,
        consents: consentIds.size,
        entries: bundle.entries.length,
        requests: bundle.requests.length,
      },
    });
  });
  return caseId;
}
