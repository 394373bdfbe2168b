/**
 * The CLI prints the trajectory tables from the one publish path (src/publish): the table the API
 * serves, suppressed as the API suppresses it, never a query of its own.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { roundMinor } from '../../src/cli/commands/cost.js';
import { openDuckDB } from '../../src/engine/duckdb.js';
import { publishServed, publishTable, SERVED_TABLES, showHidden } from '../../src/publish/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** readmission_rate as sql/trajectories/03_readmission_rate.sql builds it (types included). */
const CREATE = `CREATE TABLE readmission_rate (period VARCHAR, level VARCHAR, grp VARCHAR, index_stays BIGINT,
  readmissions BIGINT, rate_pct DECIMAL(18,2), crude_index_stays BIGINT, crude_readmissions BIGINT,
  crude_rate_pct DECIMAL(18,2), standardised_rate_pct DOUBLE)`;
// Two municipalities make the total (40 = 25 + 15 index stays). 851 has 6 readmissions (not small) but
// only 3 crude readmissions (small): its crude rate 3 / 25 = 12.00 % would name them. 860 has 4
// readmissions (small). The total's 10 and 8 stay: both of its parts are hidden.
const ROWS = `INSERT INTO readmission_rate VALUES
  ('2024', 'total', 'all', 40, 10, 25.00, 40, 8, 20.00, 25.0),
  ('2024', 'municipality', '851', 25, 6, 24.00, 25, 3, 12.00, 24.0),
  ('2024', 'municipality', '860', 15, 4, 26.67, 15, 5, 33.33, 26.7)`;

async function warehouse(): Promise<string> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'tvaerblik-cli-publish-')), 'wh.duckdb');
  const engine = await openDuckDB({ file });
  await engine.exec(CREATE);
  await engine.exec(ROWS);
  await engine.close();
  return file;
}

describe('tvaerblik trajectories prints what the API serves', () => {
  it('hides a row by any of its persons columns, the crude ones too (the old query left them out)', async () => {
    const engine = await openDuckDB({ file: await warehouse() });
    try {
      const rows = await publishTable(engine, 'readmission_rate', 5);
      const of = (grp: string) => rows.find((r) => r.grp === grp)!;
      expect(of('all')).toMatchObject({ readmissions: 10n, crude_readmissions: 8n, crude_rate_pct: '20.00' });
      // 851: 3 crude readmissions < 5 hides the whole row; its crude rate no longer reads 12.00
      expect(of('851').crude_rate_pct).toBe('x');
      expect(of('851').crude_readmissions).toBe('x'); // not named as a count: kind "number", shown "x"
      expect(of('851').rate_pct).toBe('x');
      // 860: 4 readmissions < 5
      expect(of('860').readmissions).toBe('< 5');
      expect(of('860').rate_pct).toBe('x');
    } finally {
      await engine.close();
    }
  });

  it('is cell for cell the table the server publishes from the same warehouse', async () => {
    const file = await warehouse();
    const cli = await openDuckDB({ file });
    const printed = await publishTable(cli, 'readmission_rate', 5);
    await cli.close();
    const server = await openDuckDB({ file: ':memory:' });
    try {
      await server.exec(`ATTACH '${file}' AS wh (READ_ONLY)`);
      const served = (await publishServed(server, 5)).find((t) => t.table.name === 'readmission_rate')!;
      expect(showHidden(served.table, served.hidden, 5)).toEqual(printed);
    } finally {
      await server.close();
    }
  });

  it('refuses a table with person keys and a mart (published with the other marts)', async () => {
    const engine = await openDuckDB({ file: ':memory:' });
    try {
      await engine.exec('CREATE TABLE traj_stay (person_key VARCHAR, period VARCHAR)');
      await expect(publishTable(engine, 'traj_stay', 5)).rejects.toThrow(/may be published/);
      await expect(publishTable(engine, 'mart_headline', 5)).rejects.toThrow(/publishMarts/);
    } finally {
      await engine.close();
    }
  });

  it('no CLI command reads a served table with SQL of its own', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((n) => {
        const p = path.join(dir, n);
        return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
      });
    const reads = new RegExp(`\\b(?:FROM|JOIN)\\s+(?:${SERVED_TABLES.join('|')}|mart_\\w+)\\b`, 'i');
    expect(reads.test('FROM readmission_rate ORDER BY period')).toBe(true);
    const offenders = files(path.join(ROOT, 'src/cli'))
      .filter((f) => reads.test(readFileSync(f, 'utf8')))
      .map((f) => path.relative(ROOT, f));
    expect(offenders).toEqual([]);
  });

  it('tvaerblik cost rounds a unit cost read as DECIMAL to whole øre, half away from zero, exactly', () => {
    expect(roundMinor('8333.3333')).toBe(8333n);
    expect(roundMinor('8333.5000')).toBe(8334n); // .5 rounds up
    expect(roundMinor('-2.5000')).toBe(-3n); // and away from zero below it
    expect(roundMinor('12')).toBe(12n);
  });
});
