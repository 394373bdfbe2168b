import { didYouMean } from '../core/did-you-mean.js';
import { t } from '../core/messages.js';
import type { Row, Value } from '../engine/engine.js';
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
import type { Snapshot } from './snapshot.js';

/**
 * A request the client can fix (bad parameter, unknown table): answered with its status and its
 * message (locales/server, `server.api.*`) in the reader's language, with "did you mean" when the
 * word given is close to one of the choices.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly key: string,
    readonly vars: Record<string, string | number> = {},
    readonly suggestion?: string,
  ) {
    super(describeApiError('en', key, vars, suggestion));
    this.name = 'ApiError';
  }

  describe(lang: Lang): string {
    return describeApiError(lang, this.key, this.vars, this.suggestion);
  }
}

function describeApiError(
  lang: Lang,
  key: string,
  vars: Record<string, string | number>,
  suggestion: string | undefined,
): string {
  const text = t(lang, `server.api.${key}`, vars);
  return suggestion ? `${text} ${t(lang, 'server.api.did_you_mean', { s: suggestion })}` : text;
}

export const MAX_LIMIT = 50_000;

/** A piece of the request quoted in an error message: cut short, so a long address is not echoed back. */
export function quoted(s: string): string {
  return JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…` : s);
}

/** Whether a lookup table has its own entry for a key (never `__proto__`, `constructor` …). */
const has = (o: object, key: string): boolean => Object.hasOwn(o, key);
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
    if (known.length === 0) throw new ApiError(404, 'no_tables', { table: quoted(tableName) });
    throw new ApiError(
      404,
      'unknown_table',
      { table: quoted(tableName), known: known.join(', ') },
      didYouMean(tableName, known),
    );
  }
  const filters = new Map<string, string[]>();
  const ignored: string[] = [];
  for (const key of new Set(params.keys())) {
    if (CONTROL_PARAMS.includes(key)) continue;
    const values = params.getAll(key).filter((v) => v !== '');
    const column = filterColumn(table, key);
    if (!column) {
      if (has(STANDARD_FILTERS, key)) {
        ignored.push(key);
        continue;
      }
      const allowed = [...table.columns.filter((c) => c.filterable).map((c) => c.name), ...CONTROL_PARAMS];
      throw new ApiError(
        400,
        'unknown_parameter',
        { key: quoted(key), table: table.name, allowed: allowed.join(', ') },
        didYouMean(key, allowed),
      );
    }
    if (values.length === 0) continue;
    // A standard filter accepts any value some table has (the dashboard sends one filter to every panel).
    const known = has(STANDARD_FILTERS, key) ? standardValues(catalog, key) : (table.values[column] ?? []);
    for (const v of values) {
      if (v.length > 200 || !known.includes(v)) {
        const shown = known.length > 20 ? `${known.slice(0, 20).join(', ')} …` : known.join(', ');
        throw new ApiError(
          400,
          'unknown_value',
          { value: quoted(v), key, table: table.name, known: shown || '–' },
          v.length > 200 ? undefined : didYouMean(v, known),
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
      if (has(FILTER_EXCEPTIONS, t.name) && FILTER_EXCEPTIONS[t.name]!.includes(filter)) continue;
      for (const c of has(STANDARD_FILTERS, filter) ? STANDARD_FILTERS[filter]! : [])
        for (const v of t.values[c] ?? []) set.add(v);
    }
    values = naturalSort([...set]);
    byFilter.set(filter, values);
  }
  return values;
}

/** The table column a filter parameter targets: a standard filter's column, or a filterable column by name. */
function filterColumn(table: TableInfo, key: string): string | undefined {
  if (has(FILTER_EXCEPTIONS, table.name) && FILTER_EXCEPTIONS[table.name]!.includes(key)) return undefined;
  const names = has(STANDARD_FILTERS, key) ? STANDARD_FILTERS[key]! : [key];
  return table.columns.find((c) => c.filterable && names.includes(c.name))?.name;
}

function parseSort(table: TableInfo, raw: string | null): TableQuery['sort'] {
  if (raw === null || raw === '') return null;
  const desc = raw.startsWith('-');
  const column = desc ? raw.slice(1) : raw;
  if (!table.columns.some((c) => c.name === column)) {
    const columns = table.columns.map((c) => c.name);
    throw new ApiError(
      400,
      'sort',
      { column: quoted(column), table: table.name, columns: columns.join(', ') },
      didYouMean(column, columns),
    );
  }
  return { column, desc };
}

function parseInteger(raw: string | null, name: string, fallback: number, min: number, max: number): number {
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ApiError(400, 'integer', { name, min: String(min), max: String(max), value: quoted(raw) });
  }
  return Number(raw);
}

function parseLangParam(raw: string | null): Lang {
  if (raw === null || raw === '') return 'da';
  if (!(LANGS as readonly string[]).includes(raw)) {
    throw new ApiError(400, 'lang', { value: quoted(raw) }, didYouMean(raw, LANGS));
  }
  return raw as Lang;
}

/** Run a validated query on the snapshot's rows: filter (values as text), sort, page. */
export function runTableQuery(snapshot: Snapshot, q: TableQuery): TableResult {
  const stored = snapshot.data.get(q.table.name)!;
  const filters = [...q.filters].map(([c, vs]) => [c, new Set(vs)] as const);
  let idx = stored.rows.map((_, i) => i);
  if (filters.length) {
    idx = idx.filter((i) => {
      const r = stored.rows[i]!;
      return filters.every(([c, vs]) => r[c] !== null && r[c] !== undefined && vs.has(String(r[c])));
    });
  }
  if (q.sort) {
    const { column, desc } = q.sort;
    const collator = new Intl.Collator('da', { numeric: true });
    idx.sort((a, b) => {
      const x = stored.rows[a]![column];
      const y = stored.rows[b]![column];
      if (x === null || x === undefined) return y === null || y === undefined ? a - b : 1; // nulls last
      if (y === null || y === undefined) return -1;
      const cmp =
        typeof x === 'string' && typeof y === 'string' && !/^-?\d+(\.\d+)?$/.test(x)
          ? collator.compare(x, y)
          : Number(x) - Number(y);
      return (desc ? -cmp : cmp) || a - b;
    });
  }
  const page = idx.slice(q.offset, q.offset + q.limit);
  return {
    columns: q.table.columns,
    rows: page.map((i) => {
      const row: Row = {};
      for (const c of q.table.columns) row[c.name] = jsonValue(stored.rows[i]![c.name] ?? null, c);
      return row;
    }),
    hidden: page.map((i) => stored.hidden[i]!),
    reasons: page.map((i) => stored.reasons[i]!),
    total: idx.length,
  };
}

/** DECIMAL values arrive as exact strings; JSON readers get numbers (they are ratios and volumes, not sums). */
function jsonValue(v: Value, c: ColumnInfo): Value {
  if (typeof v === 'string' && c.type.startsWith('DECIMAL')) return Number(v);
  return v;
}
