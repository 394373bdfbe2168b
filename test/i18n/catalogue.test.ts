import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KEY_FIGURES } from '../../src/costing/keyfigures.js';
import { VALUE_LABELS } from '../../src/labels/values.js';
import { COLUMN_LABELS } from '../../src/publish/index.js';
import { INDICATORS } from '../../src/trajectories/config.js';
import { catalogueTexts } from './catalogues.js';
import { collectTexts, type FoundText } from './texts.js';

/** Every Text of the tool: the message catalogues (locales/), the labels in src/ and the dashboard's (web/src/). */
const TEXTS = [...catalogueTexts('locales'), ...collectTexts(['src', 'web/src'])];
const where = (t: FoundText) => `${t.file}:${t.line}`;

/** The SQL file that builds mart_key_figure (the analyses were one file per step, now one per table). */
function keyFigureSql(): string {
  const file = ['sql/analysis/mart_key_figure.sql', 'sql/analysis/70_benchmark.sql'].find((f) =>
    existsSync(f),
  );
  if (!file) throw new Error('no SQL file builds mart_key_figure');
  return file;
}

/** Words that are the same in Danish and English (proper nouns, abbreviations, loan words). */
const SAME_IN_DA_AND_EN = new Set([
  'Tværblik',
  'Gini',
  'KMF',
  'KPB',
  'LSS',
  'OK',
  'Stop',
  'Status',
  'status',
  'import',
  'Region',
  'Regional',
  'Rate',
  'Administration',
  'administration',
  'Version',
  'CV',
  'Organisation',
  'Diabetes',
  'portion',
]);

/** Proper nouns that may carry the other language's letters (the product's names, Danish and Swedish places). */
const PROPER_NOUNS = /Tværblik|Tvärblick|Västerås|Ældre- og Handicapforvaltningen|øre\/öre|øre|Aalborg/g;

describe('i18n: every user-visible text in Danish, Swedish and English', () => {
  it('finds the texts of every module and of the dashboard', () => {
    expect(TEXTS.length).toBeGreaterThan(500);
    const files = new Set(TEXTS.map((t) => t.file.split(path.sep).join('/')));
    // the catalogues of the areas (ingest, labels, dashboard, command line) and the texts still inline
    for (const f of [
      'locales/*.json ingest.no_files.msg',
      'locales/*.json labels.value.elderly',
      'locales/*.json web.loading',
      'locales/*.json cli.run.done',
    ]) {
      expect([...files], f).toContain(f);
    }
  });

  it('has every text in all three languages, none empty', () => {
    const missing = TEXTS.filter((t) => [t.da, t.sv, t.en].some((v) => v === null || v.trim() === ''));
    expect(missing.map(where)).toEqual([]);
  });

  it('has no Danish text that is just the English one (except words the same in both)', () => {
    const same = TEXTS.filter((t) => t.da !== null && t.da === t.en && !SAME_IN_DA_AND_EN.has(t.da));
    expect(same.map((t) => `${where(t)} ${t.da}`)).toEqual([]);
  });

  it('has no Swedish letters in a Danish text and no Danish letters in a Swedish one', () => {
    const da = TEXTS.filter((t) => /[äöÄÖ]/.test((t.da ?? '').replace(PROPER_NOUNS, '')));
    const sv = TEXTS.filter((t) => /[æøÆØ]/.test((t.sv ?? '').replace(PROPER_NOUNS, '')));
    expect([...da, ...sv].map((t) => `${where(t)} ${t.da} | ${t.sv}`)).toEqual([]);
  });

  it('catches a text that lacks a language, in any table, exported or not', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tvaerblik-i18n-'));
    writeFileSync(
      path.join(dir, 'messages.ts'),
      [
        'const L = (da: string, sv: string, en: string) => ({ da, sv, en });',
        "const HIDDEN = { a: { da: 'Borgere', en: 'Citizens' }, b: L('Udgift', '', 'Cost') };",
        "export const OK = { c: { da: 'Kommune', sv: 'Kommun', en: 'Municipality' } };",
      ].join('\n'),
    );
    const found = collectTexts([dir]);
    expect(found.map((t) => [t.line, t.da, t.sv, t.en])).toEqual([
      [2, 'Borgere', null, 'Citizens'],
      [2, 'Udgift', '', 'Cost'],
      [3, 'Kommune', 'Kommun', 'Municipality'],
    ]);
  });

  it('names in all three languages every identifier the tool writes into a published table', () => {
    const read = (f: string) => readFileSync(f, 'utf8');
    const ids = {
      // the key figures of mart_key_figure (sql/analysis/mart_key_figure.sql, before: 70_benchmark.sql)
      indicator: [...read(keyFigureSql()).matchAll(/SELECT [\w.]+, [\w.]+, '(\w+)'/g)].map((m) => m[1]!),
      // the cluster indicators, the built-in Kolada key figures, the fixed data-quality checks and kinds
      cluster: Object.keys(INDICATORS),
      kolada: DEFAULT_KEY_FIGURES.map((k) => k.id),
      check: [...read('src/ingest/checks.ts').matchAll(/\bid: '(\w+)'/g)].map((m) => m[1]!),
      kind: ['conformance', 'completeness', 'plausibility'],
    };
    expect(ids.indicator).toContain('heavy_persons');
    expect(ids.check).toContain('no_duplicates');
    const unnamed = Object.entries(ids).flatMap(([what, list]) =>
      list
        .filter((id) => !VALUE_LABELS[id] || Object.values(VALUE_LABELS[id]).some((v) => !v.trim()))
        .map((id) => `${what}: ${id}`),
    );
    expect(unnamed).toEqual([]);
    // and every column the costing step publishes (src/costing/index.ts) has a heading
    const costing = read('src/costing/index.ts');
    const columns = [...costing.matchAll(/const \w+_COLUMNS = \[([^\]]+)\]/g)].flatMap((m) =>
      [...m[1]!.matchAll(/'(\w+)'/g)].map((c) => c[1]!),
    );
    expect(columns).toContain('ledger_minor');
    expect(columns.filter((c) => !COLUMN_LABELS[c])).toEqual([]);
  });
});
