import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { writeFixtureWarehouse } from './fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.resolve('test-artifacts/serve');
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`serve browser tests skipped: ${CHROMIUM} is not installed (CI installs it)`);

let server: RunningServer;
let browser: Browser;

/** Build the front end the way `npm run build` does, so the test sees the current sources. */
function buildWeb(): void {
  execFileSync(
    process.execPath,
    [path.resolve('node_modules/typescript/bin/tsc'), '-p', 'web/tsconfig.json'],
    {
      stdio: 'inherit',
    },
  );
}

/** Open a dashboard address and wait until every panel has finished loading. */
async function open(page: Page, hash: string): Promise<void> {
  await page.goto(`${server.url}${hash}`);
  await settle(page);
}

async function settle(page: Page): Promise<void> {
  await page.waitForSelector('nav.pages');
  await page.waitForFunction(
    () => document.querySelectorAll('.state-loading, [aria-busy="true"]').length === 0,
  );
}

/** Collect console errors and uncaught exceptions of a page. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

describe.skipIf(!hasChromium)('serve: dashboard in Chromium', () => {
  beforeAll(async () => {
    buildWeb();
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startServer({
      warehouse: await writeFixtureWarehouse(),
      config: { name: 'Testkommune', country: 'DK', currency: 'DKK', municipalities: ['851', '461'] },
      threshold: 5,
      port: 0,
      log: () => {},
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads every page without console errors, draws its charts, and passes axe', async () => {
    const meta = (await (await fetch(`${server.url}api/meta`)).json()) as {
      pages: { id: string; panels: { table: string | null; chart: string }[] }[];
    };
    const axe = readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8');
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    for (const p of [...meta.pages, { id: 'tables', panels: [] }]) {
      const page = await context.newPage();
      const errors = watchErrors(page);
      await open(page, `#/${p.id}?lang=da`);
      await page.screenshot({ path: path.join(ARTIFACTS, `page-${p.id}.png`), fullPage: true });
      expect(errors, p.id).toEqual([]);
      expect(await page.locator('h1').first().textContent(), p.id).toBeTruthy();
      const charted = p.panels.filter((x) => x.table && !['table', 'kpi'].includes(x.chart)).length;
      const svgs = await page.locator('svg.chart').count();
      if (charted > 0) expect(svgs, `${p.id}: charts drawn`).toBeGreaterThanOrEqual(charted);
      expect(await page.locator('.state-error').count(), p.id).toBe(0);

      await page.evaluate(axe);
      const violations = await page.evaluate(async () => {
        const w = window as unknown as {
          axe: {
            run(o: unknown): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }>;
          };
        };
        const r = await w.axe.run({
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        });
        return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
      });
      expect(
        violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
        `${p.id}: ${JSON.stringify(violations)}`,
      ).toEqual([]);
      await page.close();
    }
    await context.close();
  });

  it('changes the numbers when a filter changes, and shows hidden cells as "< 5"', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const errors = watchErrors(page);
    await open(page, '#/concentration?lang=da');
    const panel = page.locator('[data-panel="intervals"]');
    const before = await panel.locator('table').textContent();
    expect(before).toContain('120');
    expect(before).toContain('< 5');
    expect(before).not.toContain('98.765');
    await page.selectOption('#filter-municipality', '461');
    await settle(page);
    const after = await page.locator('[data-panel="intervals"] table').textContent();
    expect(after).not.toEqual(before);
    expect(after).toContain('80');
    expect(after).not.toContain('120');
    expect(page.url()).toContain('municipality=461');
    await page.screenshot({ path: path.join(ARTIFACTS, 'filter-municipality-461.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('downloads a table as CSV and Excel and a chart as SVG and PNG', async () => {
    const context = await browser.newContext({
      acceptDownloads: true,
      viewport: { width: 1366, height: 900 },
    });
    const page = await context.newPage();
    await open(page, '#/concentration?lang=da&municipality=851&period=2024');
    const panel = page.locator('[data-panel="intervals"]');
    const fetchDownload = async (click: () => Promise<void>) => {
      const [download] = await Promise.all([page.waitForEvent('download'), click()]);
      return { name: download.suggestedFilename(), body: readFileSync((await download.path())!) };
    };
    const csv = await fetchDownload(() => panel.getByRole('link', { name: 'CSV' }).click());
    expect(csv.name).toBe('mart_cost_interval.csv');
    expect(csv.body.toString('utf8')).toContain('Interval nr.;Fra (kr.);Under (kr.);Borgere');
    expect(csv.body.toString('utf8')).toContain('< 5');
    const xlsx = await fetchDownload(() => panel.getByRole('link', { name: 'Excel' }).click());
    expect(xlsx.body.subarray(0, 2).toString()).toBe('PK');
    const svg = await fetchDownload(() => panel.getByRole('button', { name: /SVG/ }).first().click());
    expect(svg.name).toMatch(/\.svg$/);
    expect(svg.body.toString('utf8')).toMatch(/^<\?xml[^]*<svg[^]*<rect/);
    const png = await fetchDownload(() => panel.getByRole('button', { name: /PNG/ }).first().click());
    expect(png.body.subarray(1, 4).toString()).toBe('PNG');
    await context.close();
  });

  it('switches language: texts, and number formats that follow the language', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const errors = watchErrors(page);
    await open(page, '#/concentration?lang=da&municipality=851&period=2024');
    expect(await page.locator('h1').textContent()).toBe('Koncentration');
    const da = await page.locator('[data-panel="intervals"] table').textContent();
    expect(da).toContain('1.500.000 kr.');
    expect(da).toContain('162');
    await page.selectOption('#lang', 'en');
    await settle(page);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.locator('h1').textContent()).toBe('Concentration');
    expect(await page.locator('nav.pages').textContent()).toContain('Key figures');
    const en = await page.locator('[data-panel="intervals"] table').textContent();
    expect(en).toContain('1,500,000 kr');
    await page.selectOption('#lang', 'sv');
    await settle(page);
    expect(await page.locator('h1').textContent()).toBe('Koncentration');
    expect(await page.locator('label[for="filter-municipality"]').textContent()).toBe('Kommun');
    const sv = await page.locator('[data-panel="intervals"] table').textContent();
    expect(sv).toMatch(/1\s500\s000 kr/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'language-sv.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('drills from a cost interval down to the groups behind it', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await open(page, '#/concentration?lang=en&municipality=851&period=2024');
    await page.locator('[data-panel="intervals"] .drill-prompt button', { hasText: '0–50,000 kr' }).click();
    await page.waitForSelector('[data-panel="intervals"] .drill table');
    const text = await page.locator('[data-panel="intervals"] .drill').textContent();
    expect(text).toContain('The groups behind "0–50,000 kr"');
    expect(text).toContain('Physical disability');
    await page.screenshot({ path: path.join(ARTIFACTS, 'drill-down.png'), fullPage: true });
    await page.close();
  });

  it('can be used with the keyboard alone', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await open(page, '#/overview?lang=da');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Gå til indhold');
    // Tab through to the page links and follow one with Enter.
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      const text = await page.evaluate(() => document.activeElement?.textContent ?? '');
      if (text === 'Snitflader') break;
    }
    await page.keyboard.press('Enter');
    await settle(page);
    expect(await page.locator('h1').textContent()).toBe('Snitflader');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('page-title');
    await page.close();
  });

  it('shows an error state that says what to do when the server cannot answer', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.route('**/api/tables/**', (route) => route.abort());
    await page.goto(`${server.url}#/concentration?lang=da`);
    await page.waitForSelector('.state-error');
    const text = await page.locator('.state-error').first().textContent();
    expect(text).toContain('Data kunne ikke hentes');
    expect(text).toContain('tvaerblik serve');
    expect(await page.locator('.state-error button').first().textContent()).toBe('Prøv igen');
    await page.screenshot({ path: path.join(ARTIFACTS, 'error-state.png'), fullPage: true });
    await page.close();
  });
});
