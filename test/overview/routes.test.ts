// The overview's pages and API through Fastify: a caseworker from opening a case to a consent, the
// matrix, a request and the case pack; a data contact's queue and answer; IDOR (another caseworker
// changing the id finds nothing); a role outside the route is refused; no person id in any answer.
// A bare Fastify app stands in for the server: a test hook sets request.user from a header and
// applies the route's declared roles with the server's own `allows`.
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom, syntheticCpr } from '../../src/ids/synthetic.js';
import { dayOf } from '../../src/overview/consent.js';
import { saveContact } from '../../src/overview/contacts.js';
import { overviewRoutes } from '../../src/serve/routes/overview.js';
import { allows } from '../../src/serve/auth/policy.js';
import type { SignedInUser } from '../../src/serve/auth/types.js';
import { CASE_KEY_ENV } from '../../src/store/keys.js';
import { openStore, type OpenedStore } from '../../src/store/open.js';
import { admin, cats } from './fixture.js';

const USERS: Record<string, SignedInUser> = {
  cw1: { id: 'cw1', username: 'cw1', roles: ['caseworker'], organisation: 'aarhus' },
  cw2: { id: 'cw2', username: 'cw2', roles: ['caseworker'], organisation: 'aarhus' },
  dc1: { id: 'dc1', username: 'dc1', roles: ['data_contact'], organisation: 'aarhus' },
  analyst: { id: 'an', username: 'an', roles: ['analyst'], organisation: 'aarhus' },
};
// a synthetic CPR number (valid form, nobody's) and a fixed case key for a repeatable pseudonym
const CPR = syntheticCpr(new Date(Date.UTC(1984, 2, 9)), 'F', seededRandom(15));

let store: OpenedStore;
let app: FastifyInstance;
let caseUrl = '';

beforeAll(async () => {
  process.env[CASE_KEY_ENV] = '5d'.repeat(32);
  store = await openStore();
  await saveContact(
    store,
    admin,
    {
      id: 'dc-social',
      department: 'Socialforvaltningen',
      sector: 'municipal',
      areas: ['social_psychiatry'],
      name: 'Signe Social',
      userId: 'dc1',
    },
    cats,
  );
  app = Fastify();
  app.decorate('store', store);
  app.decorate('signInRequired', true);
  // the server's policy decides which links a page shows (test/serve/navigation.test.ts); here every one
  app.decorate('canOpen', () => true);
  app.decorateRequest('user', null);
  app.decorateRequest('purpose', null);
  app.decorateRequest('csrfToken', () => 'test-csrf-token');
  await app.register(formbody);
  app.addHook('onRequest', async (request, reply) => {
    const user = USERS[String(request.headers['x-test-user'])] ?? null;
    if (!allows(request.routeOptions.config.access, user?.roles ?? null))
      return reply.code(user ? 403 : 401).send({ error: 'refused by the test policy' });
    request.user = user;
  });
  await app.register(overviewRoutes);
  await app.ready();
}, 120_000);

afterAll(async () => {
  await app?.close();
  await store?.close();
  delete process.env[CASE_KEY_ENV];
});

const form = (fields: Record<string, string | string[]>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) p.append(k, one);
  return p.toString();
};
const as = (user: string) => ({ 'x-test-user': user });
const post = (user: string, url: string, fields: Record<string, string | string[]>) =>
  app.inject({
    method: 'POST',
    url,
    headers: { ...as(user), 'content-type': 'application/x-www-form-urlencoded' },
    payload: form(fields),
  });

describe('a caseworker and a data contact through the overview', () => {
  it('a department system pushes entries; a bad person id is a finding that does not echo it', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/overview/index/nexus',
      headers: as('dc1'),
      payload: {
        entries: [
          {
            personId: CPR,
            area: 'social_psychiatry',
            dataType: 'status',
            department: 'Socialforvaltningen',
            sector: 'municipal',
            date: '2026-01-20',
            title: 'Statusnotat fra bostøtte',
            itemRef: 'N-1',
            contactId: 'dc-social',
          },
          {
            personId: '999999-0000x',
            area: 'social_psychiatry',
            dataType: 'status',
            department: 'Socialforvaltningen',
            sector: 'municipal',
            date: '2026-01-21',
            title: 'Forkert nummer',
            itemRef: 'N-2',
          },
          {
            personId: CPR,
            area: 'health_regional',
            dataType: 'journal_note',
            department: 'Hospitalsenhed Midt',
            sector: 'regional',
            date: '2025-12-01',
            title: 'Epikrise',
            itemRef: 'SP-1',
          },
        ],
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      rowsIn: 3,
      rowsLoaded: 2,
      findings: [{ row: 2, field: 'personId', problem: 'bad_person_id' }],
    });
    expect(res.body).not.toContain('999999');
    expect(res.body).not.toContain(CPR);
  });

  it('opens a case from the CPR number; without a consent the page says so and offers the consent form', async () => {
    const res = await post('cw1', '/overview/cases', {
      personId: CPR,
      title: 'Rehabiliteringssag',
      phase: 'preparation',
    });
    expect(res.statusCode).toBe(303);
    caseUrl = res.headers.location!.split('?')[0]!;
    expect(caseUrl).toMatch(/^\/overview\/cases\/[A-Za-z_-]+$/);
    const page = await app.inject({ url: caseUrl, headers: as('cw1') });
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain('Der er intet samtykke på sagen');
    expect(page.body).toContain(`action="${caseUrl}/consents?lang=da"`);
    expect(page.body).toContain('name="_csrf" value="test-csrf-token"');
  });

  it('records a consent; the page shows the covered entry and the one outside as "exists, not covered"', async () => {
    const res = await post('cw1', `${caseUrl}/consents`, {
      areas: 'social_psychiatry',
      dataTypes: 'status',
      sectors: 'municipal',
      phases: 'preparation',
      validFrom: '2026-01-01',
      validTo: '2099-12-31',
      givenHow: 'signed_form',
    });
    expect(res.statusCode).toBe(303);
    const page = await app.inject({ url: caseUrl, headers: as('cw1') });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<html lang="da">');
    expect(page.body).toContain('Statusnotat fra bostøtte');
    expect(page.body).not.toContain('Epikrise');
    expect(page.body).toContain('1 findes, ikke omfattet af samtykket');
    expect(page.body).not.toContain(CPR);
    const en = await app.inject({ url: `${caseUrl}?lang=en`, headers: as('cw1') });
    expect(en.body).toContain('Where data about the citizen lives');
    expect(en.body).toContain('1 exists, not covered by the consent');
  });

  it('IDOR: another caseworker changing nothing but who they are gets "not found", page and API alike', async () => {
    const page = await app.inject({ url: caseUrl, headers: as('cw2') });
    expect(page.statusCode).toBe(404);
    expect(page.body).not.toContain('Statusnotat');
    const api = await app.inject({ url: `/api${caseUrl}`, headers: as('cw2') });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ code: 'case.not_found' });
    const write = await post('cw2', `${caseUrl}/consents`, {
      areas: 'health_regional',
      dataTypes: 'journal_note',
      sectors: 'regional',
      phases: 'preparation',
      validFrom: '2026-01-01',
      validTo: '2099-12-31',
      givenHow: 'digital',
    });
    expect(write.statusCode).toBe(404);
    const plan = await app.inject({ url: `/api${caseUrl}/plan`, headers: as('cw2') });
    expect(plan.statusCode).toBe(404);
  });

  it('roles: a data contact and an analyst cannot open the case page; nobody signed in is 401', async () => {
    expect((await app.inject({ url: caseUrl, headers: as('dc1') })).statusCode).toBe(403);
    expect((await app.inject({ url: caseUrl, headers: as('analyst') })).statusCode).toBe(403);
    expect((await app.inject({ url: caseUrl })).statusCode).toBe(401);
  });

  it('requests data; the data contact answers from the queue; the pack shows the assessment', async () => {
    const sent = await post('cw1', `${caseUrl}/requests`, {
      contactId: 'dc-social',
      area: 'social_psychiatry',
      dataTypes: 'status',
      message: 'Statusnotat om bostøtten, tak',
      dueDate: '2099-01-31',
    });
    expect(sent.statusCode).toBe(303);
    const queuePage = await app.inject({ url: '/overview/queue', headers: as('dc1') });
    expect(queuePage.body).toContain('Statusnotat om bostøtten, tak');
    const [req] = (await app.inject({ url: '/api/overview/queue', headers: as('dc1') })).json() as {
      id: string;
    }[];
    const answered = await post('dc1', `/overview/queue/${req!.id}/answer`, {
      kind: 'summary',
      text: 'Borgeren møder stabilt i bostøtten.',
    });
    expect(answered.statusCode).toBe(303);
    const again = await post('dc1', `/overview/queue/${req!.id}/answer`, { kind: 'decline', reason: 'nej' });
    expect(again.statusCode).toBe(409);
    const requests = (await app.inject({ url: `/api${caseUrl}/requests`, headers: as('cw1') })).json() as {
      status: string;
    }[];
    expect(requests.map((r) => r.status)).toEqual(['answered']);
    const pack = await app.inject({ url: `${caseUrl}/pack`, headers: as('cw1') });
    expect(pack.statusCode).toBe(200);
    expect(pack.body).toContain('Borgeren møder stabilt i bostøtten.');
    expect(pack.body).toContain('@media print');
  });

  it('the JSON overview names no citizen, not even by pseudonym', async () => {
    const res = await app.inject({ url: `/api${caseUrl}`, headers: as('cw1') });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { entries: unknown[]; case: Record<string, unknown> };
    expect(body.entries).toHaveLength(1);
    expect(Object.keys(body.case).sort()).toEqual(['id', 'phase', 'purpose', 'status', 'title']);
    const [{ citizen }] = (await store.query<{ citizen: string }>('SELECT citizen FROM overview_case')) as [
      { citizen: string },
    ];
    expect(res.body).not.toContain(citizen);
  });

  it('a wrong person number is refused without echoing it', async () => {
    const res = await post('cw1', '/overview/cases', {
      personId: '311399-1234',
      title: 'x',
      phase: 'preparation',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('ikke et gyldigt personnummer');
    expect(res.body).not.toContain('311399');
  });

  it('the plan: a stale save is a 409 page that keeps the text the person wrote', async () => {
    const first = await post('cw1', `${caseUrl}/plan`, {
      section: 'jobcenter',
      baseVersion: '0',
      goals: 'Afklaring',
      activities: 'Praktik',
      responsible: 'Jobcenter',
      deadline: '',
    });
    expect(first.statusCode).toBe(303);
    const stale = await post('cw1', `${caseUrl}/plan`, {
      section: 'jobcenter',
      baseVersion: '0',
      goals: 'Min egen tekst',
      activities: 'Mentor',
      responsible: 'Jobcenter',
      deadline: '',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Min egen tekst');
    expect(stale.body).toContain('version 1');
  });

  it('reminds the caseworker of a consent ending in 5 days: on the start page and in the API', async () => {
    // a second consent from 1 January to today + 5 days (education overviews: no entry of the case)
    const today = dayOf(new Date());
    const validTo = new Date(Date.parse(`${today}T00:00:00Z`) + 5 * 86_400_000).toISOString().slice(0, 10);
    const res = await post('cw1', `${caseUrl}/consents`, {
      areas: 'education',
      dataTypes: 'overview',
      sectors: 'municipal',
      phases: 'preparation',
      validFrom: '2026-01-01',
      validTo,
      givenHow: 'digital',
    });
    expect(res.statusCode).toBe(303);
    const api = (await app.inject({ url: '/api/overview/reminders', headers: as('cw1') })).json() as {
      reminders: { kind: string; due: string; days: number }[];
    };
    expect(api.reminders.map((r) => [r.kind, r.due, r.days])).toEqual([['consent_expiring', validTo, 5]]);
    const page = await app.inject({ url: '/overview', headers: as('cw1') });
    expect(page.body).toContain('Påmindelser');
    expect(page.body).toContain('(om 5 dage)');
    expect((await app.inject({ url: '/overview?lang=sv', headers: as('cw1') })).body).toContain(
      '(om 5 dagar)',
    );
    // another caseworker has none; a data contact may not ask
    expect((await app.inject({ url: '/api/overview/reminders', headers: as('cw2') })).json()).toEqual({
      reminders: [],
    });
    expect((await app.inject({ url: '/api/overview/reminders', headers: as('dc1') })).statusCode).toBe(403);
  });
});
