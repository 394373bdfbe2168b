import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDuckDB } from '../../src/engine/duckdb.js';
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

describe('a CSV is read straight into the staged rows, file by file, the person as a pid', () => {
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

  it('raw ids stay in the raw engine: each person keeps one pid across files, the staged files hold none', async () => {
    const ws = makeWorkspace({
      sources: [serviceSource({ file: 'extracts/hp-*.csv' })],
      // 6 rows of 4 persons over two files: A twice (one in each file), B twice, C and D once
      files: {
        'extracts/hp-1.csv': [SERVICE_HEADER, row(A), row(B), row(A)].join('\n') + '\n',
        'extracts/hp-2.csv': [SERVICE_HEADER, row(C), row(D), row(B)].join('\n') + '\n',
      },
    });
    engine = await openMemoryWarehouse();
    const raw = await openDuckDB({ file: ':memory:', tempDirectory: '' });
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'tvaerblik-pid-'));
    try {
      await engine.exec('CREATE OR REPLACE TEMP TABLE codemap (local_code VARCHAR, catalogue_code VARCHAR)');
      await engine.exec('CREATE OR REPLACE TEMP TABLE cat (code VARCHAR, unit VARCHAR, law_ref VARCHAR)');
      await createIdMap(engine, raw);
      const ids = new PersonIds(createPseudonymiser(Buffer.alloc(32, 7)), 'DK', raw);
      const p = await plan(ws, engine, ws.config.sources[0]!, 'en');
      // the progress of the pseudonymising (JS work no engine reports), read as each batch goes in
      const seen: unknown[] = [];
      const append = engine.append.bind(engine);
      engine.append = (table, columns, rows) => {
        if (table === 'idbatch') seen.push(ids.progress());
        return append(table, columns, rows);
      };
      const staged = await stageSource(ws, engine, raw, p, tmp, 'en', ids, () => {});
      // one batch a file, each of two new ids (A, B; then C, D): not done when it goes in; nothing after
      expect(seen).toEqual([
        { fraction: 0, rows: 0, totalRows: 2 },
        { fraction: 0, rows: 0, totalRows: 2 },
      ]);
      expect(ids.progress()).toBeUndefined();
      // pids number the ids as first seen, file by file: A and B of file 1 get 1 and 2 (in either order),
      // C and D of file 2 get 3 and 4; B, met again in file 2, keeps its pid
      const map = await raw.all<{ raw: string; pid: bigint }>('SELECT raw, pid FROM rawmap ORDER BY pid');
      const pidOf = new Map(map.map((m) => [m.raw, Number(m.pid)]));
      expect(map).toHaveLength(4);
      expect([pidOf.get(A), pidOf.get(B)].sort()).toEqual([1, 2]);
      expect([pidOf.get(C), pidOf.get(D)].sort()).toEqual([3, 4]);
      // rows by (file, line): file 1 lines 2–4 = A, B, A; file 2 lines 2–4 = C, D, B
      const rows = await engine.all<{ f: number; r: bigint; pid: bigint }>(
        'SELECT __file AS f, __row AS r, pid FROM stgv ORDER BY __file, __row',
      );
      expect(rows.map((x) => [x.f, Number(x.r), Number(x.pid)])).toEqual([
        [0, 2, pidOf.get(A)],
        [0, 3, pidOf.get(B)],
        [0, 4, pidOf.get(A)],
        [1, 2, pidOf.get(C)],
        [1, 3, pidOf.get(D)],
        [1, 4, pidOf.get(B)],
      ]);
      // the warehouse connection's id map has no raw id; the staged files hold none of the four ids
      const cols = await engine.all<{ column_name: string }>(
        `SELECT column_name FROM duckdb_columns() WHERE table_name = 'idmap'`,
      );
      expect(cols.map((c) => c.column_name)).not.toContain('raw');
      expect(staged.parts).toHaveLength(2);
      for (const part of staged.parts) {
        const bytes = readFileSync(part).toString('latin1');
        for (const id of [A, B, C, D]) {
          expect(bytes.includes(id)).toBe(false);
          expect(bytes.includes(id.replace('-', ''))).toBe(false);
        }
      }
      // staged again in the same folder (the next source of an import), the files get new names: DuckDB
      // caches a file's blocks by its path, and a file rewritten within the same second read stale blocks
      const again = await stageSource(ws, engine, raw, p, tmp, 'en', ids, () => {});
      expect(again.parts).toHaveLength(2);
      expect(again.parts.filter((f) => staged.parts.includes(f))).toEqual([]);
    } finally {
      await raw.close();
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
