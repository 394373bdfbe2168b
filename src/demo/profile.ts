/** The demo municipalities: size, age structure, departments and region. Figures cited in docs/demo.md. */
import { DK_SERVICES, SE_SERVICES, type ServiceSpec } from './services.js';

export interface Department {
  key: string;
  name: string;
}

export interface Profile {
  country: 'DK' | 'SE';
  currency: 'DKK' | 'SEK';
  municipality: string;
  municipalityName: string;
  region: { code: string; name: string };
  hospitals: { code: string; name: string; units: string[] }[];
  /** inhabitants at the default size */
  defaultPersons: number;
  /** relative weight of each age 0..100 (100 = 100 and over) */
  ageWeights: number[];
  departments: Department[];
  services: ServiceSpec[];
}

/** Age weights from 5-year band shares (per cent), spread evenly within the band. */
function bands(shares: number[]): number[] {
  const w: number[] = [];
  for (let a = 0; a <= 100; a++) {
    const band = Math.min(shares.length - 1, Math.floor(a / 5));
    const width = band === shares.length - 1 ? 101 - 5 * band : 5;
    w.push(shares[band]! / width);
  }
  return w;
}

// Aalborg: a student city, ≈62 % aged 18–64 (134,700 of ≈217,000).
const AALBORG_BANDS = [
  5.2, 5.3, 5.4, 6.3, 10.8, 8.8, 6.1, 5.7, 5.3, 5.6, 6.0, 5.8, 5.2, 4.8, 4.5, 3.7, 2.3, 1.1, 0.45, 0.15,
];
// adults 20–64 scaled so that ≈134,700 of them live in the municipality on 1 January
for (let band = 4; band <= 12; band++) AALBORG_BANDS[band] = AALBORG_BANDS[band]! * 1.11;
// A mid-sized Swedish county town.
const SE_BANDS = [
  5.6, 6.0, 6.2, 6.0, 6.4, 6.9, 6.7, 6.5, 6.3, 6.4, 6.6, 6.1, 5.7, 5.4, 5.3, 4.6, 3.2, 1.9, 0.8, 0.3,
];

export const DK_PROFILE: Profile = {
  country: 'DK',
  currency: 'DKK',
  municipality: '851',
  municipalityName: 'Aalborg (demo)',
  region: { code: '1081', name: 'Region Nordjylland' },
  hospitals: [
    {
      code: '8001',
      name: 'Aalborg Universitetshospital',
      units: ['Medicinsk afd.', 'Ortopædkirurgi', 'Kardiologi', 'Lungemedicin', 'Akutafdelingen', 'Geriatri'],
    },
    {
      code: '8003',
      name: 'Regionshospital Nordjylland',
      units: ['Medicinsk afd.', 'Ortopædkirurgi', 'Akutafdelingen'],
    },
    { code: '8008', name: 'Psykiatrien i Region Nordjylland', units: ['Voksenpsykiatri', 'Akutpsykiatri'] },
  ],
  defaultPersons: 217_000,
  ageWeights: bands(AALBORG_BANDS),
  departments: [
    { key: 'AH', name: 'Ældre- og Handicapforvaltningen' },
    { key: 'FB', name: 'Familie- og Beskæftigelsesforvaltningen' },
    { key: 'SK', name: 'Sundheds- og Kulturforvaltningen' },
  ],
  services: DK_SERVICES,
};

export const SE_PROFILE: Profile = {
  country: 'SE',
  currency: 'SEK',
  municipality: '1980',
  municipalityName: 'Västerås (demo)',
  region: { code: '19', name: 'Region Västmanland' },
  hospitals: [
    {
      code: 'VS01',
      name: 'Västmanlands sjukhus Västerås',
      units: ['Medicinkliniken', 'Ortopedkliniken', 'Akutkliniken', 'Geriatriken'],
    },
    { code: 'VS02', name: 'Västmanlands sjukhus Köping', units: ['Medicinkliniken', 'Rehabkliniken'] },
    { code: 'VS08', name: 'Psykiatrin Västmanland', units: ['Vuxenpsykiatri'] },
  ],
  defaultPersons: 160_000,
  ageWeights: bands(SE_BANDS),
  departments: [{ key: 'VOF', name: 'Vård- och omsorgsförvaltningen' }],
  services: SE_SERVICES,
};

export function profileFor(country: 'DK' | 'SE'): Profile {
  return country === 'DK' ? DK_PROFILE : SE_PROFILE;
}
