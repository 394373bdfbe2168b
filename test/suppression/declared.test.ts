import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MART_TABLES } from '../../src/analysis/marts.js';
import { analysisModels } from '../../src/analysis/models.js';

describe('mart declarations', () => {
  it('judge every published persons column (mart_lorenz showed steps of 1–3 persons when only persons_cum was judged)', () => {
    const undeclared = MART_TABLES.flatMap((m) => {
      const judged = [m.persons].flat();
      return m.columns
        .filter((c) => c.kind === 'persons' && !judged.includes(c.name))
        .map((c) => `${m.mart}.${c.name}`);
    });
    expect(undeclared).toEqual([]);
  });

  it('carry the rows each mart requires (the benchmark its rates and its total, the trend both periods)', () => {
    const requires = (mart: string) => MART_TABLES.find((m) => m.mart === mart)!.requires;
    expect(requires('mart_benchmark')).toEqual([
      { table: 'mart_benchmark_rate', on: ['period'] },
      { table: 'mart_consumption', on: ['period', 'municipality'], where: { age_group: ['*'] } },
    ]);
    expect(requires('mart_benchmark_trend')).toEqual([
      { table: 'mart_benchmark', on: ['period', 'municipality'] },
      { table: 'mart_benchmark', on: { previous_period: 'period', municipality: 'municipality' } },
    ]);
  });

  /** two models in a folder of their own: mart_a, and mart_b requiring rows of mart_a */
  function models(requires: string) {
    const dir = mkdtempSync(path.join(tmpdir(), 'tvaerblik-requires-'));
    const head = (table: string, extra = '') =>
      [
        '-- ---',
        `-- title: { da: ${table}, sv: ${table}, en: ${table} }`,
        '-- columns:',
        '--   - { name: period, kind: key, label: { da: P, sv: P, en: P } }',
        '--   - { name: persons, kind: persons, label: { da: B, sv: B, en: B } }',
        '-- persons: persons',
        extra,
        '-- order: period',
        '-- ---',
        `{{ replace_table(${table}) }} AS SELECT 1;`,
        '',
      ]
        .filter((l) => l !== '')
        .join('\n');
    writeFileSync(path.join(dir, 'mart_a.sql'), head('mart_a'));
    writeFileSync(path.join(dir, 'mart_b.sql'), head('mart_b', `-- requires:\n${requires}`));
    return () => analysisModels(pathToFileURL(dir + path.sep));
  }

  it('check a requirement: another mart, and columns both declare (with a suggestion)', () => {
    expect(models('--   - { table: mart_a, on: [period] }')()).toHaveLength(2);
    expect(models('--   - { table: mart_aa, on: [period] }')).toThrow(
      'mart_b.sql: header key "requires": "mart_aa" is not another mart (did you mean "mart_a"?)',
    );
    expect(models('--   - { table: mart_a, on: { period: perod } }')).toThrow(
      'mart_b.sql: header key "requires": mart_a has no column "perod" (did you mean "period"?)',
    );
    expect(models('--   - { table: mart_a, on: [year] }')).toThrow(
      'mart_b.sql: the header names column "year", which it does not declare',
    );
    expect(models('--   - { table: mart_a, on: [period], by: [period] }')).toThrow(
      'mart_b.sql: header key "requires.0"',
    );
  });
});
