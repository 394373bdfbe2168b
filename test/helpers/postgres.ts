/**
 * A throwaway PostgreSQL cluster for tests: `initdb` + `pg_ctl` in a temp dir, on a free port and a
 * socket in that dir (no TCP), trust auth, torn down by `stop()`. Without PostgreSQL binaries the
 * caller skips; `.ci/run` installs Debian's postgresql, so CI always runs these tests.
 */
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface PgCluster {
  /** connection settings for node `pg` */
  config: { host: string; port: number; user: string; database: string };
  stop(): void;
}

/** The folder holding initdb and pg_ctl: $PG_BIN, PATH, /usr/local/bin, else the newest /usr/lib/postgresql/N/bin. */
export function findPgBin(): string | null {
  const dirs = [
    process.env.PG_BIN,
    ...(process.env.PATH ?? '').split(path.delimiter),
    '/usr/local/bin',
    ...versionDirs('/usr/lib/postgresql'),
  ].filter((d): d is string => !!d);
  return dirs.find((d) => existsSync(path.join(d, 'initdb')) && existsSync(path.join(d, 'pg_ctl'))) ?? null;
}

function versionDirs(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => path.join(root, v, 'bin'));
}

/** Why PostgreSQL tests cannot run here, or null when they can. */
export function postgresSkipReason(): string | null {
  if (!findPgBin())
    return 'PostgreSQL is not installed (no initdb/pg_ctl on PATH, /usr/local/bin or /usr/lib/postgresql/*/bin; set PG_BIN)';
  if (process.getuid?.() === 0 && !osUser('postgres'))
    return 'running as root and there is no "postgres" user to run initdb as';
  return null;
}

function osUser(name: string): { uid: number; gid: number } | null {
  const r = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (r.status !== 0 || g.status !== 0) return null;
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/** Start a fresh cluster (a few seconds); throws with initdb's or pg_ctl's output when it fails. */
export async function startPostgres(): Promise<PgCluster> {
  const bin = findPgBin();
  if (!bin) throw new Error(postgresSkipReason()!);
  const dir = mkdtempSync(path.join(tmpdir(), 'tvb-pg-'));
  const data = path.join(dir, 'data');
  // initdb refuses to run as root: run the server as the postgres user, owning the temp dir
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? osUser('postgres') : null;
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const run = (cmd: string, args: string[]) => {
    const full = path.join(bin, cmd);
    const r = owner
      ? spawnSync('runuser', ['-u', 'postgres', '--', full, ...args], { encoding: 'utf8' })
      : spawnSync(full, args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stderr || r.stdout}`);
  };
  const port = await freePort();
  const user = 'tvb';
  try {
    run('initdb', ['-D', data, '-U', user, '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    run('pg_ctl', [
      '-D',
      data,
      '-l',
      path.join(dir, 'log'),
      '-w',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses='' -c fsync=off`,
      'start',
    ]);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    config: { host: dir, port, user, database: 'postgres' },
    stop: () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
