// The cluster's pages in Chromium, as a secretariat and an economic owner use them: sign in through the
// form, record a decision, report expected spend, download the meeting overview and the settlement
// statement; axe (WCAG 2.1 A/AA) finds nothing serious or critical. Skipped where Chromium is absent.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLUSTER_FILE, loadClusterPath } from '../../src/cluster/load.js';
import { hashPassword } from '../../src/serve/auth/local.js';
import { createUser } from '../../src/serve/auth/users.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { openStore, type OpenedStore } from '../../src/store/open.js';
import { writeFixtureWarehouse } from '../serve/fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(`cluster browser tests skipped: ${CHROMIUM} is not installed (CI installs it)`);
const PASSWORD = 'klyngemidler og stomimidler';

describe.skipIf(!hasChromium)('cluster pages in Chromium', () => {
  let store: OpenedStore;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    store = await openStore();
    await loadClusterPath(store, { id: 'loader', roles: ['cluster_secretariat'] }, DEMO_CLUSTER_FILE);
    const hash = await hashPassword(PASSWORD);
    await createUser(store, {
      username: 'stinna',
      roles: ['cluster_secretariat'],
      organisation: 'randers',
      passwordHash: hash,
    });
    await createUser(store, {
      username: 'mette',
      roles: ['economic_owner'],
      organisation: 'rhr',
      passwordHash: hash,
    });
    server = await startServer({
      warehouse: await writeFixtureWarehouse(),
      config: { name: 'Randersklyngen', country: 'DK', currency: 'DKK', municipalities: ['730'] },
      threshold: 5,
      port: 0,
      store,
      log: () => {},
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
  });

  async function signedIn(username: string): Promise<Page> {
    const context = await browser.newContext({ acceptDownloads: true });
    // argon2id and the embedded store on a loaded machine can be slow; nothing here asserts a time
    context.setDefaultTimeout(120_000);
    const page = await context.newPage();
    await page.goto(`${server.url}signin?lang=da&next=${encodeURIComponent('/cluster?year=2024&lang=da')}`);
    await page.getByLabel('Brugernavn').fill(username);
    await page.getByLabel('Adgangskode').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.waitForURL(/\/cluster/);
    return page;
  }

  async function axe(page: Page): Promise<string[]> {
    await page.evaluate(readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8'));
    const found = await page.evaluate(async () => {
      const w = window as unknown as {
        axe: { run(o: unknown): Promise<{ violations: { id: string; impact: string }[] }> };
      };
      const r = await w.axe.run({
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      });
      return r.violations.map((v) => `${v.id} (${v.impact})`);
    });
    return found.filter((v) => v.endsWith('(serious)') || v.endsWith('(critical)'));
  }

  async function workbook(page: Page, link: string): Promise<ExcelJS.Workbook> {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: link }).click(),
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download.path());
    return wb;
  }

  it('the secretariat records a decision and downloads the meeting overview and the settlement; axe is clean', async () => {
    const page = await signedIn('stinna');
    expect(await axe(page)).toEqual([]);
    await page.locator('#d-project').selectOption('lab-overgange');
    await page.getByLabel('Mødedato').fill('2024-04-12');
    await page.locator('#d-outcome').selectOption('approved');
    await page.getByLabel('Godkendt ramme i kr. (ved godkendelse)').fill('60000');
    await page.getByRole('button', { name: 'Gem beslutning' }).click();
    await page.waitForURL(/saved=1/);
    expect(await page.getByRole('status').textContent()).toContain('Gemt.');
    const overview = await workbook(page, 'Hent mødeoverblikket som Excel');
    const initiatives = overview.worksheets[0]!;
    expect(initiatives.name).toBe('Initiativer');
    const lab = initiatives
      .getRows(2, initiatives.rowCount - 1)!
      .find((r) => String(r.getCell(1).value).startsWith('Laboratorium'))!;
    expect([lab.getCell(2).value, lab.getCell(4).value, lab.getCell(5).value]).toEqual([
      'Regionshospitalet Randers',
      60000,
      60000,
    ]);

    await page.goto(`${server.url}cluster/settlement?fund=stomi&year=2024&lang=da`);
    expect(await axe(page)).toEqual([]);
    const statement = await workbook(page, 'Hent opgørelsen som Excel');
    const nets: number[] = [];
    statement.worksheets[0]!.eachRow((r, i) => i > 1 && nets.push(Number(r.getCell(6).value)));
    // the balances of a settlement add up to zero (to the øre)
    expect(Math.round(nets.reduce((a, b) => a + b, 0) * 100)).toBe(0);
    // the stoma funds lie with the four municipalities, so they are the members of its settlement
    expect(nets.length).toBe(4);

    await page.goto(`${server.url}cluster/forecasts/telekol?lang=en`);
    expect(await axe(page)).toEqual([]);
    // month 16 of the ramp (April 2025): 95 % of 94 + 47 + 41 + 37 rounded half up per municipality
    const april = page.getByRole('row', { name: /^2025-04/ });
    expect(await april.getByRole('cell').allTextContents()).toEqual(
      expect.arrayContaining(['89', '45', '39', '35', '208']),
    );
  });

  it('an economic owner reports expected spend for its own project and sees it on the overview', async () => {
    const page = await signedIn('mette');
    expect(await page.getByRole('heading', { name: 'Registrér styregruppens beslutning' }).count()).toBe(0);
    await page.locator('#s-project').selectOption('lab-overgange');
    await page.locator('#s-org').selectOption('rhr');
    await page.locator('#s-year').fill('2024');
    await page.getByLabel('Beløb i kr.').fill('57500');
    await page.getByRole('button', { name: 'Gem indberetning' }).click();
    await page.waitForURL(/saved=1/);
    const row = page.getByRole('row', { name: /Laboratorium.*Regionshospitalet Randers/ }).last();
    expect(await row.textContent()).toContain('57.500,00');
    expect(await axe(page)).toEqual([]);
  });

  it('the secretariat uploads a cluster file (an error, then a good one), sees the indicators and downloads the settlement PDF; axe is clean', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tvaerblik-cluster-upload-'));
    const bad = path.join(dir, 'klynge.yaml');
    writeFileSync(
      bad,
      'indicator_values:\n  - { indicator: rygestop, org: randers, period: 2025-H1, valeu: 50 }\n',
    );
    const page = await signedIn('stinna');
    expect(await axe(page)).toEqual([]);
    await page.getByLabel('Klyngefil (.yaml, .yml eller .xlsx)').setInputFiles(bad);
    await page.getByRole('button', { name: 'Indlæs filen' }).click();
    const alert = await page.getByRole('alert').textContent();
    expect(alert).toContain('indicator_values[1] (rygestop): nøglen "valeu" kendes ikke');
    expect(alert).toContain('"value"');
    expect(await axe(page)).toEqual([]);

    const good = path.join(dir, 'indikatorer.yaml');
    writeFileSync(
      good,
      'indicator_values:\n  - { indicator: rygestop, org: randers, period: 2025-H1, value: 50 }\n',
    );
    await page.goto(`${server.url}cluster?year=2024&lang=da`);
    await page.getByLabel('Klyngefil (.yaml, .yml eller .xlsx)').setInputFiles(good);
    await page.getByRole('button', { name: 'Indlæs filen' }).click();
    await page.waitForURL(/loaded=1/);
    expect(await page.getByRole('status').textContent()).toContain('Filen er indlæst: 1 ændring.');

    await page.getByRole('link', { name: 'Indikatorer' }).click();
    expect(await axe(page)).toEqual([]);
    // Randers: baseline 44, target 44 × 1.5 = 66; latest 2025-H1 50: (50 − 44) / (66 − 44) = 6 / 22 = 27 %
    const randers = page.getByRole('row', { name: /^Randers Kommune/ }).first();
    expect(await randers.getByRole('cell').allTextContents()).toEqual([
      '44',
      '66',
      '2025-H1',
      '50',
      'stigende',
      '27 %',
      'ikke nået',
    ]);

    await page.goto(`${server.url}cluster/settlement?fund=stomi&year=2024&lang=da`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Hent opgørelsen som PDF' }).click(),
    ]);
    const pdf = readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(download.suggestedFilename()).toBe('udligning-stomi-2024.pdf');
  });
  it('after a health council took over the cluster the pages show the council, its members, the predecessor and the date; axe is clean', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tvaerblik-cluster-council-'));
    const file = path.join(dir, 'sundhedsraad.yaml');
    writeFileSync(
      file,
      `organisations:
  - { id: randersklyngen, name: Randersklyngen, kind: cluster, valid_to: '2026-12-31', succeeded_by: raad }
  - id: raad
    name: Sundhedsråd Randers
    kind: health_council
    valid_from: '2027-01-01'
    members: [randers, favrskov, syddjurs, norddjurs]
takeovers:
  - { date: '2027-01-01', from: randersklyngen, to: raad }
indicator_values:
  - { indicator: rygestop, org: randers, period: 2027-H1, value: 70 }
  - { indicator: rygestop, org: favrskov, period: 2027-H1, value: 33 }
  - { indicator: rygestop, org: syddjurs, period: 2027-H1, value: 29 }
  - { indicator: rygestop, org: norddjurs, period: 2027-H1, value: 26 }
`,
    );
    const page = await signedIn('stinna');
    await page.getByLabel('Klyngefil (.yaml, .yml eller .xlsx)').setInputFiles(file);
    await page.getByRole('button', { name: 'Indlæs filen' }).click();
    await page.waitForURL(/loaded=\d+/);
    // 2 organisations + 1 takeover + 4 reported values
    expect(await page.getByRole('status').textContent()).toContain('Filen er indlæst: 7 ændringer.');

    await page.getByRole('link', { name: 'Indikatorer' }).click();
    expect(await axe(page)).toEqual([]);
    const council = page.getByRole('region', { name: 'Sundhedsråd Randers (sundhedsråd)' });
    expect(await council.getByRole('listitem').allTextContents()).toEqual([
      'Randers Kommune',
      'Favrskov Kommune',
      'Syddjurs Kommune',
      'Norddjurs Kommune',
    ]);
    expect(await council.getByRole('term').allTextContents()).toEqual([
      'Fra',
      'Medlemskommuner',
      'Overtog klyngen',
      'Overtagelsesdato',
    ]);
    expect(await council.getByRole('definition').nth(2).textContent()).toBe('Randersklyngen');
    expect(await council.getByRole('definition').nth(3).textContent()).toBe('01-01-2027');
    // the council's row carries the cluster's history: baseline 2023 = 44 + 22 + 19 + 17 = 102, target
    // 102 × 1.5 = 153; 2027-H1 = 70 + 33 + 29 + 26 = 158 (the council's), after 2025-H1 = 50 (Randers alone):
    // rising; progress (158 − 102) / (153 − 102) = 56 / 51 = 109.8 → 110 %; reached
    const row = page.getByRole('row', { name: /^Sundhedsråd Randers/ });
    expect(await row.getByRole('rowheader').textContent()).toBe(
      'Sundhedsråd Randers (til og med 31-12-2026: Randersklyngen)',
    );
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      '102',
      '153',
      '2027-H1',
      '158',
      'stigende',
      '110 %',
      'nået',
    ]);

    await page.goto(`${server.url}cluster?year=2027&lang=sv`);
    expect(await axe(page)).toEqual([]);
    const sv = page.getByRole('region', { name: 'Sundhedsråd Randers (hälsoråd)' });
    expect(await sv.getByRole('term').allTextContents()).toEqual([
      'Från',
      'Medlemskommuner',
      'Tog över klustret',
      'Datum för övertagandet',
    ]);
    expect(await sv.getByRole('definition').nth(3).textContent()).toBe('2027-01-01');
  });
});
