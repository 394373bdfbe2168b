/**
 * Chromium for the server's browser tests: where it is, how it is started, and axe (WCAG 2.1 AA)
 * run in a page. A test file skips itself when Chromium is not installed (CI installs it).
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { lineageRoutes } from '../../src/serve/routes/lineage.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import type { Store } from '../../src/store/db.js';
import { writeFixtureWarehouse } from './fixture.js';

export const CHROMIUM = '/usr/bin/chromium';
const run = promisify(execFile);
export const hasChromium = existsSync(CHROMIUM);

/** A headless Chromium as the browser tests use it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
}

/** axe's WCAG 2.1 A/AA violations on the page as it is now, as `id (impact)`. */
export async function axeViolations(page: Page): Promise<string[]> {
  // axe is injected once per document (a second check on the same page reuses it)
  if (!(await page.evaluate(() => 'axe' in window)))
    await page.evaluate(readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async () => {
    const w = window as unknown as {
      axe: { run(o: unknown): Promise<{ violations: { id: string; impact: string }[] }> };
    };
    const r = await w.axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return r.violations.map((v) => `${v.id} (${v.impact})`);
  });
}

/** axe's serious and critical violations: what a browser test allows none of. */
export async function seriousViolations(page: Page): Promise<string[]> {
  return (await axeViolations(page)).filter((v) => /serious|critical/.test(v));
}

/** Wait until the dashboard is drawn: the page list is there and no panel or dialog is still loading. */
export async function settle(page: Page): Promise<void> {
  await page.waitForSelector('nav.pages');
  await page.waitForFunction(
    () => document.querySelectorAll('.state-loading, [aria-busy="true"]').length === 0,
  );
}

/** The console errors and uncaught exceptions of a page, collected from now on. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/**
 * Compile the dashboard (web/ → dist/web) for a browser test. Incremental: a second file or run after an
 * unchanged web/src takes a third of the time. Should the shared build info be unreadable (two files
 * compiling at once), the build runs again whole.
 */
export async function buildWeb(): Promise<void> {
  const tsc = [path.resolve('node_modules/typescript/bin/tsc'), '-p', 'web/tsconfig.json'];
  const info = path.resolve('node_modules/.cache/tvaerblik/web.tsbuildinfo');
  try {
    await run(process.execPath, [...tsc, '--incremental', '--tsBuildInfoFile', info]);
  } catch {
    // tsc prints its errors to stdout: show them
    await run(process.execPath, tsc).catch((e: { stdout?: string }) => {
      throw new Error(`web/ does not compile:\n${e.stdout ?? String(e)}`);
    });
  }
}

/**
 * One dashboard for a browser test file: the dashboard compiled while `write` writes the warehouse and
 * Chromium starts, then the server on it (threshold 5, the lineage routes, a DK test cluster).
 */
export async function startDashboard(
  write: () => Promise<string>,
  municipalities: string[],
): Promise<{ server: RunningServer; browser: Browser; warehouse: string }> {
  const [, warehouse, browser] = await Promise.all([buildWeb(), write(), launchChromium()]);
  const server = await startServer({
    warehouse,
    config: { name: 'Testklynge', country: 'DK', currency: 'DKK', municipalities },
    threshold: 5,
    port: 0,
    log: () => {},
    plugins: [(app) => lineageRoutes(app, { warehouse, threshold: 5 })],
  });
  return { server, browser, warehouse };
}

/**
 * A server in server mode for a browser test: the fixture warehouse, the store's users signing in
 * through the form, a free port (the dashboard compiled beforehand when `web` is set).
 */
export async function startServerMode(store: Store, { web = false } = {}): Promise<RunningServer> {
  const [warehouse] = await Promise.all([writeFixtureWarehouse(), web ? buildWeb() : undefined]);
  return startServer({
    warehouse,
    config: { name: 'Testkommune', country: 'DK', currency: 'DKK', municipalities: ['851'] },
    threshold: 5,
    port: 0,
    store,
    log: () => {},
  });
}
