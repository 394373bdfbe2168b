import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAnalyses } from '../../src/analysis/index.js';
import { parseConfig, type Workspace } from '../../src/config/workspace.js';
import type { Engine } from '../../src/engine/engine.js';
import { quietOutput, warehouse } from './fixture.js';

/**
 * A ten-year period (as Synthea's history gives): ages at the start of each person's year of service,
 * not at the period's start. Everyone is born in June (the fixture's birth month).
 */
const ws = (periods: string): Workspace => {
  const dir = '/tmp/tvaerblik-analysis-age-test';
  const config = parseConfig(`
country: DK
currency: DKK
municipalities: ['851']
periods: ${periods}
pseudonymisation: { key_file: secrets/pseudonym.key }
catalogue: dk
`);
  return { dir, configPath: `${dir}/tvaerblik.yaml`, config, resolve: (p) => `${dir}/${p}` };
};

let engine: Engine;
beforeAll(async () => {
  const persons = [
    { key: 'P1', born: 2018 }, // service March 2020: at 1 January 2020 → 1 (was −4: unknown)
    { key: 'P2', born: 1950 }, // service May 2016: at 1 January 2016 → 65 (was 64)
    { key: 'P3', born: 2019 }, // hospital May 2019, born that year: 0 (was −5: unknown)
    { key: 'P4', born: 1980 }, // GP contact 2024: at 1 January 2024 → 43
  ];
  engine = await warehouse({
    persons,
    costs: persons.map((p) => ({
      person: p.key,
      code: 'SEL-83-PP',
      department: 'ÆH',
      kr: 1000,
      period: 'hist',
    })),
  });
  await engine.exec(`
    INSERT INTO service (import_id, row_no, person_key, source_id, municipality, sector, start_date, end_date, unit)
    VALUES (1, 1, 1, 's', '851', 'municipal', DATE '2020-03-01', DATE '2020-03-31', 'hour'),
           (1, 2, 1, 's', '851', 'municipal', DATE '2023-03-01', NULL, 'hour'),
           (1, 3, 2, 's', '851', 'municipal', DATE '2016-05-01', DATE '2017-05-01', 'hour');
    INSERT INTO hospital_contact (import_id, row_no, contact_id, person_key, hospital, acute, admit_time, discharge_time)
    VALUES (1, 1, 'c1', 3, 'H', true, TIMESTAMP '2019-05-02 10:00', TIMESTAMP '2019-05-03 10:00');
    INSERT INTO gp_contact (import_id, row_no, person_key, contact_date) VALUES (1, 1, 4, DATE '2024-02-02');`);
  await runAnalyses(ws(`[{ id: hist, from: '2015-01-01', to: '2024-12-31' }]`), engine, quietOutput());
});
afterAll(() => engine.close());

describe('ages over a period of several years', () => {
  it('are the ages at the start of the first year of service in the period', async () => {
    const rows = await engine.all<{ person_key: bigint; age: number | null }>(
      'SELECT person_key, age FROM an_person ORDER BY person_key',
    );
    expect(rows.map((r) => [r.person_key, r.age === null ? null : Number(r.age)])).toEqual([
      [1n, 1],
      [2n, 65],
      [3n, 0],
      [4n, 43],
    ]);
    const bands = await engine.all<{ grp: string; persons: bigint }>(
      `SELECT grp, persons FROM mart_concentration WHERE grp <> 'all' ORDER BY grp`,
    );
    expect(bands.some((b) => b.grp === '?')).toBe(false);
  });
});
