/**
 * The import's folded passes (docs/performance.md, "Import passes folded"): duplicates found in one grouping
 * pass, the other checks counted in one projection, and new persons looked for among the
 * source's own pids. Every figure below is worked out by hand from the rows.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { seededRandom, syntheticCpr } from '../../src/ids/synthetic.js';
import { importSources } from '../../src/ingest/index.js';
import { openMemoryWarehouse } from '../../src/model/warehouse.js';
import { makeWorkspace, residenceSource, SERVICE_HEADER, serviceSource, testOutput } from './helpers.js';

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

const rnd = seededRandom(19);
const cpr = (i: number) => syntheticCpr(new Date(Date.UTC(1940 + (i % 60), i % 12, 1 + (i % 28))), 'F', rnd);
const A = cpr(0);
const row = (id: string, hours: string, day = '01') =>
  `${id};${day}-02-2024;${day}-02-2024;${hours};SEL-83-PP;`;
const n = async (sql: string) => Number((await engine!.one<{ n: bigint }>(sql)).n);

describe('duplicates across the files of one glob source', () => {
  it('names each repeat with the first row of its group in file order, and loads every row', async () => {
    const ws = makeWorkspace({
      sources: [serviceSource({ file: 'extracts/hp-*.csv' })],
      files: {
        'extracts/hp-1.csv': [
          SERVICE_HEADER,
          row(A, '2'), // row 2
          row(A, '3'), // row 3
          row(A, '2'), // row 4: repeats hp-1 row 2
          row(A, '5'), // row 5
        ].join('\n'),
        'extracts/hp-2.csv': [
          SERVICE_HEADER,
          row(A, '5'), // row 2: repeats hp-1 row 5 (the first in file order, though its number is higher)
          row(A, '3'), // row 3: repeats hp-1 row 3
          row(A, '7'), // row 4
          row(A, '7'), // row 5: repeats hp-2 row 4
        ].join('\n'),
      },
    });
    engine = await openMemoryWarehouse();
    const s = await importSources(ws, engine, testOutput());
    // 8 rows in 4 groups {1:2,1:4}, {1:3,2:3}, {1:5,2:2}, {2:4,2:5}: 8 − 4 = 4 repeats, each group's first kept;
    // sorted by (row, row repeated): (2, 5), (3, 3), (4, 2), (5, 4)
    expect(s.checks.find((c) => c.check_id === 'no_duplicates')).toMatchObject({
      rows_checked: 8,
      rows_violated: 4,
      pct_violated: 50,
      status: 'fail',
      sample_rows: [2, 3, 4, 5],
      sample_originals: [5, 3, 2, 4],
    });
    // a duplicate is reported, never dropped: all 8 rows load
    expect(s.sources[0]).toMatchObject({ rows_read: 8, rows_loaded: 8, rows_rejected: 0 });
    expect(await n('SELECT count(*) AS n FROM service')).toBe(8);
  });

  it('finds no duplicate and no sample when every row differs', async () => {
    const ws = makeWorkspace({
      sources: [serviceSource({ file: 'extracts/hp-*.csv' })],
      files: {
        'extracts/hp-1.csv': [SERVICE_HEADER, row(A, '2'), row(A, '3')].join('\n'),
        // the same hours on another day: another row
        'extracts/hp-2.csv': [SERVICE_HEADER, row(A, '2', '02'), row(A, '3', '02')].join('\n'),
      },
    });
    engine = await openMemoryWarehouse();
    const s = await importSources(ws, engine, testOutput());
    const dup = s.checks.find((c) => c.check_id === 'no_duplicates')!;
    expect(dup).toMatchObject({ rows_checked: 4, rows_violated: 0, status: 'pass', sample_rows: [] });
    expect(dup.sample_originals).toBeUndefined();
  });
});

describe('the samples of the other checks', () => {
  it('keeps the five smallest row numbers, the same number once per file', async () => {
    const ws = makeWorkspace({
      sources: [serviceSource({ file: 'extracts/hp-*.csv' })],
      files: {
        // negative hours (volume_not_negative) in hp-1 rows 3, 4, 6, 7 and hp-2 rows 3, 5
        'extracts/hp-1.csv': [
          SERVICE_HEADER,
          row(A, '1', '01'),
          row(A, '-1', '02'),
          row(A, '-1', '03'),
          row(A, '1', '04'),
          row(A, '-1', '05'),
          row(A, '-1', '06'),
        ].join('\n'),
        'extracts/hp-2.csv': [
          SERVICE_HEADER,
          row(A, '1', '07'),
          row(A, '-1', '08'),
          row(A, '1', '09'),
          row(A, '-1', '10'),
        ].join('\n'),
      },
    });
    engine = await openMemoryWarehouse();
    const s = await importSources(ws, engine, testOutput());
    // 6 of 10 rows; the row numbers in order 3, 3, 4, 5, 6, 7: the first five
    expect(s.checks.find((c) => c.check_id === 'volume_not_negative')).toMatchObject({
      rows_checked: 10,
      rows_violated: 6,
      pct_violated: 60,
      sample_rows: [3, 3, 4, 5, 6],
    });
    // a check nothing violates has no sample
    expect(s.checks.find((c) => c.check_id === 'end_not_before_start')).toMatchObject({
      rows_violated: 0,
      sample_rows: [],
    });
  });
});

describe('new persons', () => {
  it('adds a person met first only in a rejected row once a later source loads a row of theirs', async () => {
    // 40 persons with a residence, and P and Q whose residence rows lack the start date (rejected:
    // from_date_required, 2 of 42 rows = 4.76 % ≤ its 5 % threshold)
    const ids = Array.from({ length: 40 }, (_, i) => cpr(i + 1));
    const [P, Q] = [cpr(41), cpr(42)];
    const residence = ['cpr,fra', ...ids.map((id) => `${id},2020-01-01`), `${P},`, `${Q},`].join('\n');
    const ws = makeWorkspace({
      sources: [residenceSource(), serviceSource()],
      files: {
        'extracts/bopael.csv': residence,
        // P (met before, in a rejected row only), persons 1 and 2 (loaded before), A (new)
        'extracts/hjemmepleje.csv': [
          SERVICE_HEADER,
          row(P, '1'),
          row(ids[0]!, '2'),
          row(ids[1]!, '3'),
          row(A, '4'),
        ].join('\n'),
      },
    });
    engine = await openMemoryWarehouse();
    const s = await importSources(ws, engine, testOutput());
    expect(s.sources.map((x) => [x.rows_read, x.rows_loaded, x.rows_rejected])).toEqual([
      [42, 40, 2],
      [4, 4, 0],
    ]);
    // 40 from residence + P + A = 42 persons; Q has no loaded row, so no person
    expect(await n('SELECT count(*) AS n FROM person')).toBe(42);
    expect(await n('SELECT count(DISTINCT person_key) AS n FROM service')).toBe(4);
    expect(await n('SELECT count(*) AS n FROM service s JOIN person p USING (person_key)')).toBe(4);
    // again: unchanged, nothing added
    const again = await importSources(ws, engine, testOutput());
    expect(again.sources.map((x) => x.status)).toEqual(['unchanged', 'unchanged']);
    expect(await n('SELECT count(*) AS n FROM person')).toBe(42);
  });
});
