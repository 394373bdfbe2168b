/**
 * Ingest: extracts → canonical tables. For each source: read (read.ts, excel.ts), map and transform in
 * DuckDB SQL (transform.ts), translate local codes (codes.ts), pseudonymise each distinct person id once
 * (persons.ts), check data quality (checks.ts) and load — all sources in one transaction, so an import
 * applies completely or not at all. Re-importing an unchanged extract changes nothing; a new extract for
 * the same source and period replaces the old one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Period, SourceConfig, TargetTable } from '../config/schema.js';
import type { Workspace } from '../config/workspace.js';
import type { Engine, Value } from '../engine/engine.js';
import { UserError } from '../errors.js';
import { createPseudonymiser, loadKey, type Pseudonymiser } from '../ids/pseudonymise.js';
import type { Output } from '../core/effects.js';
import type { Lang } from '../i18n.js';
import {
  checksFor,
  NUMERIC_FIELD,
  rejectPredicate,
  runChecks,
  unmappedCodes,
  type CheckResult,
  type UnmappedCode,
} from './checks.js';
import { loadCatalogueTable, loadCodeTable } from './codes.js';
import { contactIdSql } from './contact-id.js';
import { exprColumns } from './expr.js';
import { fieldSpec, TARGET_EXTRA, TARGET_FIELDS, type FieldType } from './fields.js';
import { ingestError } from './messages.js';
import { addIds, createIdMap, dropIdMap } from './persons.js';
import {
  noRowsFinding,
  openRelation,
  readError,
  removeOnSignal,
  resolveFiles,
  sha256,
  sha256File,
} from './read.js';
import { writeReports, type DqReport, type ReportFiles, type SourceSummary } from './report.js';
import { buildTransforms } from './transform.js';

export type { DqReport, SourceSummary } from './report.js';
export type { CheckResult, UnmappedCode } from './checks.js';

const DQ_SQL = new URL('../../sql/ingest/dq.sql', import.meta.url);

/** Targets load in this order, so residence is in place when later sources check for it. */
const TARGET_ORDER: TargetTable[] = [
  'population',
  'residence',
  'person_attribute',
  'ledger',
  'service',
  'hospital_contact',
  'gp_contact',
];

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

export interface ImportOptions {
  /** source ids to import (default: all) */
  sources?: string[];
  /** stage and check only; load nothing (`tvaerblik check`) */
  dryRun?: boolean;
  /** called at stages of each source; tests use it to kill an import mid-transaction */
  onStage?: (stage: 'staged' | 'loaded', sourceId: string) => void | Promise<void>;
}

export interface ImportSummary extends DqReport {
  reports: ReportFiles;
  /** rows without an identified person (id missing or invalid), per source and check */
  unidentified: Unidentified[];
  /** a finding of unidentified rows is over its threshold: the import exits non-zero (1) */
  incomplete: boolean;
}

export interface Unidentified {
  source: string;
  check: string;
  rows: number;
  pct: number;
  threshold: number;
  status: CheckResult['status'];
  severity: CheckResult['severity'];
  /** loaded without a person (service) or rejected (targets that need a person) */
  loaded: boolean;
}

/** Where a stop failure was first seen: the extract file, its row and the source column. */
interface StopAt {
  file: string | undefined;
  row: number | undefined;
  column: string | undefined;
}

/** The checks of rows without an identified person (see checks.ts). */
const UNIDENTIFIED_CHECKS = new Set(['person_id_present', 'person_id_valid']);

/** A stop-severity failure: exit code 3, carrying the summary so the CLI can still show the report. */
export class DataQualityStop extends UserError {
  constructor(
    message: string,
    location: ConstructorParameters<typeof UserError>[1],
    readonly summary: ImportSummary,
  ) {
    super(message, location, 3);
  }
}

interface Plan {
  source: SourceConfig;
  period: Period | undefined;
  files: string[];
  fileHash: string;
  configHash: string;
  previous:
    | {
        import_id: number;
        file_hash: string;
        config_hash: string;
        rows_read: bigint;
        rows_loaded: bigint;
        rows_rejected: bigint;
        target: string;
      }
    | undefined;
}

class Rollback extends Error {}

export async function importSources(
  ws: Workspace,
  engine: Engine,
  out: Output,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const lang = out.lang;
  const config = ws.config;
  const all = config.sources;
  for (const id of options.sources ?? [])
    if (!all.some((s) => s.id === id))
      throw ingestError(
        lang,
        'unknown_source',
        { id, ids: all.map((s) => s.id).join(', ') || '(none)' },
        { key: 'sources' },
      );
  const selected = all
    .filter((s) => !options.sources?.length || options.sources.includes(s.id))
    .sort((a, b) => TARGET_ORDER.indexOf(a.target) - TARGET_ORDER.indexOf(b.target));
  await engine.execFile(DQ_SQL);

  const plans: Plan[] = [];
  for (const source of selected) plans.push(await plan(ws, engine, source, lang));

  const runId = new Date().toISOString();
  const dryRun = options.dryRun ?? false;
  const summaries: SourceSummary[] = [];
  const checks: CheckResult[] = [];
  const unmapped: UnmappedCode[] = [];
  const todo = plans.filter((p) => dryRun || !unchanged(p));
  for (const p of plans.filter((x) => !todo.includes(x)))
    summaries.push({
      source: p.source.id,
      target: p.source.target,
      period: p.source.period ?? null,
      files: p.files.map((f) => path.relative(ws.dir, f)),
      status: 'unchanged',
      rows_read: Number(p.previous!.rows_read),
      rows_loaded: Number(p.previous!.rows_loaded),
      rows_rejected: Number(p.previous!.rows_rejected),
      // not read again: the import that loaded it counted its filtered rows
      rows_filtered: null,
      import_id: p.previous!.import_id,
      replaced_import_id: null,
    });

  // An unchanged source keeps the findings of the import that loaded it.
  for (const s of summaries) {
    const prev = await previousDq(engine, s.import_id!);
    checks.push(...prev.checks);
    unmapped.push(...prev.unmapped);
  }

  let pseudonymise: Pseudonymiser | undefined;
  if (todo.some((p) => 'person_id' in p.source.columns))
    pseudonymise = createPseudonymiser(
      loadKey({ keyFile: config.pseudonymisation.key_file, keyEnv: config.pseudonymisation.key_env }, ws.dir),
    );

  const tmpDir = mkdtempSync(path.join(os.tmpdir(), 'tvaerblik-ingest-'));
  // SIGTERM/SIGINT would skip the finally below: the handler removes the folder, then exits.
  const keepOnSignal = removeOnSignal(tmpDir);
  let stopped: CheckResult | undefined;
  let stoppedAt: StopAt | undefined;
  // While raw ids sit in TEMP tables, DuckDB must not spill them to its temp directory on disk.
  const spill = (await engine.one<{ t: string }>(`SELECT current_setting('temp_directory') AS t`)).t;
  await engine.exec(`SET temp_directory = ''`);
  try {
    if (todo.length) {
      if (todo.some((p) => p.source.target === 'service')) await loadCatalogueTable(ws, engine);
      await engine
        .transaction(async (tx) => {
          await createIdMap(tx);
          const seen = new Set<string>();
          let nextId = Number(
            (await tx.one<{ n: number }>('SELECT coalesce(max(import_id), 0) + 1 AS n FROM import_log')).n,
          );
          for (const p of todo) {
            const bar = out.progress(p.source.id, p.files.length + 3);
            try {
              const r = await stageSource(ws, tx, p, tmpDir, lang, pseudonymise, seen, bar.tick);
              checks.push(...r.checks);
              unmapped.push(...r.unmapped);
              await options.onStage?.('staged', p.source.id);
              const stop = r.checks.find((c) => c.severity === 'stop' && c.status === 'fail');
              const summary: SourceSummary = {
                source: p.source.id,
                target: p.source.target,
                period: p.source.period ?? null,
                files: p.files.map((f) => path.relative(ws.dir, f)),
                status: dryRun ? 'checked' : stop ? 'stopped' : p.previous ? 'replaced' : 'loaded',
                rows_read: r.rowsRead,
                rows_loaded: stop ? 0 : r.rowsRead - r.rowsRejected,
                rows_rejected: r.rowsRejected,
                rows_filtered: r.rowsFiltered,
                import_id: null,
                replaced_import_id: null,
              };
              if (stop && !stopped) {
                stopped = stop;
                stoppedAt = r.stopAt;
              }
              if (!stop && !stopped) {
                // A check run loads too (so later sources see earlier ones), then rolls everything back.
                const importId = nextId++;
                await load(tx, p, importId, r.reject, config.country, r.rowsRead, r.rowsRejected);
                if (!dryRun) {
                  summary.import_id = importId;
                  summary.replaced_import_id = p.previous?.import_id ?? null;
                  await storeDq(tx, runId, importId, r.checks, r.unmapped);
                }
                await options.onStage?.('loaded', p.source.id);
              }
              summaries.push(summary);
              await tx.exec('DROP VIEW IF EXISTS stgv; DROP TABLE IF EXISTS stg');
              bar.tick();
            } finally {
              bar.stop();
            }
          }
          // The raw ids leave with the map, before anything commits.
          await dropIdMap(tx);
          if (stopped || dryRun) throw new Rollback();
        })
        .catch((e: unknown) => {
          if (!(e instanceof Rollback)) throw e;
        });
      await dropIdMap(engine);
      if (stopped || dryRun)
        await engine.transaction(async (tx) => {
          for (const s of summaries.filter((x) => x.status !== 'unchanged'))
            await storeDq(
              tx,
              runId,
              null,
              checks.filter((c) => c.source_id === s.source),
              unmapped.filter((u) => u.source_id === s.source),
            );
        });
      // Nothing of the run committed: every source that would have loaded is reported as stopped.
      if (stopped)
        for (const s of summaries)
          if (s.status !== 'unchanged') {
            s.status = 'stopped';
            s.rows_loaded = 0;
            s.import_id = null;
            s.replaced_import_id = null;
          }
    }
  } finally {
    keepOnSignal();
    rmSync(tmpDir, { recursive: true, force: true });
    await engine.exec(`SET temp_directory = ${engine.dialect.literal(spill)}`).catch(() => {});
  }

  const order = new Map(selected.map((s, i) => [s.id, i]));
  summaries.sort((a, b) => order.get(a.source)! - order.get(b.source)!);
  const report: DqReport = {
    run_id: runId,
    mode: dryRun ? 'check' : 'import',
    workspace: config.name,
    stopped: Boolean(stopped),
    sources: summaries,
    checks,
    unmapped,
  };
  const reports = await writeReports(report, ws.resolve('reports'), lang);
  const unidentified: Unidentified[] = checks
    .filter((c) => UNIDENTIFIED_CHECKS.has(c.check_id) && c.rows_violated > 0)
    .map((c) => ({
      source: c.source_id,
      check: c.check_id,
      rows: c.rows_violated,
      pct: c.pct_violated,
      threshold: c.threshold_pct,
      status: c.status,
      severity: c.severity,
      loaded: all.find((x) => x.id === c.source_id)?.target === 'service',
    }));
  const incomplete = unidentified.some((u) => u.status === 'fail' && u.severity === 'warn');
  // Rows without an identified person are never lost in silence: every command that imports says so.
  for (const u of unidentified) {
    const vars = { rows: u.rows, source: u.source, check: u.check, pct: u.pct, threshold: u.threshold };
    const e = ingestError(lang, u.loaded ? 'unidentified' : 'unidentified_rejected', vars);
    out.warn(`${e.message} ${e.location.hint}`);
  }
  const summary: ImportSummary = { ...report, reports, unidentified, incomplete };
  if (stopped && !dryRun) throw stopError(lang, ws, stopped, stoppedAt, reports, summary);
  return summary;
}

/** The exit-3 error of a stop failure, naming the extract file, row and column and the fix. */
function stopError(
  lang: Lang,
  ws: Workspace,
  stopped: CheckResult,
  at: StopAt | undefined,
  reports: ReportFiles,
  summary: ImportSummary,
): DataQualityStop {
  const report = path.relative(ws.dir, reports.html);
  const source = ws.config.sources.find((s) => s.id === stopped.source_id)!;
  const spec = stopped.field ? fieldSpec(source.target, stopped.field) : undefined;
  const location = { file: at?.file ?? report, row: at?.row ?? stopped.sample_rows[0], column: at?.column };
  const vars = {
    check: stopped.check_id,
    source: stopped.source_id,
    field: stopped.field ?? '',
    n: stopped.rows_violated,
    pct: stopped.pct_violated,
    threshold: stopped.threshold_pct,
    decimal: source.csv?.decimal ?? '.',
    report,
    file: location.file,
    row: location.row ?? '?',
    column: location.column ?? stopped.field ?? '',
  };
  const numberError =
    stopped.check_id === `${stopped.field}_format` && NUMERIC_FIELD.includes(spec?.type ?? '');
  // an extract with no data rows is named as such, at the extract (it has no row or column to name)
  const key = stopped.check_id === 'rows_present' ? 'no_rows' : numberError ? 'bad_number' : 'stop';
  const e = ingestError(lang, key, vars, key === 'no_rows' ? { file: source.file } : location, 3);
  return new DataQualityStop(e.message, e.location, summary);
}

/** The source column(s) a canonical field is read from (never a cell value). */
function sourceColumn(source: SourceConfig, field: string | null): string | undefined {
  const m = field ? source.columns[field] : undefined;
  if (m === undefined) return undefined;
  if (typeof m === 'string') return m;
  if (m.column !== undefined) return m.column;
  return m.expr !== undefined ? exprColumns(m.expr).join(', ') : undefined;
}

function unchanged(p: Plan): boolean {
  return (
    p.previous !== undefined &&
    p.previous.file_hash === p.fileHash &&
    p.previous.config_hash === p.configHash &&
    p.previous.target === p.source.target
  );
}

/** Files, hashes and the import this one would replace. */
async function plan(ws: Workspace, engine: Engine, source: SourceConfig, lang: Lang): Promise<Plan> {
  const period = source.period ? ws.config.periods.find((p) => p.id === source.period) : undefined;
  if (source.period && !period)
    throw ingestError(
      lang,
      'unknown_period',
      { source: source.id, period: source.period },
      { key: `sources.${source.id}.period` },
    );
  const files = resolveFiles(ws, source, lang);
  const hashes = await Promise.all(files.map((f) => sha256File(f)));
  const fileHash =
    files.length === 1
      ? hashes[0]!
      : sha256(files.map((f, i) => `${path.basename(f)}:${hashes[i]}`).join('\n'));
  const codesHash = source.codes ? await sha256File(ws.resolve(source.codes)).catch(() => 'missing') : '';
  const configHash = sha256(
    stableJson({ source, codesHash, catalogue: ws.config.catalogue, country: ws.config.country }),
  );
  const prev = await engine.all<NonNullable<Plan['previous']>>(
    `SELECT import_id, file_hash, config_hash, rows_read, rows_loaded, rows_rejected, target FROM import_log l
     WHERE source_id = $s AND period IS NOT DISTINCT FROM $p
       AND NOT EXISTS (SELECT 1 FROM import_log r WHERE r.replaced_import_id = l.import_id)
     ORDER BY import_id DESC LIMIT 1`,
    { s: source.id, p: source.period ?? null },
  );
  return { source, period, files, fileHash, configHash, previous: prev[0] };
}

export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

interface Staged {
  stopAt: StopAt | undefined;
  rowsRead: number;
  rowsRejected: number;
  /** rows of the files that the source's `where:` left out (0 without a filter) */
  rowsFiltered: number;
  reject: string;
  checks: CheckResult[];
  unmapped: UnmappedCode[];
}

/** Read every file of a source into TEMP TABLE stg (typed fields, bad-flags, person_key; no raw ids). */
async function stageSource(
  ws: Workspace,
  tx: Engine,
  p: Plan,
  tmpDir: string,
  lang: Lang,
  pseudonymise: Pseudonymiser | undefined,
  seen: Set<string>,
  tick: () => void,
): Promise<Staged> {
  const { source } = p;
  const isService = source.target === 'service';
  if (isService) await loadCodeTable(ws, tx, source, lang);
  await tx.exec('DROP VIEW IF EXISTS stgv; DROP TABLE IF EXISTS stg');
  let fields: ReturnType<typeof buildTransforms>['fields'] | undefined;
  let hasPersonId = false;
  let rowsFiltered = 0;
  for (const [i, file] of p.files.entries()) {
    const display = path.relative(ws.dir, file);
    const rel = await openRelation(tx, source, file, display, tmpDir, lang);
    const t = buildTransforms(rel, source, ws.config, lang);
    fields = t.fields;
    hasPersonId = t.personId !== null;
    try {
      let from = rel.sql;
      let rowExpr = rel.rowExpr;
      if (rel.materialize) {
        const scan = tx.exec(`CREATE OR REPLACE TEMP TABLE raw_src AS SELECT * FROM ${rel.sql}`);
        // a single-byte CSV is fed to DuckDB through a pipe while it scans; the scan's error comes first
        const failed = scan.catch((e: unknown) => (rel.release?.(), Promise.reject(e)));
        const [read, fed] = await Promise.allSettled([failed, rel.feed?.()]);
        if (read.status === 'rejected') throw read.reason;
        if (fed.status === 'rejected') throw fed.reason;
        from = 'raw_src';
        // Rows written inside a transaction get rowids from a high base; they are consecutive from it.
        const base = (await tx.one<{ m: bigint | null }>('SELECT min(rowid) AS m FROM raw_src')).m ?? 0n;
        rowExpr = rowExpr.replace('s.rowid', `(s.rowid - ${base})`);
      }
      if (t.personId)
        await addIds(tx, from, t.personId, ws.config.country, pseudonymise!, seen, {
          filter: t.where,
          opaque: source.person_id_scheme === 'opaque',
        });
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
      const src = `SELECT * ${present.length ? `EXCLUDE (${present.join(', ')})` : ''} ${flags.map((x) => `, ${x}`).join('')}
        FROM (SELECT ${i}::SMALLINT AS __file, CAST(${rowExpr} AS BIGINT) AS __row, ${typed.join(', ')},
          ${t.personId ?? 'NULL::VARCHAR'} AS __pid FROM ${from} s ${t.where ? `WHERE ${t.where}` : ''})`;
      const col = (name: string) =>
        t.fields.get(name)!.mapped ? `src."f_${name}"` : t.fields.get(name)!.value;
      const own = isService
        ? ['catalogue_code', 'unit', 'law_ref'].filter((n) => t.fields.get(n)!.mapped)
        : [];
      const codemapJoin = t.fields.get('local_code')?.mapped
        ? `LEFT JOIN codemap c ON c.local_code = src."f_local_code"`
        : `LEFT JOIN (SELECT NULL::VARCHAR AS catalogue_code) c ON true`;
      // The person is carried as the small integer pid; the 64-character person_key is joined back on insert.
      const select = isService
        ? `SELECT src.* EXCLUDE (__pid${own.map((n) => `, "f_${n}"`).join('')}),
             coalesce(${col('catalogue_code')}, c.catalogue_code) AS "f_catalogue_code",
             coalesce(${col('unit')}, k.unit, 'unknown') AS "f_unit",
             coalesce(${col('law_ref')}, k.law_ref) AS "f_law_ref",
             k.code IS NOT NULL AS known_code, m.pid, m.reason AS id_reason, m.warning AS id_warning
           FROM src LEFT JOIN idmap m ON m.raw = src.__pid
             ${codemapJoin}
             LEFT JOIN cat k ON k.code = coalesce(${col('catalogue_code')}, c.catalogue_code)`
        : `SELECT src.* EXCLUDE (__pid), m.pid, m.reason AS id_reason, m.warning AS id_warning
           FROM src LEFT JOIN idmap m ON m.raw = src.__pid`;
      await tx.exec(
        i === 0
          ? `CREATE TEMP TABLE stg AS WITH src AS (${src}) ${select}`
          : `INSERT INTO stg BY NAME WITH src AS (${src}) ${select}`,
      );
      if (i === 0) {
        const constants = [...t.fields.entries()]
          .filter(
            ([name, f]) => !f.mapped && !(isService && ['catalogue_code', 'unit', 'law_ref'].includes(name)),
          )
          .map(([name, f]) => `CAST(${f.value} AS ${SQL_TYPE[f.spec.type]}) AS "f_${name}"`);
        const falseFlags = [...t.fields.entries()]
          .filter(([, f]) => !f.present)
          .map(([name]) => `false AS "bad_${name}"`);
        await tx.exec(
          `CREATE OR REPLACE TEMP VIEW stgv AS SELECT t.*${[...constants, ...falseFlags].map((x) => `, ${x}`).join('')}
           FROM stg t`,
        );
      }
      // Rows left out by `where:` are counted (never shown), so nothing leaves in silence.
      if (t.where)
        rowsFiltered += Number(
          (await tx.one<{ n: bigint }>(`SELECT count(*) AS n FROM ${from} s WHERE NOT (${t.where})`)).n,
        );
      // The extract's raw cells (ids included) leave as soon as the typed rows exist.
      await tx.exec('DROP TABLE IF EXISTS raw_src');
    } catch (e) {
      throw readError(e, rel, source.id, lang);
    }
    tick();
  }
  const defs = checksFor(source, fields!, hasPersonId, p.period);
  const results = await runChecks(tx, source, defs);
  const stop = results.find((c) => c.severity === 'stop' && c.status === 'fail');
  let stopAt: StopAt | undefined;
  if (stop) {
    const def = defs.find((d) => d.id === stop.check_id)!;
    const first = def.countSql
      ? { __file: 0, __row: stop.sample_rows[0] }
      : await tx.one<{ __file: number; __row: bigint }>(
          `SELECT __file, __row FROM stgv t WHERE coalesce((${def.predicate}), false) ORDER BY __file, __row LIMIT 1`,
        );
    const file = p.files[Number(first.__file)];
    stopAt = {
      file: file ? path.relative(ws.dir, file) : undefined,
      row: first.__row === undefined ? undefined : Number(first.__row),
      column: sourceColumn(source, stop.field),
    };
  }
  tick();
  const reject = rejectPredicate(defs);
  const rowsRead = Number((await tx.one<{ n: bigint }>('SELECT count(*) AS n FROM stg')).n);
  // A header-only extract must not silently replace loaded rows: a finding, severity stop by default.
  if (rowsRead === 0) results.push(noRowsFinding(source));
  const rowsRejected = Number(
    (await tx.one<{ n: bigint }>(`SELECT count(*) AS n FROM stgv t WHERE ${reject}`)).n,
  );
  const unmapped =
    isService && fields!.get('local_code')?.mapped ? await unmappedCodes(tx, source, true) : [];
  tick();
  return { stopAt, rowsRead, rowsRejected, rowsFiltered, reject, checks: results, unmapped };
}

/** Replace the previous import's rows, upsert persons, insert the staged rows and log the import. */
async function load(
  tx: Engine,
  p: Plan,
  importId: number,
  reject: string,
  country: 'DK' | 'SE',
  rowsRead: number,
  rowsRejected: number,
): Promise<void> {
  const { source } = p;
  const lit = tx.dialect.literal;
  if (p.previous)
    await tx.exec(
      `DELETE FROM ${tx.dialect.ident(p.previous.target)} WHERE import_id = ${p.previous.import_id}`,
    );
  const keep = `NOT (${reject})`;
  const specs = TARGET_FIELDS[source.target].filter(
    (s) => s.type !== 'id' && s.name !== 'death_date' && !s.person,
  );
  const extra: Record<string, string> = {
    import_id: String(importId),
    row_no: '__row',
    person_key: 'm.person_key',
    source_id: lit(source.id),
    period: source.period ? lit(source.period) : 'NULL',
    sector: lit(source.sector),
  };
  const targetCols = [...TARGET_EXTRA[source.target], ...specs.map((s) => s.column ?? s.name)];
  const values = [
    ...TARGET_EXTRA[source.target].map((c) => extra[c]!),
    ...specs.map((s) => (s.name === 'contact_id' ? contactIdSql() : `"f_${s.name}"`)),
  ];
  if (TARGET_EXTRA[source.target].includes('person_key')) {
    // Birth date and sex from mapped columns fill what the id cannot tell (opaque ids); the id wins.
    const mapped = (n: string) => n in source.columns;
    const info = mapped('birth_date') || mapped('sex');
    if (info)
      await tx.exec(
        `CREATE OR REPLACE TEMP TABLE pinfo AS
         SELECT m.person_key, min(${mapped('birth_date') ? '"f_birth_date"' : 'NULL::DATE'}) AS bd,
                max(${mapped('sex') ? `nullif("f_sex", 'U')` : 'NULL::VARCHAR'}) AS sx
         FROM stgv t JOIN idmap m ON m.pid = t.pid WHERE ${keep} AND m.person_key IS NOT NULL GROUP BY 1`,
      );
    const i = info ? 'LEFT JOIN pinfo i ON i.person_key = d.person_key' : '';
    // Anti-join first: far cheaper than letting every known key hit the conflict path of the index.
    await tx.exec(
      `INSERT INTO person (person_key, birth_year, birth_month, sex, country, id_scheme)
       SELECT d.person_key, CAST(coalesce(d.by, ${info ? 'year(i.bd)' : 'NULL'}) AS SMALLINT),
              CAST(coalesce(d.bm, ${info ? 'month(i.bd)' : 'NULL'}) AS TINYINT),
              coalesce(d.sx, ${info ? 'i.sx' : 'NULL'}, 'U'), ${lit(country)}, d.scheme
       FROM (SELECT person_key, any_value(birth_year) AS by, any_value(birth_month) AS bm,
                    nullif(any_value(sex), 'U') AS sx, any_value(scheme) AS scheme
             FROM idmap WHERE person_key IS NOT NULL AND person_key NOT IN (SELECT person_key FROM person)
               AND pid IN (SELECT pid FROM stgv t WHERE ${keep})
             GROUP BY person_key) d ${i}
       ON CONFLICT (person_key) DO NOTHING`,
    );
    // a person loaded earlier without a birth date or sex (e.g. from an encounter file) gets them now
    if (info)
      await tx.exec(
        `UPDATE person SET birth_year = coalesce(person.birth_year, CAST(year(i.bd) AS SMALLINT)),
                birth_month = CASE WHEN person.birth_year IS NULL THEN CAST(month(i.bd) AS TINYINT) ELSE person.birth_month END,
                sex = CASE WHEN person.sex = 'U' THEN coalesce(i.sx, 'U') ELSE person.sex END
         FROM pinfo i WHERE person.person_key = i.person_key
           AND ((person.birth_year IS NULL AND i.bd IS NOT NULL) OR (person.sex = 'U' AND i.sx IS NOT NULL));
         DROP TABLE pinfo`,
      );
  }
  await tx.exec(
    `INSERT INTO ${tx.dialect.ident(source.target)} (${targetCols.map((c) => `"${c}"`).join(', ')})
     SELECT ${values.join(', ')} FROM stgv t LEFT JOIN idmap m ON m.pid = t.pid WHERE ${keep}`,
  );
  if (source.target === 'residence' && 'death_date' in source.columns)
    await tx.exec(
      `UPDATE person SET death_date = d.dd FROM (
         SELECT m.person_key, max("f_death_date") AS dd FROM stgv t JOIN idmap m ON m.pid = t.pid WHERE ${keep} AND "f_death_date" IS NOT NULL GROUP BY 1
       ) d WHERE person.person_key = d.person_key`,
    );
  await tx.exec(
    `INSERT INTO import_log VALUES ($id, $source, $file, $hash, $period, $target, $read, $loaded, $rejected, $config, now()::TIMESTAMP, $replaced)`,
    {
      id: importId,
      source: source.id,
      file: source.file,
      hash: p.fileHash,
      period: source.period ?? null,
      target: source.target,
      read: BigInt(rowsRead),
      loaded: BigInt(rowsRead - rowsRejected),
      rejected: BigInt(rowsRejected),
      config: p.configHash,
      replaced: p.previous?.import_id ?? null,
    },
  );
}

async function storeDq(
  tx: Engine,
  runId: string,
  importId: number | null,
  checks: CheckResult[],
  unmapped: UnmappedCode[],
): Promise<void> {
  const at = runId.replace('T', ' ').replace('Z', '');
  const rows: Value[][] = checks.map((c) => [
    runId,
    importId,
    c.source_id,
    c.check_id,
    c.kind,
    c.severity,
    c.field,
    c.threshold_pct,
    BigInt(c.rows_checked),
    BigInt(c.rows_violated),
    c.pct_violated,
    c.status,
    c.sample_rows.join(','),
    at,
  ]);
  if (rows.length)
    await tx.append(
      'dq_result',
      [
        'run_id',
        'import_id',
        'source_id',
        'check_id',
        'kind',
        'severity',
        'field',
        'threshold_pct',
        'rows_checked',
        'rows_violated',
        'pct_violated',
        'status',
        'sample_rows',
        'checked_at',
      ],
      rows,
    );
  if (unmapped.length)
    await tx.append(
      'dq_unmapped_code',
      ['run_id', 'source_id', 'local_code', 'rows', 'amount_minor'],
      unmapped.map((u) => [runId, u.source_id, u.local_code, BigInt(u.rows), u.amount_minor]),
    );
}

async function previousDq(
  engine: Engine,
  importId: number,
): Promise<{ checks: CheckResult[]; unmapped: UnmappedCode[] }> {
  const rows = await engine.all<{
    run_id: string;
    source_id: string;
    check_id: string;
    kind: CheckResult['kind'];
    severity: CheckResult['severity'];
    field: string | null;
    threshold_pct: number;
    rows_checked: bigint;
    rows_violated: bigint;
    pct_violated: number;
    status: CheckResult['status'];
    sample_rows: string | null;
  }>('SELECT * EXCLUDE (import_id, checked_at) FROM dq_result WHERE import_id = $id ORDER BY rowid', {
    id: importId,
  });
  const checks = rows.map((r) => ({
    source_id: r.source_id,
    check_id: r.check_id,
    kind: r.kind,
    severity: r.severity,
    field: r.field,
    threshold_pct: r.threshold_pct,
    rows_checked: Number(r.rows_checked),
    rows_violated: Number(r.rows_violated),
    pct_violated: r.pct_violated,
    status: r.status,
    sample_rows: r.sample_rows ? r.sample_rows.split(',').map(Number) : [],
    description: { da: r.check_id, sv: r.check_id, en: r.check_id },
  }));
  const runId = rows[0]?.run_id;
  const unmapped = runId
    ? (
        await engine.all<{ source_id: string; local_code: string; rows: bigint; amount_minor: bigint }>(
          'SELECT source_id, local_code, rows, amount_minor FROM dq_unmapped_code WHERE run_id = $r AND source_id = $s',
          { r: runId, s: rows[0]!.source_id },
        )
      ).map((u) => ({ ...u, rows: Number(u.rows) }))
    : [];
  return { checks, unmapped };
}
