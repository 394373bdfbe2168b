/**
 * Streaming writers for the extracts: CSV in any encoding, an Excel sheet through exceljs's streaming
 * WorkbookWriter, and Parquet (CSV first, then DuckDB COPY). Rows go to disk as they are produced.
 */
import { createWriteStream, mkdirSync, rmSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { openDuckDB } from '../engine/duckdb.js';
import { csvField } from './format.js';
import { fixZipTimestamps } from './zip.js';

export type Cell = string | number | Date | null;

export interface Sink {
  readonly file: string;
  rows: number;
  write(cells: Cell[]): Promise<void> | void;
  close(): Promise<void>;
}

const FLUSH_AT = 1 << 18;

/** CSV with a header row; `encoding` windows-1252 for Danish legacy systems. */
export class CsvSink implements Sink {
  rows = 0;
  private buf: string[] = [];
  private size = 0;
  private readonly out: WriteStream;
  constructor(
    readonly file: string,
    header: string[],
    private readonly opts: { delimiter: string; encoding: 'utf-8' | 'windows-1252'; eol?: string } = {
      delimiter: ',',
      encoding: 'utf-8',
    },
  ) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.out = createWriteStream(file);
    this.push(header.map((h) => csvField(h, opts.delimiter)).join(opts.delimiter));
  }

  private push(line: string): void {
    this.buf.push(line, this.opts.eol ?? '\n');
    this.size += line.length + 1;
  }

  write(cells: Cell[]): Promise<void> | void {
    this.rows++;
    this.push(
      cells
        .map((c) => (c === null ? '' : csvField(String(c), this.opts.delimiter)))
        .join(this.opts.delimiter),
    );
    if (this.size >= FLUSH_AT) return this.flush();
  }

  private flush(): Promise<void> | void {
    const text = this.buf.join('');
    this.buf = [];
    this.size = 0;
    const bytes =
      this.opts.encoding === 'windows-1252' ? iconv.encode(text, 'win1252') : Buffer.from(text, 'utf8');
    if (!this.out.write(bytes)) return new Promise((resolve) => this.out.once('drain', () => resolve()));
  }

  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) =>
      this.out.end((err?: Error | null) => (err ? reject(err) : resolve())),
    );
  }
}

/** Fixed creation time so the same seed gives the same bytes. */
export const FIXED_TIME = new Date(Date.UTC(2025, 0, 15, 8, 0, 0));

/** An .xlsx workbook written sheet by sheet; rows are committed (streamed) as they come. */
export class XlsxBook {
  private readonly wb: ExcelJS.stream.xlsx.WorkbookWriter;
  constructor(readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.wb = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: file,
      useStyles: true,
      useSharedStrings: false,
    });
    this.wb.creator = 'Tværblik demo';
    this.wb.created = FIXED_TIME;
    this.wb.modified = FIXED_TIME;
  }

  sheet(name: string, header: string[], widths: number[] = []): XlsxSheet {
    const ws = this.wb.addWorksheet(name);
    ws.columns = header.map((h, i) => ({
      header: h,
      key: `c${i}`,
      width: widths[i] ?? Math.max(10, h.length + 2),
    }));
    return new XlsxSheet(this.file, ws);
  }

  async close(): Promise<void> {
    await this.wb.commit();
    fixZipTimestamps(this.file, FIXED_TIME);
  }
}

export class XlsxSheet implements Sink {
  rows = 0;
  constructor(
    readonly file: string,
    private readonly ws: ExcelJS.Worksheet,
  ) {}

  write(cells: Cell[]): Promise<void> | void {
    this.rows++;
    const row = this.ws.addRow(cells);
    cells.forEach((c, i) => {
      if (c instanceof Date) row.getCell(i + 1).numFmt = 'dd-mm-yyyy';
    });
    row.commit();
    // Let the zip stream drain now and then, so memory stays bounded.
    if (this.rows % 5000 === 0) return new Promise((resolve) => setImmediate(resolve));
  }

  async close(): Promise<void> {
    this.ws.commit();
  }
}

/** Parquet through a temporary UTF-8 CSV and DuckDB (single thread: the same input gives the same file). */
export class ParquetSink implements Sink {
  private readonly csv: CsvSink;
  constructor(
    readonly file: string,
    private readonly header: string[],
    private readonly types: string[],
  ) {
    this.csv = new CsvSink(`${file}.tmp.csv`, header, { delimiter: ',', encoding: 'utf-8' });
  }

  get rows(): number {
    return this.csv.rows;
  }

  write(cells: Cell[]): Promise<void> | void {
    return this.csv.write(cells.map((c) => (c instanceof Date ? c.toISOString().slice(0, 10) : c)));
  }

  async close(): Promise<void> {
    await this.csv.close();
    const engine = await openDuckDB({ file: ':memory:', threads: 1 });
    try {
      const cols = this.header.map((h, i) => `'${h.replaceAll("'", "''")}': '${this.types[i]}'`).join(', ');
      const src = this.csv.file.replaceAll("'", "''");
      await engine.exportParquet(
        `SELECT * FROM read_csv('${src}', header = true, delim = ',', quote = '"', columns = {${cols}})`,
        this.file,
      );
    } finally {
      await engine.close();
      rmSync(this.csv.file, { force: true });
    }
  }
}
