import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { outOfRoom, runTrajectories } from '../../src/trajectories/index.js';
import { quietOutput, Warehouse, workspace } from './fixture.js';
import { personKey } from '../helpers/person-key.js';

/**
 * What the rewrite for national scale (visit-level data, issue 19) made explicit: contacts are not identified by
 * (import_id, row_no), and a visit is paired with a discharge by day, not with every service of the person.
 */
let wh: Warehouse;
beforeEach(async () => {
  wh = await Warehouse.open();
});
afterEach(async () => {
  await wh.engine.close();
});

const ws = workspace(`data_end: '2025-12-31'`);

/** A hospital contact of a monthly file: every file of a glob source numbers its rows from 1. */
async function fileContact(row: number, person: string, admit: string, discharge: string, tariff: bigint) {
  await wh.engine.exec(
    `INSERT INTO hospital_contact VALUES (7, $row, $id, $p, 'Region Nordjylland', '851', 'AAUH', NULL, true, false,
      CAST($a AS TIMESTAMP), CAST($d AS TIMESTAMP), 'DJ441', 'home', '04MA13', $t, NULL)`,
    { row, id: `${person}-${admit}`, p: personKey(person), a: admit, d: discharge, t: tariff },
  );
}

describe('contacts of a glob source (row numbers repeat in every file)', () => {
  it('keeps two contacts with the same import and row apart, in stays, KMF and DRG', async () => {
    await wh.person('g1', 1950, 1);
    await wh.person('g2', 1960, 1);
    // January's and February's files both have a row 1 (and a row 2) of the same import 7
    await fileContact(1, 'g1', '2024-01-10 08:00', '2024-01-12 12:00', 1_000_000n);
    await fileContact(1, 'g1', '2024-02-10 08:00', '2024-02-11 12:00', 2_000_000n);
    await fileContact(2, 'g2', '2024-01-20 08:00', '2024-01-20 10:00', 300_000n);
    await fileContact(2, 'g2', '2024-02-20 08:00', '2024-02-20 10:00', 400_000n);
    // practice contacts: two files of import 8, row 1 in each
    for (const [d, fee] of [
      ['2024-01-05', 15_000n],
      ['2024-02-05', 20_000n],
    ] as const)
      await wh.engine.exec(
        `INSERT INTO gp_contact VALUES (8, 1, $p, '851', CAST($d AS DATE), 'gp', '0101', $f, NULL)`,
        { p: personKey('g1'), d, f: fee },
      );
    const summary = await runTrajectories(ws, wh.engine, quietOutput());
    // 4 hospital contacts, 4 stays (a month apart), 2 admissions (52 h and 28 h; g2's are 2 h each)
    expect([summary.contacts, summary.stays, summary.admissions]).toEqual([4, 4, 2]);
    const drg = await wh.engine.all(
      `SELECT source, CAST(contact_date AS VARCHAR) AS day, own_minor, drg_minor FROM drg_contact ORDER BY source, day`,
    );
    // each contact priced once, at its own tariff or fee (no DRG table rows): not joined to its namesake row
    expect(drg).toEqual([
      { source: 'gp', day: '2024-01-05', own_minor: 15_000n, drg_minor: 15_000n },
      { source: 'gp', day: '2024-02-05', own_minor: 20_000n, drg_minor: 20_000n },
      { source: 'hospital', day: '2024-01-12', own_minor: 1_000_000n, drg_minor: 1_000_000n },
      { source: 'hospital', day: '2024-01-20', own_minor: 300_000n, drg_minor: 300_000n },
      { source: 'hospital', day: '2024-02-11', own_minor: 2_000_000n, drg_minor: 2_000_000n },
      { source: 'hospital', day: '2024-02-20', own_minor: 400_000n, drg_minor: 400_000n },
    ]);
    // 1,000,000 + 2,000,000 + 300,000 + 400,000 + 15,000 + 20,000 øre
    expect(summary.drg!.total_minor).toBe(3_735_000n);
    expect(summary.kmf!.contacts).toBe(6);
  });
});

describe('follow-up by day (visits are paired with the discharge days, not with every service)', () => {
  /** An admission from 08:00 three days before to 12:00 on the discharge day. */
  const admission = async (person: string, discharge: string) => {
    const d = new Date(`${discharge}T00:00:00Z`);
    const admit = new Date(d.getTime() - 3 * 86_400_000).toISOString().slice(0, 10);
    await wh.contact({ id: `${person}`, person, admit: `${admit} 08:00`, discharge: `${discharge} 12:00` });
  };
  const day = (iso: string, n: number) =>
    new Date(new Date(`${iso}T00:00:00Z`).getTime() + n * 86_400_000).toISOString().slice(0, 10);
  const rows = () =>
    wh.engine.all(
      `SELECT p.pseudonym AS who, t.follow_up, t.first_service_kind AS kind, t.days_to_first_service AS days,
              t.continuing_service AS continuing
       FROM transition t JOIN person p USING (person_key) ORDER BY who`,
    );

  it('counts a visit on day 14 and not on day 15 or the day before, for discharges on 15 consecutive days', async () => {
    // 15 discharge days cover every position of a discharge in the 15-day blocks the visits are joined by
    const people: string[] = [];
    for (let i = 0; i < 15; i++) {
      const who = `w${String(i).padStart(2, '0')}`;
      people.push(who);
      await wh.person(who, 1950, 1);
      const discharge = day('2024-07-01', i);
      await admission(who, discharge);
      // single-day visits (performed hours, no end): the day before, day 15 and day 14 after the discharge
      for (const n of [-1, 15, 14])
        await wh.service(who, 'SEL-83-PP', day(discharge, n), null, 'hour_performed');
    }
    await runTrajectories(ws, wh.engine, quietOutput());
    // the visit 14 days after is the first follow-up of every discharge; day 15 is outside, the day before ended
    expect(await rows()).toEqual(
      people.map((who) => ({ who, follow_up: true, kind: 'home_care', days: 14n, continuing: false })),
    );
  });

  it('a visit on the discharge day is day 0 but not continuing; a grant running into it is', async () => {
    for (const who of ['v1', 'v2', 'v3']) await wh.person(who, 1950, 1);
    await admission('v1', '2024-05-10');
    await admission('v2', '2024-05-10');
    await admission('v3', '2024-05-10');
    await wh.service('v1', 'SEL-83-PP', '2024-05-10', null, 'hour_performed'); // a visit that day
    await wh.service('v2', 'SUL-138', '2024-05-01', null); // home nursing granted since 1 May (no end: runs on)
    await wh.service('v3', 'SEL-83-PP', '2024-05-09', null, 'hour_performed'); // only the day before
    await runTrajectories(ws, wh.engine, quietOutput());
    expect(await rows()).toEqual([
      { who: 'v1', follow_up: true, kind: 'home_care', days: 0n, continuing: false },
      { who: 'v2', follow_up: true, kind: 'home_nursing', days: 0n, continuing: true },
      { who: 'v3', follow_up: false, kind: null, days: null, continuing: false },
    ]);
  });

  it('a row ending before it starts meets a discharge when discharge ≤ end and start ≤ discharge + 14', async () => {
    for (const who of ['r1', 'r2']) await wh.person(who, 1950, 1);
    await admission('r1', '2024-06-10');
    await admission('r2', '2024-06-10');
    // r1: start 20 June, end 12 June (a data-quality finding, kept): 12 ≥ 10 and 20 ≤ 24 → day 10
    await wh.service('r1', 'SUL-138', '2024-06-20', '2024-06-12');
    // r2: start 20 June, end 8 June: ends before the discharge → no follow-up
    await wh.service('r2', 'SUL-138', '2024-06-20', '2024-06-08');
    await runTrajectories(ws, wh.engine, quietOutput());
    expect(await rows()).toEqual([
      { who: 'r1', follow_up: true, kind: 'home_nursing', days: 10n, continuing: false },
      { who: 'r2', follow_up: false, kind: null, days: null, continuing: false },
    ]);
  });
});

describe('out of room', () => {
  it("turns DuckDB's out-of-memory error into one naming memory_limit and temp_limit, in the user's language", () => {
    const duck = new Error(
      'Out of Memory Error: failed to offload data block of size 256.0 KiB (19.9 GiB/19.9 GiB used).\n' +
        "This limit was set by the 'max_temp_directory_size' setting.",
    );
    const e = outOfRoom(duck, ws) as UserError;
    expect(e).toBeInstanceOf(UserError);
    // the defaults of the fixture's workspace: memory_limit 6GB, temp_limit 20GB
    expect(e.message).toContain('(6GB)');
    expect(e.message).toContain('(20GB)');
    expect(e.location).toMatchObject({ file: '/tmp/tvaerblik.yaml', key: 'temp_limit' });
    expect(e.location.hint).toContain('failed to offload data block of size 256.0 KiB');
    expect(e.localise!('da').message).toMatch(/^Forløbene løb tør for plads/);
    const other = new Error('Catalog Error: Table with name stay does not exist!');
    expect(outOfRoom(other, ws)).toBe(other);
  });
});
