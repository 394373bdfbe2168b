// The administrator's pages: only the admin role reaches them, every change needs the CSRF token and
// leaves an audit entry from → to, and an administrator can neither drop their own admin role nor
// disable themselves (so the last administrator stays).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPassword } from '../../src/serve/auth/local.js';
import { loadUser } from '../../src/serve/auth/users.js';
import { buildServer } from '../../src/serve/server.js';
import { verifyAudit } from '../../src/store/audit.js';
import { openStore, type OpenedStore } from '../../src/store/open.js';
import { sessionCookie, testRoutes, usersPerRole } from './auth-fixture.js';
import { writeFixtureWarehouse } from './fixture.js';

let store: OpenedStore;
let app: FastifyInstance;
let closeStore: () => Promise<void>;
let ids: Awaited<ReturnType<typeof usersPerRole>>;
let cookie: string;
let csrf: string;

async function signedIn(user: string): Promise<{ cookie: string; csrf: string }> {
  const signed = await app.inject({ url: `/__test/signin?user=${user}` });
  const c = sessionCookie(signed.headers['set-cookie']);
  const token = (await app.inject({ url: '/__test/csrf', headers: { cookie: c } })).json() as {
    token: string;
  };
  return { cookie: c, csrf: token.token };
}

const post = (url: string, fields: Record<string, string | string[]>, token: string | null = csrf) => {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) body.append(k, x);
  if (token !== null) body.append('_csrf', token);
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: body.toString(),
  });
};

const audit = async (action: string) =>
  store.query<{ actor: string | null; subject: string | null; purpose: string; detail: unknown }>(
    'SELECT actor, subject, purpose, detail FROM audit_log WHERE action = $1 ORDER BY seq',
    [action],
  );

beforeAll(async () => {
  store = await openStore();
  ids = await usersPerRole(store);
  ({ app, closeStore } = await buildServer({
    warehouse: await writeFixtureWarehouse(),
    config: { name: 'Test', country: 'DK', currency: 'DKK', municipalities: ['851'] },
    threshold: 5,
    store,
    allowedHosts: ['localhost'],
    // an internal error is printed, so a 500 says why
    log: (line) => {
      if (line.startsWith('internal error')) console.error(line);
    },
    plugins: [testRoutes],
  }));
  ({ cookie, csrf } = await signedIn(ids.admin));
}, 180_000);
afterAll(async () => {
  await app?.close();
  await closeStore?.();
  await store?.close();
});

describe('the administrator pages', () => {
  it('are reached by the admin role only; every other role is refused 403', async () => {
    const page = await app.inject({ url: '/admin?lang=en', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    // usersPerRole made one user per role: 8 roles → 8 rows, each linked by username
    expect(page.body.match(/<a href="\/admin\/users\/[^"]+">u_/g)?.length).toBe(8);
    expect(page.body).toContain('<td>Data protection officer</td>');
    for (const role of Object.keys(ids) as (keyof typeof ids)[]) {
      if (role === 'admin') continue;
      const other = await signedIn(ids[role]);
      const r = await app.inject({ url: '/admin', headers: { cookie: other.cookie } });
      expect(r.statusCode, role).toBe(403);
      const p = await app.inject({
        method: 'POST',
        url: '/admin/users',
        headers: { cookie: other.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ username: 'x', roles: 'admin', _csrf: other.csrf }).toString(),
      });
      expect(p.statusCode, role).toBe(403);
    }
    // not signed in: a page sends the browser to the sign-in page
    const anon = await app.inject({ url: '/admin', headers: { accept: 'text/html' } });
    expect(anon.statusCode).toBe(303);
    expect(anon.headers.location).toBe('/signin?next=%2Fadmin');
  });

  it('refuses a change without the CSRF token and writes nothing', async () => {
    const before = (await audit('user.create')).length;
    const r = await post('/admin/users?lang=en', { username: 'nocsrf', roles: 'analyst' }, null);
    expect(r.statusCode).toBe(403);
    const wrong = await post('/admin/users?lang=en', { username: 'nocsrf', roles: 'analyst' }, 'forged');
    expect(wrong.statusCode).toBe(403);
    expect(await store.query("SELECT 1 FROM users WHERE username = 'nocsrf'")).toEqual([]);
    expect((await audit('user.create')).length).toBe(before);
  });

  it('creates a user with a one-time password that signs in, and audits null → roles', async () => {
    const r = await post('/admin/users?lang=en', { username: 'bo', roles: ['caseworker', 'analyst'] });
    expect(r.statusCode).toBe(201);
    expect(r.headers['cache-control']).toBe('no-store');
    const password = /<code id="initial-password">([^<]+)<\/code>/.exec(r.body)![1]!;
    // 15 random bytes in base64url: 15 × 8 / 6 = 20 characters
    expect(password).toMatch(/^[A-Za-z0-9_-]{20}$/);
    const check = await checkPassword(store, { username: 'bo', password });
    expect(check.ok && check.user.roles).toEqual(['analyst', 'caseworker']);
    const [entry] = (await audit('user.create')).slice(-1);
    expect(entry!.actor).toBe(ids.admin);
    expect(entry!.purpose).toBe('admin');
    expect(entry!.detail).toEqual({
      username: 'bo',
      from: null,
      to: { roles: ['analyst', 'caseworker'], disabled: false },
      password: 'initial',
    });
    // the password itself is nowhere in the trail
    expect(JSON.stringify(await store.query('SELECT detail FROM audit_log'))).not.toContain(password);
    // a user without a password (identity provider only), and the refusals
    const none = await post('/admin/users?lang=en', {
      username: 'oidc.only',
      roles: 'dpo',
      password: 'none',
    });
    expect(none.statusCode).toBe(201);
    expect(none.body).not.toContain('initial-password');
    expect(
      (
        await store.query<{ h: null }>("SELECT password_hash AS h FROM users WHERE username = 'oidc.only'")
      )[0]!.h,
    ).toBeNull();
    expect((await post('/admin/users?lang=en', { username: 'BO', roles: 'analyst' })).body).toContain(
      'The username BO is taken.',
    );
    expect((await post('/admin/users?lang=en', { username: 'has space', roles: 'analyst' })).statusCode).toBe(
      400,
    );
    expect((await post('/admin/users?lang=en', { username: 'norole' })).body).toContain(
      'Choose at least one role.',
    );
  });

  it('changes roles and disables/enables a user, each audited from → to', async () => {
    const target = ids.analyst;
    const r = await post(`/admin/users/${target}/roles?lang=en`, {
      roles: ['authorised_analyst', 'analyst'],
    });
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe(`/admin/users/${target}?lang=en&m=roles`);
    expect((await loadUser(store, target))!.roles).toEqual(['analyst', 'authorised_analyst']);
    const [roles] = (await audit('user.roles')).slice(-1);
    expect(roles).toMatchObject({ actor: ids.admin, subject: target, purpose: 'admin' });
    expect(roles!.detail).toEqual({ from: ['analyst'], to: ['analyst', 'authorised_analyst'] });
    const shown = await app.inject({ url: r.headers.location as string, headers: { cookie } });
    expect(shown.body).toContain('The roles of u_analyst were saved.');

    const victim = await signedIn(target);
    expect((await post(`/admin/users/${target}/disable?lang=en`, {})).statusCode).toBe(303);
    expect(await loadUser(store, target)).toBeNull();
    // the disabled user's session is gone
    expect((await app.inject({ url: '/api/tables', headers: { cookie: victim.cookie } })).statusCode).toBe(
      401,
    );
    expect((await post(`/admin/users/${target}/enable?lang=en`, {})).statusCode).toBe(303);
    expect(await loadUser(store, target)).not.toBeNull();
    expect((await audit('user.disable')).at(-1)!.detail).toEqual({
      from: { disabled: false },
      to: { disabled: true },
    });
    expect((await audit('user.enable')).at(-1)!.detail).toEqual({
      from: { disabled: true },
      to: { disabled: false },
    });
    expect((await verifyAudit(store)).ok).toBe(true);
  });

  it('keeps the last administrator: no dropping one’s own admin role, no disabling oneself', async () => {
    const before = (await audit('user.roles')).length;
    const drop = await post(`/admin/users/${ids.admin}/roles?lang=en`, { roles: 'dpo' });
    expect(drop.statusCode).toBe(409);
    expect(drop.body).toContain('You cannot take away your own admin role.');
    const off = await post(`/admin/users/${ids.admin}/disable?lang=en`, {});
    expect(off.statusCode).toBe(409);
    expect(off.body).toContain('You cannot disable yourself.');
    const me = await loadUser(store, ids.admin);
    expect(me!.roles).toEqual(['admin']);
    expect((await audit('user.roles')).length).toBe(before);
    expect(await audit('user.disable')).toHaveLength(1);
    // adding a role to oneself, keeping admin, is allowed
    expect(
      (await post(`/admin/users/${ids.admin}/roles?lang=en`, { roles: ['admin', 'dpo'] })).statusCode,
    ).toBe(303);
    expect((await loadUser(store, ids.admin))!.roles).toEqual(['admin', 'dpo']);
  });
});
