import { z } from 'zod';
import { parseSection } from '../config/validate.js';

/**
 * The `trajectories:` block of tvaerblik.yaml. Every threshold of the national definitions is a
 * setting with the national value as default; docs/trajectories.md explains each one and its source.
 */

/** A diagnosis pattern: a prefix ('DC') or an inclusive range over equal-length prefixes ('DX60-DX84'). */
const diagnosisPattern = z
  .string()
  .regex(/^[A-Z0-9]+(-[A-Z0-9]+)?$/, 'write an SKS/ICD-10 prefix such as DC or a range such as DX60-DX84')
  .refine((p) => !p.includes('-') || p.split('-')[0]!.length === p.split('-')[1]!.length, {
    message: 'both ends of a range must have the same length, e.g. DX60-DX84',
  });

export const ExclusionGroupSchema = z.object({
  /** a name shown in reports, e.g. cancer */
  group: z.string().regex(/^[a-z][a-z0-9_]*$/, 'use a lower-case word such as cancer'),
  diagnoses: z.array(diagnosisPattern).min(1),
});

/**
 * The national exclusions for acute readmissions (Sundhedsdatastyrelsen's indicator): stays whose primary
 * diagnosis is one of these are neither index admissions nor readmissions. SKS codes: 'D' + ICD-10.
 */
export const DEFAULT_EXCLUSIONS: z.infer<typeof ExclusionGroupSchema>[] = [
  { group: 'cancer', diagnoses: ['DC', 'DD00-DD09', 'DD37-DD48'] },
  { group: 'birth', diagnoses: ['DO', 'DZ37', 'DZ38', 'DZ39'] },
  { group: 'accident', diagnoses: ['DS', 'DT00-DT35', 'DT66-DT79', 'DV', 'DW'] },
  { group: 'poisoning', diagnoses: ['DT36-DT65'] },
  { group: 'violence', diagnoses: ['DX85-DX99', 'DY00-DY09'] },
  { group: 'suicide_attempt', diagnoses: ['DX60-DX84'] },
  { group: 'hospice', diagnoses: ['DZ515'] },
];

/** Indicators of cluster_indicator, and whether a lower value is the better one. */
export const INDICATORS = {
  admissions_per_1000_65plus: 'lower',
  acute_readmissions_per_1000_65plus: 'lower',
  readmission_rate_pct: 'lower',
  services_per_citizen: 'lower',
  hospital_contacts_per_citizen: 'lower',
  gp_contacts_per_citizen: 'lower',
  municipal_services_per_citizen: 'lower',
  regional_services_per_citizen: 'lower',
  home_care_after_discharge_pct: 'higher',
  follow_up_after_discharge_pct: 'higher',
  cost_per_citizen_municipal: 'lower',
  cost_per_citizen_regional: 'lower',
} as const;
export type Indicator = keyof typeof INDICATORS;
const indicatorNames = Object.keys(INDICATORS) as [Indicator, ...Indicator[]];

export const TRANSITION_KINDS = ['home_care', 'home_nursing', 'rehabilitation', 'temporary_stay'] as const;
export type TransitionKind = (typeof TRANSITION_KINDS)[number];

/** The bases of the regional rows of cost_person: KMF, the DRG/DAGS value, or KMF where it exists. */
export const REGIONAL_COST_BASES = ['auto', 'kmf', 'drg'] as const;

const municipalityCode = z.string().regex(/^\d{3,4}$/, 'a municipality code is 3 (DK) or 4 (SE) digits');

export const TrajectoriesConfigSchema = z.strictObject({
  /** contacts overlapping or at most this many hours apart form one stay (national definition: 4) */
  stay_gap_hours: z.number().nonnegative().default(4),
  /** a stay of at least this many hours is an admission (national definition: 12) */
  admission_hours: z.number().positive().default(12),
  /** an acute admission within this many days of a discharge is a readmission (national: 30) */
  readmission_days: z.number().int().positive().default(30),
  /** readmission indicator for somatic stays (national) or for psychiatric stays as well */
  readmission_scope: z.enum(['somatic', 'all']).default('somatic'),
  /** the diagnosis groups excluded from index admissions and readmissions */
  exclusions: z.array(ExclusionGroupSchema).default(DEFAULT_EXCLUSIONS),
  /** the last day of complete hospital data; default: the day of the latest discharge in the warehouse */
  data_end: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'write the date as YYYY-MM-DD')
    .optional(),
  /** municipal follow-up counts when the first service starts within this many days of discharge */
  follow_up_days: z.number().int().nonnegative().default(14),
  /** catalogue codes per follow-up kind; default: from the catalogue (home_care, nursing, § 140, temporary_stay) */
  follow_up_codes: z.partialRecord(z.enum(TRANSITION_KINDS), z.array(z.string()).min(1)).default({}),
  /** chronic conditions (person_attribute 'chronic_condition') needed for "several chronic conditions" */
  multimorbid_min_conditions: z.number().int().min(1).default(2),
  /** health clusters (sundhedsklynger): cluster name → municipality codes */
  clusters: z.record(z.string(), z.array(municipalityCode).min(1)).default({}),
  /** a target per indicator; met when the value is at or below (at or above for shares of follow-up) */
  targets: z.partialRecord(z.enum(indicatorNames), z.number()).default({}),
  kmf: z
    .strictObject({
      /** a rate table id shipped in rates/ (e.g. kmf-dk) or a path relative to the workspace */
      rate_table: z.string().default('kmf-dk'),
      /** invoice difference per municipality and period (kr) reported as a deviation above this */
      tolerance_kr: z.number().nonnegative().default(1),
    })
    .default({ rate_table: 'kmf-dk', tolerance_kr: 1 }),
  /** the regional cost of hospital and practice contacts: KMF, or the DRG/DAGS value (docs/reform-2027.md) */
  regional_cost: z
    .strictObject({
      /** which basis cost_person's regional rows use: auto = KMF for the years the KMF table covers, DRG otherwise */
      basis: z.enum(REGIONAL_COST_BASES).default('auto'),
      /** a DRG/DAGS table id shipped in rates/ (e.g. drg-dk) or a path relative to the workspace */
      drg_table: z.string().default('drg-dk'),
      /** which value wins when a contact has both: the table's tariff for its group, or its own tariff */
      prefer: z.enum(['rate_table', 'contact_tariff']).default('rate_table'),
    })
    .default({ basis: 'auto', drg_table: 'drg-dk', prefer: 'rate_table' }),
  /** direct age/sex standardisation of readmission rates to a reference population */
  standardisation: z
    .strictObject({
      /** population year used as reference; default: the year of the first period */
      year: z.number().int().optional(),
      /** municipalities whose population is the reference; default: all in the population table */
      municipalities: z.array(municipalityCode).optional(),
    })
    .optional(),
  /** age bands (lower bounds) for rates; the last band is open-ended */
  age_bands: z
    .array(z.number().int().nonnegative())
    .min(1)
    .refine((a) => a[0] === 0 && a.every((x, i) => i === 0 || x > a[i - 1]!), {
      message: 'start at 0 and increase, e.g. [0, 18, 65, 80]',
    })
    .default([0, 18, 65, 80]),
});

export type TrajectoriesConfig = z.infer<typeof TrajectoriesConfigSchema>;

/**
 * Validate the free `trajectories:` record of the workspace config the way tvaerblik.yaml is checked
 * (config/validate.ts): an error names the file, the key path, the valid keys and the one meant.
 */
export function parseTrajectoriesConfig(raw: unknown, file = 'tvaerblik.yaml'): TrajectoriesConfig {
  return parseSection(TrajectoriesConfigSchema, raw, 'trajectories', { file });
}
