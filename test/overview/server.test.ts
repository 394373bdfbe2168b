// The overview inside the real server (src/serve/server.ts): sign-in required, the role policy, the
// CSRF token on every form post, and IDOR — with the overview registered as the server registers it.
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom, syntheticCpr } from '../../src/ids/synthetic.js';
import { createUser } from '../../src/serve/auth/users.js';
import { buildServer } from '../../src/serve/server.js';
import { CASE_KEY_ENV } from '../../src/store/keys.js';
import { openStore, type OpenedStore } from '../../src/store/open.js';
import { sessionCookie, testRoutes } from '../serve/auth-fixture.js';
import { writeFixtureWarehouse } from '../serve/fixture.js';

const CONFIG = { name: 'Test', country: 'DK' as const, currency: 'DKK' as const, municipalities: ['851'] };
const HOST = 'test.local';
const CPR = syntheticCpr(new Date(Date.UTC(1984, 2, 9)), 'F', seededRandom(15));

let store: OpenedStore;
let app: FastifyInstance;
let closeStore: () => Promise<void>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  process.env[CASE_KEY_ENV] = '5d'.repeat(32);
  store = await openStore();
  for (const [username, role] of [
    ['sara', 'caseworker'],
    ['sofie', 'caseworker'],
    ['dorte', 'data_contact'],
    ['anna', 'analyst'],
  ] as const)
    ids[username] = await createUser(store, { username, roles: [role], organisation: 'aarhus' });
  ({ app, closeStore } = await buildServer({
    warehouse: await writeFixtureWarehouse(),
    config: CONFIG,
    threshold: 5,
    store,
    log: () => {},
    allowedHosts: [HOST],
    plugins: [testRoutes],
  }));
}, 180_000);
afterAll(async () => {
  await app?.close();
  await closeStore?.();
  await store?.close();
  delete process.env[CASE_KEY_ENV];
});

/** A request with the test's Host header (the server refuses unknown hosts). */
function send(opts: InjectOptions & { headers?: Record<string, string> }) {
  return app.inject({ ...opts, headers: { host: HOST, ...(opts.headers ?? {}) } });
}

async function session(username: string): Promise<{ cookie: string; csrf: string }> {
  const signed = await send({ url: `/__test/signin?user=${ids[username]}` });
  const cookie = sessionCookie(signed.headers['set-cookie']);
  const token = await send({ url: '/__test/csrf', headers: { cookie } });
  return { cookie, csrf: (token.json() as { token: string }).token };
}

const page = (cookie: string, url: string) => send({ url, headers: { cookie, accept: 'text/html' } });

function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

describe('the overview in the server', () => {
  let caseUrl = '';

  it('needs sign-in: a page redirects to the sign-in page, the API answers 401', async () => {
    const res = await send({ url: '/overview', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/signin\?next=/);
    expect((await send({ url: '/api/overview/cases' })).statusCode).toBe(401);
  });

  it('an analyst (planning) is refused the case-handling pages', async () => {
    const { cookie } = await session('anna');
    expect((await page(cookie, '/overview')).statusCode).toBe(403);
  });

  it('a form post without the CSRF token is refused; with it the case opens', async () => {
    const { cookie, csrf } = await session('sara');
    const fields = { personId: CPR, title: 'Rehabiliteringssag', phase: 'preparation' };
    const headers = { cookie, 'content-type': 'application/x-www-form-urlencoded' };
    const bare = await send({ method: 'POST', url: '/overview/cases', headers, payload: form(fields) });
    expect(bare.statusCode).toBe(403);
    const ok = await send({
      method: 'POST',
      url: '/overview/cases',
      headers,
      payload: form({ ...fields, _csrf: csrf }),
    });
    expect(ok.statusCode).toBe(303);
    caseUrl = ok.headers.location!.split('?')[0]!;
    const view = await page(cookie, caseUrl);
    // no consent yet: the refusal and the consent form, with this session's CSRF token in it
    expect(view.statusCode).toBe(403);
    expect(view.body).toContain('Der er intet samtykke på sagen');
    expect(view.body).toMatch(/name="_csrf" value="[^"]+"/);
    expect(view.body).not.toContain(CPR);
  });

  it('IDOR: another caseworker gets "not found" for the same address', async () => {
    const { cookie } = await session('sofie');
    expect((await page(cookie, caseUrl)).statusCode).toBe(404);
    const api = await send({ url: `/api${caseUrl}`, headers: { cookie } });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ code: 'case.not_found' });
  });

  it('a data contact reaches the queue but not the case', async () => {
    const { cookie } = await session('dorte');
    expect((await page(cookie, '/overview/queue')).statusCode).toBe(200);
    expect((await page(cookie, caseUrl)).statusCode).toBe(403);
  });
});
