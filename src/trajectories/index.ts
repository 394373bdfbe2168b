/**
 * Trajectories across sectors: hospital stays, 30-day acute readmissions, municipal co-financing (KMF),
 * transitions to municipal care and cluster indicators. Definitions and sources: docs/trajectories.md.
 * All work is SQL (sql/trajectories/*.sql); this module prepares settings as temp tables and macros.
 */
import { fileURLToPath } from 'node:url';
import { loadCatalogue } from '../catalogue/catalogue.js';
import { writeResponsibility } from '../catalogue/responsibility.js';
import type { Output } from '../core/effects.js';
import { userError } from '../core/messages.js';
import { kronerToMinor } from '../core/money.js';
import { workspaceCatalogue } from '../core/paths.js';
import type { Workspace } from '../config/workspace.js';
import type { Dialect } from '../engine/dialect.js';
import type { Engine } from '../engine/engine.js';
import { UserError } from '../errors.js';
import { formatMoney, formatNumber, tr } from '../i18n.js';
import { INDICATORS, TRANSITION_KINDS, parseTrajectoriesConfig, type TrajectoriesConfig } from './config.js';
import { loadDrgTable, type DrgTable } from './drg.js';
import { msg } from './messages.js';
import {
  coveredYears,
  KMF_FIRST_YEAR,
  KMF_LAST_YEAR,
  loadRateTable,
  RATE_MAX_AGE,
  type RateTable,
} from './rates.js';

export { personTimeline, type TimelineEvent } from './timeline.js';
export { parseTrajectoriesConfig, type TrajectoriesConfig } from './config.js';

/** The steps in order; each needs the ones before it. */
export const STEPS = ['stays', 'readmissions', 'kmf', 'drg', 'transitions', 'indicators'] as const;

/** KMF is abolished after a transition in 2027–2028: a year from here without KMF rates is not an error. */
export const KMF_REFORM_YEAR = 2027;
export type Step = (typeof STEPS)[number];

export interface TrajectoriesOptions {
  /** run only up to and including this step (the benchmark times stays, readmissions and KMF) */
  until?: Step;
}

export interface TrajectoriesSummary {
  data_end: string | null;
  contacts: number;
  stays: number;
  admissions: number;
  transfers: number;
  readmission?: {
    index_stays: number;
    readmissions: number;
    rate_pct: number | null;
    crude_index_stays: number;
    crude_readmissions: number;
    crude_rate_pct: number | null;
    excluded: Record<string, number>;
  };
  kmf?: {
    rate_table: string;
    /** set when no contact had a tariff or fee to price: contacts are listed with 0 and no cost rows written */
    skipped?: true;
    contacts: number;
    total_minor: bigint;
    by_code: { catalogue_code: string; contacts: number; kmf_minor: bigint }[];
    not_charged: Record<string, number>;
    invoice?: {
      invoiced_minor: bigint;
      computed_minor: bigint;
      difference_minor: bigint;
      deviations: number;
    };
    /** years from 2027 with contacts to price but no KMF rates: not charged (KMF abolished), with a warning */
    abolished_years?: number[];
  };
  /** the regional cost from DRG/DAGS values and practice fees, and which basis cost_person uses per year */
  drg?: {
    drg_table: string;
    contacts: number;
    total_minor: bigint;
    by_basis: Record<string, number>;
    /** cost_person's regional rows per year: 'kmf' or 'drg' */
    cost_basis: Record<string, 'kmf' | 'drg'>;
  };
  transitions?: {
    discharges: number;
    follow_up: number;
    follow_up_pct: number | null;
    median_days_to_first_service: number | null;
  };
  indicators?: number;
  seconds: Record<string, number>;
}

const sqlFile = (name: string) => new URL(`../../sql/trajectories/${name}`, import.meta.url);

/** Run the trajectories stage on a workspace's warehouse. */
export async function runTrajectories(
  ws: Workspace,
  engine: Engine,
  out: Output,
  options: TrajectoriesOptions = {},
): Promise<TrajectoriesSummary> {
  const cfg = parseTrajectoriesConfig(ws.config.trajectories, ws.configPath);
  const last = STEPS.indexOf(options.until ?? 'indicators');
  const runs = (s: Step) => STEPS.indexOf(s) <= last;
  const rates = runs('kmf') ? loadRateTable(cfg.kmf.rate_table, ws.resolve) : undefined;
  const drg = runs('drg') ? loadDrgTable(cfg.regional_cost.drg_table, ws.resolve) : undefined;
  const bar = out.progress(tr(msg.progress, out.lang), last + 1);
  const seconds: Record<string, number> = {};
  const timed = async (name: string, fn: () => Promise<void>) => {
    const t0 = performance.now();
    await fn();
    seconds[name] = Math.round(performance.now() - t0) / 1000;
    bar.tick();
  };
  try {
    return await engine.transaction(async (db) => {
      const dataEnd = await prepare(db, ws, cfg, rates, drg);
      const vars = sqlVars(cfg, dataEnd);
      let kmfSkipped = false;
      let abolished: number[] = [];
      await timed('stays', () => db.execFile(sqlFile('01_stay.sql'), vars));
      if (runs('readmissions'))
        await timed('readmissions', async () => {
          await db.execFile(sqlFile('02_readmission.sql'), vars);
          await db.execFile(sqlFile('03_readmission_rate.sql'), vars);
        });
      if (runs('kmf'))
        await timed('kmf', async () => {
          ({ skipped: kmfSkipped, abolished } = await checkRateYears(db, rates!, out));
          const basis = costBasis(cfg.regional_cost.basis, rates!, kmfSkipped);
          const kmfVars = { ...vars, kmf_priced: basis.kmf };
          await withoutFsst(db, () => db.execFile(sqlFile('04_kmf.sql'), kmfVars));
          await db.execFile(sqlFile('05_kmf_cost.sql'), kmfVars);
        });
      if (runs('drg'))
        await timed('drg', async () => {
          await dropOldDrgTable(db);
          await db.execFile(sqlFile('08_drg_cost.sql'), {
            ...vars,
            drg_in_cost: costBasis(cfg.regional_cost.basis, rates!, kmfSkipped).drg,
            prefer_own: cfg.regional_cost.prefer === 'contact_tariff' ? 'true' : 'false',
          });
        });
      if (runs('transitions'))
        await timed('transitions', () => db.execFile(sqlFile('06_transition.sql'), vars));
      if (runs('indicators'))
        await timed('indicators', () => db.execFile(sqlFile('07_cluster_indicator.sql'), vars));
      const summary = await summarise(db, rates, drg, runs, dataEnd);
      if (summary.kmf && kmfSkipped) summary.kmf.skipped = true;
      if (summary.kmf && abolished.length > 0) summary.kmf.abolished_years = abolished;
      summary.seconds = seconds;
      return summary;
    });
  } catch (e) {
    throw outOfRoom(e, ws);
  } finally {
    await resetCompression(engine);
    bar.stop();
  }
}

/**
 * Run `fn` with DuckDB's FSST string compression off. DuckDB tries every compression on every string column it
 * writes; kmf_contact's ten string columns (one row per contact) all end up in dictionaries, and trying FSST on
 * them was ≈ 20 % of the step's CPU (docs/performance.md, "Trajectories per contact"). The rows are the same;
 * only contact_id and stay_id are stored less tightly. Other engines: `fn` alone.
 */
async function withoutFsst(db: Engine, fn: () => Promise<void>): Promise<void> {
  if (db.dialect.name !== 'duckdb') return fn();
  await db.exec(`SET disabled_compression_methods = 'fsst'`);
  // on an error the transaction is aborted and takes no RESET (its error would hide fn's): resetCompression,
  // after the rollback, puts it back (a setting is not rolled back)
  await fn();
  await db.exec('RESET disabled_compression_methods');
}

/** After the stage's transaction, whatever ended it: DuckDB's compression setting as withoutFsst found it. */
async function resetCompression(engine: Engine): Promise<void> {
  if (engine.dialect.name !== 'duckdb') return;
  // inside a caller's transaction that an error aborted, nothing runs until its rollback: leave it to the caller
  await engine.exec('RESET disabled_compression_methods').catch(() => {});
}

/**
 * drg_contact is a view (08_drg_cost.sql); a warehouse written before holds it as a table, which DROP VIEW
 * cannot remove (DuckDB and PostgreSQL both refuse to drop a table as a view).
 */
async function dropOldDrgTable(db: Engine): Promise<void> {
  const old = await db.all<{ t: string }>(
    `SELECT table_type AS t FROM information_schema.tables
     WHERE table_name = 'drg_contact' AND table_schema = current_schema()`,
  );
  if (old.some((r) => r.t === 'BASE TABLE')) await db.exec('DROP TABLE drg_contact');
}

/**
 * DuckDB's out-of-memory error (memory_limit reached and the spill at temp_limit, or nothing left to spill) as a
 * user error naming the workspace's two settings; any other error unchanged.
 */
export function outOfRoom(e: unknown, ws: Workspace): unknown {
  const detail = e instanceof Error ? e.message : String(e);
  if (!/Out of Memory Error/i.test(detail)) return e;
  return userError(
    'trajectories.out_of_room',
    {
      memory: ws.config.memory_limit,
      temp: ws.config.temp_limit,
      detail: detail.split('\n')[0]!,
    },
    { file: ws.configPath, key: 'temp_limit' },
  );
}

/** Print the summary lines of a run in the user's language. */
export function reportTrajectories(summary: TrajectoriesSummary, cfg: TrajectoriesConfig, out: Output): void {
  // counts read by a plural go in as numbers: its `#` groups them in the reader's locale
  const n = (v: number) => formatNumber(v, out.lang);
  const pct = (v: number | null) => (v === null ? '–' : formatNumber(v, out.lang, 1));
  out.info(
    tr(msg.stays, out.lang, {
      contacts: summary.contacts,
      stays: summary.stays,
      admissions: summary.admissions,
      transfers: n(summary.transfers),
    }),
  );
  const r = summary.readmission;
  if (r)
    out.info(
      tr(msg.readmissions, out.lang, {
        days: cfg.readmission_days,
        readmissions: n(r.readmissions),
        index: r.index_stays,
        rate: pct(r.rate_pct),
        crude: pct(r.crude_rate_pct),
      }),
    );
  const k = summary.kmf;
  // a skipped KMF was announced with a warning during the run; its 0 kr would read as a result
  if (k && !k.skipped) {
    out.info(
      tr(msg.kmf, out.lang, {
        total: formatMoney(k.total_minor, out.lang),
        contacts: k.contacts,
        table: k.rate_table,
      }),
    );
    const missing = Object.entries(k.not_charged);
    if (missing.length > 0)
      out.warn(
        tr(msg.kmfMissing, out.lang, {
          n: missing.reduce((s, [, c]) => s + c, 0),
          reasons: missing.map(([reason, c]) => `${reason}: ${n(c)}`).join(', '),
        }),
      );
    if (k.invoice)
      out.info(
        tr(msg.invoice, out.lang, {
          invoiced: formatMoney(k.invoice.invoiced_minor, out.lang),
          computed: formatMoney(k.invoice.computed_minor, out.lang),
          difference: formatMoney(k.invoice.difference_minor, out.lang),
          deviations: k.invoice.deviations,
        }),
      );
  }
  const d = summary.drg;
  if (d) {
    const years = (b: 'kmf' | 'drg') =>
      Object.entries(d.cost_basis)
        .filter(([, v]) => v === b)
        .map(([y]) => y)
        .join(', ') || '–';
    out.info(
      tr(msg.drg, out.lang, {
        total: formatMoney(d.total_minor, out.lang),
        contacts: d.contacts,
        table: n(d.by_basis.drg_table ?? 0),
        own: n(d.by_basis.contact_tariff ?? 0),
        fee: n(d.by_basis.practice_fee ?? 0),
        none: n(d.by_basis.none ?? 0),
        kmfYears: years('kmf'),
        drgYears: years('drg'),
      }),
    );
  }
  const t = summary.transitions;
  if (t)
    out.info(
      tr(msg.transitions, out.lang, {
        discharges: t.discharges,
        followUp: pct(t.follow_up_pct),
        days: cfg.follow_up_days,
      }),
    );
  if (summary.indicators !== undefined) out.info(tr(msg.indicators, out.lang, { n: summary.indicators }));
}

/** The `${name}` values of the SQL models (exported for the dialect test). */
export function sqlVars(cfg: TrajectoriesConfig, dataEnd: string | null): Record<string, string> {
  return {
    gap_seconds: String(Math.round(cfg.stay_gap_hours * 3600)),
    admission_seconds: String(Math.round(cfg.admission_hours * 3600)),
    readmission_days: String(cfg.readmission_days),
    scope_all: cfg.readmission_scope === 'all' ? 'true' : 'false',
    data_end: dataEnd ? `DATE '${dataEnd}'` : `DATE '0001-01-01'`,
    follow_up_days: String(cfg.follow_up_days),
    multimorbid_min: String(cfg.multimorbid_min_conditions),
    tolerance_minor: kronerToMinor(cfg.kmf.tolerance_kr).toString(),
    max_age: String(RATE_MAX_AGE),
  };
}

/** Settings become temp tables and macros the SQL models read; returns the data end used for censoring. */
async function prepare(
  db: Engine,
  ws: Workspace,
  cfg: TrajectoriesConfig,
  rates: RateTable | undefined,
  drg: DrgTable | undefined,
): Promise<string | null> {
  const lit = (s: string) => db.dialect.literal(s);
  const periods = ws.config.periods;
  for (const statement of trajectoryMacros(db.dialect, cfg, periods)) await db.exec(statement);
  // temp tables through the dialect, which knows whether the engine can CREATE OR REPLACE
  const tempTable = (name: string, columns: string) =>
    db.exec(db.dialect.render(`{{ replace_temp_table(${name}) }} (${columns})`));

  await tempTable(
    'traj_period_def',
    'id VARCHAR, from_date DATE, to_date DATE, ord INTEGER, pop_year INTEGER',
  );
  for (const [i, p] of periods.entries())
    await db.exec(`INSERT INTO traj_period_def VALUES ($id, CAST($f AS DATE), CAST($t AS DATE), $o, $y)`, {
      id: p.id,
      f: p.from,
      t: p.to,
      o: i,
      y: Number(p.from.slice(0, 4)),
    });

  await tempTable('traj_cluster', 'cluster VARCHAR, municipality VARCHAR');
  for (const [cluster, codes] of Object.entries(cfg.clusters))
    for (const m of codes) await db.exec(`INSERT INTO traj_cluster VALUES ($c, $m)`, { c: cluster, m });

  await tempTable('traj_target', 'indicator VARCHAR, target {{ type(double) }}, lower_better BOOLEAN');
  for (const [indicator, target] of Object.entries(cfg.targets))
    await db.exec(`INSERT INTO traj_target VALUES ($i, $t, $l)`, {
      i: indicator,
      t: target as number,
      l: INDICATORS[indicator as keyof typeof INDICATORS] === 'lower',
    });

  // a catalogue path in the config is relative to the workspace, not to the current folder
  const catalogue = loadCatalogue(workspaceCatalogue(ws));
  await tempTable('traj_catalogue', 'code VARCHAR, law_ref VARCHAR, unit VARCHAR');
  await tempTable('traj_followup', 'code VARCHAR, kind VARCHAR');
  const seen = new Set<string>();
  for (const s of catalogue.services) {
    if (s.sector === 'regional' && !seen.has(s.code)) {
      seen.add(s.code);
      await db.exec(`INSERT INTO traj_catalogue VALUES ($c, $l, $u)`, {
        c: s.code,
        l: `${s.law} ${s.paragraph}`.trim(),
        u: s.unit,
      });
    }
  }
  // who is responsible for each service on each day (the 2027 reform moves some to the regions)
  await writeResponsibility(db, catalogue);
  const followUp = followUpCodes(cfg, catalogue.services);
  for (const [code, kind] of followUp)
    await db.exec(`INSERT INTO traj_followup VALUES ($c, $k)`, { c: code, k: kind });

  await tempTable(
    'traj_kmf_rate',
    'kind VARCHAR, year INTEGER, age INTEGER, pct_bp INTEGER, cap_minor BIGINT, tariff_minor BIGINT',
  );
  for (const r of rates?.rates ?? [])
    await db.exec(
      `INSERT INTO traj_kmf_rate SELECT $k, y, a, $p, $c, $t
       FROM unnest(range($y0, $y1 + 1)) AS ys(y), unnest(range($a0, $a1 + 1)) AS ag(a)`,
      {
        k: r.kind,
        p: r.pctBp,
        c: r.capMinor,
        t: r.tariffMinor,
        y0: r.yearFrom,
        y1: r.yearTo,
        a0: r.ageLo,
        a1: r.ageHi,
      },
    );

  await tempTable('traj_drg_rate', 'year INTEGER, code VARCHAR, tariff_minor BIGINT, verified BOOLEAN');
  for (const r of drg?.tariffs ?? [])
    await db.exec(
      `INSERT INTO traj_drg_rate SELECT y, $c, $t, $v FROM unnest(range($y0, $y1 + 1)) AS ys(y)`,
      { c: r.code, t: r.tariffMinor, v: r.verified, y0: r.yearFrom, y1: r.yearTo },
    );

  await tempTable('traj_std_weight', 'age_band VARCHAR, sex VARCHAR, weight {{ type(double) }}');
  if (cfg.standardisation) {
    const year = cfg.standardisation.year ?? Number(periods[0]!.from.slice(0, 4));
    const munis = cfg.standardisation.municipalities;
    await db.exec(
      `INSERT INTO traj_std_weight SELECT traj_age_band(age), sex, sum(count) FROM population
       WHERE year = $y ${munis ? `AND municipality IN (${munis.map(lit).join(', ')})` : ''}
       GROUP BY traj_age_band(age), sex`,
      { y: year },
    );
  }

  if (cfg.data_end) return cfg.data_end;
  const row = await db.one<{ d: string | null }>(
    `SELECT CAST(max(CAST(coalesce(discharge_time, admit_time) AS DATE)) AS VARCHAR) AS d FROM hospital_contact`,
  );
  return row.d;
}

/**
 * The settings as scalar macros, in the dialect's form (DuckDB temp macros, PostgreSQL SQL functions);
 * exported for the dialect test, which defines them in PostgreSQL.
 */
export function trajectoryMacros(
  dialect: Dialect,
  cfg: TrajectoriesConfig,
  periods: { id: string; from: string; to: string }[],
): string[] {
  const lit = (s: string) => dialect.literal(s);
  const m = (name: string, params: string, returns: string, body: string) =>
    dialect.defineMacro(
      name,
      params.split(', ').map((p) => {
        const [n, type] = p.split(' ') as [string, string];
        return { name: n, type };
      }),
      returns,
      body,
    );
  return [
    m(
      'traj_period',
      'd date',
      'varchar',
      `CASE
    ${periods.map((p) => `WHEN d BETWEEN DATE ${lit(p.from)} AND DATE ${lit(p.to)} THEN ${lit(p.id)}`).join('\n    ')}
    ELSE CAST(NULL AS VARCHAR) END`,
    ),
    // Age in completed years on a day; the day of birth is unknown, so birth counts from the 1st of the month.
    m(
      'traj_age',
      'byear integer, bm integer, d date',
      'integer',
      `CASE WHEN byear IS NULL THEN CAST(NULL AS INTEGER)
    ELSE CAST(extract(year FROM d) - byear - CASE WHEN bm IS NOT NULL AND extract(month FROM d) < bm THEN 1 ELSE 0 END AS INTEGER) END`,
    ),
    m(
      'traj_age_band',
      'a integer',
      'varchar',
      `CASE WHEN a IS NULL THEN CAST(NULL AS VARCHAR)
    ${ageBandCases(cfg.age_bands)} END`,
    ),
    m(
      'traj_stay_id',
      'pk bigint, psy boolean, t timestamp',
      'varchar',
      `CAST(pk AS VARCHAR) || CASE WHEN psy THEN ':P' ELSE ':S' END || {{ timestamp_key(t) }}`,
    ),
    // SKS codes are 'D' + ICD-10 (DC509); a plain ICD-10 code (C50.9) is given the 'D' first.
    m(
      'traj_diag',
      'x varchar',
      'varchar',
      `CASE WHEN {{ regexp_matches(x, '^D[A-Z]') }} THEN x ELSE 'D' || x END`,
    ),
    m(
      'traj_exclusion',
      'diag varchar',
      'varchar',
      `CASE WHEN diag IS NULL THEN CAST(NULL AS VARCHAR)
    ${cfg.exclusions.map((g) => `WHEN ${g.diagnoses.map((p) => patternSql(p, lit)).join(' OR ')} THEN ${lit(g.group)}`).join('\n    ')}
    ELSE CAST(NULL AS VARCHAR) END`,
    ),
    // Exact percentages: basis points on øre, half away from zero to whole øre per contact. BIGINT holds
    // any tariff below 9.2 · 10^14 øre × 10,000 bp; beyond that DuckDB stops with an overflow error.
    m(
      'traj_pct',
      'base bigint, bp integer',
      'bigint',
      `CASE WHEN base IS NULL OR bp IS NULL THEN CAST(NULL AS BIGINT)
    WHEN base >= 0 THEN {{ intdiv(CAST(base AS BIGINT) * bp + 5000, 10000) }}
    ELSE -{{ intdiv(-CAST(base AS BIGINT) * bp + 5000, 10000) }} END`,
    ),
  ];
}

function ageBandCases(bands: number[]): string {
  return bands
    .map((lo, i) => {
      const next = bands[i + 1];
      const label = next === undefined ? `${lo}+` : `${lo}-${next - 1}`;
      return next === undefined ? `ELSE '${label}'` : `WHEN a < ${next} THEN '${label}'`;
    })
    .join(' ');
}

/** A diagnosis pattern as SQL over the normalised code: prefix 'DC' or range 'DX60-DX84'. */
function patternSql(pattern: string, lit: (s: string) => string): string {
  const [lo, hi] = pattern.split('-') as [string, string | undefined];
  const head = `substr(traj_diag(upper(replace(trim(diag), '.', ''))), 1, ${lo.length})`;
  return hi === undefined ? `${head} = ${lit(lo)}` : `${head} BETWEEN ${lit(lo)} AND ${lit(hi)}`;
}

/** Catalogue code → follow-up kind: configured lists first, else by catalogue family and paragraph. */
function followUpCodes(
  cfg: TrajectoriesConfig,
  services: { code: string; family: string; paragraph: string; law: string; sector: string }[],
): Map<string, string> {
  const map = new Map<string, string>();
  for (const kind of TRANSITION_KINDS) {
    const configured = cfg.follow_up_codes[kind];
    if (configured) {
      for (const code of configured) map.set(code, kind);
      continue;
    }
    for (const s of services) {
      if (s.sector !== 'municipal' || map.has(s.code)) continue;
      const hit =
        (kind === 'home_care' && s.family === 'home_care') ||
        (kind === 'home_nursing' && s.family === 'nursing') ||
        (kind === 'rehabilitation' && s.law === 'Sundhedsloven' && s.paragraph === '§ 140') ||
        (kind === 'temporary_stay' && s.family === 'temporary_stay');
      if (hit) map.set(s.code, kind);
    }
  }
  return map;
}

/**
 * Check that the rate table covers every year with a contact KMF can price (a tariff or fee, or psychiatric at
 * the national tariff); returns true when no contact can be priced, so KMF is skipped with a warning.
 * Years before KMF began (2007) or after the last a table can hold are not charged (status no_rate).
 */
async function checkRateYears(
  db: Engine,
  rates: RateTable,
  out: Output,
): Promise<{ skipped: boolean; abolished: number[] }> {
  const rows = await db.all<{ y: number; priceable: bigint; contacts: bigint }>(
    `WITH c AS (
       SELECT CAST(year(s.discharge_time) AS INTEGER) AS y, c.psychiatric OR c.tariff_minor IS NOT NULL AS priceable
       FROM stay_contact c JOIN stay s USING (stay_key) WHERE s.period IS NOT NULL AND s.discharge_time IS NOT NULL
       UNION ALL
       SELECT CAST(year(contact_date) AS INTEGER), fee_minor IS NOT NULL
       FROM gp_contact WHERE traj_period(contact_date) IS NOT NULL
     )
     SELECT y, count(*) FILTER (WHERE priceable) AS priceable, count(*) AS contacts FROM c GROUP BY y ORDER BY y`,
  );
  const contacts = rows.reduce((n, r) => n + Number(r.contacts), 0);
  if (contacts > 0 && rows.every((r) => r.priceable === 0n)) {
    out.warn(tr(msg.kmfSkipped, out.lang, { contacts }));
    return { skipped: true, abolished: [] };
  }
  const covered = coveredYears(rates);
  const uncovered = rows
    .filter((r) => r.priceable > 0n && r.y >= KMF_FIRST_YEAR && r.y <= KMF_LAST_YEAR && !covered.has(r.y))
    .map((r) => r.y);
  // from 2027 KMF is abolished (after a transition): a year without rates is not charged, never invented
  const abolished = uncovered.filter((y) => y >= KMF_REFORM_YEAR);
  const missing = uncovered.filter((y) => y < KMF_REFORM_YEAR);
  if (missing.length > 0) {
    const vars = { table: rates.id, years: missing.join(', '), first: KMF_FIRST_YEAR, last: KMF_LAST_YEAR };
    throw new UserError(tr(msg.noRates, out.lang, vars), {
      file: rates.file,
      key: 'versions',
      hint: tr(msg.noRatesHint, out.lang, vars),
    });
  }
  if (abolished.length > 0)
    out.warn(tr(msg.kmfAbolished, out.lang, { table: rates.id, years: abolished.join(', ') }));
  return { skipped: false, abolished };
}

/**
 * Which years' regional rows of cost_person are KMF and which DRG, as SQL conditions on `year`: never both
 * for one year (KMF is a share of the same activity's DRG value). auto = KMF where the KMF table has rates.
 */
export function costBasis(
  basis: TrajectoriesConfig['regional_cost']['basis'],
  rates: RateTable,
  kmfSkipped: boolean,
): { kmf: string; drg: string } {
  if (basis === 'kmf') return { kmf: kmfSkipped ? 'false' : 'true', drg: 'false' };
  if (basis === 'drg') return { kmf: 'false', drg: 'true' };
  if (kmfSkipped) return { kmf: 'false', drg: 'true' };
  const spans = [...new Set(rates.rates.map((r) => `${r.yearFrom}:${r.yearTo}`))].map((s) => s.split(':'));
  const covered = spans.length
    ? `(${spans.map(([a, b]) => `year BETWEEN ${Number(a)} AND ${Number(b)}`).join(' OR ')})`
    : 'false';
  return { kmf: covered, drg: `NOT ${covered}` };
}

async function summarise(
  db: Engine,
  rates: RateTable | undefined,
  drg: DrgTable | undefined,
  runs: (s: Step) => boolean,
  dataEnd: string | null,
): Promise<TrajectoriesSummary> {
  const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
  const maybe = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const s = await db.one(
    `SELECT (SELECT count(*) FROM stay_contact) AS contacts, count(*) AS stays,
            count(*) FILTER (WHERE is_admission) AS admissions, count(*) FILTER (WHERE transfer) AS transfers FROM stay`,
  );
  const summary: TrajectoriesSummary = {
    data_end: dataEnd,
    contacts: num(s.contacts),
    stays: num(s.stays),
    admissions: num(s.admissions),
    transfers: num(s.transfers),
    seconds: {},
  };
  if (runs('readmissions')) {
    const r = await db.one(
      `SELECT coalesce(sum(index_stays), 0) AS i, coalesce(sum(readmissions), 0) AS k,
              coalesce(sum(crude_index_stays), 0) AS ci, coalesce(sum(crude_readmissions), 0) AS ck
       FROM readmission_rate WHERE level = 'total'`,
    );
    const ex = await db.all<{ reason: string; n: bigint }>(
      `SELECT excluded_reason AS reason, count(*) AS n FROM readmission
       WHERE excluded_reason IS NOT NULL AND period IS NOT NULL GROUP BY 1 ORDER BY 1`,
    );
    const rate = (k: number, i: number) => (i > 0 ? Math.round((10000 * k) / i) / 100 : null);
    summary.readmission = {
      index_stays: num(r.i),
      readmissions: num(r.k),
      rate_pct: rate(num(r.k), num(r.i)),
      crude_index_stays: num(r.ci),
      crude_readmissions: num(r.ck),
      crude_rate_pct: rate(num(r.ck), num(r.ci)),
      excluded: Object.fromEntries(ex.map((e) => [e.reason, Number(e.n)])),
    };
  }
  if (runs('kmf')) {
    const byCode = await db.all<{ catalogue_code: string; contacts: bigint; kmf_minor: bigint }>(
      `SELECT catalogue_code, count(*) AS contacts, CAST(sum(kmf_minor) AS BIGINT) AS kmf_minor
       FROM kmf_contact GROUP BY 1 ORDER BY 1`,
    );
    const missing = await db.all<{ status: string; n: bigint }>(
      `SELECT status, count(*) AS n FROM kmf_contact WHERE status <> 'ok' GROUP BY 1 ORDER BY 1`,
    );
    const inv = await db.one(
      `SELECT count(*) AS n, CAST(coalesce(sum(invoiced_minor), 0) AS BIGINT) AS invoiced,
              CAST(coalesce(sum(computed_invoiced_minor), 0) AS BIGINT) AS computed,
              CAST(coalesce(sum(difference_minor), 0) AS BIGINT) AS diff, count(*) FILTER (WHERE deviation) AS dev
       FROM kmf_reconciliation`,
    );
    summary.kmf = {
      rate_table: rates!.id,
      contacts: byCode.reduce((a, b) => a + Number(b.contacts), 0),
      total_minor: byCode.reduce((a, b) => a + (b.kmf_minor ?? 0n), 0n),
      by_code: byCode.map((b) => ({
        catalogue_code: b.catalogue_code,
        contacts: Number(b.contacts),
        kmf_minor: b.kmf_minor ?? 0n,
      })),
      not_charged: Object.fromEntries(missing.map((m) => [m.status, Number(m.n)])),
      invoice:
        num(inv.n) > 0
          ? {
              invoiced_minor: inv.invoiced as bigint,
              computed_minor: inv.computed as bigint,
              difference_minor: inv.diff as bigint,
              deviations: num(inv.dev),
            }
          : undefined,
    };
  }
  if (runs('drg')) {
    const rows = await db.all<{ basis: string; n: bigint; total: bigint | null }>(
      `SELECT coalesce(basis, 'none') AS basis, count(*) AS n, CAST(sum(drg_minor) AS BIGINT) AS total
       FROM drg_contact GROUP BY 1 ORDER BY 1`,
    );
    const years = await db.all<{ year: bigint | number; cost_basis: 'kmf' | 'drg' }>(
      `SELECT DISTINCT year, cost_basis FROM drg_contact WHERE year IS NOT NULL ORDER BY year`,
    );
    summary.drg = {
      drg_table: drg!.id,
      contacts: rows.reduce((a, r) => a + Number(r.n), 0),
      total_minor: rows.reduce((a, r) => a + (r.total ?? 0n), 0n),
      by_basis: Object.fromEntries(rows.map((r) => [r.basis, Number(r.n)])),
      cost_basis: Object.fromEntries(years.map((y) => [String(y.year), y.cost_basis])),
    };
  }
  if (runs('transitions')) {
    const t = await db.one(
      `SELECT count(*) AS n, count(*) FILTER (WHERE follow_up) AS f, median(days_to_first_service) AS m FROM transition`,
    );
    summary.transitions = {
      discharges: num(t.n),
      follow_up: num(t.f),
      follow_up_pct: num(t.n) > 0 ? Math.round((10000 * num(t.f)) / num(t.n)) / 100 : null,
      median_days_to_first_service: maybe(t.m),
    };
  }
  if (runs('indicators')) {
    const c = await db.one(`SELECT count(*) AS n FROM cluster_indicator`);
    summary.indicators = num(c.n);
  }
  return summary;
}

/** Where the SQL models live (for docs and tools). */
export const SQL_DIR = fileURLToPath(new URL('../../sql/trajectories/', import.meta.url));
