import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/serve/auth/local.js';
import { createUser } from '../../src/serve/auth/users.js';
import type { RunningServer } from '../../src/serve/server.js';
import { openStore, type OpenedStore } from '../../src/store/open.js';
import {
  CHROMIUM,
  hasChromium,
  launchChromium,
  seriousViolations,
  settle,
  startServerMode,
} from './chromium.js';

// Server mode in Chromium as a person walks it (docs/server.md, "Pages, start pages and refusals"):
// a caseworker signs in through the form and lands on the case overview; a user with an analyst and
// a caseworker role goes from the dashboard to the overview by the dashboard's own link; a refused
// page and an unknown address are pages with the way back; "Log ud" on the dashboard and on a
// server-rendered page ends the session. axe finds nothing serious or critical on any page.

if (!hasChromium)
  console.warn(`navigation browser test skipped: ${CHROMIUM} is not installed (CI installs it)`);

const PASSWORD = 'sagen ligger i skuffen';

describe.skipIf(!hasChromium)('server mode pages in Chromium', () => {
  let store: OpenedStore;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    store = await openStore();
    const passwordHash = await hashPassword(PASSWORD);
    await createUser(store, { username: 'sara', roles: ['caseworker'], passwordHash });
    await createUser(store, { username: 'ane', roles: ['analyst', 'caseworker'], passwordHash });
    server = await startServerMode(store, { web: true });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
  });

  async function signIn(username: string, locale: string) {
    const context = await browser.newContext({ bypassCSP: true, locale });
    context.setDefaultTimeout(120_000);
    const page = await context.newPage();
    await page.goto(`${server.url}signin`);
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(PASSWORD);
    await page.locator('form[action="/signin"] button').click();
    return page;
  }

  it('a caseworker lands on the overview, meets refusals as pages, and signs out', async () => {
    const page = await signIn('sara', 'da-DK');
    await page.waitForURL(`${server.url}overview?lang=da`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Mine sager');
    expect(await page.locator('a[href^="/overview/queue"]').count()).toBe(0);
    expect(await seriousViolations(page), 'overview').toEqual([]);

    await page.goto(`${server.url}admin`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Ingen adgang');
    expect(await page.getByRole('alert').textContent()).toContain('Din rolle giver ikke adgang');
    expect(await seriousViolations(page), '403').toEqual([]);
    await page.goto(`${server.url}findes-ikke?lang=en`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found');
    expect(await seriousViolations(page), '404').toEqual([]);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/signin\?m=signed_out&lang=en$/);
    expect(await page.getByRole('status').textContent()).toBeTruthy();
    await page.goto(`${server.url}overview`);
    expect(page.url()).toContain('/signin?next=%2Foverview');
    await page.context().close();
  });

  it('the dashboard links an analyst who is also a caseworker to the overview, and signs out', async () => {
    const page = await signIn('ane', 'sv-SE');
    await page.waitForURL(`${server.url}?lang=sv`);
    await settle(page);
    expect(await page.locator('.account').textContent()).toContain('Inloggad som ane');
    expect(await seriousViolations(page), 'dashboard').toEqual([]);
    await page.getByRole('link', { name: 'Ärendeöversikt' }).click();
    await page.waitForURL(/\/overview\?lang=sv$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Mina ärenden');
    // and back: the overview links to the dashboard, the user's other area
    await page.getByRole('link', { name: 'Analyser och nyckeltal' }).click();
    await settle(page);
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.waitForURL(/\/signin\?m=signed_out&lang=sv$/);
    await page.goto(server.url);
    expect(page.url()).toContain('/signin?next=%2F');
    await page.context().close();
  });
});
