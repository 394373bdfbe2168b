/**
 * The one publish path: read → suppress (every table published together) → format. The report, the
 * workbook, the API, the dashboard's downloads and the CLI take tables from here and from nowhere else:
 * `npm run deps` refuses an import of the suppression function or of the readers (./read.ts) from
 * outside src/publish, and test/serve/publish-path.test.ts refuses SQL that reads a mart or the attached
 * warehouse outside it. docs/architecture.md, "One publish path".
 */
import { MART_TABLES, martLinks } from '../analysis/marts.js';
import type { Engine } from '../engine/engine.js';
import { suppressLinked, type PublishedTable } from '../suppression/index.js';
import type { Row } from '../engine/engine.js';
import { readMarts, readServed, readTable } from './read.js';
import { hiddenCellsAll, showHidden, type ServedTable, type TableHidden } from './suppress.js';

export { MART_TABLES, martTable, type MartTable, type ReportColumn } from '../analysis/marts.js';
export {
  COLUMN_LABELS,
  columnKind,
  columnLabel,
  isFilterable,
  isServable,
  SERVED_TABLES,
  TABLE_TITLES,
  tableColumnLabel,
  tableTitle,
  type ColumnInfo,
  type ColumnKind,
} from './columns.js';
export {
  hiddenCells,
  hiddenCellsAll,
  protectClusterIndicator,
  publishForCli,
  SERVED_DEFS,
  showHidden,
  suppressionDef,
  type HiddenCells,
  type HiddenReasons,
  type ServedTable,
  type SuppressionDef,
  type TableHidden,
} from './suppress.js';
/** Formatting a hidden cell: "< 5" in a persons count, "x" anywhere else. */
export {
  hiddenText,
  type ColumnKind as MartColumnKind,
  type Hidden,
  type PublishedRow,
  type PublishedTable,
} from '../suppression/index.js';

/**
 * Read every mart and suppress them once, together (a cell hidden in one mart must not follow from
 * another): the report, the workbook and the CLI's mart tables.
 * @example const published = await publishMarts(engine, ws.config.suppression.threshold)
 */
export async function publishMarts(engine: Engine, threshold: number): Promise<Map<string, PublishedTable>> {
  const { defs, rows } = await readMarts(engine);
  const published = suppressLinked(
    defs.map((t) => ({
      id: t.mart,
      columns: t.columns,
      rows: rows.get(t.mart)!,
      persons: t.persons,
      dimensions: t.dimensions,
      ranked: t.ranked,
      requires: t.requires,
      members: t.members,
    })),
    threshold,
    martLinks(rows),
  );
  return new Map(published.map((p) => [p.id, p]));
}

/**
 * Read every servable table of the warehouse attached as `wh` and name the cells to hide, the marts
 * suppressed together exactly as publishMarts does: the API, the dashboard and its downloads.
 */
export async function publishServed(
  engine: Engine,
  threshold: number,
): Promise<{ table: ServedTable; hidden: TableHidden }[]> {
  const read = await readServed(engine);
  const hidden = hiddenCellsAll(read, threshold);
  return read.map((table) => ({ table, hidden: hidden.get(table.name)! }));
}

/**
 * One served table that is not a mart, read from the warehouse the engine opened and suppressed exactly
 * as the API serves it (publishServed: such a table passes suppression on its own), each hidden cell
 * written "< 5" or "x", its rows ordered by the `order` columns: the CLI's tables (a mart is published
 * with the others, by publishMarts).
 * @example const rates = await publishTable(engine, 'readmission_rate', threshold, ['period', 'level', 'grp'])
 */
export async function publishTable(
  engine: Engine,
  name: string,
  threshold: number,
  order: string[] = [],
): Promise<Row[]> {
  if (MART_TABLES.some((m) => m.mart === name))
    throw new Error(`${name} is a mart: publishMarts suppresses it together with the others`);
  const table = await readTable(engine, name, null, order);
  return showHidden(table, hiddenCellsAll([table], threshold).get(name)!, threshold);
}
