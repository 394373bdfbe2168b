/** The worked example of docs/costing.md: three interventions plus purchased home care, two pools, ten persons. */
import type { Engine } from '../../src/engine/engine.js';
import { insertLedger, insertServices, makeWorkspace, TT_HEADER } from './helpers.js';

export const EXAMPLE_YAML = `
country: DK
currency: DKK
municipalities: ['851']
periods:
  - { id: '2024', from: 2024-01-01, to: 2024-12-31 }
pseudonymisation: { key_file: secrets/pseudonym.key }
catalogue: dk
costing:
  translation_table: translation.csv
  pools:
    - { id: ADM, kind: administration, key: direct_cost, targets: [SEL-83-PP@own, AEL-47, SEL-104] }
    - { id: HUS, kind: premises, key: floor_area, targets: [AEL-47, SEL-104], weights: { AEL-47: 900, SEL-104: 100 } }
  methods:
    - { codes: [SEL-83-PP], provider: external, method: price, price: 450 }
`;

export const EXAMPLE_TRANSLATION = `${TT_HEADER}
10,5000-5999,HJ,,,,intervention,SEL-83-PP,
10,4500,HJ,,,,intervention,SEL-83-PP@external,
10,5000-5999,PH,,,,intervention,AEL-47,
10,87*,PH,,,,intervention,AEL-47,
10,5000-5999,AK,,,,intervention,SEL-104,
20,88*,*,,,,excluded,,user_fee_not_deducted
10,*,ADM,,,,pool,ADM,
10,*,BYG,,,,pool,HUS,
10,*,CAFE,,,,nonattributable,open_cafe,
`;

export const exampleWorkspace = () => makeWorkspace(EXAMPLE_YAML, { 'translation.csv': EXAMPLE_TRANSLATION });

export async function loadExample(engine: Engine): Promise<void> {
  await insertLedger(engine, [
    { account: '5110', activity: 'HJ', amount: 100_000_000n },
    { account: '4500', activity: 'HJ', amount: 855_000n },
    { account: '5110', activity: 'PH', amount: 200_000_000n },
    { account: '8710', activity: 'PH', amount: -10_000_000n },
    { account: '8800', activity: 'PH', amount: -5_000_000n },
    { account: '5110', activity: 'AK', amount: 30_000_000n },
    { account: '5110', activity: 'ADM', amount: 16_500_000n },
    { account: '5700', activity: 'BYG', amount: 20_000_000n },
    { account: '5110', activity: 'CAFE', amount: 4_000_000n },
  ]);
  const pp = {
    code: 'SEL-83-PP',
    unit: 'hour_granted',
    department: 'Ældre og Handicap',
    law: 'Serviceloven § 83',
  };
  const ael = { code: 'AEL-47', unit: 'day', department: 'Ældre og Handicap', law: 'Ældreloven § 47' };
  const akt = { code: 'SEL-104', unit: 'day', department: 'Social', law: 'Serviceloven § 104' };
  await insertServices(engine, [
    { ...pp, person: 'P01', from: '2024-01-01', to: '2024-12-31', volume: '800' },
    { ...pp, person: 'P02', from: '2024-01-01', to: '2024-12-31', volume: '600' },
    { ...pp, person: 'P03', from: '2024-01-01', to: '2024-12-31', volume: '500' },
    { ...pp, person: 'P04', from: '2024-01-01', to: '2024-12-31', volume: '300' },
    { ...pp, person: 'P05', from: '2024-03-01', to: '2024-08-31', volume: '270' },
    { ...pp, person: 'P06', from: '2024-12-02', to: '2025-01-30', volume: '60' },
    { ...pp, person: 'P04', from: '2024-06-01', to: '2024-06-30', volume: '20', provider: 'external' },
    { ...ael, person: 'P07', from: '2024-01-01', to: '2024-12-31' },
    { ...ael, person: 'P08', from: '2024-05-12', to: '2024-12-31' },
    { ...ael, person: 'P09', from: '2024-01-01', to: '2024-04-09' },
    { ...akt, person: 'P01', from: '2024-01-01', to: '2024-12-31', volume: '100' },
    { ...akt, person: 'P05', from: '2024-01-01', to: '2024-12-31', volume: '100' },
    { ...akt, person: 'P10', from: '2024-01-01', to: '2024-12-31', volume: '100' },
    { ...akt, person: null, from: '2024-01-01', to: '2024-12-31', volume: '50' },
  ]);
}
