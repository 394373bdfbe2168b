// Index entries from a file (src/overview/index-file.ts): the CSV reader, the header check with "did
// you mean", messages naming file, row, column and fix, and the load through loadEntries — repeatable
// (a second load changes no entry) and never storing the raw person id. Every number is counted by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEntries } from '../../src/overview/entries.js';
import { describeFinding, entriesFromTable, parseIndexCsv } from '../../src/overview/index-file.js';
import type { UserError } from '../../src/errors.js';
import { openStore, type OpenedStore } from '../../src/store/open.js';
import { admin, cats, CITIZEN_A, CITIZEN_B, pseudonymise, seed } from './fixture.js';

const HEADER = 'personId;area;dataType;department;sector;date;title;itemRef;contactId';
// line 1 header (with a byte-order mark), line 2 row 2, lines 3–4 row 3 (a quoted cell spans them),
// line 5 empty (skipped), rows 6–8
const CSV = [
  `\uFEFF${HEADER}\r\n`,
  `${CITIZEN_A};employment;status;Jobcenter;municipal;2026-01-10;Status;F-1;\r\n`,
  `${CITIZEN_A};social_psychiatry;status;Socialforvaltningen;municipal;2025-11-20;"Notat; ""bostøtte""\nside 2";N-7;dc-social\r\n`,
  `\r\n`,
  `${CITIZEN_B};helth_municipal;grant;Sundhed;municipal;2026-13-01;Visitation;S-1;\n`,
  `;employment;registration;Jobcenter;municipal;2026-02-01;Udeblivelse;F-2;\n`,
  `${CITIZEN_A};employment;status;Jobcenter;municipal;2026-01-11;Status igen;F-1;\n`,
].join('');

const bytes = (s: string) => new TextEncoder().encode(s);

function thrown(fn: () => unknown): UserError {
  try {
    fn();
  } catch (e) {
    return e as UserError;
  }
  throw new Error('did not throw');
}

describe('reading an index file', () => {
  it('reads a semicolon CSV with a BOM, a quoted cell over two lines and an empty line; rows are file rows', () => {
    const table = parseIndexCsv(bytes(CSV), 'udtraek.csv');
    expect(table.header).toEqual(HEADER.split(';'));
    // rows 2, 3 (lines 3–4), then 6, 7, 8 (line 5 is empty)
    expect(table.rows.map((r) => r.row)).toEqual([2, 3, 6, 7, 8]);
    expect(table.rows[1]!.cells[6]).toBe('Notat; "bostøtte"\nside 2');
    const { entries, rowNumbers } = entriesFromTable(table);
    expect(rowNumbers).toEqual([2, 3, 6, 7, 8]);
    expect(entries[0]).toEqual({
      personId: CITIZEN_A,
      area: 'employment',
      dataType: 'status',
      department: 'Jobcenter',
      sector: 'municipal',
      date: '2026-01-10',
      title: 'Status',
      itemRef: 'F-1',
      contactId: '',
    });
  });

  it('names an unknown column with "did you mean", in file, row 1 and the column', () => {
    const e = thrown(() =>
      entriesFromTable(parseIndexCsv(bytes(`${HEADER.replace('dataType', 'dataTyp')}\n`), 'x.csv')),
    );
    expect(e.message).toBe('File x.csv, row 1, column dataTyp: unknown column — did you mean dataType?');
    expect(e.location).toMatchObject({ file: 'x.csv', row: 1, column: 'dataTyp' });
    expect(e.localise!('da').message).toBe(
      'Filen x.csv, række 1, kolonne dataTyp: ukendt kolonne — mente du dataType?',
    );
    expect(e.localise!('sv').hint).toContain('Byt namn på kolumnen till dataType');
  });

  it('refuses a missing column, a repeated one, extra cells, an open quote, non-UTF-8 and an empty file', () => {
    const noRef = thrown(() =>
      entriesFromTable(parseIndexCsv(bytes(HEADER.replace(';itemRef', '')), 'x.csv')),
    );
    expect(noRef.message).toBe('File x.csv: the column itemRef is missing');
    expect(noRef.location.column).toBe('itemRef');
    const twice = thrown(() => entriesFromTable(parseIndexCsv(bytes(`${HEADER};area`), 'x.csv')));
    expect(twice.message).toBe('File x.csv, row 1: the column area appears twice');
    // 9 header columns, 10 cells in row 2
    const extra = thrown(() =>
      entriesFromTable(parseIndexCsv(bytes(`${HEADER}\na;b;c;d;e;f;g;h;i;j\n`), 'x.csv')),
    );
    expect(extra.message).toBe('File x.csv, row 2: 10 cells, but the header has 9 columns');
    expect(extra.location).toMatchObject({ row: 2, column: '#10' });
    const open = thrown(() => parseIndexCsv(bytes(`${HEADER}\na;"b;c\n`), 'x.csv'));
    expect(open.message).toBe('File x.csv, row 2: a quotation mark is never closed');
    const latin1 = thrown(() => parseIndexCsv(Uint8Array.from([0x61, 0xe6, 0x0a]), 'x.csv'));
    expect(latin1.message).toBe('The file x.csv is not saved as UTF-8');
    expect(thrown(() => parseIndexCsv(bytes('\n\n'), 'x.csv')).message).toBe(
      'The file x.csv is empty: it has not even a header row',
    );
  });
});

describe('loading an index file', () => {
  let store: OpenedStore;
  beforeAll(async () => {
    store = await openStore();
    await seed(store);
  }, 120_000);
  afterAll(async () => {
    await store?.close();
  });

  it('loads the valid rows, reports the others by file row, and a second load changes nothing', async () => {
    const { entries, rowNumbers } = entriesFromTable(parseIndexCsv(bytes(CSV), 'udtraek.csv'));
    const load = () =>
      loadEntries(store, admin, 'filetest', entries, cats, pseudonymise, { rowNumbers, file: 'udtraek.csv' });
    const first = await load();
    // rows 2, 3, 8 are valid; row 8 repeats F-1 (it wins; row 2 is reported) → 2 entries
    expect(first).toMatchObject({ rowsIn: 5, rowsLoaded: 3, inserted: 2, updated: 0, unchanged: 0 });
    expect(first.findings).toEqual([
      { row: 6, field: 'area', problem: 'unknown_area', value: 'helth_municipal' },
      { row: 6, field: 'date', problem: 'bad_date' },
      { row: 7, field: 'personId', problem: 'missing' },
      { row: 2, field: 'itemRef', problem: 'duplicate_ref', value: 'F-1' },
    ]);
    const snapshot = () =>
      store.query(
        `SELECT item_ref, citizen, title, batch_id, loaded_at FROM overview_index_entry
         WHERE source_system = 'filetest' ORDER BY item_ref`,
      );
    const before = await snapshot();
    expect(before.map((r) => [r.item_ref, r.title])).toEqual([
      ['F-1', 'Status igen'],
      ['N-7', 'Notat; "bostøtte"\nside 2'],
    ]);
    const again = await load();
    expect(again).toMatchObject({ rowsIn: 5, rowsLoaded: 3, inserted: 0, updated: 0, unchanged: 2 });
    // not even the batch or the load time of an entry changed
    expect(await snapshot()).toEqual(before);
    // the raw person id is in no entry, no batch and no audit row
    const raw = await store.query<{ n: bigint }>(
      `SELECT (SELECT count(*) FROM overview_index_entry e WHERE row_to_json(e)::text LIKE $1)
            + (SELECT count(*) FROM overview_index_batch b WHERE row_to_json(b)::text LIKE $1)
            + (SELECT count(*) FROM audit_log a WHERE row_to_json(a)::text LIKE $1) AS n`,
      [`%${CITIZEN_A}%`],
    );
    expect(Number(raw[0]!.n)).toBe(0);
    const [audit] = await store.query<{ detail: Record<string, unknown> }>(
      "SELECT detail FROM audit_log WHERE action = 'overview.index.load' ORDER BY seq DESC LIMIT 1",
    );
    expect(audit!.detail).toMatchObject({
      file: 'udtraek.csv',
      rowsIn: 5,
      rowsLoaded: 3,
      unchanged: 2,
      findings: 4,
    });
  }, 60_000);

  it('describes a finding with file, row, column and the fix, suggesting the id meant', () => {
    const area = { row: 6, field: 'area', problem: 'unknown_area', value: 'helth_municipal' } as const;
    expect(describeFinding('en', area, 'udtraek.csv', cats)).toBe(
      'udtraek.csv, row 6, column area: unknown area "helth_municipal". Did you mean health_municipal?',
    );
    expect(describeFinding('da', area, 'udtraek.csv', cats)).toBe(
      'udtraek.csv, række 6, kolonne area: ukendt område "helth_municipal". Mente du health_municipal?',
    );
    expect(describeFinding('sv', { row: 6, field: 'date', problem: 'bad_date' }, 'udtraek.csv', cats)).toBe(
      'udtraek.csv, rad 6, kolumn date: inte ett datum. Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-03-01.',
    );
    expect(
      describeFinding(
        'en',
        { row: 9, field: 'contactId', problem: 'unknown_contact', value: 'dc-socal' },
        'f.csv',
        cats,
        ['dc-social', 'dc-jobcenter'],
      ),
    ).toBe(
      'f.csv, row 9, column contactId: the data contact "dc-socal" is not in the directory. Did you mean dc-social?',
    );
  });
});
