import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDuckDB } from '../../src/engine/duckdb.js';
import { createSchema } from '../../src/model/warehouse.js';

/** A hidden cell's raw value: chosen so that it appears nowhere else in the fixture. */
export const SECRET_COST_MINOR = 9_876_543n;

/**
 * A small literal warehouse file: two municipalities, marts with one small cell (2 persons) that the
 * server must hide, a person-level table it must never serve, and a text cell that looks like a formula.
 */
export async function writeFixtureWarehouse(): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tvaerblik-serve-'));
  const file = path.join(dir, 'warehouse.duckdb');
  const engine = await openDuckDB({ file });
  await createSchema(engine);
  await engine.exec(`
    CREATE TABLE mart_cost_interval (period VARCHAR, municipality VARCHAR, grp VARCHAR, interval_no INTEGER,
      lower_minor BIGINT, upper_minor BIGINT, persons BIGINT, cost_minor BIGINT, mean_minor BIGINT, median_minor BIGINT);
    INSERT INTO mart_cost_interval VALUES
      ('2024', '851', 'all', 0, NULL, NULL,              162, ${650_000_042n + SECRET_COST_MINOR}, NULL, NULL),
      ('2024', '851', 'all', 1, 0, 5000000,              120, 150000013, 1250000, 1200000),
      ('2024', '851', 'all', 2, 5000000, 25000000,        40, 500000029, 12500000, 12000000),
      ('2024', '851', 'all', 3, 25000000, NULL,            2, ${SECRET_COST_MINOR}, 4938271, 4938271),
      ('2024', '461', 'all', 0, NULL, NULL,              110, 500000000, NULL, NULL),
      ('2024', '461', 'all', 1, 0, 5000000,               80, 100000000, 1250000, 1200000),
      ('2024', '461', 'all', 2, 5000000, 25000000,        30, 400000000, 13333333, 13000000),
      ('2023', '851', 'all', 0, NULL, NULL,              110, 140000000, NULL, NULL),
      ('2023', '851', 'all', 1, 0, 5000000,              110, 140000000, 1272727, 1200000);
    CREATE TABLE mart_lorenz (period VARCHAR, municipality VARCHAR, grp VARCHAR, point INTEGER, person_share DOUBLE,
      persons_cum BIGINT, persons BIGINT, cost_cum_minor BIGINT, cost_share DOUBLE);
    INSERT INTO mart_lorenz VALUES ('2024','851','all',0,0,0,0,0,0), ('2024','851','all',1,0.5,81,81,65000000,0.1),
      ('2024','851','all',2,0.9,146,65,260000000,0.4), ('2024','851','all',3,1,162,16,650000000,1);
    CREATE TABLE mart_interval_mix (period VARCHAR, municipality VARCHAR, interval_no INTEGER, dimension VARCHAR,
      value VARCHAR, persons BIGINT, cost_minor BIGINT);
    INSERT INTO mart_interval_mix VALUES
      ('2024', '851', 1, 'target_group', '*', 120, 150000013),
      ('2024', '851', 1, 'target_group', 'physical_disability', 100, 100000000),
      ('2024', '851', 1, 'target_group', '=HYPERLINK("x")', 20, 50000013);
    CREATE TABLE mart_department_matrix (period VARCHAR, municipality VARCHAR, department_a VARCHAR, department_b VARCHAR,
      persons BIGINT, cost_minor BIGINT);
    INSERT INTO mart_department_matrix VALUES
      ('2024','851','Ældre','Ældre',100,900000000), ('2024','851','Ældre','Social',20,300000000),
      ('2024','851','Social','Ældre',20,300000000), ('2024','851','Social','Social',60,500000000);
    CREATE TABLE mart_key_figure (period VARCHAR, municipality VARCHAR, indicator VARCHAR, persons BIGINT,
      amount_minor BIGINT, value DOUBLE);
    INSERT INTO mart_key_figure VALUES ('2024','851','cost',162,${650_000_042n + SECRET_COST_MINOR},NULL),
      ('2024','851','persons',162,NULL,162), ('2024','461','cost',110,500000000,NULL);
    CREATE TABLE cost_person (period VARCHAR, municipality VARCHAR, person_key VARCHAR, catalogue_code VARCHAR,
      department VARCHAR, sector VARCHAR, law_ref VARCHAR, method VARCHAR, unit VARCHAR, volume DECIMAL(18,4), cost_minor BIGINT);
    INSERT INTO cost_person VALUES ('2024','851','${'a'.repeat(64)}','DK-HOME','Ældre','municipal','Ældreloven § 10','kpb','hour_granted',10,1234500);
    CREATE TABLE cost_unit (period VARCHAR, municipality VARCHAR, catalogue_code VARCHAR, unit VARCHAR, volume DECIMAL(18,4),
      direct_minor BIGINT, admin_minor BIGINT, other_common_minor BIGINT, total_minor BIGINT, unit_cost_minor DECIMAL(18,4), persons BIGINT);
    INSERT INTO cost_unit VALUES ('2024','851','DK-HOME','hour_granted',1000,30000000,5000000,2000000,37000000,37000.0000,50);
  `);
  await engine.close();
  return file;
}
