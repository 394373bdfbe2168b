import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDuckDB } from '../../src/engine/duckdb.js';
import { createSchema } from '../../src/model/warehouse.js';

/** A hidden cell's raw value: chosen so that it appears nowhere else in the fixture. */
export const SECRET_COST_MINOR = 98_765_43n;

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
    CREATE TABLE mart_cost_intervals (period VARCHAR, municipality VARCHAR, age_band VARCHAR, interval VARCHAR,
      persons BIGINT, cost_minor BIGINT, share_cost DECIMAL(9,6));
    INSERT INTO mart_cost_intervals VALUES
      ('2024', '851', '18-64', '0-50000',        120, 150000000, 0.100000),
      ('2024', '851', '18-64', '50000-250000',    40, 500000000, 0.300000),
      ('2024', '851', '18-64', '250000+',          2, ${SECRET_COST_MINOR}, 0.050000),
      ('2024', '461', '18-64', '0-50000',         80, 100000000, 0.200000),
      ('2024', '461', '18-64', '50000-250000',    30, 400000000, 0.500000),
      ('2023', '851', '18-64', '0-50000',        110, 140000000, 0.100000);
    CREATE TABLE mart_lorenz (period VARCHAR, municipality VARCHAR, share_persons DECIMAL(9,6), share_cost DECIMAL(9,6));
    INSERT INTO mart_lorenz VALUES ('2024','851',0,0),('2024','851',0.5,0.1),('2024','851',0.9,0.4),('2024','851',1,1);
    CREATE TABLE mart_target_groups (period VARCHAR, municipality VARCHAR, interval VARCHAR, target_group VARCHAR,
      persons BIGINT, cost_minor BIGINT);
    INSERT INTO mart_target_groups VALUES
      ('2024', '851', '50000-250000', 'physical_disability', 25, 300000000),
      ('2024', '851', '50000-250000', '=HYPERLINK("x")', 15, 200000000);
    CREATE TABLE mart_overlap_matrix (period VARCHAR, municipality VARCHAR, department_a VARCHAR, department_b VARCHAR,
      persons BIGINT, cost_minor BIGINT);
    INSERT INTO mart_overlap_matrix VALUES
      ('2024','851','Ældre','Ældre',100,900000000), ('2024','851','Ældre','Social',20,300000000),
      ('2024','851','Social','Ældre',20,300000000), ('2024','851','Social','Social',60,500000000);
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
