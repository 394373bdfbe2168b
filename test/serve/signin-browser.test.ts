import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/serve/auth/local.js';
import { createUser } from '../../src/serve/auth/users.js';
import type { RunningServer } from '../../src/serve/server.js';
import { openStore, type OpenedStore } from '../../src/store/open.js';
import { CHROMIUM, axeViolations, hasChromium, launchChromium, startServerMode } from './chromium.js';

// The sign-in page in Chromium: accessible (axe, WCAG 2.1 AA) in Danish, Swedish and English, and a
// password sign-in and sign-out through the form as a person does it.

if (!hasChromium)
  console.warn(`sign-in browser tests skipped: ${CHROMIUM} is not installed (CI installs it)`);

const PASSWORD = 'sommerfugl i vindueskarmen';

describe.skipIf(!hasChromium)('sign-in page in Chromium', () => {
  let store: OpenedStore;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    store = await openStore();
    await createUser(store, {
      username: 'anna',
      roles: ['analyst'],
      passwordHash: await hashPassword(PASSWORD),
    });
    server = await startServerMode(store);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
  });

  it('passes axe (WCAG 2.1 AA) in Danish, Swedish and English, also with a refusal shown', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    // a loaded CI machine (argon2id, the embedded store) can take long; no assertion is about time
    context.setDefaultTimeout(120_000);
    const page = await context.newPage();
    const headings = { da: 'Log ind på Tværblik', sv: 'Logga in i Tværblik', en: 'Sign in to Tværblik' };
    for (const lang of ['da', 'sv', 'en'] as const) {
      await page.goto(`${server.url}signin?lang=${lang}`);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(headings[lang]);
      expect(await axeViolations(page), lang).toEqual([]);
    }
    await page.getByLabel('Username').fill('anna');
    await page.getByLabel('Password').fill('forkert');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForSelector('[role=alert]');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  }, 400_000);

  it('signs in with the password form, goes back to the page asked for, and signs out', async () => {
    const context = await browser.newContext();
    context.setDefaultTimeout(120_000);
    const page = await context.newPage();
    // a page that needs sign-in sends the browser to the sign-in page, which remembers where it was going
    await page.goto(`${server.url}api/tables`);
    expect(page.url()).toBe(`${server.url}signin?next=%2Fapi%2Ftables`);
    // the browser asks for English; the reader picks Danish, and the return path stays
    await page.getByRole('link', { name: 'Dansk' }).click();
    await page.waitForURL(`${server.url}signin?lang=da&next=%2Fapi%2Ftables`);
    await page.getByLabel('Brugernavn').fill('anna');
    await page.getByLabel('Adgangskode').fill('forkert');
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.waitForSelector('[role=alert]');
    expect(await page.getByRole('alert').textContent()).toBe(
      'Log-ind mislykkedes. Tjek brugernavn og adgangskode. Efter 5 forkerte forsøg i træk bliver kontoen spærret i 15 minutter.',
    );
    // the username stays, the password does not
    expect(await page.getByLabel('Brugernavn').inputValue()).toBe('anna');
    expect(await page.getByLabel('Adgangskode').inputValue()).toBe('');
    await page.getByLabel('Adgangskode').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.waitForURL(`${server.url}api/tables`);
    expect(await page.textContent('body')).toContain('mart_cost_interval');
    // sign out with the session's CSRF token, as a sign-out button does
    const status = await page.evaluate(async () => {
      const html = await (await fetch('/signin')).text();
      const token = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
      const r = await fetch('/signout', {
        method: 'POST',
        headers: { 'x-csrf-token': token },
        redirect: 'manual',
      });
      return r.type === 'opaqueredirect' ? 303 : r.status;
    });
    expect(status).toBe(303);
    const after = await page.evaluate(async () => (await fetch('/api/tables')).status);
    expect(after).toBe(401);
    await context.close();
  }, 400_000);
});
