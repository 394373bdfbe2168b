// The overview walked through in Chromium against the real server, as two people do it: a caseworker
// signs in on the local sign-in page, opens a case for a synthetic citizen of the try-out demo
// (src/overview/demo.ts), records a consent, sees the matrix and sends a request to a data contact;
// the data contact signs in and answers; the caseworker sees the answer and opens the case pack.
// axe (WCAG 2.1 A/AA) runs on every page reached: no serious or critical finding. The citizen's CPR
// number (synthetic) is typed once and must appear in no page's HTML and in no audit row.
// Skipped where Chromium is not installed (CI installs it).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCategories } from '../../src/overview/categories.js';
import { DEMO_CONTACT_FOR_USER, loadOverviewDemo, overviewDemo } from '../../src/overview/demo.js';
import { hashPassword } from '../../src/serve/auth/local.js';
import { createUser } from '../../src/serve/auth/users.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { openStore, type OpenedStore } from '../../src/store/open.js';
import { writeFixtureWarehouse } from '../serve/fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`overview walk skipped: ${CHROMIUM} is not installed (CI installs it)`);

const PASSWORD = 'rehabilitering i praksis';
const ORG = 'demo';
/** Borger A of the demo: nine index entries (see ITEMS in src/overview/demo.ts). */
const CPR = overviewDemo().citizens[0]!.personId;
const CPR_DIGITS = CPR.replace('-', '');

/** A day `days` from today as YYYY-MM-DD (the server judges consents and due dates by today). */
function day(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

describe.skipIf(!hasChromium)('the overview walked through in Chromium', () => {
  let store: OpenedStore;
  let server: RunningServer;
  let browser: Browser;
  const html: Record<string, string> = {};
  const found: Record<string, string[]> = {};

  beforeAll(async () => {
    store = await openStore();
    const passwordHash = await hashPassword(PASSWORD);
    await createUser(store, { username: 'sara', roles: ['caseworker'], passwordHash, organisation: ORG });
    const dorte = await createUser(store, {
      username: 'dorte',
      roles: ['data_contact'],
      passwordHash,
      organisation: ORG,
    });
    const actor = { id: 'walk-admin', roles: ['admin' as const], organisation: ORG };
    const { summary } = await loadOverviewDemo(store, actor, loadCategories(), { dataContactUserId: dorte });
    expect(summary).toMatchObject({ rowsIn: 23, rowsLoaded: 23, findings: [] });
    server = await startServer({
      warehouse: await writeFixtureWarehouse(),
      config: { name: 'Demokommune', country: 'DK', currency: 'DKK', municipalities: ['851'] },
      threshold: 5,
      port: 0,
      store,
      log: () => {},
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
  });

  /** Record the page's HTML and its serious or critical axe findings under `name`. */
  async function check(page: Page, name: string): Promise<void> {
    html[name] = await page.content();
    await page.evaluate(readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8'));
    const violations = await page.evaluate(async () => {
      const w = window as unknown as {
        axe: { run(o: unknown): Promise<{ violations: { id: string; impact: string }[] }> };
      };
      const r = await w.axe.run({
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact }));
    });
    const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    if (bad.length) found[name] = bad.map((v) => `${v.id} (${v.impact})`);
  }

  /** A new browser (own cookies) signed in through the sign-in page, on `start`. */
  async function signIn(username: string, start: string): Promise<{ context: BrowserContext; page: Page }> {
    // axe is injected as a script: CSP (script-src 'self') would refuse it, so the test bypasses CSP
    const context = await browser.newContext({ bypassCSP: true, locale: 'da-DK' });
    // argon2id and the embedded store on a loaded machine can be slow; no assertion is about time
    context.setDefaultTimeout(120_000);
    const page = await context.newPage();
    await page.goto(`${server.url}${start.slice(1)}`);
    expect(page.url()).toBe(`${server.url}signin?next=${encodeURIComponent(start)}`);
    await check(page, `signin/${username}`);
    await page.getByLabel('Brugernavn').fill(username);
    await page.getByLabel('Adgangskode').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.waitForURL(`${server.url}${start.slice(1)}`);
    return { context, page };
  }

  it('caseworker and data contact walk the case through; axe finds nothing serious; no CPR shown or audited', async () => {
    // ---- the caseworker opens a case for Borger A
    const sara = await signIn('sara', '/overview?lang=da');
    const page = sara.page;
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Mine sager');
    await check(page, 'cases');
    await page.getByLabel('Borgerens CPR-nummer').fill(CPR);
    await page.getByLabel('Sagens titel').fill('Rehabiliteringssag');
    await page.getByRole('button', { name: 'Opret sag' }).click();
    await page.waitForURL(/\/overview\/cases\/[A-Za-z_-]+\?lang=da$/);
    const caseUrl = page.url().split('?')[0]!;
    // no consent yet: the refusal and the consent form
    expect(await page.getByRole('alert').first().textContent()).toContain('Der er intet samtykke på sagen');
    await check(page, 'consent-missing');

    // ---- a consent: employment and social psychiatry; status, registration and grant; municipal; preparation
    const consent = page.locator('form[action*="/consents?"]');
    for (const [name, value] of [
      ['areas', 'employment'],
      ['areas', 'social_psychiatry'],
      ['dataTypes', 'status'],
      ['dataTypes', 'registration'],
      ['dataTypes', 'grant'],
      ['sectors', 'municipal'],
      ['phases', 'preparation'],
    ])
      await consent.locator(`input[name="${name}"][value="${value}"]`).check();
    await consent.getByLabel('Gælder fra').fill(day(-1));
    await consent.getByLabel('Gælder til og med').fill(day(180));
    await consent.getByRole('button', { name: 'Registrér samtykke' }).click();
    await page.waitForURL(`${caseUrl}?lang=da`);

    // ---- the matrix: of Borger A's nine entries four are covered, five exist outside the consent
    expect(await page.locator('caption').nth(1).textContent()).toBe('4 oplysninger, nyeste først');
    const uncovered = await page.locator('.uncovered').allTextContents();
    expect(uncovered).toHaveLength(5);
    expect(uncovered.every((u) => u === '(1 findes, ikke omfattet af samtykket)')).toBe(true);
    const entryTitles = await page
      .locator('section:nth-of-type(2) tbody tr td:nth-child(4)')
      .allTextContents();
    expect(entryTitles.sort()).toEqual(
      [
        'Bevilling af bostøtte (SEL § 85)',
        'Status fra virksomhedspraktik',
        'Statusnotat fra bostøtte',
        'Udeblivelse fra samtale',
      ].sort(),
    );
    await check(page, 'case');

    // ---- a request to the social services' data contact
    const request = page.locator('form[action*="/requests?"]');
    await request.locator('#req-contact').selectOption(DEMO_CONTACT_FOR_USER);
    await request.locator('#req-area').selectOption('social_psychiatry');
    await request.locator('input[name="dataTypes"][value="status"]').check();
    await request
      .getByLabel('Hvad har du brug for')
      .fill('Seneste status fra bostøtten til rehabiliteringsteamet');
    await request.getByLabel('Svarfrist').fill(day(14));
    await request.getByRole('button', { name: 'Send anmodning' }).click();
    await page.waitForURL(`${caseUrl}?lang=da`);
    const requestRow = page.locator('section:has(form[action*="/requests?"]) tbody tr');
    expect(await requestRow.count()).toBe(1);
    expect(await requestRow.locator('td').nth(4).textContent()).toBe('Åben');

    // ---- the data contact answers from the queue
    const dorte = await signIn('dorte', '/overview/queue?lang=da');
    await check(dorte.page, 'queue');
    const item = dorte.page.locator('section:has(form[action*="/answer"])');
    expect(await item.count()).toBe(1);
    expect(await item.locator('p').first().textContent()).toBe(
      'Seneste status fra bostøtten til rehabiliteringsteamet',
    );
    await item
      .getByLabel('Resumé eller begrundelse')
      .fill('Borgeren bor stabilt med bostøtte to gange om ugen.');
    await item.getByRole('button', { name: 'Send svar' }).click();
    await dorte.page.waitForURL(`${server.url}overview/queue?lang=da`);
    expect(await dorte.page.locator('form[action*="/answer"]').count()).toBe(0);
    await check(dorte.page, 'queue-answered');
    await dorte.context.close();

    // ---- the caseworker sees the answer and opens the case pack
    await page.goto(`${caseUrl}?lang=da`);
    expect(await requestRow.locator('td').nth(4).textContent()).toBe('Besvaret');
    expect(await requestRow.locator('td').nth(5).textContent()).toBe(
      'Borgeren bor stabilt med bostøtte to gange om ugen.',
    );
    await check(page, 'case-answered');
    await page.getByRole('link', { name: 'Sagsmateriale til rehabiliteringsteamet' }).click();
    await page.waitForURL(`${caseUrl}/pack?lang=da`);
    expect(await page.content()).toContain('Borgeren bor stabilt med bostøtte to gange om ugen.');
    await check(page, 'pack');
    await sara.context.close();

    // every page reached passed axe
    expect(Object.keys(html).sort()).toEqual(
      [
        'signin/sara',
        'cases',
        'consent-missing',
        'case',
        'signin/dorte',
        'queue',
        'queue-answered',
        'case-answered',
        'pack',
      ].sort(),
    );
    expect(found).toEqual({});

    // the CPR number (either form) is in no page and in no audit row
    for (const [name, body] of Object.entries(html)) {
      expect(body.includes(CPR), name).toBe(false);
      expect(body.includes(CPR_DIGITS), name).toBe(false);
    }
    const audit = await store.query<{ row: string }>('SELECT row_to_json(a)::text AS row FROM audit_log a');
    expect(audit.length).toBeGreaterThan(0);
    const leaks = audit.filter((a) => a.row.includes(CPR) || a.row.includes(CPR_DIGITS));
    expect(leaks).toEqual([]);
    // the walk left its trace: the case opened, the consent recorded, the request sent and answered
    const actions = new Set(audit.map((a) => (JSON.parse(a.row) as { action: string }).action));
    for (const a of [
      'overview.index.load',
      'overview.case.open',
      'overview.consent.record',
      'overview.read',
      'overview.request.create',
    ])
      expect(actions.has(a), a).toBe(true);
  }, 600_000);
});
