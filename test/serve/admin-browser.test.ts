import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/serve/auth/local.js';
import { createUser } from '../../src/serve/auth/users.js';
import type { RunningServer } from '../../src/serve/server.js';
import { openStore, type OpenedStore } from '../../src/store/open.js';
import { CHROMIUM, axeViolations, hasChromium, launchChromium, startServerMode } from './chromium.js';

// The administrator and the data-protection officer in Chromium, each signed in through the real
// sign-in form: the administrator creates a user and changes its roles; the officer opens the
// audit trail and finds both changes by the administrator's name. axe (WCAG 2.1 AA) on each page.

if (!hasChromium) console.warn(`admin browser test skipped: ${CHROMIUM} is not installed (CI installs it)`);

const ADMIN_PASSWORD = 'nøglebundt på krogen';
const DPO_PASSWORD = 'protokollen ligger her';

describe.skipIf(!hasChromium)('the admin and the dpo in Chromium', () => {
  let store: OpenedStore;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    store = await openStore();
    await createUser(store, {
      username: 'ada',
      roles: ['admin'],
      passwordHash: await hashPassword(ADMIN_PASSWORD),
    });
    await createUser(store, {
      username: 'dina',
      roles: ['dpo'],
      passwordHash: await hashPassword(DPO_PASSWORD),
    });
    server = await startServerMode(store);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
  });

  /** Open `url` (which needs sign-in), sign in through the form, and land back on `url`. */
  async function signInTo(page: Page, url: string, username: string, password: string) {
    await page.goto(`${server.url}${url}`);
    expect(page.url()).toContain('/signin?');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}${url}`);
  }

  it('the admin creates a user and changes its roles; the dpo sees both in the audit trail', async () => {
    const admin = await browser.newContext({ bypassCSP: true, locale: 'en-GB' });
    admin.setDefaultTimeout(120_000);
    const a = await admin.newPage();
    await signInTo(a, 'admin?lang=en', 'ada', ADMIN_PASSWORD);
    expect(await a.getByRole('heading', { level: 1 }).textContent()).toBe('Users and roles');
    expect(await axeViolations(a), 'list').toEqual([]);

    await a.getByLabel('Username').fill('carl');
    await a.check('#n-analyst');
    await a.getByRole('button', { name: 'Create the user' }).click();
    await a.waitForSelector('#initial-password');
    // 15 random bytes in base64url: 20 characters
    expect(await a.textContent('#initial-password')).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(await axeViolations(a), 'created').toEqual([]);

    await a.getByRole('link', { name: 'Open carl' }).click();
    await a.waitForSelector('#h-user');
    expect(await a.getByRole('heading', { level: 1 }).textContent()).toBe('User carl');
    await a.check('#r-caseworker');
    await a.uncheck('#r-analyst');
    await a.getByRole('button', { name: 'Save the roles' }).click();
    await a.waitForSelector('[role=status]');
    expect(await a.getByRole('status').textContent()).toBe('The roles of carl were saved.');
    expect(await a.isChecked('#r-caseworker')).toBe(true);
    expect(await a.isChecked('#r-analyst')).toBe(false);
    expect(await axeViolations(a), 'user').toEqual([]);

    // the admin's own page: dropping the admin role is refused with an alert
    await a.goto(`${server.url}admin?lang=en`);
    await a.getByRole('link', { name: 'ada' }).click();
    await a.waitForSelector('#h-user');
    await a.uncheck('#r-admin');
    await a.getByRole('button', { name: 'Save the roles' }).click();
    await a.waitForSelector('[role=alert]');
    expect(await a.getByRole('alert').textContent()).toContain('You cannot take away your own admin role.');
    expect(await axeViolations(a), 'refused').toEqual([]);
    await admin.close();

    const dpo = await browser.newContext({ bypassCSP: true, locale: 'en-GB' });
    dpo.setDefaultTimeout(120_000);
    const d = await dpo.newPage();
    await signInTo(d, 'audit?lang=en', 'dina', DPO_PASSWORD);
    const latest = await d.locator('#h-latest').locator('..').textContent();
    expect(latest).toContain('adauser.createadmin');
    expect(latest).toContain('adauser.rolesadmin');
    expect(await axeViolations(d), 'audit').toEqual([]);
    // the dpo cannot open the admin pages
    expect(await d.evaluate(async () => (await fetch('/admin')).status)).toBe(403);
    await dpo.close();
  }, 400_000);
});
