import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDB } from '../../src/engine/duckdb.js';
import { createSchema } from '../../src/model/warehouse.js';
import type { RunningServer } from '../../src/serve/server.js';
import { BENCHMARK_MUNICIPALITIES, benchmarkSql } from './benchmark-fixture.js';
import { hasChromium, seriousViolations, settle, startDashboard, watchErrors } from './chromium.js';

/**
 * The age-standardised benchmark on the KPB page (issue 17), in Chromium: per municipality its cost per
 * inhabitant beside the expected and the group's, the index against a line at 1, the figures over time,
 * hidden cells as the suppression mark with the reason, filters and cross-filtering. The figures are
 * hand-computed in benchmark-fixture.ts; threshold 5.
 */
const ARTIFACTS = path.resolve('test-artifacts/serve');

let server: RunningServer;
let browser: Browser;

async function open(page: Page, hash: string): Promise<void> {
  await page.goto(`${server.url}${hash}`);
  await settle(page);
}

const serious = seriousViolations;

/** A panel's table (not the "every column" one) as text: [row heading, cells …] per body row. */
const rows = (page: Page, panel: string) =>
  page.$$eval(`[data-panel="${panel}"] .panel-body > .table-wrap tbody tr`, (trs) =>
    trs.map((tr) => Array.from(tr.querySelectorAll('th, td'), (c) => (c.textContent ?? '').trim())),
  );

describe.skipIf(!hasChromium)('serve: the benchmark on the KPB page (Chromium)', () => {
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const write = async () => {
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'tvaerblik-benchmark-')), 'warehouse.duckdb');
      const engine = await openDuckDB({ file });
      await createSchema(engine);
      await engine.exec(benchmarkSql({ small2022: true }));
      await engine.close();
      return file;
    };
    ({ server, browser } = await startDashboard(write, BENCHMARK_MUNICIPALITIES));
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows Aalborg’s cost per inhabitant beside the expected and the group’s, the index against 1, and the change', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const errors = watchErrors(page);
    // the KPB page opens on the latest period (2024) and the workspace's first municipality (Aalborg)
    await open(page, '#/kpb?lang=da');
    // inhabitants 1.000; 150.000 øre = 1.500 kr.; expected 148.196 øre = 1.482 kr.; the group's 177.000 øre =
    // 1.770 kr.; index 1,0122 → 1,01 (benchmark-fixture.ts)
    expect(await rows(page, 'benchmark')).toEqual([
      ['Aalborg', '1.000', '1.500 kr.', '1.482 kr.', '1.770 kr.', '1,01'],
    ]);
    const heads = await page
      .locator('[data-panel="benchmark"] .panel-body > .table-wrap thead th')
      .allTextContents();
    expect(heads).toEqual([
      'Kommune',
      'Indbyggere',
      'Pr. indbygger (kr.)',
      'Forventet pr. indbygger (kr.)',
      'Gruppen pr. indbygger (kr.)',
      'Indeks (faktisk / forventet)',
    ]);
    // the group is every municipality of the period, counted with the plural; one row with the singular
    const main = page.locator('[data-panel="benchmark"]');
    expect(await main.locator('.note').allTextContents()).toContain('Gruppen i 2024: 2 kommuner.');
    expect(await main.locator('details.all-columns caption').textContent()).toBe(
      'Aldersstandardiseret benchmark (1 række)',
    );
    // the chart: Aalborg by name, its two bars, the group's cost as a line across them
    const chart = (await main.locator('svg.chart').textContent())!;
    expect(chart).toContain('Aalborg');
    expect(chart).toContain('Gruppen pr. indbygger (kr.): 1.770 kr.');
    expect(chart).not.toMatch(/\b851\b/);
    // the index: a bar against the dashed line at 1
    const index = page.locator('[data-panel="benchmark-index"]');
    expect(await index.locator('svg.chart').textContent()).toContain('1 = som forventet');
    expect(await rows(page, 'benchmark-index')).toEqual([]);
    expect(await index.locator('td').allTextContents()).toEqual(['1,01']);
    // over time: 2024 against 2023, +10.000 øre = 100 kr. = 7,1 %; the index 1,0122 − 0,9848 = 0,03
    expect(await rows(page, 'benchmark-trend')).toEqual([
      ['Aalborg', '2024', '1.500 kr.', '100 kr.', '7,1\u00a0%', '1,01', '0,03'],
    ]);
    // its chart reaches back to 2023 (the row's previous period)
    const trendChart = (await page
      .locator('[data-panel="benchmark-trend"] svg.chart')
      .first()
      .textContent())!;
    expect(trendChart).toContain('2023');
    expect(trendChart).toContain('Aalborg');
    // the panel's numbers traced, as every panel's
    await page
      .getByRole('button', { name: 'Hvor kommer tallene fra? (Aldersstandardiseret benchmark)' })
      .click();
    await page.waitForSelector('dialog .lineage-body h3', { timeout: 20_000 });
    const trail = (await page.locator('dialog').textContent())!;
    expect(trail).toContain('sql/analysis/mart_benchmark.sql');
    expect(trail).toContain('Periode: 2024 · Kommune: Aalborg');
    await page.getByRole('button', { name: 'Luk' }).click();
    await page.waitForSelector('dialog', { state: 'detached' });
    expect(await serious(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'kpb-benchmark.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('marks Læsø’s hidden cells with the reason, follows several periods and municipalities, and cross-filters', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const errors = watchErrors(page);
    await open(page, '#/kpb?lang=da&period=2022&period=2024&municipality=');
    const table = await rows(page, 'benchmark');
    // by period, then by name in Danish order (Aa = Å: Aalborg after Odense)
    expect(table.map((r) => r.slice(0, 2))).toEqual([
      ['Læsø', '2022'],
      ['Odense', '2022'],
      ['Aalborg', '2022'],
      ['Odense', '2024'],
      ['Aalborg', '2024'],
    ]);
    // Læsø has 3 citizens: each figure of its row reads "x", with the reason for a screen reader
    expect(table[0]!.slice(2)).toEqual(['x', 'x', 'x', 'x', 'x']);
    const hidden = page.locator('[data-panel="benchmark"] .panel-body > .table-wrap td.hidden-cell').first();
    expect(await hidden.getAttribute('title')).toBe('skjult: bygger på færre end 5 borgere');
    expect(await hidden.locator('button').getAttribute('aria-label')).toMatch(
      /^x \(skjult: bygger på færre end 5 borgere\) – Indbyggere, Læsø 2022: Hvor kommer tallet fra\?$/,
    );
    // 2024 as before: Odense 2.040 kr. against 2.058 kr. expected, index 0,9912 → 0,99
    expect(table[3]).toEqual(['Odense', '2024', '1.000', '2.040 kr.', '2.058 kr.', '1.770 kr.', '0,99']);
    expect(await page.locator('[data-panel="benchmark"] .note').allTextContents()).toEqual(
      expect.arrayContaining(['Figuren viser 2024; tabellen alle valgte perioder.']),
    );
    expect(await page.locator('[data-panel="benchmark"] .panel-body').textContent()).not.toMatch(/\b825\b/);
    // the trend: Odense 2024 +4.000 øre = 40 kr. = 2 %; index 0,9912 − 1,0109 = −0,02
    const trend = await rows(page, 'benchmark-trend');
    expect(trend.find((r) => r[0] === 'Odense' && r[1] === '2024')).toEqual([
      'Odense',
      '2024',
      '2.040 kr.',
      '40 kr.',
      '2\u00a0%',
      '0,99',
      '-0,02',
    ]);
    expect(trend.find((r) => r[0] === 'Læsø')?.slice(2)).toEqual(['x', 'x', 'x', 'x', 'x']);
    expect(await serious(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'kpb-benchmark-hidden.png'), fullPage: true });
    // a click on Odense's index bar filters the other panels to Odense
    const bars = page.locator('[data-panel="benchmark-index"] svg.chart .bar.selectable');
    await bars
      .filter({ has: page.locator('title', { hasText: /^Odense/ }) })
      .first()
      .click();
    await settle(page);
    expect(decodeURIComponent(page.url())).toContain('cfp=benchmark-index&cf=municipality&cfv=461');
    expect((await rows(page, 'benchmark')).map((r) => r[0])).toEqual(['Odense', 'Odense']);
    expect(await page.locator('.active-filters').textContent()).toContain(
      'Kommune: Odense (valgt i Indeks: faktisk / forventet udgift)',
    );
    // the panel it was chosen in keeps every municipality
    expect(await page.locator('[data-panel="benchmark-index"] tbody tr').count()).toBe(5);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('speaks English and Swedish, counts with plurals', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await open(page, '#/kpb?lang=en');
    const main = page.locator('[data-panel="benchmark"]');
    expect(await main.locator('.note').allTextContents()).toContain('The group in 2024: 2 municipalities.');
    expect(await main.locator('details.all-columns caption').textContent()).toBe(
      'Age-standardised benchmark (1 row)',
    );
    await page.close();
    const sv = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await open(sv, '#/kpb?lang=sv&period=2024&municipality=');
    const svMain = sv.locator('[data-panel="benchmark"]');
    expect(await svMain.locator('.note').allTextContents()).toContain('Gruppen 2024: 2 kommuner.');
    expect(await svMain.locator('details.all-columns caption').textContent()).toBe(
      'Åldersstandardiserad jämförelse (2 rader)',
    );
    await sv.close();
  }, 60_000);
});
