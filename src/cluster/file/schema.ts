/**
 * The cluster file's schema (docs/cluster.md, "The file"): the tables a YAML file or a workbook gives,
 * checked with zod; the first problem is a user error naming the file, the entry and the fix (an
 * unknown key with "did you mean").
 */
import { z } from 'zod';
import { didYouMean } from '../../core/did-you-mean.js';
import { parseAmount } from '../amount.js';
import { PERIOD } from '../indicators.js';
import { COST_CATEGORIES } from '../model.js';
import { t } from '../../core/messages.js';
import type { Lang } from '../../i18n.js';
import { fileError, originOf, rememberOrigins, type Localised, type Origins } from './errors.js';

// a schema's message names its problem; cluster-data.problem.<name> says it in the reader's language
const ID = 'id';
const DAY = 'day';
const MONTH = 'month';
const AMOUNT = 'amount';
const NEGATIVE = 'negative';
const MUNICIPALITY = 'municipality';
const PERIOD_ID = 'period';
const PROBLEMS = [ID, DAY, MONTH, AMOUNT, NEGATIVE, MUNICIPALITY, PERIOD_ID];

/** A whole number, also as a spreadsheet's text cell ("2025", " 94 "). */
const whole = (v: unknown) => (typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v);
/** A decimal number, also as text with a decimal comma or a percent sign ("22,5", "22,5 %"). */
const decimalNumber = (v: unknown) =>
  typeof v === 'string' && /^\s*-?\d+([.,]\d+)?\s*%?\s*$/.test(v)
    ? Number(v.replace(',', '.').replace('%', ''))
    : v;

const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,59}$/, ID);
const Text = z.string().trim().min(1);
/** A whole number from `min` (to `max`), also as text. */
const int = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z.preprocess(whole, z.number().int().min(min).max(max));
const Year = z.preprocess(whole, z.number().int().min(2000).max(2100));
const Day = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, DAY);
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, MONTH);
const Percent = z.preprocess(decimalNumber, z.number().min(0).max(100));

/** Kroner as a number or text (`60000`, `60.000`, `1.234.567,50`; src/cluster/amount.ts) → exact øre, ≥ 0. */
const Kroner = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const ore = parseAmount(v);
  if (ore === undefined || ore < 0n) {
    ctx.addIssue({ code: 'custom', message: ore === undefined ? AMOUNT : NEGATIVE });
    return z.NEVER;
  }
  return ore;
});

const OrgSchema = z.strictObject({
  id: Id,
  name: Text,
  kind: z.enum(['municipality', 'region', 'hospital', 'general_practice', 'cluster', 'health_council']),
  chair: z.boolean().optional(),
  // organisations that change (src/cluster/succession.ts): validity, successor, a council's members
  valid_from: Day.optional(),
  valid_to: Day.optional(),
  succeeded_by: Id.optional(),
  merged_into: Id.optional(),
  members: z.array(Id).min(1).optional(),
  municipality: z
    .union([z.string(), z.number()])
    .transform(String)
    .pipe(z.string().regex(/^\d{3,4}$/, MUNICIPALITY))
    .optional(),
});
const FundSchema = z.strictObject({
  id: Id,
  name: Text,
  allows: z.array(z.enum(COST_CATEGORIES)).min(1),
  carry_over: z.boolean().default(true),
});
const TakeoverSchema = z.strictObject({ date: Day, from: Id, to: Id });
const GrantSchema = z.strictObject({ fund: Id, year: Year, amounts: z.record(Id, Kroner) });
const BudgetLineSchema = z.strictObject({ year: Year, category: z.enum(COST_CATEGORIES), kroner: Kroner });
const ProjectSchema = z.strictObject({
  id: Id,
  title: Text,
  fund: Id,
  owner: Id,
  leader: Text.optional(),
  sponsor: Text.optional(),
  participants: Text.optional(),
  description: Text.optional(),
  focus: Text.optional(),
  cross_sector: Text.optional(),
  starts: Day.optional(),
  ends: Day.optional(),
  budget: z.array(BudgetLineSchema).default([]),
  split: z.record(Id, z.union([z.number(), z.string()])).optional(),
});
const DecisionSchema = z.strictObject({
  project: Id,
  meeting: Day,
  outcome: z.enum(['approved', 'rejected', 'postponed']),
  frame_kroner: Kroner.optional(),
  note: Text.optional(),
});
const SpendSchema = z.strictObject({ project: Id, org: Id, year: Year, kroner: Kroner, reported: Day });
const CostSchema = z.strictObject({ project: Id, org: Id, year: Year, kroner: Kroner });
const OnAccountSchema = z.strictObject({
  fund: Id,
  year: Year,
  from: Id,
  to: Id,
  kroner: Kroner,
  note: Text.optional(),
});
const SplitSchema = z.strictObject({ region: Percent, municipalities: Percent });
const ForecastSchema = z.strictObject({
  id: Id,
  title: Text,
  start: Month,
  months: int(1, 240),
  targets: z.record(Id, int(0)),
  ramp: z.array(z.strictObject({ month: int(1), percent: Percent })).min(1),
  region: Id,
  equipment_per_citizen: Kroner,
  monitoring_per_citizen_month: Kroner,
  equipment_split: SplitSchema,
  monitoring_split: SplitSchema,
  actual: z
    .array(
      z.strictObject({
        month: Month,
        org: Id,
        included: int(0),
      }),
    )
    .default([]),
});

const Period = z.union([z.string(), z.number()]).transform(String).pipe(z.string().regex(PERIOD, PERIOD_ID));
const IndicatorSchema = z.strictObject({
  id: Id,
  title: Text,
  source: z.enum(['reported', 'warehouse']).default('reported'),
  warehouse_indicator: Id.optional(),
  warehouse_cluster: Text.optional(),
  better: z.enum(['higher', 'lower']),
  // a reported indicator's periods are PERIOD ids; a warehouse indicator's are the workspace's period ids
  baseline_period: z.union([z.string(), z.number()]).transform(String).pipe(Id),
  target_change_percent: z.preprocess(decimalNumber, z.number().min(-100).max(10000)).optional(),
  target_value: z.preprocess(decimalNumber, z.number()).optional(),
  follow_up: Text.optional(),
  note: Text.optional(),
});
const IndicatorValueSchema = z.strictObject({
  indicator: Id,
  org: Id,
  period: Period,
  value: int(0),
});

export const ClusterFileSchema = z.strictObject({
  cluster: Text.optional(),
  organisations: z.array(OrgSchema).default([]),
  takeovers: z.array(TakeoverSchema).default([]),
  funds: z.array(FundSchema).default([]),
  grants: z.array(GrantSchema).default([]),
  projects: z.array(ProjectSchema).default([]),
  decisions: z.array(DecisionSchema).default([]),
  expected_spend: z.array(SpendSchema).default([]),
  costs: z.array(CostSchema).default([]),
  on_account: z.array(OnAccountSchema).default([]),
  forecasts: z.array(ForecastSchema).default([]),
  indicators: z.array(IndicatorSchema).default([]),
  indicator_values: z.array(IndicatorValueSchema).default([]),
});
export type ClusterFile = z.output<typeof ClusterFileSchema>;

/** "projects[2] (lab)" for messages: the table, the entry's number from 1, and its id when it has one. */
function entryName(doc: unknown, p: readonly PropertyKey[]): string {
  let s = '';
  let node: unknown = doc;
  p.forEach((k, i) => {
    s += typeof k === 'number' ? `[${k + 1}]` : s ? `.${String(k)}` : String(k);
    node = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[k] : undefined;
    if (i === 1 && typeof k === 'number' && node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      const id = o.id ?? o.project ?? o.fund ?? o.indicator;
      if (typeof id === 'string') s += ` (${id.slice(0, 60)})`;
    }
  });
  return s;
}

/** A schema problem in the reader's language: the schema's own problem names, then zod's codes. */
function problemOf(issue: z.core.$ZodIssue, value: unknown): Localised {
  const p =
    (key: string, vars: Record<string, string | number> = {}) =>
    (lang: Lang) =>
      t(lang, `cluster-data.problem.${key}`, vars);
  if (PROBLEMS.includes(issue.message)) return p(issue.message);
  switch (issue.code) {
    case 'invalid_type':
      // YAML reads an unquoted 730 as a number: an id is text
      if (issue.expected === 'string' && typeof value === 'number')
        return p('quote', { value: `'${String(value)}'` });
      return p(value === undefined ? 'required' : 'type', { expected: issue.expected });
    case 'invalid_value':
      return p('one_of', { choices: issue.values.map(String).join(', ') });
    case 'too_small':
      if (issue.origin === 'array') return p('too_few', { min: Number(issue.minimum) });
      if (issue.origin === 'string') return p('empty');
      return p('too_small', { min: String(issue.minimum) });
    case 'too_big':
      return p('too_big', { max: String(issue.maximum) });
    case 'invalid_union':
      return p('type', { expected: 'number | string' });
    case 'invalid_key':
      return p(ID);
    default:
      return () => issue.message.slice(0, 200);
  }
}

/** Validate a parsed document; the first problem is a user error naming the file, the entry and the fix. */
export function parseClusterDoc(file: string, raw: unknown, origins?: Origins): ClusterFile {
  const r = ClusterFileSchema.safeParse(raw ?? {});
  if (r.success) return rememberOrigins(r.data, origins);
  // a misspelt key also leaves its right spelling missing: name the typo (with "did you mean") first
  const issue = r.error.issues.find((i) => i.code === 'unrecognized_keys') ?? r.error.issues[0]!;
  const entry = entryName(raw, issue.path) || '(top level)';
  const loc = originOf(origins, issue.path) ?? {};
  if (issue.code === 'unrecognized_keys') {
    const bad = issue.keys[0]!;
    const choices = allowedKeys(issue.path);
    const s = didYouMean(bad, choices);
    throw fileError(
      s ? 'unknown_key_suggest' : 'unknown_key',
      file,
      entry,
      { key: bad.slice(0, 60), suggestion: s ?? '', keys: choices.join(', ') },
      loc,
    );
  }
  const value = issue.path.reduce<unknown>(
    (node, k) => (node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[k] : undefined),
    raw,
  );
  throw fileError('invalid', file, entry, { problem: problemOf(issue, value) }, loc);
}

/** The keys allowed where an unknown key was found (the schema's own shape). */
function allowedKeys(p: readonly PropertyKey[]): string[] {
  let s: z.ZodType = ClusterFileSchema;
  for (const k of p) {
    for (;;) {
      const def = (s as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
      if (def.type === 'default' || def.type === 'optional' || def.type === 'pipe')
        s = (def.innerType ?? def.in) as z.ZodType;
      else break;
    }
    const def = (s as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
    if (typeof k === 'number' && def.type === 'array') s = def.element as z.ZodType;
    else if (def.type === 'object') s = (def.shape as Record<string, z.ZodType>)[String(k)]!;
    else if (def.type === 'record') s = def.valueType as z.ZodType;
  }
  for (;;) {
    const def = (s as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
    if (def.type === 'default' || def.type === 'optional') s = def.innerType as z.ZodType;
    else if (def.type === 'array') s = def.element as z.ZodType;
    else break;
  }
  const def = (s as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  return def.type === 'object' ? Object.keys(def.shape as object) : [];
}
