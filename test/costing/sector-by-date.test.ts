import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { openMemoryWarehouse } from '../../src/model/warehouse.js';
import { runCosting } from '../../src/costing/index.js';
import { insertServices, makeWorkspace, quietOutput } from './helpers.js';
import { personKey } from '../helpers/person-key.js';

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

// No ledger: SUL-140 at a fixed price of 100 kr a day; one period over both calendar years.
const YAML = `
country: DK
currency: DKK
municipalities: ['851']
periods:
  - { id: 2026-27, from: 2026-01-01, to: 2027-12-31 }
pseudonymisation: { key_file: k }
catalogue: dk
costing:
  methods:
    - { codes: [SUL-140, SEL-83-PP], method: price, price: 100 }
`;

describe('sector by date (docs/costing.md "Sector by date")', () => {
  it('puts each day of a course crossing 2027-01-01 in the sector responsible on that day', async () => {
    engine = await openMemoryWarehouse();
    await insertServices(engine, [
      // genoptræning 2026-12-20 … 2027-01-10, registered municipal: 22 days,
      // 12 days (20–31 Dec) municipal → 12 × 100 kr = 1,200.00 kr; 10 days (1–10 Jan) regional → 1,000.00 kr
      { person: 'A', code: 'SUL-140', unit: 'day', from: '2026-12-20', to: '2027-01-10' },
      // a code that stays municipal keeps its registered sector, across the year too: 14 days → 1,400.00 kr
      { person: 'A', code: 'SEL-83-PP', unit: 'day', from: '2026-12-25', to: '2027-01-07' },
    ]);
    await runCosting(makeWorkspace(YAML), engine, quietOutput());
    const rows = await engine.all(
      `SELECT catalogue_code, sector, service_year, volume, cost_minor FROM cost_person
       WHERE person_key = ${personKey('A')} ORDER BY ALL`,
    );
    expect(rows).toEqual([
      // SEL-83-PP: 7 days in 2026 (25–31 Dec) = 700.00 kr, 7 in 2027 (1–7 Jan) = 700.00 kr, both municipal
      {
        catalogue_code: 'SEL-83-PP',
        sector: 'municipal',
        service_year: 2026,
        volume: '7.0000',
        cost_minor: 70_000n,
      },
      {
        catalogue_code: 'SEL-83-PP',
        sector: 'municipal',
        service_year: 2027,
        volume: '7.0000',
        cost_minor: 70_000n,
      },
      {
        catalogue_code: 'SUL-140',
        sector: 'municipal',
        service_year: 2026,
        volume: '12.0000',
        cost_minor: 120_000n,
      },
      {
        catalogue_code: 'SUL-140',
        sector: 'regional',
        service_year: 2027,
        volume: '10.0000',
        cost_minor: 100_000n,
      },
    ]);
  });
});
