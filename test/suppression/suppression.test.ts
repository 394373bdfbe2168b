import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildGroups, suppress, type PublishedTable, type TableInput } from '../../src/suppression/index.js';

const T = 5;
const columns = [
  { name: 'band', kind: 'key' as const },
  { name: 'col', kind: 'key' as const },
  { name: 'persons', kind: 'persons' as const },
  { name: 'cost_minor', kind: 'money' as const },
];

/** A 1-D table: parts and their total row ('*'). */
function table1(values: number[]): TableInput {
  const rows = values.map((p, i) => ({
    band: `b${i}`,
    col: '-',
    persons: BigInt(p),
    cost_minor: BigInt(p * 1000 + i),
  }));
  const sum = values.reduce((a, b) => a + b, 0);
  const cost = rows.reduce((a, r) => a + (r.cost_minor as bigint), 0n);
  rows.push({ band: '*', col: '-', persons: BigInt(sum), cost_minor: cost });
  return { id: 't1', columns, rows, persons: 'persons', dimensions: [{ column: 'band', total: '*' }] };
}

/** A 2-D table with row, column and grand margins. */
function table2(grid: number[][]): TableInput {
  const rows: Record<string, bigint | string>[] = [];
  const R = grid.length;
  const C = grid[0]!.length;
  const cell = (band: string, col: string, p: number) =>
    rows.push({ band, col, persons: BigInt(p), cost_minor: BigInt(p * 997) });
  for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) cell(`r${r}`, `c${c}`, grid[r]![c]!);
  for (let r = 0; r < R; r++)
    cell(
      `r${r}`,
      '*',
      grid[r]!.reduce((a, b) => a + b, 0),
    );
  for (let c = 0; c < C; c++)
    cell(
      '*',
      `c${c}`,
      grid.reduce((a, row) => a + row[c]!, 0),
    );
  cell(
    '*',
    '*',
    grid.flat().reduce((a, b) => a + b, 0),
  );
  return {
    id: 't2',
    columns,
    rows,
    persons: 'persons',
    dimensions: [
      { column: 'band', total: '*' },
      { column: 'col', total: '*' },
    ],
  };
}

/** Rank of an integer matrix, by fraction-free elimination in BigInt (independent of the module's method). */
function rank(m: bigint[][]): number {
  const a = m.map((r) => [...r]);
  let rk = 0;
  const cols = a[0]?.length ?? 0;
  for (let c = 0; c < cols; c++) {
    const p = a.findIndex((r, i) => i >= rk && r[c] !== 0n);
    if (p < 0) continue;
    [a[rk], a[p]] = [a[p]!, a[rk]!];
    for (let i = 0; i < a.length; i++) {
      if (i === rk || a[i]![c] === 0n) continue;
      const f = a[i]![c]!;
      const g = a[rk]![c]!;
      a[i] = a[i]!.map((x, k) => x * g - f * a[rk]![k]!);
    }
    rk++;
  }
  return rk;
}

/** Hidden rows whose value the published sums determine: removing its column lowers the rank by one. */
function derivable(input: TableInput, out: PublishedTable): number[] {
  const hidden = out.rows.map((r, i) => (r.hidden ? i : -1)).filter((i) => i >= 0);
  const groups = buildGroups(input);
  const m = groups.map((g) => hidden.map((h) => BigInt(g.members.find((x) => x.row === h)?.coef ?? 0)));
  const full = rank(m);
  return hidden.filter((_, j) => rank(m.map((r) => r.filter((__, k) => k !== j))) === full - 1);
}

function checkCommon(input: TableInput, out: PublishedTable) {
  input.rows.forEach((r, i) => {
    const p = Number(r.persons);
    if (p > 0 && p < T) expect(out.rows[i]!.hidden).toBe('small');
    if (out.rows[i]!.hidden) {
      expect(out.rows[i]!.cells.persons).toBeNull();
      expect(out.rows[i]!.cells.cost_minor).toBeNull();
    } else {
      expect(out.rows[i]!.cells.persons).toBe(r.persons);
    }
  });
  // no sum publishes exactly one hidden member
  for (const g of buildGroups(input)) {
    const h = g.members.filter((m) => out.rows[m.row]!.hidden).length;
    expect(h === 0 || h >= 2).toBe(true);
  }
  // no small row is determined (a secondary row of ≥ T persons may be: it is no small figure)
  expect(derivable(input, out).filter((i) => out.rows[i]!.hidden === 'small')).toEqual([]);
}

describe('suppression', () => {
  it('hides a small cell and one complement in a 1-D table (hand-made)', () => {
    const input = table1([3, 40, 12, 25]);
    const out = suppress(input, T);
    expect(out.rows.map((r) => r.hidden)).toEqual(['small', null, 'secondary', null, null]);
    expect(out.rows[0]!.cells.band).toBe('b0');
    expect(
      JSON.stringify(out.rows, (_, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)),
    ).not.toContain('3012');
  });

  it('does not leave two small cells pinned by their total (4 + 4 of 8 would be known)', () => {
    const out = suppress(table1([4, 4, 30]), T);
    expect(out.rows.filter((r) => r.hidden).length).toBeGreaterThanOrEqual(3);
  });

  it('hides a complement large enough that 1 + 5 = 6 cannot pin the small cell', () => {
    const out = suppress(table1([1, 5, 9]), T);
    expect(out.rows[2]!.hidden).not.toBeNull();
  });

  it('does not cascade where persons do not add up (a person counts under several services)', () => {
    const input = table1([3, 40, 12, 25, 30]);
    input.rows[5]!.persons = 60n; // 60 distinct persons behind 110 person-services; cost still adds up
    const out = suppress(input, T);
    expect(out.rows.map((r) => r.hidden)).toEqual(['small', null, 'secondary', null, null, null]);
  });

  it('keeps zero rows visible and refuses a threshold below 3', () => {
    const out = suppress(table1([0, 10, 10]), T);
    expect(out.rows.every((r) => r.hidden === null)).toBe(true);
    expect(() => suppress(table1([1]), 2)).toThrow();
  });

  it('1-D property: no hidden value follows from the total, by algebra or by the known ranges', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 30 }), { minLength: 1, maxLength: 8 }), (values) => {
        const input = table1(values);
        const out = suppress(input, T);
        checkCommon(input, out);
        // ranges: small rows hold 1..T-1, secondary rows ≥ T; each hidden row must have ≥ 2 possible values
        const hidden = out.rows.map((r, i) => ({ i, h: r.hidden })).filter((x) => x.h);
        if (hidden.length === 0) return;
        const total = out.rows[values.length]!;
        if (total.hidden) return; // the total hidden as well: nothing to subtract from
        const visible = values.reduce((s, v, i) => s + (out.rows[i]!.hidden ? 0 : v), 0);
        const rest = Number(total.cells.persons) - visible;
        const lo = (x: { h: string | null }) => (x.h === 'small' ? 1 : T);
        const hi = (x: { h: string | null }) => (x.h === 'small' ? T - 1 : rest);
        for (const j of hidden) {
          let options = 0;
          for (let v = lo(j); v <= hi(j); v++) {
            const others = hidden.filter((x) => x !== j);
            const min = others.reduce((s, x) => s + lo(x), 0);
            const max = others.reduce((s, x) => s + hi(x), 0);
            if (rest - v >= min && rest - v <= max) options++;
          }
          expect(options).toBeGreaterThanOrEqual(2);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('2-D property with margins: no hidden value follows from row, column and grand totals', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((c) =>
          fc.array(fc.array(fc.nat({ max: 25 }), { minLength: c, maxLength: c }), {
            minLength: 1,
            maxLength: 5,
          }),
        ),
        (grid) => {
          const input = table2(grid);
          checkCommon(input, suppress(input, T));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('2-D: a lone small cell is protected by a rectangle of four hidden cells', () => {
    const input = table2([
      [2, 20, 30],
      [15, 25, 35],
      [40, 45, 50],
    ]);
    const out = suppress(input, T);
    const hiddenParts = out.rows.filter((r, i) => r.hidden && i < 9).length;
    expect(hiddenParts).toBeGreaterThanOrEqual(4);
    checkCommon(input, out);
  });
});
