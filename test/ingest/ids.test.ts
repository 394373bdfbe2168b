import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { seededRandom, syntheticCpr, syntheticPersonnummer } from '../../src/ids/synthetic.js';
import { DataQualityStop, importSources } from '../../src/ingest/index.js';
import { openMemoryWarehouse } from '../../src/model/warehouse.js';
import { makeWorkspace, SERVICE_HEADER, serviceSource, testOutput } from './helpers.js';

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

const row = (id: string) => `${id};01-02-2024;28-02-2024;2,5;SEL-83-PP;100,00`;
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

describe('person ids through the import', () => {
  it('accepts CPR with and without hyphen, post-2007 CPR failing modulus 11, eCPR; rejects invalid ids', async () => {
    const rnd = seededRandom(7);
    const cpr = syntheticCpr(utc(1985, 5, 17), 'F', rnd);
    const post2007 = syntheticCpr(utc(2010, 3, 2), 'M', rnd, { failMod11: true });
    const lines = [
      SERVICE_HEADER,
      row(cpr), // row 2
      row(cpr.replace('-', '')), // row 3: same person
      row(post2007), // row 4: warning, loaded
      row('150185-1AB3'), // row 5: eCPR with letters (century digit 1 → 1985, male)
      row('7705852053'), // row 6: substitute number (day + 60) → eCPR born 17-05-1985
      row('320185-1234'), // row 7: no 32nd day → invalid, loaded without a person
      row('12345'), // row 8: bad format → invalid, loaded without a person
    ];
    const ws = makeWorkspace({
      sources: [serviceSource({ checks: { person_id_valid: { threshold: 50 } } })],
      files: { 'extracts/hjemmepleje.csv': lines.join('\n') + '\n' },
    });
    engine = await openMemoryWarehouse();
    const s = await importSources(ws, engine, testOutput());
    expect(s.sources[0]).toMatchObject({ status: 'loaded', rows_read: 7, rows_loaded: 7, rows_rejected: 0 });
    const valid = s.checks.find((c) => c.check_id === 'person_id_valid')!;
    expect(valid).toMatchObject({
      rows_violated: 2,
      sample_rows: [7, 8],
      status: 'within',
      severity: 'warn',
    }); // 2 of 7 ≤ 50 %
    expect(s.checks.find((c) => c.check_id === 'person_id_cpr_mod11')).toMatchObject({
      rows_violated: 1,
      sample_rows: [4],
    });
    const persons = await engine.all(
      `SELECT id_scheme, birth_year, birth_month, sex, count(*)::INTEGER AS n FROM person GROUP BY ALL ORDER BY ALL`,
    );
    expect(persons).toEqual([
      { id_scheme: 'cpr', birth_year: 1985, birth_month: 5, sex: 'F', n: 1 },
      { id_scheme: 'cpr', birth_year: 2010, birth_month: 3, sex: 'M', n: 1 },
      { id_scheme: 'ecpr', birth_year: 1985, birth_month: 1, sex: 'M', n: 1 },
      { id_scheme: 'ecpr', birth_year: 1985, birth_month: 5, sex: 'M', n: 1 },
    ]);
    const loaded = await engine.all<{ row_no: bigint }>(
      'SELECT row_no FROM service WHERE person_key IS NOT NULL ORDER BY row_no',
    );
    expect(loaded.map((r) => Number(r.row_no))).toEqual([2, 3, 4, 5, 6]);
    const twice = await engine.one<{ n: bigint }>(
      `SELECT count(DISTINCT person_key) AS n FROM service WHERE row_no IN (2, 3)`,
    );
    expect(twice.n).toBe(1n);
  });

  it('numbers each person once: a later import finds a known person by its pseudonym and numbers only the new', async () => {
    const rnd = seededRandom(11);
    const [x, y, z] = [1950, 1960, 1970].map((yr) => syntheticCpr(utc(yr, 1, 2), 'F', rnd));
    const ws = makeWorkspace({
      sources: [serviceSource(), serviceSource({ id: 'sygepleje', file: 'extracts/sygepleje.csv' })],
      files: {
        'extracts/hjemmepleje.csv': [SERVICE_HEADER, row(x!), row(y!)].join('\n') + '\n',
        'extracts/sygepleje.csv': [SERVICE_HEADER, row(y!.replace('-', '')), row(z!)].join('\n') + '\n',
      },
    });
    engine = await openMemoryWarehouse();
    await importSources(ws, engine, testOutput(), { sources: ['hjemmepleje'] });
    await importSources(ws, engine, testOutput(), { sources: ['sygepleje'] });
    const keys = await engine.all<{ source_id: string; row_no: bigint; person_key: bigint }>(
      'SELECT source_id, row_no, person_key FROM service ORDER BY source_id, row_no',
    );
    // first import: x → 1, y → 2 (the largest key was 0); second: y (other spelling) keeps 2, z → 2 + its pid 2 = 4
    expect(keys.map((k) => [k.source_id, Number(k.row_no), k.person_key])).toEqual([
      ['hjemmepleje', 2, 1n],
      ['hjemmepleje', 3, 2n],
      ['sygepleje', 2, 2n],
      ['sygepleje', 3, 4n],
    ]);
    const persons = await engine.all<{ person_key: bigint; birth_year: number }>(
      'SELECT person_key, birth_year FROM person ORDER BY person_key',
    );
    expect(persons).toEqual([
      { person_key: 1n, birth_year: 1950 },
      { person_key: 2n, birth_year: 1960 },
      { person_key: 4n, birth_year: 1970 },
    ]);
  });

  it('stops when invalid ids exceed the threshold of a check set to severity stop', async () => {
    const ws = makeWorkspace({
      sources: [serviceSource({ checks: { person_id_valid: { severity: 'stop', threshold: 5 } } })],
      files: { 'extracts/hjemmepleje.csv': [SERVICE_HEADER, row('310285-1234'), row('0101')].join('\n') },
    });
    engine = await openMemoryWarehouse();
    const err = await importSources(ws, engine, testOutput()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataQualityStop);
    expect((err as DataQualityStop).exitCode).toBe(3);
    expect((await engine.one<{ n: bigint }>('SELECT count(*) AS n FROM service')).n).toBe(0n);
    expect((await engine.one<{ n: bigint }>('SELECT count(*) AS n FROM person')).n).toBe(0n);
  });

  it('accepts Swedish personnummer in 12 and 10 digits with - and +, and samordningsnummer', async () => {
    const rnd = seededRandom(11);
    const pnr = syntheticPersonnummer(utc(1981, 12, 18), 'M', rnd); // YYYYMMDD-NNNC
    const old = syntheticPersonnummer(utc(1915, 6, 1), 'F', rnd);
    const samordning = syntheticPersonnummer(utc(1990, 2, 3), 'F', rnd, { samordning: true });
    const badLuhn = pnr.slice(0, -1) + String((Number(pnr.slice(-1)) + 1) % 10);
    const lines = [
      SERVICE_HEADER,
      row(pnr), // row 2
      row(pnr.slice(2)), // row 3: 10 digits with '-', same person
      row(pnr.slice(2).replace('-', '')), // row 4: 10 digits, no separator
      row(old.slice(2).replace('-', '+')), // row 5: '+' = aged 100 or more → 1915
      row(samordning), // row 6
      row(badLuhn), // row 7: rejected
    ];
    const ws = makeWorkspace({
      country: 'SE',
      sources: [serviceSource({ checks: { person_id_valid: { threshold: 50 } } })],
      files: { 'extracts/hjemmepleje.csv': lines.join('\n') + '\n' },
    });
    engine = await openMemoryWarehouse();
    const s = await importSources(ws, engine, testOutput());
    expect(s.sources[0]).toMatchObject({ rows_read: 6, rows_loaded: 6, rows_rejected: 0 });
    expect(s.checks.find((c) => c.check_id === 'person_id_valid')).toMatchObject({ sample_rows: [7] });
    const persons = await engine.all(
      `SELECT id_scheme, country, birth_year, birth_month, sex FROM person ORDER BY birth_year`,
    );
    expect(persons).toEqual([
      { id_scheme: 'personnummer', country: 'SE', birth_year: 1915, birth_month: 6, sex: 'F' },
      { id_scheme: 'personnummer', country: 'SE', birth_year: 1981, birth_month: 12, sex: 'M' },
      { id_scheme: 'samordningsnummer', country: 'SE', birth_year: 1990, birth_month: 2, sex: 'F' },
    ]);
    const same = await engine.one<{ n: bigint }>(
      `SELECT count(DISTINCT person_key) AS n FROM service WHERE row_no IN (2, 3, 4)`,
    );
    expect(same.n).toBe(1n);
  });
});
