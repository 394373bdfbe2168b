import { MART_TABLES, martLinks } from '../analysis/marts.js';
import type { Row, Value } from '../engine/engine.js';
import {
  suppressLinked,
  type ColumnDef,
  type PublishedTable,
  type TableInput,
  type ColumnKind as SuppressionKind,
  type Dimension,
  type Hidden,
  hiddenText,
} from '../suppression/index.js';
import { columnKind, isFilterable, type ColumnInfo } from './columns.js';

/**
 * Which cells of the published tables to hide: each table is passed through the one suppression function
 * (src/suppression) whole, with the persons columns and additive dimensions the table's owner declared
 * (the marts' headers in sql/analysis; below for the trajectory and costing tables), and the marts all
 * together with the sums that tie them (src/analysis/marts.ts martLinks).
 */
export type HiddenCells = Map<number, Set<string>>;
/** Why a row's cells are hidden: too few persons ("< 5"), or to protect another row ("x"). */
export type HiddenReasons = Map<number, Hidden>;
/** A table's hidden cells and why. */
export interface TableHidden {
  hidden: HiddenCells;
  reasons: HiddenReasons;
}

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
): TableHidden {
  return hiddenCellsAll([{ name: table, rows, columns }], threshold).get(table)!;
}

export interface ServedTable {
  name: string;
  rows: Row[];
  columns: ColumnInfo[];
}

/**
 * Which cells of every served table must be hidden. The marts pass suppression together, with the sums
 * that tie them to each other (src/analysis/marts.ts), exactly as the report's marts do; every other
 * table on its own.
 */
export function hiddenCellsAll(tables: ServedTable[], threshold: number): Map<string, TableHidden> {
  const prepared = tables.map(prepare);
  const isMart = (p: Prepared) => MART_TABLES.some((m) => m.mart === p.table.name);
  const marts = prepared.filter(isMart);
  const published = new Map<string, PublishedTable>();
  const linked = suppressLinked(
    marts.map((p) => p.input),
    threshold,
    martLinks(new Map(marts.map((p) => [p.table.name, p.table.rows]))),
  );
  for (const t of linked) published.set(t.id, t);
  for (const p of prepared.filter((x) => !isMart(x)))
    published.set(p.table.name, suppressLinked([p.input], threshold)[0]!);
  return new Map(prepared.map((p) => [p.table.name, finish(p, published.get(p.table.name)!)]));
}

interface Prepared {
  table: ServedTable;
  def: SuppressionDef;
  input: TableInput;
  /** the served row behind each input row (a level table's total is copied into every level) */
  origin: number[];
  valueColumns: string[];
}

function prepare(table: ServedTable): Prepared {
  const { rows, columns } = table;
  const def = suppressionDef(table.name, columns);
  const mart = MART_TABLES.find((m) => m.mart === table.name);
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
  return {
    table,
    def,
    origin,
    valueColumns,
    input: {
      id: table.name,
      columns: defs,
      rows: input as Record<string, Value>[],
      persons: def.persons,
      dimensions: def.dimensions,
      ranked: mart?.ranked,
      requires: mart?.requires,
      members: mart?.members,
    },
  };
}

function finish(p: Prepared, published: PublishedTable): TableHidden {
  const hidden: HiddenCells = new Map();
  const reasons: HiddenReasons = new Map();
  published.rows.forEach((r, k) => {
    if (!r.hidden) return;
    hidden.set(p.origin[k]!, new Set(p.valueColumns));
    // a total copied into several levels: "small" wins over "secondary"
    if (reasons.get(p.origin[k]!) !== 'small') reasons.set(p.origin[k]!, r.hidden);
  });
  p.def.after?.(p.table.rows, hidden, p.valueColumns, reasons);
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

/**
 * A table the CLI prints, passed through the same suppression as the API (the table's settings above):
 * each hidden cell becomes "< 5" or "x". Column types are read from the values (text → a key), unless
 * `keys` names the key columns (then every other column is a value, hidden with its row).
 * @example publishForCli('readmission_rate', rows, 5)
 */
export function publishForCli(table: string, rows: Row[], threshold: number, keys?: string[]): Row[] {
  const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const columns: ColumnInfo[] = names.map((name) => {
    const v = rows.find((r) => r[name] !== null && r[name] !== undefined)?.[name];
    const type = typeof v === 'string' ? 'VARCHAR' : typeof v === 'bigint' ? 'BIGINT' : 'DOUBLE';
    const kind = keys && !keys.includes(name) && type === 'VARCHAR' ? 'number' : columnKind(name, type);
    return { name, type, kind, filterable: keys ? keys.includes(name) : isFilterable(name, kind) };
  });
  return showHidden({ name: table, rows, columns }, hiddenCells(table, rows, columns, threshold), threshold);
}

/** A table's rows with each hidden cell written as a reader sees it: "< 5" in a persons count, "x" elsewhere. */
export function showHidden(table: ServedTable, { hidden, reasons }: TableHidden, threshold: number): Row[] {
  const kindOf = (k: string) => table.columns.find((c) => c.name === k)?.kind;
  return table.rows.map((r, i) => {
    const cells = hidden.get(i);
    if (!cells) return r;
    const reason = reasons.get(i) ?? 'secondary';
    return Object.fromEntries(
      Object.entries(r).map(([k, v]) => [k, cells.has(k) ? hiddenText(reason, threshold, kindOf(k)) : v]),
    );
  });
}
