import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { runTrajectories } from '../../src/trajectories/index.js';
import { krToMinor, loadRateTable, parseRateTable, rateTablePath } from '../../src/trajectories/rates.js';
import { parse as parseYaml } from 'yaml';
import { quietOutput, Warehouse, workspace } from './fixture.js';
import { personKey } from '../helpers/person-key.js';

let wh: Warehouse;
beforeEach(async () => {
  wh = await Warehouse.open();
});
afterEach(async () => {
  await wh.engine.close();
});

const ws = workspace(`data_end: '2025-12-31'`);
const run = (w = ws) => runTrajectories(w, wh.engine, quietOutput(), { until: 'kmf' });
const kmf = (person: string) =>
  wh.engine.all(
    `SELECT contact_id, rate_kind, catalogue_code, CAST(volume AS VARCHAR) AS volume, base_minor, pct_bp, raw_minor,
            kmf_minor, status
     FROM kmf_contact WHERE person_key = $p ORDER BY contact_date, contact_id`,
    { p: personKey(person) },
  );

describe('KMF rate table', () => {
  it('converts kroner exactly to øre', () => {
    expect(krToMinor('31029.00')).toBe(3102900n);
    expect(krToMinor('0.5')).toBe(50n);
    expect(krToMinor('12')).toBe(1200n);
  });

  it('loads the shipped Danish table with every age covered for every kind', () => {
    const t = loadRateTable('kmf-dk');
    const som2024 = t.rates.filter((r) => r.kind === 'somatic' && r.yearFrom <= 2024 && r.yearTo >= 2024);
    expect(som2024.map((r) => [r.ageLo, r.pctBp])).toContainEqual([80, 5600]);
    expect(som2024.every((r) => r.capMinor === 3102900n)).toBe(true);
  });

  it('refuses a gap in the age bands and overlapping versions, naming the file', () => {
    const doc = parseYaml(readFileSync(rateTablePath('kmf-dk'), 'utf8')) as {
      versions: { valid_from: number; somatic: { rates: { ages: string }[] } }[];
    };
    const gap = structuredClone(doc);
    gap.versions[0]!.somatic.rates[1]!.ages = '4-17';
    expect(() => parseRateTable(gap, 'x.yaml')).toThrow(/gap or overlap at age 3/);
    const overlap = structuredClone(doc);
    overlap.versions[1]!.valid_from = 2024;
    expect(() => parseRateTable(overlap, 'x.yaml')).toThrow(UserError);
  });
});

/** DuckDB's disabled compressions in this session: '' unless something left FSST off. */
const compressionSetting = () => wh.engine.one(`SELECT current_setting('disabled_compression_methods') AS s`);

/** Person k, 85 in 2024 (56 %): one course of two contacts, tariffs 40,000.00 and 30,000.00 kr. */
async function courseOfTwo() {
  await wh.person('k', 1939, 1); // 85 in 2024: 56 %
  await wh.contact({
    id: 's1',
    person: 'k',
    admit: '2024-03-01 08:00',
    discharge: '2024-03-03 08:00',
    tariff: 4_000_000n,
  });
  await wh.contact({
    id: 's2',
    person: 'k',
    admit: '2024-03-03 10:00',
    discharge: '2024-03-06 10:00',
    tariff: 3_000_000n,
  });
}

describe('KMF per contact', () => {
  it('caps somatic KMF per course: the second contact gets what is left under the cap', async () => {
    await courseOfTwo();
    await run();
    expect(await kmf('k')).toEqual([
      // 40,000.00 × 56 % = 22,400.00; 30,000.00 × 56 % = 16,800.00; cap 31,029.00 → 8,629.00 left
      {
        contact_id: 's1',
        rate_kind: 'somatic',
        catalogue_code: 'SUL-REG-SOM-IND',
        volume: '2.0000',
        base_minor: 4_000_000n,
        pct_bp: 5600,
        raw_minor: 2_240_000n,
        kmf_minor: 2_240_000n,
        status: 'ok',
      },
      {
        contact_id: 's2',
        rate_kind: 'somatic',
        catalogue_code: 'SUL-REG-SOM-IND',
        volume: '3.0000',
        base_minor: 3_000_000n,
        pct_bp: 5600,
        raw_minor: 1_680_000n,
        kmf_minor: 862_900n,
        status: 'ok',
      },
    ]);
  });

  it('caps a course of several contacts and a one-contact course in one run, and leaves the storage settings', async () => {
    await courseOfTwo();
    await wh.person('j', 1939, 1);
    await wh.contact({
      id: 'j1',
      person: 'j',
      admit: '2024-04-01 08:00',
      discharge: '2024-04-03 08:00',
      tariff: 6_000_000n,
    });
    await run();
    // k (one course, two contacts): 22,400.00, then 31,029.00 − 22,400.00 = 8,629.00 left under the cap;
    // j (a course of one): 60,000.00 × 56 % = 33,600.00 → the cap 31,029.00
    expect((await kmf('k')).map((r) => r.kmf_minor)).toEqual([2_240_000n, 862_900n]);
    expect((await kmf('j')).map((r) => r.kmf_minor)).toEqual([3_102_900n]);
    // kmf_contact is written without FSST (src/trajectories/index.ts); the session's setting is back to DuckDB's
    expect(await compressionSetting()).toEqual({ s: '' });
  });

  it('a failing KMF step reports its own error and leaves the storage settings too', async () => {
    await wh.person('k', 1939, 1);
    // 10^18 øre × 5,600 bp = 5.6 · 10^21 does not fit a BIGINT (≤ 9.2 · 10^18): DuckDB stops inside 04_kmf.sql
    await wh.contact({
      id: 'huge',
      person: 'k',
      admit: '2024-03-01 08:00',
      discharge: '2024-03-03 08:00',
      tariff: 1_000_000_000_000_000_000n,
    });
    await expect(run()).rejects.toThrow(/overflow/i);
    expect(await compressionSetting()).toEqual({ s: '' });
  });

  it('a new course starts a new cap', async () => {
    await wh.person('k', 1939, 1);
    await wh.contact({
      id: 's1',
      person: 'k',
      admit: '2024-03-01 08:00',
      discharge: '2024-03-03 08:00',
      tariff: 6_000_000n,
    });
    await wh.contact({
      id: 's2',
      person: 'k',
      admit: '2024-05-01 08:00',
      discharge: '2024-05-03 08:00',
      tariff: 1_000_000n,
    });
    await run();
    expect((await kmf('k')).map((r) => r.kmf_minor)).toEqual([3_102_900n, 560_000n]);
  });

  it('rounds each contact half away from zero to whole øre', async () => {
    await wh.person('r', 1954, 1); // 70: 45 %
    const outpatient = (id: string, day: string, tariff: bigint | null) =>
      wh.contact({
        id,
        person: 'r',
        admit: `2024-04-${day} 09:00`,
        discharge: `2024-04-${day} 11:00`,
        tariff,
      });
    await outpatient('a', '01', 123_457n); // 55,555.65 → 55,556
    await outpatient('b', '02', 1_110n); // 499.5 → 500
    await outpatient('c', '03', 1_109n); // 499.05 → 499
    await outpatient('d', '04', null);
    await run();
    expect((await kmf('r')).map((r) => [r.catalogue_code, r.kmf_minor, r.status])).toEqual([
      ['SUL-REG-SOM-AMB', 55_556n, 'ok'],
      ['SUL-REG-SOM-AMB', 500n, 'ok'],
      ['SUL-REG-SOM-AMB', 499n, 'ok'],
      ['SUL-REG-SOM-AMB', 0n, 'no_tariff'],
    ]);
  });

  it('charges psychiatry per bed day capped per admission, and per visit capped per visit', async () => {
    await wh.person('q', 1994, 1);
    await wh.contact({
      id: 'pa',
      person: 'q',
      admit: '2024-10-01 08:00',
      discharge: '2024-10-08 08:00',
      psychiatric: true,
    });
    await wh.contact({
      id: 'pv',
      person: 'q',
      admit: '2024-11-01 10:00',
      discharge: '2024-11-01 11:00',
      psychiatric: true,
    });
    await run();
    expect(
      (await kmf('q')).map((r) => [r.catalogue_code, r.volume, r.base_minor, r.raw_minor, r.kmf_minor]),
    ).toEqual([
      // 7 bed days × 2,954.00 = 20,678.00 × 60 % = 12,406.80 → cap 8,862.00
      ['SUL-REG-PSY-IND', '7.0000', 2_067_800n, 1_240_680n, 886_200n],
      // 1,850.00 × 30 % = 555.00 = the cap per visit
      ['SUL-REG-PSY-AMB', '1.0000', 185_000n, 55_500n, 55_500n],
    ]);
  });

  it('charges general practice by age band and caps specialist practice per visit', async () => {
    await wh.person('k', 1939, 1);
    await wh.gp('k', '2024-05-01', 'gp', 15_000n); // 150.00 × 18 % = 27.00
    await wh.gp('k', '2024-05-02', 'specialist', 1_000_000n); // 10,000.00 × 56 % = 5,600.00 → cap 3,103.00
    await run();
    expect((await kmf('k')).map((r) => [r.catalogue_code, r.kmf_minor])).toEqual([
      ['SUL-REG-AP', 2_700n],
      ['SUL-REG-SP', 310_300n],
    ]);
  });

  it('uses the version of the year of discharge and stops with a clear error for a year without rates', async () => {
    await wh.person('r', 1954, 1);
    await wh.contact({
      id: 'a',
      person: 'r',
      admit: '2024-12-31 20:00',
      discharge: '2025-01-01 02:00',
      tariff: 100_000n,
    });
    const dir = mkdtempSync(path.join(tmpdir(), 'kmf-'));
    const doc = parseYaml(readFileSync(rateTablePath('kmf-dk'), 'utf8')) as { versions: unknown[] };
    doc.versions = doc.versions.slice(0, 1); // 2018-2024 only
    const file = path.join(dir, 'rates.yaml');
    writeFileSync(file, JSON.stringify(doc));
    const only2024 = workspace(`data_end: '2025-12-31'\nkmf: { rate_table: '${file}' }`);
    await expect(run(only2024)).rejects.toThrow(/no rates for the year\(s\) 2025/);
    await run();
    expect((await kmf('r'))[0]).toMatchObject({ kmf_minor: 45_000n }); // 2025 version: 65-79 at 45 %
  });

  it('writes KMF into cost_person as the regional sector, replacing only earlier kmf rows', async () => {
    await wh.engine.exec(`CREATE TABLE cost_person (period VARCHAR, municipality VARCHAR, person_key BIGINT,
      catalogue_code VARCHAR, department VARCHAR, sector VARCHAR, law_ref VARCHAR, method VARCHAR, unit VARCHAR,
      volume DECIMAL(18,4), cost_minor BIGINT)`);
    await wh.engine.exec(`INSERT INTO cost_person VALUES
      ('2024', '851', ${personKey('k')}, 'SEL-83-PP', 'Ældre', 'municipal', 'Serviceloven § 83', 'kpb', 'hour_granted', 10, 500000),
      ('2024', '851', ${personKey('k')}, 'SUL-REG-SOM-IND', 'Region', 'regional', 'x', 'kmf', 'day', 1, 999)`);
    await courseOfTwo();
    await wh.gp('k', '2024-05-01', 'gp', 15_000n);
    await run();
    const rows = await wh.engine.all(
      `SELECT catalogue_code, department, sector, law_ref, method, unit, CAST(volume AS VARCHAR) AS volume, cost_minor
       FROM cost_person ORDER BY method, catalogue_code`,
    );
    expect(rows).toEqual([
      {
        catalogue_code: 'SUL-REG-AP',
        department: 'Region',
        sector: 'regional',
        law_ref: 'Sundhedsloven § 57',
        method: 'kmf',
        unit: 'visit',
        volume: '1.0000',
        cost_minor: 2_700n,
      },
      {
        catalogue_code: 'SUL-REG-SOM-IND',
        department: 'Region',
        sector: 'regional',
        law_ref: 'Sundhedsloven § 79',
        method: 'kmf',
        unit: 'day',
        volume: '5.0000',
        cost_minor: 3_102_900n,
      },
      {
        catalogue_code: 'SEL-83-PP',
        department: 'Ældre',
        sector: 'municipal',
        law_ref: 'Serviceloven § 83',
        method: 'kpb',
        unit: 'hour_granted',
        volume: '10.0000',
        cost_minor: 500_000n,
      },
    ]);
  });

  it("reconciles the region's invoice against the computed sum", async () => {
    await wh.person('k', 1939, 1);
    await wh.contact({
      id: 's1',
      person: 'k',
      admit: '2024-03-01 08:00',
      discharge: '2024-03-03 08:00',
      tariff: 4_000_000n,
      kmf: 2_240_000n,
    });
    await wh.contact({
      id: 's2',
      person: 'k',
      admit: '2024-03-03 10:00',
      discharge: '2024-03-06 10:00',
      tariff: 3_000_000n,
      kmf: 900_000n,
    });
    await wh.contact({
      id: 's3',
      person: 'k',
      admit: '2024-09-03 10:00',
      discharge: '2024-09-03 11:00',
      tariff: 10_000n,
    });
    const summary = await run();
    const rec = await wh.engine.all(`SELECT * FROM kmf_reconciliation`);
    expect(rec).toEqual([
      {
        period: '2024',
        municipality: '851',
        source: 'hospital',
        contacts: 3n,
        invoiced_contacts: 2n,
        computed_minor: 3_102_900n + 5_600n,
        computed_invoiced_minor: 3_102_900n,
        invoiced_minor: 3_140_000n,
        difference_minor: 37_100n,
        deviation: true,
      },
    ]);
    expect(summary.kmf).toMatchObject({
      total_minor: 3_108_500n,
      invoice: {
        invoiced_minor: 3_140_000n,
        computed_minor: 3_102_900n,
        difference_minor: 37_100n,
        deviations: 1,
      },
    });
  });
});
