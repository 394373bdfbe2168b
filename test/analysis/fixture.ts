import { parseConfig, type Workspace } from '../../src/config/workspace.js';
import type { Engine, Value } from '../../src/engine/engine.js';
import { openMemoryWarehouse } from '../../src/model/warehouse.js';
import { createOutput, type Output } from '../../src/cli/output.js';

/** cost_person and cost_unit as contract E defines them (costing creates them in a real run). */
export const COST_DDL = `
CREATE TABLE IF NOT EXISTS cost_person (period VARCHAR, municipality VARCHAR, person_key BIGINT,
  catalogue_code VARCHAR, department VARCHAR, sector VARCHAR, law_ref VARCHAR, method VARCHAR, unit VARCHAR,
  volume DECIMAL(18,4), cost_minor BIGINT);
CREATE TABLE IF NOT EXISTS cost_unit (period VARCHAR, municipality VARCHAR, catalogue_code VARCHAR, unit VARCHAR,
  volume DECIMAL(18,4), direct_minor BIGINT, admin_minor BIGINT, other_common_minor BIGINT, total_minor BIGINT,
  unit_cost_minor DECIMAL(18,4), persons BIGINT);`;

export function workspace(extra = '', dir = '/tmp/tvaerblik-analysis-test'): Workspace {
  const config = parseConfig(`
country: DK
currency: DKK
municipalities: ['851']
periods: [{ id: '2024', from: '2024-01-01', to: '2024-12-31' }]
pseudonymisation: { key_file: secrets/pseudonym.key }
catalogue: dk
${extra}`);
  return { dir, configPath: `${dir}/tvaerblik.yaml`, config, resolve: (p) => `${dir}/${p}` };
}

export function quietOutput(): Output {
  return createOutput({ json: true, lang: 'en', stdout: () => {}, stderr: () => {}, isTTY: false });
}

export interface CostRow {
  person: string;
  code: string;
  department: string;
  kr: number;
  sector?: 'municipal' | 'regional';
  law?: string;
  volume?: number;
  period?: string;
}

/** A small warehouse: persons (birth year, sex), attributes and cost rows given as literals. */
export async function warehouse(o: {
  persons: { key: string; born: number; sex?: 'F' | 'M' }[];
  costs: CostRow[];
  attributes?: { person: string; attribute: string; value: string }[];
  population?: { age: number; count: number }[];
  units?: Value[][];
}): Promise<Engine> {
  const engine = await openMemoryWarehouse();
  await engine.exec(COST_DDL);
  // the warehouse numbers persons (person_key BIGINT); the tests' names are their pseudonyms, numbered in order
  const names = [...new Set([...o.persons.map((p) => p.key), ...o.costs.map((c) => c.person)])].sort();
  const key = (name: string) => BigInt(names.indexOf(name) + 1);
  await engine.append(
    'person',
    ['person_key', 'pseudonym', 'birth_year', 'birth_month', 'sex', 'country', 'id_scheme'],
    o.persons.map((p) => [key(p.key), p.key, p.born, 6, p.sex ?? 'F', 'DK', 'cpr']),
  );
  await engine.append(
    'cost_person',
    [
      'period',
      'municipality',
      'person_key',
      'catalogue_code',
      'department',
      'sector',
      'law_ref',
      'method',
      'unit',
      'volume',
      'cost_minor',
    ],
    o.costs.map((c) => [
      c.period ?? '2024',
      '851',
      key(c.person),
      c.code,
      c.department,
      c.sector ?? 'municipal',
      c.law ?? null,
      c.sector === 'regional' ? 'kmf' : 'kpb',
      'day',
      c.volume ?? 1,
      BigInt(Math.round(c.kr * 100)),
    ]),
  );
  if (o.attributes?.length)
    await engine.append(
      'person_attribute',
      ['import_id', 'person_key', 'attribute', 'value', 'from_date', 'to_date'],
      o.attributes.map((a) => [1, key(a.person), a.attribute, a.value, '2020-01-01', null]),
    );
  if (o.population?.length)
    await engine.append(
      'population',
      ['import_id', 'municipality', 'year', 'age', 'sex', 'count'],
      o.population.map((p) => [1, '851', 2024, p.age, 'F', p.count]),
    );
  if (o.units?.length)
    await engine.append(
      'cost_unit',
      [
        'period',
        'municipality',
        'catalogue_code',
        'unit',
        'volume',
        'direct_minor',
        'admin_minor',
        'other_common_minor',
        'total_minor',
        'unit_cost_minor',
        'persons',
      ],
      o.units,
    );
  return engine;
}
