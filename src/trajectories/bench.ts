/**
 * Benchmark: stays, readmissions and KMF for N synthetic hospital contacts (default 5 million),
 * generated inside DuckDB with generate_series. Run: `npx tsx src/trajectories/bench.ts [N] [--all]`.
 * Target (issue 6): 5 million contacts in ≤ 20 s.
 */
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { createOutput } from '../cli/output.js';
import { parseConfig, type Workspace } from '../config/workspace.js';
import type { Engine } from '../engine/engine.js';
import { openMemoryWarehouse } from '../model/warehouse.js';
import { runTrajectories, type TrajectoriesSummary } from './index.js';

export const BENCH_CONFIG = `
country: DK
currency: DKK
municipalities: ['851', '849', '860']
periods:
  - { id: '2024', from: '2024-01-01', to: '2024-12-31' }
  - { id: '2025', from: '2025-01-01', to: '2025-12-31' }
pseudonymisation: { key_env: TVAERBLIK_KEY }
catalogue: dk
trajectories:
  clusters: { Nord: ['851', '849'] }
`;

/** Fill hospital_contact (and person) with `n` contacts of n/5 persons: 5 contacts each, weeks apart. */
export async function generateContacts(engine: Engine, n: number): Promise<void> {
  const persons = Math.max(1, Math.floor(n / 5));
  await engine.exec(`INSERT INTO person
    SELECT i + 1, 'p' || i, 1925 + CAST(i % 95 AS INTEGER), 1 + CAST(i % 12 AS INTEGER), CASE WHEN i % 2 = 0 THEN 'F' ELSE 'M' END,
           'DK', 'cpr', NULL
    FROM generate_series(0, ${persons - 1}) t(i)`);
  // contact k of a person falls 0-69 days after the person's k-th 70-day slot; 0-119 hours long
  await engine.exec(`INSERT INTO hospital_contact
    SELECT 1, i, 'c' || i, i % ${persons} + 1, 'Region Nordjylland',
           CASE i % 3 WHEN 0 THEN '851' WHEN 1 THEN '849' ELSE '860' END,
           'H' || (i % 7), NULL, (h % 3) <> 0, (h % 10) = 0, admit,
           admit + to_hours(CAST(h % 120 AS BIGINT)),
           CASE h % 13 WHEN 0 THEN 'DC509' WHEN 1 THEN 'DS720' ELSE 'DJ441' END,
           CASE WHEN h % 97 = 0 THEN 'dead' WHEN h % 11 = 0 THEN 'transfer' ELSE 'home' END,
           'DRG', 50000 + CAST(h % 5000000 AS BIGINT), NULL
    FROM (
      SELECT i, hash(i) AS h,
             TIMESTAMP '2024-01-01 00:00:00' + to_days(CAST((i // ${persons}) * 70 + hash(i * 7) % 70 AS INTEGER))
               + to_hours(CAST(hash(i * 13) % 24 AS BIGINT)) AS admit
      FROM generate_series(0, ${n - 1}) t(i)
    )`);
}

export async function benchTrajectories(
  n: number,
  all = false,
): Promise<{
  n: number;
  generateSeconds: number;
  runSeconds: number;
  cpuSeconds: number;
  summary: TrajectoriesSummary;
}> {
  const engine = await openMemoryWarehouse();
  try {
    const config = parseConfig(BENCH_CONFIG);
    const ws: Workspace = { dir: '.', configPath: 'bench.yaml', config, resolve: (p) => p };
    const t0 = performance.now();
    await generateContacts(engine, n);
    const t1 = performance.now();
    const cpu0 = process.cpuUsage();
    const out = createOutput({ json: true, lang: 'en', stdout: () => {}, stderr: () => {}, isTTY: false });
    const summary = await runTrajectories(ws, engine, out, all ? {} : { until: 'kmf' });
    const t2 = performance.now();
    const cpu = process.cpuUsage(cpu0);
    // DuckDB's threads run in this process, so process CPU time is the engine's work too
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    return { n, generateSeconds: (t1 - t0) / 1000, runSeconds: (t2 - t1) / 1000, cpuSeconds, summary };
  } finally {
    await engine.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const n = Number(process.argv[2] ?? 5_000_000);
  const all = process.argv.includes('--all');
  const r = await benchTrajectories(n, all);
  const s = r.summary;
  console.log(
    JSON.stringify(
      {
        contacts: r.n,
        cpus: os.cpus().length,
        generate_s: Math.round(r.generateSeconds * 100) / 100,
        trajectories_s: Math.round(r.runSeconds * 100) / 100,
        trajectories_cpu_s: Math.round(r.cpuSeconds * 100) / 100,
        load_average: os.loadavg().map((x) => Math.round(x * 10) / 10),
        steps_s: s.seconds,
        target_s: 20,
        stays: s.stays,
        admissions: s.admissions,
        readmission_rate_pct: s.readmission?.rate_pct,
        kmf_total_kr: s.kmf ? (s.kmf.total_minor / 100n).toString() : undefined,
      },
      null,
      2,
    ),
  );
}
