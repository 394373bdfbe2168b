/**
 * ASVS V7.3.2 (absolute session lifetime) and V3.3.1/V3.3.3 (a `__Host-` cookie on a server reached
 * over HTTPS only), configured in the workspace's `signin.session` section (docs/config.md).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SigninSchema } from '../../src/config/schema.js';
import { configTemplate } from '../../src/config/template.js';
import { parseConfig } from '../../src/config/workspace.js';
import { UserError } from '../../src/errors.js';
import { hashPassword } from '../../src/serve/auth/local.js';
import { createUser } from '../../src/serve/auth/users.js';
import { buildServer } from '../../src/serve/server.js';
import { openStore, type OpenedStore } from '../../src/store/open.js';
import { sessionCookie } from './auth-fixture.js';
import { writeFixtureWarehouse } from './fixture.js';

const CONFIG = { name: 'Test', country: 'DK' as const, currency: 'DKK' as const, municipalities: ['851'] };
const HOST = 'test.local';
const PASSWORD = 'en lang og god adgangskode';

let store: OpenedStore;
let warehouse: string;
const opened: { app: FastifyInstance; closeStore: () => Promise<void> }[] = [];

async function build(session: Record<string, unknown>) {
  const built = await buildServer({
    // an HTTPS-only server sits behind TLS; here a proxy says so (X-Forwarded-Proto)
    trustProxy: true,
    warehouse,
    config: CONFIG,
    threshold: 5,
    store,
    log: () => {},
    allowedHosts: [HOST],
    auth: { signin: SigninSchema.parse({ attempts_per_minute: 1000, session }) },
  });
  opened.push(built);
  return built.app;
}

async function signIn(app: FastifyInstance, proto = 'http'): Promise<{ cookie: string; header: string }> {
  const page = await app.inject({
    url: '/signin?lang=en',
    headers: { host: HOST, 'x-forwarded-proto': proto },
  });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  const r = await app.inject({
    method: 'POST',
    url: '/signin',
    headers: {
      host: HOST,
      'x-forwarded-proto': proto,
      'content-type': 'application/x-www-form-urlencoded',
      cookie: sessionCookie(page.headers['set-cookie']),
    },
    payload: new URLSearchParams({ _csrf: csrf, username: 'anna', password: PASSWORD }).toString(),
  });
  expect(r.statusCode).toBe(303);
  const all = [r.headers['set-cookie'] ?? []].flat();
  return { cookie: sessionCookie(all), header: all.at(-1)! };
}

const api = (app: FastifyInstance, cookie: string) =>
  app.inject({ url: '/api/tables', headers: { host: HOST, cookie } }).then((r) => r.statusCode);

beforeAll(async () => {
  store = await openStore();
  warehouse = await writeFixtureWarehouse();
  await createUser(store, {
    username: 'anna',
    roles: ['analyst'],
    passwordHash: await hashPassword(PASSWORD),
  });
}, 120_000);
afterEach(() => vi.useRealTimers());
afterAll(async () => {
  for (const { app, closeStore } of opened) {
    await app.close();
    await closeStore();
  }
  await store?.close();
});

describe('ASVS V7.3.2: an absolute session lifetime', () => {
  it('ends an active session 2 hours after sign-in although a request every 20 minutes keeps it from idling out', async () => {
    const app = await build({ idle_minutes: 30, absolute_hours: 2 });
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-02T08:00:00Z') });
    const { cookie } = await signIn(app);
    // 08:00 → 09:40: six requests 20 minutes apart, each within the 30 idle minutes
    for (let minute = 20; minute <= 100; minute += 20) {
      vi.setSystemTime(new Date(Date.parse('2026-12-02T08:00:00Z') + minute * 60_000));
      expect(await api(app, cookie), `at +${minute} min`).toBe(200);
    }
    // 10:00 is 2 hours after sign-in: the session is over, though it was used 20 minutes ago
    vi.setSystemTime(new Date('2026-12-02T10:00:00Z'));
    expect(await api(app, cookie)).toBe(401);
    // and it stays over (the session row is gone, not merely refused once)
    vi.setSystemTime(new Date('2026-12-02T10:01:00Z'));
    expect(await api(app, cookie)).toBe(401);
  });

  it('still ends an idle session after idle_minutes', async () => {
    const app = await build({ idle_minutes: 30, absolute_hours: 12 });
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-02T08:00:00Z') });
    const { cookie } = await signIn(app);
    vi.setSystemTime(new Date('2026-12-02T08:29:00Z'));
    expect(await api(app, cookie)).toBe(200);
    // 31 minutes after the last request
    vi.setSystemTime(new Date('2026-12-02T09:00:00Z'));
    expect(await api(app, cookie)).toBe(401);
  });
});

describe('ASVS V3.3.1/V3.3.3: the cookie on a server reached over HTTPS only', () => {
  it('names the cookie __Host-tvaerblik_session and marks it Secure, Path=/, without Domain', async () => {
    const app = await build({ https: true });
    const { cookie, header } = await signIn(app, 'https');
    expect(cookie.startsWith('__Host-tvaerblik_session=')).toBe(true);
    expect(header).toMatch(/; Secure/);
    expect(header).toMatch(/; Path=\//);
    expect(header).not.toMatch(/; Domain=/i);
    expect(await api(app, cookie)).toBe(200);
    // the plain name is no session on this server
    expect(await api(app, cookie.replace('__Host-', ''))).toBe(401);
  });

  it('sets no session cookie over plain http (a browser would drop a __Host- cookie without Secure)', async () => {
    const app = await build({ https: true });
    const page = await app.inject({ url: '/signin?lang=en', headers: { host: HOST } });
    expect([page.headers['set-cookie'] ?? []].flat()).toEqual([]);
  });

  it('keeps the plain name on a server that may be reached over http (the default)', async () => {
    const app = await build({});
    const { cookie } = await signIn(app);
    expect(cookie.startsWith('tvaerblik_session=')).toBe(true);
  });
});

it('refuses a misspelt session key with "did you mean"', () => {
  const base = configTemplate({ country: 'DK', municipality: '851', year: 2024, name: 'Test' });
  const text = `${base}\nsignin:\n  session:\n    absolute_hour: 8\n`;
  try {
    parseConfig(text, 'tvaerblik.yaml', 'en');
    expect.unreachable('a misspelt key must be refused');
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).location.key).toBe('signin.session.absolute_hour');
    expect((e as UserError).location.hint).toContain('did you mean "absolute_hours"?');
  }
});
