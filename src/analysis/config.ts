import { z } from 'zod';
import { parseSection } from '../config/validate.js';
import type { Workspace } from '../config/workspace.js';
import { text } from '../core/messages.js';

/**
 * The `analysis:` block of tvaerblik.yaml. Money is written in major units (kr), as a user reads it;
 * the analyses convert to minor units once. docs/analyses.md explains every setting.
 */

const money = z.number().nonnegative();
const lowerBounds = z
  .array(z.number().int().nonnegative())
  .min(1)
  .refine((a) => a[0] === 0 && a.every((v, i) => i === 0 || v > a[i - 1]!), {
    message: 'list the lower bounds in rising order, starting with 0 (e.g. [0, 21, 51, 65])',
  });
const moneyBounds = z
  .array(money)
  .min(1)
  .refine((a) => a[0] === 0 && a.every((v, i) => i === 0 || v > a[i - 1]!), {
    message: 'list the lower bounds in kr in rising order, starting with 0 (e.g. [0, 50000, 100000])',
  });

/** A threshold that makes a person "expensive" in one sector: a quantile of that sector's persons, or an amount. */
const SectorThreshold = z.union([
  z.strictObject({ quantile: z.number().gt(0).lt(1) }),
  z.strictObject({ amount: money }),
]);

/** A chosen group of persons, by an attribute value or by receiving certain services. */
const ChosenGroup = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9_]+$/, 'use lower-case letters, digits and "_"'),
    label: z.strictObject({ da: z.string(), sv: z.string(), en: z.string() }).optional(),
    /** person_attribute name and the values that put a person in the group */
    attribute: z.string().optional(),
    values: z.array(z.string()).optional(),
    /** with attribute: the spell must have lasted this many weeks by the period's end (52 = long-term) */
    min_weeks: z.number().int().positive().optional(),
    /** catalogue codes (prefix* allowed) that put a person in the group */
    codes: z.array(z.string()).optional(),
    /** with codes: the least volume in the period (e.g. 52 weeks of sickness benefit) */
    min_volume: z.number().nonnegative().optional(),
    /** the group's own department; the overlap counts the other departments */
    department: z.string().optional(),
  })
  .refine((g) => (g.attribute ? 1 : 0) + (g.codes ? 1 : 0) === 1, {
    message: 'give either attribute (+ values) or codes for a group',
  });

const OutlierRule = z.union([
  z.strictObject({ rule: z.literal('quantile'), value: z.number().gt(0).lt(1) }),
  z.strictObject({ rule: z.literal('amount'), value: money }),
  z.strictObject({ rule: z.literal('median_multiple'), value: z.number().gt(1) }),
]);

const ResultMeasure = z.strictObject({
  id: z.string().regex(/^[a-z0-9_]+$/, 'use lower-case letters, digits and "_"'),
  label: z.strictObject({ da: z.string(), sv: z.string(), en: z.string() }).optional(),
  /** person_attribute holding the result (e.g. "regained_independence"); persons with one of `values` count */
  attribute: z.string(),
  values: z.array(z.string()).min(1),
  /** the services whose cost the result is set against (prefix* allowed); all when omitted */
  codes: z.array(z.string()).optional(),
});

export const AnalysisConfigSchema = z
  .strictObject({
    /** which costs the concentration, target-group and overlap analyses count: municipal (as Aalborg) or all */
    sector: z.enum(['municipal', 'all']).default('municipal'),
    /** a person at or above this yearly cost (kr) is resource-heavy (Aalborg: 250,000 DKK) */
    heavy_threshold: money.default(250_000),
    /** ages of the resource-heavy and interval-mix analyses (default: the headline's 18–64) */
    heavy_ages: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]).optional(),
    /** cost intervals (lower bounds in kr); default the KPB intervals 0–50,000 … ≥ 1,500,000 */
    cost_intervals: moneyBounds.default([
      0, 50_000, 100_000, 250_000, 500_000, 750_000, 1_000_000, 1_500_000,
    ]),
    /** cost shares of the most expensive x % of persons */
    top_shares: z.array(z.number().gt(0).lt(100)).default([1, 2, 5, 10]),
    /** the headline table: persons in an age range, the top x % and bottom y % with their shares */
    headline: z
      .strictObject({
        age_from: z.number().int().nonnegative().default(18),
        age_to: z.number().int().nonnegative().default(64),
        top_pct: z.number().gt(0).lt(100).default(2),
        bottom_pct: z.number().gt(0).lt(100).default(78),
      })
      .default({ age_from: 18, age_to: 64, top_pct: 2, bottom_pct: 78 }),
    /** age bands of the concentration and target-group analyses (lower bounds) */
    age_bands: lowerBounds.default([0, 18, 30, 50, 65, 80]),
    /** KPB consumption age groups (lower bounds): 0–20, 21–50, 51–64, 65–69 … 85–89, 90+ */
    consumption_age_groups: lowerBounds.default([0, 21, 51, 65, 70, 75, 80, 85, 90]),
    /**
     * age groups of the age-standardised benchmark (lower bounds, each one of consumption_age_groups);
     * default: the consumption age groups. Coarser groups do not publish more (docs/analyses.md, "Benchmarks")
     */
    benchmark_age_groups: lowerBounds.optional(),
    /** municipal × regional quadrant: who is expensive in each sector */
    quadrant: z
      .strictObject({ municipal: SectorThreshold, regional: SectorThreshold })
      .default({ municipal: { quantile: 0.9 }, regional: { quantile: 0.9 } }),
    /** chosen groups for the department overlap (e.g. long-term sickness-benefit recipients) */
    overlap_groups: z.array(ChosenGroup).optional(),
    /** catalogue families whose overlapping use (≥ 2 services in a period) the report shows first */
    overlap_families: z.array(z.string()).default(['training']),
    /** KPB user mix: the catalogue areas to split by (default SE: ordinary/special housing, LSS) */
    user_mix_areas: z.array(z.string()).optional(),
    /** KPB outliers (ytterfall) within each user-mix area */
    outliers: OutlierRule.default({ rule: 'quantile', value: 0.99 }),
    /** KPB results: cost per result where a result measure is supplied */
    results: z.array(ResultMeasure).default([]),
  })
  // a benchmark age group is a run of consumption groups (mart_benchmark sums their cells)
  .refine((c) => (c.benchmark_age_groups ?? []).every((b) => c.consumption_age_groups.includes(b)), {
    path: ['benchmark_age_groups'],
    message: 'every lower bound must also be one of consumption_age_groups (e.g. [0, 65, 80])',
  });

export type AnalysisConfig = z.infer<typeof AnalysisConfigSchema>;
export type ChosenGroupConfig = z.infer<typeof ChosenGroup>;

/** Default chosen groups: sickness-benefit spells of 52 weeks or more (DK; SE has none by default). */
export function defaultOverlapGroups(country: 'DK' | 'SE'): ChosenGroupConfig[] {
  if (country === 'SE') return [];
  return [
    {
      id: 'long_term_sickness_benefit',
      label: text('analysis-texts.group.long_term_sickness_benefit'),
      attribute: 'benefit_status',
      values: ['sickness_benefit'],
      min_weeks: 52,
    },
  ];
}

export function defaultUserMixAreas(country: 'DK' | 'SE'): string[] {
  return country === 'SE'
    ? ['ordinary_housing', 'special_housing', 'lss']
    : ['elderly', 'disability', 'social_psychiatry'];
}

/**
 * Read and validate the workspace's analysis settings with the config file's own check
 * (config/validate.ts): an error names the file, the key path and, for a misspelt key, the one meant.
 */
export function analysisConfig(ws: Workspace): AnalysisConfig {
  return parseSection(AnalysisConfigSchema, ws.config.analysis ?? {}, 'analysis', { file: ws.configPath });
}
