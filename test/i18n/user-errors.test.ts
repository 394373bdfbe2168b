import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCatalogue } from '../../src/catalogue/catalogue.js';
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

  it('a catalogue entry whose period runs backwards, and two versions that overlap, in Danish and Swedish', () => {
    const service = {
      code: 'SEL-96',
      name: { da: 'BPA', sv: 'BPA', en: 'BPA' },
      law: 'Serviceloven',
      paragraph: '§ 96',
      area: 'disability',
      sector: 'municipal',
      unit: 'hour_granted',
      family: 'personal_assistance',
      valid_from: '2007-01-01',
      valid_to: null,
    };
    const doc = (services: unknown[]) => ({
      catalogue: 't',
      country: 'DK',
      version: '1',
      published: '2025-01-01',
      services,
    });
    const backwards = thrown(() => parseCatalogue(doc([{ ...service, valid_to: '2006-12-31' }]), 't.yaml'));
    expect(backwards.describe('da')).toBe(
      [
        'Katalog t.yaml: ydelse SEL-96, felt valid_to: valid_to 2006-12-31 ligger før valid_from 2007-01-01',
        '  (file: t.yaml, key: services.SEL-96.valid_to)',
        '  → valid_to er den sidste dag, posten gælder (medregnet), og må ikke ligge før valid_from',
      ].join('\n'),
    );
    // the English message is kept for logs and the catalogue tests
    expect(backwards.message).toBe(
      'Catalogue t.yaml: service SEL-96, field valid_to: valid_to 2006-12-31 is before valid_from 2007-01-01',
    );
    const overlap = thrown(() =>
      parseCatalogue(doc([service, { ...service, valid_from: '2020-01-01' }]), 't.yaml'),
    );
    expect(overlap.describe('sv').split('\n')[0]).toBe(
      'Katalog t.yaml: insats SEL-96, fält valid_from: dubblerad kod: versionen från 2020-01-01 överlappar versionen 2007-01-01–öppen',
    );
  });
});
