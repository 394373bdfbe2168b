import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { UserError } from '../../src/errors.js';
import { importSources } from '../../src/ingest/index.js';
import { openMemoryWarehouse } from '../../src/model/warehouse.js';
import { makeWorkspace, serviceSource, testOutput } from './helpers.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));
const IDS = JSON.parse(fixture('ids.json').toString()) as string[];

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

/** Import one fixture as the service extract; returns the error (or the summary). */
async function importFixture(name: string, extra: Record<string, unknown> = {}, lang: 'en' | 'da' = 'en') {
  const excel = name.endsWith('.xlsx');
  const file = `extracts/${name}`;
  const ws = makeWorkspace({
    sources: [
      serviceSource({
        file,
        ...(excel ? { format: 'excel', csv: undefined } : {}),
        ...extra,
      }),
    ],
    files: { [file]: fixture(name) },
  });
  engine = await openMemoryWarehouse();
  try {
    return { summary: await importSources(ws, engine, testOutput(lang)), error: undefined };
  } catch (e) {
    return { summary: undefined, error: e as UserError };
  }
}

function expectUserError(e: unknown, message: RegExp, loc: Partial<UserError['location']> = {}): UserError {
  expect(e).toBeInstanceOf(UserError);
  const u = e as UserError;
  expect(u.message).toMatch(message);
  expect(u.location).toMatchObject(loc);
  expect(u.location.hint).toBeTruthy();
  // No error ever carries a raw person id.
  for (const id of IDS) {
    expect(u.describe()).not.toContain(id);
    expect(u.describe()).not.toContain(id.replace('-', ''));
  }
  return u;
}

describe('safe parsing: every bad input gives a clear error naming file, row, column and the fix', () => {
  it('loads the good CSV and the good workbook (control)', async () => {
    const csv = await importFixture('good.csv');
    expect(csv.error).toBeUndefined();
    expect(csv.summary!.sources[0]).toMatchObject({ rows_read: 4, rows_loaded: 4 });
    // "1.234,50" with decimal comma → 123450 øre
    expect(
      (await engine!.all('SELECT amount_minor FROM service ORDER BY row_no')).map((r) => r.amount_minor),
    ).toEqual([123450n, 123451n, 123452n, 123453n]);
    await engine!.close();
    const xlsx = await importFixture('good.xlsx', { columns: { ...goodExcelColumns } });
    expect(xlsx.error).toBeUndefined();
    const rows = await engine!.all(
      'SELECT row_no, start_date, end_date, volume, amount_minor FROM service ORDER BY row_no',
    );
    // real date cells are taken as dates; 45350 is the Excel serial of 2024-02-28
    expect(rows[0]).toEqual({
      row_no: 2n,
      start_date: '2024-02-01',
      end_date: '2024-02-28',
      volume: '1.5000',
      amount_minor: 123450n,
    });
    expect(rows[3]).toMatchObject({ row_no: 5n, start_date: '2024-02-04', amount_minor: 123750n });
  });

  it('empty file', async () => {
    const { error } = await importFixture('empty.csv');
    expectUserError(error, /file is empty/, { file: 'extracts/empty.csv' });
  });

  it('empty workbook', async () => {
    const { error } = await importFixture('empty.xlsx');
    expectUserError(error, /file is empty/, { file: 'extracts/empty.xlsx' });
  });

  it('truncated CSV: the last row has too few fields', async () => {
    const { error } = await importFixture('truncated.csv');
    const u = expectUserError(error, /Row 5 has 3 fields, the header has 6/, {
      file: 'extracts/truncated.csv',
      row: 5,
    });
    expect(u.location.hint).toMatch(/truncated/);
  });

  it('truncated CSV inside a quoted field', async () => {
    const { error } = await importFixture('truncated-quote.csv');
    expectUserError(error, /quote that is never closed/, { file: 'extracts/truncated-quote.csv', row: 4 });
  });

  it('truncated workbook', async () => {
    const { error } = await importFixture('truncated.xlsx');
    expectUserError(error, /incomplete \(truncated\)/, { file: 'extracts/truncated.xlsx' });
  });

  it('a CSV named .xlsx', async () => {
    const { error } = await importFixture('not-xlsx.xlsx');
    expectUserError(error, /not an Excel workbook/, { file: 'extracts/not-xlsx.xlsx' });
  });

  it('duplicate headers (CSV and Excel)', async () => {
    expectUserError((await importFixture('duplicate-header.csv')).error, /column "Fra" more than once/, {
      file: 'extracts/duplicate-header.csv',
      row: 1,
      column: 'Fra',
    });
    await engine!.close();
    expectUserError((await importFixture('duplicate-header.xlsx')).error, /column "Fra" more than once/, {
      column: 'Fra',
    });
  });

  it('missing header: names the column and lists those present', async () => {
    const { error } = await importFixture('missing-column.csv');
    const u = expectUserError(error, /Column "Beløb" \(mapped to amount\) is not in the file/, {
      file: 'extracts/missing-column.csv',
      column: 'Beløb',
    });
    expect(u.message).toContain('"CPR", "Fra", "Til", "Timer", "Kode"');
    expect(u.location.hint).toContain('sources[hjemmepleje].columns.amount');
  });

  it('wrong delimiter: says which delimiter is likely', async () => {
    const { error } = await importFixture('wrong-delimiter.csv');
    const u = expectUserError(error, /only one column but 6 columns are mapped: the delimiter is likely ","/);
    expect(u.location.hint).toBe('set csv.delimiter: "," in sources[hjemmepleje]');
  });

  it('broken encoding: suggests windows-1252, and that encoding then loads', async () => {
    const { error } = await importFixture('windows-1252.csv');
    const u = expectUserError(error, /not valid UTF-8 \(first bad byte in row 1\)/, { row: 1 });
    expect(u.location.hint).toContain('try encoding: windows-1252');
    await engine!.close();
    const ok = await importFixture('windows-1252.csv', {
      csv: { delimiter: ';', decimal: ',', encoding: 'windows-1252' },
    });
    expect(ok.error).toBeUndefined();
    expect(ok.summary!.sources[0]).toMatchObject({ rows_loaded: 4 });
  });

  it('huge cell in a CSV', async () => {
    const { error } = await importFixture('huge-cell.csv');
    expectUserError(error, /Row 3 is longer than 1048576 bytes/, { file: 'extracts/huge-cell.csv', row: 3 });
  });

  it('huge cell in a workbook', async () => {
    const { error } = await importFixture('huge-cell.xlsx');
    expectUserError(error, /Cell E2 holds 40000 characters/, { column: 'E2' });
  });

  it('zip bomb (honest sizes: ratio) is refused before inflating', async () => {
    const { error } = await importFixture('zip-bomb.xlsx');
    expectUserError(error, /refused: xl\/worksheets\/sheet1.xml unpacks to 200 MiB .* zip bomb/);
  });

  it('zip bomb with lying headers is stopped while inflating', async () => {
    const { error } = await importFixture('zip-bomb-lying.xlsx');
    expectUserError(error, /refused: xl\/worksheets\/sheet1.xml .* zip bomb/);
  });

  it('XML entity expansion (DOCTYPE/ENTITY) is refused', async () => {
    const { error } = await importFixture('xml-entity.xlsx');
    expectUserError(error, /declares a DOCTYPE\/ENTITY/);
  });

  it('formulas: the saved value is taken; a formula without one is refused', async () => {
    const ok = await importFixture('formulas.xlsx', { columns: { ...goodExcelColumns } });
    expect(ok.error).toBeUndefined();
    expect((await engine!.one('SELECT amount_minor FROM service')).amount_minor).toBe(20000n);
    await engine!.close();
    const { error } = await importFixture('formula-no-value.xlsx', { columns: { ...goodExcelColumns } });
    expectUserError(error, /Cell F2 holds a formula without a saved value/, { column: 'F2' });
  });

  it('messages follow the language', async () => {
    const { error } = await importFixture('empty.csv', {}, 'da');
    expectUserError(error, /Filen er tom/);
  });
});

const goodExcelColumns = {
  person_id: 'CPR',
  start_date: { column: 'Fra', format: 'dd-mm-yyyy' },
  end_date: { column: 'Til', format: 'excel' },
  volume: 'Timer',
  catalogue_code: 'Kode',
  amount: 'Beløb',
};
