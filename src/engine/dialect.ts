/**
 * Engine-specific SQL lives here and nowhere else, so another engine can be added by writing one more
 * dialect. SQL files are portable SQL plus `{{ macro(args) }}` placeholders (the idea of dbt's
 * cross-database macros) that `render` expands for one dialect; see docs/architecture.md, "Dialects".
 */
export type DialectName = 'duckdb' | 'postgres';

/** What an engine can do natively (Kysely's DialectAdapter flags, for the code that must branch). */
export interface Capabilities {
  /** `CREATE OR REPLACE TABLE` (else DROP + CREATE) */
  createOrReplaceTable: boolean;
  /** `TEMP MACRO` (else SQL functions in the current schema) */
  temporaryMacros: boolean;
  /** reads CSV/Parquet files itself (`read_csv`, `COPY … TO parquet`) */
  readsFiles: boolean;
  /** HUGEINT (128-bit integers) */
  int128: boolean;
}

/** A macro's parameter: its name and a portable type (`int128`, `bigint`, `date`, `varchar`, …). */
export interface MacroParam {
  name: string;
  type: string;
}

export interface Dialect {
  readonly name: DialectName;
  readonly capabilities: Capabilities;
  /** Statements to run once on a fresh database before any model (helper aggregates); may be ''. */
  readonly setup: string;
  /** Quote an identifier. */
  ident(name: string): string;
  /** Quote a string literal. */
  literal(value: string): string;
  /** A table expression reading a CSV file. */
  readCsv(
    file: string,
    options: { delimiter: string; quote: string; header: boolean; columns?: Record<string, string> },
  ): string;
  /** A table expression reading Parquet file(s). */
  readParquet(file: string): string;
  /** Whole days from `a` to `b` (dates). */
  daysBetween(a: string, b: string): string;
  /** Hours (fractional) between two timestamps. */
  hoursBetween(a: string, b: string): string;
  /** Statement writing a query to Parquet. */
  copyToParquet(query: string, file: string): string;
  /** A scalar macro: `name(params)` returning `body` (an expression over the params). */
  defineMacro(name: string, params: MacroParam[], returns: string, body: string): string;
  /** Expand the `{{ … }}` placeholders of a SQL text (unknown macros throw). */
  render(sql: string): string;
}

/** A placeholder's expansion from its (already rendered) arguments. */
type MacroFn = (args: string[]) => string;

/** What rendering needs of a dialect. */
interface MacroSet {
  name: DialectName;
  macros: Record<string, MacroFn>;
  define: Dialect['defineMacro'];
}

const quoteLiteral = (v: string) => `'${v.replace(/'/g, "''")}'`;
/** The part name of `date_diff('day', …)`, quoted or not. */
const unquote = (s: string) => s.trim().replace(/^'(.*)'$/, '$1');
const arity = (name: string, args: string[], n: number) => {
  if (args.length !== n) throw new Error(`SQL macro ${name} takes ${n} argument(s), got ${args.length}`);
};

/** Portable type names used in macro headers and `{{ type(x) }}`. */
const DUCKDB_TYPES: Record<string, string> = {
  int128: 'HUGEINT',
  tinyint: 'TINYINT',
  double: 'DOUBLE',
};
const POSTGRES_TYPES: Record<string, string> = {
  int128: 'NUMERIC(38, 0)',
  tinyint: 'SMALLINT',
  double: 'DOUBLE PRECISION',
};
const typeName = (map: Record<string, string>, t: string) => map[t.trim().toLowerCase()] ?? t.trim();

/** The macros every dialect must implement; the render test checks both have the same set. */
const DUCKDB_MACROS: Record<string, MacroFn> = {
  replace_table: ([t]) => `CREATE OR REPLACE TABLE ${t}`,
  replace_temp_table: ([t]) => `CREATE OR REPLACE TEMP TABLE ${t}`,
  replace_temp_view: ([t]) => `CREATE OR REPLACE TEMP VIEW ${t}`,
  type: ([t]) => typeName(DUCKDB_TYPES, t!),
  date_diff: (a) => (arity('date_diff', a, 3), `date_diff('${unquote(a[0]!)}', ${a[1]}, ${a[2]})`),
  year: ([x]) => `year(${x})`,
  month: ([x]) => `month(${x})`,
  intdiv: (a) => (arity('intdiv', a, 2), `(${a[0]}) // (${a[1]})`),
  any_value: ([x]) => `any_value(${x})`,
  arg_min: (a) => `arg_min(${a[0]}, ${sortKey(a.slice(1))})`,
  arg_max: (a) => `arg_max(${a[0]}, ${sortKey(a.slice(1))})`,
  arg_max_null: (a) => (arity('arg_max_null', a, 2), `arg_max_null(${a[0]}, ${a[1]})`),
  last_value_ignore_nulls: ([x]) => `last_value(${x} IGNORE NULLS)`,
  median: ([x]) => `median(${x})`,
  round_double: (a) => (arity('round_double', a, 2), `round(${a[0]}, ${a[1]})`),
  list_agg: ([x]) => `list(${x})`,
  like_escape: (a) => (arity('like_escape', a, 3), `like_escape(${a[0]}, ${a[1]}, ${a[2]})`),
  digits_only: ([x]) => `regexp_full_match(${x}, '[0-9]+')`,
  regexp_matches: (a) => (arity('regexp_matches', a, 2), `regexp_matches(${a[0]}, ${a[1]})`),
  try_cast_int128: ([x]) => `TRY_CAST(${x} AS HUGEINT)`,
  timestamp_key: ([x]) => `strftime(${x}, '%Y%m%d%H%M%S')`,
  rowid: ([t]) => `${t}.rowid`,
};
/** DuckDB orders by one key, or by a struct of several (field by field). */
function sortKey(keys: string[]): string {
  if (keys.length === 1) return keys[0]!;
  return `struct_pack(${keys.map((k, i) => `k${i} := ${k}`).join(', ')})`;
}

const epochSecond = (x: string) => `CAST(extract(epoch FROM date_trunc('second', ${x})) AS BIGINT)`;

const POSTGRES_MACROS: Record<string, MacroFn> = {
  replace_table: ([t]) => `DROP TABLE IF EXISTS ${t};\nCREATE TABLE ${t}`,
  replace_temp_table: ([t]) => `DROP TABLE IF EXISTS ${t};\nCREATE TEMP TABLE ${t}`,
  replace_temp_view: ([t]) => `DROP VIEW IF EXISTS ${t};\nCREATE TEMP VIEW ${t}`,
  type: ([t]) => typeName(POSTGRES_TYPES, t!),
  date_diff: (a) => {
    arity('date_diff', a, 3);
    const part = unquote(a[0]!);
    // DuckDB counts boundaries crossed: whole days between the dates, whole seconds between the truncated times
    if (part === 'day') return `(CAST(${a[2]} AS DATE) - CAST(${a[1]} AS DATE))`;
    if (part === 'second') return `(${epochSecond(a[2]!)} - ${epochSecond(a[1]!)})`;
    throw new Error(`SQL macro date_diff: part '${part}' has no PostgreSQL form (day, second)`);
  },
  year: ([x]) => `CAST(extract(year FROM ${x}) AS INTEGER)`,
  month: ([x]) => `CAST(extract(month FROM ${x}) AS INTEGER)`,
  intdiv: (a) => (arity('intdiv', a, 2), `div(${a[0]}, ${a[1]})`),
  any_value: ([x]) => `tvb_any_value(${x})`,
  // DuckDB's arg_min/arg_max skip rows whose value or key is NULL; arg_max_null keeps NULL values
  arg_min: (a) =>
    `(array_agg(${a[0]} ORDER BY ${a.slice(1).join(', ')}) FILTER (WHERE ${[a[0]!, ...a.slice(1)]
      .map((x) => `(${x}) IS NOT NULL`)
      .join(' AND ')}))[1]`,
  arg_max: (a) =>
    `(array_agg(${a[0]} ORDER BY ${a
      .slice(1)
      .map((k) => `${k} DESC`)
      .join(
        ', ',
      )}) FILTER (WHERE ${[a[0]!, ...a.slice(1)].map((x) => `(${x}) IS NOT NULL`).join(' AND ')}))[1]`,
  arg_max_null: (a) => {
    arity('arg_max_null', a, 2);
    return `(array_agg(${a[0]} ORDER BY ${a[1]} DESC) FILTER (WHERE (${a[1]}) IS NOT NULL))[1]`;
  },
  last_value_ignore_nulls: ([x]) => `tvb_last_value(${x})`,
  median: ([x]) => `percentile_cont(0.5) WITHIN GROUP (ORDER BY ${x})`,
  // PostgreSQL rounds NUMERIC only; the result stays DOUBLE as in DuckDB
  round_double: (a) => (
    arity('round_double', a, 2),
    `CAST(round(CAST(${a[0]} AS NUMERIC), ${a[1]}) AS DOUBLE PRECISION)`
  ),
  list_agg: ([x]) => `array_agg(${x})`,
  like_escape: (a) => (arity('like_escape', a, 3), `(${a[0]} LIKE ${a[1]} ESCAPE ${a[2]})`),
  digits_only: ([x]) => `(${x} ~ '^[0-9]+$')`,
  regexp_matches: (a) => (arity('regexp_matches', a, 2), `(${a[0]} ~ ${a[1]})`),
  try_cast_int128: ([x]) => `CASE WHEN ${x} ~ '^[+-]?[0-9]+$' THEN CAST(${x} AS NUMERIC(38, 0)) END`,
  timestamp_key: ([x]) => `to_char(${x}, 'YYYYMMDDHH24MISS')`,
  rowid: ([t]) => `${t}.ctid`,
};

/** PostgreSQL lacks any_value (before 16) and IGNORE NULLS: two strict aggregates stand in. */
const POSTGRES_SETUP = `
CREATE OR REPLACE FUNCTION tvb_keep_first(anyelement, anyelement) RETURNS anyelement
  LANGUAGE sql IMMUTABLE STRICT AS 'SELECT $1';
CREATE OR REPLACE FUNCTION tvb_keep_last(anyelement, anyelement) RETURNS anyelement
  LANGUAGE sql IMMUTABLE STRICT AS 'SELECT $2';
CREATE OR REPLACE AGGREGATE tvb_any_value(anyelement) (SFUNC = tvb_keep_first, STYPE = anyelement);
CREATE OR REPLACE AGGREGATE tvb_last_value(anyelement) (SFUNC = tvb_keep_last, STYPE = anyelement);
`;

/**
 * Expand `{{ name(arg, …) }}` and `{{ name }}` placeholders. Arguments are SQL split at top-level
 * commas (parentheses and quotes respected) and may themselves hold placeholders.
 */
function renderSql(sql: string, d: MacroSet): string {
  let out = '';
  let i = 0;
  for (;;) {
    const start = sql.indexOf('{{', i);
    if (start < 0) return out + sql.slice(i);
    const end = matchingClose(sql, start + 2);
    out += sql.slice(i, start);
    out += expand(sql.slice(start + 2, end).trim(), d);
    i = end + 2;
  }
}

/** The index of the `}}` closing a placeholder opened just before `from` (nested ones skipped). */
function matchingClose(sql: string, from: number): number {
  let depth = 1;
  for (let i = from; i < sql.length - 1; i++) {
    if (sql.startsWith('{{', i)) {
      depth++;
      i++;
    } else if (sql.startsWith('}}', i)) {
      if (--depth === 0) return i;
      i++;
    }
  }
  throw new Error(`SQL placeholder not closed: ${sql.slice(from - 2, from + 40)}`);
}

/** `{{ macro name(p type, …) returns type: body }}` defines a scalar macro; anything else is a call. */
const DEFINITION = /^macro\s+(\w+)\s*\(([^)]*)\)\s+returns\s+(\w+)\s*:\s*([\s\S]*)$/;

function expand(call: string, d: MacroSet): string {
  const def = DEFINITION.exec(call);
  if (def) {
    const params = splitArgs(def[2]!).map((p) => {
      const [name, type] = p.split(/\s+/);
      if (!name || !type) throw new Error(`SQL macro ${def[1]}: parameter "${p}" needs a name and a type`);
      return { name, type };
    });
    return d.define(def[1]!, params, def[3]!, def[4]!);
  }
  const m = /^(\w+)\s*(?:\(([\s\S]*)\))?$/.exec(call);
  if (!m) throw new Error(`SQL placeholder {{ ${call} }} is not name(args)`);
  const fn = d.macros[m[1]!];
  if (!fn) throw new Error(`SQL macro "${m[1]}" is unknown to the ${d.name} dialect`);
  const args = m[2] === undefined ? [] : splitArgs(m[2]).map((a) => renderSql(a, d));
  return fn(args);
}

/** Split at commas outside parentheses, quotes and placeholders. */
function splitArgs(s: string): string[] {
  const args: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let cur = '';
  for (const ch of s) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(' || ch === '{') depth++;
    else if (ch === ')' || ch === '}') depth--;
    else if (ch === ',' && depth === 0) {
      args.push(cur.trim());
      cur = '';
      continue;
    }
    cur += ch;
  }
  if (cur.trim() !== '' || args.length) args.push(cur.trim());
  return args;
}

function duckdbDefine(name: string, params: MacroParam[], body: string): string {
  const args = params.map((p) => p.name).join(', ');
  return `CREATE OR REPLACE TEMP MACRO ${name}(${args}) AS ${renderSql(body, DUCKDB_SET)}`;
}
const DUCKDB_SET: MacroSet = {
  name: 'duckdb',
  macros: DUCKDB_MACROS,
  define: (n, p, _r, b) => duckdbDefine(n, p, b),
};

// SQL functions live in the current schema: pg_temp functions would need schema-qualified calls.
function postgresDefine(name: string, params: MacroParam[], returns: string, body: string): string {
  const args = params.map((p) => `${p.name} ${typeName(POSTGRES_TYPES, p.type)}`).join(', ');
  const result = typeName(POSTGRES_TYPES, returns);
  return `CREATE OR REPLACE FUNCTION ${name}(${args}) RETURNS ${result} LANGUAGE sql IMMUTABLE AS $tvb$ SELECT ${renderSql(body, POSTGRES_SET)} $tvb$`;
}
const POSTGRES_SET: MacroSet = { name: 'postgres', macros: POSTGRES_MACROS, define: postgresDefine };

export const duckdbDialect: Dialect = {
  name: 'duckdb',
  capabilities: { createOrReplaceTable: true, temporaryMacros: true, readsFiles: true, int128: true },
  setup: '',
  ident: (name) => `"${name.replace(/"/g, '""')}"`,
  literal: quoteLiteral,
  readCsv: (file, o) => {
    const cols = o.columns
      ? `, columns = {${Object.entries(o.columns)
          .map(([k, t]) => `${quoteLiteral(k)}: ${quoteLiteral(t)}`)
          .join(', ')}}`
      : ', all_varchar = true';
    return `read_csv(${quoteLiteral(file)}, delim = ${quoteLiteral(o.delimiter)}, quote = ${quoteLiteral(o.quote)}, header = ${o.header}${cols}, auto_detect = ${o.columns ? 'false' : 'true'})`;
  },
  readParquet: (file) => `read_parquet(${quoteLiteral(file)})`,
  daysBetween: (a, b) => `date_diff('day', ${a}, ${b})`,
  hoursBetween: (a, b) => `(epoch(${b}) - epoch(${a})) / 3600.0`,
  copyToParquet: (query, file) =>
    `COPY (${query}) TO ${quoteLiteral(file)} (FORMAT parquet, COMPRESSION zstd)`,
  defineMacro: (name, params, _returns, body) => duckdbDefine(name, params, body),
  render: (sql) => renderSql(sql, DUCKDB_SET),
};

/** PostgreSQL (15+): the server mode's own store. It reads no files; the server loads rows itself. */
export const postgresDialect: Dialect = {
  name: 'postgres',
  capabilities: { createOrReplaceTable: false, temporaryMacros: false, readsFiles: false, int128: false },
  setup: POSTGRES_SETUP,
  ident: (name) => `"${name.replace(/"/g, '""')}"`,
  literal: quoteLiteral,
  readCsv: () => {
    throw new Error('The postgres dialect reads no files: load rows through the engine instead');
  },
  readParquet: () => {
    throw new Error('The postgres dialect reads no files: load rows through the engine instead');
  },
  daysBetween: (a, b) => `(CAST(${b} AS DATE) - CAST(${a} AS DATE))`,
  hoursBetween: (a, b) => `(extract(epoch FROM (${b}) - (${a})) / 3600.0)`,
  copyToParquet: () => {
    throw new Error('The postgres dialect writes no Parquet files');
  },
  defineMacro: (name, params, returns, body) => postgresDefine(name, params, returns, body),
  render: (sql) => renderSql(sql, POSTGRES_SET),
};

/** The macro names each dialect implements (the render test asserts the sets are equal). */
export const MACRO_NAMES = {
  duckdb: Object.keys(DUCKDB_MACROS).sort(),
  postgres: Object.keys(POSTGRES_MACROS).sort(),
};

const DIALECTS: Record<DialectName, Dialect> = { duckdb: duckdbDialect, postgres: postgresDialect };

/** Look a dialect up by name; an unknown name fails at once. */
export function dialectFor(name: string): Dialect {
  if (Object.hasOwn(DIALECTS, name)) return DIALECTS[name as DialectName];
  throw new Error(`Unknown SQL dialect "${name}" (known: ${Object.keys(DIALECTS).join(', ')})`);
}
