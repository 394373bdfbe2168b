/**
 * Open the operational store: PostgreSQL through `pg` when a URL is given (multi-user installations),
 * otherwise the embedded PostgreSQL (PGlite) in a folder, or in memory when no folder is given (tests).
 * Both run the same schema and SQL; every pending migration of sql/store/ runs on open.
 *
 * Values come back alike from both: bigint (int8, e.g. øre amounts and count(*)) as a JS bigint,
 * numeric as a string, date as 'YYYY-MM-DD', timestamptz as a Date, json/jsonb parsed.
 */
import { mkdirSync } from 'node:fs';
import { PGlite, types as pgliteTypes, type Transaction } from '@electric-sql/pglite';
import pg from 'pg';
import type { Db, Store } from './db.js';
import { migrate, MIGRATIONS_DIR, type ScriptDb } from './migrate.js';

export interface OpenStoreOptions {
  /** postgres://user:password@host:port/database — a PostgreSQL server */
  url?: string;
  /** folder of the embedded store (created when missing); without url and dataDir: in memory */
  dataDir?: string;
  /** most connections a PostgreSQL store opens at once (default 10) */
  poolSize?: number;
  /** migrations folder (default sql/store/); tests only */
  migrationsDir?: string;
}

/** An opened store that can also run SQL scripts (used by migrations and tests). */
export interface OpenedStore extends Store {
  /** run a script of several statements (no parameters) */
  exec(sql: string): Promise<void>;
  transaction<T>(fn: (tx: ScriptDb) => Promise<T>): Promise<T>;
}

/**
 * Open (and migrate) the operational store.
 * @example
 * const store = await openStore({ url: process.env.TVAERBLIK_DATABASE_URL });
 * const rows = await store.query<{ n: bigint }>('SELECT count(*) AS n FROM audit_log');
 * await store.close();
 */
export async function openStore(opts: OpenStoreOptions = {}): Promise<OpenedStore> {
  const store = opts.url
    ? await openPostgres(opts.url, opts.poolSize ?? 10)
    : await openEmbedded(opts.dataDir);
  try {
    await store.migrateLocked(opts.migrationsDir ?? MIGRATIONS_DIR);
  } catch (e) {
    await store.close();
    throw e;
  }
  return store;
}

/** The URL with its password replaced by ***, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(not a URL)';
  }
}

// ---------------------------------------------------------------- PostgreSQL

const PG_TYPES = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20) return (v: string) => BigInt(v); // int8
    if (oid === 1082) return (v: string) => v; // date
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** Every nested transaction is a savepoint of the outer one. */
function nestedDb(
  run: (sql: string, params?: readonly unknown[]) => Promise<Record<string, unknown>[]>,
  exec: (sql: string) => Promise<void>,
  depth: number,
): ScriptDb {
  const self: ScriptDb = {
    query: async <T>(sql: string, params?: readonly unknown[]) => (await run(sql, params)) as T[],
    exec,
    async transaction<T>(fn: (tx: ScriptDb) => Promise<T>): Promise<T> {
      const sp = `tvb_sp_${depth}`;
      await exec(`SAVEPOINT ${sp}`);
      try {
        const out = await fn(nestedDb(run, exec, depth + 1));
        await exec(`RELEASE SAVEPOINT ${sp}`);
        return out;
      } catch (e) {
        await exec(`ROLLBACK TO SAVEPOINT ${sp}`);
        throw e;
      }
    },
  };
  return self;
}

function clientDb(client: pg.PoolClient): ScriptDb {
  return nestedDb(
    async (sql, params) => (await client.query(sql, params as unknown[] | undefined)).rows,
    async (sql) => {
      await client.query(sql);
    },
    1,
  );
}

type Internal = OpenedStore & { migrateLocked(dir: string): Promise<void> };

async function openPostgres(url: string, max: number): Promise<Internal> {
  const pool = new pg.Pool({ connectionString: url, max, types: PG_TYPES });
  // an idle client's error (the server restarted) must not crash the process; the next query reports it
  pool.on('error', () => {});
  try {
    (await pool.connect()).release();
  } catch (e) {
    await pool.end();
    throw new Error(`cannot connect to the operational store at ${redactUrl(url)}: ${(e as Error).message}`, {
      cause: e,
    });
  }
  const transaction = async <T>(fn: (tx: ScriptDb) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      try {
        const out = await fn(clientDb(client));
        await client.query('COMMIT');
        return out;
      } catch (e) {
        try {
          await client.query('ROLLBACK');
        } catch (r) {
          broken = r as Error;
        }
        throw e;
      }
    } finally {
      client.release(broken);
    }
  };
  return {
    kind: 'postgres',
    query: async <T>(sql: string, params?: readonly unknown[]) =>
      (await pool.query(sql, params as unknown[] | undefined)).rows as T[],
    async exec(sql: string) {
      await pool.query(sql);
    },
    transaction,
    async close() {
      await pool.end();
    },
    // one session holds an advisory lock while migrating, so two servers starting at once take turns
    async migrateLocked(dir: string) {
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock(hashtext($1))', ['tvaerblik.store.migrate']);
        try {
          const db = clientDb(client);
          await migrate(
            {
              ...db,
              transaction: async (fn) => {
                await client.query('BEGIN');
                try {
                  const out = await fn(db);
                  await client.query('COMMIT');
                  return out;
                } catch (e) {
                  await client.query('ROLLBACK');
                  throw e;
                }
              },
            },
            dir,
          );
        } finally {
          await client.query('SELECT pg_advisory_unlock(hashtext($1))', ['tvaerblik.store.migrate']);
        }
      } finally {
        client.release();
      }
    },
  };
}

// ---------------------------------------------------------------- embedded (PGlite)

const PGLITE_PARSERS = {
  [pgliteTypes.INT8]: (v: string) => BigInt(v),
  [pgliteTypes.DATE]: (v: string) => v,
};

function pgliteDb(tx: Transaction | PGlite, depth: number): ScriptDb {
  return nestedDb(
    async (sql, params) =>
      (await tx.query<Record<string, unknown>>(sql, params as unknown[] | undefined)).rows,
    async (sql) => {
      await tx.exec(sql);
    },
    depth,
  );
}

async function openEmbedded(dataDir: string | undefined): Promise<Internal> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  let db: PGlite;
  try {
    db = await PGlite.create({ dataDir, parsers: PGLITE_PARSERS });
  } catch (e) {
    throw new Error(
      `cannot open the embedded operational store in ${dataDir ?? '(memory)'}: ${(e as Error).message}`,
      { cause: e },
    );
  }
  const top = pgliteDb(db, 1);
  const store: Internal = {
    kind: 'embedded',
    query: top.query,
    exec: top.exec,
    // PGlite is one connection: a transaction holds it, other queries wait until it ends
    transaction: <T>(fn: (tx: ScriptDb) => Promise<T>) => db.transaction((tx) => fn(pgliteDb(tx, 1))),
    async close() {
      if (!db.closed) await db.close();
    },
    migrateLocked: (dir: string) => migrate(store, dir).then(() => undefined),
  };
  return store;
}

/** Type guard for code that holds a plain Db and needs to know whether it can run scripts. */
export function isScriptDb(db: Db): db is ScriptDb {
  return typeof (db as Partial<ScriptDb>).exec === 'function';
}
