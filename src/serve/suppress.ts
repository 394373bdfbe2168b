import { MART_TABLES } from '../analysis/marts.js';
import type { Row, Value } from '../engine/engine.js';
import {
  suppress,
  type ColumnDef,
  type ColumnKind as SuppressionKind,
  type Dimension,
  type Hidden,
} from '../suppression/index.js';
import type { ColumnInfo } from './catalog.js';

/**
 * The server's bridge to the one suppression function (src/suppression): each served table is passed
 * through it whole, once per snapshot, with the persons columns and additive dimensions the table's
 * owner declared (src/analysis/marts.ts for the marts; below for the trajectory and costing tables).
 * The result names the cells to hide; the snapshot nulls them before any request is served.
 */
export type HiddenCells = Map<number, Set<string>>;
/** Why a row's cells are hidden: too few persons ("< 5"), or to protect another row ("x"). */
export type HiddenReasons = Map<number, Hidden>;

export interface SuppressionDef {
  /** columns counting persons (or events about persons): a row is small when any is 1 … threshold−1 */
  persons: string[];
  dimensions?: Dimension[];
  /** a table whose total row sits on its own level (level = 'total', group = 'all'), e.g. readmission_rate */
  levels?: { level: string; group: string; totalLevel: string; total: string };
  /** extra protection a table needs beyond its own sums (see clusterIndicator) */
  after?: (rows: Row[], hidden: HiddenCells, valueColumns: string[], reasons: HiddenReasons) => void;
}

/** Tables outside the marts that the dashboard shows, with what suppression must know about them. */
export const SERVED_DEFS: Record<string, SuppressionDef> = {
  cost_unit: { persons: ['persons'] },
  readmission_rate: {
    persons: ['index_stays', 'readmissions', 'crude_index_stays', 'crude_readmissions'],
    dimensions: [{ column: 'grp', total: 'all' }],
    levels: { level: 'level', group: 'grp', totalLevel: 'total', total: 'all' },
  },
  transition_summary: { persons: ['discharges', 'with_home_care', 'index_stays', 'readmissions'] },
  kmf_reconciliation: { persons: ['contacts'] },
  cluster_indicator: { persons: ['numerator', 'denominator'], after: protectClusterIndicator },
};

/** The suppression settings of a served table: the mart's own, a listed table's, or persons columns by name. */
export function suppressionDef(table: string, columns: ColumnInfo[]): SuppressionDef {
  const mart = MART_TABLES.find((m) => m.mart === table);
  if (mart) {
    return {
      persons: Array.isArray(mart.persons) ? mart.persons : [mart.persons],
      dimensions: mart.dimensions,
    };
  }
  return SERVED_DEFS[table] ?? { persons: columns.filter((c) => c.kind === 'count').map((c) => c.name) };
}

/** Which cells of a whole table must be hidden. */
export function hiddenCells(
  table: string,
  rows: Row[],
  columns: ColumnInfo[],
  threshold: number,
): { hidden: HiddenCells; reasons: HiddenReasons } {
  const def = suppressionDef(table, columns);
  const mart = MART_TABLES.find((m) => m.mart === table);
  const defs: ColumnDef[] = columns.map((c) => ({
    name: c.name,
    kind:
      mart?.columns.find((m) => m.name === c.name)?.kind ??
      (def.persons.includes(c.name) ? 'persons' : suppressionKind(c)),
  }));
  // keys and bounds (an interval's limits: configuration, not data) stay visible, as in src/suppression
  const valueColumns = defs.filter((c) => c.kind !== 'key' && c.kind !== 'bound').map((c) => c.name);
  // A level table is suppressed with its total row copied into every level, so each level's parts and
  // the total form one sum; a total hidden in any level is hidden.
  const input: Row[] = [];
  const origin: number[] = [];
  if (def.levels) {
    const { level, totalLevel } = def.levels;
    const levels = [...new Set(rows.map((r) => String(r[level])))].filter((l) => l !== totalLevel);
    rows.forEach((r, i) => {
      if (String(r[level]) !== totalLevel) {
        input.push(r);
        origin.push(i);
      } else {
        for (const l of levels) {
          input.push({ ...r, [level]: l });
          origin.push(i);
        }
      }
    });
  } else {
    input.push(...rows);
    rows.forEach((_, i) => origin.push(i));
  }
  const published = suppress(
    {
      id: table,
      columns: defs,
      rows: input as Record<string, Value>[],
      persons: def.persons,
      dimensions: def.dimensions,
    },
    threshold,
  );
  const hidden: HiddenCells = new Map();
  const reasons: HiddenReasons = new Map();
  published.rows.forEach((r, k) => {
    if (!r.hidden) return;
    hidden.set(origin[k]!, new Set(valueColumns));
    // a total copied into several levels: "small" wins over "secondary"
    if (reasons.get(origin[k]!) !== 'small') reasons.set(origin[k]!, r.hidden);
  });
  def.after?.(rows, hidden, valueColumns, reasons);
  return { hidden, reasons };
}

function suppressionKind(c: ColumnInfo): SuppressionKind {
  if (c.filterable) return 'key';
  if (c.kind === 'money') return 'money';
  if (c.kind === 'share') return 'share';
  if (c.kind === 'count') return 'count';
  return c.type.startsWith('DECIMAL') ? 'decimal' : 'number';
}

/**
 * Cluster indicators: a cluster row is the sum of its municipalities' rows, so when any municipality's
 * row is hidden, the cluster rows of that period and indicator are hidden too; and a row's "previous
 * value" repeats the previous period's row, so it is hidden where that row is.
 */
export function protectClusterIndicator(
  rows: Row[],
  hidden: HiddenCells,
  valueColumns: string[],
  reasons: HiddenReasons,
): void {
  const key = (...parts: (Value | undefined)[]) => parts.map(String).join('\u0000');
  const hiddenMuni = new Set<string>();
  rows.forEach((r, i) => {
    if (hidden.has(i) && r.level === 'municipality') hiddenMuni.add(key(r.period, r.indicator));
  });
  rows.forEach((r, i) => {
    if (r.level === 'cluster' && hiddenMuni.has(key(r.period, r.indicator)))
      hidden.set(i, new Set(valueColumns));
  });
  // previous period: the row of the same level, unit and indicator with value = this row's previous_value
  const byUnit = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const k = key(r.level, r.unit, r.indicator);
    byUnit.set(k, [...(byUnit.get(k) ?? []), i]);
  });
  const collator = new Intl.Collator('en', { numeric: true });
  const repeated = ['previous_value', 'change', 'trend', 'target_met'].filter((c) => rows[0] && c in rows[0]);
  for (const idx of byUnit.values()) {
    idx.sort((a, b) => collator.compare(String(rows[a]!.period), String(rows[b]!.period)));
    for (let j = 1; j < idx.length; j++) {
      if (!hidden.has(idx[j - 1]!) || hidden.get(idx[j]!)?.size === valueColumns.length) continue;
      const cells = hidden.get(idx[j]!) ?? new Set<string>();
      for (const c of repeated) cells.add(c);
      hidden.set(idx[j]!, cells);
      if (!reasons.has(idx[j]!)) reasons.set(idx[j]!, 'secondary');
    }
  }
}
