/**
 * The operational store (users, sessions, consents, case data, cluster budgets, audit trail): one
 * PostgreSQL schema, served by a PostgreSQL server for multi-user installations or by an embedded
 * PostgreSQL (PGlite) for one person on a laptop. Separate from the analysis warehouse (DuckDB):
 * case handling and planning are different purposes and never share a store.
 */

/** One connection's worth of SQL: positional parameters ($1, $2 …), rows as plain objects. */
export interface Db {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Run fn in one transaction; commit when it resolves, roll back when it throws. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
}

/** An opened store: a Db plus its lifecycle. */
export interface Store extends Db {
  /** 'postgres' (a server, from a URL) or 'embedded' (PGlite in a folder) */
  readonly kind: 'postgres' | 'embedded';
  close(): Promise<void>;
}
