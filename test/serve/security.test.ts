/**
 * Security tests of the sign-in (OWASP ASVS 5.0, level 2; docs/security.md maps each requirement to
 * the test here): every protected route refused without a session, session fixation through the
 * real password form, cookie flags, lockout whose message does not reveal whether an account
 * exists, CSRF on the sign-in and sign-out forms, no stack trace or SQL text in any answer, the
 * Host header, and no way for a user to raise their own roles. The role × route matrix is in
 * policy.test.ts; one caseworker reading another's case (IDOR) is tested with the case routes.
 */
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SigninSchema } from '../../src/config/schema.js';
import { hashPassword } from '../../src/serve/auth/local.js';
import type { DeclaredRoute } from '../../src/serve/auth/policy.js';
import { createUser, setRoles } from '../../src/serve/auth/users.js';
import { buildServer } from '../../src/serve/server.js';
import type { Store } from '../../src/store/db.js';
import { openStore, type OpenedStore } from '../../src/store/open.js';
import { otherPurposeRoutes, sessionCookie } from './auth-fixture.js';
import { writeFixtureWarehouse } from './fixture.js';

const CONFIG = { name: 'Test', country: 'DK' as const, currency: 'DKK' as const, municipalities: ['851'] };
const HOST = 'test.local';
const PASSWORD = 'en lang og god adgangskode';
const FAILED_EN =
  'Sign-in failed. Check the username and password. After 5 wrong attempts in a row the account is locked for 15 minutes.';

let store: OpenedStore;
let warehouse: string;
let app: FastifyInstance;
let routes: DeclaredRoute[];
let closeStore: () => Promise<void>;
const ids: Record<string, string> = {};

async function build(db: Store, extra: Partial<Parameters<typeof buildServer>[0]> = {}) {
  return buildServer({
    warehouse,
    config: CONFIG,
    threshold: 5,
    store: db,
    log: () => {},
    allowedHosts: [HOST],
    plugins: [otherPurposeRoutes],
    auth: { signin: SigninSchema.parse({ attempts_per_minute: 1000 }) },
    ...extra,
  });
}

beforeAll(async () => {
  store = await openStore();
  warehouse = await writeFixtureWarehouse();
  const hash = await hashPassword(PASSWORD);
  for (const [username, roles] of [
    ['anna', ['analyst']],
    ['lotte', ['analyst']],
    ['sara', ['caseworker']],
    ['ali', ['admin']],
  ] as const)
    ids[username] = await createUser(store, { username, roles: [...roles], passwordHash: hash });
  ({ app, routes, closeStore } = await build(store));
}, 120_000);
afterAll(async () => {
  await app?.close();
  await closeStore?.();
  await store?.close();
});

/** A request to the server with the test's Host header. */
function send(target: FastifyInstance, opts: InjectOptions & { headers?: Record<string, string> }) {
  return target.inject({ ...opts, headers: { host: HOST, ...(opts.headers ?? {}) } });
}

/** Open the sign-in page: its session cookie and the CSRF token of its form. */
async function signInPage(target = app, cookie?: string): Promise<{ cookie: string; csrf: string }> {
  const r = await send(target, { url: '/signin?lang=en', headers: cookie ? { cookie } : {} });
  expect(r.statusCode).toBe(200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(r.body)?.[1];
  if (!csrf) throw new Error('no CSRF field in the sign-in form');
  const set = r.headers['set-cookie'];
  return { cookie: set ? sessionCookie(set) : cookie!, csrf };
}

/** Post the sign-in form (urlencoded, as a browser does). */
async function postSignIn(
  fields: Record<string, string>,
  page: { cookie: string; csrf: string } | null,
  target = app,
  remoteAddress = '127.0.0.1',
) {
  const body = new URLSearchParams({ ...(page ? { _csrf: page.csrf } : {}), lang: 'en', ...fields });
  return target.inject({
    method: 'POST',
    url: '/signin',
    remoteAddress,
    headers: {
      host: HOST,
      'content-type': 'application/x-www-form-urlencoded',
      ...(page ? { cookie: page.cookie } : {}),
    },
    payload: body.toString(),
  });
}

/** The whole Set-Cookie header of the session cookie (the last one: an old one may be cleared first). */
function lastSessionCookie(set: string | string[] | undefined): string {
  const header = [set ?? []]
    .flat()
    .filter((h) => h.startsWith('tvaerblik_session='))
    .at(-1);
  if (!header) throw new Error('no session cookie');
  return header;
}

/** The text of the page's alert (the refusal message). */
const alertText = (html: string) => /role="alert">([^<]*)</.exec(html)?.[1];

/** Sign in with the password form; the signed-in session cookie. */
async function signIn(username: string, target = app): Promise<string> {
  const page = await signInPage(target);
  const r = await postSignIn({ username, password: PASSWORD }, page, target);
  expect(r.statusCode).toBe(303);
  return sessionCookie(r.headers['set-cookie']);
}

describe('ASVS V8 authorization: no protected route without a session', () => {
  const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, 'x1').replace('*', 'tables');

  it('refuses every non-public route without a session: 401 to a client, the sign-in page to a browser', async () => {
    const guarded = routes.filter((r) => !r.access || !('public' in r.access));
    // the dashboard and API over the warehouse (6) plus the test's case, cluster, audit and admin routes (5)
    expect(guarded.length).toBeGreaterThanOrEqual(11);
    for (const route of guarded) {
      const url = concrete(route.url);
      const method = route.method as InjectOptions['method'];
      const api = await send(app, { method, url, headers: { accept: 'application/json' } });
      expect(api.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect(api.body).not.toContain('mart_');
      // a forged session cookie is no session
      const forged = await send(app, { method, url, headers: { cookie: 'tvaerblik_session=forged.abc' } });
      expect(forged.statusCode, `${route.method} ${route.url} forged`).toBe(401);
      if (route.method === 'GET') {
        const page = await send(app, { url, headers: { accept: 'text/html' } });
        expect(page.statusCode).toBe(303);
        expect(page.headers.location).toBe(`/signin?next=${encodeURIComponent(url)}`);
      }
    }
  });

  it('refuses the analysis API after sign-out', async () => {
    const cookie = await signIn('anna');
    expect((await send(app, { url: '/api/tables', headers: { cookie } })).statusCode).toBe(200);
    const { csrf } = await signInPage(app, cookie);
    const out = await send(app, {
      method: 'POST',
      url: '/signout',
      headers: { cookie, 'x-csrf-token': csrf },
    });
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/signin?m=signed_out&lang=da');
    expect((await send(app, { url: '/api/tables', headers: { cookie } })).statusCode).toBe(401);
  });
});

describe('ASVS V7 session management', () => {
  it('gives a new session id when the password form signs in (fixation), and the old id stays anonymous', async () => {
    const page = await signInPage();
    const r = await postSignIn({ username: 'anna', password: PASSWORD, next: '/api/tables' }, page);
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe('/api/tables');
    const after = sessionCookie(r.headers['set-cookie']);
    expect(after.split('=')[0]).toBe('tvaerblik_session');
    expect(after).not.toBe(page.cookie);
    expect((await send(app, { url: '/api/tables', headers: { cookie: page.cookie } })).statusCode).toBe(401);
    expect((await send(app, { url: '/api/tables', headers: { cookie: after } })).statusCode).toBe(200);
  });

  it('sets the cookie HttpOnly, SameSite=Lax, Path=/ and not Secure over plain http; Secure behind an https proxy', async () => {
    const page = await signInPage();
    const r = await postSignIn({ username: 'anna', password: PASSWORD }, page);
    const header = lastSessionCookie(r.headers['set-cookie']);
    expect(header).toMatch(/; HttpOnly/);
    expect(header).toMatch(/; SameSite=Lax/);
    expect(header).toMatch(/; Path=\//);
    expect(header).not.toMatch(/; Secure/);
    const proxied = await build(store, { trustProxy: true });
    try {
      const r2 = await proxied.app.inject({
        url: '/signin',
        headers: { host: HOST, 'x-forwarded-proto': 'https' },
      });
      const h2 = lastSessionCookie(r2.headers['set-cookie']);
      expect(h2).toMatch(/; Secure/);
      expect(h2).toMatch(/; HttpOnly/);
    } finally {
      await proxied.app.close();
      await proxied.closeStore();
    }
  });

  it('never lets the sign-in page send a browser to another site (next is a local path only)', async () => {
    for (const next of [
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      'javascript:alert(1)',
    ]) {
      const page = await signInPage();
      const r = await postSignIn({ username: 'anna', password: PASSWORD, next }, page);
      expect(r.statusCode, next).toBe(303);
      // the start page (in the language the form was posted in, English here), never the address given
      expect(r.headers.location, next).toBe('/?lang=en');
    }
  });
});

describe('ASVS V6 authentication: lockout without revealing accounts', () => {
  it('locks an account after 5 wrong passwords; the message is the same for a wrong password, an unknown user and a locked account', async () => {
    for (let i = 1; i <= 5; i++) {
      const r = await postSignIn({ username: 'lotte', password: `forkert-${i}` }, await signInPage());
      expect(r.statusCode).toBe(401);
      expect(alertText(r.body)).toBe(FAILED_EN);
    }
    // the right password now: refused, with the same words
    const locked = await postSignIn({ username: 'lotte', password: PASSWORD }, await signInPage());
    expect(locked.statusCode).toBe(401);
    const unknown = await postSignIn({ username: 'findes-ikke', password: PASSWORD }, await signInPage());
    expect(unknown.statusCode).toBe(401);
    // the whole answers differ only in the username echoed in the form
    const strip = (html: string) =>
      html.replace(/value="(lotte|findes-ikke)"/, 'value=""').replace(/name="_csrf" value="[^"]+"/, '');
    expect(strip(unknown.body)).toBe(strip(locked.body));
    expect(alertText(locked.body)).toBe(FAILED_EN);
    // and lotte is not signed in
    const [row] = await store.query<{ failed_sign_ins: number; locked: boolean }>(
      "SELECT failed_sign_ins, locked_until > now() AS locked FROM users WHERE username = 'lotte'",
    );
    expect(row).toEqual({ failed_sign_ins: 5, locked: true });
  });

  it('audits every refused and every accepted sign-in', async () => {
    const [before] = await store.query<{ n: bigint }>('SELECT count(*) AS n FROM audit_log');
    await postSignIn({ username: 'sara', password: 'forkert' }, await signInPage());
    await postSignIn({ username: 'sara', password: PASSWORD }, await signInPage());
    const rows = await store.query<{ actor: string; action: string; detail: Record<string, unknown> }>(
      'SELECT actor, action, detail FROM audit_log WHERE seq > $1 ORDER BY seq',
      [before!.n],
    );
    expect(rows.map((r) => [r.actor, r.action, r.detail.method, r.detail.reason])).toEqual([
      [ids.sara, 'auth.sign_in_refused', 'password', 'wrong_password'],
      [ids.sara, rows[1]!.action, 'password', undefined],
    ]);
    expect(rows[1]!.action).toMatch(/sign_in$/);
  });

  it('limits password attempts per client address (HTTP 429 past the limit)', async () => {
    const limited = await build(store, { auth: { signin: SigninSchema.parse({ attempts_per_minute: 3 }) } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++)
        statuses.push(
          (
            await postSignIn(
              { username: 'findes-ikke', password: 'x' },
              await signInPage(limited.app),
              limited.app,
              '192.0.2.9',
            )
          ).statusCode,
        );
      expect(statuses).toEqual([401, 401, 401, 429]);
      // another address is not held back
      const other = await postSignIn(
        { username: 'findes-ikke', password: 'x' },
        await signInPage(limited.app),
        limited.app,
        '192.0.2.10',
      );
      expect(other.statusCode).toBe(401);
    } finally {
      await limited.app.close();
      await limited.closeStore();
    }
  });
});

describe('ASVS V3 web frontend: CSRF on the sign-in and sign-out forms', () => {
  it('refuses a sign-in post without the token, or with the token of another session', async () => {
    const page = await signInPage();
    const none = await postSignIn(
      { username: 'anna', password: PASSWORD },
      { cookie: page.cookie, csrf: '' },
    );
    expect(none.statusCode).toBe(403);
    const other = await signInPage();
    const crossed = await postSignIn(
      { username: 'anna', password: PASSWORD },
      { cookie: page.cookie, csrf: other.csrf },
    );
    expect(crossed.statusCode).toBe(403);
    const cookieless = await postSignIn({ username: 'anna', password: PASSWORD }, null);
    expect(cookieless.statusCode).toBe(403);
  });

  it('refuses a sign-out post without the token (no cross-site sign-out)', async () => {
    const cookie = await signIn('anna');
    const r = await send(app, { method: 'POST', url: '/signout', headers: { cookie } });
    expect(r.statusCode).toBe(403);
    expect((await send(app, { url: '/api/tables', headers: { cookie } })).statusCode).toBe(200);
  });
});

describe('ASVS V16 errors: no stack trace or SQL text in any answer', () => {
  // SQL, table and column names, file:line of a stack, an exception's class or message prefix
  const LEAK =
    /SELECT |INSERT |UPDATE |FROM users|password_hash|sign_in_attempts|\.ts:\d+|\n\s+at |PGlite|postgres|[A-Z][a-z]+Error\b|\bError: /;

  it('answers malformed sign-in posts without internals', async () => {
    const page = await signInPage();
    const json = (payload: string) =>
      send(app, {
        method: 'POST',
        url: '/signin',
        headers: { cookie: page.cookie, 'x-csrf-token': page.csrf, 'content-type': 'application/json' },
        payload,
      });
    const wrongTypes = await json('{"username":{"$ne":null},"password":["a"],"lang":"en"}');
    expect(wrongTypes.statusCode).toBe(400);
    expect(alertText(wrongTypes.body)).toBe('Enter both a username and a password.');
    const broken = await json('{"username":');
    expect(broken.statusCode).toBe(400);
    const plain = await send(app, {
      method: 'POST',
      url: '/signin',
      headers: { cookie: page.cookie, 'x-csrf-token': page.csrf, 'content-type': 'text/plain' },
      payload: 'username=anna',
    });
    // a body the server cannot read is a client error (400 or 415), never a 500
    expect(plain.statusCode).toBeGreaterThanOrEqual(400);
    expect(plain.statusCode).toBeLessThan(500);
    const huge = await postSignIn({ username: 'a'.repeat(5000), password: 'b'.repeat(100_000) }, page);
    expect(huge.statusCode).toBe(401);
    const escapes = await send(app, { url: '/signin?next=%E0%A4%A' });
    expect(escapes.statusCode).toBe(400);
    for (const r of [wrongTypes, broken, plain, huge, escapes]) expect(r.body).not.toMatch(LEAK);
  });

  it('answers a failing store with a plain 500, never the SQL or the stack', async () => {
    const failing: Store = {
      kind: store.kind,
      close: async () => {},
      transaction: (fn) => store.transaction(fn),
      query: (sql, params) =>
        sql.includes('password_hash')
          ? Promise.reject(new Error(`relation "users" does not exist: ${sql}`))
          : store.query(sql, params),
    };
    const broken = await build(failing);
    try {
      const page = await signInPage(broken.app);
      const r = await postSignIn({ username: 'anna', password: PASSWORD }, page, broken.app);
      expect(r.statusCode).toBe(500);
      expect(r.body).not.toMatch(LEAK);
    } finally {
      await broken.app.close();
      await broken.closeStore();
    }
  });
});

describe('ASVS V4/V13: the Host header', () => {
  it('refuses the sign-in page and the sign-in post for a Host that is not this server', async () => {
    for (const host of ['evil.example', 'test.local.evil.example', '']) {
      const get = await app.inject({ url: '/signin', headers: { host } });
      expect(get.statusCode, host).toBe(403);
      const post = await app.inject({
        method: 'POST',
        url: '/signin',
        headers: { host, 'content-type': 'application/x-www-form-urlencoded' },
        payload: `username=anna&password=${encodeURIComponent(PASSWORD)}`,
      });
      expect(post.statusCode, host).toBe(403);
      expect(post.headers['set-cookie']).toBeUndefined();
    }
  });
});

describe('ASVS V8: a user cannot raise their own roles', () => {
  it('ignores role fields posted with the sign-in form; the session holds an id, never roles', async () => {
    const page = await signInPage();
    const r = await postSignIn(
      {
        username: 'anna',
        password: PASSWORD,
        roles: 'admin',
        role: 'admin',
        userId: ids.ali!,
        user: ids.ali!,
      },
      page,
    );
    const cookie = sessionCookie(r.headers['set-cookie']);
    expect((await send(app, { url: '/admin/users', headers: { cookie } })).statusCode).toBe(403);
    expect((await send(app, { url: '/api/tables', headers: { cookie } })).statusCode).toBe(200);
    const roles = await store.query<{ role: string }>('SELECT role FROM user_roles WHERE user_id = $1', [
      ids.anna,
    ]);
    expect(roles).toEqual([{ role: 'analyst' }]);
    const [session] = await store.query<{ data: Record<string, unknown> }>(
      'SELECT data FROM sessions WHERE user_id = $1 ORDER BY updated_at DESC LIMIT 1',
      [ids.anna],
    );
    expect(Object.keys(session!.data)).not.toContain('roles');
  });

  it('refuses a session cookie whose signature was altered', async () => {
    const cookie = await signIn('ali');
    const [name, value] = cookie.split('=') as [string, string];
    const dot = value.lastIndexOf('.');
    const tampered = `${name}=${value.slice(0, dot)}.${value
      .slice(dot + 1)
      .split('')
      .reverse()
      .join('')}`;
    expect((await send(app, { url: '/admin/users', headers: { cookie } })).statusCode).toBe(200);
    expect((await send(app, { url: '/admin/users', headers: { cookie: tampered } })).statusCode).toBe(401);
  });

  it('reads roles from the store on every request: a role taken away is gone at the next request', async () => {
    const cookie = await signIn('sara');
    expect((await send(app, { url: '/case/cases/c1', headers: { cookie } })).statusCode).toBe(200);
    await setRoles(store, ids.sara!, [], ids.ali!);
    expect((await send(app, { url: '/case/cases/c1', headers: { cookie } })).statusCode).toBe(403);
    await setRoles(store, ids.sara!, ['caseworker'], ids.ali!);
  });
});
