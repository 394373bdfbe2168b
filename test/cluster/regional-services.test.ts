/**
 * regional_services_per_citizen (issue 20 item 4, docs/cluster.md "Indicators that follow the organisation"):
 * service rows by the sector responsible on their start day, per municipality and period, over the citizens.
 * SUL-140 moves from the municipalities to the regions on 2027-01-01 (catalogues/dk.yaml): the same kind of
 * service counts as municipal in 2026 and as regional in 2027, and services_per_citizen does not jump.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runTrajectories } from '../../src/trajectories/index.js';
import { quietOutput, Warehouse, workspace } from '../trajectories/fixture.js';
import { personKey } from '../helpers/person-key.js';

let wh: Warehouse;
let row = 100;
const service = (
  person: string | null,
  municipality: string,
  sector: string,
  code: string,
  start: string,
  end: string | null = null,
) =>
  wh.engine.exec(
    `INSERT INTO service (import_id, row_no, person_key, source_id, period, municipality, department, sector,
       catalogue_code, start_date, end_date, volume, unit)
     VALUES (3, $row, $p, 'care', NULL, $m, 'Sundhed', $s, $c, CAST($b AS DATE), CAST($e AS DATE), 1, 'visit')`,
    {
      row: ++row,
      p: person === null ? null : personKey(person),
      m: municipality,
      s: sector,
      c: code,
      b: start,
      e: end,
    },
  );

beforeEach(async () => {
  wh = await Warehouse.open();
  for (const k of ['a', 'b', 'c']) await wh.person(k, 1950, 1);
  // 851: 400 citizens (100 aged 70 + 300 aged 30) in both years; 849: 100 citizens
  for (const y of [2026, 2027]) {
    await wh.population('851', y, 70, 'F', 100);
    await wh.population('851', y, 30, 'M', 300);
    await wh.population('849', y, 70, 'F', 100);
  }
  // 851, 2026: two SUL-140 rows (municipal then; the second runs into 2027 but starts in 2026) and a row
  // registered regional under a code the catalogue does not know (its registered sector counts)
  await service('a', '851', 'municipal', 'SUL-140', '2026-03-01', '2026-03-20');
  await service('a', '851', 'municipal', 'SUL-140', '2026-12-20', '2027-01-10');
  await service('b', '851', 'regional', 'X-REGIONAL', '2026-05-01');
  // neither: a private row, and a row without a person
  await service('b', '851', 'private', 'SEL-83-PP', '2026-06-01');
  await service(null, '851', 'municipal', 'SUL-140', '2027-04-01');
  // 851, 2027: two SUL-140 rows registered municipal by the source, regional by the catalogue; home care stays municipal
  await service('a', '851', 'municipal', 'SUL-140', '2027-02-01', '2027-02-20');
  await service('c', '851', 'municipal', 'SUL-140', '2027-03-01', '2027-03-05');
  await service('c', '851', 'municipal', 'SEL-83-PP', '2027-01-05');
  // 849, 2027: one SUL-140 row
  await service('c', '849', 'municipal', 'SUL-140', '2027-06-01', '2027-06-10');
});
afterEach(async () => {
  await wh.engine.close();
});

const ws = workspace(`data_end: '2027-12-31'\nclusters: { Nord: ['851', '849'] }`, [2026, 2027]);

describe('regional_services_per_citizen', () => {
  it('counts the service rows the region is responsible for on their start day, per municipality, period and cluster', async () => {
    await runTrajectories(ws, wh.engine, quietOutput());
    const get = async (level: string, unit: string, period: string, indicator: string) =>
      (
        await wh.engine.all(
          `SELECT numerator, denominator, CAST(value AS DOUBLE) AS value FROM cluster_indicator
           WHERE level = $l AND unit = $u AND period = $p AND indicator = $i`,
          { l: level, u: unit, p: period, i: indicator },
        )
      )[0];
    // 851, 2026: municipal 2 (the two SUL-140 rows) / 400 = 0.005; regional 1 (X-REGIONAL) / 400 = 0.0025
    expect(await get('municipality', '851', '2026', 'municipal_services_per_citizen')).toEqual({
      numerator: 2n,
      denominator: 400n,
      value: 0.005,
    });
    expect(await get('municipality', '851', '2026', 'regional_services_per_citizen')).toEqual({
      numerator: 1n,
      denominator: 400n,
      value: 0.0025,
    });
    // 851, 2027: municipal 1 (SEL-83-PP) / 400 = 0.0025; regional 2 (SUL-140 from 2027-01-01) / 400 = 0.005
    expect(await get('municipality', '851', '2027', 'municipal_services_per_citizen')).toEqual({
      numerator: 1n,
      denominator: 400n,
      value: 0.0025,
    });
    expect(await get('municipality', '851', '2027', 'regional_services_per_citizen')).toEqual({
      numerator: 2n,
      denominator: 400n,
      value: 0.005,
    });
    // 849, 2027: 1 / 100 = 0.01; the cluster Nord: (2 + 1) / (400 + 100) = 3 / 500 = 0.006
    expect(await get('municipality', '849', '2027', 'regional_services_per_citizen')).toEqual({
      numerator: 1n,
      denominator: 100n,
      value: 0.01,
    });
    expect(await get('cluster', 'Nord', '2027', 'regional_services_per_citizen')).toEqual({
      numerator: 3n,
      denominator: 500n,
      value: 0.006,
    });
    // services in all (no hospital or practice contacts here): 2026 2 + 1 = 3, 2027 1 + 2 = 3, 3 / 400 = 0.0075
    // in both years: the payer changed, the services did not
    expect(await get('municipality', '851', '2026', 'services_per_citizen')).toMatchObject({ numerator: 3n });
    expect(await get('municipality', '851', '2027', 'services_per_citizen')).toEqual({
      numerator: 3n,
      denominator: 400n,
      value: 0.0075,
    });
  });
});
