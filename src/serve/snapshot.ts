import { existsSync, statSync } from 'node:fs';
import { openDuckDB } from '../engine/duckdb.js';
import type { Row } from '../engine/engine.js';
import { userError } from '../core/messages.js';
import { naturalSort, type Catalog, type ColumnInfo, type TableInfo } from './catalog.js';
import { publishServed, type Hidden, type ServedTable, type TableHidden } from '../publish/index.js';

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
  /** the tables as the publish path gave them (hidden cells nulled), for the lineage trail's suppression */
  published: { table: ServedTable; hidden: TableHidden }[];
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
    // all tables at once, through the one publish path: the marts are suppressed together (a cell
    // hidden in one must not follow from another)
    const published = await publishServed(engine, threshold);
    await engine.exec('DETACH wh');
    for (const { table: t, hidden } of published) {
      const { info, stored } = storeTable(t, hidden);
      tables.set(t.name, info);
      data.set(t.name, stored);
    }
    return {
      data,
      mtimeMs,
      published,
      catalog: { tables, source: file, loadedAt: new Date().toISOString(), threshold },
    };
  } finally {
    await engine.close();
  }
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

function firstLine(e: unknown): string {
  return String((e as Error).message ?? e).split('\n')[0]!;
}
