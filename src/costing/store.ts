import type { Engine, Value } from '../engine/engine.js';

/** Insert JS rows into a table through an all-VARCHAR staging table; INSERT casts to the column types exactly. */
export async function insertRows(
  engine: Engine,
  table: string,
  columns: string[],
  rows: Value[][],
): Promise<void> {
  if (rows.length === 0) return;
  const stage = `cost_work_stage_${table}`;
  const q = (c: string) => engine.dialect.ident(c);
  await engine.exec(
    `CREATE OR REPLACE TEMP TABLE ${q(stage)} (${columns.map((c) => `${q(c)} VARCHAR`).join(', ')})`,
  );
  await engine.append(
    stage,
    columns,
    rows.map((r) => r.map((v) => (v === null || v === undefined ? null : String(v)))),
  );
  await engine.exec(`INSERT INTO ${q(table)} BY NAME SELECT * FROM ${q(stage)}; DROP TABLE ${q(stage)}`);
}

/** A SQL date/string literal list for small VALUES tables. */
export function valuesSql(engine: Engine, rows: (string | bigint | number | null)[][]): string {
  return rows
    .map(
      (r) =>
        `(${r.map((v) => (v === null ? 'NULL' : typeof v === 'string' ? engine.dialect.literal(v) : String(v))).join(', ')})`,
    )
    .join(', ');
}
