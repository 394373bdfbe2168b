/**
 * Every mart as a table a person may see, read from its model's header (sql/analysis/<mart>.sql, see
 * ./models.ts): its columns with labels in da/sv/en, the persons column(s) and the additive dimensions
 * that suppression must protect (a row whose dimension value is the total marker is the sum of the rows
 * that differ from it only there). Readers (report, API, dashboard) take the suppression settings from
 * here so every outlet hides the same cells.
 */
import type { Row, Value } from '../engine/engine.js';
import type { Text } from '../i18n.js';
import type { ColumnKind, Dimension, Link, Members, Ranked, Requires } from '../suppression/index.js';
import { analysisModels, type ModelHeader, type PanelDecl, type RankedDecl } from './models.js';

export interface ReportColumn {
  name: string;
  kind: ColumnKind;
  label: Text;
}

export interface MartTable {
  mart: string;
  title: Text;
  columns: ReportColumn[];
  persons: string | string[];
  dimensions?: Dimension[];
  /** rows that sum the cheapest or dearest persons of a cost ranking (suppression keeps cut points apart) */
  ranked?: Ranked | Ranked[];
  /** rows of other marts each row's figures are computed from: hidden wherever one of them is */
  requires?: Requires[];
  /** every person a row counts costs within the row's limits (suppression bounds rank cuts by them) */
  members?: Members;
  orderBy: string;
  /** a plain-language reading (generic report section and dashboard panel) */
  reading?: Text;
  /** 'generic': the report shows the mart in a section built from its header */
  report?: 'generic';
  /** the dashboard panel built from the header */
  panel?: PanelDecl;
}

/** The marts, in the order of their declared position (workbook sheets, API list), then by name. */
export const MART_TABLES: MartTable[] = analysisModels()
  .filter((m) => m.header)
  .sort(
    (a, b) =>
      (a.header!.position ?? Infinity) - (b.header!.position ?? Infinity) || a.table.localeCompare(b.table),
  )
  .map((m) => martOf(m.table, m.header!));

function martOf(mart: string, h: ModelHeader): MartTable {
  const ranked = h.ranked?.map(rankedOf);
  return {
    mart,
    title: h.title,
    ...(h.reading ? { reading: h.reading } : {}),
    columns: h.columns.map((c) => ({ name: c.name, kind: c.kind, label: c.label })),
    persons: h.persons,
    ...(h.dimensions ? { dimensions: h.dimensions } : {}),
    ...(ranked ? { ranked: ranked.length === 1 ? ranked[0]! : ranked } : {}),
    ...(h.requires ? { requires: h.requires } : {}),
    ...(h.members ? { members: h.members } : {}),
    orderBy: h.order,
    ...(h.report ? { report: h.report } : {}),
    ...(h.panel ? { panel: h.panel } : {}),
  };
}

/** A declared ranking as suppression reads it (a diagonal rule becomes a function of the row). */
function rankedOf(r: RankedDecl): Ranked {
  const s = r.side;
  if (typeof s === 'string' || 'column' in s) return { ...r, side: s };
  const [a, b] = s.equal;
  return { ...r, side: (row) => (same(row[a], row[b]) ? s.then : (s.else ?? null)) };
}

export function martTable(mart: string): MartTable {
  const t = MART_TABLES.find((x) => x.mart === mart);
  if (!t) throw new Error(`No table definition for ${mart}`);
  return t;
}

const same = (a: Value | undefined, b: Value | undefined) => String(a ?? '') === String(b ?? '');
const sum = (rows: Row[], c: string) => rows.reduce((s, r) => s + BigInt(String(r[c] ?? 0)), 0n);

/**
 * The sums that tie marts to each other, so that suppression runs over all of them at once (a cell hidden
 * in one mart must not be read off another). A group's row in mart_concentration is the interval total of
 * mart_cost_interval. The other ties depend on the configuration (ages, heavy threshold), so they are read
 * from the data: a run of consecutive age groups whose cost intervals add up, interval by interval, to
 * mart_interval_mix's totals (or to mart_headline's persons); a run of intervals from some interval up
 * that adds up to mart_heavy's total; a benchmark age group's standard cost (mart_benchmark_rate) is the
 * sum of every municipality's consumption cells of its ages (read from the ages of the rows); and rows of
 * two marts with the same persons and the same amount (a key figure repeats a mart's row, a total of all
 * persons appears in several marts), and the key figures that print a mart's persons without its amount
 * (keyFigureLinks). A coincidental match only hides more.
 */
export function martLinks(marts: Map<string, Row[]>): Link[] {
  const links: Link[] = [
    {
      total: { table: 'mart_cost_interval', where: { interval_no: [0] } },
      parts: { table: 'mart_concentration' },
      on: ['period', 'municipality', 'grp'],
    },
  ];
  links.push(...sameFigures(marts), ...rateLinks(marts), ...nestedLinks(marts), ...keyFigureLinks(marts));
  links.push(...drawnLinks(marts));
  const conc = marts.get('mart_concentration') ?? [];
  const intervals = marts.get('mart_cost_interval') ?? [];
  const mix = marts.get('mart_interval_mix') ?? [];
  const headline = marts.get('mart_headline') ?? [];
  const heavy = marts.get('mart_heavy') ?? [];
  const units = new Map<string, { period: Value; municipality: Value }>();
  for (const r of conc) units.set(`${String(r.period)}|${String(r.municipality)}`, r as never);
  for (const { period, municipality } of units.values()) {
    const mine = (rows: Row[]) =>
      rows.filter((r) => same(r.period, period) && same(r.municipality, municipality));
    const where = { period: [period], municipality: [municipality] };
    const bands = mine(conc)
      .map((r) => String(r.grp))
      .filter((g) => /^\d+(-\d+|\+)$/.test(g))
      .sort((a, b) => parseInt(a) - parseInt(b));
    const runs: string[][] = [];
    for (let i = 0; i < bands.length; i++)
      for (let j = i + 1; j <= bands.length; j++) runs.push(bands.slice(i, j));
    // mart_interval_mix totals (per dimension) = Σ of a run of age groups' cost intervals
    const mixTotals = mine(mix).filter((r) => r.value === '*' && r.dimension === 'law');
    const ivs = mine(intervals);
    const mixRun = runs.find(
      (run) =>
        mixTotals.length > 0 &&
        mixTotals.every((t) => {
          const parts = ivs.filter((r) => run.includes(String(r.grp)) && same(r.interval_no, t.interval_no));
          return (
            sum(parts, 'persons') === BigInt(String(t.persons)) &&
            sum(parts, 'cost_minor') === BigInt(String(t.cost_minor))
          );
        }),
    );
    if (mixRun)
      links.push({
        total: { table: 'mart_interval_mix', where: { ...where, value: ['*'] } },
        parts: { table: 'mart_cost_interval', where: { ...where, grp: mixRun } },
        on: ['period', 'municipality', 'interval_no'],
      });
    // mart_headline's whole = Σ of a run of age groups
    const all = mine(headline).find((r) => r.segment === 'all');
    const groups = mine(conc);
    const headRun =
      all &&
      runs.find((run) => {
        const parts = groups.filter((r) => run.includes(String(r.grp)));
        return (
          sum(parts, 'persons') === BigInt(String(all.persons)) &&
          sum(parts, 'cost_minor') === BigInt(String(all.cost_minor))
        );
      });
    if (headRun)
      links.push({
        total: { table: 'mart_headline', where: { ...where, segment: ['all'] } },
        parts: { table: 'mart_concentration', where: { ...where, grp: headRun } },
        on: ['period', 'municipality'],
      });
    // mart_heavy's total = Σ of mart_interval_mix's totals from some interval up
    const heavyTotal = mine(heavy).find((r) => r.value === '*');
    const nos = [...new Set(mixTotals.map((r) => Number(r.interval_no)))].sort((a, b) => a - b);
    const from =
      heavyTotal &&
      nos.find((no) => {
        const parts = mixTotals.filter((r) => Number(r.interval_no) >= no);
        return (
          sum(parts, 'persons') === BigInt(String(heavyTotal.persons)) &&
          sum(parts, 'cost_minor') === BigInt(String(heavyTotal.cost_minor))
        );
      });
    // mart_payer's heavy (of the heavy ages) are drawn from its intervals from the same interval up (all ages)
    const payerIntervals = [
      ...new Set((marts.get('mart_payer') ?? []).map((r) => String(r.target_group))),
    ].filter((g) => /^interval_\d+$/.test(g) && from !== undefined && Number(g.slice(9)) >= from);
    if (payerIntervals.length > 0)
      links.push({
        total: { table: 'mart_payer', where: { ...where, target_group: payerIntervals } },
        parts: { table: 'mart_payer', where: { ...where, target_group: ['heavy'] } },
        on: PAYER_ROW,
        nested: true,
      });
    if (from !== undefined && heavyTotal)
      for (const dimension of ['law', 'target_group'])
        links.push({
          total: { table: 'mart_heavy', where: { ...where, value: ['*'] } },
          parts: {
            table: 'mart_interval_mix',
            where: {
              ...where,
              value: ['*'],
              dimension: [dimension],
              interval_no: nos.filter((n) => n >= from),
            },
          },
          on: ['period', 'municipality'],
        });
  }
  return links;
}

/**
 * A benchmark age group's row of mart_benchmark_rate = Σ of the period's mart_consumption cells (every
 * municipality, not the total rows) whose lower age lies in the group's ages (age_from … age_to, open when
 * age_to is empty). With it, the linked suppression protects a hidden consumption cell against the group
 * cell minus the published cells (and each municipality's total minus its own).
 */
function rateLinks(marts: Map<string, Row[]>): Link[] {
  const cells = (marts.get('mart_consumption') ?? []).filter((r) => r.age_group !== '*');
  return (marts.get('mart_benchmark_rate') ?? []).flatMap((band) => {
    const lo = Number(band.age_from);
    const hi = band.age_to === null || band.age_to === undefined ? Infinity : Number(band.age_to);
    const groups = [
      ...new Set(
        cells
          .filter((c) => same(c.period, band.period) && Number(c.age_from) >= lo && Number(c.age_from) <= hi)
          .map((c) => c.age_group ?? null),
      ),
    ];
    if (groups.length === 0) return [];
    return [
      {
        total: {
          table: 'mart_benchmark_rate',
          where: { period: [band.period ?? null], age_group: [band.age_group ?? null] },
        },
        parts: { table: 'mart_consumption', where: { period: [band.period ?? null], age_group: groups } },
        on: ['period'],
      },
    ];
  });
}

/** Rows of different marts that publish the same figure: equal persons (> 0) and equal first amount. */
function sameFigures(marts: Map<string, Row[]>): Link[] {
  const seen = new Map<string, { table: string; where: Record<string, Value[]> }>();
  const links: Link[] = [];
  for (const def of MART_TABLES) {
    const rows = marts.get(def.mart);
    // the amount the row sums (an outlier threshold is a money column too, but no sum)
    const money = (
      def.columns.find((c) => c.name === 'cost_minor') ??
      def.columns.find((c) => c.kind === 'money' && !c.name.includes('threshold'))
    )?.name;
    if (!rows || !money) continue;
    const personsColumn = Array.isArray(def.persons) ? def.persons[0]! : def.persons;
    const keys = def.columns.filter((c) => c.kind === 'key').map((c) => c.name);
    for (const r of rows) {
      const p = r[personsColumn];
      const v = r[money];
      if (p === null || p === undefined || v === null || v === undefined || Number(p) <= 0) continue;
      const sig = [String(r.period), String(r.municipality), String(p), String(v)].join('|');
      const here = { table: def.mart, where: Object.fromEntries(keys.map((k) => [k, [r[k] ?? null]])) };
      const first = seen.get(sig);
      if (!first) seen.set(sig, here);
      else if (first.table !== def.mart) links.push({ total: first, parts: here, on: [] });
    }
  }
  return links;
}

/**
 * Groups published beside the group their persons are drawn from (Link.nested: suppression models each
 * one's complement, so that the parent minus the group never leaves 1 … threshold − 1 persons):
 * mart_payer's target groups (the heavy citizens, both high, each cost interval) within `all` for the
 * same payer, basis and year; the heavy citizens (mart_heavy's totals), those served by a department
 * (mart_department_count's total), a KPB area's users (mart_outlier's `all`) and a service family's
 * (mart_service_overlap's `any`) within all citizens (mart_concentration's `all`); and the key figures
 * that count a part of all citizens (the heavy, those served by several departments) within their count;
 * and persons printed beside the group they are drawn from, in the same row (besideLinks).
 * Where the cost intervals together hold all of a payer's row (every person in scope), mart_payer's
 * intervals are also a sum of it (read from the data: a coincidental match only hides more). Its heavy
 * are drawn from its intervals from the heavy threshold up (martLinks, where the threshold is a bound).
 */
/**
 * More groups drawn from another published group (nested): mart_payer's cost intervals (`interval_N`, per
 * payer) from the persons of that interval of all ages (mart_cost_interval's `all` row of interval N), so
 * that the interval's limits bound them too; the heavy (mart_heavy's totals, of the headline's ages unless
 * heavy_ages says otherwise: then the complement is no figure and only hides more) from the headline's
 * persons (mart_headline's `all`: 6 aged 18–64 with 3 heavy left 3 by subtraction).
 */
function drawnLinks(marts: Map<string, Row[]>): Link[] {
  const nos = new Set(
    (marts.get('mart_payer') ?? []).flatMap(
      (r) => /^interval_(\d+)$/.exec(String(r.target_group))?.[1] ?? [],
    ),
  );
  const on = ['period', 'municipality'];
  return [
    ...[...nos].map((no) => ({
      total: { table: 'mart_cost_interval', where: { grp: ['all'], interval_no: [Number(no)] } },
      parts: { table: 'mart_payer', where: { target_group: [`interval_${no}`] } },
      on,
      nested: true,
    })),
    {
      total: { table: 'mart_headline', where: { segment: ['all'] } },
      parts: { table: 'mart_heavy', where: { value: ['*'] } },
      on,
      nested: true,
    },
  ];
}

/** The keys of a mart_payer row besides its target group. */
const PAYER_ROW = ['period', 'municipality', 'payer', 'basis', 'service_year'];

function nestedLinks(marts: Map<string, Row[]>): Link[] {
  const payer = marts.get('mart_payer') ?? [];
  const on = PAYER_ROW;
  const groups = [...new Set(payer.map((r) => String(r.target_group)))].filter((g) => g !== 'all');
  // groups of all citizens: the heavy, those served by a department, a KPB area's users, a family's
  const ofAll: [string, Record<string, Value[]>][] = [
    ['mart_heavy', { value: ['*'] }],
    ['mart_department_count', { departments: ['*'] }],
    ['mart_outlier', { segment: ['all'] }],
    ['mart_service_overlap', { measure: ['any'] }],
  ];
  const links: Link[] = [
    ...ofAll.map(([table, where]): Link => ({
      total: { table: 'mart_concentration', where: { grp: ['all'] } },
      parts: { table, where },
      on: ['period', 'municipality'],
      nested: true,
    })),
    // within the count of all citizens, and within the cost key figure that publishes it too
    ...['persons', 'cost'].map((indicator): Link => ({
      total: { table: 'mart_key_figure', where: { indicator: [indicator] } },
      parts: { table: 'mart_key_figure', where: { indicator: ['heavy_persons', 'multi_department_share'] } },
      on: ['period', 'municipality'],
      nested: true,
    })),
  ];
  links.push(...besideLinks(marts));
  if (groups.length > 0)
    links.push({
      total: { table: 'mart_payer', where: { target_group: ['all'] } },
      parts: { table: 'mart_payer', where: { target_group: groups } },
      on,
      nested: true,
    });
  // the cost intervals as a sum of `all`, per payer row where they add up to it
  const key = (r: Row) => on.map((c) => String(r[c] ?? null)).join('|');
  const intervals = new Map<string, Row[]>();
  for (const r of payer)
    if (/^interval_\d+$/.test(String(r.target_group)))
      intervals.set(key(r), [...(intervals.get(key(r)) ?? []), r]);
  const ivs = groups.filter((g) => /^interval_\d+$/.test(g));
  const adds = (r: Row) => {
    const parts = intervals.get(key(r)) ?? [];
    return (
      sum(parts, 'persons') === BigInt(String(r.persons)) &&
      sum(parts, 'cost_minor') === BigInt(String(r.cost_minor))
    );
  };
  // per period and municipality: one link where every payer row adds up (all persons in scope), else one per row
  const units = new Map<string, Row[]>();
  for (const r of payer)
    if (r.target_group === 'all' && intervals.has(key(r))) {
      const u = `${String(r.period)}|${String(r.municipality)}`;
      units.set(u, [...(units.get(u) ?? []), r]);
    }
  for (const rows of units.values()) {
    const summed = rows.filter(adds);
    const narrow =
      summed.length === rows.length ? [pick(rows[0]!, on.slice(0, 2))] : summed.map((r) => pick(r, on));
    for (const where of narrow)
      links.push({
        total: { table: 'mart_payer', where: { ...where, target_group: ['all'] } },
        parts: { table: 'mart_payer', where: { ...where, target_group: ivs } },
        on,
      });
  }
  return links;
}

const pick = (r: Row, columns: string[]): Record<string, Value[]> =>
  Object.fromEntries(columns.map((c) => [c, [r[c] ?? null]]));

/**
 * Persons printed beside the group they are drawn from, in the same row (Link.total.persons): a chosen
 * group's overlap with each other department and with any (mart_group_overlap's persons) within the group
 * (its group_persons, on every row of the group), and a result's persons within its users (mart_result).
 * A chosen group's overlap with one department is also drawn from its overlap with any (`*any*`). The
 * group's size and the result's users are drawn from all citizens (mart_concentration's `all`), and may be
 * nested with any breakdown by services, attributes or departments (looseLinks).
 */
function besideLinks(marts: Map<string, Row[]>): Link[] {
  const group = ['period', 'municipality', 'group_id'];
  const departments = [
    ...new Set((marts.get('mart_group_overlap') ?? []).map((r) => r.department ?? null)),
  ].filter((d) => d !== null && d !== '*any*');
  return [
    {
      total: { table: 'mart_group_overlap', persons: 'group_persons' },
      parts: { table: 'mart_group_overlap' },
      on: group,
      nested: true,
    },
    ...(departments.length > 0
      ? [
          {
            total: { table: 'mart_group_overlap', where: { department: ['*any*'] } },
            parts: { table: 'mart_group_overlap', where: { department: departments } },
            on: group,
            nested: true,
          },
        ]
      : []),
    {
      total: { table: 'mart_result', persons: 'users' },
      parts: { table: 'mart_result' },
      on: ['period', 'municipality', 'result_id'],
      nested: true,
    },
    // the group's size and the result's users within all citizens
    ...[
      ['mart_group_overlap', 'group_persons'],
      ['mart_result', 'users'],
    ].map(([table, persons]): Link => ({
      total: { table: 'mart_concentration', where: { grp: ['all'] } },
      parts: { table: table!, persons },
      on: ['period', 'municipality'],
      nested: true,
    })),
    ...looseLinks(),
  ];
}

/**
 * The marts that break persons down by what a chosen group or a result is defined by: services (their
 * users, families, KPB areas, payers), attributes (the heavy and the cost intervals by target group or
 * benefit), departments; and the chosen groups and results themselves (one may hold another).
 */
const BREAKDOWNS = [
  'mart_quadrant_service',
  'mart_unit_cost',
  'mart_service_overlap',
  'mart_outlier',
  'mart_user_mix',
  'mart_payer',
  'mart_heavy',
  'mart_interval_mix',
  'mart_department_count',
  'mart_department_matrix',
  'mart_group_overlap',
  'mart_result',
];

/**
 * Of those, the rows that are whole populations a group or a result may hold or lie in: a service's users
 * (at a provider, in a quadrant, over the quadrants), a family's or a KPB area's, a payer's, an attribute
 * value's heavy citizens, a department's and two departments' shared persons, another group or result.
 */
const POPULATIONS: [string, Record<string, Value[]>?][] = [
  ['mart_unit_cost'],
  ['mart_quadrant_service'],
  ['mart_service_overlap', { measure: ['any'] }],
  ['mart_outlier', { segment: ['all'] }],
  ['mart_payer', { target_group: ['all'] }],
  ['mart_heavy', { dimension: ['target_group', 'benefit_status', 'housing', 'chronic_condition'] }],
  ['mart_department_matrix'],
  ['mart_group_overlap'],
  ['mart_result'],
];

/**
 * The counts of a chosen group and of a result against the breakdowns above (Link.loose). The suppression
 * does not know which services or attribute values define them, so a count equal to a hidden row's persons
 * may print it (a group of one service's users whose total is hidden), and one within threshold − 1 of a
 * whole population may hold it or lie in it (a group of the users of three services holds each one's users
 * in mart_unit_cost: 8 − 6 = 2 others). A group's size and a result's users against every breakdown and
 * population; a group's overlap with a department (within the group and the department's persons) against
 * the departments' persons; those who reached a result (within its users and an attribute's holders) against
 * the heavy by attribute and the other groups and results. Its own mart's rows count only for the other
 * groups and results (`apart`; its own rows are tied exactly by besideLinks).
 */
function looseLinks(): Link[] {
  const wholes = BREAKDOWNS.map((table): [string, Record<string, Value[]>?] => [table]);
  const byAttribute = POPULATIONS.filter(([t]) =>
    ['mart_heavy', 'mart_group_overlap', 'mart_result'].includes(t),
  );
  const byDepartment = POPULATIONS.filter(([t]) => t === 'mart_department_matrix');
  const figures: [string, string, string, typeof wholes, typeof POPULATIONS][] = [
    ['mart_group_overlap', 'group_persons', 'group_id', wholes, POPULATIONS],
    ['mart_group_overlap', 'persons', 'group_id', byDepartment, byDepartment],
    ['mart_result', 'users', 'result_id', wholes, POPULATIONS],
    ['mart_result', 'persons', 'result_id', byAttribute, byAttribute],
  ];
  const on = ['period', 'municipality'];
  const link =
    (table: string, persons: string, id: string, loose: 'equal' | 'near') =>
    ([breakdown, where]: [string, Record<string, Value[]>?]): Link => ({
      total: { table: breakdown, ...(where ? { where } : {}) },
      parts: { table, persons },
      on,
      loose,
      apart: [id],
    });
  return figures.flatMap(([table, persons, id, equal, near]) => [
    ...equal.map(link(table, persons, id, 'equal')),
    ...near.map(link(table, persons, id, 'near')),
  ]);
}

/**
 * Key figures that publish a mart's figure without its amount (sameFigures ties those with one): the
 * citizens, cost per citizen, Gini and cost per inhabitant print all citizens (mart_concentration's `all`);
 * the heavy citizens print mart_heavy's totals; those served by several departments are the sum of
 * mart_department_count's rows `2` and `3+`.
 */
function keyFigureLinks(marts: Map<string, Row[]>): Link[] {
  const on = ['period', 'municipality'];
  const key = (indicator: string) => ({ table: 'mart_key_figure', where: { indicator: [indicator] } });
  const dimensions = [
    ...new Set(
      (marts.get('mart_heavy') ?? []).filter((r) => r.value === '*').map((r) => r.dimension ?? null),
    ),
  ];
  return [
    ...['persons', 'cost_per_person', 'gini', 'cost_per_inhabitant'].map((indicator): Link => ({
      total: { table: 'mart_concentration', where: { grp: ['all'] } },
      parts: key(indicator),
      on,
    })),
    ...dimensions.map((dimension): Link => ({
      total: { table: 'mart_heavy', where: { value: ['*'], dimension: [dimension] } },
      parts: key('heavy_persons'),
      on,
    })),
    {
      total: key('multi_department_share'),
      parts: { table: 'mart_department_count', where: { departments: ['2', '3+'] } },
      on,
    },
  ];
}
