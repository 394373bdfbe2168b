/**
 * The floors: what the same work costs when written by hand with nothing around it, measured in the same
 * run so the ratios hold on a shared, noisy machine.
 */
import { createReadStream } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Workspace } from '../config/workspace.js';
import type { Engine } from '../engine/engine.js';

export interface ReadFloor {
  /** rows read from every extract (header rows excluded) */
  rows: number;
  seconds: number;
  csvParquetSeconds: number;
  excelSeconds: number;
  files: { file: string; format: string; rows: number; seconds: number }[];
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * A bare read of every input file: DuckDB's read_csv / read_parquet touching every column (max per
 * column, so projection pushdown cannot skip the parsing), and a plain streaming pass over each Excel
 * workbook with exceljs. No mapping, no pseudonymisation, no checks.
 */
export async function bareRead(ws: Workspace, engine: Engine): Promise<ReadFloor> {
  const lit = (s: string) => engine.dialect.literal(s);
  const files: ReadFloor['files'] = [];
  const seen = new Set<string>();
  let csvParquetSeconds = 0;
  let excelSeconds = 0;
  for (const source of ws.config.sources) {
    const file = ws.resolve(source.file);
    if (seen.has(file)) continue; // one workbook can feed several sources (sheets)
    seen.add(file);
    const t0 = performance.now();
    let rows: number;
    if (source.format === 'excel') {
      rows = await excelRows(file);
    } else {
      let reader: string;
      if (source.format === 'parquet') reader = `read_parquet(${lit(file)})`;
      else {
        const csv = source.csv;
        const encoding = /^(utf-?8)?$/i.test(csv?.encoding ?? 'utf-8') ? 'utf-8' : 'latin-1';
        const delim = csv?.delimiter ?? ',';
        reader = `read_csv(${lit(file)}, delim = ${lit(delim)}, header = true, all_varchar = true, encoding = ${lit(encoding)})`;
      }
      const r = await engine.one<{ n: bigint }>(`SELECT count(*) AS n, max(COLUMNS(*)) FROM ${reader}`);
      rows = Number(r.n);
    }
    const seconds = (performance.now() - t0) / 1000;
    if (source.format === 'excel') excelSeconds += seconds;
    else csvParquetSeconds += seconds;
    files.push({ file: source.file, format: source.format, rows, seconds: round3(seconds) });
  }
  return {
    rows: files.reduce((a, f) => a + f.rows, 0),
    seconds: round3(csvParquetSeconds + excelSeconds),
    csvParquetSeconds: round3(csvParquetSeconds),
    excelSeconds: round3(excelSeconds),
    files,
  };
}

/** Data rows of every sheet of a workbook (one header row per sheet), read as a stream. */
async function excelRows(file: string): Promise<number> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(createReadStream(file), {
    sharedStrings: 'cache',
    styles: 'cache',
    worksheets: 'emit',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let rows = 0;
  for await (const sheet of reader) {
    let n = 0;
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) if (row.hasValues) n++;
    rows += Math.max(0, n - 1);
  }
  return rows;
}

export interface CostFloor {
  rows: number;
  seconds: number;
  /** sum of cost_minor over the floor's rows (text: exact beyond 2⁵³), compared with PostgreSQL's (postgres.ts) */
  totalMinor?: string;
}

/**
 * Cost per person by one hand-written query over the same canonical tables: ledger lines matched to an
 * intervention by the translation table (highest priority wins), unit cost = ledger per intervention /
 * volume, person cost = person volume × unit cost, or the record's own amount where there is no ledger
 * cost. It skips what makes costing correct to the øre (pools, proration over periods, price lists,
 * largest-remainder rounding, reconciliation, stops), which is exactly what the ratio prices.
 */
export async function costFloor(ws: Workspace, engine: Engine): Promise<CostFloor | null> {
  const table = ws.config.costing?.translation_table;
  if (!table) return null;
  const lit = (s: string) => engine.dialect.literal(s);
  const match = (col: string) =>
    `(coalesce(r.${col}, '') IN ('', '*') OR r.${col} = l.${col}
      OR (r.${col} LIKE '%*' AND starts_with(l.${col}, rtrim(r.${col}, '*')))
      OR (r.${col} LIKE '_%-%_' AND l.${col} BETWEEN split_part(r.${col}, '-', 1) AND split_part(r.${col}, '-', 2)))`;
  const t0 = performance.now();
  await engine.exec(`
    CREATE OR REPLACE TEMP TABLE bench_floor_cost AS
    WITH rule AS (
      SELECT * FROM read_csv(${lit(ws.resolve(table))}, header = true, all_varchar = true)
    ), matched AS (
      SELECT l.rowid AS lid, any_value(l.period) AS period, any_value(l.municipality) AS municipality,
             any_value(l.amount_minor) AS amount_minor, arg_max(r.target_type || ':' || r.target, r.priority::INTEGER) AS target
      FROM ledger l JOIN rule r
        ON ${match('account')} AND ${match('activity')} AND ${match('responsibility')}
       AND ${match('project')} AND ${match('counterpart')}
      GROUP BY l.rowid
    ), direct AS (
      SELECT period, municipality, substr(target, 14) AS catalogue_code, sum(amount_minor) AS cost_minor
      FROM matched WHERE starts_with(target, 'intervention:') GROUP BY ALL
    ), volume AS (
      SELECT period, municipality, catalogue_code, sum(volume) AS volume
      FROM service WHERE person_key IS NOT NULL GROUP BY ALL
    ), unit_cost AS (
      SELECT d.period, d.municipality, d.catalogue_code, d.cost_minor / v.volume AS unit_cost_minor
      FROM direct d JOIN volume v USING (period, municipality, catalogue_code) WHERE v.volume > 0
    )
    SELECT s.period, s.municipality, s.person_key, s.catalogue_code, sum(s.volume) AS volume,
           coalesce(round(sum(s.volume) * any_value(u.unit_cost_minor)), sum(s.amount_minor), 0)::BIGINT AS cost_minor
    FROM service s LEFT JOIN unit_cost u USING (period, municipality, catalogue_code)
    WHERE s.person_key IS NOT NULL
    GROUP BY ALL
  `);
  const seconds = (performance.now() - t0) / 1000;
  const n = await engine.one<{ n: bigint; t: string }>(
    'SELECT count(*) AS n, CAST(coalesce(sum(cost_minor), 0) AS VARCHAR) AS t FROM bench_floor_cost',
  );
  await engine.exec('DROP TABLE bench_floor_cost');
  return { rows: Number(n.n), seconds: round3(seconds), totalMinor: n.t };
}
