/**
 * The analysis models' own tests: every `sql/analysis/<table>.test.yaml` gives the model's input rows
 * and the output rows expected, computed by hand (the pattern of dbt unit tests). The test creates the
 * given tables in an empty DuckDB, runs the one model with the placeholders of the given analysis
 * configuration, and compares every expected row and column. Every model has a test file, so a new
 * analysis cannot come without one.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { AnalysisConfigSchema } from '../../src/analysis/config.js';
import { sqlVars } from '../../src/analysis/index.js';
import { analysisModels, MODEL_DIR } from '../../src/analysis/models.js';
import { openDuckDB } from '../../src/engine/duckdb.js';
import type { Engine, Value } from '../../src/engine/engine.js';

type Cell = string | number | boolean | null;
/** Rows as maps, or as `{ columns, rows }` with one array per row; `types` names SQL types by column. */
type Rows = Record<string, Cell>[] | { columns: string[]; rows: Cell[][]; types?: Record<string, string> };

interface ModelTest {
  /** why the expected rows are what they are */
  description?: string;
  /** analysis options (tvaerblik.yaml `analysis:`); defaults otherwise */
  config?: Record<string, unknown>;
  /** placeholder values that are not from the configuration (e.g. multi_year) */
  vars?: Record<string, string>;
  given: Record<string, Rows>;
  expect: Rows;
}

const models = analysisModels();
const testFile = (table: string) => new URL(`${table}.test.yaml`, MODEL_DIR);

function table(rows: Rows): { columns: string[]; rows: Cell[][]; types: Record<string, string> } {
  if (Array.isArray(rows)) {
    const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    return { columns, rows: rows.map((r) => columns.map((c) => r[c] ?? null)), types: {} };
  }
  return { ...rows, types: rows.types ?? {} };
}

function sqlType(values: Cell[]): string {
  const v = values.filter((x) => x !== null);
  if (v.length === 0) return 'VARCHAR';
  if (v.every((x) => typeof x === 'boolean')) return 'BOOLEAN';
  if (v.every((x) => typeof x === 'number' && Number.isInteger(x))) return 'BIGINT';
  if (v.every((x) => typeof x === 'number')) return 'DOUBLE';
  return 'VARCHAR';
}

async function give(engine: Engine, name: string, rows: Rows): Promise<void> {
  const t = table(rows);
  const types = t.columns.map((c, i) => t.types[c] ?? sqlType(t.rows.map((r) => r[i]!)));
  await engine.exec(`CREATE TABLE ${name} (${t.columns.map((c, i) => `${c} ${types[i]}`).join(', ')})`);
  const lit = (v: Cell) =>
    v === null ? 'NULL' : typeof v === 'string' ? engine.dialect.literal(v) : String(v);
  if (t.rows.length)
    await engine.exec(
      `INSERT INTO ${name} VALUES ${t.rows.map((r) => `(${r.map(lit).join(', ')})`).join(', ')}`,
    );
}

/** A comparable cell: numbers by value (12 digits), others as text. */
function norm(v: Value | Cell | undefined): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'bigint') return Number(v).toPrecision(12);
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return Number(v).toPrecision(12);
  return String(v);
}

const sorted = (rows: (string | null)[][]) =>
  rows.map((r) => JSON.stringify(r)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

describe('analysis models', () => {
  it('every model has a test file', () => {
    expect(models.filter((m) => !existsSync(testFile(m.table))).map((m) => m.table)).toEqual([]);
  });

  it('every test file belongs to a model', () => {
    const tests = readdirSync(MODEL_DIR).filter((f) => f.endsWith('.test.yaml'));
    expect(tests.filter((f) => !models.some((m) => `${m.table}.test.yaml` === f))).toEqual([]);
  });

  for (const model of models.filter((m) => existsSync(testFile(m.table)))) {
    it(`${model.table}: the hand-computed rows of ${model.table}.test.yaml`, async () => {
      const spec = YAML.parse(readFileSync(testFile(model.table), 'utf8')) as ModelTest;
      const engine = await openDuckDB({ file: ':memory:' });
      try {
        for (const [name, rows] of Object.entries(spec.given)) await give(engine, name, rows);
        const vars = {
          multi_year: 'false',
          unit_cost_provider: "coalesce(u.provider, 'own')",
          service_year: 'cp.service_year',
          ...sqlVars(AnalysisConfigSchema.parse(spec.config ?? {}), engine),
          ...spec.vars,
        };
        await engine.execFile(new URL(model.file, MODEL_DIR), vars);
        const want = table(spec.expect);
        const got = await engine.all(`SELECT * FROM ${model.table}`);
        // every declared column is in the model's output, and the test names every output column
        const declared = model.header?.columns.map((c) => c.name);
        if (declared && got[0]) expect(Object.keys(got[0]).sort()).toEqual([...declared].sort());
        expect([...want.columns].sort()).toEqual(Object.keys(got[0] ?? {}).sort());
        expect(sorted(got.map((r) => want.columns.map((c) => norm(r[c]))))).toEqual(
          sorted(want.rows.map((r) => r.map(norm))),
        );
      } finally {
        await engine.close();
      }
    });
  }
});
