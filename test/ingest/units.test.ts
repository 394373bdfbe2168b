import { describe, expect, it } from 'vitest';
import { compileExpr, exprColumns } from '../../src/ingest/expr.js';
import { likelyDelimiter, redact, splitCsvLine } from '../../src/ingest/read.js';
import { datePattern } from '../../src/ingest/transform.js';
import { columnLetter } from '../../src/ingest/excel.js';

describe('ingest helpers', () => {
  it('compiles the expression language and refuses anything else', () => {
    const sql = compileExpr('"Timer i alt" * 4 + -x / (y - 1)', (c) => `[${c}]`);
    expect(sql).toBe('(([Timer i alt] * 4::DOUBLE) + ((-[x]) / NULLIF((([y] - 1::DOUBLE)), 0)))');
    expect(exprColumns('Beløb / 100 + [Min kolonne]')).toEqual(['Beløb', 'Min kolonne']);
    expect(() => compileExpr('x; DROP TABLE person', (c) => c)).toThrow(/unexpected character ";"/);
    expect(() => compileExpr('(x * 2', (c) => c)).toThrow(/missing "\)"/);
  });

  it('maps date formats to strptime patterns', () => {
    expect(datePattern('dd-mm-yyyy')).toBe('%d-%m-%Y');
    expect(datePattern('yyyymmdd')).toBe('%Y%m%d');
    expect(datePattern('dd.mm.yyyy HH:MM:SS')).toBe('%d.%m.%Y %H:%M:%S');
    expect(datePattern('excel')).toBe('excel');
    expect(datePattern('mm/dd/yy')).toBeUndefined();
  });

  it('splits CSV header lines and guesses the delimiter', () => {
    expect(splitCsvLine('a;"b;c";"d ""e"""', ';', '"')).toEqual(['a', 'b;c', 'd "e"']);
    expect(likelyDelimiter('CPR,Fra,Til', ';')).toBe(',');
    expect(likelyDelimiter('CPR\tFra\tTil', ',')).toBe('\\t');
  });

  it('redacts values from engine messages', () => {
    expect(redact("Conversion Error: Could not convert string '1705852380' to INT32\nmore")).toBe(
      "Conversion Error: Could not convert string '…' to INT32",
    );
  });

  it('names Excel columns', () => {
    expect([1, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
  });
});
