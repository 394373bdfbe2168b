import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { openMemoryWarehouse } from '../../src/model/warehouse.js';
import { runCosting } from '../../src/costing/index.js';
import { quietOutput } from './helpers.js';
import { exampleWorkspace, loadExample } from './worked-example.js';
import { personKey } from '../helpers/person-key.js';

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

async function run() {
  engine = await openMemoryWarehouse();
  await loadExample(engine);
  const summary = await runCosting(exampleWorkspace(), engine, quietOutput());
  return { engine, summary };
}

describe('worked example (docs/costing.md)', () => {
  it('allocates the pools by their keys', async () => {
    const { engine } = await run();
    const rows = await engine.all(
      `SELECT pool, key, target, provider, weight, amount_minor FROM cost_pool_allocation ORDER BY pool, target`,
    );
    expect(rows).toEqual([
      {
        pool: 'ADM',
        key: 'direct_cost',
        target: 'AEL-47',
        provider: 'own',
        weight: '1900000',
        amount_minor: 9_796_875n,
      },
      {
        pool: 'ADM',
        key: 'direct_cost',
        target: 'SEL-104',
        provider: 'own',
        weight: '300000',
        amount_minor: 1_546_875n,
      },
      {
        pool: 'ADM',
        key: 'direct_cost',
        target: 'SEL-83-PP',
        provider: 'own',
        weight: '1000000',
        amount_minor: 5_156_250n,
      },
      {
        pool: 'HUS',
        key: 'floor_area',
        target: 'AEL-47',
        provider: 'own',
        weight: '900',
        amount_minor: 18_000_000n,
      },
      {
        pool: 'HUS',
        key: 'floor_area',
        target: 'SEL-104',
        provider: 'own',
        weight: '100',
        amount_minor: 2_000_000n,
      },
    ]);
  });

  it('computes the unit costs', async () => {
    const { engine } = await run();
    const rows = await engine.all(
      `SELECT catalogue_code, provider, method, unit, volume, direct_minor, admin_minor, other_common_minor, total_minor,
              unit_cost_minor, persons, attributed_minor, nonattributable_minor
       FROM cost_unit ORDER BY catalogue_code, provider`,
    );
    expect(rows).toEqual([
      {
        catalogue_code: 'AEL-47',
        provider: 'own',
        method: 'kpb',
        unit: 'day',
        volume: '700.0000',
        direct_minor: 190_000_000n,
        admin_minor: 9_796_875n,
        other_common_minor: 18_000_000n,
        total_minor: 217_796_875n,
        unit_cost_minor: '311138.3929',
        persons: 3n,
        attributed_minor: 217_796_875n,
        nonattributable_minor: 0n,
      },
      {
        catalogue_code: 'SEL-104',
        provider: 'own',
        method: 'kpb',
        unit: 'day',
        volume: '350.0000',
        direct_minor: 30_000_000n,
        admin_minor: 1_546_875n,
        other_common_minor: 2_000_000n,
        total_minor: 33_546_875n,
        unit_cost_minor: '95848.2143',
        persons: 3n,
        attributed_minor: 28_754_464n,
        nonattributable_minor: 4_792_411n,
      },
      {
        catalogue_code: 'SEL-83-PP',
        provider: 'external',
        method: 'price',
        unit: 'hour_granted',
        volume: '20.0000',
        direct_minor: 855_000n,
        admin_minor: 0n,
        other_common_minor: 0n,
        total_minor: 855_000n,
        unit_cost_minor: '42750.0000',
        persons: 1n,
        attributed_minor: 900_000n,
        nonattributable_minor: -45_000n,
      },
      {
        catalogue_code: 'SEL-83-PP',
        provider: 'own',
        method: 'kpb',
        unit: 'hour_granted',
        volume: '2500.0000',
        direct_minor: 100_000_000n,
        admin_minor: 5_156_250n,
        other_common_minor: 0n,
        total_minor: 105_156_250n,
        unit_cost_minor: '42062.5000',
        persons: 6n,
        attributed_minor: 105_156_250n,
        nonattributable_minor: 0n,
      },
    ]);
  });

  it('costs each person, with largest remainders and the tie-break by person key', async () => {
    const { engine } = await run();
    const rows = await engine.all<{
      person_key: bigint;
      catalogue_code: string;
      method: string;
      volume: string;
      cost_minor: bigint;
    }>(
      `SELECT person_key, catalogue_code, method, volume, cost_minor FROM cost_person ORDER BY person_key, catalogue_code, method`,
    );
    expect(rows.map((r) => [r.person_key, r.catalogue_code, r.method, r.volume, r.cost_minor])).toEqual([
      [personKey('P01'), 'SEL-104', 'kpb', '100.0000', 9_584_822n],
      [personKey('P01'), 'SEL-83-PP', 'kpb', '800.0000', 33_650_000n],
      [personKey('P02'), 'SEL-83-PP', 'kpb', '600.0000', 25_237_500n],
      [personKey('P03'), 'SEL-83-PP', 'kpb', '500.0000', 21_031_250n],
      [personKey('P04'), 'SEL-83-PP', 'kpb', '300.0000', 12_618_750n],
      [personKey('P04'), 'SEL-83-PP', 'price', '20.0000', 900_000n],
      [personKey('P05'), 'SEL-104', 'kpb', '100.0000', 9_584_821n],
      [personKey('P05'), 'SEL-83-PP', 'kpb', '270.0000', 11_356_875n],
      [personKey('P06'), 'SEL-83-PP', 'kpb', '30.0000', 1_261_875n],
      [personKey('P07'), 'AEL-47', 'kpb', '366.0000', 113_876_652n],
      [personKey('P08'), 'AEL-47', 'kpb', '234.0000', 72_806_384n],
      [personKey('P09'), 'AEL-47', 'kpb', '100.0000', 31_113_839n],
      [personKey('P10'), 'SEL-104', 'kpb', '100.0000', 9_584_821n],
    ]);
    const kept = await engine.one(
      `SELECT department, sector, law_ref, unit FROM cost_person WHERE person_key = ${personKey('P07')}`,
    );
    expect(kept).toEqual({
      department: 'Ældre og Handicap',
      sector: 'municipal',
      law_ref: 'Ældreloven § 47',
      unit: 'day',
    });
  });

  it('reports non-attributable costs and reconciles to the øre', async () => {
    const { engine, summary } = await run();
    expect(
      await engine.all(`SELECT reason, label, amount_minor FROM cost_nonattributable ORDER BY reason, label`),
    ).toEqual([
      { reason: 'ledger_nonattributable', label: 'open_cafe', amount_minor: 4_000_000n },
      { reason: 'open_activity', label: 'SEL-104', amount_minor: 4_792_411n },
      { reason: 'price_difference', label: 'SEL-83-PP', amount_minor: -45_000n },
    ]);
    const recon = await engine.all(
      `SELECT target_type, target, ledger_minor, attributed_minor, nonattributable_minor, excluded_minor, difference_minor
       FROM cost_reconciliation ORDER BY target_type, target`,
    );
    expect(recon).toEqual([
      {
        target_type: 'excluded',
        target: 'user_fee_not_deducted',
        ledger_minor: -5_000_000n,
        attributed_minor: 0n,
        nonattributable_minor: 0n,
        excluded_minor: -5_000_000n,
        difference_minor: 0n,
      },
      {
        target_type: 'intervention',
        target: 'AEL-47',
        ledger_minor: 190_000_000n,
        attributed_minor: 190_000_000n,
        nonattributable_minor: 0n,
        excluded_minor: 0n,
        difference_minor: 0n,
      },
      {
        target_type: 'intervention',
        target: 'SEL-104',
        ledger_minor: 30_000_000n,
        attributed_minor: 25_714_285n,
        nonattributable_minor: 4_285_715n,
        excluded_minor: 0n,
        difference_minor: 0n,
      },
      {
        target_type: 'intervention',
        target: 'SEL-83-PP',
        ledger_minor: 100_000_000n,
        attributed_minor: 100_000_000n,
        nonattributable_minor: 0n,
        excluded_minor: 0n,
        difference_minor: 0n,
      },
      {
        target_type: 'intervention',
        target: 'SEL-83-PP@external',
        ledger_minor: 855_000n,
        attributed_minor: 900_000n,
        nonattributable_minor: -45_000n,
        excluded_minor: 0n,
        difference_minor: 0n,
      },
      {
        target_type: 'nonattributable',
        target: 'open_cafe',
        ledger_minor: 4_000_000n,
        attributed_minor: 0n,
        nonattributable_minor: 4_000_000n,
        excluded_minor: 0n,
        difference_minor: 0n,
      },
      {
        target_type: 'pool',
        target: 'ADM',
        ledger_minor: 16_500_000n,
        attributed_minor: 16_279_018n,
        nonattributable_minor: 220_982n,
        excluded_minor: 0n,
        difference_minor: 0n,
      },
      {
        target_type: 'pool',
        target: 'HUS',
        ledger_minor: 20_000_000n,
        attributed_minor: 19_714_286n,
        nonattributable_minor: 285_714n,
        excluded_minor: 0n,
        difference_minor: 0n,
      },
    ]);
    expect(summary.ledgerMinor).toBe(356_355_000n);
    expect(summary.attributedMinor).toBe(352_607_589n);
    expect(summary.nonattributableMinor).toBe(8_747_411n);
    expect(summary.excludedMinor).toBe(-5_000_000n);
    expect(summary.attributedMinor + summary.nonattributableMinor + summary.excludedMinor).toBe(
      summary.ledgerMinor,
    );
    expect(summary.persons).toBe(10n);
  });

  it('replaces its own cost_person rows on a re-run and keeps the KMF and DRG rows of trajectories', async () => {
    const { engine } = await run();
    await engine.exec(
      `INSERT INTO cost_person VALUES ('2024', '851', ${personKey('P01')}, 'REG-SOM-INP', 'Region', 'regional', NULL, 'kmf', 'day', 3, 123456, NULL),
         ('2024', '851', ${personKey('P02')}, 'REG-SOM-INP', 'Region', 'regional', NULL, 'drg', 'day', 1, 654321, 2024)`,
    );
    await runCosting(exampleWorkspace(), engine, quietOutput());
    const rows = await engine.all(
      `SELECT method, count(*) AS n, sum(cost_minor) AS cost FROM cost_person GROUP BY method ORDER BY method`,
    );
    // the regional rows are neither deleted nor counted in the ledger check (which would stop the run)
    expect(rows).toEqual([
      { method: 'drg', n: 1n, cost: 654_321n },
      { method: 'kmf', n: 1n, cost: 123_456n },
      { method: 'kpb', n: 12n, cost: 351_707_589n },
      { method: 'price', n: 1n, cost: 900_000n },
    ]);
  });
});
