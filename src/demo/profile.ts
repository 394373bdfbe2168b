/**
 * The demo municipalities: size, age structure, region, departments, providers and services. The figures
 * are data (tools/demo/data/profile-<country>.yaml, cited in docs/demo.md), read and checked here once
 * per run.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { userError } from '../core/messages.js';
import type { ServiceSpec } from './services.js';

export interface Department {
  key: string;
  name: string;
}

export interface Providers {
  /** the municipality's own units */
  own: string[];
  /** the external supplier some citizens choose */
  external?: string;
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
  /** providers per ledger activity; activities not listed are run by the department itself */
  providers: Record<string, Providers>;
  services: ServiceSpec[];
}

/** The folder of the demo's data files (beside src/ and dist/, so both find it). */
export const DEMO_DATA = fileURLToPath(new URL('../../tools/demo/data/', import.meta.url));

const code = z
  .string()
  .regex(
    /^[\p{L}\p{N}._-]+$/u,
    'write a code of letters, digits, ".", "-" or "_"; quote one that looks like a number, e.g. "851"',
  );
const money = z
  .string()
  .regex(/^\d+(\.\d{1,2})?$/, 'write money as text with at most 2 decimals, e.g. "455.00"')
  .transform((s) => {
    const [whole, frac = ''] = s.split('.');
    return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  });
const BANDS = 20;

const ProfileSchema = z.strictObject({
  country: z.enum(['DK', 'SE']),
  currency: z.enum(['DKK', 'SEK']),
  municipality: code,
  municipality_name: z.string().min(1),
  region: z.strictObject({ code, name: z.string().min(1) }),
  hospitals: z
    .array(z.strictObject({ code, name: z.string().min(1), units: z.array(z.string().min(1)).min(1) }))
    .min(1),
  default_persons: z.number().int().min(1000),
  age_bands: z.strictObject({
    /** per cent in 5-year bands 0-4 … 90-94 and 95+ */
    shares: z.array(z.number().nonnegative()).length(BANDS),
    scale: z
      .strictObject({
        bands: z.tuple([
          z.number().int().min(0),
          z
            .number()
            .int()
            .max(BANDS - 1),
        ]),
        factor: z.number().positive(),
      })
      .optional(),
  }),
  providers: z.record(
    code,
    z.strictObject({ own: z.array(z.string().min(1)).min(1), external: z.string().min(1).optional() }),
  ),
  departments: z.array(z.strictObject({ key: code, name: z.string().min(1) })).min(1),
  services: z
    .array(
      z.strictObject({
        key: z.string().regex(/^[a-z0-9_]+$/),
        dept: code,
        local: code,
        text: z.string().min(1),
        catalogue: code,
        unit: z.string().min(1),
        method: z.enum(['kpb', 'price', 'record_amount']),
        unit_cost: money,
        activity: code,
        responsibility: code,
        external: z.number().min(0).max(1).optional(),
        fee: money.optional(),
      }),
    )
    .min(1),
});

/** Age weights from 5-year band shares (per cent), spread evenly within the band; the last band is open. */
function bands(shares: number[]): number[] {
  const w: number[] = [];
  for (let a = 0; a <= 100; a++) {
    const band = Math.min(shares.length - 1, Math.floor(a / 5));
    const width = band === shares.length - 1 ? 101 - 5 * band : 5;
    w.push(shares[band]! / width);
  }
  return w;
}

/** Check a parsed profile document; `file` names it in messages. */
export function parseProfile(raw: unknown, file: string): Profile {
  const result = ProfileSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const key = issue.path.map(String).join('.');
    throw userError('demo.profile.invalid', { file, key, detail: issue.message }, { file, key });
  }
  const d = result.data;
  const depts = new Set(d.departments.map((x) => x.key));
  const keys = new Set<string>();
  d.services.forEach((s, i) => {
    const problem = !depts.has(s.dept)
      ? 'demo.profile.unknown_department'
      : keys.has(s.key)
        ? 'demo.profile.repeated_key'
        : null;
    if (problem)
      throw userError(
        problem,
        { file, i: String(i), dept: s.dept, key: s.key },
        { file, key: `services[${i}]` },
      );
    keys.add(s.key);
  });
  const shares = [...d.age_bands.shares];
  const scale = d.age_bands.scale;
  if (scale)
    for (let band = scale.bands[0]; band <= scale.bands[1]; band++)
      shares[band] = shares[band]! * scale.factor;
  return {
    country: d.country,
    currency: d.currency,
    municipality: d.municipality,
    municipalityName: d.municipality_name,
    region: d.region,
    hospitals: d.hospitals,
    defaultPersons: d.default_persons,
    ageWeights: bands(shares),
    departments: d.departments,
    providers: d.providers,
    services: d.services.map((s) => ({
      key: s.key,
      dept: s.dept,
      local: s.local,
      text: s.text,
      catalogue: s.catalogue,
      unit: s.unit,
      method: s.method,
      unitMinor: s.unit_cost,
      activity: s.activity,
      responsibility: s.responsibility,
      ...(s.external === undefined ? {} : { external: s.external }),
      ...(s.fee === undefined ? {} : { feeMinor: s.fee }),
    })),
  };
}

/** Read and check a profile file. */
export function loadProfile(file: string): Profile {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (e) {
    throw userError('demo.profile.unreadable', { file, detail: (e as Error).message }, { file });
  }
  return parseProfile(raw, file);
}

const cache = new Map<string, Profile>();

/** The shipped profile of a country, read once per process. */
export function profileFor(country: 'DK' | 'SE'): Profile {
  let p = cache.get(country);
  if (!p) {
    p = loadProfile(`${DEMO_DATA}profile-${country.toLowerCase()}.yaml`);
    if (p.country !== country)
      throw userError(
        'demo.profile.country',
        { country, found: p.country },
        { file: `${DEMO_DATA}profile-${country.toLowerCase()}.yaml`, key: 'country' },
      );
    cache.set(country, p);
  }
  return p;
}
