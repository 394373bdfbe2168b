/**
 * `tvaerblik export-aggregates`: one municipality's suppressed key figures and marts, read from its
 * workspace through the one publish path (src/publish) and written as a bundle (./bundle.ts). The KPB key
 * figures carry `persons_min`, the least number of citizens behind the figure (per user: the users; per
 * hour or day: the users of the largest service in it), so they are suppressed like every other table.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { KeyObject } from 'node:crypto';
import { loadCatalogue } from '../catalogue/catalogue.js';
import type { Workspace } from '../config/workspace.js';
import { localesDir, userError } from '../core/messages.js';
import { workspaceCatalogue } from '../core/paths.js';
import { DEFAULT_KEY_FIGURES, keyFigureCodes, type CodeInfo } from '../costing/keyfigures.js';
import { openDuckDB } from '../engine/duckdb.js';
import type { Row, Value } from '../engine/engine.js';
import { SCHEMA_VERSION } from '../model/warehouse.js';
import {
  hiddenCells,
  publishServed,
  type ColumnInfo,
  type ServedTable,
  type TableHidden,
} from '../publish/index.js';
import {
  writeBundle,
  type BundleColumn,
  type BundleKind,
  type BundleTable,
  type Manifest,
} from './bundle.js';

/** The bundle's table of KPB key figures (from cost_key_figure, with the persons behind each). */
export const KEY_FIGURES = 'key_figures';
/** Served tables a bundle carries besides the key figures: every mart and the unit costs. */
const CARRIED = (name: string) => name.startsWith('mart_') || name === 'cost_unit';
const KEY_FIGURE_KEYS = ['period', 'municipality', 'key_figure', 'measure'];

export interface ExportOptions {
  out: string;
  municipality?: string;
  periods?: string[];
  format?: 'csv' | 'parquet';
  signKey?: KeyObject;
  /** the manifest's time stamp (tests give a fixed one); now by default */
  createdAt?: string;
}

/** Read, suppress and write one municipality's aggregates; returns the manifest written. */
export async function exportAggregates(ws: Workspace, options: ExportOptions): Promise<Manifest> {
  const { municipality, periods } = scope(ws, options);
  const threshold = ws.config.suppression.threshold;
  const served = await readPublished(ws, threshold);
  const tables = bundleTables(ws, served, threshold, municipality, periods);
  const catalogue = loadCatalogue(workspaceCatalogue(ws));
  return writeBundle(
    options.out,
    {
      created_at: options.createdAt ?? new Date().toISOString(),
      tool: { name: 'tvaerblik', version: toolVersion() },
      country: ws.config.country,
      municipality,
      periods,
      threshold,
      catalogue: { id: catalogue.catalogue, version: catalogue.version },
      method: {
        costing: ws.impliedCosting ? 'record_amount' : 'ledger',
        suppression: 'primary+linked-secondary',
        warehouse_schema: SCHEMA_VERSION,
      },
    },
    tables,
    { format: options.format, signKey: options.signKey },
  );
}

function scope(ws: Workspace, options: ExportOptions): { municipality: string; periods: string[] } {
  const munis = ws.config.municipalities;
  const municipality = options.municipality ?? (munis.length === 1 ? munis[0]! : undefined);
  if (municipality === undefined)
    throw userError(
      'federation.export.which_municipality',
      { choices: munis.join(', ') },
      { key: '--municipality' },
    );
  if (!munis.includes(municipality))
    throw userError(
      'federation.export.unknown_municipality',
      { value: municipality, choices: munis.join(', ') },
      { key: '--municipality' },
    );
  const known = ws.config.periods.map((p) => p.id);
  const periods = options.periods && options.periods.length > 0 ? options.periods : known;
  const bad = periods.find((p) => !known.includes(p));
  if (bad !== undefined)
    throw userError(
      'federation.export.unknown_period',
      { value: bad, choices: known.join(', ') },
      { key: '--period' },
    );
  return { municipality, periods };
}

/** The workspace's KPB key figures of every municipality and period, suppressed (for Kolada). */
export async function publishedKeyFigures(ws: Workspace): Promise<BundleTable> {
  const threshold = ws.config.suppression.threshold;
  const served = await readPublished(ws, threshold);
  const units = served.find((s) => s.table.name === 'cost_unit')?.table.rows ?? [];
  const figures = served.find((s) => s.table.name === 'cost_key_figure')?.table.rows ?? [];
  return keyFigureTable(ws, figures, units, threshold);
}

/** Every servable table of the workspace's warehouse with the cells the publish path hides. */
async function readPublished(
  ws: Workspace,
  threshold: number,
): Promise<{ table: ServedTable; hidden: TableHidden }[]> {
  const file = ws.resolve(ws.config.warehouse);
  if (!existsSync(file)) throw userError('federation.export.no_warehouse', {}, { file });
  const engine = await openDuckDB({ file: ':memory:' });
  try {
    await engine.exec(`ATTACH ${engine.dialect.literal(file)} AS wh (READ_ONLY)`);
    const published = await publishServed(engine, threshold);
    await engine.exec('DETACH wh');
    return published;
  } finally {
    await engine.close();
  }
}

/** The bundle's tables, suppressed and cut to one municipality and the periods asked for. */
export function bundleTables(
  ws: Workspace,
  served: { table: ServedTable; hidden: TableHidden }[],
  threshold: number,
  municipality: string,
  periods: string[],
): BundleTable[] {
  const keep = (r: Row) =>
    (!('municipality' in r) || String(r.municipality) === municipality) &&
    (!('period' in r) || periods.includes(String(r.period)));
  const out: BundleTable[] = [];
  const units = served.find((s) => s.table.name === 'cost_unit')?.table;
  const figures = served.find((s) => s.table.name === 'cost_key_figure')?.table;
  if (figures) {
    const table = keyFigureTable(ws, figures.rows, units?.rows ?? [], threshold);
    out.push({ ...table, rows: table.rows.filter(keep) });
  }
  const single = ws.config.municipalities.length === 1;
  for (const { table, hidden } of served) {
    if (!CARRIED(table.name)) continue;
    // a table without a municipality column is carried only from a workspace of one municipality
    if (!table.columns.some((c) => c.name === 'municipality') && !single) continue;
    const t = withHidden(table.name, table.columns, table.rows, hidden);
    out.push({ ...t, rows: t.rows.filter(keep) });
  }
  return out;
}

function bundleKind(c: ColumnInfo): BundleKind {
  if (c.filterable || c.kind === 'text' || c.kind === 'date') return 'key';
  if (c.kind === 'count') return 'persons';
  if (c.kind === 'money') return 'money';
  return 'number';
}

/** A value as the bundle holds it: integers exact (bigint), other numbers and text as they are. */
function cell(v: Value | undefined): Value {
  if (v === undefined || v === null) return null;
  if (typeof v === 'object')
    return JSON.stringify(v, (_, x: unknown) => (typeof x === 'bigint' ? String(x) : x));
  return v;
}

/** Hidden cells become null; `suppressed` names why (small: too few persons; secondary: protects another). */
function withHidden(
  name: string,
  columns: ColumnInfo[],
  rows: Row[],
  { hidden, reasons }: TableHidden,
): BundleTable {
  const cols: BundleColumn[] = columns.map((c) => ({ name: c.name, kind: bundleKind(c) }));
  return {
    name,
    columns: [...cols, { name: 'suppressed', kind: 'key' }],
    rows: rows.map((r, i) => {
      const cells = hidden.get(i);
      const row: Record<string, Value> = {};
      for (const c of cols) row[c.name] = cells?.has(c.name) ? null : cell(r[c.name]);
      row.suppressed = cells ? (reasons.get(i) ?? 'secondary') : null;
      return row;
    }),
  };
}

/**
 * The key figures with the persons behind each, suppressed by the publish path's one function: per user,
 * the users counted; per hour or day, the users of the largest service (code and provider) in the figure,
 * a lower bound of its persons. A figure with none is hidden as small.
 */
export function keyFigureTable(ws: Workspace, figures: Row[], units: Row[], threshold: number): BundleTable {
  const defs = ws.config.costing.key_figures ?? DEFAULT_KEY_FIGURES;
  const codes = catalogueCodes(workspaceCatalogue(ws));
  const seen = [...new Set(units.map((u) => String(u.catalogue_code)))];
  const rows: Row[] = figures.map((f) => {
    const def = defs.find((d) => d.id === f.key_figure);
    let persons = 0n;
    if (def?.per === 'user') persons = BigInt(String(f.denominator).split('.')[0]!);
    else if (def) {
      const list = new Set(keyFigureCodes(def, codes, seen));
      for (const u of units) {
        if (String(u.period) !== String(f.period) || String(u.municipality) !== String(f.municipality))
          continue;
        if (!list.has(String(u.catalogue_code))) continue;
        if (def.provider !== 'all' && String(u.provider) !== def.provider) continue;
        const n = BigInt(String(u.persons ?? 0));
        if (n > persons) persons = n;
      }
    }
    return {
      period: String(f.period),
      municipality: String(f.municipality),
      key_figure: String(f.key_figure),
      measure: String(f.measure),
      persons_min: persons,
      numerator_minor: f.numerator_minor ?? null,
      denominator: f.denominator === null || f.denominator === undefined ? null : String(f.denominator),
      value: f.value === null || f.value === undefined ? null : String(f.value),
    };
  });
  const columns: ColumnInfo[] = [
    ...KEY_FIGURE_KEYS.map((name) => ({ name, type: 'VARCHAR', kind: 'text' as const, filterable: true })),
    { name: 'persons_min', type: 'BIGINT', kind: 'count', filterable: false },
    { name: 'numerator_minor', type: 'BIGINT', kind: 'money', filterable: false },
    { name: 'denominator', type: 'DECIMAL(18,4)', kind: 'number', filterable: false },
    { name: 'value', type: 'DECIMAL(18,2)', kind: 'number', filterable: false },
  ];
  const result = hiddenCells(KEY_FIGURES, rows, columns, threshold);
  // no persons found behind a figure: nothing shows it reaches the threshold, so it is hidden as small
  const values = columns.filter((c) => !c.filterable).map((c) => c.name);
  rows.forEach((r, i) => {
    if (r.persons_min === 0n && !result.hidden.has(i)) {
      result.hidden.set(i, new Set(values));
      result.reasons.set(i, 'small');
    }
  });
  return withHidden(KEY_FIGURES, columns, rows, result);
}

const codesByCatalogue = new Map<string, Map<string, CodeInfo>>();

/** A catalogue's codes with their family and area (read once per catalogue). */
function catalogueCodes(ref: string): Map<string, CodeInfo> {
  let codes = codesByCatalogue.get(ref);
  if (!codes) {
    codes = new Map(loadCatalogue(ref).services.map((s) => [s.code, { family: s.family, area: s.area }]));
    codesByCatalogue.set(ref, codes);
  }
  return codes;
}

function toolVersion(): string {
  const file = path.join(localesDir(), '..', 'package.json');
  try {
    return String((JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? '0');
  } catch {
    return '0';
  }
}
