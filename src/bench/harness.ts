/**
 * The benchmark run: generate the demo, then every stage in the order `tvaerblik run` uses, in one
 * process, each timed with its rows per second, peak RSS and slowest SQL steps; the floors in the same
 * run; the API under 20 concurrent clients last.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runAnalyses } from '../analysis/index.js';
import { createOutput, toJson } from '../cli/output.js';
import { openWorkspace, type Workspace } from '../config/workspace.js';
import { runCosting } from '../costing/index.js';
import { generateDemo, type DemoSummary } from '../demo/generate.js';
import { generateXl, writeXlLedger } from '../demo/xl.js';
import type { Engine } from '../engine/engine.js';
import { importSources } from '../ingest/index.js';
import { openWarehouse } from '../model/warehouse.js';
import { writeReport } from '../report/index.js';
import { startServer } from '../serve/server.js';
import { runTrajectories } from '../trajectories/index.js';
import { measureApi, type ApiFigures } from './api.js';
import { bareRead, costFloor, type CostFloor, type ReadFloor } from './floor.js';
import { RssSampler } from './memory.js';
import { runPostgresComparison, type PostgresComparison } from './postgres.js';
import { ProfilingEngine, type StepTiming } from './profile.js';
import { evaluateTargets, type TargetResult } from './targets.js';

export interface BenchOptions {
  tier: string;
  persons: number;
  country?: 'DK' | 'SE';
  /** a demo series (docs/demo.md): municipalities × consecutive years; default 1 × 1 */
  municipalities?: number;
  years?: number;
  seed?: number;
  /** work folder; the demo workspace is written to <dir>/workspace (emptied first) */
  dir: string;
  /** concurrent API clients and requests per API pass */
  apiClients?: number;
  apiRequests?: number;
  /** also run the trajectories stage benchmark on this many synthetic hospital contacts (0: no) */
  trajectoryContacts?: number;
  /** keep the workspace after the run (default: removed, it can be gigabytes) */
  keep?: boolean;
  /**
   * reuse the demo extracts a kept earlier run generated with the same persons and seed (the warehouse
   * and reports are removed first); the generate stage is then not measured
   */
  reuseDemo?: boolean;
  /** demo (default): the municipal demo; xl: the visit-level national generator (src/demo/xl.ts) */
  generator?: 'demo' | 'xl';
  /** file format of the xl generator's extracts (default csv) */
  format?: 'csv' | 'parquet';
  /** also run the import-and-cost path on a throwaway PostgreSQL 15 (postgres.ts) */
  postgres?: boolean;
  /** a line of progress (stage started / finished) */
  log?: (line: string) => void;
}

export interface StageResult {
  stage: string;
  seconds: number;
  /** the rows the stage works through (see `rowsOf`) */
  rows: number;
  rowsOf: string;
  rowsPerSecond: number;
  peakRssBytes: number;
  rssSamples: number;
  /** DuckDB's own accounting right after the stage (duckdb_memory()); null when unavailable */
  duckdbMemoryBytes: number | null;
  duckdbTempBytes: number | null;
  /** CPU time of the process (all threads, user + system): against `seconds` it shows how busy the machine was */
  cpuSeconds: number;
  /** time inside engine calls (SQL, appends); the rest of `seconds` is JS outside the engine */
  engineSeconds: number;
  /** slowest engine calls of the stage */
  steps: StepTiming[];
  /** the stage failed: its message (the run goes on with the next stage) */
  error?: string;
}

export interface BenchResult {
  tier: string;
  date: string;
  machine: {
    cpu: string;
    cores: number;
    ramGiB: number;
    platform: string;
    node: string;
    duckdb: string;
    loadAverageStart: number[];
    loadAverageEnd: number[];
  };
  demo: { country: string; persons: number; seed: number; files: DemoSummary['files']; reused: boolean };
  data: Record<string, number>;
  stages: StageResult[];
  /** import → costing → trajectories → analyses → report, as `tvaerblik run` does */
  endToEndSeconds: number;
  endToEndPeakRssBytes: number;
  floors: {
    read: ReadFloor | null;
    importOverRead: number | null;
    cost: CostFloor | null;
    costingOverFloor: number | null;
  };
  api: ApiFigures | null;
  /** `--postgres`: the same import and cost floor on PostgreSQL 15, beside floor_read, import and floor_cost */
  postgres?: PostgresComparison;
  trajectoriesAtScale: { contacts: number; seconds: number; stays: number } | null;
  warnings: number;
  targets: TargetResult[];
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const log = options.log ?? (() => {});
  const country = options.country ?? 'DK';
  const seed = options.seed ?? 2024;
  const wsDir = path.join(path.resolve(options.dir), 'workspace');
  const demoFile = path.join(path.resolve(options.dir), 'demo-summary.json');
  let reused: DemoSummary | null = null;
  if (options.reuseDemo && existsSync(demoFile)) {
    const d = JSON.parse(readFileSync(demoFile, 'utf8')) as DemoSummary;
    const xl = d.municipality === 'XL';
    const parts = d.series?.length ?? 1;
    if (
      d.persons === options.persons &&
      parts === (options.municipalities ?? 1) * (options.years ?? 1) &&
      d.seed === seed &&
      d.country === country &&
      xl === (options.generator === 'xl') &&
      (!xl || d.files.some((f) => f.file.endsWith('.parquet')) === (options.format === 'parquet'))
    )
      reused = d;
  }
  if (reused) {
    for (const f of ['warehouse', 'reports']) rmSync(path.join(wsDir, f), { recursive: true, force: true });
    if (reused.municipality === 'XL') reused = addXlLedger(wsDir, reused);
  } else {
    rmSync(wsDir, { recursive: true, force: true });
    rmSync(demoFile, { force: true });
  }
  mkdirSync(path.dirname(wsDir), { recursive: true });
  const loadAverageStart = os.loadavg().map((x) => Math.round(x * 100) / 100);
  let warnings = 0;
  const out = createOutput({
    json: true,
    lang: 'en',
    stdout: () => {},
    stderr: () => void warnings++,
    isTTY: false,
  });
  const sampler = new RssSampler(50);
  const stages: StageResult[] = [];
  let engine: ProfilingEngine | null = null;

  /** Time one stage: wall clock, peak RSS, DuckDB memory after it, slowest SQL steps. */
  async function stage<T>(
    name: string,
    rowsOf: string,
    fn: () => Promise<T>,
    rows: (r: T) => Promise<number> | number,
  ): Promise<T | undefined> {
    log(`${name} …`);
    engine?.take(); // steps of the previous stage's bookkeeping are not this stage's
    sampler.reset();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let result: T | undefined;
    let error: string | undefined;
    try {
      result = await fn();
    } catch (e) {
      // A failed stage is recorded and the run goes on: the other stages' figures still count.
      error = (e as Error).message.split('\n')[0]!.slice(0, 300);
      log(`${name} FAILED: ${error}`);
    }
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const peak = sampler.read();
    const { steps, engineSeconds } = engine ? engine.take() : { steps: [], engineSeconds: 0 };
    const n = result === undefined ? 0 : await rows(result);
    const mem = engine ? await duckdbMemory(engine) : { bytes: null, temp: null };
    stages.push({
      stage: name,
      seconds: r3(seconds),
      rows: n,
      rowsOf,
      rowsPerSecond: Math.round(n / Math.max(seconds, 1e-6)),
      peakRssBytes: peak.peakBytes,
      rssSamples: peak.samples,
      cpuSeconds: r3((cpu.user + cpu.system) / 1e6),
      engineSeconds,
      duckdbMemoryBytes: mem.bytes,
      duckdbTempBytes: mem.temp,
      steps,
      ...(error ? { error } : {}),
    });
    log(`${name}: ${r3(seconds)} s, ${n} ${rowsOf}, peak RSS ${(peak.peakBytes / 2 ** 20).toFixed(0)} MiB`);
    return result;
  }

  try {
    const demo =
      reused ??
      (await stage(
        'generate',
        'rows written',
        () =>
          options.generator === 'xl'
            ? generateXlDemo(options.persons, seed, wsDir, options.format ?? 'csv', log)
            : generateDemo({
                country,
                persons: options.persons,
                seed,
                out: wsDir,
                municipalities: options.municipalities ?? 1,
                years: options.years ?? 1,
              }),
        (s) => s.files.reduce((a, f) => a + f.rows, 0),
      ));
    if (!demo) throw new Error(`The demo could not be generated: ${stages[0]?.error ?? ''}`);
    if (!reused || reused.municipality === 'XL') writeFileSync(demoFile, toJson(demo));
    const ws: Workspace = openWorkspace(wsDir);
    engine = new ProfilingEngine(await openWarehouse(ws));
    const e: Engine = engine;
    const count = async (sql: string) => Number((await e.one<{ n: bigint }>(sql)).n);
    const read =
      (await stage(
        'floor_read',
        'rows read',
        () => bareRead(ws, e),
        (r) => r.rows,
      )) ?? null;
    await stage(
      'import',
      'rows read',
      () => importSources(ws, e, out),
      () => read?.rows ?? 0,
    );
    const serviceRows = await count('SELECT count(*) AS n FROM service');
    await stage(
      'costing',
      'service rows',
      () => runCosting(ws, e, out),
      () => serviceRows,
    );
    const floorCost =
      (await stage(
        'floor_cost',
        'service rows',
        () => costFloor(ws, e),
        () => serviceRows,
      )) ?? null;
    const contacts = await count('SELECT count(*) AS n FROM hospital_contact');
    await stage(
      'trajectories',
      'hospital contacts',
      () => runTrajectories(ws, e, out),
      () => contacts,
    );
    const costRows = await count('SELECT count(*) AS n FROM cost_person');
    await stage(
      'analyses',
      'cost_person rows',
      () => runAnalyses(ws, e, out),
      () => costRows,
    );
    await stage(
      'report',
      'cost_person rows',
      () => writeReport(ws, e, out, { lang: 'da' }),
      () => costRows,
    );
    const data: Record<string, number> = {
      persons: await count('SELECT count(*) AS n FROM person'),
      serviceRows,
      serviceUsers: await count('SELECT count(DISTINCT person_key) AS n FROM service'),
      hospitalContacts: contacts,
      gpContacts: await count('SELECT count(*) AS n FROM gp_contact'),
      ledgerLines: await count('SELECT count(*) AS n FROM ledger'),
      costPersonRows: costRows,
      costPersons: await count('SELECT count(DISTINCT person_key) AS n FROM cost_person'),
    };
    await engine.close();
    engine = null;
    const warehouse = ws.resolve(ws.config.warehouse);
    data.warehouseBytes = statSync(warehouse).size;
    data.inputBytes = demo.files.reduce((a, f) => a + fileSize(ws.resolve(f.file)), 0);
    const postgres = options.postgres
      ? await runPostgresComparison(
          ws,
          {
            floorTotalMinor: floorCost?.totalMinor ?? null,
            tables: {
              service: serviceRows,
              ledger: data.ledgerLines!,
              hospital_contact: contacts,
              gp_contact: data.gpContacts!,
              person: data.persons!,
            },
          },
          { log },
        )
      : undefined;

    const api =
      (await stage(
        'api',
        'requests',
        async () => {
          const server = await startServer({
            warehouse,
            config: ws.config,
            threshold: ws.config.suppression.threshold,
            port: 0,
            recheckMs: 3_600_000,
            log: () => void warnings++,
          });
          try {
            return await measureApi(server.url, options.apiClients ?? 20, options.apiRequests ?? 1000);
          } finally {
            await server.close();
          }
        },
        (a) => a.uncached.requests + a.cached.requests,
      )) ?? null;

    let trajectoriesAtScale: BenchResult['trajectoriesAtScale'] = null;
    if (options.trajectoryContacts) {
      const { benchTrajectories } = await import('../trajectories/bench.js');
      const n = options.trajectoryContacts;
      const r = await stage(
        'trajectories_synthetic',
        'hospital contacts',
        () => benchTrajectories(n),
        () => n,
      );
      if (r) trajectoriesAtScale = { contacts: n, seconds: r3(r.runSeconds), stays: r.summary.stays };
    }

    const pipeline = stages.filter((s) =>
      ['import', 'costing', 'trajectories', 'analyses', 'report'].includes(s.stage),
    );
    const seconds = (n: string) => stages.find((s) => s.stage === n && !s.error)?.seconds ?? NaN;
    const result: BenchResult = {
      tier: options.tier,
      date: new Date().toISOString(),
      machine: {
        ...machine(),
        duckdb: await duckdbVersion(),
        loadAverageStart,
        loadAverageEnd: os.loadavg().map((x) => Math.round(x * 100) / 100),
      },
      demo: { country, persons: options.persons, seed, files: demo.files, reused: reused !== null },
      data,
      stages,
      endToEndSeconds: r3(pipeline.reduce((a, s) => a + s.seconds, 0)),
      endToEndPeakRssBytes: Math.max(...pipeline.map((s) => s.peakRssBytes)),
      floors: {
        read,
        importOverRead: read ? r3(seconds('import') / Math.max(read.seconds, 1e-3)) : null,
        cost: floorCost,
        costingOverFloor: floorCost ? r3(seconds('costing') / Math.max(floorCost.seconds, 1e-3)) : null,
      },
      api,
      ...(postgres ? { postgres } : {}),
      trajectoriesAtScale,
      warnings,
      targets: [],
    };
    result.targets = evaluateTargets(result);
    return result;
  } finally {
    if (engine) await engine.close();
    await sampler.stop();
    if (!options.keep) {
      rmSync(wsDir, { recursive: true, force: true });
      rmSync(demoFile, { force: true });
    }
  }
}

/**
 * A kept XL workspace gets the ledger, translation table and config of the current generator, derived
 * from its summary's row counts (src/demo/xl.ts, `writeXlLedger`); its extracts are not touched, so a
 * workspace generated before the ledger existed is reused as it is. Idempotent.
 */
export function addXlLedger(wsDir: string, demo: DemoSummary): DemoSummary {
  const extracts = demo.files.filter((f) => !/(^|\/)finans-\d{4}\.csv$/.test(f.file));
  const ledger = writeXlLedger(wsDir, {
    persons: demo.persons,
    seed: demo.seed,
    year: Number(demo.period),
    format: extracts.some((f) => f.file.endsWith('.parquet')) ? 'parquet' : 'csv',
    files: extracts,
  });
  return { ...demo, files: [...extracts, ledger] };
}

/** The XL generator's workspace, summarised as the demo's (no flaws, no calibration: none are planted). */
async function generateXlDemo(
  persons: number,
  seed: number,
  out: string,
  format: 'csv' | 'parquet',
  log: (line: string) => void,
): Promise<DemoSummary> {
  const x = await generateXl({
    persons,
    seed,
    out,
    format,
    onProgress: (done, total) =>
      log(`generate: ${done.toLocaleString('en')} of ${total.toLocaleString('en')} persons`),
  });
  return {
    dir: x.dir,
    country: 'DK',
    municipality: 'XL',
    persons: x.persons,
    seed: x.seed,
    period: x.period,
    files: x.files,
    flaws: [],
    kmfDeviations: [],
    // the XL generator is not calibrated against the demo's statistics: nothing to report here
    calibration: {} as DemoSummary['calibration'],
    unitCosts: {},
  };
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

async function duckdbMemory(engine: Engine): Promise<{ bytes: number | null; temp: number | null }> {
  try {
    const r = await engine.one<{ b: bigint | null; t: bigint | null }>(
      'SELECT sum(memory_usage_bytes)::BIGINT AS b, sum(temporary_storage_bytes)::BIGINT AS t FROM duckdb_memory()',
    );
    return { bytes: r.b === null ? null : Number(r.b), temp: r.t === null ? null : Number(r.t) };
  } catch {
    return { bytes: null, temp: null };
  }
}

async function duckdbVersion(): Promise<string> {
  const { openDuckDB } = await import('../engine/duckdb.js');
  const e = await openDuckDB({ file: ':memory:' });
  try {
    return String((await e.one<{ v: string }>('SELECT version() AS v')).v);
  } finally {
    await e.close();
  }
}

export function machine(): { cpu: string; cores: number; ramGiB: number; platform: string; node: string } {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    ramGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}
