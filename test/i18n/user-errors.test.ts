import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPriceList } from '../../src/costing/methods.js';
import { UserError } from '../../src/errors.js';
import { loadKey } from '../../src/ids/pseudonymise.js';

function thrown(f: () => unknown): UserError {
  try {
    f();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('expected a UserError');
}

describe('user errors in the reader language, from the catalogues', () => {
  it('a bad price names file, row and column in Danish and Swedish, never the cell value', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tvaerblik-prices-'));
    const file = path.join(dir, 'prices.csv');
    writeFileSync(
      file,
      'catalogue_code,unit,price,valid_from,valid_to\nHJ-01,hour,010190-1234,2024-01-01,\n',
    );
    const e = thrown(() => readPriceList(file));
    expect(e.describe('da')).toBe(
      [
        'Prisen er ikke et beløb',
        `  (file: ${file}, row: 2, column: price)`,
        '  → skriv kr. pr. enhed med højst 2 decimaler, fx 412.50',
      ].join('\n'),
    );
    expect(e.describe('sv')).toContain('Priset är inte ett belopp');
    for (const lang of ['da', 'sv', 'en'] as const) expect(e.describe(lang)).not.toContain('010190-1234');
  });

  it('a short key: the byte count through an ICU plural, in each language', () => {
    const e = thrown(() => loadKey({ keyEnv: 'K' }, '.', { K: 'ab' }));
    expect(e.describe('en').split('\n')[0]).toMatch(
      /^The environment variable K holds a key of 1 byte \(read as hex\)/,
    );
    expect(e.describe('da').split('\n')[0]).toMatch(
      /^Miljøvariablen K holder en nøgle på 1 byte \(læst som hex\)/,
    );
    expect(e.describe('sv').split('\n')[1]).toBe('  (key: pseudonymisation.key_env)');
  });
});
