/**
 * Index entries from a file a system's extract gives (CSV; an Excel sheet is read by the CLI into the
 * same table): a header row naming the columns (the API's field names, docs/overview.md "Loading
 * index entries from a file"), then one row per item. The shape of the file is checked before any row
 * is read — an unknown column is named with "did you mean", a missing one with what it must hold — and
 * every message names the file, the row and the column and says how to fix it. The rows then go
 * through `loadEntries` (one transaction, person ids pseudonymised at the door, repeatable).
 */
import { didYouMean } from '../core/did-you-mean.js';
import { t, userError, type MessageVars } from '../core/messages.js';
import type { UserError } from '../errors.js';
import type { Lang } from '../i18n.js';
import type { Categories } from './categories.js';
import type { EntryInput, Finding } from './entries.js';

/** The columns of an index file, in the documented order. */
export const INDEX_FILE_COLUMNS = [
  'personId',
  'area',
  'dataType',
  'department',
  'sector',
  'provider',
  'date',
  'title',
  'contactId',
  'itemRef',
] as const;
type Column = (typeof INDEX_FILE_COLUMNS)[number];
/** Columns a file may leave out (an empty cell is allowed in them too). */
export const OPTIONAL_COLUMNS: readonly Column[] = ['provider', 'contactId'];

/** A file as a table: its header and its rows, each with its row number in the file (the header is row 1). */
export interface IndexTable {
  /** the file as the user named it (shown in messages) */
  file: string;
  header: string[];
  rows: { row: number; cells: string[] }[];
}

/** An error in the shape of an index file: a 400 for the API, exit code 2 for the CLI. */
export type IndexFileError = UserError & { status: number; code: string };

function fileError(
  code: string,
  vars: MessageVars,
  location: { file: string; row?: number; column?: string },
): IndexFileError {
  return Object.assign(userError(`overview.index_file.${code}`, { ...vars, file: location.file }, location), {
    status: 400,
    code: `index_file.${code}`,
  });
}

/** The delimiter of a CSV file: the one of `;`, `,`, tab that splits the header line into most columns. */
function delimiterOf(headerLine: string): string {
  let best = ',';
  let most = 0;
  for (const d of [',', ';', '\t']) {
    const n = headerLine.split(d).length;
    if (n > most) [best, most] = [d, n];
  }
  return best;
}

/**
 * Parse a CSV file (UTF-8, with or without a byte-order mark; `,` `;` or tab; quotes as RFC 4180, a
 * quoted cell may span lines). Empty lines are skipped; a row number is the line the row starts on.
 */
export function parseIndexCsv(bytes: Uint8Array, file: string): IndexTable {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw fileError('not_utf8', {}, { file });
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = delimiterOf(firstLine);
  const records: { row: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let start = 1;
  let inQuote = false;
  let quotedAt = 0;
  const endRecord = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0]!.trim() === '')) records.push({ row: start, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inQuote) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') inQuote = false;
      else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"' && cell.trim() === '') {
      inQuote = true;
      quotedAt = line;
      cell = '';
    } else if (c === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else cell += c;
  }
  if (inQuote) throw fileError('open_quote', { row: quotedAt }, { file, row: quotedAt });
  if (cell !== '' || cells.length > 0) endRecord();
  const [head, ...rows] = records;
  if (!head) throw fileError('empty', {}, { file });
  return { file, header: head.cells.map((h) => h.trim()), rows };
}

/**
 * Check the header and turn the rows into entries: an unknown, empty or repeated column, a missing
 * required column, or a row with more cells than the header stops the file with a message that
 * names where and how to fix it.
 */
export function entriesFromTable(table: IndexTable): { entries: EntryInput[]; rowNumbers: number[] } {
  const { file, header } = table;
  const known = INDEX_FILE_COLUMNS as readonly string[];
  const seen = new Map<string, number>();
  header.forEach((name, i) => {
    const column = name === '' ? `#${i + 1}` : name;
    if (name === '') throw fileError('empty_column', { position: i + 1 }, { file, row: 1, column });
    if (!known.includes(name)) {
      const suggestion = didYouMean(name, known);
      throw fileError(
        suggestion ? 'unknown_column_suggest' : 'unknown_column',
        { column: name, suggestion: suggestion ?? '', columns: known.join(', ') },
        { file, row: 1, column: name },
      );
    }
    if (seen.has(name)) throw fileError('repeated_column', { column: name }, { file, row: 1, column: name });
    seen.set(name, i);
  });
  for (const column of INDEX_FILE_COLUMNS)
    if (!seen.has(column) && !OPTIONAL_COLUMNS.includes(column))
      throw fileError('missing_column', { column }, { file, row: 1, column });
  const entries: EntryInput[] = [];
  const rowNumbers: number[] = [];
  for (const { row, cells } of table.rows) {
    if (cells.length > header.length)
      throw fileError(
        'extra_cells',
        { row, cells: cells.length, columns: header.length },
        { file, row, column: `#${header.length + 1}` },
      );
    const entry: Record<string, string> = {};
    for (const [name, i] of seen) entry[name] = cells[i] ?? '';
    entries.push(entry as EntryInput);
    rowNumbers.push(row);
  }
  return { entries, rowNumbers };
}

/** The ids a finding's value may be a misspelling of. */
function choicesFor(problem: Finding['problem'], cats: Categories, contacts: readonly string[]): string[] {
  if (problem === 'unknown_area') return cats.areas.map((a) => a.id);
  if (problem === 'unknown_type') return cats.dataTypes.map((d) => d.id);
  if (problem === 'unknown_sector') return cats.sectors.map((s) => s.id);
  if (problem === 'unknown_contact') return [...contacts];
  return [];
}

/**
 * A data-quality finding as one line for a person: the file, row and column, what is wrong, and the
 * fix (with "did you mean" for a misspelt area, data type, sector or contact). Never the person id.
 */
export function describeFinding(
  lang: Lang,
  finding: Finding,
  file: string,
  cats: Categories,
  contacts: readonly string[] = [],
): string {
  const value = finding.value ?? '';
  const suggestion = value ? didYouMean(value, choicesFor(finding.problem, cats, contacts)) : undefined;
  const vars = { file, row: finding.row, column: finding.field, value };
  const what = t(lang, `overview.finding.${finding.problem}`, vars);
  const fix = suggestion
    ? t(lang, 'overview.finding.did_you_mean', { suggestion })
    : t(lang, `overview.finding.fix.${finding.problem}`, vars);
  return t(lang, 'overview.finding.line', { ...vars, what, fix });
}
