/** The KPB unit-cost table: volumes are quantities, unit costs are øre; each is shown in its own unit. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { martTable } from '../../src/analysis/marts.js';
import { writeWorkbook } from '../../src/report/excel.js';
import { columnKind } from '../../src/serve/catalog.js';
import { cellText, inMinorUnits } from '../../src/report/format.js';
import { suppress } from '../../src/suppression/index.js';

// 9,833.5 granted hours at 420.625 kr per hour (42,062.5 øre), 12 persons
const ROW = {
  period: '2024',
  municipality: '851',
  catalogue_code: 'SEL-83-PP',
  provider: 'own',
  unit: 'hour_granted',
  volume: '9833.5000',
  direct_minor: 400_000_000n,
  admin_minor: 13_621_559n,
  other_common_minor: 0n,
  total_minor: 413_621_559n,
  unit_cost_minor: '42062.5000',
  direct_per_unit_minor: '40677.2762',
  admin_per_unit_minor: '1385.2238',
  other_per_unit_minor: '0.0000',
  persons: 12n,
};

function published() {
  const def = martTable('mart_unit_cost');
  return suppress({ id: def.mart, columns: def.columns, rows: [ROW], persons: def.persons }, 5);
}

describe('KPB unit-cost table formatting', () => {
  it('shows 9,833.5 hours as 9,833.50, not 98.34, and the unit cost in kr', () => {
    const t = published();
    const row = t.rows[0]!;
    expect(cellText(t, row, 'volume', 'en')).toBe('9,833.50');
    expect(cellText(t, row, 'volume', 'da')).toBe('9.833,50');
    expect(cellText(t, row, 'unit_cost_minor', 'en')).toBe('420.63');
    expect(cellText(t, row, 'admin_per_unit_minor', 'en')).toBe('13.85');
    expect(cellText(t, row, 'total_minor', 'en')).toBe('4,136,216');
  });

  it('treats a column as minor units only when it is money or named *_minor, in every mart', async () => {
    const { MART_TABLES } = await import('../../src/analysis/marts.js');
    for (const m of MART_TABLES)
      for (const c of m.columns) {
        if (c.kind === 'decimal' || c.kind === 'number')
          expect(inMinorUnits(c), `${m.mart}.${c.name}`).toBe(c.name.endsWith('_minor'));
      }
  });

  it('the API and dashboard read the same columns the same way: volume a number, unit cost money', () => {
    const def = martTable('mart_unit_cost');
    for (const c of def.columns.filter((x) => x.kind === 'decimal'))
      expect(columnKind(c.name, 'DECIMAL(18,4)', c.kind), c.name).toBe(inMinorUnits(c) ? 'money' : 'number');
    expect(columnKind('volume', 'DECIMAL(18,4)')).toBe('number');
  });

  it('writes the volume to the Excel sheet as hours and the unit cost as kr', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'tvaerblik-fmt-')), 'r.xlsx');
    await writeWorkbook(file, new Map([['mart_unit_cost', published()]]), {
      lang: 'en',
      title: 't',
      threshold: 5,
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.worksheets[1]!;
    const head = (sheet.getRow(1).values as unknown[]).map(String);
    const value = (label: string) => sheet.getRow(2).getCell(head.indexOf(label)).value;
    expect(value('Volume')).toBe(9833.5);
    expect(value('Unit cost')).toBe(420.625);
    expect(value('Total')).toBe(4_136_215.59);
  });
});
