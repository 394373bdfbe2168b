import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { personTimeline, runTrajectories } from '../../src/trajectories/index.js';
import { quietOutput, Warehouse, workspace } from './fixture.js';
import { personKey } from '../helpers/person-key.js';

let wh: Warehouse;
beforeEach(async () => {
  wh = await Warehouse.open();
  // four citizens aged 74 in 2024 in municipality 851
  for (const k of ['t1', 't2', 't3', 't4']) await wh.person(k, 1950, 1);
  const adm = (id: string, p: string, a: string, d: string, status = 'home') =>
    wh.contact({ id, person: p, admit: `${a} 08:00`, discharge: `${d} 12:00`, status });
  await adm('1', 't1', '2024-03-01', '2024-03-04');
  await adm('2', 't2', '2024-03-01', '2024-03-04');
  await adm('3a', 't3', '2024-03-01', '2024-03-04');
  await adm('3b', 't3', '2024-03-15', '2024-03-17');
  await adm('4', 't4', '2024-03-01', '2024-03-04', 'dead');
  await adm('5', 't1', '2025-02-01', '2025-02-03');
  await wh.service('t1', 'SEL-83-PP', '2024-03-06', null); // home care 2 days after discharge
  await wh.service('t2', 'SUL-140', '2024-03-20', '2024-04-20', 'visit'); // 16 days: after the 14-day window
  await wh.service('t2', 'SUL-140', '2024-02-01', null, 'visit'); // a single visit before admission
  await wh.service('t3', 'SUL-138', '2024-01-01', null); // home nursing running since January
  for (const c of ['copd', 'diabetes'])
    await wh.engine.exec(
      `INSERT INTO person_attribute VALUES (1, ${personKey('t3')}, 'chronic_condition', $c, DATE '2020-01-01', NULL)`,
      {
        c,
      },
    );
  await wh.population('851', 2024, 70, 'F', 1000);
  await wh.population('851', 2024, 30, 'M', 3000);
  await wh.population('849', 2024, 70, 'F', 1000);
  await wh.population('851', 2025, 70, 'F', 1000);
  await wh.population('851', 2025, 30, 'M', 3000);
});
afterEach(async () => {
  await wh.engine.close();
});

const ws = workspace(`data_end: '2025-12-31'
clusters: { Nord: ['851', '849'] }
targets: { admissions_per_1000_65plus: 3, home_care_after_discharge_pct: 20 }`);

describe('transitions from hospital to municipal care', () => {
  it('finds the first municipal service within the follow-up window', async () => {
    await runTrajectories(ws, wh.engine, quietOutput());
    const rows = await wh.engine.all(
      `SELECT person_key, CAST(discharge_date AS VARCHAR) AS discharged, follow_up, first_service_kind,
              days_to_first_service, continuing_service, home_care, older_multimorbid, readmitted
       FROM transition WHERE period = '2024' ORDER BY person_key, discharge_date`,
    );
    expect(rows).toEqual([
      {
        person_key: personKey('t1'),
        discharged: '2024-03-04',
        follow_up: true,
        first_service_kind: 'home_care',
        days_to_first_service: 2n,
        continuing_service: false,
        home_care: true,
        older_multimorbid: false,
        readmitted: false,
      },
      {
        person_key: personKey('t2'),
        discharged: '2024-03-04',
        follow_up: false,
        first_service_kind: null,
        days_to_first_service: null,
        continuing_service: false,
        home_care: false,
        older_multimorbid: false,
        readmitted: false,
      },
      {
        person_key: personKey('t3'),
        discharged: '2024-03-04',
        follow_up: true,
        first_service_kind: 'home_nursing',
        days_to_first_service: 0n,
        continuing_service: true,
        home_care: false,
        older_multimorbid: true,
        readmitted: true,
      },
      {
        person_key: personKey('t3'),
        discharged: '2024-03-17',
        follow_up: true,
        first_service_kind: 'home_nursing',
        days_to_first_service: 0n,
        continuing_service: true,
        home_care: false,
        older_multimorbid: true,
        readmitted: false,
      },
    ]); // t4 died: no transition
    const summary = await wh.engine.all(
      `SELECT cohort, follow_up, discharges, index_stays, readmissions, CAST(readmission_rate_pct AS DOUBLE) AS rate
       FROM transition_summary WHERE period = '2024' ORDER BY cohort, follow_up`,
    );
    expect(summary).toEqual([
      { cohort: 'all', follow_up: false, discharges: 1n, index_stays: 1n, readmissions: 0n, rate: 0 },
      { cohort: 'all', follow_up: true, discharges: 3n, index_stays: 3n, readmissions: 1n, rate: 33.33 },
      {
        cohort: 'older_multimorbid',
        follow_up: true,
        discharges: 2n,
        index_stays: 2n,
        readmissions: 1n,
        rate: 50,
      },
    ]);
  });
});

describe('transition settings', () => {
  it('follows the configured window and codes', async () => {
    const custom = workspace(
      `data_end: '2025-12-31'\nfollow_up_days: 20\nfollow_up_codes: { home_care: ['SUL-140'] }`,
    );
    await runTrajectories(custom, wh.engine, quietOutput());
    const t2 = await wh.engine.one(
      `SELECT follow_up, first_service_kind, days_to_first_service FROM transition WHERE person_key = ${personKey('t2')}`,
    );
    // rehabilitation on day 16 now counts (window 20 days) and is treated as home care
    expect(t2).toEqual({ follow_up: true, first_service_kind: 'home_care', days_to_first_service: 16n });
  });
});

describe('cluster indicators', () => {
  it('computes per municipality and cluster with trend and target', async () => {
    await runTrajectories(ws, wh.engine, quietOutput());
    const get = (level: string, unit: string, period: string, indicator: string) =>
      wh.engine.one(
        `SELECT numerator, denominator, CAST(value AS DOUBLE) AS value, CAST(previous_value AS DOUBLE) AS previous_value,
                trend, target, target_met
         FROM cluster_indicator WHERE level = $l AND unit = $u AND period = $p AND indicator = $i`,
        { l: level, u: unit, p: period, i: indicator },
      );
    // 5 somatic admissions of citizens 65+ in 851 in 2024 (t4's too), 1000 citizens 65+
    expect(await get('municipality', '851', '2024', 'admissions_per_1000_65plus')).toMatchObject({
      numerator: 5n,
      denominator: 1000n,
      value: 5,
      trend: null,
      target: 3,
      target_met: false,
    });
    expect(await get('municipality', '851', '2025', 'admissions_per_1000_65plus')).toMatchObject({
      value: 1,
      previous_value: 5,
      trend: 'down',
      target_met: true,
    });
    // the cluster adds 849's 1000 citizens 65+ (no admissions): 5 per 2000
    expect(await get('cluster', 'Nord', '2024', 'admissions_per_1000_65plus')).toMatchObject({
      numerator: 5n,
      denominator: 2000n,
      value: 2.5,
    });
    expect(await get('municipality', '851', '2024', 'acute_readmissions_per_1000_65plus')).toMatchObject({
      numerator: 1n,
      value: 1,
    });
    // 5 hospital contacts + 0 GP contacts + 4 municipal service rows, 4000 citizens
    expect(await get('municipality', '851', '2024', 'services_per_citizen')).toMatchObject({
      numerator: 9n,
      denominator: 4000n,
    });
    // 4 discharges of 65+ alive, 1 with home care: 25 %; target at least 20 %
    expect(await get('municipality', '851', '2024', 'home_care_after_discharge_pct')).toMatchObject({
      numerator: 1n,
      denominator: 4n,
      value: 25,
      target_met: true,
    });
    // KMF: 5 contacts × 10,000.00 kr × 45 % = 22,500.00 kr over 4000 citizens = 5.625 kr
    expect(await get('municipality', '851', '2024', 'cost_per_citizen_regional')).toMatchObject({
      numerator: 2_250_000n,
      denominator: 4000n,
      value: 5.625,
    });
  });
});

describe('person timeline', () => {
  it('lists contacts, stays, services and KMF of one person in time order without the key', async () => {
    await runTrajectories(ws, wh.engine, quietOutput());
    const events = await personTimeline(wh.engine, 't3');
    expect(events.map((e) => [e.start.slice(0, 10), e.sector, e.kind])).toEqual([
      ['2024-01-01', 'municipal', 'Ældre'],
      ['2024-03-01', 'hospital', 'admission'],
      ['2024-03-01', 'hospital', 'somatic_contact:acute'],
      ['2024-03-04', 'regional', 'kmf:somatic'],
      ['2024-03-15', 'hospital', 'admission'],
      ['2024-03-15', 'hospital', 'somatic_contact:acute'],
      ['2024-03-17', 'regional', 'kmf:somatic'],
    ]);
    expect(JSON.stringify(events, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v))).not.toContain(
      't3',
    );
  });

  it('refuses a CPR-like value without echoing it', async () => {
    const err = await personTimeline(wh.engine, '010150-1234').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).describe()).not.toContain('1234');
  });
});
