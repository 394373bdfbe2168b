/**
 * `--postgres`: the import-and-cost path on PostgreSQL 15 beside DuckDB's, on the same files in the same
 * run (docs/performance.md, "PostgreSQL comparison"). A throwaway cluster (scripts/postgres.mjs) is
 * tuned as documented, restarted, used for three stages and stopped in `finally`:
 *
 * - pg_read: COPY of every CSV into an UNLOGGED table of text columns (Excel sheets: the repo's reader,
 *   rows inserted in batches) — the floor of PostgreSQL's read;
 * - pg_import: the same again into UNLOGGED staging tables, each distinct person id parsed once in node
 *   (the same rules as the import) and pseudonymised by pgcrypto's hmac() in the server, then typed,
 *   mapped and inserted into the target tables (postgres-sql.ts), persons upserted, indexes and
 *   statistics built;
 * - pg_cost: floor.ts's cost floor ported to PostgreSQL; its total must equal DuckDB's to the øre.
 *
 * Wall seconds, CPU seconds of the server (the postmaster and all its children, from /proc) and of this
 * process, and rows per second for each.
 *
 * PostgreSQL has no Parquet reader (COPY reads text and its own binary format), so before the stages
 * every Parquet file of a source is converted to a UTF-8 CSV by DuckDB in a temp folder; the stages then
 * COPY that CSV. The conversion is timed on its own (`conversion`) and counted in no stage: PostgreSQL is
 * neither charged with DuckDB's work nor credited with reading Parquet.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { SourceConfig } from '../config/schema.js';
import type { Workspace } from '../config/workspace.js';
import { openDuckDB } from '../engine/duckdb.js';
import { parsePersonId } from '../ids/person-id.js';
import { loadKey } from '../ids/pseudonymise.js';
import { readExcel } from '../ingest/excel.js';
import { TARGET_ORDER } from '../ingest/plan.js';
import { resolveFiles, splitCsvLine } from '../ingest/read.js';
import {
  PG_AFTER_LOAD,
  pgCopyCsv,
  pgCostFloor,
  pgEncoding,
  pgIdent,
  pgLit,
  pgStaging,
  pgTargetTables,
  rawColumn,
  unsupported,
} from './postgres-sql.js';

/**
 * The tuning of the comparison's server, each with its reason (docs/performance.md repeats them). For
 * a 2-core, 24 GiB machine shared with the DuckDB process of the same run.
 */
export const PG_SETTINGS: [string, string, string][] = [
  [
    'shared_buffers',
    '2GB',
    'the S–L tables fit in the buffer cache; DuckDB of the same run peaks at 1–3.5 GiB',
  ],
  ['work_mem', '256MB', 'the costing hash joins and aggregates stay in memory (one session, no concurrency)'],
  ['maintenance_work_mem', '1GB', 'index builds after the load sort in memory'],
  ['effective_cache_size', '12GB', 'half the RAM: the planner may assume the files are cached'],
  ['max_parallel_workers_per_gather', '2', 'both cores for a scan, a join or an aggregate'],
  ['max_parallel_maintenance_workers', '2', 'both cores for an index build'],
  ['synchronous_commit', 'off', 'a bulk load need not wait for each commit to reach disk'],
  ['wal_level', 'minimal', 'tables created and filled in one transaction skip the WAL (no replica here)'],
  ['max_wal_senders', '0', 'required by wal_level minimal'],
  ['max_wal_size', '8GB', 'no checkpoint in the middle of a load'],
  ['checkpoint_timeout', '30min', 'as above'],
  ['random_page_cost', '1.1', 'SSD: random reads cost little more than sequential ones'],
  ['temp_buffers', '256MB', 'the id map and code table are TEMP tables of the session'],
  ['jit', 'off', 'each statement runs for seconds at most; JIT compilation is not repaid at these sizes'],
];

export interface PgStage {
  stage: 'pg_read' | 'pg_import' | 'pg_cost';
  seconds: number;
  /** server (postmaster and children) + this process */
  cpuSeconds: number;
  serverCpuSeconds: number | null;
  clientCpuSeconds: number;
  rows: number;
  rowsOf: string;
  rowsPerSecond: number;
  /** the slowest steps: wall and server CPU seconds (client CPU is the rest of the stage's) */
  steps: { step: string; calls: number; seconds: number; serverCpuSeconds: number | null }[];
  error?: string;
}

/** The Parquet files converted to CSV for PostgreSQL before the stages (by DuckDB, in this process). */
export interface ParquetConversion {
  files: number;
  rows: number;
  seconds: number;
  /** CPU seconds of this process (DuckDB's threads) while converting */
  cpuSeconds: number;
  csvBytes: number;
}

export interface PostgresComparison {
  version: string | null;
  settings: Record<string, string>;
  /** initdb, start, tuning and restart; not part of any stage */
  setupSeconds: number;
  /** Parquet sources: their conversion to CSV, not part of any stage (null: no Parquet source) */
  conversion: ParquetConversion | null;
  stages: PgStage[];
  /** rows in PostgreSQL's target tables after pg_import */
  tables: Record<string, number>;
  floor: { rows: number; totalMinor: string } | null;
  /** the same answer as DuckDB's: floor total and table row counts (null where DuckDB gave none) */
  checks: { floorTotalEqual: boolean | null; tablesEqual: Record<string, boolean> };
  /** the cluster could not be started or a source cannot be ported */
  error?: string;
}

export interface PostgresExpected {
  floorTotalMinor?: string | null;
  tables?: Record<string, number>;
}

export interface PostgresOptions {
  /** a line of progress */
  log?: (line: string) => void;
  /** apply PG_SETTINGS and restart (default true; tests skip the restart) */
  tune?: boolean;
  /** called with the connection after the stages, before the cluster stops (tests look at the tables) */
  inspect?: (client: pg.Client) => Promise<void>;
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

/** Wall and server CPU seconds per step of the running stage (a step label sums its calls). */
class Steps {
  readonly byLabel = new Map<string, { calls: number; seconds: number; cpu: number | null }>();
  constructor(private readonly postmaster: number) {}
  async time<T>(label: string, fn: () => Promise<T>): Promise<T> {
    const c0 = serverCpu(this.postmaster);
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      const c1 = serverCpu(this.postmaster);
      const s = this.byLabel.get(label) ?? { calls: 0, seconds: 0, cpu: 0 };
      s.calls++;
      s.seconds += (performance.now() - t0) / 1000;
      s.cpu = s.cpu === null || c0 === null || c1 === null ? null : s.cpu + c1 - c0;
      this.byLabel.set(label, s);
    }
  }
  top(n: number): PgStage['steps'] {
    return [...this.byLabel]
      .sort((a, b) => b[1].seconds - a[1].seconds)
      .slice(0, n)
      .map(([step, s]) => ({
        step,
        calls: s.calls,
        seconds: r3(s.seconds),
        serverCpuSeconds: s.cpu === null ? null : r3(s.cpu),
      }));
  }
}

/** The steps of the stage that runs (one stage at a time); a no-op outside a stage. */
let steps: Steps | null = null;
const step = <T>(label: string, fn: () => Promise<T>): Promise<T> => (steps ? steps.time(label, fn) : fn());
/** Ids parsed and pseudonymised per round trip (as src/ingest/persons.ts). */
const BATCH = 100_000;

interface Throwaway {
  dir: string;
  url: string;
  stop(): void;
}
interface Script {
  startThrowaway(): Promise<Throwaway>;
  findPgBin(): string | null;
}

/** Run the comparison on a workspace whose extracts DuckDB read in this run; the cluster is always stopped. */
export async function runPostgresComparison(
  ws: Workspace,
  expected: PostgresExpected = {},
  options: PostgresOptions = {},
): Promise<PostgresComparison> {
  const log = options.log ?? (() => {});
  const result: PostgresComparison = {
    version: null,
    settings: options.tune === false ? {} : Object.fromEntries(PG_SETTINGS.map(([k, v]) => [k, v])),
    setupSeconds: 0,
    conversion: null,
    stages: [],
    tables: {},
    floor: null,
    checks: { floorTotalEqual: null, tablesEqual: {} },
  };
  const bad = ws.config.sources.map(unsupported).find((x) => x !== null);
  if (bad) return { ...result, error: bad };
  // resolved at run time: the script lives outside src (it is also run on its own)
  const scriptUrl = new URL('../../scripts/postgres.mjs', import.meta.url).href;
  const script = (await import(scriptUrl)) as Script;
  let cluster: Throwaway | null = null;
  let client: pg.Client | null = null;
  const csvDir = mkdtempSync(path.join(os.tmpdir(), 'tvaerblik-pg-parquet-'));
  let converted: ParquetCsv = new Map();
  try {
    // before the cluster starts: DuckDB's conversion has the cores to itself, as the stages do
    const conv = await convertParquet(ws, csvDir, log);
    converted = conv.files;
    result.conversion = conv.summary;
    const t0 = performance.now();
    cluster = await script.startThrowaway();
    if (options.tune !== false) await tune(cluster, script.findPgBin()!);
    client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    await client.query('CREATE EXTENSION IF NOT EXISTS pgcrypto');
    result.version = String(
      (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v,
    );
    result.setupSeconds = r3((performance.now() - t0) / 1000);
    log(`postgres ${result.version} on ${cluster.url.replace(/:[^:@]*@/, ':***@')}`);
    const postmaster = Number(
      readFileSync(path.join(cluster.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0],
    );
    const c = client;
    const stage = async (name: PgStage['stage'], rowsOf: string, fn: () => Promise<number>) => {
      log(`${name} …`);
      steps = new Steps(postmaster);
      const s0 = serverCpu(postmaster);
      const c0 = process.cpuUsage();
      const w0 = performance.now();
      let rows = 0;
      let error: string | undefined;
      try {
        rows = await fn();
      } catch (e) {
        error = (e as Error).message.split('\n')[0]!.slice(0, 300);
        log(`${name} FAILED: ${error}`);
        await c.query('ROLLBACK').catch(() => {});
      }
      const seconds = (performance.now() - w0) / 1000;
      const s1 = serverCpu(postmaster);
      const cu = process.cpuUsage(c0);
      const clientCpu = (cu.user + cu.system) / 1e6;
      const server = s0 === null || s1 === null ? null : s1 - s0;
      result.stages.push({
        stage: name,
        seconds: r3(seconds),
        cpuSeconds: r3(clientCpu + (server ?? 0)),
        serverCpuSeconds: server === null ? null : r3(server),
        clientCpuSeconds: r3(clientCpu),
        rows,
        rowsOf,
        rowsPerSecond: Math.round(rows / Math.max(seconds, 1e-6)),
        steps: steps.top(8),
        ...(error ? { error } : {}),
      });
      steps = null;
      log(`${name}: ${r3(seconds)} s, ${rows} ${rowsOf}`);
      return error === undefined;
    };

    await stage('pg_read', 'rows read', () => bareReadPg(ws, c, converted));
    const imported = await stage('pg_import', 'rows read', () => importPg(ws, c, converted));
    if (imported) {
      for (const t of TARGET_ORDER)
        result.tables[t] = Number(
          (await c.query<{ n: string }>(`SELECT count(*) AS n FROM ${pgIdent(t)}`)).rows[0]!.n,
        );
      result.tables.person = Number(
        (await c.query<{ n: string }>('SELECT count(*) AS n FROM person')).rows[0]!.n,
      );
      const serviceRows = result.tables.service ?? 0;
      await stage('pg_cost', 'service rows', async () => {
        result.floor = await costFloorPg(ws, c);
        return serviceRows;
      });
    }
    if (options.inspect) await options.inspect(c);
  } catch (e) {
    result.error = (e as Error).message.split('\n')[0]!.slice(0, 300);
    log(`postgres comparison FAILED: ${result.error}`);
  } finally {
    await client?.end().catch(() => {});
    if (cluster) cluster.stop();
    rmSync(csvDir, { recursive: true, force: true });
  }
  if (result.floor && expected.floorTotalMinor != null)
    result.checks.floorTotalEqual = result.floor.totalMinor === expected.floorTotalMinor;
  for (const [t, n] of Object.entries(expected.tables ?? {}))
    if (t in result.tables) result.checks.tablesEqual[t] = result.tables[t] === n;
  return result;
}

/** ALTER SYSTEM for every setting, then a restart (shared_buffers and wal_level need one). */
async function tune(cluster: Throwaway, bin: string): Promise<void> {
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  try {
    for (const [k, v] of PG_SETTINGS) await client.query(`ALTER SYSTEM SET ${k} = ${pgLit(v)}`);
  } finally {
    await client.end();
  }
  const data = path.join(cluster.dir, 'data');
  const args = ['-D', data, '-l', path.join(cluster.dir, 'log'), '-w', '-m', 'fast', 'restart'];
  const pgCtl = path.join(bin, 'pg_ctl');
  const asRoot = process.getuid?.() === 0;
  const r = asRoot
    ? spawnSync('runuser', ['-u', 'postgres', '--', pgCtl, ...args], { encoding: 'utf8' })
    : spawnSync(pgCtl, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pg_ctl restart failed: ${(r.stderr || r.stdout).trim()}`);
}

let clockTicks: number | null = null;

/** CPU seconds of the postmaster and every child (alive ones from their own stat, ended ones as reaped). */
export function serverCpu(postmaster: number): number | null {
  if (process.platform !== 'linux' || !existsSync(`/proc/${postmaster}/stat`)) return null;
  if (clockTicks === null) {
    const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
    clockTicks = Number(r.stdout?.trim()) || 100;
  }
  const times = (pid: string): { ppid: number; ticks: number } | null => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // fields after the command (which may hold spaces): state ppid … utime(14) stime(15) cutime(16) cstime(17)
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]) };
    } catch {
      return null;
    }
  };
  let ticks = times(String(postmaster))?.ticks ?? 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const t = times(pid);
    if (t && t.ppid === postmaster) ticks += t.ticks;
  }
  return ticks / clockTicks;
}

/** The header of a CSV (first line, in the file's encoding, BOM removed). */
function csvHeader(file: string, csv: SourceConfig['csv']): string[] {
  const fd = openSync(file, 'r');
  const buf = Buffer.alloc(1 << 20);
  const n = readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  const enc = pgEncoding(csv?.encoding) === 'UTF8' ? 'utf-8' : 'windows-1252';
  const text = new TextDecoder(enc).decode(buf.subarray(0, n)).replace(/^\uFEFF/, '');
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  return splitCsvLine(line, csv?.delimiter ?? ',', csv?.quote ?? '"');
}

/** A file the server reads itself must be readable by its OS user (as root it runs as "postgres"). */
function readableByServer(file: string): void {
  if (process.getuid?.() !== 0) return;
  const blocked = [file, ...parents(file)].find(
    (f) => (statSync(f).mode & (f === file ? 0o004 : 0o001)) === 0,
  );
  if (blocked)
    throw new Error(
      `the PostgreSQL server runs as the "postgres" user and cannot read ${file} (${blocked} is not open to others)`,
    );
}

function parents(file: string): string[] {
  const out: string[] = [];
  for (let d = path.dirname(file); d !== path.dirname(d); d = path.dirname(d)) out.push(d);
  return out;
}

/** Each Parquet file (resolved path) of the workspace → its CSV conversion and its column types. */
type ParquetCsv = Map<string, { csv: string; types: Record<string, string> }>;

/** How the stages read a converted Parquet file: DuckDB's COPY … (FORMAT csv) defaults. */
const CONVERTED_CSV: NonNullable<SourceConfig['csv']> = {
  delimiter: ',',
  quote: '"',
  decimal: '.',
  thousands: '',
  encoding: 'utf-8',
  header_row: 1,
};

/** A Parquet source as the CSV source the stages COPY (other sources unchanged). */
export function asCopied(source: SourceConfig): SourceConfig {
  return source.format === 'parquet' ? { ...source, format: 'csv', csv: CONVERTED_CSV } : source;
}

/**
 * Every Parquet file of the workspace's sources to a CSV in `dir` by DuckDB (`COPY (SELECT * FROM
 * read_parquet(…)) TO … (FORMAT csv, HEADER)`: dates ISO, timestamps `YYYY-MM-DD HH:MM:SS`, decimals with
 * a point, NULL as an empty field), timed apart from the stages.
 */
async function convertParquet(
  ws: Workspace,
  dir: string,
  log: (line: string) => void,
): Promise<{ files: ParquetCsv; summary: ParquetConversion | null }> {
  const files: ParquetCsv = new Map();
  const parquet = ws.config.sources.filter((s) => s.format === 'parquet');
  if (parquet.length === 0) return { files, summary: null };
  chmodSync(dir, 0o755); // as root the server runs as "postgres" and reads the files itself
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let rows = 0;
  let bytes = 0;
  const db = await openDuckDB({ file: ':memory:' });
  try {
    const lit = (x: string) => db.dialect.literal(x);
    for (const source of parquet)
      for (const file of resolveFiles(ws, source, 'en')) {
        if (files.has(file)) continue;
        const csv = path.join(dir, `${files.size + 1}-${path.basename(file, path.extname(file))}.csv`);
        const read = `read_parquet(${lit(file)})`;
        const types = Object.fromEntries(
          (await db.all<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM ${read}`)).map(
            (r) => [r.column_name, r.column_type],
          ),
        );
        await db.exec(`COPY (SELECT * FROM ${read}) TO ${lit(csv)} (FORMAT csv, HEADER true, DELIMITER ',')`);
        rows += Number((await db.one<{ n: bigint }>(`SELECT count(*) AS n FROM ${read}`)).n);
        bytes += statSync(csv).size;
        files.set(file, { csv, types });
      }
  } finally {
    await db.close();
  }
  const cu = process.cpuUsage(c0);
  const summary: ParquetConversion = {
    files: files.size,
    rows,
    seconds: r3((performance.now() - t0) / 1000),
    cpuSeconds: r3((cu.user + cu.system) / 1e6),
    csvBytes: bytes,
  };
  log(`Parquet → CSV for PostgreSQL: ${summary.files} files, ${rows} rows, ${summary.seconds} s`);
  return { files, summary };
}

/**
 * Load one source's files into UNLOGGED table `table` (__row, c1…): COPY for CSV (and for Parquet, the
 * CSV it was converted to), the repo's Excel reader and batched inserts for a sheet. Returns the header,
 * the rows loaded and, for Parquet, the file's column types.
 */
async function loadRaw(
  ws: Workspace,
  client: pg.Client,
  source: SourceConfig,
  table: string,
  converted: ParquetCsv = new Map(),
): Promise<{ header: string[]; rows: number; types: Record<string, string> }> {
  const files = resolveFiles(ws, source, 'en');
  let header: string[] = [];
  let rows = 0;
  let types: Record<string, string> = {};
  const create = (h: string[]) =>
    client.query(
      `CREATE UNLOGGED TABLE ${table} (__row bigint GENERATED BY DEFAULT AS IDENTITY, ${h.map((_, i) => `${rawColumn(i)} text`).join(', ')})`,
    );
  for (const [i, original] of files.entries()) {
    if (source.format === 'csv' || source.format === 'parquet') {
      const conv = source.format === 'parquet' ? converted.get(original) : undefined;
      if (source.format === 'parquet' && !conv) throw new Error(`${original}: not converted to CSV`);
      const file = conv?.csv ?? original;
      const copied = asCopied(source);
      const h = csvHeader(file, copied.csv);
      if (i === 0) {
        header = h;
        types = conv?.types ?? {};
        await create(header);
      }
      readableByServer(file);
      const copy = pgCopyCsv(table, header.length, file, copied);
      rows += (await step(`COPY (${source.target})`, () => client.query(copy))).rowCount ?? 0;
    } else {
      await step(`Excel sheet → INSERT … unnest (${source.target})`, () =>
        readExcel(source, original, path.relative(ws.dir, original), 'en', {
          async header(h) {
            if (i === 0) {
              header = h;
              await create(header);
            }
          },
          async rows(batch) {
            const cols = header.map((_, c) => batch.map((r) => (r[c + 1] as string | undefined) ?? null));
            await client.query(
              `INSERT INTO ${table} (__row, ${header.map((_, c) => rawColumn(c)).join(', ')})
             SELECT * FROM unnest($1::bigint[], ${header.map((_, c) => `$${c + 2}::text[]`).join(', ')})`,
              [batch.map((r) => r[0]), ...cols],
            );
            rows += batch.length;
          },
        }),
      );
    }
  }
  return { header, rows, types };
}

/** The columns of a Parquet file that hold binary floating-point numbers (money is rounded, as the import does). */
function binaryColumns(types: Record<string, string>): Set<string> {
  return new Set(
    Object.entries(types)
      .filter(([, t]) => /^(FLOAT|DOUBLE|REAL)$/i.test(t))
      .map(([c]) => c),
  );
}

/** pg_read: every source's files into an UNLOGGED table of text, and nothing else. */
async function bareReadPg(ws: Workspace, client: pg.Client, converted: ParquetCsv): Promise<number> {
  let rows = 0;
  const seen = new Set<string>();
  for (const [i, source] of ws.config.sources.entries()) {
    const key = `${source.file}|${source.excel?.sheet ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const table = `read_${i}`;
    rows += (await loadRaw(ws, client, source, table, converted)).rows;
    await client.query(`DROP TABLE ${table}`);
  }
  return rows;
}

/** pg_import: one transaction, as `tvaerblik import`; returns the rows read. */
async function importPg(ws: Workspace, client: pg.Client, converted: ParquetCsv): Promise<number> {
  const { config } = ws;
  const key = loadKey(
    { keyFile: config.pseudonymisation.key_file, keyEnv: config.pseudonymisation.key_env },
    ws.dir,
  );
  const order = [...config.sources].sort(
    (a, b) => TARGET_ORDER.indexOf(a.target) - TARGET_ORDER.indexOf(b.target),
  );
  let rows = 0;
  await client.query('BEGIN');
  await client.query(
    `CREATE TEMP TABLE idmap (raw text PRIMARY KEY, pseudonym text, person_key bigint, birth_year smallint, birth_month smallint, sex text, scheme text);
     CREATE TEMP TABLE pkey (pseudonym text PRIMARY KEY, person_key bigserial);
     CREATE TEMP TABLE codemap (local_code text, catalogue_code text);
     ${pgTargetTables()}`,
  );
  for (const [i, source] of order.entries()) {
    const raw = `stage_${i}`;
    const { header, rows: n, types } = await loadRaw(ws, client, source, raw, converted);
    rows += n;
    const staging = pgStaging(asCopied(source), header, config, raw, i + 1, binaryColumns(types));
    if (staging.personId) await addIds(client, raw, staging.personId, key, config.country);
    if (source.target === 'service') await loadCodes(ws, client, source);
    await step(`type, map, insert (${source.target})`, () => client.query(staging.insert));
    await client.query(`DROP TABLE ${raw}`);
  }
  await step('INSERT INTO person … ON CONFLICT', () =>
    client.query(
      `INSERT INTO person (person_key, pseudonym, birth_year, birth_month, sex, scheme)
     SELECT DISTINCT ON (person_key) person_key, pseudonym, birth_year, birth_month, sex, scheme FROM idmap
     WHERE person_key IS NOT NULL ORDER BY person_key
     ON CONFLICT (person_key) DO NOTHING`,
    ),
  );
  for (const sql of PG_AFTER_LOAD) await step(sql, () => client.query(sql));
  await step('COMMIT', () => client.query('COMMIT'));
  return rows;
}

/**
 * The distinct raw ids of a staged source not met before: parsed in node (the import's own rules), then
 * pseudonymised in the server with pgcrypto, HMAC-SHA-256 of the normalised id, lowercase hex — the
 * pseudonym DuckDB's import keeps in person — and numbered (person_key, BIGINT). A cursor hands them over BATCH at a time.
 */
async function addIds(
  client: pg.Client,
  raw: string,
  personId: string,
  key: Buffer,
  country: 'DK' | 'SE',
): Promise<void> {
  await step('ids: SELECT DISTINCT of the new raw ids', () =>
    client.query(
      `CREATE TEMP TABLE idnew AS SELECT DISTINCT ${personId} AS raw FROM ${raw} s
     WHERE ${personId} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM idmap m WHERE m.raw = ${personId});
     DECLARE ids NO SCROLL CURSOR FOR SELECT raw FROM idnew`,
    ),
  );
  for (;;) {
    const batch = (await step('ids: FETCH', () => client.query<{ raw: string }>(`FETCH ${BATCH} FROM ids`)))
      .rows;
    if (batch.length === 0) break;
    const cols: (string | number | null)[][] = [[], [], [], [], [], []];
    await step('ids: parse in node', async () => {
      for (const { raw: id } of batch) {
        const p = parsePersonId(id, country);
        cols[0]!.push(id);
        cols[1]!.push(p.ok ? p.normalised : null);
        cols[2]!.push(p.ok ? p.birthYear : null);
        cols[3]!.push(p.ok ? p.birthMonth : null);
        cols[4]!.push(p.ok ? p.sex : null);
        cols[5]!.push(p.ok ? p.scheme : null);
      }
    });
    await step('ids: INSERT INTO idmap … hmac()', () =>
      client.query(
        `INSERT INTO idmap SELECT r, CASE WHEN n IS NOT NULL THEN encode(hmac(convert_to(n, 'UTF8'), $7::bytea, 'sha256'), 'hex') END, NULL, y, m, x, k
       FROM unnest($1::text[], $2::text[], $3::smallint[], $4::smallint[], $5::text[], $6::text[]) AS u(r, n, y, m, x, k)`,
        [...cols, key],
      ),
    );
  }
  // each pseudonym gets its BIGINT person_key once (two spellings of one id share it), as DuckDB's import does
  await step('ids: person_key per pseudonym', () =>
    client.query(
      `INSERT INTO pkey (pseudonym) SELECT DISTINCT pseudonym FROM idmap
       WHERE person_key IS NULL AND pseudonym IS NOT NULL ON CONFLICT DO NOTHING;
       UPDATE idmap m SET person_key = k.person_key FROM pkey k
       WHERE k.pseudonym = m.pseudonym AND m.person_key IS NULL`,
    ),
  );
  await client.query('CLOSE ids; DROP TABLE idnew; ANALYZE idmap');
}

/** codemap of a service source from its code table (CSV by COPY, a workbook through the Excel reader). */
async function loadCodes(ws: Workspace, client: pg.Client, source: SourceConfig): Promise<void> {
  await client.query('TRUNCATE codemap');
  if (!source.codes) return;
  const file = ws.resolve(source.codes);
  const codes: SourceConfig = /\.xlsx$/i.test(file)
    ? { ...source, file: source.codes, format: 'excel', excel: { header_row: 1 } }
    : { ...source, file: source.codes, format: 'csv', csv: csvOf(file) };
  const { header } = await loadRaw(ws, client, codes, 'codes_raw');
  const lower = header.map((h) => h.trim().toLowerCase());
  const lc = rawColumn(lower.indexOf('local_code'));
  const cc = rawColumn(lower.indexOf('catalogue_code'));
  await client.query(
    `INSERT INTO codemap SELECT DISTINCT btrim(${lc}), NULLIF(btrim(${cc}), '') FROM codes_raw
     WHERE NULLIF(btrim(${lc}), '') IS NOT NULL;
     DROP TABLE codes_raw; ANALYZE codemap`,
  );
}

/** A mapping CSV's settings: UTF-8, `;` or `,` (whichever splits the header more), as codes.ts reads it. */
function csvOf(file: string): NonNullable<SourceConfig['csv']> {
  const first =
    readFileSync(file, 'utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/, 1)[0] ?? '';
  const delimiter = first.split(';').length > first.split(',').length ? ';' : ',';
  return { delimiter, quote: '"', decimal: '.', thousands: '', encoding: 'utf-8', header_row: 1 };
}

/** pg_cost: the translation table into a text table, then the cost floor; its row count and total. */
async function costFloorPg(
  ws: Workspace,
  client: pg.Client,
): Promise<{ rows: number; totalMinor: string } | null> {
  const table = ws.config.costing?.translation_table;
  if (!table) return null;
  const file = ws.resolve(table);
  const csv = csvOf(file);
  const header = csvHeader(file, csv).map((h) => h.trim());
  await client.query(`CREATE TEMP TABLE rule (${header.map((h) => `${pgIdent(h)} text`).join(', ')})`);
  readableByServer(file);
  await step('COPY rule', () =>
    client.query(
      `COPY rule FROM ${pgLit(file)} WITH (FORMAT csv, HEADER true, DELIMITER ${pgLit(csv.delimiter)}, ENCODING 'UTF8')`,
    ),
  );
  await step('cost floor statement', () => client.query(pgCostFloor('rule')));
  const r = (
    await client.query<{ n: string; t: string | null }>(
      'SELECT count(*) AS n, coalesce(sum(cost_minor), 0)::text AS t FROM pg_floor_cost',
    )
  ).rows[0]!;
  await client.query('DROP TABLE pg_floor_cost');
  return { rows: Number(r.n), totalMinor: r.t ?? '0' };
}
