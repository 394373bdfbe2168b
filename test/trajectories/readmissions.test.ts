import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runTrajectories } from '../../src/trajectories/index.js';
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
const run = (w = ws) => runTrajectories(w, wh.engine, quietOutput(), { until: 'readmissions' });
const index = (person: string) =>
  wh.engine.all(
    `SELECT CAST(discharge_time AS DATE) AS discharged, excluded_reason, counted, readmitted, days_to_readmission,
            crude_counted, crude_readmitted
     FROM readmission WHERE person_key = $p ORDER BY admit_time`,
    { p: personKey(person) },
  );

describe('30-day acute readmissions', () => {
  it('counts a readmission 29 days after discharge and not one 31 days after', async () => {
    await wh.person('p7', 1950, 1);
    await wh.person('p8', 1950, 1);
    await wh.contact({ id: 'a', person: 'p7', admit: '2024-07-29 08:00', discharge: '2024-08-01 12:00' });
    await wh.contact({ id: 'b', person: 'p7', admit: '2024-08-30 08:00', discharge: '2024-09-02 12:00' });
    await wh.contact({ id: 'c', person: 'p8', admit: '2024-07-29 08:00', discharge: '2024-08-01 12:00' });
    await wh.contact({ id: 'd', person: 'p8', admit: '2024-09-01 08:00', discharge: '2024-09-03 12:00' });
    await run();
    expect((await index('p7'))[0]).toMatchObject({ readmitted: true, days_to_readmission: 29n });
    expect((await index('p8'))[0]).toMatchObject({
      readmitted: false,
      days_to_readmission: null,
      counted: true,
    });
  });

  it('counts the 30th day and not the 31st', async () => {
    await wh.person('p', 1950, 1);
    await wh.contact({ id: 'a', person: 'p', admit: '2024-02-28 08:00', discharge: '2024-03-01 12:00' });
    await wh.contact({ id: 'b', person: 'p', admit: '2024-03-31 08:00', discharge: '2024-04-02 12:00' }); // day 30
    await run();
    expect((await index('p'))[0]).toMatchObject({ readmitted: true, days_to_readmission: 30n });
  });

  it('does not count a planned readmission, but the acute one after it within 30 days', async () => {
    await wh.person('p5', 1950, 1);
    await wh.contact({ id: 'a', person: 'p5', admit: '2024-02-01 08:00', discharge: '2024-02-03 12:00' });
    await wh.contact({
      id: 'b',
      person: 'p5',
      admit: '2024-02-10 08:00',
      discharge: '2024-02-12 12:00',
      acute: false,
    });
    await run();
    expect((await index('p5'))[0]).toMatchObject({ readmitted: false, crude_readmitted: false });
    await wh.contact({ id: 'c', person: 'p5', admit: '2024-02-20 08:00', discharge: '2024-02-22 12:00' });
    await run();
    // the first index (discharged 3 Feb) is readmitted on 20 Feb (17 days); the planned stay too (8 days)
    expect((await index('p5')).map((r) => [r.readmitted, r.days_to_readmission])).toEqual([
      [true, 17n],
      [true, 8n],
      [false, null],
    ]);
  });

  it('ignores an outpatient visit (under 12 h) as index and as readmission', async () => {
    await wh.person('p', 1950, 1);
    await wh.contact({ id: 'a', person: 'p', admit: '2024-02-01 08:00', discharge: '2024-02-03 12:00' });
    await wh.contact({ id: 'b', person: 'p', admit: '2024-02-10 08:00', discharge: '2024-02-10 10:00' });
    await run();
    const rows = await index('p');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ readmitted: false });
  });

  it('excludes a readmission with a cancer diagnosis, and an index with one; the crude version counts both', async () => {
    await wh.person('p6', 1950, 1);
    await wh.contact({ id: 'a', person: 'p6', admit: '2024-07-01 08:00', discharge: '2024-07-03 12:00' });
    await wh.contact({
      id: 'b',
      person: 'p6',
      admit: '2024-07-10 08:00',
      discharge: '2024-07-12 12:00',
      diagnosis: 'DC509',
    });
    await wh.contact({ id: 'c', person: 'p6', admit: '2024-07-20 08:00', discharge: '2024-07-22 12:00' });
    await run();
    expect(await index('p6')).toEqual([
      // the next acute admission that is not excluded comes on 20 July: 17 days
      {
        discharged: '2024-07-03',
        excluded_reason: null,
        counted: true,
        readmitted: true,
        days_to_readmission: 17n,
        crude_counted: true,
        crude_readmitted: true,
      },
      {
        discharged: '2024-07-12',
        excluded_reason: 'diagnosis:cancer',
        counted: false,
        readmitted: false,
        days_to_readmission: 8n,
        crude_counted: true,
        crude_readmitted: true,
      },
      {
        discharged: '2024-07-22',
        excluded_reason: null,
        counted: true,
        readmitted: false,
        days_to_readmission: null,
        crude_counted: true,
        crude_readmitted: false,
      },
    ]);
  });

  it('reads plain ICD-10 codes and range patterns (suicide attempt DX60-DX84)', async () => {
    await wh.person('p', 1950, 1);
    await wh.contact({
      id: 'a',
      person: 'p',
      admit: '2024-07-01 08:00',
      discharge: '2024-07-03 12:00',
      diagnosis: 'X64.1',
    });
    await wh.contact({
      id: 'b',
      person: 'p',
      admit: '2024-08-01 08:00',
      discharge: '2024-08-03 12:00',
      diagnosis: 'C50.9',
    });
    await wh.contact({
      id: 'c',
      person: 'p',
      admit: '2024-09-01 08:00',
      discharge: '2024-09-03 12:00',
      diagnosis: 'DX85',
    });
    await run();
    expect((await index('p')).map((r) => r.excluded_reason)).toEqual([
      'diagnosis:suicide_attempt',
      'diagnosis:cancer',
      'diagnosis:violence',
    ]);
  });

  it('a configured exclusion list replaces the national one', async () => {
    await wh.person('p', 1950, 1);
    await wh.contact({
      id: 'a',
      person: 'p',
      admit: '2024-07-01 08:00',
      discharge: '2024-07-03 12:00',
      diagnosis: 'DC509',
    });
    await run(workspace(`data_end: '2025-12-31'\nexclusions:\n  - { group: copd, diagnoses: [DJ44] }`));
    expect((await index('p'))[0]).toMatchObject({ excluded_reason: null });
  });

  it('counts psychiatric readmissions within psychiatry only with readmission_scope: all', async () => {
    await wh.person('p', 1950, 1);
    await wh.contact({
      id: 'a',
      person: 'p',
      admit: '2024-07-01 08:00',
      discharge: '2024-07-03 12:00',
      psychiatric: true,
    });
    await wh.contact({ id: 'b', person: 'p', admit: '2024-07-10 08:00', discharge: '2024-07-12 12:00' });
    await wh.contact({
      id: 'c',
      person: 'p',
      admit: '2024-07-20 08:00',
      discharge: '2024-07-22 12:00',
      psychiatric: true,
    });
    await run();
    // somatic scope: the one somatic admission, not readmitted (the psychiatric stay does not count)
    expect((await index('p')).map((r) => r.readmitted)).toEqual([false]);
    await run(workspace(`data_end: '2025-12-31'\nreadmission_scope: all`));
    // psychiatric 3 July → psychiatric 20 July: 17 days; the somatic stay in between is another kind
    expect((await index('p')).map((r) => [r.discharged, r.readmitted])).toEqual([
      ['2024-07-03', true],
      ['2024-07-12', false],
      ['2024-07-22', false],
    ]);
  });

  it('excludes an index admission that ends in death', async () => {
    await wh.person('p4', 1950, 1);
    await wh.contact({
      id: 'a',
      person: 'p4',
      admit: '2024-06-01 08:00',
      discharge: '2024-06-05 08:00',
      status: 'dead',
    });
    await run();
    expect((await index('p4'))[0]).toMatchObject({
      excluded_reason: 'death',
      counted: false,
      crude_counted: false,
    });
  });

  it('does not count an index discharged less than 30 days before the end of the data', async () => {
    await wh.person('p', 1950, 1);
    await wh.contact({ id: 'a', person: 'p', admit: '2025-11-28 08:00', discharge: '2025-12-01 08:00' });
    await wh.contact({
      id: 'b',
      person: 'p',
      admit: '2025-11-25 08:00',
      discharge: '2025-11-26 08:00',
      acute: false,
    });
    await run();
    // 26 Nov + 30 = 26 Dec ≤ 31 Dec and 1 Dec + 30 = 31 Dec: both counted; a discharge on 2 Dec is not
    expect((await index('p')).map((r) => r.excluded_reason)).toEqual([null, null]);
    await wh.contact({ id: 'c', person: 'p', admit: '2025-12-01 09:00', discharge: '2025-12-02 09:00' });
    await run();
    const rows = await index('p');
    expect(rows.at(-1)).toMatchObject({
      discharged: '2025-12-02',
      excluded_reason: 'end_of_data',
      counted: false,
    });
  });

  it('takes the end of data from the latest discharge when not configured', async () => {
    await wh.person('p', 1950, 1);
    await wh.contact({ id: 'a', person: 'p', admit: '2024-04-29 08:00', discharge: '2024-05-01 08:00' });
    await wh.contact({
      id: 'b',
      person: 'p',
      admit: '2024-06-20 08:00',
      discharge: '2024-06-22 08:00',
      acute: false,
    });
    const summary = await run(workspace(`{}`));
    expect(summary.data_end).toBe('2024-06-22');
    expect((await index('p')).map((r) => r.excluded_reason)).toEqual([null, 'end_of_data']);
  });

  it('counts a readmission seen before the year-end data end; censors only indexes whose outcome is unknown', async () => {
    // data_end defaults to the latest discharge: 31 Dec 2024 (b's discharge)
    await wh.person('p', 1950, 1);
    await wh.person('q', 1950, 1);
    await wh.contact({ id: 'a', person: 'p', admit: '2024-12-01 08:00', discharge: '2024-12-05 12:00' });
    await wh.contact({ id: 'b', person: 'p', admit: '2024-12-20 08:00', discharge: '2024-12-31 10:00' });
    await wh.contact({ id: 'c', person: 'q', admit: '2024-12-08 08:00', discharge: '2024-12-10 12:00' });
    // q: an acute readmission with a cancer diagnosis seen on 15 Dec: the adjusted outcome is unknown,
    // the crude outcome (no diagnosis exclusions) is seen
    await wh.contact({
      id: 'd',
      person: 'q',
      admit: '2024-12-15 08:00',
      discharge: '2024-12-16 12:00',
      diagnosis: 'DC509',
    });
    const summary = await run(workspace(`{}`));
    expect(summary.data_end).toBe('2024-12-31');
    // a: 5 Dec + 30 = 4 Jan 2025 > 31 Dec, but readmitted on 20 Dec (15 days): outcome known, counted
    // b: 31 Dec + 30 = 30 Jan 2025, no readmission seen: unknown, censored
    expect(await index('p')).toEqual([
      {
        discharged: '2024-12-05',
        excluded_reason: null,
        counted: true,
        readmitted: true,
        days_to_readmission: 15n,
        crude_counted: true,
        crude_readmitted: true,
      },
      {
        discharged: '2024-12-31',
        excluded_reason: 'end_of_data',
        counted: false,
        readmitted: false,
        days_to_readmission: null,
        crude_counted: false,
        crude_readmitted: false,
      },
    ]);
    // c: 10 Dec + 30 = 9 Jan 2025; no valid readmission seen (d is excluded): censored for the adjusted
    // rate; the crude rate sees d 5 days later. d itself: 16 Dec + 30 = 15 Jan 2025, nothing seen.
    expect(await index('q')).toEqual([
      {
        discharged: '2024-12-10',
        excluded_reason: 'end_of_data',
        counted: false,
        readmitted: false,
        days_to_readmission: null,
        crude_counted: true,
        crude_readmitted: true,
      },
      {
        discharged: '2024-12-16',
        excluded_reason: 'end_of_data',
        counted: false,
        readmitted: false,
        days_to_readmission: null,
        crude_counted: false,
        crude_readmitted: false,
      },
    ]);
    // 2024: adjusted 1 index (a), 1 readmitted; crude 2 (a, c), 2 readmitted
    expect(summary.readmission).toMatchObject({
      index_stays: 1,
      readmissions: 1,
      crude_index_stays: 2,
      crude_readmissions: 2,
      excluded: { end_of_data: 3 },
    });
  });

  it('rates by municipality, age band and sex, with crude rates and direct standardisation', async () => {
    // two women 70 (2 index, 1 readmitted) and two men 30 (2 index, 0 readmitted) in 851
    for (const [k, y, s] of [
      ['w1', 1954, 'F'],
      ['w2', 1954, 'F'],
      ['m1', 1994, 'M'],
      ['m2', 1994, 'M'],
    ] as const)
      await wh.person(k, y, 1, s);
    await wh.contact({ id: '1', person: 'w1', admit: '2024-03-01 08:00', discharge: '2024-03-03 08:00' });
    await wh.contact({
      id: '2',
      person: 'w1',
      admit: '2024-03-10 08:00',
      discharge: '2024-03-12 08:00',
      diagnosis: 'DC50',
    });
    await wh.contact({ id: '3', person: 'w2', admit: '2024-03-01 08:00', discharge: '2024-03-03 08:00' });
    await wh.contact({ id: '4', person: 'w2', admit: '2024-03-20 08:00', discharge: '2024-03-22 08:00' });
    await wh.contact({ id: '5', person: 'm1', admit: '2024-03-01 08:00', discharge: '2024-03-03 08:00' });
    await wh.contact({ id: '6', person: 'm2', admit: '2024-03-01 08:00', discharge: '2024-03-03 08:00' });
    // reference population: 100 women 65-79 and 300 men 18-64
    await wh.population('851', 2024, 70, 'F', 100);
    await wh.population('851', 2024, 30, 'M', 300);
    await run(
      workspace(`data_end: '2025-12-31'\nstandardisation: { year: 2024 }\nclusters: { Nord: ['851'] }`),
    );
    const rates = await wh.engine.all(
      `SELECT level, grp, index_stays, readmissions, rate_pct, crude_index_stays, crude_readmissions, crude_rate_pct,
              standardised_rate_pct
       FROM readmission_rate WHERE period = '2024' ORDER BY level, grp`,
    );
    // index stays: w1 first (crude: readmitted by the cancer stay), w1 cancer stay (excluded), w2 first (readmitted, 17 d),
    // w2 second, m1, m2. Counted: 5 (w1a, w2a, w2b, m1, m2), readmitted 1 (w2a). Crude: 6, readmitted 2 (w1a, w2a).
    const byKey = Object.fromEntries(rates.map((r) => [`${r.level}:${r.grp}`, r]));
    expect(byKey['total:all']).toMatchObject({
      index_stays: 5n,
      readmissions: 1n,
      crude_index_stays: 6n,
      crude_readmissions: 2n,
    });
    expect(Number(byKey['total:all']!.rate_pct)).toBe(20);
    expect(Number(byKey['total:all']!.crude_rate_pct)).toBeCloseTo(33.33, 2);
    expect(byKey['cluster:Nord']).toMatchObject({ index_stays: 5n, readmissions: 1n });
    expect(byKey['municipality:851']).toMatchObject({ index_stays: 5n, readmissions: 1n });
    expect(byKey['sex:F']).toMatchObject({ index_stays: 3n, readmissions: 1n });
    expect(byKey['age_band:18-64']).toMatchObject({ index_stays: 2n, readmissions: 0n });
    // standardised: women 65-79 rate 1/3 weight 100, men 18-64 rate 0 weight 300 → 100·(1/3)/400 = 8.33 %
    expect(Number(byKey['total:all']!.standardised_rate_pct)).toBeCloseTo(8.33, 2);
    // within one stratum the standardised rate is the stratum's own rate
    expect(Number(byKey['sex:F']!.standardised_rate_pct)).toBeCloseTo(33.33, 2);
  });
});
