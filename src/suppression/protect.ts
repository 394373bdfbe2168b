/**
 * Choosing secondary cells by cost. When the published sums determine a small row (or the total of a
 * small set of rows), some visible rows must be hidden as well; which ones is chosen here as the cheapest
 * set that frees it, by a best-first search over sets of candidate rows with exact linear algebra as the
 * judge (docs/suppression.md, "Secondary cells by cost").
 */

/** One additivity constraint: Σ coef·row = 0 over its members (parts +1, the total −1). */
export interface Group {
  members: { row: number; coef: 1 | -1 }[];
  /** the persons of the parts add up to the total's (false where a person counts in several parts) */
  additive?: boolean;
}

// A prime below 2^26, so products of two residues stay exact in a double.
export const P = 67108859;
export const mod = (a: number) => ((a % P) + P) % P;
export function inverse(a: number): number {
  let [t, newT, r, newR] = [0, 1, P, mod(a)];
  while (newR !== 0) {
    const q = Math.floor(r / newR);
    [t, newT] = [newT, t - q * newT];
    [r, newR] = [newR, r - q * newR];
  }
  return mod(t);
}

/** A group that only says two rows are one figure (a repeat in another mart, a total of one part). */
export const isEquality = (g: Group) => g.members.length === 2 && g.members[0]!.coef !== g.members[1]!.coef;

/**
 * Rows that are the total of some sum and a part of none (an equality aside): the grand totals (all
 * persons of a municipality and period), with their repeats in other marts. Hiding one is the dearest
 * protection there is.
 */
export function grandTotals(groups: Group[], rows: number): boolean[] {
  const total = new Array<boolean>(rows).fill(false);
  const part = new Array<boolean>(rows).fill(false);
  for (const g of groups) {
    if (isEquality(g)) continue;
    for (const m of g.members) (m.coef === 1 ? part : total)[m.row] = true;
  }
  const grand = total.map((t, i) => t && !part[i]);
  // a repeat of a grand total is one too
  for (let changed = true; changed;) {
    changed = false;
    for (const g of groups) {
      if (!isEquality(g)) continue;
      const [a, b] = g.members;
      if (grand[a!.row] !== grand[b!.row]) {
        grand[a!.row] = grand[b!.row] = true;
        changed = true;
      }
    }
  }
  return grand;
}

export interface ProtectState {
  groupsOf: Map<number, Group[]>;
  hidden: readonly (string | null)[];
  persons: readonly number[];
  /** the price of hiding a row (its persons; a grand total GRAND_TOTAL more) */
  cost: (row: number) => number;
}

/** What hiding a grand total costs on top of its persons: more than any set of other rows. */
export const GRAND_TOTAL = 1e12;

/** How far the search looks around the protected row: group hops and rows, then wider once. */
const REACH = [
  { depth: 3, rows: 400 },
  { depth: 12, rows: 5000 },
];
/** Sets of candidates tried in order of cost before falling back to a cheap greedy set. */
const BUDGET = 3000;
const MAX_SET = 6;

/**
 * The cheapest set of visible rows (> 0 persons) whose hiding makes the total of `target` (hidden rows)
 * no longer follow from the published sums, as rows to hide; [] when it does not follow now. When no set
 * within reach frees it, it follows from ties between hidden rows that no hiding undoes (two hidden rows
 * said to repeat each other that add up to a known sum: often a coincidence of equal figures); then the
 * same is asked with those repeats free to differ, so that a subtraction of shown figures is still
 * protected (all persons minus an age range); null when that too finds nothing to hide.
 *
 * How: x_t1 is replaced by s − Σ x_ti, the other hidden rows near the target are eliminated (modulo P),
 * and what remains says which combinations of visible rows can move s: s is free once hidden when its
 * column lies in the span of theirs. Visible rows that repeat each other (an equality) are hidden together,
 * as one candidate. Sets are tried cheapest first; past BUDGET, a greedy set cut back to what it needs.
 */
export function cheapestProtection(target: number[], state: ProtectState): number[] | null {
  const price = (rows: number[]) => rows.reduce((sum, r) => sum + state.cost(r), 0);
  for (const relaxed of [false, true]) {
    let best: number[] | null = null;
    for (const reach of REACH) {
      const found = protectWithin(target, state, reach, relaxed);
      if (found !== null && (best === null || price(found) < price(best))) best = found;
      // a set with a grand total in it: a wider look may find one without
      if (best !== null && price(best) < GRAND_TOTAL) break;
    }
    // relaxed, [] says only ties between hidden repeats determine it: nothing to hide
    if (best !== null) return relaxed && best.length === 0 ? null : best;
  }
  return null;
}

function protectWithin(
  target: number[],
  state: ProtectState,
  reach: { depth: number; rows: number },
  relaxed: boolean,
): number[] | null {
  const { hidden, persons, cost } = state;
  const candidate = (row: number) => !hidden[row] && persons[row]! > 0;
  // relaxed: two hidden rows said to repeat each other may differ (the tie may be a coincidence)
  const groupsOf = (row: number) =>
    (state.groupsOf.get(row) ?? []).filter(
      (g) => !relaxed || !isEquality(g) || g.members.some((m) => !hidden[m.row]),
    );
  // the rows near the target (hidden or candidates), nearest first; a candidate brings its repeats
  const depthOf = new Map<number, number>(target.map((t) => [t, 0]));
  const queue = [...target];
  const add = (row: number, depth: number) => {
    if (depthOf.has(row) || depthOf.size >= reach.rows) return;
    depthOf.set(row, depth);
    queue.push(row);
  };
  for (let q = 0; q < queue.length; q++) {
    const row = queue[q]!;
    const depth = depthOf.get(row)!;
    for (const g of groupsOf(row)) {
      for (const m of g.members) {
        if (!hidden[m.row] && !candidate(m.row)) continue;
        // a repeat of a candidate comes with it, whatever the depth
        if (candidate(row) && isEquality(g)) {
          if (!depthOf.has(m.row)) {
            depthOf.set(m.row, depth);
            queue.push(m.row);
          }
        } else if (depth < reach.depth) add(m.row, depth + 1);
      }
    }
  }
  // candidates that repeat each other are one unit (union-find over equalities between candidates)
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    const p = parent.get(x) ?? x;
    if (p === x) return x;
    const root = find(p);
    parent.set(x, root);
    return root;
  };
  const groups = new Set<Group>();
  for (const row of depthOf.keys()) for (const g of groupsOf(row)) groups.add(g);
  for (const g of groups) {
    if (!isEquality(g)) continue;
    const [a, b] = g.members;
    if (depthOf.has(a!.row) && depthOf.has(b!.row) && candidate(a!.row) && candidate(b!.row))
      parent.set(find(a!.row), find(b!.row));
  }
  // columns: hidden rows to eliminate, then the target's sum s, then the units
  const targetSet = new Set(target);
  const elim = [...depthOf.keys()].filter((r) => hidden[r] && !targetSet.has(r));
  const unitOf = new Map<number, number>();
  const units: { rows: number[]; cost: number }[] = [];
  for (const r of depthOf.keys()) {
    if (!candidate(r)) continue;
    const root = find(r);
    let u = unitOf.get(root);
    if (u === undefined) {
      u = units.length;
      unitOf.set(root, u);
      units.push({ rows: [], cost: 0 });
    }
    unitOf.set(r, u);
    units[u]!.rows.push(r);
    units[u]!.cost += cost(r);
  }
  const h = elim.length + target.length - 1;
  const col = new Map<number, number>();
  elim.forEach((r, i) => col.set(r, i));
  target.slice(1).forEach((r, i) => col.set(r, elim.length + i));
  const S = h; // the column of s
  const [first, ...rest] = target;
  const rows: Map<number, number>[] = [];
  for (const g of groups) {
    const row = new Map<number, number>();
    const put = (c: number, x: number) => {
      const v = mod((row.get(c) ?? 0) + x);
      if (v === 0) row.delete(c);
      else row.set(c, v);
    };
    for (const m of g.members) {
      if (!depthOf.has(m.row)) continue; // a row out of reach stays as it is (hidden or shown): 0 here
      if (m.row === first) {
        // x_t1 = s − Σ x_ti
        put(S, m.coef);
        for (const t of rest) put(col.get(t)!, -m.coef);
      } else if (col.has(m.row)) put(col.get(m.row)!, m.coef);
      else if (unitOf.has(m.row)) put(S + 1 + unitOf.get(m.row)!, m.coef);
    }
    if (row.size > 0) rows.push(row);
  }
  // forward elimination of the hidden columns: the rows left over bind s and the units alone
  const inColumn = columnHolders(rows);
  const used = new Set<number>();
  for (let c = 0; c < h; c++) {
    const holders = [...(inColumn.get(c) ?? [])].filter((i) => !used.has(i));
    if (holders.length === 0) continue;
    const pr = holders.reduce((a, b) => (rows[a]!.size <= rows[b]!.size ? a : b));
    used.add(pr);
    const pivot = rows[pr]!;
    const inv = inverse(pivot.get(c)!);
    for (const i of holders) if (i !== pr) subtractRow(rows, i, pivot, mod(rows[i]!.get(c)! * inv), inColumn);
  }
  // the columns of s and of each unit over the rows left (sparse: row index → value)
  const b = new Map<number, number>();
  const vec = units.map(() => new Map<number, number>());
  rows.forEach((row, i) => {
    if (used.has(i)) return;
    for (const [k, x] of row) {
      if (k === S) b.set(i, x);
      else if (k > S) vec[k - S - 1]!.set(i, x);
    }
  });
  if (b.size === 0) return [];
  const useful = units
    .map((u, i) => ({ ...u, v: vec[i]! }))
    .filter((u) => u.v.size > 0)
    .sort((x, y) => x.cost - y.cost || x.rows[0]! - y.rows[0]!);
  const frees = (set: number[]) =>
    inSpan(
      b,
      set.map((i) => useful[i]!.v),
    );
  if (!frees(useful.map((_, i) => i))) return null;
  const pick = (set: number[]) => set.flatMap((i) => useful[i]!.rows);
  // best first: sets of units in order of total cost (each set's successors: append the next unit,
  // or move its last unit one on), so the first set that frees s is the cheapest
  const heap = new MinHeap<{ set: number[]; cost: number }>((x) => x.cost);
  if (useful.length > 0) heap.push({ set: [0], cost: useful[0]!.cost });
  for (let tried = 0; tried < BUDGET && heap.size > 0; tried++) {
    const { set, cost: c } = heap.pop()!;
    if (frees(set)) return pick(set);
    const last = set[set.length - 1]!;
    if (last + 1 < useful.length) {
      const next = useful[last + 1]!.cost;
      if (set.length < MAX_SET) heap.push({ set: [...set, last + 1], cost: c + next });
      heap.push({ set: [...set.slice(0, -1), last + 1], cost: c - useful[last]!.cost + next });
    }
  }
  // greedy: the cheapest units until s is free, then every one it can do without, dearest first
  const set: number[] = [];
  for (let i = 0; i < useful.length && !frees(set); i++) set.push(i);
  for (let j = set.length - 1; j >= 0; j--) {
    const without = set.filter((_, k) => k !== j);
    if (frees(without)) set.splice(j, 1);
  }
  return pick(set);
}

/** Which of the sparse rows hold each column (column → row indices). */
export function columnHolders(rows: Map<number, number>[]): Map<number, Set<number>> {
  const holders = new Map<number, Set<number>>();
  rows.forEach((row, i) => {
    for (const k of row.keys()) {
      let set = holders.get(k);
      if (!set) holders.set(k, (set = new Set()));
      set.add(i);
    }
  });
  return holders;
}

/** Row i −= f · pivot (sparse, modulo P), keeping the column holders up to date. */
export function subtractRow(
  rows: Map<number, number>[],
  i: number,
  pivot: Map<number, number>,
  f: number,
  holders: Map<number, Set<number>>,
): void {
  const row = rows[i]!;
  for (const [k, y] of pivot) {
    const v = mod((row.get(k) ?? 0) - f * y);
    if (v !== 0) {
      if (!row.has(k)) holders.get(k)!.add(i);
      row.set(k, v);
    } else if (row.delete(k)) holders.get(k)!.delete(i);
  }
}

/** Whether b lies in the span of the vectors (sparse, modulo P). */
function inSpan(b: Map<number, number>, vectors: Map<number, number>[]): boolean {
  const basis: { key: number; v: Map<number, number> }[] = [];
  const reduce = (x: Map<number, number>) => {
    const v = new Map(x);
    for (const { key, v: p } of basis) {
      const f = v.get(key);
      if (!f) continue;
      for (const [k, y] of p) {
        const z = mod((v.get(k) ?? 0) - mod(f * y));
        if (z === 0) v.delete(k);
        else v.set(k, z);
      }
    }
    return v;
  };
  for (const x of vectors) {
    const v = reduce(x);
    const first = v.keys().next();
    if (first.done) continue;
    const key = first.value;
    const inv = inverse(v.get(key)!);
    for (const [k, y] of v) v.set(k, mod(y * inv));
    basis.push({ key, v });
  }
  return reduce(b).size === 0;
}

/** A binary heap ordered by a key, smallest first. */
class MinHeap<T> {
  private items: T[] = [];
  constructor(private readonly key: (x: T) => number) {}
  get size(): number {
    return this.items.length;
  }
  push(x: T): void {
    const a = this.items;
    a.push(x);
    for (let i = a.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (this.key(a[p]!) <= this.key(a[i]!)) break;
      [a[p], a[i]] = [a[i]!, a[p]!];
      i = p;
    }
  }
  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      a[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.key(a[l]!) < this.key(a[m]!)) m = l;
        if (r < a.length && this.key(a[r]!) < this.key(a[m]!)) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}
