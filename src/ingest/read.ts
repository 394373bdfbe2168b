/**
 * Turning one extract file into a relation DuckDB can scan: CSV (UTF-16 read by DuckDB itself;
 * Windows-1252/Latin-1 transcoded in memory into a named pipe DuckDB reads), Excel (read in memory into TEMP
 * TABLE raw_src by excel.ts), Parquet and JSON. Header problems are found here, before any row is read;
 * DuckDB's own errors are translated (they quote whole lines, which may hold ids, and absolute paths).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  constants as fsConstants,
  createReadStream,
  createWriteStream,
  existsSync,
  openSync,
  readdirSync,
  readSync,
  rmSync,
  statSync,
} from 'node:fs';
import { open } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import iconv from 'iconv-lite';
import type { SourceConfig } from '../config/schema.js';
import type { Workspace } from '../config/workspace.js';
import type { Engine } from '../engine/engine.js';
import { UserError } from '../errors.js';
import { ID_SHAPE, mayBeId } from '../core/redact.js';
import { described, type CheckResult } from './checks.js';
import type { Lang } from '../i18n.js';
import { columnLetter, excelToTable, MAX_COLUMNS } from './excel.js';
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
  /** CSV only: the file whose bytes DuckDB reads and its quote, to locate a line-ending problem */
  scanned?: { path: string; quote: string };
  /**
   * Windows-1252/Latin-1 CSV: DuckDB reads a named pipe that `feed` fills with the transcoded text while
   * the scan runs, so no raw id is written to disk; `release` unblocks a writer whose reader never came.
   */
  feed?: () => Promise<void>;
  release?: () => void;
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
  for (const f of files)
    requireRegularFile(f, path.relative(ws.dir, f), source.id, `sources.${source.id}.file`, lang);
  return files;
}

/** A folder, pipe or device would fail (EISDIR) or block forever (a pipe without a writer) when read. */
export function requireRegularFile(
  file: string,
  display: string,
  sourceId: string,
  key: string,
  lang: Lang,
): void {
  const st = statSync(file);
  if (st.isFile()) return;
  const kind = st.isDirectory()
    ? 'directory'
    : st.isFIFO()
      ? 'named pipe'
      : st.isSocket()
        ? 'socket'
        : 'device';
  throw ingestError(
    lang,
    'not_regular_file',
    { path: display, kind, source: sourceId },
    { file: display, key },
  );
}

export async function sha256File(file: string): Promise<string> {
  // a pipe would block the read forever; a folder fails anyway
  if (!statSync(file).isFile()) throw new Error(`not a regular file: ${path.basename(file)}`);
  const h = createHash('sha256');
  await pipeline(createReadStream(file), h);
  return h.digest('hex');
}

export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Open one file of a source as a relation; temporary files go to `tmpDir`. An Excel file is read here,
 * into TEMP TABLE raw_src of `engine`'s connection.
 */
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
    const headerRow = source.excel?.header_row ?? 1;
    const header = await excelToTable(engine, 'raw_src', source, file, display, lang, (h) =>
      checkHeader(h, headerRow, display, lang, source.id),
    );
    return {
      file: display,
      sql: 'raw_src',
      columns: header.map((name) => ({ name, type: 'VARCHAR' })),
      rowExpr: 's."__row"',
      materialize: false,
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
  let pipe: Pick<Relation, 'feed' | 'release'> = {};
  const singleByte = o.encoding === 'windows-1252' || o.encoding === 'latin1';
  if (singleByte) {
    // DuckDB reads UTF-8 and UTF-16 only (its Latin-1 refuses Windows-1252's € and dashes): it reads the
    // text transcoded into a named pipe, so raw ids stay in memory (see docs/person-ids.md).
    const decoder = o.encoding === 'latin1' ? 'latin1' : 'win1252';
    utf8File = path.join(tmpDir, `${source.id}-${path.basename(file)}.utf8.csv`);
    let feeding: Promise<void> | undefined;
    if (namedPipe(utf8File))
      pipe = {
        feed: () =>
          (feeding = pipeline(
            createReadStream(file),
            iconv.decodeStream(decoder),
            iconv.encodeStream('utf8'),
            createWriteStream(utf8File),
          )),
        release: () => releasePipe(utf8File, feeding),
      };
    // No mkfifo (Windows): a private temporary file (mode 0600, removed on every exit but a kill).
    else
      await pipeline(
        createReadStream(file),
        iconv.decodeStream(decoder),
        iconv.encodeStream('utf8'),
        createWriteStream(utf8File, { mode: 0o600 }),
      );
  }
  const header = await readCsvHeader(
    pipe.feed ? file : utf8File,
    o.header_row,
    o.delimiter,
    o.quote,
    o.encoding === 'utf-16',
    display,
    lang,
    source.id,
    pipe.feed ? (o.encoding === 'latin1' ? 'latin1' : 'win1252') : undefined,
  );
  checkHeader(header.names, o.header_row, display, lang, source.id);
  const lit = engine.dialect.literal;
  const columnsSql = header.names.map((n) => `${lit(n)}: 'VARCHAR'`).join(', ');
  return {
    file: display,
    sql:
      `read_csv(${lit(utf8File)}, delim = ${lit(o.delimiter)}, quote = ${lit(o.quote)}, escape = ${lit(o.quote)}, ` +
      (o.encoding === 'utf-16' ? `encoding = 'utf-16', ` : '') +
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
    // single-byte text has the same CR, LF and quote bytes as its UTF-8 form: scan the extract itself
    scanned: o.encoding === 'utf-16' ? undefined : { path: pipe.feed ? file : utf8File, quote: o.quote },
    ...pipe,
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
  utf16: boolean,
  display: string,
  lang: Lang,
  sourceId: string,
  singleByte?: 'win1252' | 'latin1',
): Promise<CsvHeader> {
  const fh = await open(file, 'r');
  const buf = Buffer.alloc(Math.min(MAX_LINE_BYTES * 2, statSync(file).size));
  try {
    await fh.read(buf, 0, buf.length, 0);
  } finally {
    await fh.close();
  }
  const complete = buf.length === statSync(file).size;
  // A UTF-16 byte-order mark: read as UTF-16 when configured, else say so (it is not a UTF-8 problem).
  const bom16 = buf[0] === 0xff && buf[1] === 0xfe ? 'le' : buf[0] === 0xfe && buf[1] === 0xff ? 'be' : null;
  if (bom16 && !utf16)
    throw ingestError(
      lang,
      'utf16',
      { order: bom16 === 'le' ? 'little-endian' : 'big-endian', source: sourceId },
      { file: display, row: 1 },
    );
  if (bom16 === 'be') throw ingestError(lang, 'utf16_be', {}, { file: display, row: 1 });
  let text: string;
  if (utf16) text = new TextDecoder('utf-16le').decode(buf, { stream: !complete });
  else if (singleByte) text = iconv.decode(buf, singleByte);
  else
    try {
      // A cut multi-byte character at the buffer's end is not an error: `stream` keeps it pending.
      text = new TextDecoder('utf-8', { fatal: true }).decode(buf, { stream: !complete });
    } catch {
      const bad = firstInvalidUtf8(buf);
      const row = buf.subarray(0, bad).toString('latin1').split('\n').length;
      throw ingestError(lang, 'bad_encoding', { row, source: sourceId }, { file: display, row });
    }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // CR alone ends a line too (old Mac files), so a head of blank lines is not taken for one long row.
  const lines = text.split(/\r\n|\n|\r/);
  if (lines.length - (complete ? 0 : 1) < headerRow || lines[headerRow - 1]!.trim() === '') {
    if (text.trim() === '') {
      if (complete) throw ingestError(lang, 'empty_file', { source: sourceId }, { file: display });
      throw ingestError(
        lang,
        'blank_lines',
        { row: lines.length - 1, source: sourceId },
        { file: display, row: 1 },
      );
    }
    if (!complete && lines.length <= headerRow)
      throw ingestError(
        lang,
        'huge_cell',
        { row: headerRow, max: MAX_LINE_BYTES },
        { file: display, row: headerRow },
      );
    throw ingestError(
      lang,
      'no_header',
      { row: headerRow, source: sourceId },
      { file: display, row: headerRow },
    );
  }
  const line = lines[headerRow - 1]!;
  // An empty header cell (Excel writes unused columns as `;;`) gets the name Excel shows for its column.
  const names = splitCsvLine(line, delimiter, quote).map(
    (s, i) => s.trim() || `column_${columnLetter(i + 1)}`,
  );
  return { names, line };
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

/** The shapes of a CPR number, an eCPR and a personnummer (10 or 12 digits), as a whole cell. */
/** A column name fit for a message: names that could be ids are shown by position instead. */
export function shownColumn(name: string, index: number): string {
  return mayBeId(name) ? `(column ${index + 1})` : `"${name}"`;
}

/**
 * Vet a header row before any data is read: an id-shaped cell means the file has no header row (the
 * value is never shown); then too many columns, then duplicate names.
 */
function checkHeader(names: string[], row: number, display: string, lang: Lang, sourceId: string): void {
  const at = names.findIndex((n) => ID_SHAPE.test(n.trim()));
  if (at >= 0)
    throw ingestError(
      lang,
      'header_is_data',
      { row, position: at + 1, source: sourceId },
      { file: display, row },
    );
  if (names.length > MAX_COLUMNS)
    throw ingestError(
      lang,
      'too_many_columns',
      { n: names.length, max: MAX_COLUMNS },
      { file: display, row },
    );
  checkDuplicates(names, display, lang, sourceId);
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
  // The raw engine holds one file's rows with their raw ids and may not spill (stage.ts): past its
  // memory_limit DuckDB fails with "Out of Memory Error: … (used/limit used)". Name the file, the source
  // and the fix (several smaller files, one glob) instead of DuckDB's advice to enable spilling.
  if (/Out of Memory Error/i.test(text)) {
    const limit = /\/\s*([\d.]+ ?[KMGT]i?B) used\)/i.exec(text)?.[1] ?? '?';
    return ingestError(lang, 'too_large', { file: rel.file, source: sourceId, limit }, { file: rel.file });
  }
  const cols = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(text);
  if (cols) {
    // A stray CR read as a line break also gives a wrong field count: name the real problem.
    const at = rel.scanned ? lineEndingProblem(rel.scanned.path, rel.scanned.quote) : undefined;
    if (at !== undefined) return ingestError(lang, 'line_endings', { row: at }, { file: rel.file, row: at });
    return ingestError(lang, 'field_count', { row: row ?? '?', expected: cols[1]!, found: cols[2]! }, loc);
  }
  if (/unterminated quote/i.test(text))
    return ingestError(lang, 'unterminated_quote', { row: row ?? '?' }, loc);
  if (/Invalid unicode|not utf-8/i.test(text))
    return ingestError(lang, 'bad_encoding', { row: row ?? '?', source: sourceId }, loc);
  if (/maximum line size|line size/i.test(text))
    return ingestError(lang, 'huge_cell', { row: row ?? '?', max: MAX_LINE_BYTES }, loc);
  if (rel.format !== 'csv' && rel.format !== 'excel')
    return ingestError(lang, 'unreadable', { format: rel.format, source: sourceId }, loc);
  // DuckDB's CSV state machine fails on mixed CRLF/LF or a stray CR; its text holds settings and paths.
  if (/state machine|invalid state/i.test(text)) {
    const at = rel.scanned ? lineEndingProblem(rel.scanned.path, rel.scanned.quote) : undefined;
    return ingestError(lang, 'line_endings', { row: at ?? '?' }, { file: rel.file, row: at });
  }
  if (/CSV Error|Original Line|Invalid Input Error|CSV/i.test(text))
    return ingestError(lang, 'unreadable', { format: rel.format, source: sourceId }, loc);
  const err = new Error(redact(text));
  // Keep where a bug happened; only the message line could hold cell contents.
  if (e instanceof Error && e.stack) err.stack = [err.message, ...e.stack.split('\n').slice(1)].join('\n');
  return err;
}

/**
 * The row (1-based, counting records) of the first line ending that differs from the file's first one
 * (CRLF, LF or CR alone), outside quoted fields; undefined when all agree. Read in chunks, on errors only.
 */
export function lineEndingProblem(file: string, quote: string): number | undefined {
  const q = quote === '' ? -1 : quote.charCodeAt(0);
  const fd = openSync(file, 'r');
  const buf = Buffer.alloc(1 << 20);
  let first: string | undefined;
  let row = 1;
  let inQuote = false;
  let cr = false;
  const end = (kind: string): boolean => {
    first ??= kind;
    if (kind !== first) return true;
    row++;
    return false;
  };
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      for (let i = 0; i < n; i++) {
        const b = buf[i]!;
        if (cr) {
          cr = false;
          if (b === 0x0a) {
            if (end('crlf')) return row;
            continue;
          }
          if (end('cr')) return row;
        }
        if (b === q) inQuote = !inQuote;
        else if (inQuote) continue;
        else if (b === 0x0d) cr = true;
        else if (b === 0x0a && end('lf')) return row;
      }
    }
    if (cr && end('cr')) return row;
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** Remove quoted values and long digit runs from an engine message (they could be cell contents). */
export function redact(text: string): string {
  return text
    .split('\n')[0]!
    .replace(/'[^']*'/g, "'…'")
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\d{6,}/g, '…');
}

/**
 * Until the returned function is called, SIGINT, SIGTERM and SIGHUP remove `dir` (which may hold a
 * transcoded extract) and exit with 128 + the signal's number, as the default action would.
 */
export function removeOnSignal(dir: string): () => void {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const handler = (sig: NodeJS.Signals) => {
    rmSync(dir, { recursive: true, force: true });
    process.exit(128 + (os.constants.signals[sig] ?? 0));
  };
  for (const s of signals) process.on(s, handler);
  return () => {
    for (const s of signals) process.off(s, handler);
  };
}

/**
 * The finding of an extract with no data rows (`rows_present`): severity stop unless the source's
 * `checks.rows_present.severity` says otherwise, so a header-only file never silently replaces rows.
 */
export function noRowsFinding(source: SourceConfig): CheckResult {
  const o = source.checks?.rows_present;
  return {
    source_id: source.id,
    check_id: 'rows_present',
    kind: 'completeness',
    severity: o?.severity ?? 'stop',
    field: null,
    threshold_pct: 0,
    rows_checked: 0,
    rows_violated: 0,
    pct_violated: 100,
    status: 'fail',
    sample_rows: [],
    description: described('has_rows'),
  };
}

/** Make a named pipe (mode 0600); false where the system has none (Windows) or mkfifo fails. */
function namedPipe(file: string): boolean {
  if (process.platform === 'win32') return false;
  return spawnSync('mkfifo', ['-m', '600', file], { stdio: 'ignore' }).status === 0;
}

/**
 * Unblock the writer of a pipe whose reader (DuckDB's scan) failed, until the writer has ended. Once is not
 * enough: a scan that fails at once (a bind error) may fail before the writer's open has even started, and
 * an open that starts after the last unblock would wait for a reader for ever.
 */
function releasePipe(file: string, feeding: Promise<void> | undefined): void {
  if (!feeding) return unblockPipe(file);
  let done = false;
  void feeding.then(
    () => (done = true),
    () => (done = true),
  );
  const again = (): void => {
    if (done) return;
    unblockPipe(file);
    setTimeout(again, 10);
  };
  again();
}

/** Open a pipe's read end for a moment, so a writer blocked waiting for DuckDB gets EPIPE and ends. */
function unblockPipe(file: string): void {
  try {
    closeSync(openSync(file, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK));
  } catch {
    // gone already: nothing waits on it
  }
}
