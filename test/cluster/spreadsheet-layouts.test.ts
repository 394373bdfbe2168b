/**
 * A cluster's own budget spreadsheet, laid out as secretariats lay them out: Danish number formats, a
 * title above the header, empty rows, a total row, a column per year, and the mistakes such sheets
 * have (a duplicated row, a budget line of a project not in the file, a value under no header). Every
 * amount lands exactly or the load stops naming the sheet, the row and the fix — nothing is dropped.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readClusterFile } from '../../src/cluster/load.js';
import { UserError } from '../../src/errors.js';

type Rows = unknown[][];
async function workbook(sheets: Record<string, Rows>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) wb.addWorksheet(name).addRows(rows);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const ORGS: Rows = [
  ['id', 'navn', 'type', 'formand'],
  ['a', 'A Kommune', 'municipality', 'ja'],
  ['b', 'B Kommune', 'municipality', 'nej'],
];
const FUNDS: Rows = [
  ['id', 'navn', 'tillader'],
  ['f', 'Puljen', 'development'],
];
/** the error a file gives, rendered in `lang` with its location */
async function refusal(p: Promise<unknown>, lang: 'da' | 'sv' | 'en' = 'en'): Promise<string> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(UserError);
  return (e as UserError).describe(lang);
}

describe('amounts as Danish and Swedish sheets write them', () => {
  it('60.000 is sixty thousand kroner and 1.234.567,50 is exact to the øre (text cells and YAML alike)', async () => {
    const doc = await readClusterFile(
      'klynge.xlsx',
      await workbook({
        organisationer: ORGS,
        puljer: FUNDS,
        bevillinger: [
          ['pulje', 'år', 'medlem', 'beløb'],
          ['f', 2025, 'a', '60.000'], // 60,000 kr = 6,000,000 øre (not 60 kr)
          ['f', '2025', 'b', '1.234.567,50'], // a year typed as text is still the year
        ],
      }),
    );
    expect(doc.grants).toEqual([{ fund: 'f', year: 2025, amounts: { a: 6_000_000n, b: 123_456_750n } }]);
    const yaml = await readClusterFile(
      'klynge.yaml',
      Buffer.from(`grants:\n  - { fund: f, year: 2025, amounts: { a: "60.000", b: "1 234 567,50" } }\n`),
    );
    expect(yaml.grants[0]!.amounts).toEqual({ a: 6_000_000n, b: 123_456_750n });
  });

  it('a formula result with floating-point noise is the amount; an amount that is not one names the sheet and row, in Danish', async () => {
    const doc = await readClusterFile(
      'klynge.xlsx',
      await workbook({
        bevillinger: [
          ['pulje', 'år', 'medlem', 'beløb'],
          ['f', 2025, 'a', 950800 * 0.22], // 209,176 kr; the float is 209176.00000000003
        ],
      }),
    );
    expect(doc.grants[0]!.amounts).toEqual({ a: 20_917_600n });
    const text = await refusal(
      readClusterFile(
        'klynge.xlsx',
        await workbook({
          bevillinger: [
            ['pulje', 'år', 'medlem', 'beløb'],
            ['f', 2025, 'a', 100],
            ['f', 2025, 'b', '12.34.5'],
          ],
        }),
      ),
      'da',
    );
    expect(text).toContain('et beløb i kroner med højst to decimaler, fx 60000, 60.000 eller 1.234.567,50');
    expect(text).toContain('row: 3, column: bevillinger');
  });
});

describe('ids typed as numbers', () => {
  it('an organisation id 730 typed in Excel is the id "730" wherever it is used', async () => {
    const doc = await readClusterFile(
      'klynge.xlsx',
      await workbook({
        organisationer: [
          ['id', 'navn', 'type'],
          [730, 'Randers Kommune', 'municipality'],
        ],
        bevillinger: [
          ['pulje', 'år', 'medlem', 'beløb'],
          ['f', 2025, 730, 1000],
        ],
      }),
    );
    expect(doc.organisations[0]!.id).toBe('730');
    expect(doc.grants[0]!.amounts).toEqual({ '730': 100_000n });
  });
});

describe('a sheet laid out by a secretariat', () => {
  it('a title above the header, empty rows and a total row that adds up are read; the total is not loaded', async () => {
    const doc = await readClusterFile(
      'klynge.xlsx',
      await workbook({
        bevillinger: [
          ['Bevillinger 2025 – Puljen'], // a title: one filled cell, not the header
          [],
          ['pulje', 'år', 'medlem', 'beløb'],
          ['f', 2025, 'a', '60.000'],
          [],
          ['f', 2025, 'b', 40000],
          ['I alt', null, null, '100.000'], // 60,000 + 40,000 = 100,000: checked, then skipped
        ],
      }),
    );
    expect(doc.grants).toEqual([{ fund: 'f', year: 2025, amounts: { a: 6_000_000n, b: 4_000_000n } }]);
  });

  it('a total row that does not add up stops the load, naming both sums', async () => {
    const text = await refusal(
      readClusterFile(
        'klynge.xlsx',
        await workbook({
          bevillinger: [
            ['pulje', 'år', 'medlem', 'beløb'],
            ['f', 2025, 'a', 60000],
            ['f', 2025, 'b', 40000],
            ['Total', null, null, 103000],
          ],
        }),
      ),
    );
    // 60,000 + 40,000 = 100,000, not 103,000
    expect(text).toContain(
      'sheet bevillinger, row 4: the total row says 103.000,00 kr., but the rows above it add up to 100.000,00 kr.',
    );
  });

  it('a budget with a column per year becomes one line per year, and subtotals per project add up', async () => {
    const doc = await readClusterFile(
      'klynge.xlsx',
      await workbook({
        projekter: [
          ['id', 'titel', 'pulje', 'ejer'],
          ['p1', 'Projekt 1', 'f', 'a'],
        ],
        budget: [
          ['projekt', 'kategori', '2025', '2026', '2027'],
          ['p1', 'development', '10.000', '12.500,50', null], // 2027 empty: no line
          ['I alt', null, 10000, 12500.5, null], // 10,000 + 12,500.50 = 22,500.50
        ],
      }),
    );
    expect(doc.projects[0]!.budget).toEqual([
      { year: 2025, category: 'development', kroner: 1_000_000n },
      { year: 2026, category: 'development', kroner: 1_250_050n },
    ]);
  });
});

describe('nothing in a sheet is dropped without a word', () => {
  const cases: [string, Record<string, Rows>, string][] = [
    [
      'the same member twice in one fund and year (the second would replace the first)',
      {
        bevillinger: [
          ['pulje', 'år', 'medlem', 'beløb'],
          ['f', 2026, 'a', 1000],
          ['f', 2026, 'a', 2000],
        ],
      },
      'sheet bevillinger, row 3: a has a grant from f in 2026 already in row 2.',
    ],
    [
      'a budget line of a project that is not in the projects sheet',
      {
        projekter: [
          ['id', 'titel', 'pulje', 'ejer'],
          ['lab', 'Lab', 'f', 'a'],
        ],
        budget: [
          ['projekt', 'år', 'kategori', 'beløb'],
          ['lab', 2025, 'development', 10000],
          ['labb', 2025, 'development', 99999],
        ],
      },
      'sheet budget, row 3: project "labb" is not in the sheet projects – did you mean "lab"?',
    ],
    [
      'a value in a column without a header',
      {
        bevillinger: [
          ['pulje', 'år', 'medlem', 'beløb'],
          ['f', 2025, 'a', 1000, 'stray'],
        ],
      },
      'sheet bevillinger, cell E2: the cell has a value but its column has no header',
    ],
    [
      'a grant row without a member',
      {
        bevillinger: [
          ['pulje', 'år', 'medlem', 'beløb'],
          ['f', 2025, null, 1000],
        ],
      },
      'sheet bevillinger, row 2: the grant has no member.',
    ],
    [
      'the same member twice in a split',
      {
        projekter: [
          ['id', 'titel', 'pulje', 'ejer'],
          ['lab', 'Lab', 'f', 'a'],
        ],
        fordeling: [
          ['projekt', 'medlem', 'procent'],
          ['lab', 'a', 50],
          ['lab', 'a', 50],
        ],
      },
      'sheet fordeling, row 3: member "a" is already in row 2.',
    ],
  ];
  it.each(cases)('%s', async (_, sheets, message) => {
    expect(await refusal(readClusterFile('klynge.xlsx', await workbook(sheets)))).toContain(message);
  });
});

describe('a refusal points into the file', () => {
  it('a YAML file names the line, in Swedish', async () => {
    const yaml = [
      'organisations:',
      '  - { id: a, name: A, kind: municipality }',
      'funds:',
      '  - { id: f, name: F, allows: [development] }',
      'grants:',
      '  - { fund: f, year: 2025, amounts: { a: 100 } }',
      '  - { fund: f, year: 2025x, amounts: { a: 100 } }',
    ].join('\n');
    const text = await refusal(readClusterFile('klynge.yaml', Buffer.from(yaml)), 'sv');
    expect(text).toContain('row: 7');
    expect(text).toContain('värdet har fel typ');
  });

  it('a YAML id written as a number says to quote it', async () => {
    const text = await refusal(
      readClusterFile(
        'klynge.yaml',
        Buffer.from('organisations:\n  - { id: 730, name: Randers, kind: municipality }\n'),
      ),
      'da',
    );
    expect(text).toContain("et id er tekst: skriv det i anførselstegn, '730'");
    expect(text).toContain('row: 2');
  });
});
