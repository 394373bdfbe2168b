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
import { openRelation } from '../../src/ingest/read.js';
import { openMemoryWarehouse } from '../../src/model/warehouse.js';
import { serviceSource, writeFile } from './helpers.js';

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

const CPR = '170585-2380'; // synthetic; only pseudonymised, never shown

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
