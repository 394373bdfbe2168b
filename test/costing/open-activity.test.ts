/** Open activities (öppen verksamhet): a share of the common costs, all of it non-attributable. */
import { afterEach, describe, expect, it } from 'vitest';
import { runCosting } from '../../src/costing/index.js';
import type { Engine } from '../../src/engine/engine.js';
import { UserError } from '../../src/errors.js';
import { openMemoryWarehouse } from '../../src/model/warehouse.js';
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
periods: [{ id: '2024', from: 2024-01-01, to: 2024-12-31 }]
pseudonymisation: { key_file: k }
catalogue: dk
costing:
  translation_table: tt.csv
  open_activities:
    - { id: open_cafe, volume: 50 }
  pools:
    - { id: ADM, kind: administration, key: direct_cost, targets: [SEL-104, open_cafe] }
    - { id: HUS, kind: premises, key: floor_area, targets: [SEL-104, open_cafe], weights: { SEL-104: 2, open_cafe: 1 } }
    - { id: VOL, kind: other, key: volume, targets: [SEL-104, open_cafe] }
`;
const TT = `${TT_HEADER}
10,*,AK,,,,intervention,SEL-104,
10,*,CAFE,,,,open_activity,open_cafe,
10,*,ADM,,,,pool,ADM,
10,*,BYG,,,,pool,HUS,
10,*,VOL,,,,pool,VOL,
`;

async function load(tt = TT) {
  engine = await openMemoryWarehouse();
  await insertLedger(engine, [
    { account: '5110', activity: 'AK', amount: 30_000_000n },
    { account: '5110', activity: 'CAFE', amount: 10_000_000n },
    { account: '5110', activity: 'ADM', amount: 4_000_000n },
    { account: '5700', activity: 'BYG', amount: 1_000_000n },
    { account: '5110', activity: 'VOL', amount: 70_000n },
  ]);
  await insertServices(engine, [
    { person: 'A', code: 'SEL-104', from: '2024-01-01', to: '2024-01-10', unit: 'day' },
    { person: 'B', code: 'SEL-104', from: '2024-02-01', to: '2024-02-10', unit: 'day' },
  ]);
  return runCosting(makeWorkspace(YAML, { 'tt.csv': tt }), engine, quietOutput());
}

describe('open activities', () => {
  it('take their share of each pool by its key and report all of it as non-attributable', async () => {
    const summary = await load();
    const e = engine!;
    // ADM by direct cost 30,000,000 : 10,000,000 → 3,000,000 : 1,000,000
    // HUS by floor area 2 : 1 → 666,666.67 : 333,333.33 → 666,667 : 333,333
    // VOL by volume 20 days : 50 → 20,000 : 50,000
    expect(
      await e.all(
        `SELECT pool, target_type, target, amount_minor FROM cost_pool_allocation ORDER BY pool, target`,
      ),
    ).toEqual([
      { pool: 'ADM', target_type: 'intervention', target: 'SEL-104', amount_minor: 3_000_000n },
      { pool: 'ADM', target_type: 'open_activity', target: 'open_cafe', amount_minor: 1_000_000n },
      { pool: 'HUS', target_type: 'intervention', target: 'SEL-104', amount_minor: 666_667n },
      { pool: 'HUS', target_type: 'open_activity', target: 'open_cafe', amount_minor: 333_333n },
      { pool: 'VOL', target_type: 'intervention', target: 'SEL-104', amount_minor: 20_000n },
      { pool: 'VOL', target_type: 'open_activity', target: 'open_cafe', amount_minor: 50_000n },
    ]);
    // the café: 10,000,000 + 1,000,000 + 333,333 + 50,000
    expect(
      await e.all(`SELECT reason, label, catalogue_code, amount_minor FROM cost_nonattributable`),
    ).toEqual([
      { reason: 'open_activity', label: 'open_cafe', catalogue_code: null, amount_minor: 11_383_333n },
    ]);
    // SEL-104: 30,000,000 + 3,000,000 + 666,667 + 20,000 = 33,686,667 over 10 + 10 days; the tie goes to A
    expect(await e.all(`SELECT person_key, cost_minor FROM cost_person ORDER BY 1`)).toEqual([
      { person_key: personKey('A'), cost_minor: 16_843_334n },
      { person_key: personKey('B'), cost_minor: 16_843_333n },
    ]);
    expect(
      await e.all(
        `SELECT target_type, target, ledger_minor, attributed_minor, nonattributable_minor, difference_minor
         FROM cost_reconciliation ORDER BY 1, 2`,
      ),
    ).toEqual([
      {
        target_type: 'intervention',
        target: 'SEL-104',
        ledger_minor: 30_000_000n,
        attributed_minor: 30_000_000n,
        nonattributable_minor: 0n,
        difference_minor: 0n,
      },
      {
        target_type: 'open_activity',
        target: 'open_cafe',
        ledger_minor: 10_000_000n,
        attributed_minor: 0n,
        nonattributable_minor: 10_000_000n,
        difference_minor: 0n,
      },
      {
        target_type: 'pool',
        target: 'ADM',
        ledger_minor: 4_000_000n,
        attributed_minor: 3_000_000n,
        nonattributable_minor: 1_000_000n,
        difference_minor: 0n,
      },
      {
        target_type: 'pool',
        target: 'HUS',
        ledger_minor: 1_000_000n,
        attributed_minor: 666_667n,
        nonattributable_minor: 333_333n,
        difference_minor: 0n,
      },
      {
        target_type: 'pool',
        target: 'VOL',
        ledger_minor: 70_000n,
        attributed_minor: 20_000n,
        nonattributable_minor: 50_000n,
        difference_minor: 0n,
      },
    ]);
    expect(summary.nonattributableMinor).toBe(11_383_333n);
    expect(summary.attributedMinor).toBe(33_686_667n);
    expect(summary.interventions).toBe(1);
  });

  it('names the file, line and column of a rule that sends to an undefined open activity', async () => {
    const err = await load(`${TT}10,*,XX,,,,open_activity,open_cafee,\n`).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toContain('Open activity "open_cafee" is not defined');
    expect((err as UserError).location).toMatchObject({ row: 7, column: 'target' });
  });

  it('refuses an unknown key in an open activity', () => {
    expect(() => makeWorkspace(YAML.replace('volume: 50', 'volum: 50'))).toThrow(/volum/);
  });
});
