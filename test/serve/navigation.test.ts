/**
 * Where a browser is sent and what it is shown in server mode (docs/server.md, "Pages, start pages
 * and refusals"): after sign-in every role lands on its own start page, every page shows only the
 * links its reader may open and a sign-out button, and every refusal the server answers itself is a
 * page in the reader's language for a browser (JSON for a script).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/serve/auth/local.js';
import { createUser } from '../../src/serve/auth/users.js';
import { buildServer } from '../../src/serve/server.js';
import type { Role } from '../../src/store/access.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/db.js';
import { sessionCookie, testRoutes } from './auth-fixture.js';
import { writeFixtureWarehouse } from './fixture.js';

const HOST = { host: 'test.local' };
const PAGE = { ...HOST, accept: 'text/html,application/xhtml+xml' };
const PASSWORD = 'en lang nok adgangskode';

let store: Store;
let app: FastifyInstance;
let closeStore: () => Promise<void>;
const ids = {} as Record<Role, string>;
const logged: string[] = [];

beforeAll(async () => {
  store = await openStore({});
  const hash = await hashPassword(PASSWORD);
  for (const role of [
    'analyst',
    'caseworker',
    'data_contact',
    'cluster_secretariat',
    'dpo',
    'admin',
  ] as Role[])
    ids[role] = await createUser(store, { username: `u_${role}`, roles: [role], passwordHash: hash });
  ({ app, closeStore } = await buildServer({
    warehouse: await writeFixtureWarehouse(),
    config: { name: 'Test', country: 'DK', currency: 'DKK', municipalities: ['851'] },
    threshold: 5,
    store,
    log: (line) => logged.push(line),
    allowedHosts: ['test.local'],
    rateLimitPerMinute: 1_000_000,
    plugins: [testRoutes],
  }));
}, 120_000);
afterAll(async () => {
  await app?.close();
  await closeStore?.();
  await store?.close();
});

async function as(role: Role): Promise<string> {
  const r = await app.inject({ url: `/__test/signin?user=${ids[role]}`, headers: HOST });
  return sessionCookie(r.headers['set-cookie']);
}

/** The hidden CSRF token of the first form on a page. */
function csrfOf(html: string): string {
  return /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
}

describe('start pages after sign-in', () => {
  it('signs a caseworker in through the password form and lands on the case overview, not on a refusal', async () => {
    const form = await app.inject({ url: '/signin', headers: PAGE });
    const cookie = sessionCookie(form.headers['set-cookie']);
    const signIn = await app.inject({
      method: 'POST',
      url: '/signin',
      headers: { ...PAGE, cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: csrfOf(form.body),
        username: 'u_caseworker',
        password: PASSWORD,
        next: '/',
      }).toString(),
    });
    expect(signIn.statusCode).toBe(303);
    // the start page, in the language of the sign-in page (Danish: no Accept-Language)
    expect(signIn.headers.location).toBe('/?lang=da');
    const session = sessionCookie(signIn.headers['set-cookie']);
    const home = await app.inject({ url: '/?lang=da', headers: { ...PAGE, cookie: session } });
    expect(home.statusCode).toBe(303);
    expect(home.headers.location).toBe('/overview?lang=da');
  });

  it('sends every role from the dashboard address to the first start page it may open', async () => {
    const want: [Role, number, string | undefined][] = [
      ['analyst', 200, undefined],
      ['caseworker', 303, '/overview'],
      ['data_contact', 303, '/overview/queue'],
      ['cluster_secretariat', 303, '/cluster'],
      ['dpo', 303, '/audit'],
      ['admin', 303, '/admin'],
    ];
    for (const [role, status, location] of want) {
      const r = await app.inject({ url: '/', headers: { ...PAGE, cookie: await as(role) } });
      expect(r.statusCode, role).toBe(status);
      expect(r.headers.location, role).toBe(location);
    }
  });

  it('still answers a script 403 on the dashboard address (only a page request is redirected)', async () => {
    const r = await app.inject({ url: '/', headers: { ...HOST, cookie: await as('caseworker') } });
    expect(r.statusCode).toBe(403);
    expect(r.json()).toEqual({ error: 'Din rolle giver ikke adgang til denne side eller dette formål.' });
  });
});

describe('navigation and sign-out on every page', () => {
  it('shows a caseworker only the links they may open, the other areas none, and a sign-out button', async () => {
    const r = await app.inject({ url: '/overview', headers: { ...PAGE, cookie: await as('caseworker') } });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('href="/overview/contacts?lang=da"');
    // "Anmodninger til mig" is the data contact's queue: a caseworker would be refused there
    expect(r.body).not.toContain('href="/overview/queue');
    expect(r.body).not.toContain('href="/admin');
    expect(r.body).toContain('Logget ind som u_caseworker');
    expect(r.body).toMatch(
      /<form class="signout" method="post" action="\/signout"><input type="hidden" name="_csrf"/,
    );
  });

  it('signs out with the button of any area page, after which the page needs sign-in again', async () => {
    for (const [role, url] of [
      ['caseworker', '/overview'],
      ['data_contact', '/overview/queue'],
      ['dpo', '/audit'],
      ['admin', '/admin'],
      ['cluster_secretariat', '/cluster/forecasts'],
    ] as [Role, string][]) {
      const cookie = await as(role);
      const page = await app.inject({ url: `${url}?lang=en`, headers: { ...PAGE, cookie } });
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).toContain(`Signed in as u_${role}`);
      expect(page.body, url).not.toContain('/sign-out');
      const token = /<form class="signout"[^>]*><input type="hidden" name="_csrf" value="([^"]+)"/.exec(
        page.body,
      )![1]!;
      const out = await app.inject({
        method: 'POST',
        url: '/signout',
        headers: { ...PAGE, cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: `_csrf=${encodeURIComponent(token)}&lang=en`,
      });
      expect(out.statusCode, url).toBe(303);
      expect(out.headers.location, url).toBe('/signin?m=signed_out&lang=en');
      const again = await app.inject({ url, headers: { ...PAGE, cookie } });
      expect(again.statusCode, url).toBe(303);
      expect(again.headers.location, url).toMatch(/^\/signin\?next=/);
    }
  });

  it('links a user with roles in two areas to the other area from each', async () => {
    const both = await createUser(store, { username: 'u_both', roles: ['caseworker', 'dpo'] });
    const r = await app.inject({ url: `/__test/signin?user=${both}`, headers: HOST });
    const cookie = sessionCookie(r.headers['set-cookie']);
    const overview = await app.inject({ url: '/overview', headers: { ...PAGE, cookie } });
    expect(overview.body).toContain(
      '<nav aria-label="Områder"><a href="/audit?lang=da">Revisionsspor</a></nav>',
    );
    const audit = await app.inject({ url: '/audit', headers: { ...PAGE, cookie } });
    expect(audit.body).toContain('<a href="/overview?lang=da">Sagsoverblik</a>');
  });
});

describe('refusals as pages for a browser, JSON for a script', () => {
  it('answers a browser refused by its role with a page in its language, with its own links and sign-out', async () => {
    const cookie = await as('caseworker');
    for (const [lang, title, text] of [
      ['da', 'Ingen adgang', 'Din rolle giver ikke adgang til denne side eller dette formål.'],
      ['sv', 'Ingen åtkomst', 'Din roll ger inte åtkomst till den här sidan eller det här ändamålet.'],
      ['en', 'No access', 'Your role does not give access to this page or this purpose.'],
    ]) {
      const r = await app.inject({ url: '/admin', headers: { ...PAGE, cookie, 'accept-language': lang } });
      expect(r.statusCode, lang).toBe(403);
      expect(r.headers['content-type'], lang).toBe('text/html; charset=utf-8');
      expect(r.body, lang).toContain(`<html lang="${lang}">`);
      expect(r.body, lang).toContain(`<h1>${title}</h1>`);
      expect(r.body, lang).toContain(text);
      expect(r.body, lang).toContain(`href="/overview?lang=${lang}"`);
      expect(r.body, lang).toContain('action="/signout"');
    }
    const api = await app.inject({ url: '/admin', headers: { ...HOST, cookie } });
    expect(api.statusCode).toBe(403);
    expect(api.headers['content-type']).toContain('application/json');
  });

  it('answers a form posted without its CSRF token with a page saying to reload, not JSON', async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/overview/cases',
      headers: {
        ...PAGE,
        cookie: await as('caseworker'),
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: 'title=x',
    });
    expect(r.statusCode).toBe(403);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.body).toContain('Anmodningen mangler en gyldig CSRF-nøgle. Genindlæs siden og prøv igen.');
  });

  it('answers an unknown address with a page in the reader language, and the API in JSON', async () => {
    const page = await app.inject({ url: '/nowhere?lang=sv', headers: PAGE });
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('<h1>Sidan finns inte</h1>');
    expect(page.body).toContain('Det finns ingen sida på adressen &quot;/nowhere&quot;.');
    expect(page.body).toContain('href="/?lang=sv"');
    // signed in, the same page keeps the reader's links and the sign-out button
    const signedIn = await app.inject({ url: '/nowhere', headers: { ...PAGE, cookie: await as('dpo') } });
    expect(signedIn.statusCode).toBe(404);
    expect(signedIn.body).toContain('<a href="/audit?lang=da">Revisionsspor</a>');
    expect(signedIn.body).toContain('Logget ind som u_dpo');
    const api = await app.inject({ url: '/api/nowhere', headers: HOST });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toEqual({ error: 'Der er intet endepunkt på "/api/nowhere". Se /api/openapi.json' });
  });
});

describe('caching', () => {
  it('marks every answer under the case, audit and admin purposes no-store, pages and JSON alike', async () => {
    const cases: [Role, string, Record<string, string>][] = [
      ['caseworker', '/api/overview/cases', HOST],
      ['caseworker', '/api/overview/reminders', HOST],
      ['caseworker', '/overview', PAGE],
      ['data_contact', '/api/overview/queue', HOST],
      ['dpo', '/audit', PAGE],
      ['admin', '/admin', PAGE],
    ];
    for (const [role, url, headers] of cases) {
      const r = await app.inject({ url, headers: { ...headers, cookie: await as(role) } });
      expect(r.statusCode, url).toBe(200);
      expect(r.headers['cache-control'], url).toBe('no-store');
    }
    // the dashboard's suppressed aggregates may be kept and revalidated
    const meta = await app.inject({ url: '/api/meta', headers: { ...HOST, cookie: await as('analyst') } });
    expect(meta.headers['cache-control']).toBe('no-cache');
  });
});

describe('person numbers in an address', () => {
  it('refuses a signed-in request whose address holds a CPR number with 400 — not a 500 from the audit trail', async () => {
    const cookie = await as('analyst');
    const r = await app.inject({
      url: '/api/tables/mart_lorenz?municipality=010101-1234',
      headers: { ...HOST, cookie },
    });
    expect(r.statusCode).toBe(400);
    expect(r.body).not.toContain('010101-1234');
    const page = await app.inject({ url: '/?q=010101-1234', headers: { ...PAGE, cookie } });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Adressen ser ud til at indeholde et CPR-nummer.');
    expect(page.body).not.toContain('010101-1234');
    expect(logged).toEqual([]);
  });
});
