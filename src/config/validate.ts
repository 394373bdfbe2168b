/**
 * Strict config validation (issue 12 part 3): a typo is an error, not a default. Schema errors and the
 * cross references checked after parsing (check ids, fields, pool targets, codes, periods) all name the
 * key path, the valid choices and, when one is close, the choice the user probably meant.
 */
import { redactIds } from '../core/redact.js';
import path from 'node:path';
import type { z } from 'zod';
import { loadCatalogue, UNITS, type Catalogue } from '../catalogue/catalogue.js';
import { AnalysisConfigSchema } from '../analysis/config.js';
import { resolveRef } from '../core/paths.js';
import { UserError } from '../errors.js';
import { tr, type Lang } from '../i18n.js';
import { checksFor } from '../ingest/checks.js';
import { TARGET_FIELDS, type FieldType } from '../ingest/fields.js';
import type { FieldSql } from '../ingest/transform.js';
import { TrajectoriesConfigSchema } from '../trajectories/config.js';
import { M, SCHEMA_TEXT } from './messages.js';
import type { Config, SourceConfig } from './schema.js';

type Key = PropertyKey;
type AnySchema = z.core.$ZodType;
type Issue = z.core.$ZodIssue;

export { didYouMean, editDistance } from '../core/did-you-mean.js';
import { didYouMean } from '../core/did-you-mean.js';

const defOf = (s: AnySchema) =>
  (s as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;

/** The schema under optional/default/nullable/pipe wrappers. */
export function unwrap(s: AnySchema): AnySchema {
  for (;;) {
    const d = defOf(s);
    if (['optional', 'default', 'nullable', 'prefault', 'readonly', 'catch', 'nonoptional'].includes(d.type))
      s = d.innerType as AnySchema;
    else if (d.type === 'pipe') s = d.in as AnySchema;
    else return s;
  }
}

/** The keys of an object schema (after unwrapping), or undefined when it is not an object. */
export function objectShape(s: AnySchema): Record<string, AnySchema> | undefined {
  const d = defOf(unwrap(s));
  return d.type === 'object' ? (d.shape as Record<string, AnySchema>) : undefined;
}

/** The allowed keys of a record whose keys are an enum (e.g. `targets: {indicator: number}`), else none. */
function recordKeys(s: AnySchema): string[] {
  const d = defOf(unwrap(s));
  if (d.type !== 'record') return [];
  const k = defOf(unwrap(d.keyType as AnySchema));
  return k.type === 'enum' ? Object.values(k.entries as Record<string, string | number>).map(String) : [];
}

/** The object options of a union (or the schema itself when it is an object). */
function objectOptions(s: AnySchema): AnySchema[] {
  const u = unwrap(s);
  const d = defOf(u);
  if (d.type === 'object') return [u];
  if (d.type === 'union') return (d.options as AnySchema[]).flatMap(objectOptions);
  return [];
}

/** The schema that validates the value at `keys` below `s` (records and arrays step into their values). */
export function schemaAt(s: AnySchema, keys: readonly Key[]): AnySchema | undefined {
  let cur: AnySchema | undefined = s;
  for (const k of keys) {
    if (!cur) return undefined;
    const u = unwrap(cur);
    const d = defOf(u);
    if (d.type === 'array') cur = d.element as AnySchema;
    else if (d.type === 'record') cur = d.valueType as AnySchema;
    else if (d.type === 'object') cur = (d.shape as Record<string, AnySchema>)[String(k)];
    else if (d.type === 'union')
      cur = objectOptions(u)
        .map((o) => objectShape(o)![String(k)])
        .find(Boolean);
    else return undefined;
  }
  return cur;
}

function valueAt(raw: unknown, keys: readonly Key[]): unknown {
  let v: unknown = raw;
  for (const k of keys) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<Key, unknown>)[k];
  }
  return v;
}

/** Issues with union branches resolved to the branch the value was meant for, paths made absolute. */
function flatten(issues: readonly Issue[], base: readonly Key[] = []): Issue[] {
  const out: Issue[] = [];
  for (const issue of issues) {
    const at = [...base, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // the branch whose first issue is not "this is the wrong kind of value altogether"
      const meant =
        issue.errors.find((b) => !(b[0]?.code === 'invalid_type' && b[0].path.length === 0)) ??
        issue.errors[0]!;
      out.push(...flatten(meant, at));
    } else out.push({ ...issue, path: at } as Issue);
  }
  return out;
}

/** Context of a config check: where it is, in which language to speak, and the schema it follows. */
export interface CheckContext {
  file: string;
  lang: Lang;
  /** the words of another kind of file than tvaerblik.yaml (a case file: "in the case file", its doc) */
  wording?: Partial<Pick<typeof M, 'invalid' | 'unknownKey' | 'seeDocs'>>;
}

const quoteList = (xs: readonly unknown[]) => xs.map((x) => JSON.stringify(x)).join(', ');

function choiceHint(lang: Lang, word: string | undefined, choices: readonly string[], list = M.useOneOf) {
  const s = word === undefined ? undefined : didYouMean(word, choices);
  const all = tr(list, lang, { list: quoteList(choices) });
  return s ? `${tr(M.didYouMean, lang, { s })} ${all}` : all;
}

/**
 * The UserError for zod issues of `schema` on `raw`: unknown keys first (a typo explains the rest),
 * then the first issue. `prefix` is the key path of `raw` in tvaerblik.yaml.
 */
export function schemaError(
  issues: readonly Issue[],
  raw: unknown,
  schema: AnySchema,
  ctx: CheckContext,
  prefix: readonly Key[] = [],
): UserError {
  const { lang, file } = ctx;
  const W = { ...M, ...ctx.wording };
  const flat = flatten(issues);
  const issue = flat.find((i) => i.code === 'unrecognized_keys') ?? flat[0]!;
  const keyOf = (p: readonly Key[]) => [...prefix, ...p].map(String).join('.') || '(top level)';
  if (issue.code === 'unrecognized_keys') {
    const unknown = issue.keys[0]!;
    const key = keyOf([...issue.path, unknown]);
    const at = schemaAt(schema, issue.path) ?? schema;
    const valid = [
      ...new Set([...objectOptions(at).flatMap((o) => Object.keys(objectShape(o)!)), ...recordKeys(at)]),
    ];
    return new UserError(tr(W.unknownKey, lang, { key }), {
      file,
      key,
      hint: valid.length ? choiceHint(lang, unknown, valid, M.validKeys) : tr(W.seeDocs, lang),
    });
  }
  const key = keyOf(issue.path);
  const value = valueAt(raw, issue.path);
  const shown = value === undefined ? tr(M.missing, lang) : redactIds(JSON.stringify(value));
  const message = tr(W.invalid, lang, { key, value: shown });
  if (issue.code === 'invalid_key') {
    // a record key outside its enum: name the key and the choices, like an unknown object key
    const bad = String(issue.path[issue.path.length - 1]);
    const valid = recordKeys(schemaAt(schema, issue.path.slice(0, -1)) ?? schema);
    return new UserError(tr(W.unknownKey, lang, { key }), {
      file,
      key,
      hint: valid.length ? choiceHint(lang, bad, valid, M.validKeys) : tr(W.seeDocs, lang),
    });
  }
  return new UserError(message, { file, key, hint: fixFor(issue, value, lang, W) });
}

function fixFor(issue: Issue, value: unknown, lang: Lang, W: typeof M): string {
  const own = SCHEMA_TEXT[issue.message];
  if (own) return tr(own, lang);
  switch (issue.code) {
    case 'invalid_value': {
      const choices = issue.values.map((v) => String(v));
      return choiceHint(lang, typeof value === 'string' ? value : undefined, choices);
    }
    case 'invalid_type':
      if (issue.expected === 'int') return tr(M.notInteger, lang);
      // YAML reads 851 and 2024 as numbers (and 0180 loses its zero): codes and ids are written in quotes
      if (issue.expected === 'string' && typeof value === 'number')
        return tr(M.quoteIt, lang, { value: `'${String(value)}'` });
      return `${tr(value === undefined ? M.required : M.expected, lang, { type: issue.expected })}; ${tr(W.seeDocs, lang)}`;
    case 'too_small':
      if (issue.origin === 'array') return tr(M.tooFewItems, lang, { min: String(issue.minimum) });
      return tr(M.tooSmall, lang, { min: String(issue.minimum) });
    case 'too_big':
      return tr(M.tooBig, lang, { max: String(issue.maximum) });
    case 'invalid_format':
      return `${issue.message}; ${tr(W.seeDocs, lang)}`;
    default:
      return `${issue.message}; ${tr(W.seeDocs, lang)}`;
  }
}

/** Keys in `raw` that no object schema of `schema` knows, at any depth (for sub-schemas that are not strict). */
export function unknownKeys(
  schema: AnySchema,
  raw: unknown,
  at: readonly Key[] = [],
): { path: Key[]; key: string; valid: string[] } | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const u = unwrap(schema);
  const d = defOf(u);
  if (Array.isArray(raw)) {
    if (d.type !== 'array') return undefined;
    for (const [i, v] of raw.entries()) {
      const found = unknownKeys(d.element as AnySchema, v, [...at, i]);
      if (found) return found;
    }
    return undefined;
  }
  const entries = Object.entries(raw as Record<string, unknown>);
  if (d.type === 'record') {
    for (const [k, v] of entries) {
      const found = unknownKeys(d.valueType as AnySchema, v, [...at, k]);
      if (found) return found;
    }
    return undefined;
  }
  // a union of objects: judge the value by the option that knows the most of its keys
  const options = objectOptions(u);
  if (options.length === 0) return undefined;
  const known = (o: AnySchema) => entries.filter(([k]) => k in objectShape(o)!).length;
  const best = options.reduce((a, b) => (known(b) > known(a) ? b : a));
  const shape = objectShape(best)!;
  for (const [k, v] of entries) {
    if (!(k in shape)) return { path: [...at], key: k, valid: Object.keys(shape) };
    const found = unknownKeys(shape[k]!, v, [...at, k]);
    if (found) return found;
  }
  return undefined;
}

/** Validate a free-form config section (analysis:, trajectories:) by the schema of the module that owns it. */
function checkSection(schema: AnySchema, raw: unknown, name: string, ctx: CheckContext): unknown {
  const extra = unknownKeys(schema, raw ?? {});
  if (extra) {
    const key = [name, ...extra.path, extra.key].map(String).join('.');
    throw new UserError(tr(M.unknownKey, ctx.lang, { key }), {
      file: ctx.file,
      key,
      hint: choiceHint(ctx.lang, extra.key, extra.valid, M.validKeys),
    });
  }
  const result = (schema as unknown as z.ZodType).safeParse(raw ?? {});
  if (!result.success) throw schemaError(result.error.issues, raw, schema, ctx, [name]);
  return result.data;
}

/**
 * Parse a config section on its own (a stage reading `trajectories:` from a workspace) with the same
 * errors as the whole file: the key path, the valid keys and "did you mean …", in every language
 * (`describe(lang)`; English in `message` for logs).
 */
export function parseSection<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  name: string,
  ctx: Omit<CheckContext, 'lang'>,
): z.output<S> {
  const inLang = (lang: Lang) => {
    try {
      return { data: checkSection(schema as unknown as AnySchema, raw, name, { ...ctx, lang }) };
    } catch (e) {
      if (e instanceof UserError) return { error: e };
      throw e;
    }
  };
  const en = inLang('en');
  if (!en.error) return en.data as z.output<S>;
  throw new UserError(en.error.message, en.error.location, en.error.exitCode, (lang) => {
    const e = inLang(lang).error!;
    return { message: e.message, hint: e.location.hint };
  });
}

/** Which field types each column-mapping option changes; on other fields it would be silently ignored. */
const OPTION_TYPES: Record<string, readonly FieldType[]> = {
  format: ['date', 'timestamp'],
  money: ['money'],
  scale: ['decimal', 'money'],
  expr: ['decimal', 'money'],
  rate: ['decimal'],
  values: ['text', 'date', 'timestamp', 'decimal', 'money', 'bool', 'int', 'enum'],
};

/** Every check id the import can run for a source (a superset: as if every field were mapped). */
export function checkIdsFor(source: SourceConfig, config: Config): string[] {
  const fields = new Map<string, FieldSql>(
    TARGET_FIELDS[source.target].map((spec) => [
      spec.name,
      { spec, value: 'NULL', present: 'true', mapped: true },
    ]),
  );
  const period = config.periods.find((p) => p.id === source.period) ?? config.periods[0];
  const ids = new Set(checksFor({ ...source, checks: {} }, fields, true, period).map((c) => c.id));
  ids.add('rows_present'); // every source: an extract with no data rows (ingest/read.ts noRowsFinding)
  return [...ids].sort();
}

const catalogues = new Map<string, Catalogue | null>();

/** The workspace's catalogue, or null when it cannot be read (that error is reported where it is used). */
function catalogueOf(config: Config, file: string): Catalogue | null {
  // the workspace folder is the config file's folder
  const id = resolveRef(config.catalogue, (p) => path.resolve(path.dirname(path.resolve(file)), p));
  if (!catalogues.has(id)) {
    try {
      catalogues.set(id, loadCatalogue(id));
    } catch {
      catalogues.set(id, null);
    }
  }
  return catalogues.get(id)!;
}

/**
 * Cross references, checked once after the schema: the names a config uses must name something.
 * Throws the first problem as a UserError naming the key path, the valid choices and the likely one.
 */
export function checkReferences(config: Config, raw: unknown, ctx: CheckContext): void {
  const { lang, file } = ctx;
  const fail = (message: string, key: string, hint: string): never => {
    throw new UserError(message, { file, key, hint });
  };
  checkSection(AnalysisConfigSchema, valueAt(raw, ['analysis']), 'analysis', ctx);
  checkSection(TrajectoriesConfigSchema, valueAt(raw, ['trajectories']), 'trajectories', ctx);

  const unique = (ids: string[], list: string) => {
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i)
        fail(tr(M.duplicateId, lang, { id, list }), `${list}.${i}.id`, tr(M.duplicateIdHint, lang));
    });
  };
  unique(
    config.periods.map((p) => p.id),
    'periods',
  );
  unique(
    config.sources.map((s) => s.id),
    'sources',
  );
  const periodIds = config.periods.map((p) => p.id);

  config.sources.forEach((source, i) => {
    const at = `sources.${i}`;
    if (source.period !== undefined && !periodIds.includes(source.period))
      fail(
        tr(M.unknownPeriod, lang, { source: source.id, value: source.period }),
        `${at}.period`,
        choiceHint(lang, source.period, periodIds),
      );
    const specs = TARGET_FIELDS[source.target];
    for (const [field, map] of Object.entries(source.columns)) {
      const spec = specs.find((s) => s.name === field);
      if (!spec)
        fail(
          tr(M.unknownField, lang, { field, target: source.target }),
          `${at}.columns.${field}`,
          choiceHint(
            lang,
            field,
            specs.map((s) => s.name),
          ),
        );
      if (typeof map === 'string') continue;
      for (const [option, types] of Object.entries(OPTION_TYPES)) {
        if ((map as Record<string, unknown>)[option] === undefined) continue;
        if (option === 'values' && map.expr !== undefined)
          fail(
            tr(M.ignoredOption, lang, { option, field, type: 'expr' }),
            `${at}.columns.${field}.values`,
            tr(M.valuesWithExpr, lang),
          );
        if (!types.includes(spec!.type))
          fail(
            tr(M.ignoredOption, lang, { option, field, type: spec!.type }),
            `${at}.columns.${field}.${option}`,
            tr(M.ignoredOptionHint, lang, {
              option,
              types: specs
                .filter((s) => types.includes(s.type))
                .map((s) => s.name)
                .join(', '),
            }),
          );
      }
    }
    // a values map into a closed list (provider, sex, unit …) must land on that list, or the cell becomes empty
    for (const [field, map] of Object.entries(source.columns)) {
      if (typeof map === 'string') continue;
      const spec = specs.find((s) => s.name === field)!;
      const closed = spec.values ?? (field === 'unit' ? UNITS : undefined);
      // enum fields are read case-insensitively (transform.ts); unit codes exactly
      const allowed = (x: string) =>
        spec.values ? spec.values.some((c) => c.toLowerCase() === x.toLowerCase()) : closed!.includes(x);
      if (map.value !== undefined && closed && map.values === undefined && !allowed(String(map.value)))
        fail(
          tr(M.notAllowed, lang, { value: String(map.value), field }),
          `${at}.columns.${field}.value`,
          choiceHint(lang, String(map.value), closed),
        );
      if (!closed) continue;
      for (const [from, to] of Object.entries(map.values ?? {}))
        if (!allowed(String(to)))
          fail(
            tr(M.notAllowed, lang, { value: String(to), field }),
            `${at}.columns.${field}.values.${from}`,
            choiceHint(lang, String(to), closed),
          );
    }
    const checks = Object.keys(source.checks ?? {});
    if (checks.length > 0) {
      const known = checkIdsFor(source, config);
      for (const id of checks)
        if (!known.includes(id))
          fail(
            tr(M.unknownCheck, lang, { id, source: source.id }),
            `${at}.checks.${id}`,
            choiceHint(lang, id, known),
          );
    }
  });

  const costing = config.costing;
  if (!costing) return;
  const poolIds = costing.pools.map((p) => p.id);
  unique(poolIds, 'costing.pools');
  const open = openActivityIds(costing);
  const catalogue = catalogueOf(config, file);
  const codes = catalogue?.services.map((s) => s.code) ?? [];
  const names = (pattern: string) => {
    const code = pattern.endsWith('*') ? pattern.slice(0, -1) : pattern;
    return pattern.endsWith('*') ? codes.some((c) => c.startsWith(code)) : codes.includes(code);
  };
  const checkCode = (pattern: string, key: string) => {
    if (catalogue && !names(pattern))
      fail(
        tr(M.unknownCode, lang, { code: pattern, catalogue: catalogue.catalogue }),
        key,
        `${tr(M.codeHint, lang)}${suggest(lang, pattern.replace(/\*$/, ''), codes)}`,
      );
  };
  costing.pools.forEach((pool, i) => {
    const at = `costing.pools.${i}`;
    pool.targets.forEach((target, j) => {
      if (poolIds.includes(target) || open.includes(target)) return;
      const at1 = target.lastIndexOf('@');
      const code = at1 < 0 ? target : target.slice(0, at1);
      const provider = at1 < 0 ? undefined : target.slice(at1 + 1);
      const ok = (provider === undefined || provider === 'own' || provider === 'external') && names(code);
      if (catalogue && !ok)
        fail(
          tr(M.unknownTarget, lang, { pool: pool.id, target }),
          `${at}.targets.${j}`,
          `${tr(M.targetHint, lang)}${suggest(lang, target, [...poolIds, ...open, ...codes])}`,
        );
    });
    for (const w of Object.keys(pool.weights ?? {})) {
      const covered = pool.targets.some(
        (t) => t === w || (t.endsWith('*') && w.startsWith(t.slice(0, -1))) || w.startsWith(`${t}@`),
      );
      if (!covered)
        fail(
          tr(M.unknownWeight, lang, { pool: pool.id, target: w }),
          `${at}.weights.${w}`,
          choiceHint(lang, w, pool.targets),
        );
    }
  });
  costing.methods.forEach((m, i) =>
    m.codes.forEach((c, j) => checkCode(c, `costing.methods.${i}.codes.${j}`)),
  );
  (costing.key_figures ?? []).forEach((k, i) => {
    (k.codes ?? []).forEach((c, j) => checkCode(c, `costing.key_figures.${i}.codes.${j}`));
    if (!catalogue) return;
    const lists = {
      families: catalogue.services.map((s) => s.family),
      areas: catalogue.services.map((s) => s.area),
    };
    for (const list of ['families', 'areas'] as const) {
      const valid = [...new Set(lists[list].filter((x): x is string => Boolean(x)))].sort();
      (k[list] ?? []).forEach((v, j) => {
        if (!valid.includes(v))
          fail(
            tr(M.unknownName, lang, { value: v, catalogue: catalogue.catalogue }),
            `costing.key_figures.${i}.${list}.${j}`,
            choiceHint(lang, v, valid),
          );
      });
    }
  });
}

/** Ids of open activities (activities not tied to persons), when the costing config declares any. */
function openActivityIds(costing: NonNullable<Config['costing']>): string[] {
  const list = (costing as { open_activities?: unknown }).open_activities;
  if (!Array.isArray(list)) return [];
  return list
    .map((a: unknown) =>
      typeof a === 'string'
        ? a
        : ((a as { id?: unknown; code?: unknown })?.id ?? (a as { code?: unknown })?.code),
    )
    .filter((x): x is string => typeof x === 'string');
}

function suggest(lang: Lang, word: string, choices: readonly string[]): string {
  const s = didYouMean(word, choices);
  return s ? `; ${tr(M.didYouMean, lang, { s })}` : '';
}
