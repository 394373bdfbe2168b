import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDuckDB } from '../../src/engine/duckdb.js';
import { seededRandom, syntheticCpr } from '../../src/ids/synthetic.js';
import { importSources } from '../../src/ingest/index.js';
import { openWarehouse } from '../../src/model/warehouse.js';
import { runCli } from '../helpers/cli.js';
import { makeWorkspace, SERVICE_HEADER, serviceSource, testOutput } from './helpers.js';

/** Every file under a folder (the warehouse, its WAL and temp folder, reports). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('no raw person id leaves the import', () => {
  it('is absent from the warehouse file, reports, output and error messages', async () => {
    const rnd = seededRandom(31337);
    const ids = Array.from({ length: 40 }, (_, i) =>
      syntheticCpr(new Date(Date.UTC(1935 + i, i % 12, 1 + (i % 28))), i % 2 ? 'M' : 'F', rnd, {
        failMod11: i % 5 === 0,
      }),
    );
    const invalid = ['320185-1234', '311399-4321'];
    const lines = [
      SERVICE_HEADER,
      ...ids.map((id, i) => `${i % 2 ? id : id.replace('-', '')};01-02-2024;28-02-2024;1;SEL-83-PP;1`),
      ...invalid.map((id) => `${id};01-02-2024;;1;SEL-83-PP;1`),
    ];
    const ws = makeWorkspace({
      sources: [
        serviceSource({ checks: { person_id_valid: { threshold: 10 } } }),
        {
          id: 'bopael',
          file: 'extracts/bopael.csv',
          format: 'csv',
          target: 'residence',
          columns: { person_id: 'cpr', from_date: 'fra' },
        },
      ],
      files: {
        'extracts/hjemmepleje.csv': lines.join('\n') + '\n',
        'extracts/bopael.csv': `cpr,fra\n${ids.slice(0, 20).join(',2020-01-01\n')},2020-01-01\n`,
      },
    });
    const out = testOutput();
    const engine = await openWarehouse(ws);
    const s = await importSources(ws, engine, out);
    // the invalid ids' service rows load without a person (docs/ingest.md, section 3)
    expect(s.sources.map((x) => x.rows_rejected)).toEqual([0, 0]);
    expect(s.unidentified.map((u) => u.rows)).toEqual([2]);
    await importSources(ws, engine, out, { dryRun: true });
    await engine.close();
    // CLI runs: import (unchanged), check, and a stop failure with its error output
    const cli = [
      await runCli(['--workspace', ws.dir, 'import']),
      await runCli(['--workspace', ws.dir, '--lang', 'da', 'check', '--all'], { tty: true }),
      await runCli(['--workspace', ws.dir, 'import', 'nope']),
    ];
    expect(cli.map((r) => r.code)).toEqual([0, 0, 2]);

    const haystacks: [string, Buffer][] = [
      ...filesUnder(path.join(ws.dir, 'warehouse')).map((f) => [f, readFileSync(f)] as [string, Buffer]),
      ...filesUnder(path.join(ws.dir, 'reports')).map((f) => [f, readFileSync(f)] as [string, Buffer]),
      ['output', Buffer.from(out.text.join(''))],
      ...cli.map((r, i) => [`cli ${i}`, Buffer.from(r.stdout + r.stderr)] as [string, Buffer]),
    ];
    expect(haystacks.some(([f]) => f.endsWith('.duckdb'))).toBe(true);
    expect(haystacks.length).toBeGreaterThanOrEqual(5);
    for (const raw of [...ids, ...invalid]) {
      const forms = [raw, raw.replace('-', '')];
      for (const [where, bytes] of haystacks)
        for (const form of forms) expect(bytes.includes(form), `${form} found in ${where}`).toBe(false);
    }
    // Control: the same scan finds ids that a DuckDB file does hold (so absence above is meaningful).
    const control = await openDuckDB({ file: path.join(ws.dir, 'warehouse', 'control', 'control.duckdb') });
    await control.exec('CREATE TABLE t (raw VARCHAR)');
    await control.append(
      't',
      ['raw'],
      ids.map((id) => [id.replace('-', '')]),
    );
    await control.exec('CHECKPOINT');
    await control.close();
    const bytes = readFileSync(path.join(ws.dir, 'warehouse', 'control', 'control.duckdb'));
    expect(ids.filter((id) => bytes.includes(id.replace('-', '')))).toHaveLength(ids.length);
  }, 60_000);
});
