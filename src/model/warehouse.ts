import { existsSync } from 'node:fs';
import type { Workspace } from '../config/workspace.js';
import type { Engine } from '../engine/engine.js';
import { openDuckDB } from '../engine/duckdb.js';
import { userError } from '../core/messages.js';

/** The canonical model's version; bump it with every change to sql/model/schema.sql. */
export const SCHEMA_VERSION = 2;

const SCHEMA_SQL = new URL('../../sql/model/schema.sql', import.meta.url);

/** Create the canonical tables in an engine (idempotent) and record the schema version. */
export async function createSchema(engine: Engine): Promise<void> {
  await engine.execFile(SCHEMA_SQL);
  await engine.exec(`INSERT INTO warehouse_meta VALUES ('schema_version', $v) ON CONFLICT (key) DO NOTHING`, {
    v: String(SCHEMA_VERSION),
  });
}

/** Fail with a clear instruction when a warehouse was written by another schema version. */
export async function checkSchemaVersion(engine: Engine, file: string): Promise<void> {
  const rows = await engine.all<{ value: string }>(
    `SELECT value FROM warehouse_meta WHERE key = 'schema_version'`,
  );
  const found = rows[0]?.value;
  if (found !== String(SCHEMA_VERSION)) {
    const newer = Number(found) > SCHEMA_VERSION;
    throw userError(
      'warehouse.schema_version',
      { found: found ?? '?', expected: String(SCHEMA_VERSION), newer: newer ? 'yes' : 'no' },
      { file },
    );
  }
}

/** Open (and on first use create) a workspace's warehouse. */
export async function openWarehouse(ws: Workspace, options: { readOnly?: boolean } = {}): Promise<Engine> {
  const file = ws.resolve(ws.config.warehouse);
  const isNew = !existsSync(file);
  if (isNew && options.readOnly) {
    throw userError('warehouse.missing', {}, { file });
  }
  // bounded (default 6GB): DuckDB's own default is 80 % of the machine, which an XL run reached (21 GiB)
  // the spill is bounded too (default 20GB): unbounded, a runaway statement of the XL run filled the disk
  const engine = await openDuckDB({
    file,
    memoryLimit: ws.config.memory_limit,
    tempLimit: ws.config.temp_limit,
  });
  try {
    const hasMeta = await engine.all(
      `SELECT 1 FROM information_schema.tables WHERE table_name = 'warehouse_meta'`,
    );
    if (hasMeta.length === 0) await createSchema(engine);
    else await checkSchemaVersion(engine, file);
  } catch (e) {
    await engine.close();
    throw e;
  }
  return engine;
}

/** A fresh in-memory warehouse with the canonical model — for tests and tools. */
export async function openMemoryWarehouse(): Promise<Engine> {
  const engine = await openDuckDB({ file: ':memory:' });
  await createSchema(engine);
  return engine;
}
