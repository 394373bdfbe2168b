/**
 * Staging a file without a table (src/ingest/stage.ts, `copyStreamed`; docs/performance.md, "Staging each
 * file once"): a CSV's rows are numbered by `row_number() OVER ()` over the scan. These tests prove the
 * numbers exact on files of several DuckDB row groups (122,880 rows each) and vectors (2,048 rows), where a
 * parallel scan would hand the rows over out of order. Every file is streamed here (`STREAM_FROM.bytes` 0);
 * by default only files larger than an eighth of the raw engine's memory are.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDB } from '../../src/engine/duckdb.js';
import type { Engine } from '../../src/engine/engine.js';
import { seededRandom, syntheticCpr } from '../../src/ids/synthetic.js';
import { importSources } from '../../src/ingest/index.js';
import { STREAM_FROM } from '../../src/ingest/stage.js';
import { openMemoryWarehouse } from '../../src/model/warehouse.js';
import { makeWorkspace, SERVICE_HEADER, serviceSource, testOutput } from './helpers.js';

let engine: Engine | undefined;
beforeAll(() => {
  STREAM_FROM.bytes = 0;
});
afterAll(() => {
  STREAM_FROM.bytes = undefined;
});
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

/** 250,000 data rows: more than 2 × 122,880, so the file spans three row groups and many scan tasks. */
const ROWS = 250_000;
const rnd = seededRandom(8);
const PERSONS = Array.from({ length: 50 }, (_, i) =>
  syntheticCpr(new Date(Date.UTC(1930 + i, i % 12, 1 + (i % 28))), i % 2 ? 'M' : 'F', rnd),
);

/**
 * Line `line` (the header is line 1) of a service extract: every row differs, and its amount in kroner is
 * its own line number, so the warehouse's amount_minor ÷ 100 must equal the row_no the import gave it.
 */
function serviceLine(line: number, from?: string): string {
  const day = String(1 + (line % 28)).padStart(2, '0');
  const month = String(1 + (line % 12)).padStart(2, '0');
  const date = from ?? `${day}-${month}-2024`;
  return `${PERSONS[line % PERSONS.length]};${date};${day}-${month}-2024;1,5;SEL-83-PP;${line}`;
}

describe('row numbers of a file staged without a table', () => {
  it('row_number() OVER () over a CSV scan is the line number, also with four threads', async () => {
    // DuckDB's own behaviour, which stage.ts relies on: the streaming window is not a parallel operator, so
    // its pipeline (the scan included) runs on one thread in file order, whatever `threads` says.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tvaerblik-stream-'));
    const file = path.join(dir, 'lines.csv');
    const lines = ['line;text'];
    // each row holds its own line number and a text of varying length (varying bytes per row)
    for (let line = 2; line <= ROWS + 1; line++) lines.push(`${line};${'x'.repeat(line % 37)}`);
    writeFileSync(file, lines.join('\n') + '\n');
    const db = await openDuckDB({ file: ':memory:', threads: 4 });
    try {
      const r = await db.one<{ n: bigint; wrong: bigint; last: bigint }>(
        `SELECT count(*) AS n, count(*) FILTER (WHERE r + 1 <> line) AS wrong, max(r) AS last
         FROM (SELECT row_number() OVER () AS r, * FROM read_csv('${file}', delim = ';', header = true,
               auto_detect = false, columns = {'line': 'BIGINT', 'text': 'VARCHAR'}))`,
      );
      // 250,000 rows numbered 1..250,000; row r is on line r + 1 (after the header) in every one of them
      expect(r).toEqual({ n: BigInt(ROWS), wrong: 0n, last: BigInt(ROWS) });
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the import numbers every row of a large CSV by its line, per file of a glob, as in the report', async () => {
    const big = [SERVICE_HEADER];
    // an impossible start date on lines 150,001 and 249,999: rows 150,000 and 249,998, in the second and
    // third row group (rows 122,881–245,760 and 245,761–250,000)
    const bad = new Set([150_001, 249_999]);
    for (let line = 2; line <= ROWS + 1; line++)
      big.push(serviceLine(line, bad.has(line) ? '30-02-2024' : undefined));
    const ws = makeWorkspace({
      sources: [serviceSource({ file: 'extracts/hp-*.csv' })],
      files: {
        'extracts/hp-1.csv': big.join('\n') + '\n',
        // the glob's second file numbers its rows from 2 again; its line 3 has the impossible date
        'extracts/hp-2.csv': [SERVICE_HEADER, serviceLine(2), serviceLine(3, '30-02-2024')].join('\n'),
      },
    });
    engine = await openMemoryWarehouse();
    const s = await importSources(ws, engine, testOutput());
    // 250,000 + 2 rows read; the three impossible dates are reported by their own line: sorted by row number,
    // hp-2's 3 comes first, then hp-1's 150,001 and 249,999
    const date = s.checks.find((c) => c.check_id === 'start_date_format')!;
    expect(date).toMatchObject({
      rows_checked: ROWS + 2,
      rows_violated: 3,
      sample_rows: [3, 150_001, 249_999],
    });
    // a start date is required: the three rows are rejected, 250,002 − 3 = 249,999 load
    const loaded = ROWS + 2 - 3;
    expect(s.sources[0]).toMatchObject({ rows_read: ROWS + 2, rows_loaded: loaded, rows_rejected: 3 });
    // every loaded row's row_no is the line its amount names (amount_minor = line × 100 øre); hp-2's line 2
    // is the smallest, hp-1's line 250,001 the largest
    const r = await engine.one<{ n: bigint; wrong: bigint; first: bigint; last: bigint }>(
      `SELECT count(*) AS n, count(*) FILTER (WHERE amount_minor <> row_no * 100) AS wrong,
              min(row_no) AS first, max(row_no) AS last FROM service`,
    );
    expect(r).toEqual({ n: BigInt(loaded), wrong: 0n, first: 2n, last: BigInt(ROWS + 1) });
  });

  it('a Parquet file is numbered by its own row numbers', async () => {
    const ws = makeWorkspace({
      sources: [
        serviceSource({
          file: 'extracts/ydelser.parquet',
          format: 'parquet',
          csv: undefined,
          columns: { person_id: 'cpr', start_date: 'fra', volume: 'timer', catalogue_code: 'kode' },
        }),
      ],
    });
    engine = await openMemoryWarehouse();
    // 5,000 rows (three vectors of 2,048) in row groups of 1,000; row i has i hours
    await engine.exec(
      `COPY (SELECT '${PERSONS[0]}' AS cpr, DATE '2024-02-01' AS fra, i::DOUBLE AS timer, 'SEL-83-PP' AS kode
             FROM range(1, 5001) r(i))
       TO '${path.join(ws.dir, 'extracts', 'ydelser.parquet')}' (FORMAT parquet, ROW_GROUP_SIZE 1000)`,
    );
    await importSources(ws, engine, testOutput());
    // Parquet rows count from 1 (no header row): row_no = hours for all 5,000
    const r = await engine.one<{ n: bigint; wrong: bigint }>(
      'SELECT count(*) AS n, count(*) FILTER (WHERE volume <> row_no) AS wrong FROM service',
    );
    expect(r).toEqual({ n: 5000n, wrong: 0n });
  });
});
