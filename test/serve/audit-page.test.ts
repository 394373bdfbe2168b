// The data-protection officer's page: the chain's state, the latest entries, and one citizen's access
// log looked up by CPR (pseudonymised at once; the number is never shown, stored or put in a URL).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePersonId } from '../../src/ids/person-id.js';
import { seededRandom, syntheticCpr } from '../../src/ids/synthetic.js';
import { createUser } from '../../src/serve/auth/users.js';
import { buildServer } from '../../src/serve/server.js';
import { appendAudit } from '../../src/store/audit.js';
import { caseSubject, loadCaseKey } from '../../src/store/keys.js';
import { openStore, type OpenedStore } from '../../src/store/open.js';
import { sessionCookie, testRoutes } from './auth-fixture.js';
import { writeFixtureWarehouse } from './fixture.js';

const CPR = syntheticCpr(new Date(Date.UTC(1950, 6, 1)), 'M', seededRandom(7));
let store: OpenedStore;
let app: FastifyInstance;
let closeStore: () => Promise<void>;
let cookie: string;
let csrf: string;

beforeAll(async () => {
  store = await openStore();
  const dpo = await createUser(store, { username: 'dorthe', roles: ['dpo'] });
  const sara = await createUser(store, { username: 'sara', roles: ['caseworker'] });
  const parsed = parsePersonId(CPR, 'DK');
  if (!parsed.ok) throw new Error('synthetic CPR did not parse');
  const subject = caseSubject(await loadCaseKey(store), parsed.normalised);
  await appendAudit(store, { actor: sara, action: 'case.read', purpose: 'case', subject });
  await appendAudit(store, { actor: sara, action: 'consent.change', purpose: 'case', subject });
  await appendAudit(store, { actor: sara, action: 'case.read', purpose: 'case', subject: 'someone-else' });
  ({ app, closeStore } = await buildServer({
    warehouse: await writeFixtureWarehouse(),
    config: { name: 'Test', country: 'DK', currency: 'DKK', municipalities: ['851'] },
    threshold: 5,
    store,
    allowedHosts: ['localhost'],
    log: () => {},
    plugins: [testRoutes],
  }));
  const signed = await app.inject({ url: `/__test/signin?user=${dpo}` });
  cookie = sessionCookie(signed.headers['set-cookie']);
  csrf = ((await app.inject({ url: '/__test/csrf', headers: { cookie } })).json() as { token: string }).token;
}, 180_000);
afterAll(async () => {
  await app?.close();
  await closeStore?.();
  await store?.close();
});

const lookUp = (person: string) =>
  app.inject({
    method: 'POST',
    url: '/audit/citizen?lang=en',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ person, _csrf: csrf }).toString(),
  });

describe('the audit trail for the data-protection officer', () => {
  it("shows the chain intact and a citizen's two entries by who and what, never the number", async () => {
    const page = await app.inject({ url: '/audit?lang=en', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    // 3 entries written above, then this sign-in's own entry (the page's read is written after the check)
    expect(page.body).toMatch(/The chain is intact: [4-9] entries/);
    const r = await lookUp(CPR);
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('2 entries about the citizen, oldest first');
    const section = r.body.slice(r.body.indexOf('id="h-citizen"'), r.body.indexOf('id="h-latest"'));
    expect(section.match(/<td>sara<\/td><td>case\.read<\/td>/g)?.length).toBe(1);
    expect(section).toContain('<td>sara</td><td>consent.change</td>');
    expect(r.body).not.toContain(CPR);
    expect(r.body).not.toContain(CPR.replace('-', ''));
    const rows = await store.query<{ action: string; detail: unknown }>(
      'SELECT action, detail FROM audit_log',
    );
    expect(rows.map((x) => x.action)).toContain('audit.read_subject');
    expect(JSON.stringify(rows)).not.toContain(CPR.replace('-', '').slice(0, 6) + CPR.slice(-4));
  });

  it('names the first broken link when a row was changed in the database', async () => {
    await store.exec(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete;
      UPDATE audit_log SET action = 'case.read.changed' WHERE seq = 2;
      ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete;`);
    const page = await app.inject({ url: '/audit?lang=en', headers: { cookie } });
    expect(page.body).toContain('The chain is broken at entry 2 (hash_mismatch)');
  });

  it('says so when what was typed is no person number', async () => {
    expect((await lookUp('12345')).body).toContain('is not a valid person number');
  });
});
