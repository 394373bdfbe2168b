/**
 * Lineage of one figure of the costing worked example (docs/costing.md): SEL-104's total cost in
 * cost_unit, followed back to the ledger extract's file name, hash and rows, and recomputed from them.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCosting } from '../../src/costing/index.js';
import { openDuckDB } from '../../src/engine/duckdb.js';
import type { Engine } from '../../src/engine/engine.js';
import { createSchema } from '../../src/model/warehouse.js';
import { lineage } from '../../src/publish/lineage.js';
import { PLANNING } from '../../src/serve/auth/policy.js';
import { lineageRoutes } from '../../src/serve/routes/lineage.js';
import { startServer } from '../../src/serve/server.js';
import type { Workspace } from '../../src/config/workspace.js';
import { quietOutput } from '../costing/helpers.js';
import { exampleWorkspace, loadExample } from '../costing/worked-example.js';

/** The ledger extract the worked example's ledger rows came from (loadExample inserts the same rows). */
const LEDGER_CSV = `period,municipality,account,activity,amount_minor
2024,851,5110,HJ,100000000
2024,851,4500,HJ,855000
2024,851,5110,PH,200000000
2024,851,8710,PH,-10000000
2024,851,8800,PH,-5000000
2024,851,5110,AK,30000000
2024,851,5110,ADM,16500000
2024,851,5700,BYG,20000000
2024,851,5110,CAFE,4000000
`;
/** The services extract: 14 rows (7 SEL-83-PP, 3 AEL-47, 4 SEL-104 of which one open activity). */
const SERVICES_CSV = `code,rows\n${[
  ...Array<string>(7).fill('SEL-83-PP'),
  ...Array<string>(3).fill('AEL-47'),
  ...Array<string>(4).fill('SEL-104'),
].join('\n')}\n`;

const sha = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

let ws: Workspace;
let engine: Engine;
let file: string;

beforeAll(async () => {
  ws = exampleWorkspace();
  writeFileSync(path.join(ws.dir, 'ledger.csv'), LEDGER_CSV);
  writeFileSync(path.join(ws.dir, 'services.csv'), SERVICES_CSV);
  file = path.join(ws.dir, 'warehouse.duckdb');
  const wh = await openDuckDB({ file });
  await createSchema(wh);
  await loadExample(wh); // services carry import_id 1, ledger lines import_id 2
  await wh.exec(`INSERT INTO import_log VALUES
    (1, 'services', '${path.join(ws.dir, 'services.csv')}', '${sha(SERVICES_CSV)}', '2024', 'service', 14, 14, 0, '${'c'.repeat(64)}', TIMESTAMP '2025-01-10 08:00:00', NULL),
    (2, 'ledger', '${path.join(ws.dir, 'ledger.csv')}', '${sha(LEDGER_CSV)}', '2024', 'ledger', 9, 9, 0, '${'d'.repeat(64)}', TIMESTAMP '2025-01-10 08:01:00', NULL)`);
  await runCosting(ws, wh, quietOutput());
  await wh.close();
  engine = await openDuckDB({ file: ':memory:' });
  await engine.exec(`ATTACH '${file}' AS wh (READ_ONLY)`);
});
afterAll(async () => {
  await engine?.close();
});

const FIGURE = { period: '2024', municipality: '851', catalogue_code: 'SEL-104' };

describe('lineage of a costed figure', () => {
  it('names the stage, the source files with hash and rows used, and the rules', async () => {
    const trail = await lineage(engine, 'cost_unit', FIGURE, { threshold: 3, ws });
    expect(trail.model.stage).toBe('costing');
    expect(trail.model.files).toContain('sql/costing/match.sql');
    expect(trail.reads).toEqual(['ledger', 'service', 'residence']);
    expect(trail.sources.map((s) => [s.file, s.fileHash, s.table, s.rowsLoaded, s.rowsUsed])).toEqual([
      // SEL-104: 4 service rows (3 persons and the open activity)
      ['services.csv', sha(SERVICES_CSV), 'service', 14, 4],
      // the ledger has no catalogue code: every line of 851/2024 is read by the translation table
      ['ledger.csv', sha(LEDGER_CSV), 'ledger', 9, 9],
    ]);
    expect(trail.sources[1]!.importedAt).toBe('2025-01-10T08:01:00');
    expect(trail.rules.costRun?.status).toBe('ok');
    expect(trail.rules.catalogue?.id).toBe('dk');
    expect(trail.rules.files).toEqual([
      {
        role: 'translation_table',
        file: 'translation.csv',
        sha256: sha(readFileSync(ws.resolve('translation.csv'))),
      },
    ]);
    expect(trail.rules.pools).toEqual([
      { id: 'ADM', kind: 'administration', key: 'direct_cost' },
      { id: 'HUS', kind: 'premises', key: 'floor_area' },
    ]);
    expect(trail.rules.configHash).toBe(sha(readFileSync(ws.configPath)));
    expect(trail.suppression.selected).toEqual({ rows: 1, shown: 1, small: 0, secondary: 0 });
  });

  it('recomputes the figure from the rows of the source file the trail names', async () => {
    const trail = await lineage(engine, 'cost_unit', FIGURE, { threshold: 3, ws });
    const ledger = trail.sources.find((s) => s.table === 'ledger')!;
    const bytes = readFileSync(path.join(ws.dir, ledger.file));
    expect(sha(bytes)).toBe(ledger.fileHash);
    const rows = bytes
      .toString()
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','))
      .map(([, , account, activity, amount]) => ({
        account: account!,
        activity: activity!,
        amount: BigInt(amount!),
      }));
    expect(rows).toHaveLength(ledger.rowsUsed!);
    const sum = (f: (r: (typeof rows)[number]) => boolean) =>
      rows.filter(f).reduce((a, r) => a + r.amount, 0n);
    // translation table: 5000-5999 × AK → SEL-104; 5000-5999 × HJ → SEL-83-PP; PH → AEL-47 (88* excluded)
    const direct = sum((r) => r.activity === 'AK'); // 30 000 000
    const pp = sum((r) => r.activity === 'HJ' && r.account.startsWith('5')); // 100 000 000
    const ael = sum((r) => r.activity === 'PH' && !r.account.startsWith('88')); // 200 000 000 − 10 000 000 = 190 000 000
    // ADM 16 500 000 by direct cost: 16 500 000 × 30 / (100 + 190 + 30) = 1 546 875
    const adm = (sum((r) => r.activity === 'ADM') * direct) / (pp + ael + direct);
    // HUS 20 000 000 by floor area 900 : 100 → SEL-104 gets 20 000 000 × 100 / 1 000 = 2 000 000
    const hus = (sum((r) => r.activity === 'BYG') * 100n) / 1000n;
    expect([direct, adm, hus, direct + adm + hus]).toEqual([
      30_000_000n,
      1_546_875n,
      2_000_000n,
      33_546_875n,
    ]);
    const figure = await engine.one<{ total_minor: bigint }>(
      `SELECT total_minor FROM wh.main.cost_unit WHERE catalogue_code = 'SEL-104'`,
    );
    expect(figure.total_minor).toBe(direct + adm + hus);
  });

  it('withholds rows used where the figure is hidden, and says why', async () => {
    // SEL-104 has 3 persons: under a threshold of 5 its row is small
    const trail = await lineage(engine, 'cost_unit', FIGURE, { threshold: 5, ws });
    expect(trail.suppression.selected).toEqual({ rows: 1, shown: 0, small: 1, secondary: 0 });
    expect(trail.sources.every((s) => s.rowsUsed === null && s.rows === null)).toBe(true);
    expect(JSON.stringify(trail)).not.toMatch(/P0\d|person_key/);
  });

  it('refuses a person-level table', async () => {
    await expect(lineage(engine, 'cost_person', {}, { threshold: 5 })).rejects.toThrow(
      /not a published table/,
    );
  });

  it('suggests the table or key column the user probably meant', async () => {
    // "cost_unt" is one letter from "cost_unit"; "periode" (Danish) one letter from "period"
    await expect(lineage(engine, 'cost_unt', {}, { threshold: 5 })).rejects.toThrow(
      /Did you mean "cost_unit"\?/,
    );
    const e = await lineage(engine, 'cost_unit', { periode: '2024' }, { threshold: 5 }).catch(
      (x: unknown) => x,
    );
    expect((e as { location: { hint: string } }).location.hint).toMatch(
      /^did you mean "period"\? name one of: /,
    );
    // nothing close: no suggestion, only the list
    await expect(lineage(engine, 'xyz', {}, { threshold: 5 })).rejects.toThrow(
      /warehouse\. Published tables: /,
    );
  });

  it('is served at /api/lineage/:table for the planning purpose, narrowed by query parameters', async () => {
    const running = await startServer({
      warehouse: file,
      config: { name: 'Test', country: 'DK', currency: 'DKK', municipalities: ['851'] },
      threshold: 3,
      port: 0,
      log: () => {},
      plugins: [(app) => lineageRoutes(app, { warehouse: file, threshold: 3, ws })],
    });
    try {
      expect(running.routes.find((r) => r.url === '/api/lineage/:table')?.access).toEqual(PLANNING);
      const res = await fetch(`${running.url}api/lineage/cost_unit?catalogue_code=SEL-104`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { sources: { file: string; fileHash: string; rowsUsed: number }[] };
      expect(body.sources.map((s) => [s.file, s.fileHash, s.rowsUsed])).toEqual([
        ['services.csv', sha(SERVICES_CSV), 4],
        ['ledger.csv', sha(LEDGER_CSV), 9],
      ]);
      // the route reuses the server's snapshot (suppressed once, hidden cells nulled): the same trail as a fresh pass
      const fresh = await lineage(engine, 'cost_unit', { catalogue_code: 'SEL-104' }, { threshold: 3, ws });
      expect(JSON.parse(JSON.stringify(body))).toEqual(JSON.parse(JSON.stringify(fresh)));
      expect((await fetch(`${running.url}api/lineage/cost_person`)).status).toBe(404);
      expect((await fetch(`${running.url}api/lineage/cost_unit?person_key=x`)).status).toBe(400);
      const doc = (await (await fetch(`${running.url}api/openapi.json`)).json()) as { paths: object };
      expect(doc.paths).toHaveProperty(['/api/lineage/{table}']);
    } finally {
      await running.close();
    }
  });
});
