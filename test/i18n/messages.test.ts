import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { localesDir, t, userError } from '../../src/core/messages.js';
import { MESSAGES } from '../../src/ingest/messages.js';
import { tr } from '../../src/i18n.js';
import { argumentsOf, catalogueProblems, keysUsed, readCatalogues } from './catalogues.js';

const LOCALES = path.resolve('locales');

describe('message catalogues (locales/*.json, ICU MessageFormat)', () => {
  it('are found from the package root, not the working directory', () => {
    expect(localesDir()).toBe(LOCALES);
  });

  it('have every key in every language, none empty, with the same arguments', () => {
    const c = readCatalogues(LOCALES);
    expect(Object.keys(c.da).length).toBeGreaterThan(200);
    expect(catalogueProblems(c)).toEqual([]);
  });

  it('have every key the code names', () => {
    const c = readCatalogues(LOCALES);
    const used = keysUsed(['src']);
    expect(used.length).toBeGreaterThan(100);
    // the ingest table names its keys in a list and reads them on import: a missing one would have thrown
    expect(Object.keys(MESSAGES)).toContain('no_files');
    expect(used.filter((u) => !(u.key in c.da)).map((u) => `${u.file}: ${u.key}`)).toEqual([]);
  });

  it('catch a missing key, an empty text, a renamed argument and a plural that is plain in another language', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tvaerblik-locales-'));
    const write = (lang: string, c: Record<string, string>) =>
      writeFileSync(path.join(dir, `${lang}.json`), JSON.stringify(c));
    write('da', { a: 'Fil {file}', b: 'x', c: '{n, plural, one {# række} other {# rækker}}', d: 'ok' });
    write('sv', { a: 'Fil {fil}', b: ' ', c: '{n} rader', d: 'ok' });
    write('en', { a: 'File {file}', b: 'x', c: '{n, plural, one {# row} other {# rows}}' });
    expect(catalogueProblems(readCatalogues(dir))).toEqual([
      'a: arguments differ (da: file:argument; sv: fil:argument; en: file:argument)',
      'b: empty in sv',
      'c: arguments differ (da: n:plural; sv: n:argument; en: n:plural)',
      'd: missing in en',
    ]);
    writeFileSync(
      path.join(dir, 'code.ts'),
      "t(lang, 'a');\nt(out.lang, 'gone.key', { n });\nthrow userError('b', {});\ntexts('x', ['y', 'z']);\n",
    );
    expect(keysUsed([dir]).map((u) => u.key)).toEqual(['a', 'gone.key', 'b.msg', 'x.y', 'x.z']);
    expect(argumentsOf("'{'{check}: '{'severity: warn'}}'")).toEqual(['check:argument']);
  });

  it('render numbers and plurals with ICU in the reader language', () => {
    const v = { source: 'env', name: 'K', file: '', encoding: 'hex', min: '32' };
    expect(t('en', 'ids.key.too_short.msg', { ...v, bytes: 1 })).toContain('a key of 1 byte (');
    expect(t('en', 'ids.key.too_short.msg', { ...v, bytes: 1234 })).toContain('a key of 1,234 bytes (');
    expect(t('da', 'ids.key.too_short.msg', { ...v, bytes: 1234 })).toContain('en nøgle på 1.234 bytes (');
    expect(t('sv', 'ids.key.too_short.msg', { ...v, bytes: 2 })).toContain(
      'Miljövariabeln K innehåller en nyckel på 2 byte (',
    );
  });

  it('keep the ingest texts working through tr, literal braces included', () => {
    const hint = tr(MESSAGES.bad_number.hint, 'en', {
      decimal: ',',
      field: 'amount',
      check: 'numbers_valid',
    });
    expect(hint).toContain('checks: {numbers_valid: {severity: warn}}');
    expect(hint).toContain('e.g. 12,5');
    expect(tr(MESSAGES.field_count.msg, 'da', { row: 12345, found: 3, expected: 4 })).toBe(
      'Række 12345 har 3 felter, overskriften har 4.',
    );
  });

  it('make user errors that speak the reader language, English in the message for logs', () => {
    const e = userError('warehouse.missing', {}, { file: 'w.duckdb' });
    expect(e.message).toBe(t('en', 'warehouse.missing.msg'));
    expect(e.describe('da')).toContain(t('da', 'warehouse.missing.msg'));
    expect(e.describe('da')).toContain(`→ ${t('da', 'warehouse.missing.hint')}`);
    expect(e.describe('sv')).toContain('file: w.duckdb');
  });
});
