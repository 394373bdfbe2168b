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

// volume.sql sums the rows that need no cutting straight to the grain and cuts the rest; a person's whole rows
// and cut pieces of the same grain must add up to one row, exactly as if every row had been cut.
describe('rows that need no cutting and cut pieces of the same grain', () => {
  it('add up per person, code and period to the øre', async () => {
    engine = await openMemoryWarehouse();
    await insertLedger(engine, [
      { period: '2024-H1', account: '5110', amount: 400_000n },
      { period: '2024-H2', account: '5110', amount: 3_000_000n },
      { period: '2024-H2', account: '5120', amount: 1_000_000n },
    ]);
    await insertServices(engine, [
      // A: 30 hours inside H2 (whole), and 40 hours over 20 days from 21 June (cut: 20 in H1, 20 in H2)
      {
        person: 'A',
        code: 'SEL-83-PP',
        unit: 'hour_granted',
        from: '2024-08-01',
        to: '2024-08-31',
        volume: '30',
      },
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
        from: '2024-09-01',
        to: '2024-09-30',
        volume: '100',
      },
      // days without a volume: C 10 days inside H2 (whole); D 14 days from 22 December, 10 of them in H2 (cut)
      { person: 'C', code: 'SEL-108', unit: 'day', from: '2024-07-01', to: '2024-07-10' },
      { person: 'D', code: 'SEL-108', unit: 'day', from: '2024-12-22', to: '2025-01-04' },
      // 20 days without a person, inside H2: weight in the unit cost, cost not attributable to anyone
      { person: null, code: 'SEL-108', unit: 'day', from: '2024-11-01', to: '2024-11-20' },
      // record amounts: E's grant on one day (whole), E's grant of 10.01 kr over 30 June–1 July (cut: 5.00 + 5.01),
      // F's grant without an amount (counted as missing)
      {
        person: 'E',
        code: 'SEL-112',
        unit: 'item',
        from: '2024-08-05',
        to: '2024-08-05',
        volume: '1',
        amount: 12_345n,
      },
      {
        person: 'E',
        code: 'SEL-112',
        unit: 'item',
        from: '2024-06-30',
        to: '2024-07-01',
        volume: '2',
        amount: 1_001n,
      },
      { person: 'F', code: 'SEL-112', unit: 'item', from: '2024-10-01', to: '2024-10-01', volume: '1' },
    ]);
    const ws = makeWorkspace(YAML, { 'tt.csv': TT });
    const summary = await runCosting(ws, engine, quietOutput());
    const rows = await engine.all(
      `SELECT period, person_key, catalogue_code, volume, cost_minor FROM cost_person ORDER BY ALL`,
    );
    const row = (period: string, p: string, code: string, volume: string, cost: bigint) => ({
      period,
      person_key: personKey(p),
      catalogue_code: code,
      volume,
      cost_minor: cost,
    });
    // in the query's order: period, then person (personKey keeps the names' order), then code
    expect(rows).toEqual([
      // H1: SEL-83-PP 400,000 / 20 h = 20,000 per hour
      row('2024-H1', 'A', 'SEL-83-PP', '20.0000', 400_000n),
      // ⌊1,001 × 1 / 2⌋ = 500
      row('2024-H1', 'E', 'SEL-112', '1.0000', 500n),
      // H2: SEL-83-PP 3,000,000 / (30 + 20 + 100 h) = 20,000 per hour; A 50 h (whole + cut) = 1,000,000
      row('2024-H2', 'A', 'SEL-83-PP', '50.0000', 1_000_000n),
      row('2024-H2', 'B', 'SEL-83-PP', '100.0000', 2_000_000n),
      // SEL-108 1,000,000 / (10 + 10 + 20 days) = 25,000 per day
      row('2024-H2', 'C', 'SEL-108', '10.0000', 250_000n),
      row('2024-H2', 'D', 'SEL-108', '10.0000', 250_000n),
      // 12,345 + (1,001 − 500) = 12,846 over 1 + 1 items
      row('2024-H2', 'E', 'SEL-112', '2.0000', 12_846n),
      row('2024-H2', 'F', 'SEL-112', '1.0000', 0n),
    ]);
    // the 20 days without a person: 20 × 25,000 = 500,000, not attributed to a person
    const unattributed = await engine.one<{ a: bigint }>(
      `SELECT sum(nonattributable_minor)::BIGINT AS a FROM cost_unit WHERE period = '2024-H2' AND catalogue_code = 'SEL-108'`,
    );
    expect(unattributed.a).toBe(500_000n);
    // the record amounts are outside the ledger: 500 + 12,846
    expect(summary.attributedOutsideLedgerMinor).toBe(13_346n);
    expect(summary.warnings.filter((w) => w.includes('SEL-112'))).toHaveLength(1);
  });
});
