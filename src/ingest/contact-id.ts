/**
 * A hospital contact without an id (column not mapped, or an empty cell) gets one derived from the
 * pseudonymised person, the start and the unit (hospital and hospital_unit):
 * `derived-` + the first 16 hex digits of md5(pseudonym|start|hospital|unit) + `-` + an ordinal among
 * the person's contacts with that start and unit, by discharge time and then file order. The same rows give
 * the same ids on every import. Documented in docs/trajectories.md ("Contact ids").
 */
export function contactIdSql(): string {
  const start = `strftime(t."f_admit_time", '%Y-%m-%dT%H:%M:%S')`;
  // coalesce keeps one '|' per part, so the parts cannot run together into another contact's key
  const parts = [`m.pseudonym`, start, `t."f_hospital"`, `t."f_hospital_unit"`].map(
    (p) => `coalesce(${p}, '')`,
  );
  const ordinal = `row_number() OVER (PARTITION BY m.pseudonym, t."f_admit_time", t."f_hospital", t."f_hospital_unit"
    ORDER BY t."f_discharge_time" NULLS LAST, t.__file, t.__row)`;
  return `coalesce(t."f_contact_id", 'derived-' || substr(md5(${parts.join(` || '|' || `)}), 1, 16) || '-' || ${ordinal})`;
}
