/**
 * Ages per year of service (issue #12, item 6): a ten-year period as Synthea's history gives. Costing splits
 * each person's cost by calendar year of service (cost_person.service_year); mart_consumption counts the cost
 * of each year at the age on 1 January of that year, while the person-level marts keep one age per person
 * (the age at the start of the first year of service). Every figure below is computed by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAnalyses } from '../../src/analysis/index.js';
import { martTable } from '../../src/analysis/marts.js';
import { runCosting } from '../../src/costing/index.js';
import type { Engine } from '../../src/engine/engine.js';
import { openMemoryWarehouse } from '../../src/model/warehouse.js';
import { suppress } from '../../src/suppression/index.js';
import { insertLedger, insertServices, makeWorkspace, quietOutput, TT_HEADER } from '../costing/helpers.js';
import { personKey } from '../helpers/person-key.js';

const YAML = `
country: DK
currency: DKK
municipalities: ['851']
periods: [{ id: hist, from: 2015-01-01, to: 2024-12-31 }]
pseudonymisation: { key_file: k }
catalogue: dk
costing:
  translation_table: tt.csv
  methods:
    - { codes: [SEL-112], method: record_amount }
analysis:
  consumption_age_groups: [0, 18, 45, 65]
`;
const TT = `${TT_HEADER}\n10,5110,*,,,,intervention,SEL-83-PP,\n10,5130,*,,,,excluded,,aids_in_record\n`;

let engine: Engine;
beforeAll(async () => {
  engine = await openMemoryWarehouse();
  // X born June 1974: 40 on 1 January 2015 (year 1), 44 in 2019, 45 in 2020, 49 in 2024 (year 10).
  // Y born June 1990: 24 in 2015, 25 in 2016.
  await engine.append(
    'person',
    ['person_key', 'pseudonym', 'birth_year', 'birth_month', 'sex', 'country', 'id_scheme'],
    [
      [personKey('X'), 'X', 1974, 6, 'F', 'DK', 'opaque'],
      [personKey('Y'), 'Y', 1990, 6, 'M', 'DK', 'opaque'],
    ],
  );
  await insertLedger(engine, [{ period: 'hist', account: '5110', amount: 100_000n }]);
  await insertServices(engine, [
    // record amounts (SEL-112, one item each): 1,000.00 kr in year 1 and 2,500.00 kr in year 10
    {
      person: 'X',
      code: 'SEL-112',
      unit: 'item',
      from: '2015-03-02',
      to: '2015-03-02',
      volume: '1',
      amount: 100_000n,
    },
    {
      person: 'X',
      code: 'SEL-112',
      unit: 'item',
      from: '2024-03-04',
      to: '2024-03-04',
      volume: '1',
      amount: 250_000n,
    },
    // 300.01 kr over 30 days, 15 in December 2019 and 15 in January 2020:
    // 2019 gets ⌊30,001 × 15 / 30⌋ = 15,000, 2020 gets 30,001 − 15,000 = 15,001
    {
      person: 'X',
      code: 'SEL-112',
      unit: 'item',
      from: '2019-12-17',
      to: '2020-01-15',
      volume: '1',
      amount: 30_001n,
    },
    {
      person: 'Y',
      code: 'SEL-112',
      unit: 'item',
      from: '2015-04-01',
      to: '2015-04-01',
      volume: '1',
      amount: 50_000n,
    },
    // KPB: the ledger's 1,000.00 kr for 30 + 10 hours: X 30/40 → 75,000, Y 10/40 → 25,000.
    // X's 17 days: 7 in 2019 (25–31 December), 10 in 2020: 75,000 × 7/17 = 30,882.35 → 30,882 and
    // 75,000 × 10/17 = 44,117.65 → 44,117 + the øre left over (largest remainder) = 44,118;
    // hours 30 × 7/17 = 12.35294 → 12.3529 and 30 × 10/17 = 17.64706 → 17.6470 + 0.0001 = 17.6471
    {
      person: 'X',
      code: 'SEL-83-PP',
      unit: 'hour_granted',
      from: '2019-12-25',
      to: '2020-01-10',
      volume: '30',
    },
    {
      person: 'Y',
      code: 'SEL-83-PP',
      unit: 'hour_granted',
      from: '2016-05-01',
      to: '2016-05-31',
      volume: '10',
    },
  ]);
  const ws = makeWorkspace(YAML, { 'tt.csv': TT });
  await runCosting(ws, engine, quietOutput());
  await runAnalyses(ws, engine, quietOutput());
});
afterAll(() => engine.close());

const num = (v: unknown) => (v === null ? null : Number(v));

describe('ages per year of service in a period of ten years', () => {
  it('cost_person splits each row by calendar year of service, the parts adding up to the row', async () => {
    const rows = await engine.all(
      `SELECT person_key, catalogue_code, service_year, volume, cost_minor FROM cost_person ORDER BY ALL`,
    );
    expect(
      rows.map((r) => [
        r.person_key,
        r.catalogue_code,
        num(r.service_year),
        num(r.volume),
        num(r.cost_minor),
      ]),
    ).toEqual([
      // SEL-112 volume: 1 item a row, the 30-day row split 15/30 and 15/30 → 0.5 and 0.5
      [personKey('X'), 'SEL-112', 2015, 1, 100_000],
      [personKey('X'), 'SEL-112', 2019, 0.5, 15_000],
      [personKey('X'), 'SEL-112', 2020, 0.5, 15_001],
      [personKey('X'), 'SEL-112', 2024, 1, 250_000],
      [personKey('X'), 'SEL-83-PP', 2019, 12.3529, 30_882],
      [personKey('X'), 'SEL-83-PP', 2020, 17.6471, 44_118],
      [personKey('Y'), 'SEL-112', 2015, 1, 50_000],
      [personKey('Y'), 'SEL-83-PP', 2016, 10, 25_000],
    ]);
  });

  it('mart_consumption counts each year at the age on 1 January of that year; the total counts X once', async () => {
    const rows = await engine.all(
      `SELECT age_group, persons, cost_minor, per_user_minor FROM mart_consumption ORDER BY age_from`,
    );
    expect(rows.map((r) => [r.age_group, num(r.persons), num(r.cost_minor), num(r.per_user_minor)])).toEqual([
      // all: X 455,001 (380,001 record + 75,000 KPB) and Y 75,000 = 530,001 for 2 persons;
      // 530,001 / 2 = 265,000.5 → 265,001 (half up)
      ['*', 2, 530_001, 265_001],
      // 18-44: X in 2015 (40) 100,000 and 2019 (44) 15,000 + 30,882; Y (24, 25) 50,000 + 25,000
      //   = 145,882 + 75,000 = 220,882 for 2 persons → 110,441 per user
      ['18-44', 2, 220_882, 110_441],
      // 45-64: X in 2020 (45) 15,001 + 44,118 and 2024 (49) 250,000 = 309,119 for 1 person
      ['45-64', 1, 309_119, 309_119],
    ]);
  });

  it('counts the persons who aged across a group limit: X (40…49) left 18-44 for 45-64, Y (24…25) stayed', async () => {
    const rows = await engine.all(
      `SELECT age_group, aged_in, aged_out FROM mart_consumption ORDER BY age_from`,
    );
    expect(rows.map((r) => [r.age_group, num(r.aged_in), num(r.aged_out)])).toEqual([
      ['*', 0, 0],
      ['18-44', 0, 1],
      ['45-64', 1, 0],
    ]);
  });

  it('hides a group that differs from the same ages of a person-level mart by fewer than the threshold', () => {
    // 45-64 holds 8 persons, but 2 of them aged into it: the group less the person-level 45-64 is the cost
    // of those 2 in their later years; 18-44 lost the same 2. Both hidden; 65+ (0 crossed) stays: the two
    // hidden groups together rest on 28 persons, so total − 65+ gives away nothing small.
    const def = martTable('mart_consumption');
    const cells = (
      age_group: string,
      age_from: number,
      persons: number,
      aged_in: number,
      aged_out: number,
    ) => ({
      period: 'hist',
      municipality: '851',
      age_group,
      age_from,
      persons,
      cost_minor: 1_000 * persons,
      inhabitants: null,
      per_user_minor: null,
      per_inhabitant_minor: null,
      aged_in,
      aged_out,
    });
    const published = suppress(
      {
        id: def.mart,
        columns: def.columns,
        persons: def.persons,
        dimensions: def.dimensions!,
        rows: [
          cells('*', -1, 40, 0, 0),
          cells('18-44', 18, 20, 0, 2),
          cells('45-64', 45, 8, 2, 0),
          cells('65+', 65, 12, 0, 0),
        ],
      },
      5,
    );
    expect(published.rows.map((r) => [r.cells.age_group, r.hidden])).toEqual([
      ['*', null],
      ['18-44', 'small'],
      ['45-64', 'small'],
      ['65+', null],
    ]);
  });

  it('the person-level marts keep one age per person: the age at the start of the first year of service', async () => {
    const ages = await engine.all(`SELECT person_key, age FROM an_person ORDER BY person_key`);
    expect(ages.map((r) => [r.person_key, num(r.age)])).toEqual([
      [personKey('X'), 40],
      [personKey('Y'), 24],
    ]);
    // age bands 0-17, 18-29, 30-49, …: X (40) in 30-49 with the whole 455,001, Y (24) in 18-29 with 75,000
    const bands = await engine.all(
      `SELECT grp, persons, cost_minor FROM mart_concentration WHERE grp <> 'all' ORDER BY grp`,
    );
    expect(bands.map((r) => [r.grp, num(r.persons), num(r.cost_minor)])).toEqual([
      ['18-29', 1, 75_000],
      ['30-49', 1, 455_001],
    ]);
  });

  it('suppression does not take the age groups to add up when one person counts in two', () => {
    // The same 3 persons crossed from 21-64 into 65+ (3 in each group, both small), 10 others are in 0-20:
    // 13 persons in all, but the groups' persons add up to 16. Were the groups taken to add up (as they do
    // when the total is 16), the two hidden groups would rest on 3 + 3 = 6 ≥ 5 persons and 0-20 could stay
    // visible, so total − 0-20 = the hidden groups' cost would be the cost of 3 persons. Taken as not adding
    // up, the hidden groups rest on at least max(3, 3) = 3 < 5 persons: 0-20 is hidden too.
    const def = martTable('mart_consumption');
    const row = (age_group: string, age_from: number, persons: number, cost_minor: number) => ({
      period: 'hist',
      municipality: '851',
      age_group,
      age_from,
      persons,
      cost_minor,
      inhabitants: null,
      per_user_minor: null,
      per_inhabitant_minor: null,
      aged_in: 0,
      aged_out: 0,
    });
    const hidden = (total: number) =>
      suppress(
        {
          id: def.mart,
          columns: def.columns,
          persons: def.persons,
          dimensions: def.dimensions!,
          rows: [
            row('*', -1, total, 100_000),
            row('0-20', 0, 10, 60_000),
            row('21-64', 21, 3, 15_000),
            row('65+', 65, 3, 25_000),
          ],
        },
        5,
      ).rows.map((r) => [r.cells.age_group, r.hidden]);
    expect(hidden(13)).toEqual([
      ['*', null],
      ['0-20', 'secondary'],
      ['21-64', 'small'],
      ['65+', 'small'],
    ]);
    // six different persons in the two small groups: 0-20 may stay
    expect(hidden(16)).toEqual([
      ['*', null],
      ['0-20', null],
      ['21-64', 'small'],
      ['65+', 'small'],
    ]);
  });
});
