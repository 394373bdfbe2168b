import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { createPseudonymiser } from '../../src/ids/pseudonymise.js';
import { seededRandom, syntheticCpr } from '../../src/ids/synthetic.js';
import { importSources } from '../../src/ingest/index.js';
import { createIdMap, PersonIds } from '../../src/ingest/persons.js';
import { plan } from '../../src/ingest/plan.js';
import { stageSource } from '../../src/ingest/stage.js';
import { openMemoryWarehouse } from '../../src/model/warehouse.js';
import { makeWorkspace, SERVICE_HEADER, serviceSource, testOutput } from './helpers.js';

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

const rnd = seededRandom(19);
// four synthetic persons (10-digit CPR numbers written with a dash: 11 characters each)
const [A, B, C, D] = [1950, 1961, 1972, 1983].map((y, i) =>
  syntheticCpr(new Date(Date.UTC(y, i, 10)), i % 2 ? 'M' : 'F', rnd),
) as [string, string, string, string];
const row = (id: string, hours = '2,5') => `${id};01-02-2024;28-02-2024;${hours};SEL-83-PP;100,00`;

describe('a CSV is read straight into the staged rows, the person as a hash of the id', () => {
  it('numbers the rows of every file of a glob by their line, with no copy of the raw cells', async () => {
    const ws = makeWorkspace({
      sources: [serviceSource({ file: 'extracts/hp-*.csv' })],
      files: {
        // file 1: 3 rows (lines 2–4); file 2: its line 3 holds an unreadable volume
        'extracts/hp-1.csv': [SERVICE_HEADER, row(A), row(B), row(C)].join('\n') + '\n',
        'extracts/hp-2.csv': [SERVICE_HEADER, row(D), row(A, '4#5'), row(B)].join('\n') + '\n',
      },
    });
    engine = await openMemoryWarehouse();
    const e = (await importSources(ws, engine, testOutput()).catch((x: unknown) => x)) as {
      location: { file: string; row: number; column: string };
    };
    // the stop names the second file and its line 3 (header = line 1), not a position in the whole source
    expect(e.location).toMatchObject({ file: 'extracts/hp-2.csv', row: 3, column: 'Timer' });
    expect((await engine.one<{ n: bigint }>('SELECT count(*) AS n FROM service')).n).toBe(0n);
  });

  it('two ids with one pid: the newer gets a pid of its own and staging joins the id map', async () => {
    const ws = makeWorkspace({
      sources: [serviceSource()],
      // 6 rows of 4 persons: A twice, B twice, C and D once
      files: {
        'extracts/hjemmepleje.csv':
          [SERVICE_HEADER, row(A), row(B), row(A), row(C), row(D), row(B)].join('\n') + '\n',
      },
    });
    engine = await openMemoryWarehouse();
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'tvaerblik-pid-'));
    try {
      await engine.exec('CREATE OR REPLACE TEMP TABLE codemap (local_code VARCHAR, catalogue_code VARCHAR)');
      await engine.exec('CREATE OR REPLACE TEMP TABLE cat (code VARCHAR, unit VARCHAR, law_ref VARCHAR)');
      await createIdMap(engine);
      // a weak "hash": every id of the same length collides (all four ids are 11 characters)
      const weak = (raw: string) => `CASE WHEN ${raw} IS NOT NULL THEN CAST(length(${raw}) AS BIGINT) END`;
      const ids = new PersonIds(createPseudonymiser(Buffer.alloc(32, 7)), 'DK', weak);
      const p = await plan(ws, engine, ws.config.sources[0]!, 'en');
      await stageSource(ws, engine, p, tmp, 'en', ids, () => {});
      expect(ids.exact).toBe(false);
      const map = await engine.all<{ pid: bigint; seq: number }>('SELECT pid, seq FROM idmap ORDER BY seq');
      // four distinct ids: the first keeps pid 11 (its length), the other three get −seq: −2, −3, −4
      expect(map.map((m) => Number(m.pid))).toEqual([11, -2, -3, -4]);
      // every staged row carries the pid of its own id: 4 distinct pids over 6 rows, rows numbered 2–7
      const staged = await engine.all<{ row: bigint; same: boolean }>(
        `SELECT t.__row AS row, t.pid = m.pid AS same FROM stgv t
         JOIN idmap m ON m.person_key IS NOT NULL AND m.pid = t.pid ORDER BY t.__row`,
      );
      expect(staged.map((s) => Number(s.row))).toEqual([2, 3, 4, 5, 6, 7]);
      const persons = await engine.one<{ n: bigint }>('SELECT count(DISTINCT pid) AS n FROM stgv');
      expect(persons.n).toBe(4n);
      // A (rows 2 and 4) and B (rows 3 and 7) each keep one pid across their rows
      const byRow = await engine.all<{ pid: bigint }>('SELECT pid FROM stgv ORDER BY __row');
      expect(byRow[0]!.pid).toBe(byRow[2]!.pid);
      expect(byRow[1]!.pid).toBe(byRow[5]!.pid);
      expect(byRow[0]!.pid).not.toBe(byRow[1]!.pid);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
