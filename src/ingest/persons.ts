/**
 * Person ids at the ingest door. Each distinct raw id of an import is parsed and pseudonymised once in
 * JS; the map raw → person_key lives only in a TEMP table of the import connection (never the warehouse
 * file) and is dropped before the transaction commits. A BIGINT pid stands for the person in every staged
 * row: a 63-bit hash of the raw id, so the staging statement computes it from the row itself, with no join
 * (a join would reorder the rows, whose order gives the row number of a CSV read straight from the file).
 * Two raw ids with one hash (odds ≈ n² / 2⁶⁴: 2 in a million at 6 million ids) are found when added: the
 * newer gets a negative pid (hashes are ≥ 0) and the rest of the import stages through the map instead.
 */
import type { Engine } from '../engine/engine.js';
import { parseOpaqueId, parsePersonId, type Country } from '../ids/person-id.js';
import type { Pseudonymiser } from '../ids/pseudonymise.js';

/** The pid of a raw id (SQL over `raw`, a trimmed VARCHAR or NULL): NULL for no id, else a hash ≥ 0. */
export const hashPid = (raw: string): string =>
  `CASE WHEN ${raw} IS NOT NULL THEN CAST(hash(${raw}) >> 1 AS BIGINT) END`;

/**
 * idmap: raw id → pid, person_key and what the id tells (seq numbers the ids in the order first seen);
 * nores: the pids without residence; pkdone: the pids whose person is in table person (inserted or
 * found) during this import.
 */
export async function createIdMap(engine: Engine): Promise<void> {
  await engine.exec(
    `CREATE OR REPLACE TEMP TABLE idmap (seq INTEGER, pid BIGINT, raw VARCHAR, person_key VARCHAR, reason VARCHAR,
       warning VARCHAR, birth_year DOUBLE, birth_month DOUBLE, sex VARCHAR, scheme VARCHAR);
     CREATE OR REPLACE TEMP TABLE nores (pid BIGINT);
     CREATE OR REPLACE TEMP TABLE pkdone (pid BIGINT)`,
  );
}

export async function dropIdMap(engine: Engine): Promise<void> {
  await engine.exec(
    'DROP TABLE IF EXISTS idmap; DROP TABLE IF EXISTS idnew; DROP TABLE IF EXISTS nores; DROP TABLE IF EXISTS pkdone; DROP TABLE IF EXISTS raw_src',
  );
}

/** Ids parsed and pseudonymised per batch: the id map is appended batch by batch, not held whole in JS. */
const BATCH = 100_000;

/** The person ids of one import: each distinct raw id is parsed and pseudonymised once, in batches. */
export class PersonIds {
  /** distinct ids in idmap */
  private count = 0;
  /** ids up to this seq have been looked up in residence (nores) */
  private residenceCheckedTo = 0;
  /** every pid in idmap is the hash of its raw id, so staging may compute it (`pidSql`) instead of joining */
  exact = true;

  constructor(
    private readonly pseudonymise: Pseudonymiser | undefined,
    private readonly country: Country,
    /** SQL of a pid from a raw id (tests give a weak one to provoke collisions) */
    readonly pidSql: (raw: string) => string = hashPid,
  ) {}

  /**
   * Add the distinct ids of a relation not in idmap yet; returns how many were new. The new ids wait in
   * TEMP TABLE idnew and are parsed, pseudonymised and appended a batch at a time, so JS never holds
   * more than one batch. `read` runs the one statement over the relation (a piped CSV needs its feed).
   */
  async add(
    engine: Engine,
    relationSql: string,
    personIdSql: string,
    options: {
      filter?: string | null;
      opaque?: boolean;
      read?: (statement: Promise<void>) => Promise<void>;
    } = {},
  ): Promise<number> {
    const statement = engine.exec(
      `CREATE OR REPLACE TEMP TABLE idnew AS SELECT raw, ${this.pidSql('raw')} AS pid
       FROM (SELECT DISTINCT ${personIdSql} AS raw FROM ${relationSql} s
             WHERE ${personIdSql} IS NOT NULL${options.filter ? ` AND ${options.filter}` : ''}) d
       WHERE NOT EXISTS (SELECT 1 FROM idmap m WHERE m.raw = d.raw)`,
    );
    await (options.read ? options.read(statement) : statement);
    const r = await engine.one<{ n: bigint; base: bigint | null }>(
      'SELECT count(*) AS n, min(rowid) AS base FROM idnew',
    );
    const added = Number(r.n);
    // rows written inside a transaction get rowids from a high base, consecutive from it
    const base = r.base ?? 0n;
    const before = this.count;
    for (let from = 0; from < added; from += BATCH) {
      const rows = await engine.all<{ raw: string; pid: bigint }>(
        `SELECT raw, pid FROM idnew WHERE rowid >= ${base + BigInt(from)} AND rowid < ${base + BigInt(from + BATCH)}`,
      );
      const batch: (string | number | bigint | null)[][] = [];
      for (const { raw, pid } of rows) {
        const seq = ++this.count;
        const id = options.opaque
          ? parseOpaqueId(raw.slice('opaque:'.length))
          : parsePersonId(raw, this.country);
        if (id.ok) {
          const warning = id.warnings.length ? id.warnings.join(',') : null;
          batch.push([
            seq,
            pid,
            raw,
            this.pseudonymise!(id.normalised),
            null,
            warning,
            id.birthYear,
            id.birthMonth,
            id.sex,
            id.scheme,
          ]);
        } else batch.push([seq, pid, raw, null, id.reason, null, null, null, null, null]);
      }
      await engine.append(
        'idmap',
        [
          'seq',
          'pid',
          'raw',
          'person_key',
          'reason',
          'warning',
          'birth_year',
          'birth_month',
          'sex',
          'scheme',
        ],
        batch,
      );
    }
    await engine.exec('DROP TABLE idnew');
    if (added) await this.separateCollisions(engine, before);
    return added;
  }

  /** A new id whose pid an id seen before it has gets a pid of its own (−seq); staging joins from now on. */
  private async separateCollisions(engine: Engine, before: number): Promise<void> {
    const clash = `seq > ${before} AND EXISTS (SELECT 1 FROM idmap o WHERE o.pid = n.pid AND o.seq < n.seq)`;
    const n = Number((await engine.one<{ n: bigint }>(`SELECT count(*) AS n FROM idmap n WHERE ${clash}`)).n);
    if (n === 0) return;
    await engine.exec(`UPDATE idmap SET pid = -seq WHERE seq IN (SELECT seq FROM idmap n WHERE ${clash})`);
    this.exact = false;
  }

  /**
   * Add to nores the pids of the ids first seen since the last call whose person has no residence. Residence loads
   * before every other target with persons (plan.ts, TARGET_ORDER), so once a later source is checked
   * the table no longer changes in this import and each person is looked up once.
   */
  async markWithoutResidence(engine: Engine): Promise<void> {
    const to = this.count;
    if (to <= this.residenceCheckedTo) return;
    await engine.exec(
      `INSERT INTO nores SELECT m.pid FROM idmap m
       WHERE m.seq > ${this.residenceCheckedTo} AND m.seq <= ${to} AND m.person_key IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM residence r WHERE r.person_key = m.person_key)`,
    );
    this.residenceCheckedTo = to;
  }
}
