/**
 * An investment case file (YAML, docs/decisions.md "The case file"): payers, cost lines with their
 * split, effects with a unit cost (in kroner, or a service whose unit cost the workspace computed)
 * and the units avoided per year in a low, expected and high scenario. Validated before anything is
 * computed; the first problem is a user error naming the file, the key and the fix, an unknown key
 * with "did you mean".
 */
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { didYouMean } from '../core/did-you-mean.js';
import { t, text, userError } from '../core/messages.js';
import { decimalFraction, fraction, type Fraction } from '../core/money.js';
import { parseAmount } from '../cluster/amount.js';
import { schemaError } from '../config/validate.js';
import type { Lang } from '../i18n.js';
import type { Baseline, BaselineSpec, SpecKeys } from './baseline.js';
import { SCENARIOS, type CostLine, type Effect, type InvestmentCase, type Scenario } from './investment.js';

// a schema's message names its problem; decisions.schema.problem.<name> says it in the reader's language
const PROBLEMS = ['id', 'decimal', 'ambiguous', 'amount', 'share', 'year'] as const;
const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,59}$/, 'id');
const Text = z.string().trim().min(1);
const Year = z.coerce.number().int().min(2000).max(2100);
/** A decimal as written (number or text, "." or ","), kept exact. */
const Decimal = z
  .union([z.number(), z.string()])
  .refine((v) => /^\d+([.,]\d{1,6})?$/.test(String(v)), 'decimal')
  // "1.500" is 1500 in Danish and 1.5 in English: a text with one separator before three digits is refused
  .refine((v) => typeof v === 'number' || !/^\d{1,3}[.,]\d{3}$/.test(v.trim()), 'ambiguous');
/** Kroner as a number or text with thousands separators (`60.000`, `1.234.567,50`; src/cluster/amount.ts). */
const Kroner = z.union([z.number(), z.string()]).refine((v) => parseAmount(v) !== undefined, 'amount');
const Share = z.record(Id, z.number().min(0).max(100)).refine((s) => Object.values(s).some((v) => v > 0), {
  message: 'share',
});
const ByYear = <T extends z.ZodType>(v: T) => z.record(z.string().regex(/^\d{4}$/, 'year'), v);
/** Øre of an amount the schema has checked. */
const ore = (v: number | string): bigint => parseAmount(v)!;

/** What the target group costs each payer a year today: from mart_payer (`group` …) or entered (`kroner`). */
const BaselineSchema = z.strictObject({
  group: Id.optional(),
  period: z.union([z.string(), z.number()]).transform(String).optional(),
  year: Year.optional(),
  payers: z.record(Id, z.array(Text).min(1)).optional(),
  kroner: z.record(Id, Kroner).optional(),
});

export const CaseFileSchema = z.strictObject({
  name: Text,
  description: Text.optional(),
  years: z.strictObject({ from: Year, to: Year }),
  /** a municipality code: unit costs from this municipality's rows of the workspace */
  municipality: z.union([z.string(), z.number()]).transform(String).optional(),
  payers: z.array(z.strictObject({ id: Id, name: Text })).min(1),
  baseline: BaselineSchema.optional(),
  costs: z.array(z.strictObject({ id: Id, name: Text, split: Share, kroner: ByYear(Kroner) })).default([]),
  effects: z
    .array(
      z.strictObject({
        id: Id,
        name: Text,
        split: Share,
        unit_cost_kroner: Kroner.optional(),
        unit_cost_service: Text.optional(),
        /** one unit = 1 % of this payer's baseline a year */
        unit_cost_baseline: Id.optional(),
        units: ByYear(z.strictObject({ low: Decimal, expected: Decimal, high: Decimal })),
      }),
    )
    .default([]),
});
export type CaseFile = z.infer<typeof CaseFileSchema>;

/** An exact decimal ("12,5" or 12.5; the schema has checked its shape) as a fraction. */
const decimal = (v: number | string): Fraction => decimalFraction(String(v))!;

/** Percent shares (two decimals) as integer weights. */
function weights(split: Record<string, number>): Map<string, bigint> {
  return new Map(Object.entries(split).map(([p, v]) => [p, BigInt(Math.round(v * 100))]));
}

/** The baseline options given on the command line (`decide invest --group …`); they override the file's. */
export interface BaselineOptions {
  group?: string;
  period?: string;
  municipality?: string;
}

/** Schema errors of a case file say "in the case file" and point to docs/decisions.md. */
const CASE_WORDING = {
  invalid: text('decisions.schema.invalid.msg'),
  unknownKey: text('decisions.schema.unknown_key.msg'),
  seeDocs: text('decisions.schema.see_docs'),
};

/** Read and validate a case file's text; the case with every unit cost still to resolve by service. */
export function parseCaseFile(text: string, file: string, lang: Lang, cli: BaselineOptions = {}): CaseFile {
  let raw: unknown;
  try {
    raw = YAML.parse(text);
  } catch (e) {
    throw userError(
      'decisions.yaml',
      { file: path.basename(file), problem: (e as Error).message.slice(0, 200) },
      { file },
    );
  }
  const r = CaseFileSchema.safeParse(raw ?? {});
  if (!r.success) {
    // the schema's own problems in the reader's language (the hint shows a custom issue's message)
    const issues = r.error.issues.map((i) =>
      (PROBLEMS as readonly string[]).includes(i.message)
        ? { ...i, message: t(lang, `decisions.schema.problem.${i.message}`) }
        : i,
    );
    throw schemaError(issues, raw, CaseFileSchema, { file, lang, wording: CASE_WORDING });
  }
  const c = r.data;
  const err = (key: string, at: string, vars: Record<string, string | number> = {}) =>
    userError(`decisions.${key}`, { file: path.basename(file), key: at, ...vars }, { file, key: at });
  if (c.years.to < c.years.from) throw err('years', 'years.to');
  const payers = c.payers.map((p) => p.id);
  const ids = new Set<string>();
  for (const [i, p] of c.payers.entries()) {
    if (ids.has(p.id)) throw err('duplicate', `payers.${i}.id`, { id: p.id });
    ids.add(p.id);
  }
  const inYears = (y: string) => Number(y) >= c.years.from && Number(y) <= c.years.to;
  const checkPayer = (p: string, at: string) => {
    if (ids.has(p)) return;
    const s = didYouMean(p, payers);
    throw err(s ? 'payer_suggest' : 'payer', at, {
      payer: p,
      suggestion: s ?? '',
      payers: payers.join(', '),
    });
  };
  const checkSplit = (split: Record<string, unknown>, at: string) => {
    for (const p of Object.keys(split)) checkPayer(p, `${at}.${p}`);
  };
  const b = c.baseline;
  if (b?.group !== undefined && b.kroner !== undefined) throw err('baseline_both', 'baseline');
  if (b && b.group === undefined && b.kroner === undefined && cli.group === undefined)
    throw err('baseline_none', 'baseline');
  if (b?.payers) checkSplit(b.payers, 'baseline.payers');
  if (b?.kroner) checkSplit(b.kroner, 'baseline.kroner');
  const hasBaseline = cli.group !== undefined || b !== undefined;
  for (const [i, line] of c.costs.entries()) {
    checkSplit(line.split, `costs.${i}.split`);
    for (const y of Object.keys(line.kroner))
      if (!inYears(y))
        throw err('year_outside', `costs.${i}.kroner.${y}`, { year: y, from: c.years.from, to: c.years.to });
  }
  for (const [i, e] of c.effects.entries()) {
    checkSplit(e.split, `effects.${i}.split`);
    const unitCosts = [e.unit_cost_kroner, e.unit_cost_service, e.unit_cost_baseline];
    if (unitCosts.filter((u) => u !== undefined).length !== 1) throw err('unit_cost', `effects.${i}`);
    if (e.unit_cost_baseline !== undefined) {
      checkPayer(e.unit_cost_baseline, `effects.${i}.unit_cost_baseline`);
      if (!hasBaseline) throw err('baseline_missing', `effects.${i}.unit_cost_baseline`);
    }
    for (const [y, u] of Object.entries(e.units)) {
      if (!inYears(y))
        throw err('year_outside', `effects.${i}.units.${y}`, { year: y, from: c.years.from, to: c.years.to });
      const [lo, ex, hi] = SCENARIOS.map((s) => decimal(u[s]));
      const le = (a: Fraction, b: Fraction) => a.n * b.d <= b.n * a.d;
      if (!le(lo!, ex!) || !le(ex!, hi!)) throw err('range', `effects.${i}.units.${y}`);
    }
  }
  return c;
}

/**
 * The case to compute, once every effect has a unit cost: `unitCostOf(service)` gives the workspace's
 * unit cost of a service (øre per unit, exact) for effects that name one.
 */
export async function toInvestmentCase(
  c: CaseFile,
  unitCostOf: (service: string) => Promise<Fraction>,
  baseline?: Baseline,
): Promise<InvestmentCase> {
  const years = Array.from({ length: c.years.to - c.years.from + 1 }, (_, i) => c.years.from + i);
  const costs: CostLine[] = c.costs.map((line) => ({
    id: line.id,
    name: line.name,
    perYear: new Map(Object.entries(line.kroner).map(([y, v]) => [Number(y), ore(v)])),
    split: weights(line.split),
  }));
  const effects: Effect[] = [];
  for (const [i, e] of c.effects.entries()) {
    let unitCost: Fraction;
    if (e.unit_cost_kroner !== undefined) unitCost = fraction(ore(e.unit_cost_kroner));
    else if (e.unit_cost_service !== undefined) unitCost = await unitCostOf(e.unit_cost_service);
    else {
      // one unit is 1 % of the payer's baseline a year
      const payer = e.unit_cost_baseline!;
      const minor = baseline?.perPayer.get(payer);
      if (minor === undefined)
        throw userError('decisions.baseline_payer', { payer }, { key: `effects.${i}.unit_cost_baseline` });
      unitCost = fraction(minor, 100n);
    }
    effects.push({
      id: e.id,
      name: e.name,
      unitCost,
      perYear: new Map(
        Object.entries(e.units).map(([y, u]) => [
          Number(y),
          Object.fromEntries(SCENARIOS.map((s) => [s, decimal(u[s])])) as Record<Scenario, Fraction>,
        ]),
      ),
      split: weights(e.split),
    });
  }
  return {
    years,
    payers: c.payers.map((p) => p.id),
    costs,
    effects,
    ...(baseline ? { baseline: baseline.perPayer } : {}),
  };
}

/** The baseline entered in the file (`baseline.kroner`), unless the command line asks for mart_payer. */
export function enteredBaseline(c: CaseFile, cli: BaselineOptions = {}): Baseline | undefined {
  const kroner = c.baseline?.kroner;
  if (!kroner || cli.group !== undefined) return undefined;
  return {
    perPayer: new Map(Object.entries(kroner).map(([p, v]) => [p, ore(v)])),
    source: { table: null },
  };
}

/**
 * What to read from mart_payer, with where each value was named (for the error that points at it): the
 * command line's options over the file's `baseline:` (its municipality over the case's), or undefined
 * when the case takes no baseline from mart_payer.
 */
export function martBaselineSpec(
  c: CaseFile,
  cli: BaselineOptions = {},
): { spec: BaselineSpec; keys: SpecKeys } | undefined {
  const group = cli.group ?? c.baseline?.group;
  if (group === undefined) return undefined;
  const pick = <T>(opt: T | undefined, fileValue: T | undefined, option: string, key: string) =>
    opt !== undefined ? { v: opt, at: option } : { v: fileValue, at: key };
  const period = pick(cli.period, c.baseline?.period, '--period', 'baseline.period');
  const municipality = pick(cli.municipality, c.municipality, '--municipality', 'municipality');
  return {
    spec: {
      group,
      ...(period.v !== undefined ? { period: period.v } : {}),
      ...(municipality.v !== undefined ? { municipality: municipality.v } : {}),
      ...(c.baseline?.year !== undefined ? { year: c.baseline.year } : {}),
      ...(c.baseline?.payers ? { payers: c.baseline.payers } : {}),
    },
    keys: {
      group: cli.group !== undefined ? '--group' : 'baseline.group',
      period: period.at,
      municipality: municipality.at,
      year: 'baseline.year',
      payers: 'baseline.payers',
    },
  };
}
