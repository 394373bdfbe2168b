import { text, texts } from '../core/messages.js';
import type { Text } from '../i18n.js';

/** Texts of config errors (tvaerblik.yaml), from locales/*.json under `config.`. */
export const M = texts('config', [
  'noWorkspace',
  'noWorkspaceHint',
  'notYaml',
  'notYamlHint',
  'invalid',
  'missing',
  'unknownKey',
  'didYouMean',
  'validKeys',
  'useOneOf',
  'seeDocs',
  'expected',
  'required',
  'tooSmall',
  'tooBig',
  'tooFewItems',
  'notInteger',
  'quoteIt',
  'unknownCheck',
  'unknownField',
  'ignoredOption',
  'ignoredOptionHint',
  'valuesWithExpr',
  'notAllowed',
  'unknownPeriod',
  'duplicateId',
  'duplicateIdHint',
  'unknownTarget',
  'targetHint',
  'unknownWeight',
  'unknownCode',
  'codeHint',
  'unknownName',
] as const);

/** Texts of the schema's own refinements (`config.schema.*`), keyed by their English message in schema.ts. */
export const SCHEMA_TEXT: Record<string, Text> = Object.fromEntries(
  [
    'expected_a_date_written_yyyy_mm',
    'not_a_real_calendar_date',
    'use_letters_digits_or',
    'from_must_not_be_after_to',
    'give_exactly_one_of_column_value',
    'use_lower_case_letters_digits_or',
    'a_municipality_code_is_3_or',
    'give_exactly_one_of_key_file',
    'a_threshold_below_3_is_refused',
    'a_delimiter_is_one_character',
    'a_quote_is_one_character',
  ].map((k) => {
    const t = text(`config.schema.${k}`);
    return [t.en, t];
  }),
);
