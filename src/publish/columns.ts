/**
 * The column model of a published table: which warehouse tables may be published at all, each table's
 * title, each column's kind (how it is shown, filtered and suppressed) and its heading in the three
 * languages. The server's catalogue, meta and downloads (src/serve) and the CLI's tables read it from here.
 */
import { MART_TABLES } from '../analysis/marts.js';
import { texts } from '../core/messages.js';
import type { Lang, Text } from '../i18n.js';

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
  if (columns.includes('person_key') || columns.includes('pseudonym')) return false;
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

/**
 * Column headings in the three languages. Columns not listed are shown by their name made readable
 * ("cost_minor" → "cost"); the marts name their columns from this vocabulary where they can.
 */
export const COLUMN_LABELS: Record<string, Text> = {
  ...texts('labels.column', [
    'period',
    'year',
    'municipality',
    'region',
    'cluster',
    'age_band',
    'age_group',
    'sex',
    'department',
    'department_a',
    'department_b',
    'law',
    'law_ref',
    'sector',
    'target_group',
    'group',
    'dimension',
    'value',
    'interval',
    'catalogue_code',
    'unit',
    'persons',
    'users',
    'cost_minor',
    'total_minor',
    'mean_minor',
    'median_minor',
    'direct_minor',
    'admin_minor',
    'other_common_minor',
    'unit_cost_minor',
    'volume',
    'share_persons',
    'share_cost',
    'rate',
    'target',
    'indicator',
    'check_id',
    'severity',
    'status',
    'source_id',
    'rows_read',
    'rows_loaded',
    'rows_rejected',
    'imported_at',
    'level',
    'grp',
    'index_stays',
    'readmissions',
    'rate_pct',
    'crude_index_stays',
    'crude_readmissions',
    'crude_rate_pct',
    'standardised_rate_pct',
    'cohort',
    'follow_up',
    'discharges',
    'with_home_care',
    'readmission_rate_pct',
    'median_days_to_first_service',
    'numerator',
    'denominator',
    'previous_value',
    'change',
    'trend',
    'target_met',
    'key_figure',
    'title',
    'measure',
    'numerator_minor',
    'reason',
    'label',
    'provider',
    'amount_minor',
    'pool',
    'pool_kind',
    'step',
    'key',
    'target_type',
    'weight',
    'ledger_minor',
    'attributed_minor',
    'nonattributable_minor',
    'excluded_minor',
    'difference_minor',
    'attributed_outside_ledger_minor',
    'method',
    'hours_granted',
    'hours_performed',
    'unit_cost_granted_hour_minor',
    'unit_cost_performed_hour_minor',
    'run_id',
    'import_id',
    'kind',
    'field',
    'threshold_pct',
    'rows_checked',
    'rows_violated',
    'pct_violated',
    'sample_rows',
    'checked_at',
    'local_code',
    'rows',
    'file',
    'file_hash',
    'config_hash',
    'replaced_import_id',
    'source',
    'contacts',
    'invoiced_contacts',
    'computed_minor',
    'computed_invoiced_minor',
    'invoiced_minor',
    'deviation',
    'description',
    'files',
    'amount',
  ]),
};

/** A column's heading in a language. */
export function columnLabel(name: string, lang: Lang): string {
  const known = COLUMN_LABELS[name];
  if (known) return known[lang];
  const plain = name.replace(/_minor$/, '').replace(/_/g, ' ');
  return plain.charAt(0).toUpperCase() + plain.slice(1);
}

/** A column's heading in a table: the mart's own label when it declares one. */
export function tableColumnLabel(table: string, name: string, lang: Lang): string {
  const declared = MART_TABLES.find((m) => m.mart === table)?.columns.find((c) => c.name === name)?.label;
  return declared ? declared[lang] : columnLabel(name, lang);
}

/** Titles of the served tables that are not marts (the marts declare their own in their model headers). */
export const TABLE_TITLES: Record<string, Text> = texts('labels.table', SERVED_TABLES);

/** A served table's title: the mart's own, a listed one, or its name. */
export function tableTitle(table: string): Text {
  return (
    MART_TABLES.find((m) => m.mart === table)?.title ??
    (Object.hasOwn(TABLE_TITLES, table) ? TABLE_TITLES[table]! : { da: table, sv: table, en: table })
  );
}
