import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dialectFor,
  duckdbDialect,
  MACRO_NAMES,
  postgresDialect,
  type Dialect,
} from '../../src/engine/dialect.js';
import type { Engine, Row, Value } from '../../src/engine/engine.js';
import {
  parseTrajectoriesConfig,
  runTrajectories,
  sqlVars,
  trajectoryMacros,
} from '../../src/trajectories/index.js';
import { postgresSkipReason, startPostgres, type PgCluster } from '../helpers/postgres.js';
import { ANALYSIS_MODELS, MARTS, runAnalyses } from '../../src/analysis/index.js';
import {
  COST_DDL,
  quietOutput as analysisOutput,
  warehouse,
  workspace as analysisWorkspace,
} from '../analysis/fixture.js';
import { tinyAttributes, tinyConfig, tinyCosts, tinyPersons } from '../analysis/tiny.js';
import { quietOutput, Warehouse, workspace } from '../trajectories/fixture.js';
import { personKey } from '../helpers/person-key.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The SQL models behind the dialect seam. */
const FOLDERS = ['sql/trajectories', 'sql/costing', 'sql/model', 'sql/analysis', 'sql/ingest'];
const MODELS = FOLDERS.flatMap((f) =>
  readdirSync(path.join(ROOT, f))
    .filter((n) => n.endsWith('.sql'))
    .map((n) => `${f}/${n}`),
);
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
/** Drop `--` comments, so prose about DuckDB does not count as DuckDB SQL. */
const code = (sql: string) => sql.replace(/--.*$/gm, '');

/** Constructs PostgreSQL does not have (or spells differently); none may survive the postgres rendering. */
const DUCKDB_ONLY: [string, RegExp][] = [
  ['CREATE OR REPLACE TABLE/VIEW', /CREATE\s+OR\s+REPLACE\s+(TEMP\s+)?(TABLE|VIEW)/i],
  ['MACRO', /\bMACRO\b/i],
  ['GROUP BY ALL', /GROUP\s+BY\s+ALL/i],
  ['integer division //', /\/\//],
  ['IGNORE NULLS', /IGNORE\s+NULLS/i],
  ['date_diff', /\bdate_diff\s*\(/i],
  ['epoch()', /\bepoch\s*\(/i],
  ['year()/month()', /\b(year|month)\s*\(/i],
  ['arg_min/arg_max', /\barg_(min|max)\w*\s*\(/i],
  ['any_value', /\bany_value\s*\(/i],
  ['struct_pack', /\bstruct_pack\s*\(/i],
  ['struct literal/struct_extract', /\{\s*'\w+'\s*:|\bstruct_extract\s*\(/i],
  ['list()', /\blist\s*\(/i],
  ['median', /\bmedian\s*\(/i],
  ['quantile', /\bquantile(_disc|_cont)?\s*\(/i],
  ['read_csv/read_parquet', /\bread_(csv|parquet)\w*\s*\(/i],
  ['HUGEINT', /\bHUGEINT\b/i],
  ['TINYINT', /\bTINYINT\b/i],
  ['DOUBLE without PRECISION', /\bDOUBLE\b(?!\s+PRECISION)/i],
  ['EXCLUDE/REPLACE star', /\*\s*(EXCLUDE|REPLACE)\s*\(/i],
  ['rowid', /\browid\b/i],
  ['TRY_CAST', /\bTRY_CAST\b/i],
  ['like_escape', /\blike_escape\s*\(/i],
  ['regexp_full_match/regexp_matches', /\bregexp_(full_match|matches)\s*\(/i],
  ['strftime', /\bstrftime\s*\(/i],
  ['unaliased subquery in FROM', /\bFROM\s*\((?:[^()]|\([^()]*\))*\)\s*(;|\)|WINDOW|WHERE|GROUP|$)/i],
  ['placeholder left', /\{\{|\}\}/],
];

function duckdbOnly(sql: string): string[] {
  return DUCKDB_ONLY.filter(([, re]) => re.test(code(sql))).map(([name]) => name);
}

describe('dialects', () => {
  it('fails at once on an unknown dialect name', () => {
    expect(() => dialectFor('mysql')).toThrow(/Unknown SQL dialect "mysql" \(known: duckdb, postgres\)/);
    expect(() => dialectFor('toString')).toThrow(/Unknown SQL dialect/);
    expect(dialectFor('postgres')).toBe(postgresDialect);
  });

  it('declares capability flags and implements the same macros in every dialect', () => {
    expect(MACRO_NAMES.postgres).toEqual(MACRO_NAMES.duckdb);
    expect(duckdbDialect.capabilities.createOrReplaceTable).toBe(true);
    expect(postgresDialect.capabilities).toEqual({
      createOrReplaceTable: false,
      temporaryMacros: false,
      readsFiles: false,
      int128: false,
    });
  });

  it('renders placeholders, nested ones and arguments holding commas and quotes', () => {
    const sql = `SELECT {{ date_diff('day', CAST(a AS DATE), coalesce(b, DATE '2024-01-01')) }}, {{ intdiv({{ date_diff('day', a, b) }} + 1, 7) }}`;
    expect(duckdbDialect.render(sql)).toBe(
      `SELECT date_diff('day', CAST(a AS DATE), coalesce(b, DATE '2024-01-01')), (date_diff('day', a, b) + 1) // (7)`,
    );
    expect(postgresDialect.render(sql)).toBe(
      `SELECT (CAST(coalesce(b, DATE '2024-01-01') AS DATE) - CAST(CAST(a AS DATE) AS DATE)), div((CAST(b AS DATE) - CAST(a AS DATE)) + 1, 7)`,
    );
    expect(() => duckdbDialect.render('{{ nope(1) }}')).toThrow(
      /SQL macro "nope" is unknown to the duckdb dialect/,
    );
    expect(() => postgresDialect.render('{{ intdiv(1) }}')).toThrow(/intdiv takes 2 argument/);
    expect(() => postgresDialect.render("{{ date_diff('month', a, b) }}")).toThrow(/no PostgreSQL form/);
    expect(() => duckdbDialect.render('{{ year(x)')).toThrow(/not closed/);
  });

  it.each(MODELS)(
    'renders %s for DuckDB and PostgreSQL, with no DuckDB-only SQL in the PostgreSQL form',
    (file) => {
      const sql = read(file);
      const duck = duckdbDialect.render(sql);
      expect(duck).not.toMatch(/\{\{|\}\}/);
      expect(duckdbOnly(postgresDialect.render(sql))).toEqual([]);
    },
  );

  it('finds DuckDB-only SQL in the unrendered models (the check is not blind)', () => {
    const found = new Set(MODELS.flatMap((f) => duckdbOnly(duckdbDialect.render(read(f)))));
    for (const name of ['CREATE OR REPLACE TABLE/VIEW', 'MACRO', 'date_diff', 'arg_min/arg_max', 'HUGEINT'])
      expect(found).toContain(name);
  });

  it('renders the trajectory settings macros for PostgreSQL as SQL functions without DuckDB-only SQL', () => {
    const cfg = parseTrajectoriesConfig({}, '/tmp/tvaerblik.yaml');
    const periods = [{ id: '2024', from: '2024-01-01', to: '2024-12-31' }];
    const statements = trajectoryMacros(postgresDialect, cfg, periods);
    expect(statements.every((s) => s.startsWith('CREATE OR REPLACE FUNCTION'))).toBe(true);
    expect(statements.flatMap(duckdbOnly)).toEqual([]);
    for (const s of trajectoryMacros(duckdbDialect, cfg, periods))
      expect(s).toMatch(/^CREATE OR REPLACE TEMP MACRO/);
  });
});

/*
 * The PostgreSQL rendering of stays → readmissions (and rates) → transitions, run on PostgreSQL on
 * the same small inputs as DuckDB, must give the same rows.
 */
const skip = postgresSkipReason();
// CI installs PostgreSQL and sets TVAERBLIK_REQUIRE_POSTGRES=1, so a broken install fails instead of skipping
if (skip && process.env.TVAERBLIK_REQUIRE_POSTGRES === '1')
  throw new Error(`PostgreSQL is required here: ${skip}`);
if (skip) console.warn(`SKIP PostgreSQL comparison: ${skip}`);

describe.skipIf(skip !== null)('the PostgreSQL rendering gives DuckDB’s rows', () => {
  let cluster: PgCluster;
  let client: pg.Client;
  let wh: Warehouse;
  const ws = workspace(`data_end: '2025-06-30'
clusters: { Nord: ['851', '849'] }`);

  beforeAll(async () => {
    cluster = await startPostgres();
    // every value as PostgreSQL's text, compared with DuckDB's after normalising both
    client = new pg.Client({ ...cluster.config, types: { getTypeParser: () => (v: string) => v } });
    await client.connect();
    wh = await Warehouse.open();
    await fixture(wh);
    await runTrajectories(ws, wh.engine, quietOutput(), { until: 'transitions' });
  }, 60_000);
  afterAll(async () => {
    await client?.end();
    await wh?.engine.close();
    cluster?.stop();
  });

  it('runs the models on PostgreSQL and compares stay, readmission, readmission_rate, transition and transition_summary row by row', async () => {
    const cfg = parseTrajectoriesConfig(ws.config.trajectories, ws.configPath);
    await client.query(postgresDialect.setup);
    await client.query(postgresDialect.render(read('sql/model/schema.sql')));
    for (const t of ['person', 'residence', 'hospital_contact', 'service', 'person_attribute'])
      await copyTable(wh.engine, client, t);
    // the settings tables runTrajectories built as DuckDB temp tables
    await client.query(`CREATE TABLE traj_followup (code VARCHAR, kind VARCHAR);
      CREATE TABLE traj_cluster (cluster VARCHAR, municipality VARCHAR);
      CREATE TABLE traj_std_weight (age_band VARCHAR, sex VARCHAR, weight DOUBLE PRECISION)`);
    for (const t of ['traj_followup', 'traj_cluster', 'traj_std_weight'])
      await copyTable(wh.engine, client, t);
    for (const statement of trajectoryMacros(postgresDialect, cfg, ws.config.periods))
      await client.query(statement);
    const vars = sqlVars(cfg, cfg.data_end ?? null);
    for (const model of ['01_stay', '02_readmission', '03_readmission_rate', '06_transition'])
      await client.query(renderModel(postgresDialect, `sql/trajectories/${model}.sql`, vars));

    const tables: [string, string][] = [
      ['stay', 'stay_id'],
      ['readmission', 'stay_id'],
      ['readmission_rate', 'period, level, grp'],
      ['transition', 'stay_id'],
      ['transition_summary', 'period, cohort, follow_up'],
    ];
    const counts: Record<string, number> = {};
    for (const [table, order] of tables) {
      const duck = (await wh.engine.all(`SELECT * FROM ${table} ORDER BY ${order}`)).map(normalise);
      const post = (await client.query<Row>(`SELECT * FROM ${table} ORDER BY ${order}`)).rows.map(normalise);
      expect(post, table).toEqual(duck);
      counts[table] = duck.length;
    }
    expect(counts).toEqual({
      stay: 10,
      readmission: 8,
      readmission_rate: 13,
      transition: 6,
      transition_summary: 3,
    });
    // the compared rows hold the branches the fixture was built for (known by hand from the fixture)
    const t2 = await wh.engine.one(
      `SELECT contacts, transfer, acute FROM stay WHERE stay_id = '${personKey('t2')}:S20240501080000'`,
    );
    expect(t2).toEqual({ contacts: 3n, transfer: true, acute: false });
    const reasons = await wh.engine.all(
      `SELECT DISTINCT excluded_reason AS r FROM readmission WHERE excluded_reason IS NOT NULL ORDER BY 1`,
    );
    expect(reasons.map((r) => r.r)).toEqual(['death', 'diagnosis:cancer', 'end_of_data', 'still_admitted']);
    expect(await wh.engine.one(`SELECT days_to_readmission AS d FROM readmission WHERE readmitted`)).toEqual({
      d: 16n,
    });
    expect(
      await wh.engine.one(`SELECT municipality AS m FROM stay WHERE person_key = ${personKey('t5')}`),
    ).toEqual({
      m: '849',
    });
  }, 60_000);

  it('runs the costing macros on PostgreSQL: exact floor division, as in DuckDB', async () => {
    await client.query(postgresDialect.render(read('sql/costing/macros.sql')));
    await wh.engine.execFile(path.join(ROOT, 'sql/costing/macros.sql'));
    // ⌊−7/2⌋ = −4, ⌊7/2⌋ = 3, ⌊−1/3⌋ = −1, ⌊(10^20 + 1)/1000⌋ = 10^17, ⌊(2·10^18 − 1)/2⌋ = 10^18 − 1
    const query = `SELECT cost_floordiv(-7, 2) AS a, cost_floordiv(7, 2) AS b, cost_floordiv(-1, 3) AS c,
      cost_floordiv_big(CAST('100000000000000000001' AS {{ type(int128) }}), 1000) AS d,
      cost_floordiv_big(CAST('1999999999999999999' AS {{ type(int128) }}), 2) AS e`;
    const expected = { a: '-4', b: '3', c: '-1', d: '100000000000000000', e: '999999999999999999' };
    expect(normalise((await client.query<Row>(postgresDialect.render(query))).rows[0]!)).toEqual(
      normalise(expected),
    );
    expect(normalise(await wh.engine.one(duckdbDialect.render(query)))).toEqual(normalise(expected));
  });

  it('runs every sql/analysis model on PostgreSQL on the tiny fixture and gives DuckDB’s rows in every mart', async () => {
    const duck = await warehouse({ persons: tinyPersons, costs: tinyCosts, attributes: tinyAttributes });
    // the ${…} values the runner fills in, captured as it runs the models on DuckDB
    let vars: Record<string, string> = {};
    const execFile = duck.execFile.bind(duck);
    duck.execFile = (file, v = {}) => ((vars = v), execFile(file, v));
    await runAnalyses(analysisWorkspace(tinyConfig), duck, analysisOutput());
    await client.query('CREATE DATABASE analysis');
    const an = new pg.Client({
      ...cluster.config,
      database: 'analysis',
      types: { getTypeParser: () => (v: string) => v },
    });
    await an.connect();
    try {
      await an.query(postgresDialect.setup);
      await an.query(postgresDialect.render(read('sql/model/schema.sql')));
      await an.query(COST_DDL);
      for (const t of ['person', 'person_attribute', 'population', 'cost_person', 'cost_unit'])
        await copyTable(duck, an, t);
      // the lookup tables the runner prepared (temp tables the models do not build themselves)
      const built = new Set(
        MODELS.filter((f) => f.startsWith('sql/analysis/')).flatMap((f) =>
          [...read(f).matchAll(/replace_temp_(?:table|view)\((\w+)\)/g)].map((m) => m[1]!),
        ),
      );
      const prepared = (
        await duck.all(`SELECT DISTINCT table_name AS t FROM information_schema.tables
          WHERE table_name LIKE 'an\\_%' ESCAPE '\\' ORDER BY 1`)
      )
        .map((r) => String(r.t))
        .filter((t) => !built.has(t));
      expect(prepared).toContain('an_period');
      for (const t of prepared) {
        const cols = await duck.all(
          `SELECT column_name AS c, data_type AS d FROM information_schema.columns WHERE table_name = $t ORDER BY ordinal_position`,
          { t },
        );
        const pgType = (d: string) => ({ DOUBLE: 'DOUBLE PRECISION', HUGEINT: 'NUMERIC(38, 0)' })[d] ?? d;
        await an.query(
          `CREATE TEMP TABLE ${t} (${cols.map((r) => `${r.c} ${pgType(String(r.d))}`).join(', ')})`,
        );
        await copyTable(duck, an, t);
      }
      // src/analysis's ${…} expressions are not behind the seam yet (docs/architecture.md, Status)
      const portable = Object.fromEntries(
        Object.entries(vars).map(([k, v]) => [
          k,
          v.replace(/quantile_disc\((\w+), ([\d.]+)\)/g, 'percentile_disc($2) WITHIN GROUP (ORDER BY $1)'),
        ]),
      );
      // in the runner's order: each model after the models it reads
      for (const m of ANALYSIS_MODELS)
        await an.query(renderModel(postgresDialect, `sql/analysis/${m.file}`, portable));
      const sorted = (rows: Row[]) =>
        rows.map(normalise).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
      let rows = 0;
      for (const mart of MARTS) {
        const d = sorted(await duck.all(`SELECT * FROM ${mart}`));
        expect(sorted((await an.query<Row>(`SELECT * FROM ${mart}`)).rows), mart).toEqual(d);
        rows += d.length;
      }
      expect(rows).toBeGreaterThan(100);
    } finally {
      await an.end();
      await duck.close();
    }
  }, 60_000);
});

function renderModel(dialect: Dialect, file: string, vars: Record<string, string>): string {
  return dialect.render(read(file)).replace(/\$\{(\w+)\}/g, (_, name: string) => vars[name]!);
}

/** One comparable form: text, numbers by value ('1.50' = 1.5), booleans as true/false. */
function normalise(row: Row): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(row)) out[k] = text(v);
  return out;
}
function text(v: Value): string | null {
  if (v === null || v === undefined) return null;
  if (v === 't' || v === true) return 'true';
  if (v === 'f' || v === false) return 'false';
  const s = String(v);
  return /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(s) ? String(Number(s)) : s;
}

async function copyTable(engine: Engine, client: pg.Client, table: string): Promise<void> {
  for (const row of await engine.all(`SELECT * FROM ${table}`)) {
    const cols = Object.keys(row);
    await client.query(
      `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`,
      cols.map((c) => {
        const v = row[c];
        return typeof v === 'bigint' ? String(v) : v;
      }),
    );
  }
}

/**
 * Small inputs that reach the engine-specific branches: a stay of several contacts (arg_min,
 * arg_max_null, any_value, IGNORE NULLS), a psychiatric stay, a transfer, a death, a readmission and
 * an excluded one, an open stay, a municipality from residence, and follow-up services.
 */
async function fixture(wh: Warehouse): Promise<void> {
  for (const k of ['t1', 't2', 't3', 't4', 't5']) await wh.person(k, 1950, 6);
  await wh.person('t6', 1990, 1, 'M');
  await wh.engine.exec(
    `UPDATE person SET death_date = DATE '2024-03-04' WHERE person_key = ${personKey('t4')}`,
  );
  await wh.engine.exec(
    `INSERT INTO residence VALUES (1, ${personKey('t5')}, '849', DATE '2000-01-01', NULL)`,
  );
  const c = wh.contact.bind(wh);
  await c({ id: '1', person: 't1', admit: '2024-03-01 08:00', discharge: '2024-03-04 12:00' });
  await c({ id: '1r', person: 't1', admit: '2024-03-20 09:00', discharge: '2024-03-22 10:00' }); // readmitted in 16 days
  // one stay of three contacts: a transfer between hospitals, the last status NULL
  await c({ id: '2a', person: 't2', admit: '2024-05-01 08:00', discharge: '2024-05-02 08:00', acute: false });
  await c({
    id: '2b',
    person: 't2',
    admit: '2024-05-02 10:00',
    discharge: '2024-05-05 12:00',
    hospital: 'RHG',
  });
  await c({ id: '2c', person: 't2', admit: '2024-05-05 13:00', discharge: '2024-05-07 09:30', status: null });
  await c({
    id: '2r',
    person: 't2',
    admit: '2024-05-20 08:00',
    discharge: '2024-05-21 08:00',
    diagnosis: 'DC509',
  });
  await c({
    id: '3',
    person: 't3',
    admit: '2024-06-01 08:00',
    discharge: '2024-06-03 12:00',
    psychiatric: true,
  });
  await c({ id: '3s', person: 't3', admit: '2024-06-10 08:00', discharge: '2024-06-10 11:00' }); // short: no admission
  await c({
    id: '4',
    person: 't4',
    admit: '2024-03-01 08:00',
    discharge: '2024-03-04 12:00',
    status: 'dead',
  });
  await c({
    id: '5',
    person: 't5',
    admit: '2025-06-20 08:00',
    discharge: '2025-06-24 08:00',
    municipality: null,
  });
  await c({ id: '6', person: 't6', admit: '2025-01-10 08:00', discharge: null }); // still admitted
  await c({
    id: '6b',
    person: 't1',
    admit: '2025-02-01 08:00',
    discharge: '2025-02-03 12:00',
    diagnosis: 'C50.9',
  });
  await wh.service('t1', 'SEL-83-PP', '2024-03-06', null);
  await wh.service('t2', 'SUL-138', '2024-01-01', null);
  await wh.service('t2', 'SUL-140', '2024-05-09', '2024-05-20', 'visit');
  await wh.service('t5', 'SEL-83-PP', '2025-06-25', '2025-07-30');
  for (const cond of ['copd', 'diabetes'])
    await wh.engine.exec(
      `INSERT INTO person_attribute VALUES (1, ${personKey('t2')}, 'chronic_condition', $c, DATE '2020-01-01', NULL)`,
      { c: cond },
    );
  await wh.population('851', 2024, 70, 'F', 1000);
  await wh.population('851', 2024, 30, 'M', 3000);
}
