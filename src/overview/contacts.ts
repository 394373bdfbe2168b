/**
 * The directory of data contact persons (datakontaktpersoner) per department and sector: who to ask
 * for data from a department, and the signed-in user who answers the requests sent there.
 */
import type { Db } from '../store/db.js';
import { appendAudit } from '../store/audit.js';
import { newId, organisationOf, overviewError, textArray, type Actor } from './common.js';
import type { Categories } from './categories.js';

export interface DataContact {
  id: string;
  organisation: string;
  department: string;
  sector: string;
  areas: string[];
  name: string;
  email: string | null;
  phone: string | null;
  /** the user who answers requests to this contact (role data_contact) */
  userId: string | null;
  active: boolean;
}

export interface ContactInput {
  id?: string;
  department: string;
  sector: string;
  areas: string[];
  name: string;
  email?: string | null;
  phone?: string | null;
  userId?: string | null;
}

function toContact(r: Record<string, unknown>): DataContact {
  return {
    id: String(r.id),
    organisation: String(r.organisation),
    department: String(r.department),
    sector: String(r.sector),
    areas: textArray(r.areas),
    name: String(r.name),
    email: r.email === null ? null : String(r.email),
    phone: r.phone === null ? null : String(r.phone),
    userId: r.user_id === null ? null : String(r.user_id),
    active: r.active === true,
  };
}

/** Add a data contact to the actor's organisation's directory (or replace one with the same id). */
export async function saveContact(
  db: Db,
  actor: Actor,
  input: ContactInput,
  cats: Categories,
): Promise<DataContact> {
  if (!input.name.trim() || !input.department.trim())
    throw overviewError('contact.missing', 400, { field: input.name.trim() ? 'department' : 'name' });
  if (!cats.sectors.some((s) => s.id === input.sector))
    throw overviewError('consent.unknown_value', 400, { field: 'sector', value: input.sector });
  for (const a of input.areas)
    if (!cats.areas.some((c) => c.id === a))
      throw overviewError('consent.unknown_value', 400, { field: 'areas', value: a });
  const id = input.id ?? newId();
  const [row] = await db.query(
    `INSERT INTO overview_data_contact (id, organisation, department, sector, areas, name, email, phone, user_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (id) DO UPDATE SET department = EXCLUDED.department, sector = EXCLUDED.sector,
       areas = EXCLUDED.areas, name = EXCLUDED.name, email = EXCLUDED.email, phone = EXCLUDED.phone,
       user_id = EXCLUDED.user_id, active = true
     RETURNING *`,
    [
      id,
      organisationOf(actor),
      input.department.trim(),
      input.sector,
      input.areas,
      input.name.trim(),
      input.email ?? null,
      input.phone ?? null,
      input.userId ?? null,
    ],
  );
  await appendAudit(db, {
    actor: actor.id,
    action: 'overview.contact.save',
    purpose: 'admin',
    subject: `contact:${id}`,
  });
  return toContact(row!);
}

/** The active data contacts of an organisation, by department and name. */
export async function listContacts(db: Db, organisation: string): Promise<DataContact[]> {
  const rows = await db.query(
    'SELECT * FROM overview_data_contact WHERE organisation = $1 AND active ORDER BY department, name, id',
    [organisation],
  );
  return rows.map(toContact);
}

/** One contact of the organisation, or null. */
export async function findContact(db: Db, organisation: string, id: string): Promise<DataContact | null> {
  const rows = await db.query('SELECT * FROM overview_data_contact WHERE organisation = $1 AND id = $2', [
    organisation,
    id,
  ]);
  return rows[0] ? toContact(rows[0]) : null;
}

/**
 * The data contact for a department (for an area, when the department has several); a department
 * with no active contact is a 404 that names the department.
 */
export async function contactForDepartment(
  db: Db,
  organisation: string,
  department: string,
  area: string,
): Promise<DataContact> {
  const rows = await db.query(
    `SELECT * FROM overview_data_contact WHERE organisation = $1 AND department = $2 AND active
     ORDER BY ($3 = ANY (areas)) DESC, name, id LIMIT 1`,
    [organisation, department, area],
  );
  if (!rows[0]) throw overviewError('request.no_contact', 404, { department });
  return toContact(rows[0]);
}
