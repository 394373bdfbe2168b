import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDB } from '../../src/engine/duckdb.js';
import { createSchema } from '../../src/model/warehouse.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { settle, watchErrors } from './chromium.js';

/**
 * The dashboard as an analyst works in it (issue 17 item 5): several municipalities, periods and age
 * groups at once; a value chosen in one panel filtering the others; named saved views; a page printed
 * to PDF for a committee. Chromium, on a small literal warehouse with age groups, two municipalities
 * (851 Aalborg, 461 Odense) and two periods, every cell ≥ 5 persons so nothing is hidden.
 */
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.resolve('test-artifacts/serve');
const hasChromium = existsSync(CHROMIUM);

// persons per (period, municipality) and age group, split over interval 1 (< 50.000 kr.) and 2 (≥ 50.000 kr.)
const SPLIT: Record<string, Record<string, [number, number]>> = {
  '2024|851': { '0-17': [12, 8], '18-64': [30, 20], '65+': [18, 12], all: [60, 40] },
  '2024|461': { '0-17': [5, 5], '18-64': [25, 15], '65+': [15, 10], all: [45, 30] },
  '2023|851': { '0-17': [10, 8], '18-64': [28, 20], '65+': [17, 12], all: [55, 40] },
};

async function writeWarehouse(): Promise<string> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'tvaerblik-analyst-')), 'warehouse.duckdb');
  const engine = await openDuckDB({ file });
  await createSchema(engine);
  const conc: string[] = [];
  const intervals: string[] = [];
  for (const [key, groups] of Object.entries(SPLIT)) {
    const [period, muni] = key.split('|');
    for (const [grp, [a, b]] of Object.entries(groups)) {
      // 10.000 kr. (1.000.000 øre) a person in interval 1, 200.000 kr. in interval 2
      const [ca, cb] = [a * 1_000_000, b * 20_000_000];
      conc.push(`('${period}','${muni}','${grp}',${a + b},${ca + cb},0.4)`);
      intervals.push(
        `('${period}','${muni}','${grp}',0,NULL,NULL,${a + b},${ca + cb},${Math.round((ca + cb) / (a + b))},1000000)`,
        `('${period}','${muni}','${grp}',1,0,5000000,${a},${ca},1000000,1000000)`,
        `('${period}','${muni}','${grp}',2,5000000,NULL,${b},${cb},20000000,20000000)`,
      );
    }
  }
  await engine.exec(`
    CREATE TABLE mart_concentration (period VARCHAR, municipality VARCHAR, grp VARCHAR, persons BIGINT,
      cost_minor BIGINT, gini DOUBLE);
    INSERT INTO mart_concentration VALUES ${conc.join(',')};
    CREATE TABLE mart_cost_interval (period VARCHAR, municipality VARCHAR, grp VARCHAR, interval_no INTEGER,
      lower_minor BIGINT, upper_minor BIGINT, persons BIGINT, cost_minor BIGINT, mean_minor BIGINT, median_minor BIGINT);
    INSERT INTO mart_cost_interval VALUES ${intervals.join(',')};
    CREATE TABLE mart_department_matrix (period VARCHAR, municipality VARCHAR, department_a VARCHAR,
      department_b VARCHAR, persons BIGINT, cost_minor BIGINT);
    INSERT INTO mart_department_matrix VALUES ('2024','851','Ældre','Ældre',100,900000000),
      ('2024','851','Ældre','Social',20,300000000), ('2024','851','Social','Ældre',20,300000000),
      ('2024','851','Social','Social',60,500000000);
  `);
  await engine.close();
  return file;
}

let server: RunningServer;
let browser: Browser;

async function open(page: Page, hash: string): Promise<void> {
  await page.goto(`${server.url}${hash}`);
  await settle(page);
}

async function axeSerious(page: Page): Promise<{ id: string; impact: string }[]> {
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
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Open a <details> (it may already be open: the dashboard keeps open lists open when it redraws). */
const expand = (page: Page, id: string) =>
  page.evaluate((x) => ((document.getElementById(x) as HTMLDetailsElement).open = true), id);

const caption = (page: Page, panel: string) =>
  page.locator(`[data-panel="${panel}"] table caption`).textContent();

describe.skipIf(!hasChromium)('serve: the dashboard as analysts work in it (Chromium)', () => {
  beforeAll(async () => {
    execFileSync(
      process.execPath,
      [path.resolve('node_modules/typescript/bin/tsc'), '-p', 'web/tsconfig.json'],
      {
        stdio: 'inherit',
      },
    );
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startServer({
      warehouse: await writeWarehouse(),
      config: { name: 'Testkommune', country: 'DK', currency: 'DKK', municipalities: ['851', '461'] },
      threshold: 5,
      port: 0,
      log: () => {},
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the API takes several values of a filter as repeated keys', async () => {
    const total = async (q: string) =>
      ((await (await fetch(`${server.url}api/tables/mart_cost_interval?${q}`)).json()) as { total: number })
        .total;
    // one (period, municipality): 4 age groups × 3 interval rows = 12
    expect(await total('period=2024&municipality=851')).toBe(12);
    // two municipalities in 2024: 12 + 12
    expect(await total('period=2024&municipality=851&municipality=461')).toBe(24);
    // and two age groups of those: 2 × 3 × 2 municipalities
    expect(await total('period=2024&municipality=851&municipality=461&age_band=0-17&age_band=65%2B')).toBe(
      12,
    );
  });

  it('chooses several municipalities and periods; shows names, never codes', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const errors = watchErrors(page);
    await open(page, '#/concentration?lang=da&period=2024&municipality=851');
    expect(await caption(page, 'intervals')).toContain('12 rækker');
    await expand(page, 'multi-municipality');
    await page.locator('#multi-municipality input[value="461"]').check();
    await settle(page);
    expect(decodeURIComponent(page.url())).toContain('municipality=461&municipality=851');
    // 2 municipalities × 4 age groups × 3 interval rows
    expect(await caption(page, 'intervals')).toContain('24 rækker');
    expect(await page.locator('#filter-municipality option:checked').textContent()).toBe('2 valgt');
    // the list stays open after the page is drawn again, so several boxes can be ticked in a row
    expect(await page.locator('#multi-municipality').getAttribute('open')).not.toBeNull();
    await expand(page, 'multi-period');
    await page.locator('#multi-period input[value="2023"]').check();
    await settle(page);
    // + 2023 for Aalborg only: 24 + 12
    expect(await caption(page, 'intervals')).toContain('36 rækker');
    const cells = await page.locator('[data-panel="intervals"] td').allTextContents();
    expect(cells).toContain('Aalborg');
    expect(cells).toContain('Odense');
    expect(cells).not.toContain('851');
    expect(cells).not.toContain('461');
    // the chart compares the municipalities side by side, by name
    expect(await page.locator('[data-panel="by-age"] svg.chart').first().textContent()).toContain('Odense');
    expect(await axeSerious(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'analyst-multi.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  }, 30_000);

  it('filters the other panels by a value chosen in one, shows it as a chip, and removes it by keyboard', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const errors = watchErrors(page);
    await open(page, '#/concentration?lang=en&period=2024&municipality=851');
    expect(await caption(page, 'intervals')).toContain('12 rows');
    // keyboard: the select under the chart
    await page.locator('#cross-by-age').focus();
    await page.selectOption('#cross-by-age', '0-17');
    await settle(page);
    expect(decodeURIComponent(page.url())).toContain('cf=grp&cfv=0-17');
    // the intervals panel now has Aalborg's 0–17 rows only: the total and two intervals, 12 + 8 = 20 persons
    expect(await caption(page, 'intervals')).toContain('3 rows');
    const cells = await page.locator('[data-panel="intervals"] td').allTextContents();
    expect(cells).toEqual(expect.arrayContaining(['0–17', '12', '8', '20']));
    // the panel it was chosen in still shows every age group
    expect(await caption(page, 'by-age')).toContain('4 rows');
    const chip = page.getByRole('button', { name: 'Remove the filter Age: 0–17' });
    await expect.poll(() => chip.count()).toBe(1);
    expect(await axeSerious(page)).toEqual([]);
    await chip.focus();
    await page.keyboard.press('Enter');
    await settle(page);
    expect(await caption(page, 'intervals')).toContain('12 rows');
    expect(await page.locator('.active-filters').count()).toBe(0);
    // mouse: a bar of the age chart
    await page.locator('[data-panel="by-age"] svg.chart .selectable').first().click();
    await settle(page);
    expect(await page.locator('.active-filters').textContent()).toMatch(/Age: (0–17|18–64|65\+)/);
    expect(await caption(page, 'intervals')).toContain('3 rows');
    await page.screenshot({ path: path.join(ARTIFACTS, 'analyst-cross.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  }, 30_000);

  it('filters by a heat-map cell: the row named in its title becomes the chip', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const errors = watchErrors(page);
    await open(page, '#/overlaps?lang=da&period=2024&municipality=851');
    const cell = page.locator('[data-panel="overlap-matrix"] svg.chart .selectable').first();
    // a cell is titled "row × column"; its value is printed over it, so the click goes to the cell itself
    const row = (await cell.locator('title').textContent())!.split(' × ')[0]!;
    expect(['Ældre', 'Social']).toContain(row);
    await cell.dispatchEvent('click');
    await settle(page);
    expect(decodeURIComponent(page.url())).toContain(`cf=department_a&cfv=${row}`);
    expect(await page.locator('.active-filters button').getAttribute('aria-label')).toContain(row);
    expect(errors).toEqual([]);
    await page.close();
  }, 30_000);

  it('saves a named view in the browser, opens it again and deletes it', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await open(page, '#/concentration?lang=da&period=2024&municipality=851&municipality=461');
    await expand(page, 'views');
    await page.fill('#view-name', 'Udvalget marts');
    await page.getByRole('button', { name: 'Gem visningen' }).click();
    await settle(page);
    const saved = await page.evaluate(() => localStorage.getItem('tvaerblik.views'));
    expect(JSON.parse(saved!)).toEqual([
      {
        name: 'Udvalget marts',
        hash: '#/concentration?period=2024&municipality=851&municipality=461&lang=da',
      },
    ]);
    await open(page, '#/overview?lang=da');
    await expand(page, 'views');
    await page.getByRole('link', { name: 'Udvalget marts' }).click();
    await settle(page);
    expect(await caption(page, 'intervals')).toContain('24 rækker');
    await expand(page, 'views');
    await page.getByRole('button', { name: 'Slet Udvalget marts' }).click();
    expect(await page.evaluate(() => localStorage.getItem('tvaerblik.views'))).toBe('[]');
    expect(await page.locator('#views').textContent()).toContain('Ingen gemte visninger');
    await page.close();
  }, 30_000);

  it('prints a page for a committee: the button calls print, and the PDF holds the panel titles', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const errors = watchErrors(page);
    await open(page, '#/concentration?lang=en&period=2024&municipality=851&cfp=by-age&cf=grp&cfv=65%2B');
    await page.evaluate(() => {
      const w = window as unknown as { printed: number; print: () => void };
      w.printed = 0;
      w.print = () => (w.printed += 1);
    });
    await page.getByRole('button', { name: 'Print / save as PDF' }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav.pages').isVisible()).toBe(false);
    expect(await page.locator('form.filters').isVisible()).toBe(false);
    expect(await page.locator('.print-summary').textContent()).toContain('Municipality: Aalborg');
    expect(await page.locator('.active-filters').textContent()).toContain('Age: 65+');
    const pdf = await page.pdf({ format: 'A4', printBackground: true, tagged: true, outline: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(1);
    const titles: string[] = [];
    const walk = (d: PDFDict | undefined) => {
      for (let n = d; n; n = n.lookupMaybe(PDFName.of('Next'), PDFDict)) {
        const title = n.lookupMaybe(PDFName.of('Title'), PDFString, PDFHexString);
        if (title) titles.push(title.decodeText());
        walk(n.lookupMaybe(PDFName.of('First'), PDFDict));
      }
    };
    walk(doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)?.lookupMaybe(PDFName.of('First'), PDFDict));
    expect(titles).toEqual(
      expect.arrayContaining(['Concentration', 'Persons and cost by cost interval', 'Cost and Gini by age']),
    );
    await page.emulateMedia({ media: 'screen' });
    expect(errors).toEqual([]);
    await page.close();
  }, 30_000);
});
