/** The person-level cost export: purpose required, logged, pseudonymised keys only, CSV cells escaped. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openMemoryWarehouse, openWarehouse } from '../../src/model/warehouse.js';
import { runCli } from '../helpers/cli.js';
import { personName } from '../helpers/person-key.js';
import { insertServices } from './helpers.js';
import { exampleWorkspace, loadExample } from './worked-example.js';

const PURPOSE = 'KPB individrapportering 2024, kontroll av hemtjänst';

async function example(extra?: (e: Awaited<ReturnType<typeof openWarehouse>>) => Promise<void>) {
  const ws = exampleWorkspace();
  const engine = await openWarehouse(ws);
  await loadExample(engine);
  await extra?.(engine);
  // the persons of the services, as an import writes them: the names are their pseudonyms
  const keys = await engine.all<{ k: bigint }>(
    'SELECT DISTINCT person_key AS k FROM service WHERE person_key IS NOT NULL AND person_key NOT IN (SELECT person_key FROM person)',
  );
  if (keys.length)
    await engine.append(
      'person',
      ['person_key', 'pseudonym', 'sex', 'country', 'id_scheme'],
      keys.map(({ k }) => [k, personName(k), 'U', 'DK', 'opaque']),
    );
  await engine.close();
  return ws;
}

describe('tvaerblik cost --export-persons', () => {
  it('writes CSV with pseudonymised keys, volume and cost, escapes formula-like cells, and logs the export', async () => {
    // a department name a spreadsheet would run as a formula
    const ws = await example((e) =>
      insertServices(e, [
        {
          person: 'P11',
          code: 'SEL-104',
          from: '2024-01-01',
          to: '2024-01-10',
          volume: '10',
          unit: 'day',
          department: '=HYPERLINK("http://x","y")',
        },
      ]),
    );
    const file = path.join(ws.dir, 'exports', 'persons.csv');
    const r = await runCli([
      '--workspace',
      ws.dir,
      '--lang',
      'en',
      '--json',
      'cost',
      '--export-persons',
      file,
      '--purpose',
      PURPOSE,
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ personExport: { file, format: 'csv', rows: 14 } });
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines[0]).toBe(
      'period,municipality,person_key,catalogue_code,department,sector,law_ref,method,unit,service_year,volume,cost_minor,cost',
    );
    expect(lines).toHaveLength(15);
    // P07: 366 nursing-home days, 113,876,652 øre (the worked example)
    expect(lines).toContain(
      '2024,851,P07,AEL-47,Ældre og Handicap,municipal,Ældreloven § 47,kpb,day,2024,366.0000,113876652,1138766.52',
    );
    const p11 = lines.find((l) => l.includes(',P11,'))!;
    expect(p11).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    // logged in the warehouse and in the workspace, with its purpose
    const engine = await openWarehouse(ws);
    try {
      expect(
        await engine.all(
          `SELECT purpose, file, format, rows, persons, length(file_hash) AS h FROM cost_export_log`,
        ),
      ).toEqual([{ purpose: PURPOSE, file, format: 'csv', rows: 14n, persons: 11n, h: 64n }]);
    } finally {
      await engine.close();
    }
    const log = readFileSync(path.join(ws.dir, 'logs', 'person-exports.jsonl'), 'utf8')
      .trim()
      .split('\n');
    expect(log).toHaveLength(1);
    expect(JSON.parse(log[0]!)).toMatchObject({
      purpose: PURPOSE,
      file,
      format: 'csv',
      rows: 14,
      persons: 11,
    });
  }, 60_000);

  it('writes Parquet that adds up to the persons’ cost', async () => {
    const ws = await example();
    const file = path.join(ws.dir, 'persons.parquet');
    const r = await runCli([
      '--workspace',
      ws.dir,
      '--json',
      'cost',
      '--export-persons',
      file,
      '--purpose',
      PURPOSE,
    ]);
    expect(r.code).toBe(0);
    const e = await openMemoryWarehouse();
    try {
      const t = await e.one(
        `SELECT count(*) AS n, sum(cost_minor)::BIGINT AS c, sum(cost)::DECIMAL(18,2)::VARCHAR AS kr, count(DISTINCT person_key) AS p
         FROM read_parquet(${e.dialect.literal(file)})`,
      );
      // 352,607,589 øre attributed to persons in the worked example
      expect(t).toEqual({ n: 13n, c: 352_607_589n, kr: '3526075.89', p: 10n });
    } finally {
      await e.close();
    }
  }, 60_000);

  it('requires a purpose and a .csv/.parquet name before costing anything', async () => {
    const ws = await example();
    const file = path.join(ws.dir, 'persons.csv');
    const none = await runCli(['--workspace', ws.dir, '--lang', 'en', 'cost', '--export-persons', file]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('needs a purpose');
    const short = await runCli([
      '--workspace',
      ws.dir,
      'cost',
      '--export-persons',
      file,
      '--purpose',
      'test',
    ]);
    expect(short.code).toBe(2);
    const id = await runCli([
      '--workspace',
      ws.dir,
      '--lang',
      'en',
      'cost',
      '--export-persons',
      file,
      '--purpose',
      'check of person 010190-1234 home care',
    ]);
    expect(id.code).toBe(2);
    expect(id.stderr).toContain('seems to contain a person id');
    expect(id.stderr).not.toContain('010190');
    const xlsx = await runCli([
      '--workspace',
      ws.dir,
      'cost',
      '--export-persons',
      'p.xlsx',
      '--purpose',
      PURPOSE,
    ]);
    expect(xlsx.code).toBe(2);
    expect(existsSync(file)).toBe(false);
    const engine = await openWarehouse(ws);
    try {
      // nothing was costed: the checks run first
      expect(
        await engine.all(`SELECT 1 FROM information_schema.tables WHERE table_name = 'cost_person'`),
      ).toEqual([]);
    } finally {
      await engine.close();
    }
  }, 60_000);

  it('refuses to export a person key shaped like a raw id, without printing it', async () => {
    const ws = await example(async (e) => {
      await e.execFile(new URL('../../sql/costing/tables.sql', import.meta.url));
      // a pseudonym that is no pseudonym: the person table holds a raw id
      await e.exec(
        `INSERT INTO person VALUES (999, '0101901234', 1990, 1, 'M', 'DK', 'cpr', NULL);
         INSERT INTO cost_person VALUES ('2024', '851', 999, 'REG-SOM-INP', 'Region', 'regional', NULL, 'kmf', 'day', 3, 100, NULL)`,
      );
    });
    const file = path.join(ws.dir, 'persons.csv');
    const r = await runCli([
      '--workspace',
      ws.dir,
      '--lang',
      'en',
      'cost',
      '--export-persons',
      file,
      '--purpose',
      PURPOSE,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('1 row of cost_person has a person key shaped like a raw person id');
    expect(r.stderr + r.stdout).not.toContain('0101901234');
    expect(existsSync(file)).toBe(false);
  }, 60_000);
});
