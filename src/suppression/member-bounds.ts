/**
 * Per-person bounds for the audit of rank cuts (rankCutAudit in ./index.ts). A table may declare that
 * every person counted in a row has an amount within the row's published limits (a cost interval: each
 * of its persons costs at least `lower_minor` and less than `upper_minor`). Such rows say two things:
 *
 * - of the row itself: none of its persons costs `upper` or more, none less than `lower`;
 * - of a ranking of the same persons: counted over age bands that make up the ranking's ages, they bound
 *   c_k, the amount of the k-th person of a cut. When at least k of the ranking's persons cost ≥ X, the
 *   k-th dearest costs ≥ X; when at least k cost < Y, the k-th cheapest costs < Y (and the other sides
 *   with A − k + 1, A the ranking's size).
 *
 * Together they prove a cut and another group apart (neither holds the other): a group whose every person
 * costs less than c_k has none of the dearest k. Only proven answers come from here; doubt says "may be
 * nested". docs/suppression.md, "Rank cuts nested in another group".
 */
import type { Value } from '../engine/engine.js';

/** The columns holding each counted person's least amount (inclusive) and upper limit (exclusive); null: none. */
export interface Members {
  lower?: string;
  upper?: string;
}

/** Which end of a ranking a cut covers (as Side in ./index.ts). */
type CutSide = 'cheapest' | 'dearest' | 'all';

/** What the audit knows of a row: its unit, ages, measure, persons and amount (Scope in ./index.ts). */
export interface BoundScope {
  period?: string;
  municipality?: string;
  lo: number;
  hi: number;
  money: number | null;
  measure: number;
}

/** A ranking as the audit holds it: its size and rows (Ranking in ./index.ts). */
export interface BoundRanking {
  size: number;
  rows: { row: number; all: boolean; whole: boolean; side: CutSide; amount?: boolean }[];
}

/** A cut of a ranking and another published group, both with their persons and amounts. */
export interface Pair {
  ranking: BoundRanking;
  /** the cut's row, its persons k and amount L */
  cut: number;
  k: number;
  L: number;
  side: CutSide;
  /** the group's row, its persons n and amount M */
  row: number;
  n: number;
  M: number;
  /** the group is drawn from the ranking's ages (its persons are persons of the ranking) */
  inside: boolean;
}

export interface MemberBounds {
  /** true when the per-person bounds prove the cut and the group not nested (either way); doubt: false */
  apart(pair: Pair): boolean;
}

/** A row with declared per-person bounds: [lo, hi) and its persons and amount. */
interface Cell {
  lo: number;
  hi: number;
  n: number;
  money: number;
}

/** The rows of one table, period, municipality and age band that declare bounds. */
interface Band {
  table: number;
  scope: BoundScope;
  cells: Cell[];
  /** the cells' ranges do not overlap, so their persons are distinct */
  disjoint: boolean;
}

/** A row's per-person bounds [lo, hi) and the table that declares them (whose amounts they bound). */
interface Range {
  lo: number;
  hi: number;
  table: number;
}

const INF = Number.POSITIVE_INFINITY;

/** What ties rows' persons to each other: see memberBounds. */
export interface Ties {
  /** the rankings (a cut's persons lie between its least and its most) */
  rankings: BoundRanking[];
  /** parts drawn from wholes (nested links): a part's persons are some of theirs */
  drawn: { part: number; wholes: number[] }[];
  /** sums (Σ parts = total, coefficients +1 and −1): a part's persons are some of the total's */
  sums: { members: { row: number; coef: 1 | -1 }[] }[];
}

/**
 * Read the declared bounds of every row (`members` of each table; rows indexed with the tables' offsets),
 * and carry them along the ties: a cut of a ranking whose persons the bounded rows count lies between
 * the bounds of its least and its most; a part of a sum or a nested link within its total's bounds; a
 * total within the hull of its parts' where the parts are distinct persons that add up to it.
 * @example memberBounds(tables, offset, scopes, persons, ties).apart({ ranking, cut, k, L, side, row, n, M, inside })
 */
export function memberBounds(
  tables: { members?: Members; rows: Record<string, Value>[]; persons: string | string[] }[],
  offset: number[],
  scopes: BoundScope[],
  persons: number[],
  ties: Ties = { rankings: [], drawn: [], sums: [] },
): MemberBounds {
  const range = new Map<number, Range>();
  const tableOf: number[] = [];
  const bands = new Map<string, Band>();
  tables.forEach((t, ti) => {
    t.rows.forEach((_, i) => (tableOf[offset[ti]! + i] = ti));
    const m = t.members;
    // one persons column: the bounds hold for the persons it counts
    if (!m || (Array.isArray(t.persons) && t.persons.length !== 1)) return;
    t.rows.forEach((r, i) => {
      const row = offset[ti]! + i;
      const lo = limit(m.lower === undefined ? null : r[m.lower]) ?? -INF;
      const hi = limit(m.upper === undefined ? null : r[m.upper]) ?? INF;
      const s = scopes[row]!;
      if ((lo === -INF && hi === INF) || s.money === null || !(lo < hi)) return;
      range.set(row, { lo, hi, table: ti });
      const key = [ti, s.period, s.municipality, s.lo, s.hi].join('|');
      const band = bands.get(key) ?? { table: ti, scope: s, cells: [], disjoint: true };
      band.cells.push({ lo, hi, n: persons[row]!, money: s.money });
      bands.set(key, band);
    });
  });
  for (const b of bands.values()) {
    b.cells.sort((x, y) => x.lo - y.lo || x.hi - y.hi);
    b.disjoint = b.cells.every((c, i) => i === 0 || b.cells[i - 1]!.hi <= c.lo);
  }
  // per ranking: the table and cells of bands making up exactly its persons (null: none found)
  const cellsOf = new Map<BoundRanking, { table: number; cells: Cell[] } | null>();
  const cover = (r: BoundRanking, cut: number) => {
    if (cellsOf.has(r)) return cellsOf.get(r)!;
    const whole = r.rows.find((y) => y.all) ?? r.rows.find((y) => y.whole);
    const s = scopes[cut]!;
    const w = whole ? scopes[whole.row]! : undefined;
    let found: { table: number; cells: Cell[] } | null = null;
    if (w && w.money !== null && s.period !== undefined && s.municipality !== undefined) {
      const candidates = [...bands.values()].filter(
        (b) =>
          b.disjoint &&
          b.scope.period === s.period &&
          b.scope.municipality === s.municipality &&
          b.scope.measure === s.measure &&
          s.lo <= b.scope.lo &&
          b.scope.hi <= s.hi,
      );
      found = chain(candidates, s.lo, s.hi, r.size, w.money);
    }
    cellsOf.set(r, found);
    return found;
  };

  // each cut's persons: from the least's bounds to the most's (dearest: c_k … c_1; cheapest: c_1 … c_k)
  for (const r of ties.rankings)
    for (const y of r.rows) {
      const k = persons[y.row]!;
      if (!y.amount || y.side === 'all' || range.has(y.row) || k < 1 || k > r.size) continue;
      const found = cover(r, y.row);
      if (!found) continue;
      const [Xk, Yk] = rankRange(found.cells, r.size, y.side, k);
      const [X1, Y1] = rankRange(found.cells, r.size, y.side, 1);
      const [lo, hi] = y.side === 'dearest' ? [Xk, Y1] : [X1, Yk];
      if (lo !== -INF || hi !== INF) range.set(y.row, { lo, hi, table: found.table });
    }
  carry(range, ties, scopes, persons);

  return {
    apart({ ranking, cut, k, L, side, row, n, M, inside }) {
      const spec = ranking.rows.find((y) => y.row === cut);
      const A = ranking.size;
      if (side === 'all' || !spec?.amount || n === k || k < 1 || k > A) return false;
      const found = cover(ranking, cut);
      if (!found) return false;
      const { table, cells } = found;
      // the cut's persons cost from its least (`low`, c_k dearest, c_1 cheapest) to its most (`high`)
      const [Xk, Yk] = rankRange(cells, A, side, k);
      const [X1, Y1] = rankRange(cells, A, side, 1);
      const [Xlow, Ylow, Xhigh, Yhigh] = side === 'dearest' ? [Xk, Yk, X1, Y1] : [X1, Y1, Xk, Yk];
      // bounds declared by the table whose cells bound the ranking (their totals are the ranking's)
      const r = range.get(row);
      const { lo, hi } = r && r.table === table ? r : { lo: -INF, hi: INF };
      // the row's amount is that measure's where it is that table's
      const own = tableOf[row] === table;
      if (n < k) {
        // inside the cut: every person of the group costs from low to high
        if (hi <= Xlow || lo >= Yhigh) return true;
        return own && (lessThan(M, n, Xlow, 0) || (Yhigh < INF && !lessThan(M, n, Yhigh, 0)));
      }
      // holding the cut: the group has a person costing low and one costing high
      if (hi <= Xhigh || lo >= Ylow) return true;
      if (!own || !inside) return false;
      // …and its other n − k persons are of the ranking, outside the cut: ≤ c_k (dearest), ≥ c_k (cheapest)
      return side === 'dearest' ? Ylow < INF && !lessThan(M, n - k, Ylow, L) : lessThan(M, n - k, Xhigh, L);
    },
  };
}

/**
 * [X, Y) with X ≤ c_j < Y, c_j the amount of the j-th person from the cut's end of a ranking of A persons,
 * from cells of distinct persons of the ranking: c_j ≥ X where enough of them cost ≥ X (j from the dear
 * end, A − j + 1 from the cheap end), c_j < Y where enough cost < Y (the other way round).
 */
function rankRange(cells: Cell[], A: number, side: 'cheapest' | 'dearest', j: number): [number, number] {
  const above = side === 'dearest' ? j : A - j + 1;
  const below = side === 'dearest' ? A - j + 1 : j;
  let X = -INF;
  for (const v of new Set(cells.map((c) => c.lo)))
    if (v > X && cells.reduce((sum, c) => sum + (c.lo >= v ? c.n : 0), 0) >= above) X = v;
  let Y = INF;
  for (const v of new Set(cells.map((c) => c.hi)))
    if (v < Y && cells.reduce((sum, c) => sum + (c.hi <= v ? c.n : 0), 0) >= below) Y = v;
  return [X, Y];
}

/**
 * Carry bounds along the ties until nothing changes (a few rounds: each follows one tie further). A part
 * within its total: the intersection. A total within its parts' hull where the parts are pairwise
 * distinct persons (ages or bounds apart) whose persons add up to the total's. Bounds of one table only.
 */
function carry(range: Map<number, Range>, ties: Ties, scopes: BoundScope[], persons: number[]): void {
  const narrow = (row: number, by: Range): boolean => {
    if (row >= scopes.length) return false;
    const old = range.get(row);
    if (old && old.table !== by.table) return false;
    const lo = Math.max(old?.lo ?? -INF, by.lo);
    const hi = Math.min(old?.hi ?? INF, by.hi);
    if (old && old.lo === lo && old.hi === hi) return false;
    range.set(row, { lo, hi, table: by.table });
    return true;
  };
  const hull = (rows: number[]): Range | null => {
    const rs = rows.map((w) => range.get(w));
    if (rs.length === 0 || rs.some((x) => !x || x.table !== rs[0]!.table)) return null;
    return {
      lo: Math.min(...rs.map((x) => x!.lo)),
      hi: Math.max(...rs.map((x) => x!.hi)),
      table: rs[0]!.table,
    };
  };
  const distinct = (a: number, b: number) => {
    const [sa, sb] = [scopes[a]!, scopes[b]!];
    const [ra, rb] = [range.get(a)!, range.get(b)!];
    return sa.hi < sb.lo || sb.hi < sa.lo || ra.hi <= rb.lo || rb.hi <= ra.lo;
  };
  for (let round = 0; round < 8; round++) {
    let changed = false;
    for (const { part, wholes } of ties.drawn) {
      const h = hull(wholes);
      if (h && narrow(part, h)) changed = true;
    }
    for (const g of ties.sums) {
      const totals = g.members.filter((m) => m.coef === -1).map((m) => m.row);
      const parts = g.members.filter((m) => m.coef === 1).map((m) => m.row);
      if (totals.length !== 1 || parts.length === 0) continue;
      const total = totals[0]!;
      const t = range.get(total);
      if (t) for (const p of parts) if (narrow(p, t)) changed = true;
      const h = hull(parts);
      const adds = parts.reduce((sum, p) => sum + persons[p]!, 0) === persons[total];
      if (
        h &&
        adds &&
        parts.every((a, i) => parts.slice(i + 1).every((b) => distinct(a, b))) &&
        narrow(total, h)
      )
        changed = true;
    }
    if (!changed) break;
  }
}

/** A bound's value in minor units, or null for none. */
function limit(v: Value | undefined): number | null {
  if (v === null || v === undefined) return null;
  const x = typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : Number(String(v));
  return Number.isFinite(x) ? x : null;
}

/** M < base + count·x, exactly (integers in minor units); false where x is −∞ or +∞ would decide nothing. */
function lessThan(M: number, count: number, x: number, base: number): boolean {
  if (x === -INF) return false;
  if (x === INF) return count > 0;
  if (![M, x, base].every(Number.isInteger)) return M < base + count * x;
  return BigInt(M) < BigInt(base) + BigInt(count) * BigInt(x);
}

/**
 * Bands (one table's, disjoint in ages) whose ages run from `from` to `to` without gap or overlap and
 * whose cells hold exactly the ranking's persons and amount (A and its whole's amount): their cells.
 */
function chain(
  bands: Band[],
  from: number,
  to: number,
  A: number,
  money: number,
): { table: number; cells: Cell[] } | null {
  const tables = [...new Set(bands.map((b) => b.table))];
  for (const t of tables) {
    const mine = bands.filter((b) => b.table === t);
    const walk = (start: number, taken: Band[]): { table: number; cells: Cell[] } | null => {
      for (const b of mine.filter((x) => x.scope.lo === start)) {
        const next = [...taken, b];
        if (b.scope.hi === to) {
          const cells = next.flatMap((x) => x.cells);
          if (!cells.every((c) => Number.isInteger(c.money))) continue;
          const n = cells.reduce((s, c) => s + c.n, 0);
          const m = cells.reduce((s, c) => s + BigInt(c.money), 0n);
          if (n === A && Number.isInteger(money) && m === BigInt(money)) return { table: t, cells };
        } else if (b.scope.hi < to) {
          const found = walk(b.scope.hi + 1, next);
          if (found) return found;
        }
      }
      return null;
    };
    const found = walk(from, []);
    if (found) return found;
  }
  return null;
}
