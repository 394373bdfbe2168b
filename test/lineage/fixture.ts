/**
 * A small workspace of source files for lineage: 18 persons (six kinds, three of each) living in 851, services under three costing
 * methods (price, record amount, KPB from the ledger), a ledger, hospital and GP contacts, target groups
 * and the population; `tvaerblik run` turns them into every published table. Synthetic CPR numbers only.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { runAnalyses } from '../../src/analysis/index.js';
import { costingWorkspace } from '../../src/cli/costing-default.js';
import type { Workspace } from '../../src/config/workspace.js';
import { runCosting } from '../../src/costing/index.js';
import { seededRandom, syntheticCpr } from '../../src/ids/synthetic.js';
import { importSources } from '../../src/ingest/index.js';
import { openWarehouse } from '../../src/model/warehouse.js';
import { runTrajectories } from '../../src/trajectories/index.js';
import { quietOutput } from '../costing/helpers.js';
import { TEST_KEY } from '../ingest/helpers.js';

const rnd = seededRandom(18);
const born = (y: number, m: number, d: number, sex: 'F' | 'M') =>
  syntheticCpr(new Date(Date.UTC(y, m - 1, d)), sex, rnd);
/** Six kinds of person (P1 … P6), three of each (copy 0, 1, 2), so every published cell has ≥ 3 persons. */
const KINDS = [
  [1960, 3, 'F'],
  [1970, 6, 'M'],
  [1980, 9, 'F'],
  [1990, 1, 'M'],
  [1975, 4, 'F'],
  [1985, 7, 'M'],
] as const;
/** CPR[copy][kind]: synthetic CPR numbers, all aged 18–64 in 2024. */
export const PERSONS = [0, 1, 2].map((copy) =>
  KINDS.map(([y, m, sex], k) => born(y, m, 1 + copy * 6 + k, sex)),
);
/** Every synthetic CPR number of the fixture. */
export const CPR = PERSONS.flat();
const each = (rows: (p: string[], copy: number) => string[]) => PERSONS.flatMap((p, copy) => rows(p, copy));

/** The extracts by file name (relative to the workspace). */
export const FILES: Record<string, string> = {
  'extracts/bopael.csv': `cpr;kommune;fra\n${CPR.map((c) => `${c};851;01.01.2000`).join('\n')}\n`,
  'extracts/befolkning.csv':
    'kommune,aar,alder,koen,antal\n851,2024,30,K,40\n851,2024,30,M,35\n851,2024,50,K,25\n',
  // SEL-83-PP: price 450 kr./hour; SEL-95: the row's amount; SEL-104: KPB from the ledger
  'extracts/ydelser.csv': [
    'cpr;kode;fra;til;antal;beloeb',
    ...each(([P1, P2, P3, P4, P5, P6]) => [
      `${P1};SEL-83-PP;01-01-2024;31-12-2024;100;`,
      `${P2};SEL-83-PP;01-01-2024;31-12-2024;200;`,
      `${P3};SEL-83-PP;01-01-2024;31-12-2024;50;`,
      `${P1};SEL-95;01-01-2024;31-12-2024;10;10000`,
      `${P4};SEL-95;01-01-2024;31-12-2024;20;20000`,
      `${P4};SEL-104;01-01-2024;31-12-2024;100;`,
      `${P5};SEL-104;01-01-2024;31-12-2024;100;`,
      `${P6};SEL-104;01-01-2024;31-12-2024;100;`,
    ]),
    '',
  ].join('\n'),
  'extracts/maalgruppe.csv': `cpr;gruppe;fra\n${each((p) => [3, 4, 5].map((k) => `${p[k]};Sindslidelse;01-01-2020`)).join('\n')}\n`,
  // øre: SEL-104 direct 9 000 000,00 kr.; administration 900 000,00 kr.; a café 150 000,00 kr.; user fees excluded
  'extracts/finans.csv':
    'art;funktion;beloeb\n5110;AK;900000000\n5110;ADM;90000000\n5110;CAFE;15000000\n8800;AK;-3000000\n',
  'extracts/sygehus.csv': [
    'cpr;id;sygehus;akut;ind;ud;kmf',
    ...each(([P1, P2, , , P5], c) => [
      `${P1};K1${c};AUH;ja;03-02-2024 14:30;05-02-2024 10:00;1000`,
      `${P1};K2${c};AUH;ja;10-02-2024 08:00;12-02-2024 10:00;1500`,
      `${P2};K3${c};AUH;ja;01-03-2024 08:00;04-03-2024 10:00;2000`,
      `${P5};K4${c};AUH;nej;01-05-2024 08:00;03-05-2024 10:00;500`,
    ]),
    '',
  ].join('\n'),
  'extracts/praksis.csv': `cpr;dato;kmf_oere\n${each(([P1, P2, P3]) => [`${P1};20240301;10000`, `${P2};20240401;20000`, `${P3};20240501;30000`]).join('\n')}\n`,
  // a local code the code list does not map (XYZ): the data-quality list of unmapped codes
  'extracts/andet.csv': `cpr;kode;fra;til;antal\n${each(([P1]) => [`${P1};XYZ;01-01-2024;31-12-2024;1`]).join('\n')}\n`,
  'mappings/koder.csv': 'local_code;catalogue_code;text\nABC;SEL-95;Borgerstyret personlig assistance\n',
  'mappings/translation.csv': `priority,account,activity,responsibility,project,counterpart,target_type,target,reason
10,5000-5999,AK,,,,intervention,SEL-104,
20,88*,*,,,,excluded,,user_fee_not_deducted
10,*,ADM,,,,pool,ADM,
10,*,CAFE,,,,nonattributable,open_cafe,
`,
};

const csv = { delimiter: ';' };
/** A service extract of the department Social (cpr;kode;fra;til;antal …) with its code column(s). */
const service = (id: string, columns: Record<string, unknown>) => ({
  id,
  file: `extracts/${id}.csv`,
  format: 'csv',
  csv,
  department: 'Social',
  period: '2024',
  target: 'service',
  municipality: '851',
  columns: {
    person_id: 'cpr',
    start_date: { column: 'fra', format: 'dd-mm-yyyy' },
    end_date: { column: 'til', format: 'dd-mm-yyyy' },
    volume: 'antal',
    ...columns,
  },
});
const CONFIG = {
  country: 'DK',
  currency: 'DKK',
  municipalities: ['851'],
  periods: [{ id: '2024', from: '2024-01-01', to: '2024-12-31' }],
  pseudonymisation: { key_file: 'secrets/pseudonym.key' },
  suppression: { threshold: 3 },
  catalogue: 'dk',
  warehouse: 'warehouse/tvaerblik.duckdb',
  sources: [
    {
      id: 'bopael',
      file: 'extracts/bopael.csv',
      format: 'csv',
      csv,
      target: 'residence',
      columns: {
        person_id: 'cpr',
        municipality: 'kommune',
        from_date: { column: 'fra', format: 'dd.mm.yyyy' },
      },
    },
    {
      id: 'befolkning',
      file: 'extracts/befolkning.csv',
      format: 'csv',
      target: 'population',
      columns: {
        municipality: 'kommune',
        year: 'aar',
        age: 'alder',
        sex: { column: 'koen', values: { K: 'F', M: 'M' } },
        count: 'antal',
      },
    },
    service('ydelser', {
      catalogue_code: 'kode',
      amount: { column: 'beloeb', money: 'kr' },
    }),
    { ...service('andet', { local_code: 'kode' }), codes: 'mappings/koder.csv' },
    {
      id: 'maalgruppe',
      file: 'extracts/maalgruppe.csv',
      format: 'csv',
      csv,
      department: 'Social',
      target: 'person_attribute',
      columns: {
        person_id: 'cpr',
        attribute: { value: 'target_group' },
        value: { column: 'gruppe', values: { Sindslidelse: 'mental_illness' } },
        from_date: { column: 'fra', format: 'dd-mm-yyyy' },
      },
    },
    {
      id: 'finans',
      file: 'extracts/finans.csv',
      format: 'csv',
      csv,
      period: '2024',
      municipality: '851',
      target: 'ledger',
      columns: { account: 'art', activity: 'funktion', amount: { column: 'beloeb', money: 'ore' } },
    },
    {
      id: 'sygehus',
      file: 'extracts/sygehus.csv',
      format: 'csv',
      csv,
      sector: 'regional',
      period: '2024',
      target: 'hospital_contact',
      columns: {
        person_id: 'cpr',
        contact_id: 'id',
        hospital: 'sygehus',
        acute: 'akut',
        admit_time: { column: 'ind', format: 'dd-mm-yyyy HH:MM' },
        discharge_time: { column: 'ud', format: 'dd-mm-yyyy HH:MM' },
        kmf: { column: 'kmf', money: 'kr' },
      },
    },
    {
      id: 'praksis',
      file: 'extracts/praksis.csv',
      format: 'csv',
      csv,
      sector: 'regional',
      period: '2024',
      target: 'gp_contact',
      columns: {
        person_id: 'cpr',
        contact_date: { column: 'dato', format: 'yyyymmdd' },
        kmf: { column: 'kmf_oere', money: 'ore' },
      },
    },
  ],
  costing: {
    translation_table: 'mappings/translation.csv',
    pools: [{ id: 'ADM', kind: 'administration', key: 'direct_cost', targets: ['SEL-104'] }],
    methods: [
      { codes: ['SEL-83-PP'], method: 'price', price: 450 },
      { codes: ['SEL-95'], method: 'record_amount' },
      { codes: ['SEL-104'], method: 'kpb' },
    ],
  },
  analysis: {
    top_shares: [10, 50],
    // the persons with day activities (P4, P5, P6) as an overlap group and, with their target group, a result
    overlap_groups: [
      { id: 'aktivitet', label: { da: 'Aktivitet', sv: 'Aktivitet', en: 'Activity' }, codes: ['SEL-104'] },
    ],
    results: [
      { id: 'sindslidelse', attribute: 'target_group', values: ['mental_illness'], codes: ['SEL-104'] },
    ],
  },
};

/** Write the workspace to a fresh folder; returns its folder. */
export function writeLineageWorkspace(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tvaerblik-lineage-'));
  for (const d of ['extracts', 'mappings', 'secrets', 'warehouse', 'reports']) mkdirSync(path.join(dir, d));
  writeFileSync(path.join(dir, 'secrets', 'pseudonym.key'), TEST_KEY);
  writeFileSync(path.join(dir, 'tvaerblik.yaml'), stringify(CONFIG));
  for (const [name, content] of Object.entries(FILES)) writeFileSync(path.join(dir, name), content);
  return dir;
}

/** Import, cost, trajectories and analyses into the workspace's warehouse (`tvaerblik run` before its report). */
export async function runStages(ws: Workspace): Promise<void> {
  const engine = await openWarehouse(ws);
  const out = quietOutput();
  try {
    await importSources(ws, engine, out);
    await runCosting(await costingWorkspace(ws, engine, out), engine, out);
    await runTrajectories(ws, engine, out);
    await runAnalyses(ws, engine, out);
  } finally {
    await engine.close();
  }
}
