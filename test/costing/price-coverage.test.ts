/**
 * Price lists against the priced days: a list whose prices follow on from each other is checked by the
 * span alone (src/costing/volume.ts, pricesCoverAll); a gap, an overlap or a day outside the span sends
 * the run to the full check, which stops with the first such day.
 */
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

// No ledger: SEL-83-PP by the price list, one period.
const YAML = `
country: DK
currency: DKK
municipalities: ['851']
periods:
  - { id: '2024', from: 2024-01-01, to: 2024-12-31 }
pseudonymisation: { key_file: k }
catalogue: dk
costing:
  methods:
    - { codes: [SEL-83-PP], method: price, price_list: prices.csv }
`;
const HEADER = 'catalogue_code,unit,price,valid_from,valid_to';

/** Cost SEL-83-PP for A: 10 hours granted 2024-06-21 … 2024-07-10 (20 days, 10 in June and 10 in July). */
async function cost(prices: string) {
  engine = await openMemoryWarehouse();
  await insertServices(engine, [
    {
      person: 'A',
      code: 'SEL-83-PP',
      unit: 'hour_granted',
      from: '2024-06-21',
      to: '2024-07-10',
      volume: '10',
    },
  ]);
  await runCosting(makeWorkspace(YAML, { 'prices.csv': `${HEADER}\n${prices}\n` }), engine, quietOutput());
  return engine.all(`SELECT volume, cost_minor FROM cost_person WHERE person_key = ${personKey('A')}`);
}

describe('price lists against the priced days', () => {
  it('costs a service across two prices that follow on: 5 h × 400 kr + 5 h × 500 kr', async () => {
    // June 10 days → 5 h × 400.00 kr = 2,000.00 kr; July 10 days → 5 h × 500.00 kr = 2,500.00 kr
    const rows = await cost(
      ['SEL-83-PP,,400.00,2024-01-01,2024-06-30', 'SEL-83-PP,,500.00,2024-07-01,2024-12-31'].join('\n'),
    );
    expect(rows).toEqual([{ volume: '10.0000', cost_minor: 450_000n }]);
  });

  it('takes the price of the service’s unit; a price of another unit does not apply', async () => {
    // hour_granted: 300.00 kr for the whole year → 10 h × 300.00 kr = 3,000.00 kr; the visit price
    // (first half only) is another unit's and leaves no gap for hours
    const rows = await cost(
      [
        'SEL-83-PP,hour_granted,300.00,2024-01-01,2024-12-31',
        'SEL-83-PP,visit,900.00,2024-01-01,2024-06-30',
      ].join('\n'),
    );
    expect(rows).toEqual([{ volume: '10.0000', cost_minor: 300_000n }]);
  });

  it('counts a price without a unit beside the unit’s own as two prices for the same days', async () => {
    await expect(
      cost(
        [
          'SEL-83-PP,hour_granted,300.00,2024-01-01,2024-12-31',
          'SEL-83-PP,,900.00,2024-01-01,2024-06-30',
        ].join('\n'),
      ),
    ).rejects.toThrow(/overlap/i);
  });

  it('stops at the first day without a price (a gap inside the list)', async () => {
    // no price 2024-07-01 … 2024-07-04: the July piece (from 2024-07-01) is short of 4 days
    await expect(
      cost(['SEL-83-PP,,400.00,2024-01-01,2024-06-30', 'SEL-83-PP,,500.00,2024-07-05,2024-12-31'].join('\n')),
    ).rejects.toThrow(/SEL-83-PP.*2024-06-21/);
  });

  it('stops where the service runs past the list (a day outside its span)', async () => {
    // the prices end 2024-06-30; the service runs to 2024-07-10
    await expect(cost('SEL-83-PP,,400.00,2024-01-01,2024-06-30')).rejects.toThrow(/SEL-83-PP/);
  });

  it('stops on overlapping prices, naming them as such', async () => {
    // 2024-06-25 … 2024-06-30 has two prices
    await expect(
      cost(['SEL-83-PP,,400.00,2024-01-01,2024-06-30', 'SEL-83-PP,,500.00,2024-06-25,2024-12-31'].join('\n')),
    ).rejects.toThrow(/overlap/i);
  });
});
