/*
 * The XL workspace's ledger (src/demo/xl.ts): derived from the extracts' row counts, KPB costing gives
 * persons exactly the ledger's money per municipality, and a workspace generated before the ledger existed
 * gets the same ledger, translation table and config from the bench's reuse path (harness.ts) without
 * its extracts changing.
 */
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { addXlLedger } from '../../src/bench/harness.js';
import { createOutput } from '../../src/cli/output.js';
import { openWorkspace } from '../../src/config/workspace.js';
import { runCosting } from '../../src/costing/index.js';
import type { DemoSummary } from '../../src/demo/generate.js';
import { generateXl, xlLedger, XL_TRANSLATION_TABLE } from '../../src/demo/xl.js';
import { importSources } from '../../src/ingest/index.js';
import { openMemoryWarehouse } from '../../src/model/warehouse.js';

const base = path.join(os.tmpdir(), `tvaerblik-xl-ledger-test-${process.pid}`);
afterAll(() => rmSync(base, { recursive: true, force: true }));

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);

describe('the XL ledger (issue 19): costing at XL allocates real money', () => {
  it('prices the visits by hand: rows × hours a visit × kr an hour, internal income, 6 % administration', () => {
    const lines = xlLedger({
      persons: 10,
      seed: 1,
      year: 2024,
      format: 'csv',
      files: [
        { file: 'extracts/cpr-bopael.csv', rows: 10 },
        { file: 'extracts/hjemmepleje-2024-01.csv', rows: 5 },
        { file: 'extracts/hjemmepleje-2024-02.csv', rows: 3 },
        { file: 'extracts/sygepleje-2024-01.csv', rows: 4 },
        { file: 'extracts/praksis-2024-01.csv', rows: 99 },
      ],
    });
    const of = (activity: string, from: number, to: number) =>
      sum(
        lines
          .filter(
            (l) =>
              l.activity === activity && Number(l.responsibility) >= from && Number(l.responsibility) <= to,
          )
          .map((l) => l.amountMinor),
      );
    // home care: 5 + 3 = 8 visits × 0.625 h × 42,000 øre = 210,000 øre; personal care 55 % = 115,500,
    // practical help 94,500 — net of internal income (account 97, negative), over districts 1–7
    expect(of('5.30.26', 3101, 3107)).toBe(115_500n);
    expect(of('5.30.26', 3201, 3207)).toBe(94_500n);
    // home nursing: 4 visits × 0.5 h × 48,000 øre = 96,000 øre
    expect(of('4.62.85', 5201, 5207)).toBe(96_000n);
    // administration: 6 % of the direct 210,000 + 96,000 = 306,000 → 18,360 øre
    expect(of('6.45.51', 1000, 1000)).toBe(18_360n);
    expect(sum(lines.map((l) => l.amountMinor))).toBe(324_360n);
    // internal income nets the gross down: 2 % of each district's net cost, booked negative
    const internal = lines.filter((l) => l.account === '97');
    expect(internal).toHaveLength(3 * 7);
    expect(internal.every((l) => l.amountMinor < 0n)).toBe(true);
    // every line is in the municipality the visits are booked to (the config's first)
    expect(new Set(lines.map((l) => l.municipality))).toEqual(new Set(['101']));
  });

  it('on 2,000 persons: Σ cost_person = Σ ledger per municipality, to the øre; old workspaces get the same ledger', async () => {
    const dir = path.join(base, 'ws');
    const x = await generateXl({ persons: 2000, seed: 7, out: dir, format: 'csv' });
    const rows = (name: string) =>
      x.files.filter((f) => f.file.includes(name)).reduce((a, f) => a + f.rows, 0);
    expect([rows('hjemmepleje'), rows('sygepleje')]).toEqual([59_530, 10_848]);
    expect(x.files.at(-1)).toEqual({ file: 'extracts/finans-2024.csv', rows: 87 });

    const ws = openWorkspace(dir);
    const engine = await openMemoryWarehouse();
    try {
      const out = createOutput({ json: true, lang: 'en', stdout: () => {}, stderr: () => {}, isTTY: false });
      await importSources(ws, engine, out);
      await runCosting(ws, engine, out);
      const perMunicipality = async (sql: string) =>
        Object.fromEntries(
          (await engine.all<{ m: string; s: bigint }>(sql)).map((r) => [r.m, BigInt(r.s)] as const),
        );
      const ledger = await perMunicipality(
        'SELECT municipality AS m, sum(amount_minor)::BIGINT AS s FROM ledger GROUP BY 1',
      );
      const persons = await perMunicipality(
        'SELECT municipality AS m, sum(cost_minor)::BIGINT AS s FROM cost_person GROUP BY 1',
      );
      // ledger: home care 59,530 × 0.625 × 42,000 = 1,562,662,500 + nursing 10,848 × 0.5 × 48,000 =
      // 260,352,000 → direct 1,823,014,500; administration 6 % = 109,380,870; total 1,932,395,370 øre
      expect(ledger).toEqual({ '101': 1_932_395_370n });
      expect(persons).toEqual(ledger);
      // nothing is left unattributed
      const na = await engine.one<{ n: bigint }>('SELECT count(*) AS n FROM cost_nonattributable');
      expect(na.n).toBe(0n);
      // home nursing by hand: direct 10,848 visits × 0.5 h × 480 kr = 2,603,520.00 kr, plus its share of
      // administration by direct cost, 109,380,870 × 260,352,000 / 1,823,014,500 = 6 % of it exactly =
      // 156,211.20 kr → 2,759,731.20 kr over 5,424 performed hours = 508.80 kr an hour
      const nursing = await engine.one<{ c: bigint; v: string; u: string }>(
        `SELECT sum(cost_minor)::BIGINT AS c, sum(volume)::VARCHAR AS v,
                (SELECT unit_cost_minor::VARCHAR FROM cost_unit WHERE catalogue_code = 'SUL-138') AS u
         FROM cost_person WHERE catalogue_code = 'SUL-138'`,
      );
      expect(nursing).toEqual({ c: 275_973_120n, v: '5424.0000', u: '50880.0000' });
    } finally {
      await engine.close();
    }

    // A workspace of the generator before the ledger: no ledger, no translation table, a config without
    // either, a summary without the ledger. The bench's reuse path adds them; the extracts are untouched.
    const extracts = x.files.slice(0, -1);
    const before = Object.fromEntries(extracts.map((f) => [f.file, sha(path.join(dir, f.file))]));
    const fresh = ['extracts/finans-2024.csv', XL_TRANSLATION_TABLE, 'tvaerblik.yaml'].map((f) =>
      readFileSync(path.join(dir, f), 'utf8'),
    );
    rmSync(path.join(dir, 'extracts', 'finans-2024.csv'));
    rmSync(path.join(dir, 'mappings'), { recursive: true });
    const old = parse(fresh[2]!) as { sources: { id: string }[]; costing?: unknown };
    delete old.costing;
    old.sources = old.sources.filter((s) => s.id !== 'finans');
    writeFileSync(path.join(dir, 'tvaerblik.yaml'), stringify(old));
    const summary = {
      dir,
      country: 'DK',
      municipality: 'XL',
      persons: 2000,
      seed: 7,
      period: '2024',
      files: extracts,
    } as unknown as DemoSummary;
    const added = addXlLedger(dir, summary);
    expect(added.files).toEqual(x.files);
    expect(
      ['extracts/finans-2024.csv', XL_TRANSLATION_TABLE, 'tvaerblik.yaml'].map((f) =>
        readFileSync(path.join(dir, f), 'utf8'),
      ),
    ).toEqual(fresh);
    expect(Object.fromEntries(extracts.map((f) => [f.file, sha(path.join(dir, f.file))]))).toEqual(before);
    // and again: idempotent (a summary that already lists the ledger)
    expect(addXlLedger(dir, added).files).toEqual(x.files);
  }, 120_000);
});
