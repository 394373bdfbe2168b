/**
 * The index of where data lives: metadata of items in the source systems (never the documents).
 * A load — a file from a system's extract or a push to the API — is one transaction: every valid
 * row is inserted or updated by its (organisation, source system, item reference), so loading the
 * same extract twice leaves the same index. A row with an unknown area or data type, a missing
 * field or an unknown data contact is a data-quality finding reported back, not a silent drop.
 * The person id of a row is pseudonymised with the case-handling key on the way in and never stored.
 */
import type { Db } from '../store/db.js';
import { appendAudit } from '../store/audit.js';
import { isoDay, newId, organisationOf, overviewError, type Actor } from './common.js';
import type { Categories } from './categories.js';

/** Turns a raw person id (CPR / personnummer) into the case-handling pseudonym; null when it is not a valid id. */
export type Pseudonymise = (personId: string) => string | null;

/** One row as a system gives it (API JSON, or a file's columns by these names). */
export interface EntryInput {
  personId?: unknown;
  area?: unknown;
  dataType?: unknown;
  department?: unknown;
  sector?: unknown;
  provider?: unknown;
  date?: unknown;
  title?: unknown;
  contactId?: unknown;
  itemRef?: unknown;
}

/** A data-quality finding: which row (1-based) and field, and what is wrong — never the person id. */
export interface Finding {
  row: number;
  field: string;
  problem:
    | 'missing'
    | 'bad_person_id'
    | 'unknown_area'
    | 'unknown_type'
    | 'unknown_sector'
    | 'unknown_contact'
    | 'bad_date'
    | 'off_matrix'
    | 'duplicate_ref';
  /** the offending value for category fields (never for personId) */
  value?: string;
}

export interface LoadSummary {
  batchId: string;
  rowsIn: number;
  rowsLoaded: number;
  /** of the loaded rows: new entries, changed entries, and entries already in the index exactly so */
  inserted: number;
  updated: number;
  unchanged: number;
  findings: Finding[];
}

/** Rows per INSERT statement: large enough to load 10 million entries in minutes, small enough for PGlite. */
export const LOAD_CHUNK = 2000;

interface ValidEntry {
  /** the row it came from (1-based, or the file's row number) */
  row: number;
  citizen: string;
  area: string;
  dataType: string;
  department: string;
  sector: string;
  provider: string | null;
  date: string;
  title: string;
  contactId: string | null;
  itemRef: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function text(v: unknown): string | null {
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string') return null;
  const s = v.trim();
  return s === '' ? null : s;
}

/**
 * Check rows against the categories and the contact directory. Returns the rows to load and the
 * findings; a row with a blocking finding is not loaded (its finding says why), an off-matrix row
 * (a known area and type the matrix does not expect together) is loaded and reported.
 */
export function checkEntries(
  rows: readonly EntryInput[],
  cats: Categories,
  contactIds: ReadonlySet<string>,
  pseudonymise: Pseudonymise,
  rowNumbers?: readonly number[],
): { valid: ValidEntry[]; findings: Finding[] } {
  const areas = new Set(cats.areas.map((a) => a.id));
  const types = new Set(cats.dataTypes.map((t) => t.id));
  const sectors = new Set(cats.sectors.map((s) => s.id));
  const valid: ValidEntry[] = [];
  const findings: Finding[] = [];
  const lastOfRef = new Map<string, number>();
  rows.forEach((raw, i) => {
    const row = rowNumbers?.[i] ?? i + 1;
    const problems: Finding[] = [];
    const need = (field: keyof EntryInput): string => {
      const v = text(raw[field]);
      if (v === null) problems.push({ row, field, problem: 'missing' });
      return v ?? '';
    };
    const personId = need('personId');
    const area = need('area');
    const dataType = need('dataType');
    const department = need('department');
    const sector = need('sector');
    const date = need('date');
    const title = need('title');
    const itemRef = need('itemRef');
    const provider = text(raw.provider);
    const contactId = text(raw.contactId);
    if (area && !areas.has(area)) problems.push({ row, field: 'area', problem: 'unknown_area', value: area });
    if (dataType && !types.has(dataType))
      problems.push({ row, field: 'dataType', problem: 'unknown_type', value: dataType });
    if (sector && !sectors.has(sector))
      problems.push({ row, field: 'sector', problem: 'unknown_sector', value: sector });
    if (date && (!DAY.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))))
      problems.push({ row, field: 'date', problem: 'bad_date' });
    if (contactId !== null && !contactIds.has(contactId))
      problems.push({ row, field: 'contactId', problem: 'unknown_contact', value: contactId });
    const citizen = personId ? pseudonymise(personId) : null;
    if (personId && citizen === null) problems.push({ row, field: 'personId', problem: 'bad_person_id' });
    if (problems.length || citizen === null) {
      findings.push(...problems);
      return;
    }
    if (!(cats.matrix[area] ?? []).includes(dataType))
      findings.push({ row, field: 'dataType', problem: 'off_matrix', value: `${area}/${dataType}` });
    const earlier = lastOfRef.get(itemRef);
    if (earlier !== undefined)
      findings.push({ row: valid[earlier]!.row, field: 'itemRef', problem: 'duplicate_ref', value: itemRef });
    lastOfRef.set(itemRef, valid.length);
    valid.push({
      row,
      citizen,
      area,
      dataType,
      department,
      sector,
      provider,
      date,
      title,
      contactId,
      itemRef,
    });
  });
  return { valid, findings };
}

/**
 * Load rows from one source system into the index, atomically and repeatably; audited. Rows go in
 * LOAD_CHUNK at a time; an entry whose content is already in the index exactly so is left as it is
 * (not even its batch changes), so loading the same extract again changes no entry.
 */
export async function loadEntries(
  db: Db,
  actor: Actor,
  sourceSystem: string,
  rows: readonly EntryInput[],
  cats: Categories,
  pseudonymise: Pseudonymise,
  opts: { rowNumbers?: readonly number[]; file?: string } = {},
): Promise<LoadSummary> {
  const organisation = organisationOf(actor);
  if (!text(sourceSystem)) throw overviewError('entries.no_source', 400);
  return db.transaction(async (tx) => {
    const contacts = await tx.query<{ id: string }>(
      'SELECT id FROM overview_data_contact WHERE organisation = $1',
      [organisation],
    );
    const { valid, findings } = checkEntries(
      rows,
      cats,
      new Set(contacts.map((c) => c.id)),
      pseudonymise,
      opts.rowNumbers,
    );
    // the last row of an item reference wins (the earlier ones are reported as duplicate_ref)
    const byRef = new Map<string, ValidEntry>();
    for (const e of valid) byRef.set(e.itemRef, e);
    const unique = [...byRef.values()];
    const batchId = newId();
    await tx.query(
      `INSERT INTO overview_index_batch (id, organisation, source_system, loaded_by, rows_in, rows_loaded, findings)
       VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb)`,
      [batchId, organisation, sourceSystem, actor.id, rows.length, valid.length, JSON.stringify(findings)],
    );
    let inserted = 0;
    let updated = 0;
    for (let at = 0; at < unique.length; at += LOAD_CHUNK) {
      const chunk = unique.slice(at, at + LOAD_CHUNK);
      const col = <K extends keyof ValidEntry>(k: K) => chunk.map((e) => e[k]);
      const changed = await tx.query<{ inserted: boolean }>(
        `INSERT INTO overview_index_entry AS o (organisation, citizen, area, data_type, source_system, department,
           sector, provider, item_date, title, contact_id, item_ref, category_version, batch_id)
         SELECT $1, u.citizen, u.area, u.data_type, $2, u.department, u.sector, u.provider, u.item_date, u.title,
           u.contact_id, u.item_ref, $3, $4
         FROM unnest($5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::date[],
           $12::text[], $13::text[], $14::text[])
           AS u(citizen, area, data_type, department, sector, provider, item_date, title, contact_id, item_ref)
         ON CONFLICT (organisation, source_system, item_ref) DO UPDATE SET
           citizen = EXCLUDED.citizen, area = EXCLUDED.area, data_type = EXCLUDED.data_type,
           department = EXCLUDED.department, sector = EXCLUDED.sector, provider = EXCLUDED.provider,
           item_date = EXCLUDED.item_date, title = EXCLUDED.title, contact_id = EXCLUDED.contact_id,
           category_version = EXCLUDED.category_version, batch_id = EXCLUDED.batch_id, loaded_at = now()
         WHERE (o.citizen, o.area, o.data_type, o.department, o.sector, o.provider, o.item_date, o.title,
             o.contact_id, o.category_version)
           IS DISTINCT FROM (EXCLUDED.citizen, EXCLUDED.area, EXCLUDED.data_type, EXCLUDED.department,
             EXCLUDED.sector, EXCLUDED.provider, EXCLUDED.item_date, EXCLUDED.title, EXCLUDED.contact_id,
             EXCLUDED.category_version)
         RETURNING (xmax = 0) AS inserted`,
        [
          organisation,
          sourceSystem,
          cats.version,
          batchId,
          col('citizen'),
          col('area'),
          col('dataType'),
          col('department'),
          col('sector'),
          col('provider'),
          col('date'),
          col('title'),
          col('contactId'),
          col('itemRef'),
        ],
      );
      for (const r of changed) if (r.inserted) inserted += 1;
      updated += changed.length - changed.filter((r) => r.inserted).length;
    }
    const unchanged = unique.length - inserted - updated;
    await appendAudit(tx, {
      actor: actor.id,
      action: 'overview.index.load',
      purpose: 'case',
      subject: `source:${sourceSystem}`,
      detail: {
        batch: batchId,
        ...(opts.file ? { file: opts.file } : {}),
        rowsIn: rows.length,
        rowsLoaded: valid.length,
        inserted,
        updated,
        unchanged,
        findings: findings.length,
      },
    });
    return { batchId, rowsIn: rows.length, rowsLoaded: valid.length, inserted, updated, unchanged, findings };
  });
}

/** One index entry as the overview shows it. */
export interface IndexEntry {
  id: string;
  area: string;
  dataType: string;
  sourceSystem: string;
  department: string;
  sector: string;
  provider: string | null;
  date: string;
  title: string;
  contactId: string | null;
  itemRef: string;
}

/** Every index entry about a citizen in an organisation, newest first. */
export async function entriesFor(db: Db, organisation: string, citizen: string): Promise<IndexEntry[]> {
  const rows = await db.query(
    `SELECT id::text AS id, area, data_type, source_system, department, sector, provider,
       item_date::text AS item_date, title, contact_id, item_ref
     FROM overview_index_entry WHERE organisation = $1 AND citizen = $2
     ORDER BY item_date DESC, id DESC`,
    [organisation, citizen],
  );
  return rows.map((r) => ({
    id: String(r.id),
    area: String(r.area),
    dataType: String(r.data_type),
    sourceSystem: String(r.source_system),
    department: String(r.department),
    sector: String(r.sector),
    provider: r.provider === null ? null : String(r.provider),
    date: isoDay(r.item_date),
    title: String(r.title),
    contactId: r.contact_id === null ? null : String(r.contact_id),
    itemRef: String(r.item_ref),
  }));
}
