/**
 * The report's only way to read marts: each mart whole, suppressed once (src/suppression), so the HTML
 * report and the Excel workbook show the same hidden cells (no differencing between the two).
 */
import { MART_TABLES, martLinks } from '../analysis/marts.js';
import type { Engine, Row } from '../engine/engine.js';
import { suppressLinked, type PublishedTable } from '../suppression/index.js';

export { MART_TABLES, martTable, type MartTable, type ReportColumn } from '../analysis/marts.js';

/**
 * Read every mart and suppress them once, together (a cell hidden in one mart must not follow from
 * another); the only way tables leave the warehouse for the report and the CLI.
 */
export async function publishMarts(engine: Engine, threshold: number): Promise<Map<string, PublishedTable>> {
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
  const published = suppressLinked(
    defs.map((t) => ({
      id: t.mart,
      columns: t.columns,
      rows: rows.get(t.mart)!,
      persons: t.persons,
      dimensions: t.dimensions,
      ranked: t.ranked,
    })),
    threshold,
    martLinks(rows),
  );
  return new Map(published.map((p) => [p.id, p]));
}
