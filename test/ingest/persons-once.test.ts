import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { seededRandom, syntheticCpr } from '../../src/ids/synthetic.js';
import { importSources } from '../../src/ingest/index.js';
import { openMemoryWarehouse } from '../../src/model/warehouse.js';
import { makeWorkspace, residenceSource, SERVICE_HEADER, serviceSource, testOutput } from './helpers.js';

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

const rnd = seededRandom(11);
// five synthetic persons: A and B live in the municipality (residence), C, D and E do not
const [A, B, C, D, E] = [1950, 1961, 1972, 1983, 1994].map((y, i) =>
  syntheticCpr(new Date(Date.UTC(y, i, 10)), i % 2 ? 'M' : 'F', rnd),
) as [string, string, string, string, string];
const row = (id: string) => `${id};01-02-2024;28-02-2024;2,5;SEL-83-PP;100,00`;

describe('each person is looked up once per import', () => {
  it('counts rows without residence in every source, and adds each person once', async () => {
    const ws = makeWorkspace({
      sources: [
        residenceSource(),
        serviceSource(),
        serviceSource({ id: 'sygepleje', file: 'extracts/sygepleje.csv' }),
      ],
      files: {
        'extracts/bopael.csv': `cpr,fra\n${A},2020-01-01\n${B},2020-01-01\n`,
        'extracts/hjemmepleje.csv': [SERVICE_HEADER, row(A), row(C), row(D), row(D)].join('\n') + '\n',
        // C was met (and found without residence) in hjemmepleje already; it still counts here
        'extracts/sygepleje.csv': [SERVICE_HEADER, row(C), row(E), row(B)].join('\n') + '\n',
      },
    });
    engine = await openMemoryWarehouse();
    const first = await importSources(ws, engine, testOutput());
    const noRes = (source: string) =>
      first.checks.find((c) => c.source_id === source && c.check_id === 'person_has_residence');
    // hjemmepleje: rows of C (1) and D (2) = 3 of 4 rows; sample rows are file rows (header = row 1)
    expect(noRes('hjemmepleje')).toMatchObject({ rows_checked: 4, rows_violated: 3, sample_rows: [3, 4, 5] });
    // sygepleje: rows of C (1) and E (1) = 2 of 3 rows
    expect(noRes('sygepleje')).toMatchObject({ rows_checked: 3, rows_violated: 2, sample_rows: [2, 3] });
    // A, B (residence), C, D (hjemmepleje), E (sygepleje): five persons, each once
    const n = async (sql: string) => Number((await engine!.one<{ n: bigint }>(sql)).n);
    expect(await n('SELECT count(*) AS n FROM person')).toBe(5);
    expect(await n('SELECT count(*) AS n FROM service')).toBe(7); // 4 + 3 rows, none rejected

    // the same extracts again: nothing is read, nothing changes
    const again = await importSources(ws, engine, testOutput());
    expect(again.sources.map((s) => s.status)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(await n('SELECT count(*) AS n FROM person')).toBe(5);
    expect(await n('SELECT count(*) AS n FROM service')).toBe(7);
  });
});
