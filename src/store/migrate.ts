/**
 * Migrations of the operational store: plain SQL files in sql/store/ named NNN_name.sql, run in name
 * order by umzug, each in its own transaction together with its row in `store_migration` (so a
 * failed migration leaves neither its changes nor a record behind). Number ranges: 001–009 store,
 * 010–019 server, 100–199 overview, 200–299 cluster.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Umzug, type UmzugStorage } from 'umzug';
import type { Db } from './db.js';

/** The folder of the store's migrations (sql/store/, beside src/ and dist/). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../sql/store/', import.meta.url));

/** A migration file name: three digits, an underscore, lower-case words, `.sql`. */
const NAME = /^\d{3}_[a-z0-9_]+\.sql$/;

/** A Db that can also run a script of several statements (a migration file). */
export interface ScriptDb extends Db {
  exec(sql: string): Promise<void>;
  transaction<T>(fn: (tx: ScriptDb) => Promise<T>): Promise<T>;
}

/** The migration files in `dir`, in the order they run; throws on a name that breaks the rule. */
export function listMigrations(dir: string = MIGRATIONS_DIR): string[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const bad = files.find((f) => !NAME.test(f));
  if (bad)
    throw new Error(`${path.join(dir, bad)}: a store migration is named NNN_name.sql (e.g. 003_consent.sql)`);
  const seen = new Map<string, string>();
  for (const f of files) {
    const n = f.slice(0, 3);
    if (seen.has(n))
      throw new Error(`${dir}: ${seen.get(n)} and ${f} share the number ${n}; give one the next free number`);
    seen.set(n, f);
  }
  return files;
}

const CREATE_LOG = `CREATE TABLE IF NOT EXISTS store_migration (
  name   text PRIMARY KEY,
  run_at timestamptz NOT NULL DEFAULT now()
)`;

/** umzug's record of run migrations, in the store itself. */
function tableStorage(db: ScriptDb): UmzugStorage<ScriptDb> {
  return {
    async executed() {
      const rows = await db.query<{ name: string }>('SELECT name FROM store_migration ORDER BY name');
      return rows.map((r) => r.name);
    },
    // the row is written inside the migration's own transaction (below); this keeps umzug's contract
    async logMigration({ name }) {
      await db.query('INSERT INTO store_migration (name) VALUES ($1) ON CONFLICT (name) DO NOTHING', [name]);
    },
    async unlogMigration({ name }) {
      await db.query('DELETE FROM store_migration WHERE name = $1', [name]);
    },
  };
}

/** Run every pending migration of `dir` on db; returns the names run, in order. */
export async function migrate(db: ScriptDb, dir: string = MIGRATIONS_DIR): Promise<string[]> {
  await db.exec(CREATE_LOG);
  const umzug = new Umzug<ScriptDb>({
    context: db,
    storage: tableStorage(db),
    logger: undefined,
    migrations: () =>
      listMigrations(dir).map((name) => {
        const file = path.join(dir, name);
        return {
          name,
          path: file,
          up: async ({ context }) => {
            const sql = readFileSync(file, 'utf8');
            await context.transaction(async (tx) => {
              try {
                await tx.exec(sql);
              } catch (e) {
                throw new Error(`${file}: ${(e as Error).message}`, { cause: e });
              }
              await tx.query('INSERT INTO store_migration (name) VALUES ($1)', [name]);
            });
          },
        };
      }),
  });
  const ran = await umzug.up();
  return ran.map((m) => m.name);
}
