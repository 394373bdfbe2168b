import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MARTS, runAnalyses } from '../../src/analysis/index.js';
import { MODEL_DIR } from '../../src/analysis/models.js';
import type { Engine, Value } from '../../src/engine/engine.js';
import { COST_DDL, quietOutput, workspace } from './fixture.js';
import { openMemoryWarehouse } from '../../src/model/warehouse.js';

/**
 * Golden folder: a small fixed workspace (golden/input: 200 persons, two municipalities, two periods)
 * → every mart (golden/expected/<mart>.csv). `UPDATE_GOLDEN=1 npx vitest run test/analysis` rewrites
 * the expected files; review the diff before committing it.
 */
const DIR = path.dirname(fileURLToPath(import.meta.url));
const INPUT = path.join(DIR, 'golden', 'input');
const EXPECTED = path.join(DIR, 'golden', 'expected');
const TABLES = ['person', 'person_attribute', 'population', 'cost_person', 'cost_unit'];

let engine: Engine;

function cell(v: Value): string {
  if (v === null) return '';
  if (typeof v === 'number' && !Number.isInteger(v)) return String(Number(v.toPrecision(12)));
  return String(v);
}

async function dump(mart: string): Promise<string> {
  const rows = await engine.all(`SELECT * FROM ${mart} ORDER BY ALL`);
  const cols = rows[0] ? Object.keys(rows[0]) : [];
  return (
    [cols.join(','), ...rows.map((r) => cols.map((c) => JSON.stringify(cell(r[c]!))).join(','))].join('\n') +
    '\n'
  );
}

beforeAll(async () => {
  engine = await openMemoryWarehouse();
  await engine.exec(COST_DDL);
  for (const t of TABLES)
    await engine.exec(
      `INSERT INTO ${t} BY NAME SELECT * FROM read_csv('${path.join(INPUT, `${t}.csv`)}', header = true)`,
    );
  const extra = readFileSync(path.join(INPUT, 'analysis.yaml'), 'utf8');
  const ws = workspace(extra);
  ws.config.municipalities = ['851', '101'];
  ws.config.periods = [
    { id: '2023', from: '2023-01-01', to: '2023-12-31' },
    { id: '2024', from: '2024-01-01', to: '2024-12-31' },
  ];
  await runAnalyses(ws, engine, quietOutput());
});
afterAll(() => engine.close());

describe('golden folder', () => {
  // a regression guard only: a mart's figures are proven by its hand-computed test
  // (sql/analysis/<mart>.test.yaml); a mart without one must have a golden file
  it('has an expected file for every mart without a hand-computed test, and no stale ones', () => {
    if (process.env.UPDATE_GOLDEN) return;
    const files = readdirSync(EXPECTED).map((f) => f.replace(/\.csv$/, ''));
    expect(files.filter((f) => !MARTS.includes(f))).toEqual([]);
    expect(
      MARTS.filter((m) => !files.includes(m) && !existsSync(new URL(`${m}.test.yaml`, MODEL_DIR))),
    ).toEqual([]);
  });

  for (const mart of MARTS.filter(
    (m) => process.env.UPDATE_GOLDEN || existsSync(path.join(EXPECTED, `${m}.csv`)),
  ))
    it(`${mart} matches golden/expected/${mart}.csv`, async () => {
      const actual = await dump(mart);
      const file = path.join(EXPECTED, `${mart}.csv`);
      if (process.env.UPDATE_GOLDEN || !existsSync(file)) writeFileSync(file, actual);
      expect(actual).toBe(readFileSync(file, 'utf8'));
    });
});
