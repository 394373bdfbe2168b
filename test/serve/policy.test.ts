/**
 * Roles and purposes (docs/server.md, "Web server and roles"): every registered route is tried with
 * every role and without sign-in, and the answer must follow the route's declaration — including
 * that a planning role never reaches a case-handling route and a case role never reaches the
 * analysis warehouse. Expectations come from the declaration table below, written by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import {
  allows,
  declarationProblem,
  ROLE_PURPOSES,
  type DeclaredRoute,
} from '../../src/serve/auth/policy.js';
import { t } from '../../src/core/messages.js';
import { buildServer } from '../../src/serve/server.js';
import { ROLES, type Role } from '../../src/store/access.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/db.js';
import { otherPurposeRoutes, sessionCookie, TEST_PREFIX, testRoutes, usersPerRole } from './auth-fixture.js';
import { writeFixtureWarehouse } from './fixture.js';

const CONFIG = { name: 'Test', country: 'DK', currency: 'DKK', municipalities: ['851', '461'] } as const;

let store: Store;
let warehouse: string;
let app: FastifyInstance;
let routes: DeclaredRoute[];
let closeStore: () => Promise<void>;
let ids: Record<Role, string>;
const cookies = {} as Record<Role, string>;

beforeAll(async () => {
  store = await openStore({});
  warehouse = await writeFixtureWarehouse();
  ids = await usersPerRole(store);
  ({ app, routes, closeStore } = await buildServer({
    warehouse,
    config: { ...CONFIG, municipalities: [...CONFIG.municipalities] },
    threshold: 5,
    store,
    log: () => {},
    allowedHosts: ['test.local'],
    // the limiter has its own test below; here it would only count the test's own requests
    rateLimitPerMinute: 1_000_000,
    plugins: [testRoutes, otherPurposeRoutes],
  }));
  for (const role of ROLES) {
    const r = await app.inject({ url: `/__test/signin?user=${ids[role]}`, headers: { host: 'test.local' } });
    cookies[role] = sessionCookie(r.headers['set-cookie']);
  }
}, 300_000);
afterAll(async () => {
  await app?.close();
  await closeStore?.();
  await store?.close();
});

/** What each route is declared as, by hand: the table in docs/server.md. */
const TABLE: Record<string, 'public' | { roles: Role[]; purpose: string }> = {
  'GET /': { roles: ['analyst', 'authorised_analyst'], purpose: 'planning' },
  'GET /index.html': { roles: ['analyst', 'authorised_analyst'], purpose: 'planning' },
  'GET /api/meta': { roles: ['analyst', 'authorised_analyst'], purpose: 'planning' },
  'GET /api/openapi.json': { roles: ['analyst', 'authorised_analyst'], purpose: 'planning' },
  'GET /api/tables': { roles: ['analyst', 'authorised_analyst'], purpose: 'planning' },
  'GET /api/tables/:file': { roles: ['analyst', 'authorised_analyst'], purpose: 'planning' },
  'GET /api/health': 'public',
  'GET /styles.css': 'public',
  'GET /favicon.svg': 'public',
  'GET /app/:file': 'public',
  'GET /app/vendor/:name': 'public',
  'POST /api/*': 'public',
  'PUT /api/*': 'public',
  'PATCH /api/*': 'public',
  'DELETE /api/*': 'public',
  'GET /case/cases/:id': { roles: ['caseworker', 'data_contact'], purpose: 'case' },
  'POST /case/cases': { roles: ['caseworker'], purpose: 'case' },
  'GET /budgets': { roles: ['cluster_secretariat', 'economic_owner'], purpose: 'cluster' },
  'GET /audit/log': { roles: ['dpo'], purpose: 'audit' },
  'GET /admin/users': { roles: ['admin'], purpose: 'admin' },
  // the administrator's pages (src/serve/routes/admin.ts)
  'GET /admin': { roles: ['admin'], purpose: 'admin' },
  'GET /admin/users/:id': { roles: ['admin'], purpose: 'admin' },
  'POST /admin/users': { roles: ['admin'], purpose: 'admin' },
  'POST /admin/users/:id/roles': { roles: ['admin'], purpose: 'admin' },
  'POST /admin/users/:id/disable': { roles: ['admin'], purpose: 'admin' },
  'POST /admin/users/:id/enable': { roles: ['admin'], purpose: 'admin' },
  'GET /boom': 'public',
  // the sign-in routes (src/serve/auth/local.ts): how one signs in and out
  'GET /signin': 'public',
  'POST /signin': 'public',
  'POST /signout': 'public',
};

/** Feature plugins register routes under these prefixes, each with its own declaration. */
const FEATURE = /^\/(api\/)?(overview|cluster)(\/|$)|^\/audit(\/citizen)?$|^\/signin\/oidc/;

function concrete(url: string): string {
  return url
    .replace(':file', 'mart_lorenz')
    .replace(':name', 'echarts.js')
    .replace(/:\w+/g, 'x1')
    .replace('*', 'tables');
}

/** What the policy hook itself answers when it refuses (a handler's own 403 is something else). */
const POLICY_REFUSALS = new Set([
  JSON.stringify({ error: t('da', 'server.denied.sign_in') }),
  JSON.stringify({ error: t('da', 'server.denied.role') }),
  JSON.stringify({ error: t('da', 'server.denied.undeclared') }),
  JSON.stringify({ error: t('da', 'server.csrf') }),
]);

async function signedIn(userId: string): Promise<string> {
  const r = await app.inject({ url: `/__test/signin?user=${userId}`, headers: { host: 'test.local' } });
  return sessionCookie(r.headers['set-cookie']);
}

async function anonymous(): Promise<string> {
  const r = await app.inject({ url: '/__test/csrf', headers: { host: 'test.local' } });
  return sessionCookie(r.headers['set-cookie']);
}

async function csrfFor(cookie: string): Promise<string> {
  const r = await app.inject({ url: '/__test/csrf', headers: { host: 'test.local', cookie } });
  return (r.json() as { token: string }).token;
}

describe('policy: roles and purposes, one place', () => {
  it('maps each role to its purposes; an administrator reads no data', () => {
    expect(ROLE_PURPOSES.admin).toEqual(['admin']);
    expect(ROLE_PURPOSES.analyst).toEqual(['planning']);
    expect(ROLE_PURPOSES.caseworker).toEqual(['case']);
    expect(allows({ roles: ['analyst', 'authorised_analyst'], purpose: 'planning' }, ['admin'])).toBe(false);
    expect(allows({ roles: ['analyst'], purpose: 'planning' }, ['caseworker', 'analyst'])).toBe(true);
    expect(allows(undefined, ['admin'])).toBe(false);
    expect(allows({ public: true }, null)).toBe(true);
  });

  it('refuses a declaration that names a role outside its purpose, an unknown role, or none at all', () => {
    expect(declarationProblem({ roles: ['analyst'], purpose: 'case' })).toBe(
      'role analyst may not act under purpose case (it may under planning)',
    );
    expect(declarationProblem({ roles: ['caseworker'], purpose: 'planning' })).toMatch(/caseworker may not/);
    expect(declarationProblem({ roles: ['root'], purpose: 'admin' })).toBe('unknown role "root"');
    expect(declarationProblem({ roles: [], purpose: 'admin' })).toMatch(/at least one role/);
    expect(declarationProblem(undefined)).toMatch(/declares no config.access/);
    expect(declarationProblem({ public: false })).toBe('public must be true');
  });

  it('cannot even start with a route that declares nothing (deny by default)', async () => {
    await expect(
      buildServer({
        warehouse,
        config: { ...CONFIG, municipalities: [...CONFIG.municipalities] },
        threshold: 5,
        log: () => {},
        plugins: [async (a) => void a.get('/api/undeclared', () => ({ leaked: true }))],
      }),
    ).rejects.toThrow('Route GET /api/undeclared: it declares no config.access');
  });

  it('registers exactly the routes of the declaration table, besides the feature plugins', () => {
    const seen = routes
      .filter((r) => !r.url.startsWith(TEST_PREFIX) && r.method !== 'HEAD' && !FEATURE.test(r.url))
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(seen).toEqual(Object.keys(TABLE).sort());
    for (const r of routes.filter((x) => !x.url.startsWith(TEST_PREFIX) && !FEATURE.test(x.url))) {
      const want = TABLE[`${r.method === 'HEAD' ? 'GET' : r.method} ${r.url}`];
      expect(r.access, `${r.method} ${r.url}`).toEqual(want === 'public' ? { public: true } : want);
    }
  });

  it('answers every route, for every role and without sign-in, as the table says', async () => {
    const outcomes: string[] = [];
    for (const route of routes.filter((r) => !r.url.startsWith(TEST_PREFIX))) {
      // the server's own routes: the hand-written table; a feature plugin's: its own declaration
      const want =
        TABLE[`${route.method === 'HEAD' ? 'GET' : route.method} ${route.url}`] ??
        (FEATURE.test(route.url) && route.access && !('public' in route.access)
          ? { roles: [...route.access.roles], purpose: route.access.purpose }
          : 'public');
      expect(
        TABLE[`${route.method === 'HEAD' ? 'GET' : route.method} ${route.url}`] ?? FEATURE.test(route.url),
      ).toBeTruthy();
      for (const who of [null, ...ROLES] as (Role | null)[]) {
        const changes = !['GET', 'HEAD'].includes(route.method);
        // signing out ends a session: use a throwaway one for that route
        let cookie = who ? cookies[who] : undefined;
        if (who && route.url === '/signout') cookie = await signedIn(ids[who]);
        // a state-changing request carries a CSRF token from its session (an anonymous one for nobody)
        if (changes && !cookie) cookie = await anonymous();
        const headers: Record<string, string> = { host: 'test.local', accept: 'application/json' };
        if (cookie) headers.cookie = cookie;
        if (changes) headers['x-csrf-token'] = await csrfFor(cookie!);
        const r = await app.inject({
          method: route.method as 'GET',
          url: concrete(route.url),
          headers,
          ...(['POST', 'PUT', 'PATCH'].includes(route.method) ? { payload: {} } : {}),
        });
        const allowed = want === 'public' || (who !== null && want.roles.includes(who));
        const label = `${route.method} ${route.url} as ${who ?? 'nobody'}: ${r.statusCode} ${r.body.slice(0, 80)}`;
        if (allowed) {
          expect(r.statusCode, label).not.toBe(401);
          expect(POLICY_REFUSALS.has(r.body), label).toBe(false);
        } else expect(r.statusCode, label).toBe(who === null ? 401 : 403);
        outcomes.push(`${allowed ? 'allow' : 'deny'} ${route.method} ${route.url} ${who ?? '-'}`);
      }
    }
    // 9 answers per route (nobody + 8 roles); spot checks across purposes, by hand
    expect(outcomes).toContain('deny GET /api/meta caseworker');
    expect(outcomes).toContain('deny GET /api/meta admin');
    expect(outcomes).toContain('allow GET /api/meta authorised_analyst');
    expect(outcomes).toContain('deny GET /case/cases/:id analyst');
    expect(outcomes).toContain('deny GET /case/cases/:id authorised_analyst');
    expect(outcomes).toContain('allow GET /case/cases/:id data_contact');
    expect(outcomes).toContain('deny GET /budgets caseworker');
    expect(outcomes).toContain('deny GET /audit/log admin');
    expect(outcomes).toContain('deny GET /admin/users dpo');
    // the caseworker's overview is case data: no planning or cluster role reaches any of it
    const overview = outcomes.filter((x) => /^\S+ \S+ \/(api\/)?overview/.test(x));
    expect(overview.length).toBeGreaterThan(0);
    for (const o of overview) {
      if (/ (analyst|authorised_analyst|cluster_secretariat|economic_owner|dpo|-)$/.test(o))
        expect(o.startsWith('deny'), o).toBe(true);
    }
    // the audit trail is the data-protection officer's alone
    const audit = outcomes.filter((x) => /^\S+ \S+ \/audit(\/citizen)? /.test(x));
    // GET and HEAD /audit, POST /audit/citizen; nobody and the 8 roles each
    expect(audit.length).toBe(3 * 9);
    for (const o of audit) expect(o.startsWith(o.endsWith(' dpo') ? 'allow' : 'deny'), o).toBe(true);
    // the cluster economy: no planning or case role reaches any of it
    const cluster = outcomes.filter((x) => /^\S+ \S+ \/(api\/)?cluster/.test(x));
    expect(cluster.length).toBeGreaterThan(0);
    for (const o of cluster) {
      if (/ (analyst|authorised_analyst|caseworker|data_contact|dpo|admin|-)$/.test(o))
        expect(o.startsWith('deny'), o).toBe(true);
    }
  }, 120_000);

  it('sends a browser that is not signed in to the sign-in page, and tells an API client 401', async () => {
    const page = await app.inject({ url: '/', headers: { host: 'test.local', accept: 'text/html' } });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/signin?next=%2F');
    const api = await app.inject({ url: '/api/meta', headers: { host: 'test.local' } });
    expect(api.statusCode).toBe(401);
    expect(api.json()).toEqual({ error: 'Log ind først.' });
    const en = await app.inject({ url: '/api/meta?lang=en', headers: { host: 'test.local' } });
    expect(en.json()).toEqual({ error: 'Sign in first.' });
  });

  it('knows who is signed in and under which purpose', async () => {
    const r = await app.inject({
      url: '/case/cases/c7',
      headers: { host: 'test.local', cookie: cookies.caseworker },
    });
    expect(r.json()).toEqual({ case: 'c7', by: 'u_caseworker' });
  });
});

describe('policy: CSRF, session fixation, cookie flags, errors', () => {
  it('refuses a state-changing request without the CSRF token, and takes it with one', async () => {
    const headers = { host: 'test.local', cookie: cookies.caseworker };
    const none = await app.inject({ method: 'POST', url: '/case/cases', headers, payload: {} });
    expect(none.statusCode).toBe(403);
    expect(none.json()).toEqual({ error: expect.stringContaining('CSRF') });
    const wrong = await app.inject({
      method: 'POST',
      url: '/case/cases',
      headers: { ...headers, 'x-csrf-token': 'abc-def' },
      payload: {},
    });
    expect(wrong.statusCode).toBe(403);
    // a token from another session is worth nothing here
    const other = await csrfFor(cookies.data_contact);
    const foreign = await app.inject({
      method: 'POST',
      url: '/case/cases',
      headers: { ...headers, 'x-csrf-token': other },
      payload: {},
    });
    expect(foreign.statusCode).toBe(403);
    const ok = await app.inject({
      method: 'POST',
      url: '/case/cases',
      headers: { ...headers, 'x-csrf-token': await csrfFor(cookies.caseworker) },
      payload: {},
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ created: true, purpose: 'case' });
  });

  it('gives a new session id on sign-in, so an id planted before is worth nothing (fixation)', async () => {
    // an anonymous session (made when a sign-in page asks for a CSRF token)
    const before = sessionCookie(
      (await app.inject({ url: '/__test/csrf', headers: { host: 'test.local' } })).headers['set-cookie'],
    );
    const signedIn = await app.inject({
      url: `/__test/signin?user=${ids.analyst}`,
      headers: { host: 'test.local', cookie: before },
    });
    const after = sessionCookie(signedIn.headers['set-cookie']);
    expect(after).not.toBe(before);
    const planted = await app.inject({ url: '/api/tables', headers: { host: 'test.local', cookie: before } });
    expect(planted.statusCode).toBe(401);
    const fresh = await app.inject({ url: '/api/tables', headers: { host: 'test.local', cookie: after } });
    expect(fresh.statusCode).toBe(200);
    // sign-out ends it for good
    await app.inject({ url: '/__test/signout', headers: { host: 'test.local', cookie: after } });
    const gone = await app.inject({ url: '/api/tables', headers: { host: 'test.local', cookie: after } });
    expect(gone.statusCode).toBe(401);
  });

  it('sets the session cookie HttpOnly, SameSite=Lax, path /, with an idle expiry', async () => {
    const r = await app.inject({ url: `/__test/signin?user=${ids.dpo}`, headers: { host: 'test.local' } });
    const header = [r.headers['set-cookie']].flat().find((h) => h!.startsWith('tvaerblik_session='))!;
    const expires = Date.parse(/; Expires=([^;]+)/.exec(header)![1]!);
    const date = Date.parse(String(r.headers.date));
    expect(header).toMatch(/; HttpOnly/);
    expect(header).toMatch(/; SameSite=Lax/);
    expect(header).toMatch(/; Path=\//);
    // 30 idle minutes after this answer (Expires is in whole seconds)
    expect(expires - date).toBeGreaterThan(29 * 60_000);
    expect(expires - date).toBeLessThanOrEqual(30 * 60_000 + 1000);
    // over plain HTTP on loopback it cannot be Secure (the browser would drop it); the HTTPS case is below
    expect(header).not.toMatch(/; Secure/);
  });

  it('ends a session that has been idle past its expiry, on every process (the row decides)', async () => {
    const cookie = await signedIn(ids.authorised_analyst);
    const headers = { host: 'test.local', cookie };
    expect((await app.inject({ url: '/api/tables', headers })).statusCode).toBe(200);
    // 31 idle minutes later: the stored expiry has passed
    await store.query(`UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE user_id = $1`, [
      ids.authorised_analyst,
    ]);
    expect((await app.inject({ url: '/api/tables', headers })).statusCode).toBe(401);
  });

  it('limits requests per user with 429 and a message in the reader’s language', async () => {
    const limited = await buildServer({
      warehouse,
      config: { ...CONFIG, municipalities: [...CONFIG.municipalities] },
      threshold: 5,
      store,
      log: () => {},
      allowedHosts: ['test.local'],
      rateLimitPerMinute: 3,
      plugins: [testRoutes],
    });
    try {
      const signIn = await limited.app.inject({
        url: `/__test/signin?user=${ids.analyst}`,
        headers: { host: 'test.local' },
      });
      const headers = { host: 'test.local', cookie: sessionCookie(signIn.headers['set-cookie']) };
      const codes: number[] = [];
      for (let i = 0; i < 4; i++)
        codes.push((await limited.app.inject({ url: '/api/tables', headers })).statusCode);
      expect(codes).toEqual([200, 200, 200, 429]);
      const r = await limited.app.inject({ url: '/api/tables?lang=en', headers });
      expect(r.json()).toEqual({ error: 'Too many requests. Wait a minute and try again.' });
      // another user has a limit of their own
      const other = await limited.app.inject({
        url: `/__test/signin?user=${ids.authorised_analyst}`,
        headers: { host: 'test.local' },
      });
      const mine = { host: 'test.local', cookie: sessionCookie(other.headers['set-cookie']) };
      expect((await limited.app.inject({ url: '/api/tables', headers: mine })).statusCode).toBe(200);
    } finally {
      await limited.app.close();
    }
  });

  it('answers an internal error without a stack trace or SQL text', async () => {
    const r = await app.inject({ url: '/boom', headers: { host: 'test.local' } });
    expect(r.statusCode).toBe(500);
    expect(r.body).not.toMatch(/SELECT|password_hash|\.ts:\d+|at /);
    expect(r.json()).toEqual({ error: 'Intern fejl; se serverens log.' });
  });

  it('writes every request that reaches data to the audit trail', async () => {
    const [before] = await store.query<{ n: bigint }>(`SELECT count(*) AS n FROM audit_log`);
    await app.inject({ url: '/api/tables', headers: { host: 'test.local', cookie: cookies.analyst } });
    await app.inject({ url: '/api/health', headers: { host: 'test.local', cookie: cookies.analyst } });
    await app.inject({ url: '/api/tables', headers: { host: 'test.local', cookie: cookies.caseworker } });
    const rows = await store.query<{ actor: string; action: string; purpose: string; subject: string }>(
      `SELECT actor, action, purpose, subject FROM audit_log ORDER BY seq DESC LIMIT 1`,
    );
    const [after] = await store.query<{ n: bigint }>(`SELECT count(*) AS n FROM audit_log`);
    // one entry: the analyst's table list; the public health check and the refused request write none
    expect(after!.n - before!.n).toBe(1n);
    expect(rows[0]).toEqual({
      actor: ids.analyst,
      action: 'http.get',
      purpose: 'planning',
      subject: '/api/tables',
    });
  });
});

describe('server: binding and HTTPS', () => {
  it('refuses to listen beyond loopback unless sign-in is configured', async () => {
    const opts = {
      warehouse,
      config: { ...CONFIG, municipalities: [...CONFIG.municipalities] },
      threshold: 5,
      host: '0.0.0.0',
      allowedHosts: ['test.local'],
      log: () => {},
    };
    // no store, so no users: one local analyst, who may not be on the network
    await expect(buildServer(opts)).rejects.toThrow(
      'The server may listen on 0.0.0.0 only when sign-in is configured.',
    );
    // a store with users: sign-in is required, so any address may be bound
    const built = await buildServer({ ...opts, store, trustProxy: true, plugins: [testRoutes] });
    try {
      expect(built.app.signInRequired).toBe(true);
      // behind an HTTPS proxy (X-Forwarded-Proto: https) the cookie is Secure as well
      const r = await built.app.inject({
        url: `/__test/signin?user=${ids.analyst}`,
        headers: { host: 'test.local', 'x-forwarded-proto': 'https' },
      });
      const header = [r.headers['set-cookie']].flat().find((h) => h!.startsWith('tvaerblik_session='))!;
      expect(header).toMatch(/; Secure/);
      expect(header).toMatch(/; HttpOnly/);
    } finally {
      await built.app.close();
    }
  });
});
