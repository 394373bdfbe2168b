import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { seededRandom, syntheticCpr } from '../../src/ids/synthetic.js';
import { DataQualityStop, importSources } from '../../src/ingest/index.js';
import { openMemoryWarehouse } from '../../src/model/warehouse.js';
import {
  makeWorkspace,
  residenceSource,
  SERVICE_HEADER,
  serviceSource,
  testOutput,
  writeFile,
} from './helpers.js';

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

const rnd = seededRandom(99);
const ID = Array.from({ length: 6 }, (_, i) =>
  syntheticCpr(new Date(Date.UTC(1930 + 10 * i, i, 3)), i % 2 ? 'M' : 'F', rnd),
);
const count = async (sql: string) => Number((await engine!.one<{ n: bigint }>(sql)).n);

describe('atomic and repeatable imports', () => {
  it('re-importing the same file changes nothing; a new extract replaces the old one; periods accumulate', async () => {
    const v1 = [
      SERVICE_HEADER,
      `${ID[0]};01-02-2024;28-02-2024;2;SEL-83-PP;10,00`,
      `${ID[1]};01-02-2024;;1;SEL-83-PH;5`,
    ];
    const ws = makeWorkspace({
      sources: [serviceSource()],
      files: { 'extracts/hjemmepleje.csv': v1.join('\n') },
      periods: [
        { id: '2024', from: '2024-01-01', to: '2024-12-31' },
        { id: '2025', from: '2025-01-01', to: '2025-12-31' },
      ],
    });
    engine = await openMemoryWarehouse();
    const first = await importSources(ws, engine, testOutput());
    expect(first.sources[0]).toMatchObject({ status: 'loaded', import_id: 1, rows_loaded: 2 });

    const again = await importSources(ws, engine, testOutput());
    expect(again.sources[0]).toMatchObject({ status: 'unchanged', import_id: 1, rows_loaded: 2 });
    expect(await count('SELECT count(*) AS n FROM service')).toBe(2);
    expect(await count('SELECT count(*) AS n FROM import_log')).toBe(1);
    // the unchanged run still reports the findings of the import that loaded the data
    expect(again.checks.length).toBe(first.checks.length);

    writeFile(
      ws.dir,
      'extracts/hjemmepleje.csv',
      [...v1, `${ID[2]};03-03-2024;03-03-2024;1;SEL-83-PP;1`].join('\n'),
    );
    const replaced = await importSources(ws, engine, testOutput());
    expect(replaced.sources[0]).toMatchObject({
      status: 'replaced',
      import_id: 2,
      replaced_import_id: 1,
      rows_loaded: 3,
    });
    expect(await engine.all('SELECT import_id, count(*)::INTEGER AS n FROM service GROUP BY 1')).toEqual([
      { import_id: 2, n: 3 },
    ]);
    expect(await engine.all('SELECT import_id, replaced_import_id FROM import_log ORDER BY 1')).toEqual([
      { import_id: 1, replaced_import_id: null },
      { import_id: 2, replaced_import_id: 1 },
    ]);

    // next year's extract (another period) extends the history instead of replacing it
    const cfg = readFileSync(ws.configPath, 'utf8').replace("period: '2024'", "period: '2025'");
    writeFile(ws.dir, 'tvaerblik.yaml', cfg.replace(/period: "2024"/, 'period: "2025"'));
    writeFile(
      ws.dir,
      'extracts/hjemmepleje.csv',
      [SERVICE_HEADER, `${ID[0]};01-02-2025;28-02-2025;2;SEL-83-PP;10`].join('\n'),
    );
    const ws2 = (await import('../../src/config/workspace.js')).openWorkspace(ws.dir);
    expect(ws2.config.sources[0]!.period).toBe('2025');
    const next = await importSources(ws2, engine, testOutput());
    expect(next.sources[0]).toMatchObject({ status: 'loaded', import_id: 3 });
    expect(
      await engine.all('SELECT period, count(*)::INTEGER AS n FROM service GROUP BY 1 ORDER BY 1'),
    ).toEqual([
      { period: '2024', n: 3 },
      { period: '2025', n: 1 },
    ]);
  });

  it('a stop failure in one source loads nothing of the run, and records the findings', async () => {
    const ws = makeWorkspace({
      sources: [residenceSource(), serviceSource()],
      files: {
        'extracts/bopael.csv': `cpr,fra\n${ID[0]},2020-01-01\n`,
        'extracts/hjemmepleje.csv': [SERVICE_HEADER, `${ID[0]};1. feb;;2;SEL-83-PP;1`].join('\n'),
      },
    });
    engine = await openMemoryWarehouse();
    const err = await importSources(ws, engine, testOutput()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataQualityStop);
    const stop = err as DataQualityStop;
    expect(stop.message).toMatch(
      /start_date_format failed with severity stop for source hjemmepleje: 100% of rows \(allowed 5%\)/,
    );
    expect(stop.summary.sources.map((s) => [s.source, s.status, s.rows_loaded])).toEqual([
      ['bopael', 'stopped', 0],
      ['hjemmepleje', 'stopped', 0],
    ]);
    for (const t of ['residence', 'service', 'person', 'import_log'])
      expect(await count(`SELECT count(*) AS n FROM ${t}`)).toBe(0);
    expect(
      await count(
        `SELECT count(*) AS n FROM dq_result WHERE check_id = 'start_date_format' AND status = 'fail'`,
      ),
    ).toBe(1);
    expect(existsSync(path.join(ws.dir, 'reports', 'data-quality.html'))).toBe(true);
    const json = JSON.parse(readFileSync(path.join(ws.dir, 'reports', 'data-quality.json'), 'utf8')) as {
      stopped: boolean;
    };
    expect(json.stopped).toBe(true);
  });

  it('a check run (dry run) loads nothing but reports', async () => {
    const ws = makeWorkspace({
      sources: [serviceSource()],
      files: {
        'extracts/hjemmepleje.csv': [SERVICE_HEADER, `${ID[0]};01-02-2024;;2;SEL-83-PP;1`].join('\n'),
      },
    });
    engine = await openMemoryWarehouse();
    const s = await importSources(ws, engine, testOutput(), { dryRun: true });
    expect(s.sources[0]).toMatchObject({ status: 'checked', rows_read: 1, rows_loaded: 1, import_id: null });
    expect(await count('SELECT count(*) AS n FROM service')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM import_log')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM dq_result WHERE import_id IS NULL')).toBeGreaterThan(0);
  });
});

describe('mapping, transforms and checks', () => {
  it('translates local codes, lists unmapped codes with counts and amounts, and finds implausible rows', async () => {
    const header = 'cpr;start;slut;minutter;ydelse;kr';
    const lines = [
      header,
      `${ID[0]};01-02-2024;10-02-2024;600;PP;100,00`, // 2: 10 h over 10 days
      `${ID[1]};01-02-2024;01-02-2024;1800;PP;1.000,50`, // 3: 30 h in one day → > 24 h
      `${ID[2]};01-03-2024;01-02-2024;60;PH;5`, // 4: end before start
      `${ID[3]};01-03-2024;;-60;ZZ;7,25`, // 5: negative volume, unmapped ZZ
      `${ID[3]};01-03-2024;;60;ZZ;2,75`, // 6: unmapped ZZ again
      `${ID[4]};01-03-2023;31-03-2023;60;YY;1`, // 7: outside 2024, unmapped YY
      `${ID[4]};01-03-2023;31-03-2023;60;YY;1`, // 8: duplicate of 7
    ];
    const ws = makeWorkspace({
      sources: [
        serviceSource({
          codes: 'mappings/koder.csv',
          columns: {
            person_id: 'cpr',
            start_date: { column: 'start', format: 'dd-mm-yyyy' },
            end_date: { column: 'slut', format: 'dd-mm-yyyy' },
            volume: { expr: 'minutter / 60' },
            local_code: 'ydelse',
            amount: 'kr',
            provider: { value: 'external' },
          },
        }),
      ],
      files: {
        'extracts/hjemmepleje.csv': lines.join('\n'),
        'mappings/koder.csv':
          'local_code;catalogue_code;text\nPP;SEL-83-PP;Personlig pleje\nPH;SEL-83-PH;Praktisk hjælp\n',
      },
    });
    engine = await openMemoryWarehouse();
    const s = await importSources(ws, engine, testOutput());
    const by = Object.fromEntries(s.checks.map((c) => [c.check_id, c]));
    expect(by.hours_per_day_max_24).toMatchObject({ rows_violated: 1, sample_rows: [3], status: 'fail' });
    expect(by.end_not_before_start).toMatchObject({ rows_violated: 1, sample_rows: [4] });
    expect(by.volume_not_negative).toMatchObject({ rows_violated: 1, sample_rows: [5] });
    expect(by.local_code_mapped).toMatchObject({ rows_violated: 4, sample_rows: [5, 6, 7, 8] });
    expect(by.within_period).toMatchObject({ rows_violated: 2, sample_rows: [7, 8] });
    // the sample is the duplicate (row 8), with the row it repeats (row 7)
    expect(by.no_duplicates).toMatchObject({ rows_violated: 1, sample_rows: [8], sample_originals: [7] });
    expect(by.start_date_format).toMatchObject({ rows_violated: 0, status: 'pass' });
    expect(s.unmapped).toEqual([
      { source_id: 'hjemmepleje', local_code: 'YY', rows: 2, amount_minor: 200n },
      { source_id: 'hjemmepleje', local_code: 'ZZ', rows: 2, amount_minor: 1000n },
    ]);
    const rows = await engine.all(
      'SELECT row_no, catalogue_code, unit, law_ref, volume, amount_minor, provider FROM service ORDER BY row_no',
    );
    expect(rows[0]).toEqual({
      row_no: 2n,
      catalogue_code: 'SEL-83-PP',
      unit: 'hour_granted',
      law_ref: 'Serviceloven § 83, stk. 1, nr. 1',
      volume: '10.0000',
      amount_minor: 10000n,
      provider: 'external',
    });
    expect(rows[1]).toMatchObject({ volume: '30.0000', amount_minor: 100050n });
    // unmapped rows are loaded with catalogue_code NULL (contract B)
    expect(rows[3]).toMatchObject({
      catalogue_code: null,
      unit: 'unknown',
      volume: '-1.0000',
      amount_minor: 725n,
    });
  });

  it('an unmapped-code check configured as stop stops the import', async () => {
    const ws = makeWorkspace({
      sources: [
        serviceSource({
          codes: 'mappings/koder.csv',
          checks: { local_code_mapped: { severity: 'stop', threshold: 0 } },
          columns: {
            person_id: 'CPR',
            start_date: { column: 'Fra', format: 'dd-mm-yyyy' },
            local_code: 'Kode',
          },
        }),
      ],
      files: {
        'extracts/hjemmepleje.csv': [SERVICE_HEADER, `${ID[0]};01-02-2024;;1;QQ;1`].join('\n'),
        'mappings/koder.csv': 'local_code,catalogue_code\nPP,SEL-83-PP\n',
      },
    });
    engine = await openMemoryWarehouse();
    await expect(importSources(ws, engine, testOutput())).rejects.toThrow(
      /local_code_mapped failed with severity stop/,
    );
  });

  it('loads residence (death date → person), population and ledger with values maps, money in øre and booleans', async () => {
    const ws = makeWorkspace({
      sources: [
        {
          id: 'bopael',
          file: 'extracts/bopael.csv',
          format: 'csv',
          target: 'residence',
          columns: {
            person_id: 'cpr',
            from_date: { column: 'fra', format: 'yyyymmdd' },
            to_date: { column: 'til', format: 'yyyymmdd' },
            death_date: { column: 'død', format: 'yyyymmdd' },
          },
        },
        {
          id: 'befolkning',
          file: 'extracts/befolkning.csv',
          format: 'csv',
          target: 'population',
          columns: {
            year: 'år',
            age: 'alder',
            sex: { column: 'køn', values: { K: 'F', M: 'M' } },
            count: 'antal',
          },
        },
        {
          id: 'regnskab',
          file: 'extracts/regnskab.csv',
          format: 'csv',
          period: '2024',
          target: 'ledger',
          columns: { account: 'art', activity: 'funktion', amount: { column: 'beløb_øre', money: 'ore' } },
        },
        {
          id: 'sygehus',
          file: 'extracts/sygehus.csv',
          format: 'csv',
          target: 'hospital_contact',
          period: '2024',
          columns: {
            person_id: 'cpr',
            contact_id: 'id',
            hospital: 'sygehus',
            acute: 'akut',
            admit_time: { column: 'ind', format: 'dd-mm-yyyy HH:MM' },
            discharge_time: { column: 'ud', format: 'dd-mm-yyyy HH:MM' },
            tariff: 'takst',
          },
        },
      ],
      files: {
        'extracts/bopael.csv': `cpr,fra,til,død\n${ID[0]},20000101,20240630,20240630\n${ID[1]},19991231,,\n`,
        'extracts/befolkning.csv': 'år,alder,køn,antal\n2024,80,K,1200\n2024,80,M,900\n',
        'extracts/regnskab.csv': 'art,funktion,beløb_øre\n1.1,05.32.32,12345678901\n7.6,05.32.32,-500\n',
        'extracts/sygehus.csv': `cpr,id,sygehus,akut,ind,ud,takst\n${ID[0]},K1,AUH,ja,03-02-2024 14:30,05-02-2024 10:00,25000.5\n${ID[1]},K2,AUH,,04-02-2024 08:00,,\n`,
      },
    });
    engine = await openMemoryWarehouse();
    const s = await importSources(ws, engine, testOutput());
    expect(s.sources.map((x) => [x.source, x.status, x.rows_loaded])).toEqual([
      ['befolkning', 'loaded', 2],
      ['bopael', 'loaded', 2],
      ['regnskab', 'loaded', 2],
      ['sygehus', 'loaded', 2],
    ]);
    expect(await engine.all('SELECT sex, count FROM population ORDER BY sex')).toEqual([
      { sex: 'F', count: 1200 },
      { sex: 'M', count: 900 },
    ]);
    expect(await engine.all('SELECT from_date, to_date FROM residence ORDER BY from_date')).toEqual([
      { from_date: '1999-12-31', to_date: null },
      { from_date: '2000-01-01', to_date: '2024-06-30' },
    ]);
    expect(await engine.all('SELECT birth_year, death_date FROM person ORDER BY birth_year')).toEqual([
      { birth_year: 1930, death_date: '2024-06-30' },
      { birth_year: 1940, death_date: null },
    ]);
    expect(await engine.all('SELECT period, account, amount_minor FROM ledger ORDER BY row_no')).toEqual([
      { period: '2024', account: '1.1', amount_minor: 12345678901n },
      { period: '2024', account: '7.6', amount_minor: -500n },
    ]);
    expect(
      await engine.all(
        'SELECT acute, admit_time, discharge_time, tariff_minor FROM hospital_contact ORDER BY row_no',
      ),
    ).toEqual([
      {
        acute: true,
        admit_time: '2024-02-03 14:30:00',
        discharge_time: '2024-02-05 10:00:00',
        tariff_minor: 2500050n,
      },
      { acute: false, admit_time: '2024-02-04 08:00:00', discharge_time: null, tariff_minor: null },
    ]);
  });

  it('reads Parquet and JSON extracts', async () => {
    engine = await openMemoryWarehouse();
    const ws = makeWorkspace({
      sources: [
        serviceSource({
          id: 'pq',
          file: 'extracts/ydelser.parquet',
          format: 'parquet',
          csv: undefined,
          columns: {
            person_id: 'cpr',
            start_date: 'fra',
            volume: 'timer',
            catalogue_code: 'kode',
            amount: 'kr',
          },
        }),
        serviceSource({
          id: 'js',
          file: 'extracts/ydelser.json',
          format: 'json',
          csv: undefined,
          columns: {
            person_id: 'cpr',
            start_date: { column: 'fra', format: 'dd-mm-yyyy' },
            volume: 'timer',
            catalogue_code: 'kode',
          },
        }),
      ],
      files: {
        'extracts/ydelser.json': JSON.stringify([
          { cpr: ID[1], fra: '05-02-2024', timer: 1.25, kode: 'SEL-83-PH' },
        ]),
      },
    });
    await engine.exec(
      `COPY (SELECT '${ID[0]}' AS cpr, DATE '2024-02-01' AS fra, 2.5::DOUBLE AS timer, 'SEL-83-PP' AS kode, 1234.56::DECIMAL(18,2) AS kr
             UNION ALL SELECT '${ID[1]}', DATE '2024-02-02', 1, 'SEL-83-PP', 0.01)
       TO '${path.join(ws.dir, 'extracts', 'ydelser.parquet')}' (FORMAT parquet)`,
    );
    const s = await importSources(ws, engine, testOutput());
    expect(s.sources.map((x) => [x.source, x.rows_loaded])).toEqual([
      ['pq', 2],
      ['js', 1],
    ]);
    expect(
      await engine.all(
        'SELECT source_id, row_no, start_date, volume, amount_minor FROM service ORDER BY source_id DESC, row_no',
      ),
    ).toEqual([
      { source_id: 'pq', row_no: 1n, start_date: '2024-02-01', volume: '2.5000', amount_minor: 123456n },
      { source_id: 'pq', row_no: 2n, start_date: '2024-02-02', volume: '1.0000', amount_minor: 1n },
      { source_id: 'js', row_no: 1n, start_date: '2024-02-05', volume: '1.2500', amount_minor: null },
    ]);
  });
});
