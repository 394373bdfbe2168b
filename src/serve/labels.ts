import { texts } from '../core/messages.js';
import { MART_TABLES } from '../analysis/marts.js';
import type { Lang, Text } from '../i18n.js';

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

/** Titles of the served tables that are not marts (the marts declare their own in src/analysis/marts.ts). */
export const TABLE_TITLES: Record<string, Text> = {
  ...texts('labels.table', [
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
  ]),
};

/** A served table's title: the mart's own, a listed one, or its name. */
export function tableTitle(table: string): Text {
  return (
    MART_TABLES.find((m) => m.mart === table)?.title ??
    (Object.hasOwn(TABLE_TITLES, table) ? TABLE_TITLES[table]! : { da: table, sv: table, en: table })
  );
}
