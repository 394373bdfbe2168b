import { DEFAULT_KEY_FIGURES } from '../costing/keyfigures.js';
import { DQ_CHECKS, DQ_FIELDS } from '../core/dq-names.js';
import { t, text, texts } from '../core/messages.js';
import { formatNumber, LANGS, type Text } from '../i18n.js';

/**
 * Names of the values that appear in tables (target groups, quadrants, areas, statuses …) in da, sv and en.
 * The one list: the report reads it directly and the dashboard receives it with /api/meta.
 */
export const VALUE_LABELS: Record<string, Text> = {
  ...texts('labels.value', [
    'municipal',
    'regional',
    'private',
    'own',
    'external',
    'physical_disability',
    'acquired_brain_injury',
    'developmental_disability',
    'mental_illness',
    'substance_abuse',
    'elderly',
    'other',
    'unknown',
    'ordinary_housing',
    'special_housing',
    'lss',
    'F',
    'M',
    'total',
    'all',
    'ok',
    'pass',
    'warn',
    'fail',
    'stop',
    'hour_granted',
    'hour_performed',
    'hour',
    'day',
    'week',
    'month',
    'year',
    'place',
    'visit',
    'item',
    'portion',
    'user',
    'amount',
    'true',
    'false',
    'top',
    'bottom',
    'outlier',
    'disability',
    'social_psychiatry',
    'older_multimorbid',
    'high_high',
    'high_low',
    'low_high',
    'low_low',
    'cost',
    'cost_per_inhabitant',
    'cost_per_person',
    'gini',
  ]),
  // the default ages and threshold; `tvaerblik serve` and the report fill in the workspace's own (heavyLabels)
  ...heavyLabels(18, 64, 250_000),
  ...texts('labels.value', ['multi_department_share', 'persons', 'regional_cost', 'top_share']),
  '*any*': text('labels.value.any_other_department'),
  ...texts('labels.value', [
    'expensive_both',
    'expensive_municipal',
    'expensive_regional',
    'expensive_neither',
  ]),
  '?': text('labels.value.unknown_value'),
  '*': text('labels.value.all_values'),
  ...texts('labels.value', [
    'U',
    'any',
    'multiple',
    'training',
    'home_care',
    'nursing',
    'housing',
    'personal_assistance',
    'benefit',
    'target_group',
    'benefit_status',
    'chronic_condition',
    'age_band',
    'sex',
    'law',
    'service',
    'department',
    'temporary_stay',
    'meals',
    'day_activity',
    'support',
    'relief',
    'placement',
    'employment_measure',
    'substance_treatment',
    'prevention',
    'housing_adaptation',
    'shelter',
    'safety_alarm',
    'hospital_outpatient',
    'hospital_inpatient',
    'companion',
    'child_support',
    'aids',
    'treatment',
    'specialist_practice',
    'general_practice',
    'contact_person',
    'car',
    'after_school',
    'early_retirement',
    'sickness_benefit_long_term',
  ]),
  // benefit status, housing and chronic conditions as the catalogues' mappings name them
  ...texts('labels.value', [
    'disability_pension',
    'social_assistance',
    'flex_job',
    'sickness_benefit',
    'resource_course',
    'long_term_sickness_benefit',
    'own_home',
    'housing_107',
    'housing_108',
    'nursing_home',
    'lss_housing',
    'diabetes',
    'copd',
    'heart_failure',
    'ischaemic_heart_disease',
    'dementia',
    'osteoporosis',
    'arthritis',
    'cancer',
  ]),
  // data-quality checks (src/ingest/checks.ts): kinds; the check names come from the catalogues
  ...texts('dq.check', DQ_CHECKS),
  ...texts('labels.value', ['conformance', 'completeness', 'plausibility', 'info']),
  // cluster indicators (src/trajectories/config.ts INDICATORS)
  ...texts('labels.value', [
    'admissions_per_1000_65plus',
    'acute_readmissions_per_1000_65plus',
    'readmission_rate_pct',
    'services_per_citizen',
    'hospital_contacts_per_citizen',
    'gp_contacts_per_citizen',
    'municipal_services_per_citizen',
    'regional_services_per_citizen',
    'home_care_after_discharge_pct',
    'follow_up_after_discharge_pct',
    'cost_per_citizen_municipal',
    'cost_per_citizen_regional',
  ]),
  // the canonical fields of the data model: in the catalogues, shared with the data-quality report
  ...texts('dq.field', DQ_FIELDS),
  // the canonical tables an import loads (import_log.target)
  ...texts('labels.value', [
    'ledger',
    'hospital_contact',
    'gp_contact',
    'person',
    'residence',
    'person_attribute',
    'population',
  ]),
  // the bases of mart_trend_restated and mart_payer (docs/reform-2027.md)
  ...texts('labels.value', ['registered', 'division_2027']),
  // the levels of readmission_rate (src/trajectories)
  ...texts('labels.value', ['municipality', 'cluster']),
  // reasons for leaving a ledger line out, as docs/costing.md suggests them and the demo uses them
  ...texts('labels.value', [
    'user_fee_not_deducted',
    'financing',
    'financing_state_refund',
    'vat',
    'kmf_costed_from_regional_data',
  ]),
  // ledger reconciliation (src/costing): what a ledger line went to
  ...texts('labels.value', [
    'intervention',
    'nonattributable',
    'excluded',
    'pool',
    'gp',
    'hospital',
    'administration',
    'premises',
  ]),
  // the built-in Kolada key figures (src/costing/keyfigures.ts), by their Kolada id
  U21003: text('labels.value.U21003'),
  'KPB-HT-UTF': text('labels.value.KPB_HT_UTF'),
  ...texts('labels.value', ['U21005', 'U23004', 'U28030', 'U28032', 'U28031', 'U28096']),
  // data-quality checks made per field ("admit_time_format"): "{field}" is the field's name
  '*_format': text('dq.check.format'),
  '*_required': text('dq.check.required'),
  U28033: text('labels.value.U28033'),
};

// A built-in key figure's official (Swedish) Kolada title reads as its name in the reader's language.
for (const k of DEFAULT_KEY_FIGURES) {
  const named = VALUE_LABELS[k.id];
  if (named) VALUE_LABELS[k.title] = named;
}

/**
 * The name of a value in a language: its own label, else a pattern's ("admit_time_format"), else
 * "SEL-107@external" as "<service> (<provider>)", else the value with underscores as spaces.
 */
export function labelOf(
  value: string,
  lang: (typeof LANGS)[number],
  labels: Record<string, Text> = VALUE_LABELS,
): string {
  if (Object.hasOwn(labels, value)) return labels[value]![lang];
  const pattern = /^(.+)_(format|required)$/.exec(value);
  if (pattern)
    return labels[`*_${pattern[2]}`]![lang].replace(
      '{field}',
      inSentence(labelOf(pattern[1]!, lang, labels)),
    );
  const at = /^(.+)@([a-z_]+)$/.exec(value);
  if (at && Object.hasOwn(labels, at[2]!))
    return `${labelOf(at[1]!, lang, labels)} (${labels[at[2]!]![lang]})`;
  return value.replace(/_/g, ' ');
}

/**
 * The name of a code with the code beside it, once: "Home care, per granted hour (Kolada U21003)" already
 * names U21003, "Home care, per performed hour" gets " (KPB-HT-UTF)".
 */
export function labelWithCode(value: string, lang: (typeof LANGS)[number]): string {
  const label = labelOf(value, lang);
  return label.includes(value) ? label : `${label} (${value})`;
}

/** A name inside a sentence: "Alder" → "alder", but "CPR" stays. */
export function inSentence(name: string): string {
  return /^\p{Lu}\p{Ll}/u.test(name) ? name.charAt(0).toLowerCase() + name.slice(1) : name;
}

/**
 * The resource-heavy key figures' names with the analysis' ages and threshold, so a card never reads as
 * if it counted every age ("126 resource-heavy citizens" next to "372 citizens cost at least 250,000").
 */
export function heavyLabels(ageFrom: number, ageTo: number, thresholdKr: number): Record<string, Text> {
  const named = (key: string): Text =>
    Object.fromEntries(
      LANGS.map((l) => [
        l,
        t(l, key, { from: String(ageFrom), to: String(ageTo), kr: formatNumber(thresholdKr, l, 0) }),
      ]),
    ) as Text;
  return { heavy_persons: named('labels.heavy.persons'), heavy_cost_share: named('labels.heavy.cost_share') };
}
