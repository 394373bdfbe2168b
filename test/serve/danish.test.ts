import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDB } from '../../src/engine/duckdb.js';
import { serviceNames } from '../../src/labels/services.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { benchmarkSql } from './benchmark-fixture.js';
import { buildWeb } from './chromium.js';
import { writeFixtureWarehouse } from './fixture.js';

const CHROMIUM = '/usr/bin/chromium';

/**
 * The base fixture plus the tables whose columns and values leaked English and Swedish into the
 * Danish dashboard: data-quality checks, the ledger reconciliation, Kolada key figures, and the
 * resource-heavy breakdowns by service, benefit status and housing (canonical ids as stored); and the
 * age-standardised benchmark (KPB and comparison pages).
 */
async function danishFixture(): Promise<string> {
  const file = await writeFixtureWarehouse();
  const engine = await openDuckDB({ file });
  await engine.exec(`
    CREATE TABLE dq_result (run_id VARCHAR, import_id VARCHAR, source_id VARCHAR, check_id VARCHAR, kind VARCHAR,
      severity VARCHAR, field VARCHAR, threshold_pct DOUBLE, rows_checked BIGINT, rows_violated BIGINT,
      pct_violated DOUBLE, status VARCHAR, sample_rows VARCHAR, checked_at TIMESTAMP);
    INSERT INTO dq_result VALUES
      ('r1', 'i1', 'befolkning', 'municipality_required', 'completeness', 'stop', 'municipality', 0, 200, 0, 0, 'pass', '', '2024-06-01 10:00:00'),
      ('r1', 'i1', 'aeldre', 'volume_not_negative', 'plausibility', 'warn', 'volume', 0, 900, 0, 0, 'pass', '', '2024-06-01 10:00:00');
    CREATE TABLE cost_reconciliation (period VARCHAR, municipality VARCHAR, target_type VARCHAR, target VARCHAR,
      ledger_minor BIGINT, attributed_minor BIGINT, nonattributable_minor BIGINT, excluded_minor BIGINT,
      difference_minor BIGINT, attributed_outside_ledger_minor BIGINT);
    INSERT INTO cost_reconciliation VALUES
      ('2024', '851', 'intervention', 'SEL-108@external', 100000, 100000, 0, 0, 0, 0),
      ('2024', '851', 'excluded', 'financing', 5000, 0, 0, 5000, 0, 0);
    CREATE TABLE cost_key_figure (period VARCHAR, municipality VARCHAR, key_figure VARCHAR, title VARCHAR,
      measure VARCHAR, numerator_minor BIGINT, denominator DOUBLE, value DOUBLE);
    INSERT INTO cost_key_figure VALUES
      ('2024', '851', 'U21003', 'KPB - Kostnad hemtjänst, egen regi, kr/beviljad timme', 'hour_granted', 4000000, 100, 400);
    CREATE TABLE mart_heavy (period VARCHAR, municipality VARCHAR, dimension VARCHAR, value VARCHAR, persons BIGINT,
      cost_minor BIGINT, persons_share DOUBLE, cost_share DOUBLE);
    INSERT INTO mart_heavy VALUES
      ('2024', '851', 'service', '*', 40, 4000000000, 1, 1),
      ('2024', '851', 'service', 'SEL-108', 25, 3000000000, 0.625, 0.75),
      ('2024', '851', 'service', 'SEL-96', 15, 1000000000, 0.375, 0.25),
      ('2024', '851', 'benefit_status', '*', 40, 4000000000, 1, 1),
      ('2024', '851', 'benefit_status', 'disability_pension', 30, 3500000000, 0.75, 0.875),
      ('2024', '851', 'benefit_status', 'social_assistance', 10, 500000000, 0.25, 0.125),
      ('2024', '851', 'housing', '*', 40, 4000000000, 1, 1),
      ('2024', '851', 'housing', 'housing_108', 25, 3000000000, 0.625, 0.75),
      ('2024', '851', 'housing', 'own_home', 15, 1000000000, 0.375, 0.25);
    INSERT INTO mart_key_figure VALUES ('2024', '851', 'heavy_persons', 40, NULL, 40);
    ${benchmarkSql()}
  `);
  await engine.close();
  return file;
}

/** How the server names a column it has no label for: "rows_checked" → "Rows checked". */
const fallback = (name: string) => {
  const plain = name.replace(/_minor$/, '').replace(/_/g, ' ');
  return plain.charAt(0).toUpperCase() + plain.slice(1);
};

/** Words that gave English or Swedish away in the Danish dashboard (whole words, case-sensitive). */
const FOREIGN = [
  'persons',
  'disability pension',
  'social assistance',
  'housing 108',
  'own home',
  'Kostnad',
  'hemtjänst',
  'ytterfall',
  'Ytterfall',
  'Ledger',
  'Attributed',
  'Nonattributable',
  'Excluded',
  'Difference',
  'Target type',
  'Run id',
  'Import id',
  'Kind',
  'Field',
  'Rows checked',
  'Rows violated',
  'Sample rows',
  'Checked at',
  'completeness',
  'plausibility',
  'required',
  'intervention',
  'external',
  'municipality',
  'ledger',
  'dq_result',
  'cost_reconciliation',
  'cost_key_figure',
];

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({
    warehouse: await danishFixture(),
    config: { name: 'Testkommune', country: 'DK', currency: 'DKK', municipalities: ['851', '461'] },
    threshold: 5,
    port: 0,
    serviceNames: serviceNames('dk'),
    log: () => {},
  });
});
afterAll(async () => server?.close());

describe('serve: the dashboard speaks Danish', () => {
  it('labels every served column in Danish (no column falls back to its English name)', async () => {
    const meta = (await (await fetch(`${server.url}api/meta`)).json()) as {
      tables: { name: string; columns: { name: string; label: { da: string } }[] }[];
    };
    // words that are the same in Danish
    const same = ['status', 'region'];
    const unlabelled = meta.tables.flatMap((t) =>
      t.columns
        .filter((c) => !same.includes(c.name) && c.label.da === fallback(c.name))
        .map((c) => `${t.name}.${c.name}`),
    );
    expect(unlabelled).toEqual([]);
  });

  it('names municipalities and services, not their codes', async () => {
    const meta = (await (await fetch(`${server.url}api/meta`)).json()) as {
      municipalities: Record<string, string>;
      values: Record<string, { da: string }>;
    };
    expect(meta.municipalities).toEqual({ '851': 'Aalborg', '461': 'Odense' });
    expect(meta.values['SEL-108']?.da).toBe('Længerevarende botilbud');
    // tables are listed by title on the "all tables" page, not by their API name
    const titles = Object.fromEntries(
      (meta as unknown as { tables: { name: string; title: { da: string } }[] }).tables.map((t) => [
        t.name,
        t.title.da,
      ]),
    );
    expect(titles).toMatchObject({
      dq_result: 'Datakvalitet',
      cost_reconciliation: 'Afstemning af regnskabet',
      mart_heavy: 'Ressourcetunge borgere',
    });
  });

  it.skipIf(!existsSync(CHROMIUM))(
    'shows no English or Swedish words on the Danish pages (Chromium)',
    async () => {
      await buildWeb();
      const browser: Browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
      });
      try {
        const page = await browser.newPage();
        let text = '';
        const meta = (await (await fetch(`${server.url}api/meta`)).json()) as { pages: { id: string }[] };
        const tables = ['dq_result', 'cost_reconciliation', 'cost_key_figure'].map(
          (t) => `tables?table=${t}&`,
        );
        // the server's pages, the comparison page (the dashboard's own) and three tables
        for (const id of [...meta.pages.map((p) => `${p.id}?`), 'compare?', ...tables]) {
          await page.goto(`${server.url}#/${id}lang=da`);
          await page.waitForSelector('nav.pages');
          await page.waitForFunction(
            () => document.querySelectorAll('.state-loading, [aria-busy="true"]').length === 0,
          );
          await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
          text += `\n${await page.evaluate(() => document.body.innerText)}`;
        }
        const found = FOREIGN.filter((w) => new RegExp(`(^|[^\\p{L}])${w}([^\\p{L}]|$)`, 'u').test(text));
        expect(found).toEqual([]);
        // the names a Danish reader expects
        for (const expected of [
          'Aalborg',
          'Længerevarende botilbud',
          'Førtidspension',
          'Kontanthjælp',
          'Eget hjem',
          'Ressourcetunge borgere 18–64 år',
          'Volumen ikke negativ',
          'Udfyldt: kommune',
          'Fuldstændighed',
          'Hjemmehjælp, egen leverandør, kr. pr. visiteret time',
          'Længerevarende botilbud (købt)',
          // the benchmark (KPB page and comparison page)
          'Aldersstandardiseret benchmark',
          'Forventet pr. indbygger (kr.)',
          'Gruppen i 2024: 2 kommuner.',
          'Indeks: faktisk / forventet udgift',
          '1 = som forventet',
          'Benchmark over tid',
          'Nøgletal pr. kommune og periode',
        ]) {
          expect(text, expected).toContain(expected);
        }
        expect(text).not.toMatch(/(^|\s)SEL-108(\s|$)/m);
      } finally {
        await browser.close();
      }
    },
    300_000,
  );
});
