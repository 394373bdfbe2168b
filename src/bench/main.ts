/**
 * `npm run bench -- [--tier XS|S|M|L|XL] [--persons N]`: the end-to-end benchmark. Writes
 * bench/results/<tier>-<date>.json and prints a table. See docs/performance.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { toJson } from '../cli/output.js';
import { runBench, type BenchResult } from './harness.js';
import { postgresText } from './summary.js';

/** Tier sizes in inhabitants. S: the demo gives ≈15 % of inhabitants a municipal service, so 100,000 → ≈15,000 service users. */
export const TIERS: Record<string, number> = {
  XS: 2_000,
  S: 100_000,
  M: 300_000,
  L: 1_000_000,
  /** national scale at visit level: the XL generator (src/demo/xl.ts), ≈ 260 million rows */
  XL: 6_000_000,
};

export interface BenchArgs {
  tier: string;
  persons: number;
  seed: number;
  dir: string;
  results: string;
  keep: boolean;
  reuseDemo: boolean;
  trajectoryContacts: number;
  apiRequests: number;
  /** demo: the municipal demo (generateDemo); xl: the visit-level national generator (XL's default) */
  generator: 'demo' | 'xl';
  /** file format of the XL generator's extracts */
  format: 'csv' | 'parquet';
  /** the demo's country, and a series of several municipalities × years (docs/demo.md) */
  country: 'DK' | 'SE';
  municipalities: number;
  years: number;
  /** concurrent API clients */
  apiClients: number;
  /** also the import-and-cost path on PostgreSQL 15 (src/bench/postgres.ts) */
  postgres: boolean;
}

const USAGE = `usage: npm run bench -- [--tier XS|S|M|L|XL] [--persons N] [--seed S] [--dir WORKDIR]
                       [--results DIR] [--trajectory-contacts N] [--api-requests N] [--keep] [--reuse-demo]
                       [--generator demo|xl] [--format csv|parquet] [--country DK|SE]
                       [--municipalities N] [--years N] [--api-clients N] [--postgres]

  --generator   demo (the municipal demo; default) or xl (visit level, national; default of --tier XL)
  --format      the xl generator's extracts: csv (default) or parquet
  --country     the municipal demo's country: DK (default) or SE
  --municipalities, --years
                a demo series: N municipalities (DK 1–4, SE 1–5) × N years (1–5); default 1 × 1
  --api-clients concurrent API clients (default 20)
  --postgres    also import and cost on a throwaway PostgreSQL 15 (docs/performance.md)
  --keep        keep the generated workspace (in --dir) after the run
  --reuse-demo  reuse the extracts a kept run generated (same size and seed); implies --keep`;

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function parseBenchArgs(argv: string[]): BenchArgs {
  const opts = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--keep' || a === '--reuse-demo' || a === '--postgres' || a === '--help') flags.add(a);
    else if (a.startsWith('--') && i + 1 < argv.length) opts.set(a, argv[++i]!);
    else throw new Error(`Unknown argument "${a}"\n${USAGE}`);
  }
  if (flags.has('--help')) throw new Error(USAGE);
  const known = [
    '--tier',
    '--persons',
    '--seed',
    '--dir',
    '--results',
    '--trajectory-contacts',
    '--api-requests',
    '--generator',
    '--format',
    '--country',
    '--municipalities',
    '--years',
    '--api-clients',
  ];
  for (const k of opts.keys()) if (!known.includes(k)) throw new Error(`Unknown option "${k}"\n${USAGE}`);
  const whole = (key: string, min: number, fallback: number) => {
    const v = opts.get(key);
    if (v === undefined) return fallback;
    const n = Number(v.replace(/_/g, ''));
    if (!Number.isInteger(n) || n < min) throw new Error(`${key} needs a whole number ≥ ${min}, got "${v}"`);
    return n;
  };
  const tierArg = opts.get('--tier')?.toUpperCase();
  if (tierArg !== undefined && !(tierArg in TIERS))
    throw new Error(`Unknown tier "${opts.get('--tier')}": use ${Object.keys(TIERS).join(', ')}`);
  const persons = whole('--persons', 1000, TIERS[tierArg ?? 'S']!);
  const municipalities = whole('--municipalities', 1, 1);
  const years = whole('--years', 1, 1);
  const country = (opts.get('--country') ?? 'DK').toUpperCase();
  if (country !== 'DK' && country !== 'SE')
    throw new Error(`--country is DK or SE, got "${opts.get('--country')}"`);
  // a series is its own result file beside the tier's (e.g. L-SE5x3-2026-12-02.json)
  const shape =
    municipalities > 1 || years > 1 || country !== 'DK' ? `-${country}${municipalities}x${years}` : '';
  const tier = (tierArg ?? (opts.has('--persons') ? `P${persons}` : 'S')) + shape;
  const choice = (key: string, allowed: string[], fallback: string) => {
    const v = opts.get(key) ?? fallback;
    if (!allowed.includes(v)) throw new Error(`${key} is one of ${allowed.join(', ')}, got "${v}"`);
    return v;
  };
  const generator = choice('--generator', ['demo', 'xl'], tier === 'XL' ? 'xl' : 'demo') as 'demo' | 'xl';
  const format = choice('--format', ['csv', 'parquet'], 'csv') as 'csv' | 'parquet';
  return {
    tier,
    persons,
    seed: whole('--seed', 0, 2024),
    dir: path.resolve(opts.get('--dir') ?? path.join(os.tmpdir(), 'tvaerblik-bench', tier)),
    results: path.resolve(opts.get('--results') ?? path.join(ROOT, 'bench', 'results')),
    keep: flags.has('--keep') || flags.has('--reuse-demo'),
    reuseDemo: flags.has('--reuse-demo'),
    trajectoryContacts: whole('--trajectory-contacts', 0, tier === 'L' ? 5_000_000 : 0),
    apiRequests: whole('--api-requests', 20, 1000),
    generator,
    format,
    country,
    municipalities,
    years,
    apiClients: whole('--api-clients', 1, 20),
    postgres: flags.has('--postgres'),
  };
}

/** Write the result as <results>/<tier>-<YYYY-MM-DD>.json; returns the file. */
export function writeResult(result: BenchResult, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${result.tier}-${result.date.slice(0, 10)}.json`);
  writeFileSync(file, `${toJson(result)}\n`);
  return file;
}

const MiB = 2 ** 20;

/** The result as a plain-text table: one line per stage, then the floors, the API and the targets. */
export function formatResult(r: BenchResult): string {
  const lines = [
    `Tværblik benchmark, tier ${r.tier}: ${r.demo.persons.toLocaleString('en')} persons, ${r.data.serviceUsers?.toLocaleString('en')} service users, ${r.data.serviceRows?.toLocaleString('en')} service rows`,
    `${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.ramGiB} GiB, node ${r.machine.node}, DuckDB ${r.machine.duckdb}, load ${r.machine.loadAverageStart.join(' ')} → ${r.machine.loadAverageEnd.join(' ')}`,
    '',
    `${'stage'.padEnd(24)}${'seconds'.padStart(10)}${'rows'.padStart(14)}${'rows/s'.padStart(12)}${'peak RSS MiB'.padStart(14)}  slowest step`,
  ];
  for (const s of r.stages) {
    const top = s.error
      ? `FAILED: ${s.error.slice(0, 80)}`
      : s.steps[0]
        ? `${s.steps[0].seconds.toFixed(2)} s ${s.steps[0].step.slice(0, 60)}`
        : '';
    lines.push(
      `${s.stage.padEnd(24)}${s.seconds.toFixed(2).padStart(10)}${s.rows.toLocaleString('en').padStart(14)}${s.rowsPerSecond.toLocaleString('en').padStart(12)}${(s.peakRssBytes / MiB).toFixed(0).padStart(14)}  ${top}`,
    );
  }
  lines.push(
    '',
    `end to end (import → report): ${r.endToEndSeconds.toFixed(1)} s, peak RSS ${(r.endToEndPeakRssBytes / MiB).toFixed(0)} MiB`,
    `import / bare read: ${r.floors.importOverRead}×; costing / floor query: ${r.floors.costingOverFloor ?? '-'}×`,
  );
  if (r.api)
    lines.push(
      `API at ${r.api.clients} clients: uncached p50 ${r.api.uncached.p50Ms} ms, p95 ${r.api.uncached.p95Ms} ms; cached p50 ${r.api.cached.p50Ms} ms, p95 ${r.api.cached.p95Ms} ms`,
    );
  if (r.postgres) lines.push('', ...postgresText(r));
  lines.push('', 'targets:');
  for (const t of r.targets) {
    const verdict = t.met === null ? 'n/a ' : t.met ? 'MET ' : 'MISS';
    lines.push(`  [${verdict}] #${t.issue} ${t.target}: ${t.measured}${t.note ? ` (${t.note})` : ''}`);
  }
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  let args: BenchArgs;
  try {
    args = parseBenchArgs(argv);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 64;
  }
  const t0 = Date.now();
  const log = (line: string) =>
    process.stderr.write(`[bench ${((Date.now() - t0) / 1000).toFixed(0).padStart(5)} s] ${line}\n`);
  log(`tier ${args.tier}: ${args.persons} persons in ${args.dir}`);
  const result = await runBench({
    tier: args.tier,
    persons: args.persons,
    seed: args.seed,
    dir: args.dir,
    keep: args.keep,
    reuseDemo: args.reuseDemo,
    trajectoryContacts: args.trajectoryContacts,
    apiRequests: args.apiRequests,
    generator: args.generator,
    format: args.format,
    country: args.country,
    municipalities: args.municipalities,
    years: args.years,
    apiClients: args.apiClients,
    postgres: args.postgres,
    log,
  });
  const file = writeResult(result, args.results);
  process.stdout.write(`${formatResult(result)}\n\nwritten: ${path.relative(process.cwd(), file)}\n`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  process.exitCode = await main(process.argv.slice(2));
