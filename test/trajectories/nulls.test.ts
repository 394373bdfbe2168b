import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runTrajectories } from '../../src/trajectories/index.js';
import { quietOutput, Warehouse, workspace } from './fixture.js';
import { personKey } from '../helpers/person-key.js';

/**
 * Optional columns that are not mapped arrive as NULL. A comparison with NULL is NULL, and `NOT NULL` is
 * NULL too, so a WHERE or FILTER on it drops the row: every trajectory result must be the same as when the
 * column holds a neutral value, and no yes/no column may be left NULL.
 */
let wh: Warehouse;
beforeEach(async () => {
  wh = await Warehouse.open();
});
afterEach(async () => {
  await wh.engine.close();
});

const ws = workspace(`data_end: '2025-12-31'`);

/** Every BOOLEAN column of the tables trajectories writes, with its count of NULLs. */
async function nullFlags(): Promise<string[]> {
  const cols = await wh.engine.all<{ t: string; c: string }>(
    `SELECT table_name AS t, column_name AS c FROM information_schema.columns
     WHERE data_type = 'BOOLEAN' AND table_name IN
       ('stay', 'readmission', 'kmf_contact', 'kmf_reconciliation', 'transition', 'transition_summary')
     ORDER BY 1, 2`,
  );
  expect(cols.length).toBeGreaterThan(10);
  const found: string[] = [];
  for (const { t, c } of cols) {
    const r = await wh.engine.one<{ n: bigint }>(`SELECT count(*) AS n FROM "${t}" WHERE "${c}" IS NULL`);
    if (r.n > 0n) found.push(`${t}.${c}`);
  }
  return found;
}

describe('unmapped optional columns (NULL) in trajectories', () => {
  it('counts discharges, readmissions and follow-up when discharge_status, diagnosis, municipality and tariff are NULL', async () => {
    await wh.person('n1', 1950, 1); // 74 in 2024
    await wh.engine.exec(
      `INSERT INTO residence VALUES (1, ${personKey('n1')}, '851', DATE '2000-01-01', NULL)`,
    );
    const bare = { status: null, diagnosis: null, municipality: null, tariff: null };
    await wh.contact({
      id: 'a',
      person: 'n1',
      admit: '2024-03-01 08:00',
      discharge: '2024-03-04 12:00',
      ...bare,
    });
    await wh.contact({
      id: 'b',
      person: 'n1',
      admit: '2024-03-20 08:00',
      discharge: '2024-03-22 12:00',
      ...bare,
    });
    // home care from 6 March (2 days after a) to 10 March: before b's discharge, so b has no follow-up
    await wh.service('n1', 'SEL-83-PP', '2024-03-06', '2024-03-10');
    await wh.population('851', 2024, 74, 'F', 1000);
    const summary = await runTrajectories(ws, wh.engine, quietOutput());

    // two admissions, alive: two discharges, one with follow-up (a, after 2 days); a readmitted after 16 days
    expect(summary.transitions).toMatchObject({ discharges: 2, follow_up: 1, follow_up_pct: 50 });
    expect(summary.readmission).toMatchObject({ index_stays: 2, readmissions: 1 });
    expect(
      await wh.engine.all(
        `SELECT discharge_date, follow_up, days_to_first_service, readmission_counted, readmitted, municipality
         FROM transition ORDER BY discharge_date`,
      ),
    ).toEqual([
      {
        discharge_date: '2024-03-04',
        follow_up: true,
        days_to_first_service: 2n,
        readmission_counted: true,
        readmitted: true,
        municipality: '851',
      },
      {
        discharge_date: '2024-03-22',
        follow_up: false,
        days_to_first_service: null,
        readmission_counted: true,
        readmitted: false,
        municipality: '851',
      },
    ]);
    const ind = await wh.engine.all(
      `SELECT indicator, numerator, denominator FROM cluster_indicator
       WHERE unit = '851' AND period = '2024' AND indicator IN
         ('admissions_per_1000_65plus', 'follow_up_after_discharge_pct', 'home_care_after_discharge_pct')
       ORDER BY indicator`,
    );
    expect(ind).toEqual([
      { indicator: 'admissions_per_1000_65plus', numerator: 2n, denominator: 1000n },
      { indicator: 'follow_up_after_discharge_pct', numerator: 1n, denominator: 2n },
      { indicator: 'home_care_after_discharge_pct', numerator: 1n, denominator: 2n },
    ]);
    expect(await nullFlags()).toEqual([]);
  });

  it('still marks death from the person when the discharge status is NULL', async () => {
    await wh.person('d1', 1950, 1, 'F', '2024-05-03');
    await wh.contact({
      id: 'a',
      person: 'd1',
      admit: '2024-05-01 08:00',
      discharge: '2024-05-03 12:00',
      status: null,
    });
    const summary = await runTrajectories(ws, wh.engine, quietOutput(), { until: 'transitions' });
    expect(await wh.engine.all(`SELECT died FROM stay`)).toEqual([{ died: true }]);
    expect(summary.transitions).toMatchObject({ discharges: 0 });
    expect(summary.readmission).toMatchObject({ index_stays: 0, excluded: { death: 1 } });
    expect(await nullFlags()).toEqual([]);
  });
});
