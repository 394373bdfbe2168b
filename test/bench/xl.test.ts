import { readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../../src/bench/main.js';
import { createOutput } from '../../src/cli/output.js';
import { openWorkspace } from '../../src/config/workspace.js';
import { generateXl, xlCpr } from '../../src/demo/xl.js';
import { openDuckDB } from '../../src/engine/duckdb.js';
import { importSources } from '../../src/ingest/index.js';
import { openMemoryWarehouse } from '../../src/model/warehouse.js';

const base = path.join(os.tmpdir(), `tvaerblik-xl-test-${process.pid}`);
afterAll(() => rmSync(base, { recursive: true, force: true }));

const lines = (file: string) => readFileSync(file, 'utf8').trimEnd().split('\n');

describe('the XL generator (issue 19), on 1,000 persons through the same code path as 6 million', () => {
  it('writes visit-level extracts whose row counts and shape match, one person at a time', async () => {
    const dir = path.join(base, 'csv');
    const x = await generateXl({ persons: 1000, seed: 7, out: dir, format: 'csv' });
    // residence, 12 home-care months, home nursing, GP fee lines, hospital contacts
    expect(x.files.map((f) => f.file)).toEqual([
      'extracts/cpr-bopael.csv',
      ...Array.from(
        { length: 12 },
        (_, m) => `extracts/hjemmepleje-2024-${String(m + 1).padStart(2, '0')}.csv`,
      ),
      'extracts/sygepleje-2024.csv',
      'extracts/praksis-2024.csv',
      'extracts/sygehus-2024.csv',
    ]);
    // every file holds its header plus exactly the rows the summary counts
    for (const f of x.files) expect(lines(path.join(dir, f.file)).length).toBe(f.rows + 1);
    const rows = Object.fromEntries(x.files.map((f) => [f.file, f.rows]));
    expect(rows['extracts/cpr-bopael.csv']).toBe(1000);
    // one CPR number per person, all distinct
    const cprs = lines(path.join(dir, 'extracts/cpr-bopael.csv'))
      .slice(1)
      .map((l) => l.split(';')[0]);
    expect(new Set(cprs).size).toBe(1000);
    // visit level: home care ≈ 26 visits a person on average (≈ 4 % of persons, ≈ 580 visits each);
    // bounds wide enough for 1,000 persons' chance, far above the demo's ≈ 1 row per service user
    const homeCare = x.files.filter((f) => f.file.includes('hjemmepleje')).reduce((a, f) => a + f.rows, 0);
    expect(homeCare / 1000).toBeGreaterThan(8);
    expect(homeCare / 1000).toBeLessThan(60);
    // GP: ≈ 7 contacts × ≈ 1.8 fee lines; hospital ≈ 1.5 contacts a person
    expect(rows['extracts/praksis-2024.csv']! / 1000).toBeGreaterThan(9);
    expect(rows['extracts/praksis-2024.csv']! / 1000).toBeLessThan(17);
    expect(rows['extracts/sygehus-2024.csv']! / 1000).toBeGreaterThan(1);
    expect(rows['extracts/sygehus-2024.csv']! / 1000).toBeLessThan(2.2);
    // a January visit file holds January dates only
    const jan = lines(path.join(dir, 'extracts/hjemmepleje-2024-01.csv')).slice(1);
    expect(jan.every((l) => l.split(';')[1]!.startsWith('2024-01-'))).toBe(true);
    // bounded memory: at most one person's rows wait in JS — a year of the heaviest home care
    // (366 days × 7 visits = 2,562) plus nursing (366) and contacts — whatever the number of persons
    expect(x.maxPendingRows).toBeLessThan(2562 + 366 + 200);

    // the workspace imports: every row of a person with a valid id loads
    const ws = openWorkspace(dir);
    const engine = await openMemoryWarehouse();
    try {
      const out = createOutput({ json: true, lang: 'en', stdout: () => {}, stderr: () => {}, isTTY: false });
      const s = await importSources(ws, engine, out);
      const loaded = Object.fromEntries(s.sources.map((r) => [r.source, r.rows_loaded]));
      expect(loaded).toEqual({
        cpr_bopael: 1000,
        hjemmepleje: homeCare,
        sygepleje: rows['extracts/sygepleje-2024.csv'],
        region_praksis: rows['extracts/praksis-2024.csv'],
        region_sygehus: rows['extracts/sygehus-2024.csv'],
      });
      const persons = await engine.one<{ n: bigint }>('SELECT count(*) AS n FROM person');
      expect(persons.n).toBe(1000n);
    } finally {
      await engine.close();
    }
  }, 60_000);

  it('writes the same rows as Parquet', async () => {
    const csv = await generateXl({ persons: 150, seed: 3, out: path.join(base, 'c'), format: 'csv' });
    const pq = await generateXl({ persons: 150, seed: 3, out: path.join(base, 'p'), format: 'parquet' });
    // same seed, same persons: the same row counts file by file (residence stays CSV)
    expect(pq.files.map((f) => f.rows)).toEqual(csv.files.map((f) => f.rows));
    expect(pq.files[14]!.file).toBe('extracts/praksis-2024.parquet');
    const db = await openDuckDB({ file: ':memory:' });
    try {
      const r = await db.one<{ n: bigint; t: string }>(
        `SELECT count(*) AS n, any_value(typeof(DATO)) AS t FROM read_parquet('${path.join(base, 'p', pq.files[14]!.file)}')`,
      );
      expect(Number(r.n)).toBe(csv.files[14]!.rows);
      expect(r.t).toBe('DATE');
    } finally {
      await db.close();
    }
  }, 60_000);

  it('gives unique CPR numbers per birth date and sex, and the bench knows the XL tier', () => {
    const d = new Date(Date.UTC(1950, 5, 1));
    const ids = new Set(Array.from({ length: 1000 }, (_, k) => xlCpr(d, true, k)));
    expect(ids.size).toBe(1000);
    // the last digit is odd for a man, even for a woman
    expect(Number(xlCpr(d, true, 3).slice(-1)) % 2).toBe(1);
    expect(Number(xlCpr(d, false, 3).slice(-1)) % 2).toBe(0);
    expect(parseBenchArgs(['--tier', 'XL'])).toMatchObject({
      persons: 6_000_000,
      generator: 'xl',
      format: 'csv',
    });
    expect(parseBenchArgs(['--persons', '2000', '--generator', 'xl', '--format', 'parquet'])).toMatchObject({
      generator: 'xl',
      format: 'parquet',
    });
    expect(() => parseBenchArgs(['--format', 'xlsx'])).toThrow(/csv, parquet/);
  });
});
