import type { Engine, Value } from '../engine/engine.js';

/**
 * The statement that inserts JS rows into a table: every value as a string (or NULL) in a VALUES list, so
 * the INSERT casts it to the column's type exactly (BIGINT øre, DECIMAL volumes) — one statement, no staging
 * table. For the small result tables of costing (a row per cell and intervention), not for person rows.
 */
export function insertSql(engine: Engine, table: string, columns: string[], rows: Value[][]): string {
  const q = (c: string) => engine.dialect.ident(c);
  const cols = columns.map(q).join(', ');
  const text = rows.map((r) => r.map((v) => (v === null || v === undefined ? null : String(v))));
  return `INSERT INTO ${q(table)} (${cols}) SELECT * FROM (VALUES ${valuesSql(engine, text)}) AS v (${cols})`;
}

/** Insert JS rows into a table in one statement (insertSql). */
export async function insertRows(
  engine: Engine,
  table: string,
  columns: string[],
  rows: Value[][],
): Promise<void> {
  if (rows.length > 0) await engine.exec(insertSql(engine, table, columns, rows));
}

/** A SQL date/string literal list for small VALUES tables. */
export function valuesSql(engine: Engine, rows: (string | bigint | number | null)[][]): string {
  return rows
    .map(
      (r) =>
        `(${r.map((v) => (v === null ? 'NULL' : typeof v === 'string' ? engine.dialect.literal(v) : String(v))).join(', ')})`,
    )
    .join(', ');
}
