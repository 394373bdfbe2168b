/**
 * What the server knows about the tables it serves: their columns, each column's kind (how it is
 * shown and filtered) and the values a filter may take. Built once per snapshot (see snapshot.ts).
 */

export type { ColumnInfo, ColumnKind } from '../publish/index.js';
export { columnKind, isFilterable, isServable, SERVED_TABLES } from '../publish/index.js';
import type { ColumnInfo } from '../publish/index.js';

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
  // the concentration marts keep the age band in "grp" (with "all" as the total)
  age_band: ['age_band', 'grp'],
  department: ['department', 'department_a'],
  law: ['law', 'law_ref'],
};

/** Tables where a standard filter's usual column means something else (readmission_rate: grp per level). */
export const FILTER_EXCEPTIONS: Record<string, string[]> = { readmission_rate: ['age_band'] };

/** Values that stand for "every group" in a breakdown: a filter list leaves them out (that is "All"). */
export const TOTAL_VALUES = ['all', '*', 'total'];

/** Sort filter values the way a reader expects: "0-20" before "21-50", "2023" before "2024". */
export function naturalSort(values: string[]): string[] {
  const collator = new Intl.Collator('da', { numeric: true, sensitivity: 'base' });
  return [...values].sort(collator.compare);
}
