/**
 * The runner builds the intermediate tables (models without a header) before the marts' transaction, so an
 * intermediate model that reads a mart is refused with the file and the mart named.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { analysisModels } from '../../src/analysis/models.js';

const MART = [
  '-- ---',
  '-- title: { da: M, sv: M, en: M }',
  '-- columns:',
  '--   - { name: period, kind: key, label: { da: P, sv: P, en: P } }',
  '--   - { name: persons, kind: persons, label: { da: B, sv: B, en: B } }',
  '-- persons: persons',
  '-- order: period',
  '-- ---',
  '{{ replace_table(mart_a) }} AS SELECT period, persons FROM an_base;',
].join('\n');

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function models(files: Record<string, string>) {
  dir = mkdtempSync(path.join(tmpdir(), 'an-order-'));
  for (const [name, sql] of Object.entries(files)) writeFileSync(path.join(dir, name), sql);
  return () => analysisModels(pathToFileURL(dir + path.sep));
}

describe('model order', () => {
  it('orders intermediate tables before the marts that read them', () => {
    const m = models({
      'mart_a.sql': MART,
      'an_base.sql': '{{ replace_temp_table(an_base) }} AS SELECT 1;',
    })();
    expect(m.map((x) => x.table)).toEqual(['an_base', 'mart_a']);
  });

  it('refuses an intermediate model that reads a mart', () => {
    const m = models({
      'mart_a.sql': MART,
      'an_base.sql': '{{ replace_temp_table(an_base) }} AS SELECT 1;',
      'an_late.sql': '{{ replace_temp_table(an_late) }} AS SELECT * FROM mart_a;',
    });
    expect(m).toThrow(
      'an_late.sql: an intermediate model (no header) may not read a mart (mart_a): the intermediate tables are built before the marts',
    );
  });
});
