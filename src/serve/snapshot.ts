import { existsSync, statSync } from 'node:fs';
import { openDuckDB } from '../engine/duckdb.js';
import type { Engine, Row } from '../engine/engine.js';
import { UserError } from '../errors.js';
import {
  columnKind,
  isFilterable,
  isServable,
  naturalSort,
  type Catalog,
  type ColumnInfo,
  type TableInfo,
} from './catalog.js';
import { MART_TABLES } from '../analysis/marts.js';
import { hiddenCells } from './suppress.js';

/** Internal columns of a served table: the row's order and the cells suppression hid. */
export const ROW_COL = '__row';
export const HIDDEN_COL = '__hidden';
export const REASON_COL = '__reason';

/** The served tables, copied out of the warehouse and already suppressed. */
export interface Snapshot {
  engine: Engine;
  catalog: Catalog;
  /** the warehouse file's modification time when it was read */
  mtimeMs: number;
}

/**
 * Copy every servable table from the warehouse into an in-memory database, passing each whole table
 * through suppression first. The warehouse is attached read-only only while copying, so `tvaerblik
 * run` can write it while the server runs; hidden values never enter the server's database.
 */
export async function loadSnapshot(file: string, threshold: number): Promise<Snapshot> {
  if (!existsSync(file)) {
    throw new UserError('The workspace has no warehouse yet.', {
      file,
      hint: 'run `tvaerblik run` (or `tvaerblik import` and `tvaerblik analyse`) first',
    });
  }
  const mtimeMs = statSync(file).mtimeMs;
  const engine = await openDuckDB({ file: ':memory:' });
  try {
    try {
      await engine.exec(`ATTACH ${engine.dialect.literal(file)} AS wh (READ_ONLY)`);
    } catch (e) {
      throw new UserError(`The warehouse could not be opened: ${firstLine(e)}`, {
        file,
        hint: 'another Tværblik command may be writing it; wait until it has finished and try again',
      });
    }
    const tables = new Map<string, TableInfo>();
    for (const name of await servableTables(engine)) {
      tables.set(name, await copyTable(engine, name, threshold));
    }
    await engine.exec('DETACH wh');
    return {
      engine,
      mtimeMs,
      catalog: { tables, source: file, loadedAt: new Date().toISOString(), threshold },
    };
  } catch (e) {
    await engine.close();
    throw e;
  }
}

async function servableTables(engine: Engine): Promise<string[]> {
  const cols = await engine.all<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM duckdb_columns() WHERE database_name = 'wh' AND schema_name = 'main'`,
  );
  const byTable = new Map<string, string[]>();
  for (const c of cols) byTable.set(c.table_name, [...(byTable.get(c.table_name) ?? []), c.column_name]);
  return [...byTable].filter(([name, columns]) => isServable(name, columns)).map(([name]) => name);
}

async function copyTable(engine: Engine, name: string, threshold: number): Promise<TableInfo> {
  const id = engine.dialect.ident(name);
  const described = await engine.all<{ column_name: string; data_type: string }>(
    `SELECT column_name, data_type FROM duckdb_columns()
     WHERE database_name = 'wh' AND schema_name = 'main' AND table_name = $t ORDER BY column_index`,
    { t: name },
  );
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
  const orderBy = mart && orderColumnsExist(mart.orderBy, columns) ? mart.orderBy : undefined;
  await engine.exec(
    `CREATE TABLE main.${id} AS SELECT row_number() OVER (${orderBy ? `ORDER BY ${orderBy}` : ''}) - 1 AS ${ROW_COL}, *,
       []::VARCHAR[] AS ${HIDDEN_COL}, NULL::VARCHAR AS ${REASON_COL} FROM wh.main.${id}`,
  );
  const rows = await engine.all(`SELECT * FROM main.${id} ORDER BY ${ROW_COL}`);
  const { hidden, reasons } = hiddenCells(name, rows, columns, threshold);
  let hiddenCount = 0;
  if (hidden.size > 0) {
    await engine.exec(`CREATE OR REPLACE TEMP TABLE __hide (r BIGINT, c VARCHAR, reason VARCHAR)`);
    const pairs: [bigint, string, string][] = [];
    for (const [r, cs] of hidden)
      for (const c of cs) pairs.push([BigInt(r), c, reasons.get(r) ?? 'secondary']);
    await engine.append('__hide', ['r', 'c', 'reason'], pairs);
    hiddenCount = pairs.length;
    for (const c of new Set(pairs.map(([, c]) => c))) {
      if (!columns.some((k) => k.name === c)) throw new Error(`suppression named unknown column ${c}`);
      await engine.exec(
        `UPDATE main.${id} SET ${engine.dialect.ident(c)} = NULL, ${HIDDEN_COL} = list_append(${HIDDEN_COL}, $c)
         WHERE ${ROW_COL} IN (SELECT r FROM __hide WHERE c = $c)`,
        { c },
      );
    }
    await engine.exec(
      `UPDATE main.${id} SET ${REASON_COL} = h.reason FROM (SELECT DISTINCT r, reason FROM __hide) h WHERE ${ROW_COL} = h.r`,
    );
    await engine.exec('DROP TABLE __hide');
  }
  return {
    name,
    columns,
    rows: rows.length,
    hiddenCells: hiddenCount,
    values: distinctValues(rows, columns),
  };
}

function distinctValues(rows: Row[], columns: ColumnInfo[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const c of columns.filter((k) => k.filterable)) {
    const set = new Set<string>();
    for (const r of rows) if (r[c.name] !== null && r[c.name] !== undefined) set.add(String(r[c.name]));
    out[c.name] = naturalSort([...set]);
  }
  return out;
}

/** A mart's ORDER BY is used only when the warehouse's table has its columns (an older warehouse may not). */
function orderColumnsExist(orderBy: string, columns: ColumnInfo[]): boolean {
  return orderBy
    .split(',')
    .map((part) => part.trim().split(/\s+/)[0]!)
    .every((c) => columns.some((k) => k.name === c));
}

function firstLine(e: unknown): string {
  return String((e as Error).message ?? e).split('\n')[0]!;
}
