import { afterAll, describe, expect, it } from 'vitest';
import { xlCpr } from '../../src/demo/xl.js';
import { UserError } from '../../src/errors.js';
import { importSources } from '../../src/ingest/index.js';
import { readError, type Relation } from '../../src/ingest/read.js';
import { IMPORT_MEMORY } from '../../src/ingest/stage.js';
import { openMemoryWarehouse } from '../../src/model/warehouse.js';
import { makeWorkspace, SERVICE_HEADER, serviceSource, testOutput } from './helpers.js';

// The raw engine (one file's rows with their raw ids, never spilled) gets a tiny memory limit here, so
// that a file of 250,000 rows is "too large" in a second instead of 60 million rows at the real 3 GB.
// Measured on this machine: at 48 MB a 264,471-row GP file fails and a 66,538-row one loads; below
// ≈ 40 MB even a small file fails (DuckDB's CSV reader alone asks for a 30.5 MiB block).
const REAL = IMPORT_MEMORY.raw;
IMPORT_MEMORY.raw = '48MB';
afterAll(() => {
  IMPORT_MEMORY.raw = REAL;
});

/** `n` service rows of 1,000 synthetic persons (no real CPR number: xlCpr's serials on 1 June 1950). */
function rows(n: number, from = 0): string {
  const day = new Date(Date.UTC(1950, 5, 1));
  const out: string[] = [];
  for (let i = from; i < from + n; i++)
    out.push(`${xlCpr(day, i % 2 === 0, i % 500)};01-02-2024;28-02-2024;0,25;SEL-83-PP;${i % 97},00`);
  return out.join('\n');
}

describe('one extract file too large for the raw engine (issue 19)', () => {
  it('names the file and the source and says to split it (da/sv/en); split, the same rows load', async () => {
    const big = `${SERVICE_HEADER}\n${rows(250_000)}\n`;
    const ws = makeWorkspace({
      sources: [serviceSource({ file: 'extracts/hjemmepleje-*.csv' })],
      files: {
        'extracts/hjemmepleje-1.csv': `${SERVICE_HEADER}\n${rows(10)}\n`,
        'extracts/hjemmepleje-2.csv': big,
      },
    });
    const engine0 = await openMemoryWarehouse();
    try {
      const e = await importSources(ws, engine0, testOutput()).then(
        () => undefined,
        (x: unknown) => x,
      );
      expect(e).toBeInstanceOf(UserError);
      const u = e as UserError;
      // the second file (the first fits), not DuckDB's advice to give the engine a temp directory
      expect(u.location.file).toBe('extracts/hjemmepleje-2.csv');
      const text = u.describe();
      expect(text).toContain('The file extracts/hjemmepleje-2.csv of source hjemmepleje is too large');
      expect(text).toMatch(/too large to stage in memory.*never written to disk/s);
      expect(text).toMatch(
        /split the extract into smaller files, e\.g\. one a month.*glob in sources\[hjemmepleje\]/s,
      );
      expect(text).not.toMatch(/temp_directory|Out of Memory/);
      // the limit from DuckDB's message: 48 MB = 48,000,000 / 1,048,576 = 45.8 MiB (DuckDB shows 45.7)
      expect(text).toMatch(/within 45\.\d MiB/);
      // no person id in the text
      expect(text).not.toMatch(/\d{6}-?\d{4}/);
      // nothing was loaded
      expect((await engine0.one<{ n: bigint }>('SELECT count(*) AS n FROM service')).n).toBe(0n);
    } finally {
      await engine0.close();
    }

    // the same DuckDB failure, in Danish and Swedish (readError is the path the import took above)
    const rel = { file: 'extracts/x.csv', format: 'csv' } as Relation;
    const oom = new Error(
      'Out of Memory Error: failed to allocate data of size 4.0 KiB (2.7 GiB/2.7 GiB used)',
    );
    const da = (readError(oom, rel, 'praksis', 'da') as UserError).describe();
    const sv = (readError(oom, rel, 'praksis', 'sv') as UserError).describe();
    expect(da).toMatch(
      /Filen extracts\/x\.csv i kilden praksis er for stor.*inden for 2\.7 GiB.*del udtrækket/s,
    );
    expect(sv).toMatch(/Filen extracts\/x\.csv i källan praksis är för stor.*inom 2\.7 GiB.*dela uttaget/s);

    // The fix the message gives: the same 250,000 rows as five files of 50,000 behind the same glob load.
    const split = makeWorkspace({
      sources: [serviceSource({ file: 'extracts/hjemmepleje-*.csv' })],
      files: Object.fromEntries(
        Array.from({ length: 5 }, (_, k) => [
          `extracts/hjemmepleje-${k + 1}.csv`,
          `${SERVICE_HEADER}\n${rows(50_000, k * 50_000)}\n`,
        ]),
      ),
    });
    const engine = await openMemoryWarehouse();
    try {
      const s = await importSources(split, engine, testOutput());
      // 5 × 50,000 = 250,000 rows, every one loaded
      expect(s.sources[0]!.rows_loaded).toBe(250_000);
    } finally {
      await engine.close();
    }
  }, 120_000);
});
