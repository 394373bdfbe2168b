/**
 * Person ids at the ingest door. Each distinct raw id of an extract is parsed and pseudonymised once in
 * JS; the map raw → person_key lives only in a TEMP table of the import connection (never the warehouse
 * file) and is dropped before the transaction commits.
 */
import type { Engine } from '../engine/engine.js';
import { parseOpaqueId, parsePersonId, type Country } from '../ids/person-id.js';
import type { Pseudonymiser } from '../ids/pseudonymise.js';

export async function createIdMap(engine: Engine): Promise<void> {
  await engine.exec(
    `CREATE OR REPLACE TEMP TABLE idmap (pid INTEGER, raw VARCHAR, person_key VARCHAR, reason VARCHAR, warning VARCHAR,
       birth_year DOUBLE, birth_month DOUBLE, sex VARCHAR, scheme VARCHAR)`,
  );
}

export async function dropIdMap(engine: Engine): Promise<void> {
  await engine.exec('DROP TABLE IF EXISTS idmap; DROP TABLE IF EXISTS raw_src');
}

/** Add the distinct ids of a relation to idmap; returns how many were new. */
export async function addIds(
  engine: Engine,
  relationSql: string,
  personIdSql: string,
  country: Country,
  pseudonymise: Pseudonymiser,
  seen: Set<string>,
  options: { filter?: string | null; opaque?: boolean } = {},
): Promise<number> {
  const rows = await engine.all<{ raw: string }>(
    `SELECT DISTINCT ${personIdSql} AS raw FROM ${relationSql} s WHERE ${personIdSql} IS NOT NULL${options.filter ? ` AND ${options.filter}` : ''}`,
  );
  const out: (string | number | null)[][] = [];
  for (const { raw } of rows) {
    if (seen.has(raw)) continue;
    seen.add(raw);
    const r = options.opaque ? parseOpaqueId(raw.slice('opaque:'.length)) : parsePersonId(raw, country);
    if (r.ok) {
      const warning = r.warnings.length ? r.warnings.join(',') : null;
      out.push([
        seen.size,
        raw,
        pseudonymise(r.normalised),
        null,
        warning,
        r.birthYear,
        r.birthMonth,
        r.sex,
        r.scheme,
      ]);
    } else out.push([seen.size, raw, null, r.reason, null, null, null, null, null]);
  }
  if (out.length)
    await engine.append(
      'idmap',
      ['pid', 'raw', 'person_key', 'reason', 'warning', 'birth_year', 'birth_month', 'sex', 'scheme'],
      out,
    );
  return out.length;
}
