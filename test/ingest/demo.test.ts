import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createOutput } from '../../src/cli/output.js';
import { openWorkspace } from '../../src/config/workspace.js';
import { generateDemo, type PlantedFlaw } from '../../src/demo/generate.js';
import { importSources } from '../../src/ingest/index.js';
import { openWarehouse } from '../../src/model/warehouse.js';

const CHECK_FOR: Record<PlantedFlaw['kind'], string> = {
  unmapped_code: 'local_code_mapped',
  end_before_start: 'end_not_before_start',
  volume_over_24h_per_day: 'hours_per_day_max_24',
  duplicate_row: 'no_duplicates',
};

describe.each(['DK', 'SE'] as const)('the %s demo workspace imports end to end', (country) => {
  it('loads every source, and the report finds exactly the planted flaws', async () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'tvaerblik-demo-ingest-')), 'ws');
    const demo = await generateDemo({ country, persons: 1000, out: dir });
    const ws = openWorkspace(dir);
    const engine = await openWarehouse(ws);
    const s = await importSources(
      ws,
      engine,
      createOutput({ lang: 'en', json: true, isTTY: false, stdout: () => {} }),
    );
    await engine.close();
    expect(s.stopped).toBe(false);
    expect(s.sources.length).toBe(ws.config.sources.length);
    for (const src of s.sources) {
      expect(src.status).toBe('loaded');
      expect(src.rows_rejected, src.source).toBe(0);
      expect(src.rows_loaded, src.source).toBeGreaterThan(0);
    }
    expect(demo.flaws.length).toBeGreaterThan(0);
    for (const flaw of demo.flaws) {
      const check = s.checks.find((c) => c.source_id === flaw.source && c.check_id === CHECK_FOR[flaw.kind]);
      expect(check, `${flaw.kind} in ${flaw.source}`).toBeDefined();
      expect(check!.status).toBe('fail');
      // data row n is file row n + 1 (header in row 1); a duplicate is reported at its group's first row
      if (flaw.kind !== 'duplicate_row' && check!.rows_violated <= 5)
        expect(check!.sample_rows).toContain(flaw.row + 1);
      if (flaw.kind === 'unmapped_code')
        expect(s.unmapped.some((u) => u.source_id === flaw.source && u.local_code === flaw.localCode)).toBe(
          true,
        );
    }
    // nothing else is flagged above its threshold (information-only checks aside)
    const planted = new Set(demo.flaws.map((f) => `${f.source}/${CHECK_FOR[f.kind]}`));
    const others = s.checks.filter(
      (c) => c.status === 'fail' && c.severity !== 'info' && !planted.has(`${c.source_id}/${c.check_id}`),
    );
    expect(others.map((c) => `${c.source_id}/${c.check_id}`)).toEqual([]);
  }, 300_000);
});
