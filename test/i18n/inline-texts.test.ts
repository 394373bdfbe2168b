import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectTexts, type FoundText } from './texts.js';

/**
 * The modules whose texts live in the message catalogues (locales/): a three-language `Text` literal
 * (`{ da: '…', sv: '…', en: '…' }`, or a `L(da, sv, en)` helper) written in them again fails here.
 * Add a module once its texts have moved.
 */
const CONVERTED = [
  'src/labels',
  'src/publish/columns.ts',
  'src/serve/meta.ts',
  'src/cli/main.ts',
  'src/cli/context.ts',
  'src/cli/output.ts',
  'src/cli/costing-default.ts',
  ...[
    'analyse',
    'catalogue',
    'check',
    'cost',
    'demo',
    'import',
    'index',
    'init',
    'report',
    'run',
    'serve',
    'trajectories',
  ].map((c) => `src/cli/commands/${c}.ts`),
  'src/demo',
  'src/i18n.ts',
  // the costing and import stages' texts (locales/costing-texts, ingest-texts, analysis-texts)
  'src/costing/index.ts',
  'src/costing/translation.ts',
  'src/costing/freshness.ts',
  'src/ingest/checks.ts',
  'src/ingest/report.ts',
  'src/ingest/read.ts',
  'src/analysis/config.ts',
  // the dashboard's own texts (web/src/charts.ts and panel.ts belong to the charts)
  'web/src/i18n.ts',
  'web/src/main.ts',
  'web/src/format.ts',
  'web/src/messages.ts',
];

/** Not a text: the locale tags the number formats use ({ da: 'da-DK', sv: 'sv-SE', en: 'en-GB' }). */
const localeTags = (t: FoundText) =>
  [t.da, t.sv, t.en].every((v) => v !== null && /^[a-z]{2}-[A-Z]{2}$/.test(v));

/** The inline three-language texts in `paths`, as "file:line da-text". */
export function inlineTexts(paths: string[]): string[] {
  return collectTexts(paths)
    .filter((t) => !localeTags(t))
    .map((t) => `${t.file.split(path.sep).join('/')}:${t.line} ${t.da ?? t.sv ?? t.en}`);
}

describe('no inline three-language texts outside the catalogues in the converted modules', () => {
  it('finds none in the labels, the API labels and meta, the dashboard, the CLI and the demo', () => {
    expect(inlineTexts(CONVERTED)).toEqual([]);
  });

  it('would find one written back, as an object or through a helper, and lets the locale tags pass', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tvaerblik-inline-'));
    const file = path.join(dir, 'labels.ts');
    writeFileSync(
      file,
      [
        "const LOCALE = { da: 'da-DK', sv: 'sv-SE', en: 'en-GB' };",
        "export const A = { x: { da: 'Borgere', sv: 'Personer', en: 'Persons' } };",
        'const L = (da: string, sv: string, en: string) => ({ da, sv, en });',
        "export const B = L('Udgift', 'Kostnad', 'Cost');",
        "export const C = tr({ da: `I alt`, en: 'Total' }, 'da');",
      ].join('\n'),
    );
    expect(inlineTexts([file]).map((t) => t.slice(file.length))).toEqual([
      ':2 Borgere',
      ':4 Udgift',
      ':5 I alt',
    ]);
  });
});
