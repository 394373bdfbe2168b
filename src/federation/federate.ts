/**
 * A cluster or region workspace's side of federation: bundles checked by ./bundle.ts are stored in its
 * own warehouse (fed_bundle, and fed_<table> per bundle table with the source municipality), and their
 * key figures are compared municipality by municipality. Only what the bundles hold is stored: the
 * municipalities' suppressed aggregates, never a person row.
 */
import type { Engine, Row, Value } from '../engine/engine.js';
import type { Bundle, BundleColumn, BundleTable } from './bundle.js';
import { KEY_FIGURES } from './export.js';

const TABLE_NAME = /^[a-z][a-z0-9_]*$/;
const fedTable = (table: string) => `fed_${table}`;

/** What one import stored. */
export interface ImportedBundle {
  municipality: string;
  periods: string[];
  threshold: number;
  tables: { table: string; rows: number }[];
  signed_by: string | null;
  trusted: boolean;
}

/**
 * Store a checked bundle in the workspace's warehouse. A municipality imported again replaces its
 * earlier rows (one bundle per municipality is the current one).
 */
export async function storeBundle(engine: Engine, bundle: Bundle): Promise<ImportedBundle> {
  const m = bundle.manifest;
  const ident = (c: string) => engine.dialect.ident(c);
  return engine.transaction(async (tx) => {
    await tx.exec(`CREATE TABLE IF NOT EXISTS fed_bundle (
      municipality VARCHAR NOT NULL, country VARCHAR, periods VARCHAR NOT NULL, threshold INTEGER NOT NULL,
      catalogue VARCHAR, catalogue_version VARCHAR, costing_method VARCHAR, suppression_method VARCHAR,
      created_at VARCHAR, signed_by VARCHAR, trusted BOOLEAN NOT NULL, source VARCHAR NOT NULL,
      imported_at TIMESTAMP NOT NULL DEFAULT current_timestamp)`);
    const known = (await tx.all<{ t: string }>(`SELECT table_name AS t FROM information_schema.tables`)).map(
      (r) => r.t,
    );
    // a municipality's new bundle replaces its rows of the bundle's periods; other years stay (a 2025
    // bundle after a 2024 one adds 2025), and a table without periods is replaced whole
    const inPeriods = m.periods.map((_, i) => `$p${i}`).join(', ');
    const pv = Object.fromEntries(m.periods.map((p, i) => [`p${i}`, p]));
    for (const t of known.filter((x) => x.startsWith('fed_') && x !== 'fed_bundle')) {
      const cols = await tx.all<{ c: string }>(
        `SELECT column_name AS c FROM information_schema.columns WHERE table_name = $t AND column_name = 'period'`,
        { t },
      );
      if (cols.length > 0 && m.periods.length > 0)
        await tx.exec(
          `DELETE FROM ${ident(t)} WHERE source_municipality = $m AND CAST(period AS VARCHAR) IN (${inPeriods})`,
          { m: m.municipality, ...pv },
        );
      else await tx.exec(`DELETE FROM ${ident(t)} WHERE source_municipality = $m`, { m: m.municipality });
    }
    // fed_bundle: one row per municipality and period (an older row may list several, comma-separated)
    const before = await tx.all<{ periods: string }>(
      `SELECT DISTINCT periods FROM fed_bundle WHERE municipality = $m`,
      { m: m.municipality },
    );
    for (const b of before)
      if (m.periods.length === 0 || b.periods.split(',').some((p) => m.periods.includes(p)))
        await tx.exec(`DELETE FROM fed_bundle WHERE municipality = $m AND periods = $p`, {
          m: m.municipality,
          p: b.periods,
        });
    for (const period of m.periods.length > 0 ? m.periods : [''])
      await tx.exec(
        `INSERT INTO fed_bundle (municipality, country, periods, threshold, catalogue, catalogue_version,
         costing_method, suppression_method, created_at, signed_by, trusted, source)
       VALUES ($m, $country, $periods, $threshold, $cat, $catv, $costing, $supp, $created, $signed, $trusted, $source)`,
        {
          m: m.municipality,
          country: m.country ?? null,
          periods: period,
          threshold: m.threshold,
          cat: m.catalogue?.id ?? null,
          catv: m.catalogue?.version ?? null,
          costing: m.method?.costing ?? null,
          supp: m.method?.suppression ?? null,
          created: m.created_at ?? null,
          signed: bundle.signedBy,
          trusted: bundle.trusted,
          source: bundle.source,
        },
      );
    const stored: { table: string; rows: number }[] = [];
    for (const t of bundle.tables) {
      // names were checked with the manifest (./bundle.ts); checked again as they become SQL identifiers
      if (!TABLE_NAME.test(t.name) || t.columns.some((c) => !TABLE_NAME.test(c.name)))
        throw new Error(`not a table or column name in ${bundle.source}`);
      await ensureTable(tx, t);
      const cols = ['source_municipality', ...t.columns.map((c) => c.name)];
      await tx.append(
        fedTable(t.name),
        cols,
        t.rows.map((r) => [m.municipality, ...t.columns.map((c) => stored_(r[c.name], c))]),
      );
      stored.push({ table: t.name, rows: t.rows.length });
    }
    return {
      municipality: m.municipality,
      periods: m.periods,
      threshold: m.threshold,
      tables: stored,
      signed_by: bundle.signedBy,
      trusted: bundle.trusted,
    };
  });
}

/** Counts of persons as integers; every other value as the text the bundle holds (exact decimals). */
const sqlType = (c: BundleColumn) => (c.kind === 'persons' ? 'BIGINT' : 'VARCHAR');

function stored_(v: Value | undefined, c: BundleColumn): Value {
  if (v === null || v === undefined) return null;
  if (c.kind === 'persons') return BigInt(String(v).replace(/\.0*$/, ''));
  return String(v);
}

/** fed_<table> with the bundle's columns (a column a later bundle adds is added). */
async function ensureTable(engine: Engine, t: BundleTable): Promise<void> {
  const ident = (c: string) => engine.dialect.ident(c);
  const name = fedTable(t.name);
  const cols = t.columns.map((c) => `${ident(c.name)} ${sqlType(c)}`);
  await engine.exec(
    `CREATE TABLE IF NOT EXISTS ${ident(name)} (source_municipality VARCHAR NOT NULL, ${cols.join(', ')})`,
  );
  const have = new Set(
    (
      await engine.all<{ c: string }>(
        `SELECT column_name AS c FROM information_schema.columns WHERE table_name = $t`,
        { t: name },
      )
    ).map((r) => r.c),
  );
  for (const c of t.columns.filter((x) => !have.has(x.name)))
    await engine.exec(`ALTER TABLE ${ident(name)} ADD COLUMN ${ident(c.name)} ${sqlType(c)}`);
}

/** One municipality's figure in a comparison: the value, or why it is hidden. */
export interface ComparedCell {
  value: string | null;
  amount_minor: bigint | null;
  persons: bigint | null;
  suppressed: 'small' | 'secondary' | null;
}

/** One key figure of one period across the imported municipalities. */
export interface ComparedFigure {
  source: 'kpb' | 'tvaerblik';
  figure: string;
  measure: string | null;
  period: string;
  municipalities: Record<string, ComparedCell>;
}

export interface Comparison {
  municipalities: string[];
  thresholds: Record<string, number>;
  figures: ComparedFigure[];
}

/**
 * The key figures of every imported bundle side by side: the KPB figures (fed_key_figures) and
 * Tværblik's own (fed_mart_key_figure), one row per figure and period, a cell per municipality.
 */
export async function compareImported(engine: Engine, periods: string[] = []): Promise<Comparison> {
  const have = new Set(
    (await engine.all<{ t: string }>(`SELECT table_name AS t FROM information_schema.tables`)).map(
      (r) => r.t,
    ),
  );
  const bundles = have.has('fed_bundle')
    ? await engine.all<{ municipality: string; threshold: number }>(
        // several bundles of one municipality (one per year): the lowest threshold is the one that holds
        `SELECT municipality, min(threshold) AS threshold FROM fed_bundle GROUP BY municipality ORDER BY municipality`,
      )
    : [];
  const figures = new Map<string, ComparedFigure>();
  const add = (
    source: ComparedFigure['source'],
    r: Row,
    figure: string,
    measure: string | null,
    c: ComparedCell,
  ) => {
    const period = String(r.period);
    if (periods.length > 0 && !periods.includes(period)) return;
    const key = `${source}\u0000${figure}\u0000${period}`;
    const f = figures.get(key) ?? { source, figure, measure, period, municipalities: {} };
    f.municipalities[String(r.municipality)] = c;
    figures.set(key, f);
  };
  const hidden = (v: Value | undefined) => (v === 'small' || v === 'secondary' ? v : null);
  const big = (v: Value | undefined) =>
    v === null || v === undefined || !/^-?\d+$/.test(String(v)) ? null : BigInt(String(v));
  const txt = (v: Value | undefined) => (v === null || v === undefined ? null : String(v));
  if (have.has(fedTable(KEY_FIGURES))) {
    for (const r of await engine.all(`SELECT * FROM ${fedTable(KEY_FIGURES)}`))
      add('kpb', r, String(r.key_figure), txt(r.measure), {
        value: txt(r.value),
        amount_minor: big(r.numerator_minor),
        persons: big(r.persons_min),
        suppressed: hidden(r.suppressed),
      });
  }
  if (have.has('fed_mart_key_figure')) {
    for (const r of await engine.all(`SELECT * FROM fed_mart_key_figure`))
      add('tvaerblik', r, String(r.indicator), null, {
        value: txt(r.value),
        amount_minor: big(r.amount_minor),
        persons: big(r.persons),
        suppressed: hidden(r.suppressed),
      });
  }
  const collator = new Intl.Collator('en', { numeric: true });
  return {
    municipalities: bundles.map((b) => b.municipality),
    thresholds: Object.fromEntries(bundles.map((b) => [b.municipality, Number(b.threshold)])),
    figures: [...figures.values()].sort(
      (a, b) =>
        a.source.localeCompare(b.source) ||
        collator.compare(a.figure, b.figure) ||
        collator.compare(a.period, b.period),
    ),
  };
}
