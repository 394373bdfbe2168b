/**
 * Calibration targets (tools/demo/data/calibration-<country>.yaml): the figures the demo's own records must
 * show, as data beside the profile they calibrate. Read and checked here; compared by `missedTargets`.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { userError } from '../core/messages.js';
import type { Calibration } from './calibration.js';
import { DEMO_DATA } from './profile.js';

/** The calibration fields that are single numbers: the ones a target can name. */
type Metric = { [K in keyof Calibration]: Calibration[K] extends number ? K : never }[keyof Calibration];

const Target = z
  .strictObject({
    target: z.number().optional(),
    tolerance: z.number().nonnegative().optional(),
    tolerance_pct: z.number().nonnegative().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    source: z.string().optional(),
  })
  .refine((t) => (t.target === undefined) === (t.tolerance === undefined && t.tolerance_pct === undefined), {
    message: 'give target with tolerance or tolerance_pct, or min and/or max',
  })
  .refine((t) => t.target !== undefined || t.min !== undefined || t.max !== undefined, {
    message: 'give target with a tolerance, or min and/or max',
  });

const TargetsSchema = z.strictObject({
  country: z.enum(['DK', 'SE']),
  persons: z.number().int().min(1000),
  seed: z.number().int().min(0),
  targets: z.record(z.string(), Target),
});

export interface CalibrationTarget {
  metric: Metric;
  lo: number;
  hi: number;
  source?: string;
}

export interface CalibrationTargets {
  country: 'DK' | 'SE';
  persons: number;
  seed: number;
  targets: CalibrationTarget[];
}

/** Check a parsed targets document; with `metrics` (the known calibration figures) the names too. */
export function parseTargets(raw: unknown, file: string, metrics?: readonly string[]): CalibrationTargets {
  const fail = (key: string, problem: string, vars: Record<string, string> = {}): never => {
    throw userError(`demo.targets.${problem}`, { file, key, ...vars }, { file, key });
  };
  const result = TargetsSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    return fail(issue.path.map(String).join('.'), 'invalid', { detail: issue.message });
  }
  const d = result.data;
  const targets = Object.entries(d.targets).map(([metric, t]): CalibrationTarget => {
    if (metrics && !metrics.includes(metric))
      fail(`targets.${metric}`, 'unknown_metric', { metrics: metrics.join(', ') });
    const spread =
      t.target === undefined ? 0 : (t.tolerance ?? (Math.abs(t.target) * t.tolerance_pct!) / 100);
    const lo = Math.max(t.min ?? -Infinity, t.target === undefined ? -Infinity : t.target - spread);
    const hi = Math.min(t.max ?? Infinity, t.target === undefined ? Infinity : t.target + spread);
    if (lo > hi) fail(`targets.${metric}`, 'empty_range');
    return { metric: metric as Metric, lo, hi, ...(t.source ? { source: t.source } : {}) };
  });
  return { country: d.country, persons: d.persons, seed: d.seed, targets };
}

/** The number fields of a calibration summary, i.e. the metrics a target may name. */
export function numberMetrics(c: Calibration): string[] {
  return Object.entries(c)
    .filter(([, v]) => typeof v === 'number')
    .map(([k]) => k);
}

/** Read the shipped targets of a country. */
export function loadTargets(country: 'DK' | 'SE', metrics?: readonly string[]): CalibrationTargets {
  const file = `${DEMO_DATA}calibration-${country.toLowerCase()}.yaml`;
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (e) {
    throw userError('demo.targets.unreadable', { file, detail: (e as Error).message }, { file });
  }
  return parseTargets(raw, file, metrics);
}

/** The targets a calibration misses, with the value it has. */
export function missedTargets(
  c: Calibration,
  targets: readonly CalibrationTarget[],
): (CalibrationTarget & { value: number })[] {
  return targets
    .map((t) => ({ ...t, value: c[t.metric] }))
    .filter((t) => !(t.value >= t.lo && t.value <= t.hi));
}
