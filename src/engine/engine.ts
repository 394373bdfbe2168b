import type { StatementProgress } from '../core/effects.js';
import type { Dialect } from './dialect.js';

/** A value bound to a `$name` parameter. */
export type Param = string | number | bigint | boolean | null;
export type Params = Record<string, Param>;

/**
 * A result value as Tværblik sees it: exact types only. BIGINT/HUGEINT → bigint, DECIMAL → string
 * (exact), DATE → 'YYYY-MM-DD', TIMESTAMP → 'YYYY-MM-DD HH:MM:SS', lists → arrays.
 */
export type Value = string | number | bigint | boolean | null | Value[] | { [k: string]: Value };
export type Row = Record<string, Value>;

/** Options for bulk loading a CSV file (already in UTF-8) into a table. */
export interface CsvLoadOptions {
  delimiter?: string;
  quote?: string;
  header?: boolean;
  /** column name → SQL type; all columns read as VARCHAR when omitted */
  columns?: Record<string, string>;
}

/**
 * The engine interface: SQL execution kept apart from SQL generation (the dialect).
 * DuckDB is the embedded default; the postgres dialect renders the same models for a PostgreSQL engine.
 */
export interface Engine {
  readonly dialect: Dialect;
  /** Run one or more statements, discarding results. */
  exec(sql: string, params?: Params): Promise<void>;
  /** Run a query and return all rows. */
  all<T extends Row = Row>(sql: string, params?: Params): Promise<T[]>;
  /** Run a query that returns exactly one row. */
  one<T extends Row = Row>(sql: string, params?: Params): Promise<T>;
  /**
   * Run a .sql file: its `{{ macro(…) }}` placeholders rendered by the dialect, then its `${name}`
   * placeholders replaced by `vars` (identifiers/literals the caller controls).
   */
  execFile(file: string | URL, vars?: Record<string, string>): Promise<void>;
  /** Run `fn` in a transaction: all of it commits, or none of it does. */
  transaction<T>(fn: (engine: Engine) => Promise<T>): Promise<T>;
  /** Append JS rows to a table (column order as given) — the fast path for rows built in JS. */
  append(table: string, columns: string[], rows: Iterable<Value[]>): Promise<number>;
  /** Bulk load a Parquet file (or glob) into a table (created when absent); returns rows loaded. */
  loadParquet(table: string, file: string): Promise<number>;
  /** Bulk load a UTF-8 CSV file into a table (created when absent); returns rows loaded. */
  loadCsv(table: string, file: string, options?: CsvLoadOptions): Promise<number>;
  /** Write a query's result to a Parquet file. */
  exportParquet(query: string, file: string): Promise<void>;
  /**
   * How far the statement running now has got, or undefined when none runs or the engine cannot tell.
   * Cheap and synchronous: the CLI reads it on a timer while a progress bar is shown.
   */
  progress?(): StatementProgress | undefined;
  close(): Promise<void>;
}
