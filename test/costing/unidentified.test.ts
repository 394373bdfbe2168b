/**
 * Service rows without a person (person_key NULL): their volume stays in the unit cost's denominator,
 * and their cost is non-attributable — "unidentified persons" when their source maps person ids (the id
 * was missing or invalid), "open activity" when it does not.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runCosting } from '../../src/costing/index.js';
import type { Engine } from '../../src/engine/engine.js';
import { openMemoryWarehouse } from '../../src/model/warehouse.js';
import { insertLedger, makeWorkspace, quietOutput, TT_HEADER } from './helpers.js';
import { personKey } from '../helpers/person-key.js';

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

const YAML = `
country: DK
currency: DKK
municipalities: ['851']
periods: [{ id: '2024', from: 2024-01-01, to: 2024-12-31 }]
pseudonymisation: { key_file: k }
catalogue: dk
sources:
  - id: hjemmepleje
    file: hjemmepleje.csv
    format: csv
    target: service
    columns: { person_id: CPR, start_date: Fra, volume: Timer, unit: { value: hour_granted }, catalogue_code: { value: SEL-83-PP } }
  - id: aaben
    file: aaben.csv
    format: csv
    target: service
    columns: { start_date: Fra, volume: Timer, unit: { value: hour_granted }, catalogue_code: { value: SEL-83-PP } }
costing:
  translation_table: tt.csv
  pools: [{ id: ADM, kind: administration, key: direct_cost, targets: [SEL-83-PP] }]
`;

async function service(e: Engine, row: number, source: string, person: string | null, hours: number) {
  await e.exec(
    `INSERT INTO service (import_id, row_no, person_key, source_id, municipality, sector, catalogue_code, provider, start_date, end_date, volume, unit)
     VALUES (1, ${row}, ${person === null ? 'NULL' : personKey(person)}, '${source}', '851', 'municipal', 'SEL-83-PP', 'own',
             DATE '2024-03-01', DATE '2024-03-31', ${hours}, 'hour_granted')`,
  );
}

describe('service rows without a person', () => {
  it('keep their volume in the denominator and report their cost as unidentified persons / open activity', async () => {
    engine = await openMemoryWarehouse();
    await insertLedger(engine, [
      { account: '5110', activity: 'HJ', amount: 1_000_000n },
      { account: '5110', activity: 'ADM', amount: 100_001n },
    ]);
    await service(engine, 1, 'hjemmepleje', 'A', 10);
    await service(engine, 2, 'hjemmepleje', null, 5); // CPR missing
    await service(engine, 3, 'hjemmepleje', null, 10); // CPR invalid
    await service(engine, 4, 'aaben', null, 5); // an open activity: the source has no person ids
    const tt = `${TT_HEADER}\n10,*,HJ,,,,intervention,SEL-83-PP,\n10,*,ADM,,,,pool,ADM,\n`;
    const summary = await runCosting(makeWorkspace(YAML, { 'tt.csv': tt }), engine, quietOutput());

    // total 1,000,000 + 100,001 = 1,100,001 øre over all 30 hours (not A's 10 alone): 36,666.7 øre per hour
    expect(await engine.one(`SELECT volume, total_minor, unit_cost_minor, persons FROM cost_unit`)).toEqual({
      volume: '30.0000',
      total_minor: 1_100_001n,
      unit_cost_minor: '36666.7000',
      persons: 1n,
    });
    // A: 1,100,001 × 10/30 = 366,667 exactly
    expect(await engine.all(`SELECT person_key, volume, cost_minor FROM cost_person`)).toEqual([
      { person_key: personKey('A'), volume: '10.0000', cost_minor: 366_667n },
    ]);
    // the rows without a person: 1,100,001 × 20/30 = 733,334; of it the unidentified 15 of 20 hours,
    // ⌊733,334 × 15/20⌋ = ⌊550,000.5⌋ = 550,000, and the open activity the rest, 183,334
    expect(
      await engine.all(`SELECT reason, label, amount_minor FROM cost_nonattributable ORDER BY reason`),
    ).toEqual([
      { reason: 'open_activity', label: 'SEL-83-PP', amount_minor: 183_334n },
      { reason: 'unidentified_persons', label: 'SEL-83-PP', amount_minor: 550_000n },
    ]);
    // what A got, 366,667, split over direct 1,000,000 : ADM 100,001 = 333,333.33 : 33,333.67 → 333,333 : 33,334
    expect(
      await engine.all(
        `SELECT target_type, target, ledger_minor, attributed_minor, nonattributable_minor, difference_minor
         FROM cost_reconciliation ORDER BY 1, 2`,
      ),
    ).toEqual([
      {
        target_type: 'intervention',
        target: 'SEL-83-PP',
        ledger_minor: 1_000_000n,
        attributed_minor: 333_333n,
        nonattributable_minor: 666_667n,
        difference_minor: 0n,
      },
      {
        target_type: 'pool',
        target: 'ADM',
        ledger_minor: 100_001n,
        attributed_minor: 33_334n,
        nonattributable_minor: 66_667n,
        difference_minor: 0n,
      },
    ]);
    expect(summary.attributedMinor + summary.nonattributableMinor).toBe(1_100_001n);
  });
});
