/**
 * Two server processes share one PostgreSQL (docs/server.md, "Web server and roles"): set up with
 * `tvaerblik server init` and `server add-user`, sign in with a password on process A, use the
 * session on process B, sign out on B and find the session gone on A. Nothing of a session lives in
 * a process's memory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initWorkspace } from '../../src/cli/commands/init.js';
import { verifyAudit } from '../../src/store/audit.js';
import { openStore } from '../../src/store/open.js';
import { runCli } from '../helpers/cli.js';
import { postgresSkipReason, startPostgres, type PgCluster } from '../helpers/postgres.js';
import { writeFixtureWarehouse } from './fixture.js';

const skip = postgresSkipReason();
if (skip && process.env.TVAERBLIK_REQUIRE_POSTGRES === '1')
  throw new Error(`PostgreSQL is required here: ${skip}`);
if (skip) console.warn(`SKIP two server processes on PostgreSQL: ${skip}`);

const PASSWORD = 'korrekt hest batteri hæfteklamme';
const CHILD = path.resolve('test/serve/cli-child.ts');

let cluster: PgCluster;
let url: string;
let ws: string;
const children: ChildProcess[] = [];

/** Run the CLI in this process with extra environment variables. */
async function cli(args: string[], env: Record<string, string>) {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await runCli(args, { tty: true });
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** `tvaerblik serve` in its own process; resolves with its address once it listens. */
function serve(): Promise<string> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CHILD, '-w', ws, '--json', 'serve', '--port', '0'],
    {
      env: { ...process.env, TVAERBLIK_DATABASE_URL: url },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /"url":\s*"(http:\/\/[^"]+)"/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
}

function cookieOf(res: Response): string {
  const c = res.headers
    .getSetCookie()
    .filter((h) => h.startsWith('tvaerblik_session='))
    .at(-1);
  if (!c) throw new Error('no session cookie');
  return c.split(';')[0]!;
}

/** The sign-in page's CSRF token and the (anonymous or signed-in) session it belongs to. */
async function signInPage(base: string, cookie?: string): Promise<{ token: string; cookie: string }> {
  const res = await fetch(`${base}signin`, { headers: cookie ? { cookie } : {} });
  expect(res.status).toBe(200);
  const html = await res.text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('no CSRF field on the sign-in page');
  return { token, cookie: res.headers.getSetCookie().length ? cookieOf(res) : cookie! };
}

describe.skipIf(skip !== null)('server mode: two processes, one PostgreSQL', () => {
  beforeAll(async () => {
    cluster = await startPostgres();
    const admin = new pg.Client(cluster.config);
    await admin.connect();
    await admin.query('CREATE DATABASE tvb_serve');
    await admin.end();
    url = `postgresql://${cluster.config.user}@localhost:${cluster.config.port}/tvb_serve?host=${encodeURIComponent(cluster.config.host)}`;
    ws = initWorkspace(path.join(mkdtempSync(path.join(tmpdir(), 'tvaerblik-2proc-')), 'ws'), {
      country: 'DK',
      municipality: '851',
      year: 2024,
      name: 'Test',
    });
    copyFileSync(await writeFixtureWarehouse(), path.join(ws, 'warehouse', 'tvaerblik.duckdb'));
  }, 180_000);
  afterAll(async () => {
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(
      children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)),
    );
    cluster?.stop();
  });

  it('sets up the store and the first administrator with `server init`, once', async () => {
    const env = { TVAERBLIK_DATABASE_URL: url, TVAERBLIK_PASSWORD: PASSWORD };
    const init = await cli(['--lang', 'en', 'server', 'init', '--admin', 'boss'], env);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('the administrator boss is created');
    // the URL is shown without secrets, the password never
    expect(init.stdout + init.stderr).not.toContain(PASSWORD);
    const again = await cli(['--lang', 'en', 'server', 'init', '--admin', 'boss2'], env);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already has an administrator');
    const add = await cli(['--lang', 'en', 'server', 'add-user', 'ana', '--role', 'analyst'], env);
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('The user ana is created with the roles analyst.');
    const short = await cli(['--lang', 'en', 'server', 'add-user', 'bo', '--role', 'analyst'], {
      ...env,
      TVAERBLIK_PASSWORD: 'kort',
    });
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('The password is too short.');
    const role = await cli(['--lang', 'en', 'server', 'add-user', 'cy', '--role', 'superuser'], env);
    expect(role.code).toBe(2);
    expect(role.stderr).toContain('Unknown role: "superuser"');
  }, 120_000);

  it('signs in on process A and uses the session on process B; signs out on B and A forgets it', async () => {
    // one after the other: at start each reads the warehouse file, which DuckDB locks while it is open
    const a = await serve();
    const b = await serve();
    expect(a).not.toBe(b);
    // not signed in: refused on both
    expect((await fetch(`${b}api/meta`)).status).toBe(401);
    const page = await fetch(b, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/signin?next=%2F');

    // sign in on A with the password
    const form = await signInPage(a);
    const signedIn = await fetch(`${a}signin`, {
      method: 'POST',
      headers: { cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'ana', password: PASSWORD, _csrf: form.token, next: '/' }),
      redirect: 'manual',
    });
    expect(signedIn.status).toBe(303);
    const session = cookieOf(signedIn);
    expect(session).not.toBe(form.cookie);

    // the next request goes to B
    const meta = await fetch(`${b}api/meta`, { headers: { cookie: session } });
    expect(meta.status).toBe(200);
    expect(((await meta.json()) as { filters: { municipality: string[] } }).filters.municipality).toEqual([
      '461',
      '851',
    ]);
    expect((await fetch(`${a}api/tables`, { headers: { cookie: session } })).status).toBe(200);

    // a CSRF token made on B is good on A (its secret is in the shared session)
    const onB = await signInPage(b, session);
    const out = await fetch(`${a}signout`, {
      method: 'POST',
      headers: { cookie: session, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: onB.token }),
      redirect: 'manual',
    });
    expect(out.status).toBe(303);
    expect((await fetch(`${b}api/meta`, { headers: { cookie: session } })).status).toBe(401);
    expect((await fetch(`${a}api/meta`, { headers: { cookie: session } })).status).toBe(401);

    // every step is in one unbroken audit chain: the sign-in, two reads, the sign-out
    const store = await openStore({ url });
    try {
      expect(await verifyAudit(store)).toMatchObject({ ok: true });
      const rows = await store.query<{ action: string; subject: string | null }>(
        `SELECT action, subject FROM audit_log WHERE actor = (SELECT id FROM users WHERE username = 'ana') ORDER BY seq`,
      );
      expect(rows.map((r) => r.action)).toEqual(['sign_in', 'http.get', 'http.get', 'sign_out']);
    } finally {
      await store.close();
    }
  }, 180_000);
});
