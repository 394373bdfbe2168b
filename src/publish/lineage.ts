/**
 * Lineage — "where does this number come from?" (issue #18, item 3). For a published table (and
 * optionally the rows a figure sits in), the model that computed it, the models and tables it reads,
 * the source extracts behind it (file name, content hash, rows used, import time from import_log), the
 * rules applied (costing run, catalogue, translation table, price lists, pools, config hash) and the
 * suppression applied (threshold, hidden cells and why). Only aggregates and file metadata: no person
 * key and no row-level value leaves here; rows used are withheld where the figure's row is hidden.
 * Reads the warehouse attached as `wh` (as the server does). docs/lineage.md.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { analysisModels, type AnalysisModel } from '../analysis/models.js';
import { loadCatalogue } from '../catalogue/catalogue.js';
import { TARGET_TABLES } from '../config/schema.js';
import type { Workspace } from '../config/workspace.js';
import { didYouMean } from '../core/did-you-mean.js';
import { userError } from '../core/messages.js';
import type { Engine, Value } from '../engine/engine.js';
import type { Text } from '../i18n.js';
import { tableTitle } from './columns.js';
import { readServed } from './read.js';
import { hiddenCellsAll, type ServedTable, type TableHidden } from './suppress.js';

/** The canonical tables an import loads; their rows carry the import_id of import_log. */
export const SOURCE_TABLES: readonly string[] = TARGET_TABLES;

/** Tables built by a stage other than the analysis models: the files that build them and what they read. */
const PRODUCERS: Record<string, { stage: string; files: string[]; reads: string[] }> = {};
const COSTING = {
  stage: 'costing',
  files: [
    'sql/costing/match.sql',
    'sql/costing/volume.sql',
    'sql/costing/year.sql',
    'sql/costing/person.sql',
  ],
  reads: ['ledger', 'service', 'residence'],
};
for (const t of [
  'cost_unit',
  'cost_nonattributable',
  'cost_reconciliation',
  'cost_pool_allocation',
  'cost_key_figure',
])
  PRODUCERS[t] = COSTING;
PRODUCERS.cost_person = {
  stage: 'costing',
  files: [...COSTING.files, 'sql/trajectories/05_kmf_cost.sql', 'sql/trajectories/08_drg_cost.sql'],
  reads: [...COSTING.reads, 'hospital_contact', 'gp_contact'],
};
const TRAJ = (files: string[], reads: string[]) => ({
  stage: 'trajectories',
  files: files.map((f) => `sql/trajectories/${f}.sql`),
  reads,
});
PRODUCERS.readmission_rate = TRAJ(
  ['01_stay', '02_readmission', '03_readmission_rate'],
  ['hospital_contact', 'residence'],
);
PRODUCERS.transition_summary = TRAJ(
  ['01_stay', '02_readmission', '06_transition'],
  ['hospital_contact', 'residence', 'service', 'person_attribute'],
);
// the members of the overlap groups and results the analysis runner makes from the configuration
PRODUCERS.an_group_member = {
  stage: 'analysis',
  files: ['src/analysis/index.ts'],
  reads: ['person_attribute', 'cost_person'],
};
PRODUCERS.an_result_member = {
  stage: 'analysis',
  files: ['src/analysis/index.ts'],
  reads: ['person_attribute'],
};
PRODUCERS.kmf_reconciliation = TRAJ(['04_kmf'], ['hospital_contact', 'gp_contact', 'residence']);
PRODUCERS.cluster_indicator = TRAJ(
  ['07_cluster_indicator'],
  ['cost_person', 'hospital_contact', 'service', 'population', 'residence', 'person_attribute'],
);
for (const t of ['dq_result', 'dq_unmapped_code'])
  PRODUCERS[t] = { stage: 'ingest', files: ['sql/ingest/dq.sql'], reads: ['service', 'ledger'] };
// the import log's rows are the imports themselves: its trail names the files a row of it describes
PRODUCERS.import_log = { stage: 'ingest', files: ['sql/model/schema.sql'], reads: [...SOURCE_TABLES] };

/** The columns a figure's row keys may narrow a source table's rows by (when the source has them). */
const NARROWING = ['municipality', 'catalogue_code', 'department', 'sector', 'period'];

export interface SourceExtract {
  importId: number;
  source: string;
  /** the file's name (without its folder) */
  file: string;
  /** sha256 of the file's bytes */
  fileHash: string;
  table: string;
  period: string | null;
  rowsRead: number;
  rowsLoaded: number;
  /** rows of this import the figure rests on (narrowed by the row keys); null where the figure is hidden */
  rowsUsed: number | null;
  /**
   * which rows of the file those are, as ranges of row numbers as the import numbers them (a CSV file's
   * line, the header being line 1; an Excel sheet's row), e.g. "2-4,6"; null where the figure is hidden
   * or the table keeps no row numbers (residence, attributes, population: every row narrowed by the keys)
   */
  rows: string | null;
  importedAt: string;
  /** sha256 of the source's config block at import */
  configHash: string;
}

export interface LineageRules {
  costRun?: { runAt: string; status: string; inputsHash: string };
  catalogue?: { id: string; version?: string };
  /** the translation table and price lists: file name and sha256 of their bytes ('missing' when absent) */
  files: { role: 'translation_table' | 'price_list'; file: string; sha256: string }[];
  pools: { id: string; kind: string; key: string }[];
  /** sha256 of tvaerblik.yaml */
  configHash?: string;
}

export interface LineageSuppression {
  threshold: number;
  rows: number;
  hiddenCells: number;
  /** rows hidden because a persons count is 1 … threshold−1 */
  small: number;
  /** rows hidden to protect another row (a total, a sum across marts) */
  secondary: number;
  /** for the selected rows: how many are shown, small or secondary */
  selected?: { rows: number; shown: number; small: number; secondary: number };
}

export interface Lineage {
  table: string;
  title: Text;
  /** the stage and file(s) that computed it */
  model: { stage: string; files: string[]; columns: { name: string; kind: string }[] };
  /** the tables it reads directly */
  reads: string[];
  /** every model or stage table between it and the sources */
  upstream: string[];
  sources: SourceExtract[];
  rules: LineageRules;
  suppression: LineageSuppression;
}

/** The tables an SQL text reads (FROM / JOIN), comments left out. */
function sqlReads(sql: string): string[] {
  const code = sql.replace(/--.*$/gm, '');
  return [...new Set([...code.matchAll(/\b(?:FROM|JOIN)\s+([a-z_][a-z0-9_]*)/gi)].map((m) => m[1]!))];
}

/** What a table is computed by and what it reads directly; undefined for a table lineage does not know. */
function producer(
  table: string,
  models: Map<string, AnalysisModel>,
): { stage: string; files: string[]; reads: string[] } | undefined {
  const m = models.get(table);
  if (m) {
    const known = (t: string) =>
      t !== table && (models.has(t) || t in PRODUCERS || SOURCE_TABLES.includes(t));
    return { stage: 'analysis', files: [`sql/analysis/${m.file}`], reads: sqlReads(m.sql).filter(known) };
  }
  return PRODUCERS[table];
}

/** A table's producer and its upstream closure: models and stage tables down to the canonical source tables. */
function closure(table: string, models: Map<string, AnalysisModel>) {
  const own = producer(table, models);
  const upstream: string[] = [];
  const sourceTables = new Set<string>();
  const seen = new Set<string>([table]);
  const queue = [...(own?.reads ?? [])];
  while (queue.length) {
    const t = queue.shift()!;
    if (seen.has(t)) continue;
    seen.add(t);
    if (SOURCE_TABLES.includes(t)) {
      sourceTables.add(t);
      continue;
    }
    upstream.push(t);
    queue.push(...(producer(t, models)?.reads ?? []));
  }
  return { own, upstream, sourceTables };
}

/**
 * The part of a table's lineage that needs no warehouse: the stage and files that compute it, the
 * tables it reads, its upstream models and the source tables it rests on (the report's appendix).
 * @example lineageModel('mart_headline').files // ['sql/analysis/mart_headline.sql']
 */
export function lineageModel(table: string): {
  stage: string;
  files: string[];
  reads: string[];
  upstream: string[];
  sources: string[];
} {
  const { own, upstream, sourceTables } = closure(table, new Map(analysisModels().map((m) => [m.table, m])));
  return {
    stage: own?.stage ?? 'unknown',
    files: own?.files ?? [],
    reads: own?.reads ?? [],
    upstream,
    sources: [...sourceTables],
  };
}

const sha256 = (file: string) =>
  existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : 'missing';

/** The rules of the workspace's configuration (when lineage runs with one: the CLI). */
function workspaceRules(ws: Workspace): Omit<LineageRules, 'costRun'> {
  const costing = ws.config.costing;
  let version: string | undefined;
  try {
    version = loadCatalogue(ws.config.catalogue).version;
  } catch {
    version = undefined;
  }
  const files: LineageRules['files'] = [];
  if (costing?.translation_table)
    files.push({
      role: 'translation_table',
      file: costing.translation_table,
      sha256: sha256(ws.resolve(costing.translation_table)),
    });
  for (const m of costing?.methods ?? [])
    if (m.price_list)
      files.push({ role: 'price_list', file: m.price_list, sha256: sha256(ws.resolve(m.price_list)) });
  return {
    catalogue: { id: ws.config.catalogue, ...(version ? { version } : {}) },
    files,
    pools: (costing?.pools ?? []).map((p) => ({ id: p.id, kind: p.kind, key: p.key })),
    configHash: sha256(ws.configPath),
  };
}

/** Row numbers as ranges: [1, 2, 3, 5] → "1-3,5". */
export function rowRanges(numbers: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < numbers.length;) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++;
    out.push(j > i ? `${numbers[i]}-${numbers[j]}` : String(numbers[i]));
    i = j + 1;
  }
  return out.join(',');
}

const str = (v: Value | undefined) => (v === null || v === undefined ? null : String(v));

/**
 * The lineage of a published table of the warehouse attached as `wh`, or of the rows of it whose
 * columns equal `rowKeys` (e.g. { period: '2024', municipality: '851', catalogue_code: 'SEL-104' }).
 * @example const trail = await lineage(engine, 'cost_unit', { catalogue_code: 'SEL-104' }, { threshold: 5, ws })
 */
export async function lineage(
  engine: Engine,
  table: string,
  rowKeys: Record<string, string> = {},
  options: {
    threshold: number;
    ws?: Workspace;
    /** the warehouse's tables as publishServed gave them at this threshold (spares reading them again) */
    published?: { table: ServedTable; hidden: TableHidden }[];
  },
): Promise<Lineage> {
  const served = options.published?.map((p) => p.table) ?? (await readServed(engine));
  const target = served.find((t) => t.name === table);
  if (!target) {
    const names = served.map((t) => t.name);
    throw userError('lineage.unknown_table', {
      table,
      tables: names.join(', '),
      suggestion: didYouMean(table, names) ?? 'none',
    });
  }
  const models = new Map(analysisModels().map((m) => [m.table, m]));
  const { own, upstream, sourceTables } = closure(table, models);

  // suppression: the table passes it exactly as it is published (the marts together)
  const hidden =
    options.published?.find((p) => p.table.name === table)?.hidden ??
    hiddenCellsAll(served, options.threshold).get(table)!;
  let small = 0;
  let secondary = 0;
  let cells = 0;
  for (const [i, set] of hidden.hidden) {
    cells += set.size;
    if (hidden.reasons.get(i) === 'small') small++;
    else secondary++;
  }
  const keys = Object.entries(rowKeys);
  const keyNames = target.columns.filter((c) => c.filterable).map((c) => c.name);
  for (const [k] of keys)
    if (!keyNames.includes(k))
      throw userError('lineage.bad_key', {
        key: k,
        table,
        keys: keyNames.join(', '),
        suggestion: didYouMean(k, keyNames) ?? 'none',
      });
  const selectedIdx = keys.length
    ? target.rows.flatMap((r, i) => (keys.every(([k, v]) => str(r[k]) === v) ? [i] : []))
    : [];
  const selected = keys.length
    ? {
        rows: selectedIdx.length,
        shown: selectedIdx.filter((i) => !hidden.hidden.has(i)).length,
        small: selectedIdx.filter((i) => hidden.reasons.get(i) === 'small').length,
        secondary: selectedIdx.filter((i) => hidden.hidden.has(i) && hidden.reasons.get(i) !== 'small')
          .length,
      }
    : undefined;
  const withheld = selected !== undefined && (selected.rows === 0 || selected.shown < selected.rows);

  // the source extracts: the imports still in force that loaded the source tables reached
  const sources: SourceExtract[] = [];
  const have = new Set(
    (
      await engine.all<{ t: string }>(
        `SELECT table_name AS t FROM duckdb_tables() WHERE database_name = 'wh' AND schema_name = 'main'`,
      )
    ).map((r) => r.t),
  );
  if (have.has('import_log') && sourceTables.size) {
    const imports = await engine.all<Record<string, Value>>(
      `SELECT import_id, source_id, file, file_hash, period, target, rows_read, rows_loaded, config_hash,
              strftime(imported_at, '%Y-%m-%dT%H:%M:%S') AS imported_at
       FROM wh.main.import_log
       WHERE import_id NOT IN (SELECT replaced_import_id FROM wh.main.import_log WHERE replaced_import_id IS NOT NULL)
       ORDER BY import_id`,
    );
    for (const imp of imports) {
      const src = String(imp.target);
      if (!sourceTables.has(src) || !have.has(src)) continue;
      // a row of import_log is one import: its row keys (source_id, target, period …) pick the imports
      if (table === 'import_log' && keys.some(([k, v]) => k in imp && str(imp[k]) !== v)) continue;
      let rowsUsed: number | null = null;
      let rows: string | null = null;
      if (!withheld) {
        const cols = new Set(
          (
            await engine.all<{ c: string }>(
              `SELECT column_name AS c FROM duckdb_columns() WHERE database_name = 'wh' AND schema_name = 'main' AND table_name = $t`,
              { t: src },
            )
          ).map((r) => r.c),
        );
        const params: Record<string, string | number> = { id: Number(imp.import_id) };
        const where = ['import_id = $id'];
        keys
          .filter(([k]) => NARROWING.includes(k) && cols.has(k))
          .forEach(([k, v], n) => {
            params[`k${n}`] = v;
            // a service's period may be open (its days are placed in periods by costing)
            where.push(`(${engine.dialect.ident(k)} = $k${n}${k === 'period' ? ` OR ${k} IS NULL` : ''})`);
          });
        const from = `FROM wh.main.${engine.dialect.ident(src)} WHERE ${where.join(' AND ')}`;
        const r = await engine.one<{ n: bigint }>(`SELECT count(*) AS n ${from}`, params);
        rowsUsed = Number(r?.n ?? 0);
        if (cols.has('row_no'))
          rows = rowRanges(
            (await engine.all<{ r: bigint }>(`SELECT DISTINCT row_no AS r ${from} ORDER BY 1`, params)).map(
              (x) => Number(x.r),
            ),
          );
      }
      sources.push({
        importId: Number(imp.import_id),
        source: String(imp.source_id),
        file: path.basename(String(imp.file)),
        fileHash: String(imp.file_hash),
        table: src,
        period: str(imp.period),
        rowsRead: Number(imp.rows_read),
        rowsLoaded: Number(imp.rows_loaded),
        rowsUsed,
        rows,
        importedAt: String(imp.imported_at),
        configHash: String(imp.config_hash),
      });
    }
  }

  // the rules: the last costing run (when the table rests on costing) and the workspace's settings
  const rules: LineageRules = { files: [], pools: [] };
  const costed = [table, ...upstream].some((t) => PRODUCERS[t]?.stage === 'costing');
  if (costed && have.has('cost_run')) {
    const run = await engine.one<{ at: string; status: string; inputs_hash: string }>(
      `SELECT strftime(run_at, '%Y-%m-%dT%H:%M:%S') AS at, status, inputs_hash FROM wh.main.cost_run
       ORDER BY run_at DESC, rowid DESC LIMIT 1`,
    );
    if (run) rules.costRun = { runAt: run.at, status: run.status, inputsHash: run.inputs_hash };
  }
  if (options.ws) Object.assign(rules, workspaceRules(options.ws));
  if (!costed) {
    rules.files = [];
    rules.pools = [];
  }

  const model = models.get(table);
  return {
    table,
    title: tableTitle(table),
    model: {
      stage: own?.stage ?? 'unknown',
      files: own?.files ?? [],
      columns: target.columns.map((c) => ({
        name: c.name,
        kind: model?.header?.columns.find((d) => d.name === c.name)?.kind ?? c.kind,
      })),
    },
    reads: own?.reads ?? [],
    upstream,
    sources,
    rules,
    suppression: {
      threshold: options.threshold,
      rows: target.rows.length,
      hiddenCells: cells,
      small,
      secondary,
      ...(selected ? { selected } : {}),
    },
  };
}
