/**
 * Person ids at the ingest door. Each distinct raw id of an import is parsed and pseudonymised once in
 * JS. Raw ids never enter the warehouse connection: they live only in the import's raw engine (a second
 * DuckDB instance, in memory, with spilling switched off — stage.ts), whose TEMP TABLE rawmap maps each raw
 * id to its pid, a BIGINT numbering the ids in the order first seen (it tells nothing of the id). The
 * warehouse connection gets TEMP TABLE idmap: pid → pseudonym, person_key and what the id tells, no raw
 * id, so whatever DuckDB spills there is pseudonymised. The raw engine closes before the import commits.
 *
 * person_key is the warehouse's BIGINT number for a person (docs/data-model.md): the person's own when the
 * pseudonym is in table person already, else one given by this import. The pseudonym (64 hex characters) is
 * kept once, in person, so the large tables carry 8 bytes per row and join on integers.
 */
import type { StatementProgress } from '../core/effects.js';
import type { Engine } from '../engine/engine.js';
import { parseOpaqueId, parsePersonId, type Country } from '../ids/person-id.js';
import type { Pseudonymiser } from '../ids/pseudonymise.js';

/**
 * In the warehouse connection — idmap: pid → pseudonym, person_key and what the id tells; nores: the pids
 * without residence; pkdone: the pids whose person is in table person (inserted or found) during this
 * import. In the raw engine — rawmap: raw id → pid.
 */
export async function createIdMap(engine: Engine, raw: Engine): Promise<void> {
  await engine.exec(
    `CREATE OR REPLACE TEMP TABLE idmap (pid BIGINT, pseudonym VARCHAR, person_key BIGINT, reason VARCHAR,
       warning VARCHAR, birth_year DOUBLE, birth_month DOUBLE, sex VARCHAR, scheme VARCHAR);
     CREATE OR REPLACE TEMP TABLE idbatch (pid BIGINT, pseudonym VARCHAR, reason VARCHAR, warning VARCHAR,
       birth_year DOUBLE, birth_month DOUBLE, sex VARCHAR, scheme VARCHAR);
     CREATE OR REPLACE TEMP TABLE nores (pid BIGINT);
     CREATE OR REPLACE TEMP TABLE pkdone (pid BIGINT)`,
  );
  await raw.exec('CREATE OR REPLACE TEMP TABLE rawmap (raw VARCHAR, pid BIGINT)');
}

export async function dropIdMap(engine: Engine): Promise<void> {
  await engine.exec(
    'DROP TABLE IF EXISTS idmap; DROP TABLE IF EXISTS idbatch; DROP TABLE IF EXISTS nores; DROP TABLE IF EXISTS pkdone; DROP TABLE IF EXISTS pend',
  );
}

/** Ids parsed and pseudonymised per batch: the id map is appended batch by batch, not held whole in JS. */
const BATCH = 100_000;

/** The person ids of one import: each distinct raw id is parsed and pseudonymised once, in batches. */
export class PersonIds {
  /** distinct ids in idmap: the last pid given */
  private count = 0;
  /** pids up to this one have been looked up in residence (nores) */
  private residenceCheckedTo = 0;
  /** the largest person_key in the warehouse when the import began: new persons are numbered above it */
  private keyBase: bigint | undefined;
  /** pids in pkdone (all distinct: each pid enters once) */
  private doneCount = 0;
  /** the last pid given before the source being imported (`startSource`): its own new ids are above it */
  private sourceStart = 0;
  /** the new ids of the running `add`, and how many of them are pseudonymised (for the progress bar) */
  private adding = { done: 0, total: 0 };
  constructor(
    private readonly pseudonymise: Pseudonymiser | undefined,
    private readonly country: Country,
    /** the raw engine (stage.ts): the only DuckDB instance that sees raw ids */
    private readonly raw: Engine,
  ) {}

  /**
   * Add the distinct ids of a relation of the raw engine not in rawmap yet; returns how many were new. The
   * new ids wait in its TEMP TABLE idnew and are parsed, pseudonymised and appended a batch at a time (the
   * raw id and its pid to rawmap; the pid, pseudonym and what the id tells to the warehouse's idbatch), so
   * JS never holds more than one batch. Then each new pid gets its person_key in idmap (`assignKeys`).
   */
  async add(
    engine: Engine,
    relationSql: string,
    personIdSql: string,
    options: { opaque?: boolean; referenceDate?: Date } = {},
  ): Promise<number> {
    const raw = this.raw;
    this.keyBase ??= (
      await engine.one<{ k: bigint }>('SELECT coalesce(max(person_key), 0)::BIGINT AS k FROM person')
    ).k;
    await raw.exec(
      `CREATE OR REPLACE TEMP TABLE idnew AS SELECT raw
       FROM (SELECT DISTINCT ${personIdSql} AS raw FROM ${relationSql} s WHERE ${personIdSql} IS NOT NULL) d
       WHERE NOT EXISTS (SELECT 1 FROM rawmap m WHERE m.raw = d.raw)`,
    );
    const r = await raw.one<{ n: bigint; base: bigint | null }>(
      'SELECT count(*) AS n, min(rowid) AS base FROM idnew',
    );
    const added = Number(r.n);
    // rowids of a table are consecutive from its first (a high base inside a transaction)
    const base = r.base ?? 0n;
    this.adding = { done: 0, total: added };
    for (let from = 0; from < added; from += BATCH) {
      const rows = await raw.all<{ raw: string }>(
        `SELECT raw FROM idnew WHERE rowid >= ${base + BigInt(from)} AND rowid < ${base + BigInt(from + BATCH)}`,
      );
      const pids: (string | bigint)[][] = [];
      const batch: (string | number | bigint | null)[][] = [];
      for (const { raw: id } of rows) {
        // a bigint, as the BIGINT columns take it: the appender's fast path (src/engine/duckdb.ts)
        const pid = BigInt(++this.count);
        pids.push([id, pid]);
        const parsed = options.opaque
          ? parseOpaqueId(id.slice('opaque:'.length))
          : parsePersonId(id, this.country, { referenceDate: options.referenceDate });
        if (parsed.ok) {
          const warning = parsed.warnings.length ? parsed.warnings.join(',') : null;
          batch.push([
            pid,
            this.pseudonymise!(parsed.normalised),
            null,
            warning,
            parsed.birthYear,
            parsed.birthMonth,
            parsed.sex,
            parsed.scheme,
          ]);
        } else batch.push([pid, null, parsed.reason, null, null, null, null, null]);
      }
      await raw.append('rawmap', ['raw', 'pid'], pids);
      await engine.append(
        'idbatch',
        ['pid', 'pseudonym', 'reason', 'warning', 'birth_year', 'birth_month', 'sex', 'scheme'],
        batch,
      );
      this.adding.done += rows.length;
    }
    this.adding = { done: 0, total: 0 };
    await raw.exec('DROP TABLE idnew');
    if (added) await this.assignKeys(engine, this.count - added);
    return added;
  }

  /** A source begins: the pids given from now on are its own (`collectNew` looks for new persons there). */
  startSource(): void {
    this.sourceStart = this.count;
  }

  /**
   * TEMP TABLE pnew: the distinct pids of the staged rows (stgv) that `keep` holds for and that are not in
   * pkdone yet, i.e. whose person may not be in table person. pkdone holds only pids of earlier sources,
   * so a pid is a candidate when the source gave it (above `sourceStart`) or when it is one of the few
   * earlier pids not in pkdone (met only in rows not loaded); when there are none of those, the pids of
   * the source's rows are filtered by a comparison instead of a lookup, and the distinct pass sees only the
   * rows of its new persons.
   */
  async collectNew(engine: Engine, keep: string): Promise<void> {
    const from = this.sourceStart;
    let candidate = `t.pid > ${from}`;
    if (this.doneCount < from) {
      await engine.exec(
        `CREATE OR REPLACE TEMP TABLE pend AS SELECT m.pid FROM idmap m
         WHERE m.pid <= ${from} AND m.person_key IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pkdone k WHERE k.pid = m.pid)`,
      );
      candidate = `(${candidate} OR t.pid IN (SELECT pid FROM pend))`;
    }
    await engine.exec(
      `CREATE OR REPLACE TEMP TABLE pnew AS SELECT DISTINCT t.pid FROM stgv t
       WHERE ${candidate} AND ${keep} AND t.pid IS NOT NULL`,
    );
  }

  /** The pids of pnew are done (their persons are in table person): to pkdone, and pnew dropped. */
  async markDone(engine: Engine): Promise<void> {
    const n = await engine.one<{ n: bigint }>('SELECT count(*) AS n FROM pnew');
    await engine.exec('INSERT INTO pkdone SELECT pid FROM pnew; DROP TABLE pnew; DROP TABLE IF EXISTS pend');
    this.doneCount += Number(n.n);
  }

  /** How far the running `add` has got with pseudonymising its new ids (JS work no engine reports). */
  progress(): StatementProgress | undefined {
    const { done, total } = this.adding;
    return total ? { fraction: done / total, rows: done, totalRows: total } : undefined;
  }

  /**
   * Move the new pids (above `from`) from idbatch to idmap with their person_key: the person's in the
   * warehouse, else the one this import gave the same pseudonym before (two spellings of one id), else the
   * key base + the pseudonym's first pid (new persons; unique, as pids are, and never a key in use).
   */
  private async assignKeys(engine: Engine, from: number): Promise<void> {
    await engine.exec(
      `INSERT INTO idmap
       SELECT b.pid, b.pseudonym,
              CASE WHEN b.pseudonym IS NOT NULL THEN coalesce(p.person_key, o.person_key,
                ${this.keyBase} + min(b.pid) OVER (PARTITION BY b.pseudonym)) END,
              b.reason, b.warning, b.birth_year, b.birth_month, b.sex, b.scheme
       FROM idbatch b
       LEFT JOIN person p ON p.pseudonym = b.pseudonym
       LEFT JOIN (SELECT pseudonym, min(person_key) AS person_key FROM idmap
                  WHERE pid <= ${from} AND pseudonym IN (SELECT pseudonym FROM idbatch) GROUP BY 1) o
         ON o.pseudonym = b.pseudonym;
       DELETE FROM idbatch`,
    );
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
       WHERE m.pid > ${this.residenceCheckedTo} AND m.pid <= ${to} AND m.person_key IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM residence r WHERE r.person_key = m.person_key)`,
    );
    this.residenceCheckedTo = to;
  }
}
