/**
 * Service catalogues (ydelseskatalog / insatslista): versioned YAML files of standard services with law
 * references, units and validity dates. `catalogues/dk.yaml` and `catalogues/se.yaml` ship with Tværblik;
 * a workspace may point at its own file. docs/catalogues.md describes the format and the choices made.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { didYouMean } from '../core/did-you-mean.js';
import { isShippedId } from '../core/paths.js';

import { userError } from '../core/messages.js';
import type { Lang } from '../i18n.js';
import {
  AREAS,
  AUTHORITIES,
  AUTHORITY_SECTOR,
  CATALOGUE_SECTORS,
  DEFAULT_AUTHORITY,
  SE_ONLY_AREAS,
  UNITS,
  type Area,
  type Authority,
  type CatalogueSector,
} from './units.js';

export {
  AREAS,
  UNITS,
  AUTHORITIES,
  CATALOGUE_SECTORS,
  type Area,
  type Authority,
  type Unit,
  type CatalogueSector,
} from './units.js';

/** The catalogues shipped in catalogues/ (`catalogue: dk`). */
const SHIPPED = ['dk', 'se'];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date written YYYY-MM-DD that exists (2025-02-30 does not). */
function isRealDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

// YAML 1.2 leaves 2025-07-01 a string, but a file written for YAML 1.1 tools may yield a Date.
const isoDate = z.preprocess(
  (v) => (v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString().slice(0, 10) : v),
  z.string().refine(isRealDate, { message: 'must be a date written YYYY-MM-DD' }),
);

const nameSchema = z.strictObject({
  da: z.string().trim().min(1),
  sv: z.string().trim().min(1),
  en: z.string().trim().min(1),
});

const sectorSchema = z.enum(CATALOGUE_SECTORS, { message: `must be one of ${CATALOGUE_SECTORS.join(', ')}` });
const authoritySchema = z.enum(AUTHORITIES, { message: `must be one of ${AUTHORITIES.join(', ')}` });

/** Who is responsible for a service from a date (until the next entry's `from`, or the version's end). */
const responsibilitySchema = z.strictObject({
  from: isoDate,
  sector: sectorSchema,
  /** default: municipality for municipal, region for regional */
  authority: authoritySchema.optional(),
  /** false while the date or the split rests on a political agreement rather than the final act */
  verified: z.boolean().default(true),
  note: z.string().optional(),
});

const serviceSchema = z.strictObject({
  code: z
    .string()
    .regex(/^[A-Z0-9-]+$/, { message: 'must be capital letters, digits and hyphens ([A-Z0-9-]+)' }),
  name: nameSchema,
  law: z.string().trim().min(1),
  /** '' when the service rests on a law as a whole rather than one paragraph */
  paragraph: z.string(),
  area: z.enum(AREAS, { message: `must be one of ${AREAS.join(', ')}` }),
  /** shorthand for `responsibility: [{ from: valid_from, sector, authority }]` */
  sector: sectorSchema.optional(),
  authority: authoritySchema.optional(),
  responsibility: z.array(responsibilitySchema).min(1).optional(),
  unit: z.enum(UNITS, { message: `must be one of ${UNITS.join(', ')}` }),
  family: z.string().regex(/^[a-z][a-z0-9_]*$/, { message: 'must be a lower-case word such as training' }),
  fsiii: z.array(z.string().min(1)).default([]),
  ffb: z.array(z.string().min(1)).default([]),
  valid_from: isoDate,
  valid_to: isoDate.nullable().default(null),
});

const catalogueSchema = z.strictObject({
  catalogue: z.string().regex(/^[a-z0-9_-]+$/, { message: 'must be a lower-case id such as dk' }),
  country: z.enum(['DK', 'SE'], { message: 'must be DK or SE' }),
  version: z.string({ message: "must be a quoted string such as '2025.2'" }).min(1),
  published: isoDate,
  services: z.array(serviceSchema).min(1, { message: 'must list at least one service' }),
});

/** One period of responsibility: `to` is the day before the next period starts, or the version's valid_to. */
export interface ResponsibilityPeriod {
  from: string;
  to: string | null;
  sector: CatalogueSector;
  authority: Authority;
  verified: boolean;
  note?: string;
}

type RawService = z.infer<typeof serviceSchema>;
/**
 * A catalogue entry as loaded: `responsibility` always lists who is responsible from when; `sector` and
 * `authority` are those of the first period (valid_from). Use `responsibleAt` for a given day.
 */
export type CatalogueService = Omit<RawService, 'sector' | 'authority' | 'responsibility'> & {
  sector: CatalogueSector;
  authority: Authority;
  responsibility: ResponsibilityPeriod[];
};
export type Catalogue = Omit<z.infer<typeof catalogueSchema>, 'services'> & {
  services: CatalogueService[];
  /** where the catalogue was read from (not part of the file) */
  source: string;
};

/** The file a catalogue id or path refers to; ids resolve to the catalogues shipped in the repo. */
export function cataloguePath(idOrPath: string): string {
  if (isShippedId(idOrPath)) {
    // from src/catalogue/ and from dist/catalogue/ alike, two levels up is the package root
    return fileURLToPath(new URL(`../../catalogues/${idOrPath}.yaml`, import.meta.url));
  }
  return idOrPath;
}

/**
 * Read, validate and return a catalogue.
 * @example loadCatalogue('dk').services.length // the Danish catalogue
 * @example loadCatalogue('./my-catalogue.yaml')
 * @throws UserError naming the file, the service code and the field when the file is wrong
 */
export function loadCatalogue(idOrPath: string): Catalogue {
  const file = cataloguePath(idOrPath);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // a misspelt shipped id ("sw", "dkk") gets the id it probably is
    const suggestion = /^[a-z]{1,4}$/i.test(idOrPath) ? didYouMean(idOrPath, SHIPPED) : undefined;
    if (suggestion)
      throw userError('catalogue.not_found_suggest', { catalogue: idOrPath, suggestion }, { file });
    throw userError('catalogue.not_found', { catalogue: idOrPath, file }, { file });
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw userError('catalogue.not_yaml', { file, detail: (err as Error).message }, { file });
  }
  return parseCatalogue(raw, file);
}

/** Validate an already parsed catalogue document; `file` is only used in messages. */
export function parseCatalogue(raw: unknown, file: string): Catalogue {
  const result = catalogueSchema.safeParse(raw);
  if (!result.success) {
    // a misspelt key also leaves its right spelling missing: name the typo (with "did you mean") first
    const typo = result.error.issues.find((i) => i.code === 'unrecognized_keys');
    if (typo) throw unknownKey(typo, raw, file);
    const problems = result.error.issues.map((issue) => describeIssue(issue, raw));
    const first = problems[0]!;
    const others = problems.slice(1, 10).map((p) => p.text);
    throw userError(
      others.length ? 'catalogue.invalid_many' : 'catalogue.invalid',
      { file, problem: first.text, n: problems.length - 1, others: others.join('; ') },
      { file, key: first.key },
    );
  }
  const services = result.data.services.map((s) => normalise(s, file));
  const catalogue: Catalogue = { ...result.data, services, source: file };
  checkRules(catalogue, file);
  return catalogue;
}

const KEYS = {
  document: Object.keys(catalogueSchema.shape),
  service: Object.keys(serviceSchema.shape),
  responsibility: Object.keys(responsibilitySchema.shape),
  name: Object.keys(nameSchema.shape),
};

/** An unknown field, with the allowed fields at that place and the closest one ("did you mean"). */
function unknownKey(issue: z.core.$ZodIssue & { code: 'unrecognized_keys' }, raw: unknown, file: string) {
  const path = issue.path.map(String);
  const bad = issue.keys[0]!;
  const inService = path[0] === 'services' && path.length >= 2;
  const entry = inService
    ? ((raw as { services?: unknown[] }).services?.[Number(path[1])] as { code?: unknown } | undefined)
    : undefined;
  const code = inService ? (typeof entry?.code === 'string' ? entry.code : '(no code)') : 'none';
  const place = path.slice(2);
  const allowed = !inService
    ? KEYS.document
    : place[0] === 'responsibility'
      ? KEYS.responsibility
      : place[0] === 'name'
        ? KEYS.name
        : KEYS.service;
  const suggestion = didYouMean(bad, allowed) ?? 'none';
  const where = place.length
    ? place
        .map((p) => (/^\d+$/.test(p) ? `[${Number(p) + 1}]` : `.${p}`))
        .join('')
        .slice(1)
    : '';
  const key = inService ? `services.${code}${where ? `.${where}` : ''}.${bad}` : bad;
  return userError(
    'catalogue.unknown_key',
    {
      file,
      code,
      entry: inService ? Number(path[1]) + 1 : 0,
      where: where || 'none',
      key: bad.slice(0, 60),
      suggestion,
      keys: allowed.join(', '),
    },
    { file, key },
  );
}

/** Fill `responsibility` from the `sector:` shorthand and check it: it starts on valid_from and moves forward. */
function normalise(s: RawService, file: string): CatalogueService {
  const { sector, authority, responsibility, ...rest } = s;
  const fail = (rule: string, field: string, vars: Record<string, string> = {}): never => {
    throw userError(
      `catalogue.rule.${rule}`,
      { file, code: s.code, field, ...vars },
      { file, key: `services.${s.code}.${field}` },
    );
  };
  const list =
    responsibility ?? (sector ? [{ from: s.valid_from, sector, authority, verified: true }] : undefined);
  if (!list) return fail('no_sector', 'sector');
  if (list[0]!.from !== s.valid_from)
    fail('resp_start', 'responsibility', { from: list[0]!.from, valid_from: s.valid_from });
  if (sector !== undefined && sector !== list[0]!.sector)
    fail('resp_sector', 'sector', { sector, first: list[0]!.sector });
  const periods: ResponsibilityPeriod[] = list.map((r, i) => {
    const field = responsibility ? `responsibility[${i + 1}]` : 'sector';
    const next = list[i + 1];
    if (next && next.from <= r.from)
      fail('resp_order', `responsibility[${i + 2}].from`, { from: next.from, prev: r.from });
    if (s.valid_to !== null && s.valid_to >= s.valid_from && r.from > s.valid_to)
      fail('resp_after_end', `${field}.from`, { from: r.from, to: s.valid_to });
    const who = r.authority ?? (i === 0 ? authority : undefined) ?? DEFAULT_AUTHORITY[r.sector];
    if (AUTHORITY_SECTOR[who] !== r.sector)
      fail('authority_sector', `${field}.authority`, {
        authority: who,
        sector: r.sector,
        expected: AUTHORITY_SECTOR[who],
      });
    return {
      from: r.from,
      to: next ? dayBefore(next.from) : s.valid_to,
      sector: r.sector,
      authority: who,
      verified: r.verified,
      ...(r.note !== undefined ? { note: r.note } : {}),
    };
  });
  return { ...rest, sector: periods[0]!.sector, authority: periods[0]!.authority, responsibility: periods };
}

function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Who is responsible for a code on a day: the sector (payer) and the kind of authority, or undefined when
 * no version of the code is valid then. A service that moves from the municipality to the region stays one
 * code: only this answer changes with the date.
 * @example responsibleAt(loadCatalogue('dk'), 'SUL-140', '2027-01-01')?.sector // 'regional'
 */
export function responsibleAt(
  catalogue: Catalogue,
  code: string,
  date: string | Date,
): ResponsibilityPeriod | undefined {
  const d = toIsoDay(date);
  const service = serviceAt(catalogue, code, d);
  return service?.responsibility.find((r) => r.from <= d && (r.to === null || d <= r.to));
}

interface Problem {
  text: string;
  key: string;
}

/** Turn a zod issue into "service SEL-96 (entry 12), field unit: must be one of …". */
function describeIssue(issue: z.core.$ZodIssue, raw: unknown): Problem {
  const path = issue.path.map(String);
  if (path[0] === 'services' && path.length >= 2) {
    const index = Number(path[1]);
    const entry = (raw as { services?: unknown[] }).services?.[index] as { code?: unknown } | undefined;
    const code = typeof entry?.code === 'string' ? entry.code : '(no code)';
    const field = path.slice(2).join('.') || '(entry)';
    const got = valueAt(raw, issue.path);
    const gotText = got === undefined ? 'missing' : `got ${JSON.stringify(got)}`;
    return {
      text: `service ${code} (entry ${index + 1}), field ${field}: ${issue.message} (${gotText})`,
      key: `services.${code}.${field}`,
    };
  }
  const field = path.join('.') || '(document)';
  return { text: `field ${field}: ${issue.message}`, key: field };
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = raw;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[p];
  }
  return cur;
}

/** Rules across entries: periods, unique codes, non-overlapping versions, country-specific areas. */
function checkRules(catalogue: Catalogue, file: string): void {
  const fail = (code: string, field: string, rule: string, vars: Record<string, string>): never => {
    throw userError(
      `catalogue.rule.${rule}`,
      { file, code, ...vars },
      { file, key: `services.${code}.${field}` },
    );
  };
  const byCode = new Map<string, CatalogueService[]>();
  for (const s of catalogue.services) {
    if (s.valid_to !== null && s.valid_to < s.valid_from) {
      fail(s.code, 'valid_to', 'valid_to', { to: s.valid_to, from: s.valid_from });
    }
    if (catalogue.country !== 'SE' && SE_ONLY_AREAS.includes(s.area)) {
      fail(s.code, 'area', 'se_only_area', { area: s.area });
    }
    const list = byCode.get(s.code) ?? [];
    list.push(s);
    byCode.set(s.code, list);
  }
  for (const [code, versions] of byCode) {
    if (versions.length < 2) continue;
    const sorted = [...versions].sort((a, b) => a.valid_from.localeCompare(b.valid_from));
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1]!;
      const cur = sorted[i]!;
      if (prev.valid_to === null || prev.valid_to >= cur.valid_from) {
        fail(code, 'valid_from', 'overlap', {
          from: cur.valid_from,
          prev_from: prev.valid_from,
          prev_to: prev.valid_to ?? 'open',
        });
      }
    }
  }
}

function toIsoDay(date: string | Date): string {
  return typeof date === 'string' ? date.slice(0, 10) : date.toISOString().slice(0, 10);
}

/** Whether a catalogue entry applies on a day (valid_to is inclusive). */
export function isValidAt(service: CatalogueService, date: string | Date): boolean {
  const d = toIsoDay(date);
  return service.valid_from <= d && (service.valid_to === null || d <= service.valid_to);
}

/**
 * The version of a code that applies on a day, or undefined if the code is unknown or not valid then.
 * @example serviceAt(loadCatalogue('dk'), 'SEL-96', '2024-03-01')?.paragraph // '§ 96'
 */
export function serviceAt(
  catalogue: Catalogue,
  code: string,
  date: string | Date,
): CatalogueService | undefined {
  return catalogue.services.find((s) => s.code === code && isValidAt(s, date));
}

/** Whether a sector is responsible for a service on a day, or (without a day) in any of its periods. */
function hasSector(s: CatalogueService, sector: CatalogueSector, date?: string | Date): boolean {
  if (date === undefined) return s.responsibility.some((r) => r.sector === sector);
  const d = toIsoDay(date);
  return s.responsibility.some((r) => r.sector === sector && r.from <= d && (r.to === null || d <= r.to));
}

export interface CatalogueFilter {
  area?: Area;
  /** responsible on `date` when given, else in any period */
  sector?: CatalogueSector;
  /** only entries valid on this day */
  date?: string | Date;
}

/** Lower case, accents off, and two spellings of æ/ø/å so "aeldre", "ældre" and "aldre" all match. */
function foldings(text: string): string[] {
  // '§ 83 a', '§83a' and '§ 83a' are one paragraph; '§ 83' is another
  const base = text
    .toLowerCase()
    .replace(/§\s+/g, '§')
    .replace(/§(\d+)\s+([a-h])(?![\p{L}\p{N}])/gu, '§$1$2');
  const strip = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '');
  const digraph = strip(base.replace(/æ/g, 'ae').replace(/ø/g, 'oe').replace(/å/g, 'aa').replace(/ß/g, 'ss'));
  const simple = strip(base.replace(/æ/g, 'ae').replace(/ø/g, 'o').replace(/ß/g, 'ss'));
  return digraph === simple ? [simple] : [digraph, simple];
}

/** A token matches at the start of a word; numbers and paragraphs must match whole (§ 83 is not § 83a). */
function tokenMatches(haystack: string, token: string): boolean {
  const whole = /^§?\d+$/.test(token);
  let from = 0;
  for (;;) {
    const at = haystack.indexOf(token, from);
    if (at < 0) return false;
    const before = at === 0 ? '' : haystack[at - 1]!;
    const after = haystack[at + token.length] ?? '';
    const startOk = before === '' || !/[\p{L}\p{N}]/u.test(before) || token.startsWith('§');
    const endOk = !whole || after === '' || !/[\p{L}\p{N}]/u.test(after);
    if (startOk && endOk) return true;
    from = at + 1;
  }
}

function matchesAll(texts: string[], tokens: string[]): boolean {
  const hay = texts.flatMap(foldings).join(' | ');
  return tokens.every((t) => tokenMatches(hay, t));
}

/**
 * Find services by code, paragraph, law or name in any language (case- and accent-insensitive); every word
 * of the query must match. Results in the reader's language rank first, then by code.
 * @example searchCatalogue(loadCatalogue('dk'), '§ 96', 'da') // [SEL-96]
 * @example searchCatalogue(loadCatalogue('se'), 'hemtjanst', 'en', { area: 'ordinary_housing' })
 */
export function searchCatalogue(
  catalogue: Catalogue,
  query: string,
  lang: Lang = 'da',
  filter: CatalogueFilter = {},
): CatalogueService[] {
  const candidates = catalogue.services.filter(
    (s) =>
      (filter.area === undefined || s.area === filter.area) &&
      (filter.date === undefined || isValidAt(s, filter.date)) &&
      (filter.sector === undefined || hasSector(s, filter.sector, filter.date)),
  );
  const q = query.trim();
  if (q === '') return sortByCode(candidates);
  // each folding of the query is tried; one of them must match entirely
  const queryVariants = foldings(q).map((f) => f.split(/[\s,;]+/).filter(Boolean));
  const scored: { s: CatalogueService; score: number }[] = [];
  for (const s of candidates) {
    const lawRef = `${s.law} ${s.paragraph}`;
    const everything = [s.code, lawRef, s.name.da, s.name.sv, s.name.en, s.family];
    if (!queryVariants.some((tokens) => matchesAll(everything, tokens))) continue;
    let score = 1;
    if (s.code.toLowerCase() === q.toLowerCase()) score = 100;
    else if (queryVariants.some((tokens) => matchesAll([s.code, lawRef], tokens))) score = 50;
    else if (queryVariants.some((tokens) => matchesAll([s.name[lang]], tokens))) score = 10;
    scored.push({ s, score });
  }
  return scored.sort((a, b) => b.score - a.score || compareService(a.s, b.s)).map((x) => x.s);
}

function compareService(a: CatalogueService, b: CatalogueService): number {
  return a.code.localeCompare(b.code) || a.valid_from.localeCompare(b.valid_from);
}

function sortByCode(list: CatalogueService[]): CatalogueService[] {
  return [...list].sort(compareService);
}
