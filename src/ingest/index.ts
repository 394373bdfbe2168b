/**
 * Ingest: extracts → canonical tables; the public entry of an import. The folder follows its data flow:
 *
 * 1. plan.ts — which sources, which files, unchanged since their last import?
 * 2. stage.ts — read (read.ts, excel.ts, zip.ts), map and transform (transform.ts, expr.ts, fields.ts),
 *    translate local codes (codes.ts) and pseudonymise each distinct person id once at the door
 *    (persons.ts) into the staged rows;
 * 3. quality.ts — the data-quality checks (checks.ts) over the staged rows;
 * 4. load.ts — write to the warehouse; dq-store.ts — the findings beside it;
 * 5. outcome.ts, report.ts — the summary, the data-quality report, the stop error.
 *
 * All sources load in one transaction, so an import applies completely or not at all. Re-importing an
 * unchanged extract changes nothing; a new extract for the same source and period replaces the old one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Workspace } from '../config/workspace.js';
import type { Output } from '../core/effects.js';
import type { Engine } from '../engine/engine.js';
import { createPseudonymiser, loadKey, type Pseudonymiser } from '../ids/pseudonymise.js';
import type { CheckResult, UnmappedCode } from './checks.js';
import { loadCatalogueTable } from './codes.js';
import { previousDq, storeDq } from './dq-store.js';
import { load } from './load.js';
import { ingestError } from './messages.js';
import { stopError, unidentifiedRows, type ImportSummary } from './outcome.js';
import { createIdMap, dropIdMap, PersonIds } from './persons.js';
import { plan, TARGET_ORDER, unchanged, type Plan } from './plan.js';
import { fileSizes, sourceBar, sourceWork } from './progress.js';
import { checkStaged, type StopAt } from './quality.js';
import { removeOnSignal } from './read.js';
import { writeReports, type DqReport, type SourceSummary } from './report.js';
import {
  IMPORT_MEMORY,
  openRawEngine,
  releaseRawEngine,
  removeStaged,
  settingBytes,
  stageSource,
  type StagedRows,
} from './stage.js';

export type { DqReport, SourceSummary } from './report.js';
export type { CheckResult, UnmappedCode } from './checks.js';
export { DataQualityStop, type ImportSummary, type Unidentified } from './outcome.js';

const DQ_SQL = new URL('../../sql/ingest/dq.sql', import.meta.url);

export interface ImportOptions {
  /** source ids to import (default: all) */
  sources?: string[];
  /** stage and check only; load nothing (`tvaerblik check`) */
  dryRun?: boolean;
  /** called at stages of each source; tests use it to kill an import mid-transaction */
  onStage?: (stage: 'staged' | 'loaded', sourceId: string) => void | Promise<void>;
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
  // Only pseudonymised rows reach the warehouse connection: it may spill them, within its memory limit.
  const limit = (await engine.one<{ m: string }>(`SELECT current_setting('memory_limit') AS m`)).m;
  let raw: Engine | undefined;
  let lowered = false;
  try {
    if (todo.length) {
      if (todo.some((p) => p.source.target === 'service')) await loadCatalogueTable(ws, engine);
      // lowered to the import's share, never raised (a warehouse opened with less keeps its limit)
      if (!(settingBytes(limit) <= settingBytes(IMPORT_MEMORY.warehouse))) {
        await engine.exec(`SET memory_limit = ${engine.dialect.literal(IMPORT_MEMORY.warehouse)}`);
        lowered = true;
      }
      raw = await openRawEngine();
      const rawEngine = raw;
      await engine
        .transaction(async (tx) => {
          await createIdMap(tx, rawEngine);
          const ids = new PersonIds(pseudonymise, config.country, rawEngine);
          let nextId = Number(
            (await tx.one<{ n: number }>('SELECT coalesce(max(import_id), 0) + 1 AS n FROM import_log')).n,
          );
          for (const [k, p] of todo.entries()) {
            // weighted by the files' bytes; the ids being pseudonymised or the running statement of either
            // engine fill the step under way
            const bar = sourceBar(
              out,
              `${p.source.id} ${k + 1}/${todo.length}`,
              sourceWork(fileSizes(p.files)),
              () => ids.progress() ?? rawEngine.progress?.() ?? tx.progress?.(),
            );
            let staged: StagedRows | undefined;
            try {
              ids.startSource();
              staged = await stageSource(ws, tx, rawEngine, p, tmpDir, lang, ids, bar.tick);
              const r = {
                ...(await checkStaged(ws, tx, p, staged, ids, bar.tick)),
                rowsFiltered: staged.rowsFiltered,
              };
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
                await load(tx, p, importId, r.reject, config.country, r.rowsRead, r.rowsRejected, ids);
                if (!dryRun) {
                  summary.import_id = importId;
                  summary.replaced_import_id = p.previous?.import_id ?? null;
                  await storeDq(tx, runId, importId, r.checks, r.unmapped);
                }
                await options.onStage?.('loaded', p.source.id);
              }
              summaries.push(summary);
              bar.tick();
            } finally {
              await removeStaged(tx, staged);
              bar.stop();
            }
          }
          // The raw ids leave with the raw engine's tables, before anything commits.
          raw = undefined;
          await releaseRawEngine(rawEngine);
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
    if (raw) await releaseRawEngine(raw).catch(() => {});
    keepOnSignal();
    rmSync(tmpDir, { recursive: true, force: true });
    if (lowered) await engine.exec(`SET memory_limit = ${engine.dialect.literal(limit)}`).catch(() => {});
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
  const unidentified = unidentifiedRows(checks, all);
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
