/**
 * The column model of a published table: each column's kind (how it is shown, filtered and suppressed)
 * and which warehouse tables may be published at all. The server's catalogue (src/serve/catalog.ts)
 * and the CLI's tables read it from here.
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

/** Tables that may be served besides every `mart_*` table; all aggregates (no person rows). */
export const SERVED_TABLES = [
  'readmission_rate',
  'transition_summary',
  'kmf_reconciliation',
  'cost_key_figure',
  'dq_unmapped_code',
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

/**
 * A column's kind: as the table's owner declared it (src/analysis/marts.ts: key, persons, money, mean,
 * share …), else inferred from its name and SQL type. `_pct` columns hold per cent (6.5), not shares.
 */
export function columnKind(name: string, type: string, declared?: string): ColumnKind {
  const t = type.toUpperCase();
  if (t === 'DATE' || t.startsWith('TIMESTAMP')) return 'date';
  if (t === 'VARCHAR' || t === 'BOOLEAN' || t.endsWith('[]')) return 'text';
  if (declared === 'key') return 'number';
  if (declared === 'persons' || declared === 'count') return 'count';
  if (declared === 'share') return 'share';
  if (declared === 'money' || name.endsWith('_minor')) return 'money';
  if (declared) return 'number';
  if (/(^|_)share($|_)/.test(name)) return 'share';
  if (COUNT_NAMES.test(name) || name.endsWith('_persons') || name.startsWith('persons_')) return 'count';
  return 'number';
}

/** Text and date columns are filterable, and the keys a table's owner declared (e.g. interval_no). */
export function isFilterable(name: string, kind: ColumnKind, declared?: string): boolean {
  if (kind === 'text' || kind === 'date' || declared === 'key') return true;
  return name === 'year';
}
