/**
 * Issue #18: for every published table, one figure's lineage is followed back to the rows of its source
 * files, and the figure is recomputed from those rows alone (read from the files here, not from the
 * warehouse). The workspace (./fixture.ts) is small enough to check every sum by hand:
 *
 *   six kinds of person P1 … P6, three of each (18 persons); per kind, in ydelser.csv:
 *     SEL-83-PP at 450 kr./h: P1 100 h, P2 200 h, P3 50 h → 45 000 + 90 000 + 22 500 = 157 500 kr.
 *     SEL-95 at the row's amount: P1 10 000 kr., P4 20 000 kr.
 *     SEL-104 by KPB, 100 days each for P4, P5, P6: the ledger (finans.csv) 5110×AK 9 000 000 kr. plus the
 *       ADM pool 900 000 kr. = 9 900 000 kr. over 900 days = 11 000 kr./day → 1 100 000 kr. a person
 *   a person: P1 55 000, P2 90 000, P3 22 500, P4 1 120 000, P5 1 100 000, P6 1 100 000 kr.
 *   all 18: 3 × (157 500 + 30 000 + 3 300 000) = 10 462 500 kr. = 1 046 250 000 øre; per person 58 125 000
 *   at ≥ 250 000 kr. (resource-heavy; also interval 7, 1–1.5 mio. kr.): 3 × (1 120 000 + 2 × 1 100 000)
 *     = 9 960 000 kr. = 996 000 000 øre, 9 persons
 *
 * A table added to the publish path without a recipe here fails the first test.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace, type Workspace } from '../../src/config/workspace.js';
import { openDuckDB } from '../../src/engine/duckdb.js';
import type { Engine } from '../../src/engine/engine.js';
import { MART_TABLES, publishServed, SERVED_TABLES, type ServedTable } from '../../src/publish/index.js';
import { lineage, type Lineage } from '../../src/publish/lineage.js';
import { runCli } from '../helpers/cli.js';
import { CPR, PERSONS, runStages, writeLineageWorkspace } from './fixture.js';

/** A source file's rows the trail names: its header's columns → values. */
type Rows = Record<string, string>[];
/** The rows used, by canonical table (service, ledger, hospital_contact …). */
type Used = Map<string, Rows>;

const all = (u: Used, table: string): Rows => u.get(table) ?? [];
const num = (s: string | undefined) => Number((s ?? '').replace(',', '.') || 0);

/** The KPB amount of SEL-104: the ledger's 5000–5999 × AK lines and the ADM pool (its only target). */
function kpb104(u: Used): number {
  const l = all(u, 'ledger');
  const direct = l.filter((r) => r.funktion === 'AK' && /^5\d{3}$/.test(r.art!));
  return [...direct, ...l.filter((r) => r.funktion === 'ADM')].reduce((a, r) => a + num(r.beloeb), 0);
}

/** Each service row's cost in øre by its method: price 450 kr./h, the row's amount, or KPB by volume. */
function personCosts(u: Used): Map<string, number> {
  const s = all(u, 'service');
  const days104 = s.filter((r) => r.kode === 'SEL-104').reduce((a, r) => a + num(r.antal), 0);
  const cost = new Map<string, number>();
  for (const r of s.filter((x) => ['SEL-83-PP', 'SEL-95', 'SEL-104'].includes(x.kode!))) {
    const c =
      r.kode === 'SEL-83-PP'
        ? num(r.antal) * 450 * 100
        : r.kode === 'SEL-95'
          ? num(r.beloeb) * 100
          : (kpb104(u) * num(r.antal)) / days104;
    cost.set(r.cpr!, (cost.get(r.cpr!) ?? 0) + c);
  }
  return cost;
}
const sum = (xs: Iterable<number>) => [...xs].reduce((a, b) => a + b, 0);
const total = (u: Used) => sum(personCosts(u).values());
const persons = (u: Used) => personCosts(u).size;
const heavy = (u: Used) => [...personCosts(u).values()].filter((c) => c >= 25_000_000); // ≥ 250 000 kr.
const interval7 = (u: Used) =>
  [...personCosts(u).values()].filter((c) => c >= 100_000_000 && c < 150_000_000);
const kmf = (u: Used, table: string, column: string, factor: number) =>
  all(u, table).reduce((a, r) => a + num(r[column]) * factor, 0);
/** acute hospital rows admitted within 30 days of the same person's previous discharge */
function readmissions(u: Used): number {
  const day = (s: string) => {
    const [d, m, y] = s.slice(0, 10).split('-').map(Number);
    return Date.UTC(y!, m! - 1, d!) / 86_400_000;
  };
  const rows = all(u, 'hospital_contact');
  return rows.filter(
    (r) =>
      r.akut === 'ja' &&
      rows.some(
        (p) => p !== r && p.cpr === r.cpr && day(r.ind!) > day(p.ud!) && day(r.ind!) - day(p.ud!) <= 30,
      ),
  ).length;
}

interface Recipe {
  /** the row of the figure (key columns of the table; period and municipality are added) */
  row: Record<string, string>;
  column: string;
  recompute: (u: Used) => number;
}
const mart = (row: Record<string, string>, column: string, recompute: (u: Used) => number): Recipe => ({
  row: { period: '2024', municipality: '851', ...row },
  column,
  recompute,
});

/** One figure per published table and how to recompute it from the source rows its trail names. */
const RECIPES: Record<string, Recipe> = {
  mart_headline: mart({ segment: 'all' }, 'cost_minor', total), // 1 046 250 000
  mart_benchmark: mart({}, 'cost_minor', total), // 1 046 250 000
  // the standard cost of ages 51-64 (every municipality: no municipality key): P1 (born 1960) and P2 (1970),
  // three of each: 3 × (55 000 + 90 000) kr. = 43 500 000 øre
  mart_benchmark_rate: {
    row: { period: '2024', age_group: '51-64' },
    column: 'cost_minor',
    recompute: (u) => {
      const aged = new Set(PERSONS.flatMap((p) => [p[0]!, p[1]!]));
      return sum([...personCosts(u)].filter(([cpr]) => aged.has(cpr)).map(([, c]) => c));
    },
  },
  mart_benchmark_trend: mart({ indicator: 'per_user' }, 'amount_minor', (u) => total(u) / persons(u)), // 1 046 250 000 / 18 = 58 125 000
  mart_concentration: mart({ grp: 'all' }, 'cost_minor', total),
  mart_consumption: mart({ age_group: '*' }, 'persons', persons), // 18
  mart_cost_interval: mart({ grp: 'all', interval_no: '7' }, 'cost_minor', (u) => sum(interval7(u))), // 996 000 000
  mart_department_count: mart({ departments: '*' }, 'cost_minor', total),
  mart_department_matrix: mart({ department_a: 'Social', department_b: 'Social' }, 'persons', persons),
  mart_heavy: mart({ dimension: 'service', value: '*' }, 'cost_minor', (u) => sum(heavy(u))), // 996 000 000
  mart_interval_mix: mart(
    { interval_no: '7', dimension: 'law', value: '*' },
    'persons',
    (u) => interval7(u).length,
  ), // 9
  mart_key_figure: mart({ indicator: 'cost' }, 'amount_minor', total),
  mart_lorenz: mart({ grp: 'all', point: '20' }, 'cost_cum_minor', total),
  mart_outlier: mart({ area: 'disability', segment: 'all' }, 'cost_minor', total),
  mart_payer: mart({ target_group: 'all', payer: 'Social' }, 'cost_minor', total),
  mart_quadrant: mart({ quadrant: 'low_low' }, 'persons', (u) => {
    const costs = [...personCosts(u).values()];
    return costs.filter((c) => c < Math.max(...costs)).length;
  }), // all but the dearest (the three P4): 18 − 3 = 15
  // narrowed by catalogue code: the nine SEL-83-PP rows, 3 × 350 h × 450 kr. = 47 250 000 øre
  mart_quadrant_service: mart({ quadrant: 'low_low', catalogue_code: 'SEL-83-PP' }, 'cost_minor', total),
  mart_service_overlap: mart(
    { family: 'home_care', measure: 'any' },
    'persons',
    (u) =>
      new Set(
        all(u, 'service')
          .filter((r) => r.kode === 'SEL-83-PP')
          .map((r) => r.cpr),
      ).size,
  ), // P1, P2, P3, three of each: 9
  mart_sex: mart({ sex: '*' }, 'cost_minor', total),
  // the dearest 50 % of 18 = 9: 3 × P4 112 000 000 + 6 × (P5, P6) 110 000 000 = 996 000 000
  mart_top_share: mart({ grp: 'all', pct: '50' }, 'cost_minor', (u) =>
    sum([...personCosts(u).values()].sort((a, b) => b - a).slice(0, 9)),
  ),
  mart_trend: mart({ indicator: 'cost' }, 'amount_minor', total),
  mart_trend_restated: mart({ indicator: 'cost', basis: 'registered' }, 'amount_minor', total),
  mart_unit_cost: mart({ catalogue_code: 'SEL-104' }, 'total_minor', kpb104), // 990 000 000
  mart_user_mix: mart({ area: 'disability', interval_no: '7' }, 'cost_minor', (u) => sum(interval7(u))),
  cost_unit: mart({ catalogue_code: 'SEL-104' }, 'total_minor', kpb104), // 900 000 000 + 90 000 000
  cost_reconciliation: mart({ target_type: 'intervention', target: 'SEL-104' }, 'ledger_minor', (u) =>
    all(u, 'ledger')
      .filter((r) => r.funktion === 'AK' && /^5/.test(r.art!))
      .reduce((a, r) => a + num(r.beloeb), 0),
  ), // 900 000 000
  cost_nonattributable: mart({ label: 'open_cafe' }, 'amount_minor', (u) =>
    all(u, 'ledger')
      .filter((r) => r.funktion === 'CAFE')
      .reduce((a, r) => a + num(r.beloeb), 0),
  ), // 15 000 000
  cost_pool_allocation: mart({ pool: 'ADM', target: 'SEL-104' }, 'amount_minor', (u) =>
    all(u, 'ledger')
      .filter((r) => r.funktion === 'ADM')
      .reduce((a, r) => a + num(r.beloeb), 0),
  ), // 90 000 000
  cost_key_figure: mart({ key_figure: 'U21003' }, 'denominator', (u) =>
    all(u, 'service')
      .filter((r) => r.kode === 'SEL-83-PP')
      .reduce((a, r) => a + num(r.antal), 0),
  ), // hours granted, own home care: 3 × (100 + 200 + 50) = 1 050
  readmission_rate: {
    row: { period: '2024', level: 'total', grp: 'all' },
    column: 'readmissions',
    recompute: readmissions,
  }, // K2 five days after K1, three times: 3
  transition_summary: {
    row: { period: '2024', cohort: 'all', follow_up: 'true' },
    column: 'index_stays',
    recompute: (u) => all(u, 'hospital_contact').filter((r) => r.akut === 'ja').length,
  }, // K1, K2, K3 acute, three times: 9
  kmf_reconciliation: mart({ source: 'hospital' }, 'invoiced_minor', (u) =>
    kmf(u, 'hospital_contact', 'kmf', 100),
  ), // 3 × (1 000 + 1 500 + 2 000 + 500) kr. = 1 500 000 øre
  cluster_indicator: {
    row: { period: '2024', level: 'municipality', unit: '851', indicator: 'gp_contacts_per_citizen' },
    column: 'numerator',
    recompute: (u) => all(u, 'gp_contact').length,
  }, // 3 × 3 GP rows = 9
  dq_result: {
    row: { source_id: 'ydelser', check_id: 'person_id_present' },
    column: 'rows_checked',
    recompute: (u) => all(u, 'service').filter((r) => r.__file === 'ydelser.csv').length,
  }, // 3 × 8 = 24
  dq_unmapped_code: {
    row: { source_id: 'andet', local_code: 'XYZ' },
    column: 'rows',
    recompute: (u) => all(u, 'service').filter((r) => r.__file === 'andet.csv' && r.kode === 'XYZ').length,
  }, // 3
  // the group: persons with SEL-104 (P4, P5, P6, three of each) = 9
  mart_group_overlap: mart(
    { group_id: 'aktivitet' },
    'group_persons',
    (u) =>
      new Set(
        all(u, 'service')
          .filter((r) => r.kode === 'SEL-104')
          .map((r) => r.cpr),
      ).size,
  ),
  // users of SEL-104 with the target group mental illness (the result): P4, P5, P6, three of each = 9
  mart_result: mart({ result_id: 'sindslidelse' }, 'persons', (u) => {
    const group = new Set(all(u, 'person_attribute').map((r) => r.cpr));
    return new Set(
      all(u, 'service')
        .filter((r) => r.kode === 'SEL-104' && group.has(r.cpr))
        .map((r) => r.cpr),
    ).size;
  }),
  import_log: {
    row: { source_id: 'finans' },
    column: 'rows_read',
    recompute: (u) => all(u, 'ledger').length,
  }, // 4
};

let dir: string;
let ws: Workspace;
let engine: Engine;
let published: Awaited<ReturnType<typeof publishServed>>;
let served: ServedTable[];

beforeAll(async () => {
  dir = writeLineageWorkspace();
  ws = openWorkspace(dir);
  await runStages(ws); // what `tvaerblik run` does before the report
  engine = await openDuckDB({ file: ':memory:' });
  await engine.exec(`ATTACH '${ws.resolve(ws.config.warehouse)}' AS wh (READ_ONLY)`);
  published = await publishServed(engine, ws.config.suppression.threshold);
  served = published.map((p) => p.table);
}, 60_000);
afterAll(async () => {
  await engine?.close();
});

/** The source rows a trail names, read from the files themselves; checks name, hash and count. */
function followTrail(trail: Lineage): Used {
  const used: Used = new Map();
  for (const s of trail.sources) {
    if (s.rowsUsed === null) throw new Error(`${trail.table}: rows used withheld`);
    const source = ws.config.sources.find((c) => c.id === s.source)!;
    expect(path.basename(source.file)).toBe(s.file);
    const bytes = readFileSync(ws.resolve(source.file));
    expect(createHash('sha256').update(bytes).digest('hex'), `${s.file}'s hash`).toBe(s.fileHash);
    const delimiter = bytes.toString().split('\n')[0]!.includes(';') ? ';' : ',';
    const [head, ...lines] = bytes.toString().trim().split('\n');
    const columns = head!.split(delimiter);
    const rows = lines.map((l) => ({
      __file: s.file,
      ...Object.fromEntries(l.split(delimiter).map((v, i) => [columns[i]!, v])),
    }));
    // the rows are the file's lines (the header is line 1): data row i is line i + 2
    const wanted = s.rows === null ? rows.map((_, i) => i + 2) : expandRanges(s.rows);
    const picked = wanted.map((line) => rows[line - 2]!);
    expect(picked, `${trail.table}: rows used of ${s.file}`).toHaveLength(s.rowsUsed);
    used.set(s.table, [...(used.get(s.table) ?? []), ...picked]);
  }
  return used;
}

function expandRanges(ranges: string): number[] {
  if (ranges === '') return [];
  return ranges.split(',').flatMap((r) => {
    const [a, b] = r.split('-').map(Number);
    return Array.from({ length: (b ?? a!) - a! + 1 }, (_, i) => a! + i);
  });
}

describe('lineage of every published table', () => {
  it('has a figure to follow for every table the publish path can publish', () => {
    const publishable = [...MART_TABLES.map((m) => m.mart), ...SERVED_TABLES].sort();
    expect(Object.keys(RECIPES).sort()).toEqual(publishable);
    for (const t of served) expect(publishable, `${t.name} is published`).toContain(t.name);
  });

  it('gives the same trail from the tables publishServed read as from reading them itself', async () => {
    const threshold = ws.config.suppression.threshold;
    const row = RECIPES.mart_headline!.row;
    expect(await lineage(engine, 'mart_headline', row, { threshold, ws, published })).toEqual(
      await lineage(engine, 'mart_headline', row, { threshold, ws }),
    );
  });

  it('prints the rows of each file on the command line', async () => {
    const r = await runCli(['-w', dir, '--lang', 'en', 'lineage', 'mart_headline', '--row', 'segment=all'], {
      tty: true,
    });
    expect(r.code, r.stderr).toBe(0);
    // ydelser.csv: 24 rows under the header, lines 2 … 25; the file's own header "Rows (lines)"
    expect(r.stdout).toContain('Rows (lines)');
    expect(r.stdout).toMatch(/ydelser\.csv.*\b2-25\b/);
  });

  it.each(Object.keys(RECIPES))(
    '%s: a figure recomputed from the rows of its source files',
    async (table) => {
      const recipe = RECIPES[table]!;
      const t = served.find((x) => x.name === table);
      expect(t, `${table} is in the run's warehouse`).toBeDefined();
      const row = t!.rows.filter((r) => Object.entries(recipe.row).every(([k, v]) => String(r[k]) === v));
      expect(row, `${table}: one row for ${JSON.stringify(recipe.row)}`).toHaveLength(1);
      const threshold = ws.config.suppression.threshold;
      // published: the tables as publishServed read and suppressed them once (as lineage would read them)
      const trail = await lineage(engine, table, recipe.row, { threshold, ws, published });
      expect(trail.suppression.selected).toMatchObject({ rows: 1, shown: 1 });
      expect(trail.sources.length).toBeGreaterThan(0);
      const figure = Number(row[0]![recipe.column]);
      expect(recipe.recompute(followTrail(trail))).toBeCloseTo(figure, 4);

      // nothing in the trail reveals a person: no CPR number (with or without the dash), no pseudonym
      const text = JSON.stringify(trail);
      for (const cpr of CPR) {
        expect(text).not.toContain(cpr);
        expect(text).not.toContain(cpr.replace('-', ''));
      }
      const keys = await engine.all<{ k: string }>(`SELECT pseudonym AS k FROM wh.main.person`);
      for (const { k } of keys) expect(text).not.toContain(k);
      expect(text).not.toMatch(/person_key/);
    },
  );
});
