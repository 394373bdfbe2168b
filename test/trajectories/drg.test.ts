import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../src/config/workspace.js';
import { UserError } from '../../src/errors.js';
import { loadDrgTable, parseDrgTable } from '../../src/trajectories/drg.js';
import { parseTrajectoriesConfig, personTimeline, runTrajectories } from '../../src/trajectories/index.js';
import { quietOutput, Warehouse, workspace as traj } from './fixture.js';

let wh: Warehouse;
beforeEach(async () => {
  wh = await Warehouse.open();
});
afterEach(async () => {
  await wh.engine.close();
});

/** Group 04MA13 (COPD): 32,000.00 kr in 2026 and 33,150.50 kr in 2027. */
const TABLE = {
  id: 'drg-test',
  country: 'DK',
  currency: 'DKK',
  versions: [
    {
      valid_from: 2026,
      valid_to: 2026,
      tariffs: [{ code: '04MA13', tariff_kr: '32000.00', verified: true }],
    },
    { valid_from: 2027, valid_to: 2027, tariffs: [{ code: '04MA13', tariff_kr: '33150.50' }] },
  ],
};

/** A workspace with the years 2026 and 2027 and the test DRG table. */
function workspace(regionalCost = ''): Workspace {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'drg-')), 'drg.yaml');
  writeFileSync(file, JSON.stringify(TABLE));
  return traj(`data_end: '2027-12-31'\nregional_cost: { drg_table: '${file}'${regionalCost} }`, [2026, 2027]);
}

/** Person k, born January 1940: 86 in 2026 (KMF 56 % of the DRG tariff in the shipped table). */
async function contacts() {
  await wh.person('k', 1940, 1);
  // 2026: an admission of two days, group 04MA13, the extract's own tariff 30,000.00 kr
  await wh.contact({
    id: 'a',
    person: 'k',
    admit: '2026-06-01 08:00',
    discharge: '2026-06-03 08:00',
    tariff: 3_000_000n,
  });
  // 2027: the same group (written in lower case with a space), own tariff 31,000.00 kr
  await wh.contact({
    id: 'b',
    person: 'k',
    admit: '2027-03-01 08:00',
    discharge: '2027-03-04 08:00',
    tariff: 3_100_000n,
  });
  // 2027: an outpatient visit in a DAGS group the table does not list, own tariff 1,234.56 kr
  await wh.contact({
    id: 'c',
    person: 'k',
    admit: '2027-05-01 10:00',
    discharge: '2027-05-01 12:00',
    tariff: 123_456n,
  });
  await wh.engine.exec(`UPDATE hospital_contact SET drg_code = CASE contact_id WHEN 'a' THEN '04MA13'
    WHEN 'b' THEN ' 04ma13 ' ELSE 'BG50A' END`);
  // 2027: a GP consultation, fee 150.00 kr
  await wh.gp('k', '2027-02-01', 'gp', 15_000n);
}

const drgRows = () =>
  wh.engine.all(
    `SELECT coalesce(contact_id, source) AS id, year, catalogue_code, drg_code, basis, drg_minor, kmf_minor, kmf_status, cost_basis
     FROM drg_contact ORDER BY contact_date`,
  );
const costRows = () =>
  wh.engine.all(
    `SELECT period, catalogue_code, method, sector, cost_minor FROM cost_person ORDER BY period, method, catalogue_code`,
  );

describe('regional cost from DRG/DAGS values across the end of KMF', () => {
  it('prices each contact by the table of its year, keeps KMF for 2026 and never invents KMF for 2027', async () => {
    await contacts();
    const out = quietOutput();
    const summary = await runTrajectories(workspace(), wh.engine, out, { until: 'drg' });
    expect(await drgRows()).toEqual([
      // a: KMF 2026 = 56 % × 30,000.00 = 16,800.00 kr (under the cap 31,029.00); DRG = the table's 32,000.00 kr
      {
        id: 'a',
        year: 2026n,
        catalogue_code: 'SUL-REG-SOM-IND',
        drg_code: '04MA13',
        basis: 'drg_table',
        drg_minor: 3_200_000n,
        kmf_minor: 1_680_000n,
        kmf_status: 'ok',
        cost_basis: 'kmf',
      },
      // gp: the fee 150.00 kr; no KMF rates for 2027 → 0, no_rate
      {
        id: 'gp',
        year: 2027n,
        catalogue_code: 'SUL-REG-AP',
        drg_code: null,
        basis: 'practice_fee',
        drg_minor: 15_000n,
        kmf_minor: 0n,
        kmf_status: 'no_rate',
        cost_basis: 'drg',
      },
      // b: ' 04ma13 ' is group 04MA13: the 2027 tariff 33,150.50 kr wins over its own 31,000.00 kr
      {
        id: 'b',
        year: 2027n,
        catalogue_code: 'SUL-REG-SOM-IND',
        drg_code: '04MA13',
        basis: 'drg_table',
        drg_minor: 3_315_050n,
        kmf_minor: 0n,
        kmf_status: 'no_rate',
        cost_basis: 'drg',
      },
      // c: BG50A is not in the table: its own tariff 1,234.56 kr
      {
        id: 'c',
        year: 2027n,
        catalogue_code: 'SUL-REG-SOM-AMB',
        drg_code: 'BG50A',
        basis: 'contact_tariff',
        drg_minor: 123_456n,
        kmf_minor: 0n,
        kmf_status: 'no_rate',
        cost_basis: 'drg',
      },
    ]);
    // cost_person: one basis per year, never both. 2026 = KMF 16,800.00 kr;
    // 2027 = DRG 15,000 + 3,315,050 + 123,456 øre = 3,453,506 øre = 34,535.06 kr
    expect(await costRows()).toEqual([
      {
        period: '2026',
        catalogue_code: 'SUL-REG-SOM-IND',
        method: 'kmf',
        sector: 'regional',
        cost_minor: 1_680_000n,
      },
      {
        period: '2027',
        catalogue_code: 'SUL-REG-AP',
        method: 'drg',
        sector: 'regional',
        cost_minor: 15_000n,
      },
      {
        period: '2027',
        catalogue_code: 'SUL-REG-SOM-AMB',
        method: 'drg',
        sector: 'regional',
        cost_minor: 123_456n,
      },
      {
        period: '2027',
        catalogue_code: 'SUL-REG-SOM-IND',
        method: 'drg',
        sector: 'regional',
        cost_minor: 3_315_050n,
      },
    ]);
    expect(out.warnings.join('\n')).toContain('KMF is abolished from 2027');
    expect(summary.kmf?.abolished_years).toEqual([2027]);
    expect(summary.drg).toMatchObject({
      drg_table: 'drg-test',
      contacts: 4,
      // 3,200,000 + 15,000 + 3,315,050 + 123,456 = 6,653,506 øre
      total_minor: 6_653_506n,
      by_basis: { drg_table: 2, contact_tariff: 1, practice_fee: 1 },
      cost_basis: { '2026': 'kmf', '2027': 'drg' },
    });
    // both bases side by side for 2026: KMF 16,800.00 kr against DRG 32,000.00 kr; cost_person carries KMF
    expect(
      await wh.engine.all(
        `SELECT year, source, cost_basis, kmf_minor, drg_minor, cost_minor FROM regional_cost_year WHERE year = 2026`,
      ),
    ).toEqual([
      {
        year: 2026n,
        source: 'hospital',
        cost_basis: 'kmf',
        kmf_minor: 1_680_000n,
        drg_minor: 3_200_000n,
        cost_minor: 1_680_000n,
      },
    ]);
  });

  it('uses the contact tariff first when asked, and DRG for every year with basis drg', async () => {
    await contacts();
    await runTrajectories(workspace(`, prefer: contact_tariff, basis: drg`), wh.engine, quietOutput(), {
      until: 'drg',
    });
    // a: its own 30,000.00 kr; b: its own 31,000.00 kr; no KMF rows in cost_person at all
    const rows = await costRows();
    expect(rows.filter((r) => r.method === 'kmf')).toEqual([]);
    expect(rows.filter((r) => r.catalogue_code === 'SUL-REG-SOM-IND')).toEqual([
      {
        period: '2026',
        catalogue_code: 'SUL-REG-SOM-IND',
        method: 'drg',
        sector: 'regional',
        cost_minor: 3_000_000n,
      },
      {
        period: '2027',
        catalogue_code: 'SUL-REG-SOM-IND',
        method: 'drg',
        sector: 'regional',
        cost_minor: 3_100_000n,
      },
    ]);
  });

  it('keeps drg_contact as a view over kmf_contact and the saved rate table, replacing an older table', async () => {
    await contacts();
    // a warehouse written before drg_contact was a view holds it as a table (here with one stale row)
    await wh.engine.exec(`CREATE TABLE drg_contact AS SELECT 'stale' AS source, 1 AS drg_minor`);
    await runTrajectories(workspace(), wh.engine, quietOutput(), { until: 'drg' });
    const type = await wh.engine.one(
      `SELECT table_type AS t FROM information_schema.tables WHERE table_name = 'drg_contact'`,
    );
    expect(type).toEqual({ t: 'VIEW' });
    // a later session has none of the run's temp tables: the view reads the rates saved in drg_contact_rate
    await wh.engine.exec(`DROP TABLE traj_drg_rate`);
    const rows = await wh.engine.all(
      `SELECT coalesce(contact_id, source) AS id, basis, drg_minor, table_verified FROM drg_contact ORDER BY contact_date`,
    );
    // a: 2026 table 32,000.00 kr (verified); gp: fee 150.00 kr; b: 2027 table 33,150.50 kr (not verified);
    // c: BG50A is not in the table → its own 1,234.56 kr — the figures of the first test, from the saved rates
    expect(rows).toEqual([
      { id: 'a', basis: 'drg_table', drg_minor: 3_200_000n, table_verified: true },
      { id: 'gp', basis: 'practice_fee', drg_minor: 15_000n, table_verified: false },
      { id: 'b', basis: 'drg_table', drg_minor: 3_315_050n, table_verified: false },
      { id: 'c', basis: 'contact_tariff', drg_minor: 123_456n, table_verified: false },
    ]);
  });
});

describe('the timeline across 1 January 2027', () => {
  it('shows genoptræning (SUL-140) in the municipal lane in 2026 and the regional lane in 2027, as one code', async () => {
    await wh.person('k', 1940, 1);
    // both registered by the municipality's extract (sector municipal); the catalogue moves SUL-140 on 2027-01-01
    await wh.service('k', 'SUL-140', '2026-12-30', null, 'visit');
    await wh.service('k', 'SUL-140', '2027-01-04', null, 'visit');
    await runTrajectories(workspace(), wh.engine, quietOutput(), { until: 'stays' });
    const events = (await personTimeline(wh.engine, 'k')).map((e) => [e.start, e.sector, e.code]);
    expect(events).toEqual([
      ['2026-12-30', 'municipal', 'SUL-140'],
      ['2027-01-04', 'regional', 'SUL-140'],
    ]);
  });
});

describe('DRG/DAGS rate table', () => {
  it('loads the shipped table: years, no tariffs (contacts use their own until a year is loaded)', () => {
    expect(loadDrgTable('drg-dk')).toMatchObject({ id: 'drg-dk', tariffs: [] });
  });

  it('accepts the tariffs as CSV (year;code;tariff_kr), one version per year, decimal comma or point', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'drg-csv-'));
    const file = path.join(dir, 'takster.csv');
    writeFileSync(
      file,
      'Year;Code;Tariff_kr;Verified\n2026;04MA13;32000,00;ja\n2027;04ma13;33150.50;\n2027;BG50A;1234,56;\n',
    );
    expect(loadDrgTable(file)).toMatchObject({
      id: 'takster',
      tariffs: [
        { yearFrom: 2026, yearTo: 2026, code: '04MA13', tariffMinor: 3_200_000n, verified: true },
        { yearFrom: 2027, yearTo: 2027, code: '04MA13', tariffMinor: 3_315_050n, verified: false },
        { yearFrom: 2027, yearTo: 2027, code: 'BG50A', tariffMinor: 123_456n, verified: false },
      ],
    });
    writeFileSync(file, 'year;group;tariff_kr\n2026;04MA13;1\n');
    expect(() => loadDrgTable(file)).toThrow(/the header lacks code/);
  });

  it('names a misspelt key with "did you mean", and refuses a group listed twice', () => {
    const typo = (() => {
      try {
        parseDrgTable({ ...TABLE, versions: [{ valid_from: 2026, valid_to: 2026, tarifs: [] }] }, 'x.yaml');
      } catch (e) {
        return e as UserError;
      }
    })();
    expect(typo).toBeInstanceOf(UserError);
    expect(typo!.message).toContain('unknown key "versions.0.tarifs"');
    expect(typo!.location.hint).toContain('did you mean "tariffs"?');
    const twice = { code: '04ma13', tariff_kr: 1 };
    expect(() =>
      parseDrgTable(
        {
          ...TABLE,
          versions: [{ valid_from: 2026, valid_to: 2026, tariffs: [twice, { ...twice, code: '04MA13' }] }],
        },
        'x.yaml',
      ),
    ).toThrow(/group 04MA13 twice/);
    expect(() =>
      parseDrgTable({ ...TABLE, versions: [TABLE.versions[0], TABLE.versions[0]] }, 'x.yaml'),
    ).toThrow(/overlaps/);
  });

  it('suggests the right name for a misspelt regional_cost setting', () => {
    const err = (() => {
      try {
        parseTrajectoriesConfig({ regional_cost: { basys: 'drg' } });
      } catch (e) {
        return e as UserError;
      }
    })();
    expect(err!.message).toBe('Unknown key "trajectories.regional_cost.basys" in the config');
    expect(err!.location.hint).toMatch(/^did you mean "basis"\?/);
  });
});
