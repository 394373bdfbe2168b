import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAnalyses } from '../../src/analysis/index.js';
import type { Engine } from '../../src/engine/engine.js';
import { UserError } from '../../src/errors.js';
import { escapeCell } from '../../src/report/excel.js';
import { writeReport, type ReportSummary } from '../../src/report/index.js';
import { quietOutput, warehouse, workspace, type CostRow } from '../analysis/fixture.js';

/**
 * 60 citizens with ordinary home care, and two with a rare, very expensive service whose amounts are
 * distinctive (987.654,32 kr. and 912.345,67 kr.): those cells have 2 persons and must never be shown.
 */
const RARE = [98_765_432n, 91_234_567n];
const persons = Array.from({ length: 62 }, (_, i) => ({
  key: `q${i}`,
  born: 1950 + (i % 40),
  sex: 'M' as const,
}));
const costs: CostRow[] = persons.map((p, i) => ({
  person: p.key,
  code: 'SEL-83-PP',
  department: i % 3 === 0 ? '=HYPERLINK("http://evil")' : 'Ældre og Handicap',
  kr: 20_000 + i * 1_000,
  law: 'Serviceloven § 83',
}));
costs.push(
  {
    person: 'q60',
    code: 'SEL-96',
    department: 'Ældre og Handicap',
    kr: Number(RARE[0]) / 100,
    law: 'Serviceloven § 96',
  },
  {
    person: 'q61',
    code: 'SEL-96',
    department: 'Ældre og Handicap',
    kr: Number(RARE[1]) / 100,
    law: 'Serviceloven § 96',
  },
);

let engine: Engine;
let dir: string;
let ws: ReturnType<typeof workspace>;
const summaries: Record<string, ReportSummary> = {};

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'tvaerblik-report-'));
  ws = workspace('', dir);
  engine = await warehouse({ persons, costs, population: [{ age: 50, count: 500 }] });
  await runAnalyses(ws, engine, quietOutput());
  for (const lang of ['da', 'sv', 'en'] as const)
    summaries[lang] = await writeReport(ws, engine, quietOutput(), { lang, generated: '2026-01-01' });
});
afterAll(() => engine.close());

/** Every way a reader could see an amount: minor units, kr with any grouping, with or without decimals. */
function renderings(minor: bigint): string[] {
  const kr = minor / 100n;
  const digits = kr.toString();
  const group = (sep: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  return [minor.toString(), digits, group('.'), group(','), group('\u00a0'), group(' '), group('\u202f')];
}

describe('the report', () => {
  it('writes HTML and Excel in da, sv and en under reports/', () => {
    for (const lang of ['da', 'sv', 'en'] as const) {
      expect(summaries[lang]!.html).toBe(path.join(dir, 'reports', `tvaerblik-851-2024-${lang}.html`));
      const html = readFileSync(summaries[lang]!.html, 'utf8');
      expect(html).toContain(`<html lang="${lang}">`);
    }
    expect(readFileSync(summaries.da!.html, 'utf8')).toContain('Hovedtabel');
    expect(readFileSync(summaries.sv!.html, 'utf8')).toContain('Huvudtabell');
    expect(readFileSync(summaries.en!.html, 'utf8')).toContain('Headline table');
  });

  it('contains no value of a suppressed cell (the two rare § 96 citizens), in any rendering', () => {
    expect(summaries.da!.hidden_small).toBeGreaterThan(0);
    for (const lang of ['da', 'sv', 'en'] as const) {
      const html = readFileSync(summaries[lang]!.html, 'utf8');
      for (const minor of [...RARE, RARE[0]! + RARE[1]!])
        for (const s of renderings(minor)) expect(html, `${lang}: ${s}`).not.toContain(s);
      expect(html).toContain('&lt; 5');
    }
  });

  it('is self-contained and accessible: no scripts or external resources, every chart titled and described', () => {
    const html = readFileSync(summaries.en!.html, 'utf8');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs.length).toBeGreaterThanOrEqual(6);
    for (const svg of svgs) {
      expect(svg).toMatch(/role="img"/);
      expect(svg).toMatch(/<title id="[^"]+">[^<]+<\/title><desc id="[^"]+">[^<]+<\/desc>/);
    }
    // every section with a chart also has a table (the chart's text alternative)
    for (const section of html.match(/<section[\s\S]*?<\/section>/g) ?? [])
      if (section.includes('<svg')) expect(section).toContain('<table');
    expect(html.indexOf('id="key"')).toBeLessThan(html.indexOf('id="lorenz"'));
  });

  it('Excel: every mart as a sheet, hidden cells as "< 5", formula-like text escaped', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(summaries.en!.excel);
    expect(wb.worksheets.length).toBeGreaterThanOrEqual(15);
    let escaped = 0;
    let hidden = 0;
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          const v = cell.value;
          if (typeof v === 'string' && v.includes('HYPERLINK')) {
            expect(v.startsWith("'=")).toBe(true);
            escaped++;
          }
          if (v === '< 5') hidden++;
          expect(typeof v === 'object' && v !== null && 'formula' in v).toBe(false);
          if (typeof v === 'number') for (const minor of RARE) expect(v).not.toBe(Number(minor) / 100);
        }),
      ),
    );
    expect(escaped).toBeGreaterThan(0);
    expect(hidden).toBeGreaterThan(0);
  });

  it("names an unknown period in the reader's language, with the periods to choose from", async () => {
    const error = await writeReport(ws, engine, quietOutput(), { period: 'nope' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    const e = error as UserError;
    expect(e.message).toBe('Unknown period "nope"');
    expect(e.localise?.('da')).toEqual({ message: 'Ukendt periode "nope"', hint: 'brug en af: 2024' });
  });

  it('escapes every formula trigger and leaves plain text alone', () => {
    expect(['=1+1', '+4', '-2', '@SUM(A1)', '\t=x'].map(escapeCell)).toEqual([
      "'=1+1",
      "'+4",
      "'-2",
      "'@SUM(A1)",
      "'\t=x",
    ]);
    expect(escapeCell('Serviceloven § 96')).toBe('Serviceloven § 96');
  });
});
