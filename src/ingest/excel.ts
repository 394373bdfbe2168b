/**
 * Excel (.xlsx) extracts, read in memory: the zip is opened through its central directory (zip.ts, with
 * limits on the bytes actually inflated), the parts it needs (workbook, relationships, shared strings,
 * styles, the one sheet) are parsed as a stream of XML tokens, and the rows are appended straight into
 * DuckDB TEMP TABLE raw_src. Nothing of the sheet is written to disk (no unpacked XML, no CSV), so the raw
 * ids in it live only in this process and its TEMP tables. Shared strings have a memory bound and the
 * whole read a wall-clock bound.
 * Formulas: the value Excel saved with the formula is taken; a formula without a saved value is refused.
 * Dates: cells formatted as dates become ISO dates (YYYY-MM-DD, or YYYY-MM-DD HH:MM:SS with a time).
 */
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import type { SourceConfig } from '../config/schema.js';
import type { Engine } from '../engine/engine.js';
import type { UserError } from '../errors.js';
import type { Lang } from '../i18n.js';
import { ingestError } from './messages.js';
import { ZipReader, ZipRefused, type ZipEntry } from './zip.js';

/** Excel's own limit on the characters of one cell. */
export const MAX_CELL_CHARS = 32_767;
/** Excel's own limit on columns (XFD); a sheet past it was not written by Excel. */
export const MAX_COLUMNS = 16_384;
/** Default wall-clock bound on reading one workbook (excel.max_seconds). */
export const DEFAULT_EXCEL_SECONDS = 600;
/** Default memory bound on the shared-strings table (excel.max_shared_strings_mib). */
export const DEFAULT_SHARED_STRINGS_MIB = 512;
/** Estimated bytes a JS string costs beyond its characters (header and array slot). */
const STRING_OVERHEAD = 64;
/** Longest run of text or one tag the XML tokenizer buffers (a cell is at most 32,767 characters). */
const MAX_TOKEN_CHARS = 1024 ** 2;
const ROWS_PER_APPEND = 10_000;
const ARCHIVE = /\.(zip|xlsx|xlsm|xlsb|xls|ods|gz|tgz|7z|rar|tar|bz2|xz|zst)$/i;

export function columnLetter(index: number): string {
  let s = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
    if (n > MAX_COLUMNS * 26) break;
  }
  return n;
}

/** What the reader hands on: the header once, then batches of [row number, cell texts…]. */
export interface SheetSink {
  header(names: string[]): Promise<void>;
  rows(batch: [number, ...string[]][]): Promise<void>;
  /** merged ranges below the header, after every row (the sheet lists them after its data) */
  merged?(ranges: MergedRange[]): Promise<void>;
}

/** A merged range of data cells: rows r1–r2 and columns c1–c2 (1-based, the header's columns). */
export interface MergedRange {
  r1: number;
  r2: number;
  c1: number;
  c2: number;
}

/**
 * Read the chosen sheet of a workbook into TEMP TABLE `table` ("__row" BIGINT, then one VARCHAR per
 * header column); `check` vets the header before the table is made. Returns the header.
 */
export async function excelToTable(
  engine: Engine,
  table: string,
  source: SourceConfig,
  file: string,
  display: string,
  lang: Lang,
  check: (header: string[]) => void,
): Promise<string[]> {
  const ident = engine.dialect.ident;
  let names: string[] = [];
  await readExcel(source, file, display, lang, {
    async header(h) {
      check(h);
      names = ['__row', ...h];
      await engine.exec(
        `CREATE OR REPLACE TEMP TABLE ${ident(table)} (${names.map((n, i) => `${ident(n)} ${i ? 'VARCHAR' : 'BIGINT'}`).join(', ')})`,
      );
    },
    async rows(batch) {
      await engine.append(
        table,
        names,
        batch.map(([n, ...cells]) => [BigInt(n), ...cells]),
      );
    },
    // A merged range shows its top-left value in every cell it covers, so every row it covers gets it;
    // one statement per span of columns.
    async merged(ranges) {
      const spans = new Map<string, MergedRange[]>();
      for (const m of ranges) spans.set(`${m.c1}:${m.c2}`, [...(spans.get(`${m.c1}:${m.c2}`) ?? []), m]);
      for (const group of spans.values()) {
        const { c1, c2 } = group[0]!;
        const cols = names.slice(c1, c2 + 1).map(ident);
        const list = group.map((m) => `(${m.r1}, ${m.r2})`).join(', ');
        await engine.exec(
          `UPDATE ${ident(table)} AS t SET ${cols.map((c) => `${c} = s.v`).join(', ')}
           FROM (SELECT m.r1, m.r2, x.${cols[0]} AS v FROM (VALUES ${list}) m(r1, r2)
                 JOIN ${ident(table)} x ON x."__row" = m.r1) s
           WHERE t."__row" BETWEEN s.r1 AND s.r2`,
        );
      }
    },
  });
  return names.slice(1);
}

export interface ExcelCsv {
  /** the temporary CSV: a first column __row (the Excel row number), then the sheet's columns */
  csv: string;
  header: string[];
}

/** A workbook as a temporary CSV: for code translation tables only (they hold no person ids). */
export async function excelToCsv(
  source: SourceConfig,
  file: string,
  display: string,
  tmpDir: string,
  lang: Lang,
): Promise<ExcelCsv> {
  const csv = path.join(tmpDir, `${source.id}-${path.basename(file)}.csv`);
  const out = createWriteStream(csv, { mode: 0o600 });
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
  let header: string[] = [];
  try {
    await readExcel(source, file, display, lang, {
      async header(h) {
        header = h;
        await write(['__row', ...h].map(csvField).join(',') + '\n');
      },
      async rows(batch) {
        await write(batch.map((r) => r.map((v) => csvField(String(v))).join(',') + '\n').join(''));
      },
    });
  } catch (e) {
    out.destroy();
    throw e;
  }
  await new Promise<void>((resolve, reject) =>
    out.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
  return { csv, header };
}

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

interface Limits {
  deadline: number;
  seconds: number;
  sharedStringsBytes: number;
}

/** What every part reader needs: the zip, the limits, and where and how to report. */
interface Ctx {
  zip: ZipReader;
  limits: Limits;
  display: string;
  lang: Lang;
  sourceId: string;
}

/** Read the sheet (excel.sheet, default the first) from row excel.header_row on into `sink`. */
export async function readExcel(
  source: SourceConfig,
  file: string,
  display: string,
  lang: Lang,
  sink: SheetSink,
): Promise<void> {
  const loc = { file: display };
  const seconds = source.excel?.max_seconds ?? DEFAULT_EXCEL_SECONDS;
  const limits: Limits = {
    deadline: Date.now() + seconds * 1000,
    seconds,
    sharedStringsBytes: (source.excel?.max_shared_strings_mib ?? DEFAULT_SHARED_STRINGS_MIB) * 1024 ** 2,
  };
  try {
    const zip = await ZipReader.open(file);
    await readWorkbook({ zip, limits, display, lang, sourceId: source.id }, source, sink);
  } catch (e) {
    if ((e as { name?: string }).name === 'UserError') throw e;
    if (!(e instanceof ZipRefused)) throw ingestError(lang, 'truncated', { source: source.id }, loc);
    const p = e.problem;
    if (p.kind === 'bomb')
      throw ingestError(
        lang,
        'zip_bomb',
        { entry: p.entry, size: Math.round(p.size / 1024 ** 2), ratio: Math.round(p.ratio) },
        loc,
      );
    if (p.kind === 'over_declared')
      throw ingestError(lang, 'zip_over_declared', { entry: p.entry, declared: p.declared }, loc);
    if (p.kind === 'xml_doctype') throw ingestError(lang, 'xml_doctype', { entry: p.entry }, loc);
    if (p.kind === 'truncated') throw ingestError(lang, 'truncated', { source: source.id }, loc);
    if (p.kind === 'too_many_entries')
      throw ingestError(lang, 'zip_entries', { entries: p.entries, max: 10_000 }, loc);
    throw ingestError(lang, 'not_xlsx', { source: source.id }, loc);
  }
}

async function readWorkbook(x: Ctx, source: SourceConfig, sink: SheetSink): Promise<void> {
  const { zip, lang } = x;
  const loc = { file: x.display };
  const workbookPath = (await officeDocument(x)) ?? 'xl/workbook.xml';
  const wbEntry = zip.entry(workbookPath);
  if (!wbEntry) {
    // A zip without a workbook: say what it holds instead (nothing, another archive, something else).
    const files = zip.entries.filter((e) => !e.name.endsWith('/'));
    if (files.length === 0) throw ingestError(lang, 'empty_file', { source: source.id }, loc);
    const nested = files.find((e) => ARCHIVE.test(e.name));
    if (nested) throw ingestError(lang, 'nested_archive', { entry: nested.name, source: source.id }, loc);
    throw ingestError(lang, 'not_xlsx', { source: source.id }, loc);
  }
  const dir = workbookPath.includes('/') ? workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1) : '';
  // workbook.xml: sheet names and relationship ids, and the 1904 date system flag
  const sheets: { name: string; rid: string | undefined }[] = [];
  let date1904 = false;
  await parseEntry(x, wbEntry, {
    open(name, attrs) {
      if (name === 'sheet') sheets.push({ name: attr(attrs, 'name') ?? '', rid: relId(attrs) });
      else if (name === 'workbookPr') date1904 = /^(1|true)$/.test(attr(attrs, 'date1904') ?? '');
    },
  });
  const rels = await readRels(x, `${dir}_rels/${workbookPath.slice(dir.length)}.rels`, dir);
  const wanted = source.excel?.sheet;
  const index = wanted === undefined ? 0 : sheets.findIndex((s) => s.name === wanted);
  if (index < 0)
    throw ingestError(
      lang,
      'sheet_missing',
      { sheet: wanted!, sheets: sheets.map((s) => s.name).join(', '), source: source.id },
      loc,
    );
  if (sheets.length === 0) throw ingestError(lang, 'empty_file', { source: source.id }, loc);
  const sheet = sheets[index]!;
  const sheetPath = (sheet.rid && rels.get(sheet.rid)?.target) ?? `${dir}worksheets/sheet${index + 1}.xml`;
  const sheetEntry = zip.entry(sheetPath);
  if (!sheetEntry) throw ingestError(lang, 'empty_file', { source: source.id }, loc);
  const byType = (t: string) => [...rels.values()].find((r) => r.type.endsWith(`/${t}`))?.target;
  const ssEntry = zip.entry(byType('sharedStrings') ?? `${dir}sharedStrings.xml`);
  const stEntry = zip.entry(byType('styles') ?? `${dir}styles.xml`);
  const shared = ssEntry ? await readSharedStrings(x, ssEntry) : [];
  const dateStyles = stEntry ? await readDateStyles(x, stEntry) : new Set<number>();
  await readSheet(x, sheetEntry, source, sink, { shared, dateStyles, date1904 });
}

/** The workbook part named by the package relationships (_rels/.rels), when there are any. */
async function officeDocument(x: Ctx): Promise<string | undefined> {
  const rels = await readRels(x, '_rels/.rels', '');
  return [...rels.values()].find((r) => r.type.endsWith('/officeDocument'))?.target;
}

async function readRels(
  x: Ctx,
  name: string,
  dir: string,
): Promise<Map<string, { target: string; type: string }>> {
  const out = new Map<string, { target: string; type: string }>();
  const e = x.zip.entry(name);
  if (!e) return out;
  await parseEntry(x, e, {
    open(tag, attrs) {
      if (tag !== 'Relationship') return;
      const id = attr(attrs, 'Id');
      const target = attr(attrs, 'Target');
      if (id && target && attr(attrs, 'TargetMode') !== 'External')
        out.set(id, { target: resolvePart(dir, target), type: attr(attrs, 'Type') ?? '' });
    },
  });
  return out;
}

function resolvePart(dir: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : dir + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

async function readSharedStrings(x: Ctx, e: ZipEntry): Promise<string[]> {
  const { limits } = x;
  const out: string[] = [];
  let bytes = 0;
  let cur: string | null = null;
  let inT = false;
  let phonetic = 0;
  await parseEntry(x, e, {
    open(name) {
      if (name === 'si') cur = '';
      else if (name === 't') inT = true;
      else if (name === 'rPh') phonetic++;
    },
    text(t) {
      if (cur !== null && inT && phonetic === 0) cur += t;
    },
    close(name) {
      if (name === 't') inT = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si' && cur !== null) {
        bytes += cur.length * 2 + STRING_OVERHEAD;
        // A memory bound: the table is held whole while the sheet is read.
        if (bytes > limits.sharedStringsBytes)
          throw ingestError(
            x.lang,
            'shared_strings_limit',
            { mib: Math.round(limits.sharedStringsBytes / 1024 ** 2), source: x.sourceId },
            { file: x.display },
          );
        out.push(cur);
        cur = null;
      }
    },
  });
  return out;
}

const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** The cell style indexes (cellXfs) whose number format is a date or time. */
async function readDateStyles(x: Ctx, e: ZipEntry): Promise<Set<number>> {
  const custom = new Map<number, string>();
  const xfs: number[] = [];
  let inXfs = false;
  await parseEntry(x, e, {
    open(name, attrs) {
      if (name === 'numFmt') custom.set(Number(attr(attrs, 'numFmtId')), attr(attrs, 'formatCode') ?? '');
      else if (name === 'cellXfs') inXfs = true;
      else if (name === 'xf' && inXfs) xfs.push(Number(attr(attrs, 'numFmtId') ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inXfs = false;
    },
  });
  const dates = new Set<number>();
  xfs.forEach((id, i) => {
    const code = custom.get(id);
    if (code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id)) dates.add(i);
  });
  return dates;
}

/** A number format is a date/time format when it has date letters outside quotes and brackets. */
export function isDateFormat(code: string): boolean {
  return /[ymdhsb]/i.test(
    code
      .replace(/\[[^\]]*]/g, '')
      .replace(/"[^"]*"/g, '')
      .replace(/\\./g, ''),
  );
}

interface SheetContext {
  shared: string[];
  dateStyles: Set<number>;
  date1904: boolean;
}

async function readSheet(
  x: Ctx,
  e: ZipEntry,
  source: SourceConfig,
  sink: SheetSink,
  ctx: SheetContext,
): Promise<void> {
  const { lang } = x;
  const loc = { file: x.display };
  const headerRow = source.excel?.header_row ?? 1;
  let header: string[] | undefined;
  let batch: [number, ...string[]][] = [];
  let rowNo = 0;
  let cells: string[] = [];
  let nextCol = 1;
  // the cell being read
  let col = 0;
  let type = '';
  let style = 0;
  let formula = false;
  let v: string | null = null;
  let inline: string | null = null;
  let capture: 'v' | 't' | null = null;
  let phonetic = 0;
  let headerSent = false;
  const merges: MergedRange[] = [];

  const endRow = (no: number, values: string[]) => {
    if (no < headerRow) return;
    if (no === headerRow) {
      const h: string[] = [];
      for (let c = 1; c < values.length; c++) {
        const t = (values[c] ?? '').trim();
        h.push(t === '' ? `column_${columnLetter(c)}` : t);
      }
      while (h.length && /^column_[A-Z]+$/.test(h[h.length - 1]!)) h.pop();
      header = h;
      return;
    }
    if (!header || header.length === 0) return;
    const out: [number, ...string[]] = [no];
    let any = false;
    for (let c = 1; c <= header.length; c++) {
      const t = values[c] ?? '';
      if (t !== '') any = true;
      out.push(t);
    }
    if (any) batch.push(out); // blank rows in a sheet are layout, not data
  };

  const cellValue = (): string => {
    const ref = `${columnLetter(col)}${rowNo}`;
    let s: string;
    if (type === 'inlineStr') s = inline ?? '';
    else if (v === null) {
      if (formula) throw ingestError(lang, 'formula_no_value', { cell: ref }, { ...loc, column: ref });
      s = inline ?? '';
    } else if (type === 's') s = ctx.shared[Number(v)] ?? '';
    else if (type === 'str' || type === 'd') s = v;
    else if (type === 'b') s = v.trim() === '1' || v.trim() === 'true' ? 'true' : 'false';
    else if (type === 'e') s = '';
    else {
      const n = Number(v);
      if (v.trim() === '' || !Number.isFinite(n)) s = '';
      else if (ctx.dateStyles.has(style)) s = excelDate(n, ctx.date1904);
      else s = String(n);
    }
    if (s.length > MAX_CELL_CHARS)
      throw ingestError(lang, 'excel_huge_cell', { cell: ref, len: s.length }, { ...loc, column: ref });
    return s;
  };

  await parseEntry(x, e, {
    open(name, attrs) {
      switch (name) {
        case 'row': {
          const r = attr(attrs, 'r');
          rowNo = r ? Number(r) : rowNo + 1;
          cells = [];
          nextCol = 1;
          break;
        }
        case 'c': {
          const r = attr(attrs, 'r');
          col = r ? columnIndex(r) : nextCol;
          if (col > MAX_COLUMNS)
            throw ingestError(lang, 'too_many_columns', { n: col, max: MAX_COLUMNS }, { ...loc, row: rowNo });
          type = attr(attrs, 't') ?? 'n';
          style = Number(attr(attrs, 's') ?? 0);
          formula = false;
          v = null;
          inline = null;
          break;
        }
        case 'f':
          formula = true;
          break;
        case 'v':
          v = '';
          capture = 'v';
          break;
        case 'is':
          inline = '';
          break;
        case 't':
          if (inline !== null) capture = 't';
          break;
        case 'rPh':
          phonetic++;
          break;
        case 'mergeCell': {
          const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(attr(attrs, 'ref') ?? '');
          if (m)
            merges.push({
              c1: columnIndex(m[1]!),
              r1: Number(m[2]),
              c2: columnIndex(m[3]!),
              r2: Number(m[4]),
            });
          break;
        }
      }
    },
    text(t) {
      if (capture === 'v') v += t;
      else if (capture === 't' && phonetic === 0) inline += t;
    },
    close(name) {
      switch (name) {
        case 'v':
        case 't':
          capture = null;
          break;
        case 'rPh':
          phonetic--;
          break;
        case 'c':
          if (col > 0) cells[col] = cellValue();
          nextCol = col + 1;
          break;
        case 'row':
          endRow(rowNo, cells);
          break;
      }
    },
    // Rows go out between chunks, so the sink (an async append) never runs inside the tokenizer.
    async flush(last) {
      if (header && header.length > 0 && !headerSent) {
        headerSent = true;
        await sink.header(header);
      }
      if (headerSent && (last || batch.length >= ROWS_PER_APPEND) && batch.length) {
        const b = batch;
        batch = [];
        await sink.rows(b);
      }
    },
  });
  if (!header || header.length === 0) {
    if (headerRow === 1) throw ingestError(lang, 'empty_file', { source: source.id }, loc);
    throw ingestError(lang, 'no_header', { row: headerRow, source: source.id }, { ...loc, row: headerRow });
  }
  // Only ranges wholly below the header: a title merged above it, or a header cell merged over two
  // columns, is layout.
  const width = header.length;
  const data = merges
    .filter((m) => m.r1 > headerRow && m.r2 >= m.r1 && m.c1 >= 1 && m.c2 >= m.c1 && m.c1 <= width)
    .map((m) => ({ ...m, c2: Math.min(m.c2, width) }))
    .filter((m) => m.r2 > m.r1 || m.c2 > m.c1);
  if (data.length && sink.merged) await sink.merged(data);
}

function excelDate(serial: number, date1904: boolean): string {
  const ms = Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000);
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

// --- a small streaming XML tokenizer (SpreadsheetML needs no more; DTDs are refused) ---------------

interface XmlHandler {
  open?(name: string, attrs: string): void;
  text?(t: string): void;
  close?(name: string): void;
  /** called after each chunk is tokenized, and with `last` after the final one */
  flush?(last: boolean): Promise<void>;
}

// The name is matched atomically (lookahead + backreference) and cannot overlap the attributes, so a
// long unfinished tag fails in linear time instead of backtracking quadratically.
const TAG = /<(\/?)(?=([^\s/>"'!?]+))\2((?:[^>"']|"[^"]*"|'[^']*')*)>/y;

const ATTR = new Map<string, RegExp>();

export function attr(attrs: string, name: string): string | undefined {
  let re = ATTR.get(name);
  if (!re) ATTR.set(name, (re = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)));
  const m = re.exec(attrs);
  return m ? decodeXml(m[1] ?? m[2] ?? '') : undefined;
}

/** The relationship id of a <sheet>: r:id, whatever the prefix. */
function relId(attrs: string): string | undefined {
  const m = /(?:^|\s)[\w.-]+:id\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(attrs);
  return m ? (m[1] ?? m[2]) : undefined;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (all, e: string) => {
    if (e[0] !== '#') return ENTITIES[e]!;
    const cp = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : all;
  });
}

const localName = (n: string) => n.slice(n.indexOf(':') + 1);

/** Tokenize one zip entry as XML, chunk by chunk, under the wall-clock bound. */
async function parseEntry(x: Ctx, e: ZipEntry, h: XmlHandler): Promise<void> {
  const decoder = new TextDecoder('utf-8');
  let buf = '';
  const unreadable = (): UserError =>
    ingestError(x.lang, 'unreadable', { format: 'excel', source: x.sourceId }, { file: x.display });
  for await (const chunk of x.zip.read(e)) {
    if (Date.now() > x.limits.deadline)
      throw ingestError(x.lang, 'read_timeout', { seconds: x.limits.seconds }, { file: x.display });
    buf += decoder.decode(chunk, { stream: true });
    buf = tokenize(buf, h, e.name);
    if (buf.length > MAX_TOKEN_CHARS) throw unreadable();
    await h.flush?.(false);
  }
  buf += decoder.decode();
  if (tokenize(buf, h, e.name).trim() !== '') throw unreadable();
  await h.flush?.(true);
}

/** Tokenize the complete tokens of `s`; returns the unfinished rest. */
function tokenize(s: string, h: XmlHandler, entry: string): string {
  let i = 0;
  const n = s.length;
  while (i < n) {
    const lt = s.indexOf('<', i);
    if (lt < 0) return s.slice(i); // text may continue in the next chunk
    if (lt > i) h.text?.(decodeXml(s.slice(i, lt)));
    i = lt;
    if (s.startsWith('<?', i)) {
      const end = s.indexOf('?>', i);
      if (end < 0) return s.slice(i);
      i = end + 2;
    } else if (s.startsWith('<!--', i)) {
      const end = s.indexOf('-->', i);
      if (end < 0) return s.slice(i);
      i = end + 3;
    } else if (s.startsWith('<![CDATA[', i)) {
      const end = s.indexOf(']]>', i);
      if (end < 0) return s.slice(i);
      h.text?.(s.slice(i + 9, end));
      i = end + 3;
    } else if (s.startsWith('<!', i)) {
      if (n - i < 9) return s.slice(i);
      throw new ZipRefused({ kind: 'xml_doctype', entry });
    } else {
      // an unfinished tag waits for the next chunk
      if (s.indexOf('>', i) < 0) return s.slice(i);
      TAG.lastIndex = i;
      const m = TAG.exec(s);
      if (!m) throw new ZipRefused({ kind: 'truncated' });
      const name = localName(m[2]!);
      const attrs = m[3]!;
      if (m[1]) h.close?.(name);
      else if (attrs.endsWith('/')) {
        h.open?.(name, attrs.slice(0, -1));
        h.close?.(name);
      } else h.open?.(name, attrs);
      i = TAG.lastIndex;
    }
  }
  return '';
}
