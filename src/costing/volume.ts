/**
 * Step 3 of costing: every service row prorated over the periods and summed to the cost_person grain
 * (sql/costing/volume.sql), with the weight of the rows without a person in the same pass, and the price
 * lists checked against the priced days. The price check needs the pieces before grouping (a piece is
 * covered exactly once, not a group), so it stays a statement of its own, read only for priced rows.
 */
import { responsibilityRows } from '../catalogue/responsibility.js';
import type { Catalogue } from '../catalogue/catalogue.js';
import type { CostingConfig } from '../config/schema.js';
import type { Workspace } from '../config/workspace.js';
import { userError } from '../core/messages.js';
import type { Engine } from '../engine/engine.js';
import { UserError } from '../errors.js';
import { tr, type Lang } from '../i18n.js';
import type { VolumeRow } from './allocate.js';
import type { MethodRow, PriceRow } from './methods.js';
import { T } from './messages.js';
import { interventionKey } from './pools.js';
import { ivCellKey, type Unidentified } from './reconcile.js';
import { valuesSql } from './store.js';

const VOLUME_SQL = new URL('../../sql/costing/volume.sql', import.meta.url);

/** What step 3 hands on: the volumes and the weight of the rows without a person. */
export interface Volumes {
  /** per cell, intervention and unit */
  volumes: VolumeRow[];
  /**
   * The KPB volume weight, per cell and intervention (by ivCellKey), of service rows without a person: `u`
   * from sources that map person ids (the id was missing or invalid), `t` in all. Their cost is split by it.
   */
  unidentified: Map<string, Unidentified>;
}

/**
 * Write cost_work_volume (cost_work_method and cost_work_price must exist) and return the volumes per cell,
 * intervention and unit, and the weight of the rows without a person (summed in the same pass over
 * `service`). Stops (UserError) where a price list misses or repeats a priced day.
 * @param lastDay the last day of the last period: where an open grant without a volume ends
 */
export async function writeVolumes(
  engine: Engine,
  ws: Workspace,
  costing: CostingConfig,
  catalogue: Catalogue,
  prices: readonly PriceRow[],
  methods: readonly MethodRow[],
  lastDay: string,
  lang: Lang,
): Promise<Volumes> {
  const changing = await writeSectorChanges(engine, catalogue);
  const priced = await writeFastPrices(engine, ws, methods, prices);
  // the sources that map person ids: a row of theirs without a person had an id that was missing or invalid
  const ided = ws.config.sources.filter((s) => s.target === 'service' && 'person_id' in s.columns);
  await engine.execFile(VOLUME_SQL, {
    last_day: `DATE ${engine.dialect.literal(lastDay)}`,
    ided_sources: ided.length ? ided.map((s) => engine.dialect.literal(s.id)).join(', ') : 'NULL',
    ...fastRows(engine, ws, new Set([...priced, ...changing])),
  });
  if (costing.methods.some((m) => m.method === 'price') && !(await pricesCoverAll(engine, prices)))
    await checkPriceCoverage(engine, costing, lang);
  const rows = await engine.all<VolumeRow & { ut: bigint | null; ui: bigint | null }>(
    `SELECT period, municipality, catalogue_code AS code, provider, unit, sum(weight)::HUGEINT AS w,
            count(DISTINCT person_key) AS persons, sum(missing_amounts)::BIGINT AS missing,
            sum(unid_total)::HUGEINT AS ut, sum(unid_ided)::HUGEINT AS ui
     FROM cost_work_volume GROUP BY period, municipality, catalogue_code, provider, unit
     ORDER BY period, municipality, catalogue_code, provider, unit`,
  );
  const volumes: VolumeRow[] = [];
  const unidentified = new Map<string, Unidentified>();
  for (const { ut, ui, ...v } of rows) {
    volumes.push(v);
    if (ut === null) continue; // no kpb row without a person in this cell, intervention and unit
    const k = ivCellKey(v.period, v.municipality, interventionKey(v.code, v.provider));
    const cur = unidentified.get(k) ?? { u: 0n, t: 0n };
    unidentified.set(k, { u: cur.u + BigInt(ui ?? 0n), t: cur.t + BigInt(ut) });
  }
  return { volumes, unidentified };
}

/**
 * The SQL that tells volume.sql which rows need no cutting. `fast_rows`: the span lies inside one period (with
 * an end date or a volume, so the span is known without the last day; none when periods overlap: such a row
 * is cut); `period_of`: that period; `fast_codes`: the code is not cut by date (`cut`: a sector change, or a
 * price that changes inside a period). Column names unqualified: `service`'s.
 */
function fastRows(
  engine: Engine,
  ws: Workspace,
  cut: ReadonlySet<string>,
): { fast_rows: string; period_of: string; fast_codes: string } {
  const lit = (s: string) => engine.dialect.literal(s);
  const day = (d: string) => `DATE ${lit(d)}`;
  const periods = sortedPeriods(ws);
  const overlap = periods.some((p, i) => i > 0 && p.from <= periods[i - 1]!.to);
  const inside = periods.map(
    (p) =>
      `(start_date >= ${day(p.from)} AND coalesce(end_date, start_date) BETWEEN start_date AND ${day(p.to)})`,
  );
  return {
    fast_rows: overlap
      ? 'false'
      : `(end_date IS NOT NULL OR volume IS NOT NULL) AND (${inside.join(' OR ')})`,
    period_of: `CASE ${periods
      .map((p) => `WHEN start_date BETWEEN ${day(p.from)} AND ${day(p.to)} THEN ${lit(p.id)}`)
      .join(' ')} END`,
    fast_codes: cut.size
      ? `catalogue_code NOT IN (${[...cut].sort().map(lit).join(', ')})`
      : 'catalogue_code IS NOT NULL',
  };
}

const sortedPeriods = (ws: Workspace) =>
  [...ws.config.periods].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));

/**
 * cost_work_fast_price: the one price of each priced code, provider, unit (NULL: the units without a price of
 * their own) and period, for the codes whose every unit has at most one price in each period, over the whole
 * period (the usual list: one price a year), so a row inside a period needs no cutting by price. Returns the other priced
 * codes: their rows are cut (volume.sql), and a gap or overlap in their lists is reported from the pieces.
 */
async function writeFastPrices(
  engine: Engine,
  ws: Workspace,
  methods: readonly MethodRow[],
  prices: readonly PriceRow[],
): Promise<Set<string>> {
  const periods = sortedPeriods(ws);
  const cut = new Set<string>();
  const rows: (string | bigint | null)[][] = [];
  const pricedCodes = new Set(methods.filter((m) => m.method === 'price').map((m) => m.code));
  for (const code of pricedCodes) {
    const found: (string | bigint | null)[][] = [];
    let one = true;
    for (const m of methods.filter((x) => x.code === code && x.method === 'price')) {
      const list = prices.filter((p) => p.code === code && p.provider === m.provider);
      const units = [null, ...new Set(list.flatMap((p) => (p.unit === null ? [] : [p.unit])))];
      for (const period of periods)
        for (const unit of units) {
          const applies = list.filter(
            (p) =>
              (p.unit === null || p.unit === unit) && p.validFrom <= period.to && p.validTo >= period.from,
          );
          const p = applies[0];
          // no price: nothing to find (the price check reports it from the pieces)
          if (!p) continue;
          if (applies.length > 1 || p.validFrom > period.from || p.validTo < period.to) one = false;
          else found.push([period.id, code, m.provider, unit, p.priceMinor]);
        }
    }
    if (one) rows.push(...found);
    else cut.add(code);
  }
  await engine.exec(
    [
      `CREATE OR REPLACE TEMP TABLE cost_work_fast_price (period VARCHAR, catalogue_code VARCHAR, provider VARCHAR, unit VARCHAR, price_minor BIGINT)`,
      ...(rows.length ? [`INSERT INTO cost_work_fast_price VALUES ${valuesSql(engine, rows)}`] : []),
    ].join(';\n'),
  );
  return cut;
}

/**
 * cost_work_responsibility: the catalogue's periods of the codes whose responsible sector changes (more
 * than one sector), the only ones volume.sql cuts by date: one statement instead of a row at a time.
 * Returns those codes.
 */
async function writeSectorChanges(engine: Engine, catalogue: Catalogue): Promise<Set<string>> {
  const rows = responsibilityRows(catalogue);
  const sectors = new Map<string, Set<string>>();
  for (const r of rows) sectors.set(r.code, (sectors.get(r.code) ?? new Set()).add(r.sector));
  const changing = rows.filter((r) => sectors.get(r.code)!.size > 1);
  const sql = [
    `CREATE OR REPLACE TEMP TABLE cost_work_responsibility (code VARCHAR, valid_from DATE, valid_to DATE, sector VARCHAR)`,
  ];
  if (changing.length > 0)
    sql.push(
      `INSERT INTO cost_work_responsibility VALUES ${valuesSql(
        engine,
        changing.map((r) => [r.code, r.valid_from, r.valid_to, r.sector]),
      )}`,
    );
  await engine.exec(sql.join(';\n'));
  return new Set(changing.map((r) => r.code));
}

const nextDay = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/**
 * The quick answer to "does every priced day have exactly one price?": when the prices that apply to each
 * code, provider and unit follow on from each other without a gap or an overlap (the usual list: one price
 * a year), a piece is covered exactly once if it lies inside their span, which needs no grouping of the
 * pieces. False (look closer, checkPriceCoverage) when a piece lies outside, or a list has gaps or overlaps.
 */
async function pricesCoverAll(engine: Engine, prices: readonly PriceRow[]): Promise<boolean> {
  const byIntervention = new Map<string, PriceRow[]>();
  for (const p of prices) {
    const k = `${p.code}\u0001${p.provider}`;
    byIntervention.set(k, [...(byIntervention.get(k) ?? []), p]);
  }
  const runs: (string | null)[][] = [];
  const units: string[][] = [];
  for (const rows of byIntervention.values()) {
    const { code, provider } = rows[0]!;
    // a piece of unit u sees the prices without a unit and those of u; any other unit, those without
    const own = [...new Set(rows.flatMap((r) => (r.unit === null ? [] : [r.unit])))];
    const classes: [string | null, PriceRow[]][] = [
      [null, rows.filter((r) => r.unit === null)],
      ...own.map((u): [string, PriceRow[]] => [u, rows.filter((r) => r.unit === null || r.unit === u)]),
    ];
    for (const u of own) units.push([code, provider, u]);
    for (const [unit, list] of classes) {
      if (list.length === 0) continue; // no price at all: every piece of the class lies outside
      const sorted = [...list].sort((a, b) =>
        a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0,
      );
      if (sorted.some((r, i) => i > 0 && r.validFrom !== nextDay(sorted[i - 1]!.validTo))) return false;
      runs.push([code, provider, unit, sorted[0]!.validFrom, sorted.at(-1)!.validTo]);
    }
  }
  await engine.exec(
    [
      `CREATE OR REPLACE TEMP TABLE cost_work_price_run (catalogue_code VARCHAR, provider VARCHAR, unit VARCHAR, valid_from DATE, valid_to DATE)`,
      `CREATE OR REPLACE TEMP TABLE cost_work_price_unit (catalogue_code VARCHAR, provider VARCHAR, unit VARCHAR)`,
      ...(runs.length ? [`INSERT INTO cost_work_price_run VALUES ${valuesSql(engine, runs)}`] : []),
      ...(units.length ? [`INSERT INTO cost_work_price_unit VALUES ${valuesSql(engine, units)}`] : []),
    ].join(';\n'),
  );
  const outside = await engine.all(
    `SELECT 1 AS x FROM cost_work_piece pc
     LEFT JOIN cost_work_price_unit e ON e.catalogue_code = pc.catalogue_code AND e.provider = pc.provider AND e.unit = pc.unit
     LEFT JOIN cost_work_price_run r ON r.catalogue_code = pc.catalogue_code AND r.provider = pc.provider
      AND r.unit IS NOT DISTINCT FROM e.unit AND r.valid_from <= pc.o_from AND r.valid_to >= pc.o_to
     WHERE pc.method = 'price' AND r.catalogue_code IS NULL LIMIT 1`,
  );
  return outside.length === 0;
}

/** The first piece of a priced service whose days its price list misses, or covers more than once. */
async function checkPriceCoverage(engine: Engine, costing: CostingConfig, lang: Lang): Promise<void> {
  const gaps = await engine.all<{ code: string; unit: string; day: string; days: bigint; covered: bigint }>(
    `SELECT pc.catalogue_code AS code, pc.unit, pc.o_from::VARCHAR AS day, date_diff('day', pc.o_from, pc.o_to) + 1 AS days,
            coalesce(sum(date_diff('day', greatest(pc.o_from, pr.valid_from), least(pc.o_to, pr.valid_to)) + 1), 0)::BIGINT AS covered
     FROM cost_work_piece pc LEFT JOIN cost_work_price pr
       ON pr.catalogue_code = pc.catalogue_code AND pr.provider = pc.provider AND (pr.unit IS NULL OR pr.unit = pc.unit)
      AND pr.valid_from <= pc.o_to AND pr.valid_to >= pc.o_from
     WHERE pc.method = 'price'
     GROUP BY pc.sid, pc.period, pc.catalogue_code, pc.unit, pc.o_from, pc.o_to
     HAVING covered <> days ORDER BY ALL LIMIT 1`,
  );
  const g = gaps[0];
  if (!g) return;
  const list = costing.methods.find((m) => m.method === 'price' && m.price_list)?.price_list;
  if (g.covered > g.days) {
    throw userError(
      'costing-texts.price_overlap',
      { code: g.code, unit: g.unit, date: g.day },
      { file: list },
    );
  }
  throw new UserError(tr(T.priceMissing, lang, { code: g.code, unit: g.unit, date: g.day }), {
    file: list,
    key: 'costing.methods',
    hint: tr(T.priceMissingHint, lang),
  });
}
