import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildGroups,
  suppress,
  suppressLinked,
  type PublishedTable,
  type TableInput,
} from '../../src/suppression/index.js';

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

describe('rows that require rows of other tables', () => {
  /** B: one row per cell of A's grid (key a_band, a_col), its own 1-D sum over a_band; C: one row per A band */
  function dependent(grid: number[][], bPersons: number[]): TableInput {
    const rows: Record<string, bigint | string>[] = [];
    grid.forEach((row, r) =>
      row.forEach((_, c) => {
        const p = bPersons[(r * row.length + c) % bPersons.length]!;
        rows.push({ band: `r${r}`, col: `c${c}`, persons: BigInt(p), cost_minor: BigInt(p * 991) });
      }),
    );
    grid[0]!.forEach((_, c) => {
      const p = rows.filter((x) => x.col === `c${c}`).reduce((a, x) => a + (x.persons as bigint), 0n);
      rows.push({ band: '*', col: `c${c}`, persons: p, cost_minor: p * 991n });
    });
    return {
      id: 'b',
      columns,
      rows,
      persons: 'persons',
      dimensions: [{ column: 'band', total: '*' }],
      requires: [{ table: 't2', on: ['band', 'col'] }],
    };
  }
  const byKey = (out: PublishedTable, ...cols: string[]) =>
    new Map(out.rows.map((r) => [cols.map((c) => String(r.cells[c])).join('|'), r.hidden]));

  it('property: no row is shown whose required row is hidden, and a requirement hides nothing else', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((c) =>
          fc.array(fc.array(fc.nat({ max: 25 }), { minLength: c, maxLength: c }), {
            minLength: 1,
            maxLength: 4,
          }),
        ),
        fc.array(fc.nat({ max: 25 }), { minLength: 1, maxLength: 6 }),
        (grid, bPersons) => {
          const a = table2(grid);
          const b = dependent(grid, bPersons);
          // C requires B's rows of its band (a map: C's `row` is B's `band`), and so hangs on A through B
          const c: TableInput = {
            id: 'c',
            columns: [
              { name: 'row', kind: 'key' },
              { name: 'persons', kind: 'persons' },
            ],
            rows: grid.map((_, r) => ({ row: `r${r}`, persons: 50n })),
            persons: 'persons',
            requires: [{ table: 'b', on: { row: 'band' } }],
          };
          const [pa, pb, pc] = suppressLinked([a, b, c], T);
          // the same tables without their requirements: a hidden requirement triggers no other hidden cell
          const free = suppressLinked([a, { ...b, requires: undefined }, { ...c, requires: undefined }], T);
          expect(pa!.rows.map((r) => r.hidden)).toEqual(free[0]!.rows.map((r) => r.hidden));
          checkCommon(a, pa!);
          const aHidden = byKey(pa!, 'band', 'col');
          pb!.rows.forEach((r, i) => {
            const required = aHidden.get(`${String(r.cells.band)}|${String(r.cells.col)}`);
            // shown only where its own protection shows it and its required row (if any) is shown
            const own = free[1]!.rows[i]!.hidden;
            expect(r.hidden === null).toBe(own === null && !required);
            if (r.hidden && !own) expect(r.hidden).toBe('secondary');
          });
          pc!.rows.forEach((r) => {
            const needs = pb!.rows.filter((x) => x.cells.band === r.cells.row);
            expect(r.hidden === null).toBe(needs.every((x) => x.hidden === null));
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('hides every row that requires a table not published with it (the requirement cannot be checked)', () => {
    const c: TableInput = {
      id: 'c',
      columns: [
        { name: 'row', kind: 'key' },
        { name: 'persons', kind: 'persons' },
      ],
      rows: [{ row: 'r0', persons: 50n }],
      persons: 'persons',
      requires: [{ table: 'b', on: { row: 'band' } }],
    };
    expect(suppress(c, T).rows[0]!.hidden).toBe('secondary');
    // a required table published with no matching row requires nothing
    expect(suppressLinked([c, { ...table1([10]), id: 'b' }], T)[0]!.rows[0]!.hidden).toBeNull();
  });
});
