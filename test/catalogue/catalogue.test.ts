import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  AREAS,
  UNITS,
  loadCatalogue,
  parseCatalogue,
  searchCatalogue,
  serviceAt,
  type Catalogue,
  type CatalogueService,
} from '../../src/catalogue/catalogue.js';
import { userErrorOf } from './user-error.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const codes = (list: CatalogueService[]) => list.map((s) => s.code);

const dk = loadCatalogue('dk');
const se = loadCatalogue('se');

describe.each([
  ['dk', dk],
  ['se', se],
])('shipped catalogue %s', (id, catalogue: Catalogue) => {
  it('loads from its id with the file format fields', () => {
    expect(catalogue.catalogue).toBe(id);
    expect(catalogue.country).toBe(id.toUpperCase());
    expect(catalogue.version).toMatch(/^\d{4}\.\d+$/);
    expect(catalogue.source.endsWith(`catalogues/${id}.yaml`)).toBe(true);
  });

  it('uses only known units and areas and well-formed codes', () => {
    for (const s of catalogue.services) {
      expect(UNITS).toContain(s.unit);
      expect(AREAS).toContain(s.area);
      expect(s.code).toMatch(/^[A-Z0-9-]+$/);
    }
  });

  it('has at most one version of a code on any day', () => {
    const byCode = new Map<string, CatalogueService[]>();
    for (const s of catalogue.services) byCode.set(s.code, [...(byCode.get(s.code) ?? []), s]);
    for (const versions of byCode.values()) {
      for (const a of versions) {
        for (const b of versions) {
          if (a === b) continue;
          const overlap =
            a.valid_from <= (b.valid_to ?? '9999-12-31') && b.valid_from <= (a.valid_to ?? '9999-12-31');
          expect(overlap, `${a.code} ${a.valid_from} / ${b.valid_from}`).toBe(false);
        }
      }
    }
  });

  it('names every service in Danish, Swedish and English', () => {
    for (const s of catalogue.services) {
      expect(s.name.da.length * s.name.sv.length * s.name.en.length).toBeGreaterThan(0);
    }
  });
});

describe('Danish catalogue content', () => {
  it('covers the services the analyses need', () => {
    const required = [
      'SEL-83-PP',
      'SEL-83-PH',
      'SEL-83-MAD',
      'SEL-83A',
      'SEL-84-1',
      'SEL-85',
      'SEL-86-1',
      'SEL-95',
      'SEL-96',
      'SEL-97',
      'SEL-101',
      'SEL-102',
      'SEL-103',
      'SEL-104',
      'SEL-107',
      'SEL-108',
      'SEL-109',
      'SEL-110',
      'SEL-112',
      'SEL-113',
      'SEL-114',
      'SEL-116',
      'SEL-192',
      'AEL-PP',
      'AEL-PH',
      'SUL-119',
      'SUL-138',
      'SUL-140',
      'SUL-141',
      'SUL-142',
      'BL-30',
      'BL-32',
      'BL-46',
      'SEL-11',
      'SEL-52',
      'BES-SDP',
      'BES-RESS',
      'BES-JAF',
      'BES-FLEX',
      'BES-FTP',
    ];
    const present = new Set(codes(dk.services));
    expect(required.filter((c) => !present.has(c))).toEqual([]);
  });

  it('ends the elderly SEL §§ 83-86 codes the day before Ældreloven and keeps the others open', () => {
    const elderly = dk.services.filter((s) => s.code.startsWith('SEL-8') && s.code.endsWith('-AE'));
    expect(elderly.length).toBe(8);
    expect(new Set(elderly.map((s) => s.valid_to))).toEqual(new Set(['2025-06-30']));
    expect(
      dk.services.filter((s) => s.law === 'Ældreloven').every((s) => s.valid_from === '2025-07-01'),
    ).toBe(true);
    expect(serviceAt(dk, 'SEL-83-PP', '2030-01-01')?.area).toBe('disability');
  });

  it('ends the old children paragraphs when Barnets lov started', () => {
    for (const code of ['SEL-11', 'SEL-52', 'SEL-52-ANB', 'SEL-58']) {
      expect(serviceAt(dk, code, '2023-12-31')?.code).toBe(code);
      expect(serviceAt(dk, code, '2024-01-01')).toBeUndefined();
    }
    expect(serviceAt(dk, 'BL-46', '2024-01-01')?.paragraph).toBe('§ 46');
  });

  it('groups more than one kind of training under family training', () => {
    const training = dk.services.filter((s) => s.family === 'training').map((s) => s.code);
    expect(training).toEqual(
      expect.arrayContaining(['SEL-83A', 'SEL-86-1', 'SEL-86-2', 'SUL-140', 'AEL-GEN']),
    );
  });

  it('has the six regional health services with sector regional', () => {
    const regional = dk.services.filter((s) => s.sector === 'regional');
    expect(regional.length).toBe(6);
    expect(regional.every((s) => s.area === 'regional_health')).toBe(true);
  });
});

describe('Swedish catalogue content', () => {
  it('keeps granted and performed home-care hours apart', () => {
    expect(serviceAt(se, 'SOL-HT-BEV', '2024-05-01')?.unit).toBe('hour_granted');
    expect(serviceAt(se, 'SOL-HT-UTF', '2024-05-01')?.unit).toBe('hour_performed');
  });

  it('has every LSS 9 § intervention, råd och stöd as a regional task', () => {
    const paragraphs = new Set(
      se.services.filter((s) => s.area === 'lss' && s.code.startsWith('LSS')).map((s) => s.paragraph),
    );
    for (let n = 1; n <= 10; n++) expect(paragraphs.has(`9 § ${n}`)).toBe(true);
    expect(serviceAt(se, 'LSS-9-1', '2024-01-01')?.sector).toBe('regional');
  });

  it('uses only the four KPB areas', () => {
    expect(new Set(se.services.map((s) => s.area))).toEqual(
      new Set(['ordinary_housing', 'special_housing', 'lss', 'hsl']),
    );
  });

  it('switches assistance allowance from LASS to SFB on 2011-01-01', () => {
    expect(serviceAt(se, 'SFB-ASS', '2010-12-31')?.law).toBe('LASS (1993:389)');
    expect(serviceAt(se, 'SFB-ASS', '2011-01-01')?.paragraph).toBe('51 kap.');
  });
});

const referenceDir = fileURLToPath(new URL('../../../shared/domain/reference/', import.meta.url));

describe.skipIf(!existsSync(referenceDir))('FSIII and FFB codes', () => {
  function codesOf(file: string): Set<string> {
    const found = new Set<string>();
    const walk = (concepts: { code: string; concept?: unknown[] }[] | undefined) => {
      for (const c of concepts ?? []) {
        found.add(c.code);
        walk(c.concept as { code: string; concept?: unknown[] }[] | undefined);
      }
    };
    walk(JSON.parse(readFileSync(`${referenceDir}${file}`, 'utf8')).concept);
    return found;
  }

  it('exist in the reference code systems', () => {
    const fsiii = codesOf('CodeSystem-FSIII.json');
    const ffb = codesOf('CodeSystem-FFB.json');
    const used = dk.services.flatMap((s) => [
      ...s.fsiii.map((c) => ['fsiii', c]),
      ...s.ffb.map((c) => ['ffb', c]),
    ]);
    expect(used.length).toBeGreaterThan(20);
    const unknown = used.filter(([system, code]) => !(system === 'fsiii' ? fsiii : ffb).has(code!));
    expect(unknown).toEqual([]);
  });
});

describe('validation', () => {
  it('rejects a bad unit naming the file, the code and the field', () => {
    const err = userErrorOf(() => loadCatalogue(fixture('bad-unit.yaml')));
    expect(err.message).toContain('bad-unit.yaml');
    expect(err.message).toContain('service SEL-96');
    expect(err.message).toContain('field unit');
    expect(err.message).toContain('"hours"');
    expect(err.location.key).toBe('services.SEL-96.unit');
  });

  it('rejects a duplicate code with the same period', () => {
    const err = userErrorOf(() => loadCatalogue(fixture('duplicate-code.yaml')));
    expect(err.message).toContain('service SEL-85');
    expect(err.message).toContain('duplicate code');
    expect(err.message).toContain('field valid_from');
  });

  it('rejects versions of a code whose periods overlap by one day', () => {
    const err = userErrorOf(() => loadCatalogue(fixture('overlapping-versions.yaml')));
    expect(err.message).toContain('service SOL-HT-BEV');
    expect(err.message).toContain('overlaps');
  });

  it('rejects valid_to before valid_from', () => {
    const err = userErrorOf(() => loadCatalogue(fixture('reversed-period.yaml')));
    expect(err.message).toContain('service SEL-11, field valid_to');
  });

  it('accepts versions of a code that follow each other', () => {
    const c = loadCatalogue(fixture('versions-ok.yaml'));
    expect(serviceAt(c, 'BES-RESS', '2019-12-31')?.paragraph).toBe('§ 68 b');
    expect(serviceAt(c, 'BES-RESS', '2020-01-01')?.paragraph).toBe('§ 112');
    expect(serviceAt(c, 'BES-RESS', '2012-12-31')).toBeUndefined();
  });

  const base = {
    catalogue: 't',
    country: 'DK',
    version: '1',
    published: '2025-01-01',
  };
  const service = {
    code: 'SEL-96',
    name: { da: 'BPA', sv: 'BPA', en: 'BPA' },
    law: 'Serviceloven',
    paragraph: '§ 96',
    area: 'disability',
    sector: 'municipal',
    unit: 'hour_granted',
    family: 'personal_assistance',
    valid_from: '2007-01-01',
    valid_to: null,
  };

  it('rejects an unknown field (a typo) and a missing name language', () => {
    const typo = userErrorOf(() =>
      parseCatalogue({ ...base, services: [{ ...service, units: 'day' }] }, 'x.yaml'),
    );
    expect(typo.message).toContain('service SEL-96');
    expect(typo.message).toContain('units');
    const noEn = userErrorOf(() =>
      parseCatalogue({ ...base, services: [{ ...service, name: { da: 'BPA', sv: 'BPA' } }] }, 'x.yaml'),
    );
    expect(noEn.message).toContain('field name.en');
  });

  it('rejects a date that does not exist and a Swedish area in a Danish catalogue', () => {
    const badDate = userErrorOf(() =>
      parseCatalogue({ ...base, services: [{ ...service, valid_from: '2025-02-30' }] }, 'x.yaml'),
    );
    expect(badDate.message).toContain('field valid_from');
    const seArea = userErrorOf(() =>
      parseCatalogue({ ...base, services: [{ ...service, area: 'lss' }] }, 'x.yaml'),
    );
    expect(seArea.message).toContain('service SEL-96, field area');
  });

  it('rejects an unquoted version number with a hint to quote it', () => {
    const err = userErrorOf(() =>
      parseCatalogue({ ...base, version: 2025.2, services: [service] }, 'x.yaml'),
    );
    expect(err.message).toContain('field version');
    expect(err.message).toContain('quoted');
  });

  it('says which file was not found', () => {
    const err = userErrorOf(() => loadCatalogue('no-such-catalogue'));
    expect(err.message).toContain('no-such-catalogue.yaml');
  });
});

describe('searchCatalogue', () => {
  it('finds § 96 and ranks the paragraph match first', () => {
    expect(codes(searchCatalogue(dk, '§ 96', 'da'))).toEqual(['SEL-96']);
    expect(codes(searchCatalogue(dk, '§96', 'da'))).toEqual(['SEL-96']);
    expect(codes(searchCatalogue(dk, 'sel-96', 'en'))).toEqual(['SEL-96']);
  });

  it('finds BPA and "personlig assistance" by name', () => {
    expect(codes(searchCatalogue(dk, 'BPA', 'en'))).toEqual(['SEL-96']);
    expect(codes(searchCatalogue(dk, 'personlig assistance', 'da'))).toEqual(['SEL-96']);
  });

  it('finds hemtjänst with and without the accent, in any reader language', () => {
    const withAccent = codes(searchCatalogue(se, 'hemtjänst', 'sv'));
    expect(new Set(withAccent)).toEqual(new Set(['SOL-HT-BEV', 'SOL-HT-UTF']));
    expect(codes(searchCatalogue(se, 'HEMTJANST', 'en'))).toEqual(withAccent);
  });

  it('matches æ/ø/å written as ae/oe/aa or plain vowels', () => {
    const ael = codes(searchCatalogue(dk, 'ældreloven', 'da'));
    expect(ael.length).toBe(dk.services.filter((s) => s.law === 'Ældreloven').length);
    expect(codes(searchCatalogue(dk, 'aeldreloven', 'da'))).toEqual(ael);
    expect(codes(searchCatalogue(dk, 'forsorgshjem', 'da'))).toEqual(['SEL-110']);
    expect(codes(searchCatalogue(dk, 'afloesning', 'da'))).toContain('SEL-84-1');
    expect(codes(searchCatalogue(dk, 'aflosning', 'da'))).toContain('SEL-84-1');
  });

  it('keeps § 83 apart from § 83 a', () => {
    const p83 = codes(searchCatalogue(dk, '§ 83', 'da'));
    expect(p83).toContain('SEL-83-PP');
    expect(p83).not.toContain('SEL-83A');
    expect(codes(searchCatalogue(dk, '§ 83 a', 'da'))).toEqual(['SEL-83A', 'SEL-83A-AE']);
  });

  it('applies the date filter: elderly SEL § 83 until 2025-06-30, Ældreloven from 2025-07-01', () => {
    const before = codes(searchCatalogue(dk, '§ 83', 'da', { area: 'elderly', date: '2025-06-30' }));
    expect(before).toEqual(['SEL-83-MAD-AE', 'SEL-83-PH-AE', 'SEL-83-PP-AE']);
    expect(searchCatalogue(dk, '§ 83', 'da', { area: 'elderly', date: '2025-07-01' })).toEqual([]);
    const after = codes(
      searchCatalogue(dk, 'personlig pleje', 'da', { area: 'elderly', date: '2025-07-01' }),
    );
    expect(after).toEqual(['AEL-PP']);
    // below pension age SEL § 83 goes on
    expect(codes(searchCatalogue(dk, '§ 83', 'da', { date: '2025-07-01' }))).toEqual([
      'SEL-83-MAD',
      'SEL-83-PH',
      'SEL-83-PP',
    ]);
  });

  it('filters by sector and lists everything for an empty query', () => {
    // six regional services in 2026; from 2027 also SUL-140, AEL-MO and SUL-119-PRF (docs/reform-2027.md)
    expect(searchCatalogue(dk, '', 'da', { sector: 'regional', date: '2026-06-01' }).length).toBe(6);
    expect(searchCatalogue(dk, '', 'da', { sector: 'regional', date: '2027-01-01' }).length).toBe(9);
    expect(searchCatalogue(se, '', 'sv').length).toBe(se.services.length);
  });

  it('finds nothing for words that are not there', () => {
    expect(searchCatalogue(dk, 'hemtjänst', 'da')).toEqual([]);
  });
});
