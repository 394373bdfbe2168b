import { existsSync, statSync } from 'node:fs';
import { openDuckDB } from '../engine/duckdb.js';
import type { Engine, Row } from '../engine/engine.js';
import { userError } from '../core/messages.js';
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
import type { Hidden } from '../suppression/index.js';
import { hiddenCellsAll, type ServedTable, type TableHidden } from './suppress.js';

/** A served table's rows, already suppressed: hidden cells are null and named per row. */
export interface StoredTable {
  rows: Row[];
  hidden: string[][];
  reasons: (Hidden | null)[];
}

/** The served tables, copied out of the warehouse and already suppressed, held in memory. */
export interface Snapshot {
  catalog: Catalog;
  data: Map<string, StoredTable>;
  /** the warehouse file's modification time when it was read */
  mtimeMs: number;
}

/**
 * Read every servable table from the warehouse and pass each whole table through suppression. The
 * warehouse is attached read-only only while reading, so `tvaerblik run` can write it while the server
 * runs; hidden values are replaced before any request can see them, and the tables (aggregates, small)
 * are then served from memory.
 */
export async function loadSnapshot(file: string, threshold: number): Promise<Snapshot> {
  if (!existsSync(file)) {
    throw userError('serve.no_warehouse', {}, { file });
  }
  const mtimeMs = statSync(file).mtimeMs;
  const engine = await openDuckDB({ file: ':memory:' });
  try {
    try {
      await engine.exec(`ATTACH ${engine.dialect.literal(file)} AS wh (READ_ONLY)`);
    } catch (e) {
      throw userError('serve.warehouse_busy', { detail: firstLine(e) }, { file });
    }
    const tables = new Map<string, TableInfo>();
    const data = new Map<string, StoredTable>();
    const read: ServedTable[] = [];
    for (const name of await servableTables(engine)) read.push(await readTable(engine, name));
    await engine.exec('DETACH wh');
    // all tables at once: the marts are suppressed together (a cell hidden in one must not follow from another)
    const hidden = hiddenCellsAll(read, threshold);
    for (const t of read) {
      const { info, stored } = storeTable(t, hidden.get(t.name)!);
      tables.set(t.name, info);
      data.set(t.name, stored);
    }
    return {
      data,
      mtimeMs,
      catalog: { tables, source: file, loadedAt: new Date().toISOString(), threshold },
    };
  } finally {
    await engine.close();
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

async function readTable(engine: Engine, name: string): Promise<ServedTable> {
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
  const rows = await engine.all(`SELECT * FROM wh.main.${id}${orderBy ? ` ORDER BY ${orderBy}` : ''}`);
  return { name, rows, columns };
}

/** Null the hidden cells of a table read from the warehouse and describe it for the catalogue. */
function storeTable(
  { name, rows, columns }: ServedTable,
  { hidden, reasons }: TableHidden,
): { info: TableInfo; stored: StoredTable } {
  const stored: StoredTable = { rows, hidden: rows.map(() => []), reasons: rows.map(() => null) };
  let hiddenCount = 0;
  for (const [i, cells] of hidden) {
    for (const c of cells) {
      if (!columns.some((k) => k.name === c)) throw new Error(`suppression named unknown column ${c}`);
      rows[i]![c] = null;
      hiddenCount++;
    }
    stored.hidden[i] = [...cells];
    stored.reasons[i] = reasons.get(i) ?? 'secondary';
  }
  const info: TableInfo = {
    name,
    columns,
    rows: rows.length,
    hiddenCells: hiddenCount,
    values: distinctValues(rows, columns),
  };
  return { info, stored };
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
