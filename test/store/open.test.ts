import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listMigrations } from '../../src/store/migrate.js';
import { openStore, redactUrl } from '../../src/store/open.js';

const tmp: string[] = [];
afterEach(() => {
  while (tmp.length) rmSync(tmp.pop()!, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'tvb-store-'));
  tmp.push(d);
  return d;
}

describe('openStore (embedded)', () => {
  it('runs every migration of sql/store once and records it', async () => {
    const store = await openStore();
    try {
      expect(store.kind).toBe('embedded');
      const rows = await store.query<{ name: string }>('SELECT name FROM store_migration ORDER BY name');
      expect(rows.map((r) => r.name)).toEqual(listMigrations());
      expect(rows.map((r) => r.name).slice(0, 2)).toEqual(['001_audit.sql', '002_keys.sql']);
    } finally {
      await store.close();
    }
  });

  it('keeps its data in a folder and does not re-run migrations on reopen', async () => {
    const dir = path.join(tempDir(), 'store');
    const a = await openStore({ dataDir: dir });
    await a.exec('CREATE TABLE t (n bigint, d date, x numeric)');
    await a.query('INSERT INTO t VALUES ($1, $2, $3)', [12345678901234567n, '2024-02-29', '1.50']);
    await a.close();
    const b = await openStore({ dataDir: dir });
    try {
      // types come back exact: int8 as bigint, date as text, numeric as text
      expect(await b.query('SELECT n, d, x FROM t')).toEqual([
        { n: 12345678901234567n, d: '2024-02-29', x: '1.50' },
      ]);
      const counted = await b.query<{ c: bigint }>('SELECT count(*) AS c FROM store_migration');
      expect(counted[0]?.c).toBe(BigInt(listMigrations().length));
    } finally {
      await b.close();
    }
  });

  it('rolls a transaction back when it throws, and a nested one to its savepoint', async () => {
    const store = await openStore();
    try {
      await store.exec('CREATE TABLE t (n int)');
      await expect(
        store.transaction(async (tx) => {
          await tx.query('INSERT INTO t VALUES (1)');
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      await store.transaction(async (tx) => {
        await tx.query('INSERT INTO t VALUES (2)');
        await expect(
          tx.transaction(async (inner) => {
            await inner.query('INSERT INTO t VALUES (3)');
            throw new Error('inner');
          }),
        ).rejects.toThrow('inner');
      });
      expect(await store.query('SELECT n FROM t')).toEqual([{ n: 2 }]);
    } finally {
      await store.close();
    }
  });

  it('leaves no trace of a failed migration and names its file', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, '001_ok.sql'), 'CREATE TABLE a (n int);');
    writeFileSync(path.join(dir, '002_bad.sql'), 'CREATE TABLE b (n int); SELECT nonsense FROM nowhere;');
    await expect(openStore({ migrationsDir: dir })).rejects.toThrow(/002_bad\.sql/);
    const data = path.join(tempDir(), 'db');
    await expect(openStore({ dataDir: data, migrationsDir: dir })).rejects.toThrow(/002_bad\.sql/);
    writeFileSync(path.join(dir, '002_bad.sql'), 'CREATE TABLE b (n int);');
    const store = await openStore({ dataDir: data, migrationsDir: dir });
    try {
      const rows = await store.query<{ name: string }>('SELECT name FROM store_migration ORDER BY name');
      expect(rows.map((r) => r.name)).toEqual(['001_ok.sql', '002_bad.sql']);
    } finally {
      await store.close();
    }
  });

  it('refuses a badly named or double-numbered migration', () => {
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, '001_a.sql'), '');
    writeFileSync(path.join(dir, '001_b.sql'), '');
    expect(() => listMigrations(dir)).toThrow(/001_a\.sql and 001_b\.sql share the number 001/);
    writeFileSync(path.join(dir, 'Three.sql'), '');
    expect(() => listMigrations(dir)).toThrow(/Three\.sql: a store migration is named NNN_name\.sql/);
  });
});

describe('redactUrl', () => {
  it('hides the password', () => {
    expect(redactUrl('postgres://app:s3cret@db:5432/tvb')).toBe('postgres://app:***@db:5432/tvb');
    expect(redactUrl('nonsense')).toBe('(not a URL)');
  });
});
