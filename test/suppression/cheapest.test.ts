/**
 * Secondary cells are chosen by cost when the whole system of sums determines a small row: the cheapest
 * set of visible rows that frees it, a grand total only when no set without one does (hand-computed).
 */
import { describe, expect, it } from 'vitest';
import {
  smallSetsDetermined,
  suppressLinked,
  type Hidden,
  type Link,
  type TableInput,
} from '../../src/suppression/index.js';
import type { Group } from '../../src/suppression/protect.js';

const T = 5;
const columns = [
  { name: 'part', kind: 'key' as const },
  { name: 'persons', kind: 'persons' as const },
  { name: 'cost_minor', kind: 'money' as const },
];
const row = (part: string, persons: number) => ({
  part,
  persons: BigInt(persons),
  cost_minor: BigInt(persons) * 1_000n,
});
const one = (id: string, persons: number): TableInput => ({
  id,
  columns,
  persons: 'persons',
  rows: [row('*', persons)],
});
const sum = (table: string, parts: string[]): Link => ({
  total: { table },
  parts: { table: 'x', where: { part: parts } },
  on: [],
});

/**
 * Table x holds the parts a (2 persons, small), b (7), c, d (6) and f; one-row tables publish
 * y1 = a + b + c, y2 = b + d, y3 = a + d + f, and z repeats c (the same figure in another mart).
 * Sum by sum: y1 has a alone hidden, so its smallest part b is hidden; y2 then has b alone, so d is
 * hidden; y3 holds a and d (a = 8 − d, d ≥ 5 leaves a in 1…3). No sum has one hidden row, yet together
 * they give a away: y1 − c = a + b, y2 = b + d, y3 − f = a + d, so a = ((y1 − c) − y2 + (y3 − f)) / 2.
 */
function system(c: number, f: number | null): { tables: TableInput[]; links: Link[] } {
  const parts = [row('a', 2), row('b', 7), row('c', c), row('d', 6), ...(f === null ? [] : [row('f', f)])];
  const y3 = f === null ? ['a', 'd'] : ['a', 'd', 'f'];
  return {
    tables: [
      { id: 'x', columns, persons: 'persons', rows: parts },
      one('y1', 2 + 7 + c),
      one('y2', 7 + 6),
      one('y3', 2 + 6 + (f ?? 0)),
      one('z', c),
    ],
    links: [sum('y1', ['a', 'b', 'c']), sum('y2', ['b', 'd']), sum('y3', y3), sum('z', ['c'])],
  };
}
const hiddenOf = (out: ReturnType<typeof suppressLinked>) =>
  Object.fromEntries(out.map((t) => [t.id, t.rows.map((r) => r.hidden)]));

describe('secondary cells chosen by cost', () => {
  it('frees the small row with two cheap repeats where one at a time would hide the total', () => {
    // c = 8, f = 50: y1 = 2 + 7 + 8 = 17. Hiding c alone frees nothing (z = c shows it), so the
    // one-candidate-at-a-time search took y1 (17 persons, the total), the first row that frees a alone.
    // c with its repeat z costs 8 + 8 = 16 persons, and frees a: with c hidden, y1 − a − b − c = 0 adds
    // an unknown (d then moves a, b and c). f (50) would free a too, at a higher price.
    const { tables, links } = system(8, 50);
    const out = hiddenOf(suppressLinked(tables, T, links));
    expect(out.x).toEqual(['small', 'secondary', 'secondary', 'secondary', null]);
    expect(out.y1).toEqual([null]);
    expect(out.z).toEqual(['secondary']);
    expect([out.y2, out.y3]).toEqual([[null], [null]]);
  });

  it('keeps every total while some set without one protects, even a dearer one', () => {
    // c = 40, f = 50: by persons the cheapest protection is a total: y2 (7 + 6 = 13 persons; hiding it
    // adds an unknown to b + d) or y1 (2 + 7 + 40 = 49). They are grand totals (a total of a sum, a part
    // of none), so the cheapest set without one is taken: f (50 persons; c with z costs 40 + 40 = 80).
    // One candidate at a time took y1 here as well (c, its first candidate, frees nothing alone).
    const { tables, links } = system(40, 50);
    const out = hiddenOf(suppressLinked(tables, T, links));
    expect(out.x).toEqual(['small', 'secondary', null, 'secondary', 'secondary']);
    expect([out.y1, out.y2, out.y3, out.z]).toEqual([[null], [null], [null], [null]]);
  });

  it('hides a total when nothing else protects, the cheapest one', () => {
    // without f, and with y1 = a + b + c, the repeat pair c, z still frees a; so y1 = a + b
    // (c = 0: an empty row is no candidate) leaves only the totals: y1 = 9, y2 = 13, y3 = 2 + 6 = 8 persons
    const { tables, links } = system(0, null);
    const out = hiddenOf(suppressLinked(tables, T, links));
    expect(out.x).toEqual(['small', 'secondary', null, 'secondary']);
    expect([out.y1, out.y2, out.y3]).toEqual([[null], [null], ['secondary']]);
  });

  it('hides nothing more for a row that only ties between hidden rows determine', () => {
    // x: a (1 person, 805,200 kr) + b (20) = total (21). q: two 1-person cells u and v of one service
    // in two quadrants, their sum known elsewhere (a `known` dimension); both cost 805,200 kr too (a flat
    // rate), so the same-figure links read a = u and a = v: then u + v = 2a gives a, whatever is shown.
    // x's sum hides b (a alone hidden there); hiding the total, as the one-at-a-time search did, frees
    // nothing, so it stays.
    const cols = [
      { name: 'quadrant', kind: 'key' as const },
      { name: 'persons', kind: 'persons' as const },
      { name: 'cost_minor', kind: 'money' as const },
    ];
    const x: TableInput = {
      id: 'x',
      columns,
      persons: 'persons',
      dimensions: [{ column: 'part', total: '*' }],
      rows: [
        { part: 'a', persons: 1n, cost_minor: 80_520_000n },
        row('b', 20),
        { part: '*', persons: 21n, cost_minor: 80_520_000n + 20_000n },
      ],
    };
    const q: TableInput = {
      id: 'q',
      columns: cols,
      persons: 'persons',
      dimensions: [{ column: 'quadrant', total: '*', known: true }],
      rows: [
        { quadrant: 'hl', persons: 1n, cost_minor: 80_520_000n },
        { quadrant: 'll', persons: 1n, cost_minor: 80_520_000n },
      ],
    };
    const same = (quadrant: string): Link => ({
      total: { table: 'x', where: { part: ['a'] } },
      parts: { table: 'q', where: { quadrant: [quadrant] } },
      on: [],
    });
    const out = hiddenOf(suppressLinked([x, q], T, [same('hl'), same('ll')]));
    expect(out.x).toEqual(['small', 'secondary', null]);
    expect(out.q).toEqual(['small', 'small']);
  });
});

describe('a row hidden repeats determine', () => {
  it('is still protected against a subtraction of shown figures', () => {
    // c: age bands b1 (2 persons), b2 (1), b3 (4), old (1), all = 8; h publishes b1 + b2 + b3 = 7, so
    // all − h = old (1 person) though every band is hidden. old also repeats two 1-person cells u, v of
    // q whose sum is known (the flat-rate coincidence): 2·old = u + v, determined whatever is hidden.
    // Asked again with u, v free to differ from old, the cheapest protection is h (7 persons; all: 8).
    const band = (part: string, persons: number) => row(part, persons);
    const c: TableInput = {
      id: 'c',
      columns,
      persons: 'persons',
      dimensions: [{ column: 'part', total: '*' }],
      rows: [band('b1', 2), band('b2', 1), band('b3', 4), band('old', 1), band('*', 8)],
    };
    const q: TableInput = {
      id: 'q',
      columns,
      persons: 'persons',
      dimensions: [{ column: 'part', total: '*', known: true }],
      rows: [row('u', 1), row('v', 1)],
    };
    const links: Link[] = [
      { total: { table: 'h' }, parts: { table: 'c', where: { part: ['b1', 'b2', 'b3'] } }, on: [] },
      ...['u', 'v'].map((part) => ({
        total: { table: 'c', where: { part: ['old'] } },
        parts: { table: 'q', where: { part: [part] } },
        on: [],
      })),
    ];
    const out = hiddenOf(suppressLinked([c, one('h', 7), q], T, links));
    expect(out.c).toEqual(['small', 'small', 'small', 'small', null]);
    expect(out.h).toEqual(['secondary']);
  });
});

/**
 * Rows 0–11: four sums p + q = T, each with its total shown (index: p0 0, q0 1, T0 2; r1 3, s1 4, T1 5;
 * r2 6, s2 7, T2 8; p3 9, q3 10, T3 11). q0, r1, r2, q3 are small (1 person), p, s secondary (10).
 * Each sum keeps a free secondary row, so no set of small rows is determined. With weights affine in
 * the column (w_c = 1 + (c·2654435761 + 12345) mod (P − 1)) the prints were q0 = w1, q3 = w7,
 * r1 = −w3, r2 = −w5, and w1 + w7 − w3 − w5 = 0 (1 + 7 = 3 + 5): a false set of 4 persons.
 */
describe('small sets by their null-space prints', () => {
  const total = (a: number, b: number, t: number): Group => ({
    members: [
      { row: a, coef: 1 },
      { row: b, coef: 1 },
      { row: t, coef: -1 },
    ],
  });
  const groups = [total(0, 1, 2), total(3, 4, 5), total(6, 7, 8), total(9, 10, 11)];
  const hidden: (Hidden | null)[] = ['secondary', 'small', null, 'small', 'secondary', null];
  hidden.push('small', 'secondary', null, 'secondary', 'small', null);
  const persons = [10, 1, 11, 1, 10, 11, 1, 10, 11, 10, 1, 11, 2];

  it('finds no set where each sum keeps a free row', () => {
    expect(smallSetsDetermined(groups, hidden, persons, T)).toBeNull();
  });

  it('finds the set a further sum gives away', () => {
    // row 12 (shown) = q0 + r1: two small rows, 2 persons, their total published
    expect(smallSetsDetermined([...groups, total(1, 3, 12)], [...hidden, null], persons, T)).toEqual([1, 3]);
  });
});
