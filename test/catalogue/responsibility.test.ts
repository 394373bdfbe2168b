import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  loadCatalogue,
  parseCatalogue,
  responsibleAt,
  searchCatalogue,
  serviceAt,
} from '../../src/catalogue/catalogue.js';
import { responsibilityRows, writeResponsibility } from '../../src/catalogue/responsibility.js';
import type { Engine } from '../../src/engine/engine.js';
import { openMemoryWarehouse } from '../../src/model/warehouse.js';
import { userErrorOf } from './user-error.js';

const dk = loadCatalogue('dk');

const base = { catalogue: 't', country: 'DK', version: '1', published: '2026-01-01' };
const rehab = {
  code: 'SUL-140',
  name: { da: 'Genoptræning', sv: 'Rehabilitering', en: 'Rehabilitation' },
  law: 'Sundhedsloven',
  paragraph: '§ 140',
  area: 'health',
  unit: 'visit',
  family: 'training',
  valid_from: '2007-01-01',
  valid_to: null,
  responsibility: [
    { from: '2007-01-01', sector: 'municipal' },
    { from: '2027-01-01', sector: 'regional', authority: 'region', verified: false },
  ],
};
const parse = (service: object) => parseCatalogue({ ...base, services: [service] }, 'x.yaml');

describe('responsibility by date in the catalogue', () => {
  it('moves rehabilitation after discharge (SUL § 140) to the region on 1 January 2027, as one service', () => {
    const before = responsibleAt(dk, 'SUL-140', '2026-12-31');
    const after = responsibleAt(dk, 'SUL-140', '2027-01-01');
    expect(before).toMatchObject({ sector: 'municipal', authority: 'municipality', to: '2026-12-31' });
    expect(after).toMatchObject({
      sector: 'regional',
      authority: 'region',
      from: '2027-01-01',
      verified: false,
    });
    // the same catalogue entry on both days: the service does not change, its payer does
    expect(serviceAt(dk, 'SUL-140', '2026-12-31')).toBe(serviceAt(dk, 'SUL-140', '2027-01-01'));
  });

  it('has a 2027 entry for the temporary places and the patient-oriented prevention that move', () => {
    for (const code of ['AEL-MO', 'SUL-119-PRF']) {
      expect(responsibleAt(dk, code, '2026-12-31')?.sector).toBe('municipal');
      expect(responsibleAt(dk, code, '2027-01-01')?.sector).toBe('regional');
    }
    // what does not move stays municipal: general prevention, other training, home nursing
    for (const code of ['SUL-119', 'AEL-GEN', 'SUL-138'])
      expect(responsibleAt(dk, code, '2027-06-01')?.sector).toBe('municipal');
    expect(responsibleAt(dk, 'SUL-REG-AP', '2027-06-01')).toMatchObject({
      sector: 'regional',
      authority: 'general_practice',
    });
  });

  it('fills responsibility from the sector shorthand, and the sector filter of search follows the date', () => {
    expect(serviceAt(dk, 'SEL-96', '2024-01-01')?.responsibility).toEqual([
      { from: '2007-01-01', to: null, sector: 'municipal', authority: 'municipality', verified: true },
    ]);
    const regional = (date: string) =>
      searchCatalogue(dk, 'genoptræning', 'da', { sector: 'regional', date }).map((s) => s.code);
    expect(regional('2026-06-01')).toEqual([]);
    expect(regional('2027-06-01')).toEqual(['SUL-140']);
  });

  it('names a misspelt responsibility key with "did you mean"', () => {
    const err = userErrorOf(() =>
      parse({ ...rehab, responsibility: [{ from: '2007-01-01', sectr: 'municipal' }] }),
    );
    expect(err.message).toContain('service SUL-140 (entry 1), responsibility[1]: unknown field "sectr"');
    expect(err.location.hint).toContain('did you mean "sector"?');
    const top = userErrorOf(() => parse({ ...rehab, responsibilty: [] }));
    expect(top.location.hint).toContain('did you mean "responsibility"?');
  });

  it('refuses responsibility that does not start on valid_from, goes back in time or mixes sector and authority', () => {
    const [first, second] = rehab.responsibility;
    expect(
      userErrorOf(() => parse({ ...rehab, responsibility: [{ ...first, from: '2008-01-01' }] })).message,
    ).toContain('starts 2008-01-01, not on valid_from 2007-01-01');
    expect(userErrorOf(() => parse({ ...rehab, responsibility: [second, first] })).message).toContain(
      'starts 2027-01-01, not on valid_from',
    );
    expect(
      userErrorOf(() => parse({ ...rehab, responsibility: [first, { ...second, from: '2007-01-01' }] }))
        .message,
    ).toContain('does not come after');
    expect(
      userErrorOf(() =>
        parse({ ...rehab, responsibility: [first, { ...second, authority: 'municipality' }] }),
      ).message,
    ).toContain('authority municipality belongs to the municipal sector, not regional');
    expect(userErrorOf(() => parse({ ...rehab, responsibility: undefined })).message).toContain('no sector');
    expect(userErrorOf(() => parse({ ...rehab, sector: 'regional' })).message).toContain(
      'sector regional differs',
    );
  });

  it('lists one row per period and joins versions of a code that keep their sector', () => {
    const rows = responsibilityRows(dk);
    expect(rows.filter((r) => r.code === 'SUL-140')).toEqual([
      {
        code: 'SUL-140',
        valid_from: '2007-01-01',
        valid_to: '2026-12-31',
        sector: 'municipal',
        authority: 'municipality',
        verified: true,
      },
      {
        code: 'SUL-140',
        valid_from: '2027-01-01',
        valid_to: null,
        sector: 'regional',
        authority: 'region',
        verified: false,
      },
    ]);
    // BES-RESS has two versions (a new law reference in 2020), one period of responsibility
    expect(rows.filter((r) => r.code === 'BES-RESS')).toHaveLength(1);
  });
});

describe('service_responsibility across 1 January 2027', () => {
  let engine: Engine;
  beforeEach(async () => {
    engine = await openMemoryWarehouse();
  });
  afterEach(async () => {
    await engine.close();
  });

  const service = (
    row: number,
    code: string,
    start: string,
    end: string | null,
    unit: string,
    vol: number | null,
  ) =>
    engine.exec(
      `INSERT INTO service (import_id, row_no, person_key, source_id, period, municipality, department, sector,
         catalogue_code, start_date, end_date, volume, unit)
       VALUES (1, $row, 1, 'care', NULL, '851', 'Sundhed', 'municipal', $c, CAST($s AS DATE), CAST($e AS DATE), $v, $u)`,
      { row, c: code, s: start, e: end, v: vol, u: unit },
    );

  it('splits a rehabilitation course at the date: one code, the municipality pays 2026, the region 2027', async () => {
    // a course of genoptræning 20 December 2026 – 10 January 2027, registered by the municipality
    await service(1, 'SUL-140', '2026-12-20', '2027-01-10', 'day', null);
    // single visits (no end) on each side of the date, and a code the catalogue does not know
    await service(2, 'SUL-140', '2026-12-31', null, 'visit', 1);
    await service(3, 'SUL-140', '2027-01-01', null, 'visit', 1);
    await service(4, 'LOCAL-X', '2027-01-05', null, 'visit', 1);
    await writeResponsibility(engine, dk);
    const rows = await engine.all(
      `SELECT row_no, catalogue_code, sector, authority, CAST(from_date AS VARCHAR) AS f, CAST(to_date AS VARCHAR) AS t,
              date_diff('day', from_date, to_date) + 1 AS days
       FROM service_responsibility ORDER BY row_no, from_date`,
    );
    expect(rows).toEqual([
      // 20–31 December 2026 = 12 days municipal; 1–10 January 2027 = 10 days regional; 12 + 10 = 22 days
      {
        row_no: 1n,
        catalogue_code: 'SUL-140',
        sector: 'municipal',
        authority: 'municipality',
        f: '2026-12-20',
        t: '2026-12-31',
        days: 12n,
      },
      {
        row_no: 1n,
        catalogue_code: 'SUL-140',
        sector: 'regional',
        authority: 'region',
        f: '2027-01-01',
        t: '2027-01-10',
        days: 10n,
      },
      {
        row_no: 2n,
        catalogue_code: 'SUL-140',
        sector: 'municipal',
        authority: 'municipality',
        f: '2026-12-31',
        t: '2026-12-31',
        days: 1n,
      },
      {
        row_no: 3n,
        catalogue_code: 'SUL-140',
        sector: 'regional',
        authority: 'region',
        f: '2027-01-01',
        t: '2027-01-01',
        days: 1n,
      },
      {
        row_no: 4n,
        catalogue_code: 'LOCAL-X',
        sector: 'municipal',
        authority: null,
        f: '2027-01-05',
        t: '2027-01-05',
        days: 1n,
      },
    ]);
    // priced at 450 kr a day the course costs 22 × 450 = 9,900 kr: 12 × 450 = 5,400 kr municipal, 10 × 450 = 4,500 kr regional
    const bySector = await engine.all(
      `SELECT sector, CAST(sum((date_diff('day', from_date, to_date) + 1) * 45000) AS BIGINT) AS cost_minor
       FROM service_responsibility WHERE row_no = 1 GROUP BY sector ORDER BY sector`,
    );
    expect(bySector).toEqual([
      { sector: 'municipal', cost_minor: 540000n },
      { sector: 'regional', cost_minor: 450000n },
    ]);
  });
});
