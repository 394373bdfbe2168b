/**
 * The analyses: marts `mart_*` (one table per analysis, keyed by period, municipality and group) built from
 * cost_person, person, person_attribute, population and cost_unit. docs/analyses.md describes each mart.
 */
import { existsSync } from 'node:fs';
import { cataloguePath, loadCatalogue } from '../catalogue/catalogue.js';
import { responsibilityRows } from '../catalogue/responsibility.js';
import type { Workspace } from '../config/workspace.js';
import type { Engine } from '../engine/engine.js';
import { userError } from '../core/messages.js';
import { tr } from '../i18n.js';
import type { Output } from '../core/effects.js';
import { kronerToMinor as toMinor } from '../core/money.js';
import { workspaceCatalogue } from '../core/paths.js';
import {
  analysisConfig,
  defaultOverlapGroups,
  defaultUserMixAreas,
  type AnalysisConfig,
  type ChosenGroupConfig,
} from './config.js';
import { analysisModels, MODEL_DIR, type AnalysisModel } from './models.js';

/** The models in the order they run (each after the models it reads): sql/analysis/<table>.sql. */
export const ANALYSIS_MODELS: AnalysisModel[] = analysisModels();

/** The marts the models build (the models with a header), in the order they run. */
export const MARTS = ANALYSIS_MODELS.filter((m) => m.header).map((m) => m.table);

export interface AnalysisSummary {
  periods: string[];
  municipalities: string[];
  persons: number;
  marts: { mart: string; rows: number }[];
  seconds: number;
}

/** A catalogue code pattern (prefix* allowed) as a SQL LIKE pattern. */
function likePattern(code: string): string {
  return code.replace(/[%_\\]/g, (c) => `\\${c}`).replace(/\*$/, '%');
}

/**
 * Build every mart from the warehouse. Marts are replaced as a whole, in one transaction (the intermediate
 * temporary tables they read are built before it).
 * @example await runAnalyses(ws, engine, out) // then writeReport(ws, engine, out)
 */
export async function runAnalyses(ws: Workspace, engine: Engine, out: Output): Promise<AnalysisSummary> {
  const started = Date.now();
  const cfg = analysisConfig(ws);
  await requireTables(engine, ws);
  const progress = out.progress(
    tr({ da: 'Analyser', sv: 'Analyser', en: 'Analyses' }, out.lang),
    ANALYSIS_MODELS.length + 1,
  );
  // insertion order of the marts does not matter (readers sort); dropping it lets DuckDB stream in parallel
  const order = await engine.one<{ v: boolean }>(`SELECT current_setting('preserve_insertion_order') AS v`);
  await engine.exec('SET preserve_insertion_order = false');
  try {
    // the intermediate tables are this session's temporary tables: built before the marts' transaction, since
    // reading rows written in a still open transaction is slower (docs/performance.md, "Analyses at XL")
    await prepare(engine, ws, cfg);
    progress.tick();
    const vars = sqlVars(cfg, engine);
    // cost_unit carries the provider (own / external) when costing writes it; contract E does not require it
    const provider = await engine.all(
      `SELECT 1 FROM information_schema.columns WHERE table_name = 'cost_unit' AND column_name = 'provider'`,
    );
    vars.unit_cost_provider = provider.length ? `coalesce(u.provider, 'own')` : `'own'`;
    // cost_person carries the year of service when costing writes it (contract E does not require it)
    const year = await engine.all(
      `SELECT 1 FROM information_schema.columns WHERE table_name = 'cost_person' AND column_name = 'service_year'`,
    );
    vars.service_year = year.length ? 'cp.service_year' : 'CAST(NULL AS INTEGER)';
    // a period over more than one calendar year takes ages at the start of the year of service (an_person.sql,
    // and per year of service in mart_consumption.sql)
    vars.multi_year = ws.config.periods.some((p) => p.from.slice(0, 4) !== p.to.slice(0, 4))
      ? 'true'
      : 'false';
    for (const model of ANALYSIS_MODELS.filter((m) => !m.header)) {
      await engine.execFile(new URL(model.file, MODEL_DIR), vars);
      progress.tick();
    }
    await members(engine, ws, cfg);
    await engine.transaction(async (tx) => {
      for (const model of ANALYSIS_MODELS.filter((m) => m.header)) {
        await tx.execFile(new URL(model.file, MODEL_DIR), vars);
        progress.tick();
      }
    });
  } finally {
    progress.stop();
    await engine.exec(`SET preserve_insertion_order = ${order.v ? 'true' : 'false'}`);
  }
  const marts: { mart: string; rows: number }[] = [];
  for (const mart of MARTS) {
    const r = await engine.one<{ n: bigint }>(`SELECT count(*) AS n FROM ${mart}`);
    marts.push({ mart, rows: Number(r.n) });
  }
  const persons = await engine.one<{ n: bigint }>(
    `SELECT coalesce(sum(persons), 0)::BIGINT AS n FROM mart_concentration WHERE grp = 'all'`,
  );
  return {
    periods: ws.config.periods.map((p) => p.id),
    municipalities: ws.config.municipalities,
    persons: Number(persons.n),
    marts,
    seconds: (Date.now() - started) / 1000,
  };
}

async function requireTables(engine: Engine, ws: Workspace): Promise<void> {
  const have = new Set(
    (
      await engine.all<{ t: string }>(
        `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema()`,
      )
    ).map((r) => r.t),
  );
  for (const t of ['cost_person', 'cost_unit', 'person', 'person_attribute', 'population']) {
    if (!have.has(t)) {
      throw userError('analysis.missing_table', { table: t }, { file: ws.resolve(ws.config.warehouse) });
    }
  }
}

/**
 * Placeholders of the SQL models: numbers and SQL expressions built here from the validated config, in
 * SQL both engines read (the ordered-set percentile_disc is DuckDB's quantile_disc).
 * @example sqlVars(analysisConfig(ws), engine).outlier_threshold // 'percentile_disc(0.9) WITHIN GROUP (ORDER BY cost_minor)'
 */
export function sqlVars(cfg: AnalysisConfig, engine: Engine): Record<string, string> {
  const quantile = (column: string, q: number) => `percentile_disc(${q}) WITHIN GROUP (ORDER BY ${column})`;
  const sectorThreshold = (t: { quantile: number } | { amount: number }, column: string) =>
    'quantile' in t
      ? `${quantile(column, t.quantile)} FILTER (WHERE ${column} > 0)`
      : toMinor(t.amount).toString();
  const o = cfg.outliers;
  const outlier =
    o.rule === 'quantile'
      ? quantile('cost_minor', o.value)
      : o.rule === 'amount'
        ? toMinor(o.value).toString()
        : `ceil(${quantile('cost_minor', 0.5)} * ${o.value})`;
  const top = cfg.top_shares.includes(2) ? 2 : cfg.top_shares[0]!;
  return {
    interval_of_cost: bucketCase('cost_minor', cfg.cost_intervals.map(toMinor), (_, i) => String(i + 1)),
    age_band_of_age: bucketCase('age', cfg.age_bands.map(BigInt), (_, i, a) => `'${bandLabel(a, i)}'`, "'?'"),
    consumption_group_of_age: bucketCase(
      'p.age',
      cfg.consumption_age_groups.map(BigInt),
      (_, i, a) => `'${bandLabel(a, i)}'`,
      'NULL',
    ),
    scope_all: cfg.sector === 'all' ? 'true' : 'false',
    age_from: String(cfg.headline.age_from),
    age_to: String(cfg.headline.age_to),
    top_pct: String(cfg.headline.top_pct),
    bottom_pct: String(cfg.headline.bottom_pct),
    heavy_minor: toMinor(cfg.heavy_threshold).toString(),
    heavy_age_from: String(cfg.heavy_ages?.[0] ?? cfg.headline.age_from),
    heavy_age_to: String(cfg.heavy_ages?.[1] ?? cfg.headline.age_to),
    municipal_threshold: sectorThreshold(cfg.quadrant.municipal, 'municipal_minor'),
    regional_threshold: sectorThreshold(cfg.quadrant.regional, 'regional_minor'),
    outlier_threshold: outlier,
    outlier_rule: engine.dialect.literal(`${o.rule} ${o.value}`).replace(/'/g, ''),
    key_top_pct: String(top),
  };
}

/** Small lookup tables the SQL models join: periods, bands, intervals, catalogue, groups, results (members: later). */
async function prepare(engine: Engine, ws: Workspace, cfg: AnalysisConfig): Promise<void> {
  await engine.exec(`
    CREATE OR REPLACE TEMP TABLE an_period (id VARCHAR, from_date DATE, to_date DATE);
    CREATE OR REPLACE TEMP TABLE an_band (kind VARCHAR, lower INTEGER, upper INTEGER, label VARCHAR);
    CREATE OR REPLACE TEMP TABLE an_interval (interval_no INTEGER, lower_minor BIGINT, upper_minor BIGINT);
    CREATE OR REPLACE TEMP TABLE an_top_pct (pct DOUBLE);
    CREATE OR REPLACE TEMP TABLE an_catalogue (code VARCHAR, law VARCHAR, paragraph VARCHAR, area VARCHAR, family VARCHAR);
    CREATE OR REPLACE TEMP TABLE an_responsibility (code VARCHAR, valid_from DATE, valid_to DATE, sector VARCHAR, authority VARCHAR);
    CREATE OR REPLACE TEMP TABLE an_user_mix_area (area VARCHAR);
    CREATE OR REPLACE TEMP TABLE an_group (group_id VARCHAR, department VARCHAR);
    CREATE OR REPLACE TEMP TABLE an_group_member (period VARCHAR, municipality VARCHAR, group_id VARCHAR, pid BIGINT);
    CREATE OR REPLACE TEMP TABLE an_result_code (result_id VARCHAR, pattern VARCHAR);
    CREATE OR REPLACE TEMP TABLE an_result_member (period VARCHAR, municipality VARCHAR, result_id VARCHAR, pid BIGINT);
  `);
  await engine.append(
    'an_period',
    ['id', 'from_date', 'to_date'],
    ws.config.periods.map((p) => [p.id, p.from, p.to]),
  );
  await engine.append(
    'an_band',
    ['kind', 'lower', 'upper', 'label'],
    [
      ...bands('age', cfg.age_bands),
      ...bands('consumption', cfg.consumption_age_groups),
      ...bands('benchmark', cfg.benchmark_age_groups ?? cfg.consumption_age_groups),
    ],
  );
  await engine.append(
    'an_interval',
    ['interval_no', 'lower_minor', 'upper_minor'],
    cfg.cost_intervals.map((lower, i) => {
      const upper = cfg.cost_intervals[i + 1];
      return [i + 1, toMinor(lower), upper === undefined ? null : toMinor(upper)];
    }),
  );
  await engine.append(
    'an_top_pct',
    ['pct'],
    cfg.top_shares.map((p) => [p]),
  );
  await engine.append('an_catalogue', ['code', 'law', 'paragraph', 'area', 'family'], catalogueRows(ws));
  // who is responsible for a code on a date (sector and authority): mart_payer's payer
  const ref = workspaceCatalogue(ws);
  await engine.append(
    'an_responsibility',
    ['code', 'valid_from', 'valid_to', 'sector', 'authority'],
    existsSync(cataloguePath(ref))
      ? responsibilityRows(loadCatalogue(ref)).map((r) => [
          r.code,
          r.valid_from,
          r.valid_to,
          r.sector,
          r.authority,
        ])
      : [],
  );
  await engine.append(
    'an_user_mix_area',
    ['area'],
    (cfg.user_mix_areas ?? defaultUserMixAreas(ws.config.country)).map((a) => [a]),
  );
  const groups = cfg.overlap_groups ?? defaultOverlapGroups(ws.config.country);
  await engine.append(
    'an_group',
    ['group_id', 'department'],
    groups.map((g) => [g.id, g.department ?? null]),
  );
  for (const r of cfg.results)
    await engine.append(
      'an_result_code',
      ['result_id', 'pattern'],
      (r.codes ?? ['*']).map((c) => [r.id, likePattern(c)]),
    );
}

/** The members of the chosen groups and results, after an_person (one row per period, municipality and person). */
async function members(engine: Engine, ws: Workspace, cfg: AnalysisConfig): Promise<void> {
  const lit = (s: string) => engine.dialect.literal(s);
  const groups = cfg.overlap_groups ?? defaultOverlapGroups(ws.config.country);
  for (const g of groups) await engine.exec(engine.dialect.render(groupMemberSql(g, lit)));
  for (const r of cfg.results)
    await engine.exec(`
      INSERT INTO an_result_member
      SELECT DISTINCT c.period, c.municipality, ${lit(r.id)}, c.pid
      FROM person_attribute a JOIN an_period p
        ON coalesce(a.from_date, DATE '0001-01-01') <= p.to_date AND coalesce(a.to_date, DATE '9999-12-31') >= p.from_date
      JOIN an_person c ON c.pid = a.person_key AND c.period = p.id
      WHERE a.attribute = ${lit(r.attribute)} AND a.value IN (${r.values.map(lit).join(', ')})`);
}

/** The members of a chosen group, as SQL with dialect placeholders (rendered by the caller). */
function groupMemberSql(g: ChosenGroupConfig, lit: (s: string) => string): string {
  if (g.attribute) {
    const values = g.values?.length ? `AND a.value IN (${g.values.map(lit).join(', ')})` : '';
    // a spell's length counts up to the period's end when it is still open (or ends later)
    const spell = g.min_weeks
      ? `AND {{ date_diff('day', a.from_date, least(coalesce(a.to_date, p.to_date), p.to_date)) }} >= ${7 * g.min_weeks}`
      : '';
    return `
      INSERT INTO an_group_member
      SELECT DISTINCT c.period, c.municipality, ${lit(g.id)}, c.pid
      FROM person_attribute a JOIN an_period p
        ON coalesce(a.from_date, DATE '0001-01-01') <= p.to_date AND coalesce(a.to_date, DATE '9999-12-31') >= p.from_date
      JOIN an_person c ON c.pid = a.person_key AND c.period = p.id
      WHERE a.attribute = ${lit(g.attribute)} ${values} ${spell}`;
  }
  const codes = `(${(g.codes ?? []).map((c) => `c.catalogue_code LIKE ${lit(likePattern(c))}`).join(' OR ')})`;
  return `
    INSERT INTO an_group_member
    SELECT c.period, c.municipality, ${lit(g.id)}, c.person_key FROM cost_person c
    WHERE c.person_key IS NOT NULL AND ${codes}
    GROUP BY c.period, c.municipality, c.person_key HAVING sum(c.volume) >= ${g.min_volume ?? 0}`;
}

function bands(kind: string, lowers: number[]): (string | number | null)[][] {
  return lowers.map((lower, i) => {
    const next = lowers[i + 1];
    return [kind, lower, next === undefined ? null : next - 1, bandLabel(lowers.map(BigInt), i)];
  });
}

/** "0-17", "18-29", …, "80+" from lower bounds. */
function bandLabel(lowers: bigint[], i: number): string {
  const next = lowers[i + 1];
  return next === undefined ? `${lowers[i]}+` : `${lowers[i]}-${next - 1n}`;
}

/** A CASE expression putting `column` in the bucket of its highest lower bound (faster than a range join). */
function bucketCase(
  column: string,
  lowers: bigint[],
  value: (lower: bigint, i: number, all: bigint[]) => string,
  otherwise = 'NULL',
): string {
  const arms = lowers
    .map((lower, i) => ({ lower, i }))
    .reverse()
    .map(({ lower, i }) => `WHEN ${column} >= ${lower} THEN ${value(lower, i, lowers)}`)
    .join(' ');
  return `CASE ${arms} ELSE ${otherwise} END`;
}

function catalogueRows(ws: Workspace): (string | null)[][] {
  const ref = workspaceCatalogue(ws);
  if (!existsSync(cataloguePath(ref))) return [];
  const byCode = new Map<string, (string | null)[]>();
  // later versions overwrite earlier ones: the newest law, area and family of a code are used
  const services = [...loadCatalogue(ref).services].sort((a, b) => a.valid_from.localeCompare(b.valid_from));
  for (const s of services) byCode.set(s.code, [s.code, s.law, s.paragraph, s.area, s.family]);
  return [...byCode.values()];
}
