/**
 * Costing benchmark: synthetic canonical tables built in DuckDB (generate_series), then runCosting and a
 * single hand-written "floor" query costing the same persons, timed in the same run.
 *
 *   npx tsx src/costing/bench.ts --persons 1000000 --rows 50000000 [--db /tmp/cost-bench.duckdb] [--memory 3.5GB]
 *
 * The data are built once into --db (kept between runs); the costing is then run on a fresh connection.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createOutput } from '../cli/output.js';
import { parseConfig, type Workspace } from '../config/workspace.js';
import { openDuckDB } from '../engine/duckdb.js';
import type { Engine } from '../engine/engine.js';
import { createSchema } from '../model/warehouse.js';
import { runCosting } from './index.js';

/** Interventions of the synthetic municipality: code, unit, activity code in the ledger. */
const CODES = [
  ['SEL-83-PP', 'hour_granted'],
  ['SEL-83-PH', 'hour_granted'],
  ['SEL-83-MAD', 'portion'],
  ['SEL-84-2', 'day'],
  ['SEL-86-1', 'visit'],
  ['SEL-85', 'hour_granted'],
  ['SEL-96', 'hour_granted'],
  ['SEL-103', 'day'],
  ['SEL-104', 'day'],
  ['SEL-107', 'day'],
  ['SEL-108', 'day'],
  ['AEL-47', 'day'],
] as const;

const MUNICIPALITIES = 10;

export async function build(engine: Engine, persons: number, rows: number): Promise<void> {
  await createSchema(engine);
  const codes = CODES.map(([c, u], i) => `(${i}, '${c}', '${u}', 'A${String(i).padStart(2, '0')}')`).join(
    ', ',
  );
  await engine.exec(
    `CREATE TABLE bench_code AS SELECT * FROM (VALUES ${codes}) t(idx, code, unit, activity)`,
  );
  // each person has three interventions; 2 % of rows are open activities without a person
  await engine.exec(`
    INSERT INTO service
    SELECT 1, i, CASE WHEN i % 50 = 7 THEN NULL ELSE i % ${persons} + 1 END,
           'bench', '2024', (100 + (i % ${persons}) % ${MUNICIPALITIES})::VARCHAR,
           CASE WHEN c.unit = 'day' THEN 'Social' ELSE 'Ældre og Handicap' END, 'municipal', NULL, c.code, NULL,
           CASE WHEN c.idx = 0 AND i % 10 = 3 THEN 'external' ELSE 'own' END, NULL,
           DATE '2024-01-01' + ((i * 7919) % 366)::INTEGER,
           DATE '2024-01-01' + ((i * 7919) % 366)::INTEGER + (i % 28)::INTEGER,
           ((i % 160) / 4 + 0.25)::DECIMAL(18, 4), c.unit, NULL
    FROM range(${rows}) r(i)
    JOIN bench_code c ON c.idx = ((i % ${persons}) % 12 + (i // ${persons}) % 3) % 12`);
  const lines = Math.max(15_000, Math.min(rows, 1_000_000));
  // 12 intervention activities, ADM, BYG (pools) and FEE (user fees, excluded)
  await engine.exec(`
    INSERT INTO ledger
    SELECT 2, i, '2024', (100 + i % ${MUNICIPALITIES})::VARCHAR,
           CASE WHEN (i // ${MUNICIPALITIES}) % 15 = 14 THEN '8800' ELSE (5000 + i % 400)::VARCHAR END,
           CASE (i // ${MUNICIPALITIES}) % 15 WHEN 12 THEN 'ADM' WHEN 13 THEN 'BYG' WHEN 14 THEN 'FEE'
                ELSE 'A' || lpad(((i // ${MUNICIPALITIES}) % 15)::VARCHAR, 2, '0') END,
           NULL, NULL, NULL, NULL,
           CASE WHEN i % 17 = 0 THEN -(hash(i) % 100000)::BIGINT ELSE (hash(i) % 10000000)::BIGINT + 100000 END
    FROM range(${lines}) r(i)`);
  await engine.exec(`CHECKPOINT`);
}

function workspace(dbFile: string): Workspace {
  const dir = mkdtempSync(path.join(tmpdir(), 'tvaerblik-cost-bench-'));
  const rules = CODES.map(([c], i) => `10,*,A${String(i).padStart(2, '0')},,,,intervention,${c},`);
  writeFileSync(
    path.join(dir, 'tt.csv'),
    [
      'priority,account,activity,responsibility,project,counterpart,target_type,target,reason',
      ...rules,
      '10,5000-5999,ADM,,,,pool,ADM,',
      '10,5000-5999,BYG,,,,pool,HUS,',
      '10,88*,FEE,,,,excluded,,user_fee_not_deducted',
    ].join('\n'),
  );
  const yaml = `
country: DK
currency: DKK
municipalities: [${Array.from({ length: MUNICIPALITIES }, (_, i) => `'${100 + i}'`).join(', ')}]
periods: [{ id: '2024', from: 2024-01-01, to: 2024-12-31 }]
pseudonymisation: { key_file: secrets/pseudonym.key }
catalogue: dk
warehouse: ${JSON.stringify(dbFile)}
costing:
  translation_table: tt.csv
  pools:
    - { id: ADM, kind: administration, key: direct_cost, targets: ['SEL-*', 'AEL-*', HUS] }
    - { id: HUS, kind: premises, key: floor_area, order: 1, targets: [SEL-107, SEL-108, AEL-47], weights: { SEL-107: 1200, SEL-108: 900, AEL-47: 4000 } }
  methods:
    - { codes: [SEL-83-PP], provider: external, method: price, price: 431.5 }
`;
  const configPath = path.join(dir, 'tvaerblik.yaml');
  writeFileSync(configPath, yaml);
  return {
    dir,
    configPath,
    config: parseConfig(yaml, configPath),
    resolve: (p) => (path.isAbsolute(p) ? p : path.join(dir, p)),
  };
}

/** The floor: one hand-written query — direct cost per code / volume × each person's volume, no pools or rounding rules. */
export const FLOOR_SQL = `
CREATE OR REPLACE TABLE bench_floor AS
WITH direct AS (
  SELECT l.municipality, c.code, sum(l.amount_minor) AS cost
  FROM ledger l JOIN bench_code c ON c.activity = l.activity GROUP BY ALL
), vol AS (
  SELECT municipality, catalogue_code, sum(volume) AS v FROM service GROUP BY ALL
)
SELECT s.municipality, s.person_key, s.catalogue_code, sum(s.volume) AS volume,
       sum(s.volume * d.cost / v.v)::BIGINT AS cost_minor
FROM service s
JOIN direct d ON d.municipality = s.municipality AND d.code = s.catalogue_code
JOIN vol v ON v.municipality = s.municipality AND v.catalogue_code = s.catalogue_code
WHERE s.person_key IS NOT NULL
GROUP BY ALL`;

const cpuSeconds = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1e6;

/** An engine that prints every statement taking more than 0.2 s (for --profile). */
function profiled(engine: Engine): Engine {
  const timed =
    <A extends unknown[], R>(name: string, fn: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      const t = performance.now();
      const c = process.cpuUsage();
      const r = await fn(...a);
      const s = (performance.now() - t) / 1000;
      const cpu = cpuSeconds(process.cpuUsage(c));
      if (s > 0.2)
        console.error(
          `${s.toFixed(2)} s (cpu ${cpu.toFixed(2)} s)  ${name} ${String(a[0]).replace(/\s+/g, ' ').slice(0, 90)}`,
        );
      return r;
    };
  return {
    dialect: engine.dialect,
    exec: timed('exec', engine.exec.bind(engine)),
    all: timed('all', engine.all.bind(engine)) as Engine['all'],
    one: timed('one', engine.one.bind(engine)) as Engine['one'],
    execFile: timed('execFile', engine.execFile.bind(engine)),
    transaction: (fn) => engine.transaction(() => fn(profiled(engine))),
    append: timed('append', engine.append.bind(engine)),
    loadParquet: engine.loadParquet.bind(engine),
    loadCsv: engine.loadCsv.bind(engine),
    exportParquet: engine.exportParquet.bind(engine),
    close: engine.close.bind(engine),
  };
}

export async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      persons: { type: 'string', default: '100000' },
      rows: { type: 'string', default: '5000000' },
      db: { type: 'string' },
      memory: { type: 'string', default: '3.5GB' },
      'build-only': { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
    },
  });
  const persons = Number(values.persons);
  const rows = Number(values.rows);
  const dbFile = values.db ?? path.join(tmpdir(), `tvaerblik-cost-bench-${persons}-${rows}.duckdb`);
  const settings = { file: dbFile, memoryLimit: values.memory };
  if (!existsSync(dbFile)) {
    const t0 = performance.now();
    const engine = await openDuckDB(settings);
    await build(engine, persons, rows);
    await engine.close();
    console.log(
      `built ${rows.toLocaleString('en')} service rows for ${persons.toLocaleString('en')} persons in ${((performance.now() - t0) / 1000).toFixed(1)} s → ${dbFile}`,
    );
  }
  if (values['build-only']) return;
  const engine = await openDuckDB(settings);
  try {
    const ws = workspace(dbFile);
    const out = createOutput({ json: true, lang: 'en', stdout: () => {}, stderr: () => {}, isTTY: false });
    const c1 = process.cpuUsage();
    const t1 = performance.now();
    const summary = await runCosting(ws, values.profile ? profiled(engine) : engine, out);
    const costing = (performance.now() - t1) / 1000;
    const costingCpu = cpuSeconds(process.cpuUsage(c1));
    const c2 = process.cpuUsage();
    const t2 = performance.now();
    await engine.exec(FLOOR_SQL);
    const floor = (performance.now() - t2) / 1000;
    const floorCpu = cpuSeconds(process.cpuUsage(c2));
    const floorRows = (await engine.one<{ n: bigint }>(`SELECT count(*) AS n FROM bench_floor`)).n;
    await engine.exec(`DROP TABLE bench_floor`);
    const rssGiB = process.resourceUsage().maxRSS / 1024 / 1024;
    console.log(
      JSON.stringify(
        {
          persons,
          serviceRows: rows,
          ledgerLines: Number(summary.ledgerLines),
          costPersonRows: Number(summary.costPersonRows),
          floorRows: Number(floorRows),
          runCostingSeconds: Number(costing.toFixed(2)),
          floorQuerySeconds: Number(floor.toFixed(2)),
          ratio: Number((costing / floor).toFixed(2)),
          // CPU seconds of all threads: comparable when other work shares the machine
          runCostingCpuSeconds: Number(costingCpu.toFixed(2)),
          floorQueryCpuSeconds: Number(floorCpu.toFixed(2)),
          cpuRatio: Number((costingCpu / floorCpu).toFixed(2)),
          threads: Number((await engine.one<{ t: bigint }>(`SELECT current_setting('threads') AS t`)).t),
          peakRssGiB: Number(rssGiB.toFixed(2)),
          memoryLimit: values.memory,
          reconciled:
            summary.ledgerMinor ===
            summary.attributedMinor + summary.nonattributableMinor + summary.excludedMinor,
        },
        null,
        2,
      ),
    );
  } finally {
    await engine.close();
  }
}

// a tool, not part of the product: run only when started as a script, never on import
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
