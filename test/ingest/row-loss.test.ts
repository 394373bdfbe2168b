import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/workspace.js';
import { runCosting } from '../../src/costing/index.js';
import type { Engine } from '../../src/engine/engine.js';
import { seededRandom, syntheticCpr } from '../../src/ids/synthetic.js';
import { DataQualityStop, importSources } from '../../src/ingest/index.js';
import { openMemoryWarehouse } from '../../src/model/warehouse.js';
import { runCli } from '../helpers/cli.js';
import { insertLedger, quietOutput, TT_HEADER } from '../costing/helpers.js';
import { makeWorkspace, SERVICE_HEADER, serviceSource, testOutput, writeFile } from './helpers.js';

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

const CPR = syntheticCpr(new Date(Date.UTC(1950, 2, 4)), 'F', seededRandom(3));
const row = (id: string, hours: string) => `${id};01-02-2024;28-02-2024;${hours};SEL-83-PP;`;

describe('a row without an identified person is loaded and counted, never lost in silence', () => {
  const lines = [
    SERVICE_HEADER,
    row(CPR, '10'), // row 2: person A, 10 hours
    row('', '20'), // row 3: no id
    row('320150-1234', '10'), // row 4: no 32nd day → invalid id
  ];

  it('loads the rows without a person, reports them, and costing keeps their volume in the unit cost', async () => {
    const ws = makeWorkspace({
      sources: [serviceSource()],
      files: { 'extracts/hjemmepleje.csv': lines.join('\n') + '\n' },
    });
    engine = await openMemoryWarehouse();
    const s = await importSources(ws, engine, testOutput());
    expect(s.sources[0]).toMatchObject({ status: 'loaded', rows_read: 3, rows_loaded: 3, rows_rejected: 0 });
    expect(s.checks.find((c) => c.check_id === 'person_id_present')).toMatchObject({
      kind: 'completeness',
      severity: 'warn',
      rows_violated: 1,
      sample_rows: [3],
      status: 'fail',
    });
    expect(s.checks.find((c) => c.check_id === 'person_id_valid')).toMatchObject({
      rows_violated: 1,
      sample_rows: [4],
      status: 'fail',
    });
    expect(s.incomplete).toBe(true);
    expect(s.unidentified.map((u) => [u.check, u.rows, u.loaded])).toEqual([
      ['person_id_present', 1, true],
      ['person_id_valid', 1, true],
    ]);
    const rows = await engine.all<{ row_no: bigint; has_person: boolean }>(
      'SELECT row_no, person_key IS NOT NULL AS has_person FROM service ORDER BY row_no',
    );
    expect(rows.map((r) => [Number(r.row_no), r.has_person])).toEqual([
      [2, true],
      [3, false],
      [4, false],
    ]);

    // 4,000.00 kr over 40 hours = 100 kr/h: person A's 10 hours cost 1,000.00 kr; the 30 unidentified
    // hours' 3,000.00 kr are non-attributable "unidentified persons" (not a larger share for A).
    ws.config = parseConfig(
      `country: DK
currency: DKK
municipalities: ['851']
periods: [{ id: '2024', from: 2024-01-01, to: 2024-12-31 }]
pseudonymisation: { key_file: secrets/pseudonym.key }
catalogue: dk
sources: ${JSON.stringify(ws.config.sources)}
costing: { translation_table: tt.csv }
`,
      ws.configPath,
    );
    writeFile(ws.dir, 'tt.csv', `${TT_HEADER}\n10,5110,*,,,,intervention,SEL-83-PP,\n`);
    await insertLedger(engine, [{ account: '5110', amount: 400_000n }]);
    await runCosting(ws, engine, quietOutput());
    const unit = await engine.one<{ volume: string; unit_cost_minor: string }>(
      `SELECT volume::VARCHAR AS volume, unit_cost_minor::VARCHAR AS unit_cost_minor FROM cost_unit`,
    );
    expect(unit).toEqual({ volume: '40.0000', unit_cost_minor: '10000.0000' });
    const person = await engine.all<{ cost_minor: bigint }>(
      'SELECT cost_minor FROM cost_person WHERE person_key IS NOT NULL',
    );
    expect(person.map((p) => p.cost_minor)).toEqual([100_000n]);
    const non = await engine.all(
      'SELECT reason, catalogue_code, amount_minor FROM cost_nonattributable ORDER BY reason',
    );
    expect(non).toEqual([
      { reason: 'unidentified_persons', catalogue_code: 'SEL-83-PP', amount_minor: 300_000n },
    ]);
  });

  it('exits 1 (loaded) when any row is unidentified, 0 within a threshold the user sets, 3 with severity stop', async () => {
    const ws = makeWorkspace({
      sources: [serviceSource()],
      files: { 'extracts/hjemmepleje.csv': lines.join('\n') + '\n' },
    });
    const c = await runCli(['--workspace', ws.dir, '--lang', 'en', 'check'], { tty: true });
    expect(c.code).toBe(1); // check says what import would do
    const r = await runCli(['--workspace', ws.dir, '--lang', 'en', 'import'], { tty: true });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/1 row of source hjemmepleje has no valid person id/);
    expect(r.stdout).toMatch(/hjemmepleje\s+loaded\s+3\s+3\s+0/);
    expect(r.stdout + r.stderr).not.toContain(CPR);
    expect(r.stdout + r.stderr).not.toContain('320150');
    // unchanged on re-import, and run says so too (the stages still run)
    const run = await runCli(['--workspace', ws.dir, '--lang', 'en', 'run', '--until', 'import'], {
      tty: true,
    });
    expect(run.code).toBe(1);

    const allowed = makeWorkspace({
      sources: [
        serviceSource({
          checks: { person_id_present: { threshold: 50 }, person_id_valid: { threshold: 50 } },
        }),
      ],
      files: { 'extracts/hjemmepleje.csv': lines.join('\n') + '\n' },
    });
    const ok = await runCli(['--workspace', allowed.dir, '--lang', 'en', 'import'], { tty: true });
    expect(ok.code).toBe(0);
    // still visible in the summary
    expect(ok.stdout + ok.stderr).toMatch(/(has|have) no valid person id/);

    const strict = makeWorkspace({
      sources: [serviceSource({ checks: { person_id_present: { severity: 'stop' } } })],
      files: { 'extracts/hjemmepleje.csv': lines.join('\n') + '\n' },
    });
    const stop = await runCli(['--workspace', strict.dir, '--lang', 'en', 'import'], { tty: true });
    expect(stop.code).toBe(3);
  });

  it('a hospital contact without a valid id is rejected (a contact needs a person) and still reported', async () => {
    const ws = makeWorkspace({
      sources: [
        {
          id: 'lpr',
          file: 'extracts/lpr.csv',
          format: 'csv',
          sector: 'regional',
          period: '2024',
          target: 'hospital_contact',
          columns: {
            person_id: 'cpr',
            contact_id: 'id',
            hospital: 'sh',
            acute: 'akut',
            admit_time: 'ind',
          },
        },
      ],
      files: {
        'extracts/lpr.csv': `cpr,id,sh,akut,ind\n${CPR},k1,AAUH,1,2024-02-01 10:00\n,k2,AAUH,1,2024-02-02 10:00\n`,
      },
    });
    engine = await openMemoryWarehouse();
    const s = await importSources(ws, engine, testOutput());
    expect(s.sources[0]).toMatchObject({ rows_read: 2, rows_loaded: 1, rows_rejected: 1 });
    expect(s.unidentified).toEqual([
      expect.objectContaining({ check: 'person_id_present', rows: 1, loaded: false, status: 'fail' }),
    ]);
    expect(s.incomplete).toBe(true);
  });
});

describe('a number that cannot be read is a row error, not an empty volume', () => {
  const file = [SERVICE_HEADER, row(CPR, '2,5'), row(CPR, '45#6,0'), row(CPR, '3')].join('\n');

  it('stops (exit 3) naming file, row, column and the fix, without the cell value', async () => {
    const ws = makeWorkspace({ sources: [serviceSource()], files: { 'extracts/hjemmepleje.csv': file } });
    engine = await openMemoryWarehouse();
    const e = await importSources(ws, engine, testOutput()).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DataQualityStop);
    const stop = e as DataQualityStop;
    expect(stop.exitCode).toBe(3);
    expect(stop.location).toMatchObject({ file: 'extracts/hjemmepleje.csv', row: 3, column: 'Timer' });
    expect(stop.message).toMatch(
      /Column "Timer" \(volume\) in row 3 of extracts\/hjemmepleje.csv is not a number/,
    );
    expect(stop.location.hint).toContain('volume_format');
    expect(stop.describe()).not.toContain('45#6');
    expect((await engine.one<{ n: bigint }>('SELECT count(*) AS n FROM service')).n).toBe(0n);
  });

  it('with severity warn the row loads with an empty volume (the old behaviour, now chosen)', async () => {
    const ws = makeWorkspace({
      sources: [serviceSource({ checks: { volume_format: { severity: 'warn' } } })],
      files: { 'extracts/hjemmepleje.csv': file },
    });
    engine = await openMemoryWarehouse();
    const s = await importSources(ws, engine, testOutput());
    expect(s.sources[0]).toMatchObject({ rows_loaded: 3 });
    const vols = await engine.all<{ v: string | null }>(
      'SELECT volume::VARCHAR AS v FROM service ORDER BY row_no',
    );
    expect(vols.map((r) => r.v)).toEqual(['2.5000', null, '3.0000']);
  });
});

describe('duplicates', () => {
  it('names the duplicate row and the row it repeats', async () => {
    const lines = [
      SERVICE_HEADER,
      row(CPR, '2'), // row 2: original
      row(CPR, '3'), // row 3
      row(CPR, '2'), // row 4: duplicate of row 2
      row(CPR, '3'), // row 5: duplicate of row 3
      row(CPR, '2'), // row 6: duplicate of row 2
    ];
    const ws = makeWorkspace({
      sources: [serviceSource()],
      files: { 'extracts/hjemmepleje.csv': lines.join('\n') },
    });
    engine = await openMemoryWarehouse();
    const s = await importSources(ws, engine, testOutput());
    expect(s.checks.find((c) => c.check_id === 'no_duplicates')).toMatchObject({
      rows_violated: 3,
      sample_rows: [4, 5, 6],
      sample_originals: [2, 3, 2],
    });
    // the report shows each duplicate with the row it repeats
    const json = JSON.parse(readFileSync(s.reports.json, 'utf8')) as {
      checks: { check_id: string; sample_rows: string }[];
    };
    expect(json.checks.find((c) => c.check_id === 'no_duplicates')!.sample_rows).toBe(
      '4 (= 2), 5 (= 3), 6 (= 2)',
    );
  });
});
