/**
 * A cluster description file (YAML, or an Excel workbook with one sheet per table) loaded into the
 * operational store: organisations, funds, grants, projects with budgets, decisions, expected-spend
 * reports, costs, a-conto payments, forecasts and reported inclusions (docs/cluster.md, "The file").
 *
 * Everything is checked before it counts and saved in ONE transaction: a broken rule or a bad entry
 * stops the load and nothing is saved. Loading the same file again changes nothing: organisations,
 * funds, grants, projects, budget lines, costs and forecasts are upserts keyed by their ids; a
 * decision, an expected-spend report or an a-conto payment already stored is not stored twice.
 * Decisions, reports and costs go through the store functions (src/cluster/store.ts), so the fund
 * rules are checked and every change is audited as if made on the pages.
 */
import { didYouMean } from '../core/did-you-mean.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import YAML from 'yaml';
import { z } from 'zod';
import { parseKroner } from '../core/money.js';
import { userError } from '../core/messages.js';
import { UserError } from '../errors.js';
import { appendAudit } from '../store/audit.js';
import type { Db } from '../store/db.js';
import { checkForecast, type ForecastInput } from './forecast.js';
import { COST_CATEGORIES, kr } from './model.js';
import { percentKey } from './settlement.js';
import { PERIOD, reportIndicatorValue } from './indicators.js';
import {
  loadCluster,
  recordDecision,
  recordTakeover,
  reportCost,
  reportExpectedSpend,
  type ClusterActor,
} from './store.js';
import { nextDay, previousDay, resolverFor, validIn, validOn } from './succession.js';

// ---------------------------------------------------------------- the schema

const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,59}$/, 'an id: letters, digits, _ . - (max 60)');
const Text = z.string().trim().min(1);
const Year = z.number().int().min(2000).max(2100);
const Day = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date YYYY-MM-DD');
const Percent = z.number().min(0).max(100);

/** Kroner as a number or text with at most two decimals → exact øre. */
const Kroner = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const ore = parseKroner(typeof v === 'number' ? String(v) : v, 2);
  if (ore === undefined || ore < 0n || (typeof v === 'number' && !Number.isSafeInteger(Math.trunc(v)))) {
    ctx.addIssue({
      code: 'custom',
      message: 'an amount in kroner ≥ 0 with at most 2 decimals, e.g. 60000 or 1234.50',
    });
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
    .pipe(z.string().regex(/^\d{3,4}$/, 'a municipality code of 3 (DK) or 4 (SE) digits, e.g. 730'))
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
  start: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM'),
  months: z.number().int().min(1).max(240),
  targets: z.record(Id, z.number().int().min(0)),
  ramp: z.array(z.strictObject({ month: z.number().int().min(1), percent: Percent })).min(1),
  region: Id,
  equipment_per_citizen: Kroner,
  monitoring_per_citizen_month: Kroner,
  equipment_split: SplitSchema,
  monitoring_split: SplitSchema,
  actual: z
    .array(
      z.strictObject({
        month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM'),
        org: Id,
        included: z.number().int().min(0),
      }),
    )
    .default([]),
});

const Period = z
  .union([z.string(), z.number()])
  .transform(String)
  .pipe(z.string().regex(PERIOD, 'a period: 2024, 2024-H1, 2024-Q3 or 2024-05'));
const IndicatorSchema = z.strictObject({
  id: Id,
  title: Text,
  source: z.enum(['reported', 'warehouse']).default('reported'),
  warehouse_indicator: Id.optional(),
  warehouse_cluster: Text.optional(),
  better: z.enum(['higher', 'lower']),
  // a reported indicator's periods are PERIOD ids; a warehouse indicator's are the workspace's period ids
  baseline_period: z.union([z.string(), z.number()]).transform(String).pipe(Id),
  target_change_percent: z.number().min(-100).max(10000).optional(),
  target_value: z.number().optional(),
  follow_up: Text.optional(),
  note: Text.optional(),
});
const IndicatorValueSchema = z.strictObject({
  indicator: Id,
  org: Id,
  period: Period,
  value: z.number().int().min(0),
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

// ---------------------------------------------------------------- errors

/** Where an entry came from: a path in the YAML, or a sheet and row of a workbook. */
type Origins = Map<string, { sheet: string; row: number }>;

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

function locate(file: string, origins: Origins | undefined, p: readonly PropertyKey[]) {
  const o = origins?.get(p.slice(0, 2).map(String).join('.'));
  return o ? { file, row: o.row, column: o.sheet } : { file };
}

/** A user error from this module, with the file and the entry named. */
function fileError(
  key: string,
  file: string,
  entry: string,
  vars: Record<string, string | number> = {},
  loc: { row?: number; column?: string } = {},
): UserError {
  return userError(
    `cluster-data.${key}`,
    { file: path.basename(file), entry, ...vars },
    { file, key: entry, ...loc },
  );
}

/** Re-throw a rule's user error (fund rules, forecast checks) with the file and entry it came from. */
async function at<T>(file: string, entry: string, fn: () => Promise<T>, loc = {}): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof UserError) {
      const localise = e.localise;
      const where = `${path.basename(file)}: ${entry}`;
      throw new UserError(
        `${where}: ${e.message}`,
        { ...e.location, file, key: entry, ...loc },
        e.exitCode,
        localise
          ? (lang) => {
              const r = localise(lang);
              return { ...r, message: `${where}: ${r.message}` };
            }
          : undefined,
      );
    }
    throw e;
  }
}

/** Validate a parsed document; the first problem is a user error naming the file, the entry and the fix. */
export function parseClusterDoc(file: string, raw: unknown, origins?: Origins): ClusterFile {
  const r = ClusterFileSchema.safeParse(raw ?? {});
  if (r.success) return r.data;
  // a misspelt key also leaves its right spelling missing: name the typo (with "did you mean") first
  const issue = r.error.issues.find((i) => i.code === 'unrecognized_keys') ?? r.error.issues[0]!;
  const entry = entryName(raw, issue.path) || '(top level)';
  const loc = locate(file, origins, issue.path);
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
  throw fileError('invalid', file, entry, { problem: issue.message.slice(0, 200) }, loc);
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

// ---------------------------------------------------------------- reading files

/** Read a cluster file: `.yaml`/`.yml` or `.xlsx` (one sheet per table). */
export async function readClusterFile(file: string, bytes: Buffer): Promise<ClusterFile> {
  if (/\.xlsx$/i.test(file)) {
    const { doc, origins } = await workbookToDoc(file, bytes);
    return parseClusterDoc(file, doc, origins);
  }
  let raw: unknown;
  try {
    raw = YAML.parse(bytes.toString('utf8'), { prettyErrors: false });
  } catch (e) {
    const pos = (e as { linePos?: { line: number }[] }).linePos?.[0];
    throw fileError(
      'yaml',
      file,
      pos ? `line ${pos.line}` : '(file)',
      {
        problem: ((e as Error).message.split('\n')[0] ?? '').slice(0, 200),
      },
      pos ? { row: pos.line } : {},
    );
  }
  if (raw !== null && (typeof raw !== 'object' || Array.isArray(raw)))
    throw fileError('invalid', file, '(top level)', {
      problem: 'the file is a list of keys: organisations, funds, …',
    });
  return parseClusterDoc(file, raw);
}

/**
 * The workbook's sheets and columns, with the Danish names a secretariat's own sheets may use.
 * Sheet → [table, { column: key }]; a column not listed is refused with the known ones named.
 */
const SHEETS: Record<string, string[]> = {
  organisations: ['organisationer'],
  takeovers: ['overtagelser'],
  funds: ['puljer', 'fonde'],
  grants: ['bevillinger', 'midler'],
  projects: ['projekter'],
  budget: ['budget', 'budgetlinjer'],
  split: ['fordeling', 'skævdeling', 'skaevdeling'],
  decisions: ['beslutninger'],
  expected_spend: ['forventet_forbrug', 'forventet forbrug'],
  costs: ['udgifter', 'regnskab'],
  on_account: ['aconto', 'a-conto'],
  forecasts: ['prognoser'],
  forecast_targets: ['prognose_mål', 'prognose_maal', 'prognose_borgere'],
  forecast_ramp: ['prognose_rampe'],
  forecast_actual: ['prognose_faktisk', 'prognose_inkluderet'],
  indicators: ['indikatorer'],
  indicator_values: ['indikator_værdier', 'indikator_vaerdier', 'indikatorværdier'],
};
const COLUMNS: Record<string, string> = {
  navn: 'name',
  gyldig_fra: 'valid_from',
  gyldig_til: 'valid_to',
  efterfølges_af: 'succeeded_by',
  efterfoelges_af: 'succeeded_by',
  fusioneret_ind_i: 'merged_into',
  medlemmer: 'members',
  dato: 'date',
  type: 'kind',
  formand: 'chair',
  tillader: 'allows',
  overføres: 'carry_over',
  overfoeres: 'carry_over',
  pulje: 'fund',
  fond: 'fund',
  år: 'year',
  aar: 'year',
  medlem: 'member',
  beløb: 'kroner',
  beloeb: 'kroner',
  kr: 'kroner',
  titel: 'title',
  ejer: 'owner',
  økonomiansvarlig: 'owner',
  projektleder: 'leader',
  deltagere: 'participants',
  beskrivelse: 'description',
  fokus: 'focus',
  fokusområde: 'focus',
  tværsektoriel: 'cross_sector',
  tvaersektoriel: 'cross_sector',
  slut: 'ends',
  starter: 'starts',
  projekt: 'project',
  kategori: 'category',
  procent: 'percent',
  møde: 'meeting',
  moede: 'meeting',
  udfald: 'outcome',
  ramme_kr: 'frame_kroner',
  organisation: 'org',
  indberettet: 'reported',
  fra: 'from',
  til: 'to',
  måned: 'month',
  maaned: 'month',
  måneder: 'months',
  maaneder: 'months',
  prognose: 'forecast',
  borgere: 'citizens',
  inkluderet: 'included',
  region_org: 'region',
  udstyr_pr_borger: 'equipment_per_citizen',
  monitorering_pr_borger_måned: 'monitoring_per_citizen_month',
  udstyr_region: 'equipment_split_region',
  udstyr_kommuner: 'equipment_split_municipalities',
  monitorering_region: 'monitoring_split_region',
  monitorering_kommuner: 'monitoring_split_municipalities',
  kommunekode: 'municipality',
  kommune: 'municipality',
  kilde: 'source',
  lager_indikator: 'warehouse_indicator',
  lager_klynge: 'warehouse_cluster',
  bedre: 'better',
  basisperiode: 'baseline_period',
  mål_ændring_procent: 'target_change_percent',
  maal_aendring_procent: 'target_change_percent',
  målværdi: 'target_value',
  maalvaerdi: 'target_value',
  opfølgning: 'follow_up',
  opfoelgning: 'follow_up',
  indikator: 'indicator',
  periode: 'period',
  værdi: 'value',
  vaerdi: 'value',
};

function cellValue(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined || v === '') return undefined;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as unknown as Record<string, unknown>;
    if ('result' in o) return cellValue(o.result as ExcelJS.CellValue);
    if ('richText' in o) return (o.richText as { text: string }[]).map((r) => r.text).join('');
    if ('text' in o) return o.text;
    return undefined;
  }
  if (typeof v === 'string') return v.trim() === '' ? undefined : v.trim();
  return v;
}

const bool = (v: unknown) =>
  typeof v === 'string'
    ? /^(ja|yes|true|sand|1|x)$/i.test(v)
      ? true
      : /^(nej|no|false|falsk|0)$/i.test(v)
        ? false
        : v
    : v;

/** The workbook as the same document a YAML file gives; each entry remembers its sheet and row. */
async function workbookToDoc(file: string, bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw fileError('xlsx', file, '(file)', { problem: (e as Error).message.slice(0, 200) });
  }
  const tables = new Map<string, { sheet: string; row: number; r: Record<string, unknown> }[]>();
  const aliases = new Map<string, string>();
  for (const [t, names] of Object.entries(SHEETS))
    for (const n of [t, ...names]) aliases.set(n.toLowerCase(), t);
  for (const ws of wb.worksheets) {
    const table = aliases.get(ws.name.trim().toLowerCase());
    if (!table) {
      const s = didYouMean(ws.name.trim(), [...aliases.keys()]);
      throw fileError(s ? 'unknown_sheet_suggest' : 'unknown_sheet', file, ws.name.slice(0, 60), {
        suggestion: s ?? '',
        sheets: Object.keys(SHEETS).join(', '),
      });
    }
    const header: (string | undefined)[] = [];
    ws.getRow(1).eachCell((c, col) => {
      const h = String(cellValue(c.value) ?? '')
        .trim()
        .toLowerCase()
        .replace(/\s+/g, '_');
      header[col] = h === '' ? undefined : (COLUMNS[h] ?? h);
    });
    const rows = tables.get(table) ?? [];
    ws.eachRow((row, n) => {
      if (n === 1) return;
      const r: Record<string, unknown> = {};
      row.eachCell((c, col) => {
        const v = cellValue(c.value);
        const h = header[col];
        if (v !== undefined && h) r[h] = v;
      });
      if (Object.keys(r).length > 0) rows.push({ sheet: ws.name, row: n, r });
    });
    tables.set(table, rows);
  }
  const origins: Origins = new Map();
  const doc: Record<string, unknown[]> = {};
  const put = (t: string, e: Record<string, unknown>, o: { sheet: string; row: number }) => {
    const list = (doc[t] ??= []);
    origins.set(`${t}.${list.length}`, o);
    list.push(e);
  };
  const rowsOf = (t: string) => tables.get(t) ?? [];
  for (const { r, ...o } of rowsOf('organisations'))
    put(
      'organisations',
      {
        ...r,
        chair: bool(r.chair),
        ...(typeof r.members === 'string' ? { members: r.members.split(/[,;\s]+/).filter(Boolean) } : {}),
      },
      o,
    );
  for (const { r, ...o } of rowsOf('funds'))
    put(
      'funds',
      {
        ...r,
        allows: typeof r.allows === 'string' ? r.allows.split(/[,;\s]+/).filter(Boolean) : r.allows,
        carry_over: bool(r.carry_over),
      },
      o,
    );
  const grants = new Map<
    string,
    {
      e: { fund: unknown; year: unknown; amounts: Record<string, unknown> };
      o: typeof origins extends Map<string, infer V> ? V : never;
    }
  >();
  for (const { r, ...o } of rowsOf('grants')) {
    const k = `${String(r.fund)}\u0000${String(r.year)}`;
    const g = grants.get(k) ?? { e: { fund: r.fund, year: r.year, amounts: {} }, o };
    if (typeof r.member === 'string') g.e.amounts[r.member] = r.kroner;
    const extra = Object.keys(r).find((c) => !['fund', 'year', 'member', 'kroner'].includes(c));
    if (extra) (g.e as Record<string, unknown>)[extra] = r[extra];
    grants.set(k, g);
  }
  for (const g of grants.values()) put('grants', g.e, g.o);
  const byProject = (t: string) => {
    const m = new Map<string, Record<string, unknown>[]>();
    for (const { r } of rowsOf(t)) {
      const { project, ...rest } = r;
      const list = m.get(String(project)) ?? [];
      list.push(rest);
      m.set(String(project), list);
    }
    return m;
  };
  const budget = byProject('budget');
  const split = byProject('split');
  for (const { r: row, ...o } of rowsOf('projects')) {
    // "start"/"slut" are the Danish headers of starts/ends
    const { start, ...r } = row;
    if (start !== undefined && r.starts === undefined) r.starts = start;
    const id = String(r.id);
    const sp = split.get(id);
    put(
      'projects',
      {
        ...r,
        budget: budget.get(id) ?? [],
        ...(sp ? { split: Object.fromEntries(sp.map((s) => [String(s.member), s.percent])) } : {}),
      },
      o,
    );
  }
  for (const t of [
    'takeovers',
    'decisions',
    'expected_spend',
    'costs',
    'on_account',
    'indicators',
    'indicator_values',
  ])
    for (const { r, ...o } of rowsOf(t)) put(t, r, o);
  const perForecast = (t: string) => {
    const m = new Map<string, Record<string, unknown>[]>();
    for (const { r } of rowsOf(t)) {
      const { forecast, ...rest } = r;
      const list = m.get(String(forecast)) ?? [];
      list.push(rest);
      m.set(String(forecast), list);
    }
    return m;
  };
  const targets = perForecast('forecast_targets');
  const ramp = perForecast('forecast_ramp');
  const actual = perForecast('forecast_actual');
  for (const { r, ...o } of rowsOf('forecasts')) {
    const id = String(r.id);
    const {
      equipment_split_region,
      equipment_split_municipalities,
      monitoring_split_region,
      monitoring_split_municipalities,
      start,
      ...rest
    } = r;
    put(
      'forecasts',
      {
        ...rest,
        start: typeof start === 'string' ? start.slice(0, 7) : start,
        targets: Object.fromEntries((targets.get(id) ?? []).map((t) => [String(t.org), t.citizens])),
        ramp: ramp.get(id) ?? [],
        actual: (actual.get(id) ?? []).map((a) => ({
          ...a,
          month: typeof a.month === 'string' ? a.month.slice(0, 7) : a.month,
        })),
        equipment_split: { region: equipment_split_region, municipalities: equipment_split_municipalities },
        monitoring_split: {
          region: monitoring_split_region,
          municipalities: monitoring_split_municipalities,
        },
      },
      o,
    );
  }
  return { doc, origins };
}

// ---------------------------------------------------------------- loading

export interface LoadSummary {
  /** rows inserted or changed per table (0 everywhere on a re-load of the same file) */
  changed: Record<string, number>;
  total: number;
}

const TABLES = [
  'organisations',
  'funds',
  'grants',
  'projects',
  'budget',
  'decisions',
  'expected_spend',
  'costs',
  'on_account',
  'forecasts',
  'forecast_actual',
  'indicators',
  'indicator_values',
] as const;

/**
 * Load a validated cluster file into the store in one transaction (the secretariat's right). A rule
 * broken anywhere (a fund rule on a decision, a split not 100 %, an unknown member) stops it and
 * nothing is saved. Returns how many rows changed per table.
 */
export async function loadClusterFile(
  db: Db,
  actor: ClusterActor,
  doc: ClusterFile,
  file = 'cluster.yaml',
): Promise<LoadSummary> {
  if (!actor.roles.includes('cluster_secretariat'))
    throw fileError('forbidden', file, '(file)', { roles: actor.roles.join(', ') || '-' });
  const changed: Record<string, number> = Object.fromEntries(TABLES.map((t) => [t, 0]));
  const audit: Record<string, unknown>[] = [];
  const note = (table: string, detail: Record<string, unknown>) => {
    changed[table] = (changed[table] ?? 0) + 1;
    audit.push(detail);
  };
  const E = (table: string, i: number, id?: string) => `${table}[${i + 1}]${id ? ` (${id})` : ''}`;

  await db.transaction(async (tx) => {
    // organisations and funds first: everything else refers to them
    for (const [i, o] of doc.organisations.entries()) {
      const entry = E('organisations', i, o.id);
      if (o.succeeded_by && o.merged_into)
        throw fileError('invalid', file, entry, { problem: 'succeeded_by or merged_into, not both' });
      if (o.valid_from && o.valid_to && o.valid_to < o.valid_from)
        throw fileError('invalid', file, entry, {
          problem: `valid_to ${o.valid_to} is before valid_from ${o.valid_from}`,
        });
      const successor = o.succeeded_by ?? o.merged_into ?? null;
      if (successor && !o.valid_to) throw fileError('successor_without_end', file, entry, { successor });
      if (o.members && o.kind !== 'health_council') throw fileError('members_not_council', file, entry);
      const cols = [
        o.name,
        o.kind,
        o.chair === true,
        o.municipality ?? null,
        o.valid_from ?? null,
        o.valid_to ?? null,
        successor,
        successor ? (o.merged_into ? 'merged_into' : 'succeeded_by') : null,
        o.members ?? null,
      ];
      const r = await tx.query(
        `INSERT INTO cluster_org (id, name, kind, chair, municipality, valid_from, valid_to, successor, succession, members)
         VALUES ($1, $2, $3, $4, $5, $6::date, $7::date, $8, $9, $10::text[])
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, chair = EXCLUDED.chair,
           municipality = EXCLUDED.municipality, valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to,
           successor = EXCLUDED.successor, succession = EXCLUDED.succession, members = EXCLUDED.members
         WHERE (cluster_org.name, cluster_org.kind, cluster_org.chair, cluster_org.municipality, cluster_org.valid_from,
                cluster_org.valid_to, cluster_org.successor, cluster_org.succession, cluster_org.members)
               IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.kind, EXCLUDED.chair, EXCLUDED.municipality, EXCLUDED.valid_from,
                EXCLUDED.valid_to, EXCLUDED.successor, EXCLUDED.succession, EXCLUDED.members)
         RETURNING id`,
        [o.id, ...cols],
      );
      if (r.length)
        note('organisations', {
          org: o.id,
          ...(o.valid_from || o.valid_to ? { valid: `${o.valid_from ?? '…'}–${o.valid_to ?? '…'}` } : {}),
          ...(successor ? { [o.merged_into ? 'merged_into' : 'succeeded_by']: successor } : {}),
        });
    }
    for (const f of doc.funds) {
      const r = await tx.query(
        `INSERT INTO cluster_fund (id, name, allows, carry_over) VALUES ($1, $2, $3::text[], $4)
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, allows = EXCLUDED.allows, carry_over = EXCLUDED.carry_over
         WHERE (cluster_fund.name, cluster_fund.allows, cluster_fund.carry_over) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.allows, EXCLUDED.carry_over)
         RETURNING id`,
        [f.id, f.name, f.allows, f.carry_over],
      );
      if (r.length) note('funds', { fund: f.id, allows: f.allows, carry_over: f.carry_over });
    }
    const orgs = (
      await tx.query<{ id: string; kind: string }>('SELECT id, kind FROM cluster_org ORDER BY id')
    ).map((o) => o.id);
    const funds = (await tx.query<{ id: string }>('SELECT id FROM cluster_fund ORDER BY id')).map(
      (f) => f.id,
    );
    const ref = (entry: string, field: string, value: string, choices: string[]) => {
      if (choices.includes(value)) return;
      const s = didYouMean(value, choices);
      throw fileError(s ? 'unknown_ref_suggest' : 'unknown_ref', file, entry, {
        field,
        value: value.slice(0, 60),
        suggestion: s ?? '',
        choices: choices.join(', ') || '-',
      });
    };
    // organisations that change: referenced only while they exist, successors and councils checked
    const orgInfo = new Map((await loadCluster(tx)).orgs.map((o) => [o.id, o]));
    const resolve = resolverFor([...orgInfo.values()]);
    const during = (entry: string, field: string, id: string, when: number | string) => {
      const o = orgInfo.get(id);
      if (!o || (typeof when === 'number' ? validIn(o, when) : validOn(o, when))) return;
      const vars = {
        field,
        value: id,
        when,
        from: o.validFrom ?? '…',
        to: o.validTo ?? '…',
      };
      const later = o.validTo !== undefined && String(when) > o.validTo;
      const successor = later
        ? resolve(id, typeof when === 'number' ? when : Number(when.slice(0, 4)) + 1)
        : id;
      if (later && o.validTo && successor !== id)
        throw fileError('outside_validity_successor', file, entry, {
          ...vars,
          successor,
          successor_from: nextDay(o.validTo),
        });
      throw fileError('outside_validity', file, entry, vars);
    };
    for (const [i, o] of doc.organisations.entries()) {
      const entry = E('organisations', i, o.id);
      const successor = o.succeeded_by ?? o.merged_into;
      if (successor) {
        ref(entry, o.merged_into ? 'merged_into' : 'succeeded_by', successor, orgs);
        during(entry, o.merged_into ? 'merged_into' : 'succeeded_by', successor, nextDay(o.valid_to!));
      }
      for (const m of o.members ?? []) {
        ref(entry, 'members', m, orgs);
        if (orgInfo.get(m)!.kind !== 'municipality')
          throw fileError('member_not_municipality', file, entry, { member: m, kind: orgInfo.get(m)!.kind });
        if (o.valid_from) during(entry, 'members', m, o.valid_from);
      }
    }
    for (const [i, t] of doc.takeovers.entries()) {
      const entry = E('takeovers', i, `${t.from} → ${t.to}`);
      ref(entry, 'from', t.from, orgs);
      ref(entry, 'to', t.to, orgs);
      if (orgInfo.get(t.from)!.kind !== 'cluster' || orgInfo.get(t.to)!.kind !== 'health_council')
        throw fileError('takeover_kinds', file, entry, {
          from: t.from,
          to: t.to,
          from_kind: orgInfo.get(t.from)!.kind,
          to_kind: orgInfo.get(t.to)!.kind,
        });
      during(entry, 'from', t.from, previousDay(t.date));
      during(entry, 'to', t.to, t.date);
      // counted only when a file has takeovers (a file without them reports the tables it always had)
      if (await at(file, entry, () => recordTakeover(tx, actor, t)))
        changed.takeovers = (changed.takeovers ?? 0) + 1;
    }

    for (const [i, g] of doc.grants.entries()) {
      const entry = E('grants', i, `${g.fund} ${g.year}`);
      ref(entry, 'fund', g.fund, funds);
      for (const [member, amount] of Object.entries(g.amounts)) {
        ref(entry, 'amounts', member, orgs);
        during(entry, 'amounts', member, g.year);
        const [before] = await tx.query<{ amount_ore: unknown }>(
          'SELECT amount_ore FROM cluster_grant WHERE fund = $1 AND year = $2 AND member = $3',
          [g.fund, g.year, member],
        );
        if (before && BigInt(before.amount_ore as string) === amount) continue;
        await tx.query(
          `INSERT INTO cluster_grant (fund, year, member, amount_ore) VALUES ($1, $2, $3, $4)
           ON CONFLICT (fund, year, member) DO UPDATE SET amount_ore = EXCLUDED.amount_ore`,
          [g.fund, g.year, member, amount.toString()],
        );
        changed.grants!++;
        audit.push({
          grant: `${g.fund}/${g.year}/${member}`,
          from: before ? kr(BigInt(before.amount_ore as string)) : null,
          to: kr(amount),
        });
      }
    }

    const projectIds = new Set<string>();
    for (const [i, p] of doc.projects.entries()) {
      const entry = E('projects', i, p.id);
      ref(entry, 'fund', p.fund, funds);
      ref(entry, 'owner', p.owner, orgs);
      if (p.starts) during(entry, 'owner', p.owner, p.starts);
      if (p.starts && p.ends && p.ends < p.starts)
        throw fileError('ends_before_start', file, entry, { starts: p.starts, ends: p.ends });
      let split: Record<string, string> | null = null;
      if (p.split) {
        for (const member of Object.keys(p.split)) ref(entry, 'split', member, orgs);
        // percent with up to two decimals, exactly 100 in all (the settlement's own rule)
        const weights = await at(file, `${entry}.split`, async () => percentKey(p.split!));
        split = Object.fromEntries(Object.entries(weights).map(([m, w]) => [m, w.toString()]));
      }
      const seen = new Set<string>();
      for (const l of p.budget) {
        const k = `${l.year}/${l.category}`;
        if (seen.has(k)) throw fileError('budget_twice', file, entry, { year: l.year, category: l.category });
        seen.add(k);
      }
      projectIds.add(p.id);
      const cols = [
        p.title,
        p.fund,
        p.owner,
        p.leader ?? null,
        p.sponsor ?? null,
        p.participants ?? null,
        p.description ?? null,
        p.focus ?? null,
        p.cross_sector ?? null,
        p.starts ?? null,
        p.ends ?? null,
        split === null ? null : JSON.stringify(split),
      ];
      const r = await tx.query(
        `INSERT INTO cluster_project (id, title, fund, owner, leader, sponsor, participants, description, focus, cross_sector, starts, ends, split)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::date, $12::date, $13::jsonb)
         ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, fund = EXCLUDED.fund, owner = EXCLUDED.owner,
           leader = EXCLUDED.leader, sponsor = EXCLUDED.sponsor, participants = EXCLUDED.participants,
           description = EXCLUDED.description, focus = EXCLUDED.focus, cross_sector = EXCLUDED.cross_sector,
           starts = EXCLUDED.starts, ends = EXCLUDED.ends, split = EXCLUDED.split
         WHERE (cluster_project.title, cluster_project.fund, cluster_project.owner, cluster_project.leader,
                cluster_project.sponsor, cluster_project.participants, cluster_project.description,
                cluster_project.focus, cluster_project.cross_sector, cluster_project.starts, cluster_project.ends,
                cluster_project.split)
               IS DISTINCT FROM
               (EXCLUDED.title, EXCLUDED.fund, EXCLUDED.owner, EXCLUDED.leader, EXCLUDED.sponsor, EXCLUDED.participants,
                EXCLUDED.description, EXCLUDED.focus, EXCLUDED.cross_sector, EXCLUDED.starts, EXCLUDED.ends, EXCLUDED.split)
         RETURNING id`,
        [p.id, ...cols],
      );
      if (r.length) note('projects', { project: p.id });
      // budget lines: the file's lines are the project's budget (added, changed, removed)
      const before = await tx.query<{ year: number; category: string; amount_ore: unknown }>(
        'SELECT year, category, amount_ore FROM cluster_budget_line WHERE project = $1',
        [p.id],
      );
      const old = new Map(
        before.map((b) => [`${Number(b.year)}/${b.category}`, BigInt(b.amount_ore as string)]),
      );
      for (const l of p.budget) {
        const k = `${l.year}/${l.category}`;
        if (old.get(k) === l.kroner) continue;
        await tx.query(
          `INSERT INTO cluster_budget_line (project, year, category, amount_ore) VALUES ($1, $2, $3, $4)
           ON CONFLICT (project, year, category) DO UPDATE SET amount_ore = EXCLUDED.amount_ore`,
          [p.id, l.year, l.category, l.kroner.toString()],
        );
        changed.budget!++;
        audit.push({ budget: `${p.id}/${k}`, from: old.has(k) ? kr(old.get(k)!) : null, to: kr(l.kroner) });
      }
      for (const [k, v] of old) {
        if (seen.has(k)) continue;
        const [year, category] = k.split('/');
        await tx.query('DELETE FROM cluster_budget_line WHERE project = $1 AND year = $2 AND category = $3', [
          p.id,
          Number(year),
          category,
        ]);
        changed.budget!++;
        audit.push({ budget: `${p.id}/${k}`, from: kr(v), to: null });
      }
    }
    const projects = (await tx.query<{ id: string }>('SELECT id FROM cluster_project ORDER BY id')).map(
      (p) => p.id,
    );

    // decisions through the store function: the fund's rules and balance are checked
    for (const [i, d] of doc.decisions.entries()) {
      const entry = E('decisions', i, d.project);
      ref(entry, 'project', d.project, projects);
      const [exists] = await tx.query(
        `SELECT 1 FROM cluster_decision WHERE project = $1 AND meeting = $2::date AND outcome = $3
           AND frame_ore IS NOT DISTINCT FROM $4::bigint`,
        [d.project, d.meeting, d.outcome, d.frame_kroner?.toString() ?? null],
      );
      if (exists) continue;
      await at(file, entry, () =>
        recordDecision(tx, actor, {
          project: d.project,
          meeting: d.meeting,
          outcome: d.outcome,
          ...(d.frame_kroner !== undefined ? { frame: d.frame_kroner } : {}),
          ...(d.note ? { note: d.note } : {}),
        }),
      );
      changed.decisions!++;
    }

    // expected spend: a report is the same report when project, organisation, year, date and amount match
    for (const [i, s] of doc.expected_spend.entries()) {
      const entry = E('expected_spend', i, s.project);
      ref(entry, 'project', s.project, projects);
      ref(entry, 'org', s.org, orgs);
      during(entry, 'org', s.org, s.year);
      const stamp = `${s.reported} 12:00:00+00`;
      const [exists] = await tx.query(
        `SELECT 1 FROM cluster_expected_spend WHERE project = $1 AND org = $2 AND year = $3
           AND reported_at = $4::timestamptz AND amount_ore = $5::bigint`,
        [s.project, s.org, s.year, stamp, s.kroner.toString()],
      );
      if (exists) continue;
      await at(file, entry, () =>
        reportExpectedSpend(tx, actor, { project: s.project, org: s.org, year: s.year, amount: s.kroner }),
      );
      await tx.query(
        `UPDATE cluster_expected_spend SET reported_at = $1::timestamptz
          WHERE id = (SELECT max(id) FROM cluster_expected_spend WHERE project = $2 AND org = $3 AND year = $4)`,
        [stamp, s.project, s.org, s.year],
      );
      changed.expected_spend!++;
    }

    for (const [i, c] of doc.costs.entries()) {
      const entry = E('costs', i, c.project);
      ref(entry, 'project', c.project, projects);
      ref(entry, 'org', c.org, orgs);
      during(entry, 'org', c.org, c.year);
      const [before] = await tx.query<{ amount_ore: unknown }>(
        'SELECT amount_ore FROM cluster_cost WHERE project = $1 AND org = $2 AND year = $3',
        [c.project, c.org, c.year],
      );
      if (before && BigInt(before.amount_ore as string) === c.kroner) continue;
      await at(file, entry, () =>
        reportCost(tx, actor, { project: c.project, org: c.org, year: c.year, amount: c.kroner }),
      );
      changed.costs!++;
    }

    // a-conto: as many identical payments as the file lists, not more
    const wanted = new Map<string, number>();
    for (const [i, a] of doc.on_account.entries()) {
      const entry = E('on_account', i, `${a.fund} ${a.year}`);
      ref(entry, 'fund', a.fund, funds);
      ref(entry, 'from', a.from, orgs);
      ref(entry, 'to', a.to, orgs);
      during(entry, 'from', a.from, a.year);
      during(entry, 'to', a.to, a.year);
      if (a.from === a.to || a.kroner === 0n)
        throw fileError('on_account_self', file, entry, { from: a.from, to: a.to, amount: kr(a.kroner) });
      const k = [a.fund, a.year, a.from, a.to, a.kroner, a.note ?? ''].join('\u0000');
      const n = (wanted.get(k) ?? 0) + 1;
      wanted.set(k, n);
      const [{ c } = { c: 0 }] = await tx.query<{ c: unknown }>(
        `SELECT count(*) AS c FROM cluster_on_account WHERE fund = $1 AND year = $2 AND from_org = $3 AND to_org = $4
           AND amount_ore = $5::bigint AND coalesce(note, '') = $6`,
        [a.fund, a.year, a.from, a.to, a.kroner.toString(), a.note ?? ''],
      );
      if (Number(c) >= n) continue;
      await tx.query(
        'INSERT INTO cluster_on_account (fund, year, from_org, to_org, amount_ore, note) VALUES ($1, $2, $3, $4, $5, $6)',
        [a.fund, a.year, a.from, a.to, a.kroner.toString(), a.note ?? null],
      );
      changed.on_account!++;
      audit.push({ on_account: `${a.fund}/${a.year}`, from: a.from, to: a.to, amount: kr(a.kroner) });
    }

    for (const [i, f] of doc.forecasts.entries()) {
      const entry = E('forecasts', i, f.id);
      ref(entry, 'region', f.region, orgs);
      for (const m of Object.keys(f.targets)) ref(entry, 'targets', m, orgs);
      const input: ForecastInput = {
        start: f.start,
        months: f.months,
        targets: f.targets,
        ramp: f.ramp,
        region: f.region,
        equipmentPerCitizen: f.equipment_per_citizen,
        monitoringPerCitizenMonth: f.monitoring_per_citizen_month,
        equipmentSplit: f.equipment_split,
        monitoringSplit: f.monitoring_split,
      };
      await at(file, entry, async () => checkForecast(input));
      const spec = {
        ...input,
        equipmentPerCitizen: input.equipmentPerCitizen.toString(),
        monitoringPerCitizenMonth: input.monitoringPerCitizenMonth.toString(),
      };
      const r = await tx.query(
        `INSERT INTO cluster_forecast (id, title, spec) VALUES ($1, $2, $3::jsonb)
         ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, spec = EXCLUDED.spec
         WHERE (cluster_forecast.title, cluster_forecast.spec) IS DISTINCT FROM (EXCLUDED.title, EXCLUDED.spec)
         RETURNING id`,
        [f.id, f.title, JSON.stringify(spec)],
      );
      if (r.length) note('forecasts', { forecast: f.id });
      for (const a of f.actual) {
        ref(entry, 'actual.org', a.org, Object.keys(f.targets));
        const r2 = await tx.query(
          `INSERT INTO cluster_forecast_actual (forecast, month, org, included) VALUES ($1, $2, $3, $4)
           ON CONFLICT (forecast, month, org) DO UPDATE SET included = EXCLUDED.included
           WHERE cluster_forecast_actual.included IS DISTINCT FROM EXCLUDED.included
           RETURNING forecast`,
          [f.id, a.month, a.org, a.included],
        );
        if (r2.length) note('forecast_actual', { inclusions: `${f.id}/${a.month}/${a.org}`, to: a.included });
      }
    }

    for (const [i, d] of doc.indicators.entries()) {
      const entry = E('indicators', i, d.id);
      if ((d.target_change_percent === undefined) === (d.target_value === undefined))
        throw fileError('indicator_target', file, entry);
      if (d.source === 'warehouse' && (!d.warehouse_indicator || !d.warehouse_cluster))
        throw fileError('indicator_warehouse', file, entry);
      if (d.source === 'reported' && !PERIOD.test(d.baseline_period))
        throw fileError('invalid', file, `${entry}.baseline_period`, {
          problem: 'a period: 2024, 2024-H1, 2024-Q3 or 2024-05',
        });
      const cols = [
        d.title,
        d.source,
        d.source === 'warehouse' ? d.warehouse_indicator! : null,
        d.source === 'warehouse' ? d.warehouse_cluster! : null,
        d.better,
        d.baseline_period,
        d.target_change_percent ?? null,
        d.target_value ?? null,
        d.follow_up ?? null,
        d.note ?? null,
      ];
      const r = await tx.query(
        `INSERT INTO cluster_indicator_def (id, title, source, warehouse_indicator, warehouse_cluster, better,
           baseline_period, target_change_pct, target_value, follow_up, note)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::numeric, $9::numeric, $10, $11)
         ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, source = EXCLUDED.source,
           warehouse_indicator = EXCLUDED.warehouse_indicator, warehouse_cluster = EXCLUDED.warehouse_cluster,
           better = EXCLUDED.better, baseline_period = EXCLUDED.baseline_period,
           target_change_pct = EXCLUDED.target_change_pct, target_value = EXCLUDED.target_value,
           follow_up = EXCLUDED.follow_up, note = EXCLUDED.note
         WHERE (cluster_indicator_def.title, cluster_indicator_def.source, cluster_indicator_def.warehouse_indicator,
                cluster_indicator_def.warehouse_cluster, cluster_indicator_def.better, cluster_indicator_def.baseline_period,
                cluster_indicator_def.target_change_pct, cluster_indicator_def.target_value,
                cluster_indicator_def.follow_up, cluster_indicator_def.note)
               IS DISTINCT FROM
               (EXCLUDED.title, EXCLUDED.source, EXCLUDED.warehouse_indicator, EXCLUDED.warehouse_cluster,
                EXCLUDED.better, EXCLUDED.baseline_period, EXCLUDED.target_change_pct, EXCLUDED.target_value,
                EXCLUDED.follow_up, EXCLUDED.note)
         RETURNING id`,
        [d.id, ...cols],
      );
      if (r.length)
        note('indicators', {
          indicator: d.id,
          baseline_period: d.baseline_period,
          target: d.target_change_percent !== undefined ? `${d.target_change_percent} %` : d.target_value,
        });
    }
    const indicators = (
      await tx.query<{ id: string }>('SELECT id FROM cluster_indicator_def ORDER BY id')
    ).map((d) => d.id);
    // reported values through the store function: audited from → to, like a report on the pages
    for (const [i, v] of doc.indicator_values.entries()) {
      const entry = E('indicator_values', i, v.indicator);
      ref(entry, 'indicator', v.indicator, indicators);
      ref(entry, 'org', v.org, orgs);
      during(entry, 'org', v.org, Number(v.period.slice(0, 4)));
      if (await at(file, entry, () => reportIndicatorValue(tx, actor, v))) changed.indicator_values!++;
    }

    const total = Object.values(changed).reduce((s, n) => s + n, 0);
    if (total > 0)
      await appendAudit(tx, {
        actor: actor.id,
        action: 'cluster.load',
        purpose: 'cluster',
        subject: path.basename(file),
        detail: { changed, changes: audit.slice(0, 1000) },
      });
  });
  return { changed, total: Object.values(changed).reduce((s, n) => s + n, 0) };
}

/** Read a cluster file from disk and load it (the CLI's `cluster load`). */
export async function loadClusterPath(db: Db, actor: ClusterActor, file: string): Promise<LoadSummary> {
  const { readFile } = await import('node:fs/promises');
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw fileError('read', file, '(file)', { problem: (e as NodeJS.ErrnoException).code ?? 'unreadable' });
  }
  return loadClusterFile(db, actor, await readClusterFile(file, bytes), file);
}

/** The shipped demo: Randersklyngen (catalogues/cluster/demo-randers.yaml). */
export const DEMO_CLUSTER_FILE = fileURLToPath(
  new URL('../../catalogues/cluster/demo-randers.yaml', import.meta.url),
);
