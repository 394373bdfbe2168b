import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { seededRandom, syntheticCpr } from '../../src/ids/synthetic.js';
import { importSources } from '../../src/ingest/index.js';
import { openWarehouse } from '../../src/model/warehouse.js';
import { makeWorkspace, SERVICE_HEADER, serviceSource, testOutput, writeFile } from './helpers.js';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'kill-child.ts');

async function counts(ws: ReturnType<typeof makeWorkspace>) {
  const engine = await openWarehouse(ws);
  try {
    const one = async (sql: string) => Number((await engine.one<{ n: bigint }>(sql)).n);
    return {
      service: await one('SELECT count(*) AS n FROM service'),
      person: await one('SELECT count(*) AS n FROM person'),
      import_log: await one('SELECT count(*) AS n FROM import_log'),
      import_ids: await one('SELECT coalesce(max(import_id), 0) AS n FROM service'),
    };
  } finally {
    await engine.close();
  }
}

describe('kill during import', () => {
  it('leaves the warehouse as it was, and the next import completes', async () => {
    const rnd = seededRandom(5);
    const ids = Array.from({ length: 500 }, (_, i) =>
      syntheticCpr(new Date(Date.UTC(1940 + (i % 60), i % 12, 1 + (i % 28))), i % 2 ? 'M' : 'F', rnd),
    );
    const line = (i: number) =>
      `${ids[i % ids.length]};01-02-2024;28-02-2024;${(i % 9) + 1};SEL-83-PP;${i},00`;
    const ws = makeWorkspace({
      sources: [serviceSource()],
      files: {
        'extracts/hjemmepleje.csv': [SERVICE_HEADER, ...Array.from({ length: 10 }, (_, i) => line(i))].join(
          '\n',
        ),
      },
    });
    const engine = await openWarehouse(ws);
    await importSources(ws, engine, testOutput());
    await engine.close();
    const before = await counts(ws);
    expect(before).toEqual({ service: 10, person: 10, import_log: 1, import_ids: 1 });

    // A bigger extract for the same source and period: it would replace the first one.
    writeFile(
      ws.dir,
      'extracts/hjemmepleje.csv',
      [SERVICE_HEADER, ...Array.from({ length: 200_000 }, (_, i) => line(i))].join('\n'),
    );
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ws.dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        if (d.toString().includes('LOADED')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`child exited (${code}) before loading: ${stderr}`)));
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;

    expect(await counts(ws)).toEqual(before);

    const again = await openWarehouse(ws);
    const s = await importSources(ws, again, testOutput());
    // row numbers follow the file over many row groups: line i + 2 carries amount i kr
    const off = await again.one<{ n: bigint }>(
      'SELECT count(*) AS n FROM service WHERE amount_minor <> (row_no - 2) * 100',
    );
    expect(off.n).toBe(0n);
    await again.close();
    expect(s.sources[0]).toMatchObject({ status: 'replaced', rows_loaded: 200_000, replaced_import_id: 1 });
    expect(await counts(ws)).toEqual({ service: 200_000, person: 500, import_log: 2, import_ids: 2 });
  }, 300_000);
});
