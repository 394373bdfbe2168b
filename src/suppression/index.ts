/**
 * Small-cell suppression: the one function every table passes before a person sees it (report, Excel,
 * API, dashboard). Rows with fewer persons than the workspace threshold are hidden ("< 5"), and further
 * rows are hidden (secondary suppression) so that no hidden row can be worked out from the totals the
 * table publishes. It runs on exact values, before any rounding. docs/report.md explains the rules.
 */
import type { Value } from '../engine/engine.js';

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
}

export interface TableInput {
  id: string;
  columns: ColumnDef[];
  rows: Record<string, Value>[];
  /** the column(s) holding the number of persons behind each row; a row is small when any of them is */
  persons: string | string[];
  /** additive dimensions: each total row equals the sum of the rows that differ from it only in that dimension */
  dimensions?: Dimension[];
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

/** One additivity constraint: Σ coef·row = 0 over its members (parts +1, the total −1). */
interface Group {
  members: { row: number; coef: 1 | -1 }[];
}

/**
 * Hide small cells and protect them. Rows with 0 < persons < threshold are hidden ("small"); zero rows
 * stay visible. Then, until nothing changes, another row is hidden in any sum whose hidden rows could be
 * pinned down: a sum with exactly one hidden row, a hidden row whose value range (small rows hold
 * 1…threshold−1, secondary rows ≥ threshold; checked where the persons add up) shrinks to one number, or a hidden row determined by the
 * whole system of published sums (linear algebra over the hidden rows).
 * @example suppress({ id: 't', columns, rows, persons: 'persons', dimensions: [{ column: 'band', total: '*' }] }, 5)
 */
export function suppress(table: TableInput, threshold: number): PublishedTable {
  if (!Number.isInteger(threshold) || threshold < 3)
    throw new Error(`suppression threshold ${threshold} below 3`);
  const n = table.rows.length;
  const personColumns = Array.isArray(table.persons) ? table.persons : [table.persons];
  const small = (p: number) => p > 0 && p < threshold;
  const persons = table.rows.map((r) => toNumber(r[personColumns[0]!]));
  const hidden: (Hidden | null)[] = table.rows.map((r) =>
    personColumns.some((c) => small(toNumber(r[c]))) ? 'small' : null,
  );
  const groups = buildGroups(table);
  const bounds = (i: number): [number, number] =>
    hidden[i] === 'small' && small(persons[i]!) ? [1, threshold - 1] : [threshold, Number.POSITIVE_INFINITY];

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

  for (let guard = 0; guard <= n; guard++) {
    let changed = false;
    for (const g of groups) {
      if (pinnedInGroup(g, hidden, persons, bounds) && hideOneMore(g)) changed = true;
    }
    if (!changed) {
      const determined = determinedRows(groups, hidden);
      for (const row of determined) {
        const g = groups.find((x) => x.members.some((m) => m.row === row) && hideOneMore(x));
        if (g) {
          changed = true;
          break;
        }
      }
    }
    if (!changed) break;
  }

  const valueColumns = table.columns.filter((c) => c.kind !== 'key' && c.kind !== 'bound').map((c) => c.name);
  return {
    id: table.id,
    columns: table.columns,
    threshold,
    persons: personColumns,
    rows: table.rows.map((r, i) => {
      const cells: Record<string, Value> = {};
      for (const c of table.columns) cells[c.name] = r[c.name] ?? null;
      if (hidden[i]) for (const c of valueColumns) cells[c] = null;
      return { cells, hidden: hidden[i]! };
    }),
  };
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
      if (total.length !== 1 || parts.length === 0) continue;
      groups.push({
        members: [...parts.map((row) => ({ row, coef: 1 as const })), { row: total[0]!, coef: -1 as const }],
      });
    }
  }
  return groups;
}

/** True when a hidden member of the sum is alone or its value range within this sum is a single number. */
function pinnedInGroup(
  g: Group,
  hidden: (Hidden | null)[],
  persons: number[],
  bounds: (i: number) => [number, number],
): boolean {
  const h = g.members.filter((m) => hidden[m.row]);
  if (h.length === 0) return false;
  if (h.length === 1) return true;
  // ranges only bind where persons add up (by person, not by service, where a person counts in many rows)
  if (g.members.reduce((sum, m) => sum + m.coef * persons[m.row]!, 0) !== 0) return false;
  // Σ_hidden coef·x = K, K from the visible members
  const K = -g.members.filter((m) => !hidden[m.row]).reduce((s, m) => s + m.coef * persons[m.row]!, 0);
  for (const j of h) {
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

// A prime below 2^26, so products of two residues stay exact in a double.
const P = 67108859;
const mod = (a: number) => ((a % P) + P) % P;
function inverse(a: number): number {
  let [t, newT, r, newR] = [0, 1, P, mod(a)];
  while (newR !== 0) {
    const q = Math.floor(r / newR);
    [t, newT] = [newT, t - q * newT];
    [r, newR] = [newR, r - q * newR];
  }
  return mod(t);
}

/**
 * Hidden rows whose value follows from the published sums alone: in the reduced row echelon form of the
 * sums over hidden rows, a pivot row with no free variable. Exact arithmetic modulo a large prime.
 */
export function determinedRows(groups: Group[], hidden: (Hidden | null)[]): number[] {
  const cols = [...new Set(groups.flatMap((g) => g.members.filter((m) => hidden[m.row]).map((m) => m.row)))];
  if (cols.length === 0) return [];
  const index = new Map(cols.map((c, i) => [c, i]));
  const matrix = groups
    .map((g) => {
      const row = new Array<number>(cols.length).fill(0);
      for (const m of g.members) if (hidden[m.row]) row[index.get(m.row)!] = mod(m.coef);
      return row;
    })
    .filter((r) => r.some((x) => x !== 0));
  const pivots: number[] = [];
  let rank = 0;
  for (let c = 0; c < cols.length && rank < matrix.length; c++) {
    const pr = matrix.findIndex((r, i) => i >= rank && r[c] !== 0);
    if (pr < 0) continue;
    [matrix[rank], matrix[pr]] = [matrix[pr]!, matrix[rank]!];
    const inv = inverse(matrix[rank]![c]!);
    matrix[rank] = matrix[rank]!.map((x) => mod(x * inv));
    for (let i = 0; i < matrix.length; i++) {
      if (i === rank || matrix[i]![c] === 0) continue;
      const f = matrix[i]![c]!;
      matrix[i] = matrix[i]!.map((x, k) => mod(x - f * matrix[rank]![k]!));
    }
    pivots.push(c);
    rank++;
  }
  const pivotSet = new Set(pivots);
  const determined: number[] = [];
  pivots.forEach((c, r) => {
    const freeUsed = matrix[r]!.some((x, k) => x !== 0 && !pivotSet.has(k));
    if (!freeUsed) determined.push(cols[c]!);
  });
  return determined;
}

/** The text shown in place of a hidden value: "< 5" for small cells, "x" for secondary ones. */
export function hiddenText(h: Hidden, threshold: number): string {
  return h === 'small' ? `< ${threshold}` : 'x';
}
