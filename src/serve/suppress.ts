import type { Row } from '../engine/engine.js';
import type { ColumnInfo } from './catalog.js';

/**
 * The server's bridge to the suppression stage: given a whole table, which cells must be hidden.
 * Cells are named by row index and column; the snapshot nulls them before any request is served.
 */
export type HiddenCells = Map<number, Set<string>>;

/**
 * Primary suppression (bridge until src/suppression lands): a row whose person count is below the
 * threshold (and above zero) hides the count and every measure of that row.
 */
export function hiddenCells(rows: Row[], columns: ColumnInfo[], threshold: number): HiddenCells {
  const counts = columns.filter((c) => c.kind === 'count').map((c) => c.name);
  const measures = columns.filter((c) => !c.filterable).map((c) => c.name);
  const hidden: HiddenCells = new Map();
  rows.forEach((row, i) => {
    const small = counts.some((c) => {
      const v = row[c];
      const n = typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : Number(v ?? NaN);
      return Number.isFinite(n) && n > 0 && n < threshold;
    });
    if (small) hidden.set(i, new Set(measures));
  });
  return hidden;
}
