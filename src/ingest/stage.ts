/**
 * Import step 1, staging: read each file of a source (read.ts, excel.ts), map and transform its columns
 * (transform.ts) and swap each raw person id for a pid (persons.ts), file by file, in the raw engine; each
 * file's staged rows leave it as a Parquet file of pseudonymised rows (typed fields, bad-flags, row
 * number, pid; no raw id) that the warehouse connection reads through the view stgv, which also
 * translates local codes (codes.ts).
 *
 * Two DuckDB instances, so that DuckDB may spill only pseudonymised data to disk: it spills TEMP tables,
 * the rows a transaction dropped (kept until commit), hash tables and sorts alike once memory_limit is
 * reached, and cannot switch spilling off again once it has spilled. The raw engine (in memory, spilling
 * off, its own memory_limit) holds the raw ids: rawmap and, for a file it does not stream (`streams`: all
 * but large CSV and Parquet files without `where:`), that file's rows; it works outside the import's transaction, so
 * each file's rows are freed as soon as they are dropped. The warehouse connection never sees a raw id and
 * may spill.
 */
import { rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Config, SourceConfig } from '../config/schema.js';
import type { Workspace } from '../config/workspace.js';
import { openDuckDB } from '../engine/duckdb.js';
import type { Engine } from '../engine/engine.js';
import type { Lang } from '../i18n.js';
import { loadCodeTable } from './codes.js';
import type { FieldType } from './fields.js';
import type { PersonIds } from './persons.js';
import type { Plan } from './plan.js';
import { openRelation, readError, type Relation } from './read.js';
import { buildTransforms, type FieldSql, type Transforms } from './transform.js';

const SQL_TYPE: Record<FieldType, string> = {
  id: 'VARCHAR',
  text: 'VARCHAR',
  enum: 'VARCHAR',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
  decimal: 'DECIMAL(18,4)',
  money: 'BIGINT',
  bool: 'BOOLEAN',
  int: 'INTEGER',
};

/**
 * DuckDB's memory during an import (docs/performance.md, "Bounded import", "Staging each file once"): the
 * raw engine holds the id map and, for a file it cannot stream, that file's rows with their raw ids, and
 * never spills (past its limit the import stops with an error); the warehouse
 * connection holds only pseudonymised rows and spills past its limit to its temp directory. With the JS
 * heap (one batch of ids) the import stays within 8 GiB.
 */
export const IMPORT_MEMORY = { raw: '3GB', warehouse: '3GB' };

/** Bytes of a DuckDB memory setting as DuckDB writes it ('18.7 GiB', '3GB', '300.0 MiB'); NaN if unreadable. */
export function settingBytes(text: string): number {
  const m = /^\s*([\d.]+)\s*(bytes?|[KMGT]i?B)\s*$/i.exec(text);
  if (!m) return NaN;
  const unit = m[2]!.toUpperCase();
  const power = 'BKMGT'.indexOf(unit[0]!);
  const base = unit.includes('I') ? 1024 : 1000;
  return Number(m[1]) * base ** Math.max(power, 0);
}

/** Staged files written by this process: each gets a new name (see stageSource). */
let stagedFiles = 0;

/** An idle raw engine, kept for the next import: opening a DuckDB instance takes ≈ 0.5 s. */
let idle: Engine | undefined;

/** The raw engine of an import: in memory, spilling off (it holds raw ids), empty. */
export async function openRawEngine(): Promise<Engine> {
  const engine = idle;
  idle = undefined;
  return engine ?? openDuckDB({ file: ':memory:', memoryLimit: IMPORT_MEMORY.raw, tempDirectory: '' });
}

/** Drop every table of the raw engine (the raw ids go with them) and keep it for the next import. */
export async function releaseRawEngine(engine: Engine): Promise<void> {
  try {
    await engine.exec(
      'DROP TABLE IF EXISTS rawmap; DROP TABLE IF EXISTS idnew; DROP TABLE IF EXISTS stgraw; DROP TABLE IF EXISTS raw_src',
    );
  } catch (e) {
    await engine.close().catch(() => {});
    throw e;
  }
  if (idle) await engine.close();
  else idle = engine;
}

export interface StagedRows {
  /** the canonical fields of the source and their SQL (of its last file) */
  fields: Map<string, FieldSql>;
  hasPersonId: boolean;
  /** rows of the files that the source's `where:` left out (0 without a filter) */
  rowsFiltered: number;
  /** the Parquet files of the staged rows, one per extract file (remove with `removeStaged`) */
  parts: string[];
}

/**
 * Stage every file of a source: its rows are read in the raw engine `raw`, one file at a time, and
 * written pseudonymised to `tmpDir`; the view stgv of `tx` reads them. `tick` is called twice per file:
 * once it is read, once it is written.
 */
export async function stageSource(
  ws: Workspace,
  tx: Engine,
  raw: Engine,
  p: Plan,
  tmpDir: string,
  lang: Lang,
  ids: PersonIds,
  tick: () => void,
): Promise<StagedRows> {
  const { source } = p;
  const isService = source.target === 'service';
  if (isService) await loadCodeTable(ws, tx, source, lang);
  await tx.exec('DROP VIEW IF EXISTS stgv');
  let fields: Map<string, FieldSql> | undefined;
  let hasPersonId = false;
  let rowsFiltered = 0;
  let view = '';
  const parts: string[] = [];
  for (const [i, file] of p.files.entries()) {
    const display = path.relative(ws.dir, file);
    const rel = await openRelation(raw, source, file, display, tmpDir, lang);
    const t = buildTransforms(rel, source, ws.config, lang);
    fields = t.fields;
    hasPersonId = t.personId !== null;
    // a name of its own per source and file: DuckDB caches what it read of a file by its path, so a file
    // rewritten under the same name within the same second is read from the stale cache
    const part = path.join(tmpDir, `staged-${++stagedFiles}-${i}.parquet`);
    try {
      let from = rel.sql;
      let rowExpr = rel.rowExpr;
      // A single-byte CSV is fed to DuckDB through a pipe while it scans; the scan's error comes first.
      const read = async (statement: Promise<void>): Promise<void> => {
        if (!rel.feed) return statement;
        const failed = statement.catch((e: unknown) => (rel.release?.(), Promise.reject(e)));
        const [scan, fed] = await Promise.allSettled([failed, rel.feed()]);
        if (scan.status === 'rejected') throw scan.reason;
        if (fed.status === 'rejected') throw fed.reason;
      };
      // Only mapped fields are stored per row; constants (defaults) are added by the view stgv.
      const entries = [...t.fields.entries()].filter(([, f]) => f.mapped);
      // Typed values first, then the bad-flags over them, so no transform is evaluated twice.
      const typed = entries.flatMap(([name, f]) => [
        `CAST(${f.value} AS ${SQL_TYPE[f.spec.type]}) AS "f_${name}"`,
        ...(f.present ? [`coalesce(${f.present}, false) AS "p_${name}"`] : []),
      ]);
      // the rate a volume was computed from, for its plausibility check (checks.ts)
      if (t.rate) typed.push(`CAST(${t.rate.sql} AS DECIMAL(18,4)) AS r_volume`);
      const flags = entries
        .filter(([, f]) => f.present)
        .map(([name]) => `("p_${name}" AND "f_${name}" IS NULL) AS "bad_${name}"`);
      const present = entries.filter(([, f]) => f.present).map(([name]) => `"p_${name}"`);
      const withFlags = (inner: string) =>
        `SELECT * ${present.length ? `EXCLUDE (${present.join(', ')})` : ''} ${flags.map((x) => `, ${x}`).join('')}
         FROM (${inner})`;
      const opaque = {
        opaque: source.person_id_scheme === 'opaque',
        referenceDate: idReferenceDate(ws.config, source),
      };
      if (streams(rel, t, file)) {
        // A large CSV or Parquet file without `where:` is never stored in the raw engine: one scan finds its
        // person ids not met before, a second writes its rows straight to Parquet with the pid joined.
        if (t.personId) await ids.add(tx, rel.sql, t.personId, opaque);
        tick();
        await copyStreamed(raw, rel, i, withFlags, typed, t.personId, part);
      } else {
        // A CSV without `where:` is parsed once, straight into stgraw (no copy of its raw cells): stgraw
        // keeps the file's row order, so a row's number is its rowid. Other relations number their rows as read.
        const straight = rel.format === 'csv' && !t.where;
        if (rel.materialize && !straight) {
          await read(raw.exec(`CREATE OR REPLACE TEMP TABLE raw_src AS SELECT * FROM ${rel.sql}`));
          from = 'raw_src';
          // Rows of a table get consecutive rowids from its first (a high base inside a transaction).
          const base = (await raw.one<{ m: bigint | null }>('SELECT min(rowid) AS m FROM raw_src')).m ?? 0n;
          rowExpr = rel.rowExpr.replace('s.rowid', `(s.rowid - ${base})`);
        }
        const stage = raw.exec(
          `CREATE OR REPLACE TEMP TABLE stgraw AS
           ${withFlags(`SELECT ${straight ? 'NULL::BIGINT' : `CAST(${rowExpr} AS BIGINT)`} AS __row, ${typed.join(', ')},
                 ${t.personId ?? 'NULL::VARCHAR'} AS __raw FROM ${from} s ${t.where ? `WHERE ${t.where}` : ''}`)}`,
        );
        await (from === rel.sql ? read(stage) : stage);
        // the file is read: the rest of its step is pseudonymising and writing it (progress.ts)
        tick();
        if (t.personId) await ids.add(tx, 'stgraw', 's.__raw', opaque);
        const base = straight
          ? ((await raw.one<{ m: bigint | null }>('SELECT min(rowid) AS m FROM stgraw')).m ?? 0n)
          : 0n;
        const row = straight ? rel.rowExpr.replace('s.rowid', `(t.rowid - ${base})`) : 't.__row';
        // The raw id is swapped for its pid here; only pseudonymised rows leave the raw engine (their row
        // number is a column now, so the join may reorder them).
        await raw.exec(
          `COPY (SELECT ${i}::SMALLINT AS __file, CAST(${row} AS BIGINT) AS __row, t.* EXCLUDE (__row, __raw), m.pid
                 FROM stgraw t LEFT JOIN rawmap m ON m.raw = t.__raw)
           TO ${raw.dialect.literal(part)} (FORMAT parquet)`,
        );
      }
      parts.push(part);
      if (i === 0) view = stagedView(t, isService);
      // Rows left out by `where:` are counted (never shown), so nothing leaves in silence.
      if (t.where)
        rowsFiltered += Number(
          (await raw.one<{ n: bigint }>(`SELECT count(*) AS n FROM ${from} s WHERE NOT (${t.where})`)).n,
        );
    } catch (e) {
      throw readError(e, rel, source.id, lang);
    } finally {
      // The extract's raw cells and ids leave as soon as its pseudonymised rows exist (or the read failed).
      await raw.exec('DROP TABLE IF EXISTS stgraw; DROP TABLE IF EXISTS raw_src');
    }
    tick();
  }
  const list = parts.map((f) => tx.dialect.literal(f)).join(', ');
  await tx.exec(
    `CREATE OR REPLACE TEMP VIEW stgv AS ${view.replace('$FROM', `read_parquet([${list}], union_by_name = true)`)}`,
  );
  return { fields: fields!, hasPersonId, rowsFiltered, parts };
}

/**
 * The day a 10-digit personnummer's century is read at (`-` under 100, `+` 100 or more): the last day of the
 * source's period, else of the latest period. Never today: the same extract must give the same pseudonyms
 * whenever it is imported, and an extract read years later would make a 98-year-old a newborn.
 */
export function idReferenceDate(config: Config, source: SourceConfig): Date {
  const own = config.periods.find((p) => p.id === source.period);
  const to =
    own?.to ??
    config.periods
      .map((p) => p.to)
      .sort()
      .at(-1)!;
  return new Date(`${to}T00:00:00Z`);
}

/**
 * Files of more bytes than this are staged without a table (`copyStreamed`); undefined: an eighth of the
 * raw engine's memory_limit (375 MB of 3 GB). A CSV's staged rows took ≈ 2.9 bytes of memory per byte of
 * file (docs/ingest.md, "How large one file may be"), so a file below it stays well inside the limit and
 * keeps the faster table path: its parse runs on every thread, the streamed write on one.
 */
export const STREAM_FROM: { bytes: number | undefined } = { bytes: undefined };

/**
 * Whether a file is staged without a table in the raw engine (`copyStreamed`): a large CSV DuckDB reads
 * itself (not a pipe, which could be read only once) or a large Parquet file, without `where:`.
 */
function streams(rel: Relation, t: Transforms, file: string): boolean {
  if (t.where || !((rel.format === 'csv' && !rel.feed) || rel.format === 'parquet')) return false;
  return statSync(file).size > (STREAM_FROM.bytes ?? settingBytes(IMPORT_MEMORY.raw) / 8);
}

/**
 * Write one file's rows to the Parquet file `part` straight from the scan, the raw id swapped for its pid
 * (rawmap holds every id of the file: `PersonIds.add` ran first). A CSV's rows are numbered by
 * `row_number() OVER ()` over the scan: DuckDB runs that window as a streaming operator that is not
 * parallel, so the scan feeding it runs on one thread and reads the file in order (test/ingest/stream.test.ts
 * proves the numbers on a file of several row groups). The raw engine runs the statement with one thread
 * (a second would only wait, busily) and keeps rawmap the join's build side: DuckDB would otherwise build
 * the hash table on the file's rows when it guesses the file smaller, holding them all in memory.
 */
async function copyStreamed(
  raw: Engine,
  rel: Relation,
  file: number,
  withFlags: (inner: string) => string,
  typed: string[],
  personId: string | null,
  part: string,
): Promise<void> {
  const csv = rel.format === 'csv';
  const from = csv ? `(SELECT row_number() OVER () AS "${ROW_NUMBER}", * FROM ${rel.sql})` : rel.sql;
  const row = csv ? rel.rowExpr.replace('s.rowid', `(s."${ROW_NUMBER}" - 1)`) : rel.rowExpr;
  const rows = withFlags(
    `SELECT CAST(${row} AS BIGINT) AS __row, ${typed.join(', ')}, ${personId ?? 'NULL::VARCHAR'} AS __raw FROM ${from} s`,
  );
  await raw.exec(`SET disabled_optimizers = 'build_side_probe_side'${csv ? '; SET threads = 1' : ''}`);
  try {
    await raw.exec(
      `COPY (SELECT ${file}::SMALLINT AS __file, t.__row, t.* EXCLUDE (__row, __raw), m.pid
             FROM (${rows}) t LEFT JOIN rawmap m ON m.raw = t.__raw)
       TO ${raw.dialect.literal(part)} (FORMAT parquet)`,
    );
  } finally {
    await raw.exec('RESET disabled_optimizers; RESET threads');
  }
}

/** The column numbering a streamed CSV's rows (a name no extract uses). */
const ROW_NUMBER = '__tvb_row_number';

/** Drop the view stgv and remove the staged rows' files. */
export async function removeStaged(tx: Engine, staged: StagedRows | undefined): Promise<void> {
  for (const f of staged?.parts ?? []) rmSync(f, { force: true });
  // After a failed statement the transaction is aborted and rolls back (the view with it): a second error
  // here would hide the first, the one the user needs.
  await tx.exec('DROP VIEW IF EXISTS stgv').catch(() => {});
}

/** The catalogue code, unit and law reference of a service row from the code table and the catalogue. */
function serviceLookups(t: Transforms, alias: string): { columns: string[]; joins: string; own: string[] } {
  const own = ['catalogue_code', 'unit', 'law_ref'].filter((n) => t.fields.get(n)!.mapped);
  const col = (name: string) => (own.includes(name) ? `${alias}."f_${name}"` : t.fields.get(name)!.value);
  const codemap = t.fields.get('local_code')?.mapped
    ? `LEFT JOIN codemap c ON c.local_code = ${alias}."f_local_code"`
    : `LEFT JOIN (SELECT NULL::VARCHAR AS catalogue_code) c ON true`;
  return {
    columns: [
      `coalesce(${col('catalogue_code')}, c.catalogue_code) AS "f_catalogue_code"`,
      `coalesce(${col('unit')}, k.unit, 'unknown') AS "f_unit"`,
      `coalesce(${col('law_ref')}, k.law_ref) AS "f_law_ref"`,
      'k.code IS NOT NULL AS known_code',
    ],
    joins: `${codemap} LEFT JOIN cat k ON k.code = coalesce(${col('catalogue_code')}, c.catalogue_code)`,
    own,
  };
}

/**
 * The view stgv over the staged rows ($FROM): the constants (defaults) and false bad-flags of fields not in
 * the extract and, for services, the catalogue code, unit and law reference from the small code tables.
 */
function stagedView(t: Transforms, isService: boolean): string {
  const service = isService ? serviceLookups(t, 't') : { columns: [], joins: '', own: [] };
  const constants = [...t.fields.entries()]
    .filter(([name, f]) => !f.mapped && !(isService && ['catalogue_code', 'unit', 'law_ref'].includes(name)))
    .map(([name, f]) => `CAST(${f.value} AS ${SQL_TYPE[f.spec.type]}) AS "f_${name}"`);
  const falseFlags = [...t.fields.entries()]
    .filter(([, f]) => !f.present)
    .map(([name]) => `false AS "bad_${name}"`);
  const exclude = service.own.map((n) => `"f_${n}"`);
  return `SELECT t.*${exclude.length ? ` EXCLUDE (${exclude.join(', ')})` : ''}${[...service.columns, ...constants, ...falseFlags].map((x) => `, ${x}`).join('')}
    FROM $FROM t ${service.joins}`;
}
