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
    // residence, then twelve monthly files each of home care, home nursing, GP fee lines and hospital
    // contacts (monthly extracts: the import stages one file at a time in memory)
    const months = (name: string) =>
      Array.from({ length: 12 }, (_, m) => `extracts/${name}-2024-${String(m + 1).padStart(2, '0')}.csv`);
    expect(x.files.map((f) => f.file)).toEqual([
      'extracts/cpr-bopael.csv',
      ...months('hjemmepleje'),
      ...months('sygepleje'),
      ...months('praksis'),
      ...months('sygehus'),
      // the ledger, derived from the row counts after the extracts (test/bench/xl-ledger.test.ts)
      'extracts/finans-2024.csv',
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
    const total = (name: string) =>
      x.files.filter((f) => f.file.includes(name)).reduce((a, f) => a + f.rows, 0);
    const homeCare = total('hjemmepleje');
    const [nursing, gp, hospital] = [total('sygepleje'), total('praksis'), total('sygehus')];
    expect(homeCare / 1000).toBeGreaterThan(8);
    expect(homeCare / 1000).toBeLessThan(60);
    // GP: ≈ 7 contacts × ≈ 1.8 fee lines; hospital ≈ 1.5 contacts a person
    expect(gp / 1000).toBeGreaterThan(9);
    expect(gp / 1000).toBeLessThan(17);
    expect(hospital / 1000).toBeGreaterThan(1);
    expect(hospital / 1000).toBeLessThan(2.2);
    // each month's file holds its month only (the date's column: 1 in visits, 2 in GP, 4 in hospital
    // = admission), and every month has rows of every extract at 1,000 persons
    for (const [name, column] of [
      ['hjemmepleje', 1],
      ['sygepleje', 1],
      ['praksis', 2],
      ['sygehus', 4],
    ] as const)
      for (const m of ['01', '07', '12']) {
        const body = lines(path.join(dir, `extracts/${name}-2024-${m}.csv`)).slice(1);
        expect(body.length).toBeGreaterThan(0);
        expect(body.every((l) => l.split(';')[column]!.startsWith(`2024-${m}-`))).toBe(true);
      }
    // the split by month changed no row: same seed, same draws in the same order, only the file a row
    // goes to differs. Seed 7, 1,000 persons, counted with the generator of commit 8505503 (each of
    // nursing, GP and hospital one file): 30,859 home-care visits, 5,411 nursing visits, 13,297 GP fee
    // lines, 1,550 hospital contacts (and the sorted rows of each extract had the same checksum)
    expect([homeCare, nursing, gp, hospital]).toEqual([30_859, 5_411, 13_297, 1_550]);
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
        sygepleje: nursing,
        region_praksis: gp,
        region_sygehus: hospital,
        finans: x.files.at(-1)!.rows,
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
    // files 25–36 are the GP months
    expect(pq.files[25]!.file).toBe('extracts/praksis-2024-01.parquet');
    const gpRows = csv.files.slice(25, 37).reduce((a, f) => a + f.rows, 0);
    const db = await openDuckDB({ file: ':memory:' });
    try {
      const r = await db.one<{ n: bigint; t: string }>(
        `SELECT count(*) AS n, any_value(typeof(DATO)) AS t FROM read_parquet('${path.join(base, 'p', 'extracts', 'praksis-2024-*.parquet')}')`,
      );
      expect(Number(r.n)).toBe(gpRows);
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
