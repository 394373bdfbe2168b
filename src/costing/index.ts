/**
 * KPB costing (Kostnad per brukare, docs/costing.md): ledger → translation table → common pools →
 * unit cost per intervention → cost per person → reconciliation to the øre.
 */
import { loadCatalogue } from '../catalogue/catalogue.js';
import { workspaceCatalogue } from '../core/paths.js';
import type { CostingConfig, PoolConfig } from '../config/schema.js';
import type { Workspace } from '../config/workspace.js';
import type { Engine } from '../engine/engine.js';
import { UserError } from '../errors.js';
import { userError } from '../core/messages.js';
import { tr, type Lang } from '../i18n.js';
import type { Output } from '../core/effects.js';
import { computeKeyFigures, DEFAULT_KEY_FIGURES, type CodeInfo } from './keyfigures.js';
import { costFreshness, costInputs, keptWarning, recordCostRun } from './freshness.js';
import { T } from './messages.js';
import { allocateCells, buildCells, type Cell } from './allocate.js';
import { COSTING_ROWS, resolveMethods } from './methods.js';
import type { Provider } from './patterns.js';
import { interventionKey, orderPools } from './pools.js';
import { ivCellKey, reconcileCell, reconcileError, type Row } from './reconcile.js';
import { insertRows, insertSql, valuesSql } from './store.js';
import { matchLedger, readTranslationTable } from './translation.js';
import { writeVolumes } from './volume.js';

export { exportKeyFiguresCsv } from './keyfigures.js';
export { allocationUnit } from './allocate.js';

const SQL = (name: string) => new URL(`../../sql/costing/${name}`, import.meta.url);

export interface CostingSummary {
  periods: string[];
  municipalities: string[];
  ledgerLines: bigint;
  ledgerMinor: bigint;
  attributedMinor: bigint;
  attributedOutsideLedgerMinor: bigint;
  nonattributableMinor: bigint;
  excludedMinor: bigint;
  persons: bigint;
  costPersonRows: bigint;
  interventions: number;
  pools: { pool: string; kind: string; key: string; order: number; ledgerMinor: bigint }[];
  keyFigures: number;
  warnings: string[];
}

/** costing.open_activities, checked: ids unique and not pool ids. */
function checkOpenActivities(costing: CostingConfig, pools: PoolConfig[]): { id: string; volume?: number }[] {
  const list = costing.open_activities ?? [];
  list.forEach((o, i) => {
    if (list.findIndex((x) => x.id === o.id) !== i || pools.some((p) => p.id === o.id))
      throw userError(
        'costing-texts.open_activity_twice',
        { id: o.id },
        { key: `costing.open_activities[${i}].id` },
      );
  });
  return list;
}

/**
 * Cost every service of the workspace with the KPB method and write cost_unit, cost_person (rows
 * of its own methods, not trajectories' kmf and drg rows), cost_nonattributable, cost_reconciliation, cost_pool_allocation and
 * cost_key_figure. Stops with a UserError on unmatched or doubly matched ledger lines.
 * @example const summary = await runCosting(ws, engine, out); summary.attributedMinor
 */
export async function runCosting(ws: Workspace, engine: Engine, out: Output): Promise<CostingSummary> {
  const lang = out.lang;
  const costing = ws.config.costing;
  if (!costing)
    throw new UserError(tr(T.noCosting, lang), {
      file: ws.configPath,
      key: 'costing',
      hint: tr(T.noCostingHint, lang),
    });
  const bar = out.progress(tr(T.progress, lang), 5);
  let inputs: string | undefined;
  try {
    // the fingerprint's pass over the ledger also finds a ledger period that is not a configured one
    const read = await costInputs(
      ws,
      engine,
      ws.config.periods.map((p) => p.id),
    );
    inputs = read.hash;
    return await costAll(ws, engine, out, costing, lang, bar.tick, inputs, read.strayPeriod);
  } catch (e) {
    // the write is one transaction, so the previous results are still there: mark them out of date
    if (inputs) await markFailed(ws, engine, out, inputs, e);
    throw e;
  } finally {
    bar.stop();
  }
}

async function markFailed(ws: Workspace, engine: Engine, out: Output, inputs: string, e: unknown) {
  try {
    await recordCostRun(engine, 'failed', inputs, e instanceof Error ? e.message : String(e));
    const kept = keptWarning(await costFreshness(ws, engine), out.lang);
    if (kept) out.warn(kept);
  } catch {
    // a read-only or broken warehouse: the original error is the one to report
  }
}

async function costAll(
  ws: Workspace,
  engine: Engine,
  out: Output,
  costing: CostingConfig,
  lang: Lang,
  tick: () => void,
  inputs: string,
  strayPeriod: string | null,
): Promise<CostingSummary> {
  const warnings: string[] = [];
  const catalogue = loadCatalogue(workspaceCatalogue(ws));
  const codeInfo = new Map<string, CodeInfo & { unit: string }>();
  for (const s of catalogue.services) codeInfo.set(s.code, { unit: s.unit, family: s.family, area: s.area });
  const pools = orderPools(costing.pools);
  await engine.execFile(SQL('tables.sql'));
  await engine.execFile(SQL('macros.sql'));

  // 1. Periods, and every ledger period must be one of them.
  const periods = ws.config.periods;
  await engine.exec(
    `CREATE OR REPLACE TEMP TABLE cost_work_period AS SELECT col0 AS period, col1::DATE AS from_date, col2::DATE AS to_date
     FROM (VALUES ${valuesSql(
       engine,
       periods.map((p) => [p.id, p.from, p.to]),
     )})`,
  );
  if (strayPeriod !== null) {
    throw new UserError(tr(T.unknownPeriod, lang, { period: strayPeriod }), {
      file: ws.configPath,
      key: 'periods',
      hint: tr(T.unknownPeriodHint, lang),
    });
  }

  // 2. Translation table → ledger amount per target.
  out.info(tr(T.stepMatch, lang));
  const openActivities = checkOpenActivities(costing, pools);
  // without a ledger (price and record-amount methods only) there is nothing to translate
  const ttFile = costing.translation_table ? ws.resolve(costing.translation_table) : undefined;
  if (!ttFile) await requireNoLedger(ws, engine);
  const rules = ttFile
    ? readTranslationTable({
        file: ttFile,
        poolIds: new Set(pools.map((p) => p.id)),
        openIds: new Set(openActivities.map((o) => o.id)),
        codes: new Set(codeInfo.keys()),
        lang,
      })
    : [];
  const targets = ttFile ? await matchLedger(engine, rules, ttFile, lang) : [];
  tick();

  // 3. Methods and prices per (code, provider); volumes prorated over periods.
  out.info(tr(T.stepVolume, lang));
  // every catalogue code × provider: no scan of the service table needed to know which codes exist
  const seen = new Map<string, { code: string; provider: Provider }>();
  for (const code of [...codeInfo.keys()].sort())
    for (const provider of ['own', 'external'] as const)
      seen.set(interventionKey(code, provider), { code, provider });
  for (const t of targets)
    if (t.targetType === 'intervention')
      seen.set(interventionKey(t.target, t.provider), { code: t.target, provider: t.provider });
  const { methods, prices } = resolveMethods(ws, costing, [...seen.values()]);
  const methodOf = new Map(methods.map((m) => [interventionKey(m.code, m.provider), m.method]));
  await engine.exec(
    `CREATE OR REPLACE TEMP TABLE cost_work_method (catalogue_code VARCHAR, provider VARCHAR, method VARCHAR)`,
  );
  await engine.append(
    'cost_work_method',
    ['catalogue_code', 'provider', 'method'],
    methods.map((m) => [m.code, m.provider, m.method]),
  );
  await engine.exec(
    `CREATE OR REPLACE TEMP TABLE cost_work_price (catalogue_code VARCHAR, provider VARCHAR, unit VARCHAR, valid_from DATE, valid_to DATE, price_minor BIGINT)`,
  );
  if (prices.length > 0) {
    await engine.exec(
      `INSERT INTO cost_work_price VALUES ${valuesSql(
        engine,
        prices.map((p) => [p.code, p.provider, p.unit, p.validFrom, p.validTo, p.priceMinor]),
      )}`,
    );
  }
  const lastDay = periods
    .map((p) => p.to)
    .sort()
    .at(-1)!;
  const { volumes, unidentified: unidentifiedOf } = await writeVolumes(
    engine,
    ws,
    costing,
    catalogue,
    prices,
    methods,
    lastDay,
    lang,
  );
  const years = calendarYears(periods);
  tick();

  // 4. Cells (period × municipality): direct costs, pools, volumes; allocate pools.
  out.info(tr(T.stepPools, lang));
  for (const v of volumes)
    if (v.missing > 0n)
      warnings.push(
        tr(T.warnNoAmount, lang, {
          code: v.code,
          period: v.period,
          municipality: v.municipality,
          n: v.missing.toString(),
        }),
      );
  const cells = buildCells(targets, volumes, methodOf, openActivities);
  const { allocations, totals } = allocateCells(
    cells,
    pools,
    (code) => codeInfo.get(code)?.unit,
    costing.home_care_measure,
  );
  await engine.exec(
    `CREATE OR REPLACE TEMP TABLE cost_work_total (period VARCHAR, municipality VARCHAR, catalogue_code VARCHAR, provider VARCHAR, unit VARCHAR, total_minor BIGINT, weight_total HUGEINT)`,
  );
  await insertRows(
    engine,
    'cost_work_total',
    ['period', 'municipality', 'catalogue_code', 'provider', 'unit', 'total_minor', 'weight_total'],
    totals.map((t) => [t.period, t.municipality, t.code, t.provider, t.unit, t.totalMinor, t.weightTotal]),
  );
  tick();

  // 5. Cost per person.
  out.info(tr(T.stepPersons, lang));
  await engine.execFile(SQL('person.sql'));
  // the year of service of each row: split over the calendar years of a period that spans several (year.sql)
  await engine.exec(
    `CREATE OR REPLACE TEMP TABLE cost_work_calendar (service_year INTEGER, from_date DATE, to_date DATE)`,
  );
  if (years.length > 0)
    await engine.exec(
      `INSERT INTO cost_work_calendar SELECT col0::INTEGER, col1::DATE, col2::DATE FROM (VALUES ${valuesSql(
        engine,
        years.map((y) => [y, `${y}-01-01`, `${y}-12-31`]),
      )})`,
    );
  await engine.execFile(SQL('year.sql'), { multi_year: years.length > 0 ? 'true' : 'false' });
  const attributed = await engine.all<{
    period: string;
    municipality: string;
    code: string;
    provider: Provider;
    a: bigint | null;
    o: bigint | null;
  }>(
    `SELECT period, municipality, catalogue_code AS code, provider,
            sum(cost_minor) FILTER (WHERE person_key IS NOT NULL)::BIGINT AS a,
            sum(cost_minor) FILTER (WHERE person_key IS NULL)::BIGINT AS o
     FROM cost_work_person GROUP BY ALL`,
  );
  const received = new Map(
    attributed.map((r) => [ivCellKey(r.period, r.municipality, interventionKey(r.code, r.provider)), r]),
  );
  tick();

  // 6. Reconciliation, unit costs, non-attributable costs.
  out.info(tr(T.stepReconcile, lang));
  const poolKind = new Map(pools.map((p) => [p.id, p.kind]));
  const unitRows: Row[] = [];
  const nonRows: Row[] = [];
  const reconRows: Row[] = [];
  const stepRows: Row[] = [];
  for (const allocation of allocations) {
    const rows = reconcileCell(allocation, received, unidentifiedOf, poolKind, lang);
    unitRows.push(...rows.unitRows);
    nonRows.push(...rows.nonRows);
    reconRows.push(...rows.reconRows);
    stepRows.push(...rows.stepRows);
    warnings.push(...rows.warnings);
  }

  // 7. Write everything in one transaction, then check the written tables against the ledger.
  const keyFigureDefs = costing.key_figures ?? DEFAULT_KEY_FIGURES;
  let keyFigures = 0;
  await engine.transaction(async (tx) => {
    await recordCostRun(tx, 'ok', inputs);
    // one round trip: the old results out, the new ones in (the person rows straight from the views)
    const results: [string, string[], Row[]][] = [
      ['cost_unit', UNIT_COLUMNS, unitRows],
      ['cost_nonattributable', NONATTR_COLUMNS, nonRows],
      ['cost_reconciliation', RECON_COLUMNS, reconRows],
      ['cost_pool_allocation', STEP_COLUMNS, stepRows],
    ];
    await tx.exec(
      [
        `DELETE FROM cost_person WHERE ${COSTING_ROWS}`,
        ...[...results.map(([t]) => t), 'cost_key_figure'].map((t) => `DELETE FROM ${t}`),
        `INSERT INTO cost_person (period, municipality, person_key, catalogue_code, department, sector, law_ref,
                                 method, unit, service_year, volume, cost_minor)
         SELECT period, municipality, person_key, catalogue_code, department, sector, law_ref, method, unit,
                service_year,
                -- volume × 10^4 is an exact integer below 2^53, so the DOUBLE round trip to 4 decimals is exact
                round(vol_e4 / 10000.0, 4)::DECIMAL(18,4) AS volume, cost_minor
         FROM cost_work_person_year`,
        ...results.filter(([, , rows]) => rows.length > 0).map(([t, c, rows]) => insertSql(tx, t, c, rows)),
      ].join(';\n'),
    );
    await checkTables(tx, lang);
    const kf = await computeKeyFigures(
      tx,
      keyFigureDefs,
      codeInfo,
      unitRows.map((r) => r[2] as string),
    );
    keyFigures = kf.length;
    await insertRows(
      tx,
      'cost_key_figure',
      KF_COLUMNS,
      kf.map((r) => KF_COLUMNS.map((c) => r[c as keyof typeof r])),
    );
  });
  tick();
  await dropWork(engine);
  return summarise(engine, ws, pools, cells, warnings, keyFigures);
}

const UNIT_COLUMNS = [
  'period',
  'municipality',
  'catalogue_code',
  'unit',
  'volume',
  'direct_minor',
  'admin_minor',
  'other_common_minor',
  'total_minor',
  'unit_cost_minor',
  'persons',
  'provider',
  'method',
  'hours_granted',
  'hours_performed',
  'unit_cost_granted_hour_minor',
  'unit_cost_performed_hour_minor',
  'attributed_minor',
  'nonattributable_minor',
];
const NONATTR_COLUMNS = [
  'period',
  'municipality',
  'reason',
  'label',
  'catalogue_code',
  'provider',
  'amount_minor',
];
const RECON_COLUMNS = [
  'period',
  'municipality',
  'target_type',
  'target',
  'ledger_minor',
  'attributed_minor',
  'nonattributable_minor',
  'excluded_minor',
  'difference_minor',
  'attributed_outside_ledger_minor',
];
const STEP_COLUMNS = [
  'period',
  'municipality',
  'pool',
  'pool_kind',
  'step',
  'key',
  'target_type',
  'target',
  'provider',
  'weight',
  'amount_minor',
];
const KF_COLUMNS = [
  'period',
  'municipality',
  'key_figure',
  'title',
  'measure',
  'numerator_minor',
  'denominator',
  'value',
];

/**
 * The calendar years of the periods that span more than one (none when every period lies in one year).
 * @example calendarYears([{ from: '2015-01-01', to: '2017-06-30' }]) // [2015, 2016, 2017]
 */
export function calendarYears(periods: { from: string; to: string }[]): number[] {
  const years = new Set<number>();
  for (const p of periods) {
    const [a, b] = [Number(p.from.slice(0, 4)), Number(p.to.slice(0, 4))];
    if (a !== b) for (let y = a; y <= b; y++) years.add(y);
  }
  return [...years].sort((x, y) => x - y);
}

/** Per period and municipality: ledger = persons + non-attributable + excluded − costs outside the ledger. */
async function checkTables(engine: Engine, lang: Lang): Promise<void> {
  const bad = await engine.all<{
    period: string;
    municipality: string;
    ledger: bigint;
    persons: bigint;
    nonattr: bigint;
    excluded: bigint;
    outside: bigint;
  }>(
    `WITH l AS (SELECT period, municipality, sum(amount_minor) AS x FROM ledger GROUP BY ALL),
          p AS (SELECT period, municipality, sum(cost_minor) AS x FROM cost_person WHERE ${COSTING_ROWS} GROUP BY ALL),
          n AS (SELECT period, municipality, sum(amount_minor) AS x FROM cost_nonattributable GROUP BY ALL),
          r AS (SELECT period, municipality, sum(excluded_minor) AS e, sum(attributed_outside_ledger_minor) AS o
                FROM cost_reconciliation GROUP BY ALL),
          k AS (SELECT period, municipality FROM l UNION SELECT period, municipality FROM p
                UNION SELECT period, municipality FROM n UNION SELECT period, municipality FROM r)
     SELECT k.period, k.municipality, coalesce(l.x, 0)::BIGINT AS ledger, coalesce(p.x, 0)::BIGINT AS persons,
            coalesce(n.x, 0)::BIGINT AS nonattr, coalesce(r.e, 0)::BIGINT AS excluded, coalesce(r.o, 0)::BIGINT AS outside
     FROM k LEFT JOIN l USING (period, municipality) LEFT JOIN p USING (period, municipality)
     LEFT JOIN n USING (period, municipality) LEFT JOIN r USING (period, municipality)
     WHERE coalesce(l.x, 0) <> coalesce(p.x, 0) - coalesce(r.o, 0) + coalesce(n.x, 0) + coalesce(r.e, 0)
     ORDER BY ALL LIMIT 1`,
  );
  const b = bad[0];
  if (b) {
    const attributed = b.persons - b.outside;
    throw reconcileError(
      b,
      { ledger: b.ledger, attributed, nonattributable: b.nonattr, excluded: b.excluded, outside: b.outside },
      b.ledger - attributed - b.nonattr - b.excluded,
      lang,
    );
  }
}

async function dropWork(engine: Engine): Promise<void> {
  const rows = await engine.all<{ name: string; type: string }>(
    `SELECT table_name AS name, table_type AS type FROM information_schema.tables WHERE table_name LIKE 'cost\\_work\\_%' ESCAPE '\\' AND table_schema = 'main' AND table_catalog = 'temp'`,
  );
  if (rows.length > 0)
    await engine.exec(
      rows
        .map((r) => `DROP ${r.type === 'VIEW' ? 'VIEW' : 'TABLE'} IF EXISTS ${engine.dialect.ident(r.name)}`)
        .join(';\n'),
    );
}

async function summarise(
  engine: Engine,
  ws: Workspace,
  pools: PoolConfig[],
  cells: Map<string, Cell>,
  warnings: string[],
  keyFigures: number,
): Promise<CostingSummary> {
  const t = await engine.one<{
    lines: bigint;
    ledger: bigint;
    attributed: bigint;
    outside: bigint;
    nonattr: bigint;
    excluded: bigint;
    persons: bigint;
    n: bigint;
  }>(
    `SELECT (SELECT count(*) FROM ledger)::BIGINT AS lines, (SELECT coalesce(sum(amount_minor), 0) FROM ledger)::BIGINT AS ledger,
            (SELECT coalesce(sum(attributed_minor), 0) FROM cost_reconciliation)::BIGINT AS attributed,
            (SELECT coalesce(sum(attributed_outside_ledger_minor), 0) FROM cost_reconciliation)::BIGINT AS outside,
            (SELECT coalesce(sum(nonattributable_minor), 0) FROM cost_reconciliation)::BIGINT AS nonattr,
            (SELECT coalesce(sum(excluded_minor), 0) FROM cost_reconciliation)::BIGINT AS excluded,
            (SELECT count(DISTINCT person_key) FROM cost_person WHERE ${COSTING_ROWS})::BIGINT AS persons,
            (SELECT count(*) FROM cost_person WHERE ${COSTING_ROWS})::BIGINT AS n`,
  );
  const poolLedger = new Map<string, bigint>();
  for (const c of cells.values())
    for (const [k, v] of c.poolLedger) poolLedger.set(k, (poolLedger.get(k) ?? 0n) + v);
  return {
    periods: ws.config.periods.map((x) => x.id),
    municipalities: [...new Set([...cells.values()].map((c) => c.municipality))].sort(),
    ledgerLines: t.lines,
    ledgerMinor: t.ledger,
    attributedMinor: t.attributed,
    attributedOutsideLedgerMinor: t.outside,
    nonattributableMinor: t.nonattr,
    excludedMinor: t.excluded,
    persons: t.persons,
    costPersonRows: t.n,
    interventions: new Set(
      [...cells.values()].flatMap((c) => [...c.ivs.keys()].filter((k) => !k.startsWith('open:'))),
    ).size,
    pools: pools.map((x) => ({
      pool: x.id,
      kind: x.kind,
      key: x.key,
      order: x.order,
      ledgerMinor: poolLedger.get(x.id) ?? 0n,
    })),
    keyFigures,
    warnings,
  };
}

/** A ledger needs a translation table to reach services; without one, stop before costing anything. */
async function requireNoLedger(ws: Workspace, engine: Engine): Promise<void> {
  const lines = await engine.one<{ n: bigint }>(`SELECT count(*) AS n FROM ledger`);
  if (lines.n === 0n) return;
  throw userError(
    'costing-texts.no_translation_table',
    { n: lines.n.toString() },
    { file: ws.configPath, key: 'costing.translation_table' },
  );
}
