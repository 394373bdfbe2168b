import { readFileSync, readdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWorkspace } from '../../src/config/workspace.js';
import { generateDemo } from '../../src/demo/generate.js';
import { openWarehouse } from '../../src/model/warehouse.js';
import { runCli } from '../helpers/cli.js';

/** Raw person ids as they stand in the residence extract (first column holding an id). */
function rawIds(dir: string, country: 'DK' | 'SE'): string[] {
  const pattern = country === 'DK' ? /\b\d{6}-?\d{4}\b/g : /\b(?:19|20)?\d{6}[-+]?\d{4}\b/g;
  const ids = new Set<string>();
  for (const f of readdirSync(path.join(dir, 'extracts'))) {
    if (!f.endsWith('.csv')) continue;
    for (const m of readFileSync(path.join(dir, 'extracts', f), 'latin1').matchAll(pattern)) ids.add(m[0]);
  }
  return [...ids];
}

describe.each(['DK', 'SE'] as const)('tvaerblik run on the %s demo', (country) => {
  it('imports, costs, analyses and reports; the ledger reconciles to the øre; no raw id leaves the door', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'tvb-e2e-')), 'demo');
    await generateDemo({ country, persons: 2500, seed: 7, out: dir });
    const r = await runCli(['-w', dir, 'run', '--json']);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    const stages = (JSON.parse(r.stdout) as { stages: { stage: string }[] }).stages.map((s) => s.stage);
    expect(stages).toEqual(['import', 'cost', 'trajectories', 'analyse', 'report']);

    const ws = openWorkspace(dir);
    const engine = await openWarehouse(ws);
    try {
      const ledger = await engine.one(`SELECT sum(amount_minor) AS s FROM ledger`);
      const rec = await engine.one(
        `SELECT sum(ledger_minor) AS l, sum(attributed_minor + nonattributable_minor + excluded_minor) AS parts,
                sum(abs(difference_minor)) AS diff FROM cost_reconciliation`,
      );
      expect(rec.diff).toBe(0n);
      expect(rec.l).toBe(ledger.s);
      expect(rec.parts).toBe(ledger.s);
      const persons = await engine.one(
        `SELECT count(DISTINCT person_key) AS n FROM cost_person WHERE sector = 'municipal'`,
      );
      expect(Number(persons.n)).toBeGreaterThan(100);
    } finally {
      await engine.close();
    }

    // Privacy: no raw id from the extracts in the warehouse file or any report.
    const ids = rawIds(dir, country);
    expect(ids.length).toBeGreaterThan(100);
    const files = [
      ws.resolve(ws.config.warehouse),
      ...readdirSync(path.join(dir, 'reports')).map((f) => path.join(dir, 'reports', f)),
    ];
    for (const file of files) {
      const bytes = readFileSync(file).toString('latin1');
      const leaked = ids.filter((id) => bytes.includes(id) || bytes.includes(id.replace(/[-+]/, '')));
      expect(leaked, `raw ids found in ${path.basename(file)}`).toEqual([]);
    }
    expect(readdirSync(path.join(dir, 'reports')).some((f) => f.endsWith('.html'))).toBe(true);
  });
});
