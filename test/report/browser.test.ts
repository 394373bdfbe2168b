import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAnalyses } from '../../src/analysis/index.js';
import { generateSynthetic, syntheticWorkspace } from '../../src/analysis/bench.js';
import { openDuckDB } from '../../src/engine/duckdb.js';
import type { Engine } from '../../src/engine/engine.js';
import { createSchema } from '../../src/model/warehouse.js';
import { writeReport } from '../../src/report/index.js';
import { quietOutput } from '../analysis/fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.resolve('test-artifacts/report');
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`report browser tests skipped: ${CHROMIUM} is not installed`);

let browser: Browser;
let engine: Engine;
const html: Record<string, string> = {};

beforeAll(async () => {
  if (!hasChromium) return;
  const dir = mkdtempSync(path.join(tmpdir(), 'tvaerblik-report-browser-'));
  const o = { persons: 3000, municipalities: ['851', '101'], periods: ['2023', '2024'] };
  const ws = syntheticWorkspace(dir, o);
  engine = await openDuckDB({ file: ':memory:' });
  await createSchema(engine);
  await generateSynthetic(engine, o);
  await runAnalyses(ws, engine, quietOutput());
  for (const lang of ['da', 'sv', 'en'] as const)
    html[lang] = (await writeReport(ws, engine, quietOutput(), { lang, generated: '2026-01-01' })).html;
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
  mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await engine?.close();
});

describe.skipIf(!hasChromium)('the report in a browser', () => {
  it('loads nothing from outside the file, passes axe (WCAG 2.1 AA) and is screenshotted', async () => {
    const axe = readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8');
    for (const lang of ['da', 'sv', 'en'] as const) {
      const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
      const outside: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith('file:')) outside.push(r.url());
      });
      await page.goto(`file://${html[lang]}`);
      expect(outside, lang).toEqual([]);
      expect(await page.locator('svg[role="img"]').count()).toBeGreaterThanOrEqual(10);
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
      expect(violations, `${lang}: ${JSON.stringify(violations)}`).toEqual([]);
      await page.screenshot({ path: path.join(ARTIFACTS, `report-${lang}.png`), fullPage: true });
      await page.close();
    }
  });
});
