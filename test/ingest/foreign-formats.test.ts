/**
 * Extracts in the shapes other municipalities' systems export, which the demo does not write: unnamed
 * trailing columns, single-byte text whose scan fails at once, and more. Each case was found by configuring
 * such a file from the docs alone.
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { importSources } from '../../src/ingest/index.js';
import { openRelation } from '../../src/ingest/read.js';
import { openMemoryWarehouse } from '../../src/model/warehouse.js';
import { makeWorkspace, serviceSource, TEST_KEY, testOutput, writeFile } from './helpers.js';

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

describe('a workbook laid out for reading: title row, merged cells, a total row, several sheets', () => {
  it('fills merged data cells with their shown value and leaves the title and total out', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Forside').getCell('A1').value = 'Udtræk 15-01-2025';
    const s = wb.addWorksheet('Ydelser');
    s.getCell('A1').value = 'Hjemmepleje 2024';
    s.mergeCells('A1:F1'); // a title over the header: layout
    s.getRow(3).values = ['CPR', 'Fra', 'Til', 'Timer', 'Kode', 'Beløb'];
    s.getRow(4).values = [CPR, '01-02-2024', '29-02-2024', 2, 'SEL-83-PP', 100];
    s.getRow(5).values = ['240688-1234', '01-03-2024', '31-03-2024', 3, null, 200];
    s.getRow(6).values = ['240688-1234', '01-04-2024', null, 4, 'SEL-83-PH', 300];
    s.mergeCells('E4:E5'); // the code shown beside rows 4 and 5
    s.mergeCells('C6:D6'); // a horizontal merge: the value of C6 (empty) fills D6 too
    s.getRow(7).values = ['I alt', null, null, 9, null, 600];
    const ws = makeWorkspace({
      sources: [
        serviceSource({
          file: 'extracts/hp.xlsx',
          format: 'excel',
          csv: undefined,
          excel: { sheet: 'Ydelser', header_row: 3 },
          where: "CPR <> 'I alt'",
        }),
      ],
      files: { 'extracts/hp.xlsx': Buffer.from(await wb.xlsx.writeBuffer()) },
    });
    const sum = await importWs(ws);
    expect(sum.sources[0]).toMatchObject({ rows_read: 3, rows_filtered: 1, rows_loaded: 3 });
    const rows = await engine!.all<{ row_no: bigint; code: string | null; volume: number | null }>(
      'SELECT row_no, catalogue_code AS code, volume FROM service ORDER BY row_no',
    );
    // row 5 shows the merged E4:E5 code; row 6's D6 is covered by C6 (empty), so its volume is empty
    expect(rows.map((r) => [Number(r.row_no), r.code, r.volume === null ? null : Number(r.volume)])).toEqual([
      [4, 'SEL-83-PP', 2],
      [5, 'SEL-83-PP', 3],
      [6, 'SEL-83-PH', null],
    ]);
  });
});

describe('a 10-digit personnummer is read at the end of its period, never today', () => {
  it('reads the century as the extract was written, so a re-import years later gives the same persons', async () => {
    // Synthetic, Luhn-valid: born 1926-06-01 (98 at the end of 2024, written with "-") and 1921-08-02
    // (103, written with "+"). Read at today's date (after 2026-06-01), the first would be born in 2026.
    const lines = [
      'Personnummer;Fra;Til;Timer;Kode;Belopp',
      '260601-1233;01-02-2024;29-02-2024;1;SOL-HT-BEV;10',
      '210802+4569;01-02-2024;29-02-2024;1;SOL-HT-BEV;10',
    ];
    const ws = makeWorkspace({
      country: 'SE',
      sources: [
        serviceSource({
          columns: { ...serviceSource().columns!, person_id: 'Personnummer', amount: 'Belopp' },
        }),
      ],
      files: { 'extracts/hjemmepleje.csv': lines.join('\n') + '\n' },
    });
    await importWs(ws);
    const persons = await engine!.all<{ pseudonym: string; birth_year: number }>(
      'SELECT pseudonym, birth_year FROM person ORDER BY birth_year',
    );
    // the pseudonym is the HMAC of the 12-digit form with the century read at 2024-12-31
    const hmac = (id: string) => createHmac('sha256', Buffer.from(TEST_KEY, 'hex')).update(id).digest('hex');
    expect(persons).toEqual([
      { pseudonym: hmac('192108024569'), birth_year: 1921 },
      { pseudonym: hmac('192606011233'), birth_year: 1926 },
    ]);
  });
});

describe('an id kept in a number column', () => {
  it('gets back the leading zero Excel dropped (a CPR born on the 1st to the 9th of a month)', async () => {
    const wb = new ExcelJS.Workbook();
    const s = wb.addWorksheet('Ark1');
    s.getRow(1).values = ['CPR', 'Fra', 'Til', 'Timer', 'Kode', 'Beløb'];
    // 0101504948 typed into a number cell: Excel stores 101504948 and shows it with the format 0000000000
    s.getRow(2).values = [101504948, '01-02-2024', '29-02-2024', 1, 'SEL-83-PP', 10];
    s.getColumn(1).numFmt = '0000000000';
    const ws = makeWorkspace({
      sources: [serviceSource({ file: 'extracts/hp.xlsx', format: 'excel', csv: undefined })],
      files: { 'extracts/hp.xlsx': Buffer.from(await wb.xlsx.writeBuffer()) },
    });
    const sum = await importWs(ws);
    expect(sum.unidentified).toEqual([]);
    const hmac = (id: string) => createHmac('sha256', Buffer.from(TEST_KEY, 'hex')).update(id).digest('hex');
    // 01-01-50, 7th digit 4 and year 50 → 1950 (CPR century table)
    expect(await engine!.all('SELECT pseudonym, birth_year FROM person')).toEqual([
      { pseudonym: hmac('0101504948'), birth_year: 1950 },
    ]);
  });
});

describe('a date format and the time systems append to dates', () => {
  it('reads 31-12-2024 00:00:00 under format dd-mm-yyyy as the day, like an ISO cell with a time', async () => {
    const lines = [
      'CPR;Fra;Til;Timer;Kode;Beløb',
      `${CPR};31-12-2024 00:00:00;31-12-2024 00:00;1;SEL-83-PP;1`,
      `${CPR};01-02-2024 13:45:10.5;29-02-2024;1;SEL-83-PP;1`,
    ];
    const ws = makeWorkspace({
      sources: [serviceSource()],
      files: { 'extracts/hjemmepleje.csv': lines.join('\n') + '\n' },
    });
    const sum = await importWs(ws);
    expect(sum.sources[0]).toMatchObject({ rows_loaded: 2, rows_rejected: 0 });
    const rows = await engine!.all<{ s: string; e: string }>(
      'SELECT start_date::VARCHAR AS s, end_date::VARCHAR AS e FROM service ORDER BY row_no',
    );
    expect(rows).toEqual([
      { s: '2024-12-31', e: '2024-12-31' },
      { s: '2024-02-01', e: '2024-02-29' },
    ]);
  });
});
