import type { CostRow } from './fixture.js';

/**
 * Five persons, hand-computed (kr): A 10,000 · B 20,000 · C 30,000 · D 40,000 · E 400,000 (municipal);
 * E also 50,000 regional. Departments: A {ÆH}; B {ÆH, FB}; C {FB}; D {ÆH, SK, FB}; E {ÆH}.
 */
export const tinyPersons = ['A', 'B', 'C', 'D', 'E'].map((key) => ({ key, born: 1990, sex: 'F' as const }));

export const tinyCosts: CostRow[] = [
  { person: 'A', code: 'SEL-83-PP', department: 'ÆH', kr: 10_000, law: 'Serviceloven § 83' },
  { person: 'B', code: 'SEL-83-PP', department: 'ÆH', kr: 5_000, law: 'Serviceloven § 83' },
  { person: 'B', code: 'BES-SDP', department: 'FB', kr: 15_000, law: 'Sygedagpengeloven' },
  { person: 'C', code: 'BES-SDP', department: 'FB', kr: 30_000, law: 'Sygedagpengeloven' },
  { person: 'D', code: 'SEL-83A', department: 'ÆH', kr: 10_000, law: 'Serviceloven § 83 a' },
  { person: 'D', code: 'SUL-140', department: 'SK', kr: 10_000, law: 'Sundhedsloven § 140' },
  { person: 'D', code: 'BES-SDP', department: 'FB', kr: 20_000, law: 'Sygedagpengeloven' },
  { person: 'E', code: 'SEL-96', department: 'ÆH', kr: 400_000, law: 'Serviceloven § 96' },
  { person: 'E', code: 'SUL-REG-SOM-IND', department: 'Region', kr: 50_000, sector: 'regional' },
];

export const tinyAttributes = [
  ...['B', 'C', 'D'].map((person) => ({
    person,
    attribute: 'benefit_status',
    value: 'sickness_benefit_long_term',
  })),
  { person: 'E', attribute: 'target_group', value: 'physical_disability' },
  { person: 'A', attribute: 'target_group', value: 'mental_illness' },
];

export const tinyConfig = `
analysis:
  headline: { age_from: 18, age_to: 64, top_pct: 20, bottom_pct: 60 }
  top_shares: [20, 40]
  quadrant: { municipal: { amount: 250000 }, regional: { amount: 25000 } }
  overlap_groups:
    - { id: long_term_sickness, attribute: benefit_status, values: [sickness_benefit_long_term], department: FB }
    - { id: inferred_department, attribute: benefit_status, values: [sickness_benefit_long_term], min_weeks: 52 }
    - { id: spell_too_short, attribute: benefit_status, values: [sickness_benefit_long_term], min_weeks: 300 }
`;
