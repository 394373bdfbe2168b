/**
 * The names of the data-quality checks and of the fields they check, in the reader's language. The
 * texts live in the message catalogues (`dq.check.<id>`, `dq.field.<name>`): the import's report and
 * the labels of the report and dashboard (src/labels/values.ts) read the same keys.
 */
import type { Lang } from '../i18n.js';
import { hasMessage, t } from './messages.js';

/** The fixed check ids of src/ingest/checks.ts (and read.ts: rows_present). */
export const DQ_CHECKS = [
  'person_id_present',
  'person_id_valid',
  'person_id_cpr_mod11',
  'catalogue_code_known',
  'local_code_mapped',
  'catalogue_code_present',
  'volume_not_negative',
  'hours_per_day_max_24',
  'end_not_before_start',
  'within_period',
  'count_not_negative',
  'person_has_residence',
  'volume_rate_max_hours',
  'no_duplicates',
  'rows_present',
] as const;

/** The canonical fields a check can name (docs/data-model.md). */
export const DQ_FIELDS = [
  'person_id',
  'from_date',
  'to_date',
  'death_date',
  'start_date',
  'end_date',
  'attribute',
  'value',
  'account',
  'period',
  'volume',
  'provider',
  'catalogue_code',
  'local_code',
  'contact_id',
  'contact_date',
  'acute',
  'psychiatric',
  'admit_time',
  'discharge_time',
  'discharge_status',
  'tariff',
  'kmf',
  'fee',
  'provider_type',
  'age',
  'count',
] as const;

/**
 * A field's label from the catalogues (`dq.field.<name>`, else `trust.field.<name>`; every field of
 * src/ingest/fields.ts has one in da, sv and en, test/ingest/dq-names.test.ts checks it). Only a name no
 * target declares falls back to the id.
 */
export function dqFieldLabel(field: string, lang: Lang): string {
  for (const key of [`dq.field.${field}`, `trust.field.${field}`]) if (hasMessage(key)) return t(lang, key);
  return field.replace(/_/g, ' ');
}

/** A field's name inside a sentence ("Indlæggelsestid" → "indlæggelsestid"; "CPR" stays). */
export function dqFieldName(field: string, lang: Lang): string {
  const name = dqFieldLabel(field, lang);
  return /^\p{Lu}\p{Ll}/u.test(name) ? name.charAt(0).toLowerCase() + name.slice(1) : name;
}
const fieldName = dqFieldName;

/** A check's name: its own ("no_duplicates"), else a per-field one ("admit_time_format"), else the id. */
export function dqCheckName(id: string, lang: Lang): string {
  if (hasMessage(`dq.check.${id}`)) return t(lang, `dq.check.${id}`);
  const perField = /^(.+)_(format|required)$/.exec(id);
  if (perField) return t(lang, `dq.check.${perField[2]}`, { field: fieldName(perField[1]!, lang) });
  return id.replace(/_/g, ' ');
}
