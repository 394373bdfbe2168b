/**
 * Secondary suppression hides no row that the other hidden rows make unnecessary (hand-computed).
 */
import { describe, expect, it } from 'vitest';
import { suppressLinked, type TableInput } from '../../src/suppression/index.js';

const T = 5;
const columns = [
  { name: 'part', kind: 'key' as const },
  { name: 'persons', kind: 'persons' as const },
  { name: 'cost_minor', kind: 'money' as const },
];
const row = (part: string, persons: bigint) => ({ part, persons, cost_minor: persons * 1_000n });

describe('secondary suppression hides only what it needs', () => {
  it('shows again a complement that a later one made unnecessary', () => {
    // x: a (2, small) + c (6) + e (9) + b (50) = 67; y publishes a + e = 11 (a linked total)
    const x: TableInput = {
      id: 'x',
      columns,
      persons: 'persons',
      dimensions: [{ column: 'part', total: '*' }],
      rows: [row('a', 2n), row('c', 6n), row('e', 9n), row('b', 50n), row('*', 67n)],
    };
    const y: TableInput = { id: 'y', columns, persons: 'persons', rows: [row('*', 11n)] };
    const links = [{ total: { table: 'y' }, parts: { table: 'x', where: { part: ['a', 'e'] } }, on: [] }];
    const [px, py] = suppressLinked([x, y], T, links);
    // x's sum first hid c (its smallest visible part), then y's sum hid e; with e hidden, c is not needed:
    // a + e = 11 with a in 1…4 and e ≥ 5 leaves a free (1…4) in both sums
    expect(px!.rows.map((r) => r.hidden)).toEqual(['small', null, 'secondary', null, null]);
    expect(py!.rows.map((r) => r.hidden)).toEqual([null]);
  });

  it('keeps every complement that is needed (a 2 × 2 table with margins hides a rectangle)', () => {
    const cols = [
      { name: 'r', kind: 'key' as const },
      { name: 'c', kind: 'key' as const },
      { name: 'persons', kind: 'persons' as const },
    ];
    const cells: [string, string, bigint][] = [
      ['1', '1', 2n],
      ['1', '2', 10n],
      ['1', '*', 12n],
      ['2', '1', 20n],
      ['2', '2', 30n],
      ['2', '*', 50n],
      ['*', '1', 22n],
      ['*', '2', 40n],
      ['*', '*', 62n],
    ];
    const [t] = suppressLinked(
      [
        {
          id: 't',
          columns: cols,
          persons: 'persons',
          dimensions: [
            { column: 'r', total: '*' },
            { column: 'c', total: '*' },
          ],
          rows: cells.map(([r, c, persons]) => ({ r, c, persons })),
        },
      ],
      T,
    );
    // the small cell (1,1) and its rectangle (1,2), (2,1), (2,2): fewer would leave one alone in a sum
    expect(t!.rows.map((x) => x.hidden)).toEqual([
      'small',
      'secondary',
      null,
      'secondary',
      'secondary',
      null,
      null,
      null,
      null,
    ]);
  });
});
