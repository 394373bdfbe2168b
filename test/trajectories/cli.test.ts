import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWorkspace } from '../../src/config/workspace.js';
import { UserError } from '../../src/errors.js';
import { openWarehouse } from '../../src/model/warehouse.js';
import { parseTrajectoriesConfig } from '../../src/trajectories/config.js';
import { runCli } from '../helpers/cli.js';

describe('trajectories settings', () => {
  it('has the national defaults', () => {
    const c = parseTrajectoriesConfig({});
    expect(c).toMatchObject({
      stay_gap_hours: 4,
      admission_hours: 12,
      readmission_days: 30,
      follow_up_days: 14,
    });
    expect(c.exclusions.map((g) => g.group)).toContain('suicide_attempt');
    expect(c.kmf.rate_table).toBe('kmf-dk');
  });

  it('names the key and the fix for a bad value', () => {
    const e = (() => {
      try {
        parseTrajectoriesConfig({ clusters: { Nord: ['85A'] } });
      } catch (err) {
        return err;
      }
    })() as UserError;
    expect(e).toBeInstanceOf(UserError);
    expect(e.location.key).toBe('trajectories.clusters.Nord.0');
    expect(() => parseTrajectoriesConfig({ stay_gap: 4 })).toThrow(/trajectories/);
    const range = (() => {
      try {
        parseTrajectoriesConfig({ exclusions: [{ group: 'x', diagnoses: ['DX6-DX84'] }] });
      } catch (err) {
        return err;
      }
    })() as UserError;
    expect(range.location.key).toBe('trajectories.exclusions.0.diagnoses.0');
    expect(range.location.hint).toMatch(/same length/);
  });
});

describe('tvaerblik trajectories', () => {
  it('runs on a workspace and prints the summary as JSON, and the timeline of one key', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'traj-cli-'));
    writeFileSync(
      path.join(dir, 'tvaerblik.yaml'),
      `country: DK
currency: DKK
municipalities: ['851']
periods: [{ id: '2024', from: '2024-01-01', to: '2024-12-31' }]
pseudonymisation: { key_env: TVAERBLIK_TEST_KEY }
catalogue: dk
trajectories: { data_end: '2024-12-31' }
`,
    );
    const ws = openWorkspace(dir);
    const engine = await openWarehouse(ws);
    await engine.exec(`INSERT INTO person VALUES (1, 'k1', 1950, 1, 'F', 'DK', 'cpr', NULL)`);
    await engine.exec(`INSERT INTO hospital_contact VALUES
      (1, 1, 'c1', 1, NULL, '851', 'AAUH', NULL, true, false, TIMESTAMP '2024-03-01 08:00', TIMESTAMP '2024-03-03 08:00', 'DJ441', 'home', NULL, 1000000, NULL),
      (1, 2, 'c2', 1, NULL, '851', 'AAUH', NULL, true, false, TIMESTAMP '2024-03-20 08:00', TIMESTAMP '2024-03-22 08:00', 'DJ441', 'home', NULL, 1000000, NULL)`);
    await engine.close();

    const run = await runCli(['-w', dir, '--json', 'trajectories']);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as {
      stays: number;
      readmission: { readmissions: number };
      kmf: { total_minor: number };
    };
    expect(summary.stays).toBe(2);
    expect(summary.readmission.readmissions).toBe(1); // 3 → 20 March: 17 days
    expect(summary.kmf.total_minor).toBe(900_000); // 2 × 10,000.00 kr × 45 %

    const chart = path.join(dir, 'forloeb.svg');
    const t = await runCli([
      '-w',
      dir,
      '--json',
      '--lang',
      'da',
      'trajectories',
      '--timeline',
      'k1',
      '--chart',
      chart,
    ]);
    expect(t.code).toBe(0);
    expect(t.stderr).toContain('autoriserede');
    expect((JSON.parse(t.stdout) as { events: unknown[] }).events.length).toBeGreaterThan(3);
    expect(readFileSync(chart, 'utf8')).toMatch(/^<svg/);

    const bad = await runCli(['-w', dir, 'trajectories', '--until', 'nope']);
    expect(bad.code).toBe(2);
  });

  it('skips KMF with a Danish warning and exit 0 when no tariff is mapped, also in a year the rate table lacks', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'traj-cli-'));
    writeFileSync(
      path.join(dir, 'tvaerblik.yaml'),
      `country: DK
currency: DKK
municipalities: ['851']
periods: [{ id: '2027', from: '2027-01-01', to: '2027-12-31' }]
pseudonymisation: { key_env: TVAERBLIK_TEST_KEY }
catalogue: dk
`,
    );
    const ws = openWorkspace(dir);
    const engine = await openWarehouse(ws);
    await engine.exec(`INSERT INTO person VALUES (1, 'k1', 1950, 1, 'F', 'DK', 'cpr', NULL)`);
    // no tariff (column not mapped) and no discharge status; the shipped table ends with 2026
    await engine.exec(`INSERT INTO hospital_contact VALUES
      (1, 1, 'c1', 1, NULL, '851', 'AAUH', NULL, true, false, TIMESTAMP '2027-03-01 08:00', TIMESTAMP '2027-03-03 08:00', NULL, NULL, NULL, NULL, NULL)`);
    await engine.close();
    const run = await runCli(['-w', dir, '--lang', 'da', 'trajectories']);
    expect(run.stderr).toContain('kommunal medfinansiering springes over');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as {
      kmf: { skipped: boolean };
      transitions: { discharges: number };
    };
    expect(summary.kmf.skipped).toBe(true);
    expect(summary.transitions.discharges).toBe(1);
  });
});
