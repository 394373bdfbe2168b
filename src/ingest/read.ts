/**
 * Turning one extract file into a relation DuckDB can scan: CSV (transcoded to UTF-8 when needed),
 * Excel (streamed to a temporary CSV by excel.ts), Parquet and JSON. Header problems are found here,
 * before any row is read; DuckDB's own errors are translated (they quote whole lines, which may hold ids).
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, readdirSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import iconv from 'iconv-lite';
import type { SourceConfig } from '../config/schema.js';
import type { Workspace } from '../config/workspace.js';
import type { Engine } from '../engine/engine.js';
import { UserError } from '../errors.js';
import type { Lang } from '../i18n.js';
import { excelToCsv } from './excel.js';
import { ingestError } from './messages.js';

/** The longest CSV line accepted; longer means a broken quote or a huge cell. */
export const MAX_LINE_BYTES = 1024 * 1024;

export interface Relation {
  /** the file as the user named it (relative to the workspace) */
  file: string;
  /** a table expression over the file */
  sql: string;
  /** source columns and their DuckDB types (VARCHAR for CSV and Excel) */
  columns: { name: string; type: string }[];
  /** SQL giving the row number in the file (the header row counts), over alias s of the scanned table */
  rowExpr: string;
  /**
   * Scanned once into TEMP TABLE raw_src (of this connection only), whose rowid gives the row number
   * without a window function; Parquet is scanned in place (it has file_row_number).
   */
  materialize: boolean;
  /** decimal and thousands separators of text numbers */
  decimal: '.' | ',';
  thousands: string;
  format: SourceConfig['format'];
  /** CSV only: the header line and delimiter, to suggest a better delimiter */
  headerLine?: string;
  delimiter?: string;
}

/** The files a source's `file` names: a path, or a glob with * and ? in the file name part. */
export function resolveFiles(ws: Workspace, source: SourceConfig, lang: Lang): string[] {
  const full = ws.resolve(source.file);
  const dir = path.dirname(full);
  const base = path.basename(full);
  let files: string[];
  if (/[*?]/.test(base)) {
    const re = new RegExp(
      `^${base
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
    );
    files = existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => re.test(f))
          .sort()
          .map((f) => path.join(dir, f))
      : [];
  } else files = existsSync(full) ? [full] : [];
  if (files.length === 0)
    throw ingestError(
      lang,
      'no_files',
      { pattern: source.file, source: source.id },
      { file: full, key: `sources.${source.id}.file` },
    );
  return files;
}

export async function sha256File(file: string): Promise<string> {
  const h = createHash('sha256');
  await pipeline(createReadStream(file), h);
  return h.digest('hex');
}

export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Open one file of a source as a relation; temporary files go to `tmpDir`. */
export async function openRelation(
  engine: Engine,
  source: SourceConfig,
  file: string,
  display: string,
  tmpDir: string,
  lang: Lang,
): Promise<Relation> {
  if (statSync(file).size === 0)
    throw ingestError(lang, 'empty_file', { source: source.id }, { file: display });
  const lit = engine.dialect.literal;
  if (source.format === 'csv') return openCsv(engine, source, file, display, tmpDir, lang);
  if (source.format === 'excel') {
    const { csv, header } = await excelToCsv(source, file, display, tmpDir, lang);
    const cols = header.map((name) => ({ name, type: 'VARCHAR' }));
    checkDuplicates(header, display, lang, source.id);
    const columnsSql = [{ name: '__row', type: 'BIGINT' }, ...cols]
      .map((c) => `${lit(c.name)}: '${c.type}'`)
      .join(', ');
    return {
      file: display,
      sql: `read_csv(${lit(csv)}, delim = ',', quote = '"', escape = '"', header = true, auto_detect = false, columns = {${columnsSql}}, strict_mode = true, null_padding = false, max_line_size = ${4 * MAX_LINE_BYTES})`,
      columns: cols,
      rowExpr: 's."__row"',
      materialize: true,
      decimal: '.',
      thousands: '',
      format: 'excel',
    };
  }
  const sql =
    source.format === 'parquet'
      ? `read_parquet(${lit(file)}, file_row_number = true)`
      : `read_json(${lit(file)}, format = 'auto', records = true)`;
  let described: { column_name: string; column_type: string }[];
  try {
    described = await engine.all(`DESCRIBE SELECT * FROM ${sql}`);
  } catch {
    throw ingestError(lang, 'unreadable', { format: source.format, source: source.id }, { file: display });
  }
  const columns = described
    .filter((d) => d.column_name !== 'file_row_number')
    .map((d) => ({ name: d.column_name, type: d.column_type }));
  return {
    file: display,
    sql,
    columns,
    rowExpr: source.format === 'parquet' ? '(s.file_row_number + 1)' : '(s.rowid + 1)',
    materialize: source.format !== 'parquet',
    decimal: '.',
    thousands: '',
    format: source.format,
  };
}

async function openCsv(
  engine: Engine,
  source: SourceConfig,
  file: string,
  display: string,
  tmpDir: string,
  lang: Lang,
): Promise<Relation> {
  const o = {
    delimiter: ',',
    quote: '"',
    decimal: '.' as const,
    thousands: '' as const,
    encoding: 'utf-8' as const,
    header_row: 1,
    ...source.csv,
  };
  let utf8File = file;
  if (o.encoding !== 'utf-8') {
    // DuckDB reads UTF-8 only; Windows-1252/Latin-1 are transcoded to a temporary file first.
    utf8File = path.join(tmpDir, `${source.id}-${path.basename(file)}.utf8.csv`);
    await pipeline(
      createReadStream(file),
      iconv.decodeStream(o.encoding === 'latin1' ? 'latin1' : 'win1252'),
      iconv.encodeStream('utf8'),
      createWriteStream(utf8File, { mode: 0o600 }),
    );
  }
  const header = await readCsvHeader(utf8File, o.header_row, o.delimiter, o.quote, display, lang, source.id);
  checkDuplicates(header.names, display, lang, source.id);
  const lit = engine.dialect.literal;
  const columnsSql = header.names.map((n) => `${lit(n)}: 'VARCHAR'`).join(', ');
  return {
    file: display,
    sql:
      `read_csv(${lit(utf8File)}, delim = ${lit(o.delimiter)}, quote = ${lit(o.quote)}, escape = ${lit(o.quote)}, ` +
      `header = true, skip = ${o.header_row - 1}, auto_detect = false, columns = {${columnsSql}}, ` +
      `strict_mode = true, null_padding = false, max_line_size = ${MAX_LINE_BYTES})`,
    columns: header.names.map((name) => ({ name, type: 'VARCHAR' })),
    rowExpr: `(s.rowid + ${o.header_row + 1})`,
    materialize: true,
    decimal: o.decimal,
    thousands: o.thousands,
    format: 'csv',
    headerLine: header.line,
    delimiter: o.delimiter,
  };
}

interface CsvHeader {
  names: string[];
  /** the raw header line (column names only: never person data) */
  line: string;
}

/** Read the header row from the start of the file; also validates the head as UTF-8. */
async function readCsvHeader(
  file: string,
  headerRow: number,
  delimiter: string,
  quote: string,
  display: string,
  lang: Lang,
  sourceId: string,
): Promise<CsvHeader> {
  const fh = await open(file, 'r');
  const buf = Buffer.alloc(Math.min(MAX_LINE_BYTES * 2, statSync(file).size));
  try {
    await fh.read(buf, 0, buf.length, 0);
  } finally {
    await fh.close();
  }
  const complete = buf.length === statSync(file).size;
  let text: string;
  try {
    // A cut multi-byte character at the buffer's end is not an error: `stream` keeps it pending.
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf, { stream: !complete });
  } catch {
    const bad = firstInvalidUtf8(buf);
    const row = buf.subarray(0, bad).toString('latin1').split('\n').length;
    throw ingestError(lang, 'bad_encoding', { row, source: sourceId }, { file: display, row });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = text.split(/\r?\n/);
  if (lines.length - (complete ? 0 : 1) < headerRow || lines[headerRow - 1]!.trim() === '') {
    if (!complete && lines.length <= headerRow)
      throw ingestError(
        lang,
        'huge_cell',
        { row: headerRow, max: MAX_LINE_BYTES },
        { file: display, row: headerRow },
      );
    if (text.trim() === '') throw ingestError(lang, 'empty_file', { source: sourceId }, { file: display });
    throw ingestError(
      lang,
      'no_header',
      { row: headerRow, source: sourceId },
      { file: display, row: headerRow },
    );
  }
  const line = lines[headerRow - 1]!;
  return { names: splitCsvLine(line, delimiter, quote).map((s) => s.trim()), line };
}

/** Split one CSV line (no embedded newlines) into fields. */
export function splitCsvLine(line: string, delimiter: string, quote: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inQuote = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (inQuote) {
      if (c === quote && line[i + 1] === quote) {
        cur += quote;
        i++;
      } else if (c === quote) inQuote = false;
      else cur += c;
    } else if (c === quote && quote !== '') inQuote = true;
    else if (line.startsWith(delimiter, i)) {
      out.push(cur);
      cur = '';
      i += delimiter.length - 1;
    } else cur += c;
  }
  out.push(cur);
  return out;
}

function firstInvalidUtf8(buf: Buffer): number {
  let lo = 0;
  let hi = buf.length;
  const ok = (n: number) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, n), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ok(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function checkDuplicates(names: string[], display: string, lang: Lang, sourceId: string): void {
  const seen = new Set<string>();
  for (const n of names) {
    const k = n.toLowerCase();
    if (seen.has(k) && n !== '')
      throw ingestError(
        lang,
        'duplicate_header',
        { column: n, source: sourceId },
        { file: display, row: 1, column: n },
      );
    seen.add(k);
  }
}

/** The delimiter most likely meant, judged from the header line. */
export function likelyDelimiter(headerLine: string, given: string): string {
  const candidates = [';', ',', '\t', '|'].filter((d) => d !== given);
  let best = candidates[0]!;
  let bestCount = -1;
  for (const d of candidates) {
    const n = headerLine.split(d).length - 1;
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best === '\t' ? '\\t' : best;
}

/**
 * Translate a DuckDB read error into a UserError naming file and row; DuckDB's text is never shown
 * because it quotes the offending line, which may hold a person id.
 */
export function readError(e: unknown, rel: Relation, sourceId: string, lang: Lang): Error {
  if (e instanceof UserError) return e;
  const text = e instanceof Error ? e.message : String(e);
  const line = /Line: (\d+)/.exec(text);
  const row = line ? Number(line[1]) : undefined;
  const loc = { file: rel.file, row };
  const cols = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(text);
  if (cols)
    return ingestError(lang, 'field_count', { row: row ?? '?', expected: cols[1]!, found: cols[2]! }, loc);
  if (/unterminated quote/i.test(text))
    return ingestError(lang, 'unterminated_quote', { row: row ?? '?' }, loc);
  if (/Invalid unicode|not utf-8/i.test(text))
    return ingestError(lang, 'bad_encoding', { row: row ?? '?', source: sourceId }, loc);
  if (/maximum line size|line size/i.test(text))
    return ingestError(lang, 'huge_cell', { row: row ?? '?', max: MAX_LINE_BYTES }, loc);
  if (rel.format !== 'csv' && rel.format !== 'excel')
    return ingestError(lang, 'unreadable', { format: rel.format, source: sourceId }, loc);
  if (/CSV Error|Original Line/i.test(text))
    return ingestError(lang, 'unreadable', { format: rel.format, source: sourceId }, loc);
  const err = new Error(redact(text));
  // Keep where a bug happened; only the message line could hold cell contents.
  if (e instanceof Error && e.stack) err.stack = [err.message, ...e.stack.split('\n').slice(1)].join('\n');
  return err;
}

/** Remove quoted values and long digit runs from an engine message (they could be cell contents). */
export function redact(text: string): string {
  return text
    .split('\n')[0]!
    .replace(/'[^']*'/g, "'…'")
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\d{6,}/g, '…');
}
