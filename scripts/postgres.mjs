#!/usr/bin/env node
/**
 * A throwaway PostgreSQL cluster for tests and for trying server mode locally: `initdb` in a new temp
 * folder, a free port on 127.0.0.1, a random password (scram-sha-256), and the URL printed.
 *
 *   node scripts/postgres.mjs            start, print TVAERBLIK_DATABASE_URL=…, stop and delete on Ctrl-C
 *   node scripts/postgres.mjs --detach   start, print the URL and the stop command, leave it running
 *   node scripts/postgres.mjs stop DIR   stop a detached cluster and delete its folder
 *
 * Finds initdb/pg_ctl in $PG_BIN, PATH, /usr/local/bin, /usr/lib/postgresql/N/bin, Homebrew and
 * C:\Program Files\PostgreSQL\N\bin. As root it runs the server as the "postgres" user (initdb refuses
 * root). Nothing is downloaded. See docs/server.md, "A throwaway PostgreSQL".
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { setInterval } from 'node:timers';
import { fileURLToPath } from 'node:url';

const WINDOWS = process.platform === 'win32';
const EXE = WINDOWS ? '.exe' : '';
const MARKER = 'tvaerblik-throwaway-postgres';
const USER = 'tvaerblik';

function versionDirs(root, tail) {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((v) => /^\d+(\.\d+)?$/.test(v) || /^postgresql@\d+$/.test(v))
    .sort((a, b) => Number(b.replace(/\D+/g, '')) - Number(a.replace(/\D+/g, '')))
    .map((v) => path.join(root, v, tail));
}

/** The folder holding initdb and pg_ctl, or null. */
export function findPgBin(env = process.env) {
  const dirs = [
    env.PG_BIN,
    ...(env.PATH ?? '').split(path.delimiter),
    '/usr/local/bin',
    ...versionDirs('/usr/lib/postgresql', 'bin'),
    ...versionDirs('/opt/homebrew/opt', 'bin'),
    ...versionDirs('/usr/local/opt', 'bin'),
    ...versionDirs('C:\\Program Files\\PostgreSQL', 'bin'),
  ].filter(Boolean);
  return (
    dirs.find((d) => existsSync(path.join(d, `initdb${EXE}`)) && existsSync(path.join(d, `pg_ctl${EXE}`))) ??
    null
  );
}

function osUser(name) {
  const u = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (u.status !== 0 || g.status !== 0) return null;
  return { uid: Number(u.stdout.trim()), gid: Number(g.stdout.trim()) };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function runner(bin, owner) {
  return (cmd, args) => {
    const full = path.join(bin, cmd + EXE);
    const r = owner
      ? spawnSync('runuser', ['-u', 'postgres', '--', full, ...args], { encoding: 'utf8' })
      : spawnSync(full, args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed (exit ${r.status}): ${(r.stderr || r.stdout).trim()}`);
  };
}

function context() {
  const bin = findPgBin();
  if (!bin)
    throw new Error(
      'PostgreSQL is not installed: no initdb/pg_ctl on PATH, /usr/local/bin, /usr/lib/postgresql/*/bin, Homebrew or C:\\Program Files\\PostgreSQL; install PostgreSQL 15+ or set PG_BIN',
    );
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? osUser('postgres') : null;
  if (asRoot && !owner) throw new Error('running as root and there is no "postgres" user to run initdb as');
  return { bin, owner, run: runner(bin, owner) };
}

/** Start a cluster; returns { dir, url, stop() }. */
export async function startThrowaway() {
  const { owner, run } = context();
  const dir = mkdtempSync(path.join(tmpdir(), 'tvaerblik-pg-'));
  const data = path.join(dir, 'data');
  const password = randomBytes(18).toString('base64url');
  const pwfile = path.join(dir, 'pw');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  writeFileSync(path.join(dir, MARKER), 'a throwaway PostgreSQL cluster started by scripts/postgres.mjs\n');
  if (owner) {
    chownSync(dir, owner.uid, owner.gid);
    chownSync(pwfile, owner.uid, owner.gid);
  }
  const port = await freePort();
  const stop = () => {
    try {
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    run('initdb', [
      '-D',
      data,
      '-U',
      USER,
      '-A',
      'scram-sha-256',
      `--pwfile=${pwfile}`,
      '-E',
      'UTF8',
      '--locale=C',
    ]);
    rmSync(pwfile);
    const socket = WINDOWS ? '' : ` -k ${dir}`;
    run('pg_ctl', [
      '-D',
      data,
      '-l',
      path.join(dir, 'log'),
      '-w',
      '-o',
      `-p ${port} -c listen_addresses=127.0.0.1${socket}`,
      'start',
    ]);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const url = `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  return { dir, url, stop };
}

/** Stop a detached cluster started by this script, and delete its folder. */
export function stopThrowaway(dir) {
  if (!existsSync(path.join(dir, MARKER)))
    throw new Error(
      `${dir} is not a folder this script made (no ${MARKER} file); nothing stopped or deleted`,
    );
  const { run } = context();
  try {
    run('pg_ctl', ['-D', path.join(dir, 'data'), '-m', 'fast', '-w', 'stop']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function cli(argv) {
  if (argv[0] === 'stop') {
    if (!argv[1]) throw new Error('usage: node scripts/postgres.mjs stop <dir>');
    stopThrowaway(argv[1]);
    process.stdout.write(`stopped and deleted ${argv[1]}\n`);
    return;
  }
  if (argv.some((a) => a !== '--detach'))
    throw new Error('usage: node scripts/postgres.mjs [--detach] | stop <dir>');
  const cluster = await startThrowaway();
  process.stdout.write(`TVAERBLIK_DATABASE_URL=${cluster.url}\n`);
  if (argv.includes('--detach')) {
    process.stdout.write(`# stop it with: node scripts/postgres.mjs stop ${cluster.dir}\n`);
    return;
  }
  process.stderr.write('PostgreSQL is running; Ctrl-C stops it and deletes its folder.\n');
  const finish = () => {
    cluster.stop();
    process.exit(0);
  };
  process.on('SIGINT', finish);
  process.on('SIGTERM', finish);
  // keep the process alive until a signal
  setInterval(() => {}, 1 << 30);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(fileURLToPath(import.meta.url))) {
  cli(process.argv.slice(2)).catch((e) => {
    process.stderr.write(`postgres.mjs: ${e.message}\n`);
    process.exit(1);
  });
}
