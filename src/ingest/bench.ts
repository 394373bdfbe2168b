/**
 * Ingest benchmark (not a test): generates N synthetic home-care rows as CSV (Danish style: `;`, decimal
 * comma, dd-mm-yyyy, local codes) and Parquet, then times `importSources` on each in a fresh process,
 * reporting rows/s and peak RSS. Usage (after `npm run build`):
 *   node dist/ingest/bench.js [--rows 1000000] [--format csv|parquet|excel|both] [--dir /tmp/tvaerblik-bench] [--reuse]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { stringify } from 'yaml';
import { createOutput } from '../cli/output.js';
import { openWorkspace } from '../config/workspace.js';
import { openDuckDB } from '../engine/duckdb.js';
import { seededRandom, syntheticCpr } from '../ids/synthetic.js';
import { openWarehouse } from '../model/warehouse.js';
import { importSources } from './index.js';

const LOCAL_CODES = ['PP1', 'PP2', 'PH1', 'PH2', 'MAD', 'REH', 'TRN', 'XX9'];
const CATALOGUE = ['SEL-83-PP', 'SEL-83-PP', 'SEL-83-PH', 'SEL-83-PH', 'SEL-83-MAD', 'SEL-83A', 'SEL-86'];

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
}

/** Write workspace, ids and extracts for `rows` rows. */
async function generate(dir: string, rows: number, formats: string[]): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  for (const d of ['extracts', 'mappings', 'secrets', 'warehouse'])
    mkdirSync(path.join(dir, d), { recursive: true });
  writeFileSync(path.join(dir, 'secrets', 'pseudonym.key'), 'b2'.repeat(32));
  writeFileSync(
    path.join(dir, 'mappings', 'koder.csv'),
    'local_code;catalogue_code\n' + CATALOGUE.map((c, i) => `${LOCAL_CODES[i]};${c}`).join('\n') + '\n',
  );
  const persons = Math.min(500_000, Math.max(1000, Math.floor(rows / 20)));
  const rnd = seededRandom(42);
  const ids: string[] = [];
  for (let i = 0; i < persons; i++)
    ids.push(syntheticCpr(new Date(Date.UTC(1925 + (i % 80), i % 12, 1 + (i % 28))), i % 2 ? 'M' : 'F', rnd));
  const db = await openDuckDB({ file: ':memory:' });
  await db.exec('CREATE TABLE ids (i INTEGER, cpr VARCHAR)');
  await db.append(
    'ids',
    ['i', 'cpr'],
    ids.map((c, i) => [i, c]),
  );
  const base = `SELECT ids.cpr, DATE '2024-01-01' + (r % 300)::INTEGER AS fra, DATE '2024-01-01' + (r % 300)::INTEGER + (r % 30)::INTEGER AS til,
      ((r % 40) + 1) * 0.25 AS timer, ${LOCAL_CODES.map((c) => `'${c}'`).join(',')}[(r % 8)::INTEGER + 1] AS kode,
      ((r * 7919) % 1000000) / 100.0 AS kr
    FROM range(${rows}) t(r) JOIN ids ON ids.i = (r * 2654435761) % ${persons}`;
  const sources: Record<string, unknown>[] = [];
  if (formats.includes('csv')) {
    await db.exec(
      `COPY (SELECT cpr AS "CPR", strftime(fra, '%d-%m-%Y') AS "Fra", strftime(til, '%d-%m-%Y') AS "Til",
          replace(timer::VARCHAR, '.', ',') AS "Timer", kode AS "Ydelse", replace(printf('%.2f', kr), '.', ',') AS "Beløb"
        FROM (${base})) TO '${path.join(dir, 'extracts', 'ydelser.csv')}' (HEADER, DELIMITER ';', QUOTE '')`,
    );
    sources.push({
      id: 'csv',
      file: 'extracts/ydelser.csv',
      format: 'csv',
      csv: { delimiter: ';', decimal: ',' },
      period: '2024',
      target: 'service',
      codes: 'mappings/koder.csv',
      columns: {
        person_id: 'CPR',
        start_date: { column: 'Fra', format: 'dd-mm-yyyy' },
        end_date: { column: 'Til', format: 'dd-mm-yyyy' },
        volume: 'Timer',
        local_code: 'Ydelse',
        amount: 'Beløb',
      },
    });
  }
  if (formats.includes('parquet')) {
    await db.exec(
      `COPY (SELECT cpr, fra, til, timer::DOUBLE AS timer, kode, kr::DECIMAL(18,2) AS kr FROM (${base}))
        TO '${path.join(dir, 'extracts', 'ydelser.parquet')}' (FORMAT parquet, COMPRESSION zstd)`,
    );
    sources.push({
      id: 'parquet',
      file: 'extracts/ydelser.parquet',
      format: 'parquet',
      period: '2024',
      target: 'service',
      codes: 'mappings/koder.csv',
      columns: {
        person_id: 'cpr',
        start_date: 'fra',
        end_date: 'til',
        volume: 'timer',
        local_code: 'kode',
        amount: 'kr',
      },
    });
  }
  if (formats.includes('excel')) {
    // Streamed out in chunks, as a department's export would be: real date cells, numbers, text.
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: path.join(dir, 'extracts', 'ydelser.xlsx'),
    });
    const sheet = wb.addWorksheet('Ydelser');
    sheet.addRow(['CPR', 'Fra', 'Til', 'Timer', 'Ydelse', 'Beløb']).commit();
    await db.exec(`CREATE TABLE x AS SELECT * FROM (${base})`);
    for (let off = 0; off < rows; off += 100_000) {
      const chunk = await db.all<{
        cpr: string;
        fra: string;
        til: string;
        timer: string;
        kode: string;
        kr: string;
      }>(
        `SELECT cpr, fra, til, timer::VARCHAR AS timer, kode, kr::VARCHAR AS kr FROM x LIMIT 100000 OFFSET ${off}`,
      );
      for (const r of chunk)
        sheet
          .addRow([
            r.cpr,
            new Date(`${r.fra}T00:00:00Z`),
            new Date(`${r.til}T00:00:00Z`),
            Number(r.timer),
            r.kode,
            Number(r.kr),
          ])
          .commit();
    }
    sheet.commit();
    await wb.commit();
    sources.push({
      id: 'excel',
      file: 'extracts/ydelser.xlsx',
      format: 'excel',
      period: '2024',
      target: 'service',
      codes: 'mappings/koder.csv',
      columns: {
        person_id: 'CPR',
        start_date: 'Fra',
        end_date: 'Til',
        volume: 'Timer',
        local_code: 'Ydelse',
        amount: 'Beløb',
      },
    });
  }
  await db.close();
  writeFileSync(
    path.join(dir, 'tvaerblik.yaml'),
    stringify({
      country: 'DK',
      currency: 'DKK',
      municipalities: ['851'],
      periods: [{ id: '2024', from: '2024-01-01', to: '2024-12-31' }],
      pseudonymisation: { key_file: 'secrets/pseudonym.key' },
      catalogue: 'dk',
      sources,
    }),
  );
}

/** Child mode: import one source into a fresh warehouse and print timing and peak RSS as JSON. */
async function runOne(dir: string, source: string): Promise<void> {
  const ws = openWorkspace(dir);
  rmSync(ws.resolve(ws.config.warehouse), { force: true });
  rmSync(ws.resolve(ws.config.warehouse) + '.wal', { force: true });
  const engine = await openWarehouse(ws);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const s = await importSources(
    ws,
    engine,
    createOutput({ lang: 'en', json: true, isTTY: false, stdout: () => {} }),
    {
      sources: [source],
    },
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  await engine.close();
  const src = s.sources[0]!;
  process.stdout.write(
    JSON.stringify({
      source,
      rows: src.rows_read,
      loaded: src.rows_loaded,
      seconds: Math.round(seconds * 100) / 100,
      rows_per_second: Math.round(src.rows_read / seconds),
      // CPU seconds (all threads): a figure less disturbed than wall time when the machine is shared
      cpu_seconds: Math.round((cpu.user + cpu.system) / 1e4) / 100,
      peak_rss_mib: Math.round(process.resourceUsage().maxRSS / 1024),
    }) + '\n',
  );
}

async function main(): Promise<void> {
  if (process.argv[2] === 'run') return runOne(process.argv[3]!, process.argv[4]!);
  const rows = Number(arg('rows', '1000000'));
  const format = arg('format', 'both');
  const dir = arg('dir', '/tmp/tvaerblik-bench');
  const formats = format === 'both' ? ['csv', 'parquet'] : [format];
  const g0 = performance.now();
  // --reuse: time the import again on extracts written by an earlier run
  if (!process.argv.includes('--reuse')) {
    await generate(dir, rows, formats);
    console.log(`generated ${rows} rows in ${((performance.now() - g0) / 1000).toFixed(1)} s`);
  }
  for (const f of formats) {
    const file = path.join(dir, 'extracts', `ydelser.${f === 'excel' ? 'xlsx' : f}`);
    console.log(`${f}: ${(statSync(file).size / 1024 ** 2).toFixed(0)} MiB`);
    const r = spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), 'run', dir, f],
      { encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(r.stderr);
    console.log(r.stdout.trim());
  }
}

await main();
