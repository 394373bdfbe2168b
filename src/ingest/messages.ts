/**
 * User-facing ingest texts, from locales/*.json under `ingest.<key>.msg` and `ingest.<key>.hint`.
 * No message ever takes a cell value as a variable, so a raw person id cannot reach an error message.
 */
import { text } from '../core/messages.js';
import { UserError, type ErrorLocation } from '../errors.js';
import { tr, type Lang, type Text } from '../i18n.js';

interface Entry {
  msg: Text;
  hint: Text;
}

const KEYS = [
  'no_files',
  'empty_file',
  'no_header',
  'missing_column',
  'wrong_delimiter',
  'duplicate_header',
  'bad_encoding',
  'field_count',
  'unterminated_quote',
  'huge_cell',
  'excel_huge_cell',
  'zip_bomb',
  'xml_doctype',
  'not_xlsx',
  'truncated',
  'formula_no_value',
  'sheet_missing',
  'unreadable',
  'not_regular_file',
  'utf16',
  'utf16_be',
  'line_endings',
  'blank_lines',
  'header_is_data',
  'too_many_columns',
  'too_large',
  'nested_archive',
  'zip_over_declared',
  'zip_entries',
  'shared_strings_limit',
  'read_timeout',
  'no_rows',
  'bad_expr',
  'unknown_field',
  'bad_format',
  'codes_header',
  'codes_duplicate',
  'unknown_source',
  'unknown_period',
  'stop',
  'bad_number',
  'unidentified',
  'unidentified_rejected',
  'bad_where',
  'rate_needs_dates',
] as const;

export type MessageKey = (typeof KEYS)[number];

export const MESSAGES = Object.fromEntries(
  KEYS.map((k) => [k, { msg: text(`ingest.${k}.msg`), hint: text(`ingest.${k}.hint`) }]),
) as Record<MessageKey, Entry>;

/** A UserError in the reader's language. */
export function ingestError(
  lang: Lang,
  key: MessageKey,
  vars: Record<string, string | number>,
  location: Omit<ErrorLocation, 'hint'> = {},
  exitCode = 2,
): UserError {
  const m: Entry = MESSAGES[key];
  return new UserError(tr(m.msg, lang, vars), { ...location, hint: tr(m.hint, lang, vars) }, exitCode);
}
