import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { kronerToMinor as krToMinor } from '../core/money.js';
import { isShippedId } from '../core/paths.js';
import { userError } from '../core/messages.js';

/**
 * KMF rate tables (rates/*.yaml): versioned by year, money in kroner converted exactly to øre and
 * percentages to basis points, so every KMF amount is integer arithmetic. Format: docs/trajectories.md.
 */

/** The kinds of rate a contact can be charged by. */
export const RATE_KINDS = [
  'somatic',
  'psychiatric_bed_day',
  'psychiatric_visit',
  'gp',
  'specialist',
] as const;
export type RateKind = (typeof RATE_KINDS)[number];

/** One rate for one kind, year span and age band; money in øre, percentage in basis points (1 % = 100). */
export interface KmfRate {
  kind: RateKind;
  yearFrom: number;
  yearTo: number;
  ageLo: number;
  ageHi: number;
  pctBp: number;
  /** cap per course (somatic), per admission (psychiatric bed days) or per visit; null = no cap */
  capMinor: bigint | null;
  /** national tariff the pct applies to (psychiatry); null = the contact's own tariff or fee */
  tariffMinor: bigint | null;
  verified: boolean;
}

export interface RateTable {
  id: string;
  file: string;
  sources: { id: string; text: string; url?: string }[];
  rates: KmfRate[];
}

const MAX_AGE = 150;

const kr = z
  .union([z.string(), z.number()])
  .transform(String)
  .refine((s) => /^\d+(\.\d{1,2})?$/.test(s), 'write kroner with at most 2 decimals, e.g. "31029.00"');
const pct = z
  .number()
  .min(0)
  .max(100)
  .refine((p) => Number.isInteger(Math.round(p * 100)) && Math.abs(p * 100 - Math.round(p * 100)) < 1e-9, {
    message: 'a percentage has at most 2 decimals',
  });
const ages = z.string().regex(/^\d+-(\d+)?$/, "write an age band as '0-2' or '80-' (open-ended)");
const bandRates = z.array(z.strictObject({ ages, pct, verified: z.boolean().default(false) })).min(1);
const verifiedNote = z.string().optional();

/** KMF began on 1 January 2007 (Lov om regionernes finansiering); no contact before it is charged. */
export const KMF_FIRST_YEAR = 2007;
export const KMF_LAST_YEAR = 2100;
const year = z
  .number()
  .int()
  .min(
    KMF_FIRST_YEAR,
    `KMF began in ${KMF_FIRST_YEAR}: write a year from ${KMF_FIRST_YEAR} to ${KMF_LAST_YEAR}`,
  )
  .max(KMF_LAST_YEAR, `write a year from ${KMF_FIRST_YEAR} to ${KMF_LAST_YEAR}`);

const VersionSchema = z.strictObject({
  valid_from: year,
  valid_to: year,
  somatic: z.strictObject({ rates: bandRates, cap_per_course_kr: kr.optional(), verified: verifiedNote }),
  psychiatric: z.strictObject({
    bed_day: z.strictObject({ pct, tariff_kr: kr, cap_per_admission_kr: kr.optional() }),
    visit: z.strictObject({ pct, tariff_kr: kr, cap_per_visit_kr: kr.optional() }),
    verified: verifiedNote,
  }),
  gp: z.strictObject({ rates: bandRates, verified: verifiedNote }),
  specialist: z.strictObject({ rates: bandRates, cap_per_visit_kr: kr.optional(), verified: verifiedNote }),
});

const RateTableSchema = z.strictObject({
  id: z.string(),
  country: z.enum(['DK', 'SE']),
  currency: z.enum(['DKK', 'SEK']),
  sources: z
    .array(z.strictObject({ id: z.string(), text: z.string(), url: z.string().optional() }))
    .default([]),
  versions: z.array(VersionSchema).min(1),
});

/** Exact kroner text → øre: '31029.5' → 3102950n (one implementation, in core). */
export { krToMinor };

/** The file a rate table id (rates/<id>.yaml) or a workspace path refers to. */
export function rateTablePath(idOrPath: string, resolve: (p: string) => string = (p) => p): string {
  if (isShippedId(idOrPath)) {
    return fileURLToPath(new URL(`../../rates/${idOrPath}.yaml`, import.meta.url));
  }
  return resolve(idOrPath);
}

/** Read and check a rate table; bands must cover every age once and versions must not overlap. */
export function loadRateTable(idOrPath: string, resolve?: (p: string) => string): RateTable {
  const file = rateTablePath(idOrPath, resolve);
  if (!existsSync(file)) {
    const vars = { table: idOrPath, file };
    throw userError('trajectories.rates.not_found', vars, { file, key: 'trajectories.kmf.rate_table' });
  }
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (e) {
    throw userError('trajectories.rates.not_yaml', { file, detail: (e as Error).message }, { file });
  }
  return parseRateTable(raw, file);
}

/** Validate a parsed rate table document; `file` is used in messages only. */
export function parseRateTable(raw: unknown, file: string): RateTable {
  const result = RateTableSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const key = issue.path.map(String).join('.');
    throw userError('trajectories.rates.invalid', { file, key, detail: issue.message }, { file, key });
  }
  const doc = result.data;
  const rates: KmfRate[] = [];
  const spans = [...doc.versions].sort((a, b) => a.valid_from - b.valid_from);
  spans.forEach((v, i) => {
    const key = `versions[${doc.versions.indexOf(v)}]`;
    if (v.valid_to < v.valid_from)
      throw userError('trajectories.rates.ends_before', { file, key }, { file, key });
    const prev = spans[i - 1];
    if (prev && prev.valid_to >= v.valid_from)
      throw userError(
        'trajectories.rates.overlap',
        { file, key, from: String(prev.valid_from) },
        { file, key },
      );
    const base = { yearFrom: v.valid_from, yearTo: v.valid_to };
    const banded = (kind: RateKind, list: z.infer<typeof bandRates>, cap?: string) => {
      for (const b of checkBands(list, file, `${key}.${kind}`)) {
        rates.push({
          ...base,
          kind,
          ageLo: b.lo,
          ageHi: b.hi,
          pctBp: Math.round(b.pct * 100),
          capMinor: cap === undefined ? null : krToMinor(cap),
          tariffMinor: null,
          verified: b.verified,
        });
      }
    };
    banded('somatic', v.somatic.rates, v.somatic.cap_per_course_kr);
    banded('gp', v.gp.rates);
    banded('specialist', v.specialist.rates, v.specialist.cap_per_visit_kr);
    const psy = v.psychiatric;
    const flat = (kind: RateKind, p: number, tariff: string, cap?: string) =>
      rates.push({
        ...base,
        kind,
        ageLo: 0,
        ageHi: MAX_AGE,
        pctBp: Math.round(p * 100),
        capMinor: cap === undefined ? null : krToMinor(cap),
        tariffMinor: krToMinor(tariff),
        verified: false,
      });
    flat('psychiatric_bed_day', psy.bed_day.pct, psy.bed_day.tariff_kr, psy.bed_day.cap_per_admission_kr);
    flat('psychiatric_visit', psy.visit.pct, psy.visit.tariff_kr, psy.visit.cap_per_visit_kr);
  });
  return { id: doc.id, file, sources: doc.sources, rates };
}

function checkBands(list: z.infer<typeof bandRates>, file: string, key: string) {
  const bands = list
    .map((b) => {
      const [lo, hi] = b.ages.split('-');
      return { lo: Number(lo), hi: hi ? Number(hi) : MAX_AGE, pct: b.pct, verified: b.verified };
    })
    .sort((a, b) => a.lo - b.lo);
  let next = 0;
  for (const b of bands) {
    if (b.lo !== next || b.hi < b.lo)
      throw userError('trajectories.rates.band_gap', { file, key, age: String(next) }, { file, key });
    next = b.hi + 1;
  }
  if (next <= MAX_AGE)
    throw userError('trajectories.rates.band_end', { file, key, age: String(next - 1) }, { file, key });
  return bands;
}

/** The years a table covers, for a clear error when contacts fall outside them. */
export function coveredYears(table: RateTable): Set<number> {
  const years = new Set<number>();
  for (const r of table.rates) for (let y = r.yearFrom; y <= r.yearTo; y++) years.add(y);
  return years;
}

export const RATE_MAX_AGE = MAX_AGE;
