import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { openMemoryWarehouse } from '../../src/model/warehouse.js';
import { runCosting } from '../../src/costing/index.js';
import { insertLedger, insertServices, makeWorkspace, quietOutput, TT_HEADER } from './helpers.js';
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
periods:
  - { id: 2024-H1, from: 2024-01-01, to: 2024-06-30 }
  - { id: 2024-H2, from: 2024-07-01, to: 2024-12-31 }
pseudonymisation: { key_file: k }
catalogue: dk
costing:
  translation_table: tt.csv
  methods:
    - { codes: [SEL-112], method: record_amount }
`;
const TT = `${TT_HEADER}\n10,5110,*,,,,intervention,SEL-83-PP,\n10,5120,*,,,,intervention,SEL-108,\n10,5130,*,,,,excluded,,aids_in_record\n`;

describe('proration by days across a period boundary', () => {
  it('splits volume, day counts and record amounts by days in each period', async () => {
    engine = await openMemoryWarehouse();
    await insertLedger(engine, [
      { period: '2024-H1', account: '5110', amount: 1_000_000n },
      { period: '2024-H2', account: '5110', amount: 2_000_000n },
      { period: '2024-H1', account: '5120', amount: 910_000n },
      { period: '2024-H2', account: '5120', amount: 920_000n },
    ]);
    await insertServices(engine, [
      // 20 days, 10 in June and 10 in July: 40 hours → 20 + 20
      {
        person: 'A',
        code: 'SEL-83-PP',
        unit: 'hour_granted',
        from: '2024-06-21',
        to: '2024-07-10',
        volume: '40',
      },
      {
        person: 'B',
        code: 'SEL-83-PP',
        unit: 'hour_granted',
        from: '2024-02-01',
        to: '2024-02-29',
        volume: '80',
      },
      {
        person: 'B',
        code: 'SEL-83-PP',
        unit: 'hour_granted',
        from: '2024-08-01',
        to: '2024-08-31',
        volume: '60',
      },
      // open-ended stay from 2024-06-01: 30 days in H1, 184 in H2 (until the last period ends)
      { person: 'C', code: 'SEL-108', unit: 'day', from: '2024-06-01' },
      // a grant of 1,000.01 kr over the same 20 days: the odd øre lands in the later period
      {
        person: 'A',
        code: 'SEL-112',
        unit: 'item',
        from: '2024-06-21',
        to: '2024-07-10',
        volume: '1',
        amount: 100_001n,
      },
    ]);
    const ws = makeWorkspace(YAML, { 'tt.csv': TT });
    await runCosting(ws, engine, quietOutput());
    const rows = await engine.all(
      `SELECT period, person_key, catalogue_code, method, volume, cost_minor FROM cost_person ORDER BY ALL`,
    );
    expect(rows).toEqual([
      {
        period: '2024-H1',
        person_key: personKey('A'),
        catalogue_code: 'SEL-112',
        method: 'record_amount',
        volume: '0.5000',
        cost_minor: 50_000n,
      },
      {
        period: '2024-H1',
        person_key: personKey('A'),
        catalogue_code: 'SEL-83-PP',
        method: 'kpb',
        volume: '20.0000',
        cost_minor: 200_000n,
      },
      {
        period: '2024-H1',
        person_key: personKey('B'),
        catalogue_code: 'SEL-83-PP',
        method: 'kpb',
        volume: '80.0000',
        cost_minor: 800_000n,
      },
      {
        period: '2024-H1',
        person_key: personKey('C'),
        catalogue_code: 'SEL-108',
        method: 'kpb',
        volume: '30.0000',
        cost_minor: 910_000n,
      },
      {
        period: '2024-H2',
        person_key: personKey('A'),
        catalogue_code: 'SEL-112',
        method: 'record_amount',
        volume: '0.5000',
        cost_minor: 50_001n,
      },
      {
        period: '2024-H2',
        person_key: personKey('A'),
        catalogue_code: 'SEL-83-PP',
        method: 'kpb',
        volume: '20.0000',
        cost_minor: 500_000n,
      },
      {
        period: '2024-H2',
        person_key: personKey('B'),
        catalogue_code: 'SEL-83-PP',
        method: 'kpb',
        volume: '60.0000',
        cost_minor: 1_500_000n,
      },
      {
        period: '2024-H2',
        person_key: personKey('C'),
        catalogue_code: 'SEL-108',
        method: 'kpb',
        volume: '184.0000',
        cost_minor: 920_000n,
      },
    ]);
    const units = await engine.all(
      `SELECT period, catalogue_code, unit_cost_minor FROM cost_unit WHERE method = 'kpb' ORDER BY ALL`,
    );
    expect(units).toEqual([
      { period: '2024-H1', catalogue_code: 'SEL-108', unit_cost_minor: '30333.3333' },
      { period: '2024-H1', catalogue_code: 'SEL-83-PP', unit_cost_minor: '10000.0000' },
      { period: '2024-H2', catalogue_code: 'SEL-108', unit_cost_minor: '5000.0000' },
      { period: '2024-H2', catalogue_code: 'SEL-83-PP', unit_cost_minor: '25000.0000' },
    ]);
    // the grant is not in the ledger here (its lines are excluded): reported as outside the ledger
    const outside = await engine.one(
      `SELECT sum(attributed_outside_ledger_minor) AS o FROM cost_reconciliation`,
    );
    expect(outside.o).toBe(100_001n);
  });
});
