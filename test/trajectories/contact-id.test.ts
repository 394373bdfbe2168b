import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { seededRandom, syntheticCpr } from '../../src/ids/synthetic.js';
import { importSources } from '../../src/ingest/index.js';
import { openMemoryWarehouse } from '../../src/model/warehouse.js';
import { makeWorkspace, testOutput } from '../ingest/helpers.js';

const rnd = seededRandom(12);
const A = syntheticCpr(new Date(Date.UTC(1944, 2, 3)), 'F', rnd);
const B = syntheticCpr(new Date(Date.UTC(1950, 5, 7)), 'M', rnd);

const HEADER = 'cpr;sygehus;afsnit;akut;ind;ud';
// A has two contacts starting at the same minute in the same unit (an emergency and a bed ward record)
const ROWS = [
  `${A};AUH;Akut;ja;03-02-2024 14:30;03-02-2024 18:00`,
  `${A};AUH;Akut;ja;03-02-2024 14:30;05-02-2024 10:00`,
  `${A};AUH;Med;ja;03-02-2024 14:30;04-02-2024 10:00`,
  `${B};AUH;Akut;nej;04-02-2024 08:00;`,
];

function hospitalWorkspace(rows: string[], contactId = false) {
  return makeWorkspace({
    sources: [
      {
        id: 'sygehus',
        file: 'extracts/sygehus.csv',
        format: 'csv',
        target: 'hospital_contact',
        period: '2024',
        csv: { delimiter: ';' },
        columns: {
          person_id: 'cpr',
          ...(contactId ? { contact_id: 'id' } : {}),
          hospital: 'sygehus',
          hospital_unit: 'afsnit',
          acute: 'akut',
          admit_time: { column: 'ind', format: 'dd-mm-yyyy HH:MM' },
          discharge_time: { column: 'ud', format: 'dd-mm-yyyy HH:MM' },
        },
      },
    ],
    files: { 'extracts/sygehus.csv': [contactId ? `${HEADER};id` : HEADER, ...rows].join('\n') },
  });
}

const engines: Engine[] = [];
afterEach(async () => {
  for (const e of engines.splice(0)) await e.close();
});

async function load(rows: string[], contactId = false) {
  const engine = await openMemoryWarehouse();
  engines.push(engine);
  const s = await importSources(hospitalWorkspace(rows, contactId), engine, testOutput());
  const contacts = await engine.all<{
    contact_id: string;
    person_key: string;
    hospital_unit: string;
    admit: string;
    discharge: string | null;
  }>(
    `SELECT contact_id, p.pseudonym AS person_key, hospital_unit, strftime(admit_time, '%Y-%m-%dT%H:%M:%S') AS admit,
            CAST(discharge_time AS VARCHAR) AS discharge
     FROM hospital_contact h JOIN person p USING (person_key) ORDER BY admit_time, hospital_unit, discharge_time`,
  );
  return { summary: s, contacts };
}

/** The documented id, computed independently: derived-<16 hex of md5(person|start|hospital|unit)>-<ordinal>. */
const expected = (personKey: string, admit: string, hospital: string, unit: string, ordinal: number) =>
  `derived-${createHash('md5').update(`${personKey}|${admit}|${hospital}|${unit}`).digest('hex').slice(0, 16)}-${ordinal}`;

describe('a hospital file without a contact id', () => {
  it('loads with an id derived from person, start and unit; same start and unit get ordinals by discharge', async () => {
    const { summary, contacts } = await load(ROWS);
    expect(summary.sources[0]).toMatchObject({ status: 'loaded', rows_loaded: 4 });
    const [a1, a2, aMed, b] = contacts;
    expect(contacts.map((c) => c.contact_id)).toEqual([
      expected(a1!.person_key, '2024-02-03T14:30:00', 'AUH', 'Akut', 1), // discharged 3 Feb: first
      expected(a1!.person_key, '2024-02-03T14:30:00', 'AUH', 'Akut', 2), // discharged 5 Feb: second
      expected(aMed!.person_key, '2024-02-03T14:30:00', 'AUH', 'Med', 1),
      expected(b!.person_key, '2024-02-04T08:00:00', 'AUH', 'Akut', 1),
    ]);
    expect(a1!.discharge).toBe('2024-02-03 18:00:00');
    expect(a2!.discharge).toBe('2024-02-05 10:00:00');
    expect(new Set(contacts.map((c) => c.contact_id)).size).toBe(4);
    // no raw person id in the derived id
    for (const c of contacts) expect(c.contact_id).not.toContain(A.replace('-', '').slice(0, 6));
  });

  it('gives the same ids when the same rows are imported again, in another order', async () => {
    const first = (await load(ROWS)).contacts.map((c) => c.contact_id);
    const again = (await load([...ROWS].reverse())).contacts.map((c) => c.contact_id);
    expect(again).toEqual(first);
  });

  it('keeps a mapped contact id and derives one only for an empty cell', async () => {
    const rows = [`${ROWS[0]};K1`, `${ROWS[3]};`];
    const { contacts } = await load(rows, true);
    expect(contacts.map((c) => c.contact_id)).toEqual([
      'K1',
      expected(contacts[1]!.person_key, '2024-02-04T08:00:00', 'AUH', 'Akut', 1),
    ]);
  });
});
