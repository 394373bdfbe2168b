import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { runTrajectories } from '../../src/trajectories/index.js';
import { parseRateTable, rateTablePath } from '../../src/trajectories/rates.js';
import { quietOutput, Warehouse, workspace } from './fixture.js';
import { personKey } from '../helpers/person-key.js';

let wh: Warehouse;
beforeEach(async () => {
  wh = await Warehouse.open();
});
afterEach(async () => {
  await wh.engine.close();
});

type Doc = { versions: { valid_from: number; valid_to: number }[] };
const shipped = () => parseYaml(readFileSync(rateTablePath('kmf-dk'), 'utf8')) as Doc;

/** The shipped table cut to 2018-2024: the periods' year 2025 has no rates. */
function only2024() {
  const doc = shipped();
  doc.versions = doc.versions.slice(0, 1);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'kmf-skip-')), 'rates.yaml');
  writeFileSync(file, JSON.stringify(doc));
  return workspace(`data_end: '2025-12-31'\nkmf: { rate_table: '${file}' }`);
}

const contacts = () =>
  wh.engine.all(`SELECT source, year, status, kmf_minor FROM kmf_contact ORDER BY source, contact_date`);

describe('KMF when there is nothing to price', () => {
  it('skips KMF with a warning when no contact has a tariff or fee, even in a year without rates', async () => {
    await wh.engine.exec(`CREATE TABLE cost_person (period VARCHAR, municipality VARCHAR, person_key BIGINT,
      catalogue_code VARCHAR, department VARCHAR, sector VARCHAR, law_ref VARCHAR, method VARCHAR, unit VARCHAR,
      volume DECIMAL(18,4), cost_minor BIGINT)`);
    // a kmf row of an earlier run: it no longer matches the data and must go
    await wh.engine.exec(`INSERT INTO cost_person VALUES
      ('2025', '851', ${personKey('k')}, 'SUL-REG-SOM-IND', 'Region', 'regional', 'x', 'kmf', 'day', 1, 999)`);
    await wh.person('k', 1954, 1);
    await wh.contact({
      id: 'a',
      person: 'k',
      admit: '2025-03-01 08:00',
      discharge: '2025-03-03 08:00',
      tariff: null,
    });
    await wh.gp('k', '2025-05-01', 'gp', null);
    const out = quietOutput('da');
    const summary = await runTrajectories(only2024(), wh.engine, out, { until: 'kmf' });
    expect(summary.kmf).toMatchObject({ skipped: true, contacts: 2, total_minor: 0n });
    expect(out.warnings.join('\n')).toContain('springes over');
    // both contacts are listed, with 0 and the reason
    expect(await contacts()).toEqual([
      { source: 'gp', year: 2025n, status: 'no_tariff', kmf_minor: 0n },
      { source: 'hospital', year: 2025n, status: 'no_tariff', kmf_minor: 0n },
    ]);
    expect(await wh.engine.all(`SELECT * FROM cost_person WHERE method = 'kmf'`)).toEqual([]);
  });

  it('prices what has a tariff; a year without rates stops only for contacts that could be priced', async () => {
    await wh.person('r', 1954, 1); // 70 in 2024: 45 %
    await wh.contact({
      id: 'a',
      person: 'r',
      admit: '2024-06-01 08:00',
      discharge: '2024-06-03 08:00',
      tariff: 100_000n,
    });
    await wh.contact({
      id: 'b',
      person: 'r',
      admit: '2025-06-01 08:00',
      discharge: '2025-06-03 08:00',
      tariff: null,
    });
    const ws = only2024();
    const summary = await runTrajectories(ws, wh.engine, quietOutput(), { until: 'kmf' });
    expect(summary.kmf).toMatchObject({ total_minor: 45_000n, not_charged: { no_tariff: 1 } });
    expect(summary.kmf?.skipped).toBeUndefined();
    expect(await contacts()).toEqual([
      { source: 'hospital', year: 2024n, status: 'ok', kmf_minor: 45_000n },
      { source: 'hospital', year: 2025n, status: 'no_tariff', kmf_minor: 0n },
    ]);

    await wh.contact({
      id: 'c',
      person: 'r',
      admit: '2025-08-01 08:00',
      discharge: '2025-08-03 08:00',
      tariff: 100_000n,
    });
    const err = await runTrajectories(ws, wh.engine, quietOutput('da'), { until: 'kmf' }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UserError);
    const text = (err as UserError).describe();
    expect(text).toContain('har ingen takster for år 2025');
    // the advice names the years a version can have, so following it cannot hit the file's own bounds
    expect(text).toMatch(/valid_from.*2007.*2100/);
  });

  it('accepts rate-table years from 2007 (when KMF began) to 2100 and says so', () => {
    const early = shipped();
    early.versions[0]!.valid_from = 2006;
    expect(() => parseRateTable(early, 'x.yaml')).toThrow(/2007/);
    const first = shipped();
    first.versions[0]!.valid_from = 2007;
    expect(parseRateTable(first, 'x.yaml').rates.some((r) => r.yearFrom === 2007)).toBe(true);
  });
});
