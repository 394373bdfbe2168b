import type { Engine, Params, Row, Value } from '../engine/engine.js';
import { LANGS, type Lang } from '../i18n.js';
import {
  FILTER_EXCEPTIONS,
  naturalSort,
  STANDARD_FILTERS,
  type Catalog,
  type ColumnInfo,
  type TableInfo,
} from './catalog.js';
import type { Hidden } from '../suppression/index.js';
import { HIDDEN_COL, REASON_COL, ROW_COL } from './snapshot.js';

/** A request the client can fix (bad parameter, unknown table): answered with its status and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const MAX_LIMIT = 50_000;
const CONTROL_PARAMS = ['sort', 'limit', 'offset', 'lang'];

/** A validated table request. */
export interface TableQuery {
  table: TableInfo;
  /** column → accepted values (OR within a column, AND across columns) */
  filters: Map<string, string[]>;
  /** standard filters the table has no column for (the dashboard sends them to every table) */
  ignored: string[];
  sort: { column: string; desc: boolean } | null;
  limit: number;
  offset: number;
  lang: Lang;
}

/** The rows of a table query; hidden cells are null and named in `hidden[i]`. */
export interface TableResult {
  columns: ColumnInfo[];
  rows: Row[];
  hidden: string[][];
  /** why each row's cells are hidden: 'small' (shown "< 5") or 'secondary' (shown "x") */
  reasons: (Hidden | null)[];
  total: number;
}

/** Validate query parameters against the catalog; every problem is a 400 naming the parameter and the fix. */
export function parseTableQuery(catalog: Catalog, tableName: string, params: URLSearchParams): TableQuery {
  const table = catalog.tables.get(tableName);
  if (!table) {
    const known = [...catalog.tables.keys()].sort();
    throw new ApiError(
      404,
      `Unknown table "${tableName}". Known tables: ${known.join(', ') || '(none: run `tvaerblik run` first)'}`,
    );
  }
  const filters = new Map<string, string[]>();
  const ignored: string[] = [];
  for (const key of new Set(params.keys())) {
    if (CONTROL_PARAMS.includes(key)) continue;
    const values = params.getAll(key).filter((v) => v !== '');
    const column = filterColumn(table, key);
    if (!column) {
      if (key in STANDARD_FILTERS) {
        ignored.push(key);
        continue;
      }
      const allowed = [...table.columns.filter((c) => c.filterable).map((c) => c.name), ...CONTROL_PARAMS];
      throw new ApiError(
        400,
        `Unknown parameter "${key}" for table ${table.name}. Allowed: ${allowed.join(', ')}`,
      );
    }
    if (values.length === 0) continue;
    // A standard filter accepts any value some table has (the dashboard sends one filter to every panel).
    const known = key in STANDARD_FILTERS ? standardValues(catalog, key) : (table.values[column] ?? []);
    for (const v of values) {
      if (v.length > 200 || !known.includes(v)) {
        const shown = known.length > 20 ? `${known.slice(0, 20).join(', ')} …` : known.join(', ');
        throw new ApiError(
          400,
          `Unknown value ${JSON.stringify(v.slice(0, 200))} for "${key}" in table ${table.name}. Known values: ${shown || '(none)'}`,
        );
      }
    }
    filters.set(column, [...(filters.get(column) ?? []), ...values]);
  }
  return {
    table,
    filters,
    ignored,
    sort: parseSort(table, params.get('sort')),
    limit: parseInteger(params.get('limit'), 'limit', 10_000, 1, MAX_LIMIT),
    offset: parseInteger(params.get('offset'), 'offset', 0, 0, Number.MAX_SAFE_INTEGER),
    lang: parseLangParam(params.get('lang')),
  };
}

const standardCache = new WeakMap<Catalog, Map<string, string[]>>();

/** Every value any served table has for a standard filter. */
export function standardValues(catalog: Catalog, filter: string): string[] {
  let byFilter = standardCache.get(catalog);
  if (!byFilter) standardCache.set(catalog, (byFilter = new Map()));
  let values = byFilter.get(filter);
  if (!values) {
    const set = new Set<string>();
    for (const t of catalog.tables.values()) {
      if (FILTER_EXCEPTIONS[t.name]?.includes(filter)) continue;
      for (const c of STANDARD_FILTERS[filter] ?? []) for (const v of t.values[c] ?? []) set.add(v);
    }
    values = naturalSort([...set]);
    byFilter.set(filter, values);
  }
  return values;
}

/** The table column a filter parameter targets: a standard filter's column, or a filterable column by name. */
function filterColumn(table: TableInfo, key: string): string | undefined {
  if (FILTER_EXCEPTIONS[table.name]?.includes(key)) return undefined;
  const names = STANDARD_FILTERS[key] ?? [key];
  return table.columns.find((c) => c.filterable && names.includes(c.name))?.name;
}

function parseSort(table: TableInfo, raw: string | null): TableQuery['sort'] {
  if (raw === null || raw === '') return null;
  const desc = raw.startsWith('-');
  const column = desc ? raw.slice(1) : raw;
  if (!table.columns.some((c) => c.name === column)) {
    throw new ApiError(
      400,
      `Cannot sort by "${column}": table ${table.name} has the columns ${table.columns.map((c) => c.name).join(', ')} (prefix "-" for descending)`,
    );
  }
  return { column, desc };
}

function parseInteger(raw: string | null, name: string, fallback: number, min: number, max: number): number {
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ApiError(
      400,
      `"${name}" must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`,
    );
  }
  return Number(raw);
}

function parseLangParam(raw: string | null): Lang {
  if (raw === null || raw === '') return 'da';
  if (!(LANGS as readonly string[]).includes(raw)) {
    throw new ApiError(400, `"lang" must be one of da, sv, en, got ${JSON.stringify(raw)}`);
  }
  return raw as Lang;
}

/** Run a validated query on the snapshot. Filters are bound parameters; names come from the catalog. */
export async function runTableQuery(engine: Engine, q: TableQuery): Promise<TableResult> {
  const id = (s: string) => engine.dialect.ident(s);
  const params: Params = {};
  const where: string[] = [];
  let i = 0;
  for (const [column, values] of q.filters) {
    const names = values.map((v) => {
      params[`p${i}`] = v;
      return `$p${i++}`;
    });
    // Compared as text: filter values were validated against the column's text values.
    where.push(`CAST(${id(column)} AS VARCHAR) IN (${names.join(', ')})`);
  }
  const order = q.sort
    ? `${id(q.sort.column)} ${q.sort.desc ? 'DESC' : 'ASC'} NULLS LAST, ${ROW_COL}`
    : ROW_COL;
  const sql = `SELECT *, count(*) OVER () AS __total FROM ${id(q.table.name)}
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ${q.limit} OFFSET ${q.offset}`;
  const raw = await engine.all(sql, params);
  const total = raw.length ? Number(raw[0]!.__total) : await countRows(engine, q, where, params);
  const rows: Row[] = [];
  const hidden: string[][] = [];
  const reasons: (Hidden | null)[] = [];
  for (const r of raw) {
    const row: Row = {};
    for (const c of q.table.columns) row[c.name] = jsonValue(r[c.name] ?? null, c);
    rows.push(row);
    hidden.push((r[HIDDEN_COL] as string[] | null) ?? []);
    reasons.push((r[REASON_COL] as Hidden | null) ?? null);
  }
  return { columns: q.table.columns, rows, hidden, reasons, total };
}

async function countRows(engine: Engine, q: TableQuery, where: string[], params: Params): Promise<number> {
  const r = await engine.one(
    `SELECT count(*) AS n FROM ${engine.dialect.ident(q.table.name)} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
    params,
  );
  return Number(r.n);
}

/** DECIMAL values arrive as exact strings; JSON readers get numbers (they are ratios and volumes, not sums). */
function jsonValue(v: Value, c: ColumnInfo): Value {
  if (typeof v === 'string' && c.type.startsWith('DECIMAL')) return Number(v);
  return v;
}
