import { afterEach, describe, expect, it } from 'vitest';
import { openDuckDB } from '../../src/engine/duckdb.js';
import type { Engine } from '../../src/engine/engine.js';
import { importSources } from '../../src/ingest/index.js';
import { settingBytes } from '../../src/ingest/stage.js';
import { createSchema } from '../../src/model/warehouse.js';
import { makeWorkspace, SERVICE_HEADER, serviceSource, testOutput } from './helpers.js';

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

describe("the import's memory limit on the warehouse connection", () => {
  it('reads DuckDB memory settings in bytes', () => {
    // 18.7 × 1024³ = 18.7 × 1,073,741,824 = 20,078,972,108.8; 3 × 1000³; 300 × 1024² = 314,572,800
    expect(settingBytes('18.7 GiB')).toBeCloseTo(20_078_972_108.8, 0);
    expect(settingBytes('3GB')).toBe(3_000_000_000);
    expect(settingBytes('300.0 MiB')).toBe(314_572_800);
    expect(settingBytes('512 bytes')).toBe(512);
    expect(settingBytes('lots')).toBeNaN();
  });

  it('a warehouse limit below the import share is left as it was', async () => {
    const ws = makeWorkspace({
      sources: [serviceSource()],
      files: {
        'extracts/hjemmepleje.csv': `${SERVICE_HEADER}\n010150-0000;01-02-2024;28-02-2024;2,5;SEL-83-PP;100,00\n`,
      },
    });
    engine = await openDuckDB({ file: ':memory:', memoryLimit: '1GB' });
    await createSchema(engine);
    const limit = async () =>
      (await engine!.one<{ m: string }>(`SELECT current_setting('memory_limit') AS m`)).m;
    const before = await limit();
    await importSources(ws, engine, testOutput()).catch(() => {});
    // 1 GB is below the import's 3 GB: left as it was, before and after
    expect(await limit()).toBe(before);
  });
});
