/**
 * The report's only way to read marts: each mart whole, suppressed once (src/suppression), so the HTML
 * report and the Excel workbook show the same hidden cells (no differencing between the two).
 */
import { MART_TABLES } from '../analysis/marts.js';
import type { Engine } from '../engine/engine.js';
import { suppress, type PublishedTable } from '../suppression/index.js';

export { MART_TABLES, martTable, type MartTable, type ReportColumn } from '../analysis/marts.js';

/** Read every mart and suppress it once; the only way tables leave the warehouse for the report. */
export async function publishMarts(engine: Engine, threshold: number): Promise<Map<string, PublishedTable>> {
  const out = new Map<string, PublishedTable>();
  const have = new Set(
    (
      await engine.all<{ t: string }>(
        `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema()`,
      )
    ).map((r) => r.t),
  );
  for (const t of MART_TABLES) {
    if (!have.has(t.mart)) continue;
    const cols = t.columns.map((c) => engine.dialect.ident(c.name)).join(', ');
    const rows = await engine.all(`SELECT ${cols} FROM ${t.mart} ORDER BY ${t.orderBy}`);
    out.set(
      t.mart,
      suppress(
        { id: t.mart, columns: t.columns, rows, persons: t.persons, dimensions: t.dimensions },
        threshold,
      ),
    );
  }
  return out;
}
