/** The marts as publishMarts passes them to suppression: each with its header's settings, tied by martLinks. */
import { martLinks, martTable } from '../../src/analysis/marts.js';
import type { Row } from '../../src/engine/engine.js';
import { suppressLinked, type Hidden, type TableInput } from '../../src/suppression/index.js';

/** Each mart's rows' hidden state (null: shown) after the linked pass at `threshold`. */
export function publishMarts(
  marts: Record<string, Row[]>,
  threshold: number,
): Map<string, (Hidden | null)[]> {
  const inputs: TableInput[] = Object.entries(marts).map(([mart, rows]) => {
    const t = martTable(mart);
    return {
      id: mart,
      columns: t.columns,
      rows,
      persons: t.persons,
      dimensions: t.dimensions,
      ranked: t.ranked,
      requires: t.requires,
    };
  });
  const published = suppressLinked(inputs, threshold, martLinks(new Map(Object.entries(marts))));
  return new Map(published.map((p) => [p.id, p.rows.map((r) => r.hidden)]));
}
