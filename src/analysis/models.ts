/**
 * The analysis models: every `sql/analysis/<table>.sql` builds the one table it is named after. A model
 * that a person may see (a mart) declares itself in a YAML header of `-- ` comment lines between two
 * `-- ---` lines at the top of the file: title, columns (name, kind, label), the persons column(s) and
 * the additive dimensions suppression protects, the cost rankings its rows cut, its sort order, and
 * optionally how the report and the dashboard show it. A model without a header is an intermediate table
 * (a temp table or view the marts read). The runner orders the models by the tables they read
 * (`FROM x` / `JOIN x` naming another model), so a new analysis is one SQL file and its test file
 * (`<table>.test.yaml`, run by test/analysis/models.test.ts). docs/architecture.md, "Adding an analysis".
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { z } from 'zod';
import { didYouMean } from '../core/did-you-mean.js';

/** The folder of the analysis models (works from src/ and from dist/). */
export const MODEL_DIR = new URL('../../sql/analysis/', import.meta.url);

const text = z.object({ da: z.string().min(1), sv: z.string().min(1), en: z.string().min(1) }).strict();
const name = z.string().regex(/^[a-z_][a-z0-9_]*$/, 'a lower-case SQL name');
const KINDS = ['key', 'bound', 'persons', 'count', 'money', 'mean', 'share', 'number', 'decimal'] as const;
const SIDES = ['cheapest', 'dearest', 'all'] as const;
const side = z.enum(SIDES);

const column = z
  .object({
    name,
    /**
     * key: a dimension value (never hidden); bound: a configured limit (never hidden); persons/count:
     * persons; money/mean/decimal: øre or öre (minor units; decimal keeps fractions); share: 0–1; number
     */
    kind: z.enum(KINDS),
    label: text,
    /** the unit, when the kind does not say it (documentation; readers format by kind) */
    unit: z.string().optional(),
  })
  .strict();

const ranked = z
  .object({
    name: z.string(),
    by: z.array(name).min(1),
    persons: name,
    side: z.union([
      side,
      z.object({ column: name, values: z.record(z.string(), side) }).strict(),
      // rows where two key columns are equal (a matrix diagonal) take `then`, the others `else` (or none)
      z.object({ equal: z.tuple([name, name]), then: side, else: side.optional() }).strict(),
    ]),
    /** the persons are ranked by the amount the rows sum (their cost), not by a count */
    amount: z.boolean().optional(),
  })
  .strict();

/** The dashboard's chart kinds (src/serve/pages.ts ChartKind; test/serve/api-types.test.ts keeps them equal). */
export const PANEL_CHARTS = ['kpi', 'bar', 'hbar', 'stacked', 'line', 'lorenz', 'heatmap', 'table'] as const;

const panel = z
  .object({
    /** the dashboard page the panel is added to (src/serve/pages.ts PAGES ids) */
    page: z.string(),
    chart: z.enum(PANEL_CHARTS),
    x: name.optional(),
    y: z.array(name).optional(),
    series: name.optional(),
    exclude: z.record(z.string(), z.array(z.string())).optional(),
    reading: text.optional(),
  })
  .strict();

/** rows of another mart a row's figures are computed from (src/suppression Requires) */
const requires = z
  .object({
    table: name,
    /** this mart's column → the required mart's column, or columns of the same name in both */
    on: z.union([z.array(name).min(1), z.record(name, name)]),
    where: z.record(name, z.array(z.union([z.string(), z.number()])).min(1)).optional(),
  })
  .strict();

const header = z
  .object({
    title: text,
    /** a plain-language reading for the report's and the dashboard's generic section */
    reading: text.optional(),
    columns: z.array(column).min(1),
    persons: z.union([name, z.array(name).min(1)]),
    dimensions: z
      .array(
        z
          .object({ column: name, total: z.union([z.string(), z.number()]), known: z.boolean().optional() })
          .strict(),
      )
      .optional(),
    ranked: z.array(ranked).optional(),
    /** a row is hidden wherever a row it is computed from, in another mart, is hidden */
    requires: z.array(requires).min(1).optional(),
    /** every person a row counts costs at least `lower` and less than `upper` (a cost interval's limits) */
    members: z.object({ lower: name.optional(), upper: name.optional() }).strict().optional(),
    order: z.string().min(1),
    /** where the mart stands among the marts (workbook sheets, API list); without one it comes last */
    position: z.number().int().optional(),
    /** the report shows the mart in a section of its own built from this header */
    report: z.literal('generic').optional(),
    /** the dashboard shows the mart in a panel built from this header */
    panel: panel.optional(),
  })
  .strict();

export type ModelHeader = z.infer<typeof header>;
export type RankedDecl = z.infer<typeof ranked>;
export type RequiresDecl = z.infer<typeof requires>;
export type PanelDecl = z.infer<typeof panel>;

export interface AnalysisModel {
  /** the table the model builds (= the file name without .sql) */
  table: string;
  file: string;
  sql: string;
  /** other models' tables this one reads */
  refs: string[];
  /** the declaration, for a mart a person may see */
  header?: ModelHeader;
}

const HEADER = /^-- ---\n((?:--(?: .*)?\n)*?)-- ---\n/;

/** A model's YAML header (undefined when the file has none), with errors naming the file and the key. */
export function parseHeader(sql: string, file: string): ModelHeader | undefined {
  const m = HEADER.exec(sql.replace(/\r\n/g, '\n'));
  if (!m) return undefined;
  const yaml = m[1]!.replace(/^-- ?/gm, '');
  let raw: unknown;
  try {
    raw = YAML.parse(yaml);
  } catch (e) {
    throw new Error(`${file}: the header is not YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  const parsed = header.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: header key "${issue.path.join('.')}": ${issue.message}`);
  }
  const h = parsed.data;
  const names = new Set(h.columns.map((c) => c.name));
  const mustName = [
    ...(Array.isArray(h.persons) ? h.persons : [h.persons]),
    ...(h.dimensions ?? []).map((d) => d.column),
    ...(h.ranked ?? []).flatMap((r) => [...r.by, r.persons]),
    ...(h.requires ?? []).flatMap((r) => (Array.isArray(r.on) ? r.on : Object.keys(r.on))),
    ...Object.values(h.members ?? {}),
  ];
  for (const c of mustName)
    if (!names.has(c)) throw new Error(`${file}: the header names column "${c}", which it does not declare`);
  return h;
}

/** The tables a model reads: every name after FROM or JOIN (CTE names are filtered out by the caller). */
function readsOf(sql: string): string[] {
  const code = sql.replace(/--.*$/gm, '');
  return [...new Set([...code.matchAll(/\b(?:FROM|JOIN)\s+([a-z_][a-z0-9_]*)/gi)].map((m) => m[1]!))];
}

/** What a model file builds: the table of its `{{ replace_…(table) }}` statement, which must match its name. */
function builds(sql: string, file: string): string {
  const made = [...sql.matchAll(/\{\{\s*replace_(?:temp_)?(?:table|view)\((\w+)\)\s*\}\}/g)].map(
    (m) => m[1]!,
  );
  const table = file.replace(/\.sql$/, '');
  if (made.length !== 1 || made[0] !== table)
    throw new Error(
      `${file}: a model builds exactly one table, named as its file (${table}); it builds ${made.join(', ') || 'none'}`,
    );
  return table;
}

/**
 * Every model of a folder, in an order that runs each after the models it reads (ties by name).
 * @example analysisModels().map((m) => m.table) // ['an_cost', 'an_attr', …, 'mart_trend']
 */
export function analysisModels(dir: URL = MODEL_DIR): AnalysisModel[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const models = files.map((file) => {
    const sql = readFileSync(new URL(file, dir), 'utf8');
    return { table: builds(sql, file), file, sql, header: parseHeader(sql, file), refs: [] as string[] };
  });
  const tables = new Set(models.map((m) => m.table));
  for (const m of models) m.refs = readsOf(m.sql).filter((t) => tables.has(t) && t !== m.table);
  // the runner builds every intermediate table before the marts' transaction (src/analysis/index.ts)
  const marts = new Set(models.filter((m) => m.header).map((m) => m.table));
  for (const m of models) {
    const mart = m.header ? undefined : m.refs.find((r) => marts.has(r));
    if (mart)
      throw new Error(
        `${m.file}: an intermediate model (no header) may not read a mart (${mart}): the intermediate tables are built before the marts`,
      );
  }
  checkRequires(models);
  return orderByRefs(models, fileURLToPath(dir));
}

/** Every `requires:` names another mart and columns it declares (a misspelt name gets a suggestion). */
function checkRequires(models: { table: string; file: string; header?: ModelHeader }[]): void {
  const marts = new Map(models.filter((m) => m.header).map((m) => [m.table, m.header!]));
  const hint = (word: string, choices: string[]) => {
    const near = didYouMean(word, choices);
    return near ? ` (did you mean "${near}"?)` : '';
  };
  for (const m of models)
    for (const r of m.header?.requires ?? []) {
      const other = marts.get(r.table);
      if (!other || r.table === m.table)
        throw new Error(
          `${m.file}: header key "requires": "${r.table}" is not another mart${hint(r.table, [...marts.keys()])}`,
        );
      const theirs = other.columns.map((c) => c.name);
      const named = [...(Array.isArray(r.on) ? r.on : Object.values(r.on)), ...Object.keys(r.where ?? {})];
      for (const c of named)
        if (!theirs.includes(c))
          throw new Error(
            `${m.file}: header key "requires": ${r.table} has no column "${c}"${hint(c, theirs)}`,
          );
    }
}

/** Depth-first topological order (ties by name); a cycle is named with its tables. */
function orderByRefs(models: AnalysisModel[], where: string): AnalysisModel[] {
  const byTable = new Map(models.map((m) => [m.table, m]));
  const done = new Set<string>();
  const visiting: string[] = [];
  const out: AnalysisModel[] = [];
  const visit = (m: AnalysisModel) => {
    if (done.has(m.table)) return;
    if (visiting.includes(m.table))
      throw new Error(
        `${where}: the models read each other in a circle: ${[...visiting.slice(visiting.indexOf(m.table)), m.table].join(' → ')}`,
      );
    visiting.push(m.table);
    for (const r of [...m.refs].sort()) visit(byTable.get(r)!);
    visiting.pop();
    done.add(m.table);
    out.push(m);
  };
  for (const m of models) visit(m);
  return out;
}
