import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openDuckDB } from '../../src/engine/duckdb.js';
import type { Engine } from '../../src/engine/engine.js';
import {
  checkSchemaVersion,
  createSchema,
  openMemoryWarehouse,
  SCHEMA_VERSION,
} from '../../src/model/warehouse.js';
import { UserError } from '../../src/errors.js';

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

describe('DuckDB engine', () => {
  it('returns exact typed values: bigint money, decimal strings, ISO dates', async () => {
    engine = await openDuckDB({ file: ':memory:' });
    const row = await engine.one(
      `SELECT 123456789012345::BIGINT AS m, 0.1::DECIMAL(18,4) + 0.2::DECIMAL(18,4) AS d, DATE '2024-02-29' AS day,
              TIMESTAMP '2024-01-01 10:30:00' AS ts, [1, 2] AS l, $p AS p`,
      { p: 'x' },
    );
    expect(row).toEqual({
      m: 123456789012345n,
      d: '0.3000',
      day: '2024-02-29',
      ts: '2024-01-01 10:30:00',
      l: [1, 2],
      p: 'x',
    });
  });

  it('rolls back a failed transaction completely', async () => {
    engine = await openMemoryWarehouse();
    await expect(
      engine.transaction(async (tx) => {
        await tx.exec(`INSERT INTO population VALUES (1, '851', 2024, 40, 'F', 10)`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await engine.one(`SELECT count(*) AS n FROM population`)).n).toBe(0n);
    await engine.transaction((tx) => tx.exec(`INSERT INTO population VALUES (1, '851', 2024, 40, 'F', 10)`));
    expect((await engine.one(`SELECT sum(count) AS n FROM population`)).n).toBe(10n);
  });

  it('appends JS rows with casts to the column types', async () => {
    engine = await openMemoryWarehouse();
    const n = await engine.append(
      'ledger',
      ['import_id', 'row_no', 'period', 'municipality', 'account', 'amount_minor'],
      [
        [1, 1n, '2024', '851', '4711', 12345n],
        [1, 2n, '2024', '851', '4712', -45n],
      ],
    );
    expect(n).toBe(2);
    expect(await engine.one(`SELECT sum(amount_minor) AS s, count(*) AS n FROM ledger`)).toEqual({
      s: 12300n,
      n: 2n,
    });
  });

  it('appends many rows in order, by data chunks where the types fit and value by value where not', async () => {
    engine = await openDuckDB({ file: ':memory:' });
    await engine.exec('CREATE TABLE t (i INTEGER, s VARCHAR, d DOUBLE, b BIGINT, f BOOLEAN, day DATE)');
    const rows = Array.from({ length: 5000 }, (_, i) => [
      i,
      `r${i}`,
      i / 4,
      BigInt(i) * 3n,
      i % 2 === 0,
      null,
    ]);
    rows[3000] = [3000, 'r3000', '750', 9000n, true, '2024-02-29']; // a batch that needs the casts
    expect(await engine.append('t', ['i', 's', 'd', 'b', 'f', 'day'], rows)).toBe(5000);
    const r = await engine.one(
      `SELECT count(*) AS n, sum(d) AS d, sum(b) AS b, count(*) FILTER (WHERE f) AS f,
              bool_and(s = 'r' || i) AS same, max(day)::VARCHAR AS day,
              bool_and(i = rowid) AS ordered FROM t`,
    );
    expect(r).toEqual({
      n: 5000n,
      d: 3124375,
      b: 37492500n,
      f: 2500n,
      same: true,
      day: '2024-02-29',
      ordered: true,
    });
  });

  it('bulk loads CSV and Parquet and exports Parquet', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tvb-engine-'));
    const csv = path.join(dir, 'a.csv');
    writeFileSync(csv, 'a;b\n1;x\n2;y\n');
    engine = await openDuckDB({ file: ':memory:' });
    expect(await engine.loadCsv('t', csv, { delimiter: ';' })).toBe(2);
    const pq = path.join(dir, 'out', 't.parquet');
    await engine.exportParquet('SELECT * FROM t', pq);
    expect(await engine.loadParquet('t2', pq)).toBe(2);
    expect(await engine.loadParquet('t2', pq)).toBe(2);
    expect(await engine.all(`SELECT a, b FROM t2 ORDER BY a, b LIMIT 2`)).toEqual([
      { a: '1', b: 'x' },
      { a: '1', b: 'x' },
    ]);
  });

  it('records the schema version and refuses a warehouse of another version', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'tvb-wh-')), 'w.duckdb');
    engine = await openDuckDB({ file });
    await createSchema(engine);
    await checkSchemaVersion(engine, file);
    await engine.exec(`UPDATE warehouse_meta SET value = '0' WHERE key = 'schema_version'`);
    const err = await checkSchemaVersion(engine, file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toContain(`this Tværblik uses ${SCHEMA_VERSION}`);
    expect((err as UserError).location.hint).toMatch(/import/);
  });
});
