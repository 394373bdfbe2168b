/**
 * What the server knows about the tables it serves: their columns, each column's kind (how it is
 * shown and filtered) and the values a filter may take. Built once per snapshot (see snapshot.ts).
 */

/** How a column is shown: money in minor units, a person count, a share 0–1, a plain number, text, date. */
export type ColumnKind = 'money' | 'count' | 'share' | 'number' | 'text' | 'date';

export interface ColumnInfo {
  name: string;
  /** the SQL type in the warehouse, e.g. BIGINT, DECIMAL(18,4), VARCHAR */
  type: string;
  kind: ColumnKind;
  /** true for text/date columns a request may filter on */
  filterable: boolean;
}

export interface TableInfo {
  name: string;
  columns: ColumnInfo[];
  rows: number;
  /** cells the suppression function hid in this table */
  hiddenCells: number;
  /** distinct values of each filterable column (sorted), for validation and for the dashboard */
  values: Record<string, string[]>;
}

export interface Catalog {
  tables: Map<string, TableInfo>;
  /** the warehouse file the snapshot was read from, and when */
  source: string;
  loadedAt: string;
  threshold: number;
}

/**
 * The standard filters of the dashboard, each with the column names a table may use for it. A table
 * without such a column is simply not filtered by it.
 */
export const STANDARD_FILTERS: Record<string, string[]> = {
  period: ['period'],
  municipality: ['municipality'],
  age_band: ['age_band', 'age_group'],
  department: ['department'],
  law: ['law', 'law_ref'],
};

/** Tables that may be served besides every `mart_*` table; all aggregates (no person rows). */
export const SERVED_TABLES = [
  'cost_unit',
  'cost_reconciliation',
  'cost_nonattributable',
  'cost_pool_allocation',
  'cluster_indicator',
  'dq_result',
  'import_log',
];

/** Whether a warehouse table may be served at all; person-level tables never are. */
export function isServable(name: string, columns: string[]): boolean {
  if (columns.includes('person_key')) return false;
  return name.startsWith('mart_') || SERVED_TABLES.includes(name);
}

const COUNT_NAMES = /^(persons|users|citizens|n|count|n_persons|admissions|readmissions|contacts|stays)$/;

/** Infer a column's kind from its name and SQL type (the marts follow these naming conventions). */
export function columnKind(name: string, type: string): ColumnKind {
  const t = type.toUpperCase();
  if (t === 'DATE' || t.startsWith('TIMESTAMP')) return 'date';
  if (t === 'VARCHAR' || t === 'BOOLEAN' || t.endsWith('[]')) return 'text';
  if (name.endsWith('_minor')) return 'money';
  if (/(^|_)(share|pct|rate|gini)($|_)/.test(name)) return 'share';
  if (COUNT_NAMES.test(name) || name.endsWith('_persons') || name.startsWith('persons_')) return 'count';
  return 'number';
}

/** Text and date columns are filterable; year-like integer keys are too. */
export function isFilterable(name: string, kind: ColumnKind): boolean {
  if (kind === 'text' || kind === 'date') return true;
  return name === 'year';
}

/** Sort filter values the way a reader expects: "0-20" before "21-50", "2023" before "2024". */
export function naturalSort(values: string[]): string[] {
  const collator = new Intl.Collator('da', { numeric: true, sensitivity: 'base' });
  return [...values].sort(collator.compare);
}
