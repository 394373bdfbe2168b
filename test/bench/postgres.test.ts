/*
 * The PostgreSQL comparison (src/bench/postgres.ts): on a tiny workspace, PostgreSQL's import and cost
 * floor give the hand-computed total, the same total, rows and person keys as DuckDB's import and
 * floor.ts, and the throwaway cluster is gone afterwards.
 */
import { chmodSync, existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { costFloor } from '../../src/bench/floor.js';
import type { BenchResult } from '../../src/bench/harness.js';
import { runPostgresComparison } from '../../src/bench/postgres.js';
import { markdownPostgres, postgresText } from '../../src/bench/summary.js';
import { openDuckDB } from '../../src/engine/duckdb.js';
import type { Engine } from '../../src/engine/engine.js';
import { seededRandom, syntheticCpr } from '../../src/ids/synthetic.js';
import { importSources } from '../../src/ingest/index.js';
import { openMemoryWarehouse } from '../../src/model/warehouse.js';
import { TT_HEADER } from '../costing/helpers.js';
import { postgresSkipReason } from '../helpers/postgres.js';
import { makeWorkspace, SERVICE_HEADER, serviceSource, testOutput, writeFile } from '../ingest/helpers.js';

const skip = postgresSkipReason();
if (skip && process.env.TVAERBLIK_REQUIRE_POSTGRES === '1')
  throw new Error(`PostgreSQL is required here: ${skip}`);
if (skip) console.warn(`SKIP bench/postgres: ${skip}`);

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

const rand = seededRandom(19);
const [A, B, C, D, E] = [1950, 1960, 1970, 1980, 1990].map((y, i) =>
  syntheticCpr(new Date(Date.UTC(y, i, 10)), i % 2 ? 'M' : 'F', rand),
);

/** The six service rows (A–E and one without an id) of both workspaces below, as CSV lines. */
const SERVICE_ROWS = () => [
  `${A};01-02-2024;28-02-2024;1;SEL-83-PP;`,
  `${B};01-03-2024;31-03-2024;2;SEL-83-PP;`,
  `${C};01-04-2024;30-04-2024;;SEL-95;12,34`,
  `;01-05-2024;31-05-2024;3;SEL-83-PP;`, // no id: loaded without a person, outside the floor's volume
  `${D};01-06-2024;30-06-2024;1;SEL-85;`,
  `${E};01-07-2024;31-07-2024;199;SEL-85;`,
];

/**
 * A tiny workspace: the service rows above (as CSV, or as two Parquet files of typed columns — DATE,
 * DECIMAL volume, DOUBLE amount — read by one glob source) and a ledger of four lines.
 */
async function workspace(parquet: boolean) {
  const ledger = {
    id: 'finans',
    file: 'extracts/finans.csv',
    format: 'csv',
    csv: { delimiter: ';', decimal: ',', thousands: '.' },
    period: '2024',
    municipality: '851',
    target: 'ledger',
    columns: { account: 'Art', amount: { column: 'Beløb', money: 'kr' } },
  };
  const ws = makeWorkspace({
    sources: [
      parquet
        ? serviceSource({ file: 'extracts/hjemmepleje-*.parquet', format: 'parquet', csv: undefined })
        : serviceSource(),
      ledger,
    ],
    files: {
      ...(parquet ? {} : { 'extracts/hjemmepleje.csv': [SERVICE_HEADER, ...SERVICE_ROWS()].join('\n') }),
      'extracts/finans.csv': ['Art;Beløb', '5110;600,00', '5110;400,00', '5120;1,00', '9999;1.234,56'].join(
        '\n',
      ),
    },
  });
  if (parquet) {
    // the same rows typed: dd-mm-yyyy → DATE, "12,34" → DOUBLE 12.34, hours → DECIMAL(18,2); rows 1–3
    // in one file, 4–6 in the other
    const db = await openDuckDB({ file: ':memory:' });
    try {
      const value = (l: string) => {
        const [cpr, from, to, hours, code, amount] = l.split(';');
        const date = (d: string) => `DATE '${d.split('-').reverse().join('-')}'`;
        return `(${cpr ? `'${cpr}'` : 'NULL'}, ${date(from!)}, ${date(to!)}, ${hours ? `${hours}::DECIMAL(18,2)` : 'NULL::DECIMAL(18,2)'}, '${code}', ${amount ? `${amount.replace(',', '.')}::DOUBLE` : 'NULL::DOUBLE'})`;
      };
      const rows = SERVICE_ROWS();
      for (const [n, part] of [rows.slice(0, 3), rows.slice(3)].entries())
        await db.exec(
          `COPY (SELECT * FROM (VALUES ${part.map(value).join(', ')}) AS t("CPR", "Fra", "Til", "Timer", "Kode", "Beløb"))
           TO '${path.join(ws.dir, 'extracts', `hjemmepleje-${n + 1}.parquet`)}' (FORMAT parquet)`,
        );
    } finally {
      await db.close();
    }
  }
  ws.config.costing = { translation_table: 'tt.csv' } as NonNullable<typeof ws.config.costing>;
  writeFile(
    ws.dir,
    'tt.csv',
    [
      TT_HEADER,
      '10,5110,*,,,,intervention,SEL-83-PP,',
      '10,5120,,,,,intervention,SEL-85,',
      '99,5110,,,,,pool,,a rule without a target never wins (as DuckDB’s arg_max)',
    ].join('\n'),
  );
  chmodSync(ws.dir, 0o755); // as root the server runs as "postgres" and reads the files itself
  chmodSync(path.join(ws.dir, 'extracts'), 0o755);
  return ws;
}

describe.skipIf(skip !== null)('bench: the import and cost floor on PostgreSQL', () => {
  it.each([
    ['CSV', false],
    ['Parquet (converted to CSV by DuckDB first)', true],
  ])(
    '%s: gives the hand-computed floor total, equal to DuckDB’s, with the same rows and person keys',
    async (_, parquet) => {
      const ws = await workspace(parquet);
      engine = await openMemoryWarehouse();
      await importSources(ws, engine, testOutput());
      const duck = await costFloor(ws, engine);
      const duckKeys = (
        await engine.all<{ k: string }>(
          'SELECT p.pseudonym AS k FROM service s JOIN person p USING (person_key) ORDER BY 1',
        )
      ).map((r) => r.k);

      let pgKeys: string[] = [];
      let dir = '';
      const pg = await runPostgresComparison(
        ws,
        { floorTotalMinor: duck!.totalMinor, tables: { service: 6, ledger: 4, person: 5 } },
        {
          tune: false,
          inspect: async (c) => {
            pgKeys = (
              await c.query<{ k: string }>(
                'SELECT p.pseudonym AS k FROM service s JOIN person p USING (person_key) ORDER BY 1',
              )
            ).rows.map((r) => r.k);
            dir = String(
              (await c.query<{ d: string }>("SELECT current_setting('data_directory') AS d")).rows[0]!.d,
            );
          },
        },
      );
      expect(pg.error).toBeUndefined();
      expect(pg.stages.map((s) => [s.stage, s.error ?? 'ok', s.rows])).toEqual([
        ['pg_read', 'ok', 10], // 6 service rows + 4 ledger lines
        ['pg_import', 'ok', 10],
        ['pg_cost', 'ok', 6],
      ]);
      // SEL-83-PP: 600.00 + 400.00 kr = 100,000 øre over 1 + 2 identified hours = 33,333.33 per hour:
      //   A 1 h → 33,333; B 2 h → 66,666.67 → 66,667. SEL-95 has no ledger cost: C's own 12.34 kr = 1,234
      //   (from Parquet a DOUBLE: 12.34 × 100 = 1,234.000…02, rounded to 1,234 by both engines).
      //   SEL-85: 1.00 kr = 100 øre over 1 + 199 = 200 units = 0.5 per unit: D 0.5 → 1 (half away from
      //   zero, as DuckDB; round-half-even would give 0), E 99.5 → 100. Account 9999 matches no rule.
      //   Total 33,333 + 66,667 + 1,234 + 1 + 100 = 101,335 øre over 5 rows (A–E).
      expect(duck).toMatchObject({ rows: 5, totalMinor: '101335' });
      expect(pg.floor).toEqual({ rows: 5, totalMinor: '101335' });
      expect(pg.checks).toEqual({
        floorTotalEqual: true,
        tablesEqual: { service: true, ledger: true, person: true },
      });
      // the conversion is its own figure, in no stage: two Parquet files of 3 rows each, or none
      if (parquet) expect(pg.conversion).toMatchObject({ files: 2, rows: 6 });
      else expect(pg.conversion).toBeNull();
      // pgcrypto's HMAC-SHA-256 of the normalised id is the pseudonym the import keeps in person
      expect(pgKeys).toHaveLength(5);
      expect(pgKeys).toEqual(duckKeys);
      expect(dir).not.toBe('');
      expect(existsSync(dir)).toBe(false); // stopped and deleted
    },
    60_000,
  );
});

describe('bench: the PostgreSQL comparison in the summary', () => {
  const stage = (name: string, seconds: number, cpu: number, rate: number) => ({
    stage: name,
    seconds,
    cpuSeconds: cpu,
    rowsPerSecond: rate,
  });
  const r = {
    tier: 'S',
    date: '2026-12-02T17:00:00Z',
    machine: { loadAverageStart: [1.5] },
    stages: [
      stage('floor_read', 2, 2, 500),
      stage('import', 10, 8, 100),
      stage('floor_cost', 0.5, 0.25, 2000),
    ],
    floors: { cost: { rows: 3, seconds: 0.5, totalMinor: '101335' } },
    postgres: {
      stages: [
        { ...stage('pg_read', 4, 3, 250), serverCpuSeconds: 1 },
        { ...stage('pg_import', 15, 12, 67), serverCpuSeconds: 9 },
        { ...stage('pg_cost', 1, 1, 1000), serverCpuSeconds: 1 },
      ],
      floor: { rows: 3, totalMinor: '101335' },
      checks: { floorTotalEqual: true, tablesEqual: { service: true, person: false } },
    },
  } as unknown as BenchResult;

  it('puts each PostgreSQL stage beside DuckDB’s with the ratios, and says whether the answers agree', () => {
    const md = markdownPostgres([r]).split('\n');
    // import: 15 s / 10 s = 1.5× wall, 12 / 8 = 1.5× CPU; the CPU split is server 9 + client 12 − 9 = 3
    expect(md).toContain(
      '| S (2026-12-02, load 1.5) | import | 10.0 (8.00) · 100/s | 15.0 (9.00 + 3.00) · 67/s | 1.5× / 1.5× |',
    );
    // cost floor: 1 / 0.5 = 2.0× wall, 1 / 0.25 = 4.0× CPU
    expect(md.find((l) => l.includes('| cost floor |'))).toMatch(/\| 2\.0× \/ 4\.0× \|$/);
    // import over its own bare read: DuckDB 10 / 2 = 5.0×, 8 / 2 = 4.0×; PostgreSQL 15 / 4 = 3.8×, 12 / 3 = 4.0×
    expect(md.find((l) => l.includes('import ÷ own bare read'))).toContain('| 5.0× / 4.0× | 3.8× / 4.0× |');
    expect(md.at(-1)).toContain(
      "DuckDB 101335, PostgreSQL 101335 — equal; rows per table equal to DuckDB's: service yes, person NO",
    );
    const text = postgresText(r).join('\n');
    expect(text).toMatch(/^import\s+10\.00 \(8\.00\)\s+100\s+15\.00 \(12\.00\)\s+67\s+1\.5×$/m);
    expect(text).toContain('— equal');
  });
});
