/**
 * Small-cell suppression: the one function every table passes before a person sees it (report, Excel,
 * API, dashboard). Rows with fewer persons than the workspace threshold are hidden ("< 5"), and further
 * rows are hidden (secondary suppression) so that no hidden row can be worked out from the totals the
 * table publishes. It runs on exact values, before any rounding. docs/report.md explains the rules.
 */
import type { Value } from '../engine/engine.js';
import {
  cheapestProtection,
  columnHolders,
  GRAND_TOTAL,
  grandTotals,
  inverse,
  isEquality,
  mod,
  P,
  subtractRow,
  type Group,
} from './protect.js';
import { memberBounds, type MemberBounds, type Members } from './member-bounds.js';

export type { Members } from './member-bounds.js';

/**
 * How a column is treated: keys stay visible and identify the row; a bound (an interval's limits, fixed
 * by the configuration) stays visible too; every other column is hidden with its row.
 */
export type ColumnKind =
  'key' | 'bound' | 'persons' | 'count' | 'money' | 'mean' | 'share' | 'number' | 'decimal';

export interface ColumnDef {
  name: string;
  kind: ColumnKind;
}

/** A dimension of the table; rows whose value is `total` are the margin (sum) over that dimension. */
export interface Dimension {
  column: string;
  total: Value;
  /** the sum over this dimension is known from other outputs even where the table has no total row */
  known?: boolean;
}

export interface TableInput {
  id: string;
  columns: ColumnDef[];
  rows: Record<string, Value>[];
  /** the column(s) holding the number of persons behind each row; a row is small when any of them is */
  persons: string | string[];
  /** additive dimensions: each total row equals the sum of the rows that differ from it only in that dimension */
  dimensions?: Dimension[];
  /** rows whose figures are cumulative over a ranking of persons (Lorenz, top shares): see Ranked */
  ranked?: Ranked | Ranked[];
  /** rows of other tables each row's figures are computed from: see Requires */
  requires?: Requires[];
  /** every person a row counts has an amount within the row's limits (a cost interval): see member-bounds.ts */
  members?: Members;
}

/**
 * A row whose figures are computed from rows of another table published with it (a benchmark from the
 * group's rates, a change from two periods' figures) is hidden wherever one of those rows is: its
 * figures could give the hidden row back. The required rows are those of `table` (narrowed by `where`)
 * that agree with the row on `on`. Applied last, as a final hiding pass (see suppressLinked).
 */
export interface Requires {
  /** the table holding the required rows */
  table: string;
  /** this table's column → the required table's column; a list names columns of the same name in both */
  on: Record<string, string> | string[];
  /** only the required table's rows with one of these values */
  where?: Record<string, Value[]>;
}

/** Which end of a cost ranking a row's figures cover: the cheapest k, the dearest k, or everyone. */
export type Side = 'cheapest' | 'dearest' | 'all';

/**
 * A table whose rows sum the cheapest (or dearest) k persons of a ranking. Two such rows of the same
 * ranking subtract to the persons between their cut points, in whichever table they are published, so
 * suppression keeps every gap between published cut points at 0 or ≥ threshold persons.
 */
export interface Ranked {
  /** the ranking's name: tables naming the same one rank the same persons (with equal `by` values) */
  name: string;
  /** key columns that pick one ranking (e.g. period, municipality, age group) */
  by: string[];
  /** the column with k, the number of persons the row's figures cover */
  persons: string;
  /** the side for every row, per value of a key column, or per row */
  side:
    Side | { column: string; values: Record<string, Side> } | ((row: Record<string, Value>) => Side | null);
  /** the persons are ranked by the amount the rows sum (their cost), not by a count (departments, kinds) */
  amount?: boolean;
}

/**
 * A sum across tables: a row of `total` equals the sum of the rows of `parts` that agree with it on `on`.
 * `nested`: the parts are no partition but groups drawn from the total's persons (they may overlap, and
 * persons may be in none: the heavy citizens, a cost interval, within all citizens; the total is the sum
 * of the total's rows that agree on `on`, e.g. the cost intervals from the heavy threshold up); each part
 * and the total then give the persons outside the part by subtraction, their complement. Suppression models each
 * complement as a row of its own that is never published (persons: the total's minus the part's), tied by
 * part + complement = total, so a complement of 1 … threshold − 1 persons is protected like a small row.
 * `total.persons` (nested only): the total is no row of its own but a persons column printed beside the
 * part (a chosen group's size on each of its overlap rows, a result's users beside those who reached it),
 * read from the total rows that agree with the part on `on` (the part's own row among them). That figure
 * is taken as known (it is published wherever one of those rows is), so the sum is part + complement =
 * a known number: a small complement hides the part's row.
 * `parts.persons` (nested only): the part is a persons column printed on each part row (a chosen group's
 * size, a result's users) within the total (all citizens). Such a figure is printed on several rows, and
 * only hiding all of them hides it, so where the total minus the figure is 1 … threshold − 1 persons every
 * row printing it is hidden, last (like a requirement: that only publishes less).
 * `loose` (with `parts.persons`): the part is a count of persons whose place among the total's rows is not
 * in the tables (a chosen group or a result, defined by services or attributes in the configuration, against
 * the breakdowns by services, attributes and departments). `equal`: it may be the persons of any total row,
 * so every row printing the figure is hidden, last, where it equals the persons of a hidden total row (it
 * would print that row's count). `near`: the total's rows are whole populations it may also hold or lie in
 * (a service's users, an attribute value's heavy, another group), so the figure is hidden too where it lies
 * 1 … threshold − 1 persons from a shown one (or from a sum among them known elsewhere). `apart`: key
 * columns a total row of the part's own table must differ in (its own group is tied exactly, by a nested link).
 */
export interface Link {
  total: { table: string; where?: Record<string, Value[]>; persons?: string };
  parts: { table: string; where?: Record<string, Value[]>; persons?: string };
  on: string[];
  nested?: boolean;
  loose?: 'equal' | 'near';
  apart?: string[];
}

/** Why a row is hidden: too few persons, or to protect another hidden row from subtraction. */
export type Hidden = 'small' | 'secondary';

export interface PublishedRow {
  /** key columns always; value columns only when the row is not hidden (otherwise null) */
  cells: Record<string, Value>;
  hidden: Hidden | null;
}

/** A table that is safe to show: hidden values are not in it at all. */
export interface PublishedTable {
  id: string;
  columns: ColumnDef[];
  rows: PublishedRow[];
  threshold: number;
  persons: string[];
}

/**
 * Hide small cells and protect them in one table. See suppressLinked.
 * @example suppress({ id: 't', columns, rows, persons: 'persons', dimensions: [{ column: 'band', total: '*' }] }, 5)
 */
export function suppress(table: TableInput, threshold: number): PublishedTable {
  return suppressLinked([table], threshold)[0]!;
}

/**
 * Hide small cells and protect them, in all tables published together at once (a hidden cell must not
 * follow from another table either). Rows with 0 < persons < threshold are hidden ("small"); zero rows
 * stay visible. Then, until nothing changes, another row is hidden in any sum whose hidden rows could be
 * pinned down: a sum with exactly one hidden row; hidden rows of one sign whose persons together are
 * 1…threshold−1 (their sum follows from the visible ones); a hidden row whose value range (small rows
 * hold 1…threshold−1, secondary rows ≥ threshold; checked where the persons add up) shrinks to one
 * number; a hidden row determined by the whole system of published sums (linear algebra over the hidden
 * rows); or two published cut points of one ranking fewer than threshold persons apart. Last, a row
 * is hidden wherever a row it requires (TableInput.requires) is hidden, until nothing changes: that only
 * publishes less, so it is kept out of the protection above (a row hidden for a requirement protects no
 * other row and makes none need protecting).
 * @example suppressLinked([lorenz, topShare, concentration], 5, links)
 */
export function suppressLinked(
  tables: TableInput[],
  threshold: number,
  links: Link[] = [],
): PublishedTable[] {
  if (!Number.isInteger(threshold) || threshold < 3)
    throw new Error(`suppression threshold ${threshold} below 3`);
  const small = (p: number) => p > 0 && p < threshold;
  // all rows of all tables in one index: offset[t] + row
  const offset: number[] = [];
  const persons: number[] = [];
  const hidden: (Hidden | null)[] = [];
  for (const t of tables) {
    offset.push(persons.length);
    const personColumns = Array.isArray(t.persons) ? t.persons : [t.persons];
    for (const r of t.rows) {
      persons.push(toNumber(r[personColumns[0]!]));
      hidden.push(personColumns.some((c) => small(toNumber(r[c]))) ? 'small' : null);
    }
  }
  const groups: Group[] = [];
  tables.forEach((t, ti) => {
    for (const g of buildGroups(t))
      groups.push({ members: g.members.map((m) => ({ row: m.row + offset[ti]!, coef: m.coef })) });
  });
  groups.push(...linkGroups(tables, offset, links));
  // the rows of the tables are followed by the complements of nested groups (never published)
  const published = persons.length;
  const sums = groups.length;
  for (const { part, wholes, known } of linkNests(tables, offset, links)) {
    const p = (known ?? wholes.reduce((sum, w) => sum + persons[w]!, 0)) - persons[part]!;
    if (p < 0) continue; // not nested in these figures: no complement to model
    // an empty part beside a known whole: its complement is the whole, published (and judged) as it is
    if (known !== undefined && persons[part] === 0) continue;
    const complement = persons.length;
    persons.push(p);
    // an empty complement is taken as known (part = total), which only hides more
    hidden.push(small(p) ? 'small' : p > 0 ? 'secondary' : null);
    groups.push({
      members: [
        { row: part, coef: 1 },
        { row: complement, coef: 1 },
        ...wholes.map((row) => ({ row, coef: -1 as const })),
      ],
    });
  }
  for (const g of groups) g.additive = g.members.reduce((sum, m) => sum + m.coef * persons[m.row]!, 0) === 0;
  const rankings = buildRankings(tables, offset);
  const scopes = rowScopes(tables, links);
  const audit = rankCutAudit(
    rankings,
    scopes,
    persons,
    threshold,
    memberBounds(tables, offset, scopes, persons, {
      rankings,
      drawn: linkNests(tables, offset, links),
      sums: groups.slice(0, sums),
    }),
  );
  const bounds = (i: number): [number, number] =>
    hidden[i] === 'small' && small(persons[i]!) ? [1, threshold - 1] : [threshold, Number.POSITIVE_INFINITY];
  // a complement of ≥ threshold persons may be known: it is no published figure, and what it could give
  // away with its part or total is protected in that sum (a row that is only in one sum)
  const free = (i: number) => i >= published && hidden[i] === 'secondary';

  const hideOneMore = (g: Group): boolean => {
    // the smallest visible non-empty part, else the smallest visible non-empty member (the total)
    const candidates = g.members
      .filter((m) => hidden[m.row] === null && persons[m.row]! > 0)
      .sort((a, b) =>
        a.coef === b.coef ? persons[a.row]! - persons[b.row]! || a.row - b.row : b.coef - a.coef,
      );
    const pick = candidates[0];
    if (!pick) return false;
    hidden[pick.row] = 'secondary';
    return true;
  };

  // the price of hiding a row: its persons; a grand total (and its repeats) only when nothing else will do
  // (a group's membership in another is no sum: the heavy's total stays the total of its breakdowns)
  const grand = grandTotals(groups.slice(0, sums), persons.length);
  const cost = (row: number) => Math.max(1, persons[row]!) + (grand[row] ? GRAND_TOTAL : 0);
  const groupsOf = new Map<number, Group[]>();
  for (const g of groups) for (const m of g.members) groupsOf.set(m.row, [...(groupsOf.get(m.row) ?? []), g]);
  // determined by the hidden rows' own ties (no visible row to hide would free it): not asked again
  const unprotectable = new Set<string>();

  const n = persons.length;
  for (let guard = 0; guard <= n; guard++) {
    let changed = false;
    for (const g of groups) {
      if (pinnedInGroup(g, hidden, persons, bounds, threshold, free) && hideOneMore(g)) changed = true;
    }
    for (const r of rankings) if (protectRanking(r, hidden, threshold)) changed = true;
    if (!changed && audit.apply(hidden)) changed = true;
    if (!changed) {
      // a small row, or a small set of rows, that the sums determine (a secondary row of ≥ threshold
      // persons may be: it is no small figure, and a small row it would give away is itself determined):
      // hide the cheapest set of visible rows that frees it (protect.ts), and look again
      const protect = (targets: number[][]): boolean => {
        for (const target of targets) {
          const key = setKey(target);
          if (unprotectable.has(key)) continue;
          const rows = cheapestProtection(target, { groupsOf, hidden, persons, cost });
          if (rows === null) unprotectable.add(key);
          if (!rows?.length) continue;
          for (const row of rows) hidden[row] = 'secondary';
          return true;
        }
        return false;
      };
      const prints = nullPrints(groups, hidden);
      const set = smallSetsIn(prints, hidden, persons, threshold, unprotectable);
      changed = protect([
        ...determinedIn(prints)
          .filter((row) => hidden[row] === 'small')
          .map((row) => [row]),
        ...(set ? [set] : []),
      ]);
      // then with the hidden repeats free to differ: a row they tie down (unprotectable) is no part of a
      // set above, but a set of such rows may follow from shown figures (all minus an age range)
      const loose = changed
        ? null
        : smallSetsDetermined(untied(groups, hidden), hidden, persons, threshold, unprotectable);
      if (loose) changed = protect([loose]);
    }
    if (!changed) break;
  }
  releaseSecondary({
    groups,
    rankings,
    audit,
    hidden,
    persons,
    bounds,
    threshold,
    published,
    free,
    unprotectable,
  });
  hidePrintedWithin(tables, offset, links, persons, hidden, small);
  hideLooseFigures(tables, offset, links, groups.slice(0, sums), persons, hidden, threshold);
  applyRequires(tables, offset, hidden);

  return tables.map((table, ti) => {
    const valueColumns = table.columns
      .filter((c) => c.kind !== 'key' && c.kind !== 'bound')
      .map((c) => c.name);
    const personColumns = Array.isArray(table.persons) ? table.persons : [table.persons];
    return {
      id: table.id,
      columns: table.columns,
      threshold,
      persons: personColumns,
      rows: table.rows.map((r, i) => {
        const h = hidden[offset[ti]! + i]!;
        const cells: Record<string, Value> = {};
        for (const c of table.columns) cells[c.name] = r[c.name] ?? null;
        if (h) for (const c of valueColumns) cells[c] = null;
        return { cells, hidden: h };
      }),
    };
  });
}

/**
 * The greedy pass above hides one row at a time where a sum needs it, and an early choice can be made
 * unnecessary by a later one. Here every secondary row is tried again, the largest first (the figures
 * most worth showing): it is shown when the whole result stays protected without it — no sum it is in
 * gives a hidden row away, its ranking's cut points stay apart, no rank cut comes to lie near it, and no
 * small row or small set becomes determined in the system of sums it belongs to. So no secondary row is
 * hidden that the others do not need.
 */
function releaseSecondary(state: {
  groups: Group[];
  rankings: Ranking[];
  audit: RankCutAudit;
  hidden: (Hidden | null)[];
  persons: number[];
  bounds: (i: number) => [number, number];
  threshold: number;
  /** rows from here on are complements, never published: never shown again */
  published: number;
  free: (i: number) => boolean;
  /** small sets (setKey) only ties between hidden rows determine: nothing to hide frees them */
  unprotectable: Set<string>;
}): void {
  const { groups, rankings, audit, hidden, persons, bounds, threshold, published, free, unprotectable } =
    state;
  const groupsOf = new Map<number, Group[]>();
  for (const g of groups) for (const m of g.members) groupsOf.set(m.row, [...(groupsOf.get(m.row) ?? []), g]);
  const rankingsOf = new Map<number, Ranking[]>();
  for (const r of rankings)
    for (const x of r.rows) rankingsOf.set(x.row, [...(rankingsOf.get(x.row) ?? []), r]);
  /** the sums tied to row c through hidden rows: the part of the system that showing c can change */
  const system = (c: number): Group[] => {
    const seen = new Set<Group>(groupsOf.get(c) ?? []);
    const queue = [...seen];
    const rows = new Set<number>();
    while (queue.length > 0) {
      for (const m of queue.pop()!.members) {
        if (!hidden[m.row] || rows.has(m.row)) continue;
        rows.add(m.row);
        for (const g of groupsOf.get(m.row) ?? [])
          if (!seen.has(g)) {
            seen.add(g);
            queue.push(g);
          }
      }
    }
    return [...seen];
  };
  const safe = (c: number): boolean => {
    for (const g of groupsOf.get(c) ?? [])
      if (pinnedInGroup(g, hidden, persons, bounds, threshold, free)) return false;
    for (const r of rankingsOf.get(c) ?? []) {
      // protectRanking hides in place: ask it, then put its rows back
      const saved = r.rows.map((x) => hidden[x.row]!);
      const moved = protectRanking(r, hidden, threshold);
      r.rows.forEach((x, i) => (hidden[x.row] = saved[i]!));
      if (moved) return false;
    }
    if (audit.exposes(c, hidden)) return false;
    const sums = system(c);
    const near = nullPrints(sums, hidden);
    if (determinedIn(near).some((row) => hidden[row] === 'small')) return false;
    return (
      smallSetsIn(near, hidden, persons, threshold, new Set()) === null &&
      smallSetsDetermined(untied(sums, hidden), hidden, persons, threshold, unprotectable) === null
    );
  };
  const secondary = hidden
    .map((h, i) => (h === 'secondary' && i < published ? i : -1))
    .filter((i) => i >= 0)
    .sort((a, b) => persons[b]! - persons[a]! || a - b);
  for (const c of secondary) {
    hidden[c] = null;
    if (!safe(c)) hidden[c] = 'secondary';
  }
}

/**
 * Hide every row a hidden row is required by (TableInput.requires), to a fixpoint: a requirement may
 * hide a row another table requires in turn. A required table not published in the same call cannot be
 * checked, so every row requiring it is hidden.
 */
function applyRequires(tables: TableInput[], offset: number[], hidden: (Hidden | null)[]): void {
  const byId = new Map(tables.map((t, ti) => [t.id, ti]));
  const rules = tables.flatMap((t, ti) =>
    (t.requires ?? []).map((req) => {
      const on = Array.isArray(req.on) ? req.on.map((c) => [c, c] as const) : Object.entries(req.on);
      return { ti, req, on };
    }),
  );
  if (rules.length === 0) return;
  for (let changed = true; changed;) {
    changed = false;
    for (const { ti, req, on } of rules) {
      const rows = tables[ti]!.rows;
      const ri = byId.get(req.table);
      // the keys of the required rows that are hidden (rows outside `where` are not required)
      const hiddenKeys = new Set<string>();
      if (ri !== undefined) {
        const where = Object.entries(req.where ?? {});
        tables[ri]!.rows.forEach((q, i) => {
          if (!hidden[offset[ri]! + i]) return;
          if (!where.every(([c, vs]) => vs.some((v) => keyOf(v) === keyOf(q[c])))) return;
          hiddenKeys.add(on.map(([, theirs]) => keyOf(q[theirs])).join('|'));
        });
      }
      rows.forEach((r, i) => {
        const row = offset[ti]! + i;
        if (hidden[row]) return;
        if (ri !== undefined && !hiddenKeys.has(on.map(([mine]) => keyOf(r[mine])).join('|'))) return;
        hidden[row] = 'secondary';
        changed = true;
      });
    }
  }
}

/**
 * Hide every row that prints a figure within a total (Link.parts.persons) where the total minus the
 * figure is 1 … threshold − 1 persons. Run after the protection, like applyRequires: it only hides more.
 */
function hidePrintedWithin(
  tables: TableInput[],
  offset: number[],
  links: Link[],
  persons: number[],
  hidden: (Hidden | null)[],
  small: (p: number) => boolean,
): void {
  for (const link of links) {
    const column = link.parts.persons;
    if (!link.nested || column === undefined) continue;
    const ti = tables.findIndex((t) => t.id === link.parts.table);
    for (const { totals, parts } of linkMatches(tables, offset, [link])) {
      const whole = totals.reduce((sum, w) => sum + persons[w]!, 0);
      for (const part of parts) {
        const figure = toNumber(tables[ti]!.rows[part - offset[ti]!]![column]);
        if (!hidden[part] && figure > 0 && small(whole - figure)) hidden[part] = 'secondary';
      }
    }
  }
}

/**
 * Hide every row printing a figure of a loose link (Link.loose) that equals the persons of a hidden row it
 * may be, or lies 1 … threshold − 1 persons from a shown figure it may be nested with; again until nothing
 * changes (a figure hidden here is no longer shown, and one equal to it is then hidden too). Run after the
 * protection, like applyRequires: it only hides more.
 */
function hideLooseFigures(
  tables: TableInput[],
  offset: number[],
  links: Link[],
  sums: Group[],
  persons: number[],
  hidden: (Hidden | null)[],
  threshold: number,
): void {
  const loose = links.filter((l) => l.loose && l.parts.persons !== undefined);
  if (loose.length === 0) return;
  const tableOf = (row: number) => {
    let ti = offset.length - 1;
    while (ti > 0 && offset[ti]! > row) ti--;
    return ti;
  };
  const rowOf = (row: number) => tables[tableOf(row)]!.rows[row - offset[tableOf(row)]!]!;
  const counts = (row: number) => [tables[tableOf(row)]!.persons].flat().map((c) => toNumber(rowOf(row)[c]));
  // each link's units, with the sums among its total rows that have no total row (known elsewhere: a
  // service's users over the quadrants) as one more shown figure
  const matches = loose.map((link) => ({
    link,
    units: linkMatches(tables, offset, [link]).map(({ totals, parts }) => {
      const mine = new Set(totals);
      const known =
        link.loose === 'near'
          ? sums
              .filter((g) => g.members.every((x) => x.coef === 1 && mine.has(x.row)))
              .map((g) => g.members.reduce((s, x) => s + persons[x.row]!, 0))
          : [];
      return { totals, parts, known };
    }),
  }));
  for (let changed = true; changed;) {
    changed = false;
    for (const { link, units } of matches)
      for (const { totals, parts, known } of units) {
        const near = link.loose === 'near';
        for (const part of parts) {
          if (hidden[part]) continue;
          const r = rowOf(part);
          const n = toNumber(r[link.parts.persons!]);
          if (n <= 0) continue;
          // a row of the part's own table counts only where it is another group's (`apart`)
          const rows = totals.filter(
            (t) =>
              tableOf(t) !== tableOf(part) ||
              (link.apart ?? []).some((c) => keyOf(rowOf(t)[c]) !== keyOf(r[c])),
          );
          const figures = [
            ...rows.flatMap((t) => counts(t).map((m) => ({ m, shown: !hidden[t] }))),
            ...known.map((m) => ({ m, shown: true })),
          ];
          const hit = figures.some(
            ({ m, shown }) => m > 0 && (shown ? near && m !== n && Math.abs(m - n) < threshold : m === n),
          );
          if (hit) {
            hidden[part] = 'secondary';
            changed = true;
          }
        }
      }
  }
}

/** The sums a list of links makes across tables (rows indexed with the tables' offsets); nested and loose links aside. */
function linkGroups(tables: TableInput[], offset: number[], links: Link[]): Group[] {
  // each link's sums in the order of their total rows
  return links
    .filter((l) => !l.nested && !l.loose)
    .flatMap((link) =>
      linkMatches(tables, offset, [link])
        .flatMap(({ totals, parts }) => totals.map((total) => ({ total, parts })))
        .sort((x, y) => x.total - y.total),
    )
    .map(({ total, parts }) => ({
      members: [...parts.map((row) => ({ row, coef: 1 as const })), { row: total, coef: -1 as const }],
    }));
}

/**
 * Each part of a nested link with the rows whose sum it is drawn from (see Link.nested), or, where the
 * link's total is a persons column printed beside the part (Link.total.persons), that known number.
 */
function linkNests(
  tables: TableInput[],
  offset: number[],
  links: Link[],
): { part: number; wholes: number[]; known?: number }[] {
  return links
    .filter((l) => l.nested && l.parts.persons === undefined)
    .flatMap((link) => {
      const column = link.total.persons;
      const matches = linkMatches(tables, offset, [link]);
      if (column === undefined)
        return matches.flatMap(({ totals, parts }) =>
          parts.filter((p) => !totals.includes(p)).map((part) => ({ part, wholes: totals })),
        );
      const ti = tables.findIndex((t) => t.id === link.total.table);
      // the figure is the same on every total row that prints it: the part's own row where it is one
      const known = (row: number) => toNumber(tables[ti]!.rows[row - offset[ti]!]![column]);
      return matches.flatMap(({ totals, parts }) =>
        parts.map((part) => ({ part, wholes: [], known: known(totals.includes(part) ? part : totals[0]!) })),
      );
    });
}

/** The rows of a link's total that agree on `on`, with the rows of its parts that agree with them. */
function linkMatches(
  tables: TableInput[],
  offset: number[],
  links: Link[],
): { totals: number[]; parts: number[] }[] {
  const out: { totals: number[]; parts: number[] }[] = [];
  const pick = (side: Link['total']) => {
    const ti = tables.findIndex((t) => t.id === side.table);
    if (ti < 0) return [];
    const where = Object.entries(side.where ?? {});
    return tables[ti]!.rows.flatMap((r, i) =>
      where.every(([c, vs]) => vs.some((v) => keyOf(v) === keyOf(r[c]))) ? [{ r, row: offset[ti]! + i }] : [],
    );
  };
  for (const link of links) {
    const byKey = new Map<string, { totals: number[]; parts: number[] }>();
    const entry = (r: Record<string, Value>) => {
      const k = link.on.map((c) => keyOf(r[c])).join('|');
      let e = byKey.get(k);
      if (!e) byKey.set(k, (e = { totals: [], parts: [] }));
      return e;
    };
    // the totals first: the sums come in the order of their first total row
    for (const t of pick(link.total)) entry(t.r).totals.push(t.row);
    for (const p of pick(link.parts)) entry(p.r).parts.push(p.row);
    for (const e of byKey.values()) if (e.totals.length > 0 && e.parts.length > 0) out.push(e);
  }
  return out;
}

/** One ranking of persons: its size and, per published row, the cut point (persons below it). */
interface Ranking {
  size: number;
  rows: { row: number; cut: number; whole: boolean; all: boolean; side: Side; amount?: boolean }[];
}

function buildRankings(tables: TableInput[], offset: number[]): Ranking[] {
  const byKey = new Map<string, { row: number; side: Side; k: number; amount?: boolean }[]>();
  tables.forEach((t, ti) => {
    for (const spec of [t.ranked ?? []].flat())
      t.rows.forEach((r, i) => {
        const side =
          typeof spec.side === 'string'
            ? spec.side
            : typeof spec.side === 'function'
              ? spec.side(r)
              : spec.side.values[String(r[spec.side.column])];
        if (!side) return;
        const key = [spec.name, ...spec.by.map((c) => keyOf(r[c]))].join('|');
        const list = byKey.get(key) ?? [];
        list.push({ row: offset[ti]! + i, side, k: toNumber(r[spec.persons]), amount: spec.amount });
        byKey.set(key, list);
      });
  });
  const out: Ranking[] = [];
  for (const list of byKey.values()) {
    // the ranking's size: an 'all' row gives it; else the largest cheapest-side k (the last Lorenz point)
    const all = list.find((x) => x.side === 'all');
    const size = all ? all.k : Math.max(0, ...list.map((x) => x.k));
    out.push({
      size,
      rows: list.map((x) => {
        const cut = x.side === 'dearest' ? size - x.k : x.side === 'all' ? size : x.k;
        return {
          row: x.row,
          cut,
          whole: cut === size,
          all: x.side === 'all',
          side: x.side,
          amount: x.amount,
        };
      }),
    });
  }
  return out;
}

/**
 * Keep the published cut points of a ranking ≥ threshold persons apart (0 and the whole count as
 * published while the whole is): any two published cumulative figures subtract to the persons between.
 * When the whole is hidden, every cut is hidden, since a cheapest and a dearest row would add up to it.
 */
function protectRanking(r: Ranking, hidden: (Hidden | null)[], threshold: number): boolean {
  let changed = false;
  const hide = (cut: number) => {
    for (const x of r.rows)
      if (x.cut === cut && x.cut !== 0 && hidden[x.row] === null) {
        hidden[x.row] = 'secondary';
        changed = true;
      }
  };
  // the whole is hidden when its own row is (a cheapest-side row at the end may be hidden for its step)
  const ends = r.rows.filter((x) => x.whole);
  const wholeHidden = r.rows.some((x) => x.all)
    ? r.rows.some((x) => x.all && hidden[x.row] !== null)
    : ends.length > 0 && ends.every((x) => hidden[x.row] !== null);
  if (wholeHidden) {
    // the dearest k are the whole minus the cheapest n − k: with the whole hidden only cheapest-side
    // cut points may stay, kept apart from each other (the whole is not one of them)
    for (const x of r.rows)
      if ((x.whole || x.side !== 'cheapest') && hidden[x.row] === null) {
        hidden[x.row] = 'secondary';
        changed = true;
      }
  }
  const cuts = [
    ...new Set([
      0,
      ...(wholeHidden ? [] : [r.size]),
      ...r.rows.filter((x) => hidden[x.row] === null).map((x) => x.cut),
    ]),
  ].sort((a, b) => a - b);
  for (let i = 1; i < cuts.length; i++) {
    const gap = cuts[i]! - cuts[i - 1]!;
    if (gap > 0 && gap < threshold) {
      hide(cuts[i] === r.size ? cuts[i - 1]! : cuts[i]!);
      if (changed) return true;
    }
  }
  return changed;
}

/**
 * What a row's persons are known to be drawn from, for the audit of rank cuts: its period and municipality
 * (when the table has them) and an age range (a key column `grp` or `age_group` holding a band such as
 * "18-64" or "65+", or the columns `age_from`/`age_to`; otherwise any age), and its counts of persons.
 */
interface Scope {
  period?: string;
  municipality?: string;
  lo: number;
  hi: number;
  counts: number[];
  /** the amount the row sums (`cost_minor`, else its first money column that is no threshold) */
  money: number | null;
  /** tables tied by a link or a shared ranking sum the same amount (the same measure of cost) */
  measure: number;
}

function rowScopes(tables: TableInput[], links: Link[]): Scope[] {
  // measure classes: union of tables tied by a link or ranking the same persons by the same name
  const parent = tables.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const join = (a: number, b: number) => {
    if (a >= 0 && b >= 0) parent[find(a)] = find(b);
  };
  const index = (id: string) => tables.findIndex((t) => t.id === id);
  // (a link of a persons column ties persons, not amounts)
  for (const l of links)
    if (l.total.persons === undefined && l.parts.persons === undefined)
      join(index(l.total.table), index(l.parts.table));
  const byName = new Map<string, number>();
  tables.forEach((t, i) => {
    for (const spec of [t.ranked ?? []].flat()) {
      join(i, byName.get(spec.name) ?? i);
      byName.set(spec.name, i);
    }
  });
  const out: Scope[] = [];
  for (const [ti, t] of tables.entries()) {
    const keys = new Set(t.columns.filter((c) => c.kind === 'key').map((c) => c.name));
    const personColumns = Array.isArray(t.persons) ? t.persons : [t.persons];
    const band = ['grp', 'age_group'].find((c) => keys.has(c));
    const money = (
      t.columns.find((c) => c.name === 'cost_minor') ??
      t.columns.find((c) => c.kind === 'money' && !c.name.includes('threshold'))
    )?.name;
    for (const r of t.rows) {
      let [lo, hi] = [0, Number.POSITIVE_INFINITY];
      const m = band ? /^(\d+)\s*(?:-\s*(\d+)|\+)$/.exec(String(r[band] ?? '').trim()) : null;
      if (m) [lo, hi] = [Number(m[1]), m[2] === undefined ? Number.POSITIVE_INFINITY : Number(m[2])];
      else if (!band && r.age_from !== undefined && r.age_from !== null) {
        lo = toNumber(r.age_from);
        hi = r.age_to === null || r.age_to === undefined ? Number.POSITIVE_INFINITY : toNumber(r.age_to);
      }
      out.push({
        period: keys.has('period') ? keyOf(r.period) : undefined,
        municipality: keys.has('municipality') ? keyOf(r.municipality) : undefined,
        lo,
        hi,
        counts: personColumns.map((c) => toNumber(r[c])).filter((p) => p > 0),
        money: money === undefined || r[money] === null || r[money] === undefined ? null : toNumber(r[money]),
        measure: find(ti),
      });
    }
  }
  return out;
}

/**
 * Publish-time audit of rank cuts against every other published figure: a cut (the cheapest or dearest k
 * persons of a ranking) may lie inside another published group of the same period and municipality (all
 * 5 cheapest of all persons aged 18–64), or hold it, and then their difference is a figure of |n − k|
 * persons. Which persons a cut holds is not in the tables, so wherever the two could be nested (their
 * ages overlap) and 1 ≤ |n − k| < threshold, the cut is hidden (a Lorenz point or a top share is the
 * cheapest figure to give up). Rows of the cut's own ranking are kept apart by protectRanking.
 */
function rankCutAudit(
  rankings: Ranking[],
  scopes: Scope[],
  persons: number[],
  threshold: number,
  bounds: MemberBounds,
): RankCutAudit {
  const rankingOf = new Map<number, number>();
  rankings.forEach((r, i) => r.rows.forEach((x) => rankingOf.set(x.row, i)));
  // rows by period and municipality (a table without them is compared with every row)
  const unit = (s: Scope) => `${s.period ?? '?'}|${s.municipality ?? '?'}`;
  const byUnit = new Map<string, number[]>();
  scopes.forEach((s, row) => {
    if (s.counts.length > 0 && s.money !== null) byUnit.set(unit(s), [...(byUnit.get(unit(s)) ?? []), row]);
  });
  const others = (s: Scope) =>
    s.period === undefined || s.municipality === undefined
      ? [...byUnit.values()].flat()
      : [
          ...(byUnit.get(unit(s)) ?? []),
          ...(byUnit.get(`${s.period}|?`) ?? []),
          ...(byUnit.get(`?|${s.municipality}`) ?? []),
          ...(byUnit.get('?|?') ?? []),
        ];
  // each cut with the rows that, published beside it, may differ from it by 1…threshold−1 persons: this
  // depends only on the figures, so it is worked out once; whether both are visible is asked at each check
  const near = new Map<number, number[]>();
  const cutsNear = new Map<number, number[]>();
  rankings.forEach((r, ri) => {
    for (const x of r.rows) {
      if (x.all || x.whole || x.cut === 0) continue;
      const k = persons[x.row]!;
      const s = scopes[x.row]!;
      const L = s.money;
      if (k <= 0 || L === null) continue;
      // the nearest point of the same side covering more persons: it bounds the persons just past the cut
      const next = r.rows
        .filter((y) => y.side === x.side && persons[y.row]! > k && scopes[y.row]!.money !== null)
        .map((y) => ({ k: persons[y.row]!, money: scopes[y.row]!.money! }))
        .sort((a, b) => a.k - b.k)[0];
      const rows = others(s).filter((row) => {
        if (rankingOf.get(row) === ri) return false;
        const o = scopes[row]!;
        if (o.period !== undefined && s.period !== undefined && o.period !== s.period) return false;
        if (o.municipality !== undefined && s.municipality !== undefined && o.municipality !== s.municipality)
          return false;
        if (o.hi < s.lo || s.hi < o.lo) return false;
        const inside = s.lo <= o.lo && o.hi <= s.hi;
        // the amounts prove a pair apart only where both sum the same measure
        const same = o.measure === s.measure;
        return o.counts.some(
          (n) =>
            n !== k &&
            Math.abs(n - k) < threshold &&
            (!same ||
              (nestable(x.side, k, L, next, n, o.money!, inside) &&
                !bounds.apart({ ranking: r, cut: x.row, k, L, side: x.side, row, n, M: o.money!, inside }))),
        );
      });
      if (rows.length === 0) continue;
      near.set(x.row, rows);
      for (const row of rows) cutsNear.set(row, [...(cutsNear.get(row) ?? []), x.row]);
    }
  });
  const exposed = (cut: number, hidden: (Hidden | null)[]) =>
    hidden[cut] === null && near.get(cut)!.some((row) => hidden[row] === null);
  return {
    apply(hidden) {
      let changed = false;
      for (const cut of near.keys())
        if (exposed(cut, hidden)) {
          hidden[cut] = 'secondary';
          changed = true;
        }
      return changed;
    },
    exposes(row, hidden) {
      if (near.has(row) && exposed(row, hidden)) return true;
      return (cutsNear.get(row) ?? []).some((cut) => exposed(cut, hidden));
    },
  };
}

interface RankCutAudit {
  /** hide every visible cut with a visible figure near it; true when one was hidden */
  apply(hidden: (Hidden | null)[]): boolean;
  /** whether showing `row` (now visible in `hidden`) leaves a cut exposed, as cut or as the figure near one */
  exposes(row: number, hidden: (Hidden | null)[]): boolean;
}

/**
 * Whether a cut of k persons summing L (the cheapest or dearest of a ranking of A) can be nested with a
 * group of n persons summing M, judged by the amounts alone (any false answer is proven; doubt says yes):
 * the cheapest k cost at most c_k each and the rest of A at least c_k, with L/k ≤ c_k ≤ the mean of the
 * next step; the dearest k the other way round. `inside`: the group is drawn from A's ages.
 */
function nestable(
  side: Side,
  k: number,
  L: number,
  next: { k: number; money: number } | undefined,
  n: number,
  M: number,
  inside: boolean,
): boolean {
  const slack = 1e-9 * (Math.abs(L) + Math.abs(M) + 1);
  const step = next ? (next.money - L) / (next.k - k) : null;
  if (side === 'cheapest') {
    // group ⊇ cut (and within A): its other n − k persons cost ≥ c_k ≥ L/k each
    if (n > k) return !inside || M * k >= L * n - slack * k;
    // group ⊆ cut: each of its n persons costs ≤ c_k ≤ the next step's mean
    return step === null || M <= n * step + slack;
  }
  // dearest: group ⊇ cut: its other persons cost ≤ the cut's least ≤ L/k each
  if (n > k) return !inside || M * k <= L * n + slack * k;
  // group ⊆ cut: each of its persons costs ≥ the cut's least ≥ the next step's mean
  return step === null || M >= n * step - slack;
}

function toNumber(v: Value | undefined): number {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  return 0;
}

const keyOf = (v: Value | undefined) =>
  JSON.stringify(v ?? null, (_, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x));

/** Every total row with the rows it sums: for each dimension, rows equal on all other key columns. */
export function buildGroups(table: Pick<TableInput, 'rows' | 'dimensions' | 'columns'>): Group[] {
  const dims = table.dimensions ?? [];
  const keys = table.columns.filter((c) => c.kind === 'key').map((c) => c.name);
  const groups: Group[] = [];
  for (const d of dims) {
    const others = keys.filter((k) => k !== d.column).map((column) => ({ column }));
    const byRest = new Map<string, { total: number[]; parts: number[] }>();
    table.rows.forEach((r, i) => {
      const rest = others.map((o) => keyOf(r[o.column])).join('|');
      const entry = byRest.get(rest) ?? { total: [], parts: [] };
      if (keyOf(r[d.column]) === keyOf(d.total)) entry.total.push(i);
      else entry.parts.push(i);
      byRest.set(rest, entry);
    });
    for (const { total, parts } of byRest.values()) {
      if (total.length === 0 && d.known && parts.length > 1) {
        groups.push({ members: parts.map((row) => ({ row, coef: 1 as const })) });
        continue;
      }
      if (total.length !== 1 || parts.length === 0) continue;
      groups.push({
        members: [...parts.map((row) => ({ row, coef: 1 as const })), { row: total[0]!, coef: -1 as const }],
      });
    }
  }
  return groups;
}

/**
 * True when the sum gives away something about its hidden members: one hidden member alone; hidden
 * members of one sign whose persons together are 1…threshold−1 (their sum is the total minus the
 * visible parts); or a hidden member whose value range within this sum is a single number.
 */
function pinnedInGroup(
  g: Group,
  hidden: (Hidden | null)[],
  persons: number[],
  bounds: (i: number) => [number, number],
  threshold: number,
  free: (i: number) => boolean,
): boolean {
  const h = g.members.filter((m) => hidden[m.row]);
  if (h.length === 0) return false;
  if (h.length === 1) return !free(h[0]!.row);
  if (h.every((m) => m.coef === h[0]!.coef)) {
    // persons behind the sum of the hidden members: their total where persons add up, else at least the largest
    const p = g.additive
      ? h.reduce((s, m) => s + persons[m.row]!, 0)
      : Math.max(...h.map((m) => persons[m.row]!));
    if (p > 0 && p < threshold) return true;
  }
  // ranges only bind where persons add up (by person, not by service, where a person counts in many rows)
  if (!g.additive) return false;
  // Σ_hidden coef·x = K, K from the visible members
  const K = -g.members.filter((m) => !hidden[m.row]).reduce((s, m) => s + m.coef * persons[m.row]!, 0);
  for (const j of h) {
    if (free(j.row)) continue;
    let lo = 0;
    let hi = 0;
    for (const m of h) {
      if (m === j) continue;
      const [a, b] = bounds(m.row);
      lo += m.coef === 1 ? a : -b;
      hi += m.coef === 1 ? b : -a;
    }
    // coef_j·x_j = K − rest, rest ∈ [lo, hi]
    let [xlo, xhi] = j.coef === 1 ? [K - hi, K - lo] : [lo - K, hi - K];
    const [blo, bhi] = bounds(j.row);
    xlo = Math.max(xlo, blo);
    xhi = Math.min(xhi, bhi);
    if (xhi - xlo < 1) return true;
  }
  return false;
}

/**
 * Hidden rows whose value follows from the published sums alone: in the reduced row echelon form of the
 * sums over hidden rows, a pivot row with no free variable. Exact arithmetic modulo a large prime.
 */
export function determinedRows(groups: Group[], hidden: (Hidden | null)[]): number[] {
  return determinedIn(nullPrints(groups, hidden));
}

/** The hidden rows whose prints are 0: determined alone (see determinedRows). */
function determinedIn({ cols, print }: Prints): number[] {
  return cols.filter((_, j) => print[j]![0] === 0 && print[j]![1] === 0);
}

/** Each hidden row of a system of sums with its print (see nullPrints). */
type Prints = { cols: number[]; print: Print[] };

/**
 * Each hidden row's fingerprint in the null space of the published sums: its value in two vectors of it.
 * Σ over a set of hidden rows of their fingerprints is 0 exactly when the sums determine that set's total
 * (up to a chance of 1 in P² per set compared, which only hides more; with one vector, 1 in P gave false
 * sets in a system of a few thousand small rows). Reduced row echelon form modulo P; each free variable
 * gets a pseudo-random weight in each vector.
 */
function nullPrints(groups: Group[], hidden: (Hidden | null)[]): Prints {
  const cols = [...new Set(groups.flatMap((g) => g.members.filter((m) => hidden[m.row]).map((m) => m.row)))];
  if (cols.length === 0) return { cols, print: [] };
  const index = new Map(cols.map((c, i) => [c, i]));
  // sparse rows (column → non-zero value), in the order of the sums; the elimination below picks the
  // same pivots as a dense one would (the first row at or after `rank` with a non-zero in the column)
  const rows: Map<number, number>[] = [];
  for (const g of groups) {
    const row = new Map<number, number>();
    for (const m of g.members) if (hidden[m.row]) row.set(index.get(m.row)!, mod(m.coef));
    for (const [k, x] of row) if (x === 0) row.delete(k);
    if (row.size > 0) rows.push(row);
  }
  const order = rows.map((_, i) => i); // position → row
  const posOf = rows.map((_, i) => i); // row → position
  const inColumn = columnHolders(rows);
  const pivots: number[] = [];
  const pivotRow: number[] = [];
  let rank = 0;
  for (let c = 0; c < cols.length && rank < rows.length; c++) {
    let pr = -1;
    for (const i of inColumn.get(c) ?? [])
      if (posOf[i]! >= rank && (pr < 0 || posOf[i]! < posOf[pr]!)) pr = i;
    if (pr < 0) continue;
    const other = order[rank]!;
    [order[rank], order[posOf[pr]!]] = [pr, other];
    [posOf[other], posOf[pr]] = [posOf[pr]!, rank];
    const pivot = rows[pr]!;
    const inv = inverse(pivot.get(c)!);
    for (const [k, x] of pivot) pivot.set(k, mod(x * inv));
    for (const i of [...inColumn.get(c)!])
      if (i !== pr) subtractRow(rows, i, pivot, rows[i]!.get(c)!, inColumn);
    pivots.push(c);
    pivotRow.push(pr);
    rank++;
  }
  // null space: free x_f = weight w_f, pivot x_p = −Σ_f A[p][f]·w_f; a row's print is its value there
  const pivotSet = new Set(pivots);
  const print = cols.map((): Print => [0, 0]);
  for (const [s, seed] of [0x9e3779b9, 0x7f4a7c15].entries()) {
    const weight = cols.map((_, c) => (pivotSet.has(c) ? 0 : 1 + (mix(c ^ seed) % (P - 1))));
    cols.forEach((_, c) => (print[c]![s] = weight[c]!));
    pivots.forEach((c, r) => {
      let v = 0;
      for (const [k, x] of rows[pivotRow[r]!]!)
        if (x !== 0 && !pivotSet.has(k)) v = mod(v - mulmod(x, weight[k]!));
      print[c]![s] = v;
    });
  }
  return { cols, print };
}

/**
 * A free variable's weight: a 32-bit mix of its column (murmur3's finaliser). An affine weight (a·c + b)
 * let prints of rows cancel whenever their columns did (c1 + c2 = c3 + c4), in every vector alike.
 */
function mix(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
/** A row's values in two vectors of the null space (see nullPrints). */
type Print = [number, number];
/** A print as one number (< P², exact in a double), for a map key. */
const printKey = (x: Print) => x[0] * P + x[1];

/** a·b mod P without losing precision (a, b < P < 2^26). */
function mulmod(a: number, b: number): number {
  return mod(a * b);
}

/**
 * Sets of 2…threshold−1 small hidden rows (persons 1…threshold−1 together) whose total the published sums
 * determine, e.g. two small age groups outside a published age range: the whole minus the range.
 */
export function smallSetsDetermined(
  groups: Group[],
  hidden: (Hidden | null)[],
  persons: number[],
  threshold: number,
  skip: Set<string> = new Set(),
): number[] | null {
  return smallSetsIn(nullPrints(groups, hidden), hidden, persons, threshold, skip);
}

/** smallSetsDetermined on the prints of a system already worked out. */
function smallSetsIn(
  { cols, print }: Prints,
  hidden: (Hidden | null)[],
  persons: number[],
  threshold: number,
  skip: Set<string>,
): number[] | null {
  const found = (rows: number[]) => !skip.has(setKey(rows));
  const cand = cols
    .map((row, j) => ({ row, p: persons[row]!, h: print[j]! }))
    // (a row determined alone is no part of a set: determinedRows names it)
    .filter((x) => hidden[x.row] === 'small' && x.p > 0 && x.p < threshold - 1 && printKey(x.h) !== 0);
  const byPrint = new Map<number, typeof cand>();
  for (const x of cand) byPrint.set(printKey(x.h), [...(byPrint.get(printKey(x.h)) ?? []), x]);
  const pairs = new Map<number, { neg: number; list: [number, number][] }>();
  for (let a = 0; a < cand.length; a++)
    for (let b = a + 1; b < cand.length; b++) {
      const x = cand[a]!;
      const y = cand[b]!;
      const p = x.p + y.p;
      if (p >= threshold) continue;
      const s0 = x.h[0] + y.h[0] >= P ? x.h[0] + y.h[0] - P : x.h[0] + y.h[0];
      const s1 = x.h[1] + y.h[1] >= P ? x.h[1] + y.h[1] - P : x.h[1] + y.h[1];
      if (s0 === 0 && s1 === 0 && found([x.row, y.row])) return [x.row, y.row];
      // a third row completing the pair to 0
      const neg = (s0 === 0 ? 0 : P - s0) * P + (s1 === 0 ? 0 : P - s1);
      const third = byPrint
        .get(neg)
        ?.find((z) => z !== x && z !== y && p + z.p < threshold && found([x.row, y.row, z.row]));
      if (third) return [x.row, y.row, third.row];
      // kept for four rows only where another pair (≥ 2 persons) can join it
      if (p + 2 >= threshold) continue;
      const key = s0 * P + s1;
      const entry = pairs.get(key);
      if (entry) entry.list.push([a, b]);
      else pairs.set(key, { neg, list: [[a, b]] });
    }
  // four rows: two pairs whose prints cancel
  for (const { neg, list } of pairs.values())
    for (const [a, b] of list)
      for (const [c, d] of pairs.get(neg)?.list ?? []) {
        if (new Set([a, b, c, d]).size < 4) continue;
        const rows = [a, b, c, d].map((i) => cand[i]!);
        if (rows.reduce((s, x) => s + x.p, 0) < threshold && found(rows.map((x) => x.row)))
          return rows.map((x) => x.row);
      }
  return null;
}

/** A set of rows as a key, in any order. */
const setKey = (rows: number[]) => [...rows].sort((a, b) => a - b).join(',');

/** The sums without those that only say two hidden rows repeat each other (the repeats free to differ). */
function untied(groups: Group[], hidden: (Hidden | null)[]): Group[] {
  return groups.filter((g) => !isEquality(g) || g.members.some((m) => !hidden[m.row]));
}

/**
 * The text shown in place of a hidden value: "< 5" only in a column that counts persons (kind `count`) of a
 * small row; "x" everywhere else, so a hidden amount or share never reads as "less than 5 kroner".
 */
export function hiddenText(h: Hidden, threshold: number, kind?: string): string {
  return h === 'small' && kind === 'count' ? `< ${threshold}` : 'x';
}
