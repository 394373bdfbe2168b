import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDB } from '../../src/engine/duckdb.js';
import { createSchema } from '../../src/model/warehouse.js';
import type { RunningServer } from '../../src/serve/server.js';
import { benchmarkSql } from './benchmark-fixture.js';
import { hasChromium, seriousViolations, settle, startDashboard, watchErrors } from './chromium.js';

/**
 * The comparison page (issue 17: benchmark panels, municipality × period) and the lineage click-through
 * (issue 18: click a key figure, see its trail, download it), in Chromium, on a small literal warehouse:
 * Aalborg (851) and Odense (461), 2023 and 2024, suppression threshold 5.
 */
const ARTIFACTS = path.resolve('test-artifacts/serve');
const POPULATION_HASH = 'a'.repeat(64);

// The benchmark's figures are hand-computed in benchmark-fixture.ts (2023 and 2024, Aalborg and Odense).
async function writeWarehouse(): Promise<string> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'tvaerblik-compare-')), 'warehouse.duckdb');
  const engine = await openDuckDB({ file });
  await createSchema(engine);
  await engine.exec(`
    INSERT INTO import_log VALUES
      (1, 'population', '/data/extracts/folketal-2024.csv', '${POPULATION_HASH}', '2024', 'population', 6, 6, 0,
       '${'c'.repeat(64)}', TIMESTAMP '2025-01-10 08:00:00', NULL);
    -- 4 rows of Aalborg, 2 of Odense: counts by age and sex, no person
    INSERT INTO population VALUES (1,'851',2024,30,'F',450), (1,'851',2024,30,'M',450), (1,'851',2024,70,'F',50),
      (1,'851',2024,70,'M',50), (1,'461',2024,30,'F',800), (1,'461',2024,70,'F',200);
    CREATE TABLE mart_key_figure (period VARCHAR, municipality VARCHAR, indicator VARCHAR, persons BIGINT,
      amount_minor BIGINT, value DOUBLE);
    INSERT INTO mart_key_figure VALUES
      ('2024','851','persons',100,NULL,100), ('2024','851','cost',100,123456700,NULL),
      ('2024','461','persons',80,NULL,80), ('2024','461','cost',80,98765400,NULL),
      ('2023','851','persons',90,NULL,90), ('2023','851','cost',90,111111100,NULL),
      -- Odense 2023: 3 persons, below the threshold: both its figures are hidden
      ('2023','461','persons',3,NULL,3), ('2023','461','cost',3,900000,NULL);
    ${benchmarkSql()}
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

const serious = seriousViolations;

/** The comparison table as text: [row heading, cells …] per row, the heading row first. */
const grid = (page: Page) =>
  page.$$eval('[data-panel="compare"] table tr', (trs) =>
    trs.map((tr) => Array.from(tr.querySelectorAll('th, td'), (c) => (c.textContent ?? '').trim())),
  );

describe.skipIf(!hasChromium)('serve: comparison page and lineage click-through (Chromium)', () => {
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // one warehouse, server and browser for the file (the tests only read them)
    ({ server, browser } = await startDashboard(writeWarehouse, ['851', '461']));
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the benchmark per municipality by name: cost per inhabitant against expected, the index, the change', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const errors = watchErrors(page);
    await open(page, '#/compare?lang=da&period=2024');
    // a figure's cells, and the municipality each row is headed by
    const cells = (panel: string) =>
      page.locator(`[data-panel="${panel}"] td, [data-panel="${panel}"] th[scope="row"]`).allTextContents();
    const bench = await cells('benchmark');
    expect(bench).toEqual(
      expect.arrayContaining(['Aalborg', 'Odense', '1.500 kr.', '1.482 kr.', '2.040 kr.', '2.058 kr.']),
    );
    expect(bench).not.toContain('851');
    expect(await cells('benchmark-index')).toEqual(expect.arrayContaining(['1,01', '0,99']));
    const trend = (await cells('benchmark-trend')).join(' | ');
    expect(trend).toMatch(/7,1\s%/);
    expect(trend).toMatch(/\b2\s%/);
    // the charts name the municipalities, not their codes
    const chart = await page.locator('[data-panel="benchmark"] svg.chart').first().textContent();
    expect(chart).toContain('Aalborg');
    expect(chart).not.toMatch(/\b851\b/);
    expect(await serious(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'compare-benchmark.png'), fullPage: true });
    // a panel's numbers traced together: the benchmark's trail for the chosen period
    await page
      .getByRole('button', { name: 'Hvor kommer tallene fra? (Aldersstandardiseret benchmark)' })
      .click();
    await page.waitForSelector('dialog .lineage-body h3', { timeout: 20_000 });
    const trail = (await page.locator('dialog').textContent())!;
    expect(trail).toContain('sql/analysis/mart_benchmark.sql');
    expect(trail).toContain('Periode: 2024');
    expect(trail).toContain('Tallets rækker: 2, heraf 2 vist');
    await page.getByRole('button', { name: 'Luk' }).click();
    await page.waitForSelector('dialog', { state: 'detached' });
    expect(errors).toEqual([]);
    await page.close();
  }, 30_000);

  it('compares a key figure municipality × period, with the suppression mark, filters and cross-filter', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const errors = watchErrors(page);
    // from another page (one municipality, one period) the link widens to every municipality and period
    await open(page, '#/overview?lang=da&period=2024&municipality=851');
    await page.getByRole('link', { name: 'Sammenligning' }).click();
    await settle(page);
    // rows by name in the reader's alphabet: in Danish "Aa" is "Å", so Aalborg comes after Odense
    expect(await grid(page)).toEqual([
      ['Kommune', '2023', '2024'],
      // Odense 2023 has 3 persons, below the threshold: its cost is hidden (a hidden amount reads "x")
      ['Odense', 'x', '987.654 kr.'],
      // cost: 111.111.100 øre = 1.111.111 kr., 123.456.700 øre = 1.234.567 kr.
      ['Aalborg', '1.111.111 kr.', '1.234.567 kr.'],
    ]);
    expect(await page.locator('[data-panel="compare"] .note').textContent()).toContain('< 5');
    // another key figure: persons, a count, so the small cell reads "< 5"
    await page.selectOption('#compare-figure', 'mart_key_figure:persons');
    await settle(page);
    expect(decodeURIComponent(page.url())).toContain('kf=mart_key_figure:persons');
    expect((await grid(page)).slice(1)).toEqual([
      ['Odense', '< 5', '80'],
      ['Aalborg', '90', '100'],
    ]);
    // the benchmark's cost per inhabitant, both years
    await page.selectOption('#compare-figure', 'mart_benchmark:per_inhabitant_minor');
    await settle(page);
    expect((await grid(page)).slice(1)).toEqual([
      ['Odense', '2.000 kr.', '2.040 kr.'],
      ['Aalborg', '1.400 kr.', '1.500 kr.'],
    ]);
    expect(await page.locator('[data-panel="compare"] svg.chart').textContent()).toContain('Odense');
    // the multi-select period filter narrows the columns
    await page.selectOption('#filter-period', '2024');
    await settle(page);
    expect(await grid(page)).toEqual([
      ['Kommune', '2024'],
      ['Odense', '2.040 kr.'],
      ['Aalborg', '1.500 kr.'],
    ]);
    // a municipality chosen in the benchmark panel (its select, for the keyboard) narrows the rows
    await page.selectOption('#cross-benchmark', '461');
    await settle(page);
    expect(decodeURIComponent(page.url())).toContain('cf=municipality&cfv=461');
    expect((await grid(page)).slice(1)).toEqual([['Odense', '2.040 kr.']]);
    expect(await page.locator('.active-filters').textContent()).toContain('Odense');
    expect(await serious(page)).toEqual([]);
    // a saved view keeps the chosen key figure
    await page.evaluate(() => ((document.getElementById('views') as HTMLDetailsElement).open = true));
    await page.fill('#view-name', 'Benchmark');
    await page.getByRole('button', { name: 'Gem visningen' }).click();
    await settle(page);
    const saved = JSON.parse((await page.evaluate(() => localStorage.getItem('tvaerblik.views')))!) as {
      hash: string;
    }[];
    expect(decodeURIComponent(saved[0]!.hash)).toContain('kf=mart_benchmark:per_inhabitant_minor');
    await page.screenshot({ path: path.join(ARTIFACTS, 'compare-table.png'), fullPage: true });
    // printed for a committee: the figures stay (they are buttons on screen, and print hides buttons)
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('[data-panel="compare"] button.cell-trace').first().isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    expect(errors).toEqual([]);
    await page.close();
  }, 30_000);

  it('opens a key figure’s lineage from its card (keyboard), shows the source extract, and downloads it', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    const errors = watchErrors(page);
    await open(page, '#/overview?lang=da&period=2024&municipality=851');
    const card = page.locator('[data-panel="key-figures"] button.kpi-button', { hasText: '1.234.567 kr.' });
    await card.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await page.waitForSelector('dialog .lineage-body table', { timeout: 20_000 });
    const text = (await dialog.textContent())!;
    expect(text).toContain('Periode: 2024 · Kommune: Aalborg · Nøgletal: Samlede udgifter');
    expect(text).toContain('sql/analysis/mart_key_figure.sql');
    // the population extract: its file name (not its folder), its checksum, Aalborg's 4 of its 6 rows
    const row = await dialog.locator('.lineage-body tbody tr').first().locator('th, td').allTextContents();
    // (the population table keeps no row numbers of the file: "–")
    expect(row.slice(0, 7)).toEqual([
      'folketal-2024.csv',
      POPULATION_HASH,
      'population',
      '2024',
      '6',
      '4',
      '–',
    ]);
    expect(row[7]).toBe('10-01-2025 08:00');
    expect(text).not.toContain('/data/extracts');
    expect(await serious(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'lineage-dialog.png'), fullPage: true });
    // the download is the API's trail of the figure
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Hent sporet (JSON)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('tvaerblik-lineage-mart_key_figure-2024-851-cost.json');
    const saved = JSON.parse(readFileSync((await download.path())!, 'utf8')) as unknown;
    const api = (await (
      await fetch(`${server.url}api/lineage/mart_key_figure?period=2024&municipality=851&indicator=cost`)
    ).json()) as unknown;
    expect(saved).toEqual(api);
    expect(JSON.stringify(saved)).not.toMatch(/person_key|cpr/i);
    // Escape closes it and gives focus back to the card
    await page.keyboard.press('Escape');
    await page.waitForSelector('dialog', { state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.classList.contains('kpi-button'))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  }, 30_000);

  it('withholds rows used for a hidden figure (opened from the comparison table)', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await open(page, '#/compare?lang=en&kf=mart_key_figure:cost');
    // Odense 2023 is hidden (3 persons): its trail says so and counts no source rows
    // its mark says why it is hidden
    await page
      .getByRole('button', {
        name: 'x (hidden: rests on fewer than 5 persons) – Odense 2023: Where does this number come from?',
        exact: true,
      })
      .click();
    const dialog = page.getByRole('dialog');
    await page.waitForSelector('dialog .lineage-body table', { timeout: 20_000 });
    expect(await dialog.locator('.lineage-body tbody td.hidden-cell').textContent()).toBe('withheld');
    expect(await dialog.locator('.lineage-selected').textContent()).toContain(
      '1, of which 0 shown, 1 too small',
    );
    await page.close();
  }, 30_000);
});
