/**
 * Adding an analysis is one SQL file and one test file (docs/architecture.md, "Adding an analysis"):
 * mart_sex was added as sql/analysis/mart_sex.sql and mart_sex.test.yaml only. No product module names
 * it, yet the runner builds it, the publish path suppresses it with the other marts, and the report,
 * the workbook and the dashboard show it, all from its header.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MARTS, runAnalyses } from '../../src/analysis/index.js';
import type { Engine } from '../../src/engine/engine.js';
import { publishMarts } from '../../src/publish/index.js';
import { writeReport, type ReportSummary } from '../../src/report/index.js';
import { PAGES } from '../../src/serve/pages.js';
import { quietOutput, warehouse, workspace, type CostRow } from '../analysis/fixture.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** 100 women at 10,000 kr. and 100 men at 20,000 kr. of home care: 200 citizens, 3 mio. kr. */
const persons = [
  ...Array.from({ length: 100 }, (_, i) => ({ key: `f${i}`, born: 1950 + (i % 7), sex: 'F' as const })),
  ...Array.from({ length: 100 }, (_, i) => ({ key: `m${i}`, born: 1950 + (i % 7), sex: 'M' as const })),
];
const costs: CostRow[] = persons.map((p) => ({
  person: p.key,
  code: 'SEL-83-PP',
  department: 'Ældre og Handicap',
  kr: p.sex === 'F' ? 10_000 : 20_000,
  law: 'Serviceloven § 83',
}));

let engine: Engine;
let summary: ReportSummary;
beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tvaerblik-new-analysis-'));
  const ws = workspace('', dir);
  engine = await warehouse({ persons, costs, population: [{ age: 50, count: 500 }] });
  await runAnalyses(ws, engine, quietOutput());
  summary = await writeReport(ws, engine, quietOutput(), { lang: 'da', generated: '2026-01-01' });
});
afterAll(() => engine.close());

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe('a new analysis is one SQL file and one test file', () => {
  it('no module of the product or the dashboard names it', () => {
    const naming = ['src', 'web/src', 'locales']
      .flatMap((d) => files(path.join(ROOT, d)))
      .filter((f) => readFileSync(f, 'utf8').includes('mart_sex'))
      .map((f) => path.relative(ROOT, f));
    expect(naming).toEqual([]);
    const sql = readdirSync(path.join(ROOT, 'sql/analysis')).filter((f) => f.startsWith('mart_sex.'));
    expect(sql.sort()).toEqual(['mart_sex.sql', 'mart_sex.test.yaml']);
  });

  it('the runner builds it and the publish path gives its hand-computed rows', async () => {
    expect(MARTS).toContain('mart_sex');
    const rows = (await publishMarts(engine, 5))
      .get('mart_sex')!
      .rows.map((r) => [r.cells.sex, r.cells.persons, r.cells.cost_minor, r.cells.cost_share, r.hidden]);
    // F: 100 × 1,000,000 øre; M: 100 × 2,000,000 øre; all: 200 and 300,000,000 øre (shares 1/3, 2/3)
    expect(rows).toEqual([
      ['*', 200n, 300_000_000n, 1, null],
      ['F', 100n, 100_000_000n, 1 / 3, null],
      ['M', 100n, 200_000_000n, 2 / 3, null],
    ]);
  });

  it('the report has its section (title, reading, table) and the workbook its sheet', async () => {
    const html = readFileSync(summary.html, 'utf8');
    const section = /<section aria-labelledby="mart-sex">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    expect(section).toContain('<h2 id="mart-sex">Borgere og udgift efter køn</h2>');
    expect(section).toContain('fordelt på køn');
    expect(section).toMatch(
      /<th scope="row"[^>]*>I alt<\/th><td>200<\/td><td>3\.000\.000<\/td><td>100,0 %<\/td>/,
    );
    expect(section).toMatch(
      /<th scope="row"[^>]*>Kvinder<\/th><td>100<\/td><td>1\.000\.000<\/td><td>33,3 %<\/td>/,
    );
    expect(html).toContain('<li><a href="#mart-sex">Borgere og udgift efter køn</a></li>');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(summary.excel);
    expect(wb.worksheets.map((w) => w.name)).toContain('Borgere og udgift efter køn');
  });

  it('the dashboard shows it as a panel on the page its header names', () => {
    const panel = PAGES.find((p) => p.id === 'overview')!.panels.find((p) => p.tables.includes('mart_sex'));
    expect(panel).toMatchObject({ id: 'sex', chart: 'bar', x: 'sex', y: ['cost_minor', 'persons'] });
    expect(panel!.title.sv).toBe('Personer och kostnad efter kön');
  });
});
