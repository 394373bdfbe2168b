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
const stays = () =>
  wh.engine.all(
    `SELECT stay_id, CAST(admit_time AS VARCHAR) AS admit, CAST(discharge_time AS VARCHAR) AS discharge, contacts,
            is_admission, transfer, acute, died, period, hours FROM stay ORDER BY person_key, admit_time`,
  );

describe('stays', () => {
  it('joins overlapping contacts into one stay from the first admit to the last discharge', async () => {
    await wh.person('p1', 1950, 1);
    await wh.contact({ id: 'a', person: 'p1', admit: '2024-03-01 08:00', discharge: '2024-03-03 10:00' });
    await wh.contact({ id: 'b', person: 'p1', admit: '2024-03-02 09:00', discharge: '2024-03-04 12:00' });
    await runTrajectories(ws, wh.engine, quietOutput(), { until: 'stays' });
    const s = await stays();
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({
      admit: '2024-03-01 08:00:00',
      discharge: '2024-03-04 12:00:00',
      contacts: 2n,
      is_admission: true,
    });
  });

  it('joins contacts exactly 4 hours apart, splits at 4 hours and 1 minute; two short contacts make an admission', async () => {
    await wh.person('p2', 1950, 1);
    await wh.contact({ id: 'a', person: 'p2', admit: '2024-04-01 08:00', discharge: '2024-04-01 10:00' });
    await wh.contact({ id: 'b', person: 'p2', admit: '2024-04-01 14:00', discharge: '2024-04-01 23:00' });
    await wh.contact({ id: 'c', person: 'p2', admit: '2024-04-02 03:01', discharge: '2024-04-02 05:00' });
    await runTrajectories(ws, wh.engine, quietOutput(), { until: 'stays' });
    const s = await stays();
    expect(s.map((x) => [x.admit, x.discharge, x.contacts, x.is_admission])).toEqual([
      ['2024-04-01 08:00:00', '2024-04-01 23:00:00', 2n, true], // 15 h ≥ 12 h
      ['2024-04-02 03:01:00', '2024-04-02 05:00:00', 1n, false], // 2 h: outpatient
    ]);
  });

  it('a stay of 11:59 is not an admission, 12:00 is', async () => {
    await wh.person('p', 1950, 1);
    await wh.contact({ id: 'a', person: 'p', admit: '2024-04-01 00:00', discharge: '2024-04-01 11:59' });
    await wh.contact({ id: 'b', person: 'p', admit: '2024-05-01 00:00', discharge: '2024-05-01 12:00' });
    await runTrajectories(ws, wh.engine, quietOutput(), { until: 'stays' });
    expect((await stays()).map((x) => x.is_admission)).toEqual([false, true]);
  });

  it('keeps a transfer between hospitals one stay and marks it', async () => {
    await wh.person('p3', 1950, 1);
    await wh.contact({
      id: 'a',
      person: 'p3',
      hospital: 'AAUH',
      admit: '2024-05-01 10:00',
      discharge: '2024-05-03 09:00',
      status: 'transfer',
    });
    await wh.contact({
      id: 'b',
      person: 'p3',
      hospital: 'Hjørring',
      admit: '2024-05-03 09:30',
      discharge: '2024-05-06 12:00',
    });
    await runTrajectories(ws, wh.engine, quietOutput(), { until: 'stays' });
    const s = await stays();
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ transfer: true, contacts: 2n, discharge: '2024-05-06 12:00:00' });
  });

  it('the first contact decides acute or planned; somatic and psychiatric contacts are separate stays', async () => {
    await wh.person('p', 1950, 1);
    await wh.contact({
      id: 'a',
      person: 'p',
      admit: '2024-05-01 10:00',
      discharge: '2024-05-02 10:00',
      acute: false,
    });
    await wh.contact({
      id: 'b',
      person: 'p',
      admit: '2024-05-02 11:00',
      discharge: '2024-05-04 10:00',
      acute: true,
    });
    await wh.contact({
      id: 'c',
      person: 'p',
      admit: '2024-05-02 12:00',
      discharge: '2024-05-03 10:00',
      psychiatric: true,
    });
    await runTrajectories(ws, wh.engine, quietOutput(), { until: 'stays' });
    const s = await wh.engine.all(`SELECT psychiatric, acute, contacts FROM stay ORDER BY psychiatric`);
    expect(s).toEqual([
      { psychiatric: false, acute: false, contacts: 2n },
      { psychiatric: true, acute: true, contacts: 1n },
    ]);
  });

  it('puts a stay across the new year in the period of its discharge', async () => {
    await wh.person('p9', 1950, 1);
    await wh.contact({ id: 'a', person: 'p9', admit: '2024-12-30 20:00', discharge: '2025-01-02 10:00' });
    await runTrajectories(ws, wh.engine, quietOutput(), { until: 'stays' });
    expect((await stays())[0]).toMatchObject({ period: '2025', hours: 62 });
  });

  it('marks death by discharge status or by the death date, and takes age and municipality', async () => {
    await wh.person('p4', 1950, 6, 'M');
    await wh.person('p5', 1950, 6, 'F', '2024-06-04');
    await wh.contact({
      id: 'a',
      person: 'p4',
      admit: '2024-06-01 08:00',
      discharge: '2024-06-05 08:00',
      status: 'dead',
    });
    await wh.contact({
      id: 'b',
      person: 'p5',
      admit: '2024-06-01 08:00',
      discharge: '2024-06-04 08:00',
      municipality: null,
    });
    await wh.engine.exec(
      `INSERT INTO residence VALUES (1, ${personKey('p5')}, '849', DATE '2020-01-01', NULL)`,
    );
    await runTrajectories(ws, wh.engine, quietOutput(), { until: 'stays' });
    const s = await wh.engine.all(
      `SELECT person_key, died, age, age_band, sex, municipality FROM stay ORDER BY 1`,
    );
    expect(s).toEqual([
      // born June 1950, admitted 1 June 2024: 74 completed years (birth counted from the 1st of the month)
      { person_key: personKey('p4'), died: true, age: 74, age_band: '65-79', sex: 'M', municipality: '851' },
      { person_key: personKey('p5'), died: true, age: 74, age_band: '65-79', sex: 'F', municipality: '849' },
    ]);
  });
});
