/**
 * Markdown tables for docs/performance.md from benchmark results:
 * `node dist/bench/summary.js bench/results/S-….json bench/results/M-….json …`.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { BenchResult } from './harness.js';

const MiB = 2 ** 20;
const n = (x: number | undefined) => (x === undefined ? '–' : x.toLocaleString('en'));
const s = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '–' : x.toFixed(1));

/** One column per result: the data sizes, each stage's seconds and peak RSS, the floors, the API. */
export function markdownSummary(results: BenchResult[]): string {
  const head = `| | ${results.map((r) => `${r.tier} (${r.date.slice(0, 10)}, load ${r.machine.loadAverageStart[0]})`).join(' | ')} |`;
  const rule = `|---|${results.map(() => '---:').join('|')}|`;
  const row = (label: string, f: (r: BenchResult) => string) =>
    `| ${label} | ${results.map(f).join(' | ')} |`;
  const stage = (r: BenchResult, name: string) => r.stages.find((x) => x.stage === name);
  const cell = (r: BenchResult, name: string) => {
    const st = stage(r, name);
    if (!st) return '–';
    if (st.error) return `failed (${s(st.seconds)} s)`;
    return `${s(st.seconds)} s (cpu ${s(st.cpuSeconds)}) · ${n(st.rowsPerSecond)}/s · ${(st.peakRssBytes / MiB).toFixed(0)} MiB`;
  };
  const lines = [
    head,
    rule,
    row('persons', (r) => n(r.demo.persons)),
    row('service users', (r) => n(r.data.serviceUsers)),
    row('service rows', (r) => n(r.data.serviceRows)),
    row('hospital contacts', (r) => n(r.data.hospitalContacts)),
    row('GP contacts', (r) => n(r.data.gpContacts)),
    row('rows in all extracts', (r) => n(r.floors.read?.rows)),
    row('cost_person rows', (r) => n(r.data.costPersonRows)),
    row('warehouse size', (r) => `${((r.data.warehouseBytes ?? 0) / MiB).toFixed(0)} MiB`),
    row('load average at start (1 min)', (r) => String(r.machine.loadAverageStart[0])),
  ];
  for (const name of [
    'generate',
    'floor_read',
    'import',
    'costing',
    'floor_cost',
    'trajectories',
    'analyses',
    'report',
    'api',
  ])
    lines.push(row(`**${name}** (wall s (cpu s) · rows/s · peak RSS)`, (r) => cell(r, name)));
  lines.push(
    row('**end to end** import → report (wall s (cpu s) · peak RSS)', (r) => {
      const cpu = r.stages
        .filter((x) => ['import', 'costing', 'trajectories', 'analyses', 'report'].includes(x.stage))
        .reduce((a, x) => a + x.cpuSeconds, 0);
      return `${s(r.endToEndSeconds)} s (cpu ${s(cpu)}) · ${(r.endToEndPeakRssBytes / MiB).toFixed(0)} MiB`;
    }),
    row('import ÷ bare read', (r) =>
      r.floors.importOverRead === null ? '–' : `${r.floors.importOverRead.toFixed(1)}×`,
    ),
    row('costing ÷ floor query', (r) =>
      r.floors.costingOverFloor === null ? '–' : `${r.floors.costingOverFloor.toFixed(1)}×`,
    ),
    row('API p50 / p95 uncached', (r) =>
      r.api ? `${r.api.uncached.p50Ms} / ${r.api.uncached.p95Ms} ms (${r.api.clients} clients)` : '–',
    ),
    row('API p50 / p95 cached', (r) =>
      r.api ? `${r.api.cached.p50Ms} / ${r.api.cached.p95Ms} ms (${r.api.clients} clients)` : '–',
    ),
    row('trajectories, synthetic contacts', (r) =>
      r.trajectoriesAtScale
        ? `${n(r.trajectoriesAtScale.contacts)} in ${s(r.trajectoriesAtScale.seconds)} s`
        : '–',
    ),
  );
  return lines.join('\n');
}

/** The targets of one result as a markdown table. */
export function markdownTargets(r: BenchResult): string {
  const verdict = (m: boolean | null) => (m === null ? 'n/a at this tier' : m ? '**met**' : '**missed**');
  return [
    `| issue | target | measured (${r.tier}) | verdict |`,
    '|---|---|---|---|',
    ...r.targets.map(
      (t) =>
        `| #${t.issue} | ${t.target} | ${t.measured}${t.note ? ` (${t.note})` : ''} | ${verdict(t.met)} |`,
    ),
  ].join('\n');
}

/** DuckDB's stage beside PostgreSQL's, for the bare read, the import and the cost floor. */
const PAIRS: [string, string, string][] = [
  ['bare read', 'floor_read', 'pg_read'],
  ['import', 'import', 'pg_import'],
  ['cost floor', 'floor_cost', 'pg_cost'],
];

interface Pair {
  label: string;
  duck: { seconds: number; cpu: number; rate: number } | null;
  pg: { seconds: number; cpu: number; server: number | null; rate: number; error?: string } | null;
}

function pairs(r: BenchResult): Pair[] {
  return PAIRS.map(([label, d, p]) => {
    const ds = r.stages.find((x) => x.stage === d && !x.error);
    const ps = r.postgres?.stages.find((x) => x.stage === p);
    return {
      label,
      duck: ds ? { seconds: ds.seconds, cpu: ds.cpuSeconds, rate: ds.rowsPerSecond } : null,
      pg: ps
        ? {
            seconds: ps.seconds,
            cpu: ps.cpuSeconds,
            server: ps.serverCpuSeconds,
            rate: ps.rowsPerSecond,
            ...(ps.error ? { error: ps.error } : {}),
          }
        : null,
    };
  });
}

const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || b <= 0 ? '–' : `${(a / b).toFixed(1)}×`;

function floorCheck(r: BenchResult): string {
  const pg = r.postgres;
  if (!pg?.floor) return 'cost floor total: –';
  const same = pg.checks.floorTotalEqual;
  const duck = r.floors.cost?.totalMinor ?? '–';
  return `cost floor total (minor units): DuckDB ${duck}, PostgreSQL ${pg.floor.totalMinor} — ${same === null ? 'not compared' : same ? 'equal' : 'DIFFERENT'}`;
}

/** The Parquet → CSV conversion done for PostgreSQL before its stages (in none of them), or null. */
function conversionLine(r: BenchResult): string | null {
  const c = r.postgres?.conversion;
  if (!c) return null;
  return `Parquet → CSV for PostgreSQL, by DuckDB before the stages and counted in none: ${c.files} files, ${n(c.rows)} rows, ${s(c.seconds)} s (CPU ${c.cpuSeconds.toFixed(2)} s), ${(c.csvBytes / MiB).toFixed(0)} MiB of CSV`;
}

/** The PostgreSQL comparison of one result as plain-text lines (main.ts prints them). */
export function postgresText(r: BenchResult): string[] {
  const pg = r.postgres;
  if (!pg) return [];
  if (pg.error && pg.stages.length === 0) return [`PostgreSQL comparison: FAILED: ${pg.error}`];
  const lines = [
    `PostgreSQL ${pg.version} (tuned: docs/performance.md), the same files:`,
    `${'stage'.padEnd(14)}${'DuckDB s (cpu)'.padStart(18)}${'rows/s'.padStart(12)}${'PostgreSQL s (cpu)'.padStart(22)}${'rows/s'.padStart(12)}${'PG ÷ DuckDB'.padStart(13)}`,
  ];
  for (const p of pairs(r)) {
    const d = p.duck ? `${p.duck.seconds.toFixed(2)} (${p.duck.cpu.toFixed(2)})` : '–';
    const g = p.pg?.error
      ? `FAILED: ${p.pg.error.slice(0, 60)}`
      : p.pg
        ? `${p.pg.seconds.toFixed(2)} (${p.pg.cpu.toFixed(2)})`
        : '–';
    lines.push(
      `${p.label.padEnd(14)}${d.padStart(18)}${n(p.duck?.rate).padStart(12)}${g.padStart(22)}${n(p.pg?.error ? undefined : p.pg?.rate).padStart(12)}${ratio(p.pg?.error ? undefined : p.pg?.seconds, p.duck?.seconds).padStart(13)}`,
    );
  }
  const tables = Object.entries(pg.checks.tablesEqual);
  lines.push(
    floorCheck(r),
    `rows per table equal to DuckDB's: ${tables.length ? tables.map(([t, ok]) => `${t} ${ok ? 'yes' : 'NO'}`).join(', ') : '–'}`,
  );
  const conv = conversionLine(r);
  if (conv) lines.push(conv);
  return lines;
}

/**
 * The PostgreSQL comparison as a markdown table (one row per result and stage, then each engine's import
 * over its own bare read), and under it whether each result's answers were the same.
 */
export function markdownPostgres(results: BenchResult[]): string {
  const s2 = (x: number | null | undefined) => (x === null || x === undefined ? '–' : x.toFixed(2));
  const lines = [
    '| result | stage | DuckDB: wall s (CPU s) · rows/s | PostgreSQL: wall s (CPU s: server + client) · rows/s | PostgreSQL ÷ DuckDB, wall / CPU |',
    '|---|---|---:|---:|---:|',
  ];
  const checks: string[] = [];
  for (const r of results) {
    if (!r.postgres) continue;
    const head = `${r.tier} (${r.date.slice(0, 10)}, load ${r.machine.loadAverageStart[0]})`;
    const ps = pairs(r);
    for (const p of ps) {
      const d = p.duck ? `${s(p.duck.seconds)} (${s2(p.duck.cpu)}) · ${n(p.duck.rate)}/s` : '–';
      const g = p.pg?.error
        ? `failed: ${p.pg.error.slice(0, 80)}`
        : p.pg
          ? `${s(p.pg.seconds)} (${s2(p.pg.server)} + ${s2(p.pg.cpu - (p.pg.server ?? 0))}) · ${n(p.pg.rate)}/s`
          : '–';
      const ok = p.pg && !p.pg.error;
      lines.push(
        `| ${head} | ${p.label} | ${d} | ${g} | ${ok ? `${ratio(p.pg!.seconds, p.duck?.seconds)} / ${ratio(p.pg!.cpu, p.duck?.cpu)}` : '–'} |`,
      );
    }
    const [read, imp] = ps;
    const own = (a?: { seconds: number; cpu: number }, b?: { seconds: number; cpu: number }) =>
      a && b ? `${ratio(a.seconds, b.seconds)} / ${ratio(a.cpu, b.cpu)}` : '–';
    lines.push(
      `| ${head} | import ÷ own bare read, wall / CPU | ${own(imp?.duck ?? undefined, read?.duck ?? undefined)} | ${own(imp?.pg?.error ? undefined : (imp?.pg ?? undefined), read?.pg?.error ? undefined : (read?.pg ?? undefined))} | |`,
    );
    const tables = Object.entries(r.postgres.checks.tablesEqual);
    const conv = conversionLine(r);
    checks.push(
      `- ${head}: ${floorCheck(r)}; rows per table equal to DuckDB's: ${tables.length ? tables.map(([t, ok]) => `${t} ${ok ? 'yes' : 'NO'}`).join(', ') : '–'}${conv ? `; ${conv}` : ''}`,
    );
  }
  return [...lines, '', ...checks].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = process.argv.slice(2).map((f) => JSON.parse(readFileSync(f, 'utf8')) as BenchResult);
  process.stdout.write(`${markdownSummary(results)}\n\n`);
  if (results.some((r) => r.postgres)) process.stdout.write(`${markdownPostgres(results)}\n\n`);
  for (const r of results) process.stdout.write(`${markdownTargets(r)}\n\n`);
}
