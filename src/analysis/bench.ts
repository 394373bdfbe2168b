/**
 * Benchmark of the analyses and the report: a synthetic cost_person at scale, generated inside DuckDB,
 * then runAnalyses + writeReport timed. Run: `npx tsx src/analysis/bench.ts [persons] [workdir]`.
 * The generator is also used by the report tests (small sizes).
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createOutput } from '../cli/output.js';
import { parseConfig, type Workspace } from '../config/workspace.js';
import { openDuckDB } from '../engine/duckdb.js';
import type { Engine } from '../engine/engine.js';
import { createSchema } from '../model/warehouse.js';
import { writeReport } from '../report/index.js';
import { runAnalyses } from './index.js';

/** Services of the synthetic data: code, department, law, unit, cost scale (kr), how common. */
const SERVICES: [string, string, string, number, number][] = [
  ['SEL-96', 'Ældre og Handicap', 'Serviceloven § 96', 900_000, 0.004],
  ['SEL-95', 'Ældre og Handicap', 'Serviceloven § 95', 600_000, 0.003],
  ['SEL-108', 'Ældre og Handicap', 'Serviceloven § 108', 700_000, 0.008],
  ['SEL-107', 'Ældre og Handicap', 'Serviceloven § 107', 450_000, 0.008],
  ['SEL-85', 'Ældre og Handicap', 'Serviceloven § 85', 90_000, 0.05],
  ['SEL-83-PP', 'Ældre og Handicap', 'Serviceloven § 83, stk. 1, nr. 1', 60_000, 0.12],
  ['SEL-83-PH', 'Ældre og Handicap', 'Serviceloven § 83, stk. 1, nr. 2', 15_000, 0.15],
  ['SEL-83A', 'Ældre og Handicap', 'Serviceloven § 83 a', 12_000, 0.05],
  ['SEL-86-1', 'Ældre og Handicap', 'Serviceloven § 86, stk. 1', 8_000, 0.06],
  ['SEL-103', 'Ældre og Handicap', 'Serviceloven § 103', 150_000, 0.01],
  ['SUL-138', 'Sundhed og Kultur', 'Sundhedsloven § 138', 25_000, 0.1],
  ['SUL-140', 'Sundhed og Kultur', 'Sundhedsloven § 140', 9_000, 0.08],
  ['SUL-119', 'Sundhed og Kultur', 'Sundhedsloven § 119', 2_000, 0.05],
  ['BES-SDP', 'Familie og Beskæftigelse', 'Sygedagpengeloven', 80_000, 0.06],
  ['BES-RESS', 'Familie og Beskæftigelse', 'Lov om en aktiv beskæftigelsesindsats § 68 b', 120_000, 0.02],
  ['BES-FLEX', 'Familie og Beskæftigelse', 'Lov om en aktiv beskæftigelsesindsats', 100_000, 0.02],
  ['BES-FTP', 'Familie og Beskæftigelse', 'Lov om social pension § 16', 220_000, 0.05],
  ['SEL-52', 'Familie og Beskæftigelse', 'Serviceloven § 52, stk. 3', 70_000, 0.02],
];

export interface SyntheticOptions {
  persons: number;
  municipalities: string[];
  periods: string[];
  seed?: number;
}

/** Fill a warehouse (canonical schema already created) with synthetic persons and costs. */
export async function generateSynthetic(engine: Engine, o: SyntheticOptions): Promise<void> {
  const lit = (s: string) => engine.dialect.literal(s);
  const list = (a: string[]) => `[${a.map(lit).join(', ')}]`;
  const services = SERVICES.map(
    ([code, dept, law, scale, p], i) => `(${i}, ${lit(code)}, ${lit(dept)}, ${lit(law)}, ${scale}, ${p})`,
  ).join(',\n');
  await engine.exec(`
    SELECT setseed(${(o.seed ?? 1) / 1000});
    CREATE TABLE IF NOT EXISTS cost_person (period VARCHAR, municipality VARCHAR, person_key BIGINT,
      catalogue_code VARCHAR, department VARCHAR, sector VARCHAR, law_ref VARCHAR, method VARCHAR, unit VARCHAR,
      volume DECIMAL(18,4), cost_minor BIGINT);
    CREATE TABLE IF NOT EXISTS cost_unit (period VARCHAR, municipality VARCHAR, catalogue_code VARCHAR, unit VARCHAR,
      volume DECIMAL(18,4), direct_minor BIGINT, admin_minor BIGINT, other_common_minor BIGINT, total_minor BIGINT,
      unit_cost_minor DECIMAL(18,4), persons BIGINT);
    CREATE TEMP TABLE syn_service (i INTEGER, code VARCHAR, dept VARCHAR, law VARCHAR, scale DOUBLE, p DOUBLE);
    INSERT INTO syn_service VALUES ${services};
    CREATE TEMP TABLE syn_person AS
    SELECT range + 1 AS person_key, 'p' || lpad(range::VARCHAR, 9, '0') AS pseudonym,
      (1925 + floor(random() * 99))::SMALLINT AS birth_year,
      (1 + floor(random() * 12))::TINYINT AS birth_month,
      CASE WHEN random() < 0.5 THEN 'F' ELSE 'M' END AS sex,
      ${list(o.municipalities)}[1 + floor(random() * ${o.municipalities.length})::INTEGER] AS municipality,
      random() AS frailty
    FROM range(${o.persons});
    INSERT INTO person SELECT person_key, pseudonym, birth_year, birth_month, sex, 'DK', 'cpr', NULL FROM syn_person;
  `);
  for (const period of o.periods) {
    await engine.exec(`
      INSERT INTO cost_person
      SELECT ${lit(period)}, p.municipality, p.person_key, s.code, s.dept, 'municipal', s.law, 'kpb', 'day',
        round(1 + random() * 300, 4)::DECIMAL(18,4),
        -- a skewed cost: the service's scale times a log-normal factor
        greatest(100, round(s.scale * exp(0.8 * sqrt(-2 * ln(greatest(random(), 1e-12))) * cos(6.283185 * random()) - 0.3) * 100))::BIGINT
      FROM syn_person p CROSS JOIN syn_service s
      WHERE random() < s.p * (0.3 + 3 * p.frailty * p.frailty);
      INSERT INTO cost_person
      SELECT ${lit(period)}, municipality, person_key, 'SUL-REG-SOM-IND', 'Region', 'regional', 'Sundhedsloven § 79', 'kmf', 'day',
        1, round(2000 + random() * 60000 * frailty) * 100
      FROM syn_person WHERE random() < 0.15;
      INSERT INTO cost_unit
      SELECT period, municipality, catalogue_code, 'day', sum(volume), (sum(cost_minor) * 0.85)::BIGINT,
        (sum(cost_minor) * 0.1)::BIGINT, sum(cost_minor) - (sum(cost_minor) * 0.85)::BIGINT - (sum(cost_minor) * 0.1)::BIGINT,
        sum(cost_minor), (sum(cost_minor) / sum(volume))::DECIMAL(18,4), count(DISTINCT person_key)
      FROM cost_person WHERE period = ${lit(period)} AND sector = 'municipal' GROUP BY ALL;
    `);
  }
  await engine.exec(`
    INSERT INTO person_attribute
    SELECT 1, person_key, 'target_group',
      ['physical_disability', 'acquired_brain_injury', 'developmental_disability', 'mental_illness'][1 + floor(random() * 4)::INTEGER],
      DATE '2000-01-01', NULL
    FROM syn_person WHERE frailty > 0.8;
    INSERT INTO person_attribute
    SELECT 1, person_key, 'benefit_status', CASE WHEN random() < 0.3 THEN 'sickness_benefit' ELSE 'disability_pension' END,
      DATE '2022-01-01', NULL
    FROM syn_person WHERE frailty BETWEEN 0.5 AND 0.7;
    INSERT INTO person_attribute
    SELECT 1, person_key, 'housing', CASE WHEN frailty > 0.95 THEN 'special_housing' ELSE 'ordinary_housing' END,
      DATE '2000-01-01', NULL
    FROM syn_person;
    INSERT INTO population
    SELECT 1, municipality, y.year, a.age, sex, count(*)::INTEGER * 4
    FROM syn_person CROSS JOIN (SELECT unnest(${list(o.periods)})::INTEGER AS year) y
    CROSS JOIN LATERAL (SELECT (y.year - birth_year - 1)::SMALLINT AS age) a
    WHERE a.age >= 0 GROUP BY ALL;
  `);
}

export function syntheticWorkspace(dir: string, o: SyntheticOptions): Workspace {
  const config = parseConfig(`
name: Syntetisk kommune
country: DK
currency: DKK
municipalities: [${o.municipalities.map((m) => `'${m}'`).join(', ')}]
periods: [${o.periods.map((p) => `{ id: '${p}', from: '${p}-01-01', to: '${p}-12-31' }`).join(', ')}]
pseudonymisation: { key_file: secrets/pseudonym.key }
catalogue: dk
warehouse: warehouse/bench.duckdb
`);
  return { dir, configPath: path.join(dir, 'tvaerblik.yaml'), config, resolve: (p) => path.resolve(dir, p) };
}

async function main(): Promise<void> {
  const persons = Number(process.argv[2] ?? 1_000_000);
  const dir = path.resolve(process.argv[3] ?? 'tmp/bench-analysis');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const o = { persons, municipalities: ['851', '101', '751'], periods: ['2023', '2024'] };
  const ws = syntheticWorkspace(dir, o);
  const engine = await openDuckDB({ file: ws.resolve(ws.config.warehouse) });
  await createSchema(engine);
  let t = Date.now();
  await generateSynthetic(engine, o);
  const rows = await engine.one<{ n: bigint }>('SELECT count(*) AS n FROM cost_person');
  console.log(`generated ${persons} persons, ${rows.n} cost_person rows in ${(Date.now() - t) / 1000} s`);
  const out = createOutput({ json: true, lang: 'da', stdout: () => {}, isTTY: false });
  // CPU seconds (user + system, all threads) tell the cost apart from waiting on a busy machine
  const cpu = (since: NodeJS.CpuUsage) => {
    const u = process.cpuUsage(since);
    return ((u.user + u.system) / 1e6).toFixed(1);
  };
  t = Date.now();
  let c = process.cpuUsage();
  const a = await runAnalyses(ws, engine, out);
  console.log(
    `runAnalyses: ${(Date.now() - t) / 1000} s wall, ${cpu(c)} s CPU (${a.persons} person-periods analysed)`,
  );
  t = Date.now();
  c = process.cpuUsage();
  const r = await writeReport(ws, engine, out, { lang: 'da' });
  console.log(`writeReport: ${(Date.now() - t) / 1000} s wall, ${cpu(c)} s CPU → ${r.html}`);
  await engine.close();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
