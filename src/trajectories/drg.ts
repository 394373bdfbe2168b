import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { didYouMean } from '../core/did-you-mean.js';
import { kronerToMinor } from '../core/money.js';
import { userError } from '../core/messages.js';
import { rateTablePath } from './rates.js';

/**
 * DRG/DAGS tariff tables (rates/drg-*.yaml or the user's own file): the value of a hospital contact's DRG
 * (inpatient) or DAGS (outpatient) group, per year, in kroner converted exactly to øre. The regional cost of
 * a contact without municipal co-financing (KMF is abolished after 2027–2028). Format: docs/trajectories.md.
 */

export const DRG_FIRST_YEAR = 2000;
export const DRG_LAST_YEAR = 2100;

/** One group's tariff for a span of years. */
export interface DrgTariff {
  yearFrom: number;
  yearTo: number;
  code: string;
  tariffMinor: bigint;
  verified: boolean;
}

export interface DrgTable {
  id: string;
  file: string;
  tariffs: DrgTariff[];
}

const year = z
  .number()
  .int()
  .min(DRG_FIRST_YEAR, `write a year from ${DRG_FIRST_YEAR} to ${DRG_LAST_YEAR}`)
  .max(DRG_LAST_YEAR, `write a year from ${DRG_FIRST_YEAR} to ${DRG_LAST_YEAR}`);
const kr = z
  .union([z.string(), z.number()])
  .transform(String)
  .refine((s) => /^\d+(\.\d{1,2})?$/.test(s), 'write kroner with at most 2 decimals, e.g. "32000.00"');

const TariffSchema = z.strictObject({
  /** the DRG or DAGS group as the extract writes it in drg_code (compared in capitals, trimmed) */
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]+$/, 'a DRG/DAGS group is letters and digits, e.g. 04MA13'),
  tariff_kr: kr,
  verified: z.boolean().default(false),
});
const VersionSchema = z.strictObject({
  valid_from: year,
  valid_to: year,
  /** what was checked against which source */
  verified: z.string().optional(),
  tariffs: z.array(TariffSchema).default([]),
});
const DrgTableSchema = z.strictObject({
  id: z.string().min(1),
  country: z.enum(['DK', 'SE']),
  currency: z.enum(['DKK', 'SEK']),
  sources: z
    .array(z.strictObject({ id: z.string(), text: z.string(), url: z.string().optional() }))
    .default([]),
  versions: z.array(VersionSchema).default([]),
});

const KEYS: Record<string, string[]> = {
  '': Object.keys(DrgTableSchema.shape),
  sources: ['id', 'text', 'url'],
  versions: Object.keys(VersionSchema.shape),
  tariffs: Object.keys(TariffSchema.shape),
};

/** Read and check a DRG/DAGS table: a shipped id (rates/<id>.yaml) or a path relative to the workspace. */
export function loadDrgTable(idOrPath: string, resolve?: (p: string) => string): DrgTable {
  const file = rateTablePath(idOrPath, resolve);
  const at = { file, key: 'trajectories.regional_cost.drg_table' };
  if (!existsSync(file)) throw userError('trajectories.drg_table.not_found', { table: idOrPath, file }, at);
  const text = readFileSync(file, 'utf8');
  if (/\.csv$/i.test(file)) return parseDrgTable(drgCsvToDoc(text, file), file);
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    throw userError('trajectories.drg_table.not_yaml', { file, detail: (e as Error).message }, { file });
  }
  return parseDrgTable(raw, file);
}

/**
 * A tariff list as CSV (`year;code;tariff_kr`, optional `verified`; `;` or `,` between columns, a header
 * row): each year becomes a version of its own, the file name the table's id. Cells are validated as in YAML.
 */
export function drgCsvToDoc(text: string, file: string): unknown {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const delimiter = (lines[0] ?? '').includes(';') ? ';' : ',';
  const header = (lines[0] ?? '').split(delimiter).map((h) => h.trim().toLowerCase());
  const col = (name: string) => header.indexOf(name);
  const missing = ['year', 'code', 'tariff_kr'].filter((c) => col(c) < 0);
  if (missing.length > 0)
    throw userError(
      'trajectories.drg_table.csv_header',
      { file, missing: missing.join(', ') },
      { file, row: 1 },
    );
  const years = new Map<number, { code: string; tariff_kr: string; verified: boolean }[]>();
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === '') return;
    const cells = line.split(delimiter).map((c) => c.trim().replace(/^"|"$/g, ''));
    const year = Number(cells[col('year')]);
    if (!Number.isInteger(year))
      throw userError('trajectories.drg_table.csv_year', { file, row: i + 2 }, { file, row: i + 2 });
    const list = years.get(year) ?? [];
    list.push({
      code: cells[col('code')] ?? '',
      tariff_kr: (cells[col('tariff_kr')] ?? '').replace(',', '.'),
      verified: col('verified') >= 0 && /^(true|yes|ja|1)$/i.test(cells[col('verified')] ?? ''),
    });
    years.set(year, list);
  });
  const id = file.replace(/^.*[\\/]/, '').replace(/\.csv$/i, '');
  const versions = [...years].map(([y, tariffs]) => ({ valid_from: y, valid_to: y, tariffs }));
  return { id, country: 'DK', currency: 'DKK', versions };
}

/** Validate a parsed DRG/DAGS table; `file` is used in messages only. */
export function parseDrgTable(raw: unknown, file: string): DrgTable {
  const result = DrgTableSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues.find((i) => i.code === 'unrecognized_keys') ?? result.error.issues[0]!;
    const key = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      const named = [...issue.path].reverse().find((p) => typeof p === 'string');
      const allowed = KEYS[named ?? ''] ?? [];
      const bad = issue.keys[0]!;
      throw userError(
        'trajectories.drg_table.unknown_key',
        {
          file,
          key: [key, bad].filter(Boolean).join('.'),
          suggestion: didYouMean(bad, allowed) ?? 'none',
          keys: allowed.join(', '),
        },
        { file, key },
      );
    }
    throw userError('trajectories.drg_table.invalid', { file, key, detail: issue.message }, { file, key });
  }
  const doc = result.data;
  const tariffs: DrgTariff[] = [];
  const spans = [...doc.versions].sort((a, b) => a.valid_from - b.valid_from);
  spans.forEach((v, i) => {
    const key = `versions[${doc.versions.indexOf(v)}]`;
    if (v.valid_to < v.valid_from)
      throw userError('trajectories.drg_table.ends_before', { file, key }, { file, key });
    const prev = spans[i - 1];
    if (prev && prev.valid_to >= v.valid_from)
      throw userError('trajectories.drg_table.overlap', { file, key, from: prev.valid_from }, { file, key });
    const seen = new Set<string>();
    for (const t of v.tariffs) {
      const code = t.code.toUpperCase();
      if (seen.has(code))
        throw userError(
          'trajectories.drg_table.duplicate',
          { file, key, code },
          { file, key: `${key}.tariffs` },
        );
      seen.add(code);
      tariffs.push({
        yearFrom: v.valid_from,
        yearTo: v.valid_to,
        code,
        tariffMinor: kronerToMinor(t.tariff_kr),
        verified: t.verified,
      });
    }
  });
  return { id: doc.id, file, tariffs };
}
