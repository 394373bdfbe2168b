/**
 * Person ids at the ingest door. Each distinct raw id of an import is parsed and pseudonymised once in
 * JS; the map raw → person_key lives only in a TEMP table of the import connection (never the warehouse
 * file) and is dropped before the transaction commits. The small integer pid stands for the person in
 * every staged row.
 */
import type { Engine } from '../engine/engine.js';
import { parseOpaqueId, parsePersonId, type Country } from '../ids/person-id.js';
import type { Pseudonymiser } from '../ids/pseudonymise.js';

/**
 * idmap: raw id → pid, person_key and what the id tells; nores: the pids without residence;
 * pkdone: the pids whose person is in table person (inserted or found) during this import.
 */
export async function createIdMap(engine: Engine): Promise<void> {
  await engine.exec(
    `CREATE OR REPLACE TEMP TABLE idmap (pid INTEGER, raw VARCHAR, person_key VARCHAR, reason VARCHAR, warning VARCHAR,
       birth_year DOUBLE, birth_month DOUBLE, sex VARCHAR, scheme VARCHAR);
     CREATE OR REPLACE TEMP TABLE nores (pid INTEGER);
     CREATE OR REPLACE TEMP TABLE pkdone (pid INTEGER)`,
  );
}

export async function dropIdMap(engine: Engine): Promise<void> {
  await engine.exec(
    'DROP TABLE IF EXISTS idmap; DROP TABLE IF EXISTS nores; DROP TABLE IF EXISTS pkdone; DROP TABLE IF EXISTS raw_src',
  );
}

/** The person ids of one import: each distinct raw id gets the next pid, and is pseudonymised once. */
export class PersonIds {
  private readonly seen = new Set<string>();
  /** pids up to this one have been looked up in residence (nores) */
  private residenceCheckedTo = 0;

  constructor(
    private readonly pseudonymise: Pseudonymiser | undefined,
    private readonly country: Country,
  ) {}

  /** Add the distinct ids of a relation not seen before to idmap; returns how many were new. */
  async add(
    engine: Engine,
    relationSql: string,
    personIdSql: string,
    options: { filter?: string | null; opaque?: boolean } = {},
  ): Promise<number> {
    const rows = await engine.all<{ raw: string }>(
      `SELECT DISTINCT ${personIdSql} AS raw FROM ${relationSql} s WHERE ${personIdSql} IS NOT NULL${options.filter ? ` AND ${options.filter}` : ''}`,
    );
    const out: (string | number | null)[][] = [];
    for (const { raw } of rows) {
      if (this.seen.has(raw)) continue;
      this.seen.add(raw);
      const r = options.opaque
        ? parseOpaqueId(raw.slice('opaque:'.length))
        : parsePersonId(raw, this.country);
      if (r.ok) {
        const warning = r.warnings.length ? r.warnings.join(',') : null;
        out.push([
          this.seen.size,
          raw,
          this.pseudonymise!(r.normalised),
          null,
          warning,
          r.birthYear,
          r.birthMonth,
          r.sex,
          r.scheme,
        ]);
      } else out.push([this.seen.size, raw, null, r.reason, null, null, null, null, null]);
    }
    if (out.length)
      await engine.append(
        'idmap',
        ['pid', 'raw', 'person_key', 'reason', 'warning', 'birth_year', 'birth_month', 'sex', 'scheme'],
        out,
      );
    return out.length;
  }

  /**
   * Add to nores the pids first seen since the last call whose person has no residence. Residence loads
   * before every other target with persons (plan.ts, TARGET_ORDER), so once a later source is checked
   * the table no longer changes in this import and each person is looked up once.
   */
  async markWithoutResidence(engine: Engine): Promise<void> {
    const to = this.seen.size;
    if (to <= this.residenceCheckedTo) return;
    await engine.exec(
      `INSERT INTO nores SELECT m.pid FROM idmap m
       WHERE m.pid > ${this.residenceCheckedTo} AND m.pid <= ${to} AND m.person_key IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM residence r WHERE r.person_key = m.person_key)`,
    );
    this.residenceCheckedTo = to;
  }
}
