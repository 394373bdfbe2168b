/**
 * Engine-specific SQL lives here and nowhere else, so another engine (PostgreSQL, a distributed
 * engine) can be added by writing one more dialect. Models use these emitters for anything
 * non-portable.
 */
export interface Dialect {
  readonly name: 'duckdb';
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
}

const quoteLiteral = (v: string) => `'${v.replace(/'/g, "''")}'`;

export const duckdbDialect: Dialect = {
  name: 'duckdb',
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
};

/** Look a dialect up by name; an unknown name fails at once. */
export function dialectFor(name: string): Dialect {
  if (name === 'duckdb') return duckdbDialect;
  throw new Error(`Unknown SQL dialect "${name}" (known: duckdb)`);
}
