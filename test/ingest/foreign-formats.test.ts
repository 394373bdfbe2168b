/**
 * Extracts in the shapes other municipalities' systems export, which the demo does not write: unnamed
 * trailing columns, single-byte text whose scan fails at once, and more. Each case was found by configuring
 * such a file from the docs alone.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { importSources } from '../../src/ingest/index.js';
import { openRelation } from '../../src/ingest/read.js';
import { openMemoryWarehouse } from '../../src/model/warehouse.js';
import { makeWorkspace, serviceSource, testOutput, writeFile } from './helpers.js';

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

const CPR = '170585-2380'; // synthetic; only pseudonymised, never shown

async function importWs(ws: ReturnType<typeof makeWorkspace>) {
  engine = await openMemoryWarehouse();
  return importSources(ws, engine, testOutput('en'));
}

describe('CSV header cells that are empty', () => {
  it('names an empty header cell as Excel shows its column, so trailing `;;` columns load', async () => {
    // Columns A–F named, G empty in the middle of the data's width, H and I empty at the end (`;;`).
    const lines = [
      'CPR;Fra;Til;Timer;Kode;Beløb;;Note;;',
      `${CPR};01-02-2024;29-02-2024;2,5;SEL-83-PP;100,50;;x;;`,
      `${CPR};01-03-2024;31-03-2024;1;SEL-83-PP;49,50;;;;`,
    ];
    const ws = makeWorkspace({
      sources: [serviceSource({ columns: { ...serviceSource().columns!, provider_unit: 'column_G' } })],
      files: { 'extracts/hjemmepleje.csv': lines.join('\r\n') + '\r\n' },
    });
    const s = await importWs(ws);
    expect(s.sources[0]).toMatchObject({ status: 'loaded', rows_read: 2, rows_loaded: 2 });
    // 100.50 + 49.50 kr = 150.00 kr = 15000 øre
    const sum = await engine!.one<{ a: bigint }>('SELECT sum(amount_minor) AS a FROM service');
    expect(Number(sum.a)).toBe(15000);
  });
});

describe('a Windows-1252 CSV fed to DuckDB through a pipe', () => {
  it('ends its feed when released before any reader opened the pipe (no hang)', async () => {
    if (process.platform === 'win32') return; // no named pipes: a temporary file instead
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tvaerblik-pipe-'));
    const file = path.join(dir, 'x.csv');
    writeFile(dir, 'x.csv', iconv.encode(`CPR;Beløb\r\n${CPR};1\r\n`, 'windows-1252'));
    engine = await openMemoryWarehouse();
    const source = serviceSource({ csv: { delimiter: ';', encoding: 'windows-1252' } }) as never;
    const rel = await openRelation(engine, source, file, 'x.csv', dir, 'en');
    // The scan failed at once (e.g. a bind error): no reader ever opens the pipe.
    const fed = rel.feed!();
    rel.release!();
    const settled = await fed.then(
      () => 'ended',
      () => 'ended',
    );
    expect(settled).toBe('ended');
  });
});
