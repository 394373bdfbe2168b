/**
 * The mart reader and the warehouse reader: the only code that reads tables a person will see. They
 * are private to the publish stage (src/publish/index.ts), which suppresses what they read before it
 * returns anything; `npm run deps` refuses an import of this file from outside src/publish.
 */
import { MART_TABLES, type MartTable } from '../analysis/marts.js';
import type { Engine, Row } from '../engine/engine.js';
import { columnKind, isFilterable, isServable, type ColumnInfo } from './columns.js';
import type { ServedTable } from './suppress.js';

/** Every declared mart the warehouse has, with its declared columns in its declared order. */
export async function readMarts(engine: Engine): Promise<{ defs: MartTable[]; rows: Map<string, Row[]> }> {
  const have = new Set(
    (
      await engine.all<{ t: string }>(
        `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema()`,
      )
    ).map((r) => r.t),
  );
  const defs = MART_TABLES.filter((t) => have.has(t.mart));
  const rows = new Map<string, Row[]>();
  for (const t of defs) {
    const cols = t.columns.map((c) => engine.dialect.ident(c.name)).join(', ');
    rows.set(t.mart, await engine.all(`SELECT ${cols} FROM ${t.mart} ORDER BY ${t.orderBy}`));
  }
  return { defs, rows };
}

/**
 * Every servable table of a warehouse attached as `wh` (marts and the listed aggregates; never a table
 * with person keys), with its columns' kinds: as the mart declares them, else from name and type.
 */
export async function readServed(engine: Engine): Promise<ServedTable[]> {
  const cols = await engine.all<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM duckdb_columns() WHERE database_name = 'wh' AND schema_name = 'main'`,
  );
  const byTable = new Map<string, string[]>();
  for (const c of cols) byTable.set(c.table_name, [...(byTable.get(c.table_name) ?? []), c.column_name]);
  const names = [...byTable].filter(([name, columns]) => isServable(name, columns)).map(([name]) => name);
  const read: ServedTable[] = [];
  for (const name of names) read.push(await readTable(engine, name));
  return read;
}

/**
 * One servable table with its columns' kinds, from the warehouse attached as `wh` (the server) or, with
 * `database` null, from the warehouse the engine opened (the CLI); a mart in its declared order, another
 * table in `order` (column names) or as stored.
 */
export async function readTable(
  engine: Engine,
  name: string,
  database: 'wh' | null = 'wh',
  order: string[] = [],
): Promise<ServedTable> {
  const id = engine.dialect.ident(name);
  const described = await engine.all<{ column_name: string; data_type: string }>(
    `SELECT column_name, data_type FROM duckdb_columns()
     WHERE database_name = ${database ? `'${database}'` : 'current_database()'} AND schema_name = 'main'
       AND table_name = $t ORDER BY column_index`,
    { t: name },
  );
  if (
    !isServable(
      name,
      described.map((c) => c.column_name),
    )
  )
    throw new Error(`${name} is not a table that may be published`);
  const mart = MART_TABLES.find((m) => m.mart === name);
  const columns: ColumnInfo[] = described.map((c) => {
    const declared = mart?.columns.find((m) => m.name === c.column_name)?.kind;
    const kind = columnKind(c.column_name, c.data_type, declared);
    return {
      name: c.column_name,
      type: c.data_type,
      kind,
      filterable: isFilterable(c.column_name, kind, declared),
    };
  });
  // Rows keep the order their owner gives them (a mart's ORDER BY), which is the API's default order.
  const orderBy =
    mart && orderColumnsExist(mart.orderBy, columns)
      ? mart.orderBy
      : order.map((c) => engine.dialect.ident(c)).join(', ') || undefined;
  const from = database ? `${database}.main.${id}` : id;
  const rows = await engine.all(`SELECT * FROM ${from}${orderBy ? ` ORDER BY ${orderBy}` : ''}`);
  return { name, rows, columns };
}

/** A mart's ORDER BY is used only when the warehouse's table has its columns (an older warehouse may not). */
function orderColumnsExist(orderBy: string, columns: ColumnInfo[]): boolean {
  return orderBy
    .split(',')
    .map((part) => part.trim().split(/\s+/)[0]!)
    .every((c) => columns.some((k) => k.name === c));
}
